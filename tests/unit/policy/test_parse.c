// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy front end (lex -> parse -> check): accept and reject tables.
 * Accepts compare the checked rule with a one-line dump of its IR; rejects
 * assert message, line, column and, where it matters, span and file.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "host/effects_table.h"
#include "util/names.h"
#include "policy/ir.h"
#include "policy/lower.h"

#include "util/array.h"

static const struct fg_compile_opts no_resolve = { .no_resolve = true };

static int compile(const char *text, struct fg_program **prog, struct fg_diag *d)
{
	return fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, prog, d, NULL);
}

/* A rule's IR on one line, defaults left out: "deny scope=c cmd=2:0x502". */
static void dump(const struct fg_ir_rule *r, char *buf, size_t len)
{
	size_t off = 0, i;

#define OUT(...) (off += snprintf(buf + off, off < len ? len - off : 0, __VA_ARGS__))
#define LIST(name, n, fmt, expr)						\
	do {									\
		for (i = 0; i < (n); i++)					\
			OUT("%s" fmt, i ? "," : " " name "=", expr);		\
	} while (0)
	OUT("%s", fg_action_name(r->action));
	if (r->scopes != 0xf)
		OUT(" scope=%x", r->scopes);
	if (r->devtypes != FG_DEVTYPE_KNOWN)
		OUT(" type=%x", r->devtypes);
	if (r->statuses != (1u << FG_DECODE_OK | 1u << FG_DECODE_UNKNOWN_TYPE))
		OUT(" req=%x", r->statuses);
	if (r->effects_any)
		OUT(" any=%x", r->effects_any);
	if (r->effects_all)
		OUT(" all=%x", r->effects_all);
	if (r->caps)
		OUT(" caps=%llx", (unsigned long long)r->caps);
	for (i = 0; i < r->ncmds; i++)
		OUT("%s%u:0x%x", i ? "," : " cmd=", r->cmds[i].devtype, r->cmds[i].opcode);
	LIST("ioctl", r->nioctls, "0x%x", r->ioctls[i]);
	LIST("reg", r->nregs, "0x%x", r->regs[i]);
	if (r->reg_access)
		OUT(" access=%x", r->reg_access);
	for (i = 0; i < r->nfeatures; i++) {
		char u[37];

		fg_uuid_format(r->features[i], u);
		OUT("%s%s", i ? "," : " feature=", u);
	}
	LIST("node", r->nnodes, "%s", r->nodes[i]);
	LIST("parent", r->nparents, "%s", r->parents[i]);
	LIST("serial", r->nserials, "%s", r->serials[i]);
	LIST("uid", r->nuids, "%u", r->uids[i]);
	LIST("euid", r->neuids, "%u", r->euids[i]);
	LIST("gid", r->ngids, "%u", r->gids[i]);
	LIST("comm", r->ncomms, "%s", r->comms[i]);
	LIST("exe", r->nexes, "%s", r->exes[i].path);
	LIST("cgroup", r->ncgroups, "%s", r->cgroups[i].path);
#undef LIST
#undef OUT
}

struct accept_case {
	const char *text;
	size_t nrules;
	const char *last;	/* dump of the last rule */
};

#define D "default allow\n"

