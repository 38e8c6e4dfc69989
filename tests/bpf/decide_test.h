/* SPDX-License-Identifier: GPL-2.0-only */
/* Context of the decide_test syscall program: request in, verdict out. */
#ifndef FG_DECIDE_TEST_H
#define FG_DECIDE_TEST_H

#include "fwctl_guard.h"

struct fg_decide_ctx {
	struct fg_request req;
	struct fg_verdict verdict;
};

_Static_assert(sizeof(struct fg_decide_ctx) == 32, "decide ctx size");

#endif
