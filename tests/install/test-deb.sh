#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test-deb.sh DEB: the Debian package on the host, no VM:
#   - its name and version follow debian/changelog (the one place the
#     version is written) and the host architecture;
#   - lintian reports no error (its warnings are printed as # lines);
#   - the contents are exactly the expected files with their modes; the
#     conffiles are exactly the site-editable files under /etc; the
#     effects tables are vendor data under /usr/share;
#   - the packaged binary reads /usr/share/fwctl-guard/effects by default
#     and every packaged policy checks against the packaged tables;
#   - the unit's ordering and commands (docs/systemd.md), the udev rule;
#   - no maintainer script can unload the guard;
#   - dpkg --root into an empty folder (maintainer scripts run with
#     DPKG_ROOT, no chroot): install enables the unit, a changed conffile
#     survives a reinstall, remove keeps the conffiles, purge removes every
#     file install and the service created and leaves nothing behind.
#
# Prints `ok - ...` or `not ok - ...` per check; exits 1 on any failure.
# Needs dpkg-deb, lintian, systemd-analyze (make deps); root for the
# dpkg --root part.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
deb=${1:?usage: test-deb.sh DEB}
[ -f "$deb" ] || { echo "test-deb: $deb: no such file" >&2; exit 1; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-guard-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"
# same WANT GOT: the two files are equal, else the diff as # lines.
same() {
	if ! diff -u "$1" "$2" >"$tmp/diff"; then
		sed 's/^/# /' "$tmp/diff"
		return 1
	fi
}

# ---- name and version ----
version=$(sed -n '1s/^fwctl-guard (\([^)]*\)).*/\1/p' "$root/debian/changelog")
arch=$(dpkg --print-architecture)
check "the version comes from debian/changelog ($version)" test -n "$version"
check "the file is named fwctl-guard_${version}_$arch.deb" \
	test "$(basename "$deb")" = "fwctl-guard_${version}_$arch.deb"
check "the package's Version is $version" test "$(dpkg-deb -f "$deb" Version)" = "$version"
check "the package's Architecture is $arch" test "$(dpkg-deb -f "$deb" Architecture)" = "$arch"
check "the package depends on libbpf1 (shlibs)" grep -q 'libbpf1' <<<"$(dpkg-deb -f "$deb" Depends)"

# ---- lintian ----
if lintian --fail-on error --display-level '>=warning' "$deb" >"$tmp/lintian" 2>&1; then
	ok "lintian: no error"
else
	sed 's/^/# /' "$tmp/lintian"
	not_ok "lintian: no error"
fi
grep -E '^[WE]: ' "$tmp/lintian" | sed 's/^/# lintian: /' || true

# ---- contents ----
# "path mode" per regular file and symlink, without the documentation
# folder (checked below), sorted.
expected_contents() {
	local f
	{
		echo "usr/sbin/fwctl-guard 755"
		for f in "$root"/policies/*.policy; do
			echo "etc/fwctl-guard/${f##*/} 644"
		done
		echo "etc/fwctl-guard/effects/README 644"
		for f in "$root"/policies/effects/*.effects; do
			echo "usr/share/fwctl-guard/effects/${f##*/} 644"
		done
		echo "etc/default/fwctl-guard 644"
		echo "etc/logrotate.d/fwctl-guard 644"
		echo "lib/systemd/system/fwctl-guard.service 644"
		echo "lib/udev/rules.d/60-fwctl-guard.rules 644"
		echo "usr/share/bash-completion/completions/fwctl-guard 644"
		echo "usr/share/man/man8/fwctl-guard.8.gz 644"
		echo "usr/share/man/man5/fwctl-guard.policy.5.gz 644"
	} | LC_ALL=C sort
}
# dpkg-deb -c: "-rw-r--r-- root/root size date time ./path"
dpkg-deb -c "$deb" >"$tmp/contents"
mode_of() {
	local p=$1 o=0 i c
	# rwx triplets to octal
	for i in 1 4 7; do
		c=0
		[ "${p:$i:1}" = r ] && c=$((c + 4))
		[ "${p:$((i + 1)):1}" = w ] && c=$((c + 2))
		[ "${p:$((i + 2)):1}" != - ] && c=$((c + 1))
		o=$((o * 10 + c))
	done
	echo "$o"
}
while read -r perm owner _ _ _ path _; do
	case "$perm" in
	d*) continue ;;
	esac
	path=${path#./}
	case "$path" in
	usr/share/doc/*) continue ;;
	esac
	echo "$path $(mode_of "$perm") $owner"
done <"$tmp/contents" | LC_ALL=C sort >"$tmp/got-owned"
cut -d' ' -f1,2 "$tmp/got-owned" >"$tmp/got"
expected_contents >"$tmp/want"
check "contents: exactly the expected $(wc -l <"$tmp/want") files with their modes" \
	same "$tmp/want" "$tmp/got"
check "contents: every file owned by root/root" \
	test -z "$(awk '$3 != "root/root"' "$tmp/got-owned")"
check "contents: copyright and changelog in /usr/share/doc/fwctl-guard" \
	grep -q './usr/share/doc/fwctl-guard/copyright$' "$tmp/contents"
check "contents: no effects table under /etc (vendor data is in /usr/share)" \
	test -z "$(grep -E '^etc/.*\.effects ' "$tmp/got" || true)"

# ---- conffiles ----
mkdir -p "$tmp/ctl"
dpkg-deb -e "$deb" "$tmp/ctl"
{
	for f in "$root"/policies/*.policy; do
		echo "/etc/fwctl-guard/${f##*/}"
	done
	echo /etc/fwctl-guard/effects/README
	echo /etc/default/fwctl-guard
	echo /etc/logrotate.d/fwctl-guard
} | LC_ALL=C sort >"$tmp/want-conffiles"
LC_ALL=C sort "$tmp/ctl/conffiles" >"$tmp/got-conffiles"
check "conffiles: exactly the policies, effects/README, default and logrotate files" \
	same "$tmp/want-conffiles" "$tmp/got-conffiles"

