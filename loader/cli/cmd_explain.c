// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard explain: which rule of a policy decides a request described
 * in the policy language's own words (type cxl scope debug-write uid root,
 * or KEY=VALUE as event lines say it, in any order), and why each earlier
 * rule does not; or, with --replay, which recorded events a policy would
 * decide otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "events/format.h"
#include "events/json.h"
#include "policy/describe.h"
#include "policy/eval.h"
#include "policy/ir.h"
#include "policy/resolve.h"
#include "util/names.h"
#include "util/suggest.h"

/* ---- the request, in words ------------------------------------------------ */

enum kind {
	K_TYPE, K_NODE, K_SCOPE, K_CMD, K_OPCODE, K_FEATURE, K_EFFECT, K_REQUEST, K_USER,
	K_GROUP, K_CAP, K_EXE, K_PARENT, K_SERIAL, K_PASS,
};

/* The words a request is described with: the policy's condition names and
 * the keys of an event line. as: the key fg_described_set takes. */
static const struct key {
	const char *name;
	enum kind kind;
	const char *as;
} keys[] = {
	{ "type", K_TYPE, "type" }, { "node", K_NODE, "dev" }, { "dev", K_NODE, "dev" },
	{ "scope", K_SCOPE, "scope" }, { "cmd", K_CMD, "cmd" }, { "opcode", K_OPCODE, "opcode" },
	{ "op_mod", K_PASS, "op_mod" }, { "fw_uid", K_PASS, "fw_uid" }, { "ep", K_PASS, "ep" },
	{ "register", K_PASS, "register" }, { "register_id", K_PASS, "register_id" },
	{ "access", K_PASS, "access" }, { "ioctl", K_PASS, "ioctl" },
	{ "feature", K_FEATURE, "feature" }, { "effect", K_EFFECT, "effects" },
	{ "effects", K_EFFECT, "effects" }, { "request", K_REQUEST, "decode" },
	{ "decode", K_REQUEST, "decode" }, { "uid", K_USER, "uid" }, { "euid", K_USER, "euid" },
	{ "gid", K_GROUP, "gid" }, { "comm", K_PASS, "comm" }, { "exe", K_EXE, "exe" },
	{ "exe_untrusted", K_PASS, "exe_untrusted" },
	{ "cgroup", K_PASS, "cgroup" }, { "cgroup_id", K_PASS, "cgroup_id" },
	{ "cap", K_CAP, "cap" }, { "caps", K_PASS, "caps" }, { "in_len", K_PASS, "in_len" },
	{ "out_len", K_PASS, "out_len" }, { "parent", K_PARENT, NULL }, { "pci", K_PARENT, NULL },
	{ "serial", K_SERIAL, NULL },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

struct word {
	const struct key *key;
	const char *name;	/* as written (dev, node...) */
	const char *value;
};

struct request {
	struct fg_described d;
	const struct fg_effects_db *db;
	bool tables_missing;
	bool has_effects;
	const char *exe, *parent, *serial;
};

/* "unknown X 'v'" with the closest of names, or the list. */
static int unknown(const char *what, const char *value, const char *const *names, size_t n)
{
	const char *hint = fg_suggest(value, names, n);
	char list[512] = "";
	size_t i;

	if (hint)
		return cli_fail(EXIT_USAGE, "explain: unknown %s '%s' (did you mean '%s'?)", what,
				value, hint);
	for (i = 0; i < n && strlen(list) < sizeof(list) - 64; i++)
		if (names[i])
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 list[0] ? ", " : "", names[i]);
	return cli_fail(EXIT_USAGE, "explain: unknown %s '%s' (one of %s)", what, value, list);
}

static bool is_number(const char *s)
{
	char *end;

	errno = 0;
	strtoul(s, &end, 0);
	return *s >= '0' && *s <= '9' && !*end && !errno;
}

/* A comma list of names, each checked with parse: 0 or the exit status. */
static int name_list(const char *what, const char *value, int (*parse)(const char *),
		     const char *const *names, size_t n)
{
	char buf[512], *tok, *save;

	snprintf(buf, sizeof(buf), "%s", value);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (parse(tok) < 0)
			return unknown(what, tok, names, n);
	return 0;
}

