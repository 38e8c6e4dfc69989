/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command line's shared parts: the command table's entries (each with
 * its help), the exit statuses, option parsing into each command's own
 * options, and printing what the libraries report (diagnostics, reports).
 * Every cmd_*.c file is one group of commands; main.c holds the table.
 */
#ifndef FG_CLI_H
#define FG_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "host/effects_table.h"
#include "ops/ops.h"
#include "util/diag.h"

#define EXIT_USAGE	2	/* usage error or invalid policy */
#define EXIT_NOT_LOADED	3	/* status: no guard loaded */
/* run: the configured policy is not in force (a fallback, or the policy
 * already loaded, is); status --expect-sha256: another policy is loaded */
#define EXIT_FALLBACK	4
#define EXIT_MISMATCH	4

/* -v: libbpf's debug output (the verifier log). */
extern int fg_cli_verbose;

/* One option in a command's help: "--json", "one JSON object". */
struct cli_opt_help {
	const char *opt;
	const char *help;
};

struct command {
	const char *name;
	const char *usage;		/* after "fwctl-guard NAME"; '\n' between forms */
	const char *summary;		/* one line, for the list of commands */
	const char *description;	/* what it does, a few lines */
	const struct cli_opt_help *opts;	/* ends with { NULL } */
	const char *examples;		/* one command per line */
	const char *exit_status;	/* what its exit statuses mean */
	bool tables;			/* takes --effects-dir and --effects */
	bool no_operands;		/* options only (cli_parse refuses operands) */
	int (*run)(int argc, char **argv);
};

extern const struct command cmd_load, cmd_reload, cmd_unload, cmd_status, cmd_events, cmd_run,
	cmd_check, cmd_explain, cmd_devices, cmd_version, cmd_help;

/* The table, in the order help lists it. */
extern const struct command *const cli_commands[];
const struct command *cli_command(const char *name);

/* A command's help on f: usage, description, options, examples, exit
 * status. */
void cli_help(FILE *f, const struct command *c);

/* "fwctl-guard: " + message on stderr, escaped (diag.h); returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A usage error of command c: the message, its usage line and where its
 * help is; returns EXIT_USAGE. */
int cli_usage(const struct command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --effects-dir DIR and --effects FILE (repeatable): the effects tables a
 * command reads, into its ops options. dir_given: --effects-dir was. */
#define MAX_SITE_TABLES 32
struct cli_tables {
	struct fg_ops_opts ops;
	const char *site[MAX_SITE_TABLES];
	bool dir_given;
	char dir[4096];			/* the folder found (cli_tables_dir) */
};

/*
 * getopt_long over argv (the command's words, argv[0] its name), GNU
 * style: options anywhere, "--" ends them. -h/--help prints c's help and
 * exits 0; the table options when c takes them; the command's own (extra;
 * each handled by on_extra(c, optarg, ctx), which returns 0 or -1 after
 * saying why). Returns 0 (operands from argv[optind]; none for a command
 * with no_operands), or EXIT_USAGE after the usage message.
 */
int cli_parse(const struct command *c, int argc, char **argv, struct cli_tables *tables,
	      const struct option *extra, int (*on_extra)(int c, const char *arg, void *ctx),
	      void *ctx);

/*
 * The shipped effects tables' folder: --effects-dir when given; else the
 * installed one (FG_EFFECTS_DIR) when it exists; else, for a build run
 * from its tree, policies/effects beside the binary (its folder's parent).
 * Sets t->ops.inv.effects_dir; false when none was found (the installed
 * one stays named, for the message).
 */
bool cli_tables_dir(struct cli_tables *t);

/*
 * The effects tables for check and explain, which can do without them: a
 * policy that names no mlx5 or bnxt command by name and no effect never
 * needs them. When no folder was found (and --effects-dir was not given)
 * db stays empty and *missing says so; a folder that is there but wrong
 * is refused. 0, or the exit status after printing why.
 */
int cli_tables_optional(struct cli_tables *t, struct fg_effects_db *db, bool *missing);

/* Where the guard is pinned: FG_PIN_DIR, or $FWCTL_GUARD_PIN_DIR (another
 * bpffs folder; the tests' unreadable folder). */
const char *cli_pin_dir(void);
/* fg_ops_defaults with that folder. */
void cli_ops_defaults(struct fg_ops_opts *o);

/* A policy operand: "-" (standard input) as /dev/stdin. */
const char *cli_policy_path(const char *arg);

/* A report on the heap (it holds up to FG_MAX_WARNINGS diagnostics):
 * NULL after saying so when out of memory. */
struct fg_report *cli_report_new(void);
void cli_report_free(struct fg_report *r);

/* Whether a guard is pinned at pin_dir: 1, 0, or -errno when its folder
 * cannot be looked at (a bpffs only root may read). */
int cli_guard_pinned(const char *pin_dir);
/* The message for a guard that cannot be looked at or read (-errno). */
int cli_fail_pins(const char *pin_dir, int err);

/* Printing what the libraries report. */
void cli_print_diag(const struct fg_diag *d);
void cli_print_warnings(const struct fg_diags *w);
/* A refused input (tables or policy) or another failure of an operation;
 * returns the exit status for it (EXIT_USAGE or 1). */
int cli_print_failure(const struct fg_report *r);
/* Devices the inventory could not fully read. */
void cli_print_device_warnings(const struct fg_devlist *devs);
/* A hook after the kernel's copy this version does not use. */
void cli_print_post_copy(const struct fg_report *r);
const char *cli_seal_text(__u32 mode);
void cli_hash_hex(const __u8 *hash, char *out);
/* The shipped tables for display only (status, events): empty when absent. */
void cli_read_tables_quietly(struct fg_effects_db *db);
/* A json-c object on stdout, pretty, and freed. */
struct json_object;
void cli_print_json(struct json_object *o);

/* cmd_guard.c, also for run: load with tables already read; what a load
 * or reload did (out: where the reload's success line goes). */
int cli_load(const struct fg_ops_opts *o, const char *path, struct fg_effects_db *db);
int cli_report_reload(const struct fg_report *r, int ret, FILE *out);
/* A load or reload whose policy could not be kept as the last good one. */
void cli_print_state_error(const struct fg_report *r);

/* --ring-size SIZE (load, run): a power of two, 64K..1G, K/M/G suffixes.
 * 0, or cli_usage()'s status. */
int cli_ring_size(const struct command *c, const char *arg, __u32 *bytes);

/* How fwctl files are known and where their type is read (load, status). */
struct fg_fwctl_layout;
void cli_print_layout(const struct fg_fwctl_layout *l, __u32 in_use);

#endif /* FG_CLI_H */
