/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lowering: a checked policy (ir.h) and the effects tables -> one
 * generation value (struct fg_gen, include/fwctl_guard.h) and the rule
 * texts status shows. Pure computation: the kernel library writes the
 * image into a new map and swaps it in (loader/kernel/generation.c).
 */
#ifndef FG_POLICY_LOWER_H
#define FG_POLICY_LOWER_H

#include <stddef.h>

#include "fwctl_guard.h"
#include "host/effects_table.h"
#include "policy/ir.h"
#include "util/err.h"

struct fg_gen_image {
	struct fg_gen *g;		/* malloc'd, sizeof(struct fg_gen) */
	struct fg_rule_info *rules;	/* g->hdr.nrules of them */
	size_t nrules;
};

/*
 * Build generation number gen for prog; db: the effects tables (their
 * type-wide entries go into the slot table; NULL: none). 0, -E2BIG (over a
 * limit of the generation: err names it), -EINVAL, -ENOMEM.
 */
int fg_policy_lower(const struct fg_program *prog, const struct fg_effects_db *db, __u64 gen,
		    struct fg_gen_image *img, struct fg_err *err);
void fg_gen_image_free(struct fg_gen_image *img);

/* Number the image as generation gen (its header and its rule texts). */
void fg_gen_image_set_gen(struct fg_gen_image *img, __u64 gen);

/* A device's parent and serial as generation g knows them: the X vectors
 * of the rules naming them, for the registry (sel->gen set to g's). */
void fg_gen_devsel(const struct fg_gen *g, const struct fg_device *dev, struct fg_devsel *sel);

#endif /* FG_POLICY_LOWER_H */
