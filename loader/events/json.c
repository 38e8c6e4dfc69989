// SPDX-License-Identifier: GPL-2.0-only
/* One event as a json-c object, and back (json.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fg_version.h"
#include "host/effects_table.h"
#include "util/clock.h"
#include "events/format.h"
#include "events/json.h"
#include "util/names.h"
#include "util/utf8.h"

/* A fixed-size string field: as a string when it is valid UTF-8, else as
 * hex under key_hex (and the string key with U+FFFD for what is not). */
static void add_bytes(struct json_object *o, const char *key, const char *key_hex,
		      const char *s, size_t max)
{
	size_t n = strnlen(s, max), i;
	char hex[2 * FG_EXE_LEN + 1];
	char text[3 * FG_EXE_LEN + 1];
	size_t t = 0;

	if (fg_utf8_valid(s, n)) {
		json_object_object_add(o, key, json_object_new_string_len(s, (int)n));
		return;
	}
	for (i = 0; i < n && 2 * i + 2 < sizeof(hex); i++)
		snprintf(hex + 2 * i, 3, "%02X", (unsigned char)s[i]);
	hex[2 * i] = '\0';
	for (i = 0; i < n && t + 4 < sizeof(text); i++) {
		if ((unsigned char)s[i] < 0x80) {
			text[t++] = s[i];
		} else {
			memcpy(text + t, "\xef\xbf\xbd", 3);
			t += 3;
		}
	}
	text[t] = '\0';
	json_object_object_add(o, key, json_object_new_string(text));
	json_object_object_add(o, key_hex, json_object_new_string(hex));
}

static struct json_object *cmd_json(const struct fg_cmd *c, const struct fg_effects_db *db)
{
	struct json_object *o = json_object_new_object(), *fx = json_object_new_array();
	const char *name = NULL, *fname;
	char uuid[37];
	int b;

	if (c->status == FG_DECODE_OK && c->devtype != FG_DEVTYPE_UNKNOWN)
		name = fg_effects_cmd_name(db, c->devtype, c->opcode);
	json_object_object_add(o, "decode", json_object_new_string(fg_decode_status_name(c->status)));
	json_object_object_add(o, "type", json_object_new_string(fg_devtype_name(c->devtype)));
	json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "opcode", json_object_new_int64(c->opcode));
	json_object_object_add(o, "op_mod", json_object_new_int(c->op_mod));
	json_object_object_add(o, "fw_uid", json_object_new_int(c->uid));
	json_object_object_add(o, "endpoint", json_object_new_int64(c->endpoint));
	json_object_object_add(o, "flags", json_object_new_int64(c->flags));
	json_object_object_add(o, "count", json_object_new_int64(c->count));
	json_object_object_add(o, "offset", json_object_new_int(c->offset));
	json_object_object_add(o, "start_idx", json_object_new_int(c->start_idx));
	json_object_object_add(o, "data_len", json_object_new_int64(c->data_len));
	json_object_object_add(o, "payload", json_object_new_uint64(c->payload));
	if (c->reg_access != FG_REG_NONE) {
		const char *reg = fg_effects_reg_name(db, c->reg);

		json_object_object_add(o, "register", json_object_new_int(c->reg));
		json_object_object_add(o, "register_name", reg ? json_object_new_string(reg) : NULL);
		json_object_object_add(o, "access",
				       json_object_new_string(fg_reg_access_name(c->reg_access)));
	}
	if (c->has_uuid) {
		fg_uuid_format(c->uuid, uuid);
		fname = fg_cxl_feature_name(c->uuid);
		json_object_object_add(o, "feature_uuid", json_object_new_string(uuid));
		json_object_object_add(o, "feature", fname ? json_object_new_string(fname) : NULL);
	}
	for (b = 0; b < FG_EFFECT_MAX; b++)
		if (c->effects & FG_EFFECT_BIT(b))
			json_object_array_add(fx, json_object_new_string(fg_effect_name(b)));
	json_object_object_add(o, "effects", fx);
	json_object_object_add(o, "feature_flags", json_object_new_int64(c->feat_flags));
	return o;
}

static struct json_object *caller_json(const struct fg_event *e)
{
	struct json_object *o = json_object_new_object(), *untrusted = json_object_new_array();
	__u32 u;

