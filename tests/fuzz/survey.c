/*
 * survey.c: one survey export through csat-sum's reading (pl_csat_read,
 * the format detected as csat-sum does: Google Forms, Microsoft Forms,
 * LimeSurvey or Qualtrics CSV, and what looks like XML or a partial)
 * against samples/survey.xml, then the summary and the partial
 * aggregates that csat-sum --partial writes.  A file is read whole or
 * refused with a message; each input is a run of its own.
 */
#include <stdio.h>
#include <stdlib.h>

#include "csat.h"
#include "fuzz.h"

static struct pl_survey s;

static void
on_comment(void *user, const struct pl_csat_comment *cm)
{
	(void)user;
	pl_csat_write_comment(fuzz_null(), cm);
}

static const struct pl_csat_handler handler = { NULL, on_comment };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct pl_err e;

	(void)argc, (void)argv;
	if (pl_survey_load(&s, "samples/survey.xml", &e) < 0)
		fuzz_setup_failed(&e);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_csat *c;
	struct pl_csat_summary sum;
	struct pl_err e;

	FUZZ_ASSERT((c = pl_csat_new(&s, PL_CSAT_QUARTER, &handler, NULL,
	    &e)) != NULL);
	if (pl_csat_read(c, fuzz_path(data, size), PL_CSAT_DETECT, &e) < 0)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	FUZZ_ASSERT(pl_csat_summarise(c, &sum, &e) == 0);
	pl_csat_summary_release(&sum);
	FUZZ_ASSERT(pl_csat_write_partial(c, fuzz_null(), &e) == 0);
	pl_csat_free(c);
	return 0;
}
