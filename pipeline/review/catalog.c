#include "catalog.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "codes.h"
#include "hash.h"
#include "input.h"
#include "part.h"
#include "refxml.h"

#include <libxml/xmlreader.h>
#include "value.h"

#define ATTR pl_refxml_attr
#define CHILD pl_refxml_child
#define NEXT pl_refxml_next
#define EACH(c, n, name) \
	for (xmlNodePtr c = CHILD(n, name); c; c = NEXT(c, name))

/* A key of an identity constraint of catalog.xsd, while it is checked. */
struct key {
	const char *a, *b;	/* its one or two fields (b may be NULL) */
	xmlNodePtr n;		/* the element */
	int i;			/* in document order */
};

struct load {
	struct pl_catalog *c;
	struct pl_refxml r;
	const char *file;
	struct pl_err *e;
	int oom;
	struct key *keys;	/* the last constraint checked, sorted */
	int nkeys, keycap;
	char **families;	/* family codes, sorted */
	int nfamilies;
	struct pl_buf fold;	/* folded() */
	struct shared *shared;	/* kept(): strings and arrays, by hash */
	size_t nshared, capshared;
	struct pl_codes currencies;	/* ISO 4217 */
};

/* A string or an array kept once however often it comes (kept()). */
struct shared {
	uint32_t hash;
	int n;			/* elements */
	size_t size;		/* of an element */
	void *p;		/* NULL: a free slot */
};

/* A block of the catalog's strings: 10,000 products hold 300,000 short
 * strings, which malloc() would give 16 bytes of overhead each. */
struct strings {
	struct strings *next;
	size_t used, size;
	char s[];
};

/* n bytes aligned for any struct, kept until pl_catalog_free(). */
static void *
room(struct load *l, size_t n)
{
	struct strings *b = l->c->strings;
	size_t at;

	at = b ? (b->used + 7) & ~(size_t)7 : 0;
	if (b == NULL || b->size < at || b->size - at < n) {
		size_t size = n > 16384 ? n : 65536 - sizeof(*b);

		if ((b = malloc(sizeof(*b) + size)) == NULL) {
			l->oom = 1;
			return NULL;
		}
		b->used = at = 0;
		b->size = size;
		/* a large one gets a block of its own, behind the one being
		 * filled */
		if (n > 16384 && l->c->strings) {
			b->next = l->c->strings->next;
			l->c->strings->next = b;
		} else {
			b->next = l->c->strings;
			l->c->strings = b;
		}
	}
	b->used = at + n;
	return b->s + at;
}

