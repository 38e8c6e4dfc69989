// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench, decisions: the cost of one decision on this host's verifier
 * and JIT, for policies of 1 to 4,096 rules.
 *
 * Method. The guard's code runs in XDP programs (tests/bpf/bench.bpf.c),
 * whose BPF_PROG_RUN takes a repeat count and reports the mean time per
 * run: bench_full does what the LSM hook does once it has copied the
 * request's header and first bytes (caller read from the current task,
 * decode, effects, rules), bench_decide the engine alone on a decoded
 * request, bench_empty nothing (the harness's own cost, printed and
 * subtracted: figures are net). Each policy is lowered and installed as the
 * loader installs it. Each figure is the median of PASSES passes of REPEAT
 * runs, the harness measured in each pass. Each decision timed is checked
 * against the native evaluator first, so that the bench times what it
 * says.
 *
 * Shapes: "every field" (rule i tests type, node, scope, cmd i, effects,
 * uid, euid, gid, comm, exe, cgroup, cap, all matching the caller but the
 * cmd), "cmd" (type, cmd i, scope), and "worst": rules alternate between
 * two that each match one field of the request, so that every word of the
 * rule bitmap stays a candidate to the end and none matches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench.skel.h"
#include "bench_raw.h"
#include "goal.h"
#include "kernel/generation.h"
#include "kernel/sync.h"
#include "policy/eval.h"
#include "policy/lower.h"

#define REPEAT	200000
#define PASSES	5

static const unsigned int sizes[] = { 1, 64, 1024, 4096 };
#define NSIZES	(sizeof(sizes) / sizeof(sizes[0]))

enum shape { SHAPE_ALL, SHAPE_CMD, SHAPE_WORST, SHAPE_MAX };

static const char *const shape_desc[SHAPE_MAX] = {
	[SHAPE_ALL] = "every field: rule i tests type, node, scope, cmd i, effect, uid, euid, "
		      "gid, comm, exe, cgroup, cap",
	[SHAPE_CMD] = "cmd: rule i is `deny type mlx5 cmd i scope >= debug-write`",
	[SHAPE_WORST] = "worst: rules alternate `cmd 1 uid U+1` / `cmd 2 uid U`; request cmd 1 "
			"uid U",
};

/* The bench's own caller fields, as the BPF side reads them. */
static struct fg_caller me;

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);

	if (!p) {
		perror("calloc");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("strdup");
		exit(1);
	}
	return d;
}

static void rule_cmd(struct fg_ir_rule *r, __u32 opcode)
{
	r->action = FG_ACTION_DENY;
	r->scopes = 0xf;
	r->statuses = 1u << FG_DECODE_OK;
	r->devtypes = 1u << FG_DEVTYPE_MLX5;
	r->ncmds = 1;
	r->cmds = xcalloc(1, sizeof(*r->cmds));
	r->cmds[0].devtype = FG_DEVTYPE_MLX5;
	r->cmds[0].opcode = opcode;
}

static void rule_uid(struct fg_ir_rule *r, __u32 uid)
{
	r->nuids = 1;
	r->uids = xcalloc(1, sizeof(__u32));
	r->uids[0] = uid;
}

static void rule_all(struct fg_ir_rule *r)
{
	r->effects_any = FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE) |
			 FG_EFFECT_BIT(FG_EFFECT_RESET);
	r->caps = 1ull << 17;	/* CAP_SYS_RAWIO */
	r->nnodes = 1;
	r->nodes = xcalloc(1, sizeof(char *));
	r->nodes[0] = xstrdup("fwctl0");
	rule_uid(r, me.uid);
	r->neuids = r->ngids = 1;
	r->euids = xcalloc(1, sizeof(__u32));
	r->gids = xcalloc(1, sizeof(__u32));
	r->euids[0] = me.euid;
	r->gids[0] = me.gid;
	r->ncomms = 1;
	r->comms = xcalloc(1, sizeof(char *));
	r->comms[0] = xstrdup(me.comm);
	r->nexes = 1;
	r->exes = xcalloc(1, sizeof(*r->exes));
	r->exes[0].path = xstrdup("/proc/self/exe");
	r->exes[0].dev = me.exe_dev;
	r->exes[0].ino = me.exe_ino;
	r->ncgroups = 1;
	r->cgroups = xcalloc(1, sizeof(*r->cgroups));
	r->cgroups[0].id = me.cgroup_id;
}

static struct fg_program *build(unsigned int n, enum shape shape)
{
	struct fg_program *prog = xcalloc(1, sizeof(*prog));
	unsigned int i;

