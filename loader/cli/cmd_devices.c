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

int cmd_devices(int argc, char **argv)
{
	static const char usage[] = "devices [--json]";
	static const struct option extra[] = { { "json", no_argument, NULL, 'j' }, {} };
	struct devices_opts o = {};
	struct fg_effects_db db = {};
	struct fg_ops_opts ops;
	struct fg_report *r;
	unsigned int i;
	bool loaded;
	int ret = 1;

	if (cli_parse(argc, argv, NULL, extra, devices_opt, &o, usage))
		return EXIT_USAGE;
	if (optind != argc)
		return cli_fail(EXIT_USAGE, "usage: fwctl-guard %s", usage);
	r = cli_report_new();
	if (!r)
		return 1;
	fg_ops_defaults(&ops);
	loaded = fg_guard_is_loaded(ops.pin_dir);
	if (fg_ops_refresh(&ops, loaded, &db, r)) {
		if (r->devs.n)
			cli_print_device_warnings(&r->devs);
		cli_fail(1, "%s", r->err.msg);
		goto out;
	}
	cli_print_device_warnings(&r->devs);
	if (o.json) {
		struct json_object *arr = json_object_new_array();

		for (i = 0; i < r->devs.n; i++)
			json_object_array_add(arr, device_json(&r->devs.devs[i], &db));
		printf("%s\n", json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(arr);
	} else {
		devices_text(&r->devs, loaded);
	}
	ret = 0;
out:
	cli_report_free(r);
	fg_effects_free(&db);
	return ret;
}
