// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seal of a loaded guard (bpf/seal.bpf.c enforces it): reading it,
 * holding a new policy's `seal` against it, and sealing by a reload.
 */
#include <errno.h>
#include <stdbool.h>

#include <bpf/bpf.h>
#include <unistd.h>

#include "kernel/pins.h"
#include "kernel/seal.h"

/* A policy's `seal` against the running guard's: a sealed guard stays as
 * sealed as it is until reboot; an unsealed one may be sealed by a reload
 * (after the switch: sealed first, the reload could not write). */
int fg_seal_check(const struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	if (seal->mode == FG_SEAL_NONE || seal->mode == want)
		return 0;
	return fg_errf(err, -EPERM, "the running guard is sealed (%s) until reboot; this policy "
		       "says %s: give it the same seal statement",
		       seal->mode == FG_SEAL_ON ? "seal" : "seal reload",
		       want == FG_SEAL_NONE ? "no seal" : want == FG_SEAL_ON ? "seal" :
		       "seal reload");
}

int fg_seal_apply(const char *dir, struct fg_seal *seal, __u8 want, struct fg_err *err)
{
	__u32 zero = 0;
	int fd, ret = 0;

	if (seal->mode == want)
		return 0;
	fd = fg_pinned_fd(dir, FG_PIN(fg_seal), 0, err);
	if (fd < 0)
		return fd;
	seal->mode = want;
	if (bpf_map_update_elem(fd, &zero, seal, BPF_ANY))
		ret = fg_errf(err, -errno, "cannot write the seal map");
	close(fd);
	return ret;
}
