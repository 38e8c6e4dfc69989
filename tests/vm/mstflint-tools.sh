#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mstflint-tools.sh [SUITE]: a sysroot with Debian's mstflint tools
# (mstflint, mstconfig, mstreg, mstfwctrl) from SUITE (default trixie; sid
# works too), the data files they read (/usr/share/mstflint: the mlxconfig
# databases and the PRM register tables) and every shared library they
# load, libc and the dynamic loader included, for
# `tests/vm/run --sysroot DIR`. Prints its directory as the last line.
#
# mstflint in trixie and later needs glibc >= 2.38; the host (bookworm) has
# 2.36, so nothing comes from the host: the packages are fetched from SUITE
# through a private apt state (this machine's mirror, only the suite
# changed) and unpacked with `dpkg-deb -x`. The VM's initramfs has no C
# library at all; this sysroot brings SUITE's. Libraries land in
# /lib/<multiarch>/ and the loader at /lib64/ (the ELF interpreter path),
# the first places the loader searches: given after another sysroot (e.g.
# audit-tools.sh's, bookworm's glibc), this one's newer glibc replaces it
# for both, which older binaries accept. A dynamically linked `run --with`
# file copies the host's libc over it again: do not combine the two.
#
# The result is cached under
#   $cache_dir/mstflint-tools/<suite>-<mstflint version>-<hash of this
#   script and the packages' versions>/
# and reused while SUITE's versions stand; versions are resolved at run
# time, never pinned.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suite=${1:-trixie}
[[ "$suite" =~ ^[a-z][a-z0-9-]*$ ]] || die "usage: mstflint-tools.sh [SUITE] (e.g. trixie, sid)"
tools=(usr/bin/mstflint usr/bin/mstconfig usr/bin/mstreg usr/bin/mstfwctrl)
multiarch=$(gcc -dumpmachine)
loader=/lib64/ld-linux-x86-64.so.2

# A private apt state per suite, beside lib.sh's (whose suites are the
# kernel's): the system's sources stay untouched.
st=$cache_dir/apt-suites/$suite
sopts=(
	-o "Dir::Etc::SourceList=$st/sources.list"
	-o "Dir::Etc::SourceParts=/dev/null"
	-o "Dir::State::Lists=$st/lists"
	-o "Dir::State::status=$st/status"
	-o "Dir::Cache=$st/cache"
	-o "Debug::NoLocking=1"
	-o "APT::Sandbox::User=root"
)

suite_update() {
	local mirror
	mirror=$("$top_dir/scripts/debian-mirror.sh") || die "no Debian mirror in the apt configuration"
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	# No package is installed in this state: an empty status file of its
	# own, not /dev/null, which is the null device only where nothing has
	# replaced it (make bench once did: "Unable to parse package file").
	: >"$st/status"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
		>"$st/sources.list"
	note "apt-get update ($suite, private state $st)"
	apt-get "${sopts[@]}" -qq update >&2 || die "apt-get update of $suite failed"
}

# "PACKAGE VERSION" for mstflint and the closure of its dependencies,
# python3 left out (it serves the Python tools, which the guest does not
# run). One `apt-cache depends` and one `apt-cache policy` run.
resolve() {
	local graph p v queue names seen=" "
	local -A deps cand
	graph=$(apt-cache "${sopts[@]}" depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances mstflint 2>/dev/null |
		awk '/^[^ ]/ { p = $1 } $1 ~ /^(Pre)?Depends:$/ && $2 !~ /^</ { print p, $2 }')
	[ -n "$graph" ] || return 1
	while read -r p v; do
		deps[$p]+=" $v"
	done <<<"$graph"
	names=$(tr ' ' '\n' <<<"$graph" | sort -u)
	# shellcheck disable=SC2086
	while read -r p v; do
		cand[$p]=$v
	done < <(apt-cache "${sopts[@]}" policy $names 2>/dev/null |
		awk '/^[^ ]/ { p = $1; sub(/:.*$/, "", p) } $1 == "Candidate:" { print p, $2 }')
	queue=(mstflint)
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		case "$seen" in *" $p "*) continue ;; esac
		seen="$seen$p "
		[ "$p" = python3 ] && continue
		v=${cand[$p]:-}
		if [ -z "$v" ] || [ "$v" = "(none)" ]; then
			note "no candidate version of $p in $suite"
			return 1
		fi
		echo "$p $v"
		# shellcheck disable=SC2206
		queue+=(${deps[$p]:-})
	done
}

[ -e "$st/lists" ] || suite_update
if ! pkgs=$(resolve); then
	suite_update
	pkgs=$(resolve) || die "$suite has no mstflint, or lacks a package it needs"
