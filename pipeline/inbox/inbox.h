/*
 * inbox.h: po-inbox's engine, the spool folder that cron empties every
 * night.  It claims the orders dropped into SPOOL/inbox and the signed
 * review workbooks saved into SPOOL/signed once they have settled,
 * reviews the orders as one batch by running the commands (po-parse,
 * po-check, po-sheet, po-ledger commit, each a child process), reads
 * each workbook back (po-signoff) and commits its decisions (po-ledger
 * commit, a transaction a workbook), and files the originals; the batch, its journal and its recovery after a crash
 * are journal.h's, whose steps this module gives.
 *
 * A spool holds tmp/ (for those who deliver), inbox/, signed/, work/,
 * done/, failed/, out/ and property/ (the orders' embedded attachments), the
 * settings poreview.conf ("key = value": catalog, rules, ledger, lang,
 * settle, stuck; relative paths from the spool), and .lock and .waiting
 * (the files still changing, and since when).  What the steps add to a
 * batch's folder in work/:
 *   list             the slots po-parse reads, NUL-separated
 *   parsed.tsv       po-parse's stream, parse.err its messages;
 *                    kept.tsv the stream without the duplicates, each
 *                    document's source its file's original name
 *   why/NNNNNN.err   po-parse's messages about a file read alone
 *   checked.tsv      po-check's stream
 *   review.xlsx, records.tsv.gz   linked into out/ as review-ID.*
 *   signoff-NNNNNN.tsv   a workbook's records as po-signoff read them,
 *                    their file its original name; .err po-signoff's
 *                    messages, .lerr po-ledger's, .out what po-ledger
 *                    said it committed (the first run's that did)
 * Each step can be done again: a document is a duplicate when its order
 * key, checksum and length met one earlier in the batch or in the ledger
 * (pl_ledger_seen), and po-ledger commit changes nothing the second time,
 * of orders or of a workbook's sign-offs and decisions (it keeps each
 * workbook's decision on a finding once).
 *
 * Lifecycle: pl_inbox_init(), the settings (pl_inbox_spool(),
 * pl_inbox_today(), pl_inbox_read_conf(), pl_inbox_option()), then either
 * pl_inbox_lay_out() or pl_inbox_lock() and pl_inbox_run(); then
 * pl_inbox_summary() and pl_inbox_release().  Functions return 0 (or a
 * descriptor), or -1 with e filled: PL_EXIT_USAGE for a bad spool path or
 * date, PL_EXIT_IO when a file could not be read or written (a batch
 * waits in work/ for the next run), PL_EXIT_CONFIG for a spool, setting,
 * reference file, ledger or command that cannot be used, PL_EXIT_BUSY when
 * another run holds the lock.  Nothing here prints but to the streams the
 * caller gives.
 */
#ifndef PL_INBOX_H
#define PL_INBOX_H

#include <limits.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "journal.h"

#define PL_INBOX_MAX_SPOOL 2048	/* bytes in the spool's path */

/* The commands a batch runs. */
enum { PL_INBOX_PARSE, PL_INBOX_CHECK, PL_INBOX_SHEET, PL_INBOX_LEDGER,
	PL_INBOX_SIGNOFF, PL_INBOX_RESPOND, PL_INBOX_NTOOLS };

/* What a run did, for the summary. */
struct pl_inbox_tally {
	int files, reviewed, dup, failed;	/* orders, in the batches filed */
	int workbooks, read, part, wfailed;	/* signed workbooks: read
						 * whole, in part, failed */
	long signoffs, decisions, already;	/* what po-ledger committed of
						 * them, and found there */
	long responses, confirms;	/* po-respond's answers written to
					 * out/responses/, and confirmation
					 * requests */
	int waiting, ignored;	/* left in the inbox */
	struct pl_buf books;	/* the workbooks written, ", "-separated */
	struct pl_buf stuck;	/* "SECONDS NAME\0": waiting since then */
	int nstuck;
};

