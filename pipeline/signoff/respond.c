/*
 * respond.c: the order response in the order's own standard: the
 * conditions read from sign-off comments, one writer per standard over
 * libxml2's xmlTextWriter, and the file written whole or not at all.
 */
#include "respond.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "cli.h"

#include <libxml/xmlwriter.h>

#include "date.h"
#include "xml.h"

#ifndef PL_VERSION
#define PL_VERSION "unknown"
#endif

static void cx_clear(struct pl_respond_cxml *cx);

static int
is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static char *
sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int
pl_respond_init(struct pl_respond *r, const struct pl_order *o,
    const char *decision, long long decision_id, const char *today,
    struct pl_err *e)
{
	const char *docid = o->f[PL_order_docid] ? o->f[PL_order_docid] : "";

	memset(r, 0, sizeof(*r));
	r->o = o;
	pl_buf_init(&r->notes);
	pl_buf_init(&r->warn);
	if (is(decision, "accepted"))
		r->code = PL_RESPOND_ACCEPT;
	else if (is(decision, "accepted-conditions"))
		r->code = PL_RESPOND_CHANGE;
	else if (is(decision, "declined"))
		r->code = PL_RESPOND_REJECT;
	else
		return pl_err_set(e, PL_EXIT_DATA, NULL, 0, "order '%s' is "
		    "not decided (%s): no response", o->f[PL_order_key] ?
		    o->f[PL_order_key] : "", decision ? decision : "no decision");
	if (o->nline && (r->line = calloc(o->nline, sizeof(*r->line))) ==
	    NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	snprintf(r->today, sizeof(r->today), "%s", today);
	snprintf(r->id, sizeof(r->id), "R-%.16s-%lld", docid, decision_id);
	return 0;
}

void
pl_respond_release(struct pl_respond *r)
{
	size_t i;

	for (i = 0; r->line && i < r->o->nline; i++) {
		free(r->line[i].quantity);
		free(r->line[i].delivery);
		free(r->line[i].price);
	}
	free(r->line);
	free(r->delivery);
	cx_clear(&r->cx);
	pl_buf_release(&r->notes);
	pl_buf_release(&r->warn);
	memset(r, 0, sizeof(*r));
}

int
pl_respond_note(struct pl_respond *r, const char *text)
{
	if (text == NULL || *text == '\0')
		return 0;
	return pl_buf_addf(&r->notes, "%s%s", r->notes.len ? "\n" : "", text);
}

/* --- conditions -------------------------------------------------------- */

enum { K_QTY = 1, K_DATE, K_PRICE, K_REJECT };

/* The words of a condition, longest first where one starts another. */
static const struct {
	const char *word;
	int what;
} keys[] = {
	{ "quantity", K_QTY }, { "qty", K_QTY }, { "数量", K_QTY },
	{ "delivery date", K_DATE }, { "delivery", K_DATE },
	{ "date", K_DATE }, { "交货期", K_DATE }, { "交货", K_DATE },
	{ "交期", K_DATE }, { "unit price", K_PRICE }, { "price", K_PRICE },
	{ "单价", K_PRICE }, { "not accepted", K_REJECT },
	{ "reject", K_REJECT }, { "不接受", K_REJECT },
};

static const char *
ws(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)	/* U+3000 */
			s += 3;
		else
			return s;
	}
}

static int
alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* s starts with w (ASCII letters in any case, a word of its own): the
 * end of it, else NULL. */
