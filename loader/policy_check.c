// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy checker: syntax trees -> struct fg_program.
 *
 * Walks the main file's statements in order; an include is checked where it
 * stands, so its rules land where the include statement is. Resolves every
 * name (scopes, types, commands, effects, users, groups, capabilities),
 * expands @sets, resolves exe and cgroup paths to the inodes the kernel
 * compares, and enforces the limits. Every error points at the offending
 * token of the file it is in; the first error ends the check.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <nettle/sha2.h>

#include "effects_table.h"
#include "names.h"
#include "policy_ast.h"
#include "policy_ir.h"
#include "text_file.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DEFAULT_CGROUP_ROOT "/sys/fs/cgroup"

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
	bool nomem;
};

/* A value of a condition: the item, and the @ref in the rule it came
 * through, if any (for messages). */
struct xitem {
	const struct fg_ast_item *it;
	const struct fg_ast_item *via;
};

static int err_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int err_item(struct checker *c, const struct xitem *x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int err_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fg_ast_verror(c->err, loc, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* An item that came through a set is shown where the set holds it; the
 * message says which rule used it. */
static int err_item(struct checker *c, const struct xitem *x, const char *fmt, ...)
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

static void warn_at(struct checker *c, const struct fg_ast_loc *loc, const char *fmt, ...)
{
	va_list ap;

	if (!c->warn)
		return;
	if (c->warn->nwarn == FG_MAX_WARNINGS) {
		c->warn->dropped++;
		return;
	}
	va_start(ap, fmt);
	fg_ast_verror(&c->warn->warn[c->warn->nwarn++], loc, fmt, ap);
	va_end(ap);
}

static int nomem(struct checker *c)
{
	c->nomem = true;
	snprintf(c->err->msg, sizeof(c->err->msg), "out of memory");
	return -ENOMEM;
}

/* Append one element to a malloc'd array of *n. */
static int push(struct checker *c, void *arrp, size_t *n, const void *elem, size_t size)
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

/* ---- values ----------------------------------------------------------- */

/* Decimal or 0x hex, all of it, within a u32. */
static int parse_u32(const char *s, __u32 *v)
{
	unsigned long long x;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!isxdigit((unsigned char)s[2]))
			return -EINVAL;
	} else {
		const char *p;

		for (p = s; *p; p++)
			if (!isdigit((unsigned char)*p))
				return -EINVAL;
	}
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || *end || x > 0xffffffffULL)
		return -EINVAL;
	*v = (__u32)x;
	return 0;
}

static const char scope_list[] =
	"configuration, debug-read-only, debug-write, debug-write-full or 0-3";
static const char type_list[] = "mlx5, cxl, bnxt, pds or unknown";
static const char action_list[] = "allow, deny or audit";
static const char status_list[] = "ok, malformed or unreadable";
static const char feature_list[] =
	"patrol_scrub, ecs, soft_ppr, hard_ppr, cacheline_sparing, row_sparing, bank_sparing, rank_sparing, vendor_test";

static int scope_value(const char *s, int len)
{
	char name[32];
	__u32 v;

	if (len <= 0 || len >= (int)sizeof(name))
		return -ENOENT;
	memcpy(name, s, len);
	name[len] = '\0';
	if (!parse_u32(name, &v))
		return v < FG_SCOPE_MAX ? (int)v : -ENOENT;
	return fg_scope_parse(name);
}

/* DDDD:BB:DD.F, hex; lower-cased into out[13]. */
static int pci_parse(const char *s, char *out)
{
	static const char shape[] = "xxxx:xx:xx.x";
	unsigned int dev, fn;
	int i;

	if (strlen(s) != sizeof(shape) - 1)
		return -EINVAL;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'x' ? !isxdigit((unsigned char)s[i]) : s[i] != shape[i])
			return -EINVAL;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	dev = (unsigned int)strtoul(out + 8, NULL, 16);
	fn = (unsigned int)strtoul(out + 11, NULL, 16);
	return dev <= 0x1f && fn <= 7 ? 0 : -EINVAL;
}

/*
 * Users and groups by the host's name service; then /etc/passwd and
 * /etc/group directly, for the static build in an image without NSS
 * modules, where getpwnam_r finds nobody.
 */
static int lookup_user(const char *name, __u32 *id)
{
	struct passwd pw, *res = NULL;
	char buf[16384];
	FILE *f;

	if (!getpwnam_r(name, &pw, buf, sizeof(buf), &res) && res) {
		*id = pw.pw_uid;
		return 0;
	}
	f = fopen("/etc/passwd", "re");
	if (!f)
		return -ENOENT;
	while (!fgetpwent_r(f, &pw, buf, sizeof(buf), &res))
		if (!strcmp(pw.pw_name, name)) {
			*id = pw.pw_uid;
			fclose(f);
			return 0;
		}
	fclose(f);
	return -ENOENT;
}

static int lookup_group(const char *name, __u32 *id)
{
	struct group gr, *res = NULL;
	char buf[16384];
	FILE *f;

	if (!getgrnam_r(name, &gr, buf, sizeof(buf), &res) && res) {
		*id = gr.gr_gid;
		return 0;
	}
	f = fopen("/etc/group", "re");
	if (!f)
		return -ENOENT;
	while (!fgetgrent_r(f, &gr, buf, sizeof(buf), &res))
		if (!strcmp(gr.gr_name, name)) {
			*id = gr.gr_gid;
			fclose(f);
			return 0;
		}
	fclose(f);
	return -ENOENT;
}

