/*
 * base64.h: decode the base64 of embedded attachments (RFC 4648, standard
 * alphabet; space, tab, CR and LF between characters ignored, as XML
 * pretty-printing puts them there; the final group's padding may be left
 * out).  nettle decodes.
 */
#ifndef PL_BASE64_H
#define PL_BASE64_H

#include <stddef.h>

#include "buf.h"

/*
 * Append the bytes that s encodes to out.  Returns 0, or -1 when s is not
 * base64 (*bad is then the offset of the first wrong character, or the
 * length of s when the input ends in the middle of a group) or memory ran
 * out (*bad is then (size_t)-1).
 */
int pl_base64_decode(const char *s, struct pl_buf *out, size_t *bad);

#endif
