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
 *
 * The review splits in two (po-check --map, --reduce).  The map
 * (pl_check_init_map()) does what needs only the order and the reference
 * files: every check of the order and its lines, the calendar, lead
 * times, the rules.  In place of what needs the whole batch it writes
 * partials: a mapseen record where a duplicate, a change within the batch
 * or a new customer would be said, a mapline record where a line's
 * capacity finding would go (with its exact quantity), and a mapverdict
 * record with what it counted for the verdict.  The reduce reads them
 * back (struct pl_mapped) in the batch's order and, with the order keys
 * of the batch, the weeks and the ledger, writes what plain po-check
 * writes, byte for byte (pl_check_reduce()).
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
	int map;		/* po-check --map: partials for the reduce */
};

/* A place in the map's review where the reduce's part goes. */
enum { PL_MAPPED_SEEN, PL_MAPPED_LINE, PL_MAPPED_LOADS, PL_MAPPED_VERDICT };

struct pl_mapped_mark {
	size_t at;		/* its offset in text */
	int what;		/* PL_MAPPED_* */
	size_t product;		/* a line's: the product (catalog index), */
	char week[9];		/* its ISO week, */
	double qty;		/* its quantity in the base unit */
	size_t pos;		/* and its pos, an offset in str */
};

/*
 * One document's review as the map wrote it, read back by the reduce: the
 * map's records (finding, custprop, change, kept) as they came in text,
 * its load records apart in loads, and its partials as marks, with the
 * counts of its mapverdict.  One struct serves a run.
 */
struct pl_mapped {
	struct pl_buf text, loads, str;
	struct pl_mapped_mark *mark;
	size_t nmark, capmark;
	int have_verdict;
	int nsev[3];		/* the map's counts: info, review, reject */
	unsigned depts, confirms;
	int incomplete;
	double amount;
	size_t ask_en, ask_zh;	/* offsets in str */
};

/* Set up for a run; today is a day number (date.h); ledger may be NULL
 * (borrowed).  -1 with c->err filled when the built-in code lists are
 * missing, memory ran out or the temporary database cannot be made. */
int pl_check_init(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, struct pl_ledger *ledger, int today);
void pl_check_release(struct pl_check *c);

/* Set up a map (po-check --map): no ledger, no order keys or weeks of the
 * batch; pl_check_order() then writes the map's review with its
 * partials.  -1 with c->err filled as pl_check_init(). */
int pl_check_init_map(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, int today);

void pl_mapped_init(struct pl_mapped *m);
void pl_mapped_release(struct pl_mapped *m);
/* Forget the document read back; the memory stays. */
void pl_mapped_reset(struct pl_mapped *m);

/*
 * Read back record f (nf fields; text, len as it came) of a document the
 * map wrote: 1 when it is the map's review (kept in m), 0 when it is the
 * document's own (an order, line, prop, note or doc record, or another
 * kind), -1 with e filled when a partial cannot be read (a number that is
 * none, a product cat lacks) or memory ran out.
 */
int pl_mapped_add(struct pl_mapped *m, const struct pl_catalog *cat,
    char *const *f, int nf, const char *text, size_t len, struct pl_err *e);

/*
 * The reduce of o, whose map's review m holds: append to out what
 * pl_check_order() would.  When the change review of o finds nothing (as
 * the map assumed) that is the map's review with the batch's part put in
 * its places; else (a change, a cancellation, an order the ledger holds)
 * o is reviewed whole and m is not used.  Returns as pl_check_order().
 */
int pl_check_reduce(struct pl_check *c, const struct pl_order *o,
    const struct pl_mapped *m, struct pl_buf *out);

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
