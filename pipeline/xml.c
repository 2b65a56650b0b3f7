#include "xml.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:" \
	"CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:" \
	"CommonBasicComponents-2"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* External entities and DTDs are never fetched, whatever asks. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* libxml2's message, first line only, tidied to the house style. */
static void
tidy_message(char *dst, size_t size, const char *msg)
{
	size_t n = strcspn(msg, "\n");

	while (n > 0 && isspace((unsigned char)msg[n - 1]))
		n--;
	snprintf(dst, size, "%.*s", (int)n, msg);
	if (isupper((unsigned char)dst[0]) && islower((unsigned char)dst[1]))
		dst[0] = (char)tolower((unsigned char)dst[0]);
}

#if LIBXML_VERSION >= 21200
static void
on_error(void *ctx, const xmlError *err)
#else
static void
on_error(void *ctx, xmlErrorPtr err)
#endif
{
	struct pl_xml *x = ctx;
	const char *m = err->message ? err->message : "parse error";
	xmlParserCtxtPtr ctxt = NULL;
	char msg[400];

	if (err->level == XML_ERR_WARNING || x == NULL || x->failed)
		return;
	if (err->domain == XML_FROM_PARSER && err->ctxt != NULL)
		ctxt = err->ctxt;
	if ((err->code == XML_ERR_DOCUMENT_END ||
	    err->code == XML_ERR_DOCUMENT_EMPTY) && x->in.count == 0)
		snprintf(msg, sizeof(msg), "document is empty (0 bytes)");
	else if (err->code == XML_ERR_DOCUMENT_END && ctxt &&
	    ctxt->nameNr > 0 && ctxt->name)
		/* the push parser's word for a document cut short */
		snprintf(msg, sizeof(msg), "document ends before element "
		    "'%.100s' is closed: truncated", ctxt->name);
	else if (err->code == XML_ERR_DOCUMENT_EMPTY)
		snprintf(msg, sizeof(msg), "not an XML document: "
		    "no element found");
	else if (strncmp(m, "Input is not proper UTF-8", 25) == 0) {
		const char *bytes = strstr(m, "Bytes: ");

		snprintf(msg, sizeof(msg), "not valid UTF-8%s%.*s%s: a document "
		    "in another encoding must declare it", bytes ? " (" : "",
		    bytes ? (int)strcspn(bytes + 7, "\n") : 0,
		    bytes ? bytes + 7 : "", bytes ? ")" : "");
	} else if (strstr(m, "Excessive depth") != NULL)
		snprintf(msg, sizeof(msg), "elements nested deeper than %d "
		    "levels (the limit)", (int)xmlParserMaxDepth);
	else if (strstr(m, "huge text node") != NULL ||
	    strstr(m, "Huge input lookup") != NULL)
		snprintf(msg, sizeof(msg), "text node larger than %d bytes "
		    "(the limit; an embedded attachment over about 7 MiB "
		    "makes an order unreadable)", XML_MAX_TEXT_LENGTH);
	else if (strstr(m, "entity reference loop") != NULL ||
	    strstr(m, "amplification") != NULL)
		snprintf(msg, sizeof(msg), "entity expansion refused: "
		    "the document's entities loop or grow too large");
	else
		tidy_message(msg, sizeof(msg), m);
	pl_err_set(&x->err, PL_EXIT_DATA, x->in.name, err->line, "%s", msg);
	x->failed = 1;
}

int
pl_xml_init(struct pl_xml *x, unsigned long long max_size)
{
	memset(x, 0, sizeof(*x));
	x->max_size = max_size ? max_size : PL_XML_MAX_SIZE;
	pl_buf_init(&x->text);
	xmlLineNumbersDefault(1);
	xmlSetExternalEntityLoader(refuse_entity);
	return 0;
}

void
pl_xml_release(struct pl_xml *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	pl_input_close(&x->in);
	pl_buf_release(&x->text);
	x->r = NULL;
}

