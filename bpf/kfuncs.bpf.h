/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every kfunc the guard calls, declared once: the program files are built
 * as one translation unit (bpf/guard.bpf.c), since libbpf's static linker
 * (bookworm's 1.1 up to 1.5) refuses a kfunc declared in two objects.
 */
#ifndef FG_KFUNCS_BPF_H
#define FG_KFUNCS_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>

struct task_struct;
struct file;
struct path;

/* fs/bpf_fs_kfuncs.c, LSM programs only: since 6.12, older than fwctl
 * (6.15), so every kernel the guard can judge has them. */
extern struct file *bpf_get_task_exe_file(struct task_struct *task) __ksym;
extern void bpf_put_file(struct file *file) __ksym;
extern int bpf_path_d_path(const struct path *path, char *buf, __u64 buf__sz) __ksym;

/* kernel/bpf/helpers.c, every program type: obj seen as btf_id of the
 * running kernel (0: plain bytes), read-only and untrusted. Its loads are
 * plain loads through the JIT's exception table: no helper, nothing
 * lockdown withdraws. */
extern void *bpf_rdonly_cast(const void *obj__ign, __u32 btf_id) __ksym;

/* kernel/bpf/bpf_iter.c, every program type: an open-coded loop over
 * [start, end), whose bound the verifier does not need to walk (the seal's
 * mount walk, bpf/mounts.bpf.h). Declared here, not in linux/bpf.h, which
 * bookworm's headers (6.1) predate. */
struct bpf_iter_num {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;
/* kernel/bpf/helpers.c, every program type: an RCU read section, in which
 * a sleepable program may follow RCU-protected pointers (a task's
 * group_leader) and hand them to helpers. */
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

#endif /* FG_KFUNCS_BPF_H */
