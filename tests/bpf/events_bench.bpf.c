// SPDX-License-Identifier: GPL-2.0-only
/*
 * A producer of decision events for `make bench`: SEC("syscall") program
 * that writes `count` copies of a template event (numbered from `seq`) to a
 * ring buffer of the guard's size, the way the guard's hook does
 * (bpf_ringbuf_output, a full buffer counted as a drop).
 *
 * Hook: none (BPF_PROG_RUN only). Failure policy: a missing template
 * returns -1 and produces nothing.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, FG_EVENTS_RING_BYTES);
} bench_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fg_event);
} bench_template SEC(".maps");

struct bench_produce {
	__u64 seq;		/* first number */
	__u32 count;
	__u32 dropped;		/* out: the ring buffer was full */
};

struct loop_ctx {
	struct fg_event *e;
	struct bench_produce *p;
};

static long produce_one(__u64 i, void *data)
{
	struct loop_ctx *lc = data;

	lc->e->seq = lc->p->seq + i;
	if (bpf_ringbuf_output(&bench_events, lc->e, sizeof(*lc->e), 0))
		lc->p->dropped++;
	return 0;
}

SEC("syscall")
int bench_produce(struct bench_produce *p)
{
	struct loop_ctx lc = { .p = p };
	__u32 zero = 0;

	lc.e = bpf_map_lookup_elem(&bench_template, &zero);
	if (!lc.e)
		return -1;
	bpf_loop(p->count, produce_one, &lc, 0);
	return 0;
}
