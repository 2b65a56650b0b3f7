#include "sheet.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "rec.h"
#include "signoff.h"

#define ROWS_MAX PL_BOOK_ROWS

/* The labels, in English and Chinese. */
enum {
	T_SUMMARY, T_LINES, T_FINDINGS, T_CAPACITY, T_ABOUT,
	T_KEY, T_CUSTOMER, T_NUMBER, T_DATE, T_DELIVERY, T_NLINES, T_AMOUNT,
	T_CURRENCY, T_VERDICT, T_DEPTS, T_GM, T_CONFIRM, T_INFO, T_REVIEW,
	T_REJECT, T_ASK, T_FORM, T_LINE, T_SKU, T_ITEM, T_PROPS, T_QTY, T_UNIT,
	T_PRICE, T_STATUS, T_DEPT, T_SEVERITY, T_CODE, T_MESSAGE,
	T_REVIEWER, T_DECISION, T_SIGNDATE, T_COMMENT, T_PRODUCT, T_WEEK,
	T_DEMAND, T_COMMITTED, T_TENTATIVE, T_CAP, T_UTIL, T_TITLE, T_TERMS, T_PAYMENT,
	T_SPECIAL, T_OPINION, T_SIGNATURE, T_GMBOX, T_NOTHING, T_YES, T_NO,
	T_ACCEPT, T_ACCEPTC, T_DECLINE, T_ASKC, T_NOTIN, T_REGULAR,
	T_SPECIALV, T_INCOMPLETE, T_REJECTV, T_DECLINED, T_OK,
	T_CUSTPROP, T_KIND, T_DESC, T_SOURCE,
	T_CHANGES, T_FIELD, T_BEFORE, T_AFTER, T_GMROW, T_NOTHINGFOR, T_FOR,
	T_REQS, T_ORDER, T_DOCUMENT, T_NOTES, T_LINESFROM,
	T_CHART, T_PRODWEEK, T_FULL, T_AXISWEEK, T_UTILAXIS,
	T_ID,			/* Findings' hidden identity, T_ID + 0..5 */
	T__N = T_ID + PL_SIGNOFF_NID
};

static const char *const labels[T_ID][2] = {
	{ "Summary", "汇总" }, { "Lines", "订单行" }, { "Findings", "评审事项" },
	{ "Capacity", "产能" }, { "About", "说明" },
	{ "Order key", "订单键" }, { "Customer", "客户" },
	{ "Order no.", "订单号" }, { "Order date", "订单日期" },
	{ "Requested delivery", "要求交期" }, { "Lines", "行数" },
	{ "Amount", "金额" }, { "Currency", "币种" }, { "Verdict", "评审结论" },
	{ "Departments to review", "须评审部门" },
	{ "General manager approves", "总经理审批" },
	{ "Customer confirms", "客户确认" }, { "Info", "提示" },
	{ "Review", "评审" }, { "Reject", "拒绝" },
	{ "Ask the customer", "须向客户询问" }, { "Review record", "评审记录" },
	{ "Line", "行" }, { "SKU", "料号" }, { "Item", "品名" },
	{ "Properties", "规格属性" }, { "Quantity", "数量" },
	{ "Unit", "单位" }, { "Price", "单价" }, { "Status", "状态" },
	{ "Department", "部门" },
	{ "Severity", "级别" }, { "Code", "代码" }, { "Message", "内容" },
	{ "Reviewer", "评审人" }, { "Decision", "决定" },
	{ "Date", "日期" }, { "Comment", "意见" }, { "Product", "产品" },
	{ "ISO week", "周" }, { "Demand", "需求" },
	{ "Committed", "已承诺" }, { "Tentative", "暂定" }, { "Capacity per week", "周产能" },
	{ "Utilisation", "负荷率" },
	{ "Contract review record", "合同评审记录" },
	{ "Delivery terms", "交货条件" }, { "Payment terms", "付款条件" },
	{ "Special requirements", "特殊要求" },
	{ "Opinion", "评审意见" }, { "Signature", "签名" },
	{ "General manager approval", "总经理批准" },
	{ "There was nothing to review: the stream held no order.",
	    "没有需要评审的订单：输入中没有订单。" },
	{ "yes", "是" }, { "no", "否" },
	{ "accept", "接受" }, { "accept with conditions", "有条件接受" },
	{ "decline", "拒绝" }, { "ask customer", "询问客户" },
	{ "not in this workbook", "不在本工作簿中" },
	{ "regular", "常规" }, { "special", "特殊" },
	{ "incomplete", "不完整" },
	{ "reject", "拒绝" },
	{ "declined without review: Sales declines the order, the general "
	    "manager confirms", "不经评审予以拒绝：销售部回绝订单，总经理确认" },
	{ "ok", "正常" },
	{ "Customer property", "顾客财产" }, { "Kind", "类别" },
	{ "Description", "描述" }, { "Announced by", "来源" },
	{ "Changes", "变更" }, { "Field", "字段" }, { "Before", "变更前" },
	{ "After", "变更后" },
	{ "A special order: the general manager approves it.",
	    "特殊订单：须经总经理批准。" },
	{ "Nothing for this workbook to review: the batch held none of its "
	    "orders.", "本工作簿无需评审：本批中没有相关订单。" },
	{ "Workbook for", "本工作簿用于" },
	{ "Customer's requirements", "客户要求" }, { "Order", "订单" },
	{ "Document", "文件" }, { "Notes", "备注" }, { "lines", "各行" },
	{ "Capacity chart", "产能图" }, { "Product and week", "产品与周" },
	{ "100 % of capacity", "产能 100%" },
	{ "Product and ISO week", "产品与周" },
	{ "Utilisation (dashed line: 100 % of capacity)",
	    "负荷率（虚线：产能 100%）" },
};
static const char *const id_headers[PL_SIGNOFF_NID] = PL_SIGNOFF_HEADERS;

/* The record columns and rule fields a cell names, as words. */
static const char *const field_words[][3] = {
	{ "seller_item", "seller's item no.", "料号" },
	{ "buyer_item", "customer's item no.", "客户料号" },
	{ "std_item", "standard item no.", "标准物料号" },
	{ "item_name", "item name", "品名" }, { "quantity", "quantity", "数量" },
	{ "unit", "unit", "单位" }, { "price", "unit price", "单价" },
	{ "base_qty", "price basis", "价格基数" },
	{ "amount", "line amount", "行金额" }, { "currency", "currency", "币种" },
	{ "delivery_from", "requested delivery from", "要求交期起" },
	{ "delivery_to", "requested delivery", "要求交期" },
	{ "delivery_address", "delivery address", "交货地址" },
	{ "delivery_country", "delivery country", "交货国家" },
	{ "delivery_party", "consignee", "收货方" },
	{ "incoterm", "delivery terms", "贸易术语" },
	{ "incoterm_place", "named place", "贸易术语地点" },
	{ "payment_terms", "payment terms", "付款条件" },
	{ "payment_means", "payment means", "付款方式" },
	{ "quotation", "quotation", "报价单" }, { "contract", "contract", "合同" },
	{ "buyer_id", "buyer's id", "买方编号" },
	{ "buyer_name", "buyer's name", "买方名称" },
	{ "buyer_country", "buyer's country", "买方国家" },
	{ "seller_id", "seller's id", "卖方编号" },
	{ "issue_date", "order date", "订单日期" },
	{ "number", "order number", "订单号" }, { "total", "order total", "订单总额" },
	{ "line", "line", "订单行" }, { "prop", "properties", "规格属性" },
	{ "note", "notes", "备注" }, { "doc", "documents", "附件文件" },
	{ "order", "the order", "订单" },
	{ "written", "in writing", "书面确认" }, { "sample", "by sample", "样品确认" },
};

static const char *const dept_names[][3] = {
	{ "sales", "Sales", "销售部" }, { "purchasing", "Purchasing", "采购部" },
	{ "production", "Production", "生产部" }, { "rd", "R&D", "研发部" },
	{ "quality", "Quality", "质量部" }, { "gm", "General manager", "总经理" },
};

struct part {			/* a sheet that may go on in "X (2)" */
	struct pl_book_sheet *sh;
	struct pl_book_sheet *first;	/* part 1, which the others follow */
	int title;		/* T_* */
	int n;			/* which part this is: 1, 2, ... */
	int ncol;
};

/* The chart's product-weeks: over CHART_OVER of their capacity, the
 * CHART_MAX most loaded when more are. */
#define CHART_OVER 0.8
#define CHART_MAX 30

struct load {
	char *sku, *week;
	double util;
	long seq;		/* its place in Capacity, for ties */
};

struct money {
	char currency[4];
	lxw_format *fmt;
	lxw_format *calc;	/* the same in italics: a computed amount */
};

struct pl_sheet {
	struct pl_book *book;
	lxw_workbook *wb;	/* the book's */
	struct pl_sheet_opts opts;
	struct part summary, lines, findings, capacity, custprop;
	struct part changes;	/* before and after of changed orders */
	struct load top[CHART_MAX];	/* the most loaded over CHART_OVER */
	int ntop;
	long nover, ncap;	/* product-weeks over CHART_OVER, in all */
	struct load most;	/* the most loaded of all (sku NULL: none) */
	lxw_worksheet *about;
	lxw_format *head, *text, *wrap, *date, *num, *numcalc, *pct, *title,
	    *box, *label, *red, *amber, *green, *hide;
	struct money money[24];
	int nmoney;
	int forms, orders, skipped_forms, nform_files;
	char *run[PL_run__N];
	struct pl_buf tmp, tmp2;
	const char **moved;	/* changed_lines(): the changed lines' pos */
	size_t nmoved, capmoved;
	/* line_findings(): each line's first finding, and each finding's
	 * next one of the same line (items; NONE ends) */
	size_t *lfirst, *lnext, caplfirst, caplnext;
};

#define NONE ((size_t)-1)

static const char *
L(const struct pl_sheet *s, int t)
{
	return labels[t][s->opts.lang == PL_LANG_ZH];
}

/* Label t in the chosen language; for both, English, sep, Chinese. */
static const char *
label_sep(struct pl_sheet *s, int t, const char *sep, struct pl_buf *b)
{
	if (s->opts.lang != PL_LANG_BOTH)
		return L(s, t);
	pl_buf_reset(b);
	pl_buf_addf(b, "%s%s%s", labels[t][0], sep, labels[t][1]);
	return b->s;
}

/* A label in the chosen language; for both: "English / 中文". */
static const char *
LB(struct pl_sheet *s, int t, struct pl_buf *b)
{
	return label_sep(s, t, " / ", b);
}

