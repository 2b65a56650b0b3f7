/*
 * csatbook.h: the customer-satisfaction workbook (csat-sum), written with
 * libxlsxwriter in constant-memory mode.
 *
 * Sheets: Overview (responses, response rates, CSAT and NPS with their
 * intervals, each dimension with its change against the previous period,
 * a chart), By customer, By dimension and Trend (each with a chart),
 * Comments (verbatim, as their files are accepted) and Actions (what is
 * below the --alert threshold, with the department that owns it).  Every
 * figure shows its n; a figure with n below 5 is grey and marked.  Text
 * from the responses is always written as a string, never a formula.
 *
 * pl_csatbook_open() starts the workbook at a temporary path; comments
 * may be added while files are read; pl_csatbook_close() writes the
 * summary sheets and the file.  The caller verifies and renames it
 * (sheet.h: pl_book_verify()).
 */
#ifndef PL_CSATBOOK_H
#define PL_CSATBOOK_H

#include <time.h>

#include "csat.h"
#include "err.h"
#include "survey.h"

struct pl_csatbook_opts {
	int lang;		/* PL_LANG_* (sheet.h) */
	time_t created;		/* the workbook's created time */
	const char *tmpdir;	/* libxlsxwriter's temporary files */
	double alert;		/* CSAT share below which to act (0..1) */
};

struct pl_csatbook;

/* Start the workbook at path; s is borrowed until close.  NULL with e
 * filled. */
struct pl_csatbook *pl_csatbook_open(const char *path,
    const struct pl_csatbook_opts *opts, const struct pl_survey *s,
    struct pl_err *e);

/* One row of the Comments sheet. */
void pl_csatbook_comment(struct pl_csatbook *b,
    const struct pl_csat_comment *cm);

/* Write the summary sheets from sum (periods named by c) and close the
 * workbook; frees b.  0, or -1 with e filled. */
int pl_csatbook_close(struct pl_csatbook *b, const struct pl_csat *c,
    const struct pl_csat_summary *sum, struct pl_err *e);

#endif
