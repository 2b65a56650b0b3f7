#include "rec.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PL_REC_NAME(k, c) #c,
static const char *const cols_order[] = { PL_COLS_order(PL_REC_NAME) };
static const char *const cols_line[] = { PL_COLS_line(PL_REC_NAME) };
static const char *const cols_prop[] = { PL_COLS_prop(PL_REC_NAME) };
static const char *const cols_note[] = { PL_COLS_note(PL_REC_NAME) };
static const char *const cols_doc[] = { PL_COLS_doc(PL_REC_NAME) };
static const char *const cols_run[] = { PL_COLS_run(PL_REC_NAME) };
static const char *const cols_finding[] = { PL_COLS_finding(PL_REC_NAME) };
static const char *const cols_custprop[] = { PL_COLS_custprop(PL_REC_NAME) };
static const char *const cols_verdict[] = { PL_COLS_verdict(PL_REC_NAME) };
static const char *const cols_load[] = { PL_COLS_load(PL_REC_NAME) };
static const char *const cols_capacity[] = { PL_COLS_capacity(PL_REC_NAME) };
static const char *const cols_change[] = { PL_COLS_change(PL_REC_NAME) };
static const char *const cols_kept[] = { PL_COLS_kept(PL_REC_NAME) };
static const char *const cols_mappart[] = { PL_COLS_mappart(PL_REC_NAME) };
static const char *const cols_mapcap[] = { PL_COLS_mapcap(PL_REC_NAME) };
static const char *const cols_mapend[] = { PL_COLS_mapend(PL_REC_NAME) };
static const char *const cols_mapdoc[] = { PL_COLS_mapdoc(PL_REC_NAME) };
static const char *const cols_mapseen[] = { PL_COLS_mapseen(PL_REC_NAME) };
static const char *const cols_mapline[] = { PL_COLS_mapline(PL_REC_NAME) };
static const char *const cols_mapverdict[] = {
	PL_COLS_mapverdict(PL_REC_NAME) };
static const char *const cols_mapload[] = { PL_COLS_mapload(PL_REC_NAME) };
static const char *const cols_signoff[] = { PL_COLS_signoff(PL_REC_NAME) };
static const char *const cols_decision[] = { PL_COLS_decision(PL_REC_NAME) };
static const char *const cols_csatcomment[] = {
	PL_COLS_csatcomment(PL_REC_NAME) };
static const char *const cols_csatinvited[] = {
	PL_COLS_csatinvited(PL_REC_NAME) };
static const char *const cols_csatcell[] = { PL_COLS_csatcell(PL_REC_NAME) };
static const char *const cols_csatpart[] = { PL_COLS_csatpart(PL_REC_NAME) };
#undef PL_REC_NAME

const struct pl_rec_kind pl_rec_kinds[] = {
	{ "order", PL_order__N, cols_order, PL_order__N },
	{ "line", PL_line__N, cols_line, PL_line_action },
	{ "prop", PL_prop__N, cols_prop, PL_prop__N },
	{ "note", PL_note__N, cols_note, PL_note__N },
	{ "doc", PL_doc__N, cols_doc, PL_doc_sha256 },
	{ "run", PL_run__N, cols_run, PL_run__N },
	{ "finding", PL_finding__N, cols_finding, PL_finding__N },
	{ "custprop", PL_custprop__N, cols_custprop, PL_custprop__N },
	{ "verdict", PL_verdict__N, cols_verdict, PL_verdict__N },
	{ "load", PL_load__N, cols_load, PL_load__N },
	{ "capacity", PL_capacity__N, cols_capacity, PL_capacity_tentative },
	{ "change", PL_change__N, cols_change, PL_change__N },
	{ "kept", PL_kept__N, cols_kept, PL_kept__N },
	{ "mappart", PL_mappart__N, cols_mappart, PL_mappart__N },
	{ "mapcap", PL_mapcap__N, cols_mapcap, PL_mapcap__N },
	{ "mapend", PL_mapend__N, cols_mapend, PL_mapend__N },
	{ "mapdoc", PL_mapdoc__N, cols_mapdoc, PL_mapdoc__N },
	{ "mapseen", PL_mapseen__N, cols_mapseen, PL_mapseen__N },
	{ "mapline", PL_mapline__N, cols_mapline, PL_mapline__N },
	{ "mapverdict", PL_mapverdict__N, cols_mapverdict, PL_mapverdict__N },
	{ "mapload", PL_mapload__N, cols_mapload, PL_mapload__N },
	{ "signoff", PL_signoff__N, cols_signoff, PL_signoff__N },
	{ "decision", PL_decision__N, cols_decision, PL_decision__N },
	{ "csatcomment", PL_csatcomment__N, cols_csatcomment,
	    PL_csatcomment__N },
	{ "csatinvited", PL_csatinvited__N, cols_csatinvited,
	    PL_csatinvited__N },
	{ "csatcell", PL_csatcell__N, cols_csatcell, PL_csatcell__N },
	{ "csatpart", PL_csatpart__N, cols_csatpart, PL_csatpart_repeats },
	{ NULL, 0, NULL, 0 }
};

