#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <sqlite3.h>
#include <unzip.h>

#include "buf.h"
#include "tmpdb.h"
#include "xml.h"

#define NS_REL_END "/relationships/"
#define SST_MEM (1UL << 20)	/* shared strings in memory, at most */
#define SST_SLOTS 4096		/* past it, short ones looked up lately */

struct sheet {
	char *name;
	char *part;		/* its path in the zip */
};

struct rel {
	char *id, *type, *target;
};

struct cell {
	int col;
	char type;
	size_t off;		/* its value in row */
};

struct sst_slot {		/* a shared string looked up */
	size_t i;		/* its index + 1; 0 for none */
	char s[56];		/* itself, when it fits */
};

struct pl_xlsx {
	unzFile zf;
	char name[256];
	struct sheet *sheets;
	int nsheets, capsheets;
	int date1904;
	/* the shared strings: each NUL-ended in sst while they and their
	 * offsets take up to SST_MEM, else all of them in db */
	struct pl_buf sst;
	size_t *sstoff, nsst, capsst;
	size_t sstlen;		/* their text, for the bound */
	struct sqlite3 *db;
	struct sqlite3_stmt *sstadd, *sstget;
	struct sst_slot *slots;	/* SST_SLOTS of them, by index */
	/* the part being read */
	const char *part;
	int xmlfailed;
	long xmlline;
	char xmlmsg[300];
	/* the row being read */
	struct pl_buf row, val;
	struct cell *cells;
	struct pl_xlsx_cell *out;
	int ncells, capcells;
};

static int
nomem(struct pl_err *e)
{
	return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
}

static void
on_error(void *ctx, PL_XML_ERROR err)
{
	struct pl_xlsx *x = ctx;

	if (err->level == XML_ERR_WARNING || x->xmlfailed)
		return;
	x->xmlfailed = 1;
	x->xmlline = err->line;
	pl_xml_tidy(x->xmlmsg, sizeof(x->xmlmsg), err->message ?
	    err->message : "parse error");
}

static int
zread(void *ctx, char *buf, int len)
{
	struct pl_xlsx *x = ctx;
	int n = unzReadCurrentFile(x->zf, buf, (unsigned)len);

	if (n < 0 && !x->xmlfailed) {
		x->xmlfailed = 1;
		snprintf(x->xmlmsg, sizeof(x->xmlmsg), "cannot unzip it "
		    "(zip error %d): damaged", n);
	}
	return n < 0 ? -1 : n;
}

static int
zclose(void *ctx)
{
	(void)ctx;
	return 0;
}

/* A reader over part, or NULL: 0 with *missing set when the zip has no
 * such part, else -1 with e filled. */
static xmlTextReaderPtr
part_open(struct pl_xlsx *x, const char *part, int *missing,
    struct pl_err *e)
{
	xmlTextReaderPtr rd;

	*missing = 0;
	if (unzLocateFile(x->zf, part, 2) != UNZ_OK) {
		*missing = 1;
		pl_err_set(e, PL_EXIT_DATA, x->name, 0, "not an xlsx workbook: "
		    "no part '%s' in the zip", part);
		return NULL;
	}
	if (unzOpenCurrentFile(x->zf) != UNZ_OK) {
		pl_err_set(e, PL_EXIT_DATA, x->name, 0, "cannot unzip '%s': "
		    "damaged or of an unknown compression", part);
		return NULL;
	}
	x->part = part;
	x->xmlfailed = 0;
	rd = xmlReaderForIO(zread, zclose, x, part, NULL, XML_PARSE_NONET);
	if (rd == NULL) {
		unzCloseCurrentFile(x->zf);
		nomem(e);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, on_error, x);
	return rd;
}

/* The next node; a DOCTYPE is refused (no part of an xlsx has one) so
 * no entity it declares is ever used. */
