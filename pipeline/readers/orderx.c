/*
 * orderx.c: Order-X (UN/CEFACT Cross Industry Order, SCRDM CIO D20B, the
 * FNFE-MPE/FeRD profiles) read into the order model from SAX events.
 *
 * Elements are matched by name in the message's own namespace and the
 * UN/CEFACT "ram" and "udt" namespaces of any version, whatever their
 * prefixes; the subtree of any other element is skipped.  The lines come
 * before the header's parties and terms, which the order model does not
 * mind.  Type code 230 is an order change, purpose code 1 a cancellation;
 * a change or cancellation carries the number of the order it changes in
 * BuyerOrderReferencedDocument.
 */
#include "orderx.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define O(col) (&r->o.f[PL_order_##col])
#define L(col) (&r->line->f[PL_line_##col])
#define SET(dst, s) pl_reader_set(r, (dst), (s), 1)

#define NAMES(X) X(ExchangedDocumentContext) \
	X(BusinessProcessSpecifiedDocumentContextParameter) \
	X(GuidelineSpecifiedDocumentContextParameter) X(ID) \
	X(ExchangedDocument) X(TypeCode) X(IssueDateTime) X(DateTimeString) \
	X(PurposeCode) X(IncludedNote) X(Content) \
	X(SupplyChainTradeTransaction) X(IncludedSupplyChainTradeLineItem) \
	X(AssociatedDocumentLineDocument) X(LineID) X(LineStatusCode) \
	X(SpecifiedTradeProduct) X(GlobalID) X(SellerAssignedID) \
	X(BuyerAssignedID) X(Name) X(Description) X(BatchID) \
	X(ApplicableProductCharacteristic) X(Value) X(ValueMeasure) \
	X(DesignatedProductClassification) X(ClassCode) \
	X(IndividualTradeProductInstance) X(SerialID) X(OriginTradeCountry) \
	X(AdditionalReferenceReferencedDocument) \
	X(AdditionalReferencedDocument) X(IssuerAssignedID) X(URIID) \
	X(AttachmentBinaryObject) X(SpecifiedLineTradeAgreement) \
	X(NetPriceProductTradePrice) X(ChargeAmount) X(BasisQuantity) \
	X(SpecifiedLineTradeDelivery) X(RequestedQuantity) \
	X(RequestedDeliverySupplyChainEvent) X(OccurrenceDateTime) \
	X(OccurrenceSpecifiedPeriod) X(StartDateTime) X(EndDateTime) \
	X(ShipToTradeParty) X(SpecifiedLineTradeSettlement) \
	X(SpecifiedTradeSettlementLineMonetarySummation) X(LineTotalAmount) \
	X(ApplicableHeaderTradeAgreement) X(BuyerReference) \
	X(SellerTradeParty) X(BuyerTradeParty) X(SpecifiedLegalOrganization) \
	X(PostalTradeAddress) X(PostcodeCode) X(LineOne) X(LineTwo) \
	X(LineThree) X(CityName) X(CountryID) X(CountrySubDivisionName) \
	X(ApplicableTradeDeliveryTerms) X(DeliveryTypeCode) \
	X(RelevantTradeLocation) X(BuyerOrderReferencedDocument) \
	X(QuotationReferencedDocument) X(ContractReferencedDocument) \
	X(ApplicableHeaderTradeDelivery) X(ApplicableHeaderTradeSettlement) \
	X(OrderCurrencyCode) X(SpecifiedTradeSettlementPaymentMeans) \
	X(SpecifiedTradePaymentTerms) \
	X(SpecifiedTradeSettlementHeaderMonetarySummation) \
	X(GrandTotalAmount)

#define ENUM(n) n_##n,
enum { n_unknown, NAMES(ENUM) n_root = PL_XML_ROOT };
#undef ENUM
#define STR(n) #n,
static const char *const name_list[] = { NAMES(STR) };
#undef STR

#define RSM_NS "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:"
#define RAM_NS "urn:un:unece:uncefact:data:standard:" \
	"ReusableAggregateBusinessInformationEntity:"
#define UDT_NS "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:"

