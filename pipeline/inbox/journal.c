/*
 * journal.c: a spool's batch and its journal (journal.h).  Every file is
 * flushed before the line that depends on it is written, and every line
 * before the next step starts: the journal never says more than is done.
 */
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "spool.h"

static const char *const step_name[] = { "", "claimed", "parsed",
	"checked", "sheet", "committed", "signed", "responded", "planned",
	"cleaning" };

void
pl_journal_init(struct pl_journal *j, const char *spool,
    const struct pl_journal_steps *steps, void *user)
{
	memset(j, 0, sizeof(*j));
	j->spool = spool;
	j->steps = steps;
	j->user = user;
	pl_buf_init(&j->names);
}

void
pl_journal_release(struct pl_journal *j)
{
	pl_buf_release(&j->names);
	free(j->name);
	free(j->workbook);
	free(j->disp);
	j->name = NULL;
	j->workbook = NULL;
	j->disp = NULL;
	j->n = 0;
}

int
pl_journal_workbook(const struct pl_journal *j, int i)
{
	return j->workbook != NULL && i >= 0 && i < j->n && j->workbook[i];
}

void
pl_journal_stage(const struct pl_journal *j, const char *name)
{
	if (j->steps != NULL && j->steps->stage != NULL)
		j->steps->stage(name);
}

char *
pl_journal_path(const struct pl_journal *j, char *buf, const char *name)
{
	return pl_spool_path(buf, "%s/%s", j->dir, name);
}

char *
pl_journal_slot(const struct pl_journal *j, char *buf, const char *sub,
    int slot)
{
	return pl_spool_path(buf, "%s/%s/%06d", j->dir, sub, slot + 1);
}

/* Record that step is finished (e may be NULL). */
static int
record(struct pl_journal *j, int step, struct pl_err *e)
{
	char p[PATH_MAX], line[32];

	snprintf(line, sizeof(line), "%s\n", step_name[step]);
	if (pl_spool_append(pl_journal_path(j, p, "journal"), line, e) < 0)
		return -1;
	j->step = step;
	pl_journal_stage(j, step_name[step]);
	return 0;
}

