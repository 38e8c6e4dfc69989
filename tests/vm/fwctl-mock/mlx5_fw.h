/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mlx5_fw.h: the fake firmware behind fwctl_mock's mlx5 device.
 *
 * TEST-ONLY, like the rest of tests/vm/fwctl-mock. fwctl_mock.c checks each
 * RPC as drivers/fwctl/mlx5/main.c would (mlx5ctl_validate_rpc) and hands
 * what passes to mock_mlx5_fw_exec(), which plays the device firmware: it
 * answers ACCESS_REG (opcode 0x805) for the registers that Debian's
 * mstflint tools (mstflint, mstconfig, mstreg; 4.31 and 4.33) need to get
 * through a query, and every other command the driver lets through with
 * status OK and an all-zero output.
 *
 * The device it pretends to be: a ConnectX-7 (PCI device id 0x1021, HW id
 * 0x218) running firmware 28.43.1014 with PSID "FWCTL_MOCK_0001", one
 * firmware component (the boot image) and no update state machine.
 *
 * Registers (id, name: what a query returns / what a write does):
 *   0x9020 MGIR  the device and firmware identity above
 *   0x907f MCAM  access_reg_group 0: the registers of this list; others 0
 *   0x9060 MCQS  index 0: the boot image, present, idle, last index
 *   0x9061 MCQI  index 0, running image: capabilities, version; else error
 *   0x9062 MCC   query: all zero (FSM idle); write: refused (no update FSM)
 *   0x9064 MQIS  all zero (no name, no description)
 *   0x9030 MNVQC every configuration type readable and writable
 *   0x9024 MNVDA query: the data last written for that type, else zero;
 *                write: stored per type, as the next boot would apply it
 *   0x9033 MNVIA write: forgets every stored type (back to defaults)
 *   0x9028 MFRL  query: the reset_trigger last written; write: recorded
 *   0x402d MLOCK all zero (no secure host lock)
 * Anything else, and any refused access, returns status BAD_PARAM (0x3)
 * with syndrome 0x4d4f434b ("MOCK") in the output mailbox: the RPC itself
 * succeeds, as it does when real firmware rejects a command.
 *
 * Plain C on byte buffers and no kernel API, so the same code can also run
 * in user space; the includer provides u8/u16/u32, bool, size_t,
 * ARRAY_SIZE(), memcpy() and memset(). All mailbox fields are big-endian
 * (the mlx5 command interface; include/linux/mlx5/mlx5_ifc.h).
 */
#ifndef FWCTL_MOCK_MLX5_FW_H
#define FWCTL_MOCK_MLX5_FW_H

/* Command mailbox (struct mlx5_ifc_mbox_in_hdr_bits / _out_hdr_bits). */
#define MOCK_MLX5_HDR_LEN		16
#define MOCK_MLX5_IN_OPCODE		0	/* be16 */
#define MOCK_MLX5_IN_OP_MOD		6	/* be16 */
#define MOCK_MLX5_OUT_STATUS		0	/* u8 */
#define MOCK_MLX5_OUT_SYNDROME		4	/* be32 */

/* ACCESS_REG (struct mlx5_ifc_access_register_in_bits). */
#define MOCK_MLX5_OP_ACCESS_REG		0x0805
#define MOCK_MLX5_REG_WRITE		0	/* op_mod */
#define MOCK_MLX5_REG_QUERY		1	/* op_mod */
#define MOCK_MLX5_IN_REGISTER_ID	10	/* be16 */
#define MOCK_MLX5_IN_ARGUMENT		12	/* be32 */
#define MOCK_MLX5_REG_DATA		16	/* in and out */

#define MOCK_MLX5_STAT_OK		0x0
#define MOCK_MLX5_STAT_BAD_PARAM	0x3
#define MOCK_MLX5_SYNDROME		0x4d4f434b

#define MOCK_REG_MGIR			0x9020
#define MOCK_REG_MNVDA			0x9024
#define MOCK_REG_MFRL			0x9028
#define MOCK_REG_MNVQC			0x9030
#define MOCK_REG_MNVIA			0x9033
#define MOCK_REG_MCQS			0x9060
#define MOCK_REG_MCQI			0x9061
#define MOCK_REG_MCC			0x9062
#define MOCK_REG_MCDA			0x9063
#define MOCK_REG_MQIS			0x9064
#define MOCK_REG_MCAM			0x907f
#define MOCK_REG_MLOCK			0x402d

/* MNVDA: a 12-byte header (length in the low 9 bits, type), then data. */
#define MOCK_NV_HDR_LEN			12
#define MOCK_NV_DATA_MAX		256
#define MOCK_NV_SLOTS			16

