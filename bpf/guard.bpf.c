// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: BPF LSM programs that judge FWCTL_RPC ioctls.
 *
 * Hooks:
 *   lsm.s/file_ioctl         sleepable; reads struct fwctl_rpc from the
 *                            caller with bpf_copy_from_user, then the first
 *                            FG_DECODE_PEEK bytes of its in buffer (and, for
 *                            pds, the start of the payload that buffer points
 *                            at), decodes the command (fg_decode), looks up
 *                            its effects (builtin, then fg_effects) and
 *                            decides from the policy map (fg_decide).
 *   lsm/file_ioctl_compat    32-bit callers. Not sleepable in the kernel's
 *                            list, so it reads with bpf_probe_read_user,
 *                            which fails rather than fault a page in: what
 *                            it can read it decides like file_ioctl, the
 *                            rest it denies as unreadable (fwctl has no
 *                            compat_ioctl today: the kernel then answers
 *                            ENOTTY; a future kernel cannot open it silently).
 *   lsm/uring_cmd            io_uring commands to a fwctl file: denied and
 *                            reported (fwctl has no uring_cmd today, and the
 *                            kernel refuses before this hook runs).
 *   lsm/capable, fentry/fwctl_cmd_rpc, fentry/<driver>_fw_rpc,
 *   fexit/fwctl_fops_ioctl   after the kernel's own copy of an approved
 *                            RPC (toctou.bpf.h).
 *   lsm/bpf, lsm/bpf_map, lsm/bpf_prog, lsm/inode_unlink, lsm/inode_rename,
 *   lsm/inode_rmdir, lsm/sb_umount
 *                            changes to the guard itself (seal.bpf.h).
 *
 * Maps:
 *   fg_config   array[1] struct fg_config (the fwctl major), written before
 *               attach
 *   fg_gens     array-of-maps[1]: the active policy generation (engine.bpf.h);
 *               a reload swaps it with one update
 *   fg_rule_stats per-CPU array of struct fg_rule_stat, per rule and
 *               generation parity
 *   fg_task     task storage: the request being judged and the event being
 *               built (off the stack)
 *   fg_devices  hash minor -> struct fg_device (type from FWCTL_INFO, parent)
 *   fg_effects  hash struct fg_effects_key -> struct fg_effects_val
 *   fg_loader   array[1] tgid of a loader reading CXL feature effects
 *   fg_events   ring buffer of struct fg_event, for deny and audit decisions
 *   fg_event_seq array[1]: number of the last event produced
 *   fg_recent   array of the last FG_RECENT_EVENTS events (for `events`)
 *   fg_daemon   array[1] struct fg_daemon_stat, written by the event daemon
 *   fg_stats    per-CPU array of counters (enum fg_stat)
 *
 * Failure policy: fail closed. An RPC header or in buffer that cannot be
 * read, a request the kernel or the driver would refuse (malformed), or a
 * missing or incomplete generation is denied with EPERM and reported, unless
 * a rule names that case (also when the task storage holding the request
 * cannot be allocated). In permissive mode what the policy denies is
 * allowed and reported with permissive=1 (a missing policy is still denied). A command without effects metadata has the effect "unknown"; a node
 * missing from the registry gets the policy's unknown-device action. A full
 * ring buffer never changes a decision; the lost event is counted in
 * fg_stats.
 *
 * The kernel copies struct fwctl_rpc and the in buffer again after the
 * ioctl hook; another thread of the caller can change them in between. What
 * is done about it, and what remains, is in toctou.bpf.h and
 * docs/security.md.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decide.h"
#include "fwctl_guard_decode.h"
#include "engine.bpf.h"
#include "effects_lookup.bpf.h"

#define EPERM		1
#define S_IFMT		00170000
#define S_IFCHR		0020000

/* Only the fields we read; CO-RE relocates them against the running kernel. */
struct super_block {
	__u32 s_dev;
} __attribute__((preserve_access_index));

struct inode {
	__u16 i_mode;
	__u32 i_rdev;
	unsigned long i_ino;
	struct super_block *i_sb;
} __attribute__((preserve_access_index));

struct path {
	void *mnt;
	void *dentry;
} __attribute__((preserve_access_index));

struct file {
	struct inode *f_inode;
	struct path f_path;
} __attribute__((preserve_access_index));

struct mm_struct {
	struct file *exe_file;
} __attribute__((preserve_access_index));

