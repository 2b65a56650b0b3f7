/*
 * xlsx-floor: the floor po-sheet is measured against (tests/bench/run.sh).
 *
 * A bare libxlsxwriter program: it writes a workbook in constant-memory
 * mode with the sheets, row counts and column counts given on the command
 * line, filled with cells of the given types and average string lengths,
 * and nothing else: no formats, no column widths, no autofilter, no
 * conditional formats, no data validation, no charts, no review forms, no
 * read-back check.  What is left is what writing that many cells costs
 * with the library alone.
 *
 * usage: xlsx-floor -o FILE.xlsx [-t TMPDIR] [-r ROWS] [-s SEED] [-p POOL]
 *            SHEET...
 *
 *   SHEET  NAME:ROWS:COL,COL,...   ROWS data rows under one header row
 *   COL    sLEN[@FILL][~SAME]  a string of LEN bytes on average (a decimal)
 *          n[@FILL][~SAME]     a number
 *          d[@FILL][~SAME]     a date (written as a date-time: a number)
 *          x                   a column left empty
 *          FILL is the share of rows that have the cell (default 1), SAME
 *          the share of its cells that repeat the one above (default 0).
 *   -r     rows a sheet holds, header included (default 1048576, Excel's
 *          limit); a sheet that fills goes on in "NAME (2)", as po-sheet's
 *   -t     where libxlsxwriter's temporary files go
 *   -s     seed of the cell contents (default 1)
 *   -p     strings per column to draw from (default 32)
 *   -V     print the version of libxlsxwriter it runs with and exit
 *
 * tests/bench/sheet-profile.awk measures the sheet arguments from a
 * reviewed record stream.  Each column draws its strings from a pool of
 * POOL strings of pseudo-words, their lengths spread from half to one and
 * a half times the average and the pool's mean equal to it (to the byte);
 * numbers have two decimals; dates fall in 2024-2025.  With SAME and a
 * pool of 32 the sheets compress about as po-sheet's do on the bench data
 * (within a few per cent overall), so deflate does as much work.  The
 * cells of a row are written left to right, the rows top to bottom, and
 * the sheets interleaved as po-sheet interleaves Summary, Lines and
 * Findings: sheet k gets ROWS_k / ROWS_0 rows per row of the first sheet.
 *
 * Build: cc -O2 -o xlsx-floor xlsx-floor.c $(pkg-config --cflags --libs
 * xlsxwriter)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#define MAXSHEET 16
#define MAXCOL 64
#define EXCEL_ROWS 1048576

struct col {
	char type;		/* 's', 'n', 'd', 'x' */
	double len;		/* average bytes of a string */
	double fill;		/* share of rows with the cell */
	uint32_t fill_cut;	/* fill as a 32-bit threshold */
	double same;		/* share of cells that repeat the one above */
	uint32_t same_cut;
	char **pool;		/* pool strings */
	uint32_t last;		/* the value last written (a draw) */
	int any;		/* whether one was */
};

struct sheet {
	char name[32];
	long long rows;		/* data rows to write */
	long long done;
	int ncol;
	struct col col[MAXCOL];
	lxw_worksheet *ws;	/* the current part */
	int part;
	lxw_row_t row;		/* next row of the current part */
};

static lxw_workbook *wb;
static long long rows_max = EXCEL_ROWS;
static uint64_t rng_state = 1;
static int pool_size = 32;

