// SPDX-License-Identifier: GPL-2.0-only
/* The decision function the BPF program runs, compiled natively. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fwctl_guard_decide.h"
#include "policy.h"

static struct fg_policy pol;

static void load(const char *text)
{
	struct fg_diag d;

	cr_assert_eq(fg_policy_parse_buf("t", text, strlen(text), NULL, &pol, &d), 0, "%s", d.msg);
}

static struct fg_request req(__u32 devtype, __u32 scope)
{
	struct fg_request r = { .minor = 3, .devtype = devtype, .scope = scope,
				.size = sizeof(struct fg_fwctl_rpc), .in_len = 64, .out_len = 64 };
	return r;
}

/* A request that decoded, with effects read-only unless a test says so. */
static struct fg_cmd cmd_ok(__u32 devtype)
{
	struct fg_cmd c = { .status = FG_DECODE_OK, .devtype = devtype,
			    .effects = FG_EFFECT_BIT(FG_EFFECT_READ_ONLY) };
	return c;
}

static struct fg_verdict decide_cmd(struct fg_request r, struct fg_cmd c)
{
	struct fg_verdict v;

	memset(&v, 0x5a, sizeof(v));
	fg_decide(&pol, &r, &c, &v);
	return v;
}

static struct fg_verdict decide(struct fg_request r)
{
	return decide_cmd(r, cmd_ok(r.devtype));
}

Test(decide, deny_scope_at_least_debug_write)
{
	__u32 s;

	load("default allow\ndeny scope >= debug-write\n");
	for (s = 0; s < FG_SCOPE_MAX; s++) {
		struct fg_verdict v = decide(req(FG_DEVTYPE_CXL, s));

		if (s >= FG_SCOPE_DEBUG_WRITE) {
			cr_expect_eq(v.action, FG_ACTION_DENY, "scope %u", s);
			cr_expect_eq(v.reason, FG_REASON_RULE, "scope %u", s);
			cr_expect_eq(v.rule, 0, "scope %u", s);
		} else {
			cr_expect_eq(v.action, FG_ACTION_ALLOW, "scope %u", s);
			cr_expect_eq(v.reason, FG_REASON_DEFAULT, "scope %u", s);
			cr_expect_eq(v.rule, FG_RULE_NONE, "scope %u", s);
		}
	}
}

Test(decide, first_match_wins)
{
	struct fg_verdict v;

	load("default deny\naudit scope debug-read-only type cxl\nallow type cxl\n"
	     "deny scope debug-read-only\n");
	v = decide(req(FG_DEVTYPE_CXL, FG_SCOPE_DEBUG_READ_ONLY));
	cr_expect_eq(v.action, FG_ACTION_AUDIT);
	cr_expect_eq(v.rule, 0);
	v = decide(req(FG_DEVTYPE_CXL, FG_SCOPE_DEBUG_WRITE));
	cr_expect_eq(v.action, FG_ACTION_ALLOW);
	cr_expect_eq(v.rule, 1);
	v = decide(req(FG_DEVTYPE_MLX5, FG_SCOPE_DEBUG_READ_ONLY));
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.rule, 2);
	v = decide(req(FG_DEVTYPE_MLX5, FG_SCOPE_CONFIGURATION));
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.reason, FG_REASON_DEFAULT);
}

Test(decide, device_type_match)
{
	load("default allow\ndeny type mlx5,bnxt\n");
	cr_expect_eq(decide(req(FG_DEVTYPE_MLX5, 0)).action, FG_ACTION_DENY);
	cr_expect_eq(decide(req(FG_DEVTYPE_BNXT, 0)).action, FG_ACTION_DENY);
	cr_expect_eq(decide(req(FG_DEVTYPE_CXL, 0)).action, FG_ACTION_ALLOW);
	/* Rules without 'type' never match a node the registry does not know:
	 * it gets the unknown-device action, deny unless the policy says. */
	cr_expect_eq(decide(req(FG_DEVTYPE_UNKNOWN, 0)).action, FG_ACTION_DENY);
	cr_expect_eq(decide(req(FG_DEVTYPE_UNKNOWN, 0)).reason, FG_REASON_UNKNOWN_DEVICE);
	load("default allow\ndefault unknown-device audit\nallow scope configuration\n");
	cr_expect_eq(decide(req(FG_DEVTYPE_UNKNOWN, 0)).action, FG_ACTION_AUDIT);
	cr_expect_eq(decide(req(FG_DEVTYPE_UNKNOWN, 0)).reason, FG_REASON_UNKNOWN_DEVICE);
	cr_expect_eq(decide(req(FG_DEVTYPE_CXL, 0)).rule, 0);
}

