// SPDX-License-Identifier: GPL-2.0-only
/*
 * A rule's conditions, one checker per kind: each resolves its list of
 * values (names, numbers, ranges; paths through the resolver) into the
 * rule's IR, with an error at the value that does not fit.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwctl_guard_decode.h"
#include "host/effects_table.h"
#include "policy/check.h"
#include "policy/describe.h"
#include "util/names.h"

#define DEFAULT_CGROUP_ROOT "/sys/fs/cgroup"

const char *const cond_names[C_MAX] = {
	[C_SCOPE] = "scope", [C_TYPE] = "type", [C_NODE] = "node", [C_PARENT] = "parent",
	[C_PCI] = "pci", [C_SERIAL] = "serial", [C_CMD] = "cmd", [C_FEATURE] = "feature",
	[C_EFFECT] = "effect", [C_REQUEST] = "request", [C_UID] = "uid", [C_EUID] = "euid",
	[C_GID] = "gid", [C_COMM] = "comm", [C_EXE] = "exe", [C_CGROUP] = "cgroup",
	[C_CAP] = "cap", [C_IOCTL] = "ioctl", [C_REGISTER] = "register", [C_ACCESS] = "access",
};

static int add_str(struct checker *c, char ***arr, size_t *n, const char *s)
{
	char *dup;
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*arr)[i], s))
			return 0;
	dup = strdup(s);
	if (!dup)
		return nomem(c);
	if (push(c, arr, n, &dup, sizeof(dup))) {
		free(dup);
		return -ENOMEM;
	}
	return 0;
}

static int add_u32(struct checker *c, __u32 **arr, size_t *n, __u32 v)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i] == v)
			return 0;
	return push(c, arr, n, &v, sizeof(v));
}

static int add_cmd(struct checker *c, struct fg_ir_rule *r, __u32 devtype, __u32 opcode)
{
	struct fg_ir_cmd cmd = { .devtype = devtype, .opcode = opcode };
	size_t i;

	for (i = 0; i < r->ncmds; i++)
		if (r->cmds[i].devtype == devtype && r->cmds[i].opcode == opcode)
			return 0;
	return push(c, &r->cmds, &r->ncmds, &cmd, sizeof(cmd));
}

/* scope [OP] SCOPE | scope LIST | scope A..B: narrows the rule's mask. */
static int cond_scope(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		      size_t n)
{
	struct checker *c = rc->c;
	__u8 mask = 0;
	size_t i;

	if (cd->op != FG_OP_NONE && (n != 1 || strstr(v[0].it->s, "..")))
		return err_at(c, &cd->list->loc, "an operator takes a single scope");
	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s, *dots = strstr(s, "..");
		int lo, hi, b;

		if (dots) {
			lo = scope_value(s, (int)(dots - s));
			hi = scope_value(dots + 2, (int)strlen(dots + 2));
			if (lo == -ENOMEM || hi == -ENOMEM)
				return nomem(c);
			if (lo == -ERANGE)
				return err_item(c, &v[i],
						"scopes are 0-3 (the kernel's enum fwctl_rpc_scope): %.*s in '%s' is out of range",
						(int)(dots - s), s, s);
			if (hi == -ERANGE)
				return err_item(c, &v[i],
						"scopes are 0-3 (the kernel's enum fwctl_rpc_scope): %s in '%s' is out of range",
						dots + 2, s);
			if (lo < 0 || hi < 0)
				return err_item(c, &v[i],
						"unknown scope range '%s' (expected SCOPE..SCOPE, a scope being %s)",
						s, scope_list);
			if (lo > hi)
				return err_item(c, &v[i],
						"scope range '%s' is empty (its first end is above its second)",
						s);
		} else {
			lo = hi = scope_value(s, (int)strlen(s));
			if (lo == -ENOMEM)
				return nomem(c);
			if (lo == -ERANGE)
				return err_item(c, &v[i],
						"scopes are 0-3 (the kernel's enum fwctl_rpc_scope): %s is out of range",
						s);
			if (lo < 0)
				return err_item(c, &v[i], "unknown scope '%s' (expected %s)", s,
						scope_list);
		}
		switch (cd->op) {
		case FG_OP_GE:
			hi = FG_SCOPE_MAX - 1;
			break;
		case FG_OP_GT:
			lo++;
			hi = FG_SCOPE_MAX - 1;
			break;
		case FG_OP_LE:
			lo = 0;
			break;
		case FG_OP_LT:
			hi--;
			lo = 0;
			break;
		default:
			break;
		}
		for (b = lo; b <= hi; b++)
			mask |= 1u << b;
	}
	rc->r->scopes &= mask;
	if (!rc->r->scopes)
		return err_at(c, &cd->loc, "the rule's scope conditions match no scope");
	return 0;
}