# ---- maintainer scripts ----
scripts=$(cd "$tmp/ctl" && ls preinst postinst prerm postrm 2>/dev/null || true)
# Commands only: the comments may say why not.
check "maintainer scripts never run fwctl-guard (no unload, ever)" \
	test -z "$(cd "$tmp/ctl" && cat $scripts | grep -v '^[[:space:]]*#' |
		grep 'fwctl-guard \(unload\|load\|reload\|run\)\|/sbin/fwctl-guard' || true)"
check "postinst enables fwctl-guard.service (dh_installsystemd)" \
	grep -q "deb-systemd-helper enable 'fwctl-guard.service'" "$tmp/ctl/postinst"
check "postrm purge removes /var/lib/fwctl-guard and /var/log/fwctl-guard" \
	grep -q 'rm -rf "${DPKG_ROOT:-}/var/lib/fwctl-guard" "${DPKG_ROOT:-}/var/log/fwctl-guard"' "$tmp/ctl/postrm"

# ---- the packaged files ----
x=$tmp/x
dpkg-deb -x "$deb" "$x"
bin=$x/usr/sbin/fwctl-guard
check "the packaged binary runs (help)" sh -c '"$1" help >"$2" 2>&1' _ "$bin" "$tmp/help"
check "its default effects folder is /usr/share/fwctl-guard/effects" \
	grep -qx '/usr/share/fwctl-guard/effects,' "$tmp/help"
