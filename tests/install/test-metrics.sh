#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The metrics' two text formats checked by parsers that are not ours:
#   - the Prometheus text format (the daemon's --metrics-textfile, which
#     node_exporter's textfile collector reads): `promtool check metrics`
#     from Debian's prometheus package (tests/install/promtool.sh);
#   - OpenMetrics 1.0 (status --format openmetrics): the strict parser of
#     Debian's python3-prometheus-client (prometheus_client.openmetrics),
#     which refuses a missing "# EOF", a counter sample without _total, a
#     stateset or info sample of the wrong shape, bad escaping.
# Input: build/tests/metrics-sample (a sample state through the real
# writer, loader/ops/metrics.c). Counts its checks; fails on any.
set -euo pipefail

die() { echo "test-metrics: $*" >&2; exit 1; }
OUT=${OUT:-build}
sample=$OUT/tests/metrics-sample
[ -x "$sample" ] || die "$sample is not built (make $sample)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
ok() { pass=$((pass + 1)); echo "PASS: $1"; }

"$sample" prometheus >"$tmp/prom.txt"
"$sample" openmetrics >"$tmp/om.txt"

promtool=$(tests/install/promtool.sh | tail -n 1)
# check metrics: parse errors fail it; lint problems are printed and fail
# it too (exit 3), which is what we want: no lint finding is tolerated.
if "$promtool" check metrics <"$tmp/prom.txt" >"$tmp/lint" 2>&1; then
	ok "promtool check metrics: the textfile format parses with no lint finding"
else
	cat "$tmp/lint" >&2
	die "promtool check metrics refused the textfile format"
fi
# and a broken one is refused (the check can fail)
sed 's/^fwctl_guard_policy_generation 2$/fwctl_guard_policy_generation two/' \
	"$tmp/prom.txt" >"$tmp/bad.txt"
if "$promtool" check metrics <"$tmp/bad.txt" >/dev/null 2>&1; then
	die "promtool accepted a sample value 'two'"
fi
ok "promtool refuses a broken copy"

# OpenMetrics: parse strictly, then check what the families say.
/usr/bin/python3 - "$tmp/om.txt" <<'PY' || die "the OpenMetrics output does not parse"
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse

text = open(sys.argv[1]).read()
fams = {f.name: f for f in parse(text)}
def samples(name):
    return [(s.name, s.labels, s.value) for s in fams[name].samples]

assert all(n.startswith("fwctl_guard_") for n in fams), sorted(fams)
assert fams["fwctl_guard_decisions"].type == "counter"
assert ("fwctl_guard_decisions_total", {"action": "deny"}, 3.0) in samples("fwctl_guard_decisions")
assert fams["fwctl_guard_policy"].type == "info"
info = samples("fwctl_guard_policy")[0][1]
assert info["source"] == '/etc/fwctl-guard/odd "name"\\.policy', info
assert info["sha256"] == "5a" * 32, info
assert fams["fwctl_guard_seal"].type == "stateset"
assert ("fwctl_guard_seal", {"fwctl_guard_seal": "reload"}, 1.0) in samples("fwctl_guard_seal")
assert ("fwctl_guard_rule_hits_total", {"rule": "0", "line": "12", "action": "deny"}, 2.0) \
    in samples("fwctl_guard_rule_hits")
for n in ("events_produced", "events_lost", "events_delivered", "policy_generation"):
    assert "fwctl_guard_" + n in fams, n
print("families:", len(fams))
PY
ok "OpenMetrics: parses strictly; counters, info (escaped source), stateset, rule hits"
head -n -1 "$tmp/om.txt" >"$tmp/om-noeof.txt"
if /usr/bin/python3 -c 'import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as p
list(p(open(sys.argv[1]).read()))' "$tmp/om-noeof.txt" 2>/dev/null; then
	die "the OpenMetrics parser accepted a file without # EOF"
fi
ok "the OpenMetrics parser refuses a copy without # EOF"
echo "test-metrics: $pass passed, 0 failed"
