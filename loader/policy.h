/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy front end: text -> struct fg_policy (the policy map's value).
 * This is the one interface the rest of the loader uses; the language behind
 * it is documented in docs/policy-language.md.
 */
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

/* 0, -EINVAL (the policy is wrong: see diag), or another -errno (the file
 * cannot be read: see diag->msg). out is written only on success. db names
 * the mlx5/bnxt/pds commands a policy may use (NULL: CXL names only). */
int fg_policy_parse_buf(const char *file, const char *buf, size_t len,
			const struct fg_effects_db *db, struct fg_policy *out, struct fg_diag *diag);
int fg_policy_parse_file(const char *path, const struct fg_effects_db *db, struct fg_policy *out,
			 struct fg_diag *diag);

/* One rule as policy text, e.g. "deny scope >= debug-write". */
void fg_rule_describe(const struct fg_rule *rule, const struct fg_effects_db *db, char *buf,
		      size_t len);

#endif
