#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FW_FIRST 0xFF01		/* full-width "!" */
#define FW_LAST 0xFF5E		/* full-width "~" */
#define FW_SHIFT 0xFEE0		/* full-width form minus its ASCII */
#define MAX_DIGITS 40		/* digits kept for strtod; the rest is noise */

/*
 * One code point at s, its length in *len; -1 (length 1) for a byte that
 * starts no well-formed sequence.  At the terminating NUL: 0, length 1.
 */
static long
u8dec(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	long c, min;
	size_t n, k;

	*len = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 1, c = p[0] & 0x1F, min = 0x80;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 2, c = p[0] & 0x0F, min = 0x800;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 3, c = p[0] & 0x07, min = 0x10000;
	else
		return -1;
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (p[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*len = n + 1;
	return c;
}

static int
is_space(long c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	    c == 0x3000;
}

static int
is_digit(long c)
{
	return c >= '0' && c <= '9';
}

static int
is_ascii_letter(long c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* See value.h: no CJK, so "长度1.8米" has a number. */
static int
is_letter(long c)
{
	if (c < 0x80)
		return is_ascii_letter(c);
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F) ||
	    (c >= 0x1E00 && c <= 0x1EFF);
}

/* The raw code point before offset i (i > 0), or -1 when malformed. */
static long
prev_raw(const char *s, size_t i)
{
	size_t j = i - 1, len;
	long c;

	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	c = u8dec(s + j, &len);
	return j + len == i ? c : -1;
}

/*
 * Step a, applied as the text is read: the code point at s + i as
 * normalised (full-width digits and full stop; a minus sign or en dash
 * before a digit, at the start or after a space, is "-").
 */
static long
ncp(const char *s, size_t i, size_t *len)
{
	long c = u8dec(s + i, len), next;
	size_t nlen;

	if (c >= 0xFF10 && c <= 0xFF19)
		return '0' + (c - 0xFF10);
	if (c == 0xFF0E)
		return '.';
	if (c == 0x2212 || c == 0x2013) {
		next = u8dec(s + i + *len, &nlen);
		if ((is_digit(next) || (next >= 0xFF10 && next <= 0xFF19)) &&
		    (i == 0 || is_space(prev_raw(s, i))))
			return '-';
	}
	return c;
}

/* The normalised code point before offset i, -1 at lo (the start); its
 * offset in *at. */
static long
nprev(const char *s, size_t lo, size_t i, size_t *at)
{
	size_t j, len;
	long c;

	if (i <= lo)
		return -1;
	j = i - 1;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	c = ncp(s, j, &len);
	if (j + len != i) {
		j = i - 1;
		c = -2;		/* a stray byte: no letter, digit or space */
	}
	*at = j;
	return c;
}

static size_t
skip_spaces(const char *s, size_t i)
{
	size_t len;

	while (s[i] && is_space(ncp(s, i, &len)))
		i += len;
	return i;
}

/* If word (UTF-8) is at s + i, the offset after it, else 0. */
static size_t
match_at(const char *s, size_t i, const char *word)
{
	size_t wl, tl;
	long w;

	while (*word) {
		w = u8dec(word, &wl);
		if (s[i] == '\0' || ncp(s, i, &tl) != w)
			return 0;
		word += wl;
		i += tl;
	}
	return i;
}

static const struct unit_word {
	const char *word;
	const char *code;
} unit_words[] = {
	{ "mm", "MMT" }, { "cm", "CMT" }, { "m", "MTR" }, { "km", "KMT" },
	{ "\xC2\xB5m", "4H" }, { "\xCE\xBCm", "4H" }, { "um", "4H" },
	{ "mm\xC2\xB2", "MMK" }, { "mm2", "MMK" }, { "sq mm", "MMK" },
	{ "sqmm", "MMK" }, { "平方毫米", "MMK" }, { "平方", "MMK" },
	{ "in", "INH" }, { "inch", "INH" }, { "\xE2\x80\xB3", "INH" },
	{ "\"", "INH" }, { "ft", "FOT" },
	{ "V", "VLT" }, { "kV", "KVT" }, { "mV", "2Z" },
	{ "A", "AMP" }, { "mA", "4K" }, { "W", "WTT" }, { "kW", "KWT" },
	{ "\xC2\xB0" "C", "CEL" }, { "\xE2\x84\x83", "CEL" }, { "C", "CEL" },
	{ "\xC2\xB0" "F", "FAH" }, { "K", "KEL" },
	{ "g", "GRM" }, { "kg", "KGM" }, { "t", "TNE" }, { "%", "P1" },
	{ "米", "MTR" }, { "毫米", "MMT" }, { "厘米", "CMT" }, { "微米", "4H" },
	{ "伏", "VLT" }, { "安", "AMP" }, { "度", "CEL" }, { "AWG", "AWG" },
	{ "公斤", "KGM" }, { "千克", "KGM" }, { "吨", "TNE" },
};

/*
 * Step e.2 at offset i: the code of the longest unit word there that ends
 * at a non-letter, its end in *end; NULL when none.  direct: i is right
 * after the number, which "C" needs.
 */
static const char *
unit_at(const char *s, size_t i, int direct, size_t *end)
{
	const char *code = NULL;
	size_t k, e, best = 0, len;

	for (k = 0; k < sizeof(unit_words) / sizeof(unit_words[0]); k++) {
		/* no unit word starts with what step a normalises, so a word
		 * whose first byte differs cannot match: the hot path */
		if (s[i] != unit_words[k].word[0])
			continue;
		if (!direct && strcmp(unit_words[k].word, "C") == 0)
			continue;
		e = match_at(s, i, unit_words[k].word);
		if (e == 0 || e <= best || is_letter(ncp(s, e, &len)))
			continue;
		best = e;
		code = unit_words[k].code;
	}
	*end = best;
	return code;
}

/*
 * Read [-+]?[0-9]+([.,][0-9]+)? at s + i with step c's thousands rule.
 * The offset after it, or i when no number starts there.
 */
static size_t
read_number(const char *s, size_t i, double *v)
{
	char a[2 * MAX_DIGITS + 16];
	size_t n = 0, nint = 0, kept = 0, nfrac = 0, j = i, k, len, l2;
	int exp10 = 0, grouped = 0;
	long c, first;

	c = ncp(s, j, &len);
	if (c == '-' || c == '+') {
		if (c == '-')
			a[n++] = '-';
		j += len;
	}
	first = ncp(s, j, &len);
	if (!is_digit(first))
		return i;
	while (is_digit(c = ncp(s, j, &len))) {
		if (kept == 0 && c == '0')
			;		/* a leading zero */
		else if (kept < MAX_DIGITS)
			a[n++] = (char)c, kept++;
		else
			exp10++;
		nint++;
		j += len;
	}
	/* thousands: "1,000"; then maybe "1,000,000" and "1,234.5" */
	while (c == ',' && nint >= 1 && nint <= 3 && first != '0') {
		k = j + 1;
		for (l2 = 0; l2 < 3 && is_digit(ncp(s, k, &len)); l2++)
			k += len;
		if (l2 < 3 || is_digit(ncp(s, k, &len)))
			break;
		for (k = j + 1, l2 = 0; l2 < 3; l2++, k += len) {
			c = ncp(s, k, &len);
			if (kept == 0 && c == '0')
				;
			else if (kept < MAX_DIGITS)
				a[n++] = (char)c, kept++;
			else
				exp10++;
		}
		j = k;
		nint = 3;	/* the group is an integer part of 3 */
		grouped = 1;
		c = ncp(s, j, &len);
	}
	if (kept == 0)
		a[n++] = '0';
	c = ncp(s, j, &len);
	if ((c == '.' || (c == ',' && !grouped)) &&
	    is_digit(ncp(s, j + len, &l2))) {
		a[n++] = '.';
		j += len;
		while (is_digit(c = ncp(s, j, &len))) {
			if (nfrac++ < MAX_DIGITS)
				a[n++] = (char)c;
			j += len;
		}
	}
	snprintf(a + n, sizeof(a) - n, "e%d", exp10);
	*v = strtod(a, NULL);
	return j;
}

/*
 * Step b: the offset where reading starts, after a core-count prefix such
 * as "3G" in "3G1.0 mm2" or "5 x " in "5 x 1.5"; 0 when there is none.
 */
static size_t
core_prefix(const char *s)
{
	size_t i = skip_spaces(s, 0), nd = 0, len;
	long c;

	while (is_digit(ncp(s, i, &len)) && nd < 3)
		i += len, nd++;
	if (nd < 1 || nd > 2)
		return 0;
	i = skip_spaces(s, i);
	c = ncp(s, i, &len);
	if (c != 'G' && c != 'g' && c != 'X' && c != 'x' && c != 0xD7 &&
	    c != '*')
		return 0;
	i = skip_spaces(s, i + len);
	return is_digit(ncp(s, i, &len)) ? i : 0;
}

static int
is_dia_symbol(long c)
{
	return c == 0xD8 || c == 0xF8 || c == 0x3A6 || c == 0x3C6;
}

/*
 * Step c: the first number from offset st, not preceded by a letter or
 * digit except for the symbols and letter prefixes allowed there.  1 with
 * *v and *end set, or 0 when there is none.
 */
static int
first_number(const char *s, size_t st, double *v, size_t *end)
{
	size_t i, len, l2, at, at2;
	long c, p, q;
	int run, magnitude;

	for (i = st; s[i]; i += len) {
		c = ncp(s, i, &len);
		if ((c == '-' || c == '+') && !is_digit(ncp(s, i + len, &l2)))
			continue;
		if (c != '-' && c != '+' && !is_digit(c))
			continue;
		p = nprev(s, st, i, &at);
		magnitude = 0;
		if (p == 0xB1)
			magnitude = 1;
		else if (is_dia_symbol(p))
			;
		else if (p == -1 || (!is_letter(p) && !is_digit(p))) {
			/* "+-0.05" and "+/-0.05" are "±0.05" */
			if (c == '-' && p == '+')
				magnitude = 1;
			else if (c == '-' && p == '/' &&
			    nprev(s, st, at, &at2) == '+')
				magnitude = 1;
		} else if (is_digit(c) && is_ascii_letter(p)) {
			run = 1;
			while ((q = nprev(s, st, at, &at)) != -1 &&
			    is_ascii_letter(q))
				run++;
			if (run > 3 ||
			    (q != -1 && (is_letter(q) || is_digit(q))))
				continue;
		} else
			continue;
		*end = read_number(s, i, v);
		if (magnitude)
			*v = fabs(*v);
		return 1;
	}
	return 0;
}

static const char *const separators[] = {
	"...", "..", "\xE2\x80\xA6", "-", "\xE2\x80\x93", "\xE2\x80\x94", "~",
	"\xEF\xBD\x9E", "to", "至", "到",
};

/*
 * Step d: after the first number (ending at e1), an optional unit word
 * (its code into *u1), a separator and a second number.  1 with *v and
 * *end set for a pair, else 0.
 */
static int
second_number(const char *s, size_t e1, const char **u1, double *v,
    size_t *end)
{
	size_t i = skip_spaces(s, e1), k, e, len, l2;
	long c;

	*u1 = unit_at(s, i, i == e1, &e);
	i = skip_spaces(s, *u1 ? e : e1);
	for (k = 0; k < sizeof(separators) / sizeof(separators[0]); k++)
		if ((e = match_at(s, i, separators[k])) != 0)
			break;
	if (e == 0)
		return 0;
	i = skip_spaces(s, e);
	c = ncp(s, i, &len);
	if (c == '-' || c == '+')
		c = ncp(s, i + len, &l2);
	if (!is_digit(c))
		return 0;
	*end = read_number(s, i, v);
	return 1;
}

/* Step e.1: whether the unit column is a code to take. */
static int
column_unit(const char *code, int (*known)(const char *, void *), void *ctx)
{
	size_t n;

	if (code == NULL || *code == '\0' || strlen(code) >= 8)
		return 0;
	if (known)
		return known(code, ctx) != 0;
	for (n = 0; code[n]; n++)
		if (!(code[n] >= 'A' && code[n] <= 'Z') && !is_digit(code[n]))
			return 0;
	return n <= 3;
}

int
pl_value_read(const char *text, const char *unit_code,
    int (*known_unit)(const char *code, void *ctx), void *ctx,
    struct pl_value *out)
{
	const char *u1 = NULL, *u2;
	size_t st, e1, elast, i, e;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return 0;
	st = core_prefix(text);
	if (!first_number(text, st, &out->v[0], &e1))
		return 0;
	out->n = 1;
	elast = e1;
	if (second_number(text, e1, &u1, &out->v[1], &elast))
		out->n = 2;
	if (column_unit(unit_code, known_unit, ctx)) {
		snprintf(out->unit, sizeof(out->unit), "%s", unit_code);
		return 0;
	}
	i = skip_spaces(text, elast);
	u2 = unit_at(text, i, i == elast, &e);
	if (u2 == NULL && out->n == 2)
		u2 = u1;
	if (u2)
		snprintf(out->unit, sizeof(out->unit), "%s", u2);
	return 0;
}

enum { LENGTH = 1, AREA, VOLTAGE, CURRENT, POWER, MASS, COUNT, TEMP };

static const struct unit_def {
	const char *code;
	int group;
	double factor;		/* to the group's first unit */
} unit_defs[] = {
	{ "MMT", LENGTH, 1 }, { "CMT", LENGTH, 10 }, { "DMT", LENGTH, 100 },
	{ "MTR", LENGTH, 1000 }, { "KMT", LENGTH, 1000000 },
	{ "4H", LENGTH, 0.001 }, { "INH", LENGTH, 25.4 },
	{ "FOT", LENGTH, 304.8 },
	{ "MMK", AREA, 1 }, { "CMK", AREA, 100 }, { "MTK", AREA, 1000000 },
	{ "VLT", VOLTAGE, 1 }, { "2Z", VOLTAGE, 0.001 },
	{ "KVT", VOLTAGE, 1000 },
	{ "AMP", CURRENT, 1 }, { "4K", CURRENT, 0.001 },
	{ "WTT", POWER, 1 }, { "KWT", POWER, 1000 },
	{ "GRM", MASS, 1 }, { "MGM", MASS, 0.001 }, { "KGM", MASS, 1000 },
	{ "TNE", MASS, 1000000 },
	{ "C62", COUNT, 1 }, { "MIL", COUNT, 1000 }, { "EA", COUNT, 1 },
	{ "H87", COUNT, 1 },
	{ "CEL", TEMP, 0 }, { "FAH", TEMP, 0 }, { "KEL", TEMP, 0 },
};

static const struct unit_def *
unit_def(const char *code)
{
	size_t k;

	for (k = 0; k < sizeof(unit_defs) / sizeof(unit_defs[0]); k++)
		if (strcmp(unit_defs[k].code, code) == 0)
			return &unit_defs[k];
	return NULL;
}

int
pl_value_convert(double v, const char *from, const char *to, double *out)
{
	const struct unit_def *a, *b;
	double c;

	if (from == NULL || to == NULL)
		return -1;
	if (strcmp(from, to) == 0) {
		*out = v;
		return 0;
	}
	a = unit_def(from);
	b = unit_def(to);
	if (a == NULL || b == NULL || a->group != b->group)
		return -1;
	if (a->group != TEMP) {
		*out = v * a->factor / b->factor;
		return 0;
	}
	if (strcmp(from, "FAH") == 0)
		c = (v - 32) * 5 / 9;
	else if (strcmp(from, "KEL") == 0)
		c = v - 273.15;
	else
		c = v;
	if (strcmp(to, "FAH") == 0)
		*out = c * 9 / 5 + 32;
	else if (strcmp(to, "KEL") == 0)
		*out = c + 273.15;
	else
		*out = c;
	return 0;
}

static double
slack(double bound)
{
	return 1e-9 * (fabs(bound) > 1 ? fabs(bound) : 1);
}

int
pl_value_in_range(const struct pl_value *val, const char *range_unit,
    const double *min, const double *max, const char **why)
{
	double x[2];
	int k, inside = 1;

	if (why)
		*why = NULL;
	if (val == NULL || val->n < 1 || val->n > 2) {
		if (why)
			*why = "no number in the value";
		return -1;
	}
	for (k = 0; k < val->n; k++) {
		x[k] = val->v[k];
		if (val->unit[0] == '\0' || range_unit == NULL ||
		    range_unit[0] == '\0')
			continue;
		if (pl_value_convert(val->v[k], val->unit, range_unit,
		    &x[k]) < 0) {
			if (why)
				*why = "the value's unit cannot be compared "
				    "with the range's unit";
			return -1;
		}
	}
	for (k = 0; k < val->n; k++) {
		if (min && x[k] < *min - slack(*min))
			inside = 0;
		if (max && x[k] > *max + slack(*max))
			inside = 0;
	}
	return inside;
}

/*
 * FOLDING, one character: the folded bytes of the character at s into
 * out (none for white space); the length of the character.
 */
static size_t
fold_char(const char *s, char out[4], size_t *nout)
{
	size_t len;
	long c = u8dec(s, &len);

	if (is_space(c)) {
		*nout = 0;
		return len;
	}
	if (c >= FW_FIRST && c <= FW_LAST)
		c -= FW_SHIFT;
	if (c >= 0 && c < 0x80) {
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		*nout = 1;
		return len;
	}
	memcpy(out, s, len);
	*nout = len;
	return len;
}

int
pl_fold(const char *s, struct pl_buf *out)
{
	char f[4];
	size_t nf;

	if (s == NULL)
		return 0;
	/* folding never lengthens: one allocation, all or nothing */
	if (pl_buf_grow(out, strlen(s)) < 0)
		return -1;
	while (*s) {
		s += fold_char(s, f, &nf);
		pl_buf_add(out, f, nf);
	}
	return 0;
}

struct fold_cursor {
	const char *s;
	char f[4];
	size_t nf, i;
};

/* The next folded byte, or -1 at the end. */
static int
fold_next(struct fold_cursor *c)
{
	while (c->i == c->nf) {
		if (*c->s == '\0')
			return -1;
		c->s += fold_char(c->s, c->f, &c->nf);
		c->i = 0;
	}
	return (unsigned char)c->f[c->i++];
}

int
pl_fold_equal(const char *a, const char *b)
{
	struct fold_cursor x = { a ? a : "", { 0 }, 0, 0 };
	struct fold_cursor y = { b ? b : "", { 0 }, 0, 0 };
	int ca, cb;

	do {
		ca = fold_next(&x);
		cb = fold_next(&y);
		if (ca != cb)
			return 0;
	} while (ca != -1);
	return 1;
}
