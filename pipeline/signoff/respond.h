/*
 * respond.h: the answer to the customer (PROCEDURE.md step 4; issue 14),
 * an order response in the order's own standard, built from the order as
 * the ledger keeps it and the decision its review workbook was signed
 * with:
 *
 *   ubl, peppol  a UBL 2.1 OrderResponse as Peppol BIS Order Response 3
 *                writes it: OrderResponseCode AP (accepted), RE
 *                (rejected) or CA (accepted with change), and for CA
 *                every line (Peppol wants none for AP and RE) with its
 *                LineStatusCode (UNCL1229: 5 accepted, 3 changed, 7 not
 *                accepted) and, for a changed line, the quantity, the
 *                promised delivery and the price the conditions set;
 *   cxml         a ConfirmationRequest (Fulfill.dtd) of type accept,
 *                reject, or detail with the changed lines;
 *   opentrans    an ORDERRESPONSE: every line with the quantity
 *                confirmed (0 for a line not accepted, and for each
 *                line of a declined order), its delivery and price.
 *
 * Conditions come from the comments of the sign-offs that accept with
 * conditions.  A comment is split into clauses at ';', '；' and line
 * breaks; a clause that reads whole as
 *	[line ID[:]] KEY VALUE [, KEY VALUE ...]
 * (or 行 ID) changes the line ID, else the line of the finding signed,
 * else the order's one line (a delivery date with none: the whole
 * order's), where KEY is quantity, qty or 数量 (a number), delivery, date,
 * 交货 or 交期 (YYYY-MM-DD), price or 单价 (a number), or alone reject or
 * 不接受 (the line is not accepted).  Any other clause is said in words,
 * as a note of the response.
 *
 * Every string written comes from the ledger or the caller; the XML is
 * written with libxml2's xmlTextWriter, so it is well-formed whatever the
 * customer's order said.  Same input, same bytes.
 */
#ifndef PL_RESPOND_H
#define PL_RESPOND_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "order.h"

/* The answer to the order as a whole. */
enum { PL_RESPOND_ACCEPT, PL_RESPOND_CHANGE, PL_RESPOND_REJECT };

/* The answer to one line. */
enum { PL_RLINE_ACCEPT, PL_RLINE_CHANGE, PL_RLINE_REJECT };

struct pl_respond_line {
	int status;
	char *quantity, *delivery, *price;	/* changed; NULL: as ordered */
};

/* What a cXML response needs of the OrderRequest it answers, which the
 * record stream does not carry: read from the document itself. */
struct pl_respond_cxml {
	char *payload;			/* the order's cXML payloadID */
	char *from_domain, *from_id;	/* its From credential (the buyer) */
	char *to_domain, *to_id;	/* its To credential (us) */
};

struct pl_respond {
	const struct pl_order *o;	/* borrowed, for the response's life */
	int code;			/* PL_RESPOND_* */
	struct pl_respond_line *line;	/* one a line of o */
	char *delivery;			/* the order's promised delivery */
	struct pl_buf notes;		/* conditions in words, a line each */
	struct pl_buf warn;		/* what was not understood, a line each */
	char today[11];			/* the response's date */
	char id[48];			/* its id: "R-" docid "-" decision */
	struct pl_respond_cxml cx;	/* cxml only (pl_respond_cxml_read) */
};

/* Start the response to o (borrowed) for decision (accepted,
 * accepted-conditions or declined) number decision_id, dated today.  0,
 * or -1 with e filled (PL_EXIT_INTERNAL out of memory, PL_EXIT_DATA for
 * a decision that is not final). */
int pl_respond_init(struct pl_respond *r, const struct pl_order *o,
    const char *decision, long long decision_id, const char *today,
    struct pl_err *e);
void pl_respond_release(struct pl_respond *r);

/* Take the conditions of one sign-off's comment (pos: the line of the
 * finding it signs; NULL the order's): changes to lines, the rest kept
 * as notes, what names a line the order lacks said in r->warn.  The
 * number of changes taken, or -1 out of memory. */
int pl_respond_conditions(struct pl_respond *r, const char *pos,
    const char *comment);

/* Keep text (a reason to decline, a condition) as a note. */
int pl_respond_note(struct pl_respond *r, const char *text);

/*
 * Which response answers o: "ubl", "cxml" or "opentrans"; NULL with *why
 * (a sentence, static) when poreview writes none for it: an Order-X
 * order, a cancellation.
 */
const char *pl_respond_kind(const struct pl_order *o, const char **why);

/*
 * Read what a cXML response needs from the order document: the file at
 * source (as the ledger names it), else, with orders (a folder; NULL
 * none), orders/NAME or orders/ANY/NAME, NAME source's last part (where
 * po-inbox files originals: done/YYYY-MM-DD/NAME); the first that is the
 * document the ledger has (its CRC-32 checksum and byte length, as hex
 * and decimal text).  0, or -1 with e filled (PL_EXIT_IO none is there,
 * PL_EXIT_DATA it is another document now).
 */
int pl_respond_cxml_read(struct pl_respond *r, const char *source,
    const char *orders, const char *checksum, const char *length,
    struct pl_err *e);

/* Write the response of kind (pl_respond_kind) as an XML document into
 * out.  0, or -1 with e filled. */
int pl_respond_xml(const struct pl_respond *r, const char *kind,
    struct pl_buf *out, struct pl_err *e);

/*
 * The file name of a response: the order key made safe (letters, digits,
 * '-', '_' and '.' kept, any other byte '_', no leading '.', at most 96
 * bytes), '-', the docid, then suffix (".xml").  So no order key can
 * choose a path, and two keys made alike stay apart by their docids.
 */
void pl_respond_name(const char *key, const char *docid, const char *suffix,
    char *buf, size_t size);

/* Write the n bytes of data as dir/name: a temporary file in dir,
 * written, flushed to disk and renamed over name, so a failure leaves no
 * half-written file (an older one stays as it was).  0, or -1 with e
 * filled. */
int pl_respond_save(const char *dir, const char *name, const void *data,
    size_t n, struct pl_err *e);

#endif
