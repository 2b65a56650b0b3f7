#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <sqlite3.h>
#include <xlsxwriter.h>
#include <zlib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#ifndef PL_VERSION
#define PL_VERSION "unknown"
#endif

static const char *progname = "poreview";

void
pl_cli_init(const char *argv0)
{
	const char *slash;

	if (argv0 && *argv0)
		progname = (slash = strrchr(argv0, '/')) ? slash + 1 : argv0;
	LIBXML_TEST_VERSION
	xmlInitParser();
}

const char *
pl_progname(void)
{
	return progname;
}

int
pl_cli_version(void)
{
	printf("%s %s (libxml2 %s, zlib %s, PCRE2 %d.%d, SQLite %s, "
	    "libxlsxwriter %s)\n", progname, PL_VERSION, LIBXML_DOTTED_VERSION,
	    ZLIB_VERSION, PCRE2_MAJOR, PCRE2_MINOR, SQLITE_VERSION, LXW_VERSION);
	return PL_EXIT_OK;
}

void
pl_diag(const struct pl_err *e)
{
	fprintf(stderr, "%s: ", progname);
	if (e->file[0] && e->line > 0)
		fprintf(stderr, "%s:%ld: ", e->file, e->line);
	else if (e->file[0])
		fprintf(stderr, "%s: ", e->file);
	fprintf(stderr, "%s%s\n", e->status == PL_EXIT_OK ? "warning: " : "",
	    e->msg);
}

void
pl_warnx(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
pl_cli_close_stdout(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;

	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return PL_EXIT_OK;
	pl_warnx("writing output failed: %s", strerror(err ? err : EIO));
	return PL_EXIT_IO;
}

int
pl_strtonum(const char *s, long long min, long long max, int suffix,
    long long *out, const char **why)
{
	long long v, mul = 1;
	char *end;

	errno = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+') {
		*why = "invalid";
		return -1;
	}
	v = strtoll(s, &end, 10);
	if (suffix && *end && end[1] == '\0') {
		switch (*end) {
		case 'K': case 'k': mul = 1LL << 10; end++; break;
		case 'M': case 'm': mul = 1LL << 20; end++; break;
		case 'G': case 'g': mul = 1LL << 30; end++; break;
		}
	}
	if (end == s || *end != '\0') {
		*why = "invalid";
		return -1;
	}
	if (errno == ERANGE || (v > 0 && v > LLONG_MAX / mul) ||
	    (v < 0 && v < LLONG_MIN / mul)) {
		*why = v < 0 ? "too small" : "too large";
		return -1;
	}
	v *= mul;
	if (v < min || v > max) {
		*why = v < min ? "too small" : "too large";
		return -1;
	}
	*out = v;
	return 0;
}

int
pl_read_path(FILE *fp, int nul, struct pl_buf *path)
{
	int c;

	for (;;) {
		pl_buf_reset(path);
		while ((c = getc(fp)) != EOF && c != (nul ? '\0' : '\n'))
			if (pl_buf_addc(path, c) < 0) {
				errno = ENOMEM;
				return -1;
			}
		if (ferror(fp))
			return -1;
		if (!nul && path->len > 0 && path->s[path->len - 1] == '\r')
			path->s[--path->len] = '\0';
		if (path->len > 0)
			return 1;
		if (c == EOF)
			return 0;
	}
}

void
pl_safe_name(const char *t, char *out, size_t size)
{
	size_t i, k = 0;

	for (i = 0; t && t[i] && k + 1 < size; i++) {
		char c = t[i];
		int keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && k > 0);

		out[k++] = keep ? c : '_';
	}
	if (size > 0)
		out[k] = '\0';
}

int
pl_cli_inputs(int n, char *const *paths, const char *out)
{
	struct stat st;
	const char *why;
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0)
			continue;
		why = stat(paths[i], &st) < 0 ? strerror(errno) :
		    S_ISDIR(st.st_mode) ? "a folder" : NULL;
		if (why != NULL) {
			pl_warnx("cannot read '%s': %s; '%s' not written",
			    paths[i], why, out);
			return PL_EXIT_IO;
		}
	}
	return PL_EXIT_OK;
}

int
pl_write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, s, n)) < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

char *
pl_cli_keep_stdin(const char *dir, const char *prefix, struct pl_err *e)
{
	char buf[65536], *path = malloc(strlen(dir) + strlen(prefix) + 16);
	size_t got;
	FILE *fp = NULL;
	int fd = -1, bad = 0, err = 0;

	if (path == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	sprintf(path, "%s/.%s.XXXXXX", dir, prefix);
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "wb")) == NULL)
		bad = 1, err = errno;
	while (!bad && (got = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, got, fp) != got)
			bad = 1, err = errno;
	if (!bad && ferror(stdin))
		bad = 1, err = errno;
	if ((fp ? fclose(fp) : fd >= 0 ? close(fd) : 0) != 0 && !bad)
		bad = 1, err = errno;
	if (!bad)
		return path;
	pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot keep standard input in "
	    "'%s': %s", dir, strerror(err ? err : EIO));
	if (fd >= 0)
		unlink(path);
	free(path);
	return NULL;
}
