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
/*
 * Device types (FWCTL_DEVICE_TYPE_*, include/uapi/fwctl/fwctl.h): the ones
 * the guard decodes. A request carries the number the driver registered,
 * whatever it is (a type the guard does not decode, such as nova-core's, is
 * judged as of unknown type; a policy names it by number, up to
 * FG_GEN_TYPES - 1). 0: the device is gone or not identified.
 */
enum fg_devtype {
	FG_DEVTYPE_UNKNOWN = 0,
	FG_DEVTYPE_MLX5 = 1,
	FG_DEVTYPE_CXL = 2,
	FG_DEVTYPE_BNXT = 3,
	FG_DEVTYPE_PDS = 4,
	FG_DEVTYPE_MAX,
};

/* An mlx5 register access (ACCESS_REG, ACCESS_REGISTER_USER) and which way:
 * the driver's op_mod, 0 to write, anything else to query. */
enum fg_reg_access {
	FG_REG_NONE = 0,	/* not a register access */
	FG_REG_READ = 1,
	FG_REG_WRITE = 2,
	FG_REG_ACCESS_MAX,
};

/*
 * What a command does to the device: one vocabulary for every device type
 * (docs/effects.md). A command's effects are a mask of bits (1 << value).
 * CXL's Set Feature effects map onto it bit for bit where they can; mlx5 and
 * bnxt get theirs from the tables in policies/effects/.
 */
enum fg_effect {
	FG_EFFECT_READ_ONLY = 0,
	FG_EFFECT_CONFIG_CHANGE_IMMEDIATE = 1,
	FG_EFFECT_CONFIG_CHANGE_AFTER_RESET = 2,
	FG_EFFECT_DATA_CHANGE_IMMEDIATE = 3,
	FG_EFFECT_POLICY_CHANGE = 4,
	FG_EFFECT_LOG_CHANGE = 5,
	FG_EFFECT_SECURITY_STATE_CHANGE = 6,
	FG_EFFECT_BACKGROUND = 7,
	FG_EFFECT_FIRMWARE_CHANGE = 8,
	FG_EFFECT_RESET = 9,
	FG_EFFECT_DESTRUCTIVE = 10,
	FG_EFFECT_UNKNOWN = 11,	/* no metadata for this command */
	FG_EFFECT_MAX,
};

#define FG_EFFECT_BIT(e)	(1u << (e))

/* ---- policy generations ------------------------------------------------ */

/*
 * A compiled policy is a "generation": one value (struct fg_gen, below) of
 * a one-entry array map, built completely by the loader, then installed
 * with a single update of the fg_gens array-of-maps. A reload builds a new
 * map and swaps it in; an RPC is decided by the generation it looked up,
 * old or new, never by a mix, and never by none while one is installed.
 *
 * The decision is a bit-vector intersection: bit i of a vector stands for
 * rule i. Each field of a request (enum fg_field) resolves to two offsets
 * into the generation's vector pool: F, a full vector (a dense table's
 * entry, or the field's wildcard: the rules without a condition on it),
 * and X, a range-compressed vector of the rules that list the request's
 * value (the empty vector when none does). The field lets rule r match when
 * bit r of F | X is set; the first set bit of the AND over the fields is
 * the first matching rule. Dense fields index tables (device type, scope x
 * decode status, effects, capabilities, node by minor); the others probe an
 * open-addressed slot table with a full key compare, at most FG_GEN_PROBES
 * probes (command, feature, uid, euid, gid, comm, exe, cgroup, and the
 * effects tables' entries); parent and serial come from the registry
 * (struct fg_device.sel), so that a registry refresh never rebuilds a
 * generation. A field no rule tests costs nothing. Every lookup is an
 * offset from one pointer, and every loop is bounded: no helper call on the
 * decision path.
 */
#define FG_ABI_VERSION		5
#define FG_MAX_RULES		4096
#define FG_VEC_WORDS		(FG_MAX_RULES / 64)
#define FG_POLICY_NAME_LEN	64
#define FG_GEN_MAX_CAPS		8	/* distinct capabilities a policy tests */
#define FG_GEN_TYPES		32	/* device types a generation tells apart */
#define FG_GEN_SLOT_BITS	14
#define FG_GEN_SLOTS		(1u << FG_GEN_SLOT_BITS)	/* 16384 slots */
#define FG_GEN_PROBES		8	/* a key sits this close to its hash */
#define FG_GEN_POOL_BITS	17
#define FG_GEN_POOL_WORDS	(1u << FG_GEN_POOL_BITS)	/* 1 MiB of vectors */
#define FG_GEN_DEVKEYS		256	/* parent and serial values rules name */
#define FG_MAX_MINORS		4096	/* FWCTL_MAX_DEVICES */
#define FG_DEV_FEATURES		8	/* CXL features kept per device */