static int cap_parse(const char *name)
{
	return fg_cap_parse(name);
}

/* cmd by name: its opcode for the request's type, or the type that has it
 * when none was given. */
static int set_cmd(struct request *rq, const char *value)
{
	static const __u32 types[] = { FG_DEVTYPE_CXL, FG_DEVTYPE_MLX5, FG_DEVTYPE_BNXT,
				       FG_DEVTYPE_PDS };
	__u32 type = rq->d.in.req.devtype, found = FG_DEVTYPE_UNKNOWN;
	struct fg_err err = {};
	const char *hint;
	char num[24];
	unsigned int i, n = 0;
	long op = -ENOENT;

	if (is_number(value)) {
		if (type == FG_DEVTYPE_UNKNOWN)
			return cli_fail(EXIT_USAGE, "explain: cmd %s is a number: it needs a type "
					"(type mlx5, bnxt, pds or cxl)", value);
		return fg_described_set(&rq->d, "opcode", value, rq->db, NULL, &err)
			       ? cli_fail(EXIT_USAGE, "explain: %s", err.msg) : 0;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		long o = fg_effects_cmd_parse(rq->db, types[i], value);

		if (o < 0 || (type != FG_DEVTYPE_UNKNOWN && type != types[i]))
			continue;
		if (!n++) {
			found = types[i];
			op = o;
		}
	}
	if (n > 1)
		return cli_fail(EXIT_USAGE, "explain: more than one device type has a command "
				"'%s': give the type", value);
	if (op < 0) {
		hint = fg_effects_suggest_cmd(rq->db, value);
		if (type != FG_DEVTYPE_UNKNOWN && fg_effects_cmd_parse(rq->db, type, hint ? hint :
								       "") < 0)
			hint = NULL;
		if (type == FG_DEVTYPE_UNKNOWN)
			cli_fail(EXIT_USAGE, "explain: unknown command '%s'%s%s%s", value,
				 hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		else
			cli_fail(EXIT_USAGE, "explain: type %s has no command '%s'%s%s%s",
				 fg_devtype_name(type), value, hint ? " (did you mean '" : "",
				 hint ? hint : "", hint ? "'?)" : "");
		if (rq->tables_missing)
			fprintf(stderr, "fwctl-guard: note: no effects tables were found: mlx5, bnxt "
				"and pds commands have no names (--effects-dir)\n");
		return EXIT_USAGE;
	}
	if (type == FG_DEVTYPE_UNKNOWN)
		fg_described_set(&rq->d, "type", fg_devtype_name(found), rq->db, NULL, &err);
	snprintf(num, sizeof(num), "%ld", op);
	fg_described_set(&rq->d, "opcode", num, rq->db, NULL, &err);
	return 0;
}

/* A user or group by name or number, as the policy takes it. */
static int set_id(struct request *rq, const struct word *w, bool group)
{
	struct fg_resolver res;
	struct fg_err err = {};
	struct word named;
	char num[16];
	__u32 id;

	if (!is_number(w->value)) {
		fg_resolver_host(&res, NULL);
		if ((group ? res.group : res.user)(res.ctx, w->value, &id))
			return cli_fail(EXIT_USAGE, "explain: %s %s: no such %s on this host",
					w->name, w->value, group ? "group" : "user");
		snprintf(num, sizeof(num), "%u", id);
		named = (struct word){ w->key, w->name, num };
		w = &named;
	}
	return fg_described_set(&rq->d, w->key->as, w->value, rq->db, NULL, &err)
		       ? cli_fail(EXIT_USAGE, "explain: %s", err.msg) : 0;
}

/* One word, its value checked as the policy checks it, into the request. */
static int set_word(struct request *rq, const struct word *w)
{
	const char *caps[64], *features[32], *statuses[] = { "ok", "malformed", "unreadable" };
	struct fg_err err = {};
	struct word named;
	char node[32];
	unsigned int i;
	__u8 uuid[16];
	int ret;

	switch (w->key->kind) {
	case K_TYPE:
		if (fg_devtype_parse(w->value) < 0)
			return unknown("device type", w->value, fg_devtype_names, FG_DEVTYPE_MAX);
		break;
	case K_NODE:
		if (is_number(w->value)) {
			snprintf(node, sizeof(node), "fwctl%s", w->value);
			named = (struct word){ w->key, w->name, node };
			w = &named;
		}
		break;
	case K_SCOPE:
		if (fg_scope_parse(w->value) < 0 && !is_number(w->value))
			return unknown("scope", w->value, fg_scope_names, FG_SCOPE_MAX);
		break;
	case K_CMD:
		return set_cmd(rq, w->value);
	case K_FEATURE:
		for (i = 0; i < 32 && (features[i] = fg_cxl_feature_name_at(i)); i++)
			;
		if (fg_cxl_feature_parse(w->value, uuid) && fg_uuid_parse(w->value, uuid))
			return unknown("feature", w->value, features, i);
		break;
	case K_EFFECT:
		rq->has_effects = true;
		if (strcmp(w->value, "none") && (ret = name_list("effect", w->value,
				fg_effect_parse, fg_effect_names, FG_EFFECT_MAX)))
			return ret;
		break;
	case K_REQUEST:
		if (fg_decode_status_parse(w->value) < 0)
			return unknown("request state", w->value, statuses, 3);
		break;
	case K_USER:
		return set_id(rq, w, false);
	case K_GROUP:
		return set_id(rq, w, true);
	case K_CAP:
		for (i = 0; i < 64; i++)
			caps[i] = fg_cap_name(i);
		if ((ret = name_list("capability", w->value, cap_parse, caps, 64)))
			return ret;
		break;
	case K_EXE:
		if (w->value[0] != '/')
			return cli_fail(EXIT_USAGE, "explain: exe wants an absolute path, not '%s'",
					w->value);
		rq->exe = w->value;
		break;
	case K_PARENT:
		rq->parent = w->value;
		return 0;
	case K_SERIAL:
		rq->serial = w->value;
		return 0;
	case K_OPCODE:
	case K_PASS:
		break;
	}
	if (fg_described_set(&rq->d, w->key->as, w->value, rq->db, NULL, &err))
		return cli_fail(EXIT_USAGE, "explain: %s", err.msg);
	if (w->key->kind == K_EXE && rq->d.exe_missing)
		fprintf(stderr, "fwctl-guard: warning: exe %s does not exist here: no exe rule "
			"matches the request\n", w->value);
	return 0;
}

static const struct key *find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/* The words (KEY VALUE or KEY=VALUE, any order) into the request: type
 * and node first, as the command names and the device depend on them. */
static int parse_request(struct request *rq, int argc, char **argv)
{
	const char *names[NKEYS];
	struct word w[64];
	size_t nw = 0, i, k;
	int pass, ret;

	for (i = 0; i < NKEYS; i++)
		names[i] = keys[i].name;
	for (i = 0; i < (size_t)argc; i++) {
		char *eq = strchr(argv[i], '=');
		const struct key *key;

		if (eq)
			*eq = '\0';
		key = find_key(argv[i]);
		if (!key)
			return unknown("key", argv[i], names, NKEYS);
		if (!eq && i + 1 == (size_t)argc)
			return cli_fail(EXIT_USAGE, "explain: '%s' wants a value (%s VALUE or "
					"%s=VALUE)", argv[i], argv[i], argv[i]);
		for (k = 0; k < nw; k++)
			if (w[k].key->kind == key->kind &&
			    (!key->as || !strcmp(w[k].key->as, key->as)))
				return strcmp(w[k].name, argv[i])
				       ? cli_fail(EXIT_USAGE, "explain: '%s' given twice (also as %s)",
						  argv[i], w[k].name)
				       : cli_fail(EXIT_USAGE, "explain: '%s' given twice", argv[i]);
		if (nw == sizeof(w) / sizeof(w[0]))
			return cli_fail(EXIT_USAGE, "explain: too many words");
		w[nw++] = (struct word){ key, argv[i], eq ? eq + 1 : argv[++i] };
	}
	/* type and node first: command names and the device depend on them */
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < nw; k++) {
			enum kind kd = w[k].key->kind;

			if ((kd == K_TYPE || kd == K_NODE) != !pass)
				continue;
			ret = set_word(rq, &w[k]);
			if (ret)
				return ret;
		}
	return 0;
}

