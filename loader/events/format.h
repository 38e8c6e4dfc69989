/* SPDX-License-Identifier: GPL-2.0-only */
/* One decision event as one line of key=value text. */
#ifndef FG_EVENT_FORMAT_H
#define FG_EVENT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "fwctl_guard.h"

struct fg_effects_db;

/* What a record does not carry and its writer knows: the host it was
 * decided on and the policy of its generation (NULL: not known). */
struct fg_event_origin {
	const char *host;
	const char *policy;	/* the policy's name */
	const char *sha256;	/* the policy source's SHA-256, 64 hex digits */
};

/* A record of the version, type and size this build reads (len: bytes
 * available). */
bool fg_event_readable(const struct fg_event *e, size_t len);

/* What a tamper or guard record adds, as KEY=VALUE words ("" for a
 * decision); -ENOSPC if buf is too small. */
int fg_detail_format(const struct fg_event *e, char *buf, size_t len);

/* Why the caller's exe did not count, as events show it after exe=:
 * prefix then "exe_untrusted=traced,attached"; "" when it counted. */
#define FG_UNTRUST_TEXT	96
void fg_exe_untrusted_text(const struct fg_event *e, const char *prefix, char *buf, size_t len);

/* The scope as events show it, or for an ioctl other than FWCTL_RPC
 * "- ioctl=0xNNNN(name)". */
#define FG_SCOPE_TEXT	40

/* rule ("-" for none) and scope (its name, or the number the caller
 * passed) as event lines and audit records show them. */
void fg_event_rule_scope(const struct fg_event *e, char rule[16], char scope[FG_SCOPE_TEXT]);

/* Returns the length written (truncated to len - 1), or -EINVAL for a
 * record this version does not understand. db names mlx5/bnxt commands
 * (NULL: numbers only). */
int fg_event_format(const struct fg_event *e, const struct fg_effects_db *db,
		    long long boot_offset_ns, char *buf, size_t len);

/* A decoded command as key=value text: decode=, cmd=, opcode=, per-type
 * fields (mlx5 op_mod= and fw_uid=, the firmware's uid, not the
 * caller's; pds ep=), feature= (CXL), effects=. Returns what snprintf
 * returns. */
int fg_cmd_format(const struct fg_cmd *c, const struct fg_effects_db *db, char *buf, size_t len);

/* comm as a quoted string with ", \ and bytes outside printable ASCII
 * escaped (\xNN), so that the line stays one parseable line. */
size_t fg_quote(const char *s, size_t max, char *buf, size_t len);

#endif