	json_object_object_add(o, "pid", json_object_new_int64(e->pid));
	json_object_object_add(o, "tid", json_object_new_int64(e->tid));
	json_object_object_add(o, "uid", json_object_new_int64(e->caller.uid));
	json_object_object_add(o, "euid", json_object_new_int64(e->caller.euid));
	json_object_object_add(o, "gid", json_object_new_int64(e->caller.gid));
	json_object_object_add(o, "loginuid", json_object_new_int64(e->loginuid));
	json_object_object_add(o, "sessionid", json_object_new_int64(e->sessionid));
	add_bytes(o, "comm", "comm_hex", e->caller.comm, sizeof(e->caller.comm));
	json_object_object_add(o, "exe_status",
			       json_object_new_string(fg_exe_status_name(e->exe_status)));
	if (e->exe_status == FG_EXE_OK)
		add_bytes(o, "exe", "exe_hex", e->exe, sizeof(e->exe));
	for (u = 0; u < FG_UNTRUST_MAX; u++)
		if (e->caller.exe_trust & FG_UNTRUST_BIT(u))
			json_object_array_add(untrusted, json_object_new_string(fg_untrust_name(u)));
	json_object_object_add(o, "exe_untrusted", untrusted);
	json_object_object_add(o, "exe_ino", json_object_new_uint64(e->caller.exe_ino));
	json_object_object_add(o, "exe_dev", json_object_new_uint64(e->caller.exe_dev));
	json_object_object_add(o, "cgroup_id", json_object_new_uint64(e->caller.cgroup_id));
	json_object_object_add(o, "caps", json_object_new_uint64(e->caller.caps));
	return o;
}

/* FG_EVENT_TAMPER: what differed in the kernel's copy, and its values. */
static struct json_object *tamper_json(const struct fg_detail *d)
{
	struct json_object *o = json_object_new_object(), *k, *changed;
	__u32 bit;

	changed = json_object_new_array();
	for (bit = 1; bit && bit != FG_TAMPER_KILLED; bit <<= 1) {
		char name[16];

		if ((d->what & bit) && !fg_tamper_format(bit, name, sizeof(name)) && name[0])
			json_object_array_add(changed, json_object_new_string(name));
	}
	json_object_object_add(o, "changed", changed);
	json_object_object_add(o, "killed", json_object_new_boolean(d->what & FG_TAMPER_KILLED));
	k = json_object_new_object();
	json_object_object_add(k, "scope", json_object_new_int64(d->k_scope));
	json_object_object_add(k, "in_len", json_object_new_int64(d->k_in_len));
	json_object_object_add(k, "out_len", json_object_new_int64(d->k_out_len));
	json_object_object_add(k, "offset", json_object_new_int64(d->k_offset));
	json_object_object_add(o, "kernel", k);
	return o;
}

/* FG_EVENT_GUARD: what was done to which of the guard's objects. */
static struct json_object *guard_json(const struct fg_detail *d)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "op", json_object_new_string(fg_guard_op_name(d->what)));
	json_object_object_add(o, "obj_id", json_object_new_int64(d->obj_id));
	json_object_object_add(o, "ino", json_object_new_uint64(d->ino));
	add_bytes(o, "name", "name_hex", d->name, sizeof(d->name));
	return o;
}

static struct json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

