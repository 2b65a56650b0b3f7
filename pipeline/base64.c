#include "base64.h"

#include <string.h>

static int
value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
pl_base64_decode(const char *s, struct pl_buf *out, size_t *bad)
{
	unsigned long acc = 0;
	int n = 0, pad = 0;
	size_t i;
	char b[3];

	if (pl_buf_grow(out, strlen(s) / 4 * 3 + 3) < 0) {
		*bad = (size_t)-1;
		return -1;
	}
	for (i = 0; s[i]; i++) {
		int c = (unsigned char)s[i], v;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '=' && n >= 2 && n + pad < 4) {
			pad++;
			continue;
		}
		if (pad || (v = value(c)) < 0) {
			*bad = i;
			return -1;
		}
		acc = acc << 6 | (unsigned long)v;
		if (++n == 4) {
			b[0] = (char)(acc >> 16);
			b[1] = (char)(acc >> 8);
			b[2] = (char)acc;
			pl_buf_add(out, b, 3);
			n = 0;
			acc = 0;
		}
	}
	/* a final short group: 2 characters give 1 byte, 3 give 2 */
	if (n == 1 || (pad && n + pad != 4)) {
		*bad = i;
		return -1;
	}
	if (n == 2) {
		b[0] = (char)(acc >> 4);
		pl_buf_add(out, b, 1);
	} else if (n == 3) {
		b[0] = (char)(acc >> 10);
		b[1] = (char)(acc >> 2);
		pl_buf_add(out, b, 2);
	}
	return 0;
}
