/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Everything the guard needs to know about this host before it can judge a
 * command: the fwctl nodes (registry.h) and what each command does
 * (effects_table.h: shipped and site tables, CXL features read live).
 */
#ifndef FG_INVENTORY_H
#define FG_INVENTORY_H

#include "host/effects_table.h"
#include "util/err.h"
#include "util/diag.h"
#include "host/registry.h"

#ifndef FG_EFFECTS_DIR
#define FG_EFFECTS_DIR	"/etc/fwctl-guard/effects"
#endif
/* The site's own tables, beside its policies (mk/install.mk). */
#ifndef FG_SITE_EFFECTS_DIR
#define FG_SITE_EFFECTS_DIR	"/etc/fwctl-guard/effects"
#endif

struct fg_inventory_opts {
	const char *sysfs_class;	/* /sys/class/fwctl */
	const char *devdir;		/* /dev/fwctl */
	const char *effects_dir;	/* FG_EFFECTS_DIR */
	/* Every *.effects in it, in name order, after effects_dir, when the
	 * folder exists (FG_SITE_EFFECTS_DIR; NULL: none). */
	const char *site_dir;
	const char *const *site_tables;	/* applied after effects_dir, in order */
	unsigned int nsite;
};

void fg_inventory_defaults(struct fg_inventory_opts *o);

/* The shipped tables, the site's folder, then the site tables. diag as
 * for the parser. */
int fg_inventory_tables(const struct fg_inventory_opts *o, struct fg_effects_db *db,
			struct fg_diag *diag);

/* Scan the nodes and ask every CXL node for its features, adding their Set
 * Feature effects to db. A node that cannot be read is listed with its
 * error (fg_devinfo.info_err / effects_err), not dropped. */
int fg_inventory_devices(const struct fg_inventory_opts *o, struct fg_devlist *devs,
			 struct fg_effects_db *db, struct fg_err *err);

#endif
