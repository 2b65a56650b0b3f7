#include "signoff.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>
#include <zlib.h>

#include "buf.h"
#include "date.h"
#include "rec.h"
#include "tmpdb.h"
#include "xlsx.h"

#define MAX_FINDING 10000000	/* a finding's number, at most */
#define FREE_NUMBERS (1L << 20)	/* a finding number always taken */

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

/*
 * The findings met, in a temporary database (tmpdb.h), so that memory
 * stays flat however many there are: met holds those of the workbook
 * being read, each with the row that met it first (another row with its
 * identity is a copied row) and its decision (1 + index in decisions, 0
 * for none).  Once the workbook was read whole they go into finding,
 * where a later workbook's row sets the department and severity, and
 * its decision, when it has one, replaces the earlier one; a workbook
 * that fails leaves finding as it was.  At the end each order's decision
 * comes from its findings, read in order of key and docid (the primary
 * key's, as strcmp orders them).
 */
static const char schema[] =
	"CREATE TABLE finding (key TEXT NOT NULL, docid TEXT NOT NULL, "
	    "k INTEGER NOT NULL, dept INTEGER NOT NULL, sev INTEGER NOT NULL, "
	    "dec INTEGER NOT NULL, PRIMARY KEY (key, docid, k)) WITHOUT ROWID; "
	"CREATE TABLE met (key TEXT NOT NULL, docid TEXT NOT NULL, "
	    "k INTEGER NOT NULL, dept INTEGER NOT NULL, sev INTEGER NOT NULL, "
	    "dec INTEGER NOT NULL, row INTEGER NOT NULL, "
	    "PRIMARY KEY (key, docid, k)) WITHOUT ROWID";

enum { Q_MEET, Q_FIRST, Q_KEEP, Q_DROP, Q_ORDERS, Q__N };
static const char *const queries[Q__N] = {
	"INSERT INTO met VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
	"SELECT row FROM met WHERE key = ?1 AND docid = ?2 AND k = ?3",
	"INSERT INTO finding SELECT key, docid, k, dept, sev, dec FROM met "
	    "WHERE true ON CONFLICT DO UPDATE SET dept = excluded.dept, "
	    "sev = excluded.sev, dec = CASE excluded.dec WHEN 0 THEN dec "
	    "ELSE excluded.dec END",
	"DELETE FROM met",
	"SELECT key, docid, dept, sev, dec FROM finding ORDER BY key, docid",
};

struct pl_signoff {
	int today;
	struct sqlite3 *db;
	struct sqlite3_stmt *q[Q__N];
	/* the workbook being read */
	struct pl_xlsx *x;
	const char *name, *sheet;
	char sha[2 * SHA256_DIGEST_SIZE + 1];
	struct pl_buf file, reviewer, comment;
	FILE *tmp;		/* its signoff records, until read whole */
	int col[F__N];
	int header, findings, refused, failed;
	char why[200];		/* why it failed (failed: PL_EXIT_*) */
	char lost[200];		/* why the database failed: from then on
				 * no workbook is read, no order decided */
	long rows;		/* identity rows read */
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
pl_signoff_new(int today, struct pl_err *e)
{
	struct pl_signoff *s = calloc(1, sizeof(*s));
	int i;

	if (s == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	s->today = today;
	pl_buf_init(&s->file);
	pl_buf_init(&s->reviewer);
	pl_buf_init(&s->comment);
	if (pl_tmpdb_open(&s->db, schema) < 0)
		goto bad;
	for (i = 0; i < Q__N; i++)
		if (pl_tmpdb_prepare(s->db, queries[i], &s->q[i]) < 0)
			goto bad;
	return s;
bad:
	pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot keep the findings in a "
	    "temporary database: %s", s->db ? sqlite3_errmsg(s->db) :
	    "out of memory");
	pl_signoff_free(s);
	return NULL;
}

void
pl_signoff_free(struct pl_signoff *s)
{
	if (s == NULL)
		return;
	pl_tmpdb_close(s->db);
	pl_buf_release(&s->file);
	pl_buf_release(&s->reviewer);
	pl_buf_release(&s->comment);
	free(s);
}

/* The temporary database failed (its folder is full, say): the workbook
 * is not read, nor any after it. */
static void
lost(struct pl_signoff *s)
{
	if (*s->lost == '\0')
		snprintf(s->lost, sizeof(s->lost), "cannot keep the findings "
		    "in a temporary database: %s", sqlite3_errmsg(s->db));
	if (!s->failed) {
		s->failed = PL_EXIT_IO;
		snprintf(s->why, sizeof(s->why), "%s", s->lost);
	}
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

/* The identity of a row: 1 good (k set), 0 refused. */
static int
identity(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v,
    long *k)
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
		return 1;
	}
	return 0;
}