static const char *
word(const char *s, const char *w)
{
	size_t i;

	for (i = 0; w[i]; i++) {
		int a = (unsigned char)s[i], b = (unsigned char)w[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return NULL;
	}
	return alpha((unsigned char)w[i - 1]) && alpha((unsigned char)s[i]) ?
	    NULL : s + i;
}

/* Past a separator between a word and its value: ':', '：', '='. */
static const char *
colon(const char *s)
{
	s = ws(s);
	if (*s == ':' || *s == '=')
		s++;
	else if (strncmp(s, "\xef\xbc\x9a", 3) == 0)
		s += 3;
	return ws(s);
}

/* A token of letters, digits and . _ - / into buf: its end, or NULL. */
static const char *
token(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	while (alpha((unsigned char)s[n]) || (s[n] >= '0' && s[n] <= '9') ||
	    s[n] == '.' || s[n] == '_' || s[n] == '-' || s[n] == '/')
		n++;
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return s + n;
}

/* A value of what into buf (a number, or a date YYYY-MM-DD): its end,
 * or NULL. */
static const char *
value(const char *s, int what, char *buf, size_t size)
{
	const char *end;
	char *stop;
	double v;
	int d;

	if ((end = token(s, buf, size)) == NULL)
		return NULL;
	if (what == K_DATE)
		return pl_date_parse(buf, &d) == 0 ? end : NULL;
	/* a number as an order writes one: digits and one point */
	if (strspn(buf, "0123456789.") != strlen(buf))
		return NULL;
	errno = 0;
	v = strtod(buf, &stop);
	if (*stop || errno || !isfinite(v) || v < 0 || (what == K_QTY &&
	    v <= 0))
		return NULL;
	return end;
}

/* The line of o whose id (else position) is id; NULL none. */
static long
find_line(const struct pl_order *o, const char *id, int by_pos)
{
	size_t i;

	for (i = 0; i < o->nline; i++)
		if (is(o->line[i].f[by_pos ? PL_line_pos : PL_line_id], id))
			return (long)i;
	return -1;
}

struct change {
	int what;
	char val[40];
};

static int
set(char **dst, const char *v)
{
	free(*dst);
	return (*dst = strdup(v)) ? 0 : -1;
}

static int
apply(struct pl_respond *r, size_t i, const struct change *c)
{
	struct pl_respond_line *l = &r->line[i];

	if (c->what == K_REJECT) {
		l->status = PL_RLINE_REJECT;
		return 0;
	}
	if (l->status != PL_RLINE_REJECT)
		l->status = PL_RLINE_CHANGE;
	return set(c->what == K_QTY ? &l->quantity : c->what == K_DATE ?
	    &l->delivery : &l->price, c->val);
}

/*
 * One clause: 1 when it reads whole as the grammar of respond.h and was
 * applied, 0 when it is words (a note), -1 out of memory.
 */
static int
clause(struct pl_respond *r, const char *pos, const char *s)
{
	const struct pl_order *o = r->o;
	struct change ch[8];
	char id[64];
	const char *p = ws(s), *q;
	int n = 0, line = 0, other = 0;
	long at = -1;
	size_t k;

	if ((q = word(p, "line")) != NULL || (q = word(p, "行")) != NULL ||
	    (q = word(p, "第")) != NULL) {
		if ((q = token(ws(q), id, sizeof(id))) == NULL)
			return 0;
		line = 1;
		p = ws(q);
		if (strncmp(p, "行", 3) == 0)
			p += 3;
		p = colon(p);
		if (*p == ',')
			p = ws(p + 1);
	}
	while (*p) {
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if ((q = word(p, keys[k].word)) != NULL)
				break;
		if (k == sizeof(keys) / sizeof(keys[0]) || n == 8)
			return 0;
		ch[n].what = keys[k].what;
		*ch[n].val = '\0';
		p = colon(q);
		if (keys[k].what != K_REJECT && (p = value(p, keys[k].what,
		    ch[n].val, sizeof(ch[n].val))) == NULL)
			return 0;
		other |= keys[k].what != K_DATE;
		n++;
		p = ws(p);
		if (*p == ',' || *p == '.')
			p = ws(p + 1);
		else if (strncmp(p, "\xef\xbc\x8c", 3) == 0 ||
		    strncmp(p, "\xe3\x80\x82", 3) == 0)	/* ，。 */
			p = ws(p + 3);
	}
	if (n == 0)
		return 0;
	if (line && (at = find_line(o, id, 0)) < 0) {
		pl_buf_addf(&r->warn, "%sa condition names line '%s', which "
		    "the order does not have: said in words", r->warn.len ?
		    "\n" : "", id);
		return 0;
	}
	if (!line && pos)
		at = find_line(o, pos, 1);
	if (at < 0 && o->nline == 1)
		at = 0;
	if (at < 0 && other) {
		pl_buf_addf(&r->warn, "%sa condition names no line of the %zu: "
		    "said in words (write \"line ID: ...\")", r->warn.len ? "\n" :
		    "", o->nline);
		return 0;
	}
	for (k = 0; k < (size_t)n; k++) {
		if (at >= 0) {
			if (apply(r, (size_t)at, &ch[k]) < 0)
				return -1;
			continue;
		}
		/* a delivery date for the whole order: each line's */
		if (set(&r->delivery, ch[k].val) < 0)
			return -1;
		for (at = 0; at < (long)o->nline; at++)
			if (r->line[at].delivery == NULL && apply(r, (size_t)at,
			    &ch[k]) < 0)
				return -1;
		at = -1;
	}
	return 1;
}

int
pl_respond_conditions(struct pl_respond *r, const char *pos,
    const char *comment)
{
	struct pl_buf one;
	const char *s = comment;
	int taken = 0, rc;

	if (comment == NULL)
		return 0;
	pl_buf_init(&one);
	while (*s) {
		size_t n = strcspn(s, ";\n\r");
		const char *fw = strstr(s, "；");

		if (fw && (size_t)(fw - s) < n)
			n = (size_t)(fw - s);
		pl_buf_reset(&one);
		pl_buf_add(&one, s, n);
		pl_buf_addc(&one, '\0');
		s += n;
		s += *s == '\0' ? 0 : strncmp(s, "；", 3) == 0 ? 3 : 1;
		if (*ws(one.s) == '\0')
			continue;
		if ((rc = clause(r, pos, one.s)) < 0) {
			taken = -1;
			break;
		}
		if (rc == 0 && pl_respond_note(r, ws(one.s)) < 0) {
			taken = -1;
			break;
		}
		taken += rc;
	}
	pl_buf_release(&one);
	return taken;
}

/* --- which standard answers -------------------------------------------- */

const char *
pl_respond_kind(const struct pl_order *o, const char **why)
{
	const char *std = o->f[PL_order_standard];
	const char *type = o->f[PL_order_doctype];

	*why = NULL;
	if (is(type, "cancel")) {
		*why = "a cancellation has no order response in its standard "
		    "(UBL 2.1 and Peppol answer orders, cXML confirms them): "
		    "tell the customer otherwise";
		return NULL;
	}
	if (is(std, "ubl") || is(std, "peppol"))
		return "ubl";	/* an OrderChange too: the order as changed */
	if (is(std, "cxml"))
		return "cxml";
	if (is(std, "opentrans"))
		return "opentrans";
	if (is(std, "orderx"))
		*why = "poreview writes no Order-X order response "
		    "(CrossIndustryOrderResponse): answer it by hand";
	else
		*why = "poreview knows no order response of its standard";
	return NULL;
}

/* --- reading what cXML needs from the order document ------------------- */

struct cx_read {
	struct pl_respond_cxml *cx;
	int in;			/* 1 inside From, 2 inside To */
	char *domain;
	int oom;
};

static void
cx_start(void *user, struct pl_xml *x, const struct pl_xml_elem *el)
{
	struct cx_read *c = user;
	const char *v;

	if (el->depth == 0 && (v = pl_xml_attr(x, el, "payloadID")))
		c->oom |= (c->cx->payload = strdup(v)) == NULL;
	else if (el->depth == 2 && is(el->name, "From"))
		c->in = 1;
	else if (el->depth == 2 && is(el->name, "To"))
		c->in = 2;
	else if (el->depth == 3 && c->in && is(el->name, "Credential") &&
	    (c->in == 1 ? c->cx->from_id : c->cx->to_id) == NULL) {
		free(c->domain);
		c->domain = sdup(pl_xml_attr(x, el, "domain"));
	}
}

static void
cx_end(void *user, struct pl_xml *x, const struct pl_xml_elem *el,
    const char *text, size_t len)
{
	struct cx_read *c = user;
	char **id, **dom;

	(void)x;
	(void)len;
	if (el->depth == 2 && (is(el->name, "From") || is(el->name, "To")))
		c->in = 0;
	if (el->depth != 4 || !c->in || !is(el->name, "Identity") ||
	    c->domain == NULL)
		return;
	id = c->in == 1 ? &c->cx->from_id : &c->cx->to_id;
	dom = c->in == 1 ? &c->cx->from_domain : &c->cx->to_domain;
	if (*id == NULL) {
		struct pl_buf b;
		const char *s = text, *end = text + len;

		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t' ||
		    *s == '\r'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\n' ||
		    end[-1] == '\t' || end[-1] == '\r'))
			end--;
		pl_buf_init(&b);
		pl_buf_add(&b, s, (size_t)(end - s));
		*id = pl_buf_detach(&b);
		*dom = c->domain;
		c->domain = NULL;
		c->oom |= *id == NULL;
	}
}

