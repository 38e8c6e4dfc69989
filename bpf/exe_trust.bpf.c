// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: whether a caller's executable says what code runs.
 *
 * An exe rule names a file; the kernel names the file a process was exec'd
 * from (mm->exe_file). The two agree on the code that runs only while
 * nothing else chose it. The guard keeps, per process (task storage fg_proc
 * on the thread-group leader, reset at each exec), what it saw that breaks
 * the agreement, and the decision (bpf/exe_trust.bpf.h) lets the exe count
 * only when there is none:
 *
 *   lsm/ptrace_access_check  attach-level access by another process
 *                            (ptrace attach, /proc/PID/mem, process_vm_*,
 *                            pidfd_getfd): it can write the memory or take
 *                            the fds. "attached", on the target's leader.
 *                            The kernel skips the hook inside one thread
 *                            group, where the code is the process's own.
 *   lsm/ptrace_traceme       the process asks its parent to trace it: "traced"
 *   lsm/task_alloc           a new process (not a thread) starts with its
 *                            parent's history: it is a copy of its memory
 *   lsm/bprm_committed_creds an exec starts a history: traced at that moment
 *                            ("traced"), binfmt_misc's transparent
 *                            interpreter ('T', 7.3: exe is the binary, the
 *                            interpreter runs; "binfmt-interp"), a binfmt_misc
 *                            loader ('L', 7.3: another file in place of the
 *                            binary's PT_INTERP; "binfmt-loader")
 *   fentry/bprm_open_interpreter
 *                            where an 'L' loader is handed over (7.3; the
 *                            program is left out on kernels without it)
 *   lsm/task_prctl           PR_SET_MM_EXE_FILE and PR_SET_MM_MAP replace
 *                            the exe of a running process: refused while the
 *                            active policy has an exe condition or the guard
 *                            is sealed, else "relabelled" and reported (a
 *                            guard event either way)
 *
 * At a decision the current thread being traced also counts ("traced"),
 * and a process that has not exec'd since the guard attached has no
 * history ("unknown"): the guard cannot know what was done to it before.
 *
 * What no hook sees, and an exe rule therefore does not rule out: the
 * process's own inputs (arguments, environment: LD_PRELOAD, LD_AUDIT,
 * plugins, scripts for an interpreter exe), a process sharing the memory
 * of another without being its thread (clone(CLONE_VM) without
 * CLONE_THREAD, traced through the other), what was done before the guard
 * attached to a process that exec'd since, and the file's content (root
 * may rewrite the inode). docs/policy-language.md says what each caller
 * field proves.
 *
 * Failure policy: fail closed. No storage for a process (allocation
 * failed, or none yet) reads as "unknown"; a mark that cannot be recorded
 * on a process without storage leaves it "unknown". task_prctl refuses
 * only PR_SET_MM's exe options and answers 0 ("no opinion") otherwise, so
 * that the kernel's own handling goes on.
 */
#include "common.bpf.h"
#include "exe_trust.bpf.h"

#define FG_PTRACE_MODE_ATTACH		0x02	/* include/linux/ptrace.h */
#define FG_CLONE_THREAD			0x00010000
#define FG_PR_SET_MM			35	/* include/uapi/linux/prctl.h */
#define FG_PR_SET_MM_EXE_FILE		13
#define FG_PR_SET_MM_MAP		14
#define FG_BINPRM_TRANSPARENT_INTERP	(1u << 4)	/* 7.3 include/linux/binfmts.h */

/* loader: 7.3 only, with binfmt_misc's 'T' and 'L' flags (and the
 * interp_flags bit above): its presence says what the bit means. */
struct linux_binprm___exe {
	unsigned int interp_flags;
	struct file *loader;
} __attribute__((preserve_access_index));

