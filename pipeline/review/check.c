/*
 * check.c: the review itself.  Each check appends findings; the verdict
 * follows from them (schemas/rules.xsd, "Severity"): reject when a finding
 * recommends declining (declined without review), else incomplete when
 * something must be asked of the customer, special when any department
 * must review (the general manager approves), else regular.
 */
#include "check.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "change.h"
#include "date.h"
#include "num.h"
#include "rec.h"
#include "value.h"

static const char *const depts[] = { "sales", "purchasing", "production",
	"rd", "quality", "gm" };
static const char *const sevs[] = { "info", "review", "reject" };

enum { ASK = 1 };	/* the finding is a question for the customer */

/*
 * The memory the weeks' blocks may take.  A sanitizer build (-DTESTING)
 * takes a smaller one from POREVIEW_TEST_WEEKS_BUDGET (bytes), so that
 * tests/weeks.sh drives blocks out to the file and back with a batch the
 * sanitizer reviews in seconds; a release build always has
 * PL_WEEKS_BUDGET.
 */
static size_t
weeks_budget(void)
{
#ifdef TESTING
	const char *s = getenv("POREVIEW_TEST_WEEKS_BUDGET");
	char *end;
	unsigned long v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoul(s, &end, 10);
		if (*end == '\0' && errno == 0 && v > 0)
			return v;
	}
#endif
	return PL_WEEKS_BUDGET;
}

static int
setup(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, struct pl_ledger *ledger, int today,
    int map)
{
	memset(c, 0, sizeof(*c));
	c->cat = cat;
	c->rules = rules;
	c->ledger = ledger;
	c->today = today;
	c->map = map;
	pl_buf_init(&c->en);
	pl_buf_init(&c->zh);
	pl_buf_init(&c->tmp);
	pl_buf_init(&c->ask_en);
	pl_buf_init(&c->ask_zh);
	pl_buf_init(&c->loads);
	if (pl_codes_load(&c->units, "units.tsv") < 0 ||
	    pl_codes_load(&c->currencies, "currencies.tsv") < 0 ||
	    pl_codes_load(&c->incoterms, "incoterms.tsv") < 0 ||
	    pl_codes_load(&c->retired, "incoterms-retired.tsv") < 0 ||
	    pl_matcher_init(&c->m) < 0 ||
	    (c->chg = pl_change_new()) == NULL ||
	    pl_weeks_init(&c->weeks, map ? 0 : (size_t)cat->nproducts,
	    ledger != NULL, weeks_budget()) < 0) {
		pl_err_set(&c->err, PL_EXIT_INTERNAL, NULL, 0, "cannot set up "
		    "the review: out of memory");
		pl_check_release(c);
		return -1;
	}
	if (!map && pl_seen_open(&c->seen, "order keys",
	    "an order sent twice in the batch", &c->err) < 0) {
		pl_check_release(c);
		return -1;
	}
	return 0;
}

int
pl_check_init(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, struct pl_ledger *ledger, int today)
{
	return setup(c, cat, rules, ledger, today, 0);
}

int
pl_check_init_map(struct pl_check *c, const struct pl_catalog *cat,
    const struct pl_rules *rules, int today)
{
	return setup(c, cat, rules, NULL, today, 1);
}

void
pl_check_release(struct pl_check *c)
{
	pl_codes_release(&c->units);
	pl_codes_release(&c->currencies);
	pl_codes_release(&c->incoterms);
	pl_codes_release(&c->retired);
	if (c->m.mctx)
		pl_matcher_release(&c->m);
	pl_weeks_free(&c->weeks);
	pl_seen_close(&c->seen);
	free(c->earliest);
	pl_buf_release(&c->en);
	pl_buf_release(&c->zh);
	pl_buf_release(&c->tmp);
	pl_buf_release(&c->ask_en);
	pl_buf_release(&c->ask_zh);
	pl_buf_release(&c->loads);
	free(c->row);
	free(c->slot);
	free(c->sorted);
	free(c->rowload);
	free(c->rowflag);
	free(c->rowqty);
	free(c->vals);
	free(c->offs);
	pl_change_free(c->chg);
	c->chg = NULL;
}

static int
index_of(const char *const *v, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return -1;
}

/* Append a finding; en and zh are the finished messages. */
static int
finding(struct pl_check *c, const char *pos, const char *code,
    const char *sev, const char *dept, const char *confirm, const char *field,
    const char *en, const char *zh, int flags)
{
	const char *f[PL_finding__N] = { "finding", c->o->f[PL_order_key],
		c->o->f[PL_order_docid], pos, code, sev, dept,
		confirm && *confirm ? confirm : NULL, field, en, zh };
	int s = index_of(sevs, 3, sev), d = index_of(depts, 6, dept);

	if (s >= 0)
		c->nsev[s]++;
	if (s > 0 && d >= 0)
		c->depts |= 1u << d;
	if (s > 0 && confirm && strcmp(confirm, "written") == 0)
		c->confirms |= 1;
	if (s > 0 && confirm && strcmp(confirm, "sample") == 0)
		c->confirms |= 2;
	if (flags & ASK)
		c->incomplete = 1;
	return pl_rec_format(c->out, f, PL_finding__N);
}

/* Format the two messages into c->en and c->zh; both formats take the
 * same arguments, and the compiler checks both. */
#define MSG(c, E, Z, ...) do { \
	pl_buf_reset(&(c)->en); \
	pl_buf_reset(&(c)->zh); \
	pl_buf_addf(&(c)->en, E, ##__VA_ARGS__); \
	pl_buf_addf(&(c)->zh, Z, ##__VA_ARGS__); \
} while (0)

/* The messages one language at a time, where the arguments differ. */
#define EN(c, ...) (pl_buf_reset(&(c)->en), pl_buf_addf(&(c)->en, __VA_ARGS__))
#define ZH(c, ...) (pl_buf_reset(&(c)->zh), pl_buf_addf(&(c)->zh, __VA_ARGS__))

/* A finding with the messages last formatted. */
#define FIND(c, pos, code, sev, dept, confirm, field, flags) \
	finding(c, pos, code, sev, dept, confirm, field, (c)->en.s, \
	    (c)->zh.s, flags)

/* Something to ask the customer: a finding for Sales, and the question
 * for the verdict's ask columns. */
static void
ask(struct pl_check *c, const char *pos, const char *code, const char *field,
    const char *what_en, const char *what_zh)
{
	if (pos) {
		EN(c, "Line %s: %s is missing or wrong: ask the customer.", pos,
		    what_en);
		ZH(c, "第%s行：%s缺失或有误，须向客户询问。", pos, what_zh);
	} else {
		EN(c, "The order's %s is missing or wrong: ask the customer.",
		    what_en);
		ZH(c, "订单%s缺失或有误，须向客户询问。", what_zh);
	}
	FIND(c, pos, code, "review", "sales", NULL, field, ASK);
	if (pos) {
		pl_buf_addf(&c->ask_en, "%sline %s: %s", c->ask_en.len ? "; " :
		    "", pos, what_en);
		pl_buf_addf(&c->ask_zh, "%s第%s行%s", c->ask_zh.len ? "；" : "",
		    pos, what_zh);
	} else {
		pl_buf_addf(&c->ask_en, "%s%s", c->ask_en.len ? "; " : "",
		    what_en);
		pl_buf_addf(&c->ask_zh, "%s%s", c->ask_zh.len ? "；" : "",
		    what_zh);
	}
}

/* A number as the stream states it: whole text, '.' decimals. */
static int
number(const char *s, double *v)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	*v = strtod(s, &end);
	return *end == '\0' && isfinite(*v) ? 0 : -1;
}

static void
seen_finding(struct pl_check *c, int same, const char *where,
    const char *where_zh)
{
	if (same) {
		EN(c, "Order %s from this buyer is already %s with the same "
		    "content: a duplicate, review it once.",
		    c->o->f[PL_order_number], where);
		ZH(c, "同一买方的订单%s已在%s（内容相同）：属重复订单，只评审一次。",
		    c->o->f[PL_order_number], where_zh);
		FIND(c, NULL, "duplicate", "review", "sales", NULL, "number", 0);
	} else {
		EN(c, "Order %s from this buyer is already %s with different "
		    "content: a change, review it again.",
		    c->o->f[PL_order_number], where);
		ZH(c, "同一买方的订单%s已在%s且内容不同：属订单变更，须重新评审。",
		    c->o->f[PL_order_number], where_zh);
		FIND(c, NULL, "changed", "review", "sales", NULL, "number", 0);
	}
}

/* A first order from a customer the ledger does not know (and this run
 * has not seen before) is a special order. */
static void
new_customer(struct pl_check *c)
{
	uint32_t crc = 0, len = 0;
	int rc;

	if (c->ledger == NULL)
		return;
	pl_buf_reset(&c->tmp);
	pl_order_buyer(c->o, &c->tmp);
	if (pl_seen_add(&c->seen, PL_SEEN_BUYER, c->tmp.s, &crc, &len))
		return;
	if ((rc = pl_ledger_known(c->ledger, c->tmp.s, &c->err)) < 0) {
		c->failed = 1;
		return;
	}
	if (rc == 0) {
		MSG(c, "First order from %s: a new customer, a special order.",
		    "%s的首次订单：新客户，属特殊订单。", c->o->f[PL_order_buyer_name] ?
		    c->o->f[PL_order_buyer_name] : c->tmp.s);
		FIND(c, NULL, "new-customer", "review", "sales", NULL,
		    "buyer_id", 0);
	}
}

/*
 * The document's length (records.md: its length in bytes) as the order
 * keys of the run keep it, folded to 32 bits: *len, and 0.  Empty is 0.
 * -1 when it is no byte count: not digits alone, or over 2^40 bytes, the
 * most po-parse reads (its --max-size).
 */
static int
byte_count(const char *s, uint32_t *len)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; s && s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 14)
			return -1;
		n = n * 10 + (uint64_t)(s[i] - '0');
	}
	if (n > (uint64_t)1 << 40)
		return -1;
	*len = (uint32_t)(n ^ (n >> 32));
	return 0;
}

/* Duplicates and changes within the run: the same order key seen before,
 * with the same content or not. */
static void
seen_before(struct pl_check *c)
{
	const char *key = c->o->f[PL_order_key];
	uint32_t crc, len = 0, crc0, len0;
	int rc;

	if (key == NULL)
		return;
	crc = c->o->f[PL_order_checksum] ?
	    (uint32_t)strtoul(c->o->f[PL_order_checksum], NULL, 16) : 0;
	byte_count(c->o->f[PL_order_length], &len);	/* checked before */
	crc0 = crc;
	len0 = len;
	if (pl_seen_add(&c->seen, PL_SEEN_ORDER, key, &crc0, &len0)) {
		c->duplicate = crc0 == crc && len0 == len;
		seen_finding(c, c->duplicate, "in this batch", "本批中");
		return;
	}
	if (c->ledger) {
		rc = pl_ledger_seen(c->ledger, key, c->o->f[PL_order_checksum],
		    c->o->f[PL_order_length], &c->err);
		if (rc < 0)
			c->failed = 1;
		else if (rc > 0) {
			c->duplicate = rc == 1;
			seen_finding(c, c->duplicate, "in the ledger", "台账中");
		}
	}
}

#define ROW_HASH(prod, wk) \
	((size_t)((((uint64_t)(prod) << 32) | (wk)) * 0x9e3779b97f4a7c15ULL >> 20))

/* "2027-W03" and 202703, both ways. */
static uint32_t
week_num(const char *w)
{
	return (uint32_t)(atoi(w) * 100 + atoi(w + 6));
}

