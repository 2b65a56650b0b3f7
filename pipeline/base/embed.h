/*
 * embed.h: the files of schemas/ built into the commands (the XSDs of the
 * reference files and the code lists), so an installed command needs
 * nothing beside it.  Makefile generates the definition with embed.sh.
 */
#ifndef PL_EMBED_H
#define PL_EMBED_H

#include <stddef.h>

/* The bytes of schemas/NAME (NUL-terminated; *len without the NUL), or
 * NULL when no such file was built in. */
const char *pl_embedded(const char *name, size_t *len);

#endif
