# SPDX-License-Identifier: GPL-2.0-only
#
# The audit pipeline in the VM, sourced by guest-tests.sh (its expect/refute,
# $DEV, $POL, new_events): `fwctl-guard run` with Debian's auditd, JSON and
# text sinks; a flood larger than the ring buffer; the daemon killed and
# restarted; SIGHUP reload; SIGTERM. Needs guest-auditd.sh and the auditd
# sysroot (tests/vm/run-tests.sh passes both).

echo "== (l) audit pipeline: auditd, JSON, text"
. "$(command -v guest-auditd.sh)"
if ! start_auditd; then
	bad "auditd did not start in the VM"
	return 0
fi
ok "auditd started (pid $AUDITD_PID)"
cat >"$POL/events.policy" <<'P'
policy "events-test"
default allow
deny scope >= debug-write
audit scope configuration
P
# A small ring buffer (512 records): the flood below must overflow it.
expect "load events-test" 0 "loaded policy 'events-test'" \
	fwctl-guard load --ring-size 256K "$POL/events.policy"
# /tmp/run.err too: guest-policy.sh's daemon left its own "consuming
# events" there, and the shell truncates the file only in the child, after
# the wait below may already have read the old line.
rm -f /tmp/ev.jsonl /tmp/ev.txt /tmp/run.err
fwctl-guard run --audit --audit-rate 50 --json /tmp/ev.jsonl --text /tmp/ev.txt \
	--lock /tmp/run.lock 2>/tmp/run.err &
daemon=$!
# Its readiness line: signal handlers installed, ring buffer mapped.
wait_line /tmp/run.err "consuming events"
expect "status: the daemon is running" 0 "^daemon: pid $daemon running" fwctl-guard status
expect "a second daemon is refused" 1 "another 'fwctl-guard run'" \
	fwctl-guard run --text /dev/null --lock /tmp/run.lock
expect "denied RPC: EPERM" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x1
expect "audited RPC goes through" 0 "" fwctl-rpc "$DEV" features
# a caller whose comm and exe need auditd's hex encoding
cp "$(command -v fwctl-rpc)" "/tmp/my tool"
expect "denied RPC from '/tmp/my tool'" 1 "EPERM" "/tmp/my tool" --scope debug-write "$DEV" set test 0x1
audit_wait USER_AVC "6D7920746F6F6C" >/dev/null
echo "-- audit log (ausearch -m USER_AVC -i):"
ausearch -m USER_AVC -i 2>&1 | sed 's/^/    /'
expect "auditd: the denial, by type (ausearch -i)" 0 "avc:  denied  { rpc } for pid=[0-9]* comm=fwctl-rpc exe=/host/bin/fwctl-rpc .*type=cxl scope=debug-write .*cmd=set_feature .*rule=0 policy=\"events-test\" .*lsm_hook=ioctl .*subj=/host/bin/fwctl-rpc tcontext=$NAME tclass=fwctl permissive=0" \
	audit_wait USER_AVC "avc:  denied  { rpc }"
expect "auditd: the audited RPC as granted" 0 "avc:  granted  { rpc } .*scope=configuration .*rule=1 policy=\"events-test\"" \
	audit_wait USER_AVC "avc:  granted  { rpc }"
expect "ausearch by content: the caller's comm" 0 "denied  { rpc }" \
	ausearch -m USER_AVC -c fwctl-rpc
expect "ausearch by content: the caller's exe" 0 "denied  { rpc }" \
	ausearch -m USER_AVC -x /host/bin/fwctl-rpc
expect "ausearch -sv no: the denials" 0 "avc:  denied  { rpc } .*comm=\"fwctl-rpc\"" \
	ausearch -m USER_AVC -sv no
refute "ausearch -sv no: not the audited (granted) RPC" "granted" ausearch -m USER_AVC -sv no
expect "ausearch -sv yes: the audited RPC" 0 "avc:  granted  { rpc }" ausearch -m USER_AVC -sv yes
echo "-- aureport --avc:"
aureport --avc 2>&1 | sed 's/^/    /'
expect "aureport --avc: the denial with its subject, class, permission, object" 0 \
	" /host/bin/fwctl-rpc 0 fwctl rpc $NAME denied [0-9]*\$" aureport --avc
