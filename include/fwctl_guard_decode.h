/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Request decoding per device type: the first FG_DECODE_PEEK bytes of an
 * RPC's `in` buffer -> struct fg_cmd. One implementation for the BPF
 * program and userspace (tests, explain). Reads bytes one at a time with
 * explicit byte order, so alignment of the caller's buffer never matters;
 * every offset is a constant below FG_DECODE_PEEK, so the verifier sees
 * only bounded stack reads.
 *
 * Bounds are the drivers' own (Linux 7.3): a request a driver refuses for
 * its length decodes as FG_DECODE_MALFORMED.
 *   CXL  drivers/cxl/core/features.c  cxlctl_fw_rpc(), cxlctl_*_feature*()
 *   mlx5 drivers/fwctl/mlx5/main.c    mlx5ctl_fw_rpc(): in_len >= 16
 *   bnxt drivers/fwctl/bnxt/main.c    bnxtctl_fw_rpc(): 16 <= in_len <= 128
 *   pds  drivers/fwctl/pds/main.c     pdsfc_fw_rpc(): in_len >= 48
 */
#ifndef FWCTL_GUARD_DECODE_H
#define FWCTL_GUARD_DECODE_H

#include "fwctl_guard.h"

#define FG_CXL_HDR_LEN		16	/* opcode, flags, op_size, reserved */
#define FG_CXL_GSF_IN_LEN	8	/* count, start_idx, reserved */
#define FG_CXL_GF_IN_LEN	21	/* uuid, offset, count, selection */
#define FG_CXL_SF_HDR_LEN	32	/* uuid, flags, offset, version, rsvd */
#define FG_MLX5_HDR_LEN		16	/* struct mlx5_ifc_mbox_in_hdr_bits */
#define FG_BNXT_HDR_LEN		16	/* struct input */
#define FG_BNXT_MAX_REQ_LEN	128	/* HWRM_MAX_REQ_LEN */
#define FG_PDS_RPC_LEN		48	/* struct fwctl_rpc_pds */

static inline __u32 fg_le16(const __u8 *b, __u32 off)
{
	return (__u32)b[off] | (__u32)b[off + 1] << 8;
}

static inline __u32 fg_le32(const __u8 *b, __u32 off)
{
	return fg_le16(b, off) | fg_le16(b, off + 2) << 16;
}

static inline __u32 fg_be16(const __u8 *b, __u32 off)
{
	return (__u32)b[off] << 8 | (__u32)b[off + 1];
}

static inline void fg_decode_cxl(const __u8 *b, __u32 in_len, struct fg_cmd *c)
{
	__u32 op_size, i;

	if (in_len < FG_CXL_HDR_LEN) {
		c->status = FG_DECODE_MALFORMED;
		return;
	}
	/* cxlctl_fw_rpc() keeps only the low 16 bits (u16 opcode =
	 * rpc_in->opcode): 0x10502 runs as Set Feature, so judge it as one. */
	c->opcode = fg_le16(b, 0);
	op_size = fg_le32(b, 8);
	if (op_size > in_len - FG_CXL_HDR_LEN) {
		c->status = FG_DECODE_MALFORMED;
		return;
	}
	switch (c->opcode) {
	case FG_CXL_GET_SUPPORTED_FEATURES:
		if (op_size != FG_CXL_GSF_IN_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->count = fg_le32(b, 16);
		c->start_idx = fg_le16(b, 20);
		return;
	case FG_CXL_GET_FEATURE:
		if (op_size != FG_CXL_GF_IN_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->offset = fg_le16(b, 32);
		c->count = fg_le16(b, 34);
		break;
	case FG_CXL_SET_FEATURE:
		if (op_size <= FG_CXL_SF_HDR_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->flags = fg_le32(b, 32);
		c->offset = fg_le16(b, 36);
		c->data_len = op_size - FG_CXL_SF_HDR_LEN;
		break;
	default:
		return;		/* the driver refuses it; policies see the opcode */
	}
	c->has_uuid = 1;
	for (i = 0; i < 16; i++)
		c->uuid[i] = b[16 + i];
}

/*
 * buf holds min(in_len, FG_DECODE_PEEK) bytes of the request (the rest
 * zero); readable is 0 when the copy from the caller failed.
 */
static inline void fg_decode(__u32 devtype, const __u8 *buf, __u32 in_len, int readable,
			     struct fg_cmd *c)
{
	__builtin_memset(c, 0, sizeof(*c));
	c->devtype = devtype < FG_DEVTYPE_MAX ? devtype : FG_DEVTYPE_UNKNOWN;
	if (!readable) {
		c->status = FG_DECODE_UNREADABLE;
		return;
	}
	switch (c->devtype) {
	case FG_DEVTYPE_CXL:
		fg_decode_cxl(buf, in_len, c);
		return;
	case FG_DEVTYPE_MLX5:
		if (in_len < FG_MLX5_HDR_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->opcode = fg_be16(buf, 0);
		c->uid = fg_be16(buf, 2);
		c->op_mod = fg_be16(buf, 6);
		return;
	case FG_DEVTYPE_BNXT:
		if (in_len < FG_BNXT_HDR_LEN || in_len > FG_BNXT_MAX_REQ_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->opcode = fg_le16(buf, 0);
		return;
	case FG_DEVTYPE_PDS:
		if (in_len < FG_PDS_RPC_LEN) {
			c->status = FG_DECODE_MALFORMED;
			return;
		}
		c->opcode = fg_le32(buf, 0);
		c->endpoint = fg_le32(buf, 4);
		c->data_len = fg_le32(buf, 12);
		c->payload = (__u64)fg_le32(buf, 16) | (__u64)fg_le32(buf, 20) << 32;
		return;
	default:
		return;		/* unknown device: nothing to decode */
	}
}

#endif /* FWCTL_GUARD_DECODE_H */
