/* SPDX-License-Identifier: GPL-2.0-only */
/* The context of mounts_test.bpf.c's program (test_mounts.c). */
#ifndef FG_MOUNTS_TEST_H
#define FG_MOUNTS_TEST_H

#include <linux/types.h>

/* What to judge, in the calling task's mount tree. */
enum mounts_test_op {
	MT_ANCHOR = 0,		/* the working directory's superblock becomes the pins' */
	MT_CUT_PWD,		/* umount of the working directory's mount */
	MT_CUT_PWD_PARENT,	/* umount of the mount above it */
	MT_CUT_ROOT,		/* umount of the namespace's root */
	MT_CUT_FD,		/* umount of the mount of file descriptor fd */
	MT_DETACH_PWD,		/* rmdir of the dentry the working directory's mount is on */
	MT_DETACH_PWD_PARENT,	/* rmdir of the dentry the mount above it is on */
	MT_DETACH_FD,		/* rmdir of fd's dentry (nothing mounted on it, or something) */
};

/* The walk's answers (enum fg_mnt_verdict, bpf/mounts.bpf.h, checked by
 * mounts_test.bpf.c). */
#define MT_KEEPS	0
#define MT_DROPS	1
#define MT_UNKNOWN	2

struct mounts_test_ctx {
	__u32 op;
	__u32 fd;
	__u64 ns_ino;		/* the namespace the walk takes as the initial one */
	__s32 result;		/* MT_*; MT_ANCHOR: 0, or -1 when not a bpffs */
	__u32 _pad0;
};

#endif
