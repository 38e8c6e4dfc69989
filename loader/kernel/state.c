// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading a loaded guard back from its pins, for status: config, the
 * active generation and its rules with their counters, the counters, the
 * registry, the seal, the event state and every link.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "kernel/events.h"
#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/maps.h"
#include "kernel/pins.h"
#include "kernel/seal.h"

static int read_stats(const char *dir, __u64 *sums, struct fg_err *err)
{
	__u32 k;
	int fd, ret = 0;

	fd = fg_pinned_fd(dir, FG_PIN(fg_stats), BPF_F_RDONLY, err);
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

/* The registry: the minors with a device. */
static int read_devices(const char *dir, struct fg_devlist *list, struct fg_err *err)
{
	struct fg_device dev;
	__u32 m;
	int fd;

	list->n = 0;
	list->devs = calloc(FG_REGISTRY_MAX, sizeof(*list->devs));
	if (!list->devs)
		return fg_errf(err, -ENOMEM, "devices");
	fd = fg_pinned_fd(dir, FG_PIN(fg_devices), BPF_F_RDONLY, err);
	if (fd < 0)
		return fd;
	for (m = 0; m < FG_MAX_MINORS && list->n < FG_REGISTRY_MAX; m++) {
		if (bpf_map_lookup_elem(fd, &m, &dev) || !dev.devtype)
			continue;
		list->devs[list->n].minor = m;
		list->devs[list->n].dev = dev;
		list->n++;
	}
	close(fd);
	return 0;
}

static void read_link(const char *dir, const char *name, struct fg_link_state *ls)
{
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);
	int fd;

	memset(ls, 0, sizeof(*ls));
	fd = fg_pinned_fd(dir, name, 0, NULL);
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

	fd = fg_pinned_fd(dir, FG_PIN(fg_config), BPF_F_RDONLY, err);
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
	int gens, gen = -1, stats = -1, rules = -1, ret;
	__u32 r;

	gens = fg_pinned_fd(dir, FG_PIN(fg_gens), BPF_F_RDONLY, err);
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
	stats = fg_pinned_fd(dir, FG_PIN(fg_rule_stats), BPF_F_RDONLY, err);
	rules = stats < 0 ? stats : fg_pinned_fd(dir, FG_PIN(fg_rules), BPF_F_RDONLY, err);
	if (rules < 0) {
		ret = rules;
		goto out;
	}
	st->rules = calloc(st->hdr.nrules ? st->hdr.nrules : 1, sizeof(*st->rules));
	if (!st->rules) {
		ret = fg_errf(err, -ENOMEM, "rules");
		goto out;
	}
	for (r = 0; r < st->hdr.nrules && r < FG_MAX_RULES && !ret; r++)
		ret = fg_gen_rule(rules, stats, st->hdr.gen, r, &st->rules[r].info,
				  &st->rules[r].stat, err);
	st->nrules = r;
out:
	if (rules >= 0)
		close(rules);
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
		ret = fg_pins_read_seal(pin_dir, &st->seal, err);
	for (i = 0; i < FG_NPROGS; i++)
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
