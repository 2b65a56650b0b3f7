#include "book.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "date.h"

/*
 * Text is measured in Excel's character widths (that of a digit of the
 * default font, Calibri, or Carlito where LibreOffice prints), counting
 * a letter as wide as a digit (most are narrower) and a capital a fifth
 * wider; a column is set a character wider for the cell's margins.
 */
#define FONT_WIDER 1.0
#define MARGIN 1.0
#define DEFAULT_HEIGHT 15.0	/* a row of one line of 11 points */

struct pl_book_sheet {
	struct pl_book *b;
	struct pl_book_sheet *next;
	lxw_worksheet *ws;
	struct pl_book_page pg;
	char name[32];
	int ncol;
	struct pl_book_col *cols;
	double *seen;		/* the widest line of a column's text */
	double *need;		/* and of its numbers: no narrower (after
				 * seen, in the same allocation) */
	int row;		/* the current row */
	double height;		/* what the current row needs, 0: default */
	int used;		/* a cell was written in the current row */
	int repeat_first;	/* the header rows, when not the first */
	struct pl_book_sheet *after;	/* pl_book_after(): the sheet it
					   follows, else NULL */
	struct pl_book_sheet *kids, *kids_last, *sibling; /* those that
					   follow it, in the order made */
	size_t made;		/* reorder(): which was made when */
	int hide1, hide2;	/* the hidden columns, when hide2 >= 0 */
	double tall;		/* the rows closed, in points */
	double least;		/* pl_book_fit_page(): the least scale, else 0 */
};

struct pl_book {
	lxw_workbook *wb;
	struct pl_book_opts opts;
	lxw_format *wrap;
	struct pl_book_sheet *sheets, *last;
	lxw_error err;		/* the first error of the library */
	char where[128];	/* what was being written then */
	long nonnumbers;	/* numbers no cell can hold, written as text */
	char nonnumber[64];	/* the first of them */
	long badtext;		/* texts not UTF-8, mended */
};

int
pl_book_ok(struct pl_book *b, lxw_error rc, const char *where)
{
	if (rc != LXW_NO_ERROR && b->err == LXW_NO_ERROR) {
		b->err = rc;
		snprintf(b->where, sizeof(b->where), "%s", where);
	}
	return rc == LXW_NO_ERROR ? 0 : -1;
}

int
pl_book_failed(const struct pl_book *b)
{
	return b->err != LXW_NO_ERROR;
}

#define ok pl_book_ok

/* --- measuring text --------------------------------------------------- */

/* The next character of p: its code point, and its length in *n. */
static unsigned long
next_cp(const unsigned char *p, size_t *n)
{
	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
		*n = 2;
		return (unsigned long)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*n = 3;
		return (unsigned long)(p[0] & 0x0f) << 12 |
		    (unsigned long)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	}
	if ((p[0] & 0xf8) == 0xf0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
		*n = 4;
		return (unsigned long)(p[0] & 0x07) << 18 |
		    (unsigned long)(p[1] & 0x3f) << 12 |
		    (unsigned long)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	}
	*n = 1;
	return 0xfffd;
}

/* The widths of the printable ASCII characters in Calibri (and Carlito,
 * its metric twin), in tenths of a digit's, from ' ' to '~'; rounded up. */
static const unsigned char ascii[95] = {
	5, 5, 8, 10, 10, 14, 14, 5, 6, 6, 10, 10, 5, 6, 5, 8,
	10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 5, 5, 10, 10, 10, 9,
	17, 12, 11, 11, 13, 10, 10, 13, 13, 5, 7, 11, 9, 17, 13, 14,
	11, 14, 11, 10, 10, 13, 12, 18, 11, 10, 10, 6, 8, 6, 10, 10,
	6, 10, 11, 9, 11, 10, 7, 10, 11, 5, 5, 10, 5, 16, 11, 11,
	11, 11, 7, 8, 7, 11, 10, 15, 9, 10, 8, 7, 10, 7, 10 };

/* A character's width, in widths of a digit. */
static double
cp_width(unsigned long c)
{
	if (c >= ' ' && c <= '~')
		return ascii[c - ' '] / 10.0;
	if (c < 0x1100)
		return 1.1;
	if (c == 0x2014 || c == 0x2026)		/* em dash, ellipsis */
		return 2;
	if (c >= 0x2000 && c < 0x2100)
		return 1;
	if (c >= 0x2100 && c < 0x2e80)		/* symbols: ☐ → ± */
		return 1.6;
	if (c >= 0xff61 && c <= 0xffdc)		/* halfwidth forms */
		return 1;
	return 2;
}

/* Whether a line may break on either side of c (CJK ideographs, kana,
 * hangul, fullwidth forms). */
static int
cp_breaks(unsigned long c)
{
	return c >= 0x2e80;
}

