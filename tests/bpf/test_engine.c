// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential test of the decision: random policies are lowered into a
 * generation, installed as the loader installs them, and judged by the BPF
 * engine (SEC("syscall") program, BPF_PROG_RUN, real verifier and JIT) and
 * by the native evaluator (rule by rule, first match). They must agree on
 * action, reason, rule and permissive flag for every request.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "decide_test.h"
#include "host/effects_table.h"
#include "kernel/generation.h"
#include "kernel/sync.h"
#include "policy/eval.h"
#include "policy/image.h"
#include "policy/lower.h"
#include "test_util.h"

#define POLICIES	250
#define REQUESTS	40	/* per policy: 10,000 pairs */

static const char *const nodes[] = { "fwctl0", "fwctl1", "fwctl2", "fwctl3", "fwctl4" };
static const char *const parents[] = { "0000:01:00.0", "0000:3b:00.1", "mem0", "mem1" };
static const char *const serials[] = { "s-1", "s-2", "0a-0b-0c" };
static const char *const comms[] = { "agent", "fwupd", "x" };
static const __u32 ids[] = { 0, 1, 1000 };
static const __u64 exe_ino[] = { 10, 11, 10, 0 };
static const __u64 exe_dev[] = { 1, 1, 2, 0 };
static const __u64 cgroups[] = { 5, 6, 0 };
static const __u32 caps[] = { 0, 1, 17, 21, 33, 40, 63 };	/* 7 <= FG_GEN_MAX_CAPS */
/* ioctls (FWCTL_RPC, NVIDIA's two, a fwctl number no one uses, TCGETS),
 * mlx5 registers, device type numbers beyond the decoded ones. */
