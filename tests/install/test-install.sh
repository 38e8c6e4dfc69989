#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make install and make uninstall, into temporary DESTDIRs:
#   A: prefix=/usr (sysconfdir /etc), the build in $OUT (default build/);
#   B: prefix=/opt/fg sysconfdir=/opt/fg/etc, built in a temporary OUT so
#      that the binary compiled for B's paths does not replace $OUT's.
# For each: the exact tree with modes, nothing written outside DESTDIR, the
# binary runs and has the shipped effects folder ($datadir/fwctl-guard/
# effects) compiled in, every installed policy checks against the
# installed effects tables (found without --effects-dir), the bash
# completion is where bash-completion looks and completes, the unit, the
# udev rule and /etc/default file name the installed paths with no @...@
# left, the man pages render without a warning, a second install changes
# nothing and keeps a policy the site changed, uninstall removes what
# install wrote and nothing else (a changed policy and a site policy stay).
#
# Prints `ok - ...` or `not ok - ...` per check; exits 1 on any failure.
# Needs make, install and groff (groff-base); as any user.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-build}
# Only this script's settings reach the inner makes: no install variables
# from the environment or from an outer make's command line.
unset MAKEFLAGS MFLAGS MAKELEVEL DESTDIR prefix sbindir datadir mandir sysconfdir unitdir \
	udevrulesdir effectsdir bashcompdir

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-guard-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stamp=$tmp/stamp
touch "$stamp"

. "$(dirname "$0")/tap.sh"

# run_to FILE COMMAND...: the command's output into FILE.
run_to() {
	local file=$1
	shift
	"$@" >"$file" 2>&1
}

# Run make in the tree; on failure show its output.
run_make() {
	local log=$tmp/make.log

	if ! make -C "$root" --no-print-directory "$@" >"$log" 2>&1; then
		sed 's/^/# /' "$log"
		return 1
	fi
}

no_placeholders() {
	[ -f "$1" ] || return 1
	! grep -nE '@[A-Za-z_]+@' "$1" | sed 's/^/# /' | grep .
}

# The tree install must produce: "path mode" per file, relative to DESTDIR.
expected_tree() {
	local sbindir=$1 sysconfdir=$2 unitdir=$3 mandir=$4 effectsdir=$5 udevrulesdir=$6 compdir=$7 f

	{
		echo "${sbindir#/}/fwctl-guard 755"
		for f in "$root"/policies/*.policy; do
			echo "${sysconfdir#/}/fwctl-guard/${f##*/} 644"
		done
		echo "${sysconfdir#/}/fwctl-guard/effects/README 644"
		for f in "$root"/policies/effects/*.effects; do
			echo "${effectsdir#/}/${f##*/} 644"
		done
		echo "${sysconfdir#/}/default/fwctl-guard 644"
		echo "${sysconfdir#/}/logrotate.d/fwctl-guard 644"
		echo "${unitdir#/}/fwctl-guard.service 644"
		echo "${udevrulesdir#/}/60-fwctl-guard.rules 644"
		echo "${mandir#/}/man8/fwctl-guard.8 644"
		echo "${mandir#/}/man5/fwctl-guard.policy.5 644"
		echo "${compdir#/}/fwctl-guard 644"
	} | LC_ALL=C sort
}

# Everything but folders under DESTDIR, as "path mode".
actual_tree() {
	(cd "$1" && find . ! -type d -printf '%P %m\n' | LC_ALL=C sort)
}

same_tree() {
	local dest=$1 want=$2

	if ! diff -u "$want" <(actual_tree "$dest") >"$tmp/tree.diff"; then
		sed 's/^/# /' "$tmp/tree.diff"
		return 1
	fi
}

# Value of the first KEY= line of the unit (VALUE: of KEY=VALUE=); empty
# when there is none, or no unit.
unit_value() {
	[ -f "$1" ] || return 0
	sed -n "s/^$2=//p" "$1" | head -n 1
}

# completes FILE WANT WORD...: sourcing FILE, completing the last WORD
# offers WANT.
completes() {
	local file=$1 want=$2
	shift 2
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fwctl_guard
		printf "%s\n" "${COMPREPLY[@]}"' _ "$file" "$@" | grep -qx -- "$want"
}

man_clean() {
	local page=$1 err

	if ! err=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || [ -n "$err" ]; then
		printf '%s\n' "$err" | sed 's/^/# /'
		return 1
	fi
}

