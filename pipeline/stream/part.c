#include "part.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "date.h"
#include "docs.h"
#include "input.h"

/* The XXH3-64 of what went through s (NULL: nothing) as a part's mapend
 * record says it: 16 hex digits into out[17]. */
static void
sum_hex(const XXH3_state_t *s, char *out)
{
	snprintf(out, 17, "%016llx", (unsigned long long)(s ?
	    XXH3_64bits_digest(s) : XXH3_64bits(NULL, 0)));
}

int
pl_out_open(struct pl_out *w, const char *path, struct pl_err *e)
{
	const char *slash;
	mode_t mask;
	size_t dir;
	int fd;

	memset(w, 0, sizeof(*w));
	w->bol = 1;
	if (path == NULL || strcmp(path, "-") == 0) {
		w->fp = stdout;
		return 0;
	}
	slash = strrchr(path, '/');
	dir = slash ? (size_t)(slash - path) + 1 : 0;
	if ((w->path = strdup(path)) == NULL ||
	    (w->tmp = malloc(strlen(path) + 10)) == NULL) {
		free(w->path);
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	}
	/* beside it, hidden: a glob of the folder never takes half a part */
	sprintf(w->tmp, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	if ((fd = mkstemp(w->tmp)) < 0 || (w->fp = fdopen(fd, "w")) == NULL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s",
		    path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(w->tmp);
		}
		free(w->path);
		free(w->tmp);
		w->path = w->tmp = NULL;
		return -1;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);	/* as a file made by open() */
	return 0;
}

int
pl_out_write(struct pl_out *w, const void *s, size_t n)
{
	const char *p = s, *end = p + n, *nl;

	if (w->failed)
		return -1;
	if (!w->count)
		goto write;
	if (w->sum == NULL && (w->sum = XXH3_createState()) != NULL)
		XXH3_64bits_reset(w->sum);
	if (w->sum == NULL) {
		w->failed = 1;
		w->err = ENOMEM;
		return -1;
	}
	XXH3_64bits_update(w->sum, p, n);
	w->length += n;
	while (p < end) {
		if (w->bol && *p != '#')
			w->records++;
		w->bol = 0;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		p = nl + 1;
		w->bol = 1;
	}
write:
	if (n > 0 && fwrite(s, 1, n, w->fp) != n) {
		w->failed = 1;
		w->err = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

int
pl_out_close(struct pl_out *w, int keep, struct pl_err *e)
{
	int rc = PL_EXIT_OK;

	XXH3_freeState(w->sum);
	w->sum = NULL;
	if (w->path == NULL)
		return PL_EXIT_OK;	/* the standard output: the command
					   closes it (pl_cli_close_stdout) */
	if (keep && !w->failed && (fflush(w->fp) != 0 ||
	    fsync(fileno(w->fp)) != 0)) {
		w->failed = 1;
		w->err = errno;
	}
	if (fclose(w->fp) != 0 && keep && !w->failed) {
		w->failed = 1;
		w->err = errno;
	}
	if (keep && !w->failed && rename(w->tmp, w->path) != 0) {
		w->failed = 1;
		w->err = errno;
	}
	if (keep && w->failed) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write '%s': %s; it "
		    "was not written", w->path, strerror(w->err));
		rc = PL_EXIT_IO;
	}
	if (!keep || w->failed)
		unlink(w->tmp);
	free(w->path);
	free(w->tmp);
	w->path = w->tmp = NULL;
	w->fp = NULL;
	return rc;
}

int
pl_part_header(struct pl_buf *b, const struct pl_part_info *h)
{
	char part[24], of[24], cl[24], rl[24];
	const char *f[PL_mappart__N] = { "mappart", part, h->of ? of : NULL,
		h->version, h->today, h->cat_crc, cl, h->rules_crc, rl };

	snprintf(part, sizeof(part), "%ld", h->part);
	snprintf(of, sizeof(of), "%ld", h->of);
	snprintf(cl, sizeof(cl), "%llu", h->cat_len);
	snprintf(rl, sizeof(rl), "%llu", h->rules_len);
	return pl_rec_format(b, f, PL_mappart__N);
}

