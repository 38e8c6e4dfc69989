#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: boot the test VM and show the guard allowing one RPC and
# denying another on a real fwctl node, with the denial's event.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
exec "$vm_dir/run" --with "$vm_dir/demo-guest.sh" -- demo-guest.sh
