// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the command line. Subcommands come from one table; the
 * library (guard.c, registry.c, the policy front end) never prints, this
 * file reports. Exit status: 0 success, 1 failure, 2 usage error or bad
 * policy.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <json-c/json.h>

#include "daemon.h"
#include "event_format.h"
#include "event_json.h"
#include "event_sinks.h"
#include "event_source.h"
#include "explain.h"
#include "guard.h"
#include "inventory.h"
#include "names.h"
#include "policy.h"
#include "policy_eval.h"
#include "policy_ir.h"
#include "registry.h"

#define EXIT_USAGE 2

static int verbose;
static const char *pin_dir = FG_PIN_DIR;
static volatile sig_atomic_t stop;

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("fwctl-guard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* file:line:col: error: msg, the source line, a caret under the span. */
static void print_diag_as(const struct fg_diag *d, const char *what)
{
	int i;

	if (!d->line) {
		fprintf(stderr, "%s: %s: %s\n", d->file, what, d->msg);
		return;
	}
	fprintf(stderr, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col, what, d->msg);
	fprintf(stderr, "  %s\n  ", d->source);
	for (i = 1; i < d->col; i++)
		fputc(d->source[i - 1] == '\t' ? '\t' : ' ', stderr);
	for (i = 0; i < d->len; i++)
		fputc(i ? '~' : '^', stderr);
	fputc('\n', stderr);
}

static void print_diag(const struct fg_diag *d)
{
	print_diag_as(d, "error");
}

static void print_warnings(const struct fg_diags *w)
{
	size_t i;

	for (i = 0; i < w->nwarn; i++)
		print_diag_as(&w->warn[i], "warning");
	if (w->dropped)
		fprintf(stderr, "fwctl-guard: %zu more warnings not shown\n", w->dropped);
}

/* --effects-dir DIR and --effects FILE (repeatable) for the commands that
 * read the effects tables (with_tables); other options in extra (getopt
 * letters). */
#define MAX_SITE_TABLES 32
static const char *site_tables[MAX_SITE_TABLES];
static struct fg_inventory_opts inv_opts;

static int parse_opts(int argc, char **argv, bool with_tables, const struct option *extra,
		      int (*on_extra)(int c), const char *usage)
{
	struct option opts[16] = {
		{ "effects-dir", required_argument, NULL, 'D' },
		{ "effects", required_argument, NULL, 'E' },
	};
	char shorts[32] = "D:E:";
	int n = 2, c;

	if (!with_tables) {
		memset(opts, 0, sizeof(opts));
		shorts[0] = '\0';
		n = 0;
	}

	for (; extra && extra->name && n < 15; extra++, n++) {
		opts[n] = *extra;
		snprintf(shorts + strlen(shorts), sizeof(shorts) - strlen(shorts), "%c%s",
			 extra->val, extra->has_arg ? ":" : "");
	}
	fg_inventory_defaults(&inv_opts);
	inv_opts.site_tables = site_tables;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		if (c == 'D') {
			inv_opts.effects_dir = optarg;
		} else if (c == 'E') {
			if (inv_opts.nsite == MAX_SITE_TABLES)
				return fail(EXIT_USAGE, "at most %d --effects files", MAX_SITE_TABLES);
			site_tables[inv_opts.nsite++] = optarg;
		} else if (c == '?' || !on_extra || on_extra(c)) {
			return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
		}
	}
	return 0;
}

/* The effects tables, or an error that names the file and line. */
static int read_tables(struct fg_effects_db *db)
{
	struct fg_diag d;
	int ret;

	ret = fg_inventory_tables(&inv_opts, db, &d);
	if (ret == -ENOENT && !d.line) {
		fprintf(stderr, "fwctl-guard: %s: %s (install them, or point --effects-dir at "
			"policies/effects)\n", d.file, d.msg);
		return ret;
	}
	if (ret)
		print_diag(&d);
	return ret;
}

/* For display only (status, events): names when the tables are there. */
static void read_tables_quietly(struct fg_effects_db *db)
{
	struct fg_diag d;

	fg_inventory_defaults(&inv_opts);
	if (fg_inventory_tables(&inv_opts, db, &d))
		fg_effects_free(db);
}

/* Compile a policy; errors and warnings printed. */
static int read_policy(const char *path, const struct fg_effects_db *db,
		       struct fg_program **prog, struct fg_diags *warnings)
{
	struct fg_compile_opts opts = { .db = db };
	struct fg_diags local = {};
	struct fg_diag d;
	int ret;

	if (!warnings)
		warnings = &local;
	ret = fg_policy_compile_file(path, &opts, prog, &d, warnings);
	if (ret) {
		print_diag(&d);
		return ret;
	}
	return 0;
}

static void hash_hex(const __u8 *hash, char *out)
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", hash[i]);
}

/* The POLICY argument of check, load and reload, compiled against the
 * effects tables the options name: 0, or EXIT_USAGE after saying why. */
