/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A file replaced in one step: readers (node_exporter's textfile
 * collector, the next boot) see the old content or the new, never a part.
 */
#ifndef FG_UTIL_ATOMIC_FILE_H
#define FG_UTIL_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "util/err.h"

/*
 * Write buf to a new file beside path ("path.XXXXXX", a name no reader
 * takes for the real one), flush it to disk, give it mode, rename it over
 * path and flush the folder. 0, or -errno with err set; nothing is left
 * behind on failure.
 */
/* All of buf to fd, across short writes and signals: 0 or -errno (-EIO
 * when the file takes nothing). */
int fg_write_all(int fd, const char *buf, size_t len);

int fg_write_atomic(const char *path, const char *buf, size_t len, mode_t mode,
		    struct fg_err *err);

#endif /* FG_UTIL_ATOMIC_FILE_H */
