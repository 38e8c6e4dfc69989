/* SPDX-License-Identifier: GPL-2.0-only */
/* The pin folder, inside the kernel library (pins.c). */
#ifndef FG_KERNEL_PINS_H
#define FG_KERNEL_PINS_H

#include <stddef.h>

#include <linux/types.h>

#include "kernel/progs.h"
#include "util/err.h"

/* The pin of one of the object's maps, by its name in the BPF object. */
#define FG_PIN(name)	(fg_maps[FG_MAPIDX_##name].pin)

/* dir/name into buf; -ENAMETOOLONG when it does not fit. */
int fg_pin_path(char *buf, size_t len, const char *dir, const char *name);

/* A pinned object; flags 0 to write, BPF_F_RDONLY to read (a sealed guard
 * refuses the first, and outside sealed mode it is a change reported when
 * another program than the loader asks). The fd, or -errno. */
int fg_pinned_fd(const char *dir, const char *name, __u32 flags, struct fg_err *err);

/* Serialise the loader's writers (load, reload, refresh, unload): a
 * refresh must not add devices to a generation a reload is replacing.
 * The locked fd (close it to unlock), or -errno. */
int fg_pins_lock(const char *pin_dir, struct fg_err *err);

/* Remove every entry of a pin folder, then the folder. 0 or the first
 * -errno. */
int fg_pins_remove(const char *dir);

/* The seal map of the guard pinned at dir (read-only: never refused). */
struct fg_seal;
int fg_pins_read_seal(const char *dir, struct fg_seal *seal, struct fg_err *err);

/* The folder's parent is a bpf filesystem. */
int fg_pins_check_bpffs(const char *pin_dir, struct fg_err *err);

#endif /* FG_KERNEL_PINS_H */
