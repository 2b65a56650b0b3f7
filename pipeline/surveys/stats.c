#include "stats.h"

#include <math.h>
#include <string.h>

#define Z95 1.959963984540054

void
pl_stats_wilson(long k, long n, struct pl_stats_ci *ci)
{
	double p, z2n, den, half;

	memset(ci, 0, sizeof(*ci));
	ci->n = n;
	if (n <= 0)
		return;
	p = (double)k / (double)n;
	z2n = Z95 * Z95 / (double)n;
	den = 1 + z2n;
	half = Z95 / den * sqrt(p * (1 - p) / (double)n + z2n /
	    (4 * (double)n));
	ci->est = p;
	ci->lo = (p + z2n / 2) / den - half;
	ci->hi = (p + z2n / 2) / den + half;
	if (ci->lo < 0)
		ci->lo = 0;
	if (ci->hi > 1)
		ci->hi = 1;
	ci->ok = 1;
}

void
pl_stats_nps(long promoters, long detractors, long n, struct pl_stats_ci *ci)
{
	double pp, pd, var, half;

	memset(ci, 0, sizeof(*ci));
	ci->n = n;
	if (n <= 0)
		return;
	pp = (double)promoters / (double)n;
	pd = (double)detractors / (double)n;
	var = (pp * (1 - pp) + pd * (1 - pd) + 2 * pp * pd) / (double)n;
	half = Z95 * sqrt(var);
	ci->est = 100 * (pp - pd);
	ci->lo = 100 * (pp - pd - half);
	ci->hi = 100 * (pp - pd + half);
	if (ci->lo < -100)	/* a small n: the normal interval overshoots */
		ci->lo = -100;
	if (ci->hi > 100)
		ci->hi = 100;
	ci->ok = 1;
}

/* The regularised incomplete beta function I_x(a, b), by its continued
 * fraction (modified Lentz). */
static double
betacf(double a, double b, double x)
{
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, del, aa;
	int m;

	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 300; m++) {
		aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + aa * d;
		d = fabs(d) < 1e-300 ? 1e-300 : d;
		c = 1 + aa / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) *
		    (a + 2 * m + 1));
		d = 1 + aa * d;
		d = fabs(d) < 1e-300 ? 1e-300 : d;
		c = 1 + aa / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return h;
}

static double
ibeta(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log(1 - x));
	if (x < (a + 1) / (a + b + 2))
		return front * betacf(a, b, x) / a;
	return 1 - front * betacf(b, a, 1 - x) / b;
}

/* P(T <= t) for Student's t with df degrees of freedom, t >= 0. */
static double
t_cdf(double t, double df)
{
	return 1 - 0.5 * ibeta(df / 2, 0.5, df / (df + t * t));
}

double
pl_stats_t975(long df)
{
	double lo = 0, hi = 20000, mid;
	int i;

	if (df < 1)
		return NAN;
	for (i = 0; i < 200; i++) {	/* bisection: t_cdf is monotonic */
		mid = (lo + hi) / 2;
		if (t_cdf(mid, (double)df) < 0.975)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

void
pl_stats_mean(long n, double sum, double sumsq, struct pl_stats_ci *ci,
    double *sd)
{
	double mean, var, half;

	memset(ci, 0, sizeof(*ci));
	*sd = 0;
	ci->n = n;
	if (n <= 0)
		return;
	mean = sum / (double)n;
	ci->est = ci->lo = ci->hi = mean;
	ci->ok = 1;
	if (n < 2)
		return;
	var = (sumsq - sum * sum / (double)n) / (double)(n - 1);
	*sd = var > 0 ? sqrt(var) : 0;
	half = pl_stats_t975(n - 1) * *sd / sqrt((double)n);
	ci->lo = mean - half;
	ci->hi = mean + half;
}

int
pl_stats_apart(const struct pl_stats_ci *a, const struct pl_stats_ci *b)
{
	return a->ok && b->ok && (a->hi < b->lo || b->hi < a->lo);
}
