/* The order model: tidied text, the order key recipe, the size bound. */
#include <stdlib.h>

#include "order.h"
#include "parse.h"
#include "rec.h"
#include "test.h"

static void
test_text(void)
{
	struct pl_order o;

	pl_order_init(&o);
	CHECK_STR(pl_order_text(&o, "  a \n\t b  c \r\n", 1), "a b c");
	CHECK_STR(pl_order_text(&o, "\n  line 1\r\nline 2\rline 3  \n", 0),
	    "line 1\nline 2\nline 3");
	CHECK(pl_order_text(&o, " \n\t ", 1) == NULL);
	CHECK(pl_order_text(&o, NULL, 1) == NULL);
	CHECK_STR(pl_order_text(&o, "中文 名称", 1), "中文 名称");
	pl_order_release(&o);
}

static const char *
key_of(const char *id, const char *scheme, const char *name,
    const char *number)
{
	static char key[256];
	struct pl_order o;

	pl_order_init(&o);
	o.f[PL_order_buyer_id] = id;
	o.f[PL_order_buyer_scheme] = scheme;
	o.f[PL_order_buyer_name] = name;
	o.f[PL_order_number] = number;
	if (pl_order_finish(&o, "src.xml", 0x1234, 10) < 0)
		snprintf(key, sizeof(key), "(failed)");
	else
		snprintf(key, sizeof(key), "%s", o.f[PL_order_key]);
	pl_order_release(&o);
	return key;
}

static void
test_key_recipe(void)
{
	CHECK_STR(key_of("987654325", "0192", "X", "34"), "0192:987654325/34");
	CHECK_STR(key_of("AN01", NULL, "X", "PO-1"), "AN01/PO-1");
	CHECK_STR(key_of(NULL, NULL, "Acme LTD", "4711"), "name:acme ltd/4711");
	CHECK_STR(key_of(NULL, NULL, NULL, "9"), "unknown/9");
	CHECK_STR(key_of("1", "s", NULL, NULL), "s:1/");
}

static void
test_records(void)
{
	struct pl_order o;
	struct pl_order_line *l;
	struct pl_order_item *it;
	struct pl_buf b;

	pl_order_init(&o);
	pl_buf_init(&b);
	o.f[PL_order_number] = "7";
	it = pl_order_add_item(&o, "note", 0);
	it->f[PL_note_text] = "order note";
	l = pl_order_add_line(&o);
	l->f[PL_line_id] = "10";
	it = pl_order_add_item(&o, "prop", 1);
	it->f[PL_prop_name] = "Length";
	it = pl_order_add_item(&o, "prop", 1);
	pl_order_drop_item(&o);
	CHECK(pl_order_finish(&o, "in.xml", 0xabcdef01UL, 42) == 0);
	CHECK(pl_order_format(&o, &b) == 0);
	CHECK_STR(o.f[PL_order_checksum], "abcdef01");
	CHECK_STR(o.f[PL_order_length], "42");
	CHECK_STR(o.f[PL_order_lines], "1");
	CHECK(strncmp(o.f[PL_order_docid], "abcdef01", 8) == 0);
	CHECK(strstr(b.s, "\nnote\tunknown/7\t") != NULL);
	CHECK(strstr(b.s, "\nline\tunknown/7\t") != NULL);
	/* the note comes before the line, the property after it, once */
	CHECK(strstr(b.s, "order note") < strstr(b.s, "\nline\t"));
	CHECK(strstr(b.s, "\tLength\t") > strstr(b.s, "\nline\t"));
	CHECK(strstr(strstr(b.s, "\tLength\t") + 1, "\nprop") == NULL);
	pl_buf_release(&b);
	pl_order_release(&o);
}

static void
test_bound(void)
{
	struct pl_order o;
	static char big[1 << 20];
	int i;

	memset(big, 'x', sizeof(big) - 1);
	pl_order_init(&o);
	for (i = 0; i < 20 && !o.oom; i++)
		pl_order_strn(&o, big, sizeof(big) - 1);
	CHECK_INT(o.oom, 2);
	CHECK(i <= 17);
	CHECK(pl_order_finish(&o, "x", 0, 0) < 0);
	pl_order_reset(&o);
	CHECK_INT(o.oom, 0);
	CHECK(pl_order_strn(&o, "ok", 2) != NULL);
	pl_order_release(&o);
}

/*
 * An order read back from the stream (pl_order_add_record, as po-check,
 * po-sheet and po-ledger read it) takes no more of PL_ORDER_MAX than it
 * took in po-parse, so every filter holds what po-parse passed.
 */
static void
test_read_back_fits(void)
{
	static const char *const docs[] = {
		"samples/orders/ubl-009-iberia-distribution-40lines.xml",
		"samples/orders/cxml-004-rheintal-consigned-copper.xml",
		"samples/orders/peppol-003-ardenne-ppap.xml",
		"samples/orders/ubl-010-gulf-trading-reexport.xml.gz",
		"tests/change/2-change-quantity.xml", NULL };
	struct pl_parse p;
	struct pl_order back;
	struct pl_rec_reader r;
	struct pl_buf b;
	struct pl_err e;
	FILE *fp;
	int i;

	CHECK(pl_parse_init(&p, 0) == 0);
	pl_order_init(&back);
	pl_buf_init(&b);
	for (i = 0; docs[i]; i++) {
		CHECK(pl_parse_doc(&p, docs[i], &e) == 0);
		pl_buf_reset(&b);
		CHECK(pl_order_format(&p.r.o, &b) == 0);
		pl_order_reset(&back);
		fp = fmemopen(b.s, b.len, "r");
		pl_rec_reader_init(&r, fp, docs[i]);
		while (pl_rec_read(&r, &e) == PL_REC_RECORD)
			CHECK(pl_order_add_record(&back, r.f, r.nf) == 0);
		pl_rec_reader_release(&r);
		fclose(fp);
		CHECK_INT(back.nline, p.r.o.nline);
		CHECK_INT(back.nitem, p.r.o.nitem);
		if (back.used > p.r.o.used)
			printf("# %s: %zu bytes read back, %zu parsed\n", docs[i],
			    back.used, p.r.o.used);
		CHECK(back.used <= p.r.o.used);
		CHECK_STR(back.f[PL_order_key], p.r.o.f[PL_order_key]);
	}
	pl_buf_release(&b);
	pl_order_release(&back);
	pl_parse_release(&p);
}

int
main(void)
{
	test_name = "order";
	RUN(test_text);
	RUN(test_key_recipe);
	RUN(test_records);
	RUN(test_bound);
	RUN(test_read_back_fits);
	return test_done();
}
