/*
 * cxml.c: cXML OrderRequest read into the order model.  cXML elements are
 * in no namespace; the buyer is the first From credential, the seller the
 * first To credential.  Header and each ItemOut are expanded one at a
 * time.
 */
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define O(col) (&p->o.f[PL_order_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)
#define GET(n, path) pl_xml_get(&p->x, (n), (path))
#define ATTR(n, a) pl_xml_attr(&p->x, (n), (a))
#define EACH(c, n, name) \
	for (xmlNodePtr c = pl_xml_first(n); c; c = pl_xml_next_elem(c)) \
		if (pl_xml_is(c, name))

/* Split an ISO 8601 date-time into its date and its time. */
static void
datetime(struct pl_parse *p, xmlNodePtr n, const char *attr, const char **date,
    const char **time)
{
	const char *s = ATTR(n, attr);
	const char *t;

	if (s == NULL || (s = pl_order_text(&p->o, s, 1)) == NULL)
		return;
	if (strlen(s) < 10 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
	    s[7] != '-' || !isdigit((unsigned char)s[9]) ||
	    (s[10] != '\0' && s[10] != 'T')) {
		pl_parse_warn(p, pl_xml_line(n), "%s '%s' is not an ISO 8601 "
		    "date; left out", attr, s);
		return;
	}
	if (*date == NULL)
		*date = pl_order_strn(&p->o, s, 10);
	if (time && s[10] == 'T' && (t = pl_order_text(&p->o, s + 11, 1)))
		*time = t;
}

static const char *
address(struct pl_parse *p, xmlNodePtr a, const char **country)
{
	struct pl_buf *b = &p->scratch;
	xmlNodePtr pa = pl_xml_find(a, "PostalAddress");
	const char *s;

	if (pa == NULL)
		return NULL;
	pl_buf_reset(b);
	for (xmlNodePtr c = pl_xml_first(pa); c; c = pl_xml_next_elem(c)) {
		if (pl_xml_is(c, "Country")) {
			SET(country, ATTR(c, "isoCountryCode"));
			s = ATTR(c, "isoCountryCode");
		} else if (pl_xml_is(c, "Extrinsic")) {
			continue;
		} else {
			s = pl_xml_text(&p->x, c);
		}
		if (s && (s = pl_order_text(&p->o, s, 1)) != NULL)
			pl_buf_addf(b, "%s%s", b->len ? ", " : "", s);
	}
	return b->len ? pl_order_strn(&p->o, b->s, b->len) : NULL;
}

static void
comments(struct pl_parse *p, xmlNodePtr n, int at_line, const char *subject)
{
	struct pl_order_item *it;
	struct pl_buf text;

	/* the text of Comments, less its Attachment children */
	pl_buf_init(&text);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content)
			pl_buf_adds(&text, (const char *)c->content);
		else if (pl_xml_is(c, "Attachment") &&
		    (it = pl_order_add_item(&p->o, "doc", at_line)) != NULL)
			SET(&it->f[PL_doc_uri], GET(c, "URL"));
	}
	if (pl_order_text(&p->o, text.s, 0) != NULL &&
	    (it = pl_order_add_item(&p->o, "note", at_line)) != NULL) {
		it->f[PL_note_subject] = subject;
		SET(&it->f[PL_note_lang], ATTR(n, "xml:lang"));
		it->f[PL_note_text] = pl_order_text(&p->o, text.s, 0);
	}
	pl_buf_release(&text);
}

static void
extrinsic(struct pl_parse *p, xmlNodePtr n, int at_line)
{
	struct pl_order_item *it;
	const char *v = pl_order_text(&p->o, pl_xml_text(&p->x, n), 1);

	if (v == NULL || (it = pl_order_add_item(&p->o, "prop", at_line)) ==
	    NULL)
		return;
	SET(&it->f[PL_prop_name], ATTR(n, "name"));
	it->f[PL_prop_value] = v;
}

/*
 * cXML names the Incoterms in words (TransportTerms/@value, cXML User's
 * Guide); the stream carries the Incoterms code.  "Other" means the text
 * says what was agreed.
 */
static void
transport_terms(struct pl_parse *p, xmlNodePtr t)
{
	static const char *const names[][2] = {
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
	const char *v = ATTR(t, "value");
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; v && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(v, names[i][0]) == 0) {
			p->o.f[PL_order_incoterm] = names[i][1];
			SET(O(incoterm_place), pl_xml_text(&p->x, t));
			return;
		}
	SET(O(incoterm), pl_xml_text(&p->x, t));
	if (v && strcmp(v, "Other") != 0)
		SET(O(incoterm), v);
}

