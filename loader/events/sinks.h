/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where decision events go: auditd (one USER_AVC record each, through
 * libaudit, with an optional rate limit), JSON lines, and key=value text
 * lines. The daemon feeds them; they return errors and count, they do not
 * print.
 */
#ifndef FG_EVENT_SINKS_H
#define FG_EVENT_SINKS_H

#include <stdbool.h>
#include <stdio.h>

#include "events/format.h"
#include "util/err.h"
#include "fwctl_guard.h"
#include "events/rate_limit.h"

struct fg_effects_db;

struct fg_sink_opts {
	bool audit;		/* USER_AVC records through libaudit */
	__u32 audit_rate;	/* records per second; 0: no limit */
	const char *json;	/* path, "-" for stdout, NULL: off */
	const char *text;	/* path, "-" for stdout, NULL: off */
};

struct fg_sinks {
	FILE *json, *text;
	bool close_json, close_text;
	const char *json_path, *text_path;	/* the options' (for reopen) */
	int audit_fd;			/* -1: off */
	struct fg_rate_limit rate;
	__u64 suppressed_unreported;	/* since the last rate-limit record */
	const struct fg_effects_db *db;
	long long boot_offset_ns;	/* CLOCK_REALTIME - CLOCK_BOOTTIME */
	__u64 audit_sent, audit_failed, audit_suppressed, write_errors;
};

/* Open what o names (files are appended to). db may be NULL. */
int fg_sinks_open(struct fg_sinks *s, const struct fg_sink_opts *o,
		  const struct fg_effects_db *db, struct fg_err *err);
void fg_sinks_close(struct fg_sinks *s);

/* One decision; origin: the host and the deciding policy (NULL, or NULL
 * members, when unknown); now_ns: CLOCK_BOOTTIME, for the rate limit. */
void fg_sinks_event(struct fg_sinks *s, const struct fg_event *e,
		    const struct fg_event_origin *origin, __u64 now_ns);

/* Events first..last never arrived; kernel_lost: the kernel's count of
 * events the ring buffer had no room for, in total; host: this host's
 * name (NULL: not known). */
void fg_sinks_gap(struct fg_sinks *s, __u64 first, __u64 last, __u64 kernel_lost,
		  const char *host);

/* Flush the files; -errno of the first failure. */
int fg_sinks_flush(struct fg_sinks *s);

/* Log rotation: flush each file (everything written so far goes to the
 * file as it was, renamed or not), then open its path again and write on
 * there. A path that cannot be opened keeps its old file (err says which;
 * -errno of the first failure); standard output is left as it is. */
int fg_sinks_reopen(struct fg_sinks *s, struct fg_err *err);

/* A record of the guard's own in the audit log (not a decision):
 * audit_type (AUDIT_USER_MAC_POLICY_LOAD, ...) with msg and res=success
 * or res=failed, through a socket of its own. 0 or -errno. */
int fg_audit_record(int audit_type, const char *msg, bool success);

/* JSON and text without the daemon: one event as one line into f. */
/* The sinks' stdio buffering: full, FG_SINK_BUFFER bytes (the daemon
 * flushes after each batch it takes from the ring buffer), so that a burst
 * costs a write per 64 KiB rather than per 4 KiB. Before any output. */
#define FG_SINK_BUFFER	(64 * 1024)
void fg_sink_buffer(FILE *f);

int fg_sink_write_json(FILE *f, const struct fg_event *e, const struct fg_effects_db *db,
		       const struct fg_event_origin *origin, long long boot_offset_ns);
int fg_sink_write_text(FILE *f, const struct fg_event *e, const struct fg_effects_db *db,
		       long long boot_offset_ns);

#endif