/* ---- explaining one request ------------------------------------------------ */

static const char *verdict_text(const struct fg_verdict *v, char *buf, size_t len)
{
	if (v->rule >= 0)
		snprintf(buf, len, "%s%s by rule %d", fg_action_name(v->action),
			 v->permissive ? " (permissive: allowed)" : "", v->rule);
	else
		snprintf(buf, len, "%s%s (%s)", fg_action_name(v->action),
			 v->permissive ? " (permissive: allowed)" : "", fg_reason_name(v->reason));
	return buf;
}

static void judge(const struct fg_program *prog, struct fg_described *d, struct fg_verdict *v)
{
	struct fg_devlist one = { .n = 1, .devs = &d->dev };

	d->dev.minor = d->in.req.minor;
	fg_policy_eval(prog, d->dev.dev.devtype ? &one : NULL, &d->in, v);
}

/* Each field of the request once. */
static void request_line(const struct request *rq)
{
	const struct fg_described *d = &rq->d;
	char cmd[512], comm[4 * FG_COMM_LEN + 3], scope[FG_SCOPE_TEXT], exe[4 * 256 + 3], dev[128];

	fg_cmd_format(&d->in.cmd, rq->db, cmd, sizeof(cmd));
	fg_quote(d->in.caller.comm, sizeof(d->in.caller.comm), comm, sizeof(comm));
	if (d->in.req.scope < FG_SCOPE_MAX)
		snprintf(scope, sizeof(scope), "%s", fg_scope_name(d->in.req.scope));
	else
		snprintf(scope, sizeof(scope), "%u", d->in.req.scope);
	fg_escape(d->dev.dev.name, sizeof(d->dev.dev.name), dev, sizeof(dev));
	printf("request: dev=%s type=%s", dev, fg_devtype_name(d->in.req.devtype));
	if (d->dev.dev.parent[0])
		printf(" parent=%s", d->dev.dev.parent);
	if (d->dev.dev.serial[0])
		printf(" serial=%s", d->dev.dev.serial);
	printf(" scope=%s %s uid=%u euid=%u gid=%u comm=%s", scope, cmd, d->in.caller.uid,
	       d->in.caller.euid, d->in.caller.gid, comm);
	if (rq->exe) {
		fg_quote(rq->exe, strlen(rq->exe), exe, sizeof(exe));
		printf(" exe=%s", exe);
	}
	if (d->in.caller.exe_trust) {
		char why[FG_UNTRUST_TEXT];

		fg_untrust_format(d->in.caller.exe_trust, why, sizeof(why));
		printf(" exe_untrusted=%s", why);
	}
	if (d->in.caller.caps)
		printf(" caps=0x%llx", (unsigned long long)d->in.caller.caps);
	printf("\n");
}