static const struct accept_case accepts[] = {
	{ D, 0, NULL },
	{ "default deny", 0, NULL },
	{ "# comment\n\n  default audit   # trailing\n", 0, NULL },
	{ D "deny scope >= debug-write\n", 1, "deny scope=c" },
	{ "deny scope >= debug-write\n" D, 1, "deny scope=c" },
	{ D "allow scope configuration", 1, "allow scope=1" },
	{ D "allow scope == debug-read-only\n", 1, "allow scope=2" },
	{ D "allow scope < debug-write\n", 1, "allow scope=3" },
	{ D "allow scope <= debug-write\n", 1, "allow scope=7" },
	{ D "audit scope > configuration scope < debug-write-full\n", 1, "audit scope=6" },
	{ D "deny scope 3\n", 1, "deny scope=8" },
	{ D "deny scope debug-read-only..debug-write\n", 1, "deny scope=6" },
	{ D "deny scope configuration, debug-write-full\n", 1, "deny scope=9" },
	{ D "deny scope { 0, 2 }\n", 1, "deny scope=5" },
	{ D "deny scope 0..3\n", 1, "deny" },
	{ D "deny type cxl\n", 1, "deny type=4" },
	{ D "deny type mlx5, bnxt ,pds scope debug-write-full\n", 1, "deny scope=8 type=1a" },
	{ D "deny type unknown\n", 1, "deny type=1" },
	{ "\tdefault\tallow\r\n\tdeny\tscope\t>=\tdebug-write\r\n", 1, "deny scope=c" },
	{ D "deny\n", 1, "deny" },
	{ "default allow; deny scope debug-write; audit", 2, "audit" },
	{ D "deny node fwctl0, fwctl1\n", 1, "deny node=fwctl0,fwctl1" },
	{ D "deny parent mem0\n", 1, "deny parent=mem0" },
	{ D "deny pci 0000:3B:00.7\n", 1, "deny parent=0000:3b:00.7" },
	{ D "deny serial \"SN 12\", ab-01\n", 1, "deny serial=SN 12,ab-01" },
	{ D "deny cmd set_feature\n", 1, "deny cmd=2:0x502" },
	{ D "deny cmd \"get_feature\", 0x0500 type cxl\n", 1,
	  "deny type=4 cmd=2:0x501,2:0x500" },
	{ D "deny type mlx5 cmd 0x0805\n", 1, "deny type=2 cmd=1:0x805" },
	{ D "deny type mlx5,bnxt,unknown cmd 5\n", 1, "deny type=b cmd=1:0x5,3:0x5" },
	{ D "deny feature patrol_scrub, 96DAD7D6-fde8-482b-a733-75774e06db8a, ecs\n", 1,
	  "deny feature=96dad7d6-fde8-482b-a733-75774e06db8a,e5b13f22-2328-4a14-b8ba-b9691e893386" },
	{ D "deny effect config-change-after-reset,destructive\n", 1, "deny any=404" },
	{ D "deny effect any read-only\n", 1, "deny any=1" },
	{ D "deny effect all reset,destructive\n", 1, "deny all=600" },
	{ D "deny effect any reset effect all destructive\n", 1, "deny any=200 all=400" },
	{ D "deny effect { reset }\n", 1, "deny any=200" },
	{ D "allow request malformed,unreadable\n", 1, "allow req=6" },
	{ D "allow request ok\n", 1, "allow" },
	{ D "deny uid 0, 1000 euid root gid root\n", 1, "deny uid=0,1000 euid=0 gid=0" },
	{ D "deny uid 0x10\n", 1, "deny uid=16" },
	{ D "deny comm \"my tool\", fwupd, fwupd\n", 1, "deny comm=my tool,fwupd" },
	{ D "deny comm \"a\\\"b\\\\c\"\n", 1, "deny comm=a\"b\\c" },
	{ D "deny cap sys_admin, CAP_SYS_RAWIO, Net_Admin, 1\n", 1, "deny caps=221002" },
	{ D "set w = { debug-write, debug-write-full }\ndeny scope @w\n", 1, "deny scope=c" },
	{ D "set a = { fwctl0 }\nset b = { @a, fwctl1, }\ndeny node { @b, fwctl2 }\n", 1,
	  "deny node=fwctl0,fwctl1,fwctl2" },
	{ D "set a = { fwctl0 }\ndeny node @a, fwctl9\n", 1, "deny node=fwctl0,fwctl9" },
	{ D "deny type {\n  mlx5,  # a comment\n\n  bnxt,\n}\nallow\n", 2, "allow" },
	{ D "deny type {\n  mlx5,  # a comment\n  bnxt,\n} scope 2\n", 1, "deny scope=4 type=a" },
	{ D "deny exe /usr/bin/fwupd, \"/opt/my tool\"\n", 1, "deny exe=/usr/bin/fwupd,/opt/my tool" },
	{ D "deny cgroup /system.slice, /\n", 1, "deny cgroup=/system.slice,/" },
	/* Keywords are keywords only where they start a statement, and `any`
	 * and `all` only after `effect`. */
	{ D "deny comm set, policy, effect, any, default\n", 1,
	  "deny comm=set,policy,effect,any,default" },
	{ D "deny node set scope 1\n", 1, "deny scope=2 node=set" },
	{ D "deny type cxl cmd set_feature\n", 1, "deny type=4 cmd=2:0x502" },
	/* Values at their field's width (rejects_widths below). */
	{ D "deny type cxl cmd 0xffff\n", 1, "deny type=4 cmd=2:0xffff" },
	{ D "deny type mlx5 cmd 65535\n", 1, "deny type=2 cmd=1:0xffff" },
	{ D "deny type bnxt cmd 0x0000ffff\n", 1, "deny type=8 cmd=3:0xffff" },
	{ D "deny type pds cmd 0x10502\n", 1, "deny type=10 cmd=4:0x10502" },
	{ D "deny type pds cmd 4294967295\n", 1, "deny type=10 cmd=4:0xffffffff" },
	{ D "deny type cxl, pds cmd 0x502\n", 1, "deny type=14 cmd=2:0x502,4:0x502" },
	{ D "deny scope 0x3\n", 1, "deny scope=8" },
	{ D "deny scope 0x0..0x2\n", 1, "deny scope=7" },
	{ D "deny scope >= 0\n", 1, "deny" },
	{ D "deny scope <= 3\n", 1, "deny" },
	{ "policy \"p\"\nmode permissive\ndefault unknown-device audit\ndefault deny\n", 0, NULL },
	/* `tamper` and `seal` start statements only: elsewhere they are words. */
	{ D "deny comm seal, tamper\n", 1, "deny comm=seal,tamper" },
	{ D "deny node seal serial tamper\n", 1, "deny node=seal serial=tamper" },
	{ D "set seal = { seal, tamper }\ndeny comm @seal\n", 1, "deny comm=seal,tamper" },
	{ D "deny comm {\n  seal,\n  tamper\n}\n", 1, "deny comm=seal,tamper" },
	{ "tamper kill; seal reload; default deny; deny comm seal\n", 1, "deny comm=seal" },
};

/* Compiled, or the test stops with where and why. */
static struct fg_program *compile_ok(const char *text, unsigned int i)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile(text, &prog, &d), 0, "case %u rejected: %d:%d: %s", i, d.line, d.col,
		     d.msg);
	return prog;
}

Test(policy_parse, accepts)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(accepts); i++) {
		const struct accept_case *c = &accepts[i];
		struct fg_program *prog = compile_ok(c->text, i);
		char got[512];

		cr_expect_eq(prog->nrules, c->nrules, "case %u: %zu rules", i, prog->nrules);
		if (c->last && prog->nrules == c->nrules) {
			dump(&prog->rules[prog->nrules - 1], got, sizeof(got));
			cr_expect_str_eq(got, c->last, "case %u", i);
		}
		fg_program_free(prog);
	}
}

