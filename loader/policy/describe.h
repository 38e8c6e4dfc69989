/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Requests described in words, for `fwctl-guard explain`: from options
 * (--type cxl --scope debug-write --cmd set_feature ...) or from an event
 * line as `fwctl-guard events` prints it, into the engine's input and the
 * device it names.
 */
#ifndef FG_EXPLAIN_H
#define FG_EXPLAIN_H

#include <stdbool.h>

#include "host/effects_table.h"
#include "util/err.h"
#include "fwctl_guard.h"
#include "host/registry.h"

struct fg_described {
	struct fg_decide_in in;
	struct fg_devinfo dev;		/* the node (devtype unknown: not known) */
	bool recorded;			/* from an event line: what was decided then */
	__u8 recorded_action;
	__u8 recorded_permissive;
	int recorded_rule;
	bool exe_missing;		/* exe= names a file this host does not have */
};

/* Start from a well-formed, decoded request at the configuration scope on
 * fwctl0 of type unknown, by uid 0. */
void fg_described_init(struct fg_described *d);

/* Apply one "key=value" (the event line's keys: type (a name, or a type
 * number), dev, scope ("-" for an ioctl other than FWCTL_RPC), ioctl (a
 * name or a number), cmd, opcode, op_mod, fw_uid, register (a name or an
 * id), register_id, access, ep, feature, effects, decode, uid, euid,
 * gid, comm, exe, exe_untrusted, cgroup, cap...), values in the event line's form
 * (numbers; cmd after type). Keys explain does not judge by (pid, hook, seq...) are
 * accepted and ignored. An exe this host does not have leaves the caller
 * without one (exe_missing). 0 or -EINVAL with err. */
int fg_described_set(struct fg_described *d, const char *key, const char *value,
		     const struct fg_effects_db *db, const char *cgroup_root, struct fg_err *err);

/* A whole event line. Its first two words (time, action) set the recorded
 * decision. */
int fg_described_parse_event(struct fg_described *d, const char *line,
			     const struct fg_effects_db *db, struct fg_err *err);

/* A decision record (from a JSON line): the request, the caller and what
 * was decided, as the record has them (effects included). */
void fg_described_from_event(struct fg_described *d, const struct fg_event *e);

/* After the keys: the command's effects from the tables when no effects=
 * was given, the device's parent and serial from the host's registry when
 * it has the same node, and no exe when exe_untrusted says it did not
 * count. */
void fg_described_finish(struct fg_described *d, const struct fg_effects_db *db,
			 const struct fg_devlist *host, bool effects_given);

/* A number above a type's opcode width, as check and explain say it: the
 * decoder, like the driver, never yields it, so a rule could not match it
 * and no request carries it. For CXL it names what the kernel does with
 * such a request instead (it keeps the low 16 bits). fits: op holds the
 * number (else it is above 0xffffffff); written: the value as given. */
int fg_opcode_range_text(char *buf, size_t len, int devtype, __u32 op, bool fits,
			 const char *written);

#endif
