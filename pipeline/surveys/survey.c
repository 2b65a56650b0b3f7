#include "survey.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "refxml.h"

#define ATTR pl_refxml_attr
#define CHILD pl_refxml_child
#define EACH(c, n, name) for (xmlNodePtr c = CHILD(n, name); c; \
	c = pl_refxml_next(c, name))

struct load {
	struct pl_survey *s;
	struct pl_refxml r;
	const char *file;
	struct pl_err *e;
	int oom;
};

static char *
dup(struct load *l, const char *s)
{
	char *d = s ? strdup(s) : NULL;

	if (s && d == NULL)
		l->oom = 1;
	return d;
}

/* Room for one more element of an array of n. */
static void *
more(struct load *l, void *p, int n, size_t size)
{
	void *q = realloc(p, (size_t)(n + 1) * size);

	if (q == NULL) {
		l->oom = 1;
		return p;
	}
	memset((char *)q + (size_t)n * size, 0, size);
	return q;
}

#define MORE(l, arr, n) ((arr) = more((l), (arr), (n), sizeof(*(arr))), \
	!(l)->oom)

/* The text of n with the spaces around it removed, into buf. */
static const char *
trimmed(const char *t, char *buf, size_t size)
{
	size_t n;

	while (*t && isspace((unsigned char)*t))
		t++;
	n = strlen(t);
	while (n > 0 && isspace((unsigned char)t[n - 1]))
		n--;
	snprintf(buf, size, "%.*s", (int)n, t);
	return buf;
}

/* The index of the element of arr (n of stride bytes, each starting
 * with its id) whose id is id, or -1. */
static int
find(const char *id, int n, size_t stride, const void *arr)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(*(char *const *)((const char *)arr + (size_t)i *
		    stride), id) == 0)
			return i;
	return -1;
}

static int
columns(struct load *l, xmlNodePtr n, int kind, int question)
{
	struct pl_survey *s = l->s;
	char name[512];

	EACH(c, n, "column") {
		trimmed(pl_refxml_text(c), name, sizeof(name));
		if (name[0] == '\0')
			return pl_refxml_fail(&l->r, l->e, l->file, c,
			    "empty column name");
		if (pl_survey_column(s, name))
			return pl_refxml_fail(&l->r, l->e, l->file, c,
			    "column '%s' is named twice", name);
		if (!MORE(l, s->cols, s->ncols))
			return -1;
		s->cols[s->ncols].name = dup(l, name);
		s->cols[s->ncols].kind = kind;
		s->cols[s->ncols++].question = question;
	}
	return 0;
}

static int
scale(struct load *l, xmlNodePtr n)
{
	struct pl_survey *s = l->s;
	struct pl_survey_scale *sc;
	char t[512];

	if (find(ATTR(n, "id"), s->nscales, sizeof(*s->scales),
	    s->scales) >= 0)
		return pl_refxml_fail(&l->r, l->e, l->file, n, "scale '%s' "
		    "is defined twice", ATTR(n, "id"));
	if (!MORE(l, s->scales, s->nscales))
		return -1;
	sc = &s->scales[s->nscales++];
	sc->id = dup(l, ATTR(n, "id"));
	sc->min = atoi(ATTR(n, "min"));
	sc->max = atoi(ATTR(n, "max"));
	if (sc->min >= sc->max)
		return pl_refxml_fail(&l->r, l->e, l->file, n, "scale '%s': "
		    "min %d is not below max %d", sc->id, sc->min, sc->max);
	EACH(a, n, "answer") {
		int v = atoi(ATTR(a, "value"));

		if (v < sc->min || v > sc->max)
			return pl_refxml_fail(&l->r, l->e, l->file, a, "scale "
			    "'%s': answer value %d is outside %d-%d", sc->id,
			    v, sc->min, sc->max);
		if (!MORE(l, sc->answers, sc->nanswers))
			return -1;
		sc->answers[sc->nanswers].text = dup(l, trimmed(
		    pl_refxml_text(a), t, sizeof(t)));
		sc->answers[sc->nanswers++].value = v;
	}
	return 0;
}