struct json_object *fg_event_to_json(const struct fg_event *e, const struct fg_effects_db *db,
				     const struct fg_event_origin *origin, long long boot_offset_ns)
{
	static const struct fg_event_origin unknown;
	struct json_object *o = json_object_new_object(), *dev;
	char when[40], name[24];

	if (!o)
		return NULL;
	if (!origin)
		origin = &unknown;
	fg_time_format((long long)e->boot_ns + boot_offset_ns, 9, when, sizeof(when));
	json_object_object_add(o, "schema", json_object_new_int(FG_JSON_SCHEMA));
	json_object_object_add(o, "version", json_object_new_int(e->version));
	json_object_object_add(o, "fwctl_guard_version", json_object_new_string(FG_VERSION));
	json_object_object_add(o, "type", json_object_new_string(fg_event_type_name(e->type)));
	json_object_object_add(o, "seq", json_object_new_uint64(e->seq));
	json_object_object_add(o, "time", json_object_new_string(when));
	json_object_object_add(o, "boot_ns", json_object_new_uint64(e->boot_ns));
	json_object_object_add(o, "host", string_or_null(origin->host));
	json_object_object_add(o, "action", json_object_new_string(fg_action_name(e->action)));
	json_object_object_add(o, "reason", json_object_new_string(fg_reason_name(e->reason)));
	json_object_object_add(o, "rule", e->rule == FG_RULE_NONE ? NULL
							: json_object_new_int(e->rule));
	json_object_object_add(o, "gen", json_object_new_uint64(e->gen));
	json_object_object_add(o, "policy", string_or_null(origin->policy));
	json_object_object_add(o, "policy_sha256", string_or_null(origin->sha256));
	json_object_object_add(o, "permissive", json_object_new_boolean(e->permissive));
	json_object_object_add(o, "hook", json_object_new_string(fg_hook_name(e->hook)));
	dev = json_object_new_object();
	snprintf(name, sizeof(name), "fwctl%u", e->minor);
	json_object_object_add(dev, "name", json_object_new_string(name));
	json_object_object_add(dev, "minor", json_object_new_int64(e->minor));
	json_object_object_add(dev, "type", json_object_new_string(
		e->devtype < FG_DEVTYPE_MAX ? fg_devtype_name(e->devtype) : "unknown"));
	json_object_object_add(dev, "type_number", json_object_new_int64(e->devtype));
	json_object_object_add(o, "dev", dev);
	/* A scope the kernel does not know: the number the caller passed. */
	json_object_object_add(o, "scope", e->scope < FG_SCOPE_MAX
				? json_object_new_string(fg_scope_name(e->scope))
				: json_object_new_int64(e->scope));
	json_object_object_add(o, "in_len", json_object_new_int64(e->in_len));
	json_object_object_add(o, "out_len", json_object_new_int64(e->out_len));
	json_object_object_add(o, "ioctl", json_object_new_int64(e->ioctl));
	json_object_object_add(o, "cmd", cmd_json(&e->cmd, db));
	json_object_object_add(o, "caller", caller_json(e));
	if (e->type == FG_EVENT_TAMPER)
		json_object_object_add(o, "tamper", tamper_json(&e->detail));
	else if (e->type == FG_EVENT_GUARD)
		json_object_object_add(o, "guard", guard_json(&e->detail));
	return o;
}

struct json_object *fg_gap_to_json(__u64 first, __u64 last, __u64 kernel_lost, const char *host,
				   long long realtime_ns)
{
	struct json_object *o = json_object_new_object();
	char when[40];

	if (!o)
		return NULL;
	fg_time_format(realtime_ns, 9, when, sizeof(when));
	json_object_object_add(o, "schema", json_object_new_int(FG_JSON_SCHEMA));
	json_object_object_add(o, "version", json_object_new_int(FG_EVENT_VERSION));
	json_object_object_add(o, "fwctl_guard_version", json_object_new_string(FG_VERSION));
	json_object_object_add(o, "type", json_object_new_string("gap"));
	json_object_object_add(o, "time", json_object_new_string(when));
	json_object_object_add(o, "host", string_or_null(host));
	json_object_object_add(o, "first_seq", json_object_new_uint64(first));
	json_object_object_add(o, "last_seq", json_object_new_uint64(last));
	json_object_object_add(o, "count", json_object_new_uint64(last - first + 1));
	json_object_object_add(o, "kernel_lost_total", json_object_new_uint64(kernel_lost));
	return o;
}

/* ---- back from JSON ---------------------------------------------------- */

static struct json_object *get(struct json_object *o, const char *key, enum json_type t,
			       struct fg_err *err)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, t)) {
		fg_err_set(err, -EINVAL, "'%s' missing or not a %s", key, json_type_to_name(t));
		return NULL;
	}
	return v;
}

/* An unsigned number that fits max. */
static int get_u(struct json_object *o, const char *key, __u64 max, __u64 *out,
		 struct fg_err *err)
{
	struct json_object *v = get(o, key, json_type_int, err);

	if (!v)
		return -EINVAL;
	/* json-c keeps a negative number as int64, a large one as uint64 */
	*out = json_object_get_uint64(v);
	if (json_object_get_int64(v) < 0 || *out > max)
		return fg_err_set(err, -EINVAL, "'%s' out of range", key);
	return 0;
}

