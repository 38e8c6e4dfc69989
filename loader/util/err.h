/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error reporting for the library part of the loader: functions return 0 or
 * a negative errno and describe the failure in a struct fg_err; they never
 * print. The CLI prints err->msg.
 */
#ifndef FG_UTIL_ERR_H
#define FG_UTIL_ERR_H

struct fg_err {
	int code;		/* negative errno */
	char msg[512];
};

/* Record the failure (a message complete on its own) and return code. */
int fg_err_set(struct fg_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append the errno text of code (negative) to the recorded message. */
int fg_err_errno(struct fg_err *err, int code);

/* Record the failure with the errno text after it, and return code, so
 * that callers can log and return in one statement:
 *   return fg_errf(err, -errno, "open %s", path); */
#define fg_errf(err, code, ...)	fg_err_errno((err), fg_err_set((err), (code), __VA_ARGS__))

/* Put context in front of a recorded message ("load: " + msg); returns
 * its code. */
int fg_err_prefix(struct fg_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Add text after a recorded message. */
void fg_err_append(struct fg_err *err, const char *text);

#endif /* FG_UTIL_ERR_H */
