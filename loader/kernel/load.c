// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading the guard: open the BPF object (its tables of programs and maps
 * come from the skeleton's fields and include/fwctl_guard_names.h), leave
 * out the tracing programs this kernel cannot take, load, fill the maps
 * (registry, rule texts, the first generation, config), attach, pin into a
 * staging folder renamed into place, find the pins' bpffs superblock for
 * the mount hooks, then write the seal map (frozen, with the config, when
 * the policy seals). Unloading removes the pins.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "guard.skel.h"
#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/pins.h"
#include "kernel/seal.h"
#include "kernel/sync.h"

/* The skeleton's programs and maps in the order of the name lists: a
 * program or map the lists name and the object lacks fails the build. */
struct objects {
	struct bpf_program *prog[FG_NPROGS];
	struct bpf_map *map[FG_NMAPS];
};

static void skel_objects(struct guard_bpf *skel, struct objects *o)
{
#define FG_X_PROG(name, hook, pin, req, n0, n1)	o->prog[FG_PROGIDX_##name] = skel->progs.name;
#define FG_X_MAP(name, pin, class)		o->map[FG_MAPIDX_##name] = skel->maps.name;
	FG_PROGRAMS(FG_X_PROG)
	FG_MAPS(FG_X_MAP)
#undef FG_X_PROG
#undef FG_X_MAP
}

/* Is bpf in the active LSM list? Distinct messages for each way it is not. */
static int check_bpf_lsm(struct fg_err *err)
{
	const char *path = "/sys/kernel/security/lsm";
	char buf[512], *tok, *save;
	FILE *f;
	size_t n;

	f = fopen(path, "r");
	if (!f)
		return fg_errf(err, -errno, "cannot read %s (is securityfs mounted? "
			       "mount -t securityfs securityfs /sys/kernel/security)", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, "bpf"))
			return 0;
	return fg_errf(err, -EOPNOTSUPP, "'bpf' is not in the active LSM list (%s); boot with "
		       "lsm=...,bpf and CONFIG_BPF_LSM=y", path);
}

/*
 * lockdown=confidentiality withdraws bpf_probe_read_kernel; libbpf 1.1
 * (bookworm) then takes the kernel for one without it and turns every
 * bpf_probe_read_user into the old bpf_probe_read, which lockdown refuses
 * too: the 32-bit hook would not load, and with it no guard. Leave its
 * reads out there (the hook denies every 32-bit RPC unread).
 */
static bool lockdown_confidentiality(void)
{
	char buf[128] = "";
	FILE *f = fopen("/sys/kernel/security/lockdown", "r");

	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strstr(buf, "[confidentiality]") != NULL;
}

static int fill_maps(struct guard_bpf *skel, struct fg_gen_image *img, __u32 ops_off,
		     const struct fg_devlist *devices, const struct fg_effects_db *effects,
		     struct fg_err *err)
{
	struct fg_config cfg = {
		.fwctl_ops_off = ops_off,
		.flags = skel->rodata->fg_compat_unread ? FG_CFG_COMPAT_UNREAD : 0,
	};
	__u32 zero = 0;
	int ret;

	fg_gen_image_set_gen(img, 1);
	ret = fg_sync_registry(bpf_map__fd(skel->maps.fg_devices), devices, effects, img->g, err);
	if (!ret)
		ret = fg_gen_write_rules(bpf_map__fd(skel->maps.fg_rules), img, err);
	if (!ret)
		ret = fg_gen_stage_install(bpf_map__fd(skel->maps.fg_gens),
					   bpf_map__fd(skel->maps.fg_rule_stats), img, 1, err);
	if (ret)
		return ret;
	if (bpf_map__update_elem(skel->maps.fg_config, &zero, sizeof(zero), &cfg, sizeof(cfg),
				 BPF_ANY))
		return fg_errf(err, -errno, "cannot write the config map");
	return 0;
}

static int pin_all(const struct objects *o, struct bpf_link *const *links, const bool *avail,
		   const char *dir, struct fg_err *err)
{
	char path[PATH_MAX];
	unsigned int i;

	if (mkdir(dir, 0700))
		return fg_errf(err, -errno, "cannot create %s", dir);
	for (i = 0; i < FG_NMAPS; i++) {
		if (fg_pin_path(path, sizeof(path), dir, fg_maps[i].pin))
			return fg_errf(err, -ENAMETOOLONG, "pin path under %s", dir);
		if (bpf_map__pin(o->map[i], path))
			return fg_errf(err, -errno, "cannot pin %s", path);
	}
	for (i = 0; i < FG_NPROGS; i++) {
		if (!avail[i])
			continue;
		if (fg_pin_path(path, sizeof(path), dir, fg_progs[i].pin))
			return fg_errf(err, -ENAMETOOLONG, "pin path under %s", dir);
		if (bpf_link__pin(links[i], path))
			return fg_errf(err, -errno, "cannot pin %s", path);
	}
	return 0;
}

