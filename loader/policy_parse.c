// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first-cut policy language: one statement a line.
 *
 *   # comment
 *   default allow|deny|audit
 *   default unknown-device allow|deny|audit
 *   ACTION [CONDITION]...
 *
 * CONDITION: scope [OP] SCOPE | type TYPE[,TYPE]... |
 *            effect [any|all] EFFECT[,EFFECT]... | cmd NAME|NUMBER |
 *            feature NAME|UUID | request ok|malformed|unreadable[,...]
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

#include "effects_table.h"
#include "names.h"
#include "policy.h"
#include "text_file.h"

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
	const struct fg_effects_db *db;	/* command names; may be NULL */
	struct fg_policy *pol;
	struct fg_diag *diag;
	const char *line;	/* current line */
	int line_len;
	int lineno;
	int default_line;	/* 0 until a default statement is seen */
	int unknown_line;	/* 0 until default unknown-device is seen */
	struct token tok[MAX_TOKENS];
	int ntok;
};

static int perr(struct parser *p, int col, int len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int perr(struct parser *p, int col, int len, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fg_diag_vset(p->diag, p->file, p->lineno, p->line, p->line_len, col, len, fmt, ap);
	va_end(ap);
	return ret;
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

/* NAME[,NAME]... into a mask by a name table parser. Returns tokens
 * consumed (from i) or -EINVAL. */
static int parse_list(struct parser *p, int i, int (*parse)(const char *), const char *what,
		      const char *expected, __u32 *mask)
{
	int n = 0, v;

	for (;;) {
		if (i + n >= p->ntok)
			return perr(p, p->tok[i + n - 1].col + p->tok[i + n - 1].len, 1,
				    "expected %s %s after '%.*s'", strchr("aeiou", what[0]) ? "an" : "a",
				    what, p->tok[i + n - 1].len,
				    p->tok[i + n - 1].s);
		v = tok_enum(p, &p->tok[i + n], parse, what, expected);
		if (v < 0)
			return v;
		*mask |= 1u << v;
		n++;
		if (i + n >= p->ntok || p->tok[i + n].kind != TOK_COMMA)
			return n;
		n++;
	}
}

/* type NAME[,NAME]...: set *mask. Returns tokens consumed or -EINVAL. */
static int parse_type(struct parser *p, int i, __u32 *mask)
{
	const struct token *kw = &p->tok[i];
	int n;

	if (*mask)
		return perr(p, kw->col, kw->len, "'type' given twice, or after 'cmd' or "
			    "'feature' (which set it): put one 'type' first");
	n = parse_list(p, i + 1, fg_devtype_parse, "device type", type_list, mask);
	return n < 0 ? n : n + 1;
}

static const char effect_list[] = "read-only, config-change-immediate, "
	"config-change-after-reset, data-change-immediate, policy-change, log-change, "
	"security-state-change, background, firmware-change, reset, destructive or unknown";

/* effect [any|all] NAME[,NAME]... */
static int parse_effect(struct parser *p, int i, struct fg_rule *rule)
{
	const struct token *kw = &p->tok[i];
	__u32 mask = 0;
	int n = 1, all = 0, m;

	if (rule->effects_any || rule->effects_all)
		return perr(p, kw->col, kw->len, "'effect' given twice in one rule");
	if (i + 1 < p->ntok && (tok_is(&p->tok[i + 1], "any") || tok_is(&p->tok[i + 1], "all"))) {
		all = tok_is(&p->tok[i + 1], "all");
		n++;
	}
	m = parse_list(p, i + n, fg_effect_parse, "effect", effect_list, &mask);
	if (m < 0)
		return m;
	if (all)
		rule->effects_all = mask;
	else
		rule->effects_any = mask;
	return n + m;
}

static const char status_list[] = "ok, malformed or unreadable";

static int status_parse(const char *name)
{
	int i;

	for (i = 0; i < FG_DECODE_STATUS_MAX; i++)
		if (!strcmp(fg_decode_status_name(i), name))
			return i;
	return -ENOENT;
}

/* The single device type a rule's cmd or feature refers to. */
static int single_type(__u32 mask)
{
	int i, found = -1;

	for (i = 0; i < FG_DEVTYPE_MAX; i++)
		if (mask & (1u << i)) {
			if (found >= 0)
				return -1;
			found = i;
		}
	return found;
}

/* cmd NAME|NUMBER: NAME from the CXL names or an effects table; with no
 * type condition, the type whose table has the name. */
static int parse_cmd(struct parser *p, int i, struct fg_rule *rule)
{
	const struct token *kw = &p->tok[i], *t;
	char name[FG_CMD_NAME_LEN], *end;
	long op = -ENOENT;
	int type, d, hits = 0;

	if (rule->match & FG_MATCH_OPCODE)
		return perr(p, kw->col, kw->len, "'cmd' given twice in one rule");
	if (i + 1 >= p->ntok || p->tok[i + 1].kind != TOK_WORD)
		return perr(p, kw->col + kw->len, 1, "expected a command name or number after "
			    "'cmd'");
	t = &p->tok[i + 1];
	if (tok_name(t, name, sizeof(name)))
		return perr(p, t->col, t->len, "command name too long");
	type = rule->devtype_mask ? single_type(rule->devtype_mask) : -1;
	if (rule->devtype_mask && type <= 0)
		return perr(p, kw->col, kw->len, "'cmd' needs exactly one known device type "
			    "in the rule's 'type' condition");
	if (name[0] >= '0' && name[0] <= '9') {
		if (type <= 0)
			return perr(p, t->col, t->len, "a command number needs 'type TYPE' before "
				    "'cmd' (numbers differ between device types)");
		errno = 0;
		op = strtol(name, &end, 0);
		if (*end || errno || op < 0 || op > 0xffffffffL)
			return perr(p, t->col, t->len, "'%s' is not a command number", name);
	} else if (type > 0) {
		op = fg_effects_cmd_parse(p->db, type, name);
		if (op < 0)
			return perr(p, t->col, t->len, "unknown %s command '%s'%s",
				    fg_devtype_name(type), name, p->db || type == FG_DEVTYPE_CXL ?
				    "" : " (no effects tables loaded to name it)");
	} else {
		for (d = 1; d < FG_DEVTYPE_MAX; d++) {
			long v = fg_effects_cmd_parse(p->db, d, name);

			if (v >= 0) {
				hits++;
				op = v;
				type = d;
			}
		}
		if (hits > 1)
			return perr(p, t->col, t->len, "command '%s' exists for several device "
				    "types: add 'type TYPE' before 'cmd'", name);
		if (!hits)
			return perr(p, t->col, t->len, "unknown command '%s' (not a CXL command "
				    "and in no effects table)", name);
		rule->devtype_mask = 1u << type;
	}
	rule->opcode = (__u32)op;
	rule->match |= FG_MATCH_OPCODE;
	return 2;
}

/* feature NAME|UUID: CXL only. */
static int parse_feature(struct parser *p, int i, struct fg_rule *rule)
{
	const struct token *kw = &p->tok[i], *t;
	char name[40];

	if (rule->match & FG_MATCH_UUID)
		return perr(p, kw->col, kw->len, "'feature' given twice in one rule");
	if (rule->devtype_mask && rule->devtype_mask != 1u << FG_DEVTYPE_CXL)
		return perr(p, kw->col, kw->len, "'feature' is a CXL condition: the rule's type "
			    "must be cxl");
	if (i + 1 >= p->ntok || p->tok[i + 1].kind != TOK_WORD)
		return perr(p, kw->col + kw->len, 1, "expected a feature name or UUID after "
			    "'feature'");
	t = &p->tok[i + 1];
	if (tok_name(t, name, sizeof(name)) ||
	    (fg_uuid_parse(name, rule->uuid) && fg_cxl_feature_parse(name, rule->uuid)))
		return perr(p, t->col, t->len, "unknown feature '%.*s' (a UUID, or one of "
			    "patrol_scrub, ecs, soft_ppr, hard_ppr, cacheline_sparing, "
			    "row_sparing, bank_sparing, rank_sparing, vendor_test)", t->len, t->s);
	rule->devtype_mask = 1u << FG_DEVTYPE_CXL;
	rule->match |= FG_MATCH_UUID;
	return 2;
}

static int parse_rule(struct parser *p, int action)
{
	struct fg_rule *rule, r = {};
	int lo = 0, hi = FG_SCOPE_MAX - 1;
	__u32 status = 0;
	int i = 1, n;

	if (p->pol->nrules == FG_MAX_RULES)
		return perr(p, p->tok[0].col, p->tok[0].len,
			    "too many rules (at most %d in this version)", FG_MAX_RULES);
	while (i < p->ntok) {
		const struct token *t = &p->tok[i];

		if (tok_is(t, "scope")) {
			n = parse_scope(p, i, &lo, &hi);
		} else if (tok_is(t, "type")) {
			n = parse_type(p, i, &r.devtype_mask);
		} else if (tok_is(t, "effect")) {
			n = parse_effect(p, i, &r);
		} else if (tok_is(t, "cmd")) {
			n = parse_cmd(p, i, &r);
		} else if (tok_is(t, "feature")) {
			n = parse_feature(p, i, &r);
		} else if (tok_is(t, "request")) {
			if (status)
				return perr(p, t->col, t->len, "'request' given twice in one rule");
			n = parse_list(p, i + 1, status_parse, "request state", status_list,
				       &status);
			n = n < 0 ? n : n + 1;
		} else {
			return perr(p, t->col, t->len, "unknown condition '%.*s' (expected scope, "
				    "type, effect, cmd, feature or request)", t->len, t->s);
		}
		if (n < 0)
			return n;
		i += n;
	}
	rule = &p->pol->rules[p->pol->nrules++];
	*rule = r;
	rule->action = action;
	rule->scope_min = lo;
	rule->scope_max = hi;
	rule->devtype_mask = r.devtype_mask ? r.devtype_mask : FG_DEVTYPE_ANY;
	/* A rule that does not say otherwise judges requests that decoded. */
	rule->status_mask = status ? status : 1u << FG_DECODE_OK;
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
	if (tok_is(t, "default") && p->ntok > 1 && tok_is(&p->tok[1], "unknown-device")) {
		if (p->unknown_line)
			return perr(p, t->col, p->tok[1].col + p->tok[1].len - t->col,
				    "'default unknown-device' given twice (first at line %d)",
				    p->unknown_line);
		if (p->ntok < 3)
			return perr(p, p->tok[1].col + p->tok[1].len, 1, "expected %s after "
				    "'default unknown-device'", action_list);
		action = tok_enum(p, &p->tok[2], fg_action_parse, "action", action_list);
		if (action < 0)
			return action;
		if (p->ntok > 3)
			return perr(p, p->tok[3].col, p->tok[3].len,
				    "unexpected '%.*s' after the action", p->tok[3].len, p->tok[3].s);
		p->pol->unknown_device_action = action;
		p->unknown_line = p->lineno;
		return 0;
	}
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

int fg_policy_parse_buf(const char *file, const char *buf, size_t len,
			const struct fg_effects_db *db, struct fg_policy *out, struct fg_diag *diag)
{
	struct fg_policy pol;
	struct parser p = { .file = file, .db = db, .pol = &pol, .diag = diag };
	size_t off = 0;
	int err;

	memset(&pol, 0, sizeof(pol));
	memset(diag, 0, sizeof(*diag));
	/* Safe default: a node the loader has not typed is refused. */
	pol.unknown_device_action = FG_ACTION_DENY;
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

int fg_policy_parse_file(const char *path, const struct fg_effects_db *db, struct fg_policy *out,
			 struct fg_diag *diag)
{
	char *buf = NULL;
	size_t n = 0;
	int err;

	err = fg_read_text(path, MAX_POLICY_SIZE, "policy", &buf, &n, diag);
	if (err)
		return err;
	err = fg_policy_parse_buf(path, buf, n, db, out, diag);
	free(buf);
	return err;
}

static size_t append(char *buf, size_t len, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static size_t append(char *buf, size_t len, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (off >= len)
		return off;
	va_start(ap, fmt);
	n = vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
	return n < 0 ? off : off + n;
}

static size_t append_mask(char *buf, size_t len, size_t off, const char *kw, __u32 mask,
			  int max, const char *(*name)(__u32))
{
	int i, first = 1;

	for (i = 0; i < max; i++) {
		if (!(mask & (1u << i)))
			continue;
		off = append(buf, len, off, "%s%s", first ? kw : ",", name(i));
		first = 0;
	}
	return off;
}

void fg_rule_describe(const struct fg_rule *r, const struct fg_effects_db *db, char *buf,
		      size_t len)
{
	int type = single_type(r->devtype_mask);
	const char *cmd = NULL;
	size_t off;

	off = append(buf, len, 0, "%s", fg_action_name(r->action));
	if (r->scope_min != 0 || r->scope_max != FG_SCOPE_MAX - 1) {
		if (r->scope_min == r->scope_max)
			off = append(buf, len, off, " scope %s", fg_scope_name(r->scope_min));
		else if (r->scope_max == FG_SCOPE_MAX - 1)
			off = append(buf, len, off, " scope >= %s", fg_scope_name(r->scope_min));
		else if (r->scope_min == 0)
			off = append(buf, len, off, " scope <= %s", fg_scope_name(r->scope_max));
		else
			off = append(buf, len, off, " scope >= %s scope <= %s",
				     fg_scope_name(r->scope_min), fg_scope_name(r->scope_max));
	}
	if (r->devtype_mask != FG_DEVTYPE_ANY)
		off = append_mask(buf, len, off, " type ", r->devtype_mask, FG_DEVTYPE_MAX,
				  fg_devtype_name);
	if (r->match & FG_MATCH_OPCODE) {
		if (type > 0)
			cmd = fg_effects_cmd_name(db, type, r->opcode);
		off = cmd ? append(buf, len, off, " cmd %s", cmd) :
			    append(buf, len, off, " cmd 0x%04x", r->opcode);
	}
	if (r->match & FG_MATCH_UUID) {
		const char *fname = fg_cxl_feature_name(r->uuid);
		char uuid[37];

		fg_uuid_format(r->uuid, uuid);
		off = append(buf, len, off, " feature %s", fname ? fname : uuid);
	}
	if (r->effects_any)
		off = append_mask(buf, len, off, " effect ", r->effects_any, FG_EFFECT_MAX,
				  fg_effect_name);
	if (r->effects_all)
		off = append_mask(buf, len, off, " effect all ", r->effects_all, FG_EFFECT_MAX,
				  fg_effect_name);
	if (r->status_mask != 1u << FG_DECODE_OK)
		append_mask(buf, len, off, " request ", r->status_mask, FG_DECODE_STATUS_MAX,
			    fg_decode_status_name);
}
