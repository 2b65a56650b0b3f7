/*
 * inbox.c: po-inbox's engine (inbox.h): the settings, the commands, the
 * spool's layout and checks, settling and claiming, the steps of a batch
 * as child processes, and the summary.  The journal (journal.c) drives the
 * steps and keeps the batch safe across a crash.
 */
#define _GNU_SOURCE		/* O_TMPFILE */
#include "inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach.h"
#include "cli.h"
#include "date.h"
#include "embed.h"
#include "hash.h"
#include "ledger.h"
#include "rec.h"
#include "spool.h"

#define MAX_BATCH 100000	/* files claimed by one batch; more wait */

static const char *const tool_name[PL_INBOX_NTOOLS] = { "po-parse",
	"po-check", "po-sheet", "po-ledger", "po-signoff", "po-respond" };

/* Settings */

int
pl_inbox_spool(struct pl_inbox *ib, const char *path, struct pl_err *e)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len == 0 || len >= PL_INBOX_MAX_SPOOL)
		return pl_err_set(e, PL_EXIT_USAGE, NULL, 0,
		    "the spool's path is empty or too long");
	memcpy(ib->spool, path, len);
	ib->spool[len] = '\0';
	return 0;
}

int
pl_inbox_absolute(struct pl_inbox *ib, struct pl_err *e)
{
	char cwd[PL_INBOX_MAX_SPOOL], *rel;
	size_t len;

	if (ib->spool[0] == '/')
		return 0;
	rel = strdup(ib->spool);
	if (rel == NULL || getcwd(cwd, sizeof(cwd)) == NULL ||
	    strlen(cwd) + 1 + strlen(rel) >= PL_INBOX_MAX_SPOOL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make '%s' a full "
		    "path: %s", ib->spool, rel ? strerror(errno ? errno :
		    ENAMETOOLONG) : "out of memory");
		free(rel);
		return -1;
	}
	/* the lengths are checked above */
	len = strcmp(cwd, "/") ? strlen(cwd) : 0;
	memcpy(ib->spool, cwd, len);
	ib->spool[len] = '/';
	memcpy(ib->spool + len + 1, rel, strlen(rel) + 1);
	free(rel);
	return 0;
}

/*
 * The run's start, for the batch's name: today's date (the one the batch
 * is reviewed against and filed under), at the UTC time of day of
 * SOURCE_DATE_EPOCH when set, else of the clock.  Everything in poreview
 * tells time in UTC, so no name jumps when the local clock changes.
 */
int
pl_inbox_today(struct pl_inbox *ib, const char *today, struct pl_err *e)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long secs = (long long)time(NULL);
	int days;

	if (pl_date_today(today, &days, e) < 0)
		return -1;
	pl_date_format(days, ib->today);
	if (sde != NULL && *sde != '\0')
		secs = strtoll(sde, NULL, 10);	/* checked by pl_date_today */
	ib->start = (time_t)((long long)days * 86400 + secs % 86400);
	return 0;
}

static int
set_path(char *dst, const char *base, const char *v)
{
	if (*v == '\0')
		return -1;
	if (v[0] == '/')
		snprintf(dst, PATH_MAX, "%s", v);
	else
		snprintf(dst, PATH_MAX, "%s/%s", base, v);
	return 0;
}

static int
set_lang(char *dst, const char *v)
{
	if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0 &&
	    strcmp(v, "both") != 0)
		return -1;
	snprintf(dst, 8, "%s", v);
	return 0;
}

/* Set key to value, a relative path taken from base: 0, -1 when the
 * value is bad, -2 when the key is unknown. */
static int
set_key(struct pl_inbox *ib, const char *base, const char *key,
    const char *value)
{
	const char *why;

	if (strcmp(key, "catalog") == 0)
		return set_path(ib->catalog, base, value);
	if (strcmp(key, "rules") == 0)
		return set_path(ib->rules, base, value);
	if (strcmp(key, "ledger") == 0)
		return set_path(ib->ledger, base, value);
	if (strcmp(key, "lang") == 0)
		return set_lang(ib->lang, value);
	if (strcmp(key, "settle") == 0)
		return pl_strtonum(value, 0, 86400, 0, &ib->settle, &why);
	if (strcmp(key, "stuck") == 0)
		return pl_strtonum(value, 1, 30 * 86400, 0, &ib->stuck, &why);
	return -2;
}

int
pl_inbox_option(struct pl_inbox *ib, const char *key, const char *value)
{
	return set_key(ib, ".", key, value) < 0 ? -1 : 0;
}

static int
conf_key(void *user, const char *key, const char *value, long line,
    struct pl_err *e)
{
	struct pl_inbox *ib = user;
	char name[PATH_MAX];
	int rc = set_key(ib, ib->spool, key, value);

	pl_spool_path(name, "%s/poreview.conf", ib->spool);
	if (rc == -2)
		return pl_err_set(e, PL_EXIT_CONFIG, name, line,
		    "unknown key '%s' (catalog, rules, ledger, lang, settle, "
		    "stuck)", key);
	if (rc < 0)
		return pl_err_set(e, PL_EXIT_CONFIG, name, line,
		    "bad value '%s' for %s", value, key);
	return 0;
}

