#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fwctl as a module, in a VM booted with fgtest.nocxl (tests/vm/init loads
# no fwctl module; tests/vm/run-tests.sh): the guard loads before
# fwctl.ko, and the nodes of devices that appear later are judged without
# a reload or a refresh; fwctl.ko unloaded and loaded again under another
# char major leaves no node unjudged, because the guard knows a fwctl file
# by what it is (bpf/fwctl_file.bpf.h), not by a major it remembered.
# The last line counts: "N passed, N failed".

FG_NO_DEV=1
. "$(command -v guest-lib.sh)"

LOG=/sys/kernel/debug/fwctl_mock
fwctl_major() { awk '$2 == "fwctl" { print $1 }' /proc/devices; }
cxl_node() {
	for d in /dev/fwctl/fwctl*; do
		fwctl-rpc "$d" info 2>/dev/null | grep -q 'type=cxl' && { echo "$d"; return 0; }
	done
	return 1
}
# rpc_any NODE: one RPC the node's device type decodes, whatever the answer.
rpc_any() {
	case $(fwctl-rpc "$1" info 2>/dev/null) in
	*type=mlx5*) fwctl-rpc "$1" raw 01000000000000000000000000000000 ;;
	*type=bnxt*) fwctl-rpc "$1" raw 00000000000000000000000000000000 ;;
	*type=pds*) fwctl-rpc --scope debug-read-only "$1" pds 1 0 a0a1a2a3 ;;
	*type=cxl*) fwctl-rpc "$1" features ;;
	*) fwctl-rpc --scope configuration "$1" raw 0200020000000000 ;;
	esac
}
# every_node_judged TAG: each node under /dev/fwctl gets an RPC, and each
# RPC is an event (the policy audits or denies everything it sees).
every_node_judged() {
	new_events /tmp/ev-before.txt
	nodes=
	for d in /dev/fwctl/fwctl*; do
		rpc_any "$d" >/dev/null 2>&1
		nodes="$nodes ${d##*/}"
	done
	new_events /tmp/ev-all.txt
	missing=
	for n in $nodes; do
		grep -q " dev=$n " /tmp/ev-all.txt || missing="$missing $n"
	done
	if [ -n "$nodes" ] && [ -z "$missing" ]; then
		ok "$1: every node judged:$nodes"
	else
		bad "$1: nodes without an event:${missing:- (no nodes)}"
		sed 's/^/    /' /tmp/ev-all.txt
	fi
}

cat >"$POL/late.policy" <<'P'
policy "late"
default allow
default unknown-device deny
deny type mlx5 cmd set_hca_cap
deny type cxl scope >= debug-write
audit
P

echo "== booted without fwctl.ko"
refute "fwctl.ko is not loaded" "^fwctl " cat /proc/modules
expect "fwctl has no char major" 0 "^$" fwctl_major
expect "load the guard before fwctl.ko" 0 "loaded policy 'late'" \
	fwctl-guard load "$POL/late.policy"
printf '%s\n' "$out" >/tmp/late-load.txt
expect "load warns that the header check is left out, and why" 0 \
	"warning: the kernel has no fwctl_cmd_rpc (fwctl not built in, fwctl.ko not loaded): the check of the kernel.s copy" \
	cat /tmp/late-load.txt
expect "status: the capable hook is attached all the same (an LSM hook)" 0 \
	"hook capable: attached" fwctl-guard status
expect "status: the ioctl hook is attached" 0 "hook file_ioctl: attached" fwctl-guard status
# What fwctl.ko alone provides cannot be hooked before it exists: the
# status must say so rather than claim it.
expect "status: fwctl_cmd_rpc (fwctl.ko) named as not attached" 0 \
	"hook fentry fwctl_cmd_rpc: not attached (the kernel had no fwctl_cmd_rpc at load)" \
	fwctl-guard status
expect "status: the fexit names its own function" 0 \
	"hook fexit fwctl_fops_ioctl: not attached (the kernel had no fwctl_fops_ioctl at load)" \
	fwctl-guard status
fwctl-guard status | sed -n 's/^/    status: /p' | grep -e 'hook f' -e 'devices:'

echo "== fwctl.ko loaded after the guard (modprobe fwctl_mock pulls it in)"
expect "modprobe fwctl_mock" 0 "" modprobe fwctl_mock
expect "fwctl.ko is loaded now" 0 "^fwctl " cat /proc/modules
M1=$(fwctl_major)
echo "fwctl major: $M1"
MLX5=$(mock_dev mlx5) NOVA=$(mock_dev nova)
expect "the fake devices have nodes" 0 "type=mlx5" fwctl-rpc "$MLX5" info
expect "mlx5 set_hca_cap: denied by the rule, no reload, no refresh" 1 "EPERM" \
	fwctl-rpc "$MLX5" raw 01090000000000000000000000000000
expect "mlx5 query_hca_cap: allowed" 0 "rpc ok" \
	fwctl-rpc "$MLX5" raw 01000000000000000000000000000000
expect "0x9A02 on a late node: denied" 1 "EPERM" fwctl-rpc ioctl "$MLX5" 0x9A02
expect "type-5 node: the unknown-device decision" 1 "EPERM" \
	fwctl-rpc --scope configuration "$NOVA" raw 0200020000000000
new_events /tmp/ev1.txt
expect "event: mlx5 rule, typed from the open file" 0 \
	"deny reason=rule rule=0 .* dev=${MLX5##*/} type=mlx5 .*cmd=set_hca_cap" cat /tmp/ev1.txt
expect "event: unknown-ioctl with its number" 0 \
	"deny reason=unknown-ioctl .* dev=${MLX5##*/} .*ioctl=0x9a02" cat /tmp/ev1.txt
