// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench: the cost of one decision by the BPF engine, on this host's
 * verifier and JIT, for policies of 1, 64, 1024 and 4096 rules.
 *
 * Method: the engine (bpf/engine.bpf.h, the code the LSM hook calls) runs
 * in an XDP program, whose BPF_PROG_RUN takes a repeat count and reports
 * the mean time per run. Each policy is lowered and installed as the loader
 * installs it; the request is fixed in a map. Per case, the best of ROUNDS
 * runs of REPEAT decisions (the minimum filters out preemption). The times
 * include the XDP test harness's own per-run overhead, measured with an
 * empty program and shown for reference.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench.skel.h"
#include "kernel/generation.h"
#include "kernel/sync.h"
#include "policy/eval.h"
#include "policy/lower.h"

#define REPEAT	100000
#define ROUNDS	5

static const unsigned int sizes[] = { 1, 64, 1024, 4096 };

enum shape { SHAPE_CMD, SHAPE_ALL, SHAPE_MAX };

static const char *const shape_desc[SHAPE_MAX] = {
	[SHAPE_CMD] = "rule i: deny type mlx5 cmd <i> scope >= debug-write",
	[SHAPE_ALL] = "rule i: every field (type, node, scope, cmd, effect, uid, euid, gid, "
		      "comm, exe, cgroup, cap)",
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("strdup");
		exit(1);
	}
	return d;
}

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);

	if (!p) {
		perror("calloc");
		exit(1);
	}
	return p;
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

		r->action = FG_ACTION_DENY;
		r->scopes = 1u << FG_SCOPE_DEBUG_WRITE | 1u << FG_SCOPE_DEBUG_WRITE_FULL;
		r->statuses = 1u << FG_DECODE_OK;
		r->devtypes = 1u << FG_DEVTYPE_MLX5;
		r->ncmds = 1;
		r->cmds = xcalloc(1, sizeof(*r->cmds));
		r->cmds[0].devtype = FG_DEVTYPE_MLX5;
		r->cmds[0].opcode = i;
		if (shape != SHAPE_ALL)
			continue;
		r->effects_any = FG_EFFECT_BIT(FG_EFFECT_CONFIG_CHANGE_IMMEDIATE) |
				 FG_EFFECT_BIT(FG_EFFECT_RESET);
		r->caps = 1ull << 17;	/* CAP_SYS_RAWIO */
		r->nnodes = 1;
		r->nodes = xcalloc(1, sizeof(char *));
		r->nodes[0] = xstrdup("fwctl0");
		r->nuids = r->neuids = r->ngids = 1;
		r->uids = xcalloc(1, sizeof(__u32));
		r->euids = xcalloc(1, sizeof(__u32));
		r->gids = xcalloc(1, sizeof(__u32));
		r->ncomms = 1;
		r->comms = xcalloc(1, sizeof(char *));
		r->comms[0] = xstrdup("fwctl-rpc");
		r->nexes = 1;
		r->exes = xcalloc(1, sizeof(*r->exes));
		r->exes[0].path = xstrdup("/usr/bin/fwctl-rpc");
		r->exes[0].dev = 8;
		r->exes[0].ino = 1000 + i;
		r->ncgroups = 1;
		r->cgroups = xcalloc(1, sizeof(*r->cgroups));
		r->cgroups[0].id = 5000 + i;
	}
	return prog;
}

/* The request: matches rule `target` of the shape, or none (target < 0). */
static void request(struct fg_decide_in *in, enum shape shape, int target)
{
	memset(in, 0, sizeof(*in));
	in->req.minor = 0;
	in->req.devtype = FG_DEVTYPE_MLX5;
	in->req.scope = FG_SCOPE_DEBUG_WRITE;
	in->req.size = sizeof(struct fg_fwctl_rpc);
	in->req.in_len = 64;
	in->req.out_len = 64;
	in->cmd.status = FG_DECODE_OK;
	in->cmd.devtype = FG_DEVTYPE_MLX5;
	in->cmd.opcode = target >= 0 ? (unsigned int)target : 0xffff;
	in->cmd.effects = FG_EFFECT_BIT(FG_EFFECT_RESET);
	snprintf(in->caller.comm, sizeof(in->caller.comm), "fwctl-rpc");
	in->caller.caps = 1ull << 17;
	in->caller.exe_dev = 8;
	in->caller.exe_ino = target >= 0 && shape == SHAPE_ALL ? 1000 + target : 999;
	in->caller.cgroup_id = target >= 0 && shape == SHAPE_ALL ? 5000 + target : 4999;
}

