// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

int fg_errf(struct fg_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* Append the errno text unless the message is complete on its own. */
	n = strlen(err->msg);
	if (code < 0 && n < sizeof(err->msg) - 1)
		snprintf(err->msg + n, sizeof(err->msg) - n, ": %s", strerror(-code));
	return code;
}
