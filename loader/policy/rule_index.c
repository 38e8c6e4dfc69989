// SPDX-License-Identifier: GPL-2.0-only
/* A multimap from keys to rule numbers, and the keys (rule_index.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy/rule_index.h"

struct fg_rule_index_slot {
	__u64 key;
	__u32 rule;
	__u32 used;
};

static __u64 mix(__u64 h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

__u64 fg_key_u64(__u64 tag, __u64 v)
{
	return mix(v ^ mix(tag + 1));
}

__u64 fg_key_bytes(__u64 tag, const void *p, size_t n)
{
	const unsigned char *b = p;
	__u64 h = 0xcbf29ce484222325ull ^ mix(tag + 1);	/* FNV-1a, mixed */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return mix(h);
}

__u64 fg_key_str(__u64 tag, const char *s)
{
	return fg_key_bytes(tag, s, strlen(s));
}

static void insert(struct fg_rule_index_slot *s, size_t cap, __u64 key, __u32 rule)
{
	size_t i;

	for (i = mix(key) & (cap - 1); s[i].used; i = (i + 1) & (cap - 1))
		;
	s[i] = (struct fg_rule_index_slot){ .key = key, .rule = rule, .used = 1 };
}

int fg_rule_index_add(struct fg_rule_index *x, __u64 key, __u32 rule)
{
	if ((x->n + 1) * 2 > x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 256, i;
		struct fg_rule_index_slot *s = calloc(cap, sizeof(*s));

		if (!s)
			return -ENOMEM;
		for (i = 0; i < x->cap; i++)
			if (x->s[i].used)
				insert(s, cap, x->s[i].key, x->s[i].rule);
		free(x->s);
		x->s = s;
		x->cap = cap;
	}
	insert(x->s, x->cap, key, rule);
	x->n++;
	return 0;
}

void fg_rule_index_free(struct fg_rule_index *x)
{
	free(x->s);
	memset(x, 0, sizeof(*x));
}

void fg_rule_index_iter(const struct fg_rule_index *x, __u64 key, struct fg_rule_iter *it)
{
	it->x = x;
	it->key = key;
	it->pos = x->cap ? mix(key) & (x->cap - 1) : 0;
}

bool fg_rule_index_next(struct fg_rule_iter *it, __u32 *rule)
{
	const struct fg_rule_index *x = it->x;

	if (!x->cap)
		return false;
	while (x->s[it->pos].used) {
		const struct fg_rule_index_slot *s = &x->s[it->pos];

		it->pos = (it->pos + 1) & (x->cap - 1);
		if (s->key == it->key) {
			*rule = s->rule;
			return true;
		}
	}
	return false;
}

/* A list as a set: the sum of its elements' keys, the same in any order. */
#define SET_KEY(tag, arr, n, keyfn)					\
	({								\
		__u64 _h = fg_key_u64((tag), (n));			\
		size_t _i;						\
		for (_i = 0; _i < (n); _i++)				\
			_h += keyfn;					\
		_h;							\
	})

__u64 fg_rule_conds_key(const struct fg_ir_rule *r)
{
	__u64 h;

	h = fg_key_u64(1, (__u64)r->scopes << 8 | r->statuses);
	h ^= fg_key_u64(2, r->devtypes);
	h ^= fg_key_u64(3, (__u64)r->effects_any << 32 | r->effects_all);
	h ^= fg_key_u64(4, r->caps);
	h ^= SET_KEY(5, r->cmds, r->ncmds,
		     fg_key_u64(5, (__u64)r->cmds[_i].devtype << 32 | r->cmds[_i].opcode));
	h ^= SET_KEY(6, r->features, r->nfeatures, fg_key_bytes(6, r->features[_i], 16));
	h ^= SET_KEY(7, r->nodes, r->nnodes, fg_key_str(7, r->nodes[_i]));
	h ^= SET_KEY(8, r->parents, r->nparents, fg_key_str(8, r->parents[_i]));
	h ^= SET_KEY(9, r->serials, r->nserials, fg_key_str(9, r->serials[_i]));
	h ^= SET_KEY(10, r->uids, r->nuids, fg_key_u64(10, r->uids[_i]));
	h ^= SET_KEY(11, r->euids, r->neuids, fg_key_u64(11, r->euids[_i]));
	h ^= SET_KEY(12, r->gids, r->ngids, fg_key_u64(12, r->gids[_i]));
	h ^= SET_KEY(13, r->comms, r->ncomms, fg_key_str(13, r->comms[_i]));
	h ^= SET_KEY(14, r->exes, r->nexes, fg_key_str(14, r->exes[_i].path));
	h ^= SET_KEY(15, r->cgroups, r->ncgroups, fg_key_str(15, r->cgroups[_i].path));
	h ^= SET_KEY(16, r->ioctls, r->nioctls, fg_key_u64(16, r->ioctls[_i]));
	h ^= SET_KEY(17, r->regs, r->nregs, fg_key_u64(17, r->regs[_i]));
	h ^= fg_key_u64(18, r->reg_access);
	return h;
}
