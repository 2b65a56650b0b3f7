/* test_reader.c: a reader's table of element paths (reader.h). */
#include "reader.h"

#include "test.h"

enum { t_Order = 1, t_Line, t_Item, t_Name, t_Note, t_Country, t_Party,
	t_Address };
static const char *const names[] = { "Order", "Line", "Item", "Name",
	"Note", "Country", "Party", "Address" };

static const struct pl_reader_path rows[] = {
	{ t_Name, { t_Item, t_Line }, 0, PL_R_L(item_name) },
	{ t_Name, { t_Party }, 0, PL_R_NAME(0) },
	{ t_Name, { t_Order }, 2, PL_R_O(buyer_ref) },
	{ t_Name, { 0 }, 0, PL_R_O(seller_name) },
	{ t_Note, { t_Line }, 0, PL_R_NOTE_L("line") },
	{ t_Note, { t_Order }, 0, PL_R_NOTE_O("order") },
	{ t_Country, { t_Address }, 0, PL_R_ADDR, PL_R_PUT, PL_R_MORE,
	    PL_ADDR_COUNTRY, -1, NULL },
	{ t_Country, { t_Address, t_Party }, 0, PL_R_COUNTRY },
};

/* The element at the end of path (tags from the root's child down). */
static void
end(struct pl_reader *r, struct pl_reader_table *t, const int *path, int n,
    const char *text, int want)
{
	struct pl_xml_elem e = { names[path[n - 1] - 1], NULL, n, 0, NULL };
	int i;

	r->x.tag[0] = PL_XML_ROOT;
	for (i = 0; i < n; i++)
		r->x.tag[i + 1] = path[i];
	CHECK_INT(pl_reader_map(r, t, &e, text, NULL), want);
}

static void
test_map(void)
{
	static struct pl_reader r;
	static struct pl_reader_table t;
	const int item_name[] = { t_Line, t_Item, t_Name };
	const int ref[] = { t_Order, t_Name }, deep[] = { t_Line, t_Order,
	    t_Name }, note[] = { t_Line, t_Note }, country[] = { t_Party,
	    t_Address, t_Country }, party[] = { t_Party, t_Name };
	const int other[] = { t_Line };

	CHECK(pl_reader_init(&r, 0) == 0);
	CHECK(pl_reader_table_ready(&r, &t, names, PL_READER_N(names), rows,
	    PL_READER_N(rows)) == 0);
	CHECK_INT(t.names.n, 8);

	/* a row for the line matches only while there is one */
	end(&r, &t, item_name, 3, "bolt", 1);
	CHECK(r.o.f[PL_order_seller_name] != NULL);
	CHECK_STR(r.o.f[PL_order_seller_name], "bolt");
	end(&r, &t, note, 2, "by hand", 1);
	CHECK_INT(r.o.nitem, 0);
	r.line = pl_order_add_line(&r.o);
	end(&r, &t, item_name, 3, " M8  bolt ", 1);
	CHECK_STR(r.line->f[PL_line_item_name], "M8 bolt");
	end(&r, &t, note, 2, "by hand", 1);
	CHECK_INT(r.o.nitem, 1);

	/* the first row that matches is done, depth counts */
	end(&r, &t, deep, 3, "deep", 1);
	CHECK(r.o.f[PL_order_buyer_ref] == NULL);
	end(&r, &t, ref, 2, "R-1", 1);
	CHECK_STR(r.o.f[PL_order_buyer_ref], "R-1");
	end(&r, &t, ref, 2, "R-2", 1);
	CHECK_STR(r.o.f[PL_order_buyer_ref], "R-1");	/* set once */

	/* PL_R_MORE: the rows after it too */
	pl_reader_party_begin(&r, 1);
	end(&r, &t, country, 3, "DE", 1);
	CHECK_STR(r.addr[PL_ADDR_COUNTRY], "DE");
	CHECK_STR(r.o.f[PL_order_buyer_country], "DE");
	end(&r, &t, party, 2, "Acme", 1);
	CHECK_STR(r.o.f[PL_order_buyer_name], "Acme");

	/* no rows for the element */
	end(&r, &t, other, 1, "x", 0);
	pl_reader_release(&r);
}

static void
test_malformed(void)
{
	static const struct pl_reader_path apart[] = {
		{ t_Name, { t_Order }, 0, PL_R_O(buyer_ref) },
		{ t_Note, { t_Order }, 0, PL_R_NOTE_O("order") },
		{ t_Name, { 0 }, 0, PL_R_O(seller_name) },
	};
	static const struct pl_reader_path out[] = {
		{ PL_READER_MAX_TAGS, { 0 }, 0, PL_R_O(buyer_ref) },
	};
	static struct pl_reader r;
	static struct pl_reader_table t, u;

	CHECK(pl_reader_init(&r, 0) == 0);
	CHECK(pl_reader_table_ready(&r, &t, names, PL_READER_N(names), apart,
	    PL_READER_N(apart)) == -1);
	CHECK_STR(r.x.err.msg, "the reader's table of element paths is "
	    "malformed");
	CHECK(pl_reader_table_ready(&r, &u, names, PL_READER_N(names), out,
	    PL_READER_N(out)) == -1);
	CHECK(pl_reader_table_ready(&r, &t, names, PL_READER_N(names), rows,
	    PL_READER_N(rows)) == -1);	/* said for every document */
	pl_reader_release(&r);
}

int
main(void)
{
	test_name = "reader";
	RUN(test_map);
	RUN(test_malformed);
	return test_done();
}
