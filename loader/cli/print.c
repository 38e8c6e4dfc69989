// SPDX-License-Identifier: GPL-2.0-only
/* Printing what the libraries report, help and usage errors (cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "host/inventory.h"
#include "util/journal.h"

/* A message that may quote the input (an operand, a file name, a line):
 * escaped and capped as diagnostics are. */
static void say(const char *prefix, const char *fmt, va_list ap)
{
	char msg[1024], safe[2048];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fg_escape_capped(msg, safe, sizeof(safe));
	fprintf(stderr, "%s%s\n", prefix, safe);
}

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("fwctl-guard: ", fmt, ap);
	va_end(ap);
	return code;
}

/* The first form of c's usage, or every form, one per line after "usage:"
 * or "   or:". */
static void usage_lines(FILE *f, const struct command *c)
{
	const char *p = c->usage, *nl;

	do {
		nl = strchrnul(p, '\n');
		fprintf(f, "%s fwctl-guard %s%s%.*s\n", p == c->usage ? "usage:" : "   or:",
			c->name, nl > p ? " " : "", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	} while (*p);
}

int cli_usage(const struct command *c, const char *fmt, ...)
{
	char prefix[64];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "fwctl-guard %s: ", c->name);
	va_start(ap, fmt);
	say(prefix, fmt, ap);
	va_end(ap);
	usage_lines(stderr, c);
	fprintf(stderr, "Try 'fwctl-guard %s --help' for more.\n", c->name);
	return EXIT_USAGE;
}

void cli_help(FILE *f, const struct command *c)
{
	static const struct cli_opt_help tables[] = {
		{ "--effects-dir DIR", "the shipped effects tables (default " FG_EFFECTS_DIR ",\n"
		  "else policies/effects beside the binary); without it, the\n"
		  "site's " FG_SITE_EFFECTS_DIR "/*.effects after them" },
		{ "--effects FILE", "a site effects table, applied last (repeatable)" },
		{ NULL },
	};
	const struct cli_opt_help *o;
	const char *p, *nl;
	int pass;

	usage_lines(f, c);
	fprintf(f, "\n%s\n", c->description);
	fprintf(f, "\noptions:\n");
	for (pass = 0; pass < 2; pass++)
		for (o = pass ? tables : c->opts; o && o->opt && (c->tables || !pass); o++)
			for (p = o->help; *p; p = *nl ? nl + 1 : nl) {
				nl = strchrnul(p, '\n');
				fprintf(f, "  %-22s %.*s\n", p == o->help ? o->opt : "",
					(int)(nl - p), p);
			}
	fprintf(f, "  %-22s %s\n", "-h, --help", "this help");
	if (c->examples) {
		fprintf(f, "\nexamples:\n");
		for (p = c->examples; *p; p = *nl ? nl + 1 : nl) {
			nl = strchrnul(p, '\n');
			fprintf(f, "  %.*s\n", (int)(nl - p), p);
		}
	}
	fprintf(f, "\nexit status: %s\n", c->exit_status ? c->exit_status
			: "0 success, 1 failure, 2 usage error or invalid policy");
}

int cli_guard_pinned(const char *pin_dir)
{
	struct stat st;

	if (!stat(pin_dir, &st))
		return 1;
	return errno == ENOENT ? 0 : -errno;
}

int cli_fail_pins(const char *pin_dir, int err)
{
	if (err == -EACCES || err == -EPERM)
		return cli_fail(1, "cannot read the guard's pins at %s (%s): only root can tell "
				"whether a guard is loaded", pin_dir, strerror(-err));
	return cli_fail(1, "cannot read the guard's pins at %s (%s)", pin_dir, strerror(-err));
}

