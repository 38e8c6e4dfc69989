/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The checker's inside (syntax trees -> struct fg_program), shared by its
 * parts and nothing else:
 *   check.c          the driver: files (and their hash), statements, the
 *                    once-only ones
 *   check_report.c   located errors and warnings, allocation
 *   check_include.c  include: paths, the include stack, cycles
 *   check_sets.c     named sets and the expansion of @refs in lists
 *   check_rule.c     a rule: its conditions in order, conflicting duplicates
 *   check_conds.c    each condition's values
 *   check_values.c   scalar values (numbers, scopes, PCI addresses), name
 *                    suggestions
 * Host lookups (users, groups, executables, cgroups) go through the
 * resolver (resolve.h).
 */
#ifndef FG_POLICY_CHECK_H
#define FG_POLICY_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <nettle/sha2.h>

#include "policy/ast.h"
#include "policy/ir.h"
#include "policy/resolve.h"
#include "policy/rule_index.h"
#include "util/array.h"

struct set_def {
	const char *name;
	struct fg_ast_loc loc;
	const struct fg_ast_item **items;
	size_t n;
};

/* A file on the include stack: by identity when it exists on disk, so
 * that two spellings of one path are one file. */
struct open_file {
	const char *path;
	bool has_id;
	dev_t dev;
	ino_t ino;
};

struct once {
	bool seen;
	struct fg_ast_loc loc;
};

struct checker {
	const struct fg_compile_opts *opts;
	const struct fg_resolver *resolve;
	struct fg_program *prog;
	struct fg_diag *err;
	struct fg_diags *warn;
	struct fg_arena arena;
	struct sha256_ctx hash;
	struct set_def *sets;
	size_t nsets;
	struct open_file stack[FG_IR_MAX_INCLUDE_DEPTH + 1];
	int depth;
	char **bufs;		/* included files' text, until the end */
	size_t nbufs;
	struct once policy, mode, deflt, unknown, tamper, seal;
	__u64 caps_seen;
	struct fg_rule_index dups;	/* the rules so far, by fg_rule_conds_key */
	char *flat;			/* prog->flat being built */
	size_t flat_len, flat_cap;
	bool nomem;
};

/* A value of a condition: the item, and the @ref in the rule it came
 * through, if any (for messages). */
struct xitem {
	const struct fg_ast_item *it;
	const struct fg_ast_item *via;
};

/* Errors end the check: each returns -EINVAL after filling c->err at the
 * location (with the include chain); err_item shows an item that came
 * through a set where the set holds it. Warnings are collected. */
int err_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int err_item(struct checker *c, const struct xitem *x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void warn_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int nomem(struct checker *c);

/* Append one element to a malloc'd array of *n. */
int push(struct checker *c, void *arrp, size_t *n, const void *elem, size_t size);

/* check_values.c */
int parse_u32(const char *s, __u32 *v);
int scope_value(const char *s, int len);
int pci_parse(const char *s, char *out);
extern const char scope_list[], type_list[], action_list[], status_list[], feature_list[];

/* check_sets.c */
int expand(struct checker *c, const struct fg_ast_list *l, const char *what,
	   struct xitem **out, size_t *n);
int check_set(struct checker *c, const struct fg_ast_stmt *st);
void free_sets(struct checker *c);

/* check_conds.c: the condition kinds, and checking one. */
enum cond_kind {
	C_SCOPE, C_TYPE, C_NODE, C_PARENT, C_PCI, C_SERIAL, C_CMD, C_FEATURE, C_EFFECT,
	C_REQUEST, C_UID, C_EUID, C_GID, C_COMM, C_EXE, C_CGROUP, C_CAP, C_IOCTL, C_REGISTER,
	C_ACCESS, C_MAX,
	C_EFFECT_ALL = C_MAX,	/* `effect all` is a kind of its own for "twice" */
	C_SLOTS,
};

extern const char *const cond_names[C_MAX];

struct rule_ctx {
	struct checker *c;
	struct fg_ir_rule *r;
	const struct fg_ast_cond *type;	/* the rule's type condition, if any */
};

int check_cond(struct rule_ctx *rc, enum cond_kind k, const struct fg_ast_cond *cd);

/* check_rule.c */
int check_rule(struct checker *c, const struct fg_ast_stmt *st);

/* check_include.c: the files an include statement names (a path, or a
 * glob pattern: every match, in byte order; none is an error), each read,
 * pushed on the include stack and checked by check where the statement
 * stands. */
int check_include(struct checker *c, const struct fg_ast_stmt *st,
		  int (*check)(struct checker *c, const struct fg_ast_src *src));

/* Text for the flattened program (prog->flat). */
int flat_add(struct checker *c, const char *s, size_t n);
int no_set(struct checker *c, const struct fg_ast_item *it);

/* The checker's entry (compile.c): check the main file (already read:
 * buf, len; its path is prog->files[0]) and all it includes into prog, hash
 * included. 0, -EINVAL with err, or -ENOMEM. */
int fg_check_program(struct fg_program *prog, const char *buf, size_t len,
		     const struct fg_compile_opts *opts, struct fg_diag *err,
		     struct fg_diags *warnings);

#endif /* FG_POLICY_CHECK_H */
