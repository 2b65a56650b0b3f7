#include "change.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"

/* How a document stands to the ledger's versions of its order. */
enum { M_NONE, M_MERGED, M_DUP };

struct pl_change {
	struct pl_order v[3];	/* the replay: two states and a version */
	int cur;		/* v[cur] is the state so far, -1 unknown */
	int nver;		/* versions in the ledger */
	int missing;		/* a version whose content was not kept */
	int dup;		/* a version with the document's content */
	char latest[40];	/* the latest version's docid */
	const struct pl_order *doc;
	int mode, skip_order, money;
	unsigned char *quiet;
	size_t capquiet;
	struct pl_buf a, b, en, zh;
	struct pl_err err;
	int failed;
};

/* What a changed field means, and who owns it. */
enum { G_QTY, G_DATE, G_PRICE, G_PAY, G_TERMS, G_ITEM, G_PROP, G_NOTE,
	G_DOC };

static const struct group {
	const char *code, *depts, *who_en, *who_zh;
} groups[] = {
	{ "change-quantity", "production,purchasing",
	    "Production and Purchasing plan it again", "生产部和采购部须重新安排" },
	{ "change-date", "production,purchasing",
	    "Production and Purchasing plan it again", "生产部和采购部须重新安排" },
	{ "change-price", "sales", "Sales reviews it", "销售部须评审" },
	{ "change-payment-terms", "sales", "Sales reviews it", "销售部须评审" },
	{ "change-delivery-terms", "sales", "Sales reviews it", "销售部须评审" },
	{ "change-item", "rd,production", "R&D and Production review it",
	    "研发部和生产部须评审" },
	{ "change-property", "rd,production", "R&D and Production review it",
	    "研发部和生产部须评审" },
	{ "change-note", "sales", "Sales reads it against the requirement "
	    "rules", "销售部须按要求规则阅读" },
	{ "change-document", "rd,production", "R&D and Production review it",
	    "研发部和生产部须评审" },
};

struct field {
	int col, group;
	const char *zh;
};

static const struct field order_fields[] = {
	{ PL_order_delivery_from, G_DATE, "要求交期起" },
	{ PL_order_delivery_to, G_DATE, "要求交期" },
	{ PL_order_currency, G_PRICE, "币种" },
	{ PL_order_quotation, G_PRICE, "报价单" },
	{ PL_order_payment_terms, G_PAY, "付款条件" },
	{ PL_order_payment_means, G_PAY, "付款方式" },
	{ PL_order_incoterm, G_TERMS, "贸易术语" },
	{ PL_order_incoterm_place, G_TERMS, "贸易术语地点" },
	{ PL_order_delivery_party, G_TERMS, "收货方" },
	{ PL_order_delivery_address, G_TERMS, "交货地址" },
	{ PL_order_delivery_country, G_TERMS, "交货国家" },
	{ PL_order_contract, G_TERMS, "合同" },
};

static const struct field line_fields[] = {
	{ PL_line_quantity, G_QTY, "数量" },
	{ PL_line_unit, G_QTY, "单位" },
	{ PL_line_price, G_PRICE, "单价" },
	{ PL_line_base_qty, G_PRICE, "价格基数" },
	{ PL_line_currency, G_PRICE, "币种" },
	{ PL_line_delivery_from, G_DATE, "要求交期起" },
	{ PL_line_delivery_to, G_DATE, "要求交期" },
	{ PL_line_seller_item, G_ITEM, "料号" },
	{ PL_line_buyer_item, G_ITEM, "客户料号" },
	{ PL_line_std_item, G_ITEM, "标准物料号" },
	{ PL_line_item_name, G_ITEM, "品名" },
	{ PL_line_delivery_address, G_TERMS, "交货地址" },
	{ PL_line_delivery_country, G_TERMS, "交货国家" },
};

static const char *const item_kinds[] = { "prop", "note", "doc" };
static const int item_groups[] = { G_PROP, G_NOTE, G_DOC };
static const char *const item_zh[] = { "规格属性", "备注", "附件文件" };

