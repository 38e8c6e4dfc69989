// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the command line. Subcommands come from one table; the
 * library (guard.c, registry.c, policy_parse.c) never prints, this file
 * reports. Exit status: 0 success, 1 failure, 2 usage error or bad policy.
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

#include "event_format.h"
#include "guard.h"
#include "inventory.h"
#include "names.h"
#include "policy.h"
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
static void print_diag(const struct fg_diag *d)
{
	int i;

	if (!d->line) {
		fprintf(stderr, "%s: error: %s\n", d->file, d->msg);
		return;
	}
	fprintf(stderr, "%s:%d:%d: error: %s\n", d->file, d->line, d->col, d->msg);
	fprintf(stderr, "  %s\n  ", d->source);
	for (i = 1; i < d->col; i++)
		fputc(d->source[i - 1] == '\t' ? '\t' : ' ', stderr);
	for (i = 0; i < d->len; i++)
		fputc(i ? '~' : '^', stderr);
	fputc('\n', stderr);
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

static int read_policy(const char *path, const struct fg_effects_db *db, struct fg_policy *pol)
{
	struct fg_diag d;

	if (fg_policy_parse_file(path, db, pol, &d)) {
		print_diag(&d);
		return -EINVAL;
	}
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	static const char usage[] = "check [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	struct fg_policy pol;
	int ret;

	if (parse_opts(argc, argv, true, NULL, NULL, usage))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	ret = read_tables(&db) ? EXIT_USAGE : read_policy(argv[optind], &db, &pol) ? EXIT_USAGE : 0;
	if (!ret)
		printf("%s: ok, %u rule%s, default %s, unknown devices %s\n", argv[optind],
		       pol.nrules, pol.nrules == 1 ? "" : "s", fg_action_name(pol.default_action),
		       fg_action_name(pol.unknown_device_action));
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

static int cmd_load(int argc, char **argv)
{
	static const char usage[] = "load [--effects-dir DIR] [--effects FILE]... POLICY";
	struct fg_effects_db db = {};
	struct fg_devlist devs = {};
	struct fg_policy pol;
	struct fg_err err = {};
	struct timespec now;
	int ret = EXIT_USAGE;

	if (parse_opts(argc, argv, true, NULL, NULL, usage))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	if (read_tables(&db) || read_policy(argv[optind], &db, &pol))
		goto out;
	ret = 1;
	if (fg_fwctl_major("/proc/devices", &pol.fwctl_major, &err)) {
		fail(1, "%s", err.msg);
		goto out;
	}
	if (fg_guard_is_loaded(pin_dir)) {
		fail(1, "load: a guard is already loaded at %s (run 'fwctl-guard unload' first)",
		     pin_dir);
		goto out;
	}
	if (fg_inventory_devices(&inv_opts, &devs, &db, &err)) {
		fail(1, "load: %s", err.msg);
		goto out;
	}
	warn_inventory(&devs);
	clock_gettime(CLOCK_REALTIME, &now);
	pol.loaded_at_ns = (__u64)now.tv_sec * 1000000000ULL + now.tv_nsec;
	if (fg_guard_load(pin_dir, &pol, &devs, &db, &err)) {
		fail(1, "load %s: %s", argv[optind], err.msg);
		goto out;
	}
	printf("fwctl-guard: loaded policy '%s' (%u rules, default %s), fwctl major %u, "
	       "%u device%s, %zu effects entries\n", pol.name, pol.nrules,
	       fg_action_name(pol.default_action), pol.fwctl_major, devs.n,
	       devs.n == 1 ? "" : "s", db.n);
	ret = 0;
out:
	fg_devlist_free(&devs);
	fg_effects_free(&db);
	return ret;
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
	int ret = 1, scan;
	unsigned int i;

	json_flag = 0;
	if (parse_opts(argc, argv, false, extra, devices_opt, usage))
		return EXIT_USAGE;
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	/* No tables: a refresh only rewrites what the devices themselves say. */
	if (loaded && fg_guard_set_loader(pin_dir, getpid(), &err)) {
		fail(1, "devices: %s", err.msg);
		goto out;
	}
	scan = fg_inventory_devices(&inv_opts, &devs, &db, &err);
	if (loaded && fg_guard_set_loader(pin_dir, 0, scan ? NULL : &err) && !scan) {
		fail(1, "devices: %s", err.msg);
		goto out;
	}
	if (scan) {
		fail(1, "devices: %s", err.msg);
		goto out;
	}
	warn_inventory(&devs);
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

static int cmd_status(int argc, char **argv)
{
	static const char *const hook_fn[FG_HOOK_MAX] = { "file_ioctl", "file_ioctl_compat" };
	struct fg_effects_db db = {};
	struct fg_err err = {};
	struct fg_state st;
	char when[64], rule[512];
	time_t sec;
	struct tm tm;
	unsigned int i;

	(void)argv;
	if (argc != 1)
		return fail(EXIT_USAGE, "usage: fwctl-guard status");
	if (!fg_guard_is_loaded(pin_dir)) {
		printf("fwctl-guard: not loaded (no pins at %s)\n", pin_dir);
		return 3;
	}
	if (fg_guard_state(pin_dir, &st, &err))
		return fail(1, "status: %s", err.msg);
	sec = st.policy.loaded_at_ns / 1000000000ULL;
	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("fwctl-guard: loaded at %s\n", pin_dir);
	printf("policy: %s (loaded %s), default %s, unknown devices %s, %u rule%s\n",
	       st.policy.name, when, fg_action_name(st.policy.default_action),
	       fg_action_name(st.policy.unknown_device_action), st.policy.nrules,
	       st.policy.nrules == 1 ? "" : "s");
	read_tables_quietly(&db);
	for (i = 0; i < st.policy.nrules && i < FG_MAX_RULES; i++) {
		fg_rule_describe(&st.policy.rules[i], &db, rule, sizeof(rule));
		printf("  rule %u: %s\n", i, rule);
	}
	for (i = 0; i < FG_HOOK_MAX; i++) {
		if (st.links[i].pinned)
			printf("hook %s: attached (link %u, prog %u)\n", hook_fn[i],
			       st.links[i].link_id, st.links[i].prog_id);
		else
			printf("hook %s: NOT attached\n", hook_fn[i]);
	}
	printf("fwctl major: %u\n", st.policy.fwctl_major);
	printf("devices: %u\n", st.devices.n);
	for (i = 0; i < st.devices.n; i++)
		printf("  %s minor %u type %s parent %s\n", st.devices.devs[i].dev.name,
		       st.devices.devs[i].minor, fg_devtype_name(st.devices.devs[i].dev.devtype),
		       st.devices.devs[i].dev.parent[0] ? st.devices.devs[i].dev.parent : "-");
	printf("counters:");
	for (i = 0; i < FG_STAT_MAX; i++)
		printf(" %s=%llu", fg_stat_name(i), (unsigned long long)st.stats[i]);
	printf("\n");
	fg_state_free(&st);
	fg_effects_free(&db);
	return 0;
}

struct events_ctx {
	const struct fg_effects_db *db;
	long long boot_offset;
	long remaining;		/* < 0: no limit */
};

static int on_event(void *ctx, void *data, size_t len)
{
	struct events_ctx *ec = ctx;
	char line[1024];

	if (len < sizeof(struct fg_event) ||
	    fg_event_format(data, ec->db, ec->boot_offset, line, sizeof(line)) < 0) {
		fprintf(stderr, "fwctl-guard: skipped an event record this version cannot read "
			"(%zu bytes)\n", len);
		return 0;
	}
	printf("%s\n", line);
	fflush(stdout);
	if (ec->remaining > 0 && --ec->remaining == 0)
		return 1;	/* stops ring_buffer__poll */
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int cmd_events(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	struct events_ctx ec = { .remaining = -1 };
	struct fg_effects_db db = {};
	struct ring_buffer *rb;
	struct fg_err err = {};
	double timeout = -1;
	struct timespec t0, t;
	int fd, c, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			ec.remaining = strtol(optarg, NULL, 10);
			if (ec.remaining <= 0)
				return fail(EXIT_USAGE, "--count wants a positive number, not '%s'",
					    optarg);
			break;
		case 't':
			timeout = strtod(optarg, NULL);
			if (timeout <= 0)
				return fail(EXIT_USAGE, "--timeout wants seconds > 0, not '%s'",
					    optarg);
			break;
		default:
			return fail(EXIT_USAGE, "usage: fwctl-guard events [--count N] "
				    "[--timeout SECONDS]");
		}
	}
	if (optind != argc)
		return fail(EXIT_USAGE, "usage: fwctl-guard events [--count N] [--timeout SECONDS]");
	fd = fg_guard_events_fd(pin_dir, &err);
	if (fd < 0)
		return fail(1, "events: %s", err.msg);
	ec.boot_offset = fg_boot_to_realtime_ns();
	read_tables_quietly(&db);
	ec.db = &db;
	rb = ring_buffer__new(fd, on_event, &ec, NULL);
	if (!rb) {
		close(fd);
		return fail(1, "events: cannot map the ring buffer: %s", strerror(errno));
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		int n = ring_buffer__poll(rb, 100);

		if (n < 0 && n != -EINTR) {
			ret = fail(1, "events: %s", strerror(-n));
			break;
		}
		if (ec.remaining == 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (timeout > 0 && (t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 >= timeout)
			break;
	}
	ring_buffer__free(rb);
	close(fd);
	fg_effects_free(&db);
	return ret;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "load", "POLICY", "compile POLICY, load and attach the guard, pin it", cmd_load },
	{ "unload", "", "detach the guard and remove its pins", cmd_unload },
	{ "status", "", "show the loaded policy, hooks, devices and counters", cmd_status },
	{ "events", "[--count N] [--timeout SECONDS]",
	  "print deny/audit decisions as lines until interrupted", cmd_events },
	{ "check", "POLICY", "validate POLICY without touching the kernel", cmd_check },
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
	       "  fwctl-guard events --timeout 5\n\n"
	       "load and check take --effects-dir DIR (default " FG_EFFECTS_DIR ")\n"
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
