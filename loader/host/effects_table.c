// SPDX-License-Identifier: GPL-2.0-only
/*
 * Effects tables: parser and the in-memory set the loader writes into the
 * fg_effects map.
 *
 *   # comment (also after an entry)
 *   type mlx5|bnxt|pds|cxl
 *   OPCODE  NAME  EFFECT[,EFFECT]...  [op_mod=N | ep=N | feature=UUID|NAME]
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "host/effects_table.h"
#include "fwctl_guard_decode.h"
#include "util/names.h"
#include "util/suggest.h"
#include "util/text_file.h"

#define MAX_TABLE_SIZE	(1 << 20)
#define MAX_COLS	4

static int key_eq(const struct fg_effects_key *a, const struct fg_effects_key *b)
{
	return a->minor == b->minor && a->opcode == b->opcode && a->sub == b->sub &&
	       a->devtype == b->devtype && a->has_sub == b->has_sub &&
	       !memcmp(a->uuid, b->uuid, sizeof(a->uuid));
}

static size_t mix(size_t h, __u64 v)
{
	h ^= v;
	h *= 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

static size_t key_hash(const struct fg_effects_key *k)
{
	__u64 u0, u1;

	memcpy(&u0, k->uuid, 8);
	memcpy(&u1, k->uuid + 8, 8);
	return mix(mix(mix(mix(0, (__u64)k->minor << 32 | k->opcode),
			   (__u64)k->sub << 16 | k->devtype << 8 | k->has_sub), u0), u1);
}

static size_t cmd_hash(__u32 devtype, __u32 opcode)
{
	return mix(0x5eed, (__u64)devtype << 32 | opcode);
}

/* The by_key slot of key: its entry, or the empty slot it would take. */
static size_t *key_slot(const struct fg_effects_db *db, const struct fg_effects_key *key)
{
	size_t i = key_hash(key) & (db->index_cap - 1);

	while (db->by_key[i] && !key_eq(&db->e[db->by_key[i] - 1].key, key))
		i = (i + 1) & (db->index_cap - 1);
	return &db->by_key[i];
}

/* The by_cmd slot of (devtype, opcode). */
static size_t *cmd_slot(const struct fg_effects_db *db, __u32 devtype, __u32 opcode)
{
	size_t i = cmd_hash(devtype, opcode) & (db->index_cap - 1);
	const struct fg_effects_entry *e;

	while (db->by_cmd[i]) {
		e = &db->e[db->by_cmd[i] - 1];
		if (e->key.devtype == devtype && e->key.opcode == opcode)
			break;
		i = (i + 1) & (db->index_cap - 1);
	}
	return &db->by_cmd[i];
}

static void index_entry(struct fg_effects_db *db, size_t i)
{
	const struct fg_effects_entry *e = &db->e[i];
	size_t *slot;

	*key_slot(db, &e->key) = i + 1;
	if (!e->name[0])
		return;
	slot = cmd_slot(db, e->key.devtype, e->key.opcode);
	if (!*slot)
		*slot = i + 1;
}

/* Room for twice the entries in the indexes, rebuilt when they grow. */
static int reindex(struct fg_effects_db *db, size_t want)
{
	size_t cap = db->index_cap ? db->index_cap : 128, i;
	size_t *k, *c;

	if (want * 2 <= db->index_cap)
		return 0;
	while (want * 2 > cap)
		cap *= 2;
	k = calloc(cap, sizeof(*k));
	c = calloc(cap, sizeof(*c));
	if (!k || !c) {
		free(k);
		free(c);
		return -ENOMEM;
	}
	free(db->by_key);
	free(db->by_cmd);
	db->by_key = k;
	db->by_cmd = c;
	db->index_cap = cap;
	for (i = 0; i < db->n; i++)
		index_entry(db, i);
	return 0;
}

static struct fg_effects_entry *find_entry(const struct fg_effects_db *db,
					   const struct fg_effects_key *key)
{
	size_t i;

	if (!db || !db->index_cap)
		return NULL;
	i = *key_slot(db, key);
	return i ? &db->e[i - 1] : NULL;
}

const struct fg_effects_entry *fg_effects_get(const struct fg_effects_db *db,
					      const struct fg_effects_key *key)
{
	return find_entry(db, key);
}

