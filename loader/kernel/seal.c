// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seal of a loaded guard (bpf/seal.bpf.c enforces it): reading it,
 * holding a new policy's `seal` against it, checking that it can hold,
 * and sealing, at load or by a reload.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kernel/pins.h"
#include "kernel/seal.h"

/* The initial mount namespace, as PID 1 sees it (the loader may run in a
 * namespace of its own, e.g. a service's). */
#define INIT_MNT_NS	"/proc/1/ns/mnt"
#define INIT_MOUNTINFO	"/proc/1/mountinfo"
/* The kernel's map-element iterator target (kernel/bpf/map_iter.c). */
#define MAP_ITER_FUNC	"bpf_iter_bpf_map_elem"

/* A policy's `seal` against the running guard's: a sealed guard stays as
 * sealed as it is until reboot; an unsealed one may be sealed by a reload
 * (after the switch: sealed first, the reload could not write) if the
 * seal can hold (checked here, before the switch). */
int fg_seal_check(const struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	if (seal->mode == want)
		return 0;
	if (seal->mode == FG_SEAL_NONE)
		return fg_seal_ready(seal, err);
	return fg_errf(err, -EPERM, "the running guard is sealed (%s) until reboot; this policy "
		       "says %s: give it the same seal statement",
		       seal->mode == FG_SEAL_ON ? "seal" : "seal reload",
		       want == FG_SEAL_NONE ? "no seal" : want == FG_SEAL_ON ? "seal" :
		       "seal reload");
}

int fg_seal_host(struct fg_seal *seal, struct fg_err *err)
{
	struct btf *vmlinux;
	struct stat st;
	int id;

	if (stat(INIT_MNT_NS, &st))
		return fg_errf(err, -errno, "cannot stat %s", INIT_MNT_NS);
	seal->mnt_ns_ino = st.st_ino;
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return fg_errf(err, -errno, "cannot read the kernel's BTF");
	id = btf__find_by_name_kind(vmlinux, MAP_ITER_FUNC, BTF_KIND_FUNC);
	seal->iter_btf_id = id > 0 ? id : 0;
	btf__free(vmlinux);
	return 0;
}

/* Is a bpf filesystem of this device (kernel dev_t) mounted in PID 1's
 * mount namespace? Lines of mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT
 * OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTS". */
static int mounted_in_init_ns(__u32 dev, bool *found, struct fg_err *err)
{
	unsigned int maj, min;
	char line[4096], *sep;
	FILE *f;

	*found = false;
	f = fopen(INIT_MOUNTINFO, "re");
	if (!f)
		return fg_errf(err, -errno, "cannot read %s", INIT_MOUNTINFO);
	while (!*found && fgets(line, sizeof(line), f)) {
		sep = strstr(line, " - ");
		if (sep && sscanf(line, "%*d %*d %u:%u", &maj, &min) == 2 &&
		    !strncmp(sep + 3, "bpf ", 4) &&
		    (maj << FG_KDEV_MINORBITS | min) == dev)
			*found = true;
	}
	fclose(f);
	return 0;
}

int fg_seal_ready(const struct fg_seal *seal, struct fg_err *err)
{
	bool found;
	int ret;

	if (!seal->pin_sb || !seal->mnt_ns_ino)
		return fg_err_set(err, -EOPNOTSUPP, "cannot seal: the guard's mount hooks do not "
				  "know the superblock of its pins (this kernel's mount layout, "
				  "before 6.18, is one they cannot walk)");
	ret = mounted_in_init_ns(seal->pin_dev, &found, err);
	if (ret)
		return ret;
	if (!found)
		return fg_err_set(err, -EOPNOTSUPP, "cannot seal: the bpffs holding the pins "
				  "(device %u:%u) is not mounted in the initial mount namespace "
				  "(%s): the pins would go with the namespace that holds them; "
				  "mount it there (mount -t bpf bpf /sys/fs/bpf)",
				  seal->pin_dev >> FG_KDEV_MINORBITS,
				  seal->pin_dev & FG_KDEV_MINORMASK, INIT_MOUNTINFO);
	return 0;
}

int fg_seal_write(int fd, int config_fd, const struct fg_seal *seal, struct fg_err *err)
{
	__u32 zero = 0;

	/* The config before the seal: once sealed, not even the loader may
	 * open it to write. */
	if (seal->mode == FG_SEAL_ON && bpf_map_freeze(config_fd))
		return fg_errf(err, -errno, "cannot freeze the config map");
	if (bpf_map_update_elem(fd, &zero, seal, BPF_ANY))
		return fg_errf(err, -errno, "cannot write the seal map");
	if (seal->mode != FG_SEAL_NONE && bpf_map_freeze(fd))
		return fg_errf(err, -errno, "cannot freeze the seal map");
	return 0;
}

int fg_seal_apply(const char *dir, struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	int fd, config, ret;

	if (seal->mode == want)
		return 0;
	fd = fg_pinned_fd(dir, FG_PIN(fg_seal), 0, err);
	if (fd < 0)
		return fd;
	config = fg_pinned_fd(dir, FG_PIN(fg_config), 0, err);
	if (config < 0) {
		close(fd);
		return config;
	}
	seal->mode = want;
	ret = fg_seal_write(fd, config, seal, err);
	close(config);
	close(fd);
	return ret;
}
