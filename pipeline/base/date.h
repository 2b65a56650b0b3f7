/*
 * date.h: calendar dates as day numbers, "today", ISO weeks and the
 * factory's working days.
 *
 * A date is an int: days since 1970-01-01 (proleptic Gregorian), so dates
 * compare and subtract as numbers.  Only the YYYY-MM-DD form is read; a
 * date that does not exist (2026-02-30) is an error, not a guess.
 */
#ifndef PL_DATE_H
#define PL_DATE_H

#include "err.h"

/* Read "YYYY-MM-DD" (nothing more) into *days.  0, or -1. */
int pl_date_parse(const char *s, int *days);

/* Write days as "YYYY-MM-DD" into buf (at least 11 bytes). */
void pl_date_format(int days, char *buf);

/* Day of the week: 1 Monday ... 7 Sunday. */
int pl_date_weekday(int days);

/* The ISO 8601 week of days: "2027-W03" into buf (at least 9 bytes). */
void pl_date_isoweek(int days, char *buf);

/*
 * "Today": the --today value when given, else SOURCE_DATE_EPOCH (seconds,
 * read as a UTC date), else the clock's UTC date.  -1 with e filled
 * (PL_EXIT_USAGE) when --today or SOURCE_DATE_EPOCH is not a date.
 */
int pl_date_today(const char *opt, int *days, struct pl_err *e);

/* Working days: which weekdays are worked, and the holidays. */
struct pl_calendar {
	unsigned workdays;	/* bit d set: weekday d (1..7) is worked */
	int *holidays;		/* sorted day numbers */
	int nholidays;
	int *extra;		/* sorted make-up working days (调休上班) */
	int nextra;
};

/* Whether day is a working day. */
int pl_calendar_works(const struct pl_calendar *c, int day);

/* The working day n working days after day (n >= 0); for n = 0, day itself
 * when it is worked, else the next working day.  A calendar with no
 * working day at all returns day. */
int pl_calendar_add(const struct pl_calendar *c, int day, int n);

/* The working day n working days before day (n >= 0); for n = 0, day
 * itself when it is worked, else the working day before. */
int pl_calendar_back(const struct pl_calendar *c, int day, int n);

/* Working days from from (excluded) to to (included); 0 when to <= from. */
int pl_calendar_between(const struct pl_calendar *c, int from, int to);

#endif
