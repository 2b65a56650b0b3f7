/*
 * journal.h: a batch of a spool folder (po-inbox(1)) and the journal that
 * says how far it got, so that whatever stops the machine the next run
 * takes the batch up where it stopped: no file is lost, and none is
 * reviewed, committed or filed twice (git's sequencer, for a spool).
 *
 * A spool's folders inbox/, signed/, work/, done/, failed/ and out/ are on
 * one file system, so a file moves by rename and never by a copy.  A batch
 * is claimed from inbox/ (orders) and signed/ (signed review workbooks)
 * into SPOOL/work/ID/, ID being the run's UTC start YYYYMMDD-HHMMSS and a
 * number (one whose out/review-ID.* exist is not used again), and lives
 * there until it is filed:
 *   journal          "today YYYY-MM-DD", then one line per step finished
 *   names            the original names, NUL-separated: NAME for a file of
 *                    inbox/, "signed/NAME" for one of signed/ (a name read
 *                    from a folder holds no '/'); slot N (in/NNNNNN,
 *                    counted from 1) is the N-th name
 *   in/NNNNNN        the claimed files, under names no document chose
 *   why/NNNNNN       why the slot's file failed, or why a duplicate was
 *                    not reviewed
 *   disp             one byte a slot: for an order r reviewed, d
 *                    duplicate, f failed; for a workbook s read whole, p
 *                    read in part (some rows refused), f failed (not a
 *                    workbook, or its decisions refused by the ledger);
 *                    - gone before it was read
 *   plan             the name each slot is filed under, NUL-separated
 * and whatever the caller's steps write there (inbox.h says po-inbox's).
 *
 * The steps, each recorded in the journal once what it wrote is flushed:
 * claimed; parsed (the caller's parse step says each slot's disposition);
 * checked, sheet and committed (the caller's, for the orders; a batch with
 * no order to review goes from parsed to committed); signed (the caller's
 * signoff step commits the records of the workbooks read, whole or in
 * part, and may turn one the ledger refuses to f; the dispositions are
 * written again before the journal says so); responded (the caller's
 * respond step, when it has one: the answers to the customers); planned
 * (each file still in in/ gets a free name in done/DATE/,
 * done/DATE/duplicates/, done/DATE/signed/ or failed/, with NAME.why beside
 * a failed file, a workbook read in part or a duplicate, "NAME (2).xml"
 * when NAME is taken); cleaning (every file is filed: the batch's folder is
 * emptied, the journal last).  A step stopped midway is done again, so
 * each of the caller's steps must be one that can be: po-ledger commit
 * changes nothing the second time.  Filing that finds a planned name taken
 * meanwhile goes back to committed, and the next run does the steps after
 * it again, then plans again.
 *
 * Errors: -1 with e filled, PL_EXIT_IO when a system call failed (the
 * batch waits in work/), PL_EXIT_CONFIG for folders on two file systems,
 * PL_EXIT_INTERNAL for a damaged batch or no memory.
 */
#ifndef PL_JOURNAL_H
#define PL_JOURNAL_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "err.h"

/* The steps a journal records, in order. */
enum pl_journal_step {
	PL_JOURNAL_NONE, PL_JOURNAL_CLAIMED, PL_JOURNAL_PARSED,
	PL_JOURNAL_CHECKED, PL_JOURNAL_SHEET, PL_JOURNAL_COMMITTED,
	PL_JOURNAL_SIGNED, PL_JOURNAL_RESPONDED, PL_JOURNAL_PLANNED,
	PL_JOURNAL_CLEANING
};

/* The prefix of a name in the names file that came from signed/. */
#define PL_JOURNAL_SIGNED_DIR "signed/"


struct pl_journal;

/*
 * The caller's part of a batch.  Each step returns 0, or -1 with e filled
 * (the batch then waits in work/ for the next run); its line in the
 * journal is written by pl_journal_run() when it returns 0.
 */
