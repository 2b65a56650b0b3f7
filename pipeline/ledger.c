#include "ledger.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "embed.h"
#include "rec.h"

enum { Q_KNOWN, Q_SEEN, Q_LOAD };

static const char *const queries[] = {
	"SELECT 1 FROM customer WHERE buyer = ?1",
	"SELECT max(checksum = ?2 AND length = ?3) FROM document "
	    "WHERE order_key = ?1",
	/* the latest version of each order counts */
	"SELECT coalesce(sum(l.quantity), 0) FROM load l JOIN document d "
	    "ON d.docid = l.docid WHERE l.sku = ?1 AND l.week = ?2 AND "
	    "d.rowid = (SELECT max(rowid) FROM document d2 "
	    "WHERE d2.order_key = d.order_key)",
};

static int
fail(struct pl_ledger *l, struct pl_err *e, int status, const char *what)
{
	return pl_err_set(e, status, l->path, 0, "%s: %s", what,
	    l->db ? sqlite3_errmsg(l->db) : "cannot open");
}

static int
version(struct pl_ledger *l, int *v, struct pl_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return fail(l, e, PL_EXIT_CONFIG, "not a ledger");
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(l, e, PL_EXIT_CONFIG, "not a ledger");
	return 0;
}

/* Bring a ledger of version v up to PL_LEDGER_VERSION, in one
 * transaction: schemas/ledger.sql makes version 1, ledger-N.sql goes from
 * version N-1 to N. */
