// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building a generation value: the vector pool (identical vectors stored
 * once) and the slot table (image.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "policy/image.h"

/* Seeds tried in turn until every key fits within FG_GEN_PROBES. */
#define SEEDS		64

struct fg_dedup {
	__u64 hash;
	__u32 off;
	__u32 kind;		/* 0: full, 1: compressed */
};

void fg_image_init(struct fg_image *im, struct fg_gen *g, unsigned int nwords,
		   struct fg_err *err)
{
	memset(im, 0, sizeof(*im));
	im->g = g;
	im->nwords = nwords;
	im->err = err;
	/* FG_GEN_EMPTY_VEC: lo 0, n 0, summary 0 */
	g->pool[0] = 0;
	g->pool[1] = 0;
	im->used = 2;
}

void fg_image_release(struct fg_image *im)
{
	free(im->dedup);
	free(im->keys);
	im->dedup = NULL;
	im->keys = NULL;
}

__u32 fg_image_hash(__u64 seed, __u32 tag, __u64 k0, __u64 k1)
{
	__u64 h = (k0 ^ seed) * 0x9e3779b97f4a7c15ull;

	h ^= (k1 + tag) * 0xc2b2ae3d27d4eb4full;
	h ^= h >> 31;
	return (__u32)h;
}

static __u64 words_hash(__u32 kind, const __u64 *w, size_t n)
{
	__u64 h = 0xcbf29ce484222325ull ^ kind;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= w[i];
		h *= 0x100000001b3ull;
		h ^= h >> 29;
	}
	return h;
}

/* A vector already in the pool with these words; its offset or 0. */
static __u32 dedup_find(const struct fg_image *im, __u32 kind, __u64 hash, const __u64 *w,
			size_t n)
{
	size_t i;

	if (!im->dedup_cap)
		return 0;
	for (i = hash & (im->dedup_cap - 1); im->dedup[i].off; i = (i + 1) & (im->dedup_cap - 1))
		if (im->dedup[i].hash == hash && im->dedup[i].kind == kind &&
		    !memcmp(&im->g->pool[im->dedup[i].off], w, n * sizeof(*w)))
			return im->dedup[i].off;
	return 0;
}

static int dedup_add(struct fg_image *im, __u32 kind, __u64 hash, __u32 off)
{
	size_t i;

	if ((im->ndedup + 1) * 2 > im->dedup_cap) {
		size_t cap = im->dedup_cap ? im->dedup_cap * 2 : 1024, j;
		struct fg_dedup *d = calloc(cap, sizeof(*d));

		if (!d)
			return fg_errf(im->err, -ENOMEM, "generation vectors");
		for (j = 0; j < im->dedup_cap; j++) {
			if (!im->dedup[j].off)
				continue;
			for (i = im->dedup[j].hash & (cap - 1); d[i].off; i = (i + 1) & (cap - 1))
				;
			d[i] = im->dedup[j];
		}
		free(im->dedup);
		im->dedup = d;
		im->dedup_cap = cap;
	}
	for (i = hash & (im->dedup_cap - 1); im->dedup[i].off; i = (i + 1) & (im->dedup_cap - 1))
		;
	im->dedup[i] = (struct fg_dedup){ .hash = hash, .off = off, .kind = kind };
	im->ndedup++;
	return 0;
}

/* Store the n words at w (kind: for the dedup) and say where. */
static int store(struct fg_image *im, __u32 kind, const __u64 *w, size_t n, __u32 *off)
{
	__u64 hash = words_hash(kind, w, n);
	__u32 found = dedup_find(im, kind, hash, w, n);

	if (found) {
		*off = found;
		return 0;
	}
	if (im->used + n > FG_GEN_POOL_WORDS)
		return fg_err_set(im->err, -E2BIG, "the policy needs more than the %u vector words "
				  "a generation holds (%u MiB): fewer rules or fewer distinct values "
				  "in their conditions", FG_GEN_POOL_WORDS,
				  FG_GEN_POOL_WORDS * 8 / (1024 * 1024));
	memcpy(&im->g->pool[im->used], w, n * sizeof(*w));
	*off = (__u32)im->used;
	im->used += n;
	return dedup_add(im, kind, hash, *off);
}

static __u64 summary(const struct fg_bits *b, unsigned int nwords)
{
	__u64 s = 0;
	unsigned int i;

	for (i = 0; i < nwords; i++)
		if (b->w[i])
			s |= 1ull << i;
	return s;
}

