// SPDX-License-Identifier: GPL-2.0-only
/* Policy front end: accept and reject tables; rejects assert message and
 * location. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"

static int parse(const char *text, struct fg_policy *pol, struct fg_diag *d)
{
	return fg_policy_parse_buf("t.policy", text, strlen(text), NULL, pol, d);
}

struct accept_case {
	const char *text;
	__u32 nrules;
	__u8 default_action;
	/* first rule, when nrules > 0 */
	__u8 action, scope_min, scope_max;
	__u32 devtype_mask;
};

static const struct accept_case accepts[] = {
	{ "default allow\n", 0, FG_ACTION_ALLOW, 0, 0, 0, 0 },
	{ "default deny", 0, FG_ACTION_DENY, 0, 0, 0, 0 },
	{ "# comment\n\n  default audit   # trailing\n", 0, FG_ACTION_AUDIT, 0, 0, 0, 0 },
	{ "default allow\ndeny scope >= debug-write\n", 1, FG_ACTION_ALLOW, FG_ACTION_DENY, 2, 3,
	  FG_DEVTYPE_ANY },
	{ "deny scope >= debug-write\ndefault allow\n", 1, FG_ACTION_ALLOW, FG_ACTION_DENY, 2, 3,
	  FG_DEVTYPE_ANY },
	{ "default deny\nallow scope configuration\n", 1, FG_ACTION_DENY, FG_ACTION_ALLOW, 0, 0,
	  FG_DEVTYPE_ANY },
	{ "default deny\nallow scope == debug-read-only\n", 1, FG_ACTION_DENY, FG_ACTION_ALLOW, 1, 1,
	  FG_DEVTYPE_ANY },
	{ "default deny\nallow scope < debug-write\n", 1, FG_ACTION_DENY, FG_ACTION_ALLOW, 0, 1,
	  FG_DEVTYPE_ANY },
	{ "default deny\nallow scope <= debug-write\n", 1, FG_ACTION_DENY, FG_ACTION_ALLOW, 0, 2,
	  FG_DEVTYPE_ANY },
	{ "default deny\naudit scope > configuration scope < debug-write-full\n", 1,
	  FG_ACTION_DENY, FG_ACTION_AUDIT, 1, 2, FG_DEVTYPE_ANY },
	{ "default allow\ndeny type cxl\n", 1, FG_ACTION_ALLOW, FG_ACTION_DENY, 0, 3,
	  1u << FG_DEVTYPE_CXL },
	{ "default allow\ndeny type mlx5, bnxt ,pds scope debug-write-full\n", 1, FG_ACTION_ALLOW,
	  FG_ACTION_DENY, 3, 3,
	  (1u << FG_DEVTYPE_MLX5) | (1u << FG_DEVTYPE_BNXT) | (1u << FG_DEVTYPE_PDS) },
	{ "default allow\ndeny type unknown\n", 1, FG_ACTION_ALLOW, FG_ACTION_DENY, 0, 3,
	  1u << FG_DEVTYPE_UNKNOWN },
	{ "\tdefault\tallow\r\n\tdeny\tscope\t>=\tdebug-write\r\n", 1, FG_ACTION_ALLOW,
	  FG_ACTION_DENY, 2, 3, FG_DEVTYPE_ANY },
	{ "default allow\ndeny\n", 1, FG_ACTION_ALLOW, FG_ACTION_DENY, 0, 3, FG_DEVTYPE_ANY },
};

Test(policy_parse, accepts)
{
	unsigned int i;

	for (i = 0; i < sizeof(accepts) / sizeof(accepts[0]); i++) {
		const struct accept_case *c = &accepts[i];
		struct fg_policy pol;
		struct fg_diag d;
		int ret = parse(c->text, &pol, &d);

		cr_assert_eq(ret, 0, "case %u rejected: %d:%d: %s", i, d.line, d.col, d.msg);
		cr_expect_eq(pol.version, FG_ABI_VERSION, "case %u", i);
		cr_expect_eq(pol.nrules, c->nrules, "case %u", i);
		cr_expect_eq(pol.default_action, c->default_action, "case %u", i);
		if (!c->nrules)
			continue;
		cr_expect_eq(pol.rules[0].action, c->action, "case %u", i);
		cr_expect_eq(pol.rules[0].scope_min, c->scope_min, "case %u", i);
		cr_expect_eq(pol.rules[0].scope_max, c->scope_max, "case %u", i);
		cr_expect_eq(pol.rules[0].devtype_mask, c->devtype_mask, "case %u", i);
	}
}

