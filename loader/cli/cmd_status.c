// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard status: the loaded guard as its pins show it: policy and
 * rule counters, hooks, seal, devices, counters, events and the daemon.
 * Exit status 3 when no guard is loaded.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "fg_version.h"
#include "kernel/guard.h"
#include "ops/metrics.h"
#include "util/clock.h"
#include "util/names.h"

enum status_format { FMT_TEXT, FMT_JSON, FMT_OPENMETRICS };

struct status_opts {
	enum status_format fmt;
	char expect[65];		/* --expect-sha256, lower case; "" none */
};

static int status_opt(int c, const char *arg, void *ctx)
{
	struct status_opts *o = ctx;
	size_t i;

	switch (c) {
	case 'j':
		o->fmt = FMT_JSON;
		return 0;
	case 'f':
		if (!strcmp(arg, "text"))
			o->fmt = FMT_TEXT;
		else if (!strcmp(arg, "json"))
			o->fmt = FMT_JSON;
		else if (!strcmp(arg, "openmetrics"))
			o->fmt = FMT_OPENMETRICS;
		else
			return cli_usage(&cmd_status, "unknown format '%s' (expected text, json or "
					 "openmetrics)", arg);
		return 0;
	case 'e':
		for (i = 0; arg[i] && i < 64 && isxdigit((unsigned char)arg[i]); i++)
			o->expect[i] = tolower((unsigned char)arg[i]);
		o->expect[i] = '\0';
		if (i != 64 || arg[i])
			return cli_usage(&cmd_status, "--expect-sha256 wants 64 hex digits (as "
					 "'fwctl-guard check' prints), not '%s'", arg);
		return 0;
	}
	return -1;
}

/* Is the daemon that last wrote its counters still there? Its pid alive
 * and its counters fresh (it writes them every 100 ms). */
static bool daemon_running(const struct fg_daemon_stat *d)
{
	return d->pid && (kill(d->pid, 0) == 0 || errno == EPERM) &&
	       fg_boot_ns() - d->updated_ns < 5000000000ULL;
}

static struct json_object *events_json(const struct fg_state *st)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "produced", json_object_new_uint64(st->events_produced));
	json_object_object_add(o, "lost", json_object_new_uint64(st->stats[FG_STAT_EVENTS_LOST]));
	return o;
}

static struct json_object *daemon_json(const struct fg_daemon_stat *d)
{
	struct json_object *o;

	if (!d->pid)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "pid", json_object_new_int64(d->pid));
	json_object_object_add(o, "running", json_object_new_boolean(daemon_running(d)));
	json_object_object_add(o, "first_seq", json_object_new_uint64(d->first_seq));
	json_object_object_add(o, "last_seq", json_object_new_uint64(d->last_seq));
	json_object_object_add(o, "delivered", json_object_new_uint64(d->delivered));
	json_object_object_add(o, "missing", json_object_new_uint64(d->missing));
	json_object_object_add(o, "audit_sent", json_object_new_uint64(d->audit_sent));
	json_object_object_add(o, "audit_failed", json_object_new_uint64(d->audit_failed));
	json_object_object_add(o, "audit_suppressed", json_object_new_uint64(d->audit_suppressed));
	json_object_object_add(o, "sink_errors", json_object_new_uint64(d->sink_errors));
	return o;
}

static void daemon_text(const struct fg_state *st)
{
	const struct fg_daemon_stat *d = &st->daemon;

	printf("events: produced %llu, lost %llu (ring buffer full)\n",
	       (unsigned long long)st->events_produced,
	       (unsigned long long)st->stats[FG_STAT_EVENTS_LOST]);
	if (!d->pid) {
		printf("daemon: none has run since load (events stay in the ring buffer until "
		       "'fwctl-guard run' reads them; when it is full they are lost)\n");
		return;
	}
	printf("daemon: pid %u %s, events %llu..%llu: delivered %llu, missing %llu; audit sent "
	       "%llu, failed %llu, suppressed %llu; sink errors %llu\n", d->pid,
	       daemon_running(d) ? "running" : "NOT running", (unsigned long long)d->first_seq,
	       (unsigned long long)d->last_seq, (unsigned long long)d->delivered,
	       (unsigned long long)d->missing, (unsigned long long)d->audit_sent,
	       (unsigned long long)d->audit_failed, (unsigned long long)d->audit_suppressed,
	       (unsigned long long)d->sink_errors);
}

