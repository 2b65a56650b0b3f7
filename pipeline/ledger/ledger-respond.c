/*
 * ledger-respond.c: the responses to the customer, as po-respond writes
 * them: the statements behind pl_ledger_to_answer, pl_ledger_findings and
 * pl_ledger_respond.
 */
#include "ledger.h"

#include <stdio.h>
#include <string.h>

#include "ledger-int.h"

#define TEXT(st, i) ((const char *)sqlite3_column_text(st, i))

struct call {
	int (*answer)(void *, const struct pl_ledger_answer *);
	void (*finding)(void *, const struct pl_ledger_finding *);
	void *user;
};

static int
answer_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	struct pl_ledger_answer a;

	a.key = TEXT(st, 0);
	a.docid = TEXT(st, 1);
	a.doctype = TEXT(st, 2);
	a.decision = TEXT(st, 3);
	a.decision_id = sqlite3_column_int64(st, 4);
	a.confirm = TEXT(st, 5);
	a.records = TEXT(st, 6);
	a.answered = sqlite3_column_int(st, 7);
	return c->answer(c->user, &a);
}

int
pl_ledger_to_answer(struct pl_ledger *l, const char *key,
    int (*fn)(void *user, const struct pl_ledger_answer *a), void *user,
    struct pl_err *e)
{
	struct call c = { fn, NULL, user };

	/* the latest document of each order, its latest decision, and
	 * the responses to that decision; a document is never answered
	 * for a decision on an older version of its order */
	return pl_ledger_rows(l, Q_TO_ANSWER, "SELECT d.order_key, d.docid, "
	    "d.doctype, x.decision, x.id, d.confirm, v.records, (SELECT "
	    "count(*) FROM response r WHERE r.decision = x.id) AS answered "
	    "FROM document d JOIN decision x ON x.id = (SELECT max(x2.id) "
	    "FROM decision x2 WHERE x2.docid = d.docid) LEFT JOIN version v "
	    "ON v.docid = d.docid WHERE d.rowid = (SELECT max(d2.rowid) FROM "
	    "document d2 WHERE d2.order_key = d.order_key) AND (?1 IS NULL "
	    "AND x.decision IN ('accepted', 'accepted-conditions', "
	    "'declined') AND answered = 0 OR d.order_key = ?1) ORDER BY "
	    "d.order_key", 1, &key, PL_EXIT_INTERNAL, "bad query", answer_row,
	    &c, e);
}

static int
finding_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	struct pl_ledger_finding f;

	f.n = sqlite3_column_int(st, 0);
	f.pos = TEXT(st, 1);
	f.code = TEXT(st, 2);
	f.severity = TEXT(st, 3);
	f.department = TEXT(st, 4);
	f.confirm = TEXT(st, 5);
	f.field = TEXT(st, 6);
	f.en = TEXT(st, 7);
	f.zh = TEXT(st, 8);
	f.decision = TEXT(st, 9);
	f.reviewer = TEXT(st, 10);
	f.date = TEXT(st, 11);
	f.comment = TEXT(st, 12);
	c->finding(c->user, &f);
	return 0;
}

int
pl_ledger_findings(struct pl_ledger *l, const char *docid,
    void (*fn)(void *user, const struct pl_ledger_finding *f), void *user,
    struct pl_err *e)
{
	struct call c = { NULL, fn, user };

	/* the latest sign-off on each finding (a later workbook's counts) */
	return pl_ledger_rows(l, Q_FINDINGS, PL_LEDGER_LATEST "SELECT f.n, "
	    "f.pos, f.code, f.severity, f.department, f.confirm, f.field, "
	    "f.en, f.zh, s.decision, s.reviewer, s.date, s.comment "
	    "FROM finding f LEFT JOIN latest s ON s.finding = f.n WHERE "
	    "f.docid = ?1 UNION ALL SELECT s.finding, NULL, NULL, NULL, "
	    "s.department, NULL, NULL, NULL, NULL, s.decision, s.reviewer, "
	    "s.date, s.comment FROM latest s WHERE NOT EXISTS (SELECT 1 FROM "
	    "finding f WHERE f.docid = ?1 AND f.n = s.finding) ORDER BY 1", 1,
	    &docid, PL_EXIT_INTERNAL, "bad query", finding_row, &c, e);
}

int
pl_ledger_respond(struct pl_ledger *l, const struct pl_ledger_response *r,
    struct pl_err *e)
{
	const char *p[8];
	char id[24];

	snprintf(id, sizeof(id), "%lld", r->decision_id);
	p[0] = r->key;
	p[1] = r->docid;
	p[2] = id;
	p[3] = r->kind;
	p[4] = r->file;
	p[5] = r->sha256;
	p[6] = r->today;
	return pl_ledger_run(l, Q_RESPOND, "INSERT INTO response (order_key, "
	    "docid, decision, kind, file, sha256, written) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)", 7, p, e) < 0 ? -1 : 1;
}
