// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard devices: the fwctl nodes with their parents and, for CXL,
 * their features. With a guard loaded this is also the registry refresh: a
 * node that appeared since load (judged as an unknown device until now)
 * gets its type and effects, and a node that went away is dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "kernel/guard.h"
#include "util/names.h"

struct devices_opts {
	bool json;
};

static int devices_opt(int c, const char *arg, void *ctx)
{
	struct devices_opts *o = ctx;

	(void)arg;
	if (c != 'j')
		return -1;
	o->json = true;
	return 0;
}

static struct json_object *device_json(const struct fg_devinfo *di, const struct fg_effects_db *db)
{
	struct json_object *o = json_object_new_object(), *feats, *f, *fx;
	char uuid[37];
	size_t i;
	int b;

	json_object_object_add(o, "minor", json_object_new_int64(di->minor));
	json_object_object_add(o, "name", json_object_new_string(di->dev.name));
	json_object_object_add(o, "type", json_object_new_string(fg_devtype_name(di->dev.devtype)));
	json_object_object_add(o, "parent", json_object_new_string(di->dev.parent));
	json_object_object_add(o, "driver", json_object_new_string(di->dev.driver));
	json_object_object_add(o, "serial", json_object_new_string(di->dev.serial));
	if (di->info_err)
		json_object_object_add(o, "info_error",
				       json_object_new_string(strerror(-di->info_err)));
	if (di->dev.devtype != FG_DEVTYPE_CXL)
		return o;
	if (di->effects_err)
		json_object_object_add(o, "features_error",
				       json_object_new_string(strerror(-di->effects_err)));
	feats = json_object_new_array();
	for (i = 0; i < db->n; i++) {
		const struct fg_effects_entry *e = &db->e[i];
		const char *name = fg_cxl_feature_name(e->key.uuid);

		if (e->key.minor != di->minor || e->key.devtype != FG_DEVTYPE_CXL)
			continue;
		f = json_object_new_object();
		fg_uuid_format(e->key.uuid, uuid);
		json_object_object_add(f, "uuid", json_object_new_string(uuid));
		json_object_object_add(f, "name", name ? json_object_new_string(name) : NULL);
		json_object_object_add(f, "changeable", json_object_new_boolean(
			e->val.feat_flags & FG_CXL_FEAT_CHANGEABLE));
		fx = json_object_new_array();
		for (b = 0; b < FG_EFFECT_MAX; b++)
			if (e->val.effects & FG_EFFECT_BIT(b))
				json_object_array_add(fx, json_object_new_string(fg_effect_name(b)));
		json_object_object_add(f, "set_feature_effects", fx);
		json_object_array_add(feats, f);
	}
	json_object_object_add(o, "features", feats);
	return o;
}

static void devices_text(const struct fg_devlist *devs, bool loaded)
{
	unsigned int i;

	for (i = 0; i < devs->n; i++) {
		const struct fg_devinfo *di = &devs->devs[i];

		printf("%-8s minor %-4u type %-7s parent %s driver %s serial %s",
		       di->dev.name, di->minor, fg_devtype_name(di->dev.devtype),
		       di->dev.parent[0] ? di->dev.parent : "-",
		       di->dev.driver[0] ? di->dev.driver : "-",
		       di->dev.serial[0] ? di->dev.serial : "-");
		if (di->dev.devtype == FG_DEVTYPE_CXL && !di->effects_err)
			printf(" features %u", di->nfeatures);
		printf("\n");
	}
	if (loaded)
		printf("registry refreshed: %u device%s\n", devs->n, devs->n == 1 ? "" : "s");
}

/*
 * Why there is no fwctl node: no fwctl core (and whether this kernel has
 * it as a module), or a core no driver has given a device.
 */
