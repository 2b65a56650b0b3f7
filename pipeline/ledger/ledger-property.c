/*
 * ledger-property.c: the customer-property log in the ledger
 * (property_event, append-only) and the register's view of it: the
 * statements behind ledger.h's property verbs.
 */
#include "ledger.h"

#include <stdio.h>
#include <string.h>

#include "ledger-int.h"

#define TEXT(st, i) ((const char *)sqlite3_column_text(st, i))

/* A verb's callback and its argument, for its rows. */
struct call {
	void (*event)(void *, const struct pl_ledger_event *);
	int (*item)(void *, const struct pl_ledger_item *);
	void *user;
};

static int
event_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	struct pl_ledger_event ev;

	ev.q = sqlite3_column_double(st, 2);
	ev.item = TEXT(st, 0);
	ev.event = TEXT(st, 1);
	ev.quantity = TEXT(st, 2);
	ev.unit = TEXT(st, 3);
	ev.condition = TEXT(st, 4);
	ev.location = TEXT(st, 5);
	ev.note = TEXT(st, 6);
	ev.who = TEXT(st, 7);
	ev.at = TEXT(st, 8);
	ev.delivery = sqlite3_column_int(st, 9);
	c->event(c->user, &ev);
	return 0;
}

int
pl_ledger_item_log(struct pl_ledger *l, const char *item,
    void (*fn)(void *user, const struct pl_ledger_event *ev), void *user,
    struct pl_err *e)
{
	struct call c = { fn, NULL, user };

	return pl_ledger_rows(l, Q_ITEM_LOG, "SELECT item, event, quantity, "
	    "unit, condition, location, note, who, at, delivery FROM "
	    "property_event "
	    "WHERE item = ?1 ORDER BY id", 1, &item, PL_EXIT_IO,
	    "reading the ledger", event_row, &c, e);
}

static const char *
stated(const char *s)
{
	return s && *s ? s : NULL;
}

int
pl_ledger_append(struct pl_ledger *l, const struct pl_ledger_event *ev,
    struct pl_err *e)
{
	char del[16];
	const char *p[10] = { ev->item, ev->event, stated(ev->quantity),
		stated(ev->unit), stated(ev->condition), stated(ev->location),
		stated(ev->note), ev->who, ev->at, ev->delivery > 0 ? del : NULL };

	snprintf(del, sizeof(del), "%d", ev->delivery);

	/* the order the item came with is on its expect event */
	return pl_ledger_run(l, Q_APPEND, "INSERT INTO property_event (item, "
	    "event, order_key, docid, pos, type, description, quantity, unit, "
	    "condition, location, note, who, at, delivery) SELECT ?1, ?2, "
	    "order_key, docid, pos, type, description, ?3, coalesce(?4, unit), "
	    "?5, ?6, ?7, ?8, ?9, ?10 FROM property_event WHERE item = ?1 AND "
	    "event = 'expect'", 10, p, e);
}

static int
item_row(void *ctx, sqlite3_stmt *st)
{
	struct call *c = ctx;
	struct pl_ledger_item it;

	it.item = TEXT(st, 0);
	it.customer = TEXT(st, 1);
	it.order_key = TEXT(st, 2);
	it.number = TEXT(st, 3);
	it.pos = TEXT(st, 4);
	it.type = TEXT(st, 5);
	it.description = TEXT(st, 6);
	it.expected = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 :
	    sqlite3_column_double(st, 7);
	it.unit = TEXT(st, 8);
	it.docid = TEXT(st, 9);
	it.issue_date = TEXT(st, 10);
	return c->item(c->user, &it);
}

int
pl_ledger_items(struct pl_ledger *l,
    int (*fn)(void *user, const struct pl_ledger_item *it), void *user,
    struct pl_err *e)
{
	struct call c = { NULL, fn, user };

	return pl_ledger_rows(l, Q_ITEMS, "SELECT e.item, coalesce(c.name, "
	    "d.buyer, ''), e.order_key, d.number, e.pos, e.type, e.description, "
	    "e.quantity, e.unit, e.docid, d.issue_date FROM property_event e "
	    "LEFT JOIN document d ON d.docid = e.docid LEFT JOIN customer c "
	    "ON c.buyer = d.buyer WHERE e.event = 'expect' ORDER BY e.id", 0,
	    NULL, PL_EXIT_IO, "reading the ledger", item_row, &c, e);
}

int
pl_ledger_first_week(struct pl_ledger *l, const char *docid,
    const char *pos, char week[16], struct pl_err *e)
{
	const char *p[2] = { docid, pos }, *w;
	sqlite3_stmt *st;
	int rc, found = 0;

	if ((st = pl_ledger_stmt(l, Q_FIRST_WEEK, "SELECT min(week) FROM load "
	    "WHERE docid = ?1 AND (nullif(?2, '') IS NULL OR pos = ?2)", 2, p,
	    PL_EXIT_IO, "reading the ledger", e)) == NULL)
		return -1;
	*week = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && (w = TEXT(st, 0)) != NULL) {
		snprintf(week, 16, "%s", w);
		found = 1;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		pl_ledger_fail(l, e, PL_EXIT_IO, "reading the ledger");
	pl_ledger_done(st);
	return rc != SQLITE_ROW && rc != SQLITE_DONE ? -1 : found;
}
