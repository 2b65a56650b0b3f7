#include "refxml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "embed.h"
#include "input.h"
#include "xml.h"

#define MAX_REF (64ULL << 20)

struct errs {
	const struct pl_refxml *r;
	const char *file;
	struct pl_err *e;
	int failed;
};

/* "product 'HX-PC-E1810': " when n lies inside such an item. */
static void
item_of(const struct pl_refxml *r, xmlNodePtr n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (r->item && strcmp((const char *)n->name, r->item) == 0) {
			const char *id = pl_refxml_attr(n, r->attr);

			snprintf(buf, size, "%s '%s': ", r->item, id ? id : "?");
			return;
		}
}

#if LIBXML_VERSION >= 21200
static void
on_error(void *ctx, const xmlError *err)
#else
static void
on_error(void *ctx, xmlErrorPtr err)
#endif
{
	struct errs *s = ctx;
	char item[160] = "", msg[400];

	if (s->failed || err->level == XML_ERR_WARNING)
		return;
	if (err->node)
		item_of(s->r, (xmlNodePtr)err->node, item, sizeof(item));
	pl_xml_tidy(msg, sizeof(msg), err->message ? err->message :
	    "invalid");
	pl_err_set(s->e, PL_EXIT_CONFIG, s->file, err->line, "%s%s", item, msg);
	s->failed = 1;
}

xmlDocPtr
pl_refxml_load(struct pl_refxml *r, const char *path, const char *xsd,
    struct pl_err *e)
{
	struct errs s = { r, pl_input_display(path), e, 0 };
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlSchemaPtr schema = NULL;
	xmlDocPtr doc = NULL;
	struct pl_input in;
	struct pl_buf b;
	const char *x;
	size_t xlen;
	char chunk[65536];
	int n;

	pl_buf_init(&b);
	pl_xml_harden();
	if (pl_input_open(&in, path, MAX_REF, e) < 0)
		return NULL;
	while ((n = pl_input_read(&in, chunk, sizeof(chunk))) > 0)
		if (pl_buf_add(&b, chunk, (size_t)n) < 0) {
			pl_err_set(e, PL_EXIT_INTERNAL, s.file, 0,
			    "out of memory");
			goto out;
		}
	pl_input_close(&in);
	if (in.over || in.failed) {
		pl_err_set(e, in.failed == 2 ? PL_EXIT_IO : PL_EXIT_CONFIG,
		    s.file, 0, "%s", in.over ? "file larger than 64 MiB" :
		    in.why);
		goto out;
	}
	r->crc = in.crc;
	r->length = in.count;
	xmlSetStructuredErrorFunc(&s, on_error);
	doc = xmlReadMemory(b.s, (int)b.len, s.file, NULL, XML_PARSE_NONET);
	if (doc == NULL || s.failed) {
		if (!s.failed)
			pl_err_set(e, PL_EXIT_CONFIG, s.file, 0,
			    "not a well-formed XML document");
		goto fail;
	}
	if ((x = pl_embedded(xsd, &xlen)) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' is not "
		    "built in", xsd);
		goto fail;
	}
	pctxt = xmlSchemaNewMemParserCtxt(x, (int)xlen);
	schema = pctxt ? xmlSchemaParse(pctxt) : NULL;
	vctxt = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	if (vctxt == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' does "
		    "not load", xsd);
		goto fail;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, on_error, &s);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0 || s.failed) {
		if (!s.failed)
			pl_err_set(e, PL_EXIT_CONFIG, s.file, 0, "not valid "
			    "against %s", xsd);
		goto fail;
	}
	goto out;
fail:
	if (doc)
		xmlFreeDoc(doc);
	doc = NULL;
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctxt)
		xmlSchemaFreeValidCtxt(vctxt);
	if (schema)
		xmlSchemaFree(schema);
	if (pctxt)
		xmlSchemaFreeParserCtxt(pctxt);
	pl_input_close(&in);
	pl_buf_release(&b);
	return doc;
}

int
pl_refxml_fail(const struct pl_refxml *r, struct pl_err *e, const char *file,
    xmlNodePtr n, const char *fmt, ...)
{
	char item[160], msg[400];
	va_list ap;

	item_of(r, n, item, sizeof(item));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return pl_err_set(e, PL_EXIT_CONFIG, file, n ? xmlGetLineNo(n) : 0,
	    "%s%s", item, msg);
}

const char *
pl_refxml_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n ? n->properties : NULL; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	return NULL;
}

xmlNodePtr
pl_refxml_child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

xmlNodePtr
pl_refxml_next(xmlNodePtr n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

const char *
pl_refxml_text(xmlNodePtr n)
{
	xmlNodePtr c = n ? n->children : NULL;

	if (c && c->type == XML_TEXT_NODE && c->next == NULL && c->content)
		return (const char *)c->content;
	return "";
}
