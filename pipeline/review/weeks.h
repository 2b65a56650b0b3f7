/*
 * weeks.h: the demand per product and ISO week that po-check counts, first
 * come first served, and the load the ledger's orders put on each:
 * committed (accepted) and tentative (reviewed, not yet decided).
 *
 * A product's weeks are one block, in order, so that walked product by
 * product they come out sorted, as the capacity records want them:
 *	double demand[room];
 *	double committed[room];	with the ledger's load only
 *	double tentative[room];	the same
 *	uint32_t week[room];	ISO week as YYYYWW
 * 12 bytes a week, 28 with the ledger's load.  The blocks take at most a
 * budget of memory.  Past it, the block of a product not met lately goes
 * to a temporary file, removed as soon as it is made, and comes back when
 * its product is met again.  When the file cannot be made or written
 * (TMPDIR full or missing), the blocks stay in memory, the count goes on
 * whole, and w->lost says why, once, for the caller to report.  A factory's 2,000 products over a half-year
 * horizon are about 52,000 pairs (0.6 MB), inside the budget; the
 * benchmark's 10,000 products over two years made 133,934 pairs from
 * 10,000 orders and 362,823 from 100,000 (5.5 MB as blocks), which memory
 * alone would hold as they grew.
 */
#ifndef PL_WEEKS_H
#define PL_WEEKS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"

/* The budget po-check gives its blocks (a -DTESTING build takes
 * POREVIEW_TEST_WEEKS_BUDGET bytes instead when it is set, so that
 * tests/weeks.sh spills a small batch under the sanitizers: check.c). */
#define PL_WEEKS_BUDGET (4u << 20)

struct pl_weeks_block {
	uint32_t n, room;	/* weeks held, and room for */
	double v[];
};

struct pl_weeks_slot;

struct pl_weeks {
	size_t nprod;
	size_t k;		/* doubles a week: 1, or 3 with the ledger's */
	struct pl_weeks_block **mem;	/* per product: in memory, or NULL */
	struct pl_weeks_slot *disk;	/* per product: where in the file */
	unsigned char *met;	/* per product: met since the clock passed */
	size_t hand;		/* the clock: the next product to look at */
	size_t bytes, budget;	/* of the blocks in memory */
	int fd;			/* the temporary file, -1 until needed */
	off_t end;
	unsigned long evicted;	/* blocks written out, for the curious */
	struct pl_err lost;	/* why the file could not be made or
				 * written: the blocks stay in memory */
};

/* The weeks of block b. */
#define PL_WEEKS_OF(w, b) \
	((uint32_t *)((b)->v + (size_t)(b)->room * (w)->k))

/* An empty table for nprod products; ledger: keep the ledger's load
 * too (committed and tentative).  -1 when out of memory. */
int pl_weeks_init(struct pl_weeks *w, size_t nprod, int ledger,
    size_t budget);
void pl_weeks_free(struct pl_weeks *w);

/*
 * The values of product prod in week wk: demand at [0], the committed
 * load at [stride] and the tentative at [2 * stride] (with the ledger's
 * only).  Made on first use, zero, with
 * *made set.  The pointer holds until the next call.  NULL with e filled
 * when memory ran out or the temporary file could not be read back.
 */
double *pl_weeks_entry(struct pl_weeks *w, size_t prod, uint32_t wk,
    int *made, size_t *stride, struct pl_err *e);

/*
 * Product prod's block into *out, held until the next call (NULL: the
 * product has no weeks).  0, or -1 with e filled when the temporary file
 * could not be read or memory ran out.
 */
int pl_weeks_product(struct pl_weeks *w, size_t prod,
    const struct pl_weeks_block **out, struct pl_err *e);

#endif
