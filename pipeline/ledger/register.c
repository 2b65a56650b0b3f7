#include "register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "book.h"
#include "date.h"
#include "property.h"
#include "rec.h"

#define PL_STR_(x) #x
#define PL_STR(x) PL_STR_(x)

/* What happened, for the notice and the flag: event, English, Chinese,
 * the flag's English. */
static const char *const happened[][4] = {
	{ "damage", "was damaged", "损坏", "damaged" },
	{ "lose", "was lost", "丢失", "lost" },
	{ "unsuitable", "was found unsuitable for use", "被发现不适用",
	    "unsuitable" },
	{ "inspect", "was found nonconforming on receiving inspection",
	    "来料检验不合格", "nonconforming" },
};

static const char *
str(const char *s)
{
	return s ? s : "";
}

/* Copy s into dst; a text too long is cut before a character that does
 * not fit whole, so it stays UTF-8. */
static void
copy(char *dst, size_t n, const char *s)
{
	size_t len = (size_t)snprintf(dst, n, "%s", str(s)), k, need;
	unsigned char c;

	if (len < n)
		return;
	len = n - 1;
	for (k = len; k > 0 && ((unsigned char)dst[k - 1] & 0xc0) == 0x80; k--)
		;
	if (k == 0)
		return;
	c = (unsigned char)dst[k - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (len - (k - 1) < need)
		dst[k - 1] = '\0';
}

/* The Monday of ISO week "YYYY-Www" (ISO 8601: week 1 holds 4 January). */
static int
monday_of(const char *week, int *day)
{
	char jan4[11];
	int y, w, d;

	if (sscanf(week, "%4d-W%2d", &y, &w) != 2 || w < 1 || w > 53)
		return -1;
	snprintf(jan4, sizeof(jan4), "%04d-01-04", y);
	if (pl_date_parse(jan4, &d) < 0)
		return -1;
	*day = d - (pl_date_weekday(d) - 1) + (w - 1) * 7;
	return 0;
}

static void
notice(struct pl_register_entry *r, const char *ev, const char *at,
    const char *note, const char *qty)
{
	size_t i, n = sizeof(happened) / sizeof(happened[0]);
	const char *order = *r->number ? r->number : r->order_key;

	for (i = 0; i < n - 1 && strcmp(ev, happened[i][0]) != 0; i++)
		;
	snprintf(r->tell_en, sizeof(r->tell_en), "Dear customer, regarding "
	    "your order %.200s: the %s you supplied, \"%.500s\" (our register "
	    "item %.127s), %s%s%s on %.10s.%s%.1000s%s Please tell us how you "
	    "wish us to proceed (replace, return or dispose of it).", order,
	    pl_rec_kind_name(r->type, 0), r->description, r->item, qty,
	    *qty ? " of it " : "", happened[i][1], at, *note ? " " : "", note,
	    *note && note[strlen(note) - 1] != '.' ? "." : "");
	snprintf(r->tell_zh, sizeof(r->tell_zh), "尊敬的客户：关于贵司订单%.200s，"
	    "贵司提供的%s“%.500s”（我司登记编号%.127s）%s%s于%.10s%s。%s%.1000s%s"
	    "请告知处理方式（补发、退回或处置）。", order,
	    pl_rec_kind_name(r->type, 1), r->description, r->item, *qty ? "中" : "", qty, at, happened[i][2],
	    *note ? "说明：" : "", note, *note ? "。" : "");
	if (*qty) {
		snprintf(r->concern, sizeof(r->concern), "%s %s", qty,
		    happened[i][3]);
		snprintf(r->concern_zh, sizeof(r->concern_zh), "%s%s",
		    happened[i][2], qty);
	} else
		*r->concern = *r->concern_zh = '\0';
}

/* A register's making: the entry being filled, and the day. */
struct each {
	struct pl_ledger *l;
	struct pl_register_entry *r;
	struct pl_property_state ps;
	int today;
	void (*fn)(void *, const struct pl_register_entry *);
	void *user;
	struct pl_err *e;
	int failed;		/* memory ran out replaying */
};

/* One event of the item's log into the entry. */
static void
replay(void *user, const struct pl_ledger_event *ev)
{
	struct each *x = user;
	struct pl_register_entry *r = x->r;
	struct pl_property_move m;
	const char *e = str(ev->event);
	char why[256], qty[80];
	int before = x->ps.happenings;

	m.event = e;
	m.condition = ev->condition;
	m.unit = ev->unit;
	m.q = ev->quantity ? ev->q : -1;
	m.delivery = ev->delivery;
	if (pl_property_step(&x->ps, r->item, &m, why, sizeof(why)) < 0) {
		x->failed |= strcmp(why, "out of memory") == 0;
		return;
	}
	if (strcmp(e, "expect") == 0)
		return;
	if (*str(ev->condition))
		copy(r->condition, sizeof(r->condition), ev->condition);
	if (*str(ev->location))
		copy(r->location, sizeof(r->location), ev->location);
	copy(r->last, sizeof(r->last), ev->event);
	copy(r->last_who, sizeof(r->last_who), ev->who);
	copy(r->last_at, sizeof(r->last_at), ev->at);
	if (strcmp(e, "tell") == 0) {
		copy(r->told_at, sizeof(r->told_at), ev->at);
		copy(r->told_who, sizeof(r->told_who), ev->who);
		copy(r->told_note, sizeof(r->told_note), ev->note);
	} else if (x->ps.happenings != before) {
		/* a new happening: its own notice, not told yet */
		*qty = '\0';
		if (x->ps.counted) {
			char num[48];

			pl_property_qty(x->ps.concern, num);
			snprintf(qty, sizeof(qty), "%s%s%.15s", num,
			    *x->ps.unit ? " " : "", x->ps.unit);
		}
		notice(r, e, str(ev->at), str(ev->note), qty);
		*r->told_at = *r->told_who = *r->told_note = '\0';
	}
}

/* When the item is needed (register.h), and whether it is overdue. */
static int
needed(struct each *x, const char *docid, const char *issued)
{
	struct pl_register_entry *r = x->r;
	char week[16];
	int rc, d = 0, o, have = 0;

	if ((rc = pl_ledger_first_week(x->l, docid, r->pos, week, x->e)) < 0)
		return -1;
	r->needed_from = PL_NEEDED_NONE;
	if (rc == 1 && monday_of(week, &d) == 0) {
		have = 1;
		r->needed_from = PL_NEEDED_LOAD;
	}
	if (pl_date_parse(issued, &o) == 0) {
		/* production cannot start before the order came */
		if (have && d < o) {
			d = o;
			r->needed_from = PL_NEEDED_ORDER;
		} else if (!have) {
			d = o + PL_REGISTER_LEAD_DAYS;
			have = 1;
			r->needed_from = PL_NEEDED_DEFAULT;
		}
	}
	*r->needed = '\0';
	r->overdue = -1;
	if (have) {
		pl_date_format(d, r->needed);
		if (r->status == PL_PS_EXPECTED && x->today >= d)
			r->overdue = x->today - d;
	}
	return 0;
}

static int
one(void *user, const struct pl_ledger_item *it)
{
	struct each *x = user;
	struct pl_register_entry *r = x->r;

	memset(r, 0, sizeof(*r));
	copy(r->item, sizeof(r->item), it->item);
	copy(r->customer, sizeof(r->customer), it->customer);
	copy(r->order_key, sizeof(r->order_key), it->order_key);
	copy(r->number, sizeof(r->number), it->number);
	copy(r->pos, sizeof(r->pos), it->pos);
	copy(r->type, sizeof(r->type), it->type);
	copy(r->description, sizeof(r->description), it->description);
	r->expected = it->expected;
	copy(r->unit, sizeof(r->unit), it->unit);
	/* replay the item's log */
	pl_property_state_release(&x->ps);
	r->received = -1;
	if (pl_ledger_item_log(x->l, r->item, replay, x, x->e) < 0)
		return -1;
	if (x->failed)
		return pl_err_set(x->e, PL_EXIT_INTERNAL, NULL, 0,
		    "out of memory");
	r->status = x->ps.status;
	if (*x->ps.unit)
		copy(r->unit, sizeof(r->unit), x->ps.unit);
	if ((r->deliveries = x->ps.nlot) > 0) {
		r->received = x->ps.received;
		r->stock = pl_property_stock(&x->ps);
		r->issued = x->ps.issued;
		r->returned = x->ps.returned;
		r->damaged = x->ps.damaged;
		r->lost = x->ps.lost;
		r->unsuitable = x->ps.unsuitable;
	}
	r->tell = pl_property_due(&x->ps);
	if (!r->tell)
		*r->tell_en = *r->tell_zh = *r->concern = *r->concern_zh = '\0';
	if (needed(x, str(it->docid), str(it->issue_date)) < 0)
		return -1;
	x->fn(x->user, r);
	return 0;
}

int
pl_register_each(struct pl_ledger *l, const char *today,
    void (*fn)(void *, const struct pl_register_entry *), void *user,
    struct pl_err *e)
{
	struct each x;
	int rc;

	memset(&x, 0, sizeof(x));
	if ((x.r = calloc(1, sizeof(*x.r))) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	x.l = l;
	x.fn = fn;
	x.user = user;
	x.e = e;
	pl_property_state_init(&x.ps);
	pl_date_parse(today, &x.today);
	rc = pl_ledger_items(l, one, &x, e);
	pl_property_state_release(&x.ps);
	free(x.r);
	return rc;
}

/* --- list --------------------------------------------------------------- */

static void
num(char *buf, size_t n, double v)
{
	if (v < 0)
		*buf = '\0';
	else
		snprintf(buf, n, "%.15g", v);
}

static void
list_one(void *user, const struct pl_register_entry *r)
{
	char ex[32], rc[32], od[16], q[6][32], nd[16];
	static const char *const from[] = { "", "load", "order date",
		"order date + " PL_STR(PL_REGISTER_LEAD_DAYS) " days" };
	/* new columns go at the end: scripts read the others by position */
	const char *f[31] = { r->item, r->customer, r->order_key, r->pos,
		r->type, r->description, ex, rc, r->unit,
		pl_property_status_name(r->status, 0), r->last, r->last_at,
		r->condition, r->location, r->tell ? "yes" : "no", od,
		r->told_at, r->told_who, r->told_note, q[0], q[1], q[2], q[3],
		q[4], q[5], nd, r->concern, r->needed,
		from[r->needed_from], NULL };
	double v[6] = { r->stock, r->issued, r->returned, r->damaged,
		r->lost, r->unsuitable };
	int i;

	num(ex, sizeof(ex), r->expected);
	num(rc, sizeof(rc), r->received);
	for (i = 0; i < 6; i++)
		num(q[i], sizeof(q[i]), r->deliveries ? v[i] : -1);
	snprintf(nd, sizeof(nd), "%d", r->deliveries);
	if (r->overdue >= 0)
		snprintf(od, sizeof(od), "%d", r->overdue);
	else
		*od = '\0';
	pl_rec_write(user, f, 29);
}

int
pl_register_list(struct pl_ledger *l, const char *today, FILE *fp,
    struct pl_err *e)
{
	fputs("#item\tcustomer\torder_key\tpos\ttype\tdescription\texpected\t"
	    "received\tunit\tstatus\tlast_event\tlast_date\tcondition\t"
	    "location\ttell_customer\tdays_overdue\ttold_date\ttold_by\t"
	    "told_how\tin_stock\tissued\treturned\tdamaged\tlost\t"
	    "unsuitable\tdeliveries\ttell_what\tneeded\tneeded_from\n", fp);
	return pl_register_each(l, today, list_one, fp, e);
}

/* --- the workbook ------------------------------------------------------- */

enum { C_ITEM, C_CUSTOMER, C_ORDER, C_LINE, C_KIND, C_DESC, C_EXPECTED,
	C_RECEIVED, C_UNIT, C_CONDITION, C_LOCATION, C_STATUS, C_LAST,
	C_LASTAT, C_WHO, C_TELL, C_TOLDAT, C_TOLDWHO, C_TOLDHOW, C_TELLEN,
	C_TELLZH, C_NEEDED, C_BASIS, C_DAYS, C_REGISTER, C_OVERDUE, C_YES,
	C_NO, C_LOADWEEK, C_ORDERDATE, C_NONE, C_NONE_OVERDUE, C_STOCK,
	C_ISSUED, C_RETURNED, C_DAMAGED, C_LOST, C_UNSUITABLE, C_DELIVERIES,
	C_RUSH, C__N };

static const char *const labels[C__N][2] = {
	{ "Item", "登记编号" }, { "Customer", "客户" }, { "Order no.", "订单号" },
	{ "Line", "行" }, { "Kind", "类别" }, { "Description", "描述" },
	{ "Expected qty", "应收数量" }, { "Received qty", "实收数量" },
	{ "Unit", "单位" }, { "Condition", "状况" }, { "Location", "存放位置" },
	{ "Status", "状态" }, { "Last event", "最近事件" },
	{ "Last event date", "最近事件日期" }, { "By", "记录人" },
	{ "Customer must be told", "须通知客户" },
	{ "Customer told on", "通知客户日期" }, { "Told by", "通知人" },
	{ "How and whom told", "通知方式及对象" },
	{ "Notice (English)", "通知（英文）" }, { "Notice (Chinese)", "通知（中文）" },
	{ "Production start", "投产日期" }, { "Taken from", "依据" },
	{ "Days overdue", "逾期天数" }, { "Register", "顾客财产登记" },
	{ "Overdue", "逾期未到" }, { "yes", "是" }, { "no", "否" },
	{ "first week of the committed load", "已入账排产首周" },
	{ "order date + " PL_STR(PL_REGISTER_LEAD_DAYS) " days (no load)",
	    "订单日期加" PL_STR(PL_REGISTER_LEAD_DAYS) "天（无排产）" },
	{ "No customer property in the ledger.", "台账中没有顾客财产。" },
	{ "Nothing overdue.", "没有逾期未到的顾客财产。" },
	{ "In stock", "库存数量" }, { "Issued", "已发放" },
	{ "Returned", "已退还" }, { "Damaged", "损坏" }, { "Lost", "丢失" },
	{ "Unsuitable", "不适用" }, { "Deliveries", "到货批次" },
	{ "order date (the load starts before it)", "订单日期（排产早于订单）" },
};

struct book {
	struct pl_book *book;
	struct pl_book_sheet *reg, *due;
	lxw_format *head, *flag;
	int lang, rreg, rdue;
	char tmp[512];
};

static const char *
label(struct book *b, int c)
{
	if (b->lang == PL_LANG_BOTH) {
		snprintf(b->tmp, sizeof(b->tmp), "%s / %s", labels[c][0],
		    labels[c][1]);
		return b->tmp;
	}
	return labels[c][b->lang == PL_LANG_ZH];
}

/* text is a string, never a formula, whatever it starts with */
static void
put(struct book *b, struct pl_book_sheet *ws, int c, const char *s,
    lxw_format *f)
{
	(void)b;
	pl_book_text(ws, c, s, f);
}

static void
putn(struct book *b, struct pl_book_sheet *ws, int c, double v)
{
	(void)b;
	if (v >= 0)
		pl_book_num(ws, c, v, NULL);
}

/* The widest each column grows to, in characters. */
static double
width(int c)
{
	switch (c) {
	case C_TELLEN: return 44;
	case C_TELLZH: return 34;
	case C_DESC: return 30;
	case C_TOLDHOW: case C_BASIS: return 20;
	case C_CUSTOMER: return 18;
	case C_ITEM: case C_ORDER: case C_CONDITION: case C_LOCATION:
		return 14;
	case C_LINE: case C_UNIT: return 5;
	case C_STOCK: case C_ISSUED: case C_RETURNED: case C_DAMAGED:
	case C_LOST: case C_UNSUITABLE: case C_DELIVERIES: return 9;
	default: return 10;
	}
}

/* The columns of each sheet, in order, as C_*; -1 ends. */
static const int reg_cols[] = { C_ITEM, C_CUSTOMER, C_ORDER, C_LINE, C_KIND,
	C_DESC, C_EXPECTED, C_RECEIVED, C_STOCK, C_ISSUED, C_RETURNED,
	C_DAMAGED, C_LOST, C_UNSUITABLE, C_DELIVERIES, C_UNIT, C_CONDITION,
	C_LOCATION,
	C_STATUS, C_LAST, C_LASTAT, C_WHO, C_TELL, C_TOLDAT, C_TOLDWHO,
	C_TOLDHOW, C_TELLEN, C_TELLZH, -1 };
static const int due_cols[] = { C_ITEM, C_CUSTOMER, C_ORDER, C_LINE, C_KIND,
	C_DESC, C_EXPECTED, C_UNIT, C_NEEDED, C_BASIS, C_DAYS, -1 };

static int
shown(struct book *b, int c)
{
	return !((c == C_TELLEN && b->lang == PL_LANG_ZH) ||
	    (c == C_TELLZH && b->lang == PL_LANG_EN));
}

/* A sheet of the columns cols, its header row written. */
static struct pl_book_sheet *
heading(struct book *b, int name, const int *cols)
{
	struct pl_book_col c[32];
	struct pl_book_page pg = { 1, 1, NULL, 1 };
	struct pl_book_sheet *ws;
	int i, n = 0;

	for (i = 0; cols[i] >= 0; i++)
		if (shown(b, cols[i])) {
			c[n].width = width(cols[i]);
			c[n++].fixed = 0;
		}
	if ((ws = pl_book_sheet(b->book, labels[name][b->lang == PL_LANG_ZH],
	    &pg, c, n)) == NULL)
		return NULL;
	for (i = 0, n = 0; cols[i] >= 0; i++)
		if (shown(b, cols[i]))
			put(b, ws, n++, label(b, cols[i]), b->head);
	worksheet_freeze_panes(pl_book_ws(ws), 1, 1);
	pl_book_next(ws, 1);
	return ws;
}

/* A value in the workbook's language: "en / zh" for both. */
static const char *
word(struct book *b, const char *en, const char *zh)
{
	if (b->lang == PL_LANG_BOTH) {
		snprintf(b->tmp, sizeof(b->tmp), "%s / %s", en, zh);
		return b->tmp;
	}
	return b->lang == PL_LANG_ZH ? zh : en;
}

/* Write cell c of entry r at (row, n) of ws. */
static void
cell(struct book *b, struct pl_book_sheet *ws, int n, int c,
    const struct pl_register_entry *r)
{
	switch (c) {
	case C_ITEM: put(b, ws, n, r->item, NULL); break;
	case C_CUSTOMER: put(b, ws, n, r->customer, NULL); break;
	case C_ORDER: put(b, ws, n, *r->number ? r->number : r->order_key,
	    NULL); break;
	case C_LINE: put(b, ws, n, r->pos, NULL); break;
	case C_KIND: put(b, ws, n, word(b, pl_rec_kind_name(r->type, 0),
	    pl_rec_kind_name(r->type, 1)), NULL); break;
	case C_DESC: put(b, ws, n, r->description, NULL); break;
	case C_EXPECTED: putn(b, ws, n, r->expected); break;
	case C_RECEIVED: putn(b, ws, n, r->received); break;
	case C_STOCK: case C_ISSUED: case C_RETURNED: case C_DAMAGED:
	case C_LOST: case C_UNSUITABLE:
		if (r->deliveries > 0)
			putn(b, ws, n, c == C_STOCK ? r->stock : c == C_ISSUED ?
			    r->issued : c == C_RETURNED ? r->returned :
			    c == C_DAMAGED ? r->damaged : c == C_LOST ? r->lost :
			    r->unsuitable);
		break;
	case C_DELIVERIES: putn(b, ws, n, r->deliveries); break;
	case C_UNIT: put(b, ws, n, r->unit, NULL); break;
	case C_CONDITION: put(b, ws, n, r->condition, NULL); break;
	case C_LOCATION: put(b, ws, n, r->location, NULL); break;
	case C_STATUS: put(b, ws, n, word(b,
	    pl_property_status_name(r->status, 0),
	    pl_property_status_name(r->status, 1)), r->tell ? b->flag : NULL);
		break;
	case C_LAST: put(b, ws, n, r->last, NULL); break;
	case C_LASTAT: put(b, ws, n, r->last_at, NULL); break;
	case C_WHO: put(b, ws, n, r->last_who, NULL); break;
	case C_TELL:
		if (r->tell && *r->concern) {
			char en[160], zh[160];

			snprintf(en, sizeof(en), "yes: %s", r->concern);
			snprintf(zh, sizeof(zh), "是：%s", r->concern_zh);
			put(b, ws, n, word(b, en, zh), b->flag);
		} else
			put(b, ws, n, label(b, r->tell ? C_YES : C_NO),
			    r->tell ? b->flag : NULL);
		break;
	case C_TOLDAT: put(b, ws, n, r->told_at, NULL); break;
	case C_TOLDWHO: put(b, ws, n, r->told_who, NULL); break;
	case C_TOLDHOW: put(b, ws, n, r->told_note, NULL); break;
	case C_TELLEN: put(b, ws, n, r->tell_en, NULL); break;
	case C_TELLZH: put(b, ws, n, r->tell_zh, NULL); break;
	case C_NEEDED: put(b, ws, n, r->needed, NULL); break;
	case C_BASIS:
		if (r->needed_from != PL_NEEDED_NONE)
			put(b, ws, n, label(b, r->needed_from == PL_NEEDED_LOAD ?
			    C_LOADWEEK : r->needed_from == PL_NEEDED_ORDER ?
			    C_RUSH : C_ORDERDATE), NULL);
		break;
	case C_DAYS: putn(b, ws, n, r->overdue); break;
	}
}

static void
row_of(struct book *b, struct pl_book_sheet *ws, const int *cols,
    const struct pl_register_entry *r)
{
	int i, n = 0;

	for (i = 0; cols[i] >= 0; i++)
		if (shown(b, cols[i]))
			cell(b, ws, n++, cols[i], r);
	pl_book_next(ws, 1);
}

static void
sheet_one(void *user, const struct pl_register_entry *r)
{
	struct book *b = user;

	b->rreg++;
	row_of(b, b->reg, reg_cols, r);
	if (r->overdue >= 0) {
		b->rdue++;
		row_of(b, b->due, due_cols, r);
	}
}

int
pl_register_sheet(struct pl_ledger *l, const char *today, const char *path,
    int lang, time_t created, struct pl_err *e)
{
	struct pl_book_opts bo;
	struct book b;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(&bo, 0, sizeof(bo));
	b.lang = lang;
	bo.lang = lang;
	bo.created = created;
	bo.title = "Customer property register / 顾客财产登记";
	bo.name_en = "Customer property register";
	bo.name_zh = "顾客财产登记";
	if ((b.book = pl_book_open(path, &bo, e)) == NULL)
		return -1;
	b.head = pl_book_format(b.book);
	format_set_bold(b.head);
	format_set_bg_color(b.head, 0xD9E1F2);
	b.flag = pl_book_format(b.book);
	format_set_bold(b.flag);
	format_set_font_color(b.flag, LXW_COLOR_RED);
	b.reg = heading(&b, C_REGISTER, reg_cols);
	b.due = heading(&b, C_OVERDUE, due_cols);
	if (b.reg == NULL || b.due == NULL) {
		pl_book_close(b.book, e);
		return -1;
	}
	rc = pl_register_each(l, today, sheet_one, &b, e);
	if (rc == 0 && b.rreg == 0)
		put(&b, b.reg, 0, label(&b, C_NONE), NULL);
	if (rc == 0 && b.rdue == 0)
		put(&b, b.due, 0, label(&b, C_NONE_OVERDUE), NULL);
	if (rc == 0)
		return pl_book_close(b.book, e);
	pl_book_close(b.book, NULL);
	return rc;
}
