// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seal's mount walk (bpf/mounts.bpf.h) as a SEC("syscall") program, so
 * that the host's verifier and JIT run the code the mount hooks run
 * (BPF_PROG_RUN) on mount trees the test builds in namespaces of its own.
 * The mounts come from the calling task: its working directory, root and
 * file descriptors.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "mounts.bpf.h"
#include "mounts_test.h"

char LICENSE[] SEC("license") = "GPL";

_Static_assert(MT_KEEPS == FG_MNT_KEEPS && MT_DROPS == FG_MNT_DROPS &&
	       MT_UNKNOWN == FG_MNT_UNKNOWN, "walk answers");

struct files_struct___t;

struct fdtable___t {
	struct file___t **fd;
} __attribute__((preserve_access_index));

struct files_struct___t {
	struct fdtable___t *fdt;
} __attribute__((preserve_access_index));

struct file___t {
	struct path___seal f_path;
} __attribute__((preserve_access_index));

struct fs_struct___t {
	struct path___seal root;
	struct path___seal pwd;
} __attribute__((preserve_access_index));

struct task_struct___t {
	struct fs_struct___t *fs;
	struct files_struct___t *files;
} __attribute__((preserve_access_index));

/* What the hooks read from the seal map: the anchor and the namespace. */
struct fg_seal seal;

static __always_inline struct path___seal *fd_path(struct task_struct___t *t, __u32 fd)
{
	__u64 f = *(const __u64 *)(fg_mem(t->files->fdt->fd) + (fd & 1023) * 8);

	return &fg_cast(f, struct file___t)->f_path;
}

SEC("syscall")
int judge(struct mounts_test_ctx *ctx)
{
	struct task_struct___t *t = (void *)bpf_get_current_task_btf();
	struct mount___seal *pwd = fg_real_mount(t->fs->pwd.mnt);
	struct path___seal *p;

	seal.mnt_ns_ino = ctx->ns_ino;
	switch (ctx->op) {
	case MT_ANCHOR:
		seal.pin_sb = (__u64)pwd->mnt.mnt_sb;
		seal.pin_dev = pwd->mnt.mnt_sb->s_dev;
		ctx->result = fg_pins_sb(&seal) ? 0 : -1;
		return 0;
	case MT_CUT_PWD:
		ctx->result = fg_mnt_walk(&seal, pwd, NULL);
		return 0;
	case MT_CUT_PWD_PARENT:
		ctx->result = fg_mnt_walk(&seal, pwd->mnt_parent, NULL);
		return 0;
	case MT_CUT_ROOT:
		ctx->result = fg_mnt_cut_ns(&seal, t->fs->pwd.mnt);
		return 0;
	case MT_CUT_FD:
		ctx->result = fg_mnt_cut(&seal, fd_path(t, ctx->fd)->mnt);
		return 0;
	case MT_DETACH_PWD:
		ctx->result = fg_mnt_detach(&seal, pwd->mnt_mountpoint);
		return 0;
	case MT_DETACH_PWD_PARENT:
		ctx->result = fg_mnt_detach(&seal, pwd->mnt_parent->mnt_mountpoint);
		return 0;
	case MT_DETACH_FD:
		p = fd_path(t, ctx->fd);
		ctx->result = fg_mnt_detach(&seal, p->dentry);
		return 0;
	}
	return 1;
}
