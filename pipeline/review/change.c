#include "change.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
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
	const struct pl_order *version;	/* reviewed in place of doc */
	int mode, skip_order, money, replaces;
	unsigned char *quiet;
	size_t capquiet;
	struct pl_buf a, b;
	/* the differences; their before and after are offsets in text
	 * (NONE: not stated) until pl_change_begin() returns */
	struct pl_change_diff *d;
	size_t (*off)[2], nd, capd;
	struct pl_buf text;
	/* the latest version's load; sku and week in ltext, in turn */
	struct pl_change_load *load;
	size_t nload, capload;
	struct pl_buf ltext;
	struct pl_err err;
};

#define NONE ((size_t)-1)

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

struct pl_change *
pl_change_new(void)
{
	struct pl_change *ch;
	int i;

	if ((ch = calloc(1, sizeof(*ch))) == NULL)
		return NULL;
	for (i = 0; i < 3; i++)
		pl_order_init(&ch->v[i]);
	pl_buf_init(&ch->a);
	pl_buf_init(&ch->b);
	pl_buf_init(&ch->text);
	pl_buf_init(&ch->ltext);
	return ch;
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
	pl_buf_release(&ch->text);
	pl_buf_release(&ch->ltext);
	free(ch->quiet);
	free(ch->d);
	free(ch->off);
	free(ch->load);
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
on_version(void *user, const struct pl_ledger_version *v)
{
	struct pl_change *ch = user;
	int nx = ch->cur == 0 ? 1 : 0;

	ch->nver++;
	snprintf(ch->latest, sizeof(ch->latest), "%s", v->docid ? v->docid :
	    "");
	if (is(v->checksum, ch->doc->f[PL_order_checksum]) &&
	    is(v->length, ch->doc->f[PL_order_length]))
		ch->dup = 1;
	if (v->records == NULL || pl_order_parse(&ch->v[2], v->records, &ch->err) < 0) {
		ch->cur = -1;
		ch->missing = 1;
		return;
	}
	if (ch->cur < 0 && (is(v->doctype, "change") ||
	    is(v->doctype, "cancel"))) {
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

/* Keep s in ch->text: its offset, or NONE for NULL (or out of memory). */
static size_t
keep(struct pl_change *ch, const char *s)
{
	size_t at = ch->text.len;

	if (s == NULL || pl_buf_add(&ch->text, s, strlen(s) + 1) < 0)
		return NONE;
	return at;
}

/* A new difference, or NULL when memory ran out (it goes unsaid). */
static struct pl_change_diff *
diff(struct pl_change *ch, enum pl_change_kind kind, const char *pos,
    const char *id, const char *field, const char *before, const char *after)
{
	struct pl_change_diff *d;

	if (ch->nd == ch->capd) {
		size_t cap = ch->capd ? ch->capd * 2 : 16;
		void *p;

		if ((p = realloc(ch->d, cap * sizeof(*ch->d))) == NULL)
			return NULL;
		ch->d = p;
		if ((p = realloc(ch->off, cap * sizeof(*ch->off))) == NULL)
			return NULL;
		ch->off = p;
		ch->capd = cap;
	}
	d = &ch->d[ch->nd];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->pos = pos;
	d->id = id;
	d->field = field;
	d->sev = "review";
	ch->off[ch->nd][0] = keep(ch, before);
	ch->off[ch->nd][1] = keep(ch, after);
	ch->nd++;
	return d;
}

/* One changed field, owned by the departments of its group. */
static void
changed(struct pl_change *ch, const char *pos, const char *id,
    const char *field, const char *zh, int g, const char *before,
    const char *after)
{
	const struct group *gr = &groups[g];
	struct pl_change_diff *d;

	if (g == G_PRICE || g == G_PAY)
		ch->money = 1;
	if ((d = diff(ch, PL_CHANGE_FIELD, pos, id, field, before, after)) ==
	    NULL)
		return;
	d->field_zh = zh;
	d->depts = gr->depts;
	d->code = gr->code;
	d->sev = g == G_NOTE ? "info" : "review";
	d->who_en = gr->who_en;
	d->who_zh = gr->who_zh;
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

/* A line added (at its position in the new version) or cancelled. */
static void
line_in_out(struct pl_change *ch, const struct pl_order_line *l, int added)
{
	struct pl_change_diff *d;

	line_text(l, &ch->a);
	d = diff(ch, added ? PL_CHANGE_LINE_ADDED : PL_CHANGE_LINE_CANCELLED,
	    added ? l->f[PL_line_pos] : NULL, line_id(l), "line",
	    added ? NULL : ch->a.s, added ? ch->a.s : NULL);
	if (d) {
		d->depts = "production,purchasing";
		d->code = added ? "line-added" : "line-cancelled";
	}
}

/* Compare the fields of a (line or order) in p and n. */
static int
compare_fields(struct pl_change *ch, const struct pl_order *p,
    const struct pl_order_line *pl, const struct pl_order *n,
    const struct pl_order_line *nl)
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
			changed(ch, pos, id, cols[fl[i].col], fl[i].zh,
			    fl[i].group, pf[fl[i].col], nf_[fl[i].col]);
			diff = 1;
		}
	for (i = 0; i < 3; i++) {
		items_text(p, pl, item_kinds[i], &ch->a);
		items_text(n, nl, item_kinds[i], &ch->b);
		if (strcmp(ch->a.s, ch->b.s) != 0) {
			changed(ch, pos, id, item_kinds[i], item_zh[i],
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
compare(struct pl_change *ch, const struct pl_order *p,
    const struct pl_order *n)
{
	size_t i;

	compare_fields(ch, p, NULL, n, NULL);
	for (i = 0; i < n->nline; i++) {
		const struct pl_order_line *pl = find_line(p,
		    line_id(&n->line[i]));

		if (pl == NULL)
			line_in_out(ch, &n->line[i], 1);
		else
			ch->quiet[i] = !compare_fields(ch, p, pl, n,
			    &n->line[i]);
	}
	for (i = 0; i < p->nline; i++)
		if (find_line(n, line_id(&p->line[i])) == NULL)
			line_in_out(ch, &p->line[i], 0);
}

/* The customer cancels the order (p: the version before, NULL unknown):
 * its lines go, for Sales, Production and Purchasing. */
static void
cancelled(struct pl_change *ch, const struct pl_order *p)
{
	struct pl_change_diff *d;
	size_t i;

	for (i = 0; p && i < p->nline; i++) {
		line_text(&p->line[i], &ch->a);
		if ((d = diff(ch, PL_CHANGE_LINE_GONE, NULL,
		    line_id(&p->line[i]), "line", ch->a.s, NULL)) != NULL)
			d->depts = "sales,production,purchasing";
	}
	if ((d = diff(ch, PL_CHANGE_CANCELLED, NULL, NULL, "doctype", NULL,
	    NULL)) != NULL) {
		d->depts = "sales,production,purchasing";
		d->code = "order-cancelled";
	}
}

/* Why the document could not be compared; it is reviewed as it stands. */
static void
not_compared(struct pl_change *ch, int unknown)
{
	struct pl_change_diff *d;

	if ((d = diff(ch, unknown ? PL_CHANGE_UNKNOWN : PL_CHANGE_NOT_COMPARED,
	    NULL, NULL, unknown ? "number" : "doctype", NULL, NULL)) == NULL)
		return;
	d->depts = "sales";
	d->code = unknown ? "change-unknown-order" : "change-not-compared";
	d->sev = unknown ? "review" : "info";
}

/* With head, o is its order record alone: 1 before anything needs its
 * lines. */
static int
review(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, int head, struct pl_err *e)
{
	const char *key = o->f[PL_order_key];
	int change = is(o->f[PL_order_doctype], "change");
	int cancel = is(o->f[PL_order_doctype], "cancel");
	int nx;

	if ((!change && !cancel && ledger == NULL) || key == NULL)
		return 0;
	if (head && (change || cancel))
		return 1;
	ch->doc = o;
	ch->cur = -1;
	ch->nver = ch->missing = ch->dup = 0;
	ch->latest[0] = '\0';
	if (ledger && pl_ledger_versions(ledger, key, on_version, ch, e) < 0)
		return -1;
	if (ch->nver == 0 && !change && !cancel)
		return 0;		/* a new order */
	if (ch->dup) {
		/* delivered before: the review says so; nothing to
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
			not_compared(ch, ledger && ch->nver == 0);
		if (cancel) {
			cancelled(ch, NULL);
			apply(NULL, o, &ch->v[nx]);
			ch->version = &ch->v[nx];
			ch->skip_order = 1;
		}
	} else {
		if (head)
			return 1;	/* compared with the version kept */
		apply(&ch->v[ch->cur], o, &ch->v[nx]);
		if (ch->v[nx].nline > ch->capquiet) {
			free(ch->quiet);
			ch->capquiet = ch->v[nx].nline;
			if ((ch->quiet = malloc(ch->capquiet)) == NULL) {
				ch->capquiet = 0;
				return 0;
			}
		}
		ch->version = &ch->v[nx];
		if (ch->version->nline)
			memset(ch->quiet, 0, ch->version->nline);
		ch->mode = M_MERGED;
		if (cancel) {
			cancelled(ch, &ch->v[ch->cur]);
			ch->skip_order = 1;
		} else
			compare(ch, &ch->v[ch->cur], ch->version);
	}
	/* the new version's load replaces the latest version's */
	ch->replaces = ledger && ch->latest[0] && (ch->mode == M_MERGED ||
	    cancel);
	return 0;
}

static int
begin(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, int head, struct pl_err *e)
{
	size_t i;
	int rc;

	ch->mode = M_NONE;
	ch->skip_order = ch->money = ch->replaces = 0;
	ch->version = NULL;
	ch->nd = 0;
	pl_buf_reset(&ch->text);
	rc = review(ch, ledger, o, head, e);
	if (rc < 0)
		ch->nd = 0;
	else if (rc > 0) {
		/* the lines are wanted: nothing is listed */
		ch->nd = 0;
		ch->mode = M_NONE;
		ch->version = NULL;
		ch->skip_order = ch->money = ch->replaces = 0;
	}
	/* text is whole now: its offsets become pointers */
	for (i = 0; i < ch->nd; i++) {
		ch->d[i].before = ch->off[i][0] == NONE ? NULL :
		    ch->text.s + ch->off[i][0];
		ch->d[i].after = ch->off[i][1] == NONE ? NULL :
		    ch->text.s + ch->off[i][1];
	}
	return rc;
}

int
pl_change_begin(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, struct pl_err *e)
{
	return begin(ch, ledger, o, 0, e);
}

int
pl_change_begin_head(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_order *o, struct pl_err *e)
{
	return begin(ch, ledger, o, 1, e);
}

const struct pl_order *
pl_change_version(const struct pl_change *ch)
{
	return ch->version;
}

size_t
pl_change_diffs(const struct pl_change *ch, const struct pl_change_diff **d)
{
	*d = ch->d;
	return ch->nd;
}

int
pl_change_skip_order(const struct pl_change *ch)
{
	return ch->skip_order;
}

int
pl_change_quiet(const struct pl_change *ch, size_t i)
{
	return ch->mode == M_DUP || (ch->mode == M_MERGED &&
	    i < ch->capquiet && ch->quiet[i]);
}

int
pl_change_money(const struct pl_change *ch)
{
	return ch->money;
}

int
pl_change_none(const struct pl_change *ch)
{
	return ch->mode == M_NONE && ch->nd == 0 && ch->version == NULL &&
	    !ch->skip_order && !ch->money && !ch->replaces;
}

int
pl_change_replaces(const struct pl_change *ch)
{
	return ch->replaces;
}

static void
on_load(void *user, const char *sku, const char *week, double q)
{
	struct pl_change *ch = user;

	if (ch->nload == ch->capload) {
		size_t cap = ch->capload ? ch->capload * 2 : 16;
		void *p = realloc(ch->load, cap * sizeof(*ch->load));

		if (p == NULL)
			return;
		ch->load = p;
		ch->capload = cap;
	}
	/* both or neither: pl_change_load() reads them in turn */
	if (pl_buf_grow(&ch->ltext, strlen(sku) + strlen(week) + 2) < 0)
		return;
	pl_buf_add(&ch->ltext, sku, strlen(sku) + 1);
	pl_buf_add(&ch->ltext, week, strlen(week) + 1);
	ch->load[ch->nload++].quantity = q;
}

int
pl_change_load(struct pl_change *ch, struct pl_ledger *ledger,
    const struct pl_change_load **load, int *standing, struct pl_err *e)
{
	const char *p = ch->latest, *s;
	size_t i;

	ch->nload = 0;
	pl_buf_reset(&ch->ltext);
	*load = ch->load;
	*standing = PL_LOAD_NONE;
	if (!ch->replaces || ledger == NULL)
		return 0;
	if (pl_ledger_standing(ledger, p, standing, e) < 0 ||
	    pl_ledger_version_load(ledger, p, on_load, ch, e) < 0)
		return -1;
	for (i = 0, s = ch->ltext.s; i < ch->nload; i++) {
		ch->load[i].sku = s;
		s += strlen(s) + 1;
		ch->load[i].week = s;
		s += strlen(s) + 1;
	}
	*load = ch->load;
	return (int)ch->nload;
}
