#include "csat-csv.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "csat-int.h"
#include "rec.h"

#define MAX_RECORD (1 << 20)	/* bytes of one CSV record */
#define MAX_FIELDS 4096

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
	struct pl_csat_resp resp = { NULL, NULL, -1, -1 };
	const char *date = NULL;
	char why[256];
	int i, q, v, rc;

	if (empty_row(r))
		return;
	if (r->nul) {
		pl_csat_bad_row(c, r->file, r->rec_line, "a NUL byte in field %d: not "
		    "text (save the export as UTF-8 CSV)", r->nul);
		return;
	}
	if (!pl_utf8_valid(r->row.s, r->row.len)) {
		pl_csat_bad_row(c, r->file, r->rec_line, "not UTF-8 text (save the "
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
				pl_csat_bad_row(c, r->file, r->rec_line, "%d fields, "
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
				pl_csat_bad_row(c, r->file, r->rec_line, "%s", why);
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
		pl_csat_bad_row(c, r->file, r->rec_line, "no customer");
		return;
	}
	if (date == NULL || date[0] == '\0') {
		pl_csat_bad_row(c, r->file, r->rec_line, "no date (an unfinished "
		    "response?)");
		return;
	}
	if (pl_csat_date_time(date, &resp.day, &resp.sec) < 0) {
		pl_csat_bad_row(c, r->file, r->rec_line, "date '%.40s' is not a date",
		    date);
		return;
	}
	if (pl_csat_add_response(c, &resp, r->file, r->e) < 0) {
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

int
pl_csat_csv_read(struct pl_csat *c, struct pl_input *in, int format,
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