static const __u32 ioctls[] = { FG_FWCTL_RPC, 0x9A02, 0x9A03, 0x9AFF, 0x5401 };
static const __u32 regs[] = { 0x9024, 0x9028, 0x9020 };
static const __u32 odd_types[] = { 5, 8, 31, 40 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char **pick_strs(const char *const *from, size_t nfrom, size_t *n)
{
	char **v;
	size_t i;

	*n = 1 + rnd(2);
	v = calloc(*n, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = strdup(from[rnd(nfrom)]);
	return v;
}

static __u32 *pick_ids(size_t *n)
{
	__u32 *v;
	size_t i;

	*n = 1 + rnd(2);
	v = calloc(*n, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = ids[rnd(N(ids))];
	return v;
}

static __u32 sparse_effects(void)
{
	__u32 m = 0;
	int i, n = rnd(3);

	for (i = 0; i <= n; i++)
		m |= FG_EFFECT_BIT(rnd(FG_EFFECT_MAX));
	return m;
}

/* Each condition present with probability 1/p. */
static void random_rule(struct fg_ir_rule *r, __u32 p)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->action = rnd(FG_ACTION_MAX);
	r->scopes = rnd(p) ? 0xf : rnd(16);
	r->statuses = rnd(p) ? 1 : rnd(8);
	r->devtypes = rnd(p) ? FG_DEVTYPE_KNOWN : rnd(1u << FG_DEVTYPE_MAX);
	if (!rnd(3 * p))
		r->devtypes |= 1u << odd_types[rnd(N(odd_types) - 1)];
	/* The newer conditions, rarer: each makes a rule match less. */
	if (!rnd(3 * p)) {
		r->nioctls = 1 + rnd(2);
		r->ioctls = calloc(r->nioctls, sizeof(__u32));
		for (i = 0; i < r->nioctls; i++)
			r->ioctls[i] = ioctls[rnd(N(ioctls))];
	}
	if (!rnd(3 * p)) {
		r->nregs = 1 + rnd(2);
		r->regs = calloc(r->nregs, sizeof(__u32));
		for (i = 0; i < r->nregs; i++)
			r->regs[i] = regs[rnd(N(regs))];
	}
	if (!rnd(3 * p))
		r->reg_access = 1 + rnd(6);	/* bits of read (1), write (2), none (0) */
	if (!rnd(p))
		r->effects_any = sparse_effects();
	if (!rnd(p))
		r->effects_all = sparse_effects();
	if (!rnd(p))
		for (i = 0; i <= rnd(2); i++)
			r->caps |= 1ull << caps[rnd(N(caps))];
	if (!rnd(p)) {
		r->ncmds = 1 + rnd(3);
		r->cmds = calloc(r->ncmds, sizeof(*r->cmds));
		for (i = 0; i < r->ncmds; i++) {
			r->cmds[i].devtype = 1 + rnd(FG_DEVTYPE_MAX - 1);
			r->cmds[i].opcode = rnd(6);
		}
	}
	if (!rnd(p)) {
		r->nfeatures = 1 + rnd(2);
		r->features = calloc(r->nfeatures, 16);
		for (i = 0; i < r->nfeatures; i++)
			memset(r->features[i], rnd(4), 16);
	}
	if (!rnd(p))
		r->nodes = pick_strs(nodes, N(nodes), &r->nnodes);
	if (!rnd(p))
		r->parents = pick_strs(parents, N(parents), &r->nparents);
	if (!rnd(p))
		r->serials = pick_strs(serials, N(serials), &r->nserials);
	if (!rnd(p))
		r->comms = pick_strs(comms, N(comms), &r->ncomms);
	if (!rnd(p))
		r->uids = pick_ids(&r->nuids);
	if (!rnd(p))
		r->euids = pick_ids(&r->neuids);
	if (!rnd(p))
		r->gids = pick_ids(&r->ngids);
	if (!rnd(p)) {
		r->nexes = 1 + rnd(2);
		r->exes = calloc(r->nexes, sizeof(*r->exes));
		for (i = 0; i < r->nexes; i++) {
			size_t k = rnd(N(exe_ino));

			r->exes[i].ino = exe_ino[k];
			r->exes[i].dev = exe_dev[k];
		}
	}
	if (!rnd(p)) {
		r->ncgroups = 1 + rnd(2);
		r->cgroups = calloc(r->ncgroups, sizeof(*r->cgroups));
		for (i = 0; i < r->ncgroups; i++)
			r->cgroups[i].id = cgroups[rnd(N(cgroups))];
	}
}

/* Mostly small policies (early matches, every field); some big ones, so
 * that matches land in every word of the vectors. */
/* nrules: -1 for a random count (mostly small, now and then up to the
 * limit). */
static struct fg_program *random_program(long nrules)
{
	struct fg_program *prog = calloc(1, sizeof(*prog));
	__u32 p = 2 + rnd(5);
	size_t i;

	prog->nrules = nrules >= 0 ? (size_t)nrules : rnd(25) ? rnd(40) : rnd(FG_MAX_RULES + 1);
	if (prog->nrules > 200)
		p = 2;	/* many conditions each: few rules match, the walk goes far */
	prog->rules = calloc(prog->nrules ? prog->nrules : 1, sizeof(*prog->rules));
	for (i = 0; i < prog->nrules; i++)
		random_rule(&prog->rules[i], p);
	prog->mode = rnd(4) ? FG_MODE_ENFORCE : FG_MODE_PERMISSIVE;
	prog->default_action = rnd(FG_ACTION_MAX);
	prog->unknown_device_action = rnd(FG_ACTION_MAX);
	snprintf(prog->name, sizeof(prog->name), "random");
	return prog;
}

static void random_devices(struct fg_devlist *devs)
{
	unsigned int i;

	devs->n = rnd(10) ? 1 + rnd(N(nodes)) : 0;
	devs->devs = calloc(N(nodes), sizeof(*devs->devs));
	for (i = 0; i < devs->n; i++) {
		struct fg_device *d = &devs->devs[i].dev;

		devs->devs[i].minor = i;
		d->devtype = rnd(8) ? 1 + rnd(FG_DEVTYPE_MAX - 1) : FG_DEVTYPE_UNKNOWN;
		snprintf(d->name, sizeof(d->name), "%s", nodes[i]);
		snprintf(d->parent, sizeof(d->parent), "%s", rnd(5) ? parents[rnd(N(parents))] : "");
		snprintf(d->serial, sizeof(d->serial), "%s", rnd(3) ? serials[rnd(N(serials))] : "");
	}
}

static void random_request(struct fg_decide_in *in, const struct fg_devlist *devs)
{
	static const __u32 lens[] = { 0, 1, 64, FG_FWCTL_MAX_RPC_LEN, FG_FWCTL_MAX_RPC_LEN + 1 };
	struct fg_caller *who = &in->caller;
	struct fg_cmd *c = &in->cmd;
	size_t k;

	memset(in, 0, sizeof(*in));
	in->req.minor = rnd(8) && devs->n ? rnd(devs->n) : rnd(N(nodes) + 2);
	/* The registry's type for the minor, as the hook reads it; now and
	 * then another (a registry ahead of the generation). */
	in->req.devtype = in->req.minor < devs->n ? devs->devs[in->req.minor].dev.devtype
						  : FG_DEVTYPE_UNKNOWN;
	if (!rnd(15))
		in->req.devtype = rnd(3) ? rnd(FG_DEVTYPE_MAX + 1) : odd_types[rnd(N(odd_types))];
	in->req.ioctl = rnd(8) ? FG_FWCTL_RPC : ioctls[rnd(N(ioctls))];
	in->req.scope = rnd(40) ? rnd(FG_SCOPE_MAX) : rnd(1u << 31);
	in->req.size = rnd(40) ? sizeof(struct fg_fwctl_rpc) : rnd(64);
	in->req.in_len = rnd(10) ? 64 : lens[rnd(N(lens))];
	in->req.out_len = rnd(10) ? 64 : lens[rnd(N(lens))];

	c->status = rnd(5) ? FG_DECODE_OK : rnd(4);
	c->devtype = rnd(10) ? in->req.devtype : rnd(FG_DEVTYPE_MAX);
	c->opcode = rnd(8);
	c->has_uuid = rnd(2);
	if (c->has_uuid)
		memset(c->uuid, rnd(5), 16);
	c->effects = rnd(3) ? sparse_effects() : (__u32)random() & ((1u << FG_EFFECT_MAX) - 1);
	if (!rnd(3)) {
		c->reg = regs[rnd(N(regs))];
		c->reg_access = 1 + rnd(2);
	}

	who->uid = ids[rnd(N(ids))];
	who->euid = ids[rnd(N(ids))];
	who->gid = ids[rnd(N(ids))];
	who->cgroup_id = cgroups[rnd(N(cgroups))];
	k = rnd(N(exe_ino));
	who->exe_ino = exe_ino[k];
	who->exe_dev = exe_dev[k];
	who->caps = rnd(3) ? 0 : (1ull << caps[rnd(N(caps))]) | (1ull << rnd(64));
	snprintf(who->comm, sizeof(who->comm), "%s", comms[rnd(N(comms))]);
}

static void run_bpf(int prog_fd, struct fg_decide_in *in, struct fg_verdict *v)
{
	struct fg_decide_ctx ctx = { .in = *in };
	/* A syscall program's context is copied back into ctx_in. */
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));

	cr_assert_eq(bpf_prog_test_run_opts(prog_fd, &opts), 0, "BPF_PROG_RUN: %s",
		     strerror(errno));
	cr_assert_eq(opts.retval, 0, "the engine refused its arguments");
	*v = ctx.verdict;
	*in = ctx.in;	/* with the effects the engine resolved */
}

