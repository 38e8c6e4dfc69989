// SPDX-License-Identifier: GPL-2.0-only
/* The checker's questions answered by this host (resolve.h). */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fwctl_guard.h"
#include "policy/resolve.h"

#define DEFAULT_CGROUP_ROOT "/sys/fs/cgroup"

/*
 * Users and groups by the host's name service; then /etc/passwd and
 * /etc/group directly, for the static build in an image without NSS
 * modules, where getpwnam_r finds nobody.
 */
static int lookup_user(void *ctx, const char *name, __u32 *id)
{
	struct passwd pw, *res = NULL;
	char buf[16384];
	FILE *f;

	(void)ctx;
	if (!getpwnam_r(name, &pw, buf, sizeof(buf), &res) && res) {
		*id = pw.pw_uid;
		return 0;
	}
	f = fopen("/etc/passwd", "re");
	if (!f)
		return -ENOENT;
	while (!fgetpwent_r(f, &pw, buf, sizeof(buf), &res))
		if (!strcmp(pw.pw_name, name)) {
			*id = pw.pw_uid;
			fclose(f);
			return 0;
		}
	fclose(f);
	return -ENOENT;
}

static int lookup_group(void *ctx, const char *name, __u32 *id)
{
	struct group gr, *res = NULL;
	char buf[16384];
	FILE *f;

	(void)ctx;
	if (!getgrnam_r(name, &gr, buf, sizeof(buf), &res) && res) {
		*id = gr.gr_gid;
		return 0;
	}
	f = fopen("/etc/group", "re");
	if (!f)
		return -ENOENT;
	while (!fgetgrent_r(f, &gr, buf, sizeof(buf), &res))
		if (!strcmp(gr.gr_name, name)) {
			*id = gr.gr_gid;
			fclose(f);
			return 0;
		}
	fclose(f);
	return -ENOENT;
}

static int stat_exe(void *ctx, const char *path, __u64 *dev, __u64 *ino)
{
	struct stat st;

	(void)ctx;
	if (stat(path, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	*dev = (__u64)major(st.st_dev) << FG_KDEV_MINORBITS | minor(st.st_dev);
	*ino = st.st_ino;
	return 0;
}

static int stat_cgroup(void *ctx, const char *path, __u64 *id)
{
	const char *root = ctx ? ctx : DEFAULT_CGROUP_ROOT;
	char full[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(full, sizeof(full), "%s%s", root, strcmp(path, "/") ? path : "") >=
	    sizeof(full))
		return -ENAMETOOLONG;
	if (stat(full, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	*id = st.st_ino;
	return 0;
}

void fg_resolver_host(struct fg_resolver *r, const char *cgroup_root)
{
	r->ctx = (void *)cgroup_root;
	r->user = lookup_user;
	r->group = lookup_group;
	r->exe = stat_exe;
	r->cgroup = stat_cgroup;
}
