// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guard's decision engine and decoder as SEC("syscall") programs, so
 * that the host (whose kernel refuses LSM programs) runs the exact code the
 * LSM program runs, under the real verifier and JIT, with BPF_PROG_RUN.
 *
 * Hook: none (syscall programs). Maps: fg_gens, the generation under test
 * (the test installs it as the loader does); decode_effects, the effects
 * entries under test.
 * Failure policy: returns 1 when the engine refuses its arguments, so the
 * test fails rather than compares garbage.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decode.h"
#include "engine.bpf.h"
#include "effects_lookup.bpf.h"
#include "decide_test.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct fg_effects_key);
	__type(value, struct fg_effects_val);
} decode_effects SEC(".maps");

SEC("syscall")
int decide(struct fg_decide_ctx *ctx)
{
	struct fg_decide_in in;
	struct fg_verdict v = {};

	__builtin_memcpy(&in, &ctx->in, sizeof(in));
	if (fg_engine_decide(&in, &v))
		return 1;
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
