#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# System VM checks of service behaviour the loader does not have yet
# (docs/systemd.md, "Status"); run with `tests/vm/system-tests.sh
# --pending`, not by make test until the loader has it. Each one asserts
# what the issue asks, and fails on today's loader:
#   (p1) restart after the policy file changed loads the new sha256;
#   (p2) a rejected reload is logged at priority err;
#   (p3) logrotate under a stream of events: the daemon reopens its JSON
#        file on SIGUSR1; no event lost or duplicated, counted;
#   (p4) a site table in /etc/fwctl-guard/effects/ is read after the
#        shipped ones (no --effects option).
# Needs guest-lib.sh in PATH.
. "$(command -v guest-lib.sh)"

SHIP=/etc/fwctl-guard
POLICY=$SHIP/deny-destructive.policy
UNKNOWN=11111111-2222-3333-4444-555555555555

# sha_of FILE: the sha256 `fwctl-guard check` reports for a policy file.
sha_of() {
	fwctl-guard check "$1" 2>&1 | sed -n 's/.* sha256 \([0-9a-f]*\)$/\1/p'
}
loaded_sha() {
	fwctl-guard status | sed -n 's/^  sha256 \([0-9a-f]*\)$/\1/p'
}

cp "$POLICY" /root/policy.orig

echo "== (p1) restart after a policy edit loads the new policy"
printf '# edited\ndeny effect config-change-after-reset\n' >>"$POLICY"
# (not $want: guest-lib.sh's expect sets that)
edited_sha=$(sha_of "$POLICY")
expect "the edited policy checks" 0 "ok, policy" fwctl-guard check "$POLICY"
expect "systemctl restart fwctl-guard" 0 "" systemctl restart fwctl-guard
loaded=$(loaded_sha)
if [ -n "$edited_sha" ] && [ "$loaded" = "$edited_sha" ]; then
	ok "the loaded sha256 is the edited file's ($edited_sha)"
else
	bad "the loaded sha256 is '$loaded', the edited file's is '$edited_sha'"
fi
expect "the edit is enforced: the reset-only change is denied now" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x30303030

echo "== (p2) a rejected reload at priority err"
cp "$POLICY" /root/policy.good
echo 'deny effect no-such-effect' >>"$POLICY"
expect "reload of a rejected policy fails" 1 "" systemctl reload fwctl-guard
expect "journalctl -p err has the rejection with its location" 0 \
	"$POLICY:[0-9]*:[0-9]*: error: " journalctl -b -p err -o cat -u fwctl-guard --no-pager
cp /root/policy.good "$POLICY"

echo "== (p3) logrotate under a stream of events"
LOG=/var/log/fwctl-guard/events.jsonl
echo 'FWCTL_GUARD_OPTS="--audit --json /var/log/fwctl-guard/events.jsonl"' >/etc/default/fwctl-guard
expect "restart with a JSON file" 0 "" systemctl restart fwctl-guard
# The same daemon before and after: reopening, not dying and restarting
# (Restart=on-failure would hide a daemon SIGUSR1 killed).
main_pid=$(systemctl show -P MainPID fwctl-guard)
N=400
# Denied RPCs, each one event; the rotation happens in the middle.
(
	i=0
	while [ "$i" -lt "$N" ]; do
		fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1 >/dev/null 2>&1
		i=$((i + 1))
	done
	echo done >/tmp/stream.done
) &
stream=$!
# Rotate once the file has events in it (the condition, not a delay).
i=0
while [ ! -s "$LOG" ] && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
expect "logrotate -f" 0 "" logrotate -f /etc/logrotate.d/fwctl-guard
wait "$stream"
# Every event written: the two files together reach N lines.
count() { cat "$LOG" "$LOG.1" 2>/dev/null | grep -c '"action":"deny"'; }
i=0
while [ "$(count)" -lt "$N" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
expect "the daemon survived the rotation" 0 "^active$" systemctl is-active fwctl-guard
expect "... as the same process (pid $main_pid), not restarted" 0 "^$main_pid$" \
	systemctl show -P MainPID fwctl-guard
expect "... and systemd counted no restart" 0 "^0$" systemctl show -P NRestarts fwctl-guard
expect "the rotated file exists" 0 "" test -s "$LOG.1"
expect "the daemon writes into the new file" 0 "" test -s "$LOG"
total=$(count)
dups=$(cat "$LOG" "$LOG.1" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p' | sort | uniq -d | wc -l)
if [ "$total" -eq "$N" ] && [ "$dups" -eq 0 ]; then
	ok "$N events, $N lines over the two files, none duplicated"
else
	bad "$N events: $total lines over the two files, $dups duplicated sequence numbers"
fi

echo "== (p4) site effects tables in /etc/fwctl-guard/effects"
cp /root/policy.orig "$POLICY"
expect "reload of the shipped policy" 0 "" systemctl reload fwctl-guard
expect "without a site table the reset-only change is allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x40404040
printf 'type cxl\n0x0502 set_feature config-change-immediate,destructive feature=vendor_test\n' \
	>"$SHIP/effects/site.effects"
expect "reload with the site table in place" 0 "" systemctl reload fwctl-guard
expect "the site table makes the feature destructive: denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x50505050

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
