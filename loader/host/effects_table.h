/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command effects known to the loader: the shipped tables
 * (policies/effects/NAME.effects, installed under /etc/fwctl-guard/effects),
 * a site's own tables, and each CXL device's Set Feature effects read live.
 * The format of a table is in docs/effects.md. Entries go into the
 * fg_effects map; their names serve policies and events.
 */
#ifndef FG_EFFECTS_TABLE_H
#define FG_EFFECTS_TABLE_H

#include <stddef.h>

#include "fwctl_guard.h"
#include "util/diag.h"

#define FG_CMD_NAME_LEN		48
#define FG_EFFECTS_SOURCE_LEN	64

struct fg_effects_entry {
	struct fg_effects_key key;
	struct fg_effects_val val;
	char name[FG_CMD_NAME_LEN];		/* "query_hca_cap"; "" for CXL live */
	char source[FG_EFFECTS_SOURCE_LEN];	/* "mlx5.effects:12", "fwctl0" */
};

/* An mlx5 register a table names (`register ID NAME EFFECTS`). */
struct fg_reg_name {
	__u32 reg;
	char name[FG_CMD_NAME_LEN];
};

struct fg_effects_db {
	struct fg_reg_name *regs;	/* malloc'd, in the order named */
	size_t nregs;
	size_t n, cap;
	struct fg_effects_entry *e;	/* malloc'd, in the order put */
	/* Hash indexes (entry index + 1; 0: empty), so that put, get and the
	 * command names an event line needs cost one probe, not a walk:
	 * by key, and by (devtype, opcode) for the first entry with a name. */
	size_t *by_key, *by_cmd;
	size_t index_cap;
};

/* Add or, when the key is already there, replace (later sources override
 * earlier ones). 0 or -ENOMEM. */
int fg_effects_put(struct fg_effects_db *db, const struct fg_effects_entry *entry);
const struct fg_effects_entry *fg_effects_get(const struct fg_effects_db *db,
					      const struct fg_effects_key *key);

/* Parse one table; entries are put into db. 0, -EINVAL with diag
 * (file:line:col), or another -errno when the file cannot be read. */
int fg_effects_parse_buf(const char *file, const char *buf, size_t len,
			 struct fg_effects_db *db, struct fg_diag *diag);
int fg_effects_parse_file(const char *path, struct fg_effects_db *db, struct fg_diag *diag);
/* Every *.effects in dir, in name order. -ENOENT (diag->msg says so) when
 * dir does not exist. */
int fg_effects_load_dir(const char *dir, struct fg_effects_db *db, struct fg_diag *diag);

/* The name a table gives (devtype, opcode), or NULL. CXL opcodes have
 * built-in names (names.h). db may be NULL: CXL names only. */
const char *fg_effects_cmd_name(const struct fg_effects_db *db, __u32 devtype, __u32 opcode);
/* Opcode of a command name for devtype; -ENOENT if no table names it. */
long fg_effects_cmd_parse(const struct fg_effects_db *db, __u32 devtype, const char *name);

/* An mlx5 register's name in the tables, or NULL; a name's register id,
 * or -ENOENT. Naming a register again renames it (later tables win). */
const char *fg_effects_reg_name(const struct fg_effects_db *db, __u32 reg);
long fg_effects_reg_parse(const struct fg_effects_db *db, const char *name);
int fg_effects_reg_put(struct fg_effects_db *db, __u32 reg, const char *name);

/* The command name (CXL's or a table's) closest to a misspelt one, if
 * close (util/suggest.h); NULL otherwise. db may be NULL. */
const char *fg_effects_suggest_cmd(const struct fg_effects_db *db, const char *name);

/* Effects of a decoded command as the BPF program resolves them
 * (fg_effects_builtin, then the keys of fg_effects_key in order). */
__u32 fg_effects_resolve(const struct fg_effects_db *db, const struct fg_cmd *c, __u32 minor,
			 __u32 *feat_flags);

/* The tables' entries and register names into a policy's digest, in the
 * order put, each field on its own (no padding bytes): what the policy's
 * effect and command conditions mean here. Entries a device reported
 * (CXL features read live, for one minor) are not the tables' and are
 * left out; a db with no table entry adds nothing. */
struct sha256_ctx;
void fg_effects_hash(const struct fg_effects_db *db, struct sha256_ctx *h);

void fg_effects_free(struct fg_effects_db *db);

#endif
