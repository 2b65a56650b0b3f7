/* The record stream: escaping round trips, malformed lines, and the
 * column tables against schemas/records.md. */
#include <stdlib.h>

#include "rec.h"
#include "test.h"

static const char *records_md = "schemas/records.md";

/* Write fields, read them back, compare. */
static int
roundtrip(const char *const *f, int n)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp = tmpfile();
	int ok = 1, rc, i;

	if (fp == NULL || pl_rec_write(fp, f, n) < 0)
		return 0;
	rewind(fp);
	pl_rec_reader_init(&r, fp, "t");
	rc = pl_rec_read(&r, &e);
	if (rc != PL_REC_RECORD || r.nf != n)
		ok = 0;
	for (i = 0; ok && i < n; i++)
		if (strcmp(r.f[i], f[i] ? f[i] : "") != 0)
			ok = 0;
	if (ok && pl_rec_read(&r, &e) != PL_REC_EOF)
		ok = 0;
	pl_rec_reader_release(&r);
	fclose(fp);
	return ok;
}

static void
test_escapes(void)
{
	const char *f[] = { "x-kind", "key\twith tab", "a\\b", "line1\nline2",
		"cr\rlf\r\n", "\\t literal", "", "中文 Ærø ✓ 𝄞", "\\", "\t\t",
		"end\\" };

	CHECK(roundtrip(f, (int)(sizeof(f) / sizeof(f[0]))));
}

/* Random valid UTF-8 strings, weighted towards the bytes that matter. */
static void
test_random(void)
{
	static const char *const atoms[] = { "\t", "\n", "\r", "\\", "a",
		"Z", " ", "é", "中", "𝄞", "\\n", "\\t", "#", "\x01", "\x7f" };
	char buf[6][200];
	const char *f[6];
	unsigned seed = 12345;
	int i, j, k, all = 1;

	for (i = 0; i < 2000; i++) {
		f[0] = "fuzz";
		for (j = 1; j < 6; j++) {
			size_t len = 0;

			buf[j][0] = '\0';
			for (k = 0; k < 20; k++) {
				const char *a;

				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 7 == 0)
					break;
				a = atoms[(seed >> 8) % (sizeof(atoms) /
				    sizeof(atoms[0]))];
				memcpy(buf[j] + len, a, strlen(a) + 1);
				len += strlen(a);
			}
			f[j] = buf[j];
		}
		if (!roundtrip(f, 6))
			all = 0;
	}
	CHECK(all);
}

/* A stream text, read line by line: the error and its line number. */
static int
read_error(const char *text, long *line, char *msg, size_t size)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp = tmpfile();
	int rc;

	fwrite(text, 1, strlen(text), fp);
	rewind(fp);
	pl_rec_reader_init(&r, fp, "in.tsv");
	pl_err_clear(&e);
	while ((rc = pl_rec_read(&r, &e)) > 0)
		;
	*line = e.line;
	snprintf(msg, size, "%s", e.msg);
	pl_rec_reader_release(&r);
	fclose(fp);
	return rc;
}

static void
test_malformed(void)
{
	char msg[512];
	long line;

	CHECK_INT(read_error("#poreview-records 1\nnote\tk\td\t\torder\t\tok\n"
	    "note\tk\td\n", &line, msg, sizeof(msg)), -1);
	CHECK_INT(line, 3);
	CHECK_STR(msg, "'note' record has 3 fields, expected 7");
	CHECK_INT(read_error("x\tk\tbad \\q escape\n", &line, msg,
	    sizeof(msg)), -1);
	CHECK_INT(line, 1);
	CHECK_STR(msg, "bad escape in field 3");
	CHECK_INT(read_error("x\tk\ntrailing\tback\\\n", &line, msg,
	    sizeof(msg)), -1);
	CHECK_INT(line, 2);
	CHECK_INT(read_error("onlyonefield\n", &line, msg, sizeof(msg)), -1);
	CHECK_STR(msg, "not a record: needs a kind and a key");
	CHECK_INT(read_error("x\tk\t\xff\xfe\n", &line, msg, sizeof(msg)), -1);
	CHECK_STR(msg, "invalid UTF-8 in record stream");
	CHECK_INT(read_error("#poreview-records 2\n", &line, msg,
	    sizeof(msg)), -1);
	CHECK_STR(msg, "unsupported record stream version '2'");
	/* unknown kinds pass with any count; comments are comments */
	CHECK_INT(read_error("#poreview-records 1\n# hello\nfuture\tk\t1\t2\t3"
	    "\t4\t5\t6\t7\t8\t9\n#poreview-records 1\n", &line, msg,
	    sizeof(msg)), 0);
}