/* Mark a process (its leader) with untrust bits until its next exec. */
static __always_inline void fg_untrust_mark(struct task_struct *leader, __u32 bits)
{
	struct fg_proc *p;

	p = bpf_task_storage_get(&fg_proc, leader, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (p)
		__sync_fetch_and_or(&p->untrust, bits);
}

SEC("lsm/ptrace_access_check")
int BPF_PROG(fg_exe_ptrace, struct task_struct *child, unsigned int mode, int ret)
{
	if (ret)
		return ret;
	if (mode & FG_PTRACE_MODE_ATTACH)
		fg_untrust_mark(((struct task_struct___exe *)child)->group_leader,
				FG_UNTRUST_BIT(FG_UNTRUST_ATTACHED));
	return 0;
}

SEC("lsm/ptrace_traceme")
int BPF_PROG(fg_exe_traceme, struct task_struct *parent, int ret)
{
	struct task_struct___exe *cur = (void *)bpf_get_current_task_btf();

	if (ret)
		return ret;
	fg_untrust_mark(cur->group_leader, FG_UNTRUST_BIT(FG_UNTRUST_TRACED));
	return 0;
}

/* A new process is its own leader; its group_leader is set after this
 * hook (kernel/fork.c), so the storage goes on the task itself. A parent
 * without history gives none: the child is "unknown" until it execs. */
SEC("lsm/task_alloc")
int BPF_PROG(fg_exe_fork, struct task_struct *task, unsigned long clone_flags, int ret)
{
	struct task_struct___exe *cur = (void *)bpf_get_current_task_btf();
	struct fg_proc *pp, *cp;

	if (ret)
		return ret;
	if (clone_flags & FG_CLONE_THREAD)
		return 0;
	pp = bpf_task_storage_get(&fg_proc, cur->group_leader, NULL, 0);
	if (!pp)
		return 0;
	cp = bpf_task_storage_get(&fg_proc, task, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (cp) {
		cp->untrust = pp->untrust;
		cp->flags = pp->flags & FG_PROC_EXEC;
		cp->loader_bprm = 0;
	}
	return 0;
}

/* binfmt_misc stashed a loader for this exec ('L'): binfmt_elf takes it
 * here in place of the binary's PT_INTERP. Noted on the exec'ing thread,
 * which is the leader once the exec commits. */
SEC("fentry/bprm_open_interpreter")
int BPF_PROG(fg_exe_interp, struct linux_binprm *bprm, const char *path)
{
	struct linux_binprm___exe *b = (void *)bprm;
	struct fg_proc *p;

	if (!bpf_core_field_exists(b->loader) || !b->loader)
		return 0;
	p = bpf_task_storage_get(&fg_proc, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (p)
		p->loader_bprm = (__u64)bprm;
	return 0;
}

/* The exec is committed: current is the leader (de_thread) and its
 * history starts again, with what this exec itself brings. */
SEC("lsm/bprm_committed_creds")
int BPF_PROG(fg_exe_exec, struct linux_binprm *bprm)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_struct___exe *cur = (void *)task;
	struct linux_binprm___exe *b = (void *)bprm;
	struct fg_proc *p;
	__u32 u = 0;

	p = bpf_task_storage_get(&fg_proc, task, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!p)
		return 0;
	/* A tracer attached across the exec can write the new image until
	 * it detaches, which leaves no mark: the exec is marked now. */
	if (cur->ptrace & FG_PT_PTRACED)
		u |= FG_UNTRUST_BIT(FG_UNTRUST_TRACED);
	if (bpf_core_field_exists(b->loader)) {
		if (b->interp_flags & FG_BINPRM_TRANSPARENT_INTERP)
			u |= FG_UNTRUST_BIT(FG_UNTRUST_BINFMT_INTERP);
		if (p->loader_bprm && p->loader_bprm == (__u64)bprm)
			u |= FG_UNTRUST_BIT(FG_UNTRUST_BINFMT_LOADER);
	}
	p->untrust = u;
	p->flags = FG_PROC_EXEC;
	p->loader_bprm = 0;
	return 0;
}

/* Does the active generation have an exe condition? Its gen in *gen. */
static __always_inline int fg_policy_tests_exe(__u64 *gen)
{
	struct fg_gen *g;
	__u32 zero = 0;
	void *inner;

	inner = bpf_map_lookup_elem(&fg_gens, &zero);
	g = inner ? bpf_map_lookup_elem(inner, &zero) : NULL;
	if (!g || g->hdr.version != FG_ABI_VERSION)
		return 0;
	*gen = g->hdr.gen;
	return !!(g->hdr.fields & (1u << FG_F_EXE));
}

/*
 * PR_SET_MM_EXE_FILE, or PR_SET_MM_MAP (which may carry an exe fd; its
 * struct is in user memory the caller can change after this hook, so any
 * is taken as one): a running process naming another file as its exe.
 * Only checkpoint/restore (CRIU) does this legitimately. Refused when an
 * exe rule could be passed with it or the guard is sealed; otherwise the
 * process's exe stops counting, and it is reported.
 */
static __always_inline int fg_exe_relabel(__u32 what)
{
	struct fg_request r = { .minor = FG_MINOR_ANY, .scope = FG_SCOPE_MAX };
	struct task_struct___exe *cur = (void *)bpf_get_current_task_btf();
	struct fg_detail d = { .what = FG_GUARD_EXE_RELABEL, .obj_id = what };
	struct fg_cmd c = { .status = FG_DECODE_UNREADABLE };
	struct fg_verdict v = {};
	struct fg_seal *s;
	struct fg_task *t;
	__u32 zero = 0;
	int ret = 0, exe;
	__u64 gen = 0;

	s = bpf_map_lookup_elem(&fg_seal, &zero);
	exe = fg_policy_tests_exe(&gen);
	if (s && s->mode != FG_SEAL_NONE) {
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_SEALED, FG_RULE_NONE);
		ret = -EPERM;
	} else if (exe) {
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_EXE_RULES, FG_RULE_NONE);
		ret = -EPERM;
	} else {
		fg_verdict_set(&v, FG_ACTION_AUDIT, FG_REASON_GUARD_CHANGE, FG_RULE_NONE);
		fg_untrust_mark(cur->group_leader, FG_UNTRUST_BIT(FG_UNTRUST_RELABELLED));
	}
	v.gen = gen;
	if (ret)
		fg_count(FG_STAT_GUARD_REFUSED);
	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	fg_emit(t, &r, &c, &v, NULL, FG_HOOK_TASK_PRCTL, FG_EVENT_GUARD, &d);
	return ret;
}

/* 0 is "no opinion": the kernel's own stub then answers -ENOSYS, and
 * prctl goes on to do the work. */
SEC("lsm/task_prctl")
int BPF_PROG(fg_exe_prctl, int option, unsigned long arg2, unsigned long arg3,
	     unsigned long arg4, unsigned long arg5, int ret)
{
	if (ret)
		return ret;
	if (option != FG_PR_SET_MM ||
	    (arg2 != FG_PR_SET_MM_EXE_FILE && arg2 != FG_PR_SET_MM_MAP))
		return 0;
	return fg_exe_relabel((__u32)arg2);
}
