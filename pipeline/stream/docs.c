#include "docs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

void
pl_docs_init(struct pl_docs *d, const struct pl_docs_handler *h, void *user)
{
	memset(d, 0, sizeof(*d));
	pl_order_init(&d->o);
	d->h = h;
	d->user = user;
}

void
pl_docs_release(struct pl_docs *d)
{
	pl_order_release(&d->o);
}

static void __attribute__((format(printf, 4, 5)))
report(struct pl_docs *d, const char *name, long line, const char *fmt, ...)
{
	struct pl_err e;
	va_list ap;

	va_start(ap, fmt);
	pl_err_vset(&e, PL_EXIT_DATA, name, line, fmt, ap);
	va_end(ap);
	d->status = pl_worst(d->status, e.status);
	if (d->h->error)
		d->h->error(d->user, &e);
}

static const char *
key(const struct pl_docs *d)
{
	return d->o.f[PL_order_key] ? d->o.f[PL_order_key] : "?";
}

/* What is wrong with the open document as a whole, or NULL. */
static const char *
damage(struct pl_docs *d, char *why, size_t n)
{
	const char *lines = d->o.f[PL_order_lines];
	char *end;
	unsigned long long want;

	if (d->o.oom == 1)
		return "out of memory";
	if (d->o.oom == 2)
		snprintf(why, n, "more than %u MiB of order data (the bound "
		    "po-parse keeps)", PL_ORDER_MAX >> 20);
	else if (d->o.oom == 3)
		snprintf(why, n, "its review holds more than %u MiB (the bound "
		    "po-check keeps)", PL_REVIEW_MAX >> 20);
	else if (lines == NULL || (errno = 0, want = strtoull(lines, &end, 10),
	    errno != 0 || *end != '\0' || lines[0] == '-'))
		snprintf(why, n, "its order record gives no line count ('%s')",
		    lines ? lines : "");
	else if (want != d->o.nline)
		snprintf(why, n, "its order record says %llu line records, %zu "
		    "came: the document was cut or split", want, d->o.nline);
	else if (d->want == PL_DOCS_REVIEWED && !d->have_verdict)
		snprintf(why, n, "it has no verdict: its review was cut");
	else
		return NULL;
	return why;
}

void
pl_docs_end(struct pl_docs *d)
{
	char why[160];
	const char *bad;

	if (d->open && !d->skip) {
		if ((bad = damage(d, why, sizeof(why))) != NULL)
			report(d, d->name, d->at, "order '%s' (document %s): %s; "
			    "not handled", key(d), d->o.f[PL_order_docid] ?
			    d->o.f[PL_order_docid] : "?", bad);
		else if (d->h->doc)
			d->h->doc(d->user, d);
	}
	pl_order_reset(&d->o);
	memset(d->verdict, 0, sizeof(d->verdict));
	d->open = d->skip = d->have_verdict = 0;
}

