#include "signoff.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <zlib.h>

#include "buf.h"
#include "date.h"
#include "rec.h"
#include "xlsx.h"

#define MAX_FINDING 10000000	/* a finding's number, at most */
#define FREE_SLOTS (1UL << 20)	/* finding slots a run may always hold */

/* The columns a Findings sheet is read by: the identity (the order of
 * PL_SIGNOFF_HEADERS), then the visible ones, found by their headers. */
enum { F_KEY, F_DOCID, F_FINDING, F_DEPT, F_SEV, F_CHECK, F_NUMBER, F_CODE,
	F_REVIEWER, F_DECISION, F_DATE, F_COMMENT, F__N };

static const char *const id_headers[PL_SIGNOFF_NID] = PL_SIGNOFF_HEADERS;
static const char *const headers[F__N - F_NUMBER][2] = {
	{ "Order no.", "订单号" }, { "Code", "代码" },
	{ "Reviewer", "评审人" }, { "Decision", "决定" }, { "Date", "日期" },
	{ "Comment", "意见" },
};
static const char *const decisions[4][3] = {
	{ "accept", "接受", "accept" },
	{ "accept with conditions", "有条件接受", "accept-conditions" },
	{ "decline", "拒绝", "decline" }, { "ask customer", "询问客户", "ask" },
};
const char *const pl_signoff_depts[PL_SIGNOFF_NDEPT] = { "sales",
	"purchasing", "production", "rd", "quality", "gm" };

struct fnd {			/* a finding row met */
	uint32_t row;		/* where, in the file that set it */
	uint16_t file;		/* that file (1 first) */
	uint8_t dept, sev;	/* index in depts; 0 info, 1 review, 2 reject */
	uint8_t dec;		/* its decision: 1 + index in decisions, 0 */
	uint8_t pend;		/* the current file's, until it is read whole */
	uint8_t seen;
};

struct ord {
	struct ord *next;	/* in its hash chain */
	char *key, *docid;
	struct fnd *f;		/* by finding number - 1 */
	uint32_t nf;
	int committed;		/* a workbook read whole met it */
};

struct pl_signoff {
	int today;
	int nfile;
	struct ord **tab;
	size_t ntab, nord;
	/* the workbook being read */
	struct pl_xlsx *x;
	const char *name, *sheet;
	char sha[2 * SHA256_DIGEST_SIZE + 1];
	struct pl_buf file, reviewer, comment;
	FILE *tmp;		/* its signoff records, until read whole */
	int col[F__N];
	int header, findings, refused, failed;
	size_t slots, rows;	/* finding slots held, identity rows read */
	pl_signoff_refuse *refuse;
	void *user;
};

void
pl_signoff_check(const char *key, const char *docid, const char *finding,
    const char *department, const char *severity, const char *number,
    const char *code, char out[9])
{
	const char *v[7] = { key, docid, finding, department, severity, number,
		code };
	unsigned long c = crc32(0, NULL, 0);
	int i;

	for (i = 0; i < 7; i++) {
		if (i > 0)
			c = crc32(c, (const Bytef *)"\t", 1);
		if (v[i])
			c = crc32(c, (const Bytef *)v[i], (uInt)strlen(v[i]));
	}
	snprintf(out, 9, "%08lx", c & 0xffffffffUL);
}

/* s without spaces, ASCII lowercased, into b: "Accept / 接受" is
 * "accept/接受". */
static void
squeeze(const char *s, char *b, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		if (!isspace((unsigned char)*s))
			b[n++] = (char)tolower((unsigned char)*s);
	b[n] = '\0';
}

