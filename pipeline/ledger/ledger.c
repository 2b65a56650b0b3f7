#include "ledger.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embed.h"
#include "ledger-int.h"

/* What the review asks, prepared as the ledger opens: a ledger they do
 * not fit is not a usable one. */
static const char *const queries[] = {
	[Q_KNOWN] = "SELECT 1 FROM customer WHERE buyer = ?1",
	[Q_SEEN] = "SELECT max(checksum = ?2 AND length = ?3) FROM document "
	    "WHERE order_key = ?1",
	/* the latest version of each order counts: committed when its
	 * latest decision accepts it, tentative while it has none or it
	 * waits (pending, ask-customer), not at all when declined or
	 * rejected at review */
	[Q_LOAD] = "SELECT coalesce(sum(CASE WHEN s.d IN ('accepted', "
	    "'accepted-conditions') THEN s.q END), 0), coalesce(sum(CASE "
	    "WHEN s.d IS NULL OR s.d IN ('pending', 'ask-customer') THEN s.q "
	    "END), 0) FROM (SELECT l.quantity AS q, (SELECT x.decision FROM "
	    "decision x WHERE x.docid = d.docid ORDER BY x.id DESC LIMIT 1) "
	    "AS d FROM load l JOIN document d ON d.docid = l.docid "
	    "WHERE l.sku = ?1 AND l.week = ?2 AND coalesce(d.verdict, '') "
	    "<> 'reject' AND d.rowid = (SELECT max(rowid) FROM document d2 "
	    "WHERE d2.order_key = d.order_key)) s",
	[Q_STANDING] = "SELECT d.verdict, (SELECT x.decision FROM decision x "
	    "WHERE x.docid = d.docid ORDER BY x.id DESC LIMIT 1) FROM "
	    "document d WHERE d.docid = ?1",
};

#define fail pl_ledger_fail

int
pl_ledger_fail(struct pl_ledger *l, struct pl_err *e, int status,
    const char *what)
{
	return pl_err_set(e, status, l->path, 0, "%s: %s", what,
	    l->db ? sqlite3_errmsg(l->db) : "cannot open");
}

sqlite3_stmt *
pl_ledger_stmt(struct pl_ledger *l, int q, const char *sql, int n,
    const char *const *p, int status, const char *what, struct pl_err *e)
{
	sqlite3_stmt *st;
	int i;

	if (l->st[q] == NULL && sqlite3_prepare_v2(l->db, sql, -1, &l->st[q],
	    NULL) != SQLITE_OK) {
		l->st[q] = NULL;
		fail(l, e, status, what);
		return NULL;
	}
	st = l->st[q];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_STATIC);
	return st;
}

