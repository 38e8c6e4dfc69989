#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The installed package on a real Debian system (tests/vm/run --system),
# run as root once multi-user.target is reached. The package was installed
# with dpkg before this boot's systemd started, so everything below is what
# a host that installed it and rebooted sees:
#   (a) boot: the unit is enabled and active, the guard is loaded with the
#       configured policy, and it was in place before sysinit.target (so
#       before every ordinary service) and before multi-user.target;
#   (b) it enforces, and its denials reach the real auditd service;
#   (c) hotplug: a fwctl device bound after boot is judged as its type at
#       once (the udev rule refreshed the registry);
#   (d) systemctl reload is synchronous: a rejected policy fails the
#       reload and the running generation stays; a good one loads;
#   (f) restart after a policy edit loads the edited policy (its sha256);
#       status --expect-sha256; the last good policy kept;
#   (g) logrotate under a stream of events: the daemon reopens its JSON
#       file on SIGUSR1; no event lost or duplicated, counted;
#   (h) metrics: the daemon's textfile served by the real
#       prometheus-node-exporter; its fwctl_guard_ series change after a
#       denied RPC;
#   (i) a site table in /etc/fwctl-guard/effects/ is read after the
#       shipped ones (no --effects option);
#   (e) purge, without a reboot, leaves the guard loaded and enforcing;
#       reinstalling on the running system starts the service again.
# Needs guest-lib.sh and guest-auditd.sh (audit_wait) in PATH. Prints one
# PASS/FAIL line per check and "N passed, N failed" last; exits 1 on a
# failure.
. "$(command -v guest-lib.sh)"
. "$(command -v guest-auditd.sh)"
# The harness test checks that stderr comes back apart from stdout.
echo "system-vm: this line goes to stderr" >&2

SHIP=/etc/fwctl-guard
POLICY=$SHIP/deny-destructive.policy
# A feature nobody describes: deny-destructive denies it (effect unknown).
UNKNOWN=11111111-2222-3333-4444-555555555555

# mono UNIT: when UNIT became active, in microseconds since boot (0: never).
mono() {
	systemctl show -P ActiveEnterTimestampMonotonic "$1"
}
# before NAME A B: A > 0 and A < B (microsecond timestamps).
before() {
	if [ "${2:-0}" -gt 0 ] && [ "$2" -lt "${3:-0}" ]; then
		ok "$1 ($2 < $3 us)"
	else
		bad "$1: $2 !< $3 (microseconds since boot)"
	fi
}

echo "== (a) boot"
expect "the package is installed" 0 "install ok installed" \
	dpkg-query -W -f='${Status}\n' fwctl-guard
expect "fwctl-guard.service is enabled" 0 "^enabled$" systemctl is-enabled fwctl-guard
expect "fwctl-guard.service is active" 0 "^active$" systemctl is-active fwctl-guard
expect "it is wanted by sysinit.target" 0 "^sysinit.target$" \
	systemctl show -P WantedBy fwctl-guard
expect "fwctl-guard status: the configured policy is loaded" 0 \
	"policy: deny-destructive ($POLICY), generation 1" fwctl-guard status
guard=$(mono fwctl-guard.service)
before "the guard was active before sysinit.target" "$guard" "$(mono sysinit.target)"
before "the guard was active before basic.target" "$guard" "$(mono basic.target)"
before "the guard was active before multi-user.target" "$guard" "$(mono multi-user.target)"
# An ordinary service (default dependencies) that could open a fwctl node.
before "the guard was active before prometheus-node-exporter started" "$guard" \
	"$(systemctl show -P ExecMainStartTimestampMonotonic prometheus-node-exporter)"
expect "the journal says the daemon is ready (sd_notify)" 0 "Started fwctl-guard.service" \
	journalctl -b -o cat -u fwctl-guard --no-pager
expect "the ExecStartPre check ran and passed" 0 \
	"$POLICY: ok, policy 'deny-destructive'" journalctl -b -o cat -u fwctl-guard --no-pager

echo "== (b) enforcement and auditd"
expect "a reset-only configuration change is allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x10101010
expect "a feature of unknown effects is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1
expect "reads pass" 0 "value=0x10101010" fwctl-rpc "$DEV" get test
expect "auditd.service is active" 0 "^active$" systemctl is-active auditd
expect "the denial is a USER_AVC record in auditd's log (ausearch)" 0 "fwctl-guard" \
	audit_wait USER_AVC "cmd=set_feature" 20

echo "== (c) hotplug: the udev rule refreshes the registry"
bnxt_node() {
	for n in /sys/class/fwctl/*; do
		case $(readlink -f "$n/device") in
		*/fwctl_mock_bnxt) echo "/dev/fwctl/${n##*/}"; return ;;
		esac
	done
}
expect "fake mlx5/bnxt/pds devices bound after boot (modprobe fwctl_mock)" 0 "" \
	modprobe fwctl_mock
