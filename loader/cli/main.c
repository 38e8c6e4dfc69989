// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the command line. Subcommands come from one table; each
 * group lives in its cmd_*.c file, parses its options into its own struct
 * and prints what the libraries (ops/, policy/, kernel/, events/) report;
 * the libraries never print. Exit status: 0 success, 1 failure, 2 usage
 * error or bad policy, 3 (status) no guard loaded.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cli/cli.h"
#include "host/inventory.h"

int fg_cli_verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !fg_cli_verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
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
			fg_cli_verbose = 1;
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
	return cli_fail(EXIT_USAGE, "unknown command '%s' (try 'fwctl-guard help')", argv[optind]);
}
