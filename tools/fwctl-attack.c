// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-attack: what root tries against a sealed guard's maps and mounts
 * (docs/security.md), for the hardening tests (tests/vm/guest-hardening.sh).
 * Each step prints one line, "STEP: done" or "STEP: refused (ERRNO TEXT)";
 * the exit status is 0 when every step was refused, 1 when one was done,
 * 2 on a usage error or a failure that says nothing about the guard.
 *
 *   map-fd PIN             BPF_OBJ_GET of a pinned map, read-only
 *   prog-write PIN VALUE   a read-only fd, then a BPF program that stores
 *                          VALUE in the first 4 bytes of the map's value 0
 *                          (the verifier does not check the fd's mode)
 *   hold PIN...            open each pinned map read-only and writable
 *                          (before the seal), print "ready", wait for a
 *                          line on stdin, then try with those fds: a
 *                          program write, a map-element iterator write,
 *                          a batch update, an update (all of value 0's
 *                          first 4 bytes to 0), and handing the read-only
 *                          fd to a child over SCM_RIGHTS
 *   steal PID              pidfd_getfd of each of PID's bpf-map fds
 *   move-beneath SRC DST   move_mount(2) of the mount at SRC beneath the
 *                          mount at DST (MOVE_MOUNT_BENEATH)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#ifndef MOVE_MOUNT_BENEATH
#define MOVE_MOUNT_BENEATH	0x00000200
#endif
#define MAP_ITER_FUNC		"bpf_iter_bpf_map_elem"

static int done_any;

/* One step's outcome: ret < 0 is -errno. */
static void step(const char *what, const char *obj, int ret)
{
	if (ret >= 0) {
		done_any = 1;
		printf("%s %s: done\n", what, obj);
	} else {
		printf("%s %s: refused (%s)\n", what, obj, strerror(-ret));
	}
	fflush(stdout);
}

static void die(const char *what)
{
	fprintf(stderr, "fwctl-attack: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int map_get(const char *pin, __u32 flags)
{
	LIBBPF_OPTS(bpf_obj_get_opts, opts, .file_flags = flags);
	int fd = bpf_obj_get_opts(pin, &opts);

	return fd < 0 ? -errno : fd;
}

static const char *map_name(int fd, char *buf, size_t len)
{
	struct bpf_map_info info = {};
	__u32 n = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &n))
		snprintf(buf, len, "fd%d", fd);
	else
		snprintf(buf, len, "%s", info.name);
	return buf;
}

/* Instructions, as the kernel's filter.h writes them. */
#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
						.off = (o), .imm = (i) })
#define ST_W(dst, off, imm)	INSN(BPF_ST | BPF_MEM | BPF_W, dst, 0, off, imm)
#define LDX_DW(dst, src, off)	INSN(BPF_LDX | BPF_MEM | BPF_DW, dst, src, off, 0)
#define MOV_REG(dst, src)	INSN(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0)
#define MOV_IMM(dst, imm)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm)
#define ADD_IMM(dst, imm)	INSN(BPF_ALU64 | BPF_ADD | BPF_K, dst, 0, 0, imm)
#define JEQ_IMM(dst, imm, off)	INSN(BPF_JMP | BPF_JEQ | BPF_K, dst, 0, off, imm)
#define CALL(fn)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, fn)
#define EXIT()			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LD_MAP_FD(dst, fd)	INSN(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_FD, 0, fd), \
				INSN(0, 0, 0, 0, 0)

/* A syscall program (BPF_PROG_RUN) that looks up value 0 of the map and
 * stores value in its first 4 bytes. */
static int prog_write(int map_fd, __u32 value)
{
	struct bpf_insn insns[] = {
		ST_W(BPF_REG_10, -4, 0),
		LD_MAP_FD(BPF_REG_1, map_fd),
		MOV_REG(BPF_REG_2, BPF_REG_10),
		ADD_IMM(BPF_REG_2, -4),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQ_IMM(BPF_REG_0, 0, 1),
		ST_W(BPF_REG_0, 0, (int)value),
		MOV_IMM(BPF_REG_0, 0),
		EXIT(),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_flags = BPF_F_SLEEPABLE);
	LIBBPF_OPTS(bpf_test_run_opts, run);
	int prog, ret = 0;

	prog = bpf_prog_load(BPF_PROG_TYPE_SYSCALL, "fga_write", "GPL", insns,
			     sizeof(insns) / sizeof(insns[0]), &opts);
	if (prog < 0)
		return -errno;
	if (bpf_prog_test_run_opts(prog, &run))
		ret = -errno;
	close(prog);
	return ret;
}

/* A map-element iterator that stores value in the first 4 bytes of every
 * value of the map: iterators get read-write access to values whatever
 * the fd's mode and the map's BPF_F_RDONLY_PROG. */
static int iter_write(int map_fd, __u32 value)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 24),	/* ctx->value */
		JEQ_IMM(BPF_REG_2, 0, 1),
		ST_W(BPF_REG_2, 0, (int)value),
		MOV_IMM(BPF_REG_0, 0),
		EXIT(),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_ITER);
	union bpf_iter_link_info linfo = { .map.map_fd = map_fd };
	LIBBPF_OPTS(bpf_link_create_opts, lopts, .iter_info = &linfo,
		    .iter_info_len = sizeof(linfo));
	int prog, link = -1, iter = -1, id, ret = 0;
	struct btf *vmlinux;
	char buf[64];

	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		die("kernel BTF");
	id = btf__find_by_name_kind(vmlinux, MAP_ITER_FUNC, BTF_KIND_FUNC);
	btf__free(vmlinux);
	if (id < 0)
		die("no " MAP_ITER_FUNC " in the kernel's BTF");
	opts.attach_btf_id = id;
	prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, "fga_iter", "GPL", insns,
			     sizeof(insns) / sizeof(insns[0]), &opts);
	if (prog < 0)
		return -errno;
	link = bpf_link_create(prog, 0, BPF_TRACE_ITER, &lopts);
	if (link < 0)
		ret = -errno;
	if (!ret && (iter = bpf_iter_create(link)) < 0)
		ret = -errno;
	while (!ret && read(iter, buf, sizeof(buf)) > 0)
		;
	if (iter >= 0)
		close(iter);
	if (link >= 0)
		close(link);
	close(prog);
	return ret;
}

