#include "reader.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "base64.h"

int
pl_reader_init(struct pl_reader *r, unsigned long long max_size)
{
	memset(r, 0, sizeof(*r));
	pl_order_init(&r->o);
	pl_buf_init(&r->scratch);
	return pl_xml_init(&r->x, max_size);
}

void
pl_reader_release(struct pl_reader *r)
{
	pl_xml_release(&r->x);
	pl_order_release(&r->o);
	pl_buf_release(&r->scratch);
}

void
pl_reader_reset(struct pl_reader *r)
{
	pl_order_reset(&r->o);
	r->nwarn = 0;
	r->line = NULL;
	r->item = NULL;
	memset(r->party, 0, sizeof(r->party));
	r->id_rank = r->name_rank = 0;
	memset(r->addr, 0, sizeof(r->addr));
	memset(r->attr, 0, sizeof(r->attr));
}

void
pl_reader_warn(struct pl_reader *r, long line, const char *fmt, ...)
{
	struct pl_err *w;
	va_list ap;

	if (r->nwarn++ >= PL_READER_MAX_WARN)
		return;
	w = &r->warn[r->nwarn - 1];
	w->status = PL_EXIT_OK;
	snprintf(w->file, sizeof(w->file), "%s", pl_xml_name(&r->x));
	w->line = line ? line : pl_xml_line(&r->x);
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
}

void
pl_reader_set(struct pl_reader *r, const char **dst, const char *s, int fold)
{
	const char *t;

	if (s == NULL || *dst != NULL)
		return;
	if ((t = pl_order_text(&r->o, s, fold)) != NULL)
		*dst = t;
}

void
pl_reader_join(struct pl_reader *r, const char **dst, const char *s,
    const char *sep, int fold)
{
	const char *t = pl_order_text(&r->o, s, fold);
	struct pl_buf *b = &r->scratch;

	if (t == NULL)
		return;
	if (*dst == NULL) {
		*dst = t;
		return;
	}
	pl_buf_reset(b);
	pl_buf_addf(b, "%s%s%s", *dst, sep, t);
	*dst = pl_order_strn(&r->o, b->s, b->len);
}

struct pl_order_item *
pl_reader_item(struct pl_reader *r, const char *kind, int at_line, int col,
    const char *text, int fold)
{
	const char *t = pl_order_text(&r->o, text, fold);
	struct pl_order_item *it;

	if (t == NULL || (at_line && r->line == NULL))
		return NULL;
	if ((it = pl_order_add_item(&r->o, kind, at_line)) != NULL)
		it->f[col] = t;
	return it;
}

void
pl_reader_prop(struct pl_reader *r, int at_line, const char *name,
    const char *value, const char *unit)
{
	struct pl_order_item *it = pl_reader_item(r, "prop", at_line,
	    PL_prop_value, value, 1);

	if (it) {
		pl_reader_set(r, &it->f[PL_prop_name], name, 1);
		pl_reader_set(r, &it->f[PL_prop_unit], unit, 1);
	}
}

void
pl_reader_note(struct pl_reader *r, int at_line, const char *subject,
    const char *lang, const char *text)
{
	struct pl_order_item *it = pl_reader_item(r, "note", at_line,
	    PL_note_text, text, 0);

	if (it) {
		it->f[PL_note_subject] = subject;
		pl_reader_set(r, &it->f[PL_note_lang], lang, 1);
	}
}

/* An embedded attachment is decoded to know its size and checksums, and
 * stored when r->attach is set: its bytes stay out of the stream. */
