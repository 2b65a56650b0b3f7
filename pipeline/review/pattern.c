#include "pattern.h"

#include <stdio.h>

int
pl_matcher_init(struct pl_matcher *m)
{
	m->mctx = pcre2_match_context_create(NULL);
	/* the JIT stack grows to 4 MiB: notes of a few KB with nested
	 * alternatives need far more than the default 32 KiB */
	m->jit = pcre2_jit_stack_create(64 * 1024, 4 * 1024 * 1024, NULL);
	m->md = pcre2_match_data_create(PL_PATTERN_GROUPS + 1, NULL);
	if (m->mctx == NULL || m->jit == NULL || m->md == NULL) {
		pl_matcher_release(m);
		return -1;
	}
	pcre2_set_match_limit(m->mctx, PL_PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, PL_PATTERN_DEPTH_LIMIT);
	pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	return 0;
}

void
pl_matcher_release(struct pl_matcher *m)
{
	pcre2_match_data_free(m->md);
	pcre2_jit_stack_free(m->jit);
	pcre2_match_context_free(m->mctx);
	m->md = NULL;
	m->jit = NULL;
	m->mctx = NULL;
}

pcre2_code *
pl_pattern_compile(const char *pattern, int jit, size_t *offset, char *msg,
    size_t msgsize)
{
	PCRE2_SIZE off = 0;
	pcre2_code *code;
	int err;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF, &err, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, msgsize);
		*offset = off;
		return NULL;
	}
	/* without JIT (an unsupported machine) the interpreter serves */
	if (jit)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

int
pl_pattern_match(struct pl_matcher *m, const pcre2_code *code,
    const char *subject, size_t len, size_t *start, size_t *end)
{
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, m->md,
	    m->mctx);
	PCRE2_SIZE *ov;

	if (rc >= 0) {
		ov = pcre2_get_ovector_pointer(m->md);
		if (start)
			*start = ov[0];
		if (end)
			*end = ov[1];
		return PL_PATTERN_MATCH;
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return PL_PATTERN_NOMATCH;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
		return PL_PATTERN_LIMIT;
	return PL_PATTERN_ERROR;
}

int
pl_pattern_group(const struct pl_matcher *m, const pcre2_code *code,
    const char *name, size_t *start, size_t *end)
{
	int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);

	if (n <= 0 || n > PL_PATTERN_GROUPS || ov[2 * n] == PCRE2_UNSET)
		return 0;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return 1;
}
