// SPDX-License-Identifier: GPL-2.0-only
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry.h"

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
