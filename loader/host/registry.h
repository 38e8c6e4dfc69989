/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fwctl devices of this host: the char major the fwctl core got at boot
 * (/proc/devices) and, for each node in /sys/class/fwctl, its minor and
 * device type (FWCTL_INFO).
 */
#ifndef FG_REGISTRY_H
#define FG_REGISTRY_H

#include "util/err.h"
#include "fwctl_guard.h"

#define FG_REGISTRY_MAX	4096	/* FWCTL_MAX_DEVICES */

struct fg_devinfo {
	__u32 minor;
	struct fg_device dev;
	int info_err;		/* 0, or -errno of opening / FWCTL_INFO */
	int effects_err;	/* CXL: 0, or -errno of reading its features */
	unsigned int nfeatures;	/* CXL: features the device reported */
};

struct fg_devlist {
	unsigned int n;
	struct fg_devinfo *devs;	/* malloc'd */
};

/* The major of "fwctl" in a /proc/devices-format file; -ENOENT if absent. */
int fg_fwctl_major(const char *proc_devices, __u32 *major, struct fg_err *err);

/* Scan sysfs_class (normally /sys/class/fwctl) and ask each node under
 * devdir (normally /dev/fwctl) for its type. A node that cannot be opened
 * is listed with devtype unknown and info_err set. */
int fg_registry_scan(const char *sysfs_class, const char *devdir, struct fg_devlist *out,
		     struct fg_err *err);
/* Fill dev->parent, driver and serial from a node's sysfs directory
 * (/sys/class/fwctl/fwctlN); fields stay "" where sysfs has nothing. */
void fg_registry_parent(const char *nodedir, struct fg_device *dev);
void fg_devlist_sort(struct fg_devlist *list);	/* by minor */
void fg_devlist_free(struct fg_devlist *list);

#endif
