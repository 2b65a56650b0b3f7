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
 * record with what it counted for the verdict; every other record of the
 * review is written as plain po-check writes it.  The reduce takes each
 * document in the batch's order (struct pl_mapped): it parses the order
 * record and the partials alone and, with the order keys of the batch,
 * the weeks and the ledger, writes what plain po-check writes, byte for
 * byte, copying the rest (pl_check_reduce()).
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
#include "part.h"
#include "pattern.h"
#include "rules.h"
#include "seen.h"
#include "weeks.h"

struct pl_change;

struct pl_check {
	const struct pl_catalog *cat;
	/* --reduce over a catalog of SKUs and capacities alone
	 * (pl_catalog_light(), set after pl_check_init()): whole() gives
	 * the whole catalog, before a document is reviewed whole, or NULL
	 * with e filled */
	const struct pl_catalog *(*whole)(void *ctx, struct pl_err *e);
	void *whole_ctx;
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
	size_t loads_at;	/* where the order's load records went in
				   out, and their bytes */
	size_t loads_len;
	/* the part's load per product and week: the map counts it (its
	 * mapload records), the reduce adds it up where no week of the
	 * part can fill (pl_check_part_begin()) */
	struct pl_check_row *row;
	size_t nrow, caprow;
	uint32_t *slot;		/* the map's: rows by product and week */
	size_t nslot;
	uint32_t *sorted;	/* the reduce's: rows by product */
	double (*rowload)[2];	/* the reduce's, with a ledger: each row's
				   committed and tentative load */
	unsigned char *rowflag;	/* the reduce's: ROW_SAFE, ROW_MET */
	double *rowqty;		/* the reduce's: what the lines of a safe
				   row added up (small, apart: met a line
				   of every order) */
	int rows_on;		/* the reduce's rows stand */
};

/* A product's week in a part (struct pl_check's row). */
struct pl_check_row {
	uint32_t prod, week;	/* catalog index, YYYYWW */
	uint32_t lines;		/* the map: its lines */
	unsigned char whole;	/* every quantity whole and >= 0 */
	unsigned char known;	/* the reduce: the ledger's load read, in
				   rowload */
	double qty;		/* its quantity, as the map counted it */
};

/* The most rows a map keeps (its memory: 32 bytes a row; a factory's
 * 2,000 products over a year are 104,000): lines past them go without,
 * and the reduce checks them one by one. */
#define PL_CHECK_ROWS (1u << 19)

/* A place in the map's review where the reduce's part goes. */
enum { PL_MAPPED_SEEN, PL_MAPPED_LINE, PL_MAPPED_LOADS, PL_MAPPED_VERDICT };

struct pl_mapped_mark {
	size_t at, end;		/* its bytes in the review (a run of load
				   records, or a partial) */
	int what;		/* PL_MAPPED_* */
	size_t row;		/* a line's row, + 1 when it is safe (added
				   up, never checked alone); else 0 */
	size_t product;		/* a line's: the product (catalog index), */
	char week[9];		/* its ISO week, */
	double qty;		/* its quantity in the base unit */
	size_t pos;		/* and its pos, an offset in str */
};

/*
 * One document of a part as the reduce takes it (pl_mapped_read()): its
 * own records and the map's review, borrowed from the part, the review's
 * partials as marks, with the counts of its mapverdict.  One struct
 * serves a run.
 */
struct pl_mapped {
	const char *own, *review;	/* borrowed (part.h's struct
					   pl_part_doc) */
	size_t ownlen, reviewlen;
	const char *name;	/* the part, for messages */
	size_t keylen, docidlen;	/* of the document's key and docid */
	struct pl_rec_reader r;	/* parses the partials */
	struct pl_rec_reader ord;	/* holds the order record */
	struct pl_buf str, tmp;
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

/*
 * Take document d of a part (part.h; name is the part's, for messages):
 * o becomes its order record alone, and m its review, whose records are
 * passed over by their kind and whose partials (mapseen, mapline, the
 * runs of load records, the mapverdict, last) are parsed into marks; m
 * borrows d's bytes.  0, or -1 with e filled (PL_EXIT_DATA: the part is
 * damaged) when the order record is not the one the mapdoc record names,
 * the review holds a record that is none of the map's, a partial cannot
 * be read back (a number that is none, a product cat lacks), or its
 * records are not as many as the mapdoc record says; PL_EXIT_INTERNAL
 * out of memory.
 */
int pl_mapped_read(struct pl_mapped *m, struct pl_order *o,
    const struct pl_check *c, const struct pl_part_doc *d,
    const char *name, struct pl_err *e);

/*
 * The map's end: append the mapload records of rows from to from + n - 1
 * (of c->nrow) to out, one per row: the part's quantity per product and
 * week, in the order first met (a mapline record names its row), its
 * lines, and whether every quantity was whole.  0, or -1 out of memory.
 */
int pl_check_loads(struct pl_check *c, size_t from, size_t n,
    struct pl_buf *out);

/*
 * The reduce, before the documents of a part: its mapload records, read
 * ahead (pl_part_loads()) and given in pieces of whole records, the n
 * bytes at text each, to pl_check_part_rows(), then pl_check_part_begin()
 * (without rows, a part read from a pipe, its lines are checked one by
 * one, as are those of a row that is not safe).  A row is safe when its
 * quantities are whole and its week cannot fill with all of them: with
 * the week's demand so far, and the ledger's load, read here once when
 * the week is new.  The lines of a safe row are then only added up, and
 * go into the weeks at pl_check_part_end(), or before a document is
 * reviewed whole (after which no row is safe).  0, or -1 with c->err (a
 * mapload record that cannot be read: PL_EXIT_DATA; the ledger or the
 * weeks' file failed; out of memory).  Memory: 37 bytes a row (53 with
 * a ledger), at most PL_CHECK_ROWS of them.
 */
int pl_check_part_rows(struct pl_check *c, const char *text, size_t n,
    const char *name);
int pl_check_part_begin(struct pl_check *c);

/* The reduce, after the documents of a part: what its safe rows added
 * up goes into the weeks.  0, or -1 with c->err. */
int pl_check_part_end(struct pl_check *c);

/*
 * The reduce of the document pl_mapped_read() took into o and m: append
 * to out the review pl_check_order() would (the document's own records,
 * m->own, go before it unchanged).  When the change review of o finds
 * nothing (as the map assumed) that is the map's review with the batch's
 * part put in its places, copied between them; else (a change, a
 * cancellation, an order the ledger keeps another version of) o is read
 * from m->own whole and reviewed whole.  Returns as pl_check_order().
 */
int pl_check_reduce(struct pl_check *c, struct pl_order *o,
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
