/*
 * seen.c: the keys a run has met in a private temporary database
 * (seen.h, tmpdb.h).
 */
#include "seen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

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

static int
fail(struct pl_seen *s, struct pl_err *e, const char *what)
{
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot %s the run's %s in "
	    "a temporary database: %s", what, s->what, s->db ?
	    sqlite3_errmsg(s->db) : "out of memory");
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
	if (pl_tmpdb_open(&s->db, schema) < 0)
		goto bad;
	for (k = 0; k < 2; k++) {
		snprintf(sql, sizeof(sql), "INSERT INTO %s VALUES (?, ?, ?) "
		    "ON CONFLICT DO NOTHING", tables[k]);
		if (pl_tmpdb_prepare(s->db, sql, &s->add[k]) < 0)
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
	fail(s, e, "keep");
	pl_seen_close(s);
	return -1;
}

void
pl_seen_close(struct pl_seen *s)
{
	pl_tmpdb_close(s->db);
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
	if (pl_tmpdb_step(st) != SQLITE_DONE)
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
	if ((rc = pl_tmpdb_step(s->met)) == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return lost(s, "read");
	sqlite3_bind_int64(s->meet, 1, s->n + 1);
	sqlite3_bind_text(s->meet, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->meet, 3, time < 0 ? -1 : time);
	if (pl_tmpdb_step(s->meet) != SQLITE_DONE)
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
	if (pl_tmpdb_step(s->forget) != SQLITE_DONE) {
		lost(s, "forget");
		return;
	}
	s->n = s->mark;
}
