/*
 * ubl.c: OASIS UBL 2.0-2.4 Order, OrderChange and OrderCancellation,
 * Peppol BIS Ordering 3 and its national variants, read into the order
 * model from SAX events.  A change or cancellation has its own ID; the
 * order number it carries is the one of the order it changes
 * (OrderReference/ID), so that both have the same order key.
 *
 * Only known elements in the UBL cac/cbc namespaces are followed: the
 * subtree of any other element (extensions, parties we do not need,
 * substituted line items) is skipped, so a name such as "ID" or "Name" is
 * always read in a place this file knows.
 */
#include "parse.h"

#include <stdio.h>
#include <string.h>

#define O(col) (&p->o.f[PL_order_##col])
#define L(col) (&p->st.line->f[PL_line_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)

#define NAMES(X) X(ID) X(CustomizationID) X(ProfileID) X(IssueDate) \
	X(IssueTime) X(OrderTypeCode) X(Note) X(DocumentCurrencyCode) \
	X(CustomerReference) X(BuyerReference) X(QuotationDocumentReference) \
	X(Contract) X(AdditionalDocumentReference) X(DocumentType) \
	X(DocumentTypeCode) X(DocumentDescription) X(Attachment) \
	X(EmbeddedDocumentBinaryObject) X(ExternalReference) X(URI) \
	X(BuyerCustomerParty) X(SellerSupplierParty) X(Party) X(EndpointID) \
	X(PartyIdentification) X(PartyLegalEntity) X(CompanyID) \
	X(RegistrationName) X(PartyTaxScheme) X(CustomerAssignedAccountID) \
	X(SupplierAssignedAccountID) X(PartyName) X(Name) X(PostalAddress) \
	X(RegistrationAddress) X(Country) X(IdentificationCode) X(Delivery) \
	X(RequestedDeliveryPeriod) X(StartDate) X(EndDate) \
	X(LatestDeliveryDate) X(DeliveryLocation) X(Address) \
	X(DeliveryAddress) X(DeliveryParty) X(StreetName) X(BuildingNumber) \
	X(AdditionalStreetName) X(AddressLine) X(Line) X(PostalZone) \
	X(CityName) X(CountrySubentity) X(DeliveryTerms) \
	X(LossRiskResponsibilityCode) X(SpecialTerms) X(PaymentTerms) \
	X(PaymentMeans) X(PaymentMeansCode) X(AnticipatedMonetaryTotal) \
	X(PayableAmount) X(LineExtensionAmount) X(OrderLine) X(LineItem) \
	X(Quantity) X(Price) X(PriceAmount) X(BaseQuantity) X(Item) \
	X(Description) X(SellersItemIdentification) \
	X(BuyersItemIdentification) X(StandardItemIdentification) \
	X(AdditionalItemProperty) X(Value) X(ValueQuantity) \
	X(CommodityClassification) X(ItemClassificationCode) X(OriginCountry) \
	X(ItemInstance) X(LotIdentification) X(LotNumberID) X(SerialID) \
	X(ItemSpecificationDocumentReference) X(DocumentReference) \
	X(SequenceNumberID) X(OrderReference) X(LineStatusCode) \
	X(CancellationNote)

#define ENUM(n) n_##n,
enum { n_unknown, NAMES(ENUM) n_root = PL_XML_ROOT };
#undef ENUM
#define STR(n) #n,
static const char *const name_list[] = { NAMES(STR) };
#undef STR
static const char *const ns_list[] = {
	"urn:oasis:names:specification:ubl:schema:xsd:"
	    "CommonAggregateComponents-2",
	"urn:oasis:names:specification:ubl:schema:xsd:"
	    "CommonBasicComponents-2" };

/* Parts of an address, in the order they are printed. */
enum { A_STREET, A_BUILDING, A_MORE, A_LINES, A_ZONE, A_CITY, A_REGION,
	A_COUNTRY, A__N };

/* The address read, on one line: street and number, more lines,
 * postcode and city, region, country code. */
