#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Hardening tests (docs/security.md), in a VM boot of their own
# (tests/vm/run-tests.sh): the scope race shows that the kernel never ran a
# DEBUG_WRITE_FULL RPC by the taint flag fwctl sets the first time one
# passes its capability check (TAINT_FWCTL, bit 19), which only a kernel
# that no earlier test tainted can show; and a sealed guard stays until
# reboot, so sealing comes last. The seal's checks try what root would
# (fwctl-attack, umount, unshare, mount --move): each must be refused,
# reported, and leave the guard sealed and enforcing; on a kernel where
# one went through, the mounts and the guard are put back for the next.

. "$(command -v guest-lib.sh)"
. "$(command -v guest-auditd.sh)"

PIN=/sys/fs/bpf/fwctl-guard
A=ffffffff-ffff-ffff-ffff-ffffffffffff	# the mock's test feature
B=00000000-0000-0000-0000-000000000001	# a feature it does not have
TRIES=${FG_RACE_TRIES:-10000}

# link and program ids of a hook, from status
link_id() { fwctl-guard status | sed -n "s/^hook $1: attached (link \([0-9]*\),.*/\1/p"; }
prog_id() { fwctl-guard status | sed -n "s/^hook $1: attached (link [0-9]*, prog \([0-9]*\)).*/\1/p"; }

cat >"$POL/race.policy" <<P
policy "race"
default allow
deny scope debug-write-full
allow cmd get_feature feature $A
deny cmd get_feature
P
{ echo 'tamper kill'; sed 's/^policy "race"/policy "race-kill"/' "$POL/race.policy"; } \
	>"$POL/race-kill.policy"

echo "== hardening: the hooks after the kernel's copy are attached"
expect "no earlier RPC tainted this kernel" 0 "^0$" taint_fwctl
expect "load the race policy" 0 "loaded policy 'race'" fwctl-guard load "$POL/race.policy"
# Under lockdown=confidentiality the 32-bit hook is loaded without its
# reads: the guard says so, and a 32-bit RPC is denied unread (EPERM and an
# event) where other boots get the kernel's ENOTTY for a permitted one.
if grep -q '\[confidentiality\]' /sys/kernel/security/lockdown 2>/dev/null; then
	expect "confidentiality: status names the 32-bit hook loaded without its reads" 0 \
		"warning: 32-bit FWCTL_RPC denied unread: lockdown=confidentiality" fwctl-guard status
	expect "confidentiality: a 32-bit RPC the policy allows is denied unread" 1 "EPERM" \
		fwctl-rpc32 --scope configuration "$DEV" features
	new_events /tmp/ev-conf.txt
	expect "... as unreadable, from the compat hook" 0 \
		"deny reason=unreadable .*hook=ioctl-compat .*decode=unreadable" cat /tmp/ev-conf.txt
	expect "... and a 64-bit one is judged as before" 0 "entries=" \
		fwctl-rpc --scope configuration "$DEV" features
else
	refute "no lockdown=confidentiality: no 32-bit warning" "denied unread" fwctl-guard status
fi
# Every check below needs a loaded guard: without one they would fail one
# by one, each after its own timeout (a quarter of an hour in all).
if ! fwctl-guard status >/dev/null 2>&1; then
	bad "no guard loaded: the hardening checks cannot run (see the load above)"
	echo "$pass passed, $fail failed"
	exit 1
fi
for h in capable "fentry fwctl_cmd_rpc" "fexit fwctl_fops_ioctl" "fentry cxlctl_fw_rpc" \
	uring_cmd bpf_map bpf_prog bpf inode_unlink inode_rename inode_rmdir sb_umount sb_mount \
	move_mount sb_pivotroot ptrace_access_check file_receive bprm_check_security \
	"fentry bpf_kill_super"; do
	expect "status: hook $h attached" 0 "hook $h: attached" fwctl-guard status
done
expect "status: drivers this kernel lacks are named" 0 \
	"hook fentry mlx5ctl_fw_rpc: not attached (the kernel had no mlx5ctl_fw_rpc at load)" \
	fwctl-guard status
