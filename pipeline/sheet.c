#include "sheet.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zlib.h>

#include "buf.h"
#include "date.h"
#include "rec.h"

#define ROWS_MAX 1048576	/* Excel's rows per sheet */
#define NCOL 20

/* The labels, in English and Chinese. */
enum {
	T_SUMMARY, T_LINES, T_FINDINGS, T_CAPACITY, T_ABOUT,
	T_KEY, T_CUSTOMER, T_NUMBER, T_DATE, T_DELIVERY, T_NLINES, T_AMOUNT,
	T_CURRENCY, T_VERDICT, T_DEPTS, T_GM, T_CONFIRM, T_INFO, T_REVIEW,
	T_REJECT, T_ASK, T_FORM, T_LINE, T_SKU, T_ITEM, T_PROPS, T_QTY, T_UNIT,
	T_PRICE, T_STATUS, T_CODES, T_DEPT, T_SEVERITY, T_CODE, T_MESSAGE,
	T_REVIEWER, T_DECISION, T_SIGNDATE, T_COMMENT, T_PRODUCT, T_WEEK,
	T_DEMAND, T_COMMITTED, T_CAP, T_UTIL, T_TITLE, T_TERMS, T_PAYMENT,
	T_SPECIAL, T_OPINION, T_SIGNATURE, T_GMBOX, T_NOTHING, T_YES, T_NO,
	T_ACCEPT, T_ACCEPTC, T_DECLINE, T_ASKC, T_NOTIN, T_REGULAR,
	T_SPECIALV, T_INCOMPLETE, T_REJECTV, T_DECLINED, T_OK,
	T_CUSTPROP, T_KIND, T_DESC, T_SOURCE,
	T_CHANGES, T_FIELD, T_BEFORE, T_AFTER,
	T__N
};

static const char *const labels[T__N][2] = {
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
	{ "Findings", "评审事项" }, { "Department", "部门" },
	{ "Severity", "级别" }, { "Code", "代码" }, { "Message", "内容" },
	{ "Reviewer", "评审人" }, { "Decision", "决定" },
	{ "Date", "日期" }, { "Comment", "意见" }, { "Product", "产品" },
	{ "ISO week", "周" }, { "Demand", "需求" },
	{ "Committed", "已承诺" }, { "Capacity per week", "周产能" },
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
};

static const char *const dept_names[][3] = {
	{ "sales", "Sales", "销售部" }, { "purchasing", "Purchasing", "采购部" },
	{ "production", "Production", "生产部" }, { "rd", "R&D", "研发部" },
	{ "quality", "Quality", "质量部" }, { "gm", "General manager", "总经理" },
};

struct pl_sheet_names {
	struct pl_sheet_names *next;
	char name[32];
};

struct part {			/* a sheet that may go on in "X (2)" */
	lxw_worksheet *ws;
	int title;		/* T_* */
	int n;			/* which part this is: 1, 2, ... */
	int row;		/* next row */
	int ncol;
	double width[NCOL];
};

struct money {
	char currency[4];
	lxw_format *fmt;
};

struct pl_sheet {
	lxw_workbook *wb;
	struct pl_sheet_opts opts;
	long nonnumbers;	/* numbers no cell can hold, written as text */
	char nonnumber[64];	/* the first of them */
	struct part summary, lines, findings, capacity, custprop;
	struct part changes;	/* before and after of changed orders */
	lxw_worksheet *about;
	lxw_format *head, *text, *wrap, *date, *num, *pct, *title, *box,
	    *label, *red, *amber, *green;
	struct money money[24];
	int nmoney;
	struct pl_sheet_names *names;
	int forms, orders, skipped_forms, nform_files;
	char *run[PL_run__N];
	lxw_error err;		/* the first error of the library */
	char where[128];	/* what was being written then */
	struct pl_buf tmp, tmp2;
	const char **moved;	/* changed_lines(): the changed lines' pos */
	size_t nmoved, capmoved;
};

static const char *
L(const struct pl_sheet *s, int t)
{
	return labels[t][s->opts.lang == PL_LANG_ZH];
}

/* A label in the chosen language; for both: "English / 中文". */
static const char *
LB(struct pl_sheet *s, int t, struct pl_buf *b)
{
	if (s->opts.lang != PL_LANG_BOTH)
		return L(s, t);
	pl_buf_reset(b);
	pl_buf_addf(b, "%s / %s", labels[t][0], labels[t][1]);
	return b->s;
}

static int
ok(struct pl_sheet *s, lxw_error rc, const char *where)
{
	if (rc != LXW_NO_ERROR && s->err == LXW_NO_ERROR) {
		s->err = rc;
		snprintf(s->where, sizeof(s->where), "%s", where);
	}
	return rc == LXW_NO_ERROR ? 0 : -1;
}

/* The width a text takes: a CJK character counts two. */
static double
text_width(const char *t)
{
	double w = 0, line = 0;
	const unsigned char *p = (const unsigned char *)t;

	for (; *p; p++) {
		if (*p == '\n') {
			if (line > w)
				w = line;
			line = 0;
		} else if (*p < 0x80) {
			line += 1;
		} else if ((*p & 0xc0) != 0x80) {
			line += *p >= 0xe3 ? 2 : 1;	/* U+3000 and up */
		}
	}
	return line > w ? line : w;
}

static void
widen(struct part *p, int col, double w)
{
	if (col < NCOL && w > p->width[col])
		p->width[col] = w;
}

/* Text from a document: always a string cell, never a formula. */
static void
put_text(struct pl_sheet *s, struct part *p, int col, const char *t,
    lxw_format *f)
{
	if (t == NULL || *t == '\0')
		return;
	ok(s, worksheet_write_string(p->ws, (lxw_row_t)p->row, (lxw_col_t)col,
	    t, f), "a text cell");	/* no format: fewer bytes a cell */
	widen(p, col, text_width(t));
}

