// SPDX-License-Identifier: GPL-2.0-only
/* Who owns what in a checked program (ir.h), and freeing it. */
#include <stdlib.h>
#include <string.h>

#include "policy/ir.h"

void fg_ir_rule_release(struct fg_ir_rule *r)
{
	size_t i;

	for (i = 0; i < r->nnodes; i++)
		free(r->nodes[i]);
	for (i = 0; i < r->nparents; i++)
		free(r->parents[i]);
	for (i = 0; i < r->nserials; i++)
		free(r->serials[i]);
	for (i = 0; i < r->ncomms; i++)
		free(r->comms[i]);
	for (i = 0; i < r->nexes; i++)
		free(r->exes[i].path);
	for (i = 0; i < r->ncgroups; i++)
		free(r->cgroups[i].path);
	free(r->cmds);
	free(r->features);
	free(r->nodes);
	free(r->parents);
	free(r->serials);
	free(r->uids);
	free(r->euids);
	free(r->gids);
	free(r->comms);
	free(r->exes);
	free(r->cgroups);
	free(r->ioctls);
	free(r->regs);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

void fg_program_free(struct fg_program *prog)
{
	size_t i;

	if (!prog)
		return;
	for (i = 0; i < prog->nrules; i++)
		fg_ir_rule_release(&prog->rules[i]);
	free(prog->rules);
	for (i = 0; i < prog->nfiles; i++)
		free(prog->files[i]);
	free(prog->files);
	free(prog->flat);
	free(prog);
}
