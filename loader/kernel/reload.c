// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changing a loaded guard without a gap: a reload stages the next
 * generation completely, then switches to it with one map update; a
 * registry refresh brings the device and per-device effects maps, and the
 * active generation's device vectors, up to date. Anything that fails
 * before the switch leaves the running generation enforcing, untouched.
 */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/pins.h"
#include "kernel/seal.h"
#include "kernel/sync.h"

/* gen_current: the active generation was built from these devices (a
 * reload), so only the registry and the effects need writing. */
static int refresh_locked(const char *pin_dir, const struct fg_devlist *devices,
			  const struct fg_effects_db *effects, bool gen_current,
			  struct fg_err *err)
{
	int fd, gens = -1, gen = -1, ret;

	/* Effects first: a device must not be judged by its type before the
	 * effects of its commands are in place. */
	fd = fg_pinned_fd(pin_dir, FG_PIN(fg_effects), 0, err);
	if (fd < 0)
		return fd;
	ret = fg_sync_effects(fd, effects, true, err);
	close(fd);
	if (ret)
		return ret;
	/* Then the active generation learns the new devices, then the
	 * registry names them; removal in the opposite order. */
	gens = fg_pinned_fd(pin_dir, FG_PIN(fg_gens), BPF_F_RDONLY, err);
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
	fd = fg_pinned_fd(pin_dir, FG_PIN(fg_devices), 0, err);
	if (fd < 0) {
		ret = fd;
		goto out;
	}
	ret = fg_sync_devices(fd, devices, err);
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

	lock = fg_pins_lock(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = refresh_locked(pin_dir, devices, effects, false, err);
	close(lock);
	return ret;
}

int fg_guard_reload(const char *pin_dir, struct fg_gen_image *img,
		    const struct fg_devlist *devices, const struct fg_effects_db *effects,
		    __u64 *gen_out, struct fg_err *err)
{
	struct fg_gen_header h = {};
	int lock, gens = -1, stats = -1, old, ret;
	struct fg_seal seal;

	lock = fg_pins_lock(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = fg_pins_read_seal(pin_dir, &seal, err);
	if (!ret)
		ret = fg_seal_check(&seal, img->hdr.seal, err);
	if (ret)
		goto out;
	gens = fg_pinned_fd(pin_dir, FG_PIN(fg_gens), 0, err);
	if (gens < 0) {
		ret = gens;
		goto out;
	}
	stats = fg_pinned_fd(pin_dir, FG_PIN(fg_rule_stats), 0, err);
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
	ret = fg_gen_stage_install(gens, stats, img, h.gen + 1, err);
	if (ret)
		goto out;
	*gen_out = h.gen + 1;
	ret = refresh_locked(pin_dir, devices, effects, true, err);
	if (!ret)
		ret = fg_seal_apply(pin_dir, &seal, img->hdr.seal, err);
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

	fd = fg_pinned_fd(pin_dir, FG_PIN(fg_loader), 0, err);
	if (fd < 0)
		return fd;
	if (bpf_map_update_elem(fd, &zero, &tgid, BPF_ANY))
		ret = fg_errf(err, -errno, "cannot write the loader map");
	close(fd);
	return ret;
}