static int edit_distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j;
	int row[FG_CMD_NAME_LEN + 1];

	if (la > FG_CMD_NAME_LEN || lb > FG_CMD_NAME_LEN)
		return INT_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		int diag = row[0], up;

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* The known command name closest to name, if it is close. */
static const char *suggest_cmd(const struct fg_effects_db *db, const char *name)
{
	static const char *const cxl[] = { "get_supported_features", "get_feature",
					   "set_feature" };
	const char *best = NULL;
	int best_d = (int)strlen(name) / 3 + 1, d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cxl); i++) {
		d = edit_distance(name, cxl[i]);
		if (d < best_d) {
			best_d = d;
			best = cxl[i];
		}
	}
	for (i = 0; db && i < db->n; i++) {
		if (!db->e[i].name[0])
			continue;
		d = edit_distance(name, db->e[i].name);
		if (d < best_d) {
			best_d = d;
			best = db->e[i].name;
		}
	}
	return best;
}

/* ---- lists and sets --------------------------------------------------- */

static struct set_def *find_set(struct checker *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsets; i++)
		if (!strcmp(c->sets[i].name, name))
			return &c->sets[i];
	return NULL;
}

/* A list's values, sets expanded, into *out (malloc'd). */
static int expand(struct checker *c, const struct fg_ast_list *l, const char *what,
		  struct xitem **out, size_t *n)
{
	const struct fg_ast_item *it;
	size_t i;
	int ret;

	*out = NULL;
	*n = 0;
	for (it = l->head; it; it = it->next) {
		const struct set_def *s = NULL;
		struct xitem x = { .it = it };

		if (it->kind == FG_AST_SETREF) {
			s = find_set(c, it->s);
			if (!s) {
				ret = err_at(c, &it->loc, "@%s is not defined", it->s);
				goto fail;
			}
		}
		for (i = 0; i < (s ? s->n : 1); i++) {
			if (s) {
				x.it = s->items[i];
				x.via = it;
			}
			ret = push(c, out, n, &x, sizeof(x));
			if (ret)
				goto fail;
		}
	}
	if (!*n) {
		ret = err_at(c, &l->loc, "%s needs at least one value", what);
		goto fail;
	}
	if (*n > FG_IR_MAX_SET_ITEMS) {
		ret = err_at(c, &l->loc, "more than %d values in one list", FG_IR_MAX_SET_ITEMS);
		goto fail;
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	return ret;
}

static bool valid_set_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static int check_set(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *name = st->args[0], *it;
	struct set_def def = { .name = name->s, .loc = name->loc }, *old;
	int ret;

	if (name->kind == FG_AST_SETREF)
		return err_at(c, &name->loc, "a set's name is written without '@'");
	if (!valid_set_name(name->s))
		return err_at(c, &name->loc,
			      "invalid set name '%s' (letters, digits and '_', not starting with a digit)",
			      name->s);
	old = find_set(c, name->s);
	if (old)
		return err_at(c, &name->loc, "set '%s' is already defined (at %s:%d)", name->s,
			      old->loc.src->path, old->loc.line);
	for (it = st->list->head; it; it = it->next) {
		if (it->kind == FG_AST_SETREF) {
			const struct set_def *s = find_set(c, it->s);
			size_t i;

			if (!s) {
				ret = err_at(c, &it->loc, "@%s is not defined", it->s);
				goto fail;
			}
			for (i = 0; i < s->n; i++) {
				ret = push(c, &def.items, &def.n, &s->items[i], sizeof(it));
				if (ret)
					goto fail;
			}
		} else {
			ret = push(c, &def.items, &def.n, &it, sizeof(it));
			if (ret)
				goto fail;
		}
		if (def.n > FG_IR_MAX_SET_ITEMS) {
			ret = err_at(c, &it->loc, "set '%s' has more than %d items", name->s,
				     FG_IR_MAX_SET_ITEMS);
			goto fail;
		}
	}
	if (!def.n) {
		ret = err_at(c, &st->list->loc, "set '%s' is empty", name->s);
		goto fail;
	}
	ret = push(c, &c->sets, &c->nsets, &def, sizeof(def));
	if (!ret)
		return 0;
fail:
	free(def.items);
	return ret;
}

/* ---- conditions ------------------------------------------------------- */

enum cond_kind {
	C_SCOPE, C_TYPE, C_NODE, C_PARENT, C_PCI, C_SERIAL, C_CMD, C_FEATURE, C_EFFECT,
	C_REQUEST, C_UID, C_EUID, C_GID, C_COMM, C_EXE, C_CGROUP, C_CAP, C_MAX,
	C_EFFECT_ALL = C_MAX,	/* `effect all` is a kind of its own for "twice" */
	C_SLOTS,
};

static const char *const cond_names[C_MAX] = {
	[C_SCOPE] = "scope", [C_TYPE] = "type", [C_NODE] = "node", [C_PARENT] = "parent",
	[C_PCI] = "pci", [C_SERIAL] = "serial", [C_CMD] = "cmd", [C_FEATURE] = "feature",
	[C_EFFECT] = "effect", [C_REQUEST] = "request", [C_UID] = "uid", [C_EUID] = "euid",
	[C_GID] = "gid", [C_COMM] = "comm", [C_EXE] = "exe", [C_CGROUP] = "cgroup",
	[C_CAP] = "cap",
};

struct rule_ctx {
	struct checker *c;
	struct fg_ir_rule *r;
	const struct fg_ast_cond *type;	/* the rule's type condition, if any */
};

static int add_str(struct checker *c, char ***arr, size_t *n, const char *s)
{
	char *dup;
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*arr)[i], s))
			return 0;
	dup = strdup(s);
	if (!dup)
		return nomem(c);
	if (push(c, arr, n, &dup, sizeof(dup))) {
		free(dup);
		return -ENOMEM;
	}
	return 0;
}

