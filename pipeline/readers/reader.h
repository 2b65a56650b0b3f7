/*
 * reader.h: what the readers of the standards share, below them all.
 *
 * A reader turns one standard's SAX events (xml.h) into the order model
 * (order.h).  struct pl_reader holds the document being read, the order
 * it becomes, the warnings, and the place in it every standard has: the
 * line, the item (prop or doc), the party and the address being read.
 * The helpers put text into the order: a field, a joined field, a note, a
 * prop, a date, an attachment, a party's id and name.
 *
 * Where an element's text goes is a table (struct pl_reader_path): one
 * row per element and place, tried in order by pl_reader_map().  A reader
 * keeps code only for what a standard does beyond that: its own state,
 * what an element's start does, values that need working out.
 *
 * A standard is one struct pl_reader_std: the size of its state, kept for
 * a run, and its handlers.  parse.h chooses it from the root element.
 */
#ifndef PL_READER_H
#define PL_READER_H

#include "attach.h"
#include "err.h"
#include "order.h"
#include "xml.h"

#define PL_READER_MAX_WARN 8
#define PL_READER_DEPTH 64	/* attributes kept for ends to this depth */

struct pl_reader {
	struct pl_xml x;
	struct pl_order o;	/* the document last read */
	struct pl_buf scratch;	/* for the helpers and the readers */
	struct pl_err warn[PL_READER_MAX_WARN];	/* its warnings */
	int nwarn;		/* how many, which may exceed the array */
	struct pl_attach *attach;	/* set: store embedded attachments */

	/* the place in the document, reset per document */
	struct pl_order_line *line;	/* the line being read, or NULL */
	struct pl_order_item *item;	/* the prop or doc being read */
	const char **party[4];	/* id, scheme, name, country of the party */
	int id_rank, name_rank;	/* how good the party's id and name are */
	const char *addr[8];	/* parts of the address being read */
	const char *attr[PL_READER_DEPTH];	/* an attribute kept from an
				   element's start for its end, by depth */
};

/* max_size bounds a document after decompression; 0 for the default. */
int pl_reader_init(struct pl_reader *r, unsigned long long max_size);
void pl_reader_release(struct pl_reader *r);

/* Forget the place, the order and the warnings: a new document. */
void pl_reader_reset(struct pl_reader *r);

