#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The guard's end-to-end tests, run inside the test VM (busybox sh) against
# the CXL mock's real fwctl nodes: tests/vm/run-tests.sh boots the VM with
# this script (and the sysroot of tests/vm/audit-tools.sh, for the auditd
# section). Each check asserts an exit status and an output pattern.
# The last line counts: "N passed, N failed".

. "$(command -v guest-lib.sh)"

cat >"$POL/deny-debug-write.policy" <<'P'
# deny every write-capable debug scope, allow the rest
default allow
deny scope >= debug-write
P
cat >"$POL/default-deny.policy" <<'P'
default deny
P
cat >"$POL/bad.policy" <<'P'
default allow
deny scope >= debug-writ
P
cat >"$POL/audit-read.policy" <<'P'
default allow
audit scope debug-read-only type cxl
deny scope >= debug-write type mlx5,bnxt,pds
P

echo "== (a) no guard: the driver's own rules"
expect "status: not loaded" 3 "not loaded" fwctl-guard status
expect "get supported features at configuration" 0 "entries=1" \
	fwctl-rpc --scope configuration "$DEV" features
expect "test feature listed, changeable, reset-only effects" 0 \
	"uuid=ffffffff-ffff-ffff-ffff-ffffffffffff get_size=4 set_size=4 flags=0x[0-9a-f]*[13579bdf] effects=0x0201" \
	fwctl-rpc "$DEV" features
expect "get feature returns the mock's initial value" 0 "value=0xdeadbeef" \
	fwctl-rpc "$DEV" get test
expect "set feature at configuration is refused by the driver" 1 "EINVAL" \
	fwctl-rpc --scope configuration "$DEV" set test 0x11111111
expect "set feature at debug-write succeeds" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x11111111
expect "get feature shows the new value" 0 "value=0x11111111" fwctl-rpc "$DEV" get test
expect "no guard: scope 7 gets EOPNOTSUPP from the kernel" 1 "EOPNOTSUPP" \
	fwctl-rpc --scope 7 "$DEV" features
expect "no guard: an unreadable argument gets EFAULT" 1 "EFAULT" fwctl-rpc "$DEV" badptr
expect "no guard: a 32-bit caller gets ENOTTY (fwctl has no compat_ioctl)" 1 "ENOTTY" \
	fwctl-rpc32 "$DEV" features

echo "== bad policies leave nothing loaded"
expect "bad policy: file:line:col error" 2 "bad.policy:2:15: error: unknown scope 'debug-writ'" \
	fwctl-guard load "$POL/bad.policy"
expect "bad policy: caret under the span" 2 "\^~~~~~~~~" fwctl-guard load "$POL/bad.policy"
expect "bad policy: still not loaded" 3 "not loaded" fwctl-guard status

echo "== (b) deny scope >= debug-write"
expect "load" 0 "loaded policy 'deny-debug-write' (1 rules, mode enforce, default allow)" \
	fwctl-guard load "$POL/deny-debug-write.policy"
expect "status shows both hooks attached" 0 "hook file_ioctl: attached" fwctl-guard status
expect "status shows the compat hook attached" 0 "hook file_ioctl_compat: attached" \
	fwctl-guard status
expect "status shows the rule" 0 "rule 0 (line 3): deny scope >= debug-write" fwctl-guard status
expect "status shows the device as cxl" 0 "$NAME minor $MIN type cxl" fwctl-guard status
expect "second load refused while loaded" 1 "already loaded" \
	fwctl-guard load "$POL/default-deny.policy"
expect "set feature at debug-write: EPERM" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x22222222
expect "set feature at debug-write-full: EPERM" 1 "EPERM" \
	fwctl-rpc --scope debug-write-full "$DEV" set test 0x22222222
expect "get feature: value unchanged" 0 "value=0x11111111" fwctl-rpc "$DEV" get test
expect "get supported features at configuration still works" 0 "entries=1" \
	fwctl-rpc --scope configuration "$DEV" features
expect "get feature at debug-read-only still works" 0 "value=0x11111111" \
	fwctl-rpc --scope debug-read-only "$DEV" get test
