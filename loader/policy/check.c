// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy checker: syntax trees -> struct fg_program.
 *
 * Walks the main file's statements in order; an include is checked where it
 * stands, so its rules land where the include statement is. Resolves every
 * name (scopes, types, commands, effects, users, groups, capabilities),
 * expands @sets, resolves exe and cgroup paths to the inodes the kernel
 * compares, and enforces the limits. Every error points at the offending
 * token of the file it is in; the first error ends the check. This file is
 * the driver and the statements other than rules, sets and includes; the
 * other jobs are in the check_*.c files (check.h lists them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/effects_table.h"
#include "policy/check.h"
#include "policy/resolve_memo.h"
#include "util/names.h"


static int once(struct checker *c, struct once *o, const struct fg_ast_stmt *st, const char *what)
{
	if (o->seen)
		return err_at(c, &st->kw, "'%s' given twice (first at %s:%d)", what,
			      o->loc.src->path, o->loc.line);
	o->seen = true;
	o->loc = st->kw;
	return 0;
}


static int check_default(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0], *b = st->args[1];
	int action, ret;

	ret = no_set(c, a) ?: b ? no_set(c, b) : 0;
	if (ret)
		return ret;
	if (!strcmp(a->s, "unknown-device")) {
		if (!b) {
			struct fg_ast_loc after = a->loc;

			after.col += (int)(a->loc.end - a->loc.off);
			after.off = after.end = a->loc.end;
			return err_at(c, &after, "expected %s after 'default unknown-device'",
				      action_list);
		}
		ret = once(c, &c->unknown, st, "default unknown-device");
		if (ret)
			return ret;
		action = fg_action_parse(b->s);
		if (action < 0)
			return err_at(c, &b->loc, "unknown action '%s' (expected %s)", b->s,
				      action_list);
		c->prog->unknown_device_action = action;
		return 0;
	}
	action = fg_action_parse(a->s);
	if (action < 0)
		return err_at(c, &a->loc, "unknown action '%s' (expected %s, or unknown-device)",
			      a->s, action_list);
	if (b)
		return err_at(c, &b->loc, "unexpected '%s' after the default action", b->s);
	ret = once(c, &c->deflt, st, "default");
	if (ret)
		return ret;
	c->prog->default_action = action;
	c->prog->default_loc.file = st->kw.src->path;
	c->prog->default_loc.line = st->kw.line;
	c->prog->default_loc.col = st->kw.col;
	c->prog->default_loc.len = (int)(st->kw.end - st->kw.off);
	return 0;
}

/* A once-only statement whose one word names a value of an enum. */
struct choice {
	const char *stmt;		/* "'mode' given twice" */
	const char *value;		/* "unknown mode 'x'" */
	int (*parse)(const char *name);	/* names.h: value or -ENOENT */
	const char *valid;		/* "enforce or permissive" */
};

static const struct choice mode_choice = {
	"mode", "mode", fg_mode_parse, "enforce or permissive",
};
static const struct choice tamper_choice = {
	"tamper", "tamper action", fg_tamper_parse, "report or kill",
};

static int check_choice(struct checker *c, const struct fg_ast_stmt *st, struct once *o,
			const struct choice *ch, __u8 *out)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	ret = no_set(c, a) ?: once(c, o, st, ch->stmt);
	if (ret)
		return ret;
	ret = ch->parse(a->s);
	if (ret < 0)
		return err_at(c, &a->loc, "unknown %s '%s' (expected %s)", ch->value, a->s,
			      ch->valid);
	*out = ret;
	return 0;
}

/*
 * seal | seal reload. The other names of enum fg_seal_mode ("none",
 * "sealed") are how status shows it, not words of the statement: not
 * sealing is leaving the statement out, and the word alone is the full seal.
 */
static int check_seal(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	ret = (a ? no_set(c, a) : 0) ?: once(c, &c->seal, st, "seal");
	if (ret)
		return ret;
	if (a && fg_seal_parse(a->s) != FG_SEAL_RELOAD)
		return err_at(c, &a->loc,
			      "unknown seal mode '%s' (expected 'seal' alone or 'seal reload')",
			      a->s);
	c->prog->seal = a ? FG_SEAL_RELOAD : FG_SEAL_ON;
	return 0;
}

static int check_file(struct checker *c, const struct fg_ast_src *src);

