/*
 * po-check: review every order of a record stream against the capability
 * catalog and the requirement rules.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "docs.h"
#include "rec.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "catalog", required_argument, NULL, 'c' },
	{ "rules", required_argument, NULL, 'r' },
	{ "today", required_argument, NULL, 't' },
	{ "ledger", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s --catalog FILE --rules FILE [--ledger FILE] "
	    "[--today YYYY-MM-DD] [FILE ...]\n", pl_progname());
	exit(status);
}

struct run {
	struct pl_check c;
	struct pl_docs d;
	struct pl_buf doc;	/* the current document's records */
	int status;
};

/* Review a whole document and write it with what the review adds. */
static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;
	size_t in = r->doc.len, n = 0;
	const char *p;

	if (pl_check_order(&r->c, &d->o, &r->doc) < 0) {
		/* the ledger or a temporary file could not be read: the
		 * review is not whole */
		pl_diag(&r->c.err);
		r->status = pl_worst(r->status, r->c.err.status);
		r->c.failed = 0;
	} else {
		for (p = r->doc.s + in; (p = memchr(p, '\n', (size_t)(r->doc.s +
		    r->doc.len - p))) != NULL; p++)
			n++;
		/* what a later filter could not hold is not passed on */
		if (pl_order_review_fits(r->doc.len - in, n))
			fwrite(r->doc.s, 1, r->doc.len, stdout);
		else {
			pl_warnx("%s: order '%s' not reviewed: its review would "
			    "hold more than %u MiB (findings on every line?)",
			    d->o.f[PL_order_source] ? d->o.f[PL_order_source] :
			    "?", d->o.f[PL_order_key], PL_REVIEW_MAX >> 20);
			r->status = pl_worst(r->status, PL_EXIT_DATA);
		}
	}
	pl_buf_reset(&r->doc);
}

static void
on_record(void *user, char *const *f, int nf)
{
	struct run *r = user;

	/* a document dropped as damaged leaves its records here */
	if (nf > 0 && strcmp(f[0], "order") == 0)
		pl_buf_reset(&r->doc);
	if (nf == 0 && strncmp(f[0], "#poreview-records", 17) != 0)
		pl_buf_addf(&r->doc, "%s\n", f[0]);
	else if (nf > 0) {
		/* the record as it came: copied, not escaped again */
		pl_buf_add(&r->doc, r->d.text, r->d.textlen);
		pl_buf_addc(&r->doc, '\n');
	}
}

/* Records outside documents and comments pass through; the stream's
 * header was written once already. */
static void
on_other(void *user, char *const *f, int nf)
{
	(void)user;
	if (nf == 0 && strncmp(f[0], "#poreview-records", 17) != 0)
		printf("%s\n", f[0]);
	else if (nf > 0)
		pl_rec_write(stdout, (const char *const *)f, nf);
}

static void
on_error(void *user, const struct pl_err *e)
{
	struct run *r = user;

	pl_diag(e);
	r->status = pl_worst(r->status, e->status);
}

static const struct pl_docs_handler handler = { on_doc, on_record, on_other,
	on_error };

int
main(int argc, char *argv[])
{
	static struct run r;
	const char *catalog = NULL, *rules = NULL, *today = NULL;
	const char *ledger = NULL;
	struct pl_ledger *lg = NULL;
	struct pl_catalog *cat;
	struct pl_rules *ru;
	struct pl_err e;
	char day[11], crc[2][16], len[2][24];
	int ch, i, t;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'c': catalog = optarg; break;
		case 'r': rules = optarg; break;
		case 't': today = optarg; break;
		case 'l': ledger = optarg; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (catalog == NULL || rules == NULL) {
		pl_warnx("--catalog and --rules are required");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	if ((cat = pl_catalog_load(catalog, &e)) == NULL ||
	    (ru = pl_rules_load(rules, &e)) == NULL) {
		pl_diag(&e);
		pl_catalog_free(cat);
		return e.status;
	}
	if (ledger && (lg = pl_ledger_open(ledger, PL_LEDGER_READ, &e)) ==
	    NULL) {
		pl_diag(&e);
		pl_rules_free(ru);
		pl_catalog_free(cat);
		return e.status;
	}
	if (pl_check_init(&r.c, cat, ru, lg, t) < 0) {
		pl_diag(&r.c.err);
		return r.c.err.status;
	}
	pl_docs_init(&r.d, &handler, &r);
	r.d.want = PL_DOCS_PARSED;
	pl_buf_init(&r.doc);
	pl_date_format(t, day);
	snprintf(crc[0], 16, "%08lx", cat->crc & 0xffffffffUL);
	snprintf(crc[1], 16, "%08lx", ru->crc & 0xffffffffUL);
	snprintf(len[0], 24, "%llu", cat->length);
	snprintf(len[1], 24, "%llu", ru->length);
	{
		const char *f[PL_run__N] = { "run", "run", PL_VERSION, day,
			catalog, crc[0], len[0], rules, crc[1], len[1], ledger };

		puts(PL_REC_HEADER);
		pl_rec_write(stdout, f, PL_run__N);
	}
	if (argc == 0)
		pl_docs_read(&r.d, "-");
	for (i = 0; i < argc; i++)
		pl_docs_read(&r.d, argv[i]);
	pl_docs_end(&r.d);
	if (pl_check_capacity(&r.c, stdout) < 0) {
		pl_diag(&r.c.err);
		r.status = pl_worst(r.status, r.c.err.status);
	}
	/* a temporary file failed: the weeks stayed in memory (the review
	 * is whole), or the order keys were lost (duplicates in the batch
	 * went unseen from then on) */
	if (r.c.weeks.lost.status) {
		pl_diag(&r.c.weeks.lost);
		r.status = pl_worst(r.status, r.c.weeks.lost.status);
	}
	if (r.c.seen.lost.status) {
		pl_diag(&r.c.seen.lost);
		r.status = pl_worst(r.status, r.c.seen.lost.status);
	}
	pl_buf_release(&r.doc);
	pl_docs_release(&r.d);
	pl_check_release(&r.c);
	pl_ledger_close(lg);
	pl_rules_free(ru);
	pl_catalog_free(cat);
	return pl_worst(r.status, pl_cli_close_stdout());
}
