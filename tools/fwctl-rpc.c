// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-rpc: a small fwctl client for tests and the demo. It speaks the
 * kernel's ABI directly (FWCTL_INFO, FWCTL_RPC with the CXL Features
 * commands) and reports errno by name, so tests can assert EPERM and friends.
 *
 *   fwctl-rpc [--scope S] [--via-socket] [--cold-in] DEV info|features|get UUID|set UUID VALUE
 *   fwctl-rpc DEV badptr      FWCTL_RPC whose argument points at unmapped memory
 *   fwctl-rpc [--scope S] [--cold-in] DEV raw HEX
 *                            FWCTL_RPC with HEX (bytes, e.g. 0001000000000000...) as
 *                            the in buffer, for any device type
 *   fwctl-rpc [--scope S] [--cold-in] DEV pds OP EP HEX|fault|none
 *   fwctl-rpc [--scope S] [--cold-in] --repeat N [--interval-us U] DEV set UUID VALUE
 *       (N tries; prints repeat: tries= ok= eperm= other=)
 *                            a pds request whose payload is HEX, an unmapped
 *                            address, or empty
 *   fwctl-rpc ioctl PATH NUMBER
 *
 * --via-socket: a child process opens DEV and passes the fd over a unix
 * socket; this process then issues the RPC on the fd it received.
 * --then-ioperm: after the command, whatever its outcome, the same process
 * uses CAP_SYS_RAWIO (ioperm() of port 0x80) and prints "ioperm: ok" or its
 * errno: a capability check that is not part of the RPC (x86 only).
 * --cold-in: the RPC's in buffer (features, get, set, raw, pds) is a fresh
 * MAP_SHARED mapping of a memfd whose content was written with pwrite(),
 * never touched by this process: the page is in the page cache but not in
 * our page tables. The kernel's copy_from_user() faults it in and succeeds;
 * a reader that must not fault (bpf_probe_read_user() in a non-sleepable
 * BPF program, e.g. on file_ioctl_compat) fails on it. Each RPC (each
 * --repeat try too) gets its own mapping, so every one is cold.
 * Exit: 0 success, 1 the ioctl failed (errno printed), 2 usage,
 * 4 the device answered with a non-zero mailbox return code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>
#endif
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fwctl_guard.h"
#include "cxl_rpc.h"
#include "rpc_args.h"

static int usage(void)
{
	fprintf(stderr, "usage: fwctl-rpc [--scope S] [--via-socket] [--cold-in] "
		"[--repeat N [--interval-us U]] DEV info|features|get UUID|set UUID VALUE|"
		"badptr|raw HEX|pds OP EP HEX|fault|none\n"
		"       fwctl-rpc ioctl PATH NUMBER\n"
		"scopes: configuration debug-read-only debug-write debug-write-full or 0-3\n");
	return 2;
}

/* --repeat: the outcome of each try is counted, not printed. */
static int quiet;
static int last_errno;

static int report_errno(const char *what)
{
	int e = errno;

	last_errno = e;
	if (quiet)
		return 1;
	printf("%s: %s (%s)\n", what, strerror(e), strerrorname_np(e) ? strerrorname_np(e) : "?");
	return 1;
}

static void print_uuid(const uint8_t *u)
{
	int i;

	for (i = 0; i < 16; i++)
		printf("%02x%s", u[i], i == 3 || i == 5 || i == 7 || i == 9 ? "-" : "");
}

/* A child opens the node and sends us the fd over a unix socket. */
static int open_via_socket(const char *dev)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {}, byte = 0;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int sv[2], fd = -1, status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int dfd = open(dev, O_RDWR);

		close(sv[0]);
		if (dfd < 0)
			_exit(1);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &dfd, sizeof(int));
		_exit(sendmsg(sv[1], &msg, 0) == 1 ? 0 : 1);
	}
	close(sv[1]);
	if (recvmsg(sv[0], &msg, 0) == 1) {
		cm = CMSG_FIRSTHDR(&msg);
		if (cm && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	}
	close(sv[0]);
	waitpid(pid, &status, 0);
	if (fd < 0)
		errno = EIO;
	else
		printf("received fd from pid %d\n", (int)pid);
	return fd;
}

/* --cold-in */
static int cold_in;

/*
 * A copy of IN that is in the page cache but not mapped: written through
 * the file, then mapped and left alone (no MAP_POPULATE, no read or write
 * through the mapping), so the first access through it takes a page fault.
 */
static void *cold_copy(const void *in, uint32_t in_len, size_t *map_len)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p;
	int mfd;

	*map_len = in_len ? ((size_t)in_len + page - 1) / page * page : (size_t)page;
	mfd = memfd_create("fwctl-rpc-cold-in", MFD_CLOEXEC);
	if (mfd < 0)
		return NULL;
	if (ftruncate(mfd, *map_len) ||
	    pwrite(mfd, in, in_len, 0) != (ssize_t)in_len) {
		close(mfd);
		return NULL;
	}
	p = mmap(NULL, *map_len, PROT_READ, MAP_SHARED, mfd, 0);
	close(mfd);	/* the mapping keeps the file */
	return p == MAP_FAILED ? NULL : p;
}

