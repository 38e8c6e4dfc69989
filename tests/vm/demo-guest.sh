#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM for `make demo`: one allowed and one denied RPC on a
# real CXL fwctl node, and the denial's event.
set -u
DEV=
for d in /dev/fwctl/fwctl*; do
	fwctl-rpc "$d" info 2>/dev/null | grep -q 'type=cxl' && { DEV=$d; break; }
done
[ -n "$DEV" ] || { echo "demo: no CXL fwctl node in the VM" >&2; exit 1; }
step() { echo; echo "\$ $*"; "$@"; echo "[exit $?]"; }

echo "fwctl nodes: $(ls /dev/fwctl | tr '\n' ' ')"
echo; echo "# the nodes, their parents and (CXL) the features each device reports"
step fwctl-guard devices
step cat /etc/fwctl-guard/deny-debug-write.policy
step fwctl-guard load /etc/fwctl-guard/deny-debug-write.policy
echo; echo "# allowed: Get Feature of the mock's test Feature at scope configuration"
step fwctl-rpc --scope configuration "$DEV" get test
echo; echo "# denied: Set Feature at scope debug-write (the driver itself would accept it)"
step fwctl-rpc --scope debug-write "$DEV" set test 0x12345678
echo; echo "# the denial, as the guard reported it"
step fwctl-guard events
step fwctl-guard status
step fwctl-guard unload
