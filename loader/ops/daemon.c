// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event daemon. Enforcement never waits for it: the BPF programs only
 * write to the ring buffer, and count what did not fit. The daemon takes
 * records out, numbers tell it what it never got (gaps, reported to every
 * sink once they stay open for GAP_GRACE_NS), and it publishes its own
 * counters in the fg_daemon map for `status`.
 *
 * What a SIGKILL costs: records taken from the ring buffer but not yet
 * written out (at most one poll's batch; files are flushed after each).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "events/format.h"
#include "events/notify.h"
#include "events/seq.h"
#include "kernel/events.h"
#include "kernel/guard.h"
#include "ops/daemon.h"
#include "ops/metrics.h"
#include "ops/origin.h"
#include "util/atomic_file.h"
#include "util/clock.h"

#define POLL_MS		100
#define GAP_GRACE_NS	500000000ULL	/* a hole open this long is a loss */
#define METRICS_NS	1000000000ULL	/* the textfile's period */

static volatile sig_atomic_t stop, hup, usr1;

struct daemon {
	const struct fg_daemon_opts *o;
	struct fg_event_maps m;
	struct fg_sinks sinks;
	struct fg_seq_tracker seq;
	struct fg_daemon_stat st;
	__u64 skipped;			/* records of another version */
	struct fg_origins origins;	/* host, policy name and hash by generation */
	struct fg_metrics_daemon mx;	/* decisions read, by action and reason */
	bool metrics_failed;		/* said once */
};

/* A line of the daemon's log, through the caller's logger. */
static void say(const struct fg_daemon_opts *o, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(const struct fg_daemon_opts *o, int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o->log(o->ctx, prio, msg);
}

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		hup = 1;
	else if (sig == SIGUSR1)
		usr1 = 1;
	else
		stop = 1;
}

static void on_gap(void *ctx, __u64 first, __u64 last)
{
	struct daemon *d = ctx;
	__u64 lost = 0;

	fg_events_lost(&d->m, &lost);
	say(d->o, LOG_WARNING, "events %llu..%llu (%llu) lost: the ring buffer was full (kernel count %llu "
	    "in total)", (unsigned long long)first,
		(unsigned long long)last, (unsigned long long)(last - first + 1),
		(unsigned long long)lost);
	fg_sinks_gap(&d->sinks, first, last, lost, d->origins.host[0] ? d->origins.host : NULL);
}

static int on_event(void *ctx, void *data, size_t len)
{
	const struct fg_event *e = data;
	struct daemon *d = ctx;

	if (!fg_event_readable(e, len)) {
		if (!d->skipped++)
			say(d->o, LOG_WARNING, "skipping records this version cannot read (version %u type %u, "
			    "%zu bytes)",
				len >= 8 ? e->version : 0, len >= 8 ? e->type : 0, len);
		return 0;
	}
	fg_seq_seen(&d->seq, e->seq, on_gap, d);
	if (e->action < FG_ACTION_MAX && e->reason < FG_REASON_MAX)
		d->mx.by_reason[e->action][e->reason]++;
	if (!d->st.first_seq)
		d->st.first_seq = e->seq;
	fg_sinks_event(&d->sinks, e, fg_origins_get(&d->origins, &d->m, e->gen), fg_boot_ns());
	return 0;
}

static void publish(struct daemon *d)
{
	d->st.updated_ns = fg_boot_ns();
	d->st.last_seq = d->seq.next ? d->seq.next - 1 : 0;
	d->st.delivered = d->seq.delivered;
	d->st.missing = d->seq.missing;
	d->st.audit_sent = d->sinks.audit_sent;
	d->st.audit_failed = d->sinks.audit_failed;
	d->st.audit_suppressed = d->sinks.audit_suppressed;
	d->st.sink_errors = d->sinks.write_errors;
	fg_daemon_stat_write(&d->m, &d->st);
}

/* The metrics textfile, replaced in one step (node_exporter may read it
 * at any moment). A failure is said once, and again after a success. */
static void write_metrics(struct daemon *d, bool running)
{
	const struct fg_daemon_opts *o = d->o;
	struct fg_state st = {};
	struct fg_err err = {};
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int ret;

	if (!o->metrics_textfile)
		return;
	ret = fg_guard_state(o->ops->pin_dir, &st, &err);
	if (!ret) {
		f = open_memstream(&buf, &len);
		if (!f) {
			ret = fg_errf(&err, -errno, "metrics");
		} else {
			ret = fg_metrics_write(f, &st, &d->mx, running, FG_METRICS_PROMETHEUS);
			if (fclose(f) && !ret)
				ret = -errno;
			if (ret)
				fg_errf(&err, ret, "metrics");
		}
	}
	if (!ret)
		ret = fg_write_atomic(o->metrics_textfile, buf, len, 0644, &err);
	free(buf);
	fg_state_free(&st);
	if (ret && !d->metrics_failed)
		say(o, LOG_ERR, "metrics textfile: %s", err.msg);
	d->metrics_failed = ret != 0;
}

/* SIGUSR1, after logrotate renamed the files: everything read so far is
 * in the old files; what comes next goes to new ones. */
static void reopen(struct daemon *d)
{
	struct fg_err err = {};

	if (fg_sinks_reopen(&d->sinks, &err))
		say(d->o, LOG_ERR, "SIGUSR1: %s; writing on into the file already open",
		    err.msg);
	else
		say(d->o, LOG_INFO, "SIGUSR1: files reopened");
}

/* One daemon per guard: two would split the events between them. */
static int take_lock(const struct fg_daemon_opts *o)
{
	const char *path = o->lock_path;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		say(o, LOG_ERR, "cannot open the lock %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		say(o, LOG_ERR, "%s: %s", path, errno == EWOULDBLOCK
		    ? "another 'fwctl-guard run' is consuming this guard's events"
		    : strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* SIGHUP: the policy file again, as `reload` would; the running policy
 * stays when anything fails. */
static void reload(const struct fg_daemon_opts *o)
{
	struct fg_report r;

	if (!o->policy) {
		say(o, LOG_WARNING, "SIGHUP: no --policy to reload; the running policy is unchanged");
		return;
	}
	say(o, LOG_INFO, "SIGHUP: reloading %s", o->policy);
	fg_report_init(&r);
	o->reloaded(o->ctx, &r, fg_ops_reload(o->ops, o->policy, &r));
	fg_report_free(&r);
}

static int loop(struct daemon *d, struct ring_buffer *rb)
{
	__u64 produced, last_publish = 0, last_metrics = 0, now;
	int n;

	while (!stop) {
		n = ring_buffer__poll(rb, POLL_MS);
		if (n < 0 && n != -EINTR) {
			say(d->o, LOG_ERR, "reading the ring buffer: %s", strerror(-n));
			return 1;
		}
		if (fg_sinks_flush(&d->sinks) && d->sinks.write_errors == 1)
			say(d->o, LOG_ERR, "writing events: %s (counted in status as sink errors)",
			    strerror(errno));
		if (usr1) {
			usr1 = 0;
			reopen(d);
		}
		if (hup) {
			hup = 0;
			fg_notify("RELOADING=1");
			reload(d->o);
			fg_notify("READY=1");
		}
		now = fg_boot_ns();
		if (!fg_events_produced(&d->m, &produced))
			fg_seq_settle(&d->seq, produced, now, GAP_GRACE_NS, on_gap, d);
		if (now - last_publish >= POLL_MS * 1000000ULL) {
			publish(d);
			last_publish = now;
		}
		if (now - last_metrics >= METRICS_NS) {
			write_metrics(d, true);
			last_metrics = now;
		}
	}
	/* What is in the ring buffer now: written out, not left to the next
	 * daemon (which would also get it); no gap is declared on the way out. */
	ring_buffer__consume(rb);
	fg_sinks_flush(&d->sinks);
	return 0;
}

int fg_daemon_run(const struct fg_daemon_opts *o)
{
	struct daemon d = { .o = o };
	struct ring_buffer *rb = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	struct fg_err err = {};
	int lock, ret = 1;

	d.sinks.audit_fd = -1;
	fg_origins_init(&d.origins);
	lock = take_lock(o);
	if (lock < 0)
		return 1;
	d.m.ring = -1;
	if (fg_guard_event_maps(o->ops->pin_dir, &d.m, &err)) {
		say(o, LOG_ERR, "%s", err.msg);
		goto out;
	}
	if (fg_sinks_open(&d.sinks, &o->sinks, o->db, &err)) {
		say(o, LOG_ERR, "%s", err.msg);
		goto out;
	}
	fg_seq_init(&d.seq);
	rb = ring_buffer__new(d.m.ring, on_event, &d, NULL);
	if (!rb) {
		say(o, LOG_ERR, "cannot map the ring buffer: %s", strerror(errno));
		goto out;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	d.st.pid = getpid();
	d.st.started_ns = fg_boot_ns();
	publish(&d);
	say(o, LOG_INFO, "consuming events of the guard at %s (pid %d)%s%s%s", o->ops->pin_dir, getpid(),
	    o->sinks.audit ? ", audit" : "", o->sinks.json ? ", json" : "",
	    o->sinks.text ? ", text" : "");
	fg_notify("READY=1");
	ret = loop(&d, rb);
	fg_notify("STOPPING=1");
	publish(&d);
	write_metrics(&d, false);
	say(o, ret ? LOG_ERR : LOG_INFO, "exiting (%s); the guard stays loaded and enforcing; delivered %llu, missing "
	    "%llu, audit sent %llu failed %llu suppressed %llu", ret ? "error" : "signal", (unsigned long long)d.seq.delivered,
		(unsigned long long)d.seq.missing, (unsigned long long)d.sinks.audit_sent,
		(unsigned long long)d.sinks.audit_failed,
		(unsigned long long)d.sinks.audit_suppressed);
out:
	ring_buffer__free(rb);
	fg_sinks_close(&d.sinks);
	fg_event_maps_close(&d.m);
	close(lock);
	return ret;
}
