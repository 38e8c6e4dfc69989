// SPDX-License-Identifier: GPL-2.0-only
/* Request decoders on crafted buffers: every device type, the drivers'
 * length bounds, truncated, oversized, zero-length and misaligned input. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fwctl_guard_decode.h"

static __u8 buf[FG_DECODE_PEEK + 8];

static void put_le16(__u8 *b, __u32 v) { b[0] = v; b[1] = v >> 8; }
static void put_le32(__u8 *b, __u32 v) { put_le16(b, v); put_le16(b + 2, v >> 16); }
static void put_be16(__u8 *b, __u32 v) { b[0] = v >> 8; b[1] = v; }

static struct fg_cmd decode(__u32 devtype, const __u8 *b, __u32 in_len)
{
	struct fg_cmd c;

	memset(&c, 0xa5, sizeof(c));
	fg_decode(devtype, b, in_len, 1, &c);
	return c;
}

static void cxl_hdr(__u32 opcode, __u32 op_size)
{
	memset(buf, 0, sizeof(buf));
	put_le32(buf, opcode);
	put_le32(buf + 8, op_size);
}

Test(decode, cxl_get_supported_features)
{
	struct fg_cmd c;

	cxl_hdr(FG_CXL_GET_SUPPORTED_FEATURES, 8);
	put_le32(buf + 16, 0x300);
	put_le16(buf + 20, 2);
	c = decode(FG_DEVTYPE_CXL, buf, 24);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.devtype, FG_DEVTYPE_CXL);
	cr_expect_eq(c.opcode, FG_CXL_GET_SUPPORTED_FEATURES);
	cr_expect_eq(c.count, 0x300);
	cr_expect_eq(c.start_idx, 2);
	cr_expect_eq(c.has_uuid, 0);
	/* The driver wants op_size == 8 exactly. */
	cxl_hdr(FG_CXL_GET_SUPPORTED_FEATURES, 9);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 25).status, FG_DECODE_MALFORMED);
}

Test(decode, cxl_get_feature)
{
	struct fg_cmd c;

	cxl_hdr(FG_CXL_GET_FEATURE, 21);
	memset(buf + 16, 0xff, 16);
	buf[16] = 0x12;
	put_le16(buf + 32, 1);
	put_le16(buf + 34, 4);
	c = decode(FG_DEVTYPE_CXL, buf, 37);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.opcode, FG_CXL_GET_FEATURE);
	cr_expect_eq(c.has_uuid, 1);
	cr_expect_eq(c.uuid[0], 0x12);
	cr_expect_eq(c.uuid[15], 0xff);
	cr_expect_eq(c.offset, 1);
	cr_expect_eq(c.count, 4);
	cxl_hdr(FG_CXL_GET_FEATURE, 20);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 37).status, FG_DECODE_MALFORMED);
}

Test(decode, cxl_set_feature)
{
	struct fg_cmd c;

	cxl_hdr(FG_CXL_SET_FEATURE, 36);
	memset(buf + 16, 0xff, 16);
	put_le32(buf + 32, 0x5);
	put_le16(buf + 36, 0);
	c = decode(FG_DEVTYPE_CXL, buf, 52);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.opcode, FG_CXL_SET_FEATURE);
	cr_expect_eq(c.has_uuid, 1);
	cr_expect_eq(c.flags, 5);
	cr_expect_eq(c.data_len, 4);
	/* No data: the driver refuses op_size <= 32. */
	cxl_hdr(FG_CXL_SET_FEATURE, 32);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 48).status, FG_DECODE_MALFORMED);
}

Test(decode, cxl_opcode_truncated_like_the_driver)
{
	cxl_hdr(0x10000 | FG_CXL_SET_FEATURE, 36);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 52).opcode, FG_CXL_SET_FEATURE);
}

Test(decode, cxl_bounds)
{
	cxl_hdr(FG_CXL_GET_SUPPORTED_FEATURES, 8);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 0).status, FG_DECODE_MALFORMED);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 15).status, FG_DECODE_MALFORMED);
	/* op_size beyond in_len (truncated request). */
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 23).status, FG_DECODE_MALFORMED);
	/* op_size near 2^32 must not wrap. */
	cxl_hdr(FG_CXL_SET_FEATURE, 0xfffffff8);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 52).status, FG_DECODE_MALFORMED);
	/* Longer than op_size is what the driver accepts. */
	cxl_hdr(FG_CXL_GET_SUPPORTED_FEATURES, 8);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 4096).status, FG_DECODE_OK);
	/* Unknown opcode: decoded, for policies to judge. */
	cxl_hdr(0x4200, 0);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 16).status, FG_DECODE_OK);
	cr_expect_eq(decode(FG_DEVTYPE_CXL, buf, 16).opcode, 0x4200);
}

