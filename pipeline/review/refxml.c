#include "refxml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "embed.h"
#include "input.h"
#include "xml.h"


struct errs {
	const struct pl_refxml *r;
	const char *file;
	struct pl_err *e;
	int failed;
	const struct pl_input *in;	/* streaming: the input so far */
	char msg[400];		/* an error that named no node, */
	long line;		/* and its line */
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
	if (err->code == XML_ERR_DOCUMENT_EMPTY)
		snprintf(msg, sizeof(msg), "%s", (s->in ? s->in->count :
		    s->r->length) ? "not an XML document: no element found" :
		    "the file is empty");
	else
		pl_xml_tidy(msg, sizeof(msg), err->message ? err->message :
		    "invalid");
	/* the streaming validator runs ahead of the reader and often names
	 * no node: the item is found by line once the reader has read on */
	if (item[0] == '\0' && s->in && err->domain == XML_FROM_SCHEMASV &&
	    err->line > 0) {
		snprintf(s->msg, sizeof(s->msg), "%s", msg);
		s->line = err->line;
	}
	pl_err_set(s->e, PL_EXIT_CONFIG, s->file, err->line, "%s%s", item, msg);
	s->failed = 1;
}

/* An input's failure as e, or 0. */
static int
input_failed(const struct pl_input *in, const char *file, struct pl_err *e)
{
	if (!in->over && !in->failed)
		return 0;
	return pl_err_set(e, in->failed == 2 ? PL_EXIT_IO : PL_EXIT_CONFIG,
	    file, 0, "%s", in->over ? "file larger than 64 MiB" : in->why);
}

/* Read path (gzip too, at most PL_REFXML_MAX bytes) into b. */
static int
slurp(struct pl_refxml *r, const char *path, struct pl_buf *b,
    struct pl_err *e)
{
	const char *file = pl_input_display(path);
	struct pl_input in;
	char chunk[65536];
	int n;

	pl_xml_harden();
	if (pl_input_open(&in, path, PL_REFXML_MAX, e) < 0)
		return -1;
	while ((n = pl_input_read(&in, chunk, sizeof(chunk))) > 0)
		if (pl_buf_add(b, chunk, (size_t)n) < 0) {
			pl_input_close(&in);
			return pl_err_set(e, PL_EXIT_INTERNAL, file, 0,
			    "out of memory");
		}
	pl_input_close(&in);
	if (input_failed(&in, file, e) < 0)
		return -1;
	r->crc = in.crc;
	r->length = in.count;
	return 0;
}

/* Drop the identity constraints (xs:key, xs:keyref, xs:unique) under n. */
static void
drop_keys(xmlNodePtr n)
{
	static const char xs[] = "http://www.w3.org/2001/XMLSchema";
	xmlNodePtr c, next;

	for (c = n->children; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns && strcmp((const char *)c->ns->href, xs) == 0 &&
		    (strcmp((const char *)c->name, "key") == 0 ||
		    strcmp((const char *)c->name, "keyref") == 0 ||
		    strcmp((const char *)c->name, "unique") == 0)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else {
			drop_keys(c);
		}
	}
}

/*
 * The built-in schema x without its identity constraints, or NULL; the
 * schema's document is left in *doc, to free after the schema (the schema
 * points into it).
 */
static xmlSchemaPtr
schema_without_keys(const char *x, size_t xlen, xmlDocPtr *doc)
{
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaPtr schema = NULL;

	if ((*doc = xmlReadMemory(x, (int)xlen, "schema.xsd", NULL,
	    XML_PARSE_NONET)) == NULL)
		return NULL;
	drop_keys((xmlNodePtr)*doc);
	if ((pctxt = xmlSchemaNewDocParserCtxt(*doc)) != NULL) {
		schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	return schema;
}

static int
io_read(void *in, char *buf, int len)
{
	return pl_input_read(in, buf, len);
}

static int
io_close(void *in)
{
	(void)in;	/* the caller closes it */
	return 0;
}

int
pl_refxml_stream(struct pl_refxml *r, const char *path, const char *xsd,
    pl_refxml_each each, void *ctx, struct pl_err *e)
{
	struct pl_input in;
	struct pl_err mine;
	struct errs s = { r, pl_input_display(path), e, 0, &in, "", 0 };
	xmlSchemaPtr schema = NULL;
	xmlDocPtr xdoc = NULL;
	xmlTextReaderPtr rd = NULL;
	char item[160] = "";	/* the last item started before the error */
	const char *x;
	size_t xlen;
	int rc = -1, n, took, failed = 0;

	if ((x = pl_embedded(xsd, &xlen)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' is "
		    "not built in", xsd);
	pl_xml_harden();
	if (pl_input_open(&in, path, PL_REFXML_MAX, e) < 0)
		return -1;
	schema = schema_without_keys(x, xlen, &xdoc);
	xmlSetStructuredErrorFunc(&s, on_error);
	rd = schema ? xmlReaderForIO(io_read, io_close, &in, s.file, NULL,
	    XML_PARSE_NONET) : NULL;
	if (rd == NULL || xmlTextReaderSetSchema(rd, schema) != 0) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "schema '%s' does not "
		    "load", xsd);
		goto out;
	}
	/* errors reach on_error through the global handler: libxml2 2.9's
	 * reader relay crashes on some parse errors; read on after the first
	 * one, as libxml2's validator leaks what it holds when a stream is
	 * left half read, and note where the last item before it starts.
	 * The validator sits in the parser, so what each expands is
	 * validated as it is parsed */
	n = xmlTextReaderRead(rd);
	while (n == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);
		int depth;

		took = 0;
		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT) {
			n = xmlTextReaderRead(rd);
			continue;
		}
		if (r->item && strcmp(name, r->item) == 0) {
			long line = xmlGetLineNo(xmlTextReaderCurrentNode(rd));
			xmlChar *id;

			if (!s.line || line <= s.line) {
				id = xmlTextReaderGetAttribute(rd,
				    (const xmlChar *)r->attr);
				snprintf(item, sizeof(item), "%s '%s': ",
				    r->item, id ? (const char *)id : "?");
				xmlFree(id);
			}
		}
		depth = xmlTextReaderDepth(rd);
		if (each && !s.failed && !failed && depth >= 1 && depth <= 3 &&
		    (took = each(ctx, rd, depth, name, &mine)) < 0)
			failed = 1;
		n = took == 1 ? xmlTextReaderNext(rd) : xmlTextReaderRead(rd);
	}
	if (s.line && item[0])
		pl_err_set(e, PL_EXIT_CONFIG, s.file, s.line, "%s%s", item,
		    s.msg);
	if (input_failed(&in, s.file, e) < 0 || s.failed)
		goto out;
	if (n < 0 || xmlTextReaderIsValid(rd) != 1) {
		pl_err_set(e, PL_EXIT_CONFIG, s.file, 0, "not valid against %s",
		    xsd);
		goto out;
	}
	/* the file is valid: what each found wrong in it is the error */
	if (failed) {
		*e = mine;
		goto out;
	}
	r->crc = in.crc;
	r->length = in.count;
	rc = 0;
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (rd)
		xmlFreeTextReader(rd);
	pl_input_close(&in);
	if (schema)
		xmlSchemaFree(schema);
	xmlFreeDoc(xdoc);
	return rc;
}

xmlDocPtr
pl_refxml_load(struct pl_refxml *r, const char *path, const char *xsd,
    struct pl_err *e)
{
	struct errs s = { r, pl_input_display(path), e, 0, NULL, "", 0 };
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
