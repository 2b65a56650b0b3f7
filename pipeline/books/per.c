/*
 * per.c: po-sheet --per, one workbook per department or customer (per.h).
 */
#include "per.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "cli.h"
#include "docs.h"
#include "order.h"
#include "signoff.h"


struct target {
	char *key;		/* the department, or the buyer */
	char *name;		/* its workbook's file name */
};

struct run {
	const struct pl_per_opts *o;
	struct target *t;
	size_t nt, cap;
	struct pl_sheet *open[PL_PER_GROUP];
	size_t nopen;
	int quiet;		/* the inputs were read once: said already */
	int status, unread, reviewed;
	struct pl_buf buf;
};

static void
say(struct run *r, const struct pl_err *e)
{
	r->status = pl_worst(r->status, e->status);
	if (!r->quiet && r->o->diag)
		r->o->diag(e);
}

static int
oom(struct run *r)
{
	struct pl_err e;

	pl_err_set(&e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	say(r, &e);
	return -1;
}

/* A file name of key: "review-KEY.xlsx", its bytes but letters, digits,
 * dot, dash and underscore as "_", at most 80 of them, "-2" and on when
 * another target has it already. */
static char *
name_of(struct run *r, const char *key)
{
	char safe[81], *name;
	size_t size, j;
	int n = 1;

	pl_safe_name(key, safe, sizeof(safe));
	size = sizeof(safe) + 32;
	if ((name = malloc(size)) == NULL)
		return NULL;
	for (;;) {
		if (n == 1)
			snprintf(name, size, "review-%s.xlsx", safe);
		else
			snprintf(name, size, "review-%s-%d.xlsx", safe, n);
		for (j = 0; j < r->nt && strcmp(r->t[j].name, name) != 0; j++)
			;
		if (j == r->nt)
			return name;
		n++;
	}
}

static int
add_target(struct run *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nt; i++)
		if (strcmp(r->t[i].key, key) == 0)
			return 0;
	if (r->nt == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		struct target *t = realloc(r->t, cap * sizeof(*t));

		if (t == NULL)
			return oom(r);
		r->t = t;
		r->cap = cap;
	}
	if ((r->t[r->nt].key = strdup(key)) == NULL ||
	    (r->t[r->nt].name = name_of(r, key)) == NULL) {
		free(r->t[r->nt].key);
		return oom(r);
	}
	r->nt++;
	return 0;
}

/* --- reading the inputs ---------------------------------------------- */

static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;
	size_t i;

	if (r->nopen == 0 && r->o->what == PL_PER_CUSTOMER) {
		pl_buf_reset(&r->buf);	/* the first reading: the buyers */
		if (pl_order_buyer(&d->o, &r->buf) == 0)
			add_target(r, r->buf.s);
	}
	for (i = 0; i < r->nopen; i++)
		pl_sheet_doc(r->open[i], &d->o, d->have_verdict ? d->verdict :
		    NULL);
}

static void
on_other(void *user, char *const *f, int nf)
{
	struct run *r = user;
	size_t i;

	for (i = 0; i < r->nopen && nf > 0; i++)
		if (strcmp(f[0], "run") == 0)
			pl_sheet_run(r->open[i], f, nf);
		else if (strcmp(f[0], "capacity") == 0)
			pl_sheet_capacity(r->open[i], f, nf);
}

static void
on_error(void *user, const struct pl_err *e)
{
	struct run *r = user;

	say(r, e);
	r->unread |= e->status == PL_EXIT_IO;
}

static const struct pl_docs_handler handler = { on_doc, NULL, on_other,
	on_error };

static void
read_inputs(struct run *r, int n, char *const *inputs)
{
	struct pl_docs d;
	int i;

	pl_docs_init(&d, &handler, r);
	d.want = PL_DOCS_REVIEWED;
	for (i = 0; i < n; i++)
		pl_docs_read(&d, inputs[i]);
	pl_docs_end(&d);
	r->reviewed = d.reviewed;
	pl_docs_release(&d);
}

/* --- writing ---------------------------------------------------------- */

/* Write the workbooks of targets idx[0..k-1] in one reading. */
static void
write_group(struct run *r, const size_t *idx, size_t k, int n,
    char *const *inputs)
{
	char *tmp[PL_PER_GROUP], *path;
	struct pl_sheet_opts so;
	struct pl_err e;
	size_t i;

	r->nopen = 0;
	for (i = 0; i < k; i++) {
		if ((path = malloc(strlen(r->o->dir) +
		    strlen(r->t[idx[i]].name) + 2)) != NULL)
			sprintf(path, "%s/%s", r->o->dir, r->t[idx[i]].name);
		tmp[i] = path ? pl_book_tmpfile(path, "po-sheet", &e) : NULL;
		if (tmp[i] == NULL) {
			if (path == NULL)
				pl_err_set(&e, PL_EXIT_INTERNAL, NULL, 0,
				    "out of memory");
			free(path);
			r->quiet = 0;
			say(r, &e);
			break;
		}
		free(path);
		so = r->o->sheet;
		if (r->o->what == PL_PER_DEPT)
			so.dept = r->t[idx[i]].key;
		else
			so.buyer = r->t[idx[i]].key;
		if ((r->open[i] = pl_sheet_open(tmp[i], &so, &e)) == NULL) {
			r->quiet = 0;
			say(r, &e);
			unlink(tmp[i]);
			free(tmp[i]);
			break;
		}
		r->nopen++;
	}
	read_inputs(r, n, inputs);
	r->quiet = 0;	/* what goes wrong now is news */
	for (i = 0; i < r->nopen; i++) {
		path = malloc(strlen(r->o->dir) + strlen(r->t[idx[i]].name) + 2);
		if (path)
			sprintf(path, "%s/%s", r->o->dir, r->t[idx[i]].name);
		if (path == NULL)
			oom(r);
		else if (pl_sheet_close(r->open[i], &e) < 0 ||
		    pl_book_commit(tmp[i], path, &e) < 0)
			say(r, &e);
		unlink(tmp[i]);		/* when it was not renamed */
		free(tmp[i]);
		free(path);
	}
	r->nopen = 0;
	r->quiet = 1;
}

