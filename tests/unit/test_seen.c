/* The run's set of keys (seen.h): orders and buyers, each key once, with
 * the checksum and length it came with first, orders apart from buyers;
 * the same through the front (keys still waiting in memory and keys
 * flushed to the database, a Bloom filter so small that it takes every
 * key for one it holds, keys that are prefixes of others, keys longer
 * than the memory the front has for keys); timed keys (responses), met at
 * the same time or when either states none, and those after the mark
 * forgotten; more keys than the page cache holds (so the temporary file
 * is used); and a temporary folder that fills up. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "seen.h"
#include "test.h"

/* order keys in no order, as the key of order i */
static const char *
key(uint64_t i)
{
	static char k[2][64];
	static int n;
	uint64_t z = (i + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	n = !n;
	snprintf(k[n], sizeof(k[n]), "GLN:%013llu/PO-%llu", (unsigned long long)
	    (z % 10000000000000ULL), (unsigned long long)i);
	return k[n];
}

#define ORDERS "order keys", "an order sent twice in the batch"

static void
test_add_find(void)
{
	struct pl_seen s;
	struct pl_err e;
	uint32_t crc, len;
	uint64_t i, n = 200000;
	int bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	for (i = 0; i < n; i++) {
		crc = (uint32_t)i;
		len = (uint32_t)(i * 7);
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 0)
			bad++;
	}
	CHECK_INT(bad, 0);
	/* again, with other content: found, with the first content */
	for (i = 0; i < n; i += 997) {
		crc = 1;
		len = 2;
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 1 ||
		    crc != (uint32_t)i || len != (uint32_t)(i * 7))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(n), NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(n - 1), &crc, &len), 1);
	CHECK_INT(crc, (uint32_t)(n - 1));
	/* a buyer is not an order with the same key */
	CHECK_INT(pl_seen_find(&s, PL_SEEN_BUYER, key(5), NULL, NULL), 0);
	crc = 0;
	len = UINT32_MAX;
	CHECK_INT(pl_seen_add(&s, PL_SEEN_BUYER, key(5), &crc, &len), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_BUYER, key(5), NULL, &len), 1);
	CHECK_INT(len, UINT32_MAX);
	/* keys are compared whole: no prefix, case or hash meets another */
	crc = 3;
	len = 4;
	CHECK_INT(pl_seen_add(&s, PL_SEEN_ORDER, "GLN:1/PO-1", &crc, &len), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "GLN:1/PO-", NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "GLN:1/PO-10", NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "gln:1/po-1", NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "", NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "GLN:1/PO-1", &crc, &len), 1);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/*
 * Many keys, so that the front flushes PL_SEEN_PENDING of them to the
 * database again and again: each key added once is new, added again is
 * found with what it came with first, whether it still waits in memory
 * (the last of them) or was flushed; keys never added are not found.
 * bloom is the filter's size: 32 bytes, one block, holds every key after
 * the first flush, so that each key goes to the database to be told.
 */
static void
many(size_t bloom)
{
	struct pl_seen s;
	struct pl_err e;
	uint32_t crc, len;
	uint64_t i, n = 200000;
	int bad = 0, absent = 0, wrong = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	s.bloom = bloom;
	for (i = 0; i < n; i++) {
		crc = (uint32_t)(i * 3);
		len = (uint32_t)(i + 11);
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 0)
			bad++;
		if (i % 1000 == 999 &&	/* a key to come, not yet there */
		    pl_seen_find(&s, PL_SEEN_ORDER, key(i + 1), NULL, NULL))
			absent++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(absent, 0);
	CHECK(n % PL_SEEN_PENDING != 0);	/* some are still pending */
	for (i = 0; i < n; i++) {
		crc = 1;
		len = 2;
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 1)
			bad++;
		else if (crc != (uint32_t)(i * 3) || len != (uint32_t)(i + 11))
			wrong++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(wrong, 0);
	for (i = n; i < n + 20000; i++)
		if (pl_seen_find(&s, PL_SEEN_ORDER, key(i), NULL, NULL))
			absent++;
	CHECK_INT(absent, 0);
	/* and the last new key still waiting, the first long flushed */
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(n - 1), &crc, &len), 1);
	CHECK_INT(crc, (n - 1) * 3);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(0), &crc, &len), 1);
	CHECK_INT(len, 11);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

