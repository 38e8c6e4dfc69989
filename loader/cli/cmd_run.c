// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard run: the event daemon. Adopts the pinned guard, or loads one
 * with --policy; sinks --audit, --json, --text (text on stdout when none
 * is named); SIGHUP reloads --policy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "kernel/guard.h"
#include "ops/daemon.h"

struct run_opts {
	struct fg_daemon_opts d;
	const char *policy;
	__u32 ring_bytes;
};

static int run_opt(int c, const char *arg, void *ctx)
{
	struct run_opts *o = ctx;
	unsigned long v;
	char *end;

	switch (c) {
	case 'p':
		o->policy = arg;
		return 0;
	case 'a':
		o->d.sinks.audit = true;
		return 0;
	case 'r':
		errno = 0;
		v = strtoul(arg, &end, 10);
		if (errno || *end || !arg[0] || arg[0] == '-' || v > 1000000)
			return cli_usage(&cmd_run, "--audit-rate wants records per second "
					 "(0-1000000), not '%s'", arg);
		o->d.sinks.audit_rate = v;
		return 0;
	case 'j':
		o->d.sinks.json = arg;
		return 0;
	case 't':
		o->d.sinks.text = arg;
		return 0;
	case 'l':
		o->d.lock_path = arg;
		return 0;
	case 'R':
		return cli_ring_size(&cmd_run, arg, &o->ring_bytes);
	}
	return -1;
}

static void run_log(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "fwctl-guard run: %s\n", msg);
}

static void run_reloaded(void *ctx, const struct fg_report *r, int ret)
{
	(void)ctx;
	cli_report_reload(r, ret, stderr);
}

static int run_run(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "audit", no_argument, NULL, 'a' },
		{ "audit-rate", required_argument, NULL, 'r' },
		{ "json", required_argument, NULL, 'j' },
		{ "text", required_argument, NULL, 't' },
		{ "lock", required_argument, NULL, 'l' },
		{ "ring-size", required_argument, NULL, 'R' },
		{}
	};
	struct run_opts o = { .d.lock_path = "/run/fwctl-guard.lock" };
	struct fg_effects_db db = {};
	struct cli_tables t;
	struct fg_report r;
	int ret;

	if (cli_parse(&cmd_run, argc, argv, &t, extra, run_opt, &o))
		return EXIT_USAGE;
	t.ops.ring_bytes = o.ring_bytes;
	if (o.d.sinks.audit_rate && !o.d.sinks.audit)
		return cli_usage(&cmd_run, "--audit-rate limits --audit records; add --audit");
	if (!o.d.sinks.audit && !o.d.sinks.json && !o.d.sinks.text)
		o.d.sinks.text = "-";
	fg_report_init(&r);
	ret = cli_guard_pinned(t.ops.pin_dir);
	if (ret < 0)
		return cli_fail_pins(t.ops.pin_dir, ret);
	if (!ret) {
		if (!o.policy)
			return cli_fail(1, "run: no guard is loaded at %s and no --policy to load",
				    t.ops.pin_dir);
		if (fg_ops_tables(&t.ops, &db, &r))
			return cli_print_failure(&r);
		ret = cli_load(&t.ops, o.policy, &db);
		if (ret)
			goto out;
	} else {
		fprintf(stderr, "fwctl-guard run: adopting the guard loaded at %s (its policy stays; "
			"SIGHUP loads --policy)\n", t.ops.pin_dir);
		/* only command names in the records: numbers will do */
		if (fg_ops_tables(&t.ops, &db, &r)) {
			cli_print_failure(&r);
			fprintf(stderr, "fwctl-guard run: commands are shown by number\n");
		}
	}
	o.d.ops = &t.ops;
	o.d.db = &db;
	o.d.policy = o.policy;
	o.d.log = run_log;
	o.d.reloaded = run_reloaded;
	ret = fg_daemon_run(&o.d);
out:
	fg_effects_free(&db);
	return ret;
}

static const struct cli_opt_help run_help[] = {
	{ "-p, --policy FILE", "load FILE when no guard is pinned; SIGHUP loads it again" },
	{ "-a, --audit", "one USER_AVC record per decision to auditd" },
	{ "-r, --audit-rate N", "at most N audit records per second (0: no limit)" },
	{ "-j, --json FILE|-", "JSON lines, appended to FILE or on standard output" },
	{ "-t, --text FILE|-", "text lines (the default, on standard output)" },
	{ "-l, --lock FILE", "one daemon per guard (default /run/fwctl-guard.lock)" },
	{ "--ring-size SIZE", "when it loads: the events' ring buffer (see load)" },
	{ NULL },
};

const struct command cmd_run = {
	.name = "run",
	.no_operands = true,
	.usage = "[--policy FILE] [--audit] [--audit-rate N] [--json FILE|-] [--text FILE|-] "
		 "[--lock FILE] [--ring-size SIZE] [--effects-dir DIR] [--effects FILE]...",
	.summary = "event daemon: decisions to auditd, JSON, text",
	.description = "The event daemon (fwctl-guard.service): loads the guard with --policy\n"
		       "when none is pinned, else adopts the pinned one, and writes every deny\n"
		       "and audit decision to the sinks. SIGHUP loads --policy again; SIGTERM\n"
		       "exits and leaves the guard loaded and enforcing.",
	.opts = run_help,
	.examples = "fwctl-guard run --policy /etc/fwctl-guard/deny-destructive.policy --audit\n"
		    "fwctl-guard run --json /var/log/fwctl-guard/events.jsonl --text -",
	.exit_status = "0 stopped by SIGTERM or SIGINT, 1 failure, 2 usage error or invalid\n"
		       "policy",
	.tables = true,
	.run = run_run,
};
