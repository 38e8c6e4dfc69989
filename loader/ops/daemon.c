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
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "events/format.h"
#include "events/notify.h"
#include "events/seq.h"
#include "kernel/events.h"
#include "kernel/guard.h"
#include "ops/daemon.h"
#include "ops/origin.h"
#include "util/clock.h"

#define POLL_MS		100
#define GAP_GRACE_NS	500000000ULL	/* a hole open this long is a loss */

static volatile sig_atomic_t stop, hup;

struct daemon {
	const struct fg_daemon_opts *o;
	struct fg_event_maps m;
	struct fg_sinks sinks;
	struct fg_seq_tracker seq;
	struct fg_daemon_stat st;
	__u64 skipped;			/* records of another version */
	struct fg_origins origins;	/* host, policy name and hash by generation */
};

/* A line of the daemon's log, through the caller's logger. */
static void say(const struct fg_daemon_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(const struct fg_daemon_opts *o, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o->log(o->ctx, msg);
}

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		hup = 1;
	else
		stop = 1;
}

static void on_gap(void *ctx, __u64 first, __u64 last)
{
	struct daemon *d = ctx;
	__u64 lost = 0;

	fg_events_lost(&d->m, &lost);
	say(d->o, "events %llu..%llu (%llu) lost: the ring buffer was full (kernel count %llu "
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
			say(d->o, "skipping records this version cannot read (version %u type %u, "
			    "%zu bytes)",
				len >= 8 ? e->version : 0, len >= 8 ? e->type : 0, len);
		return 0;
	}
	fg_seq_seen(&d->seq, e->seq, on_gap, d);
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

/* One daemon per guard: two would split the events between them. */
static int take_lock(const struct fg_daemon_opts *o)
{
	const char *path = o->lock_path;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		say(o, "cannot open the lock %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		say(o, "%s: %s", path, errno == EWOULDBLOCK
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
		say(o, "SIGHUP: no --policy to reload; the running policy is unchanged");
		return;
	}
	say(o, "SIGHUP: reloading %s", o->policy);
	fg_report_init(&r);
	o->reloaded(o->ctx, &r, fg_ops_reload(o->ops, o->policy, &r));
	fg_report_free(&r);
}

static int loop(struct daemon *d, struct ring_buffer *rb)
{
	__u64 produced, last_publish = 0, now;
	int n;

	while (!stop) {
		n = ring_buffer__poll(rb, POLL_MS);
		if (n < 0 && n != -EINTR) {
			say(d->o, "reading the ring buffer: %s", strerror(-n));
			return 1;
		}
		if (fg_sinks_flush(&d->sinks) && d->sinks.write_errors == 1)
			say(d->o, "writing events: %s (counted in status as sink errors)",
			    strerror(errno));
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
		say(o, "%s", err.msg);
		goto out;
	}
	if (fg_sinks_open(&d.sinks, &o->sinks, o->db, &err)) {
		say(o, "%s", err.msg);
		goto out;
	}
	fg_seq_init(&d.seq);
	rb = ring_buffer__new(d.m.ring, on_event, &d, NULL);
	if (!rb) {
		say(o, "cannot map the ring buffer: %s", strerror(errno));
		goto out;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	d.st.pid = getpid();
	d.st.started_ns = fg_boot_ns();
	publish(&d);
	say(o, "consuming events of the guard at %s (pid %d)%s%s%s", o->ops->pin_dir, getpid(),
	    o->sinks.audit ? ", audit" : "", o->sinks.json ? ", json" : "",
	    o->sinks.text ? ", text" : "");
	fg_notify("READY=1");
	ret = loop(&d, rb);
	fg_notify("STOPPING=1");
	publish(&d);
	say(o, "exiting (%s); the guard stays loaded and enforcing; delivered %llu, missing "
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