static void
test_front(void)
{
	many(PL_SEEN_BLOOM);
}

static void
test_front_bloom_full(void)
{
	many(32);
}

/* Keys that are prefixes of each other, apart, waiting and flushed:
 * "P", "PP", ... (SQLite's order puts the shorter first), between others
 * that make the front flush. */
static void
test_prefixes(void)
{
	struct pl_seen s;
	struct pl_err e;
	char k[400];
	uint32_t crc, len;
	int i, j, bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	for (i = 1; i < (int)sizeof(k) - 1; i++) {
		memset(k, 'P', (size_t)i);
		k[i] = '\0';
		crc = (uint32_t)i;
		len = 0;
		if (pl_seen_add(&s, PL_SEEN_ORDER, k, &crc, &len) != 0)
			bad++;
		for (j = 0; j < 50; j++) {
			crc = len = 0;
			pl_seen_add(&s, PL_SEEN_ORDER, key((uint64_t)(i * 50 +
			    j)), &crc, &len);
		}
	}
	CHECK_INT(bad, 0);
	for (i = 1; i < (int)sizeof(k) - 1; i++) {
		memset(k, 'P', (size_t)i);
		k[i] = '\0';
		crc = 0;
		len = 1;
		if (pl_seen_add(&s, PL_SEEN_ORDER, k, &crc, &len) != 1 ||
		    crc != (uint32_t)i || len != 0)
			bad++;
	}
	CHECK_INT(bad, 0);
	memset(k, 'P', sizeof(k) - 1);
	k[sizeof(k) - 1] = '\0';
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, k, NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "PQ", NULL, NULL), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, "p", NULL, NULL), 0);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/* Long keys: 100 KB ones wait in memory, two or so at a time; 300 KB
 * ones are longer than the room the front has for keys and go straight
 * to the database.  Each differs from the others in its last byte only,
 * or is one's prefix. */
static void
test_long(void)
{
	static const size_t size[] = { 100 * 1000, 300 * 1000 };
	struct pl_seen s;
	struct pl_err e;
	uint32_t crc, len;
	size_t i, z;
	char *k;
	int bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	for (z = 0; z < 2; z++) {
		CHECK((k = malloc(size[z] + 2)) != NULL);
		if (k == NULL)
			return;
		memset(k, 'L', size[z] + 1);
		k[size[z] + 1] = '\0';
		for (i = 0; i < 8; i++) {	/* ...L0 to ...L7 */
			k[size[z]] = (char)('0' + i);
			crc = (uint32_t)(z * 10 + i);
			len = (uint32_t)size[z];
			if (pl_seen_add(&s, PL_SEEN_ORDER, k, &crc, &len) != 0)
				bad++;
		}
		k[size[z]] = '\0';		/* their prefix: another key */
		CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, k, NULL, NULL), 0);
		crc = 99;
		CHECK_INT(pl_seen_add(&s, PL_SEEN_ORDER, k, &crc, &len), 0);
		k[size[z]] = '8';
		k[size[z] + 1] = '\0';
		CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, k, NULL, NULL), 0);
		for (i = 0; i < 8; i++) {
			k[size[z]] = (char)('0' + i);
			crc = len = 0;
			if (pl_seen_add(&s, PL_SEEN_ORDER, k, &crc, &len) !=
			    1 || crc != (uint32_t)(z * 10 + i) || len != size[z])
				bad++;
		}
		k[size[z]] = '\0';
		CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, k, &crc, NULL), 1);
		CHECK_INT(crc, 99);
		free(k);
	}
	CHECK_INT(bad, 0);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/* Orders and buyers apart, past the front's flushes: the same keys are
 * new in each kind, with each kind's own checksum. */
