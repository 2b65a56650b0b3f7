/* fuzz.c: the harnesses' memory file and failed check (fuzz.h). */
#define _GNU_SOURCE
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "catalog.h"
#include "date.h"
#include "rules.h"

const char *
fuzz_path(const uint8_t *data, size_t size)
{
	static char path[32];
	static int fd = -1;

	if (fd < 0) {
		if ((fd = memfd_create("fuzz-input", 0)) < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size > 0 &&
	    pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz input");
		abort();
	}
	return path;
}

void
fuzz_sample_refs(struct pl_catalog **cat, struct pl_rules **rules,
    int *today)
{
	struct pl_err e;

	if ((*cat = pl_catalog_load("samples/catalog.xml", &e)) == NULL ||
	    (*rules = pl_rules_load("samples/rules.xml", &e)) == NULL ||
	    pl_date_today("2026-11-27", today, &e) < 0)
		fuzz_setup_failed(&e);
}

FILE *
fuzz_null(void)
{
	static FILE *fp;

	if (fp == NULL && (fp = fopen("/dev/null", "w")) == NULL) {
		perror("/dev/null");
		abort();
	}
	return fp;
}

void
fuzz_setup_failed(const struct pl_err *e)
{
	fprintf(stderr, "%s:%ld: %s\n", e->file, e->line, e->msg);
	exit(1);
}

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}
