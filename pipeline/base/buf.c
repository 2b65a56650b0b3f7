#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void
pl_buf_init(struct pl_buf *b)
{
	b->s = empty;
	b->len = 0;
	b->cap = 0;
}

void
pl_buf_release(struct pl_buf *b)
{
	if (b->cap)
		free(b->s);
	pl_buf_init(b);
}

void
pl_buf_reset(struct pl_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = '\0';
}

int
pl_buf_grow(struct pl_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->len + n + 1 <= b->cap)
		return 0;
	if (n > ((size_t)-1) / 2 - b->len)
		return -1;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	p = realloc(b->cap ? b->s : NULL, cap);
	if (p == NULL)
		return -1;
	if (b->cap == 0)
		p[0] = '\0';
	b->s = p;
	b->cap = cap;
	return 0;
}

int
pl_buf_add(struct pl_buf *b, const void *p, size_t n)
{
	if (pl_buf_grow(b, n) < 0)
		return -1;
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
pl_buf_adds(struct pl_buf *b, const char *s)
{
	return pl_buf_add(b, s, strlen(s));
}

int
pl_buf_addc(struct pl_buf *b, int c)
{
	char ch = (char)c;

	return pl_buf_add(b, &ch, 1);
}

int
pl_buf_addf(struct pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || pl_buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

char *
pl_buf_detach(struct pl_buf *b)
{
	char *s = b->cap ? b->s : strdup("");

	pl_buf_init(b);
	return s;
}
