/*
 * opentrans.c: openTRANS 2.1 ORDER (BME, with BMEcat 2005 elements) read
 * into the order model from SAX events.
 *
 * Elements are matched by name in the openTRANS 2.1 and BMEcat 2005
 * namespaces, whatever their prefixes; the subtree of any other element
 * (UDX extensions, product components, taxes, allowances) is skipped.
 * Parties come first and say who they are by PARTY_ROLE or, later, by
 * ORDER_PARTIES_REFERENCE: they are kept until the end, then the buyer,
 * the supplier and the delivery party are picked (the role first, then
 * the reference).
 */
#include "parse.h"

#include <stdio.h>
#include <string.h>

#define O(col) (&p->o.f[PL_order_##col])
#define L(col) (&p->st.line->f[PL_line_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)

#define NAMES(X) X(ORDER_HEADER) X(ORDER_INFO) X(ORDER_ID) X(ORDER_DATE) \
	X(DELIVERY_DATE) X(DELIVERY_START_DATE) X(DELIVERY_END_DATE) \
	X(PARTIES) X(PARTY) X(PARTY_ID) X(PARTY_ROLE) X(ADDRESS) X(NAME) \
	X(NAME2) X(NAME3) X(STREET) X(ZIP) X(CITY) X(STATE) \
	X(COUNTRY_CODED) X(CUSTOMER_ORDER_REFERENCE) \
	X(ORDER_PARTIES_REFERENCE) X(BUYER_IDREF) X(SUPPLIER_IDREF) \
	X(SHIPMENT_PARTIES_REFERENCE) X(DELIVERY_IDREF) X(CURRENCY) \
	X(PAYMENT) X(CARD) X(ACCOUNT) X(DEBIT) X(CHECK) X(CASH) \
	X(PAYMENT_TERMS) X(PAYMENT_TERM) X(TIME_FOR_PAYMENT) X(DAYS) \
	X(DISCOUNT_FACTOR) X(TRANSPORT) X(INCOTERM) X(LOCATION) \
	X(TRANSPORT_REMARK) X(REMARKS) X(SOURCING_INFO) X(QUOTATION_ID) \
	X(AGREEMENT) X(AGREEMENT_ID) X(MIME_INFO) X(MIME) X(MIME_TYPE) \
	X(MIME_SOURCE) X(MIME_DESCR) X(MIME_PURPOSE) X(ORDER_ITEM_LIST) \
	X(ORDER_ITEM) X(LINE_ITEM_ID) X(PRODUCT_ID) X(SUPPLIER_PID) \
	X(BUYER_PID) X(INTERNATIONAL_PID) X(DESCRIPTION_SHORT) \
	X(DESCRIPTION_LONG) X(LOT_NUMBER) X(SERIAL_NUMBER) \
	X(MANUFACTURER_INFO) X(MANUFACTURER_PID) X(PRODUCT_FEATURES) \
	X(FEATURE) X(FNAME) X(FVALUE) X(FUNIT) X(QUANTITY) X(ORDER_UNIT) \
	X(PRODUCT_PRICE_FIX) X(PRICE_AMOUNT) X(PRICE_CURRENCY) \
	X(PRICE_QUANTITY) X(PRICE_LINE_AMOUNT) X(ORDER_SUMMARY) \
	X(TOTAL_AMOUNT)

#define ENUM(n) n_##n,
enum { n_unknown, NAMES(ENUM) n_root = PL_XML_ROOT };
#undef ENUM
#define STR(n) #n,
static const char *const name_list[] = { NAMES(STR) };
#undef STR

#define OT_NS "http://www.opentrans.org/XMLSchema/2.1"
#define BMECAT_NS "http://www.bmecat.org/bmecat/2005"



/* Who is who: ORDER_PARTIES_REFERENCE's three references. */
enum { R_BUYER, R_SUPPLIER, R_DELIVERY };

