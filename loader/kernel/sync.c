// SPDX-License-Identifier: GPL-2.0-only
/*
 * The registry and effects maps made equal to what the loader found: every
 * entry written, entries of what is gone deleted.
 */
#include <errno.h>
#include <stdbool.h>

#include <bpf/bpf.h>

#include "kernel/maps.h"
#include "kernel/sync.h"

static bool keep_device(const void *key, const void *ctx)
{
	const struct fg_devlist *devices = ctx;
	unsigned int i;

	for (i = 0; i < devices->n; i++)
		if (devices->devs[i].minor == *(const __u32 *)key)
			return true;
	return false;
}

/* Only per-device entries go stale (their device went away); type-wide
 * ones belong to the tables given at load. */
static bool keep_effects(const void *key, const void *ctx)
{
	const struct fg_effects_key *k = key;

	return k->minor == FG_MINOR_ANY || fg_effects_get(ctx, key) != NULL;
}

int fg_sync_devices(int fd, const struct fg_devlist *devices, struct fg_err *err)
{
	unsigned int i;

	for (i = 0; i < devices->n; i++)
		if (bpf_map_update_elem(fd, &devices->devs[i].minor, &devices->devs[i].dev, BPF_ANY))
			return fg_errf(err, -errno, "cannot add %s to the device map",
				       devices->devs[i].dev.name);
	return fg_map_delete_stale(fd, sizeof(__u32), keep_device, devices, err);
}

/*
 * At load every entry; at a refresh only the per-device ones (CXL features
 * read live). Type-wide entries belong to the shipped and site tables given
 * at load: a refresh does not get the site tables again, and writing the
 * shipped ones back would silently undo a site's overrides.
 */
int fg_sync_effects(int fd, const struct fg_effects_db *db, bool per_device_only,
			struct fg_err *err)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if ((!per_device_only || db->e[i].key.minor != FG_MINOR_ANY) &&
		    bpf_map_update_elem(fd, &db->e[i].key, &db->e[i].val, BPF_ANY))
			return fg_errf(err, -errno, "cannot write the effects map (%zu entries; "
				       "entry %zu from %s)", db->n, i, db->e[i].source);
	return fg_map_delete_stale(fd, sizeof(struct fg_effects_key), keep_effects, db, err);
}
