/* SPDX-License-Identifier: GPL-2.0-only */
/* "Did you mean": the known name closest to a misspelt one. */
#ifndef FG_UTIL_SUGGEST_H
#define FG_UTIL_SUGGEST_H

#include <stddef.h>

/* Names longer than this are never compared (INT_MAX apart). */
#define FG_SUGGEST_MAX_LEN	64

/* Levenshtein distance: insertions, deletions, substitutions. */
int fg_edit_distance(const char *a, const char *b);

/* Whether known is close enough to name to be offered for it (fewer edits
 * than one per three characters of name, plus one) and closer than best
 * (INT_MAX: none yet), which then gets its distance. */
int fg_suggest_closer(const char *name, const char *known, int *best);

/* The name of names[0..n) (NULLs skipped) closest to name, if close. */
const char *fg_suggest(const char *name, const char *const *names, size_t n);

#endif /* FG_UTIL_SUGGEST_H */
