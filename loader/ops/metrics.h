/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard's state as metrics, every name prefixed fwctl_guard_, in two
 * text formats from one writer:
 *   OpenMetrics 1.0 (`status --format openmetrics`): counter families
 *     named without _total, info and stateset types, "# EOF" last;
 *   the Prometheus text format 0.0.4 (`run --metrics-textfile`), which
 *     node_exporter's textfile collector reads: the same samples, each
 *     family typed by its sample's name (counter, gauge), no "# EOF".
 * docs/metrics.md lists the metrics.
 */
#ifndef FG_OPS_METRICS_H
#define FG_OPS_METRICS_H

#include <stdio.h>

#include "fwctl_guard.h"
#include "kernel/guard.h"

enum fg_metrics_format {
	FG_METRICS_OPENMETRICS,
	FG_METRICS_PROMETHEUS,
};

/* What the daemon counted itself: the deny and audit decisions it read,
 * by action and reason (NULL: none, as for status). */
struct fg_metrics_daemon {
	__u64 by_reason[FG_ACTION_MAX][FG_REASON_MAX];
	int running;			/* the writer is the running daemon */
};

/* Every metric of st (and d) into f. -EIO when f fails. */
int fg_metrics_write(FILE *f, const struct fg_state *st, const struct fg_metrics_daemon *d,
		     int daemon_running, enum fg_metrics_format fmt);

/* Label value escaping of the text formats: \\, \", \n. */
void fg_metrics_escape(const char *s, char *out, size_t len);

#endif /* FG_OPS_METRICS_H */