static int
step(struct pl_xlsx *x, xmlTextReaderPtr rd)
{
	int r = xmlTextReaderRead(rd);

	if (r == 1 && xmlTextReaderNodeType(rd) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		x->xmlfailed = 1;
		x->xmlline = xmlTextReaderGetParserLineNumber(rd);
		snprintf(x->xmlmsg, sizeof(x->xmlmsg), "a DOCTYPE: refused");
		return -1;
	}
	return r;
}

/* Close the part; r the last step's result (-1 a failure, 0 the end, 1
 * stopped early).  0, or -1 with e filled. */
static int
part_close(struct pl_xlsx *x, xmlTextReaderPtr rd, int r, struct pl_err *e)
{
	int z;

	xmlFreeTextReader(rd);
	z = unzCloseCurrentFile(x->zf);
	if (r < 0 || x->xmlfailed) {
		if (!x->xmlfailed)
			snprintf(x->xmlmsg, sizeof(x->xmlmsg), "not "
			    "well-formed");
		if (x->xmlline > 0)
			return pl_err_set(e, PL_EXIT_DATA, x->name, 0,
			    "%s:%ld: %s", x->part, x->xmlline, x->xmlmsg);
		return pl_err_set(e, PL_EXIT_DATA, x->name, 0, "%s: %s",
		    x->part, x->xmlmsg);
	}
	if (r == 0 && z == UNZ_CRCERROR)
		return pl_err_set(e, PL_EXIT_DATA, x->name, 0, "%s: its CRC "
		    "does not match: damaged", x->part);
	return 0;
}

static int
is(xmlTextReaderPtr rd, int type, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(rd);

	return xmlTextReaderNodeType(rd) == type && n &&
	    strcmp((const char *)n, name) == 0;
}

static int
is_text(xmlTextReaderPtr rd)
{
	int t = xmlTextReaderNodeType(rd);

	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	    t == XML_READER_TYPE_WHITESPACE ||
	    t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static int
add_text(xmlTextReaderPtr rd, struct pl_buf *b)
{
	const xmlChar *v = xmlTextReaderConstValue(rd);

	return v ? pl_buf_adds(b, (const char *)v) : 0;
}

static char *
attr(xmlTextReaderPtr rd, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* A relationship's target as a part name: relative to the folder of the
 * part that names it, or absolute; "." and ".." resolved. */
static char *
resolve(const char *from, const char *target)
{
	struct pl_buf b;
	const char *p, *slash = strrchr(from, '/');
	char *out, *seg;
	size_t n;

	pl_buf_init(&b);
	if (target[0] != '/' && slash)
		pl_buf_add(&b, from, (size_t)(slash - from + 1));
	pl_buf_adds(&b, target[0] == '/' ? target + 1 : target);
	if ((out = pl_buf_detach(&b)) == NULL)
		return NULL;
	/* resolve in place: a segment ".." drops the one before it */
	for (p = seg = out; *p;) {
		n = strcspn(p, "/");
		if (n == 1 && p[0] == '.')
			;
		else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (seg > out)
				seg--;
			while (seg > out && seg[-1] != '/')
				seg--;
		} else {
			memmove(seg, p, n);
			seg += n;
			if (p[n] == '/')
				*seg++ = '/';
		}
		p += n + (p[n] == '/');
	}
	*seg = '\0';
	return out;
}

static void
rels_free(struct rel *r, int n)
{
	while (n-- > 0) {
		free(r[n].id);
		free(r[n].type);
		free(r[n].target);
	}
	free(r);
}

/* The relationships of part (its _rels/NAME.rels), targets resolved. */
static int
rels_read(struct pl_xlsx *x, const char *part, struct rel **out, int *nout,
    struct pl_err *e)
{
	const char *slash = strrchr(part, '/');
	char path[512];
	struct rel *r = NULL, *t;
	int n = 0, cap = 0, rc, missing;
	xmlTextReaderPtr rd;

	snprintf(path, sizeof(path), "%.*s_rels/%s.rels",
	    slash ? (int)(slash - part + 1) : 0, part, slash ? slash + 1 : part);
	if ((rd = part_open(x, path, &missing, e)) == NULL)
		return -1;
	while ((rc = step(x, rd)) == 1) {
		char *target;

		if (!is(rd, XML_READER_TYPE_ELEMENT, "Relationship"))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((t = realloc(r, cap * sizeof(*r))) == NULL)
				goto mem;
			r = t;
		}
		target = attr(rd, "Target");
		r[n].id = attr(rd, "Id");
		r[n].type = attr(rd, "Type");
		r[n].target = target ? resolve(part, target) : NULL;
		free(target);
		n++;
	}
	if (part_close(x, rd, rc, e) < 0) {
		rels_free(r, n);
		return -1;
	}
	*out = r;
	*nout = n;
	return 0;
mem:
	part_close(x, rd, 1, e);
	rels_free(r, n);
	return nomem(e);
}

