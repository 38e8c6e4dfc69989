// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fail closed (ops.h): the last policy that loaded, kept under the state
 * folder on every load and reload, and the built-in lockdown for a host
 * where none ever did; and the restart that compares the loaded policy
 * with the configured one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kernel/guard.h"
#include "ops/ops.h"
#include "policy/ir.h"
#include "util/atomic_file.h"

/* Generated from policies/lockdown-integrity.policy by the Makefile. */
#include "ops/lockdown_policy.h"

#define LOCKDOWN_SOURCE	"(built-in) lockdown-integrity.policy"

static void hex(const __u8 *hash, char *out)
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", hash[i]);
}

int fg_ops_keep(const char *state_dir, const struct fg_program *prog, const char *source,
		struct fg_err *err)
{
	char path[4096], sha[65], *buf;
	size_t len;
	int n, ret;

	if (!prog->flat)
		return fg_err_set(err, -EINVAL, "keep: no sources");
	hex(prog->hash, sha);
	n = snprintf(path, sizeof(path), "%s/%s", state_dir, FG_LAST_GOOD);
	if (n >= (int)sizeof(path))
		return fg_err_set(err, -ENAMETOOLONG, "%s: path too long", state_dir);
	/* A header of comments, then the sources with includes inlined: the
	 * file compiles alone, whatever happens to the included files. */
	len = strlen(source) + prog->flat_len + 512;
	buf = malloc(len);
	if (!buf)
		return fg_err_set(err, -ENOMEM, "keep: out of memory");
	n = snprintf(buf, len, "# fwctl-guard: the last policy that loaded on this host, loaded "
		     "again\n# when the configured one does not compile (fwctl-guard(8)).\n"
		     "# from: %s\n# sha256 (with the effects tables): %s\n", source, sha);
	memcpy(buf + n, prog->flat, prog->flat_len);
	ret = fg_write_atomic(path, buf, n + prog->flat_len, 0600, err);
	free(buf);
	return ret;
}

/* Compile and load one candidate: a file, or text (path NULL). */
static int try_load(const struct fg_ops_opts *o, const char *path, const char *label,
		    const char *text, struct fg_effects_db *db, struct fg_report *r)
{
	struct fg_compile_opts copts = { .db = db };
	struct fg_program *prog = NULL;
	int ret;

	fg_devlist_free(&r->devs);
	memset(&r->diag, 0, sizeof(r->diag));
	r->bad_input = false;
	if (path)
		ret = fg_policy_compile_file(path, &copts, &prog, &r->diag, NULL);
	else
		ret = fg_policy_compile_buf(label, text, strlen(text), &copts, &prog, &r->diag,
					    NULL);
	if (ret) {
		r->bad_input = true;
		return ret;
	}
	ret = fg_ops_load_prog(o, prog, path ? path : label, db, r);
	fg_program_free(prog);
	return ret;
}

int fg_ops_load_fallback(const struct fg_ops_opts *o, struct fg_effects_db *db,
			 struct fg_report *r)
{
	struct fg_ops_opts fo = *o;
	struct fg_effects_db none = {};
	char path[4096];
	struct stat st;
	int ret;

	/* What it loads is not the site's choice: nothing to keep. */
	fo.state_dir = NULL;
	if (o->state_dir && snprintf(path, sizeof(path), "%s/%s", o->state_dir, FG_LAST_GOOD) <
	    (int)sizeof(path) && !stat(path, &st)) {
		r->fallback = "last-good";
		ret = try_load(&fo, path, NULL, NULL, db, r);
		/* Only a refused policy moves on: a kernel that cannot
		 * take the guard would not take the lockdown either. */
		if (!ret || !r->bad_input)
			return ret;
	}
	r->fallback = "lockdown";
	ret = try_load(&fo, NULL, LOCKDOWN_SOURCE, fg_lockdown_policy, db, r);
	if (ret && r->bad_input) {
		/* tables that make even it fail: read-only is then unknown,
		 * and the lockdown denies what it does not know */
		ret = try_load(&fo, NULL, LOCKDOWN_SOURCE, fg_lockdown_policy, &none, r);
		fg_effects_free(&none);
	}
	return ret;
}

int fg_ops_adopt(const struct fg_ops_opts *o, const char *policy_path, struct fg_report *r)
{
	struct fg_effects_db db = {};
	struct fg_program *prog = NULL;
	struct fg_state st = {};
	int ret;

	r->unchanged = true;
	ret = fg_ops_tables(o, &db, r);
	if (!ret)
		ret = fg_ops_compile(policy_path, &db, false, &prog, r);
	if (!ret)
		ret = fg_guard_state(o->pin_dir, &st, &r->err);
	if (ret)
		goto out;
	if (st.has_gen && !memcmp(st.hdr.hash, prog->hash, sizeof(prog->hash))) {
		r->same = true;
		r->gen = st.hdr.gen;
		goto out;
	}
	fg_program_free(prog);
	prog = NULL;
	fg_report_free(r);
	fg_report_init(r);
	ret = fg_ops_reload(o, policy_path, r);
out:
	fg_state_free(&st);
	fg_program_free(prog);
	fg_effects_free(&db);
	return ret;
}