static void
cx_clear(struct pl_respond_cxml *cx)
{
	free(cx->payload);
	free(cx->from_domain);
	free(cx->from_id);
	free(cx->to_domain);
	free(cx->to_id);
	memset(cx, 0, sizeof(*cx));
}

/* Read the document at source, when it is the one committed. */
static int
cx_read(struct pl_respond *r, const char *source, const char *checksum,
    const char *length, struct pl_err *e)
{
	static const struct pl_xml_handler h = { cx_start, cx_end };
	struct cx_read c = { &r->cx, 0, NULL, 0 };
	struct pl_xml x;
	char crc[16], len[32];
	int rc;

	cx_clear(&r->cx);
	if (pl_xml_init(&x, 0) < 0)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	rc = pl_xml_parse(&x, source, &h, &c, e);
	snprintf(crc, sizeof(crc), "%08lx", pl_xml_crc(&x));
	snprintf(len, sizeof(len), "%llu", pl_xml_length(&x));
	pl_xml_release(&x);
	free(c.domain);
	if (rc < 0)
		return pl_err_set(e, e->status, NULL, 0, "its cXML payloadID "
		    "is not in the ledger, and its document cannot be read "
		    "again: %s", e->msg);
	if (c.oom)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (!is(crc, checksum) || !is(len, length))
		return pl_err_set(e, PL_EXIT_DATA, NULL, 0, "its cXML payloadID "
		    "is not in the ledger, and '%s' is no longer the document "
		    "committed", source);
	if (r->cx.payload == NULL || r->cx.from_id == NULL ||
	    r->cx.to_id == NULL)
		return pl_err_set(e, PL_EXIT_DATA, NULL, 0, "'%s' states no "
		    "payloadID, From or To credential to answer", source);
	return 0;
}

