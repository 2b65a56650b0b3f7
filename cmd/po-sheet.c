/*
 * po-sheet: write the contract-review workbook from the reviewed stream.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "docs.h"
#include "per.h"
#include "rec.h"
#include "sheet.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, 'l' },
	{ "max-forms", required_argument, NULL, 'm' },
	{ "tmpdir", required_argument, NULL, 'T' },
	{ "forms-dir", required_argument, NULL, 'F' },
	{ "per", required_argument, NULL, 'P' },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s -o FILE.xlsx [--lang en|zh|both] [--max-forms N] "
	    "[--forms-dir DIR] [--tmpdir DIR] [FILE ...]\n"
	    "       %s --per department|customer -o DIR [-j N] [--lang ...] "
	    "[FILE ...]\n", pl_progname(), pl_progname());
	exit(status);
}

struct run {
	struct pl_sheet *s;
	struct pl_docs d;
	int status;
	int unread;		/* an input could not be read whole */
};

static void
on_doc(void *user, struct pl_docs *d)
{
	struct run *r = user;

	pl_sheet_doc(r->s, &d->o, d->have_verdict ? d->verdict : NULL);
}

static void
on_other(void *user, char *const *f, int nf)
{
	struct run *r = user;

	if (nf > 0 && strcmp(f[0], "run") == 0)
		pl_sheet_run(r->s, f, nf);
	else if (nf > 0 && strcmp(f[0], "capacity") == 0)
		pl_sheet_capacity(r->s, f, nf);
}

static void
on_error(void *user, const struct pl_err *e)
{
	struct run *r = user;

	pl_diag(e);
	r->status = pl_worst(r->status, e->status);
	r->unread |= e->status == PL_EXIT_IO;
}

static const struct pl_docs_handler handler = { on_doc, NULL, on_other,
	on_error };

/* --per: the workbooks of the departments or customers in folder out. */
static int
per_run(int what, int jobs, const char *out, const struct pl_sheet_opts *so,
    int argc, char **argv)
{
	struct pl_per_opts po;
	struct stat st;
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (stat(out, &st) < 0 || !S_ISDIR(st.st_mode)) {
		pl_warnx("-o '%s': %s (--per writes a workbook for each %s in "
		    "it)", out, stat(out, &st) < 0 && errno == ENOENT ?
		    "no such folder: make it first" : "not a folder",
		    what == PL_PER_DEPT ? "department" : "customer");
		return PL_EXIT_IO;
	}
	if (so->forms_dir) {
		pl_warnx("--forms-dir and --per: one or the other");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_cli_inputs(argc, argv, out) != PL_EXIT_OK)
		return PL_EXIT_IO;
	memset(&po, 0, sizeof(po));
	po.what = what;
	po.jobs = jobs;
	po.dir = out;
	po.sheet = *so;
	if (sde && *sde)
		po.sheet.created = (time_t)strtoll(sde, NULL, 10);
	po.diag = pl_diag;
	return pl_worst(pl_per_run(&po, argc, argv), pl_cli_close_stdout());
}

