# SPDX-License-Identifier: GPL-2.0-only
#
# The host tests' result lines (sourced by tests/install/test-*.sh):
# `ok - WHAT` / `not ok - WHAT`, counted in $passed and $failed.

passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