expect "malformed request (scope 7) denied by the guard" 1 "EPERM" \
	fwctl-rpc --scope 7 "$DEV" features

echo "== (c) the denials are events"
new_events /tmp/events.txt
expect "event for the debug-write denial" 0 \
	"deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=$NAME type=cxl scope=debug-write in_len=52 .*comm=\"fwctl-rpc\"" \
	cat /tmp/events.txt
expect "event for the debug-write-full denial" 0 \
	"deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=$NAME type=cxl scope=debug-write-full" cat /tmp/events.txt
expect "event for the malformed request" 0 "deny reason=malformed rule=- gen=1 permissive=0 hook=ioctl dev=$NAME type=cxl scope=7" \
	cat /tmp/events.txt
refute "allowed RPCs make no event" "allow " cat /tmp/events.txt
expect "counters: 3 denied" 0 "denied=3 " fwctl-guard status

echo "== (e) other paths to the same device"
mknod /root/fwctl-copy c "$MAJ" "$MIN"
expect "mknod copy: set feature EPERM" 1 "EPERM" \
	fwctl-rpc --scope debug-write /root/fwctl-copy set test 0x33333333
expect "mknod copy: get feature allowed" 0 "value=0x11111111" fwctl-rpc /root/fwctl-copy get test
expect "fd passed over a unix socket: set feature EPERM" 1 "EPERM" \
	fwctl-rpc --via-socket --scope debug-write "$DEV" set test 0x44444444
expect "fd passed over a unix socket: get feature allowed" 0 "received fd from pid" \
	fwctl-rpc --via-socket "$DEV" get test
expect "value unchanged after the other paths" 0 "value=0x11111111" fwctl-rpc "$DEV" get test

echo "== (f) what the guard must not touch"
expect "FWCTL_INFO works under the guard" 0 "type=cxl" fwctl-rpc "$DEV" info
expect "0x9a01 on a non-fwctl device: ENOTTY, not EPERM" 1 "ENOTTY" \
	fwctl-rpc ioctl /dev/null 0x9a01
expect "other ioctls on other devices unaffected" 1 "ENOTTY" fwctl-rpc ioctl /dev/null 0x5401

echo "== what cannot be read is denied"
expect "unreadable argument: EPERM from the guard" 1 "EPERM" fwctl-rpc "$DEV" badptr
new_events /tmp/events.txt
expect "unreadable is an event" 0 "deny reason=unreadable rule=- gen=0 permissive=0 hook=ioctl dev=$NAME type=cxl" \
	cat /tmp/events.txt

echo "== the 32-bit (compat) path: judged on what reads without faulting"
# fwctl has no compat_ioctl: what the guard lets through, the kernel
# answers with ENOTTY; what it denies is EPERM and an event.
expect "32-bit FWCTL_RPC the policy allows: the kernel's ENOTTY" 1 "ENOTTY" \
	fwctl-rpc32 --scope debug-read-only "$DEV" features
expect "32-bit FWCTL_RPC the policy denies: EPERM from the guard" 1 "EPERM" \
	fwctl-rpc32 --scope debug-write "$DEV" set test 0x55555555
expect "32-bit FWCTL_RPC with an in buffer not mapped yet: EPERM (cannot fault it in)" 1 \
	"EPERM" fwctl-rpc32 --cold-in --scope debug-read-only "$DEV" features
expect "64-bit FWCTL_RPC with the same cold in buffer: judged and allowed" 0 "entries=1" \
	fwctl-rpc --cold-in --scope debug-read-only "$DEV" features
expect "32-bit FWCTL_INFO left to the kernel: ENOTTY, not EPERM" 1 "ENOTTY" fwctl-rpc32 "$DEV" info
# An allowed 32-bit RPC approves nothing: the caller's next use of
# CAP_SYS_RAWIO, outside any RPC, is its own business (it was refused and
# reported as tamper while an approval waited for an RPC that never came).
before_tamper=$(fwctl-guard status | sed -n 's/.*tampered=\([0-9]*\).*/\1/p')
expect "allowed 32-bit RPC, then ioperm(): not refused" 1 "ioperm: ok" \
	fwctl-rpc32 --then-ioperm --scope debug-read-only "$DEV" features
