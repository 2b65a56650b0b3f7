/*
 * hash.c: a table of strings, chained, of a fixed number of buckets: its
 * users hold a batch's names, which a run bounds.
 */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096

struct node {
	struct node *next;
	long long val;
	char s[];
};

struct pl_hash {
	struct node *bucket[BUCKETS];
};

struct pl_hash *
pl_hash_new(void)
{
	return calloc(1, sizeof(struct pl_hash));
}

void
pl_hash_free(struct pl_hash *h)
{
	struct node *p, *next;
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < BUCKETS; i++)
		for (p = h->bucket[i]; p != NULL; p = next) {
			next = p->next;
			free(p);
		}
	free(h);
}

int
pl_hash_add(struct pl_hash *h, const char *s, long long val, long long *old)
{
	struct node **b = &h->bucket[pl_hash_str(s) % BUCKETS], *p;
	size_t n;

	for (p = *b; p != NULL; p = p->next)
		if (strcmp(p->s, s) == 0) {
			if (old != NULL)
				*old = p->val;
			return 0;
		}
	n = strlen(s) + 1;
	if ((p = malloc(sizeof(*p) + n)) == NULL)
		return -1;
	memcpy(p->s, s, n);
	p->val = val;
	p->next = *b;
	*b = p;
	return 1;
}