/* A list's column header: its label, for both "English /" over "中文",
 * so a column is as wide as the longer of the two, not the two side by
 * side (po-signoff reads it as "English / 中文": spaces do not count). */
static const char *
HEAD(struct pl_sheet *s, int t, struct pl_buf *b)
{
	return label_sep(s, t, " /\n", b);
}

/* The first error of the library is the book's to keep. */
static int
ok(struct pl_sheet *s, lxw_error rc, const char *where)
{
	return pl_book_ok(s->book, rc, where);
}

/* Text from a document: always a string cell, never a formula. */
static void
put_text(struct pl_sheet *s, struct part *p, int col, const char *t,
    lxw_format *f)
{
	(void)s;
	pl_book_text(p->sh, col, t, f);
}

static void
put_num(struct pl_sheet *s, struct part *p, int col, double v, lxw_format *f)
{
	pl_book_num(p->sh, col, v, f ? f : s->num);
}

/* A number as the stream states it; text when it is not one. */
static void
put_number(struct pl_sheet *s, struct part *p, int col, const char *t,
    lxw_format *f)
{
	pl_book_number(p->sh, col, t, f ? f : s->num);
}

/* A date as a date cell; text when it is not YYYY-MM-DD. */
static void
put_date(struct pl_sheet *s, struct part *p, int col, const char *t)
{
	pl_book_date(p->sh, col, t, s->date);
}

/* Text over columns c1..c2 of the row. */
static void
put_merge(struct part *p, int c1, int c2, const char *t, lxw_format *f)
{
	pl_book_merge(p->sh, c1, c2, t, f);
}

static void
next(struct part *p, int n)
{
	pl_book_next(p->sh, n);
}

/* The money format of a currency: "#,##0.00 "EUR"". */
static lxw_format *
money(struct pl_sheet *s, const char *cur)
{
	char fmt[64];
	int i;

	if (cur == NULL || strlen(cur) != 3)
		return s->num;
	for (i = 0; i < s->nmoney; i++)
		if (strcmp(s->money[i].currency, cur) == 0)
			return s->money[i].fmt;
	if (s->nmoney == 24)
		return s->num;
	for (i = 0; i < 3; i++)
		if (cur[i] < 'A' || cur[i] > 'Z')
			return s->num;
	snprintf(fmt, sizeof(fmt), "#,##0.00 \"%s\"", cur);
	s->money[s->nmoney].fmt = workbook_add_format(s->wb);
	format_set_num_format(s->money[s->nmoney].fmt, fmt);
	format_set_align(s->money[s->nmoney].fmt, LXW_ALIGN_VERTICAL_TOP);
	s->money[s->nmoney].calc = workbook_add_format(s->wb);
	format_set_num_format(s->money[s->nmoney].calc, fmt);
	format_set_align(s->money[s->nmoney].calc, LXW_ALIGN_VERTICAL_TOP);
	format_set_italic(s->money[s->nmoney].calc);
	snprintf(s->money[s->nmoney].currency, 4, "%s", cur);
	return s->money[s->nmoney++].fmt;
}

/* The italic twin of a money format (a computed amount). */
static lxw_format *
money_calc(struct pl_sheet *s, const char *cur)
{
	lxw_format *f = money(s, cur);
	int i;

	for (i = 0; i < s->nmoney; i++)
		if (s->money[i].fmt == f)
			return s->money[i].calc;
	return s->numcalc;
}

/* A number of the stream: 0 with *v set, or -1 when it is none. */
static int
stream_number(const char *t, double *v)
{
	char *end;

	if (t == NULL || *t == '\0')
		return -1;
	errno = 0;
	*v = strtod(t, &end);
	return *end == '\0' && errno == 0 && isfinite(*v) ? 0 : -1;
}

/*
 * A line's amount in column col: as the document states it, else
 * computed as quantity x price / price basis (as po-check values the
 * order) and written in italics, so it reads as computed (a cXML order
 * states no line amount); nothing when it cannot be.
 */
static void
put_amount(struct pl_sheet *s, struct part *p, int col,
    const struct pl_order_line *l, const char *cur)
{
	double q, price, base = 1;

	if (l->f[PL_line_amount]) {
		pl_book_number(p->sh, col, l->f[PL_line_amount], money(s, cur));
		return;
	}
	if (stream_number(l->f[PL_line_quantity], &q) < 0 ||
	    stream_number(l->f[PL_line_price], &price) < 0)
		return;
	if (stream_number(l->f[PL_line_base_qty], &base) < 0 || base <= 0)
		base = 1;
	q = q * price / base;	/* to 4 decimals: 1120, not 1120.0000000000002 */
	if (fabs(q) < 1e11)
		q = round(q * 1e4) / 1e4;
	pl_book_num(p->sh, col, q, money_calc(s, cur));
}

/* Summary and Lines have no currency column: the amount and price
 * cells' number format shows it ("11.50 EUR"), and a currency no format
 * can show goes in the notes (summary_row, line_rows). */
static const int summary_cols[] = { T_KEY, T_CUSTOMER, T_NUMBER, T_DATE,
	T_DELIVERY, T_NLINES, T_AMOUNT, T_VERDICT, T_DEPTS, T_GM,
	T_CONFIRM, T_INFO, T_REVIEW, T_REJECT, T_ASK, T_FORM, T_NOTES, -1 };
static const int lines_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_SKU,
	T_ITEM, T_PROPS, T_QTY, T_UNIT, T_PRICE, T_AMOUNT,
	T_DELIVERY, T_STATUS, T_DEPTS, T_NOTES, -1 };
static const int findings_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_DEPT,
	T_SEVERITY, T_CODE, T_MESSAGE, T_REVIEWER, T_DECISION, T_SIGNDATE,
	T_COMMENT, T_ID, T_ID + 1, T_ID + 2, T_ID + 3, T_ID + 4, T_ID + 5, -1 };
static const int capacity_cols[] = { T_PRODUCT, T_WEEK, T_DEMAND,
	T_COMMITTED, T_TENTATIVE, T_CAP, T_UTIL, -1 };
static const int custprop_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_KIND,
	T_DESC, T_QTY, T_UNIT, T_SOURCE, -1 };

static const int changes_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_FIELD,
	T_BEFORE, T_AFTER, T_DEPTS, -1 };

static const int *
cols_of(int title)
{
	if (title == T_CHANGES)
		return changes_cols;
	return title == T_SUMMARY ? summary_cols : title == T_LINES ?
	    lines_cols : title == T_FINDINGS ? findings_cols :
	    title == T_CUSTPROP ? custprop_cols : capacity_cols;
}

/* The widest a column of a list grows to, in characters; the sign-off
 * columns of Findings keep theirs, to write in. */
static double
col_width(int t, int *fixed)
{
	*fixed = t == T_REVIEWER || t == T_DECISION || t == T_SIGNDATE ||
	    t == T_COMMENT;
	switch (t) {
	case T_KEY: return 22;
	case T_SKU: case T_PRODUCT: return 18;
	case T_CUSTOMER: return 18;
	case T_NUMBER: return 14;
	case T_ITEM: return 20;
	case T_PROPS: return 36;
	case T_NOTES: return 50;
	case T_DESC: return 44;
	case T_MESSAGE: return 56;
	case T_ASK: return 24;
	case T_BEFORE: case T_AFTER: return 30;
	case T_DEPTS: return 24;
	case T_REVIEWER: return 11;
	case T_DECISION: return 13;
	case T_SIGNDATE: return 10;
	case T_COMMENT: return 18;
	case T_FORM: return 14;
	case T_CONFIRM: return 12;
	case T_VERDICT: case T_STATUS: case T_SEVERITY: return 10;
	default: return 12;
	}
}

/* Start part n of a sheet: its name, header row, frozen header, and how
 * it prints. */
static int
part_start(struct pl_sheet *s, struct part *p, int title, int n)
{
	const int *cols = cols_of(title);
	struct pl_book_col c[20];
	struct pl_book_page pg = { 1, 1, NULL, 1 };
	struct pl_book_sheet *first = n > 1 ? p->first : NULL;
	char want[64];
	int i;

	memset(p, 0, sizeof(*p));
	p->title = title;
	p->n = n;
	if (n == 1)
		snprintf(want, sizeof(want), "%s", L(s, title));
	else
		snprintf(want, sizeof(want), "%s (%d)", L(s, title), n);
	for (i = 0; cols[i] >= 0; i++) {
		c[i].width = col_width(cols[i], &c[i].fixed);
		/* Findings: the message takes the room, so a row is as
		 * tall as its message's few lines (the sample batch's
		 * Findings print on 14 pages in both, 10 in en, where a
		 * message of 64 took 22 and 13); in both, a customer's name
		 * wraps before it makes a row taller than its message */
		if (title == T_FINDINGS && cols[i] == T_MESSAGE)
			c[i].width = s->opts.lang == PL_LANG_BOTH ? 100 : 90;
		if (title == T_FINDINGS && cols[i] == T_CUSTOMER &&
		    s->opts.lang == PL_LANG_BOTH)
			c[i].width = 15;
	}
	pg.landscape = title != T_CAPACITY;
	if ((p->sh = pl_book_sheet(s->book, want, &pg, c, i)) == NULL)
		return -1;
	/* "Lines (2)" stands right after "Lines", not after the sheets
	 * made since */
	p->first = first ? first : p->sh;
	pl_book_after(p->sh, first);
	if (title == T_FINDINGS)
		pl_book_hide(p->sh, 11, 11 + PL_SIGNOFF_NID - 1);
	for (i = 0; cols[i] >= 0; i++)
		put_text(s, p, i, cols[i] >= T_ID ? id_headers[cols[i] - T_ID] :
		    HEAD(s, cols[i], &s->tmp), s->head);
	p->ncol = i;
	worksheet_freeze_panes(pl_book_ws(p->sh), 1, 0);
	next(p, 1);
	return 0;
}

static void decorate(struct pl_sheet *s, struct part *p);

/* Finish a part: its conditional formats and lists. */
static void
part_end(struct pl_sheet *s, struct part *p)
{
	if (p->sh != NULL)
		decorate(s, p);
}

/* The next row of a sheet, going on in "NAME (2)" when one is full. */
static struct part *
next_row(struct pl_sheet *s, struct part *p)
{
	if (pl_book_row(p->sh) >= s->opts.rows_max) {
		part_end(s, p);
		part_start(s, p, p->title, p->n + 1);
	}
	return p;
}

