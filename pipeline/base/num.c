/*
 * num.c: numbers written as printf writes them (num.h).
 */
#include "num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
pl_num_g12(char *buf, size_t size, double v)
{
	char tmp[24];
	long long n;
	int k = 0;

	/* a whole number of at most 12 digits, which "%.12g" writes whole;
	 * in range before the cast: 1e30 is no long long; -0 is "-0" */
	if (!(v >= 0 && v <= 999999999999.0) || signbit(v) ||
	    (double)(n = (long long)v) != v) {
		snprintf(buf, size, "%.12g", v);
		return;
	}
	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && k < 20);
	while (k > 0 && size > 1) {
		*buf++ = tmp[--k];
		size--;
	}
	if (size > 0)
		*buf = '\0';
}

/*
 * v * 100 rounded to a whole number gives the digits when that cannot
 * differ from printf's rounding of v's exact value: 0 <= v * 100 < 2^36,
 * where the product is off the exact one by at most 2^-18 (half its unit
 * in the last place), and its fraction not within 10^-4 of a half, where
 * that error could decide (printf rounds a true half to even).
 */
void
pl_num_2f(char *buf, size_t size, double v)
{
	double x = v * 100, whole = floor(x);
	long long n;

	if (!(x >= 0 && x < 68719476736.0) || signbit(v) ||
	    fabs(x - whole - 0.5) < 1e-4 || size < 32) {
		snprintf(buf, size, "%.2f", v);
		return;
	}
	n = (long long)whole + (x - whole > 0.5);
	pl_num_g12(buf, size - 3, (double)(n / 100));
	buf += strlen(buf);
	buf[0] = '.';
	buf[1] = (char)('0' + n % 100 / 10);
	buf[2] = (char)('0' + n % 10);
	buf[3] = '\0';
}
