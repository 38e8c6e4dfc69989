// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard run: the event daemon. Loads the guard with --policy, or
 * adopts the pinned one (reloading --policy when the pinned policy's
 * digest is not the file's); fails closed when --policy is refused (the
 * last policy that loaded, else the built-in lockdown, then exit 4); sinks
 * --audit, --json, --text (text on stdout when none is named); SIGHUP
 * reloads --policy, SIGUSR1 reopens the files; --metrics-textfile.
 */
#include <errno.h>
#include <libaudit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "cli/cli.h"
#include "events/audit.h"
#include "events/sinks.h"
#include "kernel/guard.h"
#include "ops/daemon.h"
#include "util/journal.h"

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
	case 'm':
		o->d.metrics_textfile = arg;
		return 0;
	}
	return -1;
}

static void run_log(void *ctx, int prio, const char *msg)
{
	int old = fg_prio(prio);

	(void)ctx;
	fprintf(stderr, "fwctl-guard run: %s\n", msg);
	fg_prio(old);
}

/*
 * The configured policy is not in force and cannot be: say so at priority
 * err, in the audit log (USER_MAC_POLICY_LOAD, res=failed; the file and
 * the name in force encoded as auditd encodes untrusted values), and with
 * the exit status (the unit fails; RestartPreventExitStatus keeps systemd
 * from trying again with the same file). name: the policy in force;
 * what: which one that is, for the message.
 */
static int config_failed(const char *policy, const char *fallback, const char *name,
			 const char *what)
{
	char msg[4096], file[2 * 1024 + 3], in_force[2 * FG_POLICY_NAME_LEN + 3];

	fg_audit_encode(policy, 1024, file, sizeof(file));
	fg_audit_encode(name, FG_POLICY_NAME_LEN, in_force, sizeof(in_force));
	snprintf(msg, sizeof(msg), "op=policy-load policy-file=%s in-force=%s fallback=%s",
		 file, in_force, fallback);
	fg_audit_record(AUDIT_USER_MAC_POLICY_LOAD, msg, false);
	cli_fail(EXIT_FALLBACK, "run: the configured policy %s is not in force: '%s' (%s) is; "
		 "fix it, then 'systemctl restart fwctl-guard' (exit status %d)", policy, name,
		 what, EXIT_FALLBACK);
	return EXIT_FALLBACK;
}

/* The configured policy was refused and no guard is loaded: load the
 * last policy that loaded, else the built-in lockdown. */
static int run_fallback(const struct fg_ops_opts *ops, const char *policy,
			struct fg_effects_db *db)
{
	struct fg_report *r = cli_report_new();
	int ret;

	if (!r)
		return 1;
	ret = fg_ops_load_fallback(ops, db, r);
	if (ret) {
		ret = cli_print_failure(r);
		cli_fail(1, "run: no guard is loaded: the fallback (%s) failed too", r->fallback);
	} else {
		cli_print_device_warnings(&r->devs);
		printf("fwctl-guard: loaded the fallback (%s): policy '%s' (%zu rules, default "
		       "%s), generation 1\n", r->fallback, r->policy, r->nrules,
		       r->default_action == FG_ACTION_DENY ? "deny" : "allow");
		ret = config_failed(policy, r->fallback, r->policy,
				    !strcmp(r->fallback, "lockdown") ? "the built-in lockdown" :
				    "the last policy that loaded");
	}
	cli_report_free(r);
	return ret;
}

/* A guard is loaded (a restart): the configured policy's digest against
 * the loaded one's; a reload when they differ. */
