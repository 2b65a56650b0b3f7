/*
 * cxml.c: cXML OrderRequest read into the order model from SAX events.
 * cXML elements are in no namespace; the buyer is the first From
 * credential, the seller the first To credential.  Elements in a
 * namespace are skipped with their subtree.
 */
#include "parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define O(col) (&p->o.f[PL_order_##col])
#define L(col) (&p->st.line->f[PL_line_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)
#define ATTR(a) pl_xml_attr(&p->x, e, (a))

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
transport_terms(struct pl_parse *p, const char *value, const char *text)
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
order_type(struct pl_parse *p, const struct pl_xml_elem *e)
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
		return pl_xml_fail(&p->x, 0, "a cXML OrderRequest of type '%s': "
		    "not new, update or delete", s);
	*O(seq) = NULL;
	if ((v = ATTR("orderVersion")) == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < 1 || n > 1000000) {
		pl_parse_warn(p, 0, "orderVersion '%s' is not a version "
		    "number (1, 2, ...); the sequence number is left out", v);
		return 0;
	}
	if (n == 1)
		pl_parse_warn(p, 0, "an OrderRequest of type '%s' with "
		    "orderVersion 1, the original's version", s);
	else {
		char tmp[24];

		snprintf(tmp, sizeof(tmp), "%ld", n - 1);
		*O(seq) = pl_order_strn(&p->o, tmp, strlen(tmp));
	}
	return 0;
}

void
pl_cxml_start(struct pl_parse *p, const struct pl_xml_elem *e)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, up = x->tag[d - 1], tag;
	const char *a = NULL, *s;
	struct pl_order_item *it;

	if (up < 0 || e->ns != NULL) {
		x->tag[d] = -1;
		return;
	}
	if (p->cxml_names.names == NULL) {
		p->cxml_names.names = name_list;
		p->cxml_names.n = (int)(sizeof(name_list) / sizeof(name_list[0]));
	}
	tag = x->tag[d] = pl_xml_name_id(x, &p->cxml_names, e->name);
	if (d == 2 && (up == n_Message || up == n_Response)) {
		pl_xml_fail(x, 0, "a cXML %s, not an order", e->name);
		return;
	}
	if (d == 2 && up == n_Request) {
		if (tag != n_OrderRequest)
			pl_xml_fail(x, 0, "a cXML %s, not an order", e->name);
		st->in_order = 1;
		return;
	}
	switch (tag) {
	case n_OrderRequestHeader:
		if (up != n_OrderRequest || st->have_header++) {
			x->tag[d] = -1;
			break;
		}
		if (order_type(p, e) < 0)
			break;
		st->header_line = pl_xml_line(x);
		SET(O(number), ATTR("orderID"));
		SET(O(type_code), ATTR("orderType"));
		pl_parse_datetime(p, "orderDate", ATTR("orderDate"), O(issue_date),
		    O(issue_time));
		pl_parse_datetime(p, "requestedDeliveryDate",
		    ATTR("requestedDeliveryDate"), O(delivery_to), NULL);
		break;
	case n_Message:
	case n_PunchOutOrderMessage:
		if (st->in_order && !(st->told & TOLD_MESSAGE)) {
			st->told |= TOLD_MESSAGE;
			pl_parse_warn(p, 0, "'%s' inside an OrderRequest is not "
			    "cXML; its ItemOut elements are read as order "
			    "lines", e->name);
		}
		break;
	case n_ItemOut:
		if (!st->in_order || (st->line = pl_order_add_line(&p->o)) ==
		    NULL)
			break;
		SET(L(id), ATTR("lineNumber"));
		if (st->line->f[PL_line_id] == NULL) {
			pl_parse_warn(p, 0, "ItemOut without lineNumber: line %s "
			    "numbered by its position", st->line->f[PL_line_pos]);
			st->line->f[PL_line_id] = st->line->f[PL_line_pos];
		}
		SET(L(quantity), ATTR("quantity"));
		pl_parse_datetime(p, "requestedDeliveryDate",
		    ATTR("requestedDeliveryDate"), L(delivery_to), NULL);
		st->desc = st->short_name = NULL;
		break;
	case n_PostalAddress:
		st->addr[0] = st->addr[1] = NULL;
		break;
	case n_BillTo:
		st->told |= SEEN_BILLTO;
		break;
	case n_DocumentReference:
		/* an update or delete names the OrderRequest it follows */
		if (up == n_OrderRequestHeader &&
		    (it = pl_parse_item(p, "doc", 0, PL_doc_ref,
		    ATTR("payloadID"), 1)) != NULL)
			it->f[PL_doc_type] = "OrderRequest";
		break;
	case n_PaymentTerm:
		if (up == n_OrderRequestHeader &&
		    (s = ATTR("payInNumberOfDays")) != NULL) {
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "net %.20s days", s);
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
		st->attr[d] = a ? pl_order_text(&p->o, a, 1) : NULL;
}

