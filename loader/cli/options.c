// SPDX-License-Identifier: GPL-2.0-only
/* Option parsing shared by the commands (cli.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cli_parse(int argc, char **argv, struct cli_tables *tables, const struct option *extra,
	      int (*on_extra)(int c, const char *arg, void *ctx), void *ctx, const char *usage)
{
	struct option opts[16] = {
		{ "effects-dir", required_argument, NULL, 'D' },
		{ "effects", required_argument, NULL, 'E' },
	};
	char shorts[32] = "D:E:";
	int n = 2, c;

	if (!tables) {
		memset(opts, 0, sizeof(opts));
		shorts[0] = '\0';
		n = 0;
	} else {
		fg_ops_defaults(&tables->ops);
		tables->ops.inv.site_tables = tables->site;
	}
	for (; extra && extra->name && n < 15; extra++, n++) {
		opts[n] = *extra;
		snprintf(shorts + strlen(shorts), sizeof(shorts) - strlen(shorts), "%c%s",
			 extra->val, extra->has_arg ? ":" : "");
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		if (c == 'D' && tables) {
			tables->ops.inv.effects_dir = optarg;
		} else if (c == 'E' && tables) {
			if (tables->ops.inv.nsite == MAX_SITE_TABLES)
				return cli_fail(EXIT_USAGE, "at most %d --effects files", MAX_SITE_TABLES);
			tables->site[tables->ops.inv.nsite++] = optarg;
		} else if (c == '?' || !on_extra || on_extra(c, optarg, ctx)) {
			return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
		}
	}
	return 0;
}

int cli_parse_policy(int argc, char **argv, struct cli_tables *tables, const char *usage)
{
	if (cli_parse(argc, argv, tables, NULL, NULL, NULL, usage))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	return 0;
}
