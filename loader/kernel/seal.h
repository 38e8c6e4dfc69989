/* SPDX-License-Identifier: GPL-2.0-only */
/* The seal of a loaded guard, inside the kernel library (seal.c). */
#ifndef FG_KERNEL_SEAL_H
#define FG_KERNEL_SEAL_H

#include <stdbool.h>

#include "fwctl_guard.h"
#include "util/err.h"

/* A policy's `seal` (want) against the running guard's: a sealed guard
 * stays as sealed as it is until reboot. -EPERM saying so. */
int fg_seal_check(const struct fg_seal *seal, __u8 want, struct fg_err *err);

/* Set the mode (sealing by a reload). */
int fg_seal_apply(const char *dir, struct fg_seal *seal, __u8 want, struct fg_err *err);

#endif /* FG_KERNEL_SEAL_H */
