/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `fwctl-guard run`: consume the pinned guard's ring buffer and feed the
 * sinks, account for every event number, reload the policy on SIGHUP
 * (fg_ops_reload), reopen the sinks' files on SIGUSR1 (log rotation),
 * write the metrics textfile, exit on SIGTERM or SIGINT leaving the guard
 * enforcing.
 * Speaks through the caller's logger and report printer.
 */
#ifndef FG_OPS_DAEMON_H
#define FG_OPS_DAEMON_H

#include "events/sinks.h"
#include "ops/ops.h"

struct fg_daemon_opts {
	const struct fg_ops_opts *ops;	/* the guard's pins; reload's inventory */
	const char *lock_path;		/* one daemon per guard */
	struct fg_sink_opts sinks;
	const struct fg_effects_db *db;	/* command names (may be NULL) */
	const char *policy;		/* SIGHUP reloads it; NULL: nothing to reload */
	/* node_exporter's textfile (NULL: none): the metrics (metrics.h),
	 * replaced atomically every second and on the way out. */
	const char *metrics_textfile;
	/* One line of the daemon's log, at a syslog priority (LOG_ERR...). */
	void (*log)(void *ctx, int prio, const char *msg);
	/* What a SIGHUP reload did (ret: fg_ops_reload's). */
	void (*reloaded)(void *ctx, const struct fg_report *r, int ret);
	void *ctx;
};

/* Runs until SIGTERM/SIGINT (0) or a failure (1). */
int fg_daemon_run(const struct fg_daemon_opts *o);

#endif /* FG_OPS_DAEMON_H */
