# SPDX-License-Identifier: GPL-2.0-only
#
# fwctl-guard build: the BPF program files -> clang -> `bpftool gen object`
# (one linked object) -> `bpftool gen skeleton`; the loader as one static
# library per folder of loader/ (util <- host <- policy <- kernel, events
# <- ops <- cli), linked dynamically for the host and statically for the
# VM. All output in $(OUT); every object has its dependency file (-MMD).
#
#   make            build everything
#   make deps       install every Debian package the build and tests need
#   make demo       boot the VM and show an allowed and a denied RPC
#   make test       unit tests, the install and package tests, then the VM
#                   tests against a real fwctl device and the package on a
#                   Debian system, on each kernel in VM_KERNELS (7.3;
#                   make test-vm VM_KERNELS="7.3 7.2" for the matrix)
#   make test-system-vm  the package on a Debian system booted in the VM
#                   (alone; make test-vm runs it too)
#   make kernel     build (or find cached) the VM test kernels (VM_KERNELS)
#   make install    install the CLI, policies, effects tables, systemd unit,
#                   udev rule, logrotate and /etc/default files, man pages,
#                   bash completion (prefix, sysconfdir, DESTDIR, ...;
#                   mk/install.mk)
#   make deb        build/fwctl-guard_<version>_<arch>.deb (dpkg-buildpackage)

OUT ?= build
CC ?= gcc
CLANG ?= clang
BPFTOOL ?= bpftool
FLEX ?= flex
BISON ?= bison
AR ?= ar
# The BPF target's architecture, from the host's (bpf_tracing.h's names).
ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/' \
	-e 's/ppc64le/powerpc/' -e 's/s390x/s390/' -e 's/riscv64/riscv/' -e 's/loongarch64/loongarch/')
ARCH_INC := /usr/include/$(shell $(CC) -dumpmachine 2>/dev/null)

# Installation directories (prefix, sysconfdir, DESTDIR, ...), install,
# uninstall, the Debian package and their tests: mk/install.mk, included at
# the end (after `all`, the default goal).

# The version, from one place: the VERSION file, into a generated header
# (fg_version.h) that the CLI and the event writers include.
VERSION := $(shell cat VERSION)

WARN := -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
CFLAGS += $(WARN) -std=gnu11 -Iinclude -Iloader -I$(OUT) -I$(OUT)/loader -D_GNU_SOURCE -MMD -MP
BPF_CFLAGS := -O2 -g -target bpf -D__TARGET_ARCH_$(ARCH) -Wall -Werror -Iinclude -Ibpf \
	      -I$(ARCH_INC) -MMD -MP
LIBS := -lbpf -lelf -lz -ljson-c -lnettle -laudit
STATIC_LIBS := -lbpf -lelf -lz -lzstd -ljson-c -lnettle -laudit -lcap-ng

.DELETE_ON_ERROR:
.SUFFIXES:
.PHONY: all deps demo test test-unit check-headers test-install test-cli test-metrics test-vm \
	kernel clean \
	bench fuzz FORCE

all: $(OUT)/fwctl-guard $(OUT)/fwctl-guard-static $(OUT)/fwctl-rpc $(OUT)/fwctl-rpc32 \
	$(OUT)/fwctl-race $(OUT)/fwctl-uring $(OUT)/fwctl-attack $(OUT)/fwctl-ident \
	$(OUT)/fwctl-ident-dyn \
	$(OUT)/fwctl-ident-loader

deps:
	@scripts/install-deps.sh

# ---- BPF -------------------------------------------------------------------

$(OUT)/obj/%.bpf.o: %.bpf.c
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -Itests/bpf -c $< -o $@

# The guard's program files, one translation unit (bpf/guard.bpf.c says why).
$(OUT)/guard.bpf.o: $(OUT)/obj/bpf/guard.bpf.o
	$(BPFTOOL) gen object $@ $^

# The host-side test and bench programs (tests/bpf/), one file each.
$(OUT)/%.bpf.o: $(OUT)/obj/tests/bpf/%.bpf.o
	$(BPFTOOL) gen object $@ $<

$(OUT)/%.skel.h: $(OUT)/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $(subst -,_,$*)_bpf > $@

# ---- loader libraries ------------------------------------------------------

