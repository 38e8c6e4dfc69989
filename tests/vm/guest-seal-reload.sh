#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `seal reload` (docs/security.md), in a VM boot of its own
# (tests/vm/run-tests.sh): a sealed guard stays until reboot. The loader's
# executable still reloads the policy and refreshes the registry, and its
# daemon still reads events; nothing else changes the guard.

. "$(command -v guest-lib.sh)"

PIN=/sys/fs/bpf/fwctl-guard

cat >"$POL/reloadable.policy" <<'P'
policy "reloadable"
seal reload
default allow
deny scope >= debug-write
P
sed -e 's/"reloadable"/"reloadable-2"/' -e 's/^deny scope >= debug-write/deny scope debug-write-full/' \
	"$POL/reloadable.policy" >"$POL/reloadable-2.policy"
grep -v '^seal' "$POL/reloadable.policy" >"$POL/unsealed.policy"

echo "== seal reload: the loader reloads, nothing else changes"
expect "load sealed (reload)" 0 "SEALED until reboot" fwctl-guard load "$POL/reloadable.policy"
expect "status says so" 0 "guard: SEALED until reboot (only this loader's reload)" fwctl-guard status
fwctl-guard run --text /tmp/ev.txt --lock /tmp/run.lock 2>/tmp/run.err &
DAEMON=$!
wait_line /tmp/run.err "consuming events"
expect "debug-write denied" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x1
wait_line /tmp/ev.txt "deny reason=rule"
ok "the daemon delivers events on a sealed guard"
expect "a reload with the same seal works" 0 "generation 2" fwctl-guard reload "$POL/reloadable-2.policy"
expect "the new policy decides: debug-write allowed" 0 "" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x2
expect "a registry refresh works" 0 "" fwctl-guard devices
expect "a reload that drops the seal is refused" 1 "sealed" fwctl-guard reload "$POL/unsealed.policy"
expect "still generation 2" 0 "generation 2" fwctl-guard status
expect "another program gets no fd to a policy map" 0 \
	"map-fd $PIN/map_gens: refused (Operation not permitted)" fwctl-attack map-fd "$PIN/map_gens"
expect "umount -l /sys is refused" 1 "Operation not permitted" umount -l /sys
expect "unload is refused" 1 "" fwctl-guard unload
new_events /tmp/ev-reload.txt
expect "the reload's writes are reported as such" 0 \
	"audit reason=sealed-reload .*event=guard guard_op=map-write .*name=\"fg_gen\"" \
	cat /tmp/ev-reload.txt
expect "the refusals are reported" 0 "deny reason=sealed .*guard_op=map-fd .*name=\"fg_gens\"" \
	cat /tmp/ev-reload.txt
refute "the loader's reads are no change" "guard_op=map-fd .*comm=\"fwctl-guard\"" \
	cat /tmp/ev-reload.txt
kill "$DAEMON"
wait "$DAEMON"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