int
pl_inbox_read_conf(struct pl_inbox *ib, struct pl_err *e)
{
	char name[PATH_MAX];
	FILE *fp;
	int rc;

	set_path(ib->catalog, ib->spool, "catalog.xml");
	set_path(ib->rules, ib->spool, "rules.xml");
	set_path(ib->ledger, ib->spool, "ledger.db");
	set_lang(ib->lang, "both");
	ib->settle = 5;
	ib->stuck = 3600;
	pl_spool_path(name, "%s/poreview.conf", ib->spool);
	if ((fp = fopen(name, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    name, strerror(errno));
	}
	rc = pl_spool_conf(fp, name, conf_key, ib, e);
	fclose(fp);
	return rc;
}

int
pl_inbox_find_tools(struct pl_inbox *ib, struct pl_err *e)
{
	char self[PATH_MAX], *slash, cand[PATH_MAX];
	const char *path, *p, *end;
	ssize_t n;
	int i;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	if ((slash = strrchr(self, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < PL_INBOX_NTOOLS; i++) {
		ib->tool[i][0] = '\0';
		if (n > 0 && access(pl_spool_path(cand, "%s/%s", self,
		    tool_name[i]), X_OK) == 0) {
			memcpy(ib->tool[i], cand, sizeof(cand));
			continue;
		}
		path = getenv("PATH");
		for (p = path; p != NULL && *p != '\0'; p = *end ? end + 1 :
		    end) {
			if ((end = strchr(p, ':')) == NULL)
				end = p + strlen(p);
			pl_spool_path(cand, "%.*s/%s", (int)(end - p), end == p ?
			    "." : p, tool_name[i]);
			if (access(cand, X_OK) == 0) {
				memcpy(ib->tool[i], cand, sizeof(cand));
				break;
			}
		}
		if (ib->tool[i][0] == '\0')
			return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0,
			    "cannot find %s beside %s or on PATH", tool_name[i],
			    self);
	}
	return 0;
}

/* --init: a new spool's settings, commented. */
static const char conf_text[] =
"# poreview.conf: the settings of this spool folder for po-inbox(1).\n"
"# \"key = value\" lines; '#' starts a comment.  Relative paths are taken\n"
"# from the spool folder.  Options on po-inbox's command line win.\n"
"\n"
"# The capability catalog and the requirement rules: edit these copies.\n"
"catalog = catalog.xml\n"
"rules = rules.xml\n"
"\n"
"# The ledger of reviewed orders (po-ledger(1)).  Keep it on a local disk:\n"
"# SQLite's WAL mode must not sit on a network share.\n"
"ledger = ledger.db\n"
"\n"
"# The language of the review workbook: en, zh or both.\n"
"lang = both\n"
"\n"
"# Seconds a dropped file's size and times must stay unchanged before it\n"
"# is taken.  Files delivered by rename from tmp/ are whole at once.\n"
"settle = 5\n"
"\n"
"# A file still changing after this many seconds (one that never settles:\n"
"# a copy that hangs, a program that keeps touching it) is named in the\n"
"# run's summary, so cron mails it.\n"
"stuck = 3600\n";

static const char *const spool_dirs[] = { "tmp", "inbox", "signed", "work",
	"done", "failed", "out", "property", NULL };

int
pl_inbox_lay_out(struct pl_inbox *ib, struct pl_err *e)
{
	static const char *const copies[] = { "catalog.xml", "rules.xml" };
	char p[PATH_MAX], *argv[] = { "po-ledger", "init", p, NULL };
	const char *data;
	size_t i, len;
	int st;

	if (mkdir(ib->spool, 0777) < 0 && errno != EEXIST)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make '%s': %s",
		    ib->spool, strerror(errno));
	for (i = 0; spool_dirs[i] != NULL; i++)
		if (mkdir(pl_spool_path(p, "%s/%s", ib->spool, spool_dirs[i]),
		    0777) < 0 && errno != EEXIST)
			return pl_err_set(e, PL_EXIT_IO, NULL, 0,
			    "cannot make '%s': %s", p, strerror(errno));
	if (!pl_spool_exists(pl_spool_path(p, "%s/poreview.conf", ib->spool)) &&
	    pl_spool_write(p, conf_text, sizeof(conf_text) - 1, e) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (pl_spool_exists(pl_spool_path(p, "%s/%s", ib->spool,
		    copies[i])))
			continue;
		if ((data = pl_embedded(copies[i], &len)) == NULL)
			return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "the sample %s is not built in", copies[i]);
		if (pl_spool_write(p, data, len, e) < 0)
			return -1;
	}
	if (!pl_spool_exists(pl_spool_path(p, "%s/ledger.db", ib->spool))) {
		st = pl_spool_run(ib->tool[PL_INBOX_LEDGER], argv, -1, -1, -1,
		    NULL, e);
		if (st != 0)
			return st < 0 ? -1 : pl_err_set(e, PL_EXIT_CONFIG, NULL,
			    0, "po-ledger init '%s' failed", p);
	}
	return pl_spool_sync_dir(ib->spool, e);
}

/* The spool lacks the folder dir. */
static int
not_spool(const struct pl_inbox *ib, const char *dir, struct pl_err *e)
{
	return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0, "'%s' is not a spool: "
	    "no folder %s (po-inbox --init lays one out)", ib->spool, dir);
}

int
pl_inbox_lock(struct pl_inbox *ib, struct pl_err *e)
{
	char p[PATH_MAX];
	struct stat st;
	int fd;

	if (stat(pl_spool_path(p, "%s/inbox", ib->spool), &st) < 0)
		return not_spool(ib, p, e);
	fd = open(pl_spool_path(p, "%s/.lock", ib->spool), O_RDWR | O_CREAT,
	    0666);
	if (fd < 0)
		return pl_err_set(e, errno == ENOENT ? PL_EXIT_CONFIG :
		    PL_EXIT_IO, NULL, 0, "cannot open '%s': %s", p,
		    strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return pl_err_set(e, PL_EXIT_BUSY, NULL, 0, "%s is busy: "
		    "another po-inbox holds %s", ib->spool, p);
	}
	return fd;
}

/* Whether the folder dir takes new files: an unnamed file leaves nothing
 * behind, whenever the run stops. */
static int
writable(const char *dir, struct pl_err *e)
{
	char p[PATH_MAX];
	int fd;

	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR)) {
		pl_spool_path(p, "%s/.po-inbox-probe-%ld", dir, (long)getpid());
		fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		unlink(p);
	}
	if (fd < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write in "
		    "'%s': %s", dir, strerror(errno));
	close(fd);
	return 0;
}

/*
 * property/, where po-parse stores the orders' embedded attachments
 * (customer property): made if a spool laid out before it lacks it, its
 * absolute path kept (po-parse runs in the batch's folder).  A po-parse
 * killed while storing left hidden temporary files there: holding the
 * lock, no po-parse of this spool runs, so they go now.
 */
static int
property_dir(struct pl_inbox *ib, struct pl_err *e)
{
	char p[PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dp;
	int rc = 0;

	pl_spool_path(p, "%s/property", ib->spool);
	if (mkdir(p, 0777) < 0 && errno != EEXIST)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make '%s': %s",
		    p, strerror(errno));
	if (realpath(p, ib->property) == NULL || stat(p, &st) < 0 ||
	    !S_ISDIR(st.st_mode))
		return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0, "'%s' is not a "
		    "folder", p);
	if (writable(p, e) < 0)
		return -1;
	if ((dp = opendir(p)) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s': %s",
		    p, strerror(errno));
	while (rc == 0 && (d = readdir(dp)) != NULL)
		if (strncmp(d->d_name, PL_ATTACH_TMP, strlen(PL_ATTACH_TMP)) ==
		    0 && fstatat(dirfd(dp), d->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		    unlinkat(dirfd(dp), d->d_name, 0) < 0)
			rc = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot remove "
			    "'%s/%s': %s", p, d->d_name, strerror(errno));
	closedir(dp);
	return rc;
}

/* Before anything moves: the folders, one file system, the reference
 * files, the ledger, and out/ and property/ folders that take new
 * files. */
static int
preflight(struct pl_inbox *ib, struct pl_err *e)
{
	char p[PATH_MAX], first[PATH_MAX];
	struct stat st;
	struct pl_ledger *l;
	dev_t dev = 0;
	size_t i;

	for (i = 0; spool_dirs[i] != NULL; i++) {
		if (strcmp(spool_dirs[i], "property") == 0)
			continue;	/* may be elsewhere; made below */
		pl_spool_path(p, "%s/%s", ib->spool, spool_dirs[i]);
		/* a spool laid out before signed/ existed gets one */
		if (strcmp(spool_dirs[i], "signed") == 0 && mkdir(p, 0777) < 0 &&
		    errno != EEXIST)
			return pl_err_set(e, PL_EXIT_IO, NULL, 0,
			    "cannot make '%s': %s", p, strerror(errno));
		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
			if (i == 0)
				continue;	/* tmp/ is for those who deliver */
			return not_spool(ib, p, e);
		}
		if (dev == 0) {
			dev = st.st_dev;
			memcpy(first, p, sizeof(p));
		} else if (st.st_dev != dev)
			return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0,
			    "%s and %s are on different file systems: the "
			    "spool's folders must be on one, so a file moves by "
			    "rename and never by a copy", first, p);
	}
	if (access(ib->catalog, R_OK) < 0 || access(ib->rules, R_OK) < 0)
		return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0,
		    "cannot read '%s': %s", access(ib->catalog, R_OK) < 0 ?
		    ib->catalog : ib->rules, strerror(errno));
	if (access(ib->ledger, F_OK) < 0)
		return pl_err_set(e, PL_EXIT_CONFIG, NULL, 0, "no ledger '%s' "
		    "(po-ledger init makes one)", ib->ledger);
	if ((l = pl_ledger_open(ib->ledger, PL_LEDGER_READ, e)) == NULL)
		return -1;
	pl_ledger_close(l);
	if (writable(pl_spool_path(p, "%s/out", ib->spool), e) < 0)
		return -1;
	return property_dir(ib, e);
}

