/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One event as one JSON line, streamed into a buffer: byte for byte what
 * json-c writes for fg_event_to_json() (events/json.h, which stays the
 * reader, for replay and tests), at a fraction of the cost.
 */
#ifndef FG_EVENTS_JSONL_H
#define FG_EVENTS_JSONL_H

#include <stddef.h>

#include "events/format.h"
#include "fwctl_guard.h"

struct fg_effects_db;

/* The largest line an event makes (an exe path of non-UTF-8 bytes, every
 * control escaped), with room to spare. */
#define FG_JSONL_MAX	8192

/* The line, with its newline, into buf: its length, or -ENOSPC when len is
 * too small. db names mlx5/bnxt commands (NULL: numbers only); origin as
 * for fg_event_to_json; boot_offset_ns dates the event
 * (fg_boot_to_realtime_ns). */
int fg_event_jsonl(const struct fg_event *e, const struct fg_effects_db *db,
		   const struct fg_event_origin *origin, long long boot_offset_ns, char *buf,
		   size_t len);

#endif /* FG_EVENTS_JSONL_H */