static void
week_str(uint32_t n, char *buf)
{
	unsigned y = (n / 100) % 10000, w = n % 100;

	/* "%04u-W%02u", once for each capacity record: without printf */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = 'W';
	buf[6] = (char)('0' + w / 10);
	buf[7] = (char)('0' + w % 10);
	buf[8] = '\0';
}

/*
 * The demand of p in week (ISO "YYYY-Www"; wk, YYYYWW, for
 * cap_entry_row()), made on first use, when the ledger's load is read;
 * *committed and *tentative point at the load of its accepted and of its
 * undecided orders, or are NULL without a ledger.
 * The pointers hold until the next call.  known: the ledger's committed
 * and tentative load, read ahead (pl_check_part_begin()), or NULL.
 * NULL with c->failed and c->err set when memory ran out or the weeks'
 * temporary file failed (weeks.h).
 */
static double *
cap_entry_row(struct pl_check *c, const struct pl_product *p, uint32_t wk,
    const double *known, double **committed, double **tentative)
{
	size_t stride;
	char week[9];
	double *v;
	int made;

	if ((v = pl_weeks_entry(&c->weeks, (size_t)(p - c->cat->products),
	    wk, &made, &stride, &c->err)) == NULL) {
		c->failed = 1;
		return NULL;
	}
	if (made && c->ledger && known) {
		v[stride] = known[0];	/* read ahead */
		v[2 * stride] = known[1];
	} else if (made && c->ledger && (week_str(wk, week),
	    pl_ledger_load(c->ledger, p->sku, week, &v[stride],
	    &v[2 * stride], &c->err) < 0))
		c->failed = 1;
	*committed = c->ledger ? &v[stride] : NULL;
	*tentative = c->ledger ? &v[2 * stride] : NULL;
	return v;
}

static double *
cap_entry(struct pl_check *c, const struct pl_product *p, const char *week,
    double **committed, double **tentative)
{
	return cap_entry_row(c, p, week_num(week), NULL, committed,
	    tentative);
}

static int
earliest_of(struct pl_check *c, const struct pl_product *p, int buy)
{
	size_t i = (size_t)(p - c->cat->products);

	if (c->earliest == NULL) {
		c->earliest = calloc((size_t)c->cat->nproducts, sizeof(int));
		if (c->earliest == NULL)
			return pl_calendar_add(&c->cat->calendar, c->today + buy,
			    p->lead_days);
	}
	if (c->earliest[i] == 0)
		c->earliest[i] = pl_calendar_add(&c->cat->calendar,
		    c->today + buy, p->lead_days) + 1;	/* 0: not yet */
	return c->earliest[i] - 1;
}

static int
d_term(const char *incoterm)
{
	return incoterm && (strncmp(incoterm, "DAP", 3) == 0 ||
	    strncmp(incoterm, "DPU", 3) == 0 || strncmp(incoterm, "DDP", 3) == 0);
}

static void capacity(struct pl_check *, const char *,
    const struct pl_product *, const char *, double);

/* A reduce's row: no line of it can fill its week; a line of it came
 * (not a duplicate's) */
enum { ROW_SAFE = 1, ROW_MET = 2 };

/* 2^53: whole numbers up to it add up exactly, in any order */
#define WHOLE_MAX 9007199254740992.0

static int
whole_qty(double q)
{
	return q >= 0 && q <= WHOLE_MAX && q == floor(q);
}

/* The map: qty of product prod in week wk counted in its row, made on
 * first use; the row's number (from 1), or 0 past PL_CHECK_ROWS or out
 * of memory (the line goes without). */
static uint32_t
map_row(struct pl_check *c, size_t prod, uint32_t wk, double qty)
{
	struct pl_check_row *w;
	size_t i, mask, n;
	uint32_t r, *slot;

	if (c->nrow * 2 >= c->nslot && c->nrow < PL_CHECK_ROWS) {
		n = c->nslot ? c->nslot * 2 : 4096;
		if ((slot = calloc(n, sizeof(*slot))) == NULL)
			return 0;
		for (r = 1; r <= c->nrow; r++) {
			w = &c->row[r - 1];
			for (i = ROW_HASH(w->prod, w->week) & (n - 1); slot[i];
			    i = (i + 1) & (n - 1))
				;
			slot[i] = r;
		}
		free(c->slot);
		c->slot = slot;
		c->nslot = n;
	}
	if (c->nslot == 0)
		return 0;
	mask = c->nslot - 1;
	for (i = ROW_HASH(prod, wk) & mask; (r = c->slot[i]) != 0;
	    i = (i + 1) & mask)
		if (c->row[r - 1].prod == prod && c->row[r - 1].week == wk)
			break;
	if (r == 0) {
		if (c->nrow >= PL_CHECK_ROWS || c->nrow * 2 >= c->nslot)
			return 0;
		if (c->nrow == c->caprow) {
			n = c->caprow ? c->caprow * 2 : 4096;
			if ((w = realloc(c->row, n * sizeof(*w))) == NULL)
				return 0;
			c->row = w;
			c->caprow = n;
		}
		w = &c->row[c->nrow];
		memset(w, 0, sizeof(*w));
		w->prod = (uint32_t)prod;
		w->week = wk;
		w->whole = 1;
		c->slot[i] = r = (uint32_t)++c->nrow;
	}
	w = &c->row[r - 1];
	w->lines++;
	w->qty += qty;
	w->whole = w->whole && whole_qty(qty) && w->qty <= WHOLE_MAX;
	return r;
}

/* Quantity, time and capacity of one line of a catalog product. */
static void
schedule(struct pl_check *c, const struct pl_order_line *l,
    const struct pl_product *p, double qty, int dispatch)
{
	const struct pl_catalog *cat = c->cat;
	const char *pos = l->f[PL_line_pos];
	char d1[11], d2[11], week[9];
	int i, buy = 0, earliest, start, latest;
	char zh[512] = "", q[32];

	if (p->min_qty > 0 && qty < p->min_qty) {
		MSG(c, "Quantity %.12g is below the minimum order quantity %.12g of %s.",
		    "数量%.12g低于最小订货量%.12g（%s）。", qty, p->min_qty, p->sku);
		FIND(c, pos, "below-moq", "review", "production", NULL,
		    "quantity", 0);
	}
	if (p->multiple > 0 && fabs(fmod(qty, p->multiple)) > 1e-9 &&
	    fabs(fmod(qty, p->multiple) - p->multiple) > 1e-9) {
		MSG(c, "Quantity %.12g is not a multiple of %.12g (the packing unit).",
		    "数量%.12g不是%.12g（包装单位）的整数倍。", qty, p->multiple);
		FIND(c, pos, "not-multiple", "review", "production", NULL,
		    "quantity", 0);
	}
	/* materials bought for the order come first, then production; the
	 * earliest date depends on the product alone: computed once */
	for (i = 0; i < p->nbom; i++)
		if (p->bom[i].material->stock_order &&
		    p->bom[i].material->purchase_days > buy)
			buy = p->bom[i].material->purchase_days;
	earliest = earliest_of(c, p, buy);
	if (dispatch >= 0 && dispatch < earliest) {
		pl_date_format(earliest, d1);
		pl_date_format(dispatch, d2);
		EN(c, "The goods must leave the factory by %s, but the earliest "
		    "feasible date is %s (%d working days of production%s).",
		    d2, d1, p->lead_days, buy ? ", after materials bought "
		    "for the order" : "");
		ZH(c, "货物须于%s前出厂，但最早可行日期为%s（生产需%d个工作日%s）。",
		    d2, d1, p->lead_days, buy ? "，另需先采购专用物料" : "");
		FIND(c, pos, "lead-time", "review", "production", NULL,
		    "delivery_to", 0);
	}
	start = dispatch >= 0 ? dispatch : earliest;
	/* production must start lead_days working days before dispatch:
	 * material bought for the order has to be in by then */
	latest = dispatch >= 0 && buy > 0 ? pl_calendar_back(&cat->calendar,
	    dispatch, p->lead_days) : -1;
	pl_buf_reset(&c->tmp);
	for (i = 0; i < p->nbom; i++) {
		const struct pl_material *m = p->bom[i].material;

		if (m->stock_order && latest >= 0 &&
		    c->today + m->purchase_days > latest) {
			pl_date_format(latest, d1);
			EN(c, "Material %s (%s) takes %d days to buy: it does "
			    "not arrive before production must start on %s.",
			    m->code, m->name_en, m->purchase_days, d1);
			ZH(c, "物料%s（%s）采购需%d天：无法在%s开始生产前到货。",
			    m->code, m->name_zh, m->purchase_days, d1);
			FIND(c, pos, "material-lead-time", "review",
			    "purchasing", NULL, "delivery_to", 0);
		}
		if (m->outsourced) {
			pl_buf_addf(&c->tmp, "%s%s", c->tmp.len ? "; " : "",
			    m->name_en);
			snprintf(zh + strlen(zh), sizeof(zh) - strlen(zh),
			    "%s%s", zh[0] ? "；" : "", m->name_zh);
		}
	}
	if (c->tmp.len) {
		EN(c, "Outsourced work for %s: %s. Purchasing schedules it.",
		    p->sku, c->tmp.s);
		ZH(c, "%s含外协加工：%s。由采购部安排。", p->sku, zh);
		FIND(c, pos, "outsourced", "info", "purchasing", NULL, NULL, 0);
	}
	if (c->duplicate)
		return;		/* its load counts once: the first copy's */
	pl_date_isoweek(start, week);
	pl_num_g12(q, sizeof(q), qty);
	{
		const char *f[PL_load__N] = { "load", c->o->f[PL_order_key],
			c->o->f[PL_order_docid], pos, p->sku, week, q };

		pl_rec_format(&c->loads, f, PL_load__N);
	}
	if (c->map) {
		/* the batch's demand is the reduce's: the exact quantity,
		 * where its capacity finding goes, and its row */
		char row[16];
		uint32_t k = map_row(c, (size_t)(p - cat->products),
		    week_num(week), qty);
		const char *f[PL_mapline__N] = { "mapline",
			c->o->f[PL_order_key], c->o->f[PL_order_docid], pos,
			p->sku, week, q, k ? row : NULL };

		snprintf(q, sizeof(q), "%.17g", qty);
		snprintf(row, sizeof(row), "%u", k);
		pl_rec_format(c->out, f, PL_mapline__N);
	} else
		capacity(c, pos, p, week, qty);
}

/* The line's quantity qty of p in week (its load) added to the batch's
 * demand, first come, first served: a finding when the week is full. */
static void
capacity(struct pl_check *c, const char *pos, const struct pl_product *p,
    const char *week, double qty)
{
	double *demand, *committed, *tentative, load, sure;

	if ((demand = cap_entry(c, p, week, &committed, &tentative)) == NULL)
		return;
	*demand += qty;
	/* first come, first served: the accepted orders' load, this batch's
	 * demand so far, then the load of orders reviewed and not decided */
	sure = *demand + (committed ? *committed : 0);
	load = sure + (tentative ? *tentative : 0);
	if (p->per_week > 0 && load > p->per_week) {
		double over = load - p->per_week;
		/* "%.12g" each, whole numbers without printf */
		char o[32], w[32], t[32];

		if (over > qty)
			over = qty;
		pl_num_g12(o, sizeof(o), over);
		pl_num_g12(w, sizeof(w), p->per_week);
		pl_num_g12(t, sizeof(t), tentative ? *tentative : 0);
		if (tentative && *tentative > 0 && sure <= p->per_week) {
			EN(c, "Week %s: %s is booked %s over its weekly "
			    "capacity of %s once the tentative load of orders "
			    "reviewed but not yet accepted (%s) is counted "
			    "(first come, first served).", week, p->sku, o, w, t);
			ZH(c, "%s周：%s计入已评审未接受订单的暂定负荷（%s）后"
			    "超出%s，周产能为%s（先到先得）。", week, p->sku, t, o,
			    w);
		} else if (tentative && *tentative > 0)
			MSG(c, "Week %s: %s is booked %s over its weekly "
			    "capacity of %s with the accepted orders' load "
			    "alone, before the tentative %s of orders not yet "
			    "accepted (first come, first served).",
			    "%s周：%s仅计已接受订单即超出%s，周产能为%s，"
			    "另有未接受订单的暂定负荷%s（先到先得）。", week,
			    p->sku, o, w, t);
		else
			MSG(c, "Week %s: %s is booked %s over its weekly "
			    "capacity of %s (first come, first served).",
			    "%s周：%s超出%s，周产能为%s（先到先得）。", week,
			    p->sku, o, w);
		FIND(c, pos, "capacity", "review", "production", NULL,
		    "quantity", 0);
	}
}

