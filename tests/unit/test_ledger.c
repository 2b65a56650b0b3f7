/* The ledger (ledger.h) on temporary databases: made new, refused when
 * empty, foreign or newer, migrated from schema 1, 2, 3 and 4 ledgers
 * laid out by hand as those versions made them (their data kept), a
 * commit made twice changing nothing, an order's versions replayed oldest
 * first with their content and load, the first commit of a document, the
 * customer-property log appended to and replayed, and the log's triggers
 * refusing an UPDATE or a DELETE; sign-offs and decisions appended once,
 * refused for a document the ledger does not have or an older version,
 * the latest decision an order's state; a document's findings kept with
 * it and read back with their latest sign-offs, the orders to answer (the
 * latest document of each order, its latest decision final and not yet
 * answered) and the response log appended to, never changed.  The test speaks SQL itself only to lay
 * out old ledgers and to look at what the verbs wrote. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger.h"
#include "test.h"

static char dir[] = "/tmp/test_ledger.XXXXXX";

/* A fresh path in the test's folder. */
static const char *
path(const char *name)
{
	static char p[2][128];
	static int n;

	n = !n;
	snprintf(p[n], sizeof(p[n]), "%s/%s", dir, name);
	return p[n];
}

/* Run sql on the database at db (made if missing); 0 or an SQLite code. */
static int
sql(const char *db, const char *text)
{
	sqlite3 *h;
	int rc;

	if (sqlite3_open(db, &h) != SQLITE_OK)
		return SQLITE_CANTOPEN;
	rc = sqlite3_exec(h, text, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

/* The first column of the first row of query, as text ("" for none). */
static const char *
one(const char *db, const char *query)
{
	static char out[4096];
	sqlite3 *h;
	sqlite3_stmt *st;

	*out = '\0';
	if (sqlite3_open(db, &h) != SQLITE_OK)
		return out;
	if (sqlite3_prepare_v2(h, query, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(out, sizeof(out), "%s",
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return out;
}

/* Every row of every table, as text: what a commit may change. */
static const char *
content(const char *db)
{
	static char out[8192];
	char q[2048];

	snprintf(q, sizeof(q), "SELECT (SELECT group_concat(buyer || '|' || "
	    "coalesce(name, '') || '|' || first_seen, ';') FROM customer) || "
	    "'#' || (SELECT group_concat(docid || '|' || seq || '|' || "
	    "committed, ';') FROM document) || '#' || (SELECT group_concat("
	    "docid || '|' || length(records), ';') FROM version) || '#' || "
	    "(SELECT group_concat(docid || '|' || pos || '|' || sku || '|' || "
	    "quantity, ';') FROM load) || '#' || (SELECT group_concat(id || "
	    "'|' || item || '|' || event || '|' || at, ';') FROM "
	    "property_event)");
	snprintf(out, sizeof(out), "%s", one(db, q));
	return out;
}

/* Schema 1 as 0466a9a made it (schemas/ledger.sql then). */
static const char schema1[] =
	"CREATE TABLE customer (buyer TEXT PRIMARY KEY, name TEXT, country "
	"TEXT, first_order TEXT NOT NULL, first_seen TEXT NOT NULL);"
	"CREATE TABLE document (docid TEXT PRIMARY KEY, order_key TEXT NOT "
	"NULL, buyer TEXT NOT NULL REFERENCES customer(buyer), number TEXT, "
	"doctype TEXT NOT NULL, seq INTEGER NOT NULL, checksum TEXT NOT NULL, "
	"length INTEGER NOT NULL, source TEXT, issue_date TEXT, currency TEXT, "
	"amount REAL, verdict TEXT, committed TEXT NOT NULL);"
	"CREATE INDEX document_order ON document(order_key);"
	"CREATE UNIQUE INDEX document_content ON document(order_key, checksum, "
	"length);"
	"CREATE TABLE load (docid TEXT NOT NULL REFERENCES document(docid), "
	"pos INTEGER NOT NULL, sku TEXT NOT NULL, week TEXT NOT NULL, quantity "
	"REAL NOT NULL, PRIMARY KEY (docid, pos, sku));"
	"CREATE INDEX load_week ON load(sku, week);"
	"CREATE TABLE property_event (id INTEGER PRIMARY KEY, item TEXT NOT "
	"NULL, event TEXT NOT NULL, order_key TEXT, docid TEXT, pos INTEGER, "
	"type TEXT, description TEXT, quantity REAL, unit TEXT, note TEXT, who "
	"TEXT NOT NULL, at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX property_expect ON property_event(item, event) "
	"WHERE event = 'expect';";

/* What schema 2 added (3982b2c's schemas/ledger-2.sql). */
static const char schema2[] =
	"ALTER TABLE property_event ADD COLUMN condition TEXT;"
	"ALTER TABLE property_event ADD COLUMN location TEXT;"
	"CREATE TRIGGER property_event_no_update BEFORE UPDATE ON "
	"property_event BEGIN SELECT RAISE(ABORT, 'the customer-property log "
	"is append-only'); END;"
	"CREATE TRIGGER property_event_no_delete BEFORE DELETE ON "
	"property_event BEGIN SELECT RAISE(ABORT, 'the customer-property log "
	"is append-only'); END;"
	"CREATE INDEX property_item ON property_event(item, id);";

/* An order of buyer 0088:B committed on 2026-10-01: one line of 40
 * W-1 in 2026-W45, and a drawing the customer lends. */
static const char data1[] =
	"INSERT INTO customer VALUES ('0088:B', 'Buyer Ltd', 'BE', "
	"'0088:B/PO-1', '2026-10-01');"
	"INSERT INTO document VALUES ('D1', '0088:B/PO-1', '0088:B', 'PO-1', "
	"'order', 0, 'aaaa0001', 100, 'po-1.xml', '2026-09-30', 'EUR', 400, "
	"'regular', '2026-10-01');"
	"INSERT INTO load VALUES ('D1', 1, 'W-1', '2026-W45', 40);"
	"INSERT INTO property_event (item, event, order_key, docid, pos, type, "
	"description, who, at) VALUES ('D1/1/3', 'expect', '0088:B/PO-1', "
	"'D1', 1, 'drawing', 'Drawing 7', 'po-ledger', '2026-10-01');";

static void
test_new(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	const char *p = path("new.db");

	pl_err_clear(&e);
	/* reading or writing one that is not there: po-ledger init makes it */
	CHECK(pl_ledger_open(p, PL_LEDGER_READ, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_IO);
	CHECK(strstr(e.msg, "po-ledger init makes one") != NULL);
	CHECK(pl_ledger_open(p, PL_LEDGER_WRITE, &e) == NULL);
	CHECK(access(p, F_OK) < 0);
	CHECK((l = pl_ledger_open(p, PL_LEDGER_CREATE, &e)) != NULL);
	CHECK_STR(pl_ledger_path(l), p);
	pl_ledger_close(l);
	CHECK_STR(one(p, "PRAGMA user_version"), "6");
	CHECK_STR(one(p, "PRAGMA journal_mode"), "wal");
	CHECK_STR(one(p, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('customer', 'document', 'load', 'property_event', 'version', "
	    "'signoff', 'decision', 'finding', 'response')"), "9");
	/* made again: as it was */
	CHECK((l = pl_ledger_open(p, PL_LEDGER_CREATE, &e)) != NULL);
	pl_ledger_close(l);
	CHECK_STR(one(p, "PRAGMA user_version"), "6");
	pl_ledger_close(NULL);
}

static void
test_refused(void)
{
	struct pl_err e;
	const char *p;

	pl_err_clear(&e);
	/* an empty database: made only by po-ledger init */
	p = path("empty.db");
	CHECK_INT(sql(p, "PRAGMA user_version = 0"), SQLITE_OK);
	CHECK(pl_ledger_open(p, PL_LEDGER_WRITE, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK(strstr(e.msg, "an empty ledger") != NULL);
	/* someone else's database */
	p = path("other.db");
	CHECK_INT(sql(p, "CREATE TABLE t (x)"), SQLITE_OK);
	CHECK(pl_ledger_open(p, PL_LEDGER_CREATE, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK(strstr(e.msg, "other tables") != NULL);
	/* a newer poreview's */
	p = path("newer.db");
	CHECK_INT(sql(p, "CREATE TABLE t (x); PRAGMA user_version = 7"),
	    SQLITE_OK);
	CHECK(pl_ledger_open(p, PL_LEDGER_WRITE, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK(strstr(e.msg, "newer than this poreview's (6)") != NULL);
	CHECK_STR(one(p, "PRAGMA user_version"), "7");
}

/* What a schema-1 to 5 ledger's data reads as, brought to 6. */
static void
migrated(const char *p, int from)
{
	struct pl_ledger *l;
	struct pl_err e;
	char v[8];
	double q = 0, t = 0;

	pl_err_clear(&e);
	snprintf(v, sizeof(v), "%d", from);
	CHECK_STR(one(p, "PRAGMA user_version"), v);
	/* reading an older ledger is refused; writing upgrades it */
	CHECK(pl_ledger_open(p, PL_LEDGER_READ, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK(strstr(e.msg, "older than this poreview's") != NULL);
	CHECK_STR(one(p, "PRAGMA user_version"), v);
	CHECK((l = pl_ledger_open(p, PL_LEDGER_WRITE, &e)) != NULL);
	pl_ledger_close(l);
	CHECK_STR(one(p, "PRAGMA user_version"), "6");
	CHECK_STR(one(p, "SELECT count(*) FROM version"), "0");
	CHECK_STR(one(p, "SELECT count(*) FROM property_event WHERE "
	    "condition IS NULL AND location IS NULL"), "1");
	/* the property log's two, schema 5's for sign-offs and decisions,
	 * schema 6's for the responses */
	CHECK_STR(one(p, "SELECT count(*) FROM sqlite_master WHERE type = "
	    "'trigger'"), "8");
	CHECK_STR(one(p, "SELECT count(*) FROM signoff"), "0");
	CHECK_STR(one(p, "SELECT count(*) FROM decision"), from == 5 ? "1" :
	    "0");
	/* schema 6: no findings kept, no confirm, no responses, for the
	 * documents committed before */
	CHECK_STR(one(p, "SELECT count(*) FROM finding"), "0");
	CHECK_STR(one(p, "SELECT count(*) FROM response"), "0");
	CHECK_STR(one(p, "SELECT count(*) FROM document WHERE confirm IS "
	    "NULL"), "1");
	/* schema 4: each event's delivery, none for the old rows */
	CHECK_STR(one(p, "SELECT count(*) FROM property_event WHERE "
	    "delivery IS NULL"), "1");
	/* the data reads back through the verbs */
	if ((l = pl_ledger_open(p, PL_LEDGER_READ, &e)) == NULL) {
		CHECK(l != NULL);
		return;
	}
	CHECK_INT(pl_ledger_known(l, "0088:B", &e), 1);
	CHECK_INT(pl_ledger_known(l, "0088:C", &e), 0);
	CHECK_INT(pl_ledger_seen(l, "0088:B/PO-1", "aaaa0001", "100", &e), 1);
	CHECK_INT(pl_ledger_seen(l, "0088:B/PO-1", "aaaa0002", "100", &e), 2);
	CHECK_INT(pl_ledger_seen(l, "0088:B/PO-2", "aaaa0001", "100", &e), 0);
	/* an order not decided (committed before decisions were kept):
	 * tentative; the schema-5 ledger's D1 was accepted: committed */
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W45", &q, &t, &e), 0);
	CHECK(from < 5 ? q == 0 && t == 40 : q == 40 && t == 0);
	pl_ledger_close(l);
}

static void
test_migrate_from_1(void)
{
	const char *p = path("v1.db");
	char text[sizeof(schema1) + sizeof(data1) + 64];

	snprintf(text, sizeof(text), "%s%sPRAGMA user_version = 1;", schema1,
	    data1);
	CHECK_INT(sql(p, text), SQLITE_OK);
	migrated(p, 1);
}

static void
test_migrate_from_2(void)
{
	const char *p = path("v2.db");
	char text[sizeof(schema1) + sizeof(schema2) + sizeof(data1) + 64];

	snprintf(text, sizeof(text), "%s%s%sPRAGMA user_version = 2;", schema1,
	    schema2, data1);
	CHECK_INT(sql(p, text), SQLITE_OK);
	migrated(p, 2);
}

/* What schema 3 added (ledger-3.sql). */
static const char schema3[] =
	"CREATE TABLE version (docid TEXT PRIMARY KEY REFERENCES "
	"document(docid), records TEXT NOT NULL);";

static void
test_migrate_from_3(void)
{
	const char *p = path("v3.db");
	char text[sizeof(schema1) + sizeof(schema2) + sizeof(schema3) +
	    sizeof(data1) + 64];

	snprintf(text, sizeof(text), "%s%s%s%sPRAGMA user_version = 3;",
	    schema1, schema2, schema3, data1);
	CHECK_INT(sql(p, text), SQLITE_OK);
	migrated(p, 3);
	/* the log stays append-only, the new column too */
	CHECK_INT(sql(p, "UPDATE property_event SET delivery = 1"),
	    SQLITE_CONSTRAINT);
}

/* What schema 4 added (ledger-4.sql). */
static const char schema4[] =
	"ALTER TABLE property_event ADD COLUMN delivery INTEGER;";

static void
test_migrate_from_4(void)
{
	const char *p = path("v4.db");
	char text[sizeof(schema1) + sizeof(schema2) + sizeof(schema3) +
	    sizeof(schema4) + sizeof(data1) + 64];

	snprintf(text, sizeof(text), "%s%s%s%s%sPRAGMA user_version = 4;",
	    schema1, schema2, schema3, schema4, data1);
	CHECK_INT(sql(p, text), SQLITE_OK);
	migrated(p, 4);
	/* the order committed under version 4 takes decisions */
	CHECK_STR(one(p, "SELECT count(*) FROM document WHERE docid = 'D1'"),
	    "1");
}

/* What schema 5 added (ledger-5.sql): its tables, as the version
 * tested reads them. */
static const char schema5[] =
	"CREATE TABLE signoff (id INTEGER PRIMARY KEY, order_key TEXT NOT "
	"NULL, docid TEXT NOT NULL REFERENCES document(docid), finding INTEGER "
	"NOT NULL, department TEXT NOT NULL, reviewer TEXT NOT NULL, decision "
	"TEXT NOT NULL, date TEXT NOT NULL, comment TEXT, file TEXT NOT NULL, "
	"sha256 TEXT NOT NULL, committed TEXT NOT NULL);"
	"CREATE UNIQUE INDEX signoff_once ON signoff(docid, finding, sha256);"
	"CREATE TRIGGER signoff_no_update BEFORE UPDATE ON signoff BEGIN "
	"SELECT RAISE(ABORT, 'append-only'); END;"
	"CREATE TRIGGER signoff_no_delete BEFORE DELETE ON signoff BEGIN "
	"SELECT RAISE(ABORT, 'append-only'); END;"
	"CREATE TABLE decision (id INTEGER PRIMARY KEY, order_key TEXT NOT "
	"NULL, docid TEXT NOT NULL REFERENCES document(docid), decision TEXT "
	"NOT NULL, departments TEXT, pending TEXT, findings INTEGER, decided "
	"INTEGER, through INTEGER NOT NULL, committed TEXT NOT NULL);"
	"CREATE INDEX decision_docid ON decision(docid, id);"
	"CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision BEGIN "
	"SELECT RAISE(ABORT, 'append-only'); END;"
	"CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision BEGIN "
	"SELECT RAISE(ABORT, 'append-only'); END;"
	"INSERT INTO decision VALUES (1, '0088:B/PO-1', 'D1', 'accepted', "
	"'sales', '', 1, 0, 0, '2026-10-02');";

static void
test_migrate_from_5(void)
{
	const char *p = path("v5.db");
	char text[sizeof(schema1) + sizeof(schema2) + sizeof(schema3) +
	    sizeof(schema4) + sizeof(schema5) + sizeof(data1) + 64];

	snprintf(text, sizeof(text), "%s%s%s%s%s%sPRAGMA user_version = 5;",
	    schema1, schema2, schema3, schema4, data1, schema5);
	CHECK_INT(sql(p, text), SQLITE_OK);
	migrated(p, 5);
	/* its decision kept, now an order to answer */
	CHECK_STR(one(p, "SELECT decision FROM decision WHERE docid = 'D1'"),
	    "accepted");
}

/* A failed step leaves the ledger as it was: schema 2 cannot be applied
 * to a schema-1 ledger that already has its column. */
static void
test_migrate_rolls_back(void)
{
	struct pl_err e;
	const char *p = path("half.db");
	char text[sizeof(schema1) + 128];

	pl_err_clear(&e);
	snprintf(text, sizeof(text), "%sALTER TABLE property_event ADD "
	    "COLUMN location TEXT; PRAGMA user_version = 1;", schema1);
	CHECK_INT(sql(p, text), SQLITE_OK);
	CHECK(pl_ledger_open(p, PL_LEDGER_WRITE, &e) == NULL);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK(strstr(e.msg, "ledger-2.sql") != NULL);
	CHECK_STR(one(p, "PRAGMA user_version"), "1");
	CHECK_STR(one(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'version' OR type = 'trigger'"), "0");
}

/* Documents of order 0088:B/PO-7 as po-check writes them. */
struct doc {
	struct pl_order o;
	char *f[PL_order__N];
};

static void
doc(struct doc *d, const char *docid, const char *doctype, const char *seq,
    const char *checksum, const char *qty, int prop)
{
	char *load[PL_load__N] = { "load", "0088:B/PO-7", (char *)docid, "1",
		"W-1", "2026-W50", (char *)qty };
	char *cp[PL_custprop__N] = { "custprop", "0088:B/PO-7",
		(char *)docid, "1", "tooling", "Mould 12", "2", "C62", "rule" };
	size_t i;

	pl_order_init(&d->o);
	for (i = 0; i < PL_order__N; i++)
		d->f[i] = "";
	d->f[PL_order_kind] = "order";
	d->f[PL_order_key] = "0088:B/PO-7";
	d->f[PL_order_docid] = (char *)docid;
	d->f[PL_order_source] = "po-7.xml";
	d->f[PL_order_doctype] = (char *)doctype;
	d->f[PL_order_seq] = (char *)seq;
	d->f[PL_order_number] = "PO-7";
	d->f[PL_order_buyer_id] = "B";
	d->f[PL_order_buyer_scheme] = "0088";
	d->f[PL_order_buyer_name] = "Buyer Ltd";
	d->f[PL_order_checksum] = (char *)checksum;
	d->f[PL_order_length] = "1234";
	CHECK_INT(pl_order_add_record(&d->o, d->f, PL_order__N), 0);
	CHECK_INT(pl_order_keep(&d->o, load, PL_load__N), 0);
	if (prop)
		CHECK_INT(pl_order_keep(&d->o, cp, PL_custprop__N), 0);
}

static int
commit(struct pl_ledger *l, struct doc *d, const char *records,
    const char *today)
{
	struct pl_ledger_doc c = { &d->o, "regular", "100", records, today,
	    NULL };
	struct pl_err e;
	int rc;

	pl_err_clear(&e);
	if (pl_ledger_begin(l, &e) < 0)
		return -1;
	rc = pl_ledger_commit(l, &c, &e);
	if (pl_ledger_end(l, rc >= 0, &e) < 0)
		return -1;
	return rc;
}

/* A new ledger at p with order document docid committed on 2026-11-01
 * (40 W-1 in 2026-W50, a mould lent with prop set); NULL when it could
 * not be made. */
static struct pl_ledger *
made(const char *p, const char *docid, const char *checksum, int prop,
    const char *records)
{
	struct pl_ledger *l;
	struct pl_err e;
	struct doc d;

	pl_err_clear(&e);
	if ((l = pl_ledger_open(p, PL_LEDGER_CREATE, &e)) == NULL) {
		CHECK(!"a new ledger");
		return NULL;
	}
	doc(&d, docid, "order", "0", checksum, "40", prop);
	CHECK_INT(commit(l, &d, records, "2026-11-01"), 1);
	pl_order_release(&d.o);
	return l;
}

static void
test_commit_twice(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	struct doc d;
	const char *p = path("twice.db"), *when, *src, *docid;
	char before[8192];

	pl_err_clear(&e);
	if ((l = made(p, "DOC1", "c0000001", 1, "order\tthe content\n")) ==
	    NULL)
		return;
	snprintf(before, sizeof(before), "%s", content(p));
	CHECK_STR(before, "0088:B|Buyer Ltd|2026-11-01#DOC1|0|2026-11-01#"
	    "DOC1|18#DOC1|1|W-1|40.0#1|DOC1/1/1|expect|2026-11-01");
	/* the same document again, another day: nothing changes */
	doc(&d, "DOC1", "order", "0", "c0000001", "40", 1);
	CHECK_INT(commit(l, &d, "order\tthe content\n", "2026-11-02"), 0);
	CHECK_STR(content(p), before);
	/* the same content under another docid changes nothing either */
	pl_order_release(&d.o);
	doc(&d, "DOC1b", "order", "0", "c0000001", "41", 1);
	CHECK_INT(commit(l, &d, "order\tother\n", "2026-11-03"), 0);
	CHECK_STR(content(p), before);
	CHECK_INT(pl_ledger_first_commit(l, "0088:B/PO-7", "c0000001", "1234",
	    &when, &src, &docid, &e), 1);
	CHECK_STR(when, "2026-11-01");
	CHECK_STR(src, "po-7.xml");
	CHECK_STR(docid, "DOC1");
	CHECK_INT(pl_ledger_first_commit(l, "0088:B/PO-7", "c0000002", "1234",
	    &when, &src, &docid, &e), 0);
	pl_order_release(&d.o);
	pl_ledger_close(l);
}

struct replay {
	char seen[512];
	int n;
};

static void
on_version(void *user, const struct pl_ledger_version *v)
{
	struct replay *r = user;
	size_t len = strlen(r->seen);

	snprintf(r->seen + len, sizeof(r->seen) - len, "%s%s %s %s %s %s",
	    r->n++ ? "; " : "", v->docid, v->doctype, v->checksum, v->length,
	    v->records ? v->records : "(none)");
}

static void
on_load(void *user, const char *sku, const char *week, double q)
{
	struct replay *r = user;
	size_t len = strlen(r->seen);

	snprintf(r->seen + len, sizeof(r->seen) - len, "%s %s %g;", sku,
	    week, q);
}

static void
test_versions(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	struct doc d;
	struct replay r;
	const char *p = path("versions.db");
	double q = 0, t = 0;

	pl_err_clear(&e);
	if ((l = made(p, "V0", "c0000010", 0, "v0")) == NULL)
		return;
	/* changes that state no sequence number follow the highest */
	doc(&d, "V1", "change", "", "c0000011", "50", 0);
	CHECK_INT(commit(l, &d, "v1", "2026-11-02"), 1);
	pl_order_release(&d.o);
	doc(&d, "V2", "change", "", "c0000012", "30.5", 0);
	CHECK_INT(commit(l, &d, "v2", "2026-11-03"), 1);
	pl_order_release(&d.o);
	CHECK_STR(one(p, "SELECT group_concat(seq, ',') FROM (SELECT seq FROM "
	    "document ORDER BY rowid)"), "0,1,2");
	/* a version committed before the ledger kept content */
	CHECK_INT(sql(p, "DELETE FROM version WHERE docid = 'V1'"), SQLITE_OK);
	memset(&r, 0, sizeof(r));
	CHECK_INT(pl_ledger_versions(l, "0088:B/PO-7", on_version, &r, &e), 0);
	CHECK_STR(r.seen, "V0 order c0000010 1234 v0; V1 change c0000011 1234 "
	    "(none); V2 change c0000012 1234 v2");
	memset(&r, 0, sizeof(r));
	CHECK_INT(pl_ledger_versions(l, "0088:B/PO-8", on_version, &r, &e), 0);
	CHECK_INT(r.n, 0);
	/* each version's load; the latest counts */
	memset(&r, 0, sizeof(r));
	CHECK_INT(pl_ledger_version_load(l, "V1", on_load, &r, &e), 0);
	CHECK_INT(pl_ledger_version_load(l, "V2", on_load, &r, &e), 0);
	CHECK_STR(r.seen, "W-1 2026-W50 50;W-1 2026-W50 30.5;");
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 0 && t == 30.5);
	pl_ledger_close(l);
}

struct log {
	char seen[1024];
};

static void
on_event(void *user, const struct pl_ledger_event *ev)
{
	struct log *g = user;
	size_t len = strlen(g->seen);

	snprintf(g->seen + len, sizeof(g->seen) - len, "%s %s %s %s %s %s%s;",
	    ev->event, ev->quantity ? ev->quantity : "-", ev->unit ? ev->unit :
	    "-", ev->location ? ev->location : "-", ev->who, ev->at,
	    ev->delivery ? " #1" : "");
}

static int
on_item(void *user, const struct pl_ledger_item *it)
{
	struct log *g = user;
	size_t len = strlen(g->seen);

	snprintf(g->seen + len, sizeof(g->seen) - len, "%s %s %s %s %g %s;",
	    it->item, it->customer, it->number, it->type, it->expected,
	    it->docid);
	return 0;
}

static void
test_property_log(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	struct log g;
	const char *p = path("property.db");
	struct pl_ledger_event rec = { "P1/1/1", "receive", "2", "", "", "rack 4",
		"", "anna", "2026-11-05", 0, 1 };
	struct pl_ledger_event none = { "P9/1/1", "receive", "", "", "", "x",
		"", "anna", "2026-11-05", 0, 0 };
	char week[16];

	pl_err_clear(&e);
	if ((l = made(p, "P1", "c0000020", 1, "p1")) == NULL)
		return;
	CHECK_INT(pl_ledger_begin(l, &e), 0);
	CHECK_INT(pl_ledger_append(l, &rec, &e), 1);
	CHECK_INT(pl_ledger_append(l, &none, &e), 0);
	CHECK_INT(pl_ledger_end(l, 1, &e), 0);
	memset(&g, 0, sizeof(g));
	CHECK_INT(pl_ledger_item_log(l, "P1/1/1", on_event, &g, &e), 0);
	CHECK_STR(g.seen, "expect 2.0 C62 - po-ledger 2026-11-01;"
	    "receive 2.0 C62 rack 4 anna 2026-11-05 #1;");
	memset(&g, 0, sizeof(g));
	CHECK_INT(pl_ledger_items(l, on_item, &g, &e), 0);
	CHECK_STR(g.seen, "P1/1/1 Buyer Ltd PO-7 tooling 2 P1;");
	CHECK_INT(pl_ledger_first_week(l, "P1", "1", week, &e), 1);
	CHECK_STR(week, "2026-W50");
	CHECK_INT(pl_ledger_first_week(l, "P1", "", week, &e), 1);
	CHECK_INT(pl_ledger_first_week(l, "P1", "2", week, &e), 0);
	CHECK_STR(week, "");
	pl_ledger_close(l);
	/* append-only: the schema refuses an edit or a deletion */
	CHECK_INT(sql(p, "UPDATE property_event SET at = '2026-01-01'"),
	    SQLITE_CONSTRAINT);
	CHECK_INT(sql(p, "DELETE FROM property_event WHERE event = 'receive'"),
	    SQLITE_CONSTRAINT);
	CHECK_STR(one(p, "SELECT count(*) || ' ' || max(at) FROM "
	    "property_event"), "2 2026-11-05");
	/* a receive's delivery number is kept, the expect event has none */
	CHECK_STR(one(p, "SELECT group_concat(coalesce(delivery, '-'), ' ') "
	    "FROM property_event"), "- 1");
}

static void
test_lists(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	const char *p = path("lists.db");
	char buf[2048];
	FILE *fp = tmpfile();
	size_t n;

	pl_err_clear(&e);
	CHECK(fp != NULL);
	if (fp == NULL || (l = made(p, "L1", "c0000030", 0, "l1")) == NULL) {
		if (fp)
			fclose(fp);
		return;
	}
	CHECK_INT(pl_ledger_list(l, "load", fp, &e), 0);
	CHECK_INT(pl_ledger_history(l, "0088:B/PO-7", fp, &e), 0);
	CHECK_INT(pl_ledger_list(l, "nothing", fp, &e), -1);
	CHECK_INT(e.status, PL_EXIT_USAGE);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	CHECK_STR(buf, "#sku\tweek\tsum(quantity)\nW-1\t2026-W50\t40.0\n"
	    "#committed\tdoctype\tseq\tnumber\tissue_date\tverdict\tamount\t"
	    "currency\tlines\tdocid\tsource\n2026-11-01\torder\t0\tPO-7\t\t"
	    "regular\t100.0\t\t1\tL1\tpo-7.xml\n");
	fclose(fp);
	pl_ledger_close(l);
}

/* Append record f (a signoff or a decision, of order 0088:B/PO-7) in a
 * transaction of its own. */
static int
append(struct pl_ledger *l, const char *const *f, struct pl_err *e)
{
	int rc;

	if (pl_ledger_begin(l, e) < 0)
		return -1;
	rc = strcmp(f[0], "signoff") == 0 ? pl_ledger_signoff(l, f,
	    "2026-12-02", e) : pl_ledger_decide(l, f, "2026-12-02", e);
	pl_ledger_end(l, rc >= 0, NULL);
	return rc;
}

/* A signoff record of document docid: finding n decided as decision by
 * workbook sha. */
static int
signoff(struct pl_ledger *l, const char *docid, const char *n,
    const char *decision, const char *sha, struct pl_err *e)
{
	const char *f[PL_signoff__N] = { "signoff", "0088:B/PO-7", docid, n,
		"sales", "Li Na", decision, "2026-12-01", "", "signed.xlsx",
		sha };

	return append(l, f, e);
}

/* A decision record of document docid. */
static int
decide(struct pl_ledger *l, const char *docid, const char *decision,
    struct pl_err *e)
{
	const char *f[PL_decision__N] = { "decision", "0088:B/PO-7", docid,
		decision, "sales", "", "1", "1" };

	return append(l, f, e);
}

static void
test_decisions(void)
{
	struct pl_ledger *l;
	struct pl_err e;
	struct doc d;
	const char *p = path("decide.db");
	char buf[1024];
	FILE *fp;
	size_t n;
	double q, t;
	int k;

	pl_err_clear(&e);
	if ((l = made(p, "E1", "c0000040", 0, "e1")) == NULL)
		return;
	/* reviewed, not decided: its load is tentative */
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 0 && t == 40);
	CHECK_INT(pl_ledger_standing(l, "E1", &k, &e), 0);
	CHECK_INT(k, PL_LOAD_TENTATIVE);
	/* a workbook's decision, and the same workbook again */
	CHECK_INT(signoff(l, "E1", "1", "accept", "aa", &e), 1);
	CHECK_INT(decide(l, "E1", "accepted", &e), 1);
	/* accepted: committed */
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 40 && t == 0);
	CHECK_INT(pl_ledger_standing(l, "E1", &k, &e), 0);
	CHECK_INT(k, PL_LOAD_COMMITTED);
	CHECK_INT(signoff(l, "E1", "1", "accept", "aa", &e), 0);
	CHECK_INT(decide(l, "E1", "accepted", &e), 0);
	CHECK_STR(one(p, "SELECT count(*) || '/' || (SELECT count(*) FROM "
	    "decision) FROM signoff"), "1/1");
	/* a later workbook's decision is a new row; the latest counts */
	CHECK_INT(signoff(l, "E1", "1", "decline", "bb", &e), 1);
	CHECK_INT(decide(l, "E1", "declined", &e), 1);
	CHECK_STR(one(p, "SELECT group_concat(decision, ' ') FROM decision"),
	    "accepted declined");
	/* declined: its load is gone */
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 0 && t == 0);
	CHECK_INT(pl_ledger_standing(l, "E1", &k, &e), 0);
	CHECK_INT(k, PL_LOAD_NONE);
	/* a document the ledger does not have: refused by its key */
	CHECK_INT(signoff(l, "E9", "1", "accept", "cc", &e), -1);
	CHECK_INT(e.status, PL_EXIT_DATA);
	CHECK(strstr(e.msg, "order '0088:B/PO-7'") != NULL);
	CHECK(strstr(e.msg, "does not have") != NULL);
	CHECK_INT(decide(l, "E9", "accepted", &e), -1);
	/* the lists: the order's state, its sign-offs and decisions */
	if ((fp = tmpfile()) != NULL) {
		CHECK_INT(pl_ledger_list(l, "orders", fp, &e), 0);
		CHECK_INT(pl_ledger_history(l, "0088:B/PO-7", fp, &e), 0);
		rewind(fp);
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		CHECK_STR(buf, "#committed\torder_key\tnumber\tdoctype\tseq\t"
		    "verdict\tamount\tcurrency\tdocid\tstate\n2026-11-01\t"
		    "0088:B/PO-7\tPO-7\torder\t0\tregular\t100.0\t\tE1\t"
		    "declined\n"
		    "#committed\tdoctype\tseq\tnumber\tissue_date\tverdict\t"
		    "amount\tcurrency\tlines\tdocid\tsource\n2026-11-01\torder"
		    "\t0\tPO-7\t\tregular\t100.0\t\t1\tE1\tpo-7.xml\n"
		    "#committed\tdocid\tfinding\tdepartment\treviewer\t"
		    "decision\tdate\tcomment\tfile\tsha256\n"
		    "2026-12-02\tE1\t1\tsales\tLi Na\taccept\t2026-12-01\t\t"
		    "signed.xlsx\taa\n"
		    "2026-12-02\tE1\t1\tsales\tLi Na\tdecline\t2026-12-01\t\t"
		    "signed.xlsx\tbb\n"
		    "#committed\tdocid\tdecision\tdepartments\tpending\t"
		    "findings\tdecided\n"
		    "2026-12-02\tE1\taccepted\tsales\t\t1\t1\n"
		    "2026-12-02\tE1\tdeclined\tsales\t\t1\t1\n");
		fclose(fp);
	}
	/* a newer version of the order: the older one's workbook is
	 * refused, saying so */
	doc(&d, "E2", "change", "1", "c0000041", "50", 0);
	CHECK_INT(commit(l, &d, "e2", "2026-11-05"), 1);
	pl_order_release(&d.o);
	CHECK_INT(signoff(l, "E1", "2", "accept", "dd", &e), -1);
	CHECK_INT(e.status, PL_EXIT_DATA);
	CHECK(strstr(e.msg, "for an older version (document E1)") != NULL);
	CHECK_INT(decide(l, "E1", "accepted", &e), -1);
	CHECK(strstr(e.msg, "newer one (document E2)") != NULL);
	/* the change's 50, not decided: tentative, whatever the order it
	 * changes was decided; waiting for the customer: still tentative */
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 0 && t == 50);
	CHECK_INT(signoff(l, "E2", "1", "ask", "ee", &e), 1);
	CHECK_INT(decide(l, "E2", "ask-customer", &e), 1);
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 0 && t == 50);
	CHECK_INT(signoff(l, "E2", "1", "accept", "dd", &e), 1);
	CHECK_INT(decide(l, "E2", "accepted-conditions", &e), 1);
	CHECK_INT(pl_ledger_load(l, "W-1", "2026-W50", &q, &t, &e), 0);
	CHECK(q == 50 && t == 0);
	pl_ledger_close(l);
	/* the logs are append-only */
	CHECK_INT(sql(p, "UPDATE signoff SET decision = 'accept'"),
	    SQLITE_CONSTRAINT);
	CHECK_INT(sql(p, "DELETE FROM signoff"), SQLITE_CONSTRAINT);
	CHECK_INT(sql(p, "UPDATE decision SET decision = 'accepted'"),
	    SQLITE_CONSTRAINT);
	CHECK_INT(sql(p, "DELETE FROM decision"), SQLITE_CONSTRAINT);
	CHECK_STR(one(p, "SELECT count(*) || '/' || (SELECT count(*) FROM "
	    "decision) FROM signoff"), "4/4");
}

struct seen {
	char s[1024];
};

static int
on_answer(void *user, const struct pl_ledger_answer *a)
{
	struct seen *w = user;
	size_t n = strlen(w->s);

	snprintf(w->s + n, sizeof(w->s) - n, "%s %s %s %lld %s %d %s;", a->key,
	    a->docid, a->decision, a->decision_id, a->confirm ? a->confirm :
	    "-", a->answered, a->records ? a->records : "-");
	return 0;
}

static void
on_finding(void *user, const struct pl_ledger_finding *f)
{
	struct seen *w = user;
	size_t n = strlen(w->s);

	snprintf(w->s + n, sizeof(w->s) - n, "%d %s %s %s %s %s;", f->n,
	    f->pos ? f->pos : "-", f->code ? f->code : "-", f->confirm ?
	    f->confirm : "-", f->decision ? f->decision : "-", f->comment ?
	    f->comment : "-");
}

/* Findings kept at commit, read back with their latest sign-off; the
 * orders to answer; the response log. */
static void
test_responses(void)
{
	char *find[PL_finding__N] = { "finding", "0088:B/PO-7", "R1", "1",
		"prop-outside", "review", "production", "written", "prop:Length",
		"Property \"Length: 12 m\" is outside", "属性" };
	char *find2[PL_finding__N] = { "finding", "0088:B/PO-7", "R1", "",
		"new-customer", "info", "sales", "", "", "New", "新" };
	const char *so[PL_signoff__N] = { "signoff", "0088:B/PO-7", "R1", "1",
		"production", "Li Na", "accept-conditions", "2026-12-01",
		"line 1: quantity 30", "signed.xlsx", "aa" };
	struct pl_ledger_response resp = { "0088:B/PO-7", "R1", 0, "ubl",
		"x.xml", "ab", "2026-12-03" };
	struct pl_ledger_doc c;
	struct pl_ledger *l;
	struct pl_err e;
	struct seen w;
	struct doc d;
	const char *p = path("respond.db");

	pl_err_clear(&e);
	if ((l = pl_ledger_open(p, PL_LEDGER_CREATE, &e)) == NULL) {
		CHECK(!"a new ledger");
		return;
	}
	doc(&d, "R1", "order", "0", "c0000050", "40", 0);
	CHECK_INT(pl_order_keep(&d.o, find, PL_finding__N), 0);
	CHECK_INT(pl_order_keep(&d.o, find2, PL_finding__N), 0);
	c.o = &d.o;
	c.verdict = "special";
	c.amount = "100";
	c.records = "order\tr1\n";
	c.today = "2026-11-01";
	c.confirm = "written";
	CHECK_INT(pl_ledger_begin(l, &e), 0);
	CHECK_INT(pl_ledger_commit(l, &c, &e), 1);
	CHECK_INT(pl_ledger_end(l, 1, &e), 0);
	pl_order_release(&d.o);
	CHECK_STR(one(p, "SELECT group_concat(n || ':' || coalesce(pos, '-') "
	    "|| ':' || code || ':' || coalesce(confirm, '-'), ' ') FROM "
	    "finding"), "1:1:prop-outside:written 2:-:new-customer:-");
	CHECK_STR(one(p, "SELECT confirm FROM document"), "written");
	/* reviewed, not decided: nothing to answer */
	memset(&w, 0, sizeof(w));
	CHECK_INT(pl_ledger_to_answer(l, NULL, on_answer, &w, &e), 0);
	CHECK_STR(w.s, "");
	/* Sales accepts its information: Production's finding waits, the
	 * order is pending whatever the record says */
	so[3] = "2";
	so[4] = "sales";
	so[6] = "accept";
	so[8] = "";
	CHECK_INT(append(l, so, &e), 1);
	CHECK_INT(decide(l, "R1", "accepted", &e), 1);
	CHECK_STR(one(p, "SELECT decision || ' ' || pending FROM decision"),
	    "pending production");
	CHECK_INT(pl_ledger_to_answer(l, NULL, on_answer, &w, &e), 0);
	CHECK_STR(w.s, "");
	/* with --again the order is named whatever its decision */
	CHECK_INT(pl_ledger_to_answer(l, "0088:B/PO-7", on_answer, &w, &e), 0);
	CHECK_STR(w.s, "0088:B/PO-7 R1 pending 1 written 0 order\tr1\n;");
	/* a final decision: to answer, once */
	so[3] = "1";
	so[4] = "production";
	so[6] = "accept-conditions";
	so[8] = "line 1: quantity 30";
	so[10] = "bb";
	CHECK_INT(append(l, so, &e), 1);
	CHECK_INT(decide(l, "R1", "accepted-conditions", &e), 1);
	memset(&w, 0, sizeof(w));
	CHECK_INT(pl_ledger_to_answer(l, NULL, on_answer, &w, &e), 0);
	CHECK_STR(w.s, "0088:B/PO-7 R1 accepted-conditions 2 written 0 "
	    "order\tr1\n;");
	memset(&w, 0, sizeof(w));
	CHECK_INT(pl_ledger_findings(l, "R1", on_finding, &w, &e), 0);
	CHECK_STR(w.s, "1 1 prop-outside written accept-conditions line 1: "
	    "quantity 30;2 - new-customer - accept -;");
	resp.decision_id = 2;
	CHECK_INT(pl_ledger_respond(l, &resp, &e), 1);
	memset(&w, 0, sizeof(w));
	CHECK_INT(pl_ledger_to_answer(l, NULL, on_answer, &w, &e), 0);
	CHECK_STR(w.s, "");
	CHECK_INT(pl_ledger_to_answer(l, "0088:B/PO-7", on_answer, &w, &e), 0);
	CHECK_STR(w.s, "0088:B/PO-7 R1 accepted-conditions 2 written 1 "
	    "order\tr1\n;");
	/* a newer version of the order, not decided: the older one's
	 * decision is no longer answered */
	doc(&d, "R2", "change", "1", "c0000051", "50", 0);
	CHECK_INT(commit(l, &d, "r2", "2026-11-05"), 1);
	pl_order_release(&d.o);
	memset(&w, 0, sizeof(w));
	CHECK_INT(pl_ledger_to_answer(l, "0088:B/PO-7", on_answer, &w, &e), 0);
	CHECK_STR(w.s, "");
	pl_ledger_close(l);
	CHECK_INT(sql(p, "UPDATE response SET file = 'y'"), SQLITE_CONSTRAINT);
	CHECK_INT(sql(p, "DELETE FROM response"), SQLITE_CONSTRAINT);
	CHECK_STR(one(p, "SELECT decision || ' ' || kind || ' ' || file || ' ' "
	    "|| sha256 || ' ' || written FROM response"),
	    "2 ubl x.xml ab 2026-12-03");
}

int
main(void)
{
	char cmd[64];

	test_name = "test_ledger";
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_new);
	RUN(test_refused);
	RUN(test_migrate_from_1);
	RUN(test_migrate_from_2);
	RUN(test_migrate_from_3);
	RUN(test_migrate_from_4);
	RUN(test_migrate_from_5);
	RUN(test_migrate_rolls_back);
	RUN(test_commit_twice);
	RUN(test_versions);
	RUN(test_property_log);
	RUN(test_lists);
	RUN(test_decisions);
	RUN(test_responses);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
	return test_done();
}
