// SPDX-License-Identifier: GPL-2.0-only
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "event_format.h"
#include "names.h"

static struct fg_event ev(void)
{
	struct fg_event e;

	memset(&e, 0, sizeof(e));
	e.version = FG_ABI_VERSION;
	e.type = FG_EVENT_DECISION;
	e.size = sizeof(e);
	e.boot_ns = 1500000000ULL;	/* 1.5 s after boot */
	e.pid = 42;
	e.tid = 43;
	e.uid = 1000;
	e.gid = 100;
	e.action = FG_ACTION_DENY;
	e.reason = FG_REASON_RULE;
	e.hook = FG_HOOK_IOCTL;
	e.rule = 0;
	e.minor = 7;
	e.devtype = FG_DEVTYPE_CXL;
	e.scope = FG_SCOPE_DEBUG_WRITE;
	e.in_len = 52;
	e.out_len = 8;
	memcpy(e.comm, "fwctl-rpc", 9);
	return e;
}

Test(event_format, denial_line)
{
	struct fg_event e = ev();
	char line[1024];

	cr_assert_gt(fg_event_format(&e, 0, line, sizeof(line)), 0);
	cr_expect_str_eq(line, "1970-01-01T00:00:01.500000Z deny reason=rule rule=0 hook=ioctl "
			 "dev=fwctl7 type=cxl scope=debug-write in_len=52 out_len=8 pid=42 "
			 "tid=43 uid=1000 gid=100 comm=\"fwctl-rpc\"");
}

Test(event_format, every_scope_name_whole)
{
	char line[1024], want[64];
	__u32 s;

	for (s = 0; s < FG_SCOPE_MAX; s++) {
		struct fg_event e = ev();

		e.scope = s;
		fg_event_format(&e, 0, line, sizeof(line));
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
	fg_event_format(&e, 0, line, sizeof(line));
	cr_expect(strstr(line, " reason=malformed rule=- "), "%s", line);
	cr_expect(strstr(line, " scope=7 "), "%s", line);
}

Test(event_format, comm_escaped)
{
	struct fg_event e = ev();
	char line[1024];

	memset(e.comm, 0, sizeof(e.comm));
	memcpy(e.comm, "a \"b\"\\\n\xc3\xa9", 10);
	fg_event_format(&e, 0, line, sizeof(line));
	cr_expect(strstr(line, "comm=\"a \\\"b\\\"\\\\\\x0a\\xc3\\xa9\""), "%s", line);
}

Test(event_format, comm_without_nul_is_bounded)
{
	struct fg_event e = ev();
	char line[1024];

	memset(e.comm, 'x', sizeof(e.comm));
	fg_event_format(&e, 0, line, sizeof(line));
	cr_expect(strstr(line, "comm=\"xxxxxxxxxxxxxxxx\""), "%s", line);
}

Test(event_format, unknown_records_refused)
{
	struct fg_event e = ev();
	char line[64];

	e.version = FG_ABI_VERSION + 1;
	cr_expect_lt(fg_event_format(&e, 0, line, sizeof(line)), 0);
	e = ev();
	e.type = 99;
	cr_expect_lt(fg_event_format(&e, 0, line, sizeof(line)), 0);
}

Test(event_format, truncates_safely)
{
	struct fg_event e = ev();
	char line[20];

	cr_expect_eq(fg_event_format(&e, 0, line, sizeof(line)), 19);
	cr_expect_eq(strlen(line), 19);
}
