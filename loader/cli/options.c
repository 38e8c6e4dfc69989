// SPDX-License-Identifier: GPL-2.0-only
/* Option parsing and the effects tables' folder, shared by the commands
 * (cli.h). */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "host/inventory.h"
#include "kernel/guard.h"
#include "util/suggest.h"

#define MAX_OPTS	24

/* An option the command does not have, with the closest one it has. */
static int unknown_option(const struct command *c, const struct option *opts, const char *arg,
			  int short_opt)
{
	const char *names[MAX_OPTS], *hint;
	char name[64];
	size_t n;

	if (short_opt)
		return cli_usage(c, "unknown option '-%c'", short_opt);
	snprintf(name, sizeof(name), "%s", arg + strspn(arg, "-"));
	name[strcspn(name, "=")] = '\0';
	for (n = 0; n < MAX_OPTS && opts[n].name; n++)
		names[n] = opts[n].name;
	hint = fg_suggest(name, names, n);
	if (hint)
		return cli_usage(c, "unknown option '%s' (did you mean '--%s'?)", arg, hint);
	return cli_usage(c, "unknown option '%s'", arg);
}

int cli_ring_size(const struct command *c, const char *arg, __u32 *bytes)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (!errno && end != arg && arg[0] != '-') {
		switch (*end) {
		case 'K': case 'k': v <<= 10; end++; break;
		case 'M': case 'm': v <<= 20; end++; break;
		case 'G': case 'g': v <<= 30; end++; break;
		}
	}
	if (errno || end == arg || *end || arg[0] == '-' || v < FG_EVENTS_RING_MIN ||
	    v > FG_EVENTS_RING_MAX || (v & (v - 1)))
		return cli_usage(c, "--ring-size wants a power of two from 64K to 1G, not '%s'", arg);
	*bytes = (__u32)v;
	return 0;
}

int cli_parse(const struct command *c, int argc, char **argv, struct cli_tables *tables,
	      const struct option *extra, int (*on_extra)(int c, const char *arg, void *ctx),
	      void *ctx)
{
	struct option opts[MAX_OPTS + 1] = { { "help", no_argument, NULL, 'h' } };
	/* ':' first: a missing value is reported as ':', not printed by getopt */
	char shorts[2 * MAX_OPTS + 3] = ":h";
	size_t n = 1;
	int ch;

	if (tables) {
		cli_ops_defaults(&tables->ops);
		tables->ops.inv.site_tables = tables->site;
		tables->dir_given = false;
		opts[n++] = (struct option){ "effects-dir", required_argument, NULL, 'D' };
		opts[n++] = (struct option){ "effects", required_argument, NULL, 'E' };
	}
	for (; extra && extra->name && n < MAX_OPTS; extra++) {
		opts[n++] = *extra;
		snprintf(shorts + strlen(shorts), sizeof(shorts) - strlen(shorts), "%c%s",
			 extra->val, extra->has_arg ? ":" : "");
	}
	/*
	 * optind 0, not 1: glibc then starts over and reads the optstring's
	 * ordering again. With 1 it keeps main's "+" (stop at the first
	 * operand), and an option after the policy would be an operand.
	 */
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		if (ch == 'h') {
			cli_help(stdout, c);
			exit(0);
		} else if (ch == '?') {
			return unknown_option(c, opts, argv[optind - 1], optopt);
		} else if (ch == ':') {
			return cli_usage(c, "option '%s' needs a value", argv[optind - 1]);
		} else if (ch == 'D' && tables) {
			tables->ops.inv.effects_dir = optarg;
			/* a folder named: its tables and --effects, nothing else */
			tables->ops.inv.site_dir = NULL;
			tables->dir_given = true;
		} else if (ch == 'E' && tables) {
			if (tables->ops.inv.nsite == MAX_SITE_TABLES)
				return cli_usage(c, "at most %d --effects files", MAX_SITE_TABLES);
			tables->site[tables->ops.inv.nsite++] = optarg;
		} else if (!on_extra || on_extra(ch, optarg, ctx)) {
			return EXIT_USAGE;
		}
	}
	if (c->no_operands && optind != argc)
		return cli_usage(c, "no operands ('%s' is one)", argv[optind]);
	if (tables)
		cli_tables_dir(tables);
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

bool cli_tables_dir(struct cli_tables *t)
{
	char exe[PATH_MAX];
	ssize_t n;

	if (t->dir_given || is_dir(t->ops.inv.effects_dir))
		return is_dir(t->ops.inv.effects_dir);
	/* build/fwctl-guard -> policies/effects of the same tree */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	snprintf(t->dir, sizeof(t->dir), "%s/../policies/effects", dirname(exe));
	if (!is_dir(t->dir))
		return false;
	t->ops.inv.effects_dir = t->dir;
	return true;
}

int cli_tables_optional(struct cli_tables *t, struct fg_effects_db *db, bool *missing)
{
	struct fg_report *r;
	struct fg_diag d;
	unsigned int i;
	int ret = 0;

	*missing = !t->dir_given && !is_dir(t->ops.inv.effects_dir);
	/* No shipped folder: the site's folder and tables alone, if any. */
	if (*missing && t->ops.inv.site_dir && is_dir(t->ops.inv.site_dir) &&
	    fg_effects_load_dir(t->ops.inv.site_dir, db, &d)) {
		cli_print_diag(&d);
		return EXIT_USAGE;
	}
	for (i = 0; *missing && i < t->ops.inv.nsite; i++) {
		if (fg_effects_parse_file(t->site[i], db, &d)) {
			cli_print_diag(&d);
			return EXIT_USAGE;
		}
	}
	if (*missing)
		return 0;
	r = cli_report_new();
	if (!r)
		return 1;
	if (fg_ops_tables(&t->ops, db, r))
		ret = cli_print_failure(r);
	cli_report_free(r);
	return ret;
}

const char *cli_pin_dir(void)
{
	const char *dir = getenv("FWCTL_GUARD_PIN_DIR");

	return dir && dir[0] ? dir : FG_PIN_DIR;
}

/* The last policy that loaded is kept in FG_STATE_DIR (the service's
 * StateDirectory, $FWCTL_GUARD_STATE_DIR in tests) when that folder
 * exists: a load by hand on a host without the service keeps nothing. */
static const char *state_dir(void)
{
	const char *dir = getenv("FWCTL_GUARD_STATE_DIR");
	struct stat st;

	if (!dir || !dir[0])
		dir = FG_STATE_DIR;
	return !stat(dir, &st) && S_ISDIR(st.st_mode) ? dir : NULL;
}

void cli_ops_defaults(struct fg_ops_opts *o)
{
	fg_ops_defaults(o);
	o->pin_dir = cli_pin_dir();
	o->state_dir = state_dir();
}

const char *cli_policy_path(const char *arg)
{
	return strcmp(arg, "-") ? arg : "/dev/stdin";
}
