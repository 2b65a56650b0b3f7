/*
 * per.c: po-sheet --per, one workbook per department or customer (per.h).
 */
#include "per.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

/* a job writes all its departments' workbooks in one reading */
_Static_assert(PL_SIGNOFF_NDEPT <= PL_PER_GROUP, "departments in a group");


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
	int quiet;		/* what is wrong with the inputs is not said
				   here: said already, or by worker 0 */
	int status, unread, reviewed;
	int worker;		/* which job this is, 0 first */
	int go;			/* a job's pipe from the parent, else -1 */
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

/* No workbook written: no review came, or an input was not read whole. */
static void
not_written(struct run *r)
{
	struct pl_err e;

	pl_err_set(&e, r->status ? r->status : PL_EXIT_DATA, NULL, 0,
	    "%s: no workbook written in '%s'", r->unread ? "an input could "
	    "not be read whole" : "no reviewed records (po-check's output)",
	    r->o->dir);
	say(r, &e);
}

/* A byte from the parent (a job's pipe): the byte, or 0 when none came. */
static char
told(int fd)
{
	char c;
	ssize_t got;

	while ((got = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	return got == 1 ? c : 0;
}

/* Write the workbooks of targets idx[0..k-1] in one reading of the
 * inputs; rename them into place only when it was whole. */
static void
write_group(struct run *r, const size_t *idx, size_t k, int n,
    char *const *inputs)
{
	char *tmp[PL_PER_GROUP], *path;
	struct pl_sheet_opts so;
	struct pl_err e;
	size_t i;
	int quiet = r->quiet, whole;

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
	r->quiet = quiet;
	read_inputs(r, n, inputs);
	/* standard input was dealt by the parent: was it read whole? */
	if (r->go >= 0 && told(r->go) != 'y')
		r->unread = 1;
	r->go = -1;
	if (!(whole = r->reviewed && !r->unread)) {
		/* the departments' workers read the same: worker 0 says it;
		 * a customer's group found what the first reading did not */
		r->quiet = r->o->what == PL_PER_DEPT && r->worker > 0;
		not_written(r);
	}
	r->quiet = 0;	/* what goes wrong now is news */
	for (i = 0; i < r->nopen; i++) {
		path = malloc(strlen(r->o->dir) + strlen(r->t[idx[i]].name) + 2);
		if (path)
			sprintf(path, "%s/%s", r->o->dir, r->t[idx[i]].name);
		if (!whole)
			pl_sheet_close(r->open[i], NULL);
		else if (path == NULL)
			oom(r);
		else if (pl_sheet_close(r->open[i], &e) < 0 ||
		    pl_book_commit(tmp[i], path, &e) < 0)
			say(r, &e);
		unlink(tmp[i]);		/* when it was not renamed */
		free(tmp[i]);
		free(path);
	}
	r->nopen = 0;
	r->quiet = quiet;
}

/* Worker w of jobs: targets w, w + jobs, ..., PL_PER_GROUP at a time. */
static void
work(struct run *r, size_t w, size_t jobs, int n, char *const *inputs)
{
	size_t idx[PL_PER_GROUP], k = 0, i;

	r->worker = (int)w;
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

/* --- side by side ------------------------------------------------------ */

/*
 * Each job is a child process with a pipe from the parent (go): 's' to
 * start (else it ends at once, having touched nothing), then, once its
 * inputs are read, 'y' when standard input was read whole.  When the
 * inputs name standard input, the parent deals it to every job through
 * a pipe of its own (in) as it comes, so that each reads it once, as
 * the records come down the chain.
 */
struct job {
	pid_t pid;
	int go, in;	/* the parent's ends, -1 for none */
};

/* Tell every job c, and close its pipes. */
static void
tell_all(struct job *job, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (job[i].in >= 0)
			close(job[i].in);
		if (job[i].go >= 0) {
			pl_write_all(job[i].go, &c, 1);
			close(job[i].go);
		}
		job[i].in = job[i].go = -1;
	}
}

/* Standard input to every job's pipe: 'y' when it was read whole, else
 * 'n' said. */
static char
deal_stdin(struct run *r, struct job *job, size_t n)
{
	static char buf[1 << 16];
	struct sigaction ign, old;
	struct pl_err e;
	ssize_t got;
	size_t i;

	/* a job that is gone is no reason to die here */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	while ((got = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		for (i = 0; i < n; i++)
			if (job[i].in >= 0 &&
			    pl_write_all(job[i].in, buf, (size_t)got) < 0) {
				close(job[i].in);
				job[i].in = -1;
			}
	}
	sigaction(SIGPIPE, &old, NULL);
	if (got == 0)
		return 'y';
	pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot read standard input: %s",
	    strerror(errno));
	say(r, &e);
	return 'n';
}

/* Job w: reads what the parent tells it (go), standard input from in
 * when not -1; never returns. */
static void
job_main(struct run *r, size_t w, size_t jobs, int go, int in, int n,
    char *const *inputs)
{
	r->status = PL_EXIT_OK;
	if (in >= 0) {
		if (dup2(in, STDIN_FILENO) < 0)
			_exit(PL_EXIT_IO);
		close(in);
		clearerr(stdin);
	}
	if (told(go) == 's') {
		r->go = in >= 0 ? go : -1;
		r->quiet = r->quiet || w > 0;
		work(r, w, jobs, n, inputs);
	}
	fflush(NULL);
	_exit(r->status);
}

/* The workbooks in jobs processes side by side, standard input dealt to
 * them when tee; when one cannot be started, all here in one. */
static void
run_jobs(struct run *r, size_t jobs, int tee, int n, char *const *inputs)
{
	struct job job[64];	/* jobs: at most 64 (pl_per_run) */
	size_t i, j, started = 0;
	int st, gp[2], ip[2];
	char ok = 'y';

	fflush(NULL);
	for (i = 0; i < jobs; i++) {
		ip[0] = ip[1] = -1;
		if (pipe(gp) < 0)
			break;
		if (tee && pipe(ip) < 0) {
			close(gp[0]);
			close(gp[1]);
			break;
		}
#ifdef F_SETPIPE_SZ
		if (tee)	/* fewer turns between the parent and the job */
			fcntl(ip[1], F_SETPIPE_SZ, 1 << 20);
#endif
		if ((job[i].pid = fork()) == 0) {
			for (j = 0; j < i; j++) {	/* only its own */
				close(job[j].go);
				if (job[j].in >= 0)
					close(job[j].in);
			}
			close(gp[1]);
			if (ip[1] >= 0)
				close(ip[1]);
			job_main(r, i, jobs, gp[0], ip[0], n, inputs);
		}
		close(gp[0]);
		if (ip[0] >= 0)
			close(ip[0]);
		job[i].go = gp[1];
		job[i].in = ip[1];
		if (job[i].pid < 0) {
			close(gp[1]);
			if (ip[1] >= 0)
				close(ip[1]);
			break;
		}
		started++;
	}
	if (started < jobs) {
		/* those started end at once; the rest here, as one */
		tell_all(job, started, 'x');
		while (wait(&st) > 0)
			;
		work(r, 0, 1, n, inputs);
		return;
	}
	for (i = 0; i < jobs; i++)
		pl_write_all(job[i].go, "s", 1);
	if (tee)
		ok = deal_stdin(r, job, jobs);
	tell_all(job, jobs, ok);
	while (wait(&st) > 0)
		r->status = pl_worst(r->status, WIFEXITED(st) ?
		    WEXITSTATUS(st) : PL_EXIT_INTERNAL);
}

/* Standard input into a hidden file of the folder, to read again: its
 * path, or NULL said. */
static char *
keep_stdin(struct run *r)
{
	struct pl_err e;
	char *path = pl_cli_keep_stdin(r->o->dir, "po-sheet-in", &e);

	if (path == NULL)
		say(r, &e);
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
	int j, tee = 0;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.go = -1;
	pl_buf_init(&r.buf);
	if (n == 0) {
		n = 1;
		inputs = dash;
	}
	if (jobs > 64)
		jobs = 64;
	if (o->what == PL_PER_DEPT) {
		/* the six are known before reading: each job reads the
		 * inputs once, standard input dealt to it as it comes */
		for (i = 0; i < PL_SIGNOFF_NDEPT; i++)
			add_target(&r, pl_signoff_depts[i]);
		for (j = 0; j < n; j++)
			tee |= strcmp(inputs[j], "-") == 0;
		if (jobs > r.nt)
			jobs = r.nt;
		if (jobs == 1)
			work(&r, 0, 1, n, inputs);
		else
			run_jobs(&r, jobs, tee, n, inputs);
		goto out;
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
	/* the customers' first reading: what is wrong is said once (of
	 * standard input as such, read again from its copy), the buyers
	 * found */
	if (kept && freopen(kept, "r", stdin) == NULL) {
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot read '%s' again: "
		    "%s", kept, strerror(errno));
		say(&r, &e);
		goto out;
	}
	read_inputs(&r, n, inputs);
	if (!r.reviewed || r.unread) {
		not_written(&r);
		goto out;
	}
	r.quiet = 1;
	if (jobs > r.nt)
		jobs = r.nt ? r.nt : 1;
	if (jobs == 1)
		work(&r, 0, 1, n, in);
	else
		run_jobs(&r, jobs, 0, n, in);
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
