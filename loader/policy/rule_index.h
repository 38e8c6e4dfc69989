/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finding earlier rules by a key rather than by walking them all: a
 * multimap from 64-bit keys to rule numbers, and the keys the checks use
 * (a rule's whole set of conditions, for conflicting duplicates; one
 * condition value, for the lint's hiding test). Keys are hashes: a hit is a
 * candidate the caller still compares in full.
 */
#ifndef FG_POLICY_RULE_INDEX_H
#define FG_POLICY_RULE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/types.h>

#include "policy/ir.h"

struct fg_rule_index_slot;

struct fg_rule_index {
	struct fg_rule_index_slot *s;
	size_t n, cap;
};

struct fg_rule_iter {
	const struct fg_rule_index *x;
	__u64 key;
	size_t pos;
};

/* 0, or -ENOMEM (the index is unchanged). */
int fg_rule_index_add(struct fg_rule_index *x, __u64 key, __u32 rule);
void fg_rule_index_free(struct fg_rule_index *x);

/* The rules added under key, in no particular order. */
void fg_rule_index_iter(const struct fg_rule_index *x, __u64 key, struct fg_rule_iter *it);
bool fg_rule_index_next(struct fg_rule_iter *it, __u32 *rule);

/* Every condition of r, lists as sets (the order written does not count),
 * exe and cgroup by path: equal for rules same_conds() calls equal. */
__u64 fg_rule_conds_key(const struct fg_ir_rule *r);

/* Hashes of values, for keys. */
__u64 fg_key_u64(__u64 tag, __u64 v);
__u64 fg_key_str(__u64 tag, const char *s);
__u64 fg_key_bytes(__u64 tag, const void *p, size_t n);

#endif /* FG_POLICY_RULE_INDEX_H */
