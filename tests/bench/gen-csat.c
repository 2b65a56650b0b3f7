/*
 * gen-csat: write a synthetic Google Forms export of the sample survey
 * (samples/survey.xml) for the csat-sum benchmark.
 *
 *	gen-csat -n N [-s SEED] [-c CUSTOMERS] > export.csv
 *
 * N responses from CUSTOMERS companies (200 by default) over the twelve
 * months of 2026: the five rated questions as Google writes a grid (the
 * answer's text, "Very satisfied" ...), now and then one left empty; the
 * 0-10 recommend question; a comment on about one response in ten, some
 * quoted with a comma, a doubled quote or a line break inside.  Then one
 * line to stderr:
 *
 *	responses=N bytes=B comments=C seed=S
 *
 * Deterministic: response i depends only on the seed and i.  libc only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const labels[] = { "Very dissatisfied", "Dissatisfied",
	"Neutral", "Satisfied", "Very satisfied" };

static const char *const comments[] = {
	"\"Deliveries slipped twice this quarter, please warn us earlier.\"",
	"\"Good quality, but the packaging of the M8 bolts was damaged.\"",
	"\"Price is higher than \"\"Supplier B\"\", we need a better offer.\"",
	"\"Sales answered quickly.\nTechnical questions took a week.\"",
	"\"Happy overall, keep it up!\"",
	"交货期太长，希望能缩短。",
};

/* splitmix64: the i-th draw of a seed's stream */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-csat -n N [-s SEED] [-c CUSTOMERS]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	long long n = -1, i, bytes = 0, ncomments = 0;
	unsigned long long seed = 1;
	long customers = 200;
	int ch, q, len;
	char line[1024];

	while ((ch = getopt(argc, argv, "n:s:c:")) != -1)
		switch (ch) {
		case 'n': n = atoll(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'c': customers = atol(optarg); break;
		default: usage();
		}
	if (n < 0 || customers < 1)
		usage();
	len = snprintf(line, sizeof(line), "Timestamp,Email Address,Company name"
	    ",How satisfied are you with us? [Product quality]"
	    ",How satisfied are you with us? [On-time delivery]"
	    ",How satisfied are you with us? [After-sales service]"
	    ",How satisfied are you with us? [Price]"
	    ",How satisfied are you with us? [Communication]"
	    ",How likely are you to recommend us to a colleague? (0-10)"
	    ",What should we improve?\r\n");
	fwrite(line, 1, (size_t)len, stdout);
	bytes += len;
	for (i = 0; i < n; i++) {
		uint64_t r = mix(seed * 0x100000001b3ULL + (uint64_t)i);
		uint64_t r2 = mix(r), r3 = mix(r2);
		long cust = (long)(r % (uint64_t)customers);
		int lean = (int)(cust % 3), month = (int)(r2 % 12) + 1;
		int day = (int)((r2 >> 8) % 28) + 1, sum = 0, k = 0, rec;

		len = snprintf(line, sizeof(line), "%d/%d/2026 %d:%02d:%02d,"
		    "buyer%lld@c%ld.example,Customer %04ld", month, day,
		    (int)((r2 >> 16) % 10) + 8, (int)((r2 >> 24) % 60),
		    (int)((r2 >> 32) % 60), i % 97, cust, cust);
		for (q = 0; q < 5; q++) {
			int b = (int)(r3 >> (q * 8)) & 0xff;
			int v = b < 8 ? 0 : 1 + (b * 5 / 256 + lean + 2) / 2;

			if (v > 5)
				v = 5;
			if (v)
				sum += v, k++;
			len += snprintf(line + len, sizeof(line) - (size_t)len,
			    ",%s", v ? labels[v - 1] : "");
		}
		rec = (k ? sum * 2 / k : 5) + (int)((r3 >> 48) % 3) - 1;
		len += snprintf(line + len, sizeof(line) - (size_t)len, ",%d",
		    rec < 0 ? 0 : rec > 10 ? 10 : rec);
		if ((r3 >> 56) % 10 == 0) {
			len += snprintf(line + len, sizeof(line) - (size_t)len,
			    ",%s\r\n", comments[(r3 >> 40) % 6]);
			ncomments++;
		} else {
			len += snprintf(line + len, sizeof(line) - (size_t)len,
			    ",\r\n");
		}
		if (fwrite(line, 1, (size_t)len, stdout) != (size_t)len) {
			perror("gen-csat");
			return 1;
		}
		bytes += len;
	}
	if (fflush(stdout) != 0) {
		perror("gen-csat");
		return 1;
	}
	fprintf(stderr, "responses=%lld bytes=%lld comments=%lld seed=%llu\n",
	    n, bytes, ncomments, seed);
	return 0;
}