double
pl_book_width(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;
	double w = 0, line = 0;
	size_t n;

	while (*p) {
		unsigned long c = next_cp(p, &n);

		p += n;
		if (c == '\n') {
			if (line > w)
				w = line;
			line = 0;
		} else
			line += cp_width(c);
	}
	return line > w ? line : w;
}

int
pl_book_lines(const char *t, double width)
{
	const unsigned char *p = (const unsigned char *)t;
	int lines = 1;
	double cur = 0, space = 0;
	size_t n;

	/* a little narrower than the column: the fonts that print may be
	 * a little wider than the table's */
	width *= 0.95;
	if (width < 1)
		width = 1;
	while (*p) {
		unsigned long c = next_cp(p, &n);
		double w = 0;
		const unsigned char *q;

		if (c == '\n') {
			lines++;
			cur = space = 0;
			p += n;
			continue;
		}
		if (c == ' ') {
			space += cp_width(c);
			p += n;
			continue;
		}
		/* a word: up to a space, a newline or a character that
		 * breaks; such a character is a word of its own */
		q = p;
		if (cp_breaks(c)) {
			w = cp_width(c);
			q += n;
			/* closing punctuation stays with what it follows */
			while (*q) {
				size_t m;
				unsigned long d = next_cp(q, &m);

				if (!(d == 0xff0c || d == 0x3002 || d == 0x3001 ||
				    d == 0xff1b || d == 0xff1a || d == 0xff09 ||
				    d == 0x300d || d == 0x201d || d == ',' ||
				    d == '.' || d == ')' || d == ';' || d == ':'))
					break;
				w += cp_width(d);
				q += m;
			}
		} else
			while (*q) {
				size_t m;
				unsigned long d = next_cp(q, &m);

				if (d == ' ' || d == '\n' || cp_breaks(d))
					break;
				w += cp_width(d);
				q += m;
			}
		p = q;
		if (cur > 0 && cur + space + w <= width)
			cur += space + w;
		else if (cur == 0 && w <= width)
			cur = w;
		else {
			if (cur > 0)
				lines++;
			while (w > width) {	/* a word wider than a line */
				lines++;
				w -= width;
			}
			cur = w;
		}
		space = 0;
	}
	return lines;
}

double
pl_book_height(int lines, double pt, int cjk)
{
	if (pt <= 0)
		pt = 11;
	/* LibreOffice's lines of Latin text (Carlito) are 1.0 of their
	 * size apart, with CJK (WenQuanYi) 1.12, Excel's 1.36 (15 points
	 * for Calibri 11): between the two, with room to spare for
	 * LibreOffice */
	return lines * pt * (cjk ? 1.3 : 1.25) + 2;
}

