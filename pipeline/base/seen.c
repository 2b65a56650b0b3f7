/*
 * seen.c: the keys a run has met in a private temporary database
 * (seen.h, tmpdb.h), with a front in memory for the kinds (PL_SEEN_*).
 */
#include "seen.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "tmpdb.h"

static const char *const tables[] = { "orders", "buyers" };

/*
 * The keys of each kind with the checksum and length they came with
 * first.  The timed keys come in order of rowid, 1 to n, so that those
 * after the mark go by rowid.  A key is found with its times in the
 * index; the same key at the same time is never kept twice.
 */
static const char schema[] =
	"CREATE TABLE orders (k TEXT PRIMARY KEY, crc INTEGER, len INTEGER) "
	    "WITHOUT ROWID; "
	"CREATE TABLE buyers (k TEXT PRIMARY KEY, crc INTEGER, len INTEGER) "
	    "WITHOUT ROWID; "
	"CREATE TABLE timed (k TEXT NOT NULL, t INTEGER NOT NULL); "
	"CREATE UNIQUE INDEX timed_kt ON timed (k, t)";

static const char met_sql[] = "SELECT 1 FROM timed WHERE k = ?1 AND "
	"(t = ?2 OR t < 0 OR ?2 < 0) LIMIT 1";
static const char meet_sql[] = "INSERT INTO timed (rowid, k, t) VALUES "
	"(?, ?, ?)";
static const char forget_sql[] = "DELETE FROM timed WHERE rowid > ?";

#define SLOTS	(2 * PL_SEEN_PENDING)	/* half full at most */
#define ARENA	(64 * PL_SEEN_PENDING)	/* the pending keys' bytes */
#define ROWS	64			/* keys to an INSERT */
_Static_assert((PL_SEEN_PENDING & (PL_SEEN_PENDING - 1)) == 0 &&
    PL_SEEN_PENDING < 65536, "PL_SEEN_PENDING: a power of 2 below 65536");

/* A key waiting for the database: its bytes are in the arena. */
struct pend {
	const char *k;
	uint32_t n, h, crc, len;
};

/*
 * The front of a kind: the keys not yet in the database, in a table
 * open-addressed by their hash, and a Bloom filter over those that are.
 */
struct pl_seen_front {
	struct pend e[PL_SEEN_PENDING];
	uint16_t slot[SLOTS];		/* 1 + index in e; 0 when free */
	size_t ne, used;		/* keys, and arena bytes they take */
	uint32_t (*bloom)[8];		/* blocks of 256 bits; NULL until
					 * the first key goes in */
	size_t blocks;
	char arena[ARENA];
};

/* The bit of each word of a block that a key sets: the split block
 * Bloom filter's odd constants (Parquet's format, from Impala). */
static const uint32_t salt[8] = { 0x47b6137bU, 0x44974d91U, 0x8824ad5bU,
	0xa2b7289dU, 0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U };

/* FNV-1a spread over 64 bits (splitmix64's finalizer): its low bits
 * choose a slot and a block's bits, its high ones the block. */
static uint64_t
spread(uint32_t h)
{
	uint64_t x = h + 0x9e3779b97f4a7c15ULL;

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint32_t *
block(const struct pl_seen_front *f, uint64_t x)
{
	return f->bloom[(x >> 32) * f->blocks >> 32];
}

static void
bloom_add(struct pl_seen_front *f, uint32_t h)
{
	uint64_t x = spread(h);
	uint32_t *b = block(f, x);
	int i;

	for (i = 0; i < 8; i++)
		b[i] |= 1U << ((uint32_t)x * salt[i] >> 27);
}

/* Whether the database may hold a key of hash h: 0 when it surely
 * does not. */
static int
bloom_may(const struct pl_seen_front *f, uint32_t h)
{
	uint64_t x;
	uint32_t *b;
	int i;

	if (f->bloom == NULL)
		return 0;
	x = spread(h);
	b = block(f, x);
	for (i = 0; i < 8; i++)
		if ((b[i] & 1U << ((uint32_t)x * salt[i] >> 27)) == 0)
			return 0;
	return 1;
}

/* The pending key of n bytes at k, hash h, or NULL and *slot the free
 * slot it would take. */
static struct pend *
pending(struct pl_seen_front *f, const char *k, uint32_t n, uint32_t h,
    size_t *slot)
{
	struct pend *p;
	size_t i;

	for (i = spread(h) & (SLOTS - 1); f->slot[i] != 0;
	    i = (i + 1) & (SLOTS - 1)) {
		p = &f->e[f->slot[i] - 1];
		if (p->h == h && p->n == n && memcmp(p->k, k, n) == 0)
			return p;
	}
	*slot = i;
	return NULL;
}

/* SQLite's BINARY order: bytes, then the shorter first. */
static int
by_key(const void *a, const void *b)
{
	const struct pend *p = a, *q = b;
	int c = memcmp(p->k, q->k, p->n < q->n ? p->n : q->n);

	return c != 0 ? c : (p->n > q->n) - (p->n < q->n);
}

static int
fail(struct pl_seen *s, struct pl_err *e, const char *what, const char *why)
{
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot %s the run's %s in "
	    "a temporary database: %s", what, s->what, why ? why : s->db ?
	    sqlite3_errmsg(s->db) : "out of memory");
}