const struct pl_rec_kind *
pl_rec_kind(const char *name)
{
	const struct pl_rec_kind *k;

	/* the first byte before the call: every record read and written
	 * comes here */
	for (k = pl_rec_kinds; k->name; k++)
		if (k->name[0] == name[0] && strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

int
pl_rec_format(struct pl_buf *out, const char *const *f, int n)
{
	const struct pl_rec_kind *k;
	const char *s;
	int i;

	if (n < 2 || f[0] == NULL ||
	    ((k = pl_rec_kind(f[0])) != NULL && k->nfields != n)) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && pl_buf_addc(out, '\t') < 0)
			return -1;
		if (f[i] == NULL)
			continue;
		/* copy runs of plain bytes at once; escape the four specials */
		for (s = f[i];;) {
			size_t len = strcspn(s, "\\\t\n\r");

			if (pl_buf_add(out, s, len) < 0)
				return -1;
			s += len;
			if (*s == '\0')
				break;
			if (pl_buf_add(out, *s == '\\' ? "\\\\" : *s == '\t' ?
			    "\\t" : *s == '\n' ? "\\n" : "\\r", 2) < 0)
				return -1;
			s++;
		}
	}
	return pl_buf_addc(out, '\n');
}

int
pl_rec_write(FILE *fp, const char *const *f, int n)
{
	struct pl_buf b;
	int rc;

	pl_buf_init(&b);
	rc = pl_rec_format(&b, f, n);
	if (rc == 0 && fwrite(b.s, 1, b.len, fp) != b.len)
		rc = -1;
	pl_buf_release(&b);
	return rc;
}