static int
read_cb(void *ctx, char *buf, int len)
{
	return pl_input_read(ctx, buf, len);
}

static int
close_cb(void *ctx)
{
	(void)ctx;	/* pl_xml_close() closes the input */
	return 0;
}

int
pl_xml_open(struct pl_xml *x, const char *path, struct pl_err *e)
{
	const unsigned char *head;

	pl_input_close(&x->in);
	pl_err_clear(&x->err);
	x->failed = 0;
	if (pl_input_open(&x->in, path, x->max_size, e) < 0)
		return -1;
	/*
	 * libxml2 2.9's xmlReaderNewIO() does not detect the encoding from
	 * the first bytes as a new reader does, so a document that starts
	 * with a byte order mark or is not ASCII-compatible gets a new one.
	 */
	if (x->r && pl_input_peek(&x->in, &head) >= 2 &&
	    !(head[0] == '<' && head[1] != 0)) {
		xmlFreeTextReader(x->r);
		x->r = NULL;
	}
	if (x->r == NULL)
		x->r = xmlReaderForIO(read_cb, close_cb, &x->in, x->in.name,
		    NULL, XML_OPTIONS);
	else if (xmlReaderNewIO(x->r, read_cb, close_cb, &x->in, x->in.name,
	    NULL, XML_OPTIONS) != 0) {
		xmlFreeTextReader(x->r);
		x->r = NULL;
	}
	if (x->r == NULL) {
		pl_input_close(&x->in);
		return pl_err_set(e, PL_EXIT_INTERNAL, x->in.name, 0,
		    "cannot set up the XML reader");
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
	xmlSetStructuredErrorFunc(x, on_error);
	return 0;
}

static void
first_name(void *payload, void *data, const xmlChar *name)
{
	const char **first = data;

	(void)payload;
	if (*first == NULL)
		*first = (const char *)name;
}

/* A DTD that declares entities is refused before any is expanded. */
static int
check_dtd(struct pl_xml *x)
{
	xmlDtdPtr dtd = (xmlDtdPtr)xmlTextReaderCurrentNode(x->r);
	const char *name = NULL;

	if (dtd == NULL || dtd->type != XML_DTD_NODE)
		return 1;
	if (dtd->entities)
		xmlHashScan(dtd->entities, first_name, &name);
	if (name == NULL && dtd->pentities)
		xmlHashScan(dtd->pentities, first_name, &name);
	if (name != NULL)
		return pl_xml_fail(x, 0, "the document declares entity '%s': "
		    "entities are never expanded and orders do not use them",
		    name);
	return 1;
}

int
pl_xml_read(struct pl_xml *x)
{
	int rc;

	if (x->failed)
		return -1;
	rc = xmlTextReaderRead(x->r);
	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE)
		rc = check_dtd(x);
	return x->failed ? -1 : rc;
}

int
pl_xml_next(struct pl_xml *x)
{
	int rc;

	if (x->failed)
		return -1;
	rc = xmlTextReaderNext(x->r);
	return x->failed ? -1 : rc;
}

xmlNodePtr
pl_xml_expand(struct pl_xml *x)
{
	return x->failed ? NULL : xmlTextReaderExpand(x->r);
}

int
pl_xml_fail(struct pl_xml *x, long line, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return -1;
	if (line == 0)
		line = xmlGetLineNo(xmlTextReaderCurrentNode(x->r));
	if (line <= 0)
		line = xmlTextReaderGetParserLineNumber(x->r);
	x->err.status = PL_EXIT_DATA;
	snprintf(x->err.file, sizeof(x->err.file), "%s", x->in.name);
	x->err.line = line;
	va_start(ap, fmt);
	vsnprintf(x->err.msg, sizeof(x->err.msg), fmt, ap);
	va_end(ap);
	x->failed = 1;
	return -1;
}