static int policy_arg(int argc, char **argv, const char *usage, struct fg_effects_db *db,
		      struct fg_program **prog, struct fg_diags *warnings)
{
	if (parse_opts(argc, argv, true, NULL, NULL, usage))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (read_tables(db) || read_policy(argv[optind], db, prog, warnings))
		return EXIT_USAGE;
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	static const char usage[] = "check [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	struct fg_diags warnings = {};
	struct fg_program *prog = NULL;
	char hex[65];
	int ret;

	ret = policy_arg(argc, argv, usage, &db, &prog, &warnings);
	if (!ret) {
		fg_policy_lint(prog, &warnings);
		print_warnings(&warnings);
		hash_hex(prog->hash, hex);
		printf("%s: ok, policy '%s', %zu rule%s, mode %s, default %s, unknown devices %s, "
		       "tamper %s, seal %s, %zu warning%s, sha256 %s\n", argv[optind], prog->name,
		       prog->nrules, prog->nrules == 1 ? "" : "s",
		       fg_mode_name(prog->mode),
		       fg_action_name(prog->default_action),
		       fg_action_name(prog->unknown_device_action),
		       fg_tamper_name(prog->tamper), fg_seal_name(prog->seal),
		       warnings.nwarn + warnings.dropped,
		       warnings.nwarn + warnings.dropped == 1 ? "" : "s", hex);
	}
	fg_program_free(prog);
	fg_effects_free(&db);
	return ret;
}

/* Say what the inventory could not learn: each is a device the policy will
 * judge with less than it should know. */
static void warn_inventory(const struct fg_devlist *devs)
{
	unsigned int i;

	for (i = 0; i < devs->n; i++) {
		const struct fg_devinfo *di = &devs->devs[i];

		if (di->info_err)
			fprintf(stderr, "fwctl-guard: warning: %s: FWCTL_INFO failed (%s); it is "
				"judged as an unknown device\n", di->dev.name, strerror(-di->info_err));
		if (di->effects_err)
			fprintf(stderr, "fwctl-guard: warning: %s: cannot read its CXL features "
				"(%s); its Set Feature commands have effect 'unknown'\n",
				di->dev.name, strerror(-di->effects_err));
	}
}

/* The devices, with the guard's permission to read CXL features while a
 * policy is loaded (a refresh or reload). */
static int scan_devices(bool loaded, struct fg_devlist *devs, struct fg_effects_db *db,
			struct fg_err *err)
{
	int scan;

	if (loaded && fg_guard_set_loader(pin_dir, getpid(), err))
		return -1;
	scan = fg_inventory_devices(&inv_opts, devs, db, err);
	if (loaded && fg_guard_set_loader(pin_dir, 0, scan ? NULL : err) && !scan)
		return -1;
	if (scan)
		return scan;
	warn_inventory(devs);
	return 0;
}

static const char *seal_text(__u32 mode)
{
	switch (mode) {
	case FG_SEAL_NONE:
		return "not sealed (changes to the guard are allowed and reported)";
	case FG_SEAL_ON:
		return "SEALED until reboot (no change, not even a reload)";
	case FG_SEAL_RELOAD:
		return "SEALED until reboot (only this loader's reload)";
	default:
		return "?";
	}
}

/*
 * No kernel up to 7.3 has a hook after its copy of an RPC that could
 * refuse it; say which one this kernel has, should one appear, since this
 * version does not use it (docs/security.md).
 */
static void print_post_copy(void)
{
	struct fg_err err = {};
	const char *hook;

	if (fg_post_copy_hook(&hook, &err))
		fprintf(stderr, "fwctl-guard: warning: %s\n", err.msg);
	else if (hook)
		fprintf(stderr, "fwctl-guard: warning: this kernel has %s, a hook after its own "
			"copy of the RPC; this version does not use it yet: changes after the "
			"guard's read are detected, not refused (docs/security.md)\n", hook);
}

/* Compile path and load the guard with it (the effects options parsed). */
static int load_policy(const char *path, struct fg_effects_db *db)
{
	struct fg_devlist devs = {};
	struct fg_diags warnings = {};
	struct fg_program *prog = NULL;
	struct fg_err err = {};
	__u32 major;
	int ret = EXIT_USAGE;

	if (read_policy(path, db, &prog, &warnings))
		goto out;
	print_warnings(&warnings);
	ret = 1;
	if (fg_fwctl_major("/proc/devices", &major, &err)) {
		fail(1, "%s", err.msg);
		goto out;
	}
	if (fg_guard_is_loaded(pin_dir)) {
		fail(1, "load: a guard is already loaded at %s (use 'fwctl-guard reload' to change "
		     "its policy)", pin_dir);
		goto out;
	}
	if (scan_devices(false, &devs, db, &err)) {
		fail(1, "load: %s", err.msg);
		goto out;
	}
	if (fg_guard_load(pin_dir, prog, major, &devs, db, &err)) {
		fail(1, "load %s: %s", path, err.msg);
		goto out;
	}
	printf("fwctl-guard: loaded policy '%s' (%zu rules, mode %s, default %s), generation 1, "
	       "fwctl major %u, %u device%s, %zu effects entries\n", prog->name, prog->nrules,
	       fg_mode_name(prog->mode),
	       fg_action_name(prog->default_action), major, devs.n, devs.n == 1 ? "" : "s", db->n);
	print_post_copy();
	if (prog->seal != FG_SEAL_NONE)
		printf("fwctl-guard: %s\n", seal_text(prog->seal));
	ret = 0;
out:
	fg_program_free(prog);
	fg_devlist_free(&devs);
	return ret;
}

