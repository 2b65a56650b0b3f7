/*
 * csat-xml.h: csat-sum's own XML of responses (schemas/responses.xsd
 * describes it), for what no form tool exports: a <responses>
 * root in urn:poreview:responses:1 (its survey attribute, when given,
 * must be the definition's id), a <response> per response with its
 * customer, date and id, and an <answer question="..."> per answer.
 * Read through the hardened streaming reader of xml.h (no network, no
 * entity), one response at a time; a response with an answer off its
 * scale, no customer or no date is bad: reported and skipped.
 */
#ifndef PL_CSAT_XML_H
#define PL_CSAT_XML_H

#include "csat.h"
#include "err.h"

/*
 * Read the file at path ("-" is stdin) with c's reader and add its
 * responses to c (csat-int.h).  0 when it was read whole, or -1 with e
 * filled: PL_EXIT_DATA when it is not well-formed or not a responses
 * document, PL_EXIT_IO when it cannot be read, PL_EXIT_CONFIG for
 * responses to another survey or a question the definition does not
 * have, PL_EXIT_INTERNAL when out of memory.
 */
int pl_csat_xml_read(struct pl_csat *c, const char *path, struct pl_err *e);

#endif
