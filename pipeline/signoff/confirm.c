/*
 * confirm.c: the confirmation request, a bilingual page to sign, over the
 * workbook layer.
 */
#include "confirm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "book.h"

static int
is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* What a finding's field is, in both languages. */
static const char *
what(const char *field)
{
	static const struct {
		const char *field, *words;
	} t[] = {
		{ "prop", "Property / 属性" }, { "note", "Note / 备注" },
		{ "doc", "Document / 文件" }, { "delivery_to",
		"Delivery date / 交货日期" }, { "delivery_from",
		"Delivery date / 交货日期" }, { "quantity", "Quantity / 数量" },
		{ "price", "Price / 单价" }, { "seller_item", "Product / 产品" },
	};
	size_t i, n;

	for (i = 0; field && i < sizeof(t) / sizeof(t[0]); i++) {
		n = strlen(t[i].field);
		if (strncmp(field, t[i].field, n) == 0 && (field[n] == '\0' ||
		    field[n] == ':'))
			return t[i].words;
	}
	return "Requirement / 要求";
}

/*
 * The customer's words a message quotes ("..." or “...”), else the
 * message up to its first colon: what we understood, into b.
 */
static void
understood(const char *msg, struct pl_buf *b)
{
	const char *p, *q;

	pl_buf_reset(b);
	if (msg == NULL)
		return;
	if ((p = strchr(msg, '"')) && (q = strchr(p + 1, '"')) && q > p + 1)
		pl_buf_add(b, p + 1, (size_t)(q - p - 1));
	else if ((p = strstr(msg, "“")) && (q = strstr(p + 3, "”")))
		pl_buf_add(b, p + 3, (size_t)(q - p - 3));
	else if ((q = strchr(msg, ':')) || (q = strstr(msg, "：")))
		pl_buf_add(b, msg, (size_t)(q - msg));
	else
		pl_buf_adds(b, msg);
	pl_buf_addc(b, '\0');
	b->len--;
}

struct page {
	struct pl_book *book;
	struct pl_book_sheet *sh;
	lxw_format *title, *label, *head, *box;
	struct pl_buf a, b;
};

static void
line(struct page *p, const char *t, lxw_format *f)
{
	pl_book_merge(p->sh, 0, 3, t, f);
	pl_book_next(p->sh, 1);
}

static void
field(struct page *p, const char *label, const char *v)
{
	pl_book_text(p->sh, 0, label, p->label);
	pl_book_merge(p->sh, 1, 3, v ? v : "", NULL);
	pl_book_next(p->sh, 1);
}

static const struct pl_order_line *
line_at(const struct pl_order *o, const char *pos)
{
	size_t i;

	for (i = 0; pos && i < o->nline; i++)
		if (is(o->line[i].f[PL_line_pos], pos))
			return &o->line[i];
	return NULL;
}

/* 1. What we understood: one row per requirement (findings of several
 * departments on the same words are one). */
static void
requirements(struct page *p, const struct pl_respond *r,
    const struct pl_confirm_item *it, size_t n)
{
	static const char *const head[] = { "Line / 行", "Item / 产品",
		"What / 项目",
		"Your requirement as we understood it / 我方理解的贵方要求" };
	size_t i, j;
	int k;

	line(p, "1. What we understood / 我方的理解", p->label);
	for (k = 0; k < 4; k++)
		pl_book_text(p->sh, k, head[k], p->head);
	pl_book_next(p->sh, 1);
	for (i = 0; i < n; i++) {
		const struct pl_order_line *l = line_at(r->o, it[i].pos);
		int seen = 0;

		understood(it[i].en, &p->a);
		for (j = 0; j < i && !seen; j++) {
			understood(it[j].en, &p->b);
			seen = is(it[j].pos ? it[j].pos : "", it[i].pos ?
			    it[i].pos : "") && is(p->a.s, p->b.s);
		}
		if (seen)
			continue;
		understood(it[i].en, &p->a);
		pl_book_text(p->sh, 0, l ? l->f[PL_line_id] : "—", NULL);
		pl_buf_reset(&p->b);
		if (l)
			pl_buf_addf(&p->b, "%s%s%s", l->f[PL_line_seller_item] ?
			    l->f[PL_line_seller_item] : "", l->f[PL_line_item_name]
			    ? "\n" : "", l->f[PL_line_item_name] ?
			    l->f[PL_line_item_name] : "");
		else
			pl_buf_adds(&p->b, "The order / 整个订单");
		pl_book_text(p->sh, 1, p->b.s, NULL);
		pl_book_text(p->sh, 2, what(it[i].field), NULL);
		pl_book_text(p->sh, 3, p->a.s, NULL);
		pl_book_next(p->sh, 1);
	}
}

