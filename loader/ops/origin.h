/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where an event was decided, as its writers (the daemon, `events`) say
 * it beside the record (events/format.h): this host's name, and the name
 * and source hash of the policy of the event's generation, read from the
 * pinned guard while that generation is the active one. The record itself
 * carries only the generation number.
 */
#ifndef FG_OPS_ORIGIN_H
#define FG_OPS_ORIGIN_H

#include <limits.h>

#include "events/format.h"
#include "fwctl_guard.h"
#include "kernel/events.h"

#define FG_ORIGIN_CACHE	8

struct fg_origins {
	char host[HOST_NAME_MAX + 1];
	struct {
		__u64 gen;
		char name[FG_POLICY_NAME_LEN];
		char sha256[65];
	} gens[FG_ORIGIN_CACHE];
	unsigned int next;
	struct fg_event_origin out;
};

/* Start with this host's name ("" when it has none). */
void fg_origins_init(struct fg_origins *o);

/* The origin of an event of generation gen: the policy known while gen is
 * active (cached per generation), else NULL members for it ("?" in audit
 * records, null in JSON). Valid until the next call. */
const struct fg_event_origin *fg_origins_get(struct fg_origins *o, const struct fg_event_maps *m,
					     __u64 gen);

#endif /* FG_OPS_ORIGIN_H */
