/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard's event state in its pinned maps: how many events
 * were produced and lost, the recent ones (without taking them from the
 * ring buffer's consumer), the daemon's own counters, and the name of the
 * policy that decided.
 */
#ifndef FG_KERNEL_EVENTS_H
#define FG_KERNEL_EVENTS_H

#include <stddef.h>

#include "fwctl_guard.h"
#include "util/err.h"

/* The pinned maps event readers use; -1 where not open. */
struct fg_event_maps {
	int ring;		/* ring buffer of struct fg_event */
	int seq;		/* the last seq produced */
	int recent;		/* the last FG_RECENT_EVENTS events */
	int stats;		/* per-CPU counters (events lost) */
	int daemon;		/* struct fg_daemon_stat */
	int gens;		/* the active generation (policy name) */
};

/* Open them (the ring buffer's consumer page is mapped writable and the
 * daemon writes its counters; the rest is only read). */
int fg_guard_event_maps(const char *pin_dir, struct fg_event_maps *m, struct fg_err *err);
void fg_event_maps_close(struct fg_event_maps *m);

/* seq of the last event produced (0: none yet). 0 or -errno. */
int fg_events_produced(const struct fg_event_maps *m, __u64 *seq);

/* Events the ring buffer had no room for, summed over CPUs. */
int fg_events_lost(const struct fg_event_maps *m, __u64 *lost);

/* The recent events numbered above after, oldest first, into out (room for
 * FG_RECENT_EVENTS); *n: how many. A slot overwritten while it was read
 * is skipped (its number is then above what the caller asked for next
 * time, which reads as a gap). */
int fg_events_recent(const struct fg_event_maps *m, __u64 after, struct fg_event *out, size_t *n);

int fg_daemon_stat_read(const struct fg_event_maps *m, struct fg_daemon_stat *st);
int fg_daemon_stat_write(const struct fg_event_maps *m, const struct fg_daemon_stat *st);

#endif /* FG_KERNEL_EVENTS_H */
