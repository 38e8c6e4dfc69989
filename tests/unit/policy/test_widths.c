// SPDX-License-Identifier: GPL-2.0-only
/*
 * The checker's opcode widths are the decoder's: a command number is an
 * error exactly when the decoder, reading the field as the driver does,
 * could never yield it (the rejects and accepts at each width are in
 * test_parse.c, rejects_widths).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fwctl_guard_decode.h"
#include "policy/ir.h"
#include "util/names.h"

#define D "default allow\n"

static const struct fg_compile_opts no_resolve = { .no_resolve = true };

static int compile(const char *text, struct fg_program **prog, struct fg_diag *d)
{
	return fg_policy_compile_buf("t.policy", text, strlen(text), &no_resolve, prog, d, NULL);
}

/* The wire bytes of a request whose opcode field holds op (as wide as the
 * field allows), long enough that the driver's bounds pass. */
static __u32 wire(__u32 devtype, __u32 op, __u8 *b)
{
	memset(b, 0, FG_DECODE_PEEK);
	switch (devtype) {
	case FG_DEVTYPE_CXL:	/* __u32 opcode, le */
	case FG_DEVTYPE_PDS:	/* __u32 op, le */
		b[0] = op;
		b[1] = op >> 8;
		b[2] = op >> 16;
		b[3] = op >> 24;
		return devtype == FG_DEVTYPE_CXL ? FG_CXL_HDR_LEN : FG_PDS_RPC_LEN;
	case FG_DEVTYPE_MLX5:	/* 16-bit opcode, be */
		b[0] = op >> 8;
		b[1] = op;
		return FG_MLX5_HDR_LEN;
	default:		/* bnxt: __le16 req_type */
		b[0] = op;
		b[1] = op >> 8;
		return FG_BNXT_HDR_LEN;
	}
}

/*
 * The checker and the decoder agree on each type's width: the largest
 * opcode the checker accepts comes out of the decoder as written, and the
 * first one it refuses cannot (for CXL it decodes as its low 16 bits, the
 * command the kernel runs).
 */
Test(policy_widths, checker_and_decoder_agree)
{
	__u8 b[FG_DECODE_PEEK];
	struct fg_cmd c;
	__u32 t;

	for (t = 1; t < FG_DEVTYPE_MAX; t++) {
		__u32 max = fg_opcode_max(t);
		char text[128];
		struct fg_program *prog = NULL;
		struct fg_diag d;

		cr_assert(max, "%s has an opcode width", fg_devtype_name(t));
		snprintf(text, sizeof(text), D "deny type %s cmd %u\n", fg_devtype_name(t), max);
		cr_expect_eq(compile(text, &prog, &d), 0, "%s: %s", text, d.msg);
		fg_program_free(prog);
		fg_decode(t, b, wire(t, max, b), 1, &c);
		cr_expect_eq(c.status, FG_DECODE_OK, "%s", fg_devtype_name(t));
		cr_expect_eq(c.opcode, max, "%s: decoded 0x%x", fg_devtype_name(t), c.opcode);
		if (max == 0xffffffffu)
			continue;
		snprintf(text, sizeof(text), D "deny type %s cmd %u\n", fg_devtype_name(t),
			 max + 1);
		prog = NULL;
		cr_expect_eq(compile(text, &prog, &d), -EINVAL, "%s accepted", text);
		cr_expect(strstr(d.msg, "opcodes are 16 bits"), "%s", d.msg);
		fg_program_free(prog);
	}
	fg_decode(FG_DEVTYPE_CXL, b, wire(FG_DEVTYPE_CXL, 0x10502, b), 1, &c);
	cr_expect_eq(c.opcode, FG_CXL_SET_FEATURE);
	cr_expect_eq(fg_opcode_max(FG_DEVTYPE_UNKNOWN), 0);
	cr_expect_eq(fg_opcode_max(FG_DEVTYPE_MAX), 0);
}