int
pl_book_utf8(const char *t, size_t n)
{
	const unsigned char *p = (const unsigned char *)t, *end = p + n;

	while (p < end) {
		unsigned long c;
		size_t k, i;

		if (*p < 0x80) {
			p++;
			continue;
		}
		k = *p >= 0xc2 && *p <= 0xdf ? 2 : *p >= 0xe0 && *p <= 0xef ?
		    3 : *p >= 0xf0 && *p <= 0xf4 ? 4 : 0;
		if (k == 0 || (size_t)(end - p) < k)
			return 0;
		c = *p & (0xff >> (k + 1));
		for (i = 1; i < k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		if ((k == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (k == 4 && (c < 0x10000 || c > 0x10ffff)))
			return 0;
		p += k;
	}
	return 1;
}

static int
has_cjk(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;

	for (; *p; p++)
		if (*p >= 0xe2)
			return 1;
	return 0;
}

/* --- the book --------------------------------------------------------- */

struct pl_book *
pl_book_open(const char *path, const struct pl_book_opts *o,
    struct pl_err *e)
{
	lxw_workbook_options wo = { LXW_TRUE, NULL, LXW_FALSE };
	lxw_doc_properties dp;
	struct pl_book *b = calloc(1, sizeof(*b));

	if (b == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	b->opts = *o;
	wo.tmpdir = (char *)o->tmpdir;
	if ((b->wb = workbook_new_opt(path, &wo)) == NULL) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot start the workbook "
		    "'%s'", path);
		free(b);
		return NULL;
	}
	memset(&dp, 0, sizeof(dp));
	dp.title = (char *)o->title;
	dp.author = "poreview";
	/* libxlsxwriter takes 0 for "now": the epoch itself is second 1 */
	dp.created = o->created > 0 ? o->created : 1;
	workbook_set_properties(b->wb, &dp);
	b->wrap = pl_book_format(b);
	return b;
}

lxw_workbook *
pl_book_workbook(struct pl_book *b)
{
	return b->wb;
}

lxw_format *
pl_book_format(struct pl_book *b)
{
	lxw_format *f = workbook_add_format(b->wb);

	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

void
pl_book_name(const struct pl_book *b, const char *name, char buf[32])
{
	const struct pl_book_sheet *sh;
	char base[32];
	size_t len = 0, i;
	int k;

	/* drop what Excel forbids, keep whole UTF-8 characters, 31 bytes */
	for (i = 0; name[i] && len < 31; i++) {
		unsigned char c = (unsigned char)name[i];
		size_t clen = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (strchr("[]:*?/\\'", c) || c < 0x20)
			continue;
		if (len + clen > 31)
			break;
		memcpy(base + len, name + i, clen);
		len += clen;
		i += clen - 1;
	}
	base[len] = '\0';
	if (len == 0 || strcasecmp(base, "History") == 0)
		snprintf(base, sizeof(base), "Sheet");
	snprintf(buf, 32, "%s", base);
	for (k = 2;; k++) {
		char suffix[16];
		size_t keep = strlen(base);

		for (sh = b->sheets; sh; sh = sh->next)
			if (strcasecmp(sh->name, buf) == 0)
				break;
		if (sh == NULL)
			break;
		/* "NAME (k)", cutting NAME on a character boundary */
		snprintf(suffix, sizeof(suffix), " (%d)", k);
		while (keep + strlen(suffix) > 31) {
			keep--;
			while (keep > 0 && ((unsigned char)base[keep] & 0xc0) ==
			    0x80)
				keep--;
		}
		snprintf(buf, 32, "%.*s%s", (int)keep, base, suffix);
	}
}

/* s with '&' doubled (a code in headers and footers), cut to fit n. */
static void
hf_escape(char *dst, size_t n, const char *s)
{
	size_t k = 0;

	for (; *s && k + 3 < n; s++) {
		if (*s == '&')
			dst[k++] = '&';
		dst[k++] = *s;
	}
	/* not in the middle of a character */
	while (k > 0 && ((unsigned char)dst[k - 1] & 0xc0) == 0x80 &&
	    ((unsigned char)*s & 0xc0) == 0x80) {
		k--;
		s--;
	}
	while (k > 0 && (unsigned char)dst[k - 1] >= 0xc0)
		k--;
	dst[k] = '\0';
}

static void
page_setup(struct pl_book_sheet *sh)
{
	struct pl_book *b = sh->b;
	lxw_header_footer_options none = { 0 };
	char book[96], name[96], hf[256];
	const char *en = b->opts.name_en ? b->opts.name_en : "";
	const char *zh = b->opts.name_zh ? b->opts.name_zh : en;
	const char *page;

	worksheet_set_paper(sh->ws, 9);				/* A4 */
	if (sh->pg.landscape)
		worksheet_set_landscape(sh->ws);
	else
		worksheet_set_portrait(sh->ws);
	worksheet_fit_to_pages(sh->ws, 1, 0);			/* one wide */
	worksheet_set_margins(sh->ws, 0.4, 0.4, 0.6, 0.6);
	/* each sheet counts its pages from 1 (LibreOffice's &N would count
	 * the whole workbook's, so it is not used) */
	worksheet_set_start_page(sh->ws, 1);
	if (b->opts.lang == PL_LANG_BOTH) {
		char both[192];

		snprintf(both, sizeof(both), "%s / %s", en, zh);
		hf_escape(book, sizeof(book), both);
		page = "Page &P / 第 &P 页";
	} else {
		hf_escape(book, sizeof(book), b->opts.lang == PL_LANG_ZH ? zh :
		    en);
		page = b->opts.lang == PL_LANG_ZH ? "第 &P 页" : "Page &P";
	}
	hf_escape(name, sizeof(name), sh->pg.name ? sh->pg.name : sh->name);
	snprintf(hf, sizeof(hf), "&L%s&R%s", book, name);
	ok(b, worksheet_set_header_opt(sh->ws, hf, &none), "the page header");
	snprintf(hf, sizeof(hf), "&L%s&R%s", name, page);
	ok(b, worksheet_set_footer_opt(sh->ws, hf, &none), "the page footer");
	if (sh->pg.repeat > 0)
		ok(b, worksheet_repeat_rows(sh->ws, 0,
		    (lxw_row_t)(sh->pg.repeat - 1)), "the rows to repeat");
}

struct pl_book_sheet *
pl_book_sheet(struct pl_book *b, const char *want,
    const struct pl_book_page *pg, const struct pl_book_col *cols, int ncol)
{
	struct pl_book_sheet *sh = calloc(1, sizeof(*sh));
	int i;

	if (sh == NULL || (sh->cols = calloc((size_t)ncol + 1,
	    sizeof(*sh->cols))) == NULL || (sh->seen = calloc(2 *
	    ((size_t)ncol + 1), sizeof(*sh->seen))) == NULL) {
		if (sh)
			free(sh->cols);
		free(sh);
		ok(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "a new sheet");
		return NULL;
	}
	sh->need = sh->seen + ncol + 1;
	sh->b = b;
	sh->pg = *pg;
	sh->ncol = ncol;
	sh->hide1 = sh->hide2 = -1;
	memcpy(sh->cols, cols, (size_t)ncol * sizeof(*cols));
	pl_book_name(b, want, sh->name);
	if ((sh->ws = workbook_add_worksheet(b->wb, sh->name)) == NULL) {
		free(sh->cols);
		free(sh->seen);
		free(sh);
		ok(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "a new sheet");
		return NULL;
	}
	for (i = 0; i < ncol; i++)
		if (sh->cols[i].width < 1)
			sh->cols[i].width = 1;
	if (b->last)
		b->last->next = sh;
	else
		b->sheets = sh;
	b->last = sh;
	page_setup(sh);
	return sh;
}

void
pl_book_after(struct pl_book_sheet *sh, struct pl_book_sheet *prev)
{
	if (sh == NULL || prev == NULL || sh == prev || sh->after != NULL)
		return;
	while (prev->after != NULL)	/* one level: a part follows the first */
		prev = prev->after;
	sh->after = prev;
	if (prev->kids_last)
		prev->kids_last->sibling = sh;
	else
		prev->kids = sh;
	prev->kids_last = sh;
}

const char *
pl_book_sheet_name(const struct pl_book_sheet *sh)
{
	return sh->name;
}

lxw_worksheet *
pl_book_ws(struct pl_book_sheet *sh)
{
	return sh->ws;
}

void
pl_book_hide(struct pl_book_sheet *sh, int c1, int c2)
{
	sh->hide1 = c1;
	sh->hide2 = c2;
}

static int
hidden(const struct pl_book_sheet *sh, int col)
{
	return col >= sh->hide1 && col <= sh->hide2;
}

int
pl_book_row(const struct pl_book_sheet *sh)
{
	return sh->row;
}

/* The width text wraps at over columns c1..c2. */
static double
span(const struct pl_book_sheet *sh, int c1, int c2)
{
	double w = 0;
	int i;

	for (i = c1; i <= c2; i++)
		w += i < sh->ncol ? sh->cols[i].width : 8.43;
	/* merged: the columns' margins are text too */
	return w + (c2 - c1) * (MARGIN + 0.5);
}

/* What a cell of text t in format f over columns c1..c2 asks of its row
 * and columns. */
static void
measure(struct pl_book_sheet *sh, int c1, int c2, const char *t,
    lxw_format *f)
{
	double pt = f && f->font_size > 0 ? f->font_size : 11;
	double w = span(sh, c1, c2), h;
	int wrap = f == NULL || f->text_wrap, lines;
	const char *p;

	sh->used = 1;
	if (c1 == c2 && hidden(sh, c1))
		return;
	/* a font bigger than 11 points takes wider characters too */
	if (wrap)
		lines = pl_book_lines(t, w * 11 / pt);
	else
		for (lines = 1, p = t; *p; p++)
			lines += *p == '\n';
	h = pl_book_height(lines, pt, has_cjk(t));
	if ((lines > 1 || pt > 11 || h > DEFAULT_HEIGHT + 3) &&
	    h > sh->height)
		sh->height = h;
	if (c1 == c2 && c1 < sh->ncol && !sh->cols[c1].fixed &&
	    sh->row >= sh->pg.repeat + sh->repeat_first) {
		double lw = pl_book_width(t) * pt / 11;

		if (lw > sh->seen[c1])
			sh->seen[c1] = lw;
	} else if (c1 == c2 && c1 < sh->ncol && !sh->cols[c1].fixed) {
		/* a header: no wider than the column, but not narrower
		 * than the lines it was given */
		double n = 1;

		while (n < w && pl_book_lines(t, n) > lines)
			n++;
		if (n > sh->seen[c1])
			sh->seen[c1] = n;
	}
}

/* Text as UTF-8: bytes that are not become U+FFFD (counted).  Returns
 * t, or a copy in *fix the caller frees. */
static const char *
mend(struct pl_book *b, const char *t, char **fix)
{
	size_t n = strlen(t), i, k = 0;
	char *d;

	*fix = NULL;
	if (pl_book_utf8(t, n))
		return t;
	b->badtext++;
	if ((d = malloc(3 * n + 1)) == NULL)
		return "";
	for (i = 0; i < n;) {
		size_t m = 1;

		while (m <= 4 && i + m <= n && !pl_book_utf8(t + i, m))
			m++;
		if (m <= 4 && i + m <= n) {
			memcpy(d + k, t + i, m);
			k += m;
			i += m;
		} else {
			memcpy(d + k, "\xef\xbf\xbd", 3);
			k += 3;
			i++;
		}
	}
	d[k] = '\0';
	*fix = d;
	return d;
}

int
pl_book_text(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f)
{
	char *fix;
	int rc;

	if (t == NULL || *t == '\0')
		return 0;
	t = mend(sh->b, t, &fix);
	rc = ok(sh->b, worksheet_write_string(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)col, t, f ? f : sh->b->wrap), "a text cell");
	measure(sh, col, col, t, f ? f : sh->b->wrap);
	free(fix);
	return rc;
}

/* The characters v takes as format f shows it: its decimals, thousands
 * separators, percent sign and quoted suffix (#,##0.00 "SEK"); "%.2f"
 * without a format. */
static double
num_width(double v, const lxw_format *f)
{
	const char *nf = f ? f->num_format : "", *dot, *q, *e;
	char tmp[64];
	int dec = 2, ip;
	double w;

	if (*nf) {
		dec = 0;
		if ((dot = strchr(nf, '.')) != NULL)
			while (dot[1 + dec] == '0')
				dec++;
	}
	if (strchr(nf, '%'))
		v *= 100;
	snprintf(tmp, sizeof(tmp), "%.*f", dec, fabs(v));
	w = (double)strlen(tmp) + (v < 0) + (strchr(nf, '%') != NULL);
	ip = (int)strcspn(tmp, ".");
	if (strstr(nf, "#,##0") && ip > 3)
		w += (ip - 1) / 3;
	if ((q = strchr(nf, '"')) != NULL && (e = strchr(q + 1, '"')) != NULL)
		w += (double)(e - q - 1) + 1;	/* and a space before it */
	return w;
}

int
pl_book_num(struct pl_book_sheet *sh, int col, double v, lxw_format *f)
{
	char tmp[32];

	/* Excel holds finite numbers up to 9.99999999999999E+307; INF or
	 * NAN in a cell makes a file Excel calls corrupt */
	if (!isfinite(v) || fabs(v) > PL_BOOK_MAXNUM) {
		snprintf(tmp, sizeof(tmp), "%g", v);
		if (sh->b->nonnumbers++ == 0)
			snprintf(sh->b->nonnumber, sizeof(sh->b->nonnumber), "%s",
			    tmp);
		return pl_book_text(sh, col, tmp, NULL);
	}
	sh->used = 1;
	/* a number the column is too narrow for prints as ### */
	if (col < sh->ncol && num_width(v, f) + 1 > sh->need[col])
		sh->need[col] = num_width(v, f) + 1;
	return ok(sh->b, worksheet_write_number(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)col, v, f), "a number cell");
}

