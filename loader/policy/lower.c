// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lowering a checked policy into a generation: for each field the kernel
 * compares, one rule bit vector per value some rule names, plus the
 * field's wildcard (the rules without a condition on it). Rule r's bit is
 * set in a value's vector when rule r's condition on that field holds for
 * the value, so the AND of a request's vectors holds the rules that match
 * it, and its lowest bit the one that decides.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "policy/lower.h"

struct lower {
	const struct fg_program *prog;
	struct fg_gen_image *img;
	struct fg_err *err;
};

/* One (value, rule) pair: rule lists value in its condition on key.dim. */
struct pair {
	struct fg_gen_key key;
	__u32 rule;
};

static void vec_set(struct fg_vec *v, size_t rule)
{
	v->w[rule / 64] |= 1ull << (rule % 64);
}

void fg_vec_summarize(struct fg_vec *v)
{
	unsigned int i;

	v->summary = 0;
	for (i = 0; i < FG_VEC_WORDS; i++)
		if (v->w[i])
			v->summary |= 1ull << i;
}

static void vec_and(struct fg_vec *a, const struct fg_vec *b)
{
	unsigned int i;

	for (i = 0; i < FG_VEC_WORDS; i++)
		a->w[i] &= b->w[i];
}

/* raw: val is not a rule vector (header, rule info, actions): no summary. */
static int emit_val(struct lower *L, const struct fg_gen_key *key, const struct fg_vec *val,
		    bool raw)
{
	struct fg_gen_image *img = L->img;
	struct fg_gen_entry *grown;

	if (img->n >= FG_GEN_MAX_ENTRIES)
		return fg_errf(L->err, -E2BIG, "the policy needs more than %d map entries "
			       "(rules x distinct values); split or simplify it",
			       FG_GEN_MAX_ENTRIES);
	if (img->n == img->cap) {
		size_t cap = img->cap ? img->cap * 2 : 256;

		grown = realloc(img->e, cap * sizeof(*grown));
		if (!grown)
			return fg_errf(L->err, -ENOMEM, "generation image");
		img->e = grown;
		img->cap = cap;
	}
	img->e[img->n].key = *key;
	img->e[img->n].val = *val;
	if (!raw)
		fg_vec_summarize(&img->e[img->n].val);
	img->n++;
	return 0;
}

static int emit(struct lower *L, const struct fg_gen_key *key, const struct fg_vec *val)
{
	return emit_val(L, key, val, false);
}

static int emit_raw(struct lower *L, __u32 dim, __u64 index, const void *val, size_t len)
{
	struct fg_gen_key k = { .dim = dim, .index = index };
	struct fg_vec v = {};

	memcpy(&v, val, len);
	return emit_val(L, &k, &v, true);
}

static int emit_index(struct lower *L, __u32 dim, __u64 index, const struct fg_vec *val)
{
	struct fg_gen_key k = { .dim = dim, .index = index };

	return emit(L, &k, val);
}

static int emit_wild(struct lower *L, __u32 dim, const struct fg_vec *val)
{
	struct fg_gen_key k = { .dim = dim, .flags = FG_KEY_WILDCARD };

	return emit(L, &k, val);
}

static int cmp_key(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct fg_gen_key));
}

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = cmp_key(&x->key, &y->key);

	return c ? c : (x->rule > y->rule) - (x->rule < y->rule);
}

/* Pairs of the listed-values fields, one growing array per field. */
struct pairs {
	struct pair *p;
	size_t n, cap;
};

static int pair_add(struct lower *L, struct pairs *ps, const struct fg_gen_key *key, size_t rule)
{
	struct pair *grown;

	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;

		grown = realloc(ps->p, cap * sizeof(*grown));
		if (!grown)
			return fg_errf(L->err, -ENOMEM, "policy values");
		ps->p = grown;
		ps->cap = cap;
	}
	ps->p[ps->n].key = *key;
	ps->p[ps->n].rule = rule;
	ps->n++;
	return 0;
}

