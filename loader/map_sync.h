/* SPDX-License-Identifier: GPL-2.0-only */
/* Dropping the entries of a BPF map its owner no longer has. */
#ifndef FG_MAP_SYNC_H
#define FG_MAP_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define FG_MAP_KEY_MAX	64	/* largest key fg_map_delete_stale walks */

/*
 * Delete every key of map fd for which keep(key, ctx) is false. Stale keys
 * are collected first and deleted after the walk, so the walk never
 * resumes from a deleted key. key_size <= FG_MAP_KEY_MAX.
 */
int fg_map_delete_stale(int fd, size_t key_size, bool (*keep)(const void *key, const void *ctx),
			const void *ctx, struct fg_err *err);

#endif
