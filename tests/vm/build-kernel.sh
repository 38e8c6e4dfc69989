#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (or find in the cache) the VM test kernel: Debian's newest
# linux-source (>= 7.2, kernel-source.sh), defconfig +
# kvm_guest.config + tests/vm/kernel.config, bzImage, modules, the
# kernel's own CXL mock (tools/testing/cxl) and the project's fake
# mlx5/bnxt/pds fwctl devices (tests/vm/fwctl-mock, test-only). The result
# lives in
#   $cache_dir/kernel/<source version>-<hash of recipe, config, fwctl-mock>/
# and its path is the last line printed on stdout. Everything else goes to
# stderr; the full build log to build.log beside the artefacts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Bump when the build steps below change what is built; the cache key is
# this, the source version and the config fragment.
recipe=2
jobs=${FWCTL_GUARD_JOBS:-$(nproc)}

read -r pkg version tree < <("$vm_dir/kernel-source.sh" | tail -n 1)
[ -n "${tree:-}" ] || die "no kernel source"

key_hash=$( (echo "recipe $recipe"; cat "$vm_dir/kernel.config" "$vm_dir"/fwctl-mock/*) |
	sha256sum | cut -c1-12)
key="${version//[~:+]/_}-$key_hash"
out=$cache_dir/kernel/$key
if [ -e "$out/done" ]; then
	note "cached kernel $pkg $version ($key)"
	echo "$out"
	exit 0
fi
note "building kernel $pkg $version into $out (about 20 min on 2 cores)"

# Debian's 7.2.13 tree uses type2_test in the mock without declaring it
# (fixed in 7.3, which is what this harness has been run with); declare it
# where it is missing so that a 7.2 tree can build the mock too.
mock_c=$tree/tools/testing/cxl/test/cxl.c
if grep -q 'type2_test' "$mock_c" && ! grep -q '^static.*\btype2_test\b' "$mock_c" &&
	! grep -q 'module_param(type2_test' "$mock_c"; then
	note "adding the missing type2_test declaration to the CXL mock"
	sed -i '0,/^static bool extended_linear_cache;/s//&\nstatic bool type2_test;/' "$mock_c"
fi

stage=$out.tmp
rm -rf "$stage"
mkdir -p "$stage"
log=$stage/build.log

run() {
	note "$*"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "failed: $* (full log: $log)"
	fi
}

cd "$tree"
run make defconfig
run make kvm_guest.config
run scripts/kconfig/merge_config.sh -m .config "$vm_dir/kernel.config"
run make olddefconfig

# Every line of the fragment must have taken effect: a silently dropped
# option (missing dependency) costs hours in the VM.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF "$line" .config || { note "not in .config: $line"; bad=1; } ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		! grep -q "^$opt=" .config || { note "still set in .config: $opt"; bad=1; } ;;
	esac
done <"$vm_dir/kernel.config"
[ "$bad" -eq 0 ] || die "the config fragment did not apply (see above)"

run make -j"$jobs" bzImage modules
run make -j"$jobs" M=tools/testing/cxl modules
# Built from a copy: kbuild writes its objects beside the sources.
mock=$stage/fwctl-mock
cp -r "$vm_dir/fwctl-mock" "$mock"
run make -j"$jobs" M="$mock" modules
kver=$(make -s kernelrelease)
run make INSTALL_MOD_PATH="$stage/mods" modules_install
run make INSTALL_MOD_PATH="$stage/mods" M=tools/testing/cxl modules_install
run make INSTALL_MOD_PATH="$stage/mods" M="$mock" modules_install
rm -rf "$mock"
run depmod -b "$stage/mods" "$kver"
cp arch/x86/boot/bzImage "$stage/bzImage"
cp .config "$stage/config"
echo "$kver" >"$stage/kernelrelease"
echo "$pkg $version" >"$stage/source"
rm -rf "$out"
mv "$stage" "$out"
touch "$out/done"
note "kernel $kver ready"
echo "$out"
