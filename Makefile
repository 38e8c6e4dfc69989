# SPDX-License-Identifier: GPL-2.0-only
#
# fwctl-guard build: clang -> bpftool gen object -> bpftool gen skeleton ->
# loader (dynamic for the host, static for the VM). All output in $(OUT).
#
#   make            build everything
#   make deps       install every Debian package the build and tests need
#   make demo       boot the VM and show an allowed and a denied RPC
#   make test       unit tests, the install and package tests, then the VM
#                   tests against a real fwctl device, then the package on a
#                   Debian system booted in the VM
#   make kernel     build (or find cached) the VM test kernel
#   make install    install the CLI, policies, effects tables, systemd unit,
#                   udev rule, logrotate and /etc/default files, man pages
#                   (prefix, sysconfdir, DESTDIR, ...; mk/install.mk)
#   make deb        build/fwctl-guard_<version>_<arch>.deb (dpkg-buildpackage)

OUT ?= build
CC ?= gcc
CLANG ?= clang
BPFTOOL ?= bpftool
FLEX ?= flex
BISON ?= bison
ARCH_INC := /usr/include/$(shell $(CC) -dumpmachine 2>/dev/null)

# Installation directories (prefix, sysconfdir, DESTDIR, ...), install,
# uninstall, the Debian package and their tests: mk/install.mk, included at
# the end (after `all`, the default goal).

WARN := -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
CFLAGS += $(WARN) -std=gnu11 -Iinclude -I$(OUT) -D_GNU_SOURCE
BPF_CFLAGS := -O2 -g -target bpf -D__TARGET_ARCH_x86 -Wall -Werror -Iinclude -I$(ARCH_INC)
LIBS := -lbpf -lelf -lz -ljson-c -lnettle -laudit
STATIC_LIBS := -lbpf -lelf -lz -lzstd -ljson-c -lnettle -laudit -lcap-ng

LIB_SRCS := loader/err.c loader/names.c loader/registry.c \
	    loader/event_format.c loader/guard.c loader/effects_table.c \
	    loader/cxl_features.c loader/inventory.c loader/text_file.c \
	    loader/policy_lower.c loader/policy_eval.c loader/generation.c \
	    loader/explain.c loader/map_sync.c loader/policy_ast.c loader/policy_check.c \
	    loader/policy_compile.c loader/policy_lint.c loader/event_json.c \
	    loader/event_audit.c loader/event_seq.c loader/rate_limit.c \
	    loader/event_source.c loader/event_sinks.c loader/notify.c \
	    loader/kernel_funcs.c loader/guard_progs.c
