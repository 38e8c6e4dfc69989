// SPDX-License-Identifier: GPL-2.0-only
/* Effects tables: the shipped ones parse, bad ones are refused with their
 * location, later tables override earlier ones, and lookups resolve the way
 * the BPF program does. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/effects_table.h"
#include "host/inventory.h"
#include "fwctl_guard_decode.h"
#include "util/names.h"

static int parse(const char *text, struct fg_effects_db *db, struct fg_diag *d)
{
	return fg_effects_parse_buf("t.effects", text, strlen(text), db, d);
}

static __u32 fx(int e)
{
	return FG_EFFECT_BIT(e);
}

Test(effects_table, shipped_tables_parse)
{
	struct fg_effects_db db = {};
	struct fg_diag d;
	size_t i, mlx5 = 0, bnxt = 0;

	cr_assert_eq(fg_effects_load_dir("policies/effects", &db, &d), 0, "%s:%d:%d: %s", d.file,
		     d.line, d.col, d.msg);
	for (i = 0; i < db.n; i++) {
		mlx5 += db.e[i].key.devtype == FG_DEVTYPE_MLX5;
		bnxt += db.e[i].key.devtype == FG_DEVTYPE_BNXT;
		cr_expect_eq(db.e[i].key.minor, FG_MINOR_ANY);
		cr_expect_neq(db.e[i].val.effects, 0, "%s", db.e[i].source);
	}
	/* Every command mlx5ctl_validate_rpc() / bnxtctl_validate_rpc() passes
	 * (Linux 7.3.4): 94 mlx5 opcodes + 2 op_mod=0 lines, 104 bnxt; and
	 * the writes of the 6 mlx5 registers given effects, through both
	 * register commands. */
	cr_expect_eq(mlx5, 96 + 2 * 6);
	cr_expect_eq(db.nregs, 12);
	cr_expect_eq(bnxt, 104);
	cr_expect_str_eq(fg_effects_cmd_name(&db, FG_DEVTYPE_MLX5, 0x100), "query_hca_cap");
	cr_expect_eq(fg_effects_cmd_parse(&db, FG_DEVTYPE_BNXT, "fw_reset"), 0xc0);
	fg_effects_free(&db);
}

Test(effects_table, entries_and_qualifiers)
{
	static const char text[] =
		"# a comment\n"
		"type mlx5\n"
		"0x0805  access_reg  config-change-immediate,firmware-change  op_mod=0  # write\n"
		"0x0805  access_reg  read-only\n"
		"0x0100  query_hca_cap  read-only\n";
	struct fg_effects_db db = {};
	struct fg_diag d;
	struct fg_cmd c = { .devtype = FG_DEVTYPE_MLX5, .opcode = 0x805 };
	__u32 flags;

	cr_assert_eq(parse(text, &db, &d), 0, "%d:%d: %s", d.line, d.col, d.msg);
	cr_assert_eq(db.n, 3);
	cr_expect_str_eq(db.e[0].source, "t.effects:3");
	/* op_mod 0 is the write line, any other op_mod the read line. */
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags),
		     fx(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE) | fx(FG_EFFECT_FIRMWARE_CHANGE));
	c.op_mod = 1;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_READ_ONLY));
	c.opcode = 0x101;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_UNKNOWN));
	c.status = FG_DECODE_MALFORMED;
	c.opcode = 0x100;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_UNKNOWN));
	fg_effects_free(&db);
}

Test(effects_table, site_table_overrides)
{
	struct fg_effects_db db = {};
	struct fg_diag d;
	struct fg_cmd c = { .devtype = FG_DEVTYPE_BNXT, .opcode = 0xc0 };
	struct fg_cmd sf = { .devtype = FG_DEVTYPE_CXL, .opcode = FG_CXL_SET_FEATURE,
			     .has_uuid = 1 };
	struct fg_effects_entry live = {};
	__u32 flags;

	cr_assert_eq(parse("type bnxt\n0x00c0 fw_reset reset\n", &db, &d), 0);
	cr_assert_eq(parse("type bnxt\n0x00c0 fw_reset reset,destructive\n", &db, &d), 0);
	cr_expect_eq(db.n, 1);
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags),
		     fx(FG_EFFECT_RESET) | fx(FG_EFFECT_DESTRUCTIVE));
	/* CXL: what the device reported, unless a site entry for the feature. */
	memset(sf.uuid, 0xff, 16);
	live.key = (struct fg_effects_key){ .minor = 4, .opcode = FG_CXL_SET_FEATURE,
					    .devtype = FG_DEVTYPE_CXL };
	memset(live.key.uuid, 0xff, 16);
	live.val.effects = fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET);
	live.val.feat_flags = 0x61;
	cr_assert_eq(fg_effects_put(&db, &live), 0);
	cr_expect_eq(fg_effects_resolve(&db, &sf, 4, &flags), fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	cr_expect_eq(flags, 0x61);
	cr_expect_eq(fg_effects_resolve(&db, &sf, 5, &flags), fx(FG_EFFECT_UNKNOWN));
	cr_assert_eq(parse("type cxl\n0x0502 set_feature read-only feature=vendor_test\n", &db,
			   &d), 0, "%s", d.msg);
	cr_expect_eq(fg_effects_resolve(&db, &sf, 4, &flags), fx(FG_EFFECT_READ_ONLY));
	cr_expect_eq(fg_effects_resolve(&db, &sf, 5, &flags), fx(FG_EFFECT_READ_ONLY));
	fg_effects_free(&db);
}

