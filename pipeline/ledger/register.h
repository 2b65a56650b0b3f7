/*
 * register.h: the customer-property register, derived from the ledger's
 * property_event log (property.h): one entry per item with its customer,
 * order, what was expected and received, its condition, location, status,
 * last event, whether the customer must be told (with the notice to send,
 * in English and Chinese), when, by whom and how the customer was told,
 * and when it is needed.
 *
 * The customer must be told while the item's last happening (damage,
 * loss, found unsuitable or nonconforming) has no tell event after it
 * (pl_property_due).  The notice is the text still to send: it is empty
 * once the customer was told, and the tell (its date, who and note) is
 * the record of the report instead.  A new happening clears the tell
 * shown, until it is told in its turn.
 *
 * Quantities: received, in stock, issued, returned, damaged, lost and
 * unsuitable, in the item's unit (property.h), and the quantity of the
 * happening the customer must be told of, which the notice names.
 *
 * When an item is needed: the order's production start, taken from what
 * the ledger knows.  Sign-off decisions are not in the ledger yet, so the
 * load po-ledger committed for the order stands for the accepted one:
 * the item is needed by the Monday of the first week of that load (of
 * its line, or of the whole order for an item of the order), but never
 * before the order's date (a rush order's first week may lie before it).
 * An order without load (no product po-check knew, so no lead time the
 * register could know) is given PL_REGISTER_LEAD_DAYS from its date.  An
 * item still expected on or after that day is overdue; needed_from says
 * which rule gave the day.
 */
#ifndef PL_REGISTER_H
#define PL_REGISTER_H

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "ledger.h"

/* Where the production start came from. */
enum {
	PL_NEEDED_NONE,		/* not known: the order has no date */
	PL_NEEDED_LOAD,		/* the Monday of the first week of the
				 * order's committed load */
	PL_NEEDED_ORDER,	/* the order date: its load's first week lies
				 * before it (a rush order) */
	PL_NEEDED_DEFAULT	/* no load: the order date plus
				 * PL_REGISTER_LEAD_DAYS */
};

/* The days from an order's date to its production start when the ledger
 * holds no load for it (no product po-check knew, so no lead time). */
#define PL_REGISTER_LEAD_DAYS 14

struct pl_register_entry {
	char item[128], customer[256], order_key[256], number[128], pos[16];
	char type[32], description[512], unit[16];
	double expected, received;	/* < 0: not stated, none received */
	/* once received (received >= 0), in unit: */
	double stock, issued, returned, damaged, lost, unsuitable;
	int deliveries;
	char concern[128], concern_zh[128];	/* the quantity the customer
					 * must be told of ("200 KGM damaged",
					 * "损坏200 KGM"); "" not counted */
	char condition[256], location[256];
	int status;			/* PL_PS_* */
	char last[16], last_at[11], last_who[128];
	int tell;			/* the customer must be told */
	char tell_en[2304], tell_zh[2304];	/* the notice; "" once told */
	char told_at[11], told_who[128];	/* the tell; "" not told */
	char told_note[1024];			/* how, to whom */
	char needed[11];		/* production start; "" unknown */
	int needed_from;		/* PL_NEEDED_* */
	int overdue;			/* days past needed, still expected */
};

/*
 * Call fn for each item in the order its expect event was recorded, as of
 * today (YYYY-MM-DD).  The entry is valid during the call.  0, or -1 with
 * e filled (PL_EXIT_IO).
 */
int pl_register_each(struct pl_ledger *l, const char *today,
    void (*fn)(void *user, const struct pl_register_entry *r), void *user,
    struct pl_err *e);

/* Print the register as TSV under a '#' header line. */
int pl_register_list(struct pl_ledger *l, const char *today, FILE *fp,
    struct pl_err *e);

/*
 * Write the register workbook to path (a temporary file the caller
 * verifies and renames, sheet.h): sheets "Register" and "Overdue", labels
 * in lang (PL_LANG_* of book.h).  0, or -1 with e filled.
 */
int pl_register_sheet(struct pl_ledger *l, const char *today,
    const char *path, int lang, time_t created, struct pl_err *e);

#endif