static const char *
dept_label(struct pl_sheet *s, const char *d, struct pl_buf *b)
{
	size_t i;

	for (i = 0; i < sizeof(dept_names) / sizeof(dept_names[0]); i++)
		if (strcmp(dept_names[i][0], d) == 0) {
			if (s->opts.lang == PL_LANG_EN)
				return dept_names[i][1];
			if (s->opts.lang == PL_LANG_ZH)
				return dept_names[i][2];
			pl_buf_reset(b);
			pl_buf_addf(b, "%s / %s", dept_names[i][1],
			    dept_names[i][2]);
			return b->s;
		}
	return d;
}

/* "sales,rd,gm" in the chosen language: "Sales, R&D, General manager",
 * wrapped where its cell is narrow. */
static const char *
depts_label(struct pl_sheet *s, const char *list, struct pl_buf *b)
{
	struct pl_buf one;
	const char *p = list;

	pl_buf_reset(b);
	pl_buf_init(&one);
	while (p && *p) {
		size_t n = strcspn(p, ",");
		char d[32];

		snprintf(d, sizeof(d), "%.*s", (int)n, p);
		pl_buf_reset(&one);
		pl_buf_addf(b, "%s%s", b->len ? ", " : "", dept_label(s, d,
		    &one));
		p += n + (p[n] == ',');
	}
	pl_buf_release(&one);
	return b->s;
}

static const char *
verdict_label(struct pl_sheet *s, const char *v, struct pl_buf *b)
{
	int t = v == NULL ? -1 : strcmp(v, "regular") == 0 ? T_REGULAR :
	    strcmp(v, "special") == 0 ? T_SPECIALV : strcmp(v, "incomplete") ==
	    0 ? T_INCOMPLETE : strcmp(v, "reject") == 0 ? T_REJECTV : -1;

	return t < 0 ? (v ? v : "") : LB(s, t, b);
}

/* The message of a finding in the chosen language. */
static const char *
message(struct pl_sheet *s, const struct pl_order_item *f, struct pl_buf *b)
{
	const char *en = f->f[PL_finding_en], *zh = f->f[PL_finding_zh];

	if (s->opts.lang == PL_LANG_EN || zh == NULL)
		return en ? en : "";
	if (s->opts.lang == PL_LANG_ZH || en == NULL)
		return zh;
	pl_buf_reset(b);
	pl_buf_addf(b, "%s\n%s", en, zh);
	return b->s;
}

static int
is(const struct pl_order_item *it, const char *kind)
{
	return strcmp(it->f[0], kind) == 0;
}

static int
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/*
 * Field k of o's order record; for a change that does not state it, the
 * value the order keeps from the version the ledger holds (po-check's
 * kept record), else NULL.
 */
static const char *
field(const struct pl_order *o, int k)
{
	const struct pl_rec_kind *order;
	size_t j;

	if (o->f[k] != NULL || (order = pl_rec_kind("order")) == NULL)
		return o->f[k];
	for (j = 0; j < o->nitem; j++)
		if (strcmp(o->item[j].f[0], "kept") == 0 &&
		    same(o->item[j].f[PL_kept_field], order->cols[k]))
			return o->item[j].f[PL_kept_value];
	return NULL;
}

/* The customer as the sheets name it: the buyer's name, else its id. */
static const char *
customer(const struct pl_order *o)
{
	return field(o, PL_order_buyer_name) ? field(o, PL_order_buyer_name) :
	    o->f[PL_order_buyer_id];
}

/* A line's properties, "name: value; ...". */
static const char *
props(const struct pl_order *o, const struct pl_order_line *l,
    struct pl_buf *b)
{
	size_t i;

	pl_buf_reset(b);
	for (i = l->first; i < l->end; i++)
		if (is(&o->item[i], "prop"))
			pl_buf_addf(b, "%s%s: %s", b->len ? "; " : "",
			    o->item[i].f[PL_prop_name] ? o->item[i].f[PL_prop_name]
			    : "", o->item[i].f[PL_prop_value] ?
			    o->item[i].f[PL_prop_value] : "");
	return b->s;
}

/* A line's notes, one to a line, as the customer wrote them. */
static const char *
line_notes(const struct pl_order *o, const struct pl_order_line *l,
    struct pl_buf *b)
{
	size_t i;

	pl_buf_reset(b);
	for (i = l->first; i < l->end; i++)
		if (is(&o->item[i], "note") && o->item[i].f[PL_note_text])
			pl_buf_addf(b, "%s%s", b->len ? "\n" : "",
			    o->item[i].f[PL_note_text]);
	return b->s;
}

/* One word of field_words in the chosen language, appended to b. */
static void
add_word(const char *code, int zh, struct pl_buf *b)
{
	size_t i;
	size_t n = strcspn(code, ":");

	for (i = 0; i < sizeof(field_words) / sizeof(field_words[0]); i++)
		if (strlen(field_words[i][0]) == n &&
		    strncmp(field_words[i][0], code, n) == 0) {
			pl_buf_adds(b, field_words[i][1 + zh]);
			/* "prop:Length": the property's name too */
			if (code[n] == ':')
				pl_buf_addf(b, " %s", code + n + 1);
			return;
		}
	pl_buf_adds(b, code);
}

/*
 * A list of field codes as words ("line 1: seller_item; buyer_id", as the
 * verdict's ask column and a change's field say it, or "written,sample")
 * in the chosen language, both one under the other.
 */
static const char *
words(struct pl_sheet *s, const char *list, struct pl_buf *b)
{
	int zh, first, to = s->opts.lang == PL_LANG_EN ? 0 : 1;
	const char *p;
	char tok[96], *t;
	size_t n, k;

	pl_buf_reset(b);
	if (list == NULL)
		return NULL;
	for (zh = s->opts.lang == PL_LANG_ZH; zh <= to; zh++) {
		if (b->len)
			pl_buf_addc(b, '\n');
		for (p = list, first = 1; *p; first = 0) {
			n = strcspn(p, ";,");
			snprintf(tok, sizeof(tok), "%.*s", (int)n, p);
			p += n + (p[n] != '\0');
			for (t = tok; *t == ' '; t++)
				;
			if (!first)
				pl_buf_adds(b, zh ? "；" : "; ");
			if (strncmp(t, "line ", 5) == 0) {
				k = strcspn(t + 5, ":");
				pl_buf_addf(b, zh ? "第%.*s行：" : "line %.*s: ",
				    (int)k, t + 5);
				for (t += 5 + k + (t[5 + k] == ':'); *t == ' '; t++)
					;
			}
			add_word(t, zh, b);
		}
	}
	return b->s;
}

/*
 * The requested delivery of o: its own, else the span of its lines'
 * ("lines 2027-01-05 … 2027-01-29"), else NULL; *date says a single date.
 */
static const char *
delivery(struct pl_sheet *s, const struct pl_order *o, struct pl_buf *b,
    int *date)
{
	const char *lo = NULL, *hi = NULL, *d;
	size_t i;

	*date = 1;
	if ((d = field(o, PL_order_delivery_to)) != NULL ||
	    (d = field(o, PL_order_delivery_from)) != NULL)
		return d;
	for (i = 0; i < o->nline; i++) {
		d = o->line[i].f[PL_line_delivery_to] ?
		    o->line[i].f[PL_line_delivery_to] :
		    o->line[i].f[PL_line_delivery_from];
		if (d == NULL)
			continue;
		if (lo == NULL || strcmp(d, lo) < 0)
			lo = d;
		if (hi == NULL || strcmp(d, hi) > 0)
			hi = d;
	}
	if (lo == NULL || strcmp(lo, hi) == 0)
		return lo;
	*date = 0;
	pl_buf_reset(b);
	pl_buf_addf(b, "%s %s … %s", s->opts.lang == PL_LANG_ZH ? "各行" :
	    s->opts.lang == PL_LANG_EN ? "lines" : "lines / 各行", lo, hi);
	return b->s;
}

/* Room for n in the array *a of *cap; 0, or -1 out of memory. */
static int
room_for(size_t **a, size_t *cap, size_t n)
{
	size_t *p;

	if (n <= *cap)
		return 0;
	if ((p = realloc(*a, n * sizeof(*p))) == NULL)
		return -1;
	*a = p;
	*cap = n;
	return 0;
}

/*
 * The findings of each line of o, in the order they came, as lists in
 * s->lfirst and s->lnext: a finding's pos is its line's ordinal, so each
 * is placed at once (one naming no line of o is left out), where looking
 * for each line's findings among all items took lines x items string
 * compares.  -1 when memory ran out.
 */
static int
line_findings(struct pl_sheet *s, const struct pl_order *o)
{
	size_t i, j, k, *last;
	const char *pos;

	if (room_for(&s->lfirst, &s->caplfirst, 2 * o->nline + 1) < 0 ||
	    room_for(&s->lnext, &s->caplnext, o->nitem + 1) < 0)
		return ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "the lines"), -1;
	last = s->lfirst + o->nline;
	for (i = 0; i < o->nline; i++)
		s->lfirst[i] = last[i] = NONE;
	for (j = 0; j < o->nitem; j++) {
		if (!is(&o->item[j], "finding") ||
		    (pos = o->item[j].f[PL_finding_pos]) == NULL)
			continue;
		k = (size_t)strtoul(pos, NULL, 10) - 1;
		if (k >= o->nline || !same(o->line[k].f[PL_line_pos], pos))
			for (k = 0; k < o->nline &&
			    !same(o->line[k].f[PL_line_pos], pos); k++)
				;	/* a pos that is not the ordinal */
		if (k >= o->nline)
			continue;
		s->lnext[j] = NONE;
		if (last[k] == NONE)
			s->lfirst[k] = j;
		else
			s->lnext[last[k]] = j;
		last[k] = j;
	}
	return 0;
}

