#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codes.h"
#include "input.h"
#include "rec.h"
#include "refxml.h"
#include "value.h"

#define ATTR pl_refxml_attr
#define CHILD pl_refxml_child
#define EACH(c, n, name) for (xmlNodePtr c = CHILD(n, name); c; \
	c = pl_refxml_next(c, name))

static char *
dup(int *oom, const char *s)
{
	char *d = s ? strdup(s) : NULL;

	if (s && d == NULL)
		*oom = 1;
	return d;
}

static int
column(const struct pl_rec_kind *k, const char *name)
{
	int i;

	for (i = 3; i < k->nfields; i++)	/* not kind, key, docid */
		if (strcmp(k->cols[i], name) == 0)
			return i;
	return -1;
}

static int
rule(struct pl_rule *r, xmlNodePtr n, const struct pl_refxml *rx,
    const char *file, struct pl_err *e, int *oom)
{
	const char *scope = ATTR(n, "scope"), *cert;
	xmlNodePtr t;
	char msg[256];
	size_t off;

	r->id = dup(oom, ATTR(n, "id"));
	r->line = scope && strcmp(scope, "line") == 0;
	r->field = dup(oom, ATTR(n, "field"));
	r->severity = dup(oom, ATTR(n, "severity"));
	r->department = dup(oom, ATTR(n, "department"));
	r->confirm = dup(oom, ATTR(n, "confirm"));
	r->custprop = dup(oom, ATTR(n, "custprop"));
	if (*oom)
		return -1;
	if (strcmp(r->field, "note") == 0)
		r->col = PL_FIELD_NOTE;
	else if (strcmp(r->field, "prop") == 0)
		r->col = PL_FIELD_PROP;
	else if (strcmp(r->field, "doc") == 0)
		r->col = PL_FIELD_DOC;
	else if ((r->col = column(pl_rec_kind(r->line ? "line" : "order"),
	    r->field)) < 0)
		return pl_refxml_fail(rx, e, file, n, "field '%s' is not a "
		    "column of the %s record", r->field, r->line ? "line" :
		    "order");
	if ((cert = ATTR(n, "cert")) != NULL) {
		/* a space-separated list */
		char *list = dup(oom, cert), *tok, *save = NULL;

		for (tok = list ? strtok_r(list, " ", &save) : NULL; tok;
		    tok = strtok_r(NULL, " ", &save)) {
			char **v = realloc(r->certs, (size_t)(r->ncerts + 1) *
			    sizeof(*v));

			if (v == NULL) {
				*oom = 1;
				break;
			}
			r->certs = v;
			r->certs[r->ncerts++] = dup(oom, tok);
		}
		free(list);
	}
	if (CHILD(n, "required")) {
		r->test = PL_TEST_REQUIRED;
	} else if ((t = CHILD(n, "pattern")) || (t = CHILD(n,
	    "absent-pattern"))) {
		r->test = strcmp((const char *)t->name, "pattern") == 0 ?
		    PL_TEST_PATTERN : PL_TEST_ABSENT;
		r->re = pl_pattern_compile(pl_refxml_text(t), 1, &off, msg,
		    sizeof(msg));
		if (r->re == NULL)
			return pl_refxml_fail(rx, e, file, t, "bad pattern at "
			    "offset %zu: %s", off, msg);
	} else if ((t = CHILD(n, "range")) != NULL) {
		r->test = PL_TEST_RANGE;
		r->has_min = ATTR(t, "min") != NULL;
		r->has_max = ATTR(t, "max") != NULL;
		r->min = r->has_min ? strtod(ATTR(t, "min"), NULL) : 0;
		r->max = r->has_max ? strtod(ATTR(t, "max"), NULL) : 0;
		/* which the schema cannot say: every value would be out */
		if (r->has_min && r->has_max && r->min > r->max)
			return pl_refxml_fail(rx, e, file, t, "the range's min "
			    "%s is above its max %s", ATTR(t, "min"),
			    ATTR(t, "max"));
	} else if ((t = CHILD(n, "values")) != NULL) {
		r->test = PL_TEST_VALUES;
		EACH(v, t, "value") {
			char **w = realloc(r->values, (size_t)(r->nvalues + 1) *
			    sizeof(*w));
			struct pl_buf b;

			if (w == NULL) {
				*oom = 1;
				break;
			}
			r->values = w;
			pl_buf_init(&b);
			if (pl_fold(pl_refxml_text(v), &b) < 0)
				*oom = 1;
			r->values[r->nvalues++] = pl_buf_detach(&b);
		}
	} else if ((t = CHILD(n, "date-offset")) != NULL) {
		r->test = PL_TEST_DATE;
		r->min_days = atoi(ATTR(t, "min-days") ? ATTR(t, "min-days") :
		    "0");
	}
	EACH(m, n, "message") {
		const char *lang = ATTR(m, "lang");

		if (lang && strcmp(lang, "en") == 0 && !r->en)
			r->en = dup(oom, pl_refxml_text(m));
		else if (lang && strcmp(lang, "zh") == 0 && !r->zh)
			r->zh = dup(oom, pl_refxml_text(m));
	}
	return *oom ? -1 : 0;
}

