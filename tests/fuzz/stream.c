/*
 * stream.c: a record stream through po-check's reading and review: the
 * documents of pl_docs_read (want PL_DOCS_PARSED, as po-check reads) each
 * reviewed by pl_check_order against samples/catalog.xml and
 * samples/rules.xml, then the capacity records.  A review that fails
 * without a ledger may only refuse the order's length (PL_EXIT_DATA).
 * Each input is a run of its own: nothing is carried to the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "docs.h"
#include "fuzz.h"

static struct pl_catalog *cat;
static struct pl_rules *rules;
static int today;

struct run {
	struct pl_check c;
	struct pl_buf out;
};

static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;

	if (pl_check_order(&r->c, &d->o, &r->out) < 0)
		FUZZ_ASSERT(r->c.err.status == PL_EXIT_DATA);
	fwrite(r->out.s, 1, r->out.len, fuzz_null());
	pl_buf_reset(&r->out);
}

static const struct pl_docs_handler handler = { on_doc, NULL, NULL, NULL };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_sample_refs(&cat, &rules, &today);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run r;
	struct pl_docs d;

	memset(&r, 0, sizeof(r));
	FUZZ_ASSERT(pl_check_init(&r.c, cat, rules, NULL, today) == 0);
	pl_buf_init(&r.out);
	pl_docs_init(&d, &handler, &r);
	d.want = PL_DOCS_PARSED;
	pl_docs_read(&d, fuzz_path(data, size));
	pl_docs_end(&d);
	FUZZ_ASSERT(pl_check_capacity(&r.c, fuzz_null()) == 0);
	pl_docs_release(&d);
	pl_buf_release(&r.out);
	pl_check_release(&r.c);
	return 0;
}
