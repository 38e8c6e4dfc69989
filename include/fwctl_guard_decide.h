/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The parts of a decision that are the same in the BPF engine
 * (bpf/engine.bpf.h) and the native evaluator (loader/policy/eval.c):
 * requests refused before any rule, and the fall-backs after them. No libc,
 * no helpers: it must pass the BPF verifier.
 */
#ifndef FWCTL_GUARD_DECIDE_H
#define FWCTL_GUARD_DECIDE_H

#include "fwctl_guard.h"

/* A device type the guard decodes (1 to FG_DEVTYPE_MAX - 1). */
static inline int fg_devtype_known(__u32 devtype)
{
	return devtype != FG_DEVTYPE_UNKNOWN && devtype < FG_DEVTYPE_MAX;
}

/* The type vector a request's device type selects: its own number up to
 * FG_GEN_TYPES - 1 (rules name types by number too), 0 for the rest. */
static inline __u32 fg_devtype_index(__u32 devtype)
{
	return devtype < FG_GEN_TYPES ? devtype : 0;
}

/* The scope rules see: an ioctl other than FWCTL_RPC has no header, and
 * is matched as scope 0 (only rules without a scope condition name one). */
static inline __u32 fg_request_scope(const struct fg_request *r)
{
	return r->ioctl == FG_FWCTL_RPC ? r->scope : 0;
}

/*
 * Requests the kernel itself refuses before the driver sees them
 * (fwctl_fops_ioctl, fwctl_cmd_rpc): header shorter than struct fwctl_rpc,
 * scope out of range, lengths over 2 MiB. Denying them costs a correct
 * client nothing and shuts the window in which another thread turns a
 * request the guard let through as "refused anyway" into one the kernel
 * accepts. Only an RPC has a header.
 */
static inline int fg_request_malformed(const struct fg_request *r)
{
	return r->ioctl == FG_FWCTL_RPC &&
	       (r->size < sizeof(struct fg_fwctl_rpc) || r->scope >= FG_SCOPE_MAX ||
		r->in_len > FG_FWCTL_MAX_RPC_LEN || r->out_len > FG_FWCTL_MAX_RPC_LEN);
}

static inline void fg_verdict_set(struct fg_verdict *v, __u8 action, __u8 reason, __s32 rule)
{
	/* An action the ABI does not know is a corrupt policy: deny. */
	v->action = action < FG_ACTION_MAX ? action : FG_ACTION_DENY;
	v->reason = reason;
	v->rule = rule;
}

/*
 * No rule matched: an ioctl other than FWCTL_RPC is denied (unless a rule
 * named it), so is a command that did not decode; a device of a type the
 * guard does not decode gets the unknown-device action, everything else
 * the default.
 */
static inline void fg_decide_fallback(__u8 default_action, __u8 unknown_device_action,
				      const struct fg_request *r, __u32 status,
				      struct fg_verdict *v)
{
	if (r->ioctl != FG_FWCTL_RPC)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_UNKNOWN_IOCTL, FG_RULE_NONE);
	else if (status == FG_DECODE_UNREADABLE)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_UNREADABLE, FG_RULE_NONE);
	else if (!fg_devtype_known(r->devtype) || status == FG_DECODE_UNKNOWN_TYPE)
		fg_verdict_set(v, unknown_device_action, FG_REASON_UNKNOWN_DEVICE, FG_RULE_NONE);
	else if (status != FG_DECODE_OK)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
	else
		fg_verdict_set(v, default_action, FG_REASON_DEFAULT, FG_RULE_NONE);
}

#endif /* FWCTL_GUARD_DECIDE_H */