struct mock_mlx5_nv {
	bool used;
	u32 type;
	u16 len;
	u8 data[MOCK_NV_DATA_MAX];
};

/* Device state a write can change. The caller serialises access. */
struct mock_mlx5_fw {
	struct mock_mlx5_nv nv[MOCK_NV_SLOTS];
	u8 mfrl_reset_trigger;
};

static inline u16 mock_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 mock_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void mock_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void mock_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * A register's data, in and out: req is the request's register data
 * (rlen bytes), d the reply's (dlen bytes, already holding a copy of req so
 * that index fields read back as sent). Each answer writes only inside d.
 */
struct mock_reg {
	const u8 *req;
	size_t rlen;
	u8 *d;
	size_t dlen;
};

/* Set the 32-bit field at byte off of the reply, if the reply holds it. */
static inline void mock_reg_put32(struct mock_reg *r, size_t off, u32 v)
{
	if (off + 4 <= r->dlen)
		mock_put_be32(r->d + off, v);
}

static inline u32 mock_reg_get32(const struct mock_reg *r, size_t off)
{
	return off + 4 <= r->rlen ? mock_be32(r->req + off) : 0;
}

/* Strings (PSID, version) are bytes in order, NUL-padded. */
static inline void mock_reg_put_str(struct mock_reg *r, size_t off,
				    const char *s, size_t max)
{
	size_t i;

	for (i = 0; i < max && s[i] && off + i < r->dlen; i++)
		r->d[off + i] = s[i];
}

#define MOCK_FW_MAJOR		28
#define MOCK_FW_MINOR		43
#define MOCK_FW_SUBMINOR	1014
#define MOCK_FW_VERSION_STR	"28.43.1014"
#define MOCK_PSID		"FWCTL_MOCK_0001"

static void mock_mgir(struct mock_reg *r)
{
	/* hw_info (bytes 0-31): device_id, num_ports, hw_dev_id. */
	mock_reg_put32(r, 0x00, 0x1021);
	mock_reg_put32(r, 0x04, 2 << 16);
	mock_reg_put32(r, 0x08, 0x218);
	/*
	 * fw_info (bytes 32-95): 8-bit major.minor.sub_minor, date, PSID,
	 * then the extended (32-bit) version fields at fw_info + 0x24/0x28/0x2c.
	 */
	mock_reg_put32(r, 0x20, MOCK_FW_MAJOR << 16 | MOCK_FW_MINOR << 8 |
				(MOCK_FW_SUBMINOR & 0xff));
	mock_reg_put32(r, 0x28, 0x06 << 24 | 0x01 << 16 | 0x2025);
	mock_reg_put_str(r, 0x30, MOCK_PSID, 16);
	mock_reg_put32(r, 0x44, MOCK_FW_MAJOR);
	mock_reg_put32(r, 0x48, MOCK_FW_MINOR);
	mock_reg_put32(r, 0x4c, MOCK_FW_SUBMINOR);
}

/*
 * Set bit (reg - group base) of MCAM's 128-bit mng_access_reg_cap_mask,
 * whose first dword (byte 8) holds bits 127-96.
 */
static void mock_mcam_set(struct mock_reg *r, u16 reg)
{
	unsigned int bit = reg & 0x7f;
	size_t off = 8 + (3 - bit / 32) * 4;

	if (off + 4 <= r->dlen)
		mock_put_be32(r->d + off, mock_be32(r->d + off) | 1u << (bit % 32));
}

static void mock_mcam(struct mock_reg *r)
{
	static const u16 regs[] = {
		MOCK_REG_MGIR, MOCK_REG_MNVDA, MOCK_REG_MFRL, MOCK_REG_MNVQC,
		MOCK_REG_MNVIA,
		MOCK_REG_MCQS, MOCK_REG_MCQI, MOCK_REG_MCC, MOCK_REG_MCDA,
		MOCK_REG_MQIS, MOCK_REG_MCAM,
	};
	size_t i;

	/* Byte 1 feature_group, byte 3 access_reg_group (0: 0x9000-0x907f). */
	if (r->rlen >= 4 && (r->req[1] || r->req[3]))
		return;
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		mock_mcam_set(r, regs[i]);
}

static u8 mock_mcqs(struct mock_reg *r)
{
	/* component_index: the low half of dword 0. */
	if ((mock_reg_get32(r, 0) & 0xffff) != 0)
		return MOCK_MLX5_STAT_BAD_PARAM;
	/*
	 * last_index_flag; identifier 1 (boot image); status 1 (present),
	 * update state 0 (idle).
	 */
	mock_reg_put32(r, 0x00, 1u << 31);
	mock_reg_put32(r, 0x04, 1);
	mock_reg_put32(r, 0x08, 1 << 4);
	return MOCK_MLX5_STAT_OK;
}

