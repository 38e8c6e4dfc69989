// SPDX-License-Identifier: GPL-2.0-only
/*
 * Named sets (`set NAME = { ... }`) and the lists that use them: a @ref in
 * a list stands for the set's items, in order, each remembered with the
 * @ref it came through so that messages can say both.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy/check.h"

static struct set_def *find_set(struct checker *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsets; i++)
		if (!strcmp(c->sets[i].name, name))
			return &c->sets[i];
	return NULL;
}

/* A list's values, sets expanded, into *out (malloc'd). */
int expand(struct checker *c, const struct fg_ast_list *l, const char *what,
		  struct xitem **out, size_t *n)
{
	const struct fg_ast_item *it;
	size_t i;
	int ret;

	*out = NULL;
	*n = 0;
	for (it = l->head; it; it = it->next) {
		const struct set_def *s = NULL;
		struct xitem x = { .it = it };

		if (it->kind == FG_AST_SETREF) {
			s = find_set(c, it->s);
			if (!s) {
				ret = err_at(c, &it->loc, "@%s is not defined", it->s);
				goto fail;
			}
		}
		for (i = 0; i < (s ? s->n : 1); i++) {
			if (s) {
				x.it = s->items[i];
				x.via = it;
			}
			ret = push(c, out, n, &x, sizeof(x));
			if (ret)
				goto fail;
		}
	}
	if (!*n) {
		ret = err_at(c, &l->loc, "%s needs at least one value", what);
		goto fail;
	}
	if (*n > FG_IR_MAX_SET_ITEMS) {
		ret = err_at(c, &l->loc, "more than %d values in one list", FG_IR_MAX_SET_ITEMS);
		goto fail;
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	return ret;
}

static bool valid_set_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

int check_set(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *name = st->args[0], *it;
	struct set_def def = { .name = name->s, .loc = name->loc }, *old;
	int ret;

	if (name->kind == FG_AST_SETREF)
		return err_at(c, &name->loc, "a set's name is written without '@'");
	if (!valid_set_name(name->s))
		return err_at(c, &name->loc,
			      "invalid set name '%s' (letters, digits and '_', not starting with a digit)",
			      name->s);
	old = find_set(c, name->s);
	if (old)
		return err_at(c, &name->loc, "set '%s' is already defined (at %s:%d)", name->s,
			      old->loc.src->path, old->loc.line);
	for (it = st->list->head; it; it = it->next) {
		if (it->kind == FG_AST_SETREF) {
			const struct set_def *s = find_set(c, it->s);
			size_t i;

			if (!s) {
				ret = err_at(c, &it->loc, "@%s is not defined", it->s);
				goto fail;
			}
			for (i = 0; i < s->n; i++) {
				ret = push(c, &def.items, &def.n, &s->items[i], sizeof(it));
				if (ret)
					goto fail;
			}
		} else {
			ret = push(c, &def.items, &def.n, &it, sizeof(it));
			if (ret)
				goto fail;
		}
		if (def.n > FG_IR_MAX_SET_ITEMS) {
			ret = err_at(c, &it->loc, "set '%s' has more than %d items", name->s,
				     FG_IR_MAX_SET_ITEMS);
			goto fail;
		}
	}
	if (!def.n) {
		ret = err_at(c, &st->list->loc, "set '%s' is empty", name->s);
		goto fail;
	}
	ret = push(c, &c->sets, &c->nsets, &def, sizeof(def));
	if (!ret)
		return 0;
fail:
	free(def.items);
	return ret;
}


void free_sets(struct checker *c)
{
	size_t i;

	for (i = 0; i < c->nsets; i++)
		free(c->sets[i].items);
	free(c->sets);
	c->sets = NULL;
	c->nsets = 0;
}
