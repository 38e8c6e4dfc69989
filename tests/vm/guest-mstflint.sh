#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's mstflint tools against fwctl_mock's fake mlx5 device, and the
# fake type-5 (nova-core-like) device, without the guard: what the tools
# send and what the fake devices answer. Run in the test VM with the
# sysroot of tests/vm/mstflint-tools.sh:
#   tests/vm/run --sysroot "$(tests/vm/mstflint-tools.sh sid | tail -n 1)" \
#	--with tests/vm/guest-lib.sh --with tests/vm/guest-mstflint.sh \
#	-- guest-mstflint.sh
# With sid's mstflint (4.33: every register access at scope 3) the queries
# and a configuration change complete; with trixie's (4.31: no scope field,
# so scope 0) the driver refuses every register read, as mainline's
# mlx5ctl_validate_rpc() does, and the tools stop at the first one.
# The last line counts: "N passed, N failed".

. "$(command -v guest-lib.sh)"
PATH=$PATH:/usr/bin

modprobe fwctl_mock
MLX5=$(mock_node mlx5) NOVA=$(mock_node nova)
LOG=/sys/kernel/debug/fwctl_mock
if [ -z "$MLX5" ] || [ -z "$NOVA" ]; then
	bad "fwctl_mock registered no mlx5 or nova node"
fi

echo "== the nova-core-like device (type 5)"
expect "type 5 in FWCTL_INFO" 0 "(5)" fwctl-rpc "/dev/fwctl/$NOVA" info
expect "query supported vGPU types at configuration" 0 "rpc ok" \
	fwctl-rpc --scope configuration "/dev/fwctl/$NOVA" raw 0200020000000000
expect "the same command at debug-read-only is refused" 1 "EPERM" \
	fwctl-rpc --scope debug-read-only "/dev/fwctl/$NOVA" raw 0200020000000000
expect "a command outside the vGPU set is refused" 1 "EPERM" \
	fwctl-rpc --scope configuration "/dev/fwctl/$NOVA" raw 2000020000000000
expect "a request shorter than the header is refused" 1 "EINVAL" \
	fwctl-rpc --scope configuration "/dev/fwctl/$NOVA" raw 02000200
expect "nova log: decoded, refusals with their errno" 0 \
	"scope=0 in_len=8 first=0200020000000000 command_id=0x00020002 ret=0" cat "$LOG/nova"
expect "nova log: four RPCs reached the driver" 0 "^4$" sh -c "wc -l <$LOG/nova"

echo "== mlx5: the driver's rules, before any tool"
expect "access_reg query at configuration refused like mainline" 1 "EBADMSG" \
	fwctl-rpc --scope configuration "/dev/fwctl/$MLX5" raw 08050000000000010000902000000000
expect "access_reg query at debug-read-only reaches the firmware" 0 "rpc ok" \
	fwctl-rpc --scope debug-read-only "/dev/fwctl/$MLX5" raw 08050000000000010000902000000000
expect "access_reg write at configuration passes the driver" 0 "rpc ok" \
	fwctl-rpc --scope configuration "/dev/fwctl/$MLX5" raw 08050000000000000000902800000000
expect "a write to a register the firmware lacks: an error in the reply, no errno" 0 "rpc ok" \
	fwctl-rpc --scope configuration "/dev/fwctl/$MLX5" raw 08050000000000000000907000000000
expect "an opcode the driver does not list is refused" 1 "EBADMSG" \
	fwctl-rpc --scope debug-write-full "/dev/fwctl/$MLX5" raw 0a000000000000000000000000000000
expect "set_diagnostic_params needs debug-write" 1 "EBADMSG" \
	fwctl-rpc --scope debug-read-only "/dev/fwctl/$MLX5" raw 08200000000000000000000000000000
expect "mlx5 log: refused query" 0 "scope=0 .* opcode=0x0805 op_mod=1 reg=0x9020 ret=-74" cat "$LOG/mlx5"
expect "mlx5 log: MGIR answered" 0 "scope=1 .* opcode=0x0805 op_mod=1 reg=0x9020 status=0x00 ret=0" \
	cat "$LOG/mlx5"
