// SPDX-License-Identifier: GPL-2.0-only
/* Reading a whole policy or table file (text_file.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text_file.h"

int fg_read_text(const char *path, size_t max, const char *what, char **buf, size_t *len,
		 struct fg_diag *diag)
{
	const char *nul;
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
	/* A NUL byte: not a text file at all. Said in one line, rather than
	 * a parse error quoting a line of binary bytes. */
	nul = err ? NULL : memchr(b, '\0', *len);
	if (nul) {
		snprintf(diag->msg, sizeof(diag->msg), "a binary file (a NUL byte at offset %zu), "
			 "not a %s", (size_t)(nul - b), what);
		err = -EINVAL;
	}
	if (err) {
		free(b);
		return err;
	}
	*buf = b;
	return 0;
}