# The policy lexer and parser, generated from loader/policy.l and policy.y.
GEN_OBJS := $(OUT)/loader/policy.tab.o $(OUT)/loader/policy.lex.o
LIB_OBJS := $(patsubst loader/%.c,$(OUT)/loader/%.o,$(LIB_SRCS)) $(GEN_OBJS)
CLI_OBJ := $(OUT)/loader/main.o $(OUT)/loader/daemon.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
HEADERS := $(wildcard include/*.h loader/*.h bpf/*.h)

.DELETE_ON_ERROR:
.PHONY: all deps demo test test-unit test-install test-vm kernel clean bench fuzz FORCE

all: $(OUT)/fwctl-guard $(OUT)/fwctl-guard-static $(OUT)/fwctl-rpc $(OUT)/fwctl-rpc32 \
	$(OUT)/fwctl-race $(OUT)/fwctl-uring

deps:
	@scripts/install-deps.sh

$(OUT)/guard.bpf.o: bpf/guard.bpf.c $(HEADERS) | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $(OUT)/guard.tmp.o
	$(BPFTOOL) gen object $@ $(OUT)/guard.tmp.o
	@rm -f $(OUT)/guard.tmp.o

$(OUT)/guard.skel.h: $(OUT)/guard.bpf.o
	$(BPFTOOL) gen skeleton $< name guard_bpf > $@

# Decision code as a syscall program, for BPF_PROG_RUN on the host.
$(OUT)/decide_test.bpf.o: tests/bpf/decide_test.bpf.c tests/bpf/decide_test.h $(HEADERS) | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -Ibpf -Itests/bpf -c $< -o $(OUT)/decide_test.tmp.o
	$(BPFTOOL) gen object $@ $(OUT)/decide_test.tmp.o
	@rm -f $(OUT)/decide_test.tmp.o

$(OUT)/decide_test.skel.h: $(OUT)/decide_test.bpf.o
	$(BPFTOOL) gen skeleton $< name decide_test_bpf > $@

# The engine as an XDP program: BPF_PROG_RUN with a repeat count (bench).
$(OUT)/bench.bpf.o: tests/bpf/bench.bpf.c $(HEADERS) | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -Ibpf -Itests/bpf -c $< -o $(OUT)/bench.tmp.o
	$(BPFTOOL) gen object $@ $(OUT)/bench.tmp.o
	@rm -f $(OUT)/bench.tmp.o

$(OUT)/events_bench.bpf.o: tests/bpf/events_bench.bpf.c $(HEADERS) | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $(OUT)/events_bench.tmp.o
	$(BPFTOOL) gen object $@ $(OUT)/events_bench.tmp.o
	@rm -f $(OUT)/events_bench.tmp.o

$(OUT)/events_bench.skel.h: $(OUT)/events_bench.bpf.o
	$(BPFTOOL) gen skeleton $< name events_bench_bpf > $@

$(OUT)/bench.skel.h: $(OUT)/bench.bpf.o
	$(BPFTOOL) gen skeleton $< name bench_bpf > $@

$(OUT)/loader/%.o: loader/%.c $(HEADERS) $(OUT)/guard.skel.h | $(OUT)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PATH_DEFS) -c $< -o $@

# FG_EFFECTS_DIR and FG_SITE_EFFECTS_DIR (loader/inventory.h) follow the
# install directories (mk/install.mk). The stamp changes only when they do,
# so the two objects that use them are rebuilt then and only then (make
# install prefix=/opt/x after a plain make).
$(OUT)/effects-dir.stamp: FORCE | $(OUT)
	@echo '$(INSTALL_DEFS)' | cmp -s - $@ || echo '$(INSTALL_DEFS)' > $@

$(OUT)/loader/inventory.o $(OUT)/loader/main.o: $(OUT)/effects-dir.stamp
$(OUT)/loader/inventory.o $(OUT)/loader/main.o: PATH_DEFS = $(INSTALL_DEFS)

# -Wall -Werror: a grammar conflict fails the build.
$(OUT)/loader/policy.tab.c: loader/policy.y | $(OUT)
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror --defines=$(OUT)/loader/policy.tab.h -o $@ $<

$(OUT)/loader/policy.tab.h: $(OUT)/loader/policy.tab.c ;

$(OUT)/loader/policy.lex.c: loader/policy.l | $(OUT)
	@mkdir -p $(@D)
	$(FLEX) -o $@ $<

# Generated code, each with the one warning its skeleton trips: bison's
# initial location leaves our byte offsets to the zero fill; flex defines a
# fatal-error function that YY_FATAL_ERROR replaces.
$(OUT)/loader/policy.tab.o: $(OUT)/loader/policy.tab.c $(HEADERS)
	$(CC) $(CFLAGS) -Iloader -Wno-missing-field-initializers -c $< -o $@

$(OUT)/loader/policy.lex.o: $(OUT)/loader/policy.lex.c $(OUT)/loader/policy.tab.h $(HEADERS)
	$(CC) $(CFLAGS) -Iloader -Wno-unused-function -c $< -o $@

$(OUT)/fwctl-guard: $(CLI_OBJ) $(LIB_OBJS)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS)

# The VM has no shared libraries: a static build of the same objects.
$(OUT)/fwctl-guard-static: $(CLI_OBJ) $(LIB_OBJS)
	$(CC) $(CFLAGS) -static $^ -o $@ $(STATIC_LIBS)

$(OUT)/fwctl-rpc: tools/fwctl-rpc.c include/fwctl_guard.h tools/cxl_rpc.h | $(OUT)
	$(CC) $(CFLAGS) -static $< -o $@

# A 32-bit build of the client, to drive the file_ioctl_compat path.
$(OUT)/fwctl-rpc32: tools/fwctl-rpc.c include/fwctl_guard.h tools/cxl_rpc.h | $(OUT)
	$(CC) $(CFLAGS) -m32 -static $< -o $@

# Two threads on one request: the time-of-check/time-of-use tests.
$(OUT)/fwctl-race: tools/fwctl-race.c include/fwctl_guard.h tools/cxl_rpc.h | $(OUT)
	$(CC) $(CFLAGS) -pthread -static $< -o $@

# FWCTL_RPC as an io_uring URING_CMD: the path beside the ioctl hook.
$(OUT)/fwctl-uring: tools/fwctl-uring.c include/fwctl_guard.h tools/cxl_rpc.h | $(OUT)
	$(CC) $(CFLAGS) -static $< -o $@

$(OUT)/unit-tests: $(UNIT_SRCS) $(LIB_OBJS) $(HEADERS) $(OUT)/decide_test.skel.h
	$(CC) $(CFLAGS) -Iloader -Itests/bpf $(UNIT_SRCS) $(LIB_OBJS) -o $@ -lcriterion $(LIBS)

$(OUT)/fwctl-bench: tests/bench/bench.c $(LIB_OBJS) $(HEADERS) $(OUT)/bench.skel.h
	$(CC) $(CFLAGS) -Iloader -Itests/bpf $< $(LIB_OBJS) -o $@ $(LIBS)

$(OUT):
	@mkdir -p $@

test-unit: $(OUT)/unit-tests
	$(OUT)/unit-tests --jobs 1

# make install into temporary DESTDIRs, two prefixes; the tree, the modes,
# the unit, the man pages, uninstall.
test-install:
	OUT=$(OUT) tests/install/test-install.sh

# The kernel first, as its own visible step: the harness test captures
# run's stderr, which would hide a first-time build's progress.
test-vm: all
	@tests/vm/build-kernel.sh >/dev/null
	tests/vm/harness-tests.sh
	tests/vm/run-tests.sh

# The README's two commands: each installs what it needs first.
test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(OUT)/unit-tests
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory test-install
	@$(MAKE) --no-print-directory test-deb
	@$(MAKE) --no-print-directory test-vm
	@$(MAKE) --no-print-directory test-system-vm

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	tests/vm/demo.sh

kernel:
	@tests/vm/build-kernel.sh

# The policy front end and lowering under libFuzzer (clang), with ASan and
# UBSan, seeded from policies/; FUZZ_SECONDS bounds the run.
FUZZ_SECONDS ?= 120
FUZZ_SRCS := loader/err.c loader/names.c loader/text_file.c loader/effects_table.c \
	     loader/policy_ast.c loader/policy_check.c loader/policy_compile.c \
	     loader/policy_lint.c loader/policy_lower.c loader/registry.c
$(OUT)/fuzz-policy: tests/fuzz/fuzz_policy.c $(FUZZ_SRCS) $(OUT)/loader/policy.tab.c \
		    $(OUT)/loader/policy.lex.c $(HEADERS)
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-std=gnu11 -D_GNU_SOURCE -Iinclude -Iloader -I$(OUT) -I$(OUT)/loader \
		-Wno-unused-function $< $(FUZZ_SRCS) $(OUT)/loader/policy.tab.c \
		$(OUT)/loader/policy.lex.c -o $@ -lnettle

fuzz:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory $(OUT)/fuzz-policy
	@mkdir -p $(OUT)/fuzz-corpus
	cp policies/*.policy $(OUT)/fuzz-corpus/
	$(OUT)/fuzz-policy -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-artifact_prefix=$(OUT)/ $(OUT)/fuzz-corpus

$(OUT)/fwctl-bench-events: tests/bench/bench_events.c $(LIB_OBJS) $(HEADERS) \
			    $(OUT)/events_bench.skel.h
	$(CC) $(CFLAGS) -Iloader $< $(LIB_OBJS) -o $@ $(LIBS) -lpthread

# Decision cost per rule count, on this host's verifier and JIT; events per
# second from the ring buffer to the JSON sink.
bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory $(OUT)/fwctl-bench $(OUT)/fwctl-bench-events
	$(OUT)/fwctl-bench
	$(OUT)/fwctl-bench-events

clean:
	rm -rf $(OUT)

include mk/install.mk
