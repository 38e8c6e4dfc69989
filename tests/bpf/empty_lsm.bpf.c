// SPDX-License-Identifier: GPL-2.0-only
/*
 * Empty programs on the hooks the guard's request path uses, for the VM
 * bench's baseline: what BPF LSM costs an ioctl before the guard does
 * anything (tests/bench/ioctl_loop.c attaches them).
 *
 * Hooks: lsm.s/file_ioctl, lsm/capable, as the guard's. Failure policy:
 * none; they allow everything.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct file;
struct cred;
struct user_namespace;

SEC("lsm.s/file_ioctl")
int BPF_PROG(empty_file_ioctl, struct file *file, unsigned int cmd, unsigned long arg, int ret)
{
	return ret;
}

SEC("lsm/capable")
int BPF_PROG(empty_capable, const struct cred *cred, struct user_namespace *ns, int cap,
	     unsigned int opts, int ret)
{
	return ret;
}