static int cmd_load(int argc, char **argv)
{
	static const char usage[] = "load [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	int ret;

	if (parse_opts(argc, argv, true, NULL, NULL, usage))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	ret = read_tables(&db) ? EXIT_USAGE : load_policy(argv[optind], &db);
	fg_effects_free(&db);
	return ret;
}

/*
 * Replace the running policy without a gap: compile, build the next
 * generation, switch with one map update. Anything that fails before the
 * switch leaves the running policy enforcing, untouched.
 */
/* Compile path and switch the running guard to it. Success on ok_out,
 * failures on stderr; 0, EXIT_USAGE (bad policy) or 1. */
static int reload_policy(const char *path, FILE *ok_out)
{
	struct fg_effects_db db = {};
	struct fg_devlist devs = {};
	struct fg_diags warnings = {};
	struct fg_program *prog = NULL;
	struct fg_err err = {};
	__u64 gen = 0;
	int ret = EXIT_USAGE;

	if (read_tables(&db) || read_policy(path, &db, &prog, &warnings)) {
		fprintf(stderr, "fwctl-guard: reload: the running policy is unchanged\n");
		goto out;
	}
	print_warnings(&warnings);
	ret = 1;
	if (!fg_guard_is_loaded(pin_dir)) {
		fail(1, "reload: no guard is loaded at %s (use 'fwctl-guard load')", pin_dir);
		goto out;
	}
	if (scan_devices(true, &devs, &db, &err) ||
	    fg_guard_reload(pin_dir, prog, &devs, &db, &gen, &err)) {
		fail(1, "reload %s: %s%s", path, err.msg,
		     gen ? "" : "; the running policy is unchanged");
		goto out;
	}
	fprintf(ok_out, "fwctl-guard: reloaded: policy '%s' (%zu rules, mode %s), generation "
		"%llu\n", prog->name, prog->nrules, fg_mode_name(prog->mode),
		(unsigned long long)gen);
	ret = 0;
out:
	fg_program_free(prog);
	fg_devlist_free(&devs);
	fg_effects_free(&db);
	return ret;
}

