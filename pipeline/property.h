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
 * order (pl_property_next); an event that makes no sense for the item's
 * status, or one for an unknown item, is refused.
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
 * "unsuitable"; in Chinese with zh set. */
const char *pl_property_status_name(int status, int zh);

/* Whether an item of this status is flagged: lost, damaged, unsuitable,
 * or found nonconforming on inspection, which the customer must be told
 * of unless told already (pl_property_due). */
int pl_property_tell(int status);

/*
 * The status after event (with its condition, for inspect: "ok" or
 * "nonconforming") on an item of status.  -1 when the event makes no
 * sense then, with *why saying so (a static string ending "%s" for the
 * item's id, e.g. "item '%s' has not been received: it cannot be
 * issued").  A tell is pl_property_step()'s to judge.
 */
int pl_property_next(int status, const char *event, const char *condition,
    const char **why);

/* An item as its log is replayed, event by event, from
 * { PL_PS_NONE, 0, 0 }. */
struct pl_property_state {
	int status;		/* PL_PS_* */
	int owed;		/* a happening the customer was not told of */
	int told;		/* the last happening was told (a tell since) */
};

/*
 * Apply event to st: the status as pl_property_next says; an event that
 * leads to a flagged status owes a tell, which a tell pays.  0, or -1
 * leaving st as it was, with *why as for pl_property_next (a tell with
 * nothing owed is refused: nothing to tell, or nothing new).
 */
int pl_property_step(struct pl_property_state *st, const char *event,
    const char *condition, const char **why);

/* Whether the customer must be told now: a happening not told yet. */
int pl_property_due(const struct pl_property_state *st);

/* One event as staff give it.  All strings borrowed; NULL is not stated. */
struct pl_property_event {
	const char *item, *event, *who, *when;
	const char *quantity, *unit, *condition, *location, *note;
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
 * item, event, who, when, quantity, unit, condition, location, note;
 * item, event and who required) or of an XML file valid against
 * schemas/property-events.xsd, told apart by the first non-blank byte
 * ('<' is XML).  Stops at the first refused event: the caller rolls the
 * transaction back.  Returns the number of events, or -1 with e filled
 * naming the file and line.
 */
int pl_property_import(struct pl_ledger *l, const char *path,
    const char *today, struct pl_err *e);

#endif