/* Flush and close fp (written as tmp), and rename it to path durably. */
static int
close_durable(FILE *fp, const char *tmp, const char *path, struct pl_err *e)
{
	char dir[PATH_MAX], *slash;
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) < 0;

	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s", tmp,
		    strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot rename to "
		    "'%s': %s", path, strerror(errno));
	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	return pl_spool_sync_dir(dir, e);
}

/* Give up the file fp, written as tmp: closed and removed. */
static void
discard(FILE *fp, const char *tmp)
{
	fclose(fp);
	unlink(tmp);
}

/* Report a command's failure: the batch waits in work/ for the next run. */
static int
child_failed(const struct pl_journal *j, int tool_i, int st, struct pl_err *e)
{
	int status = st == PL_EXIT_IO ? PL_EXIT_IO : PL_EXIT_CONFIG;

	return pl_err_set(e, status, NULL, 0, "%s %s (exit %d): batch %s "
	    "waits in work/ for the next run", tool_name[tool_i],
	    st > 128 ? "was killed" : "failed", st, j->id);
}

/*
 * Say in why/NNNNNN why slot, a duplicate, was not reviewed: its document
 * f has the same content as one committed to the ledger (first < 0: when,
 * from which file), or as the one of slot first, reviewed in this batch.
 * It is filed as NAME.why beside the duplicate.
 */
static int
dup_why(struct pl_journal *j, struct pl_ledger *l, int slot, int first,
    char *const *f, struct pl_err *e)
{
	const char *when, *src, *docid;
	char p[PATH_MAX];
	struct pl_buf w;
	int rc, k;

	pl_buf_init(&w);
	rc = pl_buf_addf(&w, "%s: %s: a duplicate, not reviewed again: order "
	    "%s with the same content (checksum %s, %s bytes) ", pl_progname(),
	    j->name[slot], f[PL_order_key], f[PL_order_checksum],
	    f[PL_order_length]);
	if (first >= 0)
		rc |= pl_buf_addf(&w, "is '%s', reviewed in this batch "
		    "(out/review-%s.xlsx)\n", j->name[first], j->id);
	else if ((k = pl_ledger_first_commit(l, f[PL_order_key],
	    f[PL_order_checksum], f[PL_order_length], &when, &src, &docid,
	    e)) < 0)
		rc = -1;
	else if (k == 0)
		rc |= pl_buf_addf(&w, "is in the ledger\n");
	else
		rc |= pl_buf_addf(&w, "was committed to the ledger on %s, from "
		    "'%s' (document %s)\n", when, src, docid);
	if (rc == 0)
		rc = pl_spool_write(pl_journal_slot(j, p, "why", slot), w.s,
		    w.len, e);
	else if (e->status == 0)
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	pl_buf_release(&w);
	return rc < 0 ? -1 : 0;
}

/*
 * Split po-parse's stream into the documents to review (kept.tsv) and
 * the duplicates: the same order key, checksum and length as an order
 * earlier in the batch or committed to the ledger.  Each document's
 * source becomes its file's original name.  Marks disp: r or d.
 */
static int
dedupe(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX], tmp[PATH_MAX], *end;
	const char *f[PL_order__N];
	struct pl_rec_reader r;
	struct pl_buf key, name;
	struct pl_hash *seen;
	struct pl_ledger *l = NULL;
	FILE *in, *out;
	long slot;
	long long first = -1;
	int k, i, keep = 0, rc = -1, dup;

	if ((in = fopen(pl_journal_path(j, p, "parsed.tsv"), "r")) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    p, strerror(errno));
	if ((out = fopen(pl_journal_path(j, tmp, "kept.tsv.tmp"), "w")) ==
	    NULL) {
		fclose(in);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': "
		    "%s", tmp, strerror(errno));
	}
	if ((seen = pl_hash_new()) == NULL) {
		fclose(in);
		fclose(out);
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	}
	pl_rec_reader_init(&r, in, p);
	r.keep = 1;
	pl_buf_init(&key);
	pl_buf_init(&name);
	if ((l = pl_ledger_open(ib->ledger, PL_LEDGER_READ, e)) == NULL)
		goto done;
	fputs(PL_REC_HEADER "\n", out);
	while ((k = pl_rec_read(&r, e)) > 0) {
		if (k == PL_REC_COMMENT)
			continue;	/* each file's stream header */
		if (strcmp(r.f[0], "order") != 0) {
			if (keep)
				fprintf(out, "%.*s\n", (int)r.textlen, r.text);
			continue;
		}
		slot = strtol(r.f[PL_order_source], &end, 10) - 1;
		if (*end != '\0' || slot < 0 || slot >= j->n) {
			pl_err_set(e, PL_EXIT_INTERNAL, p, r.line, "a document "
			    "from no file of the batch");
			goto done;
		}
		pl_buf_reset(&key);
		if (pl_buf_addf(&key, "%s\t%s\t%s", r.f[PL_order_key],
		    r.f[PL_order_checksum], r.f[PL_order_length]) < 0 ||
		    (k = pl_hash_add(seen, key.s, (int)slot, &first)) < 0 ||
		    (dup = pl_ledger_seen(l, r.f[PL_order_key],
		    r.f[PL_order_checksum], r.f[PL_order_length], e)) < 0)
			goto done;
		keep = k == 1 && dup != 1;
		if (!keep) {
			if (j->disp[slot] != 'r')
				j->disp[slot] = 'd';
			if (dup_why(j, l, (int)slot, dup == 1 ? -1 : (int)first,
			    r.f, e) < 0)
				goto done;
			continue;
		}
		j->disp[slot] = 'r';
		for (i = 0; i < PL_order__N; i++)
			f[i] = r.f[i];
		if (pl_utf8_clean(j->name[slot], &name) < 0)
			goto done;
		f[PL_order_source] = name.s;
		if (pl_rec_write(out, f, PL_order__N) < 0)
			break;
	}
	if (k < 0)
		goto done;
	rc = close_durable(out, tmp, pl_journal_path(j, p, "kept.tsv"), e);
	out = NULL;
done:
	pl_ledger_close(l);
	if (rc < 0 && e->status == 0)
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (out != NULL)
		discard(out, tmp);
	fclose(in);
	pl_rec_reader_release(&r);
	pl_buf_release(&key);
	pl_buf_release(&name);
	pl_hash_free(seen);
	return rc;
}

/*
 * The messages in the files of the batch's folder named in err (n of
 * them; one missing is skipped), and then more (NULL: nothing), as the
 * slot's why/NNNNNN: the slot's number where it names the file becomes
 * the file's original name.  Written whole each time, so a step done
 * again writes the same.
 */