expect "mlx5 log: MFRL write answered" 0 \
	"scope=0 .* opcode=0x0805 op_mod=0 reg=0x9028 status=0x00 ret=0" cat "$LOG/mlx5"
expect "mlx5 log: the firmware's refusal is a status" 0 \
	"scope=0 .* opcode=0x0805 op_mod=0 reg=0x9070 status=0x03 ret=0" cat "$LOG/mlx5"
expect "mlx5 log: three refused by the driver (EBADMSG)" 0 "^3$" sh -c "grep -c 'ret=-74$' $LOG/mlx5"
echo x >"$LOG/mlx5"
echo x >"$LOG/mlx5_nv"

version=$(mstflint -v 2>&1)
echo "mstflint: $version"
case $version in
*" 4.31."*)
	echo "== mstflint 4.31 (no scope field: scope 0 for every RPC)"
	expect "mstreg: the device id read is refused" 1 "Failed to read device ID" \
		mstreg -d "$MLX5" --reg_name MGIR --get
	expect "mstflint query stops at the first read" 1 "Bad message" \
		mstflint -d "$MLX5" query
	expect "mstconfig query cannot identify the device" 3 "Failed to identify the device" \
		mstconfig -d "$MLX5" query
	expect "the tools sent register reads" 0 "reg=0x9020" cat "$LOG/mlx5"
	expect "every RPC was a register read at scope 0, refused" 0 "^0$" \
		sh -c "grep -v 'scope=0 .*opcode=0x0805 op_mod=1 reg=0x[0-9a-f]* ret=-74' $LOG/mlx5 | wc -l"
	;;
*)
	echo "== mstflint >= 4.32 (every register access at scope 3)"
	expect "mstreg: MGIR read" 0 "hw_dev_id *| 0x00000218" \
		mstreg -d "$MLX5" --reg_name MGIR --get
	expect "mstflint query: firmware version" 0 "FW Version: *28.43.1014" \
		mstflint -d "$MLX5" query
	expect "mstflint query: PSID" 0 "PSID: *FWCTL_MOCK_0001" mstflint -d "$MLX5" query
	expect "mstconfig query: a ConnectX-7" 0 "Device type: *ConnectX7" \
		mstconfig -d "$MLX5" query
	expect "mstconfig query: BOOT_VLAN defaults to 0" 0 "BOOT_VLAN  *0 *$" \
		mstconfig -d "$MLX5" query BOOT_VLAN
	expect "only register queries so far" 0 "^0$" \
		sh -c "grep -v 'scope=3 .*opcode=0x0805 op_mod=1 reg=0x[0-9a-f]* status=0x00 ret=0' $LOG/mlx5 | grep -v 'reg=0x9061 status=0x03' | wc -l"
	expect "mstconfig set BOOT_VLAN=5" 0 "Please reboot machine" \
		mstconfig -y -d "$MLX5" set BOOT_VLAN=5
	expect "the MNVDA write reached the firmware" 0 \
		"scope=3 in_len=32 .*opcode=0x0805 op_mod=0 reg=0x9024 status=0x00 ret=0" cat "$LOG/mlx5"
	expect "the MFRL write (arm a reset) reached the firmware" 0 \
		"scope=3 in_len=24 .*opcode=0x0805 op_mod=0 reg=0x9028 status=0x00 ret=0" cat "$LOG/mlx5"
	expect "the firmware stored the new value" 0 "len=4 data=00000005" cat "$LOG/mlx5_nv"
	expect "the firmware armed the reset" 0 "mfrl_reset_trigger=0x48" cat "$LOG/mlx5_nv"
	expect "mstconfig query shows it for the next boot" 0 "BOOT_VLAN  *5 *$" \
		mstconfig -d "$MLX5" query BOOT_VLAN
	expect "mstconfig reset" 0 "Please reboot machine" mstconfig -y -d "$MLX5" reset
	expect "the MNVIA write (everything to defaults) reached the firmware" 0 \
		"scope=3 in_len=24 .*opcode=0x0805 op_mod=0 reg=0x9033 status=0x00 ret=0" cat "$LOG/mlx5"
	expect "mstconfig query: back to the default" 0 "BOOT_VLAN  *0 *$" \
		mstconfig -d "$MLX5" query BOOT_VLAN
	expect "mstfwctrl: FWCTL_INFO type mlx5, but the parent is no mlx5_core device" 255 \
		"Problem parsing sysfs" mstfwctrl "$MLX5"
	;;
