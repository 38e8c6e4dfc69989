// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-race: a fwctl caller that races itself, for time-of-check/time-of-use
 * tests. The kernel copies struct fwctl_rpc and the in buffer from user
 * memory after the LSM hook has looked at them; a second thread of the
 * caller can change them in between. This tool makes that window as busy as
 * it can so that a test can count what got through.
 *
 *   fwctl-race DEV scope N
 *   fwctl-race DEV payload|none N UUID_A UUID_B
 *   fwctl-race DEV raw N SCOPE_A SCOPE_B HEX
 *
 * The main thread issues N FWCTL_RPC ioctls, all on one shared struct
 * fwctl_rpc and one shared in buffer, while a second thread flips one field
 * of them as fast as it can (volatile stores, no sleeping):
 *
 *   scope    CXL Get Supported Features (as fwctl-rpc's "features"); the
 *            flipper toggles rpc.scope between 1 (debug-read-only) and
 *            3 (debug-write-full)
 *   payload  CXL Get Feature of UUID_A at scope 1 (as fwctl-rpc's "get");
 *            the flipper toggles the 16 UUID bytes of the in buffer between
 *            UUID_A and UUID_B
 *   none     the same request as payload, and the flipper writes UUID_A over
 *            itself: the control run, same threads and stores, no change
 *   raw      any device type: the request bytes HEX (at most 64) at
 *            SCOPE_A; the flipper toggles rpc.scope between SCOPE_A and
 *            SCOPE_B (names as fwctl-rpc's --scope, or 0-3). SCOPE_B equal
 *            to SCOPE_A is the control run. No reply format is known here:
 *            mbox stays 0, ok counts the ioctls that returned 0.
 *
 * The 16 UUID bytes are written as two 8-byte stores, so a reader can also
 * catch half of each (a UUID that is neither A nor B).
 *
 * UUIDs are written like fwctl-rpc's (32 hex digits, dashes ignored, or
 * "test" for the CXL mock's all-ff feature). Before each ioctl the main
 * thread puts back the first value (scope 1 or SCOPE_A, UUID_A) and the
 * rest of the request, which the kernel writes back (out_len).
 *
 * Output, one line:
 *   race: mode=M tries=N ok=A eperm=B mbox=C other=D [ERRNAME=count]... flips=F
 * ok: ioctl 0 and (but in raw mode) mailbox retval 0; eperm: ioctl failed
 * with EPERM; mbox: ioctl 0 but the CXL out header's retval is not 0;
 * other: any other errno, counted per name after "other=" (errnoNNN for a
 * number without a name).
 * flips: how many stores the flipper made.
 *
 * Exit: 0 the run completed (whatever the counts), 1 DEV cannot be opened
 * or the thread not started (errno printed), 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fwctl_guard.h"
#include "cxl_rpc.h"
#include "rpc_args.h"

/* Kernel errnos stay below 4096 (MAX_ERRNO); some internal ones (ENOTSUPP,
 * 524) do leak to user space, so count them all by number. */
#define MAX_ERRNO			4096

/* The two requests, laid out as fwctl-rpc builds them. */
struct cxl_get_supported_in {
	struct cxl_rpc_hdr h;
	uint32_t count;
	uint16_t start;
	uint8_t rsvd[2];
} __attribute__((packed));

enum race_mode { RACE_SCOPE, RACE_PAYLOAD, RACE_NONE, RACE_RAW };

/*
 * Shared between the threads. The UUID sits at offset 16 of the Get Feature
 * request: with the buffer 16-byte aligned it is two aligned u64 stores.
 */
static struct fg_fwctl_rpc rpc __attribute__((aligned(64)));
static union {
	struct cxl_get_supported_in sup;
	struct cxl_get_feature_in get;
	uint64_t q[8];
	uint8_t raw[64];
} in __attribute__((aligned(64)));
static uint8_t out[8 + 8 + 16 * CXL_FEAT_ENTRY_SIZE] __attribute__((aligned(64)));

static enum race_mode mode;
static uint8_t uuid_a[16], uuid_b[16];
static uint8_t raw_req[sizeof(in.raw)];
static uint32_t raw_len, scope_a = FG_SCOPE_DEBUG_READ_ONLY, scope_b = FG_SCOPE_DEBUG_WRITE_FULL;
static volatile int stop;
static unsigned long flips;

static int usage(void)
{
	fprintf(stderr, "usage: fwctl-race DEV scope N\n"
		"       fwctl-race DEV payload|none N UUID_A UUID_B\n"
		"       fwctl-race DEV raw N SCOPE_A SCOPE_B HEX\n");
	return 2;
}

/*
 * The flipper: no sleeping, no atomics on the data, only volatile stores,
 * so the compiler neither merges nor drops them and the other thread (and
 * the kernel reading user memory) sees each one. payload and none run the
 * very same loop; none merely has A in both slots.
 */
static void *flipper(void *arg)
{
	volatile uint32_t *scope = &rpc.scope;
	volatile uint64_t *u = &in.q[2];	/* in.get.uuid */
	uint64_t v[2][2];
	unsigned long n = 0;

	(void)arg;
	memcpy(v[0], uuid_a, 16);
	memcpy(v[1], mode == RACE_PAYLOAD ? uuid_b : uuid_a, 16);
	if (mode == RACE_SCOPE || mode == RACE_RAW) {
		while (!stop) {
			*scope = scope_b;
			*scope = scope_a;
			n += 2;
		}
	} else {
		while (!stop) {
			u[0] = v[1][0];
			u[1] = v[1][1];
			u[0] = v[0][0];
			u[1] = v[0][1];
			n += 2;
		}
	}
	flips = n;
	return NULL;
}

/* The whole request again: the kernel wrote out_len back, the flipper may
 * have left its second value. */
static void reset_request(void)
{
	volatile uint64_t *u = &in.q[2];
	uint64_t a[2];

	rpc.size = sizeof(rpc);
	rpc.scope = scope_a;
	rpc.out_len = sizeof(out);
	rpc.in = (uintptr_t)&in;
	rpc.out = (uintptr_t)out;
	if (mode == RACE_RAW) {
		rpc.in_len = raw_len;
		memcpy(in.raw, raw_req, raw_len);
	} else if (mode == RACE_SCOPE) {
		rpc.in_len = sizeof(in.sup);
		in.sup.h.opcode = CXL_OP_GET_SUPPORTED_FEATURES;
		in.sup.h.flags = 0;
		in.sup.h.op_size = 8;
		in.sup.h.reserved = 0;
		in.sup.count = 16 * CXL_FEAT_ENTRY_SIZE;
		in.sup.start = 0;
	} else {
		rpc.in_len = sizeof(in.get);
		in.get.h.opcode = CXL_OP_GET_FEATURE;
		in.get.h.flags = 0;
		in.get.h.op_size = 21;
		in.get.h.reserved = 0;
		memcpy(a, uuid_a, 16);
		u[0] = a[0];
		u[1] = a[1];
		in.get.offset = 0;
		in.get.count = 4;
		in.get.sel = 0;
	}
	/* A reply that never came must not read as retval 0 by accident. */
	memset(out, 0xff, sizeof(struct cxl_rpc_out_hdr));
}

int main(int argc, char **argv)
{
	static unsigned long other_by_errno[MAX_ERRNO];
	unsigned long tries, i, ok = 0, eperm = 0, mbox = 0, other = 0;
	struct cxl_rpc_out_hdr o;
	pthread_t thread;
	char *end;
	int fd, e;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 4)
		return usage();
	if (!strcmp(argv[2], "scope") && argc == 4)
		mode = RACE_SCOPE;
	else if (!strcmp(argv[2], "payload") && argc == 6)
		mode = RACE_PAYLOAD;
	else if (!strcmp(argv[2], "none") && argc == 6)
		mode = RACE_NONE;
	else if (!strcmp(argv[2], "raw") && argc == 7)
		mode = RACE_RAW;
	else
		return usage();
	tries = strtoul(argv[3], &end, 0);
	if (*end || !*argv[3] || argv[3][0] == '-')
		return usage();
	if ((mode == RACE_PAYLOAD || mode == RACE_NONE) &&
	    (parse_uuid(argv[4], uuid_a) || parse_uuid(argv[5], uuid_b)))
		return usage();
	if (mode == RACE_RAW &&
	    (parse_scope(argv[4], &scope_a) || parse_scope(argv[5], &scope_b) ||
	     parse_hex(argv[6], raw_req, sizeof(raw_req), &raw_len)))
		return usage();

	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		e = errno;
		printf("open: %s (%s)\n", strerror(e), strerrorname_np(e) ?: "?");
		return 1;
	}
	reset_request();
	e = pthread_create(&thread, NULL, flipper, NULL);
	if (e) {
		printf("pthread_create: %s (%s)\n", strerror(e), strerrorname_np(e) ?: "?");
		return 1;
	}

	for (i = 0; i < tries; i++) {
		reset_request();
		if (ioctl(fd, FG_FWCTL_RPC, &rpc)) {
			e = errno;
			if (e == EPERM) {
				eperm++;
			} else {
				other++;
				other_by_errno[e > 0 && e < MAX_ERRNO ? e : 0]++;
			}
			continue;
		}
		memcpy(&o, out, sizeof(o));
		if (mode != RACE_RAW && o.retval)
			mbox++;
		else
			ok++;
	}

	stop = 1;
	pthread_join(thread, NULL);
	close(fd);

	printf("race: mode=%s tries=%lu ok=%lu eperm=%lu mbox=%lu other=%lu", argv[2], tries,
	       ok, eperm, mbox, other);
	for (e = 0; e < MAX_ERRNO; e++) {
		if (!other_by_errno[e])
			continue;
		if (e && strerrorname_np(e))
			printf(" %s=%lu", strerrorname_np(e), other_by_errno[e]);
		else
			printf(" errno%d=%lu", e, other_by_errno[e]);
	}
	printf(" flips=%lu\n", flips);
	return 0;
}
