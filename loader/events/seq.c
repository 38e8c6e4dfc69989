// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "events/seq.h"

#define BIT_WORD(s)	(((s) % FG_SEQ_WINDOW) / 64)
#define BIT_MASK(s)	(1ull << ((s) % 64))

void fg_seq_init(struct fg_seq_tracker *t)
{
	memset(t, 0, sizeof(*t));
}

static bool seen(const struct fg_seq_tracker *t, __u64 s)
{
	return t->bits[BIT_WORD(s)] & BIT_MASK(s);
}

/* Account for every number below upto: seen ones are dropped from the
 * window, unseen ones are declared missing, in runs. */
static void account_below(struct fg_seq_tracker *t, __u64 upto, fg_seq_gap_fn gap, void *ctx)
{
	__u64 run = 0;

	for (; t->next < upto; t->next++) {
		if (seen(t, t->next)) {
			t->bits[BIT_WORD(t->next)] &= ~BIT_MASK(t->next);
			if (run) {
				gap(ctx, run, t->next - 1);
				run = 0;
			}
			continue;
		}
		t->missing++;
		if (!run)
			run = t->next;
	}
	if (run)
		gap(ctx, run, upto - 1);
}

/* Move next over the numbers seen in a row. */
static void advance(struct fg_seq_tracker *t)
{
	while (t->next <= t->high && seen(t, t->next)) {
		t->bits[BIT_WORD(t->next)] &= ~BIT_MASK(t->next);
		t->next++;
	}
}

void fg_seq_seen(struct fg_seq_tracker *t, __u64 seq, fg_seq_gap_fn gap, void *ctx)
{
	if (!seq)
		return;
	if (!t->next)
		t->next = seq;	/* a reader starts where the ring buffer is */
	if (seq < t->next) {
		/* declared missing already: it was only late */
		t->late++;
		t->missing--;
		t->delivered++;
		return;
	}
	if (seq >= t->next + FG_SEQ_WINDOW)
		account_below(t, seq - FG_SEQ_WINDOW + 1, gap, ctx);
	t->bits[BIT_WORD(seq)] |= BIT_MASK(seq);
	t->delivered++;
	if (seq > t->high)
		t->high = seq;
	advance(t);
}

void fg_seq_settle(struct fg_seq_tracker *t, __u64 produced, __u64 now_ns, __u64 grace_ns,
		   fg_seq_gap_fn gap, void *ctx)
{
	if (!t->next)
		return;		/* nothing seen yet: nothing to compare with */
	if (produced > t->high) {
		/* the last ones never arrived (yet) */
		if (produced >= t->next + FG_SEQ_WINDOW)
			account_below(t, produced - FG_SEQ_WINDOW + 1, gap, ctx);
		t->high = produced;
	}
	advance(t);
	if (t->next > t->high) {
		t->hole_since_ns = 0;
		return;
	}
	if (!t->hole_since_ns) {
		t->hole_since_ns = now_ns;
		t->hole_high = t->high;
		return;
	}
	if (now_ns - t->hole_since_ns < grace_ns)
		return;
	account_below(t, t->hole_high + 1, gap, ctx);
	advance(t);
	t->hole_since_ns = t->next <= t->high ? now_ns : 0;
	t->hole_high = t->high;
}
