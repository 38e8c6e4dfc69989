// SPDX-License-Identifier: GPL-2.0-only
/* The two clocks events and counters use, and how times are written. */
#include <stdio.h>
#include <time.h>

#include "util/clock.h"

long long fg_boot_to_realtime_ns(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return (rt.tv_sec - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
}

__u64 fg_boot_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_BOOTTIME, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

void fg_time_format(long long realtime_ns, int frac_digits, char *buf, size_t len)
{
	static const long long div[] = { 1000000000, 100000000, 10000000, 1000000, 100000,
					 10000, 1000, 100, 10, 1 };
	time_t sec = realtime_ns / 1000000000LL;
	struct tm tm;
	size_t n;

	gmtime_r(&sec, &tm);
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	if (frac_digits > 0 && frac_digits <= 9)
		n += snprintf(buf + n, len - n, ".%0*lld", frac_digits,
			      (realtime_ns % 1000000000LL) / div[frac_digits]);
	snprintf(buf + n, len - n, "Z");
}
