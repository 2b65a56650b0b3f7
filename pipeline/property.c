#include "property.h"

#include "book.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <libxml/tree.h>

#include "book.h"
#include "buf.h"
#include "date.h"
#include "input.h"
#include "refxml.h"

static const char *const names[PL_PS__N][2] = {
	{ "unknown", "未知" }, { "expected", "待收" }, { "received", "已收" },
	{ "inspected ok", "检验合格" }, { "nonconforming", "检验不合格" },
	{ "issued", "已发放" }, { "returned", "已退还" }, { "damaged", "损坏" },
	{ "lost", "丢失" }, { "unsuitable", "不适用" },
};

const char *
pl_property_status_name(int status, int zh)
{
	return names[status >= 0 && status < PL_PS__N ? status : 0][zh != 0];
}

int
pl_property_tell(int status)
{
	return status == PL_PS_DAMAGED || status == PL_PS_LOST ||
	    status == PL_PS_UNSUITABLE || status == PL_PS_NONCONFORMING;
}

/* Statuses in which the item is in our hands. */
static int
held(int s)
{
	return s == PL_PS_RECEIVED || s == PL_PS_ACCEPTED ||
	    s == PL_PS_NONCONFORMING || s == PL_PS_ISSUED;
}

int
pl_property_next(int s, const char *ev, const char *cond, const char **why)
{
	*why = "item '%s': unknown event (expect, receive, inspect, issue, "
	    "return, damage, lose, unsuitable or tell)";
	if (strcmp(ev, "expect") == 0) {
		*why = "item '%s' is already expected";
		return s == PL_PS_NONE ? PL_PS_EXPECTED : -1;
	}
	if (s == PL_PS_NONE) {
		*why = "unknown item '%s': no order announced it (po-property "
		    "list shows the items)";
		return -1;
	}
	if (strcmp(ev, "receive") == 0) {
		*why = "item '%s' was already inspected, issued or closed: a "
		    "receipt makes no sense now";
		return s == PL_PS_EXPECTED || s == PL_PS_RECEIVED ?
		    PL_PS_RECEIVED : -1;
	}
	if (s == PL_PS_EXPECTED) {
		*why = "item '%s' has not been received yet";
		return -1;
	}
	if (strcmp(ev, "inspect") == 0) {
		*why = "inspect item '%s': the condition must be ok or "
		    "nonconforming";
		if (cond == NULL || (strcmp(cond, "ok") != 0 &&
		    strcmp(cond, "nonconforming") != 0))
			return -1;
		*why = "item '%s' is not in stock to inspect (issued or closed)";
		if (s != PL_PS_RECEIVED && s != PL_PS_ACCEPTED &&
		    s != PL_PS_NONCONFORMING)
			return -1;
		return strcmp(cond, "ok") == 0 ? PL_PS_ACCEPTED :
		    PL_PS_NONCONFORMING;
	}
	if (strcmp(ev, "issue") == 0) {
		*why = s == PL_PS_RECEIVED ? "item '%s' has not been inspected: "
		    "inspect it before it is issued" : s == PL_PS_NONCONFORMING ?
		    "item '%s' was found nonconforming: it cannot be issued "
		    "(return it, or mark it unsuitable)" : "item '%s' cannot be "
		    "issued: it is no longer in stock";
		return s == PL_PS_ACCEPTED || s == PL_PS_ISSUED ? PL_PS_ISSUED : -1;
	}
	if (strcmp(ev, "return") == 0) {
		*why = "item '%s' cannot be returned: it is not in our hands";
		return held(s) || s == PL_PS_DAMAGED || s == PL_PS_UNSUITABLE ?
		    PL_PS_RETURNED : -1;
	}
	if (strcmp(ev, "damage") == 0) {
		*why = "item '%s' cannot be damaged: it is not in our hands";
		return held(s) ? PL_PS_DAMAGED : -1;
	}
	if (strcmp(ev, "lose") == 0) {
		*why = "item '%s' cannot be lost: it is not in our hands";
		return held(s) || s == PL_PS_DAMAGED || s == PL_PS_UNSUITABLE ?
		    PL_PS_LOST : -1;
	}
	if (strcmp(ev, "unsuitable") == 0) {
		*why = "item '%s' cannot be found unsuitable: it is not in our "
		    "hands";
		return held(s) || s == PL_PS_DAMAGED ? PL_PS_UNSUITABLE : -1;
	}
	return -1;
}

