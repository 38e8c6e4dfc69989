/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy grammar: statements end at a newline or ';' (the lexer drops
 * newlines inside { }); the checker gives the words their meaning, so the
 * grammar stays small and every value is just an item:
 *
 *   file:  { [stmt] TERM }
 *   stmt:  policy ITEM | mode ITEM | default ITEM [ITEM] | tamper ITEM
 *        | seal [ITEM] | include ITEM
 *        | set ITEM = { [ITEM {, ITEM} [,]] }
 *        | WORD { cond }                         (a rule: WORD is the action)
 *   cond:  WORD [OP] list | effect [any | all] list
 *   list:  ITEM {, ITEM} | { [ITEM {, ITEM} [,]] }
 *   ITEM:  WORD | "STRING" | @SET
 *
 * A condition's list ends where a word follows without a comma, which is
 * also where the next condition starts: no separator between conditions.
 */
%define api.pure full
%define api.prefix {fg_yy}
%define api.token.prefix {TOK_}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {struct fg_parse_ctx *ctx}

%code requires {
#include "policy/ast.h"

/* Bison's location plus the byte range, which the checker needs for the
 * source line under a caret and for a rule's text. */
typedef struct FG_YYLTYPE {
	int first_line;
	int first_column;
	int last_line;
	int last_column;
	size_t first_off;
	size_t last_off;
} FG_YYLTYPE;
#define FG_YYLTYPE_IS_DECLARED 1
#define FG_YYLTYPE_IS_TRIVIAL 1
}

%code {
#include <stdio.h>
#include <string.h>

int fg_yylex(FG_YYSTYPE *lval, FG_YYLTYPE *lloc, void *scanner);
static void fg_yyerror(FG_YYLTYPE *lloc, void *scanner, struct fg_parse_ctx *ctx,
		       const char *msg);

/* An empty rule's location is the point after what came before it. */
#define YYLLOC_DEFAULT(cur, rhs, n)						\
	do {									\
		if (n) {							\
			(cur).first_line = YYRHSLOC(rhs, 1).first_line;		\
			(cur).first_column = YYRHSLOC(rhs, 1).first_column;	\
			(cur).first_off = YYRHSLOC(rhs, 1).first_off;		\
			(cur).last_line = YYRHSLOC(rhs, n).last_line;		\
			(cur).last_column = YYRHSLOC(rhs, n).last_column;	\
			(cur).last_off = YYRHSLOC(rhs, n).last_off;		\
		} else {							\
			(cur).first_line = (cur).last_line =			\
				YYRHSLOC(rhs, 0).last_line;			\
			(cur).first_column = (cur).last_column =		\
				YYRHSLOC(rhs, 0).last_column;			\
			(cur).first_off = (cur).last_off =			\
				YYRHSLOC(rhs, 0).last_off;			\
		}								\
	} while (0)

/* The arena is the only allocator: running out stops the parse, and the
 * caller frees everything at once. */
#define NEED(p)						\
	do {						\
		if (!(p)) {				\
			ctx->nomem = true;		\
			YYABORT;			\
		}					\
	} while (0)

static struct fg_ast_loc L(const struct fg_parse_ctx *ctx, const FG_YYLTYPE *l)
{
	struct fg_ast_loc loc = {
		.src = ctx->src,
		.line = l->first_line,
		.col = l->first_column,
		.off = l->first_off,
		.end = l->last_off,
	};
	return loc;
}

static struct fg_ast_item *item(struct fg_parse_ctx *ctx, enum fg_ast_item_kind kind,
				const char *s, const FG_YYLTYPE *l)
{
	struct fg_ast_loc loc = L(ctx, l);

	return s ? fg_ast_item_new(ctx, kind, s, &loc) : NULL;
}

static struct fg_ast_stmt *stmt(struct fg_parse_ctx *ctx, enum fg_ast_stmt_kind kind,
				const FG_YYLTYPE *kw, const FG_YYLTYPE *all,
				struct fg_ast_item *a, struct fg_ast_item *b)
{
	struct fg_ast_loc k = L(ctx, kw);
	struct fg_ast_stmt *st = fg_ast_stmt_new(ctx, kind, &k);

	if (!st)
		return NULL;
	st->loc = L(ctx, all);
	st->args[0] = a;
	st->args[1] = b;
	st->nargs = !!a + !!b;
	return st;
}

static struct fg_ast_cond *cond(struct fg_parse_ctx *ctx, const char *name,
				const FG_YYLTYPE *nl, const FG_YYLTYPE *all,
				enum fg_ast_op op, enum fg_ast_qual qual, const FG_YYLTYPE *ol,
				struct fg_ast_list *list)
{
	struct fg_ast_cond *c = fg_arena_alloc(ctx->arena, sizeof(*c));

	if (!c)
		return NULL;
	c->name.kind = FG_AST_WORD;
	c->name.s = name;
	c->name.loc = L(ctx, nl);
	c->loc = L(ctx, all);
	c->op = op;
	c->qual = qual;
	if (ol)
		c->op_loc = L(ctx, ol);
	c->list = list;
	return c;
}
}

