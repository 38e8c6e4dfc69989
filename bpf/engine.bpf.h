/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision engine: the active policy generation + one decoded request
 * -> the command's effects and a verdict. Included by the guard's request
 * path (bpf/ioctl.bpf.c) and by the host-side test and benchmark programs
 * (tests/bpf/), which define the maps it reads themselves, so that what the
 * tests and the benchmark measure is the code the LSM hook runs.
 *
 * The generation is one value (struct fg_gen, include/fwctl_guard.h)
 * reached through the one-slot fg_gens array-of-maps: a reload swaps the
 * slot, and a decision that has looked up the old value keeps reading it,
 * whole, until it returns. Both lookups are array lookups the verifier
 * inlines; the slot table and the tables give each field of the request
 * two vector offsets (F, X) into the pool; the rule loop ANDs, word by
 * word, F | X of the fields the policy tests, over the words the fields'
 * summaries leave. No helper call, and every loop has a constant bound.
 *
 * Failure policy: no generation, or a header of another ABI version: deny
 * (reason no-policy). Fall-backs after the rules: unreadable / malformed
 * commands denied, an unknown device type gets the unknown-device action.
 * A command without an effects entry has the effect "unknown".
 */
#ifndef FG_ENGINE_BPF_H
#define FG_ENGINE_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decide.h"
#include "fwctl_guard_decode.h"
#include "maps.bpf.h"

#define FG_POOL_MASK	(FG_GEN_POOL_WORDS - 1)
#define FG_SLOT_MASK	(FG_GEN_SLOTS - 1)

/*
 * Index of the lowest set bit of x != 0, without branches: a chain of
 * compares would give the verifier one path (and one constant) per bit
 * position. De Bruijn multiply and table.
 */
static const __u8 fg_debruijn64[64] = {
	0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
	62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
	63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
	46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
};

static __always_inline __u32 fg_ctz64(__u64 x)
{
	return fg_debruijn64[((x & -x) * 0x03f79d71b4cb0a89ull) >> 58] & 63;
}

/* A value the compiler cannot see through: it keeps the arithmetic on it
 * as written (a sign mask stays a shift, not a branch). */
#define FG_OPAQUE(x)	asm volatile("" : "+r"(x))

/* A fresh load the verifier learns nothing lasting from: branching on a
 * value kept in a register would split its states for the rest of the
 * function. */
#define FG_READ(x)	(*(volatile typeof(x) *)&(x))

/* The value's home slot (loader/policy/lower.c computes the same). */
static __always_inline __u32 fg_slot_hash(__u64 seed, __u32 tag, __u64 k0, __u64 k1)
{
	__u64 h = (k0 ^ seed) * 0x9e3779b97f4a7c15ull;

	h ^= (k1 + tag) * 0xc2b2ae3d27d4eb4full;
	h ^= h >> 31;
	return (__u32)h;
}

/* The slot's value for (tag, key), or miss: at most FG_GEN_PROBES slots
 * from the home one, every key compared whole. A global function: to the
 * verifier its result is one unknown value, not one state per way out. */
__attribute__((noinline)) __u32 fg_slot_find(const struct fg_gen *g, __u32 tag, __u64 k0,
					     __u64 k1, __u32 miss)
{
	const struct fg_slot *s;
	__u32 h, p;

	if (!g)
		return miss;
	h = fg_slot_hash(g->hdr.seed, tag, k0, k1);
	for (p = 0; p < FG_GEN_PROBES; p++) {
		s = &g->slots[(h + p) & FG_SLOT_MASK];
		if (s->tag == FG_SLOT_EMPTY)
			return miss;
		if (s->tag == tag && s->key[0] == k0 && s->key[1] == k1)
			return s->val;
	}
	return miss;
}

/* A byte array's first 16 bytes as two words (the slot key of a UUID or
 * a comm). */
static __always_inline void fg_key16(const __u8 *b, __u64 *k0, __u64 *k1)
{
	__builtin_memcpy(k0, b, 8);
	__builtin_memcpy(k1, b + 8, 8);
}

/*
 * The command's effects: built-in ones first (fg_effects_builtin), then
 * the effects tables' entries in the generation, then, for CXL Set
 * Feature, what the device reported (its registry entry), in
 * fg_effects_key()'s order. No entry: "unknown".
 */
static __always_inline void fg_engine_effects(const struct fg_gen *g, const struct fg_device *dev,
					      struct fg_cmd *c)
{
	__u64 k0, k1;
	__u32 v, i;