typedef struct {
	__u32 val;
} kuid_t;

typedef struct {
	__u64 val;
} kernel_cap_t;

struct cred {
	kuid_t euid;
	kernel_cap_t cap_effective;
} __attribute__((preserve_access_index));

struct task_struct {
	struct mm_struct *mm;
	const struct cred *cred;
	kuid_t loginuid;		/* CONFIG_AUDIT only */
	unsigned int sessionid;		/* CONFIG_AUDIT only */
} __attribute__((preserve_access_index));

/* fs/bpf_fs_kfuncs.c, LSM programs only: since 6.12, older than fwctl
 * (6.15), so every kernel the guard can judge has them. */
extern struct file *bpf_get_task_exe_file(struct task_struct *task) __ksym;
extern void bpf_put_file(struct file *file) __ksym;
extern int bpf_path_d_path(const struct path *path, char *buf, __u64 buf__sz) __ksym;

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_config);
} fg_config SEC(".maps");

/*
 * An RPC the ioctl hook let through, as it judged it: the checks after the
 * kernel's own copy (toctou.bpf.h) compare against this. PENDING from the
 * hook's verdict to the return of fwctl's ioctl handler.
 */
enum fg_ok_state {
	FG_OK_NONE = 0,
	FG_OK_PENDING = 1,
};

struct fg_approved {
	__u32 state;		/* enum fg_ok_state */
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__u64 in;
	__u64 out;
	__u32 peek_len;		/* bytes of peek read: min(in_len, FG_DECODE_PEEK) */
	__u32 hook;		/* which hook approved it */
	__u8 peek[FG_DECODE_PEEK];	/* the bytes of `in` decoded */
};

/* Each task's request being judged and the event it may produce: the
 * engine's frame and the request do not both fit BPF's 512-byte stack, nor
 * does an event. Per task, not per CPU: a sleepable program can be
 * preempted by another task running the same hook. */
struct fg_task {
	struct fg_decide_in in;
	struct fg_approved ok;
	struct fg_event ev;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct fg_task);
} fg_task SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2 * FG_MAX_RULES);
	__type(key, __u32);
	__type(value, struct fg_rule_stat);
} fg_rule_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);	/* FWCTL_MAX_DEVICES */
	__type(key, __u32);
	__type(value, struct fg_device);
} fg_devices SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, struct fg_effects_key);
	__type(value, struct fg_effects_val);
} fg_effects SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} fg_loader SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, FG_EVENTS_RING_BYTES);
} fg_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, FG_STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} fg_stats SEC(".maps");

/* The number of the last event produced (struct fg_event.seq). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} fg_event_seq SEC(".maps");

/* The last FG_RECENT_EVENTS events, slot seq % FG_RECENT_EVENTS, also those
 * the ring buffer had no room for: `events` reads them without taking them
 * from the daemon that consumes the ring buffer. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, FG_RECENT_EVENTS);
	__type(key, __u32);
	__type(value, struct fg_event);
} fg_recent SEC(".maps");

/* Written by the event daemon only (struct fg_daemon_stat), for status. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_daemon_stat);
} fg_daemon SEC(".maps");

static __always_inline void fg_count(__u32 stat)
{
	__u64 *c = bpf_map_lookup_elem(&fg_stats, &stat);

	if (c)
		*c += 1;
}

/* Is this the char device of a fwctl node (any path, copy or passed fd)? */
static __always_inline int fg_is_fwctl(struct file *file, __u32 major, __u32 *minor)
{
	struct inode *inode = file->f_inode;
	__u32 rdev;

	if (!inode || (inode->i_mode & S_IFMT) != S_IFCHR)
		return 0;
	rdev = inode->i_rdev;
	if (major == 0 || (rdev >> FG_KDEV_MINORBITS) != major)
		return 0;
	*minor = rdev & FG_KDEV_MINORMASK;
	return 1;
}

/*
 * Who is asking. The exe is the file the task was exec'd from (its inode,
 * which is what exe rules name); a kernel thread has none (exe_ino 0).
 */
static __always_inline void fg_read_caller(struct fg_caller *who)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct inode *exe;
	__u64 id;

	id = bpf_get_current_uid_gid();
	who->uid = (__u32)id;
	who->gid = id >> 32;
	who->euid = BPF_CORE_READ(task, cred, euid.val);
	who->caps = BPF_CORE_READ(task, cred, cap_effective.val);
	who->cgroup_id = bpf_get_current_cgroup_id();
	exe = BPF_CORE_READ(task, mm, exe_file, f_inode);
	if (exe) {
		who->exe_ino = BPF_CORE_READ(exe, i_ino);
		who->exe_dev = BPF_CORE_READ(exe, i_sb, s_dev);
	}
	bpf_get_current_comm(who->comm, sizeof(who->comm));
}

