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

/*
 * The largest opcode each decoder yields: the width its driver reads. The
 * CXL driver keeps the low 16 bits of the u32 on the wire (u16 opcode =
 * rpc_in->opcode), mlx5's mbox_in_hdr opcode and bnxt's req_type are 16
 * bits, pds's op a full u32. A policy value above it can never match.
 */
#define FG_CXL_OPCODE_MAX	0xffffu
#define FG_MLX5_OPCODE_MAX	0xffffu
#define FG_BNXT_OPCODE_MAX	0xffffu
#define FG_PDS_OPCODE_MAX	0xffffffffu

/* 0 for a type with no decoder: nothing is decoded, no opcode matches. */
static inline __u32 fg_opcode_max(__u32 devtype)
{
	switch (devtype) {
	case FG_DEVTYPE_CXL:
		return FG_CXL_OPCODE_MAX;
	case FG_DEVTYPE_MLX5:
		return FG_MLX5_OPCODE_MAX;
	case FG_DEVTYPE_BNXT:
		return FG_BNXT_OPCODE_MAX;
	case FG_DEVTYPE_PDS:
		return FG_PDS_OPCODE_MAX;
	default:
		return 0;
	}
}

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
	if (c->devtype == FG_DEVTYPE_UNKNOWN) {
		/* A type the guard does not decode (or a device gone): its
		 * bytes mean nothing here. */
		c->status = FG_DECODE_UNKNOWN_TYPE;
		return;
	}
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
		/* struct mlx5_ifc_access_register_in_bits: register_id at byte
		 * 10, inside the 16-byte header; op_mod 0 writes
		 * (mlx5_core_access_reg() passes !write). */
		if (c->opcode == FG_MLX5_ACCESS_REG || c->opcode == FG_MLX5_ACCESS_REGISTER_USER) {
			c->reg = fg_be16(buf, 10);
			c->reg_access = c->op_mod ? FG_REG_READ : FG_REG_WRITE;
		}
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
		return;
	}
}

/* ---- effects ------------------------------------------------------------ */

/* CXL Set Feature effects bits (CXL r3.1 Table 8-207; the kernel's
 * include/uapi/cxl/features.h CXL_CMD_*). */
#define FG_CXL_FX_CONFIG_COLD_RESET	0x0001
#define FG_CXL_FX_CONFIG_IMMEDIATE	0x0002
#define FG_CXL_FX_DATA_IMMEDIATE	0x0004
#define FG_CXL_FX_POLICY_IMMEDIATE	0x0008
#define FG_CXL_FX_LOG_IMMEDIATE		0x0010
#define FG_CXL_FX_SECURITY_STATE	0x0020
#define FG_CXL_FX_BACKGROUND		0x0040
#define FG_CXL_FX_VALID			0x0200
#define FG_CXL_FX_CONFIG_CONV_RESET	0x0400
#define FG_CXL_FX_CONFIG_CXL_RESET	0x0800

/*
 * A CXL feature's Set Feature effects (from Get Supported Features) in the
 * guard's vocabulary. Without the valid bit the device says nothing: unknown.
 * A changeable feature whose valid effects name no change is still written by
 * Set Feature, so it counts as an immediate configuration change rather than
 * as nothing. Immediate data and security-state changes are also destructive:
 * they can lose data or lock the device, and cannot be undone by a reset.
 */
static inline __u32 fg_cxl_effects(__u32 fx)
{
	__u32 e = 0;

	if (!(fx & FG_CXL_FX_VALID))
		return FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	if (fx & (FG_CXL_FX_CONFIG_COLD_RESET | FG_CXL_FX_CONFIG_CONV_RESET |
		  FG_CXL_FX_CONFIG_CXL_RESET))
		e |= FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_AFTER_RESET);
	if (fx & FG_CXL_FX_CONFIG_IMMEDIATE)
		e |= FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE);
	if (fx & FG_CXL_FX_DATA_IMMEDIATE)
		e |= FG_EFFECT_BIT(FG_EFFECT_DATA_CHANGE_IMMEDIATE) |
		     FG_EFFECT_BIT(FG_EFFECT_DESTRUCTIVE);
	if (fx & FG_CXL_FX_POLICY_IMMEDIATE)
		e |= FG_EFFECT_BIT(FG_EFFECT_POLICY_CHANGE);
	if (fx & FG_CXL_FX_LOG_IMMEDIATE)
		e |= FG_EFFECT_BIT(FG_EFFECT_LOG_CHANGE);
	if (fx & FG_CXL_FX_SECURITY_STATE)
		e |= FG_EFFECT_BIT(FG_EFFECT_SECURITY_STATE_CHANGE) |
		     FG_EFFECT_BIT(FG_EFFECT_DESTRUCTIVE);
	if (fx & FG_CXL_FX_BACKGROUND)
		e |= FG_EFFECT_BIT(FG_EFFECT_BACKGROUND);
	if (!(e & ~FG_EFFECT_BIT(FG_EFFECT_BACKGROUND)))
		e |= FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE);
	return e;
}

/*
 * Effects known from the decoded command alone: a mask, or 0 when the
 * effects map must be asked (fg_effects_key). A request that did not decode,
 * or one for a device of unknown type, has unknown effects. CXL Get
 * Supported Features and Get Feature are read-only by definition; other CXL
 * opcodes are refused by the kernel driver and have no metadata.
 */
static inline __u32 fg_effects_builtin(const struct fg_cmd *c)
{
	if (c->status != FG_DECODE_OK || c->devtype == FG_DEVTYPE_UNKNOWN ||
	    c->devtype >= FG_DEVTYPE_MAX)
		return FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	if (c->devtype != FG_DEVTYPE_CXL)
		return 0;
	switch (c->opcode) {
	case FG_CXL_GET_SUPPORTED_FEATURES:
	case FG_CXL_GET_FEATURE:
		return FG_EFFECT_BIT(FG_EFFECT_READ_ONLY);
	case FG_CXL_SET_FEATURE:
		return 0;
	default:
		return FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	}
}

#define FG_EFFECTS_KEYS		3

/*
 * The i-th effects map key to try for a command; 0 when there is no i-th
 * key. CXL Set Feature: a site table's entry for the feature (any device),
 * which overrides what the device reports, then the entry the loader read
 * from this device. mlx5 and pds:
 * the opcode with its op_mod / endpoint, then the opcode alone; an mlx5
 * register write first tries its register (has_sub 2, sub the register
 * id). bnxt: the opcode.
 */
static inline int fg_effects_key(const struct fg_cmd *c, __u32 minor, __u32 i,
				 struct fg_effects_key *k)
{
	__u32 j;

	__builtin_memset(k, 0, sizeof(*k));
	k->devtype = c->devtype;
	k->opcode = c->opcode;
	k->minor = FG_MINOR_ANY;
	switch (c->devtype) {
	case FG_DEVTYPE_CXL:
		if (i == 1)
			k->minor = minor;
		for (j = 0; j < 16; j++)
			k->uuid[j] = c->uuid[j];
		return i < 2;
	case FG_DEVTYPE_MLX5:
	case FG_DEVTYPE_PDS:
		if (c->reg_access == FG_REG_WRITE) {
			if (i == 0) {
				k->has_sub = 2;
				k->sub = c->reg;
				return 1;
			}
			i--;
		}
		if (i == 0) {
			k->has_sub = 1;
			k->sub = c->devtype == FG_DEVTYPE_MLX5 ? c->op_mod : c->endpoint;
		}
		return i < 2;
	case FG_DEVTYPE_BNXT:
		return i < 1;
	default:
		return 0;
	}
}

#endif /* FWCTL_GUARD_DECODE_H */
