/*
 * seen.c: the keys a run has met in a private temporary database
 * (seen.h).  SQLite keeps it in its page cache until the cache is full,
 * then in a file it deletes when the connection closes; nothing is ever
 * committed, so there is no journal and no sync.
 */
#include "seen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* The page cache, in KiB. */
#define CACHE_KIB 512

static const char *const tables[] = { "orders", "buyers" };

/*
 * The timed keys come in order of rowid, 1 to n, so that those after the
 * mark go by rowid.  A key is found with its times in the index; the
 * same key at the same time is never kept twice.
 */
static const char *const timed[] = {
	"CREATE TABLE timed (k TEXT NOT NULL, t INTEGER NOT NULL); "
	    "CREATE UNIQUE INDEX timed_kt ON timed (k, t)",
	"SELECT 1 FROM timed WHERE k = ?1 AND (t = ?2 OR t < 0 OR ?2 < 0) "
	    "LIMIT 1",
	"INSERT INTO timed (rowid, k, t) VALUES (?, ?, ?)",
	"DELETE FROM timed WHERE rowid > ?",
};

static int
fail(struct pl_seen *s, struct pl_err *e, const char *what)
{
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot %s the run's %s in "
	    "a temporary database: %s", what, s->what, s->db ?
	    sqlite3_errmsg(s->db) : "out of memory");
}

static int
prepare(struct pl_seen *s, const char *sql, struct sqlite3_stmt **st)
{
	return sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    st, NULL) == SQLITE_OK ? 0 : -1;
}

int
pl_seen_open(struct pl_seen *s, const char *what, const char *missed,
    struct pl_err *e)
{
	char sql[160];
	int k;

	memset(s, 0, sizeof(*s));
	pl_err_clear(&s->lost);
	s->what = what;
	s->missed = missed;
	/* "": a private database on disk, in SQLITE_TMPDIR or TMPDIR */
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		goto bad;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d; PRAGMA "
	    "journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", CACHE_KIB);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		goto bad;
	for (k = 0; k < 2; k++) {
		snprintf(sql, sizeof(sql), "CREATE TABLE %s (k TEXT PRIMARY KEY, "
		    "crc INTEGER, len INTEGER) WITHOUT ROWID", tables[k]);
		if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			goto bad;
		snprintf(sql, sizeof(sql), "INSERT INTO %s VALUES (?, ?, ?) "
		    "ON CONFLICT DO NOTHING", tables[k]);
		if (prepare(s, sql, &s->add[k]) < 0)
			goto bad;
		snprintf(sql, sizeof(sql), "SELECT crc, len FROM %s WHERE k = ?",
		    tables[k]);
		if (prepare(s, sql, &s->get[k]) < 0)
			goto bad;
	}
	if (sqlite3_exec(s->db, timed[0], NULL, NULL, NULL) != SQLITE_OK ||
	    prepare(s, timed[1], &s->met) < 0 ||
	    prepare(s, timed[2], &s->meet) < 0 ||
	    prepare(s, timed[3], &s->forget) < 0)
		goto bad;
	return 0;
bad:
	fail(s, e, "keep");
	pl_seen_close(s);
	return -1;
}

void
pl_seen_close(struct pl_seen *s)
{
	int k;

	for (k = 0; k < 2; k++) {
		sqlite3_finalize(s->add[k]);
		sqlite3_finalize(s->get[k]);
	}
	sqlite3_finalize(s->met);
	sqlite3_finalize(s->meet);
	sqlite3_finalize(s->forget);
	sqlite3_close(s->db);
	memset(s, 0, sizeof(*s));
}

/* The database failed: say why once; no key is found from now on. */
static int
lost(struct pl_seen *s, const char *what)
{
	fail(s, &s->lost, what);
	snprintf(s->lost.msg + strlen(s->lost.msg), sizeof(s->lost.msg) -
	    strlen(s->lost.msg), " (from then on %s was not found)", s->missed);
	return 0;
}

/* Run st, bound by the caller, to its end; reset it whatever came. */
static int
step(struct sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

int
pl_seen_find(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len)
{
	sqlite3_stmt *st = s->get[kind];
	int rc;

	if (s->lost.status)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (crc)
			*crc = (uint32_t)sqlite3_column_int64(st, 0);
		if (len)
			*len = (uint32_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return lost(s, "read");
	return rc == SQLITE_ROW;
}

int
pl_seen_add(struct pl_seen *s, int kind, const char *key, uint32_t *crc,
    uint32_t *len)
{
	sqlite3_stmt *st = s->add[kind];

	if (s->lost.status)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *crc);
	sqlite3_bind_int64(st, 3, *len);
	if (step(st) != SQLITE_DONE)
		return lost(s, "keep");
	if (sqlite3_changes(s->db) == 1)
		return 0;
	return pl_seen_find(s, kind, key, crc, len);
}

int
pl_seen_meet(struct pl_seen *s, const char *key, long long time)
{
	int rc;

	if (s->lost.status)
		return 0;
	sqlite3_bind_text(s->met, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->met, 2, time < 0 ? -1 : time);
	if ((rc = step(s->met)) == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return lost(s, "read");
	sqlite3_bind_int64(s->meet, 1, s->n + 1);
	sqlite3_bind_text(s->meet, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->meet, 3, time < 0 ? -1 : time);
	if (step(s->meet) != SQLITE_DONE)
		return lost(s, "keep");
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
	if (step(s->forget) != SQLITE_DONE) {
		lost(s, "forget");
		return;
	}
	s->n = s->mark;
}