enum fg_action {
	FG_ACTION_ALLOW = 0,
	FG_ACTION_DENY = 1,
	FG_ACTION_AUDIT = 2,	/* allow, and emit an event */
	FG_ACTION_MAX,
};

/* The fields of a request the engine resolves, in the order it ANDs them. */
enum fg_field {
	FG_F_TYPE = 0,		/* dense: the device type */
	FG_F_NODE,		/* dense: the minor (node fwctl<minor>) */
	FG_F_PARENT,		/* registry: the device's parent */
	FG_F_SERIAL,		/* registry: the device's serial */
	FG_F_REQUEST,		/* dense: scope * FG_DECODE_STATUS_MAX + decode status */
	FG_F_OPCODE,		/* slot: devtype << 32 | opcode */
	FG_F_FEATURE,		/* slot: CXL feature UUID */
	FG_F_EFFECT_ANY,	/* dense: F by effects & 0x3f, X by effects >> 6 */
	FG_F_EFFECT_ALL_LO,	/* dense: effects & 0x3f */
	FG_F_EFFECT_ALL_HI,	/* dense: effects >> 6 */
	FG_F_UID,		/* slot: real uid */
	FG_F_EUID,		/* slot: effective uid */
	FG_F_GID,		/* slot: real gid */
	FG_F_COMM,		/* slot: comm, 16 bytes */
	FG_F_EXE,		/* slot: exe inode, kernel dev_t */
	FG_F_CGROUP,		/* slot: cgroup v2 id */
	FG_F_CAPS,		/* dense: which of the header's caps the caller holds */
	FG_F_IOCTL,		/* slot: the ioctl number (rules without: FWCTL_RPC) */
	FG_F_REG,		/* slot: mlx5 register id of a register access */
	FG_F_REG_ACCESS,	/* dense: enum fg_reg_access */
	FG_F_MAX,
};

/* What a slot holds: a field's value (tag FG_SLOT_FIELD + field; val: the
 * value's X offset) or an effects table entry (val: effects | flags << 16). */
#define FG_SLOT_EMPTY		0
#define FG_SLOT_FIELD		1	/* + enum fg_field */
#define FG_SLOT_FX_CMD		64	/* key: devtype << 32 | opcode, has_sub << 32 | sub */
#define FG_SLOT_FX_FEATURE	65	/* key: CXL feature UUID (Set Feature, any device) */

struct fg_slot {
	__u64 key[2];
	__u32 tag;
	__u32 val;
};

/*
 * A vector in the pool, at a word offset: word 0 is lo | n << 16, word 1 the
 * summary (bit w: word w of the vector is not zero), then the n words lo ..
 * lo + n - 1; the words outside are zero. Offset 0 is the empty vector.
 */
#define FG_GEN_EMPTY_VEC	0
/*
 * Set in a vector's offset (never in the pool's range) where the field's
 * F | X for that value holds every rule: the engine leaves such a field out
 * of the rule search, whose cost is then that of the fields that can
 * still tell rules apart.
 */
#define FG_VEC_ALL		(1u << 31)

enum fg_mode {
	FG_MODE_ENFORCE = 0,
	FG_MODE_PERMISSIVE = 1,	/* would-be denials are allowed and reported */
	FG_MODE_MAX,
};

/* What the guard does when the kernel's copy of an approved RPC differs
 * from what the ioctl hook judged (see docs/security.md). */
enum fg_tamper_action {
	FG_TAMPER_REPORT = 0,	/* a tamper event; the command has run */
	FG_TAMPER_KILL = 1,	/* the event, and SIGKILL to the caller */
	FG_TAMPER_ACTION_MAX,
};

/* Sealed mode: the guard's programs, links, pins and maps are closed to
 * every process until reboot (bpf/seal.bpf.c). */
enum fg_seal_mode {
	FG_SEAL_NONE = 0,	/* changes allowed, each audited */
	FG_SEAL_ON = 1,		/* nothing changes, not even the policy */
	FG_SEAL_RELOAD = 2,	/* only the loader's reload path (same executable) */
	FG_SEAL_MODE_MAX,
};