# settle: returns once udev has handled the add events, RUN+= included.
expect "udev handled their add events" 0 "" udevadm settle --timeout=60
BNXT=$(bnxt_node)
expect "the bnxt node is a fwctl device in udev" 0 "SUBSYSTEM=fwctl" \
	udevadm info --query=property --name="$BNXT"
expect "bnxt fw_reset (effect reset) is denied" 1 "EPERM" \
	fwctl-rpc "$BNXT" raw c0000000000000000000000000000000
new_events /tmp/events.txt
expect "... by rule, as a bnxt command, not as an unknown device" 0 \
	"deny reason=rule .* type=bnxt .* cmd=fw_reset" cat /tmp/events.txt
refute "no unknown-device denial for it" "reason=unknown-device .*dev=${BNXT##*/}" cat /tmp/events.txt
expect "bnxt ver_get (read-only) is allowed" 0 "rpc ok" \
	fwctl-rpc "$BNXT" raw 00000000000000000000000000000000
expect "the devices go away (rmmod fwctl_mock)" 0 "" rmmod fwctl_mock
expect "udev handled their remove events" 0 "" udevadm settle --timeout=60

echo "== (d) systemctl reload is synchronous"
cp "$POLICY" /root/policy.orig
echo 'deny effect no-such-effect' >>"$POLICY"
expect "reload of a rejected policy fails" 1 "" systemctl reload fwctl-guard
expect "... the unit stays active" 0 "^active$" systemctl is-active fwctl-guard
expect "... and generation 1 stays" 0 "generation 1," fwctl-guard status
expect "... the rejection is in the unit's journal with its location" 0 \
	"$POLICY:[0-9]*:[0-9]*: error: " journalctl -b -o cat -u fwctl-guard --no-pager
expect "... at priority err (journalctl -p err)" 0 \
	"$POLICY:[0-9]*:[0-9]*: error: " journalctl -b -p err -o cat -u fwctl-guard --no-pager
cp /root/policy.orig "$POLICY"
expect "reload of the good policy succeeds" 0 "" systemctl reload fwctl-guard
expect "... generation 2" 0 "generation 2," fwctl-guard status

# sha_of FILE: the sha256 `fwctl-guard check` reports for a policy file.
sha_of() {
	fwctl-guard check "$1" 2>&1 | sed -n 's/.* sha256 \([0-9a-f]*\)$/\1/p'
}
loaded_sha() {
	fwctl-guard status | sed -n 's/^  sha256 \([0-9a-f]*\)$/\1/p'
}

echo "== (f) restart after a policy edit loads the new policy"
printf '# edited\ndeny effect config-change-after-reset\n' >>"$POLICY"
edited_sha=$(sha_of "$POLICY")
expect "the edited policy checks" 0 "ok, policy" fwctl-guard check "$POLICY"
expect "systemctl restart fwctl-guard" 0 "" systemctl restart fwctl-guard
loaded=$(loaded_sha)
if [ -n "$edited_sha" ] && [ "$loaded" = "$edited_sha" ]; then
	ok "the loaded sha256 is the edited file's ($edited_sha)"
else
	bad "the loaded sha256 is '$loaded', the edited file's is '$edited_sha'"
fi
expect "... the journal says it reloaded" 0 "had another policy than $POLICY: reloaded" \
	journalctl -b -o cat -u fwctl-guard --no-pager
expect "the edit is enforced: the reset-only change is denied now" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x30303030
expect "status --expect-sha256 with the file's digest" 0 "" \
	fwctl-guard status --expect-sha256 "$edited_sha"
expect "status --expect-sha256 with another digest: exit 4" 4 "not the expected" \
	fwctl-guard status --expect-sha256 0000000000000000000000000000000000000000000000000000000000000000
expect "the last policy that loaded is kept" 0 "^# sha256 (with the effects tables): $edited_sha" \
	cat /var/lib/fwctl-guard/last-good.policy
expect "a restart with the same file adopts (no reload)" 0 "" systemctl restart fwctl-guard
expect "... same sha256" 0 "same sha256" journalctl -b -o cat -u fwctl-guard --no-pager
cp /root/policy.orig "$POLICY"