/* The party with role, else the one that holds the id ref, or NULL. */
static const struct pl_ot_party *
find_party(struct pl_parse *p, const char *role, const char *ref)
{
	size_t n = ref ? strlen(ref) : 0;
	const char *s;
	int i;

	for (i = 0; role && i < p->st.nparty; i++)
		if (p->party[i].role && strcmp(p->party[i].role, role) == 0)
			return &p->party[i];
	for (i = 0; ref && i < p->st.nparty; i++)
		for (s = p->party[i].ids; s; s = strchr(s, '\n'), s = s ? s + 1 :
		    NULL)
			if (strncmp(s, ref, n) == 0 &&
			    (s[n] == '\n' || s[n] == '\0'))
				return &p->party[i];
	return NULL;
}

static struct pl_ot_party *
cur_party(struct pl_parse *p)
{
	return p->st.cur >= 0 ? &p->party[p->st.cur] : NULL;
}

/* UNCL4461 payment means for openTRANS's choice of payment. */
static const char *
payment_means(int tag)
{
	switch (tag) {
	case n_CASH: return "10";	/* in cash */
	case n_CHECK: return "20";	/* cheque */
	case n_ACCOUNT: return "30";	/* credit transfer */
	case n_CARD: return "48";	/* bank card */
	case n_DEBIT: return "49";	/* direct debit */
	}
	return NULL;
}

