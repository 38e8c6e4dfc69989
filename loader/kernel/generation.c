// SPDX-License-Identifier: GPL-2.0-only
/* Policy generations in the kernel (generation.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kernel/generation.h"
#include "fwctl_guard_names.h"
#include "kernel/maps.h"

int fg_gen_create(const struct fg_gen_image *img, int *fd, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_NO_PREALLOC);
	size_t i;
	int map;

	/* Must equal the inner map template of fg_gens (bpf/maps.bpf.h). */
	map = bpf_map_create(BPF_MAP_TYPE_HASH, FG_GEN_MAP_NAME, sizeof(struct fg_gen_key),
			     sizeof(struct fg_vec), FG_GEN_MAX_ENTRIES, &opts);
	if (map < 0)
		return fg_errf(err, -errno, "cannot create a generation map");
	for (i = 0; i < img->n; i++) {
		if (bpf_map_update_elem(map, &img->e[i].key, &img->e[i].val, BPF_NOEXIST)) {
			int ret = -errno;

			close(map);
			return fg_errf(err, ret, "cannot write entry %zu of %zu of the generation "
				       "map", i, img->n);
		}
	}
	*fd = map;
	return 0;
}

int fg_gen_install(int gens_fd, int gen_fd, struct fg_err *err)
{
	__u32 zero = 0;

	if (bpf_map_update_elem(gens_fd, &zero, &gen_fd, BPF_ANY))
		return fg_errf(err, -errno, "cannot install the generation");
	return 0;
}

int fg_gen_stage_install(int gens_fd, int stats_fd, struct fg_gen_image *img, __u64 gen,
			 struct fg_err *err)
{
	int fd, ret;

	fg_gen_image_set_gen(img, gen);
	ret = fg_gen_create(img, &fd, err);
	if (ret)
		return ret;
	/* Counters first: the new generation's half starts at zero. */
	ret = fg_gen_clear_stats(stats_fd, gen, err);
	if (!ret)
		ret = fg_gen_install(gens_fd, fd, err);
	close(fd);
	return ret;
}

int fg_gen_active(int gens_fd, bool writable, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, opts, .open_flags = writable ? 0 : BPF_F_RDONLY);
	__u32 zero = 0, id;
	int fd;

	if (bpf_map_lookup_elem(gens_fd, &zero, &id))
		return errno == ENOENT ? -ENOENT
				       : fg_errf(err, -errno, "cannot read the active generation");
	fd = bpf_map_get_fd_by_id_opts(id, &opts);
	if (fd < 0)
		return fg_errf(err, -errno, "cannot open generation map %u", id);
	return fd;
}

int fg_gen_header(int gen_fd, struct fg_gen_header *h, struct fg_err *err)
{
	struct fg_gen_key k = { .dim = FG_DIM_HEADER };
	struct fg_vec v;

	if (bpf_map_lookup_elem(gen_fd, &k, &v))
		return fg_errf(err, -errno, "the generation map has no header");
	memcpy(h, &v, sizeof(*h));
	if (h->version != FG_ABI_VERSION)
		return fg_errf(err, -EPROTO, "generation of ABI version %u, this loader knows %u",
			       h->version, FG_ABI_VERSION);
	return 0;
}

static int map_get(void *ctx, const struct fg_gen_key *key, struct fg_vec *out)
{
	return bpf_map_lookup_elem(*(int *)ctx, key, out) ? -errno : 0;
}

/* Keep every key but the device vectors of minors devs no longer has. */
static bool keep_key(const void *key, const void *ctx)
{
	const struct fg_gen_key *k = key;
	const struct fg_devlist *devs = ctx;
	unsigned int i;

	if (k->dim != FG_DIM_DEVICE || k->flags)
		return true;
	for (i = 0; i < devs->n; i++)
		if (devs->devs[i].minor == k->index && devs->devs[i].dev.devtype != FG_DEVTYPE_UNKNOWN)
			return true;
	return false;
}

int fg_gen_sync_devices(int gen_fd, const struct fg_devlist *devs, bool remove,
			struct fg_err *err)
{
	struct fg_gen_key k = { .dim = FG_DIM_DEVICE };
	struct fg_vec v;
	unsigned int i;
	int ret;

	if (remove)
		return fg_map_delete_stale(gen_fd, sizeof(struct fg_gen_key), keep_key, devs, err);
	for (i = 0; i < devs->n; i++) {
		const struct fg_devinfo *di = &devs->devs[i];

		if (di->dev.devtype == FG_DEVTYPE_UNKNOWN)
			continue;
		ret = fg_gen_device_vec(map_get, &gen_fd, &di->dev, &v);
		if (ret)
			return fg_errf(err, ret, "cannot compute the rules of %s", di->dev.name);
		k.index = di->minor;
		if (bpf_map_update_elem(gen_fd, &k, &v, BPF_ANY))
			return fg_errf(err, -errno, "cannot add %s to the generation", di->dev.name);
	}
	return 0;
}

int fg_gen_clear_stats(int stats_fd, __u64 gen, struct fg_err *err)
{
	int ncpu = libbpf_num_possible_cpus();
	struct fg_rule_stat *zero;
	__u32 r, idx;
	int ret = 0;

	if (ncpu <= 0)
		return fg_errf(err, ncpu ? ncpu : -EINVAL, "cannot count the possible CPUs");
	zero = calloc(ncpu, sizeof(*zero));
	if (!zero)
		return fg_errf(err, -ENOMEM, "rule counters");
	for (r = 0; r < FG_MAX_RULES && !ret; r++) {
		idx = (gen & 1) * FG_MAX_RULES + r;
		if (bpf_map_update_elem(stats_fd, &idx, zero, BPF_ANY))
			ret = fg_errf(err, -errno, "cannot clear the counters of rule %u", r);
	}
	free(zero);
	return ret;
}

int fg_gen_rule(int gen_fd, int stats_fd, __u64 gen, __u32 r, struct fg_rule_info *info,
		struct fg_rule_stat *st, struct fg_err *err)
{
	struct fg_gen_key k = { .dim = FG_DIM_RULE_INFO, .index = r };
	int ncpu = libbpf_num_possible_cpus(), c;
	struct fg_rule_stat *per;
	struct fg_vec v;
	__u32 idx = (gen & 1) * FG_MAX_RULES + (r & (FG_MAX_RULES - 1));

	if (bpf_map_lookup_elem(gen_fd, &k, &v))
		return fg_errf(err, -errno, "the generation has no rule %u", r);
	memcpy(info, &v, sizeof(*info));
	info->text[sizeof(info->text) - 1] = '\0';
	memset(st, 0, sizeof(*st));
	if (ncpu <= 0)
		return fg_errf(err, ncpu ? ncpu : -EINVAL, "cannot count the possible CPUs");
	per = calloc(ncpu, sizeof(*per));
	if (!per)
		return fg_errf(err, -ENOMEM, "rule counters");
	if (bpf_map_lookup_elem(stats_fd, &idx, per)) {
		free(per);
		return fg_errf(err, -errno, "cannot read the counters of rule %u", r);
	}
	for (c = 0; c < ncpu; c++) {
		st->allowed += per[c].allowed;
		st->denied += per[c].denied;
		st->audited += per[c].audited;
	}
	free(per);
	return 0;
}