expect "aureport --avc: the audited RPC as granted" 0 \
	" /host/bin/fwctl-rpc 0 fwctl rpc $NAME granted [0-9]*\$" aureport --avc
refute "aureport --avc: no (null) column" "(null)" aureport --avc
expect "ausearch -i names the caller's uid and unset login uid" 0 "for pid=[0-9]* comm=fwctl-rpc exe=/host/bin/fwctl-rpc tid=[0-9]* uid=root euid=root gid=root auid=unset" \
	ausearch -m USER_AVC -i
expect "raw record: comm and exe quoted as auditd encodes them" 0 "comm=\"fwctl-rpc\" exe=\"/host/bin/fwctl-rpc\"" \
	ausearch -m USER_AVC --raw
expect "raw record: a comm and exe with a space are hex (auditd's encoding)" 0 \
	"comm=6D7920746F6F6C exe=2F746D702F6D7920746F6F6C " ausearch -m USER_AVC --raw
expect "ausearch -i decodes them" 0 "comm=my tool exe=/tmp/my tool " ausearch -m USER_AVC -i
AUDIT_RECORD=$(ausearch -m USER_AVC --raw | grep 'denied  { rpc }' | head -n 1)
echo "one audit record: $AUDIT_RECORD"
JSON_EVENT=$(grep '"action":"deny"' /tmp/ev.jsonl | head -n 1)
echo "one JSON event: $JSON_EVENT"
expect "JSON: the denial with its caller" 0 "\"action\":\"deny\",\"reason\":\"rule\",\"rule\":0" \
	cat /tmp/ev.jsonl
expect "JSON: caller and exe" 0 "\"comm\":\"fwctl-rpc\",\"exe_status\":\"ok\",\"exe\":\"/host/bin/fwctl-rpc\"" \
	cat /tmp/ev.jsonl
