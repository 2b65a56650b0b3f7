/*
 * cxml.c: cXML OrderRequest read into the order model from SAX events.
 * cXML elements are in no namespace; the buyer is the first From
 * credential, the seller the first To credential.  Elements in a
 * namespace are skipped with their subtree.
 */
#include "cxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define O(col) (&r->o.f[PL_order_##col])
#define L(col) (&r->line->f[PL_line_##col])
#define SET(dst, s) pl_reader_set(r, (dst), (s), 1)
#define ATTR(a) pl_xml_attr(&r->x, e, (a))

#define NAMES(X) X(Header) X(From) X(To) X(Credential) X(Identity) \
	X(Request) X(OrderRequest) X(OrderRequestHeader) X(Total) X(Money) \
	X(ShipTo) X(BillTo) X(Address) X(Name) X(PostalAddress) X(Country) \
	X(PaymentTerm) X(TermsOfDelivery) X(TransportTerms) X(Comments) \
	X(Attachment) X(URL) X(Extrinsic) X(ItemOut) X(ItemID) \
	X(SupplierPartID) X(BuyerPartID) X(ItemDetail) X(UnitPrice) \
	X(Description) X(ShortName) X(UnitOfMeasure) X(Classification) \
	X(ManufacturerPartID) X(ItemDetailIndustry) X(ItemDetailRetail) \
	X(EANID) X(Message) X(PunchOutOrderMessage) X(Response) \
	X(DocumentReference)

#define ENUM(n) n_##n,
enum { n_unknown, NAMES(ENUM) n_root = PL_XML_ROOT };
#undef ENUM
#define STR(n) #n,
static const char *const name_list[] = { NAMES(STR) };
#undef STR

enum { TOLD_MESSAGE = 1, SEEN_BILLTO = 2 };

/*
 * cXML names the Incoterms in words (TransportTerms/@value, cXML User's
 * Guide); the stream carries the Incoterms code.  "Other" means the text
 * says what was agreed.
 */
static void
transport_terms(struct pl_reader *r, const char *value, const char *text)
{
	static const char *const words[][2] = {
		{ "ExWorks", "EXW" }, { "FreeCarrier", "FCA" },
		{ "FreeAlongsideShip", "FAS" }, { "FreeOnBoard", "FOB" },
		{ "CostAndFreight", "CFR" }, { "CostInsuranceAndFreight", "CIF" },
		{ "CarriagePaidTo", "CPT" },
		{ "CarriageAndInsurancePaidTo", "CIP" },
		{ "DeliveredAtPlace", "DAP" },
		{ "DeliveredAtPlaceUnloaded", "DPU" },
		{ "DeliveredAtTerminal", "DAT" }, { "DeliveredDutyPaid", "DDP" },
		{ "DeliveredDutyUnpaid", "DDU" },
		{ "DeliveredAtFrontier", "DAF" }, { "DeliveredExShip", "DES" },
		{ "DeliveredExQuay", "DEQ" } };
	size_t i;

	for (i = 0; value && i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(value, words[i][0]) == 0) {
			if (*O(incoterm) == NULL)
				*O(incoterm) = words[i][1];
			SET(O(incoterm_place), text);
			return;
		}
	SET(O(incoterm), text);
	if (value && strcmp(value, "Other") != 0)
		SET(O(incoterm), value);
}

/*
 * The kind of OrderRequest (cXML User's Guide: type "new", "update" or
 * "delete"; orderVersion is 1 for the original and counts up) and, for an
 * update or delete, the document it follows (DocumentReference).
 */
static int
order_type(struct pl_reader *r, const struct pl_xml_elem *e)
{
	const char *s = ATTR("type"), *v;
	char *end;
	long n;

	if (s == NULL || strcmp(s, "new") == 0)
		return 0;
	if (strcmp(s, "update") == 0)
		*O(doctype) = "change";
	else if (strcmp(s, "delete") == 0)
		*O(doctype) = "cancel";
	else
		return pl_xml_fail(&r->x, 0, "a cXML OrderRequest of type '%s': "
		    "not new, update or delete", s);
	*O(seq) = NULL;
	if ((v = ATTR("orderVersion")) == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < 1 || n > 1000000) {
		pl_reader_warn(r, 0, "orderVersion '%s' is not a version "
		    "number (1, 2, ...); the sequence number is left out", v);
		return 0;
	}
	if (n == 1)
		pl_reader_warn(r, 0, "an OrderRequest of type '%s' with "
		    "orderVersion 1, the original's version", s);
	else {
		char tmp[24];

		snprintf(tmp, sizeof(tmp), "%ld", n - 1);
		*O(seq) = pl_order_strn(&r->o, tmp, strlen(tmp));
	}
	return 0;
}

