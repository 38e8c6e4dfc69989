// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lowering a checked policy into a generation value (struct fg_gen): for
 * each field the engine compares, the vectors of the rules that field lets
 * match. A field's F is a full vector: the dense tables' entries (device
 * type, scope x decode status, effects, capabilities) and the field's
 * wildcard (the rules without a condition on it); X is the range-compressed
 * vector of the rules that list a value, reached through the slot table
 * (commands, features, caller identity), node_x (nodes, by minor) or the
 * registry (parent and serial: devkeys says which value has which X). Rule
 * r's bit is set where rule r's condition holds, so the AND of a request's
 * F | X over the fields holds the rules that match it, and its lowest bit
 * the one that decides.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fwctl_guard_decide.h"
#include "policy/image.h"
#include "policy/lower.h"

struct lower {
	const struct fg_program *prog;
	struct fg_image im;
	struct fg_gen *g;
	struct fg_err *err;
	size_t ndevkeys;
};

/* Does a | b (b may be NULL) hold every rule of the policy? */
static bool all_rules(const struct lower *L, const struct fg_bits *a, const struct fg_bits *b)
{
	size_t n = L->prog->nrules, w;
	__u64 want, got;

	if (!n)
		return false;
	for (w = 0; w * 64 < n; w++) {
		want = n - w * 64 >= 64 ? ~0ull : (1ull << (n - w * 64)) - 1;
		got = a->w[w] | (b ? b->w[w] : 0);
		if ((got & want) != want)
			return false;
	}
	return true;
}

/* A full vector's offset, FG_VEC_ALL set where it holds every rule. */
static int full_vec(struct lower *L, const struct fg_bits *b, __u32 *off)
{
	int ret = fg_image_full(&L->im, b, off);

	if (!ret && all_rules(L, b, NULL))
		*off |= FG_VEC_ALL;
	return ret;
}

/* One (value, rule) pair of a listed field. */
struct pair {
	__u64 k0, k1;
	char s[32];		/* parent, serial */
	__u32 rule;
};

struct pairs {
	struct pair *p;
	size_t n, cap;
};

static int pair_add(struct lower *L, struct pairs *ps, const struct pair *p)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;
		struct pair *grown = realloc(ps->p, cap * sizeof(*grown));

		if (!grown)
			return fg_errf(L->err, -ENOMEM, "policy values");
		ps->p = grown;
		ps->cap = cap;
	}
	ps->p[ps->n++] = *p;
	return 0;
}

static int cmp_value(const struct pair *x, const struct pair *y)
{
	if (x->k0 != y->k0)
		return x->k0 < y->k0 ? -1 : 1;
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	return strncmp(x->s, y->s, sizeof(x->s));
}

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = cmp_value(x, y);

	return c ? c : (x->rule > y->rule) - (x->rule < y->rule);
}

static void pair_str(struct pair *p, const char *s, size_t rule)
{
	memset(p, 0, sizeof(*p));
	strncpy(p->s, s, sizeof(p->s) - 1);
	p->rule = rule;
}

static void pair_key(struct pair *p, __u64 k0, __u64 k1, size_t rule)
{
	memset(p, 0, sizeof(*p));
	p->k0 = k0;
	p->k1 = k1;
	p->rule = rule;
}

/* 16 bytes (a UUID, a comm NUL-padded as the kernel gives it) as a key. */
static void pair_bytes(struct pair *p, const void *b, size_t n, size_t rule)
{
	__u8 buf[16] = {};

	memcpy(buf, b, n < sizeof(buf) ? n : sizeof(buf));
	memset(p, 0, sizeof(*p));
	memcpy(&p->k0, buf, 8);
	memcpy(&p->k1, buf + 8, 8);
	p->rule = rule;
}

