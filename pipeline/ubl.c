/*
 * ubl.c: OASIS UBL 2.0-2.4 Order, Peppol BIS Ordering 3 and its national
 * variants, read into the order model.  The root's children are expanded
 * one at a time (libxml2's reader3 recipe), so memory holds one order line
 * or one header block, never the whole document.
 */
#include "parse.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "base64.h"

#define O(col) (&p->o.f[PL_order_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)
#define GET(n, path) pl_xml_get(&p->x, (n), (path))
#define ATTR(n, a) pl_xml_attr(&p->x, (n), (a))

/* Walk the element children of n that match name. */
#define EACH(c, n, name) \
	for (xmlNodePtr c = pl_xml_first(n); c; c = pl_xml_next_elem(c)) \
		if (pl_xml_is(c, name))

/* Join the tidied text s to *dst after sep (for repeated elements). */
static void
join(struct pl_parse *p, const char **dst, const char *s, const char *sep)
{
	const char *t = pl_order_text(&p->o, s, 1);
	struct pl_buf *b = &p->scratch;

	if (t == NULL)
		return;
	if (*dst == NULL) {
		*dst = t;
		return;
	}
	pl_buf_reset(b);
	pl_buf_addf(b, "%s%s%s", *dst, sep, t);
	*dst = pl_order_strn(&p->o, b->s, b->len);
}

/* Join "first second" to *dst: first is copied before the second text
 * is read, since both borrow the same scratch. */
static void
two(struct pl_parse *p, const char **dst, const char *first, xmlNodePtr a,
    const char *second)
{
	const char *f = pl_order_text(&p->o, first, 1), *s;
	char tmp[1024];

	s = pl_order_text(&p->o, GET(a, second), 1);
	snprintf(tmp, sizeof(tmp), "%s %s", f ? f : "", s ? s : "");
	join(p, dst, tmp, ", ");
}

/* An address on one line: street and number, more lines, postcode and
 * city, region, country code. */
static const char *
address(struct pl_parse *p, xmlNodePtr a, const char **country)
{
	const char *out = NULL, *s;

	if (a == NULL)
		return NULL;
	two(p, &out, GET(a, "cbc:StreetName"), a, "cbc:BuildingNumber");
	join(p, &out, GET(a, "cbc:AdditionalStreetName"), ", ");
	EACH(l, a, "cac:AddressLine")
		join(p, &out, GET(l, "cbc:Line"), ", ");
	two(p, &out, GET(a, "cbc:PostalZone"), a, "cbc:CityName");
	join(p, &out, GET(a, "cbc:CountrySubentity"), ", ");
	s = GET(a, "cac:Country/cbc:IdentificationCode");
	join(p, &out, s, ", ");
	if (country)
		SET(country, s);
	return out;
}

/* A party's identity, name and country (BuyerCustomerParty and the
 * like): the first of EndpointID, PartyIdentification/ID,
 * PartyLegalEntity/CompanyID and the account ids is its identity. */
static void
party(struct pl_parse *p, xmlNodePtr n, const char **id, const char **scheme,
    const char **name, const char **country)
{
	static const char *const ids[] = { "cac:Party/cbc:EndpointID",
		"cac:Party/cac:PartyIdentification/cbc:ID",
		"cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
		"cbc:CustomerAssignedAccountID",
		"cbc:SupplierAssignedAccountID", NULL };
	xmlNodePtr pty = pl_xml_find(n, "cac:Party");
	int i;

	for (i = 0; ids[i] && *id == NULL; i++) {
		xmlNodePtr c = pl_xml_find(n, ids[i]);

		SET(id, pl_xml_text(&p->x, c));
		if (*id && scheme)
			SET(scheme, ATTR(c, "schemeID"));
	}
	SET(name, GET(pty, "cac:PartyName/cbc:Name"));
	SET(name, GET(pty, "cac:PartyLegalEntity/cbc:RegistrationName"));
	SET(name, GET(pty, "cac:PartyTaxScheme/cbc:RegistrationName"));
	if (country) {
		SET(country, GET(pty,
		    "cac:PostalAddress/cac:Country/cbc:IdentificationCode"));
		SET(country, GET(pty, "cac:PartyLegalEntity/"
		    "cac:RegistrationAddress/cac:Country/cbc:IdentificationCode"));
	}
}

