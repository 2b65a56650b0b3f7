/*
 * The batch journal, on spools in a temporary folder: a batch killed
 * (SIGKILL, in a child process) at each point it passes is taken up by
 * the next run, which files every file once and commits once; a journal
 * cut short, without a date, or with damaged dispositions; a planned name
 * taken before the file got there.
 *
 * The steps here stand in for po-inbox's: a file whose first byte is r is
 * reviewed, d a duplicate, f a failure; a workbook (of signed/) whose
 * first byte is s is read whole, p in part; "check" writes a file in the
 * batch, "sheet" a workbook in out/, "commit" adds the batch's ID to a
 * ledger file unless it is there (as po-ledger commit does nothing the
 * second time), "signoff" adds "signed ID" likewise and turns a workbook
 * whose third byte is x to f (the ledger refused it), "respond" only
 * logs.  Each step appends "STEP ID" to SPOOL/log as it runs.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "journal.h"
#include "spool.h"
#include "test.h"

#define D "2026-11-27"

static char top[] = "/tmp/test_journal.XXXXXX";
static const char *kill_at;	/* the stage hook kills this process here */

static void
hook(const char *name)
{
	if (kill_at != NULL && strcmp(name, kill_at) == 0)
		raise(SIGKILL);
}

/* The text of path ("" when it is missing), in a static buffer. */
static const char *
text(const char *path)
{
	static struct pl_buf b;
	struct pl_err e;

	if (pl_spool_read(path, &b, &e) < 0)
		pl_buf_reset(&b);
	return b.s;
}

static void
put(const char *path, const char *s)
{
	struct pl_err e;

	CHECK(pl_spool_write(path, s, strlen(s), &e) == 0);
}

static void
logged(const struct pl_journal *j, const char *step)
{
	char p[PATH_MAX], line[128];
	struct pl_err e;

	snprintf(line, sizeof(line), "%s %s\n", step, j->id);
	CHECK(pl_spool_append(pl_spool_path(p, "%s/log", j->spool), line,
	    &e) == 0);
}

/* How many lines of the text s are line. */
static int
lines(const char *s, const char *line)
{
	size_t n = strlen(line);
	int k = 0;

	for (; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s))
		k += strncmp(s, line, n) == 0 && s[n] == '\n';
	return k;
}

static int
parse(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];
	int i;

	logged(j, "parse");
	for (i = 0; i < j->n; i++) {
		if (j->disp[i] != '?')
			continue;
		j->disp[i] = text(pl_journal_slot(j, p, "in", i))[0];
		CHECK((strchr("sp", j->disp[i]) != NULL) ==
		    pl_journal_workbook(j, i));
		if (j->disp[i] != 'r' && j->disp[i] != 's' &&
		    pl_spool_write(pl_journal_slot(j, p, "why", i), "why\n", 4,
		    e) < 0)
			return -1;
	}
	return 0;
}

static int
check(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];

	logged(j, "check");
	return pl_spool_write(pl_journal_path(j, p, "checked"), j->disp,
	    (size_t)j->n, e);
}

static int
sheet(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];

	logged(j, "sheet");
	if (!pl_spool_exists(pl_spool_path(p, "%s/out/review-%s.xlsx",
	    j->spool, j->id)) && pl_spool_write(p, "book", 4, e) < 0)
		return -1;
	pl_journal_stage(j, "xlsx");
	return 0;
}

static int
commit(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX], line[80];

	logged(j, "commit");
	snprintf(line, sizeof(line), "%s\n", j->id);
	pl_spool_path(p, "%s/ledger", j->spool);
	if (lines(text(p), j->id) == 0 && pl_spool_append(p, line, e) < 0)
		return -1;
	pl_journal_stage(j, "ledger");
	return 0;
}

