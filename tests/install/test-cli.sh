#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The built command line, one case per line of the table below, on the
# host (nothing here loads BPF): every command's --help, options before
# and after operands and after --, standard input, exit statuses,
# escaping of what diagnostics quote, binary input, explain's request
# words (names, numbers, any order, uid root, "did you mean"), replay
# errors counted, status and devices without a guard or a device, the
# tables found beside an uninstalled binary; the man page's examples run
# and compared with their real output; the audit formatter's records read
# by auditd's aureport and ausearch; the bash completion.
#
# aureport and ausearch: the host's when installed, else the sysroot of
# tests/vm/audit-tools.sh (Debian's auditd package unpacked, never
# installed: its postinst would start the daemon on the host). Without
# either the audit cases are skipped with the reason, except under
# CI=true, where that fails.
#
# Prints `ok - ...` or `not ok - ...` per case; exits 1 on any failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-build}
case $out in /*) ;; *) out=$root/$out ;; esac
bin=$out/fwctl-guard
sample=$out/tests/audit-sample
pol=$root/policies
fx=$pol/effects

die() { echo "test-cli: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no $bin: make first"
[ -x "$sample" ] || die "no $sample: make $out/tests/audit-sample"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-guard-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# No guard here, whatever the host has loaded.
export FWCTL_GUARD_PIN_DIR=$tmp/no-pins
unset POSIXLY_CORRECT

. "$(dirname "$0")/tap.sh"
skipped=0
skip() { echo "ok - $1 # SKIP $2"; skipped=$((skipped + 1)); }

# t NAME STATUS OUT ERR CMD...: run CMD (standard input from $IN, default
# /dev/null); it must exit with STATUS, and its stdout and stderr must
# each have a line matching the extended regex OUT / ERR ('' for no
# demand, '^$' for nothing at all). The last run's output stays in
# $tmp/out and $tmp/err.
IN=/dev/null
t() {
	local name=$1 want=$2 o=$3 e=$4 st=0
	shift 4
	"$@" <"$IN" >"$tmp/out" 2>"$tmp/err" || st=$?
	IN=/dev/null
	if [ "$st" != "$want" ]; then
		not_ok "$name (exit $st, not $want)"
	elif [ "$o" = '^$' ] && [ -s "$tmp/out" ]; then
		not_ok "$name (stdout not empty)"
	elif [ "$e" = '^$' ] && [ -s "$tmp/err" ]; then
		not_ok "$name (stderr not empty)"
	elif [ -n "$o" ] && [ "$o" != '^$' ] && ! grep -Eq -- "$o" "$tmp/out"; then
		not_ok "$name (stdout has no /$o/)"
	elif [ -n "$e" ] && [ "$e" != '^$' ] && ! grep -Eq -- "$e" "$tmp/err"; then
		not_ok "$name (stderr has no /$e/)"
	else
		ok "$name"
		return 0
	fi
	sed 's/^/# out: /' "$tmp/out" | head -n 20
	sed 's/^/# err: /' "$tmp/err" | head -n 20
	return 0
}

# that NAME COMMAND...: a further demand on the last run (a shell test).
that() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
lines() { wc -l <"$1"; }
no_byte() { ! LC_ALL=C grep -q "$(printf "$2")" "$1"; }

version=$(cat "$root/VERSION")

echo "# help and version"
for c in load reload unload status events run check explain devices version help; do
	t "$c --help: usage, options, exit status" 0 "^usage: fwctl-guard $c" '^$' "$bin" "$c" --help
	that "$c --help: lists -h, --help and its exit statuses" \
		grep -q -e '-h, --help' -e '^exit status:' "$tmp/out"
done
t "--help lists every command" 0 '^  explain +which rule' '^$' "$bin" --help
t "-h is --help" 0 '^usage: fwctl-guard \[-v\]' '^$' "$bin" -h
t "help explain is explain --help" 0 '^usage: fwctl-guard explain' '^$' "$bin" help explain
t "help load prints load's help, not the list" 0 'load and attach the guard' '^$' \
	"$bin" help load
that "help load: not the list of commands" sh -c '! grep -q "^commands:" "$1"' _ "$tmp/out"
t "help of an unknown command" 2 '^$' "unknown command 'lod' \(did you mean 'load'\?\)" \
	"$bin" help lod
t "--version" 0 "^fwctl-guard $version\$" '^$' "$bin" --version
cp "$tmp/out" "$tmp/version"
t "-V" 0 "^fwctl-guard $version\$" '^$' "$bin" -V
t "version, the same lines" 0 '^libbpf [0-9]+\.[0-9]+, event record version 5, JSON event schema 2$' \
	'^$' "$bin" version
that "version and --version agree" cmp -s "$tmp/out" "$tmp/version"
t "no command: the help on stderr, usage status" 2 '^$' '^usage: fwctl-guard' "$bin"
t "unknown command: did you mean" 2 '^$' "unknown command 'stauts' \(did you mean 'status'\?\)" \
	"$bin" stauts
t "unknown global option" 2 '^$' "unknown option '--bogus'" "$bin" --bogus status

echo "# options anywhere, --, standard input"
dd=$pol/deny-debug-write.policy
t "check --effects-dir DIR POLICY" 0 "deny-debug-write.policy: ok, policy 'deny-debug-write'" '^$' \
	"$bin" check --effects-dir "$fx" "$dd"
t "check POLICY --effects-dir DIR (after the operand)" 0 "deny-debug-write.policy: ok" '^$' \
	"$bin" check "$dd" --effects-dir "$fx"
t "check --effects-dir=DIR" 0 "deny-debug-write.policy: ok" '^$' \
	"$bin" check "--effects-dir=$fx" "$dd"
cp "$dd" "$tmp/-dash.policy"
t "-- ends the options (a policy named -dash.policy)" 0 '^-dash.policy: ok' '^$' \
	sh -c 'cd "$1" && "$2" check -- -dash.policy' _ "$tmp" "$bin"
t "an unknown option after the operand: did you mean" 2 '^$' \
	"unknown option '--jsn' \(did you mean '--json'\?\)" "$bin" check "$dd" --jsn
t "... and the usage line with where the help is" 2 '^$' "^Try 'fwctl-guard check --help'" \
	"$bin" check "$dd" --jsn
t "an option without its value" 2 '^$' "option '--effects-dir' needs a value" \
	"$bin" check "$dd" --effects-dir
IN=$dd t "check - reads standard input" 0 '^/dev/stdin: ok' '^$' "$bin" check -
t "check - - is refused" 2 '^$' "'-' \(standard input\) given 2 times" "$bin" check - -
IN=$dd t "explain - (the policy on standard input)" 0 '^decision: deny by rule 0' '^$' \
	"$bin" explain - type cxl scope debug-write
t "an operand to a command that takes none" 2 '^$' "status: no operands \('extra' is one\)" \
	"$bin" status extra
t "run: --lock is in the usage line" 0 '^usage: fwctl-guard run .*\[--lock FILE\]' '' \
	"$bin" run --help

echo "# check: several files, --json, --strict, exit statuses"
printf 'default allow\ndeny exe /nonexistent/tool\n' >"$tmp/warn.policy"
printf 'default allow\ndeny scope >= debug-writ\n' >"$tmp/bad.policy"
t "two valid policies: a line each" 0 'lockdown-integrity.policy: ok' '^$' \
	"$bin" check "$dd" "$pol/lockdown-integrity.policy"
that "... two lines" [ "$(lines "$tmp/out")" -eq 2 ]
t "a valid and an invalid one: status 2, the valid one still checked" 2 \
	'deny-debug-write.policy: ok' 'bad.policy:2:15: error: unknown scope' \
	"$bin" check "$tmp/bad.policy" "$dd"
t "a warning does not fail a check" 0 '1 warning,' "warning: exe '/nonexistent/tool' does not exist" \
	"$bin" check "$tmp/warn.policy"
t "--strict: a warning fails it" 2 '^$' "warn.policy: error: 1 warning, and --strict" \
	"$bin" check --strict "$tmp/warn.policy"
t "--json: an array with a result per file" 2 '"ok":false' '^$' \
	"$bin" check --json "$dd" "$tmp/bad.policy"
that "--json: valid JSON, the error located" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert [x["ok"] for x in r] == [True, False], r
assert r[0]["policy"] == "deny-debug-write" and len(r[0]["sha256"]) == 64, r[0]
e = r[1]["error"]
assert (e["line"], e["column"]) == (2, 15) and "unknown scope" in e["message"], e
' "$tmp/out"
t "--strict --json: the warning in the result" 2 '"warnings":\[' '^$' \
	"$bin" check --strict --json "$tmp/warn.policy"
t "a policy that is not there" 2 '^$' 'nothere.policy: error: cannot open' \
	"$bin" check "$tmp/nothere.policy"
t "no policy at all: usage" 2 '^$' 'no policy to check' "$bin" check

echo "# diagnostics: escaped, capped; binary input refused in one line"
printf 'default allow\n# \033[31mred\033[0m\ndeny scope >= debug-writ\033[2J\n' >"$tmp/esc.policy"
t "a control character in the line: escaped" 2 '^$' 'debug-writ\\x1b\[2J' \
	"$bin" check "$tmp/esc.policy"
that "... no ESC byte reaches the terminal" no_byte "$tmp/err" '\033'
printf 'default allow\ndeny comm "\033]0;pwned\007x"\nbogus\n' >"$tmp/esc2.policy"
t "an escape sequence in a quoted value" 2 '^$' 'esc2.policy:3:1: error' \
	"$bin" check "$tmp/esc2.policy"
that "... no BEL or ESC on stderr" no_byte "$tmp/err" '\007'
head -c 4096 "$bin" >"$tmp/binary.policy"
t "a binary file: one line" 2 '^$' 'binary.policy: error: a binary file \(a NUL byte at offset [0-9]+\), not a policy$' \
	"$bin" check "$tmp/binary.policy"
that "... exactly one line" [ "$(lines "$tmp/err")" -eq 1 ]
{ printf 'default allow\ndeny scope >= '; head -c 3000 /dev/zero | tr '\0' x; printf '\n'; } \
	>"$tmp/long.policy"
t "a 3000-character value: the diagnostic is capped" 2 '^$' "unknown scope 'x+\.\.\.'" \
	"$bin" check "$tmp/long.policy"
that "... no line of it over 200 columns" [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$tmp/err")" -le 200 ]
t "an operand with a control character: escaped" 2 '^$' "unknown command 'x\\\\x1by'" \
	"$bin" "$(printf 'x\033y')"

echo "# explain: the policy's words, any order"
li=$pol/lockdown-integrity.policy
t "type=mlx5 cmd=query_hca_cap: the command named" 0 \
	'^request: dev=fwctl0 type=mlx5 .*cmd=query_hca_cap opcode=0x0100 op_mod=0x0 fw_uid=0 ' '^$' \
	"$bin" explain "$li" type=mlx5 cmd=query_hca_cap
that "... each field once: one uid=, no cmd=?" sh -c \
	'[ "$(head -n 1 "$1" | grep -o " uid=" | wc -l)" -eq 1 ] && ! grep -q "cmd=?" "$1"' _ "$tmp/out"
t "cmd=func_reset type=bnxt (command first)" 0 '^decision: deny by rule 3' '^$' \
	"$bin" explain "$li" cmd=func_reset type=bnxt
cp "$tmp/out" "$tmp/cmd-first"
t "type=bnxt cmd=func_reset" 0 '^decision: deny by rule 3' '^$' \
	"$bin" explain "$li" type=bnxt cmd=func_reset
that "... the same explanation either way" cmp -s "$tmp/out" "$tmp/cmd-first"
t "KEY VALUE words: type bnxt cmd func_reset" 0 'cmd=func_reset opcode=0x0011' '^$' \
	"$bin" explain "$li" type bnxt cmd func_reset
t "a command name only one type has: its type inferred" 0 'type=bnxt .*cmd=func_reset' '^$' \
	"$bin" explain "$li" cmd func_reset
t "uid root" 0 ' uid=0 ' '^$' "$bin" explain "$dd" uid root type cxl
t "uid=root" 0 ' uid=0 ' '^$' "$bin" explain "$dd" uid=root type=cxl
t "uid by number, gid by name" 0 ' uid=65534 euid=0 gid=0 ' '^$' \
	"$bin" explain "$dd" uid 65534 gid root type cxl
t "scope by number" 0 'scope=debug-write .*decision: deny|^decision: deny' '' \
	"$bin" explain "$dd" scope 2 type cxl
t "node by number" 0 '^request: dev=fwctl3 ' '^$' "$bin" explain "$dd" type cxl node 3
t "a CXL opcode wider than 16 bits: refused, the kernel's reading named" 2 '^$' \
	'cxl opcodes are 16 bits: 0x10502 is out of range \(the driver keeps the low 16 bits and would run it as 0x0502, set_feature\)' \
	"$bin" explain "$dd" opcode 0x10502 type cxl
t "an mlx5 command number wider than 16 bits: refused" 2 '^$' \
	'mlx5 opcodes are 16 bits: 0x10000 is out of range' \
	"$bin" explain "$li" type mlx5 cmd 0x10000
dd_pol=$pol/deny-destructive.policy
t "register and access words: an MNVDA write, denied by deny-destructive's register rule" 0 \
	'^decision: deny by rule 3' '^$' \
	"$bin" explain "$dd_pol" type mlx5 cmd access_reg register mnvda access write
t "... an MNVDA query: op_mod 1, read-only, allowed" 0 \
	'op_mod=0x1 .*register=mnvda register_id=0x9024 access=read effects=read-only' '^$' \
	"$bin" explain "$dd_pol" type mlx5 cmd access_reg register mnvda access read
t "scope 7: judged as the guard judges it (malformed)" 0 '^decision: deny \(malformed\)' '^$' \
	"$bin" explain "$dd" type cxl cmd get_feature scope 7
t "a misspelt scope: did you mean" 2 '^$' "unknown scope 'debug-writ' \(did you mean 'debug-write'\?\)" \
	"$bin" explain "$dd" type cxl scope debug-writ
t "a misspelt key: did you mean" 2 '^$' "unknown key 'typ' \(did you mean 'type'\?\)" \
	"$bin" explain "$dd" typ cxl
t "a misspelt command: did you mean" 2 '^$' "unknown command 'qury_hca_cap' \(did you mean 'query_hca_cap'\?\)" \
	"$bin" explain "$li" cmd qury_hca_cap
t "a misspelt effect: did you mean" 2 '^$' "unknown effect 'rest' \(did you mean 'reset'\?\)" \
	"$bin" explain "$li" type mlx5 effect read-only,rest
t "an unknown user" 2 '^$' 'uid nosuchuser: no such user' \
	"$bin" explain "$dd" uid nosuchuser
t "a key without its value" 2 '^$' "'scope' wants a value" "$bin" explain "$dd" type cxl scope
t "a key twice" 2 '^$' "'dev' given twice \(also as node\)" \
	"$bin" explain "$dd" node fwctl1 dev fwctl2
t "no request words" 2 '^$' 'no request' "$bin" explain "$dd"

echo "# explain --replay: lines it cannot use are counted and fail it"
cat >"$tmp/events.txt" <<'EOF'
2026-11-21T04:28:34.556475Z deny reason=rule rule=0 gen=1 permissive=0 hook=ioctl dev=fwctl0 type=cxl scope=debug-write in_len=52 out_len=8 decode=ok cmd=set_feature opcode=0x0502 feature=vendor_test effects=config-change-after-reset pid=123 tid=123 uid=0 euid=0 gid=0 auid=4294967295 ses=4294967295 comm="fwctl-rpc" exe="/bin/sh" cgroup_id=1 caps=0x1ffffffffff seq=1
2026-11-21T04:28:35.556475Z audit reason=rule rule=1 gen=1 permissive=0 hook=ioctl dev=fwctl1 type=mlx5 scope=configuration in_len=64 out_len=64 decode=ok cmd=query_hca_cap opcode=0x0100 op_mod=0x0 fw_uid=5 effects=read-only pid=124 tid=124 uid=0 euid=0 gid=0 auid=4294967295 ses=4294967295 comm="mlxreg" exe="/bin/sh" cgroup_id=1 caps=0x0 seq=2
EOF
t "explain POLICY --replay FILE (the order the usage shows)" 0 \
	'^replayed 2 events: 1 would be decided otherwise$' '^$' "$bin" explain "$li" --replay "$tmp/events.txt"
t "explain --replay FILE POLICY" 0 '^replayed 2 events' '^$' \
	"$bin" explain --replay "$tmp/events.txt" "$li"
IN=$tmp/events.txt t "--replay - (standard input)" 0 '^replayed 2 events' '^$' \
	"$bin" explain "$li" --replay -
IN=/dev/null
printf 'hello world\n' >"$tmp/hello.txt"
t "hello world: skipped, counted, status 1" 1 '^replayed 0 events: 0 would be decided otherwise; 1 line skipped$' \
	'hello.txt:1: warning: skipped: not an event line' "$bin" explain "$li" --replay "$tmp/hello.txt"
{ cat "$tmp/events.txt"; for i in $(seq 12); do echo "{\"garbage\": $i}"; done; } >"$tmp/mixed.txt"
t "12 bad lines among good ones: all counted, 10 shown" 1 \
	'^replayed 2 events: 1 would be decided otherwise; 12 lines skipped$' \
	'mixed.txt: warning: 2 more lines skipped' "$bin" explain "$li" --replay "$tmp/mixed.txt"
that "... 10 lines of warnings, then the rest counted" [ "$(grep -c 'warning: skipped' "$tmp/err")" -eq 10 ]
# The same two decisions as JSON lines recorded on another host (and the
# mlx5 one written before schema 2: no schema key, cmd.uid, no host).
cat >"$tmp/events.jsonl" <<'EOF'
{"schema":2,"version":5,"fwctl_guard_version":"0.1.0","type":"decision","seq":1,"time":"2026-11-21T04:28:34.556475000Z","boot_ns":1,"host":"elsewhere","action":"deny","reason":"rule","rule":0,"gen":1,"policy":"p","policy_sha256":null,"permissive":false,"hook":"ioctl","dev":{"name":"fwctl0","minor":0,"type":"cxl"},"scope":"debug-write","in_len":52,"out_len":8,"cmd":{"decode":"ok","type":"cxl","name":"set_feature","opcode":1282,"op_mod":0,"fw_uid":0,"endpoint":0,"flags":0,"count":0,"offset":0,"start_idx":0,"data_len":0,"payload":0,"feature_uuid":"ffffffff-ffff-ffff-ffff-ffffffffffff","feature":"vendor_test","effects":["config-change-after-reset"],"feature_flags":0},"caller":{"pid":123,"tid":123,"uid":0,"euid":0,"gid":0,"loginuid":4294967295,"sessionid":4294967295,"comm":"fwctl-rpc","exe_status":"ok","exe":"/bin/sh","exe_ino":1,"exe_dev":1,"cgroup_id":1,"caps":0}}
{"version":4,"type":"decision","seq":2,"time":"2026-11-21T04:28:35.556475000Z","boot_ns":2,"action":"audit","reason":"rule","rule":1,"gen":1,"permissive":false,"hook":"ioctl","dev":{"name":"fwctl1","minor":1,"type":"mlx5"},"scope":"configuration","in_len":64,"out_len":64,"cmd":{"decode":"ok","type":"mlx5","name":"query_hca_cap","opcode":256,"op_mod":0,"uid":5,"endpoint":0,"flags":0,"count":0,"offset":0,"start_idx":0,"data_len":0,"payload":0,"effects":["read-only"],"feature_flags":0},"caller":{"pid":124,"tid":124,"uid":0,"euid":0,"gid":0,"loginuid":4294967295,"sessionid":4294967295,"comm":"mlxreg","exe_status":"ok","exe":"/bin/sh","exe_ino":1,"exe_dev":1,"cgroup_id":1,"caps":0}}
EOF
printf 'default allow\nallow exe /bin/sh\ndeny scope >= debug-write\naudit scope configuration\n' \
	>"$tmp/exe.policy"
t "replay text: exe by path (both allowed by the exe rule)" 0 \
	'^replayed 2 events: 2 would be decided otherwise$' '^$' \
	"$bin" explain "$tmp/exe.policy" --replay "$tmp/events.txt"
t "replay JSON from another host: exe by path, the same answer, and said" 0 \
	'^replayed 2 events: 2 would be decided otherwise$' \
	"events recorded on 'elsewhere' .*matched by its path here, not by the recorded inode" \
	"$bin" explain "$tmp/exe.policy" --replay "$tmp/events.jsonl"
that "... also for the line with no host (written before schema 2)" \
	grep -q 'events recorded with no host name' "$tmp/err"
# The same decisions by a caller whose exe did not count (traced, say): the
# exe rule did not match then, and does not now, whatever the path names;
# so both stand (with the exe counted, both would change, above).
sed 's/ exe="\/bin\/sh" / exe="\/bin\/sh" exe_untrusted=traced,attached /' "$tmp/events.txt" \
	>"$tmp/untrusted.txt"
t "replay text: an untrusted exe matches no exe rule" 0 \
	'^replayed 2 events: 0 would be decided otherwise$' '^$' \
	"$bin" explain "$tmp/exe.policy" --replay "$tmp/untrusted.txt"
sed 's/"exe":"\/bin\/sh",/"exe":"\/bin\/sh","exe_untrusted":["relabelled"],/' \
	"$tmp/events.jsonl" >"$tmp/untrusted.jsonl"
t "replay JSON: an untrusted exe matches no exe rule, also by path" 0 \
	'^replayed 2 events: 0 would be decided otherwise$' '' \
	"$bin" explain "$tmp/exe.policy" --replay "$tmp/untrusted.jsonl"
t "explain: exe_untrusted words" 0 'exe="/bin/sh" exe_untrusted=binfmt-interp' '^$' \
	"$bin" explain "$tmp/exe.policy" type cxl exe /bin/sh exe_untrusted binfmt-interp
that "... and the exe rule does not match" grep -q 'rule 0 (.*) does not match: exe' "$tmp/out"
t "explain: an unknown exe_untrusted reason" 2 '^$' "unknown exe_untrusted reason in 'forged'" \
	"$bin" explain "$tmp/exe.policy" type cxl exe /bin/sh exe_untrusted=forged

echo "# status, devices, unload without a guard"
t "status, none loaded: 3" 3 '^fwctl-guard [0-9.]+: not loaded \(no pins at ' '^$' "$bin" status
t "status --json, none loaded: loaded false, the version" 3 '"loaded":false' '^$' "$bin" status --json
that "... valid JSON with the version" python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert o["loaded"] is False and o["fwctl_guard_version"] == sys.argv[2], o
' "$tmp/out" "$version"
mkdir -p "$tmp/root-only/fwctl-guard"
chmod 700 "$tmp/root-only"
chmod 755 "$tmp"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups env
		FWCTL_GUARD_PIN_DIR="$tmp/root-only/fwctl-guard")
	t "status, pins a reader may not see: not 'not loaded', status 1" 1 '^$' \
		"cannot read the guard's pins at .*root-only/fwctl-guard \(Permission denied\)" \
		"${nobody[@]}" "$bin" status
	t "status --json, the same: loaded null, why" 1 '"loaded":null' '' \
		"${nobody[@]}" "$bin" status --json
	that "... and the error" grep -q '"error":"Permission denied"' "$tmp/out"
else
	skip "status, pins a reader may not see" "needs root to switch to another user"
fi
t "status --format openmetrics, none loaded: fwctl_guard_loaded 0, # EOF, 3" 3 \
	'^fwctl_guard_loaded 0$' '^$' "$bin" status --format openmetrics
that "... ends with # EOF" sh -c '[ "$(tail -n 1 "$1")" = "# EOF" ]' _ "$tmp/out"
t "status --format json is --json" 3 '"loaded":false' '^$' "$bin" status --format json
t "status --format of an unknown format" 2 '^$' "unknown format 'yaml' \(expected text, json or openmetrics\)" \
	"$bin" status --format yaml
t "status --expect-sha256 wants 64 hex digits" 2 '^$' "--expect-sha256 wants 64 hex digits" \
	"$bin" status --expect-sha256 888deee8
t "status --expect-sha256, none loaded: 3" 3 'not loaded' '^$' \
	"$bin" status --expect-sha256 "$(printf 'a%.0s' $(seq 64))"
t "run --metrics-textfile wants a file" 2 '^$' "option '--metrics-textfile' needs a value" \
	"$bin" run --metrics-textfile
t "run, none loaded, no --policy: status 1" 1 '^$' 'no guard is loaded at .* and no --policy' \
	"$bin" run --metrics-textfile "$tmp/m.prom"
t "the journal's priorities only on the journal's stream" 2 '^$' '^/.*bad.policy:2:15: error' \
	env JOURNAL_STREAM=1:1 "$bin" check "$tmp/bad.policy"
echo 'default allow' >"$tmp/jp.policy"
echo 'deny effect no-such-effect' >>"$tmp/jp.policy"
# stderr a file whose device and inode JOURNAL_STREAM names, as systemd
# names its stream
t "stderr as the journal stream: an error" 2 '^$' '' \
	sh -c 'exec 2>"$0"; JOURNAL_STREAM=$(stat -L -c "%d:%i" "$0") exec "$@"' \
	"$tmp/jerr" "$bin" check "$tmp/jp.policy"
that "... '<3>' before the error" grep -q '^<3>.*jp.policy:2:13: error: ' "$tmp/jerr"
that "... and before its source line and caret" \
	sh -c '! grep -qv "^<3>" "$1" && [ "$(wc -l <"$1")" -ge 3 ]' _ "$tmp/jerr"
mkdir -p "$tmp/glob/policy.d"
printf 'default allow\ninclude "policy.d/*.policy"\n' >"$tmp/glob/main.policy"
t "include with a pattern that matches nothing: its location" 2 '^$' \
	"main.policy:2:9: error: include pattern '.*policy.d/\*.policy' matches no file" \
	"$bin" check "$tmp/glob/main.policy"
echo 'deny type bnxt' >"$tmp/glob/policy.d/20-b.policy"
echo 'deny scope debug-write-full' >"$tmp/glob/policy.d/10-a.policy"
t "include with a pattern: every match" 0 'ok, policy .main., 2 rules' '^$' \
	"$bin" check "$tmp/glob/main.policy"
t "unload, none loaded: one sentence, status 1" 1 '^$' \
	'^fwctl-guard: unload: no guard is loaded at [^:]*$' "$bin" unload
t "events, none loaded" 1 '^$' 'events: no guard is loaded at' "$bin" events
if [ ! -e /sys/class/fwctl ]; then
	t "devices with no fwctl: says why, status 0" 0 '^$' \
		'no fwctl devices: (this kernel has no fwctl|the fwctl module is not loaded)' \
		"$bin" devices
	t "devices --json with no fwctl: an empty array" 0 '^\[$' 'no fwctl devices' \
		"$bin" devices --json
elif [ -z "$(ls /sys/class/fwctl)" ]; then
	t "devices with no device: says why" 0 '' 'no driver has registered a device' \
		"$bin" devices
else
	skip "devices with no fwctl" "this host has fwctl devices"
fi

echo "# the effects tables of an uninstalled build"
t "check from another folder, no --effects-dir: the tables beside the binary" 0 \
	'lockdown-integrity.policy: ok' '^$' sh -c 'cd / && "$1" check "$2"' _ "$bin" "$li"
printf 'default allow\ndeny type mlx5 cmd query_hca_cap\n' >"$tmp/mlx5.policy"
t "... the tables are there: mlx5 command names resolve" 0 'mlx5.policy: ok' '^$' \
	"$bin" check "$tmp/mlx5.policy"
mkdir -p "$tmp/lone"
cp "$bin" "$tmp/lone/fwctl-guard"
if [ ! -d /etc/fwctl-guard/effects ]; then
	t "a binary with no tables anywhere: a policy naming no effects checks" 0 \
		'deny-debug-write.policy: ok' '^$' "$tmp/lone/fwctl-guard" check "$dd"
	t "... one naming an mlx5 command by name says what is missing" 2 '^$' \
		'note: no effects tables were found' "$tmp/lone/fwctl-guard" check "$tmp/mlx5.policy"
else
	skip "a binary with no tables anywhere" "/etc/fwctl-guard/effects is installed here"
fi
t "--effects-dir naming no folder is refused" 2 '^$' \
	'/nonexistent: cannot read the effects tables' "$bin" check --effects-dir /nonexistent "$dd"

echo "# the man page's examples, run"
man=$root/man/fwctl-guard.8
groff -man -Tascii -P-cbou "$man" 2>/dev/null >"$tmp/man.txt"
# Each "$ fwctl-guard ..." line of EXAMPLES and the lines under it up to
# a blank one: run with the build's binary and the source tree's
# policies for /etc/fwctl-guard, the output compared with the page's.
awk '/^EXAMPLES/ { on = 1 } /^SEE ALSO/ { on = 0 } on' "$tmp/man.txt" |
	awk -v dir="$tmp" '
		/^ *\$ fwctl-guard / { n++; sub(/^ *\$ /, ""); print > (dir "/ex" n ".cmd"); inex = 1; next }
		inex && /^ *$/ { inex = 0; next }
		inex { sub(/^              /, ""); print > (dir "/ex" n ".want") }'
nex=0
for c in "$tmp"/ex*.cmd; do
	[ -e "$c" ] || break
	nex=$((nex + 1))
	read -r -a words <"$c"
	words=("${words[@]//\/etc\/fwctl-guard\//$pol/}")
	"$bin" "${words[@]:1}" 2>&1 | sed "s|$pol/|/etc/fwctl-guard/|g" >"${c%.cmd}.got" || true
	if diff -u "${c%.cmd}.want" "${c%.cmd}.got" >"$tmp/man.diff"; then
		ok "man page example: $(cut -c1-60 "$c")..."
	else
		sed 's/^/# /' "$tmp/man.diff"
		not_ok "man page example: $(cut -c1-60 "$c")..."
	fi
done
that "the man page has examples with their output ($nex)" [ "$nex" -ge 2 ]
# The --audit record the page shows: sample 1's message, as the formatter
# writes it (the page wraps it).
awk '/^ *avc:  denied/ { on = 1 } on && /^ *$/ { exit } on' "$tmp/man.txt" | tr -s ' \n' '  ' |
	sed 's/^ //; s/ $//' >"$tmp/man-avc"
"$sample" --message 1 | tr -s ' ' ' ' >"$tmp/real-avc"
that "the man page's audit record is the formatter's" sh -c \
	'[ -s "$1" ] && [ "$(cat "$1")" = "$(cat "$2")" ] || { diff "$1" "$2" | sed "s/^/# /"; false; }' \
	_ "$tmp/man-avc" "$tmp/real-avc"

echo "# the audit records under auditd's own tools"
audit_tools() {
	local dir
	if command -v aureport >/dev/null && command -v ausearch >/dev/null; then
		au() { "$@"; }
		return 0
	fi
	dir=$("$root/tests/vm/audit-tools.sh" 2>"$tmp/audit-tools.err" | tail -n 1) || return 1
	[ -x "$dir/sbin/aureport" ] || return 1
	au_dir=$dir
	au() {
		local tool=$1
		shift
		"$au_dir/lib64/ld-linux-x86-64.so.2" --library-path \
			"$au_dir/lib/x86_64-linux-gnu:$au_dir/usr/lib/x86_64-linux-gnu" \
			"$au_dir/sbin/$tool" "$@"
	}
}
"$sample" --effects-dir "$fx" >"$tmp/audit.log"
if audit_tools; then
	t "aureport --avc: a row per record" 0 '^1\. .* /usr/bin/fwctl-rpc 0 fwctl rpc fwctl7 denied 17$' '' \
		au aureport --avc -if "$tmp/audit.log"
	that "... subject, class, permission, object, result of each, no (null)" sh -c '
		grep -Eq "^2\. .* /usr/bin/mlxreg 0 fwctl rpc fwctl2 granted 18$" "$1" &&
		grep -Eq "^5\. .* fwctl rpc_tamper fwctl7 denied 21$" "$1" &&
		grep -Eq "^6\. .* fwctl_guard guard_change fwctl-guard denied 22$" "$1" &&
		! grep -q "(null)" "$1"' _ "$tmp/out"
	t "ausearch -m USER_AVC -sv no: the denials" 0 'avc:  denied  \{ rpc \}' '' \
		au ausearch -m USER_AVC -sv no -if "$tmp/audit.log"
	that "... five, and not the granted one" sh -c \
		'[ "$(grep -c "avc:  denied" "$1")" -eq 5 ] && ! grep -q granted "$1"' _ "$tmp/out"
	t "ausearch -m USER_AVC -sv yes: the granted one" 0 'avc:  granted  \{ rpc \}' '' \
		au ausearch -m USER_AVC -sv yes -if "$tmp/audit.log"
	t "ausearch -i: uids named, the firmware uid left a number" 0 \
		'uid=root euid=root gid=root .* fw_uid=5 ' '' au ausearch -i -m USER_AVC -sv yes -if "$tmp/audit.log"
	t "ausearch -i decodes a hex comm and exe" 0 'comm=my tool exe=/tmp/my tool ' '' \
		au ausearch -i -if "$tmp/audit.log"
	t "ausearch -c COMM finds the caller's records" 0 'comm="mlxreg"' '' \
		au ausearch -c mlxreg -if "$tmp/audit.log"
	t "ausearch -x EXE finds the caller's records" 0 'exe="/usr/bin/fwctl-rpc"' '' \
		au ausearch -x /usr/bin/fwctl-rpc -if "$tmp/audit.log"
elif [ "${CI:-}" = true ]; then
	sed 's/^/# /' "$tmp/audit-tools.err"
	not_ok "auditd's tools: none on the host and tests/vm/audit-tools.sh failed"
else
	skip "auditd's tools on the audit records" "no aureport/ausearch here and tests/vm/audit-tools.sh failed: $(tail -n 1 "$tmp/audit-tools.err")"
fi

echo "# bash completion"
comp() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fwctl_guard
		printf "%s\n" "${COMPREPLY[@]}"' _ "$root/completion/fwctl-guard" "$@"
}
t "complete a command" 0 '^explain$' '^$' comp fwctl-guard expl
t "complete an option after the operand" 0 '^--json$' '^$' comp fwctl-guard check x.policy --js
t "complete explain's keys" 0 '^scope$' '^$' comp fwctl-guard explain x.policy sc
t "complete a key's names" 0 '^debug-write$' '^$' comp fwctl-guard explain x.policy type cxl scope debug-w
t "complete help's command" 0 '^status$' '^$' comp fwctl-guard help sta

echo "# test-cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
