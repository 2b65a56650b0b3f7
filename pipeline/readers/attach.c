#include "attach.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "cli.h"

struct pl_attach_pending {
	char *tmp;		/* the temporary file's path */
	char *path;		/* where it goes */
};

/* Types an order may carry, and the extension each is stored with. */
static const char *const exts[][2] = {
	{ "application/pdf", "pdf" }, { "image/png", "png" },
	{ "image/jpeg", "jpg" }, { "image/gif", "gif" }, { "image/tiff", "tif" },
	{ "image/bmp", "bmp" }, { "image/svg+xml", "svg" },
	{ "image/vnd.dwg", "dwg" }, { "image/vnd.dxf", "dxf" },
	{ "application/acad", "dwg" }, { "application/dxf", "dxf" },
	{ "model/step", "stp" }, { "application/step", "stp" },
	{ "model/iges", "igs" }, { "text/plain", "txt" }, { "text/csv", "csv" },
	{ "text/xml", "xml" }, { "application/xml", "xml" },
	{ "application/zip", "zip" }, { "application/msword", "doc" },
	{ "application/vnd.ms-excel", "xls" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "xlsx" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", "docx" },
	{ "application/vnd.oasis.opendocument.text", "odt" },
	{ "application/vnd.oasis.opendocument.spreadsheet", "ods" },
};

int
pl_attach_init(struct pl_attach *a, const char *dir, struct pl_err *e)
{
	struct stat st;

	memset(a, 0, sizeof(*a));
	if (stat(dir, &st) < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "attachments folder "
		    "'%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "attachments folder "
		    "'%s': not a folder", dir);
	if ((a->dir = strdup(dir)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	return 0;
}

void
pl_attach_release(struct pl_attach *a)
{
	pl_attach_abort(a);
	free(a->p);
	free(a->dir);
	memset(a, 0, sizeof(*a));
}

void
pl_sha256_hex(const void *data, size_t len, char hex[PL_SHA256_HEX])
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

const char *
pl_attach_ext(const char *mime)
{
	size_t i;

	for (i = 0; mime && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(mime, exts[i][0]) == 0)
			return exts[i][1];
	return "bin";
}

static int
fail(struct pl_attach *a, const char *what, const char *path)
{
	if (!a->failed)
		pl_err_set(&a->err, PL_EXIT_IO, NULL, 0, "%s '%s': %s", what, path,
		    strerror(errno));
	a->failed = 1;
	return -1;
}

int
pl_attach_add(struct pl_attach *a, const char *sha, const char *mime,
    const void *data, size_t len, char name[PL_ATTACH_NAME])
{
	struct pl_attach_pending *p;
	struct stat st;
	char *path = NULL, *tmp = NULL;
	int fd = -1;

	snprintf(name, PL_ATTACH_NAME, "%.64s.%s", sha, pl_attach_ext(mime));
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 8;

		if ((p = realloc(a->p, cap * sizeof(*p))) == NULL)
			goto oom;
		a->p = p;
		a->cap = cap;
	}
	if ((path = malloc(strlen(a->dir) + PL_ATTACH_NAME + 2)) == NULL ||
	    (tmp = malloc(strlen(a->dir) + 32)) == NULL)
		goto oom;
	sprintf(path, "%s/%s", a->dir, name);
	/* stored before: the name is the content */
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size == (unsigned long long)len) {
		free(path);
		free(tmp);
		return 0;
	}
	sprintf(tmp, "%s/" PL_ATTACH_TMP "XXXXXX", a->dir);
	if ((fd = mkstemp(tmp)) < 0) {
		fail(a, "cannot create a temporary file in", a->dir);
		goto bad;
	}
	fchmod(fd, 0644);
	if (pl_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		fail(a, "cannot write", tmp);
		goto bad_unlink;
	}
	if (close(fd) < 0) {
		fd = -1;
		fail(a, "cannot write", tmp);
		goto bad_unlink;
	}
	a->p[a->n].tmp = tmp;
	a->p[a->n].path = path;
	a->n++;
	return 0;
oom:
	if (!a->failed)
		pl_err_set(&a->err, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	a->failed = 1;
	goto bad;
bad_unlink:
	unlink(tmp);
bad:
	if (fd >= 0)
		close(fd);
	free(path);
	free(tmp);
	return -1;
}

int
pl_attach_commit(struct pl_attach *a, struct pl_err *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < a->n; i++) {
		if (rc == 0 && rename(a->p[i].tmp, a->p[i].path) < 0)
			rc = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot rename an "
			    "attachment to '%s': %s", a->p[i].path,
			    strerror(errno));
		if (rc < 0)
			unlink(a->p[i].tmp);
		free(a->p[i].tmp);
		free(a->p[i].path);
	}
	a->n = 0;
	a->failed = 0;
	return rc;
}

void
pl_attach_abort(struct pl_attach *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		unlink(a->p[i].tmp);
		free(a->p[i].tmp);
		free(a->p[i].path);
	}
	a->n = 0;
	a->failed = 0;
}
