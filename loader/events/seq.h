/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which event numbers (struct fg_event.seq) a reader has seen, and which it
 * never will. Records can arrive slightly out of order (the number is taken
 * before the ring buffer slot), so a hole is only declared missing once it
 * has stayed open for a grace period, or once it falls out of the window.
 */
#ifndef FG_EVENT_SEQ_H
#define FG_EVENT_SEQ_H

#include <stdbool.h>

#include <linux/types.h>

#define FG_SEQ_WINDOW	8192	/* numbers tracked above the lowest open one */

struct fg_seq_tracker {
	__u64 next;		/* every number below is accounted for; 0: none seen */
	__u64 high;		/* the highest number seen or known produced */
	__u64 hole_since_ns;	/* when the hole at next was noticed; 0: none */
	__u64 hole_high;	/* high at that time */
	__u64 delivered;	/* numbers seen (each once) */
	__u64 missing;		/* numbers declared missing */
	__u64 late;		/* seen after being declared missing */
	__u64 bits[FG_SEQ_WINDOW / 64];	/* seen, by seq % FG_SEQ_WINDOW */
};

/* Called with each run of missing numbers first..last as it is declared. */
typedef void (*fg_seq_gap_fn)(void *ctx, __u64 first, __u64 last);

void fg_seq_init(struct fg_seq_tracker *t);

/* A record numbered seq arrived. */
void fg_seq_seen(struct fg_seq_tracker *t, __u64 seq, fg_seq_gap_fn gap, void *ctx);

/* After draining the ring buffer: produced is the producer's last number
 * (0: unknown). Holes open for grace_ns or more are declared missing. */
void fg_seq_settle(struct fg_seq_tracker *t, __u64 produced, __u64 now_ns, __u64 grace_ns,
		   fg_seq_gap_fn gap, void *ctx);

#endif