static void
line_rows(struct pl_sheet *s, const struct pl_order *o)
{
	const char *num = o->f[PL_order_number];
	const char *cust = customer(o);
	size_t i, j;

	if (line_findings(s, o) < 0)
		return;

	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const char *pos = l->f[PL_line_pos];
		const char *cur = l->f[PL_line_currency] ?
		    l->f[PL_line_currency] : o->f[PL_order_currency];
		struct part *p = next_row(s, &s->lines);
		char list[64];
		unsigned depts;
		int worst = -1;

		put_text(s, p, 0, num, NULL);
		put_text(s, p, 1, cust, NULL);
		put_text(s, p, 2, l->f[PL_line_id] ? l->f[PL_line_id] : pos, NULL);
		put_text(s, p, 3, l->f[PL_line_seller_item], NULL);
		put_text(s, p, 4, l->f[PL_line_item_name], NULL);
		put_text(s, p, 5, props(o, l, &s->tmp), NULL);
		put_number(s, p, 6, l->f[PL_line_quantity], NULL);
		put_text(s, p, 7, l->f[PL_line_unit], NULL);
		put_number(s, p, 8, l->f[PL_line_price], money(s, cur));
		put_amount(s, p, 9, l, cur);
		put_date(s, p, 10, l->f[PL_line_delivery_to] ?
		    l->f[PL_line_delivery_to] : l->f[PL_line_delivery_from] ?
		    l->f[PL_line_delivery_from] : o->f[PL_order_delivery_to]);
		/* findings about this line: its status and the departments
		 * that look at them, in words (their messages are on
		 * Findings) */
		depts = 0;
		for (j = s->lfirst[i]; j != NONE; j = s->lnext[j]) {
			const struct pl_order_item *f = &o->item[j];
			int sev;

			sev = same(f->f[PL_finding_severity], "reject") ? 2 :
			    same(f->f[PL_finding_severity], "review") ? 1 : 0;
			if (sev > worst)
				worst = sev;
			depts |= pl_signoff_dept_bit(f->f[PL_finding_department]);
		}
		put_text(s, p, 11, LB(s, worst == 2 ? T_REJECT : worst == 1 ?
		    T_REVIEW : worst == 0 ? T_INFO : T_OK, &s->tmp), NULL);
		pl_signoff_dept_list(depts, list, sizeof(list));
		put_text(s, p, 12, depts_label(s, list, &s->tmp2), s->wrap);
		line_notes(o, l, &s->tmp2);
		if (cur && *cur && money(s, cur) == s->num)
			pl_buf_addf(&s->tmp2, "%s%s: %s", s->tmp2.len ? "\n" : "",
			    L(s, T_CURRENCY), cur);
		put_text(s, p, 13, s->tmp2.s, s->wrap);
		next(p, 1);
	}
}

/* The hidden cells that say which finding a row of Findings is, for
 * po-signoff (signoff.h): order key, docid, the finding's number in its
 * document, department, severity, and their check. */
static void
identity(struct pl_sheet *s, struct part *p, const struct pl_order *o,
    size_t n, const char *dept, const char *sev, const char *code)
{
	const char *v[PL_SIGNOFF_NID];
	char num[24], check[9];
	int i;

	snprintf(num, sizeof(num), "%zu", n);
	v[0] = o->f[PL_order_key];
	v[1] = o->f[PL_order_docid];
	v[2] = num;
	v[3] = dept;
	v[4] = sev;
	pl_signoff_check(v[0], v[1], v[2], v[3], v[4], o->f[PL_order_number],
	    code, check);
	v[5] = check;
	for (i = 0; i < PL_SIGNOFF_NID; i++)
		put_text(s, p, 11 + i, v[i], s->hide);
}

/* The columns of a Findings row before its message. */
static struct part *
finding_start(struct pl_sheet *s, const struct pl_order *o, size_t n,
    const char *dept, const char *sev, const char *code)
{
	struct part *p = next_row(s, &s->findings);

	identity(s, p, o, n, dept, sev, code);
	put_text(s, p, 0, o->f[PL_order_number], NULL);
	put_text(s, p, 1, customer(o), NULL);
	pl_buf_reset(&s->tmp2);
	put_text(s, p, 3, dept_label(s, dept ? dept : "", &s->tmp2), NULL);
	put_text(s, p, 4, LB(s, same(sev, "reject") ? T_REJECT :
	    same(sev, "review") ? T_REVIEW : T_INFO, &s->tmp), NULL);
	put_text(s, p, 5, code, NULL);
	return p;
}

/* The order's findings to sign, and when its verdict asks the general
 * manager's approval and no finding is his, a row for it: so that a
 * signed workbook cannot accept a special order without him. */
static void
finding_rows(struct pl_sheet *s, const struct pl_order *o,
    const char *const *v)
{
	size_t j, n = 0;
	int gm = 0;

	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];
		const char *dept = f->f[PL_finding_department];
		const char *sev = f->f[PL_finding_severity];
		struct part *p;
		const char *pos;

		if (!is(f, "finding"))
			continue;
		gm |= same(dept, "gm") && !same(sev, "info");
		/* a department's workbook: its own findings, numbered as in
		 * the whole review */
		if (s->opts.dept && !same(dept, s->opts.dept)) {
			n++;
			continue;
		}
		p = finding_start(s, o, ++n, dept, sev, f->f[PL_finding_code]);
		if ((pos = f->f[PL_finding_pos]) != NULL) {
			size_t k = (size_t)atoi(pos);

			put_text(s, p, 2, k >= 1 && k <= o->nline &&
			    o->line[k - 1].f[PL_line_id] ?
			    o->line[k - 1].f[PL_line_id] : pos, NULL);
		}
		put_text(s, p, 6, message(s, f, &s->tmp), s->wrap);
		next(p, 1);
	}
	if (!gm && v && same(v[PL_verdict_gm], "yes") &&
	    (s->opts.dept == NULL || strcmp(s->opts.dept, "gm") == 0)) {
		struct part *p = finding_start(s, o, ++n, "gm", "review",
		    "gm-approval");

		pl_buf_reset(&s->tmp);
		if (s->opts.lang == PL_LANG_BOTH)	/* as messages are */
			pl_buf_addf(&s->tmp, "%s\n%s", labels[T_GMROW][0],
			    labels[T_GMROW][1]);
		put_text(s, p, 6, s->tmp.len ? s->tmp.s : L(s, T_GMROW),
		    s->wrap);
		next(p, 1);
	}
}

/* Customer property's kind in the chosen language, as the property
 * register says it; an unknown one as it is. */
static const char *
kind_label(struct pl_sheet *s, const char *k, struct pl_buf *b)
{
	if (k == NULL)
		return NULL;
	pl_buf_reset(b);
	if (s->opts.lang == PL_LANG_BOTH)
		pl_buf_addf(b, "%s / %s", pl_rec_kind_name(k, 0),
		    pl_rec_kind_name(k, 1));
	else
		pl_buf_adds(b, pl_rec_kind_name(k, s->opts.lang == PL_LANG_ZH));
	return b->s;
}

/*
 * Where the order announced customer property f, in words: the field of
 * the finding its rule raised on the same line ("notes", "documents",
 * "properties"), documents for "doc"; the rule's id when no finding
 * says.
 */
static const char *
source_label(struct pl_sheet *s, const struct pl_order *o,
    const struct pl_order_item *f, struct pl_buf *b)
{
	const char *src = f->f[PL_custprop_source], *field = NULL;
	size_t j;

	if (same(src, "doc"))
		field = "doc";
	for (j = 0; field == NULL && src && j < o->nitem; j++)
		if (is(&o->item[j], "finding") &&
		    same(o->item[j].f[PL_finding_code], src) &&
		    (o->item[j].f[PL_finding_pos] == NULL ?
		    f->f[PL_custprop_pos] == NULL :
		    same(o->item[j].f[PL_finding_pos], f->f[PL_custprop_pos])))
			field = o->item[j].f[PL_finding_field];
	return field ? words(s, field, b) : src;
}

/* The customer property the order announces (po-check's custprop). */
static void
custprop_rows(struct pl_sheet *s, const struct pl_order *o)
{
	const char *cust = customer(o);
	size_t j;

	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];
		struct part *p;

		if (!is(f, "custprop"))
			continue;
		p = next_row(s, &s->custprop);
		put_text(s, p, 0, o->f[PL_order_number], NULL);
		put_text(s, p, 1, cust, NULL);
		put_text(s, p, 2, f->f[PL_custprop_pos], NULL);
		put_text(s, p, 3, kind_label(s, f->f[PL_custprop_type],
		    &s->tmp2), s->wrap);
		put_text(s, p, 4, f->f[PL_custprop_description], s->wrap);
		put_number(s, p, 5, f->f[PL_custprop_quantity], s->num);
		put_text(s, p, 6, f->f[PL_custprop_unit], NULL);
		put_text(s, p, 7, source_label(s, o, f, &s->tmp2), s->wrap);
		next(p, 1);
	}
}

/* Write a row of the review record: a label and a value over the row. */
static void
form_field(struct pl_sheet *s, struct part *p, int t, const char *v)
{
	put_text(s, p, 0, LB(s, t, &s->tmp), s->label);
	put_merge(p, 1, 8, v, s->wrap);
	next(p, 1);
}

/* The height of the gap between the parts of a review record, points. */
#define GAP 6.0
/* The least a review record is scaled to print on one page: its text
 * of 11 points no smaller than 6.6, as Findings prints in both */
#define FIT_LEAST 0.6

/* A field of the record's head in one half of the row: its label in
 * column 0 (left) or over columns 4..6 (right), its value over the rest
 * of the half. */
static void
form_half(struct pl_sheet *s, struct part *p, int right, int t,
    const char *v)
{
	if (right) {
		put_merge(p, 4, 6, LB(s, t, &s->tmp), s->label);
		put_merge(p, 7, 8, v, s->wrap);
	} else {
		put_text(s, p, 0, LB(s, t, &s->tmp), s->label);
		put_merge(p, 1, 3, v, s->wrap);
	}
}

/* A row of the sign-off table: who (label), then spaces to write the
 * opinion, the signature and the date in, two lines tall. */
static void
form_sign(struct pl_sheet *s, struct part *p, const char *label)
{
	put_text(s, p, 0, label, s->box);
	pl_book_blank(p->sh, 1, 5, 2, s->box);
	pl_book_blank(p->sh, 6, 7, 2, s->box);
	pl_book_blank(p->sh, 8, 8, 2, s->box);
	next(p, 1);
}

/* The sign-off table: a row per department that must review, the
 * decision to tick, the general manager's row. */
static void
form_signoff(struct pl_sheet *s, struct part *p, const char *const *v)
{
	size_t k;

	put_text(s, p, 0, LB(s, T_DEPT, &s->tmp), s->head);
	put_merge(p, 1, 5, LB(s, T_OPINION, &s->tmp), s->head);
	put_merge(p, 6, 7, LB(s, T_SIGNATURE, &s->tmp), s->head);
	put_text(s, p, 8, LB(s, T_SIGNDATE, &s->tmp), s->head);
	next(p, 1);
	if (v && v[PL_verdict_departments]) {
		const char *d = v[PL_verdict_departments];

		while (*d) {
			size_t n = strcspn(d, ",");
			char dep[32];

			snprintf(dep, sizeof(dep), "%.*s", (int)n, d);
			d += n + (d[n] == ',');
			if (strcmp(dep, "gm") == 0)
				continue;	/* the last row is the GM's */
			pl_buf_reset(&s->tmp2);
			form_sign(s, p, dept_label(s, dep, &s->tmp2));
		}
	}
	pl_buf_reset(&s->tmp2);
	pl_buf_addf(&s->tmp2, "%s: ", LB(s, T_DECISION, &s->tmp));
	for (k = T_ACCEPT; k <= T_ASKC; k++)
		pl_buf_addf(&s->tmp2, "☐ %s   ", LB(s, (int)k, &s->tmp));
	put_merge(p, 0, 8, s->tmp2.s, s->box);
	next(p, 1);
	form_sign(s, p, LB(s, T_GMBOX, &s->tmp));
}