# install_case NAME DESTDIR PREFIX SYSCONFDIR OUT: the whole series for one
# installation.
install_case() {
	local name=$1 dest=$2 prefix=$3 sysconfdir=$4 build=$5
	local sbindir=$prefix/sbin mandir=$prefix/share/man unitdir=$prefix/lib/systemd/system
	local effectsdir=$prefix/share/fwctl-guard/effects udevrulesdir=$prefix/lib/udev/rules.d
	local compdir=$prefix/share/bash-completion/completions
	local vars=(DESTDIR="$dest" prefix="$prefix" sysconfdir="$sysconfdir" OUT="$build")
	local bin=$dest$sbindir/fwctl-guard unit=$dest$unitdir/fwctl-guard.service
	local rules=$dest$udevrulesdir/60-fwctl-guard.rules default=$dest$sysconfdir/default/fwctl-guard
	local want=$tmp/$name.want p exec policy

	if ! run_make install "${vars[@]}"; then
		not_ok "$name: make install ${vars[*]}"
		return
	fi
	ok "$name: make install ${vars[*]}"

	expected_tree "$sbindir" "$sysconfdir" "$unitdir" "$mandir" "$effectsdir" "$udevrulesdir" \
		"$compdir" >"$want"
	check "$name: installed tree and modes are exactly the expected $(wc -l <"$want") files" \
		same_tree "$dest" "$want"

	check "$name: $sbindir/fwctl-guard help exits 0" \
		run_to "$tmp/$name.help" "$bin" help
	check "$name: the binary's default effects folder is $effectsdir" \
		grep -qxF "$effectsdir," "$tmp/$name.help"

	for p in "$dest$sysconfdir"/fwctl-guard/*.policy; do
		if "$bin" check --effects-dir "$dest$effectsdir" "$p" \
			>"$tmp/check.log" 2>&1; then
			ok "$name: fwctl-guard check ${p#"$dest"}"
		else
			sed 's/^/# /' "$tmp/check.log"
			not_ok "$name: fwctl-guard check ${p#"$dest"}"
		fi
	done

	check "$name: the unit is installed" test -f "$unit"
	exec=$(unit_value "$unit" ExecStart)
	check "$name: unit ExecStart runs $sbindir/fwctl-guard (ExecStart=$exec)" \
		test "${exec%% *}" = "$sbindir/fwctl-guard"
	check "$name: unit ExecStart is 'fwctl-guard run --policy ...'" \
		grep -qE '^ExecStart=[^ ]+/fwctl-guard run --policy \$\{FWCTL_GUARD_POLICY\}' "$unit"
	check "$name: the unit has no unsubstituted @...@" no_placeholders "$unit"
	policy=$(unit_value "$unit" Environment=FWCTL_GUARD_POLICY)
	check "$name: the unit's default policy ($policy) is installed" \
		test -n "$policy" -a -f "$dest$policy"
	check "$name: the unit's EnvironmentFile is under $sysconfdir" \
		test "$(unit_value "$unit" EnvironmentFile)" = "-$sysconfdir/default/fwctl-guard"

	check "$name: the udev rule runs $sbindir/fwctl-guard on fwctl add/remove" \
		grep -qxF "SUBSYSTEM==\"fwctl\", ACTION==\"add|remove\", RUN+=\"$sbindir/fwctl-guard devices\"" "$rules"
	check "$name: the udev rule has no unsubstituted @...@" no_placeholders "$rules"
	check "$name: default/fwctl-guard names $sysconfdir/fwctl-guard policies, no @...@" \
		sh -c 'grep -q "^#FWCTL_GUARD_POLICY=$1/fwctl-guard/deny-destructive.policy$" "$2" && ! grep -q "@[a-z]*@" "$2"' \
		_ "$sysconfdir" "$default"
	check "$name: effects/README names the shipped folder $effectsdir" \
		grep -qF "$effectsdir" "$dest$sysconfdir/fwctl-guard/effects/README"

	check "$name: man8/fwctl-guard.8 renders with no groff warning" \
		man_clean "$dest$mandir/man8/fwctl-guard.8"
	check "$name: man5/fwctl-guard.policy.5 renders with no groff warning" \
		man_clean "$dest$mandir/man5/fwctl-guard.policy.5"
	check "$name: the bash completion completes 'fwctl-guard chec' to check" \
		completes "$dest$compdir/fwctl-guard" check fwctl-guard chec

	check "$name: a second make install succeeds" run_make install "${vars[@]}"
	check "$name: ... and leaves the same tree" same_tree "$dest" "$want"

	# A policy the site changed: the next install keeps it.
	p=$dest$sysconfdir/fwctl-guard/deny-destructive.policy
	echo '# site change' >>"$p"
	cp "$p" "$tmp/$name.changed"
	check "$name: make install over a changed policy succeeds" run_make install "${vars[@]}"
	check "$name: ... and keeps the site's change" cmp -s "$tmp/$name.changed" "$p"
}

# uninstall_case NAME DESTDIR PREFIX SYSCONFDIR OUT, after install_case.
uninstall_case() {
	local name=$1 dest=$2 prefix=$3 sysconfdir=$4 build=$5
	local vars=(DESTDIR="$dest" prefix="$prefix" sysconfdir="$sysconfdir" OUT="$build")
	local want=$tmp/$name.want

	# A site policy beside the shipped ones, and the shipped policy the
	# site changed (install_case): uninstall must leave both.
	echo 'default allow' >"$dest$sysconfdir/fwctl-guard/site.policy"
	check "$name: make uninstall" run_make uninstall "${vars[@]}"
	printf '%s\n' "${sysconfdir#/}/fwctl-guard/deny-destructive.policy 644" \
		"${sysconfdir#/}/fwctl-guard/site.policy 644" >"$want"
	check "$name: uninstall removed every installed file, and only those" \
		same_tree "$dest" "$want"
}

case_usr=(usr "$tmp/usr" /usr /etc "$out")
case_opt=(opt "$tmp/opt" /opt/fg /opt/fg/etc "$tmp/build-opt")
install_case "${case_usr[@]}"
install_case "${case_opt[@]}"

# Nothing outside the DESTDIRs (before uninstall, which could hide it): no
# file named for the project is newer than the stamp in the places an
# install could write (the work tree and the temporary folder excluded),
# and /opt/fg was never made.
outside=$(find /etc /usr /opt /var /srv -xdev \
	\( -path "$tmp" -o -path "$root" \) -prune -o \
	-newer "$stamp" -name '*fwctl-guard*' -print 2>/dev/null || true)
if [ -z "$outside" ]; then
	ok "nothing written outside DESTDIR"
else
	printf '%s\n' "$outside" | sed 's/^/# /'
	not_ok "nothing written outside DESTDIR"
fi
check "no /opt/fg outside DESTDIR" test ! -e /opt/fg

uninstall_case "${case_usr[@]}"
uninstall_case "${case_opt[@]}"

echo "# test-install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