expect "status: not sealed" 0 "guard: not sealed" fwctl-guard status
expect "scope 1 RPC allowed" 0 "entries=1" fwctl-rpc --scope debug-read-only "$DEV" features
expect "scope 3 RPC denied by the policy" 1 "EPERM" \
	fwctl-rpc --scope debug-write-full "$DEV" features
expect "no tamper without a race" 0 "^0$" counter tampered

echo "== race: scope flipped 1 <-> 3 between the guard's read and the kernel's ($TRIES tries)"
# Whether a flip lands between the two reads depends on scheduling: rounds
# of TRIES until one has (what the test waits for), at most 10.
: >/tmp/race-scope.txt
rounds=0 ok_n=0 eperm_n=0 caught=0
while [ "$rounds" -lt 10 ] && [ "${caught:-0}" -eq 0 ]; do
	fwctl-race "$DEV" scope "$TRIES" >/tmp/race-round.txt 2>&1
	cat /tmp/race-round.txt >>/tmp/race-scope.txt
	grep -q "tries=$TRIES " /tmp/race-round.txt || break
	ok_n=$((ok_n + $(field ok </tmp/race-round.txt)))
	eperm_n=$((eperm_n + $(field eperm </tmp/race-round.txt)))
	caught=$(counter tampered)
	rounds=$((rounds + 1))
done
cat /tmp/race-scope.txt
echo "RACE scope: rounds=$rounds tries=$((rounds * TRIES)) ok=$ok_n eperm=$eperm_n caught_by_capable=$caught"
expect "the race ran every try" 0 "tries=$TRIES " cat /tmp/race-scope.txt
[ "${caught:-0}" -gt 0 ] && ok "flips landed after the guard's read: $caught, each refused" ||
	bad "no flip landed between the reads in $rounds x $TRIES tries: the test shows nothing"
[ "${eperm_n:-0}" -ge "${caught:-0}" ] && ok "every refused flip failed the RPC (eperm $eperm_n >= $caught)" ||
	bad "refused flips $caught but only $eperm_n EPERM"
expect "no DEBUG_WRITE_FULL RPC passed the kernel's check (not tainted)" 0 "^0$" taint_fwctl
new_events /tmp/ev-scope.txt
expect "scope flips are tamper events from the capable hook" 0 \
	"deny reason=tamper rule=- gen=1 permissive=0 hook=capable dev=$NAME type=cxl scope=debug-read-only .*event=tamper changed=scope killed=no k_scope=3" \
	cat /tmp/ev-scope.txt

echo "== race: feature UUID flipped A <-> B in the in buffer ($TRIES tries)"
before=$(counter tampered)
fwctl-race "$DEV" none "$TRIES" "$A" "$B" >/tmp/race-none.txt 2>&1
cat /tmp/race-none.txt
expect "control (same writes, no change): every try succeeds" 0 "ok=$TRIES eperm=0 mbox=0 other=0" \
	cat /tmp/race-none.txt
expect "control: no tamper reported" 0 "^$before$" counter tampered
fwctl-race "$DEV" payload "$TRIES" "$A" "$B" >/tmp/race-payload.txt 2>&1
cat /tmp/race-payload.txt
mbox_n=$(field mbox </tmp/race-payload.txt)
seen=$(($(counter tampered) - before))
echo "RACE payload: tries=$TRIES $(sed 's/^race: mode=payload tries=[0-9]* //' /tmp/race-payload.txt) detected=$seen"
[ "${mbox_n:-0}" -gt 0 ] && ok "flips reached the driver after the guard's read: $mbox_n" ||
	bad "no payload flip reached the driver in $TRIES tries: the test shows nothing"
[ "$seen" = "${mbox_n:-x}" ] && ok "every flip that reached the driver was reported ($seen of $mbox_n)" ||
	bad "reported $seen tamper events, the driver saw $mbox_n changed requests"
new_events /tmp/ev-payload.txt
expect "payload flips are tamper events from the driver's fw_rpc" 0 \
	"audit reason=tamper rule=- gen=1 permissive=0 hook=driver-fw-rpc dev=$NAME type=cxl scope=debug-read-only .*feature=vendor_test.*event=tamper changed=payload killed=no k_scope=1 k_in_len=37 k_out_len=[0-9]* k_offset=[0-9]*" \
	cat /tmp/ev-payload.txt

