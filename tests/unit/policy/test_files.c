// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy front end over files: includes (relative paths, cycles, depth,
 * chains in messages), the source hash, file errors, and exe and cgroup
 * paths resolved on the host.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "policy/ir.h"

#include "util/array.h"
#define D "default allow\n"

static const struct fg_compile_opts no_resolve = { .no_resolve = true };

static int compile(const char *text, struct fg_program **prog, struct fg_diag *d)
{
	return fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, prog, d, NULL);
}

static char tmp[64];

static void mktmp(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/fg-policy-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
}

static void rmtmp(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	cr_expect_eq(system(cmd), 0);
}

/* Write tmp/name. */
static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

static int compile_tmp(const char *name, struct fg_program **prog, struct fg_diag *d,
		       struct fg_diags *w, const struct fg_compile_opts *opts)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	return fg_policy_compile_file(path, opts ? opts : &no_resolve, prog, d, w);
}

static void expect_file(const char *got, const char *name)
{
	char want[256];

	snprintf(want, sizeof(want), "%s/%s", tmp, name);
	cr_expect_str_eq(got, want);
}

Test(policy_parse, includes, .init = mktmp, .fini = rmtmp)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;
	char sub[256];

	snprintf(sub, sizeof(sub), "%s/sub", tmp);
	cr_assert_eq(mkdir(sub, 0755), 0);
	put("main.policy", "default deny\nallow scope configuration\ninclude \"sub/rules.policy\"\n"
	    "deny node x scope @w\naudit\n");
	put("sub/rules.policy", "deny type cxl\ninclude ../common.policy\naudit type pds\n");
	put("common.policy", "set w = { debug-write }\ndefault unknown-device allow\n"
	    "deny scope @w type mlx5\n");
	cr_assert_eq(compile_tmp("main.policy", &prog, &d, NULL, NULL), 0, "%s:%d:%d: %s", d.file,
		     d.line, d.col, d.msg);
	cr_assert_eq(prog->nfiles, 3);
	expect_file(prog->files[0], "main.policy");
	expect_file(prog->files[1], "sub/rules.policy");
	expect_file(prog->files[2], "sub/../common.policy");
	cr_expect_str_eq(prog->name, "main");
	cr_expect_eq(prog->unknown_device_action, FG_ACTION_ALLOW);
	/* An include's rules stand where the include statement is. */
	cr_assert_eq(prog->nrules, 6);
	cr_expect_str_eq(prog->rules[0].text, "allow scope configuration");
	cr_expect_str_eq(prog->rules[1].text, "deny type cxl");
	cr_expect_eq(prog->rules[1].loc.file, prog->files[1]);
	cr_expect_str_eq(prog->rules[2].text, "deny scope @w type mlx5");
	cr_expect_eq(prog->rules[2].loc.file, prog->files[2]);
	cr_expect_eq(prog->rules[2].loc.line, 3);
	cr_expect_str_eq(prog->rules[3].text, "audit type pds");
	cr_expect_str_eq(prog->rules[4].text, "deny node x scope @w");
	cr_expect_eq(prog->rules[4].scopes, 1u << FG_SCOPE_DEBUG_WRITE);
	cr_expect_eq(prog->rules[4].loc.file, prog->files[0]);
	cr_expect_str_eq(prog->rules[5].text, "audit");
	fg_program_free(prog);
}

/* tamper and seal may stand in an include, once across all the files. */
Test(policy_parse, tamper_and_seal_in_includes, .init = mktmp, .fini = rmtmp)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	put("main.policy", "default allow\ninclude site.policy\ndeny scope 3\n");
	put("site.policy", "# the site's hardening\ntamper kill\nseal reload\n");
	cr_assert_eq(compile_tmp("main.policy", &prog, &d, NULL, NULL), 0, "%s:%d:%d: %s", d.file,
		     d.line, d.col, d.msg);
	cr_expect_eq(prog->tamper, FG_TAMPER_KILL);
	cr_expect_eq(prog->seal, FG_SEAL_RELOAD);
	cr_expect_eq(prog->nrules, 1);
	fg_program_free(prog);
}

struct include_reject {
	const char *file;	/* where the error is */
	int line, col;
	const char *msg;
};

static void expect_include_error(const char *main, const struct include_reject *r)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile_tmp(main, &prog, &d, NULL, NULL), -EINVAL, "%s accepted", main);
	expect_file(d.file, r->file);
	cr_expect_eq(d.line, r->line, "%s: line %d (%s)", main, d.line, d.msg);
	cr_expect_eq(d.col, r->col, "%s: col %d (%s)", main, d.col, d.msg);
	cr_expect(strstr(d.msg, r->msg), "%s: '%s' lacks '%s'", main, d.msg, r->msg);
}

