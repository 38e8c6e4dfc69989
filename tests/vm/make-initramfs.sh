#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make-initramfs.sh KERNEL_DIR: the VM's initramfs (busybox, the kernel's
# modules with debug info stripped, tests/vm/init), cached beside the kernel
# and keyed by the inputs. Prints its path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir=${1:?usage: make-initramfs.sh KERNEL_DIR}
kver=$(cat "$kdir/kernelrelease")
# busybox-static's binary: the initramfs has no shared libraries.
busybox=/bin/busybox
[ -x "$busybox" ] || die "$busybox not found (make deps installs busybox-static)"
key=$(cat "$vm_dir/init" "$0" "$busybox" | sha256sum | cut -c1-12)
out=$kdir/initramfs-$key.cpio.gz
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
find "$dst" -name '*.ko' -exec strip --strip-debug {} +
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
