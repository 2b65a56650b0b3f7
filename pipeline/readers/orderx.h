/*
 * orderx.h: the reader of Order-X, the UN/CEFACT Cross Industry Order
 * (reader.h).  parse.h chooses it for its root; its state is its own.
 */
#ifndef PL_ORDERX_H
#define PL_ORDERX_H

#include "reader.h"

extern const struct pl_reader_std pl_orderx_reader;

#endif