/* The caller's executable as a path (only events need it, not decisions). */
static __always_inline __u32 fg_read_exe(char *buf)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct file *f;
	int n;

	f = bpf_get_task_exe_file(task);
	if (!f)
		return FG_EXE_NONE;
	n = bpf_path_d_path(&f->f_path, buf, FG_EXE_LEN);
	bpf_put_file(f);
	return n > 0 ? FG_EXE_OK : FG_EXE_UNRESOLVED;
}

/* Not inlined: one copy of the record filling for every caller (BPF's five
 * arguments: the caller sets seq and hook). */
static __attribute__((noinline)) void fg_event_fill(struct fg_event *e,
						     const struct fg_request *r,
						     const struct fg_cmd *c,
						     const struct fg_verdict *v,
						     const struct fg_caller *who)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 id;

	__builtin_memset(e, 0, sizeof(*e));
	e->version = FG_EVENT_VERSION;
	e->type = FG_EVENT_DECISION;
	e->size = sizeof(*e);
	e->boot_ns = bpf_ktime_get_boot_ns();
	e->gen = v->gen;
	e->action = v->action;
	e->reason = v->reason;
	e->permissive = v->permissive;
	e->rule = v->rule;
	e->minor = r->minor;
	e->devtype = r->devtype;
	e->scope = r->scope;
	e->in_len = r->in_len;
	e->out_len = r->out_len;
	id = bpf_get_current_pid_tgid();
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->loginuid = FG_ID_UNSET;
	e->sessionid = FG_ID_UNSET;
	if (bpf_core_field_exists(task->loginuid)) {
		e->loginuid = BPF_CORE_READ(task, loginuid.val);
		e->sessionid = BPF_CORE_READ(task, sessionid);
	}
	if (who)
		__builtin_memcpy(&e->caller, who, sizeof(*who));
	else
		fg_read_caller(&e->caller);
	__builtin_memcpy(&e->cmd, c, sizeof(*c));
}

/* Tracing programs (fentry) may not call the file kfuncs that give the
 * path: their records carry the exe's inode and device only. */
static __always_inline int fg_hook_is_lsm(__u32 hook)
{
	return hook != FG_HOOK_RPC && hook != FG_HOOK_FW_RPC;
}

/*
 * Number the event, keep it in fg_recent and hand it to the ring buffer.
 * It is built in the task's storage (t) or, when there is none, in the ring
 * buffer itself (a full ring buffer then loses it from fg_recent too). A
 * full ring buffer never changes the decision: the loss is counted, and the
 * missing seq tells the reader.
 */
static __always_inline void fg_emit(struct fg_task *t, const struct fg_request *r,
				    const struct fg_cmd *c, const struct fg_verdict *v,
				    const struct fg_caller *who, __u32 hook, __u32 type,
				    const struct fg_detail *d)
{
	struct fg_event *e;
	__u64 *last, seq = 0;
	__u32 zero = 0, slot;

	last = bpf_map_lookup_elem(&fg_event_seq, &zero);
	if (last)
		seq = __sync_fetch_and_add(last, 1) + 1;
	slot = seq % FG_RECENT_EVENTS;
	if (t) {
		fg_event_fill(&t->ev, r, c, v, who);
		t->ev.seq = seq;
		t->ev.hook = hook;
		t->ev.type = type;
		if (d)
			__builtin_memcpy(&t->ev.detail, d, sizeof(*d));
		t->ev.exe_status = fg_hook_is_lsm(hook) ? fg_read_exe(t->ev.exe) : FG_EXE_NOT_READ;
		bpf_map_update_elem(&fg_recent, &slot, &t->ev, BPF_ANY);
		if (bpf_ringbuf_output(&fg_events, &t->ev, sizeof(t->ev), 0))
			fg_count(FG_STAT_EVENTS_LOST);
		return;
	}
	e = bpf_ringbuf_reserve(&fg_events, sizeof(*e), 0);
	if (!e) {
		fg_count(FG_STAT_EVENTS_LOST);
		return;
	}
	fg_event_fill(e, r, c, v, who);
	e->seq = seq;
	e->hook = hook;
	e->type = type;
	if (d)
		__builtin_memcpy(&e->detail, d, sizeof(*d));
	e->exe_status = fg_hook_is_lsm(hook) ? fg_read_exe(e->exe) : FG_EXE_NOT_READ;
	bpf_map_update_elem(&fg_recent, &slot, e, BPF_ANY);
	bpf_ringbuf_submit(e, 0);
}