static int cmd_reload(int argc, char **argv)
{
	static const char usage[] = "reload [--effects-dir DIR] [--effects FILE]... POLICY";

	if (parse_opts(argc, argv, true, NULL, NULL, usage)) {
		fprintf(stderr, "fwctl-guard: reload: the running policy is unchanged\n");
		return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	return reload_policy(argv[optind], stdout);
}

static struct json_object *device_json(const struct fg_devinfo *di, const struct fg_effects_db *db)
{
	struct json_object *o = json_object_new_object(), *feats, *f, *fx;
	char uuid[37];
	size_t i;
	int b;

	json_object_object_add(o, "minor", json_object_new_int64(di->minor));
	json_object_object_add(o, "name", json_object_new_string(di->dev.name));
	json_object_object_add(o, "type", json_object_new_string(fg_devtype_name(di->dev.devtype)));
	json_object_object_add(o, "parent", json_object_new_string(di->dev.parent));
	json_object_object_add(o, "driver", json_object_new_string(di->dev.driver));
	json_object_object_add(o, "serial", json_object_new_string(di->dev.serial));
	if (di->info_err)
		json_object_object_add(o, "info_error",
				       json_object_new_string(strerror(-di->info_err)));
	if (di->dev.devtype != FG_DEVTYPE_CXL)
		return o;
	if (di->effects_err)
		json_object_object_add(o, "features_error",
				       json_object_new_string(strerror(-di->effects_err)));
	feats = json_object_new_array();
	for (i = 0; i < db->n; i++) {
		const struct fg_effects_entry *e = &db->e[i];
		const char *name = fg_cxl_feature_name(e->key.uuid);

		if (e->key.minor != di->minor || e->key.devtype != FG_DEVTYPE_CXL)
			continue;
		f = json_object_new_object();
		fg_uuid_format(e->key.uuid, uuid);
		json_object_object_add(f, "uuid", json_object_new_string(uuid));
		json_object_object_add(f, "name", name ? json_object_new_string(name) : NULL);
		json_object_object_add(f, "changeable", json_object_new_boolean(
			e->val.feat_flags & FG_CXL_FEAT_CHANGEABLE));
		fx = json_object_new_array();
		for (b = 0; b < FG_EFFECT_MAX; b++)
			if (e->val.effects & FG_EFFECT_BIT(b))
				json_object_array_add(fx, json_object_new_string(fg_effect_name(b)));
		json_object_object_add(f, "set_feature_effects", fx);
		json_object_array_add(feats, f);
	}
	json_object_object_add(o, "features", feats);
	return o;
}

static int json_flag;

static int devices_opt(int c)
{
	if (c != 'j')
		return -1;
	json_flag = 1;
	return 0;
}

/*
 * List the fwctl nodes with their parents and, for CXL, their features. With
 * a guard loaded this is also the registry refresh: a node that appeared
 * since load (judged as an unknown device until now) gets its type and
 * effects, and a node that went away is dropped.
 */
static int cmd_devices(int argc, char **argv)
{
	static const char usage[] = "devices [--json]";
	static const struct option extra[] = { { "json", no_argument, NULL, 'j' }, {} };
	struct fg_effects_db db = {};
	struct fg_devlist devs = {};
	struct fg_err err = {};
	bool loaded = fg_guard_is_loaded(pin_dir);
	int ret = 1;
	unsigned int i;

	json_flag = 0;
	if (parse_opts(argc, argv, false, extra, devices_opt, usage))
		return EXIT_USAGE;
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	/* No tables: a refresh only rewrites what the devices themselves say. */
	if (scan_devices(loaded, &devs, &db, &err)) {
		fail(1, "devices: %s", err.msg);
		goto out;
	}
	if (loaded && fg_guard_refresh(pin_dir, &devs, &db, &err)) {
		fail(1, "devices: registry refresh: %s", err.msg);
		goto out;
	}
	if (json_flag) {
		struct json_object *arr = json_object_new_array();

		for (i = 0; i < devs.n; i++)
			json_object_array_add(arr, device_json(&devs.devs[i], &db));
		printf("%s\n", json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
							      JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(arr);
	} else {
		for (i = 0; i < devs.n; i++) {
			const struct fg_devinfo *di = &devs.devs[i];

			printf("%-8s minor %-4u type %-7s parent %s driver %s serial %s",
			       di->dev.name, di->minor, fg_devtype_name(di->dev.devtype),
			       di->dev.parent[0] ? di->dev.parent : "-",
			       di->dev.driver[0] ? di->dev.driver : "-",
			       di->dev.serial[0] ? di->dev.serial : "-");
			if (di->dev.devtype == FG_DEVTYPE_CXL && !di->effects_err)
				printf(" features %u", di->nfeatures);
			printf("\n");
		}
		if (loaded)
			printf("registry refreshed: %u device%s\n", devs.n, devs.n == 1 ? "" : "s");
	}
	ret = 0;
out:
	fg_devlist_free(&devs);
	fg_effects_free(&db);
	return ret;
}

static int cmd_unload(int argc, char **argv)
{
	struct fg_err err = {};

	(void)argv;
	if (argc != 1)
		return fail(EXIT_USAGE, "usage: fwctl-guard unload");
	if (fg_guard_unload(pin_dir, &err))
		return fail(1, "unload: %s", err.msg);
	printf("fwctl-guard: unloaded\n");
	return 0;
}


/* Is the daemon that last wrote its counters still there? Its pid alive
 * and its counters fresh (it writes them every 100 ms). */
static bool daemon_running(const struct fg_daemon_stat *d)
{
	return d->pid && (kill(d->pid, 0) == 0 || errno == EPERM) &&
	       fg_boot_ns() - d->updated_ns < 5000000000ULL;
}

static struct json_object *events_json(const struct fg_state *st)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "produced", json_object_new_uint64(st->events_produced));
	json_object_object_add(o, "lost", json_object_new_uint64(st->stats[FG_STAT_EVENTS_LOST]));
	return o;
}

static struct json_object *daemon_json(const struct fg_daemon_stat *d)
{
	struct json_object *o;

	if (!d->pid)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "pid", json_object_new_int64(d->pid));
	json_object_object_add(o, "running", json_object_new_boolean(daemon_running(d)));
	json_object_object_add(o, "first_seq", json_object_new_uint64(d->first_seq));
	json_object_object_add(o, "last_seq", json_object_new_uint64(d->last_seq));
	json_object_object_add(o, "delivered", json_object_new_uint64(d->delivered));
	json_object_object_add(o, "missing", json_object_new_uint64(d->missing));
	json_object_object_add(o, "audit_sent", json_object_new_uint64(d->audit_sent));
	json_object_object_add(o, "audit_failed", json_object_new_uint64(d->audit_failed));
	json_object_object_add(o, "audit_suppressed", json_object_new_uint64(d->audit_suppressed));
	json_object_object_add(o, "sink_errors", json_object_new_uint64(d->sink_errors));
	return o;
}

static void daemon_text(const struct fg_state *st)
{
	const struct fg_daemon_stat *d = &st->daemon;

	printf("events: produced %llu, lost %llu (ring buffer full)\n",
	       (unsigned long long)st->events_produced,
	       (unsigned long long)st->stats[FG_STAT_EVENTS_LOST]);
	if (!d->pid) {
		printf("daemon: none has run since load (events stay in the ring buffer until "
		       "'fwctl-guard run' reads them; when it is full they are lost)\n");
		return;
	}
	printf("daemon: pid %u %s, events %llu..%llu: delivered %llu, missing %llu; audit sent "
	       "%llu, failed %llu, suppressed %llu; sink errors %llu\n", d->pid,
	       daemon_running(d) ? "running" : "NOT running", (unsigned long long)d->first_seq,
	       (unsigned long long)d->last_seq, (unsigned long long)d->delivered,
	       (unsigned long long)d->missing, (unsigned long long)d->audit_sent,
	       (unsigned long long)d->audit_failed, (unsigned long long)d->audit_suppressed,
	       (unsigned long long)d->sink_errors);
}

