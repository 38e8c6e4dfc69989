// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event pipeline's userspace parts: JSON out and back, auditd's value
 * encoding and the USER_AVC message, event-number accounting, the audit
 * rate limit, readiness notification.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "events/audit.h"
#include "events/format.h"
#include "events/json.h"
#include "events/seq.h"
#include "events/notify.h"
#include "events/rate_limit.h"
#include "test_event_sample.h"

/* e -> JSON text -> parsed -> record; the text must be valid JSON. */
static struct fg_event round_trip(const struct fg_event *e)
{
	struct json_object *o = fg_event_to_json(e, NULL, NULL, 0), *back;
	struct fg_err err = {};
	struct fg_event out;
	const char *text;

	cr_assert_not_null(o);
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	back = json_tokener_parse(text);
	cr_assert_not_null(back, "not JSON: %s", text);
	cr_assert_eq(fg_event_from_json(back, &out, &err), 0, "%s: %s", err.msg, text);
	json_object_put(back);
	json_object_put(o);
	return out;
}

static void expect_same(const struct fg_event *a, const struct fg_event *b)
{
	cr_expect_eq(memcmp(a, b, sizeof(*a)), 0, "the record changed on the way");
}

Test(event_json, round_trip_sample)
{
	struct fg_event e = sample_event(), back = round_trip(&e);

	expect_same(&e, &back);
}

Test(event_json, names_in_the_object)
{
	struct fg_event e = sample_event();
	struct json_object *o = fg_event_to_json(&e, NULL, NULL, 0);
	const char *t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE);

	cr_expect(strstr(t, "\"action\":\"deny\""), "%s", t);
	cr_expect(strstr(t, "\"scope\":\"debug-write\""), "%s", t);
	cr_expect(strstr(t, "\"name\":\"set_feature\""), "%s", t);
	cr_expect(strstr(t, "\"feature\":\"vendor_test\""), "%s", t);
	cr_expect(strstr(t, "\"effects\":[\"config-change-after-reset\"]"), "%s", t);
	cr_expect(strstr(t, "\"exe\":\"/usr/bin/fwctl-rpc\""), "%s", t);
	cr_expect(strstr(t, "\"exe_untrusted\":[],\"exe_ino\":99,"), "%s", t);
	cr_expect(strstr(t, "\"time\":\"1970-01-01T00:00:01.500000000Z\""), "%s", t);
	cr_expect(strstr(t, "\"name\":\"fwctl7\""), "%s", t);
	/* no origin given: the keys are there, null */
	cr_expect(strstr(t, "{\"schema\":2,\"version\":5,\"fwctl_guard_version\":\""), "%s", t);
	cr_expect(strstr(t, "\"host\":null,"), "%s", t);
	cr_expect(strstr(t, "\"policy\":null,\"policy_sha256\":null,"), "%s", t);
	json_object_put(o);
}

/* Host, policy name and hash: from the writer's state, into the object and
 * back out; the mlx5 firmware uid as cmd.fw_uid. */
Test(event_json, origin_and_fw_uid)
{
	static const char sha[] = "888deee8d895bf286246e851b98864531ce4df23b162d09d211304a65b5e0729";
	struct fg_event_origin origin = { "host-1", "deny-debug-write", sha }, back_origin;
	struct fg_event e = sample_event(), back;
	struct json_object *o, *parsed;
	struct fg_err err = {};
	const char *t;

	e.devtype = e.cmd.devtype = FG_DEVTYPE_MLX5;
	e.cmd.has_uuid = 0;
	e.cmd.uid = 5;
	o = fg_event_to_json(&e, NULL, &origin, 0);
	t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	cr_expect(strstr(t, "\"host\":\"host-1\","), "%s", t);
	cr_expect(strstr(t, "\"gen\":3,\"policy\":\"deny-debug-write\",\"policy_sha256\":\""), "%s", t);
	cr_expect(strstr(t, sha), "%s", t);
	cr_expect(strstr(t, "\"fw_uid\":5,"), "%s", t);
	cr_expect(!strstr(t, "\"uid\":5"), "%s", t);
	parsed = json_tokener_parse(t);
	cr_assert_eq(fg_event_from_json(parsed, &back, &err), 0, "%s", err.msg);
	cr_expect_eq(back.cmd.uid, 5);
	fg_event_origin_from_json(parsed, &back_origin);
	cr_expect_str_eq(back_origin.host, "host-1");
	cr_expect_str_eq(back_origin.policy, "deny-debug-write");
	cr_expect_str_eq(back_origin.sha256, sha);
	json_object_put(parsed);
	json_object_put(o);
}

