// SPDX-License-Identifier: GPL-2.0-only
/*
 * The streaming JSON writer (events/jsonl.c) against the reference, json-c
 * (fg_event_to_json, then json_object_to_json_string_ext with the sink's
 * flags): byte for byte on random events of every type, with callers'
 * names and paths that are valid UTF-8, invalid UTF-8, control characters,
 * quotes, backslashes and slashes.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/json.h"
#include "events/jsonl.h"
#include "host/effects_table.h"
#include "test_event_sample.h"

#define EVENTS	120000

static unsigned int seed(void)
{
	return getenv("FG_SEED") ? (unsigned int)atoi(getenv("FG_SEED")) : 20261201;
}

/* A caller's bytes, drawn from the kinds that take different paths. */
static void fill_bytes(char *s, size_t max)
{
	static const char *const pieces[] = {
		"a", "Z", "/", "\\", "\"", "'", " ", "\t", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9",
		"\xe2\x82\xac", "\xf0\x9f\x98\x80", "\x80", "\xff", "\xc0\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xe2\x82", "%", "{", "}", ",", ":",
	};
	size_t n = 0, want = 1 + rand() % (max - 1), l;
	const char *p;

	memset(s, 0, max);
	while (n < want) {
		p = pieces[rand() % (sizeof(pieces) / sizeof(pieces[0]))];
		l = strlen(p);
		if (n + l >= max)
			break;
		memcpy(s + n, p, l);
		n += l;
	}
}

static void random_event(struct fg_event *e)
{
	__u8 *p;
	size_t k;

	*e = sample_event();
	e->type = 1 + rand() % (FG_EVENT_TYPE_MAX - 1);
	e->seq = ((__u64)rand() << 32) ^ rand();
	e->boot_ns = rand() % 4 ? ((__u64)rand() << 20) ^ rand() : (__u64)rand();
	e->gen = rand() % 2 ? (__u64)rand() : ((__u64)rand() << 33);
	e->action = rand() % FG_ACTION_MAX;
	e->reason = rand() % FG_REASON_MAX;
	e->hook = rand() % FG_HOOK_MAX;
	e->permissive = rand() & 1;
	e->rule = rand() % 3 ? rand() % FG_MAX_RULES : FG_RULE_NONE;
	e->minor = rand() % 2 ? (__u32)(rand() % 4096) : (__u32)rand();
	e->devtype = rand() % 4 ? (__u32)(rand() % FG_DEVTYPE_MAX) : (__u32)rand() % 64;
	e->ioctl = rand() % 3 ? FG_FWCTL_RPC : (__u32)rand();
	e->scope = rand() % 2 ? (__u32)(rand() % FG_SCOPE_MAX) : (__u32)rand();
	e->in_len = rand();
	e->out_len = rand();
	e->pid = rand();
	e->tid = rand();
	e->loginuid = rand() % 2 ? FG_ID_UNSET : (__u32)rand() % 100000;
	e->sessionid = rand();
	p = (__u8 *)&e->caller;
	for (k = 0; k < offsetof(struct fg_caller, comm); k++)
		p[k] = rand();
	fill_bytes(e->caller.comm, sizeof(e->caller.comm) + 1);
	if (rand() % 4 == 0)	/* all 16 bytes, no NUL */
		memset(e->caller.comm, 'c', sizeof(e->caller.comm));
	e->exe_status = rand() % FG_EXE_STATUS_MAX;
	memset(e->exe, 0, sizeof(e->exe));
	if (e->exe_status == FG_EXE_OK)
		fill_bytes(e->exe, rand() % 8 ? 64 : sizeof(e->exe));
	memset(&e->cmd, 0, sizeof(e->cmd));
	e->cmd.status = rand() % FG_DECODE_STATUS_MAX;
	e->cmd.devtype = rand() % FG_DEVTYPE_MAX;
	e->cmd.opcode = rand() % 3 ? (__u32)(rand() % 16) : (__u32)rand();
	e->cmd.op_mod = rand();
	e->cmd.reg_access = rand() % FG_REG_ACCESS_MAX;
	e->cmd.reg = rand() % 2 ? 0x9024 : rand();
	e->cmd.uid = rand();
	e->cmd.endpoint = rand();
	e->cmd.flags = rand();
	e->cmd.count = rand();
	e->cmd.offset = rand();
	e->cmd.start_idx = rand();
	e->cmd.data_len = rand();
	e->cmd.payload = ((__u64)rand() << 32) ^ rand();
	e->cmd.has_uuid = rand() & 1;
	for (k = 0; k < 16; k++)
		e->cmd.uuid[k] = rand() % 3 ? 0xff : rand();
	e->cmd.effects = rand() & ((1u << FG_EFFECT_MAX) - 1);
	e->cmd.feat_flags = rand();
	memset(&e->detail, 0, sizeof(e->detail));
	if (e->type == FG_EVENT_TAMPER) {
		e->detail.what = rand() & (0x3f | FG_TAMPER_KILLED);
		e->detail.k_scope = rand();
		e->detail.k_in_len = rand();
		e->detail.k_out_len = rand();
		e->detail.k_offset = rand() % 64;
	} else if (e->type == FG_EVENT_GUARD) {
		e->detail.what = rand() % FG_GUARD_OP_MAX;
		e->detail.obj_id = rand();
		e->detail.ino = ((__u64)rand() << 32) ^ rand();
		fill_bytes(e->detail.name, sizeof(e->detail.name) + 1);
	}
}

