#include "xml.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#define XML_OPTIONS XML_PARSE_NONET
#define CHUNK (64 * 1024)
#define DOCS_PER_CTXT 1000	/* then a new context, so its dictionary of
				   names cannot grow without bound */

/* External entities and DTDs are never fetched, whatever asks. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
pl_xml_tidy(char *dst, size_t size, const char *msg)
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
	xmlParserCtxtPtr ctxt = x ? x->ctxt : NULL;
	char msg[400];

	if (err->level == XML_ERR_WARNING || x == NULL || x->failed)
		return;
	if ((err->code == XML_ERR_DOCUMENT_END ||
	    err->code == XML_ERR_DOCUMENT_EMPTY) && x->in.count == 0)
		snprintf(msg, sizeof(msg), "document is empty (0 bytes)");
	else if ((err->code == XML_ERR_DOCUMENT_END ||
	    err->code == XML_ERR_TAG_NOT_FINISHED) && ctxt &&
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
	else if (strstr(m, "entity reference loop") != NULL ||
	    strstr(m, "amplification") != NULL)
		snprintf(msg, sizeof(msg), "entity expansion refused: "
		    "the document's entities loop or grow too large");
	else
		pl_xml_tidy(msg, sizeof(msg), m);
	pl_err_set(&x->err, PL_EXIT_DATA, x->in.name, err->line, "%s", msg);
	x->failed = 1;
}

int
pl_xml_fail(struct pl_xml *x, long line, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return -1;
	if (line == 0)
		line = pl_xml_line(x);
	x->err.status = PL_EXIT_DATA;
	snprintf(x->err.file, sizeof(x->err.file), "%s", x->in.name);
	x->err.line = line;
	va_start(ap, fmt);
	vsnprintf(x->err.msg, sizeof(x->err.msg), fmt, ap);
	va_end(ap);
	x->failed = 1;
	if (x->ctxt)
		xmlStopParser(x->ctxt);
	return -1;
}

long
pl_xml_line(const struct pl_xml *x)
{
	return x->ctxt && x->ctxt->input ? x->ctxt->input->line : 0;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attrs)
{
	struct pl_xml *x = ctx;
	struct pl_xml_elem e;

	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	if (x->failed)
		return;
	if (++x->depth > PL_XML_MAX_DEPTH) {
		pl_xml_fail(x, 0, "elements nested deeper than %d levels "
		    "(the limit)", PL_XML_MAX_DEPTH);
		return;
	}
	x->textoff[x->depth] = x->text.len;
	x->tag[x->depth] = x->depth == 0 ? PL_XML_ROOT : 0;
	e.name = (const char *)name;
	e.ns = (const char *)uri;
	e.depth = x->depth;
	e.nattr = nattr;
	e.attrs = attrs;
	x->h->start(x->user, x, &e);
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct pl_xml *x = ctx;
	struct pl_xml_elem e;
	size_t off;

	(void)prefix;
	if (x->failed || x->depth < 0)
		return;
	off = x->textoff[x->depth];
	e.name = (const char *)name;
	e.ns = (const char *)uri;
	e.depth = x->depth;
	e.nattr = 0;
	e.attrs = NULL;
	x->h->end(x->user, x, &e, x->text.s + off, x->text.len - off);
	/* the parent keeps only its own text */
	x->text.len = off;
	x->text.s[off] = '\0';
	x->depth--;
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	struct pl_xml *x = ctx;

	if (x->failed || x->depth < 0)
		return;
	if (x->text.len - x->textoff[x->depth] + (size_t)len >
	    PL_XML_MAX_TEXT) {
		pl_xml_fail(x, 0, "text node larger than %d bytes (the limit; "
		    "an embedded attachment over about 7 MiB makes an order "
		    "unreadable)", PL_XML_MAX_TEXT);
		return;
	}
	if (pl_buf_add(&x->text, s, (size_t)len) < 0)
		pl_xml_fail(x, 0, "out of memory");
}

/* A DTD that declares entities is stopped at the declaration. */
static void
on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	(void)type, (void)pub, (void)sys, (void)content;
	pl_xml_fail(ctx, 0, "the document declares entity '%s': entities "
	    "are never expanded and orders do not use them", name);
}

static void
on_unparsed(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys, const xmlChar *notation)
{
	(void)notation;
	on_entity(ctx, name, 0, pub, sys, NULL);
}

static xmlSAXHandler sax_handler = {
	.entityDecl = on_entity,
	.unparsedEntityDecl = on_unparsed,
	.characters = on_text,
	.cdataBlock = on_text,
	.initialized = XML_SAX2_MAGIC,
	.startElementNs = on_start,
	.endElementNs = on_end,
	.serror = on_error,
};

void
pl_xml_harden(void)
{
	xmlSetExternalEntityLoader(refuse_entity);
}

int
pl_xml_init(struct pl_xml *x, unsigned long long max_size)
{
	memset(x, 0, sizeof(*x));
	x->max_size = max_size ? max_size : PL_XML_MAX_SIZE;
	pl_buf_init(&x->text);
	pl_buf_init(&x->attr);
	pl_xml_harden();
	x->chunk = malloc(CHUNK);
	return x->chunk ? 0 : -1;
}

