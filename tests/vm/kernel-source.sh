#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch and unpack Debian's newest linux-source-X.Y (>= 7.2) from the suites
# in $kernel_suites, resolved now (sid rotates: never pinned). Prints
# "PACKAGE VERSION TREE" as the last line; a tree already unpacked for that
# version is reused.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

min_version=7.2

apt_private_update || die "cannot read the package lists of: $kernel_suites"
pkg=$(apt-cache "${apt_opts[@]}" search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
	awk '{print $1}' | sort -V | tail -n 1)
[ -n "$pkg" ] || die "no linux-source package in: $kernel_suites"
series=${pkg#linux-source-}
[ "$(printf '%s\n%s\n' "$min_version" "$series" | sort -V | head -n 1)" = "$min_version" ] ||
	die "newest kernel source is $series, need >= $min_version"
version=$(apt-cache "${apt_opts[@]}" policy "$pkg" | awk '/Candidate:/ {print $2}')
[ -n "$version" ] && [ "$version" != "(none)" ] || die "no candidate version for $pkg"

src_root=$cache_dir/src/$pkg-${version//[~:+]/_}
tree=$src_root/linux
if [ ! -e "$src_root/extracted" ]; then
	note "fetching $pkg $version"
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
echo "$pkg $version $tree"
