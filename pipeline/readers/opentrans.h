/*
 * opentrans.h: the reader of openTRANS 2.1 ORDER (reader.h).  parse.h
 * chooses it for its root; its state is its own.
 */
#ifndef PL_OPENTRANS_H
#define PL_OPENTRANS_H

#include "reader.h"

extern const struct pl_reader_std pl_opentrans_reader;

#endif