static void
put_num(struct pl_sheet *s, struct part *p, int col, double v, lxw_format *f)
{
	char tmp[32];

	/* Excel holds finite numbers up to 9.99999999999999E+307; INF or
	 * NAN in a cell makes a file Excel calls corrupt */
	if (!isfinite(v) || fabs(v) > 9.99999999999999e307) {
		snprintf(tmp, sizeof(tmp), "%g", v);
		if (s->nonnumbers++ == 0)
			snprintf(s->nonnumber, sizeof(s->nonnumber), "%s", tmp);
		put_text(s, p, col, tmp, NULL);
		return;
	}
	ok(s, worksheet_write_number(p->ws, (lxw_row_t)p->row, (lxw_col_t)col,
	    v, f ? f : s->num), "a number cell");
	snprintf(tmp, sizeof(tmp), "%.2f", v);
	widen(p, col, text_width(tmp) + 2);
}

/* A number as the stream states it; text when it is not one. */
static void
put_number(struct pl_sheet *s, struct part *p, int col, const char *t,
    lxw_format *f)
{
	char *end;
	double v;

	if (t == NULL || *t == '\0')
		return;
	v = strtod(t, &end);
	if (*end == '\0' && end != t && isfinite(v) &&
	    fabs(v) <= 9.99999999999999e307)
		put_num(s, p, col, v, f);
	else {
		if (*end == '\0' && end != t && s->nonnumbers++ == 0)
			snprintf(s->nonnumber, sizeof(s->nonnumber), "%s", t);
		put_text(s, p, col, t, NULL);
	}
}

/* A date as a date cell; text when it is not YYYY-MM-DD. */
static void
put_date(struct pl_sheet *s, struct part *p, int col, const char *t)
{
	lxw_datetime dt = { 0, 0, 0, 0, 0, 0 };
	int d;
	char buf[11];

	if (t == NULL || *t == '\0')
		return;
	if (pl_date_parse(t, &d) < 0) {
		put_text(s, p, col, t, NULL);
		return;
	}
	pl_date_format(d, buf);
	dt.year = atoi(buf);
	dt.month = atoi(buf + 5);
	dt.day = atoi(buf + 8);
	ok(s, worksheet_write_datetime(p->ws, (lxw_row_t)p->row,
	    (lxw_col_t)col, &dt, s->date), "a date cell");
	widen(p, col, 11);
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
	snprintf(s->money[s->nmoney].currency, 4, "%s", cur);
	return s->money[s->nmoney++].fmt;
}

void
pl_sheet_name(struct pl_sheet_names **seen, const char *name, char *buf)
{
	struct pl_sheet_names *n;
	char base[32];
	size_t len = 0, i;
	int k;

	/* drop what Excel forbids, keep whole UTF-8 characters, 31 bytes */
	for (i = 0; name[i] && len < 31; i++) {
		unsigned char c = (unsigned char)name[i];
		size_t clen = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (strchr("[]:*?/\\'", c) || c < 0x20)
			continue;
		if (len + clen > 31)
			break;
		memcpy(base + len, name + i, clen);
		len += clen;
		i += clen - 1;
	}
	base[len] = '\0';
	if (len == 0 || strcasecmp(base, "History") == 0)
		snprintf(base, sizeof(base), "Sheet");
	snprintf(buf, 32, "%s", base);
	for (k = 2;; k++) {
		for (n = *seen; n; n = n->next)
			if (strcasecmp(n->name, buf) == 0)
				break;
		if (n == NULL)
			break;
		/* "NAME (k)", cutting NAME on a character boundary */
		char suffix[16];
		size_t keep = strlen(base);

		snprintf(suffix, sizeof(suffix), " (%d)", k);
		while (keep + strlen(suffix) > 31) {
			keep--;
			while (keep > 0 && ((unsigned char)base[keep] & 0xc0) ==
			    0x80)
				keep--;
		}
		snprintf(buf, 32, "%.*s%s", (int)keep, base, suffix);
	}
	if ((n = calloc(1, sizeof(*n))) != NULL) {
		snprintf(n->name, sizeof(n->name), "%s", buf);
		n->next = *seen;
		*seen = n;
	}
}

void
pl_sheet_names_free(struct pl_sheet_names *seen)
{
	struct pl_sheet_names *n;

	while ((n = seen) != NULL) {
		seen = n->next;
		free(n);
	}
}

static const int summary_cols[] = { T_KEY, T_CUSTOMER, T_NUMBER, T_DATE,
	T_DELIVERY, T_NLINES, T_AMOUNT, T_CURRENCY, T_VERDICT, T_DEPTS, T_GM,
	T_CONFIRM, T_INFO, T_REVIEW, T_REJECT, T_ASK, T_FORM, -1 };
static const int lines_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_SKU,
	T_ITEM, T_PROPS, T_QTY, T_UNIT, T_PRICE, T_AMOUNT, T_CURRENCY,
	T_DELIVERY, T_STATUS, T_CODES, -1 };
static const int findings_cols[] = { T_NUMBER, T_CUSTOMER, T_LINE, T_DEPT,
	T_SEVERITY, T_CODE, T_MESSAGE, T_REVIEWER, T_DECISION, T_SIGNDATE,
	T_COMMENT, -1 };
static const int capacity_cols[] = { T_PRODUCT, T_WEEK, T_DEMAND,
	T_COMMITTED, T_CAP, T_UTIL, -1 };
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