static int
migrate(struct pl_ledger *l, int v, struct pl_err *e)
{
	const char *sql;
	size_t len;
	char *err = NULL;
	char set[64], step[32];

	if (sqlite3_exec(l->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return fail(l, e, PL_EXIT_IO, "cannot lock the ledger");
	for (v++; v <= PL_LEDGER_VERSION; v++) {
		if (v == 1)
			snprintf(step, sizeof(step), "ledger.sql");
		else
			snprintf(step, sizeof(step), "ledger-%d.sql", v);
		if ((sql = pl_embedded(step, &len)) == NULL ||
		    sqlite3_exec(l->db, sql, NULL, NULL, &err) != SQLITE_OK) {
			pl_err_set(e, PL_EXIT_CONFIG, l->path, 0, "cannot %s the "
			    "ledger (%s): %s", v == 1 ? "create" : "upgrade", step,
			    err ? err : "no schema built in");
			sqlite3_free(err);
			sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	snprintf(set, sizeof(set), "PRAGMA user_version = %d",
	    PL_LEDGER_VERSION);
	if (sqlite3_exec(l->db, set, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
		return fail(l, e, PL_EXIT_IO, "cannot upgrade the ledger");
	}
	return 0;
}

int
pl_ledger_open(struct pl_ledger *l, const char *path, int write,
    struct pl_err *e)
{
	int flags = write == PL_LEDGER_CREATE ? SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE : write ? SQLITE_OPEN_READWRITE :
	    SQLITE_OPEN_READONLY;
	int v, i, tables = 0;
	sqlite3_stmt *st;

	memset(l, 0, sizeof(*l));
	snprintf(l->path, sizeof(l->path), "%s", path);
	if (sqlite3_open_v2(path, &l->db, flags, NULL) != SQLITE_OK) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open ledger '%s': "
		    "%s%s", path, access(path, F_OK) < 0 ? strerror(errno) :
		    l->db ? sqlite3_errmsg(l->db) : "out of memory",
		    write == PL_LEDGER_CREATE ? "" : " (po-ledger init makes one)");
		pl_ledger_close(l);
		return -1;
	}
	sqlite3_busy_timeout(l->db, 10000);
	if (version(l, &v, e) < 0)
		goto bad;
	if (v == 0 && sqlite3_prepare_v2(l->db, "SELECT count(*) FROM "
	    "sqlite_master", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			tables = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (tables > 0) {
			pl_err_set(e, PL_EXIT_CONFIG, l->path, 0, "not a poreview "
			    "ledger (a database with other tables)");
			goto bad;
		}
	}
	if (v > PL_LEDGER_VERSION) {
		pl_err_set(e, PL_EXIT_CONFIG, l->path, 0, "ledger schema version "
		    "%d is newer than this poreview's (%d): use a newer poreview",
		    v, PL_LEDGER_VERSION);
		goto bad;
	}
	if (v < PL_LEDGER_VERSION && (!write || (v == 0 &&
	    write != PL_LEDGER_CREATE))) {
		pl_err_set(e, PL_EXIT_CONFIG, l->path, 0, v == 0 ? "an empty "
		    "ledger: po-ledger init makes one" : "ledger schema version "
		    "%d is older than this poreview's: po-ledger init upgrades it",
		    v);
		goto bad;
	}
	if (write) {
		if (sqlite3_exec(l->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL) != SQLITE_OK) {
			fail(l, e, PL_EXIT_IO, "cannot use WAL mode");
			goto bad;
		}
		if (v < PL_LEDGER_VERSION && migrate(l, v, e) < 0)
			goto bad;
	}
	sqlite3_exec(l->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	for (i = 0; i < (int)(sizeof(queries) / sizeof(queries[0])); i++)
		if (sqlite3_prepare_v2(l->db, queries[i], -1, &l->st[i], NULL) !=
		    SQLITE_OK) {
			fail(l, e, PL_EXIT_CONFIG, "not a usable ledger");
			goto bad;
		}
	return 0;
bad:
	pl_ledger_close(l);
	return -1;
}

void
pl_ledger_close(struct pl_ledger *l)
{
	int i;

	for (i = 0; i < 8; i++)
		if (l->st[i])
			sqlite3_finalize(l->st[i]);
	if (l->db)
		sqlite3_close(l->db);
	memset(l->st, 0, sizeof(l->st));
	l->db = NULL;
}

/* Run prepared query q with text parameters; leaves it on its first row.
 * Returns 1 row, 0 none, -1 error. */
static int
query(struct pl_ledger *l, int q, int n, const char *const *p,
    struct pl_err *e)
{
	sqlite3_stmt *st = l->st[q];
	int i, rc;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(l, e, PL_EXIT_IO, "reading the ledger");
}

int
pl_ledger_known(struct pl_ledger *l, const char *buyer, struct pl_err *e)
{
	const char *p[1] = { buyer };

	return query(l, Q_KNOWN, 1, p, e);
}

int
pl_ledger_seen(struct pl_ledger *l, const char *key, const char *checksum,
    const char *length, struct pl_err *e)
{
	const char *p[3] = { key, checksum, length };
	int rc = query(l, Q_SEEN, 3, p, e);

	if (rc <= 0)
		return rc;
	if (sqlite3_column_type(l->st[Q_SEEN], 0) == SQLITE_NULL)
		return 0;
	return sqlite3_column_int(l->st[Q_SEEN], 0) ? 1 : 2;
}

int
pl_ledger_load(struct pl_ledger *l, const char *sku, const char *week,
    double *q, struct pl_err *e)
{
	const char *p[2] = { sku, week };
	int rc = query(l, Q_LOAD, 2, p, e);

	*q = rc == 1 ? sqlite3_column_double(l->st[Q_LOAD], 0) : 0;
	return rc < 0 ? -1 : 0;
}

int
pl_ledger_begin(struct pl_ledger *l, struct pl_err *e)
{
	if (sqlite3_exec(l->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return fail(l, e, PL_EXIT_IO, "cannot lock the ledger");
	return 0;
}

int
pl_ledger_end(struct pl_ledger *l, int commit, struct pl_err *e)
{
	if (sqlite3_exec(l->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL,
	    NULL) != SQLITE_OK) {
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
		return fail(l, e, PL_EXIT_IO, "cannot commit to the ledger");
	}
	return 0;
}

int
pl_ledger_exec(struct pl_ledger *l, const char *sql, int n,
    const char *const *params, struct pl_err *e)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(l, e, PL_EXIT_INTERNAL, "bad statement");
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(l, e, PL_EXIT_IO, "writing the ledger");
	return sqlite3_changes(l->db);
}

int
pl_ledger_print(struct pl_ledger *l, const char *sql, FILE *fp,
    struct pl_err *e)
{
	const char *f[16];
	sqlite3_stmt *st;
	int i, n, rc;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(l, e, PL_EXIT_INTERNAL, "bad query");
	n = sqlite3_column_count(st);
	if (n > 16)
		n = 16;
	fputc('#', fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? "\t" : "", sqlite3_column_name(st, i));
	fputc('\n', fp);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		/* a row is written as a record would be: escaped, tabbed */
		if (pl_rec_write(fp, f, n) < 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(l, e, PL_EXIT_IO, "reading the ledger");
	return 0;
}

int
pl_ledger_each(struct pl_ledger *l, const char *sql, int n,
    const char *const *params,
    void (*row)(void *user, int ncol, const char *const *col), void *user,
    struct pl_err *e)
{
	const char *col[16];
	sqlite3_stmt *st;
	int i, nc, rc;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(l, e, PL_EXIT_INTERNAL, "bad query");
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
	nc = sqlite3_column_count(st);
	if (nc > 16)
		nc = 16;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < nc; i++)
			col[i] = (const char *)sqlite3_column_text(st, i);
		row(user, nc, col);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(l, e, PL_EXIT_IO, "reading the ledger");
	return 0;
}
