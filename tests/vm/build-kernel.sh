#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-kernel.sh [--kernel SERIES]: build (or find in the cache) the VM
# test kernel from Debian's linux-source-SERIES (7.2, 7.3, ...; default
# $FWCTL_GUARD_KERNEL, else the newest series >= 7.2: kernel-source.sh):
# allnoconfig + kvm_guest.config + tests/vm/kernel.config, bzImage, modules
# and the kernel's own CXL mock (tools/testing/cxl), all modules stripped
# of debug info and then signed with the build's own key. The result
# lives in
#   $cache_dir/kernel/<source version>-<hash of recipe and config>/
#     bzImage config kernelrelease source build.log done
#     mods/      modules_install tree (kernel/, updates/ = the CXL mock)
#     build/     the make O= directory, kept for out-of-tree modules
#                (build-fwctl-mock.sh) and their signing key
#     cxl-test/  the CXL mock's objects (make MO=)
# and its path is the last line printed on stdout. Everything else goes to
# stderr; the full build log to build.log beside the artefacts. The source
# tree is only read, so series and configs never clobber each other; an
# interrupted build resumes in its build/ directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

series=${FWCTL_GUARD_KERNEL:-}
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel)
		series=${2:?--kernel needs a series, e.g. 7.2}; shift 2 ;;
	*)
		die "usage: build-kernel.sh [--kernel SERIES]" ;;
	esac
done

# Bump when the build steps below change what is built; the cache key is
# this, the source version and the config fragment.
recipe=4
jobs=${FWCTL_GUARD_JOBS:-$(nproc)}

read -r pkg version tree < <("$vm_dir/kernel-source.sh" ${series:+"$series"} | tail -n 1)
[ -n "${tree:-}" ] || die "no kernel source"

key_hash=$( (echo "recipe $recipe"; cat "$vm_dir/kernel.config") | sha256sum | cut -c1-12)
key="${version//[~:+]/_}-$key_hash"
out=$cache_dir/kernel/$key
if [ -e "$out/done" ]; then
	note "cached kernel $pkg $version ($key)"
	echo "$out"
	exit 0
fi
pgrep -f 'make.*(bzImage|modules)' >/dev/null &&
	note "warning: another kernel build is running on this machine"
note "building kernel $pkg $version into $out (about 25 min on 2 cores)"

# Debian's 7.2.13 tree uses type2_test in the mock without declaring it
# (fixed in 7.3); declare it where it is missing so that a 7.2 tree can
# build the mock too. The only change ever made to the source tree.
mock_c=$tree/tools/testing/cxl/test/cxl.c
if grep -q 'type2_test' "$mock_c" && ! grep -q '^static.*\btype2_test\b' "$mock_c" &&
	! grep -q 'module_param(type2_test' "$mock_c"; then
	note "adding the missing type2_test declaration to the CXL mock"
	sed -i '0,/^static bool extended_linear_cache;/s//&\nstatic bool type2_test;/' "$mock_c"
fi

# Everything but build/ is redone; build/ is make's own business (an
# interrupted build picks up where it stopped).
mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
build=$out/build
log=$out/build.log
: >"$log"

kmake=(make -C "$tree" O="$build")
# The kernel's CXL mock, out of tree: its Kbuild names the real drivers as
# ../../../drivers/cxl/..., so its output directory sits three levels down
# and those objects land in cxl-test/drivers, not in build/drivers.
cxl_mock=(M="$tree/tools/testing/cxl" MO="$out/cxl-test/tools/testing/cxl")

run "${kmake[@]}" allnoconfig
run "${kmake[@]}" kvm_guest.config
run "$tree/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$vm_dir/kernel.config"
run "${kmake[@]}" olddefconfig

# Every line of the fragment must have taken effect: a silently dropped
# option (missing dependency) costs hours in the VM.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF "$line" "$build/.config" || { note "not in .config: $line"; bad=1; } ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		! grep -q "^$opt=" "$build/.config" || { note "still set in .config: $opt"; bad=1; } ;;
	esac
done <"$vm_dir/kernel.config"
[ "$bad" -eq 0 ] || die "the config fragment did not apply (see above)"

run "${kmake[@]}" -j"$jobs" bzImage modules
run "${kmake[@]}" -j"$jobs" "${cxl_mock[@]}" modules
kver=$(cat "$build/include/config/kernel.release")
# INSTALL_MOD_STRIP strips debug info before modules_install signs (a
# strip after signing would break the signature); the CXL mock lands in
# updates/ and takes precedence over the real drivers.
install=(INSTALL_MOD_PATH="$out/mods" INSTALL_MOD_STRIP=1)
run "${kmake[@]}" "${install[@]}" modules_install
run "${kmake[@]}" "${cxl_mock[@]}" "${install[@]}" modules_install
run depmod -b "$out/mods" "$kver"
check_signed "$build" "$out/mods/lib/modules/$kver" || die "unsigned modules in $out/mods"
cp "$build/arch/x86/boot/bzImage" "$out/bzImage"
cp "$build/.config" "$out/config"
echo "$kver" >"$out/kernelrelease"
echo "$pkg $version" >"$out/source"
touch "$out/done"
note "kernel $kver ready"
echo "$out"