/* --- changed orders (po-check's change records) ------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Whether o is a changed order (it has change records), with the
 * positions of its changed and added lines sorted in s->moved: the review
 * record of a changed order lists only those lines (line_to_sign()).  A
 * change of 5,000 lines is looked up, not scanned, once a line.
 */
static int
changed_lines(struct pl_sheet *s, const struct pl_order *o)
{
	const char *pos;
	size_t j;
	int changed = 0;

	s->nmoved = 0;
	for (j = 0; j < o->nitem; j++) {
		if (!is(&o->item[j], "change"))
			continue;
		changed = 1;
		if ((pos = o->item[j].f[PL_change_pos]) == NULL)
			continue;
		if (s->nmoved == s->capmoved) {
			size_t cap = s->capmoved ? 2 * s->capmoved : 64;
			const char **v = realloc(s->moved, cap * sizeof(*v));

			if (v == NULL) {
				ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED,
				    "a review record");
				return changed;
			}
			s->moved = v;
			s->capmoved = cap;
		}
		s->moved[s->nmoved++] = pos;
	}
	if (s->nmoved > 1)
		qsort(s->moved, s->nmoved, sizeof(*s->moved), cmp_str);
	return changed;
}

/* Whether a line goes on the review record: every line of an order, only
 * the changed and added lines of a changed one (changed_lines()). */
static int
line_to_sign(const struct pl_sheet *s, const struct pl_order_line *l,
    int changed)
{
	const char *pos = l->f[PL_line_pos];

	return !changed || (pos && s->nmoved && bsearch(&pos, s->moved,
	    s->nmoved, sizeof(*s->moved), cmp_str));
}

/* One row per changed field: before and after side by side. */
static void
change_rows(struct pl_sheet *s, const struct pl_order *o)
{
	const char *cust = customer(o);
	size_t j;

	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];
		struct part *p;

		if (!is(f, "change"))
			continue;
		p = next_row(s, &s->changes);
		put_text(s, p, 0, o->f[PL_order_number], NULL);
		put_text(s, p, 1, cust, NULL);
		put_text(s, p, 2, f->f[PL_change_line], NULL);
		put_text(s, p, 3, words(s, f->f[PL_change_field], &s->tmp2),
		    s->wrap);
		put_text(s, p, 4, f->f[PL_change_before], s->wrap);
		put_text(s, p, 5, f->f[PL_change_after], s->wrap);
		put_text(s, p, 6, depts_label(s, f->f[PL_change_departments],
		    &s->tmp), s->wrap);
		next(p, 1);
	}
}

/*
 * The customer's own words on the review record: every note of the order
 * and of its lines as written, and the documents it names, so the
 * departments and the general manager read what they approve.
 */
static void
form_requirements(struct pl_sheet *s, struct part *p, const struct pl_order *o)
{
	const struct pl_order_item *it;
	const char *at;
	size_t j, i;
	int k, head = 0;

	for (j = 0; j < o->nitem; j++) {
		it = &o->item[j];
		if (!is(it, "note") && !is(it, "doc"))
			continue;
		if (!head++) {
			put_merge(p, 0, 8, LB(s, T_REQS, &s->tmp), s->label);
			next(p, 1);
		}
		pl_buf_reset(&s->tmp2);
		at = it->f[PL_note_pos];
		for (i = 0; at && i < o->nline; i++)	/* the line's own id */
			if (same(o->line[i].f[PL_line_pos], at) &&
			    o->line[i].f[PL_line_id])
				at = o->line[i].f[PL_line_id];
		if (at == NULL)
			pl_buf_adds(&s->tmp2, LB(s, is(it, "doc") ? T_DOCUMENT :
			    T_ORDER, &s->tmp));
		else
			pl_buf_addf(&s->tmp2, "%s %s", LB(s, T_LINE, &s->tmp),
			    at);
		put_text(s, p, 0, s->tmp2.s, s->wrap);
		pl_buf_reset(&s->tmp2);
		if (is(it, "note"))
			pl_buf_adds(&s->tmp2, it->f[PL_note_text] ?
			    it->f[PL_note_text] : "");
		else
			for (k = PL_doc_ref; k <= PL_doc_uri; k++)
				if ((k == PL_doc_ref || k == PL_doc_type ||
				    k == PL_doc_filename || k == PL_doc_uri) &&
				    it->f[k])
					pl_buf_addf(&s->tmp2, "%s%s", s->tmp2.len ?
					    " · " : "", it->f[k]);
		put_merge(p, 1, 8, s->tmp2.s, s->wrap);
		next(p, 1);
	}
	if (head)
		pl_book_gap(p->sh, GAP);
}

/* The review record of a changed order: what changed, to sign off. */
static void
form_changes(struct pl_sheet *s, struct part *p, const struct pl_order *o,
    int changed)
{
	static const int cols[] = { T_LINE, T_FIELD, T_BEFORE, T_AFTER };
	static const int at[] = { 0, 1, 2, 5 };
	size_t i, j;

	if (!changed)
		return;
	put_merge(p, 0, 8, LB(s, T_CHANGES, &s->tmp), s->label);
	next(p, 1);
	for (i = 0; i < 4; i++)
		put_text(s, p, at[i], LB(s, cols[i], &s->tmp), s->head);
	next(p, 1);
	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];

		if (!is(f, "change"))
			continue;
		put_text(s, p, 0, f->f[PL_change_line], NULL);
		put_text(s, p, 1, words(s, f->f[PL_change_field], &s->tmp2),
		    s->wrap);
		/* before over columns C to E, after over F to H */
		put_merge(p, 2, 4, f->f[PL_change_before], s->wrap);
		put_merge(p, 5, 7, f->f[PL_change_after], s->wrap);
		next(p, 1);
	}
	pl_book_gap(p->sh, GAP);
}

/* The printable review record of one special, incomplete or rejected
 * order; its sheet's name (the book's, until it closes), or NULL. */
static const char *
form(struct pl_sheet *s, const struct pl_order *o, const char *const *v)
{
	const char *name;
	struct part part, *p = &part;
	char want[64], hf[160];
	const char *num = o->f[PL_order_number] ? o->f[PL_order_number] : "?";
	int changed = changed_lines(s, o);
	size_t i, j;
	/* A4 portrait; the lines' header row repeats on each page */
	static const struct pl_book_col cols[9] = { { 19, 1 }, { 11, 1 },
		{ 16, 1 }, { 26, 1 }, { 9, 1 }, { 6, 1 }, { 10, 1 }, { 12, 1 },
		{ 10, 1 } };
	struct pl_book_page pg = { 0, 0, NULL, 0 };

	memset(p, 0, sizeof(*p));
	snprintf(want, sizeof(want), "%s %s", s->opts.lang == PL_LANG_ZH ?
	    "评审" : "RR", num);
	/* the page header names the order and its customer */
	snprintf(hf, sizeof(hf), "%s %s%s%s", L(s, T_NUMBER), num,
	    customer(o) ? " — " : "", customer(o) ? customer(o) : "");
	pg.name = hf;
	if ((p->sh = pl_book_sheet(s->book, want, &pg, cols, 9)) == NULL)
		return NULL;
	name = pl_book_sheet_name(p->sh);
	/* a record a little over a page prints on one, its sign-off table
	 * beside what is signed, not alone on a second page */
	pl_book_fit_page(p->sh, FIT_LEAST);
	put_merge(p, 0, 8, LB(s, T_TITLE, &s->tmp), s->title);
	next(p, 1);
	put_merge(p, 0, 8, o->f[PL_order_key], s->wrap);
	next(p, 1);
	pl_book_gap(p->sh, GAP);
	/* the head in two halves: who and what on the left, the terms on
	 * the right */
	form_half(s, p, 0, T_CUSTOMER, field(o, PL_order_buyer_name));
	form_half(s, p, 1, T_NUMBER, num);
	next(p, 1);
	form_half(s, p, 0, T_DATE, o->f[PL_order_issue_date]);
	{
		int one;

		form_half(s, p, 1, T_DELIVERY, delivery(s, o, &s->tmp2, &one));
	}
	next(p, 1);
	pl_buf_reset(&s->tmp2);
	if (v)
		pl_buf_addf(&s->tmp2, "%s %s", v[PL_verdict_amount] ?
		    v[PL_verdict_amount] : "", v[PL_verdict_currency] ?
		    v[PL_verdict_currency] : "");
	form_half(s, p, 0, T_AMOUNT, s->tmp2.s);
	{	/* the Incoterm and its named place: "FOB Ningbo" */
		const char *t = field(o, PL_order_incoterm);
		const char *at = field(o, PL_order_incoterm_place);

		/* a place that names the term already ("FOB Ningbo") */
		if (t && at && strncasecmp(at, t, strlen(t)) == 0 &&
		    at[strlen(t)] == ' ')
			t = NULL;
		pl_buf_reset(&s->tmp2);
		pl_buf_addf(&s->tmp2, "%s%s%s", t ? t : "", t && at ? " " : "",
		    at ? at : "");
		form_half(s, p, 1, T_TERMS, s->tmp2.s);
	}
	next(p, 1);
	pl_buf_reset(&s->tmp2);
	pl_buf_adds(&s->tmp2, verdict_label(s, v ? v[PL_verdict_verdict] : NULL,
	    &s->tmp));
	if (v && same(v[PL_verdict_verdict], "reject")) {
		pl_buf_adds(&s->tmp2, " — ");
		pl_buf_adds(&s->tmp2, LB(s, T_DECLINED, &s->tmp));
	}
	form_half(s, p, 0, T_VERDICT, s->tmp2.s);
	form_half(s, p, 1, T_PAYMENT, field(o, PL_order_payment_terms));
	next(p, 1);
	if (v && v[PL_verdict_ask_en])
		form_field(s, p, T_ASK, words(s, v[PL_verdict_ask_en],
		    &s->tmp2));
	pl_book_gap(p->sh, GAP);
	/* the lines */
	{
		static const int head[] = { T_LINE, T_SKU, T_ITEM, T_PROPS, T_QTY,
			T_UNIT, T_PRICE, T_AMOUNT, T_DELIVERY };

		/* a long order goes on over pages: the lines' header row on
		 * each (the page header names the order) */
		if (o->nline > 12)
			pl_book_repeat_here(p->sh, 1);
		for (i = 0; i < 9; i++)
			put_text(s, p, (int)i, LB(s, head[i], &s->tmp), s->head);
		next(p, 1);
	}
	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const char *cur = l->f[PL_line_currency] ?
		    l->f[PL_line_currency] : o->f[PL_order_currency];

		if (!line_to_sign(s, l, changed))
			continue;	/* a changed order: only what changed */
		put_text(s, p, 0, l->f[PL_line_id], NULL);
		put_text(s, p, 1, l->f[PL_line_seller_item], NULL);
		put_text(s, p, 2, l->f[PL_line_item_name], s->wrap);
		put_text(s, p, 3, props(o, l, &s->tmp), s->wrap);
		put_number(s, p, 4, l->f[PL_line_quantity], NULL);
		put_text(s, p, 5, l->f[PL_line_unit], NULL);
		put_number(s, p, 6, l->f[PL_line_price], money(s, cur));
		put_amount(s, p, 7, l, cur);
		put_date(s, p, 8, l->f[PL_line_delivery_to] ?
		    l->f[PL_line_delivery_to] : l->f[PL_line_delivery_from]);
		next(p, 1);
	}
	pl_book_gap(p->sh, GAP);
	form_changes(s, p, o, changed);
	form_requirements(s, p, o);
	/* the special requirements: every finding a department reviews */
	put_merge(p, 0, 8, LB(s, T_SPECIAL, &s->tmp), s->label);
	next(p, 1);
	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];

		if (!is(f, "finding") || same(f->f[PL_finding_severity], "info"))
			continue;
		pl_buf_reset(&s->tmp2);
		put_text(s, p, 0, dept_label(s, f->f[PL_finding_department] ?
		    f->f[PL_finding_department] : "", &s->tmp2), NULL);
		put_merge(p, 1, 8, message(s, f, &s->tmp), s->wrap);
		next(p, 1);
	}
	pl_book_gap(p->sh, GAP);
	form_signoff(s, p, v);
	return name;
}