/* Bind the finding's identity to the first three parameters of st. */
static void
bind_id(struct sqlite3_stmt *st, const struct pl_xlsx_cell **v, long k)
{
	sqlite3_bind_text(st, 1, v[F_KEY]->v, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v[F_DOCID]->v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, k);
}

/* The finding k met at row of this workbook with its decision (1 +
 * index in decisions, 0 for none): 0 when it is the first row with its
 * identity, else the row that came first; -1 when the database failed. */
static long
meet(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v, long k,
    int dept, int sev, int dec)
{
	struct sqlite3_stmt *st = s->q[Q_MEET];
	long first = -1;

	bind_id(st, v, k);
	sqlite3_bind_int(st, 4, dept);
	sqlite3_bind_int(st, 5, sev);
	sqlite3_bind_int(st, 6, dec);
	sqlite3_bind_int64(st, 7, row);
	if (pl_tmpdb_step(st) != SQLITE_DONE) {
		lost(s);
		return -1;
	}
	if (sqlite3_changes(s->db) == 1)
		return 0;
	st = s->q[Q_FIRST];
	bind_id(st, v, k);
	if (sqlite3_step(st) == SQLITE_ROW)
		first = (long)sqlite3_column_int64(st, 0);
	else
		lost(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return first;
}

enum { D_NONE, D_BAD, D_OUT, D_GOOD };	/* a sign-off's date cell */

struct sign {			/* what a row's sign-off cells say */
	const char *dec;	/* the decision's code; NULL for none */
	int who;		/* a reviewer is named */
	int date, days;		/* D_*, and the day when it is a date */
};

/* Read the sign-off cells of a row into sg: 0 when it holds no decision
 * (nothing signed), else 1, the decision as typed tidied into
 * s->comment, the reviewer into s->reviewer. */
static int
sign_read(struct pl_signoff *s, const struct pl_xlsx_cell **v,
    struct sign *sg)
{
	if (v[F_DECISION] == NULL || *tidy(v[F_DECISION]->v, &s->comment, 1)
	    == '\0')
		return 0;
	sg->dec = pl_signoff_decision(v[F_DECISION]->v);
	sg->who = v[F_REVIEWER] != NULL && *tidy(v[F_REVIEWER]->v,
	    &s->reviewer, 1) != '\0';
	sg->date = v[F_DATE] == NULL ? D_NONE : cell_date(s, v[F_DATE],
	    &sg->days) < 0 ? D_BAD : sg->days > s->today || sg->days < 10957 ?
	    D_OUT : D_GOOD;
	return 1;
}

/* Refuse each wrong cell of a signed row. */
static void
sign_refuse(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v,
    const struct sign *sg)
{
	char date[11];

	if (sg->dec == NULL)
		refuse(s, F_DECISION, row, "decision '%.60s' is none of "
		    "accept, accept with conditions, decline, ask customer "
		    "(接受, 有条件接受, 拒绝, 询问客户)", s->comment.s);
	if (!sg->who)
		refuse(s, F_REVIEWER, row, "a decision without a reviewer");
	if (sg->date == D_NONE)
		refuse(s, F_DATE, row, "a decision without a date");
	else if (sg->date == D_BAD)
		refuse(s, F_DATE, row, "'%.40s' is not a date (YYYY-MM-DD)",
		    v[F_DATE]->v);
	else if (sg->date == D_OUT) {
		pl_date_format(sg->days, date);
		refuse(s, F_DATE, row, "date %s lies %s", date, sg->days >
		    s->today ? "after today" : "before 2000 (the sheet's date "
		    "check)");
	}
}

static void
body_row(struct pl_signoff *s, long row, const struct pl_xlsx_cell **v)
{
	static const char *const sevs[] = { "info", "review", "reject" };
	static const char *const codes[] = { "accept", "accept-conditions",
		"decline", "ask" };
	const char *f[PL_signoff__N];
	char date[11], num[24];
	struct sign sg;
	long k, first;
	int i, dept, sig, good, any = 0;

	for (i = 0; i < F__N; i++)
		if (v[i] && (i < F_NUMBER || i >= F_REVIEWER))
			any = 1;
	if (!any)
		return;
	if (!identity(s, row, v, &k)) {
		s->refused++;
		return;
	}
	s->rows++;
	if (k > FREE_NUMBERS + 4 * s->rows) {
		refuse(s, F_FINDING, row, "finding number %ld is past what the "
		    "workbook's rows could number: not read", k);
		s->refused++;
		return;
	}
	/* the row is met with its decision in one step; a copied row is
	 * refused as that alone */
	sig = sign_read(s, v, &sg);
	good = sig && sg.dec && sg.who && sg.date == D_GOOD;
	dept = index_of(v[F_DEPT]->v, pl_signoff_depts, PL_SIGNOFF_NDEPT);
	if ((first = meet(s, row, v, k, dept, index_of(v[F_SEV]->v, sevs, 3),
	    good ? 1 + index_of(sg.dec, codes, 4) : 0)) < 0)
		return;
	if (first > 0) {
		refuse(s, F_CHECK, row, "the same finding as row %ld (a copied "
		    "row)", first);
		s->refused++;
		return;
	}
	if (!sig)
		return;		/* no decision: nothing signed */
	if (!good) {
		sign_refuse(s, row, v, &sg);
		s->refused++;
		return;
	}
	pl_date_format(sg.days, date);
	snprintf(num, sizeof(num), "%ld", k);
	tidy(v[F_COMMENT] ? v[F_COMMENT]->v : "", &s->comment, 0);
	f[0] = "signoff";
	f[PL_signoff_key] = v[F_KEY]->v;
	f[PL_signoff_docid] = v[F_DOCID]->v;
	f[PL_signoff_finding] = num;
	f[PL_signoff_department] = pl_signoff_depts[dept];
	f[PL_signoff_reviewer] = s->reviewer.s;
	f[PL_signoff_decision] = sg.dec;
	f[PL_signoff_date] = date;
	f[PL_signoff_comment] = s->comment.s;
	f[PL_signoff_file] = s->file.s;
	f[PL_signoff_sha256] = s->sha;
	if (pl_rec_write(s->tmp, f, PL_signoff__N) < 0 && !s->failed) {
		s->failed = PL_EXIT_IO;
		snprintf(s->why, sizeof(s->why), "cannot write a temporary "
		    "file");
	}
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

/* The findings the workbook met into those of the run (ok), or dropped.
 * 0, or -1 when the database failed. */
static int
settle(struct pl_signoff *s, int ok)
{
	if ((ok && pl_tmpdb_step(s->q[Q_KEEP]) != SQLITE_DONE) ||
	    pl_tmpdb_step(s->q[Q_DROP]) != SQLITE_DONE)
		return -1;
	return 0;
}

/* The workbook's signoff records, waiting in s->tmp, to out. */
static int
copy_out(struct pl_signoff *s, FILE *out)
{
	char buf[65536];
	size_t n;

	if (fflush(s->tmp) != 0)
		return -1;
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
	if (*s->lost)
		return pl_err_set(e, PL_EXIT_IO, name, 0, "not read: %s",
		    s->lost);
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
		pl_err_set(e, s->failed, name, 0, "%s", s->why);
		goto out;
	}
	if (s->findings == 0 && s->refused == 0) {
		pl_err_set(e, PL_EXIT_DATA, name, 0, "no Findings sheet: no "
		    "sheet's first row holds the sign-off identity ('%s' ...): "
		    "not a review workbook of po-sheet", id_headers[0]);
		goto out;
	}
	if (settle(s, 1) < 0) {
		lost(s);
		pl_err_set(e, PL_EXIT_IO, name, 0, "%s", s->why);
		goto out;
	}
	if (copy_out(s, out) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "writing output failed: %s",
		    strerror(errno));
		goto out;
	}
	rc = s->refused;
out:
	if (rc < 0)
		settle(s, 0);
	if (s->tmp)
		fclose(s->tmp);
	s->tmp = NULL;
	pl_xlsx_close(s->x);
	s->x = NULL;
	return rc;
}