for p in "$x"/etc/fwctl-guard/*.policy; do
	if "$bin" check --effects-dir "$x/usr/share/fwctl-guard/effects" "$p" >"$tmp/check.log" 2>&1; then
		ok "packaged policy checks: ${p#"$x"}"
	else
		sed 's/^/# /' "$tmp/check.log"
		not_ok "packaged policy checks: ${p#"$x"}"
	fi
done

unit=$x/lib/systemd/system/fwctl-guard.service
unit_has() { grep -qxF "$1" "$unit"; }
check "unit: DefaultDependencies=no (early boot)" unit_has 'DefaultDependencies=no'
check "unit: before sysinit.target and fwupd.service" \
	grep -qE '^Before=.*\bsysinit\.target\b.*\bfwupd\.service\b' "$unit"
check "unit: after local-fs.target and auditd.service" \
	grep -qE '^After=.*\blocal-fs\.target\b.*\bauditd\.service\b' "$unit"
check "unit: WantedBy=sysinit.target" unit_has 'WantedBy=sysinit.target'
check "unit: EnvironmentFile=-/etc/default/fwctl-guard" unit_has 'EnvironmentFile=-/etc/default/fwctl-guard'
check "unit: ExecStartPre checks the policy, and a failing check does not stop the start" \
	unit_has 'ExecStartPre=-/usr/sbin/fwctl-guard check $FWCTL_GUARD_EFFECTS_OPTS ${FWCTL_GUARD_POLICY}'
check "unit: ExecStart runs the daemon with the policy" \
	grep -qE '^ExecStart=/usr/sbin/fwctl-guard run --policy \$\{FWCTL_GUARD_POLICY\}' "$unit"
check "unit: ExecReload is the synchronous reload command (no kill -HUP)" \
	unit_has 'ExecReload=/usr/sbin/fwctl-guard reload $FWCTL_GUARD_EFFECTS_OPTS ${FWCTL_GUARD_POLICY}'
check "unit: the default policy it names is packaged" \
	test -f "$x$(sed -n 's/^Environment=FWCTL_GUARD_POLICY=//p' "$unit")"
# verify resolves the Exec paths against the unpacked package (--root).
if systemd-analyze verify --man=no --root="$x" /lib/systemd/system/fwctl-guard.service \
	>"$tmp/verify" 2>&1 && ! grep -q 'fwctl-guard.service' "$tmp/verify"; then
	ok "unit: systemd-analyze verify is clean"
else
	sed 's/^/# /' "$tmp/verify"
	not_ok "unit: systemd-analyze verify is clean"
fi
rules=$x/lib/udev/rules.d/60-fwctl-guard.rules
check "udev rule: fwctl add/remove runs the registry refresh" \
	grep -qxF 'SUBSYSTEM=="fwctl", ACTION=="add|remove", RUN+="/usr/sbin/fwctl-guard devices"' "$rules"
check "logrotate: rotates /var/log/fwctl-guard and sends SIGUSR1 to the daemon" \
	sh -c 'grep -q "^/var/log/fwctl-guard/\*.jsonl" "$1" && grep -q "systemctl kill --kill-who=main --signal=USR1 fwctl-guard.service" "$1"' \
	_ "$x/etc/logrotate.d/fwctl-guard"
check "/etc/default/fwctl-guard: every setting commented out (the unit has the defaults)" \
	test -z "$(grep -vE '^(#|$)' "$x/etc/default/fwctl-guard" || true)"

# ---- dpkg --root: install, reinstall, remove, purge ----
if [ "$(id -u)" -ne 0 ]; then
	not_ok "dpkg --root install/purge: needs root"
else
	r=$tmp/root
	# The folders every Debian system has, which dpkg and
	# deb-systemd-helper write into.
	mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/usr/sbin" \
		"$r/etc/systemd/system" "$r/var/log"
	: >"$r/var/lib/dpkg/status"
	: >"$r/var/lib/dpkg/available"
	# No service is ever started from here, even on a host running
	# systemd (deb-systemd-invoke asks the root's policy-rc.d).
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
	chmod 755 "$r/usr/sbin/policy-rc.d"
	find "$r" >"$tmp/before"
	dpkg_r() {
		dpkg --root="$r" --force-script-chrootless --force-depends --force-bad-path \
			--force-confold --log=/dev/null "$@" >"$tmp/dpkg.log" 2>&1 ||
			{ sed 's/^/# /' "$tmp/dpkg.log"; return 1; }
	}
	check "dpkg --root -i" dpkg_r -i "$deb"
	check "installed: the binary, a policy, the shipped tables" \
		test -x "$r/usr/sbin/fwctl-guard" -a -f "$r/etc/fwctl-guard/deny-destructive.policy" \
		-a -f "$r/usr/share/fwctl-guard/effects/mlx5.effects"
	want_link=/lib/systemd/system/fwctl-guard.service
	check "installed: the unit is enabled (sysinit.target.wants)" \
		test "$(readlink "$r/etc/systemd/system/sysinit.target.wants/fwctl-guard.service" 2>/dev/null)" = "$want_link"
	check "installed: dpkg records the conffiles" \
		sh -c 'dpkg-query --admindir="$1/var/lib/dpkg" -W -f="\${Conffiles}\n" fwctl-guard | grep -c "^ /etc/" | grep -qx "$2"' \
		_ "$r" "$(wc -l <"$tmp/want-conffiles")"

	echo '# site edit' >>"$r/etc/fwctl-guard/deny-destructive.policy"
	cp "$r/etc/fwctl-guard/deny-destructive.policy" "$tmp/edited"
	check "reinstall over a changed conffile" dpkg_r -i "$deb"
	check "... keeps the site's change" cmp -s "$tmp/edited" "$r/etc/fwctl-guard/deny-destructive.policy"

	# What the service creates when it runs.
	mkdir -p "$r/var/lib/fwctl-guard" "$r/var/log/fwctl-guard"
	echo state >"$r/var/lib/fwctl-guard/last-good.policy"
	echo '{}' >"$r/var/log/fwctl-guard/events.jsonl"
	check "dpkg --root -r (remove)" dpkg_r -r fwctl-guard
	check "removed: the binary is gone, the conffiles stay" \
		test ! -e "$r/usr/sbin/fwctl-guard" -a -f "$r/etc/fwctl-guard/deny-destructive.policy"
	check "dpkg --root -P (purge)" dpkg_r -P fwctl-guard
	find "$r" | grep -v "^$r/var/lib/dpkg/" | grep -vx "$r/var/lib/dpkg" >"$tmp/after" || true
	grep -v "^$r/var/lib/dpkg/" "$tmp/before" | grep -vx "$r/var/lib/dpkg" >"$tmp/before-nodb" || true
	# deb-systemd-helper keeps its (now empty) state folders.
	grep -v "^$r/var/lib/systemd" "$tmp/after" | grep -vxF "$r/var/lib" >"$tmp/after-nohelper" || true
	grep -vxF "$r/var/lib" "$tmp/before-nodb" >"$tmp/before-cmp" || true
	LC_ALL=C sort -o "$tmp/after-nohelper" "$tmp/after-nohelper"
	LC_ALL=C sort -o "$tmp/before-cmp" "$tmp/before-cmp"
	check "purged: nothing left that install or the service created" \
		same "$tmp/before-cmp" "$tmp/after-nohelper"
	check "purged: no enable symlink and no deb-systemd-helper state for the unit" \
		test -z "$(find "$r/etc" "$r/var/lib/systemd" -name '*fwctl-guard*' 2>/dev/null)"
fi

echo "# test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
