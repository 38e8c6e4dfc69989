#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# audit-tools.sh: a sysroot with Debian's auditd, auditctl, ausearch and
# aureport and every shared library they load, the dynamic loader and libc
# included (the VM's initramfs has busybox-static and nothing else), each a
# regular file at the absolute path the loader looks for it, for
# `tests/vm/run --sysroot DIR`. Prints its directory as the last line.
#
# Nothing is installed on the host (auditd's postinst would start a
# service): the auditd package, and each library package it needs that the
# host does not have at the candidate version, are fetched with
# `apt-get download` through the system's own apt configuration and
# unpacked with `dpkg-deb -x`; libraries the host has at that version are
# copied from the host. The result is cached under
#   $cache_dir/audit-tools/<hash of this script and the packages' versions>/
# and reused while those versions stand.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# What the guest runs. Their libraries follow from ldd.
tools=(sbin/auditd sbin/auditctl sbin/ausearch sbin/aureport)
arch=$(dpkg --print-architecture)
multiarch=$(gcc -dumpmachine)

# The library packages' closure from auditd down: "PACKAGE VERSION deb" to
# fetch, "PACKAGE VERSION host" when the host has that very version (its
# own dependencies then are on the host too, so the walk stops there).
# Three apt/dpkg queries in all: each apt-cache run reads every list.
resolve() {
	local graph p v queue seen=" "
	local -A deps cand inst
	# Only libraries: auditd's other dependencies (awk,
	# init-system-helpers) serve its maintainer scripts.
	graph=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances auditd 2>/dev/null |
		awk '/^[^ ]/ { p = $1 } $1 ~ /^(Pre)?Depends:$/ && $2 ~ /^lib/ { print p, $2 }')
	[ -n "$graph" ] || { note "no auditd in the system's package lists"; return 1; }
	while read -r p v; do
		deps[$p]+=" $v"
	done <<<"$graph"
	# shellcheck disable=SC2086
	while read -r p v; do
		cand[$p]=$v
	done < <(apt-cache policy auditd ${!deps[*]} 2>/dev/null |
		awk '/^[^ ]/ { p = $1; sub(/:.*$/, "", p) } $1 == "Candidate:" { print p, $2 }')
	# dpkg-query fails when one of them is not installed: not an error.
	# shellcheck disable=SC2046,SC2086
	while read -r p v; do
		inst[${p%%:*}]=$v
	done < <({ dpkg-query -W -f='${Package} ${Status} ${Version}\n' \
		$(printf "%s:$arch " ${!deps[*]}) 2>/dev/null || true; } |
		awk '$2 == "install" && $4 == "installed" { print $1, $5 }')
	queue=(auditd)
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		case "$seen" in *" $p "*) continue ;; esac
		seen="$seen$p "
		v=${cand[$p]:-}
		if [ -z "$v" ] || [ "$v" = "(none)" ]; then
			note "no candidate version of $p in the system's package lists"
			return 1
		fi
		if [ "$p" != auditd ] && [ "${inst[$p]:-}" = "$v" ]; then
			echo "$p $v host"
			continue
		fi
		echo "$p $v deb"
		# shellcheck disable=SC2206
		queue+=(${deps[$p]:-})
	done
}

# Lists without auditd, or so old that the mirror no longer has those
# versions: as root, refresh the system's lists once (what make deps does)
# and start over; otherwise say what to run.
stale_lists() {
	if [ "$(id -u)" -eq 0 ] && [ -z "${FWCTL_GUARD_AUDIT_TOOLS_UPDATED:-}" ]; then
		note "$1: apt-get update, then again"
		apt-get -qq update >&2 || die "apt-get update failed"
		rm -rf "${work:-}" "${stage:-}"
		FWCTL_GUARD_AUDIT_TOOLS_UPDATED=1 exec "$0"
	fi
	die "$1 (run: make deps, or apt-get update)"
}

