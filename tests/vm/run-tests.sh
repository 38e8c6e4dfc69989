#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the VM once and run tests/vm/guest-tests.sh in it. Fails unless the
# guest ran its checks and all passed: a VM that did not boot, or a suite
# that counted nothing, is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
"$vm_dir/run" --with "$vm_dir/guest-tests.sh" --with "$vm_dir/guest-policy.sh" -- guest-tests.sh | tee "$out" || status=$?
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1 || true)
[ -n "$summary" ] || die "the VM tests printed no summary (exit $status)"
passed=${summary%% *}
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ] || die "VM tests failed: $summary (exit $status)"
echo "vm-tests: $summary"
