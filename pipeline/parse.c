#include "parse.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "base64.h"

#define UBL_NS "urn:oasis:names:specification:ubl:schema:xsd:"
#define OPENTRANS_NS "http://www.opentrans.org/XMLSchema/"
#define ORDERX_NS "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:"
#define ORDERX_ROOT "SCRDMCCBDACIOMessageStructure"
#define CEFACT_NS "urn:un:unece:uncefact:data:standard:"

int
pl_parse_init(struct pl_parse *p, unsigned long long max_size)
{
	memset(p, 0, sizeof(*p));
	pl_order_init(&p->o);
	pl_buf_init(&p->scratch);
	return pl_xml_init(&p->x, max_size);
}

void
pl_parse_release(struct pl_parse *p)
{
	pl_xml_release(&p->x);
	pl_order_release(&p->o);
	pl_buf_release(&p->scratch);
}

void
pl_parse_warn(struct pl_parse *p, long line, const char *fmt, ...)
{
	struct pl_err *w;
	va_list ap;

	if (p->nwarn++ >= PL_PARSE_MAX_WARN)
		return;
	w = &p->warn[p->nwarn - 1];
	w->status = PL_EXIT_OK;
	snprintf(w->file, sizeof(w->file), "%s", pl_xml_name(&p->x));
	w->line = line ? line : pl_xml_line(&p->x);
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
}

void
pl_parse_set(struct pl_parse *p, const char **dst, const char *s, int fold)
{
	const char *t;

	if (s == NULL || *dst != NULL)
		return;
	if ((t = pl_order_text(&p->o, s, fold)) != NULL)
		*dst = t;
}

void
pl_parse_join(struct pl_parse *p, const char **dst, const char *s,
    const char *sep, int fold)
{
	const char *t = pl_order_text(&p->o, s, fold);
	struct pl_buf *b = &p->scratch;

	if (t == NULL)
		return;
	if (*dst == NULL) {
		*dst = t;
		return;
	}
	pl_buf_reset(b);
	pl_buf_addf(b, "%s%s%s", *dst, sep, t);
	*dst = pl_order_strn(&p->o, b->s, b->len);
}

struct pl_order_item *
pl_parse_item(struct pl_parse *p, const char *kind, int at_line, int col,
    const char *text, int fold)
{
	const char *t = pl_order_text(&p->o, text, fold);
	struct pl_order_item *it;

	if (t == NULL || (at_line && p->st.line == NULL))
		return NULL;
	if ((it = pl_order_add_item(&p->o, kind, at_line)) != NULL)
		it->f[col] = t;
	return it;
}

void
pl_parse_prop(struct pl_parse *p, int at_line, const char *name,
    const char *value, const char *unit)
{
	struct pl_order_item *it = pl_parse_item(p, "prop", at_line,
	    PL_prop_value, value, 1);

	if (it) {
		pl_parse_set(p, &it->f[PL_prop_name], name, 1);
		pl_parse_set(p, &it->f[PL_prop_unit], unit, 1);
	}
}

void
pl_parse_note(struct pl_parse *p, int at_line, const char *subject,
    const char *lang, const char *text)
{
	struct pl_order_item *it = pl_parse_item(p, "note", at_line,
	    PL_note_text, text, 0);

	if (it) {
		it->f[PL_note_subject] = subject;
		pl_parse_set(p, &it->f[PL_note_lang], lang, 1);
	}
}

/* An embedded attachment is decoded to know its size and checksums, and
 * stored when p->attach is set: its bytes stay out of the stream. */
