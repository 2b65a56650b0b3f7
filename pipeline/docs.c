#include "docs.h"

#include <errno.h>
#include <stdio.h>
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

void
pl_docs_end(struct pl_docs *d)
{
	if (d->open && !d->skip && d->h->doc)
		d->h->doc(d->user, d);
	pl_order_reset(&d->o);
	memset(d->verdict, 0, sizeof(d->verdict));
	d->open = d->skip = d->have_verdict = 0;
}

/* Add a record of the open document to the model. */
static void
add(struct pl_docs *d, char *const *f, int nf)
{
	int i;

	if (strcmp(f[0], "verdict") == 0 && nf == PL_verdict__N) {
		for (i = 0; i < nf; i++)
			d->verdict[i] = f[i][0] ? pl_order_strn(&d->o, f[i],
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

int
pl_docs_read(struct pl_docs *d, const char *path)
{
	struct pl_rec_reader r;
	struct pl_err e;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	int rc, status = PL_EXIT_OK;
	char *comment[1];

	if (fp == NULL) {
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    path, strerror(errno));
		if (d->h->error)
			d->h->error(d->user, &e);
		return PL_EXIT_IO;
	}
	pl_rec_reader_init(&r, fp, pl_input_display(path));
	r.keep = d->h->record != NULL;
	while ((rc = pl_rec_read(&r, &e)) != PL_REC_EOF) {
		if (rc < 0) {
			if (d->h->error)
				d->h->error(d->user, &e);
			status = pl_worst(status, e.status);
			if (e.status == PL_EXIT_IO)
				break;
			d->skip = d->open;	/* no half a document */
			continue;
		}
		if (rc == PL_REC_COMMENT) {
			/* a comment inside a document stays in its place */
			comment[0] = r.raw;
			if (d->open && d->h->record)
				d->h->record(d->user, comment, 0);
			else if (d->h->other)
				d->h->other(d->user, comment, 0);
			continue;
		}
		if (strcmp(r.f[0], "order") == 0)
			pl_docs_end(d);
		else if (d->open && (r.nf < 3 || d->o.f[PL_order_docid] == NULL ||
		    strcmp(r.f[2], d->o.f[PL_order_docid]) != 0))
			pl_docs_end(d);		/* a record of no document */
		if (strcmp(r.f[0], "order") == 0)
			d->open = 1;
		if (!d->open) {
			if (d->h->other)
				d->h->other(d->user, r.f, r.nf);
			continue;
		}
		add(d, r.f, r.nf);
		d->text = r.text;
		d->textlen = r.textlen;
		if (d->h->record)
			d->h->record(d->user, r.f, r.nf);
	}
	pl_rec_reader_release(&r);
	if (fp != stdin)
		fclose(fp);
	return status;
}
