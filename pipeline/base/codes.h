/*
 * codes.h: the code lists of schemas/ (units, currencies, Incoterms), read
 * from the copies built into the command (embed.h).  A list is one code a
 * line, then a TAB and its name (more columns may follow); '#' starts a
 * comment line.
 */
#ifndef PL_CODES_H
#define PL_CODES_H

#include <stddef.h>

struct pl_codes {
	char **code;	/* sorted */
	char **name;	/* the second column, or "" */
	size_t n;
};

/* Load the built-in list called name ("units.tsv").  -1 when there is no
 * such list or memory ran out. */
int pl_codes_load(struct pl_codes *c, const char *name);
void pl_codes_release(struct pl_codes *c);

/* The name of code in the list, or NULL when code is not in it. */
const char *pl_codes_find(const struct pl_codes *c, const char *code);

#endif
