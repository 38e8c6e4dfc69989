/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The names that cross the BPF/userspace boundary, defined once: the
 * guard's maps (their names in the BPF object and the kernel, their pins,
 * and how a sealed guard lets them be written) and its programs (the hook
 * each attaches to, the pin of its link, whether a load needs it, and the
 * kernel functions it needs). The BPF side builds its map classes from
 * FG_MAPS (bpf/seal.bpf.c); the loader builds its tables from these lists
 * and the skeleton's fields (loader/kernel/objects.c), so that a name
 * missing on either side fails the build.
 */
#ifndef FWCTL_GUARD_NAMES_H
#define FWCTL_GUARD_NAMES_H

/* How a sealed guard lets a map be written (bpf/seal.bpf.c). */
enum fg_map_class {
	FG_MAP_FOREIGN = 0,	/* not the guard's */
	FG_MAP_REPORTING,	/* ring buffer, daemon status: the event daemon */
	FG_MAP_POLICY,		/* what a reload writes */
	FG_MAP_FIXED,		/* never, once sealed (the loader reads it) */
	FG_MAP_PRIVATE,		/* per-task state: no fd for anyone, once sealed */
};

/* Every map name starts with this: the self-protection hooks recognise
 * the guard's maps by it. At most 15 characters (BPF_OBJ_NAME_LEN). */
#define FG_MAP_PREFIX		"fg_"

/* X(name, pin, class): the pinned maps of the BPF object. */
#define FG_MAPS(X)						\
	X(fg_gens,	 "map_gens",	   FG_MAP_POLICY)	\
	X(fg_config,	 "map_config",	   FG_MAP_POLICY)	\
	X(fg_rule_stats, "map_rule_stats", FG_MAP_POLICY)	\
	X(fg_devices,	 "map_devices",	   FG_MAP_POLICY)	\
	X(fg_events,	 "map_events",	   FG_MAP_REPORTING)	\
	X(fg_stats,	 "map_stats",	   FG_MAP_FIXED)	\
	X(fg_rules,	 "map_rules",	   FG_MAP_POLICY)	\
	X(fg_loader,	 "map_loader",	   FG_MAP_POLICY)	\
	X(fg_event_seq,	 "map_event_seq",  FG_MAP_FIXED)	\
	X(fg_recent,	 "map_recent",	   FG_MAP_FIXED)	\
	X(fg_daemon,	 "map_daemon",	   FG_MAP_REPORTING)	\
	X(fg_seal,	 "map_seal",	   FG_MAP_FIXED)

/* The policy generations the loader creates (inner maps of fg_gens). */
#define FG_GEN_MAP_NAME		"fg_gen"
/* Created mmap-able (BPF_F_MMAPABLE, 1 << 10): the loader writes the used
 * part of a generation through a mapping rather than copying the whole
 * value through the kernel, then freezes it. bpf/maps.bpf.h's template
 * has the same flags (the kernel compares them at each swap). */
#define FG_GEN_MAP_FLAGS	(1u << 10)
#define FG_GEN_MAP_CLASS	FG_MAP_POLICY
/* Maps of the object that are not pinned (per-task state) are PRIVATE. */

/*
 * X(name, hook, pin, required, need0, need1): the programs, in the order
 * status lists them. hook: what status calls it; required: a load fails
 * without it; need0/need1: kernel functions (in vmlinux or a loaded
 * module's BTF) that must exist for it to attach, NULL for none; need0 is
 * the one status names when the program is left out (its own function).
 *
 * fwctl core: its header check runs in fwctl_cmd_rpc and the approval
 * ends when fwctl_fops_ioctl returns, so both go with both functions. The
 * capable hook needs neither: an LSM hook of the kernel's own, it refuses
 * only while the running syscall is the approved ioctl (bpf_task_pt_regs),
 * so it is attached also when fwctl.ko loads after the guard.
 */
