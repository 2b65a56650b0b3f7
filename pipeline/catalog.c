#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "input.h"
#include "refxml.h"

#include <libxml/xmlreader.h>
#include "value.h"

#define ATTR pl_refxml_attr
#define CHILD pl_refxml_child
#define NEXT pl_refxml_next
#define EACH(c, n, name) \
	for (xmlNodePtr c = CHILD(n, name); c; c = NEXT(c, name))

struct load {
	struct pl_catalog *c;
	struct pl_refxml r;
	const char *file;
	struct pl_err *e;
	int oom;
};

static char *
dup(struct load *l, const char *s)
{
	char *d = strdup(s ? s : "");

	if (d == NULL)
		l->oom = 1;
	return d;
}

static char *
folded(struct load *l, const char *s)
{
	struct pl_buf b;

	pl_buf_init(&b);
	if (pl_fold(s, &b) < 0) {
		pl_buf_release(&b);
		l->oom = 1;
		return NULL;
	}
	return pl_buf_detach(&b);
}

static void *
grow(struct load *l, void *p, int n, size_t size)
{
	/* arrays grow by one; catalogs are read once and are small */
	void *q = realloc(p, (size_t)(n + 1) * size);

	if (q == NULL) {
		l->oom = 1;
		return p;
	}
	memset((char *)q + (size_t)n * size, 0, size);
	return q;
}

static double
num(const char *s)
{
	return s ? strtod(s, NULL) : 0;
}

static int
spec(struct load *l, struct pl_spec *s, xmlNodePtr n)
{
	xmlNodePtr t;
	char msg[256];
	size_t off;

	s->id = dup(l, ATTR(n, "id"));
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
		s->pattern = dup(l, pl_refxml_text(t));
		if (s->pattern && (s->re = pl_pattern_compile(s->pattern, &off,
		    msg, sizeof(msg))) == NULL)
			return pl_refxml_fail(&l->r, l->e, l->file, t, "spec "
			    "'%s': bad pattern at offset %zu: %s", s->id, off,
			    msg);
	}
	return 0;
}

static const struct pl_material *
material(const struct pl_catalog *c, const char *code)
{
	int i;

	for (i = 0; code && i < c->nmaterials; i++)
		if (strcmp(c->materials[i].code, code) == 0)
			return &c->materials[i];
	return NULL;
}

