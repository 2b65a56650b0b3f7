/*
 * ledger-int.h: what the ledger's own files (ledger.c, ledger-property.c,
 * ledger-decide.c, ledger-respond.c, ledger-list.c) share and no other file may see: the
 * database handle and its statements, prepared once each, when first
 * used.
 */
#ifndef PL_LEDGER_INT_H
#define PL_LEDGER_INT_H

#include <sqlite3.h>

#include "ledger.h"

/* The statements, by the verb that runs them. */
enum {
	Q_KNOWN, Q_SEEN, Q_LOAD, Q_STANDING, Q_VERSIONS, Q_VERSION_LOAD, Q_FIRST_COMMIT,
	Q_CUSTOMER, Q_DOCUMENT, Q_VERSION, Q_LOAD_ROW, Q_EXPECT,
	Q_ITEM_LOG, Q_APPEND, Q_ITEMS, Q_FIRST_WEEK,
	Q_CURRENT, Q_SIGNOFF, Q_DECIDE,
	Q_FINDING, Q_TO_ANSWER, Q_FINDINGS, Q_RESPOND,
	Q_LATEST, Q_DOC_FINDINGS, Q_DOC_DECISIONS,
	Q__N
};

/*
 * The latest sign-off on each finding of document ?1, as a table named
 * latest: the one decision that counts when a later workbook signed a
 * finding again (decisions are appended, never updated).  The answer to
 * the customer (ledger-respond.c) and the derived decision
 * (ledger-decide.c) read the same rows.
 */
#define PL_LEDGER_LATEST "WITH latest AS (SELECT s.* FROM signoff s " \
	"WHERE s.docid = ?1 AND s.id = (SELECT max(x.id) FROM signoff x " \
	"WHERE x.docid = s.docid AND x.finding = s.finding)) "

struct pl_ledger {
	sqlite3 *db;
	char path[256];
	sqlite3_stmt *st[Q__N];
};

/* Statement q (its text sql, prepared the first time), reset, its
 * bindings cleared, the n text parameters p bound (NULL binds NULL;
 * borrowed until pl_ledger_done).  NULL with e filled, "what: SQLite's
 * message" with status, when it cannot be prepared. */
sqlite3_stmt *pl_ledger_stmt(struct pl_ledger *l, int q, const char *sql,
    int n, const char *const *p, int status, const char *what,
    struct pl_err *e);

/* Reset a statement pl_ledger_stmt gave (NULL is allowed), so it holds
 * no row and no parameter. */
void pl_ledger_done(sqlite3_stmt *st);

/* Run statement q to its end: the number of rows it changed, or -1 with
 * e filled ("writing the ledger"; "bad statement" when it cannot be
 * prepared). */
int pl_ledger_run(struct pl_ledger *l, int q, const char *sql, int n,
    const char *const *p, struct pl_err *e);

/* Run query q as pl_ledger_stmt and call row() for each row, the
 * statement on it; row returns 0 to go on, or -1 to stop (having filled
 * what it reports).  0, or -1 with e filled ("reading the ledger" when a
 * step failed) or as row left it. */
int pl_ledger_rows(struct pl_ledger *l, int q, const char *sql, int n,
    const char *const *p, int status, const char *what,
    int (*row)(void *ctx, sqlite3_stmt *st), void *ctx, struct pl_err *e);

/* Fill e: "what: SQLite's message", for the ledger's file. */
int pl_ledger_fail(struct pl_ledger *l, struct pl_err *e, int status,
    const char *what);

#endif