/* Lines written before schema 2 (no schema key, cmd.uid) still read; a
 * later schema is refused by name. */
Test(event_json, earlier_and_later_schemas)
{
	struct fg_event e = sample_event(), back;
	struct fg_event_origin origin;
	struct json_object *o = fg_event_to_json(&e, NULL, NULL, 0), *cmd, *v;
	struct fg_err err = {};

	e.cmd.uid = 9;
	json_object_put(o);
	o = fg_event_to_json(&e, NULL, NULL, 0);
	json_object_object_del(o, "schema");
	json_object_object_del(o, "host");
	json_object_object_get_ex(o, "cmd", &cmd);
	json_object_object_get_ex(cmd, "fw_uid", &v);
	json_object_object_add(cmd, "uid", json_object_get(v));
	json_object_object_del(cmd, "fw_uid");
	cr_assert_eq(fg_event_from_json(o, &back, &err), 0, "%s", err.msg);
	cr_expect_eq(back.cmd.uid, 9);
	fg_event_origin_from_json(o, &origin);
	cr_expect_null(origin.host);
	json_object_object_add(o, "schema", json_object_new_int(3));
	cr_expect_neq(fg_event_from_json(o, &back, &err), 0);
	cr_expect(strstr(err.msg, "JSON schema 3"), "%s", err.msg);
	/* a complete sentence: no errno text after it */
	cr_expect(!strstr(err.msg, "Invalid argument"), "%s", err.msg);
	json_object_put(o);
}

Test(event_json, round_trip_edges)
{
	struct fg_event e = sample_event(), back;

	/* no rule, a scope the kernel does not know, no executable */
	e.rule = FG_RULE_NONE;
	e.scope = 77;
	e.exe_status = FG_EXE_NONE;
	memset(e.exe, 0, sizeof(e.exe));
	back = round_trip(&e);
	expect_same(&e, &back);
	/* bytes that are not UTF-8, quotes, controls, a comm without NUL */
	e = sample_event();
	memcpy(e.caller.comm, "a\"b\\\n\xff\xfe c d e f g", 16);
	memset(e.exe, 0, sizeof(e.exe));
	strcpy(e.exe, "/tmp/x y/\xc3\x28\"q'\x01");
	back = round_trip(&e);
	expect_same(&e, &back);
	/* valid UTF-8 stays a string */
	e = sample_event();
	memset(e.exe, 0, sizeof(e.exe));
	strcpy(e.exe, "/opt/\xc3\xa9t\xc3\xa9/\xe2\x82\xac");
	back = round_trip(&e);
	expect_same(&e, &back);
	/* an exe path of the full length */
	memset(e.exe, 'p', sizeof(e.exe) - 1);
	back = round_trip(&e);
	expect_same(&e, &back);
}

