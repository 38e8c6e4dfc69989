// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/cxl_features.h"
#include "host/inventory.h"

void fg_inventory_defaults(struct fg_inventory_opts *o)
{
	*o = (struct fg_inventory_opts){
		.sysfs_class = "/sys/class/fwctl",
		.devdir = "/dev/fwctl",
		.effects_dir = FG_EFFECTS_DIR,
		.site_dir = FG_SITE_EFFECTS_DIR,
	};
}

/* The site's folder, when there is one and it is not the shipped one. */
static bool site_dir(const struct fg_inventory_opts *o)
{
	struct stat st;

	return o->site_dir && (!o->effects_dir || strcmp(o->site_dir, o->effects_dir)) &&
	       !stat(o->site_dir, &st) && S_ISDIR(st.st_mode);
}

int fg_inventory_tables(const struct fg_inventory_opts *o, struct fg_effects_db *db,
			struct fg_diag *diag)
{
	unsigned int i;
	int ret;

	ret = fg_effects_load_dir(o->effects_dir, db, diag);
	if (!ret && site_dir(o))
		ret = fg_effects_load_dir(o->site_dir, db, diag);
	for (i = 0; !ret && i < o->nsite; i++)
		ret = fg_effects_parse_file(o->site_tables[i], db, diag);
	return ret;
}

static int read_cxl(const char *devdir, struct fg_devinfo *di, struct fg_effects_db *db)
{
	struct fg_cxl_feature *feats = NULL;
	char path[512];
	size_t n = 0;
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s", devdir, di->dev.name);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = fg_cxl_read_features(fd, &feats, &n);
	close(fd);
	if (!ret)
		ret = fg_cxl_effects_put(db, di->minor, di->dev.name, feats, n);
	di->nfeatures = n;
	free(feats);
	return ret;
}

int fg_inventory_devices(const struct fg_inventory_opts *o, struct fg_devlist *devs,
			 struct fg_effects_db *db, struct fg_err *err)
{
	unsigned int i;
	int ret;

	ret = fg_registry_scan(o->sysfs_class, o->devdir, devs, err);
	if (ret)
		return ret;
	for (i = 0; i < devs->n; i++) {
		struct fg_devinfo *di = &devs->devs[i];

		if (di->dev.devtype == FG_DEVTYPE_CXL && !di->info_err)
			di->effects_err = read_cxl(o->devdir, di, db);
		if (di->effects_err == -ENOMEM)
			return fg_errf(err, -ENOMEM, "effects of %s", di->dev.name);
	}
	return 0;
}
