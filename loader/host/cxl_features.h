/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CXL features as a CXL fwctl device reports them (Get Supported Features,
 * opcode 0x0500, through FWCTL_RPC at the configuration scope), and their
 * Set Feature effects as entries of the effects map.
 */
#ifndef FG_CXL_FEATURES_H
#define FG_CXL_FEATURES_H

#include <stddef.h>

#include "host/effects_table.h"
#include "fwctl_guard.h"

struct fg_cxl_feature {
	__u8 uuid[16];
	__u16 id;
	__u16 get_size;
	__u16 set_size;
	__u16 effects;		/* CXL Set Feature effects bits */
	__u32 flags;		/* CXL_FEATURE_F_* */
};

/* Parse the out buffer of one Get Supported Features RPC (struct
 * fwctl_rpc_cxl_out: size, retval, num_entries, supported_feats, entries).
 * Appends the entries to *feats (realloc'd); *total gets supported_feats.
 * -EPROTO when the reply is shorter than it claims or retval != 0. */
int fg_cxl_parse_features(const __u8 *out, size_t len, struct fg_cxl_feature **feats,
			  size_t *n, __u32 *total);

/* Every feature of an open CXL fwctl node; free(*feats) after. -errno of the
 * ioctl, or -EPROTO for a reply that does not parse. */
int fg_cxl_read_features(int fd, struct fg_cxl_feature **feats, size_t *n);

/* One effects entry per feature: key (minor, cxl, Set Feature, uuid), value
 * fg_cxl_effects(effects) and the flags. Source names the node. */
int fg_cxl_effects_put(struct fg_effects_db *db, __u32 minor, const char *node,
		       const struct fg_cxl_feature *feats, size_t n);

#endif