struct pl_inbox {
	/* the settings: the spool's poreview.conf, then the options */
	char spool[PL_INBOX_MAX_SPOOL];
	char catalog[PATH_MAX], rules[PATH_MAX], ledger[PATH_MAX];
	char property[PATH_MAX];	/* SPOOL/property, absolute */
	char lang[8];
	long long settle;	/* seconds a dropped file must stay unchanged */
	long long stuck;	/* a file waiting this long is reported */
	char today[11];		/* the date batches are reviewed on */
	time_t start;		/* the run's start, on today's UTC date */
	int verbose;		/* po-parse's warnings to msgs, and a summary
				 * when there was nothing to do */
	FILE *msgs;		/* where po-parse's messages are copied, or
				 * NULL; borrowed */
	char tool[PL_INBOX_NTOOLS][PATH_MAX];	/* by PL_INBOX_* */
	struct pl_journal_steps steps;	/* this module's, for the journal */
	struct pl_inbox_tally tally;
};

/*
 * Set ib up with no settings yet.  po-parse's warnings and messages are
 * copied to msgs (standard error: a batch that waits shows why) when not
 * NULL; stage is the journal's test hook (journal.h), or NULL.
 */
void pl_inbox_init(struct pl_inbox *ib, FILE *msgs,
    void (*stage)(const char *name));
void pl_inbox_release(struct pl_inbox *ib);

/* The spool folder, as given, its trailing slashes dropped.  A path that
 * is empty or too long is a usage error. */
int pl_inbox_spool(struct pl_inbox *ib, const char *path, struct pl_err *e);

/* Make the spool's path a full one (po-parse runs inside the batch's
 * folder: no path it is given may depend on where the run started). */
int pl_inbox_absolute(struct pl_inbox *ib, struct pl_err *e);

/*
 * Today, from today (--today, or NULL) as pl_date_today() reads it, and
 * the run's start, which names its batches: today's date at the UTC time
 * of day of SOURCE_DATE_EPOCH when set, else of the clock.
 */
int pl_inbox_today(struct pl_inbox *ib, const char *today, struct pl_err *e);

/* Find each command beside the running program, else on PATH. */
int pl_inbox_find_tools(struct pl_inbox *ib, struct pl_err *e);

/* Read SPOOL/poreview.conf, if there is one, over the defaults: an unknown
 * key or a bad value names the file and line. */
int pl_inbox_read_conf(struct pl_inbox *ib, struct pl_err *e);

/* Set the setting key (as in poreview.conf) to value given as an option:
 * a relative path is taken from the current folder.  0, or -1 when the
 * key is unknown or the value bad. */
int pl_inbox_option(struct pl_inbox *ib, const char *key, const char *value);

/* --init: lay out a spool, with a commented poreview.conf, copies of the
 * sample catalog and rules, and a new ledger; files there are kept. */
int pl_inbox_lay_out(struct pl_inbox *ib, struct pl_err *e);

/* Take the spool's lock: its descriptor, which the caller closes at the
 * end (children inherit it: while one still runs, no other run starts);
 * -1 when SPOOL/inbox is missing, or the lock cannot be had. */
int pl_inbox_lock(struct pl_inbox *ib, struct pl_err *e);

/*
 * The run, holding the lock: the checks before anything moves (the
 * folders on one file system, the reference files, the ledger, out/ and
 * property/ that take new files), every batch a run before left in work/
 * finished, then the settled files of the inbox claimed as a new batch
 * and run.  The tally says what was done, also when it fails.
 */
int pl_inbox_run(struct pl_inbox *ib, struct pl_err *e);

/* Write the run's summary line to out: nothing when nothing was done or
 * is stuck (unless verbose), so cron mails only news. */
void pl_inbox_summary(const struct pl_inbox *ib, FILE *out);

/* Whether a file went to failed/: an order po-parse rejected, a workbook
 * not read or read in part, or one whose decisions the ledger refused. */
int pl_inbox_failed(const struct pl_inbox *ib);

#endif
