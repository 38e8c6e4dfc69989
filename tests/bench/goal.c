// SPDX-License-Identifier: GPL-2.0-only
/* GOAL lines, medians, timed XDP runs (goal.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include "goal.h"

bool fg_goal(const char *name, double value, const char *unit, const char *op, double target)
{
	const char *fmt = "%.0f";
	bool pass;

	/* Ratios with two decimals, milliseconds and MiB with one, the rest
	 * whole; the verdict is on the value itself. */
	if (!strcmp(unit, "x"))
		fmt = "%.2f";
	else if (!strcmp(unit, "ms") || !strcmp(unit, "MiB"))
		fmt = "%.1f";
	if (!strcmp(op, "<="))
		pass = value <= target;
	else if (!strcmp(op, ">="))
		pass = value >= target;
	else
		pass = value == target;
	printf("GOAL %s ", name);
	printf(fmt, value);
	printf(" %s target %s %g %s\n", unit, op, target, pass ? "PASS" : "FAIL");
	fflush(stdout);
	return pass;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double fg_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double fg_xdp_run_ns(int prog_fd, unsigned int repeat)
{
	char pkt[64] = {};
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = repeat);

	if (bpf_prog_test_run_opts(prog_fd, &opts)) {
		fprintf(stderr, "bench: BPF_PROG_RUN: %s\n", strerror(errno));
		exit(1);
	}
	if (opts.retval != XDP_PASS) {
		fprintf(stderr, "bench: the program returned %u (its input is missing or it "
			"failed)\n", opts.retval);
		exit(1);
	}
	return opts.duration;
}
