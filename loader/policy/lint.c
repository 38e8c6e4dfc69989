// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lints over a checked program, for `fwctl-guard check`: rules an earlier
 * rule hides, exe/cgroup paths that name nothing on this host, and allow
 * or audit rules whose only caller conditions are ones the caller chooses
 * (comm, exe).
 *
 * "Hides" is a conservative superset test, condition by condition: every
 * condition of the earlier rule must hold wherever the later one's holds.
 * It misses hiding that only a combination of conditions shows (two rules
 * that together cover a third); it never reports a rule that can decide.
 *
 * Not every earlier rule is tried: a rule that tests a list (cmd, uid,
 * exe, ...) can only hide one that tests the same list with values it has
 * too, so rules are indexed by the values of their first list, and a rule
 * looks up the first value of each list it tests. Rules without a list
 * are tried in turn, and a rule already hidden is never a candidate (what
 * it hides, the rule hiding it hides first). Expected cost per rule: the
 * candidates that share a value with it, not the rules before it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/ir.h"
#include "policy/rule_index.h"

static bool mask_covers(__u64 a, __u64 b)
{
	return !(b & ~a);
}

/* A list condition: absent holds everywhere; present, it must hold for
 * every value the later rule accepts. */
#define LIST_COVERS(a, na, b, nb, eq)						\
	({									\
		bool _ok = !(na) || (nb);					\
		size_t _i, _j;							\
		for (_i = 0; _ok && (na) && _i < (nb); _i++) {			\
			for (_j = 0; _j < (na) && !(eq((a)[_j], (b)[_i])); _j++)	\
				;						\
			_ok = _j < (na);					\
		}								\
		_ok;								\
	})

#define EQ_NUM(x, y)	((x) == (y))
#define EQ_STR(x, y)	(!strcmp((x), (y)))
#define EQ_CMD(x, y)	((x).devtype == (y).devtype && (x).opcode == (y).opcode)
#define EQ_UUID(x, y)	(!memcmp((x), (y), 16))
/* Two paths to one file are one exe; an unresolved path only equals
 * itself. */
#define EQ_EXE(x, y)	((x).ino ? (x).dev == (y).dev && (x).ino == (y).ino :		\
			 !strcmp((x).path, (y).path))
#define EQ_CG(x, y)	((x).id ? (x).id == (y).id : !strcmp((x).path, (y).path))

/* The ioctls a rule judges: its list, or FWCTL_RPC alone. */
static bool ioctls_cover(const struct fg_ir_rule *a, const struct fg_ir_rule *b)
{
	static const __u32 rpc = FG_FWCTL_RPC;
	const __u32 *av = a->nioctls ? a->ioctls : &rpc, *bv = b->nioctls ? b->ioctls : &rpc;
	size_t an = a->nioctls ? a->nioctls : 1, bn = b->nioctls ? b->nioctls : 1;

	return LIST_COVERS(av, an, bv, bn, EQ_NUM);
}

/* Does a match every request b matches? */
static bool covers(const struct fg_ir_rule *a, const struct fg_ir_rule *b)
{
	/* effect any E holds where the request has one of E: so wherever
	 * b's any-set lies inside E, or wherever b demands one of E. */
	bool any_ok = !a->effects_any ||
		      (b->effects_any && mask_covers(a->effects_any, b->effects_any)) ||
		      (b->effects_all & a->effects_any);

	return mask_covers(a->scopes, b->scopes) && mask_covers(a->statuses, b->statuses) &&
	       mask_covers(a->devtypes, b->devtypes) && any_ok &&
	       mask_covers(b->effects_all, a->effects_all) &&
	       (!a->caps || (b->caps && mask_covers(a->caps, b->caps))) &&
	       LIST_COVERS(a->cmds, a->ncmds, b->cmds, b->ncmds, EQ_CMD) &&
	       LIST_COVERS(a->features, a->nfeatures, b->features, b->nfeatures, EQ_UUID) &&
	       LIST_COVERS(a->nodes, a->nnodes, b->nodes, b->nnodes, EQ_STR) &&
	       LIST_COVERS(a->parents, a->nparents, b->parents, b->nparents, EQ_STR) &&
	       LIST_COVERS(a->serials, a->nserials, b->serials, b->nserials, EQ_STR) &&
	       LIST_COVERS(a->uids, a->nuids, b->uids, b->nuids, EQ_NUM) &&
	       LIST_COVERS(a->euids, a->neuids, b->euids, b->neuids, EQ_NUM) &&
	       LIST_COVERS(a->gids, a->ngids, b->gids, b->ngids, EQ_NUM) &&
	       LIST_COVERS(a->comms, a->ncomms, b->comms, b->ncomms, EQ_STR) &&
	       LIST_COVERS(a->exes, a->nexes, b->exes, b->nexes, EQ_EXE) &&
	       LIST_COVERS(a->cgroups, a->ncgroups, b->cgroups, b->ncgroups, EQ_CG) &&
	       LIST_COVERS(a->regs, a->nregs, b->regs, b->nregs, EQ_NUM) &&
	       (!a->reg_access || (b->reg_access && mask_covers(a->reg_access, b->reg_access))) &&
	       ioctls_cover(a, b);
}