int
pl_book_number(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f)
{
	char *end;
	double v;

	if (t == NULL || *t == '\0')
		return 0;
	v = strtod(t, &end);
	if (*end == '\0' && end != t && isfinite(v) && fabs(v) <=
	    PL_BOOK_MAXNUM)
		return pl_book_num(sh, col, v, f);
	if (*end == '\0' && end != t && sh->b->nonnumbers++ == 0)
		snprintf(sh->b->nonnumber, sizeof(sh->b->nonnumber), "%s", t);
	return pl_book_text(sh, col, t, NULL);
}

int
pl_book_date(struct pl_book_sheet *sh, int col, const char *t,
    lxw_format *f)
{
	lxw_datetime dt = { 0, 0, 0, 0, 0, 0 };
	int d;
	char buf[11];

	if (t == NULL || *t == '\0')
		return 0;
	if (pl_date_parse(t, &d) < 0)
		return pl_book_text(sh, col, t, NULL);
	pl_date_format(d, buf);
	dt.year = atoi(buf);
	dt.month = atoi(buf + 5);
	dt.day = atoi(buf + 8);
	sh->used = 1;
	if (col < sh->ncol && sh->need[col] < 10)
		sh->need[col] = 10;
	return ok(sh->b, worksheet_write_datetime(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)col, &dt, f), "a date cell");
}

