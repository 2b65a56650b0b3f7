/*
 * book.h: the workbook layer the three workbooks share (po-sheet's
 * review, csat-sum's summary, po-property's register), over libxlsxwriter
 * in constant-memory mode.
 *
 * It does what each workbook would otherwise do for itself:
 *   - a deterministic open: the created time is given (0 is mapped to 1,
 *     as libxlsxwriter takes 0 for "now"), so the same input gives the
 *     same bytes;
 *   - typed cells: a number is written only when it is finite and within
 *     Excel's range, else as text and counted for one warning
 *     (pl_book_warning); text is written only when it is valid UTF-8
 *     (else its bytes that are not are replaced by U+FFFD and counted);
 *   - column widths and row heights from the text of the cells: a column
 *     is declared with the widest it may grow, a wrapped cell's text
 *     breaks at its column's width (words, or any CJK character; a CJK
 *     character takes two widths), and each row is given the height of
 *     its tallest cell before the next row starts (constant-memory mode
 *     writes a row once it is left, and LibreOffice, like libxlsxwriter,
 *     does not fit rows to wrapped text);
 *   - page setup for every sheet: A4, portrait or landscape, one page
 *     wide, the header rows repeated on each page, a header with the
 *     workbook's and the sheet's (or the order's) name and a footer with
 *     the page number, in the workbook's language, '&' doubled;
 *   - the temporary file beside the target, verified and renamed
 *     (pl_book_tmpfile, pl_book_commit), so a failure leaves an older
 *     file byte-identical.
 *
 * Rows go strictly down, as constant-memory mode needs: a sheet has a
 * current row; cells go into it in any column order; pl_book_next()
 * closes it (sets its height) and starts the next.  A sheet's columns are
 * declared before its first row.  The layer keeps the first libxlsxwriter
 * error with what was being written; pl_book_close() reports it.
 *
 * Ownership: pl_book_open() returns a book freed by pl_book_close(); the
 * sheets and formats it hands out are the book's and live until then.
 * Strings passed in are copied.
 */
#ifndef PL_BOOK_H
#define PL_BOOK_H

#include <time.h>

#include <xlsxwriter.h>

#include "err.h"

enum { PL_LANG_EN, PL_LANG_ZH, PL_LANG_BOTH };

/* Excel's largest number, and rows per sheet. */
#define PL_BOOK_MAXNUM 9.99999999999999e307
#define PL_BOOK_ROWS 1048576

struct pl_book_opts {
	int lang;		/* PL_LANG_*: the header and footer words */
	time_t created;		/* the workbook's created time; 0 is 1 */
	const char *tmpdir;	/* libxlsxwriter's temporary files */
	const char *title;	/* the document's title property */
	const char *name_en;	/* the workbook's name in page headers */
	const char *name_zh;
};

/* How a sheet prints. */
struct pl_book_page {
	int landscape;		/* else portrait */
	int repeat;		/* rows repeated at the top of each page
				   (the header row: 1); 0 none */
	const char *name;	/* in the page header; NULL: the sheet's */
	int filter;		/* an autofilter over the header row */
};

/* A column: the width it may grow to (in Excel's character widths), and
 * whether it keeps that width (fixed) or shrinks to its widest text. */
struct pl_book_col {
	double width;
	int fixed;
};

struct pl_book;
struct pl_book_sheet;

/* Start a workbook at path (a temporary file: pl_book_tmpfile).  NULL
 * with e filled. */
struct pl_book *pl_book_open(const char *path, const struct pl_book_opts *o,
    struct pl_err *e);

/* The workbook, for formats and charts (they are the book's). */
lxw_workbook *pl_book_workbook(struct pl_book *b);

/* A new format that wraps and aligns to the top, as every text cell of
 * the layer does; the caller adds to it.  The book's. */
lxw_format *pl_book_format(struct pl_book *b);

/* A sheet named after name (made valid and unique by pl_book_name),
 * printed as pg says, with ncol columns as cols says (copied).  NULL
 * with the error kept for pl_book_close(). */
struct pl_book_sheet *pl_book_sheet(struct pl_book *b, const char *name,
    const struct pl_book_page *pg, const struct pl_book_col *cols,
    int ncol);

/* Place sh right after prev, and after the sheets placed there before it,
 * in the workbook's order of sheets (a continuation "Lines (2)" after
 * "Lines", whatever sheets were made between them); when prev itself
 * follows another, after that one's.  Otherwise sheets stand in the
 * order they were made.  The order is set in pl_book_close(). */
void pl_book_after(struct pl_book_sheet *sh, struct pl_book_sheet *prev);

/* The name the sheet was given (the book's). */
const char *pl_book_sheet_name(const struct pl_book_sheet *sh);

/* A valid name from want into buf, unique among the book's sheets (at
 * most 31 bytes cut on a character, none of []:*?/\' or controls, not
 * Excel's reserved "History"; "NAME (2)" when taken). */
void pl_book_name(const struct pl_book *b, const char *want, char buf[32]);

/* The libxlsxwriter sheet, for what the layer does not do (freeze panes,
 * charts, validation, conditional formats). */
lxw_worksheet *pl_book_ws(struct pl_book_sheet *sh);

