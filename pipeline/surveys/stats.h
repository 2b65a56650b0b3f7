/*
 * stats.h: the 95% intervals csat-sum reports, computed from the sums a
 * survey cell keeps (a count, a sum and a sum of squares, or counts of
 * answers), never from the answers themselves, so that figures merged
 * from partial aggregates equal those of one run.  Each is a plain
 * function of its numbers: no state, no allocation, no failure; an
 * estimate over no answers is marked not ok rather than made up.
 */
#ifndef PL_STATS_H
#define PL_STATS_H

/* An estimate with its 95% interval. */
struct pl_stats_ci {
	double est, lo, hi;
	long n;
	int ok;			/* 0 when n is 0 (no estimate) */
};

/* Share k of n with its Wilson score interval (z = 1.959964), cut at 0
 * and 1. */
void pl_stats_wilson(long k, long n, struct pl_stats_ci *ci);

/* NPS in points (-100..100): 100 (p+ - p-), with 1.959964 standard errors
 * from the multinomial variance (p+(1-p+) + p-(1-p-) + 2 p+ p-) / n; the
 * interval is cut at -100 and 100. */
void pl_stats_nps(long promoters, long detractors, long n,
    struct pl_stats_ci *ci);

/* The mean of n values with its interval mean +- t(0.975, n-1) s/sqrt(n);
 * *sd gets the sample standard deviation s (0 when n < 2, and the
 * interval is then the mean itself). */
void pl_stats_mean(long n, double sum, double sumsq, struct pl_stats_ci *ci,
    double *sd);

/* The 0.975 quantile of Student's t with df degrees of freedom (from the
 * regularised incomplete beta function, by bisection); NaN when df < 1. */
double pl_stats_t975(long df);

/* Whether two intervals are apart (a change, not noise): both ok and
 * neither overlapping the other. */
int pl_stats_apart(const struct pl_stats_ci *a, const struct pl_stats_ci *b);

#endif
