// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seal's mount walk (bpf/mounts.bpf.h) under the host's verifier and
 * JIT (tests/bpf/mounts_test.bpf.c, BPF_PROG_RUN), on mount trees built in
 * a mount namespace of the test's own (gone with the test's process): a
 * tmpfs T, a tmpfs A on T/a, a bpffs X (the "pins") on T/a/b, an unrelated
 * tmpfs C on T/c. The walk is told which namespace is the initial one:
 * this one, or none.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "fwctl_guard.h"
#include "mounts_test.h"
#include "mounts_test.skel.h"

struct tree {
	char base[64];
	char path[128];
	int fd_c;		/* O_PATH of C's root */
	int fd_d;		/* O_PATH of T/d, a plain directory */
	__u64 own_ns;
};

/* Needs CAP_SYS_ADMIN (a mount namespace) and CAP_BPF: skipped without,
 * except under CI=true. */
static void need_root(int err, const char *what)
{
	if (!getenv("CI") && (err == EPERM || err == EACCES))
		cr_skip_test("cannot %s here (%s): run as root", what, strerror(err));
	cr_assert_fail("cannot %s: %s", what, strerror(err));
}

static const char *sub(struct tree *t, const char *rel)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->base, rel);
	return t->path;
}

static void build_tree(struct tree *t)
{
	struct stat st;

	if (unshare(CLONE_NEWNS))
		need_root(errno, "create a mount namespace");
	cr_assert_eq(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0, "%s", strerror(errno));
	/* A /tmp of this namespace's own: nothing is left on the host's. */
	cr_assert_eq(mount("fgtmp", "/tmp", "tmpfs", 0, NULL), 0, "%s", strerror(errno));
	snprintf(t->base, sizeof(t->base), "/tmp/fg-mounts-XXXXXX");
	cr_assert_not_null(mkdtemp(t->base));
	cr_assert_eq(mount("t", t->base, "tmpfs", 0, NULL), 0, "%s", strerror(errno));
	cr_assert_eq(mkdir(sub(t, "a"), 0700), 0);
	cr_assert_eq(mount("a", sub(t, "a"), "tmpfs", 0, NULL), 0, "%s", strerror(errno));
	cr_assert_eq(mkdir(sub(t, "a/b"), 0700), 0);
	cr_assert_eq(mount("x", sub(t, "a/b"), "bpf", 0, NULL), 0, "%s", strerror(errno));
	cr_assert_eq(mkdir(sub(t, "c"), 0700), 0);
	cr_assert_eq(mount("c", sub(t, "c"), "tmpfs", 0, NULL), 0, "%s", strerror(errno));
	cr_assert_eq(mkdir(sub(t, "d"), 0700), 0);
	t->fd_c = open(sub(t, "c"), O_PATH | O_DIRECTORY);
	t->fd_d = open(sub(t, "d"), O_PATH | O_DIRECTORY);
	cr_assert(t->fd_c >= 0 && t->fd_d >= 0);
	cr_assert_eq(stat("/proc/self/ns/mnt", &st), 0);
	t->own_ns = st.st_ino;
	cr_assert_eq(chdir(sub(t, "a/b")), 0);
}

static void drop_tree(struct tree *t)
{
	cr_assert_eq(chdir("/"), 0);
	close(t->fd_c);
	close(t->fd_d);
}

static int judge(struct mounts_test_bpf *skel, __u32 op, __u32 fd, __u64 ns)
{
	struct mounts_test_ctx ctx = { .op = op, .fd = fd, .ns_ino = ns };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));

	cr_assert_eq(bpf_prog_test_run_opts(bpf_program__fd(skel->progs.judge), &opts), 0,
		     "BPF_PROG_RUN: %s", strerror(errno));
	cr_assert_eq(opts.retval, 0, "op %u: program returned %u", op, opts.retval);
	return ctx.result;
}

static struct mounts_test_bpf *open_skel(void)
{
	struct mounts_test_bpf *skel = mounts_test_bpf__open_and_load();

	if (!skel)
		need_root(errno, "load a BPF program");
	return skel;
}

#define NO_NS 1		/* no namespace has this inode: "the initial one is elsewhere" */

Test(mounts, the_initial_namespace_keeps_every_mount_of_the_pins)
{
	struct mounts_test_bpf *skel = open_skel();
	struct tree t;

	build_tree(&t);
	cr_assert_eq(judge(skel, MT_CUT_PWD, 0, t.own_ns), MT_UNKNOWN, "no anchor yet");
	cr_assert_eq(judge(skel, MT_ANCHOR, 0, t.own_ns), 0);
	cr_expect_eq(judge(skel, MT_CUT_PWD, 0, t.own_ns), MT_DROPS, "umount of the bpffs");
	cr_expect_eq(judge(skel, MT_CUT_PWD_PARENT, 0, t.own_ns), MT_DROPS, "umount -l above");
	cr_expect_eq(judge(skel, MT_CUT_ROOT, 0, t.own_ns), MT_DROPS, "umount -l /");
	cr_expect_eq(judge(skel, MT_CUT_FD, t.fd_c, t.own_ns), MT_KEEPS, "unrelated umount");
	cr_expect_eq(judge(skel, MT_DETACH_PWD, 0, t.own_ns), MT_DROPS, "rmdir of its mountpoint");
	cr_expect_eq(judge(skel, MT_DETACH_PWD_PARENT, 0, t.own_ns), MT_DROPS,
		     "rmdir of the mountpoint above");
	cr_expect_eq(judge(skel, MT_DETACH_FD, t.fd_d, t.own_ns), MT_KEEPS,
		     "rmdir of a plain directory");
	/* A second mount of the pins' superblock does not make the first one
	 * expendable. */
	cr_assert_eq(mkdir(sub(&t, "e"), 0700), 0);
	cr_assert_eq(mount(sub(&t, "a/b"), sub(&t, "e"), NULL, MS_BIND, NULL), 0);
	cr_expect_eq(judge(skel, MT_CUT_PWD_PARENT, 0, t.own_ns), MT_DROPS);
	drop_tree(&t);
	mounts_test_bpf__destroy(skel);
}

