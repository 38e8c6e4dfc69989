/* SPDX-License-Identifier: GPL-2.0-only */
/* The registry and effects maps, inside the kernel library (sync.c). */
#ifndef FG_KERNEL_SYNC_H
#define FG_KERNEL_SYNC_H

#include <stdbool.h>

#include "host/effects_table.h"
#include "host/registry.h"
#include "util/err.h"

/* Write every device into the registry map fd; drop the others. */
int fg_sync_devices(int fd, const struct fg_devlist *devices, struct fg_err *err);

/*
 * At load every entry; at a refresh only the per-device ones (CXL features
 * read live). Type-wide entries belong to the shipped and site tables given
 * at load: a refresh does not get the site tables again, and writing the
 * shipped ones back would silently undo a site's overrides.
 */
int fg_sync_effects(int fd, const struct fg_effects_db *db, bool per_device_only,
		    struct fg_err *err);

#endif /* FG_KERNEL_SYNC_H */
