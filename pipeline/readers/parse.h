/*
 * parse.h: read one purchase-order document into the order model.
 *
 * The standard is told from the root element and its namespace URI:
 * OASIS UBL 2.0 to 2.4 Order, OrderChange and OrderCancellation (Peppol
 * BIS Ordering 3 and its national variants share them), cXML OrderRequest
 * (new, update, delete), openTRANS 2.1 ORDER and Order-X (UN/CEFACT Cross
 * Industry Order) are read; other documents of those families are
 * recognised and rejected with a message saying what they are.  The
 * standards' schemas are not used to validate: what a document lacks is
 * po-check's business.
 *
 * This is the dispatcher: a table of root elements, each naming its
 * standard's reader (reader.h; ubl.h, cxml.h, opentrans.h, orderx.h).
 * One struct pl_parse serves a run; pl_parse_doc() resets it per document.
 */
#ifndef PL_PARSE_H
#define PL_PARSE_H

#include "err.h"
#include "reader.h"

#define PL_PARSE_MAX_STD 8	/* readers a run keeps a state for */

struct pl_parse {
	struct pl_reader r;	/* the document last read: r.o, its
				   warnings r.warn; set r.attach to store
				   embedded attachments */
	const struct pl_reader_std *std;	/* the document's reader */
	void *state;		/* and its state */
	const struct pl_reader_std *stds[PL_PARSE_MAX_STD];	/* each reader */
	void *states[PL_PARSE_MAX_STD];	/* and its state, for the run */
	int nstd;
};

/* max_size bounds a document after decompression; 0 for the default. */
int pl_parse_init(struct pl_parse *p, unsigned long long max_size);
void pl_parse_release(struct pl_parse *p);

/*
 * Read the document at path ("-" is stdin) into p->r.o, finished
 * (order.h).  Returns 0, or -1 with e filled: PL_EXIT_IO when it cannot be
 * opened or read, PL_EXIT_DATA when its content is rejected (not
 * well-formed, not an order, over a limit), PL_EXIT_INTERNAL when memory
 * ran out.  Warnings about what could be read only in part are in
 * p->r.warn either way.
 */
int pl_parse_doc(struct pl_parse *p, const char *path, struct pl_err *e);

#endif