/* "fwctl<minor>" -> minor; -1 for any other name (no fwctl node has it). */
static long node_minor(const char *name)
{
	char *end;
	long m;

	if (strncmp(name, "fwctl", 5) || name[5] < '0' || name[5] > '9')
		return -1;
	m = strtol(name + 5, &end, 10);
	return *end || m >= FG_MAX_MINORS || (name[5] == '0' && name[6]) ? -1 : m;
}

/*
 * The (value, rule) pairs of one listed field, and whether rule r has a
 * condition on it. Items that resolved to nothing (an exe or cgroup path
 * that did not exist, a node no fwctl device can have) give no pair: the
 * rule keeps its condition and cannot match.
 */
static int collect(struct lower *L, __u32 field, size_t r, struct pairs *ps, bool *has)
{
	const struct fg_ir_rule *rule = &L->prog->rules[r];
	struct pair p;
	size_t i;
	long m;
	int ret = 0;

#define LIST(n, make)							\
	do {								\
		*has = rule->n > 0;					\
		for (i = 0; i < rule->n && !ret; i++) {			\
			make;						\
			ret = pair_add(L, ps, &p);			\
		}							\
	} while (0)

	switch (field) {
	case FG_F_NODE:
		*has = rule->nnodes > 0;
		for (i = 0; i < rule->nnodes && !ret; i++) {
			m = node_minor(rule->nodes[i]);
			if (m < 0)
				continue;
			pair_key(&p, m, 0, r);
			ret = pair_add(L, ps, &p);
		}
		break;
	case FG_F_PARENT:
		LIST(nparents, pair_str(&p, rule->parents[i], r));
		break;
	case FG_F_SERIAL:
		LIST(nserials, pair_str(&p, rule->serials[i], r));
		break;
	case FG_F_OPCODE:
		LIST(ncmds, pair_key(&p, (__u64)rule->cmds[i].devtype << 32 | rule->cmds[i].opcode,
				     0, r));
		break;
	case FG_F_FEATURE:
		LIST(nfeatures, pair_bytes(&p, rule->features[i], 16, r));
		break;
	case FG_F_UID:
		LIST(nuids, pair_key(&p, rule->uids[i], 0, r));
		break;
	case FG_F_EUID:
		LIST(neuids, pair_key(&p, rule->euids[i], 0, r));
		break;
	case FG_F_GID:
		LIST(ngids, pair_key(&p, rule->gids[i], 0, r));
		break;
	case FG_F_COMM:
		LIST(ncomms, pair_bytes(&p, rule->comms[i], strnlen(rule->comms[i], 16), r));
		break;
	case FG_F_EXE:
		*has = rule->nexes > 0;
		for (i = 0; i < rule->nexes && !ret; i++) {
			if (!rule->exes[i].ino)
				continue;
			pair_key(&p, rule->exes[i].ino, rule->exes[i].dev, r);
			ret = pair_add(L, ps, &p);
		}
		break;
	case FG_F_IOCTL:
		/* Every rule has one: without a condition, FWCTL_RPC. */
		*has = true;
		if (!rule->nioctls) {
			pair_key(&p, FG_FWCTL_RPC, 0, r);
			ret = pair_add(L, ps, &p);
		}
		for (i = 0; i < rule->nioctls && !ret; i++) {
			pair_key(&p, rule->ioctls[i], 0, r);
			ret = pair_add(L, ps, &p);
		}
		break;
	case FG_F_REG:
		LIST(nregs, pair_key(&p, rule->regs[i], 0, r));
		break;
	case FG_F_CGROUP:
		*has = rule->ncgroups > 0;
		for (i = 0; i < rule->ncgroups && !ret; i++) {
			if (!rule->cgroups[i].id)
				continue;
			pair_key(&p, rule->cgroups[i].id, 0, r);
			ret = pair_add(L, ps, &p);
		}
		break;
	default:
		*has = false;
	}
#undef LIST
	return ret;
}