Test(decide, out_of_range_devtype_is_unknown)
{
	load("default allow\ndeny type unknown\n");
	cr_expect_eq(decide(req(FG_DEVTYPE_UNKNOWN, 0)).action, FG_ACTION_DENY);
	cr_expect_eq(decide(req(77, 0)).action, FG_ACTION_DENY);
	cr_expect_eq(decide(req(77, 0)).reason, FG_REASON_RULE);
	cr_expect_eq(decide(req(FG_DEVTYPE_PDS, 0)).action, FG_ACTION_ALLOW);
}

static const __u8 ff_uuid[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct fg_cmd set_feature(__u32 effects)
{
	struct fg_cmd c = cmd_ok(FG_DEVTYPE_CXL);

	c.opcode = FG_CXL_SET_FEATURE;
	c.has_uuid = 1;
	memcpy(c.uuid, ff_uuid, 16);
	c.effects = effects;
	return c;
}

Test(decide, effect_any_and_all)
{
	__u32 reset = FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET);
	__u32 imm = FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE);
	__u32 destr = FG_EFFECT_BIT(FG_EFFECT_DESTRUCTIVE);
	struct fg_request r = req(FG_DEVTYPE_CXL, FG_SCOPE_DEBUG_WRITE);

	load("default allow\ndeny effect config-change-after-reset,destructive\n");
	cr_expect_eq(decide_cmd(r, set_feature(reset)).action, FG_ACTION_DENY);
	cr_expect_eq(decide_cmd(r, set_feature(destr | imm)).action, FG_ACTION_DENY);
	cr_expect_eq(decide_cmd(r, set_feature(imm)).action, FG_ACTION_ALLOW);
	cr_expect_eq(decide(r).action, FG_ACTION_ALLOW);	/* read-only */
	load("default allow\ndeny effect all config-change-immediate,destructive\n");
	cr_expect_eq(decide_cmd(r, set_feature(destr | imm)).action, FG_ACTION_DENY);
	cr_expect_eq(decide_cmd(r, set_feature(imm)).action, FG_ACTION_ALLOW);
	cr_expect_eq(decide_cmd(r, set_feature(destr)).action, FG_ACTION_ALLOW);
}

Test(decide, cmd_and_feature)
{
	struct fg_request r = req(FG_DEVTYPE_CXL, FG_SCOPE_DEBUG_WRITE);
	struct fg_cmd c = set_feature(FG_EFFECT_BIT(FG_EFFECT_UNKNOWN));

	load("default allow\ndeny cmd set_feature feature vendor_test\n");
	cr_expect_eq(decide_cmd(r, c).action, FG_ACTION_DENY);
	c.uuid[15] = 0xfe;
	cr_expect_eq(decide_cmd(r, c).action, FG_ACTION_ALLOW);
	c = set_feature(0);
	c.opcode = FG_CXL_GET_FEATURE;
	cr_expect_eq(decide_cmd(r, c).action, FG_ACTION_ALLOW);
	/* Same opcode number on another device type is another command. */
	c = set_feature(0);
	c.devtype = FG_DEVTYPE_MLX5;
	cr_expect_eq(decide_cmd(req(FG_DEVTYPE_MLX5, 2), c).action, FG_ACTION_ALLOW);
}

