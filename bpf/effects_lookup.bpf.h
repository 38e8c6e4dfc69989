/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A decoded command's effects: built-in ones first (fg_effects_builtin),
 * then the effects map, key by key (fg_effects_key). Shared by the guard and
 * by the test program that runs it under BPF_PROG_RUN; userspace has the
 * same walk over its table (fg_effects_resolve in loader/host/effects_table.c).
 * No entry: "unknown".
 */
#ifndef FG_EFFECTS_LOOKUP_BPF_H
#define FG_EFFECTS_LOOKUP_BPF_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decode.h"

static __always_inline void fg_resolve_effects(void *effects_map, __u32 minor, struct fg_cmd *c)
{
	struct fg_effects_val *val;
	struct fg_effects_key k;
	__u32 i;

	c->feat_flags = 0;
	c->effects = fg_effects_builtin(c);
	if (c->effects)
		return;
	c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
	for (i = 0; i < FG_EFFECTS_KEYS; i++) {
		if (!fg_effects_key(c, minor, i, &k))
			break;
		val = bpf_map_lookup_elem(effects_map, &k);
		if (!val)
			continue;
		c->effects = val->effects;
		c->feat_flags = val->feat_flags;
		return;
	}
}

#endif /* FG_EFFECTS_LOOKUP_BPF_H */
