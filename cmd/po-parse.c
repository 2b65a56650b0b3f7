/*
 * po-parse: read XML purchase orders, write the record stream.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"
#include "rec.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "files-from", required_argument, NULL, 'T' },
	{ "null", no_argument, NULL, '0' },
	{ "max-size", required_argument, NULL, 'm' },
	{ "attachments", required_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-0] [--attachments DIR] [--max-size BYTES] "
	    "[--files-from LIST] [FILE ...]\n", pl_progname());
	exit(status);
}

struct run {
	struct pl_parse p;
	struct pl_attach attach;	/* with --attachments */
	struct pl_buf out;
	struct pl_buf source;	/* a source name made valid UTF-8 */
	int status;
	int write_failed;
};

static void
parse_one(struct run *r, const char *path)
{
	struct pl_err e;
	const char *src;
	int i, rc;

	pl_err_clear(&e);
	rc = pl_parse_doc(&r->p, path, &e);
	for (i = 0; i < r->p.r.nwarn && i < PL_READER_MAX_WARN; i++)
		pl_diag(&r->p.r.warn[i]);
	if (r->p.r.nwarn > PL_READER_MAX_WARN)
		pl_warnx("%s: warning: %d more warnings", pl_input_display(path),
		    r->p.r.nwarn - PL_READER_MAX_WARN);
	/* a document's attachments are kept only when it is */
	if (rc == 0 && r->p.r.attach && r->attach.failed) {
		e = r->attach.err;
		snprintf(e.file, sizeof(e.file), "%s", pl_input_display(path));
		rc = -1;
	}
	if (rc == 0 && r->p.r.attach && pl_attach_commit(&r->attach, &e) < 0)
		rc = -1;
	if (rc < 0) {
		if (r->p.r.attach)
			pl_attach_abort(&r->attach);
		pl_diag(&e);
		r->status = pl_worst(r->status, e.status);
		return;
	}
	/* a file name may be any bytes; the stream is UTF-8 */
	src = r->p.r.o.f[PL_order_source];
	if (!pl_utf8_valid(src, strlen(src))) {
		if (pl_utf8_clean(src, &r->source) < 0)
			goto oom;
		r->p.r.o.f[PL_order_source] = r->source.s;
	}
	pl_buf_reset(&r->out);
	if (pl_order_format(&r->p.r.o, &r->out) < 0) {
oom:
		pl_warnx("%s: out of memory", pl_input_display(path));
		r->status = pl_worst(r->status, PL_EXIT_INTERNAL);
		return;
	}
	if (fwrite(r->out.s, 1, r->out.len, stdout) != r->out.len ||
	    ferror(stdout))
		r->write_failed = 1;
}

/* Parse every path listed in list ("-" is stdin). */
static void
parse_list(struct run *r, const char *list, int nul)
{
	struct pl_buf path;
	FILE *fp = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	int rc;

	if (fp == NULL) {
		pl_warnx("cannot open '%s': %s", list, strerror(errno));
		r->status = pl_worst(r->status, PL_EXIT_IO);
		return;
	}
	pl_buf_init(&path);
	while (!r->write_failed && (rc = pl_read_path(fp, nul, &path)) == 1)
		parse_one(r, path.s);
	if (!r->write_failed && rc < 0) {
		pl_warnx("cannot read '%s': %s", pl_input_display(list),
		    strerror(errno));
		r->status = pl_worst(r->status, PL_EXIT_IO);
	}
	pl_buf_release(&path);
	if (fp != stdin)
		fclose(fp);
}

int
main(int argc, char *argv[])
{
	static struct run r;
	const char *list = NULL, *why, *attach = NULL;
	struct pl_err e;
	long long max_size = (long long)PL_XML_MAX_SIZE;
	int ch, i, nul = 0;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();	/* getopt's messages */
	while ((ch = getopt_long(argc, argv, "hV0T:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'T': list = optarg; break;
		case '0': nul = 1; break;
		case 'A': attach = optarg; break;
		case 'm':
			if (pl_strtonum(optarg, 1024, 1LL << 40, 1, &max_size,
			    &why) < 0) {
				pl_warnx("--max-size '%s' is %s", optarg, why);
				usage(stderr, PL_EXIT_USAGE);
			}
			break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (pl_parse_init(&r.p, (unsigned long long)max_size) < 0) {
		pl_warnx("out of memory");
		return PL_EXIT_INTERNAL;
	}
	if (attach && pl_attach_init(&r.attach, attach, &e) < 0) {
		pl_diag(&e);
		return e.status;
	}
	if (attach)
		r.p.r.attach = &r.attach;
	pl_buf_init(&r.out);
	pl_buf_init(&r.source);
	puts(PL_REC_HEADER);
	if (argc == 0 && list == NULL)
		parse_one(&r, "-");
	for (i = 0; i < argc && !r.write_failed; i++)
		parse_one(&r, argv[i]);
	if (list != NULL && !r.write_failed)
		parse_list(&r, list, nul);
	pl_parse_release(&r.p);
	if (attach)
		pl_attach_release(&r.attach);
	pl_buf_release(&r.out);
	pl_buf_release(&r.source);
	return pl_worst(r.status, pl_cli_close_stdout());
}
