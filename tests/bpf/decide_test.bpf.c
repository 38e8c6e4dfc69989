// SPDX-License-Identifier: GPL-2.0-only
/*
 * fg_decide() and fg_decode() as SEC("syscall") programs, so that the host (whose kernel
 * refuses LSM programs) can run the exact decision code the LSM program
 * runs, under the real verifier and JIT, with BPF_PROG_RUN.
 *
 * Hook: none (syscall program). Maps: decide_policy, the policy under test;
 * decode_effects, the effects entries under test.
 * Failure policy: returns 1 when the policy map cannot be read, so the test
 * fails rather than compares garbage.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decide.h"
#include "fwctl_guard_decode.h"
#include "effects_lookup.bpf.h"
#include "decide_test.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_policy);
} decide_policy SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct fg_effects_key);
	__type(value, struct fg_effects_val);
} decode_effects SEC(".maps");

SEC("syscall")
int decide(struct fg_decide_ctx *ctx)
{
	struct fg_verdict v = {};
	struct fg_request r;
	struct fg_policy *p;
	struct fg_cmd c;
	__u32 zero = 0;

	p = bpf_map_lookup_elem(&decide_policy, &zero);
	if (!p)
		return 1;
	__builtin_memcpy(&r, &ctx->req, sizeof(r));
	__builtin_memcpy(&c, &ctx->cmd, sizeof(c));
	fg_decide(p, &r, &c, &v);
	__builtin_memcpy(&ctx->verdict, &v, sizeof(v));
	return 0;
}

SEC("syscall")
int decode(struct fg_decode_ctx *ctx)
{
	__u8 buf[FG_DECODE_PEEK];
	struct fg_cmd c;

	/* From the stack, as the LSM program will hold it. */
	__builtin_memcpy(buf, ctx->buf, sizeof(buf));
	fg_decode(ctx->devtype, buf, ctx->in_len, ctx->readable, &c);
	fg_resolve_effects(&decode_effects, ctx->minor, &c);
	__builtin_memcpy(&ctx->cmd, &c, sizeof(c));
	return 0;
}