static int cond_type(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		     size_t n)
{
	__u32 mask = 0;
	size_t i;
	int t;

	(void)cd;
	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;
		char *end;
		unsigned long num;

		t = fg_devtype_parse(s);
		if (t < 0 && *s >= '0' && *s <= '9') {
			/* A type by its FWCTL_DEVICE_TYPE_* number: those the
			 * guard does not decode (nova-core's, say) too. */
			errno = 0;
			num = strtoul(s, &end, 0);
			if (*end || errno || num == 0 || num >= FG_GEN_TYPES)
				return err_item(rc->c, &v[i], "device type numbers are 1 to %d, not "
						"'%s'", FG_GEN_TYPES - 1, s);
			t = (int)num;
		}
		if (t < 0)
			return err_item(rc->c, &v[i], "unknown device type '%s' (expected %s, or a "
					"type number)", s, type_list);
		mask |= 1u << t;
	}
	rc->r->devtypes = mask;
	return 0;
}

/* ioctl: numbers or fwctl ioctl names; FWCTL_INFO is never judged. */
static int cond_ioctl(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	size_t i, j;
	__u32 nr;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;
		char *end;
		unsigned long long num;

		if (fg_ioctl_parse(s, &nr)) {
			errno = 0;
			num = *s >= '0' && *s <= '9' ? strtoull(s, &end, 0) : ~0ull;
			if (num == ~0ull || *end || errno || num > 0xffffffffull)
				return err_item(rc->c, &v[i], "'%s' is neither an ioctl number (32 bits) "
						"nor a fwctl ioctl name (rpc, rsc-destroy, "
						"rsc-umem-reg)", s);
			nr = (__u32)num;
		}
		if (nr == FG_FWCTL_INFO)
			return err_item(rc->c, &v[i], "FWCTL_INFO (%s) is never judged: it only "
					"reads what the device is", s);
		for (j = 0; j < r->nioctls && r->ioctls[j] != nr; j++)
			;
		if (j < r->nioctls)
			continue;
		ret = push(rc->c, &r->ioctls, &r->nioctls, &nr, sizeof(nr));
		if (ret)
			return ret;
	}
	return 0;
}

/* register: mlx5 register ids (16 bits) or names from the effects tables. */
static int cond_register(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	size_t i, j;
	long named;
	__u32 reg;
	int ret;

	if (rc->type && !(r->devtypes & (1u << FG_DEVTYPE_MLX5)))
		return err_at(rc->c, &rc->type->loc, "'register' is an mlx5 register access: the "
			      "rule's type must include mlx5");
	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;
		char *end;
		unsigned long num;

		named = fg_effects_reg_parse(rc->c->opts->db, s);
		if (named >= 0) {
			reg = (__u32)named;
		} else {
			errno = 0;
			num = *s >= '0' && *s <= '9' ? strtoul(s, &end, 0) : ~0ul;
			if (num == ~0ul || *end || errno)
				return err_item(rc->c, &v[i], "'%s' is neither a register number nor "
						"a register the effects tables name", s);
			if (num > 0xffff)
				return err_item(rc->c, &v[i], "mlx5 register ids are 16 bits: '%s' is "
						"out of range", s);
			reg = (__u32)num;
		}
		for (j = 0; j < r->nregs && r->regs[j] != reg; j++)
			;
		if (j < r->nregs)
			continue;
		ret = push(rc->c, &r->regs, &r->nregs, &reg, sizeof(reg));
		if (ret)
			return ret;
	}
	return 0;
}

