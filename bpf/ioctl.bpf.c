// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the request path. Judges every FWCTL_RPC to a fwctl node.
 *
 * Hooks:
 *   lsm.s/file_ioctl         sleepable; reads struct fwctl_rpc from the
 *                            caller with bpf_copy_from_user, then the first
 *                            FG_DECODE_PEEK bytes of its in buffer (and, for
 *                            pds, the start of the payload that buffer points
 *                            at), decodes the command (fg_decode), and has
 *                            the engine (engine.bpf.h) resolve its effects and
 *                            decide with the active generation.
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
 * An RPC this file lets through is recorded as approved in the task's
 * storage; postcopy.bpf.c checks the kernel's own copy against it.
 *
 * Failure policy: fail closed. An RPC header or in buffer that cannot be
 * read, a request the kernel or the driver would refuse (malformed), or a
 * missing or incomplete generation is denied with EPERM and reported, unless
 * a rule names that case (also when the task storage holding the request
 * cannot be allocated). In permissive mode what the policy denies is
 * allowed and reported with permissive=1 (a missing policy is still
 * denied). A command without effects metadata has the effect "unknown"; a
 * node missing from the registry gets the policy's unknown-device action.
 */
#include "common.bpf.h"
#include "engine.bpf.h"
#include "fwctl_guard_decode.h"
#include "fwctl_file.bpf.h"

/* Set by the loader before the object is loaded (FG_CFG_COMPAT_UNREAD). */
const volatile __u32 fg_compat_unread = 0;

/* Generic ioctls the VFS answers itself (fs/ioctl.c, do_vfs_ioctl): they
 * never reach the driver, and runtimes set close-on-exec with them. */
#define FG_FIONBIO	0x5421
#define FG_FIONCLEX	0x5450
#define FG_FIOCLEX	0x5451
#define FG_FIOASYNC	0x5452

/*
 * Is this ioctl on a fwctl file one the guard judges? 1 with r->minor,
 * r->devtype and r->ioctl filled; 0 when it is none of the guard's
 * business (another file, FWCTL_INFO, or an ioctl the VFS answers);
 * -EPERM when the config map cannot be read (cannot happen for an array
 * map: fail closed). Every ioctl of the host comes here: the file test
 * leaves after two loads for anything but a character device.
 */
static __always_inline int fg_ioctl_target(struct file *file, unsigned int cmd,
					   struct fg_request *r)
{
	struct fg_config *cfg;
	__u32 zero = 0;

	cfg = bpf_map_lookup_elem(&fg_config, &zero);
	if (!cfg)
		return -EPERM;
	if (!fg_fwctl_file(file, cfg->fwctl_ops_off, &r->minor, &r->devtype))
		return 0;
	if (cmd == FG_FWCTL_INFO || cmd == FG_FIONBIO || cmd == FG_FIONCLEX ||
	    cmd == FG_FIOCLEX || cmd == FG_FIOASYNC)
		return 0;
	r->ioctl = cmd;
	return 1;
}

/*
 * Read the command behind the RPC: the first FG_DECODE_PEEK bytes of `in`
 * into buf (the task's storage: what was approved is compared later with
 * the kernel's copy) and, for pds, the first bytes of the payload its
 * request points at (the driver copies that too, so a pointer the guard
 * cannot read is a request the guard cannot judge). Two copies: file_ioctl
 * may fault pages in (bpf_copy_from_user), file_ioctl_compat may not
 * (bpf_probe_read_user fails instead).
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
	/* Read for every type, decoded or not: what was read is what the	\
	 * post-copy checks compare; peek_len stays 0 when nothing was. */	\
	ok->peek_len = 0;								\
	if (n) {									\
		readable = !read_user(ok->peek, n, (void *)rpc->in);			\
		if (readable)								\
			ok->peek_len = n;						\
	}										\
	fg_decode(r->devtype, ok->peek, rpc->in_len, readable, c);			\
	if (c->status == FG_DECODE_OK && c->devtype == FG_DEVTYPE_PDS && c->data_len) {	\
		/* At most 16 bytes: enough to know the pointer is readable. The	\
		 * mask is for the verifier, which loses the bound otherwise. */	\
		n = c->data_len < 16 ? c->data_len : 16;				\
		if (read_user(peek, n & (sizeof(peek) - 1), (void *)c->payload))	\
			c->status = FG_DECODE_UNREADABLE;				\
	}										\
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