static int
known_unit(const char *code, void *ctx)
{
	return pl_codes_find(ctx, code) != NULL;
}

/* The names po-parse gives to what is not a spec of ours. */
static int
own_prop(const char *name)
{
	static const char *const own[] = { "classification", "origin country",
		"lot", "serial", "manufacturer part" };

	return index_of(own, 5, name) >= 0;
}

/* Each property of the line against the product's specs. */
static void
properties(struct pl_check *c, const struct pl_order_line *l,
    const struct pl_product *p)
{
	const struct pl_order *o = c->o;
	const char *pos = l->f[PL_line_pos];
	size_t i;
	int j, k;

	for (i = l->first; i < l->end; i++) {
		const struct pl_order_item *it = &o->item[i];
		const char *name = it->f[PL_prop_name], *value, *why = NULL;
		const struct pl_spec *s = NULL;
		char field[160];
		int ok = 1, rc;

		if (strcmp(it->f[0], "prop") != 0 || name == NULL ||
		    own_prop(name))
			continue;
		value = it->f[PL_prop_value] ? it->f[PL_prop_value] : "";
		/* the spec names are folded once, at load; fold the name once */
		pl_buf_reset(&c->tmp);
		pl_fold(name, &c->tmp);
		for (j = 0; j < p->nspecs && !s; j++)
			for (k = 0; k < p->specs[j].nnames && !s; k++)
				/* the first byte before the call: hot */
				if (p->specs[j].names[k][0] == c->tmp.s[0] &&
				    strcmp(p->specs[j].names[k], c->tmp.s) == 0)
					s = &p->specs[j];
		snprintf(field, sizeof(field), "prop:%s", name);
		if (s == NULL) {
			MSG(c, "Property \"%s: %s\" is not one the catalog "
			    "specifies for %s: Sales checks what is meant.",
			    "属性“%s：%s”不在%s的目录规格中：销售部须确认其含义。",
			    name, value, p->sku);
			FIND(c, pos, "prop-unknown", "info", "sales", NULL, field,
			    0);
			continue;
		}
		if (s->test == PL_SPEC_RANGE) {
			struct pl_value v;

			pl_value_read(value, it->f[PL_prop_unit], known_unit,
			    &c->units, &v);
			rc = pl_value_in_range(&v, s->unit, s->has_min ? &s->min :
			    NULL, s->has_max ? &s->max : NULL, &why);
			ok = rc == 1;
			if (rc < 0) {
				MSG(c, "Property \"%s: %s\" cannot be checked "
				    "against %s's range (%s): R&D reviews it.",
				    "属性“%s：%s”无法按%s的规格范围核对（%s）：须研发部评审。",
				    name, value, p->sku, why ? why : "unreadable");
				FIND(c, pos, "prop-unreadable", "review", "rd",
				    "written", field, 0);
				continue;
			}
		} else if (s->test == PL_SPEC_VALUES) {
			ok = 0;
			pl_buf_reset(&c->tmp);
			pl_fold(value, &c->tmp);
			for (k = 0; k < s->nvalues && !ok; k++)
				ok = strcmp(s->values[k], c->tmp.s) == 0;
		} else if (s->test == PL_SPEC_PATTERN && s->re) {
			rc = pl_pattern_match(&c->m, s->re, value, strlen(value),
			    NULL, NULL);
			if (rc == PL_PATTERN_LIMIT || rc == PL_PATTERN_ERROR) {
				MSG(c, "Property \"%s\" could not be matched against "
				    "spec %s of %s: the pattern hit its match limit.",
				    "属性“%s”与%s的规格%s匹配时超出匹配限制。", name,
				    s->id, p->sku);
				FIND(c, pos, "pattern-limit", "review", "rd", NULL,
				    field, 0);
				continue;
			}
			ok = rc == PL_PATTERN_MATCH;
		}
		if (ok)
			continue;
		/* whether it can be made, and whether a redesign would do */
		MSG(c, "Property \"%s: %s\" is outside what the factory makes of "
		    "%s (spec %s): Production checks whether it can be made, and "
		    "the customer confirms in writing.", "属性“%s：%s”超出我司%s的"
		    "生产范围（规格%s）：须生产部评审能否生产，并由客户书面确认。",
		    name, value, p->sku, s->id);
		FIND(c, pos, "prop-outside", "review", "production", "written",
		    field, 0);
		MSG(c, "Property \"%s: %s\" is outside what the factory makes of "
		    "%s (spec %s): R&D reviews it and the customer confirms in "
		    "writing.", "属性“%s：%s”超出我司%s的生产范围（规格%s）："
		    "须研发部评审并由客户书面确认。", name, value, p->sku, s->id);
		FIND(c, pos, "prop-outside", "review", "rd", "written", field, 0);
	}
}

/* Sales, production and purchasing checks of one line; returns its value
 * into *amount when it has one. */
static void
line(struct pl_check *c, const struct pl_order_line *l, int order_dispatch,
    double *amount)
{
	const struct pl_order *o = c->o;
	const char *pos = l->f[PL_line_pos], *unit = l->f[PL_line_unit];
	const char *cur = l->f[PL_line_currency] ? l->f[PL_line_currency] :
	    o->f[PL_order_currency];
	const struct pl_product *p;
	double qty = 0, price, base = 1, factor;
	int have_qty, dispatch = order_dispatch, d;
	const char *when = l->f[PL_line_delivery_to] ?
	    l->f[PL_line_delivery_to] : l->f[PL_line_delivery_from];

	have_qty = number(l->f[PL_line_quantity], &qty) == 0;
	if (l->f[PL_line_quantity] == NULL)
		ask(c, pos, "missing-quantity", "quantity", "the quantity",
		    "数量");
	else if (!have_qty || qty <= 0)
		ask(c, pos, "quantity-not-positive", "quantity",
		    "a positive quantity", "正数数量");
	if (unit == NULL)
		ask(c, pos, "missing-unit", "unit", "the unit of measure",
		    "计量单位");
	else if (!pl_codes_find(&c->units, unit))
		ask(c, pos, "unit-unknown", "unit", "a UN/ECE Rec 20 unit "
		    "code", "标准计量单位代码");
	if (when && pl_date_parse(when, &d) < 0) {
		ask(c, pos, "date-invalid", "delivery_to", "a valid requested "
		    "delivery date", "有效的要求交期");
	} else if (when) {
		/* for the D terms the date is the arrival: leave earlier */
		dispatch = d;
		if (d_term(o->f[PL_order_incoterm]))
			dispatch -= pl_catalog_transit(c->cat,
			    l->f[PL_line_delivery_country] ?
			    l->f[PL_line_delivery_country] :
			    o->f[PL_order_delivery_country]);
	}
	if (number(l->f[PL_line_base_qty], &base) < 0 || base <= 0)
		base = 1;
	if (number(l->f[PL_line_amount], amount) < 0) {
		*amount = 0;
		if (have_qty && number(l->f[PL_line_price], &price) == 0)
			*amount = qty * price / base;
	}
	if (l->f[PL_line_seller_item] == NULL)
		return;		/* the rules ask for our item number */
	if ((p = pl_catalog_product(c->cat, l->f[PL_line_seller_item])) ==
	    NULL) {
		MSG(c, "Item %s is not in the catalog: a new product, R&D "
		    "reviews it and the customer approves a sample.",
		    "料号%s不在产品目录中：属新产品，须研发部评审并经客户样品确认。",
		    l->f[PL_line_seller_item]);
		FIND(c, pos, "new-product", "review", "rd", "sample",
		    "seller_item", 0);
		return;
	}
	if (p->custom) {
		MSG(c, "%s is made to the customer's drawing: R&D reviews the "
		    "design and the customer approves a sample.",
		    "%s按客户图纸制作：须研发部评审设计并经客户样品确认。", p->sku);
		FIND(c, pos, "custom-product", "review", "rd", "sample",
		    "seller_item", 0);
	}
	if (p->phase_out) {
		MSG(c, "%s is being phased out: Sales offers the customer its "
		    "successor.", "%s即将停产：销售部须向客户推荐替代产品。", p->sku);
		FIND(c, pos, "phase-out", "info", "sales", NULL, "seller_item", 0);
	}
	properties(c, l, p);
	factor = pl_product_factor(c->cat, p, unit);
	if (unit && factor <= 0) {
		if (pl_codes_find(&c->units, unit))
			ask(c, pos, "unit-incompatible", "unit",
			    "a unit the product is sold in", "该产品的销售单位");
		return;
	}
	if (factor <= 0)
		factor = 1;
	if (number(l->f[PL_line_price], &price) == 0) {
		const struct pl_price *lp = pl_product_price(p, cur);
		double tol = c->rules->tolerance / 100, mine, list, top;

		if (lp == NULL) {
			MSG(c, "%s has no list price in %s: Sales agrees the "
			    "price.", "%s没有%s价格表：须销售部确认价格。", p->sku,
			    cur ? cur : "this currency");
			FIND(c, pos, "no-list-price", "review", "sales", NULL,
			    "currency", 0);
		} else {
			double pf = pl_product_factor(c->cat, p, lp->unit);

			mine = price / base / factor;
			list = lp->amount / (pf > 0 ? pf : 1);
			top = (lp->max > 0 ? lp->max : lp->amount) /
			    (pf > 0 ? pf : 1);
			if (mine < list * (1 - tol) - 1e-9) {
				MSG(c, "Price %s %s is below the list price %.12g %s "
				    "per %s by more than %.12g%%.",
				    "价格%s %s低于目录价%.12g %s（每%s）超过%.12g%%。",
				    l->f[PL_line_price], cur ? cur : "", list,
				    cur ? cur : "", p->base, c->rules->tolerance);
				FIND(c, pos, "price-below-list", "review",
				    "sales", NULL, "price", 0);
			} else if (mine > top * (1 + tol) + 1e-9) {
				MSG(c, "Price %s %s is above the list price %.12g %s "
				    "per %s.", "价格%s %s高于目录价%.12g %s（每%s）。",
				    l->f[PL_line_price], cur ? cur : "", top,
				    cur ? cur : "", p->base);
				FIND(c, pos, "price-above-list", "info", "sales",
				    NULL, "price", 0);
			}
		}
	}
	if (have_qty && qty > 0)
		schedule(c, l, p, qty * factor, dispatch);
}

/* The message of rule r with {value} replaced by value. */
static void
rule_msg(struct pl_buf *b, const char *msg, const char *value)
{
	const char *p;

	pl_buf_reset(b);
	if (msg == NULL)
		return;
	while ((p = strstr(msg, "{value}")) != NULL) {
		pl_buf_add(b, msg, (size_t)(p - msg));
		pl_buf_adds(b, value ? value : "");
		msg = p + 7;
	}
	pl_buf_adds(b, msg);
}

