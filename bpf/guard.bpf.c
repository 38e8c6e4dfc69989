// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-guard's BPF object: the program files, one concern each, built as
 * one translation unit. libbpf's static linker (up to 1.5, the newest in
 * bookworm-backports) refuses a kfunc declared in two objects, and most
 * files need kfuncs; bpf/kfuncs.bpf.h declares each once.
 *
 *   maps.bpf.c      the maps and the licence
 *   events.bpf.c    the caller's executable path for event records
 *   ioctl.bpf.c     the request path: file_ioctl, file_ioctl_compat, uring_cmd
 *   postcopy.bpf.c  after the kernel's copy: capable, fwctl_cmd_rpc, fw_rpc, fexit
 *   seal.bpf.c      self-protection: maps, programs, links, pins and the
 *                   mounts above them (mounts.bpf.h)
 *   exe_trust.bpf.c whether a caller's exe counts: ptrace, fork, exec, prctl
 */
#include "maps.bpf.c"
#include "events.bpf.c"
#include "ioctl.bpf.c"
#include "postcopy.bpf.c"
#include "seal.bpf.c"
#include "exe_trust.bpf.c"