static int
why_from(struct pl_journal *j, int slot, const char *const *err, int n,
    const char *more, struct pl_err *e)
{
	char p[PATH_MAX], num[16], *s, *hit;
	struct pl_buf raw, out;
	size_t len;
	int i, rc = 0;

	pl_buf_init(&raw);
	pl_buf_init(&out);
	snprintf(num, sizeof(num), "%06d", slot + 1);
	len = strlen(num);
	for (i = 0; rc == 0 && i < n; i++) {
		if (pl_spool_read(pl_journal_path(j, p, err[i]), &out, e) < 0) {
			if (errno != ENOENT)
				rc = -1;
			else
				pl_err_clear(e);
			continue;
		}
		if (pl_buf_add(&raw, out.s, out.len) < 0)
			rc = -1;
	}
	if (rc == 0 && more != NULL && pl_buf_adds(&raw, more) < 0)
		rc = -1;
	pl_buf_reset(&out);
	for (s = raw.s; rc == 0 && (hit = strstr(s, num)) != NULL;
	    s = hit + len) {
		pl_buf_add(&out, s, (size_t)(hit - s));
		if ((hit > raw.s && hit[-1] >= '0' && hit[-1] <= '9') ||
		    (hit[len] >= '0' && hit[len] <= '9'))
			pl_buf_add(&out, num, len);	/* some other number */
		else
			pl_buf_adds(&out, j->name[slot]);
	}
	if (rc == 0 && (pl_buf_adds(&out, s) < 0 ||
	    pl_spool_write(pl_journal_slot(j, p, "why", slot), out.s, out.len,
	    e) < 0))
		rc = -1;
	if (rc < 0 && e->status == 0)
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	pl_buf_release(&raw);
	pl_buf_release(&out);
	return rc;
}

/* po-parse's messages about slot (why/NNNNNN.err) as NAME.why. */
static int
write_why(struct pl_journal *j, int slot, struct pl_err *e)
{
	char name[32], p[PATH_MAX];
	const char *err[] = { name };

	snprintf(name, sizeof(name), "why/%06d.err", slot + 1);
	if (why_from(j, slot, err, 1, NULL, e) < 0)
		return -1;
	unlink(pl_journal_path(j, p, name));
	return 0;
}

/* Copy the file at path to ib->msgs (po-parse's warnings, -v). */
static void
show(const struct pl_inbox *ib, const char *path)
{
	struct pl_buf b;

	if (ib->msgs == NULL)
		return;
	pl_buf_init(&b);
	if (pl_spool_read(path, &b, NULL) == 0)
		fwrite(b.s, 1, b.len, ib->msgs);
	pl_buf_release(&b);
}

/* The batch's file for a workbook's slot: "signoff-NNNNNN" and ext. */
static char *
wb_file(char *buf, size_t size, int slot, const char *ext)
{
	snprintf(buf, size, "signoff-%06d%s", slot + 1, ext);
	return buf;
}

/*
 * po-signoff's records of slot (raw, in the batch's folder) into its
 * .tsv, durably, each signoff record's file its workbook's original name
 * (made valid UTF-8) where po-signoff saw only the slot's number.  The
 * number of records, or -1 with e filled.
 */
static int
name_records(struct pl_journal *j, int slot, const char *raw,
    struct pl_err *e)
{
	char p[PATH_MAX], tmp[PATH_MAX], name[32];
	const char *f[PL_signoff__N];
	struct pl_rec_reader r;
	struct pl_buf clean;
	FILE *in, *out;
	int i, k, n = 0, rc = -1;

	if ((in = fopen(pl_journal_path(j, p, raw), "r")) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    p, strerror(errno));
	if ((out = fopen(pl_journal_path(j, tmp, wb_file(name, sizeof(name),
	    slot, ".tsv.tmp")), "w")) == NULL) {
		fclose(in);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': "
		    "%s", tmp, strerror(errno));
	}
	pl_rec_reader_init(&r, in, p);
	r.keep = 1;
	pl_buf_init(&clean);
	if (pl_utf8_clean(j->name[slot], &clean) < 0)
		goto done;
	fputs(PL_REC_HEADER "\n", out);
	while ((k = pl_rec_read(&r, e)) > 0) {
		if (k == PL_REC_COMMENT)
			continue;
		n++;
		if (strcmp(r.f[0], "signoff") != 0 || r.nf != PL_signoff__N) {
			if (fprintf(out, "%.*s\n", (int)r.textlen, r.text) < 0)
				break;
			continue;
		}
		for (i = 0; i < PL_signoff__N; i++)
			f[i] = r.f[i];
		f[PL_signoff_file] = clean.s;
		if (pl_rec_write(out, f, PL_signoff__N) < 0)
			break;
	}
	if (k != 0) {
		if (k > 0 || e->status == 0)
			pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': "
			    "%s", tmp, strerror(errno));
		goto done;
	}
	rc = close_durable(out, tmp, pl_journal_path(j, p, wb_file(name,
	    sizeof(name), slot, ".tsv")), e);
	out = NULL;
done:
	if (rc < 0 && e->status == 0)
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (out != NULL)
		discard(out, tmp);
	fclose(in);
	pl_rec_reader_release(&r);
	pl_buf_release(&clean);
	return rc < 0 ? -1 : n;
}

/*
 * A workbook of signed/ read by po-signoff, in in/ under its slot's
 * number as an order is read: its records, their file its original name,
 * in signoff-NNNNNN.tsv, its messages in signoff-NNNNNN.err.  Read whole
 * (exit 0): s.  Rows refused (exit 1) and records of the others: p, the
 * refusals in its why, to be corrected.  No record (exit 1: not a
 * workbook, no Findings sheet, every row refused): f, po-signoff's
 * message its why.  Any other status: the batch waits.
 */
static int
read_workbook(struct pl_journal *j, int slot, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char num[16], raw[32], err[32], p[PATH_MAX], q[PATH_MAX];
	char *argv[] = { "po-signoff", "--today", j->today, "--", num, NULL };
	const char *errs[] = { err };
	struct pl_buf more;
	int out, fd, st, n;

	snprintf(num, sizeof(num), "%06d", slot + 1);
	wb_file(raw, sizeof(raw), slot, ".raw");
	wb_file(err, sizeof(err), slot, ".err");
	out = open(pl_journal_path(j, p, raw), O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0666);
	fd = open(pl_journal_path(j, q, err), O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0666);
	if (out < 0 || fd < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': %s",
		    out < 0 ? p : q, strerror(errno));
		st = -1;
	} else
		st = pl_spool_run(ib->tool[PL_INBOX_SIGNOFF], argv, -1, out, fd,
		    pl_journal_path(j, p, "in"), e);
	if (out >= 0)
		close(out);
	if (fd >= 0)
		close(fd);
	if (st < 0)
		return -1;
	if (st != 0 && st != PL_EXIT_DATA)
		return child_failed(j, PL_INBOX_SIGNOFF, st, e);
	if ((n = name_records(j, slot, raw, e)) < 0)
		return -1;
	unlink(pl_journal_path(j, p, raw));
	j->disp[slot] = st == 0 ? 's' : n > 0 ? 'p' : 'f';
	if (st != 0) {
		pl_buf_init(&more);
		if (n > 0)
			pl_buf_addf(&more, "%s: %06d: the rows above were "
			    "refused and the other rows' decisions committed: "
			    "correct those cells and drop the workbook into "
			    "signed/ again\n", pl_progname(), slot + 1);
		st = why_from(j, slot, errs, 1, more.s, e);
		pl_buf_release(&more);
		if (st < 0)
			return -1;
	}
	pl_journal_stage(j, "read");
	return 0;
}

/*
 * Step 1: po-parse reads every claimed file (in/NNNNNN, so that no name
 * from outside reaches a command line or a message unquoted).  A file
 * that gives no document is read again alone to catch its messages: it
 * failed (NAME.why), or, if alone it reads well, the first run failed
 * for another reason and the batch waits.
 */