/* Where an element's text goes, by its place. */
static const struct pl_reader_path paths[] = {
	{ n_Identity, { n_Credential, n_To }, 4, PL_R_O(seller_id) },
	{ n_Money, { n_Total, n_OrderRequestHeader }, 0,
	    PL_R_OA(total, currency) },
	{ n_Money, { n_UnitPrice, n_ItemDetail }, 0, PL_R_LA(price, currency) },
	{ n_Name, { n_Address, n_ShipTo, n_OrderRequestHeader }, 0,
	    PL_R_O(delivery_party) },
	{ n_Name, { n_Address, n_BillTo, n_OrderRequestHeader }, 0,
	    PL_R_O(buyer_name) },
	{ n_Comments, { n_OrderRequestHeader }, 0, PL_R_NOTE_O("order") },
	{ n_Comments, { n_ItemOut }, 0, PL_R_NOTE_L("line") },
	{ n_Comments, { n_TermsOfDelivery }, 0, PL_R_NOTE_O("delivery") },
	{ n_SupplierPartID, { n_ItemID }, 0, PL_R_L(seller_item) },
	{ n_BuyerPartID, { n_ItemID }, 0, PL_R_L(buyer_item) },
	{ n_UnitOfMeasure, { n_ItemDetail }, 0, PL_R_L(unit) },
	{ n_Classification, { n_ItemDetail }, 0,
	    PL_R_PROP_LU("classification") },
	{ n_ManufacturerPartID, { n_ItemDetail }, 0,
	    PL_R_PROP_L("manufacturer part") },
};

/* What a cXML document keeps while it is read. */
struct pl_cxml {
	struct pl_reader_table table;	/* its names and paths */
	int in_order, have_header, told;
	long header_line;
	const char *desc, *short_name;	/* the line's Description */
};

static void
cxml_begin(struct pl_reader *r, void *state, const struct pl_xml_elem *root)
{
	struct pl_cxml *s = state;

	(void)root;
	pl_reader_table_ready(r, &s->table, name_list, PL_READER_N(name_list),
	    paths, PL_READER_N(paths));
	*O(standard) = "cxml";
	s->in_order = s->have_header = s->told = 0;
	s->header_line = 0;
	s->desc = s->short_name = NULL;
}

static void
cxml_start(struct pl_reader *r, void *state, const struct pl_xml_elem *e)
{
	struct pl_cxml *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, up = x->tag[d - 1], tag;
	const char *a = NULL, *days;
	struct pl_order_item *it;

	if (up < 0 || e->ns != NULL) {
		x->tag[d] = -1;
		return;
	}
	tag = x->tag[d] = pl_xml_name_id(x, &s->table.names, e->name);
	if (d == 2 && (up == n_Message || up == n_Response)) {
		pl_xml_fail(x, 0, "a cXML %s, not an order", e->name);
		return;
	}
	if (d == 2 && up == n_Request) {
		if (tag != n_OrderRequest)
			pl_xml_fail(x, 0, "a cXML %s, not an order", e->name);
		s->in_order = 1;
		return;
	}
	switch (tag) {
	case n_OrderRequestHeader:
		if (up != n_OrderRequest || s->have_header++) {
			x->tag[d] = -1;
			break;
		}
		if (order_type(r, e) < 0)
			break;
		s->header_line = pl_xml_line(x);
		SET(O(number), ATTR("orderID"));
		SET(O(type_code), ATTR("orderType"));
		pl_reader_datetime(r, "orderDate", ATTR("orderDate"), O(issue_date),
		    O(issue_time));
		pl_reader_datetime(r, "requestedDeliveryDate",
		    ATTR("requestedDeliveryDate"), O(delivery_to), NULL);
		break;
	case n_Message:
	case n_PunchOutOrderMessage:
		if (s->in_order && !(s->told & TOLD_MESSAGE)) {
			s->told |= TOLD_MESSAGE;
			pl_reader_warn(r, 0, "'%s' inside an OrderRequest is not "
			    "cXML; its ItemOut elements are read as order "
			    "lines", e->name);
		}
		break;
	case n_ItemOut:
		if (!s->in_order || (r->line = pl_order_add_line(&r->o)) ==
		    NULL)
			break;
		SET(L(id), ATTR("lineNumber"));
		if (r->line->f[PL_line_id] == NULL) {
			pl_reader_warn(r, 0, "ItemOut without lineNumber: line %s "
			    "numbered by its position", r->line->f[PL_line_pos]);
			r->line->f[PL_line_id] = r->line->f[PL_line_pos];
		}
		SET(L(quantity), ATTR("quantity"));
		pl_reader_datetime(r, "requestedDeliveryDate",
		    ATTR("requestedDeliveryDate"), L(delivery_to), NULL);
		s->desc = s->short_name = NULL;
		break;
	case n_PostalAddress:
		r->addr[0] = r->addr[1] = NULL;
		break;
	case n_BillTo:
		s->told |= SEEN_BILLTO;
		break;
	case n_DocumentReference:
		/* an update or delete names the OrderRequest it follows */
		if (up == n_OrderRequestHeader &&
		    (it = pl_reader_item(r, "doc", 0, PL_doc_ref,
		    ATTR("payloadID"), 1)) != NULL)
			it->f[PL_doc_type] = "OrderRequest";
		break;
	case n_PaymentTerm:
		if (up == n_OrderRequestHeader &&
		    (days = ATTR("payInNumberOfDays")) != NULL) {
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "net %.20s days", days);
			SET(O(payment_terms), tmp);
		}
		break;
	case n_Credential: a = ATTR("domain"); break;
	case n_Money: a = ATTR("currency"); break;
	case n_Country: a = ATTR("isoCountryCode"); break;
	case n_TransportTerms: a = ATTR("value"); break;
	case n_Extrinsic: a = ATTR("name"); break;
	case n_Classification: a = ATTR("domain"); break;
	case n_Comments: a = ATTR("xml:lang"); break;
	}
	if (d < 64)
		r->attr[d] = a ? pl_order_text(&r->o, a, 1) : NULL;
}

