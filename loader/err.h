/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error reporting for the library part of the loader: functions return 0 or
 * a negative errno and describe the failure in a struct fg_err; they never
 * print. The CLI prints err->msg.
 */
#ifndef FG_ERR_H
#define FG_ERR_H

struct fg_err {
	int code;		/* negative errno */
	char msg[512];
};

/* Record the failure and return code, so that callers can log and return
 * in one statement: return fg_errf(err, -errno, "open %s", path); */
int fg_errf(struct fg_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
