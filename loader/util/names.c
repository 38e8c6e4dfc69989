// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/names.h"

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

const char *const fg_effect_names[] = {
	[FG_EFFECT_READ_ONLY] = "read-only",
	[FG_EFFECT_CONFIG_CHANGE_IMMEDIATE] = "config-change-immediate",
	[FG_EFFECT_CONFIG_CHANGE_AFTER_RESET] = "config-change-after-reset",
	[FG_EFFECT_DATA_CHANGE_IMMEDIATE] = "data-change-immediate",
	[FG_EFFECT_POLICY_CHANGE] = "policy-change",
	[FG_EFFECT_LOG_CHANGE] = "log-change",
	[FG_EFFECT_SECURITY_STATE_CHANGE] = "security-state-change",
	[FG_EFFECT_BACKGROUND] = "background",
	[FG_EFFECT_FIRMWARE_CHANGE] = "firmware-change",
	[FG_EFFECT_RESET] = "reset",
	[FG_EFFECT_DESTRUCTIVE] = "destructive",
	[FG_EFFECT_UNKNOWN] = "unknown",
};
CHECK_TABLE(fg_effect_names, FG_EFFECT_MAX);

static const char *const decode_status_names[] = {
	[FG_DECODE_OK] = "ok",
	[FG_DECODE_MALFORMED] = "malformed",
	[FG_DECODE_UNREADABLE] = "unreadable",
	[FG_DECODE_UNKNOWN_TYPE] = "unknown-type",
};
CHECK_TABLE(decode_status_names, FG_DECODE_STATUS_MAX);

static const struct {
	__u32 opcode;
	const char *name;
} cxl_opcodes[] = {
	{ FG_CXL_GET_SUPPORTED_FEATURES, "get_supported_features" },
	{ FG_CXL_GET_FEATURE, "get_feature" },
	{ FG_CXL_SET_FEATURE, "set_feature" },
};

/* CXL features with a name: the kernel's own (include/cxl/features.h) and
 * the vendor test feature of its CXL mock (tools/testing/cxl/test/mem.c). */
