// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: after the kernel's own copy of an RPC the ioctl hook
 * approved (ioctl.bpf.c; the approval is struct fg_approved in the task's
 * storage, PENDING from the verdict to the end of the ioctl).
 *
 * The ioctl hook reads the caller's memory; fwctl_fops_ioctl copies the
 * header again, fwctl_cmd_rpc checks the scope and copies `in` again,
 * then calls the driver. Another thread of the caller can change either in
 * between. The kernel has no hook after its copy that can refuse an RPC
 * (the loader probes BTF for one and reports it), so:
 *
 *   lsm/capable              CAP_SYS_RAWIO asked for while the task's
 *                            approved RPC had a scope below
 *                            DEBUG_WRITE_FULL: the only place fwctl asks
 *                            for it is the scope-3 check after its copy of
 *                            the header, so the scope was raised after the
 *                            guard read it. Refused (EPERM): the kernel
 *                            then fails the RPC before the driver sees it.
 *                            Authoritative.
 *   fentry/fwctl_cmd_rpc     the kernel's copy of the header; any field
 *                            different from the approved one is reported
 *                            (tamper event). An RPC arriving here with no
 *                            approval came by a path the guard does not
 *                            judge: reported as unjudged. Detection only.
 *   fentry/<driver>_fw_rpc   the kernel's copy of `in`, handed to the
 *                            driver: the bytes the guard decoded are
 *                            compared. Detection only: the driver runs the
 *                            command whatever this program sees.
 *   fexit/fwctl_fops_ioctl   the ioctl is over: the approval ends.
 *
 * With `tamper kill` the caller also gets SIGKILL (delivered when the
 * syscall returns: the command has already been handed to the driver).
 *
 * Failure policy: a task without storage here had no approval; the header
 * program reports it as unjudged (with storage created for the record, or
 * built in the ring buffer).
 */
#include "common.bpf.h"
#include "fwctl_file.bpf.h"

#define CAP_SYS_RAWIO	17
#define SIGKILL		9

struct fwctl_ucmd {
	void *cmd;		/* the kernel's copy of struct fwctl_rpc */
} __attribute__((preserve_access_index));

struct user_namespace;

/* The active generation's `tamper` setting and number (0: no policy). */
static __always_inline __u32 fg_tamper_setting(__u64 *gen_out)
{
	const struct fg_gen *g;
	__u32 zero = 0;
	void *inner;

	*gen_out = 0;
	inner = bpf_map_lookup_elem(&fg_gens, &zero);
	g = inner ? bpf_map_lookup_elem(inner, &zero) : NULL;
	if (!g || g->hdr.version != FG_ABI_VERSION)
		return FG_TAMPER_REPORT;
	*gen_out = g->hdr.gen;
	return g->hdr.tamper;
}

/*
 * Report what changed (d) about the task's approved RPC, as it was
 * approved; kill the caller if the policy says so. action: what the hook
 * does (deny when it refuses, audit when it can only watch).
 */
static __always_inline void fg_tamper(struct fg_task *t, struct fg_detail *d, __u32 hook,
				      __u8 action, __u8 reason)
{
	struct fg_verdict v = {};

	fg_verdict_set(&v, action, reason, FG_RULE_NONE);
	if (fg_tamper_setting(&v.gen) == FG_TAMPER_KILL && !bpf_send_signal(SIGKILL))
		d->what |= FG_TAMPER_KILLED;
	fg_count(FG_STAT_TAMPERED);
	fg_emit(t, &t->in.req, &t->in.cmd, &v, &t->in.caller, hook, FG_EVENT_TAMPER, d);
}

/*
 * The task's approved RPC, if the syscall running now is the ioctl that
 * was approved (FWCTL_RPC, the same argument). An approval whose ioctl
 * returned without the fexit clearing it (an early error return with the
 * fexit not attached, fwctl loaded after the guard) is stale: cleared,
 * never applied to a later syscall's capability checks.
 */
static __always_inline struct fg_task *fg_task_pending(void)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct fg_task *t = bpf_task_storage_get(&fg_task, task, NULL, 0);
	struct pt_regs *regs;

	if (!t || t->ok.state != FG_OK_PENDING)
		return NULL;
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	if (regs && FG_SYSCALL_NR(regs) == FG_NR_IOCTL &&
	    (__u32)FG_SYSCALL_ARG1(regs) == FG_FWCTL_RPC && FG_SYSCALL_ARG2(regs) == t->ok.arg)
		return t;
	t->ok.state = FG_OK_NONE;
	return NULL;
}

SEC("lsm/capable")
int BPF_PROG(fg_capable, const struct cred *cred, struct user_namespace *ns, int cap,
	     unsigned int opts, int ret)
{
	struct fg_detail d = {};
	struct fg_task *t;

	if (ret)
		return ret;
	/* One compare for every capability check of the host. */
	if (cap != CAP_SYS_RAWIO)
		return 0;
	t = fg_task_pending();
	if (!t || t->ok.scope == FG_SCOPE_DEBUG_WRITE_FULL)
		return 0;
	d.what = FG_TAMPER_SCOPE;
	d.k_scope = FG_SCOPE_DEBUG_WRITE_FULL;
	d.k_in_len = t->ok.in_len;
	d.k_out_len = t->ok.out_len;
	fg_tamper(t, &d, FG_HOOK_CAPABLE, FG_ACTION_DENY, FG_REASON_TAMPER);
	return -EPERM;
}