	snprintf(prog->name, sizeof(prog->name), "bench-%u", n);
	prog->default_action = FG_ACTION_ALLOW;
	prog->unknown_device_action = FG_ACTION_DENY;
	prog->nrules = n;
	prog->rules = xcalloc(n, sizeof(*prog->rules));
	for (i = 0; i < n; i++) {
		struct fg_ir_rule *r = &prog->rules[i];

		switch (shape) {
		case SHAPE_ALL:
			rule_cmd(r, i);
			r->scopes = 1u << FG_SCOPE_DEBUG_WRITE | 1u << FG_SCOPE_DEBUG_WRITE_FULL;
			rule_all(r);
			break;
		case SHAPE_CMD:
			rule_cmd(r, i);
			r->scopes = 1u << FG_SCOPE_DEBUG_WRITE | 1u << FG_SCOPE_DEBUG_WRITE_FULL;
			break;
		default:
			rule_cmd(r, 1 + i % 2);
			rule_uid(r, i % 2 ? me.uid : me.uid + 1);
			break;
		}
	}
	return prog;
}

/* The request as the hook has it after reading the header and the first
 * bytes: an mlx5 command (opcode at offset 0, big-endian, op_mod at 6). */
static void raw_request(struct fg_bench_raw *raw, __u32 opcode)
{
	memset(raw, 0, sizeof(*raw));
	raw->req.minor = 0;
	raw->req.devtype = FG_DEVTYPE_MLX5;
	raw->req.ioctl = FG_FWCTL_RPC;
	raw->req.scope = FG_SCOPE_DEBUG_WRITE;
	raw->req.size = sizeof(struct fg_fwctl_rpc);
	raw->req.in_len = 64;
	raw->req.out_len = 64;
	raw->buf[0] = opcode >> 8;
	raw->buf[1] = opcode;
}

/* What the commands of the bench policies do: a reset (the engine resolves
 * the request's effects from these, as from the loader's tables). */
static struct fg_effects_db bench_effects;

static void effects_table(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct fg_effects_entry e = {};

		e.key.minor = FG_MINOR_ANY;
		e.key.devtype = FG_DEVTYPE_MLX5;
		e.key.opcode = i;
		e.val.effects = FG_EFFECT_BIT(FG_EFFECT_RESET);
		if (fg_effects_put(&bench_effects, &e)) {
			perror("bench: effects");
			exit(1);
		}
	}
}

static void install(struct bench_bpf *skel, const struct fg_program *prog,
		    const struct fg_devlist *devs)
{
	struct fg_gen_image img;
	struct fg_err err = {};
	int fd, ret;

	ret = fg_policy_lower(prog, &bench_effects, 1, &img, &err);
	if (!ret)
		ret = fg_sync_registry(bpf_map__fd(skel->maps.fg_devices), devs, NULL, img.g, &err);
	if (!ret)
		ret = fg_gen_create(&img, &fd, &err);
	fg_gen_image_free(&img);
	if (!ret) {
		ret = fg_gen_install(bpf_map__fd(skel->maps.fg_gens), fd, &err);
		close(fd);
	}
	if (ret) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
}

static void set_map(struct bpf_map *m, const void *v, size_t len)
{
	__u32 zero = 0;

	if (bpf_map__update_elem(m, &zero, sizeof(zero), v, len, BPF_ANY)) {
		fprintf(stderr, "bench: %s: %s\n", bpf_map__name(m), strerror(errno));
		exit(1);
	}
}

static void get_map(struct bpf_map *m, void *v, size_t len)
{
	__u32 zero = 0;

	if (bpf_map__lookup_elem(m, &zero, sizeof(zero), v, len, 0)) {
		fprintf(stderr, "bench: %s: %s\n", bpf_map__name(m), strerror(errno));
		exit(1);
	}
}

/*
 * Run bench_full once and check its verdict against the native evaluator
 * on what it resolved; want_rule: the rule that must decide (-1: none).
 */
static void check(struct bench_bpf *skel, const struct fg_program *prog,
		  const struct fg_devlist *devs, int want_rule)
{
	struct fg_decide_in in;
	struct fg_verdict k, n;

	fg_xdp_run_ns(bpf_program__fd(skel->progs.bench_full), 1);
	get_map(skel->maps.bench_out, &k, sizeof(k));
	get_map(skel->maps.bench_full_in, &in, sizeof(in));
	fg_policy_eval(prog, devs, &in, &n);
	if (k.action != n.action || k.rule != n.rule || k.reason != n.reason ||
	    k.rule != (want_rule < 0 ? FG_RULE_NONE : want_rule)) {
		fprintf(stderr, "bench: %s, %zu rules: kernel rule %d reason %u, native rule %d, "
			"wanted rule %d: not timing what we think\n", prog->name, prog->nrules,
			(int)k.rule, k.reason, (int)n.rule, want_rule);
		exit(1);
	}
	/* bench_decide gets the same decoded request. */
	set_map(skel->maps.bench_in, &in, sizeof(in));
}

/* Median net ns of prog (minus the harness, measured in the same pass). */
static double timed(struct bench_bpf *skel, int prog_fd, double *harness)
{
	double net[PASSES], empty[PASSES];
	int p;

	for (p = 0; p < PASSES; p++) {
		empty[p] = fg_xdp_run_ns(bpf_program__fd(skel->progs.bench_empty), REPEAT);
		net[p] = fg_xdp_run_ns(prog_fd, REPEAT) - empty[p];
	}
	if (harness)
		*harness = fg_median(empty, PASSES);
	return fg_median(net, PASSES);
}

