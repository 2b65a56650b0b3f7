/*
 * cxml.h: the reader of cXML OrderRequest, new, update and delete
 * (reader.h).  parse.h chooses it for a cXML root; its state is its own.
 */
#ifndef PL_CXML_H
#define PL_CXML_H

#include "reader.h"

extern const struct pl_reader_std pl_cxml_reader;

#endif
