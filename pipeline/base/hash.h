/*
 * hash.h: the one string hash of poreview's tables in memory, and a small
 * table of strings with a number each.
 *
 * The hash is FNV-1a (32 bits): a byte at a time, xor then multiply, no
 * table and no setup.  The catalog's SKU index and its table of repeated
 * entries, csat-sum's customers, po-inbox's names and the keys seen.c
 * holds in memory (their table and Bloom filter) all use it.  It is
 * inline here because po-check looks every order line's product up
 * through it: the SKU index was tuned for that.
 *
 * struct pl_hash is a table of strings, each with a number (po-inbox's
 * documents seen in a batch, names chosen for filing, files waiting to
 * settle).  pl_hash_new() makes an empty one, pl_hash_free() frees it with
 * its strings (NULL is allowed).  The strings added are copied.
 */
#ifndef PL_HASH_H
#define PL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define PL_HASH_BASIS 2166136261u	/* FNV-1a's offset basis: start here */

/* FNV-1a of the n bytes at p, going on from h (PL_HASH_BASIS to start). */
static inline uint32_t
pl_hash_bytes(uint32_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 16777619u;
	return h;
}

/* FNV-1a of the string s, without its NUL. */
static inline uint32_t
pl_hash_str(const char *s)
{
	uint32_t h = PL_HASH_BASIS;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

struct pl_hash;

/* An empty table, or NULL when memory runs out. */
struct pl_hash *pl_hash_new(void);
void pl_hash_free(struct pl_hash *h);

/*
 * Add s with the number val: 1 when added; 0 when s was there already
 * (nothing changes; *old, unless NULL, is then the number it came with);
 * -1 when memory runs out.
 */
int pl_hash_add(struct pl_hash *h, const char *s, long long val,
    long long *old);

#endif
