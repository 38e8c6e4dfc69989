// SPDX-License-Identifier: GPL-2.0-only
/* fwctl-guard check: compile and lint policies without touching the kernel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "policy/ir.h"
#include "util/names.h"

struct check_opts {
	bool json, strict;
};

static int check_opt(int c, const char *arg, void *ctx)
{
	struct check_opts *o = ctx;

	(void)arg;
	if (c == 'j')
		o->json = true;
	else if (c == 's')
		o->strict = true;
	else
		return -1;
	return 0;
}

static struct json_object *diag_json(const struct fg_diag *d)
{
	struct json_object *o = json_object_new_object(), *chain = json_object_new_array();
	const char *p, *nl;

	json_object_object_add(o, "file", json_object_new_string(d->file));
	json_object_object_add(o, "line", d->line ? json_object_new_int(d->line) : NULL);
	json_object_object_add(o, "column", d->line ? json_object_new_int(d->col) : NULL);
	json_object_object_add(o, "length", d->line ? json_object_new_int(d->len) : NULL);
	json_object_object_add(o, "message", json_object_new_string(d->msg));
	json_object_object_add(o, "source", d->line ? json_object_new_string(d->source) : NULL);
	for (p = d->chain; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		json_object_array_add(chain, json_object_new_string_len(p, (int)(nl - p)));
	}
	json_object_object_add(o, "included_from", chain);
	return o;
}

static struct json_object *result_json(const char *file, const struct fg_program *prog,
				       const struct fg_report *r, const struct fg_diag *error)
{
	struct json_object *o = json_object_new_object(), *w = json_object_new_array();
	char hex[65];
	size_t i;

	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "ok", json_object_new_boolean(!error));
	json_object_object_add(o, "error", error ? diag_json(error) : NULL);
	for (i = 0; i < r->warnings.nwarn; i++)
		json_object_array_add(w, diag_json(&r->warnings.warn[i]));
	json_object_object_add(o, "warnings", w);
	json_object_object_add(o, "warnings_not_shown", json_object_new_int64(r->warnings.dropped));
	if (!prog)
		return o;
	cli_hash_hex(prog->hash, hex);
	json_object_object_add(o, "policy", json_object_new_string(prog->name));
	json_object_object_add(o, "rules", json_object_new_int64(prog->nrules));
	json_object_object_add(o, "mode", json_object_new_string(fg_mode_name(prog->mode)));
	json_object_object_add(o, "default", json_object_new_string(
		fg_action_name(prog->default_action)));
	json_object_object_add(o, "unknown_device", json_object_new_string(
		fg_action_name(prog->unknown_device_action)));
	json_object_object_add(o, "tamper", json_object_new_string(fg_tamper_name(prog->tamper)));
	json_object_object_add(o, "seal", json_object_new_string(fg_seal_name(prog->seal)));
	json_object_object_add(o, "sha256", json_object_new_string(hex));
	return o;
}

static void ok_line(const char *file, const struct fg_program *prog, const struct fg_report *r)
{
	size_t nwarn = r->warnings.nwarn + r->warnings.dropped;
	char hex[65], name[256];

	cli_hash_hex(prog->hash, hex);
	fg_escape(file, strlen(file), name, sizeof(name));
	printf("%s: ok, policy '%s', %zu rule%s, mode %s, default %s, unknown devices %s, "
	       "tamper %s, seal %s, %zu warning%s, sha256 %s\n", name, prog->name,
	       prog->nrules, prog->nrules == 1 ? "" : "s", fg_mode_name(prog->mode),
	       fg_action_name(prog->default_action), fg_action_name(prog->unknown_device_action),
	       fg_tamper_name(prog->tamper), fg_seal_name(prog->seal), nwarn,
	       nwarn == 1 ? "" : "s", hex);
}

/* One policy: 0 valid, EXIT_USAGE invalid (or warned about under
 * --strict), 1 another failure. Into out when --json. */
