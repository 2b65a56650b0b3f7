/* The order response (respond.h): conditions read from sign-off comments
 * (line changes in English and Chinese, the rest kept in words, a line
 * the order lacks said), the standard that answers each kind of order,
 * file names no order key can steer, a response written whole, and each
 * writer's codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "respond.h"
#include "test.h"

static struct pl_order o;

/* An order of three lines (ids 10, 20, 30) in standard std, doctype. */
static void
order(const char *std, const char *doctype)
{
	char *f[PL_order__N] = { 0 };
	char *l[PL_line__N] = { 0 };
	char pos[16], id[16];
	int i;

	pl_order_reset(&o);
	for (i = 0; i < PL_order__N; i++)
		f[i] = "";
	f[0] = "order";
	f[PL_order_key] = "0088:B/PO-7";
	f[PL_order_docid] = "00000000aaaaaaaa";
	f[PL_order_standard] = (char *)std;
	f[PL_order_doctype] = (char *)doctype;
	f[PL_order_number] = "PO-7";
	f[PL_order_currency] = "EUR";
	CHECK_INT(pl_order_add_record(&o, f, PL_order__N), 0);
	for (i = 1; i <= 3; i++) {
		int k;

		for (k = 0; k < PL_line__N; k++)
			l[k] = "";
		snprintf(pos, sizeof(pos), "%d", i);
		snprintf(id, sizeof(id), "%d", 10 * i);
		l[0] = "line";
		l[PL_line_pos] = pos;
		l[PL_line_id] = id;
		l[PL_line_quantity] = "100";
		l[PL_line_unit] = "C62";
		l[PL_line_price] = "2.50";
		CHECK_INT(pl_order_add_record(&o, l, PL_line__N), 0);
	}
}

static void
test_conditions(void)
{
	struct pl_respond r;
	struct pl_err e;

	pl_err_clear(&e);
	order("ubl", "order");
	CHECK_INT(pl_respond_init(&r, &o, "accepted-conditions", 7,
	    "2026-12-11", &e), 0);
	CHECK_INT(r.code, PL_RESPOND_CHANGE);
	CHECK_STR(r.id, "R-00000000aaaaaaaa-7");
	CHECK_INT(pl_respond_conditions(&r, NULL, "Line 10: Quantity 80, "
	    "delivery 2027-03-01; deliver in two lots\n行 20：单价 2.40。"
	    "；第30行 不接受"), 3);
	CHECK_INT(r.line[0].status, PL_RLINE_CHANGE);
	CHECK_STR(r.line[0].quantity, "80");
	CHECK_STR(r.line[0].delivery, "2027-03-01");
	CHECK(r.line[0].price == NULL);
	CHECK_STR(r.line[1].price, "2.40");
	CHECK_INT(r.line[2].status, PL_RLINE_REJECT);
	CHECK_STR(r.notes.s, "deliver in two lots");
	/* the finding's line, when the clause names none */
	CHECK_INT(pl_respond_conditions(&r, "3", "price 1.99"), 1);
	CHECK_STR(r.line[2].price, "1.99");
	CHECK_INT(r.line[2].status, PL_RLINE_REJECT);
	/* words, not changes: a bad date, a number that is none, a word
	 * that only starts like one, a line the order lacks, no line */
	CHECK_INT(pl_respond_conditions(&r, NULL, "delivery 2027-02-30; qty "
	    "lots; quantityX 5; line 99: qty 5; price 3"), 0);
	CHECK_STR(r.notes.s, "deliver in two lots\ndelivery 2027-02-30\n"
	    "qty lots\nquantityX 5\nline 99: qty 5\nprice 3");
	CHECK(strstr(r.warn.s, "names line '99'") != NULL);
	CHECK(strstr(r.warn.s, "names no line of the 3") != NULL);
	/* a date for the whole order: each line's not yet changed */
	CHECK_INT(pl_respond_conditions(&r, NULL, "交货 2027-04-01"), 1);
	CHECK_STR(r.delivery, "2027-04-01");
	CHECK_STR(r.line[0].delivery, "2027-03-01");
	CHECK_STR(r.line[1].delivery, "2027-04-01");
	pl_respond_release(&r);
	/* not decided: no response */
	CHECK_INT(pl_respond_init(&r, &o, "pending", 1, "2026-12-11", &e), -1);
	CHECK(strstr(e.msg, "is not decided (pending)") != NULL);
	pl_respond_release(&r);
}

static void
test_kind(void)
{
	const char *why;

	order("peppol", "order");
	CHECK_STR(pl_respond_kind(&o, &why), "ubl");
	order("ubl", "change");
	CHECK_STR(pl_respond_kind(&o, &why), "ubl");
	order("cxml", "change");
	CHECK_STR(pl_respond_kind(&o, &why), "cxml");
	order("opentrans", "order");
	CHECK_STR(pl_respond_kind(&o, &why), "opentrans");
	order("ubl", "cancel");
	CHECK(pl_respond_kind(&o, &why) == NULL);
	CHECK(strstr(why, "a cancellation") != NULL);
	order("orderx", "order");
	CHECK(pl_respond_kind(&o, &why) == NULL);
	CHECK(strstr(why, "Order-X") != NULL);
}