/* Room for n values in c->vals and c->offs: 0, or -1 with c->failed and
 * c->err set when memory ran out. */
static int
vals_room(struct pl_check *c, size_t n)
{
	size_t cap = c->capvals ? c->capvals : 64;
	const char **v;
	size_t *o;

	if (n <= c->capvals)
		return 0;
	while (cap < n)
		cap *= 2;
	if ((v = realloc(c->vals, cap * sizeof(*v))) != NULL)
		c->vals = v;
	if ((o = realloc(c->offs, cap * sizeof(*o))) != NULL)
		c->offs = o;
	if (v == NULL || o == NULL) {
		c->failed = 1;
		return pl_err_set(&c->err, PL_EXIT_INTERNAL, NULL, 0,
		    "cannot review order '%s': out of memory",
		    c->o->f[PL_order_key] ? c->o->f[PL_order_key] : "?");
	}
	c->capvals = cap;
	return 0;
}

/* The values field of rule r takes in its scope (a line, or the order
 * when l is NULL), every one of them, into c->vals (pointers into the
 * order or into c->tmp); their number, or 0 with c->failed set when
 * memory ran out. */
static size_t
values_of(struct pl_check *c, const struct pl_rule *r,
    const struct pl_order_line *l)
{
	const struct pl_order *o = c->o;
	const char *kind = r->col == PL_FIELD_NOTE ? "note" :
	    r->col == PL_FIELD_PROP ? "prop" : "doc";
	size_t i, from = l ? l->first : 0, to = l ? l->end : o->nitem;
	size_t n = 0, j;
	struct pl_buf *tmp = &c->tmp;
	int k;

	if (r->col >= 0) {
		const char *v = l ? l->f[r->col] : o->f[r->col];

		if (v == NULL || vals_room(c, 1) < 0)
			return 0;
		c->vals[n++] = v;
		return n;
	}
	pl_buf_reset(tmp);
	for (i = from; i < to; i++) {
		const struct pl_order_item *it = &o->item[i];

		if (it->f[0][0] != kind[0] || strcmp(it->f[0], kind) != 0 ||
		    (l == NULL && it->f[PL_prop_pos] != NULL))
			continue;
		if (vals_room(c, n + 1) < 0)
			return 0;
		if (r->col == PL_FIELD_NOTE) {
			if (it->f[PL_note_text])
				c->vals[n++] = it->f[PL_note_text];
			continue;
		}
		c->offs[n] = tmp->len;
		if (r->col == PL_FIELD_PROP) {
			/* "NAME: VALUE", put together without printf: hot */
			if (it->f[PL_prop_name])
				pl_buf_adds(tmp, it->f[PL_prop_name]);
			pl_buf_add(tmp, ": ", 2);
			if (it->f[PL_prop_value])
				pl_buf_adds(tmp, it->f[PL_prop_value]);
		} else {
			for (k = PL_doc_type; k <= PL_doc_uri; k++)
				if ((k == PL_doc_type || k == PL_doc_filename ||
				    k == PL_doc_uri) && it->f[k]) {
					if (tmp->len > c->offs[n])
						pl_buf_addc(tmp, ' ');
					pl_buf_adds(tmp, it->f[k]);
				}
		}
		pl_buf_addc(tmp, '\0');
		c->vals[n++] = NULL;	/* filled below: tmp may move */
	}
	for (j = 0; j < n; j++)
		if (c->vals[j] == NULL)
			c->vals[j] = tmp->s + c->offs[j];
	return n;
}

/* Whether every product the rule's finding concerns holds its certs. */
static int
certified(struct pl_check *c, const struct pl_rule *r,
    const struct pl_order_line *l)
{
	const struct pl_order *o = c->o;
	size_t i, from = l ? (size_t)(l - o->line) : 0;
	size_t to = l ? from + 1 : o->nline;
	int k;

	if (r->ncerts == 0 || to == from)
		return 0;
	for (i = from; i < to; i++) {
		const struct pl_product *p = pl_catalog_product(c->cat,
		    o->line[i].f[PL_line_seller_item]);

		if (p == NULL)
			return 0;
		for (k = 0; k < r->ncerts; k++)
			if (!pl_product_has_cert(p, r->certs[k]))
				return 0;
	}
	return 1;
}

/*
 * The customer property a rule's hit announces.  When the rule's pattern
 * names a group qty (a number, with its unit or not) and perhaps unit,
 * their text in v gives the record's quantity and unit (a Rec 20 code when
 * the unit is one pl_value_read() knows, else as written).
 */
static void
custprop(struct pl_check *c, const struct pl_rule *r, const char *pos,
    const char *what, const char *v)
{
	const char *f[PL_custprop__N] = { "custprop", c->o->f[PL_order_key],
		c->o->f[PL_order_docid], pos, r->custprop, what, NULL, NULL,
		r->id };
	char qty[32], text[96], unit[32];
	struct pl_value val;
	size_t qs, qe, us, ue, k = 0;

	if (pl_pattern_group(&c->m, r->re, "qty", &qs, &qe)) {
		unit[0] = '\0';
		if (pl_pattern_group(&c->m, r->re, "unit", &us, &ue))
			snprintf(unit, sizeof(unit), "%.*s", (int)(ue - us),
			    v + us);
		for (; qs < qe && k < sizeof(text) - sizeof(unit) - 2; qs++)
			if (v[qs] != ',')	/* 8,000: thousands */
				text[k++] = v[qs];
		snprintf(text + k, sizeof(text) - k, " %s", unit);
		pl_value_read(text, NULL, NULL, NULL, &val);
		if (val.n == 1 && isfinite(val.v[0])) {
			snprintf(qty, sizeof(qty), "%.12g", val.v[0]);
			f[PL_custprop_quantity] = qty;
			f[PL_custprop_unit] = val.unit[0] ? val.unit : unit[0] ?
			    unit : NULL;
		}
	}
	pl_rec_format(c->out, f, PL_custprop__N);
}

static int
is_stop(const unsigned char *p)
{
	/* 。；！？ and a line break end a sentence, as do . ; ! ? before a
	 * space */
	return *p == '\n' || ((*p == '.' || *p == ';' || *p == '!' ||
	    *p == '?') && (p[1] == ' ' || p[1] == '\0')) || (p[0] == 0xe3 &&
	    p[1] == 0x80 && p[2] == 0x82) || (p[0] == 0xef && p[1] == 0xbc &&
	    (p[2] == 0x9b || p[2] == 0x81 || p[2] == 0x9f));
}

/*
 * What a finding quotes of value v, matched from s to e: the whole
 * sentence (or line) around the match, so "Drawing: MMS-10442 rev B" is
 * quoted whole, not the "Drawing:" the rule matched; cut with "…" past
 * size bytes.
 */
static void
sentence(const char *v, size_t s, size_t e, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)v;
	size_t a = s, b = e, n = strlen(v);

	while (a > 0 && !is_stop(u + a - 1) && !(a >= 3 && u[a - 3] >= 0x80 &&
	    is_stop(u + a - 3)))
		a--;
	while (b < n && !is_stop(u + b))
		b++;
	if (b < n)
		b += u[b] >= 0x80 ? 3 : 1;	/* the stop belongs to it */
	while (a < b && (u[a] == ' ' || u[a] == '\t' || u[a] == '\n'))
		a++;
	while (b > a && (u[b - 1] == ' ' || u[b - 1] == '\n'))
		b--;
	if (b - a < size) {
		snprintf(out, size, "%.*s", (int)(b - a), v + a);
		return;
	}
	b = a + size - 4;
	while (b > a && (u[b] & 0xc0) == 0x80)
		b--;		/* not inside a character */
	snprintf(out, size, "%.*s…", (int)(b - a), v + a);
}

static void
rule_hit(struct pl_check *c, const struct pl_rule *r,
    const struct pl_order_line *l, const char *value, int flags)
{
	const char *pos = l ? l->f[PL_line_pos] : NULL;
	const char *sev = certified(c, r, l) ? "info" : r->severity;

	rule_msg(&c->en, r->en, value);
	rule_msg(&c->zh, r->zh, value);
	FIND(c, pos, r->id, sev, r->department, r->confirm, r->field, flags);
	if (flags & ASK) {
		pl_buf_addf(&c->ask_en, "%s%s%s%s", c->ask_en.len ? "; " : "",
		    pos ? "line " : "", pos ? pos : "", pos ? ": " : "");
		pl_buf_adds(&c->ask_en, r->field);
		pl_buf_addf(&c->ask_zh, "%s%s%s%s", c->ask_zh.len ? "；" : "",
		    pos ? "第" : "", pos ? pos : "", pos ? "行" : "");
		pl_buf_adds(&c->ask_zh, r->field);
	}
}

/* Apply rule r to one subject: the order (l NULL) or a line. */
static void
apply(struct pl_check *c, const struct pl_rule *r,
    const struct pl_order_line *l)
{
	const char **vals, *v;
	struct pl_value nv;
	size_t s, e, n, i;
	int rc, d, hit = 0;
	char quote[512];

	n = values_of(c, r, l);
	if (c->failed)
		return;
	vals = c->vals;
	switch (r->test) {
	case PL_TEST_REQUIRED:
		if (n == 0)
			rule_hit(c, r, l, l ? l->f[PL_line_buyer_item] : NULL,
			    ASK);
		break;
	case PL_TEST_PATTERN:
	case PL_TEST_ABSENT:
		for (i = 0; i < n; i++) {
			v = vals[i];
			rc = pl_pattern_match(&c->m, r->re, v, strlen(v), &s, &e);
			if (rc == PL_PATTERN_LIMIT || rc == PL_PATTERN_ERROR) {
				MSG(c, "Rule %s could not finish matching (%s): a "
				    "person must read this text.",
				    "规则%s匹配未能完成（%s）：须人工阅读该文本。", r->id,
				    rc == PL_PATTERN_LIMIT ? "match limit" :
				    "error");
				FIND(c, l ? l->f[PL_line_pos] : NULL, "rule-limit",
				    "review", r->department, NULL, r->field, 0);
				hit = 1;
				continue;
			}
			if (rc != PL_PATTERN_MATCH)
				continue;
			if (r->test == PL_TEST_ABSENT) {
				hit = 1;
				break;
			}
			sentence(v, s, e, quote, sizeof(quote));
			if (!hit)
				rule_hit(c, r, l, quote, 0);
			if (r->custprop)
				custprop(c, r, l ? l->f[PL_line_pos] : NULL,
				    r->col == PL_FIELD_DOC ||
				    r->col == PL_FIELD_NOTE ? v : quote, v);
			hit = 1;
		}
		if (r->test == PL_TEST_ABSENT && !hit && n > 0)
			rule_hit(c, r, l, vals[0], 0);
		break;
	case PL_TEST_RANGE:
		for (i = 0; i < n; i++) {
			int k, out = 0;

			pl_value_read(vals[i], NULL, NULL, NULL, &nv);
			for (k = 0; k < nv.n; k++)
				if ((r->has_min && nv.v[k] < r->min) ||
				    (r->has_max && nv.v[k] > r->max))
					out = 1;
			if (nv.n == 0 || out) {
				rule_hit(c, r, l, vals[i], 0);
				break;
			}
		}
		break;
	case PL_TEST_VALUES:
		for (i = 0; i < n; i++) {
			int k, ok = 0;

			pl_buf_reset(&c->en);
			pl_fold(vals[i], &c->en);
			for (k = 0; k < r->nvalues && !ok; k++)
				ok = strcmp(r->values[k], c->en.s) == 0;
			if (!ok) {
				rule_hit(c, r, l, vals[i], 0);
				break;
			}
		}
		break;
	case PL_TEST_DATE:
		for (i = 0; i < n; i++)
			if (pl_date_parse(vals[i], &d) < 0 ||
			    d < c->today + r->min_days) {
				rule_hit(c, r, l, vals[i], 0);
				break;
			}
		break;
	}
}

