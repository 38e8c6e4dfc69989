/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lowering: a checked policy (ir.h) -> the entries of one generation
 * map (include/fwctl_guard.h, "policy generations"). Pure computation: the
 * guard writes the image into a new map and swaps it in.
 */
#ifndef FG_POLICY_LOWER_H
#define FG_POLICY_LOWER_H

#include "util/err.h"
#include "fwctl_guard.h"
#include "policy/ir.h"
#include "host/registry.h"

struct fg_gen_entry {
	struct fg_gen_key key;
	struct fg_vec val;
};

struct fg_gen_image {
	struct fg_gen_header hdr;	/* also entries[0] */
	struct fg_gen_entry *e;		/* malloc'd */
	size_t n, cap;
};

/* Build generation number gen for prog and the devices of devs (devices of
 * unknown type get no entry: they are unknown devices). 0, -E2BIG (over a
 * limit: err says which), -ENOMEM. */
int fg_policy_lower(const struct fg_program *prog, const struct fg_devlist *devs, __u64 gen,
		    struct fg_gen_image *img, struct fg_err *err);
void fg_gen_image_free(struct fg_gen_image *img);

/* Number the image as generation gen (its header and header entry). */
void fg_gen_image_set_gen(struct fg_gen_image *img, __u64 gen);

/* The entry for key, or NULL. The image is sorted by key after lowering. */
const struct fg_vec *fg_gen_image_get(const struct fg_gen_image *img,
				      const struct fg_gen_key *key);

/*
 * A device's FG_DIM_DEVICE vector, from a generation's FG_DIM_DEVTYPE,
 * NODE, PARENT and SERIAL entries, read through get (0 or -errno; -ENOENT
 * for a key the generation lacks). Used by the lowering and by a registry
 * refresh, which adds devices to the running generation.
 */
typedef int (*fg_gen_get_fn)(void *ctx, const struct fg_gen_key *key, struct fg_vec *out);
int fg_gen_device_vec(fg_gen_get_fn get, void *ctx, const struct fg_device *dev,
		      struct fg_vec *out);

/* Recompute v->summary from its words. */
void fg_vec_summarize(struct fg_vec *v);

#endif