static void
header(struct pl_parse *p, xmlNodePtr h)
{
	xmlNodePtr c;

	c = pl_xml_find(h, "From/Credential");
	SET(O(buyer_id), GET(c, "Identity"));
	SET(O(buyer_scheme), ATTR(c, "domain"));
	c = pl_xml_find(h, "To/Credential");
	SET(O(seller_id), GET(c, "Identity"));
}

static int
order_header(struct pl_parse *p, xmlNodePtr h)
{
	const char *type = ATTR(h, "type"), *s;
	xmlNodePtr c;

	if (type && strcmp(type, "new") != 0)
		return pl_xml_fail(&p->x, pl_xml_line(h), "a cXML OrderRequest "
		    "of type '%s' (an order %s): order changes and "
		    "cancellations are not supported yet", type,
		    strcmp(type, "delete") == 0 ? "cancellation" : "change");
	SET(O(number), ATTR(h, "orderID"));
	datetime(p, h, "orderDate", O(issue_date), O(issue_time));
	datetime(p, h, "requestedDeliveryDate", O(delivery_to), NULL);
	SET(O(type_code), ATTR(h, "orderType"));
	c = pl_xml_find(h, "Total/Money");
	SET(O(total), pl_xml_text(&p->x, c));
	SET(O(currency), ATTR(c, "currency"));
	c = pl_xml_find(h, "ShipTo/Address");
	SET(O(delivery_party), GET(c, "Name"));
	if (p->o.f[PL_order_delivery_address] == NULL)
		p->o.f[PL_order_delivery_address] = address(p, c,
		    O(delivery_country));
	c = pl_xml_find(h, "BillTo/Address");
	SET(O(buyer_name), GET(c, "Name"));
	SET(O(buyer_country), ATTR(pl_xml_find(c, "PostalAddress/Country"),
	    "isoCountryCode"));
	if (c == NULL)
		pl_parse_warn(p, pl_xml_line(h), "OrderRequestHeader without "
		    "BillTo: the buyer has no name");
	EACH(t, h, "PaymentTerm") {
		if ((s = ATTR(t, "payInNumberOfDays")) != NULL) {
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "net %.20s days", s);
			SET(O(payment_terms), tmp);
		}
	}
	c = pl_xml_find(h, "TermsOfDelivery");
	transport_terms(p, pl_xml_find(c, "TransportTerms"));
	EACH(t, c, "Comments")
		comments(p, t, 0, "delivery");
	SET(O(contract), GET(h, "Contract/ContractID"));
	EACH(t, h, "Comments")
		comments(p, t, 0, "order");
	EACH(t, h, "Extrinsic")
		extrinsic(p, t, 0);
	return 0;
}

