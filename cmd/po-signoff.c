/*
 * po-signoff: read signed review workbooks back into records.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "rec.h"
#include "signoff.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "today", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--today YYYY-MM-DD] [FILE.xlsx ...]\n",
	    pl_progname());
	exit(status);
}

static void
on_refuse(void *user, const struct pl_err *e)
{
	int *status = user;

	pl_diag(e);
	*status = pl_worst(*status, e->status);
}

/* The standard input copied to a temporary file (a zip is read from its
 * end, a pipe cannot be); its path, or NULL with e filled. */
static char *
stdin_copy(struct pl_err *e)
{
	const char *dir = getenv("TMPDIR");

	return pl_cli_keep_stdin(dir && *dir ? dir : "/tmp", "po-signoff", e);
}

static int
run_one(struct pl_signoff *s, const char *arg)
{
	const char *name = arg;
	char *copy = NULL;
	struct pl_err e;
	int status = PL_EXIT_OK;

	if (strcmp(arg, "-") == 0) {
		if ((copy = stdin_copy(&e)) == NULL) {
			pl_diag(&e);
			return e.status;
		}
		arg = copy;
		name = "<stdin>";
	}
	if (pl_signoff_read(s, arg, name, stdout, on_refuse, &status, &e) < 0) {
		pl_diag(&e);
		status = pl_worst(status, e.status);
	}
	if (copy) {
		unlink(copy);
		free(copy);
	}
	return status;
}

int
main(int argc, char *argv[])
{
	const char *today = NULL;
	struct pl_signoff *s;
	struct pl_err e;
	int ch, i, t, status = PL_EXIT_OK;

	pl_cli_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 't': today = optarg; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (pl_date_today(today, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	if ((s = pl_signoff_new(t, &e)) == NULL) {
		pl_diag(&e);
		return e.status;
	}
	printf("%s\n", PL_REC_HEADER);
	if (argc == 0)
		status = run_one(s, "-");
	for (i = 0; i < argc; i++)
		status = pl_worst(status, run_one(s, argv[i]));
	if (pl_signoff_end(s, stdout, &e) < 0) {
		pl_diag(&e);
		status = pl_worst(status, e.status);
	}
	pl_signoff_free(s);
	return pl_worst(status, pl_cli_close_stdout());
}
