// SPDX-License-Identifier: GPL-2.0-only
/* Where events were decided: host and policy (origin.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kernel/generation.h"
#include "ops/origin.h"

void fg_origins_init(struct fg_origins *o)
{
	memset(o, 0, sizeof(*o));
	if (gethostname(o->host, sizeof(o->host) - 1))
		o->host[0] = '\0';
}

const struct fg_event_origin *fg_origins_get(struct fg_origins *o, const struct fg_event_maps *m,
					     __u64 gen)
{
	struct fg_gen_header h;
	unsigned int i, k;
	int fd, ret;

	o->out = (struct fg_event_origin){ .host = o->host[0] ? o->host : NULL };
	for (i = 0; i < FG_ORIGIN_CACHE; i++)
		if (gen && o->gens[i].gen == gen)
			goto found;
	/* Only the active generation can be read back: one replaced before
	 * its events were read stays unnamed. */
	fd = fg_gen_active(m->gens, false, NULL);
	if (fd < 0)
		return &o->out;
	ret = fg_gen_header(fd, &h, NULL);
	close(fd);
	if (ret || !gen || h.gen != gen)
		return &o->out;
	i = o->next++ % FG_ORIGIN_CACHE;
	o->gens[i].gen = gen;
	memcpy(o->gens[i].name, h.name, sizeof(h.name));
	o->gens[i].name[sizeof(o->gens[i].name) - 1] = '\0';
	for (k = 0; k < sizeof(h.hash); k++)
		sprintf(o->gens[i].sha256 + 2 * k, "%02x", h.hash[k]);
found:
	o->out.policy = o->gens[i].name;
	o->out.sha256 = o->gens[i].sha256;
	return &o->out;
}
