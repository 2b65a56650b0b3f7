/*
 * ledger.h: the ledger, an SQLite database (schemas/ledger.sql) that tells
 * a run what earlier runs saw: customers, every version of every order,
 * the committed load per product and week, customer property.
 *
 * Opened for reading (po-check) or writing (po-ledger).  WAL mode and a
 * busy timeout let a reader run beside a writer.  The schema version is
 * SQLite's user_version: a writer creates a new ledger and migrates an
 * older one forward in one transaction; a ledger newer than this poreview
 * is refused, and so is an older one opened for reading (po-ledger init
 * upgrades it).
 *
 * The ledger is the one room that speaks SQL: every statement against it
 * is in ledger.c (orders, versions, load, customers), ledger-property.c
 * (the customer-property log and the register's view of it),
 * ledger-decide.c (the decisions of signed review workbooks),
 * ledger-respond.c (the responses to the customer) and ledger-list.c
 * (po-ledger's lists), behind the verbs below; struct
 * pl_ledger is theirs alone.  A schema change is made there, with
 * tests/unit/test_ledger.c.
 *
 * Strings handed to a callback are borrowed for the call; NULL is a value
 * the ledger does not hold.  A callback must not call the verb it was
 * called from.
 */
#ifndef PL_LEDGER_H
#define PL_LEDGER_H

#include <stdio.h>

#include "err.h"
#include "order.h"

#define PL_LEDGER_VERSION 6

struct pl_ledger;

/* How pl_ledger_open opens: to read, to write a ledger that exists
 * (an older one is migrated), or to make one (po-ledger init alone). */
enum { PL_LEDGER_READ, PL_LEDGER_WRITE, PL_LEDGER_CREATE };

/* Open the ledger at path as mode says; pl_ledger_close() closes and
 * frees it (NULL is allowed).  NULL with e filled (PL_EXIT_CONFIG for a
 * ledger that cannot be used, an empty one included unless made here,
 * PL_EXIT_IO when it cannot be opened or is missing). */
struct pl_ledger *pl_ledger_open(const char *path, int mode,
    struct pl_err *e);
void pl_ledger_close(struct pl_ledger *l);

/* The path it was opened at, for messages (cut at 255 bytes). */
const char *pl_ledger_path(const struct pl_ledger *l);

/* --- what the review asks ---------------------------------------------- */
/* Each returns -1 with e filled on a database error. */

/* 1 when the buyer (the buyer part of an order key) is known, else 0. */
int pl_ledger_known(struct pl_ledger *l, const char *buyer, struct pl_err *e);
/* Whether the order key was committed before: 0 no, 1 with the same
 * content (checksum and length), 2 only with other content. */
int pl_ledger_seen(struct pl_ledger *l, const char *key, const char *checksum,
    const char *length, struct pl_err *e);
/*
 * The load of sku in week that the ledger's orders put on it (the latest
 * version of each): *committed, of the orders accepted (with or without
 * conditions) by their latest decision; *tentative, of those reviewed and
 * not decided (no decision yet, pending, asking the customer).  A
 * declined order's load counts in neither, nor does one rejected at
 * review.
 */
int pl_ledger_load(struct pl_ledger *l, const char *sku, const char *week,
    double *committed, double *tentative, struct pl_err *e);

/* How the load of version docid counts, as pl_ledger_load() counts it:
 * *standing one of these (NONE too for a docid the ledger does not
 * have).  0, or -1 with e filled. */
enum { PL_LOAD_NONE, PL_LOAD_COMMITTED, PL_LOAD_TENTATIVE };
int pl_ledger_standing(struct pl_ledger *l, const char *docid, int *standing,
    struct pl_err *e);

/* One committed version of an order. */
struct pl_ledger_version {
	const char *docid, *doctype, *checksum, *length;
	const char *records;	/* its order data (change.h); NULL when it
				 * was committed before the ledger kept it */
};

/* Call fn for each version of the order key, oldest first.  0, or -1 with
 * e filled. */
int pl_ledger_versions(struct pl_ledger *l, const char *key,
    void (*fn)(void *user, const struct pl_ledger_version *v), void *user,
    struct pl_err *e);

/* Call fn for each load record the version docid committed (its sku,
 * week and quantity).  0, or -1 with e filled. */