static void key_str(struct fg_gen_key *k, __u32 dim, const char *s)
{
	memset(k, 0, sizeof(*k));
	k->dim = dim;
	strncpy((char *)k->data, s, sizeof(k->data) - 1);
}

static void key_index(struct fg_gen_key *k, __u32 dim, __u64 index)
{
	memset(k, 0, sizeof(*k));
	k->dim = dim;
	k->index = index;
}

/*
 * The (value, rule) pairs of one listed-values field, and whether rule r
 * has a condition on it. Items that resolved to nothing (an exe or cgroup
 * path that did not exist) give no pair: the rule keeps its condition and
 * cannot match.
 */
static int collect(struct lower *L, __u32 dim, size_t r, struct pairs *ps, bool *has)
{
	const struct fg_ir_rule *rule = &L->prog->rules[r];
	struct fg_gen_key k;
	size_t i;
	int ret = 0;

#define LIST_STR(field, n)						\
	do {								\
		*has = rule->n > 0;					\
		for (i = 0; i < rule->n && !ret; i++) {			\
			key_str(&k, dim, rule->field[i]);		\
			ret = pair_add(L, ps, &k, r);			\
		}							\
	} while (0)
#define LIST_IDX(field, n)						\
	do {								\
		*has = rule->n > 0;					\
		for (i = 0; i < rule->n && !ret; i++) {			\
			key_index(&k, dim, rule->field[i]);		\
			ret = pair_add(L, ps, &k, r);			\
		}							\
	} while (0)

	switch (dim) {
	case FG_DIM_OPCODE:
		*has = rule->ncmds > 0;
		for (i = 0; i < rule->ncmds && !ret; i++) {
			key_index(&k, dim, (__u64)rule->cmds[i].devtype << 32 | rule->cmds[i].opcode);
			ret = pair_add(L, ps, &k, r);
		}
		break;
	case FG_DIM_FEATURE:
		*has = rule->nfeatures > 0;
		for (i = 0; i < rule->nfeatures && !ret; i++) {
			key_index(&k, dim, 0);
			memcpy(k.data, rule->features[i], 16);
			ret = pair_add(L, ps, &k, r);
		}
		break;
	case FG_DIM_NODE:
		LIST_STR(nodes, nnodes);
		break;
	case FG_DIM_PARENT:
		LIST_STR(parents, nparents);
		break;
	case FG_DIM_SERIAL:
		LIST_STR(serials, nserials);
		break;
	case FG_DIM_COMM:
		LIST_STR(comms, ncomms);
		break;
	case FG_DIM_UID:
		LIST_IDX(uids, nuids);
		break;
	case FG_DIM_EUID:
		LIST_IDX(euids, neuids);
		break;
	case FG_DIM_GID:
		LIST_IDX(gids, ngids);
		break;
	case FG_DIM_EXE:
		*has = rule->nexes > 0;
		for (i = 0; i < rule->nexes && !ret; i++) {
			if (!rule->exes[i].ino)
				continue;
			key_index(&k, dim, rule->exes[i].ino);
			memcpy(k.data, &rule->exes[i].dev, sizeof(rule->exes[i].dev));
			ret = pair_add(L, ps, &k, r);
		}
		break;
	case FG_DIM_CGROUP:
		*has = rule->ncgroups > 0;
		for (i = 0; i < rule->ncgroups && !ret; i++) {
			if (!rule->cgroups[i].id)
				continue;
			key_index(&k, dim, rule->cgroups[i].id);
			ret = pair_add(L, ps, &k, r);
		}
		break;
	default:
		*has = false;
	}
#undef LIST_STR
#undef LIST_IDX
	return ret;
}

/* Fields whose values the rules list; the device parts are always written
 * (a refresh needs them), the others only when some rule tests them. */
static const __u32 listed_dims[] = {
	FG_DIM_OPCODE, FG_DIM_FEATURE, FG_DIM_UID, FG_DIM_EUID, FG_DIM_GID, FG_DIM_COMM,
	FG_DIM_EXE, FG_DIM_CGROUP, FG_DIM_NODE, FG_DIM_PARENT, FG_DIM_SERIAL,
};