void
pl_rec_reader_init(struct pl_rec_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

void
pl_rec_reader_release(struct pl_rec_reader *r)
{
	free(r->raw);
	free(r->f);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

int
pl_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;

	while (s < end) {
		unsigned c = *s;
		size_t len;
		unsigned cp, min;

		/* ASCII, the common case, eight bytes at a time */
		while (end - s >= 8) {
			uint64_t w;

			memcpy(&w, s, 8);
			if (w & 0x8080808080808080ULL)
				break;
			s += 8;
		}
		if (s == end)
			break;
		c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		if ((size_t)(end - s) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += len;
	}
	return 1;
}

int
pl_utf8_clean(const char *s, struct pl_buf *out)
{
	size_t i = 0, n = strlen(s), k;
	unsigned char c;

	pl_buf_reset(out);
	while (i < n) {
		c = (unsigned char)s[i];
		k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (i + k <= n && pl_utf8_valid(s + i, k)) {
			if (pl_buf_add(out, s + i, k) < 0)
				return -1;
			i += k;
		} else {
			if (pl_buf_adds(out, "\xef\xbf\xbd") < 0)
				return -1;
			i++;
		}
	}
	return 0;
}

/* Unescape the field at s in place; NULL-terminated result.  -1 on a bad
 * escape. */
static int
unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

static int
header_version(const char *line)
{
	static const char magic[] = "#poreview-records";
	char *end;
	long v;

	if (strncmp(line, magic, sizeof(magic) - 1) != 0)
		return -1;
	line += sizeof(magic) - 1;
	if (*line != ' ')
		return 0;
	v = strtol(line + 1, &end, 10);
	return *end == '\0' && v > 0 && v < 1000000 ? (int)v : 0;
}

/* The first line of an input that is no record stream at all: XML, an
 * XML order with a byte-order mark, gzip.  Said once, for the input. */
static int
not_records(struct pl_rec_reader *r, size_t n, struct pl_err *e)
{
	const unsigned char *s = (const unsigned char *)r->raw;
	const char *what = NULL;

	if (s[0] == '<' || (n >= 4 && memcmp(s, "\xef\xbb\xbf<", 4) == 0))
		what = "XML, not a record stream (po-parse reads XML orders "
		    "and writes the stream)";
	else if (n >= 2 && s[0] == 0x1f && s[1] == 0x8b)
		what = "gzip data, not a record stream (zcat it first)";
	if (what == NULL)
		return 0;
	r->whole = 1;
	return pl_err_set(e, PL_EXIT_DATA, r->name, 0, "%s", what);
}

/* The line of n bytes in r->raw (its newline included, if it has one)
 * taken as the next line of the stream. */
static int
take(struct pl_rec_reader *r, ssize_t n, struct pl_err *e)
{
	const struct pl_rec_kind *k;
	char *p;
	int v, esc;

	r->line++;
	r->nf = 0;
	if (r->line == 1 && not_records(r, (size_t)n, e) < 0)
		return -1;
	if (memchr(r->raw, '\0', (size_t)n) != NULL)
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
		    "NUL byte in record stream");
	if (r->raw[n - 1] != '\n')
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
		    "the stream ends inside a record (no newline after its "
		    "last line): it was cut");
	r->raw[--n] = '\0';
	if (memchr(r->raw, '\r', (size_t)n) != NULL) {
		r->whole = n > 0 && r->raw[n - 1] == '\r';
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line, "%s",
		    r->whole ? "CRLF line ends (a file saved as DOS text?): "
		    "records end with LF alone" : "a raw CR in a record (it "
		    "is written \\r)");
	}
	if (r->keep) {
		/* a filter that passes lines on copies them, not re-escapes */
		if ((size_t)n + 1 > r->textcap) {
			char *p = realloc(r->text, (size_t)n + 1);

			if (p == NULL)
				return pl_err_set(e, PL_EXIT_INTERNAL, r->name,
				    r->line, "out of memory");
			r->text = p;
			r->textcap = (size_t)n + 1;
		}
		memcpy(r->text, r->raw, (size_t)n + 1);
		r->textlen = (size_t)n;
	}
	if (!pl_utf8_valid(r->raw, (size_t)n))
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
		    "invalid UTF-8 in record stream");
	if (r->raw[0] == '#') {
		v = header_version(r->raw);
		if (v == 0 || (v > 0 && v != PL_REC_VERSION))
			return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
			    "unsupported record stream version '%s'",
			    r->raw + 17 + (r->raw[17] == ' '));
		return PL_REC_COMMENT;
	}
	/* most records hold no escape: one look instead of one per field */
	esc = memchr(r->raw, '\\', (size_t)n) != NULL;
	for (p = r->raw;;) {
		char *tab = strchr(p, '\t');

		if (r->nf == r->fcap) {
			int cap = r->fcap ? r->fcap * 2 : 64;
			char **f = realloc(r->f, (size_t)cap * sizeof(*f));

			if (f == NULL)
				return pl_err_set(e, PL_EXIT_INTERNAL, r->name,
				    r->line, "out of memory");
			r->f = f;
			r->fcap = cap;
		}
		r->f[r->nf++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = 0; esc && i < r->nf; i++)
		if (unescape(r->f[i]) < 0)
			return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
			    "bad escape in field %d", i + 1);
	if (r->nf < 2 || r->f[0][0] == '\0')
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
		    "not a record: needs a kind and a key");
	k = pl_rec_kind(r->f[0]);
	if (k != NULL && (r->nf < k->nmin || r->nf > k->nfields))
		return pl_err_set(e, PL_EXIT_DATA, r->name, r->line,
		    "'%s' record has %d fields, expected %d", k->name, r->nf,
		    k->nfields);
	/* columns added within version 1 are empty in older records */
	while (k != NULL && r->nf < k->nfields && r->nf < r->fcap)
		r->f[r->nf++] = r->raw + n;
	return PL_REC_RECORD;
}

int
pl_rec_read(struct pl_rec_reader *r, struct pl_err *e)
{
	ssize_t n;

	errno = 0;
	n = getline(&r->raw, &r->rawcap, r->fp);
	if (n < 0) {
		if (ferror(r->fp))
			return pl_err_set(e, PL_EXIT_IO, r->name, r->line + 1,
			    "read error: %s", strerror(errno ? errno : EIO));
		return PL_REC_EOF;
	}
	return take(r, n, e);
}

int
pl_rec_parse(struct pl_rec_reader *r, const char *s, size_t n,
    struct pl_err *e)
{
	if (n == 0)
		return PL_REC_EOF;
	if (n + 1 > r->rawcap) {
		size_t cap = n + 1 > 256 ? n + 1 : 256;
		char *p = realloc(r->raw, cap);

		if (p == NULL)
			return pl_err_set(e, PL_EXIT_INTERNAL, r->name,
			    r->line + 1, "out of memory");
		r->raw = p;
		r->rawcap = cap;
	}
	memcpy(r->raw, s, n);
	r->raw[n] = '\0';
	return take(r, (ssize_t)n, e);
}

static const char *const kinds[][3] = {
	{ "material", "material", "客供料" }, { "tooling", "tooling", "工装模具" },
	{ "drawing", "drawing", "图纸" }, { "sample", "sample", "样品" },
	{ "data", "data", "资料" },
};

const char *
pl_rec_kind_name(const char *type, int zh)
{
	size_t i;

	for (i = 0; type && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(type, kinds[i][0]) == 0)
			return kinds[i][1 + (zh != 0)];
	return type;
}
