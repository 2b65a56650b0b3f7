/*
 * part.h: the parts po-check --map writes and po-check --reduce reads
 * back (issue 18), and the output both write.
 *
 * A part is a record stream that opens with a mappart record (its number
 * in the batch, of how many when known, the version, the day it was
 * reviewed for, the checksums of the catalog and the rules) and ends with
 * a mapend record (its documents and records, the CRC-32 and length of
 * every byte before it, the map's exit status, the checksums of the
 * reference files again, where its mapload records start).  Each
 * document in it follows a mapdoc record that says how many bytes, lines
 * and records its own records and the map's review of it take, so the
 * reduce takes a document as a block: it sums and counts it against the
 * mapend record, parses the order record and the partials of the review,
 * and copies the rest through (check.h).  After the documents come the
 * mapload records, the part's load per product and week, which the
 * reduce of a file reads ahead (pl_part_loads()).  Parts are numbered 1,
 * 2, ... in the batch's order: part 1 holds its first documents.  The
 * reduce reads them by number, whatever order it is given them in, and
 * refuses a part that is cut (no mapend at its end, fewer bytes or
 * records than it says), changed (its checksum, a document not what its
 * mapdoc says), doubled (two parts with one number, records after its
 * mapend), missing (a gap in the numbers), or made with other reference
 * files, naming it.
 *
 * Output (struct pl_out) goes to the standard output, or with -o to a
 * temporary file beside the file named (".NAME.XXXXXX", hidden from a
 * glob such as parts/NAME) that is renamed into place once whole: a task
 * that fails or is retried never leaves half a part under its name.
 */
#ifndef PL_PART_H
#define PL_PART_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"
#include "rec.h"

struct pl_out {
	FILE *fp;
	char *path;		/* -o FILE, or NULL: the standard output */
	char *tmp;		/* the temporary file, until renamed */
	int count;		/* set: count what is written (a part's
				   trailer says it) */
	struct XXH3_state_s *sum;	/* with count: the XXH3-64 of every
					   byte written, once one is */
	unsigned long long length, records;
	int bol;		/* the next byte starts a line */
	int failed;		/* a write failed (errno in err) */
	int err;
};

/* Open the output: path NULL or "-" is the standard output.  -1 with e
 * filled (PL_EXIT_IO) when the temporary file cannot be made. */
int pl_out_open(struct pl_out *w, const char *path, struct pl_err *e);

/* Write n bytes; with w->count set (after pl_out_open()), counting them,
 * their CRC and the records (lines not starting with '#').  0, or -1 once
 * a write failed. */
int pl_out_write(struct pl_out *w, const void *s, size_t n);

/*
 * Finish: with keep, flush, sync and rename the temporary file into place
 * (the standard output is flushed and closed); without, remove it.
 * PL_EXIT_OK, or PL_EXIT_IO with the reason said in e (and the temporary
 * file removed).
 */
int pl_out_close(struct pl_out *w, int keep, struct pl_err *e);

/* What a part's mappart and mapend records say. */
struct pl_part_info {
	long part, of;		/* of: 0 when not said */
	char version[32];
	char today[11];
	char cat_crc[9], rules_crc[9];
	unsigned long long cat_len, rules_len;
	/* mapend */
	unsigned long long documents, records, length;
	char checksum[17];	/* XXH3-64, 16 hex digits */
	int status;
	unsigned long long loads;	/* where its mapload records start;
					   0: none */
};

/* Append the mappart record of h to b; the mapend record of h with what
 * w counted and the map's status.  0, or -1 out of memory. */
int pl_part_header(struct pl_buf *b, const struct pl_part_info *h);
int pl_part_trailer(struct pl_buf *b, const struct pl_part_info *h,
    const struct pl_out *w, int status);
/* (h->loads: where the part's mapload records start, 0 when it has
 * none.) */

/* --part "K" or "K/N" (1 <= K <= N) into h's part and of: 0, or -1. */
int pl_part_arg(const char *s, struct pl_part_info *h);

/*
 * A document of a part, as pl_part_next() gives it: the bytes its mapdoc
 * record announces, borrowed until the next call.  own is the document's
 * records as they came (the order record first, each line with its
 * newline), review the map's review of it with its partials in place.
 */
struct pl_part_doc {
	const char *key, *docid;	/* as its mapdoc record says them */
	const char *own, *review;
	size_t ownlen, reviewlen;
	unsigned long long review_records;	/* the review's lines */
	size_t loads_at, loads_bytes;	/* its load records in the review */
	unsigned long long load_records;
	long line;			/* the line of its order record */
};