static u8 mock_mcqi(struct mock_reg *r)
{
	u32 dw0 = mock_reg_get32(r, 0);
	u32 info_type = mock_reg_get32(r, 8) & 0x1f;
	u32 info_size = 0x7c;	/* both info structs below */
	u32 offset = mock_reg_get32(r, 16);
	u32 want = mock_reg_get32(r, 20) & 0xffff;
	struct mock_reg info;

	/* Component 0 only; no pending (not yet activated) image. */
	if ((dw0 & 0xffff) != 0 || (dw0 & 1u << 31))
		return MOCK_MLX5_STAT_BAD_PARAM;
	if (info_type > 1 || offset >= info_size)
		return MOCK_MLX5_STAT_BAD_PARAM;
	mock_reg_put32(r, 12, info_size);
	if (want > info_size - offset)
		want = info_size - offset;
	mock_reg_put32(r, 20, want);
	/* The info struct starts at byte 24; only offset 0 carries data. */
	if (offset || r->dlen <= 24)
		return MOCK_MLX5_STAT_OK;
	info.req = NULL;
	info.rlen = 0;
	info.d = r->d + 24;
	info.dlen = r->dlen - 24;
	memset(info.d, 0, info.dlen);
	if (info_type == 0) {
		/*
		 * supported_info_bitmask: capabilities, versions;
		 * component_size, max_component_size; log_mcda_word_size 2,
		 * mcda_max_write_size 128; rd_en 0, not signed-only.
		 */
		mock_reg_put32(&info, 0x00, 1u << 0 | 1u << 1);
		mock_reg_put32(&info, 0x04, 0x01000000);
		mock_reg_put32(&info, 0x08, 0x02000000);
		mock_reg_put32(&info, 0x0c, 2u << 28 | 128);
	} else {
		/*
		 * version_string_length, build_time_valid; version as
		 * major << 24 | minor << 16 | subminor; the string at 0x20.
		 */
		mock_reg_put32(&info, 0x00, 1u << 29 |
					    (sizeof(MOCK_FW_VERSION_STR) - 1));
		mock_reg_put32(&info, 0x04, MOCK_FW_MAJOR << 24 |
					    MOCK_FW_MINOR << 16 | MOCK_FW_SUBMINOR);
		mock_reg_put32(&info, 0x08, 0);
		mock_reg_put32(&info, 0x0c, 0x2025u << 16 | 0x06 << 8 | 0x01);
		mock_reg_put_str(&info, 0x20, MOCK_FW_VERSION_STR, 92);
	}
	return MOCK_MLX5_STAT_OK;
}

static struct mock_mlx5_nv *mock_nv_find(struct mock_mlx5_fw *fw, u32 type,
					 bool add)
{
	struct mock_mlx5_nv *free_slot = NULL;
	size_t i;

	for (i = 0; i < MOCK_NV_SLOTS; i++) {
		if (fw->nv[i].used && fw->nv[i].type == type)
			return &fw->nv[i];
		if (!fw->nv[i].used && !free_slot)
			free_slot = &fw->nv[i];
	}
	if (!add || !free_slot)
		return NULL;
	free_slot->used = true;
	free_slot->type = type;
	free_slot->len = 0;
	return free_slot;
}

static u8 mock_mnvda(struct mock_mlx5_fw *fw, struct mock_reg *r, bool write)
{
	u32 hdr = mock_reg_get32(r, 0);
	u32 type = mock_reg_get32(r, 4);
	u16 len = hdr & 0x1ff;
	struct mock_mlx5_nv *nv;

	if (r->rlen < MOCK_NV_HDR_LEN || len > MOCK_NV_DATA_MAX)
		return MOCK_MLX5_STAT_BAD_PARAM;
	if (write) {
		if (MOCK_NV_HDR_LEN + (size_t)len > r->rlen)
			return MOCK_MLX5_STAT_BAD_PARAM;
		nv = mock_nv_find(fw, type, true);
		if (!nv)
			return MOCK_MLX5_STAT_BAD_PARAM;	/* store full */
		nv->len = len;
		memcpy(nv->data, r->req + MOCK_NV_HDR_LEN, len);
		return MOCK_MLX5_STAT_OK;
	}
	/*
	 * A query of the defaults (bit 23) or of a type never written
	 * reads back as zero, which mstconfig shows as the default.
	 */
	nv = (hdr & 1u << 23) ? NULL : mock_nv_find(fw, type, false);
	if (r->dlen > MOCK_NV_HDR_LEN)
		memset(r->d + MOCK_NV_HDR_LEN, 0, r->dlen - MOCK_NV_HDR_LEN);
	if (nv) {
		size_t n = nv->len;

		if (MOCK_NV_HDR_LEN + n > r->dlen)
			n = r->dlen > MOCK_NV_HDR_LEN ? r->dlen - MOCK_NV_HDR_LEN : 0;
		memcpy(r->d + MOCK_NV_HDR_LEN, nv->data, n);
		mock_reg_put32(r, 0, (hdr & ~0x1ffu) | nv->len);
	}
	return MOCK_MLX5_STAT_OK;
}

