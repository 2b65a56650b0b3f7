#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
pl_err_vset(struct pl_err *e, int status, const char *file, long line,
    const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->status = status;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int
pl_err_set(struct pl_err *e, int status, const char *file, long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pl_err_vset(e, status, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

void
pl_err_clear(struct pl_err *e)
{
	memset(e, 0, sizeof(*e));
}

int
pl_worst(int a, int b)
{
	return a > b ? a : b;
}
