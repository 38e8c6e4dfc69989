// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl-ident: what a process does to pass for another executable, for the
 * identity tests (tests/vm/guest-identity.sh). CXL Features over fwctl, on
 * the mock's test Feature (UUID all ff).
 *
 *   fwctl-ident [--uid N] victim DEV [set VALUE]
 *       Open DEV and prepare, in a request block of its own memory, a Get
 *       Feature at scope configuration (or, with set, a Set Feature of
 *       VALUE at debug-write). Print "ready pid=P block=0xADDR dumpable=D",
 *       read one line from standard input, then issue whatever the block
 *       holds by then ("issue: opcode=0x... scope=N") and print "rpc: ok
 *       value=0x..." / "rpc: set ok" or "rpc: ERRNAME".
 *   fwctl-ident [--uid N] poke PID ADDR VALUE ptrace|stay|vm|mem
 *       Rewrite the victim's block at ADDR into a Set Feature of VALUE at
 *       debug-write: through ptrace (PTRACE_SEIZE, PTRACE_POKEDATA, detach),
 *       stay (the same, but the victim stays traced until it exits, which
 *       this process waits for), vm (process_vm_writev) or mem
 *       (/proc/PID/mem). Prints "poke: ok via=..." when written.
 *   fwctl-ident relabel EXE [DEV VALUE]
 *   fwctl-ident relabel-map EXE [DEV VALUE]
 *       Make EXE this process's executable: replace the mappings of its own
 *       file by anonymous copies (the kernel refuses while it is mapped),
 *       then prctl(PR_SET_MM, PR_SET_MM_EXE_FILE) or PR_SET_MM_MAP with
 *       exe_fd (needs CONFIG_CHECKPOINT_RESTORE); print "relabel: ok
 *       exe=PATH" or "relabel: ERRNAME"; then, with DEV, a Set Feature of
 *       VALUE at debug-write ("rpc: ..."). Needs CAP_SYS_RESOURCE.
 *   fwctl-ident [--uid N] userns DEV VALUE
 *       Enter a new user namespace (unshare CLONE_NEWUSER) as its root,
 *       with a full effective set there; print "userns: ok capeff=HEX"
 *       (CapEff from /proc/self/status), then a Set Feature of VALUE at
 *       debug-write on DEV, opened in the new namespace ("rpc: ...").
 *       Exit 3 when the kernel has no user namespaces.
 *   fwctl-ident mm-map
 *       Whether this kernel has PR_SET_MM_MAP: "mm-map: yes size=N" (exit
 *       0) or "mm-map: no (EINVAL)" (exit 3).
 *
 * --uid N: become uid and gid N (no supplementary groups), then exec this
 * program again, so that it runs as an ordinary exec by that user.
 *
 * Exit: 0 success, 1 what was tried failed (errno named), 2 usage, 3 not
 * supported by this kernel, 4 the device answered with a mailbox error.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/prctl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fwctl_guard.h"
#include "cxl_rpc.h"

/* What the victim issues: the header and both buffers in one block, so
 * that one write from outside can replace the whole request. */
struct block {
	struct fg_fwctl_rpc rpc;
	union {
		struct cxl_get_feature_in get;
		struct cxl_set_feature_in set;
	} in;
	uint8_t pad[4];
	union {
		struct { struct cxl_rpc_out_hdr h; uint32_t value; } get;
		struct cxl_rpc_out_hdr set;
	} out;
} __attribute__((aligned(8)));

static struct block blk;

static const uint8_t test_uuid[16] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

static int usage(void)
{
	fprintf(stderr, "usage: fwctl-ident [--uid N] victim DEV [set VALUE]\n"
		"       fwctl-ident [--uid N] poke PID ADDR VALUE ptrace|stay|vm|mem\n"
		"       fwctl-ident relabel|relabel-map EXE [DEV VALUE]\n"
		"       fwctl-ident [--uid N] userns DEV VALUE\n"
		"       fwctl-ident mm-map\n");
	return 2;
}

static int fail(const char *what)
{
	int e = errno;

	printf("%s: %s\n", what, strerrorname_np(e) ? strerrorname_np(e) : strerror(e));
	fflush(stdout);
	return 1;
}

/* A Set Feature of value at debug-write, laid out for a block at addr
 * (its own, or another process's). */