int
pl_part_trailer(struct pl_buf *b, const struct pl_part_info *h,
    const struct pl_out *w, int status)
{
	char part[24], docs[24], recs[24], sum[24], len[24], st[8], lo[24];
	const char *f[PL_mapend__N] = { "mapend", part, docs, recs, sum, len,
		st, h->cat_crc, h->rules_crc, h->loads ? lo : NULL };

	snprintf(lo, sizeof(lo), "%llu", h->loads);
	snprintf(part, sizeof(part), "%ld", h->part);
	snprintf(docs, sizeof(docs), "%llu", h->documents);
	snprintf(recs, sizeof(recs), "%llu", w->records);
	sum_hex(w->sum, sum);
	snprintf(len, sizeof(len), "%llu", w->length);
	snprintf(st, sizeof(st), "%d", status);
	return pl_rec_format(b, f, PL_mapend__N);
}

/* A whole decimal number: 0, or -1. */
static int
whole(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end == '\0' && errno == 0 && *v <= max ? 0 : -1;
}

static int
hexn(const char *s, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return -1;
	if (s[n] != '\0')
		return -1;
	memcpy(out, s, n + 1);
	return 0;
}

#define hex8(s, out) hexn(s, 8, out)

/* The mappart record f into h: 0, or -1 when a field is wrong. */
static int
header_read(char *const *f, int nf, struct pl_part_info *h)
{
	unsigned long long v;
	int day;

	memset(h, 0, sizeof(*h));
	if (nf != PL_mappart__N || whole(f[PL_mappart_key], 1000000000, &v) <
	    0 || v == 0)
		return -1;
	h->part = (long)v;
	if (f[PL_mappart_of][0] && (whole(f[PL_mappart_of], 1000000000, &v) <
	    0 || v < (unsigned long long)h->part))
		return -1;
	h->of = f[PL_mappart_of][0] ? (long)v : 0;
	if (strlen(f[PL_mappart_version]) >= sizeof(h->version) ||
	    strlen(f[PL_mappart_today]) != 10 ||
	    pl_date_parse(f[PL_mappart_today], &day) < 0 ||
	    hex8(f[PL_mappart_catalog_checksum], h->cat_crc) < 0 ||
	    hex8(f[PL_mappart_rules_checksum], h->rules_crc) < 0 ||
	    whole(f[PL_mappart_catalog_length], ~0ULL, &h->cat_len) < 0 ||
	    whole(f[PL_mappart_rules_length], ~0ULL, &h->rules_len) < 0)
		return -1;
	memcpy(h->version, f[PL_mappart_version],
	    strlen(f[PL_mappart_version]) + 1);
	memcpy(h->today, f[PL_mappart_today], 11);
	return 0;
}

/* The mapend record f into h's trailer fields: 0, or -1. */
static int
trailer_read(char *const *f, int nf, struct pl_part_info *h)
{
	unsigned long long v;
	char cc[9], rc[9];

	if (nf != PL_mapend__N || whole(f[PL_mapend_key], 1000000000, &v) < 0 ||
	    (long)v != h->part ||
	    whole(f[PL_mapend_documents], ~0ULL, &h->documents) < 0 ||
	    whole(f[PL_mapend_records], ~0ULL, &h->records) < 0 ||
	    hexn(f[PL_mapend_checksum], 16, h->checksum) < 0 ||
	    whole(f[PL_mapend_length], ~0ULL, &h->length) < 0 ||
	    whole(f[PL_mapend_status], 255, &v) < 0 ||
	    hex8(f[PL_mapend_catalog_checksum], cc) < 0 ||
	    hex8(f[PL_mapend_rules_checksum], rc) < 0 ||
	    strcmp(cc, h->cat_crc) != 0 || strcmp(rc, h->rules_crc) != 0)
		return -1;
	h->status = (int)v;
	h->loads = 0;
	if (f[PL_mapend_loads][0] && (whole(f[PL_mapend_loads], h->length,
	    &h->loads) < 0 || h->loads == 0))
		return -1;
	return 0;
}