static int
step_parse(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX], q[PATH_MAX], list_path[PATH_MAX], num[16];
	char *all[] = { "po-parse", "-0", "--attachments",
		(char *)ib->property, "--files-from", list_path, NULL };
	char *one[] = { "po-parse", "--", num, NULL };
	struct pl_buf list;
	int i, st, out, err, claimed = 0;

	pl_buf_init(&list);
	for (i = 0; i < j->n; i++)
		if (j->disp[i] == '?' && !pl_journal_workbook(j, i)) {
			claimed++;
			pl_buf_addf(&list, "%06d%c", i + 1, '\0');
		}
	st = pl_spool_write(pl_journal_path(j, list_path, "list"), list.s,
	    list.len, e);
	pl_buf_release(&list);
	if (st < 0)
		return -1;
	out = open(pl_journal_path(j, p, "parsed.tsv"), O_WRONLY | O_CREAT |
	    O_TRUNC | O_CLOEXEC, 0666);
	err = open(pl_journal_path(j, q, "parse.err"), O_WRONLY | O_CREAT |
	    O_TRUNC | O_CLOEXEC, 0666);
	if (out < 0 || err < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': %s",
		    out < 0 ? p : q, strerror(errno));
		st = -1;
	} else if (claimed > 0) {
		st = pl_spool_run(ib->tool[PL_INBOX_PARSE], all, -1, out, err,
		    pl_journal_path(j, p, "in"), e);
		if (st > PL_EXIT_CONFIG || st == PL_EXIT_USAGE)
			st = child_failed(j, PL_INBOX_PARSE, st, e);
	}
	if (out >= 0 && fsync(out) < 0 && st >= 0)
		st = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s",
		    pl_journal_path(j, p, "parsed.tsv"), strerror(errno));
	if (out >= 0)
		close(out);
	if (err >= 0)
		close(err);
	if (st < 0)
		return -1;
	if (ib->verbose)
		show(ib, pl_journal_path(j, p, "parse.err"));
	if (dedupe(j, e) < 0) {
		if (st == PL_EXIT_IO) {	/* po-parse's output was cut short */
			show(ib, pl_journal_path(j, p, "parse.err"));
			return child_failed(j, PL_INBOX_PARSE, st, e);
		}
		return -1;
	}
	for (i = 0; i < j->n; i++) {
		if (j->disp[i] != '?' || pl_journal_workbook(j, i))
			continue;
		snprintf(num, sizeof(num), "%06d", i + 1);
		err = open(pl_spool_path(p, "%s/why/%s.err", j->dir, num),
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (err < 0)
			return pl_err_set(e, PL_EXIT_IO, NULL, 0,
			    "cannot create '%s': %s", p, strerror(errno));
		st = pl_spool_run(ib->tool[PL_INBOX_PARSE], one, -1, -1, err,
		    pl_journal_path(j, p, "in"), e);
		close(err);
		if (st < 0)
			return -1;
		if (st == 0) {
			show(ib, pl_journal_path(j, p, "parse.err"));
			return pl_err_set(e, PL_EXIT_IO, NULL, 0, "po-parse "
			    "reads '%s' alone but not in the batch: batch %s "
			    "waits in work/ for the next run", j->name[i],
			    j->id);
		}
		if (st != PL_EXIT_DATA && st != PL_EXIT_IO &&
		    st != PL_EXIT_CONFIG)
			return child_failed(j, PL_INBOX_PARSE, st, e);
		if (write_why(j, i, e) < 0)
			return -1;
		j->disp[i] = 'f';
	}
	for (i = 0; i < j->n; i++)
		if (j->disp[i] == '?' && read_workbook(j, i, e) < 0)
			return -1;
	return pl_spool_sync_dir(ib->property, e);
}

/* Step 2: po-check reviews the kept documents against the spool's
 * catalog, rules and ledger (the journal goes straight to filing when
 * there is nothing to review). */
static int
step_check(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX], tmp[PATH_MAX];
	char *argv[] = { "po-check", "--catalog", (char *)ib->catalog,
		"--rules", (char *)ib->rules, "--ledger", (char *)ib->ledger,
		"--today", j->today, pl_journal_path(j, p, "kept.tsv"), NULL };
	FILE *out;
	int st;

	if ((out = fopen(pl_journal_path(j, tmp, "checked.tsv.tmp"), "w")) ==
	    NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': "
		    "%s", tmp, strerror(errno));
	st = pl_spool_run(ib->tool[PL_INBOX_CHECK], argv, -1, fileno(out), -1,
	    NULL, e);
	if (st != 0) {
		discard(out, tmp);
		return st < 0 ? -1 : child_failed(j, PL_INBOX_CHECK, st, e);
	}
	return close_durable(out, tmp, pl_journal_path(j, p, "checked.tsv"), e);
}

/* Give the batch's file src the name dst in out/, exclusively: a name
 * that exists already must be this very file (a run stopped after it). */
static int
publish(const char *src, const char *dst, struct pl_err *e)
{
	struct stat a, b;
	int err;

	if (link(src, dst) == 0)
		return 0;
	err = errno;
	if (err == EEXIST && stat(src, &a) == 0 && stat(dst, &b) == 0 &&
	    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
		return 0;
	return pl_err_set(e, err == EXDEV || err == EEXIST ? PL_EXIT_CONFIG :
	    PL_EXIT_IO, NULL, 0, "cannot make '%s': %s%s", dst, strerror(err),
	    err == EEXIST ? " (not made by this batch)" : "");
}

/* Step 3: the workbook, and the records beside it, into out/. */
static int
step_sheet(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX], q[PATH_MAX], r[PATH_MAX];
	char *argv[] = { "po-sheet", "-o", pl_journal_path(j, p, "review.xlsx"),
		"--lang", (char *)ib->lang, "--tmpdir", j->dir,
		pl_journal_path(j, q, "checked.tsv"), NULL };
	int st;

	if (!pl_spool_exists(p)) {
		st = pl_spool_run(ib->tool[PL_INBOX_SHEET], argv, -1, -1, -1,
		    NULL, e);
		if (st != 0)
			return st < 0 ? -1 : child_failed(j, PL_INBOX_SHEET, st,
			    e);
		pl_journal_stage(j, "xlsx");
	}
	if (!pl_spool_exists(pl_journal_path(j, q, "records.tsv.gz")) &&
	    pl_spool_gzip(pl_journal_path(j, r, "checked.tsv"), q, e) < 0)
		return -1;
	if (publish(p, pl_spool_path(r, "%s/out/review-%s.xlsx", ib->spool,
	    j->id), e) < 0 || publish(q, pl_spool_path(r,
	    "%s/out/review-%s.tsv.gz", ib->spool, j->id), e) < 0 ||
	    pl_spool_sync_dir(pl_spool_path(r, "%s/out", ib->spool), e) < 0)
		return -1;
	return 0;
}

/* Step 4: the reviewed orders into the ledger, in one transaction;
 * committing them again after a crash changes nothing. */
static int
step_commit(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX];
	char *argv[] = { "po-ledger", "commit", "--today", j->today,
		(char *)ib->ledger, pl_journal_path(j, p, "checked.tsv"), NULL };
	int st;

	st = pl_spool_run(ib->tool[PL_INBOX_LEDGER], argv, -1, -1, -1, NULL, e);
	if (st != 0)
		return st < 0 ? -1 : child_failed(j, PL_INBOX_LEDGER, st, e);
	pl_journal_stage(j, "ledger");
	return 0;
}