#define GET_U(o, key, dst) ({							\
	__u64 _v;								\
	int _r = get_u(o, key, (__typeof__(dst))~0ull, &_v, err);		\
	if (!_r)								\
		(dst) = (__typeof__(dst))_v;					\
	_r;									\
})

static int get_name(struct json_object *o, const char *key, int (*parse)(const char *),
		    int *out, struct fg_err *err)
{
	struct json_object *v = get(o, key, json_type_string, err);

	if (!v)
		return -EINVAL;
	*out = parse(json_object_get_string(v));
	return *out < 0 ? fg_err_set(err, -EINVAL, "'%s': unknown name '%s'", key,
				  json_object_get_string(v)) : 0;
}

static int hex_byte(const char *s)
{
	unsigned int v;

	return sscanf(s, "%2x", &v) == 1 ? (int)v : -1;
}

/* The string, or its bytes from key_hex when it had to be hex. */
static int get_bytes(struct json_object *o, const char *key, const char *key_hex, char *dst,
		     size_t max, struct fg_err *err)
{
	struct json_object *v;
	const char *s;
	size_t i, n;
	int b;

	memset(dst, 0, max);
	if (json_object_object_get_ex(o, key_hex, &v)) {
		s = json_object_get_string(v);
		n = strlen(s);
		if (n % 2 || n / 2 > max)
			return fg_err_set(err, -EINVAL, "'%s' is not hex of at most %zu bytes", key_hex,
				       max);
		for (i = 0; i < n / 2; i++) {
			b = hex_byte(s + 2 * i);
			if (b < 0)
				return fg_err_set(err, -EINVAL, "'%s' is not hex", key_hex);
			dst[i] = (char)b;
		}
		return 0;
	}
	v = get(o, key, json_type_string, err);
	if (!v)
		return -EINVAL;
	n = (size_t)json_object_get_string_len(v);
	if (n > max)
		return fg_err_set(err, -EINVAL, "'%s' longer than %zu bytes", key, max);
	memcpy(dst, json_object_get_string(v), n);
	return 0;
}

static int cmd_from_json(struct json_object *o, struct fg_cmd *c, int schema, struct fg_err *err)
{
	struct json_object *fx, *v;
	size_t i;
	int n;

	if (get_name(o, "decode", fg_decode_status_parse, &n, err))
		return -EINVAL;
	c->status = n;
	if (get_name(o, "type", fg_devtype_parse, &n, err))
		return -EINVAL;
	c->devtype = n;
	if (GET_U(o, "opcode", c->opcode) || GET_U(o, "op_mod", c->op_mod) ||
	    GET_U(o, schema >= 2 ? "fw_uid" : "uid", c->uid) || GET_U(o, "endpoint", c->endpoint) ||
	    GET_U(o, "flags", c->flags) || GET_U(o, "count", c->count) ||
	    GET_U(o, "offset", c->offset) || GET_U(o, "start_idx", c->start_idx) ||
	    GET_U(o, "data_len", c->data_len) || GET_U(o, "payload", c->payload) ||
	    GET_U(o, "feature_flags", c->feat_flags))
		return -EINVAL;
	if (json_object_object_get_ex(o, "access", &v)) {
		if (get_name(o, "access", fg_reg_access_parse, &n, err) || GET_U(o, "register", c->reg))
			return -EINVAL;
		c->reg_access = n;
	}
	if (json_object_object_get_ex(o, "feature_uuid", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    fg_uuid_parse(json_object_get_string(v), c->uuid))
			return fg_err_set(err, -EINVAL, "'feature_uuid' is not a UUID");
		c->has_uuid = 1;
	}
	fx = get(o, "effects", json_type_array, err);
	if (!fx)
		return -EINVAL;
	c->effects = 0;
	for (i = 0; i < json_object_array_length(fx); i++) {
		n = fg_effect_parse(json_object_get_string(json_object_array_get_idx(fx, i)));
		if (n < 0)
			return fg_err_set(err, -EINVAL, "'effects': unknown effect '%s'",
				       json_object_get_string(json_object_array_get_idx(fx, i)));
		c->effects |= FG_EFFECT_BIT(n);
	}
	return 0;
}

/* exe_untrusted: the names of why the exe did not count; absent (lines
 * written before it existed): it counted. */