/* The generation's header. version != FG_ABI_VERSION: no policy (deny). */
struct fg_gen_header {
	__u32 version;
	__u32 nrules;
	__u64 gen;		/* 1 for the first load, +1 per reload */
	__u64 loaded_at_ns;	/* CLOCK_REALTIME */
	__u32 fields;		/* bit (1 << enum fg_field) for each field a rule tests */
	__u8 mode;		/* enum fg_mode */
	__u8 default_action;	/* enum fg_action */
	__u8 unknown_device_action;
	__u8 ncaps;
	__u8 caps[FG_GEN_MAX_CAPS];	/* capability numbers FG_F_CAPS indexes */
	__u8 tamper;		/* enum fg_tamper_action: `tamper` statement */
	__u8 seal;		/* enum fg_seal_mode: `seal` statement */
	__u8 nwords;		/* words of a rule vector: (nrules + 63) / 64 */
	__u8 _pad0[5];
	__u64 seed;		/* the slot table's hash seed */
	__u32 pool_used;	/* words of the pool in use */
	__u32 slots_used;
	__u8 hash[32];		/* SHA-256 of the policy sources */
	char name[FG_POLICY_NAME_LEN];
	char source[FG_POLICY_NAME_LEN * 4];	/* main file, for people */
};

/* A parent or serial value some rule names, and its X vector: the loader
 * reads these back to fill a device's struct fg_devsel at a refresh. */
struct fg_devkey {
	__u32 field;		/* FG_F_PARENT or FG_F_SERIAL; 0: unused */
	__u32 x;
	char value[32];
};

/* One rule's text, for status: map fg_rules, by rule. */
struct fg_rule_info {
	__u64 gen;		/* the generation it belongs to */
	__u32 line;
	__u16 file;		/* index into the sources; 0 = main file */
	__u8 action;
	__u8 _pad0;
	char text[496];
};

/* Global settings the hooks need before any generation: array[1]. */
struct fg_config {
	/* Offset of ops in struct fwctl_device when fwctl's BTF gave it (the
	 * loader checks it whenever fwctl is loaded); 0: the one the
	 * programs compute from vmlinux type sizes (bpf/fwctl_file.bpf.h). */
	__u32 fwctl_ops_off;
	__u32 flags;		/* FG_CFG_* */
};

/* fg_config.flags. COMPAT_UNREAD: the 32-bit ioctl hook was loaded without
 * its user-memory reads (lockdown=confidentiality, where bookworm's libbpf
 * takes bpf_probe_read_user for the withdrawn bpf_probe_read): every
 * 32-bit FWCTL_RPC is denied as unreadable. */
#define FG_CFG_COMPAT_UNREAD	(1u << 0)

/* Per-rule counters, per CPU: index (gen & 1) * FG_MAX_RULES + rule, so that
 * a reload can clear the new generation's slot before switching to it. */
struct fg_rule_stat {
	__u64 allowed;
	__u64 denied;		/* in permissive mode: would have been denied */
	__u64 audited;
};

/* Rules without a type condition match the known device types only: a node
 * missing from the registry is matched by "type unknown" rules or gets the
 * policy's unknown-device default. */
#define FG_DEVTYPE_KNOWN	(((1u << FG_DEVTYPE_MAX) - 1) & ~1u)
#define FG_DEVTYPE_ANY		FG_DEVTYPE_KNOWN

/*
 * Device registry (map fg_devices), an array indexed by the fwctl minor.
 * The BPF side reads devtype, sel and feat; the rest is for people
 * (devices, events). devtype 0: no device known at that minor.
 */
#define FG_DEVNAME_LEN		16
#define FG_PARENT_LEN		32
#define FG_DRIVER_LEN		16
#define FG_SERIAL_LEN		32

/* The device's parent and serial as generation gen knows them: the X
 * vectors of the rules naming them (FG_GEN_EMPTY_VEC: none). One per
 * generation parity, so that a reload fills the next one while the
 * running generation keeps its own. */
struct fg_devsel {
	__u64 gen;		/* 0 or another generation: not filled for this one */
	__u32 parent_x;
	__u32 serial_x;
};

/* A CXL feature's Set Feature effects as this device reports them. */
struct fg_devfeat {
	__u8 uuid[16];
	__u32 effects;		/* FG_EFFECT_BIT mask */
	__u32 flags;		/* CXL Get Supported Features entry flags */
};

struct fg_device {
	__u32 devtype;		/* enum fg_devtype, from FWCTL_INFO */
	__u32 nfeat;		/* entries of feat in use */
	char name[FG_DEVNAME_LEN];	/* "fwctl0" */
	char parent[FG_PARENT_LEN];	/* "0000:3b:00.0", "mem0" */
	char driver[FG_DRIVER_LEN];	/* parent's driver, "" if none */
	char serial[FG_SERIAL_LEN];	/* "" where the device exposes none */
	struct fg_devsel sel[2];	/* by generation parity */
	struct fg_devfeat feat[FG_DEV_FEATURES];
};