	c->feat_flags = 0;
	c->effects = fg_effects_builtin(c);
	if (c->effects)
		return;
	c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	v = 0;
	if (c->devtype == FG_DEVTYPE_CXL) {
		fg_key16(c->uuid, &k0, &k1);
		v = fg_slot_find(g, FG_SLOT_FX_FEATURE, k0, k1, 0);
		if (!v && dev) {
			for (i = 0; i < FG_DEV_FEATURES; i++) {
				const struct fg_devfeat *f = &dev->feat[i];
				__u64 u0, u1;

				fg_key16(f->uuid, &u0, &u1);
				if (i < dev->nfeat && u0 == k0 && u1 == k1) {
					c->effects = f->effects;
					c->feat_flags = f->flags;
					return;
				}
			}
		}
	} else {
		k0 = (__u64)c->devtype << 32 | c->opcode;
		if (c->reg_access == FG_REG_WRITE)
			v = fg_slot_find(g, FG_SLOT_FX_CMD, k0, 2ull << 32 | c->reg, 0);
		if (!v && (c->devtype == FG_DEVTYPE_MLX5 || c->devtype == FG_DEVTYPE_PDS))
			v = fg_slot_find(g, FG_SLOT_FX_CMD, k0, 1ull << 32 |
					 (c->devtype == FG_DEVTYPE_MLX5 ? c->op_mod : c->endpoint), 0);
		if (!v)
			v = fg_slot_find(g, FG_SLOT_FX_CMD, k0, 0, 0);
	}
	if (v) {
		/* effects | 1 << 12 (an entry) | flags << 16: lower.c */
		c->effects = v & 0xfff;
		c->feat_flags = v >> 16;
	}
}

/* Which of the header's capabilities the caller holds, as the index of
 * caps_vec. Unused slots hold 64, whose bit 6 zeroes the term: no branches. */
static __always_inline __u32 fg_caps_index(const struct fg_gen_header *h, __u64 caps)
{
	__u64 idx = 0, c;
	__u32 i;

	for (i = 0; i < FG_GEN_MAX_CAPS; i++) {
		c = FG_READ(h->caps[i]);
		idx |= ((caps >> (c & 63)) & 1 & ~(c >> 6)) << i;
	}
	return (__u32)idx & ((1u << FG_GEN_MAX_CAPS) - 1);
}

/* Resolve (F, X) for one field into out; returns the field's summary. */
static __always_inline __u64 fg_fvec_set(const struct fg_gen *g, __u32 f, __u32 x,
					 struct fg_fvec *out)
{
	__u64 meta = g->pool[x & FG_POOL_MASK];

	out->f = (f + 1) & FG_POOL_MASK;
	out->xlo = meta & 0xffff;
	out->xn = (meta >> 16) & 0xffff;
	out->x = (x + 2 - out->xlo) & FG_POOL_MASK;
	return g->pool[f & FG_POOL_MASK] | g->pool[(x + 1) & FG_POOL_MASK];
}

static __always_inline void fg_no_policy(struct fg_verdict *v)
{
	fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
}

/* Whether some rule tests the field: read afresh each time, so that the
 * verifier keeps nothing of the answer (its states then join again). */
#define FG_TESTS(g, field)	(FG_READ((g)->hdr.fields) & (1u << (field)))

static __always_inline void fg_add(const struct fg_gen *g, struct fg_resolved *r, __u32 field,
				   __u32 f, __u32 x)
{
	__u32 i = r->n;

	/* A field no rule tests, or whose value here every rule accepts,
	 * tells no rule apart: left out of the search. */
	if (!FG_TESTS(g, field) || ((f | x) & FG_VEC_ALL) || i >= FG_F_MAX)
		return;
	r->sum &= fg_fvec_set(g, f, x, &r->v[i]);
	r->n = i + 1;
}

/*
 * word w of field k's F | X, ANDed into word. No branch: X's word is read
 * at any w and masked to zero outside lo .. lo + n - 1 (s = w - lo; in
 * range when s >= 0 and s - n < 0), so the verifier walks one path per
 * word. The field's offsets are read afresh each time (FG_READ): held in
 * registers across the loop, the 17 fields' would spill past BPF's
 * 512-byte stack.
 */
#define FG_AND_FIELD(k)								\
	do {									\
		const struct fg_fvec *fv = &r->v[k];				\
		__s64 s = (__s64)w - (__s64)FG_READ(fv->xlo);			\
		__s64 below = s >> 63;						\
		__s64 inside = (s - (__s64)FG_READ(fv->xn)) >> 63;		\
										\
		FG_OPAQUE(below);						\
		FG_OPAQUE(inside);						\
		word &= g->pool[(FG_READ(fv->f) + w) & FG_POOL_MASK] |		\
			(g->pool[(FG_READ(fv->x) + w) & FG_POOL_MASK] &		\
			 ~(__u64)below & (__u64)inside);			\
	} while (0)

/*
 * The first rule every resolved field lets match, or FG_RULE_NONE. The
 * summaries say which words can hold a match; try those, lowest first.
 * Each try is one AND across the fields the policy tests. For the
 * verifier, no branch inside a try and no lasting knowledge of the field
 * count (read afresh at each step), so that the ways out of the field loop
 * join again and each word is walked once. A global function: checked
 * once, apart from the resolving.
 */
