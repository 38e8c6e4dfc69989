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

#include "event_format.h"
#include "guard.h"
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

static int read_policy(const char *path, struct fg_policy *pol)
{
	struct fg_diag d;

	if (fg_policy_parse_file(path, pol, &d)) {
		print_diag(&d);
		return -EINVAL;
	}
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	struct fg_policy pol;

	if (argc != 2)
		return fail(EXIT_USAGE, "usage: fwctl-guard check POLICY");
	if (read_policy(argv[1], &pol))
		return EXIT_USAGE;
	printf("%s: ok, %u rule%s, default %s\n", argv[1], pol.nrules, pol.nrules == 1 ? "" : "s",
	       fg_action_name(pol.default_action));
	return 0;
}

static int cmd_load(int argc, char **argv)
{
	struct fg_devlist devs = {};
	struct fg_policy pol;
	struct fg_err err = {};
	struct timespec now;
	unsigned int i;
	int ret;

	if (argc != 2)
		return fail(EXIT_USAGE, "usage: fwctl-guard load POLICY");
	if (read_policy(argv[1], &pol))
		return EXIT_USAGE;
	if (fg_fwctl_major("/proc/devices", &pol.fwctl_major, &err))
		return fail(1, "%s", err.msg);
	if (fg_registry_scan("/sys/class/fwctl", "/dev/fwctl", &devs, &err))
		return fail(1, "%s", err.msg);
	for (i = 0; i < devs.n; i++)
		if (devs.devs[i].info_err)
			fprintf(stderr, "fwctl-guard: warning: %s: FWCTL_INFO failed (%s); "
				"its type is unknown to the policy\n", devs.devs[i].dev.name,
				strerror(-devs.devs[i].info_err));
	clock_gettime(CLOCK_REALTIME, &now);
	pol.loaded_at_ns = (__u64)now.tv_sec * 1000000000ULL + now.tv_nsec;
	ret = fg_guard_load(pin_dir, &pol, &devs, &err);
	fg_devlist_free(&devs);
	if (ret)
		return fail(1, "load %s: %s", argv[1], err.msg);
	printf("fwctl-guard: loaded policy '%s' (%u rules, default %s), fwctl major %u, "
	       "%u device%s\n", pol.name, pol.nrules, fg_action_name(pol.default_action),
	       pol.fwctl_major, i, i == 1 ? "" : "s");
	return 0;
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
	struct fg_err err = {};
	struct fg_state st;
	char when[64], rule[128];
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
	printf("policy: %s (loaded %s), default %s, %u rule%s\n", st.policy.name, when,
	       fg_action_name(st.policy.default_action), st.policy.nrules,
	       st.policy.nrules == 1 ? "" : "s");
	for (i = 0; i < st.policy.nrules && i < FG_MAX_RULES; i++) {
		fg_rule_describe(&st.policy.rules[i], rule, sizeof(rule));
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
		printf("  %s minor %u type %s\n", st.devices.devs[i].dev.name,
		       st.devices.devs[i].minor, fg_devtype_name(st.devices.devs[i].dev.devtype));
	printf("counters:");
	for (i = 0; i < FG_STAT_MAX; i++)
		printf(" %s=%llu", fg_stat_name(i), (unsigned long long)st.stats[i]);
	printf("\n");
	fg_state_free(&st);
	return 0;
}

struct events_ctx {
	long long boot_offset;
	long remaining;		/* < 0: no limit */
};

static int on_event(void *ctx, void *data, size_t len)
{
	struct events_ctx *ec = ctx;
	char line[1024];

	if (len < sizeof(struct fg_event) ||
	    fg_event_format(data, ec->boot_offset, line, sizeof(line)) < 0) {
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
