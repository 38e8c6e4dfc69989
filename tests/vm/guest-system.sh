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
cp /root/policy.orig "$POLICY"
expect "reload of the good policy succeeds" 0 "" systemctl reload fwctl-guard
expect "... generation 2" 0 "generation 2," fwctl-guard status

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
expect "... which adopted the loaded guard" 0 "generation 2," fwctl-guard status

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
