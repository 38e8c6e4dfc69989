#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the VM once and run tests/vm/guest-tests.sh in it, with Debian's
# auditd from tests/vm/audit-tools.sh. Fails unless the
# guest ran its checks and all passed: a VM that did not boot, or a suite
# that counted nothing, is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
# Debian's auditd and its libraries for the guest (fetched, not installed).
audit_tools=$("$vm_dir/audit-tools.sh" | tail -n 1)
"$vm_dir/run" --sysroot "$audit_tools" --with "$vm_dir/guest-tests.sh" \
	--with "$vm_dir/guest-policy.sh" --with "$vm_dir/guest-auditd.sh" \
	--with "$vm_dir/guest-events.sh" -- guest-tests.sh |
	tee "$out" || status=$?
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1 || true)
[ -n "$summary" ] || die "the VM tests printed no summary (exit $status)"
passed=${summary%% *}
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ] || die "VM tests failed: $summary (exit $status)"
echo "vm-tests: $summary"
