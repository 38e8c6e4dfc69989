/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Would a change to the mount tree take the guard's pins with it?
 *
 * The pins live as long as any mount of their bpffs superblock (each
 * mount holds sb->s_active; the last one's cleanup runs bpf_kill_super,
 * which drops every pin, every link with them, every hook). A sealed
 * guard keeps the invariant: no operation removes a mount of that
 * superblock from the initial mount namespace, directly or by umount
 * propagation. The initial namespace never dies (init_task holds it), so
 * one mount there keeps the pins until reboot. The mount hooks of
 * seal.bpf.c ask this file, for the mount tree as it is when they run:
 *
 *   fg_mnt_cut(top)        umount or move of the tree at top: for each
 *                          mount x of the superblock in top's namespace
 *                          with top on its way up (or x itself), x is
 *                          lost if it is in the initial namespace or if a
 *                          mount on the way, from x's parent to top's
 *                          parent, propagates umounts (shared with a
 *                          peer, or with slaves): the kernel then
 *                          unmounts the copies in its peers and slaves
 *                          too, which may be in the initial namespace.
 *                          Conservative: it does not prove a peer is
 *                          there.
 *   fg_mnt_detach(victim)  rmdir, unlink or rename over a dentry: the
 *                          kernel detaches what is mounted on it in every
 *                          namespace, without propagation and without an
 *                          umount hook (__detach_mounts): lost if some
 *                          mount on the way up from an x of the initial
 *                          namespace is mounted on victim.
 *
 * Moves cannot take a mount out of a namespace, but they change which
 * mounts lie above x; the umount hook runs before the kernel locks the
 * namespace, so a move racing an unmount could put the pins under a tree
 * already judged harmless. The move hooks therefore refuse, while sealed,
 * any move that changes what lies above a mount the invariant protects.
 *
 * The walk reads kernel memory with direct loads (bpf_rdonly_cast for the
 * superblock's address and for container_of): no probe-read helper, which
 * lockdown=confidentiality withdraws. Mount trees change under it; the
 * answer is for the tree the hook saw, and every way to change what lies
 * above the pins is itself refused while sealed. Bounds: 16384 mounts of
 * the superblock, 64 levels above one; beyond either the answer is "lost"
 * (refuse).
 *
 * The walk needs the mount layout of 6.18 and later (sb->s_mounts linked
 * by mnt_next_for_sb); on another the answer is FG_MNT_UNKNOWN, and the
 * loader refuses to seal (fg_seal_anchor says so).
 */
#ifndef FG_MOUNTS_BPF_H
#define FG_MOUNTS_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "fwctl_guard.h"
#include "kernel.bpf.h"
#include "kfuncs.bpf.h"

#define FG_BPF_FS_MAGIC		0xcafe4a11
#define FG_DCACHE_MOUNTED	0x8000		/* enum dentry_flags */
#define FG_T_SHARED		1		/* fs/mount.h, mnt_t_flags */
#define FG_MNT_SHARED_OLD	0x1000		/* vfsmount.mnt_flags before 6.18 */
#define FG_MAX_SB_MOUNTS	16384
#define FG_MAX_MNT_DEPTH	64

/* What the walk answers. */
enum fg_mnt_verdict {
	FG_MNT_KEEPS = 0,	/* every mount of the initial namespace stays */
	FG_MNT_DROPS = 1,	/* one would go (or the walk ran out of bounds) */
	FG_MNT_UNKNOWN = 2,	/* no anchor, or a layout this code cannot walk */
};

/* Kernel types, only the fields read; ___seal keeps them apart from the
 * other program files' declarations of the same structures. */
struct ns_common___seal {
	unsigned int inum;
} __attribute__((preserve_access_index));

struct mount___seal;

struct mnt_namespace___seal {
	struct ns_common___seal ns;
	struct mount___seal *root;
} __attribute__((preserve_access_index));

struct hlist_head___seal {
	void *first;
} __attribute__((preserve_access_index));

struct list_head___seal {
	struct list_head___seal *next;
} __attribute__((preserve_access_index));

struct file_system_type___seal {
	const char *name;
} __attribute__((preserve_access_index));

struct super_block___seal {
	__u32 s_dev;
	unsigned long s_magic;
	struct mount___seal *s_mounts;
	struct file_system_type___seal *s_type;
} __attribute__((preserve_access_index));

struct qstr___seal {
	const unsigned char *name;
} __attribute__((preserve_access_index));

struct dentry___seal {
	unsigned int d_flags;
	struct qstr___seal d_name;
	struct inode *d_inode;
} __attribute__((preserve_access_index));

struct vfsmount___seal {
	struct dentry___seal *mnt_root;
	struct super_block___seal *mnt_sb;
	int mnt_flags;
} __attribute__((preserve_access_index));

struct mount___seal {
	struct mount___seal *mnt_parent;
	struct dentry___seal *mnt_mountpoint;
	struct vfsmount___seal mnt;
	struct mount___seal *mnt_next_for_sb;
	struct list_head___seal mnt_share;
	struct hlist_head___seal mnt_slave_list;
	struct mnt_namespace___seal *mnt_ns;
	int mnt_t_flags;
	int mnt_id;
} __attribute__((preserve_access_index));

struct path___seal {
	struct vfsmount___seal *mnt;
	struct dentry___seal *dentry;
} __attribute__((preserve_access_index));


/* An untrusted read-only view of kernel memory: plain loads the JIT
 * guards with its exception table (a bad address reads as 0). */
#define fg_cast(addr, type)							\
	((type *)bpf_rdonly_cast((const void *)(addr), bpf_core_type_id_kernel(type)))
#define fg_mem(addr)	((const __u8 *)bpf_rdonly_cast((const void *)(addr), 0))

/* Does this kernel have the mount layout the walk reads? */
static __always_inline int fg_mnt_layout_known(void)
{
	return bpf_core_field_exists(struct super_block___seal, s_mounts) &&
	       bpf_core_field_exists(struct mount___seal, mnt_next_for_sb) &&
	       bpf_core_field_exists(struct mount___seal, mnt_share) &&
	       bpf_core_field_exists(struct mount___seal, mnt_slave_list) &&
	       bpf_core_field_exists(struct mnt_namespace___seal, ns);
}

/* struct mount of a vfsmount (container_of; the kernel's real_mount). */
static __always_inline struct mount___seal *fg_real_mount(const void *vfsmount)
{
	return fg_cast((__u64)vfsmount - bpf_core_field_offset(struct mount___seal, mnt),
		       struct mount___seal);
}

/* Does an umount of a child of m also unmount the copies in m's peers or
 * slaves (propagate_umount)? A shared mount without peers (its peer group
 * is itself) and without slaves propagates nowhere. */
static __always_inline int fg_mnt_propagates(const struct mount___seal *m)
{
	int shared;

	if (m->mnt_slave_list.first)
		return 1;
	if (bpf_core_field_exists(m->mnt_t_flags))
		shared = m->mnt_t_flags & FG_T_SHARED;
	else
		shared = m->mnt.mnt_flags & FG_MNT_SHARED_OLD;
	return shared && (__u64)m->mnt_share.next != (__u64)&m->mnt_share;
}

static __always_inline int fg_mnt_in_ns(const struct mount___seal *m, __u64 ns_ino)
{
	const struct mnt_namespace___seal *ns = m->mnt_ns;

	return ns && ns->ns.inum == ns_ino;
}

/* The superblock of the pins, checked: NULL if the address the loader
 * recorded is not (or no longer) that bpffs. */
static __always_inline struct super_block___seal *fg_pins_sb(const struct fg_seal *s)
{
	struct super_block___seal *sb;

	if (!s->pin_sb || !fg_mnt_layout_known())
		return NULL;
	sb = fg_cast(s->pin_sb, struct super_block___seal);
	if (sb->s_magic != FG_BPF_FS_MAGIC || sb->s_dev != s->pin_dev)
		return NULL;
	return sb;
}

/*
 * One mount x of the pins' superblock: is it lost when the tree at top
 * goes (victim NULL), or when what is mounted on victim is detached? Walks
 * up from x. 1: lost; 0: stays.
 */
static __attribute__((noinline)) int fg_mnt_lost(struct mount___seal *x,
						  const struct mount___seal *top,
						  const struct dentry___seal *victim, int init)
{
	struct bpf_iter_num it;
	struct mount___seal *p = x, *parent;
	int prop = 0, lost = 1;		/* deeper than the bound: lost */

	bpf_iter_num_new(&it, 0, FG_MAX_MNT_DEPTH);
	while (bpf_iter_num_next(&it)) {
		parent = p->mnt_parent;
		if (!parent) {		/* unreadable: cannot tell */
			break;
		}
		if (parent != p && fg_mnt_propagates(parent))
			prop = 1;
		if (victim ? parent != p && p->mnt_mountpoint == victim : p == top) {
			lost = init || prop;
			break;
		}
		if (parent == p) {	/* the namespace's root: top is not above x */
			lost = 0;
			break;
		}
		p = parent;
	}
	bpf_iter_num_destroy(&it);
	return lost;
}

/*
 * Every mount x of the pins' superblock that the change can reach: those
 * in top's namespace (an unmount or move acts there, the rest only by
 * propagation, which fg_mnt_lost follows), or with a victim dentry those
 * of the initial namespace (a detach acts in every namespace, and only the
 * initial one matters).
 */
static __attribute__((noinline)) int fg_mnt_walk(const struct fg_seal *s,
						  const struct mount___seal *top,
						  const struct dentry___seal *victim)
{
	const struct mnt_namespace___seal *want = NULL;
	struct super_block___seal *sb = fg_pins_sb(s);
	struct bpf_iter_num it;
	struct mount___seal *x;
	int ret = FG_MNT_DROPS;		/* more mounts than the bound: refuse */
	int init;

	if (!sb)
		return FG_MNT_UNKNOWN;
	if (!victim) {
		if (!top)
			return FG_MNT_UNKNOWN;
		want = top->mnt_ns;
	}
	x = sb->s_mounts;
	bpf_iter_num_new(&it, 0, FG_MAX_SB_MOUNTS);
	while (bpf_iter_num_next(&it)) {
		if (!x) {
			ret = FG_MNT_KEEPS;
			break;
		}
		init = fg_mnt_in_ns(x, s->mnt_ns_ino);
		if ((victim ? init : x->mnt_ns == want) && fg_mnt_lost(x, top, victim, init))
			break;
		x = x->mnt_next_for_sb;
	}
	bpf_iter_num_destroy(&it);
	return ret;
}

/* An umount or a move of the tree at top (a struct vfsmount * of the
 * kernel's). */
static __always_inline int fg_mnt_cut(const struct fg_seal *s, const void *vfsmount)
{
	return fg_mnt_walk(s, fg_real_mount(vfsmount), NULL);
}

/* rmdir, unlink or rename over victim. One load for dentries nothing is
 * mounted on, in any namespace: every unlink of the host passes here. */
static __always_inline int fg_mnt_detach(const struct fg_seal *s,
					 const struct dentry___seal *victim)
{
	if (!victim || !(victim->d_flags & FG_DCACHE_MOUNTED))
		return FG_MNT_KEEPS;
	return fg_mnt_walk(s, NULL, victim);
}

/* The root of the namespace of a mount (struct vfsmount * of the kernel's). */
static __always_inline const struct mount___seal *fg_mnt_ns_root(const void *vfsmount)
{
	const struct mnt_namespace___seal *ns = fg_real_mount(vfsmount)->mnt_ns;

	return ns ? ns->root : NULL;
}

/* A change somewhere in the namespace of a mount, judged as a cut at the
 * namespace's root: it drops the pins if any mount of theirs counts there
 * (in the initial namespace, or below a mount that propagates). */
static __always_inline int fg_mnt_cut_ns(const struct fg_seal *s, const void *vfsmount)
{
	const struct mount___seal *root = fg_mnt_ns_root(vfsmount);

	return root ? fg_mnt_walk(s, root, NULL) : FG_MNT_UNKNOWN;
}

/* Up to 15 bytes of a kernel string, NUL-terminated, for an event. */
static __always_inline void fg_copy_name(char *dst, const void *src)
{
	const __u8 *p = fg_mem(src);
	int i;

	if (!src)
		return;
	for (i = 0; i < 15; i++) {
		dst[i] = p[i];
		if (!dst[i])
			break;
	}
}

#endif /* FG_MOUNTS_BPF_H */