LAYERS := util host policy kernel events ops
define layer_srcs
$(wildcard loader/$(1)/*.c)
endef
$(foreach l,$(LAYERS),$(eval SRCS_$(l) := $(call layer_srcs,$(l))))
# The policy lexer and grammar, generated from loader/policy/{lexer.l,grammar.y}.
GEN_policy := $(OUT)/loader/policy/grammar.tab.c $(OUT)/loader/policy/lexer.lex.c
OBJS_util := $(SRCS_util:%.c=$(OUT)/obj/%.o)
OBJS_host := $(SRCS_host:%.c=$(OUT)/obj/%.o)
OBJS_policy := $(SRCS_policy:%.c=$(OUT)/obj/%.o) $(GEN_policy:%.c=%.o)
OBJS_kernel := $(SRCS_kernel:%.c=$(OUT)/obj/%.o)
OBJS_events := $(SRCS_events:%.c=$(OUT)/obj/%.o)
OBJS_ops := $(SRCS_ops:%.c=$(OUT)/obj/%.o)
OBJS_cli := $(patsubst %.c,$(OUT)/obj/%.o,$(wildcard loader/cli/*.c))

# Libraries in link order: each uses only those after it.
lib = $(OUT)/lib/libfg_$(1).a
LIB_ORDER := ops kernel events policy host util
$(foreach l,$(LAYERS),$(eval $(call lib,$(l)): $$(OBJS_$(l))))
$(OUT)/lib/libfg_%.a:
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PATH_DEFS) -c $< -o $@

# The kernel library includes the skeleton; the lexer, the grammar's header.
$(OBJS_kernel): $(OUT)/guard.skel.h
$(OUT)/obj/loader/policy/lexer.lex.o $(OBJS_policy): $(OUT)/loader/policy/grammar.tab.h

# FG_EFFECTS_DIR and FG_SITE_EFFECTS_DIR (loader/host/inventory.h) follow the
# install directories (mk/install.mk). The stamp changes only when they do,
# so the objects that use them are rebuilt then and only then (make install
# prefix=/opt/x after a plain make).
$(OUT)/effects-dir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(INSTALL_DEFS)' | cmp -s - $@ || echo '$(INSTALL_DEFS)' > $@

EFFECTS_DIR_OBJS := $(OUT)/obj/loader/host/inventory.o $(OUT)/obj/loader/cli/main.o \
	$(OUT)/obj/loader/cli/print.o
$(EFFECTS_DIR_OBJS): $(OUT)/effects-dir.stamp
$(EFFECTS_DIR_OBJS): PATH_DEFS = $(INSTALL_DEFS)

# The built-in lockdown policy (loader/ops/fallback.c), loaded when the
# configured policy and the last one that loaded both fail: the shipped
# lockdown-integrity policy as a C string.
$(OUT)/loader/ops/lockdown_policy.h: policies/lockdown-integrity.policy
	@mkdir -p $(@D)
	{ echo '/* Generated from $< by the Makefile. */'; \
	  echo 'const char fg_lockdown_policy[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@
$(OUT)/obj/loader/ops/fallback.o: $(OUT)/loader/ops/lockdown_policy.h

# Rewritten only when VERSION says something else, so that a plain make
# rebuilds nothing.
$(OUT)/fg_version.h: VERSION
	@mkdir -p $(@D)
	@printf '/* Generated from VERSION by the Makefile. */\n#define FG_VERSION "%s"\n' \
		'$(VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@
$(OBJS_events) $(OBJS_ops) $(OBJS_cli) $(patsubst %.c,$(OUT)/obj/%.o,$(wildcard tests/unit/events/*.c)): \
	| $(OUT)/fg_version.h

# -Wall -Werror: a grammar conflict fails the build.
$(OUT)/loader/policy/grammar.tab.c: loader/policy/grammar.y
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror --defines=$(OUT)/loader/policy/grammar.tab.h -o $@ $<

$(OUT)/loader/policy/grammar.tab.h: $(OUT)/loader/policy/grammar.tab.c ;

$(OUT)/loader/policy/lexer.lex.c: loader/policy/lexer.l
	@mkdir -p $(@D)
	$(FLEX) -o $@ $<

# Generated code, each with the one warning its skeleton trips: bison's
# initial location leaves our byte offsets to the zero fill; flex defines a
# fatal-error function that YY_FATAL_ERROR replaces.
$(OUT)/loader/policy/grammar.tab.o: $(OUT)/loader/policy/grammar.tab.c
	$(CC) $(CFLAGS) -Wno-missing-field-initializers -c $< -o $@

$(OUT)/loader/policy/lexer.lex.o: $(OUT)/loader/policy/lexer.lex.c
	$(CC) $(CFLAGS) -Wno-unused-function -c $< -o $@

LOADER_LIBS := $(foreach l,$(LIB_ORDER),$(call lib,$(l)))

$(OUT)/fwctl-guard: $(OBJS_cli) $(LOADER_LIBS)
	$(CC) $(CFLAGS) $(OBJS_cli) $(LOADER_LIBS) -o $@ $(LIBS)

# The VM has no shared libraries: a static build of the same objects.
$(OUT)/fwctl-guard-static: $(OBJS_cli) $(LOADER_LIBS)
	$(CC) $(CFLAGS) -static $(OBJS_cli) $(LOADER_LIBS) -o $@ $(STATIC_LIBS)

# ---- test clients (tools/) ---------------------------------------------------

$(OUT)/fwctl-rpc: tools/fwctl-rpc.c tools/cxl_rpc.h tools/rpc_args.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -static $< -o $@

# A 32-bit build of the client, to drive the file_ioctl_compat path.
$(OUT)/fwctl-rpc32: tools/fwctl-rpc.c tools/cxl_rpc.h tools/rpc_args.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -m32 -static $< -o $@

# Two threads on one request: the time-of-check/time-of-use tests.
$(OUT)/fwctl-race: tools/fwctl-race.c tools/cxl_rpc.h tools/rpc_args.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -pthread -static $< -o $@

# FWCTL_RPC as an io_uring URING_CMD: the path beside the ioctl hook.
$(OUT)/fwctl-uring: tools/fwctl-uring.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -static $< -o $@

# What root tries against a sealed guard's maps and mounts (the hardening tests).
$(OUT)/fwctl-attack: tools/fwctl-attack.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -static $< -o $@ -lbpf -lelf -lz -lzstd

# What a process does to pass for another executable (the identity tests).
$(OUT)/fwctl-ident: tools/fwctl-ident.c tools/cxl_rpc.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -static $< -o $@

# The identity tests' binfmt_misc 'L' case: a binary that names an ELF
# interpreter (the same client, dynamically linked; it never runs), and
# a freestanding, position-independent file the kernel loads in its place.
$(OUT)/fwctl-ident-dyn: tools/fwctl-ident.c tools/cxl_rpc.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@

$(OUT)/fwctl-ident-loader: tools/fwctl-ident-loader.c tools/cxl_rpc.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -ffreestanding -fno-stack-protector -fPIE -static-pie -nostdlib \
		-Wl,-e,fg_start $< -o $@

# ---- tests -----------------------------------------------------------------

# One Criterion binary per folder of loader/, linking only that folder's
# library and those below it; abi: the shared decoder header alone; bpf:
# the decision code under this host's verifier and JIT (BPF_PROG_RUN).
TEST_LIBS_util := util
TEST_LIBS_host := host util
TEST_LIBS_policy := policy host util
TEST_LIBS_events := events host util
TEST_LIBS_abi :=
TEST_LIBS_bpf := kernel policy host util
TEST_LIBS_ops := ops kernel events policy host util
UNIT_SUITES := util host policy events ops abi bpf
test_srcs = $(if $(filter bpf,$(1)),$(wildcard tests/bpf/test_*.c),$(wildcard tests/unit/$(1)/test_*.c))
UNIT_BINS := $(UNIT_SUITES:%=$(OUT)/tests/unit-%)

define unit_suite
$(OUT)/tests/unit-$(1): $(patsubst %.c,$(OUT)/obj/%.o,$(call test_srcs,$(1))) \
		$(foreach l,$(TEST_LIBS_$(1)),$(call lib,$(l)))
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$^ -o $$@ -lcriterion $$(LIBS)
endef
$(foreach s,$(UNIT_SUITES),$(eval $(call unit_suite,$(s))))

$(OUT)/obj/tests/%.o: CFLAGS += -Itests/bpf -Itests/unit/events
$(patsubst %.c,$(OUT)/obj/%.o,$(call test_srcs,ops)): $(OUT)/guard.skel.h | $(OUT)/fg_version.h
$(patsubst %.c,$(OUT)/obj/%.o,$(call test_srcs,bpf)): $(OUT)/decide_test.skel.h $(OUT)/mounts_test.skel.h

test-unit: $(UNIT_BINS) check-headers
	@for t in $(UNIT_BINS); do echo "== $$t"; $$t --jobs 1 || exit 1; done

# Every header compiles on its own: the loader's and the ABI with gcc, the
# BPF side's and the ABI with clang -target bpf.
check-headers: $(OUT)/loader/policy/grammar.tab.h $(OUT)/guard.skel.h
	@for h in $(wildcard include/*.h) $(shell find loader -name '*.h'); do \
		printf '#include "%s"\n' "$${h#*/}" | $(CC) -std=gnu11 -D_GNU_SOURCE -Wall -Werror \
			-fsyntax-only -Iinclude -Iloader -I$(OUT) -I$(OUT)/loader -x c - || \
			{ echo "check-headers: $$h is not self-contained" >&2; exit 1; }; \
	done
	@for h in $(wildcard include/*.h bpf/*.h); do \
		printf '#include "%s"\n' "$${h#*/}" | $(CLANG) $(filter-out -MMD -MP,$(BPF_CFLAGS)) -fsyntax-only -x c - || \
			{ echo "check-headers: $$h is not self-contained (BPF)" >&2; exit 1; }; \
	done
	@echo "check-headers: every header compiles on its own"

# make install into temporary DESTDIRs, two prefixes; the tree, the modes,
# the unit, the man pages, uninstall; then the command line's table.
test-install: test-cli test-metrics
	OUT=$(OUT) tests/install/test-install.sh

# The metrics' formats under promtool and a strict OpenMetrics parser.
test-metrics: $(OUT)/tests/metrics-sample
	OUT=$(OUT) tests/install/test-metrics.sh

$(OUT)/tests/metrics-sample: $(OUT)/obj/tests/install/metrics-sample.o $(call lib,ops) \
			     $(call lib,kernel) $(call lib,events) $(call lib,policy) \
			     $(call lib,host) $(call lib,util)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS)
$(OUT)/obj/tests/install/metrics-sample.o: $(OUT)/guard.skel.h

# The built command line, case by case (tests/install/test-cli.sh): help,
# options, standard input, exit statuses, escaping, explain and replay,
# the man page's examples, and the audit records under auditd's tools.
test-cli: $(OUT)/fwctl-guard $(OUT)/tests/audit-sample
	OUT=$(OUT) tests/install/test-cli.sh

# USER_AVC records of sample events, for aureport and ausearch in test-cli.
$(OUT)/tests/audit-sample: $(OUT)/obj/tests/install/audit-sample.o $(call lib,events) \
			   $(call lib,host) $(call lib,util)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS)

# The kernel series the VM suites run on (Debian's linux-source-X.Y,
# tests/vm/build-kernel.sh), newest first. make test runs the newest only:
# each series is a kernel build of its own (about 25 minutes on 2 cores),
# and two of them with the suites do not fit CI's 90 minutes from an empty
# cache (docs/testing.md, "The matrix"). VM_KERNELS="7.3 7.2" runs both.
VM_KERNELS ?= 7.3

# Every suite on every kernel, two VMs at a time, and the package on the
# Debian system (tests/vm/matrix.sh says how). FWCTL_GUARD_VMS sets how
# many VMs run at once, SUITES which rows run.
test-vm: all
	VM_KERNELS="$(VM_KERNELS)" tests/vm/matrix.sh --deb $(DEB)

# The README's two commands: each installs what it needs first.
test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS)
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory test-install
	@$(MAKE) --no-print-directory test-deb
	@$(MAKE) --no-print-directory test-vm

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	tests/vm/demo.sh

