#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (or find in the cache) the VM test kernel: Debian's newest
# linux-source (>= 7.2, resolved now, never pinned), defconfig +
# kvm_guest.config + tests/vm/kernel.config, bzImage, modules, and the
# kernel's own CXL mock (tools/testing/cxl). The result lives in
#   $cache_dir/kernel/<source version>-<hash of config and this script>/
# and its path is the last line printed on stdout. Everything else goes to
# stderr; the full build log to build.log beside the artefacts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

min_version=7.2
jobs=${FWCTL_GUARD_JOBS:-$(nproc)}

apt_private_update || die "cannot read the package lists of: $kernel_suites"

# Newest linux-source-X.Y package, then its candidate version.
pkg=$(apt-cache "${apt_opts[@]}" search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
	awk '{print $1}' | sort -V | tail -n 1)
[ -n "$pkg" ] || die "no linux-source package in: $kernel_suites"
series=${pkg#linux-source-}
[ "$(printf '%s\n%s\n' "$min_version" "$series" | sort -V | head -n 1)" = "$min_version" ] ||
	die "newest kernel source is $series, need >= $min_version"
version=$(apt-cache "${apt_opts[@]}" policy "$pkg" | awk '/Candidate:/ {print $2}')
[ -n "$version" ] && [ "$version" != "(none)" ] || die "no candidate version for $pkg"

key_hash=$(cat "$vm_dir/kernel.config" "$0" | sha256sum | cut -c1-12)
key="${version//[~:+]/_}-$key_hash"
out=$cache_dir/kernel/$key
if [ -e "$out/done" ]; then
	note "cached kernel $pkg $version ($key)"
	echo "$out"
	exit 0
fi

note "building kernel $pkg $version into $out (about 17 min on 2 cores)"
src_root=$cache_dir/src/$pkg-${version//[~:+]/_}
tree=$src_root/linux
if [ ! -e "$src_root/extracted" ]; then
	rm -rf "$src_root"
	mkdir -p "$src_root"
	(cd "$src_root" && apt-get "${apt_opts[@]}" -qq download "$pkg=$version" >&2) ||
		die "cannot download $pkg=$version"
	dpkg-deb --fsys-tarfile "$src_root"/*.deb |
		tar -x -C "$src_root" --wildcards './usr/src/*.tar.xz'
	mkdir -p "$tree"
	tar -xJf "$src_root"/usr/src/"$pkg".tar.xz -C "$tree" --strip-components=1
	rm -rf "$src_root"/usr "$src_root"/*.deb
	touch "$src_root/extracted"
fi

# Debian's 7.2 tree uses type2_test in the mock without declaring it (fixed
# in 7.3); declare it where it is missing so the mock builds.
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
kver=$(make -s kernelrelease)
run make INSTALL_MOD_PATH="$stage/mods" modules_install
run make INSTALL_MOD_PATH="$stage/mods" M=tools/testing/cxl modules_install
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