static void
cxml_end(struct pl_reader *r, void *state, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_cxml *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	int up3 = d >= 3 ? x->tag[d - 3] : 0;
	const char *attr = d < PL_READER_DEPTH ? r->attr[d] : NULL;
	struct pl_order_line *line = r->line;

	if (tag < 0 || tag == n_root)
		return;
	switch (tag) {
	case n_Identity:
		if (up == n_Credential && up2 == n_From && d == 4 &&
		    !*O(buyer_id)) {
			SET(O(buyer_id), text);
			SET(O(buyer_scheme), r->attr[d - 1]);
			return;
		}
		break;
	case n_Country:
		if (up == n_PostalAddress) {
			r->addr[1] = attr;
			pl_reader_join(r, &r->addr[0], attr ? attr : text,
			    ", ", 1);
		}
		return;
	case n_Extrinsic:
		if (up == n_PostalAddress)
			return;
		if (up == n_OrderRequestHeader || up == n_ItemDetail)
			pl_reader_prop(r, up == n_ItemDetail, attr, text, NULL);
		return;
	case n_PostalAddress:
		if (up != n_Address || up2 == n_BillTo) {
			if (up2 == n_BillTo && up3 == n_OrderRequestHeader)
				SET(O(buyer_country), r->addr[1]);
		} else if (up2 == n_ShipTo && up3 == n_OrderRequestHeader &&
		    !*O(delivery_address)) {
			*O(delivery_address) = r->addr[0];
			SET(O(delivery_country), r->addr[1]);
		} else if (up2 == n_ShipTo && up3 == n_ItemOut && line &&
		    !line->f[PL_line_delivery_address]) {
			*L(delivery_address) = r->addr[0];
			SET(L(delivery_country), r->addr[1]);
		}
		return;
	case n_TransportTerms:
		if (up == n_TermsOfDelivery && up2 == n_OrderRequestHeader)
			transport_terms(r, attr, text);
		return;
	case n_URL:
		if (up == n_Attachment && up2 == n_Comments)
			pl_reader_item(r, "doc", up3 == n_ItemOut, PL_doc_uri,
			    text, 1);
		return;
	case n_Description:
		if (up == n_ItemDetail && line)
			s->desc = pl_order_text(&r->o, text, 0);
		return;
	case n_ShortName:
		if (up == n_Description && line)
			s->short_name = pl_order_text(&r->o, text, 1);
		return;
	case n_EANID:
		if (up == n_ItemDetailRetail && line) {
			SET(L(std_item), text);
			if (line->f[PL_line_std_item])
				line->f[PL_line_std_scheme] = "EAN";
		}
		return;
	case n_ItemOut:
		if (line == NULL)
			return;
		if (s->short_name) {
			line->f[PL_line_item_name] = s->short_name;
			line->f[PL_line_description] = s->desc;
		} else if (s->desc) {
			line->f[PL_line_item_name] = pl_order_text(&r->o,
			    s->desc, 1);
		}
		r->line = NULL;
		return;
	case n_OrderRequestHeader:
		if (!(s->told & SEEN_BILLTO))
			pl_reader_warn(r, s->header_line, "OrderRequestHeader "
			    "without BillTo: the buyer has no name");
		return;
	}
	/* the parts of a PostalAddress, in document order */
	if (!pl_reader_map(r, &s->table, e, text, attr) &&
	    up == n_PostalAddress && up2 == n_Address)
		pl_reader_join(r, &r->addr[0], text, ", ", 1);
}

static int
cxml_finish(struct pl_reader *r, void *state)
{
	struct pl_cxml *s = state;

	if (!s->in_order)
		return pl_xml_fail(&r->x, 0, "a cXML document without a "
		    "Request, not an order");
	if (!s->have_header)
		return pl_xml_fail(&r->x, 0, "OrderRequest without "
		    "OrderRequestHeader");
	if (r->o.f[PL_order_currency] == NULL && r->o.nline > 0)
		r->o.f[PL_order_currency] = r->o.line[0].f[PL_line_currency];
	return 0;
}

const struct pl_reader_std pl_cxml_reader = {
	sizeof(struct pl_cxml), cxml_begin, cxml_start, cxml_end, cxml_finish
};
