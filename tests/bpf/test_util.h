/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the unit tests that run BPF programs on the host. */
#ifndef FG_TEST_UTIL_H
#define FG_TEST_UTIL_H

#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decide_test.skel.h"

/* Needs CAP_BPF: without it the test is skipped with the reason, except
 * under CI=true, where it fails. */
static inline struct decide_test_bpf *open_decide_skel(void)
{
	struct decide_test_bpf *skel = decide_test_bpf__open_and_load();
	int err = -errno;

	if (skel)
		return skel;
	if (!getenv("CI") && (err == -EPERM || err == -EACCES))
		cr_skip_test("cannot load a BPF program here (%s): run as root", strerror(-err));
	cr_assert_fail("cannot load the decide_test syscall programs: %s", strerror(-err));
	return NULL;
}

static inline unsigned int test_seed(void)
{
	return getenv("FG_SEED") ? (unsigned int)atoi(getenv("FG_SEED")) : 20261121;
}

static inline __u32 rnd(__u32 n)
{
	return (__u32)(random() % n);
}

#endif