int pl_ledger_version_load(struct pl_ledger *l, const char *docid,
    void (*fn)(void *user, const char *sku, const char *week, double q),
    void *user, struct pl_err *e);

/* When a document of the order key with this content was first
 * committed: *committed (YYYY-MM-DD), *source (its file, "" unknown) and
 * *docid, borrowed until the next call on l.  1 found; 0 not found, or
 * not read (a busy or broken ledger: the caller then says less); -1 with
 * e filled (PL_EXIT_CONFIG) when the ledger cannot be asked. */
int pl_ledger_first_commit(struct pl_ledger *l, const char *key,
    const char *checksum, const char *length, const char **committed,
    const char **source, const char **docid, struct pl_err *e);

/* --- writing: one transaction a batch ---------------------------------- */

int pl_ledger_begin(struct pl_ledger *l, struct pl_err *e);
int pl_ledger_end(struct pl_ledger *l, int commit, struct pl_err *e);

/* A reviewed document to commit.  All borrowed. */
struct pl_ledger_doc {
	const struct pl_order *o;	/* as po-check wrote it: its load and
					 * custprop records among its items */
	const char *verdict, *amount;	/* its verdict record's */
	const char *records;		/* its order data (pl_change_format) */
	const char *today;		/* the commit's date, YYYY-MM-DD */
	const char *confirm;		/* the verdict's confirm column; NULL */
};

/*
 * Commit a reviewed document: its customer (when new), the document, its
 * order data, its findings (numbered 1, 2, ... as po-signoff numbers
 * them), its load, and an expect event for each item of customer
 * property it announces (item "DOCID/POS/N", N its item's index).  A
 * document already committed (the same docid, or the same key and
 * content) changes nothing.  A change that states no sequence number
 * comes after the highest version of its order.  1 committed, 0 there
 * already, -1 with e filled.
 */
int pl_ledger_commit(struct pl_ledger *l, const struct pl_ledger_doc *d,
    struct pl_err *e);

/* --- the customer-property log (property.h) ---------------------------- */

/* One event of an item's log. */
struct pl_ledger_event {
	const char *item, *event;
	const char *quantity;		/* as text; NULL not stated */
	const char *unit, *condition, *location, *note, *who, *at;
	double q;			/* read: the quantity as a number */
	int delivery;			/* the delivery it concerns; 0 none */
};

/* Call fn for each event of item's log, oldest first.  0, or -1 with e
 * filled (PL_EXIT_IO). */
int pl_ledger_item_log(struct pl_ledger *l, const char *item,
    void (*fn)(void *user, const struct pl_ledger_event *ev), void *user,
    struct pl_err *e);

/* Append ev to its item's log (q unused; NULL or "" is not stated, the
 * unit then the expected one), with the order, line, kind and description
 * of the item's expect event.  1 appended, 0 no such item, -1 with e
 * filled.  The log is append-only: the schema refuses an update or
 * delete. */
int pl_ledger_append(struct pl_ledger *l, const struct pl_ledger_event *ev,
    struct pl_err *e);

/* An item of customer property, as its order announced it. */
struct pl_ledger_item {
	const char *item, *customer;	/* its name, else the buyer; "" */
	const char *order_key, *number, *pos, *type, *description, *unit;
	double expected;		/* < 0: not stated */
	const char *docid, *issue_date;	/* the announcing document's */
};

/* Call fn for each item in the order its expect event was recorded; fn
 * returns 0 to go on, or -1 to stop (having filled what it reports).  0,
 * or -1 with e filled (PL_EXIT_IO) or as fn left it. */
int pl_ledger_items(struct pl_ledger *l,
    int (*fn)(void *user, const struct pl_ledger_item *it), void *user,
    struct pl_err *e);

/* The earliest week (YYYY-Www) a load of version docid leaves the
 * factory, of its line pos ("" or NULL: of any line), into week.  1
 * found, 0 none, -1 with e filled. */
int pl_ledger_first_week(struct pl_ledger *l, const char *docid,
    const char *pos, char week[16], struct pl_err *e);

/* --- the decisions of signed review workbooks (signoff.h) -------------- */

