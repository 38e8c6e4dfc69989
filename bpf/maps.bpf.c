// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: the one definition of each map of the object (maps.bpf.h
 * describes them; the other program files declare them) and the licence.
 * No programs here.
 */
#include "maps.bpf.h"
#include "fwctl_guard_names.h"

char LICENSE[] SEC("license") = "GPL";

#define FG_X_DEFINE_MAP(name, type)	struct type name SEC(".maps");
FG_BPF_MAPS(FG_X_DEFINE_MAP)

/* Every map include/fwctl_guard_names.h lists is defined here, under a
 * name the kernel keeps whole (15 characters). */
#define FG_CHECK_MAP(name, pin, class)						\
	_Static_assert(sizeof(name) > 0 && sizeof(#name) <= 16, #name);
FG_MAPS(FG_CHECK_MAP)
