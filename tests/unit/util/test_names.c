// SPDX-License-Identifier: GPL-2.0-only
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/names.h"

Test(names, scopes_round_trip)
{
	int i;

	for (i = 0; i < FG_SCOPE_MAX; i++)
		cr_expect_eq(fg_scope_parse(fg_scope_name(i)), i);
	cr_expect_str_eq(fg_scope_name(FG_SCOPE_DEBUG_WRITE), "debug-write");
	cr_expect_eq(fg_scope_parse("debug_write"), -ENOENT);
	cr_expect_str_eq(fg_scope_name(FG_SCOPE_MAX), "?");
}

Test(names, devtypes_follow_the_kernel_numbering)
{
	cr_expect_eq(fg_devtype_parse("mlx5"), 1);
	cr_expect_eq(fg_devtype_parse("cxl"), 2);
	cr_expect_eq(fg_devtype_parse("bnxt"), 3);
	cr_expect_eq(fg_devtype_parse("pds"), 4);
	cr_expect_str_eq(fg_devtype_name(99), "?");
}

Test(names, every_value_named)
{
	int i;

	for (i = 0; i < FG_ACTION_MAX; i++)
		cr_expect_neq(strcmp(fg_action_name(i), "?"), 0, "action %d", i);
	for (i = 0; i < FG_REASON_MAX; i++)
		cr_expect_neq(strcmp(fg_reason_name(i), "?"), 0, "reason %d", i);
	for (i = 0; i < FG_HOOK_MAX; i++)
		cr_expect_neq(strcmp(fg_hook_name(i), "?"), 0, "hook %d", i);
	for (i = 0; i < FG_STAT_MAX; i++)
		cr_expect_neq(strcmp(fg_stat_name(i), "?"), 0, "stat %d", i);
}

Test(names, tamper_and_seal)
{
	int i;

	for (i = 0; i < FG_TAMPER_ACTION_MAX; i++)
		cr_expect_eq(fg_tamper_parse(fg_tamper_name(i)), i, "tamper %d", i);
	for (i = 0; i < FG_SEAL_MODE_MAX; i++)
		cr_expect_eq(fg_seal_parse(fg_seal_name(i)), i, "seal %d", i);
	cr_expect_str_eq(fg_tamper_name(FG_TAMPER_REPORT), "report");
	cr_expect_str_eq(fg_tamper_name(FG_TAMPER_KILL), "kill");
	cr_expect_str_eq(fg_tamper_name(FG_TAMPER_ACTION_MAX), "?");
	cr_expect_eq(fg_tamper_parse("KILL"), -ENOENT);
	cr_expect_str_eq(fg_seal_name(FG_SEAL_NONE), "none");
	cr_expect_str_eq(fg_seal_name(FG_SEAL_ON), "sealed");
	cr_expect_str_eq(fg_seal_name(FG_SEAL_RELOAD), "reload");
	cr_expect_str_eq(fg_seal_name(FG_SEAL_MODE_MAX), "?");
	cr_expect_eq(fg_seal_parse("on"), -ENOENT);
}
