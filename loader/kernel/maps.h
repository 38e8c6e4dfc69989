/* SPDX-License-Identifier: GPL-2.0-only */
/* Map chores shared by the loader: dropping the entries of a BPF map its
 * owner no longer has, summing a per-CPU value. */
#ifndef FG_MAP_SYNC_H
#define FG_MAP_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/types.h>

#include "util/err.h"

#define FG_MAP_KEY_MAX	64	/* largest key fg_map_delete_stale walks */

/*
 * Delete every key of map fd for which keep(key, ctx) is false. Stale keys
 * are collected first and deleted after the walk, so the walk never
 * resumes from a deleted key. key_size <= FG_MAP_KEY_MAX.
 */
int fg_map_delete_stale(int fd, size_t key_size, bool (*keep)(const void *key, const void *ctx),
			const void *ctx, struct fg_err *err);

/* The __u64 at key of per-CPU array fd, summed over the possible CPUs.
 * 0 or -errno. */
int fg_map_percpu_sum(int fd, __u32 key, __u64 *sum);

#endif
