// SPDX-License-Identifier: GPL-2.0-only
/*
 * One event as one JSON line, written straight into a buffer: the same
 * bytes json-c gives for fg_event_to_json() with JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE (keys in insertion order, no spaces,
 * json-c 0.16's escapes), without building and freeing an object per
 * field. tests/unit/events/test_jsonl.c holds the two to each other.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "events/json.h"
#include "events/jsonl.h"
#include "fg_version.h"
#include "host/effects_table.h"
#include "util/clock.h"
#include "util/names.h"
#include "util/utf8.h"

/* Every writer step inlined into fg_event_jsonl: the write position then
 * lives in a register, not in memory updated at each byte (a chain of
 * stores and loads that was most of the time). */
#define FG_INLINE	inline __attribute__((always_inline))

struct jw {
	char *p, *end;
	bool first;		/* no value yet in the object or array open now */
	bool full;
};

static FG_INLINE void raw(struct jw *w, const char *s, size_t n)
{
	if (w->full || (size_t)(w->end - w->p) < n) {
		w->full = true;
		return;
	}
	memcpy(w->p, s, n);
	w->p += n;
}

static FG_INLINE void ch(struct jw *w, char c)
{
	raw(w, &c, 1);
}

/* A string's bytes as json-c escapes them: the two-character escapes, the
 * other controls as \u00xx, every other byte as it is. */
static FG_INLINE void esc(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	const char *e;
	char u[6] = { '\\', 'u', '0', '0' };

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\b': e = "\\b"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		case '\f': e = "\\f"; break;
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		default:
			if (c >= ' ')
				continue;
			e = NULL;
		}
		raw(w, s + start, i - start);
		if (e) {
			raw(w, e, 2);
		} else {
			u[4] = hex[c >> 4];
			u[5] = hex[c & 0xf];
			raw(w, u, 6);
		}
		start = i + 1;
	}
	raw(w, s + start, n - start);
}

static FG_INLINE void str_n(struct jw *w, const char *s, size_t n)
{
	ch(w, '"');
	esc(w, s, n);
	ch(w, '"');
}

static FG_INLINE void key(struct jw *w, const char *k)
{
	if (!w->first)
		ch(w, ',');
	w->first = false;
	ch(w, '"');
	raw(w, k, strlen(k));
	raw(w, "\":", 2);
}

static FG_INLINE void open_(struct jw *w, char c)
{
	ch(w, c);
	w->first = true;
}

static FG_INLINE void close_(struct jw *w, char c)
{
	ch(w, c);
	w->first = false;
}

/* Two digits per step: an event has some forty numbers, several of them
 * nineteen digits long. */
static FG_INLINE void u64(struct jw *w, __u64 v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char b[20];
	int i = sizeof(b);

	while (v >= 100) {
		unsigned int d = (unsigned int)(v % 100) * 2;

		v /= 100;
		b[--i] = pairs[d + 1];
		b[--i] = pairs[d];
	}
	if (v >= 10) {
		b[--i] = pairs[v * 2 + 1];
		b[--i] = pairs[v * 2];
	} else {
		b[--i] = '0' + (char)v;
	}
	raw(w, b + i, sizeof(b) - i);
}

static FG_INLINE void s64(struct jw *w, __s64 v)
{
	if (v < 0) {
		ch(w, '-');
		u64(w, -(__u64)v);
	} else {
		u64(w, v);
	}
}

static FG_INLINE void k_str(struct jw *w, const char *k, const char *s)
{
	key(w, k);
	if (s)
		str_n(w, s, strlen(s));
	else
		raw(w, "null", 4);
}

static FG_INLINE void k_u64(struct jw *w, const char *k, __u64 v)
{
	key(w, k);
	u64(w, v);
}

static FG_INLINE void k_bool(struct jw *w, const char *k, bool b)
{
	key(w, k);
	if (b)
		raw(w, "true", 4);
	else
		raw(w, "false", 5);
}

/* A caller's bytes: the string when valid UTF-8, else the text with U+FFFD
 * for each byte above 0x7f and the bytes in hex under key_hex (json.c's
 * add_bytes). */
static FG_INLINE void k_bytes(struct jw *w, const char *k, const char *k_hex, const char *s, size_t max)
{
	static const char hexd[] = "0123456789ABCDEF";
	size_t n = strnlen(s, max), i;

	key(w, k);
	if (fg_utf8_valid(s, n)) {
		str_n(w, s, n);
		return;
	}
	ch(w, '"');
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x80)
			esc(w, s + i, 1);
		else
			raw(w, "\xef\xbf\xbd", 3);
	}
	ch(w, '"');
	key(w, k_hex);
	ch(w, '"');
	for (i = 0; i < n; i++) {
		ch(w, hexd[(unsigned char)s[i] >> 4]);
		ch(w, hexd[(unsigned char)s[i] & 0xf]);
	}
	ch(w, '"');
}

