/*
 * input.h: every input a command reads, stdin included, goes through zlib,
 * so gzip works everywhere, and through a counter, so a document's size
 * after decompression is bounded (a gzip bomb stops at the limit) and its
 * CRC-32 and length are known when it has been read.
 *
 * struct pl_input is owned by the caller.  pl_input_open() opens a path, or
 * stdin for "-" (shown as "<stdin>"); pl_input_close() closes it and may be
 * called on a closed input.
 */
#ifndef PL_INPUT_H
#define PL_INPUT_H

#include <stddef.h>

#include "err.h"

struct pl_input {
	void *gz;		/* gzFile */
	char name[256];		/* display name */
	unsigned long long limit;	/* most bytes to deliver; 0: none */
	unsigned long long count;	/* bytes delivered so far */
	unsigned long crc;	/* CRC-32 of the bytes delivered */
	int over;		/* the limit was passed */
	int failed;		/* 1 bad or truncated gzip data, 2 a read error */
	char why[128];		/* what that error was */
	unsigned char head[4];	/* bytes peeked, served first by read */
	int headlen, headpos;
};

/* Open path ("-" is stdin) for reading at most limit bytes (0: no limit).
 * -1 with e filled (PL_EXIT_IO) when it cannot be opened. */
int pl_input_open(struct pl_input *in, const char *path,
    unsigned long long limit, struct pl_err *e);

/*
 * Read up to len bytes into buf.  Returns the count, 0 at the end, or -1
 * when the limit was passed (in->over) or reading or decompressing failed
 * (in->failed, with in->why): a truncated gzip stream is such a failure.
 */
int pl_input_read(struct pl_input *in, char *buf, int len);

/*
 * Look at the first bytes (up to 4) without consuming them: they are
 * delivered by the next reads as usual.  Returns how many there are (0 for
 * an empty input), or -1 as pl_input_read().  Call before any read.
 */
int pl_input_peek(struct pl_input *in, const unsigned char **head);

void pl_input_close(struct pl_input *in);

/* "<stdin>" for "-", else path. */
const char *pl_input_display(const char *path);

#endif
