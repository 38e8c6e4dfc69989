#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The VM half of `make bench` (tests/bench/run boots it): on the VM's kernel
# with the guard's real hooks,
#  - an unrelated ioctl (TCGETS on /dev/null, N calls x 3) with nothing
#    attached, with empty programs on the guard's hooks, and with the
#    guard, interleaved ROUNDS times: GOAL ioctl-overhead-vs-empty = the
#    median of the rounds' (guard - none) / (empty - none);
#  - the guard's ioctl program per FWCTL_RPC, allowed and denied, from
#    kernel.bpf_stats_enabled (run_time_ns / run_cnt);
#  - the verifier's processed instructions of each guard program.
# Prints KEY VALUE lines and the GOAL line; exits non-zero when a step fails.
set -eu
N=${BENCH_IOCTLS:-1000000}
RPCS=${BENCH_RPCS:-20000}

die() { echo "guest-bench: $*" >&2; exit 1; }
field() { sed -n "s/^$1 //p"; }

DEV=
for d in /dev/fwctl/fwctl*; do
	if fwctl-rpc "$d" info 2>/dev/null | grep -q 'type=cxl'; then
		DEV=$d
		break
	fi
done
[ -n "$DEV" ] || die "no CXL fwctl node"

cat >/tmp/bench-allow.policy <<'P'
policy "bench-allow"
default allow
P
cat >/tmp/bench-deny.policy <<'P'
policy "bench-deny"
default allow
deny scope >= debug-write
P
# ns per call of one loop (fwctl-ioctl-loop: the median of 3 x N).
loop_ns() {
	_ln=$(fwctl-ioctl-loop "$1" "$N" | field ioctl-ns)
	[ -n "$_ln" ] || die "fwctl-ioctl-loop $1 failed"
	echo "$_ln"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The emulated CPU's speed follows the host's load, in spells longer than
# one loop: the three loops are interleaved, ROUNDS times; the goal is the
# median of the rounds' ratios (each from three loops run back to back),
# the figures the medians of each loop. The guard stays loaded after the
# last round.
ROUNDS=${BENCH_ROUNDS:-5}
nones= empties= guards= ratios=
r=1
while [ "$r" -le "$ROUNDS" ]; do
	n=$(loop_ns loop)
	e=$(loop_ns empty)
	fwctl-guard load /tmp/bench-allow.policy >/dev/null || die "load failed"
	g=$(loop_ns loop)
	[ "$r" -lt "$ROUNDS" ] && { fwctl-guard unload >/dev/null || die "unload failed"; }
	nones="$nones $n" empties="$empties $e" guards="$guards $g"
	ratios="$ratios $(echo "$n $e $g" | awk '{ printf "%.3f", ($3 - $1) / ($2 - $1) }')"
	r=$((r + 1))
done
none=$(median $nones) empty=$(median $empties) guard=$(median $guards) ratio=$(median $ratios)
echo "ioctl TCGETS on /dev/null, ns per call (median of $ROUNDS interleaved rounds, each the median of 3 x $N): none $none, empty programs $empty, guard $guard"
echo "  rounds: none$nones; empty$empties; guard$guards; (guard - none) / (empty - none)$ratios"

# The guard's ioctl program per RPC, from the kernel's own counters.
prog_stat() {
	fwctl-ioctl-loop stats | awk -v p="$1" '$2 == p { print $6, $8 }'
}
sysctl -q -w kernel.bpf_stats_enabled=1 || die "cannot enable bpf_stats"
per_rpc() {
	before=$(prog_stat fg_file_ioctl)
	fwctl-rpc --scope debug-write --repeat "$RPCS" --interval-us 0 "$DEV" set test 0x1 \
		>/tmp/bench-rpc.out 2>&1 || true
	after=$(prog_stat fg_file_ioctl)
	echo "$before $after" | awk '{ n = $3 - $1; t = $4 - $2; if (n > 0) printf "%.0f %d\n", t / n, n }'
}
allowed=$(per_rpc)
grep -q "ok=$RPCS " /tmp/bench-rpc.out || die "the allowed RPCs were not all allowed: $(cat /tmp/bench-rpc.out)"
fwctl-guard reload /tmp/bench-deny.policy >/dev/null || die "reload failed"
denied=$(per_rpc)
grep -q "eperm=$RPCS " /tmp/bench-rpc.out || die "the denied RPCs were not all denied: $(cat /tmp/bench-rpc.out)"
echo "fg_file_ioctl per FWCTL_RPC (bpf_stats run_time_ns / run_cnt): allowed ${allowed% *} ns over ${allowed#* } runs, denied ${denied% *} ns over ${denied#* } runs"
sysctl -q -w kernel.bpf_stats_enabled=0
echo "verifier (processed instructions) of the guard's programs on $(uname -r):"
fwctl-ioctl-loop stats | awk '{ printf "  %-24s %s\n", $2, $10 }'
fwctl-guard unload >/dev/null || die "unload failed"

echo "$ratio" | awk '{
	printf "GOAL ioctl-overhead-vs-empty %.2f x target <= 1.2 %s\n", $1, $1 <= 1.2 ? "PASS" : "FAIL"
}'