/*
 * An effects entry: what a command does, keyed by command. Entries with
 * minor == FG_MINOR_ANY hold for every device of the type (the effects
 * tables, shipped and site: lowered into the generation's slot table);
 * per-device entries are the CXL Set Feature effects read from each device
 * (the registry's feat). The order in which keys are tried is
 * fg_effects_key()'s (include/fwctl_guard_decode.h).
 */
#define FG_MINOR_ANY		0xffffffffu
struct fg_effects_key {
	__u32 minor;		/* fwctl minor or FG_MINOR_ANY */
	__u32 opcode;
	__u32 sub;		/* mlx5 op_mod, pds endpoint; with has_sub */
	__u8 devtype;
	__u8 has_sub;
	__u8 _pad0[2];
	__u8 uuid[16];		/* CXL feature; zero otherwise */
};

struct fg_effects_val {
	__u32 effects;		/* FG_EFFECT_BIT mask */
	__u32 feat_flags;	/* CXL Get Supported Features entry flags */
};

#define FG_CXL_FEAT_CHANGEABLE	0x1	/* CXL_FEATURE_F_CHANGEABLE */

/* ---- decoded commands --------------------------------------------------- */

/* Bytes of the RPC's `in` buffer the guard reads and decodes. */
#define FG_DECODE_PEEK		64

enum fg_decode_status {
	FG_DECODE_OK = 0,
	FG_DECODE_MALFORMED = 1,	/* shorter/longer than the driver accepts */
	FG_DECODE_UNREADABLE = 2,	/* the in buffer could not be copied */
	FG_DECODE_UNKNOWN_TYPE = 3,	/* a device type the guard does not decode */
	FG_DECODE_STATUS_MAX,
};

/* mlx5 commands with a register id (include/linux/mlx5/mlx5_ifc.h). */
#define FG_MLX5_ACCESS_REG		0x0805
#define FG_MLX5_ACCESS_REGISTER_USER	0x0b0c

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
	__u64 payload;		/* pds: second user pointer */
	__u8 uuid[16];		/* CXL feature UUID, byte order as on the wire */
	__u32 effects;		/* FG_EFFECT_BIT mask, resolved after decoding */
	__u32 feat_flags;	/* CXL feature flags from the effects map */
	__u16 reg;		/* mlx5 register access: register_id */
	__u8 reg_access;	/* enum fg_reg_access */
	__u8 _pad1;
	__u32 _pad2;
};

/* ---- the generation ---------------------------------------------------- */

/*
 * The whole generation, one map value (1.5 MiB whatever the policy: the
 * inner maps of an array-of-maps all have one value size; the loader
 * writes only the part in use, pool_used). Offsets are in
 * pool words. The engine (bpf/engine.bpf.h) reads the header, the tables,
 * the slots and the pool; the loader alone reads devkeys.
 */
struct fg_gen {
	struct fg_gen_header hdr;
	__u32 wild[32];		/* F of a field for a value no rule lists (by field) */
	__u32 type_vec[FG_GEN_TYPES];	/* F by device type */
	__u32 req_vec[FG_SCOPE_MAX * FG_DECODE_STATUS_MAX];	/* F by scope x status */
	__u32 eff_vec[4][64];		/* any lo (F), any hi (X), all lo, all hi (F) */
	__u32 caps_vec[1 << FG_GEN_MAX_CAPS];	/* F by the subset of header caps held */
	__u32 regacc_vec[FG_REG_ACCESS_MAX];	/* F by enum fg_reg_access */
	__u32 _pad_vec;
	__u32 node_x[FG_MAX_MINORS];	/* X of the rules naming node fwctl<minor> */
	__u8 actions[FG_MAX_RULES];	/* enum fg_action by rule */
	struct fg_devkey devkeys[FG_GEN_DEVKEYS];
	struct fg_slot slots[FG_GEN_SLOTS];
	__u64 pool[FG_GEN_POOL_WORDS];
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
	FG_REASON_UNKNOWN_DEVICE = 6, /* node not in the registry, no rule matched */
	FG_REASON_SELF = 7,	/* the loader reading CXL feature effects */
	FG_REASON_TAMPER = 8,	/* the kernel's copy differs from what was judged */
	FG_REASON_UNJUDGED = 9,	/* an RPC reached fwctl without the ioctl hook's verdict */
	FG_REASON_URING = 10,	/* io_uring command to a fwctl file */
	FG_REASON_SEALED = 11,	/* a change to the guard, refused: sealed */
	FG_REASON_GUARD_CHANGE = 12, /* a change to the guard, allowed (not sealed) */
	FG_REASON_RELOAD = 13,	/* the loader's reload path, allowed by `seal reload` */
	FG_REASON_UNKNOWN_IOCTL = 14, /* an ioctl other than FWCTL_RPC no rule names */
	FG_REASON_EXE_RULES = 15, /* refused: the policy has exe conditions (exe relabel) */
	FG_REASON_MAX,
};