int
pl_property_step(struct pl_property_state *st, const char *ev,
    const char *cond, const char **why)
{
	int n;

	if (strcmp(ev, "tell") == 0 && st->status != PL_PS_NONE) {
		if (st->owed) {
			st->owed = 0;
			st->told = 1;
			return 0;
		}
		*why = st->told ? "item '%s': the customer was already told "
		    "of what happened to it: nothing new to tell (po-property "
		    "list shows when)" : "item '%s' was never damaged, lost, "
		    "unsuitable or nonconforming: there is nothing to tell the "
		    "customer";
		return -1;
	}
	if ((n = pl_property_next(st->status, ev, cond, why)) < 0)
		return -1;
	/* an event that leads to a flagged status is a happening, to be
	 * told in its turn; one that does not (a return) owes the same */
	if (pl_property_tell(n)) {
		st->owed = 1;
		st->told = 0;
	}
	st->status = n;
	return 0;
}

int
pl_property_due(const struct pl_property_state *st)
{
	return st->owed;
}

/* The item's state as its log is replayed, and the date of its last
 * event. */
struct status {
	struct pl_property_state ps;
	char last[11];
};

static void
on_event(void *user, const struct pl_ledger_event *ev)
{
	struct status *st = user;
	const char *why;

	/* the log holds only what was accepted */
	(void)pl_property_step(&st->ps, ev->event, ev->condition, &why);
	if (strcmp(ev->event, "expect"))
		snprintf(st->last, sizeof(st->last), "%s", ev->at);
}

static int
stated(const char *s)
{
	return s != NULL && *s != '\0';
}

int
pl_property_record(struct pl_ledger *l, const struct pl_property_event *ev,
    const char *today, const char *file, long line, struct pl_err *e)
{
	const char *why, *when = stated(ev->when) ? ev->when : today;
	struct pl_ledger_event le;
	struct status st = { { PL_PS_NONE, 0, 0 }, "" };
	char msg[256], *end;
	int d, t;
	double q;

#define REFUSE(...) return pl_err_set(e, PL_EXIT_DATA, file, line, __VA_ARGS__)
	{
		/* what the register shows is UTF-8: refused here, where it
		 * enters, from the command line, CSV and XML alike */
		static const char *const names[9] = { "the item", "the event",
			"who", "when", "the quantity", "the unit",
			"the condition", "the location", "the note" };
		const char *v[9] = { ev->item, ev->event, ev->who, ev->when,
			ev->quantity, ev->unit, ev->condition, ev->location,
			ev->note };

		for (d = 0; d < 9; d++)
			if (v[d] && !pl_book_utf8(v[d], strlen(v[d])))
				REFUSE("%s is not UTF-8 text", names[d]);
	}
	if (!stated(ev->item))
		REFUSE("an event without an item");
	if (!stated(ev->event))
		REFUSE("item '%s': an event without its kind", ev->item);
	if (strcmp(ev->event, "expect") == 0)
		REFUSE("item '%s': expect events come from orders (po-ledger "
		    "commit)", ev->item);
	if (!stated(ev->who))
		REFUSE("item '%s': %s: who recorded it is missing", ev->item,
		    ev->event);
	if (pl_date_parse(when, &d) < 0)
		REFUSE("item '%s': %s: when '%s' is not a date YYYY-MM-DD",
		    ev->item, ev->event, when);
	if (pl_date_parse(today, &t) == 0 && d > t)
		REFUSE("item '%s': %s on %s is after today (%s)", ev->item,
		    ev->event, when, today);
	if (stated(ev->quantity) &&
	    (q = strtod(ev->quantity, &end), *end != '\0' || !(q > 0) ||
	    q > 1e15))
		REFUSE("item '%s': %s: quantity '%s' is not a positive number",
		    ev->item, ev->event, ev->quantity);
	if (strcmp(ev->event, "receive") == 0 && !stated(ev->location))
		REFUSE("item '%s': receive: say where it is kept (location)",
		    ev->item);
	/* a tell changes nothing of the item the register shows */
	if (strcmp(ev->event, "tell") == 0 && (stated(ev->quantity) ||
	    stated(ev->unit) || stated(ev->condition) || stated(ev->location)))
		REFUSE("item '%s': tell: no quantity, unit, condition or "
		    "location (say how the customer was told in the note)",
		    ev->item);
	if (pl_ledger_item_log(l, ev->item, on_event, &st, e) < 0)
		return -1;
	if (pl_property_step(&st.ps, ev->event, ev->condition, &why) < 0) {
		snprintf(msg, sizeof(msg), why, ev->item);
		REFUSE("%s", msg);
	}
	if (*st.last && strcmp(when, st.last) < 0)
		REFUSE("item '%s': %s on %s is before its last event (%s)",
		    ev->item, ev->event, when, st.last);
#undef REFUSE
	le.item = ev->item;
	le.event = ev->event;
	le.quantity = ev->quantity;
	le.unit = ev->unit;
	le.condition = ev->condition;
	le.location = ev->location;
	le.note = ev->note;
	le.who = ev->who;
	le.at = when;
	return pl_ledger_append(l, &le, e) < 0 ? -1 : 0;
}

