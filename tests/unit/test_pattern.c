/* PCRE2 in UTF mode with JIT, and its limits. */
#include <stdlib.h>

#include "pattern.h"
#include "test.h"

static void
test_compile_error(void)
{
	char msg[256];
	size_t off = 0;

	CHECK(pl_pattern_compile("(?i)penalt(y|ies", 1, &off, msg, sizeof(msg))
	    == NULL);
	CHECK_INT(off, 16);
	CHECK_STR(msg, "missing closing parenthesis");
}

static void
test_match_utf(void)
{
	struct pl_matcher m;
	char msg[256];
	size_t off, s = 0, e = 0;
	pcre2_code *c;
	const char *text = "交货延迟按每日0.5%扣款 (penalty)";

	CHECK(pl_matcher_init(&m) == 0);
	c = pl_pattern_compile("违约金|扣款|(?i)\\bpenalt", 1, &off, msg,
	    sizeof(msg));
	CHECK(c != NULL);
	CHECK_INT(pl_pattern_match(&m, c, text, strlen(text), &s, &e),
	    PL_PATTERN_MATCH);
	CHECK_INT(e - s, strlen("扣款"));
	pcre2_code_free(c);
	c = pl_pattern_compile("\\bRoHS\\b", 1, &off, msg, sizeof(msg));
	CHECK_INT(pl_pattern_match(&m, c, "须符合RoHS要求", strlen("须符合RoHS要求"),
	    NULL, NULL), PL_PATTERN_MATCH);	/* no UCP: 须 is no \w */
	CHECK_INT(pl_pattern_match(&m, c, "xRoHS", 5, NULL, NULL),
	    PL_PATTERN_NOMATCH);
	pcre2_code_free(c);
	pl_matcher_release(&m);
}

/* A catastrophic pattern against a long note ends with the limit. */
static void
test_limit(void)
{
	struct pl_matcher m;
	char msg[256], *text;
	size_t off, n = 20000;
	pcre2_code *c;

	CHECK(pl_matcher_init(&m) == 0);
	text = malloc(n + 2);
	memset(text, 'a', n);
	text[n] = '!';
	text[n + 1] = '\0';
	for (int jit = 0; jit <= 1; jit++) {
		/* the interpreter (catalog specs) and JIT (rules) alike */
		c = pl_pattern_compile("(a+)+$", jit, &off, msg, sizeof(msg));
		CHECK(c != NULL);
		CHECK_INT(pl_pattern_match(&m, c, text, n + 1, NULL, NULL),
		    PL_PATTERN_LIMIT);
		pcre2_code_free(c);
	}
	/* deep nesting without JIT's help: a long alternation chain */
	c = pl_pattern_compile("^(a|b)*+!$", 1, &off, msg, sizeof(msg));
	CHECK_INT(pl_pattern_match(&m, c, text, n + 1, NULL, NULL),
	    PL_PATTERN_MATCH);
	pcre2_code_free(c);
	free(text);
	pl_matcher_release(&m);
}

int
main(void)
{
	test_name = "pattern";
	RUN(test_compile_error);
	RUN(test_match_utf);
	RUN(test_limit);
	return test_done();
}
