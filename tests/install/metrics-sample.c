// SPDX-License-Identifier: GPL-2.0-only
/*
 * metrics-sample openmetrics|prometheus: the metrics of a sample guard
 * state (a policy whose source needs label escaping, two rules, a seal,
 * events, the daemon's counts by reason) as status --format openmetrics
 * and the daemon's textfile write them, for the format checkers in
 * tests/install/test-metrics.sh (a host cannot load the guard itself).
 */
#include <stdio.h>
#include <string.h>

#include "ops/metrics.h"

int main(int argc, char **argv)
{
	struct fg_rule_state rules[2] = {};
	struct fg_metrics_daemon d = {};
	struct fg_state st = {};
	int om;

	if (argc != 2 || (strcmp(argv[1], "openmetrics") && strcmp(argv[1], "prometheus"))) {
		fprintf(stderr, "usage: metrics-sample openmetrics|prometheus\n");
		return 2;
	}
	om = !strcmp(argv[1], "openmetrics");
	st.has_gen = true;
	snprintf(st.hdr.name, sizeof(st.hdr.name), "deny-destructive");
	snprintf(st.hdr.source, sizeof(st.hdr.source), "/etc/fwctl-guard/odd \"name\"\\.policy");
	memset(st.hdr.hash, 0x5a, sizeof(st.hdr.hash));
	st.hdr.gen = 2;
	st.hdr.nrules = 2;
	st.stats[FG_STAT_ALLOWED] = 40;
	st.stats[FG_STAT_DENIED] = 3;
	st.stats[FG_STAT_AUDITED] = 1;
	st.events_produced = 4;
	st.seal.mode = FG_SEAL_RELOAD;
	rules[0].info.line = 12;
	rules[0].stat.denied = 2;
	rules[1].info.line = 14;
	rules[1].stat.audited = 1;
	st.rules = rules;
	st.nrules = 2;
	st.daemon.delivered = 4;
	d.by_reason[FG_ACTION_DENY][FG_REASON_RULE] = 2;
	d.by_reason[FG_ACTION_DENY][FG_REASON_UNKNOWN_DEVICE] = 1;
	d.by_reason[FG_ACTION_AUDIT][FG_REASON_RULE] = 1;
	return fg_metrics_write(stdout, &st, om ? NULL : &d, 1,
				om ? FG_METRICS_OPENMETRICS : FG_METRICS_PROMETHEUS) ? 1 : 0;
}
