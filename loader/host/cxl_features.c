// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "host/cxl_features.h"
#include "fwctl_guard_decode.h"

/* struct cxl_feat_entry (include/uapi/cxl/features.h): 48 bytes, packed. */
#define CXL_FEAT_ENTRY_LEN	48
#define CXL_OUT_HDR_LEN		8	/* fwctl_rpc_cxl_out: size, retval */
#define CXL_GSF_HDR_LEN		8	/* num_entries, supported_feats, reserved */
#define GSF_BATCH		32	/* entries asked for per RPC */

static void put_le32(__u8 *b, __u32 off, __u32 v)
{
	b[off] = v & 0xff;
	b[off + 1] = v >> 8 & 0xff;
	b[off + 2] = v >> 16 & 0xff;
	b[off + 3] = v >> 24;
}

int fg_cxl_parse_features(const __u8 *out, size_t len, struct fg_cxl_feature **feats,
			  size_t *n, __u32 *total)
{
	struct fg_cxl_feature *f;
	__u32 size, retval, num, i;

	if (len < CXL_OUT_HDR_LEN + CXL_GSF_HDR_LEN)
		return -EPROTO;
	size = fg_le32(out, 0);
	retval = fg_le32(out, 4);
	num = fg_le16(out, 8);
	*total = fg_le16(out, 10);
	if (retval || size < CXL_GSF_HDR_LEN + (size_t)num * CXL_FEAT_ENTRY_LEN ||
	    len < CXL_OUT_HDR_LEN + CXL_GSF_HDR_LEN + (size_t)num * CXL_FEAT_ENTRY_LEN)
		return -EPROTO;
	f = realloc(*feats, (*n + num + 1) * sizeof(*f));
	if (!f)
		return -ENOMEM;
	*feats = f;
	for (i = 0; i < num; i++) {
		const __u8 *e = out + CXL_OUT_HDR_LEN + CXL_GSF_HDR_LEN + i * CXL_FEAT_ENTRY_LEN;
		struct fg_cxl_feature *d = &f[(*n)++];

		memcpy(d->uuid, e, 16);
		d->id = fg_le16(e, 16);
		d->get_size = fg_le16(e, 18);
		d->set_size = fg_le16(e, 20);
		d->flags = fg_le32(e, 22);
		d->effects = fg_le16(e, 28);
	}
	return 0;
}

int fg_cxl_read_features(int fd, struct fg_cxl_feature **feats, size_t *n)
{
	__u8 in[FG_CXL_HDR_LEN + FG_CXL_GSF_IN_LEN] = {};
	__u8 out[CXL_OUT_HDR_LEN + CXL_GSF_HDR_LEN + GSF_BATCH * CXL_FEAT_ENTRY_LEN];
	struct fg_fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = FG_SCOPE_CONFIGURATION,
		.in_len = sizeof(in),
		.out_len = sizeof(out),
		.in = (__u64)(unsigned long)in,
		.out = (__u64)(unsigned long)out,
	};
	__u32 start = 0, total = 0, count = GSF_BATCH * CXL_FEAT_ENTRY_LEN;
	size_t before;
	int err;

	*feats = NULL;
	*n = 0;
	/* struct fwctl_rpc_cxl: little-endian whatever the host. */
	put_le32(in, 0, FG_CXL_GET_SUPPORTED_FEATURES);
	put_le32(in, 8, FG_CXL_GSF_IN_LEN);
	put_le32(in, 16, count);
	do {
		in[20] = start & 0xff;	/* start_idx, __le16 */
		in[21] = start >> 8;
		memset(out, 0, sizeof(out));
		rpc.out_len = sizeof(out);
		if (ioctl(fd, FG_FWCTL_RPC, &rpc) < 0) {
			/* cxlctl_get_supported_features() refuses start >=
			 * num_features: at 0 that means the device has none. */
			if (errno == EINVAL && start == 0)
				return 0;
			err = -errno;
			goto fail;
		}
		before = *n;
		err = fg_cxl_parse_features(out, rpc.out_len, feats, n, &total);
		if (err)
			goto fail;
		if (*n == before)
			break;	/* no progress: do not loop forever */
		start += *n - before;
	} while (start < total);
	return 0;
fail:
	free(*feats);
	*feats = NULL;
	*n = 0;
	return err;
}

int fg_cxl_effects_put(struct fg_effects_db *db, __u32 minor, const char *node,
		       const struct fg_cxl_feature *feats, size_t n)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		struct fg_effects_entry e = {};

		e.key.minor = minor;
		e.key.devtype = FG_DEVTYPE_CXL;
		e.key.opcode = FG_CXL_SET_FEATURE;
		memcpy(e.key.uuid, feats[i].uuid, 16);
		e.val.effects = fg_cxl_effects(feats[i].effects);
		e.val.feat_flags = feats[i].flags;
		snprintf(e.source, sizeof(e.source), "%s live", node);
		err = fg_effects_put(db, &e);
		if (err)
			return err;
	}
	return 0;
}