void
pl_reader_attachment(struct pl_reader *r, struct pl_order_item *it,
    const char *text)
{
	char tmp[32], sha[PL_SHA256_HEX], name[PL_ATTACH_NAME];
	size_t bad;

	pl_buf_reset(&r->scratch);
	if (pl_base64_decode(text, &r->scratch, &bad) < 0) {
		if (bad == (size_t)-1)
			r->o.oom = 1;
		else
			pl_xml_fail(&r->x, 0, "attachment '%s': malformed base64 "
			    "at character %zu", it->f[PL_doc_filename] ?
			    it->f[PL_doc_filename] : it->f[PL_doc_ref] ?
			    it->f[PL_doc_ref] : "", bad + 1);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%zu", r->scratch.len);
	it->f[PL_doc_size] = pl_order_strn(&r->o, tmp, strlen(tmp));
	snprintf(tmp, sizeof(tmp), "%08lx", crc32(0,
	    (const Bytef *)r->scratch.s, (uInt)r->scratch.len) & 0xffffffffUL);
	it->f[PL_doc_checksum] = pl_order_strn(&r->o, tmp, 8);
	pl_sha256_hex(r->scratch.s, r->scratch.len, sha);
	it->f[PL_doc_sha256] = pl_order_strn(&r->o, sha, 64);
	if (r->attach && pl_attach_add(r->attach, sha, it->f[PL_doc_mime],
	    r->scratch.s, r->scratch.len, name) == 0)
		it->f[PL_doc_stored] = pl_order_strn(&r->o, name, strlen(name));
}

void
pl_reader_party_id(struct pl_reader *r, const char *text, const char *scheme,
    int rank)
{
	const char *t = pl_order_text(&r->o, text, 1);

	if (r->party[0] == NULL || t == NULL || rank >= r->id_rank)
		return;
	r->id_rank = rank;
	*r->party[0] = t;
	if (r->party[1])
		*r->party[1] = pl_order_text(&r->o, scheme, 1);
}

void
pl_reader_party_begin(struct pl_reader *r, int buyer)
{
	if (buyer) {
		r->party[0] = &r->o.f[PL_order_buyer_id];
		r->party[1] = &r->o.f[PL_order_buyer_scheme];
		r->party[2] = &r->o.f[PL_order_buyer_name];
		r->party[3] = &r->o.f[PL_order_buyer_country];
	} else {
		r->party[0] = &r->o.f[PL_order_seller_id];
		r->party[1] = NULL;
		r->party[2] = &r->o.f[PL_order_seller_name];
		r->party[3] = &r->o.f[PL_order_seller_country];
	}
	r->id_rank = r->name_rank = 99;
}

const char *
pl_reader_address(struct pl_reader *r)
{
	const char **a = r->addr, *out = NULL;
	char tmp[1024];

	pl_reader_join(r, &out, a[PL_ADDR_LINE1], ", ", 1);
	pl_reader_join(r, &out, a[PL_ADDR_LINE2], ", ", 1);
	pl_reader_join(r, &out, a[PL_ADDR_LINE3], ", ", 1);
	snprintf(tmp, sizeof(tmp), "%s %s", a[PL_ADDR_ZONE] ?
	    a[PL_ADDR_ZONE] : "", a[PL_ADDR_CITY] ? a[PL_ADDR_CITY] : "");
	pl_reader_join(r, &out, tmp, ", ", 1);
	pl_reader_join(r, &out, a[PL_ADDR_REGION], ", ", 1);
	pl_reader_join(r, &out, a[PL_ADDR_COUNTRY], ", ", 1);
	return out;
}

void
pl_reader_party_name(struct pl_reader *r, const char *text, int rank)
{
	const char *t = pl_order_text(&r->o, text, 1);

	if (r->party[2] == NULL || t == NULL || rank >= r->name_rank)
		return;
	r->name_rank = rank;
	*r->party[2] = t;
}

void
pl_reader_datetime(struct pl_reader *r, const char *what, const char *value,
    const char **date, const char **time)
{
	const char *s = pl_order_text(&r->o, value, 1), *t;

	if (s == NULL)
		return;
	if (strlen(s) < 10 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
	    s[7] != '-' || !isdigit((unsigned char)s[9]) ||
	    (s[10] != '\0' && s[10] != 'T')) {
		pl_reader_warn(r, 0, "%s '%s' is not an ISO 8601 date; left out",
		    what, s);
		return;
	}
	if (*date == NULL)
		*date = pl_order_strn(&r->o, s, 10);
	if (time && s[10] == 'T' && *time == NULL &&
	    (t = pl_order_text(&r->o, s + 11, 1)))
		*time = t;
}

const char *
pl_reader_action(struct pl_reader *r, const char *code)
{
	static const char *const words[][3] = {
		{ "Added", "1", "added" }, { "Cancelled", "2", "cancelled" },
		{ "Revised", "3", "changed" }, { "NoStatus", "4", "unchanged" } };
	const char *s = pl_order_text(&r->o, code, 1);
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(s, words[i][0]) == 0 || strcmp(s, words[i][1]) == 0)
			return words[i][2];
	pl_reader_warn(r, 0, "line status '%s' is neither added, changed, "
	    "cancelled nor unchanged; the line's action is left out", s);
	return NULL;
}

void
pl_reader_party_end(struct pl_reader *r)
{
	memset(r->party, 0, sizeof(r->party));
}