/* Split the line s (no escapes: a mapend record) into at most n fields. */
static int
split(char *s, char **f, int n)
{
	int k = 0;

	for (;;) {
		if (k == n)
			return n + 1;
		f[k++] = s;
		if ((s = strchr(s, '\t')) == NULL)
			return k;
		*s++ = '\0';
	}
}

/* The mapend record at the end of the file p->fp: 0, or -1 with e. */
static int
tail(struct pl_part *p, const char *name, struct pl_err *e)
{
	char buf[1024], *f[PL_mapend__N + 1], *s;
	struct stat st;
	ssize_t n;
	off_t at;

	/* the standard input is read once, whatever it is */
	if (p->fp == stdin || fstat(fileno(p->fp), &st) < 0 ||
	    !S_ISREG(st.st_mode)) {
		p->piped = 1;
		return 0;
	}
	at = st.st_size > (off_t)sizeof(buf) - 1 ? st.st_size -
	    (off_t)sizeof(buf) + 1 : 0;
	if ((n = pread(fileno(p->fp), buf, (size_t)(st.st_size - at), at)) <
	    0)
		return pl_err_set(e, PL_EXIT_IO, name, 0, "read error: %s",
		    strerror(errno));
	buf[n] = '\0';
	if (n == 0 || buf[n - 1] != '\n')
		return pl_err_set(e, PL_EXIT_DATA, name, 0, "cut: it does not "
		    "end with a whole line (the map did not finish, or the "
		    "file was cut)");
	buf[--n] = '\0';
	s = strrchr(buf, '\n');
	s = s ? s + 1 : buf;
	p->before_end = (unsigned long long)st.st_size - (unsigned long long)
	    (buf + n + 1 - s);
	if (strncmp(s, "mapend\t", 7) != 0 || trailer_read(f,
	    split(s, f, PL_mapend__N), &p->h) < 0)
		return pl_err_set(e, PL_EXIT_DATA, name, 0, "cut: it does not "
		    "end with the mapend record of part %ld (the map did not "
		    "finish, the file was cut, or more than a part is in it)",
		    p->h.part);
	return 0;
}

/* Open p and read it up to its mappart record, which fills h: 0, or -1
 * with e. */
static int
open_part(struct pl_part *p, struct pl_part_info *h, struct pl_err *e)
{
	int rc;

	if (p->sum == NULL && (p->sum = XXH3_createState()) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	XXH3_64bits_reset(p->sum);
	p->length = p->records = p->documents = 0;
	p->fp = strcmp(p->path, "-") == 0 ? stdin : fopen(p->path, "r");
	if (p->fp == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot open '%s': %s",
		    p->path, strerror(errno));
	setvbuf(p->fp, NULL, _IONBF, 0);	/* read in blocks of its own */
	p->open = 1;
	p->at = p->end = 0;
	p->eof = 0;
	p->loads_at = 0;
	pl_rec_reader_init(&p->r, p->fp, pl_input_display(p->path));
	p->r.keep = 1;
	/* its first record, after the stream's header */
	while ((rc = pl_part_next(p, e)) == PL_REC_COMMENT)
		;
	if (rc < 0)
		return -1;
	if (rc != PL_REC_RECORD || strcmp(p->r.f[0], "mappart") != 0 ||
	    header_read(p->r.f, p->r.nf, h) < 0)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line, "not a "
		    "part of po-check --map: it does not open with a mappart "
		    "record");
	return 0;
}

int
pl_part_probe(struct pl_part *p, const char *path, struct pl_err *e)
{
	const char *name = pl_input_display(path);

	memset(p, 0, sizeof(*p));
	p->path = path;
	if (open_part(p, &p->h, e) < 0 || tail(p, name, e) < 0) {
		pl_part_close(p);
		return -1;
	}
	if (!p->piped)
		pl_part_close(p);	/* read again when its turn comes */
	return 0;
}

int
pl_part_matches(const struct pl_part *p, const struct pl_part_info *want,
    struct pl_err *e)
{
	const struct pl_part_info *h = &p->h;
	const char *name = pl_input_display(p->path);

