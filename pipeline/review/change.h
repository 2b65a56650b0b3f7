/*
 * change.h: what changed in an order (schemas/PROCEDURE.md step 4, ISO
 * 9001 8.2.4), and who owns each difference.
 *
 * The ledger keeps the order data of every version as its records came
 * (schemas/ledger-3.sql).  For a change, a cancellation, or an order sent
 * again with other content, pl_change_begin() replays the versions of the
 * order to the state the ledger knows, applies the document to it (a
 * field or a line the change does not state keeps its value; lines a UBL
 * change does not list stay as they were; a cancelled line goes), and
 * compares the two field by field and line by line.  It lists the
 * differences: where each is, what it was and is, which departments own
 * it.  The review (check.h) makes of each a `change` record and findings,
 * reviews the new version in place of the document (its unchanged lines
 * quietly: their value and load count, their findings were settled
 * before; its added and changed lines as any line), and takes off the
 * previous version's committed load (pl_change_load()), so capacity
 * counts the difference.
 *
 * Without a ledger, or when the ledger does not know the order or never
 * kept its content, the document is reviewed as it stands and a
 * difference says why it was not compared.  Memory: the versions of one
 * order and their differences, held by struct pl_change until the next
 * pl_change_begin().
 */
#ifndef PL_CHANGE_H
#define PL_CHANGE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "order.h"

struct pl_ledger;

enum pl_change_kind {
	PL_CHANGE_FIELD,	/* a field of the order (id NULL) or a line */
	PL_CHANGE_LINE_ADDED,	/* a line the previous version did not have */
	PL_CHANGE_LINE_CANCELLED, /* a line the new version no longer has */
	PL_CHANGE_LINE_GONE,	/* a line of the order the customer cancels */
	PL_CHANGE_CANCELLED,	/* the customer cancels the order */
	PL_CHANGE_UNKNOWN,	/* it changes an order the ledger lacks */
	PL_CHANGE_NOT_COMPARED	/* no ledger, or it did not keep the content */
};

/*
 * One difference.  A field, a line added, cancelled or gone is a change
 * record (pos, id, field, before, after, depts); all but a line gone are
 * findings, one per department of depts, with code and sev.  Strings are
 * borrowed from the struct pl_change until its next pl_change_begin().
 */
struct pl_change_diff {
	enum pl_change_kind kind;
	const char *pos;	/* the line's position in the new version;
				   NULL: the order, or a line no longer there */
	const char *id;		/* the line's id; NULL: the order */
	const char *field;	/* the column, or prop, note, doc, line,
				   doctype, number */
	const char *field_zh;	/* the field's name in Chinese (a field) */
	const char *before;	/* NULL: not stated; a line: "SKU qty unit" */
	const char *after;
	const char *depts;	/* the departments that own it, "a,b" */
	const char *code;	/* the finding's code */
	const char *sev;	/* info or review */
	const char *who_en;	/* what the owners do (a field) */
	const char *who_zh;
};

/* A quantity of sku in week (ISO "YYYY-Www") the previous version had
 * committed. */
struct pl_change_load {
	const char *sku, *week;
	double quantity;
};

struct pl_change;

/* A change review for a run; NULL when memory ran out.  pl_change_free()
 * accepts NULL. */
struct pl_change *pl_change_new(void);
void pl_change_free(struct pl_change *ch);

/*
 * Compare document o with the versions of its order in ledger (borrowed;
 * NULL: no ledger) and list the differences.  0, or -1 with e filled when
 * the ledger could not be read (nothing is listed; the document is then
 * reviewed as it stands).  o is borrowed until the next call.
 */
int pl_change_begin(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, struct pl_err *e);

/*
 * pl_change_begin() of a document o of which only the order record was
 * read (po-check --reduce): 0 as it returns, or 1 when the comparison
 * needs the document whole (a change, a cancellation, an order the ledger
 * keeps another version of with its content); then nothing is listed:
 * read the document and call pl_change_begin().
 */
int pl_change_begin_head(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, struct pl_err *e);

/* The new version to review in place of the document (owned by ch, valid
 * until the next pl_change_begin()), or NULL: the document stands. */
const struct pl_order *pl_change_version(const struct pl_change *ch);

/* The differences pl_change_begin() found, in the order the review
 * writes them: *d is set, and their number returned. */
size_t pl_change_diffs(const struct pl_change *ch,
    const struct pl_change_diff **d);

/* Whether the order-level checks are left out: a cancellation, or a
 * change already in the ledger. */
int pl_change_skip_order(const struct pl_change *ch);

/* Whether line i of the version reviewed did not change and is reviewed
 * quietly. */
int pl_change_quiet(const struct pl_change *ch, size_t i);

/* Whether a price or the payment terms changed (the general manager
 * approves such a change above the limit of the rules). */
int pl_change_money(const struct pl_change *ch);

/* Whether pl_change_begin() found nothing to say: the document is
 * reviewed as it stands, as an order would be without a ledger (an order
 * the ledger does not know, or has not seen). */
int pl_change_none(const struct pl_change *ch);

/* Whether the new version replaces the committed load of the ledger's
 * latest version (the review takes it off once a run). */
int pl_change_replaces(const struct pl_change *ch);

/*
 * The load the ledger's latest version committed: *load is set (borrowed
 * until the next pl_change_begin()), and the number of entries returned;
 * *standing how the ledger counts it (PL_LOAD_COMMITTED, _TENTATIVE or
 * _NONE, ledger.h).  0 when the new version replaces none.  -1 with e
 * filled when the ledger could not be read.
 */
int pl_change_load(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_change_load **load, int *standing, struct pl_err *e);

/*
 * Append the order data of o to out as stream records: the order, its
 * order-level prop, note and doc records, each line with its own (what
 * po-check added is left out).  The ledger keeps this per version.  0, or
 * -1 when memory ran out.
 */
int pl_change_format(const struct pl_order *o, struct pl_buf *out);

#endif