/* Random records: every field, within what the ABI allows. */
Test(event_json, round_trip_random)
{
	unsigned int seed = getenv("FG_SEED") ? atoi(getenv("FG_SEED")) : 20261121;
	int i, k;

	srand(seed);
	for (i = 0; i < 2000; i++) {
		struct fg_event e = sample_event(), back;
		__u8 *p;

		e.seq = ((__u64)rand() << 32) ^ rand();
		e.boot_ns = ((__u64)rand() << 31) ^ rand();
		e.gen = rand();
		e.action = rand() % FG_ACTION_MAX;
		e.reason = rand() % FG_REASON_MAX;
		e.hook = rand() % FG_HOOK_MAX;
		e.permissive = rand() & 1;
		e.rule = rand() % 3 ? rand() % FG_MAX_RULES : FG_RULE_NONE;
		e.minor = rand();
		e.devtype = rand() % FG_DEVTYPE_MAX;
		e.scope = rand() % 2 ? (__u32)(rand() % FG_SCOPE_MAX) : (__u32)rand();
		e.in_len = rand();
		e.out_len = rand();
		e.pid = rand();
		e.tid = rand();
		e.loginuid = rand() % 2 ? FG_ID_UNSET : (__u32)rand() % 100000;
		e.sessionid = rand();
		p = (__u8 *)&e.caller;
		for (k = 0; k < (int)offsetof(struct fg_caller, comm); k++)
			p[k] = rand();
		e.caller.exe_trust = rand() % 3 ? 0 : rand() & ((1u << FG_UNTRUST_MAX) - 1);
		memset(e.caller.comm, 0, sizeof(e.caller.comm));
		for (k = 0; k < 1 + rand() % 16; k++)
			e.caller.comm[k] = 1 + rand() % 255;
		e.exe_status = rand() % FG_EXE_STATUS_MAX;
		memset(e.exe, 0, sizeof(e.exe));
		if (e.exe_status == FG_EXE_OK)
			for (k = 0; k < 1 + rand() % (FG_EXE_LEN - 1); k++)
				e.exe[k] = 1 + rand() % 255;
		memset(&e.cmd, 0, sizeof(e.cmd));
		e.cmd.status = rand() % FG_DECODE_STATUS_MAX;
		e.cmd.devtype = rand() % FG_DEVTYPE_MAX;
		e.cmd.opcode = rand();
		e.cmd.op_mod = rand();
		e.cmd.uid = rand();
		e.cmd.endpoint = rand();
		e.cmd.flags = rand();
		e.cmd.count = rand();
		e.cmd.offset = rand();
		e.cmd.start_idx = rand();
		e.cmd.data_len = rand();
		e.cmd.payload = ((__u64)rand() << 32) ^ rand();
		e.cmd.has_uuid = rand() & 1;
		if (e.cmd.has_uuid)
			for (k = 0; k < 16; k++)
				e.cmd.uuid[k] = rand();
		e.cmd.effects = rand() & ((1u << FG_EFFECT_MAX) - 1);
		e.cmd.feat_flags = rand();
		/* What tamper and guard records add: their own fields only. */
		memset(&e.detail, 0, sizeof(e.detail));
		e.type = FG_EVENT_DECISION + rand() % (FG_EVENT_TYPE_MAX - FG_EVENT_DECISION);
		if (e.type == FG_EVENT_TAMPER) {
			e.detail.what = rand() & (FG_TAMPER_SCOPE | FG_TAMPER_IN_LEN |
						  FG_TAMPER_OUT_LEN | FG_TAMPER_IN_PTR |
						  FG_TAMPER_OUT_PTR | FG_TAMPER_PAYLOAD |
						  FG_TAMPER_KILLED);
			e.detail.k_scope = rand();
			e.detail.k_in_len = rand();
			e.detail.k_out_len = rand();
			e.detail.k_offset = rand() % FG_DECODE_PEEK;
		} else if (e.type == FG_EVENT_GUARD) {
			e.detail.what = rand() % FG_GUARD_OP_MAX;
			e.detail.obj_id = rand();
			e.detail.ino = ((__u64)rand() << 32) ^ rand();
			for (k = 0; k < 1 + rand() % 15; k++)
				e.detail.name[k] = 1 + rand() % 255;
		}
		back = round_trip(&e);
		cr_assert_eq(memcmp(&e, &back, sizeof(e)), 0, "record %d (seed %u) changed", i,
			     seed);
	}
}

/* Why an exe did not count: names in an array, back to the mask; a line
 * without the key (written before it) is an exe that counted. */
Test(event_json, exe_untrusted)
{
	struct fg_event e = sample_event(), back;
	struct json_object *o, *caller;
	struct fg_err err = {};
	const char *t;

	e.caller.exe_trust = FG_UNTRUST_BIT(FG_UNTRUST_RELABELLED) |
			     FG_UNTRUST_BIT(FG_UNTRUST_UNKNOWN);
	o = fg_event_to_json(&e, NULL, NULL, 0);
	t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	cr_expect(strstr(t, "\"exe_untrusted\":[\"relabelled\",\"unknown\"]"), "%s", t);
	cr_assert_eq(fg_event_from_json(o, &back, &err), 0, "%s", err.msg);
	cr_expect_eq(back.caller.exe_trust, e.caller.exe_trust);
	cr_assert(json_object_object_get_ex(o, "caller", &caller));
	json_object_object_del(caller, "exe_untrusted");
	cr_assert_eq(fg_event_from_json(o, &back, &err), 0, "%s", err.msg);
	cr_expect_eq(back.caller.exe_trust, 0);
	json_object_object_add(caller, "exe_untrusted", json_object_new_string("traced"));
	cr_expect_neq(fg_event_from_json(o, &back, &err), 0);
	json_object_object_add(caller, "exe_untrusted", json_object_new_array());
	json_object_array_add(json_object_object_get(caller, "exe_untrusted"),
			      json_object_new_string("forged"));
	cr_expect_neq(fg_event_from_json(o, &back, &err), 0);
	cr_expect(strstr(err.msg, "unknown reason 'forged'"), "%s", err.msg);
	json_object_put(o);
}