%union {
	char *s;
	int op;
	struct fg_ast_item *item;
	struct fg_ast_list *list;
	struct fg_ast_cond *cond;
	struct fg_ast_conds *conds;
	struct fg_ast_stmt *stmt;
}

%token TERM "end of line"
%token <s> WORD "word" STRING "string" SETREF "@set"
%token <op> OP "operator"
%token POLICY "policy" MODE "mode" DEFAULT "default" INCLUDE "include" SET "set"
%token TAMPER "tamper" SEAL "seal"
%token EFFECT "effect" ANY "any" ALL "all"
%token LBRACE "{" RBRACE "}" COMMA "," EQUALS "="

%type <item> item
%type <list> items bitems list
%type <cond> cond
%type <conds> conds
%type <stmt> stmt

%%

file:	  %empty
	| file line
	;

line:	  TERM
	| stmt TERM
		{
			*ctx->file->tail = $1;
			ctx->file->tail = &$1->next;
		}
	;

stmt:	  POLICY item
		{ NEED($$ = stmt(ctx, FG_STMT_POLICY, &@1, &@$, $2, NULL)); }
	| MODE item
		{ NEED($$ = stmt(ctx, FG_STMT_MODE, &@1, &@$, $2, NULL)); }
	| DEFAULT item
		{ NEED($$ = stmt(ctx, FG_STMT_DEFAULT, &@1, &@$, $2, NULL)); }
	| DEFAULT item item
		{ NEED($$ = stmt(ctx, FG_STMT_DEFAULT, &@1, &@$, $2, $3)); }
	| TAMPER item
		{ NEED($$ = stmt(ctx, FG_STMT_TAMPER, &@1, &@$, $2, NULL)); }
	| SEAL
		{ NEED($$ = stmt(ctx, FG_STMT_SEAL, &@1, &@$, NULL, NULL)); }
	| SEAL item
		{ NEED($$ = stmt(ctx, FG_STMT_SEAL, &@1, &@$, $2, NULL)); }
	| INCLUDE item
		{ NEED($$ = stmt(ctx, FG_STMT_INCLUDE, &@1, &@$, $2, NULL)); }
	| SET item EQUALS LBRACE bitems RBRACE
		{
			NEED($$ = stmt(ctx, FG_STMT_SET, &@1, &@$, $2, NULL));
			$5->braced = true;
			$5->loc = L(ctx, &@4);
			$5->loc.end = @6.last_off;
			$$->list = $5;
		}
	| WORD conds
		{
			struct fg_ast_item *action;

			NEED(action = item(ctx, FG_AST_WORD, $1, &@1));
			NEED($$ = stmt(ctx, FG_STMT_RULE, &@1, &@$, action, NULL));
			$$->conds = $2->head;
		}
	;

conds:	  %empty
		{
			NEED($$ = fg_arena_alloc(ctx->arena, sizeof(*$$)));
			$$->tail = &$$->head;
		}
	| conds cond
		{
			*$1->tail = $2;
			$1->tail = &$2->next;
			$$ = $1;
		}
	;

cond:	  WORD list
		{ NEED($$ = cond(ctx, $1, &@1, &@$, FG_OP_NONE, FG_QUAL_NONE, NULL, $2)); }
	| WORD OP list
		{ NEED($$ = cond(ctx, $1, &@1, &@$, $2, FG_QUAL_NONE, &@2, $3)); }
	| EFFECT list
		{ NEED($$ = cond(ctx, "effect", &@1, &@$, FG_OP_NONE, FG_QUAL_NONE, NULL, $2)); }
	| EFFECT ANY list
		{ NEED($$ = cond(ctx, "effect", &@1, &@$, FG_OP_NONE, FG_QUAL_ANY, &@2, $3)); }
	| EFFECT ALL list
		{ NEED($$ = cond(ctx, "effect", &@1, &@$, FG_OP_NONE, FG_QUAL_ALL, &@2, $3)); }
	;

list:	  items
		{ $$ = $1; $$->loc = L(ctx, &@1); }
	| LBRACE bitems RBRACE
		{ $$ = $2; $$->braced = true; $$->loc = L(ctx, &@$); }
	;

items:	  item
		{
			NEED($$ = fg_ast_list_new(ctx));
			fg_ast_list_add($$, $1);
		}
	| items COMMA item
		{ fg_ast_list_add($1, $3); $$ = $1; }
	;

/* Inside braces: possibly empty (the checker says why that is wrong), and
 * a trailing comma is fine, as in C initialisers. */
bitems:	  %empty
		{ NEED($$ = fg_ast_list_new(ctx)); }
	| items
	| items COMMA
	;