int
pl_seen_open(struct pl_seen *s, const char *what, const char *missed,
    struct pl_err *e)
{
	char sql[64 + 11 * ROWS];	/* "... VALUES (?, ?, ?), ..." */
	int i, k;

	memset(s, 0, sizeof(*s));
	pl_err_clear(&s->lost);
	s->what = what;
	s->missed = missed;
	s->bloom = PL_SEEN_BLOOM;
	if (pl_tmpdb_open(&s->db, schema) < 0)
		goto bad;
	for (k = 0; k < 2; k++) {
		snprintf(sql, sizeof(sql), "INSERT INTO %s VALUES (?, ?, ?)",
		    tables[k]);
		if (pl_tmpdb_prepare(s->db, sql, &s->add[k]) < 0)
			goto bad;
		for (i = 1; i < ROWS; i++)
			strcat(sql, ", (?, ?, ?)");
		if (pl_tmpdb_prepare(s->db, sql, &s->put[k]) < 0)
			goto bad;
		snprintf(sql, sizeof(sql), "SELECT crc, len FROM %s WHERE k = ?",
		    tables[k]);
		if (pl_tmpdb_prepare(s->db, sql, &s->get[k]) < 0)
			goto bad;
	}
	if (pl_tmpdb_prepare(s->db, met_sql, &s->met) < 0 ||
	    pl_tmpdb_prepare(s->db, meet_sql, &s->meet) < 0 ||
	    pl_tmpdb_prepare(s->db, forget_sql, &s->forget) < 0)
		goto bad;
	return 0;
bad:
	fail(s, e, "keep", NULL);
	pl_seen_close(s);
	return -1;
}

void
pl_seen_close(struct pl_seen *s)
{
	int k;

	for (k = 0; k < 2; k++)
		if (s->front[k] != NULL) {
			free(s->front[k]->bloom);
			free(s->front[k]);
		}
	pl_tmpdb_close(s->db);
	memset(s, 0, sizeof(*s));
}

/* The database failed (or memory ran out, why): say why once; no key
 * is found from now on. */
static int
lost(struct pl_seen *s, const char *what, const char *why)
{
	fail(s, &s->lost, what, why);
	snprintf(s->lost.msg + strlen(s->lost.msg), sizeof(s->lost.msg) -
	    strlen(s->lost.msg), " (from then on %s was not found)", s->missed);
	return 0;
}

/* Key of kind in the database: 1 with *crc and *len (unless NULL), 0
 * when not there, -1 when the database failed. */
