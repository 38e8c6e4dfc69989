// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kernel/maps.h"

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
