#include "property.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <libxml/tree.h>

#include "book.h"
#include "buf.h"
#include "date.h"
#include "input.h"
#include "refxml.h"
#include "value.h"

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

const char pl_property_events[] = "receive, inspect, issue, return, "
    "damage, lose, unsuitable, tell";

static const char *const events[] = { "receive", "inspect", "issue",
	"return", "damage", "lose", "unsuitable", "tell" };

int
pl_property_known(const char *ev)
{
	size_t i;

	for (i = 0; ev && i < sizeof(events) / sizeof(events[0]); i++)
		if (strcmp(ev, events[i]) == 0)
			return 1;
	return 0;
}

void
pl_property_state_init(struct pl_property_state *st)
{
	memset(st, 0, sizeof(*st));
	st->expected = -1;
}

void
pl_property_state_release(struct pl_property_state *st)
{
	free(st->lot);
	pl_property_state_init(st);
}

double
pl_property_stock(const struct pl_property_state *st)
{
	double s = 0;
	int i;

	for (i = 0; i < st->nlot; i++)
		s += st->lot[i].stock;
	return s;
}

void
pl_property_qty(double q, char buf[48])
{
	char tmp[48], *dot;
	size_t i, int_len, o = 0;

	snprintf(tmp, sizeof(tmp), "%.10g", q);
	if (strchr(tmp, 'e') != NULL) {
		snprintf(buf, 48, "%s", tmp);
		return;
	}
	dot = strchr(tmp, '.');
	int_len = dot ? (size_t)(dot - tmp) : strlen(tmp);
	for (i = 0; tmp[i]; i++) {
		if (i > 0 && i < int_len && tmp[0] != '-' &&
		    (int_len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
}

/* Whether a is more than b, beyond the rounding of a conversion. */
static int
more(double a, double b)
{
	return a - b > 1e-9 * (b > 1 ? b : 1);
}

/* "5,000 C62", or "5,000" without a unit. */
static void
amount(const struct pl_property_state *st, double q, char *buf, size_t n)
{
	char num[48];

	pl_property_qty(q, num);
	snprintf(buf, n, "%s%s%s", num, *st->unit ? " " : "", st->unit);
}

/* Take q from the stock of the lots (only lot k when k >= 0) that want
 * accepts, the oldest first. */
static void
take(struct pl_property_state *st, double q, int k, int want)
{
	int i;

	for (i = 0; i < st->nlot && q > 0; i++) {
		struct pl_property_lot *t = &st->lot[i];
		double d;

		if ((k >= 0 && i != k) || (want && t->inspected != want))
			continue;
		d = t->stock < q ? t->stock : q;
		t->stock -= d;
		q -= d;
		if (t->stock < 1e-9 * (t->received > 1 ? t->received : 1))
			t->stock = 0;
	}
}

/* The stock of the lots (lot k alone when k >= 0) inspected as want (0:
 * any). */
static double
stock_of(const struct pl_property_state *st, int k, int want, int pending)
{
	double s = 0;
	int i;

	for (i = 0; i < st->nlot; i++)
		if ((k < 0 || i == k) && (pending ? st->lot[i].inspected == 0 :
		    !want || st->lot[i].inspected == want))
			s += st->lot[i].stock;
	return s;
}

/* Say why into buf (n bytes); -1, for return. */
static int __attribute__((format(printf, 3, 4)))
refuse(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return -1;
}

#define WHY(...) refuse(why, n, __VA_ARGS__)

int
pl_property_step(struct pl_property_state *st, const char *item,
    struct pl_property_move *m, char *why, size_t n)
{
	const char *ev = m->event ? m->event : "";
	const char *unit = m->unit && *m->unit ? m->unit : NULL;
	char have[80], want[80];
	double q = m->q, there;
	int k = m->delivery - 1, status = PL_PS_NONE, happening = 0;

	if (strcmp(ev, "expect") == 0) {
		if (st->status != PL_PS_NONE)
			return WHY("item '%s' is already expected", item);
		st->status = PL_PS_EXPECTED;
		snprintf(st->unit, sizeof(st->unit), "%s", unit ? unit : "");
		st->expected = q;
		st->counted = q >= 0;
		return 0;
	}
	if (!pl_property_known(ev))
		return WHY("unknown event '%s' (%s)", ev, pl_property_events);
	if (st->status == PL_PS_NONE)
		return WHY("unknown item '%s': no order announced it "
		    "(po-property list shows the items)", item);
	if (strcmp(ev, "tell") == 0) {
		if (st->owed) {
			st->owed = 0;
			st->told = 1;
			return 0;
		}
		return WHY(st->told ? "item '%s': the customer was already told "
		    "of what happened to it: nothing new to tell (po-property "
		    "list shows when)" : "item '%s' was never damaged, lost, "
		    "unsuitable or nonconforming: there is nothing to tell the "
		    "customer", item);
	}
	/* the quantity in the item's unit */
	if (unit && !*st->unit && st->nlot > 0)
		return WHY("item '%s': %s: unit '%s' does not convert to the "
		    "item's, which has none", item, ev, unit);
	if (unit && *st->unit && strcmp(unit, st->unit) != 0) {
		double c;

		if (pl_value_convert(q >= 0 ? q : 1, unit, st->unit, &c) < 0)
			return WHY("item '%s': %s: unit '%s' does not convert to "
			    "the item's unit '%s'", item, ev, unit, st->unit);
		if (q >= 0)
			q = c;
	}
	if (strcmp(ev, "receive") == 0) {
		struct pl_property_lot *t;

		if (q < 0 && st->counted && (st->nlot > 0 || st->expected < 0))
			return WHY("item '%s': receive: say how much arrived "
			    "(quantity): the item is counted%s%s", item,
			    *st->unit ? " in " : "", st->unit);
		if (st->nlot == st->alot) {
			int a = st->alot ? st->alot * 2 : 4;

			if ((t = realloc(st->lot, (size_t)a * sizeof(*t))) == NULL)
			{
				snprintf(why, n, "out of memory");
				return -2;
			}
			st->lot = t;
			st->alot = a;
		}
		if (q < 0)
			q = st->expected >= 0 ? st->expected : 1;
		else
			st->counted = 1;
		if (!*st->unit && unit)
			snprintf(st->unit, sizeof(st->unit), "%s", unit);
		t = &st->lot[st->nlot++];
		t->received = t->stock = q;
		t->inspected = 0;
		st->received += q;
		st->status = PL_PS_RECEIVED;
		m->delivery = st->nlot;
		return 0;
	}
	if (st->nlot == 0)
		return WHY("item '%s' has not been received yet", item);
	if (k >= st->nlot)
		return WHY("item '%s' has no delivery %d (it has %d)", item,
		    m->delivery, st->nlot);
	if (strcmp(ev, "inspect") == 0) {
		const char *c = m->condition ? m->condition : "";

		if (strcmp(c, "ok") != 0 && strcmp(c, "nonconforming") != 0)
			return WHY("inspect item '%s': the condition must be ok "
			    "or nonconforming", item);
		if (k < 0) {	/* the oldest not inspected, else the newest */
			for (k = 0; k < st->nlot; k++)
				if (!st->lot[k].inspected && st->lot[k].stock > 0)
					break;
			if (k == st->nlot)
				for (k = st->nlot - 1; k >= 0; k--)
					if (st->lot[k].stock > 0)
						break;
		}
		if (k < 0 || st->lot[k].stock <= 0)
			return WHY(m->delivery > 0 ? "item '%s': delivery %d is "
			    "no longer in stock to inspect" : "item '%s' is not "
			    "in stock to inspect (issued or closed)", item,
			    m->delivery);
		st->lot[k].inspected = strcmp(c, "ok") == 0 ? PL_PS_ACCEPTED :
		    PL_PS_NONCONFORMING;
		st->status = st->lot[k].inspected;
		m->delivery = k + 1;
		if (st->status == PL_PS_NONCONFORMING) {
			st->concern = st->lot[k].stock;
			happening = 1;
		}
		goto done;
	}
	if (strcmp(ev, "issue") == 0) {
		there = stock_of(st, k, PL_PS_ACCEPTED, 0);
		if (there <= 0)
			return WHY(stock_of(st, k, 0, 1) > 0 ? "item '%s' has not "
			    "been inspected: inspect it before it is issued" :
			    stock_of(st, k, PL_PS_NONCONFORMING, 0) > 0 ? "item "
			    "'%s' was found nonconforming: it cannot be issued "
			    "(return it, or mark it unsuitable)" : "item '%s' "
			    "cannot be issued: none of it is in stock", item);
		status = PL_PS_ISSUED;
	} else if (strcmp(ev, "damage") == 0 || strcmp(ev, "unsuitable") == 0) {
		there = stock_of(st, k, 0, 0);
		if (there <= 0)
			return WHY("item '%s' cannot be %s: none of it is in "
			    "stock", item, *ev == 'd' ? "damaged" :
			    "found unsuitable");
		status = *ev == 'd' ? PL_PS_DAMAGED : PL_PS_UNSUITABLE;
	} else {	/* return, lose: what is held first */
		there = stock_of(st, k, 0, 0) + (k < 0 ? st->held : 0);
		if (there <= 0)
			return WHY("item '%s' cannot be %s: none of it is in our "
			    "hands", item, *ev == 'r' ? "returned" : "lost");
		status = *ev == 'r' ? PL_PS_RETURNED : PL_PS_LOST;
	}
	if (q < 0)
		q = there;
	if (more(q, there)) {
		amount(st, q, want, sizeof(want));
		amount(st, there, have, sizeof(have));
		return WHY("item '%s': %s of %s refused: %s %s%s%s", item, ev,
		    want, have, status == PL_PS_RETURNED || status == PL_PS_LOST ?
		    "in our hands" : "in stock", m->delivery > 0 ? " of that "
		    "delivery" : "", status == PL_PS_ISSUED ? " inspected ok" : "");
	}
	if (q > there)
		q = there;
	switch (status) {
	case PL_PS_ISSUED:
		take(st, q, k, PL_PS_ACCEPTED);
		st->issued += q;
		break;
	case PL_PS_DAMAGED: case PL_PS_UNSUITABLE:
		take(st, q, k, 0);
		st->held += q;
		*(status == PL_PS_DAMAGED ? &st->damaged : &st->unsuitable) += q;
		st->concern = q;
		happening = 1;
		break;
	default: {
		double h = k < 0 ? (q < st->held ? q : st->held) : 0;

		st->held -= h;
		if (st->held < 1e-9)
			st->held = 0;
		take(st, q - h, k, 0);
		*(status == PL_PS_RETURNED ? &st->returned : &st->lost) += q;
		if (status == PL_PS_LOST) {
			st->concern = q;
			happening = 1;
		}
	}
	}
	st->status = status;
done:
	/* a happening is owed its report, whatever comes after */
	if (happening) {
		st->happenings++;
		st->owed = 1;
		st->told = 0;
	}
	return 0;
}

#undef WHY

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
	int failed;
};

static void
on_event(void *user, const struct pl_ledger_event *ev)
{
	struct status *st = user;
	struct pl_property_move m;
	char why[256];

	m.event = ev->event;
	m.condition = ev->condition;
	m.unit = ev->unit;
	m.q = ev->quantity ? ev->q : -1;
	m.delivery = ev->delivery;
	/* the log holds only what was accepted */
	if (pl_property_step(&st->ps, ev->item, &m, why, sizeof(why)) == -2)
		st->failed = 1;
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
	const char *when = stated(ev->when) ? ev->when : today;
	struct pl_ledger_event le;
	struct pl_property_move m;
	struct status st;
	char why[512], *end;
	int d, t, rc;
	double q = -1;
	long del = 0;

#define REFUSE(...) do { \
	pl_err_set(e, PL_EXIT_DATA, file, line, __VA_ARGS__); \
	goto refused; } while (0)
	pl_property_state_init(&st.ps);
	st.failed = 0;
	*st.last = '\0';
	{
		/* what the register shows is UTF-8: refused here, where it
		 * enters, from the command line, CSV and XML alike */
		static const char *const names[10] = { "the item", "the event",
			"who", "when", "the quantity", "the unit",
			"the condition", "the location", "the note",
			"the delivery" };
		const char *v[10] = { ev->item, ev->event, ev->who, ev->when,
			ev->quantity, ev->unit, ev->condition, ev->location,
			ev->note, ev->delivery };

		for (d = 0; d < 10; d++)
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
	if (!pl_property_known(ev->event))
		REFUSE("unknown event '%s' (%s)", ev->event, pl_property_events);
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
	if (stated(ev->delivery) &&
	    (del = strtol(ev->delivery, &end, 10), *end != '\0' || del < 1 ||
	    del > 100000))
		REFUSE("item '%s': %s: delivery '%s' is not a delivery number "
		    "(1, 2, ...)", ev->item, ev->event, ev->delivery);
	if (stated(ev->delivery) && strcmp(ev->event, "receive") == 0)
		REFUSE("item '%s': receive: a receipt is a new delivery (its "
		    "number is given, not named)", ev->item);
	if (strcmp(ev->event, "inspect") == 0 && stated(ev->quantity))
		REFUSE("item '%s': inspect: a delivery is inspected whole (no "
		    "quantity; the delivery names which)", ev->item);
	if (strcmp(ev->event, "receive") == 0 && !stated(ev->location))
		REFUSE("item '%s': receive: say where it is kept (location)",
		    ev->item);
	/* a tell changes nothing of the item the register shows */
	if (strcmp(ev->event, "tell") == 0 && (stated(ev->quantity) ||
	    stated(ev->unit) || stated(ev->condition) || stated(ev->location) ||
	    stated(ev->delivery)))
		REFUSE("item '%s': tell: no quantity, unit, condition, location "
		    "or delivery (say how the customer was told in the note)",
		    ev->item);
	if (pl_ledger_item_log(l, ev->item, on_event, &st, e) < 0)
		goto fail;
	if (st.failed) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		goto fail;
	}
	m.event = ev->event;
	m.condition = ev->condition;
	m.unit = ev->unit;
	m.q = q;
	m.delivery = (int)del;
	if ((rc = pl_property_step(&st.ps, ev->item, &m, why, sizeof(why))) ==
	    -2) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		goto fail;
	}
	if (rc < 0)
		REFUSE("%s", why);
	if (*st.last && strcmp(when, st.last) < 0)
		REFUSE("item '%s': %s on %s is before its last event (%s)",
		    ev->item, ev->event, when, st.last);
#undef REFUSE
	pl_property_state_release(&st.ps);
	le.item = ev->item;
	le.event = ev->event;
	le.quantity = ev->quantity;
	le.unit = ev->unit;
	le.condition = ev->condition;
	le.location = ev->location;
	le.note = ev->note;
	le.who = ev->who;
	le.at = when;
	le.delivery = m.delivery;
	return pl_ledger_append(l, &le, e) < 0 ? -1 : 0;
refused:
fail:
	pl_property_state_release(&st.ps);
	return -1;
}

/* --- import ------------------------------------------------------------- */

static const char *const csv_cols[] = { "item", "event", "who", "when",
	"quantity", "unit", "condition", "location", "note", "delivery" };
#define NCSV 10
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
			    "condition, location, note, delivery)", (int)(len < 64 ? len : 64),
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
		ev.delivery = r->f[9];
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
	struct pl_refxml rx = { "event", "item", 0, 0 };
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
		ev.delivery = pl_refxml_attr(n, "delivery");
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