static void status_json(const struct fg_state *st)
{
	struct json_object *o = json_object_new_object(), *pol, *rules, *r, *hooks, *h, *cnt;
	char hex[65], when[64];
	unsigned int i;

	json_object_object_add(o, "pin_dir", json_object_new_string(pin_dir));
	if (st->has_gen) {
		pol = json_object_new_object();
		hash_hex(st->hdr.hash, hex);
		fg_time_format(st->hdr.loaded_at_ns, 0, when, sizeof(when));
		json_object_object_add(pol, "name", json_object_new_string(st->hdr.name));
		json_object_object_add(pol, "source", json_object_new_string(st->hdr.source));
		json_object_object_add(pol, "sha256", json_object_new_string(hex));
		json_object_object_add(pol, "loaded_at", json_object_new_string(when));
		json_object_object_add(pol, "generation", json_object_new_int64(st->hdr.gen));
		json_object_object_add(pol, "mode", json_object_new_string(
			fg_mode_name(st->hdr.mode)));
		json_object_object_add(pol, "default", json_object_new_string(
			fg_action_name(st->hdr.default_action)));
		json_object_object_add(pol, "unknown_device", json_object_new_string(
			fg_action_name(st->hdr.unknown_device_action)));
		json_object_object_add(pol, "tamper", json_object_new_string(
			fg_tamper_name(st->hdr.tamper)));
		rules = json_object_new_array();
		for (i = 0; i < st->nrules; i++) {
			const struct fg_rule_state *rs = &st->rules[i];

			r = json_object_new_object();
			json_object_object_add(r, "rule", json_object_new_int(i));
			json_object_object_add(r, "line", json_object_new_int(rs->info.line));
			json_object_object_add(r, "text", json_object_new_string(rs->info.text));
			json_object_object_add(r, "allowed", json_object_new_int64(rs->stat.allowed));
			json_object_object_add(r, "denied", json_object_new_int64(rs->stat.denied));
			json_object_object_add(r, "audited", json_object_new_int64(rs->stat.audited));
			json_object_array_add(rules, r);
		}
		json_object_object_add(pol, "rules", rules);
		json_object_object_add(o, "policy", pol);
	} else {
		json_object_object_add(o, "policy", NULL);
	}
	hooks = json_object_new_object();
	for (i = 0; i < FG_PROGS; i++) {
		h = json_object_new_object();
		json_object_object_add(h, "attached", json_object_new_boolean(st->links[i].pinned));
		json_object_object_add(h, "link_id", json_object_new_int64(st->links[i].link_id));
		json_object_object_add(h, "prog_id", json_object_new_int64(st->links[i].prog_id));
		json_object_object_add(hooks, fg_progs[i].hook, h);
	}
	json_object_object_add(o, "hooks", hooks);
	json_object_object_add(o, "sealed", json_object_new_string(fg_seal_name(st->seal.mode)));
	json_object_object_add(o, "fwctl_major", json_object_new_int64(st->config.fwctl_major));
	json_object_object_add(o, "devices", json_object_new_int64(st->devices.n));
	cnt = json_object_new_object();
	for (i = 0; i < FG_STAT_MAX; i++)
		json_object_object_add(cnt, fg_stat_name(i), json_object_new_int64(st->stats[i]));
	json_object_object_add(o, "counters", cnt);
	json_object_object_add(o, "events", events_json(st));
	json_object_object_add(o, "daemon", daemon_json(&st->daemon));
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void status_text(const struct fg_state *st)
{
	char when[64], hex[65];
	unsigned int i;

	printf("fwctl-guard: loaded at %s\n", pin_dir);
	if (!st->has_gen) {
		printf("policy: NONE installed: every RPC to a fwctl node is denied\n");
	} else {
		fg_time_format(st->hdr.loaded_at_ns, 0, when, sizeof(when));
		hash_hex(st->hdr.hash, hex);
		printf("policy: %s (%s), generation %llu, loaded %s\n", st->hdr.name, st->hdr.source,
		       (unsigned long long)st->hdr.gen, when);
		printf("  sha256 %s\n", hex);
		printf("  mode %s, default %s, unknown devices %s, tamper %s, %u rule%s\n",
		       fg_mode_name(st->hdr.mode),
		       fg_action_name(st->hdr.default_action),
		       fg_action_name(st->hdr.unknown_device_action), fg_tamper_name(st->hdr.tamper),
		       st->hdr.nrules,
		       st->hdr.nrules == 1 ? "" : "s");
		for (i = 0; i < st->nrules; i++)
			printf("  rule %u (line %u): %s  [allowed %llu denied %llu audited %llu]\n", i,
			       st->rules[i].info.line, st->rules[i].info.text,
			       (unsigned long long)st->rules[i].stat.allowed,
			       (unsigned long long)st->rules[i].stat.denied,
			       (unsigned long long)st->rules[i].stat.audited);
	}
	for (i = 0; i < FG_PROGS; i++) {
		if (st->links[i].pinned)
			printf("hook %s: attached (link %u, prog %u)\n", fg_progs[i].hook,
			       st->links[i].link_id, st->links[i].prog_id);
		else if (fg_progs[i].required)
			printf("hook %s: NOT attached\n", fg_progs[i].hook);
		else
			printf("hook %s: not attached (the kernel had no %s at load)\n",
			       fg_progs[i].hook, fg_progs[i].needs[0]);
	}
	printf("guard: %s\n", seal_text(st->seal.mode));
	printf("fwctl major: %u\n", st->config.fwctl_major);
	printf("devices: %u\n", st->devices.n);
	for (i = 0; i < st->devices.n; i++)
		printf("  %s minor %u type %s parent %s\n", st->devices.devs[i].dev.name,
		       st->devices.devs[i].minor, fg_devtype_name(st->devices.devs[i].dev.devtype),
		       st->devices.devs[i].dev.parent[0] ? st->devices.devs[i].dev.parent : "-");
	printf("counters:");
	for (i = 0; i < FG_STAT_MAX; i++)
		printf(" %s=%llu", fg_stat_name(i), (unsigned long long)st->stats[i]);
	printf("\n");
	daemon_text(st);
}

static int cmd_status(int argc, char **argv)
{
	static const char usage[] = "status [--json]";
	static const struct option extra[] = { { "json", no_argument, NULL, 'j' }, {} };
	struct fg_err err = {};
	struct fg_state st;

	json_flag = 0;
	if (parse_opts(argc, argv, false, extra, devices_opt, usage))
		return EXIT_USAGE;
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (!fg_guard_is_loaded(pin_dir)) {
		if (json_flag)
			printf("{ \"pin_dir\": \"%s\", \"loaded\": false }\n", pin_dir);
		else
			printf("fwctl-guard: not loaded (no pins at %s)\n", pin_dir);
		return 3;
	}
	if (fg_guard_state(pin_dir, &st, &err))
		return fail(1, "status: %s", err.msg);
	if (json_flag)
		status_json(&st);
	else
		status_text(&st);
	fg_state_free(&st);
	return 0;
}

struct events_opts {
	bool json, follow;
	__u64 since;
	long count;		/* < 0: no limit */
	double timeout;		/* <= 0: none */
};

struct events_out {
	const struct events_opts *o;
	const struct fg_effects_db *db;
	long long boot_offset;
	__u64 shown;		/* seq of the last event shown (or since) */
	long printed;
};

/* Print one event; false once --count is reached. */
static bool show_event(struct events_out *out, const struct fg_event *e)
{
	if (out->shown && e->seq > out->shown + 1)
		fprintf(stderr, "fwctl-guard: events %llu..%llu are not in the recent buffer "
			"(overwritten before they were read, or lost)\n",
			(unsigned long long)out->shown + 1, (unsigned long long)e->seq - 1);
	if (out->o->json)
		fg_sink_write_json(stdout, e, out->db, out->boot_offset);
	else
		fg_sink_write_text(stdout, e, out->db, out->boot_offset);
	out->shown = e->seq;
	return !(out->o->count > 0 && ++out->printed >= out->o->count);
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Recent events come from the fg_recent map, not the ring buffer: reading
 * them takes nothing away from the daemon. --follow polls it; an event
 * whose slot is still being written is waited for, up to a second.
 */
static int follow_events(const struct fg_event_maps *m, struct events_out *out,
			 struct fg_event *buf)
{
	struct timespec t0, waiting = {};
	__u64 produced;
	size_t n, i;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		if (out->o->timeout > 0 && seconds_since(&t0) >= out->o->timeout)
			return 0;
		ret = fg_events_produced(m, &produced);
		if (!ret && produced > out->shown)
			ret = fg_events_recent(m, out->shown, buf, &n);
		else
			n = 0;
		if (ret)
			return fail(1, "events: cannot read the event maps: %s", strerror(-ret));
		for (i = 0; i < n; i++) {
			/* a number not written yet: wait for it, a while */
			if (buf[i].seq != out->shown + 1 && out->shown) {
				if (!waiting.tv_sec)
					clock_gettime(CLOCK_MONOTONIC, &waiting);
				if (seconds_since(&waiting) < 1.0 &&
				    buf[n - 1].seq < out->shown + FG_RECENT_EVENTS)
					break;
			}
			waiting.tv_sec = 0;
			if (!show_event(out, &buf[i]))
				return 0;
		}
		fflush(stdout);
		usleep(50000);
	}
	return 0;
}

static int cmd_events(int argc, char **argv)
{
	static const char usage[] = "events [--json] [--follow] [--since SEQ] [--count N] "
				    "[--timeout SECONDS]";
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	static struct fg_event buf[FG_RECENT_EVENTS];
	struct events_opts o = { .count = -1 };
	struct events_out out = { .o = &o };
	struct fg_effects_db db = {};
	struct fg_event_maps m;
	struct fg_err err = {};
	char *end;
	size_t n, i, first = 0;
	int c, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jfs:n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'f':
			o.follow = true;
			break;
		case 's':
			errno = 0;
			o.since = strtoull(optarg, &end, 10);
			if (errno || *end || optarg[0] == '-' || !optarg[0])
				return fail(EXIT_USAGE, "--since wants an event number, not '%s'",
					    optarg);
			break;
		case 'n':
			o.count = strtol(optarg, &end, 10);
			if (*end || o.count <= 0)
				return fail(EXIT_USAGE, "--count wants a positive number, not '%s'",
					    optarg);
			break;
		case 't':
			o.timeout = strtod(optarg, &end);
			if (*end || o.timeout <= 0)
				return fail(EXIT_USAGE, "--timeout wants seconds > 0, not '%s'",
					    optarg);
			break;
		default:
			return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
		}
	}
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (o.timeout > 0 && !o.follow)
		return fail(EXIT_USAGE, "--timeout is for --follow");
	if (fg_guard_event_maps(pin_dir, &m, &err))
		return fail(1, "events: %s", err.msg);
	out.boot_offset = fg_boot_to_realtime_ns();
	read_tables_quietly(&db);
	out.db = &db;
	out.shown = o.since;
	ret = fg_events_recent(&m, o.since, buf, &n);
	if (ret) {
		ret = fail(1, "events: cannot read the recent events: %s", strerror(-ret));
		goto out;
	}
	/* Without --follow, --count N: the last N. */
	if (!o.follow && o.count > 0 && n > (size_t)o.count)
		first = n - o.count;
	if (first)
		out.shown = buf[first].seq - 1;	/* skipped on purpose: no gap note */
	for (i = first; i < n; i++)
		if (!show_event(&out, &buf[i]))
			goto out;
	fflush(stdout);
	if (o.follow) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		ret = follow_events(&m, &out, buf);
	}