/* Where the record was made: an LSM hook or a tracing program. */
enum fg_hook {
	FG_HOOK_IOCTL = 0,		/* lsm.s/file_ioctl */
	FG_HOOK_IOCTL_COMPAT = 1,	/* lsm/file_ioctl_compat */
	FG_HOOK_CAPABLE = 2,		/* lsm/capable: CAP_SYS_RAWIO for scope 3 */
	FG_HOOK_RPC = 3,		/* fentry/fwctl_cmd_rpc: the kernel's header */
	FG_HOOK_FW_RPC = 4,		/* fentry on a driver's fw_rpc: the kernel's in */
	FG_HOOK_URING_CMD = 5,		/* lsm/uring_cmd */
	FG_HOOK_BPF = 6,		/* lsm.s/bpf */
	FG_HOOK_BPF_MAP = 7,		/* lsm.s/bpf_map */
	FG_HOOK_BPF_PROG = 8,		/* lsm.s/bpf_prog */
	FG_HOOK_INODE_UNLINK = 9,	/* lsm/inode_unlink */
	FG_HOOK_INODE_RENAME = 10,	/* lsm/inode_rename */
	FG_HOOK_INODE_RMDIR = 11,	/* lsm/inode_rmdir */
	FG_HOOK_SB_UMOUNT = 12,		/* lsm/sb_umount */
	FG_HOOK_SB_MOUNT = 13,		/* lsm/sb_mount: MS_MOVE */
	FG_HOOK_MOVE_MOUNT = 14,	/* lsm/move_mount */
	FG_HOOK_SB_PIVOTROOT = 15,	/* lsm/sb_pivotroot */
	FG_HOOK_PTRACE = 16,		/* lsm/ptrace_access_check */
	FG_HOOK_KILL_SUPER = 17,	/* fentry/bpf_kill_super: the pins' bpffs dies */
	FG_HOOK_FILE_RECEIVE = 18,	/* lsm/file_receive: SCM_RIGHTS, pidfd_getfd */
	FG_HOOK_BPRM_CHECK = 19,	/* lsm/bprm_check_security: exec */
	FG_HOOK_TASK_PRCTL = 20,	/* lsm/task_prctl: PR_SET_MM exe relabel */
	FG_HOOK_MAX,
};

/* FG_EVENT_TAMPER: fields of the kernel's copy that differ (fg_detail.what). */
#define FG_TAMPER_SCOPE		0x01
#define FG_TAMPER_IN_LEN	0x02
#define FG_TAMPER_OUT_LEN	0x04
#define FG_TAMPER_IN_PTR	0x08
#define FG_TAMPER_OUT_PTR	0x10
#define FG_TAMPER_PAYLOAD	0x20	/* the bytes of `in` the guard decoded */
#define FG_TAMPER_KILLED	0x80000000u	/* SIGKILL sent (`tamper kill`) */

/* FG_EVENT_GUARD: what was done to the guard (fg_detail.what). */
enum fg_guard_op {
	FG_GUARD_MAP_WRITE = 0,	/* a writable fd to one of its maps */
	FG_GUARD_PROG_FD = 1,	/* an fd to one of its programs */
	FG_GUARD_LINK_FD = 2,	/* an fd to one of its links, by id */
	FG_GUARD_UNLINK = 3,	/* removing a pin */
	FG_GUARD_RENAME = 4,	/* moving a pin or its folder */
	FG_GUARD_RMDIR = 5,	/* removing the pin folder */
	FG_GUARD_UMOUNT = 6,	/* unmounting the pins' bpffs, or a mount above it */
	FG_GUARD_MAP_FD = 7,	/* a read-only fd to one of its maps */
	FG_GUARD_DETACH = 8,	/* rmdir/unlink/rename over a mountpoint above the pins */
	FG_GUARD_MOVE = 9,	/* moving a mount above the pins (move, pivot_root) */
	FG_GUARD_MAP_ITER = 10,	/* loading a map-element iterator program */
	FG_GUARD_PTRACE = 11,	/* attach-level access to a loader process */
	FG_GUARD_PINS_GONE = 12, /* the pins' bpffs is being destroyed (too late) */
	FG_GUARD_FD_PASS = 13,	/* receiving an fd to one of its maps from another process */
	FG_GUARD_LOADER_OP = 14, /* a loader process loading a program or exec'ing */
	FG_GUARD_EXE_RELABEL = 15, /* prctl(PR_SET_MM) replacing a process's exe
				   * (obj_id: EXE_FILE 13 or MAP 14) */
	FG_GUARD_OP_MAX,
};

