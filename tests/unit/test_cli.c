/* Checked number arguments and path lists. */
#include <stdlib.h>

#include "cli.h"
#include "test.h"

static void
test_strtonum(void)
{
	long long v = 0;
	const char *why = NULL;

	CHECK(pl_strtonum("1024", 1, 4096, 0, &v, &why) == 0 && v == 1024);
	CHECK(pl_strtonum("64M", 1, 1LL << 40, 1, &v, &why) == 0 &&
	    v == 64LL << 20);
	CHECK(pl_strtonum("2k", 1, 1LL << 40, 1, &v, &why) == 0 && v == 2048);
	CHECK(pl_strtonum("2k", 1, 1LL << 40, 0, &v, &why) < 0);
	CHECK_STR(why, "invalid");
	CHECK(pl_strtonum("0", 1, 10, 0, &v, &why) < 0);
	CHECK_STR(why, "too small");
	CHECK(pl_strtonum("99999999999999999999", 1, 10, 0, &v, &why) < 0);
	CHECK_STR(why, "too large");
	CHECK(pl_strtonum("9G", 1, 1LL << 30, 1, &v, &why) < 0);
	CHECK_STR(why, "too large");
	CHECK(pl_strtonum("", 1, 10, 0, &v, &why) < 0);
	CHECK(pl_strtonum(" 5", 1, 10, 0, &v, &why) < 0);
	CHECK(pl_strtonum("5x", 1, 10, 0, &v, &why) < 0);
}

static void
test_read_path(void)
{
	struct pl_buf b;
	FILE *fp = tmpfile();

	pl_buf_init(&b);
	fputs("a.xml\n\nb c.xml\r\nlast", fp);
	rewind(fp);
	CHECK(pl_read_path(fp, 0, &b) == 1);
	CHECK_STR(b.s, "a.xml");
	CHECK(pl_read_path(fp, 0, &b) == 1);
	CHECK_STR(b.s, "b c.xml");
	CHECK(pl_read_path(fp, 0, &b) == 1);
	CHECK_STR(b.s, "last");
	CHECK(pl_read_path(fp, 0, &b) == 0);
	fclose(fp);
	fp = tmpfile();
	fwrite("x\ny.xml\0\0z.xml\0", 1, 15, fp);
	rewind(fp);
	CHECK(pl_read_path(fp, 1, &b) == 1);
	CHECK_STR(b.s, "x\ny.xml");
	CHECK(pl_read_path(fp, 1, &b) == 1);
	CHECK_STR(b.s, "z.xml");
	CHECK(pl_read_path(fp, 1, &b) == 0);
	fclose(fp);
	pl_buf_release(&b);
}

int
main(void)
{
	test_name = "cli";
	RUN(test_strtonum);
	RUN(test_read_path);
	return test_done();
}