struct reject_case {
	const char *text;
	int line, col, len;	/* len 0: not checked */
	const char *msg;	/* substring of the message */
};

/* Statements, syntax and lexing. */
static const struct reject_case rejects_syntax[] = {
	{ "", 1, 1, 1, "no 'default' statement" },
	{ "# only a comment\n", 1, 1, 1, "no 'default' statement" },
	{ "deny scope debug-write\n", 1, 1, 1, "no 'default' statement" },
	{ D "default deny\n", 2, 1, 7, "'default' given twice (first at t.policy:1)" },
	{ "default\n", 1, 8, 1, "syntax error: expected a value after 'default', found end of line" },
	{ "default permit\n", 1, 9, 6, "unknown action 'permit' (expected allow, deny or audit" },
	{ "default allow deny\n", 1, 15, 4, "unexpected 'deny' after the default action" },
	{ D "block scope debug-write\n", 2, 1, 5, "unknown statement 'block' (expected policy" },
	{ D "deny color red\n", 2, 6, 5,
	  "unknown condition 'color'; expected one of: scope, type, node, parent, pci" },
	{ D "deny scope \xc3\xa9\n", 2, 12, 1, "unexpected byte 0xc3" },
	{ D "deny scope != debug-write\n", 2, 12, 1, "unexpected character '!'" },
	{ D "deny scope => debug-write\n", 2, 12, 1,
	  "syntax error: expected a value after 'scope', found '='" },
	{ D ">= deny\n", 2, 1, 2, "syntax error: expected a statement, found '>='" },
	{ D "deny scope >= >=\n", 2, 15, 2, "expected a value after '>=', found '>='" },
	{ D "deny scope\n", 2, 11, 1, "expected a value after 'scope', found end of line" },
	{ D "deny scope >=\n", 2, 14, 1, "expected a value after '>='" },
	{ D "deny type cxl,\n", 2, 15, 1, "expected a value after ','" },
	{ D "deny scope debug-write, \n", 2, 25, 1, "expected a value after ','" },
	{ D "deny type mlx5 }\n", 2, 16, 1,
	  "syntax error: unexpected '}', expected end of line, a word or ','" },
	{ D "deny type { mlx5\n", 3, 1, 1, "unexpected end of file, expected '}' or ','" },
	{ D "set x { a }\n", 2, 7, 1, "syntax error: unexpected '{', expected '='" },
	{ D "default unknown-device deny audit\n", 2, 29, 5,
	  "syntax error: unexpected 'audit', expected end of line" },
	{ D "deny \"x\n", 2, 6, 2, "unterminated string" },
	{ D "deny comm \"a\\tb\"\n", 2, 13, 2, "unknown escape '\\t' in a string" },
	{ D "deny comm @\n", 2, 11, 1, "expected a set name after '@'" },
	{ D "deny\tscope\tdebug-wrote\n", 2, 12, 11, "unknown scope 'debug-wrote'" },
	{ D "default unknown-device\n", 2, 23, 1,
	  "expected allow, deny or audit after 'default unknown-device'" },
	{ D "default unknown-device deny\ndefault unknown-device allow\n", 3, 1, 7,
	  "'default unknown-device' given twice (first at t.policy:2)" },
	{ D "default unknown-device permit\n", 2, 24, 6, "unknown action 'permit'" },
	{ "policy a\npolicy b\n" D, 2, 1, 6, "'policy' given twice (first at t.policy:1)" },
	{ "mode enforce\nmode permissive\n" D, 2, 1, 4, "'mode' given twice" },
	{ "mode strict\n" D, 1, 6, 6, "unknown mode 'strict' (expected enforce or permissive)" },
	{ "policy \"\"\n" D, 1, 8, 2, "empty policy name" },
	{ "policy "
	  "a234567890123456789012345678901234567890123456789012345678901234\n" D,
	  1, 8, 64, "a policy name is at most 63 characters" },
	{ D "include @x\n", 2, 9, 2, "a set cannot be used here" },
	{ "tamper kill\ntamper report\n" D, 2, 1, 6,
	  "'tamper' given twice (first at t.policy:1)" },
	{ "tamper kill; tamper kill\n" D, 1, 14, 6, "'tamper' given twice (first at t.policy:1)" },
	{ "tamper stop\n" D, 1, 8, 4, "unknown tamper action 'stop' (expected report or kill)" },
	{ "tamper \"\"\n" D, 1, 8, 2, "unknown tamper action '' (expected report or kill)" },
	{ "tamper\n" D, 1, 7, 1,
	  "syntax error: expected a value after 'tamper', found end of line" },
	{ D "tamper", 2, 7, 0, "syntax error: expected a value after 'tamper', found end of file" },
	{ "tamper kill report\n" D, 1, 13, 6,
	  "syntax error: unexpected 'report', expected end of line" },
	{ "tamper @x\n" D, 1, 8, 2, "a set cannot be used here" },
	{ "seal\nseal reload\n" D, 2, 1, 4, "'seal' given twice (first at t.policy:1)" },
	{ "seal reload\n\n  seal\n" D, 3, 3, 4, "'seal' given twice (first at t.policy:1)" },
	{ "seal forever\n" D, 1, 6, 7,
	  "unknown seal mode 'forever' (expected 'seal' alone or 'seal reload')" },
	/* Status's names for the modes are not words of the statement. */
	{ "seal none\n" D, 1, 6, 4, "unknown seal mode 'none'" },
	{ "seal sealed\n" D, 1, 6, 6, "unknown seal mode 'sealed'" },
	{ "seal reload now\n" D, 1, 13, 3, "syntax error: unexpected 'now', expected end of line" },
	{ "seal @x\n" D, 1, 6, 2, "a set cannot be used here" },
	{ D "sealed\n", 2, 1, 6,
	  "unknown statement 'sealed' (expected policy, mode, default, tamper, seal, include, "
	  "set, allow, deny or audit)" },
	{ "seal { reload }\n" D, 1, 6, 1,
	  "syntax error: unexpected '{', expected end of line, a word, a string or @set" },
};

