// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM half of `make bench` (tests/bench/guest-bench.sh runs it):
 *
 *   fwctl-ioctl-loop loop N      ns per ioctl(TCGETS) on /dev/null (an
 *                                ioctl the guard does not judge), the
 *                                median of 3 passes of N calls
 *   fwctl-ioctl-loop empty N     the same with empty BPF LSM programs on
 *                                the guard's hooks (file_ioctl, capable)
 *   fwctl-ioctl-loop stats       per loaded program named fg_*: run count,
 *                                run time (kernel.bpf_stats_enabled), and
 *                                the verifier's processed instructions
 *
 * Each line it prints is KEY VALUE..., for the script to read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "empty_lsm.skel.h"

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int loop(long n)
{
	struct termios t;
	double pass[3], t0;
	long i;
	int fd, p;

	fd = open("/dev/null", O_RDONLY);
	if (fd < 0) {
		perror("/dev/null");
		return 1;
	}
	for (p = 0; p < 3; p++) {
		t0 = now_ns();
		for (i = 0; i < n; i++)
			ioctl(fd, TCGETS, &t);	/* ENOTTY, after the LSM hooks */
		pass[p] = (now_ns() - t0) / n;
	}
	qsort(pass, 3, sizeof(pass[0]), cmp);
	printf("ioctl-ns %.1f\n", pass[1]);
	close(fd);
	return 0;
}

static int stats(void)
{
	__u32 id = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && !strncmp(info.name, "fg_", 3))
			printf("prog %s id %u run_cnt %llu run_time_ns %llu verified_insns %u\n",
			       info.name, id, (unsigned long long)info.run_cnt,
			       (unsigned long long)info.run_time_ns, info.verified_insns);
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct empty_lsm_bpf *skel;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "stats"))
		return stats();
	if (argc != 3 || (strcmp(argv[1], "loop") && strcmp(argv[1], "empty"))) {
		fprintf(stderr, "usage: fwctl-ioctl-loop loop|empty N | stats\n");
		return 2;
	}
	if (!strcmp(argv[1], "loop"))
		return loop(atol(argv[2]));
	skel = empty_lsm_bpf__open_and_load();
	if (!skel || empty_lsm_bpf__attach(skel)) {
		fprintf(stderr, "fwctl-ioctl-loop: cannot attach the empty programs: %s\n",
			strerror(errno));
		return 1;
	}
	ret = loop(atol(argv[2]));
	empty_lsm_bpf__destroy(skel);
	return ret;
}
