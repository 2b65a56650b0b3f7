/*
 * ledger-list.c: po-ledger's lists of the ledger, written as the record
 * stream's TSV: the statements behind pl_ledger_list and
 * pl_ledger_history.
 */
#include "ledger.h"

#include <stdio.h>
#include <string.h>

#include "ledger-int.h"
#include "rec.h"

/* Write the rows of st (its parameters bound) under a header line: head,
 * or the names of its columns; with some, only when there is a row. */
static int
print(struct pl_ledger *l, sqlite3_stmt *st, const char *head, int some,
    FILE *fp, struct pl_err *e)
{
	const char *f[16];
	int i, n, rc;

	n = sqlite3_column_count(st);
	if (n > 16)
		n = 16;
	if (some && (rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			return pl_ledger_fail(l, e, PL_EXIT_IO,
			    "reading the ledger");
		return 0;
	}
	if (some)
		sqlite3_reset(st);
	if (head)
		fputs(head, fp);
	else {
		fputc('#', fp);
		for (i = 0; i < n; i++)
			fprintf(fp, "%s%s", i ? "\t" : "",
			    sqlite3_column_name(st, i));
		fputc('\n', fp);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		/* a row is written as a record would be: escaped, tabbed */
		if (pl_rec_write(fp, f, n) < 0)
			break;	/* the caller's closing of fp says so */
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return pl_ledger_fail(l, e, PL_EXIT_IO, "reading the ledger");
	return 0;
}

int
pl_ledger_list(struct pl_ledger *l, const char *name, FILE *fp,
    struct pl_err *e)
{
	static const char *const views[][2] = {
		/* a document's state: its latest decision */
		{ "orders", "SELECT committed, order_key, number, doctype, seq, "
		    "verdict, amount, currency, docid, coalesce((SELECT "
		    "x.decision FROM decision x WHERE x.docid = document.docid "
		    "ORDER BY x.id DESC LIMIT 1), 'reviewed') AS state FROM "
		    "document ORDER BY rowid" },
		/* the latest version of each order counts */
		{ "load", "SELECT l.sku, l.week, sum(l.quantity) AS "
		    "\"sum(quantity)\" FROM load l JOIN document d ON d.docid = "
		    "l.docid WHERE d.rowid = (SELECT max(rowid) FROM document d2 "
		    "WHERE d2.order_key = d.order_key) GROUP BY l.sku, l.week "
		    "ORDER BY l.sku, l.week" },
		{ "customers", "SELECT buyer, name, country, first_order, "
		    "first_seen FROM customer ORDER BY first_seen, buyer" },
		{ "property", "SELECT item, event, order_key, pos, type, "
		    "description, at FROM property_event ORDER BY id" } };
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		if (strcmp(name, views[i][0]) == 0)
			break;
	if (i == sizeof(views) / sizeof(views[0]))
		return pl_err_set(e, PL_EXIT_USAGE, NULL, 0, "cannot list '%s': "
		    "orders, load, customers, property or history KEY", name);
	/* once a run: prepared here, not kept */
	if (sqlite3_prepare_v2(l->db, views[i][1], -1, &st, NULL) != SQLITE_OK)
		return pl_ledger_fail(l, e, PL_EXIT_INTERNAL, "bad query");
	rc = print(l, st, NULL, 0, fp, e);
	sqlite3_finalize(st);
	return rc;
}

int
pl_ledger_history(struct pl_ledger *l, const char *key, FILE *fp,
    struct pl_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db, "SELECT d.committed, d.doctype, d.seq, "
	    "d.number, d.issue_date, d.verdict, d.amount, d.currency, "
	    "(SELECT count(*) FROM load WHERE load.docid = d.docid), d.docid, "
	    "d.source FROM document d WHERE d.order_key = ?1 ORDER BY d.rowid",
	    -1, &st, NULL) != SQLITE_OK)
		return pl_ledger_fail(l, e, PL_EXIT_INTERNAL, "bad query");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = print(l, st, "#committed\tdoctype\tseq\tnumber\tissue_date\t"
	    "verdict\tamount\tcurrency\tlines\tdocid\tsource\n", 0, fp, e);
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	/* then its sign-offs and decisions, when it has some */
	if (sqlite3_prepare_v2(l->db, "SELECT committed, docid, finding, "
	    "department, reviewer, decision, date, comment, file, sha256 FROM "
	    "signoff WHERE order_key = ?1 ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return pl_ledger_fail(l, e, PL_EXIT_INTERNAL, "bad query");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = print(l, st, NULL, 1, fp, e);
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(l->db, "SELECT committed, docid, decision, "
	    "departments, pending, findings, decided FROM decision WHERE "
	    "order_key = ?1 ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return pl_ledger_fail(l, e, PL_EXIT_INTERNAL, "bad query");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = print(l, st, NULL, 1, fp, e);
	sqlite3_finalize(st);
	return rc;
}
