/*
 * sheet.h: the contract-review workbook (schemas/PROCEDURE.md, "The review
 * record") written from the reviewed record stream with libxlsxwriter.
 *
 * Sheets: Summary (one row per order), Lines, Findings (with the sign-off
 * columns staff fill in, and each row's hidden identity: signoff.h),
 * Capacity, Capacity chart (the product-weeks over 80 % of capacity, at
 * most the 30 most loaded), one printable review record per special,
 * incomplete or rejected order (up to max_forms), and About.
 * The workbook is written in constant-memory mode: rows go out as the
 * documents come, so memory holds one document, never the batch.  A sheet
 * that reaches Excel's 1,048,576 rows goes on in "Lines (2)" and so on,
 * each right after the part it continues.
 *
 * Every text that came from a document is written as a string, never a
 * formula, and no hyperlink is made from document data.
 *
 * pl_sheet_open() starts the workbook at a temporary path; feed it the
 * run record, each document, each capacity record; pl_sheet_close()
 * writes it.  The caller verifies and renames the file (book.h:
 * pl_book_commit).  The cells, widths, heights and page setup are
 * book.h's.
 */
#ifndef PL_SHEET_H
#define PL_SHEET_H

#include <time.h>

#include "book.h"
#include "err.h"
#include "order.h"

struct pl_sheet_opts {
	int lang;		/* PL_LANG_* */
	int max_forms;		/* review records in this workbook */
	const char *tmpdir;	/* libxlsxwriter's temporary files */
	time_t created;		/* the workbook's created time */
	const char *forms_dir;	/* also one workbook per review record */
	int rows_max;		/* rows a sheet holds (Excel's limit;
				   smaller only to test the continuation) */
	int form_only;		/* internal: a workbook of one review record */
	const char *dept;	/* only the orders this department reviews,
				 * its own findings and in Lines the lines
				 * they are about (sales, ..., gm) */
	const char *buyer;	/* only the orders of this buyer (the order
				 * key's buyer part: pl_order_buyer) */
};

struct pl_sheet;

/* Start a workbook at path.  NULL with e filled. */
struct pl_sheet *pl_sheet_open(const char *path,
    const struct pl_sheet_opts *opts, struct pl_err *e);

/* The run record (po-check's first), fields as in records.md. */
int pl_sheet_run(struct pl_sheet *s, char *const *f, int nf);

/*
 * One reviewed document: o holds its order, lines, properties, notes and
 * documents, and (kept with pl_order_keep()) its findings and customer
 * property; verdict is its verdict record (PL_verdict__N fields, or NULL
 * when po-check did not review it).  0, or -1 with the error kept for
 * pl_sheet_close().
 */
int pl_sheet_doc(struct pl_sheet *s, const struct pl_order *o,
    const char *const *verdict);

/* Whether a number of the stream was one no cell can hold (infinite, not
 * a number, past Excel's 1E+308) and went in as text: 1 with w filled
 * (status 0, a warning to print once), else 0.  Before pl_sheet_close(). */
int pl_sheet_warning(const struct pl_sheet *s, struct pl_err *w);

/* One capacity record. */
int pl_sheet_capacity(struct pl_sheet *s, char *const *f, int nf);

/* Finish and write the workbook; frees s.  0, or -1 with e filled. */
int pl_sheet_close(struct pl_sheet *s, struct pl_err *e);

#endif
