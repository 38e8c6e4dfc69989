#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# System VM checks of service behaviour the loader does not have yet
# (docs/systemd.md, "Status"); run with `tests/vm/system-tests.sh
# --pending`, not by make test until the loader has it. Each one asserts
# what the issue asks, and fails on today's loader:
#   (p4) a site table in /etc/fwctl-guard/effects/ is read after the
#        shipped ones (no --effects option).
# Needs guest-lib.sh in PATH.
. "$(command -v guest-lib.sh)"

SHIP=/etc/fwctl-guard
POLICY=$SHIP/deny-destructive.policy

cp "$POLICY" /root/policy.orig

echo "== (p4) site effects tables in /etc/fwctl-guard/effects"
expect "reload of the shipped policy" 0 "" systemctl reload fwctl-guard
expect "without a site table the reset-only change is allowed" 0 "set ok" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x40404040
printf 'type cxl\n0x0502 set_feature config-change-immediate,destructive feature=vendor_test\n' \
	>"$SHIP/effects/site.effects"
expect "reload with the site table in place" 0 "" systemctl reload fwctl-guard
expect "the site table makes the feature destructive: denied" 1 "EPERM" \
	fwctl-rpc --scope debug-write "$DEV" set test 0x50505050

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
