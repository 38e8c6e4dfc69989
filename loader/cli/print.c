// SPDX-License-Identifier: GPL-2.0-only
/* Printing what the libraries report (cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("fwctl-guard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void cli_print_diag(const struct fg_diag *d)
{
	fg_diag_print(stderr, d, "error");
}

void cli_print_warnings(const struct fg_diags *w)
{
	size_t dropped = fg_diags_print(stderr, w);

	if (dropped)
		fprintf(stderr, "fwctl-guard: %zu more warnings not shown\n", dropped);
}

int cli_print_failure(const struct fg_report *r)
{
	if (r->tables_missing) {
		fprintf(stderr, "fwctl-guard: %s: %s (install them, or point --effects-dir at "
			"policies/effects)\n", r->diag.file, r->diag.msg);
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
	struct fg_inventory_opts inv;
	struct fg_diag d;

	fg_inventory_defaults(&inv);
	if (fg_inventory_tables(&inv, db, &d))
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
	else if (l->btf)
		printf("; fwctl's BTF (%s) agrees\n", l->btf_from);
	else
		printf("; fwctl's BTF is not loaded, nothing to check against\n");
}
