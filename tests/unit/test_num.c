/* Numbers as printf writes them: pl_num_g12() and pl_num_2f() give the
 * bytes snprintf() gives, the edge cases named and a few million random
 * values, so a fast path that rounds one value otherwise fails here. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "num.h"
#include "test.h"

static int mismatches;

/* v through both, against snprintf(); the first few differences said */
static void
same(double v)
{
	char want[64], got[64];

	snprintf(want, sizeof(want), "%.12g", v);
	pl_num_g12(got, sizeof(got), v);
	if (strcmp(want, got) != 0 && mismatches++ < 5)
		printf("# %%.12g of %.17g: '%s', printf '%s'\n", v, got, want);
	snprintf(want, sizeof(want), "%.2f", v);
	pl_num_2f(got, sizeof(got), v);
	if (strcmp(want, got) != 0 && mismatches++ < 5)
		printf("# %%.2f of %.17g: '%s', printf '%s'\n", v, got, want);
}

/* a deterministic 64-bit generator (splitmix64) */
static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
test_edges(void)
{
	static const double v[] = { 0, -0.0, 1, 9, 10, 99.5, 0.005, 0.015,
		0.025, 0.125, 0.375, 1.005, 2.675, 1.115, 8.345, 123.455,
		0.994999999, 0.995, 0.9950000001, 999999999999.0, 1e12,
		999999999999.5, 1e15, 1e300, 5e-324, 0.1, 0.29, 1234567.891,
		687194767.355, 687194767.36, 687194767.365, 1e-5, -1, -2.675,
		-0.001, 123456789012.345 };
	size_t i;

	mismatches = 0;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		same(v[i]);
	same(NAN);
	same(INFINITY);
	same(-INFINITY);
	CHECK_INT(mismatches, 0);
}

/* amounts as orders have them: cents, halves of cents, and a stray
 * digit; their neighbours one unit in the last place away */
static void
test_amounts(void)
{
	uint64_t s = 1;
	double v;
	int i;

	mismatches = 0;
	for (i = 0; i < 200000; i++) {
		v = (double)(next(&s) % 100000000000ULL) / 1000;
		same(v);
		same(nextafter(v, 0));
		same(nextafter(v, INFINITY));
		v = (double)(next(&s) % 10000000) + 0.005;
		same(v);
	}
	CHECK_INT(mismatches, 0);
}

/* any double at all: bits at random, then scaled into the fast range */
static void
test_random(void)
{
	uint64_t s = 2, b;
	double v;
	int i;

	mismatches = 0;
	for (i = 0; i < 200000; i++) {
		b = next(&s);
		memcpy(&v, &b, sizeof(v));
		same(v);
		same(ldexp((double)(b >> 11), -(int)(next(&s) % 40)));
		same((double)(next(&s) % 2000000000000ULL));
	}
	CHECK_INT(mismatches, 0);
}

/* a buffer too short is cut as snprintf() cuts it */
static void
test_short(void)
{
	char got[8];

	pl_num_g12(got, 5, 1234567);
	CHECK_STR(got, "1234");
	pl_num_2f(got, 6, 1234.5);
	CHECK_STR(got, "1234.");
	pl_num_2f(got, 1, 1234.5);
	CHECK_STR(got, "");
}

int
main(void)
{
	test_name = "num";
	RUN(test_edges);
	RUN(test_amounts);
	RUN(test_random);
	RUN(test_short);
	return test_done();
}