int
pl_book_merge(struct pl_book_sheet *sh, int c1, int c2, const char *t,
    lxw_format *f)
{
	char *fix;
	int rc;

	t = mend(sh->b, t ? t : "", &fix);
	rc = ok(sh->b, worksheet_merge_range(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)c1, (lxw_row_t)sh->row, (lxw_col_t)c2, t,
	    f ? f : sh->b->wrap), "merged cells");
	if (*t)
		measure(sh, c1, c2, t, f ? f : sh->b->wrap);
	free(fix);
	return rc;
}

/* Give the current row its height, when it needs other than one line. */
static int
row_height(struct pl_book_sheet *sh)
{
	int rc = 0;

	if (sh->height > 0)
		rc = ok(sh->b, worksheet_set_row(sh->ws, (lxw_row_t)sh->row,
		    sh->height > 409 ? 409 : sh->height, NULL), "a row height");
	sh->tall += sh->height <= 0 ? DEFAULT_HEIGHT : sh->height > 409 ? 409 :
	    sh->height;
	sh->height = 0;
	sh->used = 0;
	return rc;
}

int
pl_book_box(struct pl_book_sheet *sh, int c1, int c2, int n, lxw_format *f)
{
	int rc;

	row_height(sh);
	rc = ok(sh->b, worksheet_merge_range(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)c1, (lxw_row_t)(sh->row + n - 1), (lxw_col_t)c2, "",
	    f), "a box");
	sh->row += n;
	sh->tall += (n - 1) * DEFAULT_HEIGHT;
	return rc;
}