static int
signoff(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX], line[80];
	int i;

	logged(j, "signoff");
	for (i = 0; i < j->n; i++)
		if (pl_journal_workbook(j, i) && j->disp[i] != 'f' &&
		    text(pl_journal_slot(j, p, "in", i))[2] == 'x') {
			j->disp[i] = 'f';
			if (pl_spool_write(pl_journal_slot(j, p, "why", i),
			    "refused\n", 8, e) < 0)
				return -1;
		}
	snprintf(line, sizeof(line), "signed %s", j->id);
	pl_spool_path(p, "%s/ledger", j->spool);
	if (lines(text(p), line) == 0 && (strcat(line, "\n"),
	    pl_spool_append(p, line, e) < 0))
		return -1;
	pl_journal_stage(j, "signoff");
	return 0;
}

static int
respond(struct pl_journal *j, struct pl_err *e)
{
	(void)e;
	logged(j, "respond");
	return 0;
}

static void
filed(const struct pl_journal *j)
{
	logged(j, "filed");
}

static const struct pl_journal_steps steps = { parse, check, sheet, commit,
	signoff, respond, filed, hook };

/* A new spool top/name with its folders, and done/D/a.xml filed before. */
static char *
newspool(char *buf, const char *name)
{
	static const char *const dirs[] = { "", "/inbox", "/signed", "/work",
		"/done", "/done/" D, "/failed", "/out" };
	char p[PATH_MAX];
	size_t i;

	pl_spool_path(buf, "%s/%s", top, name);
	for (i = 0; i < sizeof(dirs) / sizeof(*dirs); i++)
		CHECK(mkdir(pl_spool_path(p, "%s%s", buf, dirs[i]), 0777) == 0);
	put(pl_spool_path(p, "%s/done/" D "/a.xml", buf), "old a");
	return buf;
}

/* Drop the four files: two to review, a duplicate, a failure; and three
 * workbooks: one read whole, one in part, one the ledger refuses. */
static void
drop(const char *spool)
{
	static const char *const files[] = { "inbox/a.xml", "r a",
		"inbox/b.xml.gz", "r b", "inbox/c.xml", "d c", "inbox/d.xml",
		"f d", "signed/s.xlsx", "s s", "signed/p.xlsx", "p p",
		"signed/x.xlsx", "s x" };
	char p[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(*files); i += 2)
		put(pl_spool_path(p, "%s/%s", spool, files[i]), files[i + 1]);
}

static const char names[] = "a.xml\0b.xml.gz\0c.xml\0d.xml\0"
    "signed/s.xlsx\0signed/p.xlsx\0signed/x.xlsx";

/* Claim the inbox's files named in the len bytes at s as a batch, and run
 * it: 0, or -1 with e filled. */
static int
claim_run(const char *spool, const char *s, size_t len, struct pl_err *e)
{
	struct pl_journal j;
	int rc;

	pl_journal_init(&j, spool, &steps, NULL);
	rc = pl_journal_claim(&j, 1796254200, D, s, len, e);
	if (rc == 0)
		rc = pl_journal_run(&j, e);
	pl_journal_release(&j);
	return rc;
}

static int
recover(const char *spool, struct pl_err *e)
{
	struct pl_journal j;

	pl_journal_init(&j, spool, &steps, NULL);
	return pl_journal_recover(&j, D, e);
}

/* Claim and run a batch (claim set), or recover, in a child process that
 * the hook kills at stage: whether it was killed so. */
static int
killed_at(const char *stage, const char *spool, int claim)
{
	struct pl_err e;
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return 0;
	if (pid == 0) {
		kill_at = stage;
		if (claim)
			claim_run(spool, names, sizeof(names), &e);
		else
			recover(spool, &e);
		_exit(0);
	}
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGKILL;
}

/* Whether the folder dir is empty (or missing). */
static int
empty(const char *dir)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s' 2>/dev/null)\"",
	    dir);
	return system(cmd) == 0;
}

/* How many regular files are under dir. */
static int
files(const char *dir)
{
	char cmd[PATH_MAX + 32], out[32] = "";
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "find '%s' -type f | wc -l", dir);
	if ((fp = popen(cmd, "r")) == NULL)
		return -1;
	if (fgets(out, sizeof(out), fp) == NULL)
		out[0] = '\0';
	pclose(fp);
	return atoi(out);
}