/* Per-CPU counters, index of the stats array map. */
enum fg_stat {
	FG_STAT_ALLOWED = 0,
	FG_STAT_DENIED = 1,
	FG_STAT_AUDITED = 2,
	FG_STAT_EVENTS_LOST = 3, /* ring buffer full: event dropped */
	FG_STAT_PERMITTED = 4,	/* denied by the policy, allowed by permissive mode */
	FG_STAT_TAMPERED = 5,	/* kernel copy differed, or scope 3 refused (capable) */
	FG_STAT_GUARD_REFUSED = 6, /* changes to a sealed guard refused */
	FG_STAT_MAX,
};

#define FG_RULE_NONE		(-1)
#define FG_COMM_LEN		16

/*
 * Event records. Every record starts with the same 8-byte tag (version,
 * type, size): a reader skips a record whose version or type it does not
 * know, by its size. FG_EVENT_VERSION changes with any layout change.
 */
#define FG_EVENT_VERSION	5
#define FG_EXE_LEN		240	/* path of the caller's executable */
#define FG_RECENT_EVENTS	256	/* the last ones, kept for `events` */
/* The ring buffer's default size (load --ring-size): ~8,000 records, 16 ms
 * of a 500,000/s burst while the daemon is not running. */
#define FG_EVENTS_RING_BYTES	(4 * 1024 * 1024)
#define FG_EVENTS_RING_MIN	(64 * 1024)
#define FG_EVENTS_RING_MAX	(1024 * 1024 * 1024)
#define FG_ID_UNSET		0xffffffffu /* loginuid / sessionid never set */

enum fg_event_type {
	FG_EVENT_DECISION = 1,	/* an RPC judged (deny, audit, permissive) */
	FG_EVENT_TAMPER = 2,	/* an approved RPC changed before the kernel used it */
	FG_EVENT_GUARD = 3,	/* a change to the guard itself, refused or audited */
	FG_EVENT_TYPE_MAX,
};

/* What exe[] holds. */
enum fg_exe_status {
	FG_EXE_OK = 0,		/* the path, as d_path gives it */
	FG_EXE_NONE = 1,	/* the task has no executable (kernel thread) */
	FG_EXE_UNRESOLVED = 2,	/* d_path failed (longer than FG_EXE_LEN...) */
	FG_EXE_NOT_READ = 3,	/* made by a tracing program, which cannot read
				 * paths: the exe's inode and device only */
	FG_EXE_STATUS_MAX,
};
/* The decision path's input, filled by the hook (or a test). */
struct fg_request {
	__u32 minor;
	__u32 devtype;		/* FWCTL_DEVICE_TYPE_* of the device the file is */
	__u32 scope;
	__u32 size;		/* fwctl_rpc.size as passed */
	__u32 in_len;
	__u32 out_len;
	__u32 ioctl;		/* the ioctl number: FG_FWCTL_RPC, or another */
	__u32 _pad0;
};

struct fg_verdict {
	__u8 action;		/* enum fg_action, what is done */
	__u8 reason;		/* enum fg_reason */
	__u8 permissive;	/* the policy said deny, its mode said allow */
	__u8 _pad0;
	__s32 rule;
	__u64 gen;		/* generation that decided; 0: none */
};

/*
 * Why a caller's executable does not count (struct fg_caller.exe_trust, a
 * mask of FG_UNTRUST_BIT()s; 0: it counts). Each says that something other
 * than the file the process was exec'd from may have chosen what it does
 * (bpf/exe_trust.bpf.c keeps each process's history from its last exec).
 * A caller with any of them is judged with no exe: no exe condition holds.
 */
enum fg_untrust {
	FG_UNTRUST_TRACED = 0,	/* under ptrace now, when it exec'd, or PTRACE_TRACEME */
	FG_UNTRUST_ATTACHED,	/* another process had attach-level access since exec
				 * (ptrace, /proc/PID/mem, process_vm_*, pidfd_getfd) */
	FG_UNTRUST_RELABELLED,	/* prctl(PR_SET_MM) exe replacement since exec */
	FG_UNTRUST_BINFMT_INTERP, /* binfmt_misc 'T': exe is the binary, an interpreter runs */
	FG_UNTRUST_BINFMT_LOADER, /* binfmt_misc 'L': a loader the binary did not name */
	FG_UNTRUST_UNKNOWN,	/* no history: exec'd before the guard was loaded */
	FG_UNTRUST_MAX,
};

#define FG_UNTRUST_BIT(u)	(1u << (u))