/* The target of the first relationship of a type ending in /kind, or of
 * the one called id. */
static const char *
rel_find(const struct rel *r, int n, const char *kind, const char *id)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *t = r[i].type ? strstr(r[i].type, NS_REL_END) :
		    NULL;

		if (r[i].target == NULL || t == NULL)
			continue;
		if (id ? (r[i].id && strcmp(r[i].id, id) == 0 &&
		    strcmp(t + strlen(NS_REL_END), kind) == 0) :
		    strcmp(t + strlen(NS_REL_END), kind) == 0)
			return r[i].target;
	}
	return NULL;
}

static int
add_sheet(struct pl_xlsx *x, const char *name, const char *part)
{
	if (x->nsheets == x->capsheets) {
		int cap = x->capsheets ? 2 * x->capsheets : 16;
		struct sheet *t = realloc(x->sheets, cap * sizeof(*t));

		if (t == NULL)
			return -1;
		x->sheets = t;
		x->capsheets = cap;
	}
	x->sheets[x->nsheets].name = strdup(name);
	x->sheets[x->nsheets].part = strdup(part);
	if (x->sheets[x->nsheets].name == NULL ||
	    x->sheets[x->nsheets].part == NULL) {
		free(x->sheets[x->nsheets].name);
		free(x->sheets[x->nsheets].part);
		return -1;
	}
	x->nsheets++;
	return 0;
}

/* The workbook part: date1904 and its worksheets, with their parts. */
static int
workbook_read(struct pl_xlsx *x, const char *part, const struct rel *r,
    int nr, struct pl_err *e)
{
	xmlTextReaderPtr rd;
	int rc, missing;

	if ((rd = part_open(x, part, &missing, e)) == NULL)
		return -1;
	while ((rc = step(x, rd)) == 1) {
		if (is(rd, XML_READER_TYPE_ELEMENT, "workbookPr")) {
			char *v = attr(rd, "date1904");

			x->date1904 = v && (strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0);
			free(v);
		} else if (is(rd, XML_READER_TYPE_ELEMENT, "sheet")) {
			char *name = attr(rd, "name"), *id = NULL;
			const char *target;

			/* r:id, in whichever relationships namespace */
			while (xmlTextReaderMoveToNextAttribute(rd) == 1)
				if (xmlTextReaderConstNamespaceUri(rd) &&
				    strcmp((const char *)
				    xmlTextReaderConstLocalName(rd), "id") == 0)
					id = strdup((const char *)
					    xmlTextReaderConstValue(rd));
			xmlTextReaderMoveToElement(rd);
			target = name && id ? rel_find(r, nr, "worksheet", id) :
			    NULL;
			if (target && add_sheet(x, name, target) < 0) {
				free(name);
				free(id);
				part_close(x, rd, 1, e);
				return nomem(e);
			}
			free(name);
			free(id);
		}
	}
	return part_close(x, rd, rc, e);
}