void
pl_opentrans_start(struct pl_parse *p, const struct pl_xml_elem *e)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (p->ot_names.names == NULL) {
		p->ot_names.names = name_list;
		p->ot_names.n = (int)(sizeof(name_list) / sizeof(name_list[0]));
	}
	if (d == 1)
		st->cur = -1;
	if (up <= 0 || d >= 64 || !e->ns || (strcmp(e->ns, OT_NS) != 0 &&
	    strcmp(e->ns, BMECAT_NS) != 0) ||
	    (tag = pl_xml_name_id(x, &p->ot_names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_PARTY:
		if (up != n_PARTIES)
			break;
		if (st->nparty == PL_OT_MAX_PARTY) {
			if (st->cur != -2)
				pl_parse_warn(p, 0, "more than %d parties: the "
				    "others are not read", PL_OT_MAX_PARTY);
			st->cur = -2;
			x->tag[d] = -1;
			break;
		}
		st->cur = st->nparty++;
		memset(cur_party(p), 0, sizeof(struct pl_ot_party));
		break;
	case n_ADDRESS:
		memset(st->addr, 0, sizeof(st->addr));
		break;
	case n_ORDER_ITEM:
		if (up == n_ORDER_ITEM_LIST)
			st->line = pl_order_add_line(&p->o);
		st->ref = NULL;
		break;
	case n_MIME_INFO:
		if (up != n_ORDER_INFO && up != n_ORDER_ITEM &&
		    up != n_AGREEMENT)
			x->tag[d] = -1;
		break;
	case n_MIME:
		st->item = pl_order_add_item(&p->o, "doc", st->line != NULL);
		break;
	case n_FEATURE:
		st->item = st->line ? pl_order_add_item(&p->o, "prop", 1) :
		    NULL;
		break;
	case n_CARD:
	case n_ACCOUNT:
	case n_DEBIT:
	case n_CHECK:
	case n_CASH:
		if (up == n_PAYMENT)
			*O(payment_means) = payment_means(tag);
		break;
	case n_PARTY_ID:
	case n_INTERNATIONAL_PID:
	case n_BUYER_IDREF:
	case n_SUPPLIER_IDREF:
	case n_DELIVERY_IDREF:
		a = pl_xml_attr(x, e, "type");
		break;
	case n_REMARKS:
	case n_TRANSPORT_REMARK:
		a = pl_xml_attr(x, e, "lang");
		break;
	}
	st->attr[d] = a ? pl_order_text(&p->o, a, 1) : NULL;
}

/* A PARTY's own elements. */
static void
party_end(struct pl_parse *p, int tag, int up, const char *text,
    const char *attr)
{
	struct pl_ot_party *q = cur_party(p);
	const char *t;

	if (q == NULL)
		return;
	switch (tag) {
	case n_PARTY_ID:
		if (up != n_PARTY || (t = pl_order_text(&p->o, text, 1)) == NULL)
			break;
		if (q->id == NULL) {
			q->id = t;
			q->scheme = attr;
		}
		pl_parse_join(p, &q->ids, t, "\n", 1);
		break;
	case n_PARTY_ROLE:
		if (up == n_PARTY)
			SET(&q->role, text);
		break;
	case n_NAME:
		if (up == n_ADDRESS)
			SET(&q->name, text);
		break;
	case n_ADDRESS:
		if (up == n_PARTY && q->address == NULL) {
			q->address = pl_parse_address(p);
			q->country = p->st.addr[PL_ADDR_COUNTRY];
		}
		break;
	}
}

void
pl_opentrans_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	const char *attr = d < 64 ? st->attr[d] : NULL;
	struct pl_order_line *line = st->line;
	struct pl_order_item *it = st->item;
	const char **part = NULL;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_PARTY_ID:
	case n_PARTY_ROLE:
	case n_NAME:
	case n_ADDRESS:
		party_end(p, tag, up, text, attr);
		break;
	case n_PARTY:
		st->cur = -1;
		break;
	case n_STREET: part = &st->addr[PL_ADDR_LINE1]; break;
	case n_NAME2: part = &st->addr[PL_ADDR_LINE2]; break;
	case n_NAME3: part = &st->addr[PL_ADDR_LINE3]; break;
	case n_ZIP: part = &st->addr[PL_ADDR_ZONE]; break;
	case n_CITY: part = &st->addr[PL_ADDR_CITY]; break;
	case n_STATE: part = &st->addr[PL_ADDR_REGION]; break;
	case n_COUNTRY_CODED: part = &st->addr[PL_ADDR_COUNTRY]; break;
	case n_ORDER_ID:
		if (up == n_ORDER_INFO)
			SET(O(number), text);
		else if (up == n_CUSTOMER_ORDER_REFERENCE && up2 == n_ORDER_INFO)
			SET(O(buyer_ref), text);
		break;
	case n_ORDER_DATE:
		if (up == n_ORDER_INFO)
			pl_parse_datetime(p, "ORDER_DATE", text, O(issue_date),
			    O(issue_time));
		break;
	case n_DELIVERY_START_DATE:
	case n_DELIVERY_END_DATE:
		if (up != n_DELIVERY_DATE)
			break;
		if (up2 == n_ORDER_INFO)
			pl_parse_datetime(p, e->name, text,
			    tag == n_DELIVERY_START_DATE ? O(delivery_from) :
			    O(delivery_to), NULL);
		else if (up2 == n_ORDER_ITEM && line)
			pl_parse_datetime(p, e->name, text,
			    tag == n_DELIVERY_START_DATE ? L(delivery_from) :
			    L(delivery_to), NULL);
		break;
	case n_BUYER_IDREF:
	case n_SUPPLIER_IDREF:
		if (up == n_ORDER_PARTIES_REFERENCE) {
			int r = tag == n_BUYER_IDREF ? R_BUYER : R_SUPPLIER;

			SET(&st->idref[r], text);
			st->idref_type[r] = attr;
		}
		break;
	case n_DELIVERY_IDREF:
		if (up != n_SHIPMENT_PARTIES_REFERENCE)
			break;
		if (up2 == n_ORDER_PARTIES_REFERENCE)
			SET(&st->idref[R_DELIVERY], text);
		else if (up2 == n_ORDER_ITEM && line)
			SET(&st->ref, text);
		break;
	case n_CURRENCY:
		if (up == n_ORDER_INFO)
			SET(O(currency), text);
		break;
	case n_PAYMENT_TERM:
		if (up == n_PAYMENT_TERMS)
			pl_parse_join(p, O(payment_terms), text, "; ", 1);
		break;
	case n_DAYS:
		if (up == n_TIME_FOR_PAYMENT && up2 == n_PAYMENT_TERMS)
			st->desc = pl_order_text(&p->o, text, 1);
		break;
	case n_DISCOUNT_FACTOR:
		if (up == n_TIME_FOR_PAYMENT)
			st->short_name = pl_order_text(&p->o, text, 1);
		break;
	case n_TIME_FOR_PAYMENT:
		if (up == n_PAYMENT_TERMS && st->desc) {
			char tmp[256];

			if (st->short_name)
				snprintf(tmp, sizeof(tmp), "%.60s days, discount "
				    "factor %.60s", st->desc, st->short_name);
			else
				snprintf(tmp, sizeof(tmp), "net %.60s days",
				    st->desc);
			pl_parse_join(p, O(payment_terms), tmp, "; ", 1);
		}
		st->desc = st->short_name = NULL;
		break;
	case n_INCOTERM:
		if (up == n_TRANSPORT && up2 == n_ORDER_INFO)
			SET(O(incoterm), text);
		break;
	case n_LOCATION:
		if (up == n_TRANSPORT && up2 == n_ORDER_INFO)
			SET(O(incoterm_place), text);
		break;
	case n_TRANSPORT_REMARK:
		if (up == n_TRANSPORT && up2 == n_ORDER_INFO)
			pl_parse_note(p, 0, "delivery", attr, text);
		break;
	case n_REMARKS:
		if (up == n_ORDER_INFO)
			pl_parse_note(p, 0, "order", attr, text);
		else if (up == n_ORDER_ITEM && line)
			pl_parse_note(p, 1, "line", attr, text);
		break;
	case n_QUOTATION_ID:
		if (up == n_SOURCING_INFO && up2 == n_ORDER_HEADER)
			SET(O(quotation), text);
		break;
	case n_AGREEMENT_ID:
		if (up == n_AGREEMENT && d == 4)
			SET(O(contract), text);
		break;
	case n_MIME_SOURCE:
		if (up == n_MIME && it)
			SET(&it->f[PL_doc_uri], text);
		break;
	case n_MIME_TYPE:
		if (up == n_MIME && it)
			SET(&it->f[PL_doc_mime], text);
		break;
	case n_MIME_DESCR:
		if (up == n_MIME && it)
			SET(&it->f[PL_doc_type], text);
		break;
	case n_MIME_PURPOSE:
		if (up == n_MIME && it)
			st->value_qty = pl_order_text(&p->o, text, 1);
		break;
	case n_MIME:
		if (it && it->f[PL_doc_type] == NULL)
			it->f[PL_doc_type] = st->value_qty;
		if (it && it->f[PL_doc_uri] == NULL)
			pl_order_drop_item(&p->o);
		st->item = NULL;
		st->value_qty = NULL;
		break;
	case n_LINE_ITEM_ID:
		if (up == n_ORDER_ITEM && line)
			SET(L(id), text);
		break;
	case n_SUPPLIER_PID:
		if (up == n_PRODUCT_ID && line)
			SET(L(seller_item), text);
		break;
	case n_BUYER_PID:
		if (up == n_PRODUCT_ID && line)
			SET(L(buyer_item), text);
		break;
	case n_INTERNATIONAL_PID:
		if (up == n_PRODUCT_ID && line && !line->f[PL_line_std_item]) {
			SET(L(std_item), text);
			SET(L(std_scheme), attr);
		}
		break;
	case n_DESCRIPTION_SHORT:
		if (up == n_PRODUCT_ID && line)
			SET(L(item_name), text);
		break;
	case n_DESCRIPTION_LONG:
		if (up == n_PRODUCT_ID && line)
			pl_parse_join(p, L(description), text, "\n", 0);
		break;
	case n_LOT_NUMBER:
		if (up == n_PRODUCT_ID)
			pl_parse_prop(p, 1, "lot", text, NULL);
		break;
	case n_SERIAL_NUMBER:
		if (up == n_PRODUCT_ID)
			pl_parse_prop(p, 1, "serial", text, NULL);
		break;
	case n_MANUFACTURER_PID:
		if (up == n_MANUFACTURER_INFO && up2 == n_PRODUCT_ID)
			pl_parse_prop(p, 1, "manufacturer part", text, NULL);
		break;
	case n_FNAME:
		if (up == n_FEATURE && it)
			SET(&it->f[PL_prop_name], text);
		break;
	case n_FVALUE:
		if (up == n_FEATURE && it)
			pl_parse_join(p, &it->f[PL_prop_value], text, "; ", 1);
		break;
	case n_FUNIT:
		if (up == n_FEATURE && it)
			SET(&it->f[PL_prop_unit], text);
		break;
	case n_FEATURE:
		if (it && it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&p->o);
		st->item = NULL;
		break;
	case n_QUANTITY:
		if (up == n_ORDER_ITEM && line)
			SET(L(quantity), text);
		break;
	case n_ORDER_UNIT:
		if (up == n_ORDER_ITEM && line)
			SET(L(unit), text);
		break;
	case n_PRICE_AMOUNT:
		if (up == n_PRODUCT_PRICE_FIX && up2 == n_ORDER_ITEM && line)
			SET(L(price), text);
		break;
	case n_PRICE_CURRENCY:
		if (up == n_PRODUCT_PRICE_FIX && up2 == n_ORDER_ITEM && line)
			SET(L(currency), text);
		break;
	case n_PRICE_QUANTITY:
		if (up == n_PRODUCT_PRICE_FIX && up2 == n_ORDER_ITEM && line)
			SET(L(base_qty), text);
		break;
	case n_PRICE_LINE_AMOUNT:
		if (up == n_ORDER_ITEM && line)
			SET(L(amount), text);
		break;
	case n_TOTAL_AMOUNT:
		if (up == n_ORDER_SUMMARY)
			SET(O(total), text);
		break;
	case n_ORDER_ITEM:
		if (line && st->ref) {
			const struct pl_ot_party *q = find_party(p, NULL,
			    st->ref);

			if (q) {
				line->f[PL_line_delivery_address] = q->address;
				line->f[PL_line_delivery_country] = q->country;
			}
		}
		st->line = NULL;
		break;
	}
	if (part && up == n_ADDRESS)
		*part = pl_order_text(&p->o, text, 1);
}

void
pl_opentrans_finish(struct pl_parse *p)
{
	struct pl_parse_state *st = &p->st;
	const struct pl_ot_party *q;

	if ((q = find_party(p, "buyer", st->idref[R_BUYER])) != NULL) {
		*O(buyer_id) = q->id;
		*O(buyer_scheme) = q->id ? q->scheme : NULL;
		*O(buyer_name) = q->name;
		*O(buyer_country) = q->country;
	} else {
		/* the reference is the buyer's id, even with no party */
		*O(buyer_id) = st->idref[R_BUYER];
		*O(buyer_scheme) = st->idref_type[R_BUYER];
	}
	if ((q = find_party(p, "supplier", st->idref[R_SUPPLIER])) != NULL) {
		*O(seller_id) = q->id;
		*O(seller_name) = q->name;
		*O(seller_country) = q->country;
	} else {
		*O(seller_id) = st->idref[R_SUPPLIER];
	}
	if ((q = find_party(p, "delivery", st->idref[R_DELIVERY])) != NULL) {
		*O(delivery_party) = q->name;
		*O(delivery_address) = q->address;
		*O(delivery_country) = q->country;
	}
}