static int lower_listed(struct lower *L, __u32 dim)
{
	struct pairs ps = {};
	struct fg_vec wild = {}, v;
	size_t r, i, j;
	bool has, any = false;
	int ret = 0;

	for (r = 0; r < L->prog->nrules && !ret; r++) {
		ret = collect(L, dim, r, &ps, &has);
		if (has)
			any = true;
		else
			vec_set(&wild, r);
	}
	/* A dim no rule tests still gets its wildcard (every rule): the
	 * engine looks it up rather than alias one all-ones vector. */
	if (ret)
		goto out;
	if (any)
		L->img->hdr.dims |= 1u << dim;
	if (ps.n)
		qsort(ps.p, ps.n, sizeof(*ps.p), cmp_pair);
	for (i = 0; i < ps.n && !ret; i = j) {
		v = wild;
		for (j = i; j < ps.n && !cmp_key(&ps.p[j].key, &ps.p[i].key); j++)
			vec_set(&v, ps.p[j].rule);
		ret = emit(L, &ps.p[i].key, &v);
	}
	if (!ret)
		ret = emit_wild(L, dim, &wild);
out:
	free(ps.p);
	return ret;
}

static int lower_devtypes(struct lower *L)
{
	struct fg_vec v;
	__u32 t;
	size_t r;
	int ret = 0;

	for (t = 0; t < FG_DEVTYPE_MAX && !ret; t++) {
		memset(&v, 0, sizeof(v));
		for (r = 0; r < L->prog->nrules; r++)
			if (L->prog->rules[r].devtypes & (1u << t))
				vec_set(&v, r);
		ret = emit_index(L, FG_DIM_DEVTYPE, t, &v);
	}
	return ret;
}

static int lower_request(struct lower *L)
{
	const struct fg_ir_rule *rule;
	struct fg_vec v;
	__u32 scope, st;
	size_t r;
	int ret = 0;

	for (scope = 0; scope < FG_SCOPE_MAX; scope++) {
		for (st = 0; st < FG_DECODE_STATUS_MAX && !ret; st++) {
			memset(&v, 0, sizeof(v));
			for (r = 0; r < L->prog->nrules; r++) {
				rule = &L->prog->rules[r];
				if ((rule->scopes & (1u << scope)) && (rule->statuses & (1u << st)))
					vec_set(&v, r);
			}
			ret = emit_index(L, FG_DIM_REQUEST, scope * FG_DECODE_STATUS_MAX + st, &v);
		}
	}
	return ret;
}

/*
 * Effects are 12 bits, looked up as two 6-bit halves: a rule's any-of
 * holds when it holds on either half (the engine ORs the two), its all-of
 * when it holds on both (ANDed).
 */