/* The temporary database failed: -1 with e filled. */
static int
sst_lost(struct pl_xlsx *x, struct pl_err *e)
{
	return pl_err_set(e, PL_EXIT_IO, x->name, 0, "cannot keep its shared "
	    "strings in a temporary database: %s", x->db ?
	    sqlite3_errmsg(x->db) : "out of memory");
}

/* The next shared string, n bytes at v, into the database.  0, or -1. */
static int
sst_put(struct pl_xlsx *x, const char *v, size_t n)
{
	sqlite3_bind_int64(x->sstadd, 1, (sqlite3_int64)x->nsst);
	sqlite3_bind_text(x->sstadd, 2, v, (int)n, SQLITE_STATIC);
	return pl_tmpdb_step(x->sstadd) == SQLITE_DONE ? 0 : -1;
}

/* The shared strings read so far out of memory into a temporary
 * database, where the rest will go.  0, or -1 with e filled. */
static int
sst_spill(struct pl_xlsx *x, struct pl_err *e)
{
	size_t n = x->nsst;

	if ((x->slots = calloc(SST_SLOTS, sizeof(*x->slots))) == NULL)
		return nomem(e);
	if (pl_tmpdb_open(&x->db, "CREATE TABLE sst (i INTEGER PRIMARY KEY, "
	    "s TEXT NOT NULL)") < 0 ||
	    pl_tmpdb_prepare(x->db, "INSERT INTO sst VALUES (?, ?)",
	    &x->sstadd) < 0 ||
	    pl_tmpdb_prepare(x->db, "SELECT s FROM sst WHERE i = ?",
	    &x->sstget) < 0)
		return sst_lost(x, e);
	for (x->nsst = 0; x->nsst < n; x->nsst++) {
		const char *v = x->sst.s + x->sstoff[x->nsst];

		if (sst_put(x, v, strlen(v)) < 0)
			return sst_lost(x, e);
	}
	pl_buf_release(&x->sst);
	free(x->sstoff);
	x->sstoff = NULL;
	x->capsst = 0;
	return 0;
}

/* Add the next shared string, n bytes at v: in memory, or past SST_MEM
 * in the database.  0, or -1 with e filled. */
static int
sst_add(struct pl_xlsx *x, const char *v, size_t n, struct pl_err *e)
{
	if (x->db == NULL && x->sst.len + n + 1 + (x->nsst + 1) *
	    sizeof(*x->sstoff) > SST_MEM && sst_spill(x, e) < 0)
		return -1;
	if (x->db) {
		if (sst_put(x, v, n) < 0)
			return sst_lost(x, e);
	} else {
		if (x->nsst == x->capsst) {
			size_t cap = x->capsst ? 2 * x->capsst : 1024;
			size_t *t = realloc(x->sstoff, cap * sizeof(*t));

			if (t == NULL)
				return nomem(e);
			x->sstoff = t;
			x->capsst = cap;
		}
		x->sstoff[x->nsst] = x->sst.len;
		if (pl_buf_add(&x->sst, v, n) < 0 ||
		    pl_buf_addc(&x->sst, '\0') < 0)
			return nomem(e);
	}
	x->nsst++;
	return 0;
}

/*
 * Shared string i (< nsst), valid until the next one is asked for; NULL
 * with e filled when the database failed.  A short one looked up is kept
 * in its slot: a Findings row repeats most of its strings (department,
 * severity, code, reviewer, decision, the order's key on each of its
 * rows), which then cost no query.
 */
static const char *
sst_get(struct pl_xlsx *x, size_t i, struct pl_err *e)
{
	struct sst_slot *t;
	const char *v;
	size_t n;

	if (x->db == NULL)
		return x->sst.s + x->sstoff[i];
	if ((t = &x->slots[i % SST_SLOTS])->i == i + 1)
		return t->s;
	sqlite3_reset(x->sstget);
	sqlite3_bind_int64(x->sstget, 1, (sqlite3_int64)i);
	if (sqlite3_step(x->sstget) != SQLITE_ROW ||
	    (v = (const char *)sqlite3_column_text(x->sstget, 0)) == NULL) {
		sst_lost(x, e);
		return NULL;
	}
	if ((n = (size_t)sqlite3_column_bytes(x->sstget, 0)) < sizeof(t->s)) {
		memcpy(t->s, v, n + 1);
		t->i = i + 1;
	}
	return v;
}

