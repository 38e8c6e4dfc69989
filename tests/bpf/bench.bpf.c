// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision as XDP programs, for `make bench`: XDP's BPF_PROG_RUN takes a
 * repeat count and reports the mean time per run, which SEC("syscall")
 * programs do not. The packet is ignored; the request comes from bench_in
 * (and bench_raw), the policy from fg_gens, all written by the bench.
 *
 * bench_full is what the LSM hook does after its copy from user memory:
 * the caller read from the current task, the request's bytes decoded,
 * effects and rules resolved; all but the exe trust's task storage lookup
 * (bpf/exe_trust.bpf.h), which XDP programs cannot make. bench_decide is the engine alone (effects and
 * rules) on a request already decoded. bench_empty is the harness.
 *
 * Hook: none (test runs only). Failure policy: XDP_ABORTED when the input
 * is missing, so the bench sees it.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decode.h"
#include "caller.bpf.h"
#include "engine.bpf.h"
#include "bench_raw.h"

char LICENSE[] SEC("license") = "GPL";

/* The engine's generation slot (bpf/maps.bpf.h), this program's own. */
struct fg_gens_map fg_gens SEC(".maps");
struct fg_devices_map fg_devices SEC(".maps");

/* The engine's scratch (the task's storage in the guard). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_resolved);
} bench_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_decide_in);
} bench_in SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_verdict);
} bench_out SEC(".maps");

/* The request's first bytes, as user memory holds them. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_bench_raw);
} bench_raw SEC(".maps");

/* What bench_full resolved (request, command, caller), for the check. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_decide_in);
} bench_full_in SEC(".maps");

SEC("xdp")
int bench_decide(struct xdp_md *ctx)
{
	struct fg_decide_in *in;
	struct fg_resolved *r;
	struct fg_verdict *out;
	__u32 zero = 0;

	in = bpf_map_lookup_elem(&bench_in, &zero);
	out = bpf_map_lookup_elem(&bench_out, &zero);
	r = bpf_map_lookup_elem(&bench_scratch, &zero);
	if (!in || !out || !r)
		return XDP_ABORTED;
	if (fg_engine_decide(in, r, out))
		return XDP_ABORTED;
	return XDP_PASS;
}

SEC("xdp")
int bench_full(struct xdp_md *ctx)
{
	const struct fg_bench_raw *raw;
	__u8 buf[FG_DECODE_PEEK];
	struct fg_decide_in *in;
	struct fg_resolved *r;
	struct fg_verdict *out;
	__u32 zero = 0;

	raw = bpf_map_lookup_elem(&bench_raw, &zero);
	in = bpf_map_lookup_elem(&bench_full_in, &zero);
	out = bpf_map_lookup_elem(&bench_out, &zero);
	r = bpf_map_lookup_elem(&bench_scratch, &zero);
	if (!raw || !in || !out || !r)
		return XDP_ABORTED;
	/* The hook's state at this point: the request header read. */
	__builtin_memset(in, 0, sizeof(*in));
	in->req = raw->req;
	fg_read_caller_ids(&in->caller);
	__builtin_memcpy(buf, raw->buf, sizeof(buf));
	fg_decode(raw->req.devtype, buf, raw->req.in_len, 1, &in->cmd);
	if (fg_engine_decide(in, r, out))
		return XDP_ABORTED;
	return XDP_PASS;
}

/* The harness alone: what every bench_decide figure includes besides the
 * engine. */
SEC("xdp")
int bench_empty(struct xdp_md *ctx)
{
	return XDP_PASS;
}