/* The deciding rule and, before it, why each earlier rule did not match. */
static void explain_one(const struct fg_program *prog, struct request *rq)
{
	struct fg_described *d = &rq->d;
	struct fg_devlist one = { .n = 1, .devs = &d->dev };
	const struct fg_device *dev;
	struct fg_verdict v;
	char buf[128];
	int r, shown = 0;

	judge(prog, d, &v);
	dev = fg_eval_device(&one, &d->in);
	request_line(rq);
	printf("decision: %s\n", verdict_text(&v, buf, sizeof(buf)));
	if (v.rule >= 0)
		printf("  rule %d (%s:%d): %s\n", v.rule, prog->rules[v.rule].loc.file,
		       prog->rules[v.rule].loc.line, prog->rules[v.rule].text);
	else if (v.reason == FG_REASON_DEFAULT)
		printf("  no rule matched: the policy's default\n");
	else if (v.reason == FG_REASON_UNKNOWN_DEVICE)
		printf("  no rule matched a device the registry does not know: 'default "
		       "unknown-device'\n");
	else if (v.reason == FG_REASON_MALFORMED || v.reason == FG_REASON_UNREADABLE)
		printf("  the request is %s and no rule names that case: denied\n",
		       fg_reason_name(v.reason));
	for (r = 0; r < (v.rule >= 0 ? v.rule : (int)prog->nrules) && v.reason != FG_REASON_MALFORMED;
	     r++) {
		enum fg_cond why = fg_rule_mismatch(&prog->rules[r], dev, &d->in);

		if (shown++ == 20) {
			printf("  ... (%d more rules before it)\n",
			       (v.rule >= 0 ? v.rule : (int)prog->nrules) - r);
			break;
		}
		printf("  rule %d (%s:%d) does not match: %s (%s)\n", r, prog->rules[r].loc.file,
		       prog->rules[r].loc.line, fg_cond_names[why], prog->rules[r].text);
	}
}