/*
 * Append a signoff record of po-signoff's (f, PL_signoff__N fields as
 * records.md states them; an empty field is not stated) to the sign-off
 * log, committed on today (YYYY-MM-DD).  The same workbook's (sha256)
 * decision on the same finding is kept once; a later workbook's is a new
 * row.  1 appended, 0 there already, -1 with e filled: PL_EXIT_DATA when
 * the ledger has no document docid of the order key (the decision is
 * refused by its key), or has a newer document of the order than docid
 * (the workbook is for an older version).  The log is append-only: the
 * schema refuses an update or delete.
 */
int pl_ledger_signoff(struct pl_ledger *l, const char *const *f,
    const char *today, struct pl_err *e);

/*
 * Append a decision record of po-signoff's (f, PL_decision__N fields) to
 * its document's decisions, refused as pl_ledger_signoff refuses.  It is
 * kept when the document has no decision yet, or when sign-offs were
 * appended to the document since its latest decision (so a workbook
 * committed again changes nothing); the latest decision is the order
 * document's state.  1 appended, 0 not, -1 with e filled.
 */
int pl_ledger_decide(struct pl_ledger *l, const char *const *f,
    const char *today, struct pl_err *e);

/* --- the responses to the customer (respond.h) ------------------------- */

/* An order document with a decision, as po-respond answers it.  Strings
 * borrowed for the call. */
struct pl_ledger_answer {
	const char *key, *docid, *doctype;
	const char *decision;		/* its latest: accepted, ... */
	long long decision_id;		/* that decision's row */
	const char *confirm;		/* the verdict's confirm; NULL */
	const char *records;		/* its order data; NULL: not kept */
	int answered;			/* responses to that decision so far */
};

/*
 * Call fn for each order document to answer, in order of key: the latest
 * document of its order whose latest decision is final (accepted,
 * accepted-conditions or declined) and has no response yet.  With key,
 * only that order's latest document, when it has a decision (final or
 * not; answered says whether it was answered), for po-respond --again.
 * fn returns 0 to go on, -1 to stop.  0, or -1 with e filled or as fn
 * left it.  Call no verb of l from fn: copy what it needs.
 */
int pl_ledger_to_answer(struct pl_ledger *l, const char *key,
    int (*fn)(void *user, const struct pl_ledger_answer *a), void *user,
    struct pl_err *e);

/* A finding of a document, with its latest sign-off. */
struct pl_ledger_finding {
	int n;				/* its number in the document */
	const char *pos, *code, *severity, *department, *confirm, *field;
	const char *en, *zh;		/* NULL all: a sign-off of a document
					 * committed before schema 6 */
	const char *decision, *reviewer, *date, *comment;  /* NULL: none */
};

/* Call fn for each finding of document docid in number order, then for
 * each sign-off on a finding the ledger did not keep.  0, or -1 with e
 * filled. */
int pl_ledger_findings(struct pl_ledger *l, const char *docid,
    void (*fn)(void *user, const struct pl_ledger_finding *f), void *user,
    struct pl_err *e);

/* A response written. */
struct pl_ledger_response {
	const char *key, *docid;
	long long decision_id;		/* the decision it answers */
	const char *kind;		/* ubl, cxml, opentrans, confirm */
	const char *file;		/* its name in the folder */
	const char *sha256;		/* 64 hex digits */
	const char *today;		/* YYYY-MM-DD */
};

/* Append r to the response log (append-only, as the schema says).  1, or
 * -1 with e filled. */
int pl_ledger_respond(struct pl_ledger *l, const struct pl_ledger_response *r,
    struct pl_err *e);

/* --- po-ledger's lists -------------------------------------------------- */

/* Print view name (orders, load, customers, property) as the record
 * stream's TSV under a '#' header line naming the columns; orders ends
 * with each document's state: reviewed (no decision yet), else its latest
 * decision.  0, or -1 with e filled (PL_EXIT_USAGE for another name). */
int pl_ledger_list(struct pl_ledger *l, const char *name, FILE *fp,
    struct pl_err *e);

/* Print every version of the order key, oldest first, the same way; when
 * the order has sign-offs, then a second table of them and a third of
 * its decisions, oldest first. */
int pl_ledger_history(struct pl_ledger *l, const char *key, FILE *fp,
    struct pl_err *e);

#endif