echo "== race with 'tamper kill': the caller is killed"
expect "reload with tamper kill" 0 "generation 2" fwctl-guard reload "$POL/race-kill.policy"
fwctl-race "$DEV" payload "$TRIES" "$A" "$B" >/tmp/race-kill.txt 2>&1
rc=$?
echo "race exit $rc"
[ "$rc" = 137 ] && ok "the racing caller died of SIGKILL" || bad "racer exit $rc, want 137"
new_events /tmp/ev-kill.txt
expect "the kill is in the event" 0 "hook=driver-fw-rpc .*event=tamper changed=payload killed=yes" \
	cat /tmp/ev-kill.txt
expect "still not tainted" 0 "^0$" taint_fwctl

echo "== io_uring"
expect "io_uring works in this kernel (NOP)" 0 "res=0" fwctl-uring "$DEV" nop
expect "URING_CMD on a fwctl fd is refused" 1 "res=-95 (EOPNOTSUPP)" fwctl-uring "$DEV" cmd

echo "== changes to the guard outside sealed mode: allowed, each reported"
expect "map update via bpftool works" 0 "" \
	bpftool map update pinned "$PIN/map_loader" key hex 00 00 00 00 value hex 00 00 00 00
expect "program fd via bpftool works" 0 "name fg_file_ioctl" bpftool prog show id "$(prog_id file_ioctl)"
expect "link detach: the kernel cannot detach a tracing link" 1 "Operation not supported" \
	bpftool link detach id "$(link_id uring_cmd)"
expect "rm of a pin works" 0 "" rm "$PIN/link_uring_cmd"
expect "the unpinned hook is gone" 0 "hook uring_cmd: NOT attached" fwctl-guard status
expect "a read-only map fd works" 1 "map-fd fg_seal: done" fwctl-attack map-fd "$PIN/map_seal"
mkdir -p /mnt/s
expect "mount --move of the mount above the pins works" 0 "" mount -o move /sys /mnt/s
expect "... and back" 0 "" mount -o move /mnt/s /sys
new_events /tmp/ev-open.txt
for op in "map-write obj_id=0 ino=0 name=\"fg_loader\"" "prog-fd" "link-fd" "unlink-pin" \
	"map-fd obj_id=0 ino=0 name=\"fg_seal\"" "move-mount obj_id=0 ino=0 name=\"/sys\"" \
	"move-mount obj_id=0 ino=0 name=\"/mnt/s\""; do
	expect "reported: $op" 0 "audit reason=guard-change .*event=guard guard_op=$op" \
		cat /tmp/ev-open.txt
done
expect "still enforcing after them" 1 "EPERM" fwctl-rpc --scope debug-write-full "$DEV" features
expect "unload works" 0 "unloaded" fwctl-guard unload

# Mounts the tests below may take away on a kernel without the fix (and
# then put back, so that each test starts from the same guard).
mounted() { grep -q " $1 $2 " /proc/self/mounts; }
restore_mounts() {
	mkdir -p /sys
	mounted /sys sysfs || mount -t sysfs sysfs /sys
	mounted /sys/fs/bpf bpf || mount -t bpf bpf /sys/fs/bpf
	mounted /sys/kernel/security securityfs || mount -t securityfs securityfs /sys/kernel/security
	mounted /sys/kernel/debug debugfs || mount -t debugfs debugfs /sys/kernel/debug
}

echo "== outside sealed mode, an unmount above the pins is reported, and so is their end"
expect "load the race policy" 0 "loaded policy 'race'" fwctl-guard load "$POL/race.policy"
fwctl-guard run --text /tmp/gone.txt --lock /tmp/gone.lock 2>/tmp/gone.err &
GONE_DAEMON=$!
wait_line /tmp/gone.err "consuming events"
expect "umount -l /sys works" 0 "" umount -l /sys
wait_line /tmp/gone.txt "guard_op=pins-destroyed"
expect "reported: the unmount" 0 \
	"audit reason=guard-change .*hook=sb-umount .*guard_op=umount-bpffs .*name=\"sysfs\"" \
	cat /tmp/gone.txt
expect "reported: the pins' bpffs destroyed" 0 \
	"audit reason=guard-change .*hook=bpffs-kill .*guard_op=pins-destroyed" cat /tmp/gone.txt