item:	  WORD
		{ NEED($$ = item(ctx, FG_AST_WORD, $1, &@1)); }
	| EFFECT
		{ NEED($$ = item(ctx, FG_AST_WORD, "effect", &@1)); }
	| STRING
		{ NEED($$ = item(ctx, FG_AST_STRING, $1, &@1)); }
	| SETREF
		{ NEED($$ = item(ctx, FG_AST_SETREF, $1, &@1)); }
	;

%%

static void fg_yyerror(FG_YYLTYPE *lloc, void *scanner, struct fg_parse_ctx *ctx,
		       const char *msg)
{
	struct fg_ast_loc loc = L(ctx, lloc);

	(void)scanner;
	if (ctx->failed)
		return;
	ctx->failed = true;
	fg_ast_error(ctx->diag, &loc, "%s", msg);
}

/* How a token is named in "expected ..." lists. */
static const char *expected_name(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_YYEOF:	return "end of file";
	case YYSYMBOL_TERM:	return "end of line";
	case YYSYMBOL_WORD:	return "a word";
	case YYSYMBOL_STRING:	return "a string";
	case YYSYMBOL_SETREF:	return "@set";
	case YYSYMBOL_OP:	return "an operator";
	case YYSYMBOL_POLICY:	return "'policy'";
	case YYSYMBOL_MODE:	return "'mode'";
	case YYSYMBOL_DEFAULT:	return "'default'";
	case YYSYMBOL_INCLUDE:	return "'include'";
	case YYSYMBOL_SET:	return "'set'";
	case YYSYMBOL_TAMPER:	return "'tamper'";
	case YYSYMBOL_SEAL:	return "'seal'";
	case YYSYMBOL_EFFECT:	return "'effect'";
	case YYSYMBOL_ANY:	return "'any'";
	case YYSYMBOL_ALL:	return "'all'";
	case YYSYMBOL_LBRACE:	return "'{'";
	case YYSYMBOL_RBRACE:	return "'}'";
	case YYSYMBOL_COMMA:	return "','";
	case YYSYMBOL_EQUALS:	return "'='";
	default:		return NULL;
	}
}

static bool has(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
	int i;

	for (i = 0; i < n; i++)
		if (exp[i] == k)
			return true;
	return false;
}

/* "end of line", "'{'", "'deny'": the token at [off, end). */
static void describe(const struct fg_parse_ctx *ctx, yysymbol_kind_t k, size_t off, size_t end,
		     char *buf, size_t len)
{
	const char *s = ctx->src->buf + off;
	int n = end - off > 40 ? 40 : (int)(end - off);

	if (k == YYSYMBOL_YYEOF || off >= ctx->src->len)
		snprintf(buf, len, "end of file");
	else if (k == YYSYMBOL_TERM && *s != ';')
		snprintf(buf, len, "end of line");
	else
		snprintf(buf, len, "'%.*s'", n, s);
}

/*
 * Three shapes, first match wins: where a statement should start, "expected
 * a statement"; where only a value can follow (after a condition's name, a
 * comma, `policy`), "expected a value after 'type'"; else bison's own
 * unexpected/expected pair in words.
 */
static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner,
				 struct fg_parse_ctx *ctx)
{
	yysymbol_kind_t exp[YYNTOKENS], k = yypcontext_token(yyctx);
	struct fg_ast_loc loc = L(ctx, yypcontext_location(yyctx));
	char found[64], prev[64], list[256];
	const char *names[YYNTOKENS];
	size_t off = 0;
	int n, i, shown = 0;

	(void)scanner;
	if (ctx->failed)
		return 0;
	ctx->failed = true;
	n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
	if (n < 0)
		n = 0;
	describe(ctx, k, ctx->cur_off, ctx->cur_end, found, sizeof(found));
	if (has(exp, n, YYSYMBOL_POLICY)) {
		fg_ast_error(ctx->diag, &loc, "syntax error: expected a statement, found %s",
			     found);
		return 0;
	}
	if (has(exp, n, YYSYMBOL_SETREF) && !has(exp, n, YYSYMBOL_TERM)) {
		describe(ctx, YYSYMBOL_WORD, ctx->prev_off, ctx->prev_end, prev, sizeof(prev));
		fg_ast_error(ctx->diag, &loc, "syntax error: expected a value%s after %s, found %s",
			     has(exp, n, YYSYMBOL_RBRACE) ? " or '}'" : "", prev, found);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const char *name = expected_name(exp[i]);

		/* `effect` is a word too, where a word is expected. */
		if (name && !(exp[i] == YYSYMBOL_EFFECT && has(exp, n, YYSYMBOL_WORD)))
			names[shown++] = name;
	}
	list[0] = '\0';
	for (i = 0; i < shown && off < sizeof(list); i++)
		off += snprintf(list + off, sizeof(list) - off, "%s%s",
				!i ? "" : i + 1 < shown ? ", " : " or ", names[i]);
	if (shown)
		fg_ast_error(ctx->diag, &loc, "syntax error: unexpected %s, expected %s", found,
			     list);
	else
		fg_ast_error(ctx->diag, &loc, "syntax error: unexpected %s", found);
	return 0;
}
