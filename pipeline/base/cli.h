/*
 * cli.h: what every command does the same way (git's common-main, sbase's
 * util): its name in messages, --version, diagnostics on stderr, checked
 * number arguments, reading lists of paths, closing stdout.
 *
 * This is the one module of pipeline/ that writes, and only to stderr and
 * stdout on behalf of cmd/.  Diagnostics read "prog: file:line: message";
 * the file or line part is left out when unknown.
 */
#ifndef PL_CLI_H
#define PL_CLI_H

#include <stdio.h>

#include "buf.h"
#include "err.h"

/* Remember the command's name (the last part of argv0), and set up
 * libxml2. */
void pl_cli_init(const char *argv0);
const char *pl_progname(void);

/* Print "prog VERSION" and the versions of the libraries it was built
 * with, and return PL_EXIT_OK. */
int pl_cli_version(void);

/* Print e as a diagnostic; a warning when e->status is PL_EXIT_OK. */
void pl_diag(const struct pl_err *e);

/* Print "prog: message" (printf-style). */
void pl_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Flush and close stdout, catching what cron would otherwise miss
 * (ENOSPC, EPIPE).  Returns PL_EXIT_OK, or PL_EXIT_IO after printing
 * "writing output failed: ...".
 */
int pl_cli_close_stdout(void);

/*
 * Parse s as a whole decimal number in [min, max], with an optional K, M
 * or G suffix (powers of 1024) when suffix is set.  Returns 0, or -1 with
 * *why saying "invalid" or "too small" or "too large".
 */
int pl_strtonum(const char *s, long long min, long long max, int suffix,
    long long *out, const char **why);

/*
 * A part of a file name from text a document gave (an order number, a
 * buyer): letters, digits, '-', '_' and '.' (but first) kept, every
 * other byte '_', at most size - 1 of them, so that no name taken from a
 * document can choose a path.  out is size bytes.
 */
void pl_safe_name(const char *t, char *out, size_t size);

/*
 * Before a command that writes out replaces it: whether each of the n
 * input files (but "-") is there and no folder.  PL_EXIT_OK, or
 * PL_EXIT_IO with "cannot read 'NAME': why; 'OUT' not written" said.
 */
int pl_cli_inputs(int n, char *const *paths, const char *out);

/*
 * Read the next path of a list (one a line, or NUL-separated when nul is
 * set) into path.  Empty entries are skipped.  Returns 1, 0 at the end,
 * or -1 when reading failed (errno set).
 */
int pl_read_path(FILE *fp, int nul, struct pl_buf *path);

/* Write the n bytes at p to fd whole, again after a signal.  0, or -1
 * (errno set). */
int pl_write_all(int fd, const void *p, size_t n);

/*
 * The standard input copied whole into a new hidden file of dir,
 * ".PREFIX.XXXXXX", for a command that must read it again or from its end
 * (a pipe cannot be): its path (the caller unlinks and frees it), or NULL
 * with e filled (PL_EXIT_IO: "cannot keep standard input in 'DIR': ...",
 * nothing left behind).
 */
char *pl_cli_keep_stdin(const char *dir, const char *prefix,
    struct pl_err *e);

#endif
