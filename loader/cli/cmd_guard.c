// SPDX-License-Identifier: GPL-2.0-only
/* fwctl-guard load, reload, unload: the guard in the kernel, and its policy. */
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
	cli_print_post_copy(r);
	if (r->seal != FG_SEAL_NONE)
		printf("fwctl-guard: %s\n", cli_seal_text(r->seal));
	return 0;
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

int cmd_load(int argc, char **argv)
{
	static const char usage[] = "load [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	struct cli_tables t;
	struct fg_report r;
	int ret;

	if (cli_parse_policy(argc, argv, &t, usage))
		return EXIT_USAGE;
	fg_report_init(&r);
	if (fg_ops_tables(&t.ops, &db, &r))
		ret = cli_print_failure(&r);
	else
		ret = cli_load(&t.ops, argv[optind], &db);
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
	return 0;
}

/*
 * Replace the running policy without a gap: compile, build the next
 * generation, switch with one map update. Anything that fails before the
 * switch leaves the running policy enforcing, untouched.
 */
int cmd_reload(int argc, char **argv)
{
	static const char usage[] = "reload [--effects-dir DIR] [--effects FILE]... POLICY";
	struct cli_tables t;
	struct fg_report *r;
	int ret;

	if (cli_parse(argc, argv, &t, NULL, NULL, NULL, usage)) {
		fprintf(stderr, "fwctl-guard: reload: the running policy is unchanged\n");
		return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	r = cli_report_new();
	if (!r)
		return 1;
	ret = cli_report_reload(r, fg_ops_reload(&t.ops, argv[optind], r), stdout);
	cli_report_free(r);
	return ret;
}

int cmd_unload(int argc, char **argv)
{
	struct fg_ops_opts o;
	struct fg_report r;

	(void)argv;
	if (argc != 1)
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard unload");
	fg_ops_defaults(&o);
	fg_report_init(&r);
	if (fg_ops_unload(&o, &r))
		return cli_fail(1, "%s", r.err.msg);
	printf("fwctl-guard: unloaded\n");
	return 0;
}