/* The order-level checks of Sales: what must be stated, and stated right. */
static int
order_fields(struct pl_check *c)
{
	const struct pl_order *o = c->o;
	const char *inc = o->f[PL_order_incoterm];
	const char *when = o->f[PL_order_delivery_to] ?
	    o->f[PL_order_delivery_to] : o->f[PL_order_delivery_from];
	int issued = -1, d = -1;
	size_t i, dated = 0;
	char code[8];

	if (o->f[PL_order_number] == NULL)
		ask(c, NULL, "missing-number", "number", "order number", "订单号");
	if (o->f[PL_order_issue_date] == NULL)
		ask(c, NULL, "missing-issue-date", "issue_date", "order date",
		    "订单日期");
	else if (pl_date_parse(o->f[PL_order_issue_date], &issued) < 0)
		ask(c, NULL, "date-invalid", "issue_date", "order date",
		    "订单日期");
	if (o->f[PL_order_buyer_id] == NULL && o->f[PL_order_buyer_name] == NULL)
		ask(c, NULL, "missing-buyer", "buyer_name", "buyer", "买方");
	if (o->nline == 0)
		ask(c, NULL, "missing-lines", "lines", "order lines", "订单行");
	if (o->f[PL_order_currency] == NULL)
		ask(c, NULL, "missing-currency", "currency", "currency", "币种");
	else if (!pl_codes_find(&c->currencies, o->f[PL_order_currency]))
		ask(c, NULL, "currency-unknown", "currency",
		    "ISO 4217 currency", "ISO 4217币种");
	if (o->f[PL_order_payment_terms] == NULL)
		ask(c, NULL, "missing-payment-terms", "payment_terms",
		    "payment terms", "付款条件");
	if (inc == NULL) {
		ask(c, NULL, "missing-incoterm", "incoterm",
		    "delivery terms (Incoterms)", "交货条件（贸易术语）");
	} else {
		for (i = 0; i < 3 && inc[i] >= 'A' && inc[i] <= 'Z'; i++)
			code[i] = inc[i];
		code[i] = '\0';
		if (i == 3 && (inc[3] < 'A' || inc[3] > 'Z') &&
		    pl_codes_find(&c->incoterms, code))
			;
		else if (i == 3 && pl_codes_find(&c->retired, code)) {
			MSG(c, "Delivery terms \"%s\" use %s, retired from "
			    "Incoterms 2020: agree the 2020 rule in writing.",
			    "交货条件“%s”使用已废止的%s：须书面确认2020版术语。", inc,
			    code);
			FIND(c, NULL, "incoterm-retired", "review", "sales",
			    "written", "incoterm", 0);
		} else {
			MSG(c, "Delivery terms \"%s\" are not an Incoterms 2020 "
			    "rule: agree the terms in writing.",
			    "交货条件“%s”不是2020版国际贸易术语：须书面确认。", inc);
			FIND(c, NULL, "incoterm-unknown", "review", "sales",
			    "written", "incoterm", 0);
		}
	}
	for (i = 0; i < o->nline; i++)
		if (o->line[i].f[PL_line_delivery_to] ||
		    o->line[i].f[PL_line_delivery_from])
			dated++;
	if (when == NULL && (dated < o->nline || o->nline == 0))
		ask(c, NULL, "missing-delivery-date", "delivery_to",
		    "requested delivery date", "要求交期");
	if (when && pl_date_parse(when, &d) < 0) {
		ask(c, NULL, "date-invalid", "delivery_to",
		    "requested delivery date", "要求交期");
		d = -1;
	}
	if (d >= 0 && issued >= 0 && d < issued)
		ask(c, NULL, "delivery-before-issue", "delivery_to",
		    "a delivery date after the order date", "晚于订单日期的交期");
	else if (d >= 0 && d < c->today) {
		MSG(c, "Requested delivery %s is already past: agree a new date "
		    "with the customer.", "要求交期%s已过：须与客户重新确认交期。",
		    when);
		FIND(c, NULL, "delivery-past", "review", "sales", "written",
		    "delivery_to", 0);
	}
	if (d >= 0 && d_term(inc))
		d -= pl_catalog_transit(c->cat, o->f[PL_order_delivery_country]);
	return d;
}

/* The departments of mask, comma-separated, after first (or NULL). */
static void
dept_list(char *buf, size_t size, const char *first, unsigned mask)
{
	int i;

	snprintf(buf, size, "%s", first ? first : "");
	for (i = first ? 1 : 0; i < 6; i++)
		if (mask & (1u << i))
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			    buf[0] ? "," : "", depts[i]);
}

/* The verdict record, from the findings counted (c->nsev, depts,
 * confirms, incomplete, the questions) and the order's value. */
static void
verdict_record(struct pl_check *c, double amount)
{
	const struct pl_order *o = c->o;
	const char *cur = o->f[PL_order_currency];
	char dep[96], conf[16] = "", amt[32], n[3][12];
	const char *v;
	int i;

	v = c->nsev[2] > 0 ? "reject" : c->incomplete ? "incomplete" :
	    c->nsev[1] > 0 ? "special" : "regular";
	if (strcmp(v, "special") == 0)
		c->depts |= 1u << 5;	/* the general manager approves */
	if (strcmp(v, "reject") == 0) {
		/* declined without review: Sales declines, the general
		 * manager confirms; nothing to confirm or to ask */
		c->depts = 1u << 5;
		c->confirms = 0;
		pl_buf_reset(&c->ask_en);
		pl_buf_reset(&c->ask_zh);
	}
	dept_list(dep, sizeof(dep), "sales", c->depts);
	snprintf(conf, sizeof(conf), "%s%s%s", c->confirms & 1 ? "written" :
	    "", c->confirms == 3 ? "," : "", c->confirms & 2 ? "sample" : "");
	pl_num_2f(amt, sizeof(amt), amount);
	for (i = 0; i < 3; i++)
		pl_num_g12(n[i], sizeof(n[i]), c->nsev[i]);
	{
		const char *f[PL_verdict__N] = { "verdict", o->f[PL_order_key],
			o->f[PL_order_docid], v, dep, conf[0] ? conf : NULL,
			c->depts & (1u << 5) ? "yes" : "no", amt, cur, n[0], n[1],
			n[2], c->ask_en.len ? c->ask_en.s : NULL,
			c->ask_zh.len ? c->ask_zh.s : NULL };

		pl_rec_format(c->out, f, PL_verdict__N);
	}
}

/* What the map counted for the verdict, as it stands before the batch's
 * findings: the reduce adds those and writes the verdict. */
static void
mapverdict(struct pl_check *c, double amount)
{
	char dep[96], conf[16], amt[32], n[3][12];
	int i;

	dept_list(dep, sizeof(dep), NULL, c->depts);
	snprintf(conf, sizeof(conf), "%s%s%s", c->confirms & 1 ? "written" :
	    "", c->confirms == 3 ? "," : "", c->confirms & 2 ? "sample" : "");
	snprintf(amt, sizeof(amt), "%.17g", amount);
	for (i = 0; i < 3; i++)
		snprintf(n[i], sizeof(n[i]), "%d", c->nsev[i]);
	{
		const char *f[PL_mapverdict__N] = { "mapverdict",
			c->o->f[PL_order_key], c->o->f[PL_order_docid], amt,
			n[0], n[1], n[2], dep[0] ? dep : NULL,
			conf[0] ? conf : NULL, c->incomplete ? "yes" : "no",
			c->ask_en.len ? c->ask_en.s : NULL,
			c->ask_zh.len ? c->ask_zh.s : NULL };

		pl_rec_format(c->out, f, PL_mapverdict__N);
	}
}

/* The general manager's limit, then the verdict (the map's counts). */
static void
verdict(struct pl_check *c, double amount)
{
	const char *cur = c->o->f[PL_order_currency];
	double limit = pl_rules_gm_above(c->rules, cur);

	if (limit > 0 && amount > limit) {
		MSG(c, "The order is worth %.2f %s, above %.2f %s: the general "
		    "manager approves it.", "订单金额%.2f %s，超过%.2f %s：须总经理批准。",
		    amount, cur ? cur : "", limit, cur ? cur : "");
		FIND(c, NULL, "value-above-gm", "review", "gm", NULL, "total", 0);
	}
	if (c->map)
		mapverdict(c, amount);
	else
		verdict_record(c, amount);
}

/*
 * A line of a changed order that did not change: its value and its load
 * count, but what its checks find was found when it was accepted, so
 * their findings are dropped and the verdict does not see them.
 */
static void
line_quiet(struct pl_check *c, const struct pl_order_line *l, int dispatch,
    double *amount)
{
	struct pl_buf *out = c->out, none;
	unsigned depts = c->depts, confirms = c->confirms;
	int nsev[3], incomplete = c->incomplete;
	size_t en = c->ask_en.len, zh = c->ask_zh.len;

	memcpy(nsev, c->nsev, sizeof(nsev));
	pl_buf_init(&none);
	c->out = &none;
	line(c, l, dispatch, amount);
	c->out = out;
	pl_buf_release(&none);
	memcpy(c->nsev, nsev, sizeof(nsev));
	c->depts = depts;
	c->confirms = confirms;
	c->incomplete = incomplete;
	c->ask_en.len = en;
	c->ask_en.s[en] = '\0';
	c->ask_zh.len = zh;
	c->ask_zh.s[zh] = '\0';
}

/* A finding of the change review, for each department of depts. */
static void
change_finding(struct pl_check *c, const struct pl_change_diff *d, int flags)
{
	const char *p = d->depts;
	char dep[32];
	size_t n;

	while (*p) {
		n = strcspn(p, ",");
		snprintf(dep, sizeof(dep), "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		finding(c, d->pos, d->code, d->sev, dep, NULL, d->field,
		    c->en.s, c->zh.s, flags);
	}
}

static const char *
shown(const char *v)
{
	return v && *v ? v : "—";
}

/* A difference the change review found: its change record, then its
 * findings. */
