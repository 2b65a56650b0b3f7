/*
 * tmpdb.c: a private temporary SQLite database (tmpdb.h).
 */
#include "tmpdb.h"

#include <sqlite3.h>
#include <stdio.h>

int
pl_tmpdb_open(struct sqlite3 **db, const char *sql)
{
	char set[128];

	*db = NULL;
	/* "": a private database on disk, in SQLITE_TMPDIR or TMPDIR */
	if (sqlite3_open_v2("", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK)
		return -1;
	snprintf(set, sizeof(set), "PRAGMA cache_size = -%d; PRAGMA "
	    "journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN",
	    PL_TMPDB_CACHE_KIB);
	if (sqlite3_exec(*db, set, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(*db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

void
pl_tmpdb_close(struct sqlite3 *db)
{
	struct sqlite3_stmt *st;

	if (db == NULL)
		return;
	while ((st = sqlite3_next_stmt(db, NULL)) != NULL)
		sqlite3_finalize(st);
	sqlite3_close(db);
}

int
pl_tmpdb_prepare(struct sqlite3 *db, const char *sql,
    struct sqlite3_stmt **st)
{
	return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) == SQLITE_OK ? 0 : -1;
}

int
pl_tmpdb_step(struct sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}
