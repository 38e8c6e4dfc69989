// SPDX-License-Identifier: GPL-2.0-only
/*
 * Log rotation of the JSON and text sinks: rename the file under a stream
 * of events, reopen (SIGUSR1 in the daemon); every event is in exactly one
 * of the two files, none lost, none twice, counted by sequence number.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events/sinks.h"
#include "test_event_sample.h"

/* Lines of path holding "\"seq\":N," for each N in 1..n: how often each. */
static void count_seqs(const char *path, unsigned int *seen, unsigned int n)
{
	char line[8192];
	unsigned int s;
	const char *p;
	FILE *f = fopen(path, "r");

	cr_assert_not_null(f, "%s", path);
	while (fgets(line, sizeof(line), f)) {
		p = strstr(line, "\"seq\":");
		cr_assert_not_null(p, "%s", line);
		s = strtoul(p + 6, NULL, 10);
		cr_assert(s >= 1 && s <= n, "%s", line);
		seen[s - 1]++;
	}
	fclose(f);
}

Test(sinks, reopen_after_rename_loses_and_duplicates_nothing)
{
	char dir[] = "/tmp/fg-rotate-XXXXXX", path[128], old[140], cmd[320];
	enum { N = 1000, ROTATE_AT = 437 };
	unsigned int seen[N] = {}, i;
	struct fg_sink_opts o = {};
	struct fg_sinks s;
	struct fg_err err = {};
	struct fg_event e = sample_event();

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	snprintf(old, sizeof(old), "%s.1", path);
	o.json = path;
	cr_assert_eq(fg_sinks_open(&s, &o, NULL, &err), 0, "%s", err.msg);
	for (i = 1; i <= N; i++) {
		e.seq = i;
		fg_sinks_event(&s, &e, NULL, 0);
		if (i % 64 == 0)
			fg_sinks_flush(&s);	/* as the daemon after each batch */
		if (i == ROTATE_AT) {
			/* logrotate: rename first; events go on into the
			 * renamed file until the reopen */
			cr_assert_eq(rename(path, old), 0);
			e.seq = ++i;
			fg_sinks_event(&s, &e, NULL, 0);
			cr_assert_eq(fg_sinks_reopen(&s, &err), 0, "%s", err.msg);
		}
	}
	fg_sinks_close(&s);
	cr_expect_eq(s.write_errors, 0);
	count_seqs(old, seen, N);
	count_seqs(path, seen, N);
	for (i = 0; i < N; i++)
		cr_expect_eq(seen[i], 1, "event %u written %u times", i + 1, seen[i]);
	/* the new file starts after the rotation */
	snprintf(cmd, sizeof(cmd), "head -n 1 '%s' | grep -q '\"seq\":%d,'", path, ROTATE_AT + 2);
	cr_expect_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

Test(sinks, reopen_failure_keeps_the_old_file)
{
	char dir[] = "/tmp/fg-rotate-XXXXXX", path[128], cmd[320];
	struct fg_sink_opts o = {};
	struct fg_sinks s;
	struct fg_err err = {};
	FILE *before;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub/events.jsonl", dir);
	snprintf(cmd, sizeof(cmd), "mkdir '%s/sub'", dir);
	cr_assert_eq(system(cmd), 0);
	o.json = path;
	cr_assert_eq(fg_sinks_open(&s, &o, NULL, &err), 0, "%s", err.msg);
	before = s.json;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/sub'", dir);
	cr_assert_eq(system(cmd), 0);
	cr_expect_lt(fg_sinks_reopen(&s, &err), 0);
	cr_expect(strstr(err.msg, "events.jsonl"), "%s", err.msg);
	cr_expect_eq(s.json, before, "still writing somewhere rather than nowhere");
	fg_sinks_close(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}
