#include "csat-xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csat-int.h"
#include "input.h"
#include "xml.h"

#define RESPONSES_NS "urn:poreview:responses:1"

struct xmlr {
	struct pl_csat *c;
	const char *file;
	int status;		/* of a failure other than well-formedness */
	long line;		/* of the response */
	size_t cust, date, id;	/* offsets into c->rbuf */
	size_t *toff;		/* per question: its text, or -1 */
	int q;			/* the answer's question */
	char why[256];		/* the response's first bad answer */
	struct pl_err *e;
};

static size_t
keep(struct pl_csat *c, const char *s)
{
	size_t off = c->rbuf.len;

	if (pl_buf_adds(&c->rbuf, s ? s : "") < 0 ||
	    pl_buf_addc(&c->rbuf, '\0') < 0)
		return (size_t)-1;
	return off;
}

static void
x_start(void *user, struct pl_xml *x, const struct pl_xml_elem *el)
{
	struct xmlr *r = user;
	struct pl_csat *c = r->c;
	const char *a;
	int q;

	if (el->depth == 0) {
		if (strcmp(el->name, "responses") != 0 || el->ns == NULL ||
		    strcmp(el->ns, RESPONSES_NS) != 0) {
			pl_xml_fail(x, 0, "not a responses document (root "
			    "element '%s' in '%s')", el->name, el->ns ? el->ns :
			    "no namespace");
			return;
		}
		a = pl_xml_attr(x, el, "survey");
		if (a && strcmp(a, c->s->id) != 0) {
			r->status = PL_EXIT_CONFIG;
			pl_xml_fail(x, 0, "responses to survey '%s', the "
			    "definition is of '%s'", a, c->s->id);
		}
	} else if (el->depth == 1 && strcmp(el->name, "response") == 0) {
		pl_buf_reset(&c->rbuf);
		r->line = pl_xml_line(x);
		r->why[0] = '\0';
		r->cust = keep(c, pl_xml_attr(x, el, "customer"));
		r->date = keep(c, pl_xml_attr(x, el, "date"));
		r->id = keep(c, pl_xml_attr(x, el, "id"));
		for (q = 0; q < c->s->nquestions; q++) {
			c->values[q] = -1;
			r->toff[q] = (size_t)-1;
		}
	} else if (el->depth == 2 && strcmp(el->name, "answer") == 0) {
		a = pl_xml_attr(x, el, "question");
		if ((r->q = pl_survey_question(c->s, a)) < 0) {
			r->status = PL_EXIT_CONFIG;
			pl_xml_fail(x, 0, "question '%.80s' is not in the survey "
			    "definition", a ? a : "");
		}
	} else {
		pl_xml_fail(x, 0, "unexpected element '%s'", el->name);
	}
}

static void
x_end(void *user, struct pl_xml *x, const struct pl_xml_elem *el,
    const char *text, size_t len)
{
	struct xmlr *r = user;
	struct pl_csat *c = r->c;
	const struct pl_survey *s = c->s;
	struct pl_csat_resp resp;
	int q, v, rc;

	(void)len;
	if (el->depth == 2) {
		if (s->questions[r->q].kind == PL_COL_COMMENT) {
			r->toff[r->q] = keep(c, text);
		} else if ((rc = pl_survey_value(s, r->q, text, &v, r->why,
		    sizeof(r->why))) == 0) {
			c->values[r->q] = v;
		} else if (rc < 0 && r->why[0] == '\0') {
			snprintf(r->why, sizeof(r->why), "answer");
		}
		return;
	}
	if (el->depth != 1)
		return;
	for (q = 0; q < s->nquestions; q++)
		c->texts[q] = r->toff[q] == (size_t)-1 ? NULL :
		    c->rbuf.s + r->toff[q];
	resp.customer = c->rbuf.s + r->cust;
	resp.respondent = c->rbuf.s + r->id;
	if (r->why[0])
		pl_csat_bad_row(c, r->file, r->line, "%s", r->why);
	else if (resp.customer[0] == '\0')
		pl_csat_bad_row(c, r->file, r->line, "no customer");
	else if (pl_csat_date_time(c->rbuf.s + r->date, &resp.day, &resp.sec) < 0)
		pl_csat_bad_row(c, r->file, r->line, "date '%.40s' is not a date",
		    c->rbuf.s + r->date);
	else if (pl_csat_add_response(c, &resp, r->file, r->e) < 0) {
		r->status = r->e->status;
		pl_xml_fail(x, 0, "%s", r->e->msg);
	}
}

int
pl_csat_xml_read(struct pl_csat *c, const char *path, struct pl_err *e)
{
	static const struct pl_xml_handler h = { x_start, x_end };
	struct xmlr r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.file = pl_input_display(path);
	r.e = e;
	if ((r.toff = calloc((size_t)c->s->nquestions + 1,
	    sizeof(size_t))) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, r.file, 0,
		    "out of memory");
	rc = pl_xml_parse(&c->xml, path, &h, &r, e);
	if (rc < 0 && r.status)
		e->status = r.status;
	free(r.toff);
	return rc;
}