static int add_u32(struct checker *c, __u32 **arr, size_t *n, __u32 v)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i] == v)
			return 0;
	return push(c, arr, n, &v, sizeof(v));
}

static int add_cmd(struct checker *c, struct fg_ir_rule *r, __u32 devtype, __u32 opcode)
{
	struct fg_ir_cmd cmd = { .devtype = devtype, .opcode = opcode };
	size_t i;

	for (i = 0; i < r->ncmds; i++)
		if (r->cmds[i].devtype == devtype && r->cmds[i].opcode == opcode)
			return 0;
	return push(c, &r->cmds, &r->ncmds, &cmd, sizeof(cmd));
}

/* scope [OP] SCOPE | scope LIST | scope A..B: narrows the rule's mask. */
static int cond_scope(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		      size_t n)
{
	struct checker *c = rc->c;
	__u8 mask = 0;
	size_t i;

	if (cd->op != FG_OP_NONE && (n != 1 || strstr(v[0].it->s, "..")))
		return err_at(c, &cd->list->loc, "an operator takes a single scope");
	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s, *dots = strstr(s, "..");
		int lo, hi, b;

		if (dots) {
			lo = scope_value(s, (int)(dots - s));
			hi = scope_value(dots + 2, (int)strlen(dots + 2));
			if (lo < 0 || hi < 0)
				return err_item(c, &v[i],
						"unknown scope range '%s' (expected SCOPE..SCOPE, a scope being %s)",
						s, scope_list);
			if (lo > hi)
				return err_item(c, &v[i],
						"scope range '%s' is empty (its first end is above its second)",
						s);
		} else {
			lo = hi = scope_value(s, (int)strlen(s));
			if (lo < 0)
				return err_item(c, &v[i], "unknown scope '%s' (expected %s)", s,
						scope_list);
		}
		switch (cd->op) {
		case FG_OP_GE:
			hi = FG_SCOPE_MAX - 1;
			break;
		case FG_OP_GT:
			lo++;
			hi = FG_SCOPE_MAX - 1;
			break;
		case FG_OP_LE:
			lo = 0;
			break;
		case FG_OP_LT:
			hi--;
			lo = 0;
			break;
		default:
			break;
		}
		for (b = lo; b <= hi; b++)
			mask |= 1u << b;
	}
	rc->r->scopes &= mask;
	if (!rc->r->scopes)
		return err_at(c, &cd->loc, "the rule's scope conditions match no scope");
	return 0;
}

static int cond_type(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		     size_t n)
{
	__u32 mask = 0;
	size_t i;
	int t;

	(void)cd;
	for (i = 0; i < n; i++) {
		t = fg_devtype_parse(v[i].it->s);
		if (t < 0)
			return err_item(rc->c, &v[i], "unknown device type '%s' (expected %s)",
					v[i].it->s, type_list);
		mask |= 1u << t;
	}
	rc->r->devtypes = mask;
	return 0;
}

/* node, parent, serial, comm: names of at most max characters. */
static int cond_names_list(struct rule_ctx *rc, const struct xitem *v, size_t n, const char *what,
			   size_t max, const char *why, char ***arr, size_t *narr)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (!*s)
			return err_item(rc->c, &v[i], "empty %s", what);
		if (strlen(s) > max)
			return err_item(rc->c, &v[i], "%s is at most %zu characters%s", what, max,
					why);
		ret = add_str(rc->c, arr, narr, s);
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_pci(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	char addr[16];
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		if (pci_parse(v[i].it->s, addr))
			return err_item(rc->c, &v[i],
					"'%s' is not a PCI address (DDDD:BB:DD.F, hex)",
					v[i].it->s);
		ret = add_str(rc->c, &r->parents, &r->nparents, addr);
		if (ret)
			return ret;
	}
	return 0;
}

static int cmd_number(struct rule_ctx *rc, const struct xitem *x, __u32 op)
{
	struct checker *c = rc->c;
	__u32 known = rc->r->devtypes & FG_DEVTYPE_KNOWN;
	int t, ret;

	if (!rc->type || !known)
		return err_item(c, x,
				"a command number needs 'type' in the same rule (numbers mean different commands on different device types)");
	for (t = 1; t < FG_DEVTYPE_MAX; t++) {
		if (!(known & (1u << t)))
			continue;
		if (c->opts->db && !fg_effects_cmd_name(c->opts->db, t, op))
			warn_at(c, &x->it->loc,
				"command 0x%04x has no name in the %s effects tables; its effects are unknown",
				op, fg_devtype_name(t));
		ret = add_cmd(c, rc->r, t, op);
		if (ret)
			return ret;
	}
	return 0;
}