static void
summary_row(struct pl_sheet *s, const struct pl_order *o, const char *const *v,
    const char *form_name)
{
	struct part *p = next_row(s, &s->summary);
	const char *cur = o->f[PL_order_currency], *d;
	int i, one;

	put_text(s, p, 0, o->f[PL_order_key], NULL);
	put_text(s, p, 1, customer(o), NULL);
	put_text(s, p, 2, o->f[PL_order_number], NULL);
	put_date(s, p, 3, o->f[PL_order_issue_date]);
	if ((d = delivery(s, o, &s->tmp, &one)) != NULL && one)
		put_date(s, p, 4, d);
	else
		put_text(s, p, 4, d, s->wrap);
	put_num(s, p, 5, (double)o->nline, s->num);
	if (v) {
		cur = v[PL_verdict_currency] ? v[PL_verdict_currency] : cur;
		put_number(s, p, 6, v[PL_verdict_amount], money(s, cur));
		put_text(s, p, 7, verdict_label(s, v[PL_verdict_verdict],
		    &s->tmp), NULL);
		put_text(s, p, 8, depts_label(s, v[PL_verdict_departments],
		    &s->tmp), s->wrap);
		put_text(s, p, 9, LB(s, same(v[PL_verdict_gm], "yes") ? T_YES :
		    T_NO, &s->tmp), NULL);
		put_text(s, p, 10, words(s, v[PL_verdict_confirm], &s->tmp),
		    s->wrap);
		for (i = 0; i < 3; i++)
			put_number(s, p, 11 + i, v[PL_verdict_info + i], NULL);
		put_text(s, p, 14, words(s, v[PL_verdict_ask_en], &s->tmp),
		    s->wrap);
	}
	put_text(s, p, 15, form_name, NULL);
	/* the order's own notes: what a regular order's customer asks too */
	pl_buf_reset(&s->tmp);
	for (i = 0; i < (int)o->nitem; i++)
		if (is(&o->item[i], "note") && !o->item[i].f[PL_note_pos] &&
		    o->item[i].f[PL_note_text])
			pl_buf_addf(&s->tmp, "%s%s", s->tmp.len ? "\n" : "",
			    o->item[i].f[PL_note_text]);
	if (cur && *cur && money(s, cur) == s->num)
		pl_buf_addf(&s->tmp, "%s%s: %s", s->tmp.len ? "\n" : "",
		    L(s, T_CURRENCY), cur);
	put_text(s, p, 16, s->tmp.s, s->wrap);
	next(p, 1);
}

/*
 * The review record of o as a workbook of its own in the forms folder:
 * "NNNNN-ORDER.xlsx", the order number cut to letters, digits, '-', '_'
 * and '.', so no name from a document can choose a path.
 */
static int
form_file(struct pl_sheet *s, const struct pl_order *o, const char *const *v)
{
	struct pl_sheet_opts fo = s->opts;
	struct pl_sheet *f;
	struct pl_err e;
	const char *num = o->f[PL_order_number] ? o->f[PL_order_number] : "";
	char safe[48], where[160], *path = NULL, *tmp = NULL;
	int rc = -1;

	pl_safe_name(num, safe, sizeof(safe));
	s->nform_files++;
	path = malloc(strlen(s->opts.forms_dir) + sizeof(safe) + 32);
	if (path == NULL)
		goto out;
	sprintf(path, "%s/%05d-%s.xlsx", s->opts.forms_dir, s->nform_files,
	    safe);
	if ((tmp = pl_book_tmpfile(path, "po-sheet", &e)) == NULL) {
		snprintf(where, sizeof(where), "a review record: %.140s", e.msg);
		ok(s, LXW_ERROR_CREATING_TMPFILE, where);
		goto out;
	}
	fo.form_only = 1;
	fo.forms_dir = NULL;
	if ((f = pl_sheet_open(tmp, &fo, &e)) != NULL) {
		form(f, o, v);
		if (pl_sheet_close(f, &e) == 0 && pl_book_commit(tmp, path, &e) ==
		    0)
			rc = 0;
	}
	if (rc < 0) {
		unlink(tmp);
		snprintf(where, sizeof(where), "review record '%s'", path);
		ok(s, LXW_ERROR_CREATING_XLSX_FILE, where);
	}
out:
	free(path);
	free(tmp);
	return rc;
}

/* Whether the workbook holds order o: every order, or those the
 * department reviews or is told of (its verdict names it, or a finding is
 * the department's), or the buyer's. */
static int
wanted(struct pl_sheet *s, const struct pl_order *o,
    const char *const *verdict)
{
	size_t j;
	int yes;

	if (s->opts.buyer) {
		pl_buf_reset(&s->tmp2);
		if (pl_order_buyer(o, &s->tmp2) < 0 ||
		    strcmp(s->tmp2.s, s->opts.buyer) != 0)
			return 0;
	}
	if (s->opts.dept == NULL)
		return 1;
	yes = verdict && (pl_signoff_dept_bits(verdict[PL_verdict_departments]) &
	    pl_signoff_dept_bit(s->opts.dept));
	for (j = 0; j < o->nitem && !yes; j++)
		yes = is(&o->item[j], "finding") &&
		    same(o->item[j].f[PL_finding_department], s->opts.dept);
	return yes;
}

int
pl_sheet_doc(struct pl_sheet *s, const struct pl_order *o,
    const char *const *verdict)
{
	const char *name = NULL;
	int needs = verdict && verdict[PL_verdict_verdict] &&
	    !same(verdict[PL_verdict_verdict], "regular");

	if (!wanted(s, o, verdict))
		return 0;
	s->orders++;
	if (needs && s->opts.forms_dir)
		form_file(s, o, verdict);
	if (needs && s->forms < s->opts.max_forms) {
		name = form(s, o, verdict);
		s->forms++;
	} else if (needs) {
		s->skipped_forms++;
		name = LB(s, T_NOTIN, &s->tmp2);
	}
	summary_row(s, o, verdict, name);
	line_rows(s, o);
	finding_rows(s, o, verdict);
	custprop_rows(s, o);
	change_rows(s, o);
	return pl_book_failed(s->book) ? -1 : 0;
}

/* Set l to sku, week and util; 0, or -1 out of memory. */
static int
load_set(struct load *l, const char *sku, const char *week, double util,
    long seq)
{
	char *a = strdup(sku), *b = strdup(week);

	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		return -1;
	}
	free(l->sku);
	free(l->week);
	l->sku = a;
	l->week = b;
	l->util = util;
	l->seq = seq;
	return 0;
}

/* Whether a is more loaded than b (the earlier in Capacity on a tie). */
static int
more_loaded(const struct load *a, const struct load *b)
{
	return a->util > b->util || (a->util == b->util && a->seq < b->seq);
}

/*
 * Keep a product-week for the chart: the most loaded one of all, and
 * those over CHART_OVER, at most CHART_MAX of them (the least loaded
 * kept gives way), so memory stays CHART_MAX entries whatever the batch.
 */
static void
chart_keep(struct pl_sheet *s, const char *sku, const char *week, double u)
{
	struct load l = { NULL, NULL, u, s->ncap++ };
	int i, least = 0;

	if (!isfinite(u) || sku == NULL || week == NULL)
		return;
	if (s->most.sku == NULL || more_loaded(&l, &s->most))
		if (load_set(&s->most, sku, week, u, l.seq) < 0)
			goto nomem;
	if (u <= CHART_OVER)
		return;
	s->nover++;
	if (s->ntop < CHART_MAX) {
		memset(&s->top[s->ntop], 0, sizeof(s->top[0]));
		if (load_set(&s->top[s->ntop], sku, week, u, l.seq) < 0)
			goto nomem;
		s->ntop++;
		return;
	}
	for (i = 1; i < s->ntop; i++)
		if (more_loaded(&s->top[least], &s->top[i]))
			least = i;
	if (more_loaded(&l, &s->top[least]) &&
	    load_set(&s->top[least], sku, week, u, l.seq) < 0)
		goto nomem;
	return;
nomem:
	ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "the capacity chart");
}

