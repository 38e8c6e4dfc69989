# SPDX-License-Identifier: GPL-2.0-only
#
# Policy language, reload, permissive mode and the shipped policies, on the
# CXL mock's real fwctl nodes. Sourced by guest-tests.sh (its expect,
# refute, $DEV, $NAME and $POL); not run on its own.

SHIP=/etc/fwctl-guard
OTHER=
for d in /dev/fwctl/fwctl*; do
	if [ "$d" != "$DEV" ] && fwctl-rpc "$d" info 2>/dev/null | grep -q 'type=cxl'; then
		OTHER=$d
		break
	fi
done

echo "== (i) the shipped policies check clean"
for p in deny-destructive lockdown-integrity lockdown-confidentiality audit-all deny-debug-write; do
	expect "check $p" 0 "ok, policy '$p'" fwctl-guard check "$SHIP/$p.policy"
done

echo "== (i) deny-destructive"
expect "load deny-destructive" 0 "loaded policy 'deny-destructive'" \
	fwctl-guard load "$SHIP/deny-destructive.policy"
expect "deny-destructive: a reset-only config change is allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x10101010
expect "deny-destructive: a feature of unknown effects is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set 11111111-2222-3333-4444-555555555555 1
expect "deny-destructive: reads pass" 0 "value=0x10101010" fwctl-rpc "$DEV" get test
new_events /tmp/events.txt
expect "deny-destructive: the unknown command's event" 0 \
	"deny reason=rule rule=2 gen=1 permissive=0 .*cmd=set_feature .*effects=unknown" cat /tmp/events.txt
expect "unload deny-destructive" 0 "unloaded" fwctl-guard unload
printf 'type cxl\n0x0502 set_feature config-change-immediate,destructive feature=vendor_test\n' \
	>/tmp/destroy.effects
expect "load deny-destructive with a table calling the feature destructive" 0 "loaded policy" \
	fwctl-guard load --effects /tmp/destroy.effects "$SHIP/deny-destructive.policy"
expect "deny-destructive: the destructive Set Feature is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x20202020
expect "deny-destructive: value unchanged" 0 "value=0x10101010" fwctl-rpc "$DEV" get test
expect "unload deny-destructive (table)" 0 "unloaded" fwctl-guard unload

echo "== (i) lockdown-integrity"
expect "load lockdown-integrity" 0 "loaded policy 'lockdown-integrity'" \
	fwctl-guard load "$SHIP/lockdown-integrity.policy"
expect "integrity: configuration reads pass" 0 "entries=1" \
	fwctl-rpc --scope configuration "$DEV" features
expect "integrity: debug reads pass" 0 "value=0x10101010" \
	fwctl-rpc --scope debug-read-only "$DEV" get test
expect "integrity: debug-write Set Feature denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x30303030
expect "integrity: debug-write-full Set Feature denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write-full "$DEV" set test 0x30303030
expect "integrity: value unchanged" 0 "value=0x10101010" fwctl-rpc "$DEV" get test
expect "integrity: a configuration write is denied by its effects (explain)" 0 \
	"decision: deny by rule 1" fwctl-guard explain "$SHIP/lockdown-integrity.policy" \
	type=cxl dev="$NAME" scope=configuration cmd=set_feature feature=vendor_test \
	effects=config-change-after-reset
expect "unload lockdown-integrity" 0 "unloaded" fwctl-guard unload

echo "== (i) lockdown-confidentiality"
expect "load lockdown-confidentiality" 0 "loaded policy 'lockdown-confidentiality'" \
	fwctl-guard load "$SHIP/lockdown-confidentiality.policy"
expect "confidentiality: configuration-scope Get Feature passes" 0 "value=0x10101010" \
	fwctl-rpc --scope configuration "$DEV" get test
expect "confidentiality: debug-read-only Get Feature denied" 1 "EPERM" \
	fwctl-rpc --scope debug-read-only "$DEV" get test