/* A name is looked up for every device type: one command per type that
 * has it, restricted to the rule's types when it has a type condition. */
static int cmd_name(struct rule_ctx *rc, const struct xitem *x)
{
	struct checker *c = rc->c;
	const char *name = x->it->s, *hint;
	__u32 found = 0;
	int t, ret, kept = 0;
	long op;

	for (t = 1; t < FG_DEVTYPE_MAX; t++) {
		op = fg_effects_cmd_parse(c->opts->db, t, name);
		if (op < 0)
			continue;
		found |= 1u << t;
		if (rc->type && !(rc->r->devtypes & (1u << t)))
			continue;
		ret = add_cmd(c, rc->r, t, (__u32)op);
		if (ret)
			return ret;
		kept++;
	}
	if (kept)
		return 0;
	if (found) {
		char types[64];
		size_t off = 0;

		types[0] = '\0';
		for (t = 1; t < FG_DEVTYPE_MAX; t++)
			if (found & (1u << t))
				off += snprintf(types + off, sizeof(types) - off, "%s%s",
						off ? "," : "", fg_devtype_name(t));
		return err_item(c, x,
				"command '%s' is not a command of the rule's device types (it is a %s command)",
				name, types);
	}
	hint = suggest_cmd(c->opts->db, name);
	if (hint)
		return err_item(c, x, "unknown command '%s' (did you mean '%s'?)", name, hint);
	return err_item(c, x, "unknown command '%s'%s", name,
			c->opts->db ? "" : " (not a CXL command, and no effects tables are loaded)");
}

static int cond_cmd(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	size_t i;
	__u32 op;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (isdigit((unsigned char)s[0])) {
			if (parse_u32(s, &op))
				return err_item(rc->c, &v[i],
						"'%s' is not a command number (decimal or 0x hex, at most 0xffffffff)",
						s);
			ret = cmd_number(rc, &v[i], op);
		} else {
			ret = cmd_name(rc, &v[i]);
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_feature(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	__u8 uuid[16];
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		if (fg_uuid_parse(v[i].it->s, uuid) && fg_cxl_feature_parse(v[i].it->s, uuid))
			return err_item(rc->c, &v[i], "unknown feature '%s' (a UUID, or one of %s)",
					v[i].it->s, feature_list);
		for (j = 0; j < r->nfeatures; j++)
			if (!memcmp(r->features[j], uuid, 16))
				break;
		if (j < r->nfeatures)
			continue;
		ret = push(rc->c, &r->features, &r->nfeatures, uuid, sizeof(uuid));
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_effect(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		       size_t n)
{
	__u32 mask = 0;
	size_t i;
	int e;

	for (i = 0; i < n; i++) {
		e = fg_effect_parse(v[i].it->s);
		if (e < 0)
			return err_item(rc->c, &v[i],
					"unknown effect '%.40s' (see docs/effects.md: read-only, config-change-immediate, reset, destructive, unknown, ...)",
					v[i].it->s);
		mask |= FG_EFFECT_BIT(e);
	}
	if (cd->qual == FG_QUAL_ALL)
		rc->r->effects_all = mask;
	else
		rc->r->effects_any = mask;
	return 0;
}

static int cond_request(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	__u8 mask = 0;
	size_t i;
	int s;

	for (i = 0; i < n; i++) {
		s = fg_decode_status_parse(v[i].it->s);
		if (s < 0)
			return err_item(rc->c, &v[i], "unknown request state '%s' (expected %s)",
					v[i].it->s, status_list);
		mask |= 1u << s;
	}
	rc->r->statuses = mask;
	return 0;
}

/* uid, euid, gid: numbers, or names from the host's user database. */
static int cond_ids(struct rule_ctx *rc, const struct xitem *v, size_t n, bool group,
		    __u32 **arr, size_t *narr)
{
	size_t i;
	__u32 id;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (parse_u32(s, &id) && (group ? lookup_group(s, &id) : lookup_user(s, &id))) {
			if (isdigit((unsigned char)s[0]))
				return err_item(rc->c, &v[i],
						"'%s' is neither a %s id (0 to 4294967295) nor a %s name",
						s,
						group ? "group" : "user", group ? "group" : "user");
			return err_item(rc->c, &v[i], "unknown %s '%s'", group ? "group" : "user",
					s);
		}
		ret = add_u32(rc->c, arr, narr, id);
		if (ret)
			return ret;
	}
	return 0;
}

static void not_found(struct checker *c, const struct xitem *x, const char *what, int err)
{
	if (err == -ENOENT)
		warn_at(c, &x->it->loc,
			"%s '%s' does not exist; the rule cannot match it until the policy is reloaded",
			what, x->it->s);
	else
		warn_at(c, &x->it->loc,
			"%s '%s' cannot be checked (%s); the rule cannot match it until the policy is reloaded",
			what, x->it->s, strerror(-err));
}

/* The kernel compares the caller's exe by the inode its path names now
 * (following symlinks, as /proc/PID/exe does). */
static int cond_exe(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	struct fg_ir_rule *r = rc->r;
	struct stat st;
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		struct fg_ir_exe exe = {};
		const char *s = v[i].it->s;

		if (s[0] != '/')
			return err_item(c, &v[i], "exe needs an absolute path, not '%s'", s);
		if (strlen(s) >= PATH_MAX)
			return err_item(c, &v[i], "exe path longer than %d bytes", PATH_MAX - 1);
		for (j = 0; j < r->nexes; j++)
			if (!strcmp(r->exes[j].path, s))
				break;
		if (j < r->nexes)
			continue;
		if (!c->opts->no_resolve) {
			if (stat(s, &st)) {
				not_found(c, &v[i], "exe", -errno);
			} else if (S_ISDIR(st.st_mode)) {
				return err_item(c, &v[i], "exe '%s' is a directory", s);
			} else {
				exe.dev = (__u64)major(st.st_dev) << FG_KDEV_MINORBITS |
					  minor(st.st_dev);
				exe.ino = st.st_ino;
			}
		}
		exe.path = strdup(s);
		if (!exe.path)
			return nomem(c);
		ret = push(c, &r->exes, &r->nexes, &exe, sizeof(exe));
		if (ret) {
			free(exe.path);
			return ret;
		}
	}
	return 0;
}

/* A cgroup v2 directory's inode number is the cgroup id the kernel
 * reports for a task. */
static int cond_cgroup(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	struct fg_ir_rule *r = rc->r;
	const char *root = c->opts->cgroup_root ? c->opts->cgroup_root : DEFAULT_CGROUP_ROOT;
	char full[PATH_MAX];
	struct stat st;
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		struct fg_ir_cgroup cg = {};
		const char *s = v[i].it->s, *p;

		if (s[0] != '/')
			return err_item(c, &v[i],
					"a cgroup path starts with '/' (the cgroup root), not '%s'",
					s);
		for (p = s; (p = strstr(p, "..")); p += 2)
			if (p[-1] == '/' && (p[2] == '/' || !p[2]))
				return err_item(c, &v[i], "a cgroup path has no '..' in it");
		if ((size_t)snprintf(full, sizeof(full), "%s%s", root, strcmp(s, "/") ? s : "") >=
		    sizeof(full))
			return err_item(c, &v[i], "cgroup path too long");
		for (j = 0; j < r->ncgroups; j++)
			if (!strcmp(r->cgroups[j].path, s))
				break;
		if (j < r->ncgroups)
			continue;
		if (!c->opts->no_resolve) {
			if (stat(full, &st))
				not_found(c, &v[i], "cgroup", -errno);
			else if (!S_ISDIR(st.st_mode))
				return err_item(c, &v[i], "cgroup '%s' is not a directory under %s",
						s, root);
			else
				cg.id = st.st_ino;
		}
		cg.path = strdup(s);
		if (!cg.path)
			return nomem(c);
		ret = push(c, &r->cgroups, &r->ncgroups, &cg, sizeof(cg));
		if (ret) {
			free(cg.path);
			return ret;
		}
	}
	return 0;
}