static uint32_t
rnd(void)
{
	/* xorshift64*: fast, and the same cells for the same seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static void
die(const char *what, lxw_error rc)
{
	fprintf(stderr, "xlsx-floor: %s: %s\n", what, lxw_strerror(rc));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: xlsx-floor -o FILE.xlsx [-t TMPDIR] [-r ROWS] "
	    "[-s SEED] [-p POOL] NAME:ROWS:COL,... ...\n"
	    "  COL: sLEN[@FILL][~SAME] | n[@FILL][~SAME] | d[@FILL][~SAME] | x\n");
	exit(2);
}

/* A pool of strings of average length len (to the byte over the pool). */
static char **
make_pool(double len)
{
	static const char *const syl[] = { "ka", "ro", "min", "te", "lu",
		"sa", "ver", "do", "pi", "ne", "gra", "to", "mel", "ba", "ri",
		"cor", "a", "e", "o", "-", " ", " ", "0", "1", "2", "3", "4", "5",
		"7", "9", "MH", "X" };
	int POOL = pool_size;
	char **pool = malloc((size_t)POOL * sizeof(*pool));
	long total = (long)(len * POOL + 0.5), left = total;
	int i;

	if (pool == NULL)
		exit(1);
	for (i = 0; i < POOL; i++) {
		/* spread from len/2 to 3len/2, the last ones making the sum */
		long want, k = 0;

		if (i < POOL - 1) {
			want = (long)(len * (0.5 + (POOL > 1 ?
			    (double)i / (POOL - 1) : 0.5)) + 0.5);
			if (want > left - (POOL - 1 - i))
				want = left - (POOL - 1 - i) > 0 ?
				    left - (POOL - 1 - i) : 0;
		} else {
			want = left;
		}
		if (want < 0)
			want = 0;
		if (total > 0 && want == 0 && left > 0)
			want = 1;	/* an empty string is no cell at all */
		left -= want;
		if ((pool[i] = malloc((size_t)want + 1)) == NULL)
			exit(1);
		while (k < want) {
			const char *s = syl[rnd() % (sizeof(syl) / sizeof(syl[0]))];
			size_t n = strlen(s);

			if ((long)n > want - k)
				n = (size_t)(want - k);
			memcpy(pool[i] + k, s, n);
			k += (long)n;
		}
		/* no leading or trailing space: that costs xml:space */
		if (want > 0 && pool[i][0] == ' ')
			pool[i][0] = 'Q';
		if (want > 0 && pool[i][want - 1] == ' ')
			pool[i][want - 1] = 'Z';
		pool[i][want] = '\0';
	}
	return pool;
}

static void
parse_col(struct col *c, const char *spec, const char *arg)
{
	char *end;
	const char *at;

	memset(c, 0, sizeof(*c));
	c->fill = 1;
	c->type = spec[0];
	at = spec + 1;
	switch (c->type) {
	case 's':
		c->len = strtod(at, &end);
		if (end == at || c->len < 0 || c->len > 32767)
			goto bad;
		at = end;
		break;
	case 'n': case 'd': case 'x':
		break;
	default:
		goto bad;
	}
	if (*at == '@') {
		c->fill = strtod(at + 1, &end);
		if (end == at + 1 || c->fill < 0 || c->fill > 1)
			goto bad;
		at = end;
	}
	if (*at == '~') {
		c->same = strtod(at + 1, &end);
		if (end == at + 1 || c->same < 0 || c->same > 1)
			goto bad;
		at = end;
	}
	if (*at != '\0' && *at != ',')
		goto bad;
	if (c->type == 'x')
		c->fill = 0;
	c->fill_cut = c->fill >= 1 ? UINT32_MAX : (uint32_t)(c->fill * 4294967296.0);
	c->same_cut = c->same >= 1 ? UINT32_MAX : (uint32_t)(c->same * 4294967296.0);
	if (c->type == 's')
		c->pool = make_pool(c->len);
	return;
bad:
	fprintf(stderr, "xlsx-floor: bad column '%.*s' in '%s'\n",
	    (int)strcspn(spec, ","), spec, arg);
	exit(2);
}

static void
parse_sheet(struct sheet *s, const char *arg)
{
	const char *p = arg, *q;
	char *end;

	memset(s, 0, sizeof(*s));
	if ((q = strchr(p, ':')) == NULL || q == p || q - p > 24)
		goto bad;
	snprintf(s->name, sizeof(s->name), "%.*s", (int)(q - p), p);
	p = q + 1;
	s->rows = strtoll(p, &end, 10);
	if (end == p || *end != ':' || s->rows < 0)
		goto bad;
	p = end + 1;
	while (*p) {
		if (s->ncol == MAXCOL)
			goto bad;
		parse_col(&s->col[s->ncol++], p, arg);
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	if (s->ncol == 0)
		goto bad;
	return;
bad:
	fprintf(stderr, "xlsx-floor: bad sheet '%s' (NAME:ROWS:COL,...)\n", arg);
	exit(2);
}

/* Start the next part of a sheet: its name and a header row. */
static void
start_part(struct sheet *s)
{
	char name[64], head[32];
	lxw_error rc;
	int i;

	s->part++;
	if (s->part == 1)
		snprintf(name, sizeof(name), "%s", s->name);
	else
		snprintf(name, sizeof(name), "%s (%d)", s->name, s->part);
	if ((s->ws = workbook_add_worksheet(wb, name)) == NULL)
		die("a new sheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
	for (i = 0; i < s->ncol; i++) {
		snprintf(head, sizeof(head), "Column %d", i + 1);
		if ((rc = worksheet_write_string(s->ws, 0, (lxw_col_t)i, head,
		    NULL)) != LXW_NO_ERROR)
			die("a header cell", rc);
	}
	s->row = 1;
}

static void
write_row(struct sheet *s)
{
	lxw_datetime dt = { 0, 0, 0, 0, 0, 0 };
	lxw_error rc = LXW_NO_ERROR;
	int i;

	if (s->ws == NULL || (long long)s->row >= rows_max)
		start_part(s);
	for (i = 0; i < s->ncol; i++) {
		struct col *c = &s->col[i];
		uint32_t r;

		if (c->type == 'x' || (c->fill_cut != UINT32_MAX &&
		    rnd() >= c->fill_cut))
			continue;
		/* the cell above again, or a new draw */
		if (c->any && c->same > 0 && rnd() < c->same_cut)
			r = c->last;
		else
			r = rnd();
		c->last = r;
		c->any = 1;
		switch (c->type) {
		case 's':
			rc = worksheet_write_string(s->ws, s->row, (lxw_col_t)i,
			    c->pool[r % (uint32_t)pool_size], NULL);
			break;
		case 'n':
			rc = worksheet_write_number(s->ws, s->row, (lxw_col_t)i,
			    (double)(r % 10000000) / 100.0, NULL);
			break;
		case 'd':
			dt.year = 2024 + (int)(r & 1);
			dt.month = 1 + (int)((r >> 1) % 12);
			dt.day = 1 + (int)((r >> 5) % 28);
			rc = worksheet_write_datetime(s->ws, s->row, (lxw_col_t)i,
			    &dt, NULL);
			break;
		}
		if (rc != LXW_NO_ERROR)
			die("a cell", rc);
	}
	s->row++;
	s->done++;
}

int
main(int argc, char *argv[])
{
	lxw_workbook_options wo = { LXW_TRUE, NULL, LXW_FALSE };
	struct sheet *sh;
	const char *out = NULL;
	long long seed = 1, i, cells = 0;
	lxw_error rc;
	int ch, n, k;

	while ((ch = getopt(argc, argv, "o:t:r:s:p:V")) != -1)
		switch (ch) {
		case 'V':
			printf("libxlsxwriter %s\n", lxw_version());
			return 0;
		case 'o': out = optarg; break;
		case 't': wo.tmpdir = optarg; break;
		case 'r':
			rows_max = strtoll(optarg, NULL, 10);
			if (rows_max < 2 || rows_max > EXCEL_ROWS)
				usage();
			break;
		case 's': seed = strtoll(optarg, NULL, 10); break;
		case 'p':
			pool_size = atoi(optarg);
			if (pool_size < 1 || pool_size > 1000000)
				usage();
			break;
		default: usage();
		}
	argc -= optind;
	argv += optind;
	if (out == NULL || argc < 1 || argc > MAXSHEET)
		usage();
	rng_state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
	if ((sh = calloc((size_t)argc, sizeof(*sh))) == NULL)
		return 1;
	for (n = 0; n < argc; n++)
		parse_sheet(&sh[n], argv[n]);
	if ((wb = workbook_new_opt(out, &wo)) == NULL) {
		fprintf(stderr, "xlsx-floor: cannot start '%s'\n", out);
		return 1;
	}
	/* every sheet exists from the start, as in po-sheet */
	for (k = 0; k < n; k++)
		start_part(&sh[k]);
	/* interleave: after row i of the first sheet, each other sheet is
	 * brought to its share (i + 1) * rows_k / rows_0 */
	for (i = 0; i < sh[0].rows || sh[0].rows == 0; i++) {
		if (sh[0].rows > 0)
			write_row(&sh[0]);
		for (k = 1; k < n; k++) {
			long long want = sh[0].rows == 0 ? sh[k].rows :
			    (long long)((double)sh[k].rows * (double)(i + 1) /
			    (double)sh[0].rows);

			if (want > sh[k].rows)
				want = sh[k].rows;
			while (sh[k].done < want)
				write_row(&sh[k]);
		}
		if (sh[0].rows == 0)
			break;
	}
	for (k = 0; k < n; k++) {
		while (sh[k].done < sh[k].rows)
			write_row(&sh[k]);
		for (ch = 0; ch < sh[k].ncol; ch++)
			cells += (long long)((double)sh[k].rows * sh[k].col[ch].fill
			    + 0.5);
	}
	if ((rc = workbook_close(wb)) != LXW_NO_ERROR)
		die("closing the workbook", rc);
	for (k = 0; k < n; k++)
		fprintf(stderr, "xlsx-floor: %s: %lld rows x %d columns in %d "
		    "sheet%s\n", sh[k].name, sh[k].rows, sh[k].ncol, sh[k].part,
		    sh[k].part == 1 ? "" : "s");
	fprintf(stderr, "xlsx-floor: about %lld cells\n", cells);
	return 0;
}
