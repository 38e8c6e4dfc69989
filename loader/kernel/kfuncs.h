/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which kernel functions the running kernel has, from its BTF (vmlinux and
 * every loaded module's): what a tracing program can attach to, and
 * whether a hook the guard would rather use exists.
 */
#ifndef FG_KERNEL_FUNCS_H
#define FG_KERNEL_FUNCS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* found[i]: names[i] is a function in the kernel's or a loaded module's
 * BTF. 0, or -errno when the kernel's BTF cannot be read. */
int fg_kernel_funcs(const char *const *names, size_t n, bool *found, struct fg_err *err);

#endif
