#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# system-image.sh DEB: the system VM's base disk, a Debian system of the
# host's suite built with mmdebstrap (systemd, udev, auditd,
# prometheus-node-exporter, curl, logrotate, bpftool, and the libraries
# DEB depends on), as an ext4 file system in a qcow2 file. The package
# itself is not in it: tests/vm/run-system installs it at each boot into a
# throwaway overlay, so a new package never rebuilds the image. Cached in
#   $cache_dir/system/<suite>-<hash of this script, tests/vm/system/, the
#   package list and DEB's dependency names>/rootfs.qcow2
# and its path is the last line printed. Needs root (mmdebstrap --mode=root,
# file ownership in the image).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deb=${1:?usage: system-image.sh DEB}
[ -f "$deb" ] || die "$deb: no such file"
[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap --mode=root; run: make deps as root)"
for t in mmdebstrap mke2fs qemu-img dpkg-deb; do
	command -v "$t" >/dev/null || die "$t missing (run: make deps)"
done

. /etc/os-release
suite=${FWCTL_GUARD_SYSTEM_SUITE:-${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}}

# What a host running the guard has, and what the system tests use.
packages=(
	systemd systemd-sysv udev dbus kmod procps
	auditd prometheus-node-exporter curl logrotate bpftool
)
# The package's run-time dependencies by name (dpkg -i at boot cannot
# fetch anything): "a (>= 1), b | c" -> a b (first alternative).
mapfile -t deb_deps < <(dpkg-deb -f "$deb" Depends Pre-Depends |
	sed 's/^[A-Za-z-]*: //' | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' |
	grep -v '^$' | sort -u)

key=$( (cat "$0" "$vm_dir/system/preinit"; echo "$suite"; printf '%s\n' "${packages[@]}" "${deb_deps[@]}") |
	sha256sum | cut -c1-12)
out=$cache_dir/system/$suite-$key
if [ -e "$out/done" ]; then
	note "cached system image $suite ($key)"
	echo "$out/rootfs.qcow2"
	exit 0
fi
note "building the system image: Debian $suite with ${packages[*]} ${deb_deps[*]} into $out"

mirror=$("$top_dir/scripts/debian-mirror.sh")
mkdir -p "$(dirname "$out")"
stage=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
log=$stage/build.log
start=$(date +%s)

include=$(printf '%s,' "${packages[@]}" "${deb_deps[@]}")
# --variant=apt: Essential packages and apt, then the list, without
# Recommends (as a minimal server install). The customize hooks run on
# the host with the root folder as $1: the guest's first process
# (tests/vm/system/preinit; the command runner comes with each boot), a
# fixed machine-id (every boot of an overlay would otherwise be a first
# boot), multi-user.target as the default, and no timers or gettys, which
# only cost time under TCG and would run at random in tests.
hook_files="install -D -m 0755 '$vm_dir/system/preinit' \"\$1/usr/lib/fwctl-guard-vm/preinit\""
hook_config='echo fwctl-guard-vm >"$1/etc/hostname" &&
	printf "127.0.0.1 localhost\n127.0.1.1 fwctl-guard-vm\n" >"$1/etc/hosts" &&
	printf "/dev/vda / ext4 rw,noatime 0 0\n" >"$1/etc/fstab" &&
	rm -f "$1/etc/machine-id" && chroot "$1" systemd-machine-id-setup &&
	chroot "$1" systemctl set-default multi-user.target &&
	chroot "$1" systemctl mask getty@tty1.service serial-getty@ttyS0.service \
		apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer \
		fstrim.timer logrotate.timer dpkg-db-backup.timer'
if ! mmdebstrap --mode=root --variant=apt --format=directory \
	--aptopt='APT::Install-Recommends "false"' \
	--include="${include%,}" \
	--customize-hook="$hook_files" \
	--customize-hook="$hook_config" \
	"$suite" "$root" \
	"deb $mirror $suite main" "deb $mirror $suite-updates main" >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	die "mmdebstrap failed (log: $log)"
fi
booted=$(date +%s)

# The file system: the tree plus room for what the tests write (the
# overlay holds the writes; the size is the guest's view).
used_mb=$(du -sm "$root" | cut -f1)
size_mb=$((used_mb + 1024))
mke2fs -q -t ext4 -L fgroot -d "$root" "$stage/rootfs.raw" "${size_mb}M" >>"$log" 2>&1 ||
	die "mke2fs failed (log: $log)"
qemu-img convert -f raw -O qcow2 "$stage/rootfs.raw" "$stage/rootfs.qcow2" >>"$log" 2>&1 ||
	die "qemu-img convert failed (log: $log)"
chroot "$root" dpkg-query -W -f='${Package} ${Version}\n' >"$stage/packages.list"
rm -rf "$root" "$stage/rootfs.raw"
end=$(date +%s)
{
	echo "suite $suite"
	echo "mmdebstrap_seconds $((booted - start))"
	echo "image_seconds $((end - booted))"
	echo "tree_mb $used_mb"
	echo "qcow2_bytes $(stat -c %s "$stage/rootfs.qcow2")"
	echo "packages $(wc -l <"$stage/packages.list")"
} >"$stage/stats"
chmod 755 "$stage"
if [ -e "$out/done" ]; then
	# Another run finished first: its result stands.
	rm -rf "$stage"
else
	rm -rf "$out"
	mv "$stage" "$out"
	touch "$out/done"
fi
trap - EXIT
note "system image ready in $((end - start)) s: $(tr '\n' ' ' <"$out/stats")"
echo "$out/rootfs.qcow2"