/* Hide columns c1..c2 of the sheet (one range a sheet): cells a program
 * reads back, such as Findings' identity.  They are not shown, not
 * printed, and no part of a row's height or of the widths. */
void pl_book_hide(struct pl_book_sheet *sh, int c1, int c2);

/* The current row (0 first). */
int pl_book_row(const struct pl_book_sheet *sh);

/*
 * Cells of the current row.  f NULL is the layer's wrapped text format.
 * pl_book_text: text (nothing for NULL or ""), always a string cell,
 * never a formula.  pl_book_num: a number (text when not finite or past
 * Excel's range, counted).  pl_book_number: a number as text states it
 * ("12.5"), text when it is not one.  pl_book_date: a YYYY-MM-DD date as
 * a date cell in format f (text when it is not a date).  pl_book_merge:
 * text over columns c1..c2 of the current row.  Each returns 0, or -1
 * with the error kept.
 */
int pl_book_text(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f);
int pl_book_num(struct pl_book_sheet *sh, int col, double v, lxw_format *f);
int pl_book_number(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f);
int pl_book_date(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f);
int pl_book_merge(struct pl_book_sheet *sh, int c1, int c2, const char *t,
    lxw_format *f);

/* Empty cells over rows current..current+n-1 and columns c1..c2 merged
 * in format f (a box to write in); the current row becomes the one after
 * them. */
int pl_book_box(struct pl_book_sheet *sh, int c1, int c2, int n,
    lxw_format *f);

/* A space to write in: cells c1..c2 of the current row empty in format
 * f (merged when more than one), the row at least lines lines of text
 * tall. */
int pl_book_blank(struct pl_book_sheet *sh, int c1, int c2, int lines,
    lxw_format *f);

/* The current row, left empty, becomes a gap of pt points between the
 * parts of a form; the row after it is current. */
int pl_book_gap(struct pl_book_sheet *sh, double pt);

/* Close the current row (its height from its cells) and start the next;
 * n > 1 leaves n - 1 empty rows between. */
int pl_book_next(struct pl_book_sheet *sh, int n);

/* Which rows of the sheet the header rows are (repeated when printed):
 * the current row once more lines were written before them (a title). */
void pl_book_repeat_here(struct pl_book_sheet *sh, int n);

/* Print the sheet on one page when, scaled down to no less than least
 * (0.75: a text of 11 points at 8.25), it fits one; else one page wide on
 * as many as it takes.  Its rows' heights decide, once all are written. */
void pl_book_fit_page(struct pl_book_sheet *sh, double least);

/* Whether a number of the workbook was one no cell can hold, or a text
 * not UTF-8: 1 with w filled (status 0, a warning to print once), else 0.
 * Before pl_book_close(). */
int pl_book_warning(const struct pl_book *b, struct pl_err *w);

/* Keep rc, a library error met writing where, when it is the book's first
 * (pl_book_close() reports it).  0 when rc is no error, else -1. */
int pl_book_ok(struct pl_book *b, lxw_error rc, const char *where);

/* Whether an error is kept: 1 or 0. */
int pl_book_failed(const struct pl_book *b);

/* Finish every sheet (widths, filters), write the workbook, free b.  0,
 * or -1 with e filled (the first error, with what was being written). */
int pl_book_close(struct pl_book *b, struct pl_err *e);

/* --- measuring text (exposed for the unit test) ---------------------- */

/* The width t takes on one line: a CJK or other wide character (U+1100
 * and up, but for the punctuation and symbols that are narrow) counts 2,
 * others 1; the widest of its lines when it holds newlines. */
double pl_book_width(const char *t);

/* The lines t takes when wrapped at width (words broken only when one
 * is wider than a line; CJK text breaks between any two characters). */
int pl_book_lines(const char *t, double width);

/* The height in points of a row whose tallest cell takes lines lines of
 * text of size pt (11 when 0), with cjk when any holds CJK text. */
double pl_book_height(int lines, double pt, int cjk);

/* Whether t is valid UTF-8 (no overlong forms, no surrogates, nothing
 * past U+10FFFF) of n bytes: 1 or 0. */
int pl_book_utf8(const char *t, size_t n);

/* --- the file --------------------------------------------------------- */

/*
 * Where a workbook for out is written first: a new empty file
 * "DIR/.PREFIX.XXXXXX" beside out (mode as open() would give), so the
 * rename is atomic.  Refuses an out that exists and is not a regular
 * file.  Returns the path (the caller frees it), or NULL with e filled.
 */
char *pl_book_tmpfile(const char *out, const char *prefix, struct pl_err *e);

/*
 * Check that the file at path is a whole zip archive (its central
 * directory, each entry's local header, sizes and CRC, a sheet's closing
 * tag): libxlsxwriter reports success even when its temporary folder
 * filled up.  0, or -1 with e filled.
 */
int pl_book_verify(const char *path, struct pl_err *e);

/* Verify the finished workbook at tmp and rename it to out; on failure
 * tmp is removed.  0, or -1 with e filled. */
int pl_book_commit(const char *tmp, const char *out, struct pl_err *e);

/* Rename a finished file of another kind (po-respond's XML answers),
 * made with pl_book_tmpfile, to out; on failure tmp is removed.  0, or
 * -1 with e filled. */
int pl_book_rename(const char *tmp, const char *out, struct pl_err *e);

#endif