kernel:
	@for k in $(VM_KERNELS); do tests/vm/build-kernel.sh --kernel $$k || exit 1; done

# ---- fuzz ------------------------------------------------------------------

# libFuzzer (clang) with ASan and UBSan, one target per input the loader
# and the guard take from outside: the policy front end, linter and
# lowering (fuzz_policy.c, seeded from policies/); the request decoder for
# every device type with the effects lookup and the event text round trip
# (fuzz_decode.c); the effects-table parser (fuzz_effects.c, seeded from
# policies/effects/). Crafted seeds come from tests/fuzz/seeds.sh. Each
# target runs for FUZZ_SECONDS, one after the other; FUZZ_FLAGS adds
# libFuzzer options (-runs=N, -jobs=N, ...). The loader's sources are built
# once with the sanitizers, then linked into each target.
FUZZ_SECONDS ?= 120
FUZZ_FLAGS ?=
FUZZ_TARGETS := policy decode effects
FUZZ_SRCS := $(SRCS_util) $(SRCS_host) $(SRCS_policy) loader/events/format.c
FUZZ_CFLAGS := -g -O1 -fno-sanitize-recover=undefined -std=gnu11 -D_GNU_SOURCE -Iinclude \
	-Iloader -I$(OUT) -I$(OUT)/loader -Wno-unused-function -MMD -MP
