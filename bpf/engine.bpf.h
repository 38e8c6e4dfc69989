/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision engine: the active policy generation + one decoded request
 * -> verdict. Included by the guard's request path (bpf/ioctl.bpf.c) and by
 * the host-side test and benchmark programs (tests/bpf/), which define the
 * fg_gens map themselves, so that what the tests and the benchmark measure
 * is the code the LSM hook runs.
 *
 * The generation is a hash map of rule bit vectors (include/fwctl_guard.h,
 * "policy generations"), reached through the one-slot fg_gens
 * array-of-maps: a reload swaps the slot, and a decision that has looked up
 * the old map keeps reading it, whole, until it returns.
 *
 * Failure policy: no generation, a header of another ABI version, or a
 * generation missing a key the loader always writes: deny (reason
 * no-policy). Fall-backs after the rules: unreadable / malformed commands
 * denied, nodes the generation does not know get the unknown-device action.
 */
#ifndef FG_ENGINE_BPF_H
#define FG_ENGINE_BPF_H

#include "fwctl_guard.h"
#include "fwctl_guard_decide.h"
#include "maps.bpf.h"

/*
 * Index of the lowest set bit of x != 0, without branches: a chain of
 * compares would give the verifier one path (and one constant) per bit
 * position, in a loop, which it cannot prune. De Bruijn multiply and table.
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

/*
 * Open-coded numeric iterator (kernel 6.4+, every program type): the
 * verifier checks the loop body until its states converge instead of once
 * per iteration with the counter as a constant, which, times the paths that
 * reach the loop, exceeds its budget on some kernels. Declared here: the
 * UAPI headers this builds with may predate it.
 */
struct bpf_iter_num {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

/* A fresh load the verifier learns nothing lasting from: branching on a
 * value kept in a register would split its states for the rest of the
 * function. */
#define FG_READ(x)	(*(volatile typeof(x) *)&(x))

/*
 * The vector of rules that `dim` lets match for this value: the value's own
 * entry, else the dim's wildcard entry (rules without a condition on it;
 * for a dim no rule tests, every rule, looked up directly). NULL: the
 * generation lacks an entry the loader always writes; the caller denies.
 *
 * Every vector comes from its own lookup, never from a pointer shared by
 * several dims: the verifier tracks which pointers alias, and paths that
 * differ only in that would not merge (an exponential number of them).
 */
static __always_inline const struct fg_vec *fg_vec_of(void *gen, const struct fg_gen_header *h,
						       struct fg_gen_key *k, __u32 dim,
						       __u64 index, const void *data, __u32 len)
{
	const struct fg_vec *v;

	if (FG_READ(h->dims) & (1u << dim)) {
		__builtin_memset(k, 0, sizeof(*k));
		k->dim = dim;
		k->index = index;
		if (len)
			__builtin_memcpy(k->data, data, len);
		v = bpf_map_lookup_elem(gen, k);
		if (v)
			return v;
	}
	__builtin_memset(k, 0, sizeof(*k));
	k->dim = dim;
	k->flags = FG_KEY_WILDCARD;
	return bpf_map_lookup_elem(gen, k);
}

/* The wildcard vector of a dim, for a request without a value for it (no
 * feature UUID, no executable, a node the generation does not know). */
static __always_inline const struct fg_vec *fg_vec_none(void *gen, struct fg_gen_key *k, __u32 dim)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->dim = dim;
	k->flags = FG_KEY_WILDCARD;
	return bpf_map_lookup_elem(gen, k);
}

/* Which of the header's capabilities the caller holds, as FG_DIM_CAPS's
 * index. Unused slots hold 64, whose bit 6 zeroes the term: no branches. */
static __always_inline __u64 fg_caps_index(const struct fg_gen_header *h, __u64 caps)
{
	__u64 idx = 0, c;
	__u32 i;

	for (i = 0; i < FG_GEN_MAX_CAPS; i++) {
		c = FG_READ(h->caps[i]);
		idx |= ((caps >> (c & 63)) & 1 & ~(c >> 6)) << i;
	}
	return idx;
}

static __always_inline void fg_no_policy(struct fg_verdict *v)
{
	fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
}

/* Each vector is checked where it is looked up: a NULL carried to a later
 * check would keep the paths before it apart for the verifier. */
#define FG_VEC(var, expr)			\
	do {					\
		(var) = (expr);			\
		if (!(var))			\
			goto broken;		\
	} while (0)

/*
 * Global function: the verifier checks it once, with its inputs unknown,
 * rather than once per path of each caller. Fills *v; returns 0, or -1 when
 * an argument is NULL (cannot happen from our callers).
 */
