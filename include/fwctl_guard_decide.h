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

/*
 * Requests the kernel itself refuses before the driver sees them
 * (fwctl_fops_ioctl, fwctl_cmd_rpc): header shorter than struct fwctl_rpc,
 * scope out of range, lengths over 2 MiB. Denying them costs a correct
 * client nothing and shuts the window in which another thread turns a
 * request the guard let through as "refused anyway" into one the kernel
 * accepts.
 */
static inline int fg_request_malformed(const struct fg_request *r)
{
	return r->size < sizeof(struct fg_fwctl_rpc) || r->scope >= FG_SCOPE_MAX ||
	       r->in_len > FG_FWCTL_MAX_RPC_LEN || r->out_len > FG_FWCTL_MAX_RPC_LEN;
}

static inline void fg_verdict_set(struct fg_verdict *v, __u8 action, __u8 reason, __s32 rule)
{
	/* An action the ABI does not know is a corrupt policy: deny. */
	v->action = action < FG_ACTION_MAX ? action : FG_ACTION_DENY;
	v->reason = reason;
	v->rule = rule;
}

/*
 * No rule matched: a command that did not decode is denied (unless a rule
 * named it), a node the policy does not know gets the unknown-device
 * action, everything else the default.
 */
static inline void fg_decide_fallback(__u8 default_action, __u8 unknown_device_action,
				      __u32 devtype, __u32 status, struct fg_verdict *v)
{
	if (status == FG_DECODE_UNREADABLE)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_UNREADABLE, FG_RULE_NONE);
	else if (status != FG_DECODE_OK)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
	else if (devtype == FG_DEVTYPE_UNKNOWN)
		fg_verdict_set(v, unknown_device_action, FG_REASON_UNKNOWN_DEVICE, FG_RULE_NONE);
	else
		fg_verdict_set(v, default_action, FG_REASON_DEFAULT, FG_RULE_NONE);
}

#endif /* FWCTL_GUARD_DECIDE_H */