int
pl_sheet_capacity(struct pl_sheet *s, char *const *f, int nf)
{
	struct part *p;
	const char *t;
	double d, c, k, u;

	if (nf < PL_capacity_tentative)
		return 0;
	/* of the departments, Production and Purchasing plan the load */
	if (s->opts.dept && strcmp(s->opts.dept, "production") != 0 &&
	    strcmp(s->opts.dept, "purchasing") != 0)
		return 0;
	/* tentative: a stream of po-check --ledger since it was counted */
	t = nf > PL_capacity_tentative ? f[PL_capacity_tentative] : NULL;
	p = next_row(s, &s->capacity);
	put_text(s, p, 0, f[PL_capacity_sku], NULL);
	put_text(s, p, 1, f[PL_capacity_week], NULL);
	put_number(s, p, 2, f[PL_capacity_demand], s->num);
	put_number(s, p, 3, f[PL_capacity_committed], s->num);
	put_number(s, p, 4, t, s->num);
	put_number(s, p, 5, f[PL_capacity_capacity], s->num);
	d = strtod(f[PL_capacity_demand], NULL);
	c = f[PL_capacity_committed] ? strtod(f[PL_capacity_committed],
	    NULL) : 0;
	u = t ? strtod(t, NULL) : 0;
	k = strtod(f[PL_capacity_capacity], NULL);
	if (k > 0) {	/* all the load there may be */
		put_num(s, p, 6, (d + c + u) / k, s->pct);
		chart_keep(s, f[PL_capacity_sku], f[PL_capacity_week],
		    (d + c + u) / k);
	}
	next(p, 1);
	return pl_book_failed(s->book) ? -1 : 0;
}

int
pl_sheet_run(struct pl_sheet *s, char *const *f, int nf)
{
	int i;

	if (nf != PL_run__N)
		return 0;
	for (i = 0; i < nf; i++) {
		free(s->run[i]);
		s->run[i] = strdup(f[i]);
	}
	return 0;
}

static void
decorate(struct pl_sheet *s, struct part *p)
{
	lxw_conditional_format cf;
	lxw_data_validation dv;
	lxw_worksheet *ws = pl_book_ws(p->sh);
	lxw_row_t last = (lxw_row_t)(pl_book_row(p->sh) - 1);
	int i;

	if (pl_book_row(p->sh) <= 1)
		return;
	if (p->title == T_SUMMARY) {
		/* the verdict, coloured */
		static const int v[4] = { T_REGULAR, T_SPECIALV, T_INCOMPLETE,
			T_REJECTV };
		lxw_format *f[4] = { s->green, s->amber, s->red, s->red };

		for (i = 0; i < 4; i++) {
			memset(&cf, 0, sizeof(cf));
			cf.type = LXW_CONDITIONAL_TYPE_TEXT;
			cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
			cf.value_string = (char *)LB(s, v[i], &s->tmp);
			cf.format = f[i];
			ok(s, worksheet_conditional_format_range(ws, 1, 7, last,
			    7, &cf), "the verdict colours");
		}
	} else if (p->title == T_CAPACITY) {
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
		cf.value = 1;
		cf.format = s->red;
		ok(s, worksheet_conditional_format_range(ws, 1, 6, last, 6,
		    &cf), "the utilisation colours");
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN;
		cf.min_value = 0.85;
		cf.max_value = 1;
		cf.format = s->amber;
		ok(s, worksheet_conditional_format_range(ws, 1, 6, last, 6,
		    &cf), "the utilisation colours");
	} else if (p->title == T_FINDINGS) {
		/* the decision from a list, the date a date */
		char d[4][96], *list[5];

		for (i = 0; i < 4; i++) {
			snprintf(d[i], sizeof(d[i]), "%s", LB(s, T_ACCEPT + i,
			    &s->tmp));
			list[i] = d[i];
		}
		list[4] = NULL;
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = list;
		ok(s, worksheet_data_validation_range(ws, 1, 8, last, 8, &dv),
		    "the decision list");
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){ 2000, 1, 1, 0, 0, 0 };
		dv.maximum_datetime = (lxw_datetime){ 2099, 12, 31, 0, 0, 0 };
		ok(s, worksheet_data_validation_range(ws, 1, 9, last, 9, &dv),
		    "the date check");
	}
}

static lxw_format *
fmt(struct pl_sheet *s)
{
	return workbook_add_format(s->wb);
}

/* A format of text: wrapped, at the top of its cell. */
static lxw_format *
tfmt(struct pl_sheet *s)
{
	return pl_book_format(s->book);
}

struct pl_sheet *
pl_sheet_open(const char *path, const struct pl_sheet_opts *opts,
    struct pl_err *e)
{
	struct pl_book_opts bo;
	struct pl_sheet *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	s->opts = *opts;
	if (s->opts.rows_max < 10 || s->opts.rows_max > ROWS_MAX)
		s->opts.rows_max = ROWS_MAX;
	pl_buf_init(&s->tmp);
	pl_buf_init(&s->tmp2);
	memset(&bo, 0, sizeof(bo));
	bo.lang = opts->lang;
	bo.created = opts->created;
	bo.tmpdir = opts->tmpdir;
	bo.title = "Contract review / 合同评审";
	bo.name_en = labels[T_TITLE][0];
	bo.name_zh = labels[T_TITLE][1];
	if ((s->book = pl_book_open(path, &bo, e)) == NULL) {
		free(s);
		return NULL;
	}
	s->wb = pl_book_workbook(s->book);
	s->head = tfmt(s);
	format_set_bold(s->head);
	format_set_bg_color(s->head, 0xD9E1F2);
	format_set_text_wrap(s->head);
	format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
	s->text = tfmt(s);
	format_set_align(s->text, LXW_ALIGN_VERTICAL_TOP);
	s->wrap = tfmt(s);
	format_set_text_wrap(s->wrap);
	format_set_align(s->wrap, LXW_ALIGN_VERTICAL_TOP);
	s->date = fmt(s);
	format_set_num_format(s->date, "yyyy-mm-dd");
	format_set_align(s->date, LXW_ALIGN_VERTICAL_TOP);
	s->num = fmt(s);
	format_set_num_format(s->num, "#,##0.###");
	format_set_align(s->num, LXW_ALIGN_VERTICAL_TOP);
	s->numcalc = fmt(s);
	format_set_num_format(s->numcalc, "#,##0.###");
	format_set_align(s->numcalc, LXW_ALIGN_VERTICAL_TOP);
	format_set_italic(s->numcalc);
	s->pct = fmt(s);
	format_set_num_format(s->pct, "0.0%");
	format_set_align(s->pct, LXW_ALIGN_VERTICAL_TOP);
	s->title = fmt(s);
	format_set_bold(s->title);
	format_set_font_size(s->title, 14);
	s->label = tfmt(s);
	format_set_bold(s->label);
	format_set_align(s->label, LXW_ALIGN_VERTICAL_TOP);
	s->box = tfmt(s);
	format_set_border(s->box, LXW_BORDER_THIN);
	format_set_text_wrap(s->box);
	format_set_align(s->box, LXW_ALIGN_VERTICAL_TOP);
	s->red = fmt(s);
	format_set_bg_color(s->red, 0xF8CBAD);
	s->amber = fmt(s);
	format_set_bg_color(s->amber, 0xFFE699);
	s->green = fmt(s);
	format_set_bg_color(s->green, 0xC6EFCE);
	/* the identity shows nothing even where a program draws hidden
	 * columns (LibreOffice printed their wrapped text down the edge) */
	s->hide = fmt(s);
	format_set_num_format(s->hide, ";;;");
	if (!opts->form_only) {
		part_start(s, &s->summary, T_SUMMARY, 1);
		part_start(s, &s->lines, T_LINES, 1);
		part_start(s, &s->findings, T_FINDINGS, 1);
		part_start(s, &s->capacity, T_CAPACITY, 1);
		part_start(s, &s->custprop, T_CUSTPROP, 1);
		part_start(s, &s->changes, T_CHANGES, 1);
	}
	return s;
}

static void
about(struct pl_sheet *s)
{
	struct part part, *p = &part;
	char n[64];
	const char *const *r = (const char *const *)s->run;
	static const struct pl_book_col cols[2] = { { 40, 1 }, { 60, 0 } };
	struct pl_book_page pg = { 0, 0, NULL, 0 };
	static const char *const keys[][2] = {
		{ "poreview version", "poreview 版本" },
		{ "Today (the review's date)", "评审日期" },
		{ "Catalog", "产品目录" }, { "Catalog checksum", "目录校验和" },
		{ "Rules", "评审规则" }, { "Rules checksum", "规则校验和" },
		{ "Ledger", "台账" }, { "Orders", "订单数" },
		{ "Review records in this workbook", "本工作簿中的评审记录" },
		{ "Review records left out (see --max-forms)",
		    "未包含的评审记录（见 --max-forms）" },
		{ "Sheets continued for Excel's row limit",
		    "因行数上限而续接的工作表" },
	};
	const char *vals[11];
	int i;

	memset(p, 0, sizeof(*p));
	if ((p->sh = pl_book_sheet(s->book, L(s, T_ABOUT), &pg, cols, 2)) ==
	    NULL)
		return;
	vals[0] = PL_VERSION;
	vals[1] = s->run[0] ? r[PL_run_today] : NULL;
	vals[2] = s->run[0] ? r[PL_run_catalog] : NULL;
	vals[3] = s->run[0] ? r[PL_run_catalog_checksum] : NULL;
	vals[4] = s->run[0] ? r[PL_run_rules] : NULL;
	vals[5] = s->run[0] ? r[PL_run_rules_checksum] : NULL;
	vals[6] = s->run[0] && r[PL_run_ledger][0] ? r[PL_run_ledger] :
	    s->opts.lang == PL_LANG_ZH ? "未使用（未做历史核查）" :
	    "none (the history checks were skipped)";
	snprintf(n, sizeof(n), "%d", s->orders);
	vals[7] = n;
	if (s->orders == 0)
		put_merge(p, 0, 1, LB(s, s->opts.dept || s->opts.buyer ?
		    T_NOTHINGFOR : T_NOTHING, &s->tmp), s->title);
	next(p, 2);
	if (s->opts.dept || s->opts.buyer) {	/* po-sheet --per */
		put_text(s, p, 0, LB(s, T_FOR, &s->tmp), s->label);
		pl_buf_reset(&s->tmp2);
		put_text(s, p, 1, s->opts.dept ? dept_label(s, s->opts.dept,
		    &s->tmp2) : s->opts.buyer, NULL);
		next(p, 1);
	}
	for (i = 0; i < 8; i++) {
		put_text(s, p, 0, s->opts.lang == PL_LANG_ZH ? keys[i][1] :
		    keys[i][0], s->label);
		if (i == 7)
			put_num(s, p, 1, (double)s->orders, s->num);
		else
			put_text(s, p, 1, vals[i], NULL);
		next(p, 1);
	}
	put_text(s, p, 0, keys[8][s->opts.lang == PL_LANG_ZH], s->label);
	put_num(s, p, 1, (double)s->forms, s->num);
	next(p, 1);
	put_text(s, p, 0, keys[9][s->opts.lang == PL_LANG_ZH], s->label);
	put_num(s, p, 1, (double)s->skipped_forms, s->num);
	next(p, 1);
	put_text(s, p, 0, keys[10][s->opts.lang == PL_LANG_ZH], s->label);
	pl_buf_reset(&s->tmp2);
	if (s->lines.n > 1)
		pl_buf_addf(&s->tmp2, "%s: %d", L(s, T_LINES), s->lines.n);
	if (s->findings.n > 1)
		pl_buf_addf(&s->tmp2, "%s%s: %d", s->tmp2.len ? "; " : "",
		    L(s, T_FINDINGS), s->findings.n);
	put_text(s, p, 1, s->tmp2.len ? s->tmp2.s : s->opts.lang ==
	    PL_LANG_ZH ? "无" : "none", NULL);
	next(p, 1);
	put_text(s, p, 0, s->opts.lang == PL_LANG_ZH ? "斜体金额" :
	    "Amounts in italics", s->label);
	put_text(s, p, 1, s->opts.lang == PL_LANG_ZH ?
	    "计算所得：数量 × 单价 ÷ 价格基数（订单未写明行金额，如 cXML 订单）" :
	    s->opts.lang == PL_LANG_EN ? "computed: quantity × price ÷ "
	    "price basis (the order states no line amount, as a cXML order)" :
	    "computed: quantity × price ÷ price basis (the order states no "
	    "line amount, as a cXML order)\n计算所得：数量 × 单价 ÷ 价格基数"
	    "（订单未写明行金额，如 cXML 订单）", NULL);
	next(p, 1);
}

