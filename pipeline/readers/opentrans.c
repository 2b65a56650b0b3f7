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
#include "opentrans.h"

#include <stdio.h>
#include <string.h>

#define O(col) (&r->o.f[PL_order_##col])
#define L(col) (&r->line->f[PL_line_##col])
#define SET(dst, s) pl_reader_set(r, (dst), (s), 1)

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

/* Where an element's text goes, by its place. */
static const struct pl_reader_path paths[] = {
	{ n_STREET, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_LINE1) },
	{ n_NAME2, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_LINE2) },
	{ n_NAME3, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_LINE3) },
	{ n_ZIP, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_ZONE) },
	{ n_CITY, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_CITY) },
	{ n_STATE, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_REGION) },
	{ n_COUNTRY_CODED, { n_ADDRESS }, 0, PL_R_ADDR_(PL_ADDR_COUNTRY) },
	{ n_ORDER_ID, { n_ORDER_INFO }, 0, PL_R_O(number) },
	{ n_ORDER_ID, { n_CUSTOMER_ORDER_REFERENCE, n_ORDER_INFO }, 0,
	    PL_R_O(buyer_ref) },
	{ n_ORDER_DATE, { n_ORDER_INFO }, 0, PL_R_ORDER, PL_R_DATE, 0,
	    PL_order_issue_date, PL_order_issue_time, NULL },
	{ n_DELIVERY_START_DATE, { n_DELIVERY_DATE, n_ORDER_INFO }, 0,
	    PL_R_ORDER, PL_R_DATE, 0, PL_order_delivery_from, -1, NULL },
	{ n_DELIVERY_START_DATE, { n_DELIVERY_DATE, n_ORDER_ITEM }, 0,
	    PL_R_LINE, PL_R_DATE, 0, PL_line_delivery_from, -1, NULL },
	{ n_DELIVERY_END_DATE, { n_DELIVERY_DATE, n_ORDER_INFO }, 0,
	    PL_R_ORDER, PL_R_DATE, 0, PL_order_delivery_to, -1, NULL },
	{ n_DELIVERY_END_DATE, { n_DELIVERY_DATE, n_ORDER_ITEM }, 0,
	    PL_R_LINE, PL_R_DATE, 0, PL_line_delivery_to, -1, NULL },
	{ n_CURRENCY, { n_ORDER_INFO }, 0, PL_R_O(currency) },
	{ n_PAYMENT_TERM, { n_PAYMENT_TERMS }, 0,
	    PL_R_JOIN_O(payment_terms, "; ") },
	{ n_INCOTERM, { n_TRANSPORT, n_ORDER_INFO }, 0, PL_R_O(incoterm) },
	{ n_LOCATION, { n_TRANSPORT, n_ORDER_INFO }, 0,
	    PL_R_O(incoterm_place) },
	{ n_TRANSPORT_REMARK, { n_TRANSPORT, n_ORDER_INFO }, 0,
	    PL_R_NOTE_O("delivery") },
	{ n_REMARKS, { n_ORDER_INFO }, 0, PL_R_NOTE_O("order") },
	{ n_REMARKS, { n_ORDER_ITEM }, 0, PL_R_NOTE_L("line") },
	{ n_QUOTATION_ID, { n_SOURCING_INFO, n_ORDER_HEADER }, 0,
	    PL_R_O(quotation) },
	{ n_AGREEMENT_ID, { n_AGREEMENT }, 4, PL_R_O(contract) },
	{ n_MIME_SOURCE, { n_MIME }, 0, PL_R_DOC(uri) },
	{ n_MIME_TYPE, { n_MIME }, 0, PL_R_DOC(mime) },
	{ n_MIME_DESCR, { n_MIME }, 0, PL_R_DOC(type) },
	{ n_LINE_ITEM_ID, { n_ORDER_ITEM }, 0, PL_R_L(id) },
	{ n_SUPPLIER_PID, { n_PRODUCT_ID }, 0, PL_R_L(seller_item) },
	{ n_BUYER_PID, { n_PRODUCT_ID }, 0, PL_R_L(buyer_item) },
	{ n_INTERNATIONAL_PID, { n_PRODUCT_ID }, 0, PL_R_LINE, PL_R_SET,
	    PL_R_FIRST, PL_line_std_item, PL_line_std_scheme, NULL },
	{ n_DESCRIPTION_SHORT, { n_PRODUCT_ID }, 0, PL_R_L(item_name) },
	{ n_DESCRIPTION_LONG, { n_PRODUCT_ID }, 0, PL_R_LINES_L(description) },
	{ n_LOT_NUMBER, { n_PRODUCT_ID }, 0, PL_R_PROP_L("lot") },
	{ n_SERIAL_NUMBER, { n_PRODUCT_ID }, 0, PL_R_PROP_L("serial") },
	{ n_MANUFACTURER_PID, { n_MANUFACTURER_INFO, n_PRODUCT_ID }, 0,
	    PL_R_PROP_L("manufacturer part") },
	{ n_FNAME, { n_FEATURE }, 0, PL_R_P(name) },
	{ n_FVALUE, { n_FEATURE }, 0, PL_R_ITEM, PL_R_JOIN, 0, PL_prop_value,
	    -1, "; " },
	{ n_FUNIT, { n_FEATURE }, 0, PL_R_P(unit) },
	{ n_QUANTITY, { n_ORDER_ITEM }, 0, PL_R_L(quantity) },
	{ n_ORDER_UNIT, { n_ORDER_ITEM }, 0, PL_R_L(unit) },
	{ n_PRICE_AMOUNT, { n_PRODUCT_PRICE_FIX, n_ORDER_ITEM }, 0,
	    PL_R_L(price) },
	{ n_PRICE_CURRENCY, { n_PRODUCT_PRICE_FIX, n_ORDER_ITEM }, 0,
	    PL_R_L(currency) },
	{ n_PRICE_QUANTITY, { n_PRODUCT_PRICE_FIX, n_ORDER_ITEM }, 0,
	    PL_R_L(base_qty) },
	{ n_PRICE_LINE_AMOUNT, { n_ORDER_ITEM }, 0, PL_R_L(amount) },
	{ n_TOTAL_AMOUNT, { n_ORDER_SUMMARY }, 0, PL_R_O(total) },
};

