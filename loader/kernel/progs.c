// SPDX-License-Identifier: GPL-2.0-only
/* The guard's programs and maps as tables (progs.h). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "kernel/progs.h"
#include "kernel/kfuncs.h"

#define FG_X_PROG_DESC(name, hook, pin, req, n0, n1)	{ #name, hook, pin, req, { n0, n1 } },
#define FG_X_MAP_DESC(name, pin, class)			{ #name, pin, class },

const struct fg_prog_desc fg_progs[FG_NPROGS] = { FG_PROGRAMS(FG_X_PROG_DESC) };
const struct fg_map_desc fg_maps[FG_NMAPS] = { FG_MAPS(FG_X_MAP_DESC) };

/* Names a future kernel might give a hook after its copy of the RPC (an
 * LSM hook of fwctl's own). None exists up to 7.3. */
static const char *const post_copy_hooks[] = {
	"bpf_lsm_fwctl_rpc", "bpf_lsm_fwctl_cmd", "security_fwctl_rpc",
};
#define NPOST	(sizeof(post_copy_hooks) / sizeof(post_copy_hooks[0]))

int fg_progs_available(bool *avail, struct fg_err *err)
{
	const char *names[FG_NPROGS * 2];
	bool found[FG_NPROGS * 2];
	size_t i, n = 0;
	int ret;

	for (i = 0; i < FG_NPROGS; i++) {
		names[n++] = fg_progs[i].needs[0] ? fg_progs[i].needs[0] : "bpf_lsm_file_ioctl";
		names[n++] = fg_progs[i].needs[1] ? fg_progs[i].needs[1] : "bpf_lsm_file_ioctl";
	}
	ret = fg_kernel_funcs(names, n, found, err);
	if (ret)
		return ret;
	for (i = 0; i < FG_NPROGS; i++) {
		/* LSM hooks: the kernel checks them when it loads the program. */
		avail[i] = !fg_progs[i].needs[0] || (found[2 * i] && found[2 * i + 1]);
		if (fg_progs[i].required && !avail[i])
			return fg_errf(err, -EOPNOTSUPP, "the kernel has no %s for %s",
				       fg_progs[i].needs[0], fg_progs[i].name);
	}
	return 0;
}

int fg_post_copy_hook(const char **name, struct fg_err *err)
{
	bool found[NPOST];
	size_t i;
	int ret;

	*name = NULL;
	ret = fg_kernel_funcs(post_copy_hooks, NPOST, found, err);
	if (ret)
		return ret;
	for (i = 0; i < NPOST; i++)
		if (found[i]) {
			*name = post_copy_hooks[i];
			break;
		}
	return 0;
}