/* 2. What we will do: the decision, each changed line, the notes. */
static void
answer(struct page *p, const struct pl_respond *r)
{
	const struct pl_order *o = r->o;
	size_t i;

	line(p, "2. What we will do / 我方将如何处理", p->label);
	line(p, r->code == PL_RESPOND_CHANGE ? "We accept your order with the "
	    "changes and conditions below. / 我方有条件接受贵方订单，变更及"
	    "条件如下。" : "We accept your order as you stated it, with the "
	    "requirements above. / 我方按贵方订单及以上要求接受订单。", NULL);
	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const struct pl_respond_line *rl = &r->line[i];
		const char *id = l->f[PL_line_id] ? l->f[PL_line_id] : "";

		if (rl->status == PL_RLINE_ACCEPT)
			continue;
		pl_buf_reset(&p->a);
		if (rl->status == PL_RLINE_REJECT)
			pl_buf_addf(&p->a, "Line %s: not accepted. / 第%s行：不接受。",
			    id, id);
		else {
			pl_buf_addf(&p->a, "Line %s / 第%s行:", id, id);
			if (rl->quantity)
				pl_buf_addf(&p->a, " quantity / 数量 %s %s (ordered "
				    "/ 原订 %s);", rl->quantity, l->f[PL_line_unit] ?
				    l->f[PL_line_unit] : "", l->f[PL_line_quantity]
				    ? l->f[PL_line_quantity] : "—");
			if (rl->delivery)
				pl_buf_addf(&p->a, " delivery / 交货 %s (asked / "
				    "原要求 %s);", rl->delivery,
				    l->f[PL_line_delivery_to] ?
				    l->f[PL_line_delivery_to] : "—");
			if (rl->price)
				pl_buf_addf(&p->a, " price / 单价 %s (ordered / "
				    "原价 %s);", rl->price, l->f[PL_line_price] ?
				    l->f[PL_line_price] : "—");
			p->a.s[p->a.len - 1] = '.';
		}
		line(p, p->a.s, NULL);
	}
	if (r->notes.len) {
		pl_buf_reset(&p->a);
		pl_buf_addf(&p->a, "Conditions / 条件:\n%s", r->notes.s);
		line(p, p->a.s, NULL);
	}
}

/* 3. Where to sign. */
static void
sign(struct page *p)
{
	static const char *const boxes[] = { "Company / 公司",
		"Name / 姓名", "Title / 职务", "Date / 日期" };
	size_t i;

	line(p, "3. Your confirmation / 贵方确认", p->label);
	line(p, "We confirm the requirements and the answer above. / "
	    "我方确认以上要求及答复。", NULL);
	for (i = 0; i < sizeof(boxes) / sizeof(boxes[0]); i++) {
		pl_book_text(p->sh, 0, boxes[i], p->label);
		pl_book_box(p->sh, 1, 3, 2, p->box);
	}
	pl_book_text(p->sh, 0, "Signature and stamp / 签字盖章", p->label);
	pl_book_box(p->sh, 1, 3, 4, p->box);
	pl_book_next(p->sh, 1);
	line(p, "Please sign this page and return it to us before we start "
	    "production. / 请签字盖章后回传本页，我方收到后开始生产。", NULL);
}