struct reject {
	const char *text;
	int line, col;
	const char *msg;
};

static const struct reject rejects[] = {
	{ "", 1, 1, "no 'type' line" },
	{ "0x0100 query read-only\n", 1, 1, "expected 'type mlx5|bnxt|pds|cxl'" },
	{ "type nvme\n", 1, 6, "unknown device type 'nvme'" },
	{ "type unknown\n", 1, 6, "unknown device type 'unknown'" },
	{ "type mlx5 bnxt\n", 1, 11, "unexpected text after the device type" },
	{ "type mlx5\ntype bnxt\n", 2, 1, "'type' given twice" },
	{ "type mlx5\n0x0100 query_hca_cap\n", 2, 8, "expected OPCODE NAME EFFECTS" },
	{ "type mlx5\nquery 0x0100 read-only\n", 2, 1, "opcode 'query' is not a number" },
	{ "type mlx5\n0x10000 big read-only\n", 2, 1, "out of range" },
	{ "type mlx5\n0x0100 Query read-only\n", 2, 8, "may hold only a-z, 0-9 and _" },
	{ "type mlx5\n0x0100 q read-only,sometimes\n", 2, 20, "unknown effect 'sometimes'" },
	{ "type mlx5\n0x0100 q reset,reset\n", 2, 16, "effect 'reset' given twice" },
	{ "type mlx5\n0x0100 q read-only,reset\n", 2, 10, "cannot be combined" },
	{ "type mlx5\n0x0100 q read-only,\n", 2, 20, "unknown effect ''" },
	{ "type mlx5\n0x0100 q read-only\n0x0100 q reset\n", 3, 1,
	  "duplicate entry (first at line 2)" },
	{ "type mlx5\n0x0100 q read-only\n0x0100 r reset op_mod=1\n", 3, 8,
	  "already named 'q'" },
	{ "type mlx5\n0x0100 q read-only ep=1\n", 2, 20, "only the qualifier op_mod=N" },
	{ "type mlx5\n0x0100 q read-only op_mod=x\n", 2, 27, "op_mod 'x' is not a number" },
	{ "type bnxt\n0x0100 q read-only op_mod=1\n", 2, 20, "bnxt entries take no qualifier" },
	{ "type pds\n0x0001 q read-only op_mod=1\n", 2, 20, "only the qualifier ep=N" },
	{ "type cxl\n0x0501 get_feature read-only\n", 2, 1, "Set Feature (0x0502)" },
	{ "type cxl\n0x0502 set_feature reset\n", 2, 20, "need feature=UUID|NAME" },
	{ "type cxl\n0x0502 set_feature reset feature=scrubber\n", 2, 34,
	  "neither a feature UUID nor a known feature name" },
	{ "type mlx5\n0x0100 q read-only op_mod=1 extra\n", 2, 29, "too many columns" },
};

Test(effects_table, rejects_with_location)
{
	unsigned int i;

	for (i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		struct fg_effects_db db = {};
		struct fg_diag d;

		cr_expect_eq(parse(rejects[i].text, &db, &d), -EINVAL, "case %u accepted", i);
		cr_expect_str_eq(d.file, "t.effects", "case %u", i);
		cr_expect_eq(d.line, rejects[i].line, "case %u: line %d (%s)", i, d.line, d.msg);
		cr_expect_eq(d.col, rejects[i].col, "case %u: col %d (%s)", i, d.col, d.msg);
		cr_expect(strstr(d.msg, rejects[i].msg), "case %u: '%s' lacks '%s'", i, d.msg,
			  rejects[i].msg);
		/* A table applies whole or not at all. */
		cr_expect_eq(db.n, 0, "case %u left %zu entries", i, db.n);
		fg_effects_free(&db);
	}
}

Test(effects_table, missing_dir_is_an_error)
{
	struct fg_effects_db db = {};
	struct fg_diag d;

	cr_expect_eq(fg_effects_load_dir("/nonexistent/effects", &db, &d), -ENOENT);
	cr_expect(strstr(d.msg, "cannot read the effects tables"), "%s", d.msg);
}

/* mlx5 registers: named, and a write resolves to its register's effects
 * first, then to the command's op_mod=0 entry; a read to the command's. */