static int run_adopt(const struct fg_ops_opts *ops, const char *policy)
{
	struct fg_report *r = cli_report_new();
	char loaded[FG_POLICY_NAME_LEN] = "?";
	struct fg_state st = {};
	struct fg_err err = {};
	int ret;

	if (!r)
		return 1;
	ret = fg_ops_adopt(ops, policy, r);
	if (!ret && r->same) {
		fprintf(stderr, "fwctl-guard run: adopting the guard loaded at %s: its policy is "
			"%s's (same sha256), generation %llu\n", ops->pin_dir, policy,
			(unsigned long long)r->gen);
	} else if (!ret) {
		fprintf(stderr, "fwctl-guard run: the guard loaded at %s had another policy than "
			"%s: reloaded\n", ops->pin_dir, policy);
		cli_report_reload(r, ret, stderr);
	} else {
		cli_report_reload(r, ret, stderr);
		if (!fg_guard_state(ops->pin_dir, &st, &err) && st.has_gen)
			snprintf(loaded, sizeof(loaded), "%s", st.hdr.name);
		fg_state_free(&st);
		ret = config_failed(policy, "none", loaded, "the policy already loaded");
	}
	cli_report_free(r);
	return ret;
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
		{ "metrics-textfile", required_argument, NULL, 'm' },
		{}
	};
	struct run_opts o = { .d.lock_path = "/run/fwctl-guard.lock" };
	struct fg_effects_db db = {};
	struct cli_tables t;
	struct fg_report r;
	int ret;

	if (cli_parse(&cmd_run, argc, argv, &t, extra, run_opt, &o))
		return EXIT_USAGE;
	/* A rotation while the guard loads must not end the daemon (SIGUSR1's
	 * default): the files are not open yet, nothing to reopen. */
	signal(SIGUSR1, SIG_IGN);
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
			ret = cli_print_failure(&r);
		else
			ret = cli_load(&t.ops, o.policy, &db);
		/* Refused (the policy or its tables): fail closed. */
		if (ret == EXIT_USAGE)
			ret = run_fallback(&t.ops, o.policy, &db);
		if (ret)
			goto out;
	} else {
		if (o.policy) {
			ret = run_adopt(&t.ops, o.policy);
			if (ret)
				return ret;
		} else {
			fprintf(stderr, "fwctl-guard run: adopting the guard loaded at %s (no "
				"--policy: its policy stays)\n", t.ops.pin_dir);
		}
		/* only command names in the records: numbers will do */
		fg_report_init(&r);
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
	{ "--metrics-textfile FILE", "the metrics for node_exporter's textfile collector\n"
				     "(Prometheus text), replaced atomically every second" },
	{ NULL },
};

const struct command cmd_run = {
	.name = "run",
	.no_operands = true,
	.usage = "[--policy FILE] [--audit] [--audit-rate N] [--json FILE|-] [--text FILE|-] "
		 "[--lock FILE] [--ring-size SIZE] [--metrics-textfile FILE] [--effects-dir DIR] "
		 "[--effects FILE]...",
	.summary = "event daemon: decisions to auditd, JSON, text",
	.description = "The event daemon (fwctl-guard.service): loads the guard with --policy\n"
		       "when none is pinned, else adopts the pinned one (reloading --policy\n"
		       "when its sha256 is not the pinned policy's), and writes every deny\n"
		       "and audit decision to the sinks. A --policy that is refused when no\n"
		       "guard is loaded: the last policy that loaded (" FG_STATE_DIR "/\n"
		       FG_LAST_GOOD "), else the built-in lockdown, is loaded instead\n"
		       "and run exits 4. SIGHUP loads --policy again; SIGUSR1 reopens the\n"
		       "--json and --text files (log rotation); SIGTERM exits and leaves the\n"
		       "guard loaded and enforcing.",
	.opts = run_help,
	.examples = "fwctl-guard run --policy /etc/fwctl-guard/deny-destructive.policy --audit\n"
		    "fwctl-guard run --json /var/log/fwctl-guard/events.jsonl --text -",
	.exit_status = "0 stopped by SIGTERM or SIGINT, 1 failure, 2 usage error or invalid\n"
		       "policy (nothing loaded), 4 --policy refused: the guard enforces the\n"
		       "fallback or the policy already loaded",
	.tables = true,
	.run = run_run,
};