/* Effects for the commands and features the requests use: type-wide
 * entries (tables) and per-device ones for the CXL devices of devs (what
 * they report), so that requests resolve to many effects. */
static void random_effects(struct fg_effects_db *db, const struct fg_devlist *devs)
{
	unsigned int i, d;

	for (i = 0; i < 40; i++) {
		struct fg_effects_entry e = {};

		e.key.minor = FG_MINOR_ANY;
		e.key.devtype = 1 + rnd(FG_DEVTYPE_MAX - 1);
		if (e.key.devtype == FG_DEVTYPE_CXL) {
			e.key.opcode = FG_CXL_SET_FEATURE;
			memset(e.key.uuid, rnd(5), 16);
		} else {
			e.key.opcode = rnd(6);
			if (e.key.devtype != FG_DEVTYPE_BNXT && rnd(2)) {
				e.key.has_sub = 1;
				e.key.sub = rnd(3);
			}
		}
		e.val.effects = sparse_effects();
		e.val.feat_flags = rnd(2);
		cr_assert_eq(fg_effects_put(db, &e), 0);
	}
	for (d = 0; d < devs->n; d++) {
		if (devs->devs[d].dev.devtype != FG_DEVTYPE_CXL)
			continue;
		for (i = 0; i < 3; i++) {
			struct fg_effects_entry e = {};

			e.key.minor = devs->devs[d].minor;
			e.key.devtype = FG_DEVTYPE_CXL;
			e.key.opcode = FG_CXL_SET_FEATURE;
			memset(e.key.uuid, rnd(5), 16);
			e.val.effects = sparse_effects();
			cr_assert_eq(fg_effects_put(db, &e), 0);
		}
	}
}

