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
};

const struct fg_device *fg_eval_device(const struct fg_devlist *devs,
				       const struct fg_decide_in *in)
{
	unsigned int i;

	for (i = 0; devs && i < devs->n; i++)
		if (devs->devs[i].minor == in->req.minor)
			return devs->devs[i].dev.devtype ? &devs->devs[i].dev : NULL;
	return NULL;
}

/* The request's device type as the engine uses it. */
static __u32 req_devtype(const struct fg_decide_in *in)
{
	return in->req.devtype < FG_DEVTYPE_MAX ? in->req.devtype : FG_DEVTYPE_UNKNOWN;
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
	__u32 devtype = req_devtype(in);
	__u32 status = c->status < FG_DECODE_STATUS_MAX ? c->status : FG_DECODE_MALFORMED;
	__u32 effects = c->effects & ((1u << 12) - 1);
	char node[FG_DEVNAME_LEN] = "";

	/* The node is the minor's (the kernel names every node fwctl<minor>);
	 * the parent and serial are the registry's. */
	if (in->req.minor < FG_MAX_MINORS)
		snprintf(node, sizeof(node), "fwctl%u", in->req.minor);
	if (!(rule->devtypes & (1u << devtype)))
		return FG_COND_TYPE;
	if (rule->nnodes && !str_in(rule->nodes, rule->nnodes, node, sizeof(node)))
		return FG_COND_NODE;
	if (rule->nparents && !str_in(rule->parents, rule->nparents, dev ? dev->parent : NULL,
				      sizeof(dev->parent)))
		return FG_COND_PARENT;
	if (rule->nserials && !str_in(rule->serials, rule->nserials, dev ? dev->serial : NULL,
				      sizeof(dev->serial)))
		return FG_COND_SERIAL;
	if (in->req.scope >= FG_SCOPE_MAX || !(rule->scopes & (1u << in->req.scope)))
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
					   req_devtype(in), status, v);
	}
	if (prog->mode == FG_MODE_PERMISSIVE && v->action == FG_ACTION_DENY)
		v->permissive = 1;
}
