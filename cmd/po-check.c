/*
 * po-check: review every order of a record stream against the capability
 * catalog and the requirement rules; or, split over machines, the review
 * of each order alone (--map) and what needs the whole batch (--reduce).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "date.h"
#include "docs.h"
#include "input.h"
#include "part.h"
#include "rec.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "catalog", required_argument, NULL, 'c' },
	{ "rules", required_argument, NULL, 'r' },
	{ "today", required_argument, NULL, 't' },
	{ "ledger", required_argument, NULL, 'l' },
	{ "map", no_argument, NULL, 'M' },
	{ "reduce", no_argument, NULL, 'R' },
	{ "part", required_argument, NULL, 'p' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--map [--part K[/N]] | --reduce] --catalog FILE "
	    "--rules FILE [--ledger FILE] [--today YYYY-MM-DD] [-o FILE] "
	    "[FILE ...]\n", pl_progname());
	exit(status);
}

enum { PLAIN, MAP, REDUCE };

struct run {
	struct pl_check c;
	struct pl_docs d;
	struct pl_buf doc;	/* the current document's records */
	struct pl_mapped m;	/* --reduce: its map's review */
	struct pl_out out;
	int mode;
	int status;
	int bad;		/* --reduce: a partial could not be read */
	struct pl_err why;	/* ...why */
	unsigned long long docs;	/* documents written */
};

/* Review a whole document and write it with what the review adds. */
static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;
	size_t in = r->doc.len, n = 0;
	const char *p;
	int rc = r->mode == REDUCE ? pl_check_reduce(&r->c, &d->o, &r->m,
	    &r->doc) : pl_check_order(&r->c, &d->o, &r->doc);

	if (rc < 0) {
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
		if (pl_order_review_fits(r->doc.len - in, n)) {
			pl_out_write(&r->out, r->doc.s, r->doc.len);
			r->docs++;
		} else {
			pl_warnx("%s: order '%s' not reviewed: its review would "
			    "hold more than %u MiB (findings on every line?)",
			    d->o.f[PL_order_source] ? d->o.f[PL_order_source] :
			    "?", d->o.f[PL_order_key], PL_REVIEW_MAX >> 20);
			r->status = pl_worst(r->status, PL_EXIT_DATA);
		}
	}
	pl_buf_reset(&r->doc);
	pl_mapped_reset(&r->m);
}