/* The rule's own counters, in its generation's half of fg_rule_stats. */
static __always_inline void fg_count_rule(const struct fg_verdict *v)
{
	struct fg_rule_stat *st;
	__u32 idx;

	if (v->rule < 0)
		return;
	idx = (__u32)(v->gen & 1) * FG_MAX_RULES + ((__u32)v->rule & (FG_MAX_RULES - 1));
	st = bpf_map_lookup_elem(&fg_rule_stats, &idx);
	if (!st)
		return;
	if (v->action == FG_ACTION_ALLOW)
		st->allowed++;
	else if (v->action == FG_ACTION_AUDIT)
		st->audited++;
	else
		st->denied++;
}

/* Count, report, and turn the verdict into the hook's return value. */
static __always_inline int fg_enforce(struct fg_task *t, const struct fg_request *r,
				      const struct fg_cmd *c, const struct fg_verdict *v,
				      const struct fg_caller *who, __u32 hook)
{
	fg_count_rule(v);
	switch (v->action) {
	case FG_ACTION_ALLOW:
		fg_count(FG_STAT_ALLOWED);
		return 0;
	case FG_ACTION_AUDIT:
		fg_count(FG_STAT_AUDITED);
		fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
		return 0;
	default:
		if (v->permissive) {
			fg_count(FG_STAT_PERMITTED);
			fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
			return 0;
		}
		fg_count(FG_STAT_DENIED);
		fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
		return -EPERM;
	}
}

/* A command the hook could not read at all: what events say of it. */
static __always_inline void fg_cmd_unread(struct fg_cmd *c, __u32 devtype)
{
	c->devtype = devtype;
	c->status = FG_DECODE_UNREADABLE;
	c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
}

static __always_inline __u32 fg_devtype_of(__u32 minor)
{
	struct fg_device *d = bpf_map_lookup_elem(&fg_devices, &minor);

	return d ? d->devtype : FG_DEVTYPE_UNKNOWN;
}

/*
 * Is this ioctl a FWCTL_RPC to a fwctl node? 1 with r->minor and r->devtype
 * filled; 0 when it is none of the guard's business; -EPERM when the config
 * map cannot be read (cannot happen for an array map: fail closed). The
 * cheapest test comes first: both hooks run on every ioctl of the host, and
 * anything but ioctl number 0x9A01 leaves after one compare.
 */
static __always_inline int fg_rpc_target(struct file *file, unsigned int cmd,
					 struct fg_request *r)
{
	struct fg_config *cfg;
	__u32 zero = 0;

	if (cmd != FG_FWCTL_RPC)
		return 0;
	cfg = bpf_map_lookup_elem(&fg_config, &zero);
	if (!cfg)
		return -EPERM;
	if (!fg_is_fwctl(file, cfg->fwctl_major, &r->minor))
		return 0;
	r->devtype = fg_devtype_of(r->minor);
	return 1;
}

/*
 * Read the command behind the RPC: the first FG_DECODE_PEEK bytes of `in`
 * into buf (the task's storage: what was approved is compared later with
 * the kernel's copy) and, for pds, the first bytes of the payload its
 * request points at (the driver copies that too, so a pointer the guard
 * cannot read is a request the guard cannot judge). Then resolve its
 * effects. Two copies: file_ioctl may fault pages in (bpf_copy_from_user),
 * file_ioctl_compat may not (bpf_probe_read_user fails instead).
 * Not inlined: their buffers would otherwise sit in the hook's frame while
 * the engine's frame is on top of it, past BPF's 512-byte stack.
 */
