/*
 * buf.h: a growable byte buffer, always NUL-terminated (git's strbuf).
 *
 * struct pl_buf is owned by the caller: pl_buf_init() before use,
 * pl_buf_release() after.  b->s may move on every append; never keep a
 * pointer into it across an append.  Appends return 0, or -1 when memory
 * runs out (the buffer is left as it was).
 */
#ifndef PL_BUF_H
#define PL_BUF_H

#include <stddef.h>

struct pl_buf {
	char *s;	/* the bytes, NUL-terminated; never NULL after init */
	size_t len;
	size_t cap;
};

void pl_buf_init(struct pl_buf *b);
void pl_buf_release(struct pl_buf *b);
/* Empty the buffer but keep its memory for reuse. */
void pl_buf_reset(struct pl_buf *b);
/* Make room for n more bytes. */
int pl_buf_grow(struct pl_buf *b, size_t n);
int pl_buf_add(struct pl_buf *b, const void *p, size_t n);
int pl_buf_adds(struct pl_buf *b, const char *s);
int pl_buf_addc(struct pl_buf *b, int c);
int pl_buf_addf(struct pl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Take the bytes: the caller frees the result; the buffer is emptied. */
char *pl_buf_detach(struct pl_buf *b);

#endif