static __u32 verified_insns(int prog_fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		return 0;
	return info.verified_insns;
}

int main(void)
{
	static const char *const case_name[] = { "last rule matches", "no rule matches" };
	struct fg_devinfo dev = { .minor = 0 };
	struct fg_devlist devs = { .n = 1, .devs = &dev };
	/* [shape][case][size][full path, engine alone] */
	static double t[SHAPE_MAX][2][NSIZES][2];
	double harness = 0;
	struct fg_bench_raw raw;
	struct fg_decide_in in;
	struct bench_bpf *skel;
	unsigned int s, c, i;
	bool ok = true;

	prctl(PR_SET_NAME, "fwctl-bench");
	dev.dev.devtype = FG_DEVTYPE_MLX5;
	snprintf(dev.dev.name, sizeof(dev.dev.name), "fwctl0");
	effects_table(4096);
	libbpf_set_print(NULL);
	skel = bench_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "bench: cannot load the XDP bench programs: %s (run as root)\n",
			strerror(errno));
		return 1;
	}
	/* Who this process is, as the BPF side reads it: the rules of the
	 * every-field shape name it. (No policy yet: the engine says so.) */
	raw_request(&raw, 0);
	set_map(skel->maps.bench_raw, &raw, sizeof(raw));
	{
		char pkt[64] = {};
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt));

		bpf_prog_test_run_opts(bpf_program__fd(skel->progs.bench_full), &o);
	}
	get_map(skel->maps.bench_full_in, &in, sizeof(in));
	me = in.caller;
	if (!me.exe_ino || !me.cgroup_id) {
		fprintf(stderr, "bench: the caller read found no exe or cgroup\n");
		return 1;
	}

	for (s = 0; s < SHAPE_MAX; s++) {
		for (i = 0; i < NSIZES; i++) {
			struct fg_program *prog = build(sizes[i], s);

			install(skel, prog, &devs);
			for (c = 0; c < 2; c++) {
				int want = c == 0 && s != SHAPE_WORST ? (int)sizes[i] - 1 : -1;

				if (s == SHAPE_WORST && c == 0)
					continue;	/* nothing matches, by design */
				raw_request(&raw, s == SHAPE_WORST ? 1 : want >= 0 ? (__u32)want
									 : 0xffff);
				set_map(skel->maps.bench_raw, &raw, sizeof(raw));
				check(skel, prog, &devs, want);
				t[s][c][i][0] = timed(skel, bpf_program__fd(skel->progs.bench_full),
						      &harness);
				t[s][c][i][1] = timed(skel, bpf_program__fd(skel->progs.bench_decide),
						      NULL);
			}
			fg_program_free(prog);
		}
	}

	printf("decision cost, net ns per decision (BPF_PROG_RUN on XDP, repeat %d, median of "
	       "%d passes;\nthe harness alone, an empty XDP program, takes %.1f ns and is "
	       "subtracted)\n", REPEAT, PASSES, harness);
	printf("verifier: bench_full %u instructions processed, bench_decide %u\n",
	       verified_insns(bpf_program__fd(skel->progs.bench_full)),
	       verified_insns(bpf_program__fd(skel->progs.bench_decide)));
	for (s = 0; s < SHAPE_MAX; s++) {
		printf("\n%s\n", shape_desc[s]);
		printf("  %-28s %8s %8s %8s %8s %8s\n", "request (full / engine)", "1", "64",
		       "1024", "4096", "4096/1");
		for (c = 0; c < 2; c++) {
			unsigned int k;

			if (s == SHAPE_WORST && c == 0)
				continue;
			for (k = 0; k < 2; k++) {
				printf("  %-20s %-7s", case_name[c], k ? "engine" : "full");
				for (i = 0; i < NSIZES; i++)
					printf(" %8.1f", t[s][c][i][k]);
				printf(" %8.2f\n", t[s][c][NSIZES - 1][k] / t[s][c][0][k]);
			}
		}
	}
	printf("\n");
	ok &= fg_goal("decision-full-1rule", t[SHAPE_ALL][0][0][0], "ns", "<=", 120);
	ok &= fg_goal("decision-full-4096rules", t[SHAPE_ALL][0][NSIZES - 1][0], "ns", "<=", 120);
	ok &= fg_goal("decision-ratio-4096/1",
		      t[SHAPE_ALL][0][NSIZES - 1][0] / t[SHAPE_ALL][0][0][0], "x", "<=", 1.2);
	ok &= fg_goal("decision-worst-ratio-4096/1",
		      t[SHAPE_WORST][1][NSIZES - 1][0] / t[SHAPE_WORST][1][0][0], "x", "<=", 2.0);
	bench_bpf__destroy(skel);
	return ok ? 0 : 3;
}
