// SPDX-License-Identifier: GPL-2.0-only
/* Diagnostics: create, collect, print (diag.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"
#include "util/utf8.h"

int fg_diag_vset(struct fg_diag *d, const char *file, int line, const char *src, int src_len,
		 int col, int len, const char *fmt, va_list ap)
{
	int n = src_len < (int)sizeof(d->source) - 1 ? src_len : (int)sizeof(d->source) - 1;

	snprintf(d->file, sizeof(d->file), "%s", file);
	d->line = line;
	d->col = col;
	d->len = len > 0 ? len : 1;
	if (n < 0 || !src)
		n = 0;
	memcpy(d->source, src ? src : "", n);
	d->source[n] = '\0';
	d->chain[0] = '\0';
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	return -EINVAL;
}

/* The line-th line of file into buf, without its line ending; "" when the
 * file or the line is not there. */
static void read_line(const char *file, int line, char *buf, size_t len)
{
	FILE *f = fopen(file, "r");
	int n = 0;

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(buf, (int)len, f)) {
		size_t l = strlen(buf);
		bool whole = l && buf[l - 1] == '\n';

		if (++n == line) {
			buf[strcspn(buf, "\r\n")] = '\0';
			break;
		}
		/* Skip the rest of a line longer than buf. */
		while (!whole && fgets(buf, (int)len, f)) {
			l = strlen(buf);
			whole = l && buf[l - 1] == '\n';
		}
		buf[0] = '\0';
	}
	fclose(f);
}