/* ---- replay ---------------------------------------------------------------- */

struct replay {
	const struct fg_program *prog;
	const struct fg_effects_db *db;
	const struct fg_devlist *host;
	const char *path;
	char hostname[256];
	char other[256];		/* the last other host said so for */
	unsigned long lines, events, changed, skipped;
};

#define SKIPPED_SHOWN	10

static void skip(struct replay *rp, const char *why)
{
	char msg[1024], safe[2048];

	if (rp->skipped++ >= SKIPPED_SHOWN)
		return;
	snprintf(msg, sizeof(msg), "%s:%lu: warning: skipped: %s", rp->path, rp->lines, why);
	fg_escape_capped(msg, safe, sizeof(safe));
	fprintf(stderr, "%s\n", safe);
}

/*
 * A JSON event recorded on another host (or with no host: written before
 * schema 2): its exe inode names a file of that host, so it is matched by
 * its path here, as a text line's is; said once per host.
 */
static void exe_by_path(struct replay *rp, struct fg_described *d, const struct fg_event *e,
			const char *host)
{
	struct stat st;

	if (host && !strcmp(host, rp->hostname))
		return;
	if (strcmp(rp->other, host ? host : "")) {
		snprintf(rp->other, sizeof(rp->other), "%s", host ? host : "");
		fprintf(stderr, "fwctl-guard: note: %s: events recorded %s%s%s (this is '%s'): "
			"their exe is matched by its path here, not by the recorded inode\n",
			rp->path, host ? "on '" : "with no host name", host ? host : "",
			host ? "'" : "", rp->hostname);
	}
	d->in.caller.exe_ino = 0;
	d->in.caller.exe_dev = 0;
	if (e->exe_status == FG_EXE_OK && !stat(e->exe, &st)) {
		d->in.caller.exe_ino = st.st_ino;
		d->in.caller.exe_dev = (__u64)major(st.st_dev) << 20 | minor(st.st_dev);
	}
}

/* One JSON line: 1 and the decision in d, 0 for a record that is no
 * decision (a gap, tamper or guard record), -1 when skipped. */
static int replay_json(struct replay *rp, struct fg_described *d, const char *line)
{
	struct json_object *o = json_tokener_parse(line), *type;
	struct fg_event_origin origin;
	struct fg_err err = {};
	struct fg_event e;
	int ret = 0;

	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		skip(rp, "not a JSON object");
		return -1;
	}
	if (json_object_object_get_ex(o, "type", &type) &&
	    !strcmp(json_object_get_string(type), "gap")) {
		json_object_put(o);
		return 0;
	}
	if (fg_event_from_json(o, &e, &err)) {
		skip(rp, err.msg);
		ret = -1;
	} else if (e.type == FG_EVENT_DECISION) {
		/* Tamper and guard records are not decisions of the policy. */
		fg_described_from_event(d, &e);
		fg_event_origin_from_json(o, &origin);
		exe_by_path(rp, d, &e, origin.host);
		ret = 1;
	}
	json_object_put(o);
	return ret;
}