void
pl_ledger_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int
pl_ledger_run(struct pl_ledger *l, int q, const char *sql, int n,
    const char *const *p, struct pl_err *e)
{
	sqlite3_stmt *st;
	int rc, changed;

	if ((st = pl_ledger_stmt(l, q, sql, n, p, PL_EXIT_INTERNAL,
	    "bad statement", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	changed = sqlite3_changes(l->db);
	if (rc != SQLITE_DONE)
		fail(l, e, PL_EXIT_IO, "writing the ledger");
	pl_ledger_done(st);
	return rc == SQLITE_DONE ? changed : -1;
}

int
pl_ledger_rows(struct pl_ledger *l, int q, const char *sql, int n,
    const char *const *p, int status, const char *what,
    int (*row)(void *ctx, sqlite3_stmt *st), void *ctx, struct pl_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = pl_ledger_stmt(l, q, sql, n, p, status, what, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (row(ctx, st) < 0)
			break;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail(l, e, PL_EXIT_IO, "reading the ledger");
	pl_ledger_done(st);
	return rc == SQLITE_DONE ? 0 : -1;
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

struct pl_ledger *
pl_ledger_open(const char *path, int write, struct pl_err *e)
{
	struct pl_ledger *l;
	int flags = write == PL_LEDGER_CREATE ? SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE : write ? SQLITE_OPEN_READWRITE :
	    SQLITE_OPEN_READONLY;
	int v, i, tables = 0;
	sqlite3_stmt *st;

	if ((l = calloc(1, sizeof(*l))) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	snprintf(l->path, sizeof(l->path), "%s", path);
	if (sqlite3_open_v2(path, &l->db, flags, NULL) != SQLITE_OK) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open ledger '%s': "
		    "%s%s", path, access(path, F_OK) < 0 ? strerror(errno) :
		    l->db ? sqlite3_errmsg(l->db) : "out of memory",
		    write == PL_LEDGER_CREATE ? "" : " (po-ledger init makes one)");
		pl_ledger_close(l);
		return NULL;
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
	return l;
bad:
	pl_ledger_close(l);
	return NULL;
}

void
pl_ledger_close(struct pl_ledger *l)
{
	int i;

	if (l == NULL)
		return;
	for (i = 0; i < Q__N; i++)
		if (l->st[i])
			sqlite3_finalize(l->st[i]);
	if (l->db)
		sqlite3_close(l->db);
	free(l);
}

const char *
pl_ledger_path(const struct pl_ledger *l)
{
	return l->path;
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
    double *committed, double *tentative, struct pl_err *e)
{
	const char *p[2] = { sku, week };
	int rc = query(l, Q_LOAD, 2, p, e);

	*committed = rc == 1 ? sqlite3_column_double(l->st[Q_LOAD], 0) : 0;
	*tentative = rc == 1 ? sqlite3_column_double(l->st[Q_LOAD], 1) : 0;
	return rc < 0 ? -1 : 0;
}

int
pl_ledger_standing(struct pl_ledger *l, const char *docid, int *standing,
    struct pl_err *e)
{
	const char *p[1] = { docid };
	int rc = query(l, Q_STANDING, 1, p, e);
	const char *v, *d;

	*standing = PL_LOAD_NONE;
	if (rc != 1)
		return rc < 0 ? -1 : 0;
	v = (const char *)sqlite3_column_text(l->st[Q_STANDING], 0);
	d = (const char *)sqlite3_column_text(l->st[Q_STANDING], 1);
	if (v && strcmp(v, "reject") == 0)
		return 0;
	if (d == NULL || strcmp(d, "pending") == 0 ||
	    strcmp(d, "ask-customer") == 0)
		*standing = PL_LOAD_TENTATIVE;
	else if (strcmp(d, "accepted") == 0 ||
	    strcmp(d, "accepted-conditions") == 0)
		*standing = PL_LOAD_COMMITTED;
	return 0;
}

/* --- the versions of an order ------------------------------------------ */

#define TEXT(st, i) ((const char *)sqlite3_column_text(st, i))

/* A verb's callback and its argument, for its rows. */
struct call {
	void (*version)(void *, const struct pl_ledger_version *);
	void (*load)(void *, const char *, const char *, double);
	void *user;
};

static int
version_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	struct pl_ledger_version v = { TEXT(st, 0), TEXT(st, 1), TEXT(st, 2),
		TEXT(st, 3), TEXT(st, 4) };

	c->version(c->user, &v);
	return 0;
}

int
pl_ledger_versions(struct pl_ledger *l, const char *key,
    void (*fn)(void *user, const struct pl_ledger_version *v), void *user,
    struct pl_err *e)
{
	struct call c = { fn, NULL, user };

	return pl_ledger_rows(l, Q_VERSIONS, "SELECT d.docid, d.doctype, "
	    "d.checksum, d.length, v.records FROM document d LEFT JOIN "
	    "version v ON v.docid = d.docid WHERE d.order_key = ?1 ORDER BY "
	    "d.rowid", 1, &key, PL_EXIT_INTERNAL, "bad query", version_row, &c,
	    e);
}

static int
load_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	/* the quantity as SQLite writes it out, as it always was read
	 * back: the committed load a change takes off matches what
	 * po-check's review of it printed */
	const char *sku = TEXT(st, 0), *week = TEXT(st, 1), *q = TEXT(st, 2);

	if (sku && week && q)
		c->load(c->user, sku, week, strtod(q, NULL));
	return 0;
}

int
pl_ledger_version_load(struct pl_ledger *l, const char *docid,
    void (*fn)(void *user, const char *sku, const char *week, double q),
    void *user, struct pl_err *e)
{
	struct call c = { NULL, fn, user };

	return pl_ledger_rows(l, Q_VERSION_LOAD, "SELECT sku, week, quantity "
	    "FROM load WHERE docid = ?1", 1, &docid, PL_EXIT_INTERNAL,
	    "bad query", load_row, &c, e);
}

int
pl_ledger_first_commit(struct pl_ledger *l, const char *key,
    const char *checksum, const char *length, const char **committed,
    const char **source, const char **docid, struct pl_err *e)
{
	const char *p[3] = { key, checksum, length };
	sqlite3_stmt *st;

	if ((st = pl_ledger_stmt(l, Q_FIRST_COMMIT, "SELECT committed, "
	    "source, docid FROM document WHERE order_key = ?1 AND checksum = "
	    "?2 AND length = ?3 ORDER BY committed LIMIT 1", 3, p,
	    PL_EXIT_CONFIG, "cannot read the ledger", e)) == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		pl_ledger_done(st);
		return 0;
	}
	*committed = (const char *)sqlite3_column_text(st, 0);
	*source = (const char *)sqlite3_column_text(st, 1);
	*docid = (const char *)sqlite3_column_text(st, 2);
	if (*source == NULL)
		*source = "";
	return 1;
}

/* --- writing ------------------------------------------------------------- */

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

/* The items a document announces: an expect event each. */
static int
expect(struct pl_ledger *l, const struct pl_ledger_doc *d, size_t i,
    struct pl_err *e)
{
	const struct pl_order *o = d->o;
	const struct pl_order_item *it = &o->item[i];
	const char *p[9];
	char item[64];

	snprintf(item, sizeof(item), "%s/%s/%zu", o->f[PL_order_docid],
	    it->f[PL_custprop_pos] ? it->f[PL_custprop_pos] : "", i);
	p[0] = item;
	p[1] = o->f[PL_order_key];
	p[2] = o->f[PL_order_docid];
	p[3] = it->f[PL_custprop_pos];
	p[4] = it->f[PL_custprop_type];
	p[5] = it->f[PL_custprop_description];
	p[6] = it->f[PL_custprop_quantity];
	p[7] = it->f[PL_custprop_unit];
	p[8] = d->today;
	return pl_ledger_run(l, Q_EXPECT, "INSERT OR IGNORE INTO "
	    "property_event (item, event, order_key, docid, pos, type, "
	    "description, quantity, unit, who, at) VALUES (?, 'expect', ?, ?, "
	    "?, ?, ?, ?, ?, 'po-ledger', ?)", 9, p, e);
}

/* A finding of the document, numbered n as po-signoff numbers it: what
 * po-respond tells the customer, and where a sign-off's conditions
 * apply. */
static int
finding(struct pl_ledger *l, const struct pl_order_item *it, int n,
    struct pl_err *e)
{
	const char *p[10];
	char num[16];
	int k;

	snprintf(num, sizeof(num), "%d", n);
	p[0] = it->f[PL_finding_docid];
	p[1] = num;
	for (k = PL_finding_pos; k <= PL_finding_zh; k++)
		p[2 + k - PL_finding_pos] = it->f[k];
	return pl_ledger_run(l, Q_FINDING, "INSERT OR IGNORE INTO finding "
	    "(docid, n, pos, code, severity, department, confirm, field, en, "
	    "zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 10, p, e);
}

int
pl_ledger_commit(struct pl_ledger *l, const struct pl_ledger_doc *d,
    struct pl_err *e)
{
	const struct pl_order *o = d->o;
	struct pl_buf buyer;
	const char *p[15];
	size_t i;
	int rc, nfinding = 0;

	pl_buf_init(&buyer);
	pl_order_buyer(o, &buyer);
	p[0] = buyer.s;
	p[1] = o->f[PL_order_buyer_name];
	p[2] = o->f[PL_order_buyer_country];
	p[3] = o->f[PL_order_key];
	p[4] = d->today;
	rc = pl_ledger_run(l, Q_CUSTOMER, "INSERT OR IGNORE INTO customer "
	    "(buyer, name, country, first_order, first_seen) VALUES (?, ?, ?, "
	    "?, ?)", 5, p, e);
	p[0] = o->f[PL_order_docid];
	p[1] = o->f[PL_order_key];
	p[2] = buyer.s;
	p[3] = o->f[PL_order_number];
	p[4] = o->f[PL_order_doctype];
	p[5] = o->f[PL_order_seq];
	p[6] = o->f[PL_order_checksum];
	p[7] = o->f[PL_order_length];
	p[8] = o->f[PL_order_source];
	p[9] = o->f[PL_order_issue_date];
	p[10] = o->f[PL_order_currency];
	p[11] = d->amount;
	p[12] = d->verdict;
	p[13] = d->today;
	p[14] = d->confirm;
	if (rc >= 0)
		/* a change that states no sequence number comes after the
		 * highest version the ledger has */
		rc = pl_ledger_run(l, Q_DOCUMENT, "INSERT OR IGNORE INTO "
		    "document (docid, order_key, buyer, number, doctype, seq, "
		    "checksum, length, source, issue_date, currency, amount, "
		    "verdict, committed, confirm) VALUES (?1, ?2, ?3, ?4, ?5, "
		    "coalesce(?6, (SELECT coalesce(max(seq), -1) + 1 FROM "
		    "document WHERE order_key = ?2)), ?7, ?8, ?9, ?10, ?11, ?12, "
		    "?13, ?14, ?15)", 15, p, e);
	pl_buf_release(&buyer);
	if (rc <= 0)		/* committed before: change nothing */
		return rc;
	p[0] = o->f[PL_order_docid];
	p[1] = d->records;
	if (pl_ledger_run(l, Q_VERSION, "INSERT OR IGNORE INTO version "
	    "(docid, records) VALUES (?, ?)", 2, p, e) < 0)
		return -1;
	for (i = 0; i < o->nitem; i++) {
		const struct pl_order_item *it = &o->item[i];

		if (strcmp(it->f[0], "load") == 0)
			rc = pl_ledger_run(l, Q_LOAD_ROW, "INSERT OR IGNORE INTO "
			    "load (docid, pos, sku, week, quantity) VALUES (?, ?, "
			    "?, ?, ?)", 5, it->f + PL_load_docid, e);
		else if (strcmp(it->f[0], "custprop") == 0)
			rc = expect(l, d, i, e);
		else if (strcmp(it->f[0], "finding") == 0)
			rc = finding(l, it, ++nfinding, e);
		if (rc < 0)
			return -1;
	}
	return 1;
}
