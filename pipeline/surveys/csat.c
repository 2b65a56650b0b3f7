#define _GNU_SOURCE	/* fopencookie: partials are read through input.h */
#include "csat.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "csat-int.h"
#include "cli.h"
#include "date.h"
#include "hash.h"
#include "input.h"
#include "rec.h"
#include "seen.h"
#include "xml.h"

#define MAX_TEXT 32000		/* a comment kept (a cell holds 32,767) */
/* The largest count or sum a partial may bring, alone or merged: past
 * 2^53 a double no longer holds every whole number (and 1,024 such
 * counts pass a long). */
#define MAX_SUM (1LL << 53)

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

int
pl_csat_date_time(const char *s, int *day, long *sec)
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

	return pl_csat_date_time(s, day, &sec);
}

/* ---- the cells ---- */

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
repeat(struct pl_csat *c, const struct pl_csat_resp *r)
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
int
pl_csat_add_response(struct pl_csat *c, const struct pl_csat_resp *r,
    const char *file, struct pl_err *e)
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
int
pl_csat_accept_file(struct pl_csat *c, const char *file, int partial,
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

void
pl_csat_reject_file(struct pl_csat *c)
{
	agg_clear(&c->file, c->s->ninvited);
	memset(c->carried, 0, sizeof(c->carried));
	pl_seen_forget(&c->seen);
	c->file_repeats = 0;
	spool_reset(c);
	c->rejected++;
}

void
pl_csat_bad_row(struct pl_csat *c, const char *file, long line,
    const char *fmt, ...)
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

int
pl_csat_read_partial(struct pl_csat *c, struct pl_input *in, struct pl_err *e)
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

