// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_file.h"

int fg_read_text(const char *path, size_t max, const char *what, char **buf, size_t *len,
		 struct fg_diag *diag)
{
	FILE *f;
	char *b;
	int err;

	memset(diag, 0, sizeof(*diag));
	snprintf(diag->file, sizeof(diag->file), "%s", path);
	f = fopen(path, "r");
	if (!f) {
		err = -errno;
		snprintf(diag->msg, sizeof(diag->msg), "cannot open: %s", strerror(-err));
		return err;
	}
	b = malloc(max + 1);
	if (!b) {
		fclose(f);
		snprintf(diag->msg, sizeof(diag->msg), "out of memory");
		return -ENOMEM;
	}
	*len = fread(b, 1, max + 1, f);
	err = ferror(f) ? -EIO : *len > max ? -EFBIG : 0;
	fclose(f);
	if (err == -EFBIG)
		snprintf(diag->msg, sizeof(diag->msg), "larger than the %zu KiB a %s may have",
			 max / 1024, what);
	else if (err)
		snprintf(diag->msg, sizeof(diag->msg), "cannot read: %s", strerror(-err));
	if (err) {
		free(b);
		return err;
	}
	*buf = b;
	return 0;
}

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
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	return -EINVAL;
}
