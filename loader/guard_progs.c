// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "guard_progs.h"
#include "kernel_funcs.h"

/* fwctl core: its header check runs in fwctl_cmd_rpc, and the approval
 * ends when fwctl_fops_ioctl returns. The capable hook refuses only inside
 * that span, so it goes with both. */
#define FWCTL_CORE	{ "fwctl_cmd_rpc", "fwctl_fops_ioctl" }

const struct fg_prog_desc fg_progs[] = {
	{ "fg_file_ioctl", "file_ioctl", "link_file_ioctl", true, {} },
	{ "fg_file_ioctl_compat", "file_ioctl_compat", "link_file_ioctl_compat", true, {} },
	{ "fg_uring_cmd", "uring_cmd", "link_uring_cmd", true, {} },
	{ "fg_capable", "capable", "link_capable", false, FWCTL_CORE },
	{ "fg_rpc_header", "fentry fwctl_cmd_rpc", "link_rpc_header", false, FWCTL_CORE },
	{ "fg_rpc_done", "fexit fwctl_fops_ioctl", "link_rpc_done", false, FWCTL_CORE },
	{ "fg_fw_rpc_cxl", "fentry cxlctl_fw_rpc", "link_fw_rpc_cxl", false,
	  { "cxlctl_fw_rpc", "fwctl_fops_ioctl" } },
	{ "fg_fw_rpc_mlx5", "fentry mlx5ctl_fw_rpc", "link_fw_rpc_mlx5", false,
	  { "mlx5ctl_fw_rpc", "fwctl_fops_ioctl" } },
	{ "fg_fw_rpc_bnxt", "fentry bnxtctl_fw_rpc", "link_fw_rpc_bnxt", false,
	  { "bnxtctl_fw_rpc", "fwctl_fops_ioctl" } },
	{ "fg_fw_rpc_pds", "fentry pdsfc_fw_rpc", "link_fw_rpc_pds", false,
	  { "pdsfc_fw_rpc", "fwctl_fops_ioctl" } },
	{ "fg_seal_map", "bpf_map", "link_seal_map", true, {} },
	{ "fg_seal_prog", "bpf_prog", "link_seal_prog", true, {} },
	{ "fg_seal_bpf", "bpf", "link_seal_bpf", true, {} },
	{ "fg_seal_unlink", "inode_unlink", "link_seal_unlink", true, {} },
	{ "fg_seal_rmdir", "inode_rmdir", "link_seal_rmdir", true, {} },
	{ "fg_seal_rename", "inode_rename", "link_seal_rename", true, {} },
	{ "fg_seal_umount", "sb_umount", "link_seal_umount", true, {} },
};
_Static_assert(sizeof(fg_progs) / sizeof(fg_progs[0]) == FG_PROGS, "every program listed");

/* Names a future kernel might give a hook after its copy of the RPC (an
 * LSM hook of fwctl's own). None exists up to 7.3. */
static const char *const post_copy_hooks[] = {
	"bpf_lsm_fwctl_rpc", "bpf_lsm_fwctl_cmd", "security_fwctl_rpc",
};
#define NPOST	(sizeof(post_copy_hooks) / sizeof(post_copy_hooks[0]))

int fg_progs_available(bool *avail, struct fg_err *err)
{
	const char *names[FG_PROGS * 2];
	bool found[FG_PROGS * 2];
	size_t i, n = 0;
	int ret;

	for (i = 0; i < FG_PROGS; i++) {
		names[n++] = fg_progs[i].needs[0] ? fg_progs[i].needs[0] : "bpf_lsm_file_ioctl";
		names[n++] = fg_progs[i].needs[1] ? fg_progs[i].needs[1] : "bpf_lsm_file_ioctl";
	}
	ret = fg_kernel_funcs(names, n, found, err);
	if (ret)
		return ret;
	for (i = 0; i < FG_PROGS; i++) {
		/* LSM hooks: the kernel checks them when it loads the program. */
		avail[i] = !fg_progs[i].needs[0] || (found[2 * i] && found[2 * i + 1]);
		if (fg_progs[i].required && !avail[i])
			return fg_errf(err, -EOPNOTSUPP, "the kernel has no %s for %s",
				       fg_progs[i].needs[0], fg_progs[i].prog);
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