/* Start part n of a sheet: its name, header row, frozen header. */
static int
part_start(struct pl_sheet *s, struct part *p, int title, int n)
{
	const int *cols = cols_of(title);
	char name[32], want[64];
	int i;

	memset(p, 0, sizeof(*p));
	p->title = title;
	p->n = n;
	if (n == 1)
		snprintf(want, sizeof(want), "%s", L(s, title));
	else
		snprintf(want, sizeof(want), "%s (%d)", L(s, title), n);
	pl_sheet_name(&s->names, want, name);
	if ((p->ws = workbook_add_worksheet(s->wb, name)) == NULL)
		return ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "a new sheet");
	for (i = 0; cols[i] >= 0; i++) {
		put_text(s, p, i, LB(s, cols[i], &s->tmp), s->head);
		widen(p, i, 6);
	}
	p->ncol = i;
	worksheet_freeze_panes(p->ws, 1, 0);
	p->row = 1;
	return 0;
}

static void decorate(struct pl_sheet *s, struct part *p);

/* Finish a part: column widths, autofilter, conditional formats. */
static void
part_end(struct pl_sheet *s, struct part *p)
{
	int i;

	if (p->ws == NULL)
		return;
	decorate(s, p);
	for (i = 0; i < p->ncol; i++)
		ok(s, worksheet_set_column(p->ws, (lxw_col_t)i, (lxw_col_t)i,
		    p->width[i] > 60 ? 60 : p->width[i] + 2, NULL),
		    "a column width");
	if (p->row > 1)
		ok(s, worksheet_autofilter(p->ws, 0, 0, (lxw_row_t)(p->row - 1),
		    (lxw_col_t)(p->ncol - 1)), "the autofilter");
}

/* The next row of a sheet, going on in "NAME (2)" when one is full. */
static struct part *
next_row(struct pl_sheet *s, struct part *p)
{
	if (p->row >= s->opts.rows_max) {
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

/* "sales,rd,gm" in the chosen language, one to a line. */
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
		pl_buf_addf(b, "%s%s", b->len ? "\n" : "", dept_label(s, d,
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

/* The customer as the sheets name it: the buyer's name, else its id. */
static const char *
customer(const struct pl_order *o)
{
	return o->f[PL_order_buyer_name] ? o->f[PL_order_buyer_name] :
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

static void
line_rows(struct pl_sheet *s, const struct pl_order *o)
{
	const char *num = o->f[PL_order_number];
	const char *cust = customer(o);
	size_t i, j;

	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const char *pos = l->f[PL_line_pos];
		const char *cur = l->f[PL_line_currency] ?
		    l->f[PL_line_currency] : o->f[PL_order_currency];
		struct part *p = next_row(s, &s->lines);
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
		put_number(s, p, 9, l->f[PL_line_amount], money(s, cur));
		put_text(s, p, 10, cur, NULL);
		put_date(s, p, 11, l->f[PL_line_delivery_to] ?
		    l->f[PL_line_delivery_to] : l->f[PL_line_delivery_from] ?
		    l->f[PL_line_delivery_from] : o->f[PL_order_delivery_to]);
		/* findings about this line: its status and their codes */
		pl_buf_reset(&s->tmp2);
		for (j = 0; j < o->nitem; j++) {
			const struct pl_order_item *f = &o->item[j];
			int sev;

			if (!is(f, "finding") || !same(f->f[PL_finding_pos], pos))
				continue;
			sev = same(f->f[PL_finding_severity], "reject") ? 2 :
			    same(f->f[PL_finding_severity], "review") ? 1 : 0;
			if (sev > worst)
				worst = sev;
			pl_buf_addf(&s->tmp2, "%s%s", s->tmp2.len ? ", " : "",
			    f->f[PL_finding_code] ? f->f[PL_finding_code] : "");
		}
		put_text(s, p, 12, LB(s, worst == 2 ? T_REJECT : worst == 1 ?
		    T_REVIEW : worst == 0 ? T_INFO : T_OK, &s->tmp), NULL);
		put_text(s, p, 13, s->tmp2.s, NULL);
		p->row++;
	}
}

static void
finding_rows(struct pl_sheet *s, const struct pl_order *o)
{
	const char *cust = customer(o);
	size_t j;

	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];
		struct part *p;
		const char *pos;

		if (!is(f, "finding"))
			continue;
		p = next_row(s, &s->findings);
		pos = f->f[PL_finding_pos];
		put_text(s, p, 0, o->f[PL_order_number], NULL);
		put_text(s, p, 1, cust, NULL);
		if (pos) {
			size_t k = (size_t)atoi(pos);

			put_text(s, p, 2, k >= 1 && k <= o->nline &&
			    o->line[k - 1].f[PL_line_id] ?
			    o->line[k - 1].f[PL_line_id] : pos, NULL);
		}
		pl_buf_reset(&s->tmp2);
		put_text(s, p, 3, dept_label(s, f->f[PL_finding_department] ?
		    f->f[PL_finding_department] : "", &s->tmp2), NULL);
		put_text(s, p, 4, LB(s, same(f->f[PL_finding_severity], "reject")
		    ? T_REJECT : same(f->f[PL_finding_severity], "review") ?
		    T_REVIEW : T_INFO, &s->tmp), NULL);
		put_text(s, p, 5, f->f[PL_finding_code], NULL);
		put_text(s, p, 6, message(s, f, &s->tmp), s->wrap);
		p->width[6] = p->width[6] > 80 ? 80 : p->width[6];
		p->row++;
	}
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
		put_text(s, p, 3, f->f[PL_custprop_type], NULL);
		put_text(s, p, 4, f->f[PL_custprop_description], s->wrap);
		put_number(s, p, 5, f->f[PL_custprop_quantity], s->num);
		put_text(s, p, 6, f->f[PL_custprop_unit], NULL);
		put_text(s, p, 7, f->f[PL_custprop_source], NULL);
		p->row++;
	}
}

/* Write a row of the review record: a label and a value over the row. */
static void
form_field(struct pl_sheet *s, struct part *p, int t, const char *v)
{
	put_text(s, p, 0, LB(s, t, &s->tmp), s->label);
	if (v && *v)
		ok(s, worksheet_merge_range(p->ws, (lxw_row_t)p->row, 1,
		    (lxw_row_t)p->row, 8, v, s->wrap), "a review record field");
	p->row++;
}

/* A box of three rows to write in, merged over the columns. */
static void
form_box(struct pl_sheet *s, struct part *p, const char *title)
{
	put_text(s, p, 0, title, s->label);
	p->row++;
	ok(s, worksheet_merge_range(p->ws, (lxw_row_t)p->row, 0,
	    (lxw_row_t)(p->row + 2), 8, "", s->box), "a signature box");
	p->row += 3;
	pl_buf_reset(&s->tmp2);
	pl_buf_addf(&s->tmp2, "%s:", LB(s, T_SIGNATURE, &s->tmp));
	put_text(s, p, 0, s->tmp2.s, NULL);
	pl_buf_reset(&s->tmp2);
	pl_buf_addf(&s->tmp2, "%s:", LB(s, T_SIGNDATE, &s->tmp));
	put_text(s, p, 5, s->tmp2.s, NULL);
	p->row += 2;
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
		put_text(s, p, 3, f->f[PL_change_field], NULL);
		put_text(s, p, 4, f->f[PL_change_before], s->wrap);
		put_text(s, p, 5, f->f[PL_change_after], s->wrap);
		put_text(s, p, 6, depts_label(s, f->f[PL_change_departments],
		    &s->tmp), s->wrap);
		p->row++;
	}
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
	put_text(s, p, 0, LB(s, T_CHANGES, &s->tmp), s->label);
	p->row++;
	for (i = 0; i < 4; i++)
		put_text(s, p, at[i], LB(s, cols[i], &s->tmp), s->head);
	p->row++;
	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];

		if (!is(f, "change"))
			continue;
		put_text(s, p, 0, f->f[PL_change_line], NULL);
		put_text(s, p, 1, f->f[PL_change_field], NULL);
		/* before over columns C to E, after over F to H */
		ok(s, worksheet_merge_range(p->ws, (lxw_row_t)p->row, 2,
		    (lxw_row_t)p->row, 4, f->f[PL_change_before] ?
		    f->f[PL_change_before] : "", s->wrap), "a change");
		ok(s, worksheet_merge_range(p->ws, (lxw_row_t)p->row, 5,
		    (lxw_row_t)p->row, 7, f->f[PL_change_after] ?
		    f->f[PL_change_after] : "", s->wrap), "a change");
		p->row++;
	}
	p->row++;
}

