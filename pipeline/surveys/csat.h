/*
 * csat.h: customer-satisfaction survey responses, from the exports form
 * tools write, summarised in a streaming way (schemas/PROCEDURE.md step 6).
 *
 * Each input format has an adapter that turns a file into responses (the
 * long table: respondent, customer, date, and per question a value or a
 * text): Google Forms CSV, Microsoft Forms CSV (headers in any language),
 * LimeSurvey CSV (UTF-8 with a BOM, codes), Qualtrics CSV (three header
 * rows), read with libcsv in strict mode (csat-csv.h), and csat-sum's own
 * XML (schemas/responses.xsd; csat-xml.h).  This module detects the
 * format, adds the responses up and reads and writes partial aggregates;
 * the intervals of the summary are stats.h's.
 *
 * Responses are added up at once into cells keyed by (customer, dimension,
 * period): count, sum, sum of squares, top-two-box answers, promoters and
 * detractors.  Memory grows with customers x dimensions x periods, never
 * with responses.  A file's cells are kept apart until the file has been
 * read whole: a file rejected half-way (malformed CSV) adds nothing.
 * Comments go to a temporary file as they come and are handed to the
 * caller once their file is accepted, so they are never held in memory.
 *
 * Use: pl_csat_new(); pl_csat_read() each file; pl_csat_summary(); then
 * pl_csat_free().
 */
#ifndef PL_CSAT_H
#define PL_CSAT_H

#include <stdio.h>

#include "err.h"
#include "survey.h"

enum pl_csat_format {
	PL_CSAT_DETECT, PL_CSAT_GOOGLE, PL_CSAT_MSFORMS, PL_CSAT_LIMESURVEY,
	PL_CSAT_QUALTRICS, PL_CSAT_XML, PL_CSAT_PARTIAL
};

enum pl_csat_period { PL_CSAT_MONTH, PL_CSAT_QUARTER };

/* The format named s ("google", "msforms", "limesurvey", "qualtrics",
 * "xml", "partial"), or -1; and a format's name. */
int pl_csat_format(const char *s);
const char *pl_csat_format_name(int format);

/* The sums of one cell or of a sum of cells, from which stats.h computes
 * the estimates and their intervals. */
struct pl_csat_stat {
	long n;			/* answers */
	double sum, sumsq;	/* of the values */
	long top2;		/* answers in the scale's top two boxes */
	long promoters;		/* recommend: 9 or 10 */
	long detractors;	/* recommend: 0 to 6 */
};

/* Add b into a. */
void pl_csat_stat_add(struct pl_csat_stat *a, const struct pl_csat_stat *b);

/* A comment, as handed to the caller (all borrowed for the call). */
struct pl_csat_comment {
	const char *customer, *respondent, *question;
	int day;		/* date.h day number */
	int lowest;		/* the response's lowest rated answer; -1 none */
	const char *text;
};

struct pl_csat_handler {
	/* a bad row, skipped: e->file, e->line, e->msg */
	void (*bad)(void *user, const struct pl_err *e);
	/* a comment of an accepted file */
	void (*comment)(void *user, const struct pl_csat_comment *c);
};

struct pl_csat;

/* Start; period is PL_CSAT_MONTH or _QUARTER.  s is borrowed for the
 * life of the result.  NULL with e filled. */
struct pl_csat *pl_csat_new(const struct pl_survey *s, int period,
    const struct pl_csat_handler *h, void *user, struct pl_err *e);
void pl_csat_free(struct pl_csat *c);

/*
 * Read the file at path ("-" is stdin) in format (PL_CSAT_DETECT to
 * detect it).  Bad rows go to the handler, are counted and skipped.
 * Returns 0 when the file was read whole (its responses and comments
 * added), or -1 with e filled and nothing of the file added:
 * PL_EXIT_DATA for malformed CSV or XML, PL_EXIT_IO when it cannot be
 * read, PL_EXIT_CONFIG when the file does not fit the survey definition
 * (a column it does not name, no customer column, an unknown question).
 */
int pl_csat_read(struct pl_csat *c, const char *path, int format,
    struct pl_err *e);

/*
 * Partial aggregates (--partial; schemas/records.md, csatcomment to
 * csatpart): the caller writes the stream header, then each comment as the
 * handler is given it with pl_csat_write_comment(), and after the last
 * file pl_csat_write_partial() writes the rest: csatinvited, csatcell
 * (cells by customer and month, whatever the period) and the closing
 * csatpart with the counts of files, bad rows and skipped responses.
 * pl_csat_read() reads such a stream back (detected by its '#' first
 * byte, or PL_CSAT_PARTIAL) and adds it as if its files had been read
 * here: the merged summary equals the one-run summary.  A partial must
 * come from the same survey definition (its CRC-32 and length).
 * Both writers return 0, or -1 (errno set; e filled by the second).
 */
int pl_csat_write_comment(FILE *fp, const struct pl_csat_comment *cm);
int pl_csat_write_partial(struct pl_csat *c, FILE *fp, struct pl_err *e);

/*
 * Responses given twice (the same customer, respondent and day, and the
 * same time of day when both state one) count once: the later ones are
 * left out and counted, here and in a partial.  A response without a
 * respondent, or with "anonymous", cannot be told and always counts.
 * The repeats this run found in the files it accepted (not those a
 * partial carried in).
 */
long pl_csat_repeats(const struct pl_csat *c);

/*
 * The responses read are kept in a temporary database (seen.h), so that
 * memory stays flat however many are read.  When it failed (its folder
 * full, say), why, borrowed until pl_csat_free(): from then on no repeat
 * was found, every response counted; NULL when it held.
 */
const struct pl_err *pl_csat_lost(const struct pl_csat *c);

/* The summary: the cells added up by customer, by period and in all.
 * Dimension index d runs over the survey's dimensions, then
 * PL_CSAT_REC(s) (the recommend question) and PL_CSAT_RESP(s) (responses:
 * n only). */
#define PL_CSAT_REC(s) ((s)->ndims)
#define PL_CSAT_RESP(s) ((s)->ndims + 1)
#define PL_CSAT_NDIM(s) ((s)->ndims + 2)

struct pl_csat_summary {
	int nd;			/* PL_CSAT_NDIM */
	int ncust;
	const char **cust;	/* sorted by their bytes; borrowed from c */
	int nper;
	int *per;		/* sorted period numbers */
	struct pl_csat_stat *by_cust;	/* [cust * nd + d] */
	struct pl_csat_stat *by_per;	/* [per * nd + d] */
	struct pl_csat_stat *all;	/* [d] */
	long *invited_responses;	/* per survey invited entry */
	long bad;		/* bad rows skipped */
	long files, rejected;	/* files read whole, files rejected */
	long skipped;		/* responses left out: unfinished, preview */
	long repeats;		/* responses left out as repeats */
};

/* Build the summary of everything read (freed with
 * pl_csat_summary_release()).  0, or -1 with e filled (out of memory). */
int pl_csat_summarise(struct pl_csat *c, struct pl_csat_summary *sum,
    struct pl_err *e);
void pl_csat_summary_release(struct pl_csat_summary *sum);

/* A period number as "2026-Q1" or "2026-03" into buf (at least 12). */
void pl_csat_period_name(const struct pl_csat *c, int per, char *buf);

/* Read a response date: "2026-03-04 09:12:33", "2026/3/4 9:12",
 * "3/4/2026 9:12:33", "3/4/26 9:12" (month first, as US exports write
 * it), "2026-03-04T09:12:33Z".  0 with *day set, or -1. */
int pl_csat_date(const char *s, int *day);

#endif
