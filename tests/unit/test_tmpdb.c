/* The private temporary database (tmpdb.h): its tables made, statements
 * stepped and reset, more rows than the page cache holds in bounded
 * memory, bad SQL said by SQLite, and a temporary folder that fills up. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "test.h"
#include "tmpdb.h"

static const char schema[] = "CREATE TABLE t (k INTEGER PRIMARY KEY, "
	"v TEXT NOT NULL); CREATE TABLE u (k TEXT PRIMARY KEY) WITHOUT ROWID";

/* n rows of 60 bytes into t; the first step that failed, or SQLITE_DONE */
static int
fill(sqlite3_stmt *add, long n)
{
	char v[64];
	long i;
	int rc = SQLITE_DONE;

	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		snprintf(v, sizeof(v), "%059ld", i * 7919);
		sqlite3_bind_int64(add, 1, i);
		sqlite3_bind_text(add, 2, v, -1, SQLITE_TRANSIENT);
		rc = pl_tmpdb_step(add);
	}
	return rc;
}

/* 200,000 rows (12 MB) kept, read back, in SQLite's heap of about the
 * page cache: the rest went to its file. */
static void
test_keep(void)
{
	sqlite3 *db;
	sqlite3_stmt *add, *get, *count;
	char v[64];

	CHECK_INT(pl_tmpdb_open(&db, schema), 0);
	CHECK_INT(pl_tmpdb_prepare(db, "INSERT INTO t VALUES (?, ?)", &add), 0);
	CHECK_INT(pl_tmpdb_prepare(db, "SELECT v FROM t WHERE k = ?", &get), 0);
	CHECK_INT(pl_tmpdb_prepare(db, "SELECT count(*) FROM t", &count), 0);
	CHECK_INT(fill(add, 200000), SQLITE_DONE);
	/* the same key again: refused, said by the step */
	sqlite3_bind_int64(add, 1, 5);
	sqlite3_bind_text(add, 2, "x", -1, SQLITE_STATIC);
	CHECK_INT(pl_tmpdb_step(add), SQLITE_CONSTRAINT);
	/* pl_tmpdb_step reset it: stepped again, it runs from the start */
	CHECK_INT(pl_tmpdb_step(count), SQLITE_ROW);
	CHECK_INT(sqlite3_step(count), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int64(count, 0), 200000);
	sqlite3_reset(count);
	sqlite3_bind_int64(get, 1, 123456);
	CHECK_INT(sqlite3_step(get), SQLITE_ROW);
	snprintf(v, sizeof(v), "%059ld", 123456L * 7919);
	CHECK_STR((const char *)sqlite3_column_text(get, 0), v);
	sqlite3_reset(get);
	CHECK(sqlite3_memory_highwater(0) <
	    4 * PL_TMPDB_CACHE_KIB * 1024LL);
	/* the statements go with the connection */
	pl_tmpdb_close(db);
	pl_tmpdb_close(NULL);
}

/* Bad SQL: -1, and SQLite says why. */
static void
test_bad(void)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;

	CHECK_INT(pl_tmpdb_open(&db, "CREATE TABLOID t (k)"), -1);
	CHECK(db != NULL && strstr(sqlite3_errmsg(db), "syntax") != NULL);
	pl_tmpdb_close(db);
	CHECK_INT(pl_tmpdb_open(&db, schema), 0);
	CHECK_INT(pl_tmpdb_prepare(db, "SELECT missing FROM t", &st), -1);
	CHECK(strstr(sqlite3_errmsg(db), "no such column") != NULL);
	pl_tmpdb_close(db);
}

/* A temporary folder that fills up (here files over 64 KiB refused): a
 * step fails, SQLite says why; the connection still closes. */
static void
test_full(void)
{
	struct rlimit old, lim;
	sqlite3 *db;
	sqlite3_stmt *add;
	int rc;

	signal(SIGXFSZ, SIG_IGN);
	CHECK_INT(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 64 * 1024;
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &lim), 0);
	CHECK_INT(pl_tmpdb_open(&db, schema), 0);
	CHECK_INT(pl_tmpdb_prepare(db, "INSERT INTO t VALUES (?, ?)", &add), 0);
	rc = fill(add, 200000);
	CHECK(rc == SQLITE_IOERR || rc == SQLITE_FULL);
	CHECK(strcmp(sqlite3_errmsg(db), "disk I/O error") == 0 ||
	    strstr(sqlite3_errmsg(db), "full") != NULL);
	pl_tmpdb_close(db);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &old), 0);
}

int
main(void)
{
	test_name = "tmpdb";
	RUN(test_keep);
	RUN(test_bad);
	RUN(test_full);
	return test_done();
}