static int batch_update(int fd, __u32 value_size)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	__u32 key = 0, count = 1;
	void *val = calloc(1, value_size);
	int ret;

	if (!val)
		die("memory");
	ret = bpf_map_update_batch(fd, &key, val, &count, &opts) ? -errno : 0;
	free(val);
	return ret;
}

static int update(int fd, __u32 value_size)
{
	void *val = calloc(1, value_size);
	__u32 key = 0;
	int ret;

	if (!val)
		die("memory");
	ret = bpf_map_update_elem(fd, &key, val, BPF_ANY) ? -errno : 0;
	free(val);
	return ret;
}

/* Hand fd to a child over a unix socket: 0 if the child got it. */
static int pass_fd(int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {}, byte = 'x';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int sv[2], status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(sv[0]);
		if (recvmsg(sv[1], &msg, 0) != 1)
			_exit(3);
		c = CMSG_FIRSTHDR(&msg);
		_exit(c && c->cmsg_type == SCM_RIGHTS && !(msg.msg_flags & MSG_CTRUNC) ? 0 : 1);
	}
	close(sv[1]);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sv[0], &msg, 0) != 1)
		die("sendmsg");
	close(sv[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
		die("the receiving child");
	return WEXITSTATUS(status) ? -EPERM : 0;
}

static int cmd_hold(int argc, char **argv)
{
	int ro[16], rw[16], i, n = argc;
	struct bpf_map_info info;
	char name[32], line[16];
	__u32 len;

	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++) {
		ro[i] = map_get(argv[i], BPF_F_RDONLY);
		rw[i] = map_get(argv[i], 0);
		if (ro[i] < 0 || rw[i] < 0) {
			errno = ro[i] < 0 ? -ro[i] : -rw[i];
			die(argv[i]);
		}
	}
	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		die("stdin");
	for (i = 0; i < n; i++) {
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (bpf_obj_get_info_by_fd(ro[i], &info, &len))
			die("map info");
		snprintf(name, sizeof(name), "%s", info.name);
		step("prog-write", name, prog_write(ro[i], 0));
		step("iter-write", name, iter_write(ro[i], 0));
		step("batch-update", name, batch_update(rw[i], info.value_size));
		step("update", name, update(rw[i], info.value_size));
		step("scm-rights", name, pass_fd(ro[i]));
	}
	return done_any;
}

static int cmd_steal(const char *pid_s)
{
	char path[PATH_MAX], link[64], name[32];
	int pidfd, fd, n = 0;
	struct dirent *de;
	DIR *d;

	pidfd = syscall(SYS_pidfd_open, atoi(pid_s), 0);
	if (pidfd < 0)
		die("pidfd_open");
	snprintf(path, sizeof(path), "/proc/%s/fd", pid_s);
	d = opendir(path);
	if (!d)
		die(path);
	while ((de = readdir(d))) {
		ssize_t l;

		snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid_s, de->d_name);
		l = readlink(path, link, sizeof(link) - 1);
		if (l < 0)
			continue;
		link[l] = '\0';
		if (strcmp(link, "anon_inode:bpf-map"))
			continue;
		n++;
		fd = syscall(SYS_pidfd_getfd, pidfd, atoi(de->d_name), 0);
		snprintf(path, sizeof(path), "fd %s", de->d_name);
		step("pidfd_getfd", fd < 0 ? path : map_name(fd, name, sizeof(name)),
		     fd < 0 ? -errno : fd);
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	if (!n) {
		fprintf(stderr, "fwctl-attack: process %s holds no bpf map\n", pid_s);
		return 2;
	}
	return done_any;
}

int main(int argc, char **argv)
{
	char name[32];
	int fd;

	if (argc == 3 && !strcmp(argv[1], "map-fd")) {
		fd = map_get(argv[2], BPF_F_RDONLY);
		step("map-fd", fd < 0 ? argv[2] : map_name(fd, name, sizeof(name)), fd);
		return done_any;
	}
	if (argc == 4 && !strcmp(argv[1], "prog-write")) {
		fd = map_get(argv[2], BPF_F_RDONLY);
		if (fd < 0) {
			step("map-fd", argv[2], fd);
			return done_any;
		}
		step("prog-write", map_name(fd, name, sizeof(name)),
		     prog_write(fd, strtoul(argv[3], NULL, 0)));
		return done_any;
	}
	if (argc >= 3 && !strcmp(argv[1], "hold"))
		return cmd_hold(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "steal"))
		return cmd_steal(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "move-beneath")) {
		step("move-beneath", argv[3],
		     syscall(SYS_move_mount, AT_FDCWD, argv[2], AT_FDCWD, argv[3],
			     MOVE_MOUNT_BENEATH) ? -errno : 0);
		return done_any;
	}
	fprintf(stderr, "usage: fwctl-attack map-fd PIN | prog-write PIN VALUE | hold PIN... | "
		"steal PID | move-beneath SRC DST\n");
	return 2;
}
