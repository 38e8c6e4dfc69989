// SPDX-License-Identifier: GPL-2.0-only
/* Policy generations in the kernel (generation.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "fwctl_guard_names.h"
#include "kernel/generation.h"

int fg_gen_create(const struct fg_gen_image *img, int *fd, struct fg_err *err)
{
	/* Must equal the inner map template of fg_gens (bpf/maps.bpf.h). */
	LIBBPF_OPTS(bpf_map_create_opts, opts);
	__u32 zero = 0;
	int map;

	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, FG_GEN_MAP_NAME, sizeof(__u32),
			     sizeof(struct fg_gen), 1, &opts);
	if (map < 0)
		return fg_errf(err, -errno, "cannot create a generation map (%zu bytes)",
			       sizeof(struct fg_gen));
	if (bpf_map_update_elem(map, &zero, img->g, BPF_ANY)) {
		int ret = -errno;

		close(map);
		return fg_errf(err, ret, "cannot write the generation map");
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

int fg_gen_read(int gen_fd, struct fg_gen **out, struct fg_err *err)
{
	struct fg_gen *g = malloc(sizeof(*g));
	__u32 zero = 0;

	if (!g)
		return fg_errf(err, -ENOMEM, "generation (%zu bytes)", sizeof(*g));
	if (bpf_map_lookup_elem(gen_fd, &zero, g)) {
		int ret = -errno;

		free(g);
		return fg_errf(err, ret, "cannot read the generation map");
	}
	if (g->hdr.version != FG_ABI_VERSION) {
		int version = g->hdr.version;

		free(g);
		return fg_err_set(err, -EPROTO, "generation of ABI version %u, this loader knows %u",
				  version, FG_ABI_VERSION);
	}
	*out = g;
	return 0;
}

int fg_gen_header(int gen_fd, struct fg_gen_header *h, struct fg_err *err)
{
	struct fg_gen *g;
	int ret;

	ret = fg_gen_read(gen_fd, &g, err);
	if (ret)
		return ret;
	*h = g->hdr;
	free(g);
	return 0;
}

int fg_gen_clear_stats(int stats_fd, __u64 gen, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	int ncpu = libbpf_num_possible_cpus();
	__u32 r, *keys, count = FG_MAX_RULES;
	struct fg_rule_stat *zero;
	int ret = 0;

	if (ncpu <= 0)
		return fg_errf(err, ncpu ? ncpu : -EINVAL, "cannot count the possible CPUs");
	keys = malloc(FG_MAX_RULES * sizeof(*keys));
	zero = calloc((size_t)ncpu * FG_MAX_RULES, sizeof(*zero));
	if (!keys || !zero) {
		ret = fg_errf(err, -ENOMEM, "rule counters");
		goto out;
	}
	for (r = 0; r < FG_MAX_RULES; r++)
		keys[r] = (gen & 1) * FG_MAX_RULES + r;
	if (bpf_map_update_batch(stats_fd, keys, zero, &count, &opts))
		ret = fg_errf(err, -errno, "cannot clear the rule counters (%u of %u)", count,
			      FG_MAX_RULES);
out:
	free(keys);
	free(zero);
	return ret;
}

int fg_gen_write_rules(int rules_fd, const struct fg_gen_image *img, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	__u32 *keys, count = img->nrules, r;
	int ret = 0;

	if (!img->nrules)
		return 0;
	keys = malloc(img->nrules * sizeof(*keys));
	if (!keys)
		return fg_errf(err, -ENOMEM, "rule texts");
	for (r = 0; r < img->nrules; r++)
		keys[r] = r;
	if (bpf_map_update_batch(rules_fd, keys, img->rules, &count, &opts))
		ret = fg_errf(err, -errno, "cannot write the rule texts (%u of %zu)", count,
			      img->nrules);
	free(keys);
	return ret;
}

int fg_gen_rule(int rules_fd, int stats_fd, __u64 gen, __u32 r, struct fg_rule_info *info,
		struct fg_rule_stat *st, struct fg_err *err)
{
	int ncpu = libbpf_num_possible_cpus(), c;
	struct fg_rule_stat *per;
	__u32 idx = (gen & 1) * FG_MAX_RULES + (r & (FG_MAX_RULES - 1));

	if (bpf_map_lookup_elem(rules_fd, &r, info))
		return fg_errf(err, -errno, "cannot read rule %u", r);
	if (info->gen != gen)
		memset(info, 0, sizeof(*info));	/* written by another generation */
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
