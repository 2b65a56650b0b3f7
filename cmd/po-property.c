/*
 * po-property: the customer-property log and its register.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "ledger.h"
#include "property.h"
#include "register.h"
#include "sheet.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "today", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, 'l' },
	{ "qty", required_argument, NULL, 'q' },
	{ "unit", required_argument, NULL, 'u' },
	{ "condition", required_argument, NULL, 'c' },
	{ "location", required_argument, NULL, 'L' },
	{ "note", required_argument, NULL, 'n' },
	{ "who", required_argument, NULL, 'w' },
	{ "when", required_argument, NULL, 'W' },
	{ "delivery", required_argument, NULL, 'D' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	const char *p = pl_progname();

	fprintf(fp, "usage: %s [--today YYYY-MM-DD] EVENT LEDGER ITEM [ok | "
	    "nonconforming]\n"
	    "           --who NAME [--when YYYY-MM-DD] [--qty N] [--unit CODE]\n"
	    "           [--delivery N] [--condition TEXT] [--location TEXT] "
	    "[--note TEXT]\n"
	    "       %s [--today YYYY-MM-DD] import LEDGER FILE.csv | FILE.xml\n"
	    "       %s [--today YYYY-MM-DD] list LEDGER\n"
	    "       %s [--today YYYY-MM-DD] [--lang en|zh|both] -o FILE.xlsx "
	    "sheet LEDGER\n"
	    "EVENT: %s\n",
	    p, p, p, p, pl_property_events);
	exit(status);
}

/* Whether s is a subcommand: an event, import, list or sheet. */
static int
subcommand(const char *s)
{
	return pl_property_known(s) || strcmp(s, "import") == 0 ||
	    strcmp(s, "list") == 0 || strcmp(s, "sheet") == 0;
}

/* Record the events, all or nothing. */
static int
record(struct pl_ledger *l, const char *cmd, char **argv, int argc,
    struct pl_property_event *ev, const char *today, struct pl_err *e)
{
	int n = 0;

	if (pl_ledger_begin(l, e) < 0)
		return -1;
	if (strcmp(cmd, "import") == 0)
		n = pl_property_import(l, argv[0], today, e);
	else if (pl_property_record(l, ev, today, NULL, 0, e) == 0)
		n = 1;
	else
		n = -1;
	if (n < 0) {
		pl_ledger_end(l, 0, NULL);
		return -1;
	}
	(void)argc;
	if (pl_ledger_end(l, 1, e) < 0)
		return -1;
	printf("recorded %d event%s in %s\n", n, n == 1 ? "" : "s",
	    pl_ledger_path(l));
	return 0;
}

static int
sheet(struct pl_ledger *l, const char *out, int lang, const char *today,
    int t, struct pl_err *e)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t created = sde && *sde ? (time_t)strtoll(sde, NULL, 10) :
	    (time_t)t * 86400;
	char *tmp;
	int rc;

	if ((tmp = pl_book_tmpfile(out, "po-property", e)) == NULL)
		return -1;
	rc = pl_register_sheet(l, today, tmp, lang, created, e);
	if (rc == 0)
		rc = pl_book_commit(tmp, out, e);
	else
		unlink(tmp);
	free(tmp);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct pl_property_event ev = { 0 };
	const char *topt = NULL, *out = NULL, *cmd;
	int ch, t, rc, lang = PL_LANG_BOTH, write;
	struct pl_ledger *l;
	struct pl_err e;
	char today[11];

	pl_cli_init(argv[0]);
	argv[0] = (char *)pl_progname();
	signal(SIGXFSZ, SIG_IGN);
	while ((ch = getopt_long(argc, argv, "hVo:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h': usage(stdout, PL_EXIT_OK); break;
		case 'V': return pl_cli_version();
		case 't': topt = optarg; break;
		case 'o': out = optarg; break;
		case 'l':
			lang = strcmp(optarg, "en") == 0 ? PL_LANG_EN :
			    strcmp(optarg, "zh") == 0 ? PL_LANG_ZH :
			    strcmp(optarg, "both") == 0 ? PL_LANG_BOTH : -1;
			if (lang < 0) {
				pl_warnx("--lang '%s': en, zh or both", optarg);
				usage(stderr, PL_EXIT_USAGE);
			}
			break;
		case 'q': ev.quantity = optarg; break;
		case 'u': ev.unit = optarg; break;
		case 'c': ev.condition = optarg; break;
		case 'L': ev.location = optarg; break;
		case 'n': ev.note = optarg; break;
		case 'w': ev.who = optarg; break;
		case 'W': ev.when = optarg; break;
		case 'D': ev.delivery = optarg; break;
		default: usage(stderr, PL_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage(stderr, PL_EXIT_USAGE);
	/* SUBCOMMAND LEDGER ..., as git; the order of old, LEDGER EVENT
	 * ..., when it cannot be mistaken: an existing file, then an event */
	if (!subcommand(argv[0]) && access(argv[0], F_OK) == 0 &&
	    pl_property_known(argv[1])) {
		char *t = argv[0];

		argv[0] = argv[1];
		argv[1] = t;
	}
	cmd = argv[0];
	if (!subcommand(cmd)) {
		const char *bad = access(argv[0], F_OK) == 0 ? argv[1] : argv[0];

		pl_warnx("unknown event '%s' (%s; or import, list, sheet)", bad,
		    pl_property_events);
		return PL_EXIT_USAGE;
	}
	argv++, argc--;		/* LEDGER ... */
	if (strcmp(cmd, "import") == 0 || strcmp(cmd, "list") == 0 ||
	    strcmp(cmd, "sheet") == 0) {
		if (argc != (strcmp(cmd, "import") == 0 ? 2 : 1))
			usage(stderr, PL_EXIT_USAGE);
	} else {	/* LEDGER ITEM [RESULT] */
		if (argc < 2 || argc > 3)
			usage(stderr, PL_EXIT_USAGE);
		ev.event = cmd;
		ev.item = argv[1];
		if (argc == 3 && strcmp(cmd, "inspect") != 0) {
			pl_warnx("only inspect takes a result (ok or nonconforming)");
			usage(stderr, PL_EXIT_USAGE);
		}
		if (argc == 3)
			ev.condition = argv[2];
	}
	if (strcmp(cmd, "sheet") == 0 && out == NULL) {
		pl_warnx("-o FILE.xlsx is required (a workbook cannot go to a "
		    "pipe)");
		usage(stderr, PL_EXIT_USAGE);
	}
	if (pl_date_today(topt, &t, &e) < 0) {
		pl_diag(&e);
		usage(stderr, PL_EXIT_USAGE);
	}
	pl_date_format(t, today);
	write = strcmp(cmd, "list") != 0 && strcmp(cmd, "sheet") != 0;
	if (access(argv[0], F_OK) < 0) {	/* never make one here */
		pl_warnx("cannot open ledger '%s': no such file (po-ledger init "
		    "makes one)", argv[0]);
		return PL_EXIT_IO;
	}
	if ((l = pl_ledger_open(argv[0], write, &e)) == NULL) {
		pl_diag(&e);
		return e.status;
	}
	if (strcmp(cmd, "list") == 0)
		rc = pl_register_list(l, today, stdout, &e);
	else if (strcmp(cmd, "sheet") == 0)
		rc = sheet(l, out, lang, today, t, &e);
	else
		rc = record(l, cmd, argv + 1, argc - 1, &ev, today, &e);
	pl_ledger_close(l);
	if (rc < 0) {
		pl_diag(&e);
		if (write)
			pl_warnx("nothing recorded");
		return e.status;
	}
	return pl_cli_close_stdout();
}
