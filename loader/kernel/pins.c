// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pin folder (/sys/fs/bpf/fwctl-guard): everything of a loaded guard
 * hangs off it, so that enforcement outlives the loader. Paths, opening a
 * pin read-only or to write, the lock that serialises the loader's
 * writers, removal.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "kernel/guard.h"
#include "fwctl_guard.h"
#include "kernel/pins.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif

int fg_pin_path(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

bool fg_guard_is_loaded(const char *pin_dir)
{
	return access(pin_dir, F_OK) == 0;
}

/* Remove every entry of a pin folder, then the folder. */
int fg_pins_remove(const char *dir)
{
	struct dirent *de;
	char path[PATH_MAX];
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fg_pin_path(path, sizeof(path), dir, de->d_name) || unlink(path))
			ret = ret ? ret : -errno;
	}
	closedir(d);
	if (rmdir(dir))
		ret = ret ? ret : -errno;
	return ret;
}

int fg_pins_check_bpffs(const char *pin_dir, struct fg_err *err)
{
	char parent[PATH_MAX];
	struct statfs sfs;
	char *slash;

	snprintf(parent, sizeof(parent), "%s", pin_dir);
	slash = strrchr(parent, '/');
	if (slash && slash != parent)
		*slash = '\0';
	if (statfs(parent, &sfs))
		return fg_errf(err, -errno, "cannot stat %s", parent);
	if (sfs.f_type != BPF_FS_MAGIC)
		return fg_errf(err, -ENOTSUP, "%s is not a bpf filesystem "
			       "(mount -t bpf bpf /sys/fs/bpf)", parent);
	return 0;
}

/* To explain a refused write: read-only opens are never refused. */
static bool is_sealed(const char *dir)
{
	struct fg_seal seal;

	return !fg_pins_read_seal(dir, &seal, NULL) && seal.mode != FG_SEAL_NONE;
}

/* flags: 0 to write, BPF_F_RDONLY to read (a sealed guard refuses the
 * first, and outside sealed mode it is a change reported when another
 * program than the loader asks). */
int fg_pinned_fd(const char *dir, const char *name, __u32 flags, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_obj_get_opts, opts, .file_flags = flags);
	char path[PATH_MAX];
	int fd;

	if (fg_pin_path(path, sizeof(path), dir, name))
		return fg_errf(err, -ENAMETOOLONG, "pin path under %s", dir);
	fd = bpf_obj_get_opts(path, &opts);
	if (fd < 0 && errno == EPERM && !flags && is_sealed(dir))
		return fg_errf(err, -EPERM, "cannot open pinned %s to write: the guard is sealed "
			       "until reboot (see fwctl-guard status)", path);
	if (fd < 0)
		return fg_errf(err, -errno, "cannot open pinned %s", path);
	return fd;
}

/* Serialise the loader's writers (load, reload, refresh, unload): a
 * refresh must not add devices to a generation a reload is replacing. */
int fg_pins_lock(const char *pin_dir, struct fg_err *err)
{
	int fd = open(pin_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir)
				       : fg_errf(err, -errno, "cannot open %s", pin_dir);
	if (flock(fd, LOCK_EX)) {
		int ret = -errno;

		close(fd);
		return fg_errf(err, ret, "cannot lock %s", pin_dir);
	}
	return fd;
}

int fg_pins_read_seal(const char *dir, struct fg_seal *seal, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	fd = fg_pinned_fd(dir, FG_PIN(fg_seal), BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	if (bpf_map_lookup_elem(fd, &zero, seal))
		ret = fg_errf(err, -errno, "cannot read the seal map");
	close(fd);
	return ret;
}