int
main(int argc, char *argv[])
{
	static struct run r;
	struct pl_sheet_opts opts = { PL_LANG_BOTH, 100, NULL, 0, NULL, 0, 0,
	    NULL, NULL };
	const char *rows = getenv("POREVIEW_SHEET_ROWS");
	const char *out = NULL, *why, *sde = getenv("SOURCE_DATE_EPOCH");
	char *tmp = NULL;
	struct pl_err e;
	struct stat st;
	long long n;
	int ch, i, per = -1, jobs = 1;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	signal(SIGXFSZ, SIG_IGN);	/* a file-size limit is a write error */
	while ((ch = getopt_long(argc, argv, "hVo:j:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'o': out = optarg; break;
		case 'l':
			if (strcmp(optarg, "en") == 0)
				opts.lang = PL_LANG_EN;
			else if (strcmp(optarg, "zh") == 0)
				opts.lang = PL_LANG_ZH;
			else if (strcmp(optarg, "both") == 0)
				opts.lang = PL_LANG_BOTH;
			else {
				pl_warnx("--lang '%s': en, zh or both", optarg);
				usage(stderr, PL_EXIT_USAGE);
			}
			break;
		case 'm':
			if (pl_strtonum(optarg, 0, 10000, 0, &n, &why) < 0) {
				pl_warnx("--max-forms '%s' is %s", optarg, why);
				usage(stderr, PL_EXIT_USAGE);
			}
			opts.max_forms = (int)n;
			break;
		case 'T': opts.tmpdir = optarg; break;
		case 'F': opts.forms_dir = optarg; break;
		case 'P':
			per = strcmp(optarg, "department") == 0 ? PL_PER_DEPT :
			    strcmp(optarg, "customer") == 0 ? PL_PER_CUSTOMER : -1;
			if (per < 0) {
				pl_warnx("--per '%s': department or customer",
				    optarg);
				usage(stderr, PL_EXIT_USAGE);
			}
			break;
		case 'j':
			if (pl_strtonum(optarg, 1, 64, 0, &n, &why) < 0) {
				pl_warnx("-j '%s' is %s (1 to 64)", optarg, why);
				usage(stderr, PL_EXIT_USAGE);
			}
			jobs = (int)n;
			break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (out == NULL) {
		pl_warnx(per >= 0 ? "-o DIR is required (the folder of the "
		    "workbooks)" : "-o FILE.xlsx is required (a workbook cannot "
		    "go to a pipe)");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (per >= 0)
		return per_run(per, jobs, out, &opts, argc, argv);
	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		pl_warnx("'%s' exists and is not a regular file: refused", out);
		return PL_EXIT_IO;
	}
	if (sde && *sde)
		opts.created = (time_t)strtoll(sde, NULL, 10);
	/* tests lower the rows a sheet holds to see sheets go on */
	if (rows && pl_strtonum(rows, 10, 1048576, 0, &n, &why) == 0)
		opts.rows_max = (int)n;
	if (opts.forms_dir && (stat(opts.forms_dir, &st) < 0 ||
	    !S_ISDIR(st.st_mode))) {
		pl_warnx("--forms-dir '%s': not a folder", opts.forms_dir);
		return PL_EXIT_IO;
	}
	/* every input is there before the target is touched */
	if (pl_cli_inputs(argc, argv, out) != PL_EXIT_OK)
		return PL_EXIT_IO;
	/* write beside the target, then rename: cron never sees half a file */
	if ((tmp = pl_book_tmpfile(out, "po-sheet", &e)) == NULL) {
		pl_diag(&e);
		return e.status;
	}
	pl_docs_init(&r.d, &handler, &r);
	r.d.want = PL_DOCS_REVIEWED;
	if ((r.s = pl_sheet_open(tmp, &opts, &e)) == NULL) {
		pl_diag(&e);
		unlink(tmp);
		return e.status;
	}
	if (argc == 0)
		pl_docs_read(&r.d, "-");
	for (i = 0; i < argc; i++)
		pl_docs_read(&r.d, argv[i]);
	pl_docs_end(&r.d);
	pl_docs_release(&r.d);
	if (pl_sheet_warning(r.s, &e))
		pl_diag(&e);
	/* no review came, or an input could not be read whole: the workbook
	 * there stays as it is */
	if ((!r.d.reviewed || r.unread) && pl_err_set(&e,
	    r.status ? r.status : PL_EXIT_DATA, NULL, 0, "%s: '%s' not written",
	    r.unread ? "an input could not be read whole" :
	    "no reviewed records (po-check's output)", out) < 0) {
		pl_diag(&e);
		pl_sheet_close(r.s, NULL);
		unlink(tmp);
		free(tmp);
		return e.status;
	}
	if (pl_sheet_close(r.s, &e) < 0 || pl_book_commit(tmp, out, &e) < 0) {
		pl_diag(&e);
		unlink(tmp);
		free(tmp);
		return pl_worst(r.status, e.status);
	}
	free(tmp);
	return pl_worst(r.status, pl_cli_close_stdout());
}
