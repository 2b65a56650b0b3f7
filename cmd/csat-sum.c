/*
 * csat-sum: the customer-satisfaction workbook from survey exports, or
 * with --partial their aggregates as records, to be merged later.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csat.h"
#include "csatbook.h"
#include "rec.h"
#include "sheet.h"
#include "survey.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "survey", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "period", required_argument, NULL, 'p' },
	{ "alert", required_argument, NULL, 'a' },
	{ "lang", required_argument, NULL, 'l' },
	{ "tmpdir", required_argument, NULL, 'T' },
	{ "partial", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s -d SURVEY.xml -o FILE.xlsx [--format "
	    "google|msforms|limesurvey|qualtrics|xml|partial] [--period "
	    "month|quarter] [--alert PERCENT] [--lang en|zh|both] [--tmpdir "
	    "DIR] [FILE ...]\n"
	    "       %s -d SURVEY.xml --partial [-o FILE] [--format NAME] "
	    "[FILE ...]\n", pl_progname(), pl_progname());
	exit(status);
}

static int
pick(const char *opt, const char *arg, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	pl_warnx("%s '%s': unknown", opt, arg);
	usage(stderr, PL_EXIT_USAGE);
	return -1;
}

struct run {
	struct pl_csatbook *book;
	FILE *part;		/* --partial: the records' stream */
	int status;
	int werr;		/* errno of a failed write to part */
	int unread;		/* an input could not be read whole */
};

static void
on_bad(void *user, const struct pl_err *e)
{
	struct run *r = user;

	pl_diag(e);
	r->status = pl_worst(r->status, e->status);
}

static void
on_comment(void *user, const struct pl_csat_comment *cm)
{
	struct run *r = user;

	if (r->book)
		pl_csatbook_comment(r->book, cm);
	else if (r->werr == 0 && pl_csat_write_comment(r->part, cm) < 0)
		r->werr = errno ? errno : EIO;
}

static void
read_all(struct pl_csat *c, struct run *r, int argc, char **argv,
    int format)
{
	const struct pl_err *lost;
	struct pl_err e;
	int i;

	for (i = 0; i < (argc ? argc : 1); i++)
		if (pl_csat_read(c, argc ? argv[i] : "-", format, &e) < 0) {
			pl_diag(&e);
			r->status = pl_worst(r->status, e.status);
			r->unread |= e.status == PL_EXIT_IO;
		}
	/* the responses kept to find repeats were lost: none found since */
	if ((lost = pl_csat_lost(c)) != NULL) {
		pl_diag(lost);
		r->status = pl_worst(r->status, lost->status);
	}
	if (pl_csat_repeats(c) > 0)	/* handled: said, not an error */
		pl_warnx("%ld repeated response%s left out: the same customer, "
		    "respondent and time as a response read before",
		    pl_csat_repeats(c), pl_csat_repeats(c) == 1 ? "" : "s");
}

/* --partial: records to out (NULL or "-": stdout), through a temporary
 * file beside out that is renamed into place once written whole. */
static int
partial(struct pl_csat *c, struct run *r, const char *out, int argc,
    char **argv, int format)
{
	char *tmp = NULL;
	struct pl_err e;
	int bad;

	r->part = stdout;
	if (out && strcmp(out, "-") != 0 && ((tmp = pl_book_tmpfile(out,
	    "csat-sum", &e)) == NULL || (r->part = fopen(tmp, "w")) == NULL)) {
		if (tmp)
			pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot open '%s': "
			    "%s", tmp, strerror(errno));
		pl_diag(&e);
		if (tmp)
			unlink(tmp);
		free(tmp);
		return e.status;
	}
	if (fprintf(r->part, "%s\n", PL_REC_HEADER) < 0)
		r->werr = errno;
	read_all(c, r, argc, argv, format);
	e.status = PL_EXIT_OK;
	if (pl_csat_write_partial(c, r->part, &e) < 0)
		pl_diag(&e);
	else if (r->werr)
		e.status = pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot write "
		    "the partial aggregates: %s", strerror(r->werr));
	if (tmp) {
		bad = e.status != PL_EXIT_OK;
		if ((fflush(r->part) != 0 || fsync(fileno(r->part)) != 0 ||
		    ferror(r->part)) && !bad)
			e.status = pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot "
			    "write '%s': %s", out, strerror(errno));
		if (fclose(r->part) != 0 && e.status == PL_EXIT_OK)
			e.status = pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot "
			    "write '%s': %s", out, strerror(errno));
		if (e.status == PL_EXIT_OK && rename(tmp, out) < 0)
			e.status = pl_err_set(&e, PL_EXIT_IO, NULL, 0, "cannot "
			    "rename to '%s': %s", out, strerror(errno));
		if (e.status != PL_EXIT_OK) {
			if (!bad)
				pl_diag(&e);
			unlink(tmp);
		}
		free(tmp);
	} else if (r->werr) {
		pl_diag(&e);
	}
	return e.status;
}

