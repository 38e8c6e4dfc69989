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
#include "ops/origin.h"
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
	const struct fg_event_maps *m;
	struct fg_origins origins;	/* host and policy, for JSON */
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
		fg_sink_write_json(stdout, e, out->db, fg_origins_get(&out->origins, out->m, e->gen),
				   out->boot_offset);
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

static int events_opt(int c, const char *arg, void *ctx)
{
	struct events_opts *o = ctx;
	char *end;

	switch (c) {
	case 'j':
		o->json = true;
		return 0;
	case 'f':
		o->follow = true;
		return 0;
	case 's':
		errno = 0;
		o->since = strtoull(arg, &end, 10);
		if (errno || *end || arg[0] == '-' || !arg[0])
			return cli_usage(&cmd_events, "--since wants an event number, not '%s'", arg);
		return 0;
	case 'n':
		o->count = strtol(arg, &end, 10);
		if (*end || o->count <= 0)
			return cli_usage(&cmd_events, "--count wants a positive number, not '%s'", arg);
		return 0;
	case 't':
		o->timeout = strtod(arg, &end);
		if (*end || !(o->timeout > 0))
			return cli_usage(&cmd_events, "--timeout wants seconds > 0, not '%s'", arg);
		return 0;
	}
	return -1;
}

static int events_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	static struct fg_event buf[FG_RECENT_EVENTS];
	static struct events_out out;
	struct events_opts o = { .count = -1 };
	struct fg_effects_db db = {};
	struct fg_event_maps m;
	struct fg_err err = {};
	size_t n, i, first = 0;
	int ret = 0;

	if (cli_parse(&cmd_events, argc, argv, NULL, opts, events_opt, &o))
		return EXIT_USAGE;
	if (o.timeout > 0 && !o.follow)
		return cli_usage(&cmd_events, "--timeout is for --follow");
	ret = cli_guard_pinned(cli_pin_dir());
	if (ret < 0)
		return cli_fail_pins(cli_pin_dir(), ret);
	if (!ret)
		return cli_fail(1, "events: no guard is loaded at %s", cli_pin_dir());
	if (fg_guard_event_maps(cli_pin_dir(), &m, &err))
		return cli_fail(1, "events: %s", err.msg);
	out.o = &o;
	out.m = &m;
	fg_origins_init(&out.origins);
	out.boot_offset = fg_boot_to_realtime_ns();
	cli_read_tables_quietly(&db);
	out.db = &db;
	out.shown = o.since;
	ret = fg_events_recent(&m, o.since, buf, &n);
	if (ret) {
		ret = cli_fail(1, "events: cannot read the recent events (%s)", strerror(-ret));
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

static const struct cli_opt_help events_help[] = {
	{ "-j, --json", "one JSON object per line (the daemon's JSON lines)" },
	{ "-f, --follow", "then the new ones as they come, until interrupted" },
	{ "-s, --since SEQ", "only events numbered above SEQ" },
	{ "-n, --count N", "the last N; with --follow, stop after N" },
	{ "-t, --timeout S", "with --follow: stop after S seconds" },
	{ NULL },
};

const struct command cmd_events = {
	.name = "events",
	.no_operands = true,
	.usage = "[--json] [--follow] [--since SEQ] [--count N] [--timeout SECONDS]",
	.summary = "show recent deny/audit decisions, and live ones",
	.description = "Print the recent deny and audit decisions (the guard keeps the last\n"
		       "256 in a map of their own, so this takes nothing from the daemon), one\n"
		       "line each with its sequence number (seq=).",
	.opts = events_help,
	.examples = "fwctl-guard events --count 10\n"
		    "fwctl-guard events --follow --json --timeout 60",
	.exit_status = "0 success, 1 failure (no guard loaded included), 2 usage error",
	.run = events_run,
};
