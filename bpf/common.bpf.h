/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every program file of the guard shares: the kernel structures it
 * reads (kernel.bpf.h), the caller (caller.bpf.h), the kfuncs, the maps
 * (maps.bpf.h), the counters, and turning a verdict into a counted, reported hook return value (events:
 * numbered, kept in fg_recent, handed to the ring buffer).
 *
 * Failure policy of the event path: a full ring buffer never changes a
 * decision; the lost event is counted (FG_STAT_EVENTS_LOST) and its number
 * is missing, which tells the reader.
 */
#ifndef FG_COMMON_BPF_H
#define FG_COMMON_BPF_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "fwctl_guard.h"
#include "fwctl_guard_decide.h"
#include "maps.bpf.h"
#include "kernel.bpf.h"
#include "caller.bpf.h"

/* The caller's executable path into e->exe and e->exe_status (events.bpf.c):
 * LSM programs only. */
int fg_event_exe(struct fg_event *e);

static __always_inline void fg_count(__u32 stat)
{
	__u64 *c = bpf_map_lookup_elem(&fg_stats, &stat);

	if (c)
		*c += 1;
}

/* Not inlined: one copy of the record filling for every caller (BPF's five
 * arguments: the caller sets seq and hook). */
static __attribute__((noinline)) void fg_event_fill(struct fg_event *e,
						     const struct fg_request *r,
						     const struct fg_cmd *c,
						     const struct fg_verdict *v,
						     const struct fg_caller *who)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 id;

	__builtin_memset(e, 0, sizeof(*e));
	e->version = FG_EVENT_VERSION;
	e->type = FG_EVENT_DECISION;
	e->size = sizeof(*e);
	e->boot_ns = bpf_ktime_get_boot_ns();
	e->gen = v->gen;
	e->action = v->action;
	e->reason = v->reason;
	e->permissive = v->permissive;
	e->rule = v->rule;
	e->minor = r->minor;
	e->devtype = r->devtype;
	e->ioctl = r->ioctl;
	e->scope = r->scope;
	e->in_len = r->in_len;
	e->out_len = r->out_len;
	id = bpf_get_current_pid_tgid();
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->loginuid = FG_ID_UNSET;
	e->sessionid = FG_ID_UNSET;
	if (bpf_core_field_exists(task->loginuid)) {
		e->loginuid = task->loginuid.val;
		e->sessionid = task->sessionid;
	}
	if (who)
		__builtin_memcpy(&e->caller, who, sizeof(*who));
	else
		fg_read_caller(&e->caller);
	__builtin_memcpy(&e->cmd, c, sizeof(*c));
}

/* Tracing programs (fentry) may not call the file kfuncs that give the
 * path: their records carry the exe's inode and device only. */
static __always_inline int fg_hook_is_lsm(__u32 hook)
{
	return hook != FG_HOOK_RPC && hook != FG_HOOK_FW_RPC && hook != FG_HOOK_KILL_SUPER;
}

/*
 * Number the event, keep it in fg_recent and hand it to the ring buffer.
 * It is built in the task's storage (t) or, when there is none, in the ring
 * buffer itself (a full ring buffer then loses it from fg_recent too). A
 * full ring buffer never changes the decision: the loss is counted, and the
 * missing seq tells the reader.
 */
static __always_inline void fg_emit(struct fg_task *t, const struct fg_request *r,
				    const struct fg_cmd *c, const struct fg_verdict *v,
				    const struct fg_caller *who, __u32 hook, __u32 type,
				    const struct fg_detail *d)
{
	struct fg_event *e;
	__u64 *last, seq = 0;
	__u32 zero = 0, slot;

	last = bpf_map_lookup_elem(&fg_event_seq, &zero);
	if (last)
		seq = __sync_fetch_and_add(last, 1) + 1;
	slot = seq % FG_RECENT_EVENTS;
	if (t) {
		fg_event_fill(&t->ev, r, c, v, who);
		t->ev.seq = seq;
		t->ev.hook = hook;
		t->ev.type = type;
		if (d)
			__builtin_memcpy(&t->ev.detail, d, sizeof(*d));
		if (fg_hook_is_lsm(hook))
			fg_event_exe(&t->ev);
		else
			t->ev.exe_status = FG_EXE_NOT_READ;
		bpf_map_update_elem(&fg_recent, &slot, &t->ev, BPF_ANY);
		if (bpf_ringbuf_output(&fg_events, &t->ev, sizeof(t->ev), 0))
			fg_count(FG_STAT_EVENTS_LOST);
		return;
	}
	e = bpf_ringbuf_reserve(&fg_events, sizeof(*e), 0);
	if (!e) {
		fg_count(FG_STAT_EVENTS_LOST);
		return;
	}
	fg_event_fill(e, r, c, v, who);
	e->seq = seq;
	e->hook = hook;
	e->type = type;
	if (d)
		__builtin_memcpy(&e->detail, d, sizeof(*d));
	if (fg_hook_is_lsm(hook))
		fg_event_exe(e);
	else
		e->exe_status = FG_EXE_NOT_READ;
	bpf_map_update_elem(&fg_recent, &slot, e, BPF_ANY);
	bpf_ringbuf_submit(e, 0);
}

/* The rule's own counters, in its generation's half of fg_rule_stats. */
static __always_inline void fg_count_rule(const struct fg_verdict *v)
{
	struct fg_rule_stat *st;
	__u32 idx;

	if (v->rule < 0)
		return;
	idx = (__u32)(v->gen & 1) * FG_MAX_RULES + ((__u32)v->rule & (FG_MAX_RULES - 1));
	st = bpf_map_lookup_elem(&fg_rule_stats, &idx);
	if (!st)
		return;
	if (v->action == FG_ACTION_ALLOW)
		st->allowed++;
	else if (v->action == FG_ACTION_AUDIT)
		st->audited++;
	else
		st->denied++;
}

/* Count, report, and turn the verdict into the hook's return value. */
static __always_inline int fg_enforce(struct fg_task *t, const struct fg_request *r,
				      const struct fg_cmd *c, const struct fg_verdict *v,
				      const struct fg_caller *who, __u32 hook)
{
	fg_count_rule(v);
	switch (v->action) {
	case FG_ACTION_ALLOW:
		fg_count(FG_STAT_ALLOWED);
		return 0;
	case FG_ACTION_AUDIT:
		fg_count(FG_STAT_AUDITED);
		fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
		return 0;
	default:
		if (v->permissive) {
			fg_count(FG_STAT_PERMITTED);
			fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
			return 0;
		}
		fg_count(FG_STAT_DENIED);
		fg_emit(t, r, c, v, who, hook, FG_EVENT_DECISION, NULL);
		return -EPERM;
	}
}

/* A command the hook could not read at all: what events say of it. */
static __always_inline void fg_cmd_unread(struct fg_cmd *c, __u32 devtype)
{
	c->devtype = fg_devtype_known(devtype) ? devtype : FG_DEVTYPE_UNKNOWN;
	c->status = FG_DECODE_UNREADABLE;
	c->effects = FG_EFFECT_BIT(FG_EFFECT_UNKNOWN);
}

#endif /* FG_COMMON_BPF_H */