/* Where a listed value's X goes: the slot table, node_x or devkeys. */
static int put_value(struct lower *L, __u32 field, const struct pair *p, __u32 x)
{
	struct fg_devkey *k;

	switch (field) {
	case FG_F_NODE:
		L->g->node_x[p->k0] = x;
		return 0;
	case FG_F_PARENT:
	case FG_F_SERIAL:
		if (L->ndevkeys == FG_GEN_DEVKEYS)
			return fg_err_set(L->err, -E2BIG, "the policy names more than %d parent "
					  "and serial values", FG_GEN_DEVKEYS);
		k = &L->g->devkeys[L->ndevkeys++];
		k->field = field;
		k->x = x;
		memcpy(k->value, p->s, sizeof(k->value));
		return 0;
	default:
		return fg_image_slot(&L->im, FG_SLOT_FIELD + field, p->k0, p->k1, x);
	}
}

/* Fields whose values the rules list. */
static const __u32 listed_fields[] = {
	FG_F_NODE, FG_F_PARENT, FG_F_SERIAL, FG_F_OPCODE, FG_F_FEATURE, FG_F_UID, FG_F_EUID,
	FG_F_GID, FG_F_COMM, FG_F_EXE, FG_F_CGROUP, FG_F_IOCTL, FG_F_REG,
};

/* Whether some rule really names the field (IOCTL: every rule has a value,
 * but only a rule with a condition makes the field one to test). */
static bool field_named(const struct fg_program *prog, __u32 field)
{
	size_t r;

	if (field != FG_F_IOCTL)
		return true;
	for (r = 0; r < prog->nrules; r++)
		if (prog->rules[r].nioctls)
			return true;
	return false;
}

static int lower_listed(struct lower *L, __u32 field)
{
	struct pairs ps = {};
	struct fg_bits wild = {}, v;
	size_t r, i, j;
	bool has, any = false;
	__u32 x;
	int ret = 0;

	for (r = 0; r < L->prog->nrules && !ret; r++) {
		ret = collect(L, field, r, &ps, &has);
		if (has)
			any = true;
		else
			fg_bits_set(&wild, r);
	}
	if (ret || !any || !field_named(L->prog, field))
		goto out;
	L->g->hdr.fields |= 1u << field;
	ret = fg_image_full(&L->im, &wild, &L->g->wild[field]);
	if (ps.n)
		qsort(ps.p, ps.n, sizeof(*ps.p), cmp_pair);
	for (i = 0; i < ps.n && !ret; i = j) {
		memset(&v, 0, sizeof(v));
		for (j = i; j < ps.n && !cmp_value(&ps.p[j], &ps.p[i]); j++)
			fg_bits_set(&v, ps.p[j].rule);
		ret = fg_image_x(&L->im, &v, &x);
		if (!ret && all_rules(L, &wild, &v))
			x |= FG_VEC_ALL;
		if (!ret)
			ret = put_value(L, field, &ps.p[i], x);
	}
out:
	free(ps.p);
	return ret;
}

static int lower_types(struct lower *L)
{
	struct fg_bits v;
	__u32 t;
	size_t r;
	int ret = 0;

	/* Type t's vector: the rules naming t, and for a type the guard
	 * does not decode (0, 5 and up), the rules naming `unknown` (bit 0). */
	for (t = 0; t < FG_GEN_TYPES && !ret; t++) {
		memset(&v, 0, sizeof(v));
		for (r = 0; r < L->prog->nrules; r++)
			if ((L->prog->rules[r].devtypes & (1u << t)) ||
			    (!fg_devtype_known(t) && (L->prog->rules[r].devtypes & 1u)))
				fg_bits_set(&v, r);
		ret = full_vec(L, &v, &L->g->type_vec[t]);
	}
	return ret;
}

