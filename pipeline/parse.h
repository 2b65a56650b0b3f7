/*
 * parse.h: read one purchase-order document into the order model.
 *
 * The standard is told from the root element and its namespace URI:
 * OASIS UBL 2.0 to 2.4 Order, OrderChange and OrderCancellation (Peppol
 * BIS Ordering 3 and its national variants share them), cXML OrderRequest
 * (new, update, delete), openTRANS 2.1 ORDER and Order-X (UN/CEFACT Cross
 * Industry Order) are read; other documents of those families are
 * recognised and rejected with a message saying what they are.  The standards' schemas are not used to
 * validate: what a document lacks is po-check's business.
 *
 * One struct pl_parse serves a run; pl_parse_doc() resets it per document.
 */
#ifndef PL_PARSE_H
#define PL_PARSE_H

#include "attach.h"
#include "err.h"
#include "order.h"
#include "xml.h"

#define PL_PARSE_MAX_WARN 8

/* What the readers keep between events (parse.c resets it per document). */
struct pl_parse_state {
	int std;		/* PL_STD_*: which reader the root chose */
	struct pl_order_line *line;	/* the line being read, or NULL */
	struct pl_order_item *item;	/* the prop or doc being read */
	const char **party[4];	/* id, scheme, name, country of the party */
	int id_rank, name_rank;	/* how good the party's id and name are */
	int in_order, have_header, told;	/* cXML */
	long header_line;
	const char *desc, *short_name;	/* cXML Description */
	const char *addr[8];	/* parts of the address being read */
	const char *attr[64];	/* an attribute kept from an element's start
				   for its end, by depth */
	const char *total_currency, *line_total;	/* UBL fallbacks */
	const char *value_qty, *value_unit;	/* UBL ValueQuantity */
	const char *when[2];	/* Order-X: a single requested date, order
				   and line, used when no period is given */
	const char *ref;	/* IDREF of the line's delivery party (openTRANS) */
	int nrefs;		/* UBL: OrderReference elements seen */
	int nparty, cur;	/* openTRANS: parties in struct pl_parse, and
				   the one being read (-1 none) */
	const char *idref[3], *idref_type[3];	/* openTRANS: buyer,
				   supplier, delivery party references */
};

enum { PL_STD_NONE, PL_STD_UBL, PL_STD_CXML, PL_STD_OPENTRANS, PL_STD_ORDERX };

/* An openTRANS PARTY, kept until ORDER_PARTIES_REFERENCE says who is who. */
struct pl_ot_party {
	const char *ids;	/* every PARTY_ID, each followed by LF */
	const char *id, *scheme, *role, *name, *country, *address;
};

#define PL_OT_MAX_PARTY 32

struct pl_parse {
	struct pl_xml x;
	struct pl_order o;	/* the document last read */
	struct pl_parse_state st;
	struct pl_xml_names ubl_names, ubl_ns, cxml_names;	/* their caches */
	struct pl_xml_names ot_names, ox_names;
	struct pl_ot_party party[PL_OT_MAX_PARTY];	/* openTRANS */
	struct pl_buf scratch;	/* for the readers of the standards */
	struct pl_err warn[PL_PARSE_MAX_WARN];	/* its warnings */
	int nwarn;		/* how many, which may exceed the array */
	struct pl_attach *attach;	/* set: store embedded attachments */
};

/* max_size bounds a document after decompression; 0 for the default. */
int pl_parse_init(struct pl_parse *p, unsigned long long max_size);
void pl_parse_release(struct pl_parse *p);

/*
 * Read the document at path ("-" is stdin) into p->o, finished (order.h).
 * Returns 0, or -1 with e filled: PL_EXIT_IO when it cannot be opened or
 * read, PL_EXIT_DATA when its content is rejected (not well-formed, not an
 * order, over a limit).  Warnings about what could be read only in part
 * are in p->warn either way.
 */
int pl_parse_doc(struct pl_parse *p, const char *path, struct pl_err *e);