Test(event_json, refuses_what_it_cannot_read)
{
	struct fg_event e = sample_event(), out;
	struct json_object *o = fg_event_to_json(&e, NULL, NULL, 0);
	struct fg_err err = {};

	json_object_object_add(o, "version", json_object_new_int(FG_EVENT_VERSION + 1));
	cr_expect_neq(fg_event_from_json(o, &out, &err), 0);
	cr_expect(strstr(err.msg, "version"), "%s", err.msg);
	json_object_object_add(o, "version", json_object_new_int(FG_EVENT_VERSION));
	json_object_object_add(o, "action", json_object_new_string("explode"));
	cr_expect_neq(fg_event_from_json(o, &out, &err), 0);
	cr_expect(strstr(err.msg, "action"), "%s", err.msg);
	json_object_object_add(o, "action", json_object_new_string("deny"));
	json_object_object_del(o, "caller");
	cr_expect_neq(fg_event_from_json(o, &out, &err), 0);
	cr_expect(strstr(err.msg, "caller"), "%s", err.msg);
	json_object_put(o);
}

/* ---- auditd ---- */

static const char *enc(const char *s, size_t max)
{
	static char buf[1024];

	fg_audit_encode(s, max, buf, sizeof(buf));
	return buf;
}

Test(event_audit, encoding_follows_auditd)
{
	cr_expect_str_eq(enc("fwctl-rpc", 16), "\"fwctl-rpc\"");
	cr_expect_str_eq(enc("/usr/bin/fwctl-rpc", 256), "\"/usr/bin/fwctl-rpc\"");
	cr_expect_str_eq(enc("a b", 16), "612062");		/* space */
	cr_expect_str_eq(enc("a\"b", 16), "612262");		/* double quote */
	cr_expect_str_eq(enc("a'b", 16), "612762");		/* ends msg='...' */
	cr_expect_str_eq(enc("\xc3\xa9t\xc3\xa9", 16), "C3A974C3A9");	/* non-ASCII */
	cr_expect_str_eq(enc("a\tb", 16), "610962");		/* control */
	cr_expect_str_eq(enc("x=y", 16), "\"x=y\"");
	cr_expect_str_eq(enc("", 16), "\"\"");
	/* a full comm has no NUL: bounded by max */
	cr_expect_str_eq(enc("0123456789abcdefXYZ", 16), "\"0123456789abcdef\"");
}

Test(event_audit, avc_message)
{
	struct fg_event e = sample_event();
	char msg[2048];

	e.permissive = 0;
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "deny-debug-write", msg, sizeof(msg)), 0);
	cr_expect_str_eq(msg, "avc:  denied  { rpc } for pid=42 comm=\"fwctl-rpc\" "
			 "exe=\"/usr/bin/fwctl-rpc\" tid=43 uid=1000 euid=0 gid=100 auid=1000 ses=7 "
			 "cgroup_id=4242 type=cxl scope=debug-write decode=ok "
			 "cmd=set_feature opcode=0x0502 feature=vendor_test "
			 "effects=config-change-after-reset rule=0 policy=\"deny-debug-write\" "
			 "gen=3 reason=rule lsm_hook=ioctl seq=1234 subj=/usr/bin/fwctl-rpc "
			 "tcontext=fwctl7 tclass=fwctl permissive=0");
}

Test(event_audit, exe_untrusted)
{
	struct fg_event e = sample_event();
	char msg[2048];

	e.caller.exe_trust = FG_UNTRUST_BIT(FG_UNTRUST_BINFMT_INTERP);
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "p", msg, sizeof(msg)), 0);
	cr_expect(strstr(msg, "exe=\"/usr/bin/fwctl-rpc\" exe_untrusted=binfmt-interp tid=43 "),
		  "%s", msg);
}

