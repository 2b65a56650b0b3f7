/*
 * attach.h: store the embedded attachments of orders (drawings,
 * specifications: customer property) in a folder, once each.
 *
 * A stored file is named by its content: the SHA-256 of its bytes in hex,
 * a dot and an extension chosen from a fixed table by its MIME type
 * ("bin" for any other).  The file name a document gives is never used,
 * so no document chooses a path, and the same content is the same file.
 *
 * A document's attachments are first written to temporary files in the
 * folder; pl_attach_commit() renames them into place once the document
 * was accepted, pl_attach_abort() removes them when it was rejected.  So
 * a rejected document leaves nothing behind and a reader of the folder
 * never sees half a file.
 *
 * The caller owns struct pl_attach: pl_attach_init(), then
 * pl_attach_release() (which aborts what is pending).
 */
#ifndef PL_ATTACH_H
#define PL_ATTACH_H

#include <stddef.h>

#include "err.h"

#define PL_SHA256_HEX 65	/* 64 hex digits and a NUL */
#define PL_ATTACH_NAME 80	/* a stored name's buffer */
/* How the temporary files' names start ("PL_ATTACH_TMP" and six random
 * characters): a process killed before its commit or abort leaves them,
 * and whoever owns the folder may remove them when no writer runs. */
#define PL_ATTACH_TMP ".po-parse."

struct pl_attach_pending;

struct pl_attach {
	char *dir;			/* the folder, a copy */
	struct pl_attach_pending *p;	/* written, not yet renamed */
	size_t n, cap;
	int failed;			/* since the last commit or abort */
	struct pl_err err;		/* the first error then */
};

/* Use the folder dir, which must exist.  -1 with e filled (PL_EXIT_IO)
 * when it is not a folder; PL_EXIT_INTERNAL when memory ran out. */
int pl_attach_init(struct pl_attach *a, const char *dir, struct pl_err *e);
void pl_attach_release(struct pl_attach *a);

/* The SHA-256 of the len bytes at data, as 64 lowercase hex digits. */
void pl_sha256_hex(const void *data, size_t len, char hex[PL_SHA256_HEX]);

/* The extension for a MIME type ("application/pdf" -> "pdf"), from a
 * fixed table; "bin" for NULL or any other type. */
const char *pl_attach_ext(const char *mime);

/*
 * Write the len bytes at data (whose SHA-256 is sha) to a temporary file
 * in the folder, to be stored as "SHA.EXT"; that name goes into name.
 * When that file is already there (same name, same size), nothing is
 * written.  Returns 0, or -1 with a->err set (PL_EXIT_IO) and a->failed.
 */
int pl_attach_add(struct pl_attach *a, const char *sha, const char *mime,
    const void *data, size_t len, char name[PL_ATTACH_NAME]);

/* Rename what pl_attach_add() wrote into place.  0, or -1 with e filled
 * (PL_EXIT_IO); what could not be renamed is removed. */
int pl_attach_commit(struct pl_attach *a, struct pl_err *e);
/* Remove what pl_attach_add() wrote since the last commit. */
void pl_attach_abort(struct pl_attach *a);

#endif
