/*
 * hash.h: the one string hash of the library's hash tables, 32-bit FNV-1a
 * (Fowler, Noll, Vo), as the catalog tuned its SKU index with it: every
 * order line looks its product up there, and FNV-1a over SKUs that share
 * their first characters spread them as well as anything dearer.
 * csat-sum interns its customers with the same hash.
 *
 * The functions are static inline: they sit in the inner loop of a
 * lookup, and the library is built without link-time optimisation.  They
 * allocate nothing and cannot fail.
 */
#ifndef PL_HASH_H
#define PL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a offset basis: the hash of no bytes, where a hash starts. */
#define PL_HASH_START 2166136261u

/* FNV-1a of the n bytes at p, going on from h (PL_HASH_START to start):
 * a key made of several parts is hashed one part after the other. */
static inline uint32_t
pl_hash_bytes(uint32_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 16777619u;
	return h;
}

/* FNV-1a of the NUL-terminated string s (its bytes, not the NUL). */
static inline uint32_t
pl_hash_str(const char *s)
{
	uint32_t h = PL_HASH_START;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
