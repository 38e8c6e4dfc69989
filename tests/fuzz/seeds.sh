#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fuzz/seeds.sh DIR: crafted seed inputs for the three targets,
# beside the shipped policies and tables make fuzz copies in:
#   DIR/policy/NAME   policies at the edges of the values' widths
#   DIR/decode/NAME   requests in fuzz_decode.c's input format (byte 0: flags,
#                     device type in bits 0-2; bytes 1-4: in_len when bit 4
#                     is set; 5: scope; 6: ioctl; 7: minor; then the
#                     request), one per driver bound
#   DIR/effects/NAME  tables with each qualifier and the edge cases
set -euo pipefail

die() { echo "seeds.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: seeds.sh DIR"
out=$1
mkdir -p "$out/policy" "$out/decode" "$out/effects" || die "cannot create $out"

# Little-endian bytes of a number as printf escapes: le N BYTES.
le() {
	local v=$1 n=$2 i s=
	for ((i = 0; i < n; i++)); do
		s+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255)))
	done
	printf '%s' "$s"
}

# n zero bytes as printf escapes.
zeros() { local i s=; for ((i = 0; i < $1; i++)); do s+='\x00'; done; printf '%s' "$s"; }

seed() { printf "$2" > "$out/decode/$1" || die "cannot write $1"; }

# Device types as in include/fwctl_guard.h.
MLX5=1 CXL=2 BNXT=3 PDS=4
# hdr FLAGS [IN_LEN [SCOPE [IOCTL [MINOR]]]]; flags: device type, 8: unreadable,
# 16: in_len given instead of the payload's length, 32-224: action and rule.
hdr() { printf '%s%s%s' "$(le "$1" 1)" "$(le "${2:-0}" 4)" "$(le "${3:-2}" 1)$(le "${4:-0}" 1)$(le "${5:-0}" 1)"; }

# CXL: header (opcode, flags, op_size, reserved), then the payload.
cxl() { printf '%s%s%s%s' "$(le "$1" 4)" "$(zeros 4)" "$(le "$2" 4)" "$(zeros 4)"; }
uuid_ff='\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'
seed cxl-get-supported "$(hdr $CXL)$(cxl 0x0500 8)$(le 32 4)$(le 0 2)$(zeros 2)"
seed cxl-get-feature "$(hdr $CXL)$(cxl 0x0501 21)${uuid_ff}$(le 0 2)$(le 4 2)\x01"
seed cxl-set-feature "$(hdr $CXL)$(cxl 0x0502 36)${uuid_ff}$(le 1 4)$(le 0 2)\x01$(zeros 9)\xef\xbe\xad\xde"
seed cxl-set-feature-wide "$(hdr $CXL)$(cxl 0x10502 36)${uuid_ff}$(le 1 4)$(le 0 2)\x01$(zeros 13)"
seed cxl-op-size-over "$(hdr $CXL)$(cxl 0x0502 0xfffffff8)${uuid_ff}"
seed cxl-other "$(hdr $CXL)$(cxl 0x4200 0)"
seed cxl-short "$(hdr $CXL)$(le 0x0502 4)"
seed cxl-long "$(hdr $((CXL | 16)) 0x200000)$(cxl 0x0502 40)${uuid_ff}$(zeros 24)"
# mlx5: big-endian opcode, uid, reserved, op_mod, then 8 bytes.
seed mlx5-query-hca-cap "$(hdr $MLX5)\x01\x00\x00\x00\x00\x00\x00\x01$(zeros 8)"
seed mlx5-access-reg "$(hdr $MLX5)\x08\x05\x00\x00\x00\x00\x00\x00$(zeros 24)"
seed mlx5-short "$(hdr $MLX5)\x01\x00$(zeros 13)"
# bnxt: le16 req_type, cmpl_ring, seq_id, target_id, le64 resp_addr; 16..128 bytes.
seed bnxt-fw-reset "$(hdr $BNXT)$(le 0x00c0 2)$(zeros 14)"
seed bnxt-max "$(hdr $BNXT)$(le 0x0021 2)$(zeros 126)"
seed bnxt-over "$(hdr $((BNXT | 16)) 129)$(le 0x0021 2)$(zeros 62)"
# pds: op, ep, rsvd, len, payload; then out: 48 bytes.
seed pds-op "$(hdr $PDS)$(le 0x00010001 4)$(le 3 4)$(zeros 4)$(le 64 4)$(le 0x7fff0000 8)$(zeros 24)"
seed pds-short "$(hdr $PDS)$(le 1 4)$(zeros 40)"
# every type unreadable; a type past the known ones; no request at all
seed unreadable "$(hdr $((CXL | 8)))$(cxl 0x0502 36)"
seed type-7 "$(hdr 7)$(zeros 16)"
seed empty "$(hdr 0)"
# what only the event shows: another ioctl, a scope the kernel refuses, a rule
seed ioctl-rsc-destroy "$(hdr $((MLX5 | 128)) 0 0 2 3)\x01\x00$(zeros 14)"
seed scope-9 "$(hdr $((CXL | 64)) 0 9)$(cxl 0x0502 36)${uuid_ff}$(zeros 20)"

table() { printf '%s\n' "${@:2}" > "$out/effects/$1" || die "cannot write $1"; }
table mlx5-op-mod 'type mlx5' '0x0805 access_reg config-change-immediate op_mod=0' \
	'0x0805 access_reg read-only op_mod=1  # a comment' '0x0100 query_hca_cap read-only'
table pds-ep 'type pds' '0x00010001 my_op read-only ep=3' '0xffffffff top reset,destructive'
table cxl-features 'type cxl' '0x0502 set_feature destructive feature=patrol_scrub' \
	'0x0502 set_feature reset feature=ffffffff-ffff-ffff-ffff-ffffffffffff'
table mlx5-registers 'type mlx5' 'register 0x9050 pddr reset' 'register 0x9031 pmaos' \
	'register 65535 last config-change-immediate,firmware-change'
table bnxt-crlf $'type bnxt\r' $'0x0021 func_reset reset\r' $'\t0xffff  last\tunknown'

policy() { printf '%s\n' "${@:2}" > "$out/policy/$1" || die "cannot write $1"; }
policy widths 'default allow' 'deny type cxl cmd 0xffff, 0x10502' 'deny type pds cmd 0xffffffff' \
	'deny type mlx5,bnxt cmd 65535 scope 0..3' 'audit scope >= 0x3'
policy scopes 'default deny' 'set s = { 1, 4 }' 'allow scope @s' 'allow scope 2..9'
