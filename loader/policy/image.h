/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a generation value (lower.c's inside): the vector pool, with
 * identical vectors stored once, and the slot table, whose keys are placed
 * within FG_GEN_PROBES of their hash under a seed that fits them all.
 */
#ifndef FG_POLICY_IMAGE_H
#define FG_POLICY_IMAGE_H

#include <stddef.h>

#include "fwctl_guard.h"
#include "util/err.h"

/* A rule bit vector as the builder holds it: bit r of w[r / 64]. */
struct fg_bits {
	__u64 w[FG_VEC_WORDS];
};

struct fg_dedup;

struct fg_image {
	struct fg_gen *g;
	unsigned int nwords;		/* words of a vector: (nrules + 63) / 64 */
	size_t used;			/* pool words in use */
	struct fg_dedup *dedup;		/* vectors already stored */
	size_t ndedup, dedup_cap;
	struct fg_slot *keys;		/* slots to place */
	size_t nkeys, keys_cap;
	struct fg_err *err;
};

static inline void fg_bits_set(struct fg_bits *b, size_t rule)
{
	b->w[rule / 64] |= 1ull << (rule % 64);
}

/* The pool starts with the empty vector at offset FG_GEN_EMPTY_VEC. */
void fg_image_init(struct fg_image *im, struct fg_gen *g, unsigned int nwords,
		   struct fg_err *err);
void fg_image_release(struct fg_image *im);

/* Store b as a full vector (an F: summary, then every word) or as a
 * range-compressed one (an X: lo | n << 16, summary, the words from the
 * first to the last that is not zero); *off: its pool offset. 0, -E2BIG
 * when the pool is full (err names the limit), -ENOMEM. */
int fg_image_full(struct fg_image *im, const struct fg_bits *b, __u32 *off);
int fg_image_x(struct fg_image *im, const struct fg_bits *b, __u32 *off);

/* A key for the slot table (placed by fg_image_place). */
int fg_image_slot(struct fg_image *im, __u32 tag, __u64 k0, __u64 k1, __u32 val);

/* Place every key: the first seed under which each key sits within
 * FG_GEN_PROBES slots of its hash. -E2BIG when none does. */
int fg_image_place(struct fg_image *im);

/* The slot table's hash (bpf/engine.bpf.h's fg_slot_hash). */
__u32 fg_image_hash(__u64 seed, __u32 tag, __u64 k0, __u64 k1);

#endif /* FG_POLICY_IMAGE_H */