/* Requested delivery: a period, or the latest date; the address. */
static void
delivery(struct pl_parse *p, xmlNodePtr d, const char **from, const char **to,
    const char **addr, const char **country, const char **party_name)
{
	xmlNodePtr a;

	SET(from, GET(d, "cac:RequestedDeliveryPeriod/cbc:StartDate"));
	SET(to, GET(d, "cac:RequestedDeliveryPeriod/cbc:EndDate"));
	SET(to, GET(d, "cbc:LatestDeliveryDate"));
	if ((a = pl_xml_find(d, "cac:DeliveryLocation/cac:Address")) == NULL)
		a = pl_xml_find(d, "cac:DeliveryAddress");
	if (*addr == NULL)
		*addr = address(p, a, country);
	if (party_name)
		SET(party_name, GET(d, "cac:DeliveryParty/cac:PartyName/"
		    "cbc:Name"));
}

static void
note(struct pl_parse *p, xmlNodePtr n, const char *subject, int at_line)
{
	const char *text = pl_order_text(&p->o, pl_xml_text(&p->x, n), 0);
	struct pl_order_item *it;

	if (text == NULL || (it = pl_order_add_item(&p->o, "note",
	    at_line)) == NULL)
		return;
	it->f[PL_note_subject] = subject;
	SET(&it->f[PL_note_lang], ATTR(n, "languageID"));
	it->f[PL_note_text] = text;
}

/* An attached or referenced document.  An embedded one is decoded only to
 * know its size and checksum: its bytes stay out of the stream. */
