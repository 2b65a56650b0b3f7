/*
 * change.h: the review of a change to an order (schemas/PROCEDURE.md
 * step 4, ISO 9001 8.2.4): what changed since the previous version, and
 * who must look at it.
 *
 * The ledger keeps the order data of every version as its records came
 * (schemas/ledger-3.sql).  For a change, a cancellation, or an order sent
 * again with other content, pl_change_begin() replays the versions of the
 * order to the state the ledger knows, applies the document to it (a
 * field or a line the change does not state keeps its value; lines a UBL
 * change does not list stay as they were; a cancelled line goes), and
 * compares the two field by field and line by line.  Each difference is a
 * `change` record (before and after) and a finding for the departments
 * that own the field.  The new version is then reviewed in place of the
 * document: its unchanged lines quietly (their value and load count,
 * their findings were settled before), its added and changed lines as
 * any line.  The previous version's committed load is taken off, so
 * capacity counts the difference.
 *
 * Without a ledger, or when the ledger does not know the order or never
 * kept its content, the document is reviewed as it stands and a finding
 * says why it was not compared.  Memory: the versions of one order.
 */
#ifndef PL_CHANGE_H
#define PL_CHANGE_H

#include <stddef.h>

#include "buf.h"
#include "check.h"
#include "order.h"

struct pl_change;

/*
 * Start the review of o in c: may set c->o to the new version (owned by
 * c, valid until the next order) and append change records and findings.
 * 0, or -1 when the ledger could not be read (c->failed and c->err set;
 * the document is then reviewed as it stands).
 */
int pl_change_begin(struct pl_check *c, const struct pl_order *o);

/* Whether the order-level checks are left out: a cancellation, or a
 * change already in the ledger. */
int pl_change_skip_order(const struct pl_check *c);

/* Whether line i of c->o did not change and is reviewed quietly. */
int pl_change_quiet(const struct pl_check *c, size_t i);

/* After the lines, with the order's value: the general manager's part
 * in a change of price or payment terms. */
void pl_change_end(struct pl_check *c, double amount);

void pl_change_free(struct pl_change *ch);

/*
 * Append the order data of o to out as stream records: the order, its
 * order-level prop, note and doc records, each line with its own (what
 * po-check added is left out).  The ledger keeps this per version.  0, or
 * -1 when memory ran out.
 */
int pl_change_format(const struct pl_order *o, struct pl_buf *out);

#endif
