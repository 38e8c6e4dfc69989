// SPDX-License-Identifier: GPL-2.0-only
/* Syslog priority prefixes for journald's stream (journal.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/atomic_file.h"
#include "util/journal.h"

static int cur_prio = FG_PRIO_AUTO;

/* The stream's state: the descriptor and whether the next byte starts a
 * line. */
struct prio_cookie {
	int fd;
	bool bol;
};

bool fg_journal_stream(int fd)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char tail;

	if (!e || sscanf(e, "%llu:%llu%c", &dev, &ino, &tail) != 2)
		return false;
	if (fstat(fd, &st))
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

int fg_prio(int prio)
{
	int old = cur_prio;

	cur_prio = prio < 0 ? FG_PRIO_AUTO : prio & LOG_PRIMASK;
	return old;
}

int fg_prio_of_line(const char *line, size_t len)
{
	if (memmem(line, len, "warning: ", 9))
		return LOG_WARNING;
	if (memmem(line, len, "note: ", 6))
		return LOG_NOTICE;
	return LOG_ERR;
}

void fg_prio_prefix(int prio, char *buf)
{
	buf[0] = '<';
	buf[1] = '0' + (prio & LOG_PRIMASK);
	buf[2] = '>';
	buf[3] = '\0';
}

static ssize_t prio_write(void *cookie, const char *buf, size_t size)
{
	struct prio_cookie *c = cookie;
	const char *p = buf, *end = buf + size, *nl;
	char prefix[4];

	while (p < end) {
		if (c->bol) {
			nl = memchr(p, '\n', end - p);
			fg_prio_prefix(cur_prio != FG_PRIO_AUTO ? cur_prio :
				       fg_prio_of_line(p, (nl ? nl : end) - p), prefix);
			if (fg_write_all(c->fd, prefix, 3))
				return -1;
			c->bol = false;
		}
		nl = memchr(p, '\n', end - p);
		if (fg_write_all(c->fd, p, (nl ? nl + 1 : end) - p))
			return -1;
		if (nl)
			c->bol = true;
		p = nl ? nl + 1 : end;
	}
	return size;
}

static int prio_close(void *cookie)
{
	free(cookie);
	return 0;
}

FILE *fg_prio_stream(int fd)
{
	static const cookie_io_functions_t io = { .write = prio_write, .close = prio_close };
	struct prio_cookie *c = calloc(1, sizeof(*c));
	FILE *f;

	if (!c)
		return NULL;
	c->fd = fd;
	c->bol = true;
	f = fopencookie(c, "w", io);
	if (!f) {
		free(c);
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}