static const char *
address(struct pl_parse *p)
{
	const char **a = p->st.addr, *out = NULL;
	char tmp[1024];

	snprintf(tmp, sizeof(tmp), "%s %s", a[A_STREET] ? a[A_STREET] : "",
	    a[A_BUILDING] ? a[A_BUILDING] : "");
	pl_parse_join(p, &out, tmp, ", ", 1);
	pl_parse_join(p, &out, a[A_MORE], ", ", 1);
	pl_parse_join(p, &out, a[A_LINES], ", ", 1);
	snprintf(tmp, sizeof(tmp), "%s %s", a[A_ZONE] ? a[A_ZONE] : "",
	    a[A_CITY] ? a[A_CITY] : "");
	pl_parse_join(p, &out, tmp, ", ", 1);
	pl_parse_join(p, &out, a[A_REGION], ", ", 1);
	pl_parse_join(p, &out, a[A_COUNTRY], ", ", 1);
	return out;
}

/* A change's sequence number: digits, as the ledger counts versions. */
static void
sequence(struct pl_parse *p, const char *text)
{
	const char *s = pl_order_text(&p->o, text, 1);

	if (s == NULL || p->o.f[PL_order_seq])
		return;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 9) {
		pl_parse_warn(p, 0, "SequenceNumberID '%s' is not a number; "
		    "the sequence number is left out", s);
		return;
	}
	p->o.f[PL_order_seq] = s;
}

static int
is_docref(int tag)
{
	return tag == n_AdditionalDocumentReference ||
	    tag == n_DocumentReference ||
	    tag == n_ItemSpecificationDocumentReference;
}