expect "confidentiality: debug-write Set Feature denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x40404040
expect "unload lockdown-confidentiality" 0 "unloaded" fwctl-guard unload

echo "== (i) audit-all"
expect "load audit-all" 0 "loaded policy 'audit-all'" fwctl-guard load "$SHIP/audit-all.policy"
expect "audit-all: Set Feature allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x50505050
expect "audit-all: Get Feature allowed" 0 "value=0x50505050" fwctl-rpc "$DEV" get test
new_events /tmp/audit.txt
expect "audit-all: the write is an audit event" 0 \
	"audit reason=rule rule=0 gen=1 permissive=0 .*scope=debug-write .*cmd=set_feature" cat /tmp/audit.txt
expect "audit-all: the read is an audit event" 0 "audit reason=rule rule=0 .*cmd=get_feature" \
	cat /tmp/audit.txt
expect "replay the audited events against lockdown-integrity: the write would change" 0 \
	"was audit by rule 0, now deny by rule 0" \
	fwctl-guard explain --replay /tmp/audit.txt "$SHIP/lockdown-integrity.policy"
expect "audit-all: status counts the rule's audits" 0 "rule 0 (line 13): .*audited [1-9]" \
	fwctl-guard status
expect "unload audit-all" 0 "unloaded" fwctl-guard unload

echo "== (j) permissive mode allows and logs what enforce mode denies"
cat >"$POL/permissive.policy" <<'P'
policy "trial"
mode permissive
default allow
deny scope >= debug-write
P
sed 's/^mode permissive/mode enforce/' "$POL/permissive.policy" >"$POL/enforce.policy"
expect "load permissive" 0 "mode permissive" fwctl-guard load "$POL/permissive.policy"
expect "permissive: the write the policy denies goes through" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x60606060
new_events /tmp/events.txt
expect "permissive: logged as a denial with permissive=1" 0 \
	"deny reason=rule rule=0 gen=1 permissive=1 .*scope=debug-write" cat /tmp/events.txt
expect "permissive: counted as permitted" 0 "permitted=1" fwctl-guard status
expect "permissive: the rule counts a (would-be) denial" 0 "denied 1 " fwctl-guard status
expect "reload the same policy in enforce mode" 0 "generation 2" \
	fwctl-guard reload "$POL/enforce.policy"
expect "enforce: the same write is denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x70707070
new_events /tmp/events.txt
expect "enforce: logged with permissive=0, generation 2" 0 \
	"deny reason=rule rule=0 gen=2 permissive=0" cat /tmp/events.txt
expect "value from the permissive write stays" 0 "value=0x60606060" fwctl-rpc "$DEV" get test

echo "== (k) a reload that fails leaves the running policy"
printf 'policy "broken"\ndefault allow\nallow scope debug-writ\n' >"$POL/broken.policy"
expect "reload of a bad policy: error with location" 2 "broken.policy:3:" \
	fwctl-guard reload "$POL/broken.policy"
expect "reload of a bad policy: still generation 2" 0 "generation 2" fwctl-guard status
expect "reload of a bad policy: still denying" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x71717171
expect "status --json names the policy" 0 '"name":"trial"' fwctl-guard status --json
expect "status --json has the hash" 0 '"sha256":"[0-9a-f]\{64\}"' fwctl-guard status --json
expect "unload trial" 0 "unloaded" fwctl-guard unload

echo "== (k) device and caller conditions on the real hook"
cat >"$POL/callers.policy" <<P
policy "callers"
default allow
allow exe /root/agent-rpc scope >= debug-write
deny comm fwctl-rpc node $NAME scope >= debug-write
deny comm other-rpc scope >= debug-write
P
cp "$(command -v fwctl-rpc)" /root/agent-rpc
cp "$(command -v fwctl-rpc)" /root/other-rpc
expect "load callers" 0 "loaded policy 'callers'" fwctl-guard load "$POL/callers.policy"
expect "exe rule: the named agent may write" 0 "set ok" \
	/root/agent-rpc --scope debug-write "$DEV" set test 0x80808080