#define FG_DEFINE_READ_CMD(name, read_user)						\
static __attribute__((noinline)) void name(const struct fg_fwctl_rpc *rpc,		\
					   const struct fg_request *r, struct fg_cmd *c,	\
					   struct fg_approved *ok)				\
{											\
	__u8 peek[32];									\
	__u32 n = rpc->in_len;								\
	int readable = 1;								\
											\
	__builtin_memset(ok->peek, 0, sizeof(ok->peek));				\
	if (n > FG_DECODE_PEEK)								\
		n = FG_DECODE_PEEK;							\
	ok->peek_len = n;								\
	if (r->devtype != FG_DEVTYPE_UNKNOWN && n)					\
		readable = !read_user(ok->peek, n, (void *)rpc->in);			\
	fg_decode(r->devtype, ok->peek, rpc->in_len, readable, c);			\
	if (c->status == FG_DECODE_OK && c->devtype == FG_DEVTYPE_PDS && c->data_len) {	\
		/* At most 16 bytes: enough to know the pointer is readable. The	\
		 * mask is for the verifier, which loses the bound otherwise. */	\
		n = c->data_len < 16 ? c->data_len : 16;				\
		if (read_user(peek, n & (sizeof(peek) - 1), (void *)c->payload))	\
			c->status = FG_DECODE_UNREADABLE;				\
	}										\
	fg_resolve_effects(&fg_effects, r->minor, c);					\
}
FG_DEFINE_READ_CMD(fg_read_cmd, bpf_copy_from_user)
FG_DEFINE_READ_CMD(fg_read_cmd_nofault, bpf_probe_read_user)

/*
 * The loader asks each CXL device for its features while it loads or
 * refreshes; the policy must not be able to lock it out of reading the
 * effects it is judged by. Only Get Supported Features, only at the
 * configuration scope, only from the tgid the loader wrote (0: none).
 */
static __always_inline int fg_is_loader_read(const struct fg_request *r, const struct fg_cmd *c)
{
	__u32 zero = 0, *tgid;

	/* The request first: only this one command needs the map lookup. */
	if (c->status != FG_DECODE_OK || c->devtype != FG_DEVTYPE_CXL ||
	    c->opcode != FG_CXL_GET_SUPPORTED_FEATURES || r->scope != FG_SCOPE_CONFIGURATION ||
	    fg_request_malformed(r))
		return 0;
	tgid = bpf_map_lookup_elem(&fg_loader, &zero);
	return tgid && *tgid && *tgid == bpf_get_current_pid_tgid() >> 32;
}

/* What the kernel is about to copy, if the verdict lets it: toctou.bpf.h
 * compares its copy with this. */
static __always_inline int fg_approve(struct fg_task *t, const struct fg_fwctl_rpc *rpc,
				      __u32 hook, int ret)
{
	if (ret)
		return ret;
	t->ok.scope = rpc->scope;
	t->ok.in_len = rpc->in_len;
	t->ok.out_len = rpc->out_len;
	t->ok.in = rpc->in;
	t->ok.out = rpc->out;
	t->ok.hook = hook;
	t->ok.state = FG_OK_PENDING;
	return 0;
}

/*
 * Judge an RPC whose header is in rpc: the part both ioctl hooks share
 * once they have read it. The command itself is read by the caller (with
 * or without faulting) into t->in.cmd and t->ok.peek.
 */
static __always_inline int fg_judge(struct fg_task *t, const struct fg_fwctl_rpc *rpc, __u32 hook)
{
	struct fg_decide_in *in = &t->in;
	struct fg_verdict v = {};

	if (fg_is_loader_read(&in->req, &in->cmd)) {
		fg_verdict_set(&v, FG_ACTION_ALLOW, FG_REASON_SELF, FG_RULE_NONE);
		return fg_approve(t, rpc, hook,
				  fg_enforce(t, &in->req, &in->cmd, &v, &in->caller, hook));
	}
	if (fg_engine_decide(in, &v))
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
	return fg_approve(t, rpc, hook, fg_enforce(t, &in->req, &in->cmd, &v, &in->caller, hook));
}

/* The start both ioctl hooks share: the task's storage, emptied, with the
 * request's node and the caller in it. NULL: no memory to judge with. */
static __always_inline struct fg_task *fg_task_start(const struct fg_request *r)
{
	struct fg_task *t;

	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!t)
		return NULL;
	t->ok.state = FG_OK_NONE;
	__builtin_memset(&t->in, 0, sizeof(t->in));
	t->in.req = *r;
	/* The caller first: every event names it, also for an unreadable RPC. */
	fg_read_caller(&t->in.caller);
	return t;
}

