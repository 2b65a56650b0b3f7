/*
 * po-respond: answer the customer: an order response in the order's own
 * standard for each decided order the ledger has not answered, and a
 * confirmation request to sign where the customer must confirm in
 * writing (respond.h, confirm.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach.h"
#include "cli.h"
#include "confirm.h"
#include "date.h"
#include "ledger.h"
#include "order.h"
#include "respond.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "today", required_argument, NULL, 't' },
	{ "again", required_argument, NULL, 'a' },
	{ "orders", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--today YYYY-MM-DD] [--again KEY] [--orders "
	    "DIR] LEDGER -o DIR\n", pl_progname());
	exit(status);
}

/* An order document to answer, copied from the ledger. */
struct todo {
	char *key, *docid, *decision, *confirm, *records;
	long long decision_id;
	int answered;
};

struct run {
	struct pl_ledger *l;
	const char *dir, *orders;	/* -o, --orders */
	char today[11];
	time_t created;
	struct todo *todo;
	size_t ntodo, cap;
	struct pl_respond *r;	/* the response being made */
	struct pl_confirm_item *req;	/* strings copied */
	size_t nreq, capreq;
	int oom, written, status;
};

static char *
cp(const char *s, int *oom)
{
	char *d = s ? strdup(s) : NULL;

	*oom |= s && d == NULL;
	return d;
}

static int
collect(void *user, const struct pl_ledger_answer *a)
{
	struct run *run = user;
	struct todo *t;

	if (run->ntodo == run->cap) {
		size_t cap = run->cap ? 2 * run->cap : 32;

		if ((t = realloc(run->todo, cap * sizeof(*t))) == NULL) {
			run->oom = 1;
			return -1;
		}
		run->todo = t;
		run->cap = cap;
	}
	t = &run->todo[run->ntodo++];
	t->key = cp(a->key, &run->oom);
	t->docid = cp(a->docid, &run->oom);
	t->decision = cp(a->decision, &run->oom);
	t->confirm = cp(a->confirm, &run->oom);
	t->records = cp(a->records, &run->oom);
	t->decision_id = a->decision_id;
	t->answered = a->answered;
	return run->oom ? -1 : 0;
}

/* Each finding: the conditions of a sign-off that accepts with them, the
 * reason of one that declines, and a requirement the customer confirms
 * in writing. */
static void
on_finding(void *user, const struct pl_ledger_finding *f)
{
	struct run *run = user;
	struct pl_respond *r = run->r;

	if (f->comment && r->code == PL_RESPOND_CHANGE &&
	    f->decision && strcmp(f->decision, "accept-conditions") == 0)
		run->oom |= pl_respond_conditions(r, f->pos, f->comment) < 0;
	if (f->comment && r->code == PL_RESPOND_REJECT &&
	    f->decision && strcmp(f->decision, "decline") == 0)
		run->oom |= pl_respond_note(r, f->comment) < 0;
	if (f->confirm && strstr(f->confirm, "written") && f->en) {
		struct pl_confirm_item *q;

		if (run->nreq == run->capreq) {
			size_t cap = run->capreq ? 2 * run->capreq : 16;

			if ((q = realloc(run->req, cap * sizeof(*q))) == NULL) {
				run->oom = 1;
				return;
			}
			run->req = q;
			run->capreq = cap;
		}
		q = &run->req[run->nreq++];
		q->pos = cp(f->pos, &run->oom);
		q->field = cp(f->field, &run->oom);
		q->en = cp(f->en, &run->oom);
		q->zh = cp(f->zh, &run->oom);
	}
}

/* Record the file name (in the folder) of kind, its SHA-256 sha. */
static int
record(struct run *run, const struct todo *t, const char *kind,
    const char *name, const char *sha, struct pl_err *e)
{
	struct pl_ledger_response resp = { t->key, t->docid, t->decision_id,
		kind, name, sha, run->today };

	if (pl_ledger_respond(run->l, &resp, e) < 0)
		return -1;
	printf("%s/%s\n", run->dir, name);
	run->written++;
	return 0;
}

/* The confirmation request of the response, when the customer must
 * confirm in writing and the order is accepted. */
