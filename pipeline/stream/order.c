#include "order.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define POOL_BLOCK 65536

struct pl_pool_block {
	struct pl_pool_block *next;
	size_t used, cap;
	char mem[];
};

void
pl_order_init(struct pl_order *o)
{
	memset(o, 0, sizeof(*o));
}

void
pl_order_release(struct pl_order *o)
{
	struct pl_pool_block *b, *next;

	for (b = o->pool; b; b = next) {
		next = b->next;
		free(b);
	}
	free(o->line);
	free(o->item);
	memset(o, 0, sizeof(*o));
}

void
pl_order_reset(struct pl_order *o)
{
	struct pl_pool_block *b, *next;

	/* keep the first block, which serves an ordinary document whole */
	if (o->pool) {
		for (b = o->pool->next; b; b = next) {
			next = b->next;
			free(b);
		}
		o->pool->next = NULL;
		o->pool->used = 0;
	}
	memset(o->f, 0, sizeof(o->f));
	o->nline = 0;
	o->nitem = 0;
	o->used = 0;
	o->reviewed = 0;
	o->oom = 0;
}

/* Account for n more bytes of this document's order data, or (review
 * set) of what the review added; 0, or -1 over the bound. */
static int
charge(struct pl_order *o, size_t n, int review)
{
	size_t *used = review ? &o->reviewed : &o->used;

	if (o->oom || n > (review ? PL_REVIEW_MAX : PL_ORDER_MAX) - *used) {
		o->oom = o->oom ? o->oom : review ? 3 : 2;
		return -1;
	}
	*used += n;
	return 0;
}

int
pl_order_review_fits(size_t len, size_t nrec)
{
	/* each record is an item (pl_order_keep), its fields no longer
	 * than its text */
	return nrec <= PL_REVIEW_MAX / sizeof(struct pl_order_item) &&
	    len <= PL_REVIEW_MAX - nrec * sizeof(struct pl_order_item);
}

/* n bytes of the pool, charged to the order data (review 0) or to the
 * review (review 1). */
static char *
pool_take(struct pl_order *o, size_t n, int review)
{
	struct pl_pool_block *b = o->pool;

	if (charge(o, n, review) < 0)
		return NULL;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;

		b = malloc(sizeof(*b) + cap);
		if (b == NULL) {
			o->oom = 1;
			return NULL;
		}
		b->used = 0;
		b->cap = cap;
		/* the current block stays first: it has room for small strings */
		if (o->pool && n > POOL_BLOCK) {
			b->next = o->pool->next;
			o->pool->next = b;
		} else {
			b->next = o->pool;
			o->pool = b;
		}
	}
	b->used += n;
	return b->mem + b->used - n;
}

static char *
pool_alloc(struct pl_order *o, size_t n)
{
	return pool_take(o, n, 0);
}

