// SPDX-License-Identifier: GPL-2.0-only
/* fwctl-guard check: compile and lint a policy without touching the kernel. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "policy/ir.h"
#include "util/names.h"

int cmd_check(int argc, char **argv)
{
	static const char usage[] = "check [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	struct fg_program *prog = NULL;
	struct cli_tables t;
	struct fg_report *r;
	char hex[65];
	int ret;

	if (cli_parse_policy(argc, argv, &t, usage))
		return EXIT_USAGE;
	r = cli_report_new();
	if (!r)
		return 1;
	if (fg_ops_tables(&t.ops, &db, r) || fg_ops_compile(argv[optind], &db, true, &prog, r)) {
		ret = cli_print_failure(r);
		goto out;
	}
	cli_print_warnings(&r->warnings);
	cli_hash_hex(prog->hash, hex);
	printf("%s: ok, policy '%s', %zu rule%s, mode %s, default %s, unknown devices %s, "
	       "tamper %s, seal %s, %zu warning%s, sha256 %s\n", argv[optind], prog->name,
	       prog->nrules, prog->nrules == 1 ? "" : "s", fg_mode_name(prog->mode),
	       fg_action_name(prog->default_action), fg_action_name(prog->unknown_device_action),
	       fg_tamper_name(prog->tamper), fg_seal_name(prog->seal),
	       r->warnings.nwarn + r->warnings.dropped,
	       r->warnings.nwarn + r->warnings.dropped == 1 ? "" : "s", hex);
	ret = 0;
out:
	fg_program_free(prog);
	fg_effects_free(&db);
	cli_report_free(r);
	return ret;
}
