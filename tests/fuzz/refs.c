/*
 * refs.c: a reference file through both of po-check's loaders,
 * pl_catalog_load (--catalog) and pl_rules_load (--rules): each loads and
 * frees it, or refuses it with a message and an exit status of its own
 * (never a crash, a leak or undefined behaviour).
 */
#include <stdlib.h>

#include "catalog.h"
#include "fuzz.h"
#include "rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_path(data, size);
	struct pl_catalog *c;
	struct pl_rules *r;
	struct pl_err e;

	if ((c = pl_catalog_load(path, &e)) == NULL)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	pl_catalog_free(c);
	if ((r = pl_rules_load(path, &e)) == NULL)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	pl_rules_free(r);
	return 0;
}
