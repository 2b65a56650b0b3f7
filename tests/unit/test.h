/*
 * test.h: the few macros the unit tests need.  Each CHECK prints nothing
 * when it holds and "# file:line: what" when it does not; RUN(fn) prints
 * "ok NAME: fn" or "FAIL NAME: fn" once fn has run.  A test binary ends
 * with "return test_done();", which prints the closing line
 * "done NAME: N checks" (N the functions run) and returns non-zero if any
 * failed.  tests/run-all.sh counts the lines, and takes a binary that
 * dies by a signal, exits non-zero without a FAIL line or never prints
 * its closing line as a failure (tests/run-lib.sh).
 */
#ifndef TEST_H
#define TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed, test_fn_failed, test_passed_n, test_failed_n;

#define CHECK(e) do { if (!(e)) { \
	printf("# %s:%d: check failed: %s\n", __FILE__, __LINE__, #e); \
	test_fn_failed = 1; } } while (0)

#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
	printf("# %s:%d: '%s' != '%s'\n", __FILE__, __LINE__, \
	    a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	test_fn_failed = 1; } } while (0)

#define CHECK_INT(a, b) do { long long a_ = (a), b_ = (b); \
	if (a_ != b_) { printf("# %s:%d: %s is %lld, expected %lld\n", \
	__FILE__, __LINE__, #a, a_, b_); test_fn_failed = 1; } } while (0)

#define RUN(fn) do { test_fn_failed = 0; fn(); \
	printf("%s %s: %s\n", test_fn_failed ? "FAIL" : "ok", \
	    test_name, #fn); \
	fflush(stdout); \
	if (test_fn_failed) test_failed_n++, test_failed = 1; \
	else test_passed_n++; } while (0)

static const char *test_name = "unit";

static int
test_done(void)
{
	printf("done %s: %d checks\n", test_name,
	    test_passed_n + test_failed_n);
	fflush(stdout);
	return test_failed ? 1 : 0;
}

#endif
