/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command line's shared parts: the command table's entries, the exit
 * statuses, option parsing into each command's own options, and printing
 * what the libraries report (diagnostics, reports). Every cmd_*.c file is
 * one group of commands; main.c holds the table.
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

/* -v: libbpf's debug output (the verifier log). */
extern int fg_cli_verbose;

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* "fwctl-guard: " + message on stderr; returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --effects-dir DIR and --effects FILE (repeatable): the effects tables a
 * command reads, into its ops options. */
#define MAX_SITE_TABLES 32
struct cli_tables {
	struct fg_ops_opts ops;
	const char *site[MAX_SITE_TABLES];
};

/*
 * getopt_long over argv with the table options (when tables is not NULL)
 * and the command's own (extra; each handled by on_extra(c, optarg, ctx),
 * which returns 0 or -1 after saying why). 0, or EXIT_USAGE after printing
 * the usage line.
 */
int cli_parse(int argc, char **argv, struct cli_tables *tables, const struct option *extra,
	      int (*on_extra)(int c, const char *arg, void *ctx), void *ctx, const char *usage);

/* A report on the heap (it holds up to FG_MAX_WARNINGS diagnostics):
 * NULL after saying so when out of memory. */
struct fg_report *cli_report_new(void);
void cli_report_free(struct fg_report *r);

/* cli_parse for a command whose one argument is a policy (argv[optind]). */
int cli_parse_policy(int argc, char **argv, struct cli_tables *tables, const char *usage);

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

/* cmd_guard.c, also for run: load with tables already read; what a load
 * or reload did (out: where the reload's success line goes). */
int cli_load(const struct fg_ops_opts *o, const char *path, struct fg_effects_db *db);
int cli_report_reload(const struct fg_report *r, int ret, FILE *out);

int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_reload(int argc, char **argv);
int cmd_unload(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* How fwctl files are known and where their type is read (load, status). */
struct fg_fwctl_layout;
void cli_print_layout(const struct fg_fwctl_layout *l, __u32 in_use);

#endif /* FG_CLI_H */