Test(event_audit, granted_hex_and_unknowns)
{
	struct fg_event e = sample_event();
	char msg[2048];

	e.action = FG_ACTION_AUDIT;
	e.rule = FG_RULE_NONE;
	e.reason = FG_REASON_DEFAULT;
	memset(e.caller.comm, 0, sizeof(e.caller.comm));
	strcpy(e.caller.comm, "my tool");
	e.exe_status = FG_EXE_UNRESOLVED;
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "it's mine", msg, sizeof(msg)), 0);
	cr_expect(!strncmp(msg, "avc:  granted  { rpc } for ", 27), "%s", msg);
	cr_expect(strstr(msg, " comm=6D7920746F6F6C "), "%s", msg);
	cr_expect(strstr(msg, " exe=? "), "%s", msg);
	cr_expect(strstr(msg, " subj=? tcontext=fwctl7 tclass=fwctl permissive=1"), "%s", msg);
	cr_expect(strstr(msg, " rule=- policy=69742773206D696E65 "), "%s", msg);
	cr_expect(!strchr(msg, '\''), "a quote would end the kernel's msg='...': %s", msg);
	cr_expect_eq(fg_event_audit_msg(&e, NULL, NULL, msg, 64), -ENOSPC);
	/* an exe auditd would hex-encode is hex as the subject too (a label
	 * has no quotes and no blanks); a kernel thread's subject says so */
	e.exe_status = FG_EXE_OK;
	strcpy(e.exe, "/tmp/my tool");
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "p", msg, sizeof(msg)), 0);
	cr_expect(strstr(msg, " subj=2F746D702F6D7920746F6F6C tcontext="), "%s", msg);
	e.exe_status = FG_EXE_NONE;
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "p", msg, sizeof(msg)), 0);
	cr_expect(strstr(msg, " subj=kernel tcontext="), "%s", msg);
}

Test(event_audit, tamper_and_guard_records)
{
	struct fg_event e = sample_event();
	char msg[2048], line[2048];

	e.type = FG_EVENT_TAMPER;
	e.action = FG_ACTION_DENY;
	e.reason = FG_REASON_TAMPER;
	e.rule = FG_RULE_NONE;
	e.permissive = 0;
	e.hook = FG_HOOK_CAPABLE;
	e.detail.what = FG_TAMPER_SCOPE | FG_TAMPER_KILLED;
	e.detail.k_scope = FG_SCOPE_DEBUG_WRITE_FULL;
	e.detail.k_in_len = 52;
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "p", msg, sizeof(msg)), 0);
	cr_expect(!strncmp(msg, "avc:  denied  { rpc_tamper } for ", 33), "%s", msg);
	cr_expect(strstr(msg, " reason=tamper lsm_hook=capable changed=scope killed=yes "
			 "k_scope=3 k_in_len=52 k_out_len=0 k_offset=0 seq=1234 "
			 "subj=/usr/bin/fwctl-rpc tcontext=fwctl7 tclass=fwctl permissive=0"), "%s", msg);
	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect(strstr(line, " event=tamper changed=scope killed=yes k_scope=3 "), "%s", line);
	cr_expect(strstr(line, " seq=1234") && !strcmp(strstr(line, " seq="), " seq=1234"),
		  "seq stays last: %s", line);

	memset(&e.detail, 0, sizeof(e.detail));
	e.type = FG_EVENT_GUARD;
	e.reason = FG_REASON_SEALED;
	e.hook = FG_HOOK_BPF_MAP;
	e.detail.what = FG_GUARD_MAP_WRITE;
	strcpy(e.detail.name, "fg config");
	cr_assert_gt(fg_event_audit_msg(&e, NULL, "p", msg, sizeof(msg)), 0);
	cr_expect(!strncmp(msg, "avc:  denied  { guard_change } for ", 35), "%s", msg);
	cr_expect(strstr(msg, " reason=sealed lsm_hook=bpf-map guard_op=map-write obj_id=0 "
			 "ino=0 obj_name=666720636F6E666967 seq=1234 subj=/usr/bin/fwctl-rpc "
			 "tcontext=fwctl-guard tclass=fwctl_guard permissive=0"), "%s", msg);
	cr_assert_gt(fg_event_format(&e, NULL, 0, line, sizeof(line)), 0);
	cr_expect(strstr(line, "deny reason=sealed rule=- "), "%s", line);
	cr_expect(strstr(line, " event=guard guard_op=map-write obj_id=0 ino=0 name=\"fg config\" "
			 "seq=1234"), "%s", line);
}

/* ---- event numbers ---- */

struct gaps {
	int n;
	__u64 first[8], last[8];
};

