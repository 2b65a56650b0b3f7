/*
 * rec.h: the record stream, the contract between poreview's filters.
 *
 * One record a line, fields separated by TAB, UTF-8 only.  Inside a field
 * only backslash, TAB, LF and CR are escaped (as \\ \t \n \r); an empty
 * field means "not stated".  Field 1 is the record kind, field 2 its key.
 * A line starting with '#' is a comment and passes through filters; the
 * comment "#poreview-records 1" opens a stream.  schemas/records.md states
 * the columns of every kind; the tables below are the same columns in C,
 * and tests/unit/test_rec.c checks the two agree.
 *
 * Column lists are X-macros, so the enum of column positions and the
 * column names cannot drift apart: PL_ORDER_number is the position of the
 * "number" column of an order record, PL_ORDER__N its field count.
 */
#ifndef PL_REC_H
#define PL_REC_H

#include <stdio.h>

#include "buf.h"
#include "err.h"

#define PL_REC_VERSION 1
#define PL_REC_HEADER "#poreview-records 1"

#define PL_COLS_order(X) X(order, kind) X(order, key) X(order, docid) \
	X(order, source) X(order, standard) X(order, doctype) X(order, seq) \
	X(order, number) X(order, issue_date) X(order, issue_time) \
	X(order, type_code) X(order, customization) X(order, profile) \
	X(order, buyer_id) X(order, buyer_scheme) X(order, buyer_name) \
	X(order, buyer_country) X(order, buyer_ref) X(order, seller_id) \
	X(order, seller_name) X(order, seller_country) X(order, currency) \
	X(order, delivery_from) X(order, delivery_to) \
	X(order, delivery_party) X(order, delivery_address) \
	X(order, delivery_country) X(order, incoterm) \
	X(order, incoterm_place) X(order, payment_terms) \
	X(order, payment_means) X(order, contract) X(order, quotation) \
	X(order, total) X(order, lines) X(order, checksum) X(order, length)

#define PL_COLS_line(X) X(line, kind) X(line, key) X(line, docid) \
	X(line, pos) X(line, id) X(line, quantity) X(line, unit) \
	X(line, price) X(line, base_qty) X(line, amount) X(line, currency) \
	X(line, item_name) X(line, description) X(line, seller_item) \
	X(line, buyer_item) X(line, std_item) X(line, std_scheme) \
	X(line, delivery_from) X(line, delivery_to) \
	X(line, delivery_address) X(line, delivery_country) X(line, action)

#define PL_COLS_prop(X) X(prop, kind) X(prop, key) X(prop, docid) \
	X(prop, pos) X(prop, name) X(prop, value) X(prop, unit)

#define PL_COLS_note(X) X(note, kind) X(note, key) X(note, docid) \
	X(note, pos) X(note, subject) X(note, lang) X(note, text)

#define PL_COLS_doc(X) X(doc, kind) X(doc, key) X(doc, docid) \
	X(doc, pos) X(doc, ref) X(doc, type) X(doc, filename) X(doc, mime) \
	X(doc, size) X(doc, checksum) X(doc, uri) X(doc, sha256) X(doc, stored)

#define PL_COLS_run(X) X(run, kind) X(run, key) X(run, version) \
	X(run, today) X(run, catalog) X(run, catalog_checksum) \
	X(run, catalog_length) X(run, rules) X(run, rules_checksum) \
	X(run, rules_length) X(run, ledger)

#define PL_COLS_finding(X) X(finding, kind) X(finding, key) \
	X(finding, docid) X(finding, pos) X(finding, code) \
	X(finding, severity) X(finding, department) X(finding, confirm) \
	X(finding, field) X(finding, en) X(finding, zh)

#define PL_COLS_custprop(X) X(custprop, kind) X(custprop, key) \
	X(custprop, docid) X(custprop, pos) X(custprop, type) \
	X(custprop, description) X(custprop, quantity) X(custprop, unit) \
	X(custprop, source)

#define PL_COLS_verdict(X) X(verdict, kind) X(verdict, key) \
	X(verdict, docid) X(verdict, verdict) X(verdict, departments) \
	X(verdict, confirm) X(verdict, gm) X(verdict, amount) \
	X(verdict, currency) X(verdict, info) X(verdict, review) \
	X(verdict, reject) X(verdict, ask_en) X(verdict, ask_zh)

#define PL_COLS_load(X) X(load, kind) X(load, key) X(load, docid) \
	X(load, pos) X(load, sku) X(load, week) X(load, quantity)

#define PL_COLS_change(X) X(change, kind) X(change, key) X(change, docid) \
	X(change, pos) X(change, line) X(change, field) X(change, before) \
	X(change, after) X(change, departments)

#define PL_COLS_kept(X) X(kept, kind) X(kept, key) X(kept, docid) \
	X(kept, field) X(kept, value)

#define PL_COLS_capacity(X) X(capacity, kind) X(capacity, key) \
	X(capacity, sku) X(capacity, week) X(capacity, demand) \
	X(capacity, committed) X(capacity, capacity) X(capacity, tentative)