/* The kernel's dev_t of a stat() st_dev (MAJOR << 20 | MINOR). */
static __u32 kernel_dev(dev_t dev)
{
	return major(dev) << FG_KDEV_MINORBITS | minor(dev);
}

static int object_id(int fd, __u32 *id)
{
	struct bpf_prog_info info = {};	/* id first in every kind's info */
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	*id = info.id;
	return 0;
}

/*
 * The superblock of the pins' bpffs, for the mount hooks: fg_seal_anchor
 * reads it from the working directory, which is the pin folder while it
 * runs. 0 in *sb when the kernel's mount layout is one the hooks cannot
 * walk; the caller decides whether it can do without.
 */
static int find_anchor(struct guard_bpf *skel, const char *pin_dir, __u32 dev, __u64 *sb,
		       struct fg_err *err)
{
	struct fg_anchor_args a = { .dev = dev };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &a, .ctx_size_in = sizeof(a));
	int cwd, ret;

	*sb = 0;
	cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (cwd < 0)
		return fg_errf(err, -errno, "cannot open the working directory");
	if (chdir(pin_dir)) {
		ret = fg_errf(err, -errno, "cannot enter %s", pin_dir);
		close(cwd);
		return ret;
	}
	ret = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.fg_seal_anchor), &opts) ?
	      -errno : 0;
	if (fchdir(cwd) && !ret)
		ret = -errno;
	close(cwd);
	if (ret)
		return fg_errf(err, ret, "cannot find the superblock of %s", pin_dir);
	if (a.status == -ENODEV)
		return fg_err_set(err, -ENODEV, "%s is not on the bpffs it was pinned to", pin_dir);
	if (!a.status)
		*sb = a.sb;
	return 0;
}

/*
 * What the self-protection hooks need (bpf/seal.bpf.c): the ids of the
 * programs and links, the pin folder, its superblock, the initial mount
 * namespace, the loader's executable, then the mode. Written through the
 * fd the loader created the map with; it and the config are frozen when
 * the policy seals (fg_seal_write).
 */
static int write_seal(struct guard_bpf *skel, const struct objects *o,
		      struct bpf_link *const *links, const bool *avail, const char *pin_dir,
		      __u8 mode, struct fg_err *err)
{
	struct fg_seal s = { .mode = mode };
	struct stat dir, exe;
	unsigned int i;
	int ret;

	if (stat(pin_dir, &dir))
		return fg_errf(err, -errno, "cannot stat %s", pin_dir);
	if (stat("/proc/self/exe", &exe))
		return fg_errf(err, -errno, "cannot stat /proc/self/exe");
	s.pin_dir_ino = dir.st_ino;
	s.pin_dev = kernel_dev(dir.st_dev);
	s.loader_ino = exe.st_ino;
	s.loader_dev = kernel_dev(exe.st_dev);
	for (i = 0; i < FG_NPROGS; i++) {
		if (!avail[i])
			continue;
		if (object_id(bpf_program__fd(o->prog[i]), &s.prog_ids[s.nprogs++]) ||
		    object_id(bpf_link__fd(links[i]), &s.link_ids[s.nlinks++]))
			return fg_errf(err, -ENOENT, "cannot read the ids of %s", fg_progs[i].name);
	}
	ret = find_anchor(skel, pin_dir, s.pin_dev, &s.pin_sb, err);
	if (!ret)
		ret = fg_seal_host(&s, err);
	if (!ret && mode != FG_SEAL_NONE)
		ret = fg_seal_ready(&s, err);
	if (!ret)
		ret = fg_seal_write(bpf_map__fd(skel->maps.fg_seal),
				    bpf_map__fd(skel->maps.fg_config), &s, err);
	return ret;
}

/* Leave out the tracing programs whose functions this kernel lacks. */
static int choose_progs(const struct objects *o, bool *avail, struct fg_err *err)
{
	unsigned int i;
	int ret;

	ret = fg_progs_available(avail, err);
	if (ret)
		return ret;
	for (i = 0; i < FG_NPROGS; i++)
		if (!avail[i])
			bpf_program__set_autoload(o->prog[i], false);
	return 0;
}

/* The policy is in place before the first program can run. */
static int attach_all(const struct objects *o, const bool *avail, struct bpf_link **links,
		      struct fg_err *err)
{
	unsigned int i;

	for (i = 0; i < FG_NPROGS; i++) {
		if (!avail[i])
			continue;
		links[i] = bpf_program__attach(o->prog[i]);
		if (!links[i])
			return fg_errf(err, -errno, "cannot attach to %s (a kernel without "
				       "ftrace/BPF trampolines answers EBUSY or ENOTSUPP)",
				       fg_progs[i].hook);
	}
	return 0;
}