static int check_stmt(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	switch (st->kind) {
	case FG_STMT_POLICY:
		ret = no_set(c, a) ?: once(c, &c->policy, st, "policy");
		if (ret)
			return ret;
		if (!a->s[0])
			return err_at(c, &a->loc, "empty policy name");
		if (strlen(a->s) >= sizeof(c->prog->name))
			return err_at(c, &a->loc, "a policy name is at most %zu characters",
				      sizeof(c->prog->name) - 1);
		snprintf(c->prog->name, sizeof(c->prog->name), "%s", a->s);
		return 0;
	case FG_STMT_MODE:
		return check_choice(c, st, &c->mode, &mode_choice, &c->prog->mode);
	case FG_STMT_TAMPER:
		return check_choice(c, st, &c->tamper, &tamper_choice, &c->prog->tamper);
	case FG_STMT_SEAL:
		return check_seal(c, st);
	case FG_STMT_DEFAULT:
		return check_default(c, st);
	case FG_STMT_INCLUDE:
		return check_include(c, st, check_file);
	case FG_STMT_SET:
		return check_set(c, st);
	case FG_STMT_RULE:
		return check_rule(c, st);
	}
	return -EINVAL;
}

int flat_add(struct checker *c, const char *s, size_t n)
{
	size_t cap = c->flat_cap ? c->flat_cap : 4096;
	char *p;

	while (c->flat_len + n + 1 > cap)
		cap *= 2;
	if (cap != c->flat_cap) {
		p = realloc(c->flat, cap);
		if (!p)
			return nomem(c);
		c->flat = p;
		c->flat_cap = cap;
	}
	memcpy(c->flat + c->flat_len, s, n);
	c->flat_len += n;
	c->flat[c->flat_len] = '\0';
	return 0;
}

/* A file's statements; its text into the flattened program, with each
 * include statement's own text replaced by what it includes. */
static int check_file(struct checker *c, const struct fg_ast_src *src)
{
	const struct fg_ast_stmt *st;
	struct fg_ast_file *file;
	size_t pos = 0;
	int ret;

	sha256_update(&c->hash, src->len, (const uint8_t *)src->buf);
	ret = fg_ast_parse(src, &c->arena, &file, c->err);
	if (ret == -ENOMEM)
		return nomem(c);
	if (ret)
		return ret;
	for (st = file->head; st; st = st->next) {
		if (st->kind == FG_STMT_INCLUDE && st->loc.off >= pos && st->loc.end <= src->len) {
			ret = flat_add(c, src->buf + pos, st->loc.off - pos) ?:
			      flat_add(c, "# (include)\n", 12);
			pos = st->loc.end;
		}
		ret = ret ?: check_stmt(c, st);
		if (ret)
			return ret;
	}
	ret = flat_add(c, src->buf + pos, src->len - pos);
	/* an included file's last line may lack its newline */
	if (!ret && c->flat_len && c->flat[c->flat_len - 1] != '\n')
		ret = flat_add(c, "\n", 1);
	return ret;
}

int fg_check_program(struct fg_program *prog, const char *buf, size_t len,
		     const struct fg_compile_opts *opts, struct fg_diag *err,
		     struct fg_diags *warnings)
{
	static const struct fg_compile_opts no_opts;
	struct checker c = {
		.opts = opts ? opts : &no_opts, .prog = prog, .err = err, .warn = warnings,
	};
	struct fg_resolver host;
	struct fg_resolve_memo memo;
	struct fg_ast_src src = { .path = prog->files[0], .buf = buf, .len = len };
	struct stat sb;
	size_t i;
	int ret;

	if (!c.opts->resolver)
		fg_resolver_host(&host, c.opts->cgroup_root);
	fg_resolve_memo_init(&memo, c.opts->resolver ? c.opts->resolver : &host);
	c.resolve = &memo.r;
	sha256_init(&c.hash);
	c.stack[0].path = src.path;
	if (!stat(src.path, &sb)) {
		c.stack[0].has_id = true;
		c.stack[0].dev = sb.st_dev;
		c.stack[0].ino = sb.st_ino;
	}
	ret = check_file(&c, &src);
	if (!ret && !c.deflt.seen) {
		struct fg_ast_loc first = { .src = &src, .line = 1, .col = 1, .off = 0, .end = 1 };

		ret = err_at(&c, &first,
			     "no 'default' statement (add 'default allow' or 'default deny')");
	}
	if (!ret) {
		if (c.opts->db)
			fg_effects_hash(c.opts->db, &c.hash);
		sha256_digest(&c.hash, sizeof(prog->hash), prog->hash);
		prog->flat = c.flat;
		prog->flat_len = c.flat_len;
		c.flat = NULL;
	}
	free(c.flat);
	free_sets(&c);
	for (i = 0; i < c.nbufs; i++)
		free(c.bufs[i]);
	free(c.bufs);
	fg_arena_free(&c.arena);
	fg_resolve_memo_free(&memo);
	fg_rule_index_free(&c.dups);
	return c.nomem ? -ENOMEM : ret;
}
