// SPDX-License-Identifier: GPL-2.0-only
/*
 * One rule: its action, which conditions it has (each at most once, the
 * type first since command numbers depend on it), each condition checked
 * (check_conds.c), then a conflicting duplicate of an earlier rule refused.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy/check.h"
#include "util/names.h"

static bool same_strs(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]); j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

static bool same_u32s(const __u32 *a, size_t na, const __u32 *b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && a[i] != b[j]; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

/* The same conditions, lists compared as sets (each list has no
 * duplicates). */
static bool same_conds(const struct fg_ir_rule *a, const struct fg_ir_rule *b)
{
	size_t i, j;

	if (a->scopes != b->scopes || a->statuses != b->statuses || a->devtypes != b->devtypes ||
	    a->effects_any != b->effects_any || a->effects_all != b->effects_all ||
	    a->caps != b->caps || a->ncmds != b->ncmds || a->nfeatures != b->nfeatures ||
	    a->nexes != b->nexes || a->ncgroups != b->ncgroups || a->reg_access != b->reg_access)
		return false;
	if (!same_u32s(a->ioctls, a->nioctls, b->ioctls, b->nioctls) ||
	    !same_u32s(a->regs, a->nregs, b->regs, b->nregs))
		return false;
	if (!same_strs(a->nodes, a->nnodes, b->nodes, b->nnodes) ||
	    !same_strs(a->parents, a->nparents, b->parents, b->nparents) ||
	    !same_strs(a->serials, a->nserials, b->serials, b->nserials) ||
	    !same_strs(a->comms, a->ncomms, b->comms, b->ncomms) ||
	    !same_u32s(a->uids, a->nuids, b->uids, b->nuids) ||
	    !same_u32s(a->euids, a->neuids, b->euids, b->neuids) ||
	    !same_u32s(a->gids, a->ngids, b->gids, b->ngids))
		return false;
	for (i = 0; i < a->ncmds; i++) {
		for (j = 0; j < b->ncmds; j++)
			if (a->cmds[i].devtype == b->cmds[j].devtype &&
			    a->cmds[i].opcode == b->cmds[j].opcode)
				break;
		if (j == b->ncmds)
			return false;
	}
	for (i = 0; i < a->nfeatures; i++) {
		for (j = 0; j < b->nfeatures && memcmp(a->features[i], b->features[j], 16); j++)
			;
		if (j == b->nfeatures)
			return false;
	}
	for (i = 0; i < a->nexes; i++) {
		for (j = 0; j < b->nexes && strcmp(a->exes[i].path, b->exes[j].path); j++)
			;
		if (j == b->nexes)
			return false;
	}
	for (i = 0; i < a->ncgroups; i++) {
		for (j = 0; j < b->ncgroups && strcmp(a->cgroups[i].path, b->cgroups[j].path); j++)
			;
		if (j == b->ncgroups)
			return false;
	}
	return true;
}

/* The rule as written on one line: comments dropped, runs of blanks and
 * newlines made one space, strings kept as they are. */
static char *rule_text(const struct fg_ast_stmt *st)
{
	const char *s = st->loc.src->buf;
	size_t i, n = 0;
	bool space = false, quoted = false;
	char *out = malloc(st->loc.end - st->loc.off + 1);

	if (!out)
		return NULL;
	for (i = st->loc.off; i < st->loc.end; i++) {
		char ch = s[i];

		if (quoted) {
			out[n++] = ch;
			if (ch == '\\' && i + 1 < st->loc.end)
				out[n++] = s[++i];
			else if (ch == '"')
				quoted = false;
			continue;
		}
		if (ch == '#') {
			while (i + 1 < st->loc.end && s[i + 1] != '\n')
				i++;
			continue;
		}
		if (isspace((unsigned char)ch)) {
			space = true;
			continue;
		}
		if (space && n)
			out[n++] = ' ';
		space = false;
		out[n++] = ch;
		quoted = ch == '"';
	}
	out[n] = '\0';
	return out;
}

/*
 * A rule for ioctls other than FWCTL_RPC judges requests with no header
 * and no command: conditions on those could never hold, so they are
 * errors rather than rules that silently never match; and one rule is
 * for RPCs or for other ioctls, not both.
 */
static int check_ioctl_rule(struct checker *c, const struct fg_ir_rule *r,
			    const struct fg_ast_cond *const *seen)
{
	static const enum cond_kind rpc_only[] = {
		C_SCOPE, C_CMD, C_FEATURE, C_EFFECT, C_EFFECT_ALL, C_REQUEST, C_REGISTER, C_ACCESS,
	};
	size_t i, rpc = 0;

	for (i = 0; i < r->nioctls; i++)
		rpc += r->ioctls[i] == FG_FWCTL_RPC;
	if (!r->nioctls || rpc == r->nioctls)
		return 0;
	if (rpc)
		return err_at(c, &seen[C_IOCTL]->loc, "a rule is for RPCs or for other ioctls: "
			      "give 'ioctl rpc' a rule of its own");
	for (i = 0; i < sizeof(rpc_only) / sizeof(rpc_only[0]); i++)
		if (seen[rpc_only[i]])
			return err_at(c, &seen[rpc_only[i]]->name.loc,
				      "'%s' describes an RPC; an ioctl other than FWCTL_RPC has none",
				      rpc_only[i] == C_EFFECT_ALL ? "effect" : cond_names[rpc_only[i]]);
	return 0;
}