int
pl_xml_close(struct pl_xml *x, int rc, struct pl_err *e)
{
	const char *enc;
	int ok = 0;

	if (x->in.over)
		pl_err_set(e, PL_EXIT_DATA, x->in.name, 0, "document larger "
		    "than %llu bytes after decompression (the limit)",
		    x->max_size);
	else if (x->in.failed)
		pl_err_set(e, x->in.failed == 2 ? PL_EXIT_IO : PL_EXIT_DATA,
		    x->in.name, 0, "%s", x->in.why);
	else if (x->failed)
		*e = x->err;
	else if (rc != 0)
		pl_err_set(e, PL_EXIT_DATA, x->in.name,
		    xmlTextReaderGetParserLineNumber(x->r),
		    "cannot parse the document");
	else
		ok = 1;
	xmlSetStructuredErrorFunc(NULL, NULL);
	pl_input_close(&x->in);
	/*
	 * libxml2 2.9's xmlReaderNewIO() may keep the previous document's
	 * encoding handler: start afresh after any document not in UTF-8,
	 * and after any error.
	 */
	enc = (const char *)xmlTextReaderConstEncoding(x->r);
	if (!ok || (enc && strcmp(enc, "UTF-8") != 0)) {
		xmlFreeTextReader(x->r);
		x->r = NULL;
	}
	return ok ? 0 : -1;
}

const char *
pl_xml_name(const struct pl_xml *x)
{
	return x->in.name;
}

unsigned long
pl_xml_crc(const struct pl_xml *x)
{
	return x->in.crc;
}

unsigned long long
pl_xml_length(const struct pl_xml *x)
{
	return x->in.count;
}

int
pl_xml_is(xmlNodePtr n, const char *name)
{
	const char *ns = NULL, *colon;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	if ((colon = strchr(name, ':')) != NULL) {
		if (strncmp(name, "cbc:", 4) == 0)
			ns = NS_CBC;
		else if (strncmp(name, "cac:", 4) == 0)
			ns = NS_CAC;
		name = colon + 1;
	}
	if (strcmp((const char *)n->name, name) != 0)
		return 0;
	if (ns == NULL)
		return 1;
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href,
	    ns) == 0;
}

xmlNodePtr
pl_xml_first(xmlNodePtr n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
pl_xml_next_elem(xmlNodePtr n)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
pl_xml_find(xmlNodePtr n, const char *path)
{
	char seg[96];
	const char *p = path;

	while (n && *p) {
		size_t len = strcspn(p, "/");
		xmlNodePtr c;

		if (len >= sizeof(seg))
			return NULL;
		memcpy(seg, p, len);
		seg[len] = '\0';
		for (c = pl_xml_first(n); c && !pl_xml_is(c, seg);
		    c = pl_xml_next_elem(c))
			;
		n = c;
		p += len + (p[len] == '/');
	}
	return n;
}

static void
add_text(struct pl_buf *b, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content)
			pl_buf_adds(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			add_text(b, n->children);
	}
}

const char *
pl_xml_text(struct pl_xml *x, xmlNodePtr n)
{
	xmlNodePtr c;

	if (n == NULL)
		return NULL;
	c = n->children;
	if (c == NULL)
		return "";
	/* the usual case: one text child, read in place */
	if (c->next == NULL && c->type == XML_TEXT_NODE && c->content)
		return (const char *)c->content;
	pl_buf_reset(&x->text);
	add_text(&x->text, c);
	return x->text.s;
}

const char *
pl_xml_get(struct pl_xml *x, xmlNodePtr n, const char *path)
{
	return pl_xml_text(x, pl_xml_find(n, path));
}

const char *
pl_xml_attr(struct pl_xml *x, xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;
	int xmlns = strncmp(name, "xml:", 4) == 0;

	(void)x;
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (xmlns)
		name += 4;
	for (a = n->properties; a; a = a->next)
		if ((xmlns ? a->ns && a->ns->prefix &&
		    strcmp((const char *)a->ns->prefix, "xml") == 0 :
		    a->ns == NULL) && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	return NULL;
}

long
pl_xml_line(xmlNodePtr n)
{
	return n ? xmlGetLineNo(n) : 0;
}
