/*
 * catalog.h: the factory's capability catalog (schemas/catalog.xsd, whose
 * documentation says how each part is used), loaded once per run.
 *
 * pl_catalog_load() validates the file against the built-in schema, then
 * reads it into the structs below, compiling each spec's pattern once.
 * Products with the same specs, units, prices, bill of materials or
 * certifications share one array of them.  Everything belongs to the
 * catalog and is freed by pl_catalog_free().
 */
#ifndef PL_CATALOG_H
#define PL_CATALOG_H

#include <stddef.h>

#include "date.h"
#include "err.h"
#include "pattern.h"

enum { PL_SPEC_RANGE, PL_SPEC_VALUES, PL_SPEC_PATTERN };

struct pl_spec {
	char *id;
	char **names;		/* folded (value.h), any one matches */
	int nnames;
	int test;		/* PL_SPEC_* */
	double min, max;
	int has_min, has_max;
	char unit[8];		/* the range's unit code */
	char **values;		/* folded */
	int nvalues;
	char *pattern;		/* as written, for messages */
	pcre2_code *re;
};

struct pl_material {
	char *code, *name_en, *name_zh;
	int purchase_days;
	int stock_order;	/* bought for each order, not kept in stock */
	int outsourced;		/* work done outside (外协) */
};

struct pl_bom_item {
	const struct pl_material *material;
	double qty;		/* per base unit */
};

struct pl_price {
	char currency[4];
	char unit[8];
	double amount, max;	/* max 0: none */
};

struct pl_unit {
	char code[8];
	double factor;		/* base units per this unit */
};

struct pl_product {
	char *sku, *family, *name_en, *name_zh;
	int line;		/* where it is in the file */
	int custom;		/* made to the customer's drawing */
	int phase_out;		/* still made; Sales offers the successor */
	char base[8];
	struct pl_unit *units;
	int nunits;
	struct pl_price *prices;
	int nprices;
	struct pl_spec *specs;
	int nspecs;
	double min_qty, multiple, per_week;
	int lead_days;
	struct pl_bom_item *bom;
	int nbom;
	char **certs;
	int ncerts;
};

struct pl_catalog {
	struct pl_product *products;	/* sorted by sku */
	int nproducts;
	int *index;		/* open addressing: product + 1 by SKU hash */
	size_t nindex;		/* a power of two, at least 2 x nproducts */
	struct pl_material *materials;	/* sorted by code */
	int nmaterials;
	struct pl_calendar calendar;	/* production working days */
	int transit_default;
	struct { char country[4]; int days; } *routes;
	int nroutes;
	struct { char code[8], as[8]; } *same;	/* unit equivalents */
	int nsame;
	unsigned long crc;	/* of the file */
	unsigned long long length;
	struct strings *strings;	/* where every string and every
					 * product's array above is kept */
	pcre2_code **codes;	/* the specs' compiled patterns */
	int ncodes, capcodes;
};

/* Load and validate the catalog at path.  NULL with e filled
 * (PL_EXIT_CONFIG for a bad catalog, naming file, line and product). */
struct pl_catalog *pl_catalog_load(const char *path, struct pl_err *e);
void pl_catalog_free(struct pl_catalog *c);

/*
 * The catalog as po-check --reduce needs it for the documents it does not
 * review whole: each product's SKU and weekly capacity alone, in the
 * order (and so with the index) pl_catalog_load() gives them, taken from
 * the mapcap records the map wrote into the part at path part; of the
 * catalog file at path only its bytes are read: their CRC-32 and length
 * must be those the part's mappart record says (the maps validated
 * those bytes, and the reduce's plan holds every part to them).  No XML is parsed: at 10,000 products this takes 0.01 s
 * where a SAX parse of the file took 0.08 and validating it 0.48.  NULL
 * with e filled otherwise (the caller loads the catalog whole, which says
 * what is wrong with it).  pl_catalog_same_products(): a and b hold the
 * same products with the same capacities, in the same order.
 */
struct pl_catalog *pl_catalog_light(const char *path, const char *part,
    struct pl_err *e);
int pl_catalog_same_products(const struct pl_catalog *a,
    const struct pl_catalog *b);

/* The product with this SKU, or NULL. */
const struct pl_product *pl_catalog_product(const struct pl_catalog *c,
    const char *sku);

/* The unit code after the catalog's equivalents (EA counts as C62). */
const char *pl_catalog_unit(const struct pl_catalog *c, const char *code);

/* Base units per one unit of code for product p, or 0 when p does not
 * take that unit. */
double pl_product_factor(const struct pl_catalog *c,
    const struct pl_product *p, const char *code);

/* p's price in currency, or NULL. */
const struct pl_price *pl_product_price(const struct pl_product *p,
    const char *currency);

/* Whether p holds certification name (compared without case). */
int pl_product_has_cert(const struct pl_product *p, const char *name);

/* Transit days from the factory to country (the default when unknown). */
int pl_catalog_transit(const struct pl_catalog *c, const char *country);

#endif