/* The shared strings: each <si>'s text runs, phonetic runs left out. */
static int
strings_read(struct pl_xlsx *x, const char *part, struct pl_err *e)
{
	xmlTextReaderPtr rd;
	int rc, missing, in_t = 0, in_rph = 0;

	if ((rd = part_open(x, part, &missing, e)) == NULL)
		return missing ? 0 : -1;
	while ((rc = step(x, rd)) == 1) {
		int empty = xmlTextReaderIsEmptyElement(rd);

		if (is(rd, XML_READER_TYPE_ELEMENT, "si")) {
			pl_buf_reset(&x->val);
			x->sstlen += empty;
			if (empty && sst_add(x, "", 0, e) < 0)
				goto fail;
		} else if (is(rd, XML_READER_TYPE_END_ELEMENT, "si")) {
			x->sstlen += x->val.len + 1;
			if (x->sstlen > PL_XLSX_MAX_STRINGS) {
				part_close(x, rd, 1, e);
				return pl_err_set(e, PL_EXIT_DATA, x->name, 0,
				    "%s: more than %lu MiB of shared strings "
				    "(the bound)", part,
				    PL_XLSX_MAX_STRINGS >> 20);
			}
			if (sst_add(x, x->val.s, x->val.len, e) < 0)
				goto fail;
		} else if (is(rd, XML_READER_TYPE_ELEMENT, "rPh") && !empty)
			in_rph = 1;
		else if (is(rd, XML_READER_TYPE_END_ELEMENT, "rPh"))
			in_rph = 0;
		else if (is(rd, XML_READER_TYPE_ELEMENT, "t") && !empty)
			in_t = !in_rph;
		else if (is(rd, XML_READER_TYPE_END_ELEMENT, "t"))
			in_t = 0;
		else if (in_t && is_text(rd) && add_text(rd, &x->val) < 0) {
			nomem(e);
			goto fail;
		}
	}
	return part_close(x, rd, rc, e);
fail:
	part_close(x, rd, 1, NULL);
	return -1;
}

struct pl_xlsx *
pl_xlsx_open(const char *path, const char *name, struct pl_err *e)
{
	struct pl_xlsx *x = calloc(1, sizeof(*x));
	struct rel *r = NULL;
	const char *wb, *ss;
	char *wbpart = NULL;
	int nr = 0;

	if (x == NULL) {
		nomem(e);
		return NULL;
	}
	snprintf(x->name, sizeof(x->name), "%s", name);
	pl_buf_init(&x->sst);
	pl_buf_init(&x->row);
	pl_buf_init(&x->val);
	pl_xml_harden();
	if ((x->zf = unzOpen64(path)) == NULL) {
		pl_err_set(e, PL_EXIT_DATA, name, 0, "not an xlsx workbook: "
		    "not a zip archive");
		goto fail;
	}
	/* the package says where the workbook is, and the workbook where
	 * its sheets and strings are */
	if (rels_read(x, "", &r, &nr, e) < 0)
		goto fail;
	if ((wb = rel_find(r, nr, "officeDocument", NULL)) == NULL) {
		pl_err_set(e, PL_EXIT_DATA, name, 0, "not an xlsx workbook: "
		    "_rels/.rels names no workbook");
		goto fail;
	}
	if ((wbpart = strdup(wb)) == NULL) {
		nomem(e);
		goto fail;
	}
	rels_free(r, nr);
	r = NULL;
	nr = 0;
	if (rels_read(x, wbpart, &r, &nr, e) < 0 ||
	    workbook_read(x, wbpart, r, nr, e) < 0)
		goto fail;
	if ((ss = rel_find(r, nr, "sharedStrings", NULL)) != NULL &&
	    strings_read(x, ss, e) < 0)
		goto fail;
	rels_free(r, nr);
	free(wbpart);
	return x;
fail:
	rels_free(r, nr);
	free(wbpart);
	pl_xlsx_close(x);
	return NULL;
}

