/* pl_crc32: zlib's crc32(), the same numbers, whatever the length, the
 * alignment and the CRC it goes on from. */
#include <stdlib.h>
#include <zlib.h>

#include "crc.h"
#include "test.h"

static void
test_vectors(void)
{
	CHECK(pl_crc32(0, "", 0) == 0);
	CHECK(pl_crc32(0, "123456789", 9) == 0xcbf43926u);
	CHECK(pl_crc32(0, "The quick brown fox jumps over the lazy dog. The "
	    "quick brown fox jumps over the lazy dog.", 88) ==
	    (uint32_t)crc32(0, (const Bytef *)"The quick brown fox jumps over "
	    "the lazy dog. The quick brown fox jumps over the lazy dog.", 88));
}

/* every length to 1,000 at every alignment to 8, from a CRC of its own,
 * and a large block summed whole and in two */
static void
test_zlib(void)
{
	size_t n, a, bad = 0, big = 3u << 20;
	unsigned char *b = malloc(big);
	uint32_t c;

	CHECK(b != NULL);
	if (b == NULL)
		return;
	srand(18);
	for (n = 0; n < big; n++)
		b[n] = (unsigned char)rand();
	for (n = 0; n < 1000; n++)
		for (a = 0; a < 8; a++) {
			c = (uint32_t)rand();
			bad += pl_crc32(c, b + a, n) !=
			    (uint32_t)crc32(c, b + a, (uInt)n);
		}
	CHECK(bad == 0);
	c = pl_crc32(0, b, big);
	CHECK(c == (uint32_t)crc32(0, b, (uInt)big));
	CHECK(pl_crc32(pl_crc32(0, b, 1000003), b + 1000003, big - 1000003) ==
	    c);
	free(b);
}

int
main(void)
{
	test_name = "crc";
	RUN(test_vectors);
	RUN(test_zlib);
	return test_done();
}