/* As the loader installs a generation: the registry first (each device's
 * parent and serial as the generation knows them, its CXL features), then
 * the switch. */
static void install(struct decide_test_bpf *skel, const struct fg_program *prog,
		    const struct fg_devlist *devs, const struct fg_effects_db *db, __u64 gen)
{
	struct fg_gen_image img;
	struct fg_err err = {};
	int fd;

	cr_assert_eq(fg_policy_lower(prog, db, gen, &img, &err), 0, "lower: %s", err.msg);
	cr_assert_eq(fg_sync_registry(bpf_map__fd(skel->maps.fg_devices), devs, db, img.g, &err),
		     0, "registry: %s", err.msg);
	cr_assert_eq(fg_gen_create(&img, &fd, &err), 0, "create: %s", err.msg);
	cr_assert_eq(fg_gen_install(bpf_map__fd(skel->maps.fg_gens), fd, &err), 0,
		     "install: %s", err.msg);
	close(fd);
	fg_gen_image_free(&img);
}

Test(engine_bpf, kernel_and_native_agree)
{
	struct decide_test_bpf *skel;
	unsigned int seed = test_seed();
	unsigned long pairs = 0, by_rule = 0, deep = 0, reasons[FG_REASON_MAX] = {};
	int p, i, prog_fd;

	srandom(seed);
	skel = open_decide_skel();
	prog_fd = bpf_program__fd(skel->progs.decide);
	for (p = 0; p < POLICIES; p++) {
		/* The first policy has the most rules a policy may have. */
		struct fg_program *prog = random_program(p ? -1 : FG_MAX_RULES);
		struct fg_effects_db db = {};
		struct fg_devlist devs = {};

		random_devices(&devs);
		random_effects(&db, &devs);
		install(skel, prog, &devs, &db, p + 1);
		for (i = 0; i < REQUESTS; i++) {
			struct fg_decide_in in;
			struct fg_verdict k, n;

			random_request(&in, &devs);
			/* The engine resolves the effects itself; the native
			 * evaluator is given them as the loader resolves them. */
			struct fg_cmd native = in.cmd;

			native.effects = fg_effects_resolve(&db, &native, in.req.minor,
							    &native.feat_flags);
			if (in.req.ioctl != FG_FWCTL_RPC) {
				/* No command: no effects to look up. */
				native.effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
				native.feat_flags = 0;
			}
			run_bpf(prog_fd, &in, &k);
			cr_assert(in.cmd.effects == native.effects &&
				  in.cmd.feat_flags == native.feat_flags,
				  "policy %d request %d (seed %u): effects 0x%x flags 0x%x, the loader's "
				  "0x%x 0x%x", p, i, seed, in.cmd.effects, in.cmd.feat_flags,
				  native.effects, native.feat_flags);
			fg_policy_eval(prog, &devs, &in, &n);
			cr_assert(k.action == n.action && k.reason == n.reason && k.rule == n.rule &&
				  k.permissive == n.permissive,
				  "policy %d (%zu rules) request %d (seed %u): kernel action %u "
				  "reason %u rule %d permissive %u, native action %u reason %u rule %d "
				  "permissive %u (ioctl 0x%x devtype %u; native says rule %d fails %s)",
				  p, prog->nrules, i, seed, k.action, k.reason, k.rule,
				  k.permissive, n.action, n.reason, n.rule, n.permissive, in.req.ioctl,
				  in.req.devtype, k.rule,
				  k.rule >= 0 && (size_t)k.rule < prog->nrules ?
				  fg_cond_names[fg_rule_mismatch(&prog->rules[k.rule],
								 fg_eval_device(&devs, &in), &in)] : "-");
			cr_assert_eq(k.gen, (__u64)p + 1, "decided by generation %llu, not %d",
				     (unsigned long long)k.gen, p + 1);
			pairs++;
			reasons[n.reason]++;
			by_rule += n.rule >= 0;
			deep += n.rule >= 64;
		}
		fg_devlist_free(&devs);
		fg_effects_free(&db);
		fg_program_free(prog);
	}
	/* The generator must reach every kind of outcome, not only defaults. */
	cr_expect_gt(by_rule, pairs / 8, "only %lu of %lu decided by a rule", by_rule, pairs);
	cr_expect_gt(reasons[FG_REASON_UNKNOWN_IOCTL], 100);
	cr_expect_gt(deep, 20, "only %lu decisions by a rule past the first word", deep);
	cr_expect_gt(reasons[FG_REASON_DEFAULT], 100);
	cr_expect_gt(reasons[FG_REASON_UNKNOWN_DEVICE], 20);
	cr_expect_gt(reasons[FG_REASON_MALFORMED], 20);
	printf("engine differential (seed %u): %lu (policy, request) pairs agree; %lu decided by "
	       "a rule (%lu past rule 63), %lu default, %lu unknown-device, %lu unknown-ioctl, %lu "
	       "malformed, %lu unreadable\n", seed, pairs, by_rule, deep, reasons[FG_REASON_DEFAULT],
	       reasons[FG_REASON_UNKNOWN_DEVICE], reasons[FG_REASON_UNKNOWN_IOCTL],
	       reasons[FG_REASON_MALFORMED], reasons[FG_REASON_UNREADABLE]);
	decide_test_bpf__destroy(skel);
}

