#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package the build, the tests and the VM harness need,
# non-interactively. QEMU comes from <codename>-backports (the VM harness wants
# QEMU >= 10 for its CXL/NUMA layout); the kernel source (newest
# linux-source >= 7.2 in sid or trixie-backports) is fetched and unpacked into
# the cache by tests/vm/kernel-source.sh.
# Run as root. Idempotent: a second run installs nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: must run as root (apt-get install)" >&2
	exit 1
fi

. /etc/os-release
codename=${VERSION_CODENAME:?install-deps: no VERSION_CODENAME in /etc/os-release}
mirror=$("$here/debian-mirror.sh")

host_pkgs=(
	# build of the guard (flex and bison: the policy parser, and the kernel
	# build below; nettle: SHA-256 of the policy sources)
	make gcc clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev libzstd-dev
	pkg-config libjson-c-dev flex bison nettle-dev
	# the event daemon's audit sink (libaudit, static: libcap-ng too)
	libaudit-dev libcap-ng-dev
	# a 32-bit test client for the compat ioctl path
	gcc-multilib
	# unit tests; the install test renders the man pages
	libcriterion-dev groff-base
	# VM harness: initramfs, kernel build, QEMU
	busybox-static cpio kmod bc libssl-dev dwarves xz-utils zstd
	perl python3 rsync
	# the metrics check: an OpenMetrics parser (promtool comes from the
	# prometheus package without installing it: tests/install/promtool.sh)
	python3-prometheus-client
	# the Debian package (make deb) and its tests: lintian, the unit
	# checked with systemd-analyze
	dpkg-dev debhelper lintian systemd
	# the system VM's Debian image (tests/vm/system-image.sh)
	mmdebstrap e2fsprogs debian-archive-keyring
)

missing=()
for p in "${host_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done

qemu_ok() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 || return 1
	# qemu-img: the system VM's copy-on-write overlays
	command -v qemu-img >/dev/null 2>&1 || return 1
	local v
	v=$(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p')
	[ "${v:-0}" -ge 10 ]
}

# The kernel source for the VM comes from another suite, fetched with a
# private apt state (no change to the system's sources).
fetch_kernel_source() {
	"$here/../tests/vm/kernel-source.sh" | tail -n 1 | awk '{print "install-deps: kernel source " $1 " " $2}'
}

if [ ${#missing[@]} -eq 0 ] && qemu_ok; then
	fetch_kernel_source
	echo "install-deps: everything is installed"
	exit 0
fi

apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
	echo "install-deps: installing ${missing[*]}"
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! qemu_ok; then
	list=/etc/apt/sources.list.d/fwctl-guard-backports.sources
	if [ ! -e "$list" ]; then
		cat >"$list" <<SRC
Types: deb
URIs: $mirror
Suites: $codename-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
		apt-get update -qq
	fi
	echo "install-deps: installing qemu-system-x86 from $codename-backports"
	apt-get install -y -qq --no-install-recommends -t "$codename-backports" \
		qemu-system-x86 qemu-utils
	qemu_ok || { echo "install-deps: QEMU >= 10 still missing after install" >&2; exit 1; }
fi
fetch_kernel_source
echo "install-deps: done"