static void status_json(const char *pin_dir, const struct fg_state *st)
{
	struct json_object *o = json_object_new_object(), *pol, *rules, *r, *hooks, *h, *cnt;
	char hex[65], when[64];
	unsigned int i;

	json_object_object_add(o, "fwctl_guard_version", json_object_new_string(FG_VERSION));
	json_object_object_add(o, "pin_dir", json_object_new_string(pin_dir));
	json_object_object_add(o, "loaded", json_object_new_boolean(true));
	if (st->has_gen) {
		pol = json_object_new_object();
		cli_hash_hex(st->hdr.hash, hex);
		fg_time_format(st->hdr.loaded_at_ns, 0, when, sizeof(when));
		json_object_object_add(pol, "name", json_object_new_string(st->hdr.name));
		json_object_object_add(pol, "source", json_object_new_string(st->hdr.source));
		json_object_object_add(pol, "sha256", json_object_new_string(hex));
		json_object_object_add(pol, "loaded_at", json_object_new_string(when));
		json_object_object_add(pol, "generation", json_object_new_int64(st->hdr.gen));
		json_object_object_add(pol, "mode", json_object_new_string(
			fg_mode_name(st->hdr.mode)));
		json_object_object_add(pol, "default", json_object_new_string(
			fg_action_name(st->hdr.default_action)));
		json_object_object_add(pol, "unknown_device", json_object_new_string(
			fg_action_name(st->hdr.unknown_device_action)));
		json_object_object_add(pol, "tamper", json_object_new_string(
			fg_tamper_name(st->hdr.tamper)));
		rules = json_object_new_array();
		for (i = 0; i < st->nrules; i++) {
			const struct fg_rule_state *rs = &st->rules[i];

			r = json_object_new_object();
			json_object_object_add(r, "rule", json_object_new_int(i));
			json_object_object_add(r, "line", json_object_new_int(rs->info.line));
			json_object_object_add(r, "text", json_object_new_string(rs->info.text));
			json_object_object_add(r, "allowed", json_object_new_int64(rs->stat.allowed));
			json_object_object_add(r, "denied", json_object_new_int64(rs->stat.denied));
			json_object_object_add(r, "audited", json_object_new_int64(rs->stat.audited));
			json_object_array_add(rules, r);
		}
		json_object_object_add(pol, "rules", rules);
		json_object_object_add(o, "policy", pol);
	} else {
		json_object_object_add(o, "policy", NULL);
	}
	hooks = json_object_new_object();
	for (i = 0; i < FG_NPROGS; i++) {
		h = json_object_new_object();
		json_object_object_add(h, "attached", json_object_new_boolean(st->links[i].pinned));
		json_object_object_add(h, "link_id", json_object_new_int64(st->links[i].link_id));
		json_object_object_add(h, "prog_id", json_object_new_int64(st->links[i].prog_id));
		json_object_object_add(hooks, fg_progs[i].hook, h);
	}
	json_object_object_add(o, "hooks", hooks);
	json_object_object_add(o, "sealed", json_object_new_string(fg_seal_name(st->seal.mode)));
	json_object_object_add(o, "fwctl_ops_offset", json_object_new_int64(st->config.fwctl_ops_off));
	json_object_object_add(o, "devices", json_object_new_int64(st->devices.n));
	cnt = json_object_new_object();
	for (i = 0; i < FG_STAT_MAX; i++)
		json_object_object_add(cnt, fg_stat_name(i), json_object_new_int64(st->stats[i]));
	json_object_object_add(o, "counters", cnt);
	json_object_object_add(o, "events", events_json(st));
	json_object_object_add(o, "daemon", daemon_json(&st->daemon));
	cli_print_json(o);
}

