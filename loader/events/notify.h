/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * systemd's readiness notification (sd_notify(3)): one datagram to the
 * socket in $NOTIFY_SOCKET. The protocol is documented as stable for
 * reimplementation; Debian ships libsystemd only as a shared library, and
 * the guard's VM build is static.
 */
#ifndef FG_NOTIFY_H
#define FG_NOTIFY_H

/* Send state ("READY=1", "RELOADING=1", "STOPPING=1", "STATUS=..."). 0
 * when sent or when there is no $NOTIFY_SOCKET, else -errno. */
int fg_notify(const char *state);

#endif