int fg_effects_put(struct fg_effects_db *db, const struct fg_effects_entry *entry)
{
	struct fg_effects_entry *old = find_entry(db, &entry->key), *e;
	size_t *slot;

	if (old) {
		/* A later source overrides; the name index keeps the first
		 * entry with a name, as the walk it replaces did. */
		*old = *entry;
		if (entry->name[0]) {
			slot = cmd_slot(db, entry->key.devtype, entry->key.opcode);
			if (!*slot)
				*slot = (size_t)(old - db->e) + 1;
		}
		return 0;
	}
	if (reindex(db, db->n + 1))
		return -ENOMEM;
	if (db->n == db->cap) {
		size_t cap = db->cap ? db->cap * 2 : 64;

		e = realloc(db->e, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		db->e = e;
		db->cap = cap;
	}
	db->e[db->n++] = *entry;
	index_entry(db, db->n - 1);
	return 0;
}

const char *fg_effects_reg_name(const struct fg_effects_db *db, __u32 reg)
{
	size_t i;

	for (i = 0; db && i < db->nregs; i++)
		if (db->regs[i].reg == reg)
			return db->regs[i].name;
	return NULL;
}

long fg_effects_reg_parse(const struct fg_effects_db *db, const char *name)
{
	size_t i;

	for (i = 0; db && i < db->nregs; i++)
		if (!strcmp(db->regs[i].name, name))
			return db->regs[i].reg;
	return -ENOENT;
}

int fg_effects_reg_put(struct fg_effects_db *db, __u32 reg, const char *name)
{
	struct fg_reg_name *grown;
	size_t i;

	for (i = 0; i < db->nregs && db->regs[i].reg != reg; i++)
		;
	if (i == db->nregs) {
		grown = realloc(db->regs, (db->nregs + 1) * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		db->regs = grown;
		db->nregs++;
	}
	db->regs[i].reg = reg;
	snprintf(db->regs[i].name, sizeof(db->regs[i].name), "%s", name);
	return 0;
}

void fg_effects_free(struct fg_effects_db *db)
{
	free(db->regs);
	free(db->e);
	free(db->by_key);
	free(db->by_cmd);
	memset(db, 0, sizeof(*db));
}

const char *fg_effects_cmd_name(const struct fg_effects_db *db, __u32 devtype, __u32 opcode)
{
	size_t i;

	if (devtype == FG_DEVTYPE_CXL)
		return fg_cxl_opcode_name(opcode);
	if (!db || !db->index_cap)
		return NULL;
	i = *cmd_slot(db, devtype, opcode);
	return i && db->e[i - 1].name[0] ? db->e[i - 1].name : NULL;
}

long fg_effects_cmd_parse(const struct fg_effects_db *db, __u32 devtype, const char *name)
{
	size_t i;

	if (devtype == FG_DEVTYPE_CXL)
		return fg_cxl_opcode_parse(name);
	for (i = 0; db && i < db->n; i++)
		if (db->e[i].key.devtype == devtype && !strcmp(db->e[i].name, name))
			return db->e[i].key.opcode;
	return -ENOENT;
}

const char *fg_effects_suggest_cmd(const struct fg_effects_db *db, const char *name)
{
	static const __u32 cxl[] = { FG_CXL_GET_SUPPORTED_FEATURES, FG_CXL_GET_FEATURE,
				     FG_CXL_SET_FEATURE };
	const char *pick = NULL;
	int best = INT_MAX;
	size_t i;

	for (i = 0; i < sizeof(cxl) / sizeof(cxl[0]); i++)
		if (fg_suggest_closer(name, fg_cxl_opcode_name(cxl[i]), &best))
			pick = fg_cxl_opcode_name(cxl[i]);
	for (i = 0; db && i < db->n; i++)
		if (db->e[i].name[0] && fg_suggest_closer(name, db->e[i].name, &best))
			pick = db->e[i].name;
	return pick;
}

__u32 fg_effects_resolve(const struct fg_effects_db *db, const struct fg_cmd *c, __u32 minor,
			 __u32 *feat_flags)
{
	const struct fg_effects_entry *e;
	struct fg_effects_key k;
	__u32 fx = fg_effects_builtin(c), i;

	*feat_flags = 0;
	if (fx)
		return fx;
	for (i = 0; i < FG_EFFECTS_KEYS && fg_effects_key(c, minor, i, &k); i++) {
		e = find_entry(db, &k);
		if (e) {
			*feat_flags = e->val.feat_flags;
			return e->val.effects;
		}
	}
	return FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
}

/* ---- parser --------------------------------------------------------------- */

struct col {
	const char *s;
	int len;
	int col;	/* 1-based */
};

struct tparser {
	const char *file;
	const char *line;
	int line_len;
	int lineno;
	int devtype;		/* -1 until the type line */
	struct fg_diag *diag;
	struct fg_effects_db local;	/* this file's entries, for duplicates */
	int *local_line;		/* line of each local entry */
};

static int terr(struct tparser *p, const struct col *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int terr(struct tparser *p, const struct col *c, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fg_diag_vset(p->diag, p->file, p->lineno, p->line, p->line_len, c ? c->col : 1,
			   c ? c->len : 1, fmt, ap);
	va_end(ap);
	return ret;
}

static int split(struct tparser *p, struct col *cols, int *ncols)
{
	int i = 0;

	*ncols = 0;
	while (i < p->line_len) {
		int start;

		if (p->line[i] == ' ' || p->line[i] == '\t' || p->line[i] == '\r') {
			i++;
			continue;
		}
		if (p->line[i] == '#')
			break;
		start = i;
		while (i < p->line_len && !strchr(" \t\r#", p->line[i]))
			i++;
		if (*ncols == MAX_COLS) {
			struct col c = { p->line + start, i - start, start + 1 };

			return terr(p, &c, "too many columns (expected OPCODE NAME EFFECTS "
				    "[QUALIFIER])");
		}
		cols[*ncols] = (struct col){ p->line + start, i - start, start + 1 };
		(*ncols)++;
	}
	return 0;
}

static int col_is(const struct col *c, const char *s)
{
	return (int)strlen(s) == c->len && !strncmp(c->s, s, c->len);
}

static void col_str(const struct col *c, char *buf, size_t len)
{
	size_t n = (size_t)c->len < len - 1 ? (size_t)c->len : len - 1;

	memcpy(buf, c->s, n);
	buf[n] = '\0';
}

static int parse_number(struct tparser *p, const struct col *c, const char *what, __u32 max,
			__u32 *out)
{
	char buf[32], *end;
	unsigned long long v;

	col_str(c, buf, sizeof(buf));
	errno = 0;
	v = strtoull(buf, &end, 0);
	if (!isdigit((unsigned char)buf[0]) || *end || errno || c->len >= (int)sizeof(buf))
		return terr(p, c, "%s '%.*s' is not a number", what, c->len, c->s);
	if (v > max)
		return terr(p, c, "%s %.*s is out of range (at most 0x%x)", what, c->len, c->s, max);
	*out = (__u32)v;
	return 0;
}

static int parse_effects(struct tparser *p, const struct col *c, __u32 *mask)
{
	int i = 0;

	*mask = 0;
	while (i <= c->len) {
		int start = i, v;
		char name[40];
		struct col part;

		while (i < c->len && c->s[i] != ',')
			i++;
		part = (struct col){ c->s + start, i - start, c->col + start };
		col_str(&part, name, sizeof(name));
		v = part.len && part.len < (int)sizeof(name) ? fg_effect_parse(name) : -ENOENT;
		if (v < 0)
			return terr(p, &part, "unknown effect '%.*s' (see docs/effects.md)",
				    part.len, part.s);
		if (*mask & FG_EFFECT_BIT(v))
			return terr(p, &part, "effect '%s' given twice", name);
		*mask |= FG_EFFECT_BIT(v);
		i++;
	}
	if ((*mask & FG_EFFECT_BIT(FG_EFFECT_READ_ONLY)) &&
	    *mask != FG_EFFECT_BIT(FG_EFFECT_READ_ONLY))
		return terr(p, c, "'read-only' cannot be combined with other effects");
	return 0;
}

static int parse_name(struct tparser *p, const struct col *c, char *out)
{
	int i;

	if (c->len >= FG_CMD_NAME_LEN)
		return terr(p, c, "command name longer than %d characters", FG_CMD_NAME_LEN - 1);
	for (i = 0; i < c->len; i++)
		if (!islower((unsigned char)c->s[i]) && !isdigit((unsigned char)c->s[i]) &&
		    c->s[i] != '_')
			return terr(p, c, "command name '%.*s' may hold only a-z, 0-9 and _",
				    c->len, c->s);
	col_str(c, out, FG_CMD_NAME_LEN);
	return 0;
}

/* op_mod=N (mlx5), ep=N (pds), feature=UUID|NAME (cxl). */
static int parse_qualifier(struct tparser *p, const struct col *c, struct fg_effects_key *k)
{
	const char *eq = memchr(c->s, '=', c->len);
	struct col val;
	char buf[40];

	if (!eq)
		return terr(p, c, "expected a qualifier KEY=VALUE, found '%.*s'", c->len, c->s);
	val = (struct col){ eq + 1, (int)(c->s + c->len - eq - 1), c->col + (int)(eq + 1 - c->s) };
	switch (p->devtype) {
	case FG_DEVTYPE_MLX5:
		if (strncmp(c->s, "op_mod=", 7))
			return terr(p, c, "mlx5 entries take only the qualifier op_mod=N");
		k->has_sub = 1;
		return parse_number(p, &val, "op_mod", 0xffff, &k->sub);
	case FG_DEVTYPE_PDS:
		if (strncmp(c->s, "ep=", 3))
			return terr(p, c, "pds entries take only the qualifier ep=N");
		k->has_sub = 1;
		return parse_number(p, &val, "endpoint", 0xffffffffu, &k->sub);
	case FG_DEVTYPE_CXL:
		if (strncmp(c->s, "feature=", 8))
			return terr(p, c, "cxl entries take only the qualifier feature=UUID|NAME");
		col_str(&val, buf, sizeof(buf));
		if (val.len < (int)sizeof(buf) &&
		    (!fg_uuid_parse(buf, k->uuid) || !fg_cxl_feature_parse(buf, k->uuid)))
			return 0;
		return terr(p, &val, "'%.*s' is neither a feature UUID nor a known feature name",
			    val.len, val.s);
	default:
		return terr(p, c, "%s entries take no qualifier", fg_devtype_name(p->devtype));
	}
}

static int parse_type_line(struct tparser *p, const struct col *cols, int ncols)
{
	char name[16];
	int v;

	if (!col_is(&cols[0], "type"))
		return terr(p, &cols[0], "expected 'type mlx5|bnxt|pds|cxl' before the first entry");
	if (ncols != 2)
		return terr(p, ncols < 2 ? &cols[0] : &cols[2],
			    ncols < 2 ? "expected a device type after 'type'" :
					"unexpected text after the device type");
	col_str(&cols[1], name, sizeof(name));
	v = cols[1].len < (int)sizeof(name) ? fg_devtype_parse(name) : -ENOENT;
	if (v <= 0)
		return terr(p, &cols[1], "unknown device type '%.*s' (expected mlx5, bnxt, pds or "
			    "cxl)", cols[1].len, cols[1].s);
	p->devtype = v;
	return 0;
}

/* Append entry e to the table being read (its line for duplicates). */
static int put_local(struct tparser *p, const struct fg_effects_entry *e)
{
	int *lines;

	if (fg_effects_put(&p->local, e))
		return -ENOMEM;
	lines = realloc(p->local_line, p->local.cap * sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	p->local_line = lines;
	lines[p->local.n - 1] = p->lineno;
	return 0;
}

/*
 * `register ID NAME [EFFECTS]` (mlx5): the register's name for policies and
 * events, and what writing it through ACCESS_REG or ACCESS_REGISTER_USER
 * does (op_mod 0; queries take the commands' own entries). Without
 * EFFECTS, a write takes the commands' op_mod=0 entries.
 */
static int parse_register(struct tparser *p, const struct col *cols, int ncols)
{
	static const __u32 opcodes[] = { FG_MLX5_ACCESS_REG, FG_MLX5_ACCESS_REGISTER_USER };
	struct fg_effects_entry e = {};
	const struct fg_effects_entry *dup;
	char name[FG_CMD_NAME_LEN];
	unsigned int i;
	__u32 reg;
	int err;

	if (p->devtype != FG_DEVTYPE_MLX5)
		return terr(p, &cols[0], "'register' lines are for mlx5 tables");
	if (ncols != 3 && ncols != 4)
		return terr(p, &cols[ncols < 3 ? ncols - 1 : 4],
			    "expected register ID NAME [EFFECTS]");
	err = parse_number(p, &cols[1], "register id", 0xffff, &reg);
	if (!err)
		err = parse_name(p, &cols[2], name);
	if (!err && ncols == 4)
		err = parse_effects(p, &cols[3], &e.val.effects);
	if (err)
		return err;
	if (fg_effects_reg_name(&p->local, reg))
		return terr(p, &cols[1], "register %.*s is already named '%s' in this table",
			    cols[1].len, cols[1].s, fg_effects_reg_name(&p->local, reg));
	if (fg_effects_reg_parse(&p->local, name) >= 0)
		return terr(p, &cols[2], "'%s' already names register 0x%04lx in this table", name,
			    fg_effects_reg_parse(&p->local, name));
	e.key.minor = FG_MINOR_ANY;
	e.key.devtype = FG_DEVTYPE_MLX5;
	e.key.has_sub = 2;
	e.key.sub = reg;
	snprintf(e.source, sizeof(e.source), "%s:%d",
		 strrchr(p->file, '/') ? strrchr(p->file, '/') + 1 : p->file, p->lineno);
	for (i = 0; ncols == 4 && i < sizeof(opcodes) / sizeof(opcodes[0]); i++) {
		e.key.opcode = opcodes[i];
		dup = find_entry(&p->local, &e.key);
		if (dup)
			return terr(p, &cols[1], "duplicate entry (first at line %d)",
				    p->local_line[dup - p->local.e]);
		if (put_local(p, &e))
			return -ENOMEM;
	}
	return fg_effects_reg_put(&p->local, reg, name);
}

static int parse_entry(struct tparser *p, const struct col *cols, int ncols)
{
	struct fg_effects_entry e = {};
	const struct fg_effects_entry *dup;
	const char *other;
	int err;

	if (ncols < 3)
		return terr(p, &cols[ncols - 1], "expected OPCODE NAME EFFECTS [QUALIFIER]");
	e.key.minor = FG_MINOR_ANY;
	e.key.devtype = p->devtype;
	err = parse_number(p, &cols[0], "opcode", p->devtype == FG_DEVTYPE_PDS ? 0xffffffffu
				: 0xffff, &e.key.opcode);
	if (!err)
		err = parse_name(p, &cols[1], e.name);
	if (!err)
		err = parse_effects(p, &cols[2], &e.val.effects);
	if (!err && ncols == 4)
		err = parse_qualifier(p, &cols[3], &e.key);
	if (err)
		return err;
	if (p->devtype == FG_DEVTYPE_CXL) {
		if (e.key.opcode != FG_CXL_SET_FEATURE)
			return terr(p, &cols[0], "cxl entries describe Set Feature (0x0502) per "
				    "feature; other CXL commands have fixed effects");
		if (ncols != 4)
			return terr(p, &cols[2], "cxl entries need feature=UUID|NAME");
	}
	other = fg_effects_cmd_name(&p->local, p->devtype, e.key.opcode);
	if (other && strcmp(other, e.name))
		return terr(p, &cols[1], "opcode %.*s is already named '%s' in this table",
			    cols[0].len, cols[0].s, other);
	dup = find_entry(&p->local, &e.key);
	if (dup)
		return terr(p, &cols[0], "duplicate entry (first at line %d)",
			    p->local_line[dup - p->local.e]);
	snprintf(e.source, sizeof(e.source), "%s:%d",
		 strrchr(p->file, '/') ? strrchr(p->file, '/') + 1 : p->file, p->lineno);
	return put_local(p, &e);
}

int fg_effects_parse_buf(const char *file, const char *buf, size_t len,
			 struct fg_effects_db *db, struct fg_diag *diag)
{
	struct tparser p = { .file = file, .devtype = -1, .diag = diag };
	struct col cols[MAX_COLS];
	size_t off = 0, i;
	int ncols, err = 0;

	memset(diag, 0, sizeof(*diag));
	while (off < len && !err) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (buf + off)) : len - off;

		p.lineno++;
		p.line = buf + off;
		p.line_len = (int)n;
		off += n + 1;
		if (memchr(p.line, '\0', n)) {
			struct col c = { NULL, 1, (int)((char *)memchr(p.line, '\0', n) - p.line) + 1 };

			err = terr(&p, &c, "NUL byte in effects table");
			break;
		}
		err = split(&p, cols, &ncols);
		if (err || ncols == 0)
			continue;
		if (p.devtype < 0)
			err = parse_type_line(&p, cols, ncols);
		else if (col_is(&cols[0], "type"))
			err = terr(&p, &cols[0], "'type' given twice");
		else if (col_is(&cols[0], "register"))
			err = parse_register(&p, cols, ncols);
		else
			err = parse_entry(&p, cols, ncols);
	}
	if (!err && p.devtype < 0) {
		p.lineno = 1;
		p.line = buf;
		p.line_len = 0;
		err = terr(&p, NULL, "no 'type' line: the table does not say which device type "
			   "it is for");
	}
	/* A table applies whole or not at all. */
	for (i = 0; !err && i < p.local.n; i++)
		err = fg_effects_put(db, &p.local.e[i]);
	for (i = 0; !err && i < p.local.nregs; i++)
		err = fg_effects_reg_put(db, p.local.regs[i].reg, p.local.regs[i].name);
	fg_effects_free(&p.local);
	free(p.local_line);
	return err;
}

int fg_effects_parse_file(const char *path, struct fg_effects_db *db, struct fg_diag *diag)
{
	char *buf = NULL;
	size_t len = 0;
	int err;

	err = fg_read_text(path, MAX_TABLE_SIZE, "table", &buf, &len, diag);
	if (err)
		return err;
	err = fg_effects_parse_buf(path, buf, len, db, diag);
	free(buf);
	return err;
}

static int is_table(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 8 && !strcmp(d->d_name + n - 8, ".effects");
}

int fg_effects_load_dir(const char *dir, struct fg_effects_db *db, struct fg_diag *diag)
{
	struct dirent **names;
	char path[4096];
	int n, i, err = 0;

	memset(diag, 0, sizeof(*diag));
	n = scandir(dir, &names, is_table, alphasort);
	if (n < 0) {
		err = -errno;
		snprintf(diag->file, sizeof(diag->file), "%s", dir);
		snprintf(diag->msg, sizeof(diag->msg), "cannot read the effects tables: %s",
			 strerror(-err));
		return err;
	}
	for (i = 0; i < n; i++) {
		if (!err) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			err = fg_effects_parse_file(path, db, diag);
		}
		free(names[i]);
	}
	free(names);
	return err;
}

static void hash_u32(struct sha256_ctx *h, __u32 v)
{
	__u8 b[4] = { v >> 24, v >> 16, v >> 8, v };

	sha256_update(h, sizeof(b), b);
}

void fg_effects_hash(const struct fg_effects_db *db, struct sha256_ctx *h)
{
	static const char tag[] = "\nfwctl-guard effects tables\n";
	const struct fg_effects_entry *e;
	int any = 0;
	size_t i;

	for (i = 0; i < db->n; i++) {
		e = &db->e[i];
		if (e->key.minor != FG_MINOR_ANY)
			continue;
		if (!any) {
			sha256_update(h, sizeof(tag) - 1, (const __u8 *)tag);
			any = 1;
		}
		hash_u32(h, e->key.devtype);
		hash_u32(h, e->key.opcode);
		hash_u32(h, e->key.has_sub ? e->key.sub : 0);
		hash_u32(h, e->key.has_sub);
		sha256_update(h, sizeof(e->key.uuid), e->key.uuid);
		hash_u32(h, e->val.effects);
		hash_u32(h, e->val.feat_flags);
		sha256_update(h, strnlen(e->name, sizeof(e->name)), (const __u8 *)e->name);
		hash_u32(h, 0);
	}
	for (i = 0; any && i < db->nregs; i++) {
		hash_u32(h, db->regs[i].reg);
		sha256_update(h, strnlen(db->regs[i].name, sizeof(db->regs[i].name)),
			      (const __u8 *)db->regs[i].name);
		hash_u32(h, 0);
	}
}
