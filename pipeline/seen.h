/*
 * seen.h: the orders and buyers a run has met, so that an order key that
 * comes twice in one batch is found (a duplicate, or a change when its
 * content differs).  They are kept in a private temporary SQLite database
 * whose page cache is bounded: a batch of any size holds at most that
 * much of them in memory.  As a hash table in memory, 100,000 orders took
 * 4.2 MB and 1,000,000 would have taken 42.
 *
 * A key is the order key (or the buyer) itself, not a hash of it: no two
 * orders are ever taken for one.  With it go the document's checksum and
 * length, which tell a duplicate from a change.
 */
#ifndef PL_SEEN_H
#define PL_SEEN_H

#include <stdint.h>

#include "err.h"

struct sqlite3;
struct sqlite3_stmt;

enum { PL_SEEN_ORDER, PL_SEEN_BUYER };

struct pl_seen {
	struct sqlite3 *db;
	struct sqlite3_stmt *add[2], *get[2];	/* by PL_SEEN_* */
	struct pl_err lost;	/* why the database failed: from then on
				 * no key is found */
};

/* Open an empty set.  -1 with e filled. */
int pl_seen_open(struct pl_seen *s, struct pl_err *e);
void pl_seen_close(struct pl_seen *s);

/*
 * Add key of kind (PL_SEEN_*) with crc and len, unless it is there: then
 * 1, and *crc and *len are the ones it came with first; 0 when it was
 * added.  When the database fails (its temporary folder is full, say),
 * s->lost says why, once, and from then on every key is new (0): the
 * caller reviews on and reports the loss.
 */
int pl_seen_add(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len);

/* Whether key of kind is there: 1 (with *crc and *len when not NULL) or
 * 0, as pl_seen_add() says. */
int pl_seen_find(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len);

#endif
