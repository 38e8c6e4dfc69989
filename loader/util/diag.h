/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Diagnostics of the policy and effects-table front ends, in one place:
 * create one at a location (with the source line it points into and the
 * chain of includes that led there), collect warnings, and print them the
 * way compilers do:
 *
 *   inner.policy:2:15: error: unknown scope 'debug-writ' (expected ...)
 *     deny scope >= debug-writ
 *                   ^~~~~~~~~~
 *     included from site.policy:4
 */
#ifndef FG_UTIL_DIAG_H
#define FG_UTIL_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Where and why an input was refused or warned about. line 0: the file as
 * a whole (it cannot be read, it is too large...). */
struct fg_diag {
	char file[256];
	int line;		/* 1-based; 0: no location */
	int col;		/* 1-based */
	int len;		/* span length, >= 1 */
	char msg[256];
	char source[256];	/* the offending line, without its newline */
	/* The includes that led to file, innermost first, one "file:line"
	 * per line; "" for a main file. */
	char chain[256];
};

/* Findings that do not stop a check or a load. */
#define FG_MAX_WARNINGS		64
struct fg_diags {
	struct fg_diag warn[FG_MAX_WARNINGS];
	size_t nwarn;
	size_t dropped;		/* warnings beyond FG_MAX_WARNINGS */
};

/* Fill d for file:line:col (len columns) in the source line src (src_len
 * bytes, no newline needed); the message from fmt. The chain is emptied.
 * Returns -EINVAL, for "return fg_diag_vset(...)". */
int fg_diag_vset(struct fg_diag *d, const char *file, int line, const char *src, int src_len,
		 int col, int len, const char *fmt, va_list ap);

/* The same with the source line read from the file itself (empty when the
 * file is gone): for findings made after the text is no longer at hand. */
int fg_diag_at_file(struct fg_diag *d, const char *file, int line, int col, int len,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* A finding about a file as a whole (line 0). Returns -EINVAL. */
int fg_diag_file(struct fg_diag *d, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Add "file:line" to the include chain (call from the innermost include
 * outwards). */
void fg_diag_chain_add(struct fg_diag *d, const char *file, int line);

/* The next free warning slot, emptied; NULL (and counted as dropped) when
 * the list is full. */
struct fg_diag *fg_diags_add(struct fg_diags *w);

/* Whether a warning with this exact message is already in the list. */
bool fg_diags_has(const struct fg_diags *w, const char *msg);

/* What a diagnostic shows of the input it quotes: a quoted value ('...')
 * in a message up to FG_DIAG_QUOTE_MAX columns, the source line up to
 * FG_DIAG_LINE_MAX columns around the span (cut ends shown as "..."). */
#define FG_DIAG_QUOTE_MAX	64
#define FG_DIAG_LINE_MAX	120

/* s (at most n bytes, up to a NUL) made safe for a terminal: printable
 * ASCII and valid UTF-8 stay, tabs too; control characters, DEL, C1
 * controls and bytes that are not UTF-8 become \xNN. Into out (len bytes,
 * NUL-terminated, cut at a whole character); returns its length. */
size_t fg_escape(const char *s, size_t n, char *out, size_t len);

/* A message escaped as fg_escape does, with each quoted value ('...')
 * longer than FG_DIAG_QUOTE_MAX cut to fit ("'abc...'"). */
void fg_escape_capped(const char *msg, char *out, size_t len);

/* file:line:col: severity: msg, then the source line, a caret under the
 * span and the include chain ("file: severity: msg" without a location);
 * every part that comes from the input escaped and capped as above. */
void fg_diag_print(FILE *f, const struct fg_diag *d, const char *severity);

/* Every warning of w with fg_diag_print; returns how many were dropped
 * (the caller says so in its own words). */
size_t fg_diags_print(FILE *f, const struct fg_diags *w);

#endif /* FG_UTIL_DIAG_H */