int
main(int argc, char *argv[])
{
	static const char *const langs[] = { "en", "zh", "both" };
	static const char *const periods[] = { "month", "quarter" };
	static const struct pl_csat_handler h = { on_bad, on_comment };
	struct pl_csatbook_opts opts = { PL_LANG_BOTH, 0, NULL, 0.7 };
	const char *out = NULL, *def = NULL, *sde = getenv("SOURCE_DATE_EPOCH");
	const char *why;
	int ch, format = PL_CSAT_DETECT, period = PL_CSAT_QUARTER, part = 0;
	struct run r = { NULL, NULL, PL_EXIT_OK, 0, 0 };
	struct pl_csat_summary sum;
	struct pl_survey s;
	struct pl_csat *c;
	struct pl_err e;
	char *tmp;
	long long n;

	pl_cli_init(argv[0]);
	signal(SIGXFSZ, SIG_IGN);	/* a file-size limit is a write error */
	while ((ch = getopt_long(argc, argv, "hVd:o:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'd': def = optarg; break;
		case 'o': out = optarg; break;
		case 'f':
			if ((format = pl_csat_format(optarg)) < 0) {
				pl_warnx("--format '%s': google, msforms, "
				    "limesurvey, qualtrics, xml or partial",
				    optarg);
				usage(stderr, PL_EXIT_USAGE);
			}
			break;
		case 'p': period = pick("--period", optarg, periods, 2); break;
		case 'a':
			if (pl_strtonum(optarg, 0, 100, 0, &n, &why) < 0) {
				pl_warnx("--alert '%s' is %s (a percentage)",
				    optarg, why);
				usage(stderr, PL_EXIT_USAGE);
			}
			opts.alert = (double)n / 100;
			break;
		case 'l': opts.lang = pick("--lang", optarg, langs, 3); break;
		case 'T': opts.tmpdir = optarg; break;
		case 'P': part = 1; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if ((out == NULL && !part) || def == NULL) {
		pl_warnx("%s is required", def ? "-o FILE.xlsx" :
		    "-d SURVEY.xml");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (sde && *sde)
		opts.created = (time_t)strtoll(sde, NULL, 10);
	/* every input is there before the target is touched */
	if (out && !part && pl_cli_inputs(argc, argv, out) != PL_EXIT_OK)
		return PL_EXIT_IO;
	if (pl_survey_load(&s, def, &e) < 0) {
		pl_diag(&e);
		return e.status;
	}
	if ((c = pl_csat_new(&s, period, &h, &r, &e)) == NULL ||
	    (!part && (tmp = pl_book_tmpfile(out, "csat-sum", &e)) == NULL)) {
		pl_diag(&e);
		pl_csat_free(c);
		pl_survey_release(&s);
		return e.status;
	}
	if (part) {
		e.status = partial(c, &r, out, argc, argv, format);
		tmp = NULL;
		goto done;
	}
	if ((r.book = pl_csatbook_open(tmp, &opts, &s, &e)) == NULL) {
		pl_diag(&e);
		unlink(tmp);
		goto done;
	}
	read_all(c, &r, argc, argv, format);
	if (pl_csat_summarise(c, &sum, &e) < 0) {
		pl_diag(&e);	/* out of memory: the workbook is left out */
		unlink(tmp);
		goto done;
	}
	if (pl_csatbook_close(r.book, c, &sum, &e) < 0 ||
	    (r.unread && pl_err_set(&e, PL_EXIT_IO, NULL, 0, "an input could "
	    "not be read whole: '%s' not written", out) < 0) ||
	    pl_book_commit(tmp, out, &e) < 0) {
		pl_diag(&e);
		unlink(tmp);
	} else
		e.status = PL_EXIT_OK;
	pl_csat_summary_release(&sum);
done:
	r.status = pl_worst(r.status, e.status);
	free(tmp);
	pl_csat_free(c);
	pl_survey_release(&s);
	return pl_worst(r.status, pl_cli_close_stdout());
}
