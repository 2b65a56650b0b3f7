#include "refxml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
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
	xmlTextReaderPtr rd;	/* streaming: where the reader is */
	const struct pl_buf *buf;	/* and the file's text */
};

/*
 * Streaming validation often reports no node: find the item from the
 * text, the last "<ITEM ... ATTR="ID"" that starts before line.
 */
static void
item_before(const struct errs *s, long line, char *buf, size_t size)
{
	const char *p = s->buf->s, *end = s->buf->s + s->buf->len, *hit = NULL;
	char open[40], attr[40];
	long n = 1;

	snprintf(open, sizeof(open), "<%s ", s->r->item);
	snprintf(attr, sizeof(attr), " %s=\"", s->r->attr);
	for (; p < end && n <= line; p++) {
		if (*p == '\n')
			n++;
		else if (*p == '<' && strncmp(p, open, strlen(open)) == 0)
			hit = p;
	}
	if (hit && (hit = strstr(hit, attr)) != NULL && hit < p) {
		hit += strlen(attr);
		snprintf(buf, size, "%s '%.*s': ", s->r->item,
		    (int)strcspn(hit, "\"<>"), hit);
	}
}

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
	else if (s->rd)
		item_of(s->r, xmlTextReaderCurrentNode(s->rd), item,
		    sizeof(item));
	if (item[0] == '\0' && s->buf && s->r->item && err->line > 0)
		item_before(s, err->line, item, sizeof(item));
	if (err->code == XML_ERR_DOCUMENT_EMPTY)
		snprintf(msg, sizeof(msg), "%s", s->r->length ? "not an XML "
		    "document: no element found" : "the file is empty");
	else
		pl_xml_tidy(msg, sizeof(msg), err->message ? err->message :
		    "invalid");
	pl_err_set(s->e, PL_EXIT_CONFIG, s->file, err->line, "%s%s", item, msg);
	s->failed = 1;
}

/* Read path (gzip too, at most MAX_REF bytes) into b. */
static int
slurp(struct pl_refxml *r, const char *path, struct pl_buf *b,
    struct pl_err *e)
{
	const char *file = pl_input_display(path);
	struct pl_input in;
	char chunk[65536];
	int n;

	pl_xml_harden();
	if (pl_input_open(&in, path, MAX_REF, e) < 0)
		return -1;
	while ((n = pl_input_read(&in, chunk, sizeof(chunk))) > 0)
		if (pl_buf_add(b, chunk, (size_t)n) < 0) {
			pl_input_close(&in);
			return pl_err_set(e, PL_EXIT_INTERNAL, file, 0,
			    "out of memory");
		}
	pl_input_close(&in);
	if (in.over || in.failed)
		return pl_err_set(e, in.failed == 2 ? PL_EXIT_IO : PL_EXIT_CONFIG,
		    file, 0, "%s", in.over ? "file larger than 64 MiB" : in.why);
	r->crc = in.crc;
	r->length = in.count;
	return 0;
}

int
pl_refxml_stream(struct pl_refxml *r, const char *path, const char *xsd,
    struct pl_buf *out, struct pl_err *e)
{
	struct errs s = { r, pl_input_display(path), e, 0, NULL, out };
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL;
	xmlTextReaderPtr rd = NULL;
	const char *x;
	size_t xlen;
	int rc = -1, n;

	if (slurp(r, path, out, e) < 0)
		return -1;
	if ((x = pl_embedded(xsd, &xlen)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' is "
		    "not built in", xsd);
	xmlSetStructuredErrorFunc(&s, on_error);
	pctxt = xmlSchemaNewMemParserCtxt(x, (int)xlen);
	schema = pctxt ? xmlSchemaParse(pctxt) : NULL;
	rd = schema ? xmlReaderForMemory(out->s, (int)out->len, s.file, NULL,
	    XML_PARSE_NONET) : NULL;
	if (rd == NULL || xmlTextReaderSetSchema(rd, schema) != 0) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' does not "
		    "load", xsd);
		goto out;
	}
	/* errors reach on_error through the global handler: libxml2 2.9's
	 * reader relay crashes on some parse errors */
	s.rd = rd;
	/* read on after the first error: libxml2's validator leaks what it
	 * holds when a stream is left half read */
	while ((n = xmlTextReaderRead(rd)) == 1)
		;
	if (s.failed)
		goto out;
	if (n < 0 || xmlTextReaderIsValid(rd) != 1) {
		pl_err_set(e, PL_EXIT_CONFIG, s.file, 0, "not valid against %s",
		    xsd);
		goto out;
	}
	rc = 0;
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (rd)
		xmlFreeTextReader(rd);
	if (schema)
		xmlSchemaFree(schema);
	if (pctxt)
		xmlSchemaFreeParserCtxt(pctxt);
	return rc;
}

xmlDocPtr
pl_refxml_load(struct pl_refxml *r, const char *path, const char *xsd,
    struct pl_err *e)
{
	struct errs s = { r, pl_input_display(path), e, 0, NULL, NULL };
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlSchemaPtr schema = NULL;
	xmlDocPtr doc = NULL;
	struct pl_buf b;
	const char *x;
	size_t xlen;

	pl_buf_init(&b);
	if (slurp(r, path, &b, e) < 0)
		goto out;
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

const char *
pl_refxml_name(xmlNodePtr n, const char *lang)
{
	const char *l;

	for (n = pl_refxml_child(n, "name"); n; n = pl_refxml_next(n, "name"))
		if ((l = pl_refxml_attr(n, "lang")) != NULL &&
		    strcmp(l, lang) == 0)
			return pl_refxml_text(n);
	return NULL;
}
