/* SPDX-License-Identifier: GPL-2.0-only */
/* The registry map, inside the kernel library (sync.c). */
#ifndef FG_KERNEL_SYNC_H
#define FG_KERNEL_SYNC_H

#include "fwctl_guard.h"
#include "host/effects_table.h"
#include "host/registry.h"
#include "util/err.h"

/*
 * Make the registry map fd (an array by minor) hold devices: each with its
 * CXL features' effects from db (per-device entries) and, for generation g,
 * its parent and serial as g knows them (in g's parity; the other parity's
 * stays as it was, for the generation still running); every other minor
 * emptied. One read and one write, both batches.
 */
int fg_sync_registry(int fd, const struct fg_devlist *devices, const struct fg_effects_db *db,
		     const struct fg_gen *g, struct fg_err *err);

#endif /* FG_KERNEL_SYNC_H */