/* An openTRANS PARTY, kept until ORDER_PARTIES_REFERENCE says who is who. */
struct party {
	const char *ids;	/* every PARTY_ID, each followed by LF */
	const char *id, *scheme, *role, *name, *country, *address;
};

#define MAX_PARTY 32

/* Who is who: ORDER_PARTIES_REFERENCE's three references. */
enum { R_BUYER, R_SUPPLIER, R_DELIVERY };

/* What an openTRANS document keeps while it is read. */
struct pl_opentrans {
	struct pl_reader_table table;	/* its names and paths */
	struct party party[MAX_PARTY];
	int nparty, cur;	/* parties read, and the one being read (-1
				   none, -2 one too many) */
	const char *idref[3], *idref_type[3];	/* buyer, supplier, delivery
						   party references */
	const char *ref;	/* IDREF of the line's delivery party */
	const char *days, *discount;	/* TIME_FOR_PAYMENT's */
	const char *purpose;	/* MIME_PURPOSE */
};

/* The party with role, else the one that holds the id ref, or NULL. */
static const struct party *
find_party(struct pl_opentrans *s, const char *role, const char *ref)
{
	size_t n = ref ? strlen(ref) : 0;
	const char *t;
	int i;

	for (i = 0; role && i < s->nparty; i++)
		if (s->party[i].role && strcmp(s->party[i].role, role) == 0)
			return &s->party[i];
	for (i = 0; ref && i < s->nparty; i++)
		for (t = s->party[i].ids; t; t = strchr(t, '\n'), t = t ? t + 1 :
		    NULL)
			if (strncmp(t, ref, n) == 0 &&
			    (t[n] == '\n' || t[n] == '\0'))
				return &s->party[i];
	return NULL;
}