/* For the readers of the standards: record a warning at line. */
void pl_parse_warn(struct pl_parse *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* For the readers: set order or line field *dst to the tidied text s
 * (fold: whitespace runs become one space); NULL s leaves *dst alone. */
void pl_parse_set(struct pl_parse *p, const char **dst, const char *s,
    int fold);

/* For the readers: join the tidied text s to *dst after sep (repeated
 * elements); an empty s changes nothing. */
void pl_parse_join(struct pl_parse *p, const char **dst, const char *s,
    const char *sep, int fold);

/* For the readers: add a prop, note or doc record whose column col holds
 * text, to the line being read or, with at_line 0, to the order.  NULL
 * when text is empty, there is no line, or memory ran out. */
struct pl_order_item *pl_parse_item(struct pl_parse *p, const char *kind,
    int at_line, int col, const char *text, int fold);
void pl_parse_prop(struct pl_parse *p, int at_line, const char *name,
    const char *value, const char *unit);
void pl_parse_note(struct pl_parse *p, int at_line, const char *subject,
    const char *lang, const char *text);

/* For the readers: split an ISO 8601 date-time (YYYY-MM-DD, optionally
 * followed by T and a time) into *date and *time (time may be NULL); a
 * value that is not one is left out with a warning naming what. */
void pl_parse_datetime(struct pl_parse *p, const char *what,
    const char *value, const char **date, const char **time);

/* For the readers: an embedded attachment's base64 text gives the doc
 * item its decoded size and CRC-32 (the bytes stay out of the stream);
 * malformed base64 rejects the document. */
void pl_parse_attachment(struct pl_parse *p, struct pl_order_item *it,
    const char *text);

/*
 * For the readers: the id and name of the party being read, into the
 * fields st.party[] points at (id, scheme, name, country; NULL: not
 * kept).  The lowest rank wins, the first of a rank: so a scheme'd
 * identifier can win over a bare one, as the order key's recipe wants.
 * Set st.id_rank and st.name_rank to 99 when a party starts.
 */
void pl_parse_party_id(struct pl_parse *p, const char *text,
    const char *scheme, int rank);
void pl_parse_party_name(struct pl_parse *p, const char *text, int rank);

/*
 * For the readers: the party being read is the order's buyer (buyer set)
 * or its seller: pl_parse_party_id() and _name() fill its fields.
 */
void pl_parse_party_begin(struct pl_parse *p, int buyer);

/* For the readers of openTRANS and Order-X: st.addr holds the parts of an
 * address at these places; pl_parse_address() puts them on one line
 * (lines, postcode and city, region, country code), or NULL. */
enum { PL_ADDR_LINE1, PL_ADDR_LINE2, PL_ADDR_LINE3, PL_ADDR_ZONE,
	PL_ADDR_CITY, PL_ADDR_REGION, PL_ADDR_COUNTRY };
const char *pl_parse_address(struct pl_parse *p);

/* For the readers: a line's action from UBL's LineStatusCode words or
 * UNCL1229 codes: "added", "changed", "cancelled", "unchanged", or NULL
 * (with a warning) for a code that says none of these. */
const char *pl_parse_action(struct pl_parse *p, const char *code);

/*
 * The readers of the standards, as SAX handlers: start and end of every
 * element below the root (depth >= 1), then finish once the document was
 * read whole.  Their state lives in struct pl_parse.
 */
void pl_ubl_start(struct pl_parse *p, const struct pl_xml_elem *e);
void pl_ubl_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text);
void pl_ubl_finish(struct pl_parse *p);
void pl_cxml_start(struct pl_parse *p, const struct pl_xml_elem *e);
void pl_cxml_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text);
int pl_cxml_finish(struct pl_parse *p);
void pl_opentrans_start(struct pl_parse *p, const struct pl_xml_elem *e);
void pl_opentrans_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text);
void pl_opentrans_finish(struct pl_parse *p);
void pl_orderx_start(struct pl_parse *p, const struct pl_xml_elem *e);
void pl_orderx_end(struct pl_parse *p, const struct pl_xml_elem *e,
    const char *text);
void pl_orderx_finish(struct pl_parse *p);

#endif
