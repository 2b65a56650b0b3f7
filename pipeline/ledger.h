/*
 * ledger.h: the ledger, an SQLite database (schemas/ledger.sql) that tells
 * a run what earlier runs saw: customers, every version of every order,
 * the committed load per product and week, customer property.
 *
 * Opened for reading (po-check) or writing (po-ledger).  WAL mode and a
 * busy timeout let a reader run beside a writer.  The schema version is
 * SQLite's user_version: a writer creates a new ledger and migrates an
 * older one forward in one transaction; a ledger newer than this poreview
 * is refused, and so is an older one opened for reading (po-ledger init
 * upgrades it).
 */
#ifndef PL_LEDGER_H
#define PL_LEDGER_H

#include <stdio.h>

#include "err.h"

#define PL_LEDGER_VERSION 3

struct sqlite3;
struct sqlite3_stmt;

struct pl_ledger {
	struct sqlite3 *db;
	char path[256];
	struct sqlite3_stmt *st[8];	/* prepared once */
};

/* How pl_ledger_open opens: to read, to write a ledger that exists
 * (an older one is migrated), or to make one (po-ledger init alone). */
enum { PL_LEDGER_READ, PL_LEDGER_WRITE, PL_LEDGER_CREATE };

/* Open the ledger at path as write says.  -1 with e filled
 * (PL_EXIT_CONFIG for a ledger that cannot be used, an empty one included
 * unless made here, PL_EXIT_IO when it cannot be opened or is missing). */
int pl_ledger_open(struct pl_ledger *l, const char *path, int write,
    struct pl_err *e);
void pl_ledger_close(struct pl_ledger *l);

/* Reading.  Each returns -1 with e filled on a database error. */
/* 1 when the buyer (the buyer part of an order key) is known, else 0. */
int pl_ledger_known(struct pl_ledger *l, const char *buyer, struct pl_err *e);
/* Whether the order key was committed before: 0 no, 1 with the same
 * content (checksum and length), 2 only with other content. */
int pl_ledger_seen(struct pl_ledger *l, const char *key, const char *checksum,
    const char *length, struct pl_err *e);
/* The committed load of sku in week (the latest version of each order). */
int pl_ledger_load(struct pl_ledger *l, const char *sku, const char *week,
    double *q, struct pl_err *e);

/* Writing: one transaction a batch. */
int pl_ledger_begin(struct pl_ledger *l, struct pl_err *e);
int pl_ledger_end(struct pl_ledger *l, int commit, struct pl_err *e);
/* Run one statement with text parameters (NULL binds NULL); returns the
 * number of rows it changed, or -1. */
int pl_ledger_exec(struct pl_ledger *l, const char *sql, int n,
    const char *const *params, struct pl_err *e);

/* Run a query with text parameters (NULL binds NULL) and call row() for
 * each row with its columns as text (NULL for SQL NULL), valid only during
 * the call.  0, or -1 with e filled. */
int pl_ledger_each(struct pl_ledger *l, const char *sql, int n,
    const char *const *params,
    void (*row)(void *user, int ncol, const char *const *col), void *user,
    struct pl_err *e);

/* Print the rows of a query as the record stream's TSV (fields escaped),
 * with a header line naming the columns. */
int pl_ledger_print(struct pl_ledger *l, const char *sql, FILE *fp,
    struct pl_err *e);

#endif