void
pl_cxml_end(struct pl_parse *p, const struct pl_xml_elem *e, const char *text)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	int up3 = d >= 3 ? x->tag[d - 3] : 0;
	const char *attr = d < 64 ? st->attr[d] : NULL;
	struct pl_order_line *line = st->line;

	if (tag < 0 || tag == n_root)
		return;
	switch (tag) {
	case n_Identity:
		if (up == n_Credential && up2 == n_From && d == 4 &&
		    !*O(buyer_id)) {
			SET(O(buyer_id), text);
			SET(O(buyer_scheme), st->attr[d - 1]);
		} else if (up == n_Credential && up2 == n_To && d == 4) {
			SET(O(seller_id), text);
		}
		break;
	case n_Money:
		if (up == n_Total && up2 == n_OrderRequestHeader) {
			SET(O(total), text);
			SET(O(currency), attr);
		} else if (up == n_UnitPrice && up2 == n_ItemDetail && line) {
			SET(L(price), text);
			SET(L(currency), attr);
		}
		break;
	case n_Name:
		if (up == n_Address && up2 == n_ShipTo &&
		    up3 == n_OrderRequestHeader)
			SET(O(delivery_party), text);
		else if (up == n_Address && up2 == n_BillTo &&
		    up3 == n_OrderRequestHeader)
			SET(O(buyer_name), text);
		break;
	case n_Country:
		if (up == n_PostalAddress) {
			st->addr[1] = attr;
			pl_parse_join(p, &st->addr[0], attr ? attr : text,
			    ", ", 1);
		}
		break;
	case n_Extrinsic:
		if (up == n_PostalAddress)
			break;
		if (up == n_OrderRequestHeader || up == n_ItemDetail)
			pl_parse_prop(p, up == n_ItemDetail, attr, text, NULL);
		break;
	case n_PostalAddress:
		if (up != n_Address || up2 == n_BillTo) {
			if (up2 == n_BillTo && up3 == n_OrderRequestHeader)
				SET(O(buyer_country), st->addr[1]);
		} else if (up2 == n_ShipTo && up3 == n_OrderRequestHeader &&
		    !*O(delivery_address)) {
			*O(delivery_address) = st->addr[0];
			SET(O(delivery_country), st->addr[1]);
		} else if (up2 == n_ShipTo && up3 == n_ItemOut && line &&
		    !line->f[PL_line_delivery_address]) {
			*L(delivery_address) = st->addr[0];
			SET(L(delivery_country), st->addr[1]);
		}
		break;
	case n_TransportTerms:
		if (up == n_TermsOfDelivery && up2 == n_OrderRequestHeader)
			transport_terms(p, attr, text);
		break;
	case n_Comments:
		if (up == n_OrderRequestHeader)
			pl_parse_note(p, 0, "order", attr, text);
		else if (up == n_ItemOut)
			pl_parse_note(p, 1, "line", attr, text);
		else if (up == n_TermsOfDelivery)
			pl_parse_note(p, 0, "delivery", attr, text);
		break;
	case n_URL:
		if (up == n_Attachment && up2 == n_Comments)
			pl_parse_item(p, "doc", up3 == n_ItemOut, PL_doc_uri,
			    text, 1);
		break;
	case n_SupplierPartID:
		if (up == n_ItemID && line)
			SET(L(seller_item), text);
		break;
	case n_BuyerPartID:
		if (up == n_ItemID && line)
			SET(L(buyer_item), text);
		break;
	case n_UnitOfMeasure:
		if (up == n_ItemDetail && line)
			SET(L(unit), text);
		break;
	case n_Description:
		if (up == n_ItemDetail && line)
			st->desc = pl_order_text(&p->o, text, 0);
		break;
	case n_ShortName:
		if (up == n_Description && line)
			st->short_name = pl_order_text(&p->o, text, 1);
		break;
	case n_Classification:
		if (up == n_ItemDetail)
			pl_parse_prop(p, 1, "classification", text, attr);
		break;
	case n_ManufacturerPartID:
		if (up == n_ItemDetail)
			pl_parse_prop(p, 1, "manufacturer part", text, NULL);
		break;
	case n_EANID:
		if (up == n_ItemDetailRetail && line) {
			SET(L(std_item), text);
			if (line->f[PL_line_std_item])
				line->f[PL_line_std_scheme] = "EAN";
		}
		break;
	case n_ItemOut:
		if (line == NULL)
			break;
		if (st->short_name) {
			line->f[PL_line_item_name] = st->short_name;
			line->f[PL_line_description] = st->desc;
		} else if (st->desc) {
			line->f[PL_line_item_name] = pl_order_text(&p->o,
			    st->desc, 1);
		}
		st->line = NULL;
		break;
	case n_OrderRequestHeader:
		if (!(st->told & SEEN_BILLTO))
			pl_parse_warn(p, st->header_line, "OrderRequestHeader "
			    "without BillTo: the buyer has no name");
		break;
	default:
		/* the parts of a PostalAddress, in document order */
		if (up == n_PostalAddress && up2 == n_Address)
			pl_parse_join(p, &st->addr[0], text, ", ", 1);
		break;
	}
}

int
pl_cxml_finish(struct pl_parse *p)
{
	if (!p->st.in_order)
		return pl_xml_fail(&p->x, 0, "a cXML document without a "
		    "Request, not an order");
	if (!p->st.have_header)
		return pl_xml_fail(&p->x, 0, "OrderRequest without "
		    "OrderRequestHeader");
	if (p->o.f[PL_order_currency] == NULL && p->o.nline > 0)
		p->o.f[PL_order_currency] = p->o.line[0].f[PL_line_currency];
	return 0;
}