out:
	fg_event_maps_close(&m);
	fg_effects_free(&db);
	return ret;
}

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
		return fail(1, "explain: cannot open %s: %s", path, strerror(errno));
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

static const char *replay_path;

static int explain_opt(int c)
{
	if (c != 'r')
		return -1;
	replay_path = optarg;
	return 0;
}

static int cmd_explain(int argc, char **argv)
{
	static const char usage[] = "explain [--effects-dir DIR] [--effects FILE]... POLICY "
				    "{KEY=VALUE... | --replay FILE}";
	static const struct option extra[] = { { "replay", required_argument, NULL, 'r' }, {} };
	struct fg_effects_db db = {};
	struct fg_devlist host = {};
	struct fg_program *prog = NULL;
	struct fg_described d;
	struct fg_err err = {};
	bool has_effects = false;
	int i, ret = EXIT_USAGE;

	replay_path = NULL;
	if (parse_opts(argc, argv, true, extra, explain_opt, usage))
		return EXIT_USAGE;
	if (optind >= argc || (replay_path && optind + 1 != argc))
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (read_tables(&db) || read_policy(argv[optind], &db, &prog, NULL))
		goto out;
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
			ret = fail(EXIT_USAGE, "explain: '%s' is not KEY=VALUE", argv[i]);
			goto out;
		}
		*eq = '\0';
		has_effects |= !strcmp(argv[i], "effects");
		if (fg_described_set(&d, argv[i], eq + 1, &db, NULL, &err)) {
			ret = fail(EXIT_USAGE, "explain: %s", err.msg);
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
	return ret;
}

