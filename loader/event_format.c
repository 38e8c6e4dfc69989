// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "effects_table.h"
#include "event_format.h"
#include "names.h"

long long fg_boot_to_realtime_ns(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return (rt.tv_sec - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
}

size_t fg_quote(const char *s, size_t max, char *buf, size_t len)
{
	size_t i, o = 0;

	if (len < 3)
		return 0;
	buf[o++] = '"';
	for (i = 0; i < max && s[i] && o + 5 < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = c;
		} else if (c < 0x20 || c >= 0x7f) {
			o += snprintf(buf + o, len - o, "\\x%02x", c);
		} else {
			buf[o++] = c;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return o;
}

/* The decoded command: cmd=NAME (or the number), the per-type fields,
 * feature, effects and the decode state. */
int fg_cmd_format(const struct fg_cmd *c, const struct fg_effects_db *db, char *buf, size_t len)
{
	const char *name = NULL, *fname;
	char fx[256], uuid[37], extra[64] = "";
	int n;

	if (c->status == FG_DECODE_OK && c->devtype != FG_DEVTYPE_UNKNOWN)
		name = fg_effects_cmd_name(db, c->devtype, c->opcode);
	if (c->devtype == FG_DEVTYPE_MLX5)
		snprintf(extra, sizeof(extra), " op_mod=0x%x uid=%u", c->op_mod, c->uid);
	else if (c->devtype == FG_DEVTYPE_PDS)
		snprintf(extra, sizeof(extra), " ep=%u", c->endpoint);
	fg_effects_format(c->effects, fx, sizeof(fx));
	n = snprintf(buf, len, "decode=%s cmd=%s opcode=0x%04x%s", fg_decode_status_name(c->status),
		     name ? name : "?", c->opcode, extra);
	if (c->has_uuid && n >= 0 && (size_t)n < len) {
		fname = fg_cxl_feature_name(c->uuid);
		fg_uuid_format(c->uuid, uuid);
		n += snprintf(buf + n, len - n, " feature=%s", fname ? fname : uuid);
	}
	if (n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - n, " effects=%s", fx);
	return n;
}

int fg_event_format(const struct fg_event *e, const struct fg_effects_db *db,
		    long long boot_offset_ns, char *buf, size_t len)
{
	char cmd[512];
	char comm[4 * FG_COMM_LEN + 3], when[32];
	long long ns = (long long)e->boot_ns + boot_offset_ns;
	time_t sec = ns / 1000000000LL;
	struct tm tm;
	char rule[16], scope[24];
	int n;

	if (e->version != FG_ABI_VERSION || e->type != FG_EVENT_DECISION || e->size != sizeof(*e))
		return -EINVAL;
	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	fg_quote(e->comm, sizeof(e->comm), comm, sizeof(comm));
	fg_cmd_format(&e->cmd, db, cmd, sizeof(cmd));
	if (e->rule == FG_RULE_NONE)
		snprintf(rule, sizeof(rule), "-");
	else
		snprintf(rule, sizeof(rule), "%d", e->rule);
	/* A scope the kernel does not know is shown as the caller passed it. */
	if (e->scope < FG_SCOPE_MAX)
		snprintf(scope, sizeof(scope), "%s", fg_scope_name(e->scope));
	else
		snprintf(scope, sizeof(scope), "%u", e->scope);
	n = snprintf(buf, len,
		     "%s.%06lldZ %s reason=%s rule=%s gen=%u permissive=%u hook=%s dev=fwctl%u "
		     "type=%s scope=%s in_len=%u out_len=%u %s pid=%u tid=%u uid=%u gid=%u comm=%s",
		     when, (ns % 1000000000LL) / 1000, fg_action_name(e->action),
		     fg_reason_name(e->reason), rule, e->gen, e->permissive, fg_hook_name(e->hook),
		     e->minor,
		     fg_devtype_name(e->devtype), scope, e->in_len, e->out_len, cmd,
		     e->pid, e->tid, e->uid, e->gid, comm);
	return n < (int)len ? n : (int)len - 1;
}
