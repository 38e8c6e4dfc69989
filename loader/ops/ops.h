/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The loader's operations as library calls: load, reload, refresh the
 * registry, unload. Each composes the host's inventory (devices, effects
 * tables), the policy front end and lowering, and the kernel library, and
 * fills a report of what it did and noticed; it prints nothing. The CLI
 * and the event daemon print the report.
 */
#ifndef FG_OPS_H
#define FG_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "fwctl_guard.h"
#include "fwctl_guard_names.h"
#include "host/effects_table.h"
#include "kernel/fwctl_layout.h"
#include "host/inventory.h"
#include "host/registry.h"
#include "util/diag.h"
#include "util/err.h"

/* What an operation works on. */
struct fg_ops_opts {
	const char *pin_dir;		/* FG_PIN_DIR */
	__u32 ring_bytes;		/* load: the ring buffer; 0: FG_EVENTS_RING_BYTES */
	struct fg_inventory_opts inv;	/* devices, effects tables */
};

/* What an operation did and noticed. */
struct fg_report {
	/* The policy or the effects tables were refused (exit status 2):
	 * diag says where. tables_missing: the tables folder does not
	 * exist (diag.file names it). */
	bool bad_input;
	bool tables_missing;
	struct fg_diag diag;
	struct fg_diags warnings;	/* the policy's warnings */

	/* What failed other than the input (diag), with err.msg. */
	struct fg_err err;
	/* reload: the running policy stayed as it was. */
	bool unchanged;

	/* What is loaded now. */
	char policy[FG_POLICY_NAME_LEN];
	size_t nrules;
	__u8 mode, default_action, seal;
	__u64 gen;
	struct fg_fwctl_layout layout;	/* load, refresh: fwctl_device's ops offset */
	bool layout_updated;		/* refresh: written to the config map */
	size_t neffects;

	/* The devices found (each with what could not be read of it). */
	struct fg_devlist devs;
	/* The kernel: programs left out because it lacks their functions;
	 * a hook after its own copy of an RPC that this version does not use
	 * (NULL: none), or why that could not be probed. */
	bool left_out[FG_NPROGS];
	const char *post_copy_hook;
	char post_copy_error[512];
};

void fg_report_init(struct fg_report *r);
void fg_report_free(struct fg_report *r);

/* Defaults: FG_PIN_DIR, the installed effects tables. */
void fg_ops_defaults(struct fg_ops_opts *o);

/* The effects tables the options name, or a diag (report's bad_input). */
int fg_ops_tables(const struct fg_ops_opts *o, struct fg_effects_db *db, struct fg_report *r);

/* Compile policy_path against db: 0, or -errno with the report's diag
 * (and bad_input) set; warnings (lint included when lint) in the report. */
struct fg_program;
int fg_ops_compile(const char *policy_path, const struct fg_effects_db *db, bool lint,
		   struct fg_program **prog, struct fg_report *r);

/* Compile, scan the devices, load and attach, pin (generation 1). db: the
 * effects tables (the devices' CXL features are added to it). */
int fg_ops_load(const struct fg_ops_opts *o, const char *policy_path, struct fg_effects_db *db,
		struct fg_report *r);

/* Read the tables, compile, scan, and switch the running guard to the
 * policy atomically. r->unchanged says whether the old generation stays. */
int fg_ops_reload(const struct fg_ops_opts *o, const char *policy_path, struct fg_report *r);

/* Scan the devices and, with a guard loaded, bring its registry up to
 * date (the refresh `devices` does). db gets the CXL features. */
int fg_ops_refresh(const struct fg_ops_opts *o, bool loaded, struct fg_effects_db *db,
		   struct fg_report *r);

int fg_ops_unload(const struct fg_ops_opts *o, struct fg_report *r);

#endif /* FG_OPS_H */
