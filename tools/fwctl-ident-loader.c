// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-ident-loader: an ELF "interpreter" that is not one, for the
 * binfmt_misc 'L' test (tests/vm/guest-identity.sh). A binfmt_misc entry
 * with the L flag (7.3) makes the kernel load this file in place of a
 * binary's own PT_INTERP: the binary is the process's exe, this code runs.
 * It issues one CXL Set Feature at debug-write and exits.
 *
 *   BINARY DEV VALUE      (argv as the binary was exec'd with)
 *
 * Prints "loader: set ok", "loader: EPERM" or "loader: errno N".
 * Exit: 0 success, 1 the ioctl failed, 2 usage.
 *
 * Freestanding (no libc: the binary's libraries are never loaded) and
 * position independent (the kernel maps an interpreter anywhere), so it
 * makes its system calls itself and keeps everything on its stack.
 */
#include <stddef.h>
#include <stdint.h>

#include "fwctl_guard.h"
#include "cxl_rpc.h"

#define NR_WRITE	1
#define NR_OPEN		2
#define NR_IOCTL	16
#define NR_EXIT_GROUP	231
#define O_RDWR		2

/* What the compiler may call for the struct initialisations. */
void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

static long sys3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

static void say(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	sys3(NR_WRITE, 1, (long)s, (long)n);
}

static uint32_t parse_hex(const char *s)
{
	uint32_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++)
		v = v << 4 | (uint32_t)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	return v;
}

static __attribute__((used, noreturn)) void fg_main(long *sp)
{
	static const uint8_t uuid[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	char **argv = (char **)(sp + 1), num[24];
	struct cxl_set_feature_in in;
	struct cxl_rpc_out_hdr out = { 0 };
	struct fg_fwctl_rpc rpc = { 0 };
	long fd, ret;
	int i;

	if (sp[0] != 3) {
		say("usage: BINARY DEV VALUE\n");
		sys3(NR_EXIT_GROUP, 2, 0, 0);
	}
	fd = sys3(NR_OPEN, (long)argv[1], O_RDWR, 0);
	cxl_set_feature_init(&in, uuid, parse_hex(argv[2]));
	rpc.size = sizeof(rpc);
	rpc.scope = FG_SCOPE_DEBUG_WRITE;
	rpc.in_len = sizeof(in);
	rpc.out_len = sizeof(out);
	rpc.in = (uintptr_t)&in;
	rpc.out = (uintptr_t)&out;
	ret = fd < 0 ? fd : sys3(NR_IOCTL, fd, FG_FWCTL_RPC, (long)&rpc);
	if (!ret && !out.retval) {
		say("loader: set ok\n");
		sys3(NR_EXIT_GROUP, 0, 0, 0);
	}
	if (ret == -1) {
		say("loader: EPERM\n");
	} else {
		/* -errno, or the device's mailbox return code */
		ret = ret ? -ret : out.retval;
		i = sizeof(num) - 1;
		num[i] = '\0';
		do
			num[--i] = (char)('0' + ret % 10);
		while ((ret /= 10) && i > 0);
		say("loader: errno ");
		say(num + i);
		say("\n");
	}
	sys3(NR_EXIT_GROUP, 1, 0, 0);
	__builtin_unreachable();
}

/* The kernel enters here with argc, argv, envp, auxv on the stack. */
__attribute__((naked, noreturn)) void fg_start(void)
{
	__asm__ volatile("xor %ebp, %ebp\n\t"
			 "mov %rsp, %rdi\n\t"
			 "and $-16, %rsp\n\t"
			 "call fg_main\n\t"
			 "hlt");
}