/* The printable review record of one special, incomplete or rejected
 * order. */
static const char *
form(struct pl_sheet *s, const struct pl_order *o, const char *const *v)
{
	static char name[32];
	struct part part, *p = &part;
	char want[64], hf[160], esc[80];
	const char *num = o->f[PL_order_number] ? o->f[PL_order_number] : "?";
	int changed = changed_lines(s, o);
	size_t i, j, k;
	lxw_header_footer_options none = { 0 };

	memset(p, 0, sizeof(*p));
	snprintf(want, sizeof(want), "%s %s", s->opts.lang == PL_LANG_ZH ?
	    "评审" : "RR", num);
	pl_sheet_name(&s->names, want, name);
	if ((p->ws = workbook_add_worksheet(s->wb, name)) == NULL) {
		ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "a review record");
		return NULL;
	}
	worksheet_set_paper(p->ws, 9);			/* A4 */
	worksheet_fit_to_pages(p->ws, 1, 0);		/* one page wide */
	worksheet_repeat_rows(p->ws, 0, 1);
	/* '&' is a code in headers and footers: write "&&" for one */
	for (i = 0, k = 0; num[i] && k < sizeof(esc) - 3; i++) {
		if (num[i] == '&')
			esc[k++] = '&';
		esc[k++] = num[i];
	}
	esc[k] = '\0';
	snprintf(hf, sizeof(hf), "&L%s&R%s", labels[T_TITLE][0], esc);
	ok(s, worksheet_set_header_opt(p->ws, hf, &none), "the header");
	snprintf(hf, sizeof(hf), "&L%s&RPage &P / &N", esc);
	ok(s, worksheet_set_footer_opt(p->ws, hf, &none), "the footer");
	worksheet_set_column(p->ws, 0, 0, 22, NULL);
	worksheet_set_column(p->ws, 1, 8, 14, NULL);
	put_text(s, p, 0, LB(s, T_TITLE, &s->tmp), s->title);
	p->row++;
	put_text(s, p, 0, o->f[PL_order_key], NULL);
	p->row += 2;
	form_field(s, p, T_CUSTOMER, o->f[PL_order_buyer_name]);
	form_field(s, p, T_NUMBER, num);
	form_field(s, p, T_DATE, o->f[PL_order_issue_date]);
	form_field(s, p, T_DELIVERY, o->f[PL_order_delivery_to] ?
	    o->f[PL_order_delivery_to] : o->f[PL_order_delivery_from]);
	form_field(s, p, T_TERMS, o->f[PL_order_incoterm]);
	form_field(s, p, T_PAYMENT, o->f[PL_order_payment_terms]);
	pl_buf_reset(&s->tmp2);
	if (v)
		pl_buf_addf(&s->tmp2, "%s %s", v[PL_verdict_amount] ?
		    v[PL_verdict_amount] : "", v[PL_verdict_currency] ?
		    v[PL_verdict_currency] : "");
	form_field(s, p, T_AMOUNT, s->tmp2.s);
	pl_buf_reset(&s->tmp2);
	pl_buf_adds(&s->tmp2, verdict_label(s, v ? v[PL_verdict_verdict] : NULL,
	    &s->tmp));
	if (v && same(v[PL_verdict_verdict], "reject")) {
		pl_buf_adds(&s->tmp2, " — ");
		pl_buf_adds(&s->tmp2, LB(s, T_DECLINED, &s->tmp));
	}
	form_field(s, p, T_VERDICT, s->tmp2.s);
	if (v && v[PL_verdict_ask_en])
		form_field(s, p, T_ASK, s->opts.lang == PL_LANG_ZH &&
		    v[PL_verdict_ask_zh] ? v[PL_verdict_ask_zh] :
		    v[PL_verdict_ask_en]);
	p->row++;
	/* the lines */
	{
		static const int cols[] = { T_LINE, T_SKU, T_ITEM, T_PROPS, T_QTY,
			T_UNIT, T_PRICE, T_AMOUNT, T_DELIVERY };

		for (i = 0; i < 9; i++)
			put_text(s, p, (int)i, LB(s, cols[i], &s->tmp), s->head);
		p->row++;
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
		put_number(s, p, 7, l->f[PL_line_amount], money(s, cur));
		put_date(s, p, 8, l->f[PL_line_delivery_to] ?
		    l->f[PL_line_delivery_to] : l->f[PL_line_delivery_from]);
		p->row++;
	}
	p->row++;
	form_changes(s, p, o, changed);
	/* the special requirements: every finding a department reviews */
	put_text(s, p, 0, LB(s, T_SPECIAL, &s->tmp), s->label);
	p->row++;
	for (j = 0; j < o->nitem; j++) {
		const struct pl_order_item *f = &o->item[j];

		if (!is(f, "finding") || same(f->f[PL_finding_severity], "info"))
			continue;
		pl_buf_reset(&s->tmp2);
		put_text(s, p, 0, dept_label(s, f->f[PL_finding_department] ?
		    f->f[PL_finding_department] : "", &s->tmp2), NULL);
		ok(s, worksheet_merge_range(p->ws, (lxw_row_t)p->row, 1,
		    (lxw_row_t)p->row, 8, message(s, f, &s->tmp), s->wrap),
		    "a special requirement");
		p->row++;
	}
	p->row++;
	/* one box per department that must review, then the decision */
	if (v && v[PL_verdict_departments]) {
		const char *d = v[PL_verdict_departments];

		while (*d) {
			size_t n = strcspn(d, ",");
			char dep[32];

			snprintf(dep, sizeof(dep), "%.*s", (int)n, d);
			d += n + (d[n] == ',');
			if (strcmp(dep, "gm") == 0)
				continue;	/* the last box is the GM's */
			pl_buf_reset(&s->tmp2);
			pl_buf_addf(&s->tmp2, "%s", dept_label(s, dep, &s->tmp));
			pl_buf_addf(&s->tmp2, " — %s", LB(s, T_OPINION, &s->tmp));
			form_box(s, p, s->tmp2.s);
		}
	}
	pl_buf_reset(&s->tmp2);
	pl_buf_addf(&s->tmp2, "%s: ", LB(s, T_DECISION, &s->tmp));
	for (k = T_ACCEPT; k <= T_ASKC; k++)
		pl_buf_addf(&s->tmp2, "☐ %s   ", LB(s, (int)k, &s->tmp));
	put_text(s, p, 0, s->tmp2.s, NULL);
	p->row += 2;
	form_box(s, p, LB(s, T_GMBOX, &s->tmp));
	return name;
}

