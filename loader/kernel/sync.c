// SPDX-License-Identifier: GPL-2.0-only
/* The registry map made equal to what the loader found (sync.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "kernel/sync.h"
#include "policy/lower.h"

/* The device's CXL features (per-device effects entries of db), as many as
 * the entry holds. */
static void put_features(struct fg_device *d, __u32 minor, const struct fg_effects_db *db)
{
	size_t i;

	d->nfeat = 0;
	for (i = 0; db && i < db->n && d->nfeat < FG_DEV_FEATURES; i++) {
		const struct fg_effects_entry *e = &db->e[i];

		if (e->key.minor != minor || e->key.devtype != FG_DEVTYPE_CXL)
			continue;
		memcpy(d->feat[d->nfeat].uuid, e->key.uuid, 16);
		d->feat[d->nfeat].effects = e->val.effects;
		d->feat[d->nfeat].flags = e->val.feat_flags;
		d->nfeat++;
	}
}

int fg_sync_registry(int fd, const struct fg_devlist *devices, const struct fg_effects_db *db,
		     const struct fg_gen *g, struct fg_err *err)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	struct fg_device *old, *now;
	__u32 *keys, count = FG_MAX_MINORS, m, n, out;
	unsigned int i;
	int ret = 0;

	keys = malloc(FG_MAX_MINORS * sizeof(*keys));
	old = calloc(FG_MAX_MINORS, sizeof(*old));
	now = calloc(FG_MAX_MINORS, sizeof(*now));
	if (!keys || !old || !now) {
		ret = fg_errf(err, -ENOMEM, "the registry");
		goto out;
	}
	if (bpf_map_lookup_batch(fd, NULL, &out, keys, old, &count, &opts) && errno != ENOENT) {
		ret = fg_errf(err, -errno, "cannot read the device map");
		goto out;
	}
	for (i = 0; i < devices->n; i++) {
		const struct fg_devinfo *di = &devices->devs[i];
		struct fg_device *d;

		if (di->minor >= FG_MAX_MINORS)
			continue;
		d = &now[di->minor];
		*d = di->dev;
		/* The running generation's view of a device it knows stays. */
		memset(d->sel, 0, sizeof(d->sel));
		if (!strncmp(old[di->minor].name, d->name, sizeof(d->name)) &&
		    old[di->minor].devtype == d->devtype)
			memcpy(d->sel, old[di->minor].sel, sizeof(d->sel));
		if (g)
			fg_gen_devsel(g, d, &d->sel[g->hdr.gen & 1]);
		put_features(d, di->minor, db);
	}
	/* Only the entries that change: a registry of a few devices is a
	 * few writes, not FG_MAX_MINORS. The changed ones are packed at the
	 * front of now, their minors in keys. */
	count = 0;
	for (m = 0; m < FG_MAX_MINORS; m++) {
		if (!memcmp(&old[m], &now[m], sizeof(now[m])))
			continue;
		keys[count] = m;
		if (count != m)
			now[count] = now[m];
		count++;
	}
	n = count;
	if (n && bpf_map_update_batch(fd, keys, now, &count, &opts))
		ret = fg_errf(err, -errno, "cannot write the device map (%u of %u entries)", count,
			      n);
out:
	free(keys);
	free(old);
	free(now);
	return ret;
}
