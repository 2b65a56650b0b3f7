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
	struct pl_order o;	/* --reduce: the document taken */
	struct pl_mapped m;	/* ...and its map's review */
	struct pl_out out;
	int mode;
	int status;
	unsigned long long lines, records;	/* the document's own */
	unsigned long long docs;	/* documents written */
	/* --reduce: the catalog of SKUs and capacities it began with, the
	 * file, and the whole catalog once a document wanted it */
	struct pl_catalog *light, *whole;
	const char *catalog;
	int whole_failed;
};

/* --reduce: the whole catalog, read (and validated) the first time a
 * document is reviewed whole; it must hold the products the reduce began
 * with.  NULL with e filled when it cannot be read. */
static const struct pl_catalog *
whole_catalog(void *ctx, struct pl_err *e)
{
	struct run *r = ctx;

	if (r->whole_failed)
		return pl_err_set(e, PL_EXIT_CONFIG, pl_input_display(r->catalog),
		    0, "the catalog could not be read whole (said above)"),
		    NULL;
	if (r->whole == NULL &&
	    (r->whole = pl_catalog_load(r->catalog, e)) != NULL &&
	    !pl_catalog_same_products(r->whole, r->light)) {
		pl_catalog_free(r->whole);
		r->whole = NULL;
		pl_err_set(e, PL_EXIT_CONFIG, pl_input_display(r->catalog), 0,
		    "the file changed while the review read it");
	}
	r->whole_failed = r->whole == NULL;
	return r->whole;
}

/* Write a reviewed document: its own records (nown bytes), then the
 * review (what the map writes, a mapdoc record first). */
static void
put(struct run *r, const struct pl_order *o, const char *own, size_t nown,
    const char *review, size_t len)
{
	const char *p, *end = review + len;
	char v[8][24];
	size_t n = 0;
	struct pl_buf b;

	/* its records, which a review of len bytes cannot hold more of than
	 * len: counted when the map says them or they could matter */
	if (r->mode == MAP || !pl_order_review_fits(len, len))
		for (p = review; (p = memchr(p, '\n', (size_t)(end - p))) !=
		    NULL; p++)
			n++;
	/* what a later filter could not hold is not passed on */
	if (!pl_order_review_fits(len, n)) {
		pl_warnx("%s: order '%s' not reviewed: its review would hold "
		    "more than %u MiB (findings on every line?)",
		    o->f[PL_order_source] ? o->f[PL_order_source] : "?",
		    o->f[PL_order_key], PL_REVIEW_MAX >> 20);
		r->status = pl_worst(r->status, PL_EXIT_DATA);
		return;
	}
	if (r->mode == MAP) {
		/* what the reduce takes as a block */
		const char *f[PL_mapdoc__N] = { "mapdoc", o->f[PL_order_key],
			o->f[PL_order_docid], v[0], v[1], v[2], v[3], v[4],
			v[5], v[6], v[7] };
		size_t at = r->c.loads_len ? r->c.loads_at - nown : 0;
		const char *lp;
		size_t ln = 0;

		snprintf(v[0], sizeof(v[0]), "%zu", nown);
		snprintf(v[1], sizeof(v[1]), "%llu", r->lines);
		snprintf(v[2], sizeof(v[2]), "%llu", r->records);
		snprintf(v[3], sizeof(v[3]), "%zu", len);
		snprintf(v[4], sizeof(v[4]), "%zu", n);
		for (lp = review + at; r->c.loads_len && (lp = memchr(lp, '\n',
		    (size_t)(review + at + r->c.loads_len - lp))) != NULL; lp++)
			ln++;
		snprintf(v[5], sizeof(v[5]), "%zu", at);
		snprintf(v[6], sizeof(v[6]), "%zu", r->c.loads_len);
		snprintf(v[7], sizeof(v[7]), "%zu", ln);
		pl_buf_init(&b);
		pl_rec_format(&b, f, PL_mapdoc__N);
		pl_out_write(&r->out, b.s, b.len);
		pl_buf_release(&b);
	}
	pl_out_write(&r->out, own, nown);
	pl_out_write(&r->out, review, len);
	r->docs++;
}

/* What the reduce needs of the catalog, after the part's mappart: a
 * mapcap record for each product, in the catalog's order. */
static void
caps(struct pl_buf *b, const struct pl_catalog *cat)
{
	char v[32];
	int i;

	for (i = 0; i < cat->nproducts; i++) {
		const char *f[PL_mapcap__N] = { "mapcap", cat->products[i].sku,
			v };

		snprintf(v, sizeof(v), "%.17g", cat->products[i].per_week);
		pl_rec_format(b, f, PL_mapcap__N);
	}
}

/* Review a whole document and write it with what the review adds. */
static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;
	size_t in = r->doc.len;

	if (pl_check_order(&r->c, &d->o, &r->doc) < 0) {
		/* the ledger or a temporary file could not be read: the
		 * review is not whole */
		pl_diag(&r->c.err);
		r->status = pl_worst(r->status, r->c.err.status);
		r->c.failed = 0;
	} else
		put(r, &d->o, r->doc.s, in, r->doc.s + in, r->doc.len - in);
	pl_buf_reset(&r->doc);
}

