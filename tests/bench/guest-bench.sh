#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The VM half of `make bench` (tests/bench/run boots it): on the VM's kernel
# with the guard's real hooks,
#  - an unrelated ioctl (TCGETS on /dev/null, N calls x 3) with nothing
#    attached, with empty programs on the guard's hooks, and with the
#    guard: GOAL ioctl-overhead-vs-empty = (guard - none) / (empty - none);
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

none=$(fwctl-ioctl-loop loop "$N" | field ioctl-ns) || die "loop failed"
empty=$(fwctl-ioctl-loop empty "$N" | field ioctl-ns) || die "empty programs failed"
cat >/tmp/bench-allow.policy <<'P'
policy "bench-allow"
default allow
P
cat >/tmp/bench-deny.policy <<'P'
policy "bench-deny"
default allow
deny scope >= debug-write
P
fwctl-guard load /tmp/bench-allow.policy >/dev/null || die "load failed"
guard=$(fwctl-ioctl-loop loop "$N" | field ioctl-ns) || die "loop with the guard failed"
echo "ioctl TCGETS on /dev/null, ns per call (median of 3 x $N): none $none, empty programs $empty, guard $guard"

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

echo "$none $empty $guard" | awk '{
	r = ($3 - $1) / ($2 - $1)
	printf "GOAL ioctl-overhead-vs-empty %.2f x target <= 1.2 %s\n", r, r <= 1.2 ? "PASS" : "FAIL"
}'