/* Conditions and their values. */
static const struct reject_case rejects_conditions[] = {
	{ D "deny scope >= debug-writ\n", 2, 15, 10,
	  "unknown scope 'debug-writ' (expected configuration, debug-read-only, debug-write, "
	  "debug-write-full or 0-3)" },
	{ D "deny scope 4\n", 2, 12, 1,
	  "scopes are 0-3 (the kernel's enum fwctl_rpc_scope): 4 is out of range" },
	{ D "deny scope > debug-write-full\n", 2, 6, 24, "the rule's scope conditions match no scope" },
	{ D "deny scope < configuration\n", 2, 6, 21, "match no scope" },
	{ D "deny scope debug-write scope configuration\n", 2, 24, 19, "match no scope" },
	{ D "deny scope debug-write..configuration\n", 2, 12, 26,
	  "scope range 'debug-write..configuration' is empty" },
	{ D "deny scope 1..9\n", 2, 12, 4, "9 in '1..9' is out of range" },
	{ D "deny scope 1..debug-wrote\n", 2, 12, 14, "unknown scope range '1..debug-wrote'" },
	{ D "deny scope >= configuration,debug-write\n", 2, 15, 25,
	  "an operator takes a single scope" },
	{ D "deny type >= mlx5\n", 2, 11, 2, "only 'scope' takes an operator" },
	{ D "deny type nvme\n", 2, 11, 4,
	  "unknown device type 'nvme' (expected mlx5, cxl, bnxt, pds or unknown, or a type number)" },
	{ D "deny type cxl type mlx5\n", 2, 15, 4, "'type' given twice in one rule" },
	{ D "deny type {}\n", 2, 11, 2, "'type' needs at least one value" },
	{ D "deny node fwctl0123456789ab\n", 2, 11, 17, "node is at most 15 characters" },
	{ D "deny parent a23456789012345678901234567890123\n", 2, 13, 33,
	  "parent is at most 31 characters" },
	{ D "deny pci 0000:3b:00\n", 2, 10, 10, "'0000:3b:00' is not a PCI address" },
	{ D "deny pci 0000:3b:20.0\n", 2, 10, 12, "'0000:3b:20.0' is not a PCI address" },
	{ D "deny pci 0000:3b:00.0 parent mem0\n", 2, 23, 6,
	  "'pci' and 'parent' are one condition" },
	{ D "deny serial \"\"\n", 2, 13, 2, "empty serial" },
	{ D "deny comm abcdefghijklmnop\n", 2, 11, 16,
	  "comm is at most 15 characters (the kernel's TASK_COMM_LEN)" },
	{ D "deny effect\n", 2, 12, 1, "expected a value after 'effect'" },
	{ D "deny effect resets\n", 2, 13, 6, "unknown effect 'resets'" },
	{ D "deny effect reset effect log-change\n", 2, 19, 6,
	  "'effect any' given twice in one rule" },
	{ D "deny effect all reset effect all log-change\n", 2, 23, 6,
	  "'effect all' given twice in one rule" },
	{ D "deny cmd\n", 2, 9, 1, "expected a value after 'cmd'" },
	{ D "deny cmd 0x0502\n", 2, 10, 6, "a command number needs 'type' in the same rule" },
	{ D "deny type unknown cmd 5\n", 2, 23, 1, "a command number needs 'type'" },
	{ D "deny cmd fw_reset\n", 2, 10, 8, "unknown command 'fw_reset'" },
	{ D "deny cmd set_featur\n", 2, 10, 10,
	  "unknown command 'set_featur' (did you mean 'set_feature'?)" },
	{ D "deny type mlx5 cmd set_feature\n", 2, 20, 11,
	  "command 'set_feature' is not a command of the rule's device types (it is a cxl "
	  "command)" },
	{ D "deny type mlx5 cmd 0xfffffffff\n", 2, 20, 11,
	  "mlx5 opcodes are 16 bits: 0xfffffffff is out of range" },
	{ D "deny type mlx5 cmd 0x12g\n", 2, 20, 5, "'0x12g' is not a command number" },
	{ D "deny cmd 5 type mlx5 cmd 6\n", 2, 22, 3, "'cmd' given twice in one rule" },
	{ D "deny feature scrubber\n", 2, 14, 8, "unknown feature 'scrubber' (a UUID, or one of" },
	{ D "deny request broken\n", 2, 14, 6,
	  "unknown request state 'broken' (expected ok, malformed, unreadable or unknown-type)" },
	{ D "deny uid nosuchuser_fg\n", 2, 10, 13, "unknown user 'nosuchuser_fg'" },
	{ D "deny euid 0 euid 1\n", 2, 13, 4, "'euid' given twice in one rule" },
	{ D "deny gid nosuchgroup_fg\n", 2, 10, 14, "unknown group 'nosuchgroup_fg'" },
	{ D "deny uid 4294967296\n", 2, 10, 10,
	  "'4294967296' is neither a user id (0 to 4294967295) nor a user name" },
	{ D "deny exe bin/tool\n", 2, 10, 8, "exe needs an absolute path, not 'bin/tool'" },
	{ D "deny cgroup system.slice\n", 2, 13, 12, "a cgroup path starts with '/'" },
	{ D "deny cgroup /a/../b\n", 2, 13, 7, "a cgroup path has no '..' in it" },
	{ D "deny cap sys_frobnicate\n", 2, 10, 14, "unknown capability 'sys_frobnicate'" },
	{ D "deny cap 64\n", 2, 10, 2, "capability number 64 is out of range (0-63)" },
	{ D "deny cap chown,kill,setuid,setgid\nallow cap net_admin,net_raw,sys_admin,"
	  "sys_rawio\naudit cap sys_admin, bpf\n", 4, 22, 3,
	  "at most 8 distinct capabilities in a policy" },
	{ D "deny scope debug-write\nallow scope debug-write\n", 3, 1, 5,
	  "conflicting duplicate of the rule at t.policy:2 (which says deny)" },
	{ D "audit type mlx5,cxl uid 0,1\ndeny uid { 1, 0 } type { cxl, mlx5 }\n", 3, 1, 4,
	  "conflicting duplicate of the rule at t.policy:2 (which says audit)" },
};

