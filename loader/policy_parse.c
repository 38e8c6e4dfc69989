// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first-cut policy language: one statement a line.
 *
 *   # comment
 *   default allow|deny|audit
 *   ACTION [scope [OP] SCOPE] [type TYPE[,TYPE]...]
 *
 * ACTION is allow, deny or audit; OP is ==, >=, <=, > or < (none means ==);
 * rules are tried in order and the first that matches decides.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "policy.h"

#define MAX_TOKENS	64
#define MAX_POLICY_SIZE	(1 << 20)

enum tok_kind { TOK_WORD, TOK_OP, TOK_COMMA };

struct token {
	enum tok_kind kind;
	const char *s;		/* points into the line */
	int len;
	int col;		/* 1-based */
};

struct parser {
	const char *file;
	struct fg_policy *pol;
	struct fg_diag *diag;
	const char *line;	/* current line */
	int line_len;
	int lineno;
	int default_line;	/* 0 until a default statement is seen */
	struct token tok[MAX_TOKENS];
	int ntok;
};

static int perr(struct parser *p, int col, int len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int perr(struct parser *p, int col, int len, const char *fmt, ...)
{
	struct fg_diag *d = p->diag;
	va_list ap;
	int n;

	snprintf(d->file, sizeof(d->file), "%s", p->file);
	d->line = p->lineno;
	d->col = col;
	d->len = len > 0 ? len : 1;
	n = p->line_len < (int)sizeof(d->source) - 1 ? p->line_len : (int)sizeof(d->source) - 1;
	memcpy(d->source, p->line ? p->line : "", n > 0 ? n : 0);
	d->source[n > 0 ? n : 0] = '\0';
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

static int tokenize(struct parser *p)
{
	int i = 0;

	p->ntok = 0;
	while (i < p->line_len) {
		char c = p->line[i];
		struct token *t;
		int start = i;

		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '#')
			break;
		if (p->ntok == MAX_TOKENS)
			return perr(p, i + 1, 1, "too many words on one line (at most %d)", MAX_TOKENS);
		t = &p->tok[p->ntok];
		if (is_word_char(c)) {
			while (i < p->line_len && is_word_char(p->line[i]))
				i++;
			t->kind = TOK_WORD;
		} else if (strchr("<>=!", c)) {
			while (i < p->line_len && strchr("<>=!", p->line[i]) && i - start < 2)
				i++;
			t->kind = TOK_OP;
		} else if (c == ',') {
			i++;
			t->kind = TOK_COMMA;
		} else {
			return perr(p, i + 1, 1, isprint((unsigned char)c) ?
				    "unexpected character '%c'" : "unexpected byte 0x%02x",
				    (unsigned char)c);
		}
		t->s = p->line + start;
		t->len = i - start;
		t->col = start + 1;
		p->ntok++;
	}
	return 0;
}

static int tok_is(const struct token *t, const char *word)
{
	return (int)strlen(word) == t->len && !strncmp(t->s, word, t->len);
}

static int tok_name(const struct token *t, char *buf, size_t len)
{
	if (t->len >= (int)len)
		return -ENAMETOOLONG;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return 0;
}

/* Value of a word token by a name table parser, or an error at the token. */
static int tok_enum(struct parser *p, const struct token *t, int (*parse)(const char *),
		    const char *what, const char *expected)
{
	char name[64];
	int v;

	if (t->kind != TOK_WORD)
		return perr(p, t->col, t->len, "expected %s name, found '%.*s'", what, t->len, t->s);
	v = tok_name(t, name, sizeof(name)) ? -ENOENT : parse(name);
	if (v < 0)
		return perr(p, t->col, t->len, "unknown %s '%.*s' (expected %s)", what, t->len, t->s,
			    expected);
	return v;
}

static const char scope_list[] = "configuration, debug-read-only, debug-write or debug-write-full";
static const char type_list[] = "mlx5, cxl, bnxt, pds or unknown";
static const char action_list[] = "allow, deny or audit";

/* scope [OP] NAME: narrow [*lo, *hi]. Returns tokens consumed or -EINVAL. */
static int parse_scope(struct parser *p, int i, int *lo, int *hi)
{
	const struct token *kw = &p->tok[i];
	const struct token *op = NULL;
	int v, n = 1;

	if (i + 1 < p->ntok && p->tok[i + 1].kind == TOK_OP) {
		op = &p->tok[i + 1];
		n++;
	}
	if (i + n >= p->ntok)
		return perr(p, kw->col + kw->len, 1, "expected a scope name after '%.*s'",
			    op ? op->len : kw->len, op ? op->s : kw->s);
	v = tok_enum(p, &p->tok[i + n], fg_scope_parse, "scope", scope_list);
	if (v < 0)
		return v;
	if (!op || tok_is(op, "==")) {
		*lo = *lo > v ? *lo : v;
		*hi = *hi < v ? *hi : v;
	} else if (tok_is(op, ">=")) {
		*lo = *lo > v ? *lo : v;
	} else if (tok_is(op, ">")) {
		*lo = *lo > v + 1 ? *lo : v + 1;
	} else if (tok_is(op, "<=")) {
		*hi = *hi < v ? *hi : v;
	} else if (tok_is(op, "<")) {
		*hi = *hi < v - 1 ? *hi : v - 1;
	} else {
		return perr(p, op->col, op->len,
			    "unknown operator '%.*s' for scope (expected ==, >=, <=, > or <)",
			    op->len, op->s);
	}
	if (*lo > *hi)
		return perr(p, kw->col, p->tok[i + n].col + p->tok[i + n].len - kw->col,
			    "this rule's scope conditions match no scope");
	return n + 1;
}

/* type NAME[,NAME]...: set *mask. Returns tokens consumed or -EINVAL. */
static int parse_type(struct parser *p, int i, __u32 *mask)
{
	const struct token *kw = &p->tok[i];
	int n = 1, v;

	if (*mask)
		return perr(p, kw->col, kw->len, "'type' given twice in one rule");
	for (;;) {
		if (i + n >= p->ntok)
			return perr(p, kw->col + kw->len, 1, "expected a device type after '%.*s'",
				    p->tok[i + n - 1].len, p->tok[i + n - 1].s);
		v = tok_enum(p, &p->tok[i + n], fg_devtype_parse, "device type", type_list);
		if (v < 0)
			return v;
		*mask |= 1u << v;
		n++;
		if (i + n >= p->ntok || p->tok[i + n].kind != TOK_COMMA)
			return n;
		n++;
	}
}

static int parse_rule(struct parser *p, int action)
{
	struct fg_rule *rule;
	int lo = 0, hi = FG_SCOPE_MAX - 1;
	__u32 mask = 0;
	int i = 1, n;

	if (p->pol->nrules == FG_MAX_RULES)
		return perr(p, p->tok[0].col, p->tok[0].len,
			    "too many rules (at most %d in this version)", FG_MAX_RULES);
	while (i < p->ntok) {
		const struct token *t = &p->tok[i];

		if (tok_is(t, "scope"))
			n = parse_scope(p, i, &lo, &hi);
		else if (tok_is(t, "type"))
			n = parse_type(p, i, &mask);
		else
			return perr(p, t->col, t->len,
				    "unknown condition '%.*s' (expected 'scope' or 'type')", t->len,
				    t->s);
		if (n < 0)
			return n;
		i += n;
	}
	rule = &p->pol->rules[p->pol->nrules++];
	rule->action = action;
	rule->scope_min = lo;
	rule->scope_max = hi;
	rule->devtype_mask = mask ? mask : FG_DEVTYPE_ANY;
	return 0;
}

static int parse_line(struct parser *p)
{
	const struct token *t;
	int action, err;

	err = tokenize(p);
	if (err)
		return err;
	if (p->ntok == 0)
		return 0;
	t = &p->tok[0];
	if (t->kind != TOK_WORD)
		return perr(p, t->col, t->len, "expected a statement, found '%.*s'", t->len, t->s);
	if (tok_is(t, "default")) {
		if (p->default_line)
			return perr(p, t->col, t->len, "'default' given twice (first at line %d)",
				    p->default_line);
		if (p->ntok < 2)
			return perr(p, t->col + t->len, 1, "expected %s after 'default'", action_list);
		action = tok_enum(p, &p->tok[1], fg_action_parse, "action", action_list);
		if (action < 0)
			return action;
		if (p->ntok > 2)
			return perr(p, p->tok[2].col, p->tok[2].len,
				    "unexpected '%.*s' after the default action", p->tok[2].len,
				    p->tok[2].s);
		p->pol->default_action = action;
		p->default_line = p->lineno;
		return 0;
	}
	{
		char name[16];

		action = tok_name(t, name, sizeof(name)) ? -ENOENT : fg_action_parse(name);
	}
	if (action < 0)
		return perr(p, t->col, t->len,
			    "unknown statement '%.*s' (expected default, allow, deny or audit)",
			    t->len, t->s);
	return parse_rule(p, action);
}

static void policy_name(const char *file, char *name, size_t len)
{
	const char *base = strrchr(file, '/');
	const char *dot;
	size_t n;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n >= len)
		n = len - 1;
	memcpy(name, base, n);
	name[n] = '\0';
}

