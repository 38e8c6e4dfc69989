// SPDX-License-Identifier: GPL-2.0-only
/*
 * load, reload, refresh, unload (ops.h): the host's inventory, the policy
 * front end and lowering, and the kernel library, in the order that never
 * leaves a window: everything is built and checked before the kernel sees
 * any of it, and a reload switches with one map update.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/fwctl_layout.h"
#include "kernel/guard.h"
#include "kernel/progs.h"
#include "ops/ops.h"
#include "policy/ir.h"
#include "policy/lower.h"

void fg_report_init(struct fg_report *r)
{
	memset(r, 0, sizeof(*r));
}

void fg_report_free(struct fg_report *r)
{
	fg_devlist_free(&r->devs);
}

void fg_ops_defaults(struct fg_ops_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->pin_dir = FG_PIN_DIR;
	fg_inventory_defaults(&o->inv);
}

int fg_ops_tables(const struct fg_ops_opts *o, struct fg_effects_db *db, struct fg_report *r)
{
	int ret;

	ret = fg_inventory_tables(&o->inv, db, &r->diag);
	if (ret) {
		r->bad_input = true;
		r->tables_missing = ret == -ENOENT && !r->diag.line;
	}
	return ret;
}

/* What a compile put in the report. */
static void report_prog(const struct fg_program *prog, struct fg_report *r)
{
	snprintf(r->policy, sizeof(r->policy), "%s", prog->name);
	r->nrules = prog->nrules;
	r->mode = prog->mode;
	r->default_action = prog->default_action;
	r->seal = prog->seal;
}

int fg_ops_compile(const char *policy_path, const struct fg_effects_db *db, bool lint,
		   struct fg_program **prog, struct fg_report *r)
{
	struct fg_compile_opts opts = { .db = db };
	int ret;

	ret = fg_policy_compile_file(policy_path, &opts, prog, &r->diag, &r->warnings);
	if (ret) {
		r->bad_input = true;
		return ret;
	}
	if (lint)
		fg_policy_lint(*prog, &r->warnings);
	report_prog(*prog, r);
	return 0;
}

/* The kernel's hook after its own copy of an RPC, should it have one
 * (docs/security.md): reported, not used yet. */
static void probe_post_copy(struct fg_report *r)
{
	struct fg_err err = {};

	if (fg_post_copy_hook(&r->post_copy_hook, &err))
		snprintf(r->post_copy_error, sizeof(r->post_copy_error), "%s", err.msg);
}

/* The devices, with the guard's permission to read CXL features while a
 * policy is loaded (a refresh or reload). */
static int scan_devices(const struct fg_ops_opts *o, bool loaded, struct fg_effects_db *db,
			struct fg_report *r)
{
	int scan;

	if (loaded && fg_guard_set_loader(o->pin_dir, getpid(), &r->err))
		return r->err.code;
	scan = fg_inventory_devices(&o->inv, &r->devs, db, &r->err);
	if (loaded && fg_guard_set_loader(o->pin_dir, 0, scan ? NULL : &r->err) && !scan)
		return r->err.code;
	return scan;
}

/* After a load or reload put prog in force: kept for a failed boot. */
static void keep(const struct fg_ops_opts *o, const struct fg_program *prog, const char *path,
		 struct fg_report *r)
{
	struct fg_err err = {};

	if (o->state_dir && fg_ops_keep(o->state_dir, prog, path, &err))
		snprintf(r->state_error, sizeof(r->state_error), "%s", err.msg);
}

int fg_ops_load_prog(const struct fg_ops_opts *o, struct fg_program *prog, const char *policy_path,
		     struct fg_effects_db *db, struct fg_report *r)
{
	struct fg_gen_image img = {};
	bool avail[FG_NPROGS];
	unsigned int i;
	int ret;