const char *
pl_signoff_decision(const char *typed)
{
	char t[128], a[128], b[128];
	int i;

	squeeze(typed, t, sizeof(t));
	for (i = 0; i < 4; i++) {
		squeeze(decisions[i][0], a, sizeof(a));
		squeeze(decisions[i][1], b, sizeof(b));
		if (strcmp(t, a) == 0 || strcmp(t, b) == 0)
			return decisions[i][2];
		if (strncmp(t, a, strlen(a)) == 0 && t[strlen(a)] == '/' &&
		    strcmp(t + strlen(a) + 1, b) == 0)
			return decisions[i][2];
	}
	return NULL;
}

struct pl_signoff *
pl_signoff_new(int today)
{
	struct pl_signoff *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->today = today;
	pl_buf_init(&s->file);
	pl_buf_init(&s->reviewer);
	pl_buf_init(&s->comment);
	return s;
}

void
pl_signoff_free(struct pl_signoff *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ntab; i++)
		while (s->tab[i]) {
			struct ord *o = s->tab[i];

			s->tab[i] = o->next;
			free(o->key);
			free(o->docid);
			free(o->f);
			free(o);
		}
	free(s->tab);
	pl_buf_release(&s->file);
	pl_buf_release(&s->reviewer);
	pl_buf_release(&s->comment);
	free(s);
}

static size_t
hash(const char *key, const char *docid)
{
	size_t h = 14695981039346656037ULL;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	for (; *docid; docid++)
		h = (h ^ (unsigned char)*docid) * 1099511628211ULL;
	return h;
}

/* The order (key, docid), made when new; NULL when memory ran out. */
static struct ord *
order(struct pl_signoff *s, const char *key, const char *docid)
{
	struct ord *o, **t;
	size_t i, h = hash(key, docid);

	for (o = s->ntab ? s->tab[h % s->ntab] : NULL; o; o = o->next)
		if (strcmp(o->key, key) == 0 && strcmp(o->docid, docid) == 0)
			return o;
	if (s->nord >= s->ntab) {	/* grow: rehash every chain */
		size_t n = s->ntab ? 2 * s->ntab : 256;

		if ((t = calloc(n, sizeof(*t))) == NULL)
			return NULL;
		for (i = 0; i < s->ntab; i++)
			while ((o = s->tab[i]) != NULL) {
				s->tab[i] = o->next;
				o->next = t[hash(o->key, o->docid) % n];
				t[hash(o->key, o->docid) % n] = o;
			}
		free(s->tab);
		s->tab = t;
		s->ntab = n;
	}
	if ((o = calloc(1, sizeof(*o))) == NULL ||
	    (o->key = strdup(key)) == NULL || (o->docid = strdup(docid)) ==
	    NULL) {
		if (o)
			free(o->key);
		free(o);
		return NULL;
	}
	o->next = s->tab[h % s->ntab];
	s->tab[h % s->ntab] = o;
	s->nord++;
	return o;
}

/* "Findings!I12", the sheet's name quoted as Excel does when it holds
 * more than letters, digits and '_'. */
static void
cellref(const struct pl_signoff *s, int col, long row, char *buf,
    size_t size)
{
	char ref[16];
	const char *p;
	int quote = 0;

	for (p = s->sheet; *p; p++)
		quote |= (unsigned char)*p < 0x80 && !isalnum((unsigned char)*p)
		    && *p != '_';
	pl_xlsx_ref(col, row, ref);
	snprintf(buf, size, "%s%s%s!%s", quote ? "'" : "", s->sheet,
	    quote ? "'" : "", ref);
}

