#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-source.sh [SERIES]: fetch and unpack Debian's linux-source-SERIES
# (e.g. 7.2, 7.3; default: the newest series >= 7.2) from the suites in
# $kernel_suites. The package version is resolved now (sid rotates: never
# pinned). Prints "PACKAGE VERSION TREE" as the last line. The tree is only
# ever read: kernels are built out of it with make O=... (build-kernel.sh),
# so that series, versions and configs never clobber each other. A tree
# already unpacked for that version is reused.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

min_version=7.2
series=${1:-}

# "$1 >= $2" for dotted versions.
version_ge() {
	[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

apt_private_update || die "cannot read the package lists of: $kernel_suites"
available=$(apt-cache "${apt_opts[@]}" search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
	awk '{print $1}' | sed 's/^linux-source-//' | sort -V)
[ -n "$available" ] || die "no linux-source package in: $kernel_suites"
if [ -z "$series" ]; then
	series=$(tail -n 1 <<<"$available")
	version_ge "$series" "$min_version" ||
		die "newest kernel source is $series, need >= $min_version"
else
	[[ "$series" =~ ^[0-9]+\.[0-9]+$ ]] || die "kernel series '$series': want X.Y, e.g. 7.2"
	version_ge "$series" "$min_version" || die "kernel series $series: need >= $min_version"
	grep -qxF "$series" <<<"$available" ||
		die "no linux-source-$series in $kernel_suites (there: $(echo $available))"
fi
pkg=linux-source-$series
version=$(apt-cache "${apt_opts[@]}" policy "$pkg" | awk '/Candidate:/ {print $2}')
[ -n "$version" ] && [ "$version" != "(none)" ] || die "no candidate version for $pkg"

tree=$(source_tree "$pkg" "$version")
src_root=$(dirname "$tree")
if [ ! -e "$src_root/unpacked" ]; then
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
	touch "$src_root/unpacked"
fi
echo "$pkg $version $tree"