Test(decode, mlx5_header_big_endian)
{
	struct fg_cmd c;

	memset(buf, 0, sizeof(buf));
	put_be16(buf, 0x0754);
	put_be16(buf + 2, 0x1234);
	put_be16(buf + 6, 0x0002);
	c = decode(FG_DEVTYPE_MLX5, buf, 16);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.opcode, 0x0754);
	cr_expect_eq(c.uid, 0x1234);
	cr_expect_eq(c.op_mod, 2);
	cr_expect_eq(decode(FG_DEVTYPE_MLX5, buf, 15).status, FG_DECODE_MALFORMED);
	cr_expect_eq(decode(FG_DEVTYPE_MLX5, buf, 0).status, FG_DECODE_MALFORMED);
}

Test(decode, bnxt_req_type_and_bounds)
{
	memset(buf, 0, sizeof(buf));
	put_le16(buf, 0x00a0);
	cr_expect_eq(decode(FG_DEVTYPE_BNXT, buf, 16).opcode, 0xa0);
	cr_expect_eq(decode(FG_DEVTYPE_BNXT, buf, 128).status, FG_DECODE_OK);
	cr_expect_eq(decode(FG_DEVTYPE_BNXT, buf, 129).status, FG_DECODE_MALFORMED);
	cr_expect_eq(decode(FG_DEVTYPE_BNXT, buf, 15).status, FG_DECODE_MALFORMED);
}

Test(decode, pds_endpoint_operation_payload)
{
	struct fg_cmd c;

	memset(buf, 0, sizeof(buf));
	put_le32(buf, 7);		/* op */
	put_le32(buf + 4, 3);		/* ep */
	put_le32(buf + 12, 100);	/* len */
	put_le32(buf + 16, 0xdeadb000);
	put_le32(buf + 20, 0x7fff);
	c = decode(FG_DEVTYPE_PDS, buf, 48);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.opcode, 7);
	cr_expect_eq(c.endpoint, 3);
	cr_expect_eq(c.data_len, 100);
	cr_expect_eq(c.payload, 0x7fffdeadb000ULL);
	cr_expect_eq(decode(FG_DEVTYPE_PDS, buf, 47).status, FG_DECODE_MALFORMED);
}

Test(decode, misaligned_buffer_same_result)
{
	struct fg_cmd a, b;

	cxl_hdr(FG_CXL_SET_FEATURE, 36);
	memset(buf + 16, 0x3c, 16);
	put_le32(buf + 32, 0x1234567);
	a = decode(FG_DEVTYPE_CXL, buf, 52);
	memmove(buf + 1, buf, FG_DECODE_PEEK);
	b = decode(FG_DEVTYPE_CXL, buf + 1, 52);
	cr_expect_eq(memcmp(&a, &b, sizeof(a)), 0);
}

Test(decode, unreadable_and_unknown_device)
{
	struct fg_cmd c;

	memset(&c, 0xa5, sizeof(c));
	fg_decode(FG_DEVTYPE_CXL, buf, 52, 0, &c);
	cr_expect_eq(c.status, FG_DECODE_UNREADABLE);
	cr_expect_eq(c.opcode, 0);
	/* A type the guard does not decode (nova-core's 5, any other): its
	 * bytes mean nothing here, readable or not. */
	c = decode(FG_DEVTYPE_UNKNOWN, buf, 52);
	cr_expect_eq(c.status, FG_DECODE_UNKNOWN_TYPE);
	cr_expect_eq(c.opcode, 0);
	c = decode(5, buf, 52);
	cr_expect_eq(c.devtype, FG_DEVTYPE_UNKNOWN);
	cr_expect_eq(c.status, FG_DECODE_UNKNOWN_TYPE);
	fg_decode(99, buf, 52, 0, &c);
	cr_expect_eq(c.status, FG_DECODE_UNKNOWN_TYPE);
}

/* mlx5 register accesses: register_id at byte 10, op_mod 0 writes. */
Test(decode, mlx5_register_access)
{
	static const __u8 mnvda_write[16] = {
		0x08, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x90, 0x24,
	};
	__u8 in[FG_DECODE_PEEK] = {};
	struct fg_cmd c;

	memcpy(in, mnvda_write, sizeof(mnvda_write));
	c = decode(FG_DEVTYPE_MLX5, in, 32);
	cr_expect_eq(c.status, FG_DECODE_OK);
	cr_expect_eq(c.opcode, FG_MLX5_ACCESS_REG);
	cr_expect_eq(c.reg, 0x9024);
	cr_expect_eq(c.reg_access, FG_REG_WRITE);
	in[7] = 1;		/* op_mod 1: query */
	c = decode(FG_DEVTYPE_MLX5, in, 32);
	cr_expect_eq(c.reg_access, FG_REG_READ);
	in[0] = 0x0b;		/* access_register_user 0x0b0c */
	in[1] = 0x0c;
	c = decode(FG_DEVTYPE_MLX5, in, 32);
	cr_expect_eq(c.reg, 0x9024);
	cr_expect_eq(c.reg_access, FG_REG_READ);
	in[0] = 0x01;		/* query_hca_cap: no register */
	in[1] = 0x00;
	c = decode(FG_DEVTYPE_MLX5, in, 32);
	cr_expect_eq(c.reg, 0);
	cr_expect_eq(c.reg_access, FG_REG_NONE);
	c = decode(FG_DEVTYPE_MLX5, in, 15);
	cr_expect_eq(c.status, FG_DECODE_MALFORMED);
}
