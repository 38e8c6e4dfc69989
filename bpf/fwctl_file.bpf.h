/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Is this open file a fwctl device's, and of which device type? Decided
 * from the file itself, not from a major number or a registry: fwctl may
 * be a module loaded after the guard, unloaded and loaded again under
 * another major, and a minor may pass to a device of another type.
 *
 * What identifies it (drivers/fwctl/main.c, fs/char_dev.c; docs/security.md):
 * a character device whose cdev was added with cdev_device_add(), so that
 * the cdev's kobject parent is the fwctl device's, of class "fwctl"; the
 * file's private data is the fwctl uctx, whose first member points back at
 * that fwctl_device, whose cdev is the file's. The device type is the first
 * member of the device's ops (fwctl_ops.device_type).
 *
 * struct fwctl_device is in no BTF the guard can count on (fwctl.ko may not
 * be loaded yet): its ops member is found after dev, cdev, uctx_list_lock,
 * uctx_list and registration_lock (include/linux/fwctl.h, 6.15 to 7.3), each
 * a vmlinux type whose size CO-RE relocates. The loader checks that offset
 * against fwctl's BTF whenever it is loaded and writes the one BTF gives to
 * fg_config (ops_off); 0 there: the computed one.
 *
 * Loads go through bpf_rdonly_cast (kfuncs.bpf.h) where the kernel's type
 * says void *: plain loads, nothing lockdown withdraws.
 */
#ifndef FG_FWCTL_FILE_BPF_H
#define FG_FWCTL_FILE_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "fwctl_guard.h"
#include "kernel.bpf.h"
#include "kfuncs.bpf.h"

/* "fwctl" and its NUL, as the first six bytes of a little-endian word. */
#define FG_FWCTL_CLASS_NAME	0x006c74637766ull
#define FG_LOW48		0xffffffffffffull

/* 8 bytes at addr, read as untrusted memory (0 where nothing is mapped). */
static __always_inline __u64 fg_kread64(__u64 addr)
{
	const __u64 *p = bpf_rdonly_cast((void *)addr, 0);

	return *p;
}

/* Where fwctl_device.ops is, from the sizes of the members before it. */
static __always_inline __u64 fg_fwctl_ops_off(void)
{
	return bpf_core_type_size(struct device) + bpf_core_type_size(struct cdev) +
	       bpf_core_type_size(struct mutex) + bpf_core_type_size(struct list_head) +
	       bpf_core_type_size(struct rw_semaphore);
}

/*
 * 1 when file is a fwctl device's, with its minor and the device type as
 * the driver registered it (FWCTL_DEVICE_TYPE_*, any number; 0 when the
 * device is gone: unregistered, ops cleared, the kernel answers ENODEV).
 * 0 for any other file. Cheapest tests first: every ioctl of the host
 * comes here.
 */
static __always_inline int fg_fwctl_file(struct file *file, __u32 ops_off, __u32 *minor,
					 __u32 *devtype)
{
	struct inode *inode = file->f_inode;
	const struct device *dev;
	struct kobject *parent;
	__u64 fwctl, ops, name;
	const struct cdev *cdev;

	if (!inode || (inode->i_mode & S_IFMT) != S_IFCHR)
		return 0;
	/* i_cdev shares a union with i_pipe, which the verifier takes for
	 * the member's type: cast it to what it is for a char device. */
	cdev = bpf_rdonly_cast(inode->i_cdev, bpf_core_type_id_kernel(struct cdev));
	if (!cdev)
		return 0;
	parent = cdev->kobj.parent;	/* NULL: cdev_add() alone (tty, mem, misc) */
	if (!parent)
		return 0;
	dev = bpf_rdonly_cast(parent, bpf_core_type_id_kernel(struct device));
	if (!dev->class)
		return 0;
	name = fg_kread64((__u64)dev->class->name);
	if ((name & FG_LOW48) != FG_FWCTL_CLASS_NAME)
		return 0;
	*minor = inode->i_rdev & FG_KDEV_MINORMASK;
	/* uctx->fwctl is the device whose cdev this is: anything else is a
	 * file of another kind under the fwctl class (none today). */
	fwctl = fg_kread64((__u64)file->private_data);
	if (fwctl + bpf_core_type_size(struct device) != (__u64)cdev) {
		*devtype = 0;
		return 1;
	}
	ops = fg_kread64(fwctl + (ops_off ? ops_off : fg_fwctl_ops_off()));
	*devtype = ops ? (__u32)fg_kread64(ops) : 0;
	return 1;
}

#endif /* FG_FWCTL_FILE_BPF_H */
