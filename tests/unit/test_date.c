/* Dates, ISO weeks, "today" and working days. */
#include <stdlib.h>

#include "date.h"
#include "test.h"

static const char *
fmt(int days)
{
	static char buf[11];

	pl_date_format(days, buf);
	return buf;
}

static void
test_parse_format(void)
{
	int d = -1;

	CHECK(pl_date_parse("1970-01-01", &d) == 0 && d == 0);
	CHECK(pl_date_parse("2026-11-26", &d) == 0);
	CHECK_STR(fmt(d), "2026-11-26");
	CHECK(pl_date_parse("2028-02-29", &d) == 0);	/* leap year */
	CHECK_STR(fmt(d + 1), "2028-03-01");
	CHECK(pl_date_parse("2027-02-29", &d) < 0);
	CHECK(pl_date_parse("2026-02-30", &d) < 0);
	CHECK(pl_date_parse("2026-13-01", &d) < 0);
	CHECK(pl_date_parse("2026-1-01", &d) < 0);
	CHECK(pl_date_parse("2026-01-01T00:00", &d) < 0);
	CHECK(pl_date_parse("", &d) < 0);
	CHECK(pl_date_parse(NULL, &d) < 0);
}

static void
test_weeks(void)
{
	char w[9];
	int d;

	pl_date_parse("2026-11-26", &d);
	CHECK_INT(pl_date_weekday(d), 4);		/* a Thursday */
	pl_date_isoweek(d, w);
	CHECK_STR(w, "2026-W48");
	pl_date_parse("2027-01-01", &d);		/* Friday of 2026-W53 */
	pl_date_isoweek(d, w);
	CHECK_STR(w, "2026-W53");
	pl_date_parse("2027-01-04", &d);
	pl_date_isoweek(d, w);
	CHECK_STR(w, "2027-W01");
	pl_date_parse("2024-12-30", &d);		/* Monday of 2025-W01 */
	pl_date_isoweek(d, w);
	CHECK_STR(w, "2025-W01");
}

static void
test_today(void)
{
	struct pl_err e;
	int d;

	CHECK(pl_date_today("2026-12-01", &d, &e) == 0);
	CHECK_STR(fmt(d), "2026-12-01");
	CHECK(pl_date_today("tomorrow", &d, &e) < 0);
	CHECK_STR(e.msg, "--today 'tomorrow' is not a date (YYYY-MM-DD)");
	setenv("SOURCE_DATE_EPOCH", "1795651200", 1);	/* 2026-11-26 */
	CHECK(pl_date_today(NULL, &d, &e) == 0);
	CHECK_STR(fmt(d), "2026-11-26");
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	CHECK(pl_date_today(NULL, &d, &e) < 0);
	CHECK_INT(e.status, PL_EXIT_USAGE);
	unsetenv("SOURCE_DATE_EPOCH");
}

static void
test_calendar(void)
{
	int hol[2], d, fri;
	int extra[1];
	struct pl_calendar c = { 0, hol, 2, extra, 1 };

	c.workdays = 0x3e;	/* Monday to Friday: bits 1..5 */
	pl_date_parse("2026-12-25", &hol[0]);
	pl_date_parse("2027-01-01", &hol[1]);
	pl_date_parse("2027-01-09", &extra[0]);	/* a make-up Saturday */
	pl_date_parse("2026-12-24", &d);		/* Thursday */
	CHECK(pl_calendar_works(&c, d));
	CHECK(!pl_calendar_works(&c, d + 1));		/* the holiday */
	CHECK(!pl_calendar_works(&c, d + 2));		/* Saturday */
	CHECK_STR(fmt(pl_calendar_add(&c, d, 1)), "2026-12-28");
	CHECK_STR(fmt(pl_calendar_add(&c, d, 5)), "2027-01-04");
	CHECK_STR(fmt(pl_calendar_add(&c, d + 2, 0)), "2026-12-28");
	CHECK_STR(fmt(pl_calendar_back(&c, d + 11, 5)), "2026-12-24");
	CHECK_STR(fmt(pl_calendar_back(&c, d + 2, 0)), "2026-12-24");
	CHECK_INT(pl_calendar_between(&c, d, d + 11), 5);
	CHECK(pl_calendar_works(&c, extra[0]));
	CHECK_INT(pl_calendar_between(&c, d, extra[0]), 10);
	pl_date_parse("2026-12-25", &fri);
	CHECK_INT(pl_calendar_between(&c, fri, fri), 0);
}

int
main(void)
{
	test_name = "date";
	RUN(test_parse_format);
	RUN(test_weeks);
	RUN(test_today);
	RUN(test_calendar);
	return test_done();
}