void
pl_ubl_start(struct pl_parse *p, const struct pl_xml_elem *e)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (p->ubl_names.names == NULL) {
		p->ubl_names.names = name_list;
		p->ubl_names.n = (int)(sizeof(name_list) / sizeof(name_list[0]));
		p->ubl_ns.names = ns_list;
		p->ubl_ns.n = 2;
	}
	if (up <= 0 || d >= 64 || !e->ns ||
	    pl_xml_name_id(x, &p->ubl_ns, e->ns) == 0 ||
	    (tag = pl_xml_name_id(x, &p->ubl_names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_OrderLine:
		if (d == 1)
			st->line = pl_order_add_line(&p->o);
		break;
	case n_AdditionalDocumentReference:
	case n_DocumentReference:
	case n_ItemSpecificationDocumentReference:
		st->item = pl_order_add_item(&p->o, "doc", d > 1);
		break;
	case n_EmbeddedDocumentBinaryObject:
		if (st->item && up == n_Attachment) {
			SET(&st->item->f[PL_doc_filename],
			    pl_xml_attr(x, e, "filename"));
			SET(&st->item->f[PL_doc_mime],
			    pl_xml_attr(x, e, "mimeCode"));
		}
		break;
	case n_AdditionalItemProperty:
		st->item = NULL;
		st->value_qty = st->value_unit = NULL;
		if (st->line)
			st->item = pl_order_add_item(&p->o, "prop", 1);
		break;
	case n_BuyerCustomerParty:
	case n_SellerSupplierParty:
		if (d == 1)
			pl_parse_party_begin(p, tag == n_BuyerCustomerParty);
		break;
	case n_Address:
	case n_DeliveryAddress:
	case n_PostalAddress:
	case n_RegistrationAddress:
		memset(st->addr, 0, sizeof(st->addr));
		break;
	case n_EndpointID:
	case n_ID:
	case n_CompanyID:
		a = pl_xml_attr(x, e, "schemeID");
		break;
	case n_Quantity:
	case n_ValueQuantity:
		a = pl_xml_attr(x, e, "unitCode");
		break;
	case n_LineExtensionAmount:
	case n_PriceAmount:
	case n_PayableAmount:
		a = pl_xml_attr(x, e, "currencyID");
		break;
	case n_Note:
	case n_SpecialTerms:
	case n_CancellationNote:
		a = pl_xml_attr(x, e, "languageID");
		break;
	case n_ItemClassificationCode:
		a = pl_xml_attr(x, e, "listID");
		break;
	}
	st->attr[d] = a ? pl_order_text(&p->o, a, 1) : NULL;
}

void
pl_ubl_end(struct pl_parse *p, const struct pl_xml_elem *e, const char *text)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	const char *attr = d < 64 ? st->attr[d] : NULL;
	struct pl_order_line *line = st->line;
	struct pl_order_item *it = st->item;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_ID:
		if (up == n_root && st->nrefs == -1)
			SET(O(number), text);
		else if (up == n_OrderReference && d == 2 && st->nrefs >= 0 &&
		    st->nrefs++ == 0)
			SET(O(number), text);
		else if (up == n_QuotationDocumentReference && d == 2)
			SET(O(quotation), text);
		else if (up == n_Contract && d == 2)
			SET(O(contract), text);
		else if (is_docref(up) && it)
			SET(&it->f[PL_doc_ref], text);
		else if (up == n_LineItem && line)
			SET(L(id), text);
		else if (up == n_SellersItemIdentification && line)
			SET(L(seller_item), text);
		else if (up == n_BuyersItemIdentification && line)
			SET(L(buyer_item), text);
		else if (up == n_StandardItemIdentification && line &&
		    !line->f[PL_line_std_item]) {
			SET(L(std_item), text);
			SET(L(std_scheme), attr);
		} else if (up == n_PartyIdentification)
			pl_parse_party_id(p, text, attr, 1);
		else if (up == n_DeliveryTerms)
			SET(O(incoterm), text);
		else if (up == n_DeliveryLocation && up2 == n_DeliveryTerms)
			SET(O(incoterm_place), text);
		break;
	case n_SequenceNumberID:
		if (up == n_root)
			sequence(p, text);
		break;
	case n_LineStatusCode:
		if (up == n_LineItem && line)
			*L(action) = pl_parse_action(p, text);
		break;
	case n_CancellationNote:
		if (up == n_root)
			pl_parse_note(p, 0, "order", attr, text);
		break;
	case n_CustomizationID:
		if (up == n_root)
			SET(O(customization), text);
		break;
	case n_ProfileID:
		if (up == n_root)
			SET(O(profile), text);
		break;
	case n_IssueDate:
		if (up == n_root)
			SET(O(issue_date), text);
		break;
	case n_IssueTime:
		if (up == n_root)
			SET(O(issue_time), text);
		break;
	case n_OrderTypeCode:
		if (up == n_root)
			SET(O(type_code), text);
		break;
	case n_DocumentCurrencyCode:
		if (up == n_root)
			SET(O(currency), text);
		break;
	case n_CustomerReference:
	case n_BuyerReference:
		if (up == n_root)
			SET(O(buyer_ref), text);
		break;
	case n_Note:
		if (up == n_root)
			pl_parse_note(p, 0, "order", attr, text);
		else if ((up == n_OrderLine || up == n_LineItem) && line)
			pl_parse_note(p, 1, "line", attr, text);
		else if (up == n_PaymentTerms)
			pl_parse_join(p, O(payment_terms), text, "; ", 1);
		break;
	case n_SpecialTerms:
		if (up == n_DeliveryTerms)
			pl_parse_note(p, 0, "delivery", attr, text);
		break;
	case n_DocumentType:
	case n_DocumentTypeCode:
	case n_DocumentDescription:
		if (is_docref(up) && it)
			SET(&it->f[PL_doc_type], text);
		break;
	case n_EmbeddedDocumentBinaryObject:
		if (up == n_Attachment && is_docref(up2) && it)
			pl_parse_attachment(p, it, text);
		break;
	case n_URI:
		if (up == n_ExternalReference && it)
			SET(&it->f[PL_doc_uri], text);
		break;
	case n_AdditionalDocumentReference:
	case n_DocumentReference:
	case n_ItemSpecificationDocumentReference:
		st->item = NULL;
		break;
	case n_EndpointID:
		if (up == n_Party)
			pl_parse_party_id(p, text, attr, 0);
		break;
	case n_CompanyID:
		if (up == n_PartyLegalEntity)
			pl_parse_party_id(p, text, attr, 2);
		break;
	case n_CustomerAssignedAccountID:
		if (d == 2)
			pl_parse_party_id(p, text, NULL, 3);
		break;
	case n_SupplierAssignedAccountID:
		if (d == 2)
			pl_parse_party_id(p, text, NULL, 4);
		break;
	case n_Name:
		if (up == n_PartyName && up2 == n_Party)
			pl_parse_party_name(p, text, 0);
		else if (up == n_PartyName && up2 == n_DeliveryParty &&
		    d == 4)
			SET(O(delivery_party), text);
		else if (up == n_Item && line)
			SET(L(item_name), text);
		else if (up == n_AdditionalItemProperty && it)
			SET(&it->f[PL_prop_name], text);
		else if (up == n_DeliveryLocation && up2 == n_DeliveryTerms &&
		    d == 3)
			/* the place by name, when no ID came before it */
			SET(O(incoterm_place), text);
		break;
	case n_RegistrationName:
		pl_parse_party_name(p, text, up == n_PartyLegalEntity ? 1 : 2);
		break;
	case n_IdentificationCode:
		if (up == n_OriginCountry)
			pl_parse_prop(p, 1, "origin country", text, NULL);
		else if (up == n_Country) {
			st->addr[A_COUNTRY] = pl_order_text(&p->o, text, 1);
			if (st->party[3] && (up2 == n_PostalAddress ||
			    up2 == n_RegistrationAddress))
				SET(st->party[3], text);
		}
		break;
	case n_StreetName:
		st->addr[A_STREET] = pl_order_text(&p->o, text, 1);
		break;
	case n_BuildingNumber:
		st->addr[A_BUILDING] = pl_order_text(&p->o, text, 1);
		break;
	case n_AdditionalStreetName:
		st->addr[A_MORE] = pl_order_text(&p->o, text, 1);
		break;
	case n_Line:
		if (up == n_AddressLine)
			pl_parse_join(p, &st->addr[A_LINES], text, ", ", 1);
		break;
	case n_PostalZone:
		st->addr[A_ZONE] = pl_order_text(&p->o, text, 1);
		break;
	case n_CityName:
		st->addr[A_CITY] = pl_order_text(&p->o, text, 1);
		if (up == n_Address && up2 == n_DeliveryLocation && d == 4 &&
		    x->tag[1] == n_DeliveryTerms)
			SET(O(incoterm_place), text);
		break;
	case n_CountrySubentity:
		st->addr[A_REGION] = pl_order_text(&p->o, text, 1);
		break;
	case n_Address:
	case n_DeliveryAddress:
		/* a delivery address: Delivery/DeliveryLocation/Address, or
		 * UBL 2.0's Delivery/DeliveryAddress */
		if ((tag == n_Address && up == n_DeliveryLocation &&
		    up2 == n_Delivery) || (tag == n_DeliveryAddress &&
		    up == n_Delivery)) {
			int at_order = tag == n_Address ? d == 3 : d == 2;

			if (at_order && !*O(delivery_address)) {
				*O(delivery_address) = address(p);
				SET(O(delivery_country), st->addr[A_COUNTRY]);
			} else if (!at_order && line &&
			    !line->f[PL_line_delivery_address]) {
				*L(delivery_address) = address(p);
				SET(L(delivery_country), st->addr[A_COUNTRY]);
			}
		}
		break;
	case n_StartDate:
	case n_EndDate:
		if (up != n_RequestedDeliveryPeriod || up2 != n_Delivery)
			break;
		if (d == 3)
			SET(tag == n_StartDate ? O(delivery_from) :
			    O(delivery_to), text);
		else if (line)
			SET(tag == n_StartDate ? L(delivery_from) :
			    L(delivery_to), text);
		break;
	case n_LatestDeliveryDate:
		if (up == n_Delivery && d == 2)
			SET(O(delivery_to), text);
		else if (up == n_Delivery && line)
			SET(L(delivery_to), text);
		break;
	case n_LossRiskResponsibilityCode:
		if (up == n_DeliveryTerms)
			SET(O(incoterm), text);
		break;
	case n_PaymentMeansCode:
		if (up == n_PaymentMeans)
			SET(O(payment_means), text);
		break;
	case n_PayableAmount:
		if (up == n_AnticipatedMonetaryTotal) {
			SET(O(total), text);
			st->total_currency = attr;
		}
		break;
	case n_LineExtensionAmount:
		if (up == n_AnticipatedMonetaryTotal) {
			st->line_total = pl_order_text(&p->o, text, 1);
			if (!st->total_currency)
				st->total_currency = attr;
		} else if (up == n_LineItem && line) {
			SET(L(amount), text);
			SET(L(currency), attr);
		}
		break;
	case n_Quantity:
		if (up == n_LineItem && line) {
			SET(L(quantity), text);
			SET(L(unit), attr);
		}
		break;
	case n_PriceAmount:
		if (up == n_Price && line) {
			SET(L(price), text);
			SET(L(currency), attr);
		}
		break;
	case n_BaseQuantity:
		if (up == n_Price && line)
			SET(L(base_qty), text);
		break;
	case n_Description:
		if (up == n_Item && line)
			pl_parse_join(p, L(description), text, "\n", 0);
		break;
	case n_Value:
		if (up == n_AdditionalItemProperty && it)
			SET(&it->f[PL_prop_value], text);
		break;
	case n_ValueQuantity:
		if (up == n_AdditionalItemProperty) {
			st->value_qty = pl_order_text(&p->o, text, 1);
			st->value_unit = attr;
		}
		break;
	case n_AdditionalItemProperty:
		if (it == NULL)
			break;
		if (it->f[PL_prop_value] == NULL)
			it->f[PL_prop_value] = st->value_qty;
		it->f[PL_prop_unit] = st->value_unit;
		if (it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&p->o);
		st->item = NULL;
		break;
	case n_ItemClassificationCode:
		if (up == n_CommodityClassification)
			pl_parse_prop(p, 1, "classification", text, attr);
		break;
	case n_LotNumberID:
		if (up == n_LotIdentification)
			pl_parse_prop(p, 1, "lot", text, NULL);
		break;
	case n_SerialID:
		if (up == n_ItemInstance)
			pl_parse_prop(p, 1, "serial", text, NULL);
		break;
	case n_OrderLine:
		if (d == 1)
			st->line = NULL;
		break;
	case n_BuyerCustomerParty:
	case n_SellerSupplierParty:
		if (d == 1)
			memset(st->party, 0, sizeof(st->party));
		break;
	}
}

