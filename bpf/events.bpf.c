// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the part of an event record that needs the file kfuncs,
 * the caller's executable path. No hooks: a global function the LSM
 * programs of the other files call (fg_emit, common.bpf.h); tracing
 * programs never do (their records say exe_status not-read), since the
 * kernel gives these kfuncs to LSM programs only.
 *
 * Failure policy: no executable (kernel thread) or a path d_path cannot
 * give: said in exe_status; never a decision of its own.
 */
#include "common.bpf.h"
#include "kfuncs.bpf.h"

__attribute__((noinline)) int fg_event_exe(struct fg_event *e)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct file *f;
	int n;

	if (!e)
		return 0;
	f = bpf_get_task_exe_file(task);
	if (!f) {
		e->exe_status = FG_EXE_NONE;
		return 0;
	}
	n = bpf_path_d_path(&f->f_path, e->exe, FG_EXE_LEN);
	bpf_put_file(f);
	e->exe_status = n > 0 ? FG_EXE_OK : FG_EXE_UNRESOLVED;
	return 0;
}