static int lower_effects(struct lower *L, const struct fg_vec *ones)
{
	const struct fg_ir_rule *rule;
	struct fg_vec any_lo, any_hi, all_lo, all_hi;
	bool used = false;
	__u32 x, lo, hi;
	size_t r;
	int ret = 0;

	for (r = 0; r < L->prog->nrules; r++)
		if (L->prog->rules[r].effects_any || L->prog->rules[r].effects_all)
			used = true;
	if (!used)
		return emit_wild(L, FG_DIM_EFFECTS_ANY_LO, ones) ?:
		       emit_wild(L, FG_DIM_EFFECTS_ANY_HI, ones) ?:
		       emit_wild(L, FG_DIM_EFFECTS_ALL_LO, ones) ?:
		       emit_wild(L, FG_DIM_EFFECTS_ALL_HI, ones);
	L->img->hdr.dims |= 1u << FG_DIM_EFFECTS_ANY_LO | 1u << FG_DIM_EFFECTS_ANY_HI |
			    1u << FG_DIM_EFFECTS_ALL_LO | 1u << FG_DIM_EFFECTS_ALL_HI;
	for (x = 0; x < 64 && !ret; x++) {
		memset(&any_lo, 0, sizeof(any_lo));
		memset(&any_hi, 0, sizeof(any_hi));
		memset(&all_lo, 0, sizeof(all_lo));
		memset(&all_hi, 0, sizeof(all_hi));
		for (r = 0; r < L->prog->nrules; r++) {
			rule = &L->prog->rules[r];
			if (!rule->effects_any || (rule->effects_any & x))
				vec_set(&any_lo, r);
			if (rule->effects_any & (x << 6))
				vec_set(&any_hi, r);
			lo = rule->effects_all & 0x3f;
			hi = (rule->effects_all >> 6) & 0x3f;
			if ((lo & x) == lo && !(rule->effects_all >> 12))
				vec_set(&all_lo, r);
			if ((hi & x) == hi)
				vec_set(&all_hi, r);
		}
		ret = emit_index(L, FG_DIM_EFFECTS_ANY_LO, x, &any_lo);
		if (!ret)
			ret = emit_index(L, FG_DIM_EFFECTS_ANY_HI, x, &any_hi);
		if (!ret)
			ret = emit_index(L, FG_DIM_EFFECTS_ALL_LO, x, &all_lo);
		if (!ret)
			ret = emit_index(L, FG_DIM_EFFECTS_ALL_HI, x, &all_hi);
	}
	return ret;
}

/* The capabilities the rules test become the header's list; the index is
 * the subset of them the caller holds. */
static int lower_caps(struct lower *L, const struct fg_vec *ones)
{
	struct fg_gen_header *h = &L->img->hdr;
	__u64 all = 0, held;
	struct fg_vec v;
	__u32 cap, idx, i;
	size_t r;
	int ret = 0;

	for (r = 0; r < L->prog->nrules; r++)
		all |= L->prog->rules[r].caps;
	if (!all)
		return emit_wild(L, FG_DIM_CAPS, ones);
	memset(h->caps, 64, sizeof(h->caps));	/* unused slots: see fg_caps_index */
	for (cap = 0; cap < 64; cap++) {
		if (!(all & (1ull << cap)))
			continue;
		if (h->ncaps == FG_GEN_MAX_CAPS)
			return fg_errf(L->err, -E2BIG, "the policy tests more than %d distinct "
				       "capabilities", FG_GEN_MAX_CAPS);
		h->caps[h->ncaps++] = cap;
	}
	h->dims |= 1u << FG_DIM_CAPS;
	for (idx = 0; idx < (1u << h->ncaps) && !ret; idx++) {
		held = 0;
		for (i = 0; i < h->ncaps; i++)
			if (idx & (1u << i))
				held |= 1ull << h->caps[i];
		memset(&v, 0, sizeof(v));
		for (r = 0; r < L->prog->nrules; r++)
			if (!L->prog->rules[r].caps || (L->prog->rules[r].caps & held))
				vec_set(&v, r);
		ret = emit_index(L, FG_DIM_CAPS, idx, &v);
	}
	return ret;
}

static int lower_actions(struct lower *L)
{
	struct fg_vec v;
	size_t r, chunk;
	int ret = 0;

	for (chunk = 0; chunk * FG_ACTIONS_PER_KEY < L->prog->nrules && !ret; chunk++) {
		memset(&v, 0, sizeof(v));
		for (r = chunk * FG_ACTIONS_PER_KEY;
		     r < L->prog->nrules && r < (chunk + 1) * FG_ACTIONS_PER_KEY; r++)
			((__u8 *)v.w)[r % FG_ACTIONS_PER_KEY] = L->prog->rules[r].action;
		ret = emit_raw(L, FG_DIM_ACTIONS, chunk, &v, sizeof(v));
	}
	return ret;
}

static size_t file_index(const struct fg_program *prog, const char *file)
{
	size_t i;

	for (i = 0; i < prog->nfiles; i++)
		if (prog->files[i] == file || (file && !strcmp(prog->files[i], file)))
			return i;
	return 0;
}

