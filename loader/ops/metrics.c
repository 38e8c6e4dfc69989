// SPDX-License-Identifier: GPL-2.0-only
/* The guard's state as OpenMetrics or Prometheus text (metrics.h). */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "fg_version.h"
#include "ops/metrics.h"
#include "util/names.h"

#define P	"fwctl_guard_"

struct w {
	FILE *f;
	enum fg_metrics_format fmt;
	const char *sample;	/* the current family's sample name */
	char name[128];
};

enum kind { COUNTER, GAUGE, INFO, STATESET };

/* "# TYPE" and "# HELP" of a family; its samples are then w->name. */
static void family(struct w *w, const char *base, enum kind k, const char *help)
{
	static const char *const om[] = { "counter", "gauge", "info", "stateset" };
	static const char *const prom[] = { "counter", "gauge", "gauge", "gauge" };
	static const char *const suffix[] = { "_total", "", "_info", "" };
	bool open = w->fmt == FG_METRICS_OPENMETRICS;

	snprintf(w->name, sizeof(w->name), P "%s%s", base, suffix[k]);
	fprintf(w->f, "# TYPE %s%s %s\n", open ? P : w->name, open ? base : "",
		open ? om[k] : prom[k]);
	fprintf(w->f, "# HELP %s%s %s\n", open ? P : w->name, open ? base : "", help);
}

