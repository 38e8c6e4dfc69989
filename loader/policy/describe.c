// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fwctl_guard_decide.h"
#include "fwctl_guard_decode.h"
#include "policy/describe.h"
#include "util/names.h"
#include "policy/ir.h"

void fg_described_init(struct fg_described *d)
{
	memset(d, 0, sizeof(*d));
	d->in.req.size = sizeof(struct fg_fwctl_rpc);
	d->in.req.ioctl = FG_FWCTL_RPC;
	d->in.req.in_len = 64;
	d->in.req.out_len = 64;
	d->in.cmd.status = FG_DECODE_OK;
	d->in.cmd.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	snprintf(d->dev.dev.name, sizeof(d->dev.dev.name), "fwctl0");
	d->recorded_rule = FG_RULE_NONE;
}

static int parse_u32(const char *s, __u32 *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > 0xffffffffUL)
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_u64(const char *s, __u64 *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end || *s == '-')
		return -EINVAL;
	*out = v;
	return 0;
}

/* "a,b,c" of effect names, or "none". */
static int parse_effects(const char *s, __u32 *mask)
{
	char buf[512], *tok, *save;
	int e;

	*mask = 0;
	if (!strcmp(s, "none"))
		return 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		e = fg_effect_parse(tok);
		if (e < 0)
			return -EINVAL;
		*mask |= FG_EFFECT_BIT(e);
	}
	return 0;
}

/* comm="..." as fg_quote wrote it: \" \\ and \xNN. */
static void unquote(const char *s, char *out, size_t len)
{
	size_t o = 0;

	if (*s == '"')
		s++;
	while (*s && *s != '"' && o + 1 < len) {
		if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], 0 };

			out[o++] = (char)strtoul(hex, NULL, 16);
			s += 4;
		} else if (s[0] == '\\' && s[1]) {
			out[o++] = s[1];
			s += 2;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
}

/* A type the guard does not decode (a number, as events print it) is
 * the device's and the request's; the command is of no known type. */
static int set_devtype(struct fg_described *d, __u32 t)
{
	d->dev.dev.devtype = t;
	d->in.req.devtype = t;
	d->in.cmd.devtype = t < FG_DEVTYPE_MAX ? t : FG_DEVTYPE_UNKNOWN;
	return 0;
}

int fg_opcode_range_text(char *buf, size_t len, int t, __u32 op, bool fits, const char *written)
{
	__u32 max = fg_opcode_max(t);
	const char *name;

	if (t == FG_DEVTYPE_CXL && fits) {
		name = fg_cxl_opcode_name(op & max);
		return snprintf(buf, len,
				"cxl opcodes are 16 bits: %s is out of range (the driver keeps the low 16 bits and would run it as 0x%04x%s%s%s)",
				written, op & max, name ? ", " : "", name ? name : "",
				name ? "" : ", which it refuses");
	}
	return snprintf(buf, len, "%s opcodes are %d bits: %s is out of range", fg_devtype_name(t),
			__builtin_popcount(max), written);
}

/* A request carries an opcode in its type's width: a wider number is no
 * request the guard or the kernel could see, so it is refused as check
 * refuses it in a rule, not judged as a command of no name. */
static int opcode_width(const struct fg_cmd *c, const char *value, struct fg_err *err)
{
	char msg[256];

	if (!fg_devtype_known(c->devtype) || c->opcode <= fg_opcode_max(c->devtype))
		return 0;
	fg_opcode_range_text(msg, sizeof(msg), c->devtype, c->opcode, true, value);
	return fg_err_set(err, -ERANGE, "%s", msg);
}

