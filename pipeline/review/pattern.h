/*
 * pattern.h: PCRE2 patterns for the requirement rules and the catalog,
 * compiled once, matched in UTF mode with JIT and bounded.
 *
 * A pattern is compiled with PCRE2_UTF and without PCRE2_UCP, so \d \w \s
 * \b are ASCII-only and "\bRoHS\b" matches inside "须符合RoHS要求" (the
 * rules.xsd contract), then JIT-compiled.  Matching uses one struct pl_matcher: a
 * JIT stack big enough for long notes, and match and depth limits, so a
 * pathological pattern against a long text ends quickly with
 * PL_PATTERN_LIMIT, never a hang, a crash or a silent "no match".
 */
#ifndef PL_PATTERN_H
#define PL_PATTERN_H

#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct pl_matcher {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	pcre2_match_data *md;
};

enum { PL_PATTERN_NOMATCH = 0, PL_PATTERN_MATCH = 1,
	PL_PATTERN_LIMIT = -1, PL_PATTERN_ERROR = -2 };

/* Limits: backtracking steps, and nesting of backtracking frames. */
#define PL_PATTERN_MATCH_LIMIT 1000000
#define PL_PATTERN_DEPTH_LIMIT 10000

int pl_matcher_init(struct pl_matcher *m);
void pl_matcher_release(struct pl_matcher *m);

/*
 * Compile pattern, and when jit also into machine code (a few KB each:
 * worth it for a pattern tried on every order, not for each of thousands
 * tried on a few lines).  Returns the code (free with pcre2_code_free()),
 * or NULL with *offset and msg (PCRE2's message) saying what is wrong.
 */
pcre2_code *pl_pattern_compile(const char *pattern, int jit, size_t *offset,
    char *msg, size_t msgsize);

/*
 * Match code against the len bytes of subject.  Returns PL_PATTERN_MATCH
 * (with the match's start and end in *start and *end when they are not
 * NULL), PL_PATTERN_NOMATCH, PL_PATTERN_LIMIT when a limit was hit, or
 * PL_PATTERN_ERROR.
 */
int pl_pattern_match(struct pl_matcher *m, const pcre2_code *code,
    const char *subject, size_t len, size_t *start, size_t *end);

/* The capturing groups a match keeps: a named group past them is unset. */
#define PL_PATTERN_GROUPS 15

/*
 * After a match of code: where the group called name matched, in *start
 * and *end.  1, or 0 when code has no such group or it took no part in
 * the match.
 */
int pl_pattern_group(const struct pl_matcher *m, const pcre2_code *code,
    const char *name, size_t *start, size_t *end);

#endif
