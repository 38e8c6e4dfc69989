// SPDX-License-Identifier: GPL-2.0-only
/* Policy lints: hidden rules (shadowed, redundant), paths that name
 * nothing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/ir.h"

#include "util/array.h"

static const struct fg_compile_opts no_resolve = { .no_resolve = true };

struct lint_case {
	const char *text;	/* after "default allow\n" */
	int line;		/* of the warning; 0: none */
	const char *msg;
};

static const struct lint_case cases[] = {
	/* Shadowed: a different action can never decide. */
	{ "deny scope >= debug-write\nallow scope debug-write type cxl\n", 3,
	  "rule never matches: the rule at t.policy:2 matches everything it does" },
	{ "deny\nallow type cxl cmd set_feature uid 0\n", 3, "rule never matches" },
	{ "deny type mlx5,cxl\nallow type cxl\n", 3, "rule never matches" },
	{ "deny uid 0,1\nallow uid 1 comm a\n", 3, "rule never matches" },
	{ "deny effect reset,destructive\naudit effect reset\n", 3, "rule never matches" },
	{ "deny effect all reset\naudit effect all reset,destructive\n", 3, "rule never matches" },
	{ "deny effect any reset\naudit effect all reset,firmware-change\n", 3,
	  "rule never matches" },
	{ "deny cap sys_admin,sys_rawio\nallow cap sys_admin\n", 3, "rule never matches" },
	{ "deny request ok,malformed\nallow request malformed\n", 3, "rule never matches" },
	{ "deny node fwctl0\naudit type cxl\nallow node fwctl0 scope 1\n", 4,
	  "the rule at t.policy:2 matches" },
	/* Redundant: the same action. */
	{ "deny type cxl\ndeny type cxl scope debug-write\n", 3,
	  "redundant: the rule at t.policy:2 matches everything it does" },
	{ "deny scope debug-write\ndeny scope debug-write\n", 3, "redundant" },
	/* Nothing to say: the later rule matches something the earlier does not. */
	{ "deny type cxl\nallow type mlx5\n", 0, NULL },
	{ "deny scope debug-write type cxl\nallow scope >= debug-write\n", 0, NULL },
	{ "deny effect reset\nallow effect reset,destructive\n", 0, NULL },
	{ "deny effect all reset,destructive\nallow effect all reset\n", 0, NULL },
	{ "deny cap sys_admin\nallow\n", 0, NULL },
	{ "deny uid 0\nallow uid 0,1\n", 0, NULL },
	{ "deny\nallow type unknown\n", 0, NULL },
	{ "deny\nallow request malformed\n", 0, NULL },
	{ "deny cmd set_feature\nallow feature ecs\n", 0, NULL },
	{ "deny comm a\nallow comm b uid 0\n", 0, NULL },
	/* comm alone lets anyone through who names itself so. */
	{ "deny comm a\nallow comm b\n", 3, "comm is chosen by the caller: this allow rule" },
	{ "audit comm b scope debug-write\n", 2, "comm is chosen by the caller: this audit rule" },
	{ "allow comm a gid 10\n", 0, NULL },
};

Test(policy_lint, hidden_rules)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct lint_case *c = &cases[i];
		struct fg_program *prog = NULL;
		struct fg_diags w = {};
		struct fg_diag d;
		char text[512];
		size_t n;

		snprintf(text, sizeof(text), "default allow\n%s", c->text);
		cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, &prog,
						   &d, NULL), 0, "case %zu: %s", i, d.msg);
		n = fg_policy_lint(prog, &w);
		cr_expect_eq(n, w.nwarn, "case %zu", i);
		cr_expect_eq(w.nwarn, c->line ? 1 : 0, "case %zu: %zu warnings (%s)", i, w.nwarn,
			     w.warn[0].msg);
		if (c->line && w.nwarn) {
			cr_expect_eq(w.warn[0].line, c->line, "case %zu", i);
			cr_expect_eq(w.warn[0].col, 1, "case %zu", i);
			cr_expect_str_eq(w.warn[0].file, "t.policy", "case %zu", i);
			cr_expect(strstr(w.warn[0].msg, c->msg), "case %zu: '%s' lacks '%s'", i,
				  w.warn[0].msg, c->msg);
		}
		fg_program_free(prog);
	}
}

/* exe alone: the program, not who runs it (nor its arguments and
 * environment). Paths resolved (/bin/sh exists), so that the only warning
 * is this one. */
static const struct lint_case exe_cases[] = {
	{ "allow exe /bin/sh\n", 2,
	  "exe names a program, not who runs it: this allow rule lets anyone who can run "
	  "'/bin/sh' and open the node through, with the arguments and environment "
	  "(LD_PRELOAD) they choose; add uid, gid, cgroup or cap" },
	{ "audit exe /bin/sh,/bin/ls comm x scope 1\n", 2,
	  "this audit rule lets anyone who can run '/bin/sh' (or the others listed) and open" },
	{ "allow exe /bin/sh uid 0\n", 0, NULL },
	{ "allow exe /bin/sh gid 10\n", 0, NULL },
	{ "allow exe /bin/sh euid 0\n", 0, NULL },
	{ "allow exe /bin/sh cap sys_rawio\n", 0, NULL },
	{ "allow exe /bin/sh cgroup /\n", 0, NULL },
	{ "deny exe /bin/sh\n", 0, NULL },
	/* hidden: that is what it is told; not also this */
	{ "deny scope 1\nallow exe /bin/sh scope 1\n", 3, "rule never matches" },
};

