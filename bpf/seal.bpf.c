// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard: changes to the guard itself.
 *
 * The guard's objects: its maps (every map whose name starts with "fg_":
 * the object's maps and the loader's generation maps), its programs and
 * links (ids the loader wrote into fg_seal after attaching), its pins and
 * the bpffs superblock that holds them (fg_seal: pin folder, device, the
 * superblock's address from fg_seal_anchor). Every way to change them, or
 * to make the kernel drop them, passes one of these hooks:
 *
 *   lsm/bpf_map          a new fd to a map, of any mode (BPF_OBJ_GET of a
 *                        pin, BPF_MAP_GET_FD_BY_ID, BPF_MAP_CREATE): a
 *                        read-only fd is enough for a BPF program to write
 *                        a map that is not BPF_F_RDONLY_PROG, and the
 *                        verifier never looks at the fd's mode
 *   lsm/file_receive     an fd to a map handed over (SCM_RIGHTS,
 *                        pidfd_getfd)
 *   lsm/bpf              BPF_LINK_GET_FD_BY_ID of a link; BPF_PROG_LOAD of
 *                        a map-element iterator (it writes map values
 *                        whatever the fd's mode and the map's flags); any
 *                        BPF_PROG_LOAD by a loader process once sealed
 *   lsm/bpf_prog         an fd to a program (freplace, attach, pin again)
 *   lsm/ptrace_access_check
 *                        attach-level access to a loader process (ptrace,
 *                        /proc/PID/mem, process_vm_writev, pidfd_getfd):
 *                        its fds and its identity
 *   lsm/bprm_check_security
 *                        a loader process exec'ing (it would carry the
 *                        loader's fds into another program)
 *   lsm/inode_unlink, lsm/inode_rename, lsm/inode_rmdir
 *                        removing or moving a pin or the folder (a link
 *                        detaches when its last pin and fd are gone), and
 *                        removing a dentry something is mounted on in
 *                        another namespace: the kernel then detaches those
 *                        mounts without an umount hook (mounts.bpf.h)
 *   lsm/sb_umount        an unmount, at any level, lazy or not, in any
 *                        namespace, that would take a mount of the pins'
 *                        bpffs out of the initial namespace (mounts.bpf.h)
 *   lsm/move_mount, lsm/sb_mount (MS_MOVE), lsm/sb_pivotroot
 *                        a move that changes what lies above such a mount
 *   fentry/bpf_kill_super
 *                        the pins' bpffs dies anyway: reported (too late
 *                        to refuse; it means a hole in the above)
 *
 * Not sealed: each change is allowed and reported (guard event, reason
 * guard-change), except what the loader's own executable does with the
 * maps, which is its normal work. Sealed: each is refused (EPERM) and
 * reported, except for the loader's executable: read-only fds to every
 * pinned map and generation (status, events, the daemon), writable fds to
 * the reporting maps (ring buffer, daemon status), and with `seal reload`
 * writable fds to the policy maps (reason reload). A loader process then
 * may neither load a program nor exec: with those, its read-only fds
 * would reach the generations, which programs can write. The seal map is
 * frozen once sealed (the config too under `seal`), and both are
 * BPF_F_RDONLY_PROG: a sealed guard stays sealed until reboot.
 *
 * Not covered: fds opened before the seal keep their rights (seal at
 * boot); a link fd from BPF_OBJ_GET of a pin is not refused, but a tracing
 * link can be neither detached nor updated (the kernel answers
 * EOPNOTSUPP), and its pin cannot be removed; mounts detached without any
 * hook (d_invalidate of a network or pseudo filesystem's dentry above the
 * pins). The loader's executable is recognised by inode.
 *
 * Failure policy: no seal map entry (cannot happen for an array map):
 * treated as not sealed, changes reported. A mount change the walk cannot
 * judge (no superblock recorded, unknown layout): refused when sealed, not
 * reported otherwise.
 *
 * Every kernel pointer is read with direct loads (trusted hook arguments,
 * bpf_rdonly_cast): no probe-read helper, which lockdown=confidentiality
 * withdraws.
 */
#include "common.bpf.h"
#include "fwctl_guard_names.h"
#include "mounts.bpf.h"

#define FMODE_WRITE		0x2
#define PTRACE_MODE_ATTACH	0x02
#define MS_MOVE			8192
#define ENODEV			19
#define EOPNOTSUPP		95

struct bpf_map___seal {
	char name[16];
} __attribute__((preserve_access_index));

struct bpf_prog_aux___seal {
	__u32 id;
} __attribute__((preserve_access_index));

struct bpf_prog___seal {
	struct bpf_prog_aux___seal *aux;
} __attribute__((preserve_access_index));

