#define _GNU_SOURCE	/* fopencookie: partials are read through input.h */
#include "csat.h"

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "hash.h"
#include "input.h"
#include "rec.h"
#include "seen.h"
#include "xml.h"

#define Z95 1.959963984540054
#define MAX_RECORD (1 << 20)	/* bytes of one CSV record */
#define MAX_FIELDS 4096
#define MAX_TEXT 32000		/* a comment kept (a cell holds 32,767) */
/* The largest count or sum a partial may bring, alone or merged: past
 * 2^53 a double no longer holds every whole number (and 1,024 such
 * counts pass a long). */
#define MAX_SUM (1LL << 53)

/* ---- statistics ---- */

void
pl_csat_wilson(long k, long n, struct pl_csat_ci *ci)
{
	double p, z2n, den, half;

	memset(ci, 0, sizeof(*ci));
	ci->n = n;
	if (n <= 0)
		return;
	p = (double)k / (double)n;
	z2n = Z95 * Z95 / (double)n;
	den = 1 + z2n;
	half = Z95 / den * sqrt(p * (1 - p) / (double)n + z2n /
	    (4 * (double)n));
	ci->est = p;
	ci->lo = (p + z2n / 2) / den - half;
	ci->hi = (p + z2n / 2) / den + half;
	if (ci->lo < 0)
		ci->lo = 0;
	if (ci->hi > 1)
		ci->hi = 1;
	ci->ok = 1;
}

void
pl_csat_nps(long promoters, long detractors, long n, struct pl_csat_ci *ci)
{
	double pp, pd, var, half;

	memset(ci, 0, sizeof(*ci));
	ci->n = n;
	if (n <= 0)
		return;
	pp = (double)promoters / (double)n;
	pd = (double)detractors / (double)n;
	var = (pp * (1 - pp) + pd * (1 - pd) + 2 * pp * pd) / (double)n;
	half = Z95 * sqrt(var);
	ci->est = 100 * (pp - pd);
	ci->lo = 100 * (pp - pd - half);
	ci->hi = 100 * (pp - pd + half);
	if (ci->lo < -100)	/* a small n: the normal interval overshoots */
		ci->lo = -100;
	if (ci->hi > 100)
		ci->hi = 100;
	ci->ok = 1;
}

/* The regularised incomplete beta function I_x(a, b), by its continued
 * fraction (modified Lentz). */
static double
betacf(double a, double b, double x)
{
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, del, aa;
	int m;

	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 300; m++) {
		aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + aa * d;
		d = fabs(d) < 1e-300 ? 1e-300 : d;
		c = 1 + aa / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) *
		    (a + 2 * m + 1));
		d = 1 + aa * d;
		d = fabs(d) < 1e-300 ? 1e-300 : d;
		c = 1 + aa / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return h;
}

static double
ibeta(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log(1 - x));
	if (x < (a + 1) / (a + b + 2))
		return front * betacf(a, b, x) / a;
	return 1 - front * betacf(b, a, 1 - x) / b;
}

/* P(T <= t) for Student's t with df degrees of freedom, t >= 0. */
static double
t_cdf(double t, double df)
{
	return 1 - 0.5 * ibeta(df / 2, 0.5, df / (df + t * t));
}