static void
change_found(struct pl_check *c, const struct pl_change_diff *d)
{
	const char *f[PL_change__N] = { "change", c->o->f[PL_order_key],
		c->o->f[PL_order_docid], d->pos, d->id, d->field, d->before,
		d->after, d->depts };
	const char *num = c->o->f[PL_order_number] ? c->o->f[PL_order_number] :
	    "?";
	const char *line = d->after ? d->after : d->before;
	int added = d->kind == PL_CHANGE_LINE_ADDED;

	switch (d->kind) {
	case PL_CHANGE_FIELD:
		pl_rec_format(c->out, f, PL_change__N);
		if (d->id) {
			EN(c, "Change: line %s, %s \"%s\" is now \"%s\": %s.",
			    d->id, d->field, shown(d->before), shown(d->after),
			    d->who_en);
			ZH(c, "变更：第%s行%s由“%s”改为“%s”，%s。", d->id,
			    d->field_zh, shown(d->before), shown(d->after),
			    d->who_zh);
		} else {
			EN(c, "Change: the order's %s \"%s\" is now "
			    "\"%s\": %s.", d->field, shown(d->before),
			    shown(d->after), d->who_en);
			ZH(c, "变更：订单%s由“%s”改为“%s”，%s。", d->field_zh,
			    shown(d->before), shown(d->after), d->who_zh);
		}
		change_finding(c, d, 0);
		break;
	case PL_CHANGE_LINE_ADDED:
	case PL_CHANGE_LINE_CANCELLED:
		pl_rec_format(c->out, f, PL_change__N);
		EN(c, "Change: line %s (%s) is %s: Production and Purchasing "
		    "plan it%s.", d->id, line, added ? "added" : "cancelled",
		    added ? "" : " out");
		ZH(c, "变更：第%s行（%s）%s，生产部和采购部须%s。", d->id, line,
		    added ? "为新增行" : "已取消", added ? "安排" : "取消相应安排");
		change_finding(c, d, 0);
		break;
	case PL_CHANGE_LINE_GONE:
		pl_rec_format(c->out, f, PL_change__N);
		break;
	case PL_CHANGE_CANCELLED:
		MSG(c, "The customer cancels order %s: Production and "
		    "Purchasing stop its work and purchases, Sales agrees what "
		    "is owed.", "客户取消订单%s：生产部和采购部须停止相关生产和采购，"
		    "销售部须与客户商定已发生的费用。", num);
		change_finding(c, d, 0);
		break;
	case PL_CHANGE_UNKNOWN:
		MSG(c, "This changes order %s, which the ledger does not hold: "
		    "ask the customer which order it changes.",
		    "此文件变更订单%s，但台账中没有该订单：须向客户确认所变更的订单。",
		    num);
		pl_buf_addf(&c->ask_en, "%s%s", c->ask_en.len ? "; " : "",
		    "the order it changes");
		pl_buf_addf(&c->ask_zh, "%s%s", c->ask_zh.len ? "；" : "",
		    "所变更的订单");
		change_finding(c, d, ASK);
		break;
	case PL_CHANGE_NOT_COMPARED:
		EN(c, "Order %s was not compared with its previous version "
		    "(%s): it is reviewed as it stands.", num, c->ledger ?
		    "the ledger did not keep its content" :
		    "no ledger was given");
		ZH(c, "订单%s未与上一版本比较（%s）：按本文件评审。", num,
		    c->ledger ? "台账未保存其内容" : "未指定台账");
		change_finding(c, d, 0);
		break;
	}
}

/*
 * The order's fields the document o does not state and its new version v
 * does (kept from the version the ledger keeps), as kept records: what
 * the change's review record shows beside what changed.
 */
static void
kept_fields(struct pl_check *c, const struct pl_order *o,
    const struct pl_order *v)
{
	static const int k[] = { PL_order_buyer_name, PL_order_buyer_country,
		PL_order_currency, PL_order_delivery_from, PL_order_delivery_to,
		PL_order_delivery_party, PL_order_delivery_address,
		PL_order_delivery_country, PL_order_incoterm,
		PL_order_incoterm_place, PL_order_payment_terms,
		PL_order_payment_means, PL_order_contract, PL_order_quotation };
	const struct pl_rec_kind *order = pl_rec_kind("order");
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (o->f[k[i]] == NULL && v->f[k[i]] != NULL) {
			const char *f[PL_kept__N] = { "kept", o->f[PL_order_key],
				o->f[PL_order_docid], order->cols[k[i]],
				v->f[k[i]] };

			pl_rec_format(c->out, f, PL_kept__N);
		}
}

/*
 * A change, a cancellation or an order sent again: its differences from
 * the version the ledger keeps, as change records and findings, and c->o
 * the new version.  The new version's load replaces the latest
 * version's, once a run: a second version of the order in the same batch
 * finds that load taken off already.
 */
static void
review_change(struct pl_check *c, const struct pl_order *o)
{
	const struct pl_change_diff *d;
	const struct pl_change_load *ld;
	const struct pl_product *p;
	double *committed, *tentative, none = 0;
	size_t i, n;
	int k, standing;

	if (pl_change_version(c->chg)) {
		c->o = pl_change_version(c->chg);
		kept_fields(c, o, c->o);
	}
	n = pl_change_diffs(c->chg, &d);
	for (i = 0; i < n; i++)
		change_found(c, &d[i]);
	if (c->map || !pl_change_replaces(c->chg) || pl_seen_find(&c->seen,
	    PL_SEEN_ORDER, o->f[PL_order_key], NULL, NULL))
		return;
	if ((k = pl_change_load(c->chg, c->ledger, &ld, &standing,
	    &c->err)) < 0) {
		c->failed = 1;
		return;
	}
	for (i = 0; i < (size_t)k; i++)
		if ((p = pl_catalog_product(c->cat, ld[i].sku)) != NULL &&
		    strlen(ld[i].week) == 8 &&
		    cap_entry(c, p, ld[i].week, &committed, &tentative))
			*(standing == PL_LOAD_COMMITTED ? committed :
			    standing == PL_LOAD_TENTATIVE ? tentative : &none) -=
			    ld[i].quantity;
}

/* A change of price or payment terms in an order worth more than the
 * general manager's limit. */
static void
change_above_gm(struct pl_check *c, double amount)
{
	const char *cur = c->o->f[PL_order_currency];
	double limit = pl_rules_gm_above(c->rules, cur);

	if (!pl_change_money(c->chg) || limit <= 0 || amount <= limit)
		return;
	MSG(c, "The price or payment terms of an order worth %.2f %s change, "
	    "above %.2f %s: the general manager approves the change.",
	    "订单金额%.2f %s超过%.2f %s，其价格或付款条件变更须经总经理批准。", amount,
	    cur ? cur : "", limit, cur ? cur : "");
	FIND(c, NULL, "change-above-gm", "review", "gm", NULL, "total", 0);
}

/* Start the review of o into out: 0, or -1 when it cannot be reviewed
 * (its length is no byte count). */
static int
begin(struct pl_check *c, const struct pl_order *o, struct pl_buf *out)
{
	uint32_t len;

	c->o = o;
	c->out = out;
	c->failed = 0;
	if (byte_count(o->f[PL_order_length], &len) < 0)
		return pl_err_set(&c->err, PL_EXIT_DATA, o->f[PL_order_source],
		    0, "cannot review order '%s': its length '%s' is not a "
		    "byte count", o->f[PL_order_key] ? o->f[PL_order_key] : "?",
		    o->f[PL_order_length]);
	c->depts = c->confirms = 0;
	c->incomplete = c->duplicate = 0;
	memset(c->nsev, 0, sizeof(c->nsev));
	pl_buf_reset(&c->ask_en);
	pl_buf_reset(&c->ask_zh);
	pl_buf_reset(&c->loads);
	return 0;
}

/* What the order is to the batch: a new customer's, or one sent before
 * (a duplicate or a change).  The map marks where the reduce says it. */
static void
batch_seen(struct pl_check *c)
{
	if (c->map) {
		const char *f[PL_mapseen__N] = { "mapseen",
			c->o->f[PL_order_key], c->o->f[PL_order_docid] };

		pl_rec_format(c->out, f, PL_mapseen__N);
		return;
	}
	new_customer(c);
	seen_before(c);
}

/* The review of o once its change review began (changed: it found what
 * it found; 0: the ledger could not be read). */
static int
review(struct pl_check *c, const struct pl_order *o, int changed)
{
	double amount = 0, a;
	size_t i;
	int r, dispatch;

	if (changed)
		review_change(c, o);	/* a change: c->o becomes the new
					   version */
	o = c->o;
	dispatch = pl_change_skip_order(c->chg) ? -1 : order_fields(c);
	batch_seen(c);
	for (i = 0; i < o->nline; i++) {
		if (pl_change_quiet(c->chg, i))
			line_quiet(c, &o->line[i], dispatch, &a);
		else
			line(c, &o->line[i], dispatch, &a);
		amount += a;
	}
	for (r = 0; r < c->rules->n; r++) {
		const struct pl_rule *u = &c->rules->rule[r];

		if (!u->line) {
			if (!pl_change_skip_order(c->chg))
				apply(c, u, NULL);
		} else
			for (i = 0; i < o->nline; i++)
				if (!pl_change_quiet(c->chg, i))
					apply(c, u, &o->line[i]);
	}
	change_above_gm(c, amount);
	c->loads_at = c->out->len;
	c->loads_len = c->loads.len;
	pl_buf_add(c->out, c->loads.s, c->loads.len);
	verdict(c, amount);
	return c->failed ? -1 : 0;
}

int
pl_check_order(struct pl_check *c, const struct pl_order *o,
    struct pl_buf *out)
{
	int changed;

	if (begin(c, o, out) < 0)
		return -1;
	if (!(changed = pl_change_begin(c->chg, c->ledger, o, &c->err) == 0))
		c->failed = 1;
	return review(c, o, changed);
}

int
pl_check_capacity(struct pl_check *c, FILE *fp)
{
	const struct pl_weeks_block *w;
	struct pl_buf out;
	char d[32], k[32], m[32], t[32], key[96], week[9];
	size_t i, skulen;
	uint32_t j;
	int rc = 0;

	pl_buf_init(&out);
	for (i = 0; i < c->weeks.nprod && rc == 0; i++) {
		const struct pl_product *p = &c->cat->products[i];
		const char *f[PL_capacity__N] = { "capacity", key, p->sku,
			week, d, c->ledger ? m : NULL, k, c->ledger ? t : NULL };

		/* products are sorted by SKU, and each one's weeks in order */
		if ((rc = pl_weeks_product(&c->weeks, i, &w, &c->err)) < 0 ||
		    w == NULL)
			continue;
		pl_num_g12(k, sizeof(k), p->per_week);
		if ((skulen = strlen(p->sku)) + 10 > sizeof(key))
			skulen = sizeof(key) - 10;	/* never: catalog.xsd
							   says 40 at most */
		memcpy(key, p->sku, skulen);
		key[skulen] = '/';
		for (j = 0; j < w->n && rc == 0; j++) {
			week_str(PL_WEEKS_OF(&c->weeks, w)[j], week);
			memcpy(key + skulen + 1, week, 9);	/* SKU/week */
			/* "%.12g", whole numbers without printf */
			pl_num_g12(d, sizeof(d), w->v[j]);
			pl_num_g12(m, sizeof(m), c->ledger ? w->v[w->room + j] :
			    0);
			pl_num_g12(t, sizeof(t), c->ledger ?
			    w->v[2 * w->room + j] : 0);
			if ((rc = pl_rec_format(&out, f, PL_capacity__N)) < 0)
				pl_err_set(&c->err, PL_EXIT_INTERNAL, NULL, 0,
				    "out of memory");
			if (out.len >= 65536) {
				fwrite(out.s, 1, out.len, fp);
				pl_buf_reset(&out);
			}
		}
	}
	fwrite(out.s, 1, out.len, fp);
	pl_buf_release(&out);
	return rc;
}

static int count(const char *, int *);

int
pl_check_loads(struct pl_check *c, size_t from, size_t n,
    struct pl_buf *out)
{
	char key[96], week[9], q[32], lines[16];
	const struct pl_check_row *w;
	const char *f[PL_mapload__N] = { "mapload", key, NULL, week, q, lines,
		NULL };
	size_t i;

	for (i = from; i < c->nrow && i < from + n; i++) {
		w = &c->row[i];
		f[PL_mapload_sku] = c->cat->products[w->prod].sku;
		f[PL_mapload_whole] = w->whole ? "yes" : "no";
		week_str(w->week, week);
		snprintf(key, sizeof(key), "%s/%s", f[PL_mapload_sku], week);
		snprintf(q, sizeof(q), "%.17g", w->qty);
		snprintf(lines, sizeof(lines), "%u", w->lines);
		if (pl_rec_format(out, f, PL_mapload__N) < 0)
			return -1;
	}
	return 0;
}

/* The weeks of row r as they stand: *demand, and the ledger's load,
 * read ahead into c->rowload[r] when the week is new.  0, or -1 with
 * c->err. */
