/*
 * num.h: numbers written as printf writes them, without printf where it
 * is safe to do without.
 *
 * The record stream writes quantities as "%.12g" and amounts as "%.2f";
 * po-check and its reduce write one of each for every line and every
 * order (the load records, the capacity records, the verdicts), and
 * printf's floating-point formatting was a tenth of the reduce's time.
 * These give the very bytes printf gives: the common case (a whole
 * quantity, an amount whose rounding is plain) by integer digits, every
 * other case by snprintf() itself.  tests/unit/test_num.c holds them to
 * snprintf() over edge cases and millions of random values.
 */
#ifndef PL_NUM_H
#define PL_NUM_H

#include <stddef.h>

/* v as snprintf(buf, size, "%.12g", v) writes it. */
void pl_num_g12(char *buf, size_t size, double v);

/* v as snprintf(buf, size, "%.2f", v) writes it. */
void pl_num_2f(char *buf, size_t size, double v);

#endif
