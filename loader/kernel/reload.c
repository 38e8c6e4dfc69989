// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changing a loaded guard without a gap: a reload stages the next
 * generation completely (with the registry's view of each device for it,
 * in the next generation parity, and the rule texts), then switches to it
 * with one map update; a registry refresh writes the devices as the
 * running generation knows them. Neither rebuilds a generation for a
 * device change. Anything that fails before the switch leaves the running
 * generation enforcing, untouched.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/pins.h"
#include "kernel/seal.h"
#include "kernel/sync.h"

/* The registry, written for generation g (NULL: the active one). */
static int write_registry(const char *pin_dir, const struct fg_devlist *devices,
			  const struct fg_effects_db *effects, const struct fg_gen *g,
			  struct fg_err *err)
{
	struct fg_gen *active = NULL;
	int fd, gens, gen, ret;

	if (!g) {
		gens = fg_pinned_fd(pin_dir, FG_PIN(fg_gens), BPF_F_RDONLY, err);
		if (gens < 0)
			return gens;
		/* Writable: the loader may map it rather than copy it. */
		gen = fg_gen_active(gens, true, err);
		close(gens);
		if (gen == -ENOENT)
			return fg_err_set(err, -ENOENT, "no policy generation installed");
		if (gen < 0)
			return gen;
		ret = fg_gen_read(gen, &active, err);
		close(gen);
		if (ret)
			return ret;
		g = active;
	}
	fd = fg_pinned_fd(pin_dir, FG_PIN(fg_devices), 0, err);
	if (fd < 0) {
		free(active);
		return fd;
	}
	ret = fg_sync_registry(fd, devices, effects, g, err);
	close(fd);
	free(active);
	return ret;
}

int fg_guard_refresh(const char *pin_dir, const struct fg_devlist *devices,
		     const struct fg_effects_db *effects, struct fg_err *err)
{
	int lock, ret;

	lock = fg_pins_lock(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = write_registry(pin_dir, devices, effects, NULL, err);
	close(lock);
	return ret;
}

int fg_guard_reload(const char *pin_dir, struct fg_gen_image *img,
		    const struct fg_devlist *devices, const struct fg_effects_db *effects,
		    __u64 *gen_out, struct fg_err *err)
{
	struct fg_gen_header h = {};
	int lock, gens = -1, stats = -1, rules = -1, old, ret;
	struct fg_seal seal;

	*gen_out = 0;
	lock = fg_pins_lock(pin_dir, err);
	if (lock < 0)
		return lock;
	ret = fg_pins_read_seal(pin_dir, &seal, err);
	if (!ret)
		ret = fg_seal_check(&seal, img->g->hdr.seal, err);
	if (ret)
		goto out;
	gens = fg_pinned_fd(pin_dir, FG_PIN(fg_gens), 0, err);
	stats = gens < 0 ? gens : fg_pinned_fd(pin_dir, FG_PIN(fg_rule_stats), 0, err);
	rules = stats < 0 ? stats : fg_pinned_fd(pin_dir, FG_PIN(fg_rules), 0, err);
	if (rules < 0) {
		ret = rules;
		goto out;
	}
	old = fg_gen_active(gens, true, err);
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
	fg_gen_image_set_gen(img, h.gen + 1);
	ret = write_registry(pin_dir, devices, effects, img->g, err);
	if (!ret)
		ret = fg_gen_write_rules(rules, img, err);
	if (!ret)
		ret = fg_gen_stage_install(gens, stats, img, h.gen + 1, err);
	if (ret)
		goto out;
	*gen_out = h.gen + 1;
	ret = fg_seal_apply(pin_dir, &seal, img->g->hdr.seal, err);
out:
	if (rules >= 0)
		close(rules);
	if (stats >= 0)
		close(stats);
	if (gens >= 0)
		close(gens);
	close(lock);
	return ret;
}

int fg_guard_set_layout(const char *pin_dir, __u32 ops_off, bool *changed, struct fg_err *err)
{
	struct fg_config cfg;
	__u32 zero = 0;
	int fd, ret = 0;

	*changed = false;
	fd = fg_pinned_fd(pin_dir, FG_PIN(fg_config), 0, err);
	if (fd < 0)
		return fd;
	if (bpf_map_lookup_elem(fd, &zero, &cfg)) {
		ret = fg_errf(err, -errno, "cannot read the config map");
	} else if (cfg.fwctl_ops_off != ops_off) {
		cfg.fwctl_ops_off = ops_off;
		if (bpf_map_update_elem(fd, &zero, &cfg, BPF_ANY))
			ret = fg_errf(err, -errno, "cannot write the config map");
		else
			*changed = true;
	}
	close(fd);
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
