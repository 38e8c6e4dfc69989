#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The steps of docs/fleet.md on the installed package (tests/vm/run
# --system), each a command a configuration-management tool would run:
#   (a) roll out a site policy made of a main file and a policy.d folder
#       (include with a glob) through /etc/default/fwctl-guard, restart;
#   (b) compliance: the digest `check` computes where the policy is built
#       is what `status --expect-sha256` finds on the host; a file changed
#       on the host and not loaded, or loaded and not rolled out, is found;
#   (c) events collected centrally: auditd's own remote logging
#       (audisp-remote from Debian's audispd-plugins, passed with --with)
#       sends the guard's USER_AVC records over TCP to a collector (here a
#       listener on 127.0.0.1:60 in the same VM), and the JSON file.
# Needs guest-lib.sh and guest-auditd.sh (audit_wait) in PATH, and the
# audispd-plugins .deb.
. "$(command -v guest-lib.sh)"
. "$(command -v guest-auditd.sh)"

UNKNOWN=11111111-2222-3333-4444-555555555555
ETC=/etc/fwctl-guard

echo "== (a) roll out a site policy with a policy.d folder"
mkdir -p "$ETC/site.d"
cat >"$ETC/site.policy" <<'EOF'
# site: the rules in site.d, in name order, then the default.
policy "site"
include "site.d/*.policy"
default allow
EOF
echo 'deny effect destructive, reset, firmware-change, unknown' >"$ETC/site.d/10-destructive.policy"
echo 'deny scope debug-write-full' >"$ETC/site.d/20-debug.policy"
rolled=$(fwctl-guard check --json "$ETC/site.policy" | sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p')
expect "check: the site policy compiles (2 rules from site.d)" 0 "ok, policy 'site', 2 rules" \
	fwctl-guard check "$ETC/site.policy"
cat >/etc/default/fwctl-guard <<EOF
FWCTL_GUARD_POLICY=$ETC/site.policy
FWCTL_GUARD_OPTS="--audit --json /var/log/fwctl-guard/events.jsonl"
EOF
expect "systemctl restart fwctl-guard" 0 "" systemctl restart fwctl-guard
expect "the site policy is in force" 0 "policy: site ($ETC/site.policy)" fwctl-guard status

echo "== (b) compliance"
expect "status --expect-sha256 (the digest check printed): compliant" 0 "" \
	fwctl-guard status --expect-sha256 "$rolled"
echo 'deny scope debug-write' >"$ETC/site.d/30-new.policy"
now=$(fwctl-guard check --json "$ETC/site.policy" | sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p')
expect "a file added on the host, not loaded: the loaded digest is not the files' (exit 4)" 4 \
	"not the expected $now" fwctl-guard status --expect-sha256 "$now"
expect "systemctl reload fwctl-guard" 0 "" systemctl reload fwctl-guard
expect "... compliant with the files again" 0 "" fwctl-guard status --expect-sha256 "$now"
expect "... and no longer with the rolled-out digest (exit 4)" 4 "not the expected $rolled" \
	fwctl-guard status --expect-sha256 "$rolled"
rm "$ETC/site.d/30-new.policy"
expect "rolled back, reloaded: compliant" 0 "" sh -c \
	"systemctl reload fwctl-guard && fwctl-guard status --expect-sha256 $rolled"

echo "== (c) events collected centrally"
expect "install audispd-plugins (auditd's remote logging)" 0 "" \
	sh -c 'dpkg -i /host/bin/audispd-plugins_*.deb'
# The collector: TCP on 127.0.0.1:60, every line it receives into a file
# (a central auditd would listen with tcp_listen_port = 60; docs/fleet.md).
perl -MIO::Socket::INET -e '
	my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1:60", Listen => 5, ReuseAddr => 1)
		or die "listen: $!";
	open(my $r, ">", "/tmp/collector.ready"); close($r);
	while (my $c = $s->accept) {
		while (my $l = <$c>) {
			open(my $o, ">>", "/tmp/collected.log"); print $o $l; close($o);
		}
	}' &
i=0
while [ ! -e /tmp/collector.ready ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sed -i -e 's/^remote_server *=.*/remote_server = 127.0.0.1/' -e 's/^format *=.*/format = ascii/' \
	/etc/audit/audisp-remote.conf
sed -i 's/^active *=.*/active = yes/' /etc/audit/plugins.d/au-remote.conf
# SIGHUP: auditd reads its configuration and plugins again (auditctl
# --signal has no reload in 3.0.9).
expect "auditd reloads its plugins (SIGHUP)" 0 "" sh -c 'kill -HUP "$(pgrep -x auditd)"'
i=0
while ! pgrep -x audisp-remote >/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect "audisp-remote runs" 0 "" pgrep -x audisp-remote
expect "a denied RPC" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set "$UNKNOWN" 1
i=0
while ! grep -q 'type=USER_AVC.*fwctl-guard' /tmp/collected.log 2>/dev/null && [ "$i" -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect "the collector received the USER_AVC record" 0 \
	"type=USER_AVC .*avc:  denied  { rpc } .*tclass=fwctl" cat /tmp/collected.log
expect "... as the local log has it (ausearch)" 0 "fwctl-guard" \
	audit_wait USER_AVC "cmd=set_feature" 20
expect "the JSON file has the same decision, with host and policy digest" 0 \
	"\"host\":\"$(cat /proc/sys/kernel/hostname)\",.*\"policy\":\"site\",\"policy_sha256\":\"$rolled\"" \
	tail -n 1 /var/log/fwctl-guard/events.jsonl

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