static void why_none(const char *sysfs_class)
{
	char path[512], line[512];
	struct utsname u;
	bool module = false;
	FILE *f;

	if (!access(sysfs_class, F_OK)) {
		fprintf(stderr, "fwctl-guard: no fwctl devices: the fwctl core is loaded but no "
			"driver has registered a device (mlx5_fwctl, cxl_core, bnxt_fwctl, "
			"pds_fwctl)\n");
		return;
	}
	if (!uname(&u)) {
		snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
		f = fopen(path, "re");
		while (f && !module && fgets(line, sizeof(line), f)) {
			/* "kernel/drivers/fwctl/fwctl.ko.xz: deps..." */
			line[strcspn(line, ":")] = '\0';
			module = strstr(line, "/fwctl.ko") != NULL;
		}
		if (f)
			fclose(f);
	}
	if (module)
		fprintf(stderr, "fwctl-guard: no fwctl devices: the fwctl module is not loaded "
			"(%s does not exist; 'modprobe fwctl' and a driver's module)\n", sysfs_class);
	else
		fprintf(stderr, "fwctl-guard: no fwctl devices: this kernel has no fwctl (%s does "
			"not exist and no fwctl module is installed: CONFIG_FWCTL)\n", sysfs_class);
}

static int devices_run(int argc, char **argv)
{
	static const struct option extra[] = { { "json", no_argument, NULL, 'j' }, {} };
	struct devices_opts o = {};
	struct fg_effects_db db = {};
	struct fg_ops_opts ops;
	struct fg_report *r;
	unsigned int i;
	int loaded;
	int ret = 1;

	if (cli_parse(&cmd_devices, argc, argv, NULL, extra, devices_opt, &o))
		return EXIT_USAGE;
	cli_ops_defaults(&ops);
	/* A guard that cannot be looked at is not refreshed: said, not fatal. */
	loaded = cli_guard_pinned(ops.pin_dir);
	if (loaded < 0)
		fprintf(stderr, "fwctl-guard: warning: cannot look for a guard at %s (%s): its "
			"registry is not refreshed\n", ops.pin_dir, strerror(-loaded));
	r = cli_report_new();
	if (!r)
		return 1;
	if (fg_ops_refresh(&ops, loaded > 0, &db, r)) {
		if (r->devs.n)
			cli_print_device_warnings(&r->devs);
		cli_fail(1, "%s", r->err.msg);
		goto out;
	}
	cli_print_device_warnings(&r->devs);
	if (r->layout_updated)
		fprintf(stderr, "fwctl-guard: fwctl's BTF is loaded now: the guard reads device "
			"types at ops offset %u\n", fg_fwctl_layout_ops_off(&r->layout));
	if (!r->devs.n)
		why_none(ops.inv.sysfs_class);
	if (o.json) {
		struct json_object *arr = json_object_new_array();

		for (i = 0; i < r->devs.n; i++)
			json_object_array_add(arr, device_json(&r->devs.devs[i], &db));
		cli_print_json(arr);
	} else {
		devices_text(&r->devs, loaded > 0);
	}
	ret = 0;
out:
	cli_report_free(r);
	fg_effects_free(&db);
	return ret;
}

static const struct cli_opt_help devices_opts[] = {
	{ "-j, --json", "a JSON array of the nodes, CXL features included" },
	{ NULL },
};

const struct command cmd_devices = {
	.name = "devices",
	.no_operands = true,
	.usage = "[--json]",
	.summary = "list fwctl nodes, parents, CXL features; refresh the registry",
	.description = "List the fwctl nodes with their type, parent, driver, serial and, for\n"
		       "CXL, their features and Set Feature effects; when there are none, say\n"
		       "why (no fwctl core, no device). With a guard loaded this also refreshes\n"
		       "its device registry: a node bound since the load is added.",
	.opts = devices_opts,
	.examples = "fwctl-guard devices\n"
		    "fwctl-guard devices --json",
	.exit_status = "0 listed (none included), 1 failure, 2 usage error",
	.run = devices_run,
};