void
pl_xml_release(struct pl_xml *x)
{
	if (x->ctxt)
		xmlFreeParserCtxt(x->ctxt);
	pl_input_close(&x->in);
	pl_buf_release(&x->text);
	pl_buf_release(&x->attr);
	free(x->chunk);
	x->ctxt = NULL;
	x->chunk = NULL;
}

/* A context for the next document, fed its first n bytes (for the
 * encoding's byte order mark): a new one now and then, else the last one
 * reset. */
static int
start_context(struct pl_xml *x, const char *head, int n)
{
	if (x->ctxt && x->docs >= DOCS_PER_CTXT) {
		xmlFreeParserCtxt(x->ctxt);
		x->ctxt = NULL;
	}
	if (x->ctxt == NULL) {
		x->ctxt = xmlCreatePushParserCtxt(&sax_handler, x, head, n,
		    x->in.name);
		x->docs = 0;
		x->gen++;
	} else if (xmlCtxtResetPush(x->ctxt, head, n, x->in.name, NULL) != 0) {
		xmlFreeParserCtxt(x->ctxt);
		x->ctxt = NULL;
		return start_context(x, head, n);
	}
	if (x->ctxt == NULL)
		return -1;
	x->ctxt->userData = x;
	x->docs++;
	xmlCtxtUseOptions(x->ctxt, XML_OPTIONS);
	return 0;
}

int
pl_xml_parse(struct pl_xml *x, const char *path,
    const struct pl_xml_handler *h, void *user, struct pl_err *e)
{
	int n, got = 0;

	pl_input_close(&x->in);
	pl_err_clear(&x->err);
	x->failed = 0;
	x->h = h;
	x->user = user;
	x->depth = -1;
	pl_buf_reset(&x->text);
	if (pl_input_open(&x->in, path, x->max_size, e) < 0)
		return -1;
	/* the first bytes say the encoding when there is a byte order mark */
	while (got < 4 && (n = pl_input_read(&x->in, x->chunk + got,
	    4 - got)) > 0)
		got += n;
	if (start_context(x, x->chunk, got) < 0) {
		pl_input_close(&x->in);
		return pl_err_set(e, PL_EXIT_INTERNAL, x->in.name, 0,
		    "cannot set up the XML parser");
	}
	while (!x->failed && !x->in.over && !x->in.failed &&
	    (n = pl_input_read(&x->in, x->chunk, CHUNK)) > 0)
		xmlParseChunk(x->ctxt, x->chunk, n, 0);
	if (!x->failed && !x->in.over && !x->in.failed)
		xmlParseChunk(x->ctxt, NULL, 0, 1);
	pl_input_close(&x->in);
	/* a DTD makes libxml2 start a document of its own to hold it */
	if (x->ctxt->myDoc) {
		xmlFreeDoc(x->ctxt->myDoc);
		x->ctxt->myDoc = NULL;
	}
	if (x->in.over)
		return pl_err_set(e, PL_EXIT_DATA, x->in.name, 0, "document "
		    "larger than %llu bytes after decompression (the limit)",
		    x->max_size);
	if (x->in.failed)
		return pl_err_set(e, x->in.failed == 2 ? PL_EXIT_IO :
		    PL_EXIT_DATA, x->in.name, 0, "%s", x->in.why);
	if (x->failed) {
		*e = x->err;
		return -1;
	}
	if (!x->ctxt->wellFormed)
		return pl_err_set(e, PL_EXIT_DATA, x->in.name, pl_xml_line(x),
		    "not a well-formed XML document");
	return 0;
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

const char *
pl_xml_attr(struct pl_xml *x, const struct pl_xml_elem *e, const char *name)
{
	int xmlns = strncmp(name, "xml:", 4) == 0, i;

	if (e == NULL || e->attrs == NULL)
		return NULL;
	if (xmlns)
		name += 4;
	for (i = 0; i < e->nattr; i++) {
		const xmlChar *const *a = e->attrs + 5 * i;

		/* a[0] local name, a[1] prefix, a[2] URI, a[3..4] value */
		if (strcmp((const char *)a[0], name) != 0 ||
		    (xmlns ? a[1] == NULL ||
		    strcmp((const char *)a[1], "xml") != 0 : a[2] != NULL))
			continue;
		pl_buf_reset(&x->attr);
		if (pl_buf_add(&x->attr, a[3], (size_t)(a[4] - a[3])) < 0)
			return NULL;
		return x->attr.s;
	}
	return NULL;
}

int
pl_xml_name_id(struct pl_xml *x, struct pl_xml_names *t, const char *name)
{
	unsigned h = (unsigned)(((uintptr_t)name >> 3) & 511);
	int i;

	if (t->gen != x->gen) {
		memset(t->cache, 0, sizeof(t->cache));
		t->gen = x->gen;
	}
	if (t->cache[h].p == name)
		return t->cache[h].id;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			break;
	t->cache[h].p = name;
	t->cache[h].id = i < t->n ? i + 1 : 0;
	return t->cache[h].id;
}