/* --- import ------------------------------------------------------------- */

static const char *const csv_cols[] = { "item", "event", "who", "when",
	"quantity", "unit", "condition", "location", "note" };
#define NCSV 9
/* The most bytes one CSV record (or line) may take: staff's event sheets
 * have short rows, and an unclosed quote must not read a file into
 * memory. */
#define MAX_RECORD (1 << 20)

struct csv_run {
	struct pl_ledger *l;
	const char *file, *today;
	struct pl_err *e;
	int map[32];		/* field i of a row is column map[i], or -1 */
	int nmap;
	char *f[NCSV];		/* this row's fields */
	int field;		/* the field being read */
	long line, row_line;
	int rows, events, failed;
};

static void
on_field(void *s, size_t len, void *user)
{
	struct csv_run *r = user;
	int c = r->field < 32 ? r->map[r->field] : -1;

	if (r->field == 0)
		r->row_line = r->line;
	if (r->rows == 0) {	/* the header row */
		size_t i;

		for (i = 0; i < NCSV; i++)
			if (strlen(csv_cols[i]) == len &&
			    memcmp(s, csv_cols[i], len) == 0)
				break;
		if (r->field < 32)
			r->map[r->field] = i < NCSV ? (int)i : -1;
		if (i == NCSV && !r->failed && len > 0) {
			r->failed = 1;
			pl_err_set(r->e, PL_EXIT_DATA, r->file, r->line, "unknown "
			    "column '%.*s' (item, event, who, when, quantity, unit, "
			    "condition, location, note)", (int)(len < 64 ? len : 64),
			    (const char *)s);
		}
	} else if (c >= 0 && r->f[c] == NULL) {
		r->f[c] = strndup(s, len);
	}
	r->field++;
}

static void
on_row(int ch, void *user)
{
	struct csv_run *r = user;
	struct pl_property_event ev;
	int i, blank = 1;

	(void)ch;
	if (r->rows++ == 0) {
		int have[NCSV] = { 0 };

		for (i = 0; i < r->field && i < 32; i++)
			if (r->map[i] >= 0)
				have[r->map[i]] = 1;
		if (!r->failed && (!have[0] || !have[1] || !have[2])) {
			r->failed = 1;
			pl_err_set(r->e, PL_EXIT_DATA, r->file, r->row_line, "the "
			    "header row must name the columns item, event and who");
		}
	} else {
		for (i = 0; i < NCSV; i++)
			if (r->f[i] && *r->f[i])
				blank = 0;
		ev.item = r->f[0], ev.event = r->f[1], ev.who = r->f[2];
		ev.when = r->f[3], ev.quantity = r->f[4], ev.unit = r->f[5];
		ev.condition = r->f[6], ev.location = r->f[7], ev.note = r->f[8];
		if (!r->failed && !blank) {
			if (pl_property_record(r->l, &ev, r->today, r->file,
			    r->row_line, r->e) < 0)
				r->failed = 1;
			else
				r->events++;
		}
	}
	for (i = 0; i < NCSV; i++) {
		free(r->f[i]);
		r->f[i] = NULL;
	}
	r->field = 0;
}

/* Feed the n bytes at s, part of one line, to the CSV parser. */
static void
feed(struct csv_run *r, struct csv_parser *p, const char *s, size_t n,
    size_t *linelen)
{
	if (r->failed)
		return;
	*linelen += n;
	if (memchr(s, '\0', n) != NULL) {
		r->failed = 1;
		pl_err_set(r->e, PL_EXIT_DATA, r->file, r->line, "a NUL byte: "
		    "not a text file");
	} else if (*linelen > MAX_RECORD || csv_get_buffer_size(p) >
	    MAX_RECORD) {
		r->failed = 1;
		pl_err_set(r->e, PL_EXIT_DATA, r->file, r->line, "a record "
		    "larger than %d bytes (an unclosed quote?)", MAX_RECORD);
	} else if (csv_parse(p, s, n, on_field, on_row, r) != n &&
	    !r->failed) {
		r->failed = 1;
		pl_err_set(r->e, PL_EXIT_DATA, r->file, r->line, "malformed "
		    "CSV: %s", csv_strerror(csv_error(p)));
	}
}

