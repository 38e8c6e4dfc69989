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

static inline int fg_uuid_eq(const __u8 *a, const __u8 *b)
{
	__u32 i;

	for (i = 0; i < 16; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * In BPF the rule walk is a global function: the verifier checks it once,
 * with its arguments unknown, instead of once per path of the caller (the
 * hook's decoded fields are known constants on many paths, which makes the
 * inlined walk explode past the verifier's instruction limit). Global
 * functions may get NULL pointers, hence the checks.
 */
_Static_assert((FG_MAX_RULES & (FG_MAX_RULES - 1)) == 0, "FG_MAX_RULES is a power of 2");

#ifdef __bpf__
#define FG_SUBPROG __attribute__((noinline))
#else
#define FG_SUBPROG static inline
#endif

static inline int fg_rule_matches(const struct fg_rule *rule, const struct fg_request *r,
				  const struct fg_cmd *c, __u32 devtype)
{
	__u32 status = c->status < FG_DECODE_STATUS_MAX ? c->status : FG_DECODE_MALFORMED;

	if (r->scope < rule->scope_min || r->scope > rule->scope_max)
		return 0;
	if (!(rule->devtype_mask & (1u << devtype)))
		return 0;
	if (!(rule->status_mask & (1u << status)))
		return 0;
	if (rule->effects_any && !(c->effects & rule->effects_any))
		return 0;
	if ((c->effects & rule->effects_all) != rule->effects_all)
		return 0;
	if ((rule->match & FG_MATCH_OPCODE) && c->opcode != rule->opcode)
		return 0;
	if ((rule->match & FG_MATCH_UUID) && (!c->has_uuid || !fg_uuid_eq(c->uuid, rule->uuid)))
		return 0;
	return 1;
}

/* Index of the first rule that matches, or FG_RULE_NONE. */
FG_SUBPROG int fg_first_match(const struct fg_policy *p, const struct fg_request *r,
			      const struct fg_cmd *c)
{
	__u32 devtype, i;

	if (!p || !r || !c)
		return FG_RULE_NONE;
	devtype = r->devtype < FG_DEVTYPE_MAX ? r->devtype : FG_DEVTYPE_UNKNOWN;
	for (i = 0; i < FG_MAX_RULES; i++) {
		if (i >= p->nrules)
			break;
		if (fg_rule_matches(&p->rules[i], r, c, devtype))
			return (int)i;
	}
	return FG_RULE_NONE;
}

/*
 * r: the RPC header; c: the decoded command with its effects resolved.
 * Order: no policy, then a header the kernel refuses, then the rules (first
 * match wins), then the fall-backs: a command that did not decode is denied
 * (unless a rule named it), a node missing from the registry gets the
 * unknown-device action, everything else the default.
 */
static inline void fg_decide(const struct fg_policy *p, const struct fg_request *r,
			     const struct fg_cmd *c, struct fg_verdict *v)
{
	__u32 devtype = r->devtype < FG_DEVTYPE_MAX ? r->devtype : FG_DEVTYPE_UNKNOWN;
	int i;

	if (p->version != FG_ABI_VERSION) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_NO_POLICY, FG_RULE_NONE);
		return;
	}
	if (fg_request_malformed(r)) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
		return;
	}
	i = fg_first_match(p, r, c);
	if (i >= 0) {
		/* The verifier knows nothing of a global function's result: the
		 * mask bounds the index for it (FG_MAX_RULES is a power of 2). */
		i &= FG_MAX_RULES - 1;
		fg_verdict_set(v, p->rules[i].action, FG_REASON_RULE, i);
		return;
	}
	if (c->status == FG_DECODE_UNREADABLE)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_UNREADABLE, FG_RULE_NONE);
	else if (c->status != FG_DECODE_OK)
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
	else if (devtype == FG_DEVTYPE_UNKNOWN)
		fg_verdict_set(v, p->unknown_device_action, FG_REASON_UNKNOWN_DEVICE, FG_RULE_NONE);
	else
		fg_verdict_set(v, p->default_action, FG_REASON_DEFAULT, FG_RULE_NONE);
}

#endif /* FWCTL_GUARD_DECIDE_H */
