#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make-initramfs.sh KERNEL_DIR MOCK_DIR: the VM's initramfs (busybox, the
# kernel's modules and the CXL mock from build-kernel.sh, the fake fwctl
# devices from build-fwctl-mock.sh, tests/vm/init), cached in MOCK_DIR and
# keyed by the other inputs. Prints its path. The modules are copied
# byte for byte: they were stripped before they were signed, and any
# change now would break the signature lockdown=integrity checks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage="usage: make-initramfs.sh KERNEL_DIR MOCK_DIR"
kdir=${1:?$usage}
mockdir=${2:?$usage}
kver=$(cat "$kdir/kernelrelease")
# busybox-static's binary: the initramfs has no shared libraries.
busybox=/bin/busybox
[ -x "$busybox" ] || die "$busybox not found (make deps installs busybox-static)"
key=$(cat "$vm_dir/init" "$0" "$busybox" | sha256sum | cut -c1-12)
out=$mockdir/initramfs-$key.cpio.gz
if [ -e "$out" ]; then
	echo "$out"
	exit 0
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,lib/modules}
cp "$busybox" "$stage/bin/busybox"
cp "$vm_dir/init" "$stage/init"
chmod 755 "$stage/init"
src=$kdir/mods/lib/modules/$kver
dst=$stage/lib/modules/$kver
mkdir -p "$dst"
# Only what modprobe needs, not the build/source links into the tree.
cp -a "$src"/modules.* "$dst"/
for d in kernel updates; do
	[ -d "$src/$d" ] && cp -a "$src/$d" "$dst/"
done
cp -a "$mockdir/mods/lib/modules/$kver/extra" "$dst/"
# modules.dep for all three sets (fwctl_mock needs fwctl.ko).
depmod -b "$stage" "$kver" || die "depmod failed on the initramfs tree"
check_signed "$kdir/build" "$dst" || die "unsigned modules in the initramfs"
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