/* Command names for a few mlx5 and bnxt opcodes, as the tables give them. */
static void names(struct fg_effects_db *db)
{
	__u32 op;

	for (op = 0; op < 8; op++) {
		struct fg_effects_entry e = {};

		e.key.minor = FG_MINOR_ANY;
		e.key.devtype = op % 2 ? FG_DEVTYPE_MLX5 : FG_DEVTYPE_BNXT;
		e.key.opcode = op;
		snprintf(e.name, sizeof(e.name), "cmd_%u%s", op, op == 3 ? "/\"x\"" : "");
		cr_assert_eq(fg_effects_put(db, &e), 0);
	}
}

Test(event_jsonl, same_bytes_as_json_c)
{
	unsigned int s = seed(), i;
	struct fg_effects_db db = {};
	char line[FG_JSONL_MAX];
	unsigned long bytes = 0, invalid = 0;
	static const char sha[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	char host[65], policy[64];
	struct fg_event_origin origin;
	int origin_i;

	srand(s);
	names(&db);
	for (i = 0; i < EVENTS; i++) {
		long long offset = rand() % 2 ? 1795235712LL * 1000000000LL + rand() : rand();
		const struct fg_effects_db *names_db = rand() % 4 ? &db : NULL;
		struct json_object *o;
		const char *want;
		struct fg_event e;
		int n;

		random_event(&e);
		origin_i = rand() % 3;
		if (origin_i == 2) {
			fill_bytes(host, sizeof(host));
			fill_bytes(policy, sizeof(policy));
			origin = (struct fg_event_origin){ host, policy, rand() % 2 ? sha : NULL };
		} else {
			origin = (struct fg_event_origin){};
		}
		o = fg_event_to_json(&e, names_db, origin_i ? &origin : NULL, offset);
		cr_assert_not_null(o);
		want = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						      JSON_C_TO_STRING_NOSLASHESCAPE);
		n = fg_event_jsonl(&e, names_db, origin_i ? &origin : NULL, offset, line,
				   sizeof(line));
		cr_assert_gt(n, 0, "event %u (seed %u): the writer failed (%d)", i, s, n);
		cr_assert(n == (int)strlen(want) + 1 && !memcmp(line, want, n - 1) &&
			  line[n - 1] == '\n',
			  "event %u (seed %u) differs:\n  json-c: %s\n  writer: %.*s", i, s, want,
			  n, line);
		bytes += n;
		invalid += strstr(want, "_hex\"") != NULL;
		json_object_put(o);
	}
	cr_expect_gt(invalid, EVENTS / 10, "only %lu events with invalid UTF-8", invalid);
	printf("jsonl: %d random events byte-identical to json-c (%lu bytes, %lu with invalid "
	       "UTF-8, seed %u)\n", EVENTS, bytes, invalid, s);
	fg_effects_free(&db);
}

/* Too small a buffer is refused, never a cut line. */
Test(event_jsonl, short_buffer)
{
	struct fg_event e = sample_event();
	char line[64];

	cr_assert_eq(fg_event_jsonl(&e, NULL, NULL, 0, line, sizeof(line)), -ENOSPC);
}
