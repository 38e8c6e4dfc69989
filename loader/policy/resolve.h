/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the checker asks the host: user and group names, the files
 * executables name and the cgroup directories rules name. Behind an
 * interface so that tests (and the fuzzer) answer for the host.
 */
#ifndef FG_POLICY_RESOLVE_H
#define FG_POLICY_RESOLVE_H

#include <linux/types.h>

struct fg_resolver {
	void *ctx;
	/* A user or group name's id: 0, or -ENOENT. */
	int (*user)(void *ctx, const char *name, __u32 *uid);
	int (*group)(void *ctx, const char *name, __u32 *gid);
	/* The file an absolute path names now, following symlinks as
	 * /proc/PID/exe does: the kernel's dev_t (major << 20 | minor) and
	 * inode. 0, -EISDIR for a directory, or another -errno (-ENOENT: no
	 * such file). */
	int (*exe)(void *ctx, const char *path, __u64 *dev, __u64 *ino);
	/* A cgroup v2 directory (path relative to the cgroup root, "/" for
	 * the root): its id, the directory's inode number. 0, -ENOTDIR for a
	 * file, or another -errno. */
	int (*cgroup)(void *ctx, const char *path, __u64 *id);
};

/* The host's answers: the name service, then /etc/passwd and /etc/group
 * directly (a static build in an image without NSS modules finds nobody
 * through getpwnam); stat(2); cgroups under cgroup_root (NULL:
 * /sys/fs/cgroup), which must outlive r. */
void fg_resolver_host(struct fg_resolver *r, const char *cgroup_root);

#endif /* FG_POLICY_RESOLVE_H */