	if (strcmp(h->version, want->version) != 0)
		return pl_err_set(e, PL_EXIT_CONFIG, name, 0, "made by poreview "
		    "%s, not %s: map it again", h->version, want->version);
	if (strcmp(h->cat_crc, want->cat_crc) != 0 ||
	    h->cat_len != want->cat_len)
		return pl_err_set(e, PL_EXIT_CONFIG, name, 0, "made with another "
		    "catalog (checksum %s, %llu bytes; this one's is %s, %llu "
		    "bytes): map it again with the same --catalog", h->cat_crc,
		    h->cat_len, want->cat_crc, want->cat_len);
	if (strcmp(h->rules_crc, want->rules_crc) != 0 ||
	    h->rules_len != want->rules_len)
		return pl_err_set(e, PL_EXIT_CONFIG, name, 0, "made with other "
		    "rules (checksum %s, %llu bytes; these are %s, %llu bytes): "
		    "map it again with the same --rules", h->rules_crc,
		    h->rules_len, want->rules_crc, want->rules_len);
	if (strcmp(h->today, want->today) != 0)
		return pl_err_set(e, PL_EXIT_CONFIG, name, 0, "reviewed for %s, "
		    "not %s: give the maps and the reduce one --today",
		    h->today, want->today);
	return 0;
}

int
pl_part_arg(const char *s, struct pl_part_info *h)
{
	char *end;
	long k, n = 0;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	k = strtol(s, &end, 10);
	if (*end == '/') {
		s = end + 1;
		if (*s < '0' || *s > '9')
			return -1;
		n = strtol(s, &end, 10);
		if (n < k)
			return -1;
	}
	if (errno || *end != '\0' || k < 1 || k > 1000000000 ||
	    n > 1000000000)
		return -1;
	h->part = k;
	h->of = n;
	return 0;
}

static int
by_number(const void *a, const void *b)
{
	const struct pl_part *x = *(struct pl_part *const *)a;
	const struct pl_part *y = *(struct pl_part *const *)b;

	return x->h.part < y->h.part ? -1 : x->h.part > y->h.part;
}

int
pl_parts_order(struct pl_part **v, int n, struct pl_err *e)
{
	int i;

	qsort(v, (size_t)n, sizeof(*v), by_number);
	for (i = 0; i < n; i++) {
		if (i > 0 && v[i]->h.part == v[i - 1]->h.part)
			return pl_err_set(e, PL_EXIT_DATA,
			    pl_input_display(v[i]->path), 0, "part %ld again "
			    "(%s is part %ld too): a part given twice, or maps "
			    "run without their own --part", v[i]->h.part,
			    pl_input_display(v[i - 1]->path), v[i]->h.part);
		if (v[i]->h.part != i + 1)
			return pl_err_set(e, PL_EXIT_DATA,
			    pl_input_display(v[i]->path), 0, "it is part %ld, "
			    "but part %d is missing", v[i]->h.part, i + 1);
		if (v[i]->h.of && v[i]->h.of != n)
			return pl_err_set(e, PL_EXIT_DATA,
			    pl_input_display(v[i]->path), 0, "it is part %ld of "
			    "%ld, but %d part%s given", v[i]->h.part, v[i]->h.of,
			    n, n == 1 ? " was" : "s were");
	}
	return 0;
}

int
pl_parts_plan(struct pl_part **v, int n, struct pl_part_info *want,
    int given, void (*say)(const struct pl_err *))
{
	struct pl_err e;
	int i, status = PL_EXIT_OK;

	for (i = 0; i < n; i++)
		if (pl_part_probe(v[i], v[i]->path, &e) < 0) {
			say(&e);
			status = pl_worst(status, e.status);
		} else if (v[i]->piped && n > 1) {
			pl_err_set(&e, PL_EXIT_USAGE, pl_input_display(v[i]->path),
			    0, "the standard input or a pipe can only be the one "
			    "part: the reduce reads its parts in their order, "
			    "once");
			say(&e);
			return PL_EXIT_USAGE;
		}
	if (status != PL_EXIT_OK)
		return status;
	if (!given)
		memcpy(want->today, v[0]->h.today, sizeof(want->today));
	for (i = 0; i < n; i++)
		if (pl_part_matches(v[i], want, &e) < 0) {
			say(&e);
			status = pl_worst(status, e.status);
		}
	if (status == PL_EXIT_OK && pl_parts_order(v, n, &e) < 0) {
		say(&e);
		status = e.status;
	}
	return status;
}

