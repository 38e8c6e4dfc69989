/* SPDX-License-Identifier: GPL-2.0-only */
/* The seal of a loaded guard, inside the kernel library (seal.c). */
#ifndef FG_KERNEL_SEAL_H
#define FG_KERNEL_SEAL_H

#include <stdbool.h>

#include "fwctl_guard.h"
#include "util/err.h"

/* A policy's `seal` (want) against the running guard's: a sealed guard
 * stays as sealed as it is until reboot (-EPERM saying so); sealing an
 * unsealed one needs fg_seal_ready. */
int fg_seal_check(const struct fg_seal *seal, __u8 want, struct fg_err *err);

/* What the mount hooks need besides the pins' superblock (fg_seal_anchor,
 * loaded with the guard): the initial mount namespace and the BTF id of
 * the map-element iterator target. 0 or -errno. */
int fg_seal_host(struct fg_seal *seal, struct fg_err *err);

/* Can this guard be sealed? The hooks know its bpffs superblock, and that
 * bpffs is mounted in the initial mount namespace (a mount there never
 * goes without a hook; pins only mounted in another namespace would go
 * with it). -EOPNOTSUPP saying why not. */
int fg_seal_ready(const struct fg_seal *seal, struct fg_err *err);

/* Write the seal map through fd (a writable fd to it); once the mode is
 * not FG_SEAL_NONE, freeze it, and with FG_SEAL_ON the config too
 * (config_fd, writable): then no process and no program can change them
 * until reboot. Under `seal reload` the loader may still write the config
 * (a registry refresh writes fwctl's layout). */
int fg_seal_write(int fd, int config_fd, const struct fg_seal *seal, struct fg_err *err);

/* Set the mode (sealing by a reload, after fg_seal_check). */
int fg_seal_apply(const char *dir, struct fg_seal *seal, __u8 want, struct fg_err *err);

#endif /* FG_KERNEL_SEAL_H */
