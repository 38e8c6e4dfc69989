// SPDX-License-Identifier: GPL-2.0-only
/* struct fwctl_device's ops offset, computed and from BTF (fwctl_layout.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kernel/fwctl_layout.h"

/* The members of struct fwctl_device before ops (include/linux/fwctl.h,
 * 6.15 to 7.3), as bpf/fwctl_file.bpf.h adds them up. */
static const char *const before_ops[] = {
	"device", "cdev", "mutex", "list_head", "rw_semaphore",
};

static __s64 type_size(const struct btf *btf, const char *name)
{
	__s32 id = btf__find_by_name_kind(btf, name, BTF_KIND_STRUCT);

	return id < 0 ? -ENOENT : btf__resolve_size(btf, id);
}

/* The byte offset of member "ops" of struct fwctl_device in btf, or 0. */
static __u32 ops_offset(const struct btf *btf)
{
	const struct btf_member *m;
	const struct btf_type *t;
	__s32 id;
	int i;

	id = btf__find_by_name_kind(btf, "fwctl_device", BTF_KIND_STRUCT);
	if (id < 0)
		return 0;
	t = btf__type_by_id(btf, id);
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), "ops"))
			return btf_member_bit_offset(t, i) / 8;
	return 0;
}

int fg_fwctl_layout(struct fg_fwctl_layout *l, struct fg_err *err)
{
	struct btf *vmlinux, *mod;
	unsigned int i;
	__s64 size;

	memset(l, 0, sizeof(*l));
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return fg_errf(err, -errno, "cannot read the kernel's BTF (/sys/kernel/btf/vmlinux)");
	for (i = 0; i < sizeof(before_ops) / sizeof(before_ops[0]); i++) {
		size = type_size(vmlinux, before_ops[i]);
		if (size < 0) {
			btf__free(vmlinux);
			return fg_err_set(err, -ENOENT, "the kernel's BTF has no struct %s",
					  before_ops[i]);
		}
		l->computed += (__u32)size;
	}
	l->btf = ops_offset(vmlinux);
	if (l->btf) {
		snprintf(l->btf_from, sizeof(l->btf_from), "vmlinux");
	} else {
		mod = btf__load_module_btf("fwctl", vmlinux);
		if (mod) {
			l->btf = ops_offset(mod);
			if (l->btf)
				snprintf(l->btf_from, sizeof(l->btf_from), "fwctl module");
			btf__free(mod);
		}
	}
	btf__free(vmlinux);
	return 0;
}