struct reject_case {
	const char *text;
	int line, col, len;
	const char *msg;	/* substring of the message */
};

static const struct reject_case rejects[] = {
	{ "", 1, 1, 1, "no 'default' statement" },
	{ "# only a comment\n", 1, 1, 1, "no 'default' statement" },
	{ "deny scope debug-write\n", 1, 1, 1, "no 'default' statement" },
	{ "default allow\ndefault deny\n", 2, 1, 7, "'default' given twice (first at line 1)" },
	{ "default\n", 1, 8, 1, "expected allow, deny or audit after 'default'" },
	{ "default permit\n", 1, 9, 6, "unknown action 'permit' (expected allow, deny or audit)" },
	{ "default allow deny\n", 1, 15, 4, "unexpected 'deny' after the default action" },
	{ "default allow\nblock scope debug-write\n", 2, 1, 5, "unknown statement 'block'" },
	{ "default allow\ndeny scope >= debug-writ\n", 2, 15, 10,
	  "unknown scope 'debug-writ' (expected configuration, debug-read-only, debug-write or "
	  "debug-write-full)" },
	{ "default allow\ndeny scope\n", 2, 11, 1, "expected a scope name after 'scope'" },
	{ "default allow\ndeny scope >=\n", 2, 11, 1, "expected a scope name after '>='" },
	{ "default allow\ndeny scope != debug-write\n", 2, 12, 2, "unknown operator '!='" },
	{ "default allow\ndeny scope => debug-write\n", 2, 12, 2, "unknown operator '=>'" },
	{ "default allow\ndeny scope > debug-write-full\n", 2, 6, 24, "match no scope" },
	{ "default allow\ndeny scope < configuration\n", 2, 6, 21, "match no scope" },
	{ "default allow\ndeny scope debug-write scope configuration\n", 2, 24, 19,
	  "match no scope" },
	{ "default allow\ndeny type\n", 2, 10, 1, "expected a device type after 'type'" },
	{ "default allow\ndeny type nvme\n", 2, 11, 4, "unknown device type 'nvme'" },
	{ "default allow\ndeny type cxl,\n", 2, 15, 1, "expected a device type after ','" },
	{ "default allow\ndeny type cxl type mlx5\n", 2, 15, 4, "'type' given twice" },
	{ "default allow\ndeny color red\n", 2, 6, 5, "unknown condition 'color'" },
	{ "default allow\ndeny scope >= debug-write;\n", 2, 26, 1, "unexpected character ';'" },
	{ "default allow\ndeny scope \xc3\xa9\n", 2, 12, 1, "unexpected byte 0xc3" },
	{ "default allow\n>= deny\n", 2, 1, 2, "expected a statement, found '>='" },
	{ "default allow\ndeny scope >= >=\n", 2, 15, 2, "expected scope name, found '>='" },
};

static const struct reject_case rejects_conditions[] = {
	{ "default allow\ndeny effect\n", 2, 12, 1, "expected an effect after 'effect'" },
	{ "default allow\ndeny effect resets\n", 2, 13, 6, "unknown effect 'resets'" },
	{ "default allow\ndeny effect reset effect log-change\n", 2, 19, 6,
	  "'effect' given twice" },
	{ "default allow\ndeny cmd\n", 2, 9, 1, "expected a command name or number" },
	{ "default allow\ndeny cmd 0x0502\n", 2, 10, 6, "a command number needs 'type TYPE'" },
	{ "default allow\ndeny cmd fw_reset\n", 2, 10, 8, "unknown command 'fw_reset'" },
	{ "default allow\ndeny type cxl cmd frobnicate\n", 2, 19, 10,
	  "unknown cxl command 'frobnicate'" },
	{ "default allow\ndeny type cxl,mlx5 cmd set_feature\n", 2, 20, 3,
	  "'cmd' needs exactly one known device type" },
	{ "default allow\ndeny feature scrubber\n", 2, 14, 8, "unknown feature 'scrubber'" },
	{ "default allow\ndeny type mlx5 feature ecs\n", 2, 16, 7, "'feature' is a CXL condition" },
	{ "default allow\ndeny feature ecs type cxl\n", 2, 18, 4, "'type' given twice, or after" },
	{ "default allow\ndeny request broken\n", 2, 14, 6, "unknown request state 'broken'" },
	{ "default allow\ndefault unknown-device\n", 2, 23, 1,
	  "expected allow, deny or audit after 'default unknown-device'" },
	{ "default allow\ndefault unknown-device deny\ndefault unknown-device allow\n", 3, 1, 22,
	  "'default unknown-device' given twice (first at line 2)" },
	{ "default allow\ndefault unknown-device deny audit\n", 2, 29, 5, "unexpected 'audit'" },
};