static const char *
copy(struct pl_order *o, const char *s, size_t n, int review)
{
	char *p = pool_take(o, n + 1, review);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *
pl_order_strn(struct pl_order *o, const char *s, size_t n)
{
	return copy(o, s, n, 0);
}

const char *
pl_order_keep_str(struct pl_order *o, const char *s, size_t n)
{
	return copy(o, s, n, 1);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *
pl_order_text(struct pl_order *o, const char *s, int fold)
{
	size_t n;
	char *p, *w;

	if (s == NULL)
		return NULL;
	while (is_space((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	if ((p = pool_alloc(o, n + 1)) == NULL)
		return NULL;
	for (w = p; n > 0; s++, n--) {
		if (fold && is_space((unsigned char)*s)) {
			if (w[-1] != ' ')
				*w++ = ' ';
		} else if (!(*s == '\r' && n > 1 && s[1] == '\n')) {
			*w++ = *s == '\r' ? '\n' : *s;
		}
	}
	*w = '\0';
	return p;
}

static const char *
num(struct pl_order *o, unsigned long long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%llu", v);

	return pl_order_strn(o, tmp, (size_t)n);
}

struct pl_order_line *
pl_order_add_line(struct pl_order *o)
{
	struct pl_order_line *l;

	if (charge(o, sizeof(*l), 0) < 0)
		return NULL;
	if (o->nline == o->capline) {
		size_t cap = o->capline ? o->capline * 2 : 32;

		l = realloc(o->line, cap * sizeof(*l));
		if (l == NULL) {
			o->oom = 1;
			return NULL;
		}
		o->line = l;
		o->capline = cap;
	}
	l = &o->line[o->nline++];
	memset(l, 0, sizeof(*l));
	l->first = l->end = o->nitem;
	l->f[PL_line_pos] = num(o, o->nline);
	return l;
}

/* An item, charged to the order data or (review set) to the review. */
static struct pl_order_item *
item_add(struct pl_order *o, const char *kind, int at_line, int review)
{
	const struct pl_rec_kind *k = pl_rec_kind(kind);
	struct pl_order_item *it;

	if (charge(o, sizeof(*it), review) < 0)
		return NULL;
	if (o->nitem == o->capitem) {
		size_t cap = o->capitem ? o->capitem * 2 : 64;

		it = realloc(o->item, cap * sizeof(*it));
		if (it == NULL) {
			o->oom = 1;
			return NULL;
		}
		o->item = it;
		o->capitem = cap;
	}
	it = &o->item[o->nitem++];
	memset(it, 0, sizeof(*it));
	it->nf = k->nfields;
	it->f[0] = k->name;
	if (at_line && o->nline > 0) {
		it->f[PL_prop_pos] = o->line[o->nline - 1].f[PL_line_pos];
		o->line[o->nline - 1].end = o->nitem;
	}
	return it;
}

struct pl_order_item *
pl_order_add_item(struct pl_order *o, const char *kind, int at_line)
{
	return item_add(o, kind, at_line, 0);
}

/*
 * Field i of a record read back: the kind, key, docid and pos the model
 * holds already are shared, not copied again, so a document takes no
 * more here than it took in po-parse (which sets them in
 * pl_order_finish without copies).
 */
static const char *
field(struct pl_order *o, const char *const *dst, int i, const char *f,
    int review)
{
	/* the words the readers set without a copy (parse.c, cxml.c) */
	static const char *const words[] = { "order", "change", "cancel",
		"0", "ubl", "peppol", "cxml", "opentrans", "orderx", "added",
		"cancelled", "changed", "unchanged", "EAN", "OrderRequest",
		NULL };
	const char *have = i == 0 ? dst[0] : i == 1 ? o->f[PL_order_key] :
	    i == 2 ? o->f[PL_order_docid] : i == 3 ? dst[3] : NULL;
	size_t j, n;

	if (f[0] == '\0')
		return NULL;
	if (have && strcmp(have, f) == 0)
		return have;
	if (i > 3 && dst[3] && strcmp(dst[3], f) == 0)
		return dst[3];		/* cxml.c: a line's id is its pos */
	/* the first byte before the call: most fields are none of them */
	if ((n = strlen(f)) <= 12)
		for (j = 0; words[j]; j++)
			if (f[0] == words[j][0] && strcmp(f, words[j]) == 0)
				return words[j];
	return copy(o, f, n, review);
}

int
pl_order_add_record(struct pl_order *o, char *const *f, int nf)
{
	const char **dst;
	int i;

	if (strcmp(f[0], "order") == 0 && nf == PL_order__N) {
		dst = o->f;
	} else if (strcmp(f[0], "line") == 0 && nf == PL_line__N) {
		struct pl_order_line *l = pl_order_add_line(o);

		if (l == NULL)
			return -1;
		dst = l->f;
	} else if ((strcmp(f[0], "prop") == 0 && nf == PL_prop__N) ||
	    (strcmp(f[0], "note") == 0 && nf == PL_note__N) ||
	    (strcmp(f[0], "doc") == 0 && nf == PL_doc__N)) {
		struct pl_order_item *it = pl_order_add_item(o, f[0],
		    f[PL_prop_pos][0] != '\0');

		if (it == NULL)
			return -1;
		dst = it->f;
	} else {
		return 0;	/* not part of the order model */
	}
	/* the kind: a static name, as po-parse gives it */
	dst[0] = dst == o->f ? "order" : f[0][0] == 'l' ? "line" : dst[0];
	for (i = 0; i < nf; i++)
		dst[i] = field(o, dst, i, f[i], 0);
	return o->oom ? -1 : 0;
}

int
pl_order_borrow(struct pl_order *o, char *const *f, int nf)
{
	int i;

	pl_order_reset(o);
	if (nf != PL_order__N || strcmp(f[0], "order") != 0)
		return -1;
	for (i = 0; i < nf; i++)
		o->f[i] = f[i][0] ? f[i] : NULL;
	return 0;
}

int
pl_order_parse(struct pl_order *o, const char *text, struct pl_err *e)
{
	int rc;

	pl_order_reset(o);
	rc = pl_order_parse_n(o, text, strlen(text), "ledger version", e);
	if (rc == 0 && o->f[PL_order_key] == NULL)
		rc = pl_err_set(e, PL_EXIT_DATA, NULL, 0, "a version without "
		    "its order record");
	return rc < 0 ? -1 : 0;
}

int
pl_order_parse_n(struct pl_order *o, const char *text, size_t n,
    const char *name, struct pl_err *e)
{
	struct pl_rec_reader r;
	const char *nl, *end = text + n;
	int rc = 0;

	pl_rec_reader_init(&r, NULL, name);
	for (; text < end && rc >= 0; text = nl) {
		nl = memchr(text, '\n', (size_t)(end - text));
		nl = nl ? nl + 1 : end;
		if ((rc = pl_rec_parse(&r, text, (size_t)(nl - text), e)) ==
		    PL_REC_RECORD && pl_order_add_record(o, r.f, r.nf) < 0)
			rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
	}
	pl_rec_reader_release(&r);
	return rc < 0 ? -1 : 0;
}

int
pl_order_keep(struct pl_order *o, char *const *f, int nf)
{
	const struct pl_rec_kind *k = pl_rec_kind(f[0]);
	struct pl_order_item *it;
	int i;

	if (k == NULL || k->nfields != nf || nf > PL_doc__N)
		return 0;	/* unknown or too wide: not kept */
	if ((it = item_add(o, f[0], 0, 1)) == NULL)
		return -1;
	for (i = 0; i < nf; i++)
		it->f[i] = field(o, it->f, i, f[i], 1);
	return o->oom ? -1 : 0;
}

void
pl_order_drop_item(struct pl_order *o)
{
	if (o->nitem == 0)
		return;
	o->nitem--;
	if (o->nline > 0 && o->line[o->nline - 1].end > o->nitem)
		o->line[o->nline - 1].end = o->nitem;
}

int
pl_order_buyer(const struct pl_order *o, struct pl_buf *b)
{
	const char *id = o->f[PL_order_buyer_id];
	const char *sch = o->f[PL_order_buyer_scheme];
	const char *name = o->f[PL_order_buyer_name];

	if (id && sch)
		return pl_buf_addf(b, "%s:%s", sch, id);
	if (id)
		return pl_buf_adds(b, id);
	if (name == NULL)
		return pl_buf_adds(b, "unknown");
	if (pl_buf_adds(b, "name:") < 0)
		return -1;
	for (; *name; name++)
		if (pl_buf_addc(b, tolower((unsigned char)*name)) < 0)
			return -1;
	return 0;
}

int
pl_order_finish(struct pl_order *o, const char *source, unsigned long crc,
    unsigned long long length)
{
	struct pl_buf b;
	const char *key, *docid;
	char tmp[32];
	size_t i;

	pl_buf_init(&b);
	if (pl_order_buyer(o, &b) < 0 || pl_buf_addc(&b, '/') < 0 ||
	    (o->f[PL_order_number] &&
	    pl_buf_adds(&b, o->f[PL_order_number]) < 0)) {
		pl_buf_release(&b);
		return -1;
	}
	key = pl_order_strn(o, b.s, b.len);
	pl_buf_release(&b);
	snprintf(tmp, sizeof(tmp), "%08lx%08lx", crc & 0xffffffffUL,
	    crc32(0, (const Bytef *)source, (uInt)strlen(source)) &
	    0xffffffffUL);
	docid = pl_order_strn(o, tmp, 16);
	o->f[PL_order_kind] = "order";
	o->f[PL_order_key] = key;
	o->f[PL_order_docid] = docid;
	o->f[PL_order_source] = pl_order_strn(o, source, strlen(source));
	o->f[PL_order_lines] = num(o, o->nline);
	snprintf(tmp, sizeof(tmp), "%08lx", crc & 0xffffffffUL);
	o->f[PL_order_checksum] = pl_order_strn(o, tmp, 8);
	o->f[PL_order_length] = num(o, length);
	for (i = 0; i < o->nline; i++) {
		o->line[i].f[PL_line_kind] = "line";
		o->line[i].f[PL_line_key] = key;
		o->line[i].f[PL_line_docid] = docid;
	}
	for (i = 0; i < o->nitem; i++) {
		o->item[i].f[PL_prop_key] = key;
		o->item[i].f[PL_prop_docid] = docid;
	}
	return o->oom ? -1 : 0;
}

/* Whether an item of kind is written: any, or one of the nkinds kinds. */
static int
wanted(const char *kind, const char *const *kinds, int nkinds)
{
	int k;

	for (k = 0; kinds && k < nkinds; k++)
		if (strcmp(kind, kinds[k]) == 0)
			return 1;
	return kinds == NULL;
}

int
pl_order_format_kinds(const struct pl_order *o, const char *const *kinds,
    int nkinds, struct pl_buf *out)
{
	size_t i, j;
	int k;

	if (pl_rec_format(out, o->f, PL_order__N) < 0)
		return -1;
	/* the order's own items: as they came, or kind by kind */
	for (k = 0; k < (kinds ? nkinds : 1); k++)
		for (i = 0; i < o->nitem; i++)
			if (o->item[i].f[PL_prop_pos] == NULL &&
			    (kinds == NULL ||
			    strcmp(o->item[i].f[0], kinds[k]) == 0) &&
			    pl_rec_format(out, o->item[i].f, o->item[i].nf) < 0)
				return -1;
	for (i = 0; i < o->nline; i++) {
		const struct pl_order_line *l = &o->line[i];

		if (pl_rec_format(out, l->f, PL_line__N) < 0)
			return -1;
		for (j = l->first; j < l->end; j++)
			if (o->item[j].f[PL_prop_pos] != NULL &&
			    wanted(o->item[j].f[0], kinds, nkinds) &&
			    pl_rec_format(out, o->item[j].f, o->item[j].nf) < 0)
				return -1;
	}
	return 0;
}

int
pl_order_format(const struct pl_order *o, struct pl_buf *out)
{
	return pl_order_format_kinds(o, NULL, 0, out);
}
