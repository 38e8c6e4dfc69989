/* SPDX-License-Identifier: GPL-2.0-only */
/* Map chores shared by the loader: summing a per-CPU value. */
#ifndef FG_KERNEL_MAPS_H
#define FG_KERNEL_MAPS_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/types.h>

#include "util/err.h"

/* The __u64 at key of per-CPU array fd, summed over the possible CPUs.
 * 0 or -errno. */
int fg_map_percpu_sum(int fd, __u32 key, __u64 *sum);

#endif /* FG_KERNEL_MAPS_H */
