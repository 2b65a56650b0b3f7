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
 * When an item is needed: the order's production start, taken from what
 * the ledger knows.  The ledger has no lead times, but it has the week
 * each order line must leave the factory (the load table, which po-check
 * computed from the requested delivery and the catalog's lead time): an
 * item is needed by the Monday of the earliest such week of its line, or
 * of its order when it belongs to the whole order.  When the order has no
 * load (no product po-check knew), the order date is used: the item
 * should come with the order.  An item still expected on or after that
 * day is overdue.
 */
#ifndef PL_REGISTER_H
#define PL_REGISTER_H

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "ledger.h"

struct pl_register_entry {
	char item[128], customer[256], order_key[256], number[128], pos[16];
	char type[32], description[512], unit[16];
	double expected, received;	/* < 0: not stated, none received */
	char condition[256], location[256];
	int status;			/* PL_PS_* */
	char last[16], last_at[11], last_who[128];
	int tell;			/* the customer must be told */
	char tell_en[2304], tell_zh[2304];	/* the notice; "" once told */
	char told_at[11], told_who[128];	/* the tell; "" not told */
	char told_note[1024];			/* how, to whom */
	char needed[11];		/* production start; "" unknown */
	int needed_from_load;		/* 1 from a load week, 0 order date */
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
