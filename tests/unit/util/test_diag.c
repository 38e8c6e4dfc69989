// SPDX-License-Identifier: GPL-2.0-only
/*
 * Diagnostics as a terminal shows them: what they quote from the input is
 * escaped (control characters, DEL, C1 controls, bytes that are not UTF-8)
 * and capped (a quoted value, a long source line around its caret); a file
 * with a NUL byte is refused in one line; "did you mean".
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/suggest.h"
#include "util/text_file.h"

static const char *esc(const char *s)
{
	static char buf[1024];

	fg_escape(s, strlen(s), buf, sizeof(buf));
	return buf;
}

Test(diag, escape)
{
	cr_expect_str_eq(esc("plain text"), "plain text");
	cr_expect_str_eq(esc("a\tb"), "a\tb");
	cr_expect_str_eq(esc("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
	cr_expect_str_eq(esc("bell\a del\x7f"), "bell\\x07 del\\x7f");
	cr_expect_str_eq(esc("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
	/* U+009B is CSI to a terminal */
	cr_expect_str_eq(esc("x\xc2\x9b" "2J"), "x\\xc2\\x9b2J");
	cr_expect_str_eq(esc("\xff\xfe"), "\\xff\\xfe");
	cr_expect_str_eq(esc("cut \xe2\x82"), "cut \\xe2\\x82");
}

Test(diag, escape_never_overflows)
{
	char out[8];

	cr_expect_eq(fg_escape("\x01\x02\x03", 3, out, sizeof(out)), 4);
	cr_expect_str_eq(out, "\\x01");
}

Test(diag, quoted_values_capped)
{
	char msg[512], out[1024], v[200];

	memset(v, 'v', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	snprintf(msg, sizeof(msg), "unknown scope '%s' (expected ...)", v);
	fg_escape_capped(msg, out, sizeof(out));
	cr_expect_lt(strlen(out), 100, "%s", out);
	cr_expect(strstr(out, "vvv...' (expected ...)"), "%s", out);
	fg_escape_capped("unknown scope 'debug-writ\x1b'", out, sizeof(out));
	cr_expect_str_eq(out, "unknown scope 'debug-writ\\x1b'");
}

/* The printed diagnostic (free it); static: the stream writes through
 * these after the call that opened it. */
static char *print(const struct fg_diag *d)
{
	static char *buf;
	static size_t len;
	FILE *f;

	buf = NULL;
	f = open_memstream(&buf, &len);
	fg_diag_print(f, d, "error");
	fclose(f);
	return buf;
}

static struct fg_diag at(const char *src, int col, int len, const char *fmt, ...)
{
	struct fg_diag d;
	va_list ap;

	va_start(ap, fmt);
	fg_diag_vset(&d, "p.policy", 3, src, (int)strlen(src), col, len, fmt, ap);
	va_end(ap);
	return d;
}

Test(diag, source_escaped_caret_aligned)
{
	struct fg_diag d = at("deny scope >= debug-writ\x1b[2J", 25, 1, "unexpected byte 0x1b");
	char *out = print(&d);

	cr_expect_str_eq(out, "p.policy:3:25: error: unexpected byte 0x1b\n"
			 "  deny scope >= debug-writ\\x1b[2J\n"
			 "                          ^~~~\n");
	free(out);
	/* a tab in the source stays a tab under it */
	d = at("\tdeny scope >= debug-writ", 16, 10, "unknown scope 'debug-writ'");
	out = print(&d);
	cr_expect(strstr(out, "\n  \tdeny scope >= debug-writ\n  \t              ^~~~~~~~~~\n"),
		  "%s", out);
	free(out);
}

Test(diag, long_line_windowed)
{
	char src[250], *out, *l2, *l3;
	struct fg_diag d;
	int i;

	for (i = 0; i < 249; i++)
		src[i] = 'a' + i % 26;
	src[249] = '\0';
	d = at(src, 200, 3, "here");
	out = print(&d);
	l2 = strchr(out, '\n') + 1;
	l3 = strchr(l2, '\n') + 1;
	cr_expect_leq(strchr(l2, '\n') - l2, FG_DIAG_LINE_MAX + 8, "%s", out);
	cr_expect(!strncmp(l2, "  ...", 5), "%s", out);
	/* the caret is under the 200th character */
	cr_expect_eq(l2[strchr(l3, '^') - l3], src[199], "%s", out);
	free(out);
}

Test(diag, binary_file_refused_in_one_line)
{
	char path[] = "/tmp/fg-diag-XXXXXX", *buf;
	struct fg_diag d;
	size_t len;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "default allow\n\x7f" "ELF\0\0\x01", 21), 21);
	close(fd);
	cr_expect_eq(fg_read_text(path, 1 << 20, "policy", &buf, &len, &d), -EINVAL);
	cr_expect_str_eq(d.msg, "a binary file (a NUL byte at offset 18), not a policy");
	cr_expect_eq(d.line, 0);
	unlink(path);
}

Test(suggest, closest_or_none)
{
	static const char *const cmds[] = { "load", "reload", "status", "events", NULL, "check" };

	cr_expect_str_eq(fg_suggest("stauts", cmds, 6), "status");
	cr_expect_str_eq(fg_suggest("chek", cmds, 6), "check");
	cr_expect_str_eq(fg_suggest("relaod", cmds, 6), "reload");
	cr_expect_null(fg_suggest("xyzzy", cmds, 6));
	cr_expect_eq(fg_edit_distance("kitten", "sitting"), 3);
}
