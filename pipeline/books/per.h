/*
 * per.h: po-sheet --per: the review as one workbook per department or per
 * customer, written side by side.
 *
 * A department's workbook holds the orders it reviews or is told of (the
 * verdict names the department, or a finding is its own), only its own
 * findings to sign (numbered as in the whole review, so that
 * po-signoff reads them back the same), in Lines only the lines those
 * findings are about (sheet.h), the review records of those
 * orders, and the capacity for Production and Purchasing: one for each of
 * sales, purchasing, production, rd, quality and gm, named
 * review-DEPT.xlsx, written even when empty (About says so) so that no
 * older one stays behind.  A customer's holds its orders whole, named
 * review-BUYER.xlsx from the buyer part of the order key made safe.
 *
 * A department's workbooks are known before the inputs are read: each
 * process reads them once and writes its departments' workbooks as the
 * records come (with jobs > 1, each of that many child processes writes
 * its share; standard input is dealt to every one through a pipe of its
 * own by the parent, as it comes down the chain).  What is wrong with
 * the inputs is said once, by the first.  A customer's are known once
 * the inputs were read: they are read once first, to find the customers
 * and to say what is wrong with them, then once per group of up to
 * PL_PER_GROUP workbooks written together, each of jobs child processes
 * reading the inputs itself; standard input is first copied to a hidden
 * file in the folder so that it can be read again, and removed.  Each
 * workbook is written to a temporary name beside its own, and verified
 * and renamed only when the inputs were read whole; its bytes do not
 * depend on jobs.
 */
#ifndef PL_PER_H
#define PL_PER_H
#include "err.h"
#include "sheet.h"

#define PL_PER_GROUP 16

enum { PL_PER_DEPT, PL_PER_CUSTOMER };

struct pl_per_opts {
	int what;			/* PL_PER_* */
	int jobs;			/* child processes, 1 for none */
	const char *dir;		/* the folder of the workbooks */
	struct pl_sheet_opts sheet;	/* as for one workbook */
	/* what is wrong with an input, or a workbook not written */
	void (*diag)(const struct pl_err *e);
};

/*
 * Write the workbooks of the reviewed stream in the n inputs ("-" for
 * standard input; none: standard input).  The exit status (err.h): 0, or
 * the worst met, every problem said through diag.  When no review came or
 * an input could not be read whole, no workbook is written and those
 * there stay as they are.
 */
int pl_per_run(const struct pl_per_opts *o, int n, char *const *inputs);

#endif