/* Split the names file into slots: a name from signed/ is a workbook. */
static int
split_names(struct pl_journal *j, struct pl_err *e)
{
	const size_t pre = strlen(PL_JOURNAL_SIGNED_DIR);
	size_t i;
	int n = 0;

	for (i = 0; i < j->names.len; i++)
		n += j->names.s[i] == '\0';
	free(j->name);
	free(j->workbook);
	j->name = calloc((size_t)n + 1, sizeof(*j->name));
	j->workbook = calloc((size_t)n + 1, 1);
	if (j->name == NULL || j->workbook == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	j->n = 0;
	for (i = 0; i < j->names.len; i += strlen(j->names.s + i) + 1) {
		j->name[j->n] = j->names.s + i;
		if (strncmp(j->name[j->n], PL_JOURNAL_SIGNED_DIR, pre) == 0) {
			j->name[j->n] += pre;
			j->workbook[j->n] = 1;
		}
		j->n++;
	}
	return 0;
}

/* A batch of the spool, set up but not yet read: its name and folder. */
static void
name_batch(struct pl_journal *j, const char *id)
{
	pl_journal_release(j);
	j->step = PL_JOURNAL_NONE;
	j->today[0] = '\0';
	snprintf(j->id, sizeof(j->id), "%s", id);
	pl_spool_path(j->dir, "%s/work/%s", j->spool, id);
}

int
pl_journal_load(struct pl_journal *j, const char *id, const char *today,
    struct pl_err *e)
{
	struct pl_buf b;
	char p[PATH_MAX], line[32], *s, *nl;
	int i, rc = 0;

	name_batch(j, id);
	pl_buf_init(&b);
	if (pl_spool_read(pl_journal_path(j, p, "journal"), &b, e) < 0 &&
	    errno != ENOENT)
		rc = -1;
	for (s = b.s; rc == 0 && (nl = memchr(s, '\n', (size_t)(b.s + b.len -
	    s))) != NULL; s = nl + 1) {
		*nl = '\0';	/* a last line cut short by a crash is skipped */
		if (strncmp(s, "today ", 6) == 0)
			snprintf(j->today, sizeof(j->today), "%s", s + 6);
		for (i = 1; i <= PL_JOURNAL_CLEANING; i++)
			if (strcmp(s, step_name[i]) == 0)
				j->step = i;
	}
	pl_buf_release(&b);
	if (rc == 0 && j->today[0] == '\0') {
		snprintf(j->today, sizeof(j->today), "%s", today);
		snprintf(line, sizeof(line), "today %s\n", today);
		rc = pl_spool_append(pl_journal_path(j, p, "journal"), line, e);
	}
	if (rc == 0 && pl_spool_read(pl_journal_path(j, p, "names"), &j->names,
	    e) < 0 && errno != ENOENT)
		rc = -1;
	if (rc == 0)
		rc = split_names(j, e);
	if (rc == 0 && j->step >= PL_JOURNAL_PARSED &&
	    j->step < PL_JOURNAL_CLEANING) {
		pl_buf_init(&b);
		if (pl_spool_read(pl_journal_path(j, p, "disp"), &b, e) < 0)
			rc = -1;
		else if (b.len != (size_t)j->n)
			rc = pl_err_set(e, PL_EXIT_INTERNAL, p, 0, "damaged: %zu "
			    "entries for %d files", b.len, j->n);
		else
			j->disp = pl_buf_detach(&b);
		pl_buf_release(&b);
	}
	return rc;
}

int
pl_journal_claim(struct pl_journal *j, time_t start, const char *today,
    const char *names, size_t len, struct pl_err *e)
{
	char stamp[32], id[64], p[PATH_MAX], q[PATH_MAX], line[32];
	struct tm tm;
	int i, k, rc, moved = 0;

	gmtime_r(&start, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (k = 1;; k++) {
		snprintf(id, sizeof(id), "%s-%d", stamp, k);
		if (pl_spool_exists(pl_spool_path(p, "%s/out/review-%s.xlsx",
		    j->spool, id)) || pl_spool_exists(pl_spool_path(p,
		    "%s/out/review-%s.tsv.gz", j->spool, id)))
			continue;
		if (mkdir(pl_spool_path(p, "%s/work/%s", j->spool, id),
		    0777) == 0)
			break;
		if (errno != EEXIST)
			return pl_err_set(e, PL_EXIT_IO, NULL, 0,
			    "cannot make '%s': %s", p, strerror(errno));
	}
	name_batch(j, id);
	snprintf(j->today, sizeof(j->today), "%s", today);
	snprintf(line, sizeof(line), "today %s\n", today);
	if (mkdir(pl_journal_path(j, p, "in"), 0777) < 0 ||
	    mkdir(pl_journal_path(j, q, "why"), 0777) < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make '%s': %s",
		    p, strerror(errno));
	if (pl_spool_append(pl_journal_path(j, p, "journal"), line, e) < 0 ||
	    pl_spool_sync_dir(j->dir, e) < 0 ||
	    pl_spool_sync_dir(pl_spool_path(p, "%s/work", j->spool), e) < 0)
		return -1;
	if (pl_buf_add(&j->names, names, len) < 0)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (pl_spool_write(pl_journal_path(j, p, "names"), j->names.s,
	    j->names.len, e) < 0 || split_names(j, e) < 0)
		return -1;
	for (i = 0; i < j->n; i++) {
		pl_spool_path(p, "%s/%s/%s", j->spool, j->workbook[i] ?
		    "signed" : "inbox", j->name[i]);
		rc = pl_spool_move(p, pl_journal_slot(j, q, "in", i), e);
		if (rc < 0 && errno == ENOENT)
			continue;	/* taken away meanwhile */
		if (rc != 0)
			return rc < 0 ? -1 : pl_err_set(e, PL_EXIT_INTERNAL, q,
			    0, "exists already");
		if (moved++ == 0)
			pl_journal_stage(j, "claim");
	}
	if (pl_spool_sync_dir(pl_journal_path(j, p, "in"), e) < 0 ||
	    pl_spool_sync_dir(pl_spool_path(p, "%s/inbox", j->spool), e) < 0 ||
	    (memchr(j->workbook, 1, (size_t)j->n) != NULL &&
	    pl_spool_sync_dir(pl_spool_path(p, "%s/signed", j->spool), e) < 0))
		return -1;
	return record(j, PL_JOURNAL_CLAIMED, e);
}

/*
 * Parsed: the caller's parse step says what each claimed file is; its
 * messages in why/ and the dispositions are flushed before the journal
 * says so.
 */
static int
parse(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];
	int i;

	free(j->disp);
	if ((j->disp = malloc((size_t)j->n + 1)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < j->n; i++)
		j->disp[i] = pl_spool_exists(pl_journal_slot(j, p, "in", i)) ?
		    '?' : '-';
	if (mkdir(pl_journal_path(j, p, "why"), 0777) < 0 && errno != EEXIST)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make '%s': %s",
		    p, strerror(errno));
	if (j->steps->parse(j, e) < 0 ||
	    pl_spool_sync_dir(pl_journal_path(j, p, "why"), e) < 0 ||
	    pl_spool_write(pl_journal_path(j, p, "disp"), j->disp,
	    (size_t)j->n, e) < 0)
		return -1;
	return record(j, PL_JOURNAL_PARSED, e);
}

/* Checked, or straight to committed when no order is to be reviewed. */
static int
check(struct pl_journal *j, struct pl_err *e)
{
	if (memchr(j->disp, 'r', (size_t)j->n) == NULL)
		return record(j, PL_JOURNAL_COMMITTED, e);
	if (j->steps->check(j, e) < 0)
		return -1;
	return record(j, PL_JOURNAL_CHECKED, e);
}

/*
 * Signed: the caller commits the workbooks read (s, or p: in part) and
 * may turn one the ledger refuses to f; the dispositions are flushed
 * before the journal says so.  A batch without such a workbook goes
 * straight on.
 */
static int
signoff(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];
	int i, any = 0;

	for (i = 0; i < j->n; i++)
		any |= j->workbook[i] && (j->disp[i] == 's' ||
		    j->disp[i] == 'p');
	if (any && (j->steps->signoff(j, e) < 0 ||
	    pl_spool_sync_dir(pl_journal_path(j, p, "why"), e) < 0 ||
	    pl_spool_write(pl_journal_path(j, p, "disp"), j->disp,
	    (size_t)j->n, e) < 0))
		return -1;
	return record(j, PL_JOURNAL_SIGNED, e);
}