Test(mounts, another_namespace_may_drop_its_copies_unless_they_propagate)
{
	struct mounts_test_bpf *skel = open_skel();
	struct tree t;

	build_tree(&t);
	cr_assert_eq(judge(skel, MT_ANCHOR, 0, NO_NS), 0);
	cr_expect_eq(judge(skel, MT_CUT_PWD, 0, NO_NS), MT_KEEPS, "private umount");
	cr_expect_eq(judge(skel, MT_CUT_PWD_PARENT, 0, NO_NS), MT_KEEPS, "private umount -l");
	cr_expect_eq(judge(skel, MT_CUT_ROOT, 0, NO_NS), MT_KEEPS, "private umount -l /");
	cr_expect_eq(judge(skel, MT_DETACH_PWD, 0, NO_NS), MT_KEEPS,
		     "a detach only counts in the initial namespace");
	/* A shared but alone in its peer group: propagates nowhere. */
	cr_assert_eq(mount(NULL, sub(&t, "a"), NULL, MS_SHARED, NULL), 0, "%s", strerror(errno));
	cr_expect_eq(judge(skel, MT_CUT_PWD, 0, NO_NS), MT_KEEPS, "shared, no peer");
	/* A peer of A (a bind mount of it): an umount of A's children
	 * propagates to it. */
	cr_assert_eq(mkdir(sub(&t, "f"), 0700), 0);
	cr_assert_eq(mount(sub(&t, "a"), sub(&t, "f"), NULL, MS_BIND, NULL), 0, "%s",
		     strerror(errno));
	cr_expect_eq(judge(skel, MT_CUT_PWD, 0, NO_NS), MT_DROPS, "umount below a shared mount");
	cr_expect_eq(judge(skel, MT_CUT_PWD_PARENT, 0, NO_NS), MT_DROPS,
		     "umount -l of a subtree with a shared mount");
	cr_expect_eq(judge(skel, MT_CUT_FD, t.fd_c, NO_NS), MT_KEEPS, "unrelated umount");
	/* A private again, T shared with a peer: only cuts at A or above
	 * propagate. */
	cr_assert_eq(mount(NULL, sub(&t, "a"), NULL, MS_PRIVATE, NULL), 0);
	cr_assert_eq(mount(NULL, t.base, NULL, MS_SHARED, NULL), 0);
	cr_assert_eq(mkdir("/tmp/fg-mounts-peer", 0700), 0);
	cr_assert_eq(mount(t.base, "/tmp/fg-mounts-peer", NULL, MS_BIND, NULL), 0);
	cr_expect_eq(judge(skel, MT_CUT_PWD, 0, NO_NS), MT_KEEPS, "parent private");
	cr_expect_eq(judge(skel, MT_CUT_PWD_PARENT, 0, NO_NS), MT_DROPS, "grandparent shared");
	drop_tree(&t);
	mounts_test_bpf__destroy(skel);
}

/* In a copy of this namespace made with propagation prop (0: as it is),
 * what the walk says of op, this namespace being the initial one. */
static int judge_in_copy(struct mounts_test_bpf *skel, struct tree *t, unsigned long prop, __u32 op)
{
	int status;
	pid_t pid;

	pid = fork();
	cr_assert(pid >= 0);
	if (!pid) {
		if (unshare(CLONE_NEWNS) || (prop && mount(NULL, "/", NULL, MS_REC | prop, NULL)))
			_exit(100);
		_exit(judge(skel, op, 0, t->own_ns));
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

Test(mounts, a_copy_of_the_initial_namespace_drops_nothing_it_shares)
{
	struct mounts_test_bpf *skel = open_skel();
	struct tree t;

	build_tree(&t);
	cr_assert_eq(judge(skel, MT_ANCHOR, 0, t.own_ns), 0);
	cr_assert_eq(mount(NULL, t.base, NULL, MS_REC | MS_SHARED, NULL), 0, "%s", strerror(errno));
	cr_expect_eq(judge_in_copy(skel, &t, 0, MT_CUT_PWD_PARENT), MT_DROPS,
		     "umount -l in a peer copy propagates here");
	cr_expect_eq(judge_in_copy(skel, &t, 0, MT_CUT_PWD), MT_DROPS,
		     "umount of the bpffs in a peer copy propagates here");
	cr_expect_eq(judge_in_copy(skel, &t, MS_SLAVE, MT_CUT_PWD_PARENT), MT_KEEPS,
		     "a slave copy's umount stays there");
	cr_expect_eq(judge_in_copy(skel, &t, MS_PRIVATE, MT_CUT_PWD_PARENT), MT_KEEPS,
		     "a private copy's umount stays there");
	cr_expect_eq(judge_in_copy(skel, &t, MS_PRIVATE, MT_DETACH_PWD_PARENT), MT_DROPS,
		     "an rmdir in a private copy detaches here too");
	drop_tree(&t);
	mounts_test_bpf__destroy(skel);
}