kill "$GONE_DAEMON"
wait "$GONE_DAEMON"
restore_mounts
expect "the guard went with them" 3 "" fwctl-guard status

echo "== sealed: nothing changes until reboot"
cat >"$POL/sealed.policy" <<'P'
policy "sealed"
seal
default allow
deny scope >= debug-write
deny type mlx5 cmd set_hca_cap
P
grep -v '^seal$' "$POL/sealed.policy" >"$POL/presealed.policy"
expect "load unsealed" 0 "loaded policy 'sealed'" fwctl-guard load "$POL/presealed.policy"
# fds taken before the seal (reported then) keep their mode: the seal and
# the config must still not change through them.
mkfifo /tmp/hold.in
fwctl-attack hold "$PIN/map_seal" "$PIN/map_config" </tmp/hold.in >/tmp/hold.out 2>&1 &
HOLD=$!
exec 7>/tmp/hold.in
wait_line /tmp/hold.out "^ready"
expect "sealed by a reload" 0 "reloaded: policy 'sealed'" fwctl-guard reload "$POL/sealed.policy"
expect "status says sealed" 0 "guard: SEALED until reboot" fwctl-guard status
start_auditd || bad "auditd did not start"
fwctl-guard run --audit >/tmp/daemon.log 2>&1 &
DAEMON=$!
wait_line /tmp/daemon.log "consuming events"
expect "the event daemon runs on a sealed guard" 0 "daemon: pid $DAEMON running" fwctl-guard status

# Still sealed and enforcing after what a check tried; on a kernel where
# the try went through, the mounts and a sealed guard are put back.
intact() {
	expect "$1: still sealed" 0 "guard: SEALED until reboot" fwctl-guard status
	refute "$1: no hook lost" "NOT attached" fwctl-guard status
	expect "$1: still enforcing" 1 "EPERM" fwctl-rpc --scope debug-write "$DEV" set test 0x66666666
	if ! fwctl-guard status 2>/dev/null | grep -q 'SEALED'; then
		restore_mounts
		fwctl-guard unload >/dev/null 2>&1
		fwctl-guard load "$POL/sealed.policy" >/dev/null 2>&1
	fi
}

expect "unload fails" 1 "" fwctl-guard unload
expect "rm of a pin fails" 1 "Operation not permitted" rm "$PIN/link_file_ioctl"
expect "mv of a pin fails" 1 "" mv "$PIN/map_config" /sys/fs/bpf/stolen
expect "umount of the bpffs fails" 1 "" umount /sys/fs/bpf
expect "map update via bpftool fails" 255 "Operation not permitted" \
	bpftool map update pinned "$PIN/map_config" key hex 00 00 00 00 value hex 00 00 00 00 00 00 00 00
expect "program fd via bpftool fails" 255 "Operation not permitted" bpftool prog show id "$(prog_id file_ioctl)"
expect "link detach via bpftool fails" 1 "Operation not permitted" bpftool link detach id "$(link_id file_ioctl)"
expect "reload fails" 1 "sealed" fwctl-guard reload "$POL/race.policy"
expect "every hook still attached" 0 "hook file_ioctl: attached" fwctl-guard status
refute "no hook lost" "NOT attached" fwctl-guard status
expect "still enforcing: debug-write denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x66666666
expect "still enforcing: reads allowed" 0 "entries=1" fwctl-rpc "$DEV" features

echo "== sealed: the maps, with any fd"
expect "a read-only map fd is refused" 0 "map-fd $PIN/map_seal: refused (Operation not permitted)" \
	fwctl-attack map-fd "$PIN/map_seal"
expect "a program rewriting the config through a read-only fd: no fd" 0 \
	"map-fd $PIN/map_config: refused (Operation not permitted)" \
	fwctl-attack prog-write "$PIN/map_config" 0
intact "program rewrite"
expect "the daemon's fds cannot be taken (pidfd_getfd)" 0 \
	"pidfd_getfd fd [0-9]*: refused (Operation not permitted)" fwctl-attack steal "$DAEMON"