/* The kernel side keeps a few capability bits per rule: the policy as a
 * whole may name at most FG_IR_MAX_CAPS. */
static int cond_cap(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	size_t i;
	int cap;

	for (i = 0; i < n; i++) {
		cap = fg_cap_parse(v[i].it->s);
		if (cap == -ERANGE)
			return err_item(c, &v[i], "capability number %s is out of range (0-63)",
					v[i].it->s);
		if (cap < 0)
			return err_item(c, &v[i],
					"unknown capability '%s' (a name from capabilities(7), e.g. sys_admin or CAP_SYS_RAWIO, or 0-63)",
					v[i].it->s);
		if (!(c->caps_seen & (1ULL << cap)) &&
		    __builtin_popcountll(c->caps_seen) == FG_IR_MAX_CAPS)
			return err_item(c, &v[i], "at most %d distinct capabilities in a policy",
					FG_IR_MAX_CAPS);
		c->caps_seen |= 1ULL << cap;
		rc->r->caps |= 1ULL << cap;
	}
	return 0;
}

static int check_cond(struct rule_ctx *rc, enum cond_kind k, const struct fg_ast_cond *cd)
{
	static const char why_comm[] = " (the kernel's TASK_COMM_LEN)";
	struct fg_ir_rule *r = rc->r;
	struct xitem *v;
	size_t n;
	char what[32];
	int ret;

	snprintf(what, sizeof(what), "'%s'", cond_names[k]);
	ret = expand(rc->c, cd->list, what, &v, &n);
	if (ret)
		return ret;
	switch (k) {
	case C_SCOPE:
		ret = cond_scope(rc, cd, v, n);
		break;
	case C_TYPE:
		ret = cond_type(rc, cd, v, n);
		break;
	case C_NODE:
		ret = cond_names_list(rc, v, n, "node", FG_DEVNAME_LEN - 1, "", &r->nodes,
				      &r->nnodes);
		break;
	case C_PARENT:
		ret = cond_names_list(rc, v, n, "parent", FG_PARENT_LEN - 1, "", &r->parents,
				      &r->nparents);
		break;
	case C_PCI:
		ret = cond_pci(rc, v, n);
		break;
	case C_SERIAL:
		ret = cond_names_list(rc, v, n, "serial", FG_SERIAL_LEN - 1, "", &r->serials,
				      &r->nserials);
		break;
	case C_CMD:
		ret = cond_cmd(rc, v, n);
		break;
	case C_FEATURE:
		ret = cond_feature(rc, v, n);
		break;
	case C_EFFECT:
		ret = cond_effect(rc, cd, v, n);
		break;
	case C_REQUEST:
		ret = cond_request(rc, v, n);
		break;
	case C_UID:
		ret = cond_ids(rc, v, n, false, &r->uids, &r->nuids);
		break;
	case C_EUID:
		ret = cond_ids(rc, v, n, false, &r->euids, &r->neuids);
		break;
	case C_GID:
		ret = cond_ids(rc, v, n, true, &r->gids, &r->ngids);
		break;
	case C_COMM:
		ret = cond_names_list(rc, v, n, "comm", FG_COMM_LEN - 1, why_comm, &r->comms,
				      &r->ncomms);
		break;
	case C_EXE:
		ret = cond_exe(rc, v, n);
		break;
	case C_CGROUP:
		ret = cond_cgroup(rc, v, n);
		break;
	case C_CAP:
		ret = cond_cap(rc, v, n);
		break;
	default:
		ret = -EINVAL;
	}
	free(v);
	return ret;
}

