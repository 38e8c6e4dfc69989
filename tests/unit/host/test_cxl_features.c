// SPDX-License-Identifier: GPL-2.0-only
/* CXL features as Get Supported Features returns them, and their effects in
 * the guard's vocabulary. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "host/cxl_features.h"
#include "fwctl_guard_decode.h"
#include "util/names.h"

static __u32 fx(int e)
{
	return FG_EFFECT_BIT(e);
}

Test(cxl_effects, mapping)
{
	/* The CXL mock's test feature: cold-reset config change, valid. */
	cr_expect_eq(fg_cxl_effects(0x0201), fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	cr_expect_eq(fg_cxl_effects(0x0001), fx(FG_EFFECT_UNKNOWN), "no valid bit");
	cr_expect_eq(fg_cxl_effects(0x0200 | FG_CXL_FX_CONFIG_CONV_RESET),
		     fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	cr_expect_eq(fg_cxl_effects(0x0200 | FG_CXL_FX_DATA_IMMEDIATE),
		     fx(FG_EFFECT_DATA_CHANGE_IMMEDIATE) | fx(FG_EFFECT_DESTRUCTIVE));
	cr_expect_eq(fg_cxl_effects(0x0200 | FG_CXL_FX_SECURITY_STATE),
		     fx(FG_EFFECT_SECURITY_STATE_CHANGE) | fx(FG_EFFECT_DESTRUCTIVE));
	cr_expect_eq(fg_cxl_effects(0x0200 | FG_CXL_FX_POLICY_IMMEDIATE | FG_CXL_FX_LOG_IMMEDIATE),
		     fx(FG_EFFECT_POLICY_CHANGE) | fx(FG_EFFECT_LOG_CHANGE));
	/* A Set Feature that names no change still writes the feature. */
	cr_expect_eq(fg_cxl_effects(0x0200), fx(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE));
	cr_expect_eq(fg_cxl_effects(0x0200 | FG_CXL_FX_BACKGROUND),
		     fx(FG_EFFECT_BACKGROUND) | fx(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE));
}

Test(cxl_effects, builtin)
{
	struct fg_cmd c = { .devtype = FG_DEVTYPE_CXL, .opcode = FG_CXL_GET_FEATURE };

	cr_expect_eq(fg_effects_builtin(&c), fx(FG_EFFECT_READ_ONLY));
	c.opcode = FG_CXL_GET_SUPPORTED_FEATURES;
	cr_expect_eq(fg_effects_builtin(&c), fx(FG_EFFECT_READ_ONLY));
	c.opcode = FG_CXL_SET_FEATURE;
	cr_expect_eq(fg_effects_builtin(&c), 0, "Set Feature is looked up");
	c.opcode = 0x4200;
	cr_expect_eq(fg_effects_builtin(&c), fx(FG_EFFECT_UNKNOWN));
	c.opcode = FG_CXL_GET_FEATURE;
	c.status = FG_DECODE_UNREADABLE;
	cr_expect_eq(fg_effects_builtin(&c), fx(FG_EFFECT_UNKNOWN));
}

/* A Get Supported Features reply with n entries; entry i has UUID bytes i. */
static size_t reply(__u8 *out, __u16 n, __u16 total, __u32 retval)
{
	__u32 size = 8 + 48 * n;
	__u16 i;

	memset(out, 0, 16 + 48 * n);
	memcpy(out, &size, 4);
	memcpy(out + 4, &retval, 4);
	memcpy(out + 8, &n, 2);
	memcpy(out + 10, &total, 2);
	for (i = 0; i < n; i++) {
		__u8 *e = out + 16 + 48 * i;
		__u32 flags = 0x61;
		__u16 effects = 0x0201, id = i;

		memset(e, i, 16);
		memcpy(e + 16, &id, 2);
		memcpy(e + 22, &flags, 4);
		memcpy(e + 28, &effects, 2);
	}
	return 16 + 48 * n;
}

Test(cxl_features, parse_reply)
{
	__u8 out[16 + 48 * 3];
	struct fg_cxl_feature *f = NULL;
	struct fg_effects_db db = {};
	size_t n = 0, len = reply(out, 3, 5, 0);
	__u32 total = 0;

	cr_assert_eq(fg_cxl_parse_features(out, len, &f, &n, &total), 0);
	cr_expect_eq(n, 3);
	cr_expect_eq(total, 5);
	cr_expect_eq(f[2].uuid[0], 2);
	cr_expect_eq(f[2].id, 2);
	cr_expect_eq(f[2].flags, 0x61);
	cr_expect_eq(f[2].effects, 0x0201);
	cr_assert_eq(fg_cxl_effects_put(&db, 7, "fwctl7", f, n), 0);
	cr_expect_eq(db.n, 3);
	cr_expect_eq(db.e[1].key.minor, 7);
	cr_expect_eq(db.e[1].key.opcode, FG_CXL_SET_FEATURE);
	cr_expect_eq(db.e[1].val.effects, fx(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET));
	cr_expect_str_eq(db.e[1].source, "fwctl7 live");
	fg_effects_free(&db);
	free(f);
}

Test(cxl_features, short_or_failed_reply_refused)
{
	__u8 out[16 + 48 * 2];
	struct fg_cxl_feature *f = NULL;
	size_t n = 0, len = reply(out, 2, 2, 0);
	__u32 total;

	cr_expect_eq(fg_cxl_parse_features(out, len - 1, &f, &n, &total), -EPROTO);
	cr_expect_eq(fg_cxl_parse_features(out, 15, &f, &n, &total), -EPROTO);
	reply(out, 2, 2, 1);
	cr_expect_eq(fg_cxl_parse_features(out, len, &f, &n, &total), -EPROTO, "retval 1");
	cr_expect_eq(n, 0);
	free(f);
}