/* A copy of the n bytes at s, with a NUL, kept until pl_catalog_free(). */
static char *
keep(struct load *l, const char *s, size_t n)
{
	struct strings *b = l->c->strings;
	char *d;

	/* strings need no alignment: fill the block to its end */
	if (b && b->size - b->used >= n + 1) {
		d = b->s + b->used;
		b->used += n + 1;
	} else if ((d = room(l, n + 1)) == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *
dup(struct load *l, const char *s)
{
	return keep(l, s ? s : "", s ? strlen(s) : 0);
}

/* The hash of n elements of size, each by its first cmp bytes. */
static uint32_t
hash_elems(const void *p, int n, size_t size, size_t cmp)
{
	uint32_t h = PL_HASH_BASIS;
	int i;

	if (cmp == size)
		return pl_hash_bytes(h, p, (size_t)n * size);
	for (i = 0; i < n; i++)
		h = pl_hash_bytes(h, (const char *)p + (size_t)i * size, cmp);
	return h;
}

static int
same_elems(const void *a, const void *b, int n, size_t size, size_t cmp)
{
	int i;

	if (cmp == size)
		return memcmp(a, b, (size_t)n * size) == 0;
	for (i = 0; i < n; i++)
		if (memcmp((const char *)a + (size_t)i * size,
		    (const char *)b + (size_t)i * size, cmp) != 0)
			return 0;
	return 1;
}

/*
 * The one kept copy of the n elements of size at p: one kept before whose
 * elements have the same first cmp bytes (*fresh = 0), else a new copy
 * (*fresh = 1).  Most products of a family have the same specs, units,
 * bill of materials and certifications, and many the same prices: 10,000
 * generated products have 34 spec lists and 1,263 price lists; the names
 * in them repeat too.  Elements are compared by their bytes, so they must
 * be zeroed before they are filled (grow() does) and hold strings from
 * text().  The table lives while the catalog is read.  NULL when n is 0
 * or memory ran out.
 */
static void *
kept(struct load *l, const void *p, int n, size_t size, size_t cmp,
    int *fresh)
{
	struct shared *e;
	uint32_t h;
	size_t i, mask;
	void *q;

	*fresh = 0;
	if (n == 0 || l->oom)
		return NULL;
	h = hash_elems(p, n, size, cmp);
	if (l->nshared * 4 >= l->capshared * 3) {
		size_t cap = l->capshared ? 2 * l->capshared : 256, j;
		struct shared *v = calloc(cap, sizeof(*v));

		if (v == NULL) {
			l->oom = 1;
			return NULL;
		}
		for (j = 0; j < l->capshared; j++) {
			if (l->shared[j].p == NULL)
				continue;
			for (i = l->shared[j].hash & (cap - 1); v[i].p;
			    i = (i + 1) & (cap - 1))
				;
			v[i] = l->shared[j];
		}
		free(l->shared);
		l->shared = v;
		l->capshared = cap;
	}
	mask = l->capshared - 1;
	for (i = h & mask; (e = &l->shared[i])->p != NULL; i = (i + 1) & mask)
		if (e->hash == h && e->n == n && e->size == size &&
		    same_elems(e->p, p, n, size, cmp))
			return e->p;
	if ((q = room(l, (size_t)n * size)) != NULL) {
		memcpy(q, p, (size_t)n * size);
		e->hash = h;
		e->n = n;
		e->size = size;
		e->p = q;
		l->nshared++;
		*fresh = 1;
	}
	return q;
}

/* kept() of an array that grow() made at p, which is freed. */
static void *
share(struct load *l, void *p, int n, size_t size, size_t cmp, int *fresh)
{
	void *q = kept(l, p, n, size, cmp, fresh);

	free(p);
	return q;
}

/* s (NULL: "") kept once however often it comes: the names of families,
 * specs, values and certifications repeat in every product of a family. */
static char *
text(struct load *l, const char *s)
{
	int fresh;

	if (s == NULL)
		s = "";
	return kept(l, s, (int)strlen(s) + 1, 1, 1, &fresh);
}

/* text() of s folded (value.h). */
static char *
folded(struct load *l, const char *s)
{
	pl_buf_reset(&l->fold);
	if (pl_fold(s, &l->fold) < 0) {
		l->oom = 1;
		return NULL;
	}
	return text(l, l->fold.s ? l->fold.s : "");
}

static int
cmp_key(const void *x, const void *y)
{
	const struct key *p = x, *q = y;
	int c = strcmp(p->a, q->a);

	if (c == 0 && (p->b || q->b))
		c = strcmp(p->b ? p->b : "", q->b ? q->b : "");
	return c ? c : (p->i > q->i) - (p->i < q->i);
}

/*
 * Check an xs:unique or xs:key of catalog.xsd: the child elements named
 * child of parent have distinct values of attribute fa (and fb, when not
 * NULL); an element without fa is not counted.  what names the key in the
 * message ("unit"), and format says what was seen twice.  The sorted keys
 * stay in l->keys for listed().  0, or -1 with l->e filled at the second
 * element.
 */
static int
unique(struct load *l, xmlNodePtr parent, const char *child, const char *fa,
    const char *fb, const char *what)
{
	int i;

	l->nkeys = 0;
	for (xmlNodePtr c = CHILD(parent, child); c; c = NEXT(c, child)) {
		struct key *k;

		if (ATTR(c, fa) == NULL)
			continue;
		if (l->nkeys == l->keycap) {
			int cap = l->keycap ? 2 * l->keycap : 16;

			if ((k = realloc(l->keys, (size_t)cap * sizeof(*k))) ==
			    NULL) {
				l->oom = 1;
				return 0;
			}
			l->keys = k;
			l->keycap = cap;
		}
		k = &l->keys[l->nkeys];
		k->a = ATTR(c, fa);
		k->b = fb ? ATTR(c, fb) : NULL;
		k->n = c;
		k->i = l->nkeys++;
	}
	if (l->nkeys > 1)
		qsort(l->keys, (size_t)l->nkeys, sizeof(*l->keys), cmp_key);
	for (i = 1; i < l->nkeys; i++) {
		const struct key *p = &l->keys[i - 1], *q = &l->keys[i];

		if (strcmp(p->a, q->a) != 0 || (fb && strcmp(p->b ? p->b : "",
		    q->b ? q->b : "") != 0))
			continue;
		if (fb)
			return pl_refxml_fail(&l->r, l->e, l->file, q->n, "%s "
			    "'%s' per '%s' is given twice (also on line %ld)", what,
			    q->a, q->b ? q->b : "", xmlGetLineNo(p->n));
		return pl_refxml_fail(&l->r, l->e, l->file, q->n, "%s '%s' is "
		    "given twice (also on line %ld)", what, q->a,
		    xmlGetLineNo(p->n));
	}
	return 0;
}

/* Whether value is among the keys unique() checked last (one field). */
static int
listed(const struct load *l, const char *value)
{
	struct key k = { value, NULL, NULL, -1 };
	int lo = 0, hi = l->nkeys;

	/* the first key not below (value, -1): value itself if listed */
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (cmp_key(&l->keys[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nkeys && strcmp(l->keys[lo].a, value) == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Room for element n (zeroed) in an array of n elements: the array's
 * capacity doubles at each power of two, so the caller keeps only n.
 */
static void *
grow(struct load *l, void *p, int n, size_t size)
{
	void *q = p;

	if ((n & (n - 1)) == 0 &&
	    (q = realloc(p, (size_t)(n ? 2 * n : 1) * size)) == NULL) {
		l->oom = 1;
		return p;
	}
	memset((char *)q + (size_t)n * size, 0, size);
	return q;
}

/* An array that grow() made, cut to its n elements. */
static void *
fit(void *p, int n, size_t size)
{
	void *q = n > 0 ? realloc(p, (size_t)n * size) : p;

	return q ? q : p;
}

static double
num(const char *s)
{
	return s ? strtod(s, NULL) : 0;
}

/* Spec n into s, its pattern not compiled yet (compile()). */
static void
spec(struct load *l, struct pl_spec *s, xmlNodePtr n)
{
	xmlNodePtr t;
	int fresh;

	s->id = text(l, ATTR(n, "id"));
	EACH(c, n, "name") {
		s->names = grow(l, s->names, s->nnames, sizeof(char *));
		if (!l->oom)
			s->names[s->nnames++] = folded(l, pl_refxml_text(c));
	}
	if ((t = CHILD(n, "range")) != NULL) {
		s->test = PL_SPEC_RANGE;
		s->has_min = ATTR(t, "min") != NULL;
		s->has_max = ATTR(t, "max") != NULL;
		s->min = num(ATTR(t, "min"));
		s->max = num(ATTR(t, "max"));
		snprintf(s->unit, sizeof(s->unit), "%s",
		    ATTR(t, "unit") ? ATTR(t, "unit") : "");
	} else if ((t = CHILD(n, "values")) != NULL) {
		s->test = PL_SPEC_VALUES;
		EACH(v, t, "value") {
			s->values = grow(l, s->values, s->nvalues,
			    sizeof(char *));
			if (!l->oom)
				s->values[s->nvalues++] = folded(l,
				    pl_refxml_text(v));
		}
	} else if ((t = CHILD(n, "pattern")) != NULL) {
		s->test = PL_SPEC_PATTERN;
		s->pattern = text(l, pl_refxml_text(t));
	}
	s->names = share(l, s->names, s->nnames, sizeof(char *),
	    sizeof(char *), &fresh);
	s->values = share(l, s->values, s->nvalues, sizeof(char *),
	    sizeof(char *), &fresh);
}

/* Compile the pattern of spec s (element n), kept for
 * pl_catalog_free(). */
static int
compile(struct load *l, struct pl_spec *s, xmlNodePtr n)
{
	struct pl_catalog *c = l->c;
	char msg[256];
	size_t off;

	if (s->test != PL_SPEC_PATTERN || s->pattern == NULL)
		return 0;
	if (c->ncodes == c->capcodes) {
		int cap = c->capcodes ? 2 * c->capcodes : 16;
		pcre2_code **v = realloc(c->codes, (size_t)cap * sizeof(*v));

		if (v == NULL) {
			l->oom = 1;
			return 0;
		}
		c->codes = v;
		c->capcodes = cap;
	}
	if ((s->re = pl_pattern_compile(s->pattern, 0, &off, msg,
	    sizeof(msg))) == NULL)
		return pl_refxml_fail(&l->r, l->e, l->file, CHILD(n, "pattern"),
		    "spec '%s': bad pattern at offset %zu: %s", s->id, off, msg);
	c->codes[c->ncodes++] = s->re;
	return 0;
}

static int
cmp_material(const void *a, const void *b)
{
	return strcmp(((const struct pl_material *)a)->code,
	    ((const struct pl_material *)b)->code);
}

/* The material with this code (the materials are sorted), or NULL. */
static const struct pl_material *
material(const struct pl_catalog *c, const char *code)
{
	struct pl_material key;

	if (code == NULL || c->nmaterials == 0)
		return NULL;
	key.code = (char *)code;
	return bsearch(&key, c->materials, (size_t)c->nmaterials,
	    sizeof(key), cmp_material);
}

/*
 * The identity constraints of one product (catalog.xsd, on
 * products/product): its family is known, each unit, spec, bill-of-
 * materials item and certification once, the base unit and each price's
 * unit among its units, one price per currency and unit.
 */
static int
product_keys(struct load *l, xmlNodePtr n)
{
	const char *family = ATTR(n, "family"), *u;
	xmlNodePtr units = CHILD(n, "units");

	if (family && bsearch(&family, l->families, (size_t)l->nfamilies,
	    sizeof(char *), cmp_str) == NULL)
		return pl_refxml_fail(&l->r, l->e, l->file, n, "family '%s' is "
		    "not one of the families", family);
	if (unique(l, CHILD(n, "specs"), "spec", "id", NULL, "spec") < 0 ||
	    unique(l, CHILD(n, "bom"), "item", "material", NULL,
	    "bill-of-materials material") < 0 ||
	    unique(l, CHILD(n, "certifications"), "cert", "name", NULL,
	    "certification") < 0 ||
	    unique(l, CHILD(n, "prices"), "price", "currency", "unit",
	    "list price in") < 0 ||
	    unique(l, units, "unit", "code", NULL, "unit") < 0)
		return -1;
	/* l->keys now holds the units */
	if ((u = ATTR(units, "base")) != NULL && !listed(l, u))
		return pl_refxml_fail(&l->r, l->e, l->file, units, "the base "
		    "unit '%s' is not one of the product's units", u);
	EACH(pr, CHILD(n, "prices"), "price") {
		if ((u = ATTR(pr, "unit")) != NULL && !listed(l, u))
			return pl_refxml_fail(&l->r, l->e, l->file, pr, "the "
			    "price's unit '%s' is not one of the product's "
			    "units", u);
		/* the schema checks three capitals, not the code list */
		if ((u = ATTR(pr, "currency")) != NULL &&
		    !pl_codes_find(&l->currencies, u))
			return pl_refxml_fail(&l->r, l->e, l->file, pr, "the "
			    "price's currency '%s' is not an ISO 4217 code", u);
	}
	/* nor that a range's min is not above its max */
	EACH(sp, CHILD(n, "specs"), "spec") {
		xmlNodePtr r = CHILD(sp, "range");
		const char *lo = ATTR(r, "min"), *hi = ATTR(r, "max");

		if (lo && hi && num(lo) > num(hi))
			return pl_refxml_fail(&l->r, l->e, l->file, r, "spec "
			    "'%s': the range's min %s is above its max %s",
			    ATTR(sp, "id"), lo, hi);
	}
	return 0;
}

static int
product(struct load *l, struct pl_product *p, xmlNodePtr n)
{
	struct pl_catalog *c = l->c;
	xmlNodePtr t;
	const char *k;
	int fresh, bad = 0;

	if (product_keys(l, n) < 0)
		return -1;
	p->line = (int)xmlGetLineNo(n);
	p->sku = dup(l, ATTR(n, "sku"));
	p->family = text(l, ATTR(n, "family"));
	p->custom = (k = ATTR(n, "kind")) && strcmp(k, "custom") == 0;
	p->phase_out = (k = ATTR(n, "status")) && strcmp(k, "phase-out") == 0;
	p->name_en = dup(l, pl_refxml_name(n, "en"));
	p->name_zh = dup(l, pl_refxml_name(n, "zh"));
	t = CHILD(n, "units");
	snprintf(p->base, sizeof(p->base), "%s", ATTR(t, "base") ?
	    ATTR(t, "base") : "C62");
	EACH(u, t, "unit") {
		p->units = grow(l, p->units, p->nunits, sizeof(*p->units));
		if (l->oom)
			break;
		snprintf(p->units[p->nunits].code, sizeof(p->units->code),
		    "%s", ATTR(u, "code") ? ATTR(u, "code") : "");
		p->units[p->nunits++].factor = num(ATTR(u, "factor"));
	}
	EACH(pr, CHILD(n, "prices"), "price") {
		struct pl_price *q;

		p->prices = grow(l, p->prices, p->nprices, sizeof(*p->prices));
		if (l->oom)
			break;
		q = &p->prices[p->nprices++];
		snprintf(q->currency, sizeof(q->currency), "%s",
		    ATTR(pr, "currency") ? ATTR(pr, "currency") : "");
		snprintf(q->unit, sizeof(q->unit), "%s", ATTR(pr, "unit") ?
		    ATTR(pr, "unit") : p->base);
		q->amount = num(ATTR(pr, "amount"));
		q->max = num(ATTR(pr, "max"));
	}
	EACH(s, CHILD(n, "specs"), "spec") {
		p->specs = grow(l, p->specs, p->nspecs, sizeof(*p->specs));
		if (l->oom)
			break;
		spec(l, &p->specs[p->nspecs++], s);
	}
	t = CHILD(n, "order");
	p->min_qty = num(ATTR(t, "min"));
	p->multiple = num(ATTR(t, "multiple"));
	p->per_week = num(ATTR(CHILD(n, "capacity"), "per-week"));
	p->lead_days = (int)num(ATTR(CHILD(n, "lead-time"), "days"));
	EACH(b, CHILD(n, "bom"), "item") {
		const struct pl_material *m = material(c, ATTR(b, "material"));

		if (m == NULL) {
			/* on, to give the arrays made so far to share() */
			bad = pl_refxml_fail(&l->r, l->e, l->file, b, "unknown "
			    "material '%s'", ATTR(b, "material"));
			break;
		}
		p->bom = grow(l, p->bom, p->nbom, sizeof(*p->bom));
		if (l->oom)
			break;
		p->bom[p->nbom].material = m;
		p->bom[p->nbom++].qty = num(ATTR(b, "qty"));
	}
	EACH(ce, CHILD(n, "certifications"), "cert") {
		p->certs = grow(l, p->certs, p->ncerts, sizeof(char *));
		if (!l->oom)
			p->certs[p->ncerts++] = text(l, ATTR(ce, "name"));
	}
	p->units = share(l, p->units, p->nunits, sizeof(*p->units),
	    sizeof(*p->units), &fresh);
	p->prices = share(l, p->prices, p->nprices, sizeof(*p->prices),
	    sizeof(*p->prices), &fresh);
	p->bom = share(l, p->bom, p->nbom, sizeof(*p->bom), sizeof(*p->bom),
	    &fresh);
	p->certs = share(l, p->certs, p->ncerts, sizeof(char *),
	    sizeof(char *), &fresh);
	/* specs by all but their compiled pattern, which a new list gets */
	p->specs = share(l, p->specs, p->nspecs, sizeof(*p->specs),
	    offsetof(struct pl_spec, re), &fresh);
	if (bad)
		return -1;
	if (fresh) {
		struct pl_spec *x = p->specs;

		EACH(s, CHILD(n, "specs"), "spec")
			if (compile(l, x++, s) < 0)
				return -1;
	}
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
calendar(struct load *l, xmlNodePtr cal)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
		"Sat", "Sun" };
	struct pl_calendar *k = &l->c->calendar;
	const char *w = ATTR(CHILD(cal, "work-week"), "production");
	int from, to, d, i;

	for (i = 0; i < 7; i++)
		if (w && strstr(w, days[i]))
			k->workdays |= 1u << (i + 1);
	EACH(h, cal, "holiday") {
		/* a holiday without "to" is the one day "from" */
		if (pl_date_parse(ATTR(h, "from"), &from) < 0 ||
		    pl_date_parse(ATTR(h, "to") ? ATTR(h, "to") : ATTR(h, "from"),
		    &to) < 0 || to < from ||
		    to - from > 366)
			return pl_refxml_fail(&l->r, l->e, l->file, h, "holiday "
			    "'%s' to '%s' is not a date range", ATTR(h, "from"),
			    ATTR(h, "to"));
		for (d = from; d <= to; d++) {
			k->holidays = grow(l, k->holidays, k->nholidays,
			    sizeof(int));
			if (!l->oom)
				k->holidays[k->nholidays++] = d;
		}
	}
	EACH(h, cal, "workday") {
		if (pl_date_parse(ATTR(h, "date"), &d) < 0)
			return pl_refxml_fail(&l->r, l->e, l->file, h, "workday "
			    "'%s' is not a date", ATTR(h, "date"));
		k->extra = grow(l, k->extra, k->nextra, sizeof(int));
		if (!l->oom)
			k->extra[k->nextra++] = d;
	}
	if (k->holidays)
		qsort(k->holidays, (size_t)k->nholidays, sizeof(int), cmp_int);
	if (k->extra)
		qsort(k->extra, (size_t)k->nextra, sizeof(int), cmp_int);
	return 0;
}

/* SKUs in file order when equal: the second is the one to report. */
static int
cmp_product_line(const void *a, const void *b)
{
	const struct pl_product *p = a, *q = b;
	int c = strcmp(p->sku, q->sku);

	return c ? c : (p->line > q->line) - (p->line < q->line);
}

/* One top-level part of the catalog (not the products). */
static int
part(struct load *l, xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "families") == 0) {
		if (unique(l, n, "family", "code", NULL, "family") < 0)
			return -1;
		EACH(f, n, "family") {
			l->families = grow(l, l->families, l->nfamilies,
			    sizeof(char *));
			if (l->oom)
				break;
			l->families[l->nfamilies++] = dup(l, ATTR(f, "code"));
		}
		if (!l->oom && l->nfamilies > 1)
			qsort(l->families, (size_t)l->nfamilies,
			    sizeof(char *), cmp_str);
	} else if (strcmp(name, "materials") == 0) {
		if (unique(l, n, "material", "code", NULL, "material") < 0)
			return -1;
		EACH(m, n, "material") {
			struct pl_material *x;

			l->c->materials = grow(l, l->c->materials,
			    l->c->nmaterials, sizeof(*x));
			if (l->oom)
				break;
			x = &l->c->materials[l->c->nmaterials++];
			x->code = dup(l, ATTR(m, "code"));
			x->name_en = dup(l, pl_refxml_name(m, "en"));
			x->name_zh = dup(l, pl_refxml_name(m, "zh"));
			x->purchase_days = (int)num(ATTR(m, "purchase-days"));
			x->stock_order = ATTR(m, "stock") &&
			    strcmp(ATTR(m, "stock"), "order") == 0;
			x->outsourced = ATTR(m, "outsourced") &&
			    strcmp(ATTR(m, "outsourced"), "true") == 0;
		}
		if (!l->oom && l->c->nmaterials > 1)
			qsort(l->c->materials, (size_t)l->c->nmaterials,
			    sizeof(*l->c->materials), cmp_material);
	} else if (strcmp(name, "calendar") == 0) {
		return calendar(l, n);
	} else if (strcmp(name, "transit") == 0) {
		if (unique(l, n, "route", "country", NULL, "transit route to") <
		    0)
			return -1;
		l->c->transit_default = (int)num(ATTR(n, "default-days"));
		EACH(r, n, "route") {
			l->c->routes = grow(l, l->c->routes, l->c->nroutes,
			    sizeof(*l->c->routes));
			if (l->oom)
				break;
			snprintf(l->c->routes[l->c->nroutes].country,
			    sizeof(l->c->routes->country), "%s",
			    ATTR(r, "country") ? ATTR(r, "country") : "");
			l->c->routes[l->c->nroutes++].days =
			    (int)num(ATTR(r, "days"));
		}
	} else if (strcmp(name, "unit-equivalents") == 0) {
		if (unique(l, n, "same", "code", NULL, "unit equivalent for") <
		    0)
			return -1;
		EACH(x, n, "same") {
			l->c->same = grow(l, l->c->same, l->c->nsame,
			    sizeof(*l->c->same));
			if (l->oom)
				break;
			snprintf(l->c->same[l->c->nsame].code, 8, "%s",
			    ATTR(x, "code") ? ATTR(x, "code") : "");
			snprintf(l->c->same[l->c->nsame++].as, 8, "%s",
			    ATTR(x, "as") ? ATTR(x, "as") : "");
		}
	}
	return 0;
}

/*
 * The SKU index: every order line looks its product up, and a binary
 * search of 10,000 SKUs that share their first characters took one
 * twentieth of po-check's time in string comparisons.
 */
static int
index_products(struct pl_catalog *c)
{
	size_t n = 16, i;
	int k;

	while (n < 2 * (size_t)c->nproducts)
		n *= 2;
	if ((c->index = calloc(n, sizeof(int))) == NULL)
		return -1;
	c->nindex = n;
	for (k = 0; k < c->nproducts; k++) {
		for (i = pl_hash_str(c->products[k].sku) & (n - 1); c->index[i];
		    i = (i + 1) & (n - 1))
			;
		c->index[i] = k + 1;
	}
	return 0;
}

/* A load of the catalog at path, nothing read yet. */
#define LOAD(path, e) { NULL, { "product", "sku", 0, 0 }, \
	pl_input_display(path), e, 0, NULL, 0, 0, NULL, 0, { NULL, 0, 0 }, \
	NULL, 0, 0, { NULL, NULL, 0 } }

/* The products read from the file of l->r: sorted by SKU, each SKU once
 * (xs:key productKey), indexed, with the file's CRC-32 and length.  0,
 * or -1 with l->e filled. */
static int
products_done(struct load *l)
{
	struct pl_catalog *c = l->c;
	int i;

	c->crc = l->r.crc;
	c->length = l->r.length;
	c->products = fit(c->products, c->nproducts, sizeof(*c->products));
	qsort(c->products, (size_t)c->nproducts, sizeof(*c->products),
	    cmp_product_line);
	for (i = 1; i < c->nproducts; i++)
		if (strcmp(c->products[i - 1].sku, c->products[i].sku) == 0)
			return pl_err_set(l->e, PL_EXIT_CONFIG, l->file,
			    c->products[i].line, "product '%s': the SKU is "
			    "given twice (also on line %d)", c->products[i].sku,
			    c->products[i - 1].line);
	if (index_products(c) < 0)
		return pl_err_set(l->e, PL_EXIT_INTERNAL, NULL, 0,
		    "out of memory");
	return 0;
}

/* An element of the catalog as the validating reader meets it: a part
 * (depth 1) or a product (depth 2), expanded, read and dropped. */
static int
each(void *ctx, xmlTextReaderPtr rd, int depth, const char *name,
    struct pl_err *e)
{
	struct load *l = ctx;
	xmlNodePtr n;
	int bad;

	if (depth == 1 && strcmp(name, "products") == 0)
		return 0;
	if (depth == 2 && strcmp(name, "product") != 0)
		return 1;	/* (the schema allows none) */
	if ((n = xmlTextReaderExpand(rd)) == NULL)
		return 0;	/* a parse error: the reader says it */
	l->e = e;
	if (depth == 1)
		bad = part(l, n) < 0;
	else {
		l->c->products = grow(l, l->c->products, l->c->nproducts,
		    sizeof(*l->c->products));
		bad = !l->oom && product(l,
		    &l->c->products[l->c->nproducts++], n) < 0;
	}
	if (l->oom && !bad)
		pl_err_set(e, PL_EXIT_INTERNAL, l->file, 0, "out of memory");
	return bad || l->oom ? -1 : 1;
}

/*
 * The catalog is validated as a stream and read in the same pass, a part
 * at a time: each product is expanded, read and dropped, so memory holds
 * the catalog's structs, never a tree or a copy of the file.
 */
struct pl_catalog *
pl_catalog_load(const char *path, struct pl_err *e)
{
	struct load l = LOAD(path, e);

	if (pl_codes_load(&l.currencies, "currencies.tsv") < 0 ||
	    (l.c = calloc(1, sizeof(*l.c))) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		goto fail;
	}
	if (pl_refxml_stream(&l.r, path, "catalog.xsd", each, &l, e) < 0)
		goto fail;
	l.e = e;
	if (products_done(&l) < 0)
		goto fail;
	goto out;
fail:
	pl_catalog_free(l.c);
	l.c = NULL;
out:
	free(l.families);
	pl_buf_release(&l.fold);
	free(l.keys);
	free(l.shared);
	pl_codes_release(&l.currencies);
	return l.c;
}

/* A mapcap record of the part (part.h): a product and its capacity. */
static int
light_cap(void *ctx, const char *sku, double capacity, long line,
    struct pl_err *e)
{
	struct load *l = ctx;
	struct pl_product *p;

	l->c->products = grow(l, l->c->products, l->c->nproducts,
	    sizeof(*l->c->products));
	if (l->oom)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	p = &l->c->products[l->c->nproducts++];
	memset(p, 0, sizeof(*p));
	p->line = (int)line;
	p->sku = dup(l, sku);
	p->per_week = capacity;
	return l->oom ? pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of "
	    "memory") : 0;
}

struct pl_catalog *
pl_catalog_light(const char *path, const char *part, struct pl_err *e)
{
	struct load l = LOAD(path, e);
	struct pl_part_info h;
	struct pl_input in;
	char chunk[65536], crc[9];

	if ((l.c = calloc(1, sizeof(*l.c))) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	if (pl_part_caps(part, &h, light_cap, &l, e) < 0)
		goto fail;
	if (l.c->nproducts == 0) {
		pl_err_set(e, PL_EXIT_DATA, pl_input_display(part), 0, "no "
		    "mapcap records");
		goto fail;
	}
	/* the catalog's bytes only, as its loader counts them */
	if (pl_input_open(&in, path, PL_REFXML_MAX, e) < 0)
		goto fail;
	while (pl_input_read(&in, chunk, sizeof(chunk)) > 0)
		;
	pl_input_close(&in);
	snprintf(crc, sizeof(crc), "%08lx", in.crc & 0xffffffffUL);
	if (in.over || in.failed || strcmp(crc, h.cat_crc) != 0 ||
	    in.count != h.cat_len) {
		pl_err_set(e, PL_EXIT_CONFIG, l.file, 0, "not the catalog the "
		    "parts were made with");
		goto fail;
	}
	l.r.crc = in.crc;
	l.r.length = in.count;
	if (products_done(&l) < 0)
		goto fail;
	return l.c;
fail:
	pl_catalog_free(l.c);
	return NULL;
}

int
pl_catalog_same_products(const struct pl_catalog *a,
    const struct pl_catalog *b)
{
	int i;

	if (a->nproducts != b->nproducts)
		return 0;
	for (i = 0; i < a->nproducts; i++)
		if (strcmp(a->products[i].sku, b->products[i].sku) != 0 ||
		    a->products[i].per_week != b->products[i].per_week)
			return 0;
	return 1;
}

void
pl_catalog_free(struct pl_catalog *c)
{
	struct strings *b, *next;
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncodes; i++)
		pcre2_code_free(c->codes[i]);
	free(c->codes);
	free(c->products);
	free(c->index);
	free(c->materials);
	free(c->calendar.holidays);
	free(c->calendar.extra);
	free(c->routes);
	free(c->same);
	for (b = c->strings; b; b = next) {
		next = b->next;
		free(b);
	}
	free(c);
}

const struct pl_product *
pl_catalog_product(const struct pl_catalog *c, const char *sku)
{
	size_t i, mask = c->nindex - 1;

	if (sku == NULL || c->index == NULL)
		return NULL;
	for (i = pl_hash_str(sku) & mask; c->index[i]; i = (i + 1) & mask)
		if (strcmp(c->products[c->index[i] - 1].sku, sku) == 0)
			return &c->products[c->index[i] - 1];
	return NULL;
}

const char *
pl_catalog_unit(const struct pl_catalog *c, const char *code)
{
	int i;

	for (i = 0; code && i < c->nsame; i++)
		if (strcmp(c->same[i].code, code) == 0)
			return c->same[i].as;
	return code;
}

double
pl_product_factor(const struct pl_catalog *c, const struct pl_product *p,
    const char *code)
{
	int i;

	code = code && *code ? pl_catalog_unit(c, code) : p->base;
	for (i = 0; i < p->nunits; i++)
		if (strcmp(p->units[i].code, code) == 0)
			return p->units[i].factor;
	return strcmp(code, p->base) == 0 ? 1 : 0;
}

const struct pl_price *
pl_product_price(const struct pl_product *p, const char *currency)
{
	int i;

	for (i = 0; currency && i < p->nprices; i++)
		if (strcmp(p->prices[i].currency, currency) == 0)
			return &p->prices[i];
	return NULL;
}

int
pl_product_has_cert(const struct pl_product *p, const char *name)
{
	int i;

	for (i = 0; i < p->ncerts; i++)
		if (strcasecmp(p->certs[i], name) == 0)
			return 1;
	return 0;
}

int
pl_catalog_transit(const struct pl_catalog *c, const char *country)
{
	int i;

	for (i = 0; country && i < c->nroutes; i++)
		if (strcmp(c->routes[i].country, country) == 0)
			return c->routes[i].days;
	return c->transit_default;
}
