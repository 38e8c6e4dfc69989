// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the effects-table parser (loader/host/effects_table.c,
 * fg_effects_parse_buf) on arbitrary bytes, into a set that already holds
 * an entry, as a site table meets the shipped ones.
 *
 * Asserted for every input: a refusal is located inside the text (line,
 * column, span, message) and leaves the set as it was (a table applies
 * whole or not at all); an accepted table's entries are well-formed (a
 * known device type, an opcode within the type's width as the decoder
 * reads it, a name of [a-z0-9_], known effects, read-only alone; a named
 * mlx5 register with a 16-bit id), each is found by its key, by its name
 * and by the decoded command the BPF lookup would resolve it for (an mlx5
 * register write by its register); parsing the same table again changes
 * nothing.
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwctl_guard_decode.h"
#include "host/effects_table.h"

/* A key no table can write (tables are for any minor): must survive. */
static const struct fg_effects_entry sentinel = {
	.key = { .devtype = FG_DEVTYPE_MLX5, .opcode = 0x0100, .minor = 3 },
	.val = { .effects = FG_EFFECT_BIT(FG_EFFECT_RESET) },
	.name = "",
	.source = "sentinel",
};

/* The command a decoder would yield for an entry's key. */
static void cmd_for(const struct fg_effects_key *k, struct fg_cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->status = FG_DECODE_OK;
	c->devtype = k->devtype;
	c->opcode = k->opcode;
	if (k->devtype == FG_DEVTYPE_MLX5)
		c->op_mod = k->sub;
	else if (k->devtype == FG_DEVTYPE_PDS)
		c->endpoint = k->sub;
	if (k->devtype == FG_DEVTYPE_CXL) {
		c->has_uuid = 1;
		memcpy(c->uuid, k->uuid, 16);
	}
}

static int name_ok(const char *name)
{
	size_t i;

	if (!name[0] || strlen(name) >= FG_CMD_NAME_LEN)
		return 0;
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '_'))
			return 0;
	return 1;
}

/* Every named register: a 16-bit id, a name, found both ways. */
static void check_regs(const struct fg_effects_db *db)
{
	size_t i;
	long reg;

	for (i = 0; i < db->nregs; i++) {
		assert(db->regs[i].reg <= 0xffff);
		assert(name_ok(db->regs[i].name));
		assert(fg_effects_reg_name(db, db->regs[i].reg) == db->regs[i].name);
		reg = fg_effects_reg_parse(db, db->regs[i].name);
		assert(reg >= 0 && !strcmp(fg_effects_reg_name(db, (__u32)reg), db->regs[i].name));
	}
}

