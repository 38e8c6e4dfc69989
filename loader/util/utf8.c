// SPDX-License-Identifier: GPL-2.0-only
/* Whether bytes are valid UTF-8 (utf8.h). */
#include "util/utf8.h"

bool fg_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;

	while (i < n && p[i]) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			len = 2;
		else if (p[i] >= 0xe0 && p[i] <= 0xef)
			len = 3;
		else if (p[i] >= 0xf0 && p[i] <= 0xf4)
			len = 4;
		else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		/* overlong 3/4-byte forms, surrogates, above U+10FFFF */
		if ((p[i] == 0xe0 && p[i + 1] < 0xa0) || (p[i] == 0xed && p[i + 1] > 0x9f) ||
		    (p[i] == 0xf0 && p[i + 1] < 0x90) || (p[i] == 0xf4 && p[i + 1] > 0x8f))
			return false;
		i += len;
	}
	return true;
}
