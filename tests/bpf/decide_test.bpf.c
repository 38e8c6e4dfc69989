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

/* The engine's generation slot (bpf/maps.bpf.h), this program's own. */
struct fg_gens_map fg_gens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct fg_effects_key);
	__type(value, struct fg_effects_val);
} decode_effects SEC(".maps");

/* The request, copied out of the context: the engine takes memory, and a
 * map value keeps it off this program's stack, as the guard's is full. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_decide_ctx);
} decide_buf SEC(".maps");

SEC("syscall")
int decide(struct fg_decide_ctx *ctx)
{
	struct fg_decide_ctx *buf;
	__u32 zero = 0;

	buf = bpf_map_lookup_elem(&decide_buf, &zero);
	if (!buf)
		return 1;
	__builtin_memcpy(&buf->in, &ctx->in, sizeof(buf->in));
	__builtin_memset(&buf->verdict, 0, sizeof(buf->verdict));
	if (fg_engine_decide(&buf->in, &buf->verdict))
		return 1;
	__builtin_memcpy(&ctx->verdict, &buf->verdict, sizeof(ctx->verdict));
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
