/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard in the kernel: load (stage, attach, pin), unload, read state,
 * and open the event ring buffer. Everything lives under one bpffs folder so
 * that enforcement outlives the loader process.
 */
#ifndef FG_GUARD_H
#define FG_GUARD_H

#include <stdbool.h>

#include "effects_table.h"
#include "err.h"
#include "fwctl_guard.h"
#include "guard_progs.h"
#include "policy_ir.h"
#include "registry.h"

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
	struct fg_link_state links[FG_PROGS];	/* per fg_progs[] */
	struct fg_seal seal;
	struct fg_devlist devices;	/* from the pinned registry map */
	__u64 events_produced;		/* seq of the last event */
	struct fg_daemon_stat daemon;	/* what the event daemon last wrote */
};

/* Load and attach with this policy (generation 1), registry and effects.
 * Fails with -EEXIST when a guard is already pinned; leaves nothing behind
 * on failure. */
int fg_guard_load(const char *pin_dir, const struct fg_program *prog, __u32 fwctl_major,
		  const struct fg_devlist *devices, const struct fg_effects_db *effects,
		  struct fg_err *err);

/* Replace the running policy: build the next generation completely, switch
 * to it with one map update, then refresh the registry. On any failure
 * before the switch the running generation stays, untouched. *gen: the new
 * generation's number. */
int fg_guard_reload(const char *pin_dir, const struct fg_program *prog,
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

/* Remove every pin; the programs detach when their links are gone.
 * -ENOENT when nothing is loaded. */
int fg_guard_unload(const char *pin_dir, struct fg_err *err);

bool fg_guard_is_loaded(const char *pin_dir);

/* Read the pinned state; free with fg_state_free. -ENOENT if not loaded. */
int fg_guard_state(const char *pin_dir, struct fg_state *st, struct fg_err *err);
void fg_state_free(struct fg_state *st);

/* The pinned maps event readers use (event_source.h); -1 where not open. */
struct fg_event_maps {
	int ring;		/* ring buffer of struct fg_event */
	int seq;		/* the last seq produced */
	int recent;		/* the last FG_RECENT_EVENTS events */
	int stats;		/* per-CPU counters (events lost) */
	int daemon;		/* struct fg_daemon_stat */
	int gens;		/* the active generation (policy name) */
};

int fg_guard_event_maps(const char *pin_dir, struct fg_event_maps *m, struct fg_err *err);
void fg_event_maps_close(struct fg_event_maps *m);

#endif