static int
peek(struct pl_check *c, size_t r, double *demand, double *committed,
    double *tentative)
{
	struct pl_check_row *w = &c->row[r];
	const struct pl_weeks_block *b;
	const uint32_t *wk;
	char week[9];
	size_t lo = 0, hi, mid;

	*demand = *committed = *tentative = 0;
	if (pl_weeks_product(&c->weeks, w->prod, &b, &c->err) < 0)
		return -1;
	if (b != NULL) {
		wk = PL_WEEKS_OF(&c->weeks, b);
		for (hi = b->n; lo < hi;) {
			mid = (lo + hi) / 2;
			if (wk[mid] < w->week)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->n && wk[lo] == w->week) {
			*demand = b->v[lo];
			if (c->ledger) {
				*committed = b->v[b->room + lo];
				*tentative = b->v[2 * (size_t)b->room + lo];
			}
			return 0;
		}
	}
	if (c->ledger == NULL)
		return 0;
	week_str(w->week, week);
	if (pl_ledger_load(c->ledger, c->cat->products[w->prod].sku, week,
	    committed, tentative, &c->err) < 0)
		return -1;
	w->known = 1;
	c->rowload[r][0] = *committed;
	c->rowload[r][1] = *tentative;
	return 0;
}

/*
 * The record of n bytes at s (its newline last) split into its nf fields
 * in buf (size bytes), f[i] each: f, or NULL when it is not that simple:
 * too long for buf, another number of fields, or anything the record
 * reader would unescape or refuse (a backslash, NUL, CR, bad UTF-8), which
 * is then the reader's to take.  The reduce reads every mapload record of
 * a part so, a fifth of the time pl_rec_parse() takes.
 */
static char *const *
plain_fields(const char *s, size_t n, char *buf, size_t size, char **f,
    int nf)
{
	char *p, *tab;
	int i;

	if (n == 0 || n > size || s[n - 1] != '\n' || memchr(s, '\\', n) ||
	    memchr(s, '\r', n) || memchr(s, '\0', n) ||
	    !pl_utf8_valid(s, n - 1))
		return NULL;
	memcpy(buf, s, n);
	buf[n - 1] = '\0';
	for (p = buf, i = 0; i < nf; i++, p = tab + 1) {
		f[i] = p;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
	}
	return i == nf - 1 ? f : NULL;
}

int
pl_check_part_rows(struct pl_check *c, const char *text, size_t n,
    const char *name)
{
	struct pl_rec_reader r;
	const struct pl_product *p;
	struct pl_check_row *w;
	const char *s, *end = text + n, *nl;
	char line[256], *split[PL_mapload__N], *const *f;
	int rc = 0, lines;

	if (c->nrow >= PL_CHECK_ROWS)
		return pl_err_set(&c->err, PL_EXIT_DATA, name, 0, "more than "
		    "%u mapload records: the part is damaged", PL_CHECK_ROWS);
	pl_rec_reader_init(&r, NULL, name);
	for (s = text; s < end && rc == 0; s = nl) {
		nl = memchr(s, '\n', (size_t)(end - s));
		nl = nl ? nl + 1 : end;
		rc = -1;
		if ((f = plain_fields(s, (size_t)(nl - s), line, sizeof(line),
		    split, PL_mapload__N)) == NULL) {
			/* an escape, or something the reader must say */
			if (pl_rec_parse(&r, s, (size_t)(nl - s), &c->err) !=
			    PL_REC_RECORD)
				break;
			f = r.f;
		}
		if (strcmp(f[0], "mapload") != 0 ||
		    (p = pl_catalog_product(c->cat, f[PL_mapload_sku])) ==
		    NULL || strlen(f[PL_mapload_week]) != 8 ||
		    count(f[PL_mapload_lines], &lines) < 0 ||
		    c->nrow >= PL_CHECK_ROWS)
			break;
		if (c->nrow == c->caprow) {
			size_t cap = c->caprow ? c->caprow * 2 : 4096;

			if ((w = realloc(c->row, cap * sizeof(*w))) == NULL)
				break;
			c->row = w;
			c->caprow = cap;
		}
		w = &c->row[c->nrow];
		memset(w, 0, sizeof(*w));
		w->prod = (uint32_t)(p - c->cat->products);
		w->week = week_num(f[PL_mapload_week]);
		w->whole = strcmp(f[PL_mapload_whole], "yes") == 0;
		if (number(f[PL_mapload_quantity], &w->qty) == 0) {
			c->nrow++;
			rc = 0;
		}
	}
	pl_rec_reader_release(&r);
	if (rc < 0)
		return pl_err_set(&c->err, PL_EXIT_DATA, name, 0, "a mapload "
		    "record that cannot be read (a product the catalog lacks, "
		    "a number that is none, too many, or no memory): the part "
		    "is damaged");
	return 0;
}

int
pl_check_part_begin(struct pl_check *c)
{
	const struct pl_product *p;
	struct pl_check_row *w;
	double d, cm, tt, load;
	size_t i, *at = NULL, n = (size_t)c->cat->nproducts;
	void *v;

	c->rows_on = 0;
	if (c->nrow == 0)
		return 0;
	/* the rows product by product (a counting sort), so that each
	 * product's weeks are read once */
	if ((v = realloc(c->sorted, c->nrow * sizeof(*c->sorted))) == NULL ||
	    (c->sorted = v, v = realloc(c->rowflag, c->nrow)) == NULL ||
	    (c->rowflag = v, v = realloc(c->rowqty, c->nrow *
	    sizeof(*c->rowqty))) == NULL ||
	    (c->rowqty = v, at = calloc(n + 1, sizeof(*at))) == NULL ||
	    (c->ledger && (v = realloc(c->rowload, c->nrow *
	    sizeof(*c->rowload))) == NULL)) {
		free(at);
		c->nrow = 0;
		return pl_err_set(&c->err, PL_EXIT_INTERNAL, NULL, 0,
		    "out of memory");
	}
	if (c->ledger)
		c->rowload = v;
	for (i = 0; i < c->nrow; i++)
		at[c->row[i].prod + 1]++;
	for (i = 0; i < n; i++)
		at[i + 1] += at[i];
	for (i = 0; i < c->nrow; i++)
		c->sorted[at[c->row[i].prod]++] = (uint32_t)i;
	free(at);
	for (i = 0; i < c->nrow; i++) {
		w = &c->row[c->sorted[i]];
		p = &c->cat->products[w->prod];
		if (peek(c, c->sorted[i], &d, &cm, &tt) < 0) {
			c->nrow = 0;
			return -1;
		}
		/* as capacity() counts it once every line came */
		load = ((d + w->qty) + cm) + tt;
		c->rowflag[c->sorted[i]] = w->whole && d >= 0 && d + w->qty <=
		    WHOLE_MAX && d == floor(d) && (p->per_week <= 0 ||
		    load <= p->per_week) ? ROW_SAFE : 0;
		c->rowqty[c->sorted[i]] = 0;
	}
	c->rows_on = 1;
	return 0;
}

/* What the safe rows added up into the weeks, product by product; no
 * row is safe after it.  0, or -1 with c->err. */
static int
flush(struct pl_check *c)
{
	struct pl_check_row *w;
	double *v, *cm, *tt;
	size_t i;

	if (!c->rows_on)
		return 0;
	c->rows_on = 0;
	for (i = 0; i < c->nrow; i++) {
		w = &c->row[c->sorted[i]];
		if (!(c->rowflag[c->sorted[i]] & ROW_MET))
			continue;	/* none, or duplicates' alone */
		if ((v = cap_entry_row(c, &c->cat->products[w->prod], w->week,
		    w->known ? c->rowload[c->sorted[i]] : NULL, &cm, &tt)) ==
		    NULL)
			return -1;
		*v += c->rowqty[c->sorted[i]];
		c->rowqty[c->sorted[i]] = 0;
		c->rowflag[c->sorted[i]] &= ~ROW_MET;
	}
	return c->failed ? -1 : 0;
}

int
pl_check_part_end(struct pl_check *c)
{
	int rc;

	c->failed = 0;
	rc = flush(c);
	c->failed = 0;
	c->nrow = 0;
	return rc;
}

void
pl_mapped_init(struct pl_mapped *m)
{
	memset(m, 0, sizeof(*m));
	pl_buf_init(&m->str);
	pl_buf_init(&m->tmp);
	pl_rec_reader_init(&m->r, NULL, "");
	pl_rec_reader_init(&m->ord, NULL, "");
}

void
pl_mapped_release(struct pl_mapped *m)
{
	pl_buf_release(&m->str);
	pl_buf_release(&m->tmp);
	pl_rec_reader_release(&m->r);
	pl_rec_reader_release(&m->ord);
	free(m->mark);
	memset(m, 0, sizeof(*m));
}

/* A new mark of m for the partial at text[at..end), or NULL out of
 * memory. */
static struct pl_mapped_mark *
mark(struct pl_mapped *m, int what, size_t at, size_t end)
{
	struct pl_mapped_mark *k;

	if (m->nmark == m->capmark) {
		size_t cap = m->capmark ? m->capmark * 2 : 16;

		if ((k = realloc(m->mark, cap * sizeof(*k))) == NULL)
			return NULL;
		m->mark = k;
		m->capmark = cap;
	}
	k = &m->mark[m->nmark++];
	memset(k, 0, sizeof(*k));
	k->at = at;
	k->end = end;
	k->what = what;
	return k;
}

/* s kept in m->str: *at its offset; 0, or -1 out of memory. */
static int
keep(struct pl_mapped *m, const char *s, size_t *at)
{
	*at = m->str.len;
	return pl_buf_add(&m->str, s, strlen(s) + 1);
}

/* A whole count, 0 to 10^9: 0, or -1. */
static int
count(const char *s, int *n)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v > 1000000000L)
		return -1;
	*n = (int)v;
	return 0;
}

/* The bits of the comma-separated names of v[0..n-1] in s: 0, or -1 for
 * a name none of them. */
static int
bits(const char *s, const char *const *v, int n, unsigned *mask)
{
	char name[32];
	size_t len;
	int i;

	for (*mask = 0; *s; s += len + (s[len] == ',')) {
		len = strcspn(s, ",");
		snprintf(name, sizeof(name), "%.*s", (int)len, s);
		if ((i = index_of(v, n, name)) < 0)
			return -1;
		*mask |= 1u << i;
	}
	return 0;
}

static int
mapverdict_read(struct pl_mapped *m, char *const *f)
{
	static const char *const confirms[] = { "written", "sample" };
	int i;

	for (i = 0; i < 3; i++)
		if (count(f[PL_mapverdict_info + i], &m->nsev[i]) < 0)
			return -1;
	if (number(f[PL_mapverdict_amount], &m->amount) < 0 ||
	    bits(f[PL_mapverdict_departments], depts, 6, &m->depts) < 0 ||
	    bits(f[PL_mapverdict_confirm], confirms, 2, &m->confirms) < 0)
		return -1;
	if (strcmp(f[PL_mapverdict_incomplete], "yes") != 0 &&
	    strcmp(f[PL_mapverdict_incomplete], "no") != 0)
		return -1;
	m->incomplete = f[PL_mapverdict_incomplete][0] == 'y';
	if (keep(m, f[PL_mapverdict_ask_en], &m->ask_en) < 0 ||
	    keep(m, f[PL_mapverdict_ask_zh], &m->ask_zh) < 0)
		return -1;
	m->have_verdict = 1;
	return 0;
}

