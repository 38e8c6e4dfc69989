# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's auditd in the test VM: a library for guest scripts (busybox sh),
# sourced with `. "$(command -v guest-auditd.sh)"` after
#   tests/vm/run --sysroot "$(tests/vm/audit-tools.sh | tail -n 1)" \
#       --with tests/vm/guest-auditd.sh -- ...
#
#   start_auditd      write a minimal /etc/audit/auditd.conf, start
#                     `auditd -n` as a child of this shell (with busybox
#                     syslogd for its messages unless /dev/log exists) and
#                     wait until the kernel talks to it: auditctl -s shows
#                     its pid and enabled 1, and its DAEMON_START record is
#                     in the log (30 s at most). 1 on failure, with
#                     auditd's messages on stderr. Sets AUDITD_PID: call
#                     it in the test's own shell, not in $(...).
#   stop_auditd       SIGTERM, wait for it to exit (DAEMON_END logged);
#                     stop the syslogd start_auditd started.
#   audit_wait TYPE TEXT [SECONDS]
#                     poll `ausearch -m TYPE` until a record containing
#                     TEXT (fixed string) is in the log; print the
#                     interpreted (ausearch -i) records of TYPE; 1 on
#                     timeout (default 10 s).
#
# The log is $AUDIT_LOG (/var/log/audit/audit.log, on its own tmpfs), ENRICHED
# format, flushed per record (flush = SYNC): a record auditd has received
# is in the file. auditd's own messages (syslog): $AUDITD_OUT.

AUDIT_LOG=/var/log/audit/audit.log
AUDITD_OUT=/tmp/auditd.out
AUDITD_PID=
AUDITD_SYSLOGD_PID=

start_auditd() {
	if ! command -v auditd >/dev/null 2>&1; then
		echo "start_auditd: no auditd in the VM (tests/vm/run --sysroot \"\$(tests/vm/audit-tools.sh | tail -n 1)\")" >&2
		return 1
	fi
	mkdir -p /etc/audit/plugins.d /var/log/audit /run
	[ -e /var/run ] || ln -s /run /var/run
	# A filesystem with free space of its own: auditd checks the log's
	# free space and stops logging (disk_full_action) when statfs says 0.
	grep -q ' /var/log/audit ' /proc/mounts ||
		mount -t tmpfs -o size=64m,mode=0700 tmpfs /var/log/audit
	# auditd opens its config with O_NOFOLLOW and wants a regular file
	# owned by root, not world-writable: never a link into /host.
	rm -f /etc/audit/auditd.conf
	cat >/etc/audit/auditd.conf <<'CONF'
local_events = yes
write_logs = yes
log_file = /var/log/audit/audit.log
log_group = root
log_format = ENRICHED
flush = SYNC
freq = 0
max_log_file = 32
num_logs = 2
max_log_file_action = ROTATE
name_format = NONE
space_left = 2
space_left_action = SYSLOG
admin_space_left = 1
admin_space_left_action = SYSLOG
disk_full_action = SYSLOG
disk_error_action = SYSLOG
verify_email = no
action_mail_acct = root
use_libwrap = no
tcp_client_max_idle = 0
distribute_network = no
q_depth = 2000
overflow_action = SYSLOG
max_restarts = 10
plugin_dir = /etc/audit/plugins.d
end_of_event_timeout = 2
CONF
	chmod 0640 /etc/audit/auditd.conf
	# No plugins: an empty plugin_dir, no dispatcher.
	rm -f /etc/audit/plugins.d/*
	# auditd's own messages go to syslog: busybox syslogd keeps them in
	# $AUDITD_OUT. (auditd -f would print them on stderr, but it writes
	# the events there too, not to the log.)
	: >"$AUDITD_OUT"
	if [ ! -S /dev/log ]; then
		syslogd -n -O "$AUDITD_OUT" </dev/null >/dev/null 2>&1 &
		AUDITD_SYSLOGD_PID=$!
		_ad_i=0
		while [ ! -S /dev/log ] && [ "$_ad_i" -lt 50 ]; do
			sleep 0.1
			_ad_i=$((_ad_i + 1))
		done
	fi
	# -n: no fork, so that this shell knows its pid and can wait for it.
	auditd -n >>"$AUDITD_OUT" 2>&1 </dev/null &
	AUDITD_PID=$!
	_ad_i=0
	while [ "$_ad_i" -lt 150 ]; do
		if ! kill -0 "$AUDITD_PID" 2>/dev/null; then
			echo "start_auditd: auditd exited; its output:" >&2
			sed 's/^/    /' "$AUDITD_OUT" >&2
			AUDITD_PID=
			return 1
		fi
		_ad_st=$(auditctl -s 2>&1)
		if [ "$(printf '%s\n' "$_ad_st" | awk '$1 == "pid" { print $2 }')" = "$AUDITD_PID" ] &&
			[ "$(printf '%s\n' "$_ad_st" | awk '$1 == "enabled" { print $2 }')" = 1 ] &&
			grep -q '^type=DAEMON_START ' "$AUDIT_LOG" 2>/dev/null; then
			return 0
		fi
		sleep 0.2
		_ad_i=$((_ad_i + 1))
	done
	echo "start_auditd: auditd (pid $AUDITD_PID) not ready after 30 s; auditctl -s:" >&2
	printf '%s\n' "$_ad_st" | sed 's/^/    /' >&2
	echo "  its output:" >&2
	sed 's/^/    /' "$AUDITD_OUT" >&2
	return 1
}

stop_auditd() {
	_ad_pid=${AUDITD_PID:-$(cat /var/run/auditd.pid 2>/dev/null)}
	[ -n "$_ad_pid" ] || return 0
	kill -TERM "$_ad_pid" 2>/dev/null || return 0
	_ad_i=0
	while kill -0 "$_ad_pid" 2>/dev/null && [ "$_ad_i" -lt 50 ]; do
		sleep 0.2
		_ad_i=$((_ad_i + 1))
	done
	if kill -0 "$_ad_pid" 2>/dev/null; then
		echo "stop_auditd: auditd (pid $_ad_pid) still running after 10 s" >&2
		return 1
	fi
	[ "$_ad_pid" = "$AUDITD_PID" ] && wait "$_ad_pid" 2>/dev/null
	AUDITD_PID=
	if [ -n "$AUDITD_SYSLOGD_PID" ]; then
		kill "$AUDITD_SYSLOGD_PID" 2>/dev/null
		wait "$AUDITD_SYSLOGD_PID" 2>/dev/null
		AUDITD_SYSLOGD_PID=
	fi
	return 0
}

audit_wait() {
	_ad_type=$1 _ad_text=$2 _ad_secs=${3:-10}
	_ad_i=0
	while :; do
		if ausearch -m "$_ad_type" --raw 2>/dev/null | grep -q -F -e "$_ad_text"; then
			ausearch -m "$_ad_type" -i 2>&1
			return 0
		fi
		[ "$_ad_i" -ge $((_ad_secs * 5)) ] && break
		sleep 0.2
		_ad_i=$((_ad_i + 1))
	done
	echo "audit_wait: no $_ad_type record with '$_ad_text' in $AUDIT_LOG after $_ad_secs s; ausearch -m $_ad_type:" >&2
	ausearch -m "$_ad_type" 2>&1 | sed 's/^/    /' >&2
	return 1
}
