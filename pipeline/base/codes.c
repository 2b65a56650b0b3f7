#include "codes.h"

#include <stdlib.h>
#include <string.h>

#include "embed.h"

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
pl_codes_load(struct pl_codes *c, const char *name)
{
	const char *p, *end, *eol, *tab;
	size_t len, cap = 0, i;
	char **code = NULL, **nm = NULL, *k, *v;

	memset(c, 0, sizeof(*c));
	if ((p = pl_embedded(name, &len)) == NULL)
		return -1;
	for (end = p + len; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (p == eol || *p == '#')
			continue;
		if (c->n == cap) {
			cap = cap ? cap * 2 : 128;
			code = realloc(c->code, cap * sizeof(*code));
			if (code)
				c->code = code;
			nm = realloc(c->name, cap * sizeof(*nm));
			if (nm)
				c->name = nm;
			if (!code || !nm)
				goto fail;
		}
		tab = memchr(p, '\t', (size_t)(eol - p));
		k = strndup(p, (size_t)((tab ? tab : eol) - p));
		v = tab ? strndup(tab + 1, strcspn(tab + 1, "\t\n")) :
		    strdup("");
		if (!k || !v) {
			free(k);
			free(v);
			goto fail;
		}
		c->code[c->n] = k;
		c->name[c->n++] = v;
	}
	/* sort the codes, keeping each name with its code */
	{
		char **pair = malloc(c->n * 2 * sizeof(*pair));

		if (pair == NULL && c->n > 0)
			goto fail;
		for (i = 0; i < c->n; i++) {
			pair[2 * i] = c->code[i];
			pair[2 * i + 1] = c->name[i];
		}
		qsort(pair, c->n, 2 * sizeof(*pair), cmp);
		for (i = 0; i < c->n; i++) {
			c->code[i] = pair[2 * i];
			c->name[i] = pair[2 * i + 1];
		}
		free(pair);
	}
	return 0;
fail:
	pl_codes_release(c);
	return -1;
}

void
pl_codes_release(struct pl_codes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->code[i]);
		free(c->name[i]);
	}
	free(c->code);
	free(c->name);
	memset(c, 0, sizeof(*c));
}

const char *
pl_codes_find(const struct pl_codes *c, const char *code)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(c->code[mid], code);

		if (r == 0)
			return c->name[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
