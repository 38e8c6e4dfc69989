#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# promtool.sh: the path of promtool from Debian's prometheus package,
# without installing the package (its postinst would start a Prometheus
# server on the host): apt-get download through the system's apt
# configuration, dpkg-deb -x, the one static binary kept in
# $FWCTL_GUARD_CACHE/promtool/<version>/promtool. Prints its path last.
set -euo pipefail

die() { echo "promtool.sh: $*" >&2; exit 1; }
note() { echo "promtool.sh: $*" >&2; }

cache_dir=${FWCTL_GUARD_CACHE:-$HOME/.cache/fwctl-guard}
version=$(apt-cache policy prometheus 2>/dev/null | sed -n 's/^  Candidate: //p')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
	[ "$(id -u)" -eq 0 ] || die "no candidate version of prometheus (run: apt-get update)"
	apt-get -qq update >&2 || die "apt-get update failed"
	version=$(apt-cache policy prometheus | sed -n 's/^  Candidate: //p')
	[ -n "$version" ] && [ "$version" != "(none)" ] ||
		die "no candidate version of prometheus in the package lists"
fi
out=$cache_dir/promtool/${version//[~:+]/_}
if [ -x "$out/promtool" ]; then
	note "cached promtool $version"
	echo "$out/promtool"
	exit 0
fi
note "fetching prometheus $version for its promtool"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get -qq -o APT::Sandbox::User=root download "prometheus=$version" >&2) ||
	die "cannot download prometheus=$version"
dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
[ -x "$work/root/usr/bin/promtool" ] || die "the prometheus package has no /usr/bin/promtool"
mkdir -p "$out"
cp "$work/root/usr/bin/promtool" "$out/promtool.tmp"
mv -f "$out/promtool.tmp" "$out/promtool"
echo "$out/promtool"