struct fs_struct___seal {
	struct path___seal pwd;
} __attribute__((preserve_access_index));

struct task_struct___seal {
	int tgid;
	struct fs_struct___seal *fs;
	struct mm_struct *mm;
} __attribute__((preserve_access_index));

struct file___seal {
	struct path___seal f_path;
	void *private_data;
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
 * prefix is one of its unpinned maps (task storage): private. */
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
	return FG_MAP_PRIVATE;
}

/* A map's name, with two loads (BPF_OBJ_NAME_LEN, NUL-padded). */
static __always_inline void fg_map_name(const struct bpf_map___seal *map, char *name)
{
	((__u64 *)name)[0] = *(const __u64 *)&map->name[0];
	((__u64 *)name)[1] = *(const __u64 *)&map->name[8];
}

/* Was task exec'd from the loader's executable (by inode)? */
static __always_inline int fg_task_is_loader(const struct fg_seal *s, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	struct file *exe_file;
	struct inode *exe;

	barrier_var(mm);
	exe_file = mm ? mm->exe_file : NULL;
	barrier_var(exe_file);
	exe = exe_file ? exe_file->f_inode : NULL;
	barrier_var(exe);
	return exe && s->loader_ino && exe->i_ino == s->loader_ino &&
	       exe->i_sb->s_dev == s->loader_dev;
}

static __always_inline int fg_is_loader(const struct fg_seal *s)
{
	return fg_task_is_loader(s, bpf_get_current_task_btf());
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
	return inode && s->pin_dir_ino && inode->i_ino == s->pin_dir_ino &&
	       inode->i_sb->s_dev == s->pin_dev;
}

static __always_inline struct fg_seal *fg_seal_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&fg_seal, &zero);
}

static __always_inline int fg_sealed(const struct fg_seal *s)
{
	return s && s->mode != FG_SEAL_NONE;
}

/* Report a change to the guard (d), as done (action audit) or refused
 * (action deny, counted). */
static __always_inline void fg_guard_event(__u32 hook, const struct fg_detail *d, __u8 action,
					   __u8 reason)
{
	struct fg_request r = { .minor = FG_MINOR_ANY, .scope = FG_SCOPE_MAX };
	struct fg_verdict v = {};
	struct fg_cmd c = {};
	struct fg_task *t;

	c.status = FG_DECODE_UNREADABLE;
	fg_verdict_set(&v, action, reason, FG_RULE_NONE);
	if (action == FG_ACTION_DENY)
		fg_count(FG_STAT_GUARD_REFUSED);
	t = bpf_task_storage_get(&fg_task, bpf_get_current_task_btf(), NULL,
				 BPF_LOCAL_STORAGE_GET_F_CREATE);
	fg_emit(t, &r, &c, &v, NULL, hook, FG_EVENT_GUARD, d);
}

/*
 * Answer a change to the guard and report it: refused when sealed unless
 * reload_ok (the loader's reload under `seal reload`: reported as such),
 * else reported as a change. Returns the hook's value.
 */
static __always_inline int fg_guard_change(const struct fg_seal *s, __u32 hook,
					   const struct fg_detail *d, int reload_ok)
{
	if (fg_sealed(s) && !reload_ok) {
		fg_guard_event(hook, d, FG_ACTION_DENY, FG_REASON_SEALED);
		return -EPERM;
	}
	fg_guard_event(hook, d, FG_ACTION_AUDIT,
		       fg_sealed(s) ? FG_REASON_RELOAD : FG_REASON_GUARD_CHANGE);
	return 0;
}

/* The same with the detail's fields. */
static __always_inline int fg_guard_change_of(const struct fg_seal *s, __u32 hook, __u32 what,
					      __u32 obj_id, __u64 ino, const char *name)
{
	struct fg_detail d = {};

	d.what = what;
	d.obj_id = obj_id;
	d.ino = ino;
	if (name)
		__builtin_memcpy(d.name, name, sizeof(d.name));
	return fg_guard_change(s, hook, &d, 0);
}

/* ---- maps ----------------------------------------------------------- */

/*
 * Who may have an fd to one of the guard's maps. Not sealed: anyone, and
 * whoever is not the loader is reported. Sealed: the loader only, read-only
 * to every map but its per-task storage, writable to the reporting maps,
 * and with `seal reload` to the policy maps.
 */