void fg_metrics_escape(const char *s, char *out, size_t len)
{
	size_t o = 0;

	for (; *s && o + 3 < len; s++) {
		if (*s == '\\' || *s == '"') {
			out[o++] = '\\';
			out[o++] = *s;
		} else if (*s == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
}

/* One sample: labels as "k1", "v1", ..., NULL (values escaped here). */
static void sample(struct w *w, unsigned long long v, ...)
{
	const char *k, *val;
	char esc[1024];
	va_list ap;
	int n = 0;

	fputs(w->name, w->f);
	va_start(ap, v);
	while ((k = va_arg(ap, const char *))) {
		val = va_arg(ap, const char *);
		fg_metrics_escape(val, esc, sizeof(esc));
		fprintf(w->f, "%s%s=\"%s\"", n++ ? "," : "{", k, esc);
	}
	va_end(ap);
	fprintf(w->f, "%s %llu\n", n ? "}" : "", v);
}

static const char *const stat_action[] = {
	[FG_STAT_ALLOWED] = "allow", [FG_STAT_DENIED] = "deny", [FG_STAT_AUDITED] = "audit",
	[FG_STAT_PERMITTED] = "permit",
};

int fg_metrics_write(FILE *f, const struct fg_state *st, const struct fg_metrics_daemon *d,
		     int daemon_running, enum fg_metrics_format fmt)
{
	struct w w = { .f = f, .fmt = fmt };
	const struct fg_daemon_stat *ds = &st->daemon;
	char sha[65], num[16], line[16];
	unsigned int i, a, r, hooks = 0;
	__u32 mode;

	family(&w, "loaded", GAUGE, "1 while a guard is loaded.");
	sample(&w, 1, NULL);
	family(&w, "build", INFO, "This fwctl-guard's version.");
	sample(&w, 1, "version", FG_VERSION, NULL);

	family(&w, "policy", INFO, "The policy in force: name, source file, SHA-256 of its "
	       "sources and effects tables, mode, default action.");
	if (st->has_gen) {
		for (i = 0; i < 32; i++)
			sprintf(sha + 2 * i, "%02x", st->hdr.hash[i]);
		sample(&w, 1, "name", st->hdr.name, "source", st->hdr.source, "sha256", sha,
		       "mode", fg_mode_name(st->hdr.mode), "default",
		       fg_action_name(st->hdr.default_action), NULL);
	}
	family(&w, "policy_generation", GAUGE, "The generation in force (1 at load, one more "
	       "per reload; 0: no policy installed, every RPC denied).");
	sample(&w, st->has_gen ? st->hdr.gen : 0, NULL);
	family(&w, "policy_rules", GAUGE, "Rules of the policy in force.");
	sample(&w, st->has_gen ? st->hdr.nrules : 0, NULL);

	family(&w, "seal", STATESET, "The seal: none (changes allowed and reported), reload "
	       "(only the loader's reload) or sealed (nothing changes until reboot).");
	for (mode = 0; mode < FG_SEAL_MODE_MAX; mode++)
		sample(&w, st->seal.mode == mode, P "seal", fg_seal_name(mode), NULL);

	family(&w, "decisions", COUNTER, "RPCs and ioctls judged, by the action taken (permit: "
	       "denied by the policy, allowed by permissive mode), since load.");
	for (i = 0; i < FG_STAT_MAX; i++)
		if (i < sizeof(stat_action) / sizeof(stat_action[0]) && stat_action[i])
			sample(&w, st->stats[i], "action", stat_action[i], NULL);
	family(&w, "tampered", COUNTER, "Requests changed after the guard read them, or scope 3 "
	       "refused, since load.");
	sample(&w, st->stats[FG_STAT_TAMPERED], NULL);
	family(&w, "guard_changes_refused", COUNTER, "Changes to the sealed guard refused.");
	sample(&w, st->stats[FG_STAT_GUARD_REFUSED], NULL);

	family(&w, "rule_hits", COUNTER, "Decisions each rule of the policy in force made, by "
	       "action (rule: its index; line: in the policy).");
	for (i = 0; i < st->nrules; i++) {
		snprintf(num, sizeof(num), "%u", i);
		snprintf(line, sizeof(line), "%u", st->rules[i].info.line);
		sample(&w, st->rules[i].stat.allowed, "rule", num, "line", line, "action", "allow",
		       NULL);
		sample(&w, st->rules[i].stat.denied, "rule", num, "line", line, "action", "deny",
		       NULL);
		sample(&w, st->rules[i].stat.audited, "rule", num, "line", line, "action", "audit",
		       NULL);
	}

	if (d) {
		family(&w, "event_decisions", COUNTER, "Deny and audit decisions the event daemon "
		       "read, by action and reason, since it started.");
		for (a = 0; a < FG_ACTION_MAX; a++)
			for (r = 0; r < FG_REASON_MAX; r++)
				if (a != FG_ACTION_ALLOW)
					sample(&w, d->by_reason[a][r], "action", fg_action_name(a),
					       "reason", fg_reason_name(r), NULL);
	}

	family(&w, "events_produced", COUNTER, "Decision events the guard produced (deny and "
	       "audit decisions), since load.");
	sample(&w, st->events_produced, NULL);
	family(&w, "events_lost", COUNTER, "Events dropped in the kernel: the ring buffer was "
	       "full.");
	sample(&w, st->stats[FG_STAT_EVENTS_LOST], NULL);
	family(&w, "events_delivered", COUNTER, "Events the event daemon read, since it "
	       "started.");
	sample(&w, ds->delivered, NULL);
	family(&w, "events_missing", COUNTER, "Event numbers the event daemon never received.");
	sample(&w, ds->missing, NULL);
	family(&w, "audit_records", COUNTER, "USER_AVC records of the event daemon, by result.");
	sample(&w, ds->audit_sent, "result", "sent", NULL);
	sample(&w, ds->audit_failed, "result", "failed", NULL);
	sample(&w, ds->audit_suppressed, "result", "suppressed", NULL);
	family(&w, "sink_errors", COUNTER, "JSON and text writes of the event daemon that "
	       "failed.");
	sample(&w, ds->sink_errors, NULL);
	family(&w, "daemon_running", GAUGE, "1 while the event daemon runs.");
	sample(&w, daemon_running ? 1 : 0, NULL);

	for (i = 0; i < FG_NPROGS; i++)
		hooks += st->links[i].pinned;
	family(&w, "hooks_attached", GAUGE, "The guard's programs attached.");
	sample(&w, hooks, NULL);
	family(&w, "devices", GAUGE, "fwctl devices in the guard's registry.");
	sample(&w, st->devices.n, NULL);

	if (fmt == FG_METRICS_OPENMETRICS)
		fputs("# EOF\n", f);
	return ferror(f) ? -EIO : 0;
}
