/*
 * spool.h: the file-system steps a spool folder needs to lose nothing when
 * the machine stops at any moment (po-inbox): durable small files, moves
 * that never replace, a compressed copy, running a command, and the
 * spool's settings file.
 *
 * "Durable" means written to a temporary name beside the target, flushed
 * with fsync, renamed into place, and the folder flushed too, so that after
 * a crash the target is either the old file or the whole new one.  Paths
 * are borrowed.  Each function returns 0 (or a count), or -1 with e filled:
 * PL_EXIT_IO when a system call failed, PL_EXIT_CONFIG when the folders
 * are not on one file system (EXDEV) or a setting is wrong.
 */
#ifndef PL_SPOOL_H
#define PL_SPOOL_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"

/*
 * Format a path into buf, of PATH_MAX bytes, and return buf.  A spool's
 * path is bounded (po-inbox takes one of at most 2,047 bytes) and a name
 * in a folder is at most NAME_MAX bytes, so a path in a spool fits.
 */
char *pl_spool_path(char *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Whether path names anything, a dangling symbolic link included. */
int pl_spool_exists(const char *path);

/* fsync the folder dir, so the names created or removed in it persist. */
int pl_spool_sync_dir(const char *dir, struct pl_err *e);

/* Write the n bytes at p to path durably (temporary name, fsync, rename,
 * fsync of the folder). */
int pl_spool_write(const char *path, const void *p, size_t n,
    struct pl_err *e);

/* Append line (and nothing else) to path, creating it, and fsync it. */
int pl_spool_append(const char *path, const char *line, struct pl_err *e);

/* Read the whole of path into b (reset first).  -1 with errno ENOENT kept
 * when it does not exist. */
int pl_spool_read(const char *path, struct pl_buf *b, struct pl_err *e);

/*
 * Move from to to with rename(), never replacing an existing to: 0 when
 * moved, 1 when to exists already (nothing done), -1 on error; EXDEV is a
 * configuration error (the spool's folders must be on one file system),
 * never a copy.  Uses renameat2(RENAME_NOREPLACE), or link() and unlink()
 * where the file system lacks it.
 */
int pl_spool_move(const char *from, const char *to, struct pl_err *e);

/* Write the gzip-compressed copy of src to dst durably. */
int pl_spool_gzip(const char *src, const char *dst, struct pl_err *e);

/*
 * Run the program at path with argv (argv[0] its name) and wait for it.
 * Its standard input, output and error are the descriptors in, out and
 * err (-1: /dev/null for input and output, this process's for error); it
 * runs in folder cwd when not NULL, and is killed when this process dies
 * (so no orphan goes on writing after a crash).  Returns its exit status,
 * 128 + N when signal N killed it, or -1 with e filled when it could not
 * be started.
 */
int pl_spool_run(const char *path, char *const argv[], int in, int out,
    int err, const char *cwd, struct pl_err *e);

/*
 * Read a settings file of "key = value" lines; '#' starts a comment, blank
 * lines are skipped, surrounding blanks are trimmed.  fn is called for
 * each pair with the line number; it returns 0, or -1 after filling e
 * (for instance with an unknown key).  A line without '=' or with an empty
 * key is an error naming the file and line (PL_EXIT_CONFIG).
 */
int pl_spool_conf(FILE *fp, const char *name,
    int (*fn)(void *user, const char *key, const char *value, long line,
    struct pl_err *e), void *user, struct pl_err *e);

#endif
