#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# System VM, booted with tests/vm/system-preboot-broken-policy.sh: the
# configured policy does not compile at boot and no policy ever loaded
# here. Fail closed: the shipped read-only lockdown policy is loaded
# before multi-user.target, a write RPC is denied, and the failure is
# reported (the unit failed, the system degraded, the error in the journal
# at priority err). Waits for the loader (docs/systemd.md, "Status"): run
# with `tests/vm/system-tests.sh --pending`. Needs guest-lib.sh in PATH.
. "$(command -v guest-lib.sh)"

POLICY=/etc/fwctl-guard/deny-destructive.policy

expect "the configured policy does not compile" 2 "error: " fwctl-guard check "$POLICY"
expect "a guard is loaded all the same" 0 "^policy: " fwctl-guard status
refute "... and it is not the configured one" "policy: deny-destructive " fwctl-guard status
expect "a write RPC is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x60606060
expect "reads pass" 0 "value=" fwctl-rpc "$DEV" get test
guard_at=$(systemctl show -P InactiveExitTimestampMonotonic fwctl-guard)
mu_at=$(systemctl show -P ActiveEnterTimestampMonotonic multi-user.target)
if [ "${guard_at:-0}" -gt 0 ] && [ "$guard_at" -lt "${mu_at:-0}" ]; then
	ok "the guard was started before multi-user.target"
else
	bad "the guard started at $guard_at us, multi-user.target at $mu_at us"
fi
expect "the unit is failed" 0 "fwctl-guard.service" systemctl --failed --plain --no-legend
expect "the system is degraded" 1 "^degraded$" systemctl is-system-running
expect "the error is in the journal at priority err" 0 \
	"$POLICY:[0-9]*:[0-9]*: error: " journalctl -b -p err -o cat -u fwctl-guard --no-pager

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