static int lower_rule_info(struct lower *L)
{
	const struct fg_ir_rule *rule;
	struct fg_rule_info info;
	size_t r;
	int ret = 0;

	for (r = 0; r < L->prog->nrules && !ret; r++) {
		rule = &L->prog->rules[r];
		memset(&info, 0, sizeof(info));
		info.line = rule->loc.line;
		info.file = file_index(L->prog, rule->loc.file);
		info.action = rule->action;
		strncpy(info.text, rule->text ? rule->text : "", sizeof(info.text) - 1);
		ret = emit_raw(L, FG_DIM_RULE_INFO, r, &info, sizeof(info));
	}
	return ret;
}

const struct fg_vec *fg_gen_image_get(const struct fg_gen_image *img,
				      const struct fg_gen_key *key)
{
	const struct fg_gen_entry *e = bsearch(key, img->e, img->n, sizeof(*img->e), cmp_key);

	return e ? &e->val : NULL;
}

static int image_get(void *ctx, const struct fg_gen_key *key, struct fg_vec *out)
{
	const struct fg_vec *v = fg_gen_image_get(ctx, key);

	if (!v)
		return -ENOENT;
	*out = *v;
	return 0;
}

/* out &= the vector of (dim, s), or of dim's wildcard if no rule names s. */
static int and_str(fg_gen_get_fn get, void *ctx, __u32 dim, const char *s, size_t len,
		   struct fg_vec *out)
{
	struct fg_gen_key k = { .dim = dim, .flags = FG_KEY_WILDCARD };
	struct fg_vec v;
	int ret = -ENOENT;

	if (s && s[0]) {
		key_index(&k, dim, 0);
		memcpy(k.data, s, strnlen(s, len < sizeof(k.data) ? len : sizeof(k.data)));
		ret = get(ctx, &k, &v);
		if (ret && ret != -ENOENT)
			return ret;
		key_index(&k, dim, 0);
		k.flags = FG_KEY_WILDCARD;
	}
	if (ret)
		ret = get(ctx, &k, &v);
	if (ret)
		return ret;
	vec_and(out, &v);
	return 0;
}

int fg_gen_device_vec(fg_gen_get_fn get, void *ctx, const struct fg_device *dev,
		      struct fg_vec *out)
{
	struct fg_gen_key k;
	int ret;

	key_index(&k, FG_DIM_DEVTYPE, dev ? dev->devtype : FG_DEVTYPE_UNKNOWN);
	ret = get(ctx, &k, out);
	if (!ret)
		ret = and_str(get, ctx, FG_DIM_NODE, dev ? dev->name : NULL, sizeof(dev->name), out);
	if (!ret)
		ret = and_str(get, ctx, FG_DIM_PARENT, dev ? dev->parent : NULL,
			      sizeof(dev->parent), out);
	if (!ret)
		ret = and_str(get, ctx, FG_DIM_SERIAL, dev ? dev->serial : NULL,
			      sizeof(dev->serial), out);
	if (!ret)
		fg_vec_summarize(out);
	return ret;
}

static void sort_image(struct fg_gen_image *img)
{
	qsort(img->e, img->n, sizeof(*img->e), cmp_key);
}

/* Devices last: their vectors are ANDed from the entries above. */
static int lower_devices(struct lower *L, const struct fg_devlist *devs)
{
	struct fg_vec *vecs;
	size_t i, n = devs ? devs->n : 0;
	int ret = 0;

	vecs = calloc(n + 1, sizeof(*vecs));
	if (!vecs)
		return fg_errf(L->err, -ENOMEM, "device vectors");
	sort_image(L->img);
	for (i = 0; i < n && !ret; i++)
		if (devs->devs[i].dev.devtype != FG_DEVTYPE_UNKNOWN)
			ret = fg_gen_device_vec(image_get, L->img, &devs->devs[i].dev, &vecs[i]);
	if (!ret)
		ret = fg_gen_device_vec(image_get, L->img, NULL, &vecs[n]);
	for (i = 0; i < n && !ret; i++)
		if (devs->devs[i].dev.devtype != FG_DEVTYPE_UNKNOWN)
			ret = emit_index(L, FG_DIM_DEVICE, devs->devs[i].minor, &vecs[i]);
	if (!ret)
		ret = emit_wild(L, FG_DIM_DEVICE, &vecs[n]);
	free(vecs);
	if (ret)
		return fg_errf(L->err, ret, "cannot compute the device vectors");
	return 0;
}

