/* SPDX-License-Identifier: GPL-2.0-only */
/* The two clocks events and counters use, and how times are written. */
#ifndef FG_UTIL_CLOCK_H
#define FG_UTIL_CLOCK_H

#include <stddef.h>

#include <linux/types.h>

/* Offset CLOCK_REALTIME - CLOCK_BOOTTIME, to date events. */
long long fg_boot_to_realtime_ns(void);

/* CLOCK_BOOTTIME now, in ns (event times, daemon counters). */
__u64 fg_boot_ns(void);

/* realtime_ns as RFC 3339 UTC with frac_digits (0, 3, 6 or 9) of the
 * second: "2026-11-21T04:28:34.556475Z". buf: at least 40 bytes. */
void fg_time_format(long long realtime_ns, int frac_digits, char *buf, size_t len);

#endif /* FG_UTIL_CLOCK_H */
