/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard's BPF programs: what each attaches to, where its link is
 * pinned, and which the running kernel can take (tracing programs need
 * their function in the kernel's BTF: a driver that is not built or not
 * loaded has none).
 */
#ifndef FG_GUARD_PROGS_H
#define FG_GUARD_PROGS_H

#include <stdbool.h>

#include "err.h"

struct fg_prog_desc {
	const char *prog;	/* program name in bpf/guard.bpf.c */
	const char *hook;	/* what status calls it */
	const char *pin;	/* its link's pin in the pin folder */
	bool required;		/* load fails without it */
	/* Kernel functions that must exist for it to attach (all of them). */
	const char *needs[2];
};

extern const struct fg_prog_desc fg_progs[];
#define FG_PROGS	17

/* avail[i]: fg_progs[i] can be attached in this kernel. -errno when a
 * required one cannot (or the kernel's BTF cannot be read). */
int fg_progs_available(bool *avail, struct fg_err *err);

/* Hooks after the kernel's copy of an RPC that could decide authoritatively,
 * should a kernel offer one: *name is the first found, NULL if none. */
int fg_post_copy_hook(const char **name, struct fg_err *err);

#endif
