// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: changes to the guard itself.
 *
 * The guard's objects: its maps (every map whose name starts with "fg_":
 * the object's maps and the loader's generation maps), its programs and
 * links (ids the loader wrote into fg_seal after attaching) and its pin
 * folder (inode and bpffs device in fg_seal). A change needs one of:
 *
 *   lsm/bpf_map       a writable fd to a map (BPF_OBJ_GET of a pin,
 *                     BPF_MAP_GET_FD_BY_ID): every map write needs one
 *   lsm/bpf_prog      an fd to a program (to replace it with freplace,
 *                     attach it elsewhere, or pin it again)
 *   lsm/bpf           BPF_LINK_GET_FD_BY_ID of a link (the kernel has no
 *                     hook where a link fd is made; BPF_OBJ_GET of a pinned
 *                     link is not seen here, see below)
 *   lsm/inode_unlink, lsm/inode_rename, lsm/inode_rmdir
 *                     removing or moving a pin or the folder: a link
 *                     detaches when its last pin and fd are gone
 *   lsm/sb_umount     unmounting the bpffs that holds the pins
 *
 * Not sealed: each change is allowed and reported (guard event, reason
 * guard-change), except writable map fds taken by the loader's own
 * executable, which are its normal work (its reload is logged by itself).
 * Sealed: each is refused (EPERM) and reported, except, with `seal
 * reload`, writable fds to the policy maps taken by the loader's executable
 * (reason reload), and fds to the reporting maps (ring buffer, daemon
 * status) taken by it (the event daemon is the same program).
 * The seal map and the config are never writable once sealed, so a sealed
 * guard stays sealed until reboot.
 *
 * Not covered: fds opened before the seal keep their rights (seal at boot);
 * a link fd from BPF_OBJ_GET of a pin is not refused, but a tracing link
 * can be neither detached nor updated (the kernel answers EOPNOTSUPP), and
 * its pin cannot be removed. The loader's executable is recognised by inode:
 * whoever can run it (root) can reload when the policy allows it.
 *
 * Failure policy: no seal map entry (cannot happen for an array map):
 * treated as not sealed, changes reported.
 */
#include "common.bpf.h"
#include "fwctl_guard_names.h"

#define FMODE_WRITE	0x2
#define BPF_FS_MAGIC	0xcafe4a11

struct bpf_map {
	char name[16];
} __attribute__((preserve_access_index));

struct bpf_prog_aux {
	__u32 id;
} __attribute__((preserve_access_index));

struct bpf_prog {
	struct bpf_prog_aux *aux;
} __attribute__((preserve_access_index));

struct dentry {
	struct inode *d_inode;
} __attribute__((preserve_access_index));

struct vfsmount {
	struct super_block *mnt_sb;
} __attribute__((preserve_access_index));

static __always_inline int fg_name_is(const char *name, const char *want, int len)
{
	int i;

	for (i = 0; i < len; i++)
		if (name[i] != want[i])
			return 0;
	return 1;
}

/* A map's class by its name: the lists of include/fwctl_guard_names.h,
 * compared with the NUL (whole names). Any other name with the guard's
 * prefix is one of its unpinned maps (task storage): fixed. */
#define FG_MAP_CLASS_OF(id, pin, class)					\
	if (fg_name_is(name, #id, sizeof(#id)))				\
		return class;

static __always_inline __u32 fg_map_class(const char *name)
{
	if (name[0] != FG_MAP_PREFIX[0] || name[1] != FG_MAP_PREFIX[1] ||
	    name[2] != FG_MAP_PREFIX[2])
		return FG_MAP_FOREIGN;
	FG_MAPS(FG_MAP_CLASS_OF)
	if (fg_name_is(name, FG_GEN_MAP_NAME, sizeof(FG_GEN_MAP_NAME)))
		return FG_GEN_MAP_CLASS;
	return FG_MAP_FIXED;
}

static __always_inline int fg_is_loader_exe(const struct fg_seal *s)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct inode *exe;

	exe = BPF_CORE_READ(task, mm, exe_file, f_inode);
	return exe && s->loader_ino && BPF_CORE_READ(exe, i_ino) == s->loader_ino &&
	       BPF_CORE_READ(exe, i_sb, s_dev) == s->loader_dev;
}

static __always_inline int fg_id_in(const __u32 *ids, __u32 n, __u32 id)
{
	int i;

	for (i = 0; i < FG_SEAL_MAX_OBJS; i++)
		if (i < n && ids[i] == id)
			return 1;
	return 0;
}

/* Is this inode the pin folder? */
static __always_inline int fg_is_pin_dir(const struct fg_seal *s, struct inode *inode)
{
	return inode && s->pin_dir_ino && BPF_CORE_READ(inode, i_ino) == s->pin_dir_ino &&
	       BPF_CORE_READ(inode, i_sb, s_dev) == s->pin_dev;
}

static __always_inline struct fg_seal *fg_seal_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&fg_seal, &zero);
}

/*
 * Report a change to the guard (what, object) and answer it: refused when
 * sealed unless allowed says otherwise (FG_REASON_RELOAD), else reported
 * (FG_REASON_GUARD_CHANGE). Returns the hook's value.
 */