Test(policy_parse, conditions_accept)
{
	struct fg_policy pol;
	struct fg_diag d;
	const struct fg_rule *r;

	cr_assert_eq(parse("default allow\ndefault unknown-device audit\n"
			   "deny effect config-change-after-reset,destructive\n"
			   "deny effect all reset,destructive\n"
			   "audit cmd set_feature feature vendor_test scope >= debug-write\n"
			   "deny type mlx5 cmd 0x0805\n"
			   "deny feature 96dad7d6-fde8-482b-a733-75774e06db8a\n"
			   "allow request malformed,unreadable type cxl\n", &pol, &d), 0,
		     "%d:%d: %s", d.line, d.col, d.msg);
	cr_expect_eq(pol.unknown_device_action, FG_ACTION_AUDIT);
	cr_assert_eq(pol.nrules, 6);
	r = &pol.rules[0];
	cr_expect_eq(r->effects_any, FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET) |
				     FG_EFFECT_BIT(FG_EFFECT_DESTRUCTIVE));
	cr_expect_eq(r->status_mask, 1u << FG_DECODE_OK);
	cr_expect_eq(r->devtype_mask, FG_DEVTYPE_ANY);
	cr_expect_eq(pol.rules[1].effects_all, FG_EFFECT_BIT(FG_EFFECT_RESET) |
					       FG_EFFECT_BIT(FG_EFFECT_DESTRUCTIVE));
	r = &pol.rules[2];
	cr_expect_eq(r->match, FG_MATCH_OPCODE | FG_MATCH_UUID);
	cr_expect_eq(r->opcode, 0x0502);
	cr_expect_eq(r->devtype_mask, 1u << FG_DEVTYPE_CXL, "cmd set_feature implies cxl");
	cr_expect_eq(r->uuid[0], 0xff);
	cr_expect_eq(r->scope_min, FG_SCOPE_DEBUG_WRITE);
	cr_expect_eq(pol.rules[3].opcode, 0x0805);
	cr_expect_eq(pol.rules[3].devtype_mask, 1u << FG_DEVTYPE_MLX5);
	cr_expect_eq(pol.rules[4].uuid[0], 0x96);
	cr_expect_eq(pol.rules[4].uuid[15], 0x8a);
	cr_expect_eq(pol.rules[5].status_mask, (1u << FG_DECODE_MALFORMED) |
					       (1u << FG_DECODE_UNREADABLE));
	/* Without the statement, a node the registry does not know is refused. */
	cr_assert_eq(parse("default allow\n", &pol, &d), 0);
	cr_expect_eq(pol.unknown_device_action, FG_ACTION_DENY);
}

Test(policy_parse, conditions_reject)
{
	unsigned int i;

	for (i = 0; i < sizeof(rejects_conditions) / sizeof(rejects_conditions[0]); i++) {
		const struct reject_case *c = &rejects_conditions[i];
		struct fg_policy pol;
		struct fg_diag d;

		cr_expect_eq(parse(c->text, &pol, &d), -EINVAL, "case %u accepted", i);
		cr_expect_eq(d.line, c->line, "case %u: line %d (%s)", i, d.line, d.msg);
		cr_expect_eq(d.col, c->col, "case %u: col %d (%s)", i, d.col, d.msg);
		cr_expect_eq(d.len, c->len, "case %u: len %d (%s)", i, d.len, d.msg);
		cr_expect(strstr(d.msg, c->msg), "case %u: '%s' lacks '%s'", i, d.msg, c->msg);
	}
}