struct pl_journal_steps {
	/* Read the files: on entry disp is '?' for each slot whose in/ file
	 * is there, '-' for the others; each '?' must become r, d or f for
	 * an order, s, p or f for a workbook (pl_journal_workbook), with
	 * why/NNNNNN written for d, f and p. */
	int (*parse)(struct pl_journal *j, struct pl_err *e);
	/* Review the slots marked r (called only when there is one), write
	 * the workbook, commit the reviewed orders. */
	int (*check)(struct pl_journal *j, struct pl_err *e);
	int (*sheet)(struct pl_journal *j, struct pl_err *e);
	int (*commit)(struct pl_journal *j, struct pl_err *e);
	/* Commit what the workbooks marked s or p hold (called only when
	 * there is one); a workbook the ledger refuses becomes f, with its
	 * why/NNNNNN. */
	int (*signoff)(struct pl_journal *j, struct pl_err *e);
	/* Answer the customers of the orders decided (NULL: none yet). */
	int (*respond)(struct pl_journal *j, struct pl_err *e);
	/* The batch is filed (its journal says cleaning): count it.  Called
	 * once, by the run that filed it; a batch recovered when it was
	 * already filed is only cleaned.  May be NULL. */
	void (*filed)(const struct pl_journal *j);
	/*
	 * A test's hook, or NULL: called with the name of each point a batch
	 * passes (po-inbox(1), PO_INBOX_TEST_KILL): "claim" after the first
	 * file is claimed, each step's name once recorded ("claimed",
	 * "parsed", ... "signed", "responded", ... "cleaning"), "filed" after the first file is filed,
	 * "clearing" after each entry removed while cleaning, and what the
	 * caller's steps pass to pl_journal_stage().
	 */
	void (*stage)(const char *name);
};

struct pl_journal {
	const char *spool;	/* the spool folder, borrowed */
	const struct pl_journal_steps *steps;	/* borrowed */
	void *user;		/* for the steps */
	char id[64];		/* the batch's name in work/ */
	char dir[PATH_MAX];	/* SPOOL/work/ID */
	char today[11];		/* the date it is reviewed on and filed under */
	int step;		/* the last step finished: PL_JOURNAL_* */
	struct pl_buf names;	/* the names file */
	char **name;		/* slot i's original name (i from 0), into names,
				 * without its folder */
	char *workbook;		/* n bytes: 1 for a slot from signed/ */
	int n;			/* how many slots */
	char *disp;		/* n bytes once parsed, else NULL */
};

/* Set j up for a batch of the spool with the caller's steps and user;
 * pl_journal_release() frees what a claim or a load took. */
void pl_journal_init(struct pl_journal *j, const char *spool,
    const struct pl_journal_steps *steps, void *user);
void pl_journal_release(struct pl_journal *j);

/*
 * Claim the files named in names (len bytes of NUL-terminated names, as
 * the names file holds them: NAME of inbox/, "signed/NAME" of signed/;
 * oldest first) as a new batch: its folder, its journal's date
 * today, the names file, then each file moved into in/ by rename (one
 * gone meanwhile is skipped); recorded as claimed.  start is the run's
 * start, for the batch's ID.
 */
int pl_journal_claim(struct pl_journal *j, time_t start, const char *today,
    const char *names, size_t len, struct pl_err *e);

/*
 * Read the batch id of work/: its journal's date and last step (a last
 * line cut short by a crash does not count), names and dispositions.  A
 * journal without a date yet had moved no file: it takes today.
 */
int pl_journal_load(struct pl_journal *j, const char *id, const char *today,
    struct pl_err *e);

/* Take the batch from the step after its last one to the end: filed, and
 * its folder removed from work/. */
int pl_journal_run(struct pl_journal *j, struct pl_err *e);

/* Load and run each batch of SPOOL/work, in the order of their names, as
 * j set up by pl_journal_init() says; stops at the first that fails. */
int pl_journal_recover(struct pl_journal *j, const char *today,
    struct pl_err *e);

/* The path of the batch's file name into buf (PATH_MAX bytes): buf. */
char *pl_journal_path(const struct pl_journal *j, char *buf,
    const char *name);

/* The path of slot's file in the batch's folder sub (in, why) into buf
 * (PATH_MAX bytes): buf. */
char *pl_journal_slot(const struct pl_journal *j, char *buf, const char *sub,
    int slot);

/* Whether slot i is a workbook of signed/ (else an order of inbox/). */
int pl_journal_workbook(const struct pl_journal *j, int i);

/* Pass the point name to the steps' stage hook, if any. */
void pl_journal_stage(const struct pl_journal *j, const char *name);

#endif
