/* SPDX-License-Identifier: GPL-2.0-only */
/* Whether bytes are valid UTF-8. */
#ifndef FG_UTIL_UTF8_H
#define FG_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Is s (n bytes, up to a NUL) valid UTF-8: no stray continuation byte, no
 * overlong form, no surrogate, nothing above U+10FFFF? Control characters
 * count as valid (writers escape them). */
bool fg_utf8_valid(const char *s, size_t n);

#endif /* FG_UTIL_UTF8_H */
