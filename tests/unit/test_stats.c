/* The intervals of stats.h, against published tables and sums done by
 * hand. */
#include <math.h>

#include "stats.h"
#include "test.h"

#define NEAR(a, b, tol) (fabs((a) - (b)) <= (tol))

/* Wilson score intervals, as tabulated (Newcombe 1998) */
static void
test_wilson(void)
{
	struct pl_stats_ci ci;

	pl_stats_wilson(8, 10, &ci);
	CHECK(ci.ok && ci.n == 10 && NEAR(ci.est, 0.8, 1e-12));
	CHECK(NEAR(ci.lo, 0.4902, 5e-5) && NEAR(ci.hi, 0.9433, 5e-5));
	pl_stats_wilson(0, 10, &ci);
	CHECK(ci.ok && ci.lo == 0 && NEAR(ci.hi, 0.2775, 5e-5));
	pl_stats_wilson(10, 10, &ci);	/* cut at 1, never past it */
	CHECK(ci.ok && NEAR(ci.lo, 0.7225, 5e-5) && ci.hi <= 1);
	pl_stats_wilson(0, 0, &ci);	/* no answer: no estimate */
	CHECK(!ci.ok && ci.n == 0 && ci.est == 0);
}

/* NPS: 6 promoters and 2 detractors of 10 is 40 points, with a variance
 * of (0.24 + 0.16 + 0.24) / 10 */
static void
test_nps(void)
{
	struct pl_stats_ci ci;
	double half = 100 * 1.959963984540054 * sqrt(0.064);

	pl_stats_nps(6, 2, 10, &ci);
	CHECK(ci.ok && ci.n == 10 && NEAR(ci.est, 40, 1e-9));
	CHECK(NEAR(ci.lo, 40 - half, 1e-9) && NEAR(ci.hi, 40 + half, 1e-9));
	pl_stats_nps(1, 0, 2, &ci);	/* 50 +- 69: cut at 100 */
	CHECK(ci.ok && NEAR(ci.est, 50, 1e-9) && ci.hi == 100 && ci.lo < 0);
	pl_stats_nps(0, 2, 3, &ci);	/* -67 +- 53: cut at -100 */
	CHECK(ci.ok && ci.lo == -100);
	pl_stats_nps(3, 0, 3, &ci);	/* all promoters: no spread */
	CHECK(ci.ok && ci.est == 100 && ci.lo == 100 && ci.hi == 100);
	pl_stats_nps(0, 0, 0, &ci);
	CHECK(!ci.ok);
}

/* Student's t, 0.975 quantile, as tabulated */
static void
test_t975(void)
{
	CHECK(NEAR(pl_stats_t975(1), 12.706205, 1e-5));
	CHECK(NEAR(pl_stats_t975(2), 4.302653, 1e-5));
	CHECK(NEAR(pl_stats_t975(4), 2.776445, 1e-5));
	CHECK(NEAR(pl_stats_t975(10), 2.228139, 1e-5));
	CHECK(NEAR(pl_stats_t975(30), 2.042272, 1e-5));
	CHECK(NEAR(pl_stats_t975(1000), 1.962339, 1e-5));
	CHECK(isnan(pl_stats_t975(0)));
}

/* the answers 1 to 5: mean 3, s = sqrt(2.5), 3 +- t(4) s / sqrt(5) */
static void
test_mean(void)
{
	struct pl_stats_ci ci;
	double sd = -1, half = 2.776445 * sqrt(2.5) / sqrt(5);

	pl_stats_mean(5, 15, 55, &ci, &sd);
	CHECK(ci.ok && ci.n == 5 && NEAR(ci.est, 3, 1e-12));
	CHECK(NEAR(sd, sqrt(2.5), 1e-12));
	CHECK(NEAR(ci.lo, 3 - half, 1e-5) && NEAR(ci.hi, 3 + half, 1e-5));
	pl_stats_mean(1, 4, 16, &ci, &sd);	/* one answer: no spread */
	CHECK(ci.ok && sd == 0 && ci.lo == 4 && ci.hi == 4);
	pl_stats_mean(3, 12, 48, &ci, &sd);	/* all alike */
	CHECK(ci.ok && sd == 0 && ci.lo == 4 && ci.hi == 4);
	pl_stats_mean(0, 0, 0, &ci, &sd);
	CHECK(!ci.ok && sd == 0);
}

static void
test_apart(void)
{
	struct pl_stats_ci a = { 0.5, 0.4, 0.6, 100, 1 };
	struct pl_stats_ci b = { 0.8, 0.7, 0.9, 100, 1 };
	struct pl_stats_ci c = { 0.65, 0.55, 0.75, 100, 1 };
	struct pl_stats_ci none = { 0, 0, 0, 0, 0 };

	CHECK(pl_stats_apart(&a, &b) && pl_stats_apart(&b, &a));
	CHECK(!pl_stats_apart(&a, &c) && !pl_stats_apart(&c, &b));
	CHECK(!pl_stats_apart(&a, &none) && !pl_stats_apart(&none, &b));
}

int
main(void)
{
	test_name = "stats";
	RUN(test_wilson);
	RUN(test_nps);
	RUN(test_t975);
	RUN(test_mean);
	RUN(test_apart);
	return test_done();
}
