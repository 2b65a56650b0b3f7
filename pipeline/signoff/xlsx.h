/*
 * xlsx.h: read the cells of an xlsx workbook, one row at a time, as
 * Excel, LibreOffice, WPS or openpyxl saved it.
 *
 * The zip is read through minizip, each XML part through libxml2's
 * streaming reader (xmlReaderForIO over the part as it is unzipped), so
 * a sheet is never held whole: memory holds one row, the workbook's list
 * of sheets and at most 1 MiB of its shared strings.  The shared strings
 * (the text cells of Excel, LibreOffice and most writers) are read when
 * the workbook is opened, into memory while they take up to 1 MiB, past
 * it all of them into a temporary database (tmpdb.h) with the short ones
 * looked up lately in 256 KiB of slots: where one table in memory took
 * po-signoff's peak from 8.8 MiB (10,000 findings, 1 MB of strings) to
 * 12.5 (96,000, 3.5 MB), it is 8.3 at both.  A workbook of more than
 * PL_XLSX_MAX_STRINGS bytes of them is refused.  Parts are found as the
 * package says (_rels/.rels, then the workbook's relationships), never
 * by a fixed name, and matched without regard to case (as OPC part names
 * are).
 *
 * Cells come as written: a shared string, an inline string (its rich-text
 * runs joined, phonetic runs left out) or a formula's cached text as
 * text; a number (a date is a number: its format is not read) as the
 * digits written; a boolean as 0 or 1; an ISO 8601 date cell (t="d") as
 * its text.  Rows and cells without their r attribute follow the one
 * before, as the format says.
 *
 * Safety as xml.h: XML_PARSE_NONET, never NOENT, DTDLOAD or HUGE, the
 * external-entity loader refuses, and a part with a DOCTYPE is refused
 * before any entity could be used.
 *
 * Ownership: pl_xlsx_open() returns a workbook freed by pl_xlsx_close();
 * names and cells it hands out are borrowed (names until the close,
 * cells until the row callback returns).
 */
#ifndef PL_XLSX_H
#define PL_XLSX_H

#include "err.h"

#define PL_XLSX_MAX_STRINGS (256UL << 20)	/* shared strings' text */
#define PL_XLSX_MAX_COLS 16384			/* Excel's XFD */

/* A cell: its column (0 for A), its type and its value (never NULL). */
struct pl_xlsx_cell {
	int col;
	char type;		/* 's' text, 'n' number, 'b' boolean,
				   'd' ISO date text, 'e' an error */
	const char *v;
};

struct pl_xlsx;

/*
 * Open the workbook at path (name is how messages call it), read its
 * sheets and shared strings.  NULL with e filled: PL_EXIT_IO when it
 * cannot be opened or its shared strings cannot be kept in the temporary
 * database (its folder full), PL_EXIT_DATA when it is no xlsx workbook
 * (not a zip, a part missing or not well-formed, shared strings past the
 * bound), PL_EXIT_INTERNAL when memory ran out.
 */
struct pl_xlsx *pl_xlsx_open(const char *path, const char *name,
    struct pl_err *e);
void pl_xlsx_close(struct pl_xlsx *x);

/* The worksheets in the workbook's order, and their names. */
int pl_xlsx_nsheets(const struct pl_xlsx *x);
const char *pl_xlsx_sheet_name(const struct pl_xlsx *x, int i);

/* Whether the workbook counts its dates from 1904 (date1904). */
int pl_xlsx_date1904(const struct pl_xlsx *x);

/* Called for each row that holds a cell: its number (1 first) and its n
 * cells, left to right.  Returns 0 to go on, 1 to stop reading the
 * sheet. */
typedef int pl_xlsx_row_fn(void *user, long row,
    const struct pl_xlsx_cell *c, int n);

/*
 * Read sheet i row by row.  0 when read to its end (or stopped by fn),
 * -1 with e filled (PL_EXIT_DATA: the part is missing or not
 * well-formed, a shared string's index is out of range; PL_EXIT_IO: the
 * temporary database of shared strings failed; PL_EXIT_INTERNAL:
 * memory).
 */
int pl_xlsx_rows(struct pl_xlsx *x, int i, pl_xlsx_row_fn *fn, void *user,
    struct pl_err *e);

/* "A1" for column col (0 first) and row into buf (at least 16 bytes). */
void pl_xlsx_ref(int col, long row, char *buf);

#endif