/* Every file filed once where its disposition says, nothing left. */
static void
check_filed(const char *sp)
{
	char p[PATH_MAX];

	CHECK(empty(pl_spool_path(p, "%s/inbox", sp)));
	CHECK(empty(pl_spool_path(p, "%s/signed", sp)));
	CHECK(empty(pl_spool_path(p, "%s/work", sp)));
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/a.xml", sp)), "old a");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/a (2).xml", sp)),
	    "r a");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/b.xml.gz", sp)), "r b");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/duplicates/c.xml", sp)),
	    "d c");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/duplicates/c.xml.why",
	    sp)), "why\n");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/d.xml", sp)), "f d");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/d.xml.why", sp)), "why\n");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/signed/s.xlsx", sp)),
	    "s s");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/p.xlsx", sp)), "p p");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/p.xlsx.why", sp)), "why\n");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/x.xlsx", sp)), "s x");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/x.xlsx.why", sp)),
	    "refused\n");
	CHECK_INT(files(pl_spool_path(p, "%s/done", sp)), 6);
	CHECK_INT(files(pl_spool_path(p, "%s/failed", sp)), 6);
}

/* The batch's steps each ran once, but those named in twice twice (the
 * workbooks' step not at all when it had no workbook); the ledger holds
 * it once, and out/ its workbook. */
static void
check_once(const char *sp, const char *id, const char *twice, int books)
{
	static const char *const step[] = { "parse", "check", "sheet",
		"commit", "signoff", "respond" };
	char p[PATH_MAX], line[128];
	const char *log;
	size_t i;

	log = text(pl_spool_path(p, "%s/log", sp));
	for (i = 0; i < 6; i++) {
		snprintf(line, sizeof(line), "%s %s", step[i], id);
		CHECK_INT(lines(log, line), !books && i == 4 ? 0 :
		    twice != NULL && strstr(twice, step[i]) != NULL ? 2 : 1);
	}
	CHECK_INT(lines(text(pl_spool_path(p, "%s/ledger", sp)), id), 1);
	snprintf(line, sizeof(line), "signed %s", id);
	CHECK_INT(lines(text(pl_spool_path(p, "%s/ledger", sp)), line), books);
	CHECK(pl_spool_exists(pl_spool_path(p, "%s/out/review-%s.xlsx", sp,
	    id)));
}

#define ID1 "20261202-233000-1"
#define ID2 "20261202-233000-2"

/* Killed at each point of a batch, then recovered. */
static void
test_kill_each_step(void)
{
	static const struct { const char *stage, *twice; } at[] = {
		{ "claimed", NULL }, { "parsed", NULL }, { "checked", NULL },
		{ "xlsx", "sheet" }, { "sheet", NULL }, { "ledger", "commit" },
		{ "committed", NULL }, { "signoff", "signoff" },
		{ "signed", NULL }, { "responded", NULL }, { "planned", NULL },
		{ "filed", NULL }, { "cleaning", NULL } };
	char sp[PATH_MAX], p[PATH_MAX], name[32], line[64];
	struct pl_err e;
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof(at) / sizeof(*at); i++) {
		test_fn_failed = 0;
		snprintf(name, sizeof(name), "kill-%s", at[i].stage);
		newspool(sp, name);
		drop(sp);
		CHECK(killed_at(at[i].stage, sp, 1));
		CHECK(empty(pl_spool_path(p, "%s/inbox", sp)));
		CHECK(pl_spool_exists(pl_spool_path(p, "%s/work/" ID1
		    "/journal", sp)));
		pl_err_clear(&e);
		CHECK(recover(sp, &e) == 0);
		CHECK_STR(e.msg, "");
		check_filed(sp);
		check_once(sp, ID1, at[i].twice, 1);
		/* counted by the run that filed it, if it lived to */
		snprintf(line, sizeof(line), "filed %s", ID1);
		CHECK_INT(lines(text(pl_spool_path(p, "%s/log", sp)), line),
		    strcmp(at[i].stage, "cleaning") == 0 ? 0 : 1);
		if (test_fn_failed)
			printf("# killed at '%s'\n", at[i].stage);
		failed |= test_fn_failed;
	}
	test_fn_failed = failed;
}

