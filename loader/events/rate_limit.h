/* SPDX-License-Identifier: GPL-2.0-only */
/* A token bucket: at most rate per second on average, bursts up to rate. */
#ifndef FG_RATE_LIMIT_H
#define FG_RATE_LIMIT_H

#include <stdbool.h>

#include <linux/types.h>

struct fg_rate_limit {
	__u32 rate;		/* per second; 0: no limit */
	double tokens;
	__u64 last_ns;
};

void fg_rate_init(struct fg_rate_limit *r, __u32 per_second);

/* May one more go out at now_ns? Takes a token if so. */
bool fg_rate_take(struct fg_rate_limit *r, __u64 now_ns);

#endif
