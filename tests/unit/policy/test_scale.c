// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the checker and the lint find by index rather than by walking every
 * earlier rule (policy/rule_index.c), and what it asks the host once per
 * name (policy/resolve_memo.c): the same answers as the walk would give,
 * at any size, and however a list is written.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/ir.h"
#include "policy/resolve.h"

static const struct fg_compile_opts no_resolve = { .no_resolve = true };

static struct fg_program *compile_ok(const char *text, struct fg_diags *w)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, &prog, &d,
					   w), 0, "%s", d.msg);
	return prog;
}

static void compile_err(const char *text, const char *msg)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_neq(fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, &prog, &d,
					    NULL), 0, "accepted: %s", text);
	cr_expect(strstr(d.msg, msg), "'%s' lacks '%s'", d.msg, msg);
}

/* The hider is found through any value, any list, and is the first. */
Test(policy_scale, lint_finds_the_first_hider)
{
	static const struct {
		const char *text;	/* after "default allow\n" */
		int line, by;		/* the last hidden rule, its hider; 0: none */
		size_t hidden;		/* rules hidden in all */
	} cases[] = {
		/* the later rule's first value is not the earlier's first */
		{ "deny uid 1,2,3\nallow uid 3,2\n", 3, 2, 1 },
		/* the earlier rule's first list is the later's second */
		{ "deny uid 9\nallow cmd 1 type mlx5 uid 9\n", 3, 2, 1 },
		{ "deny comm a exe /x\nallow exe /x comm a uid 0\n", 3, 2, 1 },
		/* a rule without a list hides one with lists */
		{ "deny type mlx5\nallow uid 4 type mlx5 cmd 2\n", 3, 2, 1 },
		/* line 3 is hidden; line 4 too, and by the first hider */
		{ "deny uid 1,2\ndeny uid 1\nallow uid 1 comm x\n", 4, 2, 2 },
		/* a value in common is not enough */
		{ "deny uid 1,2\nallow uid 2,3\n", 0, 0, 0 },
		{ "deny uid 5 comm a\nallow uid 5\n", 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fg_diags w = {};
		struct fg_program *prog;
		char text[256], by[64];
		size_t k, hits = 0;

		snprintf(text, sizeof(text), "default allow\n%s", cases[i].text);
		prog = compile_ok(text, NULL);
		fg_policy_lint(prog, &w);
		snprintf(by, sizeof(by), "the rule at t.policy:%d ", cases[i].by);
		for (k = 0; k < w.nwarn; k++) {
			if (!strstr(w.warn[k].msg, "matches everything it does"))
				continue;
			hits++;
			cr_expect(strstr(w.warn[k].msg, by), "case %zu: '%s' lacks '%s'", i,
				  w.warn[k].msg, by);
			if (hits == cases[i].hidden)
				cr_expect_eq(w.warn[k].line, cases[i].line, "case %zu: line %d", i,
					     w.warn[k].line);
		}
		cr_expect_eq(hits, cases[i].hidden, "case %zu: %zu hidden", i, hits);
		fg_program_free(prog);
	}
}

/* 4,096 rules, every second one a copy of the one before: each copy is
 * reported as hidden by the rule just before it, and no other rule. */
Test(policy_scale, lint_at_the_rule_limit)
{
	size_t cap = 64 * FG_MAX_RULES, off, k;
	char *text = malloc(cap);
	struct fg_diags w = {};
	struct fg_program *prog;
	int i;

	cr_assert_not_null(text);
	off = snprintf(text, cap, "default allow\n");
	for (i = 0; i < FG_MAX_RULES / 2; i++)
		off += snprintf(text + off, cap - off,
				"deny type mlx5 cmd %d uid %d\ndeny uid %d type mlx5 cmd %d\n",
				i % 1000, i, i, i % 1000);
	prog = compile_ok(text, NULL);
	cr_expect_eq(fg_policy_lint(prog, &w), (size_t)FG_MAX_RULES / 2);
	for (k = 0; k < w.nwarn; k++) {
		char by[64];

		snprintf(by, sizeof(by), "redundant: the rule at t.policy:%d ", w.warn[k].line - 1);
		cr_expect_eq(w.warn[k].line % 2, 1, "line %d", w.warn[k].line);
		cr_expect(strstr(w.warn[k].msg, by), "'%s' lacks '%s'", w.warn[k].msg, by);
	}
	fg_program_free(prog);
	free(text);
}

/* A conflicting duplicate is found among thousands, lists in any order. */
Test(policy_scale, conflicting_duplicate_among_thousands)
{
	size_t cap = 64 * FG_MAX_RULES, off;
	char *text = malloc(cap);
	int i;

	cr_assert_not_null(text);
	off = snprintf(text, cap, "default allow\n");
	for (i = 0; i < FG_MAX_RULES - 1; i++)
		off += snprintf(text + off, cap - off, "deny uid %d,%d comm c%d\n", i, i + 7, i % 3);
	/* rule 17 is line 19: uid 17,24 comm c2 */
	snprintf(text + off, cap - off, "allow comm c2 uid { 24, 17 }\n");
	compile_err(text, "conflicting duplicate of the rule at t.policy:19 (which says deny)");
	/* the same conditions and action: allowed (the lint calls it redundant) */
	snprintf(text + off, cap - off, "deny comm c2 uid { 24, 17 }\n");
	fg_program_free(compile_ok(text, NULL));
	free(text);
}

/* The host is asked once per name, however many rules name it. */
struct counting {
	unsigned int user, group, exe, cgroup;
};

static int c_user(void *ctx, const char *name, __u32 *uid)
{
	((struct counting *)ctx)->user++;
	*uid = !strcmp(name, "bob") ? 1001 : 0;
	return !strcmp(name, "bob") ? 0 : -ENOENT;
}

static int c_group(void *ctx, const char *name, __u32 *gid)
{
	((struct counting *)ctx)->group++;
	*gid = 7;
	return strcmp(name, "wheel") ? -ENOENT : 0;
}

static int c_exe(void *ctx, const char *path, __u64 *dev, __u64 *ino)
{
	((struct counting *)ctx)->exe++;
	*dev = 8;
	*ino = strlen(path);
	return strcmp(path, "/gone") ? 0 : -ENOENT;
}

static int c_cgroup(void *ctx, const char *path, __u64 *id)
{
	((struct counting *)ctx)->cgroup++;
	*id = 100 + strlen(path);
	return 0;
}

Test(policy_scale, host_asked_once_per_name)
{
	struct counting n = {};
	struct fg_resolver r = { .ctx = &n, .user = c_user, .group = c_group, .exe = c_exe,
				 .cgroup = c_cgroup };
	struct fg_compile_opts opts = { .resolver = &r };
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	char text[64 * 1024];
	struct fg_diag d;
	size_t off;
	int i;

	off = snprintf(text, sizeof(text), "default allow\n");
	for (i = 0; i < 500; i++)
		off += snprintf(text + off, sizeof(text) - off,
				"deny cmd %d type mlx5 uid bob gid wheel exe /usr/bin/t%d,/gone "
				"cgroup /a.slice\n", i, i % 2);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, off, &opts, &prog, &d, &w), 0, "%s",
		     d.msg);
	cr_expect_eq(n.user, 1);
	cr_expect_eq(n.group, 1);
	cr_expect_eq(n.exe, 3, "exe asked %u times for 3 paths", n.exe);
	cr_expect_eq(n.cgroup, 1);
	/* ... and every rule has the answers */
	for (i = 0; i < 500; i++) {
		cr_assert_eq(prog->rules[i].uids[0], 1001);
		cr_assert_eq(prog->rules[i].gids[0], 7);
		cr_assert_eq(prog->rules[i].exes[0].ino, strlen("/usr/bin/t0"));
		cr_assert_eq(prog->rules[i].exes[1].ino, 0, "an unresolved path stays unresolved");
		cr_assert_eq(prog->rules[i].cgroups[0].id, 100 + strlen("/a.slice"));
	}
	fg_program_free(prog);
}
