// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl_mock: fake fwctl devices of types mlx5, bnxt, pds and a
 * nova-core-like type 5.
 *
 * TEST-ONLY. This module is loaded only inside the fwctl-guard test VM
 * (tests/vm) and must never be loaded on a real host. The VM tests use it to
 * show which RPCs get past the guard and reach a device.
 *
 * On load it creates one faux parent device per type ("fwctl_mock_mlx5",
 * "fwctl_mock_bnxt", "fwctl_mock_pds", "fwctl_mock_nova", in that order)
 * and registers one fwctl device on each through the kernel's own fwctl
 * API, so they get consecutive /dev/fwctl/fwctlN minors after any existing
 * ones.
 *
 * What each device does with an RPC:
 * - mlx5: refuses what drivers/fwctl/mlx5/main.c refuses (in_len or out_len
 *   below the 16-byte mailbox header: -EMSGSIZE; an opcode its
 *   mlx5ctl_validate_rpc() does not allow at the RPC's scope: -EBADMSG),
 *   and hands the rest to the fake firmware in mlx5_fw.h, which answers
 *   ACCESS_REG for the registers mstflint's tools use (the list is there)
 *   and every other command with status OK and zeros.
 * - nova (device type 5): modelled on the nova-core fwctl driver proposed
 *   upstream (not in Linux 7.3): the request is `{ le32 command_id; le32
 *   reserved; }` + payload; fewer than 8 bytes: -EINVAL; command ids
 *   0x00020001-0x00020007 (vGPU type management) at scope CONFIGURATION
 *   only, anything else (other ids, any other scope): -EPERM. The reply is
 *   the same header echoed + the command's output (see mock_fw_rpc_nova()).
 * - bnxt and pds: no validation at all, unlike the real drivers; the
 *   response is the request echoed back, truncated to min(in_len, out_len).
 *
 * FWCTL_INFO returns the device type's uapi info struct with fixed values
 * (nova: no device data, like a Rust fwctl driver's default info()).
 *
 * Recording: /sys/kernel/debug/fwctl_mock/{mlx5,bnxt,pds,nova}. Reading a
 * file prints one line per RPC that reached the device's fw_rpc (that is,
 * got past the guard and the fwctl core), oldest first:
 *
 *	scope=S in_len=N first=HEX[ DECODED] ret=R
 *
 * where HEX is the first min(in_len, 16) request bytes in lower case hex and
 * R is what fw_rpc returned to the core (0 or a negative errno: the device
 * refused it, as the real driver would). DECODED is, for mlx5,
 * "opcode=0xNNNN op_mod=N" plus " reg=0xNNNN" for ACCESS_REG and
 * " status=0xNN" (the firmware's status in the reply) when ret is 0; for
 * nova "command_id=0xNNNNNNNN". The pds file also has " payload=HEX" with
 * the first min(in.len, 16) bytes of the user buffer that struct
 * fwctl_rpc_pds's in.payload points at (" payload=fault" if reading it
 * faults; nothing when in.len is 0 or the request is too short to hold the
 * in part of struct fwctl_rpc_pds). Writing anything to a file clears its
 * log.
 *
 * /sys/kernel/debug/fwctl_mock/mlx5_nv: the mlx5 fake firmware's stored
 * configuration, one line per type written through MNVDA
 * ("type=0xTTTTTTTT len=N data=HEX") and "mfrl_reset_trigger=0xNN";
 * writing anything resets it.
 */
#include <linux/debugfs.h>
#include <linux/device/faux.h>
#include <linux/fwctl.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>

#include <uapi/fwctl/bnxt.h>
#include <uapi/fwctl/fwctl.h>
#include <uapi/fwctl/mlx5.h>
#include <uapi/fwctl/pds.h>

#include "mlx5_fw.h"

/*
 * At most this many RPCs are kept per device. When the log is full the
 * oldest entry is dropped, so the log always shows the most recent RPCs.
 */
#define MOCK_LOG_MAX		4096
#define MOCK_HEX_BYTES		16

/* Fixed FWCTL_INFO values of the mlx5 mock (the real driver's FW UID). */
#define MOCK_MLX5_UID		1
/* MLX5_UCTX_OBJECT_CAP_TOOLS_RESOURCES in drivers/fwctl/mlx5/main.c */
#define MOCK_MLX5_UCTX_CAPS	0x4

/*
 * The device type the nova-core fwctl driver is proposed with. Not in any
 * released uapi yet: drafts differ (5 in NVIDIA's vgpu-mgmt tool's
 * documentation, 8 in an earlier header), so the guard must treat it as an
 * unknown type that a policy names by number.
 */
#define MOCK_DEVICE_TYPE_NOVA	5
#define MOCK_NOVA_HDR_LEN	8	/* le32 command_id; le32 reserved */
#define MOCK_NOVA_CMD_FIRST	0x00020001	/* VGPU_MGMT_ADD_TYPE */
#define MOCK_NOVA_CMD_LAST	0x00020007	/* VGPU_MGMT_QUERY_ASSIGNED_VF */
#define MOCK_NOVA_QUERY_SUPPORTED	0x00020002
#define MOCK_NOVA_QUERY_CREATABLE	0x00020003
#define MOCK_NOVA_QUERY_ASSIGNED_VF	0x00020007

/*
 * What mlx5ctl_validate_rpc() (drivers/fwctl/mlx5/main.c, Linux 7.3.4)
 * allows: each opcode of its switch with the lowest scope it accepts, in
 * the switch's order, the names without MLX5_CMD_OP(CODE)_. ACCESS_REG
 * (0x805) and ACCESS_REGISTER_USER (0xb0c) depend on op_mod and are
 * handled in mock_mlx5_allowed(); every other opcode is refused.
 */
static const struct {
	u16 opcode;
	u8 min_scope;
} mock_mlx5_cmds[] = {
	{ 0x0823, FWCTL_RPC_CONFIGURATION },	/* modify_cong_status */
	{ 0x0b2e, FWCTL_RPC_CONFIGURATION },	/* postpone_connected_qp_timeout */
	{ 0x0101, FWCTL_RPC_CONFIGURATION },	/* query_adapter */
	{ 0x0740, FWCTL_RPC_CONFIGURATION },	/* query_esw_functions */
	{ 0x0100, FWCTL_RPC_CONFIGURATION },	/* query_hca_cap */
	{ 0x0762, FWCTL_RPC_CONFIGURATION },	/* query_hca_vport_context */
	{ 0x010e, FWCTL_RPC_CONFIGURATION },	/* query_other_hca_cap */
	{ 0x0760, FWCTL_RPC_CONFIGURATION },	/* query_roce_address */
	{ 0x0b22, FWCTL_RPC_CONFIGURATION },	/* query_vuid */
	{ 0x0731, FWCTL_RPC_CONFIGURATION },	/* delegate_vhca_management */
	{ 0x0109, FWCTL_RPC_CONFIGURATION },	/* set_hca_cap */
	{ 0x0964, FWCTL_RPC_DEBUG_READ_ONLY },	/* fpga_query_qp_counters */
	{ 0x0962, FWCTL_RPC_DEBUG_READ_ONLY },	/* fpga_query_qp */
	{ 0x080d, FWCTL_RPC_DEBUG_READ_ONLY },	/* nop */
	{ 0x0971, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_afu */
	{ 0x0813, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_burst_size */
	{ 0x0981, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_capi_pec */
	{ 0x0824, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_cong_params */
	{ 0x0826, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_cong_statistics */
	{ 0x0822, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_cong_status */
	{ 0x0402, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_cq */
	{ 0x0b14, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_crypto_state */
	{ 0x0716, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_dc_cnak_trace */
	{ 0x0713, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_dct */
	{ 0x0911, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_delay_drop_params */
	{ 0x0821, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_diagnostic_counters */
	{ 0x0819, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_diagnostic_params */
	{ 0x0b28, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_dpa_partition */
	{ 0x0b2a, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_dpa_partitions */
	{ 0x010c, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_driver_version */
	{ 0x0b03, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_emulated_functions_info */
	{ 0x0b2f, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_emulated_resources_info */
	{ 0x0b0f, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_emulation_device_eq_msix_mapping */
	{ 0x0303, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_eq */
	{ 0x0752, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_esw_vport_context */
	{ 0x093b, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_flow_counter */
	{ 0x0935, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_flow_group */
	{ 0x0937, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_flow_table_entry */
	{ 0x0932, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_flow_table */
	{ 0x0a02, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_general_object */
	{ 0x0764, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_hca_vport_gid */
	{ 0x0765, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_hca_vport_pkey */
	{ 0x010a, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_issi */
	{ 0x082a, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_l2_table_entry */
	{ 0x0842, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_lag */
	{ 0x080b, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_mad_demux */
	{ 0x0b13, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_match_sample_info */
	{ 0x0201, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_mkey */
	{ 0x0942, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_modify_header_context */
	{ 0x8001, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_mtt */
	{ 0x0754, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_nic_vport_context */
	{ 0x0722, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_nvmf_backend_controller */
	{ 0x0b02, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_nvmf_cc_response */
	{ 0x0728, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_nvmf_namespace_context */
	{ 0x093f, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_packet_reformat_context */
	{ 0x0107, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_pages */
	{ 0x0602, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_psv */
	{ 0x0773, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_q_counter */
	{ 0x050b, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_qp */
	{ 0x0781, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rate_limit */
	{ 0x0512, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rdb */
	{ 0x0b05, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_regexp_params */
	{ 0x0b07, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_regexp_register */
	{ 0x090f, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rmp */
	{ 0x090b, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rq */
	{ 0x0919, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rqt */
	{ 0x8000, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_rsv_resources */
	{ 0x8006, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_sched_queue */
	{ 0x0784, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_scheduling_element */
	{ 0x0111, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_sf_partition */
	{ 0x0203, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_special_contexts */
	{ 0x0907, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_sq */
	{ 0x0702, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_srq */
	{ 0x0903, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_tir */
	{ 0x0915, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_tis */
	{ 0x0a05, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_uctx */
	{ 0x0a09, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_umem */
	{ 0x0117, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_vhca_migration_state */
	{ 0x0b0d, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_vhca_state */
	{ 0x076f, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_vnic_env */
	{ 0x0770, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_vport_counter */
	{ 0x0750, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_vport_state */
	{ 0x0831, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_wol_rol */
	{ 0x0707, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_xrc_srq */
	{ 0x0725, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_xrq_dc_params_entry */
	{ 0x0727, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_xrq_error_params */
	{ 0x0719, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_xrq */
	{ 0x0b08, FWCTL_RPC_DEBUG_READ_ONLY },	/* user_query_xrq_dc_params_entry */
	{ 0x0b0a, FWCTL_RPC_DEBUG_READ_ONLY },	/* user_query_xrq_error_params */
	{ 0x0730, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_adjacent_functions_id */
	{ 0x0732, FWCTL_RPC_DEBUG_READ_ONLY },	/* query_delegated_vhca */
	{ 0x0820, FWCTL_RPC_DEBUG_WRITE },	/* set_diagnostic_params */
};

#define MOCK_MLX5_OP_ACCESS_REGISTER_USER	0x0b0c

enum mock_payload_state {
	MOCK_PAYLOAD_NONE,
	MOCK_PAYLOAD_OK,
	MOCK_PAYLOAD_FAULT,
};

enum mock_decode {
	MOCK_DECODE_NONE,
	MOCK_DECODE_MLX5,
	MOCK_DECODE_NOVA,
};

struct mock_rec {
	u32 scope;
	u32 in_len;
	int ret;
	u8 first_len;
	u8 payload_state;
	u8 payload_len;
	u8 decode;		/* enum mock_decode */
	u8 has_status;
	u8 status;		/* mlx5: the fake firmware's reply status */
	u16 opcode;		/* mlx5 */
	u16 op_mod;		/* mlx5 */
	u16 reg;		/* mlx5 ACCESS_REG register id */
	u32 command_id;		/* nova */
	u8 first[MOCK_HEX_BYTES];
	u8 payload[MOCK_HEX_BYTES];
};

struct mock_type {
	const char *name;		/* debugfs file name */
	const char *parent_name;	/* faux device name */
	const struct fwctl_ops *ops;
	bool pds_payload;
	/* The mlx5 fake firmware's state, under lock. */
	struct mock_mlx5_fw *mlx5_fw;

	struct faux_device *fdev;
	struct mock_fwctl *mf;

	/* Protects head, count, recs and mlx5_fw. */
	struct mutex lock;
	unsigned int head;
	unsigned int count;
	struct mock_rec recs[MOCK_LOG_MAX];
};

/* The fwctl core requires struct fwctl_device at offset 0. */
struct mock_fwctl {
	struct fwctl_device fwctl;
	struct mock_type *mt;
};

static struct dentry *mock_debugfs_dir;

static struct mock_type *mock_type_of(struct fwctl_uctx *uctx)
{
	return container_of(uctx->fwctl, struct mock_fwctl, fwctl)->mt;
}

static void mock_log_add(struct mock_type *mt, const struct mock_rec *rec)
{
	guard(mutex)(&mt->lock);
	if (mt->count < MOCK_LOG_MAX) {
		mt->recs[(mt->head + mt->count) % MOCK_LOG_MAX] = *rec;
		mt->count++;
	} else {
		/* Full: overwrite the oldest entry. */
		mt->recs[mt->head] = *rec;
		mt->head = (mt->head + 1) % MOCK_LOG_MAX;
	}
}

static int mock_open_uctx(struct fwctl_uctx *uctx)
{
	return 0;
}

static void mock_close_uctx(struct fwctl_uctx *uctx)
{
}

static void *mock_info_mlx5(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_mlx5 *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->uid = MOCK_MLX5_UID;
	info->uctx_caps = MOCK_MLX5_UCTX_CAPS;
	*length = sizeof(*info);
	return info;
}

static void *mock_info_bnxt(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_bnxt *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	/* What the real driver's open_uctx() grants. */
	info->uctx_caps = BIT(FWCTL_BNXT_INLINE_COMMANDS) |
			  BIT(FWCTL_BNXT_QUERY_COMMANDS) |
			  BIT(FWCTL_BNXT_SEND_COMMANDS);
#ifdef FWCTL_BNXT_MAX_DMABUF
	/* 7.3's uAPI (an enum value, so tested by the macro that came with
	 * it); 7.2 has no DMA commands. */
	info->uctx_caps |= BIT(FWCTL_BNXT_DMA_COMMANDS);
#endif
	*length = sizeof(*info);
	return info;
}

static void *mock_info_pds(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_pds *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->uctx_caps = BIT(PDS_FWCTL_QUERY_CAP) | BIT(PDS_FWCTL_SEND_CAP);
	*length = sizeof(*info);
	return info;
}

static void mock_rec_init(struct mock_rec *rec, enum fwctl_rpc_scope scope,
			  const void *rpc_in, size_t in_len)
{
	memset(rec, 0, sizeof(*rec));
	rec->scope = scope;
	rec->in_len = in_len;
	rec->first_len = min_t(size_t, in_len, MOCK_HEX_BYTES);
	memcpy(rec->first, rpc_in, rec->first_len);
}

/*
 * bnxt and pds: accept every RPC (no validation at all, unlike the real
 * drivers), record it and echo the request back as the response. The
 * fwctl_ops contract allows returning rpc_in; fwctl_cmd_rpc() then does not
 * free it twice and copies min(user out_len, *out_len) bytes of it to the
 * user.
 */
static void *mock_fw_rpc(struct fwctl_uctx *uctx, enum fwctl_rpc_scope scope,
			 void *rpc_in, size_t in_len, size_t *out_len)
{
	struct mock_type *mt = mock_type_of(uctx);
	struct mock_rec rec;

	mock_rec_init(&rec, scope, rpc_in, in_len);

	if (mt->pds_payload &&
	    in_len >= offsetofend(struct fwctl_rpc_pds, in.payload)) {
		const struct fwctl_rpc_pds *rpc = rpc_in;

		if (rpc->in.len) {
			rec.payload_len = min_t(u32, rpc->in.len,
						MOCK_HEX_BYTES);
			if (copy_from_user(rec.payload,
					   u64_to_user_ptr(rpc->in.payload),
					   rec.payload_len))
				rec.payload_state = MOCK_PAYLOAD_FAULT;
			else
				rec.payload_state = MOCK_PAYLOAD_OK;
		}
	}

	mock_log_add(mt, &rec);

	*out_len = min(in_len, *out_len);
	return rpc_in;
}

/* mlx5ctl_validate_rpc(), from the table above. */
static bool mock_mlx5_allowed(u16 opcode, u16 op_mod,
			      enum fwctl_rpc_scope scope)
{
	size_t i;

	if (opcode == MOCK_MLX5_OP_ACCESS_REG ||
	    opcode == MOCK_MLX5_OP_ACCESS_REGISTER_USER) {
		/* A write passes at any scope, a query needs debug-read. */
		if (op_mod == MOCK_MLX5_REG_WRITE)
			return true;
		return scope >= FWCTL_RPC_DEBUG_READ_ONLY;
	}
	for (i = 0; i < ARRAY_SIZE(mock_mlx5_cmds); i++)
		if (mock_mlx5_cmds[i].opcode == opcode)
			return scope >= mock_mlx5_cmds[i].min_scope;
	return false;
}

/*
 * mlx5: the checks and errnos of mlx5ctl_fw_rpc(), then the fake firmware
 * (mlx5_fw.h) in place of mlx5_cmd_do(). Like the real driver, a command
 * the firmware rejects still succeeds as an RPC: the status is in the
 * reply.
 */
static void *mock_fw_rpc_mlx5(struct fwctl_uctx *uctx,
			      enum fwctl_rpc_scope scope, void *rpc_in,
			      size_t in_len, size_t *out_len)
{
	struct mock_type *mt = mock_type_of(uctx);
	const u8 *in = rpc_in;
	struct mock_rec rec;
	void *out = NULL;

	mock_rec_init(&rec, scope, rpc_in, in_len);
	if (in_len < MOCK_MLX5_HDR_LEN || *out_len < MOCK_MLX5_HDR_LEN) {
		rec.ret = -EMSGSIZE;
		goto log;
	}
	rec.decode = MOCK_DECODE_MLX5;
	rec.opcode = mock_be16(in + MOCK_MLX5_IN_OPCODE);
	rec.op_mod = mock_be16(in + MOCK_MLX5_IN_OP_MOD);
	if (rec.opcode == MOCK_MLX5_OP_ACCESS_REG)
		rec.reg = mock_be16(in + MOCK_MLX5_IN_REGISTER_ID);
	if (!mock_mlx5_allowed(rec.opcode, rec.op_mod, scope)) {
		rec.ret = -EBADMSG;
		goto log;
	}
	out = kvzalloc(*out_len, GFP_KERNEL);
	if (!out) {
		rec.ret = -ENOMEM;
		goto log;
	}
	scoped_guard(mutex, &mt->lock)
		mock_mlx5_fw_exec(mt->mlx5_fw, in, in_len, out, *out_len);
	rec.has_status = 1;
	rec.status = ((u8 *)out)[MOCK_MLX5_OUT_STATUS];
log:
	mock_log_add(mt, &rec);
	return rec.ret ? ERR_PTR(rec.ret) : out;
}

/*
 * nova: what the nova-core fwctl driver proposed upstream checks
 * (drivers/gpu/nova-core/fwctl.rs in NVIDIA's nova-core tree): an 8-byte
 * header, a command id from its vGPU management set, scope CONFIGURATION
 * and nothing else. The reply: the header (command id, 0) and, for the two
 * type-list queries, vGPU type ids 1 and 2 (le32 each); for the assigned-VF
 * query, an all-zero struct (no type assigned); nothing for the others.
 */
static void *mock_fw_rpc_nova(struct fwctl_uctx *uctx,
			      enum fwctl_rpc_scope scope, void *rpc_in,
			      size_t in_len, size_t *out_len)
{
	struct mock_type *mt = mock_type_of(uctx);
	struct mock_rec rec;
	size_t payload = 0;
	u8 *out = NULL;
	u32 cmd;

	mock_rec_init(&rec, scope, rpc_in, in_len);
	if (in_len < MOCK_NOVA_HDR_LEN) {
		rec.ret = -EINVAL;
		goto log;
	}
	cmd = get_unaligned_le32(rpc_in);
	rec.decode = MOCK_DECODE_NOVA;
	rec.command_id = cmd;
	if (scope != FWCTL_RPC_CONFIGURATION || cmd < MOCK_NOVA_CMD_FIRST ||
	    cmd > MOCK_NOVA_CMD_LAST) {
		rec.ret = -EPERM;
		goto log;
	}
	if (cmd == MOCK_NOVA_QUERY_SUPPORTED || cmd == MOCK_NOVA_QUERY_CREATABLE)
		payload = 2 * sizeof(__le32);
	else if (cmd == MOCK_NOVA_QUERY_ASSIGNED_VF)
		payload = 12;	/* u32 type id, u32 swizz id, u16 placement */
	out = kvzalloc(MOCK_NOVA_HDR_LEN + payload, GFP_KERNEL);
	if (!out) {
		rec.ret = -ENOMEM;
		goto log;
	}
	put_unaligned_le32(cmd, out);
	if (cmd == MOCK_NOVA_QUERY_SUPPORTED || cmd == MOCK_NOVA_QUERY_CREATABLE) {
		put_unaligned_le32(1, out + MOCK_NOVA_HDR_LEN);
		put_unaligned_le32(2, out + MOCK_NOVA_HDR_LEN + 4);
	}
	/*
	 * Like the Rust abstraction: the core copies what fits and reports
	 * the full length.
	 */
	*out_len = MOCK_NOVA_HDR_LEN + payload;
log:
	mock_log_add(mt, &rec);
	return rec.ret ? ERR_PTR(rec.ret) : out;
}

static const struct fwctl_ops mock_ops_mlx5 = {
	.device_type = FWCTL_DEVICE_TYPE_MLX5,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_mlx5,
	.fw_rpc = mock_fw_rpc_mlx5,
};

static const struct fwctl_ops mock_ops_bnxt = {
	.device_type = FWCTL_DEVICE_TYPE_BNXT,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_bnxt,
	.fw_rpc = mock_fw_rpc,
};

static const struct fwctl_ops mock_ops_pds = {
	.device_type = FWCTL_DEVICE_TYPE_PDS,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_pds,
	.fw_rpc = mock_fw_rpc,
};

/* No info callback: FWCTL_INFO returns no device data. */
static const struct fwctl_ops mock_ops_nova = {
	.device_type = MOCK_DEVICE_TYPE_NOVA,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.fw_rpc = mock_fw_rpc_nova,
};

static struct mock_mlx5_fw mock_mlx5_fw_state;

/* Registered in this order, so the minors are consecutive in this order. */
static struct mock_type mock_types[] = {
	{
		.name = "mlx5",
		.parent_name = "fwctl_mock_mlx5",
		.ops = &mock_ops_mlx5,
		.mlx5_fw = &mock_mlx5_fw_state,
	},
	{
		.name = "bnxt",
		.parent_name = "fwctl_mock_bnxt",
		.ops = &mock_ops_bnxt,
	},
	{
		.name = "pds",
		.parent_name = "fwctl_mock_pds",
		.ops = &mock_ops_pds,
		.pds_payload = true,
	},
	{
		.name = "nova",
		.parent_name = "fwctl_mock_nova",
		.ops = &mock_ops_nova,
	},
};

static int mock_log_show(struct seq_file *s, void *unused)
{
	struct mock_type *mt = s->private;
	unsigned int i;

	guard(mutex)(&mt->lock);
	for (i = 0; i < mt->count; i++) {
		const struct mock_rec *rec =
			&mt->recs[(mt->head + i) % MOCK_LOG_MAX];

		seq_printf(s, "scope=%u in_len=%u first=%*phN", rec->scope,
			   rec->in_len, rec->first_len, rec->first);
		if (rec->payload_state == MOCK_PAYLOAD_OK)
			seq_printf(s, " payload=%*phN", rec->payload_len,
				   rec->payload);
		else if (rec->payload_state == MOCK_PAYLOAD_FAULT)
			seq_puts(s, " payload=fault");
		if (rec->decode == MOCK_DECODE_MLX5) {
			seq_printf(s, " opcode=0x%04x op_mod=%u", rec->opcode,
				   rec->op_mod);
			if (rec->opcode == MOCK_MLX5_OP_ACCESS_REG)
				seq_printf(s, " reg=0x%04x", rec->reg);
			if (rec->has_status)
				seq_printf(s, " status=0x%02x", rec->status);
		} else if (rec->decode == MOCK_DECODE_NOVA) {
			seq_printf(s, " command_id=0x%08x", rec->command_id);
		}
		seq_printf(s, " ret=%d\n", rec->ret);
	}
	return 0;
}

static int mock_log_open(struct inode *inode, struct file *file)
{
	return single_open(file, mock_log_show, inode->i_private);
}

/* Any write clears the log. */
static ssize_t mock_log_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct mock_type *mt = file_inode(file)->i_private;

	guard(mutex)(&mt->lock);
	mt->head = 0;
	mt->count = 0;
	return count;
}

static const struct file_operations mock_log_fops = {
	.owner = THIS_MODULE,
	.open = mock_log_open,
	.read = seq_read,
	.write = mock_log_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* The mlx5 fake firmware's stored configuration (see the top comment). */
static int mock_nv_show(struct seq_file *s, void *unused)
{
	struct mock_type *mt = s->private;
	const struct mock_mlx5_fw *fw = mt->mlx5_fw;
	int i;

	guard(mutex)(&mt->lock);
	for (i = 0; i < MOCK_NV_SLOTS; i++)
		if (fw->nv[i].used)
			seq_printf(s, "type=0x%08x len=%u data=%*phN\n",
				   fw->nv[i].type, fw->nv[i].len,
				   min_t(int, fw->nv[i].len, 64), fw->nv[i].data);
	seq_printf(s, "mfrl_reset_trigger=0x%02x\n", fw->mfrl_reset_trigger);
	return 0;
}

static int mock_nv_open(struct inode *inode, struct file *file)
{
	return single_open(file, mock_nv_show, inode->i_private);
}

/* Any write resets the stored configuration. */
static ssize_t mock_nv_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct mock_type *mt = file_inode(file)->i_private;

	guard(mutex)(&mt->lock);
	memset(mt->mlx5_fw, 0, sizeof(*mt->mlx5_fw));
	return count;
}

static const struct file_operations mock_nv_fops = {
	.owner = THIS_MODULE,
	.open = mock_nv_open,
	.read = seq_read,
	.write = mock_nv_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int mock_add(struct mock_type *mt)
{
	struct mock_fwctl *mf;
	int ret;

	mt->fdev = faux_device_create(mt->parent_name, NULL, NULL);
	if (!mt->fdev)
		return -ENODEV;

	mf = fwctl_alloc_device(&mt->fdev->dev, mt->ops, struct mock_fwctl,
				fwctl);
	if (!mf) {
		ret = -ENOMEM;
		goto err_faux;
	}
	mf->mt = mt;

	ret = fwctl_register(&mf->fwctl);
	if (ret)
		goto err_put;

	mt->mf = mf;
	dev_info(&mf->fwctl.dev, "fwctl_mock: %s device (test-only)\n",
		 mt->name);
	return 0;

err_put:
	fwctl_put(&mf->fwctl);
err_faux:
	faux_device_destroy(mt->fdev);
	mt->fdev = NULL;
	return ret;
}

static void mock_del(struct mock_type *mt)
{
	/* On return no op runs any more; open FDs then get -ENODEV. */
	fwctl_unregister(&mt->mf->fwctl);
	fwctl_put(&mt->mf->fwctl);
	mt->mf = NULL;
	faux_device_destroy(mt->fdev);
	mt->fdev = NULL;
}

static int __init fwctl_mock_init(void)
{
	struct dentry *file;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_init(&mock_types[i].lock);

	/* The log is the point of this module: no debugfs, no load. */
	mock_debugfs_dir = debugfs_create_dir("fwctl_mock", NULL);
	if (IS_ERR(mock_debugfs_dir)) {
		ret = PTR_ERR(mock_debugfs_dir);
		goto err_mutex;
	}
	for (i = 0; i < ARRAY_SIZE(mock_types); i++) {
		file = debugfs_create_file(mock_types[i].name, 0600,
					   mock_debugfs_dir, &mock_types[i],
					   &mock_log_fops);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			goto err_debugfs;
		}
		if (!mock_types[i].mlx5_fw)
			continue;
		file = debugfs_create_file("mlx5_nv", 0600, mock_debugfs_dir,
					   &mock_types[i], &mock_nv_fops);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			goto err_debugfs;
		}
	}

	for (i = 0; i < ARRAY_SIZE(mock_types); i++) {
		ret = mock_add(&mock_types[i]);
		if (ret) {
			pr_err("fwctl_mock: cannot add the %s device: %d\n",
			       mock_types[i].name, ret);
			goto err_devices;
		}
	}
	return 0;

err_devices:
	while (--i >= 0)
		mock_del(&mock_types[i]);
err_debugfs:
	debugfs_remove_recursive(mock_debugfs_dir);
err_mutex:
	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_destroy(&mock_types[i].lock);
	return ret;
}

static void __exit fwctl_mock_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(mock_types) - 1; i >= 0; i--)
		mock_del(&mock_types[i]);
	debugfs_remove_recursive(mock_debugfs_dir);
	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_destroy(&mock_types[i].lock);
}

module_init(fwctl_mock_init);
module_exit(fwctl_mock_exit);

MODULE_DESCRIPTION("Test-only fake mlx5/bnxt/pds/type-5 fwctl devices for the fwctl-guard VM");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("FWCTL");
