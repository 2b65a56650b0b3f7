/*
 * refxml.h: read a reference file (the catalog, the rules) and validate it
 * against its schema from schemas/ (built in, embed.h).
 *
 * The file goes through input.h (gzip works, size bounded) and is parsed
 * as hostile input like any order (no entities, no DTD, no network).  An
 * error names the file and line and, where the error lies inside one,
 * the item it concerns: "catalog.xml:120: product 'HX-PC-E1810': ...".
 */
#ifndef PL_REFXML_H
#define PL_REFXML_H

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "err.h"

/* The most bytes a reference file holds (after gzip). */
#define PL_REFXML_MAX (64ULL << 20)

struct pl_refxml {
	const char *item;	/* element naming an item: "product" */
	const char *attr;	/* its identifying attribute: "sku" */
	unsigned long crc;	/* the file's CRC-32 and length, once read */
	unsigned long long length;
};

/*
 * Read path and validate it against the built-in schema xsd
 * ("catalog.xsd").  Returns the document (free with xmlFreeDoc()), or
 * NULL with e filled: PL_EXIT_IO when it cannot be read, PL_EXIT_CONFIG
 * when it is not well-formed or not valid.
 */
xmlDocPtr pl_refxml_load(struct pl_refxml *r, const char *path,
    const char *xsd, struct pl_err *e);

/*
 * What pl_refxml_stream() calls on an element at depth 1 to 3 (name, its
 * local name): 1 when it is done with the element, expanded
 * (xmlTextReaderExpand) and read or not wanted (the reader goes on after
 * it), 0 to read on into it, or -1 when the element is wrong, with e
 * filled.
 */
typedef int (*pl_refxml_each)(void *ctx, xmlTextReaderPtr rd, int depth,
    const char *name, struct pl_err *e);

/*
 * Validate the file at path against the built-in schema xsd as a stream
 * (libxml2's text reader: memory holds no tree and no copy of the file),
 * giving each element at depth 1 to 3 to each (NULL: none) as it comes,
 * so the file is read once: what each expands is validated as it is
 * parsed.  The schema's identity constraints (xs:key, xs:keyref,
 * xs:unique) are the caller's to check as it reads: libxml2's streaming
 * validator keeps tables for them that cost 70 MB and four fifths of the
 * time at 10,000 catalog products.  0, or -1 with e filled as
 * pl_refxml_load() does; when the file is not valid that is the error,
 * whatever each said before (each is not called once it failed or the
 * file proved invalid, and the file is read to its end).
 */
int pl_refxml_stream(struct pl_refxml *r, const char *path, const char *xsd,
    pl_refxml_each each, void *ctx, struct pl_err *e);

/* Fail about node n of the file: "FILE:LINE: ITEM 'ID': message";
 * returns -1. */
int pl_refxml_fail(const struct pl_refxml *r, struct pl_err *e,
    const char *file, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The value of attribute name of n, or NULL (borrowed from the tree). */
const char *pl_refxml_attr(xmlNodePtr n, const char *name);

/* The first element child of n, and the next element sibling. */
xmlNodePtr pl_refxml_child(xmlNodePtr n, const char *name);
xmlNodePtr pl_refxml_next(xmlNodePtr n, const char *name);

/* The text of the first "name" child of n whose lang attribute is lang
 * ("en", "zh"), or NULL (borrowed from the tree). */
const char *pl_refxml_name(xmlNodePtr n, const char *lang);

/* The text of n (borrowed while the tree lives), or "". */
const char *pl_refxml_text(xmlNodePtr n);

#endif