static int
import_csv(struct csv_run *r, FILE *fp)
{
	struct csv_parser p;
	char buf[65536];
	size_t n, linelen = 0;
	int i, fresh = 1;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return pl_err_set(r->e, PL_EXIT_INTERNAL, NULL, 0,
		    "out of memory");
	/* a long field grows its buffer 64 KiB at a time, not 128 bytes */
	csv_set_blk_size(&p, 65536);
	/* a line at a time, so a row's line is known, in pieces of a fixed
	 * buffer, so memory is bounded */
	while (!r->failed && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		const char *s = buf, *end = buf + n, *nl;

		while (s < end && !r->failed) {
			if (fresh) {
				r->line++;
				linelen = 0;
				/* a BOM, as spreadsheets write it */
				if (r->line == 1 && end - s >= 3 &&
				    memcmp(s, "\xef\xbb\xbf", 3) == 0)
					s += 3;
			}
			nl = memchr(s, '\n', (size_t)(end - s));
			fresh = nl != NULL;
			nl = nl ? nl + 1 : end;
			feed(r, &p, s, (size_t)(nl - s), &linelen);
			s = nl;
		}
	}
	if (!r->failed && ferror(fp)) {
		r->failed = 1;
		pl_err_set(r->e, PL_EXIT_IO, r->file, 0, "cannot read: %s",
		    strerror(errno));
	}
	if (!r->failed && csv_fini(&p, on_field, on_row, r) != 0 &&
	    !r->failed) {
		r->failed = 1;
		pl_err_set(r->e, PL_EXIT_DATA, r->file, r->line, "malformed "
		    "CSV: a quoted field is not closed");
	}
	for (i = 0; i < NCSV; i++)
		free(r->f[i]);
	csv_free(&p);
	return r->failed ? -1 : r->events;
}

static int
import_xml(struct pl_ledger *l, const char *path, const char *today,
    struct pl_err *e)
{
	struct pl_refxml rx = { "event", "item", 0, 0, NULL };
	struct pl_property_event ev;
	xmlDocPtr doc;
	xmlNodePtr n;
	int count = 0;

	if ((doc = pl_refxml_load(&rx, path, "property-events.xsd", e)) ==
	    NULL) {
		if (e->status == PL_EXIT_CONFIG)
			e->status = PL_EXIT_DATA;	/* the file, not poreview */
		return -1;
	}
	for (n = pl_refxml_child(xmlDocGetRootElement(doc), "event"); n;
	    n = pl_refxml_next(n, "event")) {
		ev.item = pl_refxml_attr(n, "item");
		ev.event = pl_refxml_attr(n, "type");
		ev.who = pl_refxml_attr(n, "who");
		ev.when = pl_refxml_attr(n, "when");
		ev.quantity = pl_refxml_attr(n, "quantity");
		ev.unit = pl_refxml_attr(n, "unit");
		ev.condition = pl_refxml_attr(n, "condition");
		ev.location = pl_refxml_attr(n, "location");
		ev.note = pl_refxml_child(n, "note") ?
		    pl_refxml_text(pl_refxml_child(n, "note")) : NULL;
		if (pl_property_record(l, &ev, today, pl_input_display(path),
		    xmlGetLineNo(n), e) < 0) {
			count = -1;
			break;
		}
		count++;
	}
	xmlFreeDoc(doc);
	return count;
}

int
pl_property_import(struct pl_ledger *l, const char *path, const char *today,
    struct pl_err *e)
{
	struct csv_run r;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	int c, rc;
	long skipped = 0;

	if (fp == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    path, strerror(errno));
	while ((c = getc(fp)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		skipped += c == '\n';
	if (c == '<' && fp != stdin) {
		fclose(fp);
		return import_xml(l, path, today, e);
	}
	if (c == '<')
		return pl_err_set(e, PL_EXIT_USAGE, NULL, 0, "an XML import is "
		    "read from a file, not the standard input");
	ungetc(c, fp);
	memset(&r, 0, sizeof(r));
	r.line = skipped;
	r.l = l;
	r.file = pl_input_display(path);
	r.today = today;
	r.e = e;
	rc = import_csv(&r, fp);
	if (fp != stdin)
		fclose(fp);
	return rc;
}