static void
summary_row(struct pl_sheet *s, const struct pl_order *o, const char *const *v,
    const char *form_name)
{
	struct part *p = next_row(s, &s->summary);
	const char *cur = o->f[PL_order_currency];
	int i;

	put_text(s, p, 0, o->f[PL_order_key], NULL);
	put_text(s, p, 1, customer(o), NULL);
	put_text(s, p, 2, o->f[PL_order_number], NULL);
	put_date(s, p, 3, o->f[PL_order_issue_date]);
	put_date(s, p, 4, o->f[PL_order_delivery_to] ?
	    o->f[PL_order_delivery_to] : o->f[PL_order_delivery_from]);
	put_num(s, p, 5, (double)o->nline, s->num);
	if (v) {
		cur = v[PL_verdict_currency] ? v[PL_verdict_currency] : cur;
		put_number(s, p, 6, v[PL_verdict_amount], money(s, cur));
		put_text(s, p, 7, cur, NULL);
		put_text(s, p, 8, verdict_label(s, v[PL_verdict_verdict],
		    &s->tmp), NULL);
		put_text(s, p, 9, depts_label(s, v[PL_verdict_departments],
		    &s->tmp), s->wrap);
		put_text(s, p, 10, LB(s, same(v[PL_verdict_gm], "yes") ? T_YES :
		    T_NO, &s->tmp), NULL);
		put_text(s, p, 11, v[PL_verdict_confirm], NULL);
		for (i = 0; i < 3; i++)
			put_number(s, p, 12 + i, v[PL_verdict_info + i], NULL);
		put_text(s, p, 15, s->opts.lang == PL_LANG_ZH &&
		    v[PL_verdict_ask_zh] ? v[PL_verdict_ask_zh] :
		    v[PL_verdict_ask_en], NULL);
	}
	put_text(s, p, 16, form_name, NULL);
	p->row++;
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
	char safe[48], *path = NULL, *tmp = NULL;
	size_t i, k = 0;
	int fd, rc = -1;

	for (i = 0; num[i] && k < sizeof(safe) - 1; i++) {
		char c = num[i];

		int keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && k > 0);

		safe[k++] = keep ? c : '_';
	}
	safe[k] = '\0';
	s->nform_files++;
	path = malloc(strlen(s->opts.forms_dir) + sizeof(safe) + 32);
	tmp = malloc(strlen(s->opts.forms_dir) + 32);
	if (path == NULL || tmp == NULL)
		goto out;
	sprintf(path, "%s/%05d-%s.xlsx", s->opts.forms_dir, s->nform_files,
	    safe);
	sprintf(tmp, "%s/.po-sheet.XXXXXX", s->opts.forms_dir);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(s->where, sizeof(s->where), "a review record in '%s': "
		    "%s", s->opts.forms_dir, strerror(errno));
		s->err = LXW_ERROR_CREATING_TMPFILE;
		goto out;
	}
	close(fd);
	fo.form_only = 1;
	fo.forms_dir = NULL;
	if ((f = pl_sheet_open(tmp, &fo, &e)) != NULL) {
		form(f, o, v);
		if (pl_sheet_close(f, &e) == 0 && pl_sheet_verify(tmp, &e) == 0 &&
		    rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc < 0) {
		unlink(tmp);
		if (s->err == LXW_NO_ERROR) {
			s->err = LXW_ERROR_CREATING_XLSX_FILE;
			snprintf(s->where, sizeof(s->where), "review record '%s'",
			    path);
		}
	}
out:
	free(path);
	free(tmp);
	return rc;
}