/* access: read, write (of an mlx5 register). */
static int cond_access(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	size_t i;
	int a;

	for (i = 0; i < n; i++) {
		a = fg_reg_access_parse(v[i].it->s);
		if (a <= 0)
			return err_item(rc->c, &v[i], "unknown register access '%s' (expected read "
					"or write)", v[i].it->s);
		rc->r->reg_access |= 1u << a;
	}
	return 0;
}

/* node, parent, serial, comm: names of at most max characters. */
static int cond_names_list(struct rule_ctx *rc, const struct xitem *v, size_t n, const char *what,
			   size_t max, const char *why, char ***arr, size_t *narr)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (!*s)
			return err_item(rc->c, &v[i], "empty %s", what);
		if (strlen(s) > max)
			return err_item(rc->c, &v[i], "%s is at most %zu characters%s", what, max,
					why);
		ret = add_str(rc->c, arr, narr, s);
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_pci(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	char addr[16];
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		if (pci_parse(v[i].it->s, addr))
			return err_item(rc->c, &v[i],
					"'%s' is not a PCI address (DDDD:BB:DD.F, hex)",
					v[i].it->s);
		ret = add_str(rc->c, &r->parents, &r->nparents, addr);
		if (ret)
			return ret;
	}
	return 0;
}

static int opcode_too_wide(struct rule_ctx *rc, const struct xitem *x, int t, __u32 op,
			   bool fits)
{
	char msg[256];

	fg_opcode_range_text(msg, sizeof(msg), t, op, fits, x->it->s);
	return err_item(rc->c, x, "%s", msg);
}

/* fits: op holds the number; otherwise it is above 0xffffffff. */
static int cmd_number(struct rule_ctx *rc, const struct xitem *x, __u32 op, bool fits)
{
	struct checker *c = rc->c;
	__u32 known = rc->r->devtypes & FG_DEVTYPE_KNOWN;
	int t, ret;

	if (!rc->type || !known)
		return err_item(c, x,
				"a command number needs 'type' in the same rule (numbers mean different commands on different device types)");
	for (t = 1; t < FG_DEVTYPE_MAX; t++)
		if ((known & (1u << t)) && (!fits || op > fg_opcode_max(t)))
			return opcode_too_wide(rc, x, t, op, fits);
	for (t = 1; t < FG_DEVTYPE_MAX; t++) {
		if (!(known & (1u << t)))
			continue;
		if (c->opts->db && !fg_effects_cmd_name(c->opts->db, t, op))
			warn_at(c, &x->it->loc,
				"command 0x%04x has no name in the %s effects tables; its effects are unknown",
				op, fg_devtype_name(t));
		ret = add_cmd(c, rc->r, t, op);
		if (ret)
			return ret;
	}
	return 0;
}

/* A name is looked up for every device type: one command per type that
 * has it, restricted to the rule's types when it has a type condition. */
static int cmd_name(struct rule_ctx *rc, const struct xitem *x)
{
	struct checker *c = rc->c;
	const char *name = x->it->s, *hint;
	__u32 found = 0;
	int t, ret, kept = 0;
	long op;

	for (t = 1; t < FG_DEVTYPE_MAX; t++) {
		op = fg_effects_cmd_parse(c->opts->db, t, name);
		if (op < 0)
			continue;
		found |= 1u << t;
		if (rc->type && !(rc->r->devtypes & (1u << t)))
			continue;
		ret = add_cmd(c, rc->r, t, (__u32)op);
		if (ret)
			return ret;
		kept++;
	}
	if (kept)
		return 0;
	if (found) {
		char types[64];
		size_t off = 0;

		types[0] = '\0';
		for (t = 1; t < FG_DEVTYPE_MAX; t++)
			if (found & (1u << t))
				off += snprintf(types + off, sizeof(types) - off, "%s%s",
						off ? "," : "", fg_devtype_name(t));
		return err_item(c, x,
				"command '%s' is not a command of the rule's device types (it is a %s command)",
				name, types);
	}
	hint = fg_effects_suggest_cmd(c->opts->db, name);
	if (hint)
		return err_item(c, x, "unknown command '%s' (did you mean '%s'?)", name, hint);
	return err_item(c, x, "unknown command '%s'%s", name,
			c->opts->db ? "" : " (not a CXL command, and no effects tables are loaded)");
}

