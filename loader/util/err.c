// SPDX-License-Identifier: GPL-2.0-only
/* Error records of the library part of the loader (err.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

int fg_err_set(struct fg_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int fg_err_errno(struct fg_err *err, int code)
{
	size_t n;

	if (!err || code >= 0)
		return code;
	n = strlen(err->msg);
	if (n < sizeof(err->msg) - 1)
		snprintf(err->msg + n, sizeof(err->msg) - n, ": %s", strerror(-code));
	return code;
}

int fg_err_prefix(struct fg_err *err, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	snprintf(msg + n, sizeof(msg) - n, "%s", err->msg);
	memcpy(err->msg, msg, sizeof(msg));
	return err->code;
}

void fg_err_append(struct fg_err *err, const char *text)
{
	size_t n = strlen(err->msg);

	snprintf(err->msg + n, sizeof(err->msg) - n, "%s", text);
}