pkgs=$(resolve) || stale_lists "the package lists lack auditd or a library it needs"
key=$( (cat "$0"; echo "$pkgs") | sha256sum | cut -c1-12)
auditd_version=$(awk '$1 == "auditd" { print $2 }' <<<"$pkgs")
out=$cache_dir/audit-tools/${auditd_version//[~:+]/_}-$key
if [ -e "$out/sbin/auditd" ]; then
	note "cached audit tools: auditd $auditd_version ($out)"
	echo "$out"
	exit 0
fi
note "building the audit tools sysroot: auditd $auditd_version into $out"

# A stage of its own beside the result: two runs at once do not collide.
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
stage=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$work" "$stage"' EXIT
chmod 755 "$stage"
mkdir -p "$work/debs" "$work/root"

mapfile -t fetch < <(awk '$3 == "deb" { printf "%s=%s\n", $1, $2 }' <<<"$pkgs")
note "fetching: ${fetch[*]}"
# -o APT::Sandbox::User=root: as root, apt would otherwise try to download
# as _apt into a directory _apt may not write.
if ! (cd "$work/debs" && apt-get -qq -o APT::Sandbox::User=root download "${fetch[@]}" >&2); then
	stale_lists "cannot download ${fetch[*]}"
fi
for deb in "$work"/debs/*.deb; do
	dpkg-deb -x "$deb" "$work/root"
done

# Library directories of the unpacked packages ahead of the host's: ldd
# resolves against those first, as the guest loader will find them.
libpath=
for d in "lib/$multiarch" "usr/lib/$multiarch" lib usr/lib; do
	[ -d "$work/root/$d" ] && libpath=${libpath:+$libpath:}$work/root/$d
done

# put SRC DEST: a regular file (symlinks followed) at DEST in the sysroot.
put() {
	mkdir -p "$stage$(dirname "$2")"
	cp -L --preserve=mode "$1" "$stage$2"
}

for t in "${tools[@]}"; do
	[ -f "$work/root/$t" ] || die "the auditd package has no $t"
	put "$work/root/$t" "/$t"
	lddout=$(LD_LIBRARY_PATH=$libpath ldd "$work/root/$t" 2>&1) ||
		die "ldd $t failed: $lddout"
	if grep -q 'not found' <<<"$lddout"; then
		die "$t: libraries not found (neither on the host nor in the fetched packages): $(grep 'not found' <<<"$lddout" | sed 's/^[[:space:]]*//' | tr '\n' ' ')"
	fi
	# shellcheck disable=SC2013
	for lib in $(grep -o '/[^ ]*' <<<"$lddout"); do
		case "$lib" in
		"$work/root"/*) put "$lib" "${lib#"$work/root"}" ;;
		*) put "$lib" "$lib" ;;
		esac
	done
done
# libc loads libgcc_s.so.1 when a thread is cancelled (auditd calls
# pthread_cancel); ldd cannot see that. Next to libc, from the fetched
# packages or else the host.
libc=$(cd "$stage" && find . -name libc.so.6 -type f | head -n 1)
[ -n "$libc" ] || die "no libc.so.6 among the tools' libraries"
libgcc=$(gcc -print-file-name=libgcc_s.so.1)
for d in "lib/$multiarch" "usr/lib/$multiarch"; do
	[ -f "$work/root/$d/libgcc_s.so.1" ] && libgcc=$work/root/$d/libgcc_s.so.1
done
[ -f "$libgcc" ] || die "libgcc_s.so.1 not found on the host (gcc -print-file-name)"
put "$libgcc" "$(dirname "${libc#.}")/libgcc_s.so.1"

mkdir -p "$stage/usr/share/fwctl-guard"
echo "$pkgs" >"$stage/usr/share/fwctl-guard/audit-tools.packages"
# Smoke test on the host, with the sysroot's libraries only.
"$stage/lib64/ld-linux-x86-64.so.2" --library-path \
	"$(cd "$stage" && find . -name '*.so*' -type f -printf "$stage/%h\n" | sort -u | paste -sd:)" \
	"$stage/sbin/ausearch" -v >/dev/null 2>&1 ||
	die "the sysroot's ausearch does not run on the host"
# Another run may have finished first: then its result stands.
if [ -e "$out/sbin/auditd" ]; then
	rm -rf "$stage"
else
	rm -rf "$out"
	mv "$stage" "$out"
fi
note "audit tools: $(awk '{ printf "%s %s (%s) ", $1, $2, $3 }' <<<"$pkgs")"
echo "$out"