static int cond_cmd(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	size_t i;
	__u32 op = 0;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (isdigit((unsigned char)s[0])) {
			ret = parse_u32(s, &op);
			if (ret && ret != -ERANGE)
				return err_item(rc->c, &v[i],
						"'%s' is not a command number (decimal or 0x hex)", s);
			ret = cmd_number(rc, &v[i], op, !ret);
		} else {
			ret = cmd_name(rc, &v[i]);
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_feature(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct fg_ir_rule *r = rc->r;
	__u8 uuid[16];
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		if (fg_uuid_parse(v[i].it->s, uuid) && fg_cxl_feature_parse(v[i].it->s, uuid))
			return err_item(rc->c, &v[i], "unknown feature '%s' (a UUID, or one of %s)",
					v[i].it->s, feature_list);
		for (j = 0; j < r->nfeatures; j++)
			if (!memcmp(r->features[j], uuid, 16))
				break;
		if (j < r->nfeatures)
			continue;
		ret = push(rc->c, &r->features, &r->nfeatures, uuid, sizeof(uuid));
		if (ret)
			return ret;
	}
	return 0;
}

static int cond_effect(struct rule_ctx *rc, const struct fg_ast_cond *cd, const struct xitem *v,
		       size_t n)
{
	__u32 mask = 0;
	size_t i;
	int e;

	for (i = 0; i < n; i++) {
		e = fg_effect_parse(v[i].it->s);
		if (e < 0)
			return err_item(rc->c, &v[i],
					"unknown effect '%.40s' (see docs/effects.md: read-only, config-change-immediate, reset, destructive, unknown, ...)",
					v[i].it->s);
		mask |= FG_EFFECT_BIT(e);
	}
	if (cd->qual == FG_QUAL_ALL)
		rc->r->effects_all = mask;
	else
		rc->r->effects_any = mask;
	return 0;
}

static int cond_request(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	__u8 mask = 0;
	size_t i;
	int s;

	for (i = 0; i < n; i++) {
		s = fg_decode_status_parse(v[i].it->s);
		if (s < 0)
			return err_item(rc->c, &v[i], "unknown request state '%s' (expected %s)",
					v[i].it->s, status_list);
		mask |= 1u << s;
		/* ok: nothing wrong with the request as far as the guard can
		 * tell, which for a type it does not decode is all it can. */
		if (s == FG_DECODE_OK)
			mask |= 1u << FG_DECODE_UNKNOWN_TYPE;
	}
	rc->r->statuses = mask;
	return 0;
}

/* uid, euid, gid: numbers, or names from the host's user database. */
static int cond_ids(struct rule_ctx *rc, const struct xitem *v, size_t n, bool group,
		    __u32 **arr, size_t *narr)
{
	size_t i;
	__u32 id;
	int ret;

	for (i = 0; i < n; i++) {
		const char *s = v[i].it->s;

		if (parse_u32(s, &id) &&
		    (group ? rc->c->resolve->group(rc->c->resolve->ctx, s, &id)
			   : rc->c->resolve->user(rc->c->resolve->ctx, s, &id))) {
			if (isdigit((unsigned char)s[0]))
				return err_item(rc->c, &v[i],
						"'%s' is neither a %s id (0 to 4294967295) nor a %s name",
						s,
						group ? "group" : "user", group ? "group" : "user");
			return err_item(rc->c, &v[i], "unknown %s '%s'", group ? "group" : "user",
					s);
		}
		ret = add_u32(rc->c, arr, narr, id);
		if (ret)
			return ret;
	}
	return 0;
}

static void not_found(struct checker *c, const struct xitem *x, const char *what, int err)
{
	if (err == -ENOENT)
		warn_at(c, &x->it->loc,
			"%s '%s' does not exist; the rule cannot match it until the policy is reloaded",
			what, x->it->s);
	else
		warn_at(c, &x->it->loc,
			"%s '%s' cannot be checked (%s); the rule cannot match it until the policy is reloaded",
			what, x->it->s, strerror(-err));
}

/* The kernel compares the caller's exe by the inode its path names now
 * (following symlinks, as /proc/PID/exe does). */
static int cond_exe(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	const struct fg_resolver *res = c->resolve;
	struct fg_ir_rule *r = rc->r;
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		struct fg_ir_exe exe = {};
		const char *s = v[i].it->s;

		if (s[0] != '/')
			return err_item(c, &v[i], "exe needs an absolute path, not '%s'", s);
		if (strlen(s) >= PATH_MAX)
			return err_item(c, &v[i], "exe path longer than %d bytes", PATH_MAX - 1);
		for (j = 0; j < r->nexes; j++)
			if (!strcmp(r->exes[j].path, s))
				break;
		if (j < r->nexes)
			continue;
		if (!c->opts->no_resolve) {
			ret = res->exe(res->ctx, s, &exe.dev, &exe.ino);
			if (ret == -EISDIR)
				return err_item(c, &v[i], "exe '%s' is a directory", s);
			if (ret) {
				exe.dev = exe.ino = 0;
				not_found(c, &v[i], "exe", ret);
			}
		}
		exe.path = strdup(s);
		if (!exe.path)
			return nomem(c);
		ret = push(c, &r->exes, &r->nexes, &exe, sizeof(exe));
		if (ret) {
			free(exe.path);
			return ret;
		}
	}
	return 0;
}

