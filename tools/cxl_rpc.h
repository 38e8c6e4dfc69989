/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the test clients share about CXL Features over fwctl: the request
 * and reply headers (include/uapi/fwctl/cxl.h), the opcodes fwctl passes,
 * and the UUID argument (32 hex digits, dashes anywhere, or "test" for the
 * CXL mock's vendor test Feature, all ff).
 */
#ifndef FG_CXL_RPC_H
#define FG_CXL_RPC_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fwctl_guard.h"

#define CXL_OP_GET_SUPPORTED_FEATURES	FG_CXL_GET_SUPPORTED_FEATURES
#define CXL_OP_GET_FEATURE		FG_CXL_GET_FEATURE
#define CXL_OP_SET_FEATURE		FG_CXL_SET_FEATURE
#define CXL_FEAT_ENTRY_SIZE		48

/* include/uapi/fwctl/cxl.h: struct fwctl_rpc_cxl header. */
struct cxl_rpc_hdr {
	uint32_t opcode;
	uint32_t flags;
	uint32_t op_size;
	uint32_t reserved;
};

struct cxl_rpc_out_hdr {
	uint32_t size;
	uint32_t retval;
};

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