int
pl_respond_cxml_read(struct pl_respond *r, const char *source,
    const char *orders, const char *checksum, const char *length,
    struct pl_err *e)
{
	const char *base;
	struct pl_buf path;
	glob_t g;
	size_t i;
	int rc = -1, found = 0;

	if (source == NULL || *source == '\0' || is(source, "<stdin>"))
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "its cXML payloadID "
		    "is not in the ledger, and it was read from the standard "
		    "input");
	if (access(source, R_OK) == 0) {
		found = 1;
		if (cx_read(r, source, checksum, length, e) == 0)
			return 0;
	}
	if (orders == NULL)
		goto none;
	/* where po-inbox files the originals: DIR/NAME, DIR/DAY/NAME */
	base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
	pl_buf_init(&path);
	pl_buf_addf(&path, "%s/*/", orders);
	memset(&g, 0, sizeof(g));
	if (glob(path.s, GLOB_ONLYDIR | GLOB_NOSORT, NULL, &g) != 0)
		g.gl_pathc = 0;
	for (i = 0; rc < 0 && i <= g.gl_pathc; i++) {
		pl_buf_reset(&path);
		if (i == 0)
			pl_buf_addf(&path, "%s/%s", orders, base);
		else
			pl_buf_addf(&path, "%s%s", g.gl_pathv[i - 1], base);
		if (path.s == NULL || access(path.s, R_OK) != 0)
			continue;
		found = 1;
		rc = cx_read(r, path.s, checksum, length, e);
	}
	globfree(&g);
	pl_buf_release(&path);
	if (rc == 0)
		return 0;
none:
	if (found)
		return -1;
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "its cXML payloadID is not "
	    "in the ledger, and its document '%s' is not there%s", source,
	    orders ? " nor in --orders" : " (--orders DIR: where the "
	    "originals are filed)");
}

/* --- writing XML ------------------------------------------------------- */

struct w {
	xmlTextWriterPtr w;
	struct pl_buf tmp;
	int bad;
};

/* s as XML 1.0 can carry it: control characters but TAB and LF become a
 * space. */
static const char *
clean(struct w *x, const char *s)
{
	size_t i;

	pl_buf_reset(&x->tmp);
	for (i = 0; s[i]; i++)
		pl_buf_addc(&x->tmp, ((unsigned char)s[i] < 0x20 && s[i] != '\t'
		    && s[i] != '\n') || s[i] == 0x7f ? ' ' : s[i]);
	pl_buf_addc(&x->tmp, '\0');
	return x->tmp.s;
}

static void
start(struct w *x, const char *name)
{
	x->bad |= xmlTextWriterStartElement(x->w, BAD_CAST name) < 0;
}

static void
end(struct w *x)
{
	x->bad |= xmlTextWriterEndElement(x->w) < 0;
}

static void
attr(struct w *x, const char *name, const char *v)
{
	if (v && *v)
		x->bad |= xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
		    BAD_CAST clean(x, v)) < 0;
}

static void
text(struct w *x, const char *v)
{
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST clean(x, v)) < 0;
}

/* <name an="av">v</name>, nothing when v is not stated. */
static void
leaf(struct w *x, const char *name, const char *an, const char *av,
    const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	start(x, name);
	if (an)
		attr(x, an, av);
	text(x, v);
	end(x);
}

static const char *
field(const struct pl_order *o, int f)
{
	return o->f[f];
}

static const char *
line_currency(const struct pl_order *o, const struct pl_order_line *l)
{
	return l->f[PL_line_currency] ? l->f[PL_line_currency] :
	    o->f[PL_order_currency];
}

