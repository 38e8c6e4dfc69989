// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "host/effects_table.h"
#include "util/clock.h"
#include "events/format.h"
#include "util/names.h"

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
	char fx[256], uuid[37], extra[160] = "";
	int n;

	if (c->status == FG_DECODE_OK && c->devtype != FG_DEVTYPE_UNKNOWN)
		name = fg_effects_cmd_name(db, c->devtype, c->opcode);
	if (c->devtype == FG_DEVTYPE_MLX5 && c->reg_access != FG_REG_NONE) {
		const char *reg = fg_effects_reg_name(db, c->reg);

		snprintf(extra, sizeof(extra), " op_mod=0x%x fw_uid=%u register=%s register_id=0x%04x "
			 "access=%s", c->op_mod, c->uid, reg ? reg : "?", c->reg,
			 fg_reg_access_name(c->reg_access));
	} else if (c->devtype == FG_DEVTYPE_MLX5) {
		snprintf(extra, sizeof(extra), " op_mod=0x%x fw_uid=%u", c->op_mod, c->uid);
	}
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

/* The executable as events show it: the path quoted, or why there is none. */
static void exe_text(const struct fg_event *e, char *buf, size_t len)
{
	if (e->exe_status == FG_EXE_OK)
		fg_quote(e->exe, sizeof(e->exe), buf, len);
	else
		snprintf(buf, len, "%s", e->exe_status == FG_EXE_NONE ? "none" : "?");
}

void fg_exe_untrusted_text(const struct fg_event *e, const char *prefix, char *buf, size_t len)
{
	char why[FG_UNTRUST_TEXT];

	buf[0] = '\0';
	if (!e->caller.exe_trust)
		return;
	if (fg_untrust_format(e->caller.exe_trust, why, sizeof(why)) || !why[0])
		snprintf(why, sizeof(why), "?");
	snprintf(buf, len, "%sexe_untrusted=%s", prefix, why);
}

void fg_event_rule_scope(const struct fg_event *e, char rule[16], char scope[FG_SCOPE_TEXT])
{
	const char *ioctl = fg_ioctl_name(e->ioctl);

	if (e->rule == FG_RULE_NONE)
		snprintf(rule, 16, "-");
	else
		snprintf(rule, 16, "%d", e->rule);
	/* An ioctl other than FWCTL_RPC has no scope: which ioctl it was.
	 * A scope the kernel does not know is shown as the caller passed it. */
	if (e->ioctl && e->ioctl != FG_FWCTL_RPC)
		snprintf(scope, FG_SCOPE_TEXT, "- ioctl=0x%x%s%s%s", e->ioctl, ioctl ? "(" : "",
			 ioctl ? ioctl : "", ioctl ? ")" : "");
	else if (e->scope < FG_SCOPE_MAX)
		snprintf(scope, FG_SCOPE_TEXT, "%s", fg_scope_name(e->scope));
	else
		snprintf(scope, FG_SCOPE_TEXT, "%u", e->scope);
}

bool fg_event_readable(const struct fg_event *e, size_t len)
{
	return len >= sizeof(*e) && e->version == FG_EVENT_VERSION &&
	       e->type >= FG_EVENT_DECISION && e->type < FG_EVENT_TYPE_MAX &&
	       e->size == sizeof(*e);
}

int fg_detail_format(const struct fg_event *e, char *buf, size_t len)
{
	char what[64], name[4 * sizeof(e->detail.name) + 3];
	const struct fg_detail *d = &e->detail;
	int n = 0;

	buf[0] = '\0';
	if (e->type == FG_EVENT_TAMPER) {
		if (fg_tamper_format(d->what & ~FG_TAMPER_KILLED, what, sizeof(what)))
			snprintf(what, sizeof(what), "?");
		n = snprintf(buf, len, "changed=%s killed=%s k_scope=%u k_in_len=%u k_out_len=%u "
			     "k_offset=%u", what[0] ? what : "-",
			     d->what & FG_TAMPER_KILLED ? "yes" : "no", d->k_scope, d->k_in_len,
			     d->k_out_len, d->k_offset);
	} else if (e->type == FG_EVENT_GUARD) {
		fg_quote(d->name, sizeof(d->name), name, sizeof(name));
		n = snprintf(buf, len, "guard_op=%s obj_id=%u ino=%llu name=%s",
			     fg_guard_op_name(d->what), d->obj_id, (unsigned long long)d->ino,
			     name);
	}
	return n < 0 || (size_t)n >= len ? -ENOSPC : 0;
}

int fg_event_format(const struct fg_event *e, const struct fg_effects_db *db,
		    long long boot_offset_ns, char *buf, size_t len)
{
	char cmd[512], exe[4 * FG_EXE_LEN + 3], untrusted[FG_UNTRUST_TEXT + 16];
	char comm[4 * FG_COMM_LEN + 3], when[40];
	char rule[16], scope[FG_SCOPE_TEXT], detail[160], extra[200] = "", type[12];
	int n;

	if (!fg_event_readable(e, e->size))
		return -EINVAL;
	/* Tamper and guard records say so, with what they add, before seq=
	 * (which stays last). */
	if (e->type != FG_EVENT_DECISION && !fg_detail_format(e, detail, sizeof(detail)))
		snprintf(extra, sizeof(extra), "event=%s %s ", fg_event_type_name(e->type), detail);
	fg_time_format((long long)e->boot_ns + boot_offset_ns, 6, when, sizeof(when));
	fg_quote(e->caller.comm, sizeof(e->caller.comm), comm, sizeof(comm));
	exe_text(e, exe, sizeof(exe));
	fg_exe_untrusted_text(e, " ", untrusted, sizeof(untrusted));
	fg_cmd_format(&e->cmd, db, cmd, sizeof(cmd));
	fg_event_rule_scope(e, rule, scope);
	n = snprintf(buf, len,
		     "%s %s reason=%s rule=%s gen=%llu permissive=%u hook=%s dev=fwctl%u "
		     "type=%s scope=%s in_len=%u out_len=%u %s pid=%u tid=%u uid=%u euid=%u gid=%u "
		     "auid=%u ses=%u comm=%s exe=%s%s cgroup_id=%llu caps=0x%llx %sseq=%llu",
		     when, fg_action_name(e->action),
		     fg_reason_name(e->reason), rule, (unsigned long long)e->gen, e->permissive,
		     fg_hook_name(e->hook), e->minor, fg_devtype_label(e->devtype, type), scope,
		     e->in_len,
		     e->out_len, cmd, e->pid, e->tid, e->caller.uid, e->caller.euid, e->caller.gid,
		     e->loginuid, e->sessionid, comm, exe, untrusted,
		     (unsigned long long)e->caller.cgroup_id, (unsigned long long)e->caller.caps,
		     extra, (unsigned long long)e->seq);
	return n < (int)len ? n : (int)len - 1;
}
