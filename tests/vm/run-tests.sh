#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the VM once per suite: tests/vm/guest-tests.sh, guest-hardening.sh,
# guest-seal-reload.sh, guest-module.sh (no fwctl module at boot),
# guest-hardening.sh under lockdown=integrity and =confidentiality and
# guest-mstflint.sh (Debian's mstflint), with Debian's auditd from
# tests/vm/audit-tools.sh. SUITES="main module ..." runs only those.
# Fails unless the guest ran its checks and all passed: a VM that did not
# boot, or a suite that counted nothing, is a failure, never a skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# The kernel series run boots ($FWCTL_GUARD_KERNEL, as make test-vm sets
# it; else the newest), named in the summaries.
kernel=${FWCTL_GUARD_KERNEL:-newest}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Debian's auditd and its libraries for the guest (fetched, not installed).
audit_tools=$("$vm_dir/audit-tools.sh" | tail -n 1)
bpftool=$(command -v bpftool) || die "bpftool missing (run: make deps)"
# sid's mstflint (4.33: register reads at a scope mainline's mlx5 driver
# accepts; trixie's 4.31 sends scope 0 and gets EBADMSG) in a sysroot.
mstflint_tools=$("$vm_dir/mstflint-tools.sh" sid | tail -n 1)

# suite NAME SCRIPT [--with FILE]...: one VM boot running SCRIPT; its
# summary line must show passes and no failure. A failed suite does not
# stop the next one: each boot reports what it found.
total=0
failed=()
suite() {
	local name=$1 script=$2 status=0 summary passed t0=$SECONDS
	shift 2
	case " ${SUITES:-$name} " in
	*" $name "*) ;;
	*) return 0 ;;
	esac
	# A suite takes 10 minutes on an idle 2-core machine under TCG, much
	# longer beside another VM or a kernel build: the timeout is for a VM
	# that hangs, not a slow one.
	"$vm_dir/run" --timeout 3600 --sysroot "$audit_tools" --with "$vm_dir/guest-lib.sh" \
		--with "$vm_dir/guest-auditd.sh" --with "$vm_dir/$script" "$@" -- "$script" |
		tee "$out" || status=$?
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1 || true)
	if [ -z "$summary" ]; then
		note "$name (Linux $kernel): the VM tests printed no summary (exit $status)"
		failed+=("$name")
		return
	fi
	passed=${summary%% *}
	if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
		note "$name (Linux $kernel): VM tests failed: $summary (exit $status)"
		failed+=("$name")
		return
	fi
	echo "vm-tests $name (Linux $kernel): $summary ($((SECONDS - t0)) s)"
	total=$((total + passed))
}

suite main guest-tests.sh --with "$vm_dir/guest-policy.sh" --with "$vm_dir/guest-identity.sh" \
	--with "$vm_dir/guest-events.sh"
# A boot of its own: the scope race needs a kernel nothing has tainted, and
# a sealed guard stays until reboot.
suite hardening guest-hardening.sh --with "$bpftool"
# `seal reload` stays until reboot too: a boot of its own.
suite seal-reload guest-seal-reload.sh
# fwctl.ko loaded after the guard, unloaded and loaded under a new major:
# a boot without any fwctl module (tests/vm/init).
suite module guest-module.sh --append fgtest.nocxl
# The hardening suite again under each lockdown level a host may boot with.
suite hardening-integrity guest-hardening.sh --with "$bpftool" --append lockdown=integrity
suite hardening-confidentiality guest-hardening.sh --with "$bpftool" \
	--append lockdown=confidentiality
# Debian's mstflint against the fake mlx5 device, the type-5 device, and
# the guard deciding on what they send.
suite mstflint guest-mstflint.sh --sysroot "$mstflint_tools"
[ ${#failed[@]} -eq 0 ] || die "failed on Linux $kernel: ${failed[*]}"
echo "vm-tests (Linux $kernel): $total passed, 0 failed"
