#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# system-tests.sh [DEB]: the package on a real Debian system in the VM
# (tests/vm/run --system; DEB defaults to make deb's). Two boots:
#   1. the harness contract of run --system: stdout, stderr and the exit
#      status come back apart;
#   2. tests/vm/guest-system.sh (boot order, enforcement, auditd, udev
#      hotplug, synchronous reload, purge).
# Fails unless every boot reported and the suite printed its
# "N passed, N failed" line with N passed > 0 and no failure: a VM that
# does not boot is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deb_opt=()
[ $# -gt 0 ] && deb_opt=(--deb "$1")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The contract, without the CXL mock (quicker to boot).
status=0
"$vm_dir/run" --system "${deb_opt[@]}" --no-cxl-mock -- \
	sh -c 'echo "to stdout"; echo "to stderr" >&2; exit 7' \
	>"$tmp/out" 2>"$tmp/err" || status=$?
pass=0
check() {
	if eval "$2"; then
		pass=$((pass + 1)); echo "PASS: system harness: $1"
	else
		echo "FAIL: system harness: $1"
		sed 's/^/    stdout: /' "$tmp/out"; sed 's/^/    stderr: /' "$tmp/err"
		die "the system VM harness is broken"
	fi
}
check "the exit status comes back (7)" '[ "$status" -eq 7 ]'
check "stdout comes back" 'grep -qx "to stdout" "$tmp/out"'
check "stderr comes back apart" 'grep -qx "to stderr" "$tmp/err" && ! grep -q "to stderr" "$tmp/out"'

# 2. The suite.
status=0
"$vm_dir/run" --system "${deb_opt[@]}" --with "$vm_dir/guest-lib.sh" \
	--with "$vm_dir/guest-auditd.sh" --with "$vm_dir/guest-system.sh" -- guest-system.sh \
	>"$tmp/out" 2>"$tmp/err" || status=$?
cat "$tmp/out"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -n 1 || true)
if [ -z "$summary" ]; then
	cat "$tmp/err" >&2
	die "the system VM tests printed no summary (exit $status)"
fi
passed=${summary%% *}
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
	cat "$tmp/err" >&2
	die "system VM tests failed: $summary (exit $status)"
fi
grep -qx "system-vm: this line goes to stderr" "$tmp/err" ||
	die "the suite's stderr did not come back"
echo "system-vm-tests: $((passed + pass)) passed, 0 failed"