SHA=$(fwctl-guard status --json | sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p' | head -n 1)
expect "JSON: schema, version, host, the policy's name and sha256 (as status says)" 0 \
	"^{\"schema\":2,\"version\":5,\"fwctl_guard_version\":\"[0-9.]*\",.*\"host\":\"$(cat /proc/sys/kernel/hostname)\",.*\"policy\":\"events-test\",\"policy_sha256\":\"${SHA:-none}\"," \
	cat /tmp/ev.jsonl
expect "JSON parses back (replayed against its own policy: nothing changes)" 0 \
	"replayed 3 events: 0 would be decided otherwise" \
	fwctl-guard explain --replay /tmp/ev.jsonl "$POL/events.policy"
expect "JSON replayed against lockdown-integrity: the audited read stays, the write stays denied" 0 \
	"replayed 3 events" fwctl-guard explain --replay /tmp/ev.jsonl /etc/fwctl-guard/lockdown-integrity.policy
expect "text: the same three decisions" 0 "^3$" sh -c "grep -c ' reason=rule ' /tmp/ev.txt"
expect "events --json: recent, without taking them from the daemon" 0 "\"seq\":2" \
	fwctl-guard events --json

echo "== (m) flood: more events than the ring buffer holds"
kill -STOP $daemon
expect "4000 denied RPCs while the daemon is stopped: every one EPERM" 0 \
	"repeat: tries=4000 ok=0 eperm=4000 other=0" \
	fwctl-rpc --scope debug-write --repeat 4000 --interval-us 0 "$DEV" set test 0x1
kill -CONT $daemon
# until the daemon has accounted for every number produced
i=0
while [ $i -lt 300 ]; do
	st=$(fwctl-guard status --json)
	prod=$(printf '%s\n' "$st" | sed -n 's/.*"produced": *\([0-9]*\).*/\1/p' | head -n 1)
	lost=$(printf '%s\n' "$st" | sed -n 's/.*"lost": *\([0-9]*\).*/\1/p' | head -n 1)
	deliv=$(printf '%s\n' "$st" | sed -n 's/.*"delivered": *\([0-9]*\).*/\1/p' | head -n 1)
	miss=$(printf '%s\n' "$st" | sed -n 's/.*"missing": *\([0-9]*\).*/\1/p' | head -n 1)
	[ $((deliv + miss)) -ge "$prod" ] && break
	i=$((i + 1))
	sleep 0.2
done
echo "flood: produced $prod, delivered $deliv, lost (kernel) $lost, missing (daemon) $miss"
expect "the ring buffer overflowed (some lost)" 0 "yes" sh -c "[ $lost -gt 0 ] && echo yes"
expect "lost + delivered == produced" 0 "^$prod$" echo $((lost + deliv))
expect "the daemon saw exactly the lost ones as missing" 0 "^$lost$" echo "$miss"
gaps=$(awk -F'"count":' '/"type":"gap"/ { split($2, a, ","); n += a[1] } END { print n + 0 }' /tmp/ev.jsonl)
expect "JSON gap records add up to the loss" 0 "^$lost$" echo "$gaps"
expect "text: the gap is reported" 0 "never arrived" cat /tmp/ev.txt
expect "auditd: the loss is recorded" 0 "op=fwctl-guard-events-lost" \
	audit_wait TRUSTED_APP "fwctl-guard-events-lost"
expect "status: loss shown" 0 "^events: produced $prod, lost $lost" fwctl-guard status
expect "audit rate limit (50/s): records held back, counted" 0 "suppressed [1-9][0-9]*;" \
	fwctl-guard status
# The rate limit counts per second: the next second must begin (a time
# window, not a synchronisation).
sleep 1
expect "one more denial after the burst" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x1
expect "auditd: what the rate limit held back is recorded" 0 "op=fwctl-guard-audit-rate-limit suppressed=[1-9]" \
	audit_wait TRUSTED_APP "fwctl-guard-audit-rate-limit"

echo "== (n) the daemon killed: the guard keeps enforcing; a new one resumes"
kill -KILL $daemon
wait $daemon 2>/dev/null
before=$(grep -c '"type":"decision"' /tmp/ev.jsonl)
expect "after SIGKILL: still denied" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x1
expect "status: the daemon is not running" 0 "^daemon: pid $daemon NOT running" fwctl-guard status
fwctl-guard run --json /tmp/ev.jsonl --lock /tmp/run.lock 2>>/tmp/run.err &
daemon=$!
wait_until 60 count_at_least $((before + 1)) grep -c '"type":"decision"' /tmp/ev.jsonl
expect "restarted: the denial made while no daemon ran is delivered" 0 "^$((before + 1))$" \
	sh -c "grep -c '\"type\":\"decision\"' /tmp/ev.jsonl"
expect "restarted: new denials are delivered" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x1
wait_until 60 count_at_least $((before + 2)) grep -c '"type":"decision"' /tmp/ev.jsonl
expect "restarted: ... and written" 0 "^$((before + 2))$" \
	sh -c "grep -c '\"type\":\"decision\"' /tmp/ev.jsonl"

echo "== (o) SIGHUP reloads --policy; SIGTERM leaves the guard"
kill -TERM $daemon
wait $daemon
expect "SIGTERM: the daemon exits 0" 0 "^0$" echo $?
expect "SIGTERM: the guard stays loaded and enforcing" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x1
cp "$POL/events.policy" /tmp/hup.policy
fwctl-guard run --policy /tmp/hup.policy --text /tmp/hup.txt --lock /tmp/run.lock \
	2>/tmp/hup.err &
daemon=$!
# SIGHUP before the handler is installed would kill it: its readiness line.
wait_line /tmp/hup.err "consuming events"
sed -i 's/^deny scope/audit scope/' /tmp/hup.policy
kill -HUP $daemon
wait_line /tmp/hup.err "reloaded"
expect "SIGHUP: reloaded, generation 2" 0 "reloaded: policy 'events-test' .*generation 2" \
	cat /tmp/hup.err
expect "after SIGHUP: the write is audited, not denied" 0 "" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x1
echo 'policy "broken"' >/tmp/hup.policy
echo 'deny bogus = 1' >>/tmp/hup.policy
kill -HUP $daemon
wait_line /tmp/hup.err "hup.policy:2"
expect "SIGHUP with a broken policy: error with its location, policy unchanged" 0 \
	"hup.policy:2:.*error" cat /tmp/hup.err
expect "... still generation 2" 0 "generation 2" fwctl-guard status
kill -TERM $daemon
wait $daemon
expect "unload events-test" 0 "unloaded" fwctl-guard unload
stop_auditd
