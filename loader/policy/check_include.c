// SPDX-License-Identifier: GPL-2.0-only
/*
 * include "FILE", or a glob pattern such as "policy.d/" "*.policy": the
 * path relative to the including file, a pattern expanded to every match in byte order (none is
 * an error: a rule file that silently disappears would enforce less), the
 * include stack (by file identity, so that two spellings of one file are
 * one), cycles and depth refused with the whole chain in the message, and
 * each included file checked where the statement stands.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "policy/check.h"
#include "util/text_file.h"

static int add_file(struct checker *c, const char *path, const char **owned)
{
	struct fg_program *prog = c->prog;
	char *dup;
	size_t i;

	for (i = 0; i < prog->nfiles; i++)
		if (!strcmp(prog->files[i], path)) {
			*owned = prog->files[i];
			return 0;
		}
	dup = strdup(path);
	if (!dup)
		return nomem(c);
	if (push(c, &prog->files, &prog->nfiles, &dup, sizeof(dup))) {
		free(dup);
		return -ENOMEM;
	}
	*owned = dup;
	return 0;
}

/* s at buf + off, cut to fit; the new offset. */
static size_t append(char *buf, size_t size, size_t off, const char *s)
{
	size_t n = strlen(s);

	if (off + n >= size)
		n = off + 1 < size ? size - off - 1 : 0;
	memcpy(buf + off, s, n);
	buf[off + n] = '\0';
	return off + n;
}

/* One file of an include statement, read and pushed on the stack. */
static int include_push(struct checker *c, const struct fg_ast_stmt *st, const char *path,
			const struct fg_ast_src **out)
{
	const struct fg_ast_item *it = st->args[0];
	const char *owned = NULL;
	struct fg_ast_src *src;
	struct open_file *of;
	char chain[sizeof(c->err->msg)];
	struct fg_diag rd;
	struct stat sb;
	size_t len, off;
	char *buf;
	int i, ret;

	if (c->depth == FG_IR_MAX_INCLUDE_DEPTH)
		return err_at(c, &st->kw, "includes nested more than %d deep",
			      FG_IR_MAX_INCLUDE_DEPTH);
	if (stat(path, &sb))
		return err_at(c, &it->loc, "cannot include '%s': %s", path, strerror(errno));
	for (i = 0; i <= c->depth; i++) {
		of = &c->stack[i];
		if ((of->has_id && of->dev == sb.st_dev && of->ino == sb.st_ino) ||
		    !strcmp(of->path, path))
			break;
	}
	if (i <= c->depth) {
		for (off = 0; i <= c->depth; i++) {
			off = append(chain, sizeof(chain), off, c->stack[i].path);
			off = append(chain, sizeof(chain), off, " -> ");
		}
		append(chain, sizeof(chain), off, path);
		return err_at(c, &it->loc, "include cycle: %s", chain);
	}
	ret = fg_read_text(path, FG_IR_MAX_SOURCE, "policy", &buf, &len, &rd);
	if (ret)
		return err_at(c, &it->loc, "cannot include '%s': %s", path, rd.msg);
	if (push(c, &c->bufs, &c->nbufs, &buf, sizeof(buf))) {
		free(buf);
		return -ENOMEM;
	}
	ret = add_file(c, path, &owned);
	if (ret)
		return ret;
	src = fg_arena_alloc(&c->arena, sizeof(*src));
	if (!src)
		return nomem(c);
	src->path = owned;
	src->buf = buf;
	src->len = len;
	src->parent = st->kw.src;
	src->parent_line = st->kw.line;
	c->depth++;
	of = &c->stack[c->depth];
	of->path = owned;
	of->has_id = true;
	of->dev = sb.st_dev;
	of->ino = sb.st_ino;
	*out = src;
	return 0;
}

static void include_pop(struct checker *c)
{
	c->depth--;
}

static int include_one(struct checker *c, const struct fg_ast_stmt *st, const char *path,
		       int (*check)(struct checker *c, const struct fg_ast_src *src))
{
	const struct fg_ast_src *src;
	int ret;

	ret = include_push(c, st, path, &src);
	if (ret)
		return ret;
	ret = check(c, src);
	include_pop(c);
	return ret;
}

/* A folder of the pattern that cannot be read stops the include (a
 * rule file that cannot be seen would enforce less); one that does not
 * exist is no match. */
static int glob_error(const char *path, int err)
{
	(void)path;
	return err != ENOENT;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int check_include(struct checker *c, const struct fg_ast_stmt *st,
		  int (*check)(struct checker *c, const struct fg_ast_src *src))
{
	const struct fg_ast_item *it = st->args[0];
	const char *inc = st->kw.src->path, *slash;
	char path[PATH_MAX];
	glob_t g = {};
	size_t i;
	int ret;

	ret = no_set(c, it);
	if (ret)
		return ret;
	if (!it->s[0])
		return err_at(c, &it->loc, "empty include path");
	slash = strrchr(inc, '/');
	if (it->s[0] == '/' || !slash)
		ret = snprintf(path, sizeof(path), "%s", it->s);
	else
		ret = snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - inc), inc, it->s);
	if (ret >= (int)sizeof(path))
		return err_at(c, &it->loc, "include path too long");
	if (!strpbrk(it->s, "*?["))
		return include_one(c, st, path, check);
	/* Hidden files (editor and package manager leftovers such as
	 * .#x.policy) are not matched: glob() leaves them out unless the
	 * pattern names them. */
	errno = 0;
	ret = glob(path, GLOB_NOSORT, glob_error, &g);
	if (ret == GLOB_NOMATCH)
		return err_at(c, &it->loc, "include pattern '%s' matches no file", path);
	if (ret == GLOB_NOSPACE)
		return nomem(c);
	if (ret)
		return err_at(c, &it->loc, "include pattern '%s': cannot read a folder: %s",
			      path, strerror(errno));
	/* byte order, whatever the locale */
	qsort(g.gl_pathv, g.gl_pathc, sizeof(*g.gl_pathv), by_bytes);
	for (i = 0, ret = 0; !ret && i < g.gl_pathc; i++)
		ret = include_one(c, st, g.gl_pathv[i], check);
	globfree(&g);
	return ret;
}