struct run_ctx {
	const char *policy;
	char **argv;		/* for the effects options, read again on reload */
	int argc;
};

/* SIGHUP: the policy file again, as `reload` would; the running policy
 * stays when anything fails. */
static int run_reload(void *ctx)
{
	struct run_ctx *rc = ctx;

	if (!rc->policy) {
		fprintf(stderr, "fwctl-guard run: SIGHUP: no --policy to reload; the running policy "
			"is unchanged\n");
		return 1;
	}
	fprintf(stderr, "fwctl-guard run: SIGHUP: reloading %s\n", rc->policy);
	return reload_policy(rc->policy, stderr);
}

static struct fg_daemon_opts run_opts;
static struct run_ctx run_ctx;

static int run_opt(int c)
{
	char *end;
	unsigned long v;

	switch (c) {
	case 'p':
		run_ctx.policy = optarg;
		return 0;
	case 'a':
		run_opts.sinks.audit = true;
		return 0;
	case 'r':
		errno = 0;
		v = strtoul(optarg, &end, 10);
		if (errno || *end || !optarg[0] || optarg[0] == '-' || v > 1000000) {
			fail(EXIT_USAGE, "--audit-rate wants records per second (0-1000000), "
			     "not '%s'", optarg);
			return -1;
		}
		run_opts.sinks.audit_rate = v;
		return 0;
	case 'j':
		run_opts.sinks.json = optarg;
		return 0;
	case 't':
		run_opts.sinks.text = optarg;
		return 0;
	case 'l':
		run_opts.lock_path = optarg;
		return 0;
	}
	return -1;
}

/*
 * The event daemon: adopt the pinned guard, or load one with --policy.
 * Sinks: --audit, --json, --text (text on stdout when none is named).
 */