static int lower_request(struct lower *L)
{
	const struct fg_ir_rule *rule;
	struct fg_bits v;
	__u32 scope, st;
	size_t r;
	int ret = 0;

	for (scope = 0; scope < FG_SCOPE_MAX; scope++) {
		for (st = 0; st < FG_DECODE_STATUS_MAX && !ret; st++) {
			memset(&v, 0, sizeof(v));
			for (r = 0; r < L->prog->nrules; r++) {
				rule = &L->prog->rules[r];
				if ((rule->scopes & (1u << scope)) && (rule->statuses & (1u << st)))
					fg_bits_set(&v, r);
			}
			ret = full_vec(L, &v, &L->g->req_vec[scope * FG_DECODE_STATUS_MAX + st]);
		}
	}
	return ret;
}

/*
 * Effects are 12 bits, looked up as two 6-bit halves: a rule's any-of
 * holds when it holds on either half (the engine ORs F, the low half, with
 * X, the high half), its all-of when it holds on both (two fields).
 */
static int lower_effects(struct lower *L)
{
	const struct fg_ir_rule *rule;
	struct fg_bits any_lo, any_hi, all_lo, all_hi;
	bool any = false, all = false;
	__u32 x, lo, hi;
	size_t r;
	int ret = 0;

	for (r = 0; r < L->prog->nrules; r++) {
		any |= L->prog->rules[r].effects_any != 0;
		all |= L->prog->rules[r].effects_all != 0;
	}
	if (any)
		L->g->hdr.fields |= 1u << FG_F_EFFECT_ANY;
	if (all)
		L->g->hdr.fields |= 1u << FG_F_EFFECT_ALL_LO | 1u << FG_F_EFFECT_ALL_HI;
	for (x = 0; x < 64 && !ret && (any || all); x++) {
		memset(&any_lo, 0, sizeof(any_lo));
		memset(&any_hi, 0, sizeof(any_hi));
		memset(&all_lo, 0, sizeof(all_lo));
		memset(&all_hi, 0, sizeof(all_hi));
		for (r = 0; r < L->prog->nrules; r++) {
			rule = &L->prog->rules[r];
			if (!rule->effects_any || (rule->effects_any & x))
				fg_bits_set(&any_lo, r);
			if (rule->effects_any & (x << 6))
				fg_bits_set(&any_hi, r);
			lo = rule->effects_all & 0x3f;
			hi = (rule->effects_all >> 6) & 0x3f;
			if ((lo & x) == lo && !(rule->effects_all >> 12))
				fg_bits_set(&all_lo, r);
			if ((hi & x) == hi)
				fg_bits_set(&all_hi, r);
		}
		/* any: F (low half) | X (high half), each flagged when it
		 * alone holds every rule. */
		ret = full_vec(L, &any_lo, &L->g->eff_vec[0][x]) ?:
		      fg_image_x(&L->im, &any_hi, &L->g->eff_vec[1][x]) ?:
		      full_vec(L, &all_lo, &L->g->eff_vec[2][x]) ?:
		      full_vec(L, &all_hi, &L->g->eff_vec[3][x]);
		if (!ret && all_rules(L, &any_hi, NULL))
			L->g->eff_vec[1][x] |= FG_VEC_ALL;
	}
	return ret;
}

/* access read|write: rule r holds for register access a when it has no
 * access condition, or names a (never for a request that is not one). */
static int lower_reg_access(struct lower *L)
{
	const struct fg_ir_rule *rule;
	struct fg_bits v;
	bool any = false;
	__u32 a;
	size_t r;
	int ret = 0;

	for (r = 0; r < L->prog->nrules; r++)
		any |= L->prog->rules[r].reg_access != 0;
	if (!any)
		return 0;
	L->g->hdr.fields |= 1u << FG_F_REG_ACCESS;
	for (a = 0; a < FG_REG_ACCESS_MAX && !ret; a++) {
		memset(&v, 0, sizeof(v));
		for (r = 0; r < L->prog->nrules; r++) {
			rule = &L->prog->rules[r];
			if (!rule->reg_access || (a != FG_REG_NONE && (rule->reg_access & (1u << a))))
				fg_bits_set(&v, r);
		}
		ret = full_vec(L, &v, &L->g->regacc_vec[a]);
	}
	return ret;
}