static int lookup_cond(const char *name)
{
	int k;

	for (k = 0; k < C_MAX; k++)
		if (!strcmp(cond_names[k], name))
			return k;
	return -ENOENT;
}

int check_rule(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *aw = st->args[0];
	const struct fg_ast_cond *seen[C_SLOTS] = {}, *cd;
	struct fg_program *prog = c->prog;
	struct fg_ir_rule r = {};
	struct rule_ctx rc = { .c = c, .r = &r };
	__u32 i, conflict = (__u32)-1;
	struct fg_rule_iter it;
	int action, ret;
	__u64 key;

	action = fg_action_parse(aw->s);
	if (action < 0)
		return err_at(c, &aw->loc,
			      "unknown statement '%s' (expected policy, mode, default, tamper, seal, include, set, allow, deny or audit)",
			      aw->s);
	if (prog->nrules == FG_IR_MAX_RULES)
		return err_at(c, &aw->loc, "more than %d rules", FG_IR_MAX_RULES);

	/* What each condition is, and whether it comes twice, before any
	 * value: cmd numbers read the rule's type wherever it stands. */
	for (cd = st->conds; cd; cd = cd->next) {
		int k = lookup_cond(cd->name.s), slot;

		if (k < 0)
			return err_at(c, &cd->name.loc,
				      "unknown condition '%s'; expected one of: scope, type, node, parent, pci, serial, cmd, feature, effect, request, uid, euid, gid, comm, exe, cgroup, cap, ioctl, register, access",
				      cd->name.s);
		if (cd->op != FG_OP_NONE && k != C_SCOPE)
			return err_at(c, &cd->op_loc, "only 'scope' takes an operator");
		slot = k == C_EFFECT && cd->qual == FG_QUAL_ALL ? C_EFFECT_ALL : k;
		if (k != C_SCOPE && seen[slot]) {
			if (k == C_EFFECT)
				return err_at(c, &cd->name.loc,
					      "'effect %s' given twice in one rule",
					      slot == C_EFFECT_ALL ? "all" : "any");
			return err_at(c, &cd->name.loc, "'%s' given twice in one rule",
				      cond_names[k]);
		}
		if ((k == C_PCI && seen[C_PARENT]) || (k == C_PARENT && seen[C_PCI]))
			return err_at(c, &cd->name.loc,
				      "'pci' and 'parent' are one condition (the device's parent); give one of them");
		seen[slot] = cd;
	}

	r.action = action;
	r.scopes = (1u << FG_SCOPE_MAX) - 1;
	/* ok, and a device the guard does not decode (its rules name it by
	 * type; a known type never decodes so) */
	r.statuses = 1u << FG_DECODE_OK | 1u << FG_DECODE_UNKNOWN_TYPE;
	r.devtypes = FG_DEVTYPE_KNOWN;
	rc.type = seen[C_TYPE];
	if (rc.type) {
		ret = check_cond(&rc, C_TYPE, rc.type);
		if (ret)
			goto fail;
	}
	for (cd = st->conds; cd; cd = cd->next) {
		int k = lookup_cond(cd->name.s);

		if (k == C_TYPE)
			continue;
		ret = check_cond(&rc, k, cd);
		if (ret)
			goto fail;
	}

	ret = check_ioctl_rule(c, &r, seen);
	if (ret)
		goto fail;

	/* Earlier rules with the same conditions, found by their key: the
	 * first that says otherwise is the conflict. */
	key = fg_rule_conds_key(&r);
	fg_rule_index_iter(&c->dups, key, &it);
	while (fg_rule_index_next(&it, &i))
		if (i < conflict && prog->rules[i].action != r.action &&
		    same_conds(&prog->rules[i], &r))
			conflict = i;
	if (conflict < prog->nrules) {
		const struct fg_ir_rule *o = &prog->rules[conflict];

		ret = err_at(c, &aw->loc,
			     "conflicting duplicate of the rule at %s:%d (which says %s)",
			     o->loc.file, o->loc.line, fg_action_name(o->action));
		goto fail;
	}

	r.loc.file = aw->loc.src->path;
	r.loc.line = aw->loc.line;
	r.loc.col = aw->loc.col;
	r.loc.len = (int)(aw->loc.end - aw->loc.off);
	r.text = rule_text(st);
	if (!r.text) {
		ret = nomem(c);
		goto fail;
	}
	ret = push(c, &prog->rules, &prog->nrules, &r, sizeof(r));
	if (!ret) {
		if (fg_rule_index_add(&c->dups, key, (__u32)(prog->nrules - 1)))
			return nomem(c);
		return 0;
	}
fail:
	fg_ir_rule_release(&r);
	return ret;
}
