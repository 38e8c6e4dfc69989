/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Does the caller's executable say what runs? The part of the exe trust
 * that the decision reads (bpf/caller.bpf.h); bpf/exe_trust.bpf.c keeps
 * the history it reads (map fg_proc) and says which signals count, and why.
 */
#ifndef FG_EXE_TRUST_BPF_H
#define FG_EXE_TRUST_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "kernel.bpf.h"
#include "kfuncs.bpf.h"
#include "maps.bpf.h"

#define FG_PT_PTRACED		0x1	/* task->ptrace: include/linux/ptrace.h */

/* The task fields the exe trust reads; a flavour of kernel.bpf.h's
 * task_struct, relocated against the same kernel type. */
struct task_struct___exe {
	unsigned int ptrace;
	struct task_struct *group_leader;
} __attribute__((preserve_access_index));

/*
 * Why the current process's exe does not count: FG_UNTRUST_BIT mask, 0
 * when it does. Traced now (this thread), or what its leader's history
 * since its last exec says; no history is FG_UNTRUST_UNKNOWN. The RCU
 * section lets a sleepable program hand group_leader to the helper; a
 * non-sleepable one is in one already.
 */
static __always_inline __u32 fg_exe_untrust(void)
{
	struct task_struct___exe *task = (void *)bpf_get_current_task_btf();
	struct fg_proc *p;
	__u32 u = 0;

	if (task->ptrace & FG_PT_PTRACED)
		u |= FG_UNTRUST_BIT(FG_UNTRUST_TRACED);
	bpf_rcu_read_lock();
	p = bpf_task_storage_get(&fg_proc, task->group_leader, NULL, 0);
	if (p) {
		u |= (__u32)p->untrust;
		if (!(p->flags & FG_PROC_EXEC))
			u |= FG_UNTRUST_BIT(FG_UNTRUST_UNKNOWN);
	} else {
		u |= FG_UNTRUST_BIT(FG_UNTRUST_UNKNOWN);
	}
	bpf_rcu_read_unlock();
	return u;
}

#endif /* FG_EXE_TRUST_BPF_H */