#define FG_PROGRAMS(X)									\
	X(fg_file_ioctl, "file_ioctl", "link_file_ioctl", 1, NULL, NULL)		\
	X(fg_file_ioctl_compat, "file_ioctl_compat", "link_file_ioctl_compat", 1,	\
	  NULL, NULL)									\
	X(fg_uring_cmd, "uring_cmd", "link_uring_cmd", 1, NULL, NULL)			\
	X(fg_capable, "capable", "link_capable", 0, NULL, NULL)			\
	X(fg_rpc_header, "fentry fwctl_cmd_rpc", "link_rpc_header", 0,			\
	  "fwctl_cmd_rpc", "fwctl_fops_ioctl")						\
	X(fg_rpc_done, "fexit fwctl_fops_ioctl", "link_rpc_done", 0,			\
	  "fwctl_fops_ioctl", "fwctl_cmd_rpc")						\
	FG_FW_RPC_PROG(X, cxl, cxlctl_fw_rpc)						\
	FG_FW_RPC_PROG(X, mlx5, mlx5ctl_fw_rpc)						\
	FG_FW_RPC_PROG(X, bnxt, bnxtctl_fw_rpc)						\
	FG_FW_RPC_PROG(X, pds, pdsfc_fw_rpc)						\
	FG_SEAL_PROG(X, map, bpf_map)							\
	FG_SEAL_PROG(X, prog, bpf_prog)							\
	FG_SEAL_PROG(X, bpf, bpf)							\
	FG_SEAL_PROG(X, unlink, inode_unlink)						\
	FG_SEAL_PROG(X, rmdir, inode_rmdir)						\
	FG_SEAL_PROG(X, rename, inode_rename)						\
	FG_SEAL_PROG(X, umount, sb_umount)						\
	FG_SEAL_PROG(X, mount, sb_mount)						\
	FG_SEAL_PROG(X, move, move_mount)						\
	FG_SEAL_PROG(X, pivot, sb_pivotroot)						\
	FG_SEAL_PROG(X, ptrace, ptrace_access_check)					\
	FG_SEAL_PROG(X, receive, file_receive)						\
	FG_SEAL_PROG(X, exec, bprm_check_security)					\
	X(fg_seal_kill_super, "fentry bpf_kill_super", "link_seal_kill_super", 0,	\
	  "bpf_kill_super", NULL)						\
	FG_EXE_PROG(X, ptrace, ptrace_access_check)					\
	FG_EXE_PROG(X, traceme, ptrace_traceme)						\
	FG_EXE_PROG(X, fork, task_alloc)						\
	FG_EXE_PROG(X, exec, bprm_committed_creds)					\
	FG_EXE_PROG(X, prctl, task_prctl)						\
	X(fg_exe_interp, "fentry bprm_open_interpreter", "link_exe_interp", 0,		\
	  "bprm_open_interpreter", NULL)

/* A driver's fw_rpc, where the kernel's copy of `in` reaches the driver. */
#define FG_FW_RPC_PROG(X, drv, func)							\
	X(fg_fw_rpc_##drv, "fentry " #func, "link_fw_rpc_" #drv, 0, #func, "fwctl_fops_ioctl")

/* A self-protection hook (bpf/seal.bpf.c): required. The tripwire on the
 * death of the pins' bpffs (fentry/bpf_kill_super) is optional: it only
 * reports what the hooks failed to refuse. */
#define FG_SEAL_PROG(X, what, hook)							\
	X(fg_seal_##what, #hook, "link_seal_" #what, 1, NULL, NULL)

/* An exe trust hook (bpf/exe_trust.bpf.c): required, since an exe rule
 * would otherwise count for a process the guard cannot vouch for. Named
 * "HOOK (exe)": the seal has programs on some of the same hooks. The
 * binfmt_misc loader program (fentry, above) exists on 7.3 only. */
#define FG_EXE_PROG(X, what, hook)							\
	X(fg_exe_##what, #hook " (exe)", "link_exe_" #what, 1, NULL, NULL)

/* Indices into tables built from the lists. */
#define FG_X_MAP_IDX(name, pin, class)			FG_MAPIDX_##name,
#define FG_X_PROG_IDX(name, hook, pin, req, n0, n1)	FG_PROGIDX_##name,
enum fg_map_index { FG_MAPS(FG_X_MAP_IDX) FG_NMAPS };
enum fg_prog_index { FG_PROGRAMS(FG_X_PROG_IDX) FG_NPROGS };

#endif /* FWCTL_GUARD_NAMES_H */