static void fill_header(struct lower *L, __u64 gen)
{
	const struct fg_program *prog = L->prog;
	struct fg_gen_header *h = &L->img->hdr;
	struct timespec ts;

	h->version = FG_ABI_VERSION;
	h->nrules = prog->nrules;
	h->gen = gen;
	clock_gettime(CLOCK_REALTIME, &ts);
	h->loaded_at_ns = (__u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	h->dims |= 1u << FG_DIM_HEADER | 1u << FG_DIM_ACTIONS | 1u << FG_DIM_RULE_INFO |
		   1u << FG_DIM_DEVICE | 1u << FG_DIM_REQUEST | 1u << FG_DIM_DEVTYPE;
	h->mode = prog->mode;
	h->default_action = prog->default_action;
	h->unknown_device_action = prog->unknown_device_action;
	h->tamper = prog->tamper;
	h->seal = prog->seal;
	memcpy(h->hash, prog->hash, sizeof(h->hash));
	snprintf(h->name, sizeof(h->name), "%s", prog->name);
	if (prog->nfiles)
		snprintf(h->source, sizeof(h->source), "%s", prog->files[0]);
}

int fg_policy_lower(const struct fg_program *prog, const struct fg_devlist *devs, __u64 gen,
		    struct fg_gen_image *img, struct fg_err *err)
{
	struct lower L = { .prog = prog, .img = img, .err = err };
	struct fg_vec ones = {};
	unsigned int i;
	size_t r;
	int ret;

	memset(img, 0, sizeof(*img));
	if (prog->nrules > FG_MAX_RULES)
		return fg_errf(err, -E2BIG, "%zu rules; at most %d", prog->nrules, FG_MAX_RULES);
	if (prog->mode >= FG_MODE_MAX || prog->default_action >= FG_ACTION_MAX ||
	    prog->unknown_device_action >= FG_ACTION_MAX ||
	    prog->tamper >= FG_TAMPER_ACTION_MAX || prog->seal >= FG_SEAL_MODE_MAX)
		return fg_errf(err, -EINVAL,
			       "policy with an invalid mode, default, tamper action or seal");
	for (r = 0; r < prog->nrules; r++)
		vec_set(&ones, r);
	ret = lower_devtypes(&L);
	if (!ret)
		ret = lower_request(&L);
	for (i = 0; i < sizeof(listed_dims) / sizeof(listed_dims[0]) && !ret; i++)
		ret = lower_listed(&L, listed_dims[i]);
	if (!ret)
		ret = lower_effects(&L, &ones);
	if (!ret)
		ret = lower_caps(&L, &ones);
	if (!ret)
		ret = lower_actions(&L);
	if (!ret)
		ret = lower_rule_info(&L);
	if (!ret)
		ret = lower_devices(&L, devs);
	if (ret) {
		fg_gen_image_free(img);
		return ret;
	}
	fill_header(&L, gen);
	ret = emit_raw(&L, FG_DIM_HEADER, 0, &img->hdr, sizeof(img->hdr));
	if (ret) {
		fg_gen_image_free(img);
		return ret;
	}
	sort_image(img);
	return 0;
}

void fg_gen_image_free(struct fg_gen_image *img)
{
	free(img->e);
	img->e = NULL;
	img->n = img->cap = 0;
}

void fg_gen_image_set_gen(struct fg_gen_image *img, __u64 gen)
{
	struct fg_gen_key key = { .dim = FG_DIM_HEADER };
	struct fg_vec *v;

	img->hdr.gen = gen;
	v = (struct fg_vec *)fg_gen_image_get(img, &key);
	if (v)
		memcpy(v, &img->hdr, sizeof(img->hdr));
}
