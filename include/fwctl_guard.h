/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The ABI shared by the BPF programs and the userspace loader: fwctl's own
 * ioctl layout (our definitions, from drivers/fwctl/main.c and
 * include/uapi/fwctl/fwctl.h), the policy held in the policy map, and the
 * event records written to the ring buffer.
 *
 * Only fixed-width types and explicit padding, so that clang -target bpf and
 * the host compiler agree on every offset; the _Static_asserts at the end
 * hold them to it.
 */
#ifndef FWCTL_GUARD_H
#define FWCTL_GUARD_H

#include <linux/types.h>

/* ---- fwctl ABI (kernel facts) ------------------------------------------ */

/* ioctl type 0x9A, both commands _IO(): no size or direction bits. */
#define FG_FWCTL_TYPE		0x9A
#define FG_FWCTL_INFO		0x9A00
#define FG_FWCTL_RPC		0x9A01

/* fwctl_cmd_rpc() refuses in_len/out_len above this (EMSGSIZE). */
#define FG_FWCTL_MAX_RPC_LEN	(2u * 1024 * 1024)

/* The kernel's internal dev_t: MAJOR = dev >> 20 (MINORBITS). */
#define FG_KDEV_MINORBITS	20
#define FG_KDEV_MINORMASK	((1u << FG_KDEV_MINORBITS) - 1)

struct fg_fwctl_info {
	__u32 size;
	__u32 flags;
	__u32 out_device_type;
	__u32 device_data_len;
	__u64 out_device_data;
};

struct fg_fwctl_rpc {
	__u32 size;
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__u64 in;
	__u64 out;
};

/* enum fwctl_rpc_scope */
enum fg_scope {
	FG_SCOPE_CONFIGURATION = 0,
	FG_SCOPE_DEBUG_READ_ONLY = 1,
	FG_SCOPE_DEBUG_WRITE = 2,
	FG_SCOPE_DEBUG_WRITE_FULL = 3,
	FG_SCOPE_MAX,
};

/* enum fwctl_device_type; 0 is the kernel's "error", we use it for "not
 * in the registry". */
enum fg_devtype {
	FG_DEVTYPE_UNKNOWN = 0,
	FG_DEVTYPE_MLX5 = 1,
	FG_DEVTYPE_CXL = 2,
	FG_DEVTYPE_BNXT = 3,
	FG_DEVTYPE_PDS = 4,
	FG_DEVTYPE_MAX,
};

/* ---- policy ------------------------------------------------------------ */

#define FG_ABI_VERSION		1
#define FG_MAX_RULES		64
#define FG_POLICY_NAME_LEN	64

enum fg_action {
	FG_ACTION_ALLOW = 0,
	FG_ACTION_DENY = 1,
	FG_ACTION_AUDIT = 2,	/* allow, and emit an event */
	FG_ACTION_MAX,
};

/* A rule matches when every one of its conditions holds. */
struct fg_rule {
	__u8 action;		/* enum fg_action */
	__u8 scope_min;		/* inclusive, enum fg_scope */
	__u8 scope_max;		/* inclusive */
	__u8 _pad0;
	__u32 devtype_mask;	/* bit (1 << enum fg_devtype); see FG_DEVTYPE_ANY */
};

#define FG_DEVTYPE_ANY		((1u << FG_DEVTYPE_MAX) - 1)

/* The single value of the policy map. version == 0 means "no policy": the
 * hook then denies every RPC (fail closed). */
struct fg_policy {
	__u32 version;		/* FG_ABI_VERSION */
	__u32 nrules;
	__u8 default_action;	/* enum fg_action */
	__u8 _pad0[3];
	__u32 fwctl_major;	/* from /proc/devices at load */
	__u64 loaded_at_ns;	/* CLOCK_REALTIME at load */
	char name[FG_POLICY_NAME_LEN];
	struct fg_rule rules[FG_MAX_RULES];
};

/* Device registry value, keyed by the fwctl minor (__u32). */
#define FG_DEVNAME_LEN		16
struct fg_device {
	__u32 devtype;		/* enum fg_devtype, from FWCTL_INFO */
	__u32 _pad0;
	char name[FG_DEVNAME_LEN];
};

/* ---- decoded commands --------------------------------------------------- */

/* Bytes of the RPC's `in` buffer the guard reads and decodes. */
#define FG_DECODE_PEEK		64

enum fg_decode_status {
	FG_DECODE_OK = 0,
	FG_DECODE_MALFORMED = 1,	/* shorter/longer than the driver accepts */
	FG_DECODE_UNREADABLE = 2,	/* the in buffer could not be copied */
	FG_DECODE_STATUS_MAX,
};

/* CXL Features commands fwctl passes (drivers/cxl/core/features.c). */
#define FG_CXL_GET_SUPPORTED_FEATURES	0x0500
#define FG_CXL_GET_FEATURE		0x0501
#define FG_CXL_SET_FEATURE		0x0502