expect "... and no tamper reported" 0 "tampered=$before_tamper " fwctl-guard status
new_events /tmp/events.txt
expect "compat denial by the policy is an event" 0 \
	"deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl-compat dev=$NAME type=cxl scope=debug-write in_len=52 .*cmd=set_feature" \
	cat /tmp/events.txt
expect "compat cold buffer is an unreadable event" 0 \
	"deny reason=unreadable rule=- gen=1 permissive=0 hook=ioctl-compat dev=$NAME type=cxl scope=debug-read-only .*decode=unreadable" \
	cat /tmp/events.txt
refute "the allowed 32-bit RPC made no event" "hook=ioctl-compat .*scope=debug-read-only .*decode=ok" \
	cat /tmp/events.txt

echo "== (d) unload"
expect "unload" 0 "unloaded" fwctl-guard unload
expect "status after unload: not loaded" 3 "not loaded" fwctl-guard status
expect "pins gone" 0 "" sh -c "! ls /sys/fs/bpf/fwctl-guard 2>/dev/null"
expect "set feature at debug-write succeeds again" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x55555555
expect "get feature shows it" 0 "value=0x55555555" fwctl-rpc "$DEV" get test

echo "== default deny: only fwctl RPCs are judged"
expect "load default deny" 0 "loaded policy 'default-deny'" \
	fwctl-guard load "$POL/default-deny.policy"
expect "default deny: get supported features EPERM" 1 "EPERM" \
	fwctl-rpc --scope configuration "$DEV" features
expect "default deny: FWCTL_INFO still works" 0 "type=cxl" fwctl-rpc "$DEV" info
expect "default deny: 0x9a01 on /dev/null still ENOTTY" 1 "ENOTTY" \
	fwctl-rpc ioctl /dev/null 0x9a01
new_events /tmp/events.txt
expect "default deny: event says reason=default" 0 "deny reason=default rule=- gen=1 permissive=0 hook=ioctl dev=$NAME" \
	cat /tmp/events.txt
expect "unload default deny" 0 "unloaded" fwctl-guard unload

echo "== audit: allowed and reported"
expect "load audit policy" 0 "loaded policy 'audit-read' (2 rules" \
	fwctl-guard load "$POL/audit-read.policy"
expect "audited get feature succeeds" 0 "value=0x55555555" \
	fwctl-rpc --scope debug-read-only "$DEV" get test
expect "rule for other device types does not touch cxl" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x66666666
new_events /tmp/events.txt
expect "audit event" 0 "audit reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=$NAME type=cxl scope=debug-read-only" \
	cat /tmp/events.txt
expect "counters: audited=1" 0 "audited=1 " fwctl-guard status
expect "unload audit policy" 0 "unloaded" fwctl-guard unload

echo "== (g) devices, decoded commands and their effects"
expect "devices --json lists the mock memdevs" 0 '"parent":"mem[0-9]*"' fwctl-guard devices --json
expect "devices --json: driver of the parent" 0 '"driver":"cxl_mem"' fwctl-guard devices --json
expect "devices --json: test feature read live" 0 '"name":"vendor_test"' fwctl-guard devices --json
expect "devices --json: its Set Feature effects" 0 '"config-change-after-reset"' \
	fwctl-guard devices --json
cat >"$POL/deny-reset-config.policy" <<'P'
# The mock's test feature says: config change after cold reset.
default allow
deny effect config-change-after-reset
P
expect "load deny effect config-change-after-reset" 0 "[0-9][0-9]* effects entries" \
	fwctl-guard load "$POL/deny-reset-config.policy"
expect "effect rule blocks the test feature's Set Feature" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x77777777
expect "effect rule lets Get Feature through" 0 "value=0x66666666" \
	fwctl-rpc --scope debug-write "$DEV" get test
expect "effect rule lets Get Supported Features through" 0 "entries=1" \
	fwctl-rpc "$DEV" features