static int
cmp_load(const void *a, const void *b)
{
	const struct load *x = a, *y = b;

	return more_loaded(x, y) ? -1 : more_loaded(y, x) ? 1 : 0;
}

/* The chart's title: what it shows, and when cut, of how many. */
static const char *
chart_title(struct pl_sheet *s, struct pl_buf *b)
{
	static const char *const en = "Product-weeks loaded over 80 % of "
	    "capacity", *const zh = "负荷超过产能 80% 的产品周";
	int cut = s->nover > s->ntop, lang = s->opts.lang;

	pl_buf_reset(b);
	if (lang != PL_LANG_ZH) {
		pl_buf_adds(b, en);
		if (cut)
			pl_buf_addf(b, ": the %d most loaded of %ld", s->ntop,
			    s->nover);
	}
	if (lang == PL_LANG_BOTH)
		pl_buf_adds(b, " / ");
	if (lang != PL_LANG_EN) {
		pl_buf_adds(b, zh);
		if (cut)
			pl_buf_addf(b, "：共 %ld 个，列出负荷最高的 %d 个",
			    s->nover, s->ntop);
	}
	return b->s;
}

/*
 * The capacity chart on a sheet of its own, right after Capacity, that
 * prints on one A4 landscape page: a column per product-week over
 * CHART_OVER of its capacity (the CHART_MAX most loaded when more are;
 * Capacity keeps them all), most loaded first, labelled "SKU week", the
 * value axis in percent, the columns over 100 % red, and a line at
 * 100 %.  The chart reads its data from cells (constant-memory mode
 * keeps no data for a chart to cache), so its rows are written here, to
 * the left of it: product and week, utilisation, and a hidden column of
 * 1.0 that a trendline draws across the chart as the 100 % line
 * (libxlsxwriter 1.1.4 combines no line chart with a column chart).
 * When no product-week is over CHART_OVER, the sheet says so and names
 * the most loaded.
 */
static void
chart(struct pl_sheet *s)
{
	static const struct pl_book_col cols[2] = { { 30, 1 }, { 12, 1 } };
	struct pl_book_page pg = { 1, 0, NULL, 0 };
	struct part part, *p = &part;
	lxw_chart *c;
	lxw_chart_series *ser, *full;
	lxw_chart_font upright = { 0 }, small = { 0 };
	lxw_chart_fill red = { 0 }, blue = { 0 }, none = { 0 };
	lxw_chart_line noline = { 0 }, cap = { 0 };
	lxw_chart_point pts[CHART_MAX], *ptp[CHART_MAX + 1];
	lxw_row_col_options hidden = { 1, 0, 0 };
	lxw_chart_options at;
	const char *name;
	lxw_worksheet *ws;
	int i, n = s->ntop;

	if (s->most.sku == NULL)
		return;		/* no capacity record: nothing to chart */
	memset(p, 0, sizeof(*p));
	if ((p->sh = pl_book_sheet(s->book, L(s, T_CHART), &pg, cols, 2)) ==
	    NULL)
		return;
	pl_book_after(p->sh, s->capacity.first);
	ws = pl_book_ws(p->sh);
	name = pl_book_sheet_name(p->sh);
	worksheet_fit_to_pages(ws, 1, 1);
	ok(s, worksheet_set_column_opt(ws, 2, 2, 8, NULL, &hidden),
	    "the capacity chart");
	if (n == 0) {
		pl_buf_reset(&s->tmp2);
		if (s->opts.lang != PL_LANG_ZH)
			pl_buf_addf(&s->tmp2, "No product is loaded over 80 %% "
			    "of its capacity in any week; the most loaded: "
			    "%s %s, %.1f %%.", s->most.sku, s->most.week,
			    100 * s->most.util);
		if (s->opts.lang == PL_LANG_BOTH)
			pl_buf_addc(&s->tmp2, '\n');
		if (s->opts.lang != PL_LANG_EN)
			pl_buf_addf(&s->tmp2, "没有任何产品在任何一周的负荷超过"
			    "产能的 80%%；负荷最高的是 %s %s，%.1f%%。",
			    s->most.sku, s->most.week, 100 * s->most.util);
		put_merge(p, 0, 1, s->tmp2.s, s->wrap);
		next(p, 1);
		return;
	}
	qsort(s->top, (size_t)n, sizeof(s->top[0]), cmp_load);
	put_text(s, p, 0, LB(s, T_PRODWEEK, &s->tmp), s->head);
	put_text(s, p, 1, LB(s, T_UTIL, &s->tmp), s->head);
	ok(s, worksheet_write_string(ws, 0, 2, L(s, T_FULL), s->head),
	    "the capacity chart");
	next(p, 1);
	for (i = 0; i < n; i++) {
		pl_buf_reset(&s->tmp2);
		pl_buf_addf(&s->tmp2, "%s %s", s->top[i].sku, s->top[i].week);
		put_text(s, p, 0, s->tmp2.s, NULL);
		put_num(s, p, 1, s->top[i].util, s->pct);
		ok(s, worksheet_write_number(ws, (lxw_row_t)(i + 1), 2, 1.0,
		    s->pct), "the capacity chart");
		next(p, 1);
	}
	if ((c = workbook_add_chart(s->wb, LXW_CHART_COLUMN)) == NULL) {
		ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "the capacity chart");
		return;
	}
	blue.color = 0x4472C4;
	red.color = 0xC00000;
	for (i = 0; i < n; i++) {	/* over capacity: red */
		memset(&pts[i], 0, sizeof(pts[i]));
		pts[i].fill = s->top[i].util > 1 ? &red : &blue;
		ptp[i] = &pts[i];
	}
	ptp[n] = NULL;
	ser = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(ser, name, 1, 0, (lxw_row_t)n, 0);
	chart_series_set_values(ser, name, 1, 1, (lxw_row_t)n, 1);
	chart_series_set_name(ser, LB(s, T_UTIL, &s->tmp));
	chart_series_set_fill(ser, &blue);
	ok(s, chart_series_set_points(ser, ptp), "the capacity chart");
	/* the 100 % line: an unseen series of 1.0 and its trendline, drawn
	 * half a column beyond the first and last */
	full = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(full, name, 1, 0, (lxw_row_t)n, 0);
	chart_series_set_values(full, name, 1, 2, (lxw_row_t)n, 2);
	chart_series_set_name(full, L(s, T_FULL));
	none.none = 1;
	noline.none = 1;
	chart_series_set_fill(full, &none);
	chart_series_set_line(full, &noline);
	chart_series_set_trendline(full, LXW_CHART_TRENDLINE_TYPE_LINEAR, 0);
	chart_series_set_trendline_forecast(full, 0.5, 0.5);
	chart_series_set_trendline_name(full, LB(s, T_FULL, &s->tmp));
	cap.color = 0xC00000;
	cap.width = 2;
	cap.dash_type = LXW_CHART_LINE_DASH_DASH;
	chart_series_set_trendline_line(full, &cap);
	chart_set_series_overlap(c, 100);
	chart_show_hidden_data(c);
	chart_title_set_name(c, chart_title(s, &s->tmp));
	small.size = 12;
	small.bold = 1;
	chart_title_set_name_font(c, &small);
	/* no legend: LibreOffice can show a trendline's entry only with its
	 * unseen series' empty one; the value axis says what the line is */
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_format(c->y_axis, "0%");
	chart_axis_set_min(c->y_axis, 0);
	chart_axis_set_name(c->y_axis, LB(s, T_UTILAXIS, &s->tmp));
	chart_axis_set_name(c->x_axis, LB(s, T_AXISWEEK, &s->tmp));
	/* every label under its column, upright, so none prints over
	 * another */
	upright.rotation = -90;
	upright.size = 9;
	chart_axis_set_num_font(c->x_axis, &upright);
	chart_axis_set_interval_unit(c->x_axis, 1);
	/* beside the table, as tall as the page: about 730 by 600 pixels */
	memset(&at, 0, sizeof(at));
	at.x_offset = 12;
	at.x_scale = 730.0 / 480;
	at.y_scale = 600.0 / 288;
	at.object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE;
	ok(s, worksheet_insert_chart_opt(ws, 0, 3, c, &at),
	    "the capacity chart");
}

int
pl_sheet_warning(const struct pl_sheet *s, struct pl_err *w)
{
	return pl_book_warning(s->book, w);
}

int
pl_sheet_close(struct pl_sheet *s, struct pl_err *e)
{
	int i, status = 0;

	if (!s->opts.form_only) {
		part_end(s, &s->summary);
		part_end(s, &s->lines);
		part_end(s, &s->findings);
		part_end(s, &s->capacity);
		part_end(s, &s->custprop);
		part_end(s, &s->changes);
		chart(s);
		about(s);
	}
	status = pl_book_close(s->book, e) < 0 ? -1 : 0;
	for (i = 0; i < PL_run__N; i++)
		free(s->run[i]);
	pl_buf_release(&s->tmp);
	pl_buf_release(&s->tmp2);
	free(s->moved);
	free(s->lfirst);
	free(s->lnext);
	for (i = 0; i < s->ntop; i++) {
		free(s->top[i].sku);
		free(s->top[i].week);
	}
	free(s->most.sku);
	free(s->most.week);
	free(s);
	return status;
}