static int
stored(struct pl_seen *s, int kind, const char *key, uint32_t n,
    uint32_t *crc, uint32_t *len)
{
	sqlite3_stmt *st = s->get[kind];
	int rc;

	sqlite3_bind_text(st, 1, key, (int)n, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (crc)
			*crc = (uint32_t)sqlite3_column_int64(st, 0);
		if (len)
			*len = (uint32_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	return rc == SQLITE_ROW;
}

/* Put the n keys at p, not there yet, in the database and the Bloom
 * filter; ROWS at a time or one. */
static int
store(struct pl_seen *s, int kind, const struct pend *p, size_t n)
{
	struct pl_seen_front *f = s->front[kind];
	sqlite3_stmt *st = n == ROWS ? s->put[kind] : s->add[kind];
	size_t i;

	if (f->bloom == NULL) {
		f->blocks = s->bloom / sizeof(f->bloom[0]);
		if (f->blocks == 0)
			f->blocks = 1;
		f->bloom = calloc(f->blocks, sizeof(f->bloom[0]));
		if (f->bloom == NULL) {
			lost(s, "keep", "out of memory");
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(st, 3 * i + 1, p[i].k, (int)p[i].n,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 3 * i + 2, p[i].crc);
		sqlite3_bind_int64(st, 3 * i + 3, p[i].len);
	}
	if (pl_tmpdb_step(st) != SQLITE_DONE) {
		lost(s, "keep", NULL);
		return -1;
	}
	for (i = 0; i < n; i++)
		bloom_add(f, p[i].h);
	return 0;
}

/*
 * The pending keys into the database ROWS to a statement, whose own
 * cost they share, and in its order, so that they walk its leaves once
 * instead of each landing on a leaf that may be out of the cache.
 */
static int
flush(struct pl_seen *s, int kind)
{
	struct pl_seen_front *f = s->front[kind];
	size_t i, n;

	qsort(f->e, f->ne, sizeof(f->e[0]), by_key);
	for (i = 0; i < f->ne; i += n) {
		n = f->ne - i >= ROWS ? ROWS : 1;
		if (store(s, kind, &f->e[i], n) < 0)
			return -1;
	}
	f->ne = f->used = 0;
	memset(f->slot, 0, sizeof(f->slot));
	return 0;
}

/*
 * Key of kind, of n bytes and hash h: 1 with *crc and *len (unless
 * NULL) when pending or in the database, 0 when not; -1 when the
 * database failed (s->lost said so).
 */
static int
look(struct pl_seen *s, int kind, const char *key, uint32_t n, uint32_t h,
    uint32_t *crc, uint32_t *len, size_t *slot)
{
	struct pl_seen_front *f = s->front[kind];
	struct pend *p;
	int rc;

	if ((p = pending(f, key, n, h, slot)) != NULL) {
		if (crc)
			*crc = p->crc;
		if (len)
			*len = p->len;
		return 1;
	}
	if (!bloom_may(f, h))
		return 0;
	if ((rc = stored(s, kind, key, n, crc, len)) < 0)
		lost(s, "read", NULL);
	return rc;
}

int
pl_seen_find(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len)
{
	size_t n = strlen(key), slot;

	if (s->lost.status || s->front[kind] == NULL || n > INT_MAX)
		return 0;
	return look(s, kind, key, (uint32_t)n, pl_hash_bytes(PL_HASH_BASIS,
	    key, n), crc, len, &slot) > 0;
}

int
pl_seen_add(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len)
{
	struct pl_seen_front *f = s->front[kind];
	struct pend *p, e;
	size_t n = strlen(key), slot;
	int rc;

	if (s->lost.status)
		return 0;
	if (n > INT_MAX)	/* more than SQLite takes */
		return lost(s, "keep", "a key over 2 GiB");
	if (f == NULL && (f = s->front[kind] = calloc(1, sizeof(*f))) == NULL)
		return lost(s, "keep", "out of memory");
	e.k = key;
	e.n = (uint32_t)n;
	e.h = pl_hash_bytes(PL_HASH_BASIS, key, n);
	e.crc = *crc;
	e.len = *len;
	if ((rc = look(s, kind, key, e.n, e.h, crc, len, &slot)) != 0)
		return rc > 0;
	if (n + 1 > ARENA) {	/* too long to wait: straight in */
		store(s, kind, &e, 1);
		return 0;
	}
	if (f->ne == PL_SEEN_PENDING || f->used + n + 1 > ARENA) {
		if (flush(s, kind) < 0)
			return 0;
		pending(f, key, e.n, e.h, &slot);
	}
	p = &f->e[f->ne++];
	*p = e;
	p->k = memcpy(f->arena + f->used, key, n + 1);
	f->used += n + 1;
	f->slot[slot] = (uint16_t)f->ne;
	return 0;
}

int
pl_seen_meet(struct pl_seen *s, const char *key, long long time)
{
	int rc;

	if (s->lost.status)
		return 0;
	sqlite3_bind_text(s->met, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->met, 2, time < 0 ? -1 : time);
	if ((rc = pl_tmpdb_step(s->met)) == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return lost(s, "read", NULL);
	sqlite3_bind_int64(s->meet, 1, s->n + 1);
	sqlite3_bind_text(s->meet, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->meet, 3, time < 0 ? -1 : time);
	if (pl_tmpdb_step(s->meet) != SQLITE_DONE)
		return lost(s, "keep", NULL);
	s->n++;
	return 0;
}

void
pl_seen_mark(struct pl_seen *s)
{
	s->mark = s->n;
}

void
pl_seen_forget(struct pl_seen *s)
{
	if (s->lost.status || s->n == s->mark)
		return;
	sqlite3_bind_int64(s->forget, 1, s->mark);
	if (pl_tmpdb_step(s->forget) != SQLITE_DONE) {
		lost(s, "forget", NULL);
		return;
	}
	s->n = s->mark;
}