/* The capabilities the rules test become the header's list; the index is
 * the subset of them the caller holds. */
static int lower_caps(struct lower *L)
{
	struct fg_gen_header *h = &L->g->hdr;
	__u64 all = 0, held;
	struct fg_bits v;
	__u32 cap, idx, i;
	size_t r;
	int ret = 0;

	memset(h->caps, 64, sizeof(h->caps));	/* unused slots: see fg_caps_index */
	for (r = 0; r < L->prog->nrules; r++)
		all |= L->prog->rules[r].caps;
	if (!all)
		return 0;
	for (cap = 0; cap < 64; cap++) {
		if (!(all & (1ull << cap)))
			continue;
		if (h->ncaps == FG_GEN_MAX_CAPS)
			return fg_err_set(L->err, -E2BIG, "the policy tests more than %d distinct "
					  "capabilities", FG_GEN_MAX_CAPS);
		h->caps[h->ncaps++] = cap;
	}
	h->fields |= 1u << FG_F_CAPS;
	for (idx = 0; idx < (1u << h->ncaps) && !ret; idx++) {
		held = 0;
		for (i = 0; i < h->ncaps; i++)
			if (idx & (1u << i))
				held |= 1ull << h->caps[i];
		memset(&v, 0, sizeof(v));
		for (r = 0; r < L->prog->nrules; r++)
			if (!L->prog->rules[r].caps || (L->prog->rules[r].caps & held))
				fg_bits_set(&v, r);
		ret = full_vec(L, &v, &L->g->caps_vec[idx]);
	}
	return ret;
}

/* The effects tables' type-wide entries: slots the engine tries before
 * what a device reports (per-device entries live in the registry). */
