/*
 * po-ledger: keep the ledger: init, commit a reviewed stream, list.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "input.h"
#include "ledger.h"
#include "order.h"
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
	    "       %s list LEDGER [orders | load | customers | property]\n",
	    pl_progname(), pl_progname(), pl_progname());
	exit(status);
}

/* One reviewed document: its order model, and what po-check added. */
struct doc {
	struct pl_order o;
	const char *verdict, *amount;
	int open;
	int nfresh, nold;	/* documents new to the ledger, and not */
	int failed;
	char today[11];
};

static int
save(struct pl_ledger *l, struct doc *d, struct pl_err *e)
{
	struct pl_order *o = &d->o;
	struct pl_buf buyer;
	const char *p[14];
	int rc;
	size_t i;

	if (!d->open || d->verdict == NULL)
		return 0;	/* not reviewed: po-check's verdict is missing */
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
	p[11] = d->amount;
	p[12] = d->verdict;
	p[13] = d->today;
	if (rc >= 0)
		rc = pl_ledger_exec(l, "INSERT OR IGNORE INTO document (docid, "
		    "order_key, buyer, number, doctype, seq, checksum, length, "
		    "source, issue_date, currency, amount, verdict, committed) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 14, p, e);
	pl_buf_release(&buyer);
	if (rc < 0)
		return -1;
	if (rc == 0) {		/* committed before: change nothing */
		d->nold++;
		return 0;
	}
	d->nfresh++;
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

static int
commit(struct pl_ledger *l, struct doc *d, int argc, char **argv,
    struct pl_err *e)
{
	int i, rc, status = PL_EXIT_OK;

	if (pl_ledger_begin(l, e) < 0)
		return -1;
	for (i = 0; i < (argc ? argc : 1) && status == PL_EXIT_OK; i++) {
		const char *path = argc ? argv[i] : "-";
		FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
		struct pl_rec_reader r;

		if (fp == NULL) {
			pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
			    path, strerror(errno));
			status = PL_EXIT_IO;
			break;
		}
		pl_rec_reader_init(&r, fp, pl_input_display(path));
		while ((rc = pl_rec_read(&r, e)) != PL_REC_EOF) {
			if (rc < 0) {
				status = e->status;
				break;
			}
			if (rc == PL_REC_COMMENT)
				continue;
			if (strcmp(r.f[0], "order") == 0) {
				if (save(l, d, e) < 0) {
					status = e->status;
					break;
				}
				pl_order_reset(&d->o);
				d->verdict = d->amount = NULL;
				d->open = 1;
			}
			if (!d->open)
				continue;
			if (strcmp(r.f[0], "verdict") == 0) {
				d->verdict = pl_order_strn(&d->o, r.f[3],
				    strlen(r.f[3]));
				d->amount = r.f[7][0] ? pl_order_strn(&d->o, r.f[7],
				    strlen(r.f[7])) : NULL;
			} else if ((strcmp(r.f[0], "load") == 0 &&
			    r.nf == PL_load__N) || (strcmp(r.f[0], "custprop")
			    == 0 && r.nf == PL_custprop__N)) {
				pl_order_keep(&d->o, r.f, r.nf);
			} else {
				pl_order_add_record(&d->o, r.f, r.nf);
			}
		}
		pl_rec_reader_release(&r);
		if (fp != stdin)
			fclose(fp);
	}
	if (status == PL_EXIT_OK && save(l, d, e) < 0)
		status = e->status;
	if (status != PL_EXIT_OK) {
		pl_ledger_end(l, 0, NULL);
		return -1;
	}
	return pl_ledger_end(l, 1, e);
}

static int
list(struct pl_ledger *l, const char *what, struct pl_err *e)
{
	static const char *const sql[][2] = {
		{ "orders", "SELECT committed, order_key, number, doctype, seq, "
		    "verdict, amount, currency, docid FROM document ORDER BY "
		    "rowid" },
		{ "load", "SELECT sku, week, sum(quantity) FROM load GROUP BY "
		    "sku, week ORDER BY sku, week" },
		{ "customers", "SELECT buyer, name, country, first_order, "
		    "first_seen FROM customer ORDER BY first_seen, buyer" },
		{ "property", "SELECT item, event, order_key, pos, type, "
		    "description, at FROM property_event ORDER BY id" } };
	size_t i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (strcmp(what, sql[i][0]) == 0)
			return pl_ledger_print(l, sql[i][1], stdout, e);
	return pl_err_set(e, PL_EXIT_USAGE, NULL, 0, "cannot list '%s': "
	    "orders, load, customers or property", what);
}

int
main(int argc, char *argv[])
{
	static struct doc d;
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
	    (strcmp(cmd, "list") == 0 && argc > 3))
		usage(stderr, PL_EXIT_USAGE);
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_ledger_open(&l, argv[1], strcmp(cmd, "list") != 0, &e) < 0) {
		pl_diag(&e);
		return e.status;
	}
	pl_order_init(&d.o);
	pl_date_format(t, d.today);
	if (strcmp(cmd, "commit") == 0)
		rc = commit(&l, &d, argc - 2, argv + 2, &e);
	else if (strcmp(cmd, "list") == 0)
		rc = list(&l, argc > 2 ? argv[2] : "orders", &e);
	else
		rc = 0;
	pl_ledger_close(&l);
	pl_order_release(&d.o);
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
