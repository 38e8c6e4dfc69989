/* SPDX-License-Identifier: GPL-2.0-only */
/* Diagnostics of the policy and effects-table front ends. */
#ifndef FG_POLICY_H
#define FG_POLICY_H

#include <stddef.h>

#include "fwctl_guard.h"

struct fg_effects_db;

/* Where and why a policy was refused; printed as file:line:col: error: msg,
 * then the source line and a caret under the span. */
struct fg_diag {
	char file[256];
	int line;		/* 1-based */
	int col;		/* 1-based */
	int len;		/* span length, >= 1 */
	char msg[256];
	char source[256];	/* the offending line, without its newline */
};

#endif
