#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# matrix.sh [--deb DEB]: every VM suite on every kernel of $VM_KERNELS
# (newest first; make test-vm sets it), and with --deb the package on the
# Debian system (system-tests.sh, newest kernel). The one entry point of
# make test-vm.
#
#   1. each kernel is built (or found cached) and booted once by
#      harness-tests.sh, one after the other: that boot also builds what
#      later boots share (initramfs, fwctl-mock), so that no two VMs build
#      the same artefact at once;
#   2. the rows (kernel x suite, run-tests.sh, and the system suite) then
#      run $FWCTL_GUARD_VMS VMs at a time (default 2: a TCG guest keeps
#      about one core busy, and the suites pass two at a time on 2 cores),
#      longest first. Each row's output goes to $FWCTL_GUARD_VM_LOGS
#      (build/vm-logs/KERNEL-SUITE.log); its summary line is printed when
#      it ends, and for a failed row the log's last lines.
# SUITES="main module ..." runs only those rows ("system" names the
# system suite). Fails if any step failed, naming each; a row that counted
# nothing is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deb=
while [ $# -gt 0 ]; do
	case "$1" in
	--deb)
		deb=${2:?--deb needs a package file}; shift 2 ;;
	*)
		die "usage: matrix.sh [--deb DEB]" ;;
	esac
done

read -r -a kernels <<<"${VM_KERNELS:-7.3}"
[ ${#kernels[@]} -gt 0 ] || die "VM_KERNELS is empty"
vms=${FWCTL_GUARD_VMS:-2}
[[ "$vms" =~ ^[1-9][0-9]*$ ]] || die "FWCTL_GUARD_VMS=$vms: want a number >= 1"
logs=${FWCTL_GUARD_VM_LOGS:-$top_dir/build/vm-logs}
mkdir -p "$logs"
t_start=$SECONDS

# want ROW: is the row selected by $SUITES?
want() {
	case " ${SUITES:-$1} " in
	*" $1 "*) return 0 ;;
	*) return 1 ;;
	esac
}

failed=()
total=0

# 1. Kernels and the harness contract, one VM at a time.
ready=()
for k in "${kernels[@]}"; do
	echo "== VM tests on Linux $k"
	if ! tests_kernel=$("$vm_dir/build-kernel.sh" --kernel "$k" | tail -n 1); then
		failed+=("$k:kernel")
		continue
	fi
	note "Linux $k: $tests_kernel"
	if out=$(FWCTL_GUARD_KERNEL=$k "$vm_dir/harness-tests.sh"); then
		echo "$out"
		total=$((total + $(grep -c '^PASS: ' <<<"$out")))
		ready+=("$k")
	else
		echo "$out"
		failed+=("$k:harness")
	fi
done

# What every row fetches on its own, fetched once here: two rows must not
# download into the same cache file at once.
"$vm_dir/audit-tools.sh" >/dev/null
"$vm_dir/mstflint-tools.sh" sid >/dev/null

# 2. The rows, longest first (seconds measured on 7.3, docs/testing.md).
rows=()
if [ -n "$deb" ] && [ ${#ready[@]} -gt 0 ] && [ "${ready[0]}" = "${kernels[0]}" ] && want system; then
	rows+=("${kernels[0]} system")
fi
for s in main mstflint hardening-confidentiality hardening hardening-integrity module seal-reload; do
	want "$s" || continue
	for k in "${ready[@]}"; do
		rows+=("$k $s")
	done
done

declare -A row_of=()
# finish PID STATUS: report the row PID ran.
finish() {
	local row=${row_of[$1]} status=$2 k s log summary
	read -r k s <<<"$row"
	log=$logs/$k-$s.log
	summary=$(grep -E '^(system-)?vm-tests( [a-z-]+ \(Linux [0-9.]+\))?: [0-9]+ passed, 0 failed' "$log" |
		tail -n 1 || true)
	if [ "$status" -eq 0 ] && [ -n "$summary" ]; then
		grep -E '^vm-tests [a-z-]+ \(Linux' "$log" || echo "vm-tests $s (Linux $k): ${summary#*: }"
		total=$((total + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$summary")))
	else
		echo "---- $k $s: failed (exit $status); last lines of $log ----"
		tail -n 60 "$log"
		failed+=("$k:$s")
	fi
}

running=0
for row in "${rows[@]}"; do
	if [ "$running" -ge "$vms" ]; then
		wait -n -p done_pid && st=0 || st=$?
		finish "$done_pid" "$st"
		running=$((running - 1))
	fi
	read -r k s <<<"$row"
	note "start: $s on Linux $k"
	if [ "$s" = system ]; then
		FWCTL_GUARD_KERNEL=$k "$vm_dir/system-tests.sh" "$deb" >"$logs/$k-$s.log" 2>&1 &
	else
		FWCTL_GUARD_KERNEL=$k SUITES=$s "$vm_dir/run-tests.sh" >"$logs/$k-$s.log" 2>&1 &
	fi
	row_of[$!]=$row
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	wait -n -p done_pid && st=0 || st=$?
	finish "$done_pid" "$st"
	running=$((running - 1))
done

t=$((SECONDS - t_start))
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]} (after $t s; logs in $logs)"
echo "vm-matrix (Linux ${kernels[*]}): $total passed, 0 failed in $t s"
