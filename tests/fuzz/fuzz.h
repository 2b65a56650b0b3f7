/*
 * fuzz.h: what the libFuzzer harnesses of tests/fuzz share.
 *
 * Each harness defines LLVMFuzzerTestOneInput() and, if it has one-time
 * setup, LLVMFuzzerInitialize().  The pipeline reads files by path, so an
 * input is handed over as a path: fuzz_path() puts the bytes in a memory
 * file and names it.  Reference files (samples/catalog.xml, ...) are read
 * relative to the project, where make fuzz and tests/fuzz.sh run them.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A path ("/proc/self/fd/N") whose content is the size bytes at data, the
 * same path on every call; aborts when the memory file cannot be made. */
const char *fuzz_path(const uint8_t *data, size_t size);

struct pl_catalog;
struct pl_rules;

/* samples/catalog.xml and samples/rules.xml, and 2026-11-27 as today
 * (the day the sample batch is reviewed for): the review harnesses'
 * one-time setup; exits as fuzz_setup_failed() when one will not load. */
void fuzz_sample_refs(struct pl_catalog **cat, struct pl_rules **rules,
    int *today);

/* A stream to write what a harness makes and no one reads. */
FILE *fuzz_null(void);

/* One-time setup failed: say e and exit (no input can be tried). */
void fuzz_setup_failed(const struct pl_err *e) __attribute__((noreturn));

/* What must hold: else say which harness check failed, and abort, which
 * libFuzzer reports as a crash and saves the input of. */
#define FUZZ_ASSERT(x) ((x) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #x))
void fuzz_fail(const char *file, int line, const char *what);

#endif
