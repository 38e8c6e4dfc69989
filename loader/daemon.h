/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `fwctl-guard run`: consume the pinned guard's ring buffer and feed the
 * sinks, account for every event number, reload on SIGHUP, exit on SIGTERM
 * or SIGINT leaving the guard enforcing. Reports on stderr.
 */
#ifndef FG_DAEMON_H
#define FG_DAEMON_H

#include "event_sinks.h"

struct fg_daemon_opts {
	const char *pin_dir;
	const char *lock_path;		/* one daemon per guard */
	struct fg_sink_opts sinks;
	const struct fg_effects_db *db;	/* command names (may be NULL) */
	/* SIGHUP: switch the policy; reports itself; 0 or an exit status */
	int (*reload)(void *ctx);
	void *reload_ctx;
};

/* Runs until SIGTERM/SIGINT (0) or a failure (1). */
int fg_daemon_run(const struct fg_daemon_opts *o);

#endif
