#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define UBL_NS "urn:oasis:names:specification:ubl:schema:xsd:"
#define OPENTRANS_NS "http://www.opentrans.org/XMLSchema/"
#define ORDERX_NS "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:"
#define CEFACT_NS "urn:un:unece:uncefact:data:standard:"

int
pl_parse_init(struct pl_parse *p, unsigned long long max_size)
{
	memset(p, 0, sizeof(*p));
	pl_order_init(&p->o);
	pl_buf_init(&p->scratch);
	return pl_xml_init(&p->x, max_size);
}

void
pl_parse_release(struct pl_parse *p)
{
	pl_xml_release(&p->x);
	pl_order_release(&p->o);
	pl_buf_release(&p->scratch);
}

void
pl_parse_warn(struct pl_parse *p, long line, const char *fmt, ...)
{
	struct pl_err *w;
	va_list ap;

	if (p->nwarn++ >= PL_PARSE_MAX_WARN)
		return;
	w = &p->warn[p->nwarn - 1];
	w->status = PL_EXIT_OK;
	snprintf(w->file, sizeof(w->file), "%s", pl_xml_name(&p->x));
	w->line = line;
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
}

void
pl_parse_set(struct pl_parse *p, const char **dst, const char *s, int fold)
{
	const char *t;

	if (s == NULL || *dst != NULL)
		return;
	if ((t = pl_order_text(&p->o, s, fold)) != NULL)
		*dst = t;
}

/* Say what a document that is not a readable order is. */
static int
reject_root(struct pl_parse *p, const char *name, const char *ns)
{
	struct pl_xml *x = &p->x;
	size_t ubl = strlen(UBL_NS);

	if (strncmp(ns, UBL_NS, ubl) == 0) {
		if (strcmp(name, "OrderChange") == 0 ||
		    strcmp(name, "OrderCancellation") == 0)
			return pl_xml_fail(x, 0, "a UBL %s: order changes and "
			    "cancellations are not supported yet", name);
		return pl_xml_fail(x, 0, "a UBL %s, not an order", name);
	}
	if (strncmp(ns, OPENTRANS_NS, strlen(OPENTRANS_NS)) == 0) {
		if (strcmp(name, "ORDER") == 0)
			return pl_xml_fail(x, 0, "an openTRANS ORDER: openTRANS "
			    "is not supported yet");
		return pl_xml_fail(x, 0, "an openTRANS %s, not an order", name);
	}
	if (strncmp(ns, ORDERX_NS, strlen(ORDERX_NS)) == 0)
		return pl_xml_fail(x, 0, "an Order-X order (UN/CEFACT Cross "
		    "Industry Order): Order-X is not supported yet");
	if (strncmp(ns, CEFACT_NS, strlen(CEFACT_NS)) == 0 ||
	    strncmp(name, "CrossIndustry", 13) == 0)
		return pl_xml_fail(x, 0, "a UN/CEFACT %s, not an order", name);
	if (*ns)
		return pl_xml_fail(x, 0, "not a purchase order: root element "
		    "'%s' in namespace '%s'", name, ns);
	return pl_xml_fail(x, 0, "not a purchase order: root element '%s' "
	    "in no namespace", name);
}

int
pl_parse_doc(struct pl_parse *p, const char *path, struct pl_err *e)
{
	struct pl_xml *x = &p->x;
	const char *name, *ns;
	int rc;

	pl_order_reset(&p->o);
	p->nwarn = 0;
	if (pl_xml_open(x, path, e) < 0)
		return -1;
	while ((rc = pl_xml_read(x)) == 1 &&
	    xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
		;
	if (rc == 1) {
		name = (const char *)xmlTextReaderConstLocalName(x->r);
		ns = (const char *)xmlTextReaderConstNamespaceUri(x->r);
		if (ns == NULL)
			ns = "";
		if (strcmp(name, "Order") == 0 &&
		    strcmp(ns, UBL_NS "Order-2") == 0)
			rc = pl_ubl_read(p);
		else if (strcmp(name, "cXML") == 0 && *ns == '\0')
			rc = pl_cxml_read(p);
		else
			rc = reject_root(p, name, ns);
	} else if (rc == 0) {
		rc = pl_xml_fail(x, 0, "document is empty");
	}
	if (pl_xml_close(x, rc, e) < 0)
		return -1;
	if (pl_order_finish(&p->o, pl_xml_name(x), pl_xml_crc(x),
	    pl_xml_length(x)) < 0) {
		if (p->o.oom == 2)
			return pl_err_set(e, PL_EXIT_DATA, pl_xml_name(x), 0,
			    "more than %u bytes of order data (the limit): "
			    "not a purchase order a person could review",
			    PL_ORDER_MAX);
		return pl_err_set(e, PL_EXIT_INTERNAL, pl_xml_name(x), 0,
		    "out of memory");
	}
	return 0;
}
