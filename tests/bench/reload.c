// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench, reloads and memory: what `fwctl-guard reload` costs for a
 * policy of 4,096 rules, and what all the guard's maps hold locked while it
 * runs.
 *
 * Method. The guard's BPF object is loaded with every program left out
 * (this host refuses LSM programs; the maps are the guard's own, created
 * from the same object) and its maps pinned in a folder of their own under
 * /sys/fs/bpf, as `load` pins them. Then the loader's reload runs, as the
 * command runs it (fg_ops_reload: effects tables, compile the policy file,
 * scan the devices, lower, build the generation, stage it, reset its
 * counters, switch); each figure is the median of PASSES reloads, and one
 * more reload is timed stage by stage. Memory: the kernel's own account
 * (memlock in each map's fdinfo) of every guard map plus the generation
 * being replaced, which lives until the switch.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "goal.h"
#include "guard.skel.h"
#include "kernel/generation.h"
#include "kernel/guard.h"
#include "kernel/pins.h"
#include "ops/ops.h"
#include "policy/ir.h"
#include "policy/lower.h"

#define PASSES	7
#define RULES	4096

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench: %s: %s\n", what, msg);
	exit(1);
}

/* A policy of n rules: "cmd" rules (`deny type mlx5 cmd i scope >=
 * debug-write`, the goal's), or rules testing every field a rule can
 * test (reported beside it). */
static void write_policy(const char *path, unsigned int n, const char *tag, bool every)
{
	FILE *f = fopen(path, "w");
	unsigned int i;

	if (!f)
		die(path, strerror(errno));
	fprintf(f, "policy \"bench-%s-%u\"\ndefault allow\n", tag, n);
	for (i = 0; i < n; i++) {
		if (every)
			fprintf(f, "deny type mlx5 node fwctl0 scope >= debug-write cmd %u effect "
				"reset uid 0 euid 0 gid 0 comm fwctl-rpc exe /proc/self/exe "
				"cgroup / cap sys_rawio\n", i);
		else
			fprintf(f, "deny type mlx5 cmd %u scope >= debug-write\n", i);
	}
	if (fclose(f))
		die(path, strerror(errno));
}

/* The guard's maps, created and pinned; no program. */
static void create_maps(const char *dir)
{
	struct bpf_map *maps[FG_NMAPS];
	struct bpf_program *p;
	struct guard_bpf *skel;
	char path[PATH_MAX];
	unsigned int i;

	skel = guard_bpf__open();
	if (!skel)
		die("open the guard object", strerror(errno));
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, false);
	if (guard_bpf__load(skel))
		die("create the guard's maps", strerror(errno));
#define FG_X_MAP(name, pin, class)	maps[FG_MAPIDX_##name] = skel->maps.name;
	FG_MAPS(FG_X_MAP)
#undef FG_X_MAP
	if (mkdir(dir, 0700))
		die(dir, strerror(errno));
	for (i = 0; i < FG_NMAPS; i++) {
		if (fg_pin_path(path, sizeof(path), dir, fg_maps[i].pin) ||
		    bpf_map__pin(maps[i], path))
			die(path, strerror(errno));
	}
	guard_bpf__destroy(skel);
}