/* po-check --map: a part, and what the reduce adds to each document */
#define PL_COLS_mappart(X) X(mappart, kind) X(mappart, key) X(mappart, of) \
	X(mappart, version) X(mappart, today) X(mappart, catalog_checksum) \
	X(mappart, catalog_length) X(mappart, rules_checksum) \
	X(mappart, rules_length)

#define PL_COLS_mapcap(X) X(mapcap, kind) X(mapcap, key) \
	X(mapcap, capacity)

#define PL_COLS_mapend(X) X(mapend, kind) X(mapend, key) \
	X(mapend, documents) X(mapend, records) X(mapend, checksum) \
	X(mapend, length) X(mapend, status) X(mapend, catalog_checksum) \
	X(mapend, rules_checksum) X(mapend, loads)

#define PL_COLS_mapdoc(X) X(mapdoc, kind) X(mapdoc, key) X(mapdoc, docid) \
	X(mapdoc, bytes) X(mapdoc, lines) X(mapdoc, records) \
	X(mapdoc, review_bytes) X(mapdoc, review_records) \
	X(mapdoc, loads_at) X(mapdoc, loads_bytes) X(mapdoc, loads_records)

#define PL_COLS_mapseen(X) X(mapseen, kind) X(mapseen, key) \
	X(mapseen, docid)

#define PL_COLS_mapline(X) X(mapline, kind) X(mapline, key) \
	X(mapline, docid) X(mapline, pos) X(mapline, sku) X(mapline, week) \
	X(mapline, quantity) X(mapline, row)

#define PL_COLS_mapload(X) X(mapload, kind) X(mapload, key) \
	X(mapload, sku) X(mapload, week) X(mapload, quantity) \
	X(mapload, lines) X(mapload, whole)

#define PL_COLS_mapverdict(X) X(mapverdict, kind) X(mapverdict, key) \
	X(mapverdict, docid) X(mapverdict, amount) X(mapverdict, info) \
	X(mapverdict, review) X(mapverdict, reject) \
	X(mapverdict, departments) X(mapverdict, confirm) \
	X(mapverdict, incomplete) X(mapverdict, ask_en) X(mapverdict, ask_zh)

/* po-signoff: the signed review workbook read back */
#define PL_COLS_signoff(X) X(signoff, kind) X(signoff, key) \
	X(signoff, docid) X(signoff, finding) X(signoff, department) \
	X(signoff, reviewer) X(signoff, decision) X(signoff, date) \
	X(signoff, comment) X(signoff, file) X(signoff, sha256)

#define PL_COLS_decision(X) X(decision, kind) X(decision, key) \
	X(decision, docid) X(decision, decision) X(decision, departments) \
	X(decision, pending) X(decision, findings) X(decision, decided)

/* csat-sum --partial: a survey's aggregates, to be merged elsewhere */
#define PL_COLS_csatcomment(X) X(csatcomment, kind) X(csatcomment, key) \
	X(csatcomment, date) X(csatcomment, respondent) \
	X(csatcomment, question) X(csatcomment, lowest) X(csatcomment, text)

#define PL_COLS_csatinvited(X) X(csatinvited, kind) X(csatinvited, key) \
	X(csatinvited, from) X(csatinvited, to) X(csatinvited, responses)

#define PL_COLS_csatcell(X) X(csatcell, kind) X(csatcell, key) \
	X(csatcell, month) X(csatcell, measure) X(csatcell, dimension) \
	X(csatcell, n) X(csatcell, sum) X(csatcell, sumsq) X(csatcell, top2) \
	X(csatcell, promoters) X(csatcell, detractors)

#define PL_COLS_csatpart(X) X(csatpart, kind) X(csatpart, key) \
	X(csatpart, survey_checksum) X(csatpart, survey_length) \
	X(csatpart, files) X(csatpart, rejected) X(csatpart, bad) \
	X(csatpart, skipped) X(csatpart, repeats)

#define PL_REC_ENUM(k, c) PL_##k##_##c,
enum { PL_COLS_order(PL_REC_ENUM) PL_order__N };
enum { PL_COLS_line(PL_REC_ENUM) PL_line__N };
enum { PL_COLS_prop(PL_REC_ENUM) PL_prop__N };
enum { PL_COLS_note(PL_REC_ENUM) PL_note__N };
enum { PL_COLS_doc(PL_REC_ENUM) PL_doc__N };
enum { PL_COLS_run(PL_REC_ENUM) PL_run__N };
enum { PL_COLS_finding(PL_REC_ENUM) PL_finding__N };
enum { PL_COLS_custprop(PL_REC_ENUM) PL_custprop__N };
enum { PL_COLS_verdict(PL_REC_ENUM) PL_verdict__N };
enum { PL_COLS_load(PL_REC_ENUM) PL_load__N };
enum { PL_COLS_capacity(PL_REC_ENUM) PL_capacity__N };
enum { PL_COLS_change(PL_REC_ENUM) PL_change__N };
enum { PL_COLS_kept(PL_REC_ENUM) PL_kept__N };
enum { PL_COLS_mappart(PL_REC_ENUM) PL_mappart__N };
enum { PL_COLS_mapcap(PL_REC_ENUM) PL_mapcap__N };
enum { PL_COLS_mapend(PL_REC_ENUM) PL_mapend__N };
enum { PL_COLS_mapdoc(PL_REC_ENUM) PL_mapdoc__N };
enum { PL_COLS_mapseen(PL_REC_ENUM) PL_mapseen__N };
enum { PL_COLS_mapline(PL_REC_ENUM) PL_mapline__N };
enum { PL_COLS_mapverdict(PL_REC_ENUM) PL_mapverdict__N };
enum { PL_COLS_mapload(PL_REC_ENUM) PL_mapload__N };
enum { PL_COLS_signoff(PL_REC_ENUM) PL_signoff__N };
enum { PL_COLS_decision(PL_REC_ENUM) PL_decision__N };
enum { PL_COLS_csatcomment(PL_REC_ENUM) PL_csatcomment__N };
enum { PL_COLS_csatinvited(PL_REC_ENUM) PL_csatinvited__N };
enum { PL_COLS_csatcell(PL_REC_ENUM) PL_csatcell__N };
enum { PL_COLS_csatpart(PL_REC_ENUM) PL_csatpart__N };
#undef PL_REC_ENUM

