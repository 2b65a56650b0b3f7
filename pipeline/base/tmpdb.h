/*
 * tmpdb.h: a private temporary SQLite database, for what a run meets and
 * must keep until its end without holding it in memory: the keys seen.c
 * finds twice, the findings po-signoff decides each order from
 * (signoff.c), the shared strings of a large workbook read back (xlsx.c).
 * Not the ledger: the ledger is the one room that speaks to it
 * (ledger/).
 *
 * SQLite keeps the database in its page cache, PL_TMPDB_CACHE_KIB at
 * most, then in a file of its own in SQLITE_TMPDIR or TMPDIR that it
 * deletes when the connection closes.  One transaction stays open from
 * the open to the close and nothing is ever committed, so there is no
 * journal and no sync: a run's memory for it is bounded whatever it
 * keeps.  A temporary folder that fills up makes a statement fail
 * (SQLITE_FULL, sqlite3_errmsg() says so).
 *
 * Ownership: pl_tmpdb_open() sets a connection closed by
 * pl_tmpdb_close() (NULL is allowed), which finalizes any statement
 * pl_tmpdb_prepare() made on it first.
 */
#ifndef PL_TMPDB_H
#define PL_TMPDB_H

#define PL_TMPDB_CACHE_KIB 512	/* the page cache of each */

struct sqlite3;
struct sqlite3_stmt;

/*
 * Open a temporary database into *db and run sql in it (its tables, ";"
 * between statements).  0, or -1: *db NULL when memory ran out, else open
 * for sqlite3_errmsg() to say why (close it).
 */
int pl_tmpdb_open(struct sqlite3 **db, const char *sql);
void pl_tmpdb_close(struct sqlite3 *db);

/* Prepare sql into *st for the life of db.  0, or -1 (sqlite3_errmsg()). */
int pl_tmpdb_prepare(struct sqlite3 *db, const char *sql,
    struct sqlite3_stmt **st);

/* Run st, bound by the caller, one step; reset it and clear its bindings
 * whatever came.  SQLite's result: SQLITE_DONE, SQLITE_ROW (its columns
 * are gone: step a query yourself) or an error. */
int pl_tmpdb_step(struct sqlite3_stmt *st);

#endif
