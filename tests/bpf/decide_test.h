/* SPDX-License-Identifier: GPL-2.0-only */
/* Context of the decide_test syscall program: request in, verdict out. */
#ifndef FG_DECIDE_TEST_H
#define FG_DECIDE_TEST_H

#include "fwctl_guard.h"

struct fg_decide_ctx {
	struct fg_request req;
	struct fg_verdict verdict;
	struct fg_cmd cmd;
};

_Static_assert(sizeof(struct fg_decide_ctx) == 96, "decide ctx size");

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

_Static_assert(sizeof(struct fg_decode_ctx) == 16 + FG_DECODE_PEEK + 64, "decode ctx size");

#endif
