#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# What every guest test script starts with (sourced): the counters, the
# assertions, the event reader and the CXL mock's node ($DEV, $NAME, $MAJ,
# $MIN; not with FG_NO_DEV set). Each check asserts an exit status and an output pattern; the
# script's last line counts: "N passed, N failed".

pass=0
fail=0
POL=/root/policies
mkdir -p "$POL"

ok() { pass=$((pass + 1)); echo "PASS: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect NAME STATUS PATTERN CMD...: CMD must exit STATUS and print PATTERN.
expect() {
	name=$1 want=$2 pat=$3
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && printf '%s\n' "$out" | grep -q -e "$pat"; then
		ok "$name"
	else
		bad "$name: exit $rc (want $want), pattern '$pat', output:"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

# refute NAME PATTERN CMD...: CMD's output must not contain PATTERN.
refute() {
	name=$1 pat=$2
	shift 2
	out=$("$@" 2>&1)
	if printf '%s\n' "$out" | grep -q -e "$pat"; then
		bad "$name: found '$pat' in:"
		printf '%s\n' "$out" | sed 's/^/    /'
	else
		ok "$name"
	fi
}

# wait_until SECS CMD...: until CMD succeeds (polled every 0.1 s), at most
# SECS seconds; 1 when it never did. What a test waits for is a state it
# can see (a line, a count, a file), never a guessed delay.
wait_until() {
	_wu_max=$(($1 * 10))
	shift
	_wu_i=0
	until "$@" >/dev/null 2>&1; do
		_wu_i=$((_wu_i + 1))
		if [ "$_wu_i" -gt "$_wu_max" ]; then
			echo "wait_until: '$*' still false after $((_wu_max / 10)) s" >&2
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# wait_line FILE PATTERN [SECS]: until FILE has a line matching PATTERN.
wait_line() {
	wait_until "${3:-60}" grep -q -e "$2" "$1"
}

# count_at_least N CMD...: CMD prints a number >= N.
count_at_least() {
	_ca_n=$1
	shift
	[ "$("$@" 2>/dev/null)" -ge "$_ca_n" ] 2>/dev/null
}

# mock_node NAME: the node fwctl_mock registered for its device NAME (mlx5,
# bnxt, pds, nova) as named under /dev/fwctl; mock_dev NAME: its path.
# Nothing when the module registered no such device.
mock_node() {
	for _mn in /sys/class/fwctl/*; do
		case $(readlink -f "$_mn/device") in
		*/fwctl_mock_$1) echo "${_mn##*/}"; return ;;
		esac
	done
}
mock_dev() {
	_md=$(mock_node "$1")
	[ -n "$_md" ] && echo "/dev/fwctl/$_md"
}

# counter NAME: the guard's counter NAME (fwctl-guard status); field NAME:
# the number after " NAME=" in standard input; taint_fwctl: the kernel's
# fwctl taint flag (TAINT_FWCTL, bit 19: a DEBUG_WRITE_FULL RPC passed the
# kernel's capability check).
counter() { fwctl-guard status | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
taint_fwctl() { echo $(($(cat /proc/sys/kernel/tainted) >> 19 & 1)); }

# race_raw MAX LOG SCOPE_N DEV SCOPE_A SCOPE_B HEX: rounds of
# `fwctl-race DEV raw $RACE_TRIES SCOPE_A SCOPE_B HEX` (default 2,000 tries:
# a fake device's LOG keeps 4,096 records), LOG cleared before each, until
# a flip has landed after the guard's read (a tamper counted, or a request
# at scope SCOPE_N in LOG), at most MAX rounds. Sets rounds, tries, eperm,
# landed (the requests LOG saw at SCOPE_N) and caught (tamper count added).
race_raw() {
	_rr_max=$1 _rr_log=$2 _rr_scope=$3 _rr_tries=${RACE_TRIES:-2000}
	shift 3
	rounds=0 tries=0 eperm=0 landed=0 caught=0
	while [ "$rounds" -lt "$_rr_max" ] && [ "$caught" -eq 0 ] && [ "$landed" -eq 0 ]; do
		echo x >"$_rr_log"
		_rr_before=$(counter tampered)
		fwctl-race "$1" raw "$_rr_tries" "$2" "$3" "$4" >/tmp/race-raw.txt 2>&1
		cat /tmp/race-raw.txt
		grep -q "tries=$_rr_tries " /tmp/race-raw.txt || break
		tries=$((tries + _rr_tries))
		eperm=$((eperm + $(field eperm </tmp/race-raw.txt)))
		landed=$((landed + $(grep -c "^scope=$_rr_scope " "$_rr_log")))
		caught=$((caught + $(counter tampered) - _rr_before))
		rounds=$((rounds + 1))
	done
}

# new_events FILE: the events since the last call (fwctl-guard events
# --since). Numbers restart with each load (a new link): then from 0.
ev_seen=0
ev_link=
new_events() {
	link=$(fwctl-guard status 2>/dev/null | sed -n 's/^hook file_ioctl: attached (link \([0-9]*\),.*/\1/p')
	[ "$link" != "$ev_link" ] && ev_seen=0 && ev_link=$link
	fwctl-guard events --since "$ev_seen" >"$1" 2>&1
	last=$(sed -n 's/.* seq=\([0-9]*\)$/\1/p' "$1" | tail -n 1)
	[ -n "$last" ] && ev_seen=$last
	return 0
}

# A boot with lockdown=LEVEL asked for must be in it: a suite run for a
# lockdown level proves nothing on a kernel that ignored the request.
want_lockdown=$(sed -n 's/.*\blockdown=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ -n "$want_lockdown" ]; then
	expect "the kernel is in lockdown=$want_lockdown" 0 "\[$want_lockdown\]" \
		cat /sys/kernel/security/lockdown
fi

# The first fwctl node that is a CXL device; none looked for when the
# script set FG_NO_DEV (a boot without the CXL mock, tests/vm/init).
[ -n "${FG_NO_DEV:-}" ] && return 0
DEV=
for d in /dev/fwctl/fwctl*; do
	if fwctl-rpc "$d" info 2>/dev/null | grep -q 'type=cxl'; then
		DEV=$d
		break
	fi
done
if [ -z "$DEV" ]; then
	bad "no CXL fwctl node in the VM (ls /dev/fwctl: $(ls /dev/fwctl 2>&1))"
	echo "$pass passed, $fail failed"
	exit 1
fi
NAME=${DEV##*/}
MAJ=$(awk '$2 == "fwctl" { print $1 }' /proc/devices)
MIN=$(cut -d: -f2 "/sys/class/fwctl/$NAME/dev")
echo "testing on $DEV (major $MAJ minor $MIN)"
