// SPDX-License-Identifier: GPL-2.0-only
/*
 * The checker's scalar values: numbers, scopes, PCI addresses, and the
 * lists error messages offer.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/check.h"
#include "util/names.h"

/* Decimal or 0x hex, all of it, within a u32: 0, -EINVAL, or -ERANGE for
 * a number written well that does not fit (so that callers can name the
 * width). */
int parse_u32(const char *s, __u32 *v)
{
	unsigned long long x;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!isxdigit((unsigned char)s[2]))
			return -EINVAL;
	} else {
		const char *p;

		for (p = s; *p; p++)
			if (!isdigit((unsigned char)*p))
				return -EINVAL;
	}
	errno = 0;
	x = strtoull(s, &end, 0);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || x > 0xffffffffULL)
		return -ERANGE;
	if (errno)
		return -EINVAL;
	*v = (__u32)x;
	return 0;
}

const char scope_list[] =
	"configuration, debug-read-only, debug-write, debug-write-full or 0-3";
const char type_list[] = "mlx5, cxl, bnxt, pds or unknown";
const char action_list[] = "allow, deny or audit";
const char status_list[] = "ok, malformed, unreadable or unknown-type";
const char feature_list[] =
	"patrol_scrub, ecs, soft_ppr, hard_ppr, cacheline_sparing, row_sparing, bank_sparing, rank_sparing, vendor_test";

/* A scope's name or number: -ERANGE for a number the kernel's enum
 * fwctl_rpc_scope does not have (0-3: the kernel refuses any other, so a
 * rule on it could never match), -ENOENT for anything else, -ENOMEM. */
int scope_value(const char *s, int len)
{
	char *name;
	__u32 v;
	int ret;

	if (len <= 0)
		return -ENOENT;
	name = strndup(s, len);
	if (!name)
		return -ENOMEM;
	ret = parse_u32(name, &v);
	if (ret == -ERANGE || (!ret && v >= FG_SCOPE_MAX))
		ret = -ERANGE;
	else if (!ret)
		ret = (int)v;
	else
		ret = fg_scope_parse(name);
	free(name);
	return ret;
}

/* DDDD:BB:DD.F, hex; lower-cased into out[13]. */
int pci_parse(const char *s, char *out)
{
	static const char shape[] = "xxxx:xx:xx.x";
	unsigned int dev, fn;
	int i;

	if (strlen(s) != sizeof(shape) - 1)
		return -EINVAL;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'x' ? !isxdigit((unsigned char)s[i]) : s[i] != shape[i])
			return -EINVAL;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	dev = (unsigned int)strtoul(out + 8, NULL, 16);
	fn = (unsigned int)strtoul(out + 11, NULL, 16);
	return dev <= 0x1f && fn <= 7 ? 0 : -EINVAL;
}
