// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kernel/kfuncs.h"

#define BTF_DIR	"/sys/kernel/btf"

static void mark(const struct btf *btf, const char *const *names, size_t n, bool *found)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!found[i] && btf__find_by_name_kind(btf, names[i], BTF_KIND_FUNC) >= 0)
			found[i] = true;
}

int fg_kernel_funcs(const char *const *names, size_t n, bool *found, struct fg_err *err)
{
	struct btf *vmlinux, *mod;
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	memset(found, 0, n * sizeof(*found));
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return fg_errf(err, -errno, "cannot read the kernel's BTF (%s/vmlinux)", BTF_DIR);
	mark(vmlinux, names, n, found);
	/* Modules' BTF is split: it needs the kernel's as its base. */
	d = opendir(BTF_DIR);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", BTF_DIR, de->d_name);
		mod = btf__parse_split(path, vmlinux);
		if (!mod)
			continue;	/* unloaded meanwhile */
		mark(mod, names, n, found);
		btf__free(mod);
	}
	if (d)
		closedir(d);
	btf__free(vmlinux);
	return 0;
}