int fg_policy_parse_buf(const char *file, const char *buf, size_t len, struct fg_policy *out,
			struct fg_diag *diag)
{
	struct fg_policy pol;
	struct parser p = { .file = file, .pol = &pol, .diag = diag };
	size_t off = 0;
	int err;

	memset(&pol, 0, sizeof(pol));
	memset(diag, 0, sizeof(*diag));
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (buf + off)) : len - off;

		p.lineno++;
		p.line = buf + off;
		p.line_len = (int)n;
		if (memchr(p.line, '\0', n))
			return perr(&p, (int)((char *)memchr(p.line, '\0', n) - p.line) + 1, 1,
				    "NUL byte in policy text");
		err = parse_line(&p);
		if (err)
			return err;
		off += n + 1;
	}
	if (!p.default_line) {
		p.lineno = 1;
		p.line = buf;
		p.line_len = (int)(memchr(buf, '\n', len) ? (const char *)memchr(buf, '\n', len) - buf
							   : (long)len);
		return perr(&p, 1, 1, "no 'default' statement (add 'default allow' or 'default deny')");
	}
	pol.version = FG_ABI_VERSION;
	policy_name(file, pol.name, sizeof(pol.name));
	*out = pol;
	return 0;
}

int fg_policy_parse_file(const char *path, struct fg_policy *out, struct fg_diag *diag)
{
	FILE *f;
	char *buf;
	size_t n;
	int err;

	memset(diag, 0, sizeof(*diag));
	snprintf(diag->file, sizeof(diag->file), "%s", path);
	f = fopen(path, "r");
	if (!f) {
		err = -errno;
		snprintf(diag->msg, sizeof(diag->msg), "cannot open: %s", strerror(-err));
		return err;
	}
	buf = malloc(MAX_POLICY_SIZE + 1);
	if (!buf) {
		fclose(f);
		snprintf(diag->msg, sizeof(diag->msg), "out of memory");
		return -ENOMEM;
	}
	n = fread(buf, 1, MAX_POLICY_SIZE + 1, f);
	err = ferror(f) ? -EIO : 0;
	fclose(f);
	if (!err && n > MAX_POLICY_SIZE)
		err = -EFBIG;
	if (err) {
		snprintf(diag->msg, sizeof(diag->msg), err == -EFBIG ?
			 "larger than the 1 MiB a policy may have" : "cannot read: %s",
			 strerror(-err));
		free(buf);
		return err;
	}
	err = fg_policy_parse_buf(path, buf, n, out, diag);
	free(buf);
	return err;
}

