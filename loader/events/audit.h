/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One decision event as the message of a USER_AVC audit record, in the
 * shape SELinux's user-space object managers give theirs, so that
 * auditd's own tools read it (aureport --avc, ausearch -sv no):
 *
 *   avc:  denied  { rpc } for pid=... comm="..." exe="..." ... type=cxl
 *   scope=debug-write cmd=set_feature ... rule=3 policy="..." ...
 *   subj=/usr/bin/tool tcontext=fwctl0 tclass=fwctl permissive=0
 *
 * The record's own pid/uid (added by the kernel) are the daemon's, so the
 * caller's identity is in the message. Untrusted strings follow auditd's
 * encoding: "quoted" when safe, else hex, as libaudit decides.
 */
#ifndef FG_EVENT_AUDIT_H
#define FG_EVENT_AUDIT_H

#include <stddef.h>

#include "fwctl_guard.h"

struct fg_effects_db;

/* An untrusted value as auditd writes it: "value" when every byte is
 * printable ASCII other than space, " and ' (the kernel puts user messages
 * inside msg='...'), else the bytes in upper-case hex. s: at most max
 * bytes, up to a NUL. Returns the length written (buf: at least
 * 2 * max + 3 bytes). */
size_t fg_audit_encode(const char *s, size_t max, char *buf, size_t len);

/* The message for e; policy: the deciding policy's name (NULL: "?").
 * Returns its length, or -ENOSPC if len is too small, -EINVAL for a record
 * this version cannot read. */
int fg_event_audit_msg(const struct fg_event *e, const struct fg_effects_db *db,
		       const char *policy, char *buf, size_t len);

#endif