static int lower_effects_tables(struct lower *L, const struct fg_effects_db *db)
{
	const struct fg_effects_entry *e;
	__u64 k0, k1;
	__u32 val;
	size_t i;
	int ret = 0;

	for (i = 0; db && i < db->n && !ret; i++) {
		e = &db->e[i];
		if (e->key.minor != FG_MINOR_ANY)
			continue;
		/* Bit 12 marks an entry (an entry may have no effect bit). */
		val = (e->val.effects & 0xfff) | 1u << 12 | (e->val.feat_flags & 0xffff) << 16;
		if (e->key.devtype == FG_DEVTYPE_CXL) {
			memcpy(&k0, e->key.uuid, 8);
			memcpy(&k1, e->key.uuid + 8, 8);
			ret = fg_image_slot(&L->im, FG_SLOT_FX_FEATURE, k0, k1, val);
		} else {
			k0 = (__u64)e->key.devtype << 32 | e->key.opcode;
			k1 = e->key.has_sub ? (__u64)e->key.has_sub << 32 | e->key.sub : 0;
			ret = fg_image_slot(&L->im, FG_SLOT_FX_CMD, k0, k1, val);
		}
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

static int lower_rules(struct lower *L, struct fg_gen_image *img)
{
	const struct fg_ir_rule *rule;
	size_t r;

	img->rules = calloc(L->prog->nrules ? L->prog->nrules : 1, sizeof(*img->rules));
	if (!img->rules)
		return fg_errf(L->err, -ENOMEM, "rule texts");
	img->nrules = L->prog->nrules;
	for (r = 0; r < L->prog->nrules; r++) {
		rule = &L->prog->rules[r];
		L->g->actions[r] = rule->action;
		img->rules[r].line = rule->loc.line;
		img->rules[r].file = file_index(L->prog, rule->loc.file);
		img->rules[r].action = rule->action;
		strncpy(img->rules[r].text, rule->text ? rule->text : "",
			sizeof(img->rules[r].text) - 1);
	}
	return 0;
}

static void fill_header(struct lower *L)
{
	const struct fg_program *prog = L->prog;
	struct fg_gen_header *h = &L->g->hdr;
	struct timespec ts;

	h->version = FG_ABI_VERSION;
	h->nrules = prog->nrules;
	h->nwords = L->im.nwords;
	clock_gettime(CLOCK_REALTIME, &ts);
	h->loaded_at_ns = (__u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	if (prog->nrules)
		h->fields |= 1u << FG_F_TYPE | 1u << FG_F_REQUEST;
	h->mode = prog->mode;
	h->default_action = prog->default_action;
	h->unknown_device_action = prog->unknown_device_action;
	h->tamper = prog->tamper;
	h->seal = prog->seal;
	h->pool_used = L->im.used;
	memcpy(h->hash, prog->hash, sizeof(h->hash));
	snprintf(h->name, sizeof(h->name), "%s", prog->name);
	if (prog->nfiles)
		snprintf(h->source, sizeof(h->source), "%s", prog->files[0]);
}

int fg_policy_lower(const struct fg_program *prog, const struct fg_effects_db *db, __u64 gen,
		    struct fg_gen_image *img, struct fg_err *err)
{
	struct lower L = { .prog = prog, .err = err };
	unsigned int i;
	int ret;

	memset(img, 0, sizeof(*img));
	if (prog->nrules > FG_MAX_RULES)
		return fg_err_set(err, -E2BIG, "%zu rules; at most %d", prog->nrules, FG_MAX_RULES);
	if (prog->mode >= FG_MODE_MAX || prog->default_action >= FG_ACTION_MAX ||
	    prog->unknown_device_action >= FG_ACTION_MAX ||
	    prog->tamper >= FG_TAMPER_ACTION_MAX || prog->seal >= FG_SEAL_MODE_MAX)
		return fg_err_set(err, -EINVAL,
				  "policy with an invalid mode, default, tamper action or seal");
	img->g = calloc(1, sizeof(*img->g));
	if (!img->g)
		return fg_errf(err, -ENOMEM, "generation (%zu bytes)", sizeof(*img->g));
	L.g = img->g;
	fg_image_init(&L.im, L.g, (prog->nrules + 63) / 64, err);
	ret = lower_types(&L) ?: lower_request(&L) ?: lower_effects(&L) ?: lower_caps(&L) ?:
	      lower_reg_access(&L);
	for (i = 0; i < sizeof(listed_fields) / sizeof(listed_fields[0]) && !ret; i++)
		ret = lower_listed(&L, listed_fields[i]);
	if (!ret)
		ret = lower_effects_tables(&L, db) ?: fg_image_place(&L.im) ?: lower_rules(&L, img);
	fg_image_release(&L.im);
	if (ret) {
		fg_gen_image_free(img);
		return ret;
	}
	fill_header(&L);
	fg_gen_image_set_gen(img, gen);
	return 0;
}

void fg_gen_image_free(struct fg_gen_image *img)
{
	free(img->g);
	free(img->rules);
	img->g = NULL;
	img->rules = NULL;
	img->nrules = 0;
}

void fg_gen_image_set_gen(struct fg_gen_image *img, __u64 gen)
{
	size_t r;

	img->g->hdr.gen = gen;
	for (r = 0; r < img->nrules; r++)
		img->rules[r].gen = gen;
}

void fg_gen_devsel(const struct fg_gen *g, const struct fg_device *dev, struct fg_devsel *sel)
{
	const struct fg_devkey *k;
	unsigned int i;

	sel->gen = g->hdr.gen;
	sel->parent_x = FG_GEN_EMPTY_VEC;
	sel->serial_x = FG_GEN_EMPTY_VEC;
	for (i = 0; i < FG_GEN_DEVKEYS; i++) {
		k = &g->devkeys[i];
		if (k->field == FG_F_PARENT && dev->parent[0] &&
		    !strncmp(k->value, dev->parent, sizeof(k->value)))
			sel->parent_x = k->x;
		else if (k->field == FG_F_SERIAL && dev->serial[0] &&
			 !strncmp(k->value, dev->serial, sizeof(k->value)))
			sel->serial_x = k->x;
	}
}