/* Worker w of jobs: targets w, w + jobs, ..., PL_PER_GROUP at a time. */
static void
work(struct run *r, size_t w, size_t jobs, int n, char *const *inputs)
{
	size_t idx[PL_PER_GROUP], k = 0, i;

	for (i = w; i < r->nt; i += jobs) {
		idx[k++] = i;
		if (k == PL_PER_GROUP) {
			write_group(r, idx, k, n, inputs);
			k = 0;
		}
	}
	if (k > 0)
		write_group(r, idx, k, n, inputs);
}

/* Standard input into a hidden file of the folder, to read again: its
 * path, or NULL said. */
static char *
keep_stdin(struct run *r)
{
	char buf[65536], *path = malloc(strlen(r->o->dir) + 32);
	struct pl_err e;
	size_t got;
	FILE *fp = NULL;
	int fd = -1, bad = 0;

	if (path == NULL) {
		oom(r);
		return NULL;
	}
	sprintf(path, "%s/.po-sheet-in.XXXXXX", r->o->dir);
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		bad = 1;
	while (!bad && (got = fread(buf, 1, sizeof(buf), stdin)) > 0)
		bad = fwrite(buf, 1, got, fp) != got;
	bad |= ferror(stdin);
	if (fp ? fclose(fp) != 0 : (fd >= 0 && close(fd) != 0))
		bad = 1;
	if (bad) {
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot keep standard input "
		    "in '%s': %s", r->o->dir, strerror(errno));
		say(r, &e);
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

int
pl_per_run(const struct pl_per_opts *o, int n, char *const *inputs)
{
	static char *const dash[] = { "-" };
	struct run r;
	char **in = NULL, *kept = NULL;
	struct pl_err e;
	size_t i, jobs = o->jobs > 1 ? (size_t)o->jobs : 1;
	int j;

	memset(&r, 0, sizeof(r));
	r.o = o;
	pl_buf_init(&r.buf);
	if (n == 0) {
		n = 1;
		inputs = dash;
	}
	if ((in = calloc((size_t)n, sizeof(*in))) == NULL)
		return oom(&r), r.status;
	for (j = 0; j < n; j++) {
		in[j] = inputs[j];
		if (strcmp(inputs[j], "-") == 0) {
			if (kept == NULL && (kept = keep_stdin(&r)) == NULL)
				goto out;
			in[j] = kept;
		}
	}
	if (o->what == PL_PER_DEPT)
		for (i = 0; i < PL_SIGNOFF_NDEPT; i++)
			add_target(&r, pl_signoff_depts[i]);
	/* the first reading: what is wrong is said once (of standard input
	 * as such, read again from its copy), the buyers found */
	if (kept && freopen(kept, "r", stdin) == NULL) {
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot read '%s' again: "
		    "%s", kept, strerror(errno));
		say(&r, &e);
		goto out;
	}
	read_inputs(&r, n, inputs);
	r.quiet = 1;
	if (!r.reviewed || r.unread) {
		pl_err_set(&e, r.status ? r.status : PL_EXIT_DATA, NULL, 0,
		    "%s: no workbook written in '%s'", r.unread ? "an input "
		    "could not be read whole" : "no reviewed records (po-check's "
		    "output)", o->dir);
		r.quiet = 0;
		say(&r, &e);
		goto out;
	}
	if (jobs > r.nt)
		jobs = r.nt ? r.nt : 1;
	if (jobs == 1)
		work(&r, 0, 1, n, in);
	else {
		pid_t pid;
		int st;

		fflush(NULL);
		for (i = 0; i < jobs; i++) {
			if ((pid = fork()) == 0) {
				r.status = PL_EXIT_OK;
				work(&r, i, jobs, n, in);
				fflush(NULL);
				_exit(r.status);
			}
			if (pid < 0) {
				/* the rest here, one after the other */
				for (; i < jobs; i++)
					work(&r, i, jobs, n, in);
				break;
			}
		}
		while (wait(&st) > 0)
			r.status = pl_worst(r.status, WIFEXITED(st) ?
			    WEXITSTATUS(st) : PL_EXIT_INTERNAL);
	}
out:
	if (kept) {
		unlink(kept);
		free(kept);
	}
	free(in);
	for (i = 0; i < r.nt; i++) {
		free(r.t[i].key);
		free(r.t[i].name);
	}
	free(r.t);
	pl_buf_release(&r.buf);
	return r.status;
}
