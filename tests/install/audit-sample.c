// SPDX-License-Identifier: GPL-2.0-only
/*
 * audit-sample: USER_AVC records of sample events for auditd's own tools
 * (test-cli.sh runs aureport and ausearch on them).
 *
 *   audit-sample [--effects-dir DIR]     the records, one per line, as
 *                                        auditd writes them to its log
 *   audit-sample --message N             sample N's message alone (the
 *                                        man page's example is sample 1)
 *
 * The message is the daemon's own formatter (fg_event_audit_msg); around
 * it what libaudit's audit_log_user_avc_message() appends (exe= sauid=
 * hostname= addr= terminal=) and the header the kernel puts in front of a
 * user message (pid= uid= auid= ses=, then msg='...'), as
 * tests/vm/guest-events.sh sees them in a real auditd log.
 * Exit status 0, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/audit.h"
#include "host/effects_table.h"
#include "test_event_sample.h"
#include "util/diag.h"

#define NSAMPLES	6

/* Sample n (1-based), and the name of the policy that decided it. */
static struct fg_event sample(int n, const char **policy)
{
	struct fg_event e = sample_event();

	e.permissive = 0;
	*policy = "deny-debug-write";
	switch (n) {
	case 2:	/* an audited mlx5 query, allowed: granted; firmware uid 5 */
		e.seq++;
		e.action = FG_ACTION_AUDIT;
		e.devtype = e.cmd.devtype = FG_DEVTYPE_MLX5;
		e.minor = 2;
		e.scope = FG_SCOPE_CONFIGURATION;
		e.cmd.opcode = 0x0100;
		e.cmd.uid = 5;
		e.cmd.has_uuid = 0;
		e.cmd.effects = FG_EFFECT_BIT(FG_EFFECT_READ_ONLY);
		e.caller.uid = e.caller.euid = e.caller.gid = 0;
		memset(e.caller.comm, 0, sizeof(e.caller.comm));
		strcpy(e.caller.comm, "mlxreg");
		strcpy(e.exe, "/usr/bin/mlxreg");
		*policy = "audit-all";
		break;
	case 3:	/* a caller whose comm and exe auditd hex-encodes */
		e.seq += 2;
		memset(e.caller.comm, 0, sizeof(e.caller.comm));
		strcpy(e.caller.comm, "my tool");
		strcpy(e.exe, "/tmp/my tool");
		break;
	case 4:	/* permissive mode let a deny through */
		e.seq += 3;
		e.permissive = 1;
		*policy = "trial";
		break;
	case 5:	/* a request changed after the guard read it */
		e.seq += 4;
		e.type = FG_EVENT_TAMPER;
		e.reason = FG_REASON_TAMPER;
		e.rule = FG_RULE_NONE;
		e.hook = FG_HOOK_CAPABLE;
		e.detail.what = FG_TAMPER_SCOPE;
		e.detail.k_scope = FG_SCOPE_DEBUG_WRITE_FULL;
		break;
	case 6:	/* a change to the guard, refused */
		e.seq += 5;
		e.type = FG_EVENT_GUARD;
		e.reason = FG_REASON_SEALED;
		e.rule = FG_RULE_NONE;
		e.hook = FG_HOOK_BPF_MAP;
		e.detail.what = FG_GUARD_MAP_WRITE;
		strcpy(e.detail.name, "fg_config");
		break;
	}
	return e;
}

int main(int argc, char **argv)
{
	struct fg_effects_db db = {};
	const char *policy;
	struct fg_diag d;
	char msg[4096];
	int n;

	if (argc == 3 && !strcmp(argv[1], "--message")) {
		n = atoi(argv[2]);
		if (n < 1 || n > NSAMPLES)
			return 2;
		struct fg_event e = sample(n, &policy);

		if (fg_event_audit_msg(&e, NULL, policy, msg, sizeof(msg)) < 0)
			return 1;
		printf("%s\n", msg);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--effects-dir")) {
		if (fg_effects_load_dir(argv[2], &db, &d)) {
			fprintf(stderr, "audit-sample: %s: %s\n", d.file, d.msg);
			return 2;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: audit-sample [--effects-dir DIR] | --message N\n");
		return 2;
	}
	for (n = 1; n <= NSAMPLES; n++) {
		struct fg_event e = sample(n, &policy);

		if (fg_event_audit_msg(&e, &db, policy, msg, sizeof(msg)) < 0)
			return 1;
		/* auditd's log line: the kernel's header, libaudit's tail */
		printf("type=USER_AVC msg=audit(1795235676.%03d:%d): pid=227 uid=0 "
		       "auid=4294967295 ses=4294967295 msg='%s exe=\"/usr/sbin/fwctl-guard\" "
		       "sauid=%d hostname=? addr=? terminal=?'\n", n, 16 + n, msg,
		       (int)e.loginuid);
	}
	fg_effects_free(&db);
	return 0;
}