esac
echo "-- every RPC the tools sent (count, scope, in_len, op_mod, register, firmware status, errno):"
sed -n 's/^scope=\([0-9]*\) in_len=\([0-9]*\) first=[0-9a-f]* opcode=0x0805 /scope=\1 in_len=\2 /p' "$LOG/mlx5" |
	sort | uniq -c
echo x >"$LOG/mlx5"

echo "== the guard and the type-5 device"
N=${NOVA:+/dev/fwctl/$NOVA}
Q5=0200020000000000
echo x >"$LOG/nova"
cat >"$POL/type5.policy" <<'P'
policy "type5"
default allow
default unknown-device deny
allow type 5 scope configuration
P
cat >"$POL/type5-deny.policy" <<'P'
policy "type5-deny"
default allow
default unknown-device allow
deny type 5
P
expect "load type5 (unknown devices denied, type 5 allowed at configuration)" 0 \
	"loaded policy 'type5'" fwctl-guard load "$POL/type5.policy"
expect "type 5 at configuration: allowed by 'type 5', answered" 0 "rpc ok" \
	fwctl-rpc --scope configuration "$N" raw $Q5
expect "type 5 at debug-read-only: no rule, the unknown-device decision" 1 "EPERM" \
	fwctl-rpc --scope debug-read-only "$N" raw $Q5
new_events /tmp/t5.txt
expect "event: the allowed RPC never audited, the denial decoded as unknown-type" 0 \
	"deny reason=unknown-device rule=- .* dev=$NOVA .*decode=unknown-type" cat /tmp/t5.txt
refute "no rule for the type-5 RPC decoded it as a known type" "dev=$NOVA .*decode=ok" cat /tmp/t5.txt
expect "reload type5-deny (unknown devices allowed, 'deny type 5')" 0 "reloaded" \
	fwctl-guard reload "$POL/type5-deny.policy"
expect "type 5 at configuration: denied by 'deny type 5'" 1 "EPERM" \
	fwctl-rpc --scope configuration "$N" raw $Q5
new_events /tmp/t5b.txt
expect "event: the rule, decode=unknown-type" 0 \
	"deny reason=rule rule=0 .* dev=$NOVA .*decode=unknown-type" cat /tmp/t5b.txt
expect "nova log: only the allowed RPC reached the driver" 0 "^1$" sh -c "wc -l <$LOG/nova"
expect "unload type5-deny" 0 "unloaded" fwctl-guard unload

# The type-5 driver has no fentry of its own on its fw_rpc (no per-driver
# entry, as a Rust driver's generic callback): what covers it after the
# kernel's copy is the header comparison on fwctl_cmd_rpc and the capable
# refusal of a scope raised to DEBUG_WRITE_FULL (docs/security.md). A second
# thread flips the scope between the guard's read and the kernel's; the
# driver's log says what reached it. Rounds until a flip has landed, at
# most 10 (race_raw, guest-lib.sh).
# race_nova SCOPE_B N: configuration <-> SCOPE_B (number N) on the node.
race_nova() {
	race_raw 10 "$LOG/nova" "$2" "$N" configuration "$1" $Q5
	echo "RACE nova $1: rounds=$rounds tries=$tries eperm=$eperm reached_driver=$landed tampered=$caught"
}
echo "== races on the type-5 device: the checks without a per-driver entry"
expect "load type5 again" 0 "loaded policy 'type5'" fwctl-guard load "$POL/type5.policy"
expect "status: the header check on fwctl_cmd_rpc is attached" 0 \
	"hook fentry fwctl_cmd_rpc: attached" fwctl-guard status
expect "status: the capable hook is attached" 0 "hook capable: attached" fwctl-guard status
new_events /tmp/r5-0.txt
before=$(counter tampered)
fwctl-race "$N" raw 2000 configuration configuration $Q5 >/tmp/race-nova.txt 2>&1
cat /tmp/race-nova.txt
expect "control (the scope written over itself): every try answered" 0 \
	"ok=2000 eperm=0 mbox=0 other=0" cat /tmp/race-nova.txt
