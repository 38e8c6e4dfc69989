# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the VM harness scripts: where cached artefacts live and how to
# ask Debian's other suites for packages without touching the system's apt
# sources.

# Under set -e a failing command would end a script without a word: say
# which one failed, and where.
set -E
trap 'fg_rc=$?; echo "$(basename "$0"): line $LINENO: failed (exit $fg_rc): $BASH_COMMAND" >&2' ERR

vm_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_dir=$(cd "$vm_dir/../.." && pwd)

# Expensive artefacts (kernel build, extracted source) live outside the repo.
cache_dir=${FWCTL_GUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fwctl-guard}

# Suites searched for linux-source-X.Y; per package, apt's candidate wins
# (sid over backports).
kernel_suites=${FWCTL_GUARD_KERNEL_SUITES:-"sid trixie-backports"}

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

note() {
	echo "$(basename "$0"): $*" >&2
}

# run CMD ARGS...: CMD's output to $log; on failure its tail and a death;
# each step's duration to stderr (where a cold build spends its time).
run() {
	local t0=$SECONDS

	note "$*"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "failed: $* (full log: $log)"
	fi
	note "  ($((SECONDS - t0)) s)"
}

# source_tree PACKAGE VERSION: where kernel-source.sh unpacks a version.
# source/, not src/: trees under src/ were built in place by earlier
# versions of this harness and are no longer clean enough for make O=.
source_tree() {
	echo "$cache_dir/source/$1-${2//[~:+]/_}/linux"
}

# Private apt state: lists for $kernel_suites from this machine's mirror.
apt_state=$cache_dir/apt
apt_opts=(
	-o "Dir::Etc::SourceList=$apt_state/sources.list"
	-o "Dir::Etc::SourceParts=/dev/null"
	-o "Dir::State::Lists=$apt_state/lists"
	-o "Dir::Cache=$apt_state/cache"
	-o "Debug::NoLocking=1"
	-o "APT::Sandbox::User=root"
)

apt_private_update() {
	local mirror s
	mirror=$("$top_dir/scripts/debian-mirror.sh") || return 1
	mkdir -p "$apt_state/lists/partial" "$apt_state/cache/archives/partial"
	: >"$apt_state/sources.list"
	for s in $kernel_suites; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main" \
			>>"$apt_state/sources.list"
	done
	apt-get "${apt_opts[@]}" -qq update >&2
}

# check_signed BUILD_DIR MODULE_DIR: every .ko under MODULE_DIR carries a
# SHA-256 signature by BUILD_DIR's module signing key (kmod's modinfo
# reads it). Under lockdown=integrity the kernel refuses anything else,
# and modules_install does not fail when it cannot sign an external
# module, so check here rather than in a VM that will not boot.
check_signed() {
	local build=$1 dir=$2 serial ko key algo n=0 bad=0

	serial=$(openssl x509 -inform DER -in "$build/certs/signing_key.x509" -noout -serial) ||
		return 1
	serial=${serial#serial=}
	while IFS= read -r -d '' ko; do
		n=$((n + 1))
		key=$(modinfo -F sig_key "$ko" | tr -d ': \t\n')
		algo=$(modinfo -F sig_hashalgo "$ko")
		if [ "${key^^}" != "${serial^^}" ] || [ "$algo" != sha256 ]; then
			note "not signed by $build/certs/signing_key.x509 with sha256: $ko (key '${key}', hash '$algo')"
			bad=1
		fi
	done < <(find "$dir" -name '*.ko' -print0)
	[ "$n" -gt 0 ] || { note "no modules under $dir"; return 1; }
	return "$bad"
}