/* No guard, or none that can be looked at: loaded false, or null with why. */
static void status_json_short(const char *pin_dir, int pinned)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "fwctl_guard_version", json_object_new_string(FG_VERSION));
	json_object_object_add(o, "pin_dir", json_object_new_string(pin_dir));
	json_object_object_add(o, "loaded", pinned < 0 ? NULL : json_object_new_boolean(false));
	if (pinned < 0)
		json_object_object_add(o, "error", json_object_new_string(strerror(-pinned)));
	cli_print_json(o);
}

static void status_text(const char *pin_dir, const struct fg_state *st)
{
	char when[64], hex[65];
	unsigned int i;

	printf("fwctl-guard %s: loaded at %s\n", FG_VERSION, pin_dir);
	if (!st->has_gen) {
		printf("policy: NONE installed: every RPC to a fwctl node is denied\n");
	} else {
		fg_time_format(st->hdr.loaded_at_ns, 0, when, sizeof(when));
		cli_hash_hex(st->hdr.hash, hex);
		printf("policy: %s (%s), generation %llu, loaded %s\n", st->hdr.name, st->hdr.source,
		       (unsigned long long)st->hdr.gen, when);
		printf("  sha256 %s\n", hex);
		printf("  mode %s, default %s, unknown devices %s, tamper %s, %u rule%s\n",
		       fg_mode_name(st->hdr.mode),
		       fg_action_name(st->hdr.default_action),
		       fg_action_name(st->hdr.unknown_device_action), fg_tamper_name(st->hdr.tamper),
		       st->hdr.nrules,
		       st->hdr.nrules == 1 ? "" : "s");
		for (i = 0; i < st->nrules; i++)
			printf("  rule %u (line %u): %s  [allowed %llu denied %llu audited %llu]\n", i,
			       st->rules[i].info.line, st->rules[i].info.text,
			       (unsigned long long)st->rules[i].stat.allowed,
			       (unsigned long long)st->rules[i].stat.denied,
			       (unsigned long long)st->rules[i].stat.audited);
	}
	for (i = 0; i < FG_NPROGS; i++) {
		if (st->links[i].pinned)
			printf("hook %s: attached (link %u, prog %u)\n", fg_progs[i].hook,
			       st->links[i].link_id, st->links[i].prog_id);
		else if (fg_progs[i].required)
			printf("hook %s: NOT attached\n", fg_progs[i].hook);
		else if (!fg_progs[i].needs[0])
			printf("hook %s: not attached\n", fg_progs[i].hook);
		else
			printf("hook %s: not attached (the kernel had no %s at load)\n",
			       fg_progs[i].hook, fg_progs[i].needs[0]);
	}
	printf("guard: %s\n", cli_seal_text(st->seal.mode));
	{
		struct fg_fwctl_layout l;

		if (!fg_fwctl_layout(&l, NULL))
			cli_print_layout(&l, st->config.fwctl_ops_off);
	}
	if (st->config.flags & FG_CFG_COMPAT_UNREAD)
		printf("warning: 32-bit FWCTL_RPC denied unread: lockdown=confidentiality at load "
		       "(hook file_ioctl_compat loaded without bpf_probe_read_user)\n");
	printf("devices: %u\n", st->devices.n);
	for (i = 0; i < st->devices.n; i++)
		printf("  %s minor %u type %s parent %s\n", st->devices.devs[i].dev.name,
		       st->devices.devs[i].minor, fg_devtype_name(st->devices.devs[i].dev.devtype),
		       st->devices.devs[i].dev.parent[0] ? st->devices.devs[i].dev.parent : "-");
	printf("counters:");
	for (i = 0; i < FG_STAT_MAX; i++)
		printf(" %s=%llu", fg_stat_name(i), (unsigned long long)st->stats[i]);
	printf("\n");
	daemon_text(st);
}

/* The metrics a scrape of the textfile would give, from status. */
static void status_openmetrics(const struct fg_state *st)
{
	fg_metrics_write(stdout, st, NULL, daemon_running(&st->daemon), FG_METRICS_OPENMETRICS);
}