int
pl_book_blank(struct pl_book_sheet *sh, int c1, int c2, int lines,
    lxw_format *f)
{
	double h = pl_book_height(lines, f && f->font_size > 0 ?
	    f->font_size : 11, 1);

	sh->used = 1;
	if (h > sh->height)
		sh->height = h;
	if (c1 == c2)
		return ok(sh->b, worksheet_write_blank(sh->ws,
		    (lxw_row_t)sh->row, (lxw_col_t)c1, f), "a blank cell");
	return ok(sh->b, worksheet_merge_range(sh->ws, (lxw_row_t)sh->row,
	    (lxw_col_t)c1, (lxw_row_t)sh->row, (lxw_col_t)c2, "", f),
	    "a space to write in");
}

int
pl_book_gap(struct pl_book_sheet *sh, double pt)
{
	int rc;

	sh->height = pt;
	rc = row_height(sh);
	sh->row++;
	return rc;
}

int
pl_book_next(struct pl_book_sheet *sh, int n)
{
	int rc = row_height(sh);

	sh->row += n < 1 ? 1 : n;
	if (n > 1)
		sh->tall += (n - 1) * DEFAULT_HEIGHT;
	return rc;
}

void
pl_book_fit_page(struct pl_book_sheet *sh, double least)
{
	sh->least = least;
}

void
pl_book_repeat_here(struct pl_book_sheet *sh, int n)
{
	sh->repeat_first = sh->row;
	sh->pg.repeat = n;
	ok(sh->b, worksheet_repeat_rows(sh->ws, (lxw_row_t)sh->row,
	    (lxw_row_t)(sh->row + n - 1)), "the rows to repeat");
}

/*
 * A sheet that takes a little more than a page prints on one, scaled
 * down to sh->least at the least (pl_book_fit_page()); a longer one goes
 * on over pages, one page wide.  width: its columns' in points.  The
 * page's room is A4 less the margins page_setup() sets, less the header
 * and footer LibreOffice puts inside them.
 */
static void
fit_page(struct pl_book_sheet *sh, double width)
{
	double room_w = (sh->pg.landscape ? 842 : 595) - 2 * 0.4 * 72;
	double room_h = (sh->pg.landscape ? 595 : 842) - 2 * 0.6 * 72 - 10;
	double tall = sh->tall + (sh->used ? (sh->height > 0 ? sh->height :
	    DEFAULT_HEIGHT) : 0);
	double by_width = width > room_w ? room_w / width : 1;

	if (tall * by_width > room_h && room_h / tall >= sh->least)
		worksheet_fit_to_pages(sh->ws, 1, 1);
}

/* Column widths and the filter, once every row is written. */
static void
sheet_end(struct pl_book_sheet *sh)
{
	double width = 0;	/* of the columns shown, in points */
	int i, last;

	for (i = 0; i < sh->ncol; i++) {
		double w = sh->cols[i].fixed || sh->seen[i] > sh->cols[i].width ?
		    sh->cols[i].width : sh->seen[i];

		if (sh->need[i] > w)
			w = sh->need[i];

		lxw_row_col_options hide = { 1, 0, 0 };

		if (!hidden(sh, i))	/* characters of 7 pixels, 5 more */
			width += ((w * FONT_WIDER + MARGIN) * 7 + 5) * 0.75;

		ok(sh->b, worksheet_set_column_opt(sh->ws, (lxw_col_t)i,
		    (lxw_col_t)i, w * FONT_WIDER + MARGIN, NULL,
		    hidden(sh, i) ? &hide : NULL), "a column width");
	}
	if (sh->least > 0)
		fit_page(sh, width);
	/* over the rows written: constant-memory mode refuses a filter
	 * ending above the last */
	last = sh->used ? sh->row : sh->row - 1;
	if (sh->pg.filter && last > 0)
		ok(sh->b, worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)last,
		    (lxw_col_t)(sh->ncol - 1)), "the autofilter");
}

int
pl_book_warning(const struct pl_book *b, struct pl_err *w)
{
	if (b->nonnumbers > 0)
		pl_err_set(w, PL_EXIT_OK, NULL, 0, "%ld number%s no "
		    "spreadsheet can hold ('%s'%s) written as text",
		    b->nonnumbers, b->nonnumbers == 1 ? "" : "s", b->nonnumber,
		    b->nonnumbers == 1 ? "" : " the first");
	else if (b->badtext > 0)
		pl_err_set(w, PL_EXIT_OK, NULL, 0, "%ld text%s not UTF-8 "
		    "written with U+FFFD for the bytes that were not",
		    b->badtext, b->badtext == 1 ? "" : "s");
	else
		return 0;
	return 1;
}

