/*
 * xml.h: the hardened XML loader every command reads documents with.
 *
 * Documents are parsed by libxml2's push parser with SAX2 callbacks: no
 * tree is built, so memory holds the current element's text and the
 * reader's own state, never the document.  One struct pl_xml serves a
 * whole run: its parser context is made once and reset per document
 * (setting one up costs about as much as parsing a small order).  Every
 * input goes through input.h, so gzip works, stdin too, and the size after
 * decompression is bounded.
 *
 * Safety: XML_PARSE_NONET always; never XML_PARSE_NOENT, XML_PARSE_DTDLOAD
 * or XML_PARSE_HUGE.  No DTD is loaded (the internal and external subset
 * callbacks are not set), an external-entity loader that refuses
 * everything is installed, and a document that declares an entity is
 * stopped at the declaration, before any reference could expand it.
 * Depth is bounded by libxml2 (256 levels), an element's text by
 * PL_XML_MAX_TEXT, the document by max_size.
 *
 * Use:
 *	struct pl_xml_handler h = { start, end };
 *	if (pl_xml_parse(x, path, &h, user, &e) < 0)	(the document is rejected)
 *
 * The handler sees each element's start (with its attributes) and end
 * (with its own text: the text directly inside it, not its children's).
 * A handler rejects the document with pl_xml_fail(), which stops parsing.
 */
#ifndef PL_XML_H
#define PL_XML_H

#include <libxml/parser.h>

#include "buf.h"
#include "err.h"
#include "input.h"

#define PL_XML_MAX_SIZE (64ULL << 20)	/* default bound on a document */
#define PL_XML_MAX_TEXT 10000000	/* bound on one element's text */
#define PL_XML_MAX_DEPTH 256		/* as libxml2's own limit */
#define PL_XML_ROOT 1000		/* tag[0] while a document is read */

/* An element, as a handler sees it. */
struct pl_xml_elem {
	const char *name;	/* local name */
	const char *ns;		/* namespace URI, or NULL */
	int depth;		/* 0 for the root */
	int nattr;		/* attributes (start only): */
	const xmlChar **attrs;	/* libxml2's 5 pointers per attribute */
};

struct pl_xml;

struct pl_xml_handler {
	void (*start)(void *user, struct pl_xml *x, const struct pl_xml_elem *e);
	/* text is the element's own text, NUL-terminated, length len */
	void (*end)(void *user, struct pl_xml *x, const struct pl_xml_elem *e,
	    const char *text, size_t len);
};

struct pl_xml {
	xmlParserCtxtPtr ctxt;
	int docs;		/* documents since ctxt was made */
	unsigned gen;		/* bumped when ctxt (and its names) is new */
	struct pl_input in;
	unsigned long long max_size;
	struct pl_err err;	/* the first error of this document */
	int failed;		/* set once an error was reported */
	const struct pl_xml_handler *h;
	void *user;
	int depth;		/* of the element being read; -1 outside */
	int tag[PL_XML_MAX_DEPTH + 2];	/* free for the handler's use;
					   tag[0] is PL_XML_ROOT */
	size_t textoff[PL_XML_MAX_DEPTH + 2];
	struct pl_buf text;	/* the open elements' own texts, stacked */
	struct pl_buf attr;	/* scratch for pl_xml_attr() */
	char *chunk;		/* read buffer */
};

/* The error a structured error handler is given: its type changed in
 * libxml2 2.12 (xmlstarlet guards it the same way). */
#if LIBXML_VERSION >= 21200
#define PL_XML_ERROR const xmlError *
#else
#define PL_XML_ERROR xmlErrorPtr
#endif

/* libxml2's message msg, first line only, tidied to the house style (no
 * capital first letter, no trailing space), into dst. */
void pl_xml_tidy(char *dst, size_t size, const char *msg);

/* Install the external-entity loader that refuses everything (also done
 * by pl_xml_init(); reference-file loaders call it too). */
void pl_xml_harden(void);

/* Set up; max_size 0 means PL_XML_MAX_SIZE.  -1 if out of memory. */
int pl_xml_init(struct pl_xml *x, unsigned long long max_size);
void pl_xml_release(struct pl_xml *x);

/*
 * Parse the document at path ("-" is stdin), calling h with user.
 * Returns 0 when it was read whole and well-formed and no handler
 * rejected it, else -1 with e saying why: PL_EXIT_IO when it cannot be
 * opened or read, PL_EXIT_DATA for its content.
 */
int pl_xml_parse(struct pl_xml *x, const char *path,
    const struct pl_xml_handler *h, void *user, struct pl_err *e);

/*
 * Reject the current document (the first error wins) and stop parsing.
 * line 0 means the current line.  Returns -1.
 */
int pl_xml_fail(struct pl_xml *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The line the parser is at. */
long pl_xml_line(const struct pl_xml *x);

/* The display name, CRC-32 and byte length of the current document. */
const char *pl_xml_name(const struct pl_xml *x);
unsigned long pl_xml_crc(const struct pl_xml *x);
unsigned long long pl_xml_length(const struct pl_xml *x);

/* The value of attribute name (in no namespace; "xml:lang" for the xml:
 * ones) of a starting element, NUL-terminated, or NULL.  Borrowed until
 * the next call. */
const char *pl_xml_attr(struct pl_xml *x, const struct pl_xml_elem *e,
    const char *name);

/*
 * Element names to small numbers, for a reader's switch statements:
 * names[i] gets number i + 1, an unknown name 0.  Lookups are cached by
 * libxml2's interned name pointer, so the common case is one comparison.
 */
struct pl_xml_names {
	const char *const *names;
	int n;
	unsigned gen;
	struct { const void *p; int id; } cache[512];
};

int pl_xml_name_id(struct pl_xml *x, struct pl_xml_names *t,
    const char *name);

#endif