void fg_rule_describe(const struct fg_rule *r, char *buf, size_t len)
{
	size_t off;
	int i, first = 1;

	off = snprintf(buf, len, "%s", fg_action_name(r->action));
	if (off < len && (r->scope_min != 0 || r->scope_max != FG_SCOPE_MAX - 1)) {
		if (r->scope_min == r->scope_max)
			off += snprintf(buf + off, len - off, " scope %s",
					fg_scope_name(r->scope_min));
		else if (r->scope_max == FG_SCOPE_MAX - 1)
			off += snprintf(buf + off, len - off, " scope >= %s",
					fg_scope_name(r->scope_min));
		else if (r->scope_min == 0)
			off += snprintf(buf + off, len - off, " scope <= %s",
					fg_scope_name(r->scope_max));
		else
			off += snprintf(buf + off, len - off, " scope >= %s scope <= %s",
					fg_scope_name(r->scope_min), fg_scope_name(r->scope_max));
	}
	if (r->devtype_mask == FG_DEVTYPE_ANY)
		return;
	for (i = 0; i < FG_DEVTYPE_MAX && off < len; i++) {
		if (!(r->devtype_mask & (1u << i)))
			continue;
		off += snprintf(buf + off, len - off, "%s%s", first ? " type " : ",",
				fg_devtype_name(i));
		first = 0;
	}
}
