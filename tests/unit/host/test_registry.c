// SPDX-License-Identifier: GPL-2.0-only
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/registry.h"

static char dir[] = "/tmp/fg-registry-XXXXXX";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static const char proc_devices[] =
	"Character devices:\n  1 mem\n  4 tty\n 10 misc\n240 fwctlx\n241 fwctl\n"
	"\nBlock devices:\n  7 loop\n242 fwctl\n";

Test(registry, major_from_proc_devices, .init = setup, .fini = teardown)
{
	char path[256];
	__u32 major = 0;

	write_file("devices", proc_devices);
	snprintf(path, sizeof(path), "%s/devices", dir);
	cr_assert_eq(fg_fwctl_major(path, &major, NULL), 0);
	cr_expect_eq(major, 241);
}

Test(registry, major_absent_is_a_clear_error, .init = setup, .fini = teardown)
{
	struct fg_err err = {};
	char path[256];
	__u32 major = 0;

	/* "fwctl" only among block devices does not count. */
	write_file("devices", "Character devices:\n  1 mem\n\nBlock devices:\n 9 fwctl\n");
	snprintf(path, sizeof(path), "%s/devices", dir);
	cr_assert_eq(fg_fwctl_major(path, &major, &err), -ENOENT);
	cr_expect(strstr(err.msg, "fwctl core is not loaded"), "%s", err.msg);
}

Test(registry, scan_lists_nodes_sorted_with_errors, .init = setup, .fini = teardown)
{
	struct fg_devlist list;
	char cls[256], devdir[256];
	int i;

	snprintf(cls, sizeof(cls), "%s/class", dir);
	snprintf(devdir, sizeof(devdir), "%s/dev", dir);
	cr_assert_eq(mkdir(cls, 0755), 0);
	for (i = 0; i < 3; i++) {
		char sub[64], dev[32];
		int minor = (i * 7 + 5) % 11;

		snprintf(sub, sizeof(sub), "class/fwctl%d", minor);
		snprintf(dev, sizeof(dev), "241:%d\n", minor);
		snprintf(cls, sizeof(cls), "%s/%s", dir, sub);
		cr_assert_eq(mkdir(cls, 0755), 0);
		strcat(sub, "/dev");
		write_file(sub, dev);
	}
	snprintf(cls, sizeof(cls), "%s/class", dir);
	cr_assert_eq(fg_registry_scan(cls, devdir, &list, NULL), 0);
	cr_assert_eq(list.n, 3);
	cr_expect_eq(list.devs[0].minor, 1);
	cr_expect_eq(list.devs[1].minor, 5);
	cr_expect_eq(list.devs[2].minor, 8);
	cr_expect_str_eq(list.devs[1].dev.name, "fwctl5");
	/* No node to open: listed, type unknown, with the error. */
	cr_expect_eq(list.devs[1].info_err, -ENOENT);
	cr_expect_eq(list.devs[1].dev.devtype, FG_DEVTYPE_UNKNOWN);
	fg_devlist_free(&list);
}

Test(registry, no_class_dir_means_no_devices, .init = setup, .fini = teardown)
{
	struct fg_devlist list;
	char cls[256];

	snprintf(cls, sizeof(cls), "%s/absent", dir);
	cr_assert_eq(fg_registry_scan(cls, "/dev/fwctl", &list, NULL), 0);
	cr_expect_eq(list.n, 0);
	fg_devlist_free(&list);
}

static void mk(const char *rel)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "mkdir -p %s/%s", dir, rel);
	cr_assert_eq(system(cmd), 0);
}

static void ln(const char *target, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	cr_assert_eq(symlink(target, path), 0, "%s", path);
}

Test(registry, parent_of_an_auxiliary_device_is_its_pci_function, .init = setup,
     .fini = teardown)
{
	struct fg_device dev = {};
	char node[256];

	mk("sys/devices/pci0000:00/0000:3b:00.0/mlx5_core.fwctl.0");
	mk("sys/bus/auxiliary/drivers/mlx5_fwctl");
	mk("sys/class/fwctl/fwctl3");
	write_file("sys/devices/pci0000:00/0000:3b:00.0/config", "");
	write_file("sys/devices/pci0000:00/0000:3b:00.0/vendor", "0x15b3\n");
	ln("../../../../bus/auxiliary/drivers/mlx5_fwctl",
	   "sys/devices/pci0000:00/0000:3b:00.0/mlx5_core.fwctl.0/driver");
	ln("../../../devices/pci0000:00/0000:3b:00.0/mlx5_core.fwctl.0",
	   "sys/class/fwctl/fwctl3/device");
	snprintf(node, sizeof(node), "%s/sys/class/fwctl/fwctl3", dir);
	fg_registry_parent(node, &dev);
	cr_expect_str_eq(dev.parent, "0000:3b:00.0");
	cr_expect_str_eq(dev.driver, "mlx5_fwctl");
	cr_expect_str_eq(dev.serial, "", "an empty config space has no DSN");
}

Test(registry, cxl_memdev_keeps_its_name_and_serial, .init = setup, .fini = teardown)
{
	struct fg_device dev = {};
	char node[256];

	mk("sys/devices/pci0000:00/0000:35:00.0/mem0");
	mk("sys/bus/cxl/drivers/cxl_mem");
	mk("sys/class/fwctl/fwctl0");
	write_file("sys/devices/pci0000:00/0000:35:00.0/config", "");
	write_file("sys/devices/pci0000:00/0000:35:00.0/vendor", "0x8086\n");
	write_file("sys/devices/pci0000:00/0000:35:00.0/mem0/serial", "0x8a34567890abcdef\n");
	ln("../../../../bus/cxl", "sys/devices/pci0000:00/0000:35:00.0/mem0/subsystem");
	ln("../../../../bus/cxl/drivers/cxl_mem", "sys/devices/pci0000:00/0000:35:00.0/mem0/driver");
	ln("../../../devices/pci0000:00/0000:35:00.0/mem0", "sys/class/fwctl/fwctl0/device");
	snprintf(node, sizeof(node), "%s/sys/class/fwctl/fwctl0", dir);
	fg_registry_parent(node, &dev);
	cr_expect_str_eq(dev.parent, "mem0");
	cr_expect_str_eq(dev.driver, "cxl_mem");
	cr_expect_str_eq(dev.serial, "0x8a34567890abcdef");
}