static void
test_kinds(void)
{
	struct pl_seen s;
	struct pl_err e;
	uint32_t crc, len;
	uint64_t i, n = 3 * PL_SEEN_PENDING + 100;
	int bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	for (i = 0; i < n; i++) {
		crc = len = (uint32_t)i;
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 0)
			bad++;
	}
	for (i = 0; i < n; i++)
		if (pl_seen_find(&s, PL_SEEN_BUYER, key(i), NULL, NULL) != 0)
			bad++;
	for (i = 0; i < n; i += 2) {
		crc = len = (uint32_t)(i + 7);
		if (pl_seen_add(&s, PL_SEEN_BUYER, key(i), &crc, &len) != 0)
			bad++;
	}
	CHECK_INT(bad, 0);
	for (i = 0; i < n; i++) {
		crc = 0;
		if (pl_seen_find(&s, PL_SEEN_ORDER, key(i), &crc, NULL) != 1 ||
		    crc != (uint32_t)i)
			bad++;
		crc = 0;
		if (pl_seen_find(&s, PL_SEEN_BUYER, key(i), &crc, NULL) !=
		    (i % 2 == 0) || (i % 2 == 0 && crc != (uint32_t)(i + 7)))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/* A temporary folder that fills up: files over 64 KiB refused until
 * the old limit is set again. */
static void
fill_up(struct rlimit *old)
{
	struct rlimit lim;

	signal(SIGXFSZ, SIG_IGN);
	CHECK_INT(getrlimit(RLIMIT_FSIZE, old), 0);
	lim = *old;
	lim.rlim_cur = 64 * 1024;
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &lim), 0);
}

/* The folder fills up: the loss is said once, and from then on no key
 * is found, none refused. */
static void
test_full(void)
{
	struct rlimit old;
	struct pl_seen s;
	struct pl_err e;
	uint32_t crc = 1, len = 2;
	uint64_t i;
	int bad = 0;

	pl_err_clear(&e);
	fill_up(&old);
	CHECK_INT(pl_seen_open(&s, ORDERS, &e), 0);
	for (i = 0; i < 100000; i++)
		if (pl_seen_add(&s, PL_SEEN_ORDER, key(i), &crc, &len) != 0)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(s.lost.status, 3);
	CHECK(strstr(s.lost.msg, "cannot keep the run's order keys in a "
	    "temporary database: ") != NULL);
	CHECK(strstr(s.lost.msg, "(from then on an order sent twice in the "
	    "batch was not found)") != NULL);
	CHECK_INT(pl_seen_add(&s, PL_SEEN_ORDER, key(0), &crc, &len), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(99999), NULL, NULL), 0);
	pl_seen_close(&s);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &old), 0);
}

/* Timed keys: a key meets one kept at the same time, or when either
 * time is unstated (-1); past the page cache too. */
static void
test_meet(void)
{
	struct pl_seen s;
	struct pl_err e;
	uint64_t i, n = 200000;
	int bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, "responses", "a response given twice", &e),
	    0);
	for (i = 0; i < n; i++)
		if (pl_seen_meet(&s, key(i), (long long)(i % 86400)) != 0)
			bad++;
	CHECK_INT(bad, 0);
	for (i = 0; i < n; i += 997)
		if (pl_seen_meet(&s, key(i), (long long)(i % 86400)) != 1 ||
		    pl_seen_meet(&s, key(i), -1) != 1)
			bad++;
	CHECK_INT(bad, 0);
	/* the same key at another time is another response, kept */
	CHECK_INT(pl_seen_meet(&s, key(7), 8), 0);
	CHECK_INT(pl_seen_meet(&s, key(7), 8), 1);
	CHECK_INT(pl_seen_meet(&s, key(7), 9), 0);
	/* a key first without a time meets it at any time */
	CHECK_INT(pl_seen_meet(&s, "acme\x1f" "ann\x1f" "20000", -1), 0);
	CHECK_INT(pl_seen_meet(&s, "acme\x1f" "ann\x1f" "20000", 0), 1);
	CHECK_INT(pl_seen_meet(&s, "acme\x1f" "ann\x1f" "20000", 3600), 1);
	CHECK_INT(pl_seen_meet(&s, "acme\x1f" "ann\x1f" "20001", 3600), 0);
	/* compared whole, and apart from the orders' keys */
	CHECK_INT(pl_seen_meet(&s, "acme\x1f" "ann\x1f" "2000", -1), 0);
	CHECK_INT(pl_seen_meet(&s, "ACME\x1f" "ann\x1f" "20000", -1), 0);
	CHECK_INT(pl_seen_find(&s, PL_SEEN_ORDER, key(0), NULL, NULL), 0);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/* The keys kept after the mark are forgotten, those before stay; a
 * forgotten key is kept again, and the mark moves on. */
