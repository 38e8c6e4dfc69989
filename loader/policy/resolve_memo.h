/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A resolver that asks another once per name: a policy of thousands of
 * rules names the same few users, executables and cgroups over and over,
 * and each answer from the host is a system call (stat of a /proc path, a
 * name service lookup). The answers hold for one compile: the memo lives
 * as long as the checker that made it.
 */
#ifndef FG_POLICY_RESOLVE_MEMO_H
#define FG_POLICY_RESOLVE_MEMO_H

#include <stddef.h>

#include "policy/resolve.h"

struct fg_memo_entry;

struct fg_resolve_memo {
	struct fg_resolver r;		/* what the checker calls */
	const struct fg_resolver *inner;
	struct fg_memo_entry *e;
	size_t n, cap;
};

/* memo->r answers as inner does, asking inner once per (kind, name). */
void fg_resolve_memo_init(struct fg_resolve_memo *memo, const struct fg_resolver *inner);
void fg_resolve_memo_free(struct fg_resolve_memo *memo);

#endif /* FG_POLICY_RESOLVE_MEMO_H */
