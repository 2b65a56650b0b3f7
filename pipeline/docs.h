/*
 * docs.h: read record streams a document at a time, the way po-check,
 * po-sheet and po-ledger do.
 *
 * A document opens with its order record and holds the records after it
 * whose docid (field 3) is its docid: its lines, properties, notes,
 * documents, and what po-check added (findings, customer property, load,
 * the verdict).  The handler gets each document whole: the order model
 * (order.h) with the added records kept as items, and the verdict apart.
 * Records outside any document (run, capacity, kinds this version does
 * not know) and comments go to the handler as they come, in order.  A
 * malformed line is reported, and the document it falls in is dropped
 * whole: no half document reaches the handler.
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
	/* a line that could not be read (the document is dropped) */
	void (*error)(void *user, const struct pl_err *e);
};

struct pl_docs {
	struct pl_order o;	/* the document */
	const char *verdict[PL_verdict__N];	/* its verdict, if any */
	int have_verdict;
	int open, skip;
	const char *text;	/* in record(): the line as it came */
	size_t textlen;
	const struct pl_docs_handler *h;
	void *user;
};

void pl_docs_init(struct pl_docs *d, const struct pl_docs_handler *h,
    void *user);
void pl_docs_release(struct pl_docs *d);

/*
 * Read the stream at path ("-" is stdin).  Returns the worst status seen
 * (PL_EXIT_OK, PL_EXIT_DATA for malformed lines, PL_EXIT_IO when the file
 * cannot be opened or read).  The last document of a file stays open, as
 * the next file may go on with it; pl_docs_end() hands it over.
 */
int pl_docs_read(struct pl_docs *d, const char *path);

/* Hand over the open document, if any. */
void pl_docs_end(struct pl_docs *d);

#endif