static __always_inline int fg_map_fd(const struct fg_seal *s, const char *name, __u32 class,
				     int write, __u32 hook)
{
	struct fg_detail d = {};
	int loader = s && fg_is_loader(s);

	if (loader && !fg_sealed(s))
		return 0;
	if (loader && class != FG_MAP_PRIVATE && (!write || class == FG_MAP_REPORTING))
		return 0;
	d.what = write ? FG_GUARD_MAP_WRITE : FG_GUARD_MAP_FD;
	__builtin_memcpy(d.name, name, sizeof(d.name));
	return fg_guard_change(s, hook, &d, loader && write && class == FG_MAP_POLICY &&
				   s->mode == FG_SEAL_RELOAD);
}

SEC("lsm/bpf_map")
int BPF_PROG(fg_seal_map, struct bpf_map___seal *map, unsigned int fmode, int ret)
{
	char name[16];
	__u32 class;

	if (ret)
		return ret;
	fg_map_name(map, name);
	class = fg_map_class(name);
	if (class == FG_MAP_FOREIGN)
		return 0;
	return fg_map_fd(fg_seal_get(), name, class, fmode & FMODE_WRITE, FG_HOOK_BPF_MAP);
}

/* An fd received from another process (SCM_RIGHTS, pidfd_getfd): a map's
 * file is an anonymous inode named "bpf-map" whose private_data is the
 * map. The receiver never opened it: refused to anyone while sealed. */
SEC("lsm/file_receive")
int BPF_PROG(fg_seal_receive, struct file___seal *file, int ret)
{
	const struct dentry___seal *dentry;
	struct bpf_map___seal *map;
	const __u8 *n;
	char name[16];

	if (ret)
		return ret;
	dentry = file->f_path.dentry;
	barrier_var(dentry);
	if (!dentry)
		return 0;
	n = fg_mem(dentry->d_name.name);
	if (*(const __u64 *)n != *(const __u64 *)"bpf-map")
		return 0;
	map = fg_cast(file->private_data, struct bpf_map___seal);
	fg_map_name(map, name);
	if (fg_map_class(name) == FG_MAP_FOREIGN)
		return 0;
	return fg_guard_change_of(fg_seal_get(), FG_HOOK_FILE_RECEIVE, FG_GUARD_FD_PASS, 0, 0,
				  name);
}

/* ---- programs and links --------------------------------------------- */

SEC("lsm/bpf_prog")
int BPF_PROG(fg_seal_prog, struct bpf_prog___seal *prog, int ret)
{
	struct fg_seal *s;
	__u32 id;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	id = prog->aux->id;
	if (!fg_id_in(s->prog_ids, s->nprogs, id))
		return 0;
	return fg_guard_change_of(s, FG_HOOK_BPF_PROG, FG_GUARD_PROG_FD, id, 0, NULL);
}

/*
 * BPF_PROG_LOAD while sealed: by a loader process, refused (its read-only
 * fds would let the program write the generations); a map-element
 * iterator by anyone, refused (an iterator writes the values of a map
 * with BPF_F_RDONLY_PROG through a read-only fd). attr is the kernel's
 * copy, the one the command then uses.
 */
static __always_inline int fg_prog_load(const struct fg_seal *s, const union bpf_attr *attr)
{
	if (!fg_sealed(s))
		return 0;
	if (fg_is_loader(s))
		return fg_guard_change_of(s, FG_HOOK_BPF, FG_GUARD_LOADER_OP, 0, 0,
					  "bpf-prog-load");
	if (s->iter_btf_id && attr->prog_type == BPF_PROG_TYPE_TRACING &&
	    attr->expected_attach_type == BPF_TRACE_ITER && attr->attach_btf_id == s->iter_btf_id)
		return fg_guard_change_of(s, FG_HOOK_BPF, FG_GUARD_MAP_ITER, 0, 0,
					  "bpf_map_elem");
	return 0;
}

SEC("lsm/bpf")
int BPF_PROG(fg_seal_bpf, int cmd, union bpf_attr *attr, unsigned int size, int kernel,
	     int ret)
{
	struct fg_seal *s;
	__u32 id;

	if (ret)
		return ret;
	if (cmd != BPF_LINK_GET_FD_BY_ID && cmd != BPF_PROG_LOAD)
		return 0;
	s = fg_seal_get();
	if (!s)
		return 0;
	if (cmd == BPF_PROG_LOAD)
		return fg_prog_load(s, attr);
	id = attr->link_id;
	if (!fg_id_in(s->link_ids, s->nlinks, id))
		return 0;
	return fg_guard_change_of(s, FG_HOOK_BPF, FG_GUARD_LINK_FD, id, 0, NULL);
}

/* ---- loader processes ----------------------------------------------- */

/* Attach-level access to a loader process gives its fds (pidfd_getfd) and
 * its identity (code injected through ptrace or /proc/PID/mem). */
