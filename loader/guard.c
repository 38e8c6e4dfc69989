// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "generation.h"
#include "map_sync.h"
#include "event_source.h"
#include "guard.h"
#include "guard_progs.h"
#include "guard.skel.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif

/* Names of the map pins in the folder (links: guard_progs.c). */
#define PIN_GENS	"map_gens"
#define PIN_CONFIG	"map_config"
#define PIN_RULE_STATS	"map_rule_stats"
#define PIN_DEVICES	"map_devices"
#define PIN_EVENTS	"map_events"
#define PIN_STATS	"map_stats"
#define PIN_EFFECTS	"map_effects"
#define PIN_LOADER	"map_loader"
#define PIN_EVENT_SEQ	"map_event_seq"
#define PIN_RECENT	"map_recent"
#define PIN_DAEMON	"map_daemon"
#define PIN_SEAL	"map_seal"

static int pin_path(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

bool fg_guard_is_loaded(const char *pin_dir)
{
	return access(pin_dir, F_OK) == 0;
}

/* Remove every entry of a pin folder, then the folder. */
static int remove_pins(const char *dir)
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
		if (pin_path(path, sizeof(path), dir, de->d_name) || unlink(path))
			ret = ret ? ret : -errno;
	}
	closedir(d);
	if (rmdir(dir))
		ret = ret ? ret : -errno;
	return ret;
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

static int check_bpffs(const char *pin_dir, struct fg_err *err)
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

static bool keep_device(const void *key, const void *ctx)
{
	const struct fg_devlist *devices = ctx;
	unsigned int i;

	for (i = 0; i < devices->n; i++)
		if (devices->devs[i].minor == *(const __u32 *)key)
			return true;
	return false;
}

/* Only per-device entries go stale (their device went away); type-wide
 * ones belong to the tables given at load. */
static bool keep_effects(const void *key, const void *ctx)
{
	const struct fg_effects_key *k = key;

	return k->minor == FG_MINOR_ANY || fg_effects_get(ctx, key) != NULL;
}

static int sync_devices(int fd, const struct fg_devlist *devices, struct fg_err *err)
{
	unsigned int i;

	for (i = 0; i < devices->n; i++)
		if (bpf_map_update_elem(fd, &devices->devs[i].minor, &devices->devs[i].dev, BPF_ANY))
			return fg_errf(err, -errno, "cannot add %s to the device map",
				       devices->devs[i].dev.name);
	return fg_map_delete_stale(fd, sizeof(__u32), keep_device, devices, err);
}

/*
 * At load every entry; at a refresh only the per-device ones (CXL features
 * read live). Type-wide entries belong to the shipped and site tables given
 * at load: a refresh does not get the site tables again, and writing the
 * shipped ones back would silently undo a site's overrides.
 */
static int sync_effects(int fd, const struct fg_effects_db *db, bool per_device_only,
			struct fg_err *err)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if ((!per_device_only || db->e[i].key.minor != FG_MINOR_ANY) &&
		    bpf_map_update_elem(fd, &db->e[i].key, &db->e[i].val, BPF_ANY))
			return fg_errf(err, -errno, "cannot write the effects map (%zu entries; "
				       "entry %zu from %s)", db->n, i, db->e[i].source);
	return fg_map_delete_stale(fd, sizeof(struct fg_effects_key), keep_effects, db, err);
}

/* Lower prog for devs as generation gen and install it in gens_fd. */
static int install_generation(int gens_fd, int stats_fd, const struct fg_program *prog,
			      const struct fg_devlist *devices, __u64 gen, struct fg_err *err)
{
	struct fg_gen_image img;
	int fd, ret;

	ret = fg_policy_lower(prog, devices, gen, &img, err);
	if (ret)
		return ret;
	ret = fg_gen_create(&img, &fd, err);
	fg_gen_image_free(&img);
	if (ret)
		return ret;
	/* Counters first: the new generation's half starts at zero. */
	ret = fg_gen_clear_stats(stats_fd, gen, err);
	if (!ret)
		ret = fg_gen_install(gens_fd, fd, err);
	close(fd);
	return ret;
}