Test(policy_parse, rejects_with_location)
{
	unsigned int i;

	for (i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		const struct reject_case *c = &rejects[i];
		struct fg_policy pol;
		struct fg_diag d;
		int ret = parse(c->text, &pol, &d);

		cr_assert_eq(ret, -EINVAL, "case %u (%s) accepted", i, c->text);
		cr_expect_str_eq(d.file, "t.policy", "case %u", i);
		cr_expect_eq(d.line, c->line, "case %u: line %d, want %d (%s)", i, d.line, c->line,
			     d.msg);
		cr_expect_eq(d.col, c->col, "case %u: col %d, want %d (%s)", i, d.col, c->col, d.msg);
		cr_expect_eq(d.len, c->len, "case %u: len %d, want %d (%s)", i, d.len, c->len, d.msg);
		cr_expect(strstr(d.msg, c->msg), "case %u: message '%s' lacks '%s'", i, d.msg,
			  c->msg);
	}
}

Test(policy_parse, source_line_kept_for_the_caret)
{
	struct fg_policy pol;
	struct fg_diag d;

	cr_assert_eq(parse("default allow\ndeny scope >= debug-writ\nallow\n", &pol, &d), -EINVAL);
	cr_expect_str_eq(d.source, "deny scope >= debug-writ");
}

Test(policy_parse, too_many_rules)
{
	static char text[64 * (FG_MAX_RULES + 2)];
	struct fg_policy pol;
	struct fg_diag d;
	size_t off;
	int i;

	off = snprintf(text, sizeof(text), "default allow\n");
	for (i = 0; i < FG_MAX_RULES; i++)
		off += snprintf(text + off, sizeof(text) - off, "deny scope debug-write\n");
	cr_assert_eq(parse(text, &pol, &d), 0, "%s", d.msg);
	cr_expect_eq(pol.nrules, FG_MAX_RULES);
	snprintf(text + off, sizeof(text) - off, "deny scope debug-write\n");
	cr_assert_eq(parse(text, &pol, &d), -EINVAL);
	cr_expect_eq(d.line, FG_MAX_RULES + 2);
	cr_expect(strstr(d.msg, "too many rules"), "%s", d.msg);
}

Test(policy_parse, name_from_file)
{
	struct fg_policy pol;
	struct fg_diag d;

	cr_assert_eq(fg_policy_parse_buf("/etc/x/deny-writes.policy", "default allow", 13, NULL, &pol,
					 &d),
		     0);
	cr_expect_str_eq(pol.name, "deny-writes");
}

Test(policy_parse, rejected_policy_leaves_output_untouched)
{
	struct fg_policy pol;
	struct fg_diag d;

	memset(&pol, 0xa5, sizeof(pol));
	cr_assert_eq(parse("default allow\ndeny scope bogus\n", &pol, &d), -EINVAL);
	cr_expect_eq(pol.version, 0xa5a5a5a5);
}

Test(policy_parse, missing_file)
{
	struct fg_policy pol;
	struct fg_diag d;

	cr_assert_eq(fg_policy_parse_file("/nonexistent/x.policy", NULL, &pol, &d), -ENOENT);
	cr_expect_eq(d.line, 0);
	cr_expect(strstr(d.msg, "cannot open"), "%s", d.msg);
}

Test(policy_parse, describe_round_trips)
{
	static const char *const texts[] = {
		"deny scope >= debug-write",
		"allow scope configuration",
		"audit scope <= debug-read-only type cxl",
		"deny scope >= debug-read-only scope <= debug-write type mlx5,pds",
		"deny",
		"deny type cxl cmd set_feature feature vendor_test effect config-change-after-reset",
		"deny type mlx5 cmd 0x0805 effect all reset,destructive request ok,malformed",
		"audit type unknown request unreadable",
	};
	unsigned int i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char text[256], back[256];
		struct fg_policy pol;
		struct fg_diag d;

		snprintf(text, sizeof(text), "default allow\n%s\n", texts[i]);
		cr_assert_eq(parse(text, &pol, &d), 0, "%s: %s", texts[i], d.msg);
		fg_rule_describe(&pol.rules[0], NULL, back, sizeof(back));
		cr_expect_str_eq(back, texts[i]);
	}
}