/*
 * Put the sheets in the book's order (pl_book_after()).  libxlsxwriter
 * writes the sheets in the order of its lists (workbook.h's sheets and
 * worksheets) and names each by its index (sheetId, r:id, the
 * localSheetId of its print titles and filter), all read only by
 * workbook_close(): the lists are rebuilt in the new order and each index
 * set to its place before it runs.  Nothing is moved unless the lists
 * hold exactly the book's sheets, in the order they were made.
 */
static void
reorder(struct pl_book *b)
{
	struct lxw_sheets *list = b->wb->sheets;
	struct pl_book_sheet *sh, *k, **order = NULL;
	lxw_sheet *s, **wrap = NULL;
	size_t n = 0, i, j;
	int moved = 0;

	for (sh = b->sheets; sh; sh = sh->next) {
		n++;
		moved |= sh->after != NULL;
	}
	if (!moved || n != b->wb->num_sheets ||
	    (order = calloc(n, sizeof(*order))) == NULL ||
	    (wrap = calloc(n, sizeof(*wrap))) == NULL)
		goto out;
	i = 0;		/* each sheet's wrapper, by the order it was made */
	for (s = STAILQ_FIRST(list), sh = b->sheets; s && sh;
	    s = STAILQ_NEXT(s, list_pointers), sh = sh->next, i++) {
		if (s->is_chartsheet || s->u.worksheet != sh->ws)
			goto out;
		wrap[i] = s;
		sh->made = i;
	}
	i = 0;
	for (sh = b->sheets; sh; sh = sh->next) {
		if (sh->after != NULL)
			continue;
		order[i++] = sh;
		for (k = sh->kids; k; k = k->sibling)
			order[i++] = k;
	}
	if (i != n)
		goto out;
	STAILQ_INIT(list);
	STAILQ_INIT(b->wb->worksheets);
	for (j = 0; j < n; j++) {
		s = wrap[order[j]->made];
		s->u.worksheet->index = (uint16_t)j;
		STAILQ_INSERT_TAIL(list, s, list_pointers);
		STAILQ_INSERT_TAIL(b->wb->worksheets, s->u.worksheet,
		    list_pointers);
	}
out:
	free(order);
	free(wrap);
}

int
pl_book_close(struct pl_book *b, struct pl_err *e)
{
	struct pl_book_sheet *sh, *next;
	lxw_error rc;
	int status = 0;

	for (sh = b->sheets; sh; sh = sh->next) {
		sheet_end(sh);
		row_height(sh);
	}
	reorder(b);
	rc = workbook_close(b->wb);
	if (b->err != LXW_NO_ERROR)
		status = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write %s: %s",
		    b->where, lxw_strerror(b->err));
	else if (rc != LXW_NO_ERROR)
		status = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write the "
		    "workbook: %s", lxw_strerror(rc));
	for (sh = b->sheets; sh; sh = next) {
		next = sh->next;
		free(sh->cols);
		free(sh->seen);
		free(sh);
	}
	free(b);
	return status;
}
static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
u32(const unsigned char *p)
{
	return (unsigned long)u16(p) | (unsigned long)u16(p + 2) << 16;
}

/* Inflate one entry, checking its CRC-32 and size, and that an XML sheet
 * ends with its closing tag. */
static int
entry_ok(FILE *fp, unsigned long off, unsigned long csize,
    unsigned long usize, unsigned long crc, int method, const char *name)
{
	unsigned char in[65536], out[65536], tail[16] = "";
	unsigned long got = 0, c = crc32(0, NULL, 0), left = csize;
	size_t tl = 0;
	z_stream z;
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (fseek(fp, (long)off, SEEK_SET) != 0 ||
	    (method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK))
		return -1;
	while (left > 0 && rc != Z_STREAM_END) {
		size_t n = left > sizeof(in) ? sizeof(in) : left, k;

		if (fread(in, 1, n, fp) != n)
			break;
		left -= n;
		if (method == 0) {
			c = crc32(c, in, (uInt)n);
			got += n;
			memcpy(out, in, n);
			k = n;
			goto tail;
		}
		z.next_in = in;
		z.avail_in = (uInt)n;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			rc = inflate(&z, Z_NO_FLUSH);
			if (rc != Z_OK && rc != Z_STREAM_END)
				break;
			k = sizeof(out) - z.avail_out;
			c = crc32(c, out, (uInt)k);
			got += k;
			/* keep the last bytes written */
			if (k >= sizeof(tail)) {
				memcpy(tail, out + k - sizeof(tail), sizeof(tail));
				tl = sizeof(tail);
			} else if (k > 0) {
				size_t keep = tl + k > sizeof(tail) ?
				    sizeof(tail) - k : tl;

				memmove(tail, tail + tl - keep, keep);
				memcpy(tail + keep, out, k);
				tl = keep + k;
			}
		} while (z.avail_in > 0 && rc == Z_OK);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		continue;
tail:
		if (k >= sizeof(tail)) {
			memcpy(tail, out + k - sizeof(tail), sizeof(tail));
			tl = sizeof(tail);
		}
	}
	if (method == 8)
		inflateEnd(&z);
	if (got != usize || c != crc || (method == 8 && rc != Z_STREAM_END))
		return -1;
	if (strncmp(name, "xl/worksheets/sheet", 19) == 0) {
		while (tl > 0 && (tail[tl - 1] == '\n' || tail[tl - 1] == ' '))
			tl--;
		if (tl < 12 || memcmp(tail + tl - 12, "</worksheet>", 12) != 0)
			return -1;
	}
	return 0;
}

