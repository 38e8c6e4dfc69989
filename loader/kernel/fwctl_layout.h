/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where struct fwctl_device keeps its ops, which the guard's programs read
 * to learn a fwctl file's device type (bpf/fwctl_file.bpf.h). The programs
 * compute it from the sizes of the members before it, all vmlinux types;
 * when fwctl's own BTF is present (fwctl.ko loaded: /sys/kernel/btf/fwctl,
 * or built in: vmlinux) this checks that computation against it.
 */
#ifndef FG_KERNEL_FWCTL_LAYOUT_H
#define FG_KERNEL_FWCTL_LAYOUT_H

#include <stdbool.h>

#include <linux/types.h>

#include "util/err.h"

struct fg_fwctl_layout {
	__u32 computed;		/* from vmlinux's type sizes, as the programs do */
	__u32 btf;		/* from fwctl's BTF; 0: no BTF has the type */
	char btf_from[64];	/* which BTF: "vmlinux", "fwctl module" */
};

/* 0, or -errno when vmlinux's BTF cannot be read (err says why). */
int fg_fwctl_layout(struct fg_fwctl_layout *l, struct fg_err *err);

/* The offset the programs should use: fwctl's BTF when it has one. */
static inline __u32 fg_fwctl_layout_ops_off(const struct fg_fwctl_layout *l)
{
	return l->btf ? l->btf : 0;
}

#endif /* FG_KERNEL_FWCTL_LAYOUT_H */