static void
test_forget(void)
{
	struct pl_seen s;
	struct pl_err e;
	uint64_t i;
	int bad = 0;

	pl_err_clear(&e);
	CHECK_INT(pl_seen_open(&s, "responses", "a response given twice", &e),
	    0);
	pl_seen_forget(&s);		/* nothing kept: nothing to forget */
	for (i = 0; i < 1000; i++)
		pl_seen_meet(&s, key(i), -1);
	pl_seen_mark(&s);
	for (i = 1000; i < 50000; i++)	/* past the page cache */
		pl_seen_meet(&s, key(i), (long long)i);
	CHECK_INT(pl_seen_meet(&s, key(0), 5), 1);	/* no new key */
	pl_seen_forget(&s);
	for (i = 0; i < 1000; i++)
		if (pl_seen_meet(&s, key(i), 1) != 1)
			bad++;
	CHECK_INT(bad, 0);
	for (i = 1000; i < 50000; i++)
		if (pl_seen_meet(&s, key(i), (long long)i) != 0)
			bad++;
	CHECK_INT(bad, 0);
	pl_seen_mark(&s);
	CHECK_INT(pl_seen_meet(&s, "new", -1), 0);
	pl_seen_forget(&s);
	pl_seen_forget(&s);
	CHECK_INT(pl_seen_meet(&s, key(49999), -1), 1);
	CHECK_INT(pl_seen_meet(&s, "new", 7), 0);
	CHECK_INT(pl_seen_meet(&s, "new", 7), 1);
	CHECK_INT(s.lost.status, 0);
	pl_seen_close(&s);
}

/* The same with timed keys, in the words the set was opened with; the
 * keys are not forgotten after the loss, nor found. */
static void
test_full_timed(void)
{
	struct rlimit old;
	struct pl_seen s;
	struct pl_err e;
	uint64_t i;
	int bad = 0;

	pl_err_clear(&e);
	fill_up(&old);
	CHECK_INT(pl_seen_open(&s, "responses", "a response given twice", &e),
	    0);
	pl_seen_mark(&s);
	for (i = 0; i < 100000; i++)
		if (pl_seen_meet(&s, key(i), -1) != 0)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(s.lost.status, 3);
	CHECK(strstr(s.lost.msg, "cannot keep the run's responses in a "
	    "temporary database: ") == s.lost.msg);
	CHECK(strstr(s.lost.msg, "(from then on a response given twice was "
	    "not found)") != NULL);
	pl_seen_forget(&s);
	CHECK_INT(pl_seen_meet(&s, key(0), -1), 0);
	CHECK_INT(s.lost.status, 3);
	pl_seen_close(&s);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &old), 0);
}

int
main(void)
{
	test_name = "seen";
	RUN(test_add_find);
	RUN(test_front);
	RUN(test_front_bloom_full);
	RUN(test_prefixes);
	RUN(test_long);
	RUN(test_kinds);
	RUN(test_meet);
	RUN(test_forget);
	RUN(test_full);
	RUN(test_full_timed);
	return test_done();
}