SEC("lsm/ptrace_access_check")
int BPF_PROG(fg_seal_ptrace, struct task_struct *child, unsigned int mode, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	if (!(mode & PTRACE_MODE_ATTACH))
		return 0;
	s = fg_seal_get();
	if (!s || !fg_task_is_loader(s, child))
		return 0;
	return fg_guard_change_of(s, FG_HOOK_PTRACE, FG_GUARD_PTRACE,
				  ((struct task_struct___seal *)child)->tgid, 0, NULL);
}

/* A loader process never execs; a sealed guard keeps its fds from being
 * carried into another program. Not sealed: nothing to report. */
SEC("lsm/bprm_check_security")
int BPF_PROG(fg_seal_exec, void *bprm, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!fg_sealed(s) || !fg_is_loader(s))
		return 0;
	return fg_guard_change_of(s, FG_HOOK_BPRM_CHECK, FG_GUARD_LOADER_OP, 0, 0, "exec");
}

/* ---- pins and mounts ------------------------------------------------ */

/*
 * A mount change the walk judged (mounts.bpf.h): a mount of the pins'
 * bpffs in the initial namespace would go (refused when sealed, reported
 * otherwise), or the walk cannot tell (refused when sealed only).
 */
static __always_inline int fg_mount_change(const struct fg_seal *s, int verdict, __u32 hook,
					   __u32 what, __u32 obj_id, __u64 ino,
					   const void *kname)
{
	char name[16] = {};

	if (verdict == FG_MNT_KEEPS || (verdict == FG_MNT_UNKNOWN && !fg_sealed(s)))
		return 0;
	fg_copy_name(name, kname);
	return fg_guard_change_of(s, hook, what, obj_id, ino, name);
}

/* The inode number of a dentry (0: negative). One load of d_inode: the
 * verifier wants the value it checked for NULL to be the one used. */
static __always_inline __u64 fg_dentry_ino(const struct dentry___seal *dentry)
{
	struct inode *inode = dentry->d_inode;

	barrier_var(inode);
	return inode ? inode->i_ino : 0;
}

/* What is mounted on victim, if anything, detached by removing it. */
static __always_inline int fg_detach(const struct fg_seal *s, const struct dentry___seal *victim,
				     __u32 hook)
{
	int v = fg_mnt_detach(s, victim);

	if (v == FG_MNT_KEEPS)
		return 0;
	return fg_mount_change(s, v, hook, FG_GUARD_DETACH, 0, fg_dentry_ino(victim),
			       victim->d_name.name);
}

SEC("lsm/inode_unlink")
int BPF_PROG(fg_seal_unlink, struct inode *dir, struct dentry___seal *dentry, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	if (fg_is_pin_dir(s, dir))
		return fg_guard_change_of(s, FG_HOOK_INODE_UNLINK, FG_GUARD_UNLINK, 0,
					  fg_dentry_ino(dentry), NULL);
	return fg_detach(s, dentry, FG_HOOK_INODE_UNLINK);
}

SEC("lsm/inode_rmdir")
int BPF_PROG(fg_seal_rmdir, struct inode *dir, struct dentry___seal *dentry, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	if (fg_is_pin_dir(s, dentry->d_inode))
		return fg_guard_change_of(s, FG_HOOK_INODE_RMDIR, FG_GUARD_RMDIR, 0,
					  s->pin_dir_ino, NULL);
	return fg_detach(s, dentry, FG_HOOK_INODE_RMDIR);
}

/* The hook does not say RENAME_EXCHANGE (the kernel then calls it twice,
 * swapped): new_dentry is judged as replaced either way. */
SEC("lsm/inode_rename")
int BPF_PROG(fg_seal_rename, struct inode *old_dir, struct dentry___seal *old_dentry,
	     struct inode *new_dir, struct dentry___seal *new_dentry, int ret)
{
	struct inode *moved;
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	moved = old_dentry->d_inode;
	barrier_var(moved);
	if (fg_is_pin_dir(s, old_dir) || fg_is_pin_dir(s, new_dir) || fg_is_pin_dir(s, moved))
		return fg_guard_change_of(s, FG_HOOK_INODE_RENAME, FG_GUARD_RENAME, 0,
					  fg_dentry_ino(old_dentry), NULL);
	return fg_detach(s, new_dentry, FG_HOOK_INODE_RENAME);
}

SEC("lsm/sb_umount")
int BPF_PROG(fg_seal_umount, struct vfsmount___seal *mnt, int flags, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	return fg_mount_change(s, fg_mnt_cut(s, mnt), FG_HOOK_SB_UMOUNT, FG_GUARD_UMOUNT,
			       fg_real_mount(mnt)->mnt_id, 0, mnt->mnt_sb->s_type->name);
}

