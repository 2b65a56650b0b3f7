#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "cxml.h"
#include "opentrans.h"
#include "orderx.h"
#include "ubl.h"

#define UBL_NS "urn:oasis:names:specification:ubl:schema:xsd:"
#define OPENTRANS_NS "http://www.opentrans.org/XMLSchema/"
#define ORDERX_NS "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:"
#define CEFACT_NS "urn:un:unece:uncefact:data:standard:"

/*
 * The documents read: a root element in its namespace (or, with prefix
 * set, a namespace of that family, any version), the standard's reader,
 * and what the root alone says: the kind of document and, for an order,
 * its sequence number (an order is version 0).
 */
static const struct root {
	const char *name, *ns;
	int prefix;
	const struct pl_reader_std *std;
	const char *doctype, *seq;
} roots[] = {
	{ "Order", UBL_NS "Order-2", 0, &pl_ubl_reader, "order", "0" },
	{ "OrderChange", UBL_NS "OrderChange-2", 0, &pl_ubl_reader, "change",
	    NULL },
	{ "OrderCancellation", UBL_NS "OrderCancellation-2", 0, &pl_ubl_reader,
	    "cancel", NULL },
	{ "ORDER", OPENTRANS_NS "2.1", 0, &pl_opentrans_reader, "order", "0" },
	{ "SCRDMCCBDACIOMessageStructure", ORDERX_NS, 1, &pl_orderx_reader,
	    NULL, NULL },
	{ "cXML", "", 0, &pl_cxml_reader, "order", "0" },
};

#define NROOTS (sizeof(roots) / sizeof(roots[0]))

int
pl_parse_init(struct pl_parse *p, unsigned long long max_size)
{
	size_t i, j;

	memset(p, 0, sizeof(*p));
	if (pl_reader_init(&p->r, max_size) < 0)
		return -1;
	for (i = 0; i < NROOTS; i++) {
		for (j = 0; j < i && roots[j].std != roots[i].std; j++)
			;
		if (j < i)
			continue;	/* a state of its own per reader */
		if (p->nstd == PL_PARSE_MAX_STD || (p->states[p->nstd] =
		    calloc(1, roots[i].std->size)) == NULL)
			return -1;
		p->stds[p->nstd++] = roots[i].std;
	}
	return 0;
}

void
pl_parse_release(struct pl_parse *p)
{
	int i;

	pl_reader_release(&p->r);
	for (i = 0; i < p->nstd; i++)
		free(p->states[i]);
}

/* Say what a document that is not a readable order is. */
static void
reject_root(struct pl_xml *x, const char *name, const char *ns)
{
	if (strncmp(ns, UBL_NS, strlen(UBL_NS)) == 0) {
		pl_xml_fail(x, 0, "a UBL %s, not an order", name);
	} else if (strncmp(ns, OPENTRANS_NS, strlen(OPENTRANS_NS)) == 0) {
		if (strcmp(name, "ORDER") == 0)
			pl_xml_fail(x, 0, "an openTRANS ORDER in namespace '%s': "
			    "only openTRANS 2.1 is read", ns);
		else
			pl_xml_fail(x, 0, "an openTRANS %s, not an order", name);
	} else if (strncmp(ns, CEFACT_NS, strlen(CEFACT_NS)) == 0 ||
	    strncmp(name, "CrossIndustry", 13) == 0) {
		pl_xml_fail(x, 0, "a UN/CEFACT %s, not an order", name);
	} else if (*ns) {
		pl_xml_fail(x, 0, "not a purchase order: root element '%s' in "
		    "namespace '%s'", name, ns);
	} else {
		pl_xml_fail(x, 0, "not a purchase order: root element '%s' in "
		    "no namespace", name);
	}
}

static const struct root *
find_root(const char *name, const char *ns)
{
	size_t i;

	for (i = 0; i < NROOTS; i++)
		if (strcmp(name, roots[i].name) == 0 && (roots[i].prefix ?
		    strncmp(ns, roots[i].ns, strlen(roots[i].ns)) == 0 :
		    strcmp(ns, roots[i].ns) == 0))
			return &roots[i];
	return NULL;
}

static void
on_start(void *user, struct pl_xml *x, const struct pl_xml_elem *e)
{
	struct pl_parse *p = user;
	const struct root *root;
	const char *ns = e->ns ? e->ns : "";
	int i;

	if (e->depth > 0) {
		if (p->std)
			p->std->start(&p->r, p->state, e);
		return;
	}
	if ((root = find_root(e->name, ns)) == NULL) {
		reject_root(x, e->name, ns);
		return;
	}
	for (i = 0; p->stds[i] != root->std; i++)
		;
	p->std = root->std;
	p->state = p->states[i];
	p->r.o.f[PL_order_doctype] = root->doctype;
	p->r.o.f[PL_order_seq] = root->seq;
	p->std->begin(&p->r, p->state, e);
}

static void
on_end(void *user, struct pl_xml *x, const struct pl_xml_elem *e,
    const char *text, size_t len)
{
	struct pl_parse *p = user;

	(void)x, (void)len;
	if (e->depth > 0 && p->std)
		p->std->end(&p->r, p->state, e, text);
}

static const struct pl_xml_handler handler = { on_start, on_end };

/* Every line of a cancellation is cancelled, whatever the document says. */
static void
cancel_lines(struct pl_order *o)
{
	size_t i;

	if (o->f[PL_order_doctype] == NULL ||
	    strcmp(o->f[PL_order_doctype], "cancel") != 0)
		return;
	for (i = 0; i < o->nline; i++)
		o->line[i].f[PL_line_action] = "cancelled";
}

int
pl_parse_doc(struct pl_parse *p, const char *path, struct pl_err *e)
{
	struct pl_xml *x = &p->r.x;

	pl_reader_reset(&p->r);
	p->std = NULL;
	p->state = NULL;
	if (pl_xml_parse(x, path, &handler, p, e) < 0)
		return -1;
	if (p->std == NULL)
		return pl_err_set(e, PL_EXIT_DATA, pl_xml_name(x), 0,
		    "document is empty");
	if (p->std->finish(&p->r, p->state) < 0) {
		*e = x->err;
		return -1;
	}
	cancel_lines(&p->r.o);
	if (pl_order_finish(&p->r.o, pl_xml_name(x), pl_xml_crc(x),
	    pl_xml_length(x)) < 0) {
		if (p->r.o.oom == 2)
			return pl_err_set(e, PL_EXIT_DATA, pl_xml_name(x), 0,
			    "more than %u bytes of order data (the limit): "
			    "not a purchase order a person could review",
			    PL_ORDER_MAX);
		return pl_err_set(e, PL_EXIT_INTERNAL, pl_xml_name(x), 0,
		    "out of memory");
	}
	return 0;
}
