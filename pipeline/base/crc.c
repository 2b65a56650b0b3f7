#include "crc.h"

#include <zlib.h>

/* zlib's, a GiB at a time (its lengths are unsigned int) */
static uint32_t
zlib_crc(uint32_t crc, const void *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k += 1u << 30)
		crc = (uint32_t)crc32(crc, (const Bytef *)p + k,
		    (uInt)(n - k < 1u << 30 ? n - k : 1u << 30));
	return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/*
 * Folding (Intel, "Fast CRC Computation for Generic Polynomials Using
 * PCLMULQDQ", 2009), bit-reflected for zlib's polynomial: four lanes of
 * 128 bits fold 64 bytes at a time (x^(4*128+32) and x^(4*128-32) mod P),
 * then into one lane (x^(128+32), x^(128-32)), then 16 bytes at a time.
 * The lane left over is congruent to all that was folded, so its CRC,
 * begun from nothing, is theirs; zlib sums it and the tail.
 */
__attribute__((target("pclmul,sse4.1"))) static uint32_t
fold(uint32_t crc, const unsigned char *p, size_t n)
{
	const __m128i k4 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);
	const __m128i k1 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
	__m128i x0, x1, x2, x3, t0, t1, t2, t3;
	unsigned char last[16];

#define LOAD(q) _mm_loadu_si128((const __m128i *)(const void *)(q))
#define FOLD(x, t, k, next) \
	(t = _mm_clmulepi64_si128(x, k, 0x00), \
	x = _mm_clmulepi64_si128(x, k, 0x11), \
	x = _mm_xor_si128(_mm_xor_si128(x, t), next))
	x0 = _mm_xor_si128(LOAD(p), _mm_cvtsi32_si128((int)~crc));
	x1 = LOAD(p + 16);
	x2 = LOAD(p + 32);
	x3 = LOAD(p + 48);
	for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
		FOLD(x0, t0, k4, LOAD(p));
		FOLD(x1, t1, k4, LOAD(p + 16));
		FOLD(x2, t2, k4, LOAD(p + 32));
		FOLD(x3, t3, k4, LOAD(p + 48));
	}
	FOLD(x0, t0, k1, x1);
	FOLD(x0, t0, k1, x2);
	FOLD(x0, t0, k1, x3);
	for (; n >= 16; p += 16, n -= 16)
		FOLD(x0, t0, k1, LOAD(p));
#undef FOLD
#undef LOAD
	_mm_storeu_si128((__m128i *)(void *)last, x0);
	crc = (uint32_t)crc32(0xffffffffUL, last, 16);
	return (uint32_t)crc32(crc, p, (uInt)n);
}

uint32_t
pl_crc32(uint32_t crc, const void *p, size_t n)
{
	static int have = -1;

	if (have < 0)
		have = __builtin_cpu_supports("pclmul") &&
		    __builtin_cpu_supports("sse4.1");
	return have && n >= 64 ? fold(crc, p, n) : zlib_crc(crc, p, n);
}

#else

uint32_t
pl_crc32(uint32_t crc, const void *p, size_t n)
{
	return zlib_crc(crc, p, n);
}

#endif