echo go >&7
exec 7>&-
wait "$HOLD"
cat /tmp/hold.out
for m in fg_seal fg_config; do
	expect "fd from before the seal, $m: no program writes it" 0 \
		"prog-write $m: refused (Permission denied)" cat /tmp/hold.out
	expect "fd from before the seal, $m: no map iterator writes it" 0 \
		"iter-write $m: refused (Operation not permitted)" cat /tmp/hold.out
	expect "fd from before the seal, $m: no batch update (frozen by the seal)" 0 \
		"batch-update $m: refused (Operation not permitted)" cat /tmp/hold.out
	expect "fd from before the seal, $m: no update (frozen by the seal)" 0 \
		"update $m: refused (Operation not permitted)" cat /tmp/hold.out
	expect "fd from before the seal, $m: not handed over SCM_RIGHTS" 0 \
		"scm-rights $m: refused" cat /tmp/hold.out
done
intact "fds from before the seal"

echo "== sealed: unmounts, detaches and moves above the pins"
expect "umount -l /sys is refused" 1 "Operation not permitted" umount -l /sys
intact "umount -l /sys"
expect "umount -l /sys/fs/bpf is refused" 1 "Operation not permitted" umount -l /sys/fs/bpf
intact "umount -l /sys/fs/bpf"
expect "private namespace: its own umount -l /sys works (a container's)" 0 "^umounted$" \
	unshare -m --propagation private sh -c 'umount -l /sys && echo umounted'
intact "private umount"
expect "slave namespace: its own umount -l /sys works" 0 "^umounted$" \
	unshare -m --propagation slave sh -c 'umount -l /sys && echo umounted'
intact "slave umount"
expect "private namespace: rmdir of /sys there detaches it here: refused" 0 "rmdir=1" \
	unshare -m --propagation private sh -c 'umount -l /sys; rmdir /sys; echo rmdir=$?'
intact "rmdir over the mountpoint"
expect "private namespace: rename over /sys there detaches it here: refused" 0 "mv=1" \
	unshare -m --propagation private sh -c \
	'umount -l /sys; mkdir /x; mv -T /x /sys; echo mv=$?; rmdir /x'
intact "rename over the mountpoint"
expect "mount --move of /sys is refused" 1 "" mount -o move /sys /mnt/s
mounted /mnt/s sysfs && mount -o move /mnt/s /sys
intact "mount --move"
mkdir -p /mnt/t
mount -t tmpfs t /mnt/t
expect "move_mount beneath /sys is refused" 0 \
	"move-beneath /sys: refused (Operation not permitted)" fwctl-attack move-beneath /mnt/t /sys
intact "move_mount beneath"
umount /mnt/t 2>/dev/null
expect "a namespace's own shared mounts, without peers here: its umount -l /sys works" 0 \
	"umount=0" unshare -m --propagation private sh -c \
	'mount --make-rshared / && umount -l /sys; echo umount=$?'
intact "umount below lone shared mounts"
mount --make-rshared /
expect "the initial namespace's mounts are shared now" 0 "shared:" \
	grep " / / " /proc/self/mountinfo
expect "shared peer namespace: umount -l /sys would propagate here: refused" 0 "umount=1" \
	unshare -m --propagation shared sh -c 'umount -l /sys; echo umount=$?'
mount --make-rprivate /
intact "peer umount"
# Last: where these go through, the whole tree goes (the share too).
mkdir -p /mnt/r
mount -t tmpfs r /mnt/r
mkdir -p /mnt/r/old
expect "pivot_root in the initial namespace is refused" 1 "Operation not permitted" \
	sh -c 'cd /mnt/r && pivot_root . old'
intact "pivot_root"
umount /mnt/r 2>/dev/null
expect "umount -l / is refused" 1 "Operation not permitted" umount -l /
intact "umount -l /"
new_events /tmp/ev-sealed.txt
mkdir -p /mnt/b
expect "another bpffs instance mounts and unmounts freely" 0 "^ok$" \
	sh -c 'mount -t bpf bpf /mnt/b && umount /mnt/b && echo ok'