static void block_set(struct block *b, uint64_t addr, uint32_t value)
{
	memset(b, 0, sizeof(*b));
	cxl_set_feature_init(&b->in.set, test_uuid, value);
	b->rpc.size = sizeof(b->rpc);
	b->rpc.scope = FG_SCOPE_DEBUG_WRITE;
	b->rpc.in_len = sizeof(b->in.set);
	b->rpc.out_len = sizeof(b->out.set);
	b->rpc.in = addr + offsetof(struct block, in);
	b->rpc.out = addr + offsetof(struct block, out);
}

static void block_get(struct block *b, uint64_t addr)
{
	memset(b, 0, sizeof(*b));
	cxl_get_feature_init(&b->in.get, test_uuid);
	b->rpc.size = sizeof(b->rpc);
	b->rpc.scope = FG_SCOPE_CONFIGURATION;
	b->rpc.in_len = sizeof(b->in.get);
	b->rpc.out_len = sizeof(b->out.get);
	b->rpc.in = addr + offsetof(struct block, in);
	b->rpc.out = addr + offsetof(struct block, out);
}

/* Issue what the block holds: a Get or a Set Feature, as its opcode says. */
static int block_issue(int fd, struct block *b)
{
	uint32_t retval;

	printf("issue: opcode=0x%04x scope=%u\n", b->in.set.h.opcode, b->rpc.scope);
	fflush(stdout);
	if (ioctl(fd, FG_FWCTL_RPC, &b->rpc))
		return fail("rpc");
	if (b->in.set.h.opcode == CXL_OP_SET_FEATURE) {
		retval = b->out.set.retval;
		if (!retval)
			printf("rpc: set ok\n");
	} else {
		retval = b->out.get.h.retval;
		if (!retval)
			printf("rpc: ok value=0x%08x\n", b->out.get.value);
	}
	if (retval) {
		printf("rpc: device retval=%u\n", retval);
		return 4;
	}
	return 0;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

static int cmd_victim(const char *dev, const char *value)
{
	char line[64];
	uint64_t v = 0;
	int fd;

	if (value && parse_u64(value, &v))
		return usage();
	fd = open(dev, O_RDWR);
	if (fd < 0)
		return fail("open");
	if (value)
		block_set(&blk, (uintptr_t)&blk, (uint32_t)v);
	else
		block_get(&blk, (uintptr_t)&blk);
	printf("ready pid=%d block=0x%" PRIxPTR " dumpable=%d\n", getpid(), (uintptr_t)&blk,
	       prctl(PR_GET_DUMPABLE));
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return fail("stdin");
	return block_issue(fd, &blk);
}

/* Write n bytes at addr of a tracee stopped by us, a word at a time. */
static int poke_words(pid_t pid, uint64_t addr, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < n; i += sizeof(long)) {
		long word;

		memcpy(&word, p + i, sizeof(word));
		if (ptrace(PTRACE_POKEDATA, pid, (void *)(uintptr_t)(addr + i), (void *)word))
			return -1;
	}
	return 0;
}

/* Seize, interrupt, write; then detach, or (stay) keep tracing until the
 * tracee exits, passing its signals on. */
static int poke_ptrace(pid_t pid, uint64_t addr, const struct block *b, int stay)
{
	int status, sig;

	if (ptrace(PTRACE_SEIZE, pid, NULL, NULL))
		return fail("poke: seize");
	if (ptrace(PTRACE_INTERRUPT, pid, NULL, NULL))
		return fail("poke: interrupt");
	if (waitpid(pid, &status, __WALL) != pid)
		return fail("poke: wait");
	if (poke_words(pid, addr, b, sizeof(*b)))
		return fail("poke: pokedata");
	printf("poke: ok via=%s\n", stay ? "stay" : "ptrace");
	fflush(stdout);
	if (!stay)
		return ptrace(PTRACE_DETACH, pid, NULL, NULL) ? fail("poke: detach") : 0;
	sig = 0;
	for (;;) {
		if (ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig))
			return fail("poke: cont");
		if (waitpid(pid, &status, __WALL) != pid)
			return fail("poke: wait");
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return 0;
		/* a group-stop or our interrupt: no signal to pass on */
		sig = WIFSTOPPED(status) && (status >> 16) == 0 ? WSTOPSIG(status) : 0;
		if (sig == SIGTRAP)
			sig = 0;
	}
}

