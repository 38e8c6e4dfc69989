/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The decision: policy + request -> verdict. One implementation, compiled
 * into the BPF LSM program and into userspace (unit tests, and later the
 * explain command), so that what the tests check is what the kernel runs.
 * No libc, no helpers, bounded loops only: it must pass the BPF verifier.
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

static inline void fg_decide(const struct fg_policy *p, const struct fg_request *r,
			     struct fg_verdict *v)
{
	__u32 devtype = r->devtype < FG_DEVTYPE_MAX ? r->devtype : FG_DEVTYPE_UNKNOWN;
	__u32 i;

	if (p->version != FG_ABI_VERSION) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
		return;
	}
	if (fg_request_malformed(r)) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
		return;
	}
	for (i = 0; i < FG_MAX_RULES; i++) {
		const struct fg_rule *rule = &p->rules[i];

		if (i >= p->nrules)
			break;
		if (r->scope < rule->scope_min || r->scope > rule->scope_max)
			continue;
		if (!(rule->devtype_mask & (1u << devtype)))
			continue;
		fg_verdict_set(v, rule->action, FG_REASON_RULE, (__s32)i);
		return;
	}
	fg_verdict_set(v, p->default_action, FG_REASON_DEFAULT, FG_RULE_NONE);
}

#endif /* FWCTL_GUARD_DECIDE_H */