/*
 * move_mount(2): the moved tree gets new mounts above it; a tree moved
 * beneath the mount at to_path (MOVE_MOUNT_BENEATH, which the hook does not
 * say: every move onto the root of a mount) becomes that mount's parent.
 * Judged as cuts at both: a moved tree holding a mount of the pins, or a
 * mount above the pins at the target, and the walk says lost.
 */
SEC("lsm/move_mount")
int BPF_PROG(fg_seal_move, const struct path___seal *from_path,
	     const struct path___seal *to_path, int ret)
{
	struct fg_seal *s;
	int v;

	if (ret)
		return ret;
	s = fg_seal_get();
	if (!s)
		return 0;
	v = fg_mnt_cut(s, from_path->mnt);
	if (v == FG_MNT_KEEPS && to_path->dentry == to_path->mnt->mnt_root)
		v = fg_mnt_cut(s, to_path->mnt);
	return fg_mount_change(s, v, FG_HOOK_MOVE_MOUNT, FG_GUARD_MOVE,
			       fg_real_mount(from_path->mnt)->mnt_id, 0,
			       from_path->mnt->mnt_sb->s_type->name);
}

/*
 * mount(2) with MS_MOVE names its source by a path the kernel resolves
 * after this hook: judged as a cut at the root of the target's namespace,
 * i.e. refused (sealed) in a namespace where some mount of the pins counts
 * (the initial one, or one whose mounts propagate).
 */
SEC("lsm/sb_mount")
int BPF_PROG(fg_seal_mount, const char *dev_name, const struct path___seal *path,
	     const char *type, unsigned long flags, void *data, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	if (!(flags & MS_MOVE))
		return 0;
	s = fg_seal_get();
	return s ? fg_mount_change(s, fg_mnt_cut_ns(s, path->mnt), FG_HOOK_SB_MOUNT,
				   FG_GUARD_MOVE, 0, 0, dev_name) : 0;
}

/* pivot_root(2) moves the namespace's root under put_old: everything in
 * the namespace gets new mounts above it. */
SEC("lsm/sb_pivotroot")
int BPF_PROG(fg_seal_pivot, const struct path___seal *old_path,
	     const struct path___seal *new_path, int ret)
{
	struct fg_seal *s;

	if (ret)
		return ret;
	s = fg_seal_get();
	return s ? fg_mount_change(s, fg_mnt_cut_ns(s, new_path->mnt), FG_HOOK_SB_PIVOTROOT,
				   FG_GUARD_MOVE, 0, 0, new_path->mnt->mnt_sb->s_type->name) : 0;
}

/*
 * The tripwire: the pins' superblock is being destroyed (its last mount
 * went), so every pin, link and hook goes with it. Runs at entry, before
 * the pins are dropped. The hooks above never let this happen while sealed;
 * if it does, this record is the only trace.
 */
SEC("fentry/bpf_kill_super")
int BPF_PROG(fg_seal_kill_super, struct super_block___seal *sb)
{
	struct fg_seal *s = fg_seal_get();
	struct fg_detail d = {};

	if (!s || !s->pin_sb || (__u64)sb != s->pin_sb)
		return 0;
	d.what = FG_GUARD_PINS_GONE;
	d.ino = s->pin_dir_ino;
	fg_guard_event(FG_HOOK_KILL_SUPER, &d, FG_ACTION_AUDIT,
		       fg_sealed(s) ? FG_REASON_SEALED : FG_REASON_GUARD_CHANGE);
	return 0;
}

/*
 * Run once by the loader (BPF_PROG_RUN), its working directory in the pin
 * folder, before it writes the seal map: the address of that folder's
 * superblock, checked against the device the loader stat()ed. Never
 * attached; the program goes when the loader closes it.
 */
SEC("syscall")
int fg_seal_anchor(struct fg_anchor_args *a)
{
	struct task_struct___seal *task = (void *)bpf_get_current_task_btf();
	struct super_block___seal *sb;
	struct fs_struct___seal *fs;

	a->sb = 0;
	if (!fg_mnt_layout_known()) {
		a->status = -EOPNOTSUPP;
		return 0;
	}
	fs = task->fs;
	sb = fs && fs->pwd.mnt ? fs->pwd.mnt->mnt_sb : NULL;
	if (!sb || sb->s_magic != FG_BPF_FS_MAGIC || sb->s_dev != a->dev) {
		a->status = -ENODEV;
		return 0;
	}
	a->sb = (__u64)sb;
	a->status = 0;
	return 0;
}
