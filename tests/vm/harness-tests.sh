#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The contract of tests/vm/run, in one boot: the command's stdout and stderr
# come back separately, its exit status is ours, and a dynamically linked
# --with client (built here) runs against a real fwctl node.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${CC:-gcc} -O2 -I"$top_dir/include" -D_GNU_SOURCE "$top_dir/tools/fwctl-rpc.c" -o "$tmp/dyn-client"
# grep reads all of ldd's output: with pipefail, -q would stop early and
# ldd's SIGPIPE would fail the pipeline.
ldd "$tmp/dyn-client" | grep 'libc.so' >/dev/null || die "dyn-client is not dynamically linked"

status=0
"$vm_dir/run" --with "$tmp/dyn-client" -- \
	sh -c 'dyn-client /dev/fwctl/fwctl0 info; echo "to stderr" >&2; exit 7' \
	>"$tmp/out" 2>"$tmp/err" || status=$?

pass=0
fail=0
check() {
	if eval "$2"; then
		pass=$((pass + 1)); echo "PASS: $1"
	else
		fail=$((fail + 1)); echo "FAIL: $1"
		sed 's/^/    stdout: /' "$tmp/out"; sed 's/^/    stderr: /' "$tmp/err"
	fi
}
check "exit status comes back" '[ "$status" -eq 7 ]'
check "dynamically linked --with client runs in the VM" 'grep -qx "type=cxl (2)" "$tmp/out"'
check "stderr comes back on stderr" 'grep -qx "to stderr" "$tmp/err" && ! grep -q "to stderr" "$tmp/out"'
echo "harness (Linux ${FWCTL_GUARD_KERNEL:-newest}): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