/*
 * A kind of record this version knows: its name and its columns.  Columns
 * added to a kind within stream version 1 come last and are optional to a
 * reader: a record may stop before them (it was written before they were
 * added), and pl_rec_read() gives it them as empty fields.  Writers always
 * write every column.
 */
struct pl_rec_kind {
	const char *name;
	int nfields;
	const char *const *cols;
	int nmin;		/* the fewest fields a reader accepts */
};

/* The known kinds, ending with a NULL name. */
extern const struct pl_rec_kind pl_rec_kinds[];

/* The known kind called name, or NULL for a kind this version lacks. */
const struct pl_rec_kind *pl_rec_kind(const char *name);

/*
 * Append one record to out: the n fields f[0..n-1] escaped and joined by
 * TAB, then LF.  A NULL field is empty.  Returns 0, or -1 when memory ran
 * out or a known kind was given the wrong number of fields (a bug).
 */
int pl_rec_format(struct pl_buf *out, const char *const *f, int n);

/* pl_rec_format() straight to fp.  -1 also when writing fails. */
int pl_rec_write(FILE *fp, const char *const *f, int n);

/* A stream reader over a borrowed FILE; the caller owns the struct. */
struct pl_rec_reader {
	FILE *fp;
	char name[256];		/* display name for messages */
	long line;		/* number of the line last read */
	char *raw;		/* that line, NUL-terminated, no newline */
	size_t rawcap;
	char **f;		/* its fields, unescaped, pointing into raw */
	int nf;
	int fcap;
	int keep;		/* set: also keep the line as it came in text */
	char *text;		/* that copy, NUL-terminated, no newline */
	size_t textlen, textcap;
	int whole;		/* set by an error that condemns the rest of
				 * the input (XML, gzip, CRLF line ends):
				 * reading on would only repeat it */
};

enum { PL_REC_EOF = 0, PL_REC_RECORD = 1, PL_REC_COMMENT = 2 };

void pl_rec_reader_init(struct pl_rec_reader *r, FILE *fp, const char *name);
void pl_rec_reader_release(struct pl_rec_reader *r);

/*
 * Read the next line.  Returns PL_REC_RECORD with r->f and r->nf set,
 * PL_REC_COMMENT with the line in r->raw, PL_REC_EOF, or -1 with e filled
 * and naming the line: a NUL byte, invalid UTF-8, a raw CR (CRLF line
 * ends), a last line without its newline (a cut stream), a bad escape,
 * fewer than two fields, a known kind with the wrong number of fields, a
 * stream header of another version, XML or gzip data where a stream
 * should start, or a read error.  After an error on a line the next call
 * reads the line after it; when r->whole is set, the error is the
 * input's, not the line's, and the caller stops reading it.
 */
int pl_rec_read(struct pl_rec_reader *r, struct pl_err *e);

/*
 * Take the n bytes at s, a line with its newline (or without, at the end
 * of an input that was cut), as the next line of r, read from memory
 * rather than from r->fp (which may be NULL): what pl_rec_read() returns
 * for it, and r as it leaves it.  PL_REC_EOF when n is 0.
 */
int pl_rec_parse(struct pl_rec_reader *r, const char *s, size_t n,
    struct pl_err *e);

/* Whether the n bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
int pl_utf8_valid(const char *s, size_t n);

/* The string s made valid UTF-8 into out (reset first): each byte that
 * starts no well-formed sequence becomes U+FFFD (the replacement
 * character, EF BF BD), the rest is copied.  For file names, which the
 * system lets be any bytes.  0, or -1 when memory ran out. */
int pl_utf8_clean(const char *s, struct pl_buf *out);

/* A custprop record's type ("material", "tooling", "drawing", "sample",
 * "data") in words, English (zh 0) or Chinese (1); an unknown type as it
 * is.  The review workbook and the property register say the same. */
const char *pl_rec_kind_name(const char *type, int zh);

#endif