/* The words of the response as a whole, then its notes. */
static void
summary(const struct pl_respond *r, struct pl_buf *b)
{
	static const char *const words[] = { "Accepted.",
		"Accepted with changes.", "Declined." };

	pl_buf_reset(b);
	pl_buf_adds(b, words[r->code]);
	if (is(r->o->f[PL_order_doctype], "change"))
		pl_buf_addf(b, " This answers change %s of the order.",
		    r->o->f[PL_order_seq] ? r->o->f[PL_order_seq] : "");
	if (r->notes.len)
		pl_buf_addf(b, "\n%s", r->notes.s);
}

/* UBL 2.1 OrderResponse, as Peppol BIS Order Response 3 writes it. */
static void
ubl(struct w *x, const struct pl_respond *r, struct pl_buf *b)
{
	static const char *const code[] = { "AP", "CA", "RE" };
	static const char *const status[] = { "5", "3", "7" };
	const struct pl_order *o = r->o;
	const char *prof = field(o, PL_order_profile);
	int peppol = is(field(o, PL_order_standard), "peppol");
	int adv = prof && strstr(prof, "advanced_ordering") != NULL;
	size_t i;

	start(x, "OrderResponse");
	attr(x, "xmlns", "urn:oasis:names:specification:ubl:schema:xsd:"
	    "OrderResponse-2");
	attr(x, "xmlns:cac", "urn:oasis:names:specification:ubl:schema:xsd:"
	    "CommonAggregateComponents-2");
	attr(x, "xmlns:cbc", "urn:oasis:names:specification:ubl:schema:xsd:"
	    "CommonBasicComponents-2");
	if (peppol) {
		leaf(x, "cbc:CustomizationID", NULL, NULL, adv ?
		    "urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3" :
		    "urn:fdc:peppol.eu:poacc:trns:order_response:3");
		leaf(x, "cbc:ProfileID", NULL, NULL, adv ?
		    "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3" :
		    "urn:fdc:peppol.eu:poacc:bis:ordering:3");
	} else
		leaf(x, "cbc:UBLVersionID", NULL, NULL, "2.1");
	leaf(x, "cbc:ID", NULL, NULL, r->id);
	leaf(x, "cbc:IssueDate", NULL, NULL, r->today);
	leaf(x, "cbc:OrderResponseCode", NULL, NULL, code[r->code]);
	summary(r, b);
	leaf(x, "cbc:Note", NULL, NULL, b->s);
	leaf(x, "cbc:DocumentCurrencyCode", NULL, NULL,
	    field(o, PL_order_currency));
	leaf(x, "cbc:CustomerReference", NULL, NULL, field(o, PL_order_buyer_ref));
	start(x, "cac:OrderReference");
	leaf(x, "cbc:ID", NULL, NULL, field(o, PL_order_number) ?
	    field(o, PL_order_number) : "");
	end(x);
	/* the parties as the order names them: we are its seller */
	start(x, "cac:SellerSupplierParty");
	start(x, "cac:Party");
	if (field(o, PL_order_seller_id)) {
		start(x, "cac:PartyIdentification");
		leaf(x, "cbc:ID", NULL, NULL, field(o, PL_order_seller_id));
		end(x);
	}
	if (field(o, PL_order_seller_name)) {
		start(x, "cac:PartyLegalEntity");
		leaf(x, "cbc:RegistrationName", NULL, NULL,
		    field(o, PL_order_seller_name));
		end(x);
	}
	end(x);
	end(x);
	start(x, "cac:BuyerCustomerParty");
	start(x, "cac:Party");
	if (field(o, PL_order_buyer_id) && field(o, PL_order_buyer_scheme))
		leaf(x, "cbc:EndpointID", "schemeID",
		    field(o, PL_order_buyer_scheme), field(o, PL_order_buyer_id));
	if (field(o, PL_order_buyer_id)) {
		start(x, "cac:PartyIdentification");
		leaf(x, "cbc:ID", "schemeID", field(o, PL_order_buyer_scheme),
		    field(o, PL_order_buyer_id));
		end(x);
	}
	if (field(o, PL_order_buyer_name)) {
		start(x, "cac:PartyLegalEntity");
		leaf(x, "cbc:RegistrationName", NULL, NULL,
		    field(o, PL_order_buyer_name));
		end(x);
	}
	end(x);
	end(x);
	/* Peppol: lines for CA only, every line then */
	for (i = 0; r->code == PL_RESPOND_CHANGE && i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const struct pl_respond_line *rl = &r->line[i];

		start(x, "cac:OrderLine");
		start(x, "cac:LineItem");
		leaf(x, "cbc:ID", NULL, NULL, l->f[PL_line_id]);
		leaf(x, "cbc:LineStatusCode", NULL, NULL, status[rl->status]);
		if (rl->status == PL_RLINE_CHANGE) {
			leaf(x, "cbc:Quantity", "unitCode", l->f[PL_line_unit],
			    rl->quantity ? rl->quantity :
			    l->f[PL_line_quantity]);
			if (rl->delivery) {
				start(x, "cac:Delivery");
				start(x, "cac:PromisedDeliveryPeriod");
				leaf(x, "cbc:EndDate", NULL, NULL, rl->delivery);
				end(x);
				end(x);
			}
			if (rl->price) {
				start(x, "cac:Price");
				leaf(x, "cbc:PriceAmount", "currencyID",
				    line_currency(o, l), rl->price);
				leaf(x, "cbc:BaseQuantity", "unitCode",
				    l->f[PL_line_unit], l->f[PL_line_base_qty]);
				end(x);
			}
		}
		start(x, "cac:Item");
		leaf(x, "cbc:Name", NULL, NULL, l->f[PL_line_item_name]);
		if (l->f[PL_line_buyer_item]) {
			start(x, "cac:BuyersItemIdentification");
			leaf(x, "cbc:ID", NULL, NULL, l->f[PL_line_buyer_item]);
			end(x);
		}
		if (l->f[PL_line_seller_item]) {
			start(x, "cac:SellersItemIdentification");
			leaf(x, "cbc:ID", NULL, NULL, l->f[PL_line_seller_item]);
			end(x);
		}
		end(x);
		end(x);
		start(x, "cac:OrderLineReference");
		leaf(x, "cbc:LineID", NULL, NULL, l->f[PL_line_id]);
		end(x);
		end(x);
	}
	end(x);
}