static void
refuse(struct pl_signoff *s, int field, long row, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
refuse(struct pl_signoff *s, int field, long row, const char *fmt, ...)
{
	struct pl_err e;
	char ref[300], msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cellref(s, s->col[field] >= 0 ? s->col[field] : 0, row, ref,
	    sizeof(ref));
	pl_err_set(&e, PL_EXIT_DATA, s->name, 0, "%s: %s", ref, msg);
	s->refuse(s->user, &e);
}

/* Match the first row: a Findings sheet holds every identity header.
 * 1 when it is one, 0 when not, -1 when it lacks a sign-off column. */
static int
header_row(struct pl_signoff *s, const struct pl_xlsx_cell *c, int n)
{
	int i, k, nid = 0;

	for (k = 0; k < F__N; k++)
		s->col[k] = -1;
	for (i = 0; i < n; i++) {
		char t[160], a[160], b[160];

		squeeze(c[i].v, t, sizeof(t));
		for (k = 0; k < F__N; k++) {
			if (k < F_NUMBER) {
				squeeze(id_headers[k], a, sizeof(a));
				if (strcmp(t, a) == 0 && s->col[k] < 0) {
					s->col[k] = c[i].col;
					nid++;
				}
				continue;
			}
			squeeze(headers[k - F_NUMBER][0], a, sizeof(a));
			squeeze(headers[k - F_NUMBER][1], b, sizeof(b));
			if (s->col[k] < 0 && (strcmp(t, a) == 0 ||
			    strcmp(t, b) == 0 || (strncmp(t, a, strlen(a)) ==
			    0 && t[strlen(a)] == '/' && strcmp(t + strlen(a) +
			    1, b) == 0)))
				s->col[k] = c[i].col;
		}
	}
	if (nid < PL_SIGNOFF_NID)
		return 0;
	for (k = F_NUMBER; k < F__N; k++)
		if (s->col[k] < 0) {
			s->col[k] = s->col[F_CHECK];
			refuse(s, k, 1, "no column headed '%s' (or '%s'): not "
			    "read", headers[k - F_NUMBER][0],
			    headers[k - F_NUMBER][1]);
			return -1;
		}
	return 1;
}

/* A date cell as a day number: a serial number (Excel, LibreOffice), an
 * ISO 8601 date cell, or text: YYYY-MM-DD (or / . 年月日 between), a
 * time after it allowed.  -1 when it is none. */
static int
cell_date(const struct pl_signoff *s, const struct pl_xlsx_cell *c,
    int *days)
{
	int y, m, d, n = 0;
	char buf[11];

	if (c->type == 'n') {
		char *end;
		double v = strtod(c->v, &end);

		if (*end || !isfinite(v) || v < 1 || v > 2958465)
			return -1;
		/* serial 25569 is 1970-01-01; 1904 dates start 1462 later */
		*days = (int)floor(v) - 25569 + (pl_xlsx_date1904(s->x) ?
		    1462 : 0);
		return 0;
	}
	if (sscanf(c->v, " %4d-%2d-%2d%n", &y, &m, &d, &n) != 3 &&
	    sscanf(c->v, " %4d/%2d/%2d%n", &y, &m, &d, &n) != 3 &&
	    sscanf(c->v, " %4d.%2d.%2d%n", &y, &m, &d, &n) != 3 &&
	    sscanf(c->v, " %4d年%2d月%2d日%n", &y, &m, &d, &n) != 3)
		return -1;
	if (c->v[n] != '\0' && c->v[n] != 'T' && c->v[n] != ' ')
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return pl_date_parse(buf, days);
}

/* s trimmed into b, inner runs of white space one space when fold. */
static const char *
tidy(const char *s, struct pl_buf *b, int fold)
{
	size_t n;

	pl_buf_reset(b);
	while (isspace((unsigned char)*s))
		s++;
	for (; *s; s++) {
		if (fold && isspace((unsigned char)*s)) {
			while (isspace((unsigned char)s[1]))
				s++;
			if (s[1])
				pl_buf_addc(b, ' ');
		} else
			pl_buf_addc(b, *s);
	}
	for (n = b->len; n > 0 && isspace((unsigned char)b->s[n - 1]); n--)
		b->s[n - 1] = '\0';
	b->len = n;
	return b->s;
}

static int
index_of(const char *v, const char *const *list, int n)
{
	int i;

	for (i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return i;
	return -1;
}

/* The identity of a row: 1 good (o and k set), 0 refused. */
static int
identity(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v,
    struct ord **o, long *k)
{
	static const char *const sevs[] = { "info", "review", "reject" };
	const char *id[F__N];
	char check[9], *end;
	int i, hex;

	for (i = 0; i < F__N; i++)
		id[i] = v[i] ? v[i]->v : "";
	for (hex = 0; hex < 16 && isxdigit((unsigned char)id[F_DOCID][hex])
	    && !isupper((unsigned char)id[F_DOCID][hex]); hex++)
		;
	*k = strtol(id[F_FINDING], &end, 10);
	for (i = 0; i < PL_SIGNOFF_NID && *id[i] == '\0'; i++)
		;
	if (i == PL_SIGNOFF_NID)
		refuse(s, F_KEY, row, "a sign-off without the row's identity "
		    "(its hidden cells are empty)");
	else if (*id[F_KEY] == '\0')
		refuse(s, F_KEY, row, "the order key is empty");
	else if (hex != 16 || id[F_DOCID][16])
		refuse(s, F_DOCID, row, "docid '%.40s' is not 16 hex digits",
		    id[F_DOCID]);
	else if (end == id[F_FINDING] || (*end && strcmp(end, ".0")) ||
	    *k < 1 || *k > MAX_FINDING)
		refuse(s, F_FINDING, row, "finding number '%.40s' is not a "
		    "number from 1", id[F_FINDING]);
	else if (index_of(id[F_DEPT], pl_signoff_depts,
	    PL_SIGNOFF_NDEPT) < 0)
		refuse(s, F_DEPT, row, "department '%.40s' is none of sales, "
		    "purchasing, production, rd, quality, gm", id[F_DEPT]);
	else if (index_of(id[F_SEV], sevs, 3) < 0)
		refuse(s, F_SEV, row, "severity '%.40s' is none of info, "
		    "review, reject", id[F_SEV]);
	else {
		char num[24];

		snprintf(num, sizeof(num), "%ld", *k);
		pl_signoff_check(id[F_KEY], id[F_DOCID], num, id[F_DEPT],
		    id[F_SEV], id[F_NUMBER], id[F_CODE], check);
		if (strcmp(check, id[F_CHECK]) != 0) {
			char a[300], b[300];

			cellref(s, s->col[F_NUMBER], row, a, sizeof(a));
			cellref(s, s->col[F_CODE], row, b, sizeof(b));
			refuse(s, F_CHECK, row, "the row's identity does not "
			    "match its check '%.20s': an identity cell was "
			    "changed, or the order no. (%s) or code (%s) is "
			    "not this row's", id[F_CHECK], strchr(a, '!') + 1,
			    strchr(b, '!') + 1);
			return 0;
		}
		if ((*o = order(s, id[F_KEY], id[F_DOCID])) == NULL) {
			s->failed = PL_EXIT_INTERNAL;
			return 0;
		}
		return 1;
	}
	return 0;
}

/*
 * The finding slot k of o; NULL when memory ran out, or with *over set
 * when the slots of the run would pass FREE_SLOTS and 4 for each row
 * read: the slots of an order go up to its highest finding number, and a
 * number typed far past what the workbook's rows hold (the check is
 * easily made anew) must not make the reader take gigabytes.
 */
static struct fnd *
slot(struct pl_signoff *s, struct ord *o, long k, int *over)
{
	*over = 0;
	if ((uint32_t)k > o->nf) {
		uint32_t n = o->nf ? o->nf : 8;
		struct fnd *t;

		while (n < (uint32_t)k)
			n *= 2;
		if (s->slots - o->nf + n > FREE_SLOTS + 4 * s->rows) {
			*over = 1;
			return NULL;
		}
		if ((t = realloc(o->f, n * sizeof(*t))) == NULL)
			return NULL;
		memset(t + o->nf, 0, (n - o->nf) * sizeof(*t));
		s->slots += n - o->nf;
		o->f = t;
		o->nf = n;
	}
	return &o->f[k - 1];
}

static void
body_row(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v)
{
	static const char *const sevs[] = { "info", "review", "reject" };
	const char *dec = NULL, *f[PL_signoff__N];
	char date[11], num[24];
	struct ord *o;
	struct fnd *fs;
	long k;
	int i, days, bad = 0, any = 0, over;

	for (i = 0; i < F__N; i++)
		if (v[i] && (i < F_NUMBER || i >= F_REVIEWER))
			any = 1;
	if (!any)
		return;
	if (!identity(s, row, v, &o, &k)) {
		s->refused++;
		return;
	}
	s->rows++;
	if ((fs = slot(s, o, k, &over)) == NULL && over) {
		refuse(s, F_FINDING, row, "finding number %ld is past what the "
		    "workbook's rows could number: not read", k);
		s->refused++;
		return;
	}
	if (fs == NULL) {
		s->failed = PL_EXIT_INTERNAL;
		return;
	}
	if (fs->seen && fs->file == s->nfile) {
		refuse(s, F_CHECK, row, "the same finding as row %lu (a copied "
		    "row)", (unsigned long)fs->row);
		s->refused++;
		return;
	}
	fs->seen = 1;
	fs->file = (uint16_t)s->nfile;
	fs->row = (uint32_t)row;
	fs->dept = (uint8_t)index_of(v[F_DEPT]->v, pl_signoff_depts,
	    PL_SIGNOFF_NDEPT);
	fs->sev = (uint8_t)index_of(v[F_SEV]->v, sevs, 3);
	if (v[F_DECISION] == NULL || *tidy(v[F_DECISION]->v, &s->comment, 1)
	    == '\0')
		return;		/* no decision: nothing signed */
	if ((dec = pl_signoff_decision(v[F_DECISION]->v)) == NULL)
		refuse(s, F_DECISION, row, "decision '%.60s' is none of accept, "
		    "accept with conditions, decline, ask customer (接受, "
		    "有条件接受, 拒绝, 询问客户)", s->comment.s), bad = 1;
	if (v[F_REVIEWER] == NULL || *tidy(v[F_REVIEWER]->v, &s->reviewer,
	    1) == '\0')
		refuse(s, F_REVIEWER, row, "a decision without a reviewer"),
		    bad = 1;
	if (v[F_DATE] == NULL)
		refuse(s, F_DATE, row, "a decision without a date"), bad = 1;
	else if (cell_date(s, v[F_DATE], &days) < 0)
		refuse(s, F_DATE, row, "'%.40s' is not a date (YYYY-MM-DD)",
		    v[F_DATE]->v), bad = 1;
	else if (days > s->today || days < 10957) {
		pl_date_format(days, date);
		refuse(s, F_DATE, row, "date %s lies %s", date, days > s->today
		    ? "after today" : "before 2000 (the sheet's date check)");
		bad = 1;
	}
	if (bad) {
		s->refused++;
		return;
	}
	pl_date_format(days, date);
	snprintf(num, sizeof(num), "%ld", k);
	tidy(v[F_COMMENT] ? v[F_COMMENT]->v : "", &s->comment, 0);
	f[0] = "signoff";
	f[PL_signoff_key] = o->key;
	f[PL_signoff_docid] = o->docid;
	f[PL_signoff_finding] = num;
	f[PL_signoff_department] = pl_signoff_depts[fs->dept];
	f[PL_signoff_reviewer] = s->reviewer.s;
	f[PL_signoff_decision] = dec;
	f[PL_signoff_date] = date;
	f[PL_signoff_comment] = s->comment.s;
	f[PL_signoff_file] = s->file.s;
	f[PL_signoff_sha256] = s->sha;
	if (pl_rec_write(s->tmp, f, PL_signoff__N) < 0 && !s->failed)
		s->failed = PL_EXIT_IO;
	fs->pend = (uint8_t)(1 + index_of(dec, (const char *const[]){
	    "accept", "accept-conditions", "decline", "ask" }, 4));
}

static int
on_row(void *user, long row, const struct pl_xlsx_cell *c, int n)
{
	struct pl_signoff *s = user;
	const struct pl_xlsx_cell *v[F__N];
	int i, k;

	if (!s->header) {
		s->header = 1;
		k = header_row(s, c, n);
		if (k < 0)
			s->refused++;
		s->findings += k > 0;
		return k <= 0;	/* stop reading a sheet that is no Findings */
	}
	memset(v, 0, sizeof(v));
	for (i = 0; i < n; i++)
		for (k = 0; k < F__N; k++)
			if (c[i].col == s->col[k])
				v[k] = &c[i];
	body_row(s, row, v);
	return s->failed != 0;
}

/* The SHA-256 of the file at path, in hex into s->sha.  0, or -1. */
static int
sha256_file(struct pl_signoff *s, const char *path, struct pl_err *e)
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE], buf[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;
	int i;

	if (fp == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    s->name, strerror(errno));
	sha256_init(&ctx);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sha256_update(&ctx, n, buf);
	if (ferror(fp)) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read '%s': %s",
		    s->name, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(s->sha + 2 * i, 3, "%02x", d[i]);
	return 0;
}

/* The file's signoff records to out and its decisions into the orders
 * (ok), or both dropped. */
static int
settle(struct pl_signoff *s, FILE *out, int ok)
{
	char buf[65536];
	size_t i, n;
	uint32_t j;
	struct ord *o;

	for (i = 0; i < s->ntab; i++)
		for (o = s->tab[i]; o; o = o->next)
			for (j = 0; j < o->nf; j++)
				if (o->f[j].seen && o->f[j].file == s->nfile) {
					if (ok && o->f[j].pend)
						o->f[j].dec = o->f[j].pend;
					o->f[j].pend = 0;
					o->committed |= ok;
				}
	if (!ok)
		return 0;
	rewind(s->tmp);
	while ((n = fread(buf, 1, sizeof(buf), s->tmp)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return -1;
	return ferror(s->tmp) ? -1 : 0;
}

int
pl_signoff_read(struct pl_signoff *s, const char *path, const char *name,
    FILE *out, pl_signoff_refuse *refuse_fn, void *user, struct pl_err *e)
{
	int i, rc = -1;

	s->name = name;
	s->refuse = refuse_fn;
	s->user = user;
	s->refused = s->findings = s->failed = 0;
	if (s->nfile == UINT16_MAX)
		return pl_err_set(e, PL_EXIT_USAGE, name, 0, "more than %d "
		    "workbooks in one run", UINT16_MAX - 1);
	s->nfile++;
	if (pl_utf8_clean(name, &s->file) < 0)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if (sha256_file(s, path, e) < 0)
		return -1;
	if ((s->x = pl_xlsx_open(path, name, e)) == NULL)
		return -1;
	if ((s->tmp = tmpfile()) == NULL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot make a temporary "
		    "file: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < pl_xlsx_nsheets(s->x) && !s->failed; i++) {
		s->sheet = pl_xlsx_sheet_name(s->x, i);
		s->header = 0;
		if (pl_xlsx_rows(s->x, i, on_row, s, e) < 0)
			goto out;
	}
	if (s->failed) {
		pl_err_set(e, s->failed, name, 0, "%s", s->failed == PL_EXIT_IO ?
		    "cannot write a temporary file" : "out of memory");
		goto out;
	}
	if (s->findings == 0 && s->refused == 0) {
		pl_err_set(e, PL_EXIT_DATA, name, 0, "no Findings sheet: no "
		    "sheet's first row holds the sign-off identity ('%s' ...): "
		    "not a review workbook of po-sheet", id_headers[0]);
		goto out;
	}
	if (fflush(s->tmp) != 0 || settle(s, out, 1) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "writing output failed: %s",
		    strerror(errno));
		goto out;
	}
	rc = s->refused;
out:
	if (rc < 0)
		settle(s, out, 0);
	if (s->tmp)
		fclose(s->tmp);
	s->tmp = NULL;
	pl_xlsx_close(s->x);
	s->x = NULL;
	return rc;
}

static int
cmp_ord(const void *a, const void *b)
{
	const struct ord *x = *(struct ord *const *)a;
	const struct ord *y = *(struct ord *const *)b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->docid, y->docid);
}

/* The order's decision record. */
static int
decide(const struct ord *o, FILE *out)
{
	unsigned need = 0, open = 0, any = 0;
	long found = 0, decided = 0;
	char must[64], pend[64], nf[24], nd[24];
	const char *f[PL_decision__N];
	uint32_t j;

	for (j = 0; j < o->nf; j++) {
		const struct fnd *x = &o->f[j];

		if (!x->seen)
			continue;
		found++;
		decided += x->dec != 0;
		any |= 1u << x->dec;
		if (x->sev > 0) {
			need |= 1u << x->dept;
			if (x->dec == 0)
				open |= 1u << x->dept;
		}
	}
	if (need == 0 && decided == 0)
		open = 1;	/* Sales, for a regular order */
	pl_signoff_dept_list(need, must, sizeof(must));
	pl_signoff_dept_list(open, pend, sizeof(pend));
	snprintf(nf, sizeof(nf), "%ld", found);
	snprintf(nd, sizeof(nd), "%ld", decided);
	f[0] = "decision";
	f[PL_decision_key] = o->key;
	f[PL_decision_docid] = o->docid;
	f[PL_decision_decision] = pl_signoff_state(any, open);
	f[PL_decision_departments] = must;
	f[PL_decision_pending] = pend;
	f[PL_decision_findings] = nf;
	f[PL_decision_decided] = nd;
	return pl_rec_write(out, f, PL_decision__N);
}

unsigned
pl_signoff_dept_bit(const char *d)
{
	int i;

	for (i = 0; d && i < PL_SIGNOFF_NDEPT; i++)
		if (strcmp(d, pl_signoff_depts[i]) == 0)
			return 1u << i;
	return 0;
}

unsigned
pl_signoff_dept_bits(const char *list)
{
	char one[32];
	unsigned bits = 0;

	while (list && *list) {
		size_t n = strcspn(list, ",");

		snprintf(one, sizeof(one), "%.*s", (int)n, list);
		bits |= pl_signoff_dept_bit(one);
		list += n + (list[n] == ',');
	}
	return bits;
}

void
pl_signoff_dept_list(unsigned bits, char *buf, size_t size)
{
	int i;

	*buf = '\0';
	for (i = 0; i < PL_SIGNOFF_NDEPT; i++)
		if (bits & (1u << i))
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			    *buf ? "," : "", pl_signoff_depts[i]);
}

const char *
pl_signoff_state(unsigned any, unsigned open)
{
	return any & (1u << 3) ? "declined" : any & (1u << 4) ?
	    "ask-customer" : open ? "pending" : any & (1u << 2) ?
	    "accepted-conditions" : "accepted";
}

int
pl_signoff_end(struct pl_signoff *s, FILE *out, struct pl_err *e)
{
	struct ord **all, *o;
	size_t i, n = 0;
	int rc = 0;

	if ((all = malloc((s->nord + 1) * sizeof(*all))) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < s->ntab; i++)
		for (o = s->tab[i]; o; o = o->next)
			if (o->committed)
				all[n++] = o;
	qsort(all, n, sizeof(*all), cmp_ord);
	for (i = 0; i < n && rc == 0; i++)
		if (decide(all[i], out) < 0)
			rc = pl_err_set(e, PL_EXIT_IO, NULL, 0, "writing output "
			    "failed: %s", strerror(errno));
	free(all);
	return rc;
}