/* The trailer p read agrees with what p counted: 0, or -1 with e. */
static int
trailer_agrees(struct pl_part *p, struct pl_err *e)
{
	struct pl_part_info t = p->h;
	char sum[24];

	if (trailer_read(p->r.f, p->r.nf, &t) < 0)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line, "its "
		    "mapend record is not part %ld's", p->h.part);
	sum_hex(p->sum, sum);
	if (t.length != p->length || t.records != p->records ||
	    t.documents != p->documents || strcmp(t.checksum, sum) != 0)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line, "cut "
		    "or changed: its mapend record says %llu documents, %llu "
		    "records, %llu bytes (checksum %s), but %llu, %llu, %llu "
		    "(%s) came before it", t.documents, t.records, t.length,
		    t.checksum, p->documents, p->records, p->length, sum);
	p->h.status = t.status;
	return 0;
}

#define CHUNK ((size_t)1 << 20)

/* Read on until buf[at..end) holds need bytes, or all that is left of
 * the part: 0, or -1 with e (a read error, out of memory). */
static int
fill(struct pl_part *p, size_t need, struct pl_err *e)
{
	size_t n, cap;
	char *b;

	while (p->end - p->at < need && !p->eof) {
		if (p->cap - p->end < CHUNK && p->at > 0) {
			memmove(p->buf, p->buf + p->at, p->end - p->at);
			p->end -= p->at;
			p->at = 0;
		}
		if (p->cap - p->end < CHUNK || p->cap < need) {
			cap = p->cap ? p->cap * 2 : 4 * CHUNK;
			if (cap < need + CHUNK)
				cap = need + CHUNK;
			if ((b = realloc(p->buf, cap)) == NULL)
				return pl_err_set(e, PL_EXIT_INTERNAL, p->r.name,
				    p->r.line + 1, "out of memory");
			p->buf = b;
			p->cap = cap;
		}
		n = fread(p->buf + p->end, 1, p->cap - p->end, p->fp);
		p->end += n;
		if (n == 0) {
			if (ferror(p->fp))
				return pl_err_set(e, PL_EXIT_IO, p->r.name,
				    p->r.line + 1, "read error: %s",
				    strerror(errno ? errno : EIO));
			p->eof = 1;
		}
	}
	return 0;
}

/* Take the next line of p: *s, and *n its bytes with its newline (none
 * at the end of a part cut inside a line); *n is 0 at the end.  0, or
 * -1 with e. */
static int
next_line(struct pl_part *p, const char **s, size_t *n, struct pl_err *e)
{
	size_t have = 0;
	char *nl;

	for (;;) {
		nl = p->end - p->at > have ? memchr(p->buf + p->at + have, '\n',
		    p->end - p->at - have) : NULL;
		if (nl != NULL || p->eof)
			break;
		have = p->end - p->at;
		if (fill(p, have + 1, e) < 0)
			return -1;
	}
	*s = p->buf + p->at;
	*n = nl ? (size_t)(nl - *s) + 1 : p->end - p->at;
	p->at += *n;
	return 0;
}

static void
sum(struct pl_part *p, const char *s, size_t n)
{
	XXH3_64bits_update(p->sum, s, n);
	p->length += n;
}

/* The document the mapdoc record in p->r announces, read as a block:
 * PL_PART_DOC, or -1 with e. */