/* Killed after the first file was claimed: that one is a batch of its
 * own, the others wait in the inbox for the next claim. */
static void
test_kill_claim(void)
{
	char sp[PATH_MAX], p[PATH_MAX];
	struct pl_err e;

	newspool(sp, "kill-claim");
	drop(sp);
	CHECK(killed_at("claim", sp, 1));
	CHECK(pl_spool_exists(pl_spool_path(p, "%s/work/" ID1 "/in/000001",
	    sp)));
	CHECK_INT(files(pl_spool_path(p, "%s/inbox", sp)), 3);
	CHECK_INT(files(pl_spool_path(p, "%s/signed", sp)), 3);
	CHECK(recover(sp, &e) == 0);
	CHECK_INT(files(pl_spool_path(p, "%s/inbox", sp)), 3);
	CHECK(claim_run(sp, names, sizeof(names), &e) == 0);
	check_filed(sp);
	check_once(sp, ID1, NULL, 0);	/* a.xml alone */
	check_once(sp, ID2, NULL, 1);
}

/* Killed while the filed batch's folder is cleared, again and again:
 * each run removes one more entry, and the last ends it, counted once. */
static void
test_kill_clearing(void)
{
	char sp[PATH_MAX], p[PATH_MAX];
	struct pl_err e;
	int tries;

	newspool(sp, "kill-clearing");
	drop(sp);
	CHECK(killed_at("clearing", sp, 1));
	for (tries = 0; tries < 30 && killed_at("clearing", sp, 0); tries++)
		;
	CHECK(tries > 1 && tries < 30);
	CHECK(recover(sp, &e) == 0);
	check_filed(sp);
	check_once(sp, ID1, NULL, 1);
	CHECK_INT(lines(text(pl_spool_path(p, "%s/log", sp)), "filed " ID1),
	    1);
}

/* A planned name that someone took before the file got there: the run
 * stops and says so, the journal goes back to committed, and the next
 * run plans another name. */
static void
test_name_taken(void)
{
	char sp[PATH_MAX], p[PATH_MAX];
	const char *j;
	struct pl_err e;

	newspool(sp, "taken");
	drop(sp);
	CHECK(killed_at("planned", sp, 1));
	put(pl_spool_path(p, "%s/done/" D "/b.xml.gz", sp), "someone's");
	pl_err_clear(&e);
	CHECK(recover(sp, &e) < 0);
	CHECK_INT(e.status, PL_EXIT_IO);
	CHECK(strstr(e.msg, "/done/" D "/b.xml.gz': a file of that name "
	    "appeared; the next run chooses another") != NULL);
	j = text(pl_spool_path(p, "%s/work/" ID1 "/journal", sp));
	CHECK(strlen(j) > 10 && strcmp(j + strlen(j) - 10, "committed\n") == 0);
	CHECK(recover(sp, &e) == 0);
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/b.xml.gz", sp)),
	    "someone's");
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/b (2).xml.gz", sp)),
	    "r b");
	CHECK(empty(pl_spool_path(p, "%s/work", sp)));
	/* the steps after committed are done again */
	check_once(sp, ID1, "signoff respond", 1);
}

/* A batch of workbooks alone: no order to review, so no check, sheet or
 * commit; the workbooks' step commits them. */
