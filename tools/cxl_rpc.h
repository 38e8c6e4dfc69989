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

/* Get Feature and Set Feature requests (CXL 3.x 8.2.9.6.2, 8.2.9.6.3), as
 * the mock's test Feature takes them: 4 bytes of data. */
struct cxl_get_feature_in {
	struct cxl_rpc_hdr h;
	uint8_t uuid[16];
	uint16_t offset, count;
	uint8_t sel;
} __attribute__((packed));

struct cxl_set_feature_in {
	struct cxl_rpc_hdr h;
	uint8_t uuid[16];
	uint32_t flags;		/* 0: full data transfer, the only action the mock takes */
	uint16_t offset;
	uint8_t version;
	uint8_t rsvd[9];
	uint32_t data;
} __attribute__((packed));

_Static_assert(sizeof(struct cxl_get_feature_in) == 16 + 21, "Get Feature input");
_Static_assert(sizeof(struct cxl_set_feature_in) == 16 + 32 + 4, "Set Feature input, 4 data bytes");

static inline void cxl_get_feature_init(struct cxl_get_feature_in *in, const uint8_t uuid[16])
{
	memset(in, 0, sizeof(*in));
	in->h.opcode = CXL_OP_GET_FEATURE;
	in->h.op_size = sizeof(*in) - sizeof(in->h);
	in->count = 4;
	memcpy(in->uuid, uuid, 16);
}

static inline void cxl_set_feature_init(struct cxl_set_feature_in *in, const uint8_t uuid[16],
					uint32_t value)
{
	memset(in, 0, sizeof(*in));
	in->h.opcode = CXL_OP_SET_FEATURE;
	in->h.op_size = sizeof(*in) - sizeof(in->h);
	in->version = 1;
	in->data = value;
	memcpy(in->uuid, uuid, 16);
}

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
