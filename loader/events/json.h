/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One decision event as one JSON object (json-c), and back. Every field of
 * struct fg_event is in the object, under a name rather than a number where
 * the ABI has one; strings that are not valid UTF-8 (comm, exe are the
 * caller's bytes) also come as hex (comm_hex, exe_hex) so that nothing is
 * lost and the line stays valid JSON.
 */
#ifndef FG_EVENT_JSON_H
#define FG_EVENT_JSON_H

#include <json-c/json.h>

#include "events/format.h"
#include "util/err.h"
#include "fwctl_guard.h"

struct fg_effects_db;

/* The JSON layout's version, the object's "schema" key: 2 added schema,
 * fwctl_guard_version, host, policy, policy_sha256, and named the mlx5
 * firmware uid cmd.fw_uid (cmd.uid before). "version" stays the record's
 * ABI version (FG_EVENT_VERSION). */
#define FG_JSON_SCHEMA	2

/* A new object (json_object_put it), NULL on allocation failure. db names
 * mlx5/bnxt commands (NULL: numbers only); origin: host, policy name and
 * hash (NULL, or NULL members: null in the object); boot_offset_ns dates
 * the event (see fg_boot_to_realtime_ns). */
struct json_object *fg_event_to_json(const struct fg_event *e, const struct fg_effects_db *db,
				     const struct fg_event_origin *origin, long long boot_offset_ns);

/* The object fg_event_to_json made (this schema or an earlier one), back
 * into the record: 0, or -EINVAL with err naming the key that is missing
 * or wrong. */
int fg_event_from_json(struct json_object *o, struct fg_event *e, struct fg_err *err);

/* Its origin: pointers into o (valid while o is), NULL where absent. */
void fg_event_origin_from_json(struct json_object *o, struct fg_event_origin *origin);

/* A gap in the event numbers, as the daemon reports it: seq first..last
 * never arrived (host: NULL when not known). */
struct json_object *fg_gap_to_json(__u64 first, __u64 last, __u64 kernel_lost, const char *host,
				   long long realtime_ns);

#endif