int fg_described_set(struct fg_described *d, const char *key, const char *value,
		     const struct fg_effects_db *db, const char *cgroup_root, struct fg_err *err)
{
	struct fg_cmd *c = &d->in.cmd;
	struct stat st;
	char path[4096];
	long op;
	int v;

	if (!strcmp(key, "type")) {
		__u32 num;

		v = fg_devtype_parse(value);
		if (v >= 0)
			return set_devtype(d, v);
		/* by number, as policies name it and events print it */
		if (parse_u32(value, &num) || !num || num >= FG_GEN_TYPES)
			return fg_err_set(err, -EINVAL, "unknown device type '%s'", value);
		return set_devtype(d, num);
	}
	if (!strcmp(key, "dev") || !strcmp(key, "device") || !strcmp(key, "node")) {
		if (strncmp(value, "fwctl", 5) || parse_u32(value + 5, &d->in.req.minor))
			return fg_err_set(err, -EINVAL, "'%s' is not a fwctl node name (fwctlN)", value);
		d->dev.minor = d->in.req.minor;
		snprintf(d->dev.dev.name, sizeof(d->dev.dev.name), "%s", value);
		return 0;
	}
	if (!strcmp(key, "scope")) {
		/* "-": an ioctl other than FWCTL_RPC, which has no scope (ioctl=
		 * says which) */
		if (!strcmp(value, "-")) {
			d->in.req.scope = 0;
			return 0;
		}
		v = fg_scope_parse(value);
		if (v >= 0)
			d->in.req.scope = v;
		else if (parse_u32(value, &d->in.req.scope))
			return fg_err_set(err, -EINVAL, "unknown scope '%s'", value);
		return 0;
	}
	if (!strcmp(key, "cmd")) {
		if (!strcmp(value, "?"))
			return 0;	/* the event had no name for it: opcode= says */
		op = c->devtype == FG_DEVTYPE_CXL ? fg_cxl_opcode_parse(value)
						  : fg_effects_cmd_parse(db, c->devtype, value);
		if (op < 0)
			return fg_err_set(err, -EINVAL, "no %s command is called '%s' (give type first)",
				       fg_devtype_name(c->devtype), value);
		c->opcode = op;
		return opcode_width(c, value, err);
	}
	if (!strcmp(key, "opcode")) {
		if (parse_u32(value, &c->opcode))
			return fg_err_set(err, -EINVAL, "bad opcode '%s'", value);
		return opcode_width(c, value, err);
	}
	if (!strcmp(key, "fw_uid") || !strcmp(key, "op_mod")) {
		__u32 v;

		if (parse_u32(value, &v) || v > 0xffff)
			return fg_err_set(err, -EINVAL, "bad %s '%s'", key, value);
		*(key[0] == 'f' ? &c->uid : &c->op_mod) = v;
		return 0;
	}
	/* A name, or a number as events print it: 0x9a02(rsc-destroy). */
	if (!strcmp(key, "ioctl")) {
		const char *paren = strchr(value, '(');
		size_t len = paren ? (size_t)(paren - value) : strlen(value);
		char num[24];
		__u32 nr;

		if (!fg_ioctl_parse(value, &nr)) {
			d->in.req.ioctl = nr;
			return 0;
		}
		snprintf(num, sizeof(num), "%.*s", (int)len, value);
		if (!len || len >= sizeof(num) || parse_u32(num, &nr) ||
		    (paren && value[strlen(value) - 1] != ')'))
			return fg_err_set(err, -EINVAL, "unknown ioctl '%s'", value);
		d->in.req.ioctl = nr;
		return 0;
	}
	/* An mlx5 register access as events print it (register=NAME|?
	 * register_id=N access=read|write), or register=NAME|N alone. */
	if (!strcmp(key, "register") || !strcmp(key, "register_id")) {
		bool by_id = !strcmp(key, "register_id");
		long named = -ENOENT;
		__u32 reg;

		if (!strcmp(value, "?"))
			return 0;	/* the event had no name for it: register_id= says */
		if (!by_id)
			named = fg_effects_reg_parse(db, value);
		if (named >= 0) {
			c->reg = (__u32)named;
			return 0;
		}
		if (parse_u32(value, &reg))
			return fg_err_set(err, -EINVAL, "no register is called '%s'", value);
		if (reg > 0xffff)
			return fg_err_set(err, -EINVAL, "mlx5 register ids are 16 bits: '%s' is out "
					  "of range", value);
		c->reg = reg;
		return 0;
	}
	if (!strcmp(key, "access")) {
		v = fg_reg_access_parse(value);
		if (v < 0)
			return fg_err_set(err, -EINVAL,
					  "unknown register access '%s' (read or write)", value);
		c->reg_access = v;
		return 0;
	}
	if (!strcmp(key, "ep"))
		return parse_u32(value, &c->endpoint) ? fg_err_set(err, -EINVAL, "bad ep '%s'", value)
						      : 0;
	if (!strcmp(key, "feature")) {
		if (fg_cxl_feature_parse(value, c->uuid) && fg_uuid_parse(value, c->uuid))
			return fg_err_set(err, -EINVAL, "unknown feature '%s'", value);
		c->has_uuid = 1;
		return 0;
	}
	if (!strcmp(key, "effects"))
		return parse_effects(value, &c->effects)
			       ? fg_err_set(err, -EINVAL, "unknown effect in '%s'", value) : 0;
	if (!strcmp(key, "decode") || !strcmp(key, "request")) {
		v = fg_decode_status_parse(value);
		if (v < 0)
			return fg_err_set(err, -EINVAL, "unknown decode state '%s'", value);
		c->status = v;
		return 0;
	}
	if (!strcmp(key, "uid") || !strcmp(key, "euid") || !strcmp(key, "gid")) {
		__u32 *dst = key[0] == 'u' ? &d->in.caller.uid : key[0] == 'e' ? &d->in.caller.euid
										 : &d->in.caller.gid;

		return parse_u32(value, dst) ? fg_err_set(err, -EINVAL, "bad %s '%s'", key, value) : 0;
	}
	if (!strcmp(key, "in_len") || !strcmp(key, "out_len"))
		return parse_u32(value, key[0] == 'i' ? &d->in.req.in_len : &d->in.req.out_len)
			       ? fg_err_set(err, -EINVAL, "bad %s '%s'", key, value) : 0;
	if (!strcmp(key, "comm")) {
		unquote(value, d->in.caller.comm, sizeof(d->in.caller.comm));
		return 0;
	}
	if (!strcmp(key, "exe")) {
		/* An event's exe: quoted, or none / ? when it had no path. */
		unquote(value, path, sizeof(path));
		value = path;
		d->in.caller.exe_ino = 0;
		d->in.caller.exe_dev = 0;
		d->exe_missing = false;
		if (!strcmp(value, "none") || !strcmp(value, "?"))
			return 0;
		/* A file this host does not have: no exe rule can match it. */
		if (stat(value, &st)) {
			d->exe_missing = true;
			return 0;
		}
		d->in.caller.exe_ino = st.st_ino;
		d->in.caller.exe_dev = (__u64)major(st.st_dev) << 20 | minor(st.st_dev);
		return 0;
	}
	if (!strcmp(key, "exe_untrusted")) {
		/* Why the exe did not count: fg_described_finish drops it. */
		if (fg_untrust_parse(value, &d->in.caller.exe_trust))
			return fg_err_set(err, -EINVAL, "unknown exe_untrusted reason in '%s' (one "
					  "of traced, attached, relabelled, binfmt-interp, "
					  "binfmt-loader, unknown)", value);
		return 0;
	}
	if (!strcmp(key, "cgroup")) {
		snprintf(path, sizeof(path), "%s%s", cgroup_root ? cgroup_root : "/sys/fs/cgroup",
			 value);
		if (stat(path, &st))
			return fg_errf(err, -errno, "cgroup %s", path);
		d->in.caller.cgroup_id = st.st_ino;
		return 0;
	}
	if (!strcmp(key, "cgroup_id"))
		return parse_u64(value, &d->in.caller.cgroup_id)
			       ? fg_err_set(err, -EINVAL, "bad cgroup_id '%s'", value) : 0;
	if (!strcmp(key, "caps"))
		return parse_u64(value, &d->in.caller.caps)
			       ? fg_err_set(err, -EINVAL, "bad caps '%s'", value) : 0;
	if (!strcmp(key, "cap")) {
		char buf[512], *tok, *save;

		snprintf(buf, sizeof(buf), "%s", value);
		for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			v = fg_cap_parse(tok);
			if (v < 0)
				return fg_err_set(err, -EINVAL, "unknown capability '%s'", tok);
			d->in.caller.caps |= 1ull << v;
		}
		return 0;
	}
	if (!strcmp(key, "rule")) {
		d->recorded_rule = strcmp(value, "-") ? atoi(value) : FG_RULE_NONE;
		return 0;
	}
	if (!strcmp(key, "permissive")) {
		d->recorded_permissive = atoi(value) != 0;
		return 0;
	}
	/* What the decision does not depend on, or what the event says of it. */
	if (!strcmp(key, "reason") || !strcmp(key, "hook") || !strcmp(key, "pid") ||
	    !strcmp(key, "tid") || !strcmp(key, "gen") || !strcmp(key, "auid") ||
	    !strcmp(key, "ses") || !strcmp(key, "seq"))
		return 0;
	return fg_err_set(err, -EINVAL, "unknown key '%s'", key);
}