static void
on_record(void *user, char *const *f, int nf)
{
	struct run *r = user;

	/* a document dropped as damaged leaves its records here */
	if (nf > 0 && strcmp(f[0], "order") == 0) {
		pl_buf_reset(&r->doc);
		r->lines = r->records = 0;
	}
	if (nf == 0 && strncmp(f[0], "#poreview-records", 17) == 0)
		return;
	r->lines++;
	if (nf == 0)
		pl_buf_addf(&r->doc, "%s\n", f[0]);
	else {
		/* the record as it came: copied, not escaped again */
		r->records++;
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

/* --reduce: the document p holds, taken from its part; 0, or -1 with e
 * when the part is damaged. */
static int
reduce_doc(struct run *r, struct pl_part *p, struct pl_err *e)
{
	if (pl_mapped_read(&r->m, &r->o, &r->c, &p->doc, p->r.name, e) < 0)
		return -1;
	if (pl_check_reduce(&r->c, &r->o, &r->m, &r->doc) < 0) {
		pl_diag(&r->c.err);
		r->status = pl_worst(r->status, r->c.err.status);
		r->c.failed = 0;
	} else
		put(r, &r->o, r->m.own, r->m.ownlen, r->doc.s, r->doc.len);
	pl_buf_reset(&r->doc);
	return 0;
}

/* --reduce: every part in turn, its documents through the review, the
 * lines outside them passed on (the stream's header was written once
 * already); 0, or -1 when one was refused (said), and nothing is to be
 * kept. */
static int
reduce(struct run *r, struct pl_part **v, int n)
{
	struct pl_rec_reader *l;
	struct pl_err e;
	struct pl_buf loads;
	int i, rc = 0;

	pl_buf_init(&loads);
	for (i = 0; i < n && rc >= 0; i++) {
		l = &v[i]->r;
		/* the part's load per product and week, before its lines */
		while ((rc = pl_part_loads(v[i], &loads, &e)) > 0)
			if ((rc = pl_check_part_rows(&r->c, loads.s, loads.len,
			    l->name)) < 0) {
				e = r->c.err;
				break;
			}
		if (rc == 0 && (rc = pl_check_part_begin(&r->c)) < 0)
			e = r->c.err;
		while (rc >= 0 && (rc = pl_part_next(v[i], &e)) > 0) {
			if (rc == PL_PART_DOC) {
				if ((rc = reduce_doc(r, v[i], &e)) < 0)
					break;
			} else if (rc == PL_REC_RECORD || strncmp(l->text,
			    "#poreview-records", 17) != 0) {
				pl_out_write(&r->out, l->text, l->textlen);
				pl_out_write(&r->out, "\n", 1);
			}
		}
		if (rc == 0 && pl_check_part_end(&r->c) < 0) {
			/* the weeks' file or the ledger failed */
			pl_diag(&r->c.err);
			r->status = pl_worst(r->status, r->c.err.status);
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
	pl_buf_release(&loads);
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
	int ch, i, t, n = 0, keep = 1, set_up = 0, piped;

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
	/* standard input is read once, by one of them */
	for (i = 0, piped = argc == 0; i < argc; i++)
		piped += strcmp(argv[i], "-") == 0;
	if (piped + (strcmp(catalog, "-") == 0) + (strcmp(rules, "-") == 0) >
	    1) {
		pl_warnx("standard input ('-') can be the catalog, the rules or "
		    "the %s, only one of them", r.mode == REDUCE ? "parts" :
		    "records");
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
	pl_order_init(&r.o);
	/* the reduce of parts in files made with this catalog's bytes (the
	 * first one says which: the plan checks them all) reads only the
	 * SKUs and capacities it needs, the rest when a document wants it */
	if (r.mode == REDUCE && !piped && strcmp(catalog, "-") != 0 &&
	    (cat = r.light = pl_catalog_light(catalog, argv[0], &e)) != NULL)
		r.catalog = catalog;
	if ((cat == NULL && (cat = pl_catalog_load(catalog, &e)) == NULL) ||
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
	if (r.light) {
		r.c.whole = whole_catalog;
		r.c.whole_ctx = &r;
	}
	if (pl_out_open(&r.out, out, &e) < 0) {
		pl_diag(&e);
		r.status = e.status;
		goto done;
	}
	r.out.count = r.mode == MAP;	/* its trailer says what it holds */
	r.d.want = PL_DOCS_PARSED;
	pl_buf_addf(&b, "%s\n", PL_REC_HEADER);
	if (r.mode == MAP) {
		pl_part_header(&b, &h);
		caps(&b, cat);
	} else {
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
		/* the part's end: its load per product and week, what it
		 * holds, and a checksum of it */
		h.loads = r.c.nrow ? r.out.length : 0;
		for (size_t k = 0; k < r.c.nrow; k += 4096) {
			pl_buf_reset(&b);
			pl_check_loads(&r.c, k, 4096, &b);
			pl_out_write(&r.out, b.s, b.len);
		}
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
	pl_order_release(&r.o);
	pl_docs_release(&r.d);
	pl_ledger_close(lg);
	pl_rules_free(ru);
	pl_catalog_free(cat);	/* the light one, or the whole */
	pl_catalog_free(r.whole);
	free(parts);
	return pl_worst(r.status, pl_cli_close_stdout());
}
