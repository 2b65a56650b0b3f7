#define _GNU_SOURCE		/* renameat2 */
#include "spool.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "cli.h"

/* Fill e from errno, and keep errno for the caller to test. */
static int
sys_err(struct pl_err *e, const char *what, const char *path)
{
	int saved = errno;

	pl_err_set(e, saved == EXDEV ? PL_EXIT_CONFIG : PL_EXIT_IO, NULL, 0,
	    "cannot %s '%s': %s%s", what, path, strerror(saved),
	    saved == EXDEV ? " (the spool's folders must be on one file "
	    "system)" : "");
	errno = saved;
	return -1;
}

char *
pl_spool_path(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	return buf;
}

int
pl_spool_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int
pl_spool_sync_dir(const char *dir, struct pl_err *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return sys_err(e, "open folder", dir);
	if (fsync(fd) < 0 && errno != EINVAL) {
		sys_err(e, "flush folder", dir);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* The folder part of path, into buf of size n. */
static void
dir_of(const char *path, char *buf, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, n, ".");
	else if (slash == path)
		snprintf(buf, n, "/");
	else
		snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

/* Rename tmp into place as path, then flush path's folder. */
static int
commit_tmp(const char *tmp, const char *path, struct pl_err *e)
{
	char dir[PATH_MAX];

	if (rename(tmp, path) < 0) {
		sys_err(e, "rename to", path);
		unlink(tmp);
		return -1;
	}
	dir_of(path, dir, sizeof(dir));
	return pl_spool_sync_dir(dir, e);
}

int
pl_spool_write(const char *path, const void *p, size_t n, struct pl_err *e)
{
	char tmp[PATH_MAX];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return sys_err(e, "create", tmp);
	if (pl_write_all(fd, p, n) < 0 || fsync(fd) < 0) {
		sys_err(e, "write", tmp);
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		sys_err(e, "write", tmp);
		unlink(tmp);
		return -1;
	}
	return commit_tmp(tmp, path, e);
}

int
pl_spool_append(const char *path, const char *line, struct pl_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);

	if (fd < 0)
		return sys_err(e, "open", path);
	if (pl_write_all(fd, line, strlen(line)) < 0 || fsync(fd) < 0) {
		sys_err(e, "write", path);
		close(fd);
		return -1;
	}
	if (close(fd) < 0)
		return sys_err(e, "write", path);
	return 0;
}

int
pl_spool_read(const char *path, struct pl_buf *b, struct pl_err *e)
{
	char chunk[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t k;

	pl_buf_reset(b);
	if (fd < 0)
		return sys_err(e, "open", path);
	while ((k = read(fd, chunk, sizeof(chunk))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			sys_err(e, "read", path);
			close(fd);
			return -1;
		}
		if (pl_buf_add(b, chunk, (size_t)k) < 0) {
			close(fd);
			return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "out of memory reading '%s'", path);
		}
	}
	close(fd);
	return 0;
}

int
pl_spool_move(const char *from, const char *to, struct pl_err *e)
{
	struct stat a, b;

	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno == EEXIST)
		return 1;
	if (errno != EINVAL && errno != ENOSYS)
		return sys_err(e, "move to", to);
	/* no RENAME_NOREPLACE here: link() refuses an existing name too */
	if (link(from, to) < 0) {
		if (errno == EEXIST && stat(from, &a) == 0 &&
		    stat(to, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			goto linked;	/* a run stopped between the two */
		if (errno == EEXIST)
			return 1;
		return sys_err(e, "move to", to);
	}
linked:
	if (unlink(from) < 0)
		return sys_err(e, "remove", from);
	return 0;
}

int
pl_spool_gzip(const char *src, const char *dst, struct pl_err *e)
{
	char tmp[PATH_MAX], chunk[65536];
	int in, fd, bad = 0;
	ssize_t k;
	gzFile gz;

	snprintf(tmp, sizeof(tmp), "%s.tmp", dst);
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return sys_err(e, "open", src);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		sys_err(e, "create", tmp);
		close(in);
		return -1;
	}
	/* gzdopen takes fd; a dup keeps one for fsync after gzclose */
	gz = gzdopen(dup(fd), "wb9");
	if (gz == NULL)
		bad = 1;
	while (!bad && (k = read(in, chunk, sizeof(chunk))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			sys_err(e, "read", src);
			bad = 2;
		} else if (gzwrite(gz, chunk, (unsigned)k) != (int)k)
			bad = 1;
	}
	close(in);
	if (gz != NULL && gzclose(gz) != Z_OK && !bad)
		bad = 1;
	if (!bad && fsync(fd) < 0)
		bad = 1;
	if (bad == 1)
		sys_err(e, "write", tmp);
	if (close(fd) < 0 && !bad) {
		sys_err(e, "write", tmp);
		bad = 1;
	}
	if (bad) {
		unlink(tmp);
		return -1;
	}
	return commit_tmp(tmp, dst, e);
}

int
pl_spool_run(const char *path, char *const argv[], int in, int out,
    int err, const char *cwd, struct pl_err *e)
{
	pid_t parent = getpid(), pid;
	int st, null;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot start %s: %s",
		    argv[0], strerror(errno));
	if (pid == 0) {
		/* dies with its parent; the check closes the race with it */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    getppid() != parent)
			_exit(127);
		null = open("/dev/null", O_RDWR);
		if ((in >= 0 ? dup2(in, 0) : dup2(null, 0)) < 0 ||
		    (out >= 0 ? dup2(out, 1) : dup2(null, 1)) < 0 ||
		    (err >= 0 && dup2(err, 2) < 0))
			_exit(127);
		if (cwd != NULL && chdir(cwd) < 0) {
			fprintf(stderr, "%s: cannot enter '%s': %s\n",
			    argv[0], cwd, strerror(errno));
			_exit(127);
		}
		execv(path, argv);
		fprintf(stderr, "%s: cannot run '%s': %s\n", argv[0], path,
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
			    "waiting for %s: %s", argv[0], strerror(errno));
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* s without its leading and trailing blanks (in place). */
static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int
pl_spool_conf(FILE *fp, const char *name,
    int (*fn)(void *user, const char *key, const char *value, long line,
    struct pl_err *e), void *user, struct pl_err *e)
{
	char *line = NULL, *eq, *key, *hash;
	size_t cap = 0;
	long n = 0;
	int rc = 0;

	while (rc == 0 && getline(&line, &cap, fp) >= 0) {
		n++;
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		key = trim(line);
		if (*key == '\0')
			continue;
		eq = strchr(key, '=');
		if (eq == NULL || eq == key) {
			rc = pl_err_set(e, PL_EXIT_CONFIG, name, n,
			    "expected 'key = value'");
			break;
		}
		*eq = '\0';
		rc = fn(user, trim(key), trim(eq + 1), n, e);
	}
	if (rc == 0 && ferror(fp))
		rc = pl_err_set(e, PL_EXIT_IO, name, 0, "cannot read: %s",
		    strerror(errno));
	free(line);
	return rc;
}
