// SPDX-License-Identifier: GPL-2.0-only
/*
 * Events per second from the ring buffer to the JSON sink, one producer.
 * A SEC("syscall") program (tests/bpf/events_bench.bpf.c) writes decision
 * events into a ring buffer of the guard's size at a paced rate; a consumer
 * thread takes them out with libbpf and writes them as JSON lines with the
 * daemon's sink (fg_sink_write_json) to a file. Printed: for each offered
 * rate, what the sink delivered per second and what the ring buffer
 * dropped; and the sink's own cost per event.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "events/sinks.h"
#include "events_bench.skel.h"
#include "../unit/events/test_event_sample.h"

#define BATCH		64
#define SECONDS		2.0

struct bench_produce {
	__u64 seq;
	__u32 count;
	__u32 dropped;
};

struct consumer {
	struct ring_buffer *rb;
	FILE *out;
	atomic_ullong delivered;
	atomic_int stop;
	__u64 next_seq, out_of_order;
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int on_event(void *ctx, void *data, size_t len)
{
	struct consumer *c = ctx;
	const struct fg_event *e = data;

	(void)len;
	if (e->seq < c->next_seq)
		c->out_of_order++;
	c->next_seq = e->seq + 1;
	fg_sink_write_json(c->out, e, NULL, 0);
	atomic_fetch_add_explicit(&c->delivered, 1, memory_order_relaxed);
	return 0;
}

static void *consume(void *arg)
{
	struct consumer *c = arg;

	while (!atomic_load(&c->stop))
		ring_buffer__poll(c->rb, 10);
	ring_buffer__consume(c->rb);
	fflush(c->out);
	return NULL;
}

/* Offer rate events per second for SECONDS; returns 0 or -errno. */
static int run_rate(struct events_bench_bpf *skel, double rate, __u64 *seq,
		    __u64 *produced, __u64 *dropped, double *secs)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct bench_produce p;
	double t0 = now(), due;
	__u64 sent = 0;
	int fd = bpf_program__fd(skel->progs.bench_produce);

	*dropped = 0;
	while (now() - t0 < SECONDS) {
		/* pace: the next batch is due when the rate says so */
		due = t0 + (sent + BATCH) / rate;
		while (now() < due)
			;
		memset(&p, 0, sizeof(p));
		p.seq = *seq;
		p.count = BATCH;
		opts.ctx_in = &p;
		opts.ctx_size_in = sizeof(p);
		if (bpf_prog_test_run_opts(fd, &opts) || opts.retval)
			return -errno ? -errno : -EINVAL;
		*seq += BATCH;
		sent += BATCH;
		*dropped += p.dropped;
	}
	*produced = sent;
	*secs = now() - t0;
	return 0;
}

int main(int argc, char **argv)
{
	static const double rates[] = { 50000, 90000, 250000, 1000000 };
	const char *path = argc > 1 ? argv[1] : "/tmp/fwctl-guard-bench-events.jsonl";
	struct events_bench_bpf *skel;
	struct fg_event e = sample_event();
	struct consumer c = {};
	pthread_t th;
	__u32 zero = 0;
	__u64 seq = 1, produced, dropped, before;
	double secs, t0;
	unsigned int i;
	int n;

	skel = events_bench_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "bench: cannot load the event producer: %s (run as root)\n",
			strerror(errno));
		return 1;
	}
	if (bpf_map__update_elem(skel->maps.bench_template, &zero, sizeof(zero), &e, sizeof(e),
				 BPF_ANY)) {
		fprintf(stderr, "bench: template: %s\n", strerror(errno));
		return 1;
	}
	c.out = fopen(path, "w");
	if (!c.out) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	c.rb = ring_buffer__new(bpf_map__fd(skel->maps.bench_events), on_event, &c, NULL);
	if (!c.rb) {
		fprintf(stderr, "bench: ring buffer: %s\n", strerror(errno));
		return 1;
	}

	/* The sink alone: JSON for one event, no ring buffer. */
	n = 200000;
	t0 = now();
	for (i = 0; i < (unsigned int)n; i++)
		fg_sink_write_json(c.out, &e, NULL, 0);
	fflush(c.out);
	printf("event pipeline (ring buffer %d KiB = %zu events of %zu bytes; JSON lines to %s)\n",
	       FG_EVENTS_RING_BYTES / 1024, FG_EVENTS_RING_BYTES / (sizeof(e) + 8), sizeof(e),
	       path);
	printf("  JSON sink alone: %.0f ns per event = %.0f events/s (one core)\n",
	       (now() - t0) / n * 1e9, n / (now() - t0));
	rewind(c.out);

	pthread_create(&th, NULL, consume, &c);
	printf("  %-14s %14s %14s %10s %12s\n", "offered/s", "produced", "delivered/s", "dropped",
	       "lost+deliv=prod");
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		before = atomic_load(&c.delivered);
		if (run_rate(skel, rates[i], &seq, &produced, &dropped, &secs)) {
			fprintf(stderr, "bench: BPF_PROG_RUN: %s\n", strerror(errno));
			return 1;
		}
		/* let the consumer drain what is left of this round */
		while (atomic_load(&c.delivered) - before + dropped < produced && now() - t0 < 1e9)
			usleep(1000);
		printf("  %-14.0f %14llu %14.0f %10llu %12s\n", rates[i],
		       (unsigned long long)produced,
		       (atomic_load(&c.delivered) - before) / secs, (unsigned long long)dropped,
		       atomic_load(&c.delivered) - before + dropped == produced ? "yes" : "NO");
	}
	atomic_store(&c.stop, 1);
	pthread_join(th, NULL);
	ring_buffer__free(c.rb);
	fclose(c.out);
	unlink(path);
	events_bench_bpf__destroy(skel);
	return 0;
}