/*
 * Values wider than the field the guard compares them with (issue 17: 'deny
 * type cxl cmd 0x10502' was accepted with a warning and never matched, the
 * kernel ran it as Set Feature): a command number above a type's opcode
 * width, a scope outside 0-3, in every form they are written.
 */
static const struct reject_case rejects_widths[] = {
	{ D "deny type cxl cmd 0x10502\n", 2, 19, 7,
	  "cxl opcodes are 16 bits: 0x10502 is out of range (the driver keeps the low 16 bits "
	  "and would run it as 0x0502, set_feature)" },
	{ D "deny type cxl cmd 66818\n", 2, 19, 5,
	  "cxl opcodes are 16 bits: 66818 is out of range (the driver keeps the low 16 bits "
	  "and would run it as 0x0502, set_feature)" },
	{ D "deny type cxl cmd 0x14200\n", 2, 19, 7,
	  "cxl opcodes are 16 bits: 0x14200 is out of range (the driver keeps the low 16 bits "
	  "and would run it as 0x4200, which it refuses)" },
	{ D "deny type cxl cmd 0x10000\n", 2, 19, 7, "would run it as 0x0000, which it refuses" },
	{ D "deny type mlx5 cmd 0x10805\n", 2, 20, 7,
	  "mlx5 opcodes are 16 bits: 0x10805 is out of range" },
	{ D "deny type bnxt cmd 65536\n", 2, 20, 5,
	  "bnxt opcodes are 16 bits: 65536 is out of range" },
	/* Above a u32: named by width, the rule's types being known. */
	{ D "deny type pds cmd 0x100000000\n", 2, 19, 11,
	  "pds opcodes are 32 bits: 0x100000000 is out of range" },
	{ D "deny type pds cmd 99999999999999999999999\n", 2, 19, 23,
	  "pds opcodes are 32 bits: 99999999999999999999999 is out of range" },
	{ D "deny type cxl cmd 0x100000502\n", 2, 19, 11,
	  "cxl opcodes are 16 bits: 0x100000502 is out of range" },
	/* One of the rule's types is too narrow for it: split the rule. */
	{ D "deny type pds, cxl cmd 0x10502\n", 2, 24, 7, "cxl opcodes are 16 bits: 0x10502" },
	{ D "deny cmd 0x1ffff type { pds, bnxt } scope 3\n", 2, 10, 7,
	  "bnxt opcodes are 16 bits: 0x1ffff is out of range" },
	{ D "deny type mlx5 cmd 0x805, 0x10805\n", 2, 27, 7, "mlx5 opcodes are 16 bits" },
	{ D "set ops = { 5, 0x20000 }\ndeny type mlx5 cmd @ops\n", 2, 16, 7,
	  "mlx5 opcodes are 16 bits: 0x20000 is out of range (in @ops, used at t.policy:3)" },
	/* Without a type the width is unknown: the type is asked for first. */
	{ D "deny cmd 0x10502\n", 2, 10, 7, "a command number needs 'type' in the same rule" },
	{ D "deny scope 4\n", 2, 12, 1,
	  "scopes are 0-3 (the kernel's enum fwctl_rpc_scope): 4 is out of range" },
	{ D "deny scope 0x4\n", 2, 12, 3, "scopes are 0-3 (the kernel's enum fwctl_rpc_scope): "
	  "0x4 is out of range" },
	{ D "deny scope >= 4\n", 2, 15, 1, "4 is out of range" },
	{ D "deny scope < 4\n", 2, 14, 1, "4 is out of range" },
	{ D "deny scope 4294967296\n", 2, 12, 10, "4294967296 is out of range" },
	{ D "deny scope 0x10003\n", 2, 12, 7, "0x10003 is out of range" },
	{ D "deny scope 1, 2, 7\n", 2, 18, 1, "7 is out of range" },
	{ D "deny scope 2..5\n", 2, 12, 4,
	  "scopes are 0-3 (the kernel's enum fwctl_rpc_scope): 5 in '2..5' is out of range" },
	{ D "deny scope 9..debug-write\n", 2, 12, 14, "9 in '9..debug-write' is out of range" },
	{ D "deny scope configuration..0x100000000\n", 2, 12, 26,
	  "0x100000000 in 'configuration..0x100000000' is out of range" },
	{ D "set s = { 1, 12 }\ndeny scope @s\n", 2, 14, 2,
	  "12 is out of range (in @s, used at t.policy:3)" },
	/* A name is not a number: no width. */
	{ D "deny scope debug-everything\n", 2, 12, 16,
	  "unknown scope 'debug-everything' (expected" },
};