/* ---- rules ------------------------------------------------------------ */

static bool same_strs(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]); j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

static bool same_u32s(const __u32 *a, size_t na, const __u32 *b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && a[i] != b[j]; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

/* The same conditions, lists compared as sets (each list has no
 * duplicates). */
static bool same_conds(const struct fg_ir_rule *a, const struct fg_ir_rule *b)
{
	size_t i, j;

	if (a->scopes != b->scopes || a->statuses != b->statuses || a->devtypes != b->devtypes ||
	    a->effects_any != b->effects_any || a->effects_all != b->effects_all ||
	    a->caps != b->caps || a->ncmds != b->ncmds || a->nfeatures != b->nfeatures ||
	    a->nexes != b->nexes || a->ncgroups != b->ncgroups)
		return false;
	if (!same_strs(a->nodes, a->nnodes, b->nodes, b->nnodes) ||
	    !same_strs(a->parents, a->nparents, b->parents, b->nparents) ||
	    !same_strs(a->serials, a->nserials, b->serials, b->nserials) ||
	    !same_strs(a->comms, a->ncomms, b->comms, b->ncomms) ||
	    !same_u32s(a->uids, a->nuids, b->uids, b->nuids) ||
	    !same_u32s(a->euids, a->neuids, b->euids, b->neuids) ||
	    !same_u32s(a->gids, a->ngids, b->gids, b->ngids))
		return false;
	for (i = 0; i < a->ncmds; i++) {
		for (j = 0; j < b->ncmds; j++)
			if (a->cmds[i].devtype == b->cmds[j].devtype &&
			    a->cmds[i].opcode == b->cmds[j].opcode)
				break;
		if (j == b->ncmds)
			return false;
	}
	for (i = 0; i < a->nfeatures; i++) {
		for (j = 0; j < b->nfeatures && memcmp(a->features[i], b->features[j], 16); j++)
			;
		if (j == b->nfeatures)
			return false;
	}
	for (i = 0; i < a->nexes; i++) {
		for (j = 0; j < b->nexes && strcmp(a->exes[i].path, b->exes[j].path); j++)
			;
		if (j == b->nexes)
			return false;
	}
	for (i = 0; i < a->ncgroups; i++) {
		for (j = 0; j < b->ncgroups && strcmp(a->cgroups[i].path, b->cgroups[j].path); j++)
			;
		if (j == b->ncgroups)
			return false;
	}
	return true;
}

/* The rule as written on one line: comments dropped, runs of blanks and
 * newlines made one space, strings kept as they are. */
static char *rule_text(const struct fg_ast_stmt *st)
{
	const char *s = st->loc.src->buf;
	size_t i, n = 0;
	bool space = false, quoted = false;
	char *out = malloc(st->loc.end - st->loc.off + 1);

	if (!out)
		return NULL;
	for (i = st->loc.off; i < st->loc.end; i++) {
		char ch = s[i];

		if (quoted) {
			out[n++] = ch;
			if (ch == '\\' && i + 1 < st->loc.end)
				out[n++] = s[++i];
			else if (ch == '"')
				quoted = false;
			continue;
		}
		if (ch == '#') {
			while (i + 1 < st->loc.end && s[i + 1] != '\n')
				i++;
			continue;
		}
		if (isspace((unsigned char)ch)) {
			space = true;
			continue;
		}
		if (space && n)
			out[n++] = ' ';
		space = false;
		out[n++] = ch;
		quoted = ch == '"';
	}
	out[n] = '\0';
	return out;
}

static int lookup_cond(const char *name)
{
	int k;

	for (k = 0; k < C_MAX; k++)
		if (!strcmp(cond_names[k], name))
			return k;
	return -ENOENT;
}

static int check_rule(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *aw = st->args[0];
	const struct fg_ast_cond *seen[C_SLOTS] = {}, *cd;
	struct fg_program *prog = c->prog;
	struct fg_ir_rule r = {};
	struct rule_ctx rc = { .c = c, .r = &r };
	int action, ret;
	size_t i;

	action = fg_action_parse(aw->s);
	if (action < 0)
		return err_at(c, &aw->loc,
			      "unknown statement '%s' (expected policy, mode, default, tamper, seal, include, set, allow, deny or audit)",
			      aw->s);
	if (prog->nrules == FG_IR_MAX_RULES)
		return err_at(c, &aw->loc, "more than %d rules", FG_IR_MAX_RULES);

	/* What each condition is, and whether it comes twice, before any
	 * value: cmd numbers read the rule's type wherever it stands. */
	for (cd = st->conds; cd; cd = cd->next) {
		int k = lookup_cond(cd->name.s), slot;

		if (k < 0)
			return err_at(c, &cd->name.loc,
				      "unknown condition '%s'; expected one of: scope, type, node, parent, pci, serial, cmd, feature, effect, request, uid, euid, gid, comm, exe, cgroup, cap",
				      cd->name.s);
		if (cd->op != FG_OP_NONE && k != C_SCOPE)
			return err_at(c, &cd->op_loc, "only 'scope' takes an operator");
		slot = k == C_EFFECT && cd->qual == FG_QUAL_ALL ? C_EFFECT_ALL : k;
		if (k != C_SCOPE && seen[slot]) {
			if (k == C_EFFECT)
				return err_at(c, &cd->name.loc,
					      "'effect %s' given twice in one rule",
					      slot == C_EFFECT_ALL ? "all" : "any");
			return err_at(c, &cd->name.loc, "'%s' given twice in one rule",
				      cond_names[k]);
		}
		if ((k == C_PCI && seen[C_PARENT]) || (k == C_PARENT && seen[C_PCI]))
			return err_at(c, &cd->name.loc,
				      "'pci' and 'parent' are one condition (the device's parent); give one of them");
		seen[slot] = cd;
	}

	r.action = action;
	r.scopes = (1u << FG_SCOPE_MAX) - 1;
	r.statuses = 1u << FG_DECODE_OK;
	r.devtypes = FG_DEVTYPE_KNOWN;
	rc.type = seen[C_TYPE];
	if (rc.type) {
		ret = check_cond(&rc, C_TYPE, rc.type);
		if (ret)
			goto fail;
	}
	for (cd = st->conds; cd; cd = cd->next) {
		int k = lookup_cond(cd->name.s);

		if (k == C_TYPE)
			continue;
		ret = check_cond(&rc, k, cd);
		if (ret)
			goto fail;
	}

	for (i = 0; i < prog->nrules; i++) {
		const struct fg_ir_rule *o = &prog->rules[i];

		if (o->action != r.action && same_conds(o, &r)) {
			ret = err_at(c, &aw->loc,
				     "conflicting duplicate of the rule at %s:%d (which says %s)",
				     o->loc.file, o->loc.line, fg_action_name(o->action));
			goto fail;
		}
	}

	r.loc.file = aw->loc.src->path;
	r.loc.line = aw->loc.line;
	r.loc.col = aw->loc.col;
	r.loc.len = (int)(aw->loc.end - aw->loc.off);
	r.text = rule_text(st);
	if (!r.text) {
		ret = nomem(c);
		goto fail;
	}
	ret = push(c, &prog->rules, &prog->nrules, &r, sizeof(r));
	if (!ret)
		return 0;
fail:
	fg_ir_rule_release(&r);
	return ret;
}

/* ---- statements and files --------------------------------------------- */

static int once(struct checker *c, struct once *o, const struct fg_ast_stmt *st, const char *what)
{
	if (o->seen)
		return err_at(c, &st->kw, "'%s' given twice (first at %s:%d)", what,
			      o->loc.src->path, o->loc.line);
	o->seen = true;
	o->loc = st->kw;
	return 0;
}

static int no_set(struct checker *c, const struct fg_ast_item *it)
{
	if (it->kind == FG_AST_SETREF)
		return err_at(c, &it->loc, "a set cannot be used here");
	return 0;
}

static int check_default(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0], *b = st->args[1];
	int action, ret;

	ret = no_set(c, a) ?: b ? no_set(c, b) : 0;
	if (ret)
		return ret;
	if (!strcmp(a->s, "unknown-device")) {
		if (!b) {
			struct fg_ast_loc after = a->loc;

			after.col += (int)(a->loc.end - a->loc.off);
			after.off = after.end = a->loc.end;
			return err_at(c, &after, "expected %s after 'default unknown-device'",
				      action_list);
		}
		ret = once(c, &c->unknown, st, "default unknown-device");
		if (ret)
			return ret;
		action = fg_action_parse(b->s);
		if (action < 0)
			return err_at(c, &b->loc, "unknown action '%s' (expected %s)", b->s,
				      action_list);
		c->prog->unknown_device_action = action;
		return 0;
	}
	action = fg_action_parse(a->s);
	if (action < 0)
		return err_at(c, &a->loc, "unknown action '%s' (expected %s, or unknown-device)",
			      a->s, action_list);
	if (b)
		return err_at(c, &b->loc, "unexpected '%s' after the default action", b->s);
	ret = once(c, &c->deflt, st, "default");
	if (ret)
		return ret;
	c->prog->default_action = action;
	c->prog->default_loc.file = st->kw.src->path;
	c->prog->default_loc.line = st->kw.line;
	c->prog->default_loc.col = st->kw.col;
	c->prog->default_loc.len = (int)(st->kw.end - st->kw.off);
	return 0;
}

