// SPDX-License-Identifier: GPL-2.0-only
/* The guard's event state in its pinned maps (events.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kernel/events.h"
#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/maps.h"
#include "kernel/pins.h"

int fg_events_produced(const struct fg_event_maps *m, __u64 *seq)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(m->seq, &zero, seq) ? -errno : 0;
}

int fg_events_lost(const struct fg_event_maps *m, __u64 *lost)
{
	return fg_map_percpu_sum(m->stats, FG_STAT_EVENTS_LOST, lost);
}

static int by_seq(const void *a, const void *b)
{
	const struct fg_event *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int fg_events_recent(const struct fg_event_maps *m, __u64 after, struct fg_event *out, size_t *n)
{
	__u32 slot;

	*n = 0;
	for (slot = 0; slot < FG_RECENT_EVENTS; slot++) {
		struct fg_event *e = &out[*n];

		if (bpf_map_lookup_elem(m->recent, &slot, e))
			return -errno;
		/* empty, already shown, or torn by a writer (slot mismatch) */
		if (!e->seq || e->seq <= after || e->seq % FG_RECENT_EVENTS != slot ||
		    e->size != sizeof(*e))
			continue;
		(*n)++;
	}
	qsort(out, *n, sizeof(*out), by_seq);
	return 0;
}

int fg_daemon_stat_read(const struct fg_event_maps *m, struct fg_daemon_stat *st)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(m->daemon, &zero, st) ? -errno : 0;
}

int fg_daemon_stat_write(const struct fg_event_maps *m, const struct fg_daemon_stat *st)
{
	__u32 zero = 0;

	return bpf_map_update_elem(m->daemon, &zero, st, BPF_ANY) ? -errno : 0;
}

void fg_event_maps_close(struct fg_event_maps *m)
{
	int *fds[] = { &m->ring, &m->seq, &m->recent, &m->stats, &m->daemon, &m->gens };
	unsigned int i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}

int fg_guard_event_maps(const char *pin_dir, struct fg_event_maps *m, struct fg_err *err)
{
	/* The ring buffer's consumer page is mapped writable, and the daemon
	 * writes its counters: the rest is only read. */
	struct { int *fd; const char *name; __u32 flags; } pins[] = {
		{ &m->ring, FG_PIN(fg_events), 0 }, { &m->seq, FG_PIN(fg_event_seq), BPF_F_RDONLY },
		{ &m->recent, FG_PIN(fg_recent), BPF_F_RDONLY }, { &m->stats, FG_PIN(fg_stats), BPF_F_RDONLY },
		{ &m->daemon, FG_PIN(fg_daemon), 0 }, { &m->gens, FG_PIN(fg_gens), BPF_F_RDONLY },
	};
	unsigned int i;

	m->ring = m->seq = m->recent = m->stats = m->daemon = m->gens = -1;
	if (!fg_guard_is_loaded(pin_dir))
		return fg_errf(err, -ENOENT, "no guard is loaded at %s", pin_dir);
	for (i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		*pins[i].fd = fg_pinned_fd(pin_dir, pins[i].name, pins[i].flags, err);
		if (*pins[i].fd < 0) {
			int ret = *pins[i].fd;

			*pins[i].fd = -1;
			fg_event_maps_close(m);
			return ret;
		}
	}
	return 0;
}