static void
test_file_name(void)
{
	char buf[160];

	pl_respond_name("0088:B/PO-7", "00000000aaaaaaaa", ".xml", buf,
	    sizeof(buf));
	CHECK_STR(buf, "0088_B_PO-7-00000000aaaaaaaa.xml");
	pl_respond_name("../../etc/passwd", "d", ".xml", buf, sizeof(buf));
	CHECK_STR(buf, "_._.._etc_passwd-d.xml");
	pl_respond_name("..", "d", "-confirm.xlsx", buf, sizeof(buf));
	CHECK_STR(buf, "_.-d-confirm.xlsx");
	pl_respond_name("名:x\n/\\", "d", ".xml", buf, sizeof(buf));
	CHECK(strchr(buf, '/') == NULL && strchr(buf, '\n') == NULL);
	CHECK(buf[0] != '.');
}

static void
test_save(void)
{
	char dir[] = "/tmp/test_respond.XXXXXX", path[64], cmd[96];
	struct pl_err e;
	struct stat st;
	FILE *fp;
	char got[16] = { 0 };

	pl_err_clear(&e);
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	CHECK_INT(pl_respond_save(dir, "a.xml", "<a/>\n", 5, &e), 0);
	snprintf(path, sizeof(path), "%s/a.xml", dir);
	if ((fp = fopen(path, "r")) != NULL) {
		CHECK(fread(got, 1, sizeof(got) - 1, fp) == 5);
		fclose(fp);
	}
	CHECK_STR(got, "<a/>\n");
	/* the name taken by a folder: refused, nothing left behind */
	snprintf(path, sizeof(path), "%s/b.xml", dir);
	CHECK_INT(mkdir(path, 0755), 0);
	CHECK_INT(pl_respond_save(dir, "b.xml", "<b/>", 4, &e), -1);
	CHECK_INT(e.status, PL_EXIT_IO);
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) -eq 2", dir);
	CHECK_INT(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
}

/* The XML of kind for decision, with line 20 changed. */
static char *
xml(const char *std, const char *kind, const char *decision)
{
	struct pl_respond r;
	struct pl_err e;
	struct pl_buf b;

	pl_err_clear(&e);
	pl_buf_init(&b);
	order(std, "order");
	CHECK_INT(pl_respond_init(&r, &o, decision, 3, "2026-12-11", &e), 0);
	pl_respond_conditions(&r, NULL, "line 20: qty 60 & more <soon>; "
	    "line 20: price 2.25");
	r.cx.payload = strdup("p@x");
	r.cx.from_domain = strdup("NetworkID");
	r.cx.from_id = strdup("AN1");
	r.cx.to_domain = strdup("DUNS");
	r.cx.to_id = strdup("9");
	CHECK_INT(pl_respond_xml(&r, kind, &b, &e), 0);
	pl_respond_release(&r);
	return b.s;
}

static void
test_xml(void)
{
	char *s;

	s = xml("peppol", "ubl", "accepted-conditions");
	CHECK(s && strstr(s, "<cbc:OrderResponseCode>CA<") != NULL);
	CHECK(s && strstr(s, "order_response:3<") != NULL);
	CHECK(s && strstr(s, "<cbc:LineStatusCode>3<") != NULL);
	CHECK(s && strstr(s, "<cbc:PriceAmount currencyID=\"EUR\">2.25<"));
	CHECK(s && strstr(s, "line 20: qty 60 &amp; more &lt;soon&gt;"));
	free(s);
	s = xml("ubl", "ubl", "accepted");
	CHECK(s && strstr(s, "<cbc:OrderResponseCode>AP<") != NULL);
	CHECK(s && strstr(s, "<cac:OrderLine>") == NULL);
	CHECK(s && strstr(s, "<cbc:UBLVersionID>2.1<") != NULL);
	free(s);
	s = xml("cxml", "cxml", "accepted-conditions");
	CHECK(s && strstr(s, "type=\"detail\"") != NULL);
	CHECK(s && strstr(s, "<ConfirmationItem quantity=\"100\" "
	    "lineNumber=\"20\">") != NULL);
	CHECK(s && strstr(s, "<DocumentReference payloadID=\"p@x\"/>"));
	free(s);
	s = xml("cxml", "cxml", "declined");
	CHECK(s && strstr(s, "type=\"reject\"") != NULL);
	CHECK(s && strstr(s, "<ConfirmationItem") == NULL);
	free(s);
	s = xml("opentrans", "opentrans", "declined");
	CHECK(s && strstr(s, "<QUANTITY>0</QUANTITY>") != NULL);
	CHECK(s && strstr(s, "<TOTAL_ITEM_NUM>3<") != NULL);
	free(s);
}

int
main(void)
{
	test_name = "test_respond";
	pl_order_init(&o);
	RUN(test_conditions);
	RUN(test_kind);
	RUN(test_file_name);
	RUN(test_save);
	RUN(test_xml);
	pl_order_release(&o);
	return test_done();
}
