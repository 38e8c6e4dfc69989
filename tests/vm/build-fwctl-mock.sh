#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-fwctl-mock.sh KERNEL_DIR: build (or find in the cache) the
# project's fake fwctl devices, tests/vm/fwctl-mock (every file in that
# folder, Kbuild included), against the kept build directory of a kernel
# from build-kernel.sh, stripped and signed with that kernel's key. Cached
# in KERNEL_DIR/fwctl-mock-<hash of this script and the folder>/
#   mods/lib/modules/<release>/extra/*.ko  build.log  done
# whose path is the last line on stdout. A change to the module costs
# seconds, not a kernel build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir=${1:?usage: build-fwctl-mock.sh KERNEL_DIR}
[ -e "$kdir/done" ] || die "$kdir: not a finished kernel build (build-kernel.sh)"
kver=$(cat "$kdir/kernelrelease")
read -r pkg version <"$kdir/source"
tree=$(source_tree "$pkg" "$version")
[ -d "$tree" ] || die "$tree: kernel source missing (run build-kernel.sh)"

# Hash and build the same bytes: a copy, taken once.
stage=$(mktemp -d "$kdir/fwctl-mock.tmp.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -r "$vm_dir/fwctl-mock" "$stage/src"
hash=$( (cat "$0"; cd "$stage/src" && find . -type f -print0 | sort -z | xargs -0 sha256sum) |
	sha256sum | cut -c1-12)
out=$kdir/fwctl-mock-$hash
if [ -e "$out/done" ]; then
	echo "$out"
	exit 0
fi

note "building tests/vm/fwctl-mock for $pkg $version ($hash)"
log=$stage/build.log
mmake=(make -C "$tree" O="$kdir/build" M="$stage/src" MO="$stage/obj")
run "${mmake[@]}" -j"${FWCTL_GUARD_JOBS:-$(nproc)}" modules
# Stripped before modules_install signs it (see build-kernel.sh); extra/,
# apart from the kernel's modules and the CXL mock's updates/.
run "${mmake[@]}" INSTALL_MOD_PATH="$stage/mods" INSTALL_MOD_DIR=extra INSTALL_MOD_STRIP=1 \
	modules_install
[ -n "$(find "$stage/mods/lib/modules/$kver/extra" -name '*.ko' 2>/dev/null)" ] ||
	die "no module installed for $kver (full log: $log)"
check_signed "$kdir/build" "$stage/mods/lib/modules/$kver/extra" ||
	die "tests/vm/fwctl-mock: module not signed (full log: $log)"
touch "$stage/done"
# A concurrent run may have finished the same build meanwhile: keep that.
if [ ! -e "$out/done" ]; then
	rm -rf "$out"
	mv "$stage" "$out"
	trap - EXIT
fi
echo "$out"
