// SPDX-License-Identifier: GPL-2.0-only
/*
 * The checker's errors and warnings, located at the offending token (with
 * the include chain: policy/ast.c), and the arrays it grows.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/check.h"

int err_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fg_ast_verror(c->err, loc, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* An item that came through a set is shown where the set holds it; the
 * message says which rule used it. */
int err_item(struct checker *c, const struct xitem *x, const char *fmt, ...)
{
	char msg[sizeof(c->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!x->via)
		return err_at(c, &x->it->loc, "%s", msg);
	return err_at(c, &x->it->loc, "%s (in @%s, used at %s:%d)", msg, x->via->s,
		      x->via->loc.src->path, x->via->loc.line);
}

void warn_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
{
	struct fg_diag *d;
	va_list ap;

	if (!c->warn)
		return;
	d = fg_diags_add(c->warn);
	if (!d)
		return;
	va_start(ap, fmt);
	fg_ast_verror(d, loc, fmt, ap);
	va_end(ap);
}

int nomem(struct checker *c)
{
	c->nomem = true;
	snprintf(c->err->msg, sizeof(c->err->msg), "out of memory");
	return -ENOMEM;
}

/* Append one element to a malloc'd array of *n. */
int push(struct checker *c, void *arrp, size_t *n, const void *elem, size_t size)
{
	void **arr = arrp;
	void *p = realloc(*arr, (*n + 1) * size);

	if (!p)
		return nomem(c);
	memcpy((char *)p + *n * size, elem, size);
	*arr = p;
	(*n)++;
	return 0;
}

int no_set(struct checker *c, const struct fg_ast_item *it)
{
	if (it->kind == FG_AST_SETREF)
		return err_at(c, &it->loc, "a set cannot be used here");
	return 0;
}