__attribute__((noinline)) int fg_engine_decide(const struct fg_decide_in *in, struct fg_verdict *v)
{
	const struct fg_vec *dev, *req, *op, *feat, *any_lo, *any_hi, *all_lo, *all_hi;
	const struct fg_vec *uid, *euid, *gid, *comm, *exe, *cg, *caps;
	const struct fg_gen_header *h;
	struct fg_gen_key k = {};
	const struct fg_vec *act;
	__u32 zero = 0, devtype, status;
	struct bpf_iter_num it;
	__u64 sum, word;
	void *gen;
	int rule = FG_RULE_NONE;

	if (!in || !v)
		return -1;
	v->permissive = 0;
	v->gen = 0;
	gen = bpf_map_lookup_elem(&fg_gens, &zero);
	if (!gen) {
		fg_no_policy(v);
		return 0;
	}
	h = bpf_map_lookup_elem(gen, &k);	/* FG_DIM_HEADER, index 0 */
	if (!h || h->version != FG_ABI_VERSION) {
		fg_no_policy(v);
		return 0;
	}
	v->gen = h->gen;
	if (fg_request_malformed(&in->req)) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
		goto mode;
	}
	/* A node the generation has no vector for is an unknown device, even
	 * if the registry has caught up with it first. */
	devtype = in->req.devtype < FG_DEVTYPE_MAX ? in->req.devtype : FG_DEVTYPE_UNKNOWN;
	dev = NULL;
	if (devtype != FG_DEVTYPE_UNKNOWN) {
		k.dim = FG_DIM_DEVICE;
		k.index = in->req.minor;
		dev = bpf_map_lookup_elem(gen, &k);
	}
	if (!dev) {
		devtype = FG_DEVTYPE_UNKNOWN;
		FG_VEC(dev, fg_vec_none(gen, &k, FG_DIM_DEVICE));
	}
	status = in->cmd.status < FG_DECODE_STATUS_MAX ? in->cmd.status : FG_DECODE_MALFORMED;
	FG_VEC(req, fg_vec_of(gen, h, &k, FG_DIM_REQUEST, in->req.scope * FG_DECODE_STATUS_MAX + status,
			NULL, 0));
	FG_VEC(op, fg_vec_of(gen, h, &k, FG_DIM_OPCODE,
		       (__u64)in->cmd.devtype << 32 | in->cmd.opcode, NULL, 0));
	if (FG_READ(in->cmd.has_uuid))
		FG_VEC(feat, fg_vec_of(gen, h, &k, FG_DIM_FEATURE, 0, in->cmd.uuid, 16));
	else
		FG_VEC(feat, fg_vec_none(gen, &k, FG_DIM_FEATURE));
	FG_VEC(any_lo, fg_vec_of(gen, h, &k, FG_DIM_EFFECTS_ANY_LO, in->cmd.effects & 0x3f, NULL, 0));
	FG_VEC(any_hi, fg_vec_of(gen, h, &k, FG_DIM_EFFECTS_ANY_HI, (in->cmd.effects >> 6) & 0x3f,
			   NULL, 0));
	FG_VEC(all_lo, fg_vec_of(gen, h, &k, FG_DIM_EFFECTS_ALL_LO, in->cmd.effects & 0x3f, NULL, 0));
	FG_VEC(all_hi, fg_vec_of(gen, h, &k, FG_DIM_EFFECTS_ALL_HI, (in->cmd.effects >> 6) & 0x3f,
			   NULL, 0));
	FG_VEC(uid, fg_vec_of(gen, h, &k, FG_DIM_UID, in->caller.uid, NULL, 0));
	FG_VEC(euid, fg_vec_of(gen, h, &k, FG_DIM_EUID, in->caller.euid, NULL, 0));
	FG_VEC(gid, fg_vec_of(gen, h, &k, FG_DIM_GID, in->caller.gid, NULL, 0));
	FG_VEC(comm, fg_vec_of(gen, h, &k, FG_DIM_COMM, 0, in->caller.comm, FG_COMM_LEN));
	if (FG_READ(in->caller.exe_ino))
		FG_VEC(exe, fg_vec_of(gen, h, &k, FG_DIM_EXE, in->caller.exe_ino, &in->caller.exe_dev, 8));
	else
		FG_VEC(exe, fg_vec_none(gen, &k, FG_DIM_EXE));
	FG_VEC(cg, fg_vec_of(gen, h, &k, FG_DIM_CGROUP, in->caller.cgroup_id, NULL, 0));
	FG_VEC(caps, fg_vec_of(gen, h, &k, FG_DIM_CAPS, fg_caps_index(h, in->caller.caps), NULL, 0));

	/* The summaries say which words can hold a match; try those, lowest
	 * first. Each try is one AND across the fields. */
	sum = dev->summary & req->summary & op->summary & feat->summary &
	      (any_lo->summary | any_hi->summary) & all_lo->summary & all_hi->summary &
	      uid->summary & euid->summary & gid->summary & comm->summary & exe->summary &
	      cg->summary & caps->summary;
	bpf_iter_num_new(&it, 0, FG_VEC_WORDS);
	while (sum && bpf_iter_num_next(&it)) {
		__u32 w = fg_ctz64(sum) & (FG_VEC_WORDS - 1);

		word = dev->w[w] & req->w[w] & op->w[w] & feat->w[w] & (any_lo->w[w] | any_hi->w[w]) &
		       all_lo->w[w] & all_hi->w[w] & uid->w[w] & euid->w[w] & gid->w[w] &
		       comm->w[w] & exe->w[w] & cg->w[w] & caps->w[w];
		if (word) {
			rule = w * 64 + fg_ctz64(word);
			break;
		}
		sum &= sum - 1;
	}
	bpf_iter_num_destroy(&it);

	if (rule != FG_RULE_NONE && (__u32)rule < h->nrules) {
		__u32 r = (__u32)rule & (FG_MAX_RULES - 1);

		__builtin_memset(&k, 0, sizeof(k));
		k.dim = FG_DIM_ACTIONS;
		k.index = r / FG_ACTIONS_PER_KEY;
		act = bpf_map_lookup_elem(gen, &k);
		if (!act) {
			fg_no_policy(v);
			return 0;
		}
		fg_verdict_set(v, ((const __u8 *)act->w)[r % FG_ACTIONS_PER_KEY], FG_REASON_RULE,
			       (int)r);
	} else {
		fg_decide_fallback(h->default_action, h->unknown_device_action, devtype, status, v);
	}
mode:
	if (h->mode == FG_MODE_PERMISSIVE && v->action == FG_ACTION_DENY)
		v->permissive = 1;
	return 0;
broken:
	fg_no_policy(v);
	return 0;
}

#endif /* FG_ENGINE_BPF_H */
