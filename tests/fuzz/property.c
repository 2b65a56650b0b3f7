/*
 * property.c: a property-event file (CSV or XML, told apart by its first
 * byte) through po-property import (pl_property_import) into a ledger in
 * a temporary folder that expects three items: D/1/1 expected, D/2/1
 * received, D/3/1 inspected ok.  Each import is rolled back, so every
 * input meets the same ledger; a refused import says why.  The log is
 * laid in with sqlite3, as no order could announce those items.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "ledger.h"
#include "property.h"

static struct pl_ledger *l;
static char dir[] = "/tmp/fuzz-property.XXXXXX", path[64];

static void
cleanup(void)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char p[80];
	size_t i;

	pl_ledger_close(l);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		unlink(p);
	}
	rmdir(dir);
}

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
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;
	int j, rc = SQLITE_ERROR;

	(void)argc, (void)argv;
	pl_err_clear(&e);
	if (mkdtemp(dir) == NULL)
		pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot make a folder");
	snprintf(path, sizeof(path), "%s/ledger.db", dir);
	if (e.status || (l = pl_ledger_open(path, PL_LEDGER_CREATE, &e)) ==
	    NULL)
		fuzz_setup_failed(&e);
	pl_ledger_close(l);
	l = NULL;
	atexit(cleanup);
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "INSERT INTO property_event (item, event, "
	    "order_key, docid, pos, type, description, quantity, unit, "
	    "condition, location, who, at) VALUES (?1, ?2, 'B/PO-1', "
	    "'D', 1, ?3, 'customer ' || ?3, 1, 'C62', CASE ?2 WHEN "
	    "'inspect' THEN ?4 END, CASE ?2 WHEN 'receive' THEN ?4 END, "
	    "'fuzz', ?5)", -1, &st, NULL) == SQLITE_OK)
		for (i = 0, rc = SQLITE_DONE; rc == SQLITE_DONE &&
		    i < sizeof(log_rows) / sizeof(log_rows[0]); i++) {
			sqlite3_reset(st);
			for (j = 0; j < 5; j++)
				sqlite3_bind_text(st, j + 1, log_rows[i][j], -1,
				    SQLITE_STATIC);
			rc = sqlite3_step(st);
		}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (rc != SQLITE_DONE) {
		pl_err_set(&e, PL_EXIT_IO, path, 0, "cannot lay in the log");
		fuzz_setup_failed(&e);
	}
	if ((l = pl_ledger_open(path, PL_LEDGER_WRITE, &e)) == NULL)
		fuzz_setup_failed(&e);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_err e;

	FUZZ_ASSERT(pl_ledger_begin(l, &e) == 0);
	if (pl_property_import(l, fuzz_path(data, size), "2026-11-30", &e) < 0)
		FUZZ_ASSERT(e.status != 0 && e.msg[0] != '\0');
	FUZZ_ASSERT(pl_ledger_end(l, 0, &e) == 0);
	return 0;
}
