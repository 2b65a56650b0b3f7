/* The spool's file steps: the settings file, moves that never replace,
 * durable writes, gzip copies, running a command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spool.h"
#include "test.h"

static char got[512];

static int
collect(void *user, const char *key, const char *value, long line,
    struct pl_err *e)
{
	(void)user;
	if (strcmp(key, "bad") == 0)
		return pl_err_set(e, PL_EXIT_CONFIG, "c", line, "unknown key");
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "%ld:%s=%s;",
	    line, key, value);
	return 0;
}

static int
conf(const char *text, struct pl_err *e)
{
	FILE *fp = tmpfile();
	int rc;

	fputs(text, fp);
	rewind(fp);
	got[0] = '\0';
	pl_err_clear(e);
	rc = pl_spool_conf(fp, "c", collect, NULL, e);
	fclose(fp);
	return rc;
}

static void
test_conf(void)
{
	struct pl_err e;

	CHECK(conf("# head\n\n  catalog =  my catalog.xml  # mine\n"
	    "settle=0\r\nlang = \n", &e) == 0);
	CHECK_STR(got, "3:catalog=my catalog.xml;4:settle=0;5:lang=;");
	CHECK(conf("a = 1\nno equals sign\n", &e) < 0);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.status, PL_EXIT_CONFIG);
	CHECK_STR(e.msg, "expected 'key = value'");
	CHECK(conf(" = value\n", &e) < 0);
	CHECK_INT(e.line, 1);
	CHECK(conf("a = 1\n\nbad = 2\nc = 3\n", &e) < 0);
	CHECK_INT(e.line, 3);
	CHECK_STR(got, "1:a=1;");
}

static void
test_files(void)
{
	char dir[] = "/tmp/test_spool.XXXXXX", a[64], b[64], c[64];
	struct pl_buf buf;
	struct pl_err e;
	FILE *fp;

	CHECK(mkdtemp(dir) != NULL);
	CHECK_STR(pl_spool_path(a, "%s/%s", dir, "a"), a);
	CHECK(pl_spool_exists(dir) && !pl_spool_exists(a));
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(c, sizeof(c), "%s/c.gz", dir);
	pl_buf_init(&buf);
	CHECK(pl_spool_write(a, "one\n", 4, &e) == 0);
	CHECK(pl_spool_exists(a));
	CHECK(pl_spool_append(a, "two\n", &e) == 0);
	CHECK(pl_spool_read(a, &buf, &e) == 0);
	CHECK_STR(buf.s, "one\ntwo\n");
	CHECK(pl_spool_write(b, "other", 5, &e) == 0);
	CHECK_INT(pl_spool_move(a, b, &e), 1);	/* never replaces */
	CHECK(pl_spool_read(b, &buf, &e) == 0);
	CHECK_STR(buf.s, "other");
	CHECK(unlink(b) == 0);
	CHECK_INT(pl_spool_move(a, b, &e), 0);
	CHECK(access(a, F_OK) < 0);
	CHECK_INT(pl_spool_move(a, b, &e), -1);
	CHECK_INT(errno, ENOENT);
	CHECK(pl_spool_read(a, &buf, &e) < 0 && errno == ENOENT);
	CHECK(pl_spool_gzip(b, c, &e) == 0);
	snprintf(got, sizeof(got), "zcat %s", c);
	fp = popen(got, "r");
	CHECK(fp != NULL && fread(got, 1, sizeof(got), fp) == 8);
	got[8] = '\0';
	CHECK_STR(got, "one\ntwo\n");
	if (fp != NULL)
		pclose(fp);
	unlink(b);
	unlink(c);
	CHECK(rmdir(dir) == 0);
	pl_buf_release(&buf);
}

static void
test_run(void)
{
	char *ok[] = { "sh", "-c", "exit 3", NULL };
	char *killed[] = { "sh", "-c", "kill -9 $$", NULL };
	char *missing[] = { "nothing", NULL };
	struct pl_err e;
	FILE *quiet = tmpfile();

	CHECK_INT(pl_spool_run("/bin/sh", ok, -1, -1, -1, NULL, &e), 3);
	CHECK_INT(pl_spool_run("/bin/sh", killed, -1, -1, -1, NULL, &e), 137);
	CHECK_INT(pl_spool_run("/nonexistent/x", missing, -1, -1,
	    fileno(quiet), NULL, &e), 127);
	fclose(quiet);
}

int
main(void)
{
	test_name = "spool";
	RUN(test_conf);
	RUN(test_files);
	RUN(test_run);
	return test_done();
}
