// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "registry.h"

int fg_fwctl_major(const char *proc_devices, __u32 *major, struct fg_err *err)
{
	char line[256], name[128];
	int in_char = 0, found = 0;
	unsigned int maj;
	FILE *f;

	f = fopen(proc_devices, "r");
	if (!f)
		return fg_errf(err, -errno, "cannot open %s", proc_devices);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Character devices:", 18)) {
			in_char = 1;
			continue;
		}
		if (!strncmp(line, "Block devices:", 14)) {
			in_char = 0;
			continue;
		}
		if (in_char && sscanf(line, " %u %127s", &maj, name) == 2 &&
		    !strcmp(name, "fwctl")) {
			*major = maj;
			found = 1;
			break;
		}
	}
	fclose(f);
	if (!found)
		return fg_errf(err, -ENOENT,
			       "no 'fwctl' character device in %s: the fwctl core is not loaded "
			       "(modprobe fwctl, or a kernel with CONFIG_FWCTL)", proc_devices);
	return 0;
}

static int read_devtype(const char *node, __u32 *devtype)
{
	struct fg_fwctl_info info = { .size = sizeof(info) };
	int fd, ret = 0;

	fd = open(node, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, FG_FWCTL_INFO, &info))
		ret = -errno;
	else
		*devtype = info.out_device_type < FG_DEVTYPE_MAX ? info.out_device_type
								 : FG_DEVTYPE_UNKNOWN;
	close(fd);
	return ret;
}

static int cmp_minor(const void *a, const void *b)
{
	const struct fg_devinfo *x = a, *y = b;

	return (x->minor > y->minor) - (x->minor < y->minor);
}

int fg_registry_scan(const char *sysfs_class, const char *devdir, struct fg_devlist *out,
		     struct fg_err *err)
{
	struct dirent *de;
	DIR *d;

	out->n = 0;
	out->devs = calloc(FG_REGISTRY_MAX, sizeof(*out->devs));
	if (!out->devs)
		return fg_errf(err, -ENOMEM, "registry");
	d = opendir(sysfs_class);
	if (!d) {
		/* No class directory: fwctl core not loaded, so no devices yet. */
		if (errno == ENOENT)
			return 0;
		fg_devlist_free(out);
		return fg_errf(err, -errno, "cannot open %s", sysfs_class);
	}
	while ((de = readdir(d)) && out->n < FG_REGISTRY_MAX) {
		struct fg_devinfo *di = &out->devs[out->n];
		char path[512], buf[64];
		unsigned int maj, min;
		FILE *f;
		int ok;

		if (de->d_name[0] == '.' || strlen(de->d_name) >= FG_DEVNAME_LEN)
			continue;
		snprintf(path, sizeof(path), "%s/%s/dev", sysfs_class, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		ok = fgets(buf, sizeof(buf), f) && sscanf(buf, "%u:%u", &maj, &min) == 2;
		fclose(f);
		if (!ok)
			continue;
		memset(di, 0, sizeof(*di));
		di->minor = min;
		snprintf(di->dev.name, sizeof(di->dev.name), "%s", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", devdir, de->d_name);
		di->info_err = read_devtype(path, &di->dev.devtype);
		out->n++;
	}
	closedir(d);
	fg_devlist_sort(out);
	return 0;
}

void fg_devlist_sort(struct fg_devlist *list)
{
	qsort(list->devs, list->n, sizeof(*list->devs), cmp_minor);
}

void fg_devlist_free(struct fg_devlist *list)
{
	free(list->devs);
	list->devs = NULL;
	list->n = 0;
}