static void replay_line(struct replay *rp, const char *line)
{
	char was[128], now[128];
	struct fg_described d;
	struct fg_verdict v, old = {};
	struct fg_err err = {};
	bool has_effects = strstr(line, " effects=") != NULL;

	/* What the text sink writes besides decisions: a gap, tamper and
	 * guard records. Not decisions of a policy: passed over, as in JSON. */
	if (!strncmp(line, "gap: ", 5) || strstr(line, " event=tamper ") ||
	    strstr(line, " event=guard "))
		return;
	if (line[0] == '{') {
		/* a JSON line from `run --json` or `events --json` */
		if (replay_json(rp, &d, line) <= 0)
			return;
		has_effects = true;
	} else {
		fg_described_init(&d);
		if (fg_described_parse_event(&d, line, rp->db, &err)) {
			skip(rp, err.msg);
			return;
		}
	}
	fg_described_finish(&d, rp->db, rp->host, has_effects);
	judge(rp->prog, &d, &v);
	rp->events++;
	old.action = d.recorded_action;
	old.permissive = d.recorded_permissive;
	old.rule = d.recorded_rule;
	old.reason = d.recorded_rule >= 0 ? FG_REASON_RULE : FG_REASON_DEFAULT;
	/* An audit or a deny: what the caller saw and what is logged. */
	if (v.action == old.action && v.permissive == old.permissive)
		return;
	rp->changed++;
	verdict_text(&old, was, sizeof(was));
	verdict_text(&v, now, sizeof(now));
	printf("%s:%lu: was %s, now %s\n", rp->path, rp->lines, was, now);
	if (v.rule >= 0)
		printf("  rule %d (%s:%d): %s\n", v.rule, rp->prog->rules[v.rule].loc.file,
		       rp->prog->rules[v.rule].loc.line, rp->prog->rules[v.rule].text);
}

/* Replay recorded events: which would be decided otherwise now? 0, or 1
 * when lines had to be skipped (they are counted). */
static int replay(const struct fg_program *prog, const char *path, const struct fg_effects_db *db,
		  const struct fg_devlist *host)
{
	struct replay rp = { .prog = prog, .db = db, .host = host, .path = path };
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char line[8192];
	size_t n;

	if (!f)
		return cli_fail(1, "explain: cannot open %s (%s)", path, strerror(errno));
	if (gethostname(rp.hostname, sizeof(rp.hostname) - 1))
		rp.hostname[0] = '\0';
	rp.other[0] = '\x01';	/* no host said so for yet */
	while (fgets(line, sizeof(line), f)) {
		rp.lines++;
		n = strlen(line);
		/* the rest of a line longer than the buffer: one skipped line */
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			while (fgets(line, sizeof(line), f) && line[strlen(line) - 1] != '\n')
				;
			skip(&rp, "longer than 8 KiB");
			continue;
		}
		if (memchr(line, '\0', n) || line[0] == '\n' || line[0] == '#')
			continue;
		replay_line(&rp, line);
	}
	if (f != stdin)
		fclose(f);
	if (rp.skipped > SKIPPED_SHOWN)
		fprintf(stderr, "%s: warning: %lu more lines skipped\n", path,
			rp.skipped - SKIPPED_SHOWN);
	printf("replayed %lu event%s: %lu would be decided otherwise", rp.events,
	       rp.events == 1 ? "" : "s", rp.changed);
	if (rp.skipped)
		printf("; %lu line%s skipped", rp.skipped, rp.skipped == 1 ? "" : "s");
	printf("\n");
	return rp.skipped ? 1 : 0;
}

/* ---- the command ------------------------------------------------------------ */

static int explain_opt(int c, const char *arg, void *ctx)
{
	if (c != 'r')
		return -1;
	*(const char **)ctx = arg;
	return 0;
}

