/*
 * rules.h: the requirement rules (schemas/rules.xsd, whose documentation
 * says how po-check applies each one) and the review settings, loaded once
 * per run; every pattern is compiled once.  Everything belongs to the
 * rules and is freed by pl_rules_free().
 */
#ifndef PL_RULES_H
#define PL_RULES_H

#include "err.h"
#include "pattern.h"

enum { PL_TEST_REQUIRED, PL_TEST_PATTERN, PL_TEST_ABSENT, PL_TEST_RANGE,
	PL_TEST_VALUES, PL_TEST_DATE };

/* What a rule looks at besides a record column. */
enum { PL_FIELD_NOTE = -1, PL_FIELD_PROP = -2, PL_FIELD_DOC = -3 };

struct pl_rule {
	char *id;
	int line;		/* scope: 0 order, 1 line */
	char *field;		/* as written */
	int col;		/* column of the order or line record, or
				   PL_FIELD_* */
	int test;		/* PL_TEST_* */
	pcre2_code *re;
	char **values;		/* folded */
	int nvalues;
	double min, max;
	int has_min, has_max;
	int min_days;
	char *severity, *department, *confirm, *custprop;
	char **certs;
	int ncerts;
	char *en, *zh;		/* messages, with {value} */
};

struct pl_rules {
	struct pl_rule *rule;
	int n;
	double tolerance;	/* price tolerance, percent */
	struct { char currency[4]; double amount; } *gm;
	int ngm;
	unsigned long crc;
	unsigned long long length;
};

/* Load and validate the rules at path.  NULL with e filled
 * (PL_EXIT_CONFIG naming file, line and rule id; a pattern that does not
 * compile gives its offset and PCRE2's message). */
struct pl_rules *pl_rules_load(const char *path, struct pl_err *e);
void pl_rules_free(struct pl_rules *r);

/* The order value above which the general manager approves, in currency;
 * 0 when the rules give none. */
double pl_rules_gm_above(const struct pl_rules *r, const char *currency);

#endif