/* --expect-sha256: the fleet's compliance check. */
static int expect_sha(const struct fg_state *st, const char *want)
{
	char hex[65];

	if (!st->has_gen)
		return cli_fail(EXIT_MISMATCH, "status: no policy is installed; expected sha256 %s",
				want);
	cli_hash_hex(st->hdr.hash, hex);
	if (strcmp(hex, want))
		return cli_fail(EXIT_MISMATCH, "status: the loaded policy '%s' has sha256 %s, "
				"not the expected %s", st->hdr.name, hex, want);
	return 0;
}

static int status_run(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "expect-sha256", required_argument, NULL, 'e' },
		{}
	};
	const char *pin_dir = cli_pin_dir();
	struct status_opts o = { .fmt = FMT_TEXT };
	struct fg_err err = {};
	struct fg_state st;
	bool json;
	int pinned, ret;

	if (cli_parse(&cmd_status, argc, argv, NULL, extra, status_opt, &o))
		return EXIT_USAGE;
	json = o.fmt == FMT_JSON;
	if (o.fmt == FMT_OPENMETRICS && cli_guard_pinned(pin_dir) == 0) {
		/* nothing loaded is a state to scrape too */
		printf("# TYPE fwctl_guard_loaded gauge\n# HELP fwctl_guard_loaded 1 while a "
		       "guard is loaded.\nfwctl_guard_loaded 0\n# EOF\n");
		return EXIT_NOT_LOADED;
	}
	/* Not access(F_OK): a reader who may not look into the bpffs is told
	 * so, not that nothing is loaded. */
	pinned = cli_guard_pinned(pin_dir);
	if (pinned <= 0) {
		if (json)
			status_json_short(pin_dir, pinned);
		if (pinned < 0)
			return cli_fail_pins(pin_dir, pinned);
		if (!json)
			printf("fwctl-guard %s: not loaded (no pins at %s)\n", FG_VERSION, pin_dir);
		return EXIT_NOT_LOADED;
	}
	ret = fg_guard_state(pin_dir, &st, &err);
	if (ret == -EACCES || ret == -EPERM) {
		if (json)
			status_json_short(pin_dir, ret);
		return cli_fail_pins(pin_dir, ret);
	}
	if (ret)
		return cli_fail(1, "status: %s", err.msg);
	if (json)
		status_json(pin_dir, &st);
	else if (o.fmt == FMT_OPENMETRICS)
		status_openmetrics(&st);
	else
		status_text(pin_dir, &st);
	ret = o.expect[0] ? expect_sha(&st, o.expect) : 0;
	fg_state_free(&st);
	return ret;
}

static const struct cli_opt_help status_opts[] = {
	{ "-j, --json", "one JSON object ('loaded' false when no guard is)" },
	{ "-f, --format FORMAT", "text (the default), json (as --json) or openmetrics\n"
				 "(OpenMetrics 1.0 text, for a scraper)" },
	{ "-e, --expect-sha256 HEX", "exit 4 unless the loaded policy's sha256 (its\n"
				     "sources and effects tables, as check prints it) is HEX" },
	{ NULL },
};

const struct command cmd_status = {
	.name = "status",
	.no_operands = true,
	.usage = "[--json | --format text|json|openmetrics] [--expect-sha256 HEX]",
	.summary = "show the policy, rule counters, hooks, devices",
	.description = "Show this fwctl-guard's version and the loaded guard: its policy\n"
		       "(name, source, SHA-256, generation, mode, defaults), each rule with its\n"
		       "allowed, denied and audited counters, the hooks, the seal, the devices,\n"
		       "the global counters, the events produced and lost, and the daemon.",
	.opts = status_opts,
	.examples = "fwctl-guard status\n"
		    "fwctl-guard status --json\n"
		    "fwctl-guard status --format openmetrics\n"
		    "fwctl-guard status --expect-sha256 \"$(fwctl-guard check --json site.policy | "
		    "jq -r '.[0].sha256')\"",
	.exit_status = "0 loaded, 3 no guard loaded, 4 (--expect-sha256) another policy is\n"
		       "loaded, 1 failure (the pins cannot be read: not root), 2 usage error",
	.run = status_run,
};
