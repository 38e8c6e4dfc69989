/* SPDX-License-Identifier: GPL-2.0-only */
/* A decision event with every field set, for the event output tests. */
#ifndef FG_TEST_EVENT_SAMPLE_H
#define FG_TEST_EVENT_SAMPLE_H

#include <string.h>

#include "fwctl_guard.h"

static inline struct fg_event sample_event(void)
{
	struct fg_event e;

	memset(&e, 0, sizeof(e));
	e.version = FG_EVENT_VERSION;
	e.type = FG_EVENT_DECISION;
	e.size = sizeof(e);
	e.seq = 1234;
	e.boot_ns = 1500000000ULL;	/* 1.5 s after boot */
	e.gen = 3;
	e.pid = 42;
	e.tid = 43;
	e.loginuid = 1000;
	e.sessionid = 7;
	e.caller.uid = 1000;
	e.caller.euid = 0;
	e.caller.gid = 100;
	e.caller.cgroup_id = 4242;
	e.caller.exe_ino = 99;
	e.caller.exe_dev = (8u << 20) | 1;
	e.caller.caps = 1ull << 17;
	memcpy(e.caller.comm, "fwctl-rpc", 9);
	e.exe_status = FG_EXE_OK;
	strcpy(e.exe, "/usr/bin/fwctl-rpc");
	e.action = FG_ACTION_DENY;
	e.reason = FG_REASON_RULE;
	e.hook = FG_HOOK_IOCTL;
	e.rule = 0;
	e.permissive = 1;
	e.minor = 7;
	e.devtype = FG_DEVTYPE_CXL;
	e.scope = FG_SCOPE_DEBUG_WRITE;
	e.in_len = 52;
	e.out_len = 8;
	e.cmd.devtype = FG_DEVTYPE_CXL;
	e.cmd.opcode = FG_CXL_SET_FEATURE;
	e.cmd.has_uuid = 1;
	memset(e.cmd.uuid, 0xff, 16);
	e.cmd.effects = FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET);
	return e;
}

#endif