Test(decide, undecodable_requests_denied_unless_named)
{
	struct fg_request r = req(FG_DEVTYPE_MLX5, FG_SCOPE_CONFIGURATION);
	struct fg_cmd c = cmd_ok(FG_DEVTYPE_MLX5);
	struct fg_verdict v;

	load("default allow\nallow\n");
	c.status = FG_DECODE_MALFORMED;
	c.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	v = decide_cmd(r, c);
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.reason, FG_REASON_MALFORMED);
	c.status = FG_DECODE_UNREADABLE;
	v = decide_cmd(r, c);
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.reason, FG_REASON_UNREADABLE);
	load("default deny\naudit request unreadable\n");
	v = decide_cmd(r, c);
	cr_expect_eq(v.action, FG_ACTION_AUDIT);
	cr_expect_eq(v.reason, FG_REASON_RULE);
	c.status = FG_DECODE_OK;
	cr_expect_eq(decide_cmd(r, c).reason, FG_REASON_DEFAULT);
}

Test(decide, unknown_effects_matchable)
{
	struct fg_request r = req(FG_DEVTYPE_BNXT, FG_SCOPE_CONFIGURATION);
	struct fg_cmd c = cmd_ok(FG_DEVTYPE_BNXT);

	load("default allow\ndeny effect unknown\n");
	cr_expect_eq(decide_cmd(r, c).action, FG_ACTION_ALLOW);
	c.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	cr_expect_eq(decide_cmd(r, c).action, FG_ACTION_DENY);
}

Test(decide, malformed_requests_denied_even_by_allow_all)
{
	struct fg_request r;
	struct fg_verdict v;

	load("default allow\nallow\n");
	r = req(FG_DEVTYPE_CXL, FG_SCOPE_DEBUG_WRITE_FULL + 1);
	v = decide(r);
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.reason, FG_REASON_MALFORMED);
	cr_expect_eq(v.rule, FG_RULE_NONE);
	r = req(FG_DEVTYPE_CXL, 0);
	r.size = sizeof(struct fg_fwctl_rpc) - 1;
	cr_expect_eq(decide(r).reason, FG_REASON_MALFORMED);
	r = req(FG_DEVTYPE_CXL, 0);
	r.in_len = FG_FWCTL_MAX_RPC_LEN + 1;
	cr_expect_eq(decide(r).reason, FG_REASON_MALFORMED);
	r = req(FG_DEVTYPE_CXL, 0);
	r.out_len = FG_FWCTL_MAX_RPC_LEN + 1;
	cr_expect_eq(decide(r).reason, FG_REASON_MALFORMED);
	/* The limits themselves are what the kernel accepts. */
	r = req(FG_DEVTYPE_CXL, 0);
	r.in_len = r.out_len = FG_FWCTL_MAX_RPC_LEN;
	r.size = 64;
	cr_expect_eq(decide(r).action, FG_ACTION_ALLOW);
}

Test(decide, no_policy_fails_closed)
{
	struct fg_verdict v;

	memset(&pol, 0, sizeof(pol));
	v = decide(req(FG_DEVTYPE_CXL, 0));
	cr_expect_eq(v.action, FG_ACTION_DENY);
	cr_expect_eq(v.reason, FG_REASON_NO_POLICY);
}

Test(decide, corrupt_action_denies)
{
	load("default allow\nallow scope configuration\n");
	pol.rules[0].action = 9;
	cr_expect_eq(decide(req(FG_DEVTYPE_CXL, 0)).action, FG_ACTION_DENY);
	pol.default_action = 200;
	cr_expect_eq(decide(req(FG_DEVTYPE_CXL, 1)).action, FG_ACTION_DENY);
}

Test(decide, nrules_beyond_array_is_bounded)
{
	load("default allow\n");
	pol.nrules = 1000;	/* corrupt: the loop must stop at FG_MAX_RULES */
	memset(pol.rules, 0, sizeof(pol.rules));	/* rules match nothing: scope 0..0 */
	cr_expect_eq(decide(req(FG_DEVTYPE_CXL, 1)).reason, FG_REASON_DEFAULT);
}
