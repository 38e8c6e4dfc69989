# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the VM harness scripts: where cached artefacts live and how to
# ask Debian's other suites for packages without touching the system's apt
# sources.

# Under set -e a failing command would end a script without a word: say
# which one failed, and where.
set -E
trap 'echo "$(basename "$0"): line $LINENO: failed (exit $?): $BASH_COMMAND" >&2' ERR

vm_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_dir=$(cd "$vm_dir/../.." && pwd)

# Expensive artefacts (kernel build, extracted source) live outside the repo.
cache_dir=${FWCTL_GUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fwctl-guard}

# Suites searched for linux-source, newest version wins.
kernel_suites=${FWCTL_GUARD_KERNEL_SUITES:-"sid trixie-backports"}

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

note() {
	echo "$(basename "$0"): $*" >&2
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
