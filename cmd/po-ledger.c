/*
 * po-ledger: keep the ledger: init, commit a reviewed stream or the
 * decisions of signed workbooks, list.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "date.h"
#include "docs.h"
#include "ledger.h"
#include "rec.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "today", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s init LEDGER\n"
	    "       %s commit [--today YYYY-MM-DD] LEDGER [FILE ...]\n"
	    "       %s list LEDGER [orders | load | customers | property]\n"
	    "       %s list LEDGER history ORDER-KEY\n",
	    pl_progname(), pl_progname(), pl_progname(), pl_progname());
	exit(status);
}

/* A commit: the ledger, and how it went. */
struct run {
	struct pl_ledger *l;
	struct pl_docs d;
	int nfresh, nold;	/* documents new to the ledger, and not */
	int nsigned, nsignold;	/* sign-offs new to it, and not */
	int ndecided;		/* decisions kept */
	int failed;
	struct pl_err err;	/* the first error */
	char today[11];
};

/* Record one reviewed document: customer, document, version, load,
 * property. */
static int
save(struct run *r, const struct pl_order *o, const char *const *v,
    struct pl_err *e)
{
	struct pl_ledger_doc d;
	struct pl_buf b;
	int rc;

	if (v == NULL || v[PL_verdict_verdict] == NULL)	/* docs.c saw to it */
		return pl_err_set(e, PL_EXIT_DATA, o->f[PL_order_source], 0,
		    "order '%s' has no verdict", o->f[PL_order_key]);
	/* the version's order data, so a later change can be compared
	 * with it */
	pl_buf_init(&b);
	if (pl_change_format(o, &b) < 0) {
		pl_buf_release(&b);
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	}
	d.o = o;
	d.verdict = v[PL_verdict_verdict];
	d.amount = v[PL_verdict_amount];
	d.confirm = v[PL_verdict_confirm];
	d.records = b.s;
	d.today = r->today;
	rc = pl_ledger_commit(r->l, &d, e);
	pl_buf_release(&b);
	if (rc < 0)
		return -1;
	if (rc == 0)
		r->nold++;
	else
		r->nfresh++;
	return 0;
}

static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;

	if (!r->failed && save(r, &d->o, d->have_verdict ? d->verdict : NULL,
	    &r->err) < 0)
		r->failed = 1;
}

static void
on_error(void *user, const struct pl_err *e)
{
	struct run *r = user;

	if (!r->failed)
		r->err = *e;
	r->failed = 1;
}

/* po-signoff's records: outside documents, each naming its document. */
static void
on_other(void *user, char *const *f, int nf)
{
	struct run *r = user;
	int rc;

	if (r->failed || nf == 0)
		return;
	if (strcmp(f[0], "signoff") == 0 && nf >= PL_signoff__N) {
		if ((rc = pl_ledger_signoff(r->l, (const char *const *)f,
		    r->today, &r->err)) > 0)
			r->nsigned++;
		else if (rc == 0)
			r->nsignold++;
	} else if (strcmp(f[0], "decision") == 0 && nf >= PL_decision__N) {
		if ((rc = pl_ledger_decide(r->l, (const char *const *)f,
		    r->today, &r->err)) > 0)
			r->ndecided++;
	} else
		return;
	if (rc < 0)
		r->failed = 1;
}

static const struct pl_docs_handler handler = { on_doc, NULL, on_other,
	on_error };

/* Commit every reviewed document of the files, all or nothing. */
static int
commit(struct run *r, int argc, char **argv, struct pl_err *e)
{
	int i;

	if (pl_ledger_begin(r->l, e) < 0)
		return -1;
	pl_docs_init(&r->d, &handler, r);
	r->d.want = PL_DOCS_REVIEWED;
	for (i = 0; i < (argc ? argc : 1) && !r->failed; i++)
		pl_docs_read(&r->d, argc ? argv[i] : "-");
	if (!r->failed)
		pl_docs_end(&r->d);
	pl_docs_release(&r->d);
	if (r->failed) {
		*e = r->err;
		pl_ledger_end(r->l, 0, NULL);
		return -1;
	}
	return pl_ledger_end(r->l, 1, e);
}

int
main(int argc, char *argv[])
{
	static struct run d;
	struct pl_ledger *l;
	struct pl_err e;
	const char *today = NULL, *cmd;
	int ch, t, rc;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 't': today = optarg; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage(stderr, PL_EXIT_USAGE);
	cmd = argv[0];
	if (strcmp(cmd, "init") != 0 && strcmp(cmd, "commit") != 0 &&
	    strcmp(cmd, "list") != 0) {
		pl_warnx("unknown command '%s'", cmd);
		usage(stderr, PL_EXIT_USAGE);
	}
	if (strcmp(cmd, "commit") == 0 && (optind = 1, 1)) {
		/* options may follow the command too: commit --today D */
		while ((ch = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
			if (ch == 't')
				today = optarg;
			else
				usage(stderr, PL_EXIT_USAGE);
		argc -= optind - 1;
		argv += optind - 1;
	}
	if (argc < 2 || (strcmp(cmd, "init") == 0 && argc != 2) ||
	    (strcmp(cmd, "list") == 0 && argc > 3 && !(argc == 4 &&
	    strcmp(argv[2], "history") == 0)) || (strcmp(cmd, "list") == 0 &&
	    argc == 3 && strcmp(argv[2], "history") == 0))
		usage(stderr, PL_EXIT_USAGE);
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	if ((l = pl_ledger_open(argv[1], strcmp(cmd, "init") == 0 ?
	    PL_LEDGER_CREATE : strcmp(cmd, "commit") == 0 ? PL_LEDGER_WRITE :
	    PL_LEDGER_READ, &e)) == NULL) {
		pl_diag(&e);
		return e.status;
	}
	d.l = l;
	pl_date_format(t, d.today);
	if (strcmp(cmd, "commit") == 0)
		rc = commit(&d, argc - 2, argv + 2, &e);
	else if (strcmp(cmd, "list") == 0)
		rc = argc == 4 ? pl_ledger_history(l, argv[3], stdout, &e) :
		    pl_ledger_list(l, argc > 2 ? argv[2] : "orders", stdout, &e);
	else
		rc = 0;
	pl_ledger_close(l);
	if (rc < 0) {
		pl_diag(&e);
		if (strcmp(cmd, "commit") == 0)
			pl_warnx("nothing committed");
		return e.status;
	}
	if (strcmp(cmd, "commit") == 0 && d.nfresh + d.nold > 0)
		printf("committed %d order documents to %s (%d already there)\n",
		    d.nfresh, argv[1], d.nold);
	if (strcmp(cmd, "commit") == 0 && d.nsigned + d.nsignold > 0)
		printf("committed %d sign-offs and %d decisions to %s (%d "
		    "sign-offs already there)\n", d.nsigned, d.ndecided, argv[1],
		    d.nsignold);
	return pl_cli_close_stdout();
}
