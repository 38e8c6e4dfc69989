// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the request decoder (include/fwctl_guard_decode.h) for
 * every device type, with any in_len and readable flag, then what the
 * loader does with a decoded command: its effects from the shipped tables
 * (fg_effects_resolve, the BPF lookup's twin), the decision event's text
 * (fg_event_format) and that text read back as explain --replay reads it.
 *
 * Input: byte 0 = flags (bits 0-2 device type, 0-7 so that types the
 * guard does not decode are tried; bit 3 unreadable; bit 4 in_len from
 * bytes 1-4, little-endian, else in_len is the payload's length; bits 5-7
 * the event's action and rule), byte 5 the scope as passed (any value),
 * byte 6 the ioctl (0: FWCTL_RPC, else 0x9a00 + the byte), byte 7 the
 * minor, bytes 8.. the request. The decoder gets exactly min(in_len, FG_DECODE_PEEK) bytes of
 * heap, so ASan reports a read past the peek or past the request.
 *
 * Asserted for every input, against a model written from the drivers
 * (Linux 7.3) rather than from the decoder: the status and which fields are
 * set, each field equal to its bytes on the wire, the opcode within the
 * type's width (fg_opcode_max), effects a non-empty mask of known bits,
 * and the event text round trip (request, caller and command as judged).
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwctl_guard_decode.h"
#include "events/format.h"
#include "host/effects_table.h"
#include "policy/describe.h"
#include "util/names.h"

#define HDR 8

static struct fg_effects_db db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FG_FUZZ_EFFECTS_DIR");
	struct fg_diag diag;

	(void)argc;
	(void)argv;
	/* Without the tables every mlx5/bnxt/pds command would resolve to
	 * unknown and the lookups would go untested: refuse to run. */
	if (fg_effects_load_dir(dir ? dir : "policies/effects", &db, &diag) || !db.n) {
		fprintf(stderr, "fuzz-decode: no effects tables (%s: %s); run from the source tree "
			"or set FG_FUZZ_EFFECTS_DIR\n", diag.file, diag.msg);
		exit(1);
	}
	return 0;
}

static __u32 le16(const __u8 *b) { return b[0] | b[1] << 8; }
static __u32 le32(const __u8 *b) { return le16(b) | le16(b + 2) << 16; }
static __u32 be16(const __u8 *b) { return b[0] << 8 | b[1]; }

/* What the driver makes of the request: the status the decoder must give,
 * and the fields it must fill (the rest stay zero). */
static void model(__u32 t, const __u8 *b, __u32 in_len, int readable, struct fg_cmd *m)
{
	__u32 op_size, i;

	memset(m, 0, sizeof(*m));
	m->devtype = t < FG_DEVTYPE_MAX ? t : FG_DEVTYPE_UNKNOWN;
	/* A type without a decoder: its bytes are not looked at, readable
	 * or not. */
	if (m->devtype == FG_DEVTYPE_UNKNOWN) {
		m->status = FG_DECODE_UNKNOWN_TYPE;
		return;
	}
	if (!readable) {
		m->status = FG_DECODE_UNREADABLE;
		return;
	}
	switch (m->devtype) {
	case FG_DEVTYPE_CXL:
		/* cxlctl_fw_rpc(): in_len >= sizeof(hdr), op_size fits; u16 opcode */
		if (in_len < 16 || le32(b + 8) > in_len - 16) {
			m->status = FG_DECODE_MALFORMED;
			if (in_len >= 16)
				m->opcode = le16(b);
			return;
		}
		m->opcode = le16(b);
		op_size = le32(b + 8);
		if (m->opcode == 0x0500) {	/* cxlctl_get_supported_features() */
			if (op_size != 8) {
				m->status = FG_DECODE_MALFORMED;
				return;
			}
			m->count = le32(b + 16);
			m->start_idx = le16(b + 20);
		} else if (m->opcode == 0x0501) {	/* cxlctl_get_feature() */
			if (op_size != 21) {
				m->status = FG_DECODE_MALFORMED;
				return;
			}
			m->has_uuid = 1;
			m->offset = le16(b + 32);
			m->count = le16(b + 34);
		} else if (m->opcode == 0x0502) {	/* cxlctl_set_feature() */
			if (op_size <= 32) {
				m->status = FG_DECODE_MALFORMED;
				return;
			}
			m->has_uuid = 1;
			m->flags = le32(b + 32);
			m->offset = le16(b + 36);
			m->data_len = op_size - 32;
		}
		for (i = 0; m->has_uuid && i < 16; i++)
			m->uuid[i] = b[16 + i];
		return;
	case FG_DEVTYPE_MLX5:	/* mlx5ctl_fw_rpc(): in_len >= mbox_in_hdr */
		if (in_len < 16) {
			m->status = FG_DECODE_MALFORMED;
			return;
		}
		m->opcode = be16(b);
		m->uid = be16(b + 2);
		m->op_mod = be16(b + 6);
		/* access_register_in: register_id at bit 0x50; the driver
		 * passes op_mod = !write (mlx5_core_access_reg()) */
		if (m->opcode == 0x0805 || m->opcode == 0x0b0c) {
			m->reg = be16(b + 10);
			m->reg_access = m->op_mod ? FG_REG_READ : FG_REG_WRITE;
		}
		return;
	case FG_DEVTYPE_BNXT:	/* bnxtctl_fw_rpc(): struct input .. HWRM_MAX_REQ_LEN */
		if (in_len < 16 || in_len > 128) {
			m->status = FG_DECODE_MALFORMED;
			return;
		}
		m->opcode = le16(b);
		return;
	case FG_DEVTYPE_PDS:	/* pdsfc_fw_rpc(): in_len >= struct fwctl_rpc_pds */
		if (in_len < 48) {
			m->status = FG_DECODE_MALFORMED;
			return;
		}
		m->opcode = le32(b);
		m->endpoint = le32(b + 4);
		m->data_len = le32(b + 12);
		m->payload = (__u64)le32(b + 16) | (__u64)le32(b + 20) << 32;
		return;
	default:
		return;
	}
}

/* The decision event the guard would write for the request, as text
 * (fg_event_format), read back as explain --replay reads a line: the
 * request and the fields a policy judges come back as they were. */
static void round_trip(const struct fg_event *e)
{
	const struct fg_cmd *c = &e->cmd;
	struct fg_described d;
	struct fg_err err = {};
	char line[2048];
	int n;

	n = fg_event_format(e, &db, 0, line, sizeof(line));
	assert(n > 0 && (size_t)n < sizeof(line) - 1);
	fg_described_init(&d);
	if (fg_described_parse_event(&d, line, &db, &err)) {
		fprintf(stderr, "replay refused '%s': %s\n", line, err.msg);
		abort();
	}
	assert(d.recorded && d.recorded_action == e->action && d.recorded_rule == e->rule);
	assert(d.in.req.minor == e->minor);
	assert(d.in.req.devtype == e->devtype);
	assert(d.in.req.ioctl == (e->ioctl ? e->ioctl : FG_FWCTL_RPC));
	/* An ioctl other than FWCTL_RPC has no scope in the text. */
	assert(d.in.req.ioctl != FG_FWCTL_RPC || d.in.req.scope == e->scope);
	assert(d.in.req.in_len == e->in_len && d.in.req.out_len == e->out_len);
	assert(d.in.caller.uid == e->caller.uid && d.in.caller.euid == e->caller.euid);
	assert(d.in.caller.gid == e->caller.gid && d.in.caller.caps == e->caller.caps);
	assert(d.in.caller.cgroup_id == e->caller.cgroup_id);
	assert(!strcmp(d.in.caller.comm, e->caller.comm));
	assert(d.in.cmd.status == c->status);
	assert(d.in.cmd.devtype == c->devtype);
	assert(d.in.cmd.opcode == c->opcode);
	assert(d.in.cmd.effects == c->effects);
	assert(d.in.cmd.has_uuid == c->has_uuid);
	assert(!c->has_uuid || !memcmp(d.in.cmd.uuid, c->uuid, 16));
	if (c->devtype == FG_DEVTYPE_MLX5) {
		assert(d.in.cmd.op_mod == c->op_mod);
		assert(d.in.cmd.uid == c->uid);
		assert(d.in.cmd.reg_access == c->reg_access);
		assert(d.in.cmd.reg == c->reg);
	}
	if (c->devtype == FG_DEVTYPE_PDS)
		assert(d.in.cmd.endpoint == c->endpoint);
}

static void check_effects(struct fg_cmd *c)
{
	struct fg_effects_key k;
	__u32 fx, flags, i;

	for (i = 0; i < 4; i++) {
		if (!fg_effects_key(c, 7, i, &k))
			break;
		assert(k.devtype == c->devtype && k.opcode == c->opcode);
	}
	assert(i <= FG_EFFECTS_KEYS);
	fx = fg_effects_resolve(&db, c, 7, &flags);
	assert(fx && fx < 1u << FG_EFFECT_MAX);
	if (c->status != FG_DECODE_OK)
		assert(fx == FG_EFFECT_BIT(FG_EFFECT_UNKNOWN));
	/* read-only never comes with a change */
	assert(!(fx & FG_EFFECT_BIT(FG_EFFECT_READ_ONLY)) ||
	       fx == FG_EFFECT_BIT(FG_EFFECT_READ_ONLY));
	c->effects = fx;
	c->feat_flags = flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	__u8 hdr[HDR] = {}, *buf;
	const __u8 *payload = data + (size < HDR ? size : HDR);
	size_t plen = size > HDR ? size - HDR : 0;
	__u32 t, in_len, n;
	struct fg_cmd c, m;
	struct fg_event e;
	int readable;

	memcpy(hdr, data, size < HDR ? size : HDR);
	t = hdr[0] & 7;
	readable = !(hdr[0] & 8);
	in_len = hdr[0] & 16 ? le32(hdr + 1) : (__u32)plen;
	n = in_len < FG_DECODE_PEEK ? in_len : FG_DECODE_PEEK;
	buf = malloc(n);
	assert(buf || !n);
	memset(buf, 0, n);
	memcpy(buf, payload, plen < n ? plen : n);

	memset(&c, 0xa5, sizeof(c));	/* the decoder must set every field */
	fg_decode(t, buf, in_len, readable, &c);
	model(t, buf, in_len, readable, &m);
	free(buf);

	assert(c.status < FG_DECODE_STATUS_MAX);
	assert(c.opcode <= fg_opcode_max(c.devtype));
	/* The whole struct, padding included: the BPF side copies it into
	 * events, and a stale byte would leak or differ between runs. */
	if (memcmp(&c, &m, sizeof(c))) {
		fprintf(stderr, "type %u in_len %u readable %d: status %u/%u opcode 0x%x/0x%x\n", t,
			in_len, readable, c.status, m.status, c.opcode, m.opcode);
		abort();
	}
	check_effects(&c);

	memset(&e, 0, sizeof(e));
	e.version = FG_EVENT_VERSION;
	e.type = FG_EVENT_DECISION;
	e.size = sizeof(e);
	e.seq = 1;
	e.action = (hdr[0] >> 5) % FG_ACTION_MAX;
	e.rule = hdr[0] >> 7 ? (int)(hdr[0] >> 5) : FG_RULE_NONE;
	e.reason = e.rule == FG_RULE_NONE ? FG_REASON_DEFAULT : FG_REASON_RULE;
	e.minor = hdr[7];
	e.devtype = t;
	e.scope = hdr[5];
	e.ioctl = hdr[6] ? 0x9a00u | hdr[6] : FG_FWCTL_RPC;
	e.in_len = in_len;
	e.out_len = in_len ^ 0x40;
	e.caller.uid = 1000;
	e.caller.euid = 0;
	e.caller.gid = 1000;
	e.caller.caps = 1ull << 21;
	e.caller.cgroup_id = 77;
	snprintf(e.caller.comm, sizeof(e.caller.comm), "fuzz \"tool\"");
	e.exe_status = FG_EXE_NONE;
	e.cmd = c;
	round_trip(&e);
	return 0;
}
