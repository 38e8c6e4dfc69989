/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The verdict lines every `make bench` program ends with, one per goal of
 * docs/performance.md, in the one form a reader and a script both read:
 *
 *   GOAL <name> <value> <unit> target <op> <number> PASS|FAIL
 *
 * and the median the figures are taken as.
 */
#ifndef FG_BENCH_GOAL_H
#define FG_BENCH_GOAL_H

#include <stdbool.h>
#include <stddef.h>

/* op: "<=", ">=" or "=". Prints the line; true when the goal is met. */
bool fg_goal(const char *name, double value, const char *unit, const char *op, double target);

/* The median of n values (n >= 1); v is sorted in place. */
double fg_median(double *v, size_t n);

/* Mean ns per run, by XDP BPF_PROG_RUN of prog_fd (repeat times). */
double fg_xdp_run_ns(int prog_fd, unsigned int repeat);

#endif
