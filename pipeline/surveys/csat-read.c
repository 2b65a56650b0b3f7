/*
 * csat-read.c: pl_csat_read() (csat.h), above the summary and its input
 * adapters: it finds what a file is (a partial, XML, a CSV export) and
 * hands it to the one that reads it, then has csat.c accept or reject
 * the file.  The adapters call csat.c, and csat.c calls none of them.
 */
#include "csat.h"

#include <string.h>

#include "csat-csv.h"
#include "csat-int.h"
#include "csat-xml.h"
#include "input.h"

int
pl_csat_read(struct pl_csat *c, const char *path, int format,
    struct pl_err *e)
{
	struct pl_input in;
	const unsigned char *head;
	int n, rc, i = 0;

	if (format != PL_CSAT_XML) {
		if (pl_input_open(&in, path, 0, e) < 0) {
			c->rejected++;
			return -1;
		}
		n = pl_input_peek(&in, &head);
		if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < n && (head[i] == ' ' || head[i] == '\n' ||
		    head[i] == '\r' || head[i] == '\t'))
			i++;
		if (format == PL_CSAT_PARTIAL || (format == PL_CSAT_DETECT &&
		    n > 0 && head[0] == '#')) {
			format = PL_CSAT_PARTIAL;
			rc = pl_csat_read_partial(c, &in, e);
			pl_input_close(&in);
		} else if (format == PL_CSAT_DETECT && i < n && head[i] == '<') {
			pl_input_close(&in);
			if (strcmp(path, "-") == 0) {
				c->rejected++;
				return pl_err_set(e, PL_EXIT_DATA, "<stdin>", 0,
				    "XML on the standard input: name it with "
				    "--format xml");
			}
			format = PL_CSAT_XML;
		} else {
			rc = pl_csat_csv_read(c, &in, format, e);
			pl_input_close(&in);
		}
	}
	if (format == PL_CSAT_XML)
		rc = pl_csat_xml_read(c, path, e);
	if (rc == 0 && pl_csat_accept_file(c, pl_input_display(path),
	    format == PL_CSAT_PARTIAL, e) == 0)
		return 0;
	pl_csat_reject_file(c);
	return -1;
}

