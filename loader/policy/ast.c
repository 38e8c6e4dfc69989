// SPDX-License-Identifier: GPL-2.0-only
/* The syntax tree's allocator, constructors and located errors. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "policy/ast.h"
#include "util/diag.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_BLOCK_MAX	(4 * 1024 * 1024)

struct fg_arena_block {
	struct fg_arena_block *next;
	size_t used, size, mapped;
	max_align_t data[];
};

/*
 * Blocks come straight from mmap, populated at once: a policy of
 * thousands of rules makes megabytes of tree, and taking its pages one
 * fault at a time costs more than parsing it. Fresh anonymous memory is
 * zero, and the arena never hands out memory twice: no memset. Each block
 * is twice the last (up to ARENA_BLOCK_MAX), so a small policy stays
 * small.
 */
void *fg_arena_alloc(struct fg_arena *a, size_t n)
{
	struct fg_arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = !b ? ARENA_BLOCK : b->size < ARENA_BLOCK_MAX / 2 ? b->size * 2
										: ARENA_BLOCK_MAX;
		size_t len;

		if (size < n)
			size = n;
		len = sizeof(*b) + size;
		b = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (b == MAP_FAILED)
			return NULL;
		b->used = 0;
		b->size = size;
		b->mapped = len;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *fg_arena_strndup(struct fg_arena *a, const char *s, size_t n)
{
	char *p = fg_arena_alloc(a, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void fg_arena_free(struct fg_arena *a)
{
	struct fg_arena_block *b, *next;

	for (b = a->head; b; b = next) {
		next = b->next;
		munmap(b, b->mapped);
	}
	a->head = NULL;
}

int fg_ast_verror(struct fg_diag *diag, const struct fg_ast_loc *loc, const char *fmt, va_list ap)
{
	const struct fg_ast_src *src = loc->src;
	size_t start = loc->off, stop;
	const char *nl;
	int len;

	/* The line the span starts on, without its line ending. */
	while (start > 0 && src->buf[start - 1] != '\n')
		start--;
	nl = memchr(src->buf + start, '\n', src->len - start);
	stop = nl ? (size_t)(nl - src->buf) : src->len;
	if (stop > start && src->buf[stop - 1] == '\r')
		stop--;
	len = (int)((loc->end < stop ? loc->end : stop) - (loc->off < stop ? loc->off : stop));
	fg_diag_vset(diag, src->path, loc->line, src->buf + start, (int)(stop - start), loc->col,
		     len, fmt, ap);
	for (; src->parent; src = src->parent)
		fg_diag_chain_add(diag, src->parent->path, src->parent_line);
	return -EINVAL;
}

int fg_ast_error(struct fg_diag *diag, const struct fg_ast_loc *loc, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fg_ast_verror(diag, loc, fmt, ap);
	va_end(ap);
	return ret;
}

struct fg_ast_item *fg_ast_item_new(struct fg_parse_ctx *ctx, enum fg_ast_item_kind kind,
				    const char *s, const struct fg_ast_loc *loc)
{
	struct fg_ast_item *it = fg_arena_alloc(ctx->arena, sizeof(*it));

	if (!it)
		return NULL;
	it->kind = kind;
	it->s = s;
	it->loc = *loc;
	return it;
}

struct fg_ast_list *fg_ast_list_new(struct fg_parse_ctx *ctx)
{
	struct fg_ast_list *l = fg_arena_alloc(ctx->arena, sizeof(*l));

	if (l)
		l->tail = &l->head;
	return l;
}

void fg_ast_list_add(struct fg_ast_list *l, struct fg_ast_item *it)
{
	*l->tail = it;
	l->tail = &it->next;
	l->n++;
}

struct fg_ast_stmt *fg_ast_stmt_new(struct fg_parse_ctx *ctx, enum fg_ast_stmt_kind kind,
				    const struct fg_ast_loc *kw)
{
	struct fg_ast_stmt *st = fg_arena_alloc(ctx->arena, sizeof(*st));

	if (!st)
		return NULL;
	st->kind = kind;
	st->kw = *kw;
	return st;
}