static void
test_nul(void)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp = tmpfile();

	fwrite("x\tk\0z\n", 1, 6, fp);
	rewind(fp);
	pl_rec_reader_init(&r, fp, "nul.tsv");
	CHECK_INT(pl_rec_read(&r, &e), -1);
	CHECK_STR(e.msg, "NUL byte in record stream");
	CHECK_STR(e.file, "nul.tsv");
	pl_rec_reader_release(&r);
	fclose(fp);
}

static void
test_writer_checks_count(void)
{
	const char *f[] = { "order", "k", "d" };

	CHECK_INT(pl_rec_write(stdout, f, 3), -1);
}

static void
test_utf8(void)
{
	CHECK(pl_utf8_valid("abc", 3));
	CHECK(pl_utf8_valid("\xe4\xb8\xad", 3));
	CHECK(!pl_utf8_valid("\xc0\xaf", 2));		/* overlong */
	CHECK(!pl_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	CHECK(!pl_utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	CHECK(!pl_utf8_valid("\xe4\xb8", 2));		/* cut short */
}

static void
test_utf8_clean(void)
{
	struct pl_buf b;

	pl_buf_init(&b);
	CHECK(pl_utf8_clean("", &b) == 0);
	CHECK_STR(b.s, "");
	CHECK(pl_utf8_clean("caf\xc3\xa9.xml", &b) == 0);
	CHECK_STR(b.s, "caf\xc3\xa9.xml");
	CHECK(pl_utf8_clean("caf\xe9.xml", &b) == 0);	/* Latin-1 */
	CHECK_STR(b.s, "caf\xef\xbf\xbd.xml");
	CHECK(pl_utf8_clean("\xff\xe4\xb8", &b) == 0);	/* cut short */
	CHECK_STR(b.s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK(pl_utf8_clean("\xed\xa0\x80x", &b) == 0);	/* surrogate */
	CHECK_STR(b.s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx");
	CHECK(pl_utf8_valid(b.s, b.len));
	pl_buf_release(&b);
}

/* Every kind's columns in rec.h are the table in schemas/records.md. */
static void
test_records_md(void)
{
	const struct pl_rec_kind *k;
	FILE *fp = fopen(records_md, "r");
	char line[1024], kind[64] = "", col[64];
	int n = 0, kinds = 0, i, rows[32] = { 0 }, added[32] = { 0 };

	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	/* "## `kind`: ..." opens a table of "| N | `col` | ... |" rows */
	while (fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "## `%63[a-z_]`", kind) == 1) {
			n = 0;
			if ((k = pl_rec_kind(kind)) == NULL) {
				printf("# records.md kind '%s' not in rec.h\n",
				    kind);
				CHECK(0);
			} else {
				kinds++;
			}
			continue;
		}
		if (sscanf(line, "| %d | `%63[a-z0-9_]`", &i, col) != 2 ||
		    (k = pl_rec_kind(kind)) == NULL)
			continue;
		n++;
		CHECK_INT(i, n);
		if (i <= k->nfields)
			CHECK_STR(col, k->cols[i - 1]);
		/* the first column marked added is where readers may stop */
		if (strstr(line, "| *added*") != NULL) {
			if (!added[k - pl_rec_kinds])
				CHECK_INT(i - 1, k->nmin);
			added[k - pl_rec_kinds] = 1;
		} else {
			CHECK(!added[k - pl_rec_kinds]);
		}
		rows[k - pl_rec_kinds]++;
		if (i == k->nfields)
			n = 0, kind[0] = '\0';
	}
	fclose(fp);
	for (i = 0; pl_rec_kinds[i].name; i++) {
		CHECK_INT(rows[i], pl_rec_kinds[i].nfields);
		if (!added[i])
			CHECK_INT(pl_rec_kinds[i].nmin, pl_rec_kinds[i].nfields);
	}
	CHECK_INT(kinds, i);
}

int
main(int argc, char **argv)
{
	test_name = "rec";
	if (argc > 1)
		records_md = argv[1];
	RUN(test_escapes);
	RUN(test_random);
	RUN(test_malformed);
	RUN(test_nul);
	RUN(test_writer_checks_count);
	RUN(test_utf8);
	RUN(test_utf8_clean);
	RUN(test_records_md);
	return test_done();
}
