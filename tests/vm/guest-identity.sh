#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Caller identity on the real hook (docs/security.md, section 4): an exe
# rule counts only for a process nothing else could steer. Sourced by
# guest-tests.sh after guest-lib.sh ($DEV, $NAME, $POL, expect, new_events);
# leaves no guard loaded.
#
# The allowed tool is /root/id-tool (a copy of fwctl-ident), for uids 65534
# and 0.
# As victim it prepares a harmless Get Feature in its own memory, says
# "ready", and issues whatever its request block holds once told to go; a
# second process of the same uid (the attacker, another copy, not allowed)
# rewrites the block into a Set Feature at debug-write in between.

A=0x0a0a0a0a	# what the allowed tool itself writes
X=0x66666666	# what an attacker tries to write through it

value() { fwctl-rpc "$DEV" get test | sed -n 's/^value=//p'; }

# start_victim NAME [set VALUE]: /root/id-tool as uid 65534, waiting on the
# fifo /tmp/NAME.go; VJOB, VPID, VBLOCK set once it said ready.
start_victim() {
	_v=$1
	shift
	rm -f "/tmp/$_v.go" "/tmp/$_v.out"
	mkfifo "/tmp/$_v.go"
	/root/id-tool --uid 65534 victim "$DEV" "$@" <>"/tmp/$_v.go" >"/tmp/$_v.out" 2>&1 &
	VJOB=$!
	if ! wait_line "/tmp/$_v.out" '^ready ' 30; then
		cat "/tmp/$_v.out"
		return 1
	fi
	VPID=$(sed -n 's/^ready pid=\([0-9]*\) .*/\1/p' "/tmp/$_v.out")
	VBLOCK=$(sed -n 's/^ready .* block=\(0x[0-9a-f]*\) .*/\1/p' "/tmp/$_v.out")
}

# go_victim NAME: let it issue its request; its output, then "exit N".
# The fifo is opened read-write: no wait when the victim is gone.
go_victim() {
	echo go 1<>"/tmp/$1.go"
	wait "$VJOB"
	echo "exit $?" >>"/tmp/$1.out"
	rm -f "/tmp/$1.go"
}

echo "== (l) exe identity: an exe rule counts only for a process nothing else steered"
# uid 65534 must reach both programs: the initramfs root and the share are
# private to root, so the attacker runs from /tmp.
modes="$(stat -c %a /) $(stat -c %a /root)"
chmod 755 / /root
cp "$(command -v fwctl-ident)" /root/id-tool
cp "$(command -v fwctl-ident)" /tmp/fg-attacker
cp "$(command -v fwctl-ident-dyn)" /root/id-dyn
cp "$(command -v fwctl-ident-loader)" /tmp/fg-loader
chmod 755 /root/id-tool /tmp/fg-attacker /root/id-dyn /tmp/fg-loader
node_mode=$(stat -c %a "$DEV")
chmod 666 "$DEV"
cat >"$POL/identity.policy" <<P
policy "identity"
default allow
allow exe /root/id-tool,/root/id-dyn uid 0,65534 scope >= debug-write
deny scope >= debug-write
P

# Exec'd before the guard was loaded: what was done to it then is not known.
start_victim early set 0x0e0e0e0e
expect "load identity" 0 "loaded policy 'identity'" fwctl-guard load "$POL/identity.policy"
expect "status: the exe hooks are attached" 0 "hook ptrace_access_check (exe): attached" \
	fwctl-guard status
go_victim early
expect "a tool exec'd before the load: its exe does not count" 0 "rpc: EPERM" cat /tmp/early.out
new_events /tmp/ev-id-early.txt
expect "... and the event says why (unknown)" 0 \
	"deny reason=rule rule=1 .*hook=ioctl dev=$NAME .*cmd=set_feature .*uid=65534 .*comm=\"id-tool\" exe=\"/root/id-tool\" exe_untrusted=unknown cgroup_id=" \
	cat /tmp/ev-id-early.txt

# Control: the tool exec'd after the load, on its own, passes its rule.
start_victim plain set "$A"
go_victim plain
expect "control: the allowed tool's own write passes its exe rule" 0 "rpc: set ok" cat /tmp/plain.out
expect "control: the device has its value" 0 "^$A$" value
expect "the attacker's own exe is denied" 1 "rpc: EPERM" \
	sh -c "echo go | /tmp/fg-attacker --uid 65534 victim $DEV set $X"