fi
key=$( (cat "$0"; echo "$suite"; echo "$pkgs") | sha256sum | cut -c1-12)
mst_version=$(awk '$1 == "mstflint" { print $2 }' <<<"$pkgs")
out=$cache_dir/mstflint-tools/$suite-${mst_version//[~:+]/_}-$key
if [ -e "$out/usr/bin/mstflint" ]; then
	note "cached mstflint tools: mstflint $mst_version from $suite ($out)"
	echo "$out"
	exit 0
fi
note "building the mstflint sysroot: mstflint $mst_version from $suite into $out"

mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
stage=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$work" "$stage"' EXIT
chmod 755 "$stage"
mkdir -p "$work/debs" "$work/root"

mapfile -t fetch < <(awk '{ printf "%s=%s\n", $1, $2 }' <<<"$pkgs")
note "fetching from $suite: ${fetch[*]}"
if ! (cd "$work/debs" && apt-get "${sopts[@]}" -qq download "${fetch[@]}" >&2); then
	# Lists older than the mirror (sid rotates): refresh once, resolve again.
	suite_update
	pkgs=$(resolve) || die "$suite has no mstflint, or lacks a package it needs"
	mapfile -t fetch < <(awk '{ printf "%s=%s\n", $1, $2 }' <<<"$pkgs")
	(cd "$work/debs" && apt-get "${sopts[@]}" -qq download "${fetch[@]}" >&2) ||
		die "cannot download ${fetch[*]} from $suite"
	if [ "$mst_version" != "$(awk '$1 == "mstflint" { print $2 }' <<<"$pkgs")" ]; then
		# The key named the old versions: start over under the new key.
		rm -rf "$work" "$stage"
		exec "$0" "$suite"
	fi
fi
for deb in "$work"/debs/*.deb; do
	dpkg-deb -x "$deb" "$work/root"
done

# The suite's own loader lists the libraries, against the suite's
# libraries only (the host's 2.36 loader could not load them).
rloader=$work/root$loader
[ -e "$rloader" ] || rloader=$work/root/usr$loader
[ -e "$rloader" ] || die "libc6 from $suite has no $loader"
libpath=
for d in "lib/$multiarch" "usr/lib/$multiarch" lib usr/lib; do
	[ -d "$work/root/$d" ] && libpath=${libpath:+$libpath:}$work/root/$d
done

# put SRC DEST: a regular file (symlinks followed) at DEST in the sysroot.
put() {
	mkdir -p "$stage$(dirname "$2")"
	cp -L --preserve=mode "$1" "$stage$2"
}

put "$rloader" "$loader"
for t in "${tools[@]}"; do
	[ -f "$work/root/$t" ] || die "the mstflint package from $suite has no /$t"
	put "$work/root/$t" "/$t"
	lddout=$("$rloader" --library-path "$libpath" --list "$work/root/$t" 2>&1) ||
		die "listing the libraries of $t failed: $lddout"
	if grep -q 'not found' <<<"$lddout"; then
		die "$t: libraries not found in the packages from $suite: $(grep 'not found' <<<"$lddout" | sed 's/^[[:space:]]*//' | tr '\n' ' ')"
	fi
	# "NAME => PATH (ADDR)": each library under the loader's first
	# search directory, whatever its directory in the package.
	while read -r lib; do
		case "$lib" in
		"$work/root"/*) ;;
		*) die "$t: $lib resolved outside the packages from $suite" ;;
		esac
		put "$lib" "/lib/$multiarch/$(basename "$lib")"
	done < <(awk '$2 == "=>" && $3 ~ /^\// && $1 !~ /ld-linux/ { print $3 }' <<<"$lddout")
done
# libc loads libgcc_s.so.1 itself when a thread is cancelled or a C++
# exception unwinds through C frames; the C++ tools link it anyway.
[ -f "$stage/lib/$multiarch/libgcc_s.so.1" ] || die "libgcc_s.so.1 missing from the closure"

# Data the tools open at fixed paths: mlxconfig's databases (mstconfig)
# and the PRM register tables (mstreg). The per-device CSV tables serve
# mstregdump only.
[ -d "$work/root/usr/share/mstflint" ] || die "the mstflint package has no /usr/share/mstflint"
(cd "$work/root" && find usr/share/mstflint -type f ! -name '*.csv') | while read -r f; do
	put "$work/root/$f" "/$f"
done

mkdir -p "$stage/usr/share/fwctl-guard"
echo "$pkgs" >"$stage/usr/share/fwctl-guard/mstflint-tools.packages"
# Smoke test on the host: the sysroot's loader and libraries only.
for t in mstflint mstconfig mstreg; do
	"$stage$loader" --library-path "$stage/lib/$multiarch" "$stage/usr/bin/$t" -v >/dev/null 2>&1 ||
		die "the sysroot's $t does not run on the host"
done
# Another run may have finished first: then its result stands.
if [ -e "$out/usr/bin/mstflint" ]; then
	rm -rf "$stage"
else
	rm -rf "$out"
	mv "$stage" "$out"
fi
note "mstflint tools from $suite: $(awk '{ printf "%s %s ", $1, $2 }' <<<"$pkgs")"
echo "$out"