/* Responded: the caller's answers to the customers, when it has a step
 * for them. */
static int
respond(struct pl_journal *j, struct pl_err *e)
{
	if (j->steps->respond != NULL && j->steps->respond(j, e) < 0)
		return -1;
	return record(j, PL_JOURNAL_RESPONDED, e);
}

/* The folder (under the spool) where slot i is filed. */
static void
dest_dir(char *buf, size_t n, const struct pl_journal *j, int i)
{
	if (j->disp[i] == 'f' || j->disp[i] == 'p')
		snprintf(buf, n, "failed");
	else if (j->disp[i] == 'd')
		snprintf(buf, n, "done/%s/duplicates", j->today);
	else if (j->workbook[i])
		snprintf(buf, n, "done/%s/signed", j->today);
	else
		snprintf(buf, n, "done/%s", j->today);
}

/* NAME, else "NAME (2)", "NAME (3)"... with the number before a final
 * .xml, .xml.gz or .xlsx, the stem shortened if need be to fit NAME_MAX. */
static void
numbered(char *buf, size_t size, const char *name, int k)
{
	size_t n = strlen(name), stem = n, keep;
	char num[16];

	if (k == 1) {
		snprintf(buf, size, "%s", name);
		return;
	}
	if (n > 7 && strcasecmp(name + n - 7, ".xml.gz") == 0)
		stem = n - 7;
	else if (n > 4 && strcasecmp(name + n - 4, ".xml") == 0)
		stem = n - 4;
	else if (n > 5 && strcasecmp(name + n - 5, ".xlsx") == 0)
		stem = n - 5;
	snprintf(num, sizeof(num), " (%d)", k);
	keep = stem;
	if (n + strlen(num) > NAME_MAX)
		keep = NAME_MAX - strlen(num) - (n - stem);
	snprintf(buf, size, "%.*s%s%s", (int)keep, name, num, name + stem);
}

