// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lints over a checked program, for `fwctl-guard check`: rules an earlier
 * rule hides, and exe/cgroup paths that name nothing on this host.
 *
 * "Hides" is a conservative superset test, condition by condition: every
 * condition of the earlier rule must hold wherever the later one's holds.
 * It misses hiding that only a combination of conditions shows (two rules
 * that together cover a third); it never reports a rule that can decide.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "policy/ir.h"

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
	       LIST_COVERS(a->cgroups, a->ncgroups, b->cgroups, b->ncgroups, EQ_CG);
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

size_t fg_policy_lint(const struct fg_program *prog, struct fg_diags *w)
{
	size_t added = 0, i, j;

	for (j = 0; j < prog->nrules; j++) {
		const struct fg_ir_rule *b = &prog->rules[j];

		for (i = 0; i < j; i++) {
			const struct fg_ir_rule *a = &prog->rules[i];

			if (!covers(a, b))
				continue;
			added += warn(w, &b->loc, false,
				      "%s: the rule at %s:%d matches everything it does",
				      a->action == b->action ? "redundant" : "rule never matches",
				      a->loc.file, a->loc.line);
			break;
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
		/* Any process can name itself (prctl PR_SET_NAME): a rule
		 * that lets a caller through by comm alone lets everyone. */
		if (b->ncomms && b->action != FG_ACTION_DENY && !b->nexes && !b->nuids &&
		    !b->neuids && !b->ngids && !b->ncgroups && !b->caps)
			added += warn(w, &b->loc, false,
				      "comm is chosen by the caller: this %s rule lets any process "
				      "through by naming itself; add exe, uid, cgroup or cap",
				      b->action == FG_ACTION_ALLOW ? "allow" : "audit");
	}
	return added;
}
