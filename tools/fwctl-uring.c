// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-uring: FWCTL_RPC through io_uring instead of ioctl(), for the test
 * "io_uring URING_CMD on a fwctl fd is refused". A URING_CMD reaches a
 * driver's ->uring_cmd() without going through security_file_ioctl(), so a
 * guard that only hooks the ioctl path must not have a second door beside
 * it. Raw syscalls and our own ring handling (no liburing), so the static
 * binary runs in the test VM as is.
 *
 *   fwctl-uring DEV cmd   one IORING_OP_URING_CMD on an fd of DEV, cmd_op
 *                         FWCTL_RPC (0x9A01), and in the SQE's command area
 *                         a struct fwctl_rpc for CXL Get Supported Features
 *                         with valid in and out pointers
 *   fwctl-uring DEV nop   one IORING_OP_NOP on the same kind of ring: shows
 *                         that io_uring itself works in this kernel
 *
 * Prints "uring: op=cmd|nop res=R (ERRNAME)" ("(ok)" for R >= 0).
 * Exit: 0 the CQE's res >= 0, 1 res < 0, 2 usage, 3 io_uring_setup failed
 * (its errno printed: io_uring not built in, or kernel.io_uring_disabled),
 * 4 anything else before a CQE (open, mmap, io_uring_enter; errno printed).
 *
 * In 7.3 fwctl's file_operations has no ->uring_cmd, so io_uring_cmd()
 * (io_uring/uring_cmd.c) answers -EOPNOTSUPP before security_uring_cmd()
 * is even called; so does /dev/zero. /dev/null is no such control: its
 * uring_cmd_null() (drivers/char/mem.c) accepts any command with res 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fwctl_guard.h"
#include "cxl_rpc.h"

/*
 * The kernel does not require IORING_SETUP_SQE128 for IORING_OP_URING_CMD
 * (only IORING_OP_URING_CMD128 is marked is_128 in io_uring/opdef.c), but
 * the command area of a 64-byte SQE (sqe->cmd, from offset 48) holds only
 * 16 bytes, and struct fwctl_rpc is 32. With SQE128 each slot is 128 bytes
 * and the command area 80 (uring_sqe_size() copies both halves), so the
 * ring is set up with it, for nop too, so both ops use the same ring.
 */
#define SQE_SIZE	128
#define SQE_CMD_OFF	48
#define SQE_CMD_LEN	(SQE_SIZE - SQE_CMD_OFF)
_Static_assert(sizeof(struct fg_fwctl_rpc) <= SQE_CMD_LEN, "fwctl_rpc fits the command area");
_Static_assert(sizeof(struct io_uring_sqe) == 64, "64-byte SQE half");
_Static_assert(offsetof(struct io_uring_sqe, cmd) == SQE_CMD_OFF, "sqe->cmd offset");

static int usage(void)
{
	fprintf(stderr, "usage: fwctl-uring DEV cmd|nop\n");
	return 2;
}

static const char *errname(int e)
{
	return strerrorname_np(e) ?: "?";
}

static int fail(const char *what, int code)
{
	int e = errno;

	printf("%s: %s (%s)\n", what, strerror(e), errname(e));
	return code;
}

int main(int argc, char **argv)
{
	/* The request the command would carry, as fwctl-rpc's "features". */
	static struct { struct cxl_rpc_hdr h; uint32_t count; uint16_t start; uint8_t rsvd[2]; }
		__attribute__((packed)) in = {
		.h = { .opcode = CXL_OP_GET_SUPPORTED_FEATURES, .op_size = 8 },
		.count = 16 * CXL_FEAT_ENTRY_SIZE,
	};
	static uint8_t out[8 + 8 + 16 * CXL_FEAT_ENTRY_SIZE];
	struct fg_fwctl_rpc rpc = {
		.size = sizeof(rpc), .scope = FG_SCOPE_DEBUG_READ_ONLY,
		.in_len = sizeof(in), .out_len = sizeof(out),
		.in = (uintptr_t)&in, .out = (uintptr_t)out,
	};
	struct io_uring_params p = { .flags = IORING_SETUP_SQE128 };
	unsigned int *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask, idx, head;
	size_t sq_len, cq_len;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	void *sq, *cq, *sqes;
	int is_cmd, fd, ring, res;
	long n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3)
		return usage();
	if (!strcmp(argv[2], "cmd"))
		is_cmd = 1;
	else if (!strcmp(argv[2], "nop"))
		is_cmd = 0;
	else
		return usage();

	fd = open(argv[1], O_RDWR);
	if (fd < 0)
		return fail("open", 4);

	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		return fail("io_uring_setup", 3);

	/* The rings: one mapping for both if the kernel says so (5.4+). */
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP && cq_len > sq_len)
		sq_len = cq_len;
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
		  IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return fail("mmap sq ring", 4);
	if (p.features & IORING_FEAT_SINGLE_MMAP) {
		cq = sq;
	} else {
		cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
			  IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			return fail("mmap cq ring", 4);
	}
	sqes = mmap(NULL, p.sq_entries * SQE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sqes == MAP_FAILED)
		return fail("mmap sqes", 4);

	sq_tail = (unsigned int *)((char *)sq + p.sq_off.tail);
	sq_mask = (unsigned int *)((char *)sq + p.sq_off.ring_mask);
	sq_array = (unsigned int *)((char *)sq + p.sq_off.array);
	cq_head = (unsigned int *)((char *)cq + p.cq_off.head);
	cq_tail = (unsigned int *)((char *)cq + p.cq_off.tail);
	cq_mask = (unsigned int *)((char *)cq + p.cq_off.ring_mask);
	cqe = (struct io_uring_cqe *)((char *)cq + p.cq_off.cqes);

	/* Slot i of an SQE128 ring is at i * 128. */
	idx = *sq_tail & *sq_mask;
	sqe = (struct io_uring_sqe *)((char *)sqes + idx * SQE_SIZE);
	memset(sqe, 0, SQE_SIZE);
	sqe->user_data = 0x9a01;
	if (is_cmd) {
		sqe->opcode = IORING_OP_URING_CMD;
		sqe->fd = fd;
		sqe->cmd_op = FG_FWCTL_RPC;
		memcpy((char *)sqe + SQE_CMD_OFF, &rpc, sizeof(rpc));
	} else {
		sqe->opcode = IORING_OP_NOP;
		sqe->fd = -1;
	}
	sq_array[idx] = idx;
	/* The SQE before the tail that publishes it. */
	__atomic_store_n(sq_tail, *sq_tail + 1, __ATOMIC_RELEASE);

	do
		n = syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail("io_uring_enter", 4);

	head = *cq_head;
	if (__atomic_load_n(cq_tail, __ATOMIC_ACQUIRE) == head) {
		/* min_complete 1 returned without a CQE: should not happen. */
		errno = EAGAIN;
		return fail("io_uring_enter: no completion", 4);
	}
	res = cqe[head & *cq_mask].res;
	__atomic_store_n(cq_head, head + 1, __ATOMIC_RELEASE);

	printf("uring: op=%s res=%d (%s)\n", argv[2], res, res >= 0 ? "ok" : errname(-res));
	close(ring);
	close(fd);
	return res >= 0 ? 0 : 1;
}