static int cmd_poke(const char *pid_s, const char *addr_s, const char *value_s, const char *via)
{
	uint64_t pid, addr, value;
	struct block b;

	if (parse_u64(pid_s, &pid) || parse_u64(addr_s, &addr) || parse_u64(value_s, &value))
		return usage();
	block_set(&b, addr, (uint32_t)value);
	if (!strcmp(via, "ptrace") || !strcmp(via, "stay"))
		return poke_ptrace(pid, addr, &b, !strcmp(via, "stay"));
	if (!strcmp(via, "vm")) {
		struct iovec local = { &b, sizeof(b) };
		struct iovec remote = { (void *)(uintptr_t)addr, sizeof(b) };

		if (process_vm_writev(pid, &local, 1, &remote, 1, 0) != sizeof(b))
			return fail("poke: process_vm_writev");
	} else if (!strcmp(via, "mem")) {
		char path[64];
		int fd;

		snprintf(path, sizeof(path), "/proc/%" PRIu64 "/mem", pid);
		fd = open(path, O_RDWR);
		if (fd < 0)
			return fail("poke: open /proc/PID/mem");
		if (pwrite(fd, &b, sizeof(b), (off_t)addr) != sizeof(b))
			return fail("poke: write /proc/PID/mem");
		close(fd);
	} else {
		return usage();
	}
	printf("poke: ok via=%s\n", via);
	return 0;
}

/*
 * The kernel refuses a new exe while the old one is mapped
 * (replace_mm_exe_file): each mapping of this program's file becomes an
 * anonymous copy at the same address, moved over it in one mremap, so that
 * the code running here (the same bytes) goes on.
 */
static int unmap_own_exe(void)
{
	struct { unsigned long lo, hi; int prot; } r[32];
	char line[PATH_MAX + 128], perms[8], devs[16];
	unsigned long lo, hi, off, ino;
	unsigned int maj, mnr;
	struct stat self;
	int n = 0, i;
	FILE *f;

	if (stat("/proc/self/exe", &self))
		return -1;
	f = fopen("/proc/self/maps", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < 32) {
		if (sscanf(line, "%lx-%lx %7s %lx %15s %lu", &lo, &hi, perms, &off, devs, &ino) != 6 ||
		    sscanf(devs, "%x:%x", &maj, &mnr) != 2)
			continue;
		if (ino != self.st_ino || makedev(maj, mnr) != self.st_dev)
			continue;
		r[n].lo = lo;
		r[n].hi = hi;
		r[n].prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
			    (perms[2] == 'x' ? PROT_EXEC : 0);
		n++;
	}
	fclose(f);
	for (i = 0; i < n; i++) {
		size_t len = r[i].hi - r[i].lo;
		void *copy;

		if (!(r[i].prot & PROT_READ)) {
			if (mmap((void *)r[i].lo, len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
				 -1, 0) == MAP_FAILED)
				return -1;
			continue;
		}
		copy = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (copy == MAP_FAILED)
			return -1;
		memcpy(copy, (void *)r[i].lo, len);
		if (mprotect(copy, len, r[i].prot) ||
		    mremap(copy, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)r[i].lo) == MAP_FAILED)
			return -1;
	}
	return n ? 0 : (errno = ENOENT, -1);
}

/* /proc/self/stat, fields 26.. (after the comm's closing parenthesis). */
static int own_layout(struct prctl_mm_map *m)
{
	unsigned long long v[52] = { 0 };
	char buf[2048], *p;
	ssize_t n;
	int fd, i;

	fd = open("/proc/self/stat", O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p)
		return -1;
	/* field 3 (state) follows ") "; numbers from field 4 on */
	p += 4;
	for (i = 4; i <= 51 && *p; i++)
		v[i] = strtoull(p, &p, 10);
	memset(m, 0, sizeof(*m));
	m->start_code = v[26];
	m->end_code = v[27];
	m->start_stack = v[28];
	m->start_data = v[45];
	m->end_data = v[46];
	m->start_brk = v[47];
	m->brk = (unsigned long)syscall(SYS_brk, 0);
	m->arg_start = v[48];
	m->arg_end = v[49];
	m->env_start = v[50];
	m->env_end = v[51];
	return 0;
}

