/* base64 decoding of embedded attachments. */
#include <stdlib.h>

#include "base64.h"
#include "test.h"

static int
decodes_to(const char *in, const char *want, size_t wantlen)
{
	struct pl_buf b;
	size_t bad = 0;
	int ok;

	pl_buf_init(&b);
	ok = pl_base64_decode(in, &b, &bad) == 0 && b.len == wantlen &&
	    memcmp(b.s, want, wantlen) == 0;
	pl_buf_release(&b);
	return ok;
}

static size_t
bad_at(const char *in)
{
	struct pl_buf b;
	size_t bad = 12345;

	pl_buf_init(&b);
	if (pl_base64_decode(in, &b, &bad) == 0)
		bad = 99999;
	pl_buf_release(&b);
	return bad;
}

static void
test_rfc4648_vectors(void)
{
	CHECK(decodes_to("", "", 0));
	CHECK(decodes_to("Zg==", "f", 1));
	CHECK(decodes_to("Zm8=", "fo", 2));
	CHECK(decodes_to("Zm9v", "foo", 3));
	CHECK(decodes_to("Zm9vYg==", "foob", 4));
	CHECK(decodes_to("Zm9vYmE=", "fooba", 5));
	CHECK(decodes_to("Zm9vYmFy", "foobar", 6));
}

static void
test_whitespace_and_unpadded(void)
{
	CHECK(decodes_to("  Zm9v\n\t YmFy\r\n ", "foobar", 6));
	CHECK(decodes_to("Zm9vYg", "foob", 4));
	CHECK(decodes_to("AAEC/f7/", "\x00\x01\x02\xfd\xfe\xff", 6));
}

static void
test_malformed(void)
{
	CHECK_INT(bad_at("Zm9v!mFy"), 4);
	CHECK_INT(bad_at("Zm9vY"), 5);		/* one character left over */
	CHECK_INT(bad_at("Zg==Zg=="), 4);	/* data after padding */
	CHECK_INT(bad_at("=Zg="), 0);
	CHECK_INT(bad_at("Zm9v-_"), 4);		/* the URL alphabet is not ours */
}

/* Where nettle, which decodes, would differ: what attachments were held
 * to before it stays. */
static void
test_as_before_nettle(void)
{
	CHECK_INT(bad_at("Zm9v\fYmFy"), 4);	/* FF and VT are no whitespace */
	CHECK_INT(bad_at("Zm9v\vYmFy"), 4);
	CHECK(decodes_to("Zh==", "f", 1));	/* spare bits need not be 0 */
	CHECK(decodes_to("Zm9vYmG=", "fooba", 5));
	CHECK_INT(bad_at("A==="), 1);		/* padding after 1 character */
	CHECK_INT(bad_at("Zg=\n= ="), 6);	/* a third padding */
	CHECK_INT(bad_at("Zg="), 3);		/* padding cut short */
}

/* Everything a 3-byte group can hold, through an encoder written here. */
static void
test_all_bytes(void)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
	unsigned char raw[256];
	char enc[400];
	size_t i, n = 0;

	for (i = 0; i < 256; i++)
		raw[i] = (unsigned char)(255 - i);
	for (i = 0; i + 2 < 256; i += 3) {
		unsigned v = raw[i] << 16 | raw[i + 1] << 8 | raw[i + 2];

		enc[n++] = al[v >> 18];
		enc[n++] = al[(v >> 12) & 63];
		enc[n++] = al[(v >> 6) & 63];
		enc[n++] = al[v & 63];
	}
	/* 256 = 85 * 3 + 1: one byte left, two characters and padding */
	enc[n++] = al[raw[255] >> 2];
	enc[n++] = al[(raw[255] & 3) << 4];
	enc[n++] = '=';
	enc[n++] = '=';
	enc[n] = '\0';
	CHECK(decodes_to(enc, (const char *)raw, 256));
}

int
main(void)
{
	test_name = "base64";
	RUN(test_rfc4648_vectors);
	RUN(test_whitespace_and_unpadded);
	RUN(test_malformed);
	RUN(test_as_before_nettle);
	RUN(test_all_bytes);
	return test_done();
}
