/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy generations in the kernel: build a generation map from a lowered
 * image and install it with one update of fg_gens (the atomic switch), read
 * the active one back, add devices to it, clear and read its rule counters.
 */
#ifndef FG_KERNEL_GENERATION_H
#define FG_KERNEL_GENERATION_H

#include <stdbool.h>

#include "fwctl_guard.h"
#include "host/registry.h"
#include "policy/lower.h"
#include "util/err.h"

/* A new generation map holding img; *fd on success. */
int fg_gen_create(const struct fg_gen_image *img, int *fd, struct fg_err *err);

/* Make the map gen_fd the active generation: one update of the outer map. */
int fg_gen_install(int gens_fd, int gen_fd, struct fg_err *err);

/* img as generation number gen: created completely, its counters
 * cleared, then installed: the atomic switch. */
int fg_gen_stage_install(int gens_fd, int stats_fd, struct fg_gen_image *img, __u64 gen,
			 struct fg_err *err);

/* An fd of the active generation map, or -ENOENT when none is installed. */
int fg_gen_active(int gens_fd, bool writable, struct fg_err *err);

/* The header of generation map gen_fd. */
int fg_gen_header(int gen_fd, struct fg_gen_header *h, struct fg_err *err);

/* Write the device vector of every device of known type into generation
 * gen_fd (before the registry names them: the engine treats a node without
 * one as unknown), or, with remove, delete those of minors devs lacks. */
int fg_gen_sync_devices(int gen_fd, const struct fg_devlist *devs, bool remove,
			struct fg_err *err);

/* Zero the per-rule counters of generation parity gen & 1. */
int fg_gen_clear_stats(int stats_fd, __u64 gen, struct fg_err *err);

/* Rule r's info and its counters summed over CPUs. */
int fg_gen_rule(int gen_fd, int stats_fd, __u64 gen, __u32 r, struct fg_rule_info *info,
		struct fg_rule_stat *st, struct fg_err *err);

#endif
