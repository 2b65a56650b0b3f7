/*
 * signoff.c: a signed review workbook through po-signoff's reading
 * (pl_signoff_read over xlsx.c's zip and XML reader), then the decision
 * records (pl_signoff_end).  A workbook is read, whole or with rows
 * refused (each with a message naming its cell), or refused whole with a
 * message; what it writes is a record stream that the stream's reader
 * takes without an error.  Each input is a run of its own.  The seeds
 * are workbooks tests/fuzz/signoff-seeds.py makes (corpus.sh), their
 * parts stored, not deflated, so that mutations reach the XML.
 */
#define _GNU_SOURCE		/* open_memstream, fmemopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "rec.h"
#include "signoff.h"

static int today;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct pl_err e;

	(void)argc, (void)argv;
	if (pl_date_today("2026-12-10", &today, &e) < 0)
		fuzz_setup_failed(&e);
	return 0;
}

/* A refused cell: its message names the workbook and says why. */
static void
on_refuse(void *user, const struct pl_err *e)
{
	int *n = user;

	FUZZ_ASSERT(e->status == PL_EXIT_DATA && e->msg[0] != '\0');
	(*n)++;
}

/* The records written are a stream the reader takes whole. */
static void
check_stream(const char *s, size_t len)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp;
	int k;

	if (len == 0)
		return;
	FUZZ_ASSERT((fp = fmemopen((void *)s, len, "r")) != NULL);
	pl_rec_reader_init(&r, fp, "out");
	while ((k = pl_rec_read(&r, &e)) > 0)
		FUZZ_ASSERT(k == PL_REC_COMMENT ||
		    strcmp(r.f[0], "signoff") == 0 ||
		    strcmp(r.f[0], "decision") == 0);
	if (k < 0)
		fprintf(stderr, "%s:%ld: %s\n", e.file, e.line, e.msg);
	FUZZ_ASSERT(k == 0);
	pl_rec_reader_release(&r);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_signoff *s;
	struct pl_err e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;
	int rc, refused = 0;

	FUZZ_ASSERT((s = pl_signoff_new(today, &e)) != NULL);
	FUZZ_ASSERT((fp = open_memstream(&out, &len)) != NULL);
	fputs(PL_REC_HEADER "\n", fp);
	pl_err_clear(&e);
	rc = pl_signoff_read(s, fuzz_path(data, size), "fuzz.xlsx", fp,
	    on_refuse, &refused, &e);
	/* rc counts the rows refused; a row may be refused for several
	 * cells, each said */
	if (rc < 0)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	else
		FUZZ_ASSERT(rc <= refused && (rc == 0) == (refused == 0));
	FUZZ_ASSERT(pl_signoff_end(s, fp, &e) == 0);
	FUZZ_ASSERT(fclose(fp) == 0);
	check_stream(out, len);
	free(out);
	pl_signoff_free(s);
	return 0;
}
