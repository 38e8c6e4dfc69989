// SPDX-License-Identifier: GPL-2.0-only
/* Policy generations in the kernel (generation.h). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "fwctl_guard_names.h"
#include "kernel/generation.h"

_Static_assert(FG_GEN_MAP_FLAGS == BPF_F_MMAPABLE, "generation maps are mmap-able");

/* The generation value's bytes in a mapping of its map (prot: PROT_READ,
 * or PROT_READ | PROT_WRITE on a writable fd). MAP_FAILED on error. */
static struct fg_gen *map_gen(int fd, int prot)
{
	return mmap(NULL, sizeof(struct fg_gen), prot, MAP_SHARED, fd, 0);
}

/* How much of g to copy: everything before the pool, and the pool's
 * words in use (the rest of a new map is zero already). */
static size_t used_bytes(const struct fg_gen *g)
{
	size_t used = g->hdr.pool_used < FG_GEN_POOL_WORDS ? g->hdr.pool_used : FG_GEN_POOL_WORDS;

	return offsetof(struct fg_gen, pool) + used * sizeof(g->pool[0]);
}

int fg_gen_create(const struct fg_gen_image *img, int *fd, struct fg_err *err)
{
	/* Must equal the inner map template of fg_gens (bpf/maps.bpf.h). */
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = FG_GEN_MAP_FLAGS);
	struct fg_gen *m;
	int map, ret;

	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, FG_GEN_MAP_NAME, sizeof(__u32),
			     sizeof(struct fg_gen), 1, &opts);
	if (map < 0)
		return fg_errf(err, -errno, "cannot create a generation map (%zu bytes)",
			       sizeof(struct fg_gen));
	/* Written through a mapping: only the used part is copied, and the
	 * kernel makes no copy of its own. Then frozen: from here on no one
	 * can change it, not even the loader. */
	m = map_gen(map, PROT_READ | PROT_WRITE);
	if (m == MAP_FAILED) {
		ret = fg_errf(err, -errno, "cannot map the new generation");
		goto fail;
	}
	memcpy(m, img->g, used_bytes(img->g));
	munmap(m, sizeof(*m));
	if (bpf_map_freeze(map)) {
		ret = fg_errf(err, -errno, "cannot freeze the new generation");
		goto fail;
	}
	*fd = map;
	return 0;
fail:
	close(map);
	return ret;
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

/*
 * The generation's bytes, its header checked: a read-only mapping when the
 * fd allows one (the kernel maps only writable fds of a map, even for
 * reading), else a copy (one lookup, the whole value). *mapped says
 * which: release with put_gen.
 */
static int get_gen(int gen_fd, const struct fg_gen **out, bool *mapped, struct fg_err *err)
{
	const struct fg_gen *m = map_gen(gen_fd, PROT_READ);
	struct fg_gen *copy = NULL;
	__u32 version, zero = 0;

	*mapped = m != MAP_FAILED;
	if (!*mapped) {
		copy = malloc(sizeof(*copy));
		if (!copy)
			return fg_errf(err, -ENOMEM, "the generation");
		if (bpf_map_lookup_elem(gen_fd, &zero, copy)) {
			int ret = -errno;

			free(copy);
			return fg_errf(err, ret, "cannot read the generation map");
		}
		m = copy;
	}
	version = m->hdr.version;
	if (version != FG_ABI_VERSION) {
		if (*mapped)
			munmap((void *)m, sizeof(*m));
		free(copy);
		return fg_err_set(err, -EPROTO, "generation of ABI version %u, this loader knows %u",
				  version, FG_ABI_VERSION);
	}
	*out = m;
	return 0;
}

static void put_gen(const struct fg_gen *m, bool mapped)
{
	if (mapped)
		munmap((void *)m, sizeof(*m));
	else
		free((void *)m);
}

int fg_gen_read(int gen_fd, struct fg_gen **out, struct fg_err *err)
{
	const struct fg_gen *m;
	struct fg_gen *g;
	bool mapped;
	int ret;

	ret = get_gen(gen_fd, &m, &mapped, err);
	if (ret)
		return ret;
	if (!mapped) {
		*out = (struct fg_gen *)m;
		return 0;
	}
	g = calloc(1, sizeof(*g));
	if (g)
		memcpy(g, m, used_bytes(m));
	put_gen(m, mapped);
	if (!g)
		return fg_errf(err, -ENOMEM, "the generation");
	*out = g;
	return 0;
}

int fg_gen_header(int gen_fd, struct fg_gen_header *h, struct fg_err *err)
{
	const struct fg_gen *m;
	bool mapped;
	int ret;

	ret = get_gen(gen_fd, &m, &mapped, err);
	if (ret)
		return ret;
	*h = m->hdr;
	put_gen(m, mapped);
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
