#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# system-tests.sh [DEB]: the package on a real Debian system
# in the VM (tests/vm/run --system; DEB defaults to make deb's). Four boots:
#   1. the harness contract of run --system: stdout, stderr and the exit
#      status come back apart;
#   2. tests/vm/guest-system.sh (boot order, enforcement, auditd, udev
#      hotplug, synchronous reload at priority err, restart after an
#      edit, logrotate, node_exporter metrics, purge);
#   3. with a policy broken before boot, guest-system-fallback.sh (the
#      built-in lockdown, the unit failed, the audit record);
#   4. guest-system-fleet.sh: docs/fleet.md's steps (a policy.d rolled out,
#      compliance by digest, the records sent on by auditd's audisp-remote,
#      from Debian's audispd-plugins, fetched here with apt-get download).
# Fails unless every boot reported and each suite printed its
# "N passed, N failed" line with N passed > 0 and no failure: a VM that
# does not boot is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deb_opt=()
[ $# -gt 0 ] && deb_opt=(--deb "$1")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# suite NAME SCRIPT [run options]: one boot running SCRIPT (with
# guest-lib.sh and guest-auditd.sh); its summary must show passes and no
# failure. Adds its passes to $total.
total=0
suite() {
	local name=$1 script=$2 status=0 summary passed
	shift 2
	"$vm_dir/run" --system "${deb_opt[@]}" --with "$vm_dir/guest-lib.sh" \
		--with "$vm_dir/guest-auditd.sh" --with "$vm_dir/$script" "$@" -- "$script" \
		>"$tmp/out" 2>"$tmp/err" || status=$?
	cat "$tmp/out"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -n 1 || true)
	if [ -z "$summary" ]; then
		cat "$tmp/err" >&2
		die "$name: the system VM tests printed no summary (exit $status)"
	fi
	passed=${summary%% *}
	if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
		cat "$tmp/err" >&2
		die "$name: system VM tests failed: $summary (exit $status)"
	fi
	echo "system-vm-tests $name: $summary"
	total=$((total + passed))
}

# 1. The contract, without the CXL mock (quicker to boot).
status=0
"$vm_dir/run" --system "${deb_opt[@]}" --no-cxl-mock -- \
	sh -c 'echo "to stdout"; echo "to stderr" >&2; exit 7' \
	>"$tmp/out" 2>"$tmp/err" || status=$?
check() {
	if eval "$2"; then
		total=$((total + 1)); echo "PASS: system harness: $1"
	else
		echo "FAIL: system harness: $1"
		sed 's/^/    stdout: /' "$tmp/out"; sed 's/^/    stderr: /' "$tmp/err"
		die "the system VM harness is broken"
	fi
}
check "the exit status comes back (7)" '[ "$status" -eq 7 ]'
check "stdout comes back" 'grep -qx "to stdout" "$tmp/out"'
check "stderr comes back apart" 'grep -qx "to stderr" "$tmp/err" && ! grep -q "to stderr" "$tmp/out"'

# 2. The suite; its stderr marker shows stderr came back from a suite too.
suite main guest-system.sh
grep -qx "system-vm: this line goes to stderr" "$tmp/err" ||
	die "the suite's stderr did not come back"
# 3. Fail closed: the configured policy broken before the boot.
suite fallback guest-system-fallback.sh --preboot "$vm_dir/system-preboot-broken-policy.sh"
# 4. Fleet: auditd's remote logging plugin, as the image's auditd has it.
plugins_version=$(apt-cache policy audispd-plugins | sed -n 's/^  Candidate: //p')
[ -n "$plugins_version" ] && [ "$plugins_version" != "(none)" ] ||
	die "no candidate version of audispd-plugins (run: apt-get update)"
debs=${FWCTL_GUARD_CACHE:-$HOME/.cache/fwctl-guard}/debs
plugins_deb=$(ls "$debs"/audispd-plugins_"${plugins_version#*:}"_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$plugins_deb" ]; then
	mkdir -p "$debs"
	(cd "$debs" && apt-get -qq -o APT::Sandbox::User=root download \
		"audispd-plugins=$plugins_version" >&2) || die "cannot download audispd-plugins"
	plugins_deb=$(ls "$debs"/audispd-plugins_*.deb | head -n 1)
fi
suite fleet guest-system-fleet.sh --with "$plugins_deb"
echo "system-vm-tests: $total passed, 0 failed"