void
pl_xlsx_close(struct pl_xlsx *x)
{
	int i;

	if (x == NULL)
		return;
	if (x->zf)
		unzClose(x->zf);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->sstoff);
	free(x->slots);
	pl_tmpdb_close(x->db);
	free(x->cells);
	free(x->out);
	pl_buf_release(&x->sst);
	pl_buf_release(&x->row);
	pl_buf_release(&x->val);
	free(x);
}

int
pl_xlsx_nsheets(const struct pl_xlsx *x)
{
	return x->nsheets;
}

const char *
pl_xlsx_sheet_name(const struct pl_xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

int
pl_xlsx_date1904(const struct pl_xlsx *x)
{
	return x->date1904;
}

void
pl_xlsx_ref(int col, long row, char *buf)
{
	char c[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		c[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = c[n - 1 - i];
	snprintf(buf + n, 16 - (size_t)n, "%ld", row);
}

/* "AB12": column 27 (0 first) and row 12; -1 for what is none. */
static void
parse_ref(const char *r, int *col, long *row)
{
	long c = 0, n = 0;

	for (; *r >= 'A' && *r <= 'Z' && c <= PL_XLSX_MAX_COLS; r++)
		c = c * 26 + (*r - 'A' + 1);
	for (; *r >= '0' && *r <= '9' && n <= 1048576; r++)
		n = n * 10 + (*r - '0');
	*col = c >= 1 && c <= PL_XLSX_MAX_COLS ? (int)c - 1 : -1;
	*row = n >= 1 && n <= 1048576 ? n : -1;
}

/* The cell just read into the row: its value (a shared string looked
 * up).  0, or -1 with e filled. */
static int
cell_end(struct pl_xlsx *x, int col, long row, char type, struct pl_err *e)
{
	const char *v = x->val.s;
	char ref[16];

	if (type == 'S') {	/* a shared string's index */
		char *end;
		unsigned long i = strtoul(x->val.s, &end, 10);

		if (end == x->val.s || *end || i >= x->nsst) {
			pl_xlsx_ref(col, row, ref);
			return pl_err_set(e, PL_EXIT_DATA, x->name, 0, "%s: cell "
			    "%s: shared string '%.20s' out of range (%zu)",
			    x->part, ref, x->val.s, x->nsst);
		}
		if ((v = sst_get(x, i, e)) == NULL)
			return -1;
		type = 's';
	}
	if (x->ncells == x->capcells) {
		int cap = x->capcells ? 2 * x->capcells : 32;
		struct cell *t = realloc(x->cells, cap * sizeof(*t));
		struct pl_xlsx_cell *o;

		if (t == NULL)
			return nomem(e);
		x->cells = t;
		if ((o = realloc(x->out, cap * sizeof(*o))) == NULL)
			return nomem(e);
		x->out = o;
		x->capcells = cap;
	}
	x->cells[x->ncells].col = col;
	x->cells[x->ncells].type = type;
	x->cells[x->ncells].off = x->row.len;
	x->ncells++;
	if (pl_buf_add(&x->row, v, strlen(v) + 1) < 0)
		return nomem(e);
	return 0;
}

static int
row_end(struct pl_xlsx *x, long row, pl_xlsx_row_fn *fn, void *user)
{
	int i, stop;

	if (x->ncells == 0)
		return 0;
	for (i = 0; i < x->ncells; i++) {
		x->out[i].col = x->cells[i].col;
		x->out[i].type = x->cells[i].type;
		x->out[i].v = x->row.s + x->cells[i].off;
	}
	stop = fn(user, row, x->out, x->ncells);
	x->ncells = 0;
	pl_buf_reset(&x->row);
	return stop;
}

int
pl_xlsx_rows(struct pl_xlsx *x, int i, pl_xlsx_row_fn *fn, void *user,
    struct pl_err *e)
{
	xmlTextReaderPtr rd;
	int rc, missing, in_c = 0, in_v = 0, in_is = 0, in_t = 0, in_rph = 0;
	int col = -1, type = 'n';
	long row = 0;

	if (i < 0 || i >= x->nsheets)
		return pl_err_set(e, PL_EXIT_INTERNAL, x->name, 0, "no sheet %d",
		    i);
	if ((rd = part_open(x, x->sheets[i].part, &missing, e)) == NULL)
		return -1;
	x->ncells = 0;
	pl_buf_reset(&x->row);
	while ((rc = step(x, rd)) == 1) {
		int nt = xmlTextReaderNodeType(rd);
		const char *n = (const char *)xmlTextReaderConstLocalName(rd);
		int empty = xmlTextReaderIsEmptyElement(rd);

		if (in_c && (in_v || in_t) && is_text(rd)) {
			if (add_text(rd, &x->val) < 0)
				goto mem;
		} else if (nt == XML_READER_TYPE_ELEMENT) {
			if (strcmp(n, "row") == 0) {
				char *r = attr(rd, "r");
				long k = r ? strtol(r, NULL, 10) : row + 1;

				free(r);
				row = k >= 1 && k <= 1048576 ? k : row + 1;
				col = -1;
				x->ncells = 0;
				pl_buf_reset(&x->row);
			} else if (strcmp(n, "c") == 0) {
				char *r = attr(rd, "r"), *t = attr(rd, "t");
				long rr;
				int cc = col + 1;

				if (r)
					parse_ref(r, &cc, &rr);
				col = cc >= 0 ? cc : col + 1;
				type = t == NULL ? 'n' : strcmp(t, "s") == 0 ?
				    'S' : strcmp(t, "str") == 0 ||
				    strcmp(t, "inlineStr") == 0 ? 's' :
				    strcmp(t, "b") == 0 ? 'b' : strcmp(t, "e") ==
				    0 ? 'e' : strcmp(t, "d") == 0 ? 'd' : 'n';
				free(r);
				free(t);
				pl_buf_reset(&x->val);
				in_c = !empty;
				in_v = in_is = in_t = in_rph = 0;
			} else if (in_c && strcmp(n, "v") == 0 && !empty)
				in_v = 1;
			else if (in_c && strcmp(n, "is") == 0 && !empty)
				in_is = 1;
			else if (in_is && strcmp(n, "rPh") == 0 && !empty)
				in_rph = 1;
			else if (in_is && !in_rph && strcmp(n, "t") == 0 &&
			    !empty)
				in_t = 1;
		} else if (nt == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "v") == 0)
				in_v = 0;
			else if (strcmp(n, "t") == 0)
				in_t = 0;
			else if (strcmp(n, "rPh") == 0)
				in_rph = 0;
			else if (strcmp(n, "is") == 0)
				in_is = 0;
			else if (strcmp(n, "c") == 0 && in_c) {
				in_c = 0;
				if (x->val.len > 0 &&
				    cell_end(x, col, row, (char)type, e) < 0) {
					part_close(x, rd, 1, NULL);
					return -1;
				}
			} else if (strcmp(n, "row") == 0) {
				if (row_end(x, row, fn, user)) {
					rc = 1;
					break;
				}
			} else if (strcmp(n, "sheetData") == 0) {
				rc = 1;	/* the rest is no cell */
				break;
			}
		}
	}
	return part_close(x, rd, rc, e);
mem:
	part_close(x, rd, 1, NULL);
	return nomem(e);
}
