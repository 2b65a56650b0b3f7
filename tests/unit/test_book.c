/* The workbook layer: widths, wrapped lines, heights, numbers, UTF-8,
 * and a workbook written, verified and committed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "test.h"

static void
test_width(void)
{
	CHECK(pl_book_width("") == 0);
	CHECK(fabs(pl_book_width("0000") - 4) < 1e-9);	/* a digit is 1 */
	CHECK(pl_book_width("iiii") < pl_book_width("0000"));
	CHECK(pl_book_width("WWWW") > pl_book_width("0000"));
	CHECK(fabs(pl_book_width("销售部") - 6) < 1e-9);	/* CJK double */
	CHECK(fabs(pl_book_width("00\n000000\n0") - 6) < 1e-9);
	/* a byte that is not UTF-8 is one character, not a crash */
	CHECK(pl_book_width("\xff\xfe") > 0);
}

static void
test_lines(void)
{
	CHECK_INT(pl_book_lines("", 10), 1);
	CHECK_INT(pl_book_lines("0000", 10), 1);
	CHECK_INT(pl_book_lines("0000 0000 0000", 10), 2);
	CHECK_INT(pl_book_lines("0000\n0000", 40), 2);
	/* a word wider than the column is broken */
	CHECK_INT(pl_book_lines("00000000000000000000", 10), 3);
	/* CJK breaks between any two characters: 10 characters, 20 wide */
	CHECK_INT(pl_book_lines("一二三四五六七八九十", 10), 3);
	/* closing punctuation stays with what it follows */
	CHECK(pl_book_lines("一二三四。", 10) <= 2);
	/* "Sales / 销售部" twice: 2 lines at 14, 1 at 40 */
	CHECK_INT(pl_book_lines("Sales / 销售部 Sales / 销售部", 14), 2);
	CHECK_INT(pl_book_lines("Sales / 销售部 Sales / 销售部", 40), 1);
	CHECK(pl_book_lines("x", 0) >= 1);
}

static void
test_height(void)
{
	CHECK(pl_book_height(1, 11, 0) >= 11 * 1.12);
	CHECK(pl_book_height(2, 11, 0) > 2 * pl_book_height(1, 11, 0) - 3);
	CHECK(pl_book_height(3, 11, 1) > pl_book_height(3, 11, 0));
	CHECK(pl_book_height(1, 14, 0) > pl_book_height(1, 11, 0));
	CHECK(pl_book_height(1, 0, 0) == pl_book_height(1, 11, 0));
}

static void
test_utf8(void)
{
	CHECK(pl_book_utf8("abc 销售部 €", strlen("abc 销售部 €")));
	CHECK(!pl_book_utf8("caf\xe9", 4));
	CHECK(!pl_book_utf8("\xc0\xaf", 2));		/* overlong */
	CHECK(!pl_book_utf8("\xed\xa0\x80", 3));	/* a surrogate */
	CHECK(!pl_book_utf8("\xf4\x90\x80\x80", 4));	/* past U+10FFFF */
	CHECK(!pl_book_utf8("\xe9\x94", 2));		/* cut short */
	CHECK(pl_book_utf8("\xf0\x9f\x98\x80", 4));
}

/* A workbook: numbers no cell can hold go in as text with one warning,
 * names are made valid and unique, the file is verified and renamed. */
static void
test_book(void)
{
	char dir[] = "/tmp/test_book.XXXXXX", out[64], *tmp;
	struct pl_book_opts o = { PL_LANG_BOTH, 0, NULL, "t", "Book & co", "书" };
	struct pl_book_col c[2] = { { 10, 0 }, { 20, 1 } };
	struct pl_book_page pg = { 1, 1, NULL, 1 };
	struct pl_book *b;
	struct pl_book_sheet *sh, *sh2;
	struct pl_err e, w;
	char name[32];

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(out, sizeof(out), "%s/b.xlsx", dir);
	CHECK((tmp = pl_book_tmpfile(out, "test", &e)) != NULL);
	if (tmp == NULL)
		return;
	CHECK((b = pl_book_open(tmp, &o, &e)) != NULL);
	sh = pl_book_sheet(b, "History", &pg, c, 2);	/* reserved */
	CHECK(sh != NULL && strcmp(pl_book_sheet_name(sh), "Sheet") == 0);
	sh2 = pl_book_sheet(b, "sheet", &pg, c, 2);
	CHECK(sh2 != NULL && strcmp(pl_book_sheet_name(sh2), "sheet (2)") == 0);
	pl_book_name(b, "a[b]:c*d?e/f\\g'h", name);
	CHECK_STR(name, "abcdefgh");
	CHECK(pl_book_text(sh, 0, "Head", NULL) == 0);
	CHECK(pl_book_next(sh, 1) == 0 && pl_book_row(sh) == 1);
	CHECK(pl_book_num(sh, 0, 12.5, NULL) == 0);
	CHECK(pl_book_num(sh, 1, INFINITY, NULL) == 0);
	CHECK(pl_book_next(sh, 1) == 0);
	CHECK(pl_book_number(sh, 0, "1e999", NULL) == 0);
	CHECK(pl_book_number(sh, 1, "not a number", NULL) == 0);
	CHECK(pl_book_date(sh, 0, "2026-11-27", NULL) == 0);
	CHECK(pl_book_next(sh, 1) == 0);
	CHECK(pl_book_merge(sh, 0, 1, "caf\xe9 mended", NULL) == 0);
	CHECK(pl_book_warning(b, &w) == 1 && strstr(w.msg, "2 numbers") &&
	    strstr(w.msg, "'inf'"));
	CHECK(pl_book_close(b, &e) == 0 || (printf("# %s\n", e.msg), 0));
	CHECK(pl_book_commit(tmp, out, &e) == 0);
	CHECK(access(out, F_OK) == 0 && access(tmp, F_OK) != 0);
	CHECK(pl_book_verify(out, &e) == 0);
	/* a file cut short is not a workbook */
	CHECK(truncate(out, 200) == 0 && pl_book_verify(out, &e) < 0);
	unlink(out);
	rmdir(dir);
	free(tmp);
}

int
main(void)
{
	test_name = "book";
	RUN(test_width);
	RUN(test_lines);
	RUN(test_height);
	RUN(test_utf8);
	RUN(test_book);
	return test_done();
}