/* A date as cXML's datetime.tz. */
static const char *
stamp(const char *date, const char *time, char *buf, size_t size)
{
	snprintf(buf, size, "%sT%s", date, time ? time : "00:00:00+00:00");
	return buf;
}

static void
credential(struct w *x, const char *domain, const char *id)
{
	start(x, "Credential");
	attr(x, "domain", domain);
	leaf(x, "Identity", NULL, NULL, id);
	end(x);
}

static void
uom(struct w *x, const char *unit)
{
	leaf(x, "UnitOfMeasure", NULL, NULL, unit ? unit : "EA");
}

static const char *
num(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.15g", v);
	return buf;
}

/* A line's ConfirmationItem in a detail confirmation: the ordered
 * quantity, what is confirmed (with a new price or date: detail), and
 * the rest rejected. */
static void
cxml_item(struct w *x, const struct pl_respond *r, size_t i)
{
	const struct pl_order_line *l = &r->o->line[i];
	const struct pl_respond_line *rl = &r->line[i];
	const char *unit = l->f[PL_line_unit];
	double ordered = l->f[PL_line_quantity] ?
	    strtod(l->f[PL_line_quantity], NULL) : 0;
	double q = rl->quantity ? strtod(rl->quantity, NULL) : ordered;
	char a[40], b[40], when[64];

	if (rl->status == PL_RLINE_REJECT)
		q = 0;
	start(x, "ConfirmationItem");
	/* a quantity raised: the item is what will be delivered */
	attr(x, "quantity", num(q > ordered ? q : ordered, a, sizeof(a)));
	attr(x, "lineNumber", l->f[PL_line_id]);
	uom(x, unit);
	if (q > 0) {
		start(x, "ConfirmationStatus");
		attr(x, "quantity", num(q, b, sizeof(b)));
		attr(x, "type", rl->price || rl->delivery ? "detail" : "accept");
		if (rl->delivery)
			attr(x, "deliveryDate", stamp(rl->delivery, NULL, when,
			    sizeof(when)));
		uom(x, unit);
		if (rl->price) {
			start(x, "UnitPrice");
			leaf(x, "Money", "currency", line_currency(r->o, l),
			    rl->price);
			end(x);
		}
		end(x);
	}
	if (q < ordered) {
		start(x, "ConfirmationStatus");
		attr(x, "quantity", num(ordered - q, b, sizeof(b)));
		attr(x, "type", "reject");
		uom(x, unit);
		end(x);
	}
	end(x);
}

/* cXML ConfirmationRequest (Fulfill.dtd): accept, reject, or detail with
 * the changed lines. */
