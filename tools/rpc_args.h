/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command-line arguments the test clients share: a scope (its name as a
 * policy writes it, e.g. debug-read-only, or its number 0-3) and a request
 * written as hex bytes.
 */
#ifndef FG_RPC_ARGS_H
#define FG_RPC_ARGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 0 and *scope set, or -1: not a scope name and not a whole number. */
static inline int parse_scope(const char *s, uint32_t *scope)
{
	static const char *const names[] = { "configuration", "debug-read-only", "debug-write",
					     "debug-write-full" };
	char *end;
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(s, names[i])) {
			*scope = i;
			return 0;
		}
	*scope = strtoul(s, &end, 0);
	return *end || !*s ? -1 : 0;
}

/* 0 with *len bytes of buf set, or -1: odd length, not hex, or more than
 * max bytes. */
static inline int parse_hex(const char *s, uint8_t *buf, size_t max, uint32_t *len)
{
	size_t n = strlen(s), i;
	unsigned int b;

	if (n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		buf[i] = (uint8_t)b;
	}
	*len = (uint32_t)(n / 2);
	return 0;
}

#endif /* FG_RPC_ARGS_H */
