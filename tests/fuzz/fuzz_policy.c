// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the policy front end (lex, parse, check), the linter
 * and the lowering into a generation image, on arbitrary bytes. Paths are
 * not resolved (no_resolve) and includes resolve against a directory that
 * does not exist, so an input cannot make the harness read host files.
 * Asserts what must hold for every accepted policy: the lowering succeeds
 * or reports a limit, and the image has a header for the rules it holds.
 */
#include <assert.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "policy/ir.h"
#include "policy/lower.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_compile_opts opts = { .no_resolve = true };
	struct fg_program *prog = NULL;
	struct fg_diags warnings = {};
	struct fg_gen_image img;
	struct fg_err err = {};
	struct fg_diag diag;
	int ret;

	ret = fg_policy_compile_buf("/nonexistent/fuzz.policy", (const char *)data, size, &opts,
				    &prog, &diag, &warnings);
	if (ret) {
		/* Every refusal is located, with a message. */
		assert(ret == -EINVAL || ret < 0);
		assert(diag.msg[0]);
		return 0;
	}
	fg_policy_lint(prog, &warnings);
	ret = fg_policy_lower(prog, NULL, 1, &img, &err);
	assert(!ret || ret == -E2BIG);
	if (!ret) {
		assert(img.g->hdr.nrules == prog->nrules);
		assert(img.g->hdr.pool_used <= FG_GEN_POOL_WORDS);
		fg_gen_image_free(&img);
	}
	fg_program_free(prog);
	return 0;
}
