// SPDX-License-Identifier: GPL-2.0-only
/*
 * Requests described in words (explain's KEY=VALUE and event lines read
 * back by explain --replay): an event line as fwctl-guard prints it is
 * read back into the request the guard judged, and judged the same. Found
 * by fuzz-decode's event round trip: an mlx5 register access (register=,
 * register_id=, access=), a device type by number (type=5) and an ioctl
 * other than FWCTL_RPC (scope=- ioctl=0x9a02(rsc-destroy)) were refused as
 * unknown keys, types or scopes, so replay skipped those events.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "host/effects_table.h"
#include "policy/describe.h"
#include "policy/eval.h"
#include "policy/ir.h"

#define T "2026-12-02T00:00:00.000000+00:00 deny reason=rule rule=0 gen=1 permissive=0 " \
	  "hook=ioctl "
#define CALLER " pid=1 tid=1 uid=0 euid=0 gid=0 auid=4294967295 ses=4294967295 comm=\"x\" " \
	       "exe=none cgroup_id=1 caps=0x0 seq=1"

/* As fg_event_format writes them (loader/events/format.c). */
static const char mlx5_reg_write[] =
	T "dev=fwctl0 type=mlx5 scope=configuration in_len=64 out_len=64 decode=ok "
	"cmd=access_reg opcode=0x0805 op_mod=0x0 fw_uid=7 register=? register_id=0x9050 "
	"access=write effects=unknown" CALLER;
static const char mlx5_reg_named_read[] =
	T "dev=fwctl0 type=mlx5 scope=configuration in_len=64 out_len=64 decode=ok "
	"cmd=access_reg opcode=0x0805 op_mod=0x1 fw_uid=0 register=pddr register_id=0x9031 "
	"access=read effects=read-only" CALLER;
static const char type_number[] =
	T "dev=fwctl1 type=5 scope=configuration in_len=64 out_len=64 decode=unknown-type "
	"cmd=? opcode=0x0000 effects=unknown" CALLER;

static const char other_ioctl[] =
	T "dev=fwctl2 type=mlx5 scope=- ioctl=0x9a02(rsc-destroy) in_len=0 out_len=0 decode=ok "
	"cmd=? opcode=0x0000 op_mod=0x0 fw_uid=0 effects=unknown" CALLER;

static struct fg_effects_db db;

static void setup(void)
{
	struct fg_effects_entry e = {
		.key = { .devtype = FG_DEVTYPE_MLX5, .opcode = FG_MLX5_ACCESS_REG,
			 .minor = FG_MINOR_ANY },
		.val = { .effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN) },
		.name = "access_reg",
	};

	cr_assert_eq(fg_effects_put(&db, &e), 0);
	cr_assert_eq(fg_effects_reg_put(&db, 0x9031, "pddr"), 0);
}

static void teardown(void)
{
	fg_effects_free(&db);
}

static struct fg_described parse(const char *line)
{
	struct fg_described d;
	struct fg_err err = {};

	fg_described_init(&d);
	cr_assert_eq(fg_described_parse_event(&d, line, &db, &err), 0, "refused: %s", err.msg);
	fg_described_finish(&d, &db, NULL, true);
	return d;
}

Test(describe, mlx5_register_access_from_an_event_line, .init = setup, .fini = teardown)
{
	struct fg_described d = parse(mlx5_reg_write);

	cr_expect_eq(d.in.cmd.devtype, FG_DEVTYPE_MLX5);
	cr_expect_eq(d.in.cmd.opcode, FG_MLX5_ACCESS_REG);
	cr_expect_eq(d.in.cmd.op_mod, 0);
	cr_expect_eq(d.in.cmd.uid, 7);
	cr_expect_eq(d.in.cmd.reg, 0x9050);
	cr_expect_eq(d.in.cmd.reg_access, FG_REG_WRITE);
	cr_expect_eq(d.in.caller.uid, 0);

	d = parse(mlx5_reg_named_read);
	cr_expect_eq(d.in.cmd.reg, 0x9031);
	cr_expect_eq(d.in.cmd.reg_access, FG_REG_READ);
	cr_expect_eq(d.in.cmd.effects, FG_EFFECT_BIT(FG_EFFECT_READ_ONLY));
}