/* Record a warning at line (0: the current line). */
void pl_reader_warn(struct pl_reader *r, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set order or line field *dst to the tidied text s (fold: whitespace
 * runs become one space), unless it is set; NULL s leaves *dst alone. */
void pl_reader_set(struct pl_reader *r, const char **dst, const char *s,
    int fold);

/* Join the tidied text s to *dst after sep (repeated elements); an empty
 * s changes nothing. */
void pl_reader_join(struct pl_reader *r, const char **dst, const char *s,
    const char *sep, int fold);

/* Add a prop, note or doc record whose column col holds text, to the line
 * being read or, with at_line 0, to the order.  NULL when text is empty,
 * there is no line, or memory ran out. */
struct pl_order_item *pl_reader_item(struct pl_reader *r, const char *kind,
    int at_line, int col, const char *text, int fold);
void pl_reader_prop(struct pl_reader *r, int at_line, const char *name,
    const char *value, const char *unit);
void pl_reader_note(struct pl_reader *r, int at_line, const char *subject,
    const char *lang, const char *text);

/* Split an ISO 8601 date-time (YYYY-MM-DD, optionally followed by T and a
 * time) into *date and *time (time may be NULL); a value that is not one
 * is left out with a warning naming what. */
void pl_reader_datetime(struct pl_reader *r, const char *what,
    const char *value, const char **date, const char **time);

/* An embedded attachment's base64 text gives the doc item its decoded
 * size and checksums, and is stored when r->attach is set (the bytes stay
 * out of the stream); malformed base64 rejects the document. */
void pl_reader_attachment(struct pl_reader *r, struct pl_order_item *it,
    const char *text);

/*
 * The party being read is the order's buyer (buyer set) or its seller:
 * pl_reader_party_id() and _name() fill its fields (id, scheme, name,
 * country; NULL: not kept).  The lowest rank wins, the first of a rank:
 * so a scheme'd identifier can win over a bare one, as the order key's
 * recipe wants.  Forget the party with pl_reader_party_end().
 */
void pl_reader_party_begin(struct pl_reader *r, int buyer);
void pl_reader_party_id(struct pl_reader *r, const char *text,
    const char *scheme, int rank);
void pl_reader_party_name(struct pl_reader *r, const char *text, int rank);
void pl_reader_party_end(struct pl_reader *r);

/* r->addr holds the parts of an address at these places (openTRANS and
 * Order-X); pl_reader_address() puts them on one line (lines, postcode and
 * city, region, country code), or NULL. */
enum { PL_ADDR_LINE1, PL_ADDR_LINE2, PL_ADDR_LINE3, PL_ADDR_ZONE,
	PL_ADDR_CITY, PL_ADDR_REGION, PL_ADDR_COUNTRY };
const char *pl_reader_address(struct pl_reader *r);

/* A line's action from UBL's LineStatusCode words or UNCL1229 codes:
 * "added", "changed", "cancelled", "unchanged", or NULL (with a warning)
 * for a code that says none of these. */
const char *pl_reader_action(struct pl_reader *r, const char *code);

/*
 * The table of a standard: where the text of an element goes.  A row
 * names the element by its tag (the reader's pl_xml_names number) and its
 * place: parent, grandparent and great-grandparent (0: any) and depth
 * (0: any).  The rows of an element are tried in the table's order; the
 * first that matches is done, and with PL_R_MORE the rows after it are
 * tried too.  A row whose text goes to the line or the item matches only
 * while there is one.
 */
enum pl_reader_to {
	PL_R_NONE,	/* the party being read */
	PL_R_ORDER,	/* r->o.f[col] */
	PL_R_LINE,	/* r->line->f[col] */
	PL_R_ITEM,	/* r->item->f[col] */
	PL_R_ADDR	/* r->addr[col] */
};

enum pl_reader_how {
	PL_R_SET,	/* col = text unless set; col2 (>= 0) = the attribute */
	PL_R_PUT,	/* col = text, whatever it was */
	PL_R_JOIN,	/* col joined with text after arg */
	PL_R_LINES,	/* col joined with text after a newline, not folded */
	PL_R_NOTE,	/* a note of subject arg (order or line), the
			   attribute its language */
	PL_R_PROP,	/* a prop named arg (order or line); PL_R_ATTR: the
			   attribute is its unit */
	PL_R_DATE,	/* an ISO 8601 date into col, its time into col2 */
	PL_R_ACTION,	/* the line's action from a status code, into col */
	PL_R_ATTACH,	/* the item's attachment, in base64 */
	PL_R_PARTY_ID,	/* the party's id, scheme the attribute: rank col,
			   or col2 when there is no attribute */
	PL_R_PARTY_NAME,	/* the party's name, rank col */
	PL_R_PARTY_COUNTRY	/* the party's country */
};

enum {
	PL_R_FIRST = 1,	/* only while col is empty */
	PL_R_ATTR = 2,	/* PL_R_PROP: the attribute is the unit */
	PL_R_MORE = 4	/* the rows after this one are tried too */
};

struct pl_reader_path {
	short tag;
	short up[3];		/* parent, grandparent, great-grandparent */
	short depth;
	unsigned char to, how, flags;
	short col, col2;
	const char *arg;
};

/* Shorthands for a row's action: where its text goes. */
#define PL_R_O(c)	PL_R_ORDER, PL_R_SET, 0, PL_order_##c, -1, NULL
#define PL_R_OA(c, a)	PL_R_ORDER, PL_R_SET, 0, PL_order_##c, PL_order_##a, \
			NULL
#define PL_R_L(c)	PL_R_LINE, PL_R_SET, 0, PL_line_##c, -1, NULL
#define PL_R_LA(c, a)	PL_R_LINE, PL_R_SET, 0, PL_line_##c, PL_line_##a, NULL
#define PL_R_DOC(c)	PL_R_ITEM, PL_R_SET, 0, PL_doc_##c, -1, NULL
#define PL_R_P(c)	PL_R_ITEM, PL_R_SET, 0, PL_prop_##c, -1, NULL
#define PL_R_PA(c, a)	PL_R_ITEM, PL_R_SET, 0, PL_prop_##c, PL_prop_##a, NULL
#define PL_R_JOIN_O(c, sep)	PL_R_ORDER, PL_R_JOIN, 0, PL_order_##c, -1, sep
#define PL_R_LINES_L(c)	PL_R_LINE, PL_R_LINES, 0, PL_line_##c, -1, NULL
#define PL_R_NOTE_O(s)	PL_R_ORDER, PL_R_NOTE, 0, -1, -1, s
#define PL_R_NOTE_L(s)	PL_R_LINE, PL_R_NOTE, 0, -1, -1, s
#define PL_R_PROP_L(n)	PL_R_LINE, PL_R_PROP, 0, -1, -1, n
#define PL_R_PROP_LU(n)	PL_R_LINE, PL_R_PROP, PL_R_ATTR, -1, -1, n
#define PL_R_ADDR_(i)	PL_R_ADDR, PL_R_PUT, 0, i, -1, NULL
#define PL_R_ID(rank, bare)	PL_R_NONE, PL_R_PARTY_ID, 0, rank, bare, NULL
#define PL_R_NAME(rank)	PL_R_NONE, PL_R_PARTY_NAME, 0, rank, -1, NULL
#define PL_R_COUNTRY	PL_R_NONE, PL_R_PARTY_COUNTRY, 0, -1, -1, NULL

/*
 * A standard's table made ready for pl_reader_map(): its element names
 * (pl_xml_names, tag i + 1 for names[i]) and the rows of each tag, found
 * once per run.
 */
#define PL_READER_MAX_TAGS 128
#define PL_READER_N(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct pl_reader_table {
	struct pl_xml_names names;
	const struct pl_reader_path *rows;
	int n;
	int ready;		/* 1, or -1: the rows are not a table */
	short first[PL_READER_MAX_TAGS];	/* a tag's rows: first[tag] */
	short last[PL_READER_MAX_TAGS];		/* up to last[tag] */
};

