/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who is asking: the current task's ids, capabilities, cgroup, executable
 * and name, as the engine's caller fields (struct fg_caller). Shared by the
 * guard's hooks (fg_read_caller) and the bench's full-path program
 * (fg_read_caller_ids: XDP programs have no task storage, which the exe
 * trust reads).
 */
#ifndef FG_CALLER_BPF_H
#define FG_CALLER_BPF_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "kernel.bpf.h"
#include "exe_trust.bpf.h"

/*
 * Who is asking, as the task's credentials and mm say. The exe is the file
 * the task was exec'd from (its inode, which is what exe rules name); a
 * kernel thread has none (exe_ino 0).
 */
static __always_inline void fg_read_caller_ids(struct fg_caller *who)
{
	struct task_struct *task = bpf_get_current_task_btf();
	const struct cred *cred;
	const struct user_namespace *ns;
	struct mm_struct *mm;
	struct file *exe_file;
	struct inode *exe;
	__u64 id;

	/* The task pointer is trusted: its fields are direct loads (no
	 * probe-read helper, which lockdown=confidentiality withdraws); a
	 * NULL on the way reads as 0. */
	id = bpf_get_current_uid_gid();
	who->uid = (__u32)id;
	who->gid = id >> 32;
	cred = task->cred;
	who->euid = cred->euid.val;
	/* Capabilities count only in the initial user namespace, which is
	 * where fwctl checks them (capable()): a process with a user
	 * namespace of its own holds a full set there, and none here. */
	ns = cred->user_ns;
	who->caps = ns && ns->level == 0 ? cred->cap_effective.val : 0;
	who->cgroup_id = bpf_get_current_cgroup_id();
	mm = task->mm;
	exe_file = mm ? mm->exe_file : NULL;
	exe = exe_file ? exe_file->f_inode : NULL;
	if (exe) {
		who->exe_ino = exe->i_ino;
		who->exe_dev = exe->i_sb->s_dev;
	}
	bpf_get_current_comm(who->comm, sizeof(who->comm));
}

/*
 * Who is asking, as the guard judges it: an exe whose process may have
 * been made to run other code than the file's (exe_trust says how) does
 * not count. The engine then sees no exe, so that no exe condition holds
 * for it; events keep the path and say why.
 */
static __always_inline void fg_read_caller(struct fg_caller *who)
{
	fg_read_caller_ids(who);
	if (!who->exe_ino)
		return;
	who->exe_trust = fg_exe_untrust();
	if (who->exe_trust) {
		who->exe_ino = 0;
		who->exe_dev = 0;
	}
}

#endif
