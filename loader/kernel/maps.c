// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kernel/maps.h"

int fg_map_delete_stale(int fd, size_t key_size, bool (*keep)(const void *key, const void *ctx),
			const void *ctx, struct fg_err *err)
{
	char cur[FG_MAP_KEY_MAX], next[FG_MAP_KEY_MAX], *stale = NULL, *grown;
	size_t nstale = 0, i;
	int ret = 0;
	void *prev = NULL;

	if (key_size > FG_MAP_KEY_MAX)
		return fg_errf(err, -EINVAL, "map key of %zu bytes", key_size);
	while (!bpf_map_get_next_key(fd, prev, next)) {
		memcpy(cur, next, key_size);
		prev = cur;
		if (keep(cur, ctx))
			continue;
		grown = realloc(stale, (nstale + 1) * key_size);
		if (!grown) {
			free(stale);
			return fg_errf(err, -ENOMEM, "stale map keys");
		}
		stale = grown;
		memcpy(stale + nstale++ * key_size, cur, key_size);
	}
	for (i = 0; i < nstale && !ret; i++)
		if (bpf_map_delete_elem(fd, stale + i * key_size) && errno != ENOENT)
			ret = fg_errf(err, -errno, "cannot delete a stale map entry");
	free(stale);
	return ret;
}

int fg_map_percpu_sum(int fd, __u32 key, __u64 *sum)
{
	int ncpu = libbpf_num_possible_cpus(), c, ret = 0;
	__u64 *vals;

	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	vals = calloc(ncpu, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &key, vals)) {
		ret = -errno;
	} else {
		*sum = 0;
		for (c = 0; c < ncpu; c++)
			*sum += vals[c];
	}
	free(vals);
	return ret;
}
