/* Folding, and reading property values as numbers with units (the
 * FOLDING and READING A NUMERIC VALUE sections of schemas/catalog.xsd). */
#include <math.h>
#include <stdlib.h>

#include "value.h"
#include "test.h"

static const char *units_tsv = "schemas/units.tsv";

/* The codes of schemas/units.tsv, for step e.1. */
struct codes {
	char code[200][8];
	int n;
};

static struct codes units;

static int
load_codes(struct codes *c, const char *path)
{
	char line[256];
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return -1;
	c->n = 0;
	while (fgets(line, sizeof(line), fp) && c->n < 200) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\t\n")] = '\0';
		if (strlen(line) < sizeof(c->code[0]))
			memcpy(c->code[c->n++], line, strlen(line) + 1);
	}
	fclose(fp);
	return 0;
}

static int
known(const char *code, void *ctx)
{
	const struct codes *c = ctx;
	int i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->code[i], code) == 0)
			return 1;
	return 0;
}

static int
near(double x, double y)
{
	return fabs(x - y) <= 1e-9 * (fabs(y) > 1 ? fabs(y) : 1);
}

#define CHECK_DBL(a, b) do { double a_ = (a), b_ = (b); \
	if (!near(a_, b_)) { printf("# %s:%d: %s is %.17g, expected %.17g\n", \
	__FILE__, __LINE__, #a, a_, b_); test_fn_failed = 1; } } while (0)

/* text (unit column col) reads as n numbers a, b in unit. */
static void
reads(int line, const char *text, const char *col, int n, double a,
    double b, const char *unit)
{
	struct pl_value v;

	memset(&v, 0x55, sizeof(v));
	if (pl_value_read(text, col, known, &units, &v) != 0 || v.n != n ||
	    (n >= 1 && !near(v.v[0], a)) || (n == 2 && !near(v.v[1], b)) ||
	    strcmp(v.unit, unit) != 0) {
		printf("# %s:%d: '%s' [%s] read as %d: %.17g %.17g '%s', "
		    "expected %d: %g %g '%s'\n", __FILE__, line, text,
		    col ? col : "(null)", v.n, v.v[0], v.v[1], v.unit, n, a,
		    b, unit);
		test_fn_failed = 1;
	}
}

#define NONE(t)			reads(__LINE__, t, "", 0, 0, 0, "")
#define ONE(t, a, u)		reads(__LINE__, t, "", 1, a, 0, u)
#define PAIR(t, a, b, u)	reads(__LINE__, t, "", 2, a, b, u)
#define ONE_C(t, c, a, u)	reads(__LINE__, t, c, 1, a, 0, u)
#define PAIR_C(t, c, a, b, u)	reads(__LINE__, t, c, 2, a, b, u)

static const char *
folded(const char *s)
{
	static struct pl_buf b;

	pl_buf_release(&b);
	if (pl_fold(s, &b) < 0)
		return NULL;
	return b.s;
}

static void
test_fold(void)
{
	struct pl_buf b;

	CHECK_STR(folded("Overall length"), "overalllength");
	CHECK(pl_fold_equal("Overall length", "overall  length"));
	CHECK(pl_fold_equal("5A", "5 A"));
	CHECK(pl_fold_equal("长度", "长度"));
	CHECK(!pl_fold_equal("长度", "长 度x"));
	CHECK(pl_fold_equal("长度", " 长\u3000度 "));
	CHECK(!pl_fold_equal("Length", "Lengths"));
	CHECK(!pl_fold_equal("Length", "Lengt"));
	/* white space: ASCII space, TAB, LF, CR, NBSP, ideographic space */
	CHECK_STR(folded(" a\tb\nc\rd\u00A0e\u3000f "), "abcdef");
	/* other spaces are not in the list: an em space stays */
	CHECK_STR(folded("a\u2003b"), "a\u2003b");
	/* full-width forms U+FF01..U+FF5E to ASCII, then lower case */
	CHECK_STR(folded("\uFF29\uFF30\uFF16\uFF15"), "ip65");	/* ＩＰ６５ */
	CHECK_STR(folded("\uFF01\uFF5E\uFF0E\uFF0C"), "!~.,");
	CHECK(pl_fold_equal("\uFF29\uFF30\u3000\uFF16\uFF15", "IP 65"));
	CHECK(pl_fold_equal("H05VV-F", "h05vv-f"));
	/* outside the range: U+FF5F, U+FF00 and ideographic full stop stay */
	CHECK_STR(folded("\uFF5F\u3002"), "\uFF5F\u3002");
	/* non-ASCII letters keep their case; Chinese compares exactly */
	CHECK_STR(folded("ÄÖ Ø"), "ÄÖØ");
	CHECK(!pl_fold_equal("Ä", "ä"));
	/* malformed UTF-8 passes through byte for byte */
	CHECK_STR(folded("a\xFF \xC3"), "a\xFF\xC3");
	CHECK(pl_fold_equal("\xE4\xB8 x", "\xE4\xB8X"));
	CHECK_STR(folded(""), "");
	CHECK_STR(folded(NULL), "");
	CHECK(pl_fold_equal(NULL, ""));
	CHECK(pl_fold_equal(" \t", ""));
	CHECK(!pl_fold_equal("a", ""));
	/* pl_fold appends */
	pl_buf_init(&b);
	pl_buf_adds(&b, "x:");
	CHECK(pl_fold(" Rated  Voltage ", &b) == 0);
	CHECK_STR(b.s, "x:ratedvoltage");
	CHECK_INT(b.len, 14);
	pl_buf_release(&b);
	folded(NULL);
}

/* Every example the documentation gives, in its order. */
static void
test_doc_examples(void)
{
	/* b: core-count prefixes */
	ONE("3G1.0 mm2", 1.0, "MMK");
	ONE("3x0.75", 0.75, "");
	ONE("5 x 1.5", 1.5, "");
	ONE("6.3 x 0.8 mm", 6.3, "");
	ONE("200 x 150 x 100 mm", 200, "");
	/* c: symbols, letter prefixes, commas */
	ONE("±0.01 mm", 0.01, "MMT");
	ONE("Ø8 mm", 8, "MMT");
	ONE("M4", 4, "");
	ONE("Ra0.4", 0.4, "");
	ONE("IP65", 65, "");
	ONE("HRC58", 58, "");
	ONE("3G1,5", 1.5, "");
	ONE("1,000 mm", 1000, "MMT");
	/* d: pairs */
	PAIR("0.5 - 1.5 mm2", 0.5, 1.5, "MMK");
	PAIR("-40 ... +105 °C", -40, 105, "CEL");
	PAIR("500–650 mm", 500, 650, "MMT");
	PAIR("HRC58-62", 58, 62, "");
	ONE("6061-T6", 6061, "");
	ONE("300/500 V", 300, "");
	/* e.2: every unit word */
	ONE("5 mm", 5, "MMT");
	ONE("5 cm", 5, "CMT");
	ONE("5 m", 5, "MTR");
	ONE("5 km", 5, "KMT");
	ONE("5 µm", 5, "4H");		/* U+00B5 micro sign */
	ONE("5 μm", 5, "4H");		/* U+03BC Greek mu */
	ONE("5 um", 5, "4H");
	ONE("5 mm²", 5, "MMK");
	ONE("5 mm2", 5, "MMK");
	ONE("5 sq mm", 5, "MMK");
	ONE("5 sqmm", 5, "MMK");
	ONE("5 平方毫米", 5, "MMK");
	ONE("5 平方", 5, "MMK");
	ONE("5 in", 5, "INH");
	ONE("5 inch", 5, "INH");
	ONE("5″", 5, "INH");		/* U+2033 */
	ONE("5\"", 5, "INH");
	ONE("5 ft", 5, "FOT");
	ONE("5 V", 5, "VLT");
	ONE("5 kV", 5, "KVT");
	ONE("5 mV", 5, "2Z");
	ONE("5 A", 5, "AMP");
	ONE("5 mA", 5, "4K");
	ONE("5 W", 5, "WTT");
	ONE("5 kW", 5, "KWT");
	ONE("5 °C", 5, "CEL");
	ONE("5 ℃", 5, "CEL");
	ONE("5C", 5, "CEL");
	ONE("5 °F", 5, "FAH");
	ONE("5 K", 5, "KEL");
	ONE("5 g", 5, "GRM");
	ONE("5 kg", 5, "KGM");
	ONE("5 t", 5, "TNE");
	ONE("5 %", 5, "P1");
	ONE("5米", 5, "MTR");
	ONE("5毫米", 5, "MMT");
	ONE("5厘米", 5, "CMT");
	ONE("5微米", 5, "4H");
	ONE("5伏", 5, "VLT");
	ONE("5安", 5, "AMP");
	ONE("5度", 5, "CEL");
	ONE("18 AWG", 18, "AWG");
	/* e.1: the unit column wins when it is a code */
	ONE_C("1.8 m", "MTR", 1.8, "MTR");
	ONE_C("Gold 0.2 µm over nickel", "4H", 0.2, "4H");
	ONE_C("300/500 V", "VLT", 300, "VLT");
	ONE_C("12", "MMT", 12, "MMT");
}

static void
test_empty(void)
{
	struct pl_value v;

	NONE("");
	NONE("   ");
	NONE(" \t\n\r\u00A0\u3000");
	NONE("Black anodised");
	NONE("mm");			/* only a unit */
	NONE("°C");
	NONE(" 米 ");
	reads(__LINE__, "mm", "MMT", 0, 0, 0, "");	/* no number: no unit */
	reads(__LINE__, NULL, "MMT", 0, 0, 0, "");
	NONE("-");
	NONE("+");
	NONE("±");
	NONE(".");
	NONE("ABCD1");			/* a prefix of 4 letters */
	NONE("Brass CuZn37");
	NONE("é5");			/* after a non-ASCII letter */
	memset(&v, 1, sizeof(v));
	CHECK(pl_value_read("nothing here", NULL, NULL, NULL, &v) == 0);
	CHECK_INT(v.n, 0);
	CHECK_STR(v.unit, "");
}

static void
test_signs(void)
{
	ONE("-5 °C", -5, "CEL");
	ONE("+105", 105, "");
	ONE("+105 °C", 105, "CEL");
	ONE("-0.5", -0.5, "");
	ONE("Temperature -25 °C", -25, "CEL");
	ONE("\u221240 °C", -40, "CEL");		/* minus sign */
	ONE("\u201340 °C", -40, "CEL");		/* en dash at the start */
	ONE("min. \u221240 °C", -40, "CEL");	/* after a space */
	ONE("x\u221240", 40, "");		/* not after a space */
	ONE("\u2212 40", 40, "");		/* not before a digit */
	/* a sign right after a letter or digit starts no number */
	ONE("EN AW-6061-T6", 6061, "");
	ONE("AB-3", 3, "");
	/* tolerances: the magnitude */
	ONE("±0.01 mm", 0.01, "MMT");
	ONE("±5 mm", 5, "MMT");
	ONE("± 0.1 mm", 0.1, "MMT");
	ONE("+/-0.05 mm", 0.05, "MMT");
	ONE("+-0.05 mm", 0.05, "MMT");
	ONE("ø6", 6, "");
	ONE("Φ10 mm", 10, "MMT");
	ONE("φ10", 10, "");
}

static void
test_pairs(void)
{
	PAIR("0.5 - 1.5 mm²", 0.5, 1.5, "MMK");
	PAIR("1.5 - 0.5 mm²", 1.5, 0.5, "MMK");	/* kept in order */
	PAIR("105 ... -40 °C", 105, -40, "CEL");
	PAIR("-40 - -20 °C", -40, -20, "CEL");
	PAIR("10-20", 10, 20, "");
	PAIR("10 .. 20", 10, 20, "");
	PAIR("10…20 mm", 10, 20, "MMT");
	PAIR("10 — 20 mm", 10, 20, "MMT");
	PAIR("10 – 20 mm", 10, 20, "MMT");
	PAIR("500 –650 mm", 500, 650, "MMT");	/* en dash made "-" */
	PAIR("10~20 V", 10, 20, "VLT");
	PAIR("10 ～ 20 V", 10, 20, "VLT");
	PAIR("10 to 20 V", 10, 20, "VLT");
	PAIR("10至20米", 10, 20, "MTR");
	PAIR("10 到 20 伏", 10, 20, "VLT");
	PAIR("-40 to +105 °C", -40, 105, "CEL");
	/* a unit word may sit after the first number */
	PAIR("0.5 mm - 1.5 mm", 0.5, 1.5, "MMT");
	PAIR("0.5 mm² - 1.5", 0.5, 1.5, "MMK");	/* the first one's unit */
	PAIR("1 m - 1500 mm", 1, 1500, "MMT");	/* the last one wins */
	PAIR("1,000-2,000 mm", 1000, 2000, "MMT");
	PAIR("1,5-2,5 mm²", 1.5, 2.5, "MMK");
	PAIR_C("0.5-1.5 mm²", "MMK", 0.5, 1.5, "MMK");
	/* not pairs: the second number has a letter or symbol prefix */
	ONE("6061-T6", 6061, "");
	ONE("58-HRC62", 58, "");
	ONE("5 - Ø8", 5, "");
	ONE("5 - mm", 5, "");
	ONE("10 tons", 10, "");
	ONE("1.5 x 2.5", 1.5, "");
	ONE("300/500 V", 300, "");
}

static void
test_numbers(void)
{
	ONE("1,000 mm", 1000, "MMT");
	ONE("1,000", 1000, "");
	ONE("1,000,000 mm", 1000000, "MMT");
	ONE("12,345.5 mm", 12345.5, "MMT");
	ONE("0,500 mm", 0.5, "MMT");	/* integer part 0: decimal */
	ONE("1234,567", 1234.567, "");	/* integer part of 4 digits */
	ONE("1,0001", 1.0001, "");	/* four digits: decimal */
	ONE("1,00 mm", 1, "MMT");
	ONE("3G1,5", 1.5, "");
	ONE("1,5 mm²", 1.5, "MMK");
	ONE("1.", 1, "");
	ONE("007", 7, "");
	ONE("0.000001", 0.000001, "");
	ONE("123456789012345678901234567890123456789012345678901234567890",
	    1.2345678901234568e59, "");
	ONE("Stainless steel 316, 1.5 mm", 316, "");
	/* full-width digits and full stop (step a) */
	ONE("\uFF11\uFF0E\uFF18 m", 1.8, "MTR");	/* １．８ m */
	ONE("\uFF11\uFF12 mm", 12, "MMT");
	ONE("\uFF13G\uFF11\uFF0E\uFF15 mm²", 1.5, "MMK");
	ONE("\uFF11\uFF12\uFF4D\uFF4D", 12, "");	/* full-width letters */
	ONE("\uFF11\uFF0C\uFF15", 1, "");	/* full-width comma: no */
	/* core-count prefixes */
	ONE("3×0.75 mm²", 0.75, "MMK");
	ONE("3 G 1.5", 1.5, "");
	ONE("12g1.5", 1.5, "");
	ONE("4*2.5 mm2", 2.5, "MMK");
	ONE("  3x0.75", 0.75, "");
	ONE("3G", 3, "");
	ONE("123x5", 123, "");		/* 3 digits: no prefix */
	ONE("3.5x2", 3.5, "");
	/* letter prefixes */
	ONE("Ra0.4", 0.4, "");
	ONE("磨削 Ra0.4", 0.4, "");
	ONE("Ra 0.8 µm", 0.8, "4H");
	PAIR("UL94 V-0", 94, 0, "VLT");	/* as the steps read it */
	ONE("H07RN-F", 7, "");
	ONE("2HRC58", 2, "");
	/* Chinese text needs no space before a number */
	ONE("长度1.8米", 1.8, "MTR");
	ONE("100米/卷", 100, "MTR");
	ONE("截面积1.5平方", 1.5, "MMK");
}

static void
test_unit_words(void)
{
	ONE("1.8m", 1.8, "MTR");
	ONE("1.8 m", 1.8, "MTR");
	ONE("1.8\u00A0m", 1.8, "MTR");
	ONE("1.8\u3000m", 1.8, "MTR");
	/* the longest word wins */
	ONE("5 mm²", 5, "MMK");
	ONE("5 mm", 5, "MMT");
	ONE("5 m", 5, "MTR");
	ONE("5mm2", 5, "MMK");
	ONE("5 平方毫米", 5, "MMK");
	ONE("5 毫米", 5, "MMT");
	ONE("5 inch", 5, "INH");
	ONE("5 kV", 5, "KVT");
	/* a word must end at a non-letter */
	ONE("5 mmx", 5, "");
	ONE("5 meters", 5, "");
	ONE("5 inches", 5, "");
	ONE("5 Amps", 5, "");
	ONE("5 m coil", 5, "MTR");
	ONE("5 m, coiled", 5, "MTR");
	ONE("5 m2", 5, "MTR");		/* "m2" is no word: m then 2 */
	ONE("5 mm²/m", 5, "MMK");
	ONE("10安培", 10, "AMP");	/* 培 is no letter */
	/* degrees */
	ONE("105 °C", 105, "CEL");
	ONE("105°C", 105, "CEL");
	ONE("105 ℃", 105, "CEL");
	ONE("105℃", 105, "CEL");
	ONE("105C", 105, "CEL");
	ONE("105 C", 105, "");		/* "C" only right after the number */
	ONE("105 CE", 105, "");
	ONE("70 °F", 70, "FAH");
	/* case as listed */
	ONE("5 MM", 5, "");
	ONE("10 KV", 10, "");		/* "K" is followed by a letter */
	/* the unit column */
	ONE_C("5 mm", "MTR", 5, "MTR");
	ONE_C("5 mm", "PCS", 5, "MMT");		/* not a Rec 20 code */
	ONE_C("5 mm", "mmt", 5, "MMT");
	ONE_C("8536.90", "HS", 8536.9, "");
	ONE_C("26121600", "UNSPSC", 26121600, "");
	ONE_C("5000", "C62", 5000, "C62");
	ONE_C("5 pcs", "EA", 5, "EA");
}

static void
test_unit_column(void)
{
	struct pl_value v;

	/* no known_unit: any 1-3 uppercase letters or digits */
	CHECK(pl_value_read("5 mm", "HS", NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "HS");
	CHECK(pl_value_read("5 mm", "4H", NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "4H");
	CHECK(pl_value_read("5 mm", "UNSPSC", NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "MMT");
	CHECK(pl_value_read("5 mm", "Mtr", NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "MMT");
	CHECK(pl_value_read("5 mm", NULL, NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "MMT");
	CHECK(pl_value_read("5 mm", "", NULL, NULL, &v) == 0);
	CHECK_STR(v.unit, "MMT");
	CHECK_INT(v.n, 1);
	CHECK_DBL(v.v[0], 5);
}

static void
test_convert(void)
{
	struct pl_value v;
	double x = -1;

	pl_value_read("1.8 m", NULL, known, &units, &v);
	CHECK(pl_value_convert(v.v[0], v.unit, "MMT", &x) == 0);
	CHECK_DBL(x, 1800);
	pl_value_read("12 m", NULL, known, &units, &v);
	CHECK(pl_value_convert(v.v[0], v.unit, "MMT", &x) == 0);
	CHECK_DBL(x, 12000);
	pl_value_read("70 °F", NULL, known, &units, &v);
	CHECK(pl_value_convert(v.v[0], v.unit, "CEL", &x) == 0);
	CHECK(fabs(x - 21.11) < 0.005);
	CHECK_DBL(x, 190.0 / 9);
	pl_value_read("2 kV", NULL, known, &units, &v);
	CHECK(pl_value_convert(v.v[0], v.unit, "VLT", &x) == 0);
	CHECK_DBL(x, 2000);

	CHECK(pl_value_convert(1800, "MMT", "MTR", &x) == 0);
	CHECK_DBL(x, 1.8);
	CHECK(pl_value_convert(5, "CMT", "MMT", &x) == 0);
	CHECK_DBL(x, 50);
	CHECK(pl_value_convert(3, "DMT", "CMT", &x) == 0);
	CHECK_DBL(x, 30);
	CHECK(pl_value_convert(1, "KMT", "MTR", &x) == 0);
	CHECK_DBL(x, 1000);
	CHECK(pl_value_convert(250, "4H", "MMT", &x) == 0);
	CHECK_DBL(x, 0.25);
	CHECK(pl_value_convert(1, "INH", "MMT", &x) == 0);
	CHECK_DBL(x, 25.4);
	CHECK(pl_value_convert(1, "FOT", "INH", &x) == 0);
	CHECK_DBL(x, 12);
	CHECK(pl_value_convert(1, "MTK", "MMK", &x) == 0);
	CHECK_DBL(x, 1000000);
	CHECK(pl_value_convert(1.5, "CMK", "MMK", &x) == 0);
	CHECK_DBL(x, 150);
	CHECK(pl_value_convert(500, "2Z", "VLT", &x) == 0);
	CHECK_DBL(x, 0.5);
	CHECK(pl_value_convert(250, "4K", "AMP", &x) == 0);
	CHECK_DBL(x, 0.25);
	CHECK(pl_value_convert(1.5, "KWT", "WTT", &x) == 0);
	CHECK_DBL(x, 1500);
	CHECK(pl_value_convert(2, "TNE", "KGM", &x) == 0);
	CHECK_DBL(x, 2000);
	CHECK(pl_value_convert(500, "MGM", "GRM", &x) == 0);
	CHECK_DBL(x, 0.5);
	CHECK(pl_value_convert(3, "MIL", "C62", &x) == 0);
	CHECK_DBL(x, 3000);
	CHECK(pl_value_convert(7, "EA", "H87", &x) == 0);
	CHECK_DBL(x, 7);
	CHECK(pl_value_convert(7, "EA", "MIL", &x) == 0);
	CHECK_DBL(x, 0.007);
	/* temperature */
	CHECK(pl_value_convert(212, "FAH", "CEL", &x) == 0);
	CHECK_DBL(x, 100);
	CHECK(pl_value_convert(-40, "CEL", "FAH", &x) == 0);
	CHECK_DBL(x, -40);
	CHECK(pl_value_convert(300, "KEL", "CEL", &x) == 0);
	CHECK_DBL(x, 26.85);
	CHECK(pl_value_convert(0, "CEL", "KEL", &x) == 0);
	CHECK_DBL(x, 273.15);
	CHECK(pl_value_convert(273.15, "KEL", "FAH", &x) == 0);
	CHECK_DBL(x, 32);
	/* the same code: identity, known or not */
	CHECK(pl_value_convert(22, "AWG", "AWG", &x) == 0);
	CHECK_DBL(x, 22);
	CHECK(pl_value_convert(5, "P1", "P1", &x) == 0);
	CHECK_DBL(x, 5);
	CHECK(pl_value_convert(-3.5, "MMT", "MMT", &x) == 0);
	CHECK_DBL(x, -3.5);
	/* different groups, unknown codes: -1, *out untouched */
	x = 42;
	CHECK(pl_value_convert(300, "VLT", "MMT", &x) == -1);
	CHECK(pl_value_convert(1, "MMK", "MMT", &x) == -1);
	CHECK(pl_value_convert(1, "MTR", "MTK", &x) == -1);
	CHECK(pl_value_convert(1, "CEL", "VLT", &x) == -1);
	CHECK(pl_value_convert(18, "AWG", "MMK", &x) == -1);
	CHECK(pl_value_convert(5, "P1", "C62", &x) == -1);
	CHECK(pl_value_convert(1, "XYZ", "MMT", &x) == -1);
	CHECK(pl_value_convert(1, "MMT", "", &x) == -1);
	CHECK(pl_value_convert(1, NULL, "MMT", &x) == -1);
	CHECK(pl_value_convert(1, "mmt", "MMT", &x) == -1);
	CHECK_DBL(x, 42);
}

/* text [col] against [min, max] in unit: 1, 0 or -1 */
static int
in(const char *text, const char *col, const char *unit, const double *min,
    const double *max, const char **why)
{
	struct pl_value v;

	pl_value_read(text, col, known, &units, &v);
	return pl_value_in_range(&v, unit, min, max, why);
}

static void
test_in_range(void)
{
	const double lo1 = 1.0, hi5 = 5.0, lo1440 = 1440, hi1460 = 1460;
	const double lo05 = 0.5, hi15 = 1.5, lo075 = 0.75, hi10 = 1.0;
	const double lo25 = -25, hi105 = 105, lo40 = -40, hi250 = 250;
	const double lo1100 = 1100, hi1100 = 1100, hi21_2 = 21.2;
	const double hi21 = 21, lo65 = 65;
	const char *why = "x";

	CHECK_INT(in("1.8 m", NULL, "MTR", &lo1, &hi5, &why), 1);
	CHECK(why == NULL);
	CHECK_INT(in("1.8 m", NULL, "MMT", &lo1440, &hi1460, &why), 0);
	CHECK(why == NULL);
	CHECK_INT(in("1450 mm", NULL, "MMT", &lo1440, &hi1460, NULL), 1);
	CHECK_INT(in("1.45 m", NULL, "MMT", &lo1440, &hi1460, NULL), 1);
	CHECK_INT(in("145 cm", NULL, "MMT", &lo1440, &hi1460, NULL), 1);
	CHECK_INT(in("1.1 m", NULL, "MMT", &lo1100, &hi1100, NULL), 1);
	CHECK_INT(in("1100.01 mm", NULL, "MMT", &lo1100, &hi1100, NULL), 0);
	CHECK_INT(in("1450", NULL, "MMT", &lo1440, &hi1460, NULL), 1);
	CHECK_INT(in("1.45", NULL, "MMT", &lo1440, &hi1460, NULL), 0);
	/* a pair: both numbers, either order */
	CHECK_INT(in("0.5 - 1.5 mm²", NULL, "MMK", &lo05, &hi15, NULL), 1);
	CHECK_INT(in("1.5 - 0.5 mm²", NULL, "MMK", &lo05, &hi15, NULL), 1);
	CHECK_INT(in("0.5 - 1.5 mm²", NULL, "MMK", &lo075, &hi10, NULL), 0);
	CHECK_INT(in("-40 ... +105 °C", "CEL", "CEL", &lo25, &hi105, NULL),
	    0);
	CHECK_INT(in("-40 ... +105 °C", "CEL", "CEL", &lo40, &hi105, NULL),
	    1);
	/* bounds: NULL is unbounded */
	CHECK_INT(in("IP65", NULL, "", &lo65, NULL, NULL), 1);
	CHECK_INT(in("IP54", NULL, NULL, &lo65, NULL, NULL), 0);
	CHECK_INT(in("-1e9", NULL, NULL, NULL, NULL, NULL), 1);
	CHECK_INT(in("300 V", "VLT", "VLT", NULL, &hi250, NULL), 0);
	CHECK_INT(in("250 V", "VLT", "VLT", NULL, &hi250, NULL), 1);
	CHECK_INT(in("0.25 kV", NULL, "VLT", NULL, &hi250, NULL), 1);
	CHECK_INT(in("70 °F", NULL, "CEL", NULL, &hi21_2, NULL), 1);
	CHECK_INT(in("70 °F", NULL, "CEL", NULL, &hi21, NULL), 0);
	/* a plain-number range takes the number as it is */
	CHECK_INT(in("5000", "C62", NULL, NULL, &hi250, NULL), 0);
	CHECK_INT(in("5 mm", NULL, "", &lo1, &hi5, NULL), 1);
	/* cannot tell */
	why = NULL;
	CHECK_INT(in("Black", NULL, "MMT", &lo1, &hi5, &why), -1);
	CHECK_STR(why, "no number in the value");
	CHECK_INT(in("", NULL, "MMT", &lo1, &hi5, &why), -1);
	CHECK_STR(why, "no number in the value");
	CHECK_INT(in("300 V", "VLT", "MMT", &lo1, &hi5, &why), -1);
	CHECK_STR(why, "the value's unit cannot be compared with the "
	    "range's unit");
	CHECK_INT(in("18 AWG", NULL, "MMK", &lo05, &hi15, &why), -1);
	CHECK_INT(in("1.5 m", NULL, "MTK", &lo05, &hi15, &why), -1);
	CHECK_INT(in("5 mm", NULL, "XYZ", &lo05, &hi15, &why), -1);
	CHECK_INT(in("5 mm", NULL, "XYZ", &lo05, &hi15, NULL), -1);
	CHECK_INT(pl_value_in_range(NULL, "MMT", NULL, NULL, &why), -1);
	CHECK_STR(why, "no number in the value");
}

/*
 * The property values the sample orders carry (bin/po-parse
 * samples/orders/..., prop records: value and unit column), with what a
 * person reading the order takes them to mean.
 */
static void
test_samples_measures(void)
{
	PAIR_C("-40 ... +105 °C", "CEL", -40, 105, "CEL");
	ONE_C("0.33 mm²", "MMK", 0.33, "MMK");
	PAIR("0.5 - 1.0 mm²", 0.5, 1.0, "MMK");
	PAIR("0.5 - 1.5 mm²", 0.5, 1.5, "MMK");
	ONE("0.5 mm²", 0.5, "MMK");
	ONE_C("0.5 mm²", "MMK", 0.5, "MMK");
	PAIR("0.5-1.5 mm²", 0.5, 1.5, "MMK");
	ONE("0.75 mm²", 0.75, "MMK");
	ONE_C("0.75 mm²", "MMK", 0.75, "MMK");
	ONE_C("1.0 mm", "MMT", 1.0, "MMT");
	ONE_C("1.0 mm²", "MMK", 1.0, "MMK");
	ONE_C("1.2 mm", "MMT", 1.2, "MMT");
	PAIR("1.5 - 2.5 mm²", 1.5, 2.5, "MMK");
	ONE_C("1.5 m", "MTR", 1.5, "MTR");
	PAIR("1.5-2.5 mm²", 1.5, 2.5, "MMK");
	ONE("1.8 m", 1.8, "MTR");
	ONE_C("1.8 m", "MTR", 1.8, "MTR");
	ONE_C("10 A", "AMP", 10, "AMP");
	ONE("100 m coil", 100, "MTR");
	ONE_C("100 m coil", "MTR", 100, "MTR");
	ONE("100 mm", 100, "MMT");
	ONE_C("100米/卷", "MTR", 100, "MTR");
	ONE_C("105 °C", "CEL", 105, "CEL");
	ONE_C("12 m", "MTR", 12, "MTR");
	ONE("12 mm", 12, "MMT");
	ONE_C("12 mm", "MMT", 12, "MMT");
	ONE_C("120 mm", "MMT", 120, "MMT");
	ONE_C("125 V", "VLT", 125, "VLT");
	ONE_C("13 A", "AMP", 13, "AMP");
	ONE("1450 mm", 1450, "MMT");
	ONE_C("1450 mm", "MMT", 1450, "MMT");
	ONE_C("15 mm", "MMT", 15, "MMT");
	ONE_C("150 mm", "MMT", 150, "MMT");
	ONE_C("16 mm", "MMT", 16, "MMT");
	ONE_C("2.0 m", "MTR", 2.0, "MTR");
	ONE_C("2.5 m", "MTR", 2.5, "MTR");
	ONE("2.5 mm", 2.5, "MMT");
	ONE_C("2.5 mm", "MMT", 2.5, "MMT");
	ONE_C("200 mm", "MMT", 200, "MMT");
	ONE_C("200 °C", "CEL", 200, "CEL");
	ONE_C("250 V", "VLT", 250, "VLT");
	ONE_C("250 mm", "MMT", 250, "MMT");
	ONE("300 V", 300, "VLT");
	ONE_C("300 V", "VLT", 300, "VLT");
	ONE_C("300 mm", "MMT", 300, "MMT");
	ONE("380 mm", 380, "MMT");
	ONE("3G0.75 mm²", 0.75, "MMK");
	ONE_C("3G0.75 mm²", "MMK", 0.75, "MMK");
	ONE("3G1.0 mm²", 1.0, "MMK");
	ONE_C("3G1.0 mm²", "MMK", 1.0, "MMK");
	ONE_C("3G1.25 mm²", "MMK", 1.25, "MMK");
	ONE_C("3G1.5 mm²", "MMK", 1.5, "MMK");
	ONE_C("3×0.75 mm²", "MMK", 0.75, "MMK");
	PAIR("4 - 6 mm²", 4, 6, "MMK");
	ONE_C("4 A", "AMP", 4, "AMP");
	ONE_C("450 mm", "MMT", 450, "MMT");
	ONE_C("5 A", "AMP", 5, "AMP");
	ONE_C("500 m drum", "MTR", 500, "MTR");
	ONE("500 mm", 500, "MMT");
	ONE_C("500 mm", "MMT", 500, "MMT");
	ONE_C("5000", "C62", 5000, "C62");
	ONE_C("650 mm", "MMT", 650, "MMT");
	ONE("8 mm", 8, "MMT");
	ONE_C("8 mm", "MMT", 8, "MMT");
	ONE_C("80 mm", "MMT", 80, "MMT");
	ONE_C("80 °C", "CEL", 80, "CEL");
	ONE_C("850 mm", "MMT", 850, "MMT");
	ONE_C("900 mm", "MMT", 900, "MMT");
	ONE_C("Gold 0.2 µm over nickel", "4H", 0.2, "4H");
	ONE("Ground Ra 0.2 µm", 0.2, "4H");
	ONE("Ground Ra 0.4 µm", 0.4, "4H");
	ONE_C("Hard anodised 25 µm", "4H", 25, "4H");
	PAIR("HRC58-62", 58, 62, "");
	ONE("IP65", 65, "");
	ONE("IP66", 66, "");
	ONE("IP67", 67, "");
	ONE("M4", 4, "");
	ONE("Mild steel 1.2 mm", 1.2, "MMT");
	ONE("Mild steel 1.5 mm", 1.5, "MMT");
	ONE("PVC 105 °C", 105, "CEL");
	ONE("Panel mount, M16 thread", 16, "");
	ONE("SJT 18 AWG/3", 18, "AWG");
	ONE("SPCC 1.2 mm", 1.2, "MMT");
	ONE("SPCC steel 1.2 mm", 1.2, "MMT");
	ONE("SPCC steel 1.2 mm, front panel aluminium 4 mm", 1.2, "MMT");
	ONE("Steel, hardened 60 HRC", 60, "");
	ONE("±0.001 mm", 0.001, "MMT");
	ONE_C("±0.001 mm", "MMT", 0.001, "MMT");
	ONE("±0.01 mm", 0.01, "MMT");
	ONE_C("±0.01 mm", "MMT", 0.01, "MMT");
	ONE_C("±0.02 mm", "MMT", 0.02, "MMT");
	ONE_C("±5 mm", "MMT", 5, "MMT");
	ONE_C("Ø12 mm", "MMT", 12, "MMT");
	ONE_C("Ø3 mm", "MMT", 3, "MMT");
	ONE_C("Ø60 mm", "MMT", 60, "MMT");
	ONE_C("Ø8 mm", "MMT", 8, "MMT");
	ONE("磨削 Ra0.4", 0.4, "");
	/* pattern specs read these; as numbers they are their first one */
	ONE("200 x 150 x 100 mm", 200, "");
	ONE("300 x 200 x 150 mm", 300, "");
	ONE_C("300/500 V", "VLT", 300, "VLT");
	ONE_C("450/750 V", "VLT", 450, "VLT");
	ONE_C("4.8 x 0.5 mm", "MMT", 4.8, "MMT");
	ONE("6.3 x 0.8 mm", 6.3, "");
	ONE_C("6.3 x 0.8 mm", "MMT", 6.3, "MMT");
	ONE_C("6.3×0.8 mm", "MMT", 6.3, "MMT");
	/* a reader sees 22 AWG; the steps take "UL" as a letter prefix and
	 * read the wire style 1007 (the catalog checks Wire by pattern) */
	ONE("UL1007 22 AWG", 1007, "");
	ONE("UL1007 22AWG", 1007, "");
	/* fit classes, not lengths: the steps read the grade */
	ONE("h6", 6, "");
	ONE("h7", 7, "");
	ONE("m6", 6, "");
}

/*
 * Sample values that are names, grades and drawing numbers: a reader finds
 * no measurement in them, and the catalog tests them with values or
 * pattern specs.  The steps still read whatever number comes first; this
 * pins that down so a change to the reading shows here.
 */
static void
test_samples_names(void)
{
	const char *none[] = { "A", "Black", "Black anodised", "Black oxide",
		"Brass", "Brass CuZn37", "CCC", "Clear anodised",
		"Consigned by buyer", "Copper",
		"Female, straight, field-wireable", "Front clear anodised",
		"Galvanised steel", "Gold", "Grey",
		"Male, right-angle, field-wireable", "Mild steel",
		"Mounting plate, galvanised", "Natural", "Natural white",
		"PVC, blue", "PVC, red", "PVC, yellow", "Powder coat",
		"Powder coat, textured", "SPCC steel", "Silicone rubber",
		"Steel, hardened", "Tin", "White",
		"schwarz/blau/grün-gelb (black/blue/green-yellow)",
		"本色阳极氧化", "白色", "硅橡胶", "紫铜", "红/黑/黄绿", "镀硬铬",
		"镀锡", "黑色", "MECH-MACHINED", "MECH-STAMPED" };
	size_t i;

	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		reads(__LINE__, none[i], "", 0, 0, 0, "");
	ONE_C("26121600", "UNSPSC", 26121600, "");
	ONE_C("26121636", "UNSPSC", 26121636, "");
	ONE_C("39121300", "UNSPSC", 39121300, "");
	ONE_C("39121400", "UNSPSC", 39121400, "");
	ONE_C("8536.90", "HS", 8536.90, "");
	ONE_C("8544.42", "HS", 8544.42, "");
	reads(__LINE__, "MECH-MACHINED", "custom", 0, 0, 0, "");
	ONE("6061-T6", 6061, "");
	ONE("EN AW-6061-T6", 6061, "");
	ONE("EN AW-7075-T6", 7075, "");
	ONE("AISI 304", 304, "");
	ONE("AISI 416 stainless", 416, "");
	ONE("SS304", 304, "");
	ONE("SUS304", 304, "");
	ONE("SKD11", 11, "");
	ONE("GCr15 淬火", 15, "");
	ONE("PA66", 66, "");
	ONE("PA66 UL94 V-0", 66, "");
	ONE("Spring steel 65Mn", 65, "");
	ONE("Stainless steel 316, 1.5 mm", 316, "");
	ONE("Brass C36000", 36000, "");
	ONE("Brass CW614N", 614, "");
	ONE("黄铜 H65", 65, "");
	PAIR("黄铜 HPb59-1", 59, 1, "");
	ONE("H05RR-F", 5, "");
	ONE("H05VV-F", 5, "");
	ONE("H07RN-F", 7, "");
	PAIR("UL94 V-0", 94, 0, "VLT");
	ONE("RAL 7035", 7035, "");
	ONE("RAL 9005", 9005, "");
	ONE("RAL 9005 black", 9005, "");
	ONE("RAL 9016", 9016, "");
	ONE("AS/NZS 3112", 3112, "");
	ONE("CEE 7/7", 7, "");
	PAIR("NEMA 5-15P", 5, 15, "");
	ONE("GB 2099 三极 10A", 2099, "");
	ONE("Brushed No. 4", 4, "");
	PAIR("AIA-7721-03 rev D", 7721, 3, "");
	ONE("EDN-WH-118 rev C", 118, "");
	ONE("MMS-10442 rev B", 10442, "");
	ONE("PSL-ENC-0871 issue 3", 871, "");
	ONE("VDB-H-5520 rev A", 5520, "");
	ONE("JY-AX-3301 A2", 3301, "AMP");	/* " A" then "2" */
	ONE("KRD-WH-0219 B", 219, "");
	PAIR("Molex 39-01-2040 housings, 39-00-0039 terminals", 39, 1, "");
	ONE("连接器 XHP-2、端子 SXH-001T-P0.6", 2, "");
}

int
main(int argc, char **argv)
{
	(void)argc, (void)argv;
	test_name = "value";
	if (load_codes(&units, units_tsv) < 0 || units.n < 50)
		printf("# cannot read '%s'\n", units_tsv), test_failed = 1;
	RUN(test_fold);
	RUN(test_doc_examples);
	RUN(test_empty);
	RUN(test_signs);
	RUN(test_pairs);
	RUN(test_numbers);
	RUN(test_unit_words);
	RUN(test_unit_column);
	RUN(test_convert);
	RUN(test_in_range);
	RUN(test_samples_measures);
	RUN(test_samples_names);
	return test_done();
}
