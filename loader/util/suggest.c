// SPDX-License-Identifier: GPL-2.0-only
/* "Did you mean" (suggest.h). */
#include <limits.h>
#include <string.h>

#include "util/suggest.h"

int fg_edit_distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j;
	int row[FG_SUGGEST_MAX_LEN + 1];

	if (la > FG_SUGGEST_MAX_LEN || lb > FG_SUGGEST_MAX_LEN)
		return INT_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		int diag = row[0], up;

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

int fg_suggest_closer(const char *name, const char *known, int *best)
{
	int d = fg_edit_distance(name, known);

	if (d >= (int)strlen(name) / 3 + 1 || d >= *best)
		return 0;
	*best = d;
	return 1;
}

const char *fg_suggest(const char *name, const char *const *names, size_t n)
{
	const char *pick = NULL;
	int best = INT_MAX;
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && fg_suggest_closer(name, names[i], &best))
			pick = names[i];
	return pick;
}
