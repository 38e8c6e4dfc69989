// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "host/registry.h"

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
		return fg_err_set(err, -ENOENT,
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

/* dir/name into buf; -ENAMETOOLONG rather than a truncated path. */
static int join(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* Copy with truncation into a fixed-size ABI field. */
static void copy_field(char *dst, size_t len, const char *src)
{
	size_t n = strnlen(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int file_exists(const char *dir, const char *name)
{
	char path[PATH_MAX];

	return !join(path, sizeof(path), dir, name) && access(path, F_OK) == 0;
}

static const char *base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* Basename of the target of dir/link into buf ("" if not a link). */
static void link_base(const char *dir, const char *link, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	n = join(path, sizeof(path), dir, link) ? -1 : readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		n = 0;
	target[n] = '\0';
	copy_field(buf, len, base(target));
}

/* A PCI device's serial number: the Device Serial Number extended
 * capability (ID 0x0003) in config space, which sysfs shows to root. */
static int pci_dsn(const char *pcidir, char *buf, size_t len)
{
	unsigned char cfg[4096];
	char path[PATH_MAX];
	unsigned int off = 0x100, hops = 0;
	ssize_t n;
	int fd;

	if (join(path, sizeof(path), pcidir, "config"))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pread(fd, cfg, sizeof(cfg), 0);
	close(fd);
	while (n >= 0 && off + 12 <= (size_t)n && off >= 0x100 && hops++ < 64) {
		unsigned int hdr = cfg[off] | cfg[off + 1] << 8 | cfg[off + 2] << 16 |
				   (unsigned int)cfg[off + 3] << 24;

		if ((hdr & 0xffff) == 0x0003) {
			snprintf(buf, len, "%02x-%02x-%02x-%02x-%02x-%02x-%02x-%02x",
				 cfg[off + 11], cfg[off + 10], cfg[off + 9], cfg[off + 8],
				 cfg[off + 7], cfg[off + 6], cfg[off + 5], cfg[off + 4]);
			return 0;
		}
		off = hdr >> 20;
		if (!hdr)
			break;
	}
	return -ENOENT;
}

/*
 * Who the node belongs to. The fwctl device's parent is a CXL memdev (cxl),
 * or an auxiliary device of a PCI function (mlx5, bnxt, pds): then the PCI
 * function, the nearest ancestor with a config space, is what a person
 * knows the device by. Driver: the parent's own driver. Serial: the
 * parent's "serial" attribute (CXL memdevs have one), else the PCI DSN.
 */
void fg_registry_parent(const char *nodedir, struct fg_device *dev)
{
	char path[PATH_MAX], real[PATH_MAX], pci[PATH_MAX] = "";
	char serial[FG_SERIAL_LEN + 8] = "";
	int i;
	FILE *f;

	if (join(path, sizeof(path), nodedir, "device") || !realpath(path, real))
		return;
	link_base(real, "driver", dev->driver, sizeof(dev->driver));
	copy_field(path, sizeof(path), real);
	for (i = 0; i < 4 && path[0] && strcmp(path, "/"); i++) {
		if (file_exists(path, "config") && file_exists(path, "vendor")) {
			copy_field(pci, sizeof(pci), path);
			break;
		}
		*strrchr(path, '/') = '\0';
	}
	/* A CXL memdev keeps its own name even when a PCI function is above it. */
	link_base(real, "subsystem", path, sizeof(path));
	copy_field(dev->parent, sizeof(dev->parent),
		   pci[0] && strcmp(path, "cxl") ? base(pci) : base(real));
	f = join(path, sizeof(path), real, "serial") ? NULL : fopen(path, "r");
	if (f) {
		if (fgets(serial, sizeof(serial), f))
			serial[strcspn(serial, "\n")] = '\0';
		fclose(f);
	}
	if (!serial[0] && pci[0])
		pci_dsn(pci, serial, sizeof(serial));
	copy_field(dev->serial, sizeof(dev->serial), serial);
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
		if (!join(path, sizeof(path), sysfs_class, de->d_name))
			fg_registry_parent(path, &di->dev);
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
