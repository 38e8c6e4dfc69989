// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench, events: from the ring buffer to the JSON sink. First the
 * sink alone (fg_sink_write_json, the daemon's, into a stream that discards,
 * then to a file): ns per event.
 * Then one producer, a SEC("syscall") program (tests/bpf/events_bench.bpf.c)
 * writing decision events into a ring buffer of the guard's default size
 * as the hook does, paced at 500,000 events/s for 10 s, and a consumer
 * thread taking them out with libbpf and writing them with the sink:
 * what the ring buffer dropped, and that every event is accounted for
 * (delivered + dropped = produced).
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
#include "goal.h"
#include "events_bench.skel.h"
#include "../unit/events/test_event_sample.h"

#define BATCH		64
#define RATE		500000
#define SECONDS		10.0

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
	fg_sink_write_json(c->out, e, NULL, NULL, 0);
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

/* Offer rate events per second for secs, in batches; 0 or -errno. */
static int run_rate(struct events_bench_bpf *skel, double rate, double secs_want, __u64 *seq,
		    __u64 *produced, __u64 *dropped, double *secs)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct bench_produce p;
	double t0 = now(), due;
	__u64 sent = 0;
	int fd = bpf_program__fd(skel->progs.bench_produce);

	*dropped = 0;
	while (now() - t0 < secs_want) {
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

/* This thread's CPU time, s: what "one core" spends, whatever else the
 * machine runs. */
static double cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A stream that takes every byte and keeps none: the sink's own cost
 * without a write system call or a file system (/dev/null is not always
 * the null device: in some containers it is a regular file). */
static ssize_t discard_write(void *cookie, const char *buf, size_t n)
{
	(void)buf;
	*(__u64 *)cookie += n;
	return (ssize_t)n;
}

static int discard_seek(void *cookie, off64_t *off, int whence)
{
	(void)cookie;
	(void)whence;
	*off = 0;
	return 0;
}

/* The sink alone: CPU ns per event writing JSON lines to f (its writes
 * included), median of passes. */
static double sink_ns(FILE *f, const struct fg_event *e)
{
	double t[5], t0;
	unsigned int p, i, n = 200000;

	for (p = 0; p < 5; p++) {
		rewind(f);
		t0 = cpu_now();
		for (i = 0; i < n; i++)
			fg_sink_write_json(f, e, NULL, NULL, 0);
		fflush(f);
		t[p] = (cpu_now() - t0) / n * 1e9;
	}
	return fg_median(t, 5);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/fwctl-guard-bench-events.jsonl";
	struct events_bench_bpf *skel;
	struct fg_event e = sample_event();
	struct consumer c = {};
	__u64 seq = 1, produced, dropped, before;
	double secs, t0, ns, ns_file;
	cookie_io_functions_t discard_io = { .write = discard_write, .seek = discard_seek };
	__u64 discarded = 0;
	FILE *discard;
	pthread_t th;
	__u32 zero = 0;
	bool ok = true;

	skel = events_bench_bpf__open();
	if (!skel || bpf_map__set_max_entries(skel->maps.bench_events, FG_EVENTS_RING_BYTES) ||
	    events_bench_bpf__load(skel)) {
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
	/* The sink's own cost: formatting and stdio into a stream that
	 * discards; then to the file, which adds the system calls and the
	 * file system's. */
	discard = fopencookie(&discarded, "w", discard_io);
	if (!discard) {
		fprintf(stderr, "bench: fopencookie: %s\n", strerror(errno));
		return 1;
	}
	fg_sink_buffer(discard);
	fg_sink_buffer(c.out);
	ns = sink_ns(discard, &e);
	fclose(discard);
	if (!discarded) {
		fprintf(stderr, "bench: the sink wrote nothing\n");
		return 1;
	}
	ns_file = sink_ns(c.out, &e);
	printf("event pipeline: the guard's ring buffer (%d KiB = %zu events of %zu bytes), JSON "
	       "lines to %s\n", FG_EVENTS_RING_BYTES / 1024,
	       FG_EVENTS_RING_BYTES / (sizeof(e) + 8), sizeof(e), path);
	printf("  JSON sink alone: %.0f ns of CPU per event = %.0f events/s on one core (median "
	       "of 5 x 200,000; to %s: %.0f ns)\n", ns, 1e9 / ns, path, ns_file);

	/* Offered: RATE events/s for SECONDS, from one producer, to the
	 * daemon's consumer loop and sink. The file is truncated first: at
	 * ~0.5 KB per line it grows by ~2.5 GB. */
	c.rb = ring_buffer__new(bpf_map__fd(skel->maps.bench_events), on_event, &c, NULL);
	if (!c.rb) {
		fprintf(stderr, "bench: ring buffer: %s\n", strerror(errno));
		return 1;
	}
	if (!freopen(path, "w", c.out)) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	pthread_create(&th, NULL, consume, &c);
	before = atomic_load(&c.delivered);
	t0 = now();
	if (run_rate(skel, RATE, SECONDS, &seq, &produced, &dropped, &secs)) {
		fprintf(stderr, "bench: BPF_PROG_RUN: %s\n", strerror(errno));
		return 1;
	}
	/* The consumer drains what is left (readiness: its count). */
	while (atomic_load(&c.delivered) - before + dropped < produced && now() - t0 < 60)
		usleep(1000);
	printf("  offered %.0f/s for %.1f s: produced %llu, delivered %llu, dropped %llu, "
	       "out of order %llu\n", (double)RATE, secs, (unsigned long long)produced,
	       (unsigned long long)(atomic_load(&c.delivered) - before),
	       (unsigned long long)dropped, (unsigned long long)c.out_of_order);
	atomic_store(&c.stop, 1);
	pthread_join(th, NULL);
	ring_buffer__free(c.rb);
	fclose(c.out);
	/* Only the file of our own: a path given (tests/bench/run gives
	 * /dev/null) is left as it is. Unlinking it removed the host's
	 * /dev/null, which the next writer then created as a regular file. */
	if (argc <= 1)
		unlink(path);
	events_bench_bpf__destroy(skel);
	printf("\n");
	ok &= fg_goal("json-sink", ns, "ns", "<=", 500);
	ok &= fg_goal("events-500k-dropped", (double)dropped, "events", "=", 0);
	ok &= atomic_load(&c.delivered) - before + dropped == produced;
	return ok ? 0 : 3;
}
