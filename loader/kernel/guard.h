/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard in the kernel, as the loader's operations see it: load (stage,
 * attach, pin), reload and refresh (staging and swap), unload, and reading
 * the state back. Everything lives under one bpffs folder so that
 * enforcement outlives the loader process. Takes a lowered generation
 * image (policy/lower.h), the registry and the effects entries; knows
 * nothing of the policy language.
 */
#ifndef FG_KERNEL_GUARD_H
#define FG_KERNEL_GUARD_H

#include <stdbool.h>

#include "fwctl_guard.h"
#include "host/effects_table.h"
#include "host/registry.h"
#include "kernel/progs.h"
#include "policy/lower.h"
#include "util/err.h"

#define FG_PIN_DIR	"/sys/fs/bpf/fwctl-guard"

struct fg_link_state {
	bool pinned;
	__u32 link_id;
	__u32 prog_id;
};

struct fg_rule_state {
	struct fg_rule_info info;
	struct fg_rule_stat stat;	/* summed over CPUs */
};

struct fg_state {
	struct fg_config config;
	bool has_gen;			/* false: no generation installed */
	struct fg_gen_header hdr;	/* the active generation */
	struct fg_rule_state *rules;	/* hdr.nrules of them */
	size_t nrules;
	__u64 stats[FG_STAT_MAX];	/* summed over CPUs */
	struct fg_link_state links[FG_NPROGS];	/* per fg_progs[] */
	struct fg_seal seal;
	struct fg_devlist devices;	/* from the pinned registry map */
	__u64 events_produced;		/* seq of the last event */
	struct fg_daemon_stat daemon;	/* what the event daemon last wrote */
};

/* Load and attach with img as generation 1 (its header's seal is written
 * last), the registry and the effects. avail[FG_NPROGS] gets which
 * programs this kernel could take (tracing programs whose functions it
 * lacks are left out); *cfg_flags the fg_config.flags it wrote (what was
 * loaded in a reduced form, FG_CFG_*). Fails with -EEXIST when a guard is already pinned;
 * leaves nothing behind on failure. */
int fg_guard_load(const char *pin_dir, struct fg_gen_image *img, __u32 fwctl_ops_off,
		  __u32 ring_bytes,
		  const struct fg_devlist *devices, const struct fg_effects_db *effects,
		  bool *avail, __u32 *cfg_flags, struct fg_err *err);

/* Replace the running policy with img: stage the next generation
 * completely (its number written into img), switch to it with one map
 * update, then refresh the registry. On any failure before the switch the
 * running generation stays, untouched. *gen: the new generation's number
 * (0 while nothing was switched). */
int fg_guard_reload(const char *pin_dir, struct fg_gen_image *img,
		    const struct fg_devlist *devices, const struct fg_effects_db *effects,
		    __u64 *gen, struct fg_err *err);

/* Bring the pinned registry, the active generation's device vectors and
 * the per-device (CXL) effects up to date: write every device and its
 * entries, drop those of devices no longer present. The effects tables'
 * entries stay as loaded (unload and load to change them). */
int fg_guard_refresh(const char *pin_dir, const struct fg_devlist *devices,
		     const struct fg_effects_db *effects, struct fg_err *err);

/* Let process tgid (0: nobody) read CXL features through the guard
 * (Get Supported Features at the configuration scope only). */
int fg_guard_set_loader(const char *pin_dir, __u32 tgid, struct fg_err *err);

/* fwctl_device's ops offset as fwctl's BTF gives it (0: none, the
 * programs compute it), written to the config map when it differs;
 * *changed says whether it did. */
int fg_guard_set_layout(const char *pin_dir, __u32 ops_off, bool *changed, struct fg_err *err);

/* Remove every pin; the programs detach when their links are gone.
 * -ENOENT when nothing is loaded. */
int fg_guard_unload(const char *pin_dir, struct fg_err *err);

bool fg_guard_is_loaded(const char *pin_dir);

/* Read the pinned state; free with fg_state_free. -ENOENT if not loaded. */
int fg_guard_state(const char *pin_dir, struct fg_state *st, struct fg_err *err);
void fg_state_free(struct fg_state *st);

#endif /* FG_KERNEL_GUARD_H */