void
pl_parse_attachment(struct pl_parse *p, struct pl_order_item *it,
    const char *text)
{
	char tmp[32], sha[PL_SHA256_HEX], name[PL_ATTACH_NAME];
	size_t bad;

	pl_buf_reset(&p->scratch);
	if (pl_base64_decode(text, &p->scratch, &bad) < 0) {
		if (bad == (size_t)-1)
			p->o.oom = 1;
		else
			pl_xml_fail(&p->x, 0, "attachment '%s': malformed base64 "
			    "at character %zu", it->f[PL_doc_filename] ?
			    it->f[PL_doc_filename] : it->f[PL_doc_ref] ?
			    it->f[PL_doc_ref] : "", bad + 1);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%zu", p->scratch.len);
	it->f[PL_doc_size] = pl_order_strn(&p->o, tmp, strlen(tmp));
	snprintf(tmp, sizeof(tmp), "%08lx", crc32(0,
	    (const Bytef *)p->scratch.s, (uInt)p->scratch.len) & 0xffffffffUL);
	it->f[PL_doc_checksum] = pl_order_strn(&p->o, tmp, 8);
	pl_sha256_hex(p->scratch.s, p->scratch.len, sha);
	it->f[PL_doc_sha256] = pl_order_strn(&p->o, sha, 64);
	if (p->attach && pl_attach_add(p->attach, sha, it->f[PL_doc_mime],
	    p->scratch.s, p->scratch.len, name) == 0)
		it->f[PL_doc_stored] = pl_order_strn(&p->o, name, strlen(name));
}

void
pl_parse_party_id(struct pl_parse *p, const char *text, const char *scheme,
    int rank)
{
	const char *t = pl_order_text(&p->o, text, 1);

	if (p->st.party[0] == NULL || t == NULL || rank >= p->st.id_rank)
		return;
	p->st.id_rank = rank;
	*p->st.party[0] = t;
	if (p->st.party[1])
		*p->st.party[1] = pl_order_text(&p->o, scheme, 1);
}

void
pl_parse_party_begin(struct pl_parse *p, int buyer)
{
	struct pl_parse_state *st = &p->st;

	if (buyer) {
		st->party[0] = &p->o.f[PL_order_buyer_id];
		st->party[1] = &p->o.f[PL_order_buyer_scheme];
		st->party[2] = &p->o.f[PL_order_buyer_name];
		st->party[3] = &p->o.f[PL_order_buyer_country];
	} else {
		st->party[0] = &p->o.f[PL_order_seller_id];
		st->party[1] = NULL;
		st->party[2] = &p->o.f[PL_order_seller_name];
		st->party[3] = &p->o.f[PL_order_seller_country];
	}
	st->id_rank = st->name_rank = 99;
}

const char *
pl_parse_address(struct pl_parse *p)
{
	const char **a = p->st.addr, *out = NULL;
	char tmp[1024];

	pl_parse_join(p, &out, a[PL_ADDR_LINE1], ", ", 1);
	pl_parse_join(p, &out, a[PL_ADDR_LINE2], ", ", 1);
	pl_parse_join(p, &out, a[PL_ADDR_LINE3], ", ", 1);
	snprintf(tmp, sizeof(tmp), "%s %s", a[PL_ADDR_ZONE] ?
	    a[PL_ADDR_ZONE] : "", a[PL_ADDR_CITY] ? a[PL_ADDR_CITY] : "");
	pl_parse_join(p, &out, tmp, ", ", 1);
	pl_parse_join(p, &out, a[PL_ADDR_REGION], ", ", 1);
	pl_parse_join(p, &out, a[PL_ADDR_COUNTRY], ", ", 1);
	return out;
}

void
pl_parse_party_name(struct pl_parse *p, const char *text, int rank)
{
	const char *t = pl_order_text(&p->o, text, 1);

	if (p->st.party[2] == NULL || t == NULL || rank >= p->st.name_rank)
		return;
	p->st.name_rank = rank;
	*p->st.party[2] = t;
}

void
pl_parse_datetime(struct pl_parse *p, const char *what, const char *value,
    const char **date, const char **time)
{
	const char *s = pl_order_text(&p->o, value, 1), *t;

	if (s == NULL)
		return;
	if (strlen(s) < 10 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
	    s[7] != '-' || !isdigit((unsigned char)s[9]) ||
	    (s[10] != '\0' && s[10] != 'T')) {
		pl_parse_warn(p, 0, "%s '%s' is not an ISO 8601 date; left out",
		    what, s);
		return;
	}
	if (*date == NULL)
		*date = pl_order_strn(&p->o, s, 10);
	if (time && s[10] == 'T' && *time == NULL &&
	    (t = pl_order_text(&p->o, s + 11, 1)))
		*time = t;
}

const char *
pl_parse_action(struct pl_parse *p, const char *code)
{
	static const char *const words[][3] = {
		{ "Added", "1", "added" }, { "Cancelled", "2", "cancelled" },
		{ "Revised", "3", "changed" }, { "NoStatus", "4", "unchanged" } };
	const char *s = pl_order_text(&p->o, code, 1);
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(s, words[i][0]) == 0 || strcmp(s, words[i][1]) == 0)
			return words[i][2];
	pl_parse_warn(p, 0, "line status '%s' is neither added, changed, "
	    "cancelled nor unchanged; the line's action is left out", s);
	return NULL;
}

/* Say what a document that is not a readable order is. */
static void
reject_root(struct pl_parse *p, const char *name, const char *ns)
{
	struct pl_xml *x = &p->x;

	if (strncmp(ns, UBL_NS, strlen(UBL_NS)) == 0) {
		pl_xml_fail(x, 0, "a UBL %s, not an order", name);
	} else if (strncmp(ns, OPENTRANS_NS, strlen(OPENTRANS_NS)) == 0) {
		if (strcmp(name, "ORDER") == 0)
			pl_xml_fail(x, 0, "an openTRANS ORDER in namespace '%s': "
			    "only openTRANS 2.1 is read", ns);
		else
			pl_xml_fail(x, 0, "an openTRANS %s, not an order", name);
	} else if (strncmp(ns, CEFACT_NS, strlen(CEFACT_NS)) == 0 ||
	    strncmp(name, "CrossIndustry", 13) == 0) {
		pl_xml_fail(x, 0, "a UN/CEFACT %s, not an order", name);
	} else if (*ns) {
		pl_xml_fail(x, 0, "not a purchase order: root element '%s' in "
		    "namespace '%s'", name, ns);
	} else {
		pl_xml_fail(x, 0, "not a purchase order: root element '%s' in "
		    "no namespace", name);
	}
}