static const struct {
	const char *name;
	__u8 uuid[16];
} cxl_features[] = {
	{ "patrol_scrub", { 0x96, 0xda, 0xd7, 0xd6, 0xfd, 0xe8, 0x48, 0x2b,
			    0xa7, 0x33, 0x75, 0x77, 0x4e, 0x06, 0xdb, 0x8a } },
	{ "ecs", { 0xe5, 0xb1, 0x3f, 0x22, 0x23, 0x28, 0x4a, 0x14,
		   0xb8, 0xba, 0xb9, 0x69, 0x1e, 0x89, 0x33, 0x86 } },
	{ "soft_ppr", { 0x89, 0x2b, 0xa4, 0x75, 0xfa, 0xd8, 0x47, 0x4e,
			0x9d, 0x3e, 0x69, 0x2c, 0x91, 0x75, 0x68, 0xbb } },
	{ "hard_ppr", { 0x80, 0xea, 0x45, 0x21, 0x78, 0x6f, 0x41, 0x27,
			0xaf, 0xb1, 0xec, 0x74, 0x59, 0xfb, 0x0e, 0x24 } },
	{ "cacheline_sparing", { 0x96, 0xc3, 0x33, 0x86, 0x91, 0xdd, 0x44, 0xc7,
				 0x9e, 0xcb, 0xfd, 0xaf, 0x65, 0x03, 0xba, 0xc4 } },
	{ "row_sparing", { 0x45, 0x0e, 0xbf, 0x67, 0xb1, 0x35, 0x4f, 0x97,
			   0xa4, 0x98, 0xc2, 0xd5, 0x7f, 0x27, 0x9b, 0xed } },
	{ "bank_sparing", { 0x78, 0xb7, 0x96, 0x36, 0x90, 0xac, 0x4b, 0x64,
			    0xa4, 0xef, 0xfa, 0xac, 0x5d, 0x18, 0xa8, 0x63 } },
	{ "rank_sparing", { 0x34, 0xdb, 0xaf, 0xf5, 0x05, 0x52, 0x42, 0x81,
			    0x8f, 0x76, 0xda, 0x0b, 0x5e, 0x7a, 0x76, 0xa7 } },
	{ "vendor_test", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
};

static const char *const mode_names[] = {
	[FG_MODE_ENFORCE] = "enforce",
	[FG_MODE_PERMISSIVE] = "permissive",
};
CHECK_TABLE(mode_names, FG_MODE_MAX);

static const char *const reason_names[] = {
	[FG_REASON_RULE] = "rule",
	[FG_REASON_DEFAULT] = "default",
	[FG_REASON_UNREADABLE] = "unreadable",
	[FG_REASON_MALFORMED] = "malformed",
	[FG_REASON_NO_POLICY] = "no-policy",
	[FG_REASON_COMPAT] = "compat",
	[FG_REASON_UNKNOWN_DEVICE] = "unknown-device",
	[FG_REASON_SELF] = "loader-read",
	[FG_REASON_TAMPER] = "tamper",
	[FG_REASON_UNJUDGED] = "unjudged",
	[FG_REASON_URING] = "uring-cmd",
	[FG_REASON_SEALED] = "sealed",
	[FG_REASON_GUARD_CHANGE] = "guard-change",
	[FG_REASON_RELOAD] = "sealed-reload",
	[FG_REASON_UNKNOWN_IOCTL] = "unknown-ioctl",
	[FG_REASON_EXE_RULES] = "exe-rules",
};
CHECK_TABLE(reason_names, FG_REASON_MAX);

static const char *const hook_names[] = {
	[FG_HOOK_IOCTL] = "ioctl",
	[FG_HOOK_IOCTL_COMPAT] = "ioctl-compat",
	[FG_HOOK_CAPABLE] = "capable",
	[FG_HOOK_RPC] = "fwctl-cmd-rpc",
	[FG_HOOK_FW_RPC] = "driver-fw-rpc",
	[FG_HOOK_URING_CMD] = "uring-cmd",
	[FG_HOOK_BPF] = "bpf",
	[FG_HOOK_BPF_MAP] = "bpf-map",
	[FG_HOOK_BPF_PROG] = "bpf-prog",
	[FG_HOOK_INODE_UNLINK] = "inode-unlink",
	[FG_HOOK_INODE_RENAME] = "inode-rename",
	[FG_HOOK_INODE_RMDIR] = "inode-rmdir",
	[FG_HOOK_SB_UMOUNT] = "sb-umount",
	[FG_HOOK_SB_MOUNT] = "sb-mount",
	[FG_HOOK_MOVE_MOUNT] = "move-mount",
	[FG_HOOK_SB_PIVOTROOT] = "sb-pivotroot",
	[FG_HOOK_PTRACE] = "ptrace",
	[FG_HOOK_KILL_SUPER] = "bpffs-kill",
	[FG_HOOK_FILE_RECEIVE] = "file-receive",
	[FG_HOOK_BPRM_CHECK] = "bprm-check",
	[FG_HOOK_TASK_PRCTL] = "task-prctl",
};
CHECK_TABLE(hook_names, FG_HOOK_MAX);

static const char *const exe_status_names[] = {
	[FG_EXE_OK] = "ok",
	[FG_EXE_NONE] = "none",
	[FG_EXE_UNRESOLVED] = "unresolved",
	[FG_EXE_NOT_READ] = "not-read",
};
CHECK_TABLE(exe_status_names, FG_EXE_STATUS_MAX);

/* Why an exe does not count (fg_caller.exe_trust), in bit order. */
static const char *const untrust_names[] = {
	[FG_UNTRUST_TRACED] = "traced",
	[FG_UNTRUST_ATTACHED] = "attached",
	[FG_UNTRUST_RELABELLED] = "relabelled",
	[FG_UNTRUST_BINFMT_INTERP] = "binfmt-interp",
	[FG_UNTRUST_BINFMT_LOADER] = "binfmt-loader",
	[FG_UNTRUST_UNKNOWN] = "unknown",
};
CHECK_TABLE(untrust_names, FG_UNTRUST_MAX);

static const char *const stat_names[] = {
	[FG_STAT_ALLOWED] = "allowed",
	[FG_STAT_DENIED] = "denied",
	[FG_STAT_AUDITED] = "audited",
	[FG_STAT_EVENTS_LOST] = "events-lost",
	[FG_STAT_PERMITTED] = "permitted",
	[FG_STAT_TAMPERED] = "tampered",
	[FG_STAT_GUARD_REFUSED] = "guard-refused",
};
CHECK_TABLE(stat_names, FG_STAT_MAX);

static const char *const event_type_names[] = {
	[FG_EVENT_DECISION] = "decision",
	[FG_EVENT_TAMPER] = "tamper",
	[FG_EVENT_GUARD] = "guard",
};
CHECK_TABLE(event_type_names, FG_EVENT_TYPE_MAX);

static const char *const guard_op_names[] = {
	[FG_GUARD_MAP_WRITE] = "map-write",
	[FG_GUARD_PROG_FD] = "prog-fd",
	[FG_GUARD_LINK_FD] = "link-fd",
	[FG_GUARD_UNLINK] = "unlink-pin",
	[FG_GUARD_RENAME] = "rename-pin",
	[FG_GUARD_RMDIR] = "rmdir-pins",
	[FG_GUARD_UMOUNT] = "umount-bpffs",
	[FG_GUARD_MAP_FD] = "map-fd",
	[FG_GUARD_DETACH] = "detach-mountpoint",
	[FG_GUARD_MOVE] = "move-mount",
	[FG_GUARD_MAP_ITER] = "map-iter",
	[FG_GUARD_PTRACE] = "ptrace-loader",
	[FG_GUARD_PINS_GONE] = "pins-destroyed",
	[FG_GUARD_FD_PASS] = "map-fd-pass",
	[FG_GUARD_LOADER_OP] = "loader-confined",
	[FG_GUARD_EXE_RELABEL] = "exe-relabel",
};
CHECK_TABLE(guard_op_names, FG_GUARD_OP_MAX);

/* FG_TAMPER_* bits, in bit order. */
static const struct {
	__u32 bit;
	const char *name;
} tamper_bits[] = {
	{ FG_TAMPER_SCOPE, "scope" },
	{ FG_TAMPER_IN_LEN, "in_len" },
	{ FG_TAMPER_OUT_LEN, "out_len" },
	{ FG_TAMPER_IN_PTR, "in" },
	{ FG_TAMPER_OUT_PTR, "out" },
	{ FG_TAMPER_PAYLOAD, "payload" },
	{ FG_TAMPER_KILLED, "killed" },
};

/* The `tamper` statement's words. */
static const char *const tamper_names[] = {
	[FG_TAMPER_REPORT] = "report",
	[FG_TAMPER_KILL] = "kill",
};
CHECK_TABLE(tamper_names, FG_TAMPER_ACTION_MAX);

/* As status shows them; the policy writes `seal` for sealed and
 * `seal reload` for reload, and nothing for none. */
static const char *const seal_names[] = {
	[FG_SEAL_NONE] = "none",
	[FG_SEAL_ON] = "sealed",
	[FG_SEAL_RELOAD] = "reload",
};
CHECK_TABLE(seal_names, FG_SEAL_MODE_MAX);

/* Values outside the table print as "?" rather than crash: events carry
 * what the caller passed (an out-of-range scope, say). */
static const char *lookup_name(const char *const *t, size_t n, __u32 v)
{
	return v < n && t[v] ? t[v] : "?";
}

static int find_name(const char *const *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] && !strcmp(t[i], name))
			return (int)i;
	return -ENOENT;
}