static int explain_run(int argc, char **argv)
{
	static const struct option extra[] = { { "replay", required_argument, NULL, 'r' }, {} };
	const char *replay_path = NULL, *policy;
	struct fg_devlist host = {};
	struct fg_effects_db db = {};
	struct fg_program *prog = NULL;
	struct request rq = { .db = &db };
	struct cli_tables t;
	struct fg_report *r = NULL;
	int ret;

	if (cli_parse(&cmd_explain, argc, argv, &t, extra, explain_opt, &replay_path))
		return EXIT_USAGE;
	if (optind == argc)
		return cli_usage(&cmd_explain, "no policy");
	if (replay_path && optind + 1 != argc)
		return cli_usage(&cmd_explain, "--replay takes no request words");
	if (!replay_path && optind + 1 == argc)
		return cli_usage(&cmd_explain, "no request (KEY VALUE..., or --replay FILE)");
	if (replay_path && !strcmp(replay_path, "-") && !strcmp(argv[optind], "-"))
		return cli_usage(&cmd_explain, "the policy and the events cannot both be standard "
				 "input");
	ret = cli_tables_optional(&t, &db, &rq.tables_missing);
	if (ret)
		return ret;
	r = cli_report_new();
	if (!r) {
		ret = 1;
		goto out;
	}
	policy = cli_policy_path(argv[optind]);
	if (fg_ops_compile(policy, &db, false, &prog, r)) {
		ret = cli_print_failure(r);
		goto out;
	}
	/* The host's nodes, for the parents and serials events do not carry. */
	fg_registry_scan("/sys/class/fwctl", "/dev/fwctl", &host, NULL);
	if (replay_path) {
		ret = replay(prog, replay_path, &db, &host);
		goto out;
	}
	fg_described_init(&rq.d);
	ret = parse_request(&rq, argc - optind - 1, argv + optind + 1);
	if (ret)
		goto out;
	fg_described_finish(&rq.d, &db, &host, rq.has_effects);
	if (rq.parent)
		snprintf(rq.d.dev.dev.parent, sizeof(rq.d.dev.dev.parent), "%s", rq.parent);
	if (rq.serial)
		snprintf(rq.d.dev.dev.serial, sizeof(rq.d.dev.dev.serial), "%s", rq.serial);
	if (rq.tables_missing && !rq.has_effects && rq.d.in.req.devtype != FG_DEVTYPE_CXL &&
	    rq.d.in.req.devtype != FG_DEVTYPE_UNKNOWN)
		fprintf(stderr, "fwctl-guard: note: no effects tables were found: the command's "
			"effects are unknown (--effects-dir)\n");
	explain_one(prog, &rq);
	ret = 0;
out:
	fg_devlist_free(&host);
	fg_program_free(prog);
	fg_effects_free(&db);
	cli_report_free(r);
	return ret;
}

static const struct cli_opt_help explain_help[] = {
	{ "-r, --replay FILE", "judge the event lines of FILE ('-': standard input)" },
	{ NULL },
};

const struct command cmd_explain = {
	.name = "explain",
	.usage = "[--effects-dir DIR] [--effects FILE]... POLICY KEY VALUE...\n"
		 "[--effects-dir DIR] [--effects FILE]... POLICY --replay FILE",
	.summary = "which rule decides a request, and why; replay events",
	.description =
		"Say which rule of POLICY ('-': standard input) decides the request the\n"
		"words describe, and why each earlier rule does not match. Words are the\n"
		"policy's conditions with one value each, as the policy writes them (KEY\n"
		"VALUE, names or numbers: type bnxt cmd func_reset uid root), or KEY=VALUE\n"
		"as event lines write them, in any order: type, node (dev), scope, cmd,\n"
		"opcode, feature, effect (effects), request (decode), uid, euid, gid, comm,\n"
		"exe, exe_untrusted (why the exe did not count: traced, attached...), cgroup,\n"
		"cap, parent, serial, op_mod, fw_uid, ep. A cmd name needs no type when only\n"
		"one device type has it.\n"
		"With --replay, judge the recorded events of FILE (text lines of 'events',\n"
		"JSON lines of 'run --json') and print those POLICY would decide\n"
		"otherwise. A JSON event from another host has its exe matched by path.",
	.opts = explain_help,
	.examples = "fwctl-guard explain my.policy type cxl scope debug-write cmd set_feature\n"
		    "fwctl-guard explain my.policy cmd func_reset uid root\n"
		    "fwctl-guard explain my.policy type=mlx5 cmd=query_hca_cap dev=fwctl0\n"
		    "fwctl-guard explain new.policy --replay /var/log/fwctl-guard/events.jsonl",
	.exit_status = "0 explained (every line replayed), 1 failure or replay lines\n"
		       "skipped (counted), 2 usage error, unknown name or invalid policy",
	.tables = true,
	.run = explain_run,
};