int
pl_sheet_doc(struct pl_sheet *s, const struct pl_order *o,
    const char *const *verdict)
{
	const char *name = NULL;
	int needs = verdict && verdict[PL_verdict_verdict] &&
	    !same(verdict[PL_verdict_verdict], "regular");

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
	finding_rows(s, o);
	custprop_rows(s, o);
	change_rows(s, o);
	return s->err == LXW_NO_ERROR ? 0 : -1;
}

int
pl_sheet_capacity(struct pl_sheet *s, char *const *f, int nf)
{
	struct part *p;
	double d, c, k;

	if (nf != PL_capacity__N)
		return 0;
	p = next_row(s, &s->capacity);
	put_text(s, p, 0, f[PL_capacity_sku], NULL);
	put_text(s, p, 1, f[PL_capacity_week], NULL);
	put_number(s, p, 2, f[PL_capacity_demand], s->num);
	put_number(s, p, 3, f[PL_capacity_committed], s->num);
	put_number(s, p, 4, f[PL_capacity_capacity], s->num);
	d = strtod(f[PL_capacity_demand], NULL);
	c = strtod(f[PL_capacity_committed], NULL);
	k = strtod(f[PL_capacity_capacity], NULL);
	if (k > 0)
		put_num(s, p, 5, (d + c) / k, s->pct);
	p->row++;
	return s->err == LXW_NO_ERROR ? 0 : -1;
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
	lxw_row_t last = (lxw_row_t)(p->row - 1);
	int i;

	if (p->row <= 1)
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
			ok(s, worksheet_conditional_format_range(p->ws, 1, 8, last,
			    8, &cf), "the verdict colours");
		}
	} else if (p->title == T_CAPACITY) {
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
		cf.value = 1;
		cf.format = s->red;
		ok(s, worksheet_conditional_format_range(p->ws, 1, 5, last, 5,
		    &cf), "the utilisation colours");
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN;
		cf.min_value = 0.85;
		cf.max_value = 1;
		cf.format = s->amber;
		ok(s, worksheet_conditional_format_range(p->ws, 1, 5, last, 5,
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
		ok(s, worksheet_data_validation_range(p->ws, 1, 8, last, 8, &dv),
		    "the decision list");
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){ 2000, 1, 1, 0, 0, 0 };
		dv.maximum_datetime = (lxw_datetime){ 2099, 12, 31, 0, 0, 0 };
		ok(s, worksheet_data_validation_range(p->ws, 1, 9, last, 9, &dv),
		    "the date check");
		for (i = 7; i <= 10; i++)
			widen(p, i, 16);
	}
}

static lxw_format *
fmt(struct pl_sheet *s)
{
	return workbook_add_format(s->wb);
}