int fg_image_full(struct fg_image *im, const struct fg_bits *b, __u32 *off)
{
	__u64 v[FG_VEC_WORDS + 1];

	v[0] = summary(b, im->nwords);
	memcpy(&v[1], b->w, im->nwords * sizeof(__u64));
	return store(im, 0, v, im->nwords + 1, off);
}

int fg_image_x(struct fg_image *im, const struct fg_bits *b, __u32 *off)
{
	__u64 v[FG_VEC_WORDS + 2];
	unsigned int lo, hi;

	for (lo = 0; lo < im->nwords && !b->w[lo]; lo++)
		;
	if (lo == im->nwords) {
		*off = FG_GEN_EMPTY_VEC;
		return 0;
	}
	for (hi = im->nwords - 1; !b->w[hi]; hi--)
		;
	v[0] = lo | (__u64)(hi - lo + 1) << 16;
	v[1] = summary(b, im->nwords);
	memcpy(&v[2], &b->w[lo], (hi - lo + 1) * sizeof(__u64));
	return store(im, 1, v, hi - lo + 3, off);
}

int fg_image_slot(struct fg_image *im, __u32 tag, __u64 k0, __u64 k1, __u32 val)
{
	if (im->nkeys == im->keys_cap) {
		size_t cap = im->keys_cap ? im->keys_cap * 2 : 256;
		struct fg_slot *k = realloc(im->keys, cap * sizeof(*k));

		if (!k)
			return fg_errf(im->err, -ENOMEM, "generation slots");
		im->keys = k;
		im->keys_cap = cap;
	}
	im->keys[im->nkeys++] = (struct fg_slot){ .key = { k0, k1 }, .tag = tag, .val = val };
	return 0;
}

/* Distance of the key in slot pos from its home under seed. */
static __u32 displacement(const struct fg_slot *k, __u32 pos, __u64 seed)
{
	return (pos - fg_image_hash(seed, k->tag, k->key[0], k->key[1])) & (FG_GEN_SLOTS - 1);
}

/*
 * Every key within FG_GEN_PROBES of its home under seed, or false. Robin
 * Hood insertion: a key farther from its home takes the slot of one
 * nearer to its own, which keeps the longest displacement short.
 */
static bool place(struct fg_gen *g, const struct fg_slot *keys, size_t n, __u64 seed)
{
	struct fg_slot cur, tmp;
	__u32 pos, dist;
	size_t i;

	memset(g->slots, 0, sizeof(g->slots));
	for (i = 0; i < n; i++) {
		cur = keys[i];
		pos = fg_image_hash(seed, cur.tag, cur.key[0], cur.key[1]) & (FG_GEN_SLOTS - 1);
		for (dist = 0;; dist++, pos = (pos + 1) & (FG_GEN_SLOTS - 1)) {
			if (dist >= FG_GEN_PROBES)
				return false;
			if (g->slots[pos].tag == FG_SLOT_EMPTY) {
				g->slots[pos] = cur;
				break;
			}
			if (displacement(&g->slots[pos], pos, seed) < dist) {
				tmp = g->slots[pos];
				g->slots[pos] = cur;
				cur = tmp;
				dist = displacement(&cur, pos, seed);
			}
		}
	}
	return true;
}

int fg_image_place(struct fg_image *im)
{
	__u64 seed = 0x5eed;
	unsigned int s;

	if (im->nkeys > FG_GEN_SLOTS * 3 / 4)
		return fg_err_set(im->err, -E2BIG, "the policy names %zu distinct values and effects "
				  "entries; a generation's slot table holds %u", im->nkeys,
				  FG_GEN_SLOTS * 3 / 4);
	for (s = 0; s < SEEDS; s++, seed = seed * 0x9e3779b97f4a7c15ull + 0x7f4a7c15) {
		if (place(im->g, im->keys, im->nkeys, seed)) {
			im->g->hdr.seed = seed;
			im->g->hdr.slots_used = im->nkeys;
			return 0;
		}
	}
	return fg_err_set(im->err, -E2BIG, "the policy's %zu values do not fit the slot table: "
			  "under %u seeds some fall more than %u slots from their hash",
			  im->nkeys, SEEDS, FG_GEN_PROBES);
}
