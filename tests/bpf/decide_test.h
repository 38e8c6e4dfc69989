/* SPDX-License-Identifier: GPL-2.0-only */
/* Contexts of the host-side test programs (tests/bpf/decide_test.bpf.c). */
#ifndef FG_DECIDE_TEST_H
#define FG_DECIDE_TEST_H

#include "fwctl_guard.h"

/* decide: one request in, the engine's verdict out. */
struct fg_decide_ctx {
	struct fg_decide_in in;
	struct fg_verdict verdict;
};

_Static_assert(sizeof(struct fg_decide_ctx) == 168 + 16, "decide ctx size");

/* Context of the decode syscall program: request bytes in, command with
 * its effects (from the decode_effects map) out. */
struct fg_decode_ctx {
	__u32 devtype;
	__u32 in_len;
	__u32 readable;
	__u32 minor;
	__u8 buf[FG_DECODE_PEEK];
	struct fg_cmd cmd;
};

_Static_assert(sizeof(struct fg_decode_ctx) == 16 + FG_DECODE_PEEK + 72, "decode ctx size");

#endif