/* What the mlx5 commands of the bench policies do: a reset (the engine
 * resolves the request's effects from these, as the loader's tables). */
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

static int install(struct bench_bpf *skel, const struct fg_program *prog,
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
	if (ret)
		fprintf(stderr, "bench: %s\n", err.msg);
	return ret;
}

/* Mean ns per run of prog_fd, best of ROUNDS. */
static double run(int prog_fd)
{
	char pkt[64] = {};
	double best = 1e18;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
			    .repeat = REPEAT);

		if (bpf_prog_test_run_opts(prog_fd, &opts)) {
			fprintf(stderr, "bench: BPF_PROG_RUN: %s\n", strerror(errno));
			exit(1);
		}
		if (opts.retval != XDP_PASS) {
			fprintf(stderr, "bench: the engine returned %u (input missing)\n",
				opts.retval);
			exit(1);
		}
		if (opts.duration < best)
			best = opts.duration;
	}
	return best;
}

/* Check the decision the bench times is the one it means to time. */
static int verify(struct bench_bpf *skel, const struct fg_program *prog,
		  const struct fg_devlist *devs, const struct fg_decide_in *in)
{
	struct fg_verdict k, n;
	__u32 zero = 0;

	if (bpf_map__lookup_elem(skel->maps.bench_out, &zero, sizeof(zero), &k, sizeof(k), 0))
		return -errno;
	fg_policy_eval(prog, devs, in, &n);
	if (k.action != n.action || k.rule != n.rule || k.reason != n.reason) {
		fprintf(stderr, "bench: kernel rule %d (reason %u gen %llu), native rule %d: not "
			"timing what we think\n", k.rule, k.reason, (unsigned long long)k.gen,
			n.rule);
		return -EINVAL;
	}
	return 0;
}

int main(void)
{
	static const char *const case_name[] = { "last rule matches", "no rule matches" };
	struct fg_devinfo dev = { .minor = 0 };
	struct fg_devlist devs = { .n = 1, .devs = &dev };
	double t[SHAPE_MAX][2][sizeof(sizes) / sizeof(sizes[0])];
	struct bench_bpf *skel;
	unsigned int s, c, i;
	__u32 zero = 0;

	dev.dev.devtype = FG_DEVTYPE_MLX5;
	snprintf(dev.dev.name, sizeof(dev.dev.name), "fwctl0");
	effects_table(4096);
	libbpf_set_print(NULL);
	skel = bench_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "bench: cannot load the XDP bench program: %s (run as root)\n",
			strerror(errno));
		return 1;
	}
	for (s = 0; s < SHAPE_MAX; s++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct fg_program *prog = build(sizes[i], s);

			if (install(skel, prog, &devs))
				return 1;
			for (c = 0; c < 2; c++) {
				struct fg_decide_in in;

				request(&in, s, c == 0 ? (int)sizes[i] - 1 : -1);
				if (bpf_map__update_elem(skel->maps.bench_in, &zero, sizeof(zero), &in,
							 sizeof(in), BPF_ANY)) {
					perror("bench: bench_in");
					return 1;
				}
				t[s][c][i] = run(bpf_program__fd(skel->progs.bench_decide));
				if (verify(skel, prog, &devs, &in))
					return 1;
			}
			fg_program_free(prog);
		}
	}
	printf("decision cost (ns per decision, BPF_PROG_RUN on XDP, repeat %d, best of %d;\n"
	       "the harness alone, an empty XDP program, takes %.0f ns)\n", REPEAT, ROUNDS,
	       run(bpf_program__fd(skel->progs.bench_empty)));
	for (s = 0; s < SHAPE_MAX; s++) {
		printf("\n%s\n", shape_desc[s]);
		printf("  %-20s %8s %8s %8s %8s %12s\n", "request", "1", "64", "1024", "4096",
		       "4096/1");
		for (c = 0; c < 2; c++) {
			printf("  %-20s", case_name[c]);
			for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
				printf(" %8.0f", t[s][c][i]);
			printf(" %12.2f\n", t[s][c][3] / t[s][c][0]);
		}
	}
	bench_bpf__destroy(skel);
	return 0;
}
