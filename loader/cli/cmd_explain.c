// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard explain: which rule of a policy decides a request described
 * in words, and why each earlier rule does not; or, with --replay, which
 * recorded events a policy would decide otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "events/format.h"
#include "events/json.h"
#include "policy/describe.h"
#include "policy/eval.h"
#include "policy/ir.h"
#include "util/names.h"

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

/* The deciding rule and, before it, why each earlier rule did not match. */
static void explain_one(const struct fg_program *prog, struct fg_described *d)
{
	struct fg_devlist one = { .n = 1, .devs = &d->dev };
	const struct fg_device *dev;
	struct fg_verdict v;
	char buf[128], cmd[512];
	int r, shown = 0;

	judge(prog, d, &v);
	dev = fg_eval_device(&one, &d->in);
	fg_cmd_format(&d->in.cmd, NULL, cmd, sizeof(cmd));
	printf("request: dev=%s type=%s scope=%s %s uid=%u euid=%u gid=%u comm=\"%s\"\n",
	       d->dev.dev.name, fg_devtype_name(d->in.req.devtype),
	       fg_scope_name(d->in.req.scope), cmd, d->in.caller.uid, d->in.caller.euid,
	       d->in.caller.gid, d->in.caller.comm);
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

/* Replay recorded events: which would be decided otherwise now? */
/* One JSON line: a decision into d; a gap, tamper or guard record leaves d
 * not recorded. */
static int replay_json(struct fg_described *d, const char *line, struct fg_err *err)
{
	struct json_object *o = json_tokener_parse(line), *type;
	struct fg_event e;
	int ret = 0;

	d->recorded = false;
	if (!o)
		return fg_errf(err, -EINVAL, "not a JSON object");
	if (json_object_object_get_ex(o, "type", &type) &&
	    !strcmp(json_object_get_string(type), "gap")) {
		json_object_put(o);
		return 0;
	}
	ret = fg_event_from_json(o, &e, err);
	/* Tamper and guard records are not decisions of the policy. */
	if (!ret && e.type == FG_EVENT_DECISION)
		fg_described_from_event(d, &e);
	json_object_put(o);
	return ret;
}

static int replay(const struct fg_program *prog, const char *path, const struct fg_effects_db *db,
		  const struct fg_devlist *host)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	unsigned long lines = 0, events = 0, changed = 0;
	char line[8192], was[128], now[128];
	struct fg_err err = {};

	if (!f)
		return cli_fail(1, "explain: cannot open %s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		struct fg_described d;
		struct fg_verdict v, old = {};
		bool has_effects = strstr(line, " effects=") != NULL;

		lines++;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		if (line[0] == '{') {
			/* a JSON line from `run --json` or `events --json` */
			if (replay_json(&d, line, &err) < 0) {
				fprintf(stderr, "%s:%lu: warning: skipped: %s\n", path, lines,
					err.msg);
				continue;
			}
			if (!d.recorded)
				continue;	/* a gap record */
			has_effects = true;
		} else {
			fg_described_init(&d);
			if (fg_described_parse_event(&d, line, db, &err)) {
				fprintf(stderr, "%s:%lu: warning: skipped: %s\n", path, lines,
					err.msg);
				continue;
			}
		}
		fg_described_finish(&d, db, host, has_effects);
		judge(prog, &d, &v);
		events++;
		old.action = d.recorded_action;
		old.permissive = d.recorded_permissive;
		old.rule = d.recorded_rule;
		old.reason = d.recorded_rule >= 0 ? FG_REASON_RULE : FG_REASON_DEFAULT;
		/* An audit or a deny: what the caller saw and what is logged. */
		if (v.action == old.action && v.permissive == old.permissive)
			continue;
		changed++;
		verdict_text(&old, was, sizeof(was));
		verdict_text(&v, now, sizeof(now));
		printf("%s:%lu: was %s, now %s\n", path, lines, was, now);
		if (v.rule >= 0)
			printf("  rule %d (%s:%d): %s\n", v.rule, prog->rules[v.rule].loc.file,
			       prog->rules[v.rule].loc.line, prog->rules[v.rule].text);
	}
	if (f != stdin)
		fclose(f);
	printf("replayed %lu event%s: %lu would be decided otherwise\n", events,
	       events == 1 ? "" : "s", changed);
	return 0;
}

static int explain_opt(int c, const char *arg, void *ctx)
{
	if (c != 'r')
		return -1;
	*(const char **)ctx = arg;
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	static const char usage[] = "explain [--effects-dir DIR] [--effects FILE]... POLICY "
				    "{KEY=VALUE... | --replay FILE}";
	static const struct option extra[] = { { "replay", required_argument, NULL, 'r' }, {} };
	const char *replay_path = NULL;
	struct fg_effects_db db = {};
	struct fg_devlist host = {};
	struct fg_program *prog = NULL;
	struct fg_described d;
	struct fg_err err = {};
	struct cli_tables t;
	struct fg_report *r;
	bool has_effects = false;
	int i, ret = EXIT_USAGE;

	if (cli_parse(argc, argv, &t, extra, explain_opt, &replay_path, usage))
		return EXIT_USAGE;
	if (optind >= argc || (replay_path && optind + 1 != argc))
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	r = cli_report_new();
	if (!r)
		return 1;
	if (fg_ops_tables(&t.ops, &db, r) || fg_ops_compile(argv[optind], &db, false, &prog, r)) {
		cli_print_failure(r);
		goto out;
	}
	/* The host's nodes, for the parents and serials events do not carry. */
	fg_registry_scan("/sys/class/fwctl", "/dev/fwctl", &host, NULL);
	if (replay_path) {
		ret = replay(prog, replay_path, &db, &host);
		goto out;
	}
	fg_described_init(&d);
	for (i = optind + 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq) {
			ret = cli_fail(EXIT_USAGE, "explain: '%s' is not KEY=VALUE", argv[i]);
			goto out;
		}
		*eq = '\0';
		has_effects |= !strcmp(argv[i], "effects");
		if (fg_described_set(&d, argv[i], eq + 1, &db, NULL, &err)) {
			ret = cli_fail(EXIT_USAGE, "explain: %s", err.msg);
			goto out;
		}
	}
	fg_described_finish(&d, &db, &host, has_effects);
	explain_one(prog, &d);
	ret = 0;
out:
	fg_devlist_free(&host);
	fg_program_free(prog);
	fg_effects_free(&db);
	cli_report_free(r);
	return ret;
}