/* Deny what cannot be judged: no storage (t NULL) or an unreadable header. */
static __always_inline int fg_deny_unreadable(struct fg_task *t, const struct fg_request *r,
					      __u32 hook)
{
	struct fg_verdict v = {};
	struct fg_cmd c = {};

	fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_UNREADABLE, FG_RULE_NONE);
	if (!t) {
		fg_cmd_unread(&c, r->devtype);
		return fg_enforce(NULL, r, &c, &v, NULL, hook);
	}
	fg_cmd_unread(&t->in.cmd, t->in.req.devtype);
	return fg_enforce(t, &t->in.req, &t->in.cmd, &v, &t->in.caller, hook);
}

static __always_inline void fg_req_header(struct fg_request *r, const struct fg_fwctl_rpc *rpc)
{
	r->size = rpc->size;
	r->scope = rpc->scope;
	r->in_len = rpc->in_len;
	r->out_len = rpc->out_len;
}

/*
 * Both ioctl hooks: read the header and the command, then judge. hook is a
 * constant at each call: the compiler keeps one reader per program, since
 * file_ioctl may fault pages in (bpf_copy_from_user) and file_ioctl_compat,
 * not sleepable, may not (bpf_probe_read_user fails instead).
 */
static __always_inline int fg_ioctl(struct file *file, unsigned int cmd, unsigned long arg,
				    __u32 hook)
{
	struct fg_request r = {};
	struct fg_fwctl_rpc rpc;
	struct fg_task *t;
	int ret;

	ret = fg_rpc_target(file, cmd, &r);
	if (ret <= 0)
		return ret;
	t = fg_task_start(&r);
	if (!t || (hook == FG_HOOK_IOCTL ? bpf_copy_from_user(&rpc, sizeof(rpc), (void *)arg)
					 : bpf_probe_read_user(&rpc, sizeof(rpc), (void *)arg)))
		return fg_deny_unreadable(t, &r, hook);
	fg_req_header(&t->in.req, &rpc);
	if (hook == FG_HOOK_IOCTL)
		fg_read_cmd(&rpc, &t->in.req, &t->in.cmd, &t->ok);
	else
		fg_read_cmd_nofault(&rpc, &t->in.req, &t->in.cmd, &t->ok);
	return fg_judge(t, &rpc, hook);
}

SEC("lsm.s/file_ioctl")
int BPF_PROG(fg_file_ioctl, struct file *file, unsigned int cmd, unsigned long arg, int ret)
{
	if (ret)
		return ret;
	return fg_ioctl(file, cmd, arg, FG_HOOK_IOCTL);
}

/* 32-bit callers: the same judgement on what can be read without faulting.
 * struct fwctl_rpc has the same layout there (u64 pointers), and on x86
 * compat_ptr() leaves the 32-bit address as it is. */
SEC("lsm/file_ioctl_compat")
int BPF_PROG(fg_file_ioctl_compat, struct file *file, unsigned int cmd, unsigned long arg,
	     int ret)
{
	if (ret)
		return ret;
	return fg_ioctl(file, cmd, arg, FG_HOOK_IOCTL_COMPAT);
}

struct io_uring_cmd {
	struct file *file;
	__u32 cmd_op;
} __attribute__((preserve_access_index));

/*
 * io_uring passthrough commands to a fwctl file. fwctl has no uring_cmd
 * today and io_uring refuses (EOPNOTSUPP) before this hook runs; should a
 * kernel add one, the guard cannot read such a request the way it reads
 * an ioctl: deny, and say so.
 */
SEC("lsm/uring_cmd")
int BPF_PROG(fg_uring_cmd, struct io_uring_cmd *ioucmd, int ret)
{
	struct fg_request r = {};
	struct fg_verdict v = {};
	struct fg_config *cfg;
	struct fg_cmd c = {};
	struct fg_task *t;
	__u32 zero = 0;

	if (ret)
		return ret;
	cfg = bpf_map_lookup_elem(&fg_config, &zero);
	if (!cfg)
		return -EPERM;
	if (!fg_is_fwctl(ioucmd->file, cfg->fwctl_major, &r.minor))
		return 0;
	r.devtype = fg_devtype_of(r.minor);
	r.scope = FG_SCOPE_MAX;		/* not an RPC header: no scope */
	fg_cmd_unread(&c, r.devtype);
	c.opcode = ioucmd->cmd_op;
	fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_URING, FG_RULE_NONE);
	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	return fg_enforce(t, &r, &c, &v, NULL, FG_HOOK_URING_CMD);
}

#include "toctou.bpf.h"
#include "seal.bpf.h"