/* A cgroup v2 directory's inode number is the cgroup id the kernel
 * reports for a task. */
static int cond_cgroup(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	struct fg_ir_rule *r = rc->r;
	const char *root = c->opts->cgroup_root ? c->opts->cgroup_root : DEFAULT_CGROUP_ROOT;
	const struct fg_resolver *res = c->resolve;
	char full[PATH_MAX];
	size_t i, j;
	int ret;

	for (i = 0; i < n; i++) {
		struct fg_ir_cgroup cg = {};
		const char *s = v[i].it->s, *p;

		if (s[0] != '/')
			return err_item(c, &v[i],
					"a cgroup path starts with '/' (the cgroup root), not '%s'",
					s);
		for (p = s; (p = strstr(p, "..")); p += 2)
			if (p[-1] == '/' && (p[2] == '/' || !p[2]))
				return err_item(c, &v[i], "a cgroup path has no '..' in it");
		if ((size_t)snprintf(full, sizeof(full), "%s%s", root, strcmp(s, "/") ? s : "") >=
		    sizeof(full))
			return err_item(c, &v[i], "cgroup path too long");
		for (j = 0; j < r->ncgroups; j++)
			if (!strcmp(r->cgroups[j].path, s))
				break;
		if (j < r->ncgroups)
			continue;
		if (!c->opts->no_resolve) {
			ret = res->cgroup(res->ctx, s, &cg.id);
			if (ret == -ENOTDIR)
				return err_item(c, &v[i], "cgroup '%s' is not a directory under %s",
						s, root);
			if (ret) {
				cg.id = 0;
				not_found(c, &v[i], "cgroup", ret);
			}
		}
		cg.path = strdup(s);
		if (!cg.path)
			return nomem(c);
		ret = push(c, &r->cgroups, &r->ncgroups, &cg, sizeof(cg));
		if (ret) {
			free(cg.path);
			return ret;
		}
	}
	return 0;
}

