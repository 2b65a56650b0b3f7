/*
 * property.h: the customer-property log (ISO 9001 8.5.3): what happens to
 * each item a customer lends, as append-only events in the ledger's
 * property_event table, and the item's status derived from them.
 *
 * An item is announced by an order: po-ledger commit records an "expect"
 * event for each custprop record, with the item id "DOCID/POS/N".  Staff
 * then record what happens to it: receive (quantity, condition, location),
 * inspect (condition ok or nonconforming), issue (to production), return
 * (to the customer), damage, lose, unsuitable, and tell (the customer was
 * told of what happened to it).  The status follows from the events in
 * order (pl_property_step); an event that makes no sense for the item's
 * state (more than is in stock, a unit that does not convert), one for an
 * unknown item and an unknown event are refused.
 *
 * Telling (ISO 9001 8.5.3: report to the customer what was lost, damaged
 * or found unsuitable): damage, lose, unsuitable and an inspection found
 * nonconforming are happenings the customer must be told of, whatever
 * comes after (an item damaged and then returned is still owed its
 * report).  A tell event records that the customer was; it leaves the
 * status as it is, and is refused when there is nothing to tell (no
 * happening) or nothing new (the last happening was told already).  A
 * later happening must be told again (pl_property_step).
 *
 * Writing happens inside the caller's transaction (pl_ledger_begin/end):
 * one transaction per command or import, so a refused event leaves the
 * log as it was.
 */
#ifndef PL_PROPERTY_H
#define PL_PROPERTY_H

#include <stdio.h>

#include "err.h"
#include "ledger.h"

enum pl_prop_status {
	PL_PS_NONE,		/* no expect event: not an item */
	PL_PS_EXPECTED, PL_PS_RECEIVED, PL_PS_ACCEPTED, PL_PS_NONCONFORMING,
	PL_PS_ISSUED, PL_PS_RETURNED, PL_PS_DAMAGED, PL_PS_LOST,
	PL_PS_UNSUITABLE,
	PL_PS__N
};

/* The status's name: "expected", "received", "inspected ok",
 * "nonconforming", "issued", "returned", "damaged", "lost",
 * "unsuitable"; in Chinese with zh set.  An item's status is what its
 * last event did (expected before its first receipt); its quantities say
 * where each part of it is. */
const char *pl_property_status_name(int status, int zh);

/* Whether an event that leads to this status is a happening the customer
 * must be told of: lost, damaged, unsuitable, or found nonconforming on
 * inspection (pl_property_due). */
int pl_property_tell(int status);

/* 1 when ev is an event staff record (receive, inspect, issue, return,
 * damage, lose, unsuitable, tell), else 0. */
int pl_property_known(const char *ev);

/* The events staff record, for messages: "receive, inspect, ..., tell". */
extern const char pl_property_events[];

/* One delivery of an item (a receive event), inspected on its own. */
struct pl_property_lot {
	double received;	/* in the item's unit */
	double stock;		/* of it still in stock, usable or not */
	int inspected;		/* 0 not yet, PL_PS_ACCEPTED or
				 * PL_PS_NONCONFORMING */
};

/*
 * An item as its log is replayed, event by event, from
 * pl_property_state_init(); pl_property_state_release() frees its lots.
 * Quantities are in the item's unit: the expected one, else that of its
 * first receipt.  Each receive adds a delivery; issue takes from the
 * deliveries inspected ok, damage and unsuitable from the stock of any,
 * return and lose first from what is held damaged or unsuitable, then
 * from the stock, each the oldest delivery first unless one is named.  An
 * event without a quantity takes all there is for it.
 */
struct pl_property_state {
	int status;		/* PL_PS_* */
	int owed;		/* a happening the customer was not told of */
	int told;		/* the last happening was told (a tell since) */
	char unit[16];		/* the item's unit, "" none */
	int counted;		/* a quantity was stated (expected or
				 * received); else each receipt is one piece */
	double expected;	/* < 0 not stated */
	double received, issued, returned, damaged, lost, unsuitable;
	double held;		/* damaged or unsuitable, still in our hands */
	double concern;		/* the last happening's quantity */
	int happenings;		/* how many happenings so far */
	struct pl_property_lot *lot;
	int nlot, alot;
};

void pl_property_state_init(struct pl_property_state *st);
void pl_property_state_release(struct pl_property_state *st);

/* What is in stock: the lots' stock (not what is held damaged). */
double pl_property_stock(const struct pl_property_state *st);

/* One event to apply.  Strings borrowed; NULL or "" not stated. */
struct pl_property_move {
	const char *event, *condition, *unit;
	double q;		/* < 0: not stated (all of it) */
	int delivery;		/* 1..: the delivery named; 0 none */
};

/*
 * Apply move m to st, the item's state (its id item, for messages): the
 * quantities and status change as the struct above says, and an event
 * that leads to a flagged status owes a tell, which a tell pays.  For a
 * receive and an inspect, m->delivery is set to the delivery it made or
 * inspected.  0, or -1 leaving st as it was with why (n bytes) saying why
 * the event makes no sense now: an unknown event or item, one before the
 * item was received, a unit that does not convert to the item's, more
 * than there is ("item 'X': issue of 6,000 C62 refused: 5,000 C62 in
 * stock inspected ok"), a tell with nothing owed.  -2 when memory ran
 * out.
 */
int pl_property_step(struct pl_property_state *st, const char *item,
    struct pl_property_move *m, char *why, size_t n);

/* Whether the customer must be told now: a happening not told yet. */
int pl_property_due(const struct pl_property_state *st);

/* A quantity as people read it: "24,000", "0.5"; buf of 48 bytes. */
void pl_property_qty(double q, char buf[48]);

/* One event as staff give it.  All strings borrowed; NULL is not stated. */
struct pl_property_event {
	const char *item, *event, *who, *when;
	const char *quantity, *unit, *condition, *location, *note;
	const char *delivery;		/* the delivery it concerns, 1.. */
};

/*
 * Check ev against the item's log and append it.  today bounds when (no
 * event in the future); when NULL means today.  file and line name where
 * the event came from, for messages.  0, or -1 with e filled:
 * PL_EXIT_DATA for a refused event, PL_EXIT_IO for a database error.
 */
int pl_property_record(struct pl_ledger *l, const struct pl_property_event *ev,
    const char *today, const char *file, long line, struct pl_err *e);

/*
 * Record every event of a CSV file (a header row naming the columns
 * item, event, who, when, quantity, unit, condition, location, note, delivery;
 * item, event and who required) or of an XML file valid against
 * schemas/property-events.xsd, told apart by the first non-blank byte
 * ('<' is XML).  Stops at the first refused event: the caller rolls the
 * transaction back.  Returns the number of events, or -1 with e filled
 * naming the file and line.
 */
int pl_property_import(struct pl_ledger *l, const char *path,
    const char *today, struct pl_err *e);

#endif