static unsigned long long memlock_of(int fd)
{
	char path[64], line[256];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		die(path, strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "memlock: %llu", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* Every pinned map, the active generation, and one more of its size (the
 * one a reload replaces). Printed per map. */
static unsigned long long memlock_total(const char *dir)
{
	unsigned long long sum = 0, m;
	struct fg_err err = {};
	unsigned int i;
	int fd, gens;

	printf("memory locked by the guard's maps (kernel accounting, fdinfo memlock):\n");
	for (i = 0; i < FG_NMAPS; i++) {
		fd = fg_pinned_fd(dir, fg_maps[i].pin, BPF_F_RDONLY, &err);
		if (fd < 0)
			die(fg_maps[i].pin, err.msg);
		m = memlock_of(fd);
		printf("  %-20s %10llu\n", fg_maps[i].name, m);
		sum += m;
		close(fd);
	}
	gens = fg_pinned_fd(dir, FG_PIN(fg_gens), BPF_F_RDONLY, &err);
	fd = gens < 0 ? gens : fg_gen_active(gens, false, &err);
	if (fd < 0)
		die("the active generation", err.msg);
	m = memlock_of(fd);
	printf("  %-20s %10llu\n  %-20s %10llu\n", "generation (active)", m,
	       "generation (staged)", m);
	sum += 2 * m;
	close(fd);
	close(gens);
	printf("  %-20s %10llu bytes = %.2f MiB\n", "total", sum, sum / 1048576.0);
	return sum;
}

static double reload_ms(const struct fg_ops_opts *o, const char *policy)
{
	struct fg_report r;
	double t0, t;
	int ret;

	fg_report_init(&r);
	t0 = now_ms();
	ret = fg_ops_reload(o, policy, &r);
	t = now_ms() - t0;
	if (ret)
		die(policy, r.bad_input ? r.diag.msg : r.err.msg);
	fg_report_free(&r);
	return t;
}

/* One more reload, stage by stage (the same calls fg_ops_reload makes). */
static void stages(const struct fg_ops_opts *o, const char *policy)
{
	struct fg_effects_db db = {};
	struct fg_program *prog = NULL;
	struct fg_gen_image img = {};
	struct fg_report r;
	double t[5];
	__u64 gen;

	fg_report_init(&r);
	t[0] = now_ms();
	if (fg_ops_tables(o, &db, &r))
		die("effects tables", r.diag.msg);
	t[1] = now_ms();
	if (fg_ops_compile(policy, &db, false, &prog, &r))
		die(policy, r.diag.msg);
	t[2] = now_ms();
	if (fg_policy_lower(prog, &db, 0, &img, &r.err))
		die("lower", r.err.msg);
	t[3] = now_ms();
	if (fg_guard_reload(o->pin_dir, &img, &r.devs, &db, &gen, &r.err))
		die("reload", r.err.msg);
	t[4] = now_ms();
	printf("%s by stage: effects tables %.2f ms, compile %.2f ms, lower (build the "
	       "generation) %.2f ms,\n  stage + reset counters + switch %.2f ms; the generation "
	       "uses %u of %u vector words, %u slots\n", policy, t[1] - t[0], t[2] - t[1], t[3] - t[2],
	       t[4] - t[3], img.g->hdr.pool_used, FG_GEN_POOL_WORDS, img.g->hdr.slots_used);
	fg_gen_image_free(&img);
	fg_program_free(prog);
	fg_effects_free(&db);
	fg_report_free(&r);
}

int main(int argc, char **argv)
{
	char dir[64], pa[64], pb[64], p1[64], pe[64];
	double t4096[PASSES], t1[PASSES], tevery[PASSES];
	const char *effects = argc > 1 ? argv[1] : "policies/effects";
	unsigned long long mem;
	struct fg_ops_opts o;
	bool ok = true;
	int i;

	libbpf_set_print(NULL);
	snprintf(dir, sizeof(dir), "/sys/fs/bpf/fwctl-guard-bench-%d", getpid());
	snprintf(pa, sizeof(pa), "/tmp/fwctl-bench-%d-a.policy", getpid());
	snprintf(pb, sizeof(pb), "/tmp/fwctl-bench-%d-b.policy", getpid());
	snprintf(p1, sizeof(p1), "/tmp/fwctl-bench-%d-1.policy", getpid());
	snprintf(pe, sizeof(pe), "/tmp/fwctl-bench-%d-e.policy", getpid());
	/* Two policies of RULES rules (each reload changes the policy). */
	write_policy(pa, RULES, "a", false);
	write_policy(pb, RULES, "b", false);
	write_policy(p1, 1, "one", false);
	write_policy(pe, RULES, "every", true);
	create_maps(dir);
	fg_ops_defaults(&o);
	o.pin_dir = dir;
	o.inv.effects_dir = effects;

	reload_ms(&o, p1);	/* generation 1 */
	for (i = 0; i < PASSES; i++) {
		t4096[i] = reload_ms(&o, i % 2 ? pa : pb);
		t1[i] = reload_ms(&o, p1);
		tevery[i] = reload_ms(&o, pe);
	}
	printf("reload (the library call `fwctl-guard reload` makes, median of %d):\n"
	       "  %d cmd rules %.2f ms, 1 rule %.2f ms; %d rules testing every field %.2f ms\n",
	       PASSES, RULES, fg_median(t4096, PASSES), fg_median(t1, PASSES), RULES,
	       fg_median(tevery, PASSES));
	stages(&o, pb);
	stages(&o, pe);
	mem = memlock_total(dir);
	printf("\n");
	ok &= fg_goal("reload-4096rules", fg_median(t4096, PASSES), "ms", "<=", 10);
	ok &= fg_goal("memlock-4096rules", mem / 1048576.0, "MiB", "<=", 16);
	fg_pins_remove(dir);
	unlink(pa);
	unlink(pb);
	unlink(p1);
	unlink(pe);
	return ok ? 0 : 3;
}