/* Choose, for each file still in in/, a free name where it is filed. */
static int
plan(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX], dir[64], name[NAME_MAX + 16];
	char full[PATH_MAX + sizeof(dir) + sizeof(name) + 8];
	struct pl_hash *taken;
	struct pl_buf out;
	int i, k, rc = 0;

	if ((taken = pl_hash_new()) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	pl_buf_init(&out);
	for (i = 0; rc == 0 && i < j->n; i++) {
		if (!pl_spool_exists(pl_journal_slot(j, p, "in", i))) {
			pl_buf_addc(&out, '\0');
			continue;
		}
		dest_dir(dir, sizeof(dir), j, i);
		mkdir(pl_spool_path(p, "%s/done/%s", j->spool, j->today), 0777);
		mkdir(pl_spool_path(p, "%s/%s", j->spool, dir), 0777);
		for (k = 1;; k++) {
			numbered(name, sizeof(name), j->name[i], k);
			snprintf(full, sizeof(full), "%s/%s/%s", j->spool, dir,
			    name);
			if (pl_spool_exists(full))
				continue;
			strcat(full, ".why");
			if (j->disp[i] != 'r' && j->disp[i] != 's' &&
			    pl_spool_exists(full))
				continue;
			if ((rc = pl_hash_add(taken, full, 0, NULL)) != 0)
				break;
		}
		if (rc < 0 || pl_buf_addf(&out, "%s/%s%c", dir, name, '\0') < 0)
			rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
		else
			rc = 0;
	}
	if (rc == 0)
		rc = pl_spool_write(pl_journal_path(j, p, "plan"), out.s,
		    out.len, e);
	pl_buf_release(&out);
	pl_hash_free(taken);
	if (rc < 0)
		return -1;
	return record(j, PL_JOURNAL_PLANNED, e);
}

/*
 * File each original as planned (its .why beside a failed one or a
 * duplicate).  A move that finds its name taken (someone put a file there
 * meanwhile) stops the run; the journal goes back to "committed", so the
 * next run plans again.
 */
static int
file_all(struct pl_journal *j, struct pl_err *e)
{
	const char *spool = j->spool;
	char p[PATH_MAX], q[PATH_MAX + 8];
	struct pl_buf pl;
	const char *dest;
	int i, rc = 0, moved = 0;

	if (j->step < PL_JOURNAL_PLANNED && plan(j, e) < 0)
		return -1;
	pl_buf_init(&pl);
	if (pl_spool_read(pl_journal_path(j, p, "plan"), &pl, e) < 0) {
		pl_buf_release(&pl);
		return -1;
	}
	for (i = 0, dest = pl.s; rc == 0 && i < j->n && dest < pl.s + pl.len;
	    i++, dest += strlen(dest) + 1) {
		if (*dest == '\0')
			continue;
		if (j->disp[i] != 'r' && j->disp[i] != 's' &&
		    pl_spool_exists(pl_journal_slot(j, p, "why", i))) {
			rc = pl_spool_move(p, pl_spool_path(q, "%s/%s.why",
			    spool, dest), e);
			if (rc == 1)
				break;
		}
		if (rc == 0 && pl_spool_exists(pl_journal_slot(j, p, "in",
		    i))) {
			rc = pl_spool_move(p, pl_spool_path(q, "%s/%s", spool,
			    dest), e);
			if (rc == 0 && moved++ == 0)
				pl_journal_stage(j, "filed");
		}
	}
	pl_buf_release(&pl);
	if (rc == 1) {
		/* back to "committed": the next run plans again */
		record(j, PL_JOURNAL_COMMITTED, NULL);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot file as '%s': "
		    "a file of that name appeared; the next run chooses another",
		    q);
	}
	if (rc < 0)
		return -1;
	if (pl_spool_sync_dir(pl_spool_path(p, "%s/failed", spool), e) < 0 ||
	    (pl_spool_exists(pl_spool_path(p, "%s/done/%s", spool, j->today)) &&
	    pl_spool_sync_dir(p, e) < 0) ||
	    (pl_spool_exists(pl_spool_path(p, "%s/done/%s/duplicates", spool,
	    j->today)) &&
	    pl_spool_sync_dir(p, e) < 0) ||
	    (pl_spool_exists(pl_spool_path(p, "%s/done/%s/signed", spool,
	    j->today)) &&
	    pl_spool_sync_dir(p, e) < 0) ||
	    pl_spool_sync_dir(pl_spool_path(p, "%s/done", spool), e) < 0)
		return -1;
	return 0;
}

