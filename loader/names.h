/* SPDX-License-Identifier: GPL-2.0-only */
/* Names of the ABI's enums, as policies and events spell them. */
#ifndef FG_NAMES_H
#define FG_NAMES_H

#include "fwctl_guard.h"

const char *fg_scope_name(__u32 scope);
const char *fg_devtype_name(__u32 devtype);
const char *fg_action_name(__u32 action);
const char *fg_reason_name(__u32 reason);
const char *fg_hook_name(__u32 hook);
const char *fg_stat_name(__u32 stat);

/* Name -> value; -ENOENT when the name is not known. */
int fg_scope_parse(const char *name);
int fg_devtype_parse(const char *name);
int fg_action_parse(const char *name);

/* "a, b, c" list of the names of an enum, for error messages. */
extern const char *const fg_scope_names[FG_SCOPE_MAX];
extern const char *const fg_devtype_names[FG_DEVTYPE_MAX];
extern const char *const fg_action_names[FG_ACTION_MAX];

#endif
