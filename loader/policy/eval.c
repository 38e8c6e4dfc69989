// SPDX-License-Identifier: GPL-2.0-only
/*
 * The native evaluator: first match wins over the rules as written. Must
 * agree with bpf/engine.bpf.h on every input (tests/bpf/test_engine.c).
 */
#include <stdio.h>
#include <string.h>

#include "fwctl_guard_decide.h"
#include "policy/eval.h"

const char *const fg_cond_names[FG_COND_MAX] = {
	[FG_COND_NONE] = "none",
	[FG_COND_TYPE] = "type",
	[FG_COND_NODE] = "node",
	[FG_COND_PARENT] = "parent",
	[FG_COND_SERIAL] = "serial",
	[FG_COND_SCOPE] = "scope",
	[FG_COND_REQUEST] = "request",
	[FG_COND_CMD] = "cmd",
	[FG_COND_FEATURE] = "feature",
	[FG_COND_EFFECT_ANY] = "effect any",
	[FG_COND_EFFECT_ALL] = "effect all",
	[FG_COND_UID] = "uid",
	[FG_COND_EUID] = "euid",
	[FG_COND_GID] = "gid",
	[FG_COND_COMM] = "comm",
	[FG_COND_EXE] = "exe",
	[FG_COND_CGROUP] = "cgroup",
	[FG_COND_CAP] = "cap",
	[FG_COND_IOCTL] = "ioctl",
	[FG_COND_REGISTER] = "register",
	[FG_COND_ACCESS] = "access",
};

const struct fg_device *fg_eval_device(const struct fg_devlist *devs,
				       const struct fg_decide_in *in)
{
	unsigned int i;

	/* The registry's entry names the device only while it is the type
	 * the file is (engine.bpf.h: a minor taken over is not it). */
	for (i = 0; devs && i < devs->n; i++)
		if (devs->devs[i].minor == in->req.minor)
			return devs->devs[i].dev.devtype &&
			       devs->devs[i].dev.devtype == in->req.devtype ?
			       &devs->devs[i].dev : NULL;
	return NULL;
}

/* Does the rule's type condition hold for the request's device type? Its
 * own number, or bit 0 for every type the guard does not decode
 * (lower.c's type vectors say the same). */
static bool type_match(const struct fg_ir_rule *rule, __u32 devtype)
{
	__u32 idx = fg_devtype_index(devtype);

	return (rule->devtypes & (1u << idx)) ||
	       (!fg_devtype_known(devtype) && (rule->devtypes & 1u));
}

/* The ioctls a rule judges: its list, else FWCTL_RPC alone. */
static bool ioctl_match(const struct fg_ir_rule *rule, __u32 ioctl)
{
	size_t i;

	if (!rule->nioctls)
		return ioctl == FG_FWCTL_RPC;
	for (i = 0; i < rule->nioctls; i++)
		if (rule->ioctls[i] == ioctl)
			return true;
	return false;
}

/* A string list holds s (compared as the kernel compares: up to len bytes). */
static bool str_in(char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	if (!s || !s[0])
		return false;
	for (i = 0; i < n; i++)
		if (!strncmp(list[i], s, len))
			return true;
	return false;
}

