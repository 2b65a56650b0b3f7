/*
 * part.c: a part through po-check --reduce, as a file: the plan (its
 * mappart and mapend, against what samples/catalog.xml and
 * samples/rules.xml make a part say), the light catalog from its mapcap
 * records, its mapload records read ahead, then each document taken as a
 * block, read back and reduced, and the capacity records.  A part comes
 * from another machine: whatever it holds, the reduce refuses it or
 * reads it, and never reads or writes out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "fuzz.h"
#include "part.h"

static struct pl_catalog *cat;
static struct pl_rules *rules;
static struct pl_part_info want;
static int today;

static void
quiet(const struct pl_err *e)
{
	(void)e;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_sample_refs(&cat, &rules, &today);
	/* what po-check says a part must have been made with */
	snprintf(want.version, sizeof(want.version), "%s", PL_VERSION);
	snprintf(want.today, sizeof(want.today), "2026-11-27");
	snprintf(want.cat_crc, 9, "%08lx", cat->crc & 0xffffffffUL);
	snprintf(want.rules_crc, 9, "%08lx", rules->crc & 0xffffffffUL);
	want.cat_len = cat->length;
	want.rules_len = rules->length;
	return 0;
}

/* The part's documents through the reduce, as po-check's reduce() */
static void
reduce(struct pl_check *c, struct pl_part *p)
{
	struct pl_mapped m;
	struct pl_order o;
	struct pl_buf loads, out;
	struct pl_err e;
	int rc;

	pl_mapped_init(&m);
	pl_order_init(&o);
	pl_buf_init(&loads);
	pl_buf_init(&out);
	while ((rc = pl_part_loads(p, &loads, &e)) > 0)
		if ((rc = pl_check_part_rows(c, loads.s, loads.len,
		    p->r.name)) < 0)
			break;
	if (rc == 0)
		rc = pl_check_part_begin(c);
	while (rc >= 0 && (rc = pl_part_next(p, &e)) > 0) {
		if (rc != PL_PART_DOC)
			continue;
		if ((rc = pl_mapped_read(&m, &o, c, &p->doc, p->r.name,
		    &e)) < 0)
			break;
		if (pl_check_reduce(c, &o, &m, &out) < 0)
			c->failed = 0;
		fwrite(out.s, 1, out.len, fuzz_null());
		pl_buf_reset(&out);
	}
	if (rc == 0)
		pl_check_part_end(c);
	pl_buf_release(&out);
	pl_buf_release(&loads);
	pl_order_release(&o);
	pl_mapped_release(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_path(data, size);
	struct pl_part part, *v[1] = { &part };
	struct pl_part_info w = want;
	struct pl_catalog *light;
	struct pl_check c;
	struct pl_err e;
	int i;

	/* the light catalog, as the reduce reads it from a first part:
	 * whatever its mapcap records say, each SKU once and found */
	light = pl_catalog_light("samples/catalog.xml", path, &e);
	for (i = 0; light && i < light->nproducts; i++)
		FUZZ_ASSERT(pl_catalog_product(light,
		    light->products[i].sku) == &light->products[i]);
	pl_catalog_free(light);

	memset(&part, 0, sizeof(part));
	part.path = path;
	if (pl_parts_plan(v, 1, &w, 1, quiet) == PL_EXIT_OK) {
		FUZZ_ASSERT(pl_check_init(&c, cat, rules, NULL, today) == 0);
		reduce(&c, &part);
		pl_check_capacity(&c, fuzz_null());
		pl_check_release(&c);
	}
	pl_part_close(&part);
	return 0;
}