static int do_rpc(int fd, uint32_t scope, void *in, uint32_t in_len, void *out, uint32_t out_len)
{
	struct fg_fwctl_rpc rpc = {
		.size = sizeof(rpc), .scope = scope, .in_len = in_len, .out_len = out_len,
		.in = (uintptr_t)in, .out = (uintptr_t)out,
	};
	void *cold = NULL;
	size_t cold_len = 0;
	int ret = 0;

	if (cold_in) {
		cold = cold_copy(in, in_len, &cold_len);
		if (!cold)
			return report_errno("cold-in");
		rpc.in = (uintptr_t)cold;
	}
	if (ioctl(fd, FG_FWCTL_RPC, &rpc))
		ret = report_errno("FWCTL_RPC");
	if (cold)
		munmap(cold, cold_len);
	return ret;
}

static int cmd_raw(int fd, uint32_t scope, const char *hex)
{
	static uint8_t in[4096], out[4096];
	uint32_t len;
	int ret;

	if (parse_hex(hex, in, sizeof(in), &len))
		return usage();
	ret = do_rpc(fd, scope, in, len, out, sizeof(out));
	if (!ret)
		printf("rpc ok\n");
	return ret;
}

/* include/uapi/fwctl/pds.h struct fwctl_rpc_pds */
struct pds_rpc {
	uint32_t op, ep, rsvd, len;
	uint64_t payload;
	uint32_t out_retval, out_rsvd[2], out_len;
	uint64_t out_payload;
};

static int cmd_pds(int fd, uint32_t scope, const char *op, const char *ep, const char *hex)
{
	static uint8_t payload[256], resp[256];
	struct pds_rpc r = { .op = strtoul(op, NULL, 0), .ep = strtoul(ep, NULL, 0),
			     .out_len = sizeof(resp), .out_payload = (uintptr_t)resp };
	int ret;

	if (!strcmp(hex, "fault")) {
		r.len = 16;
		r.payload = 16;		/* page zero is never mapped */
	} else if (strcmp(hex, "none")) {
		if (parse_hex(hex, payload, sizeof(payload), &r.len))
			return usage();
		r.payload = (uintptr_t)payload;
	}
	ret = do_rpc(fd, scope, &r, sizeof(r), &r, sizeof(r));
	if (!ret)
		printf("rpc ok\n");
	return ret;
}

static int check_retval(const struct cxl_rpc_out_hdr *o)
{
	if (o->retval) {
		printf("device retval=%u\n", o->retval);
		return 4;
	}
	return 0;
}

static int cmd_info(int fd)
{
	static const char *const types[] = { "error", "mlx5", "cxl", "bnxt", "pds" };
	struct fg_fwctl_info info = { .size = sizeof(info) };

	if (ioctl(fd, FG_FWCTL_INFO, &info))
		return report_errno("FWCTL_INFO");
	printf("type=%s (%u)\n", info.out_device_type < 5 ? types[info.out_device_type] : "?",
	       info.out_device_type);
	return 0;
}

static int cmd_features(int fd, uint32_t scope)
{
	struct { struct cxl_rpc_hdr h; uint32_t count; uint16_t start; uint8_t rsvd[2]; }
		__attribute__((packed)) in = {
		.h = { .opcode = CXL_OP_GET_SUPPORTED_FEATURES, .op_size = 8 },
		.count = 16 * CXL_FEAT_ENTRY_SIZE,
	};
	uint8_t out[8 + 8 + 16 * CXL_FEAT_ENTRY_SIZE] = {};
	uint16_t n, supported, i;
	int ret;

	ret = do_rpc(fd, scope, &in, sizeof(in), out, sizeof(out));
	if (ret)
		return ret;
	ret = check_retval((void *)out);
	if (ret)
		return ret;
	memcpy(&n, out + 8, 2);
	memcpy(&supported, out + 10, 2);
	printf("entries=%u supported=%u\n", n, supported);
	for (i = 0; i < n && i < 16; i++) {
		const uint8_t *e = out + 16 + i * CXL_FEAT_ENTRY_SIZE;
		uint16_t get_size, set_size, effects;
		uint32_t flags;

		memcpy(&get_size, e + 18, 2);
		memcpy(&set_size, e + 20, 2);
		memcpy(&flags, e + 22, 4);
		memcpy(&effects, e + 28, 2);
		printf("feature uuid=");
		print_uuid(e);
		printf(" get_size=%u set_size=%u flags=0x%x effects=0x%04x\n", get_size, set_size,
		       flags, effects);
	}
	return 0;
}