static int
document(struct pl_part *p, struct pl_err *e)
{
	char *const *f = p->r.f;
	struct pl_part_doc *d = &p->doc;
	unsigned long long own, lines, recs, review, rrecs, lat, lbytes, lrecs;
	long line = p->r.line;

	if (whole(f[PL_mapdoc_bytes], PL_PART_DOC_MAX, &own) < 0 ||
	    whole(f[PL_mapdoc_lines], PL_PART_DOC_MAX, &lines) < 0 ||
	    whole(f[PL_mapdoc_records], lines, &recs) < 0 ||
	    whole(f[PL_mapdoc_review_bytes], PL_PART_DOC_MAX, &review) < 0 ||
	    whole(f[PL_mapdoc_review_records], review, &rrecs) < 0 ||
	    whole(f[PL_mapdoc_loads_at], review, &lat) < 0 ||
	    whole(f[PL_mapdoc_loads_bytes], review - lat, &lbytes) < 0 ||
	    whole(f[PL_mapdoc_loads_records], rrecs, &lrecs) < 0 ||
	    recs == 0 || rrecs == 0 || (lbytes > 0) != (lrecs > 0))
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, line, "a mapdoc "
		    "record that cannot be read: the part is damaged");
	if (fill(p, (size_t)(own + review), e) < 0)
		return -1;
	if (p->end - p->at < own + review)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, line, "cut: it "
		    "ends inside the document of order '%s' (the map did not "
		    "finish, or the file was cut)", f[PL_mapdoc_key]);
	d->key = f[PL_mapdoc_key];
	d->docid = f[PL_mapdoc_docid];
	d->own = p->buf + p->at;
	d->ownlen = (size_t)own;
	d->review = d->own + own;
	d->reviewlen = (size_t)review;
	d->review_records = rrecs;
	d->loads_at = (size_t)lat;
	d->loads_bytes = (size_t)lbytes;
	d->load_records = lrecs;
	d->line = line + 1;
	if (own < 7 || memcmp(d->own, "order\t", 6) != 0 ||
	    d->own[own - 1] != '\n' || d->review[review - 1] != '\n')
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, line, "cut or "
		    "changed: the document of order '%s' is not what its mapdoc "
		    "record says", d->key);
	sum(p, d->own, (size_t)(own + review));
	p->at += (size_t)(own + review);
	p->records += recs + rrecs;
	p->documents++;
	p->r.line += (long)(lines + rrecs);
	return PL_PART_DOC;
}

/* Its turn: p read again, as it was when probed.  0, or -1 with e. */
static int
reopen(struct pl_part *p, struct pl_err *e)
{
	struct pl_part_info h;

	if (p->open)
		return 0;
	if (open_part(p, &h, e) < 0)
		return -1;
	if (h.part != p->h.part || strcmp(h.today, p->h.today) != 0 ||
	    strcmp(h.cat_crc, p->h.cat_crc) != 0 ||
	    strcmp(h.rules_crc, p->h.rules_crc) != 0)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line,
		    "its mappart record changed since it was read");
	return 0;
}

int
pl_part_loads(struct pl_part *p, struct pl_buf *out, struct pl_err *e)
{
	size_t n, got = 0;
	ssize_t k = 0;
	char *nl;

	pl_buf_reset(out);
	if (reopen(p, e) < 0)
		return -1;
	/* one cut or changed goes without, and is refused on its way */
	if (p->piped || p->h.loads == 0 || p->h.loads >= p->h.length ||
	    p->before_end != p->h.length)
		return 0;
	if (p->loads_at == 0)
		p->loads_at = p->h.loads;
	if (p->loads_at >= p->h.length)
		return 0;
	n = p->h.length - p->loads_at < CHUNK ? (size_t)(p->h.length -
	    p->loads_at) : CHUNK;
	if (pl_buf_grow(out, n + 1) < 0)
		return pl_err_set(e, PL_EXIT_INTERNAL, p->r.name, 0,
		    "out of memory");
	while (got < n && (k = pread(fileno(p->fp), out->s + got, n - got,
	    (off_t)(p->loads_at + got))) > 0)
		got += (size_t)k;
	if (got < n)
		return pl_err_set(e, k < 0 ? PL_EXIT_IO : PL_EXIT_DATA,
		    p->r.name, 0, "%s", k < 0 ? strerror(errno) : "cut: it "
		    "ends before its mapload records");
	/* whole records: the last one cut here comes next time */
	for (nl = out->s + n; nl > out->s && nl[-1] != '\n'; nl--)
		;
	if (nl-- == out->s)
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, 0, "a mapload "
		    "record over %zu bytes: the part is damaged", CHUNK);
	out->len = (size_t)(nl - out->s) + 1;
	out->s[out->len] = '\0';
	p->loads_at += out->len;
	return 1;
}