/* A part as the reduce reads it. */
struct pl_part {
	const char *path;	/* as given ("-": the standard input) */
	struct pl_part_info h;	/* its mappart record */
	FILE *fp;
	struct pl_rec_reader r;	/* the line pl_part_next() returned (lines
				   are numbered in it) */
	struct pl_part_doc doc;	/* the document it returned */
	char *buf;		/* what was read: buf[at..end) is not yet */
	size_t cap, at, end;	/* taken */
	int eof;
	int piped;		/* no trailer read ahead: not a file */
	unsigned long long before_end;	/* a file's bytes before its last
					   line */
	unsigned long long loads_at;	/* pl_part_loads() read up to */
	int open;
	struct XXH3_state_s *sum;	/* the XXH3-64 of what was read */
	unsigned long long length, records, documents;
};

/* What pl_part_next() returns for a document (besides PL_REC_*). */
enum { PL_PART_DOC = 3 };

/* The most bytes a document's own records, or its review, may take in a
 * part: a mapdoc record that says more is damaged. */
#define PL_PART_DOC_MAX (256ULL << 20)

/*
 * Look at a part before the reduce writes anything: read its mappart
 * record and, when it is a file, its mapend record at its end.  A part
 * that is no file (the standard input, a pipe) stays open for
 * pl_part_next(); a file is closed again.  0, or -1 with e naming it:
 * no part (PL_EXIT_DATA), cut (its end is no mapend record), or it
 * cannot be read (PL_EXIT_IO).
 */
int pl_part_probe(struct pl_part *p, const char *path, struct pl_err *e);

/*
 * The part in the file at path, its start read once: its mappart record
 * into h, then its mapcap records: each(ctx, sku, capacity, line) for
 * each in turn, whose -1 (with e) stops them.  0 once they are read (a
 * part may have none), or -1 with e: no part (as pl_part_probe() says
 * it), a record that cannot be read, or each failed.
 */
typedef int (*pl_part_cap)(void *ctx, const char *sku, double capacity,
    long line, struct pl_err *e);
int pl_part_caps(const char *path, struct pl_part_info *h, pl_part_cap each,
    void *ctx, struct pl_err *e);

/*
 * Whether part p was made for want (version, day, catalog and rules, as
 * a mappart record of this run would say them): 0, or -1 with e naming
 * the part and what differs (PL_EXIT_CONFIG).
 */
int pl_part_matches(const struct pl_part *p, const struct pl_part_info *want,
    struct pl_err *e);

/*
 * Sort the n parts by number and check that they are the parts 1 to n
 * of a batch: 0, or -1 with e naming a part given twice (or two with one
 * number), the first number missing, or a part that says the batch has
 * another number of parts (PL_EXIT_DATA).
 */
int pl_parts_order(struct pl_part **v, int n, struct pl_err *e);

/*
 * The reduce's parts v[0..n-1] (their paths set, the rest zero), before
 * it writes a byte: probe each, check each was made for want (with given
 * 0, want's day becomes the first part's: the day the maps reviewed for),
 * and put them in the batch's order.  Each problem is given to say
 * (pl_diag); PL_EXIT_OK, or the worst status said (PL_EXIT_USAGE for a
 * pipe among other parts: it can only be read once, in its turn).
 */
int pl_parts_plan(struct pl_part **v, int n, struct pl_part_info *want,
    int given, void (*say)(const struct pl_err *));

/*
 * The mapload records of part p (check.h), read ahead from the file
 * before its documents, the next piece of whole records (at most a MiB)
 * a call, into out (reset first), so that the reduce knows the part's
 * load per product and week before its lines.  Opens p again when it was
 * probed.  1 when it read a piece, 0 when there is no more (none for a
 * part read from a pipe, one without them, or one whose size is not
 * what its mapend record says), or -1 with e.
 */
int pl_part_loads(struct pl_part *p, struct pl_buf *out, struct pl_err *e);

/*
 * Read on in part p (opened again when it was probed): a line outside
 * documents, a comment or a record, comes back as pl_rec_read() gives it
 * (in p->r), the mappart and mapend records not; a document (its mapdoc
 * record and the bytes it announces) comes back as PL_PART_DOC, in
 * p->doc, its bytes read in a block, counted and summed, not parsed.
 * PL_REC_EOF once its mapend record came, last, and agrees with what was
 * read; -1 with e naming the part and line when it does not (a line that
 * cannot be read, records after the mapend, a part cut, a document
 * without its mapdoc record or not where it says), or it cannot be read.
 */
int pl_part_next(struct pl_part *p, struct pl_err *e);

void pl_part_close(struct pl_part *p);

#endif