new_events /tmp/ev-instance.txt
refute "... and is no change to the guard" "event=guard" cat /tmp/ev-instance.txt
for op in unlink-pin rename-pin umount-bpffs "map-write obj_id=0 ino=0 name=\"fg_config\"" prog-fd \
	link-fd "map-fd obj_id=0 ino=0 name=\"fg_seal\"" "map-fd obj_id=0 ino=0 name=\"fg_config\"" \
	"map-iter obj_id=0 ino=0 name=\"bpf_map_elem\"" "map-fd-pass obj_id=0 ino=0 name=\"fg_seal\"" \
	"ptrace-loader obj_id=$DAEMON" "detach-mountpoint obj_id=0 ino=[0-9]* name=\"sys\"" \
	"move-mount obj_id=0 ino=0 name=\"/sys\"" "move-mount obj_id=[0-9]* ino=0 name=\"tmpfs\"" \
	"move-mount obj_id=0 ino=0 name=\"tmpfs\""; do
	expect "refused and reported: $op" 0 "deny reason=sealed .*event=guard guard_op=$op" \
		cat /tmp/ev-sealed.txt
done
for name in sysfs bpf rootfs; do
	expect "refused and reported: umount of $name" 0 \
		"deny reason=sealed .*hook=sb-umount .*guard_op=umount-bpffs .*name=\"$name\"" \
		cat /tmp/ev-sealed.txt
done
refute "no pins destroyed" "pins-destroyed" cat /tmp/ev-sealed.txt
expect "refusals counted" 0 "guard-refused=[1-9]" fwctl-guard status
audit_wait USER_AVC "avc:  denied  { guard_change }" >/tmp/audit-sealed.txt &&
	ok "auditd has the refused changes" || bad "no guard_change record in auditd's log"
expect "the audit record names the operation" 0 "guard_op=unlink-pin" cat /tmp/audit-sealed.txt
expect "aureport --avc: the refused change, object the guard" 0 \
	" fwctl_guard guard_change fwctl-guard denied [0-9]*\$" aureport --avc
# A sealed guard keeps each process's exe what it was exec'd from.
expect "sealed: an exe relabel (PR_SET_MM_EXE_FILE) is refused" 1 "relabel: EPERM" \
	fwctl-ident relabel /bin/busybox
new_events /tmp/ev-sealed-relabel.txt
expect "... and reported" 0 \
	"deny reason=sealed .*hook=task-prctl .*event=guard guard_op=exe-relabel obj_id=13 " \
	cat /tmp/ev-sealed-relabel.txt

# A minor freed by one device and taken by another of another type: the
# guard reads the type from the open file, so the new device is judged as
# what it is, sealed (no registry refresh possible) and without a reload.
echo "== sealed: a minor reused by a device of another type"
last= last_minor=-1
for n in /sys/class/fwctl/fwctl*; do
	m=${n##*/fwctl}
	case $(readlink -f "$n/device") in
	*/cxl_mem.*) [ "$m" -gt "$last_minor" ] && last=$n last_minor=$m ;;
	esac
done
plat=$(dirname "$(readlink -f "$last/device")")
expect "unbind the CXL device holding fwctl$last_minor (${plat##*/})" 0 "" \
	sh -c "echo ${plat##*/} >$plat/driver/unbind"
expect "... its node is gone" 1 "" test -e "/dev/fwctl/fwctl$last_minor"
modprobe fwctl_mock
reused=
for n in /sys/class/fwctl/*; do
	case $(readlink -f "$n/device") in
	*/fwctl_mock_mlx5) reused=${n##*/} ;;
	esac
done
expect "the fake mlx5 device took the freed minor" 0 "^fwctl$last_minor\$" echo "$reused"
expect "mlx5 set_hca_cap on the reused minor denied by the mlx5 rule" 1 "EPERM" \
	fwctl-rpc "/dev/fwctl/$reused" raw 01090000000000000000000000000000
new_events /tmp/ev-reuse.txt
expect "... the event names the device as mlx5" 0 \
	"deny reason=rule rule=1 .*dev=$reused type=mlx5 .*cmd=set_hca_cap" cat /tmp/ev-reuse.txt
expect "... an mlx5 query passes" 0 "rpc ok" \
	fwctl-rpc "/dev/fwctl/$reused" raw 01000000000000000000000000000000
rmmod fwctl_mock

kill "$DAEMON"
wait "$DAEMON"
stop_auditd

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
