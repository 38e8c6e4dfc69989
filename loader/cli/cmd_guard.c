// SPDX-License-Identifier: GPL-2.0-only
/* fwctl-guard load, reload, unload: the guard in the kernel, and its policy. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "util/names.h"

/* What a load did, as the CLI (and the daemon, when it loads) says it. */
static int cli_report_load(const struct fg_report *r)
{
	cli_print_device_warnings(&r->devs);
	printf("fwctl-guard: loaded policy '%s' (%zu rules, mode %s, default %s), generation 1, "
	       "%u device%s, %zu effects entries\n", r->policy, r->nrules,
	       fg_mode_name(r->mode), fg_action_name(r->default_action), r->devs.n,
	       r->devs.n == 1 ? "" : "s", r->neffects);
	cli_print_layout(&r->layout, fg_fwctl_layout_ops_off(&r->layout));
	if (r->config_flags & FG_CFG_COMPAT_UNREAD)
		fprintf(stderr, "fwctl-guard: warning: lockdown=confidentiality: the 32-bit hook "
			"(file_ioctl_compat) is loaded without bpf_probe_read_user; every 32-bit "
			"FWCTL_RPC is denied unread\n");
	if (r->left_out[FG_PROGIDX_fg_rpc_header])
		fprintf(stderr, "fwctl-guard: warning: the kernel has no fwctl_cmd_rpc (fwctl not "
			"built in, fwctl.ko not loaded): the check of the kernel's copy of each "
			"RPC header is left out until the guard is loaded again; a scope raised "
			"after the guard's read is still refused (capable). Load fwctl first: "
			"modprobe fwctl\n");
	cli_print_post_copy(r);
	if (r->seal != FG_SEAL_NONE)
		printf("fwctl-guard: %s\n", cli_seal_text(r->seal));
	cli_print_state_error(r);
	return 0;
}

void cli_print_state_error(const struct fg_report *r)
{
	if (r->state_error[0])
		fprintf(stderr, "fwctl-guard: warning: %s: not kept as the last policy that "
			"loaded (a boot that cannot compile the configured policy loads the "
			"built-in lockdown)\n", r->state_error);
}

/* Load with the tables already read (db); printed. 0, EXIT_USAGE or 1. */
int cli_load(const struct fg_ops_opts *o, const char *path, struct fg_effects_db *db)
{
	struct fg_report *r = cli_report_new();
	int ret;

	if (!r)
		return 1;
	ret = fg_ops_load(o, path, db, r);
	if (!r->bad_input)
		cli_print_warnings(&r->warnings);
	if (ret) {
		/* Devices were scanned before a failure after the scan. */
		if (r->devs.n && !r->bad_input)
			cli_print_device_warnings(&r->devs);
		ret = cli_print_failure(r);
	} else {
		cli_report_load(r);
	}
	cli_report_free(r);
	return ret;
}

/* load's own option: --ring-size SIZE. */
static int load_opt(int c, const char *arg, void *ctx)
{
	struct cli_tables *t = ctx;

	if (c != 'R')
		return -1;
	return cli_ring_size(&cmd_load, arg, &t->ops.ring_bytes);
}

/* The one POLICY operand of load and reload. */
static int policy_operand(const struct command *c, int argc, char **argv, struct cli_tables *t)
{
	static const struct option load_extra[] = {
		{ "ring-size", required_argument, NULL, 'R' },
		{}
	};

	if (cli_parse(c, argc, argv, t, c == &cmd_load ? load_extra : NULL,
		      c == &cmd_load ? load_opt : NULL, t))
		return EXIT_USAGE;
	if (optind == argc)
		return cli_usage(c, "no policy");
	if (optind + 1 != argc)
		return cli_usage(c, "one policy, not %d", argc - optind);
	return 0;
}

static int load_run(int argc, char **argv)
{
	struct fg_effects_db db = {};
	struct cli_tables t;
	struct fg_report r;
	int ret;

	if (policy_operand(&cmd_load, argc, argv, &t))
		return EXIT_USAGE;
	fg_report_init(&r);
	if (fg_ops_tables(&t.ops, &db, &r))
		ret = cli_print_failure(&r);
	else
		ret = cli_load(&t.ops, cli_policy_path(argv[optind]), &db);
	fg_effects_free(&db);
	return ret;
}

/* What a reload did, on out (stdout for the command, stderr for the
 * daemon's SIGHUP). 0, EXIT_USAGE (bad policy) or 1. */