void cli_print_json(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* The source line and the caret under a diagnostic take its priority. */
void cli_print_diag(const struct fg_diag *d)
{
	int old = fg_prio(LOG_ERR);

	fg_diag_print(stderr, d, "error");
	fg_prio(old);
}

void cli_print_warnings(const struct fg_diags *w)
{
	int old = fg_prio(LOG_WARNING);
	size_t dropped = fg_diags_print(stderr, w);

	if (dropped)
		fprintf(stderr, "fwctl-guard: %zu more warnings not shown\n", dropped);
	fg_prio(old);
}

int cli_print_failure(const struct fg_report *r)
{
	if (r->tables_missing) {
		cli_fail(EXIT_USAGE, "%s: %s%s", r->diag.file, r->diag.msg,
			 strcmp(r->diag.file, FG_EFFECTS_DIR) ? "" : " ('make install' puts them "
			 "there; --effects-dir names another folder)");
		return EXIT_USAGE;
	}
	if (r->bad_input) {
		cli_print_diag(&r->diag);
		return EXIT_USAGE;
	}
	cli_fail(1, "%s", r->err.msg);
	return 1;
}

void cli_print_device_warnings(const struct fg_devlist *devs)
{
	unsigned int i;

	for (i = 0; i < devs->n; i++) {
		const struct fg_devinfo *di = &devs->devs[i];

		if (di->info_err)
			fprintf(stderr, "fwctl-guard: warning: %s: FWCTL_INFO failed (%s); it is "
				"judged as an unknown device\n", di->dev.name, strerror(-di->info_err));
		if (di->effects_err)
			fprintf(stderr, "fwctl-guard: warning: %s: cannot read its CXL features "
				"(%s); its Set Feature commands have effect 'unknown'\n",
				di->dev.name, strerror(-di->effects_err));
	}
}

/*
 * No kernel up to 7.3 has a hook after its copy of an RPC that could
 * refuse it; say which one this kernel has, should one appear, since this
 * version does not use it (docs/security.md).
 */
void cli_print_post_copy(const struct fg_report *r)
{
	if (r->post_copy_error[0])
		fprintf(stderr, "fwctl-guard: warning: %s\n", r->post_copy_error);
	else if (r->post_copy_hook)
		fprintf(stderr, "fwctl-guard: warning: this kernel has %s, a hook after its own "
			"copy of the RPC; this version does not use it yet: changes after the "
			"guard's read are detected, not refused (docs/security.md)\n",
			r->post_copy_hook);
}

const char *cli_seal_text(__u32 mode)
{
	switch (mode) {
	case FG_SEAL_NONE:
		return "not sealed (changes to the guard are allowed and reported)";
	case FG_SEAL_ON:
		return "SEALED until reboot (no change, not even a reload)";
	case FG_SEAL_RELOAD:
		return "SEALED until reboot (only this loader's reload)";
	default:
		return "?";
	}
}

void cli_hash_hex(const __u8 *hash, char *out)
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", hash[i]);
}

void cli_read_tables_quietly(struct fg_effects_db *db)
{
	struct cli_tables t = {};
	struct fg_diag d;

	cli_ops_defaults(&t.ops);
	if (cli_tables_dir(&t) && fg_inventory_tables(&t.ops.inv, db, &d))
		fg_effects_free(db);
}

struct fg_report *cli_report_new(void)
{
	struct fg_report *r = malloc(sizeof(*r));

	if (!r) {
		cli_fail(1, "out of memory");
		return NULL;
	}
	fg_report_init(r);
	return r;
}

void cli_report_free(struct fg_report *r)
{
	if (!r)
		return;
	fg_report_free(r);
	free(r);
}

void cli_print_layout(const struct fg_fwctl_layout *l, __u32 in_use)
{
	__u32 used = in_use ? in_use : l->computed;

	printf("fwctl files: known by their device class; device type read at ops offset %u (%s)",
	       used, in_use ? "from fwctl's BTF at load" : "computed from the kernel's type sizes");
	if (l->btf && l->btf != used)
		printf("; MISMATCH: fwctl's BTF (%s) says %u: types read wrong are unknown "
		       "devices until a reload\n", l->btf_from, l->btf);
	else if (l->btf && l->btf != l->computed)
		printf("; fwctl's BTF (%s) agrees; the type sizes alone would give %u\n",
		       l->btf_from, l->computed);
	else if (l->btf)
		printf("; fwctl's BTF (%s) agrees\n", l->btf_from);
	else
		printf("; fwctl's BTF is not loaded, nothing to check against\n");
}