struct tally {			/* an order's findings */
	unsigned need, open, any;	/* departments; decisions met */
	long found, decided;
};

/* The order's decision record. */
static int
decide(const char *key, const char *docid, const struct tally *t,
    FILE *out)
{
	char must[64], pend[64], nf[24], nd[24];
	const char *f[PL_decision__N];
	unsigned open = t->open;

	if (t->need == 0 && t->decided == 0)
		open = 1;	/* Sales, for a regular order */
	pl_signoff_dept_list(t->need, must, sizeof(must));
	pl_signoff_dept_list(open, pend, sizeof(pend));
	snprintf(nf, sizeof(nf), "%ld", t->found);
	snprintf(nd, sizeof(nd), "%ld", t->decided);
	f[0] = "decision";
	f[PL_decision_key] = key;
	f[PL_decision_docid] = docid;
	f[PL_decision_decision] = pl_signoff_state(t->any, open);
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

/* The findings of one order at a time, in order of key and docid: each
 * order's decision record to out. */
int
pl_signoff_end(struct pl_signoff *s, FILE *out, struct pl_err *e)
{
	struct sqlite3_stmt *st = s->q[Q_ORDERS];
	struct pl_buf key, docid;
	struct tally t;
	int rc = -1, r;

	if (*s->lost)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "no decision "
		    "records: %s", s->lost);
	pl_buf_init(&key);
	pl_buf_init(&docid);
	memset(&t, 0, sizeof(t));
	for (;;) {
		const char *k = NULL, *d = NULL;
		int dept, dec;

		if ((r = sqlite3_step(st)) == SQLITE_ROW) {
			k = (const char *)sqlite3_column_text(st, 0);
			d = (const char *)sqlite3_column_text(st, 1);
			if (k == NULL || d == NULL) {
				pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
				    "out of memory");
				goto out;
			}
		}
		/* the order before is whole */
		if (t.found > 0 && (k == NULL || strcmp(k, key.s) != 0 ||
		    strcmp(d, docid.s) != 0)) {
			if (decide(key.s, docid.s, &t, out) < 0) {
				pl_err_set(e, PL_EXIT_IO, NULL, 0, "writing "
				    "output failed: %s", strerror(errno));
				goto out;
			}
			memset(&t, 0, sizeof(t));
		}
		if (k == NULL)
			break;
		if (t.found++ == 0) {
			pl_buf_reset(&key);
			pl_buf_reset(&docid);
			if (pl_buf_adds(&key, k) < 0 ||
			    pl_buf_adds(&docid, d) < 0) {
				pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
				    "out of memory");
				goto out;
			}
		}
		dept = sqlite3_column_int(st, 2);
		dec = sqlite3_column_int(st, 4);
		t.decided += dec != 0;
		t.any |= 1u << dec;
		if (sqlite3_column_int(st, 3) > 0) {
			t.need |= 1u << dept;
			if (dec == 0)
				t.open |= 1u << dept;
		}
	}
	if (r != SQLITE_DONE)
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read the findings "
		    "back from a temporary database: %s",
		    sqlite3_errmsg(s->db));
	else
		rc = 0;
out:
	sqlite3_reset(st);
	pl_buf_release(&key);
	pl_buf_release(&docid);
	return rc;
}