int fg_described_parse_event(struct fg_described *d, const char *line,
			     const struct fg_effects_db *db, struct fg_err *err)
{
	char buf[2048], *p, *tok, *eq;
	int word = 0, a, ret;

	snprintf(buf, sizeof(buf), "%s", line);
	buf[strcspn(buf, "\r\n")] = '\0';
	p = buf;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		tok = p;
		/* a value may be quoted (comm="a b"), with \" inside */
		while (*p && *p != ' ') {
			if (*p == '"') {
				for (p++; *p && *p != '"'; p++)
					if (*p == '\\' && p[1])
						p++;
			}
			if (*p)
				p++;
		}
		if (*p)
			*p++ = '\0';
		word++;
		eq = strchr(tok, '=');
		if (!eq) {
			if (word == 2) {
				a = fg_action_parse(tok);
				if (a < 0)
					return fg_err_set(err, -EINVAL, "not an event line ('%s' where "
							  "allow, deny or audit goes)", tok);
				d->recorded = true;
				d->recorded_action = a;
			} else if (word != 1) {
				return fg_err_set(err, -EINVAL, "unexpected '%s'", tok);
			}
			continue;
		}
		*eq = '\0';
		ret = fg_described_set(d, tok, eq + 1, db, NULL, err);
		if (ret)
			return ret;
	}
	if (!d->recorded)
		return fg_err_set(err, -EINVAL, "not an event line (time, then allow/deny/audit)");
	return 0;
}

