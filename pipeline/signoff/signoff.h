/*
 * signoff.h: the signed review workbook read back (po-signoff).
 *
 * po-sheet writes, at the right end of each Findings row, hidden cells
 * that say which finding the row is (the identity): the order key, the
 * docid, the finding's number within its document (1, 2, ... in the
 * order po-check wrote them), its department and severity, and a check:
 * the CRC-32 of those five and of the row's visible order number and
 * code.  Their header cells are PL_SIGNOFF_HEADERS, in every language.
 * The check catches a changed identity cell, and a row whose visible
 * cells were sorted apart from its hidden ones; it is no seal against
 * someone who recomputes it.
 *
 * The reader finds the Findings sheets of a workbook by that header row
 * (whatever their name or place), reads each row's sign-off cells
 * (reviewer, decision, date, comment: their headers in English, Chinese
 * or both) and matches the row by its identity, never by its position.
 * Every row that carries a decision becomes a signoff record, written
 * as the rows come; a refused row writes none.  At the end each order
 * (key and docid) met in Findings gets one decision record, in order of
 * key and docid.
 *
 * A decision (typed, or from the drop-down) is one of accept, accept
 * with conditions, decline, ask customer, in English, Chinese
 * (接受, 有条件接受, 拒绝, 询问客户) or both ("accept / 接受"); English
 * in any case.  Each is written as its code: accept,
 * accept-conditions, decline, ask.
 *
 * An order's decision, from the latest decision on each of its findings
 * (a later file's wins over an earlier one's): declined when any is a
 * decline; else ask-customer when any asks the customer; else pending
 * while a department that must review (one with a finding of severity
 * review or reject; the general manager's findings make the GM one) has
 * a review or reject finding without a decision; else
 * accepted-conditions when any accepted with conditions; else accepted.
 * An order with only info findings needs one decision on any of them
 * (Sales reviews a regular order).
 *
 * Memory: what xlsx.h holds of one workbook, and one row.  The finding
 * rows met (to decide the orders, and to find an identity repeated in
 * one workbook) are kept in a temporary database (tmpdb.h) whose page
 * cache is bounded: flat in the number of findings (about 7.6 MiB at
 * 10,000 and at 96,000), where 12 to 24 bytes a finding and an order's
 * key in memory took po-signoff's peak from 6.0 MiB to 9.6.  A finding
 * number past 2^20 and 4 for each identity row read is refused: no
 * document has so many findings, and the check is easily made anew.
 * Ownership: pl_signoff_new() returns an object freed by
 * pl_signoff_free().
 */
#ifndef PL_SIGNOFF_H
#define PL_SIGNOFF_H

#include <stdio.h>

#include "err.h"

/* The identity columns' headers, as po-sheet writes them. */
#define PL_SIGNOFF_HEADERS { "poreview key", "poreview docid", \
	"poreview finding", "poreview department", "poreview severity", \
	"poreview check" }
enum { PL_SIGNOFF_NID = 6 };

/* The departments, in the order a decision record lists them; a set of
 * them is a bit each (1 << index). */
enum { PL_SIGNOFF_NDEPT = 6 };
extern const char *const pl_signoff_depts[PL_SIGNOFF_NDEPT];

/* The bit of department d ("sales", ...), 0 for none of them; the bits of
 * a list "sales,rd,gm"; a set of bits as such a list into buf. */
unsigned pl_signoff_dept_bit(const char *d);
unsigned pl_signoff_dept_bits(const char *list);
void pl_signoff_dept_list(unsigned bits, char *buf, size_t size);

/*
 * An order's decision by the rule po-signoff and the ledger share, from
 * the latest decision on each of its findings: any has bit 1 + k set for
 * each decision k met (accept, accept-conditions, decline, ask), open the
 * departments that must review and have a finding without one.
 * "declined" when one declines; else "ask-customer"; else "pending" while
 * open; else "accepted-conditions" when one has conditions; else
 * "accepted".
 */
const char *pl_signoff_state(unsigned any, unsigned open);

/* The check of an identity: 8 lowercase hex digits (and a NUL) into
 * out, the CRC-32 of the seven strings (NULL as "") joined by TAB. */
void pl_signoff_check(const char *key, const char *docid,
    const char *finding, const char *department, const char *severity,
    const char *number, const char *code, char out[9]);

/* The code of a decision as typed ("Accept with conditions",
 * "有条件接受", "accept / 接受"): "accept", "accept-conditions",
 * "decline", "ask", or NULL for none of them. */
const char *pl_signoff_decision(const char *typed);

struct pl_signoff;

/* Read back as of today (day number, date.h: a later date is refused).
 * NULL with e filled: PL_EXIT_INTERNAL when memory ran out, PL_EXIT_IO
 * when the temporary database cannot be made. */
struct pl_signoff *pl_signoff_new(int today, struct pl_err *e);
void pl_signoff_free(struct pl_signoff *s);

/* What is wrong with one cell or row: called with the error (status
 * PL_EXIT_DATA, the file, "SHEET!CELL: what is wrong"). */
typedef void pl_signoff_refuse(void *user, const struct pl_err *e);

/*
 * Read the workbook at path (called name in messages and records): its
 * signoff records go to out, each refused row to refuse (the rest still
 * read).  The records of a workbook go out once it was read whole (they
 * wait in a temporary file), so a workbook that fails half-way gives
 * none and decides nothing.  Returns the number of rows refused (0 or
 * more), or -1 with e filled when the file itself could not be read
 * (PL_EXIT_IO), is no review workbook (PL_EXIT_DATA: not an xlsx, a part
 * not well-formed, no Findings sheet), or writing out, a temporary file
 * or the temporary database failed (PL_EXIT_IO).  Once the database
 * failed (its folder full, say), no later workbook is read.
 */
int pl_signoff_read(struct pl_signoff *s, const char *path,
    const char *name, FILE *out, pl_signoff_refuse *refuse, void *user,
    struct pl_err *e);

/* The decision records of every order met in a workbook read whole, in
 * order of key and docid, to out.  0, or -1 with e filled (PL_EXIT_IO:
 * writing out or the temporary database failed, then or before: none is
 * written from a database that failed). */
int pl_signoff_end(struct pl_signoff *s, FILE *out, struct pl_err *e);

#endif