Test(policy_lint, exe_is_no_boundary)
{
	struct fg_compile_opts opts = { .cgroup_root = "/" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(exe_cases); i++) {
		const struct lint_case *c = &exe_cases[i];
		struct fg_program *prog = NULL;
		struct fg_diags w = {};
		struct fg_diag d;
		char text[512];

		snprintf(text, sizeof(text), "default allow\n%s", c->text);
		cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &opts, &prog, &d,
						   &w), 0, "case %zu: %s", i, d.msg);
		cr_assert_eq(w.nwarn, 0, "case %zu: %s", i, w.warn[0].msg);
		fg_policy_lint(prog, &w);
		cr_expect_eq(w.nwarn, c->line ? 1 : 0, "case %zu: %zu warnings (%s)", i, w.nwarn,
			     w.warn[0].msg);
		if (c->line && w.nwarn) {
			cr_expect_eq(w.warn[0].line, c->line, "case %zu", i);
			cr_expect_eq(w.warn[0].col, 1, "case %zu", i);
			cr_expect(strstr(w.warn[0].msg, c->msg), "case %zu: '%s' lacks '%s'", i,
				  w.warn[0].msg, c->msg);
		}
		fg_program_free(prog);
	}
}

/* Only the first hiding rule is named; each hidden rule once. */
Test(policy_lint, one_warning_per_rule)
{
	static const char text[] = "default allow\ndeny\ndeny type cxl\naudit type cxl scope 1\n";
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	struct fg_diag d;

	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, &prog, &d,
					   NULL), 0);
	cr_expect_eq(fg_policy_lint(prog, &w), 2);
	cr_expect(strstr(w.warn[0].msg, "redundant: the rule at t.policy:2"), "%s", w.warn[0].msg);
	cr_expect_eq(w.warn[1].line, 4);
	cr_expect(strstr(w.warn[1].msg, "rule never matches: the rule at t.policy:2"), "%s",
		  w.warn[1].msg);
	fg_program_free(prog);
}

/* The checker already warned about a missing exe; the lint does not say it
 * again, but says it to a fresh list, with the source line read back. */
Test(policy_lint, unresolved_paths)
{
	char dir[] = "/tmp/fg-lint-XXXXXX", path[64], root[64];
	struct fg_compile_opts opts = {};
	struct fg_program *prog = NULL;
	struct fg_diags w = {}, fresh = {};
	struct fg_diag d;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.policy", dir);
	snprintf(root, sizeof(root), "%s", dir);
	opts.cgroup_root = root;
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("default allow\n  deny exe /nonexistent/fg-tool\ndeny cgroup /gone.slice\n", f);
	fclose(f);
	cr_assert_eq(fg_policy_compile_file(path, &opts, &prog, &d, &w), 0, "%s", d.msg);
	cr_expect_eq(w.nwarn, 2);
	cr_expect_eq(fg_policy_lint(prog, &w), 0);
	cr_expect_eq(w.nwarn, 2);

	cr_expect_eq(fg_policy_lint(prog, &fresh), 2);
	cr_expect_str_eq(fresh.warn[0].msg, "exe '/nonexistent/fg-tool' does not exist; the rule "
			 "cannot match it until the policy is reloaded");
	cr_expect_str_eq(fresh.warn[0].file, path);
	cr_expect_eq(fresh.warn[0].line, 2);
	cr_expect_eq(fresh.warn[0].col, 3);
	cr_expect_eq(fresh.warn[0].len, 4);
	cr_expect_str_eq(fresh.warn[0].source, "  deny exe /nonexistent/fg-tool");
	cr_expect_str_eq(fresh.warn[1].msg, "cgroup '/gone.slice' does not exist; the rule cannot "
			 "match it until the policy is reloaded");
	cr_expect_eq(fresh.warn[1].line, 3);
	fg_program_free(prog);
	unlink(path);
	rmdir(dir);
}

/* An exe is the file its path names: two paths to one file are one exe. */
Test(policy_lint, exe_by_inode)
{
	char dir[] = "/tmp/fg-lint-XXXXXX", file[64], link[64], text[256];
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	struct fg_diag d;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/tool", dir);
	snprintf(link, sizeof(link), "%s/alias", dir);
	f = fopen(file, "w");
	cr_assert_not_null(f);
	fclose(f);
	cr_assert_eq(symlink(file, link), 0);
	snprintf(text, sizeof(text), "default allow\ndeny exe %s\nallow exe %s\n", file, link);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), NULL, &prog, &d, &w), 0,
		     "%s", d.msg);
	cr_expect_eq(w.nwarn, 0);
	cr_expect_eq(fg_policy_lint(prog, &w), 1);
	cr_expect_eq(w.warn[0].line, 3);
	cr_expect(strstr(w.warn[0].msg, "rule never matches"), "%s", w.warn[0].msg);
	fg_program_free(prog);
	unlink(link);
	unlink(file);
	rmdir(dir);
}

/* Past FG_MAX_WARNINGS, warnings are counted, not kept. */
Test(policy_lint, full_list)
{
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	struct fg_diag d;
	char text[4096];
	size_t off;
	int i;

	off = snprintf(text, sizeof(text), "default allow\ndeny\n");
	for (i = 0; i < FG_MAX_WARNINGS + 5; i++)
		off += snprintf(text + off, sizeof(text) - off, "allow type cxl uid %d\n", i);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, off, &no_resolve, &prog, &d, NULL), 0,
		     "%s", d.msg);
	cr_expect_eq(fg_policy_lint(prog, &w), FG_MAX_WARNINGS + 5);
	cr_expect_eq(w.nwarn, FG_MAX_WARNINGS);
	cr_expect_eq(w.dropped, 5);
	fg_program_free(prog);
}