echo "== (g) logrotate under a stream of events"
LOG=/var/log/fwctl-guard/events.jsonl
PROM=/var/lib/prometheus/node-exporter/fwctl-guard.prom
echo "FWCTL_GUARD_OPTS=\"--audit --json $LOG --metrics-textfile $PROM\"" >/etc/default/fwctl-guard
expect "restart with a JSON file and a metrics textfile" 0 "" systemctl restart fwctl-guard
# The same daemon before and after: reopening, not dying and restarting
# (Restart=on-failure would hide a daemon SIGUSR1 killed).
main_pid=$(systemctl show -P MainPID fwctl-guard)
restarts=$(systemctl show -P NRestarts fwctl-guard)
N=400
(
	i=0
	while [ "$i" -lt "$N" ]; do
		fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1 >/dev/null 2>&1
		i=$((i + 1))
	done
) &
stream=$!
# Rotate once the file has events in it (the condition, not a delay).
i=0
while [ ! -s "$LOG" ] && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
expect "logrotate -f (during the stream)" 0 "" logrotate -f /etc/logrotate.d/fwctl-guard
wait "$stream"
count() { cat "$LOG" "$LOG.1" 2>/dev/null | grep -c '"action":"deny"'; }
i=0
while [ "$(count)" -lt "$N" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
expect "the daemon survived the rotation" 0 "^active$" systemctl is-active fwctl-guard
expect "... as the same process (pid $main_pid), not restarted" 0 "^$main_pid$" \
	systemctl show -P MainPID fwctl-guard
expect "... and systemd counted no restart" 0 "^$restarts$" systemctl show -P NRestarts fwctl-guard
expect "the rotated file exists" 0 "" test -s "$LOG.1"
expect "the daemon writes into the new file" 0 "" test -s "$LOG"
total=$(count)
dups=$(cat "$LOG" "$LOG.1" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p' | sort | uniq -d | wc -l)
if [ "$total" -eq "$N" ] && [ "$dups" -eq 0 ]; then
	ok "$N events, $N lines over the two files, none duplicated"
else
	bad "$N events: $total lines over the two files, $dups duplicated sequence numbers"
fi

echo "== (h) metrics through prometheus-node-exporter"
expect "prometheus-node-exporter is active" 0 "^active$" systemctl is-active prometheus-node-exporter
# node_exporter's view of the textfile (localhost:9100)
scrape() { curl -s http://localhost:9100/metrics | grep '^fwctl_guard_'; }
denied() { scrape | sed -n 's/^fwctl_guard_decisions_total{action="deny"} \([0-9.e+]*\)$/\1/p'; }
i=0
while [ -z "$(denied)" ] && [ "$i" -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
scrape >/tmp/metrics.before
expect "curl localhost:9100/metrics has fwctl_guard_ series" 0 \
	'^fwctl_guard_policy_info{.*sha256="[0-9a-f]\{64\}"' cat /tmp/metrics.before
expect "... the generation" 0 "^fwctl_guard_policy_generation " cat /tmp/metrics.before
expect "... the seal state" 0 '^fwctl_guard_seal{fwctl_guard_seal="none"} 1' cat /tmp/metrics.before
expect "... events delivered" 0 "^fwctl_guard_events_delivered_total " cat /tmp/metrics.before
before=$(denied)
expect "a denied RPC" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1
# The textfile is rewritten every second: wait for the value to move.
i=0
while [ "$(denied)" = "$before" ] && [ "$i" -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
after=$(denied)
if [ -n "$before" ] && [ -n "$after" ] && [ "$after" != "$before" ]; then
	ok "fwctl_guard_decisions_total{action=\"deny\"} went from $before to $after"
else
	bad "fwctl_guard_decisions_total{action=\"deny\"}: '$before' then '$after'"
fi
expect "... and the daemon counted it by reason" 0 \
	'^fwctl_guard_event_decisions_total{action="deny",reason="rule"} [1-9]' scrape
echo "metrics excerpt (node_exporter):"
scrape | grep -E 'decisions_total\{action="deny"|policy_info|generation|seal\{|events_(produced|delivered|lost)' | sed 's/^/  /'
rm -f /etc/default/fwctl-guard

echo "== (i) site effects tables in /etc/fwctl-guard/effects"
expect "without a site table the reset-only change is allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x40404040
printf 'type cxl\n0x0502 set_feature config-change-immediate,destructive feature=vendor_test\n' \
	>"$SHIP/effects/site.effects"
expect "reload with the site table in place (no --effects option)" 0 "" systemctl reload fwctl-guard
expect "the site table makes the feature destructive: denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x50505050
rm "$SHIP/effects/site.effects"
expect "site table removed, reloaded" 0 "" systemctl reload fwctl-guard
expect "... allowed again" 0 "set ok" fwctl-rpc --scope debug-write "$DEV" set test 0x40404040

gen_now=$(fwctl-guard status | sed -n 's/.*, generation \([0-9]*\),.*/\1/p')
echo "== (e) purge leaves the guard loaded"
expect "dpkg --purge fwctl-guard" 0 "" dpkg --purge fwctl-guard
expect "the unit is gone" 1 "" test -e /lib/systemd/system/fwctl-guard.service
expect "the CLI is gone" 1 "" test -e /usr/sbin/fwctl-guard
expect "/etc/fwctl-guard is gone" 1 "" test -e /etc/fwctl-guard
expect "/var/lib/fwctl-guard is gone" 1 "" test -e /var/lib/fwctl-guard
expect "the guard is still pinned" 0 "" test -d /sys/fs/bpf/fwctl-guard
expect "the guard still denies" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1
expect "reinstall on the running system (dpkg -i)" 0 "" sh -c 'dpkg -i /host/pkg/*.deb'
expect "... starts the service again" 0 "^active$" systemctl is-active fwctl-guard
expect "... which adopted the loaded guard" 0 "generation ${gen_now:-?}," fwctl-guard status

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
