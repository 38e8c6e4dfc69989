// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define CHECK_TABLE(t, max) _Static_assert(ARRAY_SIZE(t) == (max), #t " does not match " #max)

const char *const fg_scope_names[] = {
	[FG_SCOPE_CONFIGURATION] = "configuration",
	[FG_SCOPE_DEBUG_READ_ONLY] = "debug-read-only",
	[FG_SCOPE_DEBUG_WRITE] = "debug-write",
	[FG_SCOPE_DEBUG_WRITE_FULL] = "debug-write-full",
};
CHECK_TABLE(fg_scope_names, FG_SCOPE_MAX);

const char *const fg_devtype_names[] = {
	[FG_DEVTYPE_UNKNOWN] = "unknown",
	[FG_DEVTYPE_MLX5] = "mlx5",
	[FG_DEVTYPE_CXL] = "cxl",
	[FG_DEVTYPE_BNXT] = "bnxt",
	[FG_DEVTYPE_PDS] = "pds",
};
CHECK_TABLE(fg_devtype_names, FG_DEVTYPE_MAX);

const char *const fg_action_names[] = {
	[FG_ACTION_ALLOW] = "allow",
	[FG_ACTION_DENY] = "deny",
	[FG_ACTION_AUDIT] = "audit",
};
CHECK_TABLE(fg_action_names, FG_ACTION_MAX);

static const char *const reason_names[] = {
	[FG_REASON_RULE] = "rule",
	[FG_REASON_DEFAULT] = "default",
	[FG_REASON_UNREADABLE] = "unreadable",
	[FG_REASON_MALFORMED] = "malformed",
	[FG_REASON_NO_POLICY] = "no-policy",
	[FG_REASON_COMPAT] = "compat",
};
CHECK_TABLE(reason_names, FG_REASON_MAX);

static const char *const hook_names[] = {
	[FG_HOOK_IOCTL] = "ioctl",
	[FG_HOOK_IOCTL_COMPAT] = "ioctl-compat",
};
CHECK_TABLE(hook_names, FG_HOOK_MAX);

static const char *const stat_names[] = {
	[FG_STAT_ALLOWED] = "allowed",
	[FG_STAT_DENIED] = "denied",
	[FG_STAT_AUDITED] = "audited",
	[FG_STAT_EVENTS_LOST] = "events-lost",
};
CHECK_TABLE(stat_names, FG_STAT_MAX);

/* Values outside the table print as "?" rather than crash: events carry
 * what the caller passed (an out-of-range scope, say). */
static const char *lookup(const char *const *t, size_t n, __u32 v)
{
	return v < n && t[v] ? t[v] : "?";
}

static int find(const char *const *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] && !strcmp(t[i], name))
			return (int)i;
	return -ENOENT;
}

const char *fg_scope_name(__u32 v) { return lookup(fg_scope_names, FG_SCOPE_MAX, v); }
const char *fg_devtype_name(__u32 v) { return lookup(fg_devtype_names, FG_DEVTYPE_MAX, v); }
const char *fg_action_name(__u32 v) { return lookup(fg_action_names, FG_ACTION_MAX, v); }
const char *fg_reason_name(__u32 v) { return lookup(reason_names, FG_REASON_MAX, v); }
const char *fg_hook_name(__u32 v) { return lookup(hook_names, FG_HOOK_MAX, v); }
const char *fg_stat_name(__u32 v) { return lookup(stat_names, FG_STAT_MAX, v); }

int fg_scope_parse(const char *name) { return find(fg_scope_names, FG_SCOPE_MAX, name); }
int fg_devtype_parse(const char *name) { return find(fg_devtype_names, FG_DEVTYPE_MAX, name); }
int fg_action_parse(const char *name) { return find(fg_action_names, FG_ACTION_MAX, name); }