static __always_inline int fg_guard_change(const struct fg_seal *s, __u32 hook, __u32 what,
					   __u32 obj_id, __u64 ino, const char *name,
					   int reload_ok)
{
	struct fg_request r = { .minor = FG_MINOR_ANY, .scope = FG_SCOPE_MAX };
	struct fg_verdict v = {};
	struct fg_detail d = {};
	struct fg_cmd c = {};
	struct fg_task *t;
	int ret = 0;

	d.what = what;
	d.obj_id = obj_id;
	d.ino = ino;
	if (name)
		__builtin_memcpy(d.name, name, sizeof(d.name));
	c.status = FG_DECODE_UNREADABLE;
	if (s && s->mode != FG_SEAL_NONE && !reload_ok) {
		fg_verdict_set(&v, FG_ACTION_DENY, FG_REASON_SEALED, FG_RULE_NONE);
		fg_count(FG_STAT_GUARD_REFUSED);
		ret = -EPERM;
	} else {
		fg_verdict_set(&v, FG_ACTION_AUDIT, s && s->mode != FG_SEAL_NONE ?
			       FG_REASON_RELOAD : FG_REASON_GUARD_CHANGE, FG_RULE_NONE);
	}
	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	fg_emit(t, &r, &c, &v, NULL, hook, FG_EVENT_GUARD, &d);
	return ret;
}

SEC("lsm/bpf_map")
int BPF_PROG(fg_seal_map, struct bpf_map *map, unsigned int fmode, int ret)
{
	char name[16] = {};
	struct fg_seal *s;
	__u32 class;
	int loader;

	if (ret)
		return ret;
	if (!(fmode & FMODE_WRITE))
		return 0;
	bpf_probe_read_kernel(name, sizeof(name), map->name);
	class = fg_map_class(name);
	if (class == FG_MAP_FOREIGN)
		return 0;
	s = fg_seal_get();
	loader = s && fg_is_loader_exe(s);
	if (!s || s->mode == FG_SEAL_NONE) {
		if (loader)
			return 0;
		return fg_guard_change(s, FG_HOOK_BPF_MAP, FG_GUARD_MAP_WRITE, 0, 0, name, 0);
	}
	if (loader && class == FG_MAP_REPORTING)
		return 0;
	return fg_guard_change(s, FG_HOOK_BPF_MAP, FG_GUARD_MAP_WRITE, 0, 0, name,
			       loader && class == FG_MAP_POLICY && s->mode == FG_SEAL_RELOAD);
}

SEC("lsm/bpf_prog")
int BPF_PROG(fg_seal_prog, struct bpf_prog *prog, int ret)
{
	struct fg_seal *s;
	__u32 id;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	id = BPF_CORE_READ(prog, aux, id);
	if (!fg_id_in(s->prog_ids, s->nprogs, id))
		return 0;
	return fg_guard_change(s, FG_HOOK_BPF_PROG, FG_GUARD_PROG_FD, id, 0, NULL, 0);
}

SEC("lsm/bpf")
int BPF_PROG(fg_seal_bpf, int cmd, union bpf_attr *attr, unsigned int size, int kernel,
	     int ret)
{
	struct fg_seal *s;
	__u32 id = 0;

	if (ret)
		return ret;
	if (cmd != BPF_LINK_GET_FD_BY_ID)
		return 0;
	s = fg_seal_get();
	if (!s)
		return 0;
	/* attr is the kernel's copy, the one the command then uses. */
	bpf_probe_read_kernel(&id, sizeof(id), &attr->link_id);
	if (!fg_id_in(s->link_ids, s->nlinks, id))
		return 0;
	return fg_guard_change(s, FG_HOOK_BPF, FG_GUARD_LINK_FD, id, 0, NULL, 0);
}

SEC("lsm/inode_unlink")
int BPF_PROG(fg_seal_unlink, struct inode *dir, struct dentry *dentry, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s || !fg_is_pin_dir(s, dir))
		return 0;
	return fg_guard_change(s, FG_HOOK_INODE_UNLINK, FG_GUARD_UNLINK, 0,
			       BPF_CORE_READ(dentry, d_inode, i_ino), NULL, 0);
}

SEC("lsm/inode_rmdir")
int BPF_PROG(fg_seal_rmdir, struct inode *dir, struct dentry *dentry, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s || !fg_is_pin_dir(s, BPF_CORE_READ(dentry, d_inode)))
		return 0;
	return fg_guard_change(s, FG_HOOK_INODE_RMDIR, FG_GUARD_RMDIR, 0, s->pin_dir_ino, NULL, 0);
}

SEC("lsm/inode_rename")
int BPF_PROG(fg_seal_rename, struct inode *old_dir, struct dentry *old_dentry,
	     struct inode *new_dir, struct dentry *new_dentry, int ret)
{
	struct inode *moved;
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	moved = BPF_CORE_READ(old_dentry, d_inode);
	if (!fg_is_pin_dir(s, old_dir) && !fg_is_pin_dir(s, new_dir) && !fg_is_pin_dir(s, moved))
		return 0;
	return fg_guard_change(s, FG_HOOK_INODE_RENAME, FG_GUARD_RENAME, 0,
			       moved ? BPF_CORE_READ(moved, i_ino) : 0, NULL, 0);
}

SEC("lsm/sb_umount")
int BPF_PROG(fg_seal_umount, struct vfsmount *mnt, int flags, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s || !s->pin_dir_ino || BPF_CORE_READ(mnt, mnt_sb, s_dev) != s->pin_dev)
		return 0;
	return fg_guard_change(s, FG_HOOK_SB_UMOUNT, FG_GUARD_UMOUNT, 0, 0, NULL, 0);
}