# The attack of issue 17: the same uid reaches into the allowed tool.
for via in ptrace vm mem; do
	start_victim "$via"
	expect "attacker ($via): rewrites the tool's request" 0 "poke: ok via=$via" \
		/tmp/fg-attacker --uid 65534 poke "$VPID" "$VBLOCK" "$X" "$via"
	go_victim "$via"
	expect "attacked tool ($via) issues the Set Feature" 0 "issue: opcode=0x0502 scope=2" \
		cat "/tmp/$via.out"
	expect "... denied: its exe no longer counts ($via)" 0 "rpc: EPERM" cat "/tmp/$via.out"
	expect "... the device is unchanged ($via)" 0 "^$A$" value
	new_events "/tmp/ev-id-$via.txt"
	expect "... the event keeps the exe and says why ($via)" 0 \
		"deny reason=rule rule=1 .*hook=ioctl dev=$NAME .*cmd=set_feature .*uid=65534 .*exe=\"/root/id-tool\" exe_untrusted=attached cgroup_id=" \
		cat "/tmp/ev-id-$via.txt"
done

# Still traced while it issues the RPC.
start_victim stay
/tmp/fg-attacker --uid 65534 poke "$VPID" "$VBLOCK" "$X" stay >/tmp/stay.poke 2>&1 &
PJOB=$!
wait_line /tmp/stay.poke '^poke: ' 30
go_victim stay
wait "$PJOB"
expect "attacker (stays attached): the tool's Set Feature is denied" 0 "rpc: EPERM" cat /tmp/stay.out
new_events /tmp/ev-id-stay.txt
expect "... the event says traced and attached" 0 \
	"deny reason=rule rule=1 .*exe=\"/root/id-tool\" exe_untrusted=traced,attached cgroup_id=" \
	cat /tmp/ev-id-stay.txt

start_victim again set "$A"
go_victim again
expect "a new exec of the tool counts again" 0 "rpc: set ok" cat /tmp/again.out

# Root names another file as its exe (prctl PR_SET_MM).
expect "relabel (PR_SET_MM_EXE_FILE) refused while the policy has exe rules" 1 "relabel: EPERM" \
	fwctl-ident relabel /root/id-tool "$DEV" "$X"
expect "... the device is unchanged (relabel)" 0 "^$A$" value
new_events /tmp/ev-id-relabel.txt
expect "... a guard event says so" 0 \
	"deny reason=exe-rules .*hook=task-prctl .*event=guard guard_op=exe-relabel obj_id=13 " \
	cat /tmp/ev-id-relabel.txt
if fwctl-ident mm-map >/tmp/mm-map.txt 2>&1; then
	expect "relabel (PR_SET_MM_MAP) refused while the policy has exe rules" 1 "relabel: EPERM" \
		fwctl-ident relabel-map /root/id-tool "$DEV" "$X"
	new_events /tmp/ev-id-relabel-map.txt
	expect "... a guard event says so (PR_SET_MM_MAP)" 0 \
		"deny reason=exe-rules .*hook=task-prctl .*event=guard guard_op=exe-relabel obj_id=14 " \
		cat /tmp/ev-id-relabel-map.txt
else
	echo "SKIP: relabel with PR_SET_MM_MAP: $(cat /tmp/mm-map.txt)"
fi

# binfmt_misc (7.3 flags). 'T', transparent interpreter: the exe is the
# binary (a hard link of the allowed tool), the interpreter (fwctl-rpc)
# runs. 'L', loader substitution: a binary naming an ELF interpreter (the
# allowed /root/id-dyn) gets another file (fwctl-ident-loader) in its place.
BM=/proc/sys/fs/binfmt_misc
bm=
if grep -qw binfmt_misc /proc/filesystems; then
	[ -e "$BM/register" ] || mount -t binfmt_misc binfmt_misc "$BM"
	[ -e "$BM/register" ] && bm=yes
fi
if [ -n "$bm" ] && echo ':fg-ident:E::fgt::/host/bin/fwctl-rpc:T' >"$BM/register"; then
	ln -f /root/id-tool /root/id-tool.fgt
	expect "binfmt_misc 'T': the allowed inode dispatched to another program is denied" 1 \
		"EPERM" /root/id-tool.fgt --scope debug-write "$DEV" set test "$X"
	expect "... the device is unchanged (binfmt_misc 'T')" 0 "^$A$" value
	new_events /tmp/ev-id-binfmt.txt
	expect "... the event says binfmt-interp" 0 \
		"deny reason=rule rule=1 .*exe=\"/root/id-tool.fgt\" exe_untrusted=binfmt-interp cgroup_id=" \
		cat /tmp/ev-id-binfmt.txt
	echo -1 >"$BM/fg-ident"
	rm -f /root/id-tool.fgt