	report_prog(prog, r);
	/* No major to find: the programs know a fwctl file by what it is,
	 * and fwctl may well load after the guard. Its layout is checked
	 * against fwctl's BTF where there is one. */
	ret = fg_fwctl_layout(&r->layout, &r->err);
	if (ret)
		goto out;
	if (fg_guard_is_loaded(o->pin_dir)) {
		ret = fg_err_set(&r->err, -EEXIST, "load: a guard is already loaded at %s (use "
				 "'fwctl-guard reload' to change its policy)", o->pin_dir);
		goto out;
	}
	ret = scan_devices(o, false, db, r);
	if (ret) {
		fg_err_prefix(&r->err, "load: ");
		goto out;
	}
	ret = fg_policy_lower(prog, db, 1, &img, &r->err);
	if (!ret)
		ret = fg_guard_load(o->pin_dir, &img, fg_fwctl_layout_ops_off(&r->layout),
				    o->ring_bytes ? o->ring_bytes : FG_EVENTS_RING_BYTES, &r->devs,
				    db, avail, &r->config_flags, &r->err);
	if (ret) {
		fg_err_prefix(&r->err, "load %s: ", policy_path);
		goto out;
	}
	for (i = 0; i < FG_NPROGS; i++)
		r->left_out[i] = !avail[i];
	r->gen = 1;
	r->neffects = db->n;
	probe_post_copy(r);
	keep(o, prog, policy_path, r);
out:
	fg_gen_image_free(&img);
	return ret;
}

int fg_ops_load(const struct fg_ops_opts *o, const char *policy_path, struct fg_effects_db *db,
		struct fg_report *r)
{
	struct fg_program *prog = NULL;
	int ret;

	ret = fg_ops_compile(policy_path, db, false, &prog, r);
	if (ret)
		return ret;
	ret = fg_ops_load_prog(o, prog, policy_path, db, r);
	fg_program_free(prog);
	return ret;
}

int fg_ops_reload(const struct fg_ops_opts *o, const char *policy_path, struct fg_report *r)
{
	struct fg_effects_db db = {};
	struct fg_program *prog = NULL;
	struct fg_gen_image img = {};
	int ret;

	r->unchanged = true;
	ret = fg_ops_tables(o, &db, r);
	if (!ret)
		ret = fg_ops_compile(policy_path, &db, false, &prog, r);
	if (ret)
		goto out;
	if (!fg_guard_is_loaded(o->pin_dir)) {
		ret = fg_err_set(&r->err, -ENOENT, "reload: no guard is loaded at %s (use "
				 "'fwctl-guard load')", o->pin_dir);
		goto out;
	}
	ret = scan_devices(o, true, &db, r);
	if (!ret)
		ret = fg_policy_lower(prog, &db, 0, &img, &r->err);
	if (!ret)
		ret = fg_guard_reload(o->pin_dir, &img, &r->devs, &db, &r->gen, &r->err);
	r->unchanged = !r->gen;
	if (ret) {
		fg_err_prefix(&r->err, "reload %s: ", policy_path);
		if (!r->gen)
			fg_err_append(&r->err, "; the running policy is unchanged");
	}
	if (!ret)
		keep(o, prog, policy_path, r);
out:
	fg_gen_image_free(&img);
	fg_program_free(prog);
	fg_effects_free(&db);
	return ret;
}

int fg_ops_refresh(const struct fg_ops_opts *o, bool loaded, struct fg_effects_db *db,
		   struct fg_report *r)
{
	int ret;

	/* No tables: a refresh only rewrites what the devices themselves say. */
	ret = scan_devices(o, loaded, db, r);
	if (ret)
		return fg_err_prefix(&r->err, "devices: ");
	if (loaded) {
		ret = fg_guard_refresh(o->pin_dir, &r->devs, db, &r->err);
		if (ret)
			return fg_err_prefix(&r->err, "devices: registry refresh: ");
		/* fwctl.ko may have come since the load: its BTF now gives the
		 * layout the programs read types at. */
		if (!fg_fwctl_layout(&r->layout, NULL) && fg_fwctl_layout_ops_off(&r->layout)) {
			ret = fg_guard_set_layout(o->pin_dir, fg_fwctl_layout_ops_off(&r->layout),
						  &r->layout_updated, &r->err);
			if (ret)
				return fg_err_prefix(&r->err, "devices: fwctl layout: ");
		}
	}
	return 0;
}

int fg_ops_unload(const struct fg_ops_opts *o, struct fg_report *r)
{
	int ret = fg_guard_unload(o->pin_dir, &r->err);

	if (ret)
		fg_err_prefix(&r->err, "unload: ");
	return ret;
}