static int
docref(struct pl_parse *p, xmlNodePtr n, int at_line)
{
	struct pl_order_item *it = pl_order_add_item(&p->o, "doc", at_line);
	xmlNodePtr bin = pl_xml_find(n,
	    "cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
	char tmp[32];
	size_t bad;

	if (it == NULL)
		return 0;
	SET(&it->f[PL_doc_ref], GET(n, "cbc:ID"));
	SET(&it->f[PL_doc_type], GET(n, "cbc:DocumentType"));
	SET(&it->f[PL_doc_type], GET(n, "cbc:DocumentTypeCode"));
	SET(&it->f[PL_doc_type], GET(n, "cbc:DocumentDescription"));
	SET(&it->f[PL_doc_uri], GET(n, "cac:Attachment/cac:ExternalReference/"
	    "cbc:URI"));
	if (bin == NULL)
		return 0;
	SET(&it->f[PL_doc_filename], ATTR(bin, "filename"));
	SET(&it->f[PL_doc_mime], ATTR(bin, "mimeCode"));
	pl_buf_reset(&p->scratch);
	if (pl_base64_decode(pl_xml_text(&p->x, bin), &p->scratch, &bad) < 0) {
		if (bad == (size_t)-1) {
			p->o.oom = 1;
			return -1;
		}
		return pl_xml_fail(&p->x, pl_xml_line(bin), "attachment '%s': "
		    "malformed base64 at character %zu",
		    it->f[PL_doc_filename] ? it->f[PL_doc_filename] :
		    it->f[PL_doc_ref] ? it->f[PL_doc_ref] : "", bad + 1);
	}
	snprintf(tmp, sizeof(tmp), "%zu", p->scratch.len);
	it->f[PL_doc_size] = pl_order_strn(&p->o, tmp, strlen(tmp));
	snprintf(tmp, sizeof(tmp), "%08lx", crc32(0,
	    (const Bytef *)p->scratch.s, (uInt)p->scratch.len) & 0xffffffffUL);
	it->f[PL_doc_checksum] = pl_order_strn(&p->o, tmp, 8);
	return 0;
}

static void
prop(struct pl_parse *p, const char *name, const char *value,
    const char *unit)
{
	struct pl_order_item *it;

	if (pl_order_text(&p->o, value, 1) == NULL)
		return;
	if ((it = pl_order_add_item(&p->o, "prop", 1)) == NULL)
		return;
	SET(&it->f[PL_prop_name], name);
	SET(&it->f[PL_prop_value], value);
	SET(&it->f[PL_prop_unit], unit);
}

static void
item(struct pl_parse *p, struct pl_order_line *l, xmlNodePtr it)
{
	xmlNodePtr c;

	SET(&l->f[PL_line_item_name], GET(it, "cbc:Name"));
	EACH(d, it, "cbc:Description")
		join(p, &l->f[PL_line_description], pl_xml_text(&p->x, d),
		    "\n");
	SET(&l->f[PL_line_seller_item], GET(it,
	    "cac:SellersItemIdentification/cbc:ID"));
	SET(&l->f[PL_line_buyer_item], GET(it,
	    "cac:BuyersItemIdentification/cbc:ID"));
	c = pl_xml_find(it, "cac:StandardItemIdentification/cbc:ID");
	SET(&l->f[PL_line_std_item], pl_xml_text(&p->x, c));
	SET(&l->f[PL_line_std_scheme], ATTR(c, "schemeID"));
	EACH(a, it, "cac:AdditionalItemProperty") {
		xmlNodePtr q = pl_xml_find(a, "cbc:ValueQuantity");
		const char *v = GET(a, "cbc:Value");

		if (v == NULL || pl_order_text(&p->o, v, 1) == NULL)
			v = pl_xml_text(&p->x, q);
		prop(p, GET(a, "cbc:Name"), v, ATTR(q, "unitCode"));
	}
	EACH(c2, it, "cac:CommodityClassification") {
		xmlNodePtr k = pl_xml_find(c2, "cbc:ItemClassificationCode");
		const char *code = pl_order_text(&p->o, pl_xml_text(&p->x, k),
		    1);

		prop(p, "classification", code, ATTR(k, "listID"));
	}
	prop(p, "origin country", GET(it,
	    "cac:OriginCountry/cbc:IdentificationCode"), NULL);
	EACH(i, it, "cac:ItemInstance") {
		prop(p, "lot", GET(i, "cac:LotIdentification/cbc:LotNumberID"),
		    NULL);
		prop(p, "serial", GET(i, "cbc:SerialID"), NULL);
	}
	EACH(d, it, "cac:ItemSpecificationDocumentReference")
		docref(p, d, 1);
}

static void
order_line(struct pl_parse *p, xmlNodePtr n)
{
	struct pl_order_line *l = pl_order_add_line(&p->o);
	xmlNodePtr li = pl_xml_find(n, "cac:LineItem"), c;

	if (l == NULL)
		return;
	if (li == NULL)
		pl_parse_warn(p, pl_xml_line(n), "OrderLine without LineItem");
	SET(&l->f[PL_line_id], GET(li, "cbc:ID"));
	c = pl_xml_find(li, "cbc:Quantity");
	SET(&l->f[PL_line_quantity], pl_xml_text(&p->x, c));
	SET(&l->f[PL_line_unit], ATTR(c, "unitCode"));
	c = pl_xml_find(li, "cbc:LineExtensionAmount");
	SET(&l->f[PL_line_amount], pl_xml_text(&p->x, c));
	SET(&l->f[PL_line_currency], ATTR(c, "currencyID"));
	c = pl_xml_find(li, "cac:Price/cbc:PriceAmount");
	SET(&l->f[PL_line_price], pl_xml_text(&p->x, c));
	SET(&l->f[PL_line_currency], ATTR(c, "currencyID"));
	SET(&l->f[PL_line_base_qty], GET(li, "cac:Price/cbc:BaseQuantity"));
	EACH(d, li, "cac:Delivery") {
		delivery(p, d, &l->f[PL_line_delivery_from],
		    &l->f[PL_line_delivery_to], &l->f[PL_line_delivery_address],
		    &l->f[PL_line_delivery_country], NULL);
	}
	if ((c = pl_xml_find(li, "cac:Item")) != NULL)
		item(p, l, c);
	EACH(t, n, "cbc:Note")
		note(p, t, "line", 1);
	EACH(t, li, "cbc:Note")
		note(p, t, "line", 1);
	EACH(d, n, "cac:DocumentReference")
		docref(p, d, 1);
}

static void
header(struct pl_parse *p, xmlNodePtr n)
{
	if (pl_xml_is(n, "cbc:CustomizationID"))
		SET(O(customization), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:ProfileID"))
		SET(O(profile), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:ID"))
		SET(O(number), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:IssueDate"))
		SET(O(issue_date), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:IssueTime"))
		SET(O(issue_time), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:OrderTypeCode"))
		SET(O(type_code), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:Note"))
		note(p, n, "order", 0);
	else if (pl_xml_is(n, "cbc:DocumentCurrencyCode"))
		SET(O(currency), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cbc:CustomerReference") ||
	    pl_xml_is(n, "cbc:BuyerReference"))
		SET(O(buyer_ref), pl_xml_text(&p->x, n));
	else if (pl_xml_is(n, "cac:QuotationDocumentReference"))
		SET(O(quotation), GET(n, "cbc:ID"));
	else if (pl_xml_is(n, "cac:Contract"))
		SET(O(contract), GET(n, "cbc:ID"));
	else if (pl_xml_is(n, "cac:AdditionalDocumentReference"))
		docref(p, n, 0);
	else if (pl_xml_is(n, "cac:BuyerCustomerParty"))
		party(p, n, O(buyer_id), O(buyer_scheme), O(buyer_name),
		    O(buyer_country));
	else if (pl_xml_is(n, "cac:SellerSupplierParty"))
		party(p, n, O(seller_id), NULL, O(seller_name),
		    O(seller_country));
	else if (pl_xml_is(n, "cac:Delivery"))
		delivery(p, n, O(delivery_from), O(delivery_to),
		    O(delivery_address), O(delivery_country), O(delivery_party));
	else if (pl_xml_is(n, "cac:DeliveryTerms")) {
		SET(O(incoterm), GET(n, "cbc:ID"));
		SET(O(incoterm), GET(n, "cbc:LossRiskResponsibilityCode"));
		SET(O(incoterm_place), GET(n, "cac:DeliveryLocation/cbc:ID"));
		SET(O(incoterm_place), GET(n, "cac:DeliveryLocation/cac:Address/"
		    "cbc:CityName"));
		EACH(t, n, "cbc:SpecialTerms")
			note(p, t, "delivery", 0);
	} else if (pl_xml_is(n, "cac:PaymentTerms")) {
		EACH(t, n, "cbc:Note")
			join(p, O(payment_terms), pl_xml_text(&p->x, t), "; ");
	} else if (pl_xml_is(n, "cac:PaymentMeans"))
		SET(O(payment_means), GET(n, "cbc:PaymentMeansCode"));
	else if (pl_xml_is(n, "cac:AnticipatedMonetaryTotal")) {
		xmlNodePtr c = pl_xml_find(n, "cbc:PayableAmount");

		if (c == NULL)
			c = pl_xml_find(n, "cbc:LineExtensionAmount");
		SET(O(total), pl_xml_text(&p->x, c));
		/* UBL 2.0 orders may state the currency only here */
		if (p->o.f[PL_order_currency] == NULL)
			SET(O(currency), ATTR(c, "currencyID"));
	}
}

int
pl_ubl_read(struct pl_parse *p)
{
	struct pl_xml *x = &p->x;
	const char *cust;
	int rc;

	p->o.f[PL_order_doctype] = "order";
	p->o.f[PL_order_seq] = "0";
	rc = pl_xml_read(x);
	while (rc == 1) {
		xmlNodePtr n;

		if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(x->r) != 1) {
			rc = pl_xml_read(x);
			continue;
		}
		if ((n = pl_xml_expand(x)) == NULL)
			return -1;
		if (pl_xml_is(n, "cac:OrderLine"))
			order_line(p, n);
		else
			header(p, n);
		rc = pl_xml_next(x);
	}
	/* a document without a DocumentCurrencyCode: the lines' currency */
	if (p->o.f[PL_order_currency] == NULL && p->o.nline > 0)
		p->o.f[PL_order_currency] = p->o.line[0].f[PL_line_currency];
	cust = p->o.f[PL_order_customization];
	p->o.f[PL_order_standard] = cust && (strstr(cust, "peppol") ||
	    strstr(cust, "PEPPOL")) ? "peppol" : "ubl";
	return rc;
}