static int
confirmation(struct run *run, const struct todo *t, struct pl_err *e)
{
	char name[160], sha[PL_SHA256_HEX], *path;
	int rc = 0;

	pl_respond_name(t->key, t->docid, "-confirm.xlsx", name, sizeof(name));
	if ((path = malloc(strlen(run->dir) + strlen(name) + 2)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	sprintf(path, "%s/%s", run->dir, name);
	if (run->r->code == PL_RESPOND_REJECT || run->nreq == 0 ||
	    t->confirm == NULL || strstr(t->confirm, "written") == NULL) {
		/* one written for an earlier decision no longer holds */
		if (unlink(path) == 0)
			pl_warnx("%s: warning: removed '%s': the order is %s now",
			    t->key, path, t->decision);
	} else if ((rc = pl_confirm_write(path, run->r, run->req, run->nreq,
	    run->created, sha, e)) == 0)
		rc = record(run, t, "confirm", name, sha, e);
	free(path);
	return rc;
}

/* Answer one order document.  0, or -1 with e filled. */
static int
answer(struct run *run, const struct todo *t, struct pl_err *e)
{
	struct pl_order o;
	struct pl_respond r;
	struct pl_buf xml;
	const char *kind, *why, *w;
	char name[160], sha[PL_SHA256_HEX];
	size_t i;
	int rc = -1;

	pl_order_init(&o);
	pl_buf_init(&xml);
	memset(&r, 0, sizeof(r));
	run->nreq = 0;
	if (t->records == NULL) {
		pl_warnx("%s: warning: not answered: the ledger did not keep "
		    "its content (committed before schema 3)", t->key);
		rc = 0;
		goto out;
	}
	if (pl_order_parse(&o, t->records, e) < 0)
		goto out;
	if ((kind = pl_respond_kind(&o, &why)) == NULL) {
		pl_warnx("%s: warning: not answered: %s", t->key, why);
		rc = 0;
		goto out;
	}
	if (pl_respond_init(&r, &o, t->decision, t->decision_id, run->today,
	    e) < 0)
		goto out;
	run->r = &r;
	if (pl_ledger_findings(run->l, t->docid, on_finding, run, e) < 0)
		goto out;
	if (run->oom) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (w = r.warn.s; w && *w; w += strcspn(w, "\n"), w += *w == '\n')
		pl_warnx("%s: warning: %.*s", t->key, (int)strcspn(w, "\n"), w);
	if (strcmp(kind, "cxml") == 0 && pl_respond_cxml_read(&r,
	    o.f[PL_order_source], run->orders, o.f[PL_order_checksum],
	    o.f[PL_order_length], e) < 0)
		goto out;
	pl_respond_name(t->key, t->docid, ".xml", name, sizeof(name));
	if (pl_respond_xml(&r, kind, &xml, e) < 0 ||
	    pl_respond_save(run->dir, name, xml.s, xml.len, e) < 0)
		goto out;
	pl_sha256_hex(xml.s, xml.len, sha);
	if (record(run, t, kind, name, sha, e) < 0)
		goto out;
	rc = confirmation(run, t, e);
out:
	if (rc < 0 && e->msg[0] && strncmp(e->msg, "order '", 7) != 0) {
		char msg[sizeof(e->msg)];	/* say which order */

		memcpy(msg, e->msg, sizeof(msg));
		snprintf(e->msg, sizeof(e->msg), "order '%.80s': %.160s",
		    t->key, msg);
	}
	for (i = 0; i < run->nreq; i++) {
		struct pl_confirm_item *q = &run->req[i];

		free((char *)q->pos), free((char *)q->field);
		free((char *)q->en), free((char *)q->zh);
	}
	run->nreq = 0;
	run->r = NULL;
	pl_respond_release(&r);
	pl_buf_release(&xml);
	pl_order_release(&o);
	return rc;
}

static int
respond(struct run *run, const char *again, struct pl_err *e)
{
	size_t i;

	if (pl_ledger_begin(run->l, e) < 0)
		return -1;
	if (pl_ledger_to_answer(run->l, again, collect, run, e) < 0 ||
	    run->oom) {
		if (run->oom)
			pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		pl_ledger_end(run->l, 0, NULL);
		return -1;
	}
	if (again && run->ntodo == 0)
		pl_err_set(e, PL_EXIT_DATA, NULL, 0, "order '%s': the ledger has "
		    "no decision on it: nothing to write again", again);
	for (i = 0; i < run->ntodo; i++) {
		struct pl_err one;

		pl_err_clear(&one);
		if (answer(run, &run->todo[i], &one) < 0) {
			pl_diag(&one);
			run->status = pl_worst(run->status, one.status);
		}
	}
	return pl_ledger_end(run->l, 1, e);
}

int
main(int argc, char *argv[])
{
	const char *today = NULL, *again = NULL, *dir = NULL;
	struct run run;
	struct pl_err e;
	struct stat st;
	size_t i;
	int ch, t;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();	/* getopt's messages */
	memset(&run, 0, sizeof(run));
	while ((ch = getopt_long(argc, argv, "hVo:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 't': today = optarg; break;
		case 'a': again = optarg; break;
		case 'o': dir = optarg; break;
		case 'r': run.orders = optarg; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc != 1 || dir == NULL || *dir == '\0')
		usage(stderr, PL_EXIT_USAGE);
	pl_err_clear(&e);
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		return PL_EXIT_USAGE;
	}
	pl_date_format(t, run.today);
	run.created = (time_t)t * 86400;
	run.dir = dir;
	t = stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (t != 0) {
		pl_warnx("cannot write responses to '%s': %s", dir, strerror(t));
		return PL_EXIT_IO;
	}
	if ((run.l = pl_ledger_open(argv[0], PL_LEDGER_WRITE, &e)) == NULL) {
		pl_diag(&e);
		return e.status;
	}
	if (respond(&run, again, &e) < 0 || e.msg[0]) {
		pl_diag(&e);
		run.status = pl_worst(run.status, e.status);
	}
	pl_ledger_close(run.l);
	for (i = 0; i < run.ntodo; i++) {
		struct todo *d = &run.todo[i];

		free(d->key), free(d->docid), free(d->decision);
		free(d->confirm), free(d->records);
	}
	free(run.todo);
	free(run.req);
	return pl_worst(run.status, pl_cli_close_stdout());
}
