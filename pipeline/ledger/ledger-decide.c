/*
 * ledger-decide.c: the decisions of signed review workbooks, as
 * po-signoff read them back: the statements behind pl_ledger_signoff and
 * pl_ledger_decide.
 */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger-int.h"
#include "signoff.h"

/* What the ledger knows of a document's sign-off, every workbook's. */
struct state {
	long *n;		/* the findings to sign: numbers */
	unsigned *dept;		/* their departments, as a bit */
	unsigned char *sev;	/* 0 info, else review or reject */
	size_t nf, cap;
	long maxn;
	unsigned must;		/* departments that must review */
	unsigned pend_all;	/* of the decisions before: pending in each */
	int ndecisions;
	/* the latest decision on each finding */
	long *dn;
	unsigned char *dec;	/* 1 accept, 2 conditions, 3 decline, 4 ask */
	size_t nd, dcap;
	int failed;
};

static int
finding_row(void *ctx, sqlite3_stmt *st)
{
	struct state *s = ctx;
	const char *sev = (const char *)sqlite3_column_text(st, 2);

	if (s->nf == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		long *n = realloc(s->n, cap * sizeof(*n));
		unsigned *d = n ? realloc(s->dept, cap * sizeof(*d)) : NULL;
		unsigned char *v = d ? realloc(s->sev, cap) : NULL;

		if (n)
			s->n = n;
		if (d)
			s->dept = d;
		if (v == NULL)
			return s->failed = 1, -1;
		s->sev = v;
		s->cap = cap;
	}
	s->n[s->nf] = sqlite3_column_int64(st, 0);
	s->dept[s->nf] = pl_signoff_dept_bit((const char *)sqlite3_column_text(st, 1));
	s->sev[s->nf] = sev && strcmp(sev, "info") != 0;
	if (s->n[s->nf] > s->maxn)
		s->maxn = s->n[s->nf];
	s->nf++;
	return 0;
}

static int
latest_row(void *ctx, sqlite3_stmt *st)
{
	static const char *const words[] = { "accept", "accept-conditions",
		"decline", "ask" };
	struct state *s = ctx;
	const char *d = (const char *)sqlite3_column_text(st, 1);
	unsigned char k = 0;
	int i;

	for (i = 0; d && i < 4; i++)
		if (strcmp(d, words[i]) == 0)
			k = (unsigned char)(i + 1);
	if (s->nd == s->dcap) {
		size_t cap = s->dcap ? 2 * s->dcap : 16;
		long *n = realloc(s->dn, cap * sizeof(*n));
		unsigned char *v = n ? realloc(s->dec, cap) : NULL;

		if (n)
			s->dn = n;
		if (v == NULL)
			return s->failed = 1, -1;
		s->dec = v;
		s->dcap = cap;
	}
	s->dn[s->nd] = sqlite3_column_int64(st, 0);
	s->dec[s->nd++] = k;
	return 0;
}

static int
decision_row(void *ctx, sqlite3_stmt *st)
{
	struct state *s = ctx;
	unsigned p = pl_signoff_dept_bits((const char *)sqlite3_column_text(st, 1));

	s->must |= pl_signoff_dept_bits((const char *)sqlite3_column_text(st, 0));
	s->pend_all = s->ndecisions++ ? s->pend_all & p : p;
	return 0;
}

static int
decided(const struct state *s, long n)
{
	size_t i;

	for (i = 0; i < s->nd; i++)
		if (s->dn[i] == n)
			return 1;
	return 0;
}

/*
 * The decision of document docid from every sign-off the ledger holds of
 * it, the latest on each finding counting (po-signoff's rule, signoff.h),
 * whichever workbooks they came from: a department's own workbook (po-sheet
 * --per) or copies signed apart decide together.  Its findings are the
 * ledger's (schema 6) and the general manager's row when his approval is
 * asked and none is his; a document committed before has none kept, and
 * a department is pending then while every workbook's decision said so.
 * f is the decision record po-signoff wrote, its departments and pending
 * taken in; out gets the decision, departments, pending, findings and
 * decided, in buffers of 64.
 */
static int
derive(struct pl_ledger *l, const char *const *f, char out[5][64],
    struct pl_err *e)
{
	const char *p[1] = { f[PL_decision_docid] };
	struct state s;
	unsigned open = 0, any = 0, gm;
	size_t i;
	long need_gm = 0;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.must = pl_signoff_dept_bits(f[PL_decision_departments]);
	s.pend_all = pl_signoff_dept_bits(f[PL_decision_pending]);
	s.ndecisions = 1;
	if (pl_ledger_rows(l, Q_DOC_FINDINGS, "SELECT n, department, severity "
	    "FROM finding WHERE docid = ?1 ORDER BY n", 1, p, PL_EXIT_INTERNAL,
	    "bad query", finding_row, &s, e) < 0 ||
	    pl_ledger_rows(l, Q_LATEST, PL_LEDGER_LATEST "SELECT finding, "
	    "decision FROM latest", 1,
	    p, PL_EXIT_INTERNAL, "bad query", latest_row, &s, e) < 0 ||
	    pl_ledger_rows(l, Q_DOC_DECISIONS, "SELECT departments, pending "
	    "FROM decision WHERE docid = ?1", 1, p, PL_EXIT_INTERNAL,
	    "bad query", decision_row, &s, e) < 0)
		goto out;
	for (i = 0; i < s.nd; i++)
		any |= 1u << s.dec[i];
	if (s.nf > 0) {
		gm = pl_signoff_dept_bit("gm");
		for (i = 0; i < s.nf; i++)
			if (s.sev[i]) {
				s.must |= s.dept[i];
				if (!decided(&s, s.n[i]))
					open |= s.dept[i];
			}
		/* the general manager's own row, when no finding is his */
		need_gm = s.maxn + 1;
		for (i = 0; i < s.nf; i++)
			if (s.sev[i] && s.dept[i] == gm)
				need_gm = 0;
		if ((s.must & gm) && need_gm && !decided(&s, need_gm))
			open |= gm;
	} else
		open = s.pend_all & s.must;
	if (s.must == 0 && s.nd == 0)
		open = pl_signoff_dept_bit("sales");	/* info findings only */
	snprintf(out[0], 64, "%s", pl_signoff_state(any, open));
	pl_signoff_dept_list(s.must, out[1], 64);
	pl_signoff_dept_list(open, out[2], 64);
	snprintf(out[3], 64, "%zu", s.nf ? s.nf + (need_gm && (s.must &
	    pl_signoff_dept_bit("gm"))) : (size_t)atol(f[PL_decision_findings] ?
	    f[PL_decision_findings] : "0"));
	snprintf(out[4], 64, "%zu", s.nd);
	rc = 0;
out:
	if (s.failed)
		rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	free(s.n);
	free(s.dept);
	free(s.sev);
	free(s.dn);
	free(s.dec);
	return rc;
}

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
	char d[5][64];
	const char *g[PL_decision__N];
	int i;

	/* the document's decision from all its sign-offs, not this
	 * workbook's alone */
	if (current(l, "decision", f[PL_decision_key], f[PL_decision_docid],
	    e) < 0 || derive(l, f, d, e) < 0)
		return -1;
	for (i = 0; i < PL_decision__N; i++)
		g[i] = f[i];
	g[PL_decision_decision] = d[0];
	g[PL_decision_departments] = d[1];
	g[PL_decision_pending] = d[2];
	g[PL_decision_findings] = d[3];
	g[PL_decision_decided] = d[4];
	f = g;
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