static struct pl_change *
get(struct pl_check *c)
{
	int i;

	if (c->chg == NULL && (c->chg = calloc(1, sizeof(*c->chg))) != NULL) {
		for (i = 0; i < 3; i++)
			pl_order_init(&c->chg->v[i]);
		pl_buf_init(&c->chg->a);
		pl_buf_init(&c->chg->b);
		pl_buf_init(&c->chg->en);
		pl_buf_init(&c->chg->zh);
	}
	return c->chg;
}

void
pl_change_free(struct pl_change *ch)
{
	int i;

	if (ch == NULL)
		return;
	for (i = 0; i < 3; i++)
		pl_order_release(&ch->v[i]);
	pl_buf_release(&ch->a);
	pl_buf_release(&ch->b);
	pl_buf_release(&ch->en);
	pl_buf_release(&ch->zh);
	free(ch->quiet);
	free(ch);
}

static int
is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int
pl_change_format(const struct pl_order *o, struct pl_buf *out)
{
	return pl_order_format_kinds(o, item_kinds, 3, out);
}

/* --- a version read back, and applied to the state before it ---------- */

static int
parse(struct pl_order *o, const char *text, struct pl_err *e)
{
	struct pl_rec_reader r;
	FILE *fp;
	int rc;

	pl_order_reset(o);
	if ((fp = fmemopen((void *)text, strlen(text), "r")) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	pl_rec_reader_init(&r, fp, "ledger version");
	while ((rc = pl_rec_read(&r, e)) > 0)
		if (rc == PL_REC_RECORD && pl_order_add_record(o, r.f, r.nf) < 0)
			rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
	pl_rec_reader_release(&r);
	fclose(fp);
	return rc < 0 || o->f[PL_order_key] == NULL ? -1 : 0;
}

static const char *
cp(struct pl_order *o, const char *s)
{
	return s ? pl_order_strn(o, s, strlen(s)) : NULL;
}

static int
has_items(const struct pl_order *o, size_t from, size_t to,
    const char *kind, int at_line)
{
	size_t i;

	for (i = from; i < to; i++)
		if (is(o->item[i].f[0], kind) &&
		    (at_line || o->item[i].f[PL_prop_pos] == NULL))
			return 1;
	return 0;
}

/* Copy the items of kind in src's [from, to) to out's last line (pos),
 * or to out's order when pos is NULL. */
static void
copy_items(struct pl_order *out, const struct pl_order *src, size_t from,
    size_t to, const char *kind, const char *pos)
{
	size_t i;
	int j;

	for (i = from; i < to; i++) {
		const struct pl_order_item *it = &src->item[i];
		struct pl_order_item *n;

		if (!is(it->f[0], kind) || (pos == NULL &&
		    it->f[PL_prop_pos] != NULL))
			continue;
		if ((n = pl_order_add_item(out, kind, pos != NULL)) == NULL)
			return;
		for (j = 1; j < it->nf; j++)
			n->f[j] = cp(out, it->f[j]);
		n->f[PL_prop_key] = out->f[PL_order_key];
		n->f[PL_prop_docid] = out->f[PL_order_docid];
		n->f[PL_prop_pos] = pos;
	}
}

static const char *
line_id(const struct pl_order_line *l)
{
	return l->f[PL_line_id] ? l->f[PL_line_id] : l->f[PL_line_pos];
}

static const struct pl_order_line *
find_line(const struct pl_order *o, const char *id)
{
	size_t i;

	for (i = 0; o && id && i < o->nline; i++)
		if (is(line_id(&o->line[i]), id))
			return &o->line[i];
	return NULL;
}

/* A line of the new version: dl's fields and items, what it leaves out
 * taken from pl (either may be NULL), at pos. */
static void
add_line(struct pl_order *out, const struct pl_order *d,
    const struct pl_order_line *dl, const struct pl_order *p,
    const struct pl_order_line *pl, const char *pos)
{
	struct pl_order_line *l = pl_order_add_line(out);
	const char *at;
	int j;

	if (l == NULL)
		return;
	for (j = 0; j < PL_line__N; j++)
		l->f[j] = cp(out, dl && dl->f[j] ? dl->f[j] : pl ? pl->f[j] :
		    NULL);
	l->f[PL_line_kind] = "line";
	l->f[PL_line_key] = out->f[PL_order_key];
	l->f[PL_line_docid] = out->f[PL_order_docid];
	l->f[PL_line_pos] = at = cp(out, pos);
	l->f[PL_line_action] = NULL;
	for (j = 0; j < 3; j++) {
		if (dl && (pl == NULL || has_items(d, dl->first, dl->end,
		    item_kinds[j], 1)))
			copy_items(out, d, dl->first, dl->end, item_kinds[j], at);
		else if (pl)
			copy_items(out, p, pl->first, pl->end, item_kinds[j], at);
	}
}

/*
 * The version after d, applied to p (NULL: nothing known before), into
 * out.  An order stands for itself; a change keeps what it leaves out; a
 * cancellation keeps the order's terms but no line.  Lines the version
 * does not list are numbered after its own, in the order they had.
 */
static void
apply(const struct pl_order *p, const struct pl_order *d,
    struct pl_order *out)
{
	static const int own[] = { PL_order_kind, PL_order_key, PL_order_docid,
		PL_order_source, PL_order_standard, PL_order_doctype,
		PL_order_seq, PL_order_checksum, PL_order_length };
	int order = !is(d->f[PL_order_doctype], "change") &&
	    !is(d->f[PL_order_doctype], "cancel");
	int cancel = is(d->f[PL_order_doctype], "cancel"), actions = 0;
	char pos[24];
	size_t i, j, next = d->nline;

	if (order)
		p = NULL;
	pl_order_reset(out);
	for (j = 0; j < PL_order__N; j++)
		out->f[j] = cp(out, d->f[j] ? d->f[j] : p ? p->f[j] : NULL);
	for (j = 0; j < sizeof(own) / sizeof(own[0]); j++)
		out->f[own[j]] = cp(out, d->f[own[j]]);
	for (j = 0; j < 3; j++)
		copy_items(out, p && !has_items(d, 0, d->nitem, item_kinds[j], 0)
		    ? p : d, 0, p && !has_items(d, 0, d->nitem, item_kinds[j], 0)
		    ? p->nitem : d->nitem, item_kinds[j], NULL);
	for (i = 0; i < d->nline; i++)
		actions |= d->line[i].f[PL_line_action] != NULL;
	for (i = 0; !cancel && p && actions && i < p->nline; i++) {
		/* a change that says what it does to each line it lists */
		const struct pl_order_line *pl = &p->line[i];
		const struct pl_order_line *dl = find_line(d, line_id(pl));

		if (dl && is(dl->f[PL_line_action], "cancelled"))
			continue;
		if (dl == NULL)
			snprintf(pos, sizeof(pos), "%zu", ++next);
		add_line(out, d, dl, p, pl, dl ? dl->f[PL_line_pos] : pos);
	}
	for (i = 0; !cancel && i < d->nline; i++) {
		const struct pl_order_line *dl = &d->line[i];
		const struct pl_order_line *pl = find_line(p, line_id(dl));

		if (is(dl->f[PL_line_action], "cancelled") || (actions && pl))
			continue;
		add_line(out, d, dl, p, pl, dl->f[PL_line_pos]);
	}
	snprintf(pos, sizeof(pos), "%zu", out->nline);
	out->f[PL_order_lines] = cp(out, pos);
}

/* Each version of the order in the ledger, oldest first. */
static void
on_version(void *user, int ncol, const char *const *col)
{
	struct pl_change *ch = user;
	int nx = ch->cur == 0 ? 1 : 0;

	if (ncol < 5)
		return;
	ch->nver++;
	snprintf(ch->latest, sizeof(ch->latest), "%s", col[0] ? col[0] : "");
	if (is(col[2], ch->doc->f[PL_order_checksum]) &&
	    is(col[3], ch->doc->f[PL_order_length]))
		ch->dup = 1;
	if (col[4] == NULL || parse(&ch->v[2], col[4], &ch->err) < 0) {
		ch->cur = -1;
		ch->missing = 1;
		return;
	}
	if (ch->cur < 0 && (is(col[1], "change") || is(col[1], "cancel"))) {
		ch->missing = 1;	/* a change to what is not known */
		return;
	}
	apply(ch->cur >= 0 ? &ch->v[ch->cur] : NULL, &ch->v[2], &ch->v[nx]);
	ch->cur = nx;
	ch->missing = 0;
}

/* --- the comparison ----------------------------------------------------- */

static int
same(const char *a, const char *b)
{
	double x, y;
	char *e1, *e2;

	if (a == NULL || b == NULL)
		return a == b;
	if (strcmp(a, b) == 0)
		return 1;
	x = strtod(a, &e1);
	y = strtod(b, &e2);
	return *a && *b && *e1 == '\0' && *e2 == '\0' && isfinite(x) &&
	    x == y;
}

/* A line's (or with l NULL the order's) items of kind, "; "-joined. */
static void
items_text(const struct pl_order *o, const struct pl_order_line *l,
    const char *kind, struct pl_buf *b)
{
	size_t i, from = l ? l->first : 0, to = l ? l->end : o->nitem;
	int j, n;

	pl_buf_reset(b);
	for (i = from; o && i < to; i++) {
		const struct pl_order_item *it = &o->item[i];

		if (!is(it->f[0], kind) || (l == NULL &&
		    it->f[PL_prop_pos] != NULL))
			continue;
		if (b->len)
			pl_buf_adds(b, "; ");
		/* a stored attachment's name depends on --attachments */
		for (j = PL_prop_name, n = 0; j < it->nf - is(kind, "doc"); j++) {
			/* prop: name value unit; note: subject lang text;
			 * doc: ref type filename mime size checksum uri ... */
			if (it->f[j] == NULL || (is(kind, "note") &&
			    j != PL_note_text))
				continue;
			pl_buf_adds(b, n++ == 0 ? "" : is(kind, "prop") && n == 2 ?
			    ": " : " ");
			pl_buf_adds(b, it->f[j]);
		}
	}
}

static const char *
shown(const char *v)
{
	return v && *v ? v : "—";
}

/* One changed field: its change record and a finding per department. */
static void
changed(struct pl_check *c, struct pl_change *ch, const char *pos,
    const char *id, const char *field, const char *zh, int g,
    const char *before, const char *after)
{
	const struct group *gr = &groups[g];
	const char *f[PL_change__N] = { "change", c->o->f[PL_order_key],
		c->o->f[PL_order_docid], pos, id, field, before, after,
		gr->depts };
	const char *d = gr->depts;

	pl_rec_format(c->out, f, PL_change__N);
	pl_buf_reset(&ch->en);
	pl_buf_reset(&ch->zh);
	if (id) {
		pl_buf_addf(&ch->en, "Change: line %s, %s \"%s\" is now \"%s\": "
		    "%s.", id, field, shown(before), shown(after), gr->who_en);
		pl_buf_addf(&ch->zh, "变更：第%s行%s由“%s”改为“%s”，%s。", id, zh,
		    shown(before), shown(after), gr->who_zh);
	} else {
		pl_buf_addf(&ch->en, "Change: the order's %s \"%s\" is now "
		    "\"%s\": %s.", field, shown(before), shown(after),
		    gr->who_en);
		pl_buf_addf(&ch->zh, "变更：订单%s由“%s”改为“%s”，%s。", zh,
		    shown(before), shown(after), gr->who_zh);
	}
	if (g == G_PRICE || g == G_PAY)
		ch->money = 1;
	while (*d) {
		char dep[32];
		size_t n = strcspn(d, ",");

		snprintf(dep, sizeof(dep), "%.*s", (int)n, d);
		d += n + (d[n] == ',');
		pl_check_finding(c, pos, gr->code, g == G_NOTE ? "info" :
		    "review", dep, field, ch->en.s, ch->zh.s, NULL, NULL);
	}
}

/* "SKU quantity unit" of a line, for a line added or cancelled. */
static void
line_text(const struct pl_order_line *l, struct pl_buf *b)
{
	pl_buf_reset(b);
	pl_buf_addf(b, "%s %s %s", l->f[PL_line_seller_item] ?
	    l->f[PL_line_seller_item] : l->f[PL_line_item_name] ?
	    l->f[PL_line_item_name] : "?", l->f[PL_line_quantity] ?
	    l->f[PL_line_quantity] : "", l->f[PL_line_unit] ?
	    l->f[PL_line_unit] : "");
}

static void
line_in_out(struct pl_check *c, struct pl_change *ch,
    const struct pl_order_line *l, int added)
{
	const char *id = line_id(l), *d = "production,purchasing";
	const char *pos = added ? l->f[PL_line_pos] : NULL;
	const char *f[PL_change__N] = { "change", c->o->f[PL_order_key],
		c->o->f[PL_order_docid], pos, id, "line", NULL, NULL, d };
	int i;

	line_text(l, &ch->a);
	f[added ? PL_change_after : PL_change_before] = ch->a.s;
	pl_rec_format(c->out, f, PL_change__N);
	pl_buf_reset(&ch->en);
	pl_buf_reset(&ch->zh);
	pl_buf_addf(&ch->en, "Change: line %s (%s) is %s: Production and "
	    "Purchasing plan it%s.", id, ch->a.s, added ? "added" : "cancelled",
	    added ? "" : " out");
	pl_buf_addf(&ch->zh, "变更：第%s行（%s）%s，生产部和采购部须%s。", id,
	    ch->a.s, added ? "为新增行" : "已取消", added ? "安排" : "取消相应安排");
	for (i = 0; i < 2; i++)
		pl_check_finding(c, pos, added ? "line-added" : "line-cancelled",
		    "review", i ? "purchasing" : "production", "line", ch->en.s,
		    ch->zh.s, NULL, NULL);
}

/* Compare the fields of a (line or order) in p and n. */
static int
compare_fields(struct pl_check *c, struct pl_change *ch,
    const struct pl_order *p, const struct pl_order_line *pl,
    const struct pl_order *n, const struct pl_order_line *nl)
{
	const struct field *fl = nl ? line_fields : order_fields;
	size_t i, nf = nl ? sizeof(line_fields) / sizeof(line_fields[0]) :
	    sizeof(order_fields) / sizeof(order_fields[0]);
	const char *const *pf = pl ? pl->f : p->f, *const *nf_ = nl ? nl->f :
	    n->f;
	const char *const *cols = nl ? pl_rec_kind("line")->cols :
	    pl_rec_kind("order")->cols;
	const char *pos = nl ? nl->f[PL_line_pos] : NULL;
	const char *id = nl ? line_id(nl) : NULL;
	int diff = 0;

	for (i = 0; i < nf; i++)
		if (!same(pf[fl[i].col], nf_[fl[i].col])) {
			changed(c, ch, pos, id, cols[fl[i].col], fl[i].zh,
			    fl[i].group, pf[fl[i].col], nf_[fl[i].col]);
			diff = 1;
		}
	for (i = 0; i < 3; i++) {
		items_text(p, pl, item_kinds[i], &ch->a);
		items_text(n, nl, item_kinds[i], &ch->b);
		if (strcmp(ch->a.s, ch->b.s) != 0) {
			changed(c, ch, pos, id, item_kinds[i], item_zh[i],
			    item_groups[i], ch->a.len ? ch->a.s : NULL,
			    ch->b.len ? ch->b.s : NULL);
			diff = 1;
		}
	}
	return diff;
}

/* The previous version p against the new one n: what changed, and which
 * lines of n are quiet. */
static void
compare(struct pl_check *c, struct pl_change *ch, const struct pl_order *p,
    const struct pl_order *n)
{
	size_t i;

	compare_fields(c, ch, p, NULL, n, NULL);
	for (i = 0; i < n->nline; i++) {
		const struct pl_order_line *pl = find_line(p,
		    line_id(&n->line[i]));

		if (pl == NULL)
			line_in_out(c, ch, &n->line[i], 1);
		else
			ch->quiet[i] = !compare_fields(c, ch, p, pl, n,
			    &n->line[i]);
	}
	for (i = 0; i < p->nline; i++)
		if (find_line(n, line_id(&p->line[i])) == NULL)
			line_in_out(c, ch, &p->line[i], 0);
}

/* The customer cancels the order: Sales, Production and Purchasing. */
static void
cancelled(struct pl_check *c, struct pl_change *ch, const struct pl_order *p)
{
	static const char *const who[] = { "sales", "production", "purchasing" };
	const char *num = c->o->f[PL_order_number] ? c->o->f[PL_order_number] :
	    "?";
	size_t i;

	for (i = 0; p && i < p->nline; i++) {
		const char *f[PL_change__N] = { "change", c->o->f[PL_order_key],
			c->o->f[PL_order_docid], NULL, line_id(&p->line[i]),
			"line", NULL, NULL, "sales,production,purchasing" };

		line_text(&p->line[i], &ch->a);
		f[PL_change_before] = ch->a.s;
		pl_rec_format(c->out, f, PL_change__N);
	}
	pl_buf_reset(&ch->en);
	pl_buf_reset(&ch->zh);
	pl_buf_addf(&ch->en, "The customer cancels order %s: Production and "
	    "Purchasing stop its work and purchases, Sales agrees what is "
	    "owed.", num);
	pl_buf_addf(&ch->zh, "客户取消订单%s：生产部和采购部须停止相关生产和采购，"
	    "销售部须与客户商定已发生的费用。", num);
	for (i = 0; i < 3; i++)
		pl_check_finding(c, NULL, "order-cancelled", "review", who[i],
		    "doctype", ch->en.s, ch->zh.s, NULL, NULL);
}

static void
on_load(void *user, int ncol, const char *const *col)
{
	struct pl_check *c = user;

	if (ncol == 3 && col[0] && col[1] && col[2])
		pl_check_unload(c, col[0], col[1], strtod(col[2], NULL));
}

/* Why the document could not be compared; it is reviewed as it stands. */
static void
not_compared(struct pl_check *c, struct pl_change *ch, int unknown)
{
	const char *num = c->o->f[PL_order_number] ? c->o->f[PL_order_number] :
	    "?";

	pl_buf_reset(&ch->en);
	pl_buf_reset(&ch->zh);
	if (unknown) {
		pl_buf_addf(&ch->en, "This changes order %s, which the ledger "
		    "does not hold: ask the customer which order it changes.",
		    num);
		pl_buf_addf(&ch->zh, "此文件变更订单%s，但台账中没有该订单：须向客户"
		    "确认所变更的订单。", num);
		pl_check_finding(c, NULL, "change-unknown-order", "review",
		    "sales", "number", ch->en.s, ch->zh.s, "the order it changes",
		    "所变更的订单");
		return;
	}
	pl_buf_addf(&ch->en, "Order %s was not compared with its previous "
	    "version (%s): it is reviewed as it stands.", num, c->ledger ?
	    "the ledger did not keep its content" : "no ledger was given");
	pl_buf_addf(&ch->zh, "订单%s未与上一版本比较（%s）：按本文件评审。", num,
	    c->ledger ? "台账未保存其内容" : "未指定台账");
	pl_check_finding(c, NULL, "change-not-compared", "info", "sales",
	    "doctype", ch->en.s, ch->zh.s, NULL, NULL);
}

int
pl_change_begin(struct pl_check *c, const struct pl_order *o)
{
	static const char q[] = "SELECT d.docid, d.doctype, d.checksum, "
	    "d.length, v.records FROM document d LEFT JOIN version v "
	    "ON v.docid = d.docid WHERE d.order_key = ?1 ORDER BY d.rowid";
	struct pl_change *ch;
	const char *key = o->f[PL_order_key];
	int change = is(o->f[PL_order_doctype], "change");
	int cancel = is(o->f[PL_order_doctype], "cancel");
	int nx;

	if (c->chg)
		c->chg->mode = M_NONE, c->chg->skip_order = c->chg->money = 0;
	if ((!change && !cancel && c->ledger == NULL) || key == NULL)
		return 0;
	if ((ch = get(c)) == NULL)
		return 0;
	ch->doc = o;
	ch->cur = -1;
	ch->nver = ch->missing = ch->dup = 0;
	ch->latest[0] = '\0';
	if (c->ledger && pl_ledger_each(c->ledger, q, 1, &key, on_version, ch,
	    &c->err) < 0) {
		c->failed = 1;
		return -1;
	}
	if (ch->nver == 0 && !change && !cancel)
		return 0;		/* a new order */
	if (ch->dup) {
		/* delivered before: seen_before() says so; nothing to
		 * compare, and a change's partial content is not asked */
		if (change || cancel) {
			ch->mode = M_DUP;
			ch->skip_order = 1;
		}
		return 0;
	}
	nx = ch->cur == 0 ? 1 : 0;
	if (ch->cur < 0) {
		if (change || cancel)
			not_compared(c, ch, c->ledger && ch->nver == 0);
		if (cancel) {
			cancelled(c, ch, NULL);
			apply(NULL, o, &ch->v[nx]);
			c->o = &ch->v[nx];
			ch->skip_order = 1;
		}
	} else {
		apply(&ch->v[ch->cur], o, &ch->v[nx]);
		c->o = &ch->v[nx];
		if (c->o->nline > ch->capquiet) {
			free(ch->quiet);
			ch->capquiet = c->o->nline;
			if ((ch->quiet = malloc(ch->capquiet)) == NULL) {
				ch->capquiet = 0;
				c->o = o;
				return 0;
			}
		}
		if (c->o->nline)
			memset(ch->quiet, 0, c->o->nline);
		ch->mode = M_MERGED;
		if (cancel) {
			cancelled(c, ch, &ch->v[ch->cur]);
			ch->skip_order = 1;
		} else
			compare(c, ch, &ch->v[ch->cur], c->o);
	}
	/* the new version's load replaces the latest version's, once a
	 * run: a second version of the order in the same batch finds that
	 * load taken off already */
	if (c->ledger && ch->latest[0] && (ch->mode == M_MERGED || cancel) &&
	    !pl_check_seen_key(c, key)) {
		const char *p = ch->latest;

		if (pl_ledger_each(c->ledger, "SELECT sku, week, quantity FROM "
		    "load WHERE docid = ?1", 1, &p, on_load, c, &c->err) < 0) {
			c->failed = 1;
			return -1;
		}
	}
	return 0;
}

int
pl_change_skip_order(const struct pl_check *c)
{
	return c->chg && c->chg->skip_order;
}

int
pl_change_quiet(const struct pl_check *c, size_t i)
{
	return c->chg && (c->chg->mode == M_DUP || (c->chg->mode == M_MERGED &&
	    i < c->chg->capquiet && c->chg->quiet[i]));
}

void
pl_change_end(struct pl_check *c, double amount)
{
	struct pl_change *ch = c->chg;
	const char *cur = c->o->f[PL_order_currency];
	double limit = pl_rules_gm_above(c->rules, cur);

	if (ch == NULL || !ch->money || limit <= 0 || amount <= limit)
		return;
	pl_buf_reset(&ch->en);
	pl_buf_reset(&ch->zh);
	pl_buf_addf(&ch->en, "The price or payment terms of an order worth "
	    "%.2f %s change, above %.2f %s: the general manager approves the "
	    "change.", amount, cur ? cur : "", limit, cur ? cur : "");
	pl_buf_addf(&ch->zh, "订单金额%.2f %s超过%.2f %s，其价格或付款条件变更须经总经理"
	    "批准。", amount, cur ? cur : "", limit, cur ? cur : "");
	pl_check_finding(c, NULL, "change-above-gm", "review", "gm", "total",
	    ch->en.s, ch->zh.s, NULL, NULL);
}
