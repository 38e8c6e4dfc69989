/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy generations in the kernel: a generation map (one struct fg_gen)
 * created from a lowered image and installed with one update of fg_gens
 * (the atomic switch), read back; the rule texts (fg_rules) and the
 * per-rule counters (fg_rule_stats) beside it.
 */
#ifndef FG_KERNEL_GENERATION_H
#define FG_KERNEL_GENERATION_H

#include <stdbool.h>

#include "fwctl_guard.h"
#include "policy/lower.h"
#include "util/err.h"

/* A new generation map holding img; *fd on success. */
int fg_gen_create(const struct fg_gen_image *img, int *fd, struct fg_err *err);

/* Make the map gen_fd the active generation: one update of the outer map. */
int fg_gen_install(int gens_fd, int gen_fd, struct fg_err *err);

/* img as generation number gen: created completely, its counters cleared
 * (one batch), then installed: the atomic switch. */
int fg_gen_stage_install(int gens_fd, int stats_fd, struct fg_gen_image *img, __u64 gen,
			 struct fg_err *err);

/* An fd of the active generation map, or -ENOENT when none is installed. */
int fg_gen_active(int gens_fd, bool writable, struct fg_err *err);

/* The whole generation of map gen_fd (malloc'd into *g) or its header. */
int fg_gen_read(int gen_fd, struct fg_gen **g, struct fg_err *err);
int fg_gen_header(int gen_fd, struct fg_gen_header *h, struct fg_err *err);

/* Zero the per-rule counters of generation parity gen & 1 (one batch). */
int fg_gen_clear_stats(int stats_fd, __u64 gen, struct fg_err *err);

/* The rule texts of img into fg_rules (one batch). */
int fg_gen_write_rules(int rules_fd, const struct fg_gen_image *img, struct fg_err *err);

/* Rule r's text (of generation gen, else "") and its counters summed over
 * CPUs. */
int fg_gen_rule(int rules_fd, int stats_fd, __u64 gen, __u32 r, struct fg_rule_info *info,
		struct fg_rule_stat *st, struct fg_err *err);

#endif /* FG_KERNEL_GENERATION_H */
