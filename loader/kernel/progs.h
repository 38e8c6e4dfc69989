/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard's BPF objects as tables, from the name lists of
 * include/fwctl_guard_names.h: each program's hook, link pin and needs,
 * each map's pin and class; and which programs the running kernel can take
 * (tracing programs need their function in the kernel's BTF: a driver that
 * is not built or not loaded has none).
 */
#ifndef FG_KERNEL_PROGS_H
#define FG_KERNEL_PROGS_H

#include <stdbool.h>

#include "fwctl_guard_names.h"
#include "util/err.h"

struct fg_prog_desc {
	const char *name;	/* the program's name in the BPF object */
	const char *hook;	/* what status calls it */
	const char *pin;	/* its link's pin in the pin folder */
	bool required;		/* load fails without it */
	/* Kernel functions that must exist for it to attach (all of them). */
	const char *needs[2];
};

struct fg_map_desc {
	const char *name;	/* the map's name in the BPF object and the kernel */
	const char *pin;	/* its pin in the pin folder */
	enum fg_map_class class;
};

extern const struct fg_prog_desc fg_progs[FG_NPROGS];
extern const struct fg_map_desc fg_maps[FG_NMAPS];

/* avail[i]: fg_progs[i] can be attached in this kernel. -errno when a
 * required one cannot (or the kernel's BTF cannot be read). */
int fg_progs_available(bool *avail, struct fg_err *err);

/* Hooks after the kernel's copy of an RPC that could decide authoritatively,
 * should a kernel offer one: *name is the first found, NULL if none. */
int fg_post_copy_hook(const char **name, struct fg_err *err);

#endif /* FG_KERNEL_PROGS_H */
