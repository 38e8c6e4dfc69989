// SPDX-License-Identifier: GPL-2.0-only
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "host/effects_table.h"
#include "events/format.h"
#include "util/names.h"
#include "test_event_sample.h"

static struct fg_event ev(void)
{
	return sample_event();
}

Test(event_format, denial_line)
{
	struct fg_event e = ev();
	char line[1024];

	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect_str_eq(line, "1970-01-01T00:00:01.500000Z deny reason=rule rule=0 gen=3 permissive=1 "
			 "hook=ioctl "
			 "dev=fwctl7 type=cxl scope=debug-write in_len=52 out_len=8 decode=ok "
			 "cmd=set_feature opcode=0x0502 feature=vendor_test "
			 "effects=config-change-after-reset pid=42 tid=43 uid=1000 euid=0 gid=100 "
			 "auid=1000 ses=7 comm=\"fwctl-rpc\" exe=\"/usr/bin/fwctl-rpc\" "
			 "cgroup_id=4242 caps=0x20000 seq=1234");
}

/* An exe that did not count: why, right after it; no inode (the engine
 * was given none). */
Test(event_format, exe_untrusted)
{
	struct fg_event e = ev();
	char line[1024];

	e.caller.exe_trust = FG_UNTRUST_BIT(FG_UNTRUST_TRACED) | FG_UNTRUST_BIT(FG_UNTRUST_ATTACHED);
	e.caller.exe_ino = 0;
	e.caller.exe_dev = 0;
	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect(strstr(line, " exe=\"/usr/bin/fwctl-rpc\" exe_untrusted=traced,attached "
			 "cgroup_id=4242 "), "%s", line);
	/* a reason this build does not know of is not left out silently */
	e.caller.exe_trust = 1u << 31;
	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect(strstr(line, " exe_untrusted=? "), "%s", line);
	e.caller.exe_trust = 0;
	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect(!strstr(line, "exe_untrusted"), "%s", line);
}

Test(event_format, command_fields_per_type)
{
	struct fg_effects_db db = {};
	struct fg_diag d;
	struct fg_event e = ev();
	char line[1024];
	static const char table[] = "type mlx5\n0x0805 access_reg read-only\n";

	cr_assert_eq(fg_effects_parse_buf("m.effects", table, strlen(table), &db, &d), 0);
	e.devtype = e.cmd.devtype = FG_DEVTYPE_MLX5;
	e.cmd.opcode = 0x805;
	e.cmd.op_mod = 1;
	e.cmd.uid = 5;
	e.cmd.has_uuid = 0;
	e.cmd.effects = FG_EFFECT_BIT(FG_EFFECT_READ_ONLY);
	fg_event_format(&e, &db, 0, line, sizeof(line));
	cr_expect(strstr(line, " decode=ok cmd=access_reg opcode=0x0805 op_mod=0x1 fw_uid=5 "
			 "effects=read-only "), "%s", line);
	/* the firmware's uid is not the caller's: one uid= in the line */
	cr_expect(strstr(line, " uid=") && !strstr(strstr(line, " uid=") + 1, " uid="), "%s", line);
	fg_event_format(&e, NULL, 0, line, sizeof(line));
	cr_expect(strstr(line, " cmd=? opcode=0x0805 "), "%s", line);
	e.devtype = e.cmd.devtype = FG_DEVTYPE_PDS;
	e.cmd.endpoint = 3;
	e.cmd.status = FG_DECODE_UNREADABLE;
	e.cmd.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	fg_event_format(&e, &db, 0, line, sizeof(line));
	cr_expect(strstr(line, " decode=unreadable cmd=? opcode=0x0805 ep=3 effects=unknown "),
		  "%s", line);
	fg_effects_free(&db);
}

Test(event_format, every_scope_name_whole)
{
	char line[1024], want[64];
	__u32 s;

	for (s = 0; s < FG_SCOPE_MAX; s++) {
		struct fg_event e = ev();

		e.scope = s;
		fg_event_format(&e, NULL, 0, line, sizeof(line));
		snprintf(want, sizeof(want), " scope=%s ", fg_scope_name(s));
		cr_expect(strstr(line, want), "scope %u: %s", s, line);
	}
}

Test(event_format, out_of_range_scope_as_number_and_no_rule)
{
	struct fg_event e = ev();
	char line[1024];

	e.scope = 7;
	e.reason = FG_REASON_MALFORMED;
	e.rule = FG_RULE_NONE;
	fg_event_format(&e, NULL, 0, line, sizeof(line));
	cr_expect(strstr(line, " reason=malformed rule=- "), "%s", line);
	cr_expect(strstr(line, " scope=7 "), "%s", line);
}

Test(event_format, comm_escaped)
{
	struct fg_event e = ev();
	char line[1024];

	memset(e.caller.comm, 0, sizeof(e.caller.comm));
	memcpy(e.caller.comm, "a \"b\"\\\n\xc3\xa9", 10);
	fg_event_format(&e, NULL, 0, line, sizeof(line));
	cr_expect(strstr(line, "comm=\"a \\\"b\\\"\\\\\\x0a\\xc3\\xa9\""), "%s", line);
}

Test(event_format, comm_without_nul_is_bounded)
{
	struct fg_event e = ev();
	char line[1024];

	memset(e.caller.comm, 'x', sizeof(e.caller.comm));
	fg_event_format(&e, NULL, 0, line, sizeof(line));
	cr_expect(strstr(line, "comm=\"xxxxxxxxxxxxxxxx\""), "%s", line);
}

Test(event_format, unknown_records_refused)
{
	struct fg_event e = ev();
	char line[64];

	e.version = FG_EVENT_VERSION + 1;
	cr_expect_lt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	e = ev();
	e.type = 99;
	cr_expect_lt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
}

Test(event_format, truncates_safely)
{
	struct fg_event e = ev();
	char line[20];

	cr_expect_eq(fg_event_format(&e, NULL, 0, line, sizeof(line)), 19);
	cr_expect_eq(strlen(line), 19);
}