void
pl_ubl_finish(struct pl_parse *p)
{
	const char *cust = p->o.f[PL_order_customization];

	const char *what = strcmp(p->o.f[PL_order_doctype], "cancel") == 0 ?
	    "OrderCancellation" : "OrderChange";

	if (p->st.nrefs == 0)
		pl_parse_warn(p, 0, "an %s without OrderReference: the order "
		    "it changes is not stated", what);
	else if (p->st.nrefs > 1)
		pl_parse_warn(p, 0, "an %s of %d orders: only the first, %s, "
		    "is read", what, p->st.nrefs,
		    p->o.f[PL_order_number] ? p->o.f[PL_order_number] : "");

	if (p->o.f[PL_order_total] == NULL)
		p->o.f[PL_order_total] = p->st.line_total;
	/* UBL 2.0 orders may state the currency only on the amounts */
	if (p->o.f[PL_order_currency] == NULL)
		p->o.f[PL_order_currency] = p->st.total_currency;
	if (p->o.f[PL_order_currency] == NULL && p->o.nline > 0)
		p->o.f[PL_order_currency] = p->o.line[0].f[PL_line_currency];
	p->o.f[PL_order_standard] = cust && (strstr(cust, "peppol") ||
	    strstr(cust, "PEPPOL")) ? "peppol" : "ubl";
}