void fg_described_from_event(struct fg_described *d, const struct fg_event *e)
{
	fg_described_init(d);
	d->in.req.minor = e->minor;
	d->in.req.ioctl = e->ioctl ? e->ioctl : FG_FWCTL_RPC;
	d->in.req.devtype = e->devtype;
	d->in.req.scope = e->scope;
	d->in.req.in_len = e->in_len;
	d->in.req.out_len = e->out_len;
	d->in.req.size = sizeof(struct fg_fwctl_rpc);
	d->in.cmd = e->cmd;
	d->in.caller = e->caller;
	d->dev.dev.devtype = e->devtype;
	snprintf(d->dev.dev.name, sizeof(d->dev.dev.name), "fwctl%u", e->minor);
	d->recorded = true;
	d->recorded_action = e->action;
	d->recorded_permissive = e->permissive;
	d->recorded_rule = e->rule;
}

void fg_described_finish(struct fg_described *d, const struct fg_effects_db *db,
			 const struct fg_devlist *host, bool effects_given)
{
	struct fg_cmd *c = &d->in.cmd;
	unsigned int i;

	/* A register access as the decoder reads one from a request: the
	 * direction is op_mod (0 writes), so `access` and `op_mod` agree
	 * whichever was given, and the effects are the direction's. */
	if (c->devtype == FG_DEVTYPE_MLX5 &&
	    (c->opcode == FG_MLX5_ACCESS_REG || c->opcode == FG_MLX5_ACCESS_REGISTER_USER)) {
		if (c->reg_access == FG_REG_READ && !c->op_mod)
			c->op_mod = 1;
		else if (c->reg_access == FG_REG_WRITE)
			c->op_mod = 0;
		c->reg_access = c->op_mod ? FG_REG_READ : FG_REG_WRITE;
	}
	if (!effects_given)
		d->in.cmd.effects = fg_effects_resolve(db, &d->in.cmd, d->in.req.minor,
						       &d->in.cmd.feat_flags);
	/* As the guard judged it: an exe that did not count matches no exe
	 * rule, whichever file its path names here. */
	if (d->in.caller.exe_trust) {
		d->in.caller.exe_ino = 0;
		d->in.caller.exe_dev = 0;
	}
	for (i = 0; host && i < host->n; i++) {
		if (strcmp(host->devs[i].dev.name, d->dev.dev.name))
			continue;
		memcpy(d->dev.dev.parent, host->devs[i].dev.parent, sizeof(d->dev.dev.parent));
		memcpy(d->dev.dev.serial, host->devs[i].dev.serial, sizeof(d->dev.dev.serial));
		memcpy(d->dev.dev.driver, host->devs[i].dev.driver, sizeof(d->dev.dev.driver));
	}
}
