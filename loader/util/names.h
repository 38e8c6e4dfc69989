/* SPDX-License-Identifier: GPL-2.0-only */
/* Names of the ABI's enums, as policies and events spell them. */
#ifndef FG_NAMES_H
#define FG_NAMES_H

#include <stddef.h>

#include "fwctl_guard.h"

const char *fg_scope_name(__u32 scope);
const char *fg_devtype_name(__u32 devtype);
const char *fg_action_name(__u32 action);
const char *fg_reason_name(__u32 reason);
const char *fg_hook_name(__u32 hook);
const char *fg_stat_name(__u32 stat);
const char *fg_event_type_name(__u32 type);	/* "decision", "tamper", "guard" */
int fg_event_type_parse(const char *name);
const char *fg_guard_op_name(__u32 op);		/* "map-write", "unlink-pin"... */
int fg_guard_op_parse(const char *name);
/* FG_TAMPER_* bits as "scope,payload"; -ENOSPC if buf is too small. */
int fg_tamper_format(__u32 mask, char *buf, size_t len);
int fg_tamper_bit_parse(const char *name, __u32 *bit);
const char *fg_exe_status_name(__u32 status);	/* "ok", "none", "unresolved" */
/* enum fg_untrust: "traced", "attached", ...; NULL past the last. */
const char *fg_untrust_name(__u32 u);
/* An exe_trust mask as "traced,attached" ("" for 0); -ENOSPC if buf is too
 * small. Bits past the known ones are left out. */
int fg_untrust_format(__u32 mask, char *buf, size_t len);
/* "traced,attached" -> mask; -ENOENT at a name that is none of them. */
int fg_untrust_parse(const char *list, __u32 *mask);

const char *fg_effect_name(__u32 effect);
const char *fg_decode_status_name(__u32 status);
/* CXL opcode name ("set_feature") or NULL. */
/* A device type as events show it: its name, or its number for a type
 * the guard does not decode ("5"); buf holds the number. */
const char *fg_devtype_label(__u32 v, char buf[12]);
/* enum fg_reg_access: "none", "read", "write". */
const char *fg_reg_access_name(__u32 v);
int fg_reg_access_parse(const char *name);
/* fwctl ioctl numbers by name ("info", "rpc", "rsc-destroy",
 * "rsc-umem-reg"): NULL / -ENOENT for others. */
const char *fg_ioctl_name(__u32 nr);
int fg_ioctl_parse(const char *name, __u32 *nr);
const char *fg_cxl_opcode_name(__u32 opcode);
/* Name of a known CXL feature UUID ("patrol_scrub") or NULL. */
const char *fg_cxl_feature_name(const __u8 uuid[16]);
/* The i-th known feature's name, NULL past the last (for "did you mean"). */
const char *fg_cxl_feature_name_at(unsigned int i);

/* "a,b,c" of the effect names in mask ("none" for 0); returns the length
 * snprintf would have written. */
int fg_effects_format(__u32 mask, char *buf, size_t len);
/* Canonical text form, 36 characters + NUL. */
void fg_uuid_format(const __u8 uuid[16], char buf[37]);
/* "8-4-4-4-12" hex, either case -> bytes; -EINVAL if it is not one. */
int fg_uuid_parse(const char *s, __u8 uuid[16]);

/* Name -> value; -ENOENT when the name is not known. */
int fg_scope_parse(const char *name);
int fg_devtype_parse(const char *name);
int fg_action_parse(const char *name);
int fg_reason_parse(const char *name);
int fg_hook_parse(const char *name);
int fg_exe_status_parse(const char *name);
int fg_effect_parse(const char *name);
int fg_decode_status_parse(const char *name);	/* "ok", "malformed", "unreadable" */
const char *fg_mode_name(__u32 mode);		/* "enforce", "permissive" */
int fg_mode_parse(const char *name);
const char *fg_tamper_name(__u32 action);	/* "report", "kill" */
int fg_tamper_parse(const char *name);
const char *fg_seal_name(__u32 mode);		/* "none", "sealed", "reload" */
int fg_seal_parse(const char *name);
int fg_cxl_opcode_parse(const char *name);
int fg_cxl_feature_parse(const char *name, __u8 uuid[16]);

/* Capability names as capabilities(7) spells them, any case, with or
 * without CAP_ ("sys_rawio", "CAP_SYS_ADMIN"), or a number 0-63;
 * -ENOENT when unknown, -ERANGE for a number over 63. */
int fg_cap_parse(const char *name);
const char *fg_cap_name(unsigned int cap);	/* "sys_rawio", or NULL */

/* "a, b, c" list of the names of an enum, for error messages. */
extern const char *const fg_scope_names[FG_SCOPE_MAX];
extern const char *const fg_devtype_names[FG_DEVTYPE_MAX];
extern const char *const fg_action_names[FG_ACTION_MAX];
extern const char *const fg_effect_names[FG_EFFECT_MAX];

#endif