static void
on_start(void *user, struct pl_xml *x, const struct pl_xml_elem *e)
{
	struct pl_parse *p = user;
	const char *ns = e->ns ? e->ns : "";

	(void)x;
	if (e->depth == 0) {
		if (strcmp(e->name, "Order") == 0 &&
		    strcmp(ns, UBL_NS "Order-2") == 0) {
			p->st.std = PL_STD_UBL;
			p->o.f[PL_order_doctype] = "order";
			p->o.f[PL_order_seq] = "0";
			p->st.nrefs = -1;	/* its own ID is the number */
		} else if (strcmp(e->name, "OrderChange") == 0 &&
		    strcmp(ns, UBL_NS "OrderChange-2") == 0) {
			p->st.std = PL_STD_UBL;
			p->o.f[PL_order_doctype] = "change";
		} else if (strcmp(e->name, "OrderCancellation") == 0 &&
		    strcmp(ns, UBL_NS "OrderCancellation-2") == 0) {
			p->st.std = PL_STD_UBL;
			p->o.f[PL_order_doctype] = "cancel";
		} else if (strcmp(e->name, "ORDER") == 0 &&
		    strcmp(ns, OPENTRANS_NS "2.1") == 0) {
			p->st.std = PL_STD_OPENTRANS;
			p->o.f[PL_order_standard] = "opentrans";
			p->o.f[PL_order_doctype] = "order";
			p->o.f[PL_order_seq] = "0";
			pl_parse_set(p, &p->o.f[PL_order_type_code],
			    pl_xml_attr(x, e, "type"), 1);
		} else if (strcmp(e->name, ORDERX_ROOT) == 0 &&
		    strncmp(ns, ORDERX_NS, strlen(ORDERX_NS)) == 0) {
			p->st.std = PL_STD_ORDERX;
			p->o.f[PL_order_standard] = "orderx";
		} else if (strcmp(e->name, "cXML") == 0 && *ns == '\0') {
			p->st.std = PL_STD_CXML;
			p->o.f[PL_order_standard] = "cxml";
			p->o.f[PL_order_doctype] = "order";
			p->o.f[PL_order_seq] = "0";
		} else {
			reject_root(p, e->name, ns);
		}
	} else if (p->st.std == PL_STD_UBL) {
		pl_ubl_start(p, e);
	} else if (p->st.std == PL_STD_CXML) {
		pl_cxml_start(p, e);
	} else if (p->st.std == PL_STD_OPENTRANS) {
		pl_opentrans_start(p, e);
	} else if (p->st.std == PL_STD_ORDERX) {
		pl_orderx_start(p, e);
	}
}

static void
on_end(void *user, struct pl_xml *x, const struct pl_xml_elem *e,
    const char *text, size_t len)
{
	struct pl_parse *p = user;

	(void)x, (void)len;
	if (e->depth == 0)
		return;
	if (p->st.std == PL_STD_UBL)
		pl_ubl_end(p, e, text);
	else if (p->st.std == PL_STD_CXML)
		pl_cxml_end(p, e, text);
	else if (p->st.std == PL_STD_OPENTRANS)
		pl_opentrans_end(p, e, text);
	else if (p->st.std == PL_STD_ORDERX)
		pl_orderx_end(p, e, text);
}

static const struct pl_xml_handler handler = { on_start, on_end };

/* Every line of a cancellation is cancelled, whatever the document says. */
static void
cancel_lines(struct pl_order *o)
{
	size_t i;

	if (o->f[PL_order_doctype] == NULL ||
	    strcmp(o->f[PL_order_doctype], "cancel") != 0)
		return;
	for (i = 0; i < o->nline; i++)
		o->line[i].f[PL_line_action] = "cancelled";
}

int
pl_parse_doc(struct pl_parse *p, const char *path, struct pl_err *e)
{
	struct pl_xml *x = &p->x;

	pl_order_reset(&p->o);
	memset(&p->st, 0, sizeof(p->st));
	p->nwarn = 0;
	if (pl_xml_parse(x, path, &handler, p, e) < 0)
		return -1;
	if (p->st.std == PL_STD_UBL)
		pl_ubl_finish(p);
	else if (p->st.std == PL_STD_CXML && pl_cxml_finish(p) < 0) {
		*e = x->err;
		return -1;
	} else if (p->st.std == PL_STD_OPENTRANS)
		pl_opentrans_finish(p);
	else if (p->st.std == PL_STD_ORDERX)
		pl_orderx_finish(p);
	else if (p->st.std == PL_STD_NONE)
		return pl_err_set(e, PL_EXIT_DATA, pl_xml_name(x), 0,
		    "document is empty");
	cancel_lines(&p->o);
	if (pl_order_finish(&p->o, pl_xml_name(x), pl_xml_crc(x),
	    pl_xml_length(x)) < 0) {
		if (p->o.oom == 2)
			return pl_err_set(e, PL_EXIT_DATA, pl_xml_name(x), 0,
			    "more than %u bytes of order data (the limit): "
			    "not a purchase order a person could review",
			    PL_ORDER_MAX);
		return pl_err_set(e, PL_EXIT_INTERNAL, pl_xml_name(x), 0,
		    "out of memory");
	}
	return 0;
}
