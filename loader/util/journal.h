/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Syslog priorities for the journal. A service's stderr is a stream into
 * journald, which reads a "<N>" at the start of a line as that line's
 * priority (sd-daemon(3)); without one every line is logged at the unit's
 * SyslogLevel (info), and `journalctl -p err` misses the errors.
 *
 * fg_journal_stream() says whether a file descriptor is that stream (the
 * JOURNAL_STREAM variable names its device and inode); fg_prio_stream()
 * wraps a descriptor in a FILE that puts "<N>" before every line, N being
 * the priority set last with fg_prio() when the line starts, or, while
 * none is set (FG_PRIO_AUTO), read from the line: "warning: " in it is a
 * warning, "note: " a notice, anything else an error (what the CLI writes
 * to stderr unasked is a failure). A terminal or a file gets no prefix:
 * the CLI only wraps stderr when it is the journal.
 */
#ifndef FG_UTIL_JOURNAL_H
#define FG_UTIL_JOURNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <syslog.h>

/* Is fd the journal stream systemd connected (JOURNAL_STREAM=dev:ino)? */
bool fg_journal_stream(int fd);

/* A line-prefixing stream onto fd (not closed with it), unbuffered so
 * that each line takes the priority in force when it is written; NULL
 * with errno on failure. One per process: the priority is global. */
FILE *fg_prio_stream(int fd);

#define FG_PRIO_AUTO	(-1)

/* The priority of the lines that start from now on (LOG_ERR, LOG_WARNING,
 * LOG_INFO..., or FG_PRIO_AUTO, the default). Returns the previous one. */
int fg_prio(int prio);

/* The priority FG_PRIO_AUTO gives a line of len bytes. */
int fg_prio_of_line(const char *line, size_t len);

/* "<N>" for prio into buf (at least 4 bytes); the prefix the stream
 * writes, for tests and for callers writing to a raw descriptor. */
void fg_prio_prefix(int prio, char *buf);

#endif /* FG_UTIL_JOURNAL_H */