/* Sets. */
static const struct reject_case rejects_sets[] = {
	{ D "set x = { }\n", 2, 9, 3, "set 'x' is empty" },
	{ D "set x = { a }\nset x = { b }\n", 3, 5, 1, "set 'x' is already defined (at t.policy:2)" },
	{ D "deny node @nodes\n", 2, 11, 6, "@nodes is not defined" },
	{ D "deny node @later\nset later = { fwctl0 }\n", 2, 11, 6, "@later is not defined" },
	{ D "set 9x = { a }\n", 2, 5, 2, "invalid set name '9x'" },
	{ D "set @x = { a }\n", 2, 5, 2, "a set's name is written without '@'" },
	{ D "set a = { @a }\n", 2, 11, 2, "@a is not defined" },
	{ D "set t = { nvme }\ndeny type @t\n", 2, 11, 4,
	  "unknown device type 'nvme' (expected mlx5, cxl, bnxt, pds or unknown, or a type number) (in @t, used "
	  "at t.policy:3)" },
};

static void run_rejects(const struct reject_case *cases, size_t n, const char *group)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct reject_case *c = &cases[i];
		struct fg_program *prog = NULL;
		struct fg_diag d;
		int ret = compile(c->text, &prog, &d);

		cr_assert_eq(ret, -EINVAL, "%s %zu accepted: %s", group, i, c->text);
		cr_expect_null(prog);
		cr_expect_str_eq(d.file, "t.policy", "%s %zu", group, i);
		cr_expect_eq(d.line, c->line, "%s %zu: line %d, want %d (%s)", group, i, d.line,
			     c->line, d.msg);
		cr_expect_eq(d.col, c->col, "%s %zu: col %d, want %d (%s)", group, i, d.col, c->col,
			     d.msg);
		if (c->len)
			cr_expect_eq(d.len, c->len, "%s %zu: len %d, want %d (%s)", group, i, d.len,
				     c->len, d.msg);
		cr_expect(strstr(d.msg, c->msg), "%s %zu: message '%s' lacks '%s'", group, i,
			  d.msg, c->msg);
	}
}

Test(policy_parse, rejects_syntax)
{
	run_rejects(rejects_syntax, ARRAY_SIZE(rejects_syntax), "syntax");
}

Test(policy_parse, rejects_conditions)
{
	run_rejects(rejects_conditions, ARRAY_SIZE(rejects_conditions), "conditions");
}

Test(policy_parse, rejects_widths)
{
	run_rejects(rejects_widths, ARRAY_SIZE(rejects_widths), "widths");
}

Test(policy_parse, rejects_sets)
{
	run_rejects(rejects_sets, ARRAY_SIZE(rejects_sets), "sets");
}

Test(policy_parse, nul_byte)
{
	static const char text[] = "default allow\ndeny comm \"a\0b\"\n";
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(fg_policy_compile_buf("t.policy", text, sizeof(text) - 1, &no_resolve, &prog,
					   &d, NULL), -EINVAL);
	cr_expect_eq(d.line, 2);
	cr_expect_eq(d.col, 13);
	cr_expect(strstr(d.msg, "NUL byte"), "%s", d.msg);
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, 14, &no_resolve, &prog, &d, NULL), 0);
	fg_program_free(prog);
}

Test(policy_parse, source_line_kept_for_the_caret)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile("default allow\r\ndeny scope >= debug-writ\r\nallow\n", &prog, &d),
		     -EINVAL);
	cr_expect_str_eq(d.source, "deny scope >= debug-writ");
	cr_expect_eq(d.col, 15);
	cr_expect_eq(d.len, 10);
	/* A span over several lines is cut at the end of its first. */
	cr_assert_eq(compile(D "set x = {\n}\n", &prog, &d), -EINVAL);
	cr_expect_str_eq(d.source, "set x = {");
	cr_expect_eq(d.col, 9);
	cr_expect_eq(d.len, 1);
}

Test(policy_parse, program_header)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile("policy \"lab hosts\"\nmode permissive\ndefault unknown-device audit\n"
			     "\ndefault deny\n", &prog, &d), 0, "%s", d.msg);
	cr_expect_str_eq(prog->name, "lab hosts");
	cr_expect_eq(prog->mode, FG_MODE_PERMISSIVE);
	cr_expect_eq(prog->unknown_device_action, FG_ACTION_AUDIT);
	cr_expect_eq(prog->default_action, FG_ACTION_DENY);
	cr_expect_str_eq(prog->default_loc.file, "t.policy");
	cr_expect_eq(prog->default_loc.line, 5);
	cr_expect_eq(prog->default_loc.col, 1);
	cr_assert_eq(prog->nfiles, 1);
	cr_expect_str_eq(prog->files[0], "t.policy");
	fg_program_free(prog);

	/* Defaults: enforce, unknown devices denied, the file's base name. */
	cr_assert_eq(fg_policy_compile_buf("/etc/x/deny-writes.policy", "default allow", 13,
					   &no_resolve, &prog, &d, NULL), 0);
	cr_expect_str_eq(prog->name, "deny-writes");
	cr_expect_eq(prog->mode, FG_MODE_ENFORCE);
	cr_expect_eq(prog->unknown_device_action, FG_ACTION_DENY);
	fg_program_free(prog);
	cr_assert_eq(fg_policy_compile_buf("site.conf", "default allow", 13, NULL, &prog, &d,
					   NULL), 0);
	cr_expect_str_eq(prog->name, "site.conf");
	fg_program_free(prog);
}