Test(describe, another_ioctl_from_an_event_line, .init = setup, .fini = teardown)
{
	struct fg_described d = parse(other_ioctl);

	cr_expect_eq(d.in.req.ioctl, 0x9a02);
	cr_expect_eq(d.in.req.scope, 0);
	cr_expect_eq(d.in.req.minor, 2);
}

Test(describe, device_type_by_number, .init = setup, .fini = teardown)
{
	struct fg_described d = parse(type_number);

	cr_expect_eq(d.in.req.devtype, 5);
	cr_expect_eq(d.dev.dev.devtype, 5);
	cr_expect_eq(d.in.cmd.devtype, FG_DEVTYPE_UNKNOWN);
	cr_expect_eq(d.in.cmd.status, FG_DECODE_UNKNOWN_TYPE);
	cr_expect_eq(d.in.req.minor, 1);
}

struct key_case {
	const char *key, *value;
	const char *msg;	/* NULL: accepted */
};

Test(describe, register_and_type_keys, .init = setup, .fini = teardown)
{
	static const struct key_case cases[] = {
		{ "register", "pddr", NULL },
		{ "register", "0x9050", NULL },
		{ "register", "?", NULL },
		{ "register_id", "36944", NULL },
		{ "access", "write", NULL },
		{ "access", "none", NULL },
		{ "type", "31", NULL },
		{ "ioctl", "rsc-umem-reg", NULL },
		{ "ioctl", "0x9a02(rsc-destroy)", NULL },
		{ "ioctl", "39427", NULL },
		{ "scope", "-", NULL },
		{ "ioctl", "0x9a02(rsc-destroy", "unknown ioctl '0x9a02(rsc-destroy'" },
		{ "ioctl", "(rsc-destroy)", "unknown ioctl '(rsc-destroy)'" },
		{ "ioctl", "0x00000000000000000000000009a02", "unknown ioctl "
		  "'0x00000000000000000000000009a02'" },
		{ "ioctl", "rpcs", "unknown ioctl 'rpcs'" },
		{ "register", "pdr", "no register is called 'pdr'" },
		{ "register_id", "pddr", "no register is called 'pddr'" },
		{ "register", "0x10000",
		  "mlx5 register ids are 16 bits: '0x10000' is out of range" },
		{ "access", "sideways", "unknown register access 'sideways' (read or write)" },
		{ "type", "32", "unknown device type '32'" },
		{ "type", "0x0", "unknown device type '0x0'" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fg_described d;
		struct fg_err err = {};
		int ret;

		fg_described_init(&d);
		ret = fg_described_set(&d, cases[i].key, cases[i].value, &db, NULL, &err);
		if (!cases[i].msg) {
			cr_expect_eq(ret, 0, "%s=%s: %s", cases[i].key, cases[i].value, err.msg);
			continue;
		}
		cr_expect_eq(ret, -EINVAL, "%s=%s accepted", cases[i].key, cases[i].value);
		cr_expect_str_eq(err.msg, cases[i].msg, "%s=%s", cases[i].key, cases[i].value);
	}
}

/* Replayed, each event is decided as the guard decided it: by its rule. */
Test(describe, replayed_events_meet_their_rules, .init = setup, .fini = teardown)
{
	static const char text[] = "default allow\n"
				   "deny type 5\n"
				   "deny type mlx5 register 0x9050 access write\n"
				   "deny ioctl rsc-destroy\n";
	const struct fg_compile_opts opts = { .db = &db, .no_resolve = true };
	const char *lines[] = { type_number, mlx5_reg_write, mlx5_reg_named_read, other_ioctl };
	const int rules[] = { 0, 1, FG_RULE_NONE, 2 };
	struct fg_program *prog = NULL;
	struct fg_diag diag;
	size_t i;

	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &opts, &prog, &diag,
					   NULL), 0, "%s", diag.msg);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct fg_described d = parse(lines[i]);
		struct fg_devlist one = { .n = 1, .devs = &d.dev };
		struct fg_verdict v;

		d.dev.minor = d.in.req.minor;
		fg_policy_eval(prog, &one, &d.in, &v);
		cr_expect_eq(v.rule, rules[i], "line %zu: rule %d", i, v.rule);
	}
	fg_program_free(prog);
}
