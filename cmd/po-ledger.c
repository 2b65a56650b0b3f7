/*
 * po-ledger: keep the ledger: init, commit a reviewed stream, list.
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
	int failed;
	struct pl_err err;	/* the first error */
	char today[11];
};

/* The version's order data, so a later change can be compared with it. */
static int
save_version(struct pl_ledger *l, const struct pl_order *o, struct pl_err *e)
{
	struct pl_buf b;
	const char *p[2];
	int rc;

	pl_buf_init(&b);
	if (pl_change_format(o, &b) < 0) {
		pl_buf_release(&b);
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	}
	p[0] = o->f[PL_order_docid];
	p[1] = b.s;
	rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO version (docid, records) "
	    "VALUES (?, ?)", 2, p, e);
	pl_buf_release(&b);
	return rc < 0 ? -1 : 0;
}

/* Record one reviewed document: customer, document, load, property. */
static int
save(struct pl_ledger *l, struct run *d, const struct pl_order *o,
    const char *const *v, struct pl_err *e)
{
	struct pl_buf buyer;
	const char *p[14];
	int rc;
	size_t i;

	if (v == NULL || v[PL_verdict_verdict] == NULL)	/* docs.c saw to it */
		return pl_err_set(e, PL_EXIT_DATA, o->f[PL_order_source], 0,
		    "order '%s' has no verdict", o->f[PL_order_key]);
	pl_buf_init(&buyer);
	pl_order_buyer(o, &buyer);
	p[0] = buyer.s;
	p[1] = o->f[PL_order_buyer_name];
	p[2] = o->f[PL_order_buyer_country];
	p[3] = o->f[PL_order_key];
	p[4] = d->today;
	rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO customer (buyer, name, "
	    "country, first_order, first_seen) VALUES (?, ?, ?, ?, ?)", 5, p, e);
	p[0] = o->f[PL_order_docid];
	p[1] = o->f[PL_order_key];
	p[2] = buyer.s;
	p[3] = o->f[PL_order_number];
	p[4] = o->f[PL_order_doctype];
	p[5] = o->f[PL_order_seq];
	p[6] = o->f[PL_order_checksum];
	p[7] = o->f[PL_order_length];
	p[8] = o->f[PL_order_source];
	p[9] = o->f[PL_order_issue_date];
	p[10] = o->f[PL_order_currency];
	p[11] = v[PL_verdict_amount];
	p[12] = v[PL_verdict_verdict];
	p[13] = d->today;
	if (rc >= 0)
		/* a change that states no sequence number comes after the
		 * highest version the ledger has */
		rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO document (docid, "
		    "order_key, buyer, number, doctype, seq, checksum, length, "
		    "source, issue_date, currency, amount, verdict, committed) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, (SELECT "
		    "coalesce(max(seq), -1) + 1 FROM document WHERE order_key = "
		    "?2)), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", 14, p, e);
	pl_buf_release(&buyer);
	if (rc < 0)
		return -1;
	if (rc == 0) {		/* committed before: change nothing */
		d->nold++;
		return 0;
	}
	d->nfresh++;
	if (save_version(l, o, e) < 0)
		return -1;
	for (i = 0; i < o->nitem; i++) {
		const struct pl_order_item *it = &o->item[i];
		char item[64];

		if (strcmp(it->f[0], "load") == 0) {
			rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO load (docid, "
			    "pos, sku, week, quantity) VALUES (?, ?, ?, ?, ?)", 5,
			    it->f + 2, e);
		} else if (strcmp(it->f[0], "custprop") == 0) {
			snprintf(item, sizeof(item), "%s/%s/%zu",
			    o->f[PL_order_docid], it->f[3] ? it->f[3] : "", i);
			p[0] = item;
			p[1] = o->f[PL_order_key];
			p[2] = o->f[PL_order_docid];
			p[3] = it->f[PL_custprop_pos];
			p[4] = it->f[PL_custprop_type];
			p[5] = it->f[PL_custprop_description];
			p[6] = it->f[PL_custprop_quantity];
			p[7] = it->f[PL_custprop_unit];
			p[8] = d->today;
			rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO property_event "
			    "(item, event, order_key, docid, pos, type, description, "
			    "quantity, unit, who, at) VALUES (?, 'expect', ?, ?, ?, "
			    "?, ?, ?, ?, 'po-ledger', ?)", 9, p, e);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;

	if (!r->failed && save(r->l, r, &d->o, d->have_verdict ? d->verdict :
	    NULL, &r->err) < 0)
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

static const struct pl_docs_handler handler = { on_doc, NULL, NULL,
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

static void
on_row(void *user, int ncol, const char *const *col)
{
	(void)user;
	pl_rec_write(stdout, col, ncol);
}

/* Every version of one order, oldest first. */
static int
history(struct pl_ledger *l, const char *key, struct pl_err *e)
{
	printf("#committed\tdoctype\tseq\tnumber\tissue_date\tverdict\t"
	    "amount\tcurrency\tlines\tdocid\tsource\n");
	return pl_ledger_each(l, "SELECT d.committed, d.doctype, d.seq, "
	    "d.number, d.issue_date, d.verdict, d.amount, d.currency, "
	    "(SELECT count(*) FROM load WHERE load.docid = d.docid), d.docid, "
	    "d.source FROM document d WHERE d.order_key = ?1 ORDER BY d.rowid",
	    1, &key, on_row, NULL, e);
}

static int
list(struct pl_ledger *l, const char *what, struct pl_err *e)
{
	static const char *const sql[][2] = {
		{ "orders", "SELECT committed, order_key, number, doctype, seq, "
		    "verdict, amount, currency, docid FROM document ORDER BY "
		    "rowid" },
		/* the latest version of each order counts */
		{ "load", "SELECT l.sku, l.week, sum(l.quantity) AS \"sum(quantity)\" "
		    "FROM load l "
		    "JOIN document d ON d.docid = l.docid WHERE d.rowid = "
		    "(SELECT max(rowid) FROM document d2 WHERE d2.order_key = "
		    "d.order_key) GROUP BY l.sku, l.week ORDER BY l.sku, l.week" },
		{ "customers", "SELECT buyer, name, country, first_order, "
		    "first_seen FROM customer ORDER BY first_seen, buyer" },
		{ "property", "SELECT item, event, order_key, pos, type, "
		    "description, at FROM property_event ORDER BY id" } };
	size_t i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (strcmp(what, sql[i][0]) == 0)
			return pl_ledger_print(l, sql[i][1], stdout, e);
	return pl_err_set(e, PL_EXIT_USAGE, NULL, 0, "cannot list '%s': "
	    "orders, load, customers, property or history KEY", what);
}

int
main(int argc, char *argv[])
{
	static struct run d;
	struct pl_ledger l;
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
	if (pl_ledger_open(&l, argv[1], strcmp(cmd, "init") == 0 ?
	    PL_LEDGER_CREATE : strcmp(cmd, "commit") == 0 ? PL_LEDGER_WRITE :
	    PL_LEDGER_READ, &e) < 0) {
		pl_diag(&e);
		return e.status;
	}
	d.l = &l;
	pl_date_format(t, d.today);
	if (strcmp(cmd, "commit") == 0)
		rc = commit(&d, argc - 2, argv + 2, &e);
	else if (strcmp(cmd, "list") == 0)
		rc = argc == 4 ? history(&l, argv[3], &e) :
		    list(&l, argc > 2 ? argv[2] : "orders", &e);
	else
		rc = 0;
	pl_ledger_close(&l);
	if (rc < 0) {
		pl_diag(&e);
		if (strcmp(cmd, "commit") == 0)
			pl_warnx("nothing committed");
		return e.status;
	}
	if (strcmp(cmd, "commit") == 0 && d.nfresh + d.nold > 0)
		printf("committed %d order documents to %s (%d already there)\n",
		    d.nfresh, argv[1], d.nold);
	return pl_cli_close_stdout();
}