static int
product(struct load *l, struct pl_product *p, xmlNodePtr n)
{
	struct pl_catalog *c = l->c;
	xmlNodePtr t;
	const char *k;

	p->sku = dup(l, ATTR(n, "sku"));
	p->family = dup(l, ATTR(n, "family"));
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
		if (spec(l, &p->specs[p->nspecs++], s) < 0)
			return -1;
	}
	t = CHILD(n, "order");
	p->min_qty = num(ATTR(t, "min"));
	p->multiple = num(ATTR(t, "multiple"));
	p->per_week = num(ATTR(CHILD(n, "capacity"), "per-week"));
	p->lead_days = (int)num(ATTR(CHILD(n, "lead-time"), "days"));
	EACH(b, CHILD(n, "bom"), "item") {
		const struct pl_material *m = material(c, ATTR(b, "material"));

		if (m == NULL)
			return pl_refxml_fail(&l->r, l->e, l->file, b, "unknown "
			    "material '%s'", ATTR(b, "material"));
		p->bom = grow(l, p->bom, p->nbom, sizeof(*p->bom));
		if (l->oom)
			break;
		p->bom[p->nbom].material = m;
		p->bom[p->nbom++].qty = num(ATTR(b, "qty"));
	}
	EACH(ce, CHILD(n, "certifications"), "cert") {
		p->certs = grow(l, p->certs, p->ncerts, sizeof(char *));
		if (!l->oom)
			p->certs[p->ncerts++] = dup(l, ATTR(ce, "name"));
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

static int
cmp_product(const void *a, const void *b)
{
	return strcmp(((const struct pl_product *)a)->sku,
	    ((const struct pl_product *)b)->sku);
}

/* One top-level part of the catalog (not the products). */
static int
part(struct load *l, xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "materials") == 0) {
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
	} else if (strcmp(name, "calendar") == 0) {
		return calendar(l, n);
	} else if (strcmp(name, "transit") == 0) {
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
 * The catalog is validated as a stream, then read a part at a time: each
 * product is expanded, read and dropped, so memory holds the catalog's
 * structs, not a tree of the file.
 */
struct pl_catalog *
pl_catalog_load(const char *path, struct pl_err *e)
{
	struct load l = { NULL, { "product", "sku", 0, 0 },
		pl_input_display(path), e, 0 };
	xmlTextReaderPtr rd = NULL;
	struct pl_buf b;
	xmlNodePtr n;
	int rc, bad = 0;

	pl_buf_init(&b);
	if (pl_refxml_stream(&l.r, path, "catalog.xsd", &b, e) < 0)
		goto fail;
	if ((l.c = calloc(1, sizeof(*l.c))) == NULL ||
	    (rd = xmlReaderForMemory(b.s, (int)b.len, l.file, NULL,
	    XML_PARSE_NONET)) == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		goto fail;
	}
	l.c->crc = l.r.crc;
	l.c->length = l.r.length;
	rc = xmlTextReaderRead(rd);
	while (rc == 1 && !bad && !l.oom) {
		int depth = xmlTextReaderDepth(rd);
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);

		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT ||
		    depth == 0 || (depth == 1 && strcmp(name, "products") == 0)) {
			rc = xmlTextReaderRead(rd);
			continue;
		}
		if ((n = xmlTextReaderExpand(rd)) == NULL)
			break;
		if (depth == 1) {
			bad = part(&l, n) < 0;
		} else if (depth == 2 && strcmp(name, "product") == 0) {
			l.c->products = grow(&l, l.c->products, l.c->nproducts,
			    sizeof(*l.c->products));
			if (!l.oom && product(&l, &l.c->products[l.c->nproducts++],
			    n) < 0)
				bad = 1;
		}
		rc = xmlTextReaderNext(rd);
	}
	if (l.oom && !bad)
		pl_err_set(e, PL_EXIT_INTERNAL, l.file, 0, "out of memory");
	if (l.oom || bad || rc < 0) {
		if (rc < 0 && !bad && !l.oom)
			pl_err_set(e, PL_EXIT_CONFIG, l.file, 0, "cannot read the "
			    "catalog");
		goto fail;
	}
	xmlFreeTextReader(rd);
	pl_buf_release(&b);
	qsort(l.c->products, (size_t)l.c->nproducts, sizeof(*l.c->products),
	    cmp_product);
	return l.c;
fail:
	if (rd)
		xmlFreeTextReader(rd);
	pl_buf_release(&b);
	pl_catalog_free(l.c);
	return NULL;
}

static void
free_strs(char **v, int n)
{
	int i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void
pl_catalog_free(struct pl_catalog *c)
{
	int i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nproducts; i++) {
		struct pl_product *p = &c->products[i];

		for (j = 0; j < p->nspecs; j++) {
			struct pl_spec *s = &p->specs[j];

			free(s->id);
			free_strs(s->names, s->nnames);
			free_strs(s->values, s->nvalues);
			free(s->pattern);
			pcre2_code_free(s->re);
		}
		free(p->specs);
		free(p->sku);
		free(p->family);
		free(p->name_en);
		free(p->name_zh);
		free(p->units);
		free(p->prices);
		free(p->bom);
		free_strs(p->certs, p->ncerts);
	}
	free(c->products);
	for (i = 0; i < c->nmaterials; i++) {
		free(c->materials[i].code);
		free(c->materials[i].name_en);
		free(c->materials[i].name_zh);
	}
	free(c->materials);
	free(c->calendar.holidays);
	free(c->calendar.extra);
	free(c->routes);
	free(c->same);
	free(c);
}

const struct pl_product *
pl_catalog_product(const struct pl_catalog *c, const char *sku)
{
	struct pl_product key;

	if (sku == NULL || c->nproducts == 0)
		return NULL;
	key.sku = (char *)sku;
	return bsearch(&key, c->products, (size_t)c->nproducts,
	    sizeof(key), cmp_product);
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
