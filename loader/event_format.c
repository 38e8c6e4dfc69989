// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <time.h>

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

int fg_event_format(const struct fg_event *e, long long boot_offset_ns, char *buf, size_t len)
{
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
		     "%s.%06lldZ %s reason=%s rule=%s hook=%s dev=fwctl%u type=%s scope=%s "
		     "in_len=%u out_len=%u pid=%u tid=%u uid=%u gid=%u comm=%s",
		     when, (ns % 1000000000LL) / 1000, fg_action_name(e->action),
		     fg_reason_name(e->reason), rule, fg_hook_name(e->hook), e->minor,
		     fg_devtype_name(e->devtype), scope, e->in_len, e->out_len,
		     e->pid, e->tid, e->uid, e->gid, comm);
	return n < (int)len ? n : (int)len - 1;
}