# Set Feature with op_size 8: shorter than its header. The driver would
# refuse it too; the guard must not let it through to find out.
expect "malformed CXL request denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" raw 020500000000000008000000000000000000000000000000
new_events /tmp/events.txt
expect "event names the command, feature and effects" 0 \
	"deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=$NAME type=cxl scope=debug-write in_len=52 out_len=8 decode=ok cmd=set_feature opcode=0x0502 feature=vendor_test effects=config-change-after-reset " \
	cat /tmp/events.txt
expect "event for the malformed request" 0 "deny reason=malformed rule=- .* decode=malformed cmd=? opcode=0x0502" \
	cat /tmp/events.txt
expect "unload effects policy" 0 "unloaded" fwctl-guard unload
# A site table overrides what the device reports.
cat >/tmp/site.effects <<'P'
type cxl
0x0502  set_feature  read-only  feature=vendor_test
P
expect "load with a site table" 0 "loaded policy" \
	fwctl-guard load --effects /tmp/site.effects "$POL/deny-reset-config.policy"
expect "site table overrides the live effects: Set Feature allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x77777777
expect "unload site-table policy" 0 "unloaded" fwctl-guard unload
printf 'type cxl\n0x0502 set_feature sometimes feature=vendor_test\n' >/tmp/bad.effects
expect "bad site table: file:line:col error, nothing loaded" 2 \
	"/tmp/bad.effects:2:20: error: unknown effect 'sometimes'" \
	fwctl-guard load --effects /tmp/bad.effects "$POL/deny-reset-config.policy"
expect "bad site table left no guard" 3 "not loaded" fwctl-guard status

echo "== (h) mlx5, bnxt and pds through the real fwctl core (tests/vm/fwctl-mock)"
cat >"$POL/mock.policy" <<'P'
default allow
deny type mlx5 cmd set_hca_cap
deny type bnxt effect reset
deny type pds effect unknown
P
printf 'type pds\n0x0001 mock_read read-only ep=0\n' >/tmp/pds.effects
# A site override of a shipped entry: func_qcaps counted as a reset here.
printf 'type bnxt\n0x0015 func_qcaps reset\n' >/tmp/bnxt-site.effects
expect "load before the mock devices exist" 0 "loaded policy 'mock'" \
	fwctl-guard load --effects /tmp/pds.effects --effects /tmp/bnxt-site.effects \
	"$POL/mock.policy"
before=$(ls /dev/fwctl)
modprobe fwctl_mock
MLX5=$(mock_dev mlx5) BNXT=$(mock_dev bnxt) PDS=$(mock_dev pds)
LOG=/sys/kernel/debug/fwctl_mock
expect "mock devices registered" 0 "type=mlx5" fwctl-rpc "$MLX5" info
# Bound after load: the guard knows the node by its open file and reads
# its type from the device, so the policy judges it at once, no refresh.
expect "node bound after load: judged as mlx5 at once (set_hca_cap denied)" 1 "EPERM" \
	fwctl-rpc "$MLX5" raw 01090000000000000000000000000000
new_events /tmp/events.txt
expect "... by the mlx5 rule, before any refresh" 0 \
	"deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=${MLX5##*/} type=mlx5 .*cmd=set_hca_cap" \
	cat /tmp/events.txt
expect "... and it never reached the device" 0 "^0$" sh -c "wc -l <$LOG/mlx5"
expect "devices refreshes the registry" 0 "${MLX5##*/} .*type mlx5 .*parent fwctl_mock_mlx5" \
	fwctl-guard devices
expect "mlx5 query_hca_cap allowed" 0 "rpc ok" \
	fwctl-rpc "$MLX5" raw 01000000000000000000000000000000
expect "mlx5 set_hca_cap denied" 1 "EPERM" \
	fwctl-rpc "$MLX5" raw 01090000000000000000000000000000
expect "mlx5: allowed command reached the device" 0 "first=01000000000000000000000000000000" \
	cat "$LOG/mlx5"