struct tamper_seal_case {
	const char *text;
	__u8 tamper;	/* enum fg_tamper_action */
	__u8 seal;	/* enum fg_seal_mode */
};

static const struct tamper_seal_case tamper_seal_cases[] = {
	/* Defaults: a tamper event only; not sealed. */
	{ D, FG_TAMPER_REPORT, FG_SEAL_NONE },
	{ "tamper report\n" D, FG_TAMPER_REPORT, FG_SEAL_NONE },
	{ "tamper kill\n" D, FG_TAMPER_KILL, FG_SEAL_NONE },
	{ D "tamper \"kill\"", FG_TAMPER_KILL, FG_SEAL_NONE },
	{ "seal\n" D, FG_TAMPER_REPORT, FG_SEAL_ON },
	{ D "  seal   # until reboot", FG_TAMPER_REPORT, FG_SEAL_ON },
	{ "seal reload\n" D, FG_TAMPER_REPORT, FG_SEAL_RELOAD },
	{ D "deny scope 3\nseal reload\ntamper kill\n", FG_TAMPER_KILL, FG_SEAL_RELOAD },
	{ "tamper kill; seal; " D, FG_TAMPER_KILL, FG_SEAL_ON },
};

/* Each case checked twice: in the checked program, and in the generation
 * header's bytes, the image's own header that the guard's programs read. */
Test(policy_parse, tamper_and_seal)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tamper_seal_cases); i++) {
		const struct tamper_seal_case *c = &tamper_seal_cases[i];
		struct fg_program *prog = compile_ok(c->text, i);
		const struct fg_gen_header *h;
		struct fg_gen_image img;
		struct fg_err err = {};

		cr_expect_eq(prog->tamper, c->tamper, "case %u: tamper %u, want %u", i,
			     prog->tamper, c->tamper);
		cr_expect_eq(prog->seal, c->seal, "case %u: seal %u, want %u", i, prog->seal,
			     c->seal);
		cr_assert_eq(fg_policy_lower(prog, NULL, 1, &img, &err), 0, "case %u: %s", i,
			     err.msg);
		h = &img.g->hdr;
		cr_expect_eq(h->version, FG_ABI_VERSION);
		cr_expect_eq(h->tamper, c->tamper, "case %u: header tamper %u", i, h->tamper);
		cr_expect_eq(h->seal, c->seal, "case %u: header seal %u", i, h->seal);
		fg_gen_image_free(&img);
		fg_program_free(prog);
	}
}

/* A program the checker did not make (a bug, a fuzzer) is not lowered
 * with a value the kernel does not know. */
Test(policy_parse, lower_refuses_unknown_tamper_and_seal)
{
	struct fg_program prog = { .default_action = FG_ACTION_ALLOW };
	struct fg_gen_image img;
	struct fg_err err = {};

	prog.tamper = FG_TAMPER_ACTION_MAX;
	cr_expect_eq(fg_policy_lower(&prog, NULL, 1, &img, &err), -EINVAL);
	cr_expect(strstr(err.msg, "tamper action"), "%s", err.msg);
	prog.tamper = FG_TAMPER_KILL;
	prog.seal = FG_SEAL_MODE_MAX;
	cr_expect_eq(fg_policy_lower(&prog, NULL, 1, &img, &err), -EINVAL);
	prog.seal = FG_SEAL_RELOAD;
	cr_assert_eq(fg_policy_lower(&prog, NULL, 1, &img, &err), 0, "%s", err.msg);
	cr_expect_eq(img.g->hdr.tamper, FG_TAMPER_KILL);
	cr_expect_eq(img.g->hdr.seal, FG_SEAL_RELOAD);
	fg_gen_image_free(&img);
}

Test(policy_parse, rule_text_and_location)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile("default allow\n  audit   type {\n\tmlx5,   # the NICs\n bnxt }"
			     "   scope >= debug-write # why\n"
			     "deny comm \"two  spaces\" ; allow\n", &prog, &d), 0, "%s", d.msg);
	cr_assert_eq(prog->nrules, 3);
	cr_expect_str_eq(prog->rules[0].text, "audit type { mlx5, bnxt } scope >= debug-write");
	cr_expect_str_eq(prog->rules[0].loc.file, "t.policy");
	cr_expect_eq(prog->rules[0].loc.line, 2);
	cr_expect_eq(prog->rules[0].loc.col, 3);
	cr_expect_eq(prog->rules[0].loc.len, 5);
	cr_expect_str_eq(prog->rules[1].text, "deny comm \"two  spaces\"");
	cr_expect_eq(prog->rules[1].loc.line, 5);
	cr_expect_str_eq(prog->rules[2].text, "allow");
	cr_expect_eq(prog->rules[2].loc.col, 27);
	fg_program_free(prog);
}

