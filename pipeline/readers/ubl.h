/*
 * ubl.h: the reader of OASIS UBL 2.0-2.4 Order, OrderChange and
 * OrderCancellation, Peppol BIS Ordering 3 and its national variants
 * (reader.h).  parse.h chooses it for a UBL root; its state is its own.
 */
#ifndef PL_UBL_H
#define PL_UBL_H

#include "reader.h"

extern const struct pl_reader_std pl_ubl_reader;

#endif