static int cmd_relabel(int map, const char *exe, const char *dev, const char *value)
{
	struct prctl_mm_map m;
	char now[PATH_MAX];
	struct block *b = &blk;
	uint64_t v = 0;
	int efd, dfd = -1;
	ssize_t n;

	if (dev && (!value || parse_u64(value, &v)))
		return usage();
	if (dev) {
		dfd = open(dev, O_RDWR);
		if (dfd < 0)
			return fail("open");
	}
	efd = open(exe, O_RDONLY);
	if (efd < 0)
		return fail("relabel: open");
	if (map && own_layout(&m))
		return fail("relabel: /proc/self/stat");
	if (unmap_own_exe())
		return fail("relabel: unmapping the own exe");
	if (map) {
		m.exe_fd = efd;
		if (prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&m, sizeof(m), 0))
			return fail("relabel");
	} else if (prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, efd, 0, 0)) {
		return fail("relabel");
	}
	n = readlink("/proc/self/exe", now, sizeof(now) - 1);
	now[n > 0 ? n : 0] = '\0';
	printf("relabel: ok exe=%s\n", now);
	fflush(stdout);
	if (!dev)
		return 0;
	block_set(b, (uintptr_t)b, (uint32_t)v);
	return block_issue(dfd, b);
}

/* Write s into the file at path (a uid_map, gid_map or setgroups). */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int cmd_userns(const char *dev, const char *value)
{
	char map[64], line[256], capeff[32] = "?";
	uid_t uid = getuid();
	gid_t gid = getgid();
	struct block *b = &blk;
	uint64_t v;
	FILE *st;
	int fd;

	if (parse_u64(value, &v))
		return usage();
	if (unshare(CLONE_NEWUSER)) {
		if (errno == EINVAL || errno == ENOSYS) {
			printf("userns: no (%s)\n", strerrorname_np(errno));
			return 3;
		}
		return fail("userns: unshare");
	}
	/* Root of the new namespace is this uid and gid outside it. */
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)uid);
	if (write_file("/proc/self/uid_map", map))
		return fail("userns: uid_map");
	if (write_file("/proc/self/setgroups", "deny"))
		return fail("userns: setgroups");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
	if (write_file("/proc/self/gid_map", map))
		return fail("userns: gid_map");
	st = fopen("/proc/self/status", "r");
	while (st && fgets(line, sizeof(line), st))
		if (sscanf(line, "CapEff: %31s", capeff) == 1)
			break;
	if (st)
		fclose(st);
	printf("userns: ok capeff=%s\n", capeff);
	fflush(stdout);
	fd = open(dev, O_RDWR);
	if (fd < 0)
		return fail("open");
	block_set(b, (uintptr_t)b, (uint32_t)v);
	return block_issue(fd, b);
}

static int cmd_mm_map(void)
{
	unsigned int size = 0;

	if (prctl(PR_SET_MM, PR_SET_MM_MAP_SIZE, (unsigned long)&size, 0, 0)) {
		if (errno == EINVAL) {
			printf("mm-map: no (EINVAL: a kernel without CONFIG_CHECKPOINT_RESTORE)\n");
			return 3;
		}
		return fail("mm-map");
	}
	printf("mm-map: yes size=%u\n", size);
	return 0;
}

/* Become uid/gid N and run args again, as a fresh exec by that user: of
 * this program's path, so that its comm is its name (not "exe"). */
static int become(const char *uid_s, char **args)
{
	char self[PATH_MAX];
	uint64_t uid;
	ssize_t n;

	if (parse_u64(uid_s, &uid))
		return usage();
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return fail("--uid: /proc/self/exe");
	self[n] = '\0';
	if (setgroups(0, NULL) || setgid((gid_t)uid) || setuid((uid_t)uid))
		return fail("--uid");
	execv(self, args);
	return fail("--uid: exec");
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--uid")) {
		char **args = calloc(argc - 1, sizeof(char *));
		int i;

		if (!args)
			return fail("calloc");
		args[0] = argv[0];
		for (i = 3; i < argc; i++)
			args[i - 2] = argv[i];
		return become(argv[2], args);
	}
	if (argc >= 3 && !strcmp(argv[1], "victim") && (argc == 3 || (argc == 5 &&
							       !strcmp(argv[3], "set"))))
		return cmd_victim(argv[2], argc == 5 ? argv[4] : NULL);
	if (argc == 6 && !strcmp(argv[1], "poke"))
		return cmd_poke(argv[2], argv[3], argv[4], argv[5]);
	if ((argc == 3 || argc == 5) &&
	    (!strcmp(argv[1], "relabel") || !strcmp(argv[1], "relabel-map")))
		return cmd_relabel(!strcmp(argv[1], "relabel-map"), argv[2],
				   argc == 5 ? argv[3] : NULL, argc == 5 ? argv[4] : NULL);
	if (argc == 4 && !strcmp(argv[1], "userns"))
		return cmd_userns(argv[2], argv[3]);
	if (argc == 2 && !strcmp(argv[1], "mm-map"))
		return cmd_mm_map();
	return usage();
}