static int fill_maps(struct guard_bpf *skel, const struct fg_program *prog, __u32 major,
		     const struct fg_devlist *devices, const struct fg_effects_db *effects,
		     struct fg_err *err)
{
	struct fg_config cfg = { .fwctl_major = major };
	__u32 zero = 0;
	int ret;

	ret = sync_devices(bpf_map__fd(skel->maps.fg_devices), devices, err);
	if (!ret)
		ret = sync_effects(bpf_map__fd(skel->maps.fg_effects), effects, false, err);
	if (!ret)
		ret = install_generation(bpf_map__fd(skel->maps.fg_gens),
					 bpf_map__fd(skel->maps.fg_rule_stats), prog, devices, 1,
					 err);
	if (ret)
		return ret;
	if (bpf_map__update_elem(skel->maps.fg_config, &zero, sizeof(zero), &cfg, sizeof(cfg),
				 BPF_ANY))
		return fg_errf(err, -errno, "cannot write the config map");
	return 0;
}

static int pin_all(struct guard_bpf *skel, struct bpf_link *const *links, const bool *avail,
		   const char *dir, struct fg_err *err)
{
	struct { struct bpf_map *map; const char *name; } maps[] = {
		{ skel->maps.fg_gens, PIN_GENS },
		{ skel->maps.fg_config, PIN_CONFIG },
		{ skel->maps.fg_rule_stats, PIN_RULE_STATS },
		{ skel->maps.fg_devices, PIN_DEVICES },
		{ skel->maps.fg_events, PIN_EVENTS },
		{ skel->maps.fg_stats, PIN_STATS },
		{ skel->maps.fg_effects, PIN_EFFECTS },
		{ skel->maps.fg_loader, PIN_LOADER },
		{ skel->maps.fg_event_seq, PIN_EVENT_SEQ },
		{ skel->maps.fg_recent, PIN_RECENT },
		{ skel->maps.fg_daemon, PIN_DAEMON },
		{ skel->maps.fg_seal, PIN_SEAL },
	};
	char path[PATH_MAX];
	unsigned int i;

	if (mkdir(dir, 0700))
		return fg_errf(err, -errno, "cannot create %s", dir);
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		if (pin_path(path, sizeof(path), dir, maps[i].name))
			return fg_errf(err, -ENAMETOOLONG, "pin path under %s", dir);
		if (bpf_map__pin(maps[i].map, path))
			return fg_errf(err, -errno, "cannot pin %s", path);
	}
	for (i = 0; i < FG_PROGS; i++) {
		if (!avail[i])
			continue;
		if (pin_path(path, sizeof(path), dir, fg_progs[i].pin))
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
 * What the self-protection hooks need (bpf/seal.bpf.h): the ids of the
 * programs and links, the pin folder, the loader's executable, then the
 * mode. Written through the fd the loader created the map with: once the
 * mode is not FG_SEAL_NONE, no new writable fd can be had.
 */
static int write_seal(struct guard_bpf *skel, struct bpf_link *const *links, const bool *avail,
		      const char *pin_dir, __u8 mode, struct fg_err *err)
{
	struct fg_seal s = { .mode = mode };
	struct stat dir, exe;
	__u32 zero = 0;
	unsigned int i;

	if (stat(pin_dir, &dir))
		return fg_errf(err, -errno, "cannot stat %s", pin_dir);
	if (stat("/proc/self/exe", &exe))
		return fg_errf(err, -errno, "cannot stat /proc/self/exe");
	s.pin_dir_ino = dir.st_ino;
	s.pin_dev = kernel_dev(dir.st_dev);
	s.loader_ino = exe.st_ino;
	s.loader_dev = kernel_dev(exe.st_dev);
	for (i = 0; i < FG_PROGS; i++) {
		struct bpf_program *p;

		if (!avail[i])
			continue;
		p = bpf_object__find_program_by_name(skel->obj, fg_progs[i].prog);
		if (!p || object_id(bpf_program__fd(p), &s.prog_ids[s.nprogs++]) ||
		    object_id(bpf_link__fd(links[i]), &s.link_ids[s.nlinks++]))
			return fg_errf(err, -ENOENT, "cannot read the ids of %s", fg_progs[i].prog);
	}
	if (bpf_map__update_elem(skel->maps.fg_seal, &zero, sizeof(zero), &s, sizeof(s), BPF_ANY))
		return fg_errf(err, -errno, "cannot write the seal map");
	return 0;
}

/* Leave out the tracing programs whose functions this kernel lacks. */
static int choose_progs(struct guard_bpf *skel, bool *avail, struct fg_err *err)
{
	unsigned int i;
	int ret;

	ret = fg_progs_available(avail, err);
	if (ret)
		return ret;
	for (i = 0; i < FG_PROGS; i++) {
		struct bpf_program *p = bpf_object__find_program_by_name(skel->obj,
									 fg_progs[i].prog);

		if (!p)
			return fg_errf(err, -ENOENT, "no program %s in the BPF object",
				       fg_progs[i].prog);
		if (!avail[i])
			bpf_program__set_autoload(p, false);
	}
	return 0;
}

/* The policy is in place before the first program can run. */
static int attach_all(struct guard_bpf *skel, const bool *avail, struct bpf_link **links,
		      struct fg_err *err)
{
	unsigned int i;

	for (i = 0; i < FG_PROGS; i++) {
		if (!avail[i])
			continue;
		links[i] = bpf_program__attach(bpf_object__find_program_by_name(skel->obj,
										fg_progs[i].prog));
		if (!links[i])
			return fg_errf(err, -errno, "cannot attach to %s (a kernel without "
				       "ftrace/BPF trampolines answers EBUSY or ENOTSUPP)",
				       fg_progs[i].hook);
	}
	return 0;
}

int fg_guard_load(const char *pin_dir, const struct fg_program *prog, __u32 fwctl_major,
		  const struct fg_devlist *devices, const struct fg_effects_db *effects,
		  struct fg_err *err)
{
	struct bpf_link *links[FG_PROGS] = {};
	struct guard_bpf *skel = NULL;
	bool avail[FG_PROGS];
	char stage[PATH_MAX];
	int ret, i;

	if (fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -EEXIST, "a guard is already loaded at %s "
			       "(run 'fwctl-guard unload' first)", pin_dir);
	if (snprintf(stage, sizeof(stage), "%s-staging", pin_dir) >= (int)sizeof(stage))
		return fg_errf(err, -ENAMETOOLONG, "pin folder name too long: %s", pin_dir);
	ret = check_bpffs(pin_dir, err);
	if (ret)
		return ret;
	ret = check_bpf_lsm(err);
	if (ret)
		return ret;
	/* A stage left by a loader that died half-way holds nothing attached
	 * that we want: links only live on through pins in the final folder. */
	if (access(stage, F_OK) == 0)
		remove_pins(stage);

	skel = guard_bpf__open();
	if (!skel)
		return fg_errf(err, -errno, "cannot open the BPF object");
	ret = choose_progs(skel, avail, err);
	if (ret)
		goto out;
	ret = guard_bpf__load(skel);
	if (ret) {
		ret = fg_errf(err, ret, "the kernel refused the BPF programs (run with -v for the "
			      "verifier log)");
		goto out;
	}
	ret = fill_maps(skel, prog, fwctl_major, devices, effects, err);
	if (ret)
		goto out;
	ret = attach_all(skel, avail, links, err);
	if (ret)
		goto out;
	/* Pin into a stage folder and rename it into place, so that a reader
	 * sees either no guard or a complete one. (bpffs refuses names with a
	 * dot, hence "-staging".) */
	ret = pin_all(skel, links, avail, stage, err);
	if (!ret && rename(stage, pin_dir))
		ret = fg_errf(err, -errno, "cannot rename %s to %s", stage, pin_dir);
	if (ret) {
		remove_pins(stage);
		goto out;
	}
	ret = write_seal(skel, links, avail, pin_dir, prog->seal, err);
	if (ret)
		remove_pins(pin_dir);
out:
	/* Closing our fds leaves pinned links attached; unpinned ones detach. */
	for (i = 0; i < FG_PROGS; i++)
		bpf_link__destroy(links[i]);
	guard_bpf__destroy(skel);
	return ret;
}

int fg_guard_unload(const char *pin_dir, struct fg_err *err)
{
	int ret;

	if (!fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir);
	ret = remove_pins(pin_dir);
	if (ret)
		return fg_errf(err, ret, "cannot remove every pin under %s", pin_dir);
	return 0;
}

static int read_seal(const char *dir, struct fg_seal *seal, struct fg_err *err);

/* To explain a refused write: read-only opens are never refused. */
static bool is_sealed(const char *dir)
{
	struct fg_seal seal;

	return !read_seal(dir, &seal, NULL) && seal.mode != FG_SEAL_NONE;
}

/* flags: 0 to write, BPF_F_RDONLY to read (a sealed guard refuses the
 * first, and outside sealed mode it is a change reported when another
 * program than the loader asks). */
static int pinned_fd(const char *dir, const char *name, __u32 flags, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_obj_get_opts, opts, .file_flags = flags);
	char path[PATH_MAX];
	int fd;

	if (pin_path(path, sizeof(path), dir, name))
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
static int lock_pins(const char *pin_dir, struct fg_err *err)
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

/* gen_current: the active generation was built from these devices (a
 * reload), so only the registry and the effects need writing. */
static int refresh_locked(const char *pin_dir, const struct fg_devlist *devices,
			  const struct fg_effects_db *effects, bool gen_current,
			  struct fg_err *err)
{
	int fd, gens = -1, gen = -1, ret;

	/* Effects first: a device must not be judged by its type before the
	 * effects of its commands are in place. */
	fd = pinned_fd(pin_dir, PIN_EFFECTS, 0, err);
	if (fd < 0)
		return fd;
	ret = sync_effects(fd, effects, true, err);
	close(fd);
	if (ret)
		return ret;
	/* Then the active generation learns the new devices, then the
	 * registry names them; removal in the opposite order. */
	gens = pinned_fd(pin_dir, PIN_GENS, BPF_F_RDONLY, err);
	if (gens < 0)
		return gens;
	gen = fg_gen_active(gens, true, err);
	if (gen < 0) {
		ret = gen == -ENOENT ? fg_errf(err, -ENOENT, "no policy generation installed") : gen;
		goto out;
	}
	if (!gen_current) {
		ret = fg_gen_sync_devices(gen, devices, false, err);
		if (ret)
			goto out;
	}
	fd = pinned_fd(pin_dir, PIN_DEVICES, 0, err);
	if (fd < 0) {
		ret = fd;
		goto out;
	}
	ret = sync_devices(fd, devices, err);
	close(fd);
	if (!ret && !gen_current)
		ret = fg_gen_sync_devices(gen, devices, true, err);
out:
	if (gen >= 0)
		close(gen);
	close(gens);
	return ret;
}

int fg_guard_refresh(const char *pin_dir, const struct fg_devlist *devices,
		     const struct fg_effects_db *effects, struct fg_err *err)
{
	int lock, ret;

	lock = lock_pins(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = refresh_locked(pin_dir, devices, effects, false, err);
	close(lock);
	return ret;
}

static int read_seal(const char *dir, struct fg_seal *seal, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	fd = pinned_fd(dir, PIN_SEAL, BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	if (bpf_map_lookup_elem(fd, &zero, seal))
		ret = fg_errf(err, -errno, "cannot read the seal map");
	close(fd);
	return ret;
}

/* A policy's `seal` against the running guard's: a sealed guard stays as
 * sealed as it is until reboot; an unsealed one may be sealed by a reload
 * (after the switch: sealed first, the reload could not write). */
static int check_seal(const struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	if (seal->mode == FG_SEAL_NONE || seal->mode == want)
		return 0;
	return fg_errf(err, -EPERM, "the running guard is sealed (%s) until reboot; this policy "
		       "says %s: give it the same seal statement",
		       seal->mode == FG_SEAL_ON ? "seal" : "seal reload",
		       want == FG_SEAL_NONE ? "no seal" : want == FG_SEAL_ON ? "seal" :
		       "seal reload");
}

static int apply_seal(const char *dir, struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	if (seal->mode == want)
		return 0;
	fd = pinned_fd(dir, PIN_SEAL, 0, err);
	if (fd < 0)
		return fd;
	seal->mode = want;
	if (bpf_map_update_elem(fd, &zero, seal, BPF_ANY))
		ret = fg_errf(err, -errno, "cannot write the seal map");
	close(fd);
	return ret;
}

int fg_guard_reload(const char *pin_dir, const struct fg_program *prog,
		    const struct fg_devlist *devices, const struct fg_effects_db *effects,
		    __u64 *gen_out, struct fg_err *err)
{
	struct fg_gen_header h = {};
	int lock, gens = -1, stats = -1, old, ret;
	struct fg_seal seal;

	lock = lock_pins(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = read_seal(pin_dir, &seal, err);
	if (!ret)
		ret = check_seal(&seal, prog->seal, err);
	if (ret)
		goto out;
	gens = pinned_fd(pin_dir, PIN_GENS, 0, err);
	if (gens < 0) {
		ret = gens;
		goto out;
	}
	stats = pinned_fd(pin_dir, PIN_RULE_STATS, 0, err);
	if (stats < 0) {
		ret = stats;
		goto out;
	}
	old = fg_gen_active(gens, false, err);
	if (old >= 0) {
		ret = fg_gen_header(old, &h, err);
		close(old);
		if (ret)
			goto out;
	} else if (old != -ENOENT) {
		ret = old;
		goto out;
	}
	/* Everything is built before the one update that switches; until
	 * then the old generation decides, whatever fails. */
	ret = install_generation(gens, stats, prog, devices, h.gen + 1, err);
	if (ret)
		goto out;
	*gen_out = h.gen + 1;
	ret = refresh_locked(pin_dir, devices, effects, true, err);
	if (!ret)
		ret = apply_seal(pin_dir, &seal, prog->seal, err);
out:
	if (stats >= 0)
		close(stats);
	if (gens >= 0)
		close(gens);
	close(lock);
	return ret;
}

int fg_guard_set_loader(const char *pin_dir, __u32 tgid, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	fd = pinned_fd(pin_dir, PIN_LOADER, 0, err);
	if (fd < 0)
		return fd;
	if (bpf_map_update_elem(fd, &zero, &tgid, BPF_ANY))
		ret = fg_errf(err, -errno, "cannot write the loader map");
	close(fd);
	return ret;
}

static int read_stats(const char *dir, __u64 *sums, struct fg_err *err)
{
	__u32 k;
	int fd, ret = 0;

	fd = pinned_fd(dir, PIN_STATS, BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	for (k = 0; k < FG_STAT_MAX && !ret; k++) {
		ret = fg_map_percpu_sum(fd, k, &sums[k]);
		if (ret)
			fg_errf(err, ret, "cannot read counter %u", k);
	}
	close(fd);
	return ret;
}

static int read_devices(const char *dir, struct fg_devlist *list, struct fg_err *err)
{
	__u32 key, next, *prev = NULL;
	int fd;

	list->n = 0;
	list->devs = calloc(FG_REGISTRY_MAX, sizeof(*list->devs));
	if (!list->devs)
		return fg_errf(err, -ENOMEM, "devices");
	fd = pinned_fd(dir, PIN_DEVICES, BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	while (list->n < FG_REGISTRY_MAX && !bpf_map_get_next_key(fd, prev, &next)) {
		struct fg_devinfo *di = &list->devs[list->n];

		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &di->dev))
			continue;	/* removed meanwhile */
		di->minor = key;
		list->n++;
	}
	close(fd);
	fg_devlist_sort(list);
	return 0;
}

static void read_link(const char *dir, const char *name, struct fg_link_state *ls)
{
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);
	int fd;

	memset(ls, 0, sizeof(*ls));
	fd = pinned_fd(dir, name, 0, NULL);
	if (fd < 0)
		return;
	ls->pinned = true;
	if (!bpf_obj_get_info_by_fd(fd, &info, &len)) {
		ls->link_id = info.id;
		ls->prog_id = info.prog_id;
	}
	close(fd);
}

static int read_config(const char *dir, struct fg_config *cfg, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	fd = pinned_fd(dir, PIN_CONFIG, BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	if (bpf_map_lookup_elem(fd, &zero, cfg))
		ret = fg_errf(err, -errno, "cannot read the config map");
	close(fd);
	return ret;
}

/* How many events were produced, and what the daemon did with them. */
static int read_event_state(const char *dir, struct fg_state *st, struct fg_err *err)
{
	struct fg_event_maps m;
	int ret;

	ret = fg_guard_event_maps(dir, &m, err);
	if (ret)
		return ret;
	ret = fg_events_produced(&m, &st->events_produced);
	if (!ret)
		ret = fg_daemon_stat_read(&m, &st->daemon);
	if (ret)
		fg_errf(err, ret, "cannot read the event maps");
	fg_event_maps_close(&m);
	return ret;
}

/* The active generation's header, and each rule with its counters. */
static int read_generation(const char *dir, struct fg_state *st, struct fg_err *err)
{
	int gens, gen = -1, stats = -1, ret;
	__u32 r;

	gens = pinned_fd(dir, PIN_GENS, BPF_F_RDONLY, err);
	if (gens < 0)
		return gens;
	gen = fg_gen_active(gens, false, err);
	close(gens);
	if (gen == -ENOENT)
		return 0;	/* st->has_gen stays false */
	if (gen < 0)
		return gen;
	ret = fg_gen_header(gen, &st->hdr, err);
	if (ret)
		goto out;
	st->has_gen = true;
	stats = pinned_fd(dir, PIN_RULE_STATS, BPF_F_RDONLY, err);
	if (stats < 0) {
		ret = stats;
		goto out;
	}
	st->rules = calloc(st->hdr.nrules ? st->hdr.nrules : 1, sizeof(*st->rules));
	if (!st->rules) {
		ret = fg_errf(err, -ENOMEM, "rules");
		goto out;
	}
	for (r = 0; r < st->hdr.nrules && r < FG_MAX_RULES && !ret; r++)
		ret = fg_gen_rule(gen, stats, st->hdr.gen, r, &st->rules[r].info,
				  &st->rules[r].stat, err);
	st->nrules = r;
out:
	if (stats >= 0)
		close(stats);
	close(gen);
	return ret;
}

int fg_guard_state(const char *pin_dir, struct fg_state *st, struct fg_err *err)
{
	int ret, i;

	memset(st, 0, sizeof(*st));
	if (!fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir);
	ret = read_config(pin_dir, &st->config, err);
	if (!ret)
		ret = read_generation(pin_dir, st, err);
	if (!ret)
		ret = read_stats(pin_dir, st->stats, err);
	if (!ret)
		ret = read_devices(pin_dir, &st->devices, err);
	if (!ret)
		ret = read_event_state(pin_dir, st, err);
	if (!ret)
		ret = read_seal(pin_dir, &st->seal, err);
	for (i = 0; i < FG_PROGS; i++)
		read_link(pin_dir, fg_progs[i].pin, &st->links[i]);
	if (ret)
		fg_state_free(st);
	return ret;
}

void fg_state_free(struct fg_state *st)
{
	fg_devlist_free(&st->devices);
	free(st->rules);
	st->rules = NULL;
}

void fg_event_maps_close(struct fg_event_maps *m)
{
	int *fds[] = { &m->ring, &m->seq, &m->recent, &m->stats, &m->daemon, &m->gens };
	unsigned int i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}

int fg_guard_event_maps(const char *pin_dir, struct fg_event_maps *m, struct fg_err *err)
{
	/* The ring buffer's consumer page is mapped writable, and the daemon
	 * writes its counters: the rest is only read. */
	struct { int *fd; const char *name; __u32 flags; } pins[] = {
		{ &m->ring, PIN_EVENTS, 0 }, { &m->seq, PIN_EVENT_SEQ, BPF_F_RDONLY },
		{ &m->recent, PIN_RECENT, BPF_F_RDONLY }, { &m->stats, PIN_STATS, BPF_F_RDONLY },
		{ &m->daemon, PIN_DAEMON, 0 }, { &m->gens, PIN_GENS, BPF_F_RDONLY },
	};
	unsigned int i;

	m->ring = m->seq = m->recent = m->stats = m->daemon = m->gens = -1;
	if (!fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir);
	for (i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		*pins[i].fd = pinned_fd(pin_dir, pins[i].name, pins[i].flags, err);
		if (*pins[i].fd < 0) {
			int ret = *pins[i].fd;

			*pins[i].fd = -1;
			fg_event_maps_close(m);
			return ret;
		}
	}
	return 0;
}