static int untrusted_from_json(struct json_object *o, __u32 *mask, struct fg_err *err)
{
	struct json_object *a;
	const char *name;
	__u32 bit;
	size_t i;

	*mask = 0;
	if (!json_object_object_get_ex(o, "exe_untrusted", NULL))
		return 0;
	a = get(o, "exe_untrusted", json_type_array, err);
	if (!a)
		return -EINVAL;
	for (i = 0; i < json_object_array_length(a); i++) {
		name = json_object_get_string(json_object_array_get_idx(a, i));
		if (!name || fg_untrust_parse(name, &bit) || !bit)
			return fg_err_set(err, -EINVAL, "'exe_untrusted': unknown reason '%s'",
					  name ? name : "?");
		*mask |= bit;
	}
	return 0;
}

static int caller_from_json(struct json_object *o, struct fg_event *e, struct fg_err *err)
{
	int n;

	if (GET_U(o, "pid", e->pid) || GET_U(o, "tid", e->tid) ||
	    GET_U(o, "uid", e->caller.uid) || GET_U(o, "euid", e->caller.euid) ||
	    GET_U(o, "gid", e->caller.gid) || GET_U(o, "loginuid", e->loginuid) ||
	    GET_U(o, "sessionid", e->sessionid) || GET_U(o, "exe_ino", e->caller.exe_ino) ||
	    GET_U(o, "exe_dev", e->caller.exe_dev) || GET_U(o, "cgroup_id", e->caller.cgroup_id) ||
	    GET_U(o, "caps", e->caller.caps))
		return -EINVAL;
	if (get_bytes(o, "comm", "comm_hex", e->caller.comm, sizeof(e->caller.comm), err) ||
	    get_name(o, "exe_status", fg_exe_status_parse, &n, err))
		return -EINVAL;
	e->exe_status = n;
	if (n == FG_EXE_OK && get_bytes(o, "exe", "exe_hex", e->exe, sizeof(e->exe), err))
		return -EINVAL;
	return untrusted_from_json(o, &e->caller.exe_trust, err);
}

static int tamper_from_json(struct json_object *o, struct fg_detail *d, struct fg_err *err)
{
	struct json_object *changed, *k, *v;
	size_t i;
	__u32 bit;

	changed = get(o, "changed", json_type_array, err);
	k = get(o, "kernel", json_type_object, err);
	v = get(o, "killed", json_type_boolean, err);
	if (!changed || !k || !v)
		return -EINVAL;
	if (json_object_get_boolean(v))
		d->what |= FG_TAMPER_KILLED;
	for (i = 0; i < json_object_array_length(changed); i++) {
		const char *name = json_object_get_string(json_object_array_get_idx(changed, i));

		if (!name || fg_tamper_bit_parse(name, &bit))
			return fg_err_set(err, -EINVAL, "'changed': unknown field '%s'",
				       name ? name : "?");
		d->what |= bit;
	}
	if (GET_U(k, "scope", d->k_scope) || GET_U(k, "in_len", d->k_in_len) ||
	    GET_U(k, "out_len", d->k_out_len) || GET_U(k, "offset", d->k_offset))
		return -EINVAL;
	return 0;
}

static int guard_from_json(struct json_object *o, struct fg_detail *d, struct fg_err *err)
{
	int n;

	if (get_name(o, "op", fg_guard_op_parse, &n, err))
		return -EINVAL;
	d->what = n;
	if (GET_U(o, "obj_id", d->obj_id) || GET_U(o, "ino", d->ino))
		return -EINVAL;
	return get_bytes(o, "name", "name_hex", d->name, sizeof(d->name), err);
}

/* The layout: "schema" (absent before schema 2: the first one). */
static int schema_of(struct json_object *o, struct fg_err *err)
{
	struct json_object *v;
	__u64 schema;

	if (!json_object_object_get_ex(o, "schema", &v))
		return 1;
	if (get_u(o, "schema", 255, &schema, err))
		return -EINVAL;
	if (schema < 1 || schema > FG_JSON_SCHEMA)
		return fg_err_set(err, -EINVAL, "JSON schema %llu; this version reads 1 to %d",
				  (unsigned long long)schema, FG_JSON_SCHEMA);
	return (int)schema;
}

void fg_event_origin_from_json(struct json_object *o, struct fg_event_origin *origin)
{
	const char *keys[] = { "host", "policy", "policy_sha256" };
	const char **dst[] = { &origin->host, &origin->policy, &origin->sha256 };
	struct json_object *v;
	size_t i;

	for (i = 0; i < 3; i++)
		*dst[i] = json_object_object_get_ex(o, keys[i], &v) &&
			  json_object_is_type(v, json_type_string) ? json_object_get_string(v)
								   : NULL;
}