int
pl_docs_kind(const char *k)
{
	static const char *const kinds[] = { "line", "prop", "note", "doc",
		"finding", "custprop", "verdict", "load", "change", "kept",
		"mapseen", "mapline", "mapverdict", NULL };
	int i;

	for (i = 0; kinds[i]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return i >= 4 ? 2 : 1;	/* 2: po-check adds it */
	return 0;
}

/* Add a record of the open document to the model. */
static void
add(struct pl_docs *d, char *const *f, int nf)
{
	int i;

	if (strcmp(f[0], "verdict") == 0 && nf == PL_verdict__N) {
		for (i = 0; i < nf; i++)
			d->verdict[i] = f[i][0] ? pl_order_keep_str(&d->o, f[i],
			    strlen(f[i])) : NULL;
		d->have_verdict = 1;
	} else if (strcmp(f[0], "order") == 0 || strcmp(f[0], "line") == 0 ||
	    strcmp(f[0], "prop") == 0 || strcmp(f[0], "note") == 0 ||
	    strcmp(f[0], "doc") == 0) {
		pl_order_add_record(&d->o, f, nf);
	} else {
		pl_order_keep(&d->o, f, nf);
	}
}

/*
 * Whether record f may stand where it is; when not, it is reported, and
 * -1 says the rest of the input is not read (the wrong stage), 0 that
 * this record is dropped.
 */
static int
placed(struct pl_docs *d, const struct pl_rec_reader *r)
{
	const char *k = r->f[0];
	int dk = pl_docs_kind(k);

	if (d->want == PL_DOCS_PARSED && (dk == 2 || strcmp(k, "run") == 0 ||
	    strcmp(k, "mappart") == 0 || strcmp(k, "mapend") == 0 ||
	    strcmp(k, "mapdoc") == 0)) {
		report(d, r->name, r->line, "this stream was reviewed already "
		    "(a '%s' record of po-check's): po-check reads the stream "
		    "po-parse writes", k);
		return -1;
	}
	if (d->want == PL_DOCS_REVIEWED && !d->reviewed &&
	    strcmp(k, "order") == 0) {
		report(d, r->name, r->line, "order '%s' was not reviewed (no "
		    "run record of po-check's before it): run po-check first",
		    r->f[1]);
		return -1;
	}
	if (!dk)
		return 1;
	if (!d->open) {
		report(d, r->name, r->line, "a '%s' record of order '%s' outside "
		    "its document (no order record before it): dropped", k,
		    r->f[1]);
		return 0;
	}
	if (strcmp(r->f[2], d->o.f[PL_order_docid] ?
	    d->o.f[PL_order_docid] : "") != 0) {
		if (!d->skip)
			report(d, d->name, d->at, "order '%s' (document %s): a "
			    "'%s' record of document %s stands inside it (line "
			    "%ld): the stream is mixed; not handled", key(d),
			    d->o.f[PL_order_docid] ? d->o.f[PL_order_docid] :
			    "?", k, r->f[2], r->line);
		d->skip = 1;
		return 0;
	}
	return 1;
}

int
pl_docs_feed(struct pl_docs *d, struct pl_rec_reader *r, int rc,
    const struct pl_err *e)
{
	char *comment[1];
	int ok;

	if (rc < 0) {
		if (d->h->error)
			d->h->error(d->user, e);
		d->status = pl_worst(d->status, e->status);
		d->skip = d->open;	/* no half a document */
		return e->status == PL_EXIT_IO || r->whole ? -1 : 0;
	}
	if (rc == PL_REC_COMMENT) {
		/* a comment inside a document stays in its place */
		comment[0] = r->raw;
		if (d->open && d->h->record)
			d->h->record(d->user, comment, 0);
		else if (d->h->other)
			d->h->other(d->user, comment, 0);
		return 0;
	}
	if ((ok = placed(d, r)) < 0) {
		d->skip = d->open;
		return -1;
	}
	if (ok == 0)
		return 0;
	if (strcmp(r->f[0], "order") == 0)
		pl_docs_end(d);
	else if (d->open && (r->nf < 3 || d->o.f[PL_order_docid] == NULL ||
	    strcmp(r->f[2], d->o.f[PL_order_docid]) != 0 ||
	    strcmp(r->f[0], "signoff") == 0 ||
	    strcmp(r->f[0], "decision") == 0))
		pl_docs_end(d);		/* a record of no document */
	if (strcmp(r->f[0], "order") == 0) {
		d->open = 1;
		d->at = r->line;
		snprintf(d->name, sizeof(d->name), "%s", r->name);
	} else if (strcmp(r->f[0], "run") == 0) {
		d->reviewed = 1;
	}
	if (!d->open) {
		if (d->h->other)
			d->h->other(d->user, r->f, r->nf);
		return 0;
	}
	add(d, r->f, r->nf);
	d->text = r->text;
	d->textlen = r->textlen;
	if (d->h->record)
		d->h->record(d->user, r->f, r->nf);
	return 0;
}

int
pl_docs_read(struct pl_docs *d, const char *path)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	int rc, status, before = d->status;

	if (fp == NULL) {
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    path, strerror(errno));
		if (d->h->error)
			d->h->error(d->user, &e);
		return PL_EXIT_IO;
	}
	d->status = PL_EXIT_OK;
	pl_rec_reader_init(&r, fp, pl_input_display(path));
	r.keep = d->h->record != NULL;
	while ((rc = pl_rec_read(&r, &e)) != PL_REC_EOF &&
	    pl_docs_feed(d, &r, rc, &e) == 0)
		;
	if (r.line == 0 && !ferror(fp))
		report(d, r.name, 0, "empty: not a record stream (not even "
		    "its header line)");
	d->nlines += r.line;
	pl_rec_reader_release(&r);
	if (fp != stdin)
		fclose(fp);
	status = d->status;
	d->status = pl_worst(before, status);
	return status;
}
