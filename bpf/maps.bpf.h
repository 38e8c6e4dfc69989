/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guard's maps: their types, declared once for every program file of
 * the object (the bpf/ program files, linked into one object by `bpftool gen object`,
 * whose linker resolves these declarations to the one definition in
 * maps.bpf.c) and for the host-side test programs, which define the few
 * they use themselves. Names and pins: include/fwctl_guard_names.h.
 *
 *   fg_config     array[1] struct fg_config, written by the loader
 *   fg_gens       array-of-maps[1]: the active policy generation
 *                 (engine.bpf.h); a reload swaps it with one update
 *   fg_rule_stats per-CPU array of struct fg_rule_stat, per rule and
 *                 generation parity
 *   fg_task       task storage: the request being judged, its approval
 *                 and the event being built (off the stack)
 *   fg_proc       task storage on each process's leader: why its exe does
 *                 not count (bpf/exe_trust.bpf.c)
 *   fg_devices    array by minor: struct fg_device (type from FWCTL_INFO,
 *                 parent and serial per generation, CXL feature effects)
 *   fg_rules      array by rule: struct fg_rule_info (status only)
 *   fg_loader     array[1] tgid of a loader reading CXL feature effects
 *   fg_events     ring buffer of struct fg_event
 *   fg_event_seq  array[1]: number of the last event produced
 *   fg_recent     array of the last FG_RECENT_EVENTS events (`events`)
 *   fg_daemon     array[1] struct fg_daemon_stat, written by the daemon
 *   fg_stats      per-CPU array of counters (enum fg_stat)
 *   fg_seal       array[1] struct fg_seal: the guard's own objects;
 *                 frozen once sealed
 *
 * Maps only userspace writes (config, registry, rule texts, loader, daemon,
 * seal) are BPF_F_RDONLY_PROG; the generations cannot be (see fg_gen_map)
 * but each is frozen before it is installed. What keeps other processes
 * from the rest is bpf/seal.bpf.c: no fd to a map of the guard, of any
 * mode, for anyone but the loader once sealed.
 */
#ifndef FG_MAPS_BPF_H
#define FG_MAPS_BPF_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "fwctl_guard.h"
#include "fwctl_guard_names.h"

/*
 * An RPC the ioctl hook let through, as it judged it: the checks after the
 * kernel's own copy (postcopy.bpf.c) compare against this. PENDING from the
 * hook's verdict to the return of fwctl's ioctl handler.
 */
enum fg_ok_state {
	FG_OK_NONE = 0,
	FG_OK_PENDING = 1,
};

struct fg_approved {
	__u32 state;		/* enum fg_ok_state */
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__u64 in;
	__u64 out;
	__u32 peek_len;		/* bytes of peek read (0: none could be) */
	__u32 hook;		/* which hook approved it */
	__u64 arg;		/* the ioctl's argument: binds the approval to its syscall */
	__u8 peek[FG_DECODE_PEEK];	/* the bytes of `in` decoded */
};

/* One field's two vectors, ready for the word loop: word w of F | X is
 * pool[f + w] | (w - xlo < xn ? pool[x + w] : 0). */
struct fg_fvec {
	__u32 f;		/* F's first word, minus nothing: w indexes it */
	__u32 x;		/* X's word lo, minus lo: w indexes it */
	__u32 xlo;
	__u32 xn;
};

/* The field (F, X) pairs of the request, in field order, for the fields
 * the policy tests (n of them), and the AND of their summaries. Kept off
 * the stack (the task's storage, or the test program's map): with the
 * word loops it would not fit BPF's 512 bytes. */
struct fg_resolved {
	struct fg_fvec v[FG_F_MAX];
	__u32 n;
	__u32 _pad0;
	__u64 sum;
};

/* Each task's request being judged and the event it may produce: the
 * engine's frame and the request do not both fit BPF's 512-byte stack, nor
 * does an event. Per task, not per CPU: a sleepable program can be
 * preempted by another task running the same hook. */
struct fg_task {
	struct fg_decide_in in;
	struct fg_resolved fields;
	struct fg_approved ok;
	struct fg_event ev;
};

/* A generation: one struct fg_gen (include/fwctl_guard.h). Not
 * BPF_F_RDONLY_PROG: the verifier would then refuse to pass it to the
 * engine's global functions, whose pointer arguments it takes as writable.
 * Sizes, not types: clang leaves a struct reached only
 * through the outer map's value array as a BTF forward, which libbpf
 * cannot size. The loader creates each generation map with these same
 * attributes (loader/kernel/generation.c); a fixed max_entries lets the
 * verifier inline the lookup. */