static int
mapline_read(struct pl_mapped *m, const struct pl_catalog *cat,
    char *const *f, size_t at, size_t end)
{
	const struct pl_product *p = pl_catalog_product(cat,
	    f[PL_mapline_sku]);
	const char *w = f[PL_mapline_week];
	struct pl_mapped_mark *k;
	double q;

	if (p == NULL || number(f[PL_mapline_quantity], &q) < 0 ||
	    strlen(w) != 8 || w[4] != '-' || w[5] != 'W' ||
	    (k = mark(m, PL_MAPPED_LINE, at, end)) == NULL)
		return -1;
	k->product = (size_t)(p - cat->products);
	memcpy(k->week, w, 9);
	k->qty = q;
	return keep(m, f[PL_mapline_pos], &k->pos);
}

/* A whole number from 0 to 2^53 from s up to end, as "%.17g" writes it,
 * into *v: 0, or -1 when it is something else. */
static int
digits(const char *s, const char *end, double *v)
{
	uint64_t n = 0;

	if (s == end || end - s > 16 || (*s == '0' && end - s > 1))
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	if (n > (uint64_t)1 << 53)
		return -1;
	*v = (double)n;
	return 0;
}

/*
 * The mapline record at s (n bytes, its newline last) as the reduce meets
 * one a line of every order.  A line of a safe row (pl_check_part_begin())
 * is read from its end, its row, whole quantity and week alone: its week
 * is the row's, and the rest is what the part's checksum vouches for.
 * Any other is split in a copy (m->tmp) and read whole.  1 when it holds
 * an escape (read it as any record), 0, or -1.
 */
static int
mapline_fast(struct pl_mapped *m, const struct pl_check *c, const char *s,
    size_t n, const struct pl_part_doc *d, size_t at)
{
	const char *f[PL_mapline__N + 2], *p, *end = s + n - 1, *q, *w;
	struct pl_mapped_mark *k;
	double row, qty;
	char *g[PL_mapline__N];
	int nf = 0, i;

	if (c->rows_on) {
		/* ...\tWEEK\tQTY\tROW\n */
		for (p = end; p > s && p[-1] != '\t'; p--)
			;
		if (p > s && digits(p, end, &row) == 0 && row >= 1 &&
		    row <= (double)c->nrow &&
		    (c->rowflag[(size_t)row - 1] & ROW_SAFE)) {
			/* a safe row's line: never checked alone, its
			 * quantity whole (pl_check_part_begin()) */
			for (q = p - 1; q > s && q[-1] != '\t'; q--)
				;
			w = q - 9;
			if (w <= s || w[-1] != '\t' || w[4] != '-' ||
			    w[5] != 'W' || digits(q, p - 1, &qty) < 0 ||
			    (k = mark(m, PL_MAPPED_LINE, at, at + n)) == NULL)
				return -1;
			k->qty = qty;
			k->row = (size_t)row;
			return 0;
		}
	}
	if (memchr(s, '\\', n) != NULL)
		return 1;
	/* checked alone: split in a copy */
	for (f[nf++] = p = s; nf <= PL_mapline__N && (p = memchr(p, '\t',
	    (size_t)(end - p))) != NULL;)
		f[nf++] = ++p;
	f[nf] = end + 1;
	if (nf != PL_mapline__N ||
	    (size_t)(f[PL_mapline_docid] - f[PL_mapline_key] - 1) != m->keylen ||
	    memcmp(f[PL_mapline_key], d->key, m->keylen) != 0 ||
	    (size_t)(f[PL_mapline_pos] - f[PL_mapline_docid] - 1) !=
	    m->docidlen || memcmp(f[PL_mapline_docid], d->docid, m->docidlen))
		return -1;
	pl_buf_reset(&m->tmp);
	if (pl_buf_add(&m->tmp, s, n) < 0)
		return -1;
	for (i = 0; i < PL_mapline__N; i++) {
		g[i] = m->tmp.s + (f[i] - s);
		g[i][f[i + 1] - f[i] - 1] = '\0';
	}
	return mapline_read(m, c->cat, g, at, at + n);
}

/* Whether the line at s (n bytes) is a record of kind k. */
static int
is_kind(const char *s, size_t n, const char *k, size_t klen)
{
	return n > klen && memcmp(s, k, klen) == 0 && s[klen] == '\t';
}
#define IS(s, n, k) is_kind(s, n, k, sizeof(k) - 1)

/* Parse the line at s (n bytes) into m->r as a record of kind k whose
 * key and docid are the document's: 0, or -1. */
static int
partial(struct pl_mapped *m, const char *s, size_t n, const char *k,
    const struct pl_part_doc *d, struct pl_err *e)
{
	if (pl_rec_parse(&m->r, s, n, e) != PL_REC_RECORD ||
	    strcmp(m->r.f[0], k) != 0 || m->r.nf < 3 ||
	    strcmp(m->r.f[1], d->key) != 0 || strcmp(m->r.f[2], d->docid) != 0)
		return -1;
	return 0;
}

int
pl_mapped_read(struct pl_mapped *m, struct pl_order *o,
    const struct pl_check *c, const struct pl_part_doc *d,
    const char *name, struct pl_err *e)
{
	const char *s = d->review, *end = s + d->reviewlen, *nl;
	unsigned long long nrec = 0;
	struct pl_mapped_mark *k;
	const char *what = "the map's review";
	size_t n, at;
	int rc = 0;

	pl_buf_reset(&m->str);
	m->nmark = 0;
	m->have_verdict = 0;
	m->own = d->own;
	m->ownlen = d->ownlen;
	m->review = d->review;
	m->reviewlen = d->reviewlen;
	m->name = name;
	snprintf(m->r.name, sizeof(m->r.name), "%s", name);
	m->r.line = d->line - 1;
	m->keylen = strlen(d->key);
	m->docidlen = strlen(d->docid);
	/* the order record alone: what the batch asks of the document */
	snprintf(m->ord.name, sizeof(m->ord.name), "%s", name);
	m->ord.line = d->line - 1;
	nl = memchr(d->own, '\n', d->ownlen);
	if (pl_rec_parse(&m->ord, d->own, (size_t)(nl - d->own) + 1, e) !=
	    PL_REC_RECORD || pl_order_borrow(o, m->ord.f, m->ord.nf) < 0 ||
	    o->f[PL_order_key] == NULL || strcmp(o->f[PL_order_key], d->key) ||
	    o->f[PL_order_docid] == NULL ||
	    strcmp(o->f[PL_order_docid], d->docid) != 0) {
		what = "its order record";
		goto bad;
	}
	if (d->loads_bytes > 0 && (d->loads_at + d->loads_bytes >
	    d->reviewlen || (d->loads_at > 0 &&
	    d->review[d->loads_at - 1] != '\n') ||
	    d->review[d->loads_at + d->loads_bytes - 1] != '\n' ||
	    !IS(d->review + d->loads_at, d->loads_bytes, "load")))
		goto bad;
	/* the review: its partials parsed, its records passed over */
	for (; s < end && rc == 0; s = nl) {
		nl = (const char *)memchr(s, '\n', (size_t)(end - s)) + 1;
		n = (size_t)(nl - s);
		at = (size_t)(s - d->review);
		nrec++;
		if (m->have_verdict)
			rc = -1;	/* the mapverdict comes last */
		else if (at == d->loads_at && d->loads_bytes > 0) {
			/* the load records, together: not read line by
			 * line */
			if (mark(m, PL_MAPPED_LOADS, at, at + d->loads_bytes) ==
			    NULL)
				rc = -1;
			nrec += d->load_records - 1;
			nl = s + d->loads_bytes;
		} else if (IS(s, n, "mapline")) {
			if ((rc = mapline_fast(m, c, s, n, d, at)) > 0)
				rc = partial(m, s, n, "mapline", d, e) < 0 ||
				    mapline_read(m, c->cat, m->r.f, at, at + n) <
				    0 ? -1 : 0;
		} else if (IS(s, n, "finding") || IS(s, n, "custprop") ||
		    IS(s, n, "change") || IS(s, n, "kept"))
			continue;
		else if (IS(s, n, "load")) {
			/* together, each run: dropped for a duplicate */
			if (m->nmark > 0 && (k = &m->mark[m->nmark - 1])->what ==
			    PL_MAPPED_LOADS && k->end == at)
				k->end += n;
			else if (mark(m, PL_MAPPED_LOADS, at, at + n) == NULL)
				rc = -1;
		} else if (IS(s, n, "mapseen"))
			rc = partial(m, s, n, "mapseen", d, e) < 0 ||
			    mark(m, PL_MAPPED_SEEN, at, at + n) == NULL ? -1 : 0;
		else if (IS(s, n, "mapverdict"))
			rc = partial(m, s, n, "mapverdict", d, e) < 0 ||
			    mapverdict_read(m, m->r.f) < 0 ||
			    mark(m, PL_MAPPED_VERDICT, at, at + n) == NULL ?
			    -1 : 0;
		else
			rc = -1;
	}
	if (rc == 0 && m->have_verdict && nrec == d->review_records)
		return 0;
bad:
	return pl_err_set(e, PL_EXIT_DATA, name, d->line, "order '%s' "
	    "(document %s): %s cannot be read back (a record out of its place "
	    "or none of the map's, a number that is none, a product the "
	    "catalog lacks, no mapverdict last, or no memory): the part is "
	    "damaged", d->key, d->docid, what);
}

int
pl_check_reduce(struct pl_check *c, struct pl_order *o,
    const struct pl_mapped *m, struct pl_buf *out)
{
	const struct pl_mapped_mark *k;
	size_t at = 0, i;
	int j, rc;

	if (begin(c, o, out) < 0)
		return -1;
	if ((rc = pl_change_begin_head(c->chg, c->ledger, o, &c->err)) > 0) {
		/* the comparison wants the document whole */
		pl_order_reset(o);
		if (pl_order_parse_n(o, m->own, m->ownlen, m->name, &c->err) <
		    0)
			return -1;
		rc = pl_change_begin(c->chg, c->ledger, o, &c->err);
	}
	if (rc < 0)
		c->failed = 1;	/* reviewed as it stands, and not passed on */
	else if (!pl_change_none(c->chg)) {
		/* the map did not know: reviewed whole, its lines checked
		 * against the weeks as they stand, so what the safe rows
		 * added up goes in first, and no row is safe after it */
		if (flush(c) < 0)
			c->failed = 1;
		if (c->whole) {
			const struct pl_catalog *w = c->whole(c->whole_ctx,
			    &c->err);

			if (w == NULL)
				return -1;
			c->cat = w;
			c->whole = NULL;
		}
		return review(c, o, 1);
	}
	for (i = 0; i < m->nmark; i++) {
		k = &m->mark[i];
		pl_buf_add(out, m->review + at, k->at - at);
		at = k->end;
		switch (k->what) {
		case PL_MAPPED_SEEN:
			new_customer(c);
			seen_before(c);
			break;
		case PL_MAPPED_LINE:
			if (c->duplicate)
				break;
			if (k->row) {
				/* its week cannot fill in this part */
				c->rowqty[k->row - 1] += k->qty;
				c->rowflag[k->row - 1] |= ROW_MET;
			} else
				capacity(c, m->str.s + k->pos,
				    &c->cat->products[k->product], k->week,
				    k->qty);
			break;
		case PL_MAPPED_LOADS:
			if (!c->duplicate)
				pl_buf_add(out, m->review + k->at, k->end -
				    k->at);
			break;
		case PL_MAPPED_VERDICT:
			for (j = 0; j < 3; j++)
				c->nsev[j] += m->nsev[j];
			c->depts |= m->depts;
			c->confirms |= m->confirms;
			c->incomplete |= m->incomplete;
			pl_buf_adds(&c->ask_en, m->str.s + m->ask_en);
			pl_buf_adds(&c->ask_zh, m->str.s + m->ask_zh);
			verdict_record(c, m->amount);
			break;
		}
	}
	pl_buf_add(out, m->review + at, m->reviewlen - at);
	return c->failed ? -1 : 0;
}
