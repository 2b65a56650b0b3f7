/*
 * csat-csv.h: the survey exports in CSV, csat-sum's input adapter for
 * four dialects, read with libcsv in strict mode:
 *	Google Forms	a Timestamp (or 时间戳记) first, then Email Address
 *	Microsoft Forms	ID, Start time, Completion time, Email, Name first,
 *			under headers in the form's language
 *	LimeSurvey	id, submitdate, lastpage, startlanguage ... (UTF-8
 *			with a BOM; a row without submitdate was not sent)
 *	Qualtrics	three header rows (names, question texts, import
 *			ids); Finished and Status tell a real response from
 *			an unfinished one, a preview, a test or spam
 * The header row names the dialect (or the caller does) and says what
 * each column is: a column of the survey definition (survey.h), else one
 * of the dialect's own system columns; another column refuses the file.
 * A record is at most 1 MiB and 4,096 fields; a line break inside a
 * quoted field is one "\n" as typed.  A row that is not UTF-8, holds a
 * NUL byte, has more fields than the header, or no customer, no date or
 * an answer off its scale is bad: reported and skipped, the rest read.
 */
#ifndef PL_CSAT_CSV_H
#define PL_CSAT_CSV_H

#include "csat.h"
#include "err.h"
#include "input.h"

/*
 * Read the CSV export open as in (borrowed; the caller closes it) in
 * format (PL_CSAT_GOOGLE ... PL_CSAT_QUALTRICS, or PL_CSAT_DETECT to tell
 * it by the header), adding its responses to c (csat-int.h).  0 when the
 * file was read to its end, or -1 with e filled: PL_EXIT_DATA for
 * malformed CSV, a header that is not UTF-8 text, an unknown dialect, or
 * an empty file; PL_EXIT_IO when it cannot be read; PL_EXIT_CONFIG when
 * the header does not fit the survey definition; PL_EXIT_INTERNAL when
 * out of memory.
 */
int pl_csat_csv_read(struct pl_csat *c, struct pl_input *in, int format,
    struct pl_err *e);

#endif
