#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# run-system --preboot: the configured policy no longer compiles when the
# system boots (a bad edit, a half-copied file), before any policy ever
# loaded on this host (so there is no last-good policy either).
echo 'deny effect no-such-effect' >>/etc/fwctl-guard/deny-destructive.policy