const char *fg_scope_name(__u32 v) { return lookup_name(fg_scope_names, FG_SCOPE_MAX, v); }
const char *fg_devtype_name(__u32 v) { return lookup_name(fg_devtype_names, FG_DEVTYPE_MAX, v); }
const char *fg_action_name(__u32 v) { return lookup_name(fg_action_names, FG_ACTION_MAX, v); }
const char *fg_reason_name(__u32 v) { return lookup_name(reason_names, FG_REASON_MAX, v); }
const char *fg_hook_name(__u32 v) { return lookup_name(hook_names, FG_HOOK_MAX, v); }
const char *fg_stat_name(__u32 v) { return lookup_name(stat_names, FG_STAT_MAX, v); }

const char *fg_event_type_name(__u32 v) { return lookup_name(event_type_names, FG_EVENT_TYPE_MAX, v); }
int fg_event_type_parse(const char *name) { return find_name(event_type_names, FG_EVENT_TYPE_MAX, name); }
const char *fg_guard_op_name(__u32 v) { return lookup_name(guard_op_names, FG_GUARD_OP_MAX, v); }
int fg_guard_op_parse(const char *name) { return find_name(guard_op_names, FG_GUARD_OP_MAX, name); }

int fg_tamper_format(__u32 mask, char *buf, size_t len)
{
	size_t i, off = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < sizeof(tamper_bits) / sizeof(tamper_bits[0]); i++) {
		if (!(mask & tamper_bits[i].bit))
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? "," : "", tamper_bits[i].name);
		if (n < 0 || (size_t)n >= len - off)
			return -ENOSPC;
		off += n;
	}
	return 0;
}

