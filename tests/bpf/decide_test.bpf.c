// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision engine and the decoder as SEC("syscall") programs, so that
 * the host's verifier and JIT run the code the LSM hook runs (BPF_PROG_RUN)
 * and the unit tests compare it with the native implementation.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decode.h"
#include "engine.bpf.h"
#include "decide_test.h"

char LICENSE[] SEC("license") = "GPL";

/* What the engine reads (bpf/maps.bpf.h), this program's own. */
struct fg_gens_map fg_gens SEC(".maps");
struct fg_devices_map fg_devices SEC(".maps");

/* The request, copied out of the context: the engine takes memory, and a
 * syscall program's context is not one it may pass on. */
struct decide_buf {
	struct fg_decide_ctx ctx;
	struct fg_resolved fields;	/* the engine's scratch */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct decide_buf);
} decide_buf SEC(".maps");

SEC("syscall")
int decide(struct fg_decide_ctx *ctx)
{
	struct decide_buf *buf;
	__u32 zero = 0;

	buf = bpf_map_lookup_elem(&decide_buf, &zero);
	if (!buf)
		return 1;
	__builtin_memcpy(&buf->ctx.in, &ctx->in, sizeof(buf->ctx.in));
	__builtin_memset(&buf->ctx.verdict, 0, sizeof(buf->ctx.verdict));
	if (fg_engine_decide(&buf->ctx.in, &buf->fields, &buf->ctx.verdict))
		return 1;
	__builtin_memcpy(&ctx->in, &buf->ctx.in, sizeof(ctx->in));
	__builtin_memcpy(&ctx->verdict, &buf->ctx.verdict, sizeof(ctx->verdict));
	return 0;
}

/* The decoder, then the effects as the engine resolves them: from the
 * active generation's tables and the registry entry of the minor. */
SEC("syscall")
int decode(struct fg_decode_ctx *ctx)
{
	const struct fg_device *dev;
	const struct fg_gen *g;
	__u8 buf[FG_DECODE_PEEK];
	__u32 zero = 0, minor;
	struct fg_cmd c;
	void *inner;

	/* From the stack, as the LSM program will hold it. */
	__builtin_memcpy(buf, ctx->buf, sizeof(buf));
	fg_decode(ctx->devtype, buf, ctx->in_len, ctx->readable, &c);
	inner = bpf_map_lookup_elem(&fg_gens, &zero);
	g = inner ? bpf_map_lookup_elem(inner, &zero) : NULL;
	if (!g)
		return 1;
	minor = ctx->minor;
	dev = bpf_map_lookup_elem(&fg_devices, &minor);
	if (dev && !dev->devtype)
		dev = NULL;
	fg_engine_effects(g, dev, &c);
	__builtin_memcpy(&ctx->cmd, &c, sizeof(c));
	return 0;
}