int cli_report_reload(const struct fg_report *r, int ret, FILE *out)
{
	if (!r->bad_input)
		cli_print_warnings(&r->warnings);
	if (ret) {
		if (!r->bad_input)
			cli_print_device_warnings(&r->devs);
		ret = cli_print_failure(r);
		if (r->bad_input)
			fprintf(stderr, "fwctl-guard: reload: the running policy is unchanged\n");
		return ret;
	}
	cli_print_device_warnings(&r->devs);
	fprintf(out, "fwctl-guard: reloaded: policy '%s' (%zu rules, mode %s), generation %llu\n",
		r->policy, r->nrules, fg_mode_name(r->mode), (unsigned long long)r->gen);
	cli_print_state_error(r);
	return 0;
}

/*
 * Replace the running policy without a gap: compile, build the next
 * generation, switch with one map update. Anything that fails before the
 * switch leaves the running policy enforcing, untouched.
 */
static int reload_run(int argc, char **argv)
{
	struct cli_tables t;
	struct fg_report *r;
	int ret;

	if (policy_operand(&cmd_reload, argc, argv, &t)) {
		fprintf(stderr, "fwctl-guard: reload: the running policy is unchanged\n");
		return EXIT_USAGE;
	}
	ret = cli_guard_pinned(t.ops.pin_dir);
	if (ret < 0)
		return cli_fail_pins(t.ops.pin_dir, ret);
	if (!ret)
		return cli_fail(1, "reload: no guard is loaded at %s ('fwctl-guard load' loads "
				"one)", t.ops.pin_dir);
	r = cli_report_new();
	if (!r)
		return 1;
	ret = cli_report_reload(r, fg_ops_reload(&t.ops, cli_policy_path(argv[optind]), r),
				stdout);
	cli_report_free(r);
	return ret;
}

static int unload_run(int argc, char **argv)
{
	struct fg_ops_opts o;
	struct fg_report r;
	int ret;

	if (cli_parse(&cmd_unload, argc, argv, NULL, NULL, NULL, NULL))
		return EXIT_USAGE;
	cli_ops_defaults(&o);
	ret = cli_guard_pinned(o.pin_dir);
	if (ret < 0)
		return cli_fail_pins(o.pin_dir, ret);
	if (!ret)
		return cli_fail(1, "unload: no guard is loaded at %s", o.pin_dir);
	fg_report_init(&r);
	if (fg_ops_unload(&o, &r))
		return cli_fail(1, "%s", r.err.msg);
	printf("fwctl-guard: unloaded\n");
	return 0;
}

const struct command cmd_load = {
	.name = "load",
	.usage = "[--ring-size SIZE] [--effects-dir DIR] [--effects FILE]... POLICY",
	.summary = "compile POLICY, load and attach the guard, pin it",
	.description = "Compile POLICY ('-': standard input), read the fwctl nodes and the\n"
		       "effects of their commands, load and attach the guard and pin it under\n"
		       "/sys/fs/bpf/fwctl-guard, where it stays enforcing until 'unload' (or a\n"
		       "reboot). Refused while a guard is loaded: use reload.",
	.opts = (const struct cli_opt_help[]){
		{ "--ring-size SIZE", "the events' ring buffer: a power of two, 64K to 1G (K, M,\n"
				      "G: KiB, MiB, GiB); default 4M, about 8,000 events" },
		{ NULL } },
	.examples = "fwctl-guard load /etc/fwctl-guard/deny-debug-write.policy\n"
		    "fwctl-guard load --effects site.effects my.policy\n"
		    "fwctl-guard load --ring-size 16M my.policy",
	.tables = true,
	.run = load_run,
};

const struct command cmd_reload = {
	.name = "reload",
	.usage = "[--effects-dir DIR] [--effects FILE]... POLICY",
	.summary = "switch the running guard to POLICY atomically",
	.description = "Switch the running guard to POLICY ('-': standard input): the next\n"
		       "generation is built completely and installed with one map update, so\n"
		       "every RPC is judged by the old policy or the new one. Anything that\n"
		       "fails before the switch leaves the running policy enforcing.",
	.examples = "fwctl-guard reload /etc/fwctl-guard/deny-destructive.policy",
	.exit_status = "0 switched, 2 invalid policy or usage error (the running policy\n"
		       "stays), 1 another failure, no guard loaded included",
	.tables = true,
	.run = reload_run,
};

const struct command cmd_unload = {
	.name = "unload",
	.no_operands = true,
	.usage = "",
	.summary = "detach the guard and remove its pins",
	.description = "Detach the guard and remove its pins: this, and only this, ends\n"
		       "enforcement. Refused while the guard is sealed.",
	.examples = "fwctl-guard unload",
	.exit_status = "0 unloaded, 1 failure (no guard loaded, sealed), 2 usage error",
	.run = unload_run,
};