expect "comm + node rule: fwctl-rpc may not write to $NAME" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x81818181
if [ -n "$OTHER" ]; then
	expect "node rule: fwctl-rpc may write to another node" 0 "set ok" \
		fwctl-rpc --scope debug-write "$OTHER" set test 0x82828282
fi
expect "comm rule: another program name is denied everywhere" 1 "EPERM" \
	/root/other-rpc --scope debug-write "$DEV" set test 0x83838383
expect "explain names the deciding rule" 0 "rule 1 (.*callers.policy:4)" \
	fwctl-guard explain "$POL/callers.policy" type=cxl dev="$NAME" scope=debug-write \
	cmd=set_feature comm=fwctl-rpc
expect "unload callers" 0 "unloaded" fwctl-guard unload

echo "== (k) reload 100 times while RPCs run"
cat >"$POL/reload-a.policy" <<'P'
policy "reload-a"
default allow
deny scope >= debug-write
P
cat >"$POL/reload-b.policy" <<'P'
policy "reload-b"
default allow
audit scope >= debug-write
P
expect "load reload-a (generation 1)" 0 "generation 1" fwctl-guard load "$POL/reload-a.policy"
rm -f /tmp/stop /tmp/client.txt
# The event daemon takes every event out of the ring buffer.
fwctl-guard run --text /tmp/reload-events.txt --lock /tmp/run.lock 2>/tmp/run.err &
reader=$!
# Batches until the reloads are done; each batch prints its counts.
( while [ ! -f /tmp/stop ]; do
	fwctl-rpc --scope debug-write --repeat 50 --interval-us 2000 "$DEV" set test 0x1 \
		>>/tmp/client.txt 2>&1
  done ) &
client=$!
# The reloads start once RPCs are running (the first batch has reported).
wait_line /tmp/client.txt "^repeat:"
reload_fail=0
i=1
while [ $i -le 100 ]; do
	if [ $((i % 2)) -eq 1 ]; then p=reload-b; else p=reload-a; fi
	fwctl-guard reload "$POL/$p.policy" >/tmp/reload.out 2>&1 || {
		reload_fail=$((reload_fail + 1))
		cat /tmp/reload.out
	}
	i=$((i + 1))
done
# RPCs decided by the last generation too: one more batch after it.
batches=$(grep -c '^repeat:' /tmp/client.txt)
wait_until 60 count_at_least $((batches + 1)) grep -c '^repeat:' /tmp/client.txt
touch /tmp/stop
wait $client
# Every RPC's event out of the ring buffer before the reader stops.
tries=$(awk -F'[ =]' '/^repeat:/ { t += $3 } END { print t + 0 }' /tmp/client.txt)
wait_until 60 count_at_least "$tries" grep -c ' reason=' /tmp/reload-events.txt
kill -TERM $reader
wait $reader
tries=$(awk -F'[ =]' '/^repeat:/ { t += $3 } END { print t + 0 }' /tmp/client.txt)
okn=$(awk -F'[ =]' '/^repeat:/ { t += $5 } END { print t + 0 }' /tmp/client.txt)
epn=$(awk -F'[ =]' '/^repeat:/ { t += $7 } END { print t + 0 }' /tmp/client.txt)
oth=$(awk -F'[ =]' '/^repeat:/ { t += $9 } END { print t + 0 }' /tmp/client.txt)
evn=$(grep -c ' reason=' /tmp/reload-events.txt)
echo "reload test: 100 reloads ($reload_fail failed), $tries RPCs: $okn allowed (audit), $epn denied, $oth other; $evn events"
expect "100 reloads all succeeded" 0 "^0$" echo "$reload_fail"
expect "the RPCs ran across the reloads (at least 100)" 0 "yes" \
	sh -c "[ $tries -ge 100 ] && echo yes"