static void
test_workbooks_only(void)
{
	static const char only[] = "signed/s.xlsx\0signed/p.xlsx";
	char sp[PATH_MAX], p[PATH_MAX];
	const char *log;
	struct pl_err e;

	newspool(sp, "workbooks");
	put(pl_spool_path(p, "%s/signed/s.xlsx", sp), "s s");
	put(pl_spool_path(p, "%s/signed/p.xlsx", sp), "p p");
	pl_err_clear(&e);
	CHECK(claim_run(sp, only, sizeof(only), &e) == 0);
	CHECK_STR(e.msg, "");
	log = text(pl_spool_path(p, "%s/log", sp));
	CHECK_INT(lines(log, "parse " ID1), 1);
	CHECK_INT(lines(log, "check " ID1), 0);
	CHECK_INT(lines(log, "commit " ID1), 0);
	CHECK_INT(lines(log, "signoff " ID1), 1);
	CHECK_INT(lines(log, "respond " ID1), 1);
	CHECK(!pl_spool_exists(pl_spool_path(p, "%s/out/review-" ID1 ".xlsx",
	    sp)));
	CHECK_STR(text(pl_spool_path(p, "%s/done/" D "/signed/s.xlsx", sp)),
	    "s s");
	CHECK_STR(text(pl_spool_path(p, "%s/failed/p.xlsx.why", sp)), "why\n");
	CHECK(empty(pl_spool_path(p, "%s/work", sp)));
	/* a name taken in failed/ is numbered before .xlsx */
	put(pl_spool_path(p, "%s/signed/p.xlsx", sp), "p again");
	CHECK(claim_run(sp, only + sizeof("signed/s.xlsx"), sizeof(only) -
	    sizeof("signed/s.xlsx"), &e) == 0);
	CHECK_STR(text(pl_spool_path(p, "%s/failed/p (2).xlsx", sp)),
	    "p again");
}

/* What a load makes of journals a crash left. */
static void
test_load(void)
{
	char sp[PATH_MAX], p[PATH_MAX];
	struct pl_journal j;
	struct pl_err e;

	newspool(sp, "load");
	CHECK(mkdir(pl_spool_path(p, "%s/work/b", sp), 0777) == 0);
	CHECK(pl_spool_write(pl_spool_path(p, "%s/work/b/names", sp), names,
	    sizeof(names), &e) == 0);
	pl_journal_init(&j, sp, &steps, NULL);
	/* no journal yet: no file moved; it takes today */
	CHECK(pl_journal_load(&j, "b", "2027-01-04", &e) == 0);
	CHECK_INT(j.step, PL_JOURNAL_NONE);
	CHECK_STR(j.today, "2027-01-04");
	CHECK_STR(text(pl_spool_path(p, "%s/work/b/journal", sp)),
	    "today 2027-01-04\n");
	/* a last line cut short does not count */
	put(p, "today " D "\nclaimed\npars");
	CHECK(pl_journal_load(&j, "b", "2027-01-04", &e) == 0);
	CHECK_INT(j.step, PL_JOURNAL_CLAIMED);
	CHECK_STR(j.today, D);
	CHECK_INT(j.n, 7);
	CHECK_STR(j.name[1], "b.xml.gz");
	CHECK_STR(j.name[4], "s.xlsx");
	CHECK(!pl_journal_workbook(&j, 3) && pl_journal_workbook(&j, 4) &&
	    pl_journal_workbook(&j, 6) && !pl_journal_workbook(&j, 7));
	CHECK(j.disp == NULL);
	/* parsed, with dispositions for another number of files */
	put(p, "today " D "\nclaimed\nparsed\n");
	put(pl_spool_path(p, "%s/work/b/disp", sp), "rd");
	pl_err_clear(&e);
	CHECK(pl_journal_load(&j, "b", D, &e) < 0);
	CHECK_INT(e.status, PL_EXIT_INTERNAL);
	CHECK_STR(e.msg, "damaged: 2 entries for 7 files");
	put(p, "rddfspf");
	CHECK(pl_journal_load(&j, "b", D, &e) == 0);
	CHECK_INT(j.step, PL_JOURNAL_PARSED);
	CHECK(j.disp != NULL && memcmp(j.disp, "rddfspf", 7) == 0);
	/* a journal of the steps after committed */
	put(pl_spool_path(p, "%s/work/b/journal", sp), "today " D
	    "\nclaimed\nparsed\ncommitted\nsigned\nresponded\n");
	CHECK(pl_journal_load(&j, "b", D, &e) == 0);
	CHECK_INT(j.step, PL_JOURNAL_RESPONDED);
	pl_journal_release(&j);
}

int
main(void)
{
	char cmd[64];

	test_name = "journal";
	if (mkdtemp(top) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_kill_each_step);
	RUN(test_kill_claim);
	RUN(test_kill_clearing);
	RUN(test_name_taken);
	RUN(test_workbooks_only);
	RUN(test_load);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0)
		return 1;
	return test_done();
}
