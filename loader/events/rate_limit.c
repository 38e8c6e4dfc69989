// SPDX-License-Identifier: GPL-2.0-only
#include "events/rate_limit.h"

void fg_rate_init(struct fg_rate_limit *r, __u32 per_second)
{
	r->rate = per_second;
	r->tokens = per_second;
	r->last_ns = 0;
}

bool fg_rate_take(struct fg_rate_limit *r, __u64 now_ns)
{
	if (!r->rate)
		return true;
	if (r->last_ns && now_ns > r->last_ns) {
		r->tokens += (double)(now_ns - r->last_ns) * r->rate / 1e9;
		if (r->tokens > r->rate)
			r->tokens = r->rate;
	}
	r->last_ns = now_ns;
	if (r->tokens < 1.0)
		return false;
	r->tokens -= 1.0;
	return true;
}
