/* SPDX-License-Identifier: GPL-2.0-only */
/* The test clients' UUID argument: 32 hex digits, dashes anywhere, or
 * "test" for the CXL mock's vendor test Feature (all ff). */
#ifndef FG_UUID_ARG_H
#define FG_UUID_ARG_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline int parse_uuid(const char *s, uint8_t uuid[16])
{
	int n = 0;

	if (!strcmp(s, "test")) {
		memset(uuid, 0xff, 16);
		return 0;
	}
	while (*s && n < 32) {
		unsigned int v;

		if (*s == '-') {
			s++;
			continue;
		}
		if (sscanf(s, "%1x", &v) != 1)
			return -1;
		uuid[n / 2] = n % 2 ? uuid[n / 2] | v : v << 4;
		n++;
		s++;
	}
	return n == 32 && !*s ? 0 : -1;
}

#endif