/* The SHA-256 of the file at path. */
static int
digest(const char *path, char sha256[65], struct pl_err *e)
{
	struct pl_buf data;
	char buf[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s' "
		    "back: %s", path, strerror(errno));
	pl_buf_init(&data);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (pl_buf_add(&data, buf, n) < 0)
			break;
	if (ferror(fp) || n > 0) {
		fclose(fp);
		pl_buf_release(&data);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s' "
		    "back", path);
	}
	fclose(fp);
	pl_sha256_hex(data.s ? data.s : "", data.len, sha256);
	pl_buf_release(&data);
	return 0;
}

int
pl_confirm_write(const char *path, const struct pl_respond *r,
    const struct pl_confirm_item *it, size_t n, time_t created,
    char sha256[65], struct pl_err *e)
{
	/* A4 portrait, one page wide */
	static const struct pl_book_col cols[4] = { { 22, 1 }, { 24, 1 },
		{ 16, 1 }, { 36, 1 } };
	const struct pl_order *o = r->o;
	struct pl_book_opts bo;
	struct pl_book_page pg = { 0, 0, NULL, 0 };
	struct page p;
	char hf[160], *tmp;
	int rc;

	memset(&bo, 0, sizeof(bo));
	bo.lang = PL_LANG_BOTH;
	bo.created = created;
	bo.title = "Order confirmation request / 订单确认函";
	bo.name_en = "Order confirmation request";
	bo.name_zh = "订单确认函";
	snprintf(hf, sizeof(hf), "%s %s", "Order / 订单", o->f[PL_order_number]
	    ? o->f[PL_order_number] : "");
	pg.name = hf;
	if ((tmp = pl_book_tmpfile(path, "po-respond", e)) == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	if ((p.book = pl_book_open(tmp, &bo, e)) == NULL)
		goto fail;
	pl_buf_init(&p.a);
	pl_buf_init(&p.b);
	p.title = pl_book_format(p.book);
	format_set_bold(p.title);
	format_set_font_size(p.title, 14);
	p.label = pl_book_format(p.book);
	format_set_bold(p.label);
	p.head = pl_book_format(p.book);
	format_set_bold(p.head);
	format_set_bg_color(p.head, 0xD9E1F2);
	format_set_border(p.head, LXW_BORDER_THIN);
	p.box = pl_book_format(p.book);
	format_set_border(p.box, LXW_BORDER_THIN);
	if ((p.sh = pl_book_sheet(p.book, "Confirmation", &pg, cols, 4)) !=
	    NULL) {
		line(&p, "Order confirmation request / 订单确认函", p.title);
		line(&p, "Please confirm in writing / 请书面确认", p.label);
		pl_book_next(p.sh, 1);
		field(&p, "To / 致", o->f[PL_order_buyer_name] ?
		    o->f[PL_order_buyer_name] : o->f[PL_order_buyer_id]);
		field(&p, "Your order / 贵方订单", o->f[PL_order_number]);
		field(&p, "Order date / 订单日期", o->f[PL_order_issue_date]);
		field(&p, "Our reference / 我方编号", r->id);
		field(&p, "Date / 日期", r->today);
		pl_book_next(p.sh, 1);
		line(&p, "We have reviewed your order. Some of its requirements "
		    "are special: before we make it, please confirm in writing "
		    "what we understood and what we will do. / 我方已评审贵方"
		    "订单。其中有特殊要求：生产前，请书面确认我方的理解及处理"
		    "方式。", NULL);
		pl_book_next(p.sh, 1);
		requirements(&p, r, it, n);
		pl_book_next(p.sh, 1);
		answer(&p, r);
		pl_book_next(p.sh, 1);
		sign(&p);
	}
	pl_buf_release(&p.a);
	pl_buf_release(&p.b);
	if (pl_book_close(p.book, e) < 0)
		goto fail;
	rc = pl_book_commit(tmp, path, e);
	free(tmp);
	return rc < 0 ? -1 : digest(path, sha256, e);
fail:
	remove(tmp);
	free(tmp);
	return -1;
}