struct pl_rules *
pl_rules_load(const char *path, struct pl_err *e)
{
	struct pl_refxml rx = { "rule", "id", 0, 0 };
	const char *file = pl_input_display(path);
	struct pl_rules *r;
	struct pl_codes cur;
	xmlDocPtr doc;
	xmlNodePtr root, s;
	int oom = 0, bad = 0;

	if ((doc = pl_refxml_load(&rx, path, "rules.xsd", e)) == NULL)
		return NULL;
	if (pl_codes_load(&cur, "currencies.tsv") < 0) {
		xmlFreeDoc(doc);
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		xmlFreeDoc(doc);
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	r->crc = rx.crc;
	r->length = rx.length;
	root = xmlDocGetRootElement(doc);
	s = CHILD(root, "settings");
	r->tolerance = ATTR(CHILD(s, "price-tolerance"), "percent") ?
	    strtod(ATTR(CHILD(s, "price-tolerance"), "percent"), NULL) : 0;
	EACH(a, CHILD(s, "gm-approval"), "above") {
		void *v = realloc(r->gm, (size_t)(r->ngm + 1) * sizeof(*r->gm));

		if (v == NULL) {
			oom = 1;
			break;
		}
		r->gm = v;
		/* the schema checks three capitals, not the code list */
		if (!pl_codes_find(&cur, ATTR(a, "currency") ?
		    ATTR(a, "currency") : "")) {
			bad = -pl_refxml_fail(&rx, e, file, a, "the currency "
			    "'%s' is not an ISO 4217 code", ATTR(a, "currency"));
			break;
		}
		snprintf(r->gm[r->ngm].currency, 4, "%s", ATTR(a, "currency") ?
		    ATTR(a, "currency") : "");
		r->gm[r->ngm++].amount = strtod(ATTR(a, "amount") ?
		    ATTR(a, "amount") : "0", NULL);
	}
	pl_codes_release(&cur);
	EACH(n, bad ? NULL : root, "rule") {
		void *v = realloc(r->rule, (size_t)(r->n + 1) * sizeof(*r->rule));

		if (v == NULL) {
			oom = 1;
			break;
		}
		r->rule = v;
		memset(&r->rule[r->n], 0, sizeof(*r->rule));
		if (rule(&r->rule[r->n++], n, &rx, file, e, &oom) < 0) {
			bad = 1;
			break;
		}
	}
	xmlFreeDoc(doc);
	if (oom)
		pl_err_set(e, PL_EXIT_INTERNAL, file, 0, "out of memory");
	if (oom || bad) {
		pl_rules_free(r);
		return NULL;
	}
	return r;
}

void
pl_rules_free(struct pl_rules *r)
{
	int i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		struct pl_rule *u = &r->rule[i];

		free(u->id);
		free(u->field);
		pcre2_code_free(u->re);
		for (j = 0; j < u->nvalues; j++)
			free(u->values[j]);
		free(u->values);
		for (j = 0; j < u->ncerts; j++)
			free(u->certs[j]);
		free(u->certs);
		free(u->severity);
		free(u->department);
		free(u->confirm);
		free(u->custprop);
		free(u->en);
		free(u->zh);
	}
	free(r->rule);
	free(r->gm);
	free(r);
}

double
pl_rules_gm_above(const struct pl_rules *r, const char *currency)
{
	int i;

	for (i = 0; currency && i < r->ngm; i++)
		if (strcmp(r->gm[i].currency, currency) == 0)
			return r->gm[i].amount;
	return 0;
}