static bool u32_in(const __u32 *list, size_t n, __u32 v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static bool cmd_in(const struct fg_ir_rule *rule, const struct fg_cmd *c)
{
	size_t i;

	for (i = 0; i < rule->ncmds; i++)
		if (rule->cmds[i].devtype == c->devtype && rule->cmds[i].opcode == c->opcode)
			return true;
	return false;
}

static bool feature_in(const struct fg_ir_rule *rule, const struct fg_cmd *c)
{
	size_t i;

	if (!c->has_uuid)
		return false;
	for (i = 0; i < rule->nfeatures; i++)
		if (!memcmp(rule->features[i], c->uuid, 16))
			return true;
	return false;
}

static bool exe_in(const struct fg_ir_rule *rule, const struct fg_caller *caller)
{
	size_t i;

	if (!caller->exe_ino)
		return false;
	for (i = 0; i < rule->nexes; i++)
		if (rule->exes[i].ino && rule->exes[i].ino == caller->exe_ino &&
		    rule->exes[i].dev == caller->exe_dev)
			return true;
	return false;
}

static bool cgroup_in(const struct fg_ir_rule *rule, __u64 id)
{
	size_t i;

	for (i = 0; i < rule->ncgroups; i++)
		if (rule->cgroups[i].id && rule->cgroups[i].id == id)
			return true;
	return false;
}

enum fg_cond fg_rule_mismatch(const struct fg_ir_rule *rule, const struct fg_device *dev,
			      const struct fg_decide_in *in)
{
	const struct fg_cmd *c = &in->cmd;
	const struct fg_caller *who = &in->caller;
	__u32 status = c->status < FG_DECODE_STATUS_MAX ? c->status : FG_DECODE_MALFORMED;
	__u32 effects = c->effects & ((1u << 12) - 1);
	char node[FG_DEVNAME_LEN] = "";

	/* The node is the minor's (the kernel names every node fwctl<minor>);
	 * the parent and serial are the registry's. */
	if (in->req.minor < FG_MAX_MINORS)
		snprintf(node, sizeof(node), "fwctl%u", in->req.minor);
	if (!type_match(rule, in->req.devtype))
		return FG_COND_TYPE;
	if (rule->nnodes && !str_in(rule->nodes, rule->nnodes, node, sizeof(node)))
		return FG_COND_NODE;
	if (rule->nparents && !str_in(rule->parents, rule->nparents, dev ? dev->parent : NULL,
				      sizeof(dev->parent)))
		return FG_COND_PARENT;
	if (rule->nserials && !str_in(rule->serials, rule->nserials, dev ? dev->serial : NULL,
				      sizeof(dev->serial)))
		return FG_COND_SERIAL;
	if (fg_request_scope(&in->req) >= FG_SCOPE_MAX ||
	    !(rule->scopes & (1u << fg_request_scope(&in->req))))
		return FG_COND_SCOPE;
	if (!(rule->statuses & (1u << status)))
		return FG_COND_REQUEST;
	if (rule->ncmds && !cmd_in(rule, c))
		return FG_COND_CMD;
	if (rule->nfeatures && !feature_in(rule, c))
		return FG_COND_FEATURE;
	if (rule->effects_any && !(effects & rule->effects_any))
		return FG_COND_EFFECT_ANY;
	if ((effects & rule->effects_all) != rule->effects_all)
		return FG_COND_EFFECT_ALL;
	if (rule->nuids && !u32_in(rule->uids, rule->nuids, who->uid))
		return FG_COND_UID;
	if (rule->neuids && !u32_in(rule->euids, rule->neuids, who->euid))
		return FG_COND_EUID;
	if (rule->ngids && !u32_in(rule->gids, rule->ngids, who->gid))
		return FG_COND_GID;
	if (rule->ncomms && !str_in(rule->comms, rule->ncomms, who->comm, FG_COMM_LEN))
		return FG_COND_COMM;
	if (rule->nexes && !exe_in(rule, who))
		return FG_COND_EXE;
	if (rule->ncgroups && !cgroup_in(rule, who->cgroup_id))
		return FG_COND_CGROUP;
	if (rule->caps && !(rule->caps & who->caps))
		return FG_COND_CAP;
	if (!ioctl_match(rule, in->req.ioctl))
		return FG_COND_IOCTL;
	if (rule->nregs && (!c->reg_access || !u32_in(rule->regs, rule->nregs, c->reg)))
		return FG_COND_REGISTER;
	if (rule->reg_access && (!c->reg_access || c->reg_access >= FG_REG_ACCESS_MAX ||
				 !(rule->reg_access & (1u << c->reg_access))))
		return FG_COND_ACCESS;
	return FG_COND_NONE;
}

void fg_policy_eval(const struct fg_program *prog, const struct fg_devlist *devs,
		    const struct fg_decide_in *in, struct fg_verdict *v)
{
	const struct fg_device *dev = fg_eval_device(devs, in);
	__u32 status = in->cmd.status < FG_DECODE_STATUS_MAX ? in->cmd.status : FG_DECODE_MALFORMED;
	size_t r;

	memset(v, 0, sizeof(*v));
	v->gen = 0;
	if (fg_request_malformed(&in->req)) {
		fg_verdict_set(v, FG_ACTION_DENY, FG_REASON_MALFORMED, FG_RULE_NONE);
	} else {
		for (r = 0; r < prog->nrules; r++)
			if (fg_rule_mismatch(&prog->rules[r], dev, in) == FG_COND_NONE)
				break;
		if (r < prog->nrules)
			fg_verdict_set(v, prog->rules[r].action, FG_REASON_RULE, (int)r);
		else
			fg_decide_fallback(prog->default_action, prog->unknown_device_action,
					   &in->req, status, v);
	}
	if (prog->mode == FG_MODE_PERMISSIVE && v->action == FG_ACTION_DENY)
		v->permissive = 1;
}