static int
question(struct load *l, xmlNodePtr n, int kind)
{
	struct pl_survey *s = l->s;
	struct pl_survey_question *q;
	const char *id = ATTR(n, "id"), *a;

	if (pl_survey_question(s, id) >= 0)
		return pl_refxml_fail(&l->r, l->e, l->file, n, "question '%s' "
		    "is defined twice", id);
	if (!MORE(l, s->questions, s->nquestions))
		return -1;
	q = &s->questions[s->nquestions++];
	q->id = dup(l, id);
	q->kind = kind;
	q->dim = q->scale = -1;
	if ((a = ATTR(n, "scale")) != NULL && (q->scale = find(a,
	    s->nscales, sizeof(*s->scales), s->scales)) < 0)
		return pl_refxml_fail(&l->r, l->e, l->file, n, "question '%s': "
		    "unknown scale '%s'", id, a);
	if ((a = ATTR(n, "dimension")) != NULL) {
		struct pl_survey_dim *d;

		if ((q->dim = find(a, s->ndims,
		    sizeof(*s->dims), s->dims)) < 0)
			return pl_refxml_fail(&l->r, l->e, l->file, n,
			    "question '%s': unknown dimension '%s'", id, a);
		d = &s->dims[q->dim];
		if (d->scale >= 0 && d->scale != q->scale)
			return pl_refxml_fail(&l->r, l->e, l->file, n,
			    "question '%s': dimension '%s' is asked on scale "
			    "'%s' elsewhere (one scale per dimension)", id, a,
			    s->scales[d->scale].id);
		d->scale = q->scale;
	}
	if (kind == PL_COL_RECOMMEND) {
		const struct pl_survey_scale *sc = &s->scales[q->scale];

		if (sc->min != 0 || sc->max != 10)
			return pl_refxml_fail(&l->r, l->e, l->file, n,
			    "recommend question '%s': scale '%s' is %d-%d, "
			    "not 0-10", id, sc->id, sc->min, sc->max);
		s->recommend = s->nquestions - 1;
	}
	if (kind == PL_COL_RATED && (a = ATTR(n, "overall")) != NULL &&
	    (strcmp(a, "true") == 0 || strcmp(a, "1") == 0)) {
		if (s->overall >= 0)
			return pl_refxml_fail(&l->r, l->e, l->file, n,
			    "question '%s': question '%s' is the "
			    "overall-satisfaction question already (one at "
			    "most)", id, s->questions[s->overall].id);
		s->overall = s->nquestions - 1;
	}
	return columns(l, n, kind, s->nquestions - 1);
}

static int
survey(struct load *l, xmlNodePtr root)
{
	struct pl_survey *s = l->s;
	xmlNodePtr t;

	s->id = dup(l, ATTR(root, "id"));
	EACH(c, root, "title") {
		const char *lang = ATTR(c, "lang");

		if (lang && strcmp(lang, "zh") == 0)
			s->title_zh = dup(l, pl_refxml_text(c));
		else
			s->title_en = dup(l, pl_refxml_text(c));
	}
	if (columns(l, CHILD(root, "customer"), PL_COL_CUSTOMER, -1) < 0 ||
	    columns(l, CHILD(root, "date"), PL_COL_DATE, -1) < 0 ||
	    columns(l, CHILD(root, "respondent"), PL_COL_RESPONDENT, -1) < 0)
		return -1;
	s->has_date = CHILD(root, "date") != NULL;
	EACH(c, root, "dimension") {
		struct pl_survey_dim *d;

		if (find(ATTR(c, "id"), s->ndims,
		    sizeof(*s->dims), s->dims) >= 0)
			return pl_refxml_fail(&l->r, l->e, l->file, c,
			    "dimension '%s' is defined twice", ATTR(c, "id"));
		if (!MORE(l, s->dims, s->ndims))
			return -1;
		d = &s->dims[s->ndims++];
		d->id = dup(l, ATTR(c, "id"));
		d->name_en = dup(l, pl_refxml_name(c, "en"));
		d->name_zh = dup(l, pl_refxml_name(c, "zh"));
		d->owner = dup(l, ATTR(c, "owner"));
		d->scale = -1;
	}
	EACH(c, root, "scale")
		if (scale(l, c) < 0)
			return -1;
	s->recommend = s->overall = -1;
	EACH(c, root, "question")
		if (question(l, c, PL_COL_RATED) < 0)
			return -1;
	if ((t = CHILD(root, "recommend")) != NULL &&
	    question(l, t, PL_COL_RECOMMEND) < 0)
		return -1;
	EACH(c, root, "comment")
		if (question(l, c, PL_COL_COMMENT) < 0)
			return -1;
	if (columns(l, CHILD(root, "ignore"), PL_COL_IGNORE, -1) < 0)
		return -1;
	EACH(c, root, "invited") {
		struct pl_survey_invited *v;

		if (!MORE(l, s->invited, s->ninvited))
			return -1;
		v = &s->invited[s->ninvited++];
		if (pl_date_parse(ATTR(c, "from"), &v->from) < 0 ||
		    pl_date_parse(ATTR(c, "to"), &v->to) < 0 || v->to < v->from)
			return pl_refxml_fail(&l->r, l->e, l->file, c,
			    "invited: 'from' must be a date on or before 'to'");
		v->count = atol(ATTR(c, "count"));
	}
	for (int i = 0; s->overall >= 0 && i < s->nquestions; i++) {
		const struct pl_survey_question *o = &s->questions[s->overall];

		if (i != s->overall && s->questions[i].kind == PL_COL_RATED &&
		    s->questions[i].dim == o->dim)
			return pl_refxml_fail(&l->r, l->e, l->file, root,
			    "overall-satisfaction question '%s': its dimension "
			    "'%s' has another question, '%s'", o->id,
			    s->dims[o->dim].id, s->questions[i].id);
	}
	for (int i = 0; i < s->ndims; i++)
		if (s->dims[i].scale < 0)
			return pl_refxml_fail(&l->r, l->e, l->file, root,
			    "dimension '%s' has no question", s->dims[i].id);
	return 0;
}

