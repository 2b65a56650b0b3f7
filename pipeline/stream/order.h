/*
 * order.h: the one order model every supported standard is read into.
 *
 * An order is the records po-parse writes for one document, held as their
 * fields: the order record's fields in f[PL_order_*], each line's in
 * line[i].f[PL_line_*], and the line's (or the order's) properties, notes
 * and documents as items.  So the model and the stream cannot disagree
 * about what an order holds: rec.h names the columns of both.
 *
 * All strings live in the order's pool and stay valid until the next
 * pl_order_reset() or pl_order_release().  One struct serves a whole run:
 * reset it per document and its memory is reused.  Functions returning int
 * return 0, or -1 when memory ran out.
 */
#ifndef PL_ORDER_H
#define PL_ORDER_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "rec.h"

struct pl_pool_block;

struct pl_order_line {
	const char *f[PL_line__N];
	size_t first, end;	/* its items: item[first..end-1] */
};

struct pl_order_item {
	int nf;				/* PL_prop__N, PL_note__N or PL_doc__N */
	const char *f[PL_doc__N];	/* the widest item kind */
};

struct pl_order {
	const char *f[PL_order__N];
	struct pl_order_line *line;
	size_t nline, capline;
	struct pl_order_item *item;
	size_t nitem, capitem;
	struct pl_pool_block *pool;	/* chunks of string memory */
	size_t used;			/* bytes held for this document */
	size_t reviewed;		/* bytes of what po-check added */
	/* since reset: 1 out of memory, 2 over PL_ORDER_MAX, 3 over
	 * PL_REVIEW_MAX */
	int oom;
};

/*
 * The most memory one document's order data may take (strings, lines,
 * items): a document of millions of notes is refused, not held.  po-parse
 * refuses an order over it at the door; read back from the stream
 * (pl_order_add_record) the same data takes no more, so every later
 * filter holds what po-parse passed.
 */
#define PL_ORDER_MAX (16U << 20)

/*
 * The most text the review may add to one document: its findings,
 * customer property, load, changes and verdict, counted as the bytes of
 * their fields (pl_order_keep, pl_order_keep_str).  po-check refuses to
 * pass on a review that writes more (pl_order_review_fits), so po-sheet
 * and po-ledger hold every document po-check wrote.
 */
#define PL_REVIEW_MAX (32U << 20)

void pl_order_init(struct pl_order *o);
void pl_order_release(struct pl_order *o);
/* Forget the current document but keep the memory. */
void pl_order_reset(struct pl_order *o);

/* Copy n bytes of s into the pool; NUL-terminated.  NULL when memory ran
 * out or the document passed PL_ORDER_MAX (o->oom is then set). */
const char *pl_order_strn(struct pl_order *o, const char *s, size_t n);

/*
 * Copy s into the pool with its whitespace tidied: leading and trailing
 * whitespace dropped, and with fold set every inner run of whitespace
 * (newlines included) made one space; without it only CRLF becomes LF.
 * An empty result is NULL ("not stated").
 */
const char *pl_order_text(struct pl_order *o, const char *s, int fold);

/* Add a line; its pos is its ordinal (1, 2, ...).  NULL if out of memory. */
struct pl_order_line *pl_order_add_line(struct pl_order *o);

/*
 * Add a property, note or doc record (kind "prop", "note" or "doc") to the
 * line last added, or to the order when at_line is 0.  Its kind, pos
 * fields are set; fill the rest.  NULL if out of memory.
 */
struct pl_order_item *pl_order_add_item(struct pl_order *o, const char *kind,
    int at_line);

/*
 * Rebuild the model from a record of the stream (po-check's reading): an
 * order record fills f, a line record adds a line, a prop, note or doc
 * record is added to the order (empty pos) or to the last line.  The
 * fields are copied.  0, or -1 out of memory.
 */
int pl_order_add_record(struct pl_order *o, char *const *f, int nf);

/*
 * Rebuild the model from text, a document's records one a line as the
 * ledger keeps a version (pl_change_format; the order record first).  0,
 * or -1 with e filled (a line that is no record, no order record, out of
 * memory).
 */
int pl_order_parse(struct pl_order *o, const char *text, struct pl_err *e);

/*
 * Add to the model the records of the n bytes at text, lines as the
 * stream has them (a document's own records as a part holds them; name
 * is the input's, for messages): pl_order_add_record() of each, comments
 * passed over.  0, or -1 with e filled (a line that is no record, out of
 * memory).
 */
int pl_order_parse_n(struct pl_order *o, const char *text, size_t n,
    const char *name, struct pl_err *e);

/*
 * Reset o to the order record f (nf fields, kind "order") alone, its
 * fields borrowed, not copied (an empty one is NULL): for a reader that
 * holds the record while it uses o (po-check --reduce, which needs the
 * order record alone of most documents).  0, or -1 when f is no order
 * record.
 */
int pl_order_borrow(struct pl_order *o, char *const *f, int nf);

/*
 * Keep any record of a known kind (finding, custprop, load, verdict, ...)
 * with the document as an item of the order (its pos as it came), so a
 * later stage has the document whole.  Fields are copied.  0, or -1.
 */
int pl_order_keep(struct pl_order *o, char *const *f, int nf);

/* pl_order_strn() charged to the review's budget (PL_REVIEW_MAX). */
const char *pl_order_keep_str(struct pl_order *o, const char *s, size_t n);

/* Whether a review that added nrec records of len bytes to a document
 * (as po-check writes them, escaped) stays within PL_REVIEW_MAX. */
int pl_order_review_fits(size_t len, size_t nrec);

/* Forget the item last added (one that turned out empty). */
void pl_order_drop_item(struct pl_order *o);

/*
 * Complete the document: fill the order key (the recipe in
 * schemas/records.md), the document id, the line count, and the kind, key
 * and docid of every record.  source is the display name, crc and length
 * the checksum and byte length of the document's content.
 */
int pl_order_finish(struct pl_order *o, const char *source, unsigned long crc,
    unsigned long long length);

/*
 * Append the buyer part of the order key to b (the recipe in
 * schemas/records.md): "scheme:id", "id", "name:" and the name lowercased,
 * or "unknown".
 */
int pl_order_buyer(const struct pl_order *o, struct pl_buf *b);

/* Append the document's records to out, in stream order. */
int pl_order_format(const struct pl_order *o, struct pl_buf *out);

/* The same with only the items of the nkinds kinds, the order's own
 * grouped kind by kind (the order data change.h keeps per version). */
int pl_order_format_kinds(const struct pl_order *o, const char *const *kinds,
    int nkinds, struct pl_buf *out);

#endif