int fg_tamper_bit_parse(const char *name, __u32 *bit)
{
	size_t i;

	for (i = 0; i < sizeof(tamper_bits) / sizeof(tamper_bits[0]); i++)
		if (!strcmp(tamper_bits[i].name, name)) {
			*bit = tamper_bits[i].bit;
			return 0;
		}
	return -ENOENT;
}

const char *fg_exe_status_name(__u32 v) { return lookup_name(exe_status_names, FG_EXE_STATUS_MAX, v); }
const char *fg_untrust_name(__u32 v) { return v < FG_UNTRUST_MAX ? untrust_names[v] : NULL; }

int fg_untrust_format(__u32 mask, char *buf, size_t len)
{
	size_t off = 0;
	__u32 u;
	int n;

	buf[0] = '\0';
	for (u = 0; u < FG_UNTRUST_MAX; u++) {
		if (!(mask & FG_UNTRUST_BIT(u)))
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? "," : "", untrust_names[u]);
		if (n < 0 || (size_t)n >= len - off)
			return -ENOSPC;
		off += n;
	}
	return 0;
}

int fg_untrust_parse(const char *list, __u32 *mask)
{
	char buf[256], *tok, *save;
	int u;

	*mask = 0;
	if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf))
		return -ENOENT;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		u = find_name(untrust_names, FG_UNTRUST_MAX, tok);
		if (u < 0)
			return u;
		*mask |= FG_UNTRUST_BIT(u);
	}
	return 0;
}
int fg_reason_parse(const char *name) { return find_name(reason_names, FG_REASON_MAX, name); }
int fg_hook_parse(const char *name) { return find_name(hook_names, FG_HOOK_MAX, name); }
int fg_exe_status_parse(const char *name) { return find_name(exe_status_names, FG_EXE_STATUS_MAX, name); }

int fg_scope_parse(const char *name) { return find_name(fg_scope_names, FG_SCOPE_MAX, name); }
int fg_devtype_parse(const char *name) { return find_name(fg_devtype_names, FG_DEVTYPE_MAX, name); }
int fg_action_parse(const char *name) { return find_name(fg_action_names, FG_ACTION_MAX, name); }
const char *fg_effect_name(__u32 v) { return lookup_name(fg_effect_names, FG_EFFECT_MAX, v); }
const char *fg_decode_status_name(__u32 v)
{
	return lookup_name(decode_status_names, FG_DECODE_STATUS_MAX, v);
}
int fg_effect_parse(const char *name) { return find_name(fg_effect_names, FG_EFFECT_MAX, name); }
const char *fg_mode_name(__u32 v) { return lookup_name(mode_names, FG_MODE_MAX, v); }
int fg_mode_parse(const char *name) { return find_name(mode_names, FG_MODE_MAX, name); }
const char *fg_tamper_name(__u32 v) { return lookup_name(tamper_names, FG_TAMPER_ACTION_MAX, v); }
int fg_tamper_parse(const char *name) { return find_name(tamper_names, FG_TAMPER_ACTION_MAX, name); }
const char *fg_seal_name(__u32 v) { return lookup_name(seal_names, FG_SEAL_MODE_MAX, v); }
int fg_seal_parse(const char *name) { return find_name(seal_names, FG_SEAL_MODE_MAX, name); }
int fg_decode_status_parse(const char *name)
{
	return find_name(decode_status_names, FG_DECODE_STATUS_MAX, name);
}

static const char *const reg_access_names[] = {
	[FG_REG_NONE] = "none",
	[FG_REG_READ] = "read",
	[FG_REG_WRITE] = "write",
};
CHECK_TABLE(reg_access_names, FG_REG_ACCESS_MAX);

const char *fg_devtype_label(__u32 v, char buf[12])
{
	if (v < FG_DEVTYPE_MAX)
		return fg_devtype_name(v);
	snprintf(buf, 12, "%u", v);
	return buf;
}

const char *fg_reg_access_name(__u32 v)
{
	return lookup_name(reg_access_names, FG_REG_ACCESS_MAX, v);
}

int fg_reg_access_parse(const char *name)
{
	return find_name(reg_access_names, FG_REG_ACCESS_MAX, name);
}

/* The fwctl ioctls by name: the mainline two (include/uapi/fwctl/fwctl.h)
 * and the two of NVIDIA's out-of-tree uAPI that mstflint 4.35 uses. */
