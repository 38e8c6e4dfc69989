// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <libaudit.h>
#include <stdio.h>
#include <string.h>

#include "host/effects_table.h"
#include "events/audit.h"
#include "events/format.h"
#include "util/names.h"

size_t fg_audit_encode(const char *s, size_t max, char *buf, size_t len)
{
	size_t n = strnlen(s, max);

	if (len < 2 * n + 3)
		n = len < 3 ? 0 : (len - 3) / 2;
	/* libaudit does not flag ', which would end the kernel's msg='...'. */
	if (n && !audit_value_needs_encoding(s, n) && !memchr(s, '\'', n)) {
		buf[0] = '"';
		memcpy(buf + 1, s, n);
		buf[n + 1] = '"';
		buf[n + 2] = '\0';
		return n + 2;
	}
	if (!n) {
		/* an empty value would not parse as key=value */
		snprintf(buf, len, "\"\"");
		return 2;
	}
	audit_encode_value(buf, s, n);
	return 2 * n;
}

/*
 * The subject as the AVC's subj= (what aureport --avc shows as subj): the
 * caller's executable, bare when auditd would quote it (a label has no
 * quotes), hex when it would not; "kernel" for a kernel thread, "?" when
 * the path is not known.
 */
static void subject(const struct fg_event *e, char *buf, size_t len)
{
	size_t n;

	if (e->exe_status != FG_EXE_OK) {
		snprintf(buf, len, "%s", e->exe_status == FG_EXE_NONE ? "kernel" : "?");
		return;
	}
	n = fg_audit_encode(e->exe, sizeof(e->exe), buf, len);
	if (n >= 2 && buf[0] == '"') {
		memmove(buf, buf + 1, n - 2);
		buf[n - 2] = '\0';
	}
	if (!buf[0])
		snprintf(buf, len, "?");
}

int fg_event_audit_msg(const struct fg_event *e, const struct fg_effects_db *db,
		       const char *policy, char *buf, size_t len)
{
	char comm[2 * FG_COMM_LEN + 3], exe[2 * FG_EXE_LEN + 3], pol[2 * 64 + 3];
	char subj[2 * FG_EXE_LEN + 3], obj[48], cmd[512], rule[16], scope[FG_SCOPE_TEXT], extra[200] = "";
	char untrusted[FG_UNTRUST_TEXT + 16];
	char type[12];
	char name[2 * 16 + 3];
	static const char *const perm[FG_EVENT_TYPE_MAX] = {
		[FG_EVENT_DECISION] = "rpc", [FG_EVENT_TAMPER] = "rpc_tamper",
		[FG_EVENT_GUARD] = "guard_change",
	};
	const struct fg_detail *d = &e->detail;
	int n;

	if (!fg_event_readable(e, e->size))
		return -EINVAL;
	/* What tamper and guard records add, as the text sink writes it;
	 * for guard records obj_name, encoded, not name: auparse takes name=
	 * for a path. */
	if (e->type == FG_EVENT_TAMPER && !fg_detail_format(e, extra, sizeof(extra) - 1)) {
		strcat(extra, " ");
	} else if (e->type == FG_EVENT_GUARD) {
		fg_audit_encode(d->name, sizeof(d->name), name, sizeof(name));
		snprintf(extra, sizeof(extra), "guard_op=%s obj_id=%u ino=%llu obj_name=%s ",
			 fg_guard_op_name(d->what), d->obj_id, (unsigned long long)d->ino, name);
	}
	fg_audit_encode(e->caller.comm, sizeof(e->caller.comm), comm, sizeof(comm));
	if (e->exe_status == FG_EXE_OK)
		fg_audit_encode(e->exe, sizeof(e->exe), exe, sizeof(exe));
	else
		snprintf(exe, sizeof(exe), "?");
	subject(e, subj, sizeof(subj));
	fg_exe_untrusted_text(e, " ", untrusted, sizeof(untrusted));
	/* The object: the node (an RPC, a changed RPC), or the guard itself. */
	if (e->type == FG_EVENT_GUARD)
		snprintf(obj, sizeof(obj), "fwctl-guard tclass=fwctl_guard");
	else
		snprintf(obj, sizeof(obj), "fwctl%u tclass=fwctl", e->minor);
	fg_audit_encode(policy ? policy : "?", 64, pol, sizeof(pol));
	fg_cmd_format(&e->cmd, db, cmd, sizeof(cmd));
	fg_event_rule_scope(e, rule, scope);
	/*
	 * SELinux's user-space AVC shape, which auditd's tools parse: "avc:",
	 * denied or granted (what was let through: audit rules, permissive
	 * mode, as SELinux says of auditallow), the permission in braces,
	 * pid= and comm= first; subj=, tcontext=, tclass= in that order and
	 * permissive= last (aureport --avc reads its subject, object and
	 * class from them, each after the one before). lsm_hook, not hook:
	 * auparse reads hook= as a netfilter hook number.
	 */
	n = snprintf(buf, len,
		     "avc:  %s  { %s } for pid=%u comm=%s exe=%s%s tid=%u uid=%u euid=%u gid=%u "
		     "auid=%u ses=%u cgroup_id=%llu type=%s scope=%s %s rule=%s policy=%s gen=%llu "
		     "reason=%s lsm_hook=%s %sseq=%llu subj=%s tcontext=%s permissive=%u",
		     e->action == FG_ACTION_DENY ? "denied" : "granted", perm[e->type], e->pid, comm,
		     exe, untrusted, e->tid, e->caller.uid, e->caller.euid, e->caller.gid, e->loginuid,
		     e->sessionid, (unsigned long long)e->caller.cgroup_id,
		     fg_devtype_label(e->devtype, type), scope, cmd, rule, pol,
		     (unsigned long long)e->gen, fg_reason_name(e->reason), fg_hook_name(e->hook),
		     extra, (unsigned long long)e->seq, subj, obj, e->permissive);
	if (n < 0)
		return -EINVAL;
	return (size_t)n < len ? n : -ENOSPC;
}