static void check_entry(const struct fg_effects_db *db, const struct fg_effects_entry *e)
{
	const struct fg_effects_key *k = &e->key;
	struct fg_effects_key sub;
	struct fg_cmd c;
	__u32 fx, flags;
	long op;

	assert(k->devtype > FG_DEVTYPE_UNKNOWN && k->devtype < FG_DEVTYPE_MAX);
	assert(k->minor == FG_MINOR_ANY);
	assert(k->opcode <= fg_opcode_max(k->devtype));
	assert(k->devtype != FG_DEVTYPE_CXL || k->opcode == FG_CXL_SET_FEATURE);
	assert(!k->has_sub || k->devtype == FG_DEVTYPE_MLX5 || k->devtype == FG_DEVTYPE_PDS);
	assert(k->devtype != FG_DEVTYPE_MLX5 || k->sub <= 0xffff);
	assert(e->val.effects && e->val.effects < 1u << FG_EFFECT_MAX);
	assert(!(e->val.effects & FG_EFFECT_BIT(FG_EFFECT_READ_ONLY)) ||
	       e->val.effects == FG_EFFECT_BIT(FG_EFFECT_READ_ONLY));
	assert(memchr(e->source, '\0', sizeof(e->source)));
	assert(fg_effects_get(db, k) == e);
	if (k->has_sub == 2) {
		/* `register ID NAME EFFECTS`: a write of the register through
		 * either access command; the name is the register's. */
		assert(k->devtype == FG_DEVTYPE_MLX5);
		assert(k->opcode == FG_MLX5_ACCESS_REG ||
		       k->opcode == FG_MLX5_ACCESS_REGISTER_USER);
		assert(!e->name[0]);
		assert(fg_effects_reg_name(db, k->sub));
		cmd_for(k, &c);
		c.reg = k->sub;
		c.reg_access = FG_REG_WRITE;
		assert(fg_effects_resolve(db, &c, 0, &flags) == e->val.effects);
		return;
	}
	assert(name_ok(e->name));
	if (k->devtype != FG_DEVTYPE_CXL) {
		/* The name finds a command of that name (the first entry with
		 * it), and that command's name is the name. */
		op = fg_effects_cmd_parse(db, k->devtype, e->name);
		assert(op >= 0);
		assert(fg_effects_cmd_name(db, k->devtype, (__u32)op));
		assert(!strcmp(fg_effects_cmd_name(db, k->devtype, (__u32)op), e->name));
	}

	/* What the BPF lookup gives the decoded command: this entry, unless
	 * it is an opcode-wide entry and one for the command's op_mod or
	 * endpoint is found first (sub 0 then, which no entry may have). */
	cmd_for(k, &c);
	sub = *k;
	sub.has_sub = 1;
	sub.sub = 0;
	if (!k->has_sub && k->devtype != FG_DEVTYPE_BNXT && k->devtype != FG_DEVTYPE_CXL &&
	    fg_effects_get(db, &sub))
		return;
	fx = fg_effects_resolve(db, &c, 0, &flags);
	assert(fx == e->val.effects);
	assert(flags == e->val.feat_flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_effects_db db = {};
	struct fg_diag diag;
	size_t n, nregs, i;
	int ret;

	ret = fg_effects_put(&db, &sentinel);
	assert(!ret);
	ret = fg_effects_reg_put(&db, 0xfffe, "sentinel_reg");
	assert(!ret);
	ret = fg_effects_parse_buf("fuzz.effects", (const char *)data, size, &db, &diag);
	if (ret) {
		assert(ret == -EINVAL);
		assert(diag.msg[0]);
		assert(!strcmp(diag.file, "fuzz.effects"));
		assert(diag.line >= 1 && diag.col >= 1 && diag.len >= 1);
		/* The column is on the line (or just past its end). */
		assert((size_t)diag.col <= strlen(diag.source) + 1 ||
		       strlen(diag.source) == sizeof(diag.source) - 1);
		/* Whole or nothing. */
		assert(db.n == 1 && db.nregs == 1);
		assert(!memcmp(&db.e[0], &sentinel, sizeof(sentinel)));
		assert(db.regs[0].reg == 0xfffe && !strcmp(db.regs[0].name, "sentinel_reg"));
		assert(fg_effects_get(&db, &sentinel.key) == &db.e[0]);
		fg_effects_free(&db);
		return 0;
	}
	assert(!diag.msg[0]);
	assert(fg_effects_get(&db, &sentinel.key) == &db.e[0]);
	assert(!memcmp(&db.e[0], &sentinel, sizeof(sentinel)));
	for (i = 1; i < db.n; i++)
		check_entry(&db, &db.e[i]);
	check_regs(&db);

	/* The same table again overrides each entry with itself. */
	n = db.n;
	nregs = db.nregs;
	ret = fg_effects_parse_buf("fuzz.effects", (const char *)data, size, &db, &diag);
	assert(!ret && db.n == n && db.nregs == nregs);
	for (i = 1; i < db.n; i++)
		assert(fg_effects_get(&db, &db.e[i].key) == &db.e[i]);
	fg_effects_free(&db);
	return 0;
}
