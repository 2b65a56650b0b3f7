/*
 * ledger-decide.c: the decisions of signed review workbooks, as
 * po-signoff read them back: the statements behind pl_ledger_signoff and
 * pl_ledger_decide.
 */
#include "ledger.h"

#include <string.h>

#include "ledger-int.h"

/* A field as bound: an empty one is not stated. */
static const char *
val(const char *s)
{
	return s && *s ? s : NULL;
}

/* Whether docid is the latest document of the order key: 0, or -1 with e
 * filled (PL_EXIT_DATA when the ledger has no such document of the key,
 * or a newer one). */
static int
current(struct pl_ledger *l, const char *kind, const char *key,
    const char *docid, struct pl_err *e)
{
	const char *p[2] = { key, docid };
	sqlite3_stmt *st;
	const char *newer;
	int rc;

	/* the document, and the latest of its order */
	if ((st = pl_ledger_stmt(l, Q_CURRENT, "SELECT d.order_key = ?1, "
	    "(SELECT d2.docid FROM document d2 WHERE d2.order_key = ?1 ORDER "
	    "BY d2.rowid DESC LIMIT 1) FROM document d WHERE d.docid = ?2", 2,
	    p, PL_EXIT_INTERNAL, "bad query", e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		pl_ledger_done(st);
		if (rc != SQLITE_DONE)
			return pl_ledger_fail(l, e, PL_EXIT_IO,
			    "reading the ledger");
		return pl_err_set(e, PL_EXIT_DATA, NULL, 0, "order '%s': a %s "
		    "of document %s, which the ledger does not have: refused "
		    "(commit its review first)", key, kind, docid);
	}
	if (!sqlite3_column_int(st, 0)) {
		pl_ledger_done(st);
		return pl_err_set(e, PL_EXIT_DATA, NULL, 0, "order '%s': a %s "
		    "of document %s, which the ledger has for another order: "
		    "refused", key, kind, docid);
	}
	newer = (const char *)sqlite3_column_text(st, 1);
	if (newer && strcmp(newer, docid) != 0) {
		pl_err_set(e, PL_EXIT_DATA, NULL, 0, "order '%s': the workbook "
		    "is for an older version (document %s); the ledger has a "
		    "newer one (document %s): its %s is refused", key, docid,
		    newer, kind);
		pl_ledger_done(st);
		return -1;
	}
	pl_ledger_done(st);
	return 0;
}

/* Append record f (its n fields after the kind, key and docid first) of
 * kind with statement q, today its last parameter, when its document is
 * the latest of its order. */
static int
append(struct pl_ledger *l, const char *kind, const char *const *f, int n,
    const char *today, int q, const char *sql, struct pl_err *e)
{
	const char *p[16];
	int i;

	if (current(l, kind, f[1], f[2], e) < 0)
		return -1;
	for (i = 0; i < n && i < 15; i++)
		p[i] = val(f[1 + i]);
	p[i] = today;
	return pl_ledger_run(l, q, sql, i + 1, p, e);
}

int
pl_ledger_signoff(struct pl_ledger *l, const char *const *f,
    const char *today, struct pl_err *e)
{
	return append(l, "signoff", f, PL_signoff__N - 1, today, Q_SIGNOFF,
	    "INSERT OR IGNORE INTO signoff (order_key, docid, finding, "
	    "department, reviewer, decision, date, comment, file, sha256, "
	    "committed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
}

int
pl_ledger_decide(struct pl_ledger *l, const char *const *f,
    const char *today, struct pl_err *e)
{
	/* kept when the document has none yet, or sign-offs came since
	 * its latest: committing a workbook again changes nothing */
	return append(l, "decision", f, PL_decision__N - 1, today, Q_DECIDE,
	    "INSERT INTO decision (order_key, docid, decision, departments, "
	    "pending, findings, decided, through, committed) SELECT ?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(id), 0) FROM signoff "
	    "WHERE docid = ?2), ?8 WHERE coalesce((SELECT through FROM "
	    "decision WHERE docid = ?2 ORDER BY id DESC LIMIT 1), -1) < "
	    "(SELECT coalesce(max(id), 0) FROM signoff WHERE docid = ?2)", e);
}
