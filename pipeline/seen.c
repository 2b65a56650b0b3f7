/*
 * seen.c: the run's orders and buyers in a private temporary database
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

static int
fail(struct pl_seen *s, struct pl_err *e, const char *what)
{
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot %s the run's order "
	    "keys in a temporary database: %s", what, s->db ?
	    sqlite3_errmsg(s->db) : "out of memory");
}

int
pl_seen_open(struct pl_seen *s, struct pl_err *e)
{
	char sql[160];
	int k;

	memset(s, 0, sizeof(*s));
	pl_err_clear(&s->lost);
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
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &s->add[k], NULL) != SQLITE_OK)
			goto bad;
		snprintf(sql, sizeof(sql), "SELECT crc, len FROM %s WHERE k = ?",
		    tables[k]);
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &s->get[k], NULL) != SQLITE_OK)
			goto bad;
	}
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
	sqlite3_close(s->db);
	memset(s, 0, sizeof(*s));
}

/* The database failed: say why once; no key is found from now on. */
static int
lost(struct pl_seen *s, const char *what)
{
	fail(s, &s->lost, what);
	snprintf(s->lost.msg + strlen(s->lost.msg), sizeof(s->lost.msg) -
	    strlen(s->lost.msg), " (from then on an order sent twice in the "
	    "batch was not found)");
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
	int rc;

	if (s->lost.status)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *crc);
	sqlite3_bind_int64(st, 3, *len);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return lost(s, "keep");
	if (sqlite3_changes(s->db) == 1)
		return 0;
	return pl_seen_find(s, kind, key, crc, len);
}