expect "no RPC failed for another reason" 0 "^0$" echo "$oth"
expect "both policies decided some" 0 "yes" sh -c "[ $okn -gt 0 ] && [ $epn -gt 0 ] && echo yes"
expect "every RPC made an event (none lost)" 0 "^$tries$" echo "$evn"
expect "status: no event lost" 0 "events-lost=0" fwctl-guard status
refute "no RPC was decided without a policy" "reason=no-policy" cat /tmp/reload-events.txt
expect "every event decided by a rule" 0 "^$tries$" sh -c "grep -c ' reason=rule rule=0 ' /tmp/reload-events.txt"
# Odd generations are reload-a (deny), even ones reload-b (audit).
expect "each RPC decided by the policy of its generation" 0 "^0$" awk '
	{ for (i = 1; i <= NF; i++) if ($i ~ /^gen=/) g = substr($i, 5) + 0
	  a = $2
	  if ((g % 2 == 1 && a != "deny") || (g % 2 == 0 && a != "audit") || g < 1 || g > 101) bad++ }
	END { print bad + 0 }' /tmp/reload-events.txt
expect "the last generation is 101" 0 "generation 101" fwctl-guard status
expect "unload after reloads" 0 "unloaded" fwctl-guard unload

echo "== (l) every ioctl on a fwctl node is judged, not only FWCTL_RPC"
cat >"$POL/ioctls.policy" <<'P'
policy "ioctls"
default allow
deny scope >= debug-write
P
expect "load ioctls" 0 "loaded policy 'ioctls'" fwctl-guard load "$POL/ioctls.policy"
new_events /tmp/ev-ioctl0.txt
# NVIDIA's two out-of-tree fwctl ioctls, an unused fwctl number, TCGETS.
for nr in 0x9A02 0x9A03 0x9AFF 0x5401; do
	expect "ioctl $nr on a fwctl node: denied (no rule names it)" 1 "EPERM" \
		fwctl-rpc ioctl "$DEV" "$nr"
done
new_events /tmp/ev-ioctl.txt
expect "... an unknown-ioctl event with the number" 0 \
	"deny reason=unknown-ioctl rule=- .* dev=$NAME type=cxl scope=- ioctl=0x9a02(rsc-destroy) " \
	cat /tmp/ev-ioctl.txt
expect "... and for TCGETS" 0 "reason=unknown-ioctl .*scope=- ioctl=0x5401 " cat /tmp/ev-ioctl.txt
expect "FIOCLEX passes (the VFS answers it, not the driver)" 0 "" fwctl-rpc ioctl "$DEV" 0x5451
expect "FWCTL_INFO passes" 0 "type=cxl" fwctl-rpc "$DEV" info
expect "0x9A02 on another device: not the guard's (ENOTTY from /dev/null)" 1 "ENOTTY" \
	fwctl-rpc ioctl /dev/null 0x9A02
cat >"$POL/ioctls2.policy" <<'P'
policy "ioctls2"
default allow
deny scope >= debug-write
allow ioctl rsc-destroy uid 0
P
expect "reload: allow ioctl rsc-destroy" 0 "reloaded" fwctl-guard reload "$POL/ioctls2.policy"
expect "0x9A02 now reaches the driver (mainline answers ENOTTY)" 1 "ENOTTY" \
	fwctl-rpc ioctl "$DEV" 0x9A02
expect "0x9A03 still denied" 1 "EPERM" fwctl-rpc ioctl "$DEV" 0x9A03
expect "RPCs are judged as before" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x1
printf 'policy "bad"\ndefault allow\ndeny ioctl 0x9A02 scope debug-write\n' >"$POL/bad-ioctl.policy"
expect "a rule for another ioctl cannot test a scope" 2 "bad-ioctl.policy:3:.*'scope' describes an RPC" \
	fwctl-guard check "$POL/bad-ioctl.policy"
expect "unload ioctls" 0 "unloaded" fwctl-guard unload