int
pl_part_next(struct pl_part *p, struct pl_err *e)
{
	const char *s;
	size_t n;
	int rc, ended = 0;

	if (reopen(p, e) < 0)
		return -1;
	for (;;) {
		if (next_line(p, &s, &n, e) < 0)
			return -1;
		if (!ended && n > 7 && s[n - 1] == '\n' &&
		    (memcmp(s, "mapcap\t", 7) == 0 || (n > 8 &&
		    memcmp(s, "mapload\t", 8) == 0))) {
			/* read ahead (pl_part_loads(), pl_part_caps()), or
			 * of no use to a part from a pipe: summed and
			 * counted, not parsed again */
			p->r.line++;
			sum(p, s, n);
			p->records++;
			continue;
		}
		rc = pl_rec_parse(&p->r, s, n, e);
		if (rc == PL_REC_EOF && ended)
			return PL_REC_EOF;
		if (rc == PL_REC_EOF)
			return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line,
			    "cut: it ends without its mapend record (the map did "
			    "not finish, or the file was cut)");
		if (rc < 0) {
			if (e->status != PL_EXIT_IO)
				snprintf(e->msg + strlen(e->msg), sizeof(e->msg) -
				    strlen(e->msg), ": the part is damaged");
			return -1;
		}
		if (ended)
			return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line,
			    "records after its mapend record (a part given twice "
			    "in one file?)");
		if (rc == PL_REC_RECORD && strcmp(p->r.f[0], "mapend") == 0) {
			if (trailer_agrees(p, e) < 0)
				return -1;
			ended = 1;
			continue;
		}
		sum(p, s, n);
		if (rc == PL_REC_COMMENT)
			return rc;
		p->records++;
		if (strcmp(p->r.f[0], "mapdoc") == 0)
			return document(p, e);
		if (strcmp(p->r.f[0], "order") == 0)
			return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line,
			    "an order record without its mapdoc record: not a "
			    "part of this version's po-check --map, or damaged");
		if (pl_docs_kind(p->r.f[0]))
			return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line,
			    "a '%s' record outside the documents: the part is "
			    "damaged", p->r.f[0]);
		if (strcmp(p->r.f[0], "mappart") != 0 || p->records == 1)
			return rc;
		return pl_err_set(e, PL_EXIT_DATA, p->r.name, p->r.line, "a "
		    "second mappart record (two parts in one file?)");
	}
}

int
pl_part_caps(const char *path, struct pl_part_info *h, pl_part_cap each,
    void *ctx, struct pl_err *e)
{
	struct pl_part p;
	const char *s;
	char *end;
	size_t n;
	double v;
	int rc;

	memset(&p, 0, sizeof(p));
	p.path = path;
	if ((rc = open_part(&p, h, e)) == 0)
		for (;;) {
			if ((rc = next_line(&p, &s, &n, e)) < 0 ||
			    n < 8 || memcmp(s, "mapcap\t", 7) != 0)
				break;
			rc = -1;
			if (pl_rec_parse(&p.r, s, n, e) != PL_REC_RECORD)
				break;
			errno = 0;
			v = strtod(p.r.f[PL_mapcap_capacity], &end);
			if (end == p.r.f[PL_mapcap_capacity] || *end != '\0' ||
			    errno != 0 || !(v >= 0)) {
				pl_err_set(e, PL_EXIT_DATA, p.r.name, p.r.line,
				    "a mapcap record that cannot be read: the "
				    "part is damaged");
				break;
			}
			if ((rc = each(ctx, p.r.f[PL_mapcap_key], v,
			    p.r.line, e)) < 0)
				break;
		}
	pl_part_close(&p);
	return rc < 0 ? -1 : 0;
}

void
pl_part_close(struct pl_part *p)
{
	XXH3_freeState(p->sum);
	p->sum = NULL;
	if (!p->open)
		return;
	pl_rec_reader_release(&p->r);
	if (p->fp != stdin)
		fclose(p->fp);
	free(p->buf);
	p->buf = NULL;
	p->cap = p->at = p->end = 0;
	p->fp = NULL;
	p->open = 0;
}