Test(policy_parse, include_errors, .init = mktmp, .fini = rmtmp)
{
	char msg[512];
	int i;

	put("missing.policy", "default allow\n  include nothere.policy\n");
	expect_include_error("missing.policy", &(struct include_reject){
		"missing.policy", 2, 11, "No such file or directory" });

	put("a.policy", "default allow\ninclude b.policy\n");
	put("b.policy", "deny\n\ninclude \"a.policy\"\n");
	snprintf(msg, sizeof(msg), "include cycle: %s/a.policy -> %s/b.policy -> %s/a.policy", tmp,
		 tmp, tmp);
	expect_include_error("a.policy", &(struct include_reject){ "b.policy", 3, 9, msg });

	put("self.policy", "default allow\ninclude self.policy\n");
	expect_include_error("self.policy", &(struct include_reject){
		"self.policy", 2, 9, "include cycle" });

	/* f0 includes f1 ... f9: f0 to f8 are 9 files, 8 levels of include. */
	for (i = 0; i < 10; i++) {
		char name[16], text[64];

		snprintf(name, sizeof(name), "f%d.policy", i);
		snprintf(text, sizeof(text), "%sinclude f%d.policy\n", i ? "" : "default allow\n",
			 i + 1);
		put(name, i == 9 ? "deny\n" : text);
	}
	expect_include_error("f0.policy", &(struct include_reject){
		"f8.policy", 1, 1, "includes nested more than 8 deep" });
	/* f1 to f9 nest fine; f1 alone has no default. */
	expect_include_error("f1.policy", &(struct include_reject){
		"f1.policy", 1, 1, "no 'default' statement" });

	/* Errors inside an included file are located in it. */
	put("outer.policy", "default allow\ninclude inner.policy\n");
	put("inner.policy", "\ndeny scope bogus\n");
	expect_include_error("outer.policy", &(struct include_reject){
		"inner.policy", 2, 12, "unknown scope 'bogus'" });
	put("twice.policy", "default allow\ninclude twice-inc.policy\n");
	put("twice-inc.policy", "default deny\n");
	snprintf(msg, sizeof(msg), "'default' given twice (first at %s/twice.policy:1)", tmp);
	expect_include_error("twice.policy", &(struct include_reject){
		"twice-inc.policy", 1, 1, msg });
	put("seal.policy", "default allow\nseal\ninclude seal-inc.policy\n");
	put("seal-inc.policy", "deny\nseal reload\n");
	snprintf(msg, sizeof(msg), "'seal' given twice (first at %s/seal.policy:2)", tmp);
	expect_include_error("seal.policy", &(struct include_reject){
		"seal-inc.policy", 2, 1, msg });
	put("tamper.policy", "default allow\ninclude tamper-inc.policy\ntamper report\n");
	put("tamper-inc.policy", "\n\ntamper kill\n");
	snprintf(msg, sizeof(msg), "'tamper' given twice (first at %s/tamper-inc.policy:3)", tmp);
	expect_include_error("tamper.policy", &(struct include_reject){
		"tamper.policy", 3, 1, msg });
	put("bad-tamper.policy", "default allow\ninclude bad-tamper-inc.policy\n");
	put("bad-tamper-inc.policy", "tamper sigkill\n");
	expect_include_error("bad-tamper.policy", &(struct include_reject){
		"bad-tamper-inc.policy", 1, 8, "unknown tamper action 'sigkill'" });
	put("dup.policy", "deny type cxl\ninclude dup-inc.policy\n");
	put("dup-inc.policy", "default allow\nallow type cxl\n");
	snprintf(msg, sizeof(msg), "conflicting duplicate of the rule at %s/dup.policy:1 (which says "
		 "deny)", tmp);
	expect_include_error("dup.policy", &(struct include_reject){ "dup-inc.policy", 2, 1, msg });
}

Test(policy_parse, file_errors, .init = mktmp, .fini = rmtmp)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;
	char path[256];
	FILE *f;
	int i;

	cr_assert_eq(fg_policy_compile_file("/nonexistent/x.policy", NULL, &prog, &d, NULL),
		     -ENOENT);
	cr_expect_eq(d.line, 0);
	cr_expect(strstr(d.msg, "cannot open"), "%s", d.msg);

	/* 1 MiB and one byte: a comment that does not end. */
	snprintf(path, sizeof(path), "%s/big.policy", tmp);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("default allow\n#", f);
	for (i = 0; i < (1 << 20) - 14; i++)
		fputc('x', f);
	fclose(f);
	cr_assert_eq(fg_policy_compile_file(path, NULL, &prog, &d, NULL), -EFBIG);
	cr_expect(strstr(d.msg, "larger than the 1024 KiB a policy may have"), "%s", d.msg);
	put("inc-big.policy", "default allow\ninclude big.policy\n");
	expect_include_error("inc-big.policy", &(struct include_reject){
		"inc-big.policy", 2, 9, "larger than the 1024 KiB" });
}

