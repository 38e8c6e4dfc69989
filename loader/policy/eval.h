/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The native evaluator: the policy's meaning, rule by rule, in plain C.
 * explain uses it to say why, and the differential tests hold the BPF
 * engine to it.
 */
#ifndef FG_POLICY_EVAL_H
#define FG_POLICY_EVAL_H

#include "fwctl_guard.h"
#include "policy/ir.h"
#include "host/registry.h"

/* The conditions of a rule, in the order a mismatch is reported. */
enum fg_cond {
	FG_COND_NONE = 0,	/* every condition holds */
	FG_COND_TYPE,
	FG_COND_NODE,
	FG_COND_PARENT,
	FG_COND_SERIAL,
	FG_COND_SCOPE,
	FG_COND_REQUEST,
	FG_COND_CMD,
	FG_COND_FEATURE,
	FG_COND_EFFECT_ANY,
	FG_COND_EFFECT_ALL,
	FG_COND_UID,
	FG_COND_EUID,
	FG_COND_GID,
	FG_COND_COMM,
	FG_COND_EXE,
	FG_COND_CGROUP,
	FG_COND_CAP,
	FG_COND_IOCTL,
	FG_COND_REGISTER,
	FG_COND_ACCESS,
	FG_COND_MAX,
};

extern const char *const fg_cond_names[FG_COND_MAX];

/* The registry's device at the request's minor (its parent and serial):
 * NULL when devs has none there. The device type is the request's, the
 * node its minor's. */
const struct fg_device *fg_eval_device(const struct fg_devlist *devs,
				       const struct fg_decide_in *in);

/* The first condition of rule that fails for the request, or FG_COND_NONE. */
enum fg_cond fg_rule_mismatch(const struct fg_ir_rule *rule, const struct fg_device *dev,
			      const struct fg_decide_in *in);

/* The verdict the kernel reaches with a generation of prog built for devs. */
void fg_policy_eval(const struct fg_program *prog, const struct fg_devlist *devs,
		    const struct fg_decide_in *in, struct fg_verdict *v);

#endif