/* Fail closed: before any generation, and with one of another ABI
 * version, every request is denied as no-policy. */
Test(engine_bpf, no_or_broken_generation_denies)
{
	struct decide_test_bpf *skel = open_decide_skel();
	struct fg_program prog = { .default_action = FG_ACTION_ALLOW,
				   .unknown_device_action = FG_ACTION_DENY };
	struct fg_decide_in in = {};
	struct fg_gen_image img;
	struct fg_err err = {};
	struct fg_verdict v;
	int fd, prog_fd = bpf_program__fd(skel->progs.decide);

	in.req.size = sizeof(struct fg_fwctl_rpc);
	in.req.ioctl = FG_FWCTL_RPC;
	in.req.devtype = FG_DEVTYPE_CXL;
	in.cmd.devtype = FG_DEVTYPE_CXL;
	run_bpf(prog_fd, &in, &v);
	cr_assert_eq(v.action, FG_ACTION_DENY);
	cr_assert_eq(v.reason, FG_REASON_NO_POLICY);

	cr_assert_eq(fg_policy_lower(&prog, NULL, 7, &img, &err), 0, "%s", err.msg);
	cr_assert_eq(fg_gen_create(&img, &fd, &err), 0, "%s", err.msg);
	cr_assert_eq(fg_gen_install(bpf_map__fd(skel->maps.fg_gens), fd, &err), 0);
	close(fd);
	run_bpf(prog_fd, &in, &v);
	/* no rule: the policy's default for a device of a known type */
	cr_assert_eq(v.action, FG_ACTION_ALLOW);
	cr_assert_eq(v.reason, FG_REASON_DEFAULT);
	cr_assert_eq(v.gen, 7);
	in.req.devtype = FG_DEVTYPE_UNKNOWN;
	run_bpf(prog_fd, &in, &v);
	cr_assert_eq(v.reason, FG_REASON_UNKNOWN_DEVICE);
	cr_assert_eq(v.action, FG_ACTION_DENY);

	img.g->hdr.version = FG_ABI_VERSION - 1;
	cr_assert_eq(fg_gen_create(&img, &fd, &err), 0, "%s", err.msg);
	cr_assert_eq(fg_gen_install(bpf_map__fd(skel->maps.fg_gens), fd, &err), 0);
	close(fd);
	in.req.devtype = FG_DEVTYPE_CXL;
	run_bpf(prog_fd, &in, &v);
	cr_assert_eq(v.action, FG_ACTION_DENY);
	cr_assert_eq(v.reason, FG_REASON_NO_POLICY);
	fg_gen_image_free(&img);
	decide_test_bpf__destroy(skel);
}

/* n uids whose slot keys share one home slot under seed (the first seed
 * the lowering tries), found by search. */
static void colliding_uids(__u64 seed, __u32 *out, unsigned int n)
{
	__u32 tag = FG_SLOT_FIELD + FG_F_UID, home, uid;
	unsigned int k = 0;

	home = fg_image_hash(seed, tag, 1000, 0) & (FG_GEN_SLOTS - 1);
	for (uid = 1000; k < n; uid++)
		if ((fg_image_hash(seed, tag, uid, 0) & (FG_GEN_SLOTS - 1)) == home)
			out[k++] = uid;
}