/* The caller, as the hook reads it from current. */
struct fg_caller {
	__u32 uid;		/* real */
	__u32 euid;
	__u32 gid;		/* real */
	__u32 exe_trust;	/* FG_UNTRUST_BIT mask: why exe_* do not count; 0: they do */
	__u64 cgroup_id;	/* cgroup v2 */
	__u64 exe_dev;		/* kernel dev_t (major << 20 | minor) of the exe; 0 when
				 * it does not count (exe_trust) */
	__u64 exe_ino;		/* 0: no executable (kernel thread), or it does not count */
	__u64 caps;		/* effective capability set */
	char comm[FG_COMM_LEN];
};

/* What tamper and guard events add; zero in decisions. */
struct fg_detail {
	__u32 what;		/* tamper: FG_TAMPER_* bits; guard: enum fg_guard_op */
	__u32 obj_id;		/* guard: bpf object id (0: none) */
	__u32 k_scope;		/* tamper: the kernel's copy of the header */
	__u32 k_in_len;
	__u32 k_out_len;
	__u32 k_offset;		/* tamper: first byte of `in` that differs */
	__u64 ino;		/* guard: inode of the pin or folder */
	char name[16];		/* guard: map or program name */
};

/*
 * One deny/audit decision (FG_EVENT_DECISION). seq numbers every decision
 * record the guard produced, from 1, whether or not the ring buffer had
 * room for it: a reader that sees a gap knows how many it lost.
 */
struct fg_event {
	__u16 version;		/* FG_EVENT_VERSION */
	__u16 type;		/* enum fg_event_type */
	__u32 size;		/* sizeof(struct fg_event) */
	__u64 seq;
	__u64 boot_ns;		/* CLOCK_BOOTTIME */
	__u64 gen;		/* generation that decided; 0: none */
	__u8 action;		/* enum fg_action, what was done */
	__u8 reason;		/* enum fg_reason */
	__u8 hook;		/* enum fg_hook */
	__u8 permissive;	/* 1: denied by the policy, allowed by its mode */
	__s32 rule;		/* index of the matching rule or FG_RULE_NONE */
	__u32 minor;		/* /dev/fwctl/fwctl<minor> */
	__u32 devtype;		/* enum fg_devtype */
	__u32 scope;		/* as the caller passed it (may be out of range) */
	__u32 in_len;
	__u32 out_len;
	__u32 pid;		/* tgid */
	__u32 tid;
	__u32 loginuid;		/* FG_ID_UNSET: not set (or no audit support) */
	__u32 sessionid;	/* FG_ID_UNSET: not set */
	__u32 exe_status;	/* enum fg_exe_status */
	__u32 ioctl;		/* the ioctl number (FG_FWCTL_RPC for an RPC) */
	__u32 _pad1;
	struct fg_caller caller; /* uid, euid, gid, cgroup, exe inode, caps, comm */
	struct fg_cmd cmd;	/* the decoded command and its effects */
	char exe[FG_EXE_LEN];	/* NUL-terminated when exe_status is FG_EXE_OK */
	struct fg_detail detail;
};

/*
 * The guard's own objects, for the self-protection hooks (bpf/seal.bpf.c):
 * array[1], written by the loader after attaching and frozen once mode is
 * not FG_SEAL_NONE (BPF_F_RDONLY_PROG: programs only read it).
 */
#define FG_SEAL_MAX_OBJS	32
struct fg_seal {
	__u32 mode;		/* enum fg_seal_mode */
	__u32 nprogs;
	__u32 nlinks;
	__u32 pin_dev;		/* kernel dev_t of the bpffs holding the pins */
	__u64 pin_dir_ino;	/* the pin folder */
	__u64 loader_ino;	/* the loader's executable (reload path) */
	__u64 loader_dev;	/* kernel dev_t */
	__u32 prog_ids[FG_SEAL_MAX_OBJS];
	__u32 link_ids[FG_SEAL_MAX_OBJS];
	__u64 pin_sb;		/* kernel address of the pins' bpffs superblock
				 * (0: unknown), found by fg_seal_anchor */
	__u64 mnt_ns_ino;	/* inode of the initial mount namespace */
	__u32 iter_btf_id;	/* vmlinux BTF id of bpf_iter_bpf_map_elem (0: none) */
	__u32 _pad0;
};

/*
 * The context of fg_seal_anchor (bpf/seal.bpf.c), a SEC("syscall") program
 * the loader runs once, with its working directory in the pin folder: the
 * superblock of that folder's bpffs, which the mount hooks watch.
 */
struct fg_anchor_args {
	__u32 dev;		/* in: kernel dev_t of the pin folder */
	__s32 status;		/* out: 0, -ENODEV (not that bpffs), -EOPNOTSUPP
				 * (a mount layout the hooks cannot walk) */
	__u64 sb;		/* out: the superblock's address */
};

