#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Print the Debian archive URI this machine's own apt configuration uses.
# Other suites (bookworm-backports, trixie-backports, sid) are fetched from
# the same mirror; the host name is never written into the repository.
set -euo pipefail

uri=""
if [ -r /etc/apt/sources.list.d/debian.sources ]; then
	# deb822: take the URIs of the stanza whose Suites name the main suite
	# (not -security, whose archive carries no other suites).
	uri=$(awk '
		/^URIs:/ { u = $2 }
		/^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { s = 1 } }
		/^$/ { if (u != "" && s) { print u; exit } u = ""; s = 0 }
		END { if (u != "" && s) print u }
	' /etc/apt/sources.list.d/debian.sources | head -n 1)
fi
if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
	uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
		/etc/apt/sources.list)
fi
if [ -z "$uri" ]; then
	echo "debian-mirror: no Debian archive URI found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list" >&2
	exit 1
fi
printf '%s\n' "${uri%/}"