else
	echo "SKIP: binfmt_misc 'T': this kernel has no binfmt_misc with transparent entries"
fi
if [ -n "$bm" ] && echo ':fg-ld:E::fgl::/tmp/fg-loader:L' >"$BM/register"; then
	ln -f /root/id-dyn /root/id-dyn.fgl
	expect "binfmt_misc 'L': the allowed binary run by another loader is denied" 1 \
		"loader: EPERM" /root/id-dyn.fgl "$DEV" "$X"
	expect "... the device is unchanged (binfmt_misc 'L')" 0 "^$A$" value
	new_events /tmp/ev-id-loader.txt
	expect "... the event says binfmt-loader" 0 \
		"deny reason=rule rule=1 .*exe=\"/root/id-dyn.fgl\" exe_untrusted=binfmt-loader cgroup_id=" \
		cat /tmp/ev-id-loader.txt
	echo -1 >"$BM/fg-ld"
	rm -f /root/id-dyn.fgl
else
	echo "SKIP: binfmt_misc 'L': this kernel has no binfmt_misc with loader entries"
fi

# Without exe rules a relabel is allowed, reported, and the exe stops counting.
cat >"$POL/identity-noexe.policy" <<P
policy "identity-noexe"
default allow
deny scope >= debug-write
P
expect "reload without exe rules" 0 "generation 2" fwctl-guard reload "$POL/identity-noexe.policy"
fwctl-ident relabel /root/id-tool "$DEV" "$X" >/tmp/relabel-ok.txt 2>&1
expect "relabel allowed without exe rules" 0 "relabel: ok exe=/root/id-tool" cat /tmp/relabel-ok.txt
expect "... its write is judged without an exe (denied by scope)" 0 "rpc: EPERM" \
	cat /tmp/relabel-ok.txt
new_events /tmp/ev-id-relabel-ok.txt
expect "... the relabel is reported" 0 \
	"audit reason=guard-change .*hook=task-prctl .*event=guard guard_op=exe-relabel obj_id=13 " \
	cat /tmp/ev-id-relabel-ok.txt
expect "... the relabelled process's exe does not count" 0 \
	"deny reason=rule rule=0 .*exe=\"/root/id-tool\" exe_untrusted=relabelled cgroup_id=" \
	cat /tmp/ev-id-relabel-ok.txt

# cap: a capability counts only in the initial user namespace. A process
# of uid 65534 in a user namespace of its own has a full effective set
# there, and the node is open to it (mode 666): the cap rule must not
# count that set.
echo "== (l) cap rules and user namespaces"
cat >"$POL/identity-cap.policy" <<P
policy "identity-cap"
default allow
allow cap sys_admin scope >= debug-write
deny scope >= debug-write
P
expect "reload with a cap rule" 0 "generation 3" fwctl-guard reload "$POL/identity-cap.policy"
expect "control: root's own write passes the cap rule" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test "$A"
/root/id-tool --uid 65534 userns "$DEV" "$X" >/tmp/userns.txt 2>&1
if grep -q '^userns: no' /tmp/userns.txt; then
	bad "cap in a user namespace: this kernel has no user namespaces ($(cat /tmp/userns.txt))"
else
	expect "uid 65534 in its own user namespace holds every capability there" 0 \
		"userns: ok capeff=0*1ffffffffff" cat /tmp/userns.txt
	expect "... its write is denied: those capabilities do not count" 0 "rpc: EPERM" \
		cat /tmp/userns.txt
	expect "... the device is unchanged (user namespace)" 0 "^$A$" value
	new_events /tmp/ev-id-userns.txt
	expect "... denied by the scope rule, not allowed by the cap rule" 0 \
		"deny reason=rule rule=1 .*uid=65534 " cat /tmp/ev-id-userns.txt
fi

expect "unload identity" 0 "unloaded" fwctl-guard unload
chmod "$node_mode" "$DEV"
chmod "${modes% *}" /
chmod "${modes#* }" /root
rm -f /root/id-tool /tmp/fg-attacker /root/id-dyn /tmp/fg-loader
