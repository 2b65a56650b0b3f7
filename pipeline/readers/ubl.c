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
#include "ubl.h"

#include <stdio.h>
#include <string.h>

#define O(col) (&r->o.f[PL_order_##col])
#define L(col) (&r->line->f[PL_line_##col])
#define SET(dst, s) pl_reader_set(r, (dst), (s), 1)

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

#define DOCREFS(row) row(AdditionalDocumentReference) row(DocumentReference) \
	row(ItemSpecificationDocumentReference)

/* Where an element's text goes, by its place. */
static const struct pl_reader_path paths[] = {
#define REF_ID(doc) { n_ID, { n_##doc }, 0, PL_R_DOC(ref) },
	{ n_ID, { n_QuotationDocumentReference }, 2, PL_R_O(quotation) },
	{ n_ID, { n_Contract }, 2, PL_R_O(contract) },
	DOCREFS(REF_ID)
	{ n_ID, { n_LineItem }, 0, PL_R_L(id) },
	{ n_ID, { n_SellersItemIdentification }, 0, PL_R_L(seller_item) },
	{ n_ID, { n_BuyersItemIdentification }, 0, PL_R_L(buyer_item) },
	{ n_ID, { n_StandardItemIdentification }, 0, PL_R_LINE, PL_R_SET,
	    PL_R_FIRST, PL_line_std_item, PL_line_std_scheme, NULL },
	{ n_ID, { n_PartyIdentification }, 0, PL_R_ID(1, 1) },
	{ n_ID, { n_DeliveryTerms }, 0, PL_R_O(incoterm) },
	{ n_ID, { n_DeliveryLocation, n_DeliveryTerms }, 0,
	    PL_R_O(incoterm_place) },
	{ n_LineStatusCode, { n_LineItem }, 0, PL_R_LINE, PL_R_ACTION, 0,
	    PL_line_action, -1, NULL },
	{ n_CancellationNote, { n_root }, 0, PL_R_NOTE_O("order") },
	{ n_CustomizationID, { n_root }, 0, PL_R_O(customization) },
	{ n_ProfileID, { n_root }, 0, PL_R_O(profile) },
	{ n_IssueDate, { n_root }, 0, PL_R_O(issue_date) },
	{ n_IssueTime, { n_root }, 0, PL_R_O(issue_time) },
	{ n_OrderTypeCode, { n_root }, 0, PL_R_O(type_code) },
	{ n_DocumentCurrencyCode, { n_root }, 0, PL_R_O(currency) },
	{ n_CustomerReference, { n_root }, 0, PL_R_O(buyer_ref) },
	{ n_BuyerReference, { n_root }, 0, PL_R_O(buyer_ref) },
	{ n_Note, { n_root }, 0, PL_R_NOTE_O("order") },
	{ n_Note, { n_OrderLine }, 0, PL_R_NOTE_L("line") },
	{ n_Note, { n_LineItem }, 0, PL_R_NOTE_L("line") },
	{ n_Note, { n_PaymentTerms }, 0, PL_R_JOIN_O(payment_terms, "; ") },
	{ n_SpecialTerms, { n_DeliveryTerms }, 0, PL_R_NOTE_O("delivery") },
#define DOC_TYPE(doc) { n_DocumentType, { n_##doc }, 0, PL_R_DOC(type) },
	DOCREFS(DOC_TYPE)
#define DOC_TYPE_CODE(doc) \
	{ n_DocumentTypeCode, { n_##doc }, 0, PL_R_DOC(type) },
	DOCREFS(DOC_TYPE_CODE)
#define DOC_DESC(doc) \
	{ n_DocumentDescription, { n_##doc }, 0, PL_R_DOC(type) },
	DOCREFS(DOC_DESC)
#define ATTACHED(doc) { n_EmbeddedDocumentBinaryObject, \
	{ n_Attachment, n_##doc }, 0, PL_R_ITEM, PL_R_ATTACH, 0, -1, -1, NULL },
	DOCREFS(ATTACHED)
	{ n_URI, { n_ExternalReference }, 0, PL_R_DOC(uri) },
	{ n_EndpointID, { n_Party }, 0, PL_R_ID(0, 0) },
	{ n_CompanyID, { n_PartyLegalEntity }, 0, PL_R_ID(2, 2) },
	{ n_CustomerAssignedAccountID, { 0 }, 2, PL_R_ID(3, 3) },
	{ n_SupplierAssignedAccountID, { 0 }, 2, PL_R_ID(4, 4) },
	{ n_Name, { n_PartyName, n_Party }, 0, PL_R_NAME(0) },
	{ n_Name, { n_PartyName, n_DeliveryParty }, 4,
	    PL_R_O(delivery_party) },
	{ n_Name, { n_Item }, 0, PL_R_L(item_name) },
	{ n_Name, { n_AdditionalItemProperty }, 0, PL_R_P(name) },
	/* the place by name, when no ID came before it */
	{ n_Name, { n_DeliveryLocation, n_DeliveryTerms }, 3,
	    PL_R_O(incoterm_place) },
	{ n_RegistrationName, { n_PartyLegalEntity }, 0, PL_R_NAME(1) },
	{ n_RegistrationName, { 0 }, 0, PL_R_NAME(2) },
	{ n_IdentificationCode, { n_OriginCountry }, 0,
	    PL_R_PROP_L("origin country") },
	{ n_IdentificationCode, { n_Country }, 0, PL_R_ADDR, PL_R_PUT,
	    PL_R_MORE, A_COUNTRY, -1, NULL },
	{ n_IdentificationCode, { n_Country, n_PostalAddress }, 0,
	    PL_R_COUNTRY },
	{ n_IdentificationCode, { n_Country, n_RegistrationAddress }, 0,
	    PL_R_COUNTRY },
	{ n_StreetName, { 0 }, 0, PL_R_ADDR_(A_STREET) },
	{ n_BuildingNumber, { 0 }, 0, PL_R_ADDR_(A_BUILDING) },
	{ n_AdditionalStreetName, { 0 }, 0, PL_R_ADDR_(A_MORE) },
	{ n_Line, { n_AddressLine }, 0, PL_R_ADDR, PL_R_JOIN, 0, A_LINES, -1,
	    ", " },
	{ n_PostalZone, { 0 }, 0, PL_R_ADDR_(A_ZONE) },
	{ n_CityName, { 0 }, 0, PL_R_ADDR, PL_R_PUT, PL_R_MORE, A_CITY, -1,
	    NULL },
	{ n_CityName, { n_Address, n_DeliveryLocation, n_DeliveryTerms }, 4,
	    PL_R_O(incoterm_place) },
	{ n_CountrySubentity, { 0 }, 0, PL_R_ADDR_(A_REGION) },
	{ n_StartDate, { n_RequestedDeliveryPeriod, n_Delivery }, 3,
	    PL_R_O(delivery_from) },
	{ n_StartDate, { n_RequestedDeliveryPeriod, n_Delivery }, 0,
	    PL_R_L(delivery_from) },
	{ n_EndDate, { n_RequestedDeliveryPeriod, n_Delivery }, 3,
	    PL_R_O(delivery_to) },
	{ n_EndDate, { n_RequestedDeliveryPeriod, n_Delivery }, 0,
	    PL_R_L(delivery_to) },
	{ n_LatestDeliveryDate, { n_Delivery }, 2, PL_R_O(delivery_to) },
	{ n_LatestDeliveryDate, { n_Delivery }, 0, PL_R_L(delivery_to) },
	{ n_LossRiskResponsibilityCode, { n_DeliveryTerms }, 0,
	    PL_R_O(incoterm) },
	{ n_PaymentMeansCode, { n_PaymentMeans }, 0, PL_R_O(payment_means) },
	{ n_LineExtensionAmount, { n_LineItem }, 0, PL_R_LA(amount, currency) },
	{ n_Quantity, { n_LineItem }, 0, PL_R_LA(quantity, unit) },
	{ n_PriceAmount, { n_Price }, 0, PL_R_LA(price, currency) },
	{ n_BaseQuantity, { n_Price }, 0, PL_R_L(base_qty) },
	{ n_Description, { n_Item }, 0, PL_R_LINES_L(description) },
	{ n_Value, { n_AdditionalItemProperty }, 0, PL_R_P(value) },
	{ n_ItemClassificationCode, { n_CommodityClassification }, 0,
	    PL_R_PROP_LU("classification") },
	{ n_LotNumberID, { n_LotIdentification }, 0, PL_R_PROP_L("lot") },
	{ n_SerialID, { n_ItemInstance }, 0, PL_R_PROP_L("serial") },
};

/* What a UBL document keeps while it is read. */
struct pl_ubl {
	struct pl_xml_names ns;	/* its namespaces' cache */
	struct pl_reader_table table;	/* its names and paths */
	int nrefs;		/* OrderReference elements seen; -1: an
				   order, its own ID the number */
	const char *total_currency, *line_total;	/* fallbacks */
	const char *value_qty, *value_unit;	/* ValueQuantity */
};

/* The address read, on one line: street and number, more lines,
 * postcode and city, region, country code. */
static const char *
address(struct pl_reader *r)
{
	const char **a = r->addr, *out = NULL;
	char tmp[1024];

	snprintf(tmp, sizeof(tmp), "%s %s", a[A_STREET] ? a[A_STREET] : "",
	    a[A_BUILDING] ? a[A_BUILDING] : "");
	pl_reader_join(r, &out, tmp, ", ", 1);
	pl_reader_join(r, &out, a[A_MORE], ", ", 1);
	pl_reader_join(r, &out, a[A_LINES], ", ", 1);
	snprintf(tmp, sizeof(tmp), "%s %s", a[A_ZONE] ? a[A_ZONE] : "",
	    a[A_CITY] ? a[A_CITY] : "");
	pl_reader_join(r, &out, tmp, ", ", 1);
	pl_reader_join(r, &out, a[A_REGION], ", ", 1);
	pl_reader_join(r, &out, a[A_COUNTRY], ", ", 1);
	return out;
}

/* A change's sequence number: digits, as the ledger counts versions. */
static void
sequence(struct pl_reader *r, const char *text)
{
	const char *s = pl_order_text(&r->o, text, 1);

	if (s == NULL || r->o.f[PL_order_seq])
		return;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 9) {
		pl_reader_warn(r, 0, "SequenceNumberID '%s' is not a number; "
		    "the sequence number is left out", s);
		return;
	}
	r->o.f[PL_order_seq] = s;
}

static void
ubl_begin(struct pl_reader *r, void *state, const struct pl_xml_elem *root)
{
	struct pl_ubl *s = state;

	(void)root;
	s->ns.names = ns_list;		/* its cache stays */
	s->ns.n = PL_READER_N(ns_list);
	pl_reader_table_ready(r, &s->table, name_list, PL_READER_N(name_list),
	    paths, PL_READER_N(paths));
	s->nrefs = strcmp(r->o.f[PL_order_doctype], "order") == 0 ? -1 : 0;
	s->total_currency = s->line_total = NULL;
	s->value_qty = s->value_unit = NULL;
}

static void
ubl_start(struct pl_reader *r, void *state, const struct pl_xml_elem *e)
{
	struct pl_ubl *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (up <= 0 || d >= PL_READER_DEPTH || !e->ns ||
	    pl_xml_name_id(x, &s->ns, e->ns) == 0 ||
	    (tag = pl_xml_name_id(x, &s->table.names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_OrderLine:
		if (d == 1)
			r->line = pl_order_add_line(&r->o);
		break;
	case n_AdditionalDocumentReference:
	case n_DocumentReference:
	case n_ItemSpecificationDocumentReference:
		r->item = pl_order_add_item(&r->o, "doc", d > 1);
		break;
	case n_EmbeddedDocumentBinaryObject:
		if (r->item && up == n_Attachment) {
			SET(&r->item->f[PL_doc_filename],
			    pl_xml_attr(x, e, "filename"));
			SET(&r->item->f[PL_doc_mime],
			    pl_xml_attr(x, e, "mimeCode"));
		}
		break;
	case n_AdditionalItemProperty:
		r->item = NULL;
		s->value_qty = s->value_unit = NULL;
		if (r->line)
			r->item = pl_order_add_item(&r->o, "prop", 1);
		break;
	case n_BuyerCustomerParty:
	case n_SellerSupplierParty:
		if (d == 1)
			pl_reader_party_begin(r, tag == n_BuyerCustomerParty);
		break;
	case n_Address:
	case n_DeliveryAddress:
	case n_PostalAddress:
	case n_RegistrationAddress:
		memset(r->addr, 0, sizeof(r->addr));
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
	r->attr[d] = a ? pl_order_text(&r->o, a, 1) : NULL;
}

/* A delivery address: Delivery/DeliveryLocation/Address, or UBL 2.0's
 * Delivery/DeliveryAddress, for the order or the line. */
static void
delivery_address(struct pl_reader *r, int tag, int d)
{
	struct pl_order_line *line = r->line;
	int at_order = tag == n_Address ? d == 3 : d == 2;

	if (at_order && !*O(delivery_address)) {
		*O(delivery_address) = address(r);
		SET(O(delivery_country), r->addr[A_COUNTRY]);
	} else if (!at_order && line && !line->f[PL_line_delivery_address]) {
		*L(delivery_address) = address(r);
		SET(L(delivery_country), r->addr[A_COUNTRY]);
	}
}

static void
ubl_end(struct pl_reader *r, void *state, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_ubl *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	const char *attr = d < PL_READER_DEPTH ? r->attr[d] : NULL;
	struct pl_order_item *it = r->item;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_ID:
		if (up == n_root && s->nrefs == -1) {
			SET(O(number), text);
			return;
		}
		if (up == n_OrderReference && d == 2 && s->nrefs >= 0 &&
		    s->nrefs++ == 0) {
			SET(O(number), text);
			return;
		}
		break;
	case n_SequenceNumberID:
		if (up == n_root)
			sequence(r, text);
		return;
	case n_AdditionalDocumentReference:
	case n_DocumentReference:
	case n_ItemSpecificationDocumentReference:
		r->item = NULL;
		return;
	case n_Address:
	case n_DeliveryAddress:
		if ((tag == n_Address && up == n_DeliveryLocation &&
		    up2 == n_Delivery) || (tag == n_DeliveryAddress &&
		    up == n_Delivery))
			delivery_address(r, tag, d);
		return;
	case n_PayableAmount:
		if (up == n_AnticipatedMonetaryTotal) {
			SET(O(total), text);
			s->total_currency = attr;
		}
		return;
	case n_LineExtensionAmount:
		if (up == n_AnticipatedMonetaryTotal) {
			s->line_total = pl_order_text(&r->o, text, 1);
			if (!s->total_currency)
				s->total_currency = attr;
			return;
		}
		break;
	case n_ValueQuantity:
		if (up == n_AdditionalItemProperty) {
			s->value_qty = pl_order_text(&r->o, text, 1);
			s->value_unit = attr;
		}
		return;
	case n_AdditionalItemProperty:
		if (it == NULL)
			return;
		if (it->f[PL_prop_value] == NULL)
			it->f[PL_prop_value] = s->value_qty;
		it->f[PL_prop_unit] = s->value_unit;
		if (it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&r->o);
		r->item = NULL;
		return;
	case n_OrderLine:
		if (d == 1)
			r->line = NULL;
		return;
	case n_BuyerCustomerParty:
	case n_SellerSupplierParty:
		if (d == 1)
			pl_reader_party_end(r);
		return;
	}
	pl_reader_map(r, &s->table, e, text, attr);
}

static int
ubl_finish(struct pl_reader *r, void *state)
{
	struct pl_ubl *s = state;
	const char *cust = r->o.f[PL_order_customization];
	const char *what = strcmp(r->o.f[PL_order_doctype], "cancel") == 0 ?
	    "OrderCancellation" : "OrderChange";

	if (s->nrefs == 0)
		pl_reader_warn(r, 0, "an %s without OrderReference: the order "
		    "it changes is not stated", what);
	else if (s->nrefs > 1)
		pl_reader_warn(r, 0, "an %s of %d orders: only the first, %s, "
		    "is read", what, s->nrefs,
		    r->o.f[PL_order_number] ? r->o.f[PL_order_number] : "");

	if (r->o.f[PL_order_total] == NULL)
		r->o.f[PL_order_total] = s->line_total;
	/* UBL 2.0 orders may state the currency only on the amounts */
	if (r->o.f[PL_order_currency] == NULL)
		r->o.f[PL_order_currency] = s->total_currency;
	if (r->o.f[PL_order_currency] == NULL && r->o.nline > 0)
		r->o.f[PL_order_currency] = r->o.line[0].f[PL_line_currency];
	r->o.f[PL_order_standard] = cust && (strstr(cust, "peppol") ||
	    strstr(cust, "PEPPOL")) ? "peppol" : "ubl";
	return 0;
}

const struct pl_reader_std pl_ubl_reader = {
	sizeof(struct pl_ubl), ubl_begin, ubl_start, ubl_end, ubl_finish
};