/* once: not when the list has the message already (the checker warns
 * about paths as it resolves them). */
static size_t warn(struct fg_diags *w, const struct fg_loc *loc, bool once, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static size_t warn(struct fg_diags *w, const struct fg_loc *loc, bool once, const char *fmt, ...)
{
	struct fg_diag *d;
	char msg[sizeof(d->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (once && fg_diags_has(w, msg))
		return 0;
	d = fg_diags_add(w);
	if (d)
		fg_diag_at_file(d, loc->file, loc->line, loc->col, loc->len, "%s", msg);
	return 1;
}

/* The list conditions, in the order a rule's first one is taken. */
enum list_field {
	L_CMD, L_FEATURE, L_NODE, L_PARENT, L_SERIAL, L_UID, L_EUID, L_GID, L_COMM, L_EXE,
	L_CGROUP, L_MAX,
};

static size_t list_len(const struct fg_ir_rule *r, enum list_field f)
{
	const size_t n[L_MAX] = {
		r->ncmds, r->nfeatures, r->nnodes, r->nparents, r->nserials, r->nuids,
		r->neuids, r->ngids, r->ncomms, r->nexes, r->ncgroups,
	};

	return n[f];
}

/* Value i of list f: keys equal where the EQ_ tests above say equal. */
static __u64 value_key(const struct fg_ir_rule *r, enum list_field f, size_t i)
{
	__u64 pair[2];

	switch (f) {
	case L_CMD:
		return fg_key_u64(f, (__u64)r->cmds[i].devtype << 32 | r->cmds[i].opcode);
	case L_FEATURE:
		return fg_key_bytes(f, r->features[i], 16);
	case L_NODE:
		return fg_key_str(f, r->nodes[i]);
	case L_PARENT:
		return fg_key_str(f, r->parents[i]);
	case L_SERIAL:
		return fg_key_str(f, r->serials[i]);
	case L_UID:
		return fg_key_u64(f, r->uids[i]);
	case L_EUID:
		return fg_key_u64(f, r->euids[i]);
	case L_GID:
		return fg_key_u64(f, r->gids[i]);
	case L_COMM:
		return fg_key_str(f, r->comms[i]);
	case L_EXE:
		if (!r->exes[i].ino)
			return fg_key_str(L_MAX + f, r->exes[i].path);
		pair[0] = r->exes[i].dev;
		pair[1] = r->exes[i].ino;
		return fg_key_bytes(f, pair, sizeof(pair));
	default:
		return r->cgroups[i].id ? fg_key_u64(f, r->cgroups[i].id)
					: fg_key_str(L_MAX + f, r->cgroups[i].path);
	}
}

struct hiders {
	struct fg_rule_index by_value;	/* rules with a list, by its values */
	__u32 *plain;			/* rules without a list, in order */
	size_t nplain;
};

/* The first earlier rule that hides rule j, or j. */
static __u32 hidden_by(const struct fg_program *prog, const struct hiders *h, __u32 j)
{
	const struct fg_ir_rule *b = &prog->rules[j];
	__u32 best = j, i;
	struct fg_rule_iter it;
	size_t k;
	int f;

	for (k = 0; k < h->nplain && h->plain[k] < best; k++)
		if (covers(&prog->rules[h->plain[k]], b))
			best = h->plain[k];
	for (f = 0; f < L_MAX; f++) {
		if (!list_len(b, f))
			continue;
		fg_rule_index_iter(&h->by_value, value_key(b, f, 0), &it);
		while (fg_rule_index_next(&it, &i))
			if (i < best && covers(&prog->rules[i], b))
				best = i;
	}
	return best;
}

/* Rule j as a candidate for the rules after it. 0 or -ENOMEM. */
static int add_hider(const struct fg_program *prog, struct hiders *h, __u32 j)
{
	const struct fg_ir_rule *r = &prog->rules[j];
	size_t k;
	int f;

	for (f = 0; f < L_MAX && !list_len(r, f); f++)
		;
	if (f == L_MAX) {
		__u32 *grown = realloc(h->plain, (h->nplain + 1) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		h->plain = grown;
		h->plain[h->nplain++] = j;
		return 0;
	}
	for (k = 0; k < list_len(r, f); k++)
		if (fg_rule_index_add(&h->by_value, value_key(r, f, k), j))
			return -ENOMEM;
	return 0;
}

/* Does the rule name who may pass, by something the caller cannot choose:
 * credentials (uid, euid, gid: set by the kernel, changed only with a
 * capability), the cgroup (moved only with write access to both), or a
 * capability of the initial user namespace? */
static bool who_bounded(const struct fg_ir_rule *r)
{
	return r->nuids || r->neuids || r->ngids || r->ncgroups || r->caps;
}

/*
 * An allow or audit rule whose only caller conditions are ones the caller
 * controls. comm: any process names itself (prctl PR_SET_NAME). exe: the
 * guard makes sure the process was exec'd from the file and that no other
 * process reached into it (bpf/exe_trust.bpf.c), but whoever may run the
 * file chooses its arguments, input and environment (LD_PRELOAD, LD_AUDIT
 * for a dynamically linked one): the rule lets every such user do what the
 * program can be made to do.
 */
static size_t lint_identity(struct fg_diags *w, const struct fg_ir_rule *b)
{
	const char *what = b->action == FG_ACTION_ALLOW ? "allow" : "audit";

	if (b->nexes)
		return warn(w, &b->loc, false,
			    "exe names a program, not who runs it: this %s rule lets anyone who "
			    "can run '%s'%s and open the node through, with the arguments and "
			    "environment (LD_PRELOAD) they choose; add uid, gid, cgroup or cap",
			    what, b->exes[0].path, b->nexes > 1 ? " (or the others listed)" : "");
	if (b->ncomms)
		return warn(w, &b->loc, false,
			    "comm is chosen by the caller: this %s rule lets any process "
			    "through by naming itself; add uid, gid, cgroup or cap", what);
	return 0;
}

size_t fg_policy_lint(const struct fg_program *prog, struct fg_diags *w)
{
	struct hiders h = {};
	size_t added = 0, i;
	bool index = true;
	__u32 j, by;

	for (j = 0; j < prog->nrules; j++) {
		const struct fg_ir_rule *b = &prog->rules[j];

		by = hidden_by(prog, &h, j);
		if (by < j) {
			const struct fg_ir_rule *a = &prog->rules[by];

			added += warn(w, &b->loc, false,
				      "%s: the rule at %s:%d matches everything it does",
				      a->action == b->action ? "redundant" : "rule never matches",
				      a->loc.file, a->loc.line);
		} else {
			if (index && add_hider(prog, &h, j))
				/* Without memory the lint says less, never wrong. */
				index = false;
			/* A rule that can decide: who does it let through? */
			if (b->action != FG_ACTION_DENY && !who_bounded(b))
				added += lint_identity(w, b);
		}
		for (i = 0; i < b->nexes; i++)
			if (!b->exes[i].ino)
				added += warn(w, &b->loc, true,
					      "exe '%s' does not exist; the rule cannot match it until the policy is reloaded",
					      b->exes[i].path);
		for (i = 0; i < b->ncgroups; i++)
			if (!b->cgroups[i].id)
				added += warn(w, &b->loc, true,
					      "cgroup '%s' does not exist; the rule cannot match it until the policy is reloaded",
					      b->cgroups[i].path);
	}
	fg_rule_index_free(&h.by_value);
	free(h.plain);
	return added;
}
