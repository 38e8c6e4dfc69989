/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a whole policy or table file, with its own size limit. */
#ifndef FG_UTIL_TEXT_FILE_H
#define FG_UTIL_TEXT_FILE_H

#include <stddef.h>

#include "util/diag.h"

/* *buf (malloc'd, not NUL-terminated) and *len, or -errno with
 * diag->file and diag->msg saying why ("larger than the 1 MiB a policy may
 * have", "cannot open: ...", -EINVAL for a file with a NUL byte: "a binary
 * file ..."). what names the kind of file. */
int fg_read_text(const char *path, size_t max, const char *what, char **buf, size_t *len,
		 struct fg_diag *diag);

#endif /* FG_UTIL_TEXT_FILE_H */