static u8 mock_access_reg(struct mock_mlx5_fw *fw, u16 reg, u16 op_mod,
			  struct mock_reg *r)
{
	bool write = op_mod == MOCK_MLX5_REG_WRITE;

	if (op_mod != MOCK_MLX5_REG_WRITE && op_mod != MOCK_MLX5_REG_QUERY)
		return MOCK_MLX5_STAT_BAD_PARAM;
	switch (reg) {
	case MOCK_REG_MNVDA:
		return mock_mnvda(fw, r, write);
	case MOCK_REG_MNVIA:
		if (!write)
			return MOCK_MLX5_STAT_BAD_PARAM;
		memset(fw->nv, 0, sizeof(fw->nv));
		return MOCK_MLX5_STAT_OK;
	case MOCK_REG_MFRL:
		if (write) {
			fw->mfrl_reset_trigger = mock_reg_get32(r, 4) & 0xff;
			return MOCK_MLX5_STAT_OK;
		}
		mock_reg_put32(r, 0, 0);
		mock_reg_put32(r, 4, fw->mfrl_reset_trigger);
		return MOCK_MLX5_STAT_OK;
	}
	/* The rest are read-only here. */
	if (write)
		return MOCK_MLX5_STAT_BAD_PARAM;
	switch (reg) {
	case MOCK_REG_MGIR:
		memset(r->d, 0, r->dlen);
		mock_mgir(r);
		return MOCK_MLX5_STAT_OK;
	case MOCK_REG_MCAM:
		if (r->dlen > 8)
			memset(r->d + 8, 0, r->dlen - 8);
		mock_mcam(r);
		return MOCK_MLX5_STAT_OK;
	case MOCK_REG_MCQS:
		return mock_mcqs(r);
	case MOCK_REG_MCQI:
		return mock_mcqi(r);
	case MOCK_REG_MNVQC:
		/* Keep the type (dword 0); support_rd, support_wr. */
		mock_reg_put32(r, 4, 0x3);
		return MOCK_MLX5_STAT_OK;
	case MOCK_REG_MCC:
	case MOCK_REG_MQIS:
	case MOCK_REG_MLOCK:
		memset(r->d, 0, r->dlen);
		return MOCK_MLX5_STAT_OK;
	}
	return MOCK_MLX5_STAT_BAD_PARAM;
}

/*
 * Execute one command: in/in_len the request mailbox (at least the 16-byte
 * header, checked by the caller), out/out_len the reply (out_len >= 16).
 * Writes all of out.
 */
static void mock_mlx5_fw_exec(struct mock_mlx5_fw *fw, const u8 *in,
			      size_t in_len, u8 *out, size_t out_len)
{
	u16 opcode = mock_be16(in + MOCK_MLX5_IN_OPCODE);
	u16 op_mod = mock_be16(in + MOCK_MLX5_IN_OP_MOD);
	u8 status = MOCK_MLX5_STAT_OK;

	memset(out, 0, out_len);
	if (opcode == MOCK_MLX5_OP_ACCESS_REG) {
		struct mock_reg r = {
			.req = in + MOCK_MLX5_REG_DATA,
			.rlen = in_len - MOCK_MLX5_REG_DATA,
			.d = out + MOCK_MLX5_REG_DATA,
			.dlen = out_len - MOCK_MLX5_REG_DATA,
		};

		memcpy(r.d, r.req, r.rlen < r.dlen ? r.rlen : r.dlen);
		status = mock_access_reg(fw, mock_be16(in + MOCK_MLX5_IN_REGISTER_ID),
					 op_mod, &r);
		if (status != MOCK_MLX5_STAT_OK)
			memset(r.d, 0, r.dlen);
	}
	out[MOCK_MLX5_OUT_STATUS] = status;
	if (status != MOCK_MLX5_STAT_OK)
		mock_put_be32(out + MOCK_MLX5_OUT_SYNDROME, MOCK_MLX5_SYNDROME);
}

#endif /* FWCTL_MOCK_MLX5_FW_H */
