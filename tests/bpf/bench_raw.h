/* SPDX-License-Identifier: GPL-2.0-only */
/* The input of the bench's full-path program (tests/bpf/bench.bpf.c). */
#ifndef FG_BENCH_RAW_H
#define FG_BENCH_RAW_H

#include "fwctl_guard.h"

/* A request as the hook has it after reading the header and the first
 * FG_DECODE_PEEK bytes of `in`. */
struct fg_bench_raw {
	struct fg_request req;
	__u8 buf[FG_DECODE_PEEK];
};

#endif