static void on_gap(void *ctx, __u64 first, __u64 last)
{
	struct gaps *g = ctx;

	cr_assert_lt(g->n, 8);
	g->first[g->n] = first;
	g->last[g->n++] = last;
}

#define MS 1000000ULL

Test(event_seq, in_order_no_gap)
{
	struct fg_seq_tracker t;
	struct gaps g = {};
	__u64 s;

	fg_seq_init(&t);
	for (s = 5; s <= 100; s++)
		fg_seq_seen(&t, s, on_gap, &g);
	fg_seq_settle(&t, 100, 1000 * MS, 500 * MS, on_gap, &g);
	fg_seq_settle(&t, 100, 2000 * MS, 500 * MS, on_gap, &g);
	cr_expect_eq(g.n, 0);
	cr_expect_eq(t.delivered, 96);
	cr_expect_eq(t.missing, 0);
}

Test(event_seq, holes_declared_after_grace_late_ones_are_not)
{
	struct fg_seq_tracker t;
	struct gaps g = {};

	fg_seq_init(&t);
	fg_seq_seen(&t, 1, on_gap, &g);
	fg_seq_seen(&t, 3, on_gap, &g);		/* 2 is late */
	fg_seq_seen(&t, 7, on_gap, &g);		/* 4..6 lost */
	fg_seq_settle(&t, 9, 1000 * MS, 500 * MS, on_gap, &g);	/* 8, 9 lost */
	cr_expect_eq(g.n, 0, "nothing declared before the grace period");
	fg_seq_seen(&t, 2, on_gap, &g);
	fg_seq_settle(&t, 9, 1200 * MS, 500 * MS, on_gap, &g);
	cr_expect_eq(g.n, 0);
	fg_seq_settle(&t, 9, 1600 * MS, 500 * MS, on_gap, &g);
	cr_assert_eq(g.n, 2);
	cr_expect_eq(g.first[0], 4);
	cr_expect_eq(g.last[0], 6);
	cr_expect_eq(g.first[1], 8);
	cr_expect_eq(g.last[1], 9);
	cr_expect_eq(t.delivered, 4);
	cr_expect_eq(t.missing, 5);
	cr_expect_eq(t.delivered + t.missing, 9);
	/* one declared missing turns up after all: accounted, not twice */
	fg_seq_seen(&t, 5, on_gap, &g);
	cr_expect_eq(t.late, 1);
	cr_expect_eq(t.delivered + t.missing, 9);
}

Test(event_seq, window_overflow_declares_at_once)
{
	struct fg_seq_tracker t;
	struct gaps g = {};

	fg_seq_init(&t);
	fg_seq_seen(&t, 1, on_gap, &g);
	fg_seq_seen(&t, 3 + FG_SEQ_WINDOW, on_gap, &g);
	cr_assert_eq(g.n, 1);
	cr_expect_eq(g.first[0], 2);
	cr_expect_eq(g.last[0], 3);
	cr_expect_eq(t.missing, 2);
}

/* ---- audit rate limit ---- */

Test(rate_limit, bucket)
{
	struct fg_rate_limit r;
	int i, ok = 0;

	fg_rate_init(&r, 10);
	for (i = 0; i < 15; i++)
		ok += fg_rate_take(&r, 1000 * MS);
	cr_expect_eq(ok, 10, "a burst of the rate");
	cr_expect(!fg_rate_take(&r, 1050 * MS));
	cr_expect(fg_rate_take(&r, 1100 * MS), "one token per 100 ms at 10/s");
	cr_expect(!fg_rate_take(&r, 1100 * MS));
	fg_rate_init(&r, 0);
	for (i = 0; i < 1000; i++)
		cr_assert(fg_rate_take(&r, 0), "0: no limit");
}

/* ---- sd_notify ---- */

Test(notify, ready_datagram)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char path[] = "/tmp/fg-notify-XXXXXX", buf[64];
	int fd;
	ssize_t n;

	cr_assert(mkdtemp(path));
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", path);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	cr_expect_eq(fg_notify("READY=1"), 0);
	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	cr_assert_eq(n, 7);
	buf[n] = '\0';
	cr_expect_str_eq(buf, "READY=1");
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	cr_expect_eq(fg_notify("READY=1"), -EAFNOSUPPORT);
	unsetenv("NOTIFY_SOCKET");
	cr_expect_eq(fg_notify("READY=1"), 0, "no systemd: nothing to do");
	close(fd);
	unlink(sa.sun_path);
	rmdir(path);
}