int fg_event_from_json(struct json_object *o, struct fg_event *e, struct fg_err *err)
{
	struct json_object *v, *dev;
	int n, schema;

	memset(e, 0, sizeof(*e));
	schema = schema_of(o, err);
	if (schema < 0)
		return schema;
	v = get(o, "type", json_type_string, err);
	if (!v)
		return -EINVAL;
	n = fg_event_type_parse(json_object_get_string(v));
	if (n < 0)
		return fg_err_set(err, -EINVAL, "not an event record (type '%s')",
			       json_object_get_string(v));
	e->type = n;
	if (GET_U(o, "version", e->version))
		return -EINVAL;
	/* JSON is read by key: a line of the previous record version (no
	 * ioctl, no register, no type number) reads as this one. */
	if (e->version != FG_EVENT_VERSION && e->version != FG_EVENT_VERSION - 1)
		return fg_err_set(err, -EINVAL, "event version %u, this build reads %u and %u",
			       e->version, FG_EVENT_VERSION - 1, FG_EVENT_VERSION);
	e->version = FG_EVENT_VERSION;
	e->size = sizeof(*e);
	if (GET_U(o, "seq", e->seq) || GET_U(o, "boot_ns", e->boot_ns) || GET_U(o, "gen", e->gen) ||
	    GET_U(o, "in_len", e->in_len) || GET_U(o, "out_len", e->out_len))
		return -EINVAL;
	if (get_name(o, "action", fg_action_parse, &n, err))
		return -EINVAL;
	e->action = n;
	if (get_name(o, "reason", fg_reason_parse, &n, err))
		return -EINVAL;
	e->reason = n;
	if (get_name(o, "hook", fg_hook_parse, &n, err))
		return -EINVAL;
	e->hook = n;
	if (!json_object_object_get_ex(o, "rule", &v))
		return fg_err_set(err, -EINVAL, "'rule' missing");
	if (!v) {
		e->rule = FG_RULE_NONE;
	} else {
		if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0 ||
		    json_object_get_int64(v) >= FG_MAX_RULES)
			return fg_err_set(err, -EINVAL, "'rule' is not null or a rule index");
		e->rule = json_object_get_int(v);
	}
	v = get(o, "permissive", json_type_boolean, err);
	if (!v)
		return -EINVAL;
	e->permissive = json_object_get_boolean(v);
	dev = get(o, "dev", json_type_object, err);
	if (!dev || GET_U(dev, "minor", e->minor) || get_name(dev, "type", fg_devtype_parse, &n, err))
		return -EINVAL;
	e->devtype = n;
	/* The number of a type the guard does not decode (older lines: none). */
	if (json_object_object_get_ex(dev, "type_number", &v) && GET_U(dev, "type_number", e->devtype))
		return -EINVAL;
	e->ioctl = FG_FWCTL_RPC;
	if (json_object_object_get_ex(o, "ioctl", &v) && GET_U(o, "ioctl", e->ioctl))
		return -EINVAL;
	if (!json_object_object_get_ex(o, "scope", &v) || !v)
		return fg_err_set(err, -EINVAL, "'scope' missing");
	if (json_object_is_type(v, json_type_int)) {
		if (GET_U(o, "scope", e->scope))
			return -EINVAL;
	} else if (get_name(o, "scope", fg_scope_parse, &n, err)) {
		return -EINVAL;
	} else {
		e->scope = n;
	}
	v = get(o, "cmd", json_type_object, err);
	if (!v || cmd_from_json(v, &e->cmd, schema, err))
		return -EINVAL;
	v = get(o, "caller", json_type_object, err);
	if (!v || caller_from_json(v, e, err))
		return -EINVAL;
	if (e->type == FG_EVENT_TAMPER) {
		v = get(o, "tamper", json_type_object, err);
		return v ? tamper_from_json(v, &e->detail, err) : -EINVAL;
	}
	if (e->type == FG_EVENT_GUARD) {
		v = get(o, "guard", json_type_object, err);
		return v ? guard_from_json(v, &e->detail, err) : -EINVAL;
	}
	return 0;
}
