#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# System VM, booted with tests/vm/system-preboot-broken-policy.sh: the
# configured policy does not compile at boot and no policy ever loaded
# here. Fail closed: the shipped read-only lockdown policy is loaded
# before multi-user.target, a write RPC is denied, and the failure is
# reported (the unit failed with exit status 4, the system degraded, the
# error in the journal at priority err, a USER_MAC_POLICY_LOAD record with
# res=failed in auditd's log); fixing the policy and restarting puts it in
# force. Needs guest-lib.sh and guest-auditd.sh (audit_wait) in PATH.
. "$(command -v guest-lib.sh)"
. "$(command -v guest-auditd.sh)"

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
# is-system-running says "starting" while this command's own unit (a job
# of the boot transaction) runs; what turns it "degraded" once the jobs
# are done is a failed unit, counted here.
expect "the system counts a failed unit (degraded once started)" 0 "^[1-9]" \
	systemctl show -P NFailedUnits
expect "the error is in the journal at priority err" 0 \
	"$POLICY:[0-9]*:[0-9]*: error: " journalctl -b -p err -o cat -u fwctl-guard --no-pager
expect "... and what is in force instead" 0 "the built-in lockdown" \
	journalctl -b -p err -o cat -u fwctl-guard --no-pager
expect "the unit's exit status is 4 (no restart loop)" 0 "^4$" \
	systemctl show -P ExecMainStatus fwctl-guard
expect "an audit record of the failure (ausearch -m USER_MAC_POLICY_LOAD)" 0 \
	"policy-file=\"*$POLICY" audit_wait USER_MAC_POLICY_LOAD "res=failed" 20

sed -i '/no-such-effect/d' "$POLICY"
expect "fixed, the policy checks" 0 "ok, policy" fwctl-guard check "$POLICY"
expect "systemctl restart fwctl-guard" 0 "" systemctl restart fwctl-guard
expect "the configured policy is in force" 0 "policy: deny-destructive ($POLICY)" \
	fwctl-guard status
expect "the unit is active" 0 "^active$" systemctl is-active fwctl-guard
expect "... and it is kept as the last policy that loaded" 0 "^# from: $POLICY" \
	cat /var/lib/fwctl-guard/last-good.policy

echo "== broken again at the next start: the last policy that loaded"
# As at the next boot: no guard loaded, the configured file broken.
expect "systemctl stop fwctl-guard" 0 "" systemctl stop fwctl-guard
expect "fwctl-guard unload (nothing loaded, as after a reboot)" 0 "unloaded" fwctl-guard unload
echo 'deny effect no-such-effect' >>"$POLICY"
expect "systemctl start fails" 1 "" systemctl start fwctl-guard
expect "the last policy that loaded is in force" 0 \
	"policy: deny-destructive (/var/lib/fwctl-guard/last-good.policy)" fwctl-guard status
expect "... its rules: a feature of unknown effects is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set 11111111-2222-3333-4444-555555555555 1
expect "... a reset-only change allowed (not the lockdown)" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x70707070
expect "the journal says which, at priority err" 0 "the last policy that loaded" \
	journalctl -b -p err -o cat -u fwctl-guard --no-pager
expect "the unit's exit status is 4" 0 "^4$" systemctl show -P ExecMainStatus fwctl-guard

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