struct pl_sheet *
pl_sheet_open(const char *path, const struct pl_sheet_opts *opts,
    struct pl_err *e)
{
	lxw_workbook_options wo = { LXW_TRUE, NULL, LXW_FALSE };
	lxw_doc_properties dp;
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
	wo.tmpdir = (char *)opts->tmpdir;
	if ((s->wb = workbook_new_opt(path, &wo)) == NULL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot start the workbook "
		    "'%s'", path);
		free(s);
		return NULL;
	}
	memset(&dp, 0, sizeof(dp));
	dp.title = "Contract review / 合同评审";
	dp.author = "poreview";
	/* libxlsxwriter takes 0 for "now": the epoch itself is second 1 */
	dp.created = opts->created > 0 ? opts->created : 1;
	workbook_set_properties(s->wb, &dp);
	s->head = fmt(s);
	format_set_bold(s->head);
	format_set_bg_color(s->head, 0xD9E1F2);
	format_set_text_wrap(s->head);
	format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
	s->text = fmt(s);
	format_set_align(s->text, LXW_ALIGN_VERTICAL_TOP);
	s->wrap = fmt(s);
	format_set_text_wrap(s->wrap);
	format_set_align(s->wrap, LXW_ALIGN_VERTICAL_TOP);
	s->date = fmt(s);
	format_set_num_format(s->date, "yyyy-mm-dd");
	format_set_align(s->date, LXW_ALIGN_VERTICAL_TOP);
	s->num = fmt(s);
	format_set_num_format(s->num, "#,##0.###");
	format_set_align(s->num, LXW_ALIGN_VERTICAL_TOP);
	s->pct = fmt(s);
	format_set_num_format(s->pct, "0.0%");
	s->title = fmt(s);
	format_set_bold(s->title);
	format_set_font_size(s->title, 14);
	s->label = fmt(s);
	format_set_bold(s->label);
	format_set_align(s->label, LXW_ALIGN_VERTICAL_TOP);
	s->box = fmt(s);
	format_set_border(s->box, LXW_BORDER_THIN);
	format_set_text_wrap(s->box);
	format_set_align(s->box, LXW_ALIGN_VERTICAL_TOP);
	s->red = fmt(s);
	format_set_bg_color(s->red, 0xF8CBAD);
	s->amber = fmt(s);
	format_set_bg_color(s->amber, 0xFFE699);
	s->green = fmt(s);
	format_set_bg_color(s->green, 0xC6EFCE);
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
	char name[32], n[64];
	const char *const *r = (const char *const *)s->run;
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
	pl_sheet_name(&s->names, L(s, T_ABOUT), name);
	if ((p->ws = workbook_add_worksheet(s->wb, name)) == NULL) {
		ok(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "the About sheet");
		return;
	}
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
		put_text(s, p, 0, LB(s, T_NOTHING, &s->tmp), s->title);
	p->row = 2;
	for (i = 0; i < 8; i++) {
		put_text(s, p, 0, s->opts.lang == PL_LANG_ZH ? keys[i][1] :
		    keys[i][0], s->label);
		if (i == 7)
			put_num(s, p, 1, (double)s->orders, s->num);
		else
			put_text(s, p, 1, vals[i], NULL);
		p->row++;
	}
	put_text(s, p, 0, keys[8][s->opts.lang == PL_LANG_ZH], s->label);
	put_num(s, p, 1, (double)s->forms, s->num);
	p->row++;
	put_text(s, p, 0, keys[9][s->opts.lang == PL_LANG_ZH], s->label);
	put_num(s, p, 1, (double)s->skipped_forms, s->num);
	p->row++;
	put_text(s, p, 0, keys[10][s->opts.lang == PL_LANG_ZH], s->label);
	pl_buf_reset(&s->tmp2);
	if (s->lines.n > 1)
		pl_buf_addf(&s->tmp2, "%s: %d", L(s, T_LINES), s->lines.n);
	if (s->findings.n > 1)
		pl_buf_addf(&s->tmp2, "%s%s: %d", s->tmp2.len ? "; " : "",
		    L(s, T_FINDINGS), s->findings.n);
	put_text(s, p, 1, s->tmp2.len ? s->tmp2.s : s->opts.lang ==
	    PL_LANG_ZH ? "无" : "none", NULL);
	p->row++;
	worksheet_set_column(p->ws, 0, 0, 44, NULL);
	worksheet_set_column(p->ws, 1, 1, p->width[1] + 2, NULL);
}

/* A column chart of the utilisation of the first rows of Capacity. */
static void
chart(struct pl_sheet *s)
{
	struct part *p = &s->capacity;
	lxw_chart *c;
	lxw_chart_series *ser;
	int rows = p->row - 1 > 60 ? 60 : p->row - 1;

	if (p->n != 1 || rows < 1)
		return;
	if ((c = workbook_add_chart(s->wb, LXW_CHART_COLUMN)) == NULL)
		return;
	ser = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(ser, p->ws->name, 1, 0,
	    (lxw_row_t)rows, 0);
	chart_series_set_values(ser, p->ws->name, 1, 5,
	    (lxw_row_t)rows, 5);
	chart_series_set_name(ser, L(s, T_UTIL));
	chart_title_set_name(c, L(s, T_CAPACITY));
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	ok(s, worksheet_insert_chart(p->ws, 1, 7, c), "the capacity chart");
}

int
pl_sheet_warning(const struct pl_sheet *s, struct pl_err *w)
{
	if (s->nonnumbers == 0)
		return 0;
	pl_err_set(w, PL_EXIT_OK, NULL, 0, "%ld number%s no "
	    "spreadsheet can hold ('%s'%s) written as text", s->nonnumbers,
	    s->nonnumbers == 1 ? "" : "s", s->nonnumber, s->nonnumbers == 1 ?
	    "" : " the first");
	return 1;
}

int
pl_sheet_close(struct pl_sheet *s, struct pl_err *e)
{
	lxw_error rc;
	int i, status = 0;

	if (!s->opts.form_only) {
		chart(s);
		part_end(s, &s->summary);
		part_end(s, &s->lines);
		part_end(s, &s->findings);
		part_end(s, &s->capacity);
		part_end(s, &s->custprop);
		part_end(s, &s->changes);
		about(s);
	}
	rc = workbook_close(s->wb);
	if (s->err != LXW_NO_ERROR)
		status = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write %s: %s",
		    s->where, lxw_strerror(s->err));
	else if (rc != LXW_NO_ERROR)
		status = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write the "
		    "workbook: %s", lxw_strerror(rc));
	for (i = 0; i < PL_run__N; i++)
		free(s->run[i]);
	pl_sheet_names_free(s->names);
	pl_buf_release(&s->tmp);
	pl_buf_release(&s->tmp2);
	free(s->moved);
	free(s);
	return status;
}

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
u32(const unsigned char *p)
{
	return (unsigned long)u16(p) | (unsigned long)u16(p + 2) << 16;
}

/* Inflate one entry, checking its CRC-32 and size, and that an XML sheet
 * ends with its closing tag. */