int
pl_survey_load(struct pl_survey *s, const char *path, struct pl_err *e)
{
	struct load l = { s, { NULL, NULL, 0, 0 }, NULL, e, 0 };
	xmlDocPtr doc;
	int rc;

	memset(s, 0, sizeof(*s));
	s->recommend = s->overall = -1;
	l.file = path;
	if ((doc = pl_refxml_load(&l.r, path, "survey.xsd", e)) == NULL)
		return -1;
	rc = survey(&l, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	s->crc = l.r.crc;
	s->length = l.r.length;
	if (rc == 0 && l.oom)
		rc = pl_err_set(e, PL_EXIT_INTERNAL, path, 0, "out of memory");
	if (rc < 0)
		pl_survey_release(s);
	return rc;
}

void
pl_survey_release(struct pl_survey *s)
{
	int i, j;

	free(s->id);
	free(s->title_en);
	free(s->title_zh);
	for (i = 0; i < s->ndims; i++) {
		free(s->dims[i].id);
		free(s->dims[i].name_en);
		free(s->dims[i].name_zh);
		free(s->dims[i].owner);
	}
	free(s->dims);
	for (i = 0; i < s->nscales; i++) {
		for (j = 0; j < s->scales[i].nanswers; j++)
			free(s->scales[i].answers[j].text);
		free(s->scales[i].answers);
		free(s->scales[i].id);
	}
	free(s->scales);
	for (i = 0; i < s->nquestions; i++)
		free(s->questions[i].id);
	free(s->questions);
	for (i = 0; i < s->ncols; i++)
		free(s->cols[i].name);
	free(s->cols);
	free(s->invited);
	memset(s, 0, sizeof(*s));
	s->recommend = s->overall = -1;
}

const struct pl_survey_column *
pl_survey_column(const struct pl_survey *s, const char *name)
{
	char buf[512];
	int i;

	trimmed(name, buf, sizeof(buf));
	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, buf) == 0)
			return &s->cols[i];
	return NULL;
}

int
pl_survey_question(const struct pl_survey *s, const char *id)
{
	int i;

	for (i = 0; id && i < s->nquestions; i++)
		if (strcmp(s->questions[i].id, id) == 0)
			return i;
	return -1;
}

int
pl_survey_value(const struct pl_survey *s, int q, const char *text, int *v,
    char *why, size_t size)
{
	const struct pl_survey_scale *sc = &s->scales[s->questions[q].scale];
	char buf[512], *end;
	long n;
	int i;

	trimmed(text, buf, sizeof(buf));
	if (buf[0] == '\0')
		return 1;
	n = strtol(buf, &end, 10);
	if (*end == '\0' && isdigit((unsigned char)buf[buf[0] == '-'])) {
		if (n < sc->min || n > sc->max) {
			snprintf(why, size, "%s: %ld is outside the scale "
			    "%d-%d", s->questions[q].id, n, sc->min, sc->max);
			return -2;
		}
		*v = (int)n;
		return 0;
	}
	for (i = 0; i < sc->nanswers; i++)
		if (strcmp(sc->answers[i].text, buf) == 0) {
			*v = sc->answers[i].value;
			return 0;
		}
	snprintf(why, size, "%s: '%.60s' is not a number or an answer of "
	    "scale '%s'", s->questions[q].id, buf, sc->id);
	return -1;
}

const char *
pl_survey_dept(const char *owner, int zh)
{
	static const char *const d[][3] = {
		{ "sales", "Sales", "销售部" },
		{ "purchasing", "Purchasing", "采购部" },
		{ "production", "Production", "生产部" },
		{ "rd", "R&D", "研发部" },
		{ "quality", "Quality", "质量部" },
		{ "gm", "General manager", "总经理" },
	};
	size_t i;

	for (i = 0; owner && i < sizeof(d) / sizeof(d[0]); i++)
		if (strcmp(d[i][0], owner) == 0)
			return d[i][1 + !!zh];
	return owner ? owner : "";
}