/*
 * Crafted collisions in the slot table: rule i denies uid u[i], every u
 * hashing to one home slot. With FG_GEN_PROBES keys they all fit under the
 * first seed, each up to FG_GEN_PROBES - 1 slots from home; with more, the
 * lowering must take another seed. Either way, each listed uid is denied
 * by its own rule, and uids that collide too but are not listed, by none.
 */
Test(engine_bpf, slot_collisions_never_misclassify)
{
	static const unsigned int listed[] = { FG_GEN_PROBES, 3 * FG_GEN_PROBES };
	const __u64 seed0 = 0x5eed;	/* image.c: fg_image_place's first */
	struct decide_test_bpf *skel = open_decide_skel();
	int prog_fd = bpf_program__fd(skel->progs.decide);
	struct fg_devinfo dev = { .minor = 0 };
	struct fg_devlist devs = { .n = 1, .devs = &dev };
	__u32 u[3 * FG_GEN_PROBES + 4];
	unsigned int c, i, tried = 0;

	dev.dev.devtype = FG_DEVTYPE_MLX5;
	snprintf(dev.dev.name, sizeof(dev.dev.name), "fwctl0");
	colliding_uids(seed0, u, N(u));
	for (c = 0; c < N(listed); c++) {
		struct fg_program *prog = calloc(1, sizeof(*prog));
		struct fg_effects_db db = {};
		struct fg_gen_image img;
		struct fg_err err = {};

		prog->default_action = FG_ACTION_ALLOW;
		prog->unknown_device_action = FG_ACTION_ALLOW;
		prog->nrules = listed[c];
		prog->rules = calloc(listed[c], sizeof(*prog->rules));
		for (i = 0; i < listed[c]; i++) {
			struct fg_ir_rule *r = &prog->rules[i];

			r->action = FG_ACTION_DENY;
			r->scopes = 0xf;
			r->statuses = 1u << FG_DECODE_OK;
			r->devtypes = FG_DEVTYPE_KNOWN;
			r->nuids = 1;
			r->uids = calloc(1, sizeof(__u32));
			r->uids[0] = u[i];
		}
		/* Where the lowering put them: under the first seed when they
		 * fit within the probe window, else another. */
		cr_assert_eq(fg_policy_lower(prog, &db, 1, &img, &err), 0, "%s", err.msg);
		if (listed[c] <= FG_GEN_PROBES)
			cr_assert_eq(img.g->hdr.seed, seed0, "%u colliding keys did not stay under "
				     "the first seed", listed[c]);
		else
			cr_assert_neq(img.g->hdr.seed, seed0, "%u keys one slot apart fit %u probes",
				      listed[c], FG_GEN_PROBES);
		fg_gen_image_free(&img);
		install(skel, prog, &devs, &db, c + 1);
		for (i = 0; i < N(u) && i < listed[c] + 4; i++) {
			struct fg_decide_in in = {};
			struct fg_verdict k, n;

			in.req.devtype = FG_DEVTYPE_MLX5;
			in.req.ioctl = FG_FWCTL_RPC;
			in.req.scope = FG_SCOPE_CONFIGURATION;
			in.req.size = sizeof(struct fg_fwctl_rpc);
			in.req.in_len = in.req.out_len = 64;
			in.cmd.status = FG_DECODE_OK;
			in.cmd.devtype = FG_DEVTYPE_MLX5;
			in.caller.uid = u[i];
			run_bpf(prog_fd, &in, &k);
			fg_policy_eval(prog, &devs, &in, &n);
			cr_assert(k.action == n.action && k.rule == n.rule && k.reason == n.reason,
				  "uid %u (%u colliding keys): kernel rule %d, native rule %d", u[i],
				  listed[c], k.rule, n.rule);
			cr_assert_eq(k.rule, i < listed[c] ? (int)i : FG_RULE_NONE,
				     "uid %u: rule %d", u[i], k.rule);
			tried++;
		}
		fg_program_free(prog);
	}
	printf("slot collisions: %u requests over %u and %u keys sharing one home slot agree\n",
	       tried, listed[0], listed[1]);
	decide_test_bpf__destroy(skel);
}