static void
cxml(struct w *x, const struct pl_respond *r, struct pl_buf *b)
{
	const struct pl_order *o = r->o;
	char ts[64], od[96], pid[96];
	size_t i, changed = 0;

	for (i = 0; i < o->nline; i++)
		changed += r->line[i].status != PL_RLINE_ACCEPT;
	x->bad |= xmlTextWriterWriteDTD(x->w, BAD_CAST "cXML", NULL,
	    BAD_CAST "http://xml.cxml.org/schemas/cXML/1.2.063/Fulfill.dtd",
	    NULL) < 0;
	start(x, "cXML");
	snprintf(pid, sizeof(pid), "%s@poreview", r->id);
	attr(x, "payloadID", pid);
	attr(x, "timestamp", stamp(r->today, NULL, ts, sizeof(ts)));
	attr(x, "xml:lang", "en");
	start(x, "Header");
	start(x, "From");
	credential(x, r->cx.to_domain, r->cx.to_id);
	end(x);
	start(x, "To");
	credential(x, r->cx.from_domain, r->cx.from_id);
	end(x);
	start(x, "Sender");
	credential(x, r->cx.to_domain, r->cx.to_id);
	leaf(x, "UserAgent", NULL, NULL, "poreview " PL_VERSION);
	end(x);
	end(x);
	start(x, "Request");
	start(x, "ConfirmationRequest");
	start(x, "ConfirmationHeader");
	attr(x, "confirmID", r->id);
	attr(x, "type", r->code == PL_RESPOND_REJECT ? "reject" : changed ?
	    "detail" : "accept");
	attr(x, "noticeDate", ts);
	summary(r, b);
	leaf(x, "Comments", "xml:lang", "en", b->s);
	end(x);
	start(x, "OrderReference");
	attr(x, "orderID", field(o, PL_order_number));
	if (field(o, PL_order_issue_date))
		attr(x, "orderDate", stamp(field(o, PL_order_issue_date),
		    field(o, PL_order_issue_time), od, sizeof(od)));
	start(x, "DocumentReference");
	attr(x, "payloadID", r->cx.payload);
	end(x);
	end(x);
	for (i = 0; r->code != PL_RESPOND_REJECT && changed && i < o->nline;
	    i++)
		if (r->line[i].status != PL_RLINE_ACCEPT)
			cxml_item(x, r, i);
	end(x);
	end(x);
	end(x);
}

/* openTRANS 2.1 ORDERRESPONSE: every line with what is confirmed. */
static void
opentrans(struct w *x, const struct pl_respond *r, struct pl_buf *b)
{
	const struct pl_order *o = r->o;
	const char *seller = field(o, PL_order_seller_id) ?
	    field(o, PL_order_seller_id) : "supplier";
	const char *buyer = field(o, PL_order_buyer_id) ?
	    field(o, PL_order_buyer_id) : "buyer";
	char n[24];
	size_t i;

	start(x, "ORDERRESPONSE");
	attr(x, "xmlns", "http://www.opentrans.org/XMLSchema/2.1");
	attr(x, "xmlns:bmecat", "http://www.bmecat.org/bmecat/2005");
	attr(x, "version", "2.1");
	start(x, "ORDERRESPONSE_HEADER");
	start(x, "ORDERRESPONSE_INFO");
	leaf(x, "ORDER_ID", NULL, NULL, field(o, PL_order_number) ?
	    field(o, PL_order_number) : "");
	leaf(x, "ORDERRESPONSE_DATE", NULL, NULL, r->today);
	leaf(x, "ORDER_DATE", NULL, NULL, field(o, PL_order_issue_date));
	leaf(x, "SUPPLIER_ORDER_ID", NULL, NULL, r->id);
	start(x, "PARTIES");
	start(x, "PARTY");
	leaf(x, "bmecat:PARTY_ID", "type", field(o, PL_order_buyer_scheme),
	    buyer);
	leaf(x, "PARTY_ROLE", NULL, NULL, "buyer");
	end(x);
	start(x, "PARTY");
	leaf(x, "bmecat:PARTY_ID", NULL, NULL, seller);
	leaf(x, "PARTY_ROLE", NULL, NULL, "supplier");
	end(x);
	end(x);
	start(x, "ORDER_PARTIES_REFERENCE");
	leaf(x, "bmecat:BUYER_IDREF", "type", field(o, PL_order_buyer_scheme),
	    buyer);
	leaf(x, "bmecat:SUPPLIER_IDREF", NULL, NULL, seller);
	end(x);
	leaf(x, "bmecat:CURRENCY", NULL, NULL, field(o, PL_order_currency));
	summary(r, b);
	leaf(x, "REMARKS", "type", "orderresponse", b->s);
	end(x);
	end(x);
	start(x, "ORDERRESPONSE_ITEM_LIST");
	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];
		const struct pl_respond_line *rl = &r->line[i];
		int none = r->code == PL_RESPOND_REJECT ||
		    rl->status == PL_RLINE_REJECT;
		const char *when = rl->delivery;

		start(x, "ORDERRESPONSE_ITEM");
		leaf(x, "LINE_ITEM_ID", NULL, NULL, l->f[PL_line_id]);
		start(x, "PRODUCT_ID");
		leaf(x, "bmecat:SUPPLIER_PID", NULL, NULL,
		    l->f[PL_line_seller_item]);
		leaf(x, "bmecat:BUYER_PID", NULL, NULL, l->f[PL_line_buyer_item]);
		leaf(x, "bmecat:DESCRIPTION_SHORT", NULL, NULL,
		    l->f[PL_line_item_name]);
		end(x);
		leaf(x, "QUANTITY", NULL, NULL, none ? "0" : rl->quantity ?
		    rl->quantity : l->f[PL_line_quantity] ?
		    l->f[PL_line_quantity] : "0");
		leaf(x, "bmecat:ORDER_UNIT", NULL, NULL, l->f[PL_line_unit] ?
		    l->f[PL_line_unit] : "C62");
		if (!none && (rl->price || l->f[PL_line_price])) {
			start(x, "PRODUCT_PRICE_FIX");
			leaf(x, "bmecat:PRICE_AMOUNT", NULL, NULL, rl->price ?
			    rl->price : l->f[PL_line_price]);
			end(x);
		}
		if (!none && when == NULL)	/* as ordered, confirmed */
			when = l->f[PL_line_delivery_to] ?
			    l->f[PL_line_delivery_to] :
			    o->f[PL_order_delivery_to];
		if (!none && when) {
			start(x, "DELIVERY_DATE");
			attr(x, "type", "fixed");
			leaf(x, "DELIVERY_START_DATE", NULL, NULL, when);
			leaf(x, "DELIVERY_END_DATE", NULL, NULL, when);
			end(x);
		}
		if (r->code != PL_RESPOND_REJECT && rl->status != PL_RLINE_ACCEPT)
			leaf(x, "REMARKS", "type", "orderresponse", rl->status ==
			    PL_RLINE_REJECT ? "Not accepted." : "Changed.");
		end(x);
	}
	end(x);
	start(x, "ORDERRESPONSE_SUMMARY");
	snprintf(n, sizeof(n), "%zu", o->nline);
	leaf(x, "TOTAL_ITEM_NUM", NULL, NULL, n);
	end(x);
	end(x);
}

