/*
 * csat-int.h: what csat.c shares with its input adapters (csat-csv.c,
 * csat-xml.c) and with csat-read.c, and no other file may see: the state of a summary, and the
 * three calls an adapter makes.  An adapter reads a file's responses one
 * at a time into c->values and c->texts (per question of c->s), hands
 * each to pl_csat_add_response(), reports a row it skips with
 * pl_csat_bad_row(), and counts a response the export tool marks as
 * unfinished in c->skipped.  Whether the file is then accepted or
 * rejected is csat.c's business: an adapter returns 0 or -1.
 */
#ifndef PL_CSAT_INT_H
#define PL_CSAT_INT_H

#include <stdio.h>

#include "buf.h"
#include "csat.h"
#include "err.h"
#include "seen.h"
#include "survey.h"
#include "xml.h"

/* A cell: the sums of one customer, dimension and month. */
struct cell {
	int cust, dim, per;
	struct pl_csat_stat st;
};

/* Cells by open addressing: those of the file being read, or of every
 * file accepted. */
struct agg {
	struct cell *cells;
	int n, cap;
	int *slot;		/* open addressing: cell index + 1 */
	int nslot;
	long *invited;		/* responses per invited entry */
};

/* A response being added: borrowed for the call. */
struct pl_csat_resp {
	const char *customer, *respondent;
	int day;
	long sec;		/* the time of day in seconds, or -1 */
};

struct pl_csat {
	const struct pl_survey *s;
	int period;
	const struct pl_csat_handler *h;
	void *user;
	char **cust;		/* customers, interned */
	int ncust, custcap;
	int *custslot;		/* cust index + 1 */
	int ncustslot;
	struct agg total, file;
	long bad, files, rejected, skipped;
	long repeats;		/* responses left out as repeats, all told */
	long repeats_here;	/* of them, those this run found */
	long file_repeats;	/* those of the file being read */
	long carried[5];	/* a partial's files, rejected, bad, skipped,
				 * repeats */
	struct pl_seen seen;	/* the responses read, to find repeats, by
				 * customer, respondent and day, with the
				 * time of day; marked after each file */
	struct pl_buf key;	/* the key of the response being added */
	FILE *spool;		/* the current file's comments */
	struct pl_xml xml;
	int xml_ready;
	/* the response being read */
	int *values;		/* per question; -1 none */
	const char **texts;	/* per question (comments) */
	struct pl_buf rbuf;	/* XML: the response's texts */
};

/*
 * Add the response r, whose answers are in c->values and c->texts, to the
 * cells of the file being read; a repeat of a response read before is
 * counted and left out.  0, or -1 with e filled (out of memory, the
 * comments' temporary file cannot be written): the file is then rejected.
 */
int pl_csat_add_response(struct pl_csat *c, const struct pl_csat_resp *r,
    const char *file, struct pl_err *e);

/* Count a bad row of file at line, skipped, and tell the handler why
 * (fmt and the rest, as printf). */
void pl_csat_bad_row(struct pl_csat *c, const char *file, long line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The date of s as pl_csat_date() reads it, and the time after it in
 * seconds into *sec: "9:12", "09:12:33" after a space or a T; -1 when it
 * states none.  0, or -1 when s is no date. */
int pl_csat_date_time(const char *s, int *day, long *sec);

/* What pl_csat_read() (csat-read.c) has csat.c do with a file: read a
 * partial stream (csat.h), then accept the file read (its cells added to
 * the whole, 0) or reject it (its cells dropped). */
int pl_csat_read_partial(struct pl_csat *c, struct pl_input *in,
    struct pl_err *e);
int pl_csat_accept_file(struct pl_csat *c, const char *file, int partial,
    struct pl_err *e);
void pl_csat_reject_file(struct pl_csat *c);

#endif
