/* The order model: tidied text, the order key recipe, the size bound. */
#include <stdlib.h>

#include "order.h"
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

int
main(void)
{
	test_name = "order";
	RUN(test_text);
	RUN(test_key_recipe);
	RUN(test_records);
	RUN(test_bound);
	return test_done();
}
