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

/* Where the last policy that loaded is kept (fallback.c). */
#ifndef FG_STATE_DIR
#define FG_STATE_DIR	"/var/lib/fwctl-guard"
#endif
#define FG_LAST_GOOD	"last-good.policy"

/* What an operation works on. */
struct fg_ops_opts {
	const char *pin_dir;		/* FG_PIN_DIR */
	/* load and reload keep the policy they put in force here, as
	 * FG_LAST_GOOD (NULL: nowhere). */
	const char *state_dir;
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
	/* load, reload: the policy could not be kept in state_dir (why). */
	char state_error[512];
	/* run on a loaded guard: its policy's digest is the configured
	 * file's (nothing reloaded). */
	bool same;
	/* fallback: what was loaded instead ("last-good": state_dir's,
	 * "lockdown": the built-in one). */
	const char *fallback;

	/* What is loaded now. */
	char policy[FG_POLICY_NAME_LEN];
	size_t nrules;
	__u8 mode, default_action, seal;
	__u64 gen;
	struct fg_fwctl_layout layout;	/* load, refresh: fwctl_device's ops offset */
	__u32 config_flags;		/* load: fg_config.flags as written (FG_CFG_*) */
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
/* The same with a compiled program (not freed); policy_path: where it came from. */
int fg_ops_load_prog(const struct fg_ops_opts *o, struct fg_program *prog, const char *policy_path,
		     struct fg_effects_db *db, struct fg_report *r);

/* Read the tables, compile, scan, and switch the running guard to the
 * policy atomically. r->unchanged says whether the old generation stays. */
int fg_ops_reload(const struct fg_ops_opts *o, const char *policy_path, struct fg_report *r);

/* Scan the devices and, with a guard loaded, bring its registry up to
 * date (the refresh `devices` does). db gets the CXL features. */
int fg_ops_refresh(const struct fg_ops_opts *o, bool loaded, struct fg_effects_db *db,
		   struct fg_report *r);

int fg_ops_unload(const struct fg_ops_opts *o, struct fg_report *r);

/* fallback.c. A load for a guard that must not stay unloaded, after the
 * configured policy (or its tables) was refused: the last policy that
 * loaded here (state_dir/FG_LAST_GOOD), compiled against db, else the
 * built-in lockdown (policies/lockdown-integrity.policy: reads pass,
 * every write and everything of unknown effect is denied), against db or,
 * should that fail, no tables. r->fallback says which; kept nowhere. */
int fg_ops_load_fallback(const struct fg_ops_opts *o, struct fg_effects_db *db,
			 struct fg_report *r);

/* The built-in lockdown policy's text. */
extern const char fg_lockdown_policy[];

/* Keep prog as the last policy that loaded: its sources as one file
 * (includes inlined) under state_dir, replaced atomically. source: the
 * file it was loaded from, for the header. */
struct fg_program;
int fg_ops_keep(const char *state_dir, const struct fg_program *prog, const char *source,
		struct fg_err *err);

/* A guard is loaded and policy_path is the configured policy (run at a
 * restart): compare the loaded policy's digest with policy_path's, with
 * the options' tables, and reload when they differ. r->same when they do
 * not; as fg_ops_reload otherwise. */
int fg_ops_adopt(const struct fg_ops_opts *o, const char *policy_path, struct fg_report *r);

#endif /* FG_OPS_H */
