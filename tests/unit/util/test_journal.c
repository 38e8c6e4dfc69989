// SPDX-License-Identifier: GPL-2.0-only
/*
 * Syslog priorities for journald's stream: the "<N>" prefix on every line
 * (a line written in pieces gets one), explicit and automatic priorities,
 * JOURNAL_STREAM matched against the descriptor; and files replaced in
 * one step (the last good policy, the metrics textfile).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic_file.h"
#include "util/journal.h"

/* What the prefixing stream wrote to a pipe after the writes in fn. */
static void through_pipe(void (*fn)(FILE *f), char *out, size_t len)
{
	int fds[2];
	ssize_t n;
	FILE *f;

	cr_assert_eq(pipe(fds), 0);
	f = fg_prio_stream(fds[1]);
	cr_assert_not_null(f);
	fn(f);
	fclose(f);
	close(fds[1]);
	n = read(fds[0], out, len - 1);
	cr_assert_geq(n, 0);
	out[n] = '\0';
	close(fds[0]);
	fg_prio(FG_PRIO_AUTO);
}

static void auto_lines(FILE *f)
{
	fprintf(f, "p.policy:2:3: error: unknown effect\n  deny x\n");
	fprintf(f, "fwctl-guard: warning: a device\nfwctl-guard: note: no tables\n");
}

Test(journal, automatic_priorities)
{
	char out[512];

	through_pipe(auto_lines, out, sizeof(out));
	cr_expect_str_eq(out, "<3>p.policy:2:3: error: unknown effect\n<3>  deny x\n"
			 "<4>fwctl-guard: warning: a device\n<5>fwctl-guard: note: no tables\n");
}

static void explicit_lines(FILE *f)
{
	fg_prio(LOG_INFO);
	fprintf(f, "consuming events");
	fprintf(f, " (pid 1)\nsecond line: warning: not one\n");
	fg_prio(LOG_ERR);
	fprintf(f, "a\n\nb\n");
}

Test(journal, explicit_priority_one_prefix_per_line)
{
	char out[512];

	through_pipe(explicit_lines, out, sizeof(out));
	cr_expect_str_eq(out, "<6>consuming events (pid 1)\n<6>second line: warning: not one\n"
			 "<3>a\n<3>\n<3>b\n");
}

Test(journal, stream_is_matched_by_device_and_inode)
{
	char env[64];
	struct stat st;
	int fd = open("/dev/null", O_WRONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &st), 0);
	unsetenv("JOURNAL_STREAM");
	cr_expect_not(fg_journal_stream(fd));
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", env, 1);
	cr_expect(fg_journal_stream(fd));
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino + 1);
	setenv("JOURNAL_STREAM", env, 1);
	cr_expect_not(fg_journal_stream(fd), "another inode is another stream");
	setenv("JOURNAL_STREAM", "garbage", 1);
	cr_expect_not(fg_journal_stream(fd));
	unsetenv("JOURNAL_STREAM");
	close(fd);
}

Test(atomic_file, replaces_and_leaves_nothing_behind)
{
	char dir[] = "/tmp/fg-atomic-XXXXXX", path[128], buf[64], cmd[160];
	struct fg_err err = {};
	struct stat st;
	FILE *f;
	size_t n;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/m.prom", dir);
	cr_assert_eq(fg_write_atomic(path, "one\n", 4, 0644, &err), 0, "%s", err.msg);
	cr_assert_eq(fg_write_atomic(path, "two lines\n", 10, 0600, &err), 0, "%s", err.msg);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	cr_expect_str_eq(buf, "two lines\n");
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 1", dir);
	cr_expect_eq(system(cmd), 0, "only the file itself is left");
	/* a folder that is not there: an error naming the path */
	snprintf(path, sizeof(path), "%s/no/such/m.prom", dir);
	cr_expect_eq(fg_write_atomic(path, "x", 1, 0644, &err), -ENOENT);
	cr_expect(strstr(err.msg, "no/such"), "%s", err.msg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}