static int
entry_ok(FILE *fp, unsigned long off, unsigned long csize,
    unsigned long usize, unsigned long crc, int method, const char *name)
{
	unsigned char in[65536], out[65536], tail[16] = "";
	unsigned long got = 0, c = crc32(0, NULL, 0), left = csize;
	size_t tl = 0;
	z_stream z;
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (fseek(fp, (long)off, SEEK_SET) != 0 ||
	    (method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK))
		return -1;
	while (left > 0 && rc != Z_STREAM_END) {
		size_t n = left > sizeof(in) ? sizeof(in) : left, k;

		if (fread(in, 1, n, fp) != n)
			break;
		left -= n;
		if (method == 0) {
			c = crc32(c, in, (uInt)n);
			got += n;
			memcpy(out, in, n);
			k = n;
			goto tail;
		}
		z.next_in = in;
		z.avail_in = (uInt)n;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			rc = inflate(&z, Z_NO_FLUSH);
			if (rc != Z_OK && rc != Z_STREAM_END)
				break;
			k = sizeof(out) - z.avail_out;
			c = crc32(c, out, (uInt)k);
			got += k;
			/* keep the last bytes written */
			if (k >= sizeof(tail)) {
				memcpy(tail, out + k - sizeof(tail), sizeof(tail));
				tl = sizeof(tail);
			} else if (k > 0) {
				size_t keep = tl + k > sizeof(tail) ?
				    sizeof(tail) - k : tl;

				memmove(tail, tail + tl - keep, keep);
				memcpy(tail + keep, out, k);
				tl = keep + k;
			}
		} while (z.avail_in > 0 && rc == Z_OK);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		continue;
tail:
		if (k >= sizeof(tail)) {
			memcpy(tail, out + k - sizeof(tail), sizeof(tail));
			tl = sizeof(tail);
		}
	}
	if (method == 8)
		inflateEnd(&z);
	if (got != usize || c != crc || (method == 8 && rc != Z_STREAM_END))
		return -1;
	if (strncmp(name, "xl/worksheets/sheet", 19) == 0) {
		while (tl > 0 && (tail[tl - 1] == '\n' || tail[tl - 1] == ' '))
			tl--;
		if (tl < 12 || memcmp(tail + tl - 12, "</worksheet>", 12) != 0)
			return -1;
	}
	return 0;
}

int
pl_sheet_verify(const char *path, struct pl_err *e)
{
	FILE *fp = fopen(path, "rb");
	unsigned char buf[65536 + 22], h[64];
	unsigned long size, cdoff, cdsize, n, i, pos;
	long start;
	size_t got;
	char name[256];

	if (fp == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read back the "
		    "workbook '%s': %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (start = ftell(fp)) < 22)
		goto bad;
	size = (unsigned long)start;
	start = size > sizeof(buf) ? (long)(size - sizeof(buf)) : 0;
	if (fseek(fp, start, SEEK_SET) != 0 ||
	    (got = fread(buf, 1, sizeof(buf), fp)) < 22)
		goto bad;
	/* the end of central directory record, searched from the end */
	for (i = got - 22;; i--) {
		if (u32(buf + i) == 0x06054b50UL)
			break;
		if (i == 0)
			goto bad;
	}
	n = u16(buf + i + 10);
	cdsize = u32(buf + i + 12);
	cdoff = u32(buf + i + 16);
	if (cdoff + cdsize > size || n == 0)
		goto bad;
	for (pos = cdoff; n > 0; n--) {
		unsigned long csize, usize, crc, loff, nl, xl, cl;
		int method;

		if (fseek(fp, (long)pos, SEEK_SET) != 0 ||
		    fread(h, 1, 46, fp) != 46 || u32(h) != 0x02014b50UL)
			goto bad;
		method = (int)u16(h + 10);
		crc = u32(h + 16);
		csize = u32(h + 20);
		usize = u32(h + 24);
		nl = u16(h + 28);
		xl = u16(h + 30);
		cl = u16(h + 32);
		loff = u32(h + 42);
		if (nl >= sizeof(name) || fread(name, 1, nl, fp) != nl)
			goto bad;
		name[nl] = '\0';
		pos += 46 + nl + xl + cl;
		if (fseek(fp, (long)loff, SEEK_SET) != 0 ||
		    fread(h, 1, 30, fp) != 30 || u32(h) != 0x04034b50UL)
			goto bad;
		loff += 30 + u16(h + 26) + u16(h + 28);
		if (loff + csize > cdoff || (method != 0 && method != 8) ||
		    entry_ok(fp, loff, csize, usize, crc, method, name) < 0)
			goto bad;
	}
	fclose(fp);
	return 0;
bad:
	fclose(fp);
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "the workbook '%s' was not "
	    "written whole (is its folder or the temporary folder full?)", path);
}

char *
pl_sheet_tmpfile(const char *out, const char *prefix, struct pl_err *e)
{
	char *copy = strdup(out), *dir, *tmp;
	struct stat st;
	mode_t mask;
	int fd = -1;

	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(copy);
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "'%s' exists and is not a "
		    "regular file: refused", out);
		return NULL;
	}
	dir = copy ? dirname(copy) : ".";
	tmp = malloc(strlen(dir) + strlen(prefix) + 16);
	if (copy == NULL || tmp == NULL || (sprintf(tmp, "%s/.%s.XXXXXX", dir,
	    prefix), fd = mkstemp(tmp)) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create a temporary "
		    "file in '%s': %s", copy ? dir : ".", strerror(errno));
		free(copy);
		free(tmp);
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);	/* as a file made by open() */
	close(fd);
	free(copy);
	return tmp;
}

int
pl_sheet_commit(const char *tmp, const char *out, struct pl_err *e)
{
	if (pl_sheet_verify(tmp, e) < 0 || (rename(tmp, out) < 0 &&
	    pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot rename the workbook to "
	    "'%s': %s", out, strerror(errno)) < 0)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}
