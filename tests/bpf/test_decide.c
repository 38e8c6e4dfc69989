// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential test of the decoder and the effects lookup: the kernel
 * (SEC("syscall") program via BPF_PROG_RUN, real verifier and JIT: the
 * decoder, then the engine's effects from a generation and the registry)
 * against the same decoder built natively and the loader's effects table,
 * on random request bytes.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "decide_test.h"
#include "fwctl_guard_decode.h"
#include "host/effects_table.h"
#include "kernel/generation.h"
#include "kernel/sync.h"
#include "policy/lower.h"
#include "test_util.h"

#define PAIRS 10000

/* Requests around each driver's bounds, with random bytes, opcodes that
 * matter placed often enough to reach every branch. */
static void random_decode_input(struct fg_decode_ctx *ctx, __u32 devtype)
{
	static const __u32 cxl_ops[] = { FG_CXL_GET_SUPPORTED_FEATURES, FG_CXL_GET_FEATURE,
					 FG_CXL_SET_FEATURE, 0x10502, 0x4200 };
	static const __u32 cxl_sizes[] = { 0, 8, 9, 20, 21, 32, 33, 36, 48, 0xfffffff8 };
	__u32 i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->devtype = devtype;
	ctx->readable = rnd(20) != 0;
	ctx->in_len = rnd(4) ? rnd(140) : (__u32)random();
	for (i = 0; i < FG_DECODE_PEEK; i++)
		ctx->buf[i] = i < ctx->in_len ? (__u8)random() : 0;
	if (devtype == FG_DEVTYPE_CXL && rnd(4)) {
		__u32 op = cxl_ops[rnd(sizeof(cxl_ops) / sizeof(cxl_ops[0]))];
		__u32 sz = cxl_sizes[rnd(sizeof(cxl_sizes) / sizeof(cxl_sizes[0]))];

		memcpy(ctx->buf, &op, 4);
		memcpy(ctx->buf + 8, &sz, 4);
	}
}

/* Effects entries for the opcodes, op_mods, endpoints and UUIDs the request
 * generator produces, in the native table; the kernel gets them as the
 * loader gives them: type-wide ones in a generation, per-device ones in the
 * registry (install_effects). */
static void random_effects(struct fg_effects_db *db)
{
	static const __u32 types[] = { FG_DEVTYPE_MLX5, FG_DEVTYPE_BNXT, FG_DEVTYPE_PDS,
				       FG_DEVTYPE_CXL };
	int i;

	for (i = 0; i < 2000; i++) {
		struct fg_effects_entry e = {};

		e.key.devtype = types[rnd(4)];
		e.key.minor = e.key.devtype == FG_DEVTYPE_CXL && rnd(2) ? rnd(4) : FG_MINOR_ANY;
		e.key.opcode = e.key.devtype == FG_DEVTYPE_CXL ? FG_CXL_SET_FEATURE : rnd(256);
		if (e.key.devtype == FG_DEVTYPE_CXL)
			memset(e.key.uuid, rnd(4), 16);
		else if (e.key.devtype != FG_DEVTYPE_BNXT && rnd(2)) {
			e.key.has_sub = 1;
			e.key.sub = rnd(4);
		}
		e.val.effects = (__u32)random() & ((1u << FG_EFFECT_MAX) - 1);
		e.val.feat_flags = rnd(2);
		cr_assert_eq(fg_effects_put(db, &e), 0);
	}
}

/* A generation of an empty policy with db's tables, and a registry with a
 * CXL device at minors 0-3 holding db's per-device entries. */
static void install_effects(struct decide_test_bpf *skel, const struct fg_effects_db *db)
{
	struct fg_program prog = { .default_action = FG_ACTION_ALLOW };
	struct fg_devinfo devs[4] = {};
	struct fg_devlist list = { .n = 4, .devs = devs };
	struct fg_gen_image img;
	struct fg_err err = {};
	unsigned int i;
	int fd;

	for (i = 0; i < 4; i++) {
		devs[i].minor = i;
		devs[i].dev.devtype = FG_DEVTYPE_CXL;
		snprintf(devs[i].dev.name, sizeof(devs[i].dev.name), "fwctl%u", i);
	}
	cr_assert_eq(fg_policy_lower(&prog, db, 1, &img, &err), 0, "lower: %s", err.msg);
	cr_assert_eq(fg_sync_registry(bpf_map__fd(skel->maps.fg_devices), &list, db, img.g, &err),
		     0, "registry: %s", err.msg);
	cr_assert_eq(fg_gen_create(&img, &fd, &err), 0, "create: %s", err.msg);
	cr_assert_eq(fg_gen_install(bpf_map__fd(skel->maps.fg_gens), fd, &err), 0);
	close(fd);
	fg_gen_image_free(&img);
}

/* Small values in the fields the effects keys use, so lookups hit. */
static void steer_to_effects(struct fg_decode_ctx *ctx)
{
	if (rnd(2))
		return;
	ctx->minor = rnd(4);
	switch (ctx->devtype) {
	case FG_DEVTYPE_MLX5:	/* big-endian opcode and op_mod */
		ctx->buf[0] = 0;
		ctx->buf[6] = 0;
		ctx->buf[7] = rnd(4);
		break;
	case FG_DEVTYPE_BNXT:
		ctx->buf[1] = 0;
		break;
	case FG_DEVTYPE_PDS:
		memset(ctx->buf + 1, 0, 3);
		memset(ctx->buf + 4, 0, 4);
		ctx->buf[4] = rnd(4);
		break;
	case FG_DEVTYPE_CXL:
		memset(ctx->buf + 16, rnd(4), 16);
		break;
	}
}

Test(decide_bpf, decoder_kernel_and_native_agree)
{
	struct fg_effects_db db = {};
	static const __u32 types[] = { FG_DEVTYPE_CXL, FG_DEVTYPE_MLX5, FG_DEVTYPE_BNXT,
				       FG_DEVTYPE_PDS, FG_DEVTYPE_UNKNOWN };
	struct decide_test_bpf *skel;
	unsigned int seed = test_seed();
	unsigned int t;
	int i, fd;

	srandom(seed);
	skel = open_decide_skel();
	fd = bpf_program__fd(skel->progs.decode);
	random_effects(&db);
	install_effects(skel, &db);
	for (t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		int ok = 0, known = 0;

		for (i = 0; i < PAIRS; i++) {
			struct fg_decode_ctx ctx;
			struct fg_cmd native;
			LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx,
				    .ctx_size_in = sizeof(ctx));

			random_decode_input(&ctx, types[t]);
			steer_to_effects(&ctx);
			fg_decode(ctx.devtype, ctx.buf, ctx.in_len, ctx.readable, &native);
			native.effects = fg_effects_resolve(&db, &native, ctx.minor,
							    &native.feat_flags);
			cr_assert_eq(bpf_prog_test_run_opts(fd, &opts), 0, "BPF_PROG_RUN: %s",
				     strerror(errno));
			cr_assert_eq(memcmp(&ctx.cmd, &native, sizeof(native)), 0,
				     "type %u request %d (seed %u): kernel and native decode differ "
				     "(status %u/%u opcode 0x%x/0x%x effects 0x%x/0x%x)", types[t], i,
				     seed, ctx.cmd.status, native.status, ctx.cmd.opcode, native.opcode,
				     ctx.cmd.effects, native.effects);
			ok += native.status == FG_DECODE_OK;
			known += native.effects != FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
		}
		/* The generator must reach decodable requests, not only rejects;
		 * a type the guard does not decode never decodes. */
		if (types[t] != FG_DEVTYPE_UNKNOWN)
			cr_expect_gt(ok, PAIRS / 10, "type %u: only %d of %d requests decoded",
				     types[t], ok, PAIRS);
		else
			cr_expect_eq(ok, 0, "type 0: %d requests decoded", ok);
		/* ... and commands whose effects come from the map, not only "unknown". */
		if (types[t] != FG_DEVTYPE_UNKNOWN)
			cr_expect_gt(known, PAIRS / 20, "type %u: only %d requests with known "
				     "effects", types[t], known);
		printf("decoder differential: type %u: %d requests agree (%d decoded OK, %d with "
		       "known effects)\n", types[t], PAIRS, ok, known);
	}
	fg_effects_free(&db);
	decide_test_bpf__destroy(skel);
}