/* A once-only statement whose one word names a value of an enum. */
struct choice {
	const char *stmt;		/* "'mode' given twice" */
	const char *value;		/* "unknown mode 'x'" */
	int (*parse)(const char *name);	/* names.h: value or -ENOENT */
	const char *valid;		/* "enforce or permissive" */
};

static const struct choice mode_choice = {
	"mode", "mode", fg_mode_parse, "enforce or permissive",
};
static const struct choice tamper_choice = {
	"tamper", "tamper action", fg_tamper_parse, "report or kill",
};

static int check_choice(struct checker *c, const struct fg_ast_stmt *st, struct once *o,
			const struct choice *ch, __u8 *out)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	ret = no_set(c, a) ?: once(c, o, st, ch->stmt);
	if (ret)
		return ret;
	ret = ch->parse(a->s);
	if (ret < 0)
		return err_at(c, &a->loc, "unknown %s '%s' (expected %s)", ch->value, a->s,
			      ch->valid);
	*out = ret;
	return 0;
}

/*
 * seal | seal reload. The other names of enum fg_seal_mode ("none",
 * "sealed") are how status shows it, not words of the statement: not
 * sealing is leaving the statement out, and the word alone is the full seal.
 */
static int check_seal(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	ret = (a ? no_set(c, a) : 0) ?: once(c, &c->seal, st, "seal");
	if (ret)
		return ret;
	if (a && fg_seal_parse(a->s) != FG_SEAL_RELOAD)
		return err_at(c, &a->loc,
			      "unknown seal mode '%s' (expected 'seal' alone or 'seal reload')",
			      a->s);
	c->prog->seal = a ? FG_SEAL_RELOAD : FG_SEAL_ON;
	return 0;
}