/*
 * What the event daemon (fwctl-guard run) has done, written by it into the
 * fg_daemon map after each poll, for `status`. The kernel side never reads
 * it: enforcement does not depend on the daemon.
 */
struct fg_daemon_stat {
	__u32 pid;		/* 0: no daemon has run since load */
	__u32 _pad0;
	__u64 started_ns;	/* CLOCK_BOOTTIME */
	__u64 updated_ns;
	__u64 first_seq;	/* the first record it read (0: none yet) */
	__u64 last_seq;		/* the highest seq it has accounted for */
	__u64 delivered;	/* records read from the ring buffer */
	__u64 missing;		/* seq numbers it never received */
	__u64 audit_sent;
	__u64 audit_failed;
	__u64 audit_suppressed;	/* over --audit-rate */
	__u64 sink_errors;	/* JSON/text writes that failed */
};

/* Everything the decision reads: what the engine (bpf/engine.bpf.h) and the
 * native evaluator (loader/policy/eval.c) take. */
struct fg_decide_in {
	struct fg_request req;
	struct fg_cmd cmd;
	struct fg_caller caller;
};

_Static_assert(sizeof(struct fg_detail) == 48, "detail size");
_Static_assert(sizeof(struct fg_event) == 512, "event size");
_Static_assert(sizeof(struct fg_seal) == 64 + 8 * FG_SEAL_MAX_OBJS, "seal size");
_Static_assert(sizeof(struct fg_anchor_args) == 16, "anchor args size");
_Static_assert(sizeof(struct fg_fwctl_info) == 24, "fwctl_info is 24 bytes");
_Static_assert(sizeof(struct fg_fwctl_rpc) == 32, "fwctl_rpc is 32 bytes");
_Static_assert(__builtin_offsetof(struct fg_fwctl_rpc, in) == 16, "rpc.in offset");
_Static_assert(FG_VEC_WORDS <= 64, "the summary word covers every word");
_Static_assert((FG_MAX_RULES & (FG_MAX_RULES - 1)) == 0, "FG_MAX_RULES is a power of 2");
_Static_assert(sizeof(struct fg_gen_header) % 8 == 0, "generation header aligned");
_Static_assert(sizeof(struct fg_slot) == 24, "slot size");
_Static_assert(__builtin_offsetof(struct fg_gen, slots) % 8 == 0, "slots aligned");
_Static_assert(__builtin_offsetof(struct fg_gen, pool) % 8 == 0, "pool aligned");
_Static_assert(sizeof(struct fg_rule_info) == 512, "rule info size");
_Static_assert(sizeof(struct fg_devkey) == 40, "devkey size");
_Static_assert(FG_F_MAX < 32, "fields fit a __u32 mask");
_Static_assert(FG_UNTRUST_MAX <= 32, "exe_trust reasons fit a __u32 mask");
_Static_assert(((FG_SCOPE_MAX * FG_DECODE_STATUS_MAX) & (FG_SCOPE_MAX * FG_DECODE_STATUS_MAX - 1)) == 0,
	       "the engine masks the scope x status index");
_Static_assert(FG_DEVTYPE_MAX <= FG_GEN_TYPES, "every device type has a type vector");
_Static_assert(sizeof(struct fg_config) == 8, "config size");
_Static_assert(sizeof(struct fg_rule_stat) == 24, "rule stat size");
_Static_assert(sizeof(struct fg_device) == 328, "device size");
_Static_assert(sizeof(struct fg_effects_key) == 32, "effects key size");
_Static_assert(sizeof(struct fg_effects_val) == 8, "effects value size");
_Static_assert(FG_EFFECT_MAX <= 32, "effects fit a __u32 mask");
_Static_assert(sizeof(struct fg_event) % 8 == 0, "event aligned");
_Static_assert(sizeof(struct fg_request) == 32, "request size");
_Static_assert(sizeof(struct fg_cmd) == 72, "cmd size");
_Static_assert(__builtin_offsetof(struct fg_event, cmd) % 8 == 0, "event cmd aligned");
_Static_assert(__builtin_offsetof(struct fg_event, caller) % 8 == 0, "event caller aligned");
_Static_assert(__builtin_offsetof(struct fg_cmd, payload) % 8 == 0, "cmd payload aligned");
_Static_assert(sizeof(struct fg_verdict) == 16, "verdict size");
_Static_assert(sizeof(struct fg_caller) == 64, "caller size");
_Static_assert(sizeof(struct fg_daemon_stat) == 88, "daemon stat size");
_Static_assert(sizeof(struct fg_decide_in) == 168, "decide input size");
_Static_assert(__builtin_offsetof(struct fg_decide_in, cmd) % 8 == 0, "decide cmd aligned");

#endif /* FWCTL_GUARD_H */
