/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy front end's inside: the syntax tree the grammar (grammar.y)
 * builds from the tokens of the lexer (lexer.l), one tree per file, and
 * what the checker (check*.c) needs to turn the trees into a struct
 * fg_program. Nothing outside the front end includes this.
 *
 * Every node lives in one arena per compilation: a syntax error anywhere
 * (bison unwinding its stacks, flex giving up) leaks nothing, and locations
 * and strings stay valid until the checker has reported its last error.
 */
#ifndef FG_POLICY_AST_H
#define FG_POLICY_AST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* Bump allocator: many small nodes, one free. */
struct fg_arena_block;
struct fg_lex_run;
struct fg_arena {
	struct fg_arena_block *head;
};

void *fg_arena_alloc(struct fg_arena *a, size_t n);
char *fg_arena_strndup(struct fg_arena *a, const char *s, size_t n);
void fg_arena_free(struct fg_arena *a);

/* One file as read: the text every location of it points into. */
struct fg_ast_src {
	const char *path;	/* as shown in messages */
	const char *buf;	/* not NUL-terminated */
	size_t len;
	/* The file whose include statement (at parent_line) read this one;
	 * NULL for the main file. Errors name the chain. */
	const struct fg_ast_src *parent;
	int parent_line;
};

/* A span of source: 1-based line and column of its first byte, and the
 * byte range [off, end) in src->buf. */
struct fg_ast_loc {
	const struct fg_ast_src *src;
	int line;
	int col;
	size_t off;
	size_t end;
};

enum fg_ast_item_kind {
	FG_AST_WORD,		/* bare word or number */
	FG_AST_STRING,		/* "quoted", escapes undone */
	FG_AST_SETREF,		/* @name; s is the name */
};

struct fg_ast_item {
	struct fg_ast_item *next;
	enum fg_ast_item_kind kind;
	const char *s;
	struct fg_ast_loc loc;
};

/* ITEM, ITEM... or { ITEM, ... }: the items in the order written. */
struct fg_ast_list {
	struct fg_ast_item *head, **tail;
	size_t n;
	bool braced;
	struct fg_ast_loc loc;
};

enum fg_ast_op { FG_OP_NONE, FG_OP_EQ, FG_OP_GE, FG_OP_LE, FG_OP_GT, FG_OP_LT };
enum fg_ast_qual { FG_QUAL_NONE, FG_QUAL_ANY, FG_QUAL_ALL };

/* NAME [OP | any | all] LIST */
struct fg_ast_cond {
	struct fg_ast_cond *next;
	struct fg_ast_item name;
	enum fg_ast_op op;
	enum fg_ast_qual qual;
	struct fg_ast_loc op_loc;	/* of the operator or qualifier */
	struct fg_ast_list *list;
	struct fg_ast_loc loc;		/* name to the end of the list */
};

struct fg_ast_conds {
	struct fg_ast_cond *head, **tail;
};

enum fg_ast_stmt_kind {
	FG_STMT_POLICY,		/* policy NAME */
	FG_STMT_MODE,		/* mode WORD */
	FG_STMT_DEFAULT,	/* default WORD [WORD] */
	FG_STMT_TAMPER,		/* tamper WORD */
	FG_STMT_SEAL,		/* seal [WORD] */
	FG_STMT_INCLUDE,	/* include PATH */
	FG_STMT_SET,		/* set NAME = { ... } */
	FG_STMT_RULE,		/* ACTION COND... */
};

struct fg_ast_stmt {
	struct fg_ast_stmt *next;
	enum fg_ast_stmt_kind kind;
	struct fg_ast_loc kw;		/* the statement's first word */
	struct fg_ast_item *args[2];	/* operands; the action word of a rule */
	int nargs;
	struct fg_ast_list *list;	/* set body */
	struct fg_ast_cond *conds;	/* rule */
	struct fg_ast_loc loc;		/* the whole statement */
};

struct fg_ast_file {
	const struct fg_ast_src *src;
	struct fg_ast_stmt *head, **tail;
	struct fg_ast_loc eof;
};

/*
 * State shared by the lexer and the parser of one file. The lexer tracks
 * line, column and offset for every token; brace depth makes newlines inside
 * { } whitespace; bos (beginning of statement) turns the statement keywords
 * on, after_effect turns `any` and `all` on, so that neither takes a word
 * away from the lists.
 */
struct fg_parse_ctx {
	const struct fg_ast_src *src;
	struct fg_arena *arena;
	struct fg_diag *diag;
	struct fg_ast_file *file;
	int line, col;
	size_t off;
	int depth;
	bool bos;
	bool after_effect;
	bool failed;		/* diag holds the first error */
	bool nomem;
	struct fg_lex_run *run;	/* where flex's fatal errors jump to */
	/* the token before the one that did not parse, for messages */
	size_t prev_off, prev_end, cur_off, cur_end;
};

/* Lex and parse one file into *out (allocated in arena). 0, -EINVAL with
 * diag at the first lexical or syntax error, or -ENOMEM. */
int fg_ast_parse(const struct fg_ast_src *src, struct fg_arena *arena, struct fg_ast_file **out,
		 struct fg_diag *diag);

/* Fill diag for an error at loc; returns -EINVAL. */
int fg_ast_error(struct fg_diag *diag, const struct fg_ast_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int fg_ast_verror(struct fg_diag *diag, const struct fg_ast_loc *loc, const char *fmt,
		  va_list ap);

/* Used by the grammar's actions; NULL when the arena is out of memory. */
struct fg_ast_item *fg_ast_item_new(struct fg_parse_ctx *ctx, enum fg_ast_item_kind kind,
				    const char *s, const struct fg_ast_loc *loc);
struct fg_ast_list *fg_ast_list_new(struct fg_parse_ctx *ctx);
void fg_ast_list_add(struct fg_ast_list *list, struct fg_ast_item *item);
struct fg_ast_stmt *fg_ast_stmt_new(struct fg_parse_ctx *ctx, enum fg_ast_stmt_kind kind,
				    const struct fg_ast_loc *kw);

#endif /* FG_POLICY_AST_H */