/*
 * Make t ready at a standard's first document, from its nnames element
 * names and its n rows (the rows of one tag must stand together).
 * Returns 0, or -1 with the document rejected when the rows are not a
 * table (a tag out of range, or its rows apart): a mistake in the reader,
 * said for every document.
 */
int pl_reader_table_ready(struct pl_reader *r, struct pl_reader_table *t,
    const char *const *names, int nnames, const struct pl_reader_path *rows,
    int n);

/*
 * Put text, with attr (the attribute kept at its start, or NULL), where
 * the table's rows for element e say, its tag at r->x.tag[e->depth].
 * Returns 1 when the table has rows for the element (matched or not),
 * 0 when it has none.
 */
int pl_reader_map(struct pl_reader *r, const struct pl_reader_table *t,
    const struct pl_xml_elem *e, const char *text, const char *attr);

/*
 * A standard's reader.  Its state (size bytes, zeroed before the first
 * document) is kept for a run; begin starts a document whose root
 * element is root (its doctype, the root's, is set), start and end see
 * every element below the root, finish the document read whole (-1 with
 * the document rejected through pl_xml_fail(), else 0).
 */
struct pl_reader_std {
	size_t size;
	void (*begin)(struct pl_reader *r, void *state,
	    const struct pl_xml_elem *root);
	void (*start)(struct pl_reader *r, void *state,
	    const struct pl_xml_elem *e);
	void (*end)(struct pl_reader *r, void *state,
	    const struct pl_xml_elem *e, const char *text);
	int (*finish)(struct pl_reader *r, void *state);
};

#endif
