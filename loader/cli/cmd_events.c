// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard events: the recent decisions, from the fg_recent map (never
 * the ring buffer: reading them takes nothing from the daemon), and with
 * --follow the new ones as they come.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "events/sinks.h"
#include "kernel/events.h"
#include "kernel/guard.h"
#include "util/clock.h"

static volatile sig_atomic_t stop;

struct events_opts {
	bool json, follow;
	__u64 since;
	long count;		/* < 0: no limit */
	double timeout;		/* <= 0: none */
};

struct events_out {
	const struct events_opts *o;
	const struct fg_effects_db *db;
	long long boot_offset;
	__u64 shown;		/* seq of the last event shown (or since) */
	long printed;
};

/* Print one event; false once --count is reached. */
static bool show_event(struct events_out *out, const struct fg_event *e)
{
	if (out->shown && e->seq > out->shown + 1)
		fprintf(stderr, "fwctl-guard: events %llu..%llu are not in the recent buffer "
			"(overwritten before they were read, or lost)\n",
			(unsigned long long)out->shown + 1, (unsigned long long)e->seq - 1);
	if (out->o->json)
		fg_sink_write_json(stdout, e, out->db, NULL, out->boot_offset);
	else
		fg_sink_write_text(stdout, e, out->db, out->boot_offset);
	out->shown = e->seq;
	return !(out->o->count > 0 && ++out->printed >= out->o->count);
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Recent events come from the fg_recent map, not the ring buffer: reading
 * them takes nothing away from the daemon. --follow polls it; an event
 * whose slot is still being written is waited for, up to a second.
 */
static int follow_events(const struct fg_event_maps *m, struct events_out *out,
			 struct fg_event *buf)
{
	struct timespec t0, waiting = {};
	__u64 produced;
	size_t n, i;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		if (out->o->timeout > 0 && seconds_since(&t0) >= out->o->timeout)
			return 0;
		ret = fg_events_produced(m, &produced);
		if (!ret && produced > out->shown)
			ret = fg_events_recent(m, out->shown, buf, &n);
		else
			n = 0;
		if (ret)
			return cli_fail(1, "events: cannot read the event maps: %s", strerror(-ret));
		for (i = 0; i < n; i++) {
			/* a number not written yet: wait for it, a while */
			if (buf[i].seq != out->shown + 1 && out->shown) {
				if (!waiting.tv_sec)
					clock_gettime(CLOCK_MONOTONIC, &waiting);
				if (seconds_since(&waiting) < 1.0 &&
				    buf[n - 1].seq < out->shown + FG_RECENT_EVENTS)
					break;
			}
			waiting.tv_sec = 0;
			if (!show_event(out, &buf[i]))
				return 0;
		}
		fflush(stdout);
		usleep(50000);
	}
	return 0;
}

int cmd_events(int argc, char **argv)
{
	static const char usage[] = "events [--json] [--follow] [--since SEQ] [--count N] "
				    "[--timeout SECONDS]";
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	static struct fg_event buf[FG_RECENT_EVENTS];
	struct events_opts o = { .count = -1 };
	struct events_out out = { .o = &o };
	struct fg_effects_db db = {};
	struct fg_event_maps m;
	struct fg_err err = {};
	char *end;
	size_t n, i, first = 0;
	int c, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jfs:n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'f':
			o.follow = true;
			break;
		case 's':
			errno = 0;
			o.since = strtoull(optarg, &end, 10);
			if (errno || *end || optarg[0] == '-' || !optarg[0])
				return cli_fail(EXIT_USAGE, "--since wants an event number, not '%s'",
					    optarg);
			break;
		case 'n':
			o.count = strtol(optarg, &end, 10);
			if (*end || o.count <= 0)
				return cli_fail(EXIT_USAGE, "--count wants a positive number, not '%s'",
					    optarg);
			break;
		case 't':
			o.timeout = strtod(optarg, &end);
			if (*end || o.timeout <= 0)
				return cli_fail(EXIT_USAGE, "--timeout wants seconds > 0, not '%s'",
					    optarg);
			break;
		default:
			return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
		}
	}
	if (optind != argc)
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (o.timeout > 0 && !o.follow)
		return cli_fail(EXIT_USAGE, "--timeout is for --follow");
	if (fg_guard_event_maps(FG_PIN_DIR, &m, &err))
		return cli_fail(1, "events: %s", err.msg);
	out.boot_offset = fg_boot_to_realtime_ns();
	cli_read_tables_quietly(&db);
	out.db = &db;
	out.shown = o.since;
	ret = fg_events_recent(&m, o.since, buf, &n);
	if (ret) {
		ret = cli_fail(1, "events: cannot read the recent events: %s", strerror(-ret));
		goto out;
	}
	/* Without --follow, --count N: the last N. */
	if (!o.follow && o.count > 0 && n > (size_t)o.count)
		first = n - o.count;
	if (first)
		out.shown = buf[first].seq - 1;	/* skipped on purpose: no gap note */
	for (i = first; i < n; i++)
		if (!show_event(&out, &buf[i]))
			goto out;
	fflush(stdout);
	if (o.follow) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		ret = follow_events(&m, &out, buf);
	}
out:
	fg_event_maps_close(&m);
	fg_effects_free(&db);
	return ret;
}
