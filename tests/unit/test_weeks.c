/* Demand per product and week (weeks.h) against a plain table: the same
 * sums and committed loads, weeks in order, whether the blocks stay in
 * memory or go to the temporary file and back; and a clear error when
 * the temporary file cannot be made. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "weeks.h"

enum { NPROD = 300, NWEEK = 120, STEPS = 200000 };

static double want[3][NPROD][NWEEK];	/* demand, committed, tentative */
static int have[NPROD][NWEEK];

static uint64_t seed = 42;

static uint32_t
draw(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint32_t)(seed % n);
}

/* ISO week number k (0..NWEEK-1) as YYYYWW, over year ends */
static uint32_t
week(int k)
{
	return (uint32_t)((2024 + k / 52) * 100 + 1 + k % 52);
}

static void
run(int committed, size_t budget, int spill)
{
	struct pl_weeks w;
	struct pl_err e;
	int i, k, made, bad = 0;
	size_t stride;
	double *v;

	pl_err_clear(&e);
	seed = 42;
	memset(want, 0, sizeof(want));
	memset(have, 0, sizeof(have));
	CHECK_INT(pl_weeks_init(&w, NPROD, committed, budget), 0);
	for (i = 0; i < STEPS; i++) {
		/* some products far more often than others */
		int p = (int)(draw(4) ? draw(NPROD / 10) : draw(NPROD));
		double q = 1 + draw(1000);

		k = (int)draw(NWEEK);
		if ((v = pl_weeks_entry(&w, (size_t)p, week(k), &made, &stride,
		    &e)) == NULL) {
			bad++;
			break;
		}
		if (made != !have[p][k])
			bad++;
		if (made && committed) {	/* committed, tentative */
			v[stride] = p * 1000 + k;
			want[1][p][k] = p * 1000 + k;
			v[2 * stride] = k * 1000 + p;
			want[2][p][k] = k * 1000 + p;
		}
		have[p][k] = 1;
		v[0] += q;
		want[0][p][k] += q;
		if (v[0] != want[0][p][k])
			bad++;
	}
	CHECK_INT(bad, 0);
	for (i = 0; i < NPROD; i++) {
		const struct pl_weeks_block *b;
		uint32_t j = 0;

		if (pl_weeks_product(&w, (size_t)i, &b, &e) < 0) {
			bad++;
			continue;
		}
		for (k = 0; k < NWEEK; k++) {
			if (!have[i][k])
				continue;
			if (b == NULL || j >= b->n ||
			    PL_WEEKS_OF(&w, b)[j] != week(k) ||
			    b->v[j] != want[0][i][k] ||
			    (committed && (b->v[b->room + j] != want[1][i][k] ||
			    b->v[2 * b->room + j] != want[2][i][k])))
				bad++;
			j++;
		}
		if (b && b->n != j)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(w.evicted > 0, spill);
	CHECK(w.bytes <= budget);
	pl_weeks_free(&w);
}

static void
test_memory(void)
{
	run(0, 64u << 20, 0);
	run(1, 64u << 20, 0);
}

static void
test_spilled(void)
{
	run(0, 16u << 10, 1);
	run(1, 16u << 10, 1);
}

/* no temporary file: the blocks stay in memory, the count stays whole,
 * and why is noted once */
static void
test_no_tmpdir(void)
{
	struct pl_weeks w;
	struct pl_err e;
	int p, k, made, bad = 0;
	size_t stride;
	double *v;

	pl_err_clear(&e);
	setenv("TMPDIR", "/nonexistent/poreview", 1);
	CHECK_INT(pl_weeks_init(&w, 64, 0, 1024), 0);
	for (k = 0; k < 3; k++)
		for (p = 0; p < 64; p++) {
			v = pl_weeks_entry(&w, (size_t)p, 202401 + (uint32_t)k,
			    &made, &stride, &e);
			if (v == NULL)
				bad++;
			else
				*v += p;
		}
	CHECK_INT(bad, 0);
	CHECK_INT(w.lost.status, 3);
	CHECK(strstr(w.lost.msg, "temporary file in /nonexistent/poreview: "
	    "No such file or directory (it was kept in memory instead)") !=
	    NULL);
	CHECK_INT(w.evicted, 0);
	for (p = 0; p < 64; p++) {
		const struct pl_weeks_block *b;

		if (pl_weeks_product(&w, (size_t)p, &b, &e) < 0 || b == NULL ||
		    b->n != 3 || b->v[0] != p || b->v[2] != p)
			bad++;
	}
	CHECK_INT(bad, 0);
	pl_weeks_free(&w);
	unsetenv("TMPDIR");
}

int
main(void)
{
	test_name = "weeks";
	RUN(test_memory);
	RUN(test_spilled);
	RUN(test_no_tmpdir);
	return test_done();
}
