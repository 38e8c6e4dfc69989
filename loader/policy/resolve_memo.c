// SPDX-License-Identifier: GPL-2.0-only
/* One answer per (kind, name) for the length of a compile (resolve_memo.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy/resolve_memo.h"

enum memo_kind { MEMO_USER, MEMO_GROUP, MEMO_EXE, MEMO_CGROUP };

struct fg_memo_entry {
	char *name;		/* NULL: a free slot */
	__u64 hash;
	enum memo_kind kind;
	int ret;
	__u64 a, b;
};

static __u64 name_hash(enum memo_kind kind, const char *s)
{
	__u64 h = 0xcbf29ce484222325ull ^ kind;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

static struct fg_memo_entry *slot(struct fg_resolve_memo *m, enum memo_kind kind,
				  const char *name, __u64 h)
{
	size_t i;

	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct fg_memo_entry *e = &m->e[i];

		if (!e->name || (e->hash == h && e->kind == kind && !strcmp(e->name, name)))
			return e;
	}
}

static int grow(struct fg_resolve_memo *m)
{
	struct fg_resolve_memo bigger = *m;
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.e = calloc(bigger.cap, sizeof(*bigger.e));
	if (!bigger.e)
		return -ENOMEM;
	for (i = 0; i < m->cap; i++)
		if (m->e[i].name)
			*slot(&bigger, m->e[i].kind, m->e[i].name, m->e[i].hash) = m->e[i];
	free(m->e);
	m->e = bigger.e;
	m->cap = bigger.cap;
	return 0;
}

/* The memo's answer for (kind, name), asking the inner resolver first
 * when it has none. Without memory for the memo: the inner answer, not
 * kept. */
static int ask(struct fg_resolve_memo *m, enum memo_kind kind, const char *name, __u64 *a,
	       __u64 *b)
{
	const struct fg_resolver *in = m->inner;
	__u64 h = name_hash(kind, name), x = 0, y = 0;
	struct fg_memo_entry *e = NULL;
	__u32 id = 0;
	int ret;

	if ((m->n + 1) * 4 <= m->cap * 3 || !grow(m)) {
		e = slot(m, kind, name, h);
		if (e->name) {
			*a = e->a;
			*b = e->b;
			return e->ret;
		}
	}
	switch (kind) {
	case MEMO_USER:
		ret = in->user(in->ctx, name, &id);
		x = id;
		break;
	case MEMO_GROUP:
		ret = in->group(in->ctx, name, &id);
		x = id;
		break;
	case MEMO_EXE:
		ret = in->exe(in->ctx, name, &x, &y);
		break;
	default:
		ret = in->cgroup(in->ctx, name, &x);
		break;
	}
	*a = x;
	*b = y;
	if (e && (e->name = strdup(name))) {
		e->hash = h;
		e->kind = kind;
		e->ret = ret;
		e->a = x;
		e->b = y;
		m->n++;
	}
	return ret;
}

static int memo_user(void *ctx, const char *name, __u32 *uid)
{
	__u64 a, b;
	int ret = ask(ctx, MEMO_USER, name, &a, &b);

	*uid = (__u32)a;
	return ret;
}

static int memo_group(void *ctx, const char *name, __u32 *gid)
{
	__u64 a, b;
	int ret = ask(ctx, MEMO_GROUP, name, &a, &b);

	*gid = (__u32)a;
	return ret;
}

static int memo_exe(void *ctx, const char *path, __u64 *dev, __u64 *ino)
{
	return ask(ctx, MEMO_EXE, path, dev, ino);
}

static int memo_cgroup(void *ctx, const char *path, __u64 *id)
{
	__u64 b;

	return ask(ctx, MEMO_CGROUP, path, id, &b);
}

void fg_resolve_memo_init(struct fg_resolve_memo *memo, const struct fg_resolver *inner)
{
	memset(memo, 0, sizeof(*memo));
	memo->inner = inner;
	memo->r.ctx = memo;
	memo->r.user = memo_user;
	memo->r.group = memo_group;
	memo->r.exe = memo_exe;
	memo->r.cgroup = memo_cgroup;
}

void fg_resolve_memo_free(struct fg_resolve_memo *memo)
{
	size_t i;

	for (i = 0; i < memo->cap; i++)
		free(memo->e[i].name);
	free(memo->e);
	memo->e = NULL;
	memo->n = memo->cap = 0;
}
