/*
 * seen.h: the keys a run has met, so that one that comes twice is found:
 * po-check's orders and buyers (an order key that comes twice in one
 * batch is a duplicate, or a change when its content differs), and
 * csat-sum's survey responses (a response given twice counts once).
 * They are kept in a private temporary SQLite database (tmpdb.h) whose
 * page cache is bounded: a run of any size holds at most that much of
 * them in memory.  As a hash table in memory, 100,000 orders took 4.2 MB and
 * 1,000,000 would have taken 42; csat-sum's responses took its peak from
 * 12 MiB to 77 at 1,000,000 (13 in this set).
 *
 * Orders and buyers have a front in memory, each kind its own: new keys
 * wait there, PL_SEEN_PENDING at most, in a hash table, then go into the
 * database together, sorted in its order and 64 to a statement; a Bloom
 * filter of PL_SEEN_BLOOM bytes over the keys gone in tells a key new to
 * the run, as nearly all are, without asking the database.  Each key
 * still costs the database a row, and that is most of what is left: at
 * 100,000 orders po-check --reduce spends 0.13 s here where it spent
 * 0.17, and 100,000 keys in random order take 18,700 reads and writes of
 * the temporary file where they took 93,000.  Memory: a kind's front
 * holds at most 4,096 keys in 256 KiB, about 370 KiB with its table,
 * from its first key, and its filter 1 MiB from its first flush
 * (po-check's peak went from 33.0 MB to 34.4).  The filter fills past
 * about 1,000,000 keys of a kind: 3% of the new keys are then looked for
 * in the database in vain, 29% at 2,000,000.  The timed keys have no
 * front.
 *
 * A key is the key itself, not a hash of it (the front's hash only says
 * where to look): no two are ever taken for one.  With an order's key go the document's checksum and length, which
 * tell a duplicate from a change; with a response's key (customer,
 * respondent and day) its time of day, when stated.
 */
#ifndef PL_SEEN_H
#define PL_SEEN_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct sqlite3;
struct sqlite3_stmt;

enum { PL_SEEN_ORDER, PL_SEEN_BUYER };

#define PL_SEEN_PENDING 4096	/* new keys of a kind waiting in memory (a
				 * power of 2 below 65,536) */
#define PL_SEEN_BLOOM (1 << 20)	/* bytes of a kind's Bloom filter */

struct pl_seen_front;

struct pl_seen {
	struct sqlite3 *db;
	struct pl_seen_front *front[2];	/* by PL_SEEN_*, from its first key */
	size_t bloom;		/* PL_SEEN_BLOOM; a test may lower it before
				 * the first key */
	struct sqlite3_stmt *add[2], *put[2], *get[2];	/* by PL_SEEN_* */
	struct sqlite3_stmt *met, *meet, *forget;	/* the timed keys */
	long long n, mark;	/* timed keys kept, and before the mark */
	const char *what, *missed;	/* for the messages */
	struct pl_err lost;	/* why the database failed: from then on
				 * no key is found */
};

/*
 * Open an empty set.  what names its keys and missed what goes unfound
 * once the database fails, in the messages: "cannot keep the run's <what>
 * in a temporary database: <why> (from then on <missed> was not found)".
 * Both are borrowed until pl_seen_close().  -1 with e filled.
 */
int pl_seen_open(struct pl_seen *s, const char *what, const char *missed,
    struct pl_err *e);
void pl_seen_close(struct pl_seen *s);

/*
 * Add key of kind (PL_SEEN_*) with crc and len, unless it is there: then
 * 1, and *crc and *len are the ones it came with first; 0 when it was
 * added.  When the database fails (its temporary folder is full, say),
 * s->lost says why, once, and from then on every key is new (0): the
 * caller goes on and reports the loss.
 */
int pl_seen_add(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len);

/* Whether key of kind is there: 1 (with *crc and *len when not NULL) or
 * 0, as pl_seen_add() says. */
int pl_seen_find(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len);

/*
 * The timed keys, apart from the kinds above: whether key at time (any
 * number >= 0, or -1 when not stated) met one kept before: the same key
 * at the same time, or either time not stated.  1 when it did; 0 when not,
 * and it is kept from now on.  On failure as pl_seen_add(): 0.
 */
int pl_seen_meet(struct pl_seen *s, const char *key, long long time);

/* Mark the timed keys kept so far; pl_seen_forget() forgets those kept
 * after the mark (a file that was rejected, say). */
void pl_seen_mark(struct pl_seen *s);
void pl_seen_forget(struct pl_seen *s);

#endif
