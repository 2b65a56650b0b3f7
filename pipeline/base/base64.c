#include "base64.h"

#include <string.h>

#include <nettle/base64.h>

/*
 * nettle decodes; the checks around it keep what attachments were always
 * held to, where nettle differs: only space, tab, CR and LF are skipped
 * (nettle skips VT and FF too), a final group may come without its
 * padding ("Zm9vYg": nettle's final refuses it), and the bits a padded
 * group leaves over need not be zero ("Zh==": nettle refuses it).  So the
 * padding never reaches nettle, and nettle sees only runs of the
 * alphabet.
 */
static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz0123456789+/";

int
pl_base64_decode(const char *s, struct pl_buf *out, size_t *bad)
{
	struct base64_decode_ctx ctx;
	size_t i = 0, k, done, n = 0, pad = 0;

	if (pl_buf_grow(out, strlen(s) / 4 * 3 + 3) < 0) {
		*bad = (size_t)-1;
		return -1;
	}
	base64_decode_init(&ctx);
	for (;;) {
		i += strspn(s + i, " \t\n\r");
		if (s[i] == '\0')
			break;
		if (s[i] == '=' && n % 4 >= 2 && n % 4 + pad < 4) {
			pad++;
			i++;
			continue;
		}
		if (pad || (k = strspn(s + i, alphabet)) == 0) {
			*bad = i;
			return -1;
		}
		/* room was made above: at most 3 bytes per 4 characters */
		base64_decode_update(&ctx, &done,
		    (uint8_t *)out->s + out->len, k, s + i);
		out->len += done;
		out->s[out->len] = '\0';
		i += k;
		n += k;
	}
	/* a final short group: 2 characters give 1 byte, 3 give 2 */
	if (n % 4 == 1 || (pad && n % 4 + pad != 4)) {
		*bad = i;
		return -1;
	}
	return 0;
}
