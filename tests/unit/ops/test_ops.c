// SPDX-License-Identifier: GPL-2.0-only
/*
 * The operations' parts that need no kernel: the metrics text (both
 * formats, label escaping, every family prefixed), the last good policy
 * kept on disk (header, includes inlined, compiles alone), the built-in
 * lockdown (compiles, denies writes), and the digest covering the effects
 * tables.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/effects_table.h"
#include "ops/metrics.h"
#include "ops/ops.h"
#include "policy/ir.h"

static void sample_state(struct fg_state *st, struct fg_rule_state *rules)
{
	memset(st, 0, sizeof(*st));
	st->has_gen = true;
	snprintf(st->hdr.name, sizeof(st->hdr.name), "site");
	snprintf(st->hdr.source, sizeof(st->hdr.source), "/etc/fwctl-guard/a \"b\"\\c.policy");
	memset(st->hdr.hash, 0xab, sizeof(st->hdr.hash));
	st->hdr.gen = 3;
	st->hdr.nrules = 2;
	st->stats[FG_STAT_DENIED] = 7;
	st->stats[FG_STAT_ALLOWED] = 11;
	st->stats[FG_STAT_EVENTS_LOST] = 2;
	st->events_produced = 9;
	st->seal.mode = FG_SEAL_RELOAD;
	memset(rules, 0, 2 * sizeof(*rules));
	rules[0].info.line = 4;
	rules[0].stat.denied = 5;
	rules[1].info.line = 9;
	rules[1].stat.audited = 1;
	st->rules = rules;
	st->nrules = 2;
	st->daemon.delivered = 7;
}

static char *metrics(enum fg_metrics_format fmt, const struct fg_metrics_daemon *d)
{
	struct fg_rule_state rules[2];
	struct fg_state st;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	sample_state(&st, rules);
	cr_assert_eq(fg_metrics_write(f, &st, d, 1, fmt), 0);
	fclose(f);
	return buf;
}

Test(metrics, openmetrics)
{
	char *m = metrics(FG_METRICS_OPENMETRICS, NULL);

	cr_expect(strstr(m, "# TYPE fwctl_guard_decisions counter\n"), "%s", m);
	cr_expect(strstr(m, "fwctl_guard_decisions_total{action=\"deny\"} 7\n"), "%s", m);
	cr_expect(strstr(m, "fwctl_guard_rule_hits_total{rule=\"0\",line=\"4\",action=\"deny\"} 5\n"));
	cr_expect(strstr(m, "# TYPE fwctl_guard_policy info\n"));
	cr_expect(strstr(m, "fwctl_guard_policy_info{name=\"site\",source=\"/etc/fwctl-guard/a "
			 "\\\"b\\\"\\\\c.policy\",sha256=\"abababab"), "label escaping: %s", m);
	cr_expect(strstr(m, "fwctl_guard_policy_generation 3\n"));
	cr_expect(strstr(m, "# TYPE fwctl_guard_seal stateset\n"));
	cr_expect(strstr(m, "fwctl_guard_seal{fwctl_guard_seal=\"reload\"} 1\n"));
	cr_expect(strstr(m, "fwctl_guard_seal{fwctl_guard_seal=\"none\"} 0\n"));
	cr_expect(strstr(m, "fwctl_guard_events_produced_total 9\n"));
	cr_expect(strstr(m, "fwctl_guard_events_lost_total 2\n"));
	cr_expect(strstr(m, "fwctl_guard_events_delivered_total 7\n"));
	cr_expect_null(strstr(m, "event_decisions"), "status has no daemon counts");
	cr_expect_eq(strcmp(m + strlen(m) - 6, "# EOF\n"), 0, "ends with # EOF");
	free(m);
}

Test(metrics, prometheus_text_for_node_exporter)
{
	struct fg_metrics_daemon d = {};
	char *m, *line, *save;

	d.by_reason[FG_ACTION_DENY][FG_REASON_UNKNOWN_DEVICE] = 4;
	m = metrics(FG_METRICS_PROMETHEUS, &d);
	cr_expect(strstr(m, "# TYPE fwctl_guard_decisions_total counter\n"), "%s", m);
	cr_expect(strstr(m, "# TYPE fwctl_guard_policy_info gauge\n"));
	cr_expect(strstr(m, "# TYPE fwctl_guard_seal gauge\n"));
	cr_expect(strstr(m, "fwctl_guard_event_decisions_total{action=\"deny\",reason="
			 "\"unknown-device\"} 4\n"), "%s", m);
	cr_expect_null(strstr(m, "# EOF"));
	/* every line a comment or a sample of ours */
	for (line = strtok_r(m, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_expect(!strncmp(line, "# TYPE fwctl_guard_", 19) ||
			  !strncmp(line, "# HELP fwctl_guard_", 19) ||
			  !strncmp(line, "fwctl_guard_", 12), "%s", line);
	free(m);
}

Test(ops, keep_writes_a_policy_that_compiles_alone)
{
	char dir[] = "/tmp/fg-state-XXXXXX", path[128], cmd[160], *buf;
	struct fg_program *prog = NULL, *again = NULL;
	struct fg_compile_opts opts = { .no_resolve = true };
	struct fg_err err = {};
	struct fg_diag d;
	size_t len;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	static const char src[] = "policy \"x\"\ndefault allow\ndeny scope debug-write\n";

	cr_assert_eq(fg_policy_compile_buf("/etc/x.policy", src, strlen(src), &opts, &prog, &d,
					   NULL), 0, "%s", d.msg);
	cr_assert_eq(fg_ops_keep(dir, prog, "/etc/x.policy", &err), 0, "%s", err.msg);
	snprintf(path, sizeof(path), "%s/" FG_LAST_GOOD, dir);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	buf = calloc(1, 4096);
	len = fread(buf, 1, 4095, f);
	fclose(f);
	cr_expect(strstr(buf, "# from: /etc/x.policy\n"), "%s", buf);
	cr_expect(strstr(buf, "policy \"x\"\ndefault allow\ndeny scope debug-write\n"), "%s", buf);
	cr_assert_eq(fg_policy_compile_buf(path, buf, len, &opts, &again, &d, NULL), 0, "%s",
		     d.msg);
	cr_expect_str_eq(again->name, "x");
	cr_expect_eq(again->nrules, 1);
	free(buf);
	fg_program_free(prog);
	fg_program_free(again);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

Test(ops, builtin_lockdown_compiles_and_denies_by_default)
{
	struct fg_compile_opts opts = { .no_resolve = true };
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(fg_policy_compile_buf("(built-in)", fg_lockdown_policy,
					   strlen(fg_lockdown_policy), &opts, &prog, &d, NULL), 0,
		     "%s", d.msg);
	cr_expect_str_eq(prog->name, "lockdown-integrity");
	cr_expect_eq(prog->default_action, FG_ACTION_DENY);
	cr_expect_eq(prog->unknown_device_action, FG_ACTION_DENY);
	cr_expect_eq(prog->seal, FG_SEAL_NONE, "a fallback does not seal: the fix is a restart");
	fg_program_free(prog);
}

/* The digest covers the effects tables: same policy, other tables, other
 * digest; no table entries, the sources' digest alone. */
Test(ops, digest_covers_effects_tables)
{
	static const char pol[] = "default allow\ndeny effect reset\n";
	struct fg_effects_db a = {}, b = {}, live = {};
	struct fg_compile_opts opts = { .no_resolve = true };
	struct fg_program *p0, *pa, *pa2, *pb, *pl;
	struct fg_effects_entry e = {};
	struct fg_diag d;

	static const char ta[] = "type bnxt\n0x0 ver_get read-only\n";
	static const char tb[] = "type bnxt\n0x0 ver_get reset\n";

	cr_assert_eq(fg_effects_parse_buf("a.effects", ta, strlen(ta), &a, &d), 0, "%s", d.msg);
	cr_assert_eq(fg_effects_parse_buf("b.effects", tb, strlen(tb), &b, &d), 0, "%s", d.msg);
	/* an entry a device reported (one minor) is not the tables' */
	e.key.minor = 3;
	e.key.devtype = FG_DEVTYPE_CXL;
	e.val.effects = 1;
	cr_assert_eq(fg_effects_put(&live, &e), 0);
	cr_assert_eq(fg_policy_compile_buf("p", pol, strlen(pol), &opts, &p0, &d, NULL), 0);
	opts.db = &a;
	cr_assert_eq(fg_policy_compile_buf("p", pol, strlen(pol), &opts, &pa, &d, NULL), 0);
	cr_assert_eq(fg_policy_compile_buf("p", pol, strlen(pol), &opts, &pa2, &d, NULL), 0);
	opts.db = &b;
	cr_assert_eq(fg_policy_compile_buf("p", pol, strlen(pol), &opts, &pb, &d, NULL), 0);
	opts.db = &live;
	cr_assert_eq(fg_policy_compile_buf("p", pol, strlen(pol), &opts, &pl, &d, NULL), 0);
	cr_expect_arr_eq(pa->hash, pa2->hash, 32, "same tables, same digest");
	cr_expect_arr_neq(pa->hash, pb->hash, 32, "a changed table entry changes the digest");
	cr_expect_arr_neq(pa->hash, p0->hash, 32, "tables or none differ");
	cr_expect_arr_eq(pl->hash, p0->hash, 32, "live device entries are not in it");
	fg_program_free(p0);
	fg_program_free(pa);
	fg_program_free(pa2);
	fg_program_free(pb);
	fg_program_free(pl);
	fg_effects_free(&a);
	fg_effects_free(&b);
	fg_effects_free(&live);
}