static const struct {
	__u32 nr;
	const char *name;
} fwctl_ioctls[] = {
	{ FG_FWCTL_INFO, "info" },
	{ FG_FWCTL_RPC, "rpc" },
	{ 0x9A02, "rsc-destroy" },
	{ 0x9A03, "rsc-umem-reg" },
};

const char *fg_ioctl_name(__u32 nr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fwctl_ioctls); i++)
		if (fwctl_ioctls[i].nr == nr)
			return fwctl_ioctls[i].name;
	return NULL;
}

int fg_ioctl_parse(const char *name, __u32 *nr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fwctl_ioctls); i++)
		if (!strcmp(fwctl_ioctls[i].name, name)) {
			*nr = fwctl_ioctls[i].nr;
			return 0;
		}
	return -ENOENT;
}

const char *fg_cxl_opcode_name(__u32 opcode)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cxl_opcodes); i++)
		if (cxl_opcodes[i].opcode == opcode)
			return cxl_opcodes[i].name;
	return NULL;
}

int fg_cxl_opcode_parse(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cxl_opcodes); i++)
		if (!strcmp(cxl_opcodes[i].name, name))
			return (int)cxl_opcodes[i].opcode;
	return -ENOENT;
}

const char *fg_cxl_feature_name(const __u8 uuid[16])
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cxl_features); i++)
		if (!memcmp(cxl_features[i].uuid, uuid, 16))
			return cxl_features[i].name;
	return NULL;
}

const char *fg_cxl_feature_name_at(unsigned int i)
{
	return i < ARRAY_SIZE(cxl_features) ? cxl_features[i].name : NULL;
}

int fg_cxl_feature_parse(const char *name, __u8 uuid[16])
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cxl_features); i++)
		if (!strcmp(cxl_features[i].name, name)) {
			memcpy(uuid, cxl_features[i].uuid, 16);
			return 0;
		}
	return -ENOENT;
}

int fg_effects_format(__u32 mask, char *buf, size_t len)
{
	size_t off = 0;
	int i;

	if (len)
		buf[0] = '\0';
	if (!mask)
		return snprintf(buf, len, "none");
	for (i = 0; i < FG_EFFECT_MAX; i++) {
		if (!(mask & FG_EFFECT_BIT(i)))
			continue;
		off += snprintf(off < len ? buf + off : NULL, off < len ? len - off : 0, "%s%s",
				off ? "," : "", fg_effect_names[i]);
	}
	if (mask >> FG_EFFECT_MAX)
		off += snprintf(off < len ? buf + off : NULL, off < len ? len - off : 0,
				"%s0x%x", off ? "," : "", mask >> FG_EFFECT_MAX << FG_EFFECT_MAX);
	return (int)off;
}

void fg_uuid_format(const __u8 u[16], char buf[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i, o = 0;

	/* By hand: every event with a feature formats one, and snprintf
	 * was a fifth of the JSON sink's time. */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[o++] = '-';
		buf[o++] = hex[u[i] >> 4];
		buf[o++] = hex[u[i] & 0xf];
	}
	buf[o] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int fg_uuid_parse(const char *s, __u8 uuid[16])
{
	int i, o = 0;

	if (strlen(s) != 36)
		return -EINVAL;
	for (i = 0; i < 36;) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -EINVAL;
			continue;
		}
		hi = hexval(s[i]);
		lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		uuid[o++] = (__u8)(hi << 4 | lo);
		i += 2;
	}
	return 0;
}

/* capabilities(7), without the CAP_ prefix: include/uapi/linux/capability.h. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid",
	"setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast",
	"net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
	"sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write",
	"audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
	"block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
};

const char *fg_cap_name(unsigned int cap)
{
	return cap < sizeof(cap_names) / sizeof(cap_names[0]) ? cap_names[cap] : NULL;
}

int fg_cap_parse(const char *name)
{
	unsigned int i;
	char *end;
	unsigned long v;

	if (*name >= '0' && *name <= '9') {
		v = strtoul(name, &end, 0);
		return *end ? -ENOENT : v < 64 ? (int)v : -ERANGE;
	}
	if (!strncasecmp(name, "cap_", 4))
		name += 4;
	for (i = 0; i < sizeof(cap_names) / sizeof(cap_names[0]); i++)
		if (!strcasecmp(name, cap_names[i]))
			return i;
	return -ENOENT;
}
