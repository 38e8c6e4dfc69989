// SPDX-License-Identifier: GPL-2.0-only
/* The policy front end's entry points: read a file, lex, parse and check it
 * (check.c) into a program. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/check.h"
#include "policy/ir.h"
#include "util/text_file.h"

/* "/etc/fwctl-guard/deny-writes.policy" -> "deny-writes". */
static void default_name(const char *file, char *name, size_t len)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 7 && !strcmp(base + n - 7, ".policy"))
		n -= 7;
	if (n >= len)
		n = len - 1;
	memcpy(name, base, n);
	name[n] = '\0';
}

int fg_policy_compile_buf(const char *file, const char *buf, size_t len,
			  const struct fg_compile_opts *opts, struct fg_program **out,
			  struct fg_diag *err, struct fg_diags *warnings)
{
	struct fg_program *prog;
	int ret;

	memset(err, 0, sizeof(*err));
	snprintf(err->file, sizeof(err->file), "%s", file);
	if (len > FG_IR_MAX_SOURCE) {
		snprintf(err->msg, sizeof(err->msg), "larger than the %d KiB a policy may have",
			 FG_IR_MAX_SOURCE / 1024);
		return -EFBIG;
	}
	prog = calloc(1, sizeof(*prog));
	if (!prog)
		goto nomem;
	/* Safe defaults: a node the loader has not typed is refused. Tamper
	 * is reported, not killed, and the guard is not sealed: both of those
	 * take something away (a process, the way to unload) that the policy
	 * has to ask for. */
	prog->mode = FG_MODE_ENFORCE;
	prog->unknown_device_action = FG_ACTION_DENY;
	prog->tamper = FG_TAMPER_REPORT;
	prog->seal = FG_SEAL_NONE;
	prog->files = malloc(sizeof(*prog->files));
	if (!prog->files)
		goto nomem;
	prog->files[0] = strdup(file);
	if (!prog->files[0])
		goto nomem;
	prog->nfiles = 1;
	ret = fg_check_program(prog, buf ? buf : "", buf ? len : 0, opts, err, warnings);
	if (ret) {
		fg_program_free(prog);
		return ret;
	}
	if (!prog->name[0])
		default_name(file, prog->name, sizeof(prog->name));
	*out = prog;
	return 0;
nomem:
	fg_program_free(prog);
	snprintf(err->msg, sizeof(err->msg), "out of memory");
	return -ENOMEM;
}

int fg_policy_compile_file(const char *path, const struct fg_compile_opts *opts,
			   struct fg_program **out, struct fg_diag *err, struct fg_diags *warnings)
{
	char *buf = NULL;
	size_t len = 0;
	int ret;

	ret = fg_read_text(path, FG_IR_MAX_SOURCE, "policy", &buf, &len, err);
	if (ret)
		return ret;
	ret = fg_policy_compile_buf(path, buf, len, opts, out, err, warnings);
	free(buf);
	return ret;
}
