// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <libaudit.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "events/audit.h"
#include "util/clock.h"
#include "events/format.h"
#include "events/json.h"
#include "events/jsonl.h"
#include "events/sinks.h"

void fg_sink_buffer(FILE *f)
{
	setvbuf(f, NULL, _IOFBF, FG_SINK_BUFFER);
}

static FILE *open_sink(const char *path, bool *close_it, struct fg_err *err)
{
	FILE *f;

	*close_it = false;
	if (!strcmp(path, "-")) {
		f = stdout;
	} else {
		f = fopen(path, "ae");
		if (!f) {
			fg_errf(err, -errno, "cannot open %s", path);
			return NULL;
		}
		*close_it = true;
	}
	fg_sink_buffer(f);
	return f;
}

int fg_sinks_open(struct fg_sinks *s, const struct fg_sink_opts *o,
		  const struct fg_effects_db *db, struct fg_err *err)
{
	memset(s, 0, sizeof(*s));
	s->audit_fd = -1;
	s->db = db;
	s->boot_offset_ns = fg_boot_to_realtime_ns();
	fg_rate_init(&s->rate, o->audit_rate);
	s->json_path = o->json;
	s->text_path = o->text;
	if (o->json && !(s->json = open_sink(o->json, &s->close_json, err)))
		goto fail;
	if (o->text && !(s->text = open_sink(o->text, &s->close_text, err)))
		goto fail;
	if (o->audit) {
		s->audit_fd = audit_open();
		if (s->audit_fd < 0) {
			fg_errf(err, -errno, "cannot open the audit netlink socket");
			goto fail;
		}
	}
	return 0;
fail:
	fg_sinks_close(s);
	return err->code;
}

void fg_sinks_close(struct fg_sinks *s)
{
	fg_sinks_flush(s);
	if (s->close_json)
		fclose(s->json);
	if (s->close_text)
		fclose(s->text);
	if (s->audit_fd >= 0)
		audit_close(s->audit_fd);
	s->json = s->text = NULL;
	s->close_json = s->close_text = false;
	s->audit_fd = -1;
}

int fg_sink_write_json(FILE *f, const struct fg_event *e, const struct fg_effects_db *db,
		       const struct fg_event_origin *origin, long long boot_offset_ns)
{
	char line[FG_JSONL_MAX];
	int n = fg_event_jsonl(e, db, origin, boot_offset_ns, line, sizeof(line));

	if (n < 0)
		return n;
	return fwrite(line, 1, n, f) == (size_t)n ? 0 : -EIO;
}

int fg_sink_write_text(FILE *f, const struct fg_event *e, const struct fg_effects_db *db,
		       long long boot_offset_ns)
{
	char line[2048];

	if (fg_event_format(e, db, boot_offset_ns, line, sizeof(line)) < 0)
		return -EINVAL;
	return fprintf(f, "%s\n", line) < 0 ? -EIO : 0;
}

/* A record of our own (not a decision): trusted-application type, so that
 * `ausearch -m USER_AVC` stays decisions only. */
static void audit_note(struct fg_sinks *s, const char *msg)
{
	if (audit_log_user_message(s->audit_fd, AUDIT_TRUSTED_APP, msg, NULL, NULL, NULL, 0) <= 0)
		s->audit_failed++;
	else
		s->audit_sent++;
}

static void audit_event(struct fg_sinks *s, const struct fg_event *e, const char *policy,
			__u64 now_ns)
{
	char msg[4096];

	if (!fg_rate_take(&s->rate, now_ns)) {
		s->audit_suppressed++;
		s->suppressed_unreported++;
		return;
	}
	if (s->suppressed_unreported) {
		/* the limit let one through again: say what it held back first */
		snprintf(msg, sizeof(msg), "op=fwctl-guard-audit-rate-limit suppressed=%llu "
			 "suppressed_total=%llu", (unsigned long long)s->suppressed_unreported,
			 (unsigned long long)s->audit_suppressed);
		audit_note(s, msg);
		s->suppressed_unreported = 0;
	}
	if (fg_event_audit_msg(e, s->db, policy, msg, sizeof(msg)) < 0) {
		s->audit_failed++;
		return;
	}
	/* uid: the caller's login uid, what libaudit calls the subject's
	 * (sauid=); the message carries the rest of its identity. */
	if (audit_log_user_avc_message(s->audit_fd, AUDIT_USER_AVC, msg, NULL, NULL, NULL,
				       (uid_t)e->loginuid) <= 0)
		s->audit_failed++;
	else
		s->audit_sent++;
}