static int check_file(struct checker *c, const struct fg_ast_src *src);

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

static int check_include(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *it = st->args[0];
	const char *inc = st->kw.src->path, *slash, *owned;
	struct fg_ast_src *src;
	struct open_file *of;
	char path[PATH_MAX], chain[sizeof(c->err->msg)];
	struct fg_diag rd;
	struct stat sb;
	size_t len, off;
	char *buf;
	int i, ret;

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
	c->depth++;
	of = &c->stack[c->depth];
	of->path = owned;
	of->has_id = true;
	of->dev = sb.st_dev;
	of->ino = sb.st_ino;
	ret = check_file(c, src);
	c->depth--;
	return ret;
}

static int check_stmt(struct checker *c, const struct fg_ast_stmt *st)
{
	const struct fg_ast_item *a = st->args[0];
	int ret;

	switch (st->kind) {
	case FG_STMT_POLICY:
		ret = no_set(c, a) ?: once(c, &c->policy, st, "policy");
		if (ret)
			return ret;
		if (!a->s[0])
			return err_at(c, &a->loc, "empty policy name");
		if (strlen(a->s) >= sizeof(c->prog->name))
			return err_at(c, &a->loc, "a policy name is at most %zu characters",
				      sizeof(c->prog->name) - 1);
		snprintf(c->prog->name, sizeof(c->prog->name), "%s", a->s);
		return 0;
	case FG_STMT_MODE:
		return check_choice(c, st, &c->mode, &mode_choice, &c->prog->mode);
	case FG_STMT_TAMPER:
		return check_choice(c, st, &c->tamper, &tamper_choice, &c->prog->tamper);
	case FG_STMT_SEAL:
		return check_seal(c, st);
	case FG_STMT_DEFAULT:
		return check_default(c, st);
	case FG_STMT_INCLUDE:
		return check_include(c, st);
	case FG_STMT_SET:
		return check_set(c, st);
	case FG_STMT_RULE:
		return check_rule(c, st);
	}
	return -EINVAL;
}

static int check_file(struct checker *c, const struct fg_ast_src *src)
{
	const struct fg_ast_stmt *st;
	struct fg_ast_file *file;
	int ret;

	sha256_update(&c->hash, src->len, (const uint8_t *)src->buf);
	ret = fg_ast_parse(src, &c->arena, &file, c->err);
	if (ret == -ENOMEM)
		return nomem(c);
	if (ret)
		return ret;
	for (st = file->head; st; st = st->next) {
		ret = check_stmt(c, st);
		if (ret)
			return ret;
	}
	return 0;
}

int fg_check_program(struct fg_program *prog, const char *buf, size_t len,
		     const struct fg_compile_opts *opts, struct fg_diag *err,
		     struct fg_diags *warnings)
{
	static const struct fg_compile_opts no_opts;
	struct checker c = {
		.opts = opts ? opts : &no_opts, .prog = prog, .err = err, .warn = warnings,
	};
	struct fg_ast_src src = { .path = prog->files[0], .buf = buf, .len = len };
	struct stat sb;
	size_t i;
	int ret;

	sha256_init(&c.hash);
	c.stack[0].path = src.path;
	if (!stat(src.path, &sb)) {
		c.stack[0].has_id = true;
		c.stack[0].dev = sb.st_dev;
		c.stack[0].ino = sb.st_ino;
	}
	ret = check_file(&c, &src);
	if (!ret && !c.deflt.seen) {
		struct fg_ast_loc first = { .src = &src, .line = 1, .col = 1, .off = 0, .end = 1 };

		ret = err_at(&c, &first,
			     "no 'default' statement (add 'default allow' or 'default deny')");
	}
	if (!ret)
		sha256_digest(&c.hash, sizeof(prog->hash), prog->hash);
	for (i = 0; i < c.nsets; i++)
		free(c.sets[i].items);
	free(c.sets);
	for (i = 0; i < c.nbufs; i++)
		free(c.bufs[i]);
	free(c.bufs);
	fg_arena_free(&c.arena);
	return c.nomem ? -ENOMEM : ret;
}