FUZZ_OBJS := $(FUZZ_SRCS:%.c=$(OUT)/fuzz-obj/%.o) $(GEN_policy:$(OUT)/%.c=$(OUT)/fuzz-obj/%.o)

$(OUT)/fuzz-obj/%.o: %.c $(OUT)/loader/policy/grammar.tab.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

$(OUT)/fuzz-obj/%.o: $(OUT)/%.c $(OUT)/loader/policy/grammar.tab.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

# The targets themselves to the build's warnings; generated code is not.
$(OUT)/fuzz-obj/tests/fuzz/%.o: FUZZ_CFLAGS += -Wall -Wextra -Werror

$(OUT)/fuzz-%: $(OUT)/fuzz-obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJS)
	$(CLANG) -fsanitize=fuzzer,address,undefined $^ -o $@ -lnettle

# The corpora grow in $(OUT)/fuzz-corpus/TARGET across runs; a crash is
# written as $(OUT)/fuzz-TARGET-crash-* and fails the run.
fuzz:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(OUT)/fuzz-%)
	@mkdir -p $(FUZZ_TARGETS:%=$(OUT)/fuzz-corpus/%)
	cp policies/*.policy $(OUT)/fuzz-corpus/policy/
	cp policies/effects/*.effects $(OUT)/fuzz-corpus/effects/
	tests/fuzz/seeds.sh $(OUT)/fuzz-corpus
	$(OUT)/fuzz-policy -max_total_time=$(FUZZ_SECONDS) -max_len=8192 $(FUZZ_FLAGS) \
		-artifact_prefix=$(OUT)/fuzz-policy- $(OUT)/fuzz-corpus/policy
	$(OUT)/fuzz-decode -max_total_time=$(FUZZ_SECONDS) -max_len=256 $(FUZZ_FLAGS) \
		-artifact_prefix=$(OUT)/fuzz-decode- $(OUT)/fuzz-corpus/decode
	$(OUT)/fuzz-effects -max_total_time=$(FUZZ_SECONDS) -max_len=8192 $(FUZZ_FLAGS) \
		-artifact_prefix=$(OUT)/fuzz-effects- $(OUT)/fuzz-corpus/effects

# ---- bench -----------------------------------------------------------------

BENCH_GOAL := $(OUT)/obj/tests/bench/goal.o

$(OUT)/fwctl-bench-decision: $(OUT)/obj/tests/bench/decision.o $(BENCH_GOAL) \
			     $(call lib,kernel) $(call lib,policy) $(call lib,host) $(call lib,util)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS)
$(OUT)/obj/tests/bench/decision.o: $(OUT)/bench.skel.h

$(OUT)/fwctl-bench-reload: $(OUT)/obj/tests/bench/reload.o $(BENCH_GOAL) $(call lib,ops) \
			   $(call lib,kernel) $(call lib,policy) $(call lib,host) $(call lib,util)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS)
$(OUT)/obj/tests/bench/reload.o: $(OUT)/guard.skel.h

$(OUT)/fwctl-bench-events: $(OUT)/obj/tests/bench/events.o $(BENCH_GOAL) $(call lib,events) \
			   $(call lib,host) $(call lib,util)
	$(CC) $(CFLAGS) $^ -o $@ $(LIBS) -lpthread
$(OUT)/obj/tests/bench/events.o: $(OUT)/events_bench.skel.h

$(OUT)/fwctl-ioctl-loop: $(OUT)/obj/tests/bench/ioctl_loop.o
	$(CC) $(CFLAGS) -static $< -o $@ $(STATIC_LIBS)
$(OUT)/obj/tests/bench/ioctl_loop.o: $(OUT)/empty_lsm.skel.h

BENCH_BINS := $(OUT)/fwctl-bench-decision $(OUT)/fwctl-bench-reload $(OUT)/fwctl-bench-events

# Every goal of docs/performance.md: the host figures, then the VM's (the
# guard's real hooks on the VM kernel); one GOAL line per goal at the end.
bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(BENCH_BINS) $(OUT)/fwctl-ioctl-loop
	tests/bench/run $(OUT)

# ---- install -----------------------------------------------------------------

clean:
	rm -rf $(OUT)

include mk/install.mk

# test-vm boots the package too; its file name is set by mk/install.mk.
test-vm: $(DEB)

-include $(shell find $(OUT)/obj $(OUT)/fuzz-obj -name '*.d' 2>/dev/null)