static int check_one(const struct check_opts *o, const char *arg, const struct fg_effects_db *db,
		     bool tables_missing, struct json_object *out)
{
	const char *file = cli_policy_path(arg);
	struct fg_program *prog = NULL;
	struct fg_diag strict = {};
	struct fg_report *r = cli_report_new();
	int ret = 0;

	if (!r)
		return 1;
	if (fg_ops_compile(file, db, true, &prog, r)) {
		ret = r->bad_input ? EXIT_USAGE : 1;
		if (o->json) {
			json_object_array_add(out, result_json(file, NULL, r, &r->diag));
		} else {
			cli_print_warnings(&r->warnings);
			cli_print_failure(r);
			if (tables_missing)
				fprintf(stderr, "fwctl-guard: note: no effects tables were found: mlx5, "
					"bnxt and pds commands have no names (--effects-dir)\n");
		}
		goto out;
	}
	if (o->strict && r->warnings.nwarn + r->warnings.dropped) {
		fg_diag_file(&strict, file, "%zu warning%s, and --strict",
			     r->warnings.nwarn + r->warnings.dropped,
			     r->warnings.nwarn + r->warnings.dropped == 1 ? "" : "s");
		ret = EXIT_USAGE;
	}
	if (o->json) {
		json_object_array_add(out, result_json(file, prog, r, ret ? &strict : NULL));
	} else {
		cli_print_warnings(&r->warnings);
		if (ret)
			cli_print_diag(&strict);
		else
			ok_line(file, prog, r);
	}
out:
	fg_program_free(prog);
	cli_report_free(r);
	return ret;
}

static int check_run(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{}
	};
	struct json_object *out = NULL;
	struct check_opts o = {};
	struct fg_effects_db db = {};
	struct cli_tables t;
	bool missing;
	int i, stdin_used = 0, ret = 0, one;

	if (cli_parse(&cmd_check, argc, argv, &t, extra, check_opt, &o))
		return EXIT_USAGE;
	if (optind == argc)
		return cli_usage(&cmd_check, "no policy to check");
	for (i = optind; i < argc; i++)
		stdin_used += !strcmp(argv[i], "-");
	if (stdin_used > 1)
		return cli_usage(&cmd_check, "'-' (standard input) given %d times", stdin_used);
	ret = cli_tables_optional(&t, &db, &missing);
	if (ret)
		return ret;
	if (o.json)
		out = json_object_new_array();
	/* The worst of them: an invalid policy (2) over another failure (1). */
	for (i = optind; i < argc; i++) {
		one = check_one(&o, argv[i], &db, missing, out);
		if (one == EXIT_USAGE || (one && !ret))
			ret = one;
	}
	if (out)
		cli_print_json(out);
	fg_effects_free(&db);
	return ret;
}

static const struct cli_opt_help check_opts[] = {
	{ "-j, --json", "a JSON array: for each file its result, error and warnings" },
	{ "-s, --strict", "a warning makes the policy fail the check (exit status 2)" },
	{ NULL },
};

const struct command cmd_check = {
	.name = "check",
	.usage = "[--json] [--strict] [--effects-dir DIR] [--effects FILE]... POLICY...",
	.summary = "validate and lint policies without touching the kernel",
	.description = "Parse, check and lint each POLICY ('-': standard input) as load would,\n"
		       "without touching the kernel: errors and warnings with their location,\n"
		       "then for each valid policy one line with its name, rule count, mode,\n"
		       "defaults, warning count and SHA-256. A policy that names no mlx5 or bnxt\n"
		       "command by name needs no effects tables.",
	.opts = check_opts,
	.examples = "fwctl-guard check /etc/fwctl-guard/deny-debug-write.policy\n"
		    "fwctl-guard check --strict --json /etc/fwctl-guard/*.policy\n"
		    "printf 'default allow\\ndeny scope >= debug-write\\n' | fwctl-guard check -",
	.exit_status = "0 every policy is valid, 2 one is not (or has warnings, with\n"
		       "--strict) or a usage error, 1 another failure",
	.tables = true,
	.run = check_run,
};