static struct party *
cur_party(struct pl_opentrans *s)
{
	return s->cur >= 0 ? &s->party[s->cur] : NULL;
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

static void
opentrans_begin(struct pl_reader *r, void *state,
    const struct pl_xml_elem *root)
{
	struct pl_opentrans *s = state;

	pl_reader_table_ready(r, &s->table, name_list, PL_READER_N(name_list),
	    paths, PL_READER_N(paths));
	*O(standard) = "opentrans";
	SET(O(type_code), pl_xml_attr(&r->x, root, "type"));
	s->nparty = s->cur = 0;
	memset(s->idref, 0, sizeof(s->idref));
	memset(s->idref_type, 0, sizeof(s->idref_type));
	s->ref = s->days = s->discount = s->purpose = NULL;
}

static void
opentrans_start(struct pl_reader *r, void *state,
    const struct pl_xml_elem *e)
{
	struct pl_opentrans *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (d == 1)
		s->cur = -1;
	if (up <= 0 || d >= PL_READER_DEPTH || !e->ns ||
	    (strcmp(e->ns, OT_NS) != 0 && strcmp(e->ns, BMECAT_NS) != 0) ||
	    (tag = pl_xml_name_id(x, &s->table.names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_PARTY:
		if (up != n_PARTIES)
			break;
		if (s->nparty == MAX_PARTY) {
			if (s->cur != -2)
				pl_reader_warn(r, 0, "more than %d parties: the "
				    "others are not read", MAX_PARTY);
			s->cur = -2;
			x->tag[d] = -1;
			break;
		}
		s->cur = s->nparty++;
		memset(cur_party(s), 0, sizeof(struct party));
		break;
	case n_ADDRESS:
		memset(r->addr, 0, sizeof(r->addr));
		break;
	case n_ORDER_ITEM:
		if (up == n_ORDER_ITEM_LIST)
			r->line = pl_order_add_line(&r->o);
		s->ref = NULL;
		break;
	case n_MIME_INFO:
		if (up != n_ORDER_INFO && up != n_ORDER_ITEM &&
		    up != n_AGREEMENT)
			x->tag[d] = -1;
		break;
	case n_MIME:
		r->item = pl_order_add_item(&r->o, "doc", r->line != NULL);
		break;
	case n_FEATURE:
		r->item = r->line ? pl_order_add_item(&r->o, "prop", 1) : NULL;
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
	r->attr[d] = a ? pl_order_text(&r->o, a, 1) : NULL;
}

/* A PARTY's own elements. */
static void
party_end(struct pl_reader *r, struct pl_opentrans *s, int tag, int up,
    const char *text, const char *attr)
{
	struct party *q = cur_party(s);
	const char *t;

	if (q == NULL)
		return;
	switch (tag) {
	case n_PARTY_ID:
		if (up != n_PARTY || (t = pl_order_text(&r->o, text, 1)) == NULL)
			break;
		if (q->id == NULL) {
			q->id = t;
			q->scheme = attr;
		}
		pl_reader_join(r, &q->ids, t, "\n", 1);
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
			q->address = pl_reader_address(r);
			q->country = r->addr[PL_ADDR_COUNTRY];
		}
		break;
	}
}

static void
opentrans_end(struct pl_reader *r, void *state, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_opentrans *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	const char *attr = d < PL_READER_DEPTH ? r->attr[d] : NULL;
	struct pl_order_line *line = r->line;
	struct pl_order_item *it = r->item;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_PARTY_ID:
	case n_PARTY_ROLE:
	case n_NAME:
	case n_ADDRESS:
		party_end(r, s, tag, up, text, attr);
		return;
	case n_PARTY:
		s->cur = -1;
		return;
	case n_BUYER_IDREF:
	case n_SUPPLIER_IDREF:
		if (up == n_ORDER_PARTIES_REFERENCE) {
			int i = tag == n_BUYER_IDREF ? R_BUYER : R_SUPPLIER;

			SET(&s->idref[i], text);
			s->idref_type[i] = attr;
		}
		return;
	case n_DELIVERY_IDREF:
		if (up != n_SHIPMENT_PARTIES_REFERENCE)
			return;
		if (up2 == n_ORDER_PARTIES_REFERENCE)
			SET(&s->idref[R_DELIVERY], text);
		else if (up2 == n_ORDER_ITEM && line)
			SET(&s->ref, text);
		return;
	case n_DAYS:
		if (up == n_TIME_FOR_PAYMENT && up2 == n_PAYMENT_TERMS)
			s->days = pl_order_text(&r->o, text, 1);
		return;
	case n_DISCOUNT_FACTOR:
		if (up == n_TIME_FOR_PAYMENT)
			s->discount = pl_order_text(&r->o, text, 1);
		return;
	case n_TIME_FOR_PAYMENT:
		if (up == n_PAYMENT_TERMS && s->days) {
			char tmp[256];

			if (s->discount)
				snprintf(tmp, sizeof(tmp), "%.60s days, discount "
				    "factor %.60s", s->days, s->discount);
			else
				snprintf(tmp, sizeof(tmp), "net %.60s days",
				    s->days);
			pl_reader_join(r, O(payment_terms), tmp, "; ", 1);
		}
		s->days = s->discount = NULL;
		return;
	case n_MIME_PURPOSE:
		if (up == n_MIME && it)
			s->purpose = pl_order_text(&r->o, text, 1);
		return;
	case n_MIME:
		if (it && it->f[PL_doc_type] == NULL)
			it->f[PL_doc_type] = s->purpose;
		if (it && it->f[PL_doc_uri] == NULL)
			pl_order_drop_item(&r->o);
		r->item = NULL;
		s->purpose = NULL;
		return;
	case n_FEATURE:
		if (it && it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&r->o);
		r->item = NULL;
		return;
	case n_ORDER_ITEM:
		if (line && s->ref) {
			const struct party *q = find_party(s, NULL, s->ref);

			if (q) {
				line->f[PL_line_delivery_address] = q->address;
				line->f[PL_line_delivery_country] = q->country;
			}
		}
		r->line = NULL;
		return;
	}
	pl_reader_map(r, &s->table, e, text, attr);
}

static int
opentrans_finish(struct pl_reader *r, void *state)
{
	struct pl_opentrans *s = state;
	const struct party *q;

	if ((q = find_party(s, "buyer", s->idref[R_BUYER])) != NULL) {
		*O(buyer_id) = q->id;
		*O(buyer_scheme) = q->id ? q->scheme : NULL;
		*O(buyer_name) = q->name;
		*O(buyer_country) = q->country;
	} else {
		/* the reference is the buyer's id, even with no party */
		*O(buyer_id) = s->idref[R_BUYER];
		*O(buyer_scheme) = s->idref_type[R_BUYER];
	}
	if ((q = find_party(s, "supplier", s->idref[R_SUPPLIER])) != NULL) {
		*O(seller_id) = q->id;
		*O(seller_name) = q->name;
		*O(seller_country) = q->country;
	} else {
		*O(seller_id) = s->idref[R_SUPPLIER];
	}
	if ((q = find_party(s, "delivery", s->idref[R_DELIVERY])) != NULL) {
		*O(delivery_party) = q->name;
		*O(delivery_address) = q->address;
		*O(delivery_country) = q->country;
	}
	return 0;
}

const struct pl_reader_std pl_opentrans_reader = {
	sizeof(struct pl_opentrans), opentrans_begin, opentrans_start,
	opentrans_end, opentrans_finish
};