double
pl_csat_t975(long df)
{
	double lo = 0, hi = 20000, mid;
	int i;

	if (df < 1)
		return NAN;
	for (i = 0; i < 200; i++) {	/* bisection: t_cdf is monotonic */
		mid = (lo + hi) / 2;
		if (t_cdf(mid, (double)df) < 0.975)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

void
pl_csat_mean(long n, double sum, double sumsq, struct pl_csat_ci *ci,
    double *sd)
{
	double mean, var, half;

	memset(ci, 0, sizeof(*ci));
	*sd = 0;
	ci->n = n;
	if (n <= 0)
		return;
	mean = sum / (double)n;
	ci->est = ci->lo = ci->hi = mean;
	ci->ok = 1;
	if (n < 2)
		return;
	var = (sumsq - sum * sum / (double)n) / (double)(n - 1);
	*sd = var > 0 ? sqrt(var) : 0;
	half = pl_csat_t975(n - 1) * *sd / sqrt((double)n);
	ci->lo = mean - half;
	ci->hi = mean + half;
}

int
pl_csat_apart(const struct pl_csat_ci *a, const struct pl_csat_ci *b)
{
	return a->ok && b->ok && (a->hi < b->lo || b->hi < a->lo);
}

void
pl_csat_stat_add(struct pl_csat_stat *a, const struct pl_csat_stat *b)
{
	a->n += b->n;
	a->sum += b->sum;
	a->sumsq += b->sumsq;
	a->top2 += b->top2;
	a->promoters += b->promoters;
	a->detractors += b->detractors;
}

/* ---- formats and dates ---- */

static const char *const format_names[] = {
	"detect", "google", "msforms", "limesurvey", "qualtrics", "xml",
	"partial"
};

int
pl_csat_format(const char *s)
{
	int i;

	for (i = 1; i < 7; i++)
		if (strcmp(s, format_names[i]) == 0)
			return i;
	return -1;
}

const char *
pl_csat_format_name(int format)
{
	return format >= 0 && format < 7 ? format_names[format] : "?";
}

/* Up to max digits at *p as a number; -1 when there is none. */
static int
digits(const char **p, int max)
{
	int v = 0, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* The date of s as pl_csat_date() reads it, and the time after it in
 * seconds into *sec: "9:12", "09:12:33" after a space or a T; -1 when it
 * states none. */
static int
date_time(const char *s, int *day, long *sec)
{
	const char *p = s;
	int a, b, c, y, m, d, h, mi, se = 0;
	char iso[11];

	while (*p == ' ')
		p++;
	if ((a = digits(&p, 4)) < 0 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if ((b = digits(&p, 2)) < 0 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if ((c = digits(&p, 4)) < 0)
		return -1;
	if (*p != '\0' && *p != ' ' && *p != 'T')
		return -1;
	*sec = -1;
	while (*p == ' ' || *p == 'T')
		p++;
	if ((h = digits(&p, 2)) >= 0 && h < 24 && *p++ == ':' &&
	    (mi = digits(&p, 2)) >= 0 && mi < 60 && (*p != ':' ||
	    (p++, (se = digits(&p, 2)) >= 0 && se < 61)))
		*sec = (long)h * 3600 + mi * 60 + se;
	if (a >= 1000) {		/* year first */
		y = a, m = b, d = c;
	} else {			/* month first: 3/4/2026, 3/4/26 */
		m = a, d = b, y = c < 100 ? 2000 + c : c;
	}
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return pl_date_parse(iso, day);
}

int
pl_csat_date(const char *s, int *day)
{
	long sec;

	return date_time(s, day, &sec);
}

/* ---- the cells ---- */

struct cell {
	int cust, dim, per;
	struct pl_csat_stat st;
};

struct agg {
	struct cell *cells;
	int n, cap;
	int *slot;		/* open addressing: cell index + 1 */
	int nslot;
	long *invited;		/* responses per invited entry */
};

/* A response being added. */
struct resp {
	const char *customer, *respondent;
	int day;
	long sec;		/* the time of day in seconds, or -1 */
};

struct pl_csat {
	const struct pl_survey *s;
	int period;
	const struct pl_csat_handler *h;
	void *user;
	char **cust;		/* customers, interned */
	int ncust, custcap;
	int *custslot;		/* cust index + 1 */
	int ncustslot;
	struct agg total, file;
	long bad, files, rejected, skipped;
	long repeats;		/* responses left out as repeats, all told */
	long repeats_here;	/* of them, those this run found */
	long file_repeats;	/* those of the file being read */
	long carried[5];	/* a partial's files, rejected, bad, skipped,
				 * repeats */
	struct pl_seen seen;	/* the responses read, to find repeats, by
				 * customer, respondent and day, with the
				 * time of day; marked after each file */
	struct pl_buf key;	/* the key of the response being added */
	FILE *spool;		/* the current file's comments */
	struct pl_xml xml;
	int xml_ready;
	/* the response being read */
	int *values;		/* per question; -1 none */
	const char **texts;	/* per question (comments) */
	struct pl_buf rbuf;	/* XML: the response's texts */
};

static uint32_t
hash_key(int c, int d, int p)
{
	uint32_t h = (uint32_t)c * 2654435761u;

	h ^= (uint32_t)d * 40503u + (uint32_t)p * 2246822519u;
	return h ^ (h >> 15);
}

/* Rebuild the slots of a at n slots (a power of two). */
static int
agg_rehash(struct agg *a, int n)
{
	int *slot = calloc((size_t)n, sizeof(int)), i;

	if (slot == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		struct cell *c = &a->cells[i];
		uint32_t j = hash_key(c->cust, c->dim, c->per) & (uint32_t)(n - 1);

		while (slot[j])
			j = (j + 1) & (uint32_t)(n - 1);
		slot[j] = i + 1;
	}
	free(a->slot);
	a->slot = slot;
	a->nslot = n;
	return 0;
}

static struct pl_csat_stat *
agg_cell(struct agg *a, int cust, int dim, int per)
{
	uint32_t j;
	int i;

	if (a->n * 2 >= a->nslot && agg_rehash(a, a->nslot ? a->nslot * 2 :
	    64) < 0)
		return NULL;
	j = hash_key(cust, dim, per) & (uint32_t)(a->nslot - 1);
	for (; (i = a->slot[j]) != 0; j = (j + 1) & (uint32_t)(a->nslot - 1)) {
		struct cell *c = &a->cells[i - 1];

		if (c->cust == cust && c->dim == dim && c->per == per)
			return &c->st;
	}
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 64;
		struct cell *cells = realloc(a->cells, (size_t)cap *
		    sizeof(*cells));

		if (cells == NULL)
			return NULL;
		a->cells = cells;
		a->cap = cap;
	}
	memset(&a->cells[a->n], 0, sizeof(a->cells[0]));
	a->cells[a->n].cust = cust;
	a->cells[a->n].dim = dim;
	a->cells[a->n].per = per;
	a->slot[j] = ++a->n;
	return &a->cells[a->n - 1].st;
}

/* The cell of a, or NULL when it has none. */
static const struct pl_csat_stat *
agg_find(const struct agg *a, int cust, int dim, int per)
{
	uint32_t j;
	int i;

	if (a->nslot == 0)
		return NULL;
	j = hash_key(cust, dim, per) & (uint32_t)(a->nslot - 1);
	for (; (i = a->slot[j]) != 0; j = (j + 1) & (uint32_t)(a->nslot - 1)) {
		const struct cell *c = &a->cells[i - 1];

		if (c->cust == cust && c->dim == dim && c->per == per)
			return &c->st;
	}
	return NULL;
}

static void
agg_clear(struct agg *a, int ninvited)
{
	a->n = 0;
	if (a->slot)
		memset(a->slot, 0, (size_t)a->nslot * sizeof(int));
	if (a->invited)
		memset(a->invited, 0, (size_t)ninvited * sizeof(long));
}

static void
agg_release(struct agg *a)
{
	free(a->cells);
	free(a->slot);
	free(a->invited);
	memset(a, 0, sizeof(*a));
}

/* The index of customer name, interned; -1 when out of memory. */
static int
customer(struct pl_csat *c, const char *name)
{
	uint32_t j;
	int i;

	if (c->ncust * 2 >= c->ncustslot) {
		int n = c->ncustslot ? c->ncustslot * 2 : 64, *slot;

		if ((slot = calloc((size_t)n, sizeof(int))) == NULL)
			return -1;
		for (i = 0; i < c->ncust; i++) {
			j = pl_hash_str(c->cust[i]) & (uint32_t)(n - 1);
			while (slot[j])
				j = (j + 1) & (uint32_t)(n - 1);
			slot[j] = i + 1;
		}
		free(c->custslot);
		c->custslot = slot;
		c->ncustslot = n;
	}
	j = pl_hash_str(name) & (uint32_t)(c->ncustslot - 1);
	for (; (i = c->custslot[j]) != 0;
	    j = (j + 1) & (uint32_t)(c->ncustslot - 1))
		if (strcmp(c->cust[i - 1], name) == 0)
			return i - 1;
	if (c->ncust == c->custcap) {
		int cap = c->custcap ? c->custcap * 2 : 64;
		char **v = realloc(c->cust, (size_t)cap * sizeof(*v));

		if (v == NULL)
			return -1;
		c->cust = v;
		c->custcap = cap;
	}
	if ((c->cust[c->ncust] = strdup(name)) == NULL)
		return -1;
	c->custslot[j] = ++c->ncust;
	return c->ncust - 1;
}

/*
 * Whether the response r was read before: the same customer, respondent
 * and day, and the same time when both state one.  1 when it was (a
 * repeat); 0 when not (it is kept from now on; and so when it has no
 * respondent, or "anonymous", to tell it by, or when the set was lost);
 * -1 out of memory.
 */
static int
repeat(struct pl_csat *c, const struct resp *r)
{
	if (r->respondent == NULL || r->respondent[0] == '\0' ||
	    strcasecmp(r->respondent, "anonymous") == 0)
		return 0;
	pl_buf_reset(&c->key);
	if (pl_buf_addf(&c->key, "%s%c%s%c%d", r->customer, 0x1f,
	    r->respondent, 0x1f, r->day) < 0)
		return -1;
	return pl_seen_meet(&c->seen, c->key.s, r->sec);
}

/* Cells are kept by month (y * 12 + m - 1), so that a partial can be
 * merged into any period; the summary groups months into periods. */
static int
month_of(int day)
{
	char buf[11];

	pl_date_format(day, buf);
	return atoi(buf) * 12 + atoi(buf + 5) - 1;
}

static int
period_of_month(const struct pl_csat *c, int month)
{
	return c->period == PL_CSAT_QUARTER ? month / 12 * 4 + month % 12 / 3 :
	    month;
}

void
pl_csat_period_name(const struct pl_csat *c, int per, char *buf)
{
	if (c->period == PL_CSAT_QUARTER)
		sprintf(buf, "%04d-Q%d", per / 4 % 10000, per % 4 + 1);
	else
		sprintf(buf, "%04d-%02d", per / 12 % 10000, per % 12 + 1);
}

struct pl_csat *
pl_csat_new(const struct pl_survey *s, int period,
    const struct pl_csat_handler *h, void *user, struct pl_err *e)
{
	struct pl_csat *c = calloc(1, sizeof(*c));
	int nq = s->nquestions ? s->nquestions : 1;
	int ni = s->ninvited ? s->ninvited : 1;

	if (c == NULL || (c->values = calloc((size_t)nq, sizeof(int))) ==
	    NULL || (c->texts = calloc((size_t)nq, sizeof(char *))) == NULL ||
	    (c->total.invited = calloc((size_t)ni, sizeof(long))) == NULL ||
	    (c->file.invited = calloc((size_t)ni, sizeof(long))) == NULL ||
	    pl_xml_init(&c->xml, 0) < 0 || !(c->xml_ready = 1)) {
		pl_csat_free(c);
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	c->s = s;
	c->period = period;
	c->h = h;
	c->user = user;
	pl_buf_init(&c->rbuf);
	pl_buf_init(&c->key);
	if ((c->spool = tmpfile()) == NULL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make a temporary "
		    "file for the comments: %s", strerror(errno));
		pl_csat_free(c);
		return NULL;
	}
	if (pl_seen_open(&c->seen, "responses", "a response given twice",
	    e) < 0) {
		pl_csat_free(c);
		return NULL;
	}
	return c;
}

void
pl_csat_free(struct pl_csat *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncust; i++)
		free(c->cust[i]);
	free(c->cust);
	free(c->custslot);
	agg_release(&c->total);
	agg_release(&c->file);
	if (c->spool)
		fclose(c->spool);
	if (c->xml_ready)
		pl_xml_release(&c->xml);
	free(c->values);
	free(c->texts);
	pl_buf_release(&c->rbuf);
	pl_buf_release(&c->key);
	pl_seen_close(&c->seen);
	free(c);
}

/* ---- responses ---- */

struct spooled {
	int day, lowest;
	uint32_t len[4];	/* customer, respondent, question, text */
};

/* A comment's text, cut at MAX_TEXT bytes on a character boundary. */
static size_t
cut(const char *t)
{
	size_t n = strlen(t);

	if (n <= MAX_TEXT)
		return n;
	n = MAX_TEXT;
	while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Keep a comment until its file is accepted. */
static int
spool(struct pl_csat *c, const struct pl_csat_comment *cm)
{
	const char *v[4] = { cm->customer, cm->respondent ? cm->respondent :
	    "", cm->question, cm->text };
	struct spooled h = { cm->day, cm->lowest, { 0, 0, 0, 0 } };
	int i;

	for (i = 0; i < 4; i++)
		h.len[i] = (uint32_t)(i == 3 ? cut(v[i]) : strlen(v[i]));
	if (fwrite(&h, sizeof(h), 1, c->spool) != 1)
		return -1;
	for (i = 0; i < 4; i++)
		if (fwrite(v[i], 1, h.len[i], c->spool) != h.len[i])
			return -1;
	return 0;
}

static int
spool_fail(const char *file, struct pl_err *e)
{
	return pl_err_set(e, PL_EXIT_IO, file, 0, "cannot write the comments' "
	    "temporary file: %s", strerror(errno));
}

/* Add the response whose answers are in c->values and c->texts. */
static int
add_response(struct pl_csat *c, const struct resp *r, const char *file,
    struct pl_err *e)
{
	const struct pl_survey *s = c->s;
	struct pl_csat_stat *st;
	int q, ci, per, lowest = -1, i;

	if ((i = repeat(c, r)) != 0) {
		if (i < 0)
			return pl_err_set(e, PL_EXIT_INTERNAL, file, 0,
			    "out of memory");
		c->file_repeats++;
		return 0;
	}
	if ((ci = customer(c, r->customer)) < 0)
		return pl_err_set(e, PL_EXIT_INTERNAL, file, 0, "out of memory");
	per = month_of(r->day);
	for (q = 0; q < s->nquestions; q++) {
		const struct pl_survey_question *qq = &s->questions[q];
		int v = c->values[q], max;

		if (qq->kind == PL_COL_COMMENT || v < 0)
			continue;
		st = agg_cell(&c->file, ci, qq->kind == PL_COL_RATED ? qq->dim :
		    PL_CSAT_REC(s), per);
		if (st == NULL)
			return pl_err_set(e, PL_EXIT_INTERNAL, file, 0,
			    "out of memory");
		max = s->scales[qq->scale].max;
		st->n++;
		st->sum += v;
		st->sumsq += (double)v * v;
		if (qq->kind == PL_COL_RECOMMEND) {
			st->promoters += v >= 9;
			st->detractors += v <= 6;
		} else {
			st->top2 += v >= max - 1;
			if (lowest < 0 || v < lowest)
				lowest = v;
		}
	}
	if ((st = agg_cell(&c->file, ci, PL_CSAT_RESP(s), per)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, file, 0, "out of memory");
	st->n++;
	for (i = 0; i < s->ninvited; i++)
		if (r->day >= s->invited[i].from && r->day <= s->invited[i].to)
			c->file.invited[i]++;
	for (q = 0; q < s->nquestions; q++) {
		struct pl_csat_comment cm = { r->customer, r->respondent,
		    s->questions[q].id, r->day, lowest, c->texts[q] };

		if (s->questions[q].kind == PL_COL_COMMENT && c->texts[q] &&
		    c->texts[q][0] && spool(c, &cm) < 0)
			return spool_fail(file, e);
	}
	return 0;
}

static void
spool_reset(struct pl_csat *c)
{
	rewind(c->spool);
	if (ftruncate(fileno(c->spool), 0) < 0)
		clearerr(c->spool);
}

/* The file was read whole: its cells join the total and its comments go
 * to the caller. */
static int
accept_file(struct pl_csat *c, const char *file, int partial,
    struct pl_err *e)
{
	struct spooled h;
	struct pl_buf b;
	long end;
	int i;

	for (i = 0; i < c->file.n; i++) {
		struct cell *x = &c->file.cells[i];
		struct pl_csat_stat *st = agg_cell(&c->total, x->cust, x->dim,
		    x->per);

		if (st == NULL)
			return pl_err_set(e, PL_EXIT_INTERNAL, file, 0,
			    "out of memory");
		pl_csat_stat_add(st, &x->st);
	}
	for (i = 0; i < c->s->ninvited; i++)
		c->total.invited[i] += c->file.invited[i];
	agg_clear(&c->file, c->s->ninvited);
	if (partial) {
		c->files += c->carried[0];
		c->rejected += c->carried[1];
		c->bad += c->carried[2];
		c->skipped += c->carried[3];
		c->repeats += c->carried[4];
	} else {
		c->files++;
	}
	c->repeats += c->file_repeats;
	c->repeats_here += c->file_repeats;
	c->file_repeats = 0;
	pl_seen_mark(&c->seen);
	memset(c->carried, 0, sizeof(c->carried));
	if (fflush(c->spool) != 0 || (end = ftell(c->spool)) < 0) {
		spool_reset(c);
		return pl_err_set(e, PL_EXIT_IO, file, 0, "cannot write the "
		    "comments' temporary file: %s", strerror(errno));
	}
	rewind(c->spool);
	pl_buf_init(&b);
	while (ftell(c->spool) < end &&
	    fread(&h, sizeof(h), 1, c->spool) == 1) {
		size_t total = (size_t)h.len[0] + h.len[1] + h.len[2] +
		    h.len[3] + 4, off[4];
		struct pl_csat_comment cm;

		pl_buf_reset(&b);
		if (pl_buf_grow(&b, total) < 0)
			break;
		for (i = 0; i < 4; i++) {
			off[i] = b.len;
			if (fread(b.s + b.len, 1, h.len[i], c->spool) != h.len[i])
				break;
			b.len += h.len[i];
			b.s[b.len++] = '\0';
		}
		if (i < 4)
			break;
		cm.customer = b.s + off[0];
		cm.respondent = b.s + off[1];
		cm.question = b.s + off[2];
		cm.text = b.s + off[3];
		cm.day = h.day;
		cm.lowest = h.lowest;
		if (c->h->comment)
			c->h->comment(c->user, &cm);
	}
	i = ftell(c->spool) < end;
	pl_buf_release(&b);
	spool_reset(c);
	if (i)
		return pl_err_set(e, PL_EXIT_IO, file, 0, "cannot read the "
		    "comments' temporary file back");
	return 0;
}

static void
reject_file(struct pl_csat *c)
{
	agg_clear(&c->file, c->s->ninvited);
	memset(c->carried, 0, sizeof(c->carried));
	pl_seen_forget(&c->seen);
	c->file_repeats = 0;
	spool_reset(c);
	c->rejected++;
}

static void
bad_row(struct pl_csat *c, const char *file, long line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
bad_row(struct pl_csat *c, const char *file, long line, const char *fmt, ...)
{
	struct pl_err e;
	va_list ap;

	pl_err_set(&e, PL_EXIT_DATA, file, line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	c->bad++;
	if (c->h->bad)
		c->h->bad(c->user, &e);
}

/* ---- CSV exports ---- */

struct csvr {
	struct pl_csat *c;
	const char *file;
	int format;
	int bom;		/* the file began with a UTF-8 BOM */
	struct pl_buf row;	/* the record's fields, each NUL-terminated */
	size_t *off;		/* where each field starts */
	char *chunk;		/* the bytes read last (CHUNK) */
	int nf;
	int over;		/* more than MAX_FIELDS fields */
	int nul;		/* the first field with a NUL byte + 1, or 0 */
	long line;		/* the line being read */
	long rec_line;		/* the line the record began on */
	long records;
	int skip;		/* Qualtrics: header rows still to skip */
	int submit;		/* LimeSurvey: the submitdate column, or -1 */
	int ncols;		/* the header's columns: */
	int *kind;		/* enum pl_survey_kind */
	int *q;			/* the question, or -1 */
	int failed;
	struct pl_err *e;
};

/* Qualtrics' Finished and Status columns, beside enum pl_survey_kind */
enum { K_FINISHED = 100, K_STATUS };

/* The system columns of each export, for columns the definition does not
 * name. */
static const struct {
	int format;
	const char *name;
	int kind;
} sys_cols[] = {
	{ PL_CSAT_GOOGLE, "Timestamp", PL_COL_DATE },
	{ PL_CSAT_GOOGLE, "Email Address", PL_COL_RESPONDENT },
	{ PL_CSAT_GOOGLE, "Score", PL_COL_IGNORE },
	{ PL_CSAT_MSFORMS, "Last modified time", PL_COL_IGNORE },
	{ PL_CSAT_MSFORMS, "上次修改时间", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "id", PL_COL_RESPONDENT },
	{ PL_CSAT_LIMESURVEY, "submitdate", PL_COL_DATE },
	{ PL_CSAT_LIMESURVEY, "lastpage", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "startlanguage", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "seed", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "startdate", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "datestamp", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "ipaddr", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "refurl", PL_COL_IGNORE },
	{ PL_CSAT_LIMESURVEY, "token", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "RecordedDate", PL_COL_DATE },
	{ PL_CSAT_QUALTRICS, "ResponseId", PL_COL_RESPONDENT },
	{ PL_CSAT_QUALTRICS, "StartDate", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "EndDate", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "Status", K_STATUS },
	{ PL_CSAT_QUALTRICS, "IPAddress", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "Progress", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "Duration (in seconds)", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "Finished", K_FINISHED },
	{ PL_CSAT_QUALTRICS, "RecipientLastName", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "RecipientFirstName", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "RecipientEmail", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "ExternalReference", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "LocationLatitude", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "LocationLongitude", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "DistributionChannel", PL_COL_IGNORE },
	{ PL_CSAT_QUALTRICS, "UserLanguage", PL_COL_IGNORE },
};

/* Microsoft Forms: ID, Start time, Completion time, Email, Name come
 * first, under headers in the form's language. */
static const int msforms_cols[] = { PL_COL_IGNORE, PL_COL_IGNORE,
	PL_COL_DATE, PL_COL_RESPONDENT, PL_COL_IGNORE };

static const char *
field(const struct csvr *r, int i)
{
	return i < r->nf ? r->row.s + r->off[i] : "";
}

static int
has(const struct csvr *r, const char *name)
{
	int i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(field(r, i), name) == 0)
			return 1;
	return 0;
}

static int
detect(const struct csvr *r)
{
	const char *f0 = field(r, 0);

	if (has(r, "submitdate") && (has(r, "lastpage") ||
	    has(r, "startlanguage")))
		return PL_CSAT_LIMESURVEY;
	if (has(r, "ResponseId") || (has(r, "StartDate") &&
	    has(r, "RecordedDate")))
		return PL_CSAT_QUALTRICS;
	if (r->nf >= 5 && strcmp(f0, "ID") == 0)
		return PL_CSAT_MSFORMS;
	if (strcmp(f0, "Timestamp") == 0 || strcmp(f0, "时间戳记") == 0)
		return PL_CSAT_GOOGLE;
	return -1;
}

static int
csv_fail(struct csvr *r, int status, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
csv_fail(struct csvr *r, int status, long line, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return -1;
	r->failed = 1;
	pl_err_set(r->e, status, r->file, line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(r->e->msg, sizeof(r->e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* The header row: the format, and what each column is. */
static int
header(struct csvr *r)
{
	const struct pl_survey *s = r->c->s;
	int i, j, cust = 0, date = 0;

	if (r->nul)
		return csv_fail(r, PL_EXIT_DATA, r->rec_line, "the header "
		    "holds a NUL byte: not text (save the export as UTF-8 "
		    "CSV)");
	if (!pl_utf8_valid(r->row.s, r->row.len))
		return csv_fail(r, PL_EXIT_DATA, r->rec_line, "the header is "
		    "not UTF-8 text (save the export as UTF-8 CSV)");
	if (r->format == PL_CSAT_DETECT && (r->format = detect(r)) < 0)
		return csv_fail(r, PL_EXIT_DATA, r->rec_line, "cannot tell "
		    "which tool exported this file (first column '%.40s'): "
		    "name the format with --format", field(r, 0));
	r->ncols = r->nf;
	free(r->kind);
	free(r->q);
	r->kind = calloc((size_t)r->nf + 1, sizeof(int));
	r->q = calloc((size_t)r->nf + 1, sizeof(int));
	if (r->kind == NULL || r->q == NULL)
		return csv_fail(r, PL_EXIT_INTERNAL, 0, "out of memory");
	for (i = 0; i < r->nf; i++) {
		const char *name = field(r, i);
		const struct pl_survey_column *col = pl_survey_column(s, name);
		int k = -1;

		r->q[i] = -1;
		if (col) {
			k = col->kind;
			r->q[i] = col->question;
		} else if (r->format == PL_CSAT_MSFORMS && i < 5) {
			k = msforms_cols[i];
		} else {
			for (j = 0; j < (int)(sizeof(sys_cols) /
			    sizeof(sys_cols[0])); j++)
				if (sys_cols[j].format == r->format &&
				    strcmp(sys_cols[j].name, name) == 0)
					k = sys_cols[j].kind;
		}
		if (k == PL_COL_DATE && s->has_date && !col)
			k = PL_COL_IGNORE;	/* the definition's date wins */
		if (k < 0)
			return csv_fail(r, PL_EXIT_CONFIG, r->rec_line, "column "
			    "'%.80s' is not in the survey definition (a new "
			    "question? name it, or list it under <ignore>)",
			    name);
		r->kind[i] = k;
		cust += k == PL_COL_CUSTOMER;
		date += k == PL_COL_DATE;
	}
	if (cust != 1)
		return csv_fail(r, PL_EXIT_CONFIG, r->rec_line, "%s customer "
		    "column (the survey definition's <customer> names none of "
		    "the header's columns)", cust ? "more than one" : "no");
	if (date != 1)
		return csv_fail(r, PL_EXIT_CONFIG, r->rec_line, "%s date "
		    "column for a %s export", date ? "more than one" : "no",
		    pl_csat_format_name(r->format));
	if (r->format == PL_CSAT_QUALTRICS)
		r->skip = 2;
	r->submit = -1;
	for (i = 0; i < r->nf && r->format == PL_CSAT_LIMESURVEY; i++)
		if (strcmp(field(r, i), "submitdate") == 0)
			r->submit = i;
	return 0;
}

/*
 * A response the tool itself marks as not a real, finished one: Qualtrics
 * Finished 0 (or False, exported as choice text), a Qualtrics Status
 * (Response Type) of a preview, test or spam (codes 1, 2, 8, 9, 12, 17 or
 * their texts), a LimeSurvey row without submitdate (not submitted).
 */
static int
unfinished(const struct csvr *r)
{
	static const char *const status[] = { "1", "2", "8", "9", "12", "17" };
	const char *f;
	int i, j;

	if (r->submit >= 0 && field(r, r->submit)[0] == '\0')
		return 1;
	for (i = 0; i < r->ncols; i++) {
		f = field(r, i);
		if (r->kind[i] == K_FINISHED && (strcmp(f, "0") == 0 ||
		    strcasecmp(f, "false") == 0))
			return 1;
		if (r->kind[i] != K_STATUS)
			continue;
		for (j = 0; j < 6; j++)
			if (strcmp(f, status[j]) == 0)
				return 1;
		if (strstr(f, "Preview") || strstr(f, "Test") ||
		    strstr(f, "Spam"))
			return 1;
	}
	return 0;
}

static int
empty_row(const struct csvr *r)
{
	int i;

	for (i = 0; i < r->nf; i++)
		if (field(r, i)[0] != '\0')
			return 0;
	return 1;
}

/* A response row. */
static void
data_row(struct csvr *r)
{
	struct pl_csat *c = r->c;
	const struct pl_survey *s = c->s;
	struct resp resp = { NULL, NULL, -1, -1 };
	const char *date = NULL;
	char why[256];
	int i, q, v, rc;

	if (empty_row(r))
		return;
	if (r->nul) {
		bad_row(c, r->file, r->rec_line, "a NUL byte in field %d: not "
		    "text (save the export as UTF-8 CSV)", r->nul);
		return;
	}
	if (!pl_utf8_valid(r->row.s, r->row.len)) {
		bad_row(c, r->file, r->rec_line, "not UTF-8 text (save the "
		    "export as UTF-8 CSV)");
		return;
	}
	if (unfinished(r)) {
		c->skipped++;
		return;
	}
	if (r->nf > r->ncols) {
		for (i = r->ncols; i < r->nf; i++)
			if (field(r, i)[0]) {
				bad_row(c, r->file, r->rec_line, "%d fields, "
				    "the header has %d", r->nf, r->ncols);
				return;
			}
	}
	for (q = 0; q < s->nquestions; q++) {
		c->values[q] = -1;
		c->texts[q] = NULL;
	}
	for (i = 0; i < r->ncols; i++) {
		const char *f = field(r, i);

		switch (r->kind[i]) {
		case PL_COL_CUSTOMER:
			resp.customer = f;
			break;
		case PL_COL_DATE:
			date = f;
			break;
		case PL_COL_RESPONDENT:
			if (resp.respondent == NULL || !resp.respondent[0])
				resp.respondent = f;
			break;
		case PL_COL_COMMENT:
			c->texts[r->q[i]] = f;
			break;
		case PL_COL_RATED:
		case PL_COL_RECOMMEND:
			rc = pl_survey_value(s, r->q[i], f, &v, why,
			    sizeof(why));
			if (rc < 0) {
				bad_row(c, r->file, r->rec_line, "%s", why);
				return;
			}
			if (rc == 0)
				c->values[r->q[i]] = v;
			break;
		}
	}
	while (resp.customer && (*resp.customer == ' ' ||
	    *resp.customer == '\t'))
		resp.customer++;
	if (resp.customer == NULL || resp.customer[0] == '\0') {
		bad_row(c, r->file, r->rec_line, "no customer");
		return;
	}
	if (date == NULL || date[0] == '\0') {
		bad_row(c, r->file, r->rec_line, "no date (an unfinished "
		    "response?)");
		return;
	}
	if (date_time(date, &resp.day, &resp.sec) < 0) {
		bad_row(c, r->file, r->rec_line, "date '%.40s' is not a date",
		    date);
		return;
	}
	if (add_response(c, &resp, r->file, r->e) < 0) {
		r->failed = 1;
		return;
	}
}

static void
on_field(void *p, size_t len, void *data)
{
	struct csvr *r = data;
	const char *s = p;
	size_t i;

	if (r->failed)
		return;
	if (r->nf >= MAX_FIELDS) {
		r->over = 1;
		return;
	}
	r->off[r->nf++] = r->row.len;
	if (pl_buf_grow(&r->row, len + 1) < 0) {
		csv_fail(r, PL_EXIT_INTERNAL, 0, "out of memory");
		return;
	}
	/* a line break inside a quoted field is one "\n", as typed; a NUL
	 * byte is no text: its row is refused (kept as "?" meanwhile, so
	 * that the fields stay NUL-terminated) */
	if (!r->nul && len > 0 && memchr(s, '\0', len))
		r->nul = r->nf;
	for (i = 0; i < len; i++)
		if (s[i] != '\r' || i + 1 == len || s[i + 1] != '\n')
			r->row.s[r->row.len++] = s[i] ? s[i] : '?';
	r->row.s[r->row.len++] = '\0';
}

static void
on_record(int term, void *data)
{
	struct csvr *r = data;

	(void)term;
	if (!r->failed) {
		if (r->over)
			csv_fail(r, PL_EXIT_DATA, r->rec_line, "more than %d "
			    "fields in a record", MAX_FIELDS);
		else if (r->records == 0)
			header(r);
		else if (r->skip > 0) {
			/* Qualtrics' question texts, then its import ids */
			if (--r->skip == 0 && field(r, 0)[0] != '{')
				data_row(r);
		} else
			data_row(r);
	}
	r->records++;
	r->nf = 0;
	r->over = 0;
	r->nul = 0;
	pl_buf_reset(&r->row);
	r->rec_line = r->line + 1;
}

static int
blank(const char *p, size_t len)
{
	return (len == 1 && p[0] == '\n') ||
	    (len == 2 && p[0] == '\r' && p[1] == '\n');
}

static int
read_csv(struct pl_csat *c, struct pl_input *in, int format,
    struct pl_err *e)
{
	enum { CHUNK = 65536 };
	struct csvr r;
	struct csv_parser ps;
	char *chunk;
	int n, first = 1, line_start = 1, rc;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.file = in->name;
	r.format = format;
	r.line = r.rec_line = 1;
	r.e = e;
	pl_buf_init(&r.row);
	if ((r.off = calloc(MAX_FIELDS, sizeof(size_t))) == NULL ||
	    (chunk = r.chunk = malloc(CHUNK)) == NULL ||
	    csv_init(&ps, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(r.chunk);
		free(r.off);
		return pl_err_set(e, PL_EXIT_INTERNAL, r.file, 0,
		    "out of memory");
	}
	while (!r.failed && (n = pl_input_read(in, chunk, CHUNK)) > 0) {
		char *p = chunk, *end = chunk + n;

		if (first && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;		/* libcsv keeps a BOM as data */
			r.bom = 1;
		}
		first = 0;
		while (p < end && !r.failed) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl + 1 - p) :
			    (size_t)(end - p);

			if (csv_parse(&ps, p, len, on_field, on_record, &r) !=
			    len) {
				csv_fail(&r, PL_EXIT_DATA, r.line, "malformed "
				    "CSV: %s (a quote inside an unquoted field, "
				    "or text after a closing quote)",
				    csv_strerror(csv_error(&ps)));
				break;
			}
			if (nl) {
				if (line_start && blank(p, len) && r.nf == 0 &&
				    r.rec_line == r.line)
					r.rec_line++;
				r.line++;
			}
			line_start = nl != NULL;
			p += len;
			if (csv_get_buffer_size(&ps) > MAX_RECORD ||
			    r.row.len > MAX_RECORD)
				csv_fail(&r, PL_EXIT_DATA, r.rec_line, "a record "
				    "longer than %d bytes (an unterminated "
				    "quote?)", MAX_RECORD);
		}
	}
	if (!r.failed && (in->over || in->failed))
		csv_fail(&r, in->failed == 2 ? PL_EXIT_IO : PL_EXIT_DATA, 0,
		    "%s", in->why);
	if (!r.failed && csv_fini(&ps, on_field, on_record, &r) != 0)
		csv_fail(&r, PL_EXIT_DATA, r.rec_line, "malformed CSV: a "
		    "quoted field is never closed (the record starting here "
		    "runs to the end of the file)");
	if (!r.failed && r.records == 0)
		csv_fail(&r, PL_EXIT_DATA, 0, "empty file: no header row");
	csv_free(&ps);
	rc = r.failed ? -1 : 0;
	pl_buf_release(&r.row);
	free(r.chunk);
	free(r.off);
	free(r.kind);
	free(r.q);
	return rc;
}

/* ---- csat-sum's XML ---- */

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
	struct resp resp;
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
		bad_row(c, r->file, r->line, "%s", r->why);
	else if (resp.customer[0] == '\0')
		bad_row(c, r->file, r->line, "no customer");
	else if (date_time(c->rbuf.s + r->date, &resp.day, &resp.sec) < 0)
		bad_row(c, r->file, r->line, "date '%.40s' is not a date",
		    c->rbuf.s + r->date);
	else if (add_response(c, &resp, r->file, r->e) < 0) {
		r->status = r->e->status;
		pl_xml_fail(x, 0, "%s", r->e->msg);
	}
}

static int
read_xml(struct pl_csat *c, const char *path, struct pl_err *e)
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

/* ---- partial aggregates (records.md: csatcomment ... csatpart) ---- */

static const struct pl_csat *sort_c;	/* for qsort's comparisons */

static const char *const measures[] = { "rated", "recommend", "responses" };
static const struct pl_csat_stat none;

struct partr {
	struct pl_csat *c;
	struct pl_rec_reader rr;
	struct pl_err *e;
	int closed;		/* the last record read was csatpart */
};

static int
part_fail(struct partr *p, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
part_fail(struct partr *p, int status, const char *fmt, ...)
{
	va_list ap;

	pl_err_set(p->e, status, p->rr.name, p->rr.line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof(p->e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Field i of the record as a whole number in [min, max] into *v. */
static int
part_num(struct partr *p, int i, long long min, long long max, long long *v)
{
	const char *why;

	if (pl_strtonum(p->rr.f[i], min, max, 0, v, &why) == 0)
		return 0;
	if (min == 0 && max == MAX_SUM)
		return part_fail(p, PL_EXIT_DATA, "%s '%.40s' is not a whole "
		    "number from 0 to 2^53", pl_rec_kind(p->rr.f[0])->cols[i],
		    p->rr.f[i]);
	return part_fail(p, PL_EXIT_DATA, "%s '%.40s' is %s",
	    pl_rec_kind(p->rr.f[0])->cols[i], p->rr.f[i], why);
}

/* Whether a + b + v, each from 0 to MAX_SUM, passes MAX_SUM. */
static int
past(long long a, long long b, long long v)
{
	return a > MAX_SUM - b || v > MAX_SUM - (a + b);
}

static int
part_date(struct partr *p, int i, int *day)
{
	if (strlen(p->rr.f[i]) == 10 && pl_date_parse(p->rr.f[i], day) == 0)
		return 0;
	return part_fail(p, PL_EXIT_DATA, "%s '%.40s' is not a date "
	    "(YYYY-MM-DD)", pl_rec_kind(p->rr.f[0])->cols[i], p->rr.f[i]);
}

static int
part_customer(struct partr *p)
{
	int ci;

	if (p->rr.f[1][0] == '\0')
		return part_fail(p, PL_EXIT_DATA, "no customer");
	if ((ci = customer(p->c, p->rr.f[1])) < 0)
		return part_fail(p, PL_EXIT_INTERNAL, "out of memory");
	return ci;
}

static int
part_comment(struct partr *p)
{
	const struct pl_survey *s = p->c->s;
	char **f = p->rr.f;
	struct pl_csat_comment cm = { f[1], f[PL_csatcomment_respondent],
	    f[PL_csatcomment_question], 0, -1, f[PL_csatcomment_text] };
	long long lowest;
	int q = pl_survey_question(s, cm.question);

	if (q < 0 || s->questions[q].kind != PL_COL_COMMENT)
		return part_fail(p, PL_EXIT_CONFIG, "comment question '%.80s' "
		    "is not in the survey definition", cm.question);
	if (part_customer(p) < 0 ||
	    part_date(p, PL_csatcomment_date, &cm.day) < 0)
		return -1;
	if (f[PL_csatcomment_lowest][0]) {
		if (part_num(p, PL_csatcomment_lowest, 0, 1000, &lowest) < 0)
			return -1;
		cm.lowest = (int)lowest;
	}
	if (spool(p->c, &cm) < 0)
		return spool_fail(p->rr.name, p->e);
	return 0;
}

static int
part_invited(struct partr *p)
{
	const struct pl_survey *s = p->c->s;
	long long n;
	int from, to, i;

	if (part_date(p, PL_csatinvited_from, &from) < 0 ||
	    part_date(p, PL_csatinvited_to, &to) < 0 ||
	    part_num(p, PL_csatinvited_responses, 0, MAX_SUM, &n) < 0)
		return -1;
	for (i = 0; i < s->ninvited; i++)
		if (s->invited[i].from == from && s->invited[i].to == to) {
			if (past(p->c->total.invited[i], p->c->file.invited[i],
			    n))
				return part_fail(p, PL_EXIT_DATA, "responses "
				    "would pass 2^53 (%lld) once merged",
				    MAX_SUM);
			p->c->file.invited[i] += (long)n;
			return 0;
		}
	return part_fail(p, PL_EXIT_CONFIG, "invitation period %s to %s is "
	    "not in the survey definition", p->rr.f[PL_csatinvited_from],
	    p->rr.f[PL_csatinvited_to]);
}

static int
part_cell(struct partr *p)
{
	const struct pl_survey *s = p->c->s;
	char **f = p->rr.f, iso[11];
	long long v[6], lo, hi, sq;	/* n, sum, sumsq, top2, promoters,
					 * detractors */
	const struct pl_csat_stat *t;
	struct pl_csat_stat *st;
	int m, d, i, ci, day;

	for (m = 0; m < 3 && strcmp(f[PL_csatcell_measure], measures[m]); m++)
		;
	if (m == 3)
		return part_fail(p, PL_EXIT_DATA, "measure '%.40s' is not "
		    "rated, recommend or responses", f[PL_csatcell_measure]);
	for (d = 0; m == 0 && d < s->ndims &&
	    strcmp(s->dims[d].id, f[PL_csatcell_dimension]); d++)
		;
	if (m == 0 && d == s->ndims)
		return part_fail(p, PL_EXIT_CONFIG, "dimension '%.80s' is not "
		    "in the survey definition", f[PL_csatcell_dimension]);
	if (m == 1 && s->recommend < 0)
		return part_fail(p, PL_EXIT_CONFIG, "the survey definition has "
		    "no recommend question");
	d = m == 0 ? d : m == 1 ? PL_CSAT_REC(s) : PL_CSAT_RESP(s);
	snprintf(iso, sizeof(iso), "%.7s-01", f[PL_csatcell_month]);
	if (strlen(f[PL_csatcell_month]) != 7 || pl_date_parse(iso, &day) < 0)
		return part_fail(p, PL_EXIT_DATA, "month '%.40s' is not "
		    "YYYY-MM", f[PL_csatcell_month]);
	for (i = 0; i < 6; i++)
		if (part_num(p, PL_csatcell_n + i, 0, MAX_SUM, &v[i]) < 0)
			return -1;
	/* the values lie on the scale; the counts within n */
	lo = hi = 0;
	if (m < 2) {
		const struct pl_survey_scale *sc = &s->scales[m == 0 ?
		    s->dims[d].scale : s->questions[s->recommend].scale];

		lo = sc->min;
		hi = sc->max;
	}
	/* (v[2] > sq v[0] without the product: up to 2^53 times 10,000) */
	sq = lo * lo > hi * hi ? lo * lo : hi * hi;
	if (v[1] < lo * v[0] || v[1] > hi * v[0] ||
	    (sq == 0 ? v[2] > 0 : v[2] > 0 && (v[2] - 1) / sq >= v[0]) ||
	    v[3] > v[0] || v[4] + v[5] > v[0] || (m != 0 && v[3]) ||
	    (m != 1 && v[4] + v[5]))
		return part_fail(p, PL_EXIT_DATA, "a %s cell whose sums do not "
		    "fit its n and scale", measures[m]);
	if ((ci = part_customer(p)) < 0)
		return -1;
	if ((st = agg_cell(&p->c->file, ci, d, month_of(day))) == NULL)
		return part_fail(p, PL_EXIT_INTERNAL, "out of memory");
	if ((t = agg_find(&p->c->total, ci, d, month_of(day))) == NULL)
		t = &none;
	{
		const long long had[6][2] = {
			{ st->n, t->n }, { (long long)st->sum, (long long)t->sum },
			{ (long long)st->sumsq, (long long)t->sumsq },
			{ st->top2, t->top2 }, { st->promoters, t->promoters },
			{ st->detractors, t->detractors } };

		for (i = 0; i < 6; i++)
			if (past(had[i][0], had[i][1], v[i]))
				return part_fail(p, PL_EXIT_DATA, "a %s cell "
				    "whose %s would pass 2^53 (%lld) once "
				    "merged: its figures would lose precision",
				    measures[m], pl_rec_kind("csatcell")->cols[
				    PL_csatcell_n + i], MAX_SUM);
	}
	st->n += (long)v[0];
	st->sum += (double)v[1];
	st->sumsq += (double)v[2];
	st->top2 += (long)v[3];
	st->promoters += (long)v[4];
	st->detractors += (long)v[5];
	return 0;
}

static int
part_close(struct partr *p)
{
	const struct pl_survey *s = p->c->s;
	const long counts[5] = { p->c->files, p->c->rejected, p->c->bad,
	    p->c->skipped, p->c->repeats };
	char sum[16];
	long long v;
	int i;

	if (strcmp(p->rr.f[1], s->id) != 0)
		return part_fail(p, PL_EXIT_CONFIG, "partial of survey '%.80s', "
		    "the definition is of '%s'", p->rr.f[1], s->id);
	snprintf(sum, sizeof(sum), "%08lx", s->crc);
	if (strcmp(p->rr.f[PL_csatpart_survey_checksum], sum) != 0 ||
	    part_num(p, PL_csatpart_survey_length, 0, LLONG_MAX, &v) < 0 ||
	    (unsigned long long)v != s->length)
		return part_fail(p, PL_EXIT_CONFIG, "made with another survey "
		    "definition (checksum %.16s, length %.20s; this one %s, "
		    "%llu)", p->rr.f[PL_csatpart_survey_checksum],
		    p->rr.f[PL_csatpart_survey_length], sum, s->length);
	for (i = 0; i < 5; i++) {
		if (i == 4 && p->rr.f[PL_csatpart_repeats][0] == '\0')
			break;	/* written before repeats were counted */
		if (part_num(p, PL_csatpart_files + i, 0, MAX_SUM, &v) < 0)
			return -1;
		if (past(counts[i], p->c->carried[i], v))
			return part_fail(p, PL_EXIT_DATA, "%s would pass 2^53 "
			    "(%lld) once merged", pl_rec_kind("csatpart")->cols[
			    PL_csatpart_files + i], MAX_SUM);
		p->c->carried[i] += (long)v;
	}
	p->closed = 1;
	return 0;
}

static ssize_t
part_read(void *cookie, char *buf, size_t size)
{
	int n = pl_input_read(cookie, buf, size > 65536 ? 65536 : (int)size);

	return n < 0 ? -1 : n;
}

static int
read_partial(struct pl_csat *c, struct pl_input *in, struct pl_err *e)
{
	static const cookie_io_functions_t io = { part_read, NULL, NULL, NULL };
	struct partr p;
	FILE *fp = fopencookie(in, "r", io);
	int rc = 0;

	if (fp == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, in->name, 0,
		    "out of memory");
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.e = e;
	pl_rec_reader_init(&p.rr, fp, in->name);
	while (rc == 0 && (rc = pl_rec_read(&p.rr, e)) != PL_REC_EOF) {
		if (rc < 0) {
			if (in->failed || in->over)
				part_fail(&p, in->failed == 2 ? PL_EXIT_IO :
				    PL_EXIT_DATA, "%s", in->why);
			break;
		}
		if (p.rr.line == 1 && (rc != PL_REC_COMMENT ||
		    strcmp(p.rr.raw, PL_REC_HEADER) != 0)) {
			rc = part_fail(&p, PL_EXIT_DATA, "not csat-sum partial "
			    "aggregates: the first line is not '%s'",
			    PL_REC_HEADER);
			break;
		}
		if (rc == PL_REC_COMMENT) {
			rc = 0;
			continue;
		}
		p.closed = 0;
		if (strcmp(p.rr.f[0], "csatcomment") == 0)
			rc = part_comment(&p);
		else if (strcmp(p.rr.f[0], "csatinvited") == 0)
			rc = part_invited(&p);
		else if (strcmp(p.rr.f[0], "csatcell") == 0)
			rc = part_cell(&p);
		else if (strcmp(p.rr.f[0], "csatpart") == 0)
			rc = part_close(&p);
		else
			rc = part_fail(&p, PL_EXIT_DATA, "a '%.40s' record is no "
			    "part of csat-sum partial aggregates", p.rr.f[0]);
	}
	if (rc == PL_REC_EOF && !p.closed)
		rc = part_fail(&p, PL_EXIT_DATA, "cut short: no csatpart record "
		    "at its end");
	pl_rec_reader_release(&p.rr);
	fclose(fp);
	return rc < 0 ? -1 : 0;
}

int
pl_csat_write_comment(FILE *fp, const struct pl_csat_comment *cm)
{
	char date[11], lowest[16] = "";
	const char *f[PL_csatcomment__N];

	pl_date_format(cm->day, date);
	if (cm->lowest >= 0)
		snprintf(lowest, sizeof(lowest), "%d", cm->lowest);
	f[0] = "csatcomment";
	f[PL_csatcomment_key] = cm->customer;
	f[PL_csatcomment_date] = date;
	f[PL_csatcomment_respondent] = cm->respondent;
	f[PL_csatcomment_question] = cm->question;
	f[PL_csatcomment_lowest] = lowest;
	f[PL_csatcomment_text] = cm->text;
	return pl_rec_write(fp, f, PL_csatcomment__N);
}

static int
by_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int r = strcmp(sort_c->cust[x->cust], sort_c->cust[y->cust]);

	if (r == 0)
		r = (x->per > y->per) - (x->per < y->per);
	if (r == 0)
		r = (x->dim > y->dim) - (x->dim < y->dim);
	return r;
}

int
pl_csat_write_partial(struct pl_csat *c, FILE *fp, struct pl_err *e)
{
	const struct pl_survey *s = c->s;
	char a[6][24], from[11], to[11], key[24], month[16];
	const char *f[PL_csatcell__N];
	long counts[5] = { c->files, c->rejected, c->bad, c->skipped,
	    c->repeats };
	int i, j, rc = 0;

	for (i = 0; i < s->ninvited && rc == 0; i++) {
		pl_date_format(s->invited[i].from, from);
		pl_date_format(s->invited[i].to, to);
		snprintf(key, sizeof(key), "%s/%s", from, to);
		snprintf(a[0], sizeof(a[0]), "%ld", c->total.invited[i]);
		f[0] = "csatinvited";
		f[1] = key;
		f[PL_csatinvited_from] = from;
		f[PL_csatinvited_to] = to;
		f[PL_csatinvited_responses] = a[0];
		rc = pl_rec_write(fp, f, PL_csatinvited__N);
	}
	/* sorted, so that a partial reads (and diffs) well; the hash slots
	 * are not used again; no response, no cells (and a NULL array) */
	sort_c = c;
	if (c->total.n > 0)	/* cells is NULL while there are none */
		qsort(c->total.cells, (size_t)c->total.n, sizeof(struct cell),
		    by_cell);
	for (i = 0; i < c->total.n && rc == 0; i++) {
		const struct cell *x = &c->total.cells[i];
		int m = x->dim < s->ndims ? 0 : x->dim == PL_CSAT_REC(s) ? 1 : 2;

		snprintf(month, sizeof(month), "%04d-%02d", x->per / 12 % 10000,
		    x->per % 12 + 1);
		snprintf(a[0], sizeof(a[0]), "%ld", x->st.n);
		snprintf(a[1], sizeof(a[1]), "%.0f", x->st.sum);
		snprintf(a[2], sizeof(a[2]), "%.0f", x->st.sumsq);
		snprintf(a[3], sizeof(a[3]), "%ld", x->st.top2);
		snprintf(a[4], sizeof(a[4]), "%ld", x->st.promoters);
		snprintf(a[5], sizeof(a[5]), "%ld", x->st.detractors);
		f[0] = "csatcell";
		f[1] = c->cust[x->cust];
		f[PL_csatcell_month] = month;
		f[PL_csatcell_measure] = measures[m];
		f[PL_csatcell_dimension] = m == 0 ? s->dims[x->dim].id : "";
		for (j = 0; j < 6; j++)
			f[PL_csatcell_n + j] = a[j];
		rc = pl_rec_write(fp, f, PL_csatcell__N);
	}
	if (agg_rehash(&c->total, c->total.nslot ? c->total.nslot : 64) < 0)
		rc = -1;
	snprintf(key, sizeof(key), "%08lx", s->crc);
	snprintf(a[0], sizeof(a[0]), "%llu", s->length);
	f[0] = "csatpart";
	f[1] = s->id;
	f[PL_csatpart_survey_checksum] = key;
	f[PL_csatpart_survey_length] = a[0];
	for (j = 0; j < 5; j++) {
		snprintf(a[1 + j], sizeof(a[1 + j]), "%ld", counts[j]);
		f[PL_csatpart_files + j] = a[1 + j];
	}
	if (rc == 0)
		rc = pl_rec_write(fp, f, PL_csatpart__N);
	if (rc < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write the "
		    "partial aggregates: %s", strerror(errno));
	return 0;
}

int
pl_csat_read(struct pl_csat *c, const char *path, int format,
    struct pl_err *e)
{
	struct pl_input in;
	const unsigned char *head;
	int n, rc, i = 0;

	if (format != PL_CSAT_XML) {
		if (pl_input_open(&in, path, 0, e) < 0) {
			c->rejected++;
			return -1;
		}
		n = pl_input_peek(&in, &head);
		if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < n && (head[i] == ' ' || head[i] == '\n' ||
		    head[i] == '\r' || head[i] == '\t'))
			i++;
		if (format == PL_CSAT_PARTIAL || (format == PL_CSAT_DETECT &&
		    n > 0 && head[0] == '#')) {
			format = PL_CSAT_PARTIAL;
			rc = read_partial(c, &in, e);
			pl_input_close(&in);
		} else if (format == PL_CSAT_DETECT && i < n && head[i] == '<') {
			pl_input_close(&in);
			if (strcmp(path, "-") == 0) {
				c->rejected++;
				return pl_err_set(e, PL_EXIT_DATA, "<stdin>", 0,
				    "XML on the standard input: name it with "
				    "--format xml");
			}
			format = PL_CSAT_XML;
		} else {
			rc = read_csv(c, &in, format, e);
			pl_input_close(&in);
		}
	}
	if (format == PL_CSAT_XML)
		rc = read_xml(c, path, e);
	if (rc == 0 && accept_file(c, pl_input_display(path),
	    format == PL_CSAT_PARTIAL, e) == 0)
		return 0;
	reject_file(c);
	return -1;
}

long
pl_csat_repeats(const struct pl_csat *c)
{
	return c->repeats_here;
}

const struct pl_err *
pl_csat_lost(const struct pl_csat *c)
{
	return c->seen.lost.status ? &c->seen.lost : NULL;
}

/* ---- the summary ---- */

static int
by_name(const void *a, const void *b)
{
	return strcmp(sort_c->cust[*(const int *)a],
	    sort_c->cust[*(const int *)b]);
}

static int
by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
pl_csat_summarise(struct pl_csat *c, struct pl_csat_summary *sum,
    struct pl_err *e)
{
	const struct pl_survey *s = c->s;
	int nd = PL_CSAT_NDIM(s), i, *order = NULL, *rank = NULL, *pers = NULL;
	int np = 0;

	memset(sum, 0, sizeof(*sum));
	sum->nd = nd;
	order = calloc((size_t)c->ncust + 1, sizeof(int));
	rank = calloc((size_t)c->ncust + 1, sizeof(int));
	pers = calloc((size_t)c->total.n + 1, sizeof(int));
	sum->cust = calloc((size_t)c->ncust + 1, sizeof(char *));
	sum->all = calloc((size_t)nd, sizeof(*sum->all));
	sum->invited_responses = calloc((size_t)s->ninvited + 1, sizeof(long));
	if (!order || !rank || !pers || !sum->cust || !sum->all ||
	    !sum->invited_responses)
		goto oom;
	/* customers with a response in an accepted file, by name */
	for (i = 0; i < c->total.n; i++)
		rank[c->total.cells[i].cust] = 1;
	for (i = 0; i < c->ncust; i++)
		if (rank[i])
			order[sum->ncust++] = i;
	sort_c = c;
	qsort(order, (size_t)sum->ncust, sizeof(int), by_name);
	for (i = 0; i < sum->ncust; i++) {
		rank[order[i]] = i;
		sum->cust[i] = c->cust[order[i]];
	}
	for (i = 0; i < c->total.n; i++)
		pers[np++] = period_of_month(c, c->total.cells[i].per);
	qsort(pers, (size_t)np, sizeof(int), by_int);
	for (i = 0; i < np; i++)
		if (sum->nper == 0 || pers[sum->nper - 1] != pers[i])
			pers[sum->nper++] = pers[i];
	sum->per = pers;
	pers = NULL;
	sum->by_cust = calloc((size_t)sum->ncust * (size_t)nd + 1,
	    sizeof(*sum->by_cust));
	sum->by_per = calloc((size_t)sum->nper * (size_t)nd + 1,
	    sizeof(*sum->by_per));
	if (!sum->by_cust || !sum->by_per)
		goto oom;
	for (i = 0; i < c->total.n; i++) {
		const struct cell *x = &c->total.cells[i];
		int per = period_of_month(c, x->per);
		int *p = bsearch(&per, sum->per, (size_t)sum->nper,
		    sizeof(int), by_int);

		pl_csat_stat_add(&sum->by_cust[rank[x->cust] * nd + x->dim],
		    &x->st);
		pl_csat_stat_add(&sum->by_per[(p - sum->per) * nd + x->dim],
		    &x->st);
		pl_csat_stat_add(&sum->all[x->dim], &x->st);
	}
	for (i = 0; i < s->ninvited; i++)
		sum->invited_responses[i] = c->total.invited[i];
	sum->bad = c->bad;
	sum->files = c->files;
	sum->rejected = c->rejected;
	sum->skipped = c->skipped;
	sum->repeats = c->repeats;
	free(order);
	free(rank);
	return 0;
oom:
	free(order);
	free(rank);
	free(pers);
	pl_csat_summary_release(sum);
	return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
}

void
pl_csat_summary_release(struct pl_csat_summary *sum)
{
	free(sum->cust);
	free(sum->per);
	free(sum->by_cust);
	free(sum->by_per);
	free(sum->all);
	free(sum->invited_responses);
	memset(sum, 0, sizeof(*sum));
}