Test(policy_parse, hash, .init = mktmp, .fini = rmtmp)
{
	/* sha256sum of "default allow\n" */
	static const __u8 want[32] = {
		0xa8, 0xda, 0x99, 0xb8, 0x79, 0x9c, 0x05, 0xb5, 0x9c, 0xfb, 0x0b, 0x13, 0x01, 0x26,
		0xc1, 0x71, 0x56, 0x96, 0x7e, 0x6b, 0xf1, 0x40, 0x11, 0x15, 0x1a, 0x9f, 0x01, 0x5e,
		0x79, 0x4f, 0x2a, 0xf3,
	};
	struct fg_program *a = NULL, *b = NULL;
	struct fg_diag d;
	__u8 first[32];

	cr_assert_eq(compile(D, &a, &d), 0);
	cr_expect_arr_eq(a->hash, want, 32);
	fg_program_free(a);

	/* Same sources, same hash; one byte changed in an include, another. */
	put("m.policy", "default allow\ninclude i.policy\n");
	put("i.policy", "deny scope debug-write\n");
	cr_assert_eq(compile_tmp("m.policy", &a, &d, NULL, NULL), 0, "%s", d.msg);
	cr_assert_eq(compile_tmp("m.policy", &b, &d, NULL, NULL), 0, "%s", d.msg);
	cr_expect_arr_eq(a->hash, b->hash, 32);
	memcpy(first, a->hash, 32);
	fg_program_free(a);
	fg_program_free(b);
	put("i.policy", "deny scope debug-writf\n");
	cr_assert_eq(compile_tmp("m.policy", &a, &d, NULL, NULL), -EINVAL);
	put("i.policy", "deny scope debug-write \n");
	cr_assert_eq(compile_tmp("m.policy", &a, &d, NULL, NULL), 0, "%s", d.msg);
	cr_expect(memcmp(a->hash, first, 32), "a changed include kept the hash");
	fg_program_free(a);
}

Test(policy_parse, exe_and_cgroup_resolution, .init = mktmp, .fini = rmtmp)
{
	struct fg_compile_opts opts = {};
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	struct fg_diag d;
	char text[1024], root[256], dir[300];
	struct stat exe_st, cg_st, root_st;

	put("tool", "#!/bin/sh\n");
	snprintf(dir, sizeof(dir), "%s/tool", tmp);
	cr_assert_eq(stat(dir, &exe_st), 0);
	snprintf(root, sizeof(root), "%s/cg", tmp);
	cr_assert_eq(mkdir(root, 0755), 0);
	snprintf(dir, sizeof(dir), "%s/cg/system.slice", tmp);
	cr_assert_eq(mkdir(dir, 0755), 0);
	cr_assert_eq(stat(dir, &cg_st), 0);
	cr_assert_eq(stat(root, &root_st), 0);
	opts.cgroup_root = root;

	snprintf(text, sizeof(text), D "deny exe %s/tool, %s/gone\n"
		 "deny cgroup /system.slice, /, /user.slice\n", tmp, tmp);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &opts, &prog, &d, &w), 0,
		     "%s", d.msg);
	cr_assert_eq(prog->rules[0].nexes, 2);
	cr_expect_eq(prog->rules[0].exes[0].ino, exe_st.st_ino);
	cr_expect_eq(prog->rules[0].exes[0].dev,
		     (__u64)major(exe_st.st_dev) << 20 | minor(exe_st.st_dev));
	cr_expect_eq(prog->rules[0].exes[1].ino, 0);
	cr_expect_eq(prog->rules[0].exes[1].dev, 0);
	cr_assert_eq(prog->rules[1].ncgroups, 3);
	cr_expect_eq(prog->rules[1].cgroups[0].id, cg_st.st_ino);
	cr_expect_eq(prog->rules[1].cgroups[1].id, root_st.st_ino);
	cr_expect_eq(prog->rules[1].cgroups[2].id, 0);

	/* What does not exist is a warning with its location, not an error. */
	cr_assert_eq(w.nwarn, 2);
	snprintf(text, sizeof(text), "exe '%s/gone' does not exist; the rule cannot match it until "
		 "the policy is reloaded", tmp);
	cr_expect_str_eq(w.warn[0].msg, text);
	cr_expect_eq(w.warn[0].line, 2);
	cr_expect_eq(w.warn[0].col, 10 + strlen(tmp) + 7);
	cr_expect_str_eq(w.warn[1].msg, "cgroup '/user.slice' does not exist; the rule cannot match "
			 "it until the policy is reloaded");
	cr_expect_eq(w.warn[1].line, 3);
	cr_expect_eq(w.warn[1].col, 31);
	fg_program_free(prog);

	/* no_resolve: nothing is looked at, nothing is said. */
	w.nwarn = 0;
	snprintf(text, sizeof(text), D "deny exe %s/tool\n", tmp);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, &prog, &d,
					   &w), 0);
	cr_expect_eq(prog->rules[0].exes[0].ino, 0);
	cr_expect_eq(w.nwarn, 0);
	fg_program_free(prog);

	/* A directory is not an executable. */
	snprintf(text, sizeof(text), D "deny exe %s\n", tmp);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &opts, &prog, &d, NULL),
		     -EINVAL);
	cr_expect(strstr(d.msg, "is a directory"), "%s", d.msg);
}