__attribute__((noinline)) int fg_rule_search(const struct fg_gen *g, const struct fg_resolved *r)
{
	__u64 sum, word;
	__u32 i, k, w;

	if (!g || !r)
		return FG_RULE_NONE;
	sum = r->sum;
	if (g->hdr.nwords < 64)
		sum &= (1ull << g->hdr.nwords) - 1;
	for (i = 0; i < FG_VEC_WORDS && sum; i++) {
		w = fg_ctz64(sum);
		word = ~0ull;
#pragma clang loop unroll(disable)
		for (k = 0; k < FG_F_MAX; k++) {
			if (k >= FG_READ(r->n))
				break;
			FG_AND_FIELD(k);
		}
		if (word)
			return w * 64 + fg_ctz64(word);
		sum &= sum - 1;
	}
	return FG_RULE_NONE;
}

/*
 * Global function: the verifier checks it once, with its inputs unknown,
 * rather than once per path of each caller. Fills in->cmd's effects and
 * *v; returns 0, or -1 when an argument is NULL (cannot happen from our
 * callers).
 */
__attribute__((noinline)) int fg_engine_decide(struct fg_decide_in *in, struct fg_resolved *r,
					       struct fg_verdict *v)
{
	const struct fg_device *dev = NULL;
	const struct fg_devsel *sel;
	struct fg_cmd *c;
	const struct fg_gen *g;
	__u32 zero = 0, minor, devtype, status, eff, i, px, sx;
	__u64 k0, k1;
	void *inner;
	int rule = FG_RULE_NONE;