int
pl_book_verify(const char *path, struct pl_err *e)
{
	FILE *fp = fopen(path, "rb");
	unsigned char buf[65536 + 22], h[64];
	unsigned long size, cdoff, cdsize, n, i, pos;
	long start;
	size_t got;
	char name[256];

	if (fp == NULL)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot read back the "
		    "workbook '%s': %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (start = ftell(fp)) < 22)
		goto bad;
	size = (unsigned long)start;
	start = size > sizeof(buf) ? (long)(size - sizeof(buf)) : 0;
	if (fseek(fp, start, SEEK_SET) != 0 ||
	    (got = fread(buf, 1, sizeof(buf), fp)) < 22)
		goto bad;
	/* the end of central directory record, searched from the end */
	for (i = got - 22;; i--) {
		if (u32(buf + i) == 0x06054b50UL)
			break;
		if (i == 0)
			goto bad;
	}
	n = u16(buf + i + 10);
	cdsize = u32(buf + i + 12);
	cdoff = u32(buf + i + 16);
	if (cdoff + cdsize > size || n == 0)
		goto bad;
	for (pos = cdoff; n > 0; n--) {
		unsigned long csize, usize, crc, loff, nl, xl, cl;
		int method;

		if (fseek(fp, (long)pos, SEEK_SET) != 0 ||
		    fread(h, 1, 46, fp) != 46 || u32(h) != 0x02014b50UL)
			goto bad;
		method = (int)u16(h + 10);
		crc = u32(h + 16);
		csize = u32(h + 20);
		usize = u32(h + 24);
		nl = u16(h + 28);
		xl = u16(h + 30);
		cl = u16(h + 32);
		loff = u32(h + 42);
		if (nl >= sizeof(name) || fread(name, 1, nl, fp) != nl)
			goto bad;
		name[nl] = '\0';
		pos += 46 + nl + xl + cl;
		if (fseek(fp, (long)loff, SEEK_SET) != 0 ||
		    fread(h, 1, 30, fp) != 30 || u32(h) != 0x04034b50UL)
			goto bad;
		loff += 30 + u16(h + 26) + u16(h + 28);
		if (loff + csize > cdoff || (method != 0 && method != 8) ||
		    entry_ok(fp, loff, csize, usize, crc, method, name) < 0)
			goto bad;
	}
	fclose(fp);
	return 0;
bad:
	fclose(fp);
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "the workbook '%s' was not "
	    "written whole (is its folder or the temporary folder full?)", path);
}

char *
pl_book_tmpfile(const char *out, const char *prefix, struct pl_err *e)
{
	char *copy = strdup(out), *dir, *tmp;
	struct stat st;
	mode_t mask;
	int fd = -1;

	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(copy);
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "'%s' exists and is not a "
		    "regular file: refused", out);
		return NULL;
	}
	dir = copy ? dirname(copy) : ".";
	tmp = malloc(strlen(dir) + strlen(prefix) + 16);
	if (copy == NULL || tmp == NULL || (sprintf(tmp, "%s/.%s.XXXXXX", dir,
	    prefix), fd = mkstemp(tmp)) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot create a temporary "
		    "file in '%s': %s", copy ? dir : ".", strerror(errno));
		free(copy);
		free(tmp);
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);	/* as a file made by open() */
	close(fd);
	free(copy);
	return tmp;
}

int
pl_book_rename(const char *tmp, const char *out, struct pl_err *e)
{
	if (rename(tmp, out) < 0) {
		pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot rename it to '%s': %s",
		    out, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
pl_book_commit(const char *tmp, const char *out, struct pl_err *e)
{
	if (pl_book_verify(tmp, e) < 0 || (rename(tmp, out) < 0 &&
	    pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot rename the workbook to "
	    "'%s': %s", out, strerror(errno)) < 0)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}