/*
 * Step 5: the records of each workbook read (s, or p: in part) into the
 * ledger, oldest first, each workbook in a transaction of its own, after
 * the batch's orders: one the ledger refuses (a document it does not
 * have, an older version of an order) commits nothing of itself, becomes
 * f with po-ledger's message in its why, and stops no other.  Committing
 * a workbook again after a crash changes nothing (po-ledger(1)), and the
 * ledger refuses the same workbook the same way again.
 */
static int
step_signoff(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char p[PATH_MAX], q[PATH_MAX], r[PATH_MAX], tsv[32], err[32];
	char lerr[32], out[32];
	char *argv[] = { "po-ledger", "commit", "--today", j->today,
		(char *)ib->ledger, p, NULL };
	const char *errs[] = { err, lerr };
	struct pl_buf b;
	int i, fd, fo, st, done = 0;

	for (i = 0; i < j->n; i++) {
		if (!pl_journal_workbook(j, i) || (j->disp[i] != 's' &&
		    j->disp[i] != 'p'))
			continue;
		pl_journal_path(j, p, wb_file(tsv, sizeof(tsv), i, ".tsv"));
		wb_file(err, sizeof(err), i, ".err");
		fd = open(pl_journal_path(j, q, wb_file(lerr, sizeof(lerr), i,
		    ".lerr")), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		fo = open(pl_journal_path(j, r, wb_file(out, sizeof(out), i,
		    ".new")), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0 || fo < 0) {
			pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': "
			    "%s", fd < 0 ? q : r, strerror(errno));
			st = -1;
		} else
			st = pl_spool_run(ib->tool[PL_INBOX_LEDGER], argv, -1,
			    fo, fd, NULL, e);
		if (fd >= 0)
			close(fd);
		if (fo >= 0)
			close(fo);
		if (st < 0)
			return -1;
		if (st == PL_EXIT_DATA) {
			/* in part: its refused rows, then the ledger's word */
			if ((j->disp[i] == 'p' ? why_from(j, i, errs, 2, NULL,
			    e) : why_from(j, i, errs + 1, 1, NULL, e)) < 0)
				return -1;
			j->disp[i] = 'f';
			continue;
		}
		if (st != 0)
			return child_failed(j, PL_INBOX_LEDGER, st, e);
		/* what it said it committed, for the summary: the first
		 * run's, when a crash made this one find it all there */
		pl_buf_init(&b);
		pl_journal_path(j, q, wb_file(out, sizeof(out), i, ".out"));
		if (pl_spool_read(q, &b, NULL) == 0 &&
		    strncmp(b.s, "committed ", 10) == 0)
			unlink(r);
		else
			rename(r, q);
		pl_buf_release(&b);
		if (done++ == 0)
			pl_journal_stage(j, "signoff");
	}
	return 0;
}

/*
 * Step 6: the answers to the customers.  po-respond writes, for each
 * order whose decision is final and not yet answered, its response in the
 * order's own standard and, where the customer must confirm in writing,
 * a confirmation request, into out/responses/ (a cXML order's original
 * found in done/), and the ledger records what it answered: run again
 * after a crash, it writes nothing twice.  The names it wrote are added
 * to responses.out for the summary.  An order it cannot answer (exit 1
 * or 3: its original gone or changed, the folder not writable) is said
 * on the batch's messages and stops nothing: the next run tries again.
 */
static int
step_respond(struct pl_journal *j, struct pl_err *e)
{
	const struct pl_inbox *ib = j->user;
	char dir[PATH_MAX], done[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
	char *argv[] = { "po-respond", "--today", j->today, "--orders", done,
		(char *)ib->ledger, "-o", dir, NULL };
	struct pl_buf b;
	int fo, fd, st = -1;

	pl_spool_path(dir, "%s/out/responses", ib->spool);
	pl_spool_path(done, "%s/done", ib->spool);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': "
		    "%s", dir, strerror(errno));
	fo = open(pl_journal_path(j, p, "responses.out"), O_WRONLY | O_CREAT |
	    O_APPEND | O_CLOEXEC, 0666);
	fd = open(pl_journal_path(j, q, "responses.err"), O_WRONLY | O_CREAT |
	    O_TRUNC | O_CLOEXEC, 0666);
	if (fo < 0 || fd < 0)
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create '%s': %s",
		    fo < 0 ? p : q, strerror(errno));
	else
		st = pl_spool_run(ib->tool[PL_INBOX_RESPOND], argv, -1, fo, fd,
		    NULL, e);
	if (fo >= 0)
		close(fo);
	if (fd >= 0)
		close(fd);
	if (st < 0)
		return -1;
	if (st != 0 && st != PL_EXIT_DATA && st != PL_EXIT_IO)
		return child_failed(j, PL_INBOX_RESPOND, st, e);
	pl_buf_init(&b);
	if (ib->msgs && pl_spool_read(q, &b, NULL) == 0 && b.len > 0)
		fputs(b.s, ib->msgs);
	pl_buf_release(&b);
	pl_journal_stage(j, "respond");
	return 0;
}

/* A file of the inbox, about to be claimed. */
struct cand {
	char *name;
	struct stat st;
};

/* Orders before workbooks, each oldest first (then by name). */
static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int wx = strchr(x->name, '/') != NULL, wy = strchr(y->name, '/') != NULL;

	if (wx != wy)
		return wx - wy;
	if (x->st.st_mtim.tv_sec != y->st.st_mtim.tv_sec)
		return x->st.st_mtim.tv_sec < y->st.st_mtim.tv_sec ? -1 : 1;
	if (x->st.st_mtim.tv_nsec != y->st.st_mtim.tv_nsec)
		return x->st.st_mtim.tv_nsec < y->st.st_mtim.tv_nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
is_order_name(const char *s)
{
	size_t n = strlen(s);

	return (n > 4 && strcasecmp(s + n - 4, ".xml") == 0) ||
	    (n > 7 && strcasecmp(s + n - 7, ".xml.gz") == 0);
}

/* A workbook's name: *.xlsx, but not "~$NAME.xlsx", the owner file Excel
 * keeps beside a workbook open on a share. */
static int
is_workbook_name(const char *s)
{
	size_t n = strlen(s);

	return n > 5 && strcasecmp(s + n - 5, ".xlsx") == 0 &&
	    strncmp(s, "~$", 2) != 0;
}