int fg_guard_load(const char *pin_dir, struct fg_gen_image *img, __u32 fwctl_ops_off,
		  __u32 ring_bytes,
		  const struct fg_devlist *devices, const struct fg_effects_db *effects,
		  bool *avail, __u32 *cfg_flags, struct fg_err *err)
{
	struct bpf_link *links[FG_NPROGS] = {};
	struct guard_bpf *skel = NULL;
	struct objects o;
	char stage[PATH_MAX];
	int ret, i;

	if (fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -EEXIST, "a guard is already loaded at %s "
			       "(run 'fwctl-guard unload' first)", pin_dir);
	if (snprintf(stage, sizeof(stage), "%s-staging", pin_dir) >= (int)sizeof(stage))
		return fg_errf(err, -ENAMETOOLONG, "pin folder name too long: %s", pin_dir);
	ret = fg_pins_check_bpffs(pin_dir, err);
	if (ret)
		return ret;
	ret = check_bpf_lsm(err);
	if (ret)
		return ret;
	/* A stage left by a loader that died half-way holds nothing attached
	 * that we want: links only live on through pins in the final folder. */
	if (access(stage, F_OK) == 0)
		fg_pins_remove(stage);

	skel = guard_bpf__open();
	if (!skel)
		return fg_errf(err, -errno, "cannot open the BPF object");
	skel_objects(skel, &o);
	/* A power of two of pages, as the kernel wants a ring buffer. */
	if (ring_bytes < FG_EVENTS_RING_MIN || ring_bytes > FG_EVENTS_RING_MAX ||
	    (ring_bytes & (ring_bytes - 1))) {
		ret = fg_err_set(err, -EINVAL, "ring buffer size %u: a power of two from %u to %u "
				 "bytes", ring_bytes, FG_EVENTS_RING_MIN, FG_EVENTS_RING_MAX);
		goto out;
	}
	if (bpf_map__set_max_entries(skel->maps.fg_events, ring_bytes)) {
		ret = fg_errf(err, -errno, "cannot size the ring buffer (%u bytes)", ring_bytes);
		goto out;
	}
	ret = choose_progs(&o, avail, err);
	if (ret)
		goto out;
	skel->rodata->fg_compat_unread = lockdown_confidentiality();
	ret = guard_bpf__load(skel);
	if (ret) {
		ret = fg_errf(err, ret, "the kernel refused the BPF programs (run with -v for the "
			      "verifier log)");
		goto out;
	}
	ret = fill_maps(skel, img, fwctl_ops_off, devices, effects, err);
	if (ret)
		goto out;
	*cfg_flags = skel->rodata->fg_compat_unread ? FG_CFG_COMPAT_UNREAD : 0;
	ret = attach_all(&o, avail, links, err);
	if (ret)
		goto out;
	/* Pin into a stage folder and rename it into place, so that a reader
	 * sees either no guard or a complete one. (bpffs refuses names with a
	 * dot, hence "-staging".) */
	ret = pin_all(&o, links, avail, stage, err);
	if (!ret && rename(stage, pin_dir))
		ret = fg_errf(err, -errno, "cannot rename %s to %s", stage, pin_dir);
	if (ret) {
		fg_pins_remove(stage);
		goto out;
	}
	ret = write_seal(skel, &o, links, avail, pin_dir, img->g->hdr.seal, err);
	if (ret)
		fg_pins_remove(pin_dir);
out:
	/* Closing our fds leaves pinned links attached; unpinned ones detach. */
	for (i = 0; i < FG_NPROGS; i++)
		bpf_link__destroy(links[i]);
	guard_bpf__destroy(skel);
	return ret;
}

/*
 * Unloading removes the pins; the hooks must be off when it returns. The
 * kernel drops a link whose last reference was its pin from a workqueue
 * (bpf_link_put), so a caller's next RPC could still be judged by the old
 * programs, for as long as that work waits on a loaded machine. Closing
 * the last fd of a link frees it in the closing task (bpf_link_release),
 * before close() returns: so take an fd of every link first, remove the
 * pins, then close them.
 */
int fg_guard_unload(const char *pin_dir, struct fg_err *err)
{
	int fds[FG_NPROGS];
	char path[PATH_MAX];
	unsigned int i, n = 0;
	int ret;

	if (!fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir);
	for (i = 0; i < FG_NPROGS; i++) {
		/* A program this kernel could not take has no link pin. */
		if (fg_pin_path(path, sizeof(path), pin_dir, fg_progs[i].pin))
			continue;
		fds[n] = bpf_obj_get(path);
		if (fds[n] >= 0)
			n++;
	}
	ret = fg_pins_remove(pin_dir);
	for (i = 0; i < n; i++)
		close(fds[i]);
	if (ret)
		return fg_errf(err, ret, "cannot remove every pin under %s", pin_dir);
	return 0;
}
