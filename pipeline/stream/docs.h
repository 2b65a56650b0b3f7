/*
 * docs.h: read record streams a document at a time, the way po-check,
 * po-sheet and po-ledger do.
 *
 * A document opens with its order record and holds the records after it
 * whose docid (field 3) is its docid: its lines, properties, notes,
 * documents, and what po-check added (findings, customer property, load,
 * changes, the verdict, the partials of po-check --map).  The handler
 * gets each document whole: the order model (order.h) with the added
 * records kept as items, and the verdict apart.  Records outside any
 * document (run, capacity, po-signoff's signoff and decision records,
 * whose docid names a document but which are none of it, kinds this
 * version does not know) and comments go to the handler as they come, in
 * order.
 *
 * No half document reaches the handler.  A document is damaged, reported
 * by its order key and dropped whole, when a line of it cannot be read,
 * when fewer or more line records come than its order record says (a cut
 * stream), when a record of another document stands inside it (a mixed
 * stream), when it passes the bounds of order.h, or, in a reviewed
 * stream, when it has no verdict.  A document record outside any document
 * is reported too.  An input that is no record stream at all (empty, XML,
 * gzip, CRLF line ends) or one at the wrong stage (see want) is reported
 * once and not read further.
 */
#ifndef PL_DOCS_H
#define PL_DOCS_H

#include "err.h"
#include "order.h"
#include "rec.h"

struct pl_docs;

struct pl_docs_handler {
	/* a whole document */
	void (*doc)(void *user, struct pl_docs *d);
	/* each record of a document as it came, and a comment inside one
	 * (nf 0, its line in f[0]) (may be NULL) */
	void (*record)(void *user, char *const *f, int nf);
	/* a record outside documents; a comment has nf 0 and its line in f[0] */
	void (*other)(void *user, char *const *f, int nf);
	/* a line or a document that could not be read (it is dropped) */
	void (*error)(void *user, const struct pl_err *e);
};

/* The stage a filter reads: what po-parse wrote, what po-check wrote
 * (a run record comes first and every document ends with its verdict;
 * a stream of records outside documents alone, as po-signoff writes, is
 * one too), or either. */
enum pl_docs_want { PL_DOCS_ANY, PL_DOCS_PARSED, PL_DOCS_REVIEWED };

struct pl_docs {
	struct pl_order o;	/* the document */
	const char *verdict[PL_verdict__N];	/* its verdict, if any */
	int have_verdict;
	int open, skip;
	const char *text;	/* in record(): the line as it came */
	size_t textlen;
	const struct pl_docs_handler *h;
	void *user;
	int want;		/* enum pl_docs_want, set after init */
	int reviewed;		/* a run record came */
	long nlines;		/* lines read, over every input */
	long at;		/* the open document's order record: its line */
	char name[256];		/* and the input it is in */
	int status;		/* the worst status reported */
};

void pl_docs_init(struct pl_docs *d, const struct pl_docs_handler *h,
    void *user);
void pl_docs_release(struct pl_docs *d);

/*
 * Read the stream at path ("-" is stdin).  Returns the worst status seen
 * (PL_EXIT_OK, PL_EXIT_DATA for malformed lines and damaged documents,
 * PL_EXIT_IO when the file cannot be opened or read).  The last document
 * of a file stays open, as the next file may go on with it;
 * pl_docs_end() hands it over.
 */
int pl_docs_read(struct pl_docs *d, const char *path);

/*
 * What pl_docs_read() does with each line, for a caller that reads the
 * lines itself (po-check --reduce reads its parts so, to check them as
 * they come): rc and e are what pl_rec_read() returned for the line r
 * holds (r->keep set when the handler has a record callback).  0 to go
 * on; -1 when the rest of the input is not to be read (an input that is
 * no stream, or one at the wrong stage, reported once).
 */
int pl_docs_feed(struct pl_docs *d, struct pl_rec_reader *r, int rc,
    const struct pl_err *e);

/* Whether records of kind k belong to a document (field 3 is its
 * docid): 1 a kind po-parse writes (line, prop, note, doc), 2 one
 * po-check adds (finding ... and the partials of po-check --map), 0 none
 * (order opens a document, and is none of these). */
int pl_docs_kind(const char *k);

/* Hand over the open document, if any, or report it damaged. */
void pl_docs_end(struct pl_docs *d);

#endif