/* include "DIR/PATTERN": every match in byte order, where it stands. */
Test(policy_parse, include_glob, .init = mktmp, .fini = rmtmp)
{
	struct fg_program *prog = NULL;
	char path[256];
	struct fg_diag d;

	snprintf(path, sizeof(path), "%s/policy.d", tmp);
	cr_assert_eq(mkdir(path, 0755), 0);
	put("m.policy", "default allow\ninclude \"policy.d/*.policy\"\ndeny scope debug-write\n");
	put("policy.d/20-b.policy", "deny type bnxt\n");
	put("policy.d/10-a.policy", "deny type mlx5");	/* no final newline */
	put("policy.d/B-upper.policy", "deny type pds\n");
	put("policy.d/.hidden.policy", "this would not compile\n");
	put("policy.d/notes.txt", "nor would this\n");
	cr_assert_eq(compile_tmp("m.policy", &prog, &d, NULL, NULL), 0, "%s", d.msg);
	cr_assert_eq(prog->nrules, 4);
	/* byte order: digits, then upper case, then the rule after the include */
	cr_expect_str_eq(prog->rules[0].text, "deny type mlx5");
	cr_expect_str_eq(prog->rules[1].text, "deny type bnxt");
	cr_expect_str_eq(prog->rules[2].text, "deny type pds");
	cr_expect_str_eq(prog->rules[3].text, "deny scope debug-write");
	cr_expect_eq(prog->nfiles, 4);
	cr_expect(strstr(prog->files[1], "10-a.policy"), "%s", prog->files[1]);
	cr_expect(strstr(prog->files[2], "20-b.policy"), "%s", prog->files[2]);
	cr_expect(strstr(prog->files[3], "B-upper.policy"), "%s", prog->files[3]);
	/* the flattened sources: each include replaced by what it names */
	cr_assert_not_null(prog->flat);
	cr_expect_str_eq(prog->flat, "default allow\n# (include)\ndeny type mlx5\ndeny type bnxt\n"
			 "deny type pds\n\ndeny scope debug-write\n");
	fg_program_free(prog);

	put("none.policy", "default allow\ninclude \"none.d/*.policy\"\n");
	expect_include_error("none.policy", &(struct include_reject){
		"none.policy", 2, 9, "matches no file" });
	put("empty.policy", "default allow\ninclude \"policy.d/*.nothing\"\n");
	expect_include_error("empty.policy", &(struct include_reject){
		"empty.policy", 2, 9, "matches no file" });
}

/* The flattened sources compile alone to the same rules. */
Test(policy_parse, flat_compiles_alone, .init = mktmp, .fini = rmtmp)
{
	struct fg_program *a = NULL, *b = NULL;
	struct fg_diag d;
	size_t i;

	put("m.policy", "policy \"m\"\ninclude \"sets.policy\"\ndefault deny\n"
	    "allow scope <= debug-read-only uid @admins\n");
	put("sets.policy", "set admins = { root, 0 }\ninclude \"inner.policy\"\n");
	put("inner.policy", "deny scope debug-write-full\n");
	cr_assert_eq(compile_tmp("m.policy", &a, &d, NULL, NULL), 0, "%s", d.msg);
	cr_assert_eq(fg_policy_compile_buf("/elsewhere/last-good.policy", a->flat, a->flat_len,
					   &no_resolve, &b, &d, NULL), 0, "%s\n%s", d.msg, a->flat);
	cr_expect_str_eq(b->name, "m");
	cr_assert_eq(b->nrules, a->nrules);
	for (i = 0; i < a->nrules; i++)
		cr_expect_eq(b->rules[i].action, a->rules[i].action);
	cr_expect_eq(b->default_action, a->default_action);
	fg_program_free(a);
	fg_program_free(b);
}
