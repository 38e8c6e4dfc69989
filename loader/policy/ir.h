/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A policy after the front end (lex -> parse -> check): an ordered list of
 * rules whose every name is resolved. This is what the lowering
 * (lower.c) turns into a generation of the kernel's bit-vector maps,
 * what the native evaluator (eval.c) runs for explain and the
 * differential tests, and what the linter reads.
 *
 * Semantics: a rule matches when each of its conditions holds; a condition
 * with a list of values holds when the request has any one of them; a
 * condition that is absent always holds, except the three with defaults
 * (devtypes: the known types only; scopes: all; statuses: decoded ok only).
 */
#ifndef FG_POLICY_IR_H
#define FG_POLICY_IR_H

#include <stdbool.h>
#include <stddef.h>

#include "fwctl_guard.h"
#include "util/diag.h"

struct fg_effects_db;
struct fg_resolver;

/* Limits the checker enforces, with a located error. */
#define FG_IR_MAX_CAPS		8	/* distinct capabilities in one policy */
#define FG_IR_MAX_INCLUDE_DEPTH	8
#define FG_IR_MAX_SET_ITEMS	1024	/* also the values of one condition */
#define FG_IR_MAX_RULES		4096
#define FG_IR_MAX_SOURCE	(1 << 20)	/* bytes in one file */


/* Where something was written: file (owned by the program's file list),
 * 1-based line and column, span length in columns. */
struct fg_loc {
	const char *file;
	int line;
	int col;
	int len;
};

/* A command: opcodes mean different commands on different device types. */
struct fg_ir_cmd {
	__u32 devtype;
	__u32 opcode;
};

/* An executable, by the file its path names when the policy was compiled
 * (the kernel compares the caller's exe inode, not its path). */
struct fg_ir_exe {
	char *path;
	__u64 dev;		/* kernel encoding: major << 20 | minor; 0: not found */
	__u64 ino;		/* 0: not found, the condition cannot match it */
};

/* A cgroup v2 directory, relative to the cgroup root ("/system.slice/x"). */
struct fg_ir_cgroup {
	char *path;
	__u64 id;		/* its inode number = cgroup id; 0: not found */
};

struct fg_ir_rule {
	__u8 action;		/* enum fg_action */
	__u8 scopes;		/* bit (1 << scope); default all four */
	__u8 statuses;		/* bit (1 << enum fg_decode_status); default ok */
	__u8 _pad;
	__u32 devtypes;		/* bit (1 << type number); default FG_DEVTYPE_KNOWN;
				 * bit 0: every type the guard does not decode */
	__u32 effects_any;	/* 0: no condition */
	__u32 effects_all;	/* 0: no condition */
	__u64 caps;		/* any of these held (1 << CAP_*); 0: no condition */

	/* Lists: n == 0 means no condition. Strings are malloc'd. */
	struct fg_ir_cmd *cmds;		size_t ncmds;
	__u8 (*features)[16];		size_t nfeatures;
	char **nodes;			size_t nnodes;	/* "fwctl0" */
	char **parents;			size_t nparents; /* "0000:3b:00.0", "mem0" */
	char **serials;			size_t nserials;
	__u32 *uids;			size_t nuids;
	__u32 *euids;			size_t neuids;
	__u32 *gids;			size_t ngids;
	char **comms;			size_t ncomms;	/* <= 15 characters */
	struct fg_ir_exe *exes;		size_t nexes;
	struct fg_ir_cgroup *cgroups;	size_t ncgroups;
	__u32 *ioctls;			size_t nioctls;	/* none: FWCTL_RPC only */
	__u32 *regs;			size_t nregs;	/* mlx5 register ids */
	__u8 reg_access;	/* bit (1 << enum fg_reg_access); 0: no condition */

	struct fg_loc loc;	/* the action word */
	char *text;		/* the rule as written, on one line */
};

struct fg_program {
	char name[FG_POLICY_NAME_LEN];	/* `policy "x"`, else the file's base name */
	__u8 mode;			/* enum fg_mode */
	__u8 default_action;
	__u8 unknown_device_action;	/* deny unless the policy says */
	__u8 tamper;			/* enum fg_tamper_action: report unless said */
	__u8 seal;			/* enum fg_seal_mode: none unless said */
	struct fg_loc default_loc;
	/* SHA-256 of the sources in include order, then of the effects
	 * tables' entries when the compile had any (fg_effects_hash): what
	 * the policy means on a host, not only what its files say. */
	__u8 hash[32];
	struct fg_ir_rule *rules;
	size_t nrules;
	char **files;			/* every file read, main first */
	size_t nfiles;
	/* The sources as one file: each include statement replaced by the
	 * text of the files it names, so that it compiles the same anywhere
	 * (the last policy that loaded, kept for a failed boot). */
	char *flat;
	size_t flat_len;
};


/* Where the checker finds command names and the host's users, groups,
 * cgroups and files; tests point these elsewhere. NULL fields mean the
 * defaults. */
struct fg_compile_opts {
	const struct fg_effects_db *db;	/* command names (NULL: CXL only) */
	const struct fg_resolver *resolver; /* NULL: this host (resolve.h) */
	const char *cgroup_root;	/* the host resolver's; default /sys/fs/cgroup */
	bool no_resolve;		/* do not resolve exe/cgroup paths (fuzzing) */
};

/*
 * Front end: lex, parse, check. 0 with *out set (free with
 * fg_program_free), -EINVAL with *err at the first error, or another -errno
 * when a file cannot be read. warnings may be NULL.
 */
int fg_policy_compile_file(const char *path, const struct fg_compile_opts *opts,
			   struct fg_program **out, struct fg_diag *err, struct fg_diags *warnings);
int fg_policy_compile_buf(const char *file, const char *buf, size_t len,
			  const struct fg_compile_opts *opts, struct fg_program **out,
			  struct fg_diag *err, struct fg_diags *warnings);
void fg_program_free(struct fg_program *prog);
/* Free what a rule owns (not the rule itself). */
void fg_ir_rule_release(struct fg_ir_rule *r);

/* Lints (check): shadowed and unreachable rules, conflicting duplicates,
 * paths that resolve to nothing. Appends warnings; returns how many. */
size_t fg_policy_lint(const struct fg_program *prog, struct fg_diags *warnings);

#endif