Test(policy_parse, commands_from_effects_tables)
{
	static const char text[] = D "deny cmd shared\n"		/* both types */
		"deny type bnxt cmd shared\n"				/* one */
		"deny cmd query_hca_cap, func_reset, set_feature\n"
		"deny type mlx5 cmd 0x1234, 0x100\n";			/* one unnamed */
	static const char typo[] = D "deny cmd query_hca_cp\n";
	static const struct {
		__u32 devtype, opcode;
		const char *name;
	} cmds[] = {
		{ FG_DEVTYPE_MLX5, 0x0100, "query_hca_cap" },
		{ FG_DEVTYPE_MLX5, 0x000d, "shared" },
		{ FG_DEVTYPE_BNXT, 0x000e, "shared" },
		{ FG_DEVTYPE_BNXT, 0x0021, "func_reset" },
	};
	struct fg_effects_db db = {};
	struct fg_compile_opts opts = { .db = &db, .no_resolve = true };
	struct fg_program *prog = NULL;
	struct fg_diags w = {};
	struct fg_diag d;
	char got[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		struct fg_effects_entry e = { .key = { .minor = FG_MINOR_ANY,
						       .devtype = cmds[i].devtype,
						       .opcode = cmds[i].opcode } };

		snprintf(e.name, sizeof(e.name), "%s", cmds[i].name);
		cr_assert_eq(fg_effects_put(&db, &e), 0);
	}
	cr_assert_eq(fg_policy_compile_buf("t.policy", text, strlen(text), &opts, &prog, &d, &w), 0,
		     "%s", d.msg);
	dump(&prog->rules[0], got, sizeof(got));
	cr_expect_str_eq(got, "deny cmd=1:0xd,3:0xe");
	dump(&prog->rules[1], got, sizeof(got));
	cr_expect_str_eq(got, "deny type=8 cmd=3:0xe");
	dump(&prog->rules[2], got, sizeof(got));
	cr_expect_str_eq(got, "deny cmd=1:0x100,3:0x21,2:0x502");
	dump(&prog->rules[3], got, sizeof(got));
	cr_expect_str_eq(got, "deny type=2 cmd=1:0x1234,1:0x100");
	cr_assert_eq(w.nwarn, 1);
	cr_expect_eq(w.warn[0].line, 5);
	cr_expect_eq(w.warn[0].col, 20);
	cr_expect(strstr(w.warn[0].msg, "command 0x1234 has no name in the mlx5 effects tables; its "
			 "effects are unknown"), "%s", w.warn[0].msg);
	fg_program_free(prog);

	/* A close name is suggested from the tables too. */
	cr_assert_eq(fg_policy_compile_buf("t.policy", typo, strlen(typo), &opts, &prog, &d, NULL),
		     -EINVAL);
	cr_expect(strstr(d.msg, "unknown command 'query_hca_cp' (did you mean 'query_hca_cap'?)"),
		  "%s", d.msg);
	fg_effects_free(&db);
}

Test(policy_parse, users_and_groups)
{
	struct fg_program *prog = NULL;
	struct fg_diag d;

	cr_assert_eq(compile(D "deny uid root euid root gid root\n", &prog, &d), 0, "%s", d.msg);
	cr_assert_eq(prog->rules[0].nuids, 1);
	cr_expect_eq(prog->rules[0].uids[0], 0);
	cr_expect_eq(prog->rules[0].euids[0], 0);
	cr_expect_eq(prog->rules[0].gids[0], 0);
	fg_program_free(prog);
}

Test(policy_parse, too_many_rules)
{
	size_t size = 32 * (FG_IR_MAX_RULES + 2);
	char *text = malloc(size);
	struct fg_program *prog = NULL;
	struct fg_diag d;
	size_t off;
	int i;

	cr_assert_not_null(text);
	off = snprintf(text, size, "default allow\n");
	for (i = 0; i < FG_IR_MAX_RULES; i++)
		off += snprintf(text + off, size - off, "deny scope debug-write\n");
	cr_assert_eq(compile(text, &prog, &d), 0, "%s", d.msg);
	cr_expect_eq(prog->nrules, FG_IR_MAX_RULES);
	fg_program_free(prog);
	snprintf(text + off, size - off, "  audit\n");
	cr_assert_eq(compile(text, &prog, &d), -EINVAL);
	cr_expect_eq(d.line, FG_IR_MAX_RULES + 2);
	cr_expect_eq(d.col, 3);
	cr_expect_str_eq(d.msg, "more than 4096 rules");
	free(text);
}

/* A set holds at most 1024 items, and a condition at most 1024 values. */
Test(policy_parse, list_limits)
{
	size_t size = 16 * 1100, off, col = 0;
	char *text = malloc(size);
	struct fg_program *prog = NULL;
	struct fg_diag d;
	int i;

	cr_assert_not_null(text);
	off = snprintf(text, size, D "set big = { ");
	for (i = 0; i < FG_IR_MAX_SET_ITEMS; i++)
		off += snprintf(text + off, size - off, "n%d, ", i);
	col = off - strlen(D) + 1;
	snprintf(text + off, size - off, "extra }\n");
	cr_assert_eq(compile(text, &prog, &d), -EINVAL);
	cr_expect_eq(d.line, 2);
	cr_expect_eq(d.col, col);
	cr_expect_str_eq(d.msg, "set 'big' has more than 1024 items");

	snprintf(text + off - 2, size - off + 2, " }\ndeny node @big\naudit node @big, x\n");
	cr_assert_eq(compile(text, &prog, &d), -EINVAL);
	cr_expect_eq(d.line, 4);
	cr_expect_eq(d.col, 12);
	cr_expect_eq(d.len, 7);
	cr_expect_str_eq(d.msg, "more than 1024 values in one list");
	free(text);
}