static int
same(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_ino == b->st_ino &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The path of a candidate's name (NAME of inbox/, signed/NAME) into p. */
static char *
cand_path(const struct pl_inbox *ib, char *p, const char *name)
{
	return strchr(name, '/') ? pl_spool_path(p, "%s/%s", ib->spool, name) :
	    pl_spool_path(p, "%s/inbox/%s", ib->spool, name);
}

/* The entries of the spool's folder dir whose names ok takes, added to
 * *cand (*n of them, *young of them changed within settle seconds) under
 * their names prefixed with prefix; the others counted as ignored. */
static int
scan_dir(const struct pl_inbox *ib, const char *dir, const char *prefix,
    int (*ok)(const char *), struct cand **cand, int *n, int *young,
    struct pl_inbox_tally *t, struct pl_err *e)
{
	char p[PATH_MAX];
	struct cand *more;
	struct dirent *d;
	struct stat st;
	time_t now = time(NULL);
	DIR *dp;

	if ((dp = opendir(pl_spool_path(p, "%s/%s", ib->spool, dir))) == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s': %s",
		    p, strerror(errno));
	while ((d = readdir(dp)) != NULL && *n < MAX_BATCH) {
		if (d->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(dp), d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;	/* gone meanwhile */
		if (!S_ISREG(st.st_mode) || !ok(d->d_name)) {
			t->ignored++;
			continue;
		}
		if ((more = realloc(*cand, (size_t)(*n + 1) * sizeof(**cand))) ==
		    NULL || (more[*n].name = malloc(strlen(prefix) +
		    strlen(d->d_name) + 1)) == NULL) {
			*cand = more ? more : *cand;
			closedir(dp);
			return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
		}
		*cand = more;
		strcpy(stpcpy(more[*n].name, prefix), d->d_name);
		more[*n].st = st;
		if (now - st.st_mtim.tv_sec < ib->settle ||
		    now - st.st_ctim.tv_sec < ib->settle)
			(*young)++;
		(*n)++;
	}
	closedir(dp);
	return 0;
}

/*
 * The files that have settled, orders first, then workbooks, each oldest
 * first: the regular files of inbox/ named *.xml or *.xml.gz and of
 * signed/ named *.xlsx, not hidden (copy tools write hidden temporary
 * names).  A file changed (modified, or its inode changed) within the
 * last settle seconds is looked at again after settle seconds, and taken
 * only if it has not changed meanwhile; the others go into left.
 */
static int
scan(const struct pl_inbox *ib, struct pl_inbox_tally *t, struct cand **out,
    int *nout, struct pl_buf *left, struct pl_err *e)
{
	char p[PATH_MAX];
	struct cand *cand = NULL;
	struct stat st;
	int n = 0, i, j, young = 0, oom = 0, rc;

	rc = scan_dir(ib, "inbox", "", is_order_name, &cand, &n, &young, t, e);
	if (rc == 0)
		rc = scan_dir(ib, "signed", PL_JOURNAL_SIGNED_DIR,
		    is_workbook_name, &cand, &n, &young, t, e);
	if (rc == 0 && young > 0) {
		sleep((unsigned)ib->settle);
		for (i = j = 0; i < n; i++) {
			if (lstat(cand_path(ib, p, cand[i].name), &st) == 0 &&
			    same(&st, &cand[i].st))
				cand[j++] = cand[i];
			else {
				t->waiting++;
				if (pl_buf_add(left, cand[i].name,
				    strlen(cand[i].name) + 1) < 0)
					oom = 1;
				free(cand[i].name);
			}
		}
		n = j;
	}
	if (rc == 0 && n > 0)
		qsort(cand, (size_t)n, sizeof(*cand), cand_cmp);
	*out = cand;
	*nout = n;
	if (rc == 0 && oom)
		rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	return rc;
}

/*
 * The files still changing (left: names, NUL-separated) are remembered in
 * SPOOL/.waiting as "SECONDS NAME", NUL-terminated, SECONDS the clock
 * when a run first found each changing; a name no longer waiting is
 * forgotten.  One that has waited ib->stuck seconds or more (a copy that
 * hangs, a program that keeps touching the file) goes into t->stuck, for
 * the summary: so cron mails that a file is stuck instead of silence.
 */
static int
track_waiting(const struct pl_inbox *ib, const struct pl_buf *left,
    struct pl_inbox_tally *t, struct pl_err *e)
{
	char p[PATH_MAX], *end;
	struct pl_buf old, now_waiting;
	struct pl_hash *seen;
	const char *s;
	long long first, now = (long long)time(NULL);
	int rc = 0;

	pl_spool_path(p, "%s/.waiting", ib->spool);
	if ((seen = pl_hash_new()) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	pl_buf_init(&old);
	pl_buf_init(&now_waiting);
	if (pl_spool_read(p, &old, e) < 0) {
		if (errno != ENOENT)
			rc = -1;	/* e says why */
		else
			pl_err_clear(e);
	}
	for (s = old.s; rc == 0 && s < old.s + old.len; s += strlen(s) + 1) {
		first = strtoll(s, &end, 10);
		if (*end == ' ' && pl_hash_add(seen, end + 1, first, NULL) < 0)
			rc = -1;
	}
	for (s = left->s; rc == 0 && s < left->s + left->len;
	    s += strlen(s) + 1) {
		first = now;
		if (pl_hash_add(seen, s, now, &first) < 0 ||
		    pl_buf_addf(&now_waiting, "%lld %s%c", first, s, '\0') < 0)
			rc = -1;
		else if (now - first >= ib->stuck) {
			if (pl_buf_addf(&t->stuck, "%lld %s%c", first, s,
			    '\0') < 0)
				rc = -1;
			t->nstuck++;
		}
	}
	if (rc < 0 && e->status == 0)
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (rc == 0 && now_waiting.len > 0)
		rc = pl_spool_write(p, now_waiting.s, now_waiting.len, e);
	else if (rc == 0 && old.len > 0 && unlink(p) < 0 && errno != ENOENT)
		rc = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot remove '%s': %s",
		    p, strerror(errno));
	pl_buf_release(&old);
	pl_buf_release(&now_waiting);
	pl_hash_free(seen);
	return rc;
}

/* A batch filed: its files and workbook, for the summary. */
static void
count(const struct pl_journal *j)
{
	struct pl_inbox *ib = j->user;
	struct pl_inbox_tally *t = &ib->tally;
	char p[PATH_MAX], name[32];
	struct pl_buf b;
	const char *s;
	long k, m;
	int i;

	pl_buf_init(&b);
	for (i = 0; i < j->n; i++) {
		if (pl_journal_workbook(j, i)) {
			t->workbooks += j->disp[i] != '-';
			t->read += j->disp[i] == 's';
			t->part += j->disp[i] == 'p';
			t->wfailed += j->disp[i] == 'f';
			/* "committed N sign-offs and N decisions to LEDGER
			 * (N sign-offs already there)", as po-ledger said */
			if ((j->disp[i] != 's' && j->disp[i] != 'p') ||
			    pl_spool_read(pl_journal_path(j, p, wb_file(name,
			    sizeof(name), i, ".out")), &b, NULL) < 0 ||
			    sscanf(b.s, "committed %ld sign-offs and %ld", &k,
			    &m) != 2)
				continue;
			t->signoffs += k;
			t->decisions += m;
			if ((s = strrchr(b.s, '(')) != NULL &&
			    sscanf(s, "(%ld sign-offs already", &k) == 1)
				t->already += k;
			continue;
		}
		t->files += j->disp[i] != '-';
		t->reviewed += j->disp[i] == 'r';
		t->dup += j->disp[i] == 'd';
		t->failed += j->disp[i] == 'f';
	}
	/* the names po-respond wrote, one a line */
	pl_buf_reset(&b);
	if (pl_spool_read(pl_journal_path(j, p, "responses.out"), &b, NULL) ==
	    0) {
		const char *l, *nl;

		for (l = b.s; l && *l; l = nl ? nl + 1 : NULL) {
			size_t n = (nl = strchr(l, '\n')) ? (size_t)(nl - l) :
			    strlen(l);

			if (n > 13 && memcmp(l + n - 13, "-confirm.xlsx", 13) == 0)
				t->confirms++;
			else if (n > 0)
				t->responses++;
		}
	}
	pl_buf_release(&b);
	if (pl_spool_exists(pl_spool_path(p, "%s/out/review-%s.xlsx", ib->spool,
	    j->id)))
		pl_buf_addf(&t->books, "%sout/review-%s.xlsx", t->books.len ?
		    ", " : "", j->id);
}

/* The steps the journal drives; the stage hook is the caller's. */
static const struct pl_journal_steps steps = { step_parse, step_check,
	step_sheet, step_commit, step_signoff, step_respond, count, NULL };

void
pl_inbox_init(struct pl_inbox *ib, FILE *msgs, void (*stage)(const char *))
{
	memset(ib, 0, sizeof(*ib));
	ib->msgs = msgs;
	ib->steps = steps;
	ib->steps.stage = stage;
	pl_buf_init(&ib->tally.books);
	pl_buf_init(&ib->tally.stuck);
}

void
pl_inbox_release(struct pl_inbox *ib)
{
	pl_buf_release(&ib->tally.books);
	pl_buf_release(&ib->tally.stuck);
}

/* Claim the settled files of the inbox as a new batch and run it. */
static int
take_inbox(struct pl_inbox *ib, struct pl_err *e)
{
	struct pl_inbox_tally *t = &ib->tally;
	struct cand *cand = NULL;
	struct pl_buf left, names;
	struct pl_journal j;
	int n = 0, i, rc;

	pl_buf_init(&left);
	pl_buf_init(&names);
	rc = scan(ib, t, &cand, &n, &left, e);
	if (rc == 0)
		rc = track_waiting(ib, &left, t, e);
	pl_buf_release(&left);
	for (i = 0; rc == 0 && i < n; i++)
		if (pl_buf_add(&names, cand[i].name, strlen(cand[i].name) +
		    1) < 0)
			rc = pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory");
	if (rc == 0 && n > 0) {
		pl_journal_init(&j, ib->spool, &ib->steps, ib);
		rc = pl_journal_claim(&j, ib->start, ib->today, names.s,
		    names.len, e);
		if (rc == 0)
			rc = pl_journal_run(&j, e);
		pl_journal_release(&j);
	}
	pl_buf_release(&names);
	for (i = 0; i < n; i++)
		free(cand[i].name);
	free(cand);
	return rc;
}

int
pl_inbox_run(struct pl_inbox *ib, struct pl_err *e)
{
	struct pl_journal j;

	if (preflight(ib, e) < 0)
		return -1;
	pl_journal_init(&j, ib->spool, &ib->steps, ib);
	if (pl_journal_recover(&j, ib->today, e) < 0)
		return -1;
	return take_inbox(ib, e);
}

/* A length of time, for people: "1 h", "90 min", "45 s". */
static void
put_span(FILE *out, long long secs)
{
	if (secs >= 3600 && secs % 3600 == 0)
		fprintf(out, "%lld h", secs / 3600);
	else if (secs >= 60 && secs % 60 == 0)
		fprintf(out, "%lld min", secs / 60);
	else
		fprintf(out, "%lld s", secs);
}

/* A file name, quoted, on the summary's one line: valid UTF-8, and a
 * control character or a backslash as a C escape. */
static void
put_name(FILE *out, const char *name)
{
	struct pl_buf b;
	const char *s;

	pl_buf_init(&b);
	fputc('\'', out);
	if (pl_utf8_clean(name, &b) < 0)
		pl_buf_reset(&b);
	for (s = b.s; *s; s++) {
		if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(out, "\\%03o", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('\'', out);
	pl_buf_release(&b);
}

/* The files of folder dir (inbox, or signed: their names prefixed) that
 * never settled: "; not settled for over 1 h, left in inbox/: 'a.xml'
 * (changing since 2026-11-27 01:00:05 UTC), ..." */
static void
put_stuck(FILE *out, const struct pl_inbox *ib, const struct pl_inbox_tally *t,
    const char *dir)
{
	const size_t pre = strlen(PL_JOURNAL_SIGNED_DIR);
	const char *s, *name;
	char *end, when[32];
	time_t first;
	struct tm tm;
	int n = 0;

	for (s = t->stuck.s; s < t->stuck.s + t->stuck.len;
	    s += strlen(s) + 1) {
		first = (time_t)strtoll(s, &end, 10);
		name = end + 1;
		if ((strncmp(name, PL_JOURNAL_SIGNED_DIR, pre) == 0) !=
		    (strcmp(dir, "signed") == 0))
			continue;
		if (strcmp(dir, "signed") == 0)
			name += pre;
		if (n++ == 0) {
			fputs("; not settled for over ", out);
			put_span(out, ib->stuck);
			fprintf(out, ", left in %s/: ", dir);
		} else
			fputs(", ", out);
		gmtime_r(&first, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		put_name(out, name);
		fprintf(out, " (changing since %s UTC)", when);
	}
}

/* What was done with the signed workbooks: "2 signed workbooks: 1 read,
 * 1 read in part, 0 failed; 40 sign-offs and 19 decisions committed". */
static void
put_workbooks(FILE *out, const struct pl_inbox_tally *t)
{
	fprintf(out, "%d signed workbook%s: %d read, ", t->workbooks,
	    t->workbooks == 1 ? "" : "s", t->read);
	if (t->part > 0)
		fprintf(out, "%d read in part, ", t->part);
	fprintf(out, "%d failed; %ld sign-off%s and %ld decision%s committed",
	    t->wfailed, t->signoffs, t->signoffs == 1 ? "" : "s", t->decisions,
	    t->decisions == 1 ? "" : "s");
	if (t->already > 0)
		fprintf(out, " (%ld sign-off%s already there)", t->already,
		    t->already == 1 ? "" : "s");
}

void
pl_inbox_summary(const struct pl_inbox *ib, FILE *out)
{
	const struct pl_inbox_tally *t = &ib->tally;

	if (t->files == 0 && t->workbooks == 0 && t->nstuck == 0 &&
	    !ib->verbose)
		return;
	fprintf(out, "%s: %s: ", pl_progname(), ib->spool);
	if (t->files == 0 && t->workbooks == 0 && t->waiting > 0)
		fputs("no file taken", out);
	else if (t->files == 0 && t->workbooks == 0)
		fputs("nothing to do", out);
	if (t->files > 0)
		fprintf(out, "%d file%s: %d reviewed, %d duplicate%s, %d failed",
		    t->files, t->files == 1 ? "" : "s", t->reviewed, t->dup,
		    t->dup == 1 ? "" : "s", t->failed);
	if (t->workbooks > 0) {
		if (t->files > 0)
			fputs("; ", out);
		put_workbooks(out, t);
	}
	if (t->responses + t->confirms > 0) {
		fprintf(out, "; %ld response%s", t->responses,
		    t->responses == 1 ? "" : "s");
		if (t->confirms > 0)
			fprintf(out, " and %ld confirmation request%s",
			    t->confirms, t->confirms == 1 ? "" : "s");
		fputs(" written to out/responses/", out);
	}
	if (t->books.len > 0)
		fprintf(out, "; %s", t->books.s);
	if (t->waiting > 0)
		fprintf(out, "; %d still changing, left for the next run",
		    t->waiting);
	if (t->nstuck > 0) {
		put_stuck(out, ib, t, "inbox");
		put_stuck(out, ib, t, "signed");
	}
	if (t->ignored > 0 && ib->verbose)
		fprintf(out, "; %d other entr%s in inbox/ and signed/ ignored",
		    t->ignored, t->ignored == 1 ? "y" : "ies");
	fputc('\n', out);
}

int
pl_inbox_failed(const struct pl_inbox *ib)
{
	const struct pl_inbox_tally *t = &ib->tally;

	return t->failed + t->part + t->wfailed > 0;
}
