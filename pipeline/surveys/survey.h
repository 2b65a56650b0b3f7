/*
 * survey.h: a customer-satisfaction survey definition (schemas/survey.xsd,
 * samples/survey.xml): which column of an export is the customer, the
 * date, each rated question with its dimension and scale, the 0-10
 * recommend question, the comments; which departments own which
 * dimension; how many customers were invited when.
 *
 * The file is read and validated by refxml.h; what XSD 1.0 cannot say is
 * checked here (ids unique and known, one scale per dimension, a 0-10
 * recommend scale, a column named once).  Everything in struct pl_survey
 * is owned by it and lives until pl_survey_release().
 */
#ifndef PL_SURVEY_H
#define PL_SURVEY_H

#include <stddef.h>

#include "err.h"

/* What a column of an export is. */
enum pl_survey_kind {
	PL_COL_RATED,		/* a rated question */
	PL_COL_RECOMMEND,	/* the 0-10 recommend question */
	PL_COL_COMMENT,		/* a free-text question */
	PL_COL_CUSTOMER,
	PL_COL_DATE,
	PL_COL_RESPONDENT,
	PL_COL_IGNORE
};

struct pl_survey_answer {
	char *text;
	int value;
};

struct pl_survey_scale {
	char *id;
	int min, max;
	struct pl_survey_answer *answers;
	int nanswers;
};

struct pl_survey_dim {
	char *id;
	char *name_en, *name_zh;	/* either may be NULL, not both */
	char *owner;		/* department: sales, quality, ... */
	int scale;		/* of its questions; -1 when none asks it */
};

struct pl_survey_question {
	char *id;
	int kind;		/* PL_COL_RATED, _RECOMMEND or _COMMENT */
	int dim;		/* rated: index into dims */
	int scale;		/* rated and recommend: index into scales */
};

struct pl_survey_column {
	char *name;
	int kind;		/* enum pl_survey_kind */
	int question;		/* index into questions, or -1 */
};

struct pl_survey_invited {
	int from, to;		/* day numbers (date.h), inclusive */
	long count;
};

struct pl_survey {
	char *id;
	char *title_en, *title_zh;
	struct pl_survey_dim *dims;
	int ndims;
	struct pl_survey_scale *scales;
	int nscales;
	struct pl_survey_question *questions;
	int nquestions;
	int recommend;		/* index into questions, or -1 */
	int overall;		/* the overall-satisfaction question (a rated
				 * one, alone in its dimension), or -1 */
	struct pl_survey_column *cols;
	int ncols;
	int has_date;		/* the definition names the date columns */
	struct pl_survey_invited *invited;
	int ninvited;
	unsigned long crc;	/* CRC-32 and length of the file read */
	unsigned long long length;
};

/*
 * Read and check the definition at path into s (zeroed first).  0, or -1
 * with e filled (PL_EXIT_IO when it cannot be read, PL_EXIT_CONFIG when
 * it is not a valid definition), s released.
 */
int pl_survey_load(struct pl_survey *s, const char *path, struct pl_err *e);
void pl_survey_release(struct pl_survey *s);

/* The column named name (spaces around it ignored), or NULL. */
const struct pl_survey_column *pl_survey_column(const struct pl_survey *s,
    const char *name);

/* The question with id, or -1. */
int pl_survey_question(const struct pl_survey *s, const char *id);

/*
 * Read the answer text to question q (rated or recommend) as a number on
 * its scale: a whole number, or one of the scale's answer texts.  Returns
 * 0 with *v set, 1 when text is empty (not answered), -1 when it is no
 * number and no answer of the scale, -2 when it is outside the scale; a
 * message for the last two goes in why (at least 128 bytes).
 */
int pl_survey_value(const struct pl_survey *s, int q, const char *text,
    int *v, char *why, size_t size);

/* The department's name in English or Chinese ("Quality", "质量部"). */
const char *pl_survey_dept(const char *owner, int zh);

#endif