static int cmd_run(int argc, char **argv)
{
	static const char usage[] = "run [--policy FILE] [--audit] [--audit-rate N] "
				    "[--json FILE|-] [--text FILE|-] [--effects-dir DIR] "
				    "[--effects FILE]...";
	static const struct option extra[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "audit", no_argument, NULL, 'a' },
		{ "audit-rate", required_argument, NULL, 'r' },
		{ "json", required_argument, NULL, 'j' },
		{ "text", required_argument, NULL, 't' },
		{ "lock", required_argument, NULL, 'l' },
		{}
	};
	struct fg_effects_db db = {};
	int ret;

	memset(&run_opts, 0, sizeof(run_opts));
	memset(&run_ctx, 0, sizeof(run_ctx));
	run_opts.lock_path = "/run/fwctl-guard.lock";
	if (parse_opts(argc, argv, true, extra, run_opt, usage))
		return EXIT_USAGE;
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (run_opts.sinks.audit_rate && !run_opts.sinks.audit)
		return fail(EXIT_USAGE, "--audit-rate limits --audit records; add --audit");
	if (!run_opts.sinks.audit && !run_opts.sinks.json && !run_opts.sinks.text)
		run_opts.sinks.text = "-";
	if (!fg_guard_is_loaded(pin_dir)) {
		if (!run_ctx.policy)
			return fail(1, "run: no guard is loaded at %s and no --policy to load",
				    pin_dir);
		if (read_tables(&db))
			return EXIT_USAGE;
		ret = load_policy(run_ctx.policy, &db);
		if (ret)
			goto out;
	} else {
		fprintf(stderr, "fwctl-guard run: adopting the guard loaded at %s (its policy stays; "
			"SIGHUP loads --policy)\n", pin_dir);
		/* only command names in the records: numbers will do */
		if (read_tables(&db))
			fprintf(stderr, "fwctl-guard run: commands are shown by number\n");
	}
	run_opts.pin_dir = pin_dir;
	run_opts.db = &db;
	run_opts.reload = run_reload;
	run_opts.reload_ctx = &run_ctx;
	ret = fg_daemon_run(&run_opts);
out:
	fg_effects_free(&db);
	return ret;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "load", "POLICY", "compile POLICY, load and attach the guard, pin it", cmd_load },
	{ "reload", "POLICY", "switch the running guard to POLICY atomically", cmd_reload },
	{ "unload", "", "detach the guard and remove its pins", cmd_unload },
	{ "status", "[--json]", "show the policy, rule counters, hooks, devices", cmd_status },
	{ "events", "[--json] [--follow] [--since SEQ] [--count N] [--timeout S]",
	  "show recent deny/audit decisions, and live ones", cmd_events },
	{ "run", "[--policy F] [--audit] [--json F|-] [--text F|-] ...",
	  "event daemon: decisions to auditd, JSON, text", cmd_run },
	{ "check", "POLICY", "validate and lint POLICY without touching the kernel", cmd_check },
	{ "explain", "POLICY KEY=VALUE...|--replay F",
	  "which rule decides a request, and why; replay events", cmd_explain },
	{ "devices", "[--json]", "list fwctl nodes, parents, CXL features; refresh the registry",
	  cmd_devices },
	{ "help", "", "this text", cmd_help },
};

static int cmd_help(int argc, char **argv)
{
	unsigned int i;

	(void)argc;
	(void)argv;
	printf("usage: fwctl-guard [-v] COMMAND [ARGS]\n\n"
	       "Policy enforcement for Linux fwctl RPCs (BPF LSM).\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-8s %-34s %s\n", commands[i].name, commands[i].args, commands[i].help);
	printf("\nexamples:\n"
	       "  fwctl-guard check /etc/fwctl-guard/deny-debug-write.policy\n"
	       "  fwctl-guard load /etc/fwctl-guard/deny-debug-write.policy\n"
	       "  fwctl-guard explain my.policy type=cxl scope=debug-write cmd=set_feature\n"
	       "  fwctl-guard reload my.policy\n"
	       "  fwctl-guard events --follow --json\n"
	       "  fwctl-guard run --policy /etc/fwctl-guard/deny-destructive.policy --audit\n\n"
	       "load, reload, check and explain take --effects-dir DIR (default\n"
	       FG_EFFECTS_DIR ")\n"
	       "and --effects FILE (a site table, repeatable, applied last).\n\n"
	       "exit status: 0 success, 1 failure, 2 usage error or invalid policy,\n"
	       "3 (status) no guard loaded\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int i;
	int c;

	while ((c = getopt(argc, argv, "+vh")) != -1) {
		switch (c) {
		case 'v':
			verbose = 1;
			break;
		case 'h':
			return cmd_help(0, NULL);
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cmd_help(0, NULL);
		return EXIT_USAGE;
	}
	libbpf_set_print(libbpf_print);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[optind], commands[i].name))
			return commands[i].run(argc - optind, argv + optind);
	return fail(EXIT_USAGE, "unknown command '%s' (try 'fwctl-guard help')", argv[optind]);
}