/* One writer per standard. */
static const struct {
	const char *kind;
	void (*write)(struct w *, const struct pl_respond *, struct pl_buf *);
} writers[] = {
	{ "ubl", ubl }, { "cxml", cxml }, { "opentrans", opentrans },
};

int
pl_respond_xml(const struct pl_respond *r, const char *kind,
    struct pl_buf *out, struct pl_err *e)
{
	xmlBufferPtr buf;
	struct w x;
	struct pl_buf b;
	size_t k;
	int rc = 0;

	for (k = 0; k < sizeof(writers) / sizeof(writers[0]); k++)
		if (is(writers[k].kind, kind))
			break;
	if (k == sizeof(writers) / sizeof(writers[0]))
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "no writer of "
		    "'%s' responses", kind ? kind : "");
	if ((buf = xmlBufferCreate()) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	memset(&x, 0, sizeof(x));
	pl_buf_init(&x.tmp);
	pl_buf_init(&b);
	if ((x.w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	x.bad |= xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0;
	writers[k].write(&x, r, &b);
	x.bad |= xmlTextWriterEndDocument(x.w) < 0;
	xmlFreeTextWriter(x.w);
	if (x.bad || pl_buf_add(out, xmlBufferContent(buf),
	    (size_t)xmlBufferLength(buf)) < 0)
		rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "cannot write the "
		    "%s response (out of memory)", kind);
	xmlBufferFree(buf);
	pl_buf_release(&x.tmp);
	pl_buf_release(&b);
	return rc;
}

/* --- the file ---------------------------------------------------------- */

void
pl_respond_name(const char *key, const char *docid, const char *suffix,
    char *buf, size_t size)
{
	char safe[97];

	pl_safe_name(key, safe, sizeof(safe));
	snprintf(buf, size, "%s-%.16s%s", safe, docid ? docid : "", suffix);
}

int
pl_respond_save(const char *dir, const char *name, const void *data,
    size_t n, struct pl_err *e)
{
	char *tmp = NULL, *path = NULL;
	const char *p = data;
	int fd = -1, rc = -1;

	if ((path = malloc(strlen(dir) + strlen(name) + 2)) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return -1;
	}
	sprintf(path, "%s/%s", dir, name);
	/* beside its name, written whole and synced, then renamed */
	if ((tmp = pl_book_tmpfile(path, "po-respond", e)) == NULL)
		goto out;
	if ((fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s",
			    path, w < 0 ? strerror(errno) : "short write");
			goto out;
		}
		p += w;
		n -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	fd = -1;
	rc = pl_book_rename(tmp, path, e);
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}