expect "control: no tamper reported" 0 "^$before$" counter tampered

echo "-- scope flipped configuration <-> debug-read-only: detected, not refused"
race_nova debug-read-only 1
[ "$landed" -gt 0 ] && ok "flips reached the type-5 driver after the guard's read: $landed" ||
	bad "no flip landed after the guard's read in $tries tries: the test shows nothing"
[ "$caught" = "$landed" ] &&
	ok "every flip that reached the driver was reported by the header check ($caught of $landed)" ||
	bad "reported $caught tamper events, the driver saw $landed requests at scope 1"
new_events /tmp/r5-1.txt
expect "the header check's event names the type-5 node and the kernel's scope" 0 \
	"audit reason=tamper rule=- .*hook=fwctl-cmd-rpc dev=$NOVA .*event=tamper changed=scope killed=no k_scope=1" \
	cat /tmp/r5-1.txt

echo "-- scope flipped configuration <-> debug-write-full: refused by the capable hook"
race_nova debug-write-full 3
[ "$caught" -gt 0 ] && ok "flips landed after the guard's read: $caught, each refused" ||
	bad "no flip landed between the reads in $tries tries: the test shows nothing"
[ "$landed" = 0 ] && ok "no request at scope 3 reached the type-5 driver" ||
	bad "$landed requests at scope 3 reached the type-5 driver"
[ "$eperm" -ge "$caught" ] && ok "every refused flip failed the RPC (eperm $eperm >= $caught)" ||
	bad "refused flips $caught but only $eperm EPERM"
new_events /tmp/r5-3.txt
expect "the capable hook's event names the type-5 node" 0 \
	"deny reason=tamper rule=- .*hook=capable dev=$NOVA .*event=tamper changed=scope killed=no k_scope=3" \
	cat /tmp/r5-3.txt
expect "unload type5" 0 "unloaded" fwctl-guard unload