/* The kernel side keeps a few capability bits per rule: the policy as a
 * whole may name at most FG_IR_MAX_CAPS. */
static int cond_cap(struct rule_ctx *rc, const struct xitem *v, size_t n)
{
	struct checker *c = rc->c;
	size_t i;
	int cap;

	for (i = 0; i < n; i++) {
		cap = fg_cap_parse(v[i].it->s);
		if (cap == -ERANGE)
			return err_item(c, &v[i], "capability number %s is out of range (0-63)",
					v[i].it->s);
		if (cap < 0)
			return err_item(c, &v[i],
					"unknown capability '%s' (a name from capabilities(7), e.g. sys_admin or CAP_SYS_RAWIO, or 0-63)",
					v[i].it->s);
		if (!(c->caps_seen & (1ULL << cap)) &&
		    __builtin_popcountll(c->caps_seen) == FG_IR_MAX_CAPS)
			return err_item(c, &v[i], "at most %d distinct capabilities in a policy",
					FG_IR_MAX_CAPS);
		c->caps_seen |= 1ULL << cap;
		rc->r->caps |= 1ULL << cap;
	}
	return 0;
}

int check_cond(struct rule_ctx *rc, enum cond_kind k, const struct fg_ast_cond *cd)
{
	static const char why_comm[] = " (the kernel's TASK_COMM_LEN)";
	struct fg_ir_rule *r = rc->r;
	struct xitem *v;
	size_t n;
	char what[32];
	int ret;

	snprintf(what, sizeof(what), "'%s'", cond_names[k]);
	ret = expand(rc->c, cd->list, what, &v, &n);
	if (ret)
		return ret;
	switch (k) {
	case C_SCOPE:
		ret = cond_scope(rc, cd, v, n);
		break;
	case C_TYPE:
		ret = cond_type(rc, cd, v, n);
		break;
	case C_NODE:
		ret = cond_names_list(rc, v, n, "node", FG_DEVNAME_LEN - 1, "", &r->nodes,
				      &r->nnodes);
		break;
	case C_PARENT:
		ret = cond_names_list(rc, v, n, "parent", FG_PARENT_LEN - 1, "", &r->parents,
				      &r->nparents);
		break;
	case C_PCI:
		ret = cond_pci(rc, v, n);
		break;
	case C_SERIAL:
		ret = cond_names_list(rc, v, n, "serial", FG_SERIAL_LEN - 1, "", &r->serials,
				      &r->nserials);
		break;
	case C_CMD:
		ret = cond_cmd(rc, v, n);
		break;
	case C_FEATURE:
		ret = cond_feature(rc, v, n);
		break;
	case C_EFFECT:
		ret = cond_effect(rc, cd, v, n);
		break;
	case C_REQUEST:
		ret = cond_request(rc, v, n);
		break;
	case C_UID:
		ret = cond_ids(rc, v, n, false, &r->uids, &r->nuids);
		break;
	case C_EUID:
		ret = cond_ids(rc, v, n, false, &r->euids, &r->neuids);
		break;
	case C_GID:
		ret = cond_ids(rc, v, n, true, &r->gids, &r->ngids);
		break;
	case C_COMM:
		ret = cond_names_list(rc, v, n, "comm", FG_COMM_LEN - 1, why_comm, &r->comms,
				      &r->ncomms);
		break;
	case C_IOCTL:
		ret = cond_ioctl(rc, v, n);
		break;
	case C_REGISTER:
		ret = cond_register(rc, v, n);
		break;
	case C_ACCESS:
		ret = cond_access(rc, v, n);
		break;
	case C_EXE:
		ret = cond_exe(rc, v, n);
		break;
	case C_CGROUP:
		ret = cond_cgroup(rc, v, n);
		break;
	case C_CAP:
		ret = cond_cap(rc, v, n);
		break;
	default:
		ret = -EINVAL;
	}
	free(v);
	return ret;
}