/* One RPC's command, decoded per device type. Fields a type does not have
 * stay 0; has_uuid says whether uuid is meaningful. */
struct fg_cmd {
	__u8 status;		/* enum fg_decode_status */
	__u8 devtype;		/* enum fg_devtype the request was decoded as */
	__u8 has_uuid;
	__u8 _pad0;
	__u32 opcode;		/* CXL opcode, mlx5 opcode, bnxt req_type, pds op */
	__u16 op_mod;		/* mlx5 */
	__u16 uid;		/* mlx5 */
	__u32 endpoint;		/* pds */
	__u32 flags;		/* CXL Set Feature flags */
	__u32 count;		/* CXL Get Supported Features / Get Feature byte count */
	__u16 offset;		/* CXL Get/Set Feature offset */
	__u16 start_idx;	/* CXL Get Supported Features first entry */
	__u32 data_len;		/* CXL Set Feature data bytes; pds payload length */
	__u64 payload;		/* pds: second user pointer (not followed here) */
	__u8 uuid[16];		/* CXL feature UUID, byte order as on the wire */
};

/* ---- decisions and events ---------------------------------------------- */

/* Why a decision was taken. */
enum fg_reason {
	FG_REASON_RULE = 0,	/* a rule matched */
	FG_REASON_DEFAULT = 1,	/* no rule matched: the policy default */
	FG_REASON_UNREADABLE = 2, /* struct fwctl_rpc could not be copied */
	FG_REASON_MALFORMED = 3, /* size or scope the kernel would refuse */
	FG_REASON_NO_POLICY = 4, /* the policy map holds no policy */
	FG_REASON_COMPAT = 5,	/* 32-bit ioctl path, which cannot be judged */
	FG_REASON_MAX,
};

/* Which LSM hook took the decision. */
enum fg_hook {
	FG_HOOK_IOCTL = 0,
	FG_HOOK_IOCTL_COMPAT = 1,
	FG_HOOK_MAX,
};

/* Per-CPU counters, index of the stats array map. */
enum fg_stat {
	FG_STAT_ALLOWED = 0,
	FG_STAT_DENIED = 1,
	FG_STAT_AUDITED = 2,
	FG_STAT_EVENTS_LOST = 3, /* ring buffer full: event dropped */
	FG_STAT_MAX,
};

#define FG_RULE_NONE		(-1)
#define FG_COMM_LEN		16

enum fg_event_type {
	FG_EVENT_DECISION = 1,
	FG_EVENT_TYPE_MAX,
};

struct fg_event {
	__u16 version;		/* FG_ABI_VERSION */
	__u16 type;		/* enum fg_event_type */
	__u32 size;		/* sizeof(struct fg_event) */
	__u64 boot_ns;		/* CLOCK_BOOTTIME */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 gid;
	__u8 action;		/* enum fg_action, what was done */
	__u8 reason;		/* enum fg_reason */
	__u8 hook;		/* enum fg_hook */
	__u8 _pad0;
	__s32 rule;		/* index of the matching rule or FG_RULE_NONE */
	__u32 minor;
	__u32 devtype;		/* enum fg_devtype */
	__u32 scope;		/* as the caller passed it (may be out of range) */
	__u32 in_len;
	__u32 out_len;
	__u32 _pad1;
	char comm[FG_COMM_LEN];
};

/* The decision path's input, filled by the hook (or a test). */
struct fg_request {
	__u32 minor;
	__u32 devtype;
	__u32 scope;
	__u32 size;		/* fwctl_rpc.size as passed */
	__u32 in_len;
	__u32 out_len;
};

struct fg_verdict {
	__u8 action;		/* enum fg_action */
	__u8 reason;		/* enum fg_reason */
	__u8 _pad0[2];
	__s32 rule;
};

_Static_assert(sizeof(struct fg_fwctl_info) == 24, "fwctl_info is 24 bytes");
_Static_assert(sizeof(struct fg_fwctl_rpc) == 32, "fwctl_rpc is 32 bytes");
_Static_assert(__builtin_offsetof(struct fg_fwctl_rpc, in) == 16, "rpc.in offset");
_Static_assert(sizeof(struct fg_rule) == 8, "rule size");
_Static_assert(sizeof(struct fg_policy) == 88 + 8 * FG_MAX_RULES, "policy size");
_Static_assert(__builtin_offsetof(struct fg_policy, rules) % 8 == 0, "rules aligned");
_Static_assert(sizeof(struct fg_device) == 24, "device size");
_Static_assert(sizeof(struct fg_event) == 80, "event size");
_Static_assert(sizeof(struct fg_event) % 8 == 0, "event aligned");
_Static_assert(sizeof(struct fg_request) == 24, "request size");
_Static_assert(sizeof(struct fg_cmd) == 56, "cmd size");
_Static_assert(__builtin_offsetof(struct fg_cmd, payload) % 8 == 0, "cmd payload aligned");
_Static_assert(sizeof(struct fg_verdict) == 8, "verdict size");

#endif /* FWCTL_GUARD_H */