static int
table_init(struct pl_reader_table *t, const struct pl_reader_path *rows,
    int n)
{
	int i, tag, prev = -1;

	t->rows = rows;
	t->n = n;
	for (i = 0; i < n; i++) {
		tag = rows[i].tag;
		if (tag <= 0 || tag >= PL_READER_MAX_TAGS)
			return -1;
		if (tag != prev) {
			if (t->last[tag])	/* its rows are not together */
				return -1;
			t->first[tag] = (short)i;
			prev = tag;
		}
		t->last[tag] = (short)(i + 1);
	}
	return 0;
}

int
pl_reader_table_ready(struct pl_reader *r, struct pl_reader_table *t,
    const char *const *names, int nnames, const struct pl_reader_path *rows,
    int n)
{
	if (t->ready == 0) {
		t->names.names = names;
		t->names.n = nnames;
		t->ready = table_init(t, rows, n) < 0 ? -1 : 1;
	}
	if (t->ready < 0)
		return pl_xml_fail(&r->x, 0, "the reader's table of element "
		    "paths is malformed");
	return 0;
}

/* Where a row writes, or NULL when that is not there. */
static const char **
target(struct pl_reader *r, const struct pl_reader_path *w)
{
	switch (w->to) {
	case PL_R_ORDER: return r->o.f;
	case PL_R_LINE: return r->line ? r->line->f : NULL;
	case PL_R_ITEM: return r->item ? r->item->f : NULL;
	case PL_R_ADDR: return r->addr;
	}
	return NULL;
}

static void
apply(struct pl_reader *r, const struct pl_reader_path *w, const char **f,
    const struct pl_xml_elem *e, const char *text, const char *attr)
{
	switch (w->how) {
	case PL_R_SET:
		pl_reader_set(r, &f[w->col], text, 1);
		if (w->col2 >= 0)
			pl_reader_set(r, &f[w->col2], attr, 1);
		break;
	case PL_R_PUT:
		f[w->col] = pl_order_text(&r->o, text, 1);
		break;
	case PL_R_JOIN:
		pl_reader_join(r, &f[w->col], text, w->arg, 1);
		break;
	case PL_R_LINES:
		pl_reader_join(r, &f[w->col], text, "\n", 0);
		break;
	case PL_R_NOTE:
		pl_reader_note(r, w->to == PL_R_LINE, w->arg, attr, text);
		break;
	case PL_R_PROP:
		pl_reader_prop(r, w->to == PL_R_LINE, w->arg, text,
		    w->flags & PL_R_ATTR ? attr : NULL);
		break;
	case PL_R_DATE:
		pl_reader_datetime(r, e->name, text, &f[w->col],
		    w->col2 >= 0 ? &f[w->col2] : NULL);
		break;
	case PL_R_ACTION:
		f[w->col] = pl_reader_action(r, text);
		break;
	case PL_R_ATTACH:
		pl_reader_attachment(r, r->item, text);
		break;
	case PL_R_PARTY_ID:
		pl_reader_party_id(r, text, attr, attr ? w->col : w->col2);
		break;
	case PL_R_PARTY_NAME:
		pl_reader_party_name(r, text, w->col);
		break;
	case PL_R_PARTY_COUNTRY:
		if (r->party[3])
			pl_reader_set(r, r->party[3], text, 1);
		break;
	}
}

int
pl_reader_map(struct pl_reader *r, const struct pl_reader_table *t,
    const struct pl_xml_elem *e, const char *text, const char *attr)
{
	const int *tags = r->x.tag;
	const struct pl_reader_path *w, *end;
	int d = e->depth, tag = tags[d], up = tags[d - 1];
	int up2 = d >= 2 ? tags[d - 2] : 0, up3 = d >= 3 ? tags[d - 3] : 0;
	const char **f;

	if (tag <= 0 || tag >= PL_READER_MAX_TAGS || t->last[tag] == 0)
		return 0;
	end = t->rows + t->last[tag];
	for (w = t->rows + t->first[tag]; w < end; w++) {
		if ((w->depth && w->depth != d) || (w->up[0] &&
		    w->up[0] != up) || (w->up[1] && w->up[1] != up2) ||
		    (w->up[2] && w->up[2] != up3))
			continue;
		if ((f = target(r, w)) == NULL && w->to != PL_R_NONE)
			continue;
		if ((w->flags & PL_R_FIRST) && f[w->col] != NULL)
			continue;
		apply(r, w, f, e, text, attr);
		if (!(w->flags & PL_R_MORE))
			break;
	}
	return 1;
}