static void
on_record(void *user, char *const *f, int nf)
{
	struct run *r = user;
	int rc;

	/* a document dropped as damaged leaves its records here */
	if (nf > 0 && strcmp(f[0], "order") == 0) {
		pl_buf_reset(&r->doc);
		pl_mapped_reset(&r->m);
	}
	if (nf == 0 && strncmp(f[0], "#poreview-records", 17) == 0)
		return;
	if (r->mode == REDUCE && (rc = pl_mapped_add(&r->m, r->c.cat, f, nf,
	    nf ? r->d.text : f[0], nf ? r->d.textlen : strlen(f[0]),
	    &r->why)) != 0) {
		r->bad |= rc < 0;
		return;
	}
	if (nf == 0)
		pl_buf_addf(&r->doc, "%s\n", f[0]);
	else {
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
	struct run *r = user;
	struct pl_buf b;

	pl_buf_init(&b);
	if (nf == 0 && strncmp(f[0], "#poreview-records", 17) != 0)
		pl_buf_addf(&b, "%s\n", f[0]);
	else if (nf > 0)
		pl_rec_format(&b, (const char *const *)f, nf);
	pl_out_write(&r->out, b.s, b.len);
	pl_buf_release(&b);
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

/* --reduce: every part in turn through the review; 0, or -1 when one was
 * refused (said), and nothing is to be kept. */
static int
reduce(struct run *r, struct pl_part **v, int n)
{
	struct pl_err e;
	int i, rc = 0;

	for (i = 0; i < n && rc >= 0; i++) {
		while (!r->bad && (rc = pl_part_next(v[i], &e)) > 0)
			pl_docs_feed(&r->d, &v[i]->r, rc, &e);
		pl_docs_end(&r->d);	/* a part holds whole documents */
		if (r->bad) {
			e = r->why;
			snprintf(e.file, sizeof(e.file), "%s", v[i]->r.name);
			e.line = v[i]->r.line;
			rc = -1;
		}
		if (rc < 0) {
			pl_diag(&e);
			r->status = pl_worst(r->status, e.status);
		} else if (v[i]->h.status) {
			pl_warnx("%s: its map ended with status %d: see what it "
			    "said", pl_input_display(v[i]->path), v[i]->h.status);
			r->status = pl_worst(r->status, v[i]->h.status);
		}
		pl_part_close(v[i]);
	}
	return rc < 0 ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	static struct run r;
	const char *catalog = NULL, *rules = NULL, *today = NULL;
	const char *ledger = NULL, *out = NULL, *sde = getenv("SOURCE_DATE_EPOCH");
	struct pl_part_info h = { .part = 1 };
	struct pl_part *parts = NULL, **order = NULL;
	struct pl_ledger *lg = NULL;
	struct pl_catalog *cat = NULL;
	struct pl_rules *ru = NULL;
	const struct pl_err *lost;
	struct pl_err e;
	struct pl_buf b;
	char len[2][24];
	int ch, i, t, n = 0, keep = 1, set_up = 0;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	while ((ch = getopt_long(argc, argv, "hVo:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'c': catalog = optarg; break;
		case 'r': rules = optarg; break;
		case 't': today = optarg; break;
		case 'l': ledger = optarg; break;
		case 'o': out = optarg; break;
		case 'M': r.mode = r.mode == REDUCE ? -1 : MAP; break;
		case 'R': r.mode = r.mode == MAP ? -1 : REDUCE; break;
		case 'p':
			if (pl_part_arg(optarg, &h) == 0)
				break;
			pl_warnx("--part '%s' is not K or K/N (1 <= K <= N)",
			    optarg);
			/* FALLTHROUGH */
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (r.mode < 0 || (r.mode != MAP && h.part != 1) ||
	    (r.mode == MAP && ledger)) {
		pl_warnx("%s", r.mode < 0 ? "--map or --reduce, not both" :
		    ledger ? "--map reads no ledger: give --ledger to the reduce" :
		    "--part is the map's");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (catalog == NULL || rules == NULL) {
		pl_warnx("--catalog and --rules are required%s",
		    r.mode == MAP ? ": the map reviews each order against them" :
		    r.mode == REDUCE ? ": the reduce checks its parts were made "
		    "with them" : "");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	pl_docs_init(&r.d, &handler, &r);
	pl_buf_init(&r.doc);
	pl_buf_init(&b);
	pl_mapped_init(&r.m);
	if ((cat = pl_catalog_load(catalog, &e)) == NULL ||
	    (ru = pl_rules_load(rules, &e)) == NULL || (ledger &&
	    (lg = pl_ledger_open(ledger, PL_LEDGER_READ, &e)) == NULL)) {
		pl_diag(&e);
		r.status = e.status;
		goto done;
	}
	/* what a part must have been made with */
	snprintf(h.version, sizeof(h.version), "%s", PL_VERSION);
	snprintf(h.cat_crc, 9, "%08lx", cat->crc & 0xffffffffUL);
	snprintf(h.rules_crc, 9, "%08lx", ru->crc & 0xffffffffUL);
	snprintf(len[0], 24, "%llu", h.cat_len = cat->length);
	snprintf(len[1], 24, "%llu", h.rules_len = ru->length);
	pl_date_format(t, h.today);
	if (r.mode == REDUCE) {
		n = argc ? argc : 1;
		if ((parts = calloc((size_t)n, sizeof(*parts) +
		    sizeof(*order))) == NULL) {
			r.status = PL_EXIT_INTERNAL;
			goto done;
		}
		order = (struct pl_part **)(parts + n);
		for (i = 0; i < n; i++) {
			parts[i].path = argc ? argv[i] : "-";
			order[i] = &parts[i];
		}
		if ((r.status = pl_parts_plan(order, n, &h, today || (sde &&
		    *sde), pl_diag)) != PL_EXIT_OK)
			goto done;
		pl_date_parse(h.today, &t);	/* the parts' day */
	}
	if ((r.mode == MAP ? pl_check_init_map(&r.c, cat, ru, t) :
	    pl_check_init(&r.c, cat, ru, lg, t)) < 0) {
		pl_diag(&r.c.err);
		r.status = r.c.err.status;
		goto done;
	}
	set_up = 1;
	if (pl_out_open(&r.out, out, &e) < 0) {
		pl_diag(&e);
		r.status = e.status;
		goto done;
	}
	r.d.want = r.mode == REDUCE ? PL_DOCS_ANY : PL_DOCS_PARSED;
	pl_buf_addf(&b, "%s\n", PL_REC_HEADER);
	if (r.mode == MAP)
		pl_part_header(&b, &h);
	else {
		const char *f[PL_run__N] = { "run", "run", PL_VERSION, h.today,
			catalog, h.cat_crc, len[0], rules, h.rules_crc, len[1],
			ledger };

		pl_rec_format(&b, f, PL_run__N);
	}
	pl_out_write(&r.out, b.s, b.len);
	if (r.mode == REDUCE)
		keep = reduce(&r, order, n) == 0;
	else {
		if (argc == 0)
			pl_docs_read(&r.d, "-");
		for (i = 0; i < argc; i++)
			pl_docs_read(&r.d, argv[i]);
		pl_docs_end(&r.d);
	}
	if (r.mode != MAP && keep && pl_check_capacity(&r.c, r.out.fp) < 0) {
		pl_diag(&r.c.err);
		r.status = pl_worst(r.status, r.c.err.status);
	}
	if (r.mode == MAP) {
		/* the part's end: what it holds, and a checksum of it */
		h.documents = r.docs;
		pl_buf_reset(&b);
		pl_part_trailer(&b, &h, &r.out, r.status);
		if (fwrite(b.s, 1, b.len, r.out.fp) != b.len)
			r.out.failed = 1, r.out.err = errno;
	}
	/* a temporary file failed: the weeks stayed in memory (the review
	 * is whole), or the order keys were lost (duplicates in the batch
	 * went unseen from then on) */
	for (i = 0; i < 2; i++)
		if ((lost = i ? &r.c.seen.lost : &r.c.weeks.lost)->status) {
			pl_diag(lost);
			r.status = pl_worst(r.status, lost->status);
		}
	if (pl_out_close(&r.out, keep, &e) != PL_EXIT_OK) {
		pl_diag(&e);
		r.status = pl_worst(r.status, e.status);
	}
done:
	for (i = 0; i < n && parts; i++)
		pl_part_close(&parts[i]);
	if (set_up)
		pl_check_release(&r.c);
	pl_buf_release(&b);
	pl_buf_release(&r.doc);
	pl_mapped_release(&r.m);
	pl_docs_release(&r.d);
	pl_ledger_close(lg);
	pl_rules_free(ru);
	pl_catalog_free(cat);
	free(parts);
	return pl_worst(r.status, pl_cli_close_stdout());
}
