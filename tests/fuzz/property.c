/*
 * property.c: a property-event file (CSV or XML, told apart by its first
 * byte) through po-property import (pl_property_import) into a ledger in
 * memory that expects three items: D/1/1 expected, D/2/1 received,
 * D/3/1 inspected ok.  Each import is rolled back, so every input meets
 * the same ledger; a refused import says why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "ledger.h"
#include "property.h"

static struct pl_ledger l;

static const char *const log_rows[][5] = {
	{ "D/1/1", "expect", "drawing", "", "2026-11-01" },
	{ "D/2/1", "expect", "material", "", "2026-11-01" },
	{ "D/2/1", "receive", "material", "store 2", "2026-11-05" },
	{ "D/3/1", "expect", "tooling", "", "2026-11-01" },
	{ "D/3/1", "receive", "tooling", "tool room", "2026-11-05" },
	{ "D/3/1", "inspect", "tooling", "ok", "2026-11-06" },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct pl_err e;
	size_t i;

	(void)argc, (void)argv;
	if (pl_ledger_open(&l, ":memory:", PL_LEDGER_CREATE, &e) < 0)
		fuzz_setup_failed(&e);
	for (i = 0; i < sizeof(log_rows) / sizeof(log_rows[0]); i++)
		if (pl_ledger_exec(&l, "INSERT INTO property_event (item, event, "
		    "order_key, docid, pos, type, description, quantity, unit, "
		    "condition, location, who, at) VALUES (?1, ?2, 'B/PO-1', "
		    "'D', 1, ?3, 'customer ' || ?3, 1, 'C62', CASE ?2 WHEN "
		    "'inspect' THEN ?4 END, CASE ?2 WHEN 'receive' THEN ?4 END, "
		    "'fuzz', ?5)", 5, log_rows[i], &e) < 0)
			fuzz_setup_failed(&e);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_err e;

	FUZZ_ASSERT(pl_ledger_begin(&l, &e) == 0);
	if (pl_property_import(&l, fuzz_path(data, size), "2026-11-30", &e) < 0)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	FUZZ_ASSERT(pl_ledger_end(&l, 0, &e) == 0);
	return 0;
}