Test(effects_table, registers)
{
	struct fg_effects_db db = {};
	struct fg_diag d;
	struct fg_cmd c = { .devtype = FG_DEVTYPE_MLX5, .opcode = FG_MLX5_ACCESS_REG };
	__u32 flags, worst;

	cr_assert_eq(fg_effects_load_dir("policies/effects", &db, &d), 0, "%s", d.msg);
	cr_expect_eq(fg_effects_reg_parse(&db, "mnvda"), 0x9024);
	cr_expect_str_eq(fg_effects_reg_name(&db, 0x9028), "mfrl");
	cr_expect_eq(fg_effects_reg_parse(&db, "nosuch"), -ENOENT);
	c.op_mod = 0;
	c.reg_access = FG_REG_WRITE;
	worst = fg_effects_resolve(&db, &c, 0, &flags);		/* reg 0: no line */
	cr_expect(worst & fx(FG_EFFECT_DESTRUCTIVE));
	c.reg = 0x9024;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags),
		     fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	c.opcode = FG_MLX5_ACCESS_REGISTER_USER;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags),
		     fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	c.opcode = FG_MLX5_ACCESS_REG;
	c.reg = 0x9020;		/* mgir: named, no write effects of its own */
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), worst);
	c.reg = 0x9024;
	c.op_mod = 1;
	c.reg_access = FG_REG_READ;
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_READ_ONLY));
	fg_effects_free(&db);
}

Test(effects_table, register_lines_rejected)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "type bnxt\nregister 0x9024 mnvda reset\n", "'register' lines are for mlx5" },
		{ "type mlx5\nregister 0x19024 mnvda reset\n", "register id" },
		{ "type mlx5\nregister 0x9024 mnvda reset\nregister 0x9024 other\n",
		  "already named 'mnvda'" },
		{ "type mlx5\nregister 0x9024 mnvda\nregister 0x9025 mnvda\n", "already names" },
		{ "type mlx5\nregister 0x9024\n", "expected register ID NAME" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct fg_effects_db db = {};
		struct fg_diag d;

		cr_expect_neq(parse(bad[i].text, &db, &d), 0, "case %zu accepted", i);
		cr_expect(strstr(d.msg, bad[i].msg), "case %zu: '%s' lacks '%s'", i, d.msg,
			  bad[i].msg);
		cr_expect_eq(db.nregs, 0, "case %zu: a refused table names nothing", i);
		fg_effects_free(&db);
	}
}

/* The site's folder (/etc/fwctl-guard/effects): read after the shipped
 * tables, its entries win; absent, nothing; the shipped folder itself is
 * not read twice; --effects files after it. */
Test(effects_table, site_folder_after_the_shipped_one)
{
	char dir[] = "/tmp/fg-site-XXXXXX", ship[64], site[64], extra[80], cmd[512];
	struct fg_inventory_opts o;
	struct fg_effects_db db = {};
	struct fg_cmd c = { .devtype = FG_DEVTYPE_BNXT, .opcode = 0xc0 };
	const char *tables[1];
	struct fg_diag d;
	__u32 flags;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(ship, sizeof(ship), "%s/ship", dir);
	snprintf(site, sizeof(site), "%s/site", dir);
	snprintf(extra, sizeof(extra), "%s/extra.effects", dir);
	snprintf(cmd, sizeof(cmd), "mkdir '%s' '%s'", ship, site);
	cr_assert_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "printf 'type bnxt\\n0x00c0 fw_reset reset\\n' >'%s/bnxt.effects'",
		 ship);
	cr_assert_eq(system(cmd), 0);
	fg_inventory_defaults(&o);
	o.effects_dir = ship;
	o.site_dir = site;
	cr_assert_eq(fg_inventory_tables(&o, &db, &d), 0, "%s", d.msg);
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_RESET),
		     "an empty site folder changes nothing");
	fg_effects_free(&db);

	snprintf(cmd, sizeof(cmd), "printf 'type bnxt\\n0x00c0 fw_reset destructive\\n' "
		 ">'%s/site.effects'; echo 'not a table' >'%s/README'", site, site);
	cr_assert_eq(system(cmd), 0);
	memset(&db, 0, sizeof(db));
	cr_assert_eq(fg_inventory_tables(&o, &db, &d), 0, "%s", d.msg);
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_DESTRUCTIVE),
		     "the site's entry wins; its README is not a table");
	fg_effects_free(&db);

	f = fopen(extra, "w");
	cr_assert_not_null(f);
	fputs("type bnxt\n0x00c0 fw_reset read-only\n", f);
	fclose(f);
	tables[0] = extra;
	o.site_tables = tables;
	o.nsite = 1;
	memset(&db, 0, sizeof(db));
	cr_assert_eq(fg_inventory_tables(&o, &db, &d), 0, "%s", d.msg);
	cr_expect_eq(fg_effects_resolve(&db, &c, 0, &flags), fx(FG_EFFECT_READ_ONLY),
		     "--effects files come last");
	fg_effects_free(&db);

	o.nsite = 0;
	o.site_dir = "/nonexistent/fwctl-guard/effects";
	memset(&db, 0, sizeof(db));
	cr_expect_eq(fg_inventory_tables(&o, &db, &d), 0, "no site folder is no error");
	fg_effects_free(&db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}
