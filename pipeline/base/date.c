#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days from 1970-01-01 to y-m-d, and back (the civil calendar's
 * arithmetic, eras of 400 years). */
static int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
pl_date_parse(const char *s, int *days)
{
	int y, m, d, i, yy, mm, dd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*days = days_from_civil(y, m, d);
	civil_from_days(*days, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d ? 0 : -1;
}

/* Write n as width digits (zero-padded; n is kept in range). */
static char *
digits(char *p, int n, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + (n < 0 ? 0 : n % 10));
	return p + width;
}

void
pl_date_format(int days, char *buf)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	buf = digits(buf, y, 4);
	*buf++ = '-';
	buf = digits(buf, m, 2);
	*buf++ = '-';
	buf = digits(buf, d, 2);
	*buf = '\0';
}

int
pl_date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (4) */
	int w = (days % 7 + 7 + 3) % 7;

	return w + 1;
}

void
pl_date_isoweek(int days, char *buf)
{
	int thursday = days - pl_date_weekday(days) + 4;
	int y, m, d, jan1;

	civil_from_days(thursday, &y, &m, &d);
	jan1 = days_from_civil(y, 1, 1);
	buf = digits(buf, y, 4);
	*buf++ = '-';
	*buf++ = 'W';
	buf = digits(buf, (thursday - jan1) / 7 + 1, 2);
	*buf = '\0';
}

int
pl_date_today(const char *opt, int *days, struct pl_err *e)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long secs;

	if (opt != NULL) {
		if (pl_date_parse(opt, days) < 0)
			return pl_err_set(e, PL_EXIT_USAGE, NULL, 0, "--today "
			    "'%s' is not a date (YYYY-MM-DD)", opt);
		return 0;
	}
	if (sde != NULL && *sde != '\0') {
		secs = strtoll(sde, &end, 10);
		if (*end != '\0' || secs < 0)
			return pl_err_set(e, PL_EXIT_USAGE, NULL, 0,
			    "SOURCE_DATE_EPOCH '%s' is not a number of seconds",
			    sde);
	} else {
		secs = (long long)time(NULL);
	}
	*days = (int)(secs / 86400);
	return 0;
}

static int
has_day(const int *v, int n, int day)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid] == day)
			return 1;
		if (v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
pl_calendar_works(const struct pl_calendar *c, int day)
{
	if (c->nextra && has_day(c->extra, c->nextra, day))
		return 1;
	if (!(c->workdays & (1u << pl_date_weekday(day))))
		return 0;
	return !has_day(c->holidays, c->nholidays, day);
}

int
pl_calendar_add(const struct pl_calendar *c, int day, int n)
{
	int guard;

	if ((c->workdays & 0xfe) == 0)
		return day;
	/* a holiday list cannot close more than a year at a stretch */
	for (guard = 0; !pl_calendar_works(c, day) && guard < 400; guard++)
		day++;
	while (n > 0) {
		day++;
		if (pl_calendar_works(c, day))
			n--;
	}
	return day;
}

int
pl_calendar_back(const struct pl_calendar *c, int day, int n)
{
	int guard;

	if ((c->workdays & 0xfe) == 0)
		return day;
	for (guard = 0; !pl_calendar_works(c, day) && guard < 400; guard++)
		day--;
	while (n > 0) {
		day--;
		if (pl_calendar_works(c, day))
			n--;
	}
	return day;
}

int
pl_calendar_between(const struct pl_calendar *c, int from, int to)
{
	int n = 0;

	while (from < to)
		if (pl_calendar_works(c, ++from))
			n++;
	return n;
}