struct fg_gen_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, FG_GEN_MAP_FLAGS);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct fg_gen));
};

struct fg_gens_map {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct fg_gen_map);
};

/* An array of one value: settings and single counters. flags: 0 for a
 * value programs write, BPF_F_RDONLY_PROG for one only userspace writes:
 * then no program can write it, whatever fd it was loaded with (the
 * verifier does not look at an fd's mode when a program uses a map). */
#define FG_ARRAY1_MAP(name, vtype, flags)			\
	struct name {						\
		__uint(type, BPF_MAP_TYPE_ARRAY);		\
		__uint(max_entries, 1);				\
		__uint(map_flags, flags);			\
		__type(key, __u32);				\
		__type(value, vtype);				\
	}

FG_ARRAY1_MAP(fg_config_map, struct fg_config, BPF_F_RDONLY_PROG);
FG_ARRAY1_MAP(fg_u32_ro_array1, __u32, BPF_F_RDONLY_PROG);
FG_ARRAY1_MAP(fg_u64_array1, __u64, 0);
FG_ARRAY1_MAP(fg_daemon_map, struct fg_daemon_stat, BPF_F_RDONLY_PROG);
FG_ARRAY1_MAP(fg_seal_map, struct fg_seal, BPF_F_RDONLY_PROG);

struct fg_task_map {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct fg_task);
};

/*
 * A process's history since its last exec, on its thread-group leader:
 * what makes its exe untrustworthy (FG_UNTRUST_BIT mask). No entry, or no
 * FG_PROC_EXEC: the process has not exec'd since the guard attached, so
 * its history is not known (FG_UNTRUST_UNKNOWN).
 */
#define FG_PROC_EXEC	0x1

struct fg_proc {
	__u64 untrust;		/* 64 bits: BPF's atomic OR (clang -mcpu=v2) */
	__u32 flags;		/* FG_PROC_* */
	__u32 _pad0;
	__u64 loader_bprm;	/* the exec a binfmt_misc 'L' loader was handed to */
};

struct fg_proc_map {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct fg_proc);
};

/* Per CPU: the per-rule counters (index (gen & 1) * FG_MAX_RULES + rule)
 * and the guard's own counters (enum fg_stat). */
struct fg_rule_stats_map {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2 * FG_MAX_RULES);
	__type(key, __u32);
	__type(value, struct fg_rule_stat);
};

struct fg_stats_map {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, FG_STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
};

/* The registry, by minor; written by the loader only. */
struct fg_devices_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, FG_MAX_MINORS);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, __u32);
	__type(value, struct fg_device);
};

/* Each rule's text for status, by rule; the BPF side never reads it. */
struct fg_rules_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, FG_MAX_RULES);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, __u32);
	__type(value, struct fg_rule_info);
};

struct fg_events_map {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, FG_EVENTS_RING_BYTES);
};

/* Slot seq % FG_RECENT_EVENTS, also for events the ring buffer had no room
 * for: `events` reads them without taking them from the daemon. */
struct fg_recent_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, FG_RECENT_EVENTS);
	__type(key, __u32);
	__type(value, struct fg_event);
};

/* X(name, type): every map of the object, declared here for each program
 * file and defined once in maps.bpf.c. */
#define FG_BPF_MAPS(X)				\
	X(fg_gens, fg_gens_map)			\
	X(fg_config, fg_config_map)		\
	X(fg_task, fg_task_map)			\
	X(fg_rule_stats, fg_rule_stats_map)	\
	X(fg_devices, fg_devices_map)		\
	X(fg_rules, fg_rules_map)		\
	X(fg_loader, fg_u32_ro_array1)		\
	X(fg_events, fg_events_map)		\
	X(fg_stats, fg_stats_map)		\
	X(fg_event_seq, fg_u64_array1)		\
	X(fg_recent, fg_recent_map)		\
	X(fg_daemon, fg_daemon_map)		\
	X(fg_seal, fg_seal_map)			\
	X(fg_proc, fg_proc_map)

#define FG_X_DECLARE_MAP(name, type)	extern struct type name SEC(".maps");
FG_BPF_MAPS(FG_X_DECLARE_MAP)

#endif /* FG_MAPS_BPF_H */