void fg_sinks_event(struct fg_sinks *s, const struct fg_event *e,
		    const struct fg_event_origin *origin, __u64 now_ns)
{
	if (s->json && fg_sink_write_json(s->json, e, s->db, origin, s->boot_offset_ns))
		s->write_errors++;
	if (s->text && fg_sink_write_text(s->text, e, s->db, s->boot_offset_ns))
		s->write_errors++;
	if (s->audit_fd >= 0)
		audit_event(s, e, origin ? origin->policy : NULL, now_ns);
}

void fg_sinks_gap(struct fg_sinks *s, __u64 first, __u64 last, __u64 kernel_lost,
		  const char *host)
{
	struct json_object *o;
	struct timespec now;
	char msg[256];

	clock_gettime(CLOCK_REALTIME, &now);
	if (s->json) {
		o = fg_gap_to_json(first, last, kernel_lost, host,
				   now.tv_sec * 1000000000LL + now.tv_nsec);
		if (!o || fprintf(s->json, "%s\n", json_object_to_json_string_ext(o,
				  JSON_C_TO_STRING_PLAIN)) < 0)
			s->write_errors++;
		json_object_put(o);
	}
	if (s->text && fprintf(s->text, "gap: events %llu..%llu (%llu) never arrived; the ring "
			       "buffer was full %llu times in total\n", (unsigned long long)first,
			       (unsigned long long)last, (unsigned long long)(last - first + 1),
			       (unsigned long long)kernel_lost) < 0)
		s->write_errors++;
	if (s->audit_fd >= 0) {
		snprintf(msg, sizeof(msg), "op=fwctl-guard-events-lost first_seq=%llu last_seq=%llu "
			 "count=%llu kernel_lost_total=%llu", (unsigned long long)first,
			 (unsigned long long)last, (unsigned long long)(last - first + 1),
			 (unsigned long long)kernel_lost);
		audit_note(s, msg);
	}
}

int fg_sinks_flush(struct fg_sinks *s)
{
	int ret = 0;

	if (s->json && fflush(s->json))
		ret = -errno;
	if (s->text && fflush(s->text) && !ret)
		ret = -errno;
	if (ret)
		s->write_errors++;
	return ret;
}

/* f (opened from path, closed by us when *close_it) replaced by a fresh
 * open of path. */
static int reopen_one(FILE **f, bool *close_it, const char *path, struct fg_err *err)
{
	bool close_new;
	FILE *nf;

	if (!*f || !*close_it)
		return 0;
	nf = open_sink(path, &close_new, err);
	if (!nf)
		return err->code;
	fclose(*f);
	*f = nf;
	*close_it = close_new;
	return 0;
}

int fg_sinks_reopen(struct fg_sinks *s, struct fg_err *err)
{
	int ret, ret2;

	fg_sinks_flush(s);
	ret = reopen_one(&s->json, &s->close_json, s->json_path, err);
	ret2 = reopen_one(&s->text, &s->close_text, s->text_path, err);
	return ret ? ret : ret2;
}

int fg_audit_record(int audit_type, const char *msg, bool success)
{
	int fd = audit_open(), ret = 0;

	if (fd < 0)
		return -errno;
	if (audit_log_user_message(fd, audit_type, msg, NULL, NULL, NULL, success) <= 0)
		ret = errno ? -errno : -EIO;
	audit_close(fd);
	return ret;
}