/*
 * realtime_ns as fg_time_format(..., 9) writes it. gmtime and strftime
 * cost more than the rest of a line: the date and time of the last second
 * seen are kept (events come in bursts).
 */
static FG_INLINE void k_time(struct jw *w, const char *k, long long realtime_ns)
{
	static __thread time_t last_sec = -1;
	static __thread char last[32];
	static __thread size_t last_len;
	time_t sec = realtime_ns / 1000000000LL;
	long long ns = realtime_ns % 1000000000LL;
	char frac[11];
	int i;

	if (realtime_ns < 0) {
		char buf[48];

		fg_time_format(realtime_ns, 9, buf, sizeof(buf));
		k_str(w, k, buf);
		return;
	}
	if (sec != last_sec) {
		struct tm tm;

		gmtime_r(&sec, &tm);
		last_len = strftime(last, sizeof(last), "%Y-%m-%dT%H:%M:%S", &tm);
		last_sec = sec;
	}
	frac[0] = '.';
	for (i = 9; i >= 1; i--, ns /= 10)
		frac[i] = '0' + ns % 10;
	frac[10] = 'Z';
	key(w, k);
	ch(w, '"');
	raw(w, last, last_len);
	raw(w, frac, sizeof(frac));
	ch(w, '"');
}

static FG_INLINE void cmd(struct jw *w, const struct fg_cmd *c, const struct fg_effects_db *db)
{
	const char *name = NULL;
	char uuid[37];
	int b;

	if (c->status == FG_DECODE_OK && c->devtype != FG_DEVTYPE_UNKNOWN)
		name = fg_effects_cmd_name(db, c->devtype, c->opcode);
	key(w, "cmd");
	open_(w, '{');
	k_str(w, "decode", fg_decode_status_name(c->status));
	k_str(w, "type", fg_devtype_name(c->devtype));
	k_str(w, "name", name);
	k_u64(w, "opcode", c->opcode);
	k_u64(w, "op_mod", c->op_mod);
	k_u64(w, "fw_uid", c->uid);
	k_u64(w, "endpoint", c->endpoint);
	k_u64(w, "flags", c->flags);
	k_u64(w, "count", c->count);
	k_u64(w, "offset", c->offset);
	k_u64(w, "start_idx", c->start_idx);
	k_u64(w, "data_len", c->data_len);
	k_u64(w, "payload", c->payload);
	if (c->reg_access != FG_REG_NONE) {
		k_u64(w, "register", c->reg);
		k_str(w, "register_name", fg_effects_reg_name(db, c->reg));
		k_str(w, "access", fg_reg_access_name(c->reg_access));
	}
	if (c->has_uuid) {
		fg_uuid_format(c->uuid, uuid);
		k_str(w, "feature_uuid", uuid);
		k_str(w, "feature", fg_cxl_feature_name(c->uuid));
	}
	key(w, "effects");
	open_(w, '[');
	for (b = 0; b < FG_EFFECT_MAX; b++) {
		if (!(c->effects & FG_EFFECT_BIT(b)))
			continue;
		if (!w->first)
			ch(w, ',');
		w->first = false;
		str_n(w, fg_effect_name(b), strlen(fg_effect_name(b)));
	}
	close_(w, ']');
	k_u64(w, "feature_flags", c->feat_flags);
	close_(w, '}');
}

static FG_INLINE void caller(struct jw *w, const struct fg_event *e)
{
	__u32 u;

	key(w, "caller");
	open_(w, '{');
	k_u64(w, "pid", e->pid);
	k_u64(w, "tid", e->tid);
	k_u64(w, "uid", e->caller.uid);
	k_u64(w, "euid", e->caller.euid);
	k_u64(w, "gid", e->caller.gid);
	k_u64(w, "loginuid", e->loginuid);
	k_u64(w, "sessionid", e->sessionid);
	k_bytes(w, "comm", "comm_hex", e->caller.comm, sizeof(e->caller.comm));
	k_str(w, "exe_status", fg_exe_status_name(e->exe_status));
	if (e->exe_status == FG_EXE_OK)
		k_bytes(w, "exe", "exe_hex", e->exe, sizeof(e->exe));
	key(w, "exe_untrusted");
	open_(w, '[');
	for (u = 0; u < FG_UNTRUST_MAX; u++) {
		if (!(e->caller.exe_trust & FG_UNTRUST_BIT(u)))
			continue;
		if (!w->first)
			ch(w, ',');
		w->first = false;
		str_n(w, fg_untrust_name(u), strlen(fg_untrust_name(u)));
	}
	close_(w, ']');
	k_u64(w, "exe_ino", e->caller.exe_ino);
	k_u64(w, "exe_dev", e->caller.exe_dev);
	k_u64(w, "cgroup_id", e->caller.cgroup_id);
	k_u64(w, "caps", e->caller.caps);
	close_(w, '}');
}