static int
prefixed(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One of the namespaces read, of any version. */
static int
known_ns(const char *ns)
{
	return prefixed(ns, RAM_NS) || prefixed(ns, UDT_NS) ||
	    prefixed(ns, RSM_NS);
}

/*
 * A UN/CEFACT date (UNTDID 2379 format 102 CCYYMMDD, 203 CCYYMMDDHHMM,
 * 204 CCYYMMDDHHMMSS) as YYYY-MM-DD into *date and, when it has one, its
 * time as HH:MM[:SS] into *time.
 */
static void
cefact_date(struct pl_reader *r, const char *text, const char *format,
    const char **date, const char **time)
{
	const char *s = pl_order_text(&r->o, text, 1);
	char tmp[24];
	size_t n, i;

	if (s == NULL)
		return;
	n = strlen(s);
	for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
		;
	if (i != n || !(format == NULL || strcmp(format, "102") == 0 ||
	    strcmp(format, "203") == 0 || strcmp(format, "204") == 0) ||
	    (n != 8 && n != 12 && n != 14)) {
		pl_reader_warn(r, 0, "date '%s' (format %s) is not a date of "
		    "format 102, 203 or 204; left out", s, format ? format :
		    "not stated");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	if (*date == NULL)
		*date = pl_order_strn(&r->o, tmp, 10);
	if (time && n > 8 && *time == NULL) {
		snprintf(tmp, sizeof(tmp), "%.2s:%.2s%s%.2s", s + 8, s + 10,
		    n == 14 ? ":" : "", n == 14 ? s + 12 : "");
		*time = pl_order_strn(&r->o, tmp, strlen(tmp));
	}
}

#define PARTIES(row) row(BuyerTradeParty) row(SellerTradeParty)
#define DOCS(row) row(AdditionalReferencedDocument) \
	row(AdditionalReferenceReferencedDocument)

/* Where an element's text goes, by its place. */
static const struct pl_reader_path paths[] = {
	{ n_ID, { n_GuidelineSpecifiedDocumentContextParameter }, 0,
	    PL_R_O(customization) },
	{ n_ID, { n_BusinessProcessSpecifiedDocumentContextParameter }, 0,
	    PL_R_O(profile) },
	{ n_ID, { n_ExchangedDocument }, 0, PL_R_O(number) },
#define PARTY_ID(party) { n_ID, { n_##party }, 0, PL_R_ID(1, 3) },
	PARTIES(PARTY_ID)
#define LEGAL_ID(party) { n_ID, { n_SpecifiedLegalOrganization, \
	n_##party }, 0, PL_R_ID(2, 4) },
	PARTIES(LEGAL_ID)
	{ n_ID, { n_OriginTradeCountry }, 0, PL_R_PROP_L("origin country") },
#define GLOBAL_ID(party) { n_GlobalID, { n_##party }, 0, PL_R_ID(0, 3) },
	PARTIES(GLOBAL_ID)
	{ n_GlobalID, { n_SpecifiedTradeProduct }, 0, PL_R_LINE, PL_R_SET,
	    PL_R_FIRST, PL_line_std_item, PL_line_std_scheme, NULL },
	{ n_Content, { n_IncludedNote, n_ExchangedDocument }, 0,
	    PL_R_NOTE_O("order") },
	{ n_Content, { n_IncludedNote, n_AssociatedDocumentLineDocument }, 0,
	    PL_R_NOTE_L("line") },
	{ n_LineID, { n_AssociatedDocumentLineDocument }, 0, PL_R_L(id) },
	{ n_LineStatusCode, { n_AssociatedDocumentLineDocument }, 0,
	    PL_R_LINE, PL_R_ACTION, 0, PL_line_action, -1, NULL },
	{ n_SellerAssignedID, { n_SpecifiedTradeProduct }, 0,
	    PL_R_L(seller_item) },
	{ n_BuyerAssignedID, { n_SpecifiedTradeProduct }, 0,
	    PL_R_L(buyer_item) },
	{ n_Name, { n_SpecifiedTradeProduct }, 0, PL_R_L(item_name) },
#define PARTY_NAME(party) { n_Name, { n_##party }, 0, PL_R_NAME(0) },
	PARTIES(PARTY_NAME)
	{ n_Name, { n_ShipToTradeParty, n_ApplicableHeaderTradeDelivery }, 0,
	    PL_R_O(delivery_party) },
#define DOC_NAME(doc) { n_Name, { n_##doc }, 0, PL_R_DOC(type) },
	DOCS(DOC_NAME)
	{ n_Name, { n_RelevantTradeLocation, n_ApplicableTradeDeliveryTerms },
	    0, PL_R_O(incoterm_place) },
	{ n_Description, { n_SpecifiedTradeProduct }, 0,
	    PL_R_LINES_L(description) },
	{ n_Description, { n_ApplicableProductCharacteristic }, 0,
	    PL_R_P(name) },
	{ n_Description, { n_SpecifiedTradePaymentTerms,
	    n_ApplicableHeaderTradeSettlement }, 0,
	    PL_R_JOIN_O(payment_terms, "; ") },
	{ n_Value, { n_ApplicableProductCharacteristic }, 0, PL_R_P(value) },
	{ n_ValueMeasure, { n_ApplicableProductCharacteristic }, 0, PL_R_ITEM,
	    PL_R_SET, PL_R_FIRST, PL_prop_value, PL_prop_unit, NULL },
	{ n_BatchID, { n_SpecifiedTradeProduct }, 0, PL_R_PROP_L("lot") },
	{ n_BatchID, { n_IndividualTradeProductInstance }, 0,
	    PL_R_PROP_L("lot") },
	{ n_SerialID, { n_IndividualTradeProductInstance }, 0,
	    PL_R_PROP_L("serial") },
	{ n_ClassCode, { n_DesignatedProductClassification }, 0,
	    PL_R_PROP_LU("classification") },
#define DOC_REF(doc) { n_IssuerAssignedID, { n_##doc }, 0, PL_R_DOC(ref) },
	DOCS(DOC_REF)
	{ n_IssuerAssignedID, { n_QuotationReferencedDocument,
	    n_ApplicableHeaderTradeAgreement }, 0, PL_R_O(quotation) },
	{ n_IssuerAssignedID, { n_ContractReferencedDocument,
	    n_ApplicableHeaderTradeAgreement }, 0, PL_R_O(contract) },
#define DOC_URI(doc) { n_URIID, { n_##doc }, 0, PL_R_DOC(uri) },
	DOCS(DOC_URI)
	{ n_AttachmentBinaryObject, { 0 }, 0, PL_R_ITEM, PL_R_ATTACH, 0, -1,
	    -1, NULL },
	{ n_ChargeAmount, { n_NetPriceProductTradePrice }, 0, PL_R_L(price) },
	{ n_BasisQuantity, { n_NetPriceProductTradePrice }, 0,
	    PL_R_L(base_qty) },
	{ n_RequestedQuantity, { n_SpecifiedLineTradeDelivery }, 0,
	    PL_R_LA(quantity, unit) },
	{ n_LineTotalAmount, { n_SpecifiedTradeSettlementLineMonetarySummation },
	    0, PL_R_L(amount) },
	{ n_GrandTotalAmount,
	    { n_SpecifiedTradeSettlementHeaderMonetarySummation }, 0,
	    PL_R_O(total) },
	{ n_BuyerReference, { n_ApplicableHeaderTradeAgreement }, 0,
	    PL_R_O(buyer_ref) },
	{ n_OrderCurrencyCode, { n_ApplicableHeaderTradeSettlement }, 0,
	    PL_R_O(currency) },
	{ n_DeliveryTypeCode, { n_ApplicableTradeDeliveryTerms }, 0,
	    PL_R_O(incoterm) },
	{ n_LineOne, { n_PostalTradeAddress }, 0, PL_R_ADDR_(PL_ADDR_LINE1) },
	{ n_LineTwo, { n_PostalTradeAddress }, 0, PL_R_ADDR_(PL_ADDR_LINE2) },
	{ n_LineThree, { n_PostalTradeAddress }, 0,
	    PL_R_ADDR_(PL_ADDR_LINE3) },
	{ n_PostcodeCode, { n_PostalTradeAddress }, 0,
	    PL_R_ADDR_(PL_ADDR_ZONE) },
	{ n_CityName, { n_PostalTradeAddress }, 0, PL_R_ADDR_(PL_ADDR_CITY) },
	{ n_CountrySubDivisionName, { n_PostalTradeAddress }, 0,
	    PL_R_ADDR_(PL_ADDR_REGION) },
#define PARTY_COUNTRY(party) { n_CountryID, { n_PostalTradeAddress, \
	n_##party }, 0, PL_R_NONE, PL_R_PARTY_COUNTRY, PL_R_MORE, -1, -1, NULL },
	PARTIES(PARTY_COUNTRY)
	{ n_CountryID, { n_PostalTradeAddress }, 0,
	    PL_R_ADDR_(PL_ADDR_COUNTRY) },
};

/* What an Order-X document keeps while it is read. */
struct pl_orderx {
	struct pl_reader_table table;	/* its names and paths */
	const char *when[2];	/* a single requested date, order and line,
				   used when no period is given */
	const char *ref;	/* BuyerOrderReferencedDocument */
	const char *location;	/* the delivery terms' place, by its ID */
	const char *purpose;	/* PurposeCode */
	const char *line_total;	/* the header's LineTotalAmount */
	const char *doc_type;	/* an AdditionalReferencedDocument's
				   TypeCode */
};

static void
orderx_begin(struct pl_reader *r, void *state, const struct pl_xml_elem *root)
{
	struct pl_orderx *s = state;

	(void)root;
	pl_reader_table_ready(r, &s->table, name_list, PL_READER_N(name_list),
	    paths, PL_READER_N(paths));
	*O(standard) = "orderx";
	s->when[0] = s->when[1] = NULL;
	s->ref = s->location = s->purpose = s->line_total = NULL;
	s->doc_type = NULL;
}

static void
orderx_start(struct pl_reader *r, void *state, const struct pl_xml_elem *e)
{
	struct pl_orderx *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (up <= 0 || d >= PL_READER_DEPTH || !e->ns || !known_ns(e->ns) ||
	    (tag = pl_xml_name_id(x, &s->table.names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_IncludedSupplyChainTradeLineItem:
		if (up == n_SupplyChainTradeTransaction)
			r->line = pl_order_add_line(&r->o);
		break;
	case n_BuyerTradeParty:
	case n_SellerTradeParty:
		if (up == n_ApplicableHeaderTradeAgreement)
			pl_reader_party_begin(r, tag == n_BuyerTradeParty);
		break;
	case n_PostalTradeAddress:
		memset(r->addr, 0, sizeof(r->addr));
		break;
	case n_AdditionalReferencedDocument:
	case n_AdditionalReferenceReferencedDocument:
		r->item = pl_order_add_item(&r->o, "doc", r->line != NULL);
		s->doc_type = NULL;
		break;
	case n_AttachmentBinaryObject:
		if (r->item) {
			SET(&r->item->f[PL_doc_filename],
			    pl_xml_attr(x, e, "filename"));
			SET(&r->item->f[PL_doc_mime],
			    pl_xml_attr(x, e, "mimeCode"));
		}
		break;
	case n_ApplicableProductCharacteristic:
		r->item = r->line ? pl_order_add_item(&r->o, "prop", 1) : NULL;
		break;
	case n_GlobalID:
	case n_ID:
		a = pl_xml_attr(x, e, "schemeID");
		break;
	case n_RequestedQuantity:
	case n_BasisQuantity:
	case n_ValueMeasure:
		a = pl_xml_attr(x, e, "unitCode");
		break;
	case n_ClassCode:
		a = pl_xml_attr(x, e, "listID");
		break;
	case n_DateTimeString:
		a = pl_xml_attr(x, e, "format");
		break;
	}
	r->attr[d] = a ? pl_order_text(&r->o, a, 1) : NULL;
}

/* The requested delivery: a period, or one date (kept for the end). */
static void
delivery_date(struct pl_reader *r, struct pl_orderx *s, int up, int up2,
    const char *text, const char *format)
{
	int at_line = r->line != NULL;

	if (up == n_OccurrenceDateTime)
		cefact_date(r, text, format, &s->when[at_line], NULL);
	else if (up == n_StartDateTime && up2 == n_OccurrenceSpecifiedPeriod)
		cefact_date(r, text, format, at_line ? L(delivery_from) :
		    O(delivery_from), NULL);
	else if (up == n_EndDateTime && up2 == n_OccurrenceSpecifiedPeriod)
		cefact_date(r, text, format, at_line ? L(delivery_to) :
		    O(delivery_to), NULL);
}

static void
orderx_end(struct pl_reader *r, void *state, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_orderx *s = state;
	struct pl_xml *x = &r->x;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	int up3 = d >= 3 ? x->tag[d - 3] : 0;
	const char *attr = d < PL_READER_DEPTH ? r->attr[d] : NULL;
	struct pl_order_line *line = r->line;
	struct pl_order_item *it = r->item;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_ID:
		if (up == n_RelevantTradeLocation &&
		    up2 == n_ApplicableTradeDeliveryTerms) {
			s->location = pl_order_text(&r->o, text, 1);
			return;
		}
		break;
	case n_TypeCode:
		if (up == n_ExchangedDocument) {
			SET(O(type_code), text);
			if (*O(type_code) && strcmp(*O(type_code), "231") == 0)
				pl_xml_fail(x, 0, "an Order-X order response "
				    "(type code 231), not an order");
		} else if ((up == n_AdditionalReferencedDocument ||
		    up == n_AdditionalReferenceReferencedDocument) && it)
			s->doc_type = pl_order_text(&r->o, text, 1);
		return;
	case n_PurposeCode:
		if (up == n_ExchangedDocument)
			s->purpose = pl_order_text(&r->o, text, 1);
		return;
	case n_DateTimeString:
		if (up == n_IssueDateTime && up2 == n_ExchangedDocument)
			cefact_date(r, text, attr, O(issue_date), O(issue_time));
		else if (up2 == n_RequestedDeliverySupplyChainEvent ||
		    up3 == n_RequestedDeliverySupplyChainEvent)
			delivery_date(r, s, up, up2, text, attr);
		return;
	case n_ApplicableProductCharacteristic:
		if (it && it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&r->o);
		r->item = NULL;
		return;
	case n_IssuerAssignedID:
		if (up == n_BuyerOrderReferencedDocument &&
		    up2 == n_ApplicableHeaderTradeAgreement) {
			SET(&s->ref, text);
			return;
		}
		break;
	case n_AdditionalReferencedDocument:
	case n_AdditionalReferenceReferencedDocument:
		if (it && it->f[PL_doc_type] == NULL)
			it->f[PL_doc_type] = s->doc_type;
		r->item = NULL;
		return;
	case n_LineTotalAmount:
		if (up == n_SpecifiedTradeSettlementHeaderMonetarySummation) {
			s->line_total = pl_order_text(&r->o, text, 1);
			return;
		}
		break;
	case n_ApplicableTradeDeliveryTerms:
		SET(O(incoterm_place), s->location);
		s->location = NULL;
		return;
	case n_PostalTradeAddress:
		if (up != n_ShipToTradeParty)
			return;
		if (up2 == n_ApplicableHeaderTradeDelivery &&
		    !*O(delivery_address)) {
			*O(delivery_address) = pl_reader_address(r);
			SET(O(delivery_country), r->addr[PL_ADDR_COUNTRY]);
		} else if (up2 == n_SpecifiedLineTradeDelivery && line &&
		    !line->f[PL_line_delivery_address]) {
			*L(delivery_address) = pl_reader_address(r);
			SET(L(delivery_country), r->addr[PL_ADDR_COUNTRY]);
		}
		return;
	case n_BuyerTradeParty:
	case n_SellerTradeParty:
		if (up == n_ApplicableHeaderTradeAgreement)
			pl_reader_party_end(r);
		return;
	case n_IncludedSupplyChainTradeLineItem:
		if (line && !line->f[PL_line_delivery_to] &&
		    !line->f[PL_line_delivery_from])
			line->f[PL_line_delivery_to] = s->when[1];
		s->when[1] = NULL;
		r->line = NULL;
		return;
	}
	pl_reader_map(r, &s->table, e, text, attr);
}

static int
orderx_finish(struct pl_reader *r, void *state)
{
	struct pl_orderx *s = state;
	const char *type = *O(type_code), *purpose = s->purpose;

	if (purpose && strcmp(purpose, "1") == 0)
		*O(doctype) = "cancel";
	else if (type && strcmp(type, "230") == 0)
		*O(doctype) = "change";
	else
		*O(doctype) = "order";
	if (strcmp(*O(doctype), "order") == 0) {
		*O(seq) = "0";
	} else if (s->ref) {
		*O(number) = s->ref;
	} else {
		pl_reader_warn(r, 0, "an Order-X %s without "
		    "BuyerOrderReferencedDocument: the order it changes is "
		    "not stated", *O(doctype) == NULL ? "" : *O(doctype));
	}
	if (!*O(delivery_to) && !*O(delivery_from))
		*O(delivery_to) = s->when[0];
	if (*O(total) == NULL)
		*O(total) = s->line_total;
	return 0;
}

const struct pl_reader_std pl_orderx_reader = {
	sizeof(struct pl_orderx), orderx_begin, orderx_start, orderx_end,
	orderx_finish
};
