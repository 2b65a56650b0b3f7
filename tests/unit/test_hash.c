/* FNV-1a, the hash of the catalog's SKU index and csat-sum's customers. */
#include "hash.h"
#include "test.h"

/* the published 32-bit FNV-1a test vectors */
static void
test_vectors(void)
{
	CHECK(pl_hash_str("") == 0x811c9dc5u);
	CHECK(pl_hash_str("a") == 0xe40c292cu);
	CHECK(pl_hash_str("foobar") == 0xbf9cf968u);
	CHECK(pl_hash_bytes(PL_HASH_BASIS, "foobar", 6) == 0xbf9cf968u);
	CHECK(pl_hash_bytes(PL_HASH_BASIS, "", 0) == PL_HASH_BASIS);
}

/* a key hashed part after part is the key hashed whole; bytes over 0x7f
 * count as unsigned, the same through either function */
static void
test_parts(void)
{
	uint32_t h = pl_hash_bytes(PL_HASH_BASIS, "HX-PC", 5);

	CHECK(pl_hash_bytes(h, "-E1810", 6) == pl_hash_str("HX-PC-E1810"));
	CHECK(pl_hash_str("caf\xc3\xa9") ==
	    pl_hash_bytes(PL_HASH_BASIS, "caf\xc3\xa9", 5));
	CHECK(pl_hash_str("HX-PC-E1810") != pl_hash_str("HX-PC-E1811"));
}

int
main(void)
{
	test_name = "hash";
	RUN(test_vectors);
	RUN(test_parts);
	return test_done();
}