static FG_INLINE void tamper(struct jw *w, const struct fg_detail *d)
{
	char name[16];
	__u32 bit;

	key(w, "tamper");
	open_(w, '{');
	key(w, "changed");
	open_(w, '[');
	for (bit = 1; bit && bit != FG_TAMPER_KILLED; bit <<= 1) {
		if (!(d->what & bit) || fg_tamper_format(bit, name, sizeof(name)) || !name[0])
			continue;
		if (!w->first)
			ch(w, ',');
		w->first = false;
		str_n(w, name, strlen(name));
	}
	close_(w, ']');
	k_bool(w, "killed", d->what & FG_TAMPER_KILLED);
	key(w, "kernel");
	open_(w, '{');
	k_u64(w, "scope", d->k_scope);
	k_u64(w, "in_len", d->k_in_len);
	k_u64(w, "out_len", d->k_out_len);
	k_u64(w, "offset", d->k_offset);
	close_(w, '}');
	close_(w, '}');
}

static FG_INLINE void guard(struct jw *w, const struct fg_detail *d)
{
	key(w, "guard");
	open_(w, '{');
	k_str(w, "op", fg_guard_op_name(d->what));
	k_u64(w, "obj_id", d->obj_id);
	k_u64(w, "ino", d->ino);
	k_bytes(w, "name", "name_hex", d->name, sizeof(d->name));
	close_(w, '}');
}

int fg_event_jsonl(const struct fg_event *e, const struct fg_effects_db *db,
		   const struct fg_event_origin *origin, long long boot_offset_ns, char *buf,
		   size_t len)
{
	static const struct fg_event_origin unknown;
	struct jw w = { .p = buf, .end = buf + len };
	char name[24];
	int n;

	if (!origin)
		origin = &unknown;
	open_(&w, '{');
	k_u64(&w, "schema", FG_JSON_SCHEMA);
	k_u64(&w, "version", e->version);
	k_str(&w, "fwctl_guard_version", FG_VERSION);
	k_str(&w, "type", fg_event_type_name(e->type));
	k_u64(&w, "seq", e->seq);
	k_time(&w, "time", (long long)e->boot_ns + boot_offset_ns);
	k_u64(&w, "boot_ns", e->boot_ns);
	k_str(&w, "host", origin->host);
	k_str(&w, "action", fg_action_name(e->action));
	k_str(&w, "reason", fg_reason_name(e->reason));
	key(&w, "rule");
	if (e->rule == FG_RULE_NONE)
		raw(&w, "null", 4);
	else
		s64(&w, e->rule);
	k_u64(&w, "gen", e->gen);
	k_str(&w, "policy", origin->policy);
	k_str(&w, "policy_sha256", origin->sha256);
	k_bool(&w, "permissive", e->permissive);
	k_str(&w, "hook", fg_hook_name(e->hook));
	key(&w, "dev");
	open_(&w, '{');
	memcpy(name, "fwctl", 5);
	n = 5;
	{
		struct jw num = { .p = name + 5, .end = name + sizeof(name) };

		u64(&num, e->minor);
		n = (int)(num.p - name);
	}
	key(&w, "name");
	str_n(&w, name, n);
	k_u64(&w, "minor", e->minor);
	k_str(&w, "type", e->devtype < FG_DEVTYPE_MAX ? fg_devtype_name(e->devtype) : "unknown");
	k_u64(&w, "type_number", e->devtype);
	close_(&w, '}');
	/* A scope the kernel does not know: the number the caller passed. */
	if (e->scope < FG_SCOPE_MAX)
		k_str(&w, "scope", fg_scope_name(e->scope));
	else
		k_u64(&w, "scope", e->scope);
	k_u64(&w, "in_len", e->in_len);
	k_u64(&w, "out_len", e->out_len);
	k_u64(&w, "ioctl", e->ioctl);
	cmd(&w, &e->cmd, db);
	caller(&w, e);
	if (e->type == FG_EVENT_TAMPER)
		tamper(&w, &e->detail);
	else if (e->type == FG_EVENT_GUARD)
		guard(&w, &e->detail);
	close_(&w, '}');
	ch(&w, '\n');
	if (w.full)
		return -ENOSPC;
	return (int)(w.p - buf);
}