	if (!in || !r || !v)
		return -1;
	c = &in->cmd;
	v->permissive = 0;
	v->gen = 0;
	inner = bpf_map_lookup_elem(&fg_gens, &zero);
	g = inner ? bpf_map_lookup_elem(inner, &zero) : NULL;
	if (!g || g->hdr.version != FG_ABI_VERSION) {
		c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
		fg_no_policy(v);
		return 0;
	}
	v->gen = g->hdr.gen;
	minor = in->req.minor;
	if (minor < FG_MAX_MINORS) {
		/* The registry names the device (parent, serial, CXL
		 * features) only while it is the device the file is: a
		 * minor taken over by another type is not it. */
		dev = bpf_map_lookup_elem(&fg_devices, &minor);
		if (dev && (!dev->devtype || dev->devtype != in->req.devtype))
			dev = NULL;
	}
	/* An ioctl other than FWCTL_RPC has no command to have effects. */
	if (in->req.ioctl == FG_FWCTL_RPC)
		fg_engine_effects(g, dev, c);
	else
		c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	if (fg_request_malformed(&in->req)) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
		goto mode;
	}
	devtype = fg_devtype_index(in->req.devtype);
	status = c->status < FG_DECODE_STATUS_MAX ? c->status : FG_DECODE_MALFORMED;
	eff = c->effects & 0xfff;
	/* The registry's parent and serial for this generation (not filled
	 * for it: nothing named), as values, so that no pointer-or-NULL state
	 * lasts through the function. */
	px = sx = FG_GEN_EMPTY_VEC;
	sel = dev ? &dev->sel[g->hdr.gen & 1] : NULL;
	if (sel && sel->gen == g->hdr.gen) {
		px = sel->parent_x;
		sx = sel->serial_x;
	}

	r->n = 0;
	r->sum = ~0ull;
	fg_add(g, r, FG_F_TYPE, g->type_vec[devtype & (FG_GEN_TYPES - 1)],
	       FG_GEN_EMPTY_VEC);
	fg_add(g, r, FG_F_NODE, g->wild[FG_F_NODE],
	       minor < FG_MAX_MINORS ? g->node_x[minor & (FG_MAX_MINORS - 1)] : FG_GEN_EMPTY_VEC);
	fg_add(g, r, FG_F_PARENT, g->wild[FG_F_PARENT], px);
	fg_add(g, r, FG_F_SERIAL, g->wild[FG_F_SERIAL], sx);
	/* A scope out of range is malformed: decided above. */
	i = fg_request_scope(&in->req);
	i = i < FG_SCOPE_MAX ? i * FG_DECODE_STATUS_MAX + status : 0;
	/* A mask, not a compare the compiler may prove away: the table has
	 * a power-of-two size (fwctl_guard.h asserts it). */
	FG_OPAQUE(i);
	fg_add(g, r, FG_F_REQUEST, g->req_vec[i & (FG_SCOPE_MAX * FG_DECODE_STATUS_MAX - 1)],
	       FG_GEN_EMPTY_VEC);
	if (FG_TESTS(g, FG_F_OPCODE))
		fg_add(g, r, FG_F_OPCODE, g->wild[FG_F_OPCODE],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_OPCODE,
				    (__u64)c->devtype << 32 | c->opcode, 0, FG_GEN_EMPTY_VEC));
	if (FG_TESTS(g, FG_F_FEATURE)) {
		fg_key16(c->uuid, &k0, &k1);
		fg_add(g, r, FG_F_FEATURE, g->wild[FG_F_FEATURE],
		       FG_READ(c->has_uuid) ? fg_slot_find(g, FG_SLOT_FIELD + FG_F_FEATURE, k0, k1,
							   FG_GEN_EMPTY_VEC) : FG_GEN_EMPTY_VEC);
	}
	fg_add(g, r, FG_F_EFFECT_ANY, g->eff_vec[0][eff & 0x3f], g->eff_vec[1][eff >> 6]);
	fg_add(g, r, FG_F_EFFECT_ALL_LO, g->eff_vec[2][eff & 0x3f], FG_GEN_EMPTY_VEC);
	fg_add(g, r, FG_F_EFFECT_ALL_HI, g->eff_vec[3][eff >> 6], FG_GEN_EMPTY_VEC);
	if (FG_TESTS(g, FG_F_UID))
		fg_add(g, r, FG_F_UID, g->wild[FG_F_UID],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_UID, in->caller.uid, 0,
				    FG_GEN_EMPTY_VEC));
	if (FG_TESTS(g, FG_F_EUID))
		fg_add(g, r, FG_F_EUID, g->wild[FG_F_EUID],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_EUID, in->caller.euid, 0,
				    FG_GEN_EMPTY_VEC));
	if (FG_TESTS(g, FG_F_GID))
		fg_add(g, r, FG_F_GID, g->wild[FG_F_GID],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_GID, in->caller.gid, 0,
				    FG_GEN_EMPTY_VEC));
	if (FG_TESTS(g, FG_F_COMM)) {
		fg_key16((const __u8 *)in->caller.comm, &k0, &k1);
		fg_add(g, r, FG_F_COMM, g->wild[FG_F_COMM],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_COMM, k0, k1, FG_GEN_EMPTY_VEC));
	}
	if (FG_TESTS(g, FG_F_EXE))
		fg_add(g, r, FG_F_EXE, g->wild[FG_F_EXE],
		       FG_READ(in->caller.exe_ino) ?
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_EXE, in->caller.exe_ino,
				    in->caller.exe_dev, FG_GEN_EMPTY_VEC) : FG_GEN_EMPTY_VEC);
	if (FG_TESTS(g, FG_F_CGROUP))
		fg_add(g, r, FG_F_CGROUP, g->wild[FG_F_CGROUP],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_CGROUP, in->caller.cgroup_id, 0,
				    FG_GEN_EMPTY_VEC));
	fg_add(g, r, FG_F_CAPS, g->caps_vec[fg_caps_index(&g->hdr, in->caller.caps)],
	       FG_GEN_EMPTY_VEC);
	/* Rules without an ioctl condition are listed under FWCTL_RPC. */
	if (FG_TESTS(g, FG_F_IOCTL))
		fg_add(g, r, FG_F_IOCTL, g->wild[FG_F_IOCTL],
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_IOCTL, in->req.ioctl, 0,
				    FG_GEN_EMPTY_VEC));
	if (FG_TESTS(g, FG_F_REG))
		fg_add(g, r, FG_F_REG, g->wild[FG_F_REG],
		       FG_READ(c->reg_access) ?
		       fg_slot_find(g, FG_SLOT_FIELD + FG_F_REG, c->reg, 0, FG_GEN_EMPTY_VEC) :
		       FG_GEN_EMPTY_VEC);
	i = c->reg_access < FG_REG_ACCESS_MAX ? c->reg_access : FG_REG_NONE;
	fg_add(g, r, FG_F_REG_ACCESS, g->regacc_vec[i & 3], FG_GEN_EMPTY_VEC);

	/* Only rules naming an ioctl judge the others: with none, no search. */
	if (in->req.ioctl == FG_FWCTL_RPC || FG_TESTS(g, FG_F_IOCTL))
		rule = fg_rule_search(g, r);
	if (rule != FG_RULE_NONE && (__u32)rule < g->hdr.nrules) {
		__u32 rr = (__u32)rule & (FG_MAX_RULES - 1);

		fg_verdict_set(v, g->actions[rr], FG_REASON_RULE, (int)rr);
	} else {
		fg_decide_fallback(g->hdr.default_action, g->hdr.unknown_device_action, &in->req,
				   status, v);
	}
mode:
	if (g->hdr.mode == FG_MODE_PERMISSIVE && v->action == FG_ACTION_DENY)
		v->permissive = 1;
	return 0;
}

#endif /* FG_ENGINE_BPF_H */
