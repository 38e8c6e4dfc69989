// SPDX-License-Identifier: GPL-2.0-only
/* Diagnostics: create, collect, print (diag.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"

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

void fg_diag_print(FILE *f, const struct fg_diag *d, const char *severity)
{
	const char *p, *nl;
	int i;

	if (!d->line) {
		fprintf(f, "%s: %s: %s\n", d->file, severity, d->msg);
		return;
	}
	fprintf(f, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col, severity, d->msg);
	fprintf(f, "  %s\n  ", d->source);
	for (i = 1; i < d->col; i++)
		fputc(d->source[i - 1] == '\t' ? '\t' : ' ', f);
	for (i = 0; i < d->len; i++)
		fputc(i ? '~' : '^', f);
	fputc('\n', f);
	for (p = d->chain; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		fprintf(f, "  included from %.*s\n", (int)(nl - p), p);
	}
}

size_t fg_diags_print(FILE *f, const struct fg_diags *w)
{
	size_t i;

	for (i = 0; i < w->nwarn; i++)
		fg_diag_print(f, &w->warn[i], "warning");
	return w->dropped;
}
