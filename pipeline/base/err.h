/*
 * err.h: exit statuses and the error record every pipeline/ function fills.
 *
 * The exit statuses are the same for every poreview command
 * (schemas/DESIGN.md); each man page states them.  A function in
 * pipeline/ that fails returns -1 and fills a caller-provided struct
 * pl_err; it never prints and never exits.  cmd/ prints the error with
 * pl_diag() (cli.h) and folds its status into the exit status with
 * pl_worst().
 */
#ifndef PL_ERR_H
#define PL_ERR_H

#include <stdarg.h>

enum pl_exit {
	PL_EXIT_OK = 0,		/* all done */
	PL_EXIT_DATA = 1,	/* a document rejected for its content */
	PL_EXIT_USAGE = 2,	/* usage error */
	PL_EXIT_IO = 3,		/* a system call failed */
	PL_EXIT_CONFIG = 4,	/* bad reference file, or internal error */
	PL_EXIT_BUSY = 75	/* po-inbox: another run holds the lock */
};
#define PL_EXIT_INTERNAL PL_EXIT_CONFIG

struct pl_err {
	int status;		/* PL_EXIT_*, chosen where the error is found */
	char file[256];		/* display name: a path or "<stdin>"; "" if none */
	long line;		/* 0 if unknown */
	char msg[512];		/* lowercase, no newline, no final full stop */
};

/*
 * Fill e (which may be NULL) and return -1, so a caller writes
 * `return pl_err_set(e, PL_EXIT_IO, name, 0, "cannot open '%s': %s", ...)`.
 * file may be NULL.  The message is truncated to fit.
 */
int pl_err_set(struct pl_err *e, int status, const char *file, long line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* pl_err_set() with the arguments as a va_list. */
int pl_err_vset(struct pl_err *e, int status, const char *file, long line,
    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Clear e to "no error". */
void pl_err_clear(struct pl_err *e);

/*
 * The worse of two exit statuses: of 1, 3 and 4 the highest wins, and any
 * of them beats 0.  Usage (2) and busy (75) exit at once and never meet.
 */
int pl_worst(int a, int b);

#endif
