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
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define O(col) (&p->o.f[PL_order_##col])
#define L(col) (&p->st.line->f[PL_line_##col])
#define SET(dst, s) pl_parse_set(p, (dst), (s), 1)

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
cefact_date(struct pl_parse *p, const char *text, const char *format,
    const char **date, const char **time)
{
	const char *s = pl_order_text(&p->o, text, 1);
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
		pl_parse_warn(p, 0, "date '%s' (format %s) is not a date of "
		    "format 102, 203 or 204; left out", s, format ? format :
		    "not stated");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	if (*date == NULL)
		*date = pl_order_strn(&p->o, tmp, 10);
	if (time && n > 8 && *time == NULL) {
		snprintf(tmp, sizeof(tmp), "%.2s:%.2s%s%.2s", s + 8, s + 10,
		    n == 14 ? ":" : "", n == 14 ? s + 12 : "");
		*time = pl_order_strn(&p->o, tmp, strlen(tmp));
	}
}

void
pl_orderx_start(struct pl_parse *p, const struct pl_xml_elem *e)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag, up = x->tag[d - 1];
	const char *a = NULL;

	if (p->ox_names.names == NULL) {
		p->ox_names.names = name_list;
		p->ox_names.n = (int)(sizeof(name_list) / sizeof(name_list[0]));
	}
	if (up <= 0 || d >= 64 || !e->ns || !known_ns(e->ns) ||
	    (tag = pl_xml_name_id(x, &p->ox_names, e->name)) == 0) {
		x->tag[d] = -1;		/* not followed */
		return;
	}
	x->tag[d] = tag;
	switch (tag) {
	case n_IncludedSupplyChainTradeLineItem:
		if (up == n_SupplyChainTradeTransaction)
			st->line = pl_order_add_line(&p->o);
		break;
	case n_BuyerTradeParty:
	case n_SellerTradeParty:
		if (up == n_ApplicableHeaderTradeAgreement)
			pl_parse_party_begin(p, tag == n_BuyerTradeParty);
		break;
	case n_PostalTradeAddress:
		memset(st->addr, 0, sizeof(st->addr));
		break;
	case n_AdditionalReferencedDocument:
	case n_AdditionalReferenceReferencedDocument:
		st->item = pl_order_add_item(&p->o, "doc", st->line != NULL);
		st->value_qty = NULL;
		break;
	case n_AttachmentBinaryObject:
		if (st->item) {
			SET(&st->item->f[PL_doc_filename],
			    pl_xml_attr(x, e, "filename"));
			SET(&st->item->f[PL_doc_mime],
			    pl_xml_attr(x, e, "mimeCode"));
		}
		break;
	case n_ApplicableProductCharacteristic:
		st->item = st->line ? pl_order_add_item(&p->o, "prop", 1) :
		    NULL;
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
	st->attr[d] = a ? pl_order_text(&p->o, a, 1) : NULL;
}

/* The requested delivery: a period, or one date (kept for the end). */
static void
delivery_date(struct pl_parse *p, int up, int up2, const char *text,
    const char *format)
{
	struct pl_parse_state *st = &p->st;
	int at_line = st->line != NULL;

	if (up == n_OccurrenceDateTime)
		cefact_date(p, text, format, &st->when[at_line], NULL);
	else if (up == n_StartDateTime && up2 == n_OccurrenceSpecifiedPeriod)
		cefact_date(p, text, format, at_line ? L(delivery_from) :
		    O(delivery_from), NULL);
	else if (up == n_EndDateTime && up2 == n_OccurrenceSpecifiedPeriod)
		cefact_date(p, text, format, at_line ? L(delivery_to) :
		    O(delivery_to), NULL);
}

void
pl_orderx_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text)
{
	struct pl_xml *x = &p->x;
	struct pl_parse_state *st = &p->st;
	int d = e->depth, tag = x->tag[d], up = x->tag[d - 1];
	int up2 = d >= 2 ? x->tag[d - 2] : 0;
	int up3 = d >= 3 ? x->tag[d - 3] : 0;
	const char *attr = d < 64 ? st->attr[d] : NULL;
	struct pl_order_line *line = st->line;
	struct pl_order_item *it = st->item;
	const char **part = NULL;

	if (tag <= 0 || tag == n_root)
		return;
	switch (tag) {
	case n_ID:
		if (up == n_GuidelineSpecifiedDocumentContextParameter)
			SET(O(customization), text);
		else if (up == n_BusinessProcessSpecifiedDocumentContextParameter)
			SET(O(profile), text);
		else if (up == n_ExchangedDocument)
			SET(O(number), text);
		else if (up == n_BuyerTradeParty || up == n_SellerTradeParty)
			pl_parse_party_id(p, text, attr, attr ? 1 : 3);
		else if (up == n_SpecifiedLegalOrganization &&
		    (up2 == n_BuyerTradeParty || up2 == n_SellerTradeParty))
			pl_parse_party_id(p, text, attr, attr ? 2 : 4);
		else if (up == n_OriginTradeCountry)
			pl_parse_prop(p, 1, "origin country", text, NULL);
		else if (up == n_RelevantTradeLocation &&
		    up2 == n_ApplicableTradeDeliveryTerms)
			st->desc = pl_order_text(&p->o, text, 1);
		break;
	case n_GlobalID:
		if (up == n_BuyerTradeParty || up == n_SellerTradeParty)
			pl_parse_party_id(p, text, attr, attr ? 0 : 3);
		else if (up == n_SpecifiedTradeProduct && line &&
		    !line->f[PL_line_std_item]) {
			SET(L(std_item), text);
			SET(L(std_scheme), attr);
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
			st->value_qty = pl_order_text(&p->o, text, 1);
		break;
	case n_PurposeCode:
		if (up == n_ExchangedDocument)
			st->short_name = pl_order_text(&p->o, text, 1);
		break;
	case n_DateTimeString:
		if (up == n_IssueDateTime && up2 == n_ExchangedDocument)
			cefact_date(p, text, attr, O(issue_date), O(issue_time));
		else if (up2 == n_RequestedDeliverySupplyChainEvent ||
		    up3 == n_RequestedDeliverySupplyChainEvent)
			delivery_date(p, up, up2, text, attr);
		break;
	case n_Content:
		if (up != n_IncludedNote)
			break;
		if (up2 == n_ExchangedDocument)
			pl_parse_note(p, 0, "order", NULL, text);
		else if (up2 == n_AssociatedDocumentLineDocument && line)
			pl_parse_note(p, 1, "line", NULL, text);
		break;
	case n_LineID:
		if (up == n_AssociatedDocumentLineDocument && line)
			SET(L(id), text);
		break;
	case n_LineStatusCode:
		if (up == n_AssociatedDocumentLineDocument && line)
			*L(action) = pl_parse_action(p, text);
		break;
	case n_SellerAssignedID:
		if (up == n_SpecifiedTradeProduct && line)
			SET(L(seller_item), text);
		break;
	case n_BuyerAssignedID:
		if (up == n_SpecifiedTradeProduct && line)
			SET(L(buyer_item), text);
		break;
	case n_Name:
		if (up == n_SpecifiedTradeProduct && line)
			SET(L(item_name), text);
		else if (up == n_BuyerTradeParty || up == n_SellerTradeParty)
			pl_parse_party_name(p, text, 0);
		else if (up == n_ShipToTradeParty && up2 ==
		    n_ApplicableHeaderTradeDelivery)
			SET(O(delivery_party), text);
		else if ((up == n_AdditionalReferencedDocument ||
		    up == n_AdditionalReferenceReferencedDocument) && it)
			SET(&it->f[PL_doc_type], text);
		else if (up == n_RelevantTradeLocation &&
		    up2 == n_ApplicableTradeDeliveryTerms)
			SET(O(incoterm_place), text);
		break;
	case n_Description:
		if (up == n_SpecifiedTradeProduct && line)
			pl_parse_join(p, L(description), text, "\n", 0);
		else if (up == n_ApplicableProductCharacteristic && it)
			SET(&it->f[PL_prop_name], text);
		else if (up == n_SpecifiedTradePaymentTerms &&
		    up2 == n_ApplicableHeaderTradeSettlement)
			pl_parse_join(p, O(payment_terms), text, "; ", 1);
		break;
	case n_Value:
		if (up == n_ApplicableProductCharacteristic && it)
			SET(&it->f[PL_prop_value], text);
		break;
	case n_ValueMeasure:
		if (up == n_ApplicableProductCharacteristic && it &&
		    !it->f[PL_prop_value]) {
			SET(&it->f[PL_prop_value], text);
			SET(&it->f[PL_prop_unit], attr);
		}
		break;
	case n_ApplicableProductCharacteristic:
		if (it && it->f[PL_prop_value] == NULL)
			pl_order_drop_item(&p->o);
		st->item = NULL;
		break;
	case n_BatchID:
		if (up == n_SpecifiedTradeProduct ||
		    up == n_IndividualTradeProductInstance)
			pl_parse_prop(p, 1, "lot", text, NULL);
		break;
	case n_SerialID:
		if (up == n_IndividualTradeProductInstance)
			pl_parse_prop(p, 1, "serial", text, NULL);
		break;
	case n_ClassCode:
		if (up == n_DesignatedProductClassification)
			pl_parse_prop(p, 1, "classification", text, attr);
		break;
	case n_IssuerAssignedID:
		if ((up == n_AdditionalReferencedDocument ||
		    up == n_AdditionalReferenceReferencedDocument) && it)
			SET(&it->f[PL_doc_ref], text);
		else if (up2 != n_ApplicableHeaderTradeAgreement)
			break;
		else if (up == n_BuyerOrderReferencedDocument)
			SET(&st->ref, text);
		else if (up == n_QuotationReferencedDocument)
			SET(O(quotation), text);
		else if (up == n_ContractReferencedDocument)
			SET(O(contract), text);
		break;
	case n_URIID:
		if ((up == n_AdditionalReferencedDocument ||
		    up == n_AdditionalReferenceReferencedDocument) && it)
			SET(&it->f[PL_doc_uri], text);
		break;
	case n_AttachmentBinaryObject:
		if (it)
			pl_parse_attachment(p, it, text);
		break;
	case n_AdditionalReferencedDocument:
	case n_AdditionalReferenceReferencedDocument:
		if (it && it->f[PL_doc_type] == NULL)
			it->f[PL_doc_type] = st->value_qty;
		st->item = NULL;
		break;
	case n_ChargeAmount:
		if (up == n_NetPriceProductTradePrice && line)
			SET(L(price), text);
		break;
	case n_BasisQuantity:
		if (up == n_NetPriceProductTradePrice && line)
			SET(L(base_qty), text);
		break;
	case n_RequestedQuantity:
		if (up == n_SpecifiedLineTradeDelivery && line) {
			SET(L(quantity), text);
			SET(L(unit), attr);
		}
		break;
	case n_LineTotalAmount:
		if (up == n_SpecifiedTradeSettlementLineMonetarySummation &&
		    line)
			SET(L(amount), text);
		else if (up == n_SpecifiedTradeSettlementHeaderMonetarySummation)
			st->line_total = pl_order_text(&p->o, text, 1);
		break;
	case n_GrandTotalAmount:
		if (up == n_SpecifiedTradeSettlementHeaderMonetarySummation)
			SET(O(total), text);
		break;
	case n_BuyerReference:
		if (up == n_ApplicableHeaderTradeAgreement)
			SET(O(buyer_ref), text);
		break;
	case n_OrderCurrencyCode:
		if (up == n_ApplicableHeaderTradeSettlement)
			SET(O(currency), text);
		break;
	case n_DeliveryTypeCode:
		if (up == n_ApplicableTradeDeliveryTerms)
			SET(O(incoterm), text);
		break;
	case n_ApplicableTradeDeliveryTerms:
		SET(O(incoterm_place), st->desc);
		st->desc = NULL;
		break;
	case n_LineOne: part = &st->addr[PL_ADDR_LINE1]; break;
	case n_LineTwo: part = &st->addr[PL_ADDR_LINE2]; break;
	case n_LineThree: part = &st->addr[PL_ADDR_LINE3]; break;
	case n_PostcodeCode: part = &st->addr[PL_ADDR_ZONE]; break;
	case n_CityName: part = &st->addr[PL_ADDR_CITY]; break;
	case n_CountrySubDivisionName: part = &st->addr[PL_ADDR_REGION]; break;
	case n_CountryID:
		part = &st->addr[PL_ADDR_COUNTRY];
		if (up == n_PostalTradeAddress && st->party[3] &&
		    (up2 == n_BuyerTradeParty || up2 == n_SellerTradeParty))
			SET(st->party[3], text);
		break;
	case n_PostalTradeAddress:
		if (up != n_ShipToTradeParty)
			break;
		if (up2 == n_ApplicableHeaderTradeDelivery &&
		    !*O(delivery_address)) {
			*O(delivery_address) = pl_parse_address(p);
			SET(O(delivery_country), st->addr[PL_ADDR_COUNTRY]);
		} else if (up2 == n_SpecifiedLineTradeDelivery && line &&
		    !line->f[PL_line_delivery_address]) {
			*L(delivery_address) = pl_parse_address(p);
			SET(L(delivery_country), st->addr[PL_ADDR_COUNTRY]);
		}
		break;
	case n_BuyerTradeParty:
	case n_SellerTradeParty:
		if (up == n_ApplicableHeaderTradeAgreement)
			memset(st->party, 0, sizeof(st->party));
		break;
	case n_IncludedSupplyChainTradeLineItem:
		if (line && !line->f[PL_line_delivery_to] &&
		    !line->f[PL_line_delivery_from])
			line->f[PL_line_delivery_to] = st->when[1];
		st->when[1] = NULL;
		st->line = NULL;
		break;
	}
	if (part && up == n_PostalTradeAddress)
		*part = pl_order_text(&p->o, text, 1);
}

void
pl_orderx_finish(struct pl_parse *p)
{
	struct pl_parse_state *st = &p->st;
	const char *type = *O(type_code), *purpose = st->short_name;

	if (purpose && strcmp(purpose, "1") == 0)
		*O(doctype) = "cancel";
	else if (type && strcmp(type, "230") == 0)
		*O(doctype) = "change";
	else
		*O(doctype) = "order";
	if (strcmp(*O(doctype), "order") == 0) {
		*O(seq) = "0";
	} else if (st->ref) {
		*O(number) = st->ref;
	} else {
		pl_parse_warn(p, 0, "an Order-X %s without "
		    "BuyerOrderReferencedDocument: the order it changes is "
		    "not stated", *O(doctype) == NULL ? "" : *O(doctype));
	}
	if (!*O(delivery_to) && !*O(delivery_from))
		*O(delivery_to) = st->when[0];
	if (*O(total) == NULL)
		*O(total) = st->line_total;
}