case $version in
*" 4.31."*) ;;
*)
	echo "== the guard: every RPC mstflint sends is decoded (audit-all)"
	echo x >"$LOG/mlx5"
	echo x >"$LOG/mlx5_nv"
	expect "load audit-all" 0 "loaded policy 'audit-all'" \
		fwctl-guard load /etc/fwctl-guard/audit-all.policy
	new_events /tmp/m0.txt
	expect "mstreg MGIR read" 0 "hw_dev_id *| 0x00000218" mstreg -d "$MLX5" --reg_name MGIR --get
	expect "mstflint query" 0 "FW Version: *28.43.1014" mstflint -d "$MLX5" query
	expect "mstconfig query BOOT_VLAN" 0 "BOOT_VLAN  *0 *$" mstconfig -d "$MLX5" query BOOT_VLAN
	expect "mstconfig set BOOT_VLAN=7 (audited, allowed)" 0 "Please reboot machine" \
		mstconfig -y -d "$MLX5" set BOOT_VLAN=7
	new_events /tmp/m1.txt
	rpcs=$(wc -l <"$LOG/mlx5")
	echo "the tools sent $rpcs RPCs"
	expect "an event for every RPC that reached the device" 0 "^$rpcs$" \
		sh -c "grep -c 'dev=$MLX5 ' /tmp/m1.txt"
	expect "every one decoded: access_reg with a register and a direction" 0 "^$rpcs$" \
		sh -c "grep 'dev=$MLX5 ' /tmp/m1.txt | grep -c 'decode=ok cmd=access_reg .*register_id=0x[0-9a-f]* access=\(read\|write\)'"
	refute "no decode=unknown" "decode=unknown" cat /tmp/m1.txt
	expect "MGIR read named" 0 "register=mgir register_id=0x9020 access=read" cat /tmp/m1.txt
	expect "MNVDA write named, with its effects" 0 \
		"register=mnvda register_id=0x9024 access=write .*effects=config-change-after-reset" \
		cat /tmp/m1.txt
	expect "MFRL write named, a reset" 0 "register=mfrl register_id=0x9028 access=write .*effects=reset" \
		cat /tmp/m1.txt
	expect "unload audit-all" 0 "unloaded" fwctl-guard unload
	echo "-- registers in the events (count, register, direction):"
	sed -n 's/.* register=\([a-z0-9]*\) register_id=\(0x[0-9a-f]*\) access=\([a-z]*\) .*/\1 \2 \3/p' \
		/tmp/m1.txt | sort | uniq -c

	echo "== deny-destructive: register queries pass, NV configuration writes and wipes are denied"
	echo x >"$LOG/mlx5"
	echo x >"$LOG/mlx5_nv"
	expect "load deny-destructive" 0 "loaded policy 'deny-destructive'" \
		fwctl-guard load /etc/fwctl-guard/deny-destructive.policy
	expect "mstreg MGIR read: allowed" 0 "hw_dev_id *| 0x00000218" \
		mstreg -d "$MLX5" --reg_name MGIR --get
	expect "mstflint query: allowed" 0 "PSID: *FWCTL_MOCK_0001" mstflint -d "$MLX5" query
	expect "mstconfig query BOOT_VLAN (MNVDA reads): allowed" 0 "BOOT_VLAN  *0 *$" \
		mstconfig -d "$MLX5" query BOOT_VLAN
	expect "mstconfig set BOOT_VLAN=5: refused" 3 "Failed to set" \
		mstconfig -y -d "$MLX5" set BOOT_VLAN=5
	new_events /tmp/m2.txt
	expect "event: the MNVDA write denied by deny-destructive's register rule" 0 \
		"deny reason=rule rule=3 .* dev=$MLX5 .*register=mnvda register_id=0x9024 access=write" \
		cat /tmp/m2.txt
	refute "the MNVDA write never reached the firmware" "op_mod=0 reg=0x9024" cat "$LOG/mlx5"
	expect "the firmware still has the default" 0 "BOOT_VLAN  *0 *$" \
		mstconfig -d "$MLX5" query BOOT_VLAN
	expect "mstconfig reset: refused" 3 "Failed to invalidate configurations" \
		mstconfig -y -d "$MLX5" reset
	new_events /tmp/m3.txt
	expect "event: the MNVIA write (everything to defaults) denied" 0 \
		"deny reason=rule .* dev=$MLX5 .*register=mnvia register_id=0x9033 access=write" cat /tmp/m3.txt
	refute "... and never reached the firmware" "op_mod=0 reg=0x9033" cat "$LOG/mlx5"
	refute "no register read denied" "deny .*access=read" cat /tmp/m2.txt /tmp/m3.txt
	expect "unload deny-destructive" 0 "unloaded" fwctl-guard unload

	echo "== by effects alone (deny-destructive without its register rule): MNVDA passes, the reset it arms does not"
	echo x >"$LOG/mlx5"
	echo x >"$LOG/mlx5_nv"
	{ sed 's/^policy "deny-destructive"/policy "by-effects"/' \
		/etc/fwctl-guard/deny-destructive.policy | grep -v '^deny register'; } \
		>"$POL/by-effects.policy"
	expect "load deny-destructive without 'deny register'" 0 \
		"loaded policy 'by-effects'" fwctl-guard load "$POL/by-effects.policy"
	# The NV configuration write is config-change-after-reset (the effects
	# table), which the effect rules do not list; the reset mstconfig arms
	# after it (MFRL) is a reset, which they do. mstconfig reports success
	# all the same: the value waits for the next power cycle.
	expect "mstconfig set BOOT_VLAN=5: the MNVDA write passes" 0 "Applying... Done" \
		mstconfig -y -d "$MLX5" set BOOT_VLAN=5
	new_events /tmp/m4.txt
	expect "event: the MFRL write (arm a reset) denied" 0 \
		"deny reason=rule .* dev=$MLX5 .*register=mfrl register_id=0x9028 access=write effects=reset" \
		cat /tmp/m4.txt
	refute "... and never reached the firmware" "op_mod=0 reg=0x9028" cat "$LOG/mlx5"
	expect "the firmware stored the value for the next boot" 0 "len=4 data=00000005" cat "$LOG/mlx5_nv"
	refute "no register read denied" "deny .*access=read" cat /tmp/m4.txt
	expect "unload by-effects" 0 "unloaded" fwctl-guard unload
	;;
esac
echo x >"$LOG/mlx5"
rmmod fwctl_mock
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