int fg_diag_at_file(struct fg_diag *d, const char *file, int line, int col, int len,
		    const char *fmt, ...)
{
	char src[sizeof(d->source)];
	va_list ap;

	read_line(file, line, src, sizeof(src));
	va_start(ap, fmt);
	fg_diag_vset(d, file, line, src, (int)strlen(src), col, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int fg_diag_file(struct fg_diag *d, const char *file, const char *fmt, ...)
{
	va_list ap;

	memset(d, 0, sizeof(*d));
	snprintf(d->file, sizeof(d->file), "%s", file);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

void fg_diag_chain_add(struct fg_diag *d, const char *file, int line)
{
	size_t n = strlen(d->chain);

	snprintf(d->chain + n, sizeof(d->chain) - n, "%s%s:%d", n ? "\n" : "", file, line);
}

struct fg_diag *fg_diags_add(struct fg_diags *w)
{
	struct fg_diag *d;

	if (w->nwarn == FG_MAX_WARNINGS) {
		w->dropped++;
		return NULL;
	}
	d = &w->warn[w->nwarn++];
	memset(d, 0, sizeof(*d));
	return d;
}

bool fg_diags_has(const struct fg_diags *w, const char *msg)
{
	size_t i;

	for (i = 0; i < w->nwarn; i++)
		if (!strcmp(w->warn[i].msg, msg))
			return true;
	return false;
}

/*
 * One character of s (at most n bytes) as a terminal may show it: printable
 * ASCII and valid UTF-8 as they are (C1 controls excepted), a tab as a tab,
 * every other byte as \xNN, so that a policy's escape sequence or a binary
 * byte never reaches the terminal. Writes it to out (at least 5 bytes);
 * returns the bytes of s it took, *olen and *cols what it wrote and how
 * many columns that takes.
 */
static size_t escape_char(const char *s, size_t n, char *out, size_t *olen, int *cols)
{
	unsigned char c = (unsigned char)s[0];
	size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
		out[0] = (char)c;
		*olen = 1;
		*cols = 1;
		return 1;
	}
	/* U+0080..U+009F (C2 80..C2 9F) are controls to a terminal too. */
	if (c >= 0x80 && k <= n && fg_utf8_valid(s, k) && !(c == 0xc2 && (unsigned char)s[1] < 0xa0)) {
		memcpy(out, s, k);
		*olen = k;
		*cols = 1;
		return k;
	}
	snprintf(out, 5, "\\x%02x", c);
	*olen = 4;
	*cols = 4;
	return 1;
}

size_t fg_escape(const char *s, size_t n, char *out, size_t len)
{
	size_t i = 0, o = 0, w;
	char piece[5];
	int cols;

	while (i < n && s[i]) {
		size_t took = escape_char(s + i, n - i, piece, &w, &cols);

		if (o + w >= len)
			break;
		memcpy(out + o, piece, w);
		o += w;
		i += took;
	}
	if (len)
		out[o] = '\0';
	return o;
}

/* Where a quoted value ('...') that opens at esc[i] closes: a quote that
 * opens follows a blank or '(' (not the one of "policy's"), one that
 * closes is followed by the end, a blank or punctuation. n when it does
 * not close (the message was cut). */
static size_t quote_end(const char *esc, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n; j++)
		if (esc[j] == '\'' && (j + 1 == n || strchr(" ),.:;?!", esc[j + 1])))
			return j;
	return n;
}

void fg_escape_capped(const char *msg, char *out, size_t len)
{
	char esc[4096];
	size_t n = fg_escape(msg, strlen(msg), esc, sizeof(esc)), i = 0, o = 0, end, keep, k;

	while (i < n && o + 1 < len) {
		bool opens = esc[i] == '\'' && (!i || esc[i - 1] == ' ' || esc[i - 1] == '(');

		end = opens ? quote_end(esc, n, i) : i;
		if (opens && end - i - 1 > FG_DIAG_QUOTE_MAX) {
			/* cut at the start of a character and of an escape (\xNN) */
			keep = FG_DIAG_QUOTE_MAX - 3;
			while (keep && (esc[i + 1 + keep] & 0xc0) == 0x80)
				keep--;
			for (k = 1; k <= 3 && k <= keep; k++)
				if (esc[i + 1 + keep - k] == '\\' && esc[i + 2 + keep - k] == 'x')
					keep -= k;
			o += snprintf(out + o, len - o, "'%.*s...'", (int)keep, esc + i + 1);
			if (o >= len)
				o = len - 1;
			i = end + 1;
			continue;
		}
		out[o++] = esc[i++];
	}
	out[o < len ? o : len - 1] = '\0';
}

/*
 * The source line, escaped, at most FG_DIAG_LINE_MAX columns of it around
 * the span, and the caret line under the span (tabs where the source has
 * them, so that both line up).
 */
static void print_source(FILE *f, const struct fg_diag *d)
{
	struct { char text[5]; size_t len; int cols; size_t off; } ch[sizeof(d->source)];
	size_t n = strlen(d->source), i = 0, nch = 0, first = 0, last, k, end;
	size_t span = (size_t)(d->col > 0 ? d->col - 1 : 0);
	int before = 0, width = 0, total = 0;
	char mark;

	while (i < n) {
		ch[nch].off = i;
		i += escape_char(d->source + i, n - i, ch[nch].text, &ch[nch].len, &ch[nch].cols);
		total += ch[nch++].cols;
	}
	/* The first character of the span, and the window around it. */
	for (k = 0; k < nch && ch[k].off < span; k++)
		before += ch[k].cols;
	span = k;
	while (before > FG_DIAG_LINE_MAX / 3 && total > FG_DIAG_LINE_MAX) {
		before -= ch[first].cols;
		total -= ch[first++].cols;
	}
	for (last = first, width = 0; last < nch && width + ch[last].cols <= FG_DIAG_LINE_MAX;
	     last++)
		width += ch[last].cols;
	fputs(first ? "  ..." : "  ", f);
	for (k = first; k < last; k++)
		fwrite(ch[k].text, 1, ch[k].len, f);
	fputs(last < nch ? "...\n  " : "\n  ", f);
	if (first)
		fputs("   ", f);
	for (k = first; k < span && k < last; k++)
		fprintf(f, "%*s", ch[k].cols, ch[k].text[0] == '\t' ? "\t" : "");
	/* ^ under the span's first character, ~ under the rest of it; a
	 * span at the end of the line (a missing value) gets its ^ there */
	end = (span < nch ? ch[span].off : n) + (size_t)(d->len > 0 ? d->len : 1);
	for (mark = '^', k = span; k < last && (k == span || ch[k].off < end); k++)
		for (i = 0; i < (size_t)ch[k].cols; i++, mark = '~')
			fputc(mark, f);
	if (mark == '^')
		fputc('^', f);
	fputc('\n', f);
}

void fg_diag_print(FILE *f, const struct fg_diag *d, const char *severity)
{
	char file[4 * sizeof(d->file)], msg[4 * sizeof(d->msg)], chain[4 * sizeof(d->chain)];
	const char *p, *nl;

	fg_escape(d->file, sizeof(d->file), file, sizeof(file));
	fg_escape_capped(d->msg, msg, sizeof(msg));
	if (!d->line) {
		fprintf(f, "%s: %s: %s\n", file, severity, msg);
		return;
	}
	fprintf(f, "%s:%d:%d: %s: %s\n", file, d->line, d->col, severity, msg);
	print_source(f, d);
	for (p = d->chain; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		fg_escape(p, (size_t)(nl - p), chain, sizeof(chain));
		fprintf(f, "  included from %s\n", chain);
	}
}

size_t fg_diags_print(FILE *f, const struct fg_diags *w)
{
	size_t i;

	for (i = 0; i < w->nwarn; i++)
		fg_diag_print(f, &w->warn[i], "warning");
	return w->dropped;
}
