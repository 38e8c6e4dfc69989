/* SPDX-License-Identifier: GPL-2.0-only */
/* The number of elements of an array (not a pointer). */
#ifndef FG_UTIL_ARRAY_H
#define FG_UTIL_ARRAY_H

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* FG_UTIL_ARRAY_H */