/* An RPC the ioctl hook never approved: its record is built from the
 * kernel's header (the node is not known here). */
static __always_inline void fg_unjudged(const struct fg_fwctl_rpc *k)
{
	struct fg_detail d = {};
	struct fg_task *t;

	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!t) {
		fg_count(FG_STAT_EVENTS_LOST);
		return;
	}
	__builtin_memset(&t->in, 0, sizeof(t->in));
	t->in.req.minor = FG_MINOR_ANY;
	t->in.req.size = k->size;
	t->in.req.scope = k->scope;
	t->in.req.in_len = k->in_len;
	t->in.req.out_len = k->out_len;
	fg_cmd_unread(&t->in.cmd, FG_DEVTYPE_UNKNOWN);
	fg_read_caller(&t->in.caller);
	d.k_scope = k->scope;
	d.k_in_len = k->in_len;
	d.k_out_len = k->out_len;
	fg_tamper(t, &d, FG_HOOK_RPC, FG_ACTION_AUDIT, FG_REASON_UNJUDGED);
}

SEC("fentry/fwctl_cmd_rpc")
int BPF_PROG(fg_rpc_header, struct fwctl_ucmd *ucmd)
{
	struct fg_fwctl_rpc k = {};
	struct fg_detail d = {};
	struct fg_task *t;
	__u64 *w = (__u64 *)&k, p;
	int i;

	/* The kernel's copy of the header: plain loads (bpf_rdonly_cast), no
	 * probe-read helper, which lockdown=confidentiality withdraws. */
	p = (__u64)ucmd->cmd;
	if (!p)
		return 0;
	for (i = 0; i < (int)(sizeof(k) / 8); i++)
		w[i] = fg_kread64(p + 8 * i);
	t = fg_task_pending();
	if (!t) {
		fg_unjudged(&k);
		return 0;
	}
	/* Raised to DEBUG_WRITE_FULL: the capable hook refuses and reports it
	 * (one record per change). */
	if (k.scope != t->ok.scope && k.scope != FG_SCOPE_DEBUG_WRITE_FULL)
		d.what |= FG_TAMPER_SCOPE;
	if (k.in_len != t->ok.in_len)
		d.what |= FG_TAMPER_IN_LEN;
	if (k.out_len != t->ok.out_len)
		d.what |= FG_TAMPER_OUT_LEN;
	if (k.in != t->ok.in)
		d.what |= FG_TAMPER_IN_PTR;
	if (k.out != t->ok.out)
		d.what |= FG_TAMPER_OUT_PTR;
	if (!d.what)
		return 0;
	d.k_scope = k.scope;
	d.k_in_len = k.in_len;
	d.k_out_len = k.out_len;
	fg_tamper(t, &d, FG_HOOK_RPC, FG_ACTION_AUDIT, FG_REASON_TAMPER);
	return 0;
}

/* The driver's copy of `in` against the bytes the ioctl hook decoded. */
static __always_inline int fg_check_payload(__u32 scope, const void *in, __u64 in_len)
{
	__u8 kbuf[FG_DECODE_PEEK] = {};
	__u64 *w = (__u64 *)kbuf;
	struct fg_detail d = {};
	struct fg_task *t;
	__u32 n, i;

	t = fg_task_pending();
	if (!t)
		return 0;	/* reported by fg_rpc_header */
	/* Only what the ioctl hook read is compared: nothing read (the
	 * caller's buffer unreadable), nothing to compare. A length that
	 * changed is fg_rpc_header's to report. */
	n = in_len < t->ok.peek_len ? in_len : t->ok.peek_len;
	if (!n || !in)
		return 0;
	for (i = 0; i < FG_DECODE_PEEK / 8; i++)
		w[i] = fg_kread64((__u64)in + 8 * i);
	for (i = 0; i < FG_DECODE_PEEK; i++) {
		if (i < n && kbuf[i] != t->ok.peek[i]) {
			d.what |= FG_TAMPER_PAYLOAD;
			d.k_offset = i;
			break;
		}
	}
	if (!(d.what & FG_TAMPER_PAYLOAD))
		return 0;
	d.k_scope = scope;
	d.k_in_len = in_len;
	d.k_out_len = t->ok.out_len;
	fg_tamper(t, &d, FG_HOOK_FW_RPC, FG_ACTION_AUDIT, FG_REASON_TAMPER);
	return 0;
}

/* One per driver with fw_rpc (drivers/fwctl/, drivers/cxl/core/features.c);
 * the loader attaches those the running kernel has. */
#define FG_FW_RPC_HOOK(name, func)							\
SEC("fentry/" #func)									\
int BPF_PROG(name, void *uctx, int scope, void *in, __u64 in_len, __u64 *out_len)	\
{											\
	return fg_check_payload(scope, in, in_len);					\
}
FG_FW_RPC_HOOK(fg_fw_rpc_cxl, cxlctl_fw_rpc)
FG_FW_RPC_HOOK(fg_fw_rpc_mlx5, mlx5ctl_fw_rpc)
FG_FW_RPC_HOOK(fg_fw_rpc_bnxt, bnxtctl_fw_rpc)
FG_FW_RPC_HOOK(fg_fw_rpc_pds, pdsfc_fw_rpc)

SEC("fexit/fwctl_fops_ioctl")
int BPF_PROG(fg_rpc_done, struct file *filp, unsigned int cmd, unsigned long arg, long ret)
{
	struct fg_task *t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL, 0);

	if (t)
		t->ok.state = FG_OK_NONE;
	return 0;
}

