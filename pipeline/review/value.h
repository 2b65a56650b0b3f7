/*
 * value.h: folding property names and values, and reading a property value
 * ("1.8 m", "3G1.0 mm²", "±0.01 mm", "-40 ... +105 °C") as a number or a
 * pair of numbers with a UN/ECE Rec 20 unit, converted to a spec's unit.
 *
 * This is the C side of the sections FOLDING and READING A NUMERIC VALUE
 * (steps a to f) of the documentation at the top of schemas/catalog.xsd;
 * that text is the specification and these functions follow it step by
 * step.  All text is UTF-8; nothing here depends on the locale (numbers
 * are read digit by digit and handed to strtod() only as an ASCII copy with
 * '.' as the separator).  Malformed UTF-8 is tolerated: a stray byte is a
 * character of its own that is no digit, letter, space or unit word.
 * Nothing is kept between calls; pointer parameters are borrowed.
 *
 * Where the specification leaves a choice open, these are the choices made
 * (what a person reading the order would take the text to mean):
 *   - "Space" in the reading steps is any white space of FOLDING: ASCII
 *     space, TAB, LF, CR, U+00A0 and U+3000.
 *   - "Letter" (a number must not follow one; a unit word must not be
 *     followed by one) is an ASCII letter or a letter of the Latin-1,
 *     Latin Extended, Greek or Cyrillic blocks.  Chinese characters are not
 *     letters, since Chinese writes numbers straight after words: "长度1.8米"
 *     reads 1.8 m.
 *   - A letter prefix (step c) is the whole run of ASCII letters before the
 *     digits; it must be 1 to 3 letters long and stand at the start of the
 *     text or after a character that is no letter or digit ("HRC58" reads
 *     58, "CuZn37" has no number).  A sign directly after a letter or digit
 *     starts no number: "EN AW-6061-T6" reads 6061, not -6061.
 *   - "+/-" and "+-" directly before a number are read as "±" (magnitude):
 *     "+/-0.05 mm" reads 0.05.
 *   - Thousands groups (step c) may repeat and may be followed by a
 *     decimal point: "1,000,000" reads 1000000 and "1,234.5" reads 1234.5.
 *     "An integer part other than 0" is one whose first digit is not 0.
 *   - Only what step a names is normalised: full-width digits and U+FF0E.
 *     Full-width letters are not unit words ("１２ｍｍ" reads 12, no unit).
 *   - Unit words are matched with their case as listed ("MM" and "KV" are
 *     not unit words); "sq mm" has exactly one ASCII space.  "C" is a unit
 *     word only with no space between it and the number ("80C"); the other
 *     words may follow spaces.  Among the words that match and end at a
 *     non-letter the longest wins.
 *   - The unit of a pair is the word after its second number, else the
 *     word after its first ("0.5 mm² - 1.5" is in MMK).
 *   - A pair keeps the order of the text: v[0] is the first number written.
 *   - When no number is found, unit stays "" whatever the unit column says.
 *   - pl_value_in_range() counts a number within 1e-9 (relative, at least
 *     1e-9 absolute) of a bound as on the bound, so that a conversion's
 *     rounding ("1.1 m" in MMT) never turns an equal value into a finding.
 */
#ifndef PL_VALUE_H
#define PL_VALUE_H

#include "buf.h"

/*
 * FOLDING: append to out the folded form of s: every white-space character
 * (space, TAB, LF, CR, U+00A0, U+3000) removed, full-width forms U+FF01 to
 * U+FF5E mapped to ASCII, ASCII letters lowered; every other byte copied.
 * s NULL is "".  0, or -1 when memory runs out (out is left as it was).
 */
int pl_fold(const char *s, struct pl_buf *out);

/* Whether a and b are equal after folding (1 or 0), without allocating.
 * NULL is "". */
int pl_fold_equal(const char *a, const char *b);

/* A value read from text: n numbers (0, 1, or 2 for a pair such as
 * "0.5 - 1.5"), and the Rec 20 code of their unit, "" when none was found
 * (then the numbers are meant in the unit of whatever they are compared
 * with). */
struct pl_value {
	int n;
	double v[2];
	char unit[8];
};

/*
 * Read text as in READING A NUMERIC VALUE, steps a to e.  unit_code is the
 * prop record's unit column (may be NULL or ""): step e.1 takes it when
 * known_unit(unit_code, ctx) returns non-zero, or, when known_unit is
 * NULL, when it is 1 to 3 uppercase ASCII letters or digits; a code of 8
 * bytes or more is never taken.  Otherwise the unit is the unit word after
 * the number (e.2), else "" (e.3).  text NULL is "".  Always returns 0 with
 * *out filled; out->n is 0 when the text holds no number.
 */
int pl_value_read(const char *text, const char *unit_code,
    int (*known_unit)(const char *code, void *ctx), void *ctx,
    struct pl_value *out);

/*
 * Step f: convert v from unit code from to unit code to into *out.  The
 * same code converts to itself whatever it is (AWG to AWG, P1 to P1).
 * Groups: length MMT CMT DMT MTR KMT 4H INH FOT; area MMK CMK MTK; voltage
 * VLT 2Z KVT; current AMP 4K; power WTT KWT; mass GRM MGM KGM TNE; counting
 * C62 MIL EA H87 (EA and H87 are C62); temperature CEL FAH KEL.  0, or -1
 * (*out untouched) when a code is unknown or the two are of different
 * groups.
 */
int pl_value_convert(double v, const char *from, const char *to,
    double *out);

/*
 * The RANGE test: whether every number of val lies in [*min, *max] once
 * converted from val->unit to range_unit.  A number is used as it is when
 * val->unit is "" (step e.3) or when range_unit is NULL or "" (a range of
 * plain numbers).  min or max NULL: unbounded on that side.  Returns 1
 * inside, 0 outside, -1 when it cannot tell: no number, or units that do
 * not convert.  *why (when why is not NULL) is NULL for 1 and 0, and for
 * -1 a string constant, lowercase, without the codes (nothing here could
 * keep a formatted message): "no number in the value" or "the value's unit
 * cannot be compared with the range's unit"; the caller quotes val->unit
 * and range_unit itself ("unit 'VLT' cannot be compared with 'MMT'").
 */
int pl_value_in_range(const struct pl_value *val, const char *range_unit,
    const double *min, const double *max, const char **why);

#endif
