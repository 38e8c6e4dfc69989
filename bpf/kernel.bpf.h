/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel structure fields the guard reads, and only those: CO-RE
 * relocates them against the running kernel's BTF at load time.
 */
#ifndef FG_KERNEL_BPF_H
#define FG_KERNEL_BPF_H

#include <linux/types.h>

#define EPERM		1
#define S_IFMT		00170000
#define S_IFCHR		0020000

/* Only the fields we read; CO-RE relocates them against the running kernel. */
struct super_block {
	__u32 s_dev;
} __attribute__((preserve_access_index));

struct kobject {
	struct kobject *parent;
} __attribute__((preserve_access_index));

struct cdev {
	struct kobject kobj;
} __attribute__((preserve_access_index));

struct class {
	const char *name;
} __attribute__((preserve_access_index));

/* kobj first (the cdev's parent is the device's kobj); the size is
 * relocated too (bpf_core_type_size), which fwctl_device's layout needs. */
struct device {
	struct kobject kobj;
	const struct class *class;
} __attribute__((preserve_access_index));

/* Only their sizes: the members of struct fwctl_device before ops. */
struct mutex {
	long owner;
} __attribute__((preserve_access_index));

struct list_head {
	struct list_head *next;
} __attribute__((preserve_access_index));

struct rw_semaphore {
	long count;
} __attribute__((preserve_access_index));

struct inode {
	__u16 i_mode;
	__u32 i_rdev;
	unsigned long i_ino;
	struct super_block *i_sb;
	struct cdev *i_cdev;
} __attribute__((preserve_access_index));

struct path {
	void *mnt;
	void *dentry;
} __attribute__((preserve_access_index));

struct file {
	struct inode *f_inode;
	struct path f_path;
	void *private_data;
} __attribute__((preserve_access_index));

/* The syscall's registers (bpf_task_pt_regs): which syscall, which
 * arguments. */
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long si;	/* second argument */
	unsigned long dx;	/* third argument */
	unsigned long orig_ax;	/* the syscall number */
} __attribute__((preserve_access_index));
#define FG_NR_IOCTL		16
#define FG_SYSCALL_NR(r)	((r)->orig_ax)
#define FG_SYSCALL_ARG1(r)	((r)->si)
#define FG_SYSCALL_ARG2(r)	((r)->dx)
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
} __attribute__((preserve_access_index));
struct pt_regs {
	struct user_pt_regs user_regs;
	int syscallno;
} __attribute__((preserve_access_index));
#define FG_NR_IOCTL		29
#define FG_SYSCALL_NR(r)	((r)->syscallno)
#define FG_SYSCALL_ARG1(r)	((r)->user_regs.regs[1])
#define FG_SYSCALL_ARG2(r)	((r)->user_regs.regs[2])
#else
#error "the approval's syscall binding knows x86 and arm64 (bpf/kernel.bpf.h)"
#endif

struct mm_struct {
	struct file *exe_file;
} __attribute__((preserve_access_index));

typedef struct {
	__u32 val;
} kuid_t;

typedef struct {
	__u64 val;
} kernel_cap_t;

/* level 0: the initial user namespace (kernel/user.c). */
struct user_namespace {
	int level;
} __attribute__((preserve_access_index));

struct cred {
	kuid_t euid;
	kernel_cap_t cap_effective;
	struct user_namespace *user_ns;
} __attribute__((preserve_access_index));

struct task_struct {
	struct mm_struct *mm;
	const struct cred *cred;
	kuid_t loginuid;		/* CONFIG_AUDIT only */
	unsigned int sessionid;		/* CONFIG_AUDIT only */
} __attribute__((preserve_access_index));

#endif
