/*
 * check.h: the contract review of one order (schemas/PROCEDURE.md, steps
 * 1 to 3) against the capability catalog and the requirement rules.
 *
 * One struct pl_check serves a run.  pl_check_order() reviews an order
 * (rebuilt from its records, order.h) and appends its finding, custprop
 * and verdict records; it also counts the order's demand per product and
 * ISO week, first come first served, for the capacity check and for the
 * capacity records that pl_check_capacity() writes at the end.  Memory
 * holds the catalog, the rules and at most PL_WEEKS_BUDGET of the
 * (product, week) pairs (weeks.h), never the lines; the order keys of the
 * run (for duplicates; the buyers too, with a ledger) are kept in a
 * temporary database whose cache is bounded (seen.h).  Past those bounds
 * both go to temporary files.
 */
#ifndef PL_CHECK_H
#define PL_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "catalog.h"
#include "codes.h"
#include "ledger.h"
#include "order.h"
#include "pattern.h"
#include "rules.h"
#include "seen.h"
#include "weeks.h"

struct pl_change;

struct pl_check {
	const struct pl_catalog *cat;
	const struct pl_rules *rules;
	struct pl_ledger *ledger;	/* NULL: no history checks */
	int today;
	int failed;			/* a ledger read failed */
	struct pl_err err;		/* ...and why */
	struct pl_codes units, currencies, incoterms, retired;
	struct pl_matcher m;
	struct pl_weeks weeks;		/* per product: demand per week */
	int *earliest;			/* per product: earliest date + 1 */
	struct pl_seen seen;		/* orders and buyers of this run */
	/* the order being reviewed */
	struct pl_buf en, zh, tmp, ask_en, ask_zh, loads;
	struct pl_buf *out;
	const char **vals;	/* what a rule reads (values_of()) */
	size_t *offs, capvals;
	const struct pl_order *o;
	unsigned depts, confirms;
	int nsev[3];		/* info, review, reject */
	int incomplete;		/* something to ask the customer */
	int duplicate;		/* sent before with the same content: its
				   load is not counted again */
	struct pl_change *chg;	/* a change's review (change.h) */
};

/* Set up for a run; today is a day number (date.h); ledger may be NULL
 * (borrowed).  -1 with c->err filled when the built-in code lists are
 * missing, memory ran out or the temporary database cannot be made. */
int pl_check_init(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, struct pl_ledger *ledger, int today);
void pl_check_release(struct pl_check *c);

/* Review o, appending its finding, custprop, load and verdict records to
 * out.  0, or -1 when reading the ledger failed (c->err says why), or
 * when the order cannot be reviewed: its length is no byte count (c->err
 * with PL_EXIT_DATA; nothing is counted for it). */
int pl_check_order(struct pl_check *c, const struct pl_order *o,
    struct pl_buf *out);

/* Write the capacity records (sorted by product and week) to fp: the end
 * of the run, after which no order can be reviewed.  0, or -1 with c->err
 * filled when memory ran out or the weeks' temporary file failed. */
int pl_check_capacity(struct pl_check *c, FILE *fp);

#endif