static void
item_out(struct pl_parse *p, xmlNodePtr n)
{
	struct pl_order_line *l = pl_order_add_line(&p->o);
	xmlNodePtr d = pl_xml_find(n, "ItemDetail"), c;
	const char *desc;

	if (l == NULL)
		return;
	SET(&l->f[PL_line_id], ATTR(n, "lineNumber"));
	if (l->f[PL_line_id] == NULL)
		pl_parse_warn(p, pl_xml_line(n), "ItemOut without lineNumber: "
		    "line %s numbered by its position", l->f[PL_line_pos]);
	SET(&l->f[PL_line_id], l->f[PL_line_pos]);
	SET(&l->f[PL_line_quantity], ATTR(n, "quantity"));
	datetime(p, n, "requestedDeliveryDate", &l->f[PL_line_delivery_to],
	    NULL);
	SET(&l->f[PL_line_seller_item], GET(n, "ItemID/SupplierPartID"));
	SET(&l->f[PL_line_buyer_item], GET(n, "ItemID/BuyerPartID"));
	c = pl_xml_find(d, "UnitPrice/Money");
	SET(&l->f[PL_line_price], pl_xml_text(&p->x, c));
	SET(&l->f[PL_line_currency], ATTR(c, "currency"));
	SET(&l->f[PL_line_unit], GET(d, "UnitOfMeasure"));
	c = pl_xml_find(d, "Description");
	SET(&l->f[PL_line_item_name], GET(c, "ShortName"));
	/* the description less its ShortName child */
	pl_buf_reset(&p->scratch);
	for (xmlNodePtr t = c ? c->children : NULL; t; t = t->next)
		if (t->type == XML_TEXT_NODE && t->content)
			pl_buf_adds(&p->scratch, (const char *)t->content);
	desc = pl_order_text(&p->o, p->scratch.s, 0);
	if (l->f[PL_line_item_name] == NULL && desc)
		l->f[PL_line_item_name] = pl_order_text(&p->o, desc, 1);
	else
		l->f[PL_line_description] = desc;
	SET(&l->f[PL_line_std_item], GET(d, "ItemDetailIndustry/"
	    "ItemDetailRetail/EANID"));
	if (l->f[PL_line_std_item])
		l->f[PL_line_std_scheme] = "EAN";
	EACH(t, d, "Classification") {
		struct pl_order_item *it;
		const char *v = pl_order_text(&p->o, pl_xml_text(&p->x, t), 1);

		if (v && (it = pl_order_add_item(&p->o, "prop", 1)) != NULL) {
			it->f[PL_prop_name] = "classification";
			it->f[PL_prop_value] = v;
			SET(&it->f[PL_prop_unit], ATTR(t, "domain"));
		}
	}
	EACH(t, d, "ManufacturerPartID") {
		struct pl_order_item *it = pl_order_add_item(&p->o, "prop", 1);

		if (it) {
			it->f[PL_prop_name] = "manufacturer part";
			SET(&it->f[PL_prop_value], pl_xml_text(&p->x, t));
		}
	}
	EACH(t, d, "Extrinsic")
		extrinsic(p, t, 1);
	c = pl_xml_find(n, "ShipTo/Address");
	if (c)
		l->f[PL_line_delivery_address] = address(p, c,
		    &l->f[PL_line_delivery_country]);
	EACH(t, n, "Comments")
		comments(p, t, 1, "line");
}

int
pl_cxml_read(struct pl_parse *p)
{
	struct pl_xml *x = &p->x;
	int rc, in_order = 0, have_header = 0, told = 0;

	p->o.f[PL_order_standard] = "cxml";
	p->o.f[PL_order_doctype] = "order";
	rc = pl_xml_read(x);
	while (rc == 1) {
		const char *name;
		int depth = xmlTextReaderDepth(x->r);
		xmlNodePtr n;

		if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT) {
			rc = pl_xml_read(x);
			continue;
		}
		name = (const char *)xmlTextReaderConstLocalName(x->r);
		if (depth == 1 && strcmp(name, "Request") == 0) {
			rc = pl_xml_read(x);	/* into it */
			continue;
		}
		if (depth == 2 && strcmp(name, "OrderRequest") == 0) {
			in_order = 1;
			rc = pl_xml_read(x);
			continue;
		}
		if (depth <= 2 && strcmp(name, "Header") != 0) {
			n = pl_xml_expand(x);
			if (n && depth == 1 && pl_xml_first(n))
				name = (const char *)pl_xml_first(n)->name;
			return pl_xml_fail(x, 0, "a cXML %s, not an order",
			    name);
		}
		if ((n = pl_xml_expand(x)) == NULL)
			return -1;
		if (depth == 1) {
			header(p, n);
		} else if (strcmp(name, "OrderRequestHeader") == 0) {
			if (!have_header++ && order_header(p, n) < 0)
				return -1;
		} else if (strcmp(name, "ItemOut") == 0) {
			item_out(p, n);
		} else if (strcmp(name, "Message") == 0 ||
		    strcmp(name, "PunchOutOrderMessage") == 0) {
			/* not cXML: read the ItemOuts nested in it all the same */
			if (!told++)
				pl_parse_warn(p, pl_xml_line(n), "'%s' inside an "
				    "OrderRequest is not cXML; its ItemOut "
				    "elements are read as order lines", name);
			rc = pl_xml_read(x);
			continue;
		}
		rc = pl_xml_next(x);
	}
	if (rc == 0 && !in_order)
		return pl_xml_fail(x, 0, "a cXML document without a Request, "
		    "not an order");
	if (rc == 0 && !have_header)
		return pl_xml_fail(x, 0, "OrderRequest without "
		    "OrderRequestHeader");
	p->o.f[PL_order_seq] = "0";
	if (p->o.f[PL_order_currency] == NULL && p->o.nline > 0)
		p->o.f[PL_order_currency] = p->o.line[0].f[PL_line_currency];
	return rc;
}
