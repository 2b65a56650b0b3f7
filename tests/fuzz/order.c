/*
 * order.c: one purchase-order document through po-parse's reading
 * (pl_parse_doc), its records (pl_order_format) and po-check's reading
 * back (pl_rec_read, pl_order_add_record).  An order that parses must
 * read back whole: every record it writes is read without error, with the
 * same order key and as many lines and items, and the order read back
 * holds no more memory than the parsed one, so every filter holds what
 * po-parse passed (PL_ORDER_MAX).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parse.h"
#include "rec.h"

static struct pl_parse p;
static struct pl_order back;
static struct pl_buf b;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (pl_parse_init(&p, 0) < 0)
		abort();
	pl_order_init(&back);
	pl_buf_init(&b);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp;
	int rc;

	if (pl_parse_doc(&p, fuzz_path(data, size), &e) < 0)
		return 0;
	pl_buf_reset(&b);
	FUZZ_ASSERT(pl_order_format(&p.r.o, &b) == 0);
	pl_order_reset(&back);
	FUZZ_ASSERT((fp = fmemopen(b.s, b.len, "r")) != NULL);
	pl_rec_reader_init(&r, fp, "records");
	while ((rc = pl_rec_read(&r, &e)) != PL_REC_EOF) {
		if (rc < 0)
			fprintf(stderr, "records:%ld: %s\n", e.line, e.msg);
		FUZZ_ASSERT(rc == PL_REC_RECORD);
		FUZZ_ASSERT(pl_order_add_record(&back, r.f, r.nf) == 0);
	}
	pl_rec_reader_release(&r);
	fclose(fp);
	FUZZ_ASSERT(back.nline == p.r.o.nline);
	FUZZ_ASSERT(back.nitem == p.r.o.nitem);
	FUZZ_ASSERT(back.used <= p.r.o.used);
	FUZZ_ASSERT(strcmp(back.f[PL_order_key], p.r.o.f[PL_order_key]) == 0);
	return 0;
}