refute "mlx5: denied command never reached the device" "first=0109" cat "$LOG/mlx5"
expect "bnxt ver_get allowed" 0 "rpc ok" \
	fwctl-rpc "$BNXT" raw 00000000000000000000000000000000
expect "bnxt fw_reset (effect reset, scope configuration) denied" 1 "EPERM" \
	fwctl-rpc "$BNXT" raw c0000000000000000000000000000000
expect "site override survives the registry refresh: bnxt func_qcaps denied" 1 "EPERM" \
	fwctl-rpc "$BNXT" raw 15000000000000000000000000000000
expect "bnxt: allowed command reached the device" 0 "first=00000000000000000000000000000000" \
	cat "$LOG/bnxt"
refute "bnxt: denied command never reached the device" "first=c000" cat "$LOG/bnxt"
refute "bnxt: overridden command never reached the device" "first=1500" cat "$LOG/bnxt"
expect "pds op described by the site table allowed" 0 "rpc ok" \
	fwctl-rpc --scope debug-read-only "$PDS" pds 1 0 a0a1a2a3
expect "pds op without metadata denied" 1 "EPERM" \
	fwctl-rpc --scope debug-read-only "$PDS" pds 2 0 a0a1a2a3
expect "pds payload the guard cannot read denied" 1 "EPERM" \
	fwctl-rpc --scope debug-read-only "$PDS" pds 1 0 fault
expect "pds: allowed command and its payload reached the device" 0 "payload=a0a1a2a3" \
	cat "$LOG/pds"
expect "pds: only that one reached it" 0 "^1$" sh -c "wc -l <$LOG/pds"
new_events /tmp/events.txt
expect "event: mlx5 command by name" 0 "type=mlx5 .* cmd=set_hca_cap opcode=0x0109 op_mod=0x0 fw_uid=0 effects=config-change-after-reset" \
	cat /tmp/events.txt
expect "event: bnxt command by name" 0 "type=bnxt .* cmd=fw_reset opcode=0x00c0 effects=.*reset" \
	cat /tmp/events.txt
expect "event: pds unreadable payload" 0 "deny reason=unreadable .* type=pds .* decode=unreadable" \
	cat /tmp/events.txt
expect "unload mock policy" 0 "unloaded" fwctl-guard unload
rmmod fwctl_mock

. "$(command -v guest-policy.sh)"
. "$(command -v guest-identity.sh)"

echo "== auditd: Debian's audit daemon in the VM (tests/vm/audit-tools.sh)"
. "$(command -v guest-auditd.sh)"
if start_auditd 2>&1; then
	ok "auditd started, registered with the kernel, DAEMON_START logged"
	expect "auditctl -s: the kernel sends to auditd, auditing enabled" 0 \
		"^pid $AUDITD_PID\$" sh -c 'auditctl -s && auditctl -s | grep -qx "enabled 1"'
	expect "ausearch knows USER_AVC; none logged yet" 1 "<no matches>" ausearch -m USER_AVC
	expect "auditctl -m sends a user message" 0 "" auditctl -m "fwctl-guard-selftest"
	expect "ausearch -m USER finds it, interpreted" 0 \
		"^type=USER msg=audit(.*uid=root .*msg='text=fwctl-guard-selftest .*res=success'" \
		audit_wait USER fwctl-guard-selftest
	expect "ausearch by type, uid and success selects it, raw" 0 \
		"^type=USER msg=audit([0-9.:]*): .*msg='text=fwctl-guard-selftest " \
		ausearch -m USER -ui 0 -sv yes --raw
	expect "ausearch -sv no does not" 1 "<no matches>" ausearch -m USER -sv no
	if stop_auditd 2>&1; then
		ok "auditd stopped on SIGTERM"
	else
		bad "auditd did not stop on SIGTERM"
	fi
	expect "DAEMON_END logged" 0 "^type=DAEMON_END " ausearch -m DAEMON_END --raw
	expect "the kernel has no audit daemon any more" 0 "^pid 0\$" auditctl -s
else
	bad "auditd did not start (see above)"
fi

. "$(command -v guest-events.sh)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
