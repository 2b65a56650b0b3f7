/*
 * confirm.h: the confirmation request, a printable page per order whose
 * special requirements the customer must confirm in writing (the
 * verdict's confirm says "written"; PROCEDURE.md step 3a), in English and
 * Chinese: what we understood (each requirement the review found, in the
 * customer's words where the finding quotes them), what we will do (the
 * decision, each changed line, each condition), and where to sign.
 *
 * It is a workbook (.xlsx) written through the workbook layer (book.h):
 * one A4 portrait sheet, page header and footer, rows as high as their
 * text, the temporary file verified and renamed, the same bytes for the
 * same input.
 */
#ifndef PL_CONFIRM_H
#define PL_CONFIRM_H

#include <time.h>

#include "err.h"
#include "respond.h"

/* A requirement to confirm: a finding of the review (ledger.h's
 * pl_ledger_finding).  All borrowed. */
struct pl_confirm_item {
	const char *pos;		/* the order line's position; NULL the
					 * order's */
	const char *field, *en, *zh;
};

/*
 * Write the confirmation request of the response r (its order, decision,
 * changed lines and notes) and the n requirements it[] to path: through a
 * temporary file beside it, renamed once whole.  created is the
 * workbook's created time.  sha256 gets the SHA-256 of the file written
 * (64 hex digits).  0, or -1 with e filled.
 */
int pl_confirm_write(const char *path, const struct pl_respond *r,
    const struct pl_confirm_item *it, size_t n, time_t created,
    char sha256[65], struct pl_err *e);

#endif
