/*
 * po-inbox: the spool folder that cron empties every night.  Claim the
 * orders dropped into SPOOL/inbox and the signed review workbooks saved
 * into SPOOL/signed, review the orders as one batch (po-parse, po-check,
 * po-sheet, po-ledger commit, each run as a child process), commit the
 * workbooks' decisions (po-signoff, po-ledger commit), and file the
 * originals, so that whatever stops the machine no file is lost,
 * reviewed twice or committed twice.  The engine is the library's:
 * inbox.h (the spool, its settings and the steps) over journal.h (the
 * batch and its recovery).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inbox.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "init", no_argument, NULL, 'I' },
	{ "settle", required_argument, NULL, 's' },
	{ "stuck", required_argument, NULL, 'S' },
	{ "catalog", required_argument, NULL, 'c' },
	{ "rules", required_argument, NULL, 'r' },
	{ "ledger", required_argument, NULL, 'l' },
	{ "lang", required_argument, NULL, 'L' },
	{ "today", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

/* The options that set what poreview.conf sets, by their letter. */
static const char setting_opt[] = "crlLsS";
static const char *const setting_key[] = { "catalog", "rules", "ledger",
	"lang", "settle", "stuck" };

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-v] [--settle SECONDS] [--stuck SECONDS] "
	    "[--catalog FILE]\n"
	    "       [--rules FILE] [--ledger FILE] [--lang en|zh|both]\n"
	    "       [--today YYYY-MM-DD] SPOOL\n"
	    "       %s --init SPOOL\n", pl_progname(), pl_progname());
	exit(status);
}

/*
 * A test knob (po-inbox(1), ENVIRONMENT): PO_INBOX_TEST_KILL=STAGE makes
 * po-inbox kill itself with SIGKILL when it reaches STAGE, as a power cut
 * would, so tests can stop it at each point of a batch.
 */
static void
stage(const char *name)
{
	const char *k = getenv("PO_INBOX_TEST_KILL");

	if (k != NULL && strcmp(k, name) == 0)
		raise(SIGKILL);
}

/* Print e and return its status. */
static int
failed(const struct pl_err *e)
{
	pl_diag(e);
	return e->status;
}

int
main(int argc, char *argv[])
{
	static struct pl_inbox ib;
	const char *today = NULL, *setting[sizeof(setting_opt) - 1] = { NULL };
	const char *hit;
	struct pl_err e;
	int ch, i, init = 0, lock, status = PL_EXIT_OK;

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	pl_inbox_init(&ib, stderr, stage);
	while ((ch = getopt_long(argc, argv, "hVv", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 'v': ib.verbose = 1; break;
		case 'I': init = 1; break;
		case 't': today = optarg; break;
		case 'c': case 'r': case 'l': case 'L': case 's': case 'S':
			hit = strchr(setting_opt, ch);
			setting[hit - setting_opt] = optarg;
			break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	if (argc - optind != 1)
		usage(stderr, PL_EXIT_USAGE);
	pl_err_clear(&e);
	if (pl_inbox_spool(&ib, argv[optind], &e) < 0 ||
	    pl_inbox_today(&ib, today, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_inbox_find_tools(&ib, &e) < 0)
		return failed(&e);
	if (init) {
		if (pl_inbox_lay_out(&ib, &e) < 0)
			return failed(&e);
		printf("%s: %s is ready: edit poreview.conf, catalog.xml and "
		    "rules.xml there, and drop orders into inbox/\n",
		    pl_progname(), ib.spool);
		return pl_cli_close_stdout();
	}
	if (pl_inbox_absolute(&ib, &e) < 0 || pl_inbox_read_conf(&ib, &e) < 0)
		return failed(&e);
	for (i = 0; i < (int)sizeof(setting_opt) - 1; i++)
		if (setting[i] != NULL && pl_inbox_option(&ib, setting_key[i],
		    setting[i]) < 0) {
			pl_warnx("bad value for an option");
			usage(stderr, PL_EXIT_USAGE);
		}
	if ((lock = pl_inbox_lock(&ib, &e)) < 0)
		return failed(&e);
	if (pl_inbox_run(&ib, &e) < 0)
		status = failed(&e);
	pl_inbox_summary(&ib, stdout);
	if (pl_inbox_failed(&ib))
		status = pl_worst(status, PL_EXIT_DATA);
	pl_inbox_release(&ib);
	close(lock);
	return pl_worst(status, pl_cli_close_stdout());
}