/* Remove every entry of the folder dir but keep (NULL: none). */
static int
clear_dir(const struct pl_journal *j, const char *dir, const char *keep,
    struct pl_err *e)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	int rc = 0;

	if (dp == NULL)
		return errno == ENOENT ? 0 : pl_err_set(e, PL_EXIT_IO, NULL, 0,
		    "cannot read '%s': %s", dir, strerror(errno));
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    (keep != NULL && strcmp(d->d_name, keep) == 0))
			continue;
		if (unlinkat(dirfd(dp), d->d_name, 0) < 0)
			rc = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot remove "
			    "'%s/%s': %s", dir, d->d_name, strerror(errno));
		pl_journal_stage(j, "clearing");
	}
	closedir(dp);
	return rc;
}

/* A filed batch leaves nothing in work/: in/ must be empty by now. */
static int
clean(struct pl_journal *j, struct pl_err *e)
{
	char p[PATH_MAX];

	if (rmdir(pl_journal_path(j, p, "in")) < 0 && errno != ENOENT)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "cannot remove "
		    "'%s': %s", p, strerror(errno));
	if (clear_dir(j, pl_journal_path(j, p, "why"), NULL, e) < 0 ||
	    (rmdir(p) < 0 && errno != ENOENT) ||
	    clear_dir(j, j->dir, "journal", e) < 0 ||
	    unlink(pl_journal_path(j, p, "journal")) < 0 || rmdir(j->dir) < 0)
		return e->msg[0] ? -1 : pl_err_set(e, PL_EXIT_IO, NULL, 0,
		    "cannot remove '%s': %s", p, strerror(errno));
	return pl_spool_sync_dir(pl_spool_path(p, "%s/work", j->spool), e);
}

int
pl_journal_run(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_journal_steps *s = j->steps;

	if (j->step == PL_JOURNAL_CLEANING)	/* counted by the run that
						 * filed it */
		return clean(j, e);
	if ((j->step < PL_JOURNAL_PARSED && parse(j, e) < 0) ||
	    (j->step < PL_JOURNAL_CHECKED && check(j, e) < 0) ||
	    (j->step < PL_JOURNAL_SHEET && (s->sheet(j, e) < 0 ||
	    record(j, PL_JOURNAL_SHEET, e) < 0)) ||
	    (j->step < PL_JOURNAL_COMMITTED && (s->commit(j, e) < 0 ||
	    record(j, PL_JOURNAL_COMMITTED, e) < 0)) ||
	    (j->step < PL_JOURNAL_SIGNED && signoff(j, e) < 0) ||
	    (j->step < PL_JOURNAL_RESPONDED && respond(j, e) < 0) ||
	    file_all(j, e) < 0 || record(j, PL_JOURNAL_CLEANING, e) < 0)
		return -1;
	if (s->filed != NULL)
		s->filed(j);
	return clean(j, e);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
pl_journal_recover(struct pl_journal *j, const char *today,
    struct pl_err *e)
{
	char p[PATH_MAX], **ids = NULL, **more;
	struct dirent *d;
	struct stat st;
	size_t n = 0, i;
	DIR *dp;
	int rc = 0;

	if ((dp = opendir(pl_spool_path(p, "%s/work", j->spool))) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s': %s",
		    p, strerror(errno));
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.' || fstatat(dirfd(dp), d->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
			continue;	/* not a batch */
		if ((more = realloc(ids, (n + 1) * sizeof(*ids))) == NULL ||
		    (more[n] = strdup(d->d_name)) == NULL) {
			ids = more ? more : ids;
			rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
			break;
		}
		ids = more;
		n++;
	}
	closedir(dp);
	if (n > 0)
		qsort(ids, n, sizeof(*ids), str_cmp);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = pl_journal_load(j, ids[i], today, e);
		if (rc == 0)
			rc = pl_journal_run(j, e);
		pl_journal_release(j);
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}
