/*
 * xml.h: the hardened XML loader every command reads documents with.
 *
 * One struct pl_xml serves a whole run: its libxml2 text reader is made
 * once and reset per document (setting up a parser costs about as much as
 * parsing a small document).  Every input goes through input.h, so gzip
 * works, stdin too, and the size after decompression is bounded.
 *
 * Safety: documents are parsed with XML_PARSE_NONET and never with
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE; an external-entity
 * loader that refuses everything is installed; a document that declares
 * entities in its DTD is rejected before any is expanded; libxml2's own
 * limits bound depth (256) and text nodes (10,000,000 bytes).
 *
 * Use:
 *	pl_xml_open(x, path, &e);		(-1: cannot open, PL_EXIT_IO)
 *	while ((rc = pl_xml_read(x)) == 1) { ... pl_xml_expand(x) ... }
 *	if (pl_xml_close(x, rc, &e) < 0)	(the document is rejected)
 *
 * Nodes from pl_xml_expand() are valid until the next read; the strings
 * the text helpers return are borrowed until the next helper call.
 */
#ifndef PL_XML_H
#define PL_XML_H

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "err.h"
#include "input.h"

#define PL_XML_MAX_SIZE (64ULL << 20)	/* default bound on a document */

struct pl_xml {
	xmlTextReaderPtr r;
	struct pl_input in;
	unsigned long long max_size;
	struct pl_err err;	/* the first error of this document */
	int failed;		/* set once an error was reported */
	struct pl_buf text;	/* scratch for pl_xml_text() */
};

/* Set up; max_size 0 means PL_XML_MAX_SIZE.  -1 if out of memory. */
int pl_xml_init(struct pl_xml *x, unsigned long long max_size);
void pl_xml_release(struct pl_xml *x);

/* Start reading the document at path ("-" is stdin). */
int pl_xml_open(struct pl_xml *x, const char *path, struct pl_err *e);

/* xmlTextReaderRead(), also rejecting a DTD that declares entities:
 * 1 a node, 0 the end, -1 an error. */
int pl_xml_read(struct pl_xml *x);

/* Skip the current node's subtree (xmlTextReaderNext()): 1, 0 or -1. */
int pl_xml_next(struct pl_xml *x);

/* The current element with its whole subtree, or NULL on error. */
xmlNodePtr pl_xml_expand(struct pl_xml *x);

/*
 * Record an error about the current document (the first one wins), as a
 * reader of a standard does for what it cannot accept.  line 0 means the
 * reader's current line.  Returns -1.
 */
int pl_xml_fail(struct pl_xml *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Finish the document: rc is the last read's return.  Returns 0 when the
 * document was read whole without an error, else -1 with e saying why
 * (PL_EXIT_DATA for its content, PL_EXIT_IO when reading failed).
 */
int pl_xml_close(struct pl_xml *x, int rc, struct pl_err *e);

/* The display name of the current document. */
const char *pl_xml_name(const struct pl_xml *x);

/* The CRC-32 and byte length of what was read of the current document. */
unsigned long pl_xml_crc(const struct pl_xml *x);
unsigned long long pl_xml_length(const struct pl_xml *x);

/*
 * Element matching by namespace URI and local name.  A name is "p:Local"
 * with p one of the prefixes below, or a bare "Local" for an element in no
 * namespace (cXML).
 *	cac, cbc	UBL common aggregate and basic components
 */
int pl_xml_is(xmlNodePtr n, const char *name);

/* The first element under n along path ("cac:Party/cbc:Name"), or NULL. */
xmlNodePtr pl_xml_find(xmlNodePtr n, const char *path);

/* The first element child of n, or the next element sibling after n. */
xmlNodePtr pl_xml_first(xmlNodePtr n);
xmlNodePtr pl_xml_next_elem(xmlNodePtr n);

/* The text content of n (its text and CDATA descendants), or NULL when n
 * is NULL.  Borrowed from x until the next call. */
const char *pl_xml_text(struct pl_xml *x, xmlNodePtr n);

/* pl_xml_text() of pl_xml_find(n, path). */
const char *pl_xml_get(struct pl_xml *x, xmlNodePtr n, const char *path);

/* The value of n's attribute name (in no namespace; "xml:lang" and the
 * like for the xml: ones), or NULL.  Borrowed until the next read. */
const char *pl_xml_attr(struct pl_xml *x, xmlNodePtr n, const char *name);

/* The line of n in its document. */
long pl_xml_line(xmlNodePtr n);

#endif
