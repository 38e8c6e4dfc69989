/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a whole policy or table file, with its own size limit. */
#ifndef FG_TEXT_FILE_H
#define FG_TEXT_FILE_H

#include <stdarg.h>
#include <stddef.h>

#include "policy.h"

/* *buf (malloc'd, not NUL-terminated) and *len, or -errno with
 * diag->file and diag->msg saying why ("larger than the 1 MiB a policy may
 * have", "cannot open: ..."). what names the kind of file. */
int fg_read_text(const char *path, size_t max, const char *what, char **buf, size_t *len,
		 struct fg_diag *diag);

/* Fill diag for an error at file:line:col (len columns) in the source line
 * src (src_len bytes, no newline needed); the message from fmt. Returns
 * -EINVAL, for "return fg_diag_vset(...)". */
int fg_diag_vset(struct fg_diag *diag, const char *file, int line, const char *src, int src_len,
		 int col, int len, const char *fmt, va_list ap);

#endif