expect "event: type 5 as an unknown device, decode=unknown-type" 0 \
	"deny reason=unknown-device .* dev=${NOVA##*/} .*decode=unknown-type" cat /tmp/ev1.txt
expect "only the allowed mlx5 RPC reached the device" 0 "^1$" sh -c "wc -l <$LOG/mlx5"
expect "the type-5 RPC never reached the device" 0 "^0$" sh -c "wc -l <$LOG/nova"
every_node_judged "fwctl loaded after the guard"

echo "== fwctl.ko unloaded and loaded again under another major"
expect "rmmod fwctl_mock" 0 "" rmmod fwctl_mock
expect "rmmod fwctl" 0 "" rmmod fwctl
refute "fwctl.ko is gone" "^fwctl " cat /proc/modules
expect "the guard is still loaded" 0 "policy: late" fwctl-guard status
# Dynamic char majors are handed out from the top down: dax.ko, loaded
# now, takes the one fwctl left, so fwctl gets another.
expect "modprobe dax (a module with a dynamic char major)" 0 "" modprobe dax
echo "major $M1 now: $(awk -v m="$M1" '$1 == m { print $2 }' /proc/devices)"
expect "modprobe fwctl_mock again" 0 "" modprobe fwctl_mock
M2=$(fwctl_major)
echo "fwctl major: $M2 (was $M1)"
expect "fwctl came back under another major" 0 "" \
	sh -c "[ -n '$M2' ] && [ '$M2' != '$M1' ]"
MLX5=$(mock_dev mlx5) NOVA=$(mock_dev nova)
expect "mlx5 set_hca_cap on the new major: denied" 1 "EPERM" \
	fwctl-rpc "$MLX5" raw 01090000000000000000000000000000
expect "mlx5 query_hca_cap: allowed" 0 "rpc ok" \
	fwctl-rpc "$MLX5" raw 01000000000000000000000000000000
expect "type-5 node: still the unknown-device decision" 1 "EPERM" \
	fwctl-rpc --scope configuration "$NOVA" raw 0200020000000000
# A node of one's own for the same device (mknod with the new major): the
# same file underneath, judged the same.
MIN=$(cut -d: -f2 "/sys/class/fwctl/${MLX5##*/}/dev")
mknod /tmp/alias c "$M2" "$MIN"
expect "a mknod alias of the mlx5 node: denied alike" 1 "EPERM" \
	fwctl-rpc /tmp/alias raw 01090000000000000000000000000000
rm -f /tmp/alias
new_events /tmp/ev2.txt
expect "event after the reload: the mlx5 rule" 0 \
	"deny reason=rule rule=0 .* dev=${MLX5##*/} type=mlx5 .*cmd=set_hca_cap" cat /tmp/ev2.txt
refute "nothing denied reached the device" "first=0109" cat "$LOG/mlx5"
every_node_judged "fwctl reloaded"
expect "no reload happened: still generation 1" 0 "generation 1," fwctl-guard status

echo "== the CXL mock's devices after the guard"
expect "modprobe cxl_test cxl_mock_mem" 0 "" sh -c "modprobe cxl_test && modprobe cxl_mock_mem"
# The mock probes asynchronously: its node is the readiness signal.
if wait_until 120 cxl_node; then
	DEV=$(cxl_node)
	ok "a CXL node appeared: $DEV"
	expect "CXL get supported features: allowed" 0 "entries=1" fwctl-rpc "$DEV" features
	expect "CXL set feature at debug-write: denied" 1 "EPERM" \
		fwctl-rpc --scope debug-write "$DEV" set ffffffff-ffff-ffff-ffff-ffffffffffff 0x1
	new_events /tmp/ev3.txt
	expect "event: the CXL denial, typed cxl" 0 \
		"deny reason=rule rule=1 .* dev=${DEV##*/} type=cxl " cat /tmp/ev3.txt
	every_node_judged "CXL loaded after the guard"
else
	bad "no CXL node within 120 s of loading the mock"
fi
# No program on fwctl.ko's functions (the second fwctl.ko by now), but the
# capable hook is the kernel's own: a scope raised to debug-write-full
# after the guard's read is refused all the same. Rounds of 2,000 tries
# (the device's log keeps 4,096) until a flip has landed, at most 25:
# about one try in 2,000 to 5,000 lands here, fewer than on the CXL and
# type-5 paths. The device's log says what reached it. A policy without
# the audit-all rule, so that the refusals stay among the last events
# `events` keeps.
echo "== a scope raised after the guard's read, fwctl.ko loaded after the guard"
cat >"$POL/late-race.policy" <<'P'
policy "late-race"
default allow
deny type mlx5 scope debug-write-full
P
expect "reload late-race" 0 "reloaded" fwctl-guard reload "$POL/late-race.policy"
race_raw 25 "$LOG/mlx5" 3 "$MLX5" debug-read-only debug-write-full \
	01000000000000000000000000000000
echo "RACE late fwctl.ko: rounds=$rounds eperm=$eperm reached_driver_at_3=$landed refused=$caught"
[ "$caught" -gt 0 ] && ok "flips landed after the guard's read: $caught, each refused by capable" ||
	bad "no flip landed between the reads in $rounds rounds: the test shows nothing"
[ "$landed" = 0 ] && ok "no request at scope 3 reached the device" ||
	bad "$landed requests at scope 3 reached the device"
new_events /tmp/ev-race.txt
expect "event: the capable hook's refusal on the late node" 0 \
	"deny reason=tamper rule=- .*hook=capable dev=${MLX5##*/} type=mlx5 .*changed=scope .*k_scope=3" \
	cat /tmp/ev-race.txt

expect "devices: the refresh lists the late nodes" 0 "type mlx5" fwctl-guard devices
expect "unload" 0 "unloaded" fwctl-guard unload

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