/* What the kernel is about to copy, if the verdict lets it: postcopy.bpf.c
 * compares its copy with this. */
static __always_inline int fg_approve(struct fg_task *t, const struct fg_fwctl_rpc *rpc,
				      __u32 hook, __u64 arg, int ret)
{
	/* The 32-bit path approves nothing: fwctl has no compat_ioctl, the
	 * kernel answers ENOTTY, and an approval would wait for an RPC that
	 * never comes. */
	if (ret || hook == FG_HOOK_IOCTL_COMPAT)
		return ret;
	t->ok.arg = arg;
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
static __always_inline int fg_judge(struct fg_task *t, const struct fg_fwctl_rpc *rpc, __u32 hook,
				    __u64 arg)
{
	struct fg_decide_in *in = &t->in;
	struct fg_verdict v = {};

	if (fg_is_loader_read(&in->req, &in->cmd)) {
		fg_verdict_set(&v, FG_ACTION_ALLOW, FG_REASON_SELF, FG_RULE_NONE);
		return fg_approve(t, rpc, hook, arg,
				  fg_enforce(t, &in->req, &in->cmd, &v, &in->caller, hook));
	}
	if (fg_engine_decide(in, &t->fields, &v))
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
	return fg_approve(t, rpc, hook, arg,
			  fg_enforce(t, &in->req, &in->cmd, &v, &in->caller, hook));
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

/*
 * An ioctl on a fwctl file other than FWCTL_RPC and FWCTL_INFO (a vendor
 * kernel's, a probe): no header to read, no command to decode. Only rules
 * that name the ioctl can let it through; nothing is approved (the
 * post-copy checks concern RPCs).
 */
static __always_inline int fg_judge_other(struct fg_task *t, const struct fg_request *r,
					  __u32 hook)
{
	struct fg_verdict v = {};

	if (!t) {
		struct fg_cmd c = { .devtype = fg_devtype_known(r->devtype) ? r->devtype : 0 };

		c.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_UNKNOWN_IOCTL, FG_RULE_NONE);
		return fg_enforce(NULL, r, &c, &v, NULL, hook);
	}
	t->in.cmd.devtype = fg_devtype_known(r->devtype) ? r->devtype : 0;
	if (fg_engine_decide(&t->in, &t->fields, &v))
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
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

	ret = fg_ioctl_target(file, cmd, &r);
	if (ret <= 0)
		return ret;
	t = fg_task_start(&r);
	if (r.ioctl != FG_FWCTL_RPC)
		return fg_judge_other(t, &r, hook);
	/* A constant of the loaded object: the verifier drops the reads
	 * below from the compat program when it is set, so that the program
	 * loads where the kernel would refuse them (fg_config.flags). */
	if (hook == FG_HOOK_IOCTL_COMPAT && fg_compat_unread)
		return fg_deny_unreadable(t, &r, hook);
	if (!t || (hook == FG_HOOK_IOCTL ? bpf_copy_from_user(&rpc, sizeof(rpc), (void *)arg)
					 : bpf_probe_read_user(&rpc, sizeof(rpc), (void *)arg)))
		return fg_deny_unreadable(t, &r, hook);
	fg_req_header(&t->in.req, &rpc);
	if (hook == FG_HOOK_IOCTL)
		fg_read_cmd(&rpc, &t->in.req, &t->in.cmd, &t->ok);
	else
		fg_read_cmd_nofault(&rpc, &t->in.req, &t->in.cmd, &t->ok);
	return fg_judge(t, &rpc, hook, arg);
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
	if (!fg_fwctl_file(ioucmd->file, cfg->fwctl_ops_off, &r.minor, &r.devtype))
		return 0;
	r.scope = FG_SCOPE_MAX;		/* not an RPC header: no scope */
	r.ioctl = FG_FWCTL_RPC;
	fg_cmd_unread(&c, r.devtype);
	c.opcode = ioucmd->cmd_op;
	fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_URING, FG_RULE_NONE);
	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	return fg_enforce(t, &r, &c, &v, NULL, FG_HOOK_URING_CMD);
}