static int cmd_get(int fd, uint32_t scope, const uint8_t uuid[16])
{
	struct cxl_get_feature_in in;
	struct { struct cxl_rpc_out_hdr h; uint32_t value; } out = {};
	int ret;

	cxl_get_feature_init(&in, uuid);
	ret = do_rpc(fd, scope, &in, sizeof(in), &out, sizeof(out));
	if (ret)
		return ret;
	ret = check_retval(&out.h);
	if (ret)
		return ret;
	printf("value=0x%08x\n", out.value);
	return 0;
}

static int cmd_set(int fd, uint32_t scope, const uint8_t uuid[16], uint32_t value)
{
	struct cxl_set_feature_in in;
	struct cxl_rpc_out_hdr out = {};
	int ret;

	cxl_set_feature_init(&in, uuid, value);
	ret = do_rpc(fd, scope, &in, sizeof(in), &out, sizeof(out));
	if (ret)
		return ret;
	ret = check_retval(&out);
	if (ret)
		return ret;
	if (!quiet)
		printf("set ok\n");
	return 0;
}

/* An argument the kernel (and the guard) cannot read. */
static int cmd_badptr(int fd)
{
	if (ioctl(fd, FG_FWCTL_RPC, (void *)8))
		return report_errno("FWCTL_RPC");
	printf("ioctl ok\n");
	return 0;
}

static int cmd_ioctl(const char *path, const char *num)
{
	unsigned char buf[64] = {};
	unsigned long nr = strtoul(num, NULL, 0);
	int fd = open(path, O_RDWR);

	if (fd < 0)
		return report_errno("open");
	if (ioctl(fd, nr, buf)) {
		int ret = report_errno("ioctl");

		close(fd);
		return ret;
	}
	printf("ioctl ok\n");
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t scope = 0, value;
	unsigned long repeat = 0, interval_us = 0, n, ok = 0, eperm = 0, other = 0;
	int via_socket = 0, then_ioperm = 0, fd, i = 1, ret;
	uint8_t uuid[16];
	const char *dev, *cmd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--scope") && i + 1 < argc) {
			if (parse_scope(argv[++i], &scope))
				return usage();
		} else if (!strcmp(argv[i], "--via-socket")) {
			via_socket = 1;
		} else if (!strcmp(argv[i], "--cold-in")) {
			cold_in = 1;
		} else if (!strcmp(argv[i], "--then-ioperm")) {
			then_ioperm = 1;
		} else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--interval-us") && i + 1 < argc) {
			interval_us = strtoul(argv[++i], NULL, 0);
		} else {
			return usage();
		}
	}
	if (i + 3 == argc && !strcmp(argv[i], "ioctl"))
		return cmd_ioctl(argv[i + 1], argv[i + 2]);
	if (i + 2 > argc)
		return usage();
	dev = argv[i];
	cmd = argv[i + 1];
	fd = via_socket ? open_via_socket(dev) : open(dev, O_RDWR);
	if (fd < 0)
		return report_errno("open");
	if (!strcmp(cmd, "info") && i + 2 == argc)
		ret = cmd_info(fd);
	else if (!strcmp(cmd, "badptr") && i + 2 == argc)
		ret = cmd_badptr(fd);
	else if (!strcmp(cmd, "raw") && i + 3 == argc)
		ret = cmd_raw(fd, scope, argv[i + 2]);
	else if (!strcmp(cmd, "pds") && i + 5 == argc)
		ret = cmd_pds(fd, scope, argv[i + 2], argv[i + 3], argv[i + 4]);
	else if (!strcmp(cmd, "features") && i + 2 == argc)
		ret = cmd_features(fd, scope);
	else if (!strcmp(cmd, "get") && i + 3 == argc && !parse_uuid(argv[i + 2], uuid))
		ret = cmd_get(fd, scope, uuid);
	else if (!strcmp(cmd, "set") && i + 4 == argc && !parse_uuid(argv[i + 2], uuid)) {
		value = strtoul(argv[i + 3], NULL, 0);
		if (!repeat) {
			ret = cmd_set(fd, scope, uuid, value);
		} else {
			/* The same RPC again and again: only EPERM (the guard) and
			 * success are expected outcomes; anything else is "other". */
			quiet = 1;
			for (n = 0; n < repeat; n++) {
				ret = cmd_set(fd, scope, uuid, value);
				if (!ret)
					ok++;
				else if (ret == 1 && last_errno == EPERM)
					eperm++;
				else
					other++;
				if (interval_us)
					usleep(interval_us);
			}
			printf("repeat: tries=%lu ok=%lu eperm=%lu other=%lu\n", repeat, ok, eperm,
			       other);
			ret = other ? 1 : 0;
		}
	} else
		ret = usage();
	close(fd);
	if (then_ioperm) {
#if defined(__x86_64__) || defined(__i386__)
		if (ioperm(0x80, 1, 1))
			report_errno("ioperm");
		else
			printf("ioperm: ok\n");
#else
		printf("ioperm: not on this architecture\n");
#endif
	}
	return ret;
}
