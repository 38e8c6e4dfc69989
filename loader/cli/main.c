// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the command line. Subcommands come from one table; each
 * group lives in its cmd_*.c file with its help, parses its options into
 * its own struct and prints what the libraries (ops/, policy/, kernel/,
 * events/) report; the libraries never print. Exit status: 0 success,
 * 1 failure, 2 usage error or bad policy, 3 (status) no guard loaded.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cli/cli.h"
#include "events/json.h"
#include "fg_version.h"
#include "host/inventory.h"
#include "util/journal.h"
#include "util/suggest.h"

int fg_cli_verbose;

const struct command *const cli_commands[] = {
	&cmd_load, &cmd_reload, &cmd_unload, &cmd_status, &cmd_events, &cmd_run, &cmd_check,
	&cmd_explain, &cmd_devices, &cmd_version, &cmd_help, NULL,
};

static const char exit_text[] =
	"exit status: 0 success, 1 failure, 2 usage error or invalid policy,\n"
	"3 (status) no guard loaded; each command's --help says what its own mean\n";

const struct command *cli_command(const char *name)
{
	const struct command *const *c;

	for (c = cli_commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	int old, ret;

	if (level == LIBBPF_DEBUG && !fg_cli_verbose)
		return 0;
	old = fg_prio(level == LIBBPF_WARN ? LOG_WARNING : LOG_DEBUG);
	ret = vfprintf(stderr, fmt, ap);
	fg_prio(old);
	return ret;
}

static void general_help(FILE *f)
{
	const struct command *const *c;

	fprintf(f, "usage: fwctl-guard [-v] [-h] [-V] COMMAND [ARGS]\n\n"
		"Policy enforcement for Linux fwctl RPCs (BPF LSM).\n\ncommands:\n");
	for (c = cli_commands; *c; c++)
		fprintf(f, "  %-9s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\noptions:\n"
		"  -v, --verbose   libbpf's debug messages (the verifier log)\n"
		"  -h, --help      this help; 'fwctl-guard COMMAND --help' for a command's\n"
		"  -V, --version   the version\n\n"
		"examples:\n"
		"  fwctl-guard check /etc/fwctl-guard/deny-debug-write.policy\n"
		"  fwctl-guard load /etc/fwctl-guard/deny-debug-write.policy\n"
		"  fwctl-guard explain my.policy type cxl scope debug-write cmd set_feature\n"
		"  fwctl-guard reload my.policy\n"
		"  fwctl-guard events --follow --json\n"
		"  fwctl-guard run --policy /etc/fwctl-guard/deny-destructive.policy --audit\n\n"
		"load, reload, run, check and explain take --effects-dir DIR (default\n"
		FG_EFFECTS_DIR ",\nelse policies/effects beside the binary) and --effects FILE (a "
		"site table,\nrepeatable, applied last).\n\n%s", exit_text);
}

/* An unknown command, with the closest one. */
static int unknown_command(const char *name)
{
	const char *names[sizeof(cli_commands) / sizeof(cli_commands[0])];
	const char *hint;
	size_t n;

	for (n = 0; cli_commands[n]; n++)
		names[n] = cli_commands[n]->name;
	hint = fg_suggest(name, names, n);
	if (hint)
		return cli_fail(EXIT_USAGE, "unknown command '%s' (did you mean '%s'?); "
				"'fwctl-guard help' lists them", name, hint);
	return cli_fail(EXIT_USAGE, "unknown command '%s'; 'fwctl-guard help' lists them", name);
}

static int help_run(int argc, char **argv)
{
	const struct command *c;

	if (cli_parse(&cmd_help, argc, argv, NULL, NULL, NULL, NULL))
		return EXIT_USAGE;
	if (optind == argc) {
		general_help(stdout);
		return 0;
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_help, "one command at a time");
	c = cli_command(argv[optind]);
	if (!c)
		return unknown_command(argv[optind]);
	cli_help(stdout, c);
	return 0;
}

const struct command cmd_help = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "this list, or a command's help",
	.description = "Print the commands, or the help of COMMAND (the same as\n"
		       "'fwctl-guard COMMAND --help').",
	.examples = "fwctl-guard help explain",
	.exit_status = "0 success, 2 unknown command",
	.run = help_run,
};

static void version(void)
{
	unsigned int maj = libbpf_major_version(), min = libbpf_minor_version();

	printf("fwctl-guard %s\n", FG_VERSION);
	printf("libbpf %u.%u, event record version %d, JSON event schema %d\n", maj, min,
	       FG_EVENT_VERSION, FG_JSON_SCHEMA);
}

static int version_run(int argc, char **argv)
{
	if (cli_parse(&cmd_version, argc, argv, NULL, NULL, NULL, NULL))
		return EXIT_USAGE;
	version();
	return 0;
}

const struct command cmd_version = {
	.name = "version",
	.no_operands = true,
	.usage = "",
	.summary = "the version (also -V, --version)",
	.description = "Print fwctl-guard's version, then the libbpf it runs with and the\n"
		       "versions of the event record and of its JSON form.",
	.examples = "fwctl-guard version",
	.exit_status = "0",
	.run = version_run,
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	const struct command *c;
	FILE *journal;
	int ch;

	/* Under systemd, stderr is a stream into the journal: each line gets
	 * its syslog priority there (util/journal.h). */
	if (fg_journal_stream(STDERR_FILENO)) {
		journal = fg_prio_stream(STDERR_FILENO);
		if (journal)
			stderr = journal;
	}
	/* "+": the options before the command are fwctl-guard's own; the
	 * command parses the rest (cli_parse). */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:vhV", opts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			fg_cli_verbose = 1;
			break;
		case 'h':
			general_help(stdout);
			return 0;
		case 'V':
			version();
			return 0;
		default:
			cli_fail(EXIT_USAGE, "unknown option '%s'", argv[optind - 1]);
			fprintf(stderr, "usage: fwctl-guard [-v] [-h] [-V] COMMAND [ARGS]\n");
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		general_help(stderr);
		return EXIT_USAGE;
	}
	libbpf_set_print(libbpf_print);
	setvbuf(stdout, NULL, _IOLBF, 0);
	c = cli_command(argv[optind]);
	if (!c)
		return unknown_command(argv[optind]);
	return c->run(argc - optind, argv + optind);
}
