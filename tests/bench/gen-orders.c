/*
 * gen-orders: write synthetic UBL 2.1 Order documents for the po-parse
 * benchmark.
 *
 *	gen-orders -n N -o DIR [-s SEED] [-c CATALOG.xml [-p PRODUCTS]]
 *	gen-orders -c CATALOG.xml [-p PRODUCTS]
 *
 * writes DIR/000/order-0000001.xml ... DIR/SSS/order-NNNNNNN.xml, 1000
 * files to a folder, then prints one line to stdout:
 *
 *	orders=N lines=L bytes=B seed=S
 *
 * With -c it first writes the factory's capability catalog (valid against
 * schemas/catalog.xsd, for po-check --catalog) with PRODUCTS products,
 * 10000 by default, and prints
 *
 *	catalog=PATH products=N orderable=S covered=C bytes=B
 *
 * The orders can name S = 3551 SKUs; the catalog holds all of them (the
 * most frequent C when PRODUCTS is smaller), then variants the orders
 * never name.  It does not depend on the seed.  See "the capability
 * catalog" below.
 *
 * The orders are what a Chinese electrical-parts factory (the seller,
 * "Yueqing Minghua Electrical", an invented company) receives from its
 * domestic and export customers: Peppol BIS Ordering 3 style, Chinese and
 * English text, 1 to 60 lines (about 20 on average), a few special
 * requirements (RoHS, customer drawings, penalty clauses) at realistic
 * rates.  Every company, person, address and number here is invented.
 * The documents are valid against UBL-Order-2.1.xsd.
 *
 * Deterministic: order i depends only on the seed and i, so the first
 * 200 orders of a 10,000-order set equal a 200-order set.  libc only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PER_DIR 1000
#define MAX_LINES 60

static const char *progname = "gen-orders";

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- random numbers: splitmix64 to seed, xorshift64* to draw ---- */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s;
};

static void
rng_init(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);

	r->s = splitmix64(&x);
	if (r->s == 0)
		r->s = 0x2545F4914F6CDD1DULL;
}

static uint64_t
rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* uniform in [0, n) */
static unsigned
rn(struct rng *r, unsigned n)
{
	return (unsigned)(((rnd(r) >> 32) * n) >> 32);
}

/* true with probability per_mille / 1000 */
static int
pm(struct rng *r, unsigned per_mille)
{
	return rn(r, 1000) < per_mille;
}

#define PICK(r, a) ((a)[rn((r), (unsigned)NELEM(a))])

/* ---- output buffer: one document is built here, then written at once ---- */

struct buf {
	char *p;
	size_t len, cap;
};

static void
need(struct buf *b, size_t n)
{
	if (b->len + n <= b->cap)
		return;
	while (b->len + n > b->cap)
		b->cap = b->cap ? b->cap * 2 : 1 << 16;
	if ((b->p = realloc(b->p, b->cap)) == NULL)
		die("out of memory");
}

static void
putn(struct buf *b, const char *s, size_t n)
{
	need(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
put(struct buf *b, const char *s)
{
	putn(b, s, strlen(s));
}

static void
putf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			die("vsnprintf failed");
		if ((size_t)n < b->cap - b->len)
			break;
		need(b, (size_t)n + 1);
	}
	b->len += (size_t)n;
}

/* text content: escape the three characters that matter */
static void
esc(struct buf *b, const char *s)
{
	const char *q;

	while ((q = strpbrk(s, "&<>")) != NULL) {
		putn(b, s, (size_t)(q - s));
		put(b, *q == '&' ? "&amp;" : *q == '<' ? "&lt;" : "&gt;");
		s = q + 1;
	}
	put(b, s);
}

static void
ind(struct buf *b, int d)
{
	static const char sp[] = "                                        ";

	putn(b, sp, (size_t)d * 2);
}

static void
open_(struct buf *b, int d, const char *tag)
{
	ind(b, d);
	putf(b, "<%s>\n", tag);
}

static void
close_(struct buf *b, int d, const char *tag)
{
	ind(b, d);
	putf(b, "</%s>\n", tag);
}

/* <tag attr>text</tag>; attr may be NULL, text is escaped */
static void
leafa(struct buf *b, int d, const char *tag, const char *attr, const char *text)
{
	ind(b, d);
	if (attr)
		putf(b, "<%s %s>", tag, attr);
	else
		putf(b, "<%s>", tag);
	esc(b, text);
	putf(b, "</%s>\n", tag);
}

static void
leaf(struct buf *b, int d, const char *tag, const char *text)
{
	leafa(b, d, tag, NULL, text);
}

/* <tag>formatted</tag>, not escaped: numbers, dates, codes only */
static void
leaff(struct buf *b, int d, const char *tag, const char *fmt, ...)
{
	char s[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	ind(b, d);
	putf(b, "<%s>%s</%s>\n", tag, s, tag);
}

static void
money(struct buf *b, int d, const char *tag, const char *cur, int64_t cents)
{
	ind(b, d);
	putf(b, "<%s currencyID=\"%s\">%lld.%02lld</%s>\n", tag, cur,
	    (long long)(cents / 100), (long long)(cents % 100), tag);
}

/* ---- dates ---- */

/* days since 1970-01-01 to y-m-d (Hinnant's civil_from_days) */
static void
civil(long z, int *y, unsigned *m, unsigned *d)
{
	long era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

static void
date_el(struct buf *b, int d, const char *tag, long day)
{
	int y;
	unsigned m, dd;

	civil(day, &y, &m, &dd);
	leaff(b, d, tag, "%04d-%02u-%02u", y, m, dd);
}

/* 0 = Sunday; day >= 0 */
static int
weekday(long day)
{
	return (int)((day + 4) % 7);      /* 1970-01-01 was a Thursday */
}

#define DAY_2024_01_02 19724L

/* ---- GS1 check digit for a 12-digit base ---- */

static void
gs1(char out[14], const char *base12)
{
	int i, sum = 0;

	for (i = 0; i < 12; i++)
		sum += (base12[i] - '0') * (i % 2 ? 3 : 1);
	memcpy(out, base12, 12);
	out[12] = (char)('0' + (10 - sum % 10) % 10);
	out[13] = '\0';
}

/* ---- the customers ---- */

enum { EN, ZH, BI };                 /* language of the order text */

#define F_EA       0x01              /* pieces as EA rather than C62 */
#define F_BUYERPN  0x02              /* quotes its own item numbers */
#define F_BASEQTY  0x04              /* states Price/BaseQuantity */
#define F_EU       0x08              /* RoHS/REACH notes are common */
#define F_CONTRACT 0x10              /* orders under a frame agreement */
#define F_TAXCAT   0x20              /* ClassifiedTaxCategory per item */
#define F_PEPPOL   0x40              /* Peppol BIS identifiers */
#define F_LINEDEL  0x80              /* sometimes a delivery date per line */
#define F_STEP10   0x100             /* numbers its lines 10, 20, 30 */

struct cust {
	const char *name, *legal;
	const char *street, *extra, *city, *zip, *region, *country;
	const char *taxid;           /* NULL: no PartyTaxScheme */
	const char *eas, *endpoint;  /* endpoint NULL: the GLN */
	const char *gln12;           /* GLN without its check digit */
	const char *custno;          /* our customer number, as they quote it */
	const char *vendno;          /* their supplier number for us */
	const char *contact, *phone, *email;
	const char *cur;
	int lang;
	const char *idfmt;           /* order number: %d year, %ld sequence */
	long idbase;
	const char *drwfmt;          /* drawing number, one %u */
	const char *pnfmt;           /* their item number, one %u */
	int terms, pay;              /* indexes into terms[] and payterms[] */
	int weight;
	int flags;
};

static const struct cust custs[] = {
	{ "深圳市华联机电设备有限公司", "深圳市华联机电设备有限公司",
	  "宝安区福永街道凤凰第一工业区A栋", NULL, "深圳市", "518103", "广东省", "CN",
	  "91440300MA5DKQ8R7N", "0088", NULL, "693157240001", "C1003", "GY0417",
	  "李晓东", "+86 755 2733 1854", "lixd@hualian-me.com.cn", "CNY", ZH,
	  "HL%d%05ld", 0, "HL-%04u", NULL, 6, 0, 9, F_TAXCAT | F_LINEDEL },
	{ "苏州启航自动化科技有限公司", "苏州启航自动化科技有限公司",
	  "工业园区星湖街328号", "创意产业园12栋3楼", "苏州市", "215123", "江苏省", "CN",
	  "91320594MA1N2U7C4P", "0088", NULL, "693408810002", "C1017", NULL,
	  "周敏", "0512-6258 7719", "zhoumin@qihang-auto.cn", "CNY", ZH,
	  "QH-PO-%d-%06ld", 0, "QH%05u", "QH1-%06u", 1, 1, 8,
	  F_TAXCAT | F_BUYERPN | F_PEPPOL },
	{ "上海锐能电气成套设备有限公司", "上海锐能电气成套设备有限公司",
	  "松江区九亭镇涞寅路1288号", NULL, "上海市", "201615", "上海市", "CN",
	  "91310117MA1J3B6W8E", "0088", NULL, "693021560003", "C1024", "S-30118",
	  "王建华", "021-5763 2290", "purchase@ruineng-elec.com", "CNY", ZH,
	  "RN%d%06ld", 0, "RN-DWG-%04u", NULL, 6, 2, 7, F_TAXCAT | F_CONTRACT },
	{ "天津恒通配电工程有限公司", "天津恒通配电工程有限公司",
	  "北辰区北辰科技园区景丽路17号", NULL, "天津市", "300400", "天津市", "CN",
	  "91120113MA05K2RX1G", "0088", NULL, "693250780004", "C1031", NULL,
	  "赵丽娜", "022-2639 4408", "zhaolina@hengtong-pd.cn", "CNY", ZH,
	  "HT%d-%05ld", 0, "HTPD-%04u", NULL, 6, 0, 5, F_TAXCAT },
	{ "成都川开智能控制系统有限公司", "成都川开智能控制系统有限公司",
	  "高新区西区新达路6号", NULL, "成都市", "611731", "四川省", "CN",
	  "91510100MA6CM4PQ3T", "0088", NULL, "693377120005", "C1046", "G2288",
	  "刘洋", "028-8783 5512", "liuyang@chuankai-ic.com", "CNY", ZH,
	  "CK-%d%06ld", 0, "CK%05u", "CK-%07u", 6, 1, 4,
	  F_TAXCAT | F_BUYERPN | F_PEPPOL | F_LINEDEL },
	{ "佛山市顺德区美嘉电器制造有限公司", "佛山市顺德区美嘉电器制造有限公司",
	  "北滘镇工业大道33号", NULL, "佛山市", "528311", "广东省", "CN",
	  "91440606MA4W9L2H5D", "0088", NULL, "693129930006", "C1052", "MJ-V-0091",
	  "陈志强", "0757-2663 8190", "chenzq@meijia-elec.cn", "CNY", ZH,
	  "MJ%d%05ld", 0, "MJ-%05u", "MJ%07u", 6, 3, 6,
	  F_TAXCAT | F_BUYERPN | F_CONTRACT },
	{ "青岛海滨船舶电气有限公司", "青岛海滨船舶电气有限公司",
	  "黄岛区江山中路567号", NULL, "青岛市", "266555", "山东省", "CN",
	  "91370211MA3C7T5F2M", "0088", NULL, "693570040007", "C1068", NULL,
	  "孙海涛", "0532-8698 2207", "sunht@haibin-marine.com", "CNY", ZH,
	  "HB-%d-%05ld", 0, "HB%04u", NULL, 6, 0, 3, F_TAXCAT },
	{ "德信電業（香港）有限公司 Tak Shun Electrical (HK) Limited",
	  "Tak Shun Electrical (HK) Limited",
	  "Flat B, 12/F, Kwai Cheong Centre", "50 Kwai Cheong Road, Kwai Chung",
	  "Hong Kong", NULL, "New Territories", "HK",
	  NULL, "0088", NULL, "489123450008", "E2001", "TS-S-118",
	  "Kelvin Lau 劉家豪", "+852 2612 7730", "kelvin.lau@takshun-elec.com.hk",
	  "USD", BI, "TS%d%05ld", 0, "TS-%04u", NULL, 4, 4, 4, F_EA },
	{ "Elektro Brandt GmbH & Co. KG", "Elektro Brandt GmbH & Co. KG",
	  "Industriestraße 14", NULL, "Bielefeld", "33609", "Nordrhein-Westfalen",
	  "DE", "DE281734560", "0088", NULL, "404512370009", "E2011", "700481",
	  "Jens Hoffmann", "+49 521 98762-40", "j.hoffmann@elektro-brandt.de",
	  "EUR", EN, "45%08ld", 1200000L, "Z-%06u", "10%06u", 0, 5, 8,
	  F_EA | F_BUYERPN | F_BASEQTY | F_EU | F_PEPPOL | F_CONTRACT | F_STEP10 },
	{ "Van Dijk Installatietechniek B.V.", "Van Dijk Installatietechniek B.V.",
	  "Kanaalweg 48", NULL, "Utrecht", "3526 KM", "Utrecht", "NL",
	  "NL858126473B01", "0106", "30215784", "871234560010", "E2014", "C-55120",
	  "Sanne de Vries", "+31 30 288 4410", "inkoop@vandijk-installatie.nl",
	  "EUR", EN, "VD%d-%06ld", 0, "VD-TEK-%05u", "VD%06u", 3, 2, 5,
	  F_EA | F_BUYERPN | F_EU | F_PEPPOL | F_BASEQTY },
	{ "Elettroforniture Rossi S.r.l.", "Elettroforniture Rossi S.r.l.",
	  "Via Guglielmo Marconi 112", NULL, "Comun Nuovo", "24040", "BG", "IT",
	  "IT03217840163", "0211", "IT03217840163", "800987650011", "E2023", "F00872",
	  "Marco Bellini", "+39 035 595 2210", "acquisti@rossi-elettroforniture.it",
	  "EUR", EN, "OA/%d/%05ld", 0, "DIS-%05u", NULL, 2, 6, 4,
	  F_EA | F_EU | F_PEPPOL },
	{ "Suministros Eléctricos Levante S.L.", "Suministros Eléctricos Levante S.L.",
	  "Calle Ciudad de Sevilla 27", "Polígono Industrial Fuente del Jarro",
	  "Paterna", "46988", "Valencia", "ES",
	  "ESB98412733", "0088", NULL, "843765430012", "E2030", "P-1187",
	  "Lucía Navarro", "+34 961 340 728", "compras@selevante.es",
	  "EUR", EN, "PC%d%06ld", 0, "PL-%04u", NULL, 0, 7, 3, F_EA | F_EU },
	{ "Elmar Rozdzielnice Sp. z o.o.", "Elmar Rozdzielnice Sp. z o.o.",
	  "ul. Przemysłowa 9", NULL, "Łódź", "93-574", "łódzkie", "PL",
	  "PL7272845139", "0088", NULL, "590123480013", "E2038", "D/0412",
	  "Tomasz Wiśniewski", "+48 42 683 1170", "zakupy@elmar-rozdzielnice.pl",
	  "PLN", EN, "ZAM/%d/%06ld", 0, "ER-RYS-%04u", NULL, 2, 5, 3,
	  F_EA | F_EU | F_LINEDEL },
	{ "Nordlys Elektro AS", "Nordlys Elektro AS",
	  "Kokstadflaten 31", NULL, "Kokstad", "5257", "Vestland", "NO",
	  "NO918273645MVA", "0192", "918273645", "709876540014", "E2042", "31087",
	  "Kari Nordheim", "+47 55 22 71 90", "innkjop@nordlys-elektro.no",
	  "NOK", EN, "%ld", 780000L, "NE-%05u", "NE%06u", 3, 5, 3,
	  F_EA | F_BUYERPN | F_EU | F_PEPPOL | F_BASEQTY | F_STEP10 },
	{ "Kraftkomponent i Norden AB", "Kraftkomponent i Norden AB",
	  "Importgatan 11", NULL, "Hisings Backa", "422 46", "Västra Götaland", "SE",
	  "SE556812347901", "0007", "5568123479", "735009870015", "E2047", "LEV-2290",
	  "Erik Lindqvist", "+46 31 58 44 20", "inkop@kraftkomponent.se",
	  "SEK", EN, "KK%d-%05ld", 0, "KK-R%05u", NULL, 2, 2, 2,
	  F_EA | F_EU | F_PEPPOL },
	{ "Halford & Pike Switchgear Ltd", "Halford & Pike Switchgear Limited",
	  "Unit 7, Sheaf Valley Business Park", NULL, "Sheffield", "S2 4SU",
	  "South Yorkshire", "GB", "GB293847561", "0088", NULL, "501234870016",
	  "E2055", "SUP0193", "Oliver Bennett", "+44 114 276 0331",
	  "purchasing@halfordpike.co.uk", "GBP", EN, "HP%06ld", 310000L,
	  "HP-D%05u", "HP-%05u", 0, 8, 4, F_EA | F_BUYERPN | F_PEPPOL | F_STEP10 },
	{ "Midwest Panel Builders, Inc.", "Midwest Panel Builders, Inc.",
	  "4410 Fisher Road", NULL, "Columbus", "43228", "OH", "US",
	  NULL, "0060", "081234567", "008123450017", "E2061", "V10482",
	  "Rachel Kowalski", "+1 614 555 0184", "rkowalski@midwestpanel.com",
	  "USD", EN, "MPB-%ld", 52000L, "MPB-%05u", "MPB%05u", 1, 9, 3,
	  F_EA | F_BUYERPN },
	{ "Southern Cross Switchboards Pty Ltd", "Southern Cross Switchboards Pty Ltd",
	  "18 Distribution Street", NULL, "Larapinta", "4110", "QLD", "AU",
	  "51824753556", "0151", "51824753556", "931234560018", "E2066", "SC-0087",
	  "Liam O'Connor", "+61 7 3271 5590", "orders@scswitchboards.com.au",
	  "AUD", EN, "PO-%06ld", 40000L, "SCS-%04u", NULL, 1, 1, 2,
	  F_EA | F_PEPPOL | F_BASEQTY },
	{ "Công ty TNHH Thiết bị Điện Hưng Phát",
	  "Hung Phat Electrical Equipment Co., Ltd.",
	  "Lô CN5, KCN Thạch Thất - Quốc Oai", NULL, "Hà Nội", "100000", "Hà Nội",
	  "VN", "0108765432", "0088", NULL, "893456780019", "E2073", NULL,
	  "Nguyễn Văn Minh", "+84 24 3368 2291", "minh.nv@hungphat-electric.vn",
	  "USD", BI, "HP-%d-%05ld", 0, "HP%04u", NULL, 7, 4, 2, F_EA },
	{ "Shree Ganesh Electricals Pvt. Ltd.", "Shree Ganesh Electricals Pvt. Ltd.",
	  "Plot No. 42, MIDC Bhosari", NULL, "Pune", "411026", "Maharashtra", "IN",
	  "27AAHCS4821K1Z3", "0088", NULL, "890123450020", "E2079", "SG/V/312",
	  "Rajesh Kulkarni", "+91 20 2712 4468", "purchase@shreeganesh-elec.in",
	  "USD", EN, "SGE/PO/%d/%05ld", 0, "SGE-%04u", NULL, 8, 4, 2, F_EA },
	{ "Distribution Électrique du Rhône SAS", "Distribution Électrique du Rhône SAS",
	  "27 rue de l'Industrie", "ZI Mi-Plaine", "Saint-Priest", "69800",
	  "Auvergne-Rhône-Alpes", "FR", "FR47512639874", "0009", "51263987400027",
	  "376012340021", "E2084", "FRS-7731", "Camille Girard", "+33 4 72 23 18 60",
	  "achats@der-rhone.fr", "EUR", EN, "CDE%d%05ld", 0, "PL%05u", "DER-%06u",
	  0, 5, 3, F_EA | F_BUYERPN | F_EU | F_PEPPOL },
	{ "Al Noor Electrical Trading L.L.C.", "Al Noor Electrical Trading L.L.C.",
	  "Warehouse 14, Al Quoz Industrial Area 3", NULL, "Dubai", NULL, "Dubai", "AE",
	  "100384726500003", "0088", NULL, "629012340022", "E2090", NULL,
	  "Imran Siddiqui", "+971 4 347 2215", "imran@alnoor-electrical.ae",
	  "USD", EN, "ANE-LPO-%05ld", 9000L, "AN-%04u", NULL, 5, 1, 2, F_EA },
};

/* CNY per 100 units of the currency, for converting list prices */
static const struct {
	const char *cur;
	int rate;
} rates[] = {
	{ "CNY", 100 }, { "USD", 720 }, { "EUR", 785 }, { "GBP", 915 },
	{ "PLN", 180 }, { "NOK", 66 }, { "SEK", 67 }, { "AUD", 475 },
};

static const struct {
	const char *code, *special, *locode;
} terms[] = {
	/* 0 */ { "FOB", "FOB Ningbo, Incoterms 2020", "CNNGB" },
	/* 1 */ { "FOB", "FOB Shanghai, Incoterms 2020", "CNSHA" },
	/* 2 */ { "CIF", "CIF Hamburg, Incoterms 2020", "DEHAM" },
	/* 3 */ { "CFR", "CFR Rotterdam, Incoterms 2020", "NLRTM" },
	/* 4 */ { "FCA", "FCA Wenzhou, Incoterms 2020, buyer's forwarder", "CNWNZ" },
	/* 5 */ { "DDP", "DDP Dubai, Incoterms 2020", "AEDXB" },
	/* 6 */ { "DAP", "送货上门，运费由卖方承担", NULL },
	/* 7 */ { "CIF", "CIF Hai Phong, Incoterms 2020", "VNHPH" },
	/* 8 */ { "CIF", "CIF Nhava Sheva, Incoterms 2020", "INNSA" },
};

static const char *const payterms[] = {
	/* 0 */ "货到验收合格后月结60天，凭增值税专用发票付款",
	/* 1 */ "Net 30 days from invoice date",
	/* 2 */ "预付30%，发货前付清余款",
	/* 3 */ "月结90天，承兑汇票",
	/* 4 */ "30% T/T in advance, balance against copy of B/L",
	/* 5 */ "Net 60 days from invoice date",
	/* 6 */ "120 days end of month, bank transfer (RI.BA.)",
	/* 7 */ "Irrevocable L/C at sight",
	/* 8 */ "Net 45 days; 2% discount if paid within 10 days",
	/* 9 */ "Net 30, wire transfer",
};

static const struct {
	const char *code, *variant;
} customizations[] = {
	{ "urn:fdc:peppol.eu:poacc:trns:order:3",
	  "urn:fdc:peppol.eu:poacc:bis:order_only:3" },
	{ "urn:fdc:peppol.eu:poacc:trns:order:3",
	  "urn:fdc:peppol.eu:poacc:bis:ordering:3" },
	{ "urn:www.cenbii.eu:transaction:biitrns001:ver2.0",
	  "urn:www.cenbii.eu:profile:bii01:ver2.0" },
};

/* ---- the seller: the factory ---- */

static const char *const seller_names[] = {
	"Yueqing Minghua Electrical Co., Ltd.",
	"YUEQING MINGHUA ELECTRICAL CO.,LTD",
	"Minghua Electrical",
};
#define SELLER_ZH "乐清明华电器有限公司"
#define SELLER_GLN12 "697053200001"
#define SELLER_TAX "91330382MA2HT5XW6K"

static const struct {
	const char *name, *phone, *email;
} reps[] = {
	{ "陈静", "0577-6278 3301", "chenjing@minghua-elec.cn" },
	{ "王磊", "0577-6278 3305", "wanglei@minghua-elec.cn" },
	{ "Vivian Zhou", "+86 577 6278 3318", "vivian.zhou@minghua-elec.cn" },
	{ "Jason Huang", "+86 577 6278 3320", "jason.huang@minghua-elec.cn" },
};

/* ---- the products: what the factory makes ---- */

enum { Q_FEW, Q_HUNDREDS, Q_THOUSANDS, Q_METRES };

struct prop {
	const char *en, *zh, *vals;  /* vals: '|'-separated, at most 10 */
};

struct product {
	const char *code, *en, *zh, *std;
	int metres;                  /* sold by the metre */
	long price;                  /* CNY list price, 1/10000 */
	int qty;                     /* Q_* */
	struct prop p[4];
};

static const struct product products[] = {
	{ "MH-B1", "Miniature circuit breaker", "小型断路器", "IEC 60898-1", 0, 95000, Q_HUNDREDS, {
	  { "Rated current", "额定电流", "6 A|10 A|16 A|20 A|25 A|32 A|40 A|63 A" },
	  { "Poles", "极数", "1P|1P+N|2P|3P|4P" },
	  { "Tripping curve", "脱扣曲线", "B|C|D" },
	  { "Breaking capacity", "分断能力", "4.5 kA|6 kA|10 kA" } } },
	{ "MH-L1", "Residual current circuit breaker with overcurrent protection (RCBO)",
	  "漏电保护断路器", "IEC 61009-1", 0, 380000, Q_HUNDREDS, {
	  { "Rated current", "额定电流", "6 A|10 A|16 A|20 A|25 A|32 A|40 A" },
	  { "Rated residual current", "额定剩余动作电流", "10 mA|30 mA|100 mA|300 mA" },
	  { "Type", "类型", "AC|A" },
	  { "Poles", "极数", "1P+N|2P|3P+N|4P" } } },
	{ "MH-C2", "AC contactor", "交流接触器", "IEC 60947-4-1", 0, 420000, Q_HUNDREDS, {
	  { "Rated operational current AC-3", "额定工作电流",
	    "9 A|12 A|18 A|25 A|32 A|40 A|50 A|65 A|80 A|95 A" },
	  { "Coil voltage", "线圈电压", "24 V AC|110 V AC|220 V AC|230 V AC 50/60 Hz|380 V AC" },
	  { "Auxiliary contacts", "辅助触点", "1NO|1NC|1NO+1NC" },
	  { "Mounting", "安装方式", "35 mm DIN rail|screw" } } },
	{ "MH-R2", "Thermal overload relay", "热过载继电器", "IEC 60947-4-1", 0, 260000, Q_HUNDREDS, {
	  { "Setting range", "整定电流范围", "0.63-1 A|1.6-2.5 A|2.5-4 A|5.5-8 A|9-13 A|17-25 A|23-32 A" },
	  { "Trip class", "脱扣级别", "10A|20" },
	  { "Reset", "复位方式", "manual|manual/auto" },
	  { "Mounting", "安装方式", "direct on contactor|separate base" } } },
	{ "MH-Z8", "Intermediate relay", "中间继电器", NULL, 0, 68000, Q_HUNDREDS, {
	  { "Coil voltage", "线圈电压", "12 V DC|24 V DC|110 V AC|230 V AC" },
	  { "Contact form", "触点形式", "2CO|3CO|4CO" },
	  { "Contact rating", "触点容量", "5 A 250 V AC|7 A 250 V AC|10 A 250 V AC" },
	  { "Socket", "底座", "with socket|without socket" } } },
	{ "MH-P5", "PCB power relay", "印制板功率继电器", "IEC 61810-1", 0, 31000, Q_THOUSANDS, {
	  { "Coil voltage", "线圈电压", "5 V DC|12 V DC|24 V DC|48 V DC" },
	  { "Contact form", "触点形式", "1 Form A (SPST-NO)|1 Form C (SPDT)" },
	  { "Contact rating", "触点容量", "10 A 250 V AC|16 A 250 V AC|20 A 125 V AC" },
	  { "Construction", "结构", "flux proof|sealed (RT III)" } } },
	{ "MH-UK", "DIN rail screw terminal block", "导轨式接线端子", "IEC 60947-7-1", 0, 18000, Q_THOUSANDS, {
	  { "Cross-section", "截面积", "2.5 mm²|4 mm²|6 mm²|10 mm²|16 mm²" },
	  { "Colour", "颜色", "grey|blue|green-yellow (PE)|red|black" },
	  { "Insulation material", "绝缘材料", "PA66, UL94 V-0" },
	  { "Rated voltage", "额定电压", "800 V|1000 V" } } },
	{ "MH-KF", "PCB screw terminal block", "PCB接线端子", NULL, 0, 2600, Q_THOUSANDS, {
	  { "Pitch", "间距", "5.0 mm|5.08 mm|7.5 mm|7.62 mm|10.0 mm" },
	  { "Number of poles", "位数", "2|3|4|6|8|10|12" },
	  { "Colour", "颜色", "green|blue|black|orange" },
	  { "Wire range", "接线范围", "0.2-2.5 mm² (AWG 24-12)|0.5-4 mm² (AWG 20-10)" } } },
	{ "MH-2EDG", "Pluggable terminal block, plug and header", "插拔式接线端子", NULL, 0, 4200, Q_THOUSANDS, {
	  { "Pitch", "间距", "3.81 mm|5.0 mm|5.08 mm" },
	  { "Number of poles", "位数", "2|3|4|5|6|8|10|12|16" },
	  { "Header type", "插座形式", "straight pin|right-angle pin|closed ends" },
	  { "Colour", "颜色", "green|black|orange" } } },
	{ "MH-PG", "Cable gland", "电缆防水接头", "IEC 62444", 0, 8500, Q_THOUSANDS, {
	  { "Thread", "螺纹", "M12x1.5|M16x1.5|M20x1.5|M25x1.5|M32x1.5|PG7|PG9|PG11|PG13.5" },
	  { "Material", "材料", "PA66|nickel-plated brass|stainless steel 304" },
	  { "Degree of protection", "防护等级", "IP68 (10 bar)|IP68" },
	  { "Colour", "颜色", "grey RAL 7035|black RAL 9005|metal" } } },
	{ "MH-LW", "Rotary isolator switch", "旋转隔离开关", "IEC 60947-3", 0, 330000, Q_FEW, {
	  { "Rated current", "额定电流", "16 A|20 A|25 A|32 A|40 A|63 A" },
	  { "Poles", "极数", "3P|4P" },
	  { "Version", "型式", "panel mount|in IP65 enclosure|door interlocked" },
	  { "Handle", "手柄", "red/yellow, padlockable|black" } } },
	{ "MH-LA", "Push button 22 mm", "按钮开关", "IEC 60947-5-1", 0, 56000, Q_HUNDREDS, {
	  { "Colour", "颜色", "green|red|black|yellow|blue|white" },
	  { "Contacts", "触点", "1NO|1NC|1NO+1NC|2NO" },
	  { "Actuator", "操作方式", "flush|extended|mushroom head|key operated" },
	  { "Illumination", "照明", "none|LED 24 V AC/DC|LED 230 V AC" } } },
	{ "MH-AD16", "Pilot light 22 mm", "信号指示灯", NULL, 0, 28000, Q_HUNDREDS, {
	  { "Colour", "颜色", "red|green|yellow|blue|white" },
	  { "Rated voltage", "额定电压", "12 V|24 V AC/DC|110 V AC|230 V AC|400 V AC" },
	  { "Light source", "光源", "LED" },
	  { "Degree of protection", "防护等级", "IP65" } } },
	{ "MH-RT18", "Fuse holder", "熔断器座", "IEC 60269-2", 0, 62000, Q_HUNDREDS, {
	  { "Fuse size", "熔断体尺寸", "8.5x31.5|10x38|14x51|22x58" },
	  { "Poles", "极数", "1P|1P+N|2P|3P|3P+N" },
	  { "Indicator", "指示", "none|LED" },
	  { "Rated voltage", "额定电压", "400 V AC|690 V AC|1000 V DC" } } },
	{ "MH-RO", "Cylindrical fuse link", "圆柱形熔断体", "IEC 60269-2", 0, 9000, Q_THOUSANDS, {
	  { "Rated current", "额定电流", "1 A|2 A|4 A|6 A|10 A|16 A|20 A|25 A|32 A" },
	  { "Utilisation category", "使用类别", "gG|aM|gPV" },
	  { "Size", "尺寸", "10x38|14x51" },
	  { "Breaking capacity", "分断能力", "100 kA|120 kA" } } },
	{ "MH-PIN", "Pin type busbar", "针型汇流排", NULL, 0, 350000, Q_FEW, {
	  { "Poles", "极数", "1P|2P|3P|4P" },
	  { "Cross-section", "截面积", "10 mm²|16 mm²" },
	  { "Length", "长度", "1 m (56 modules)|12 modules|cut to length" },
	  { "Material", "材料", "copper, PVC insulated" } } },
	{ "MH-SC", "Copper tube cable lug", "铜管端子", "DIN 46235", 0, 9500, Q_THOUSANDS, {
	  { "Size", "规格", "SC10-6|SC16-6|SC16-8|SC25-8|SC35-8|SC50-10|SC70-10|SC95-12" },
	  { "Plating", "表面处理", "tin plated|bare copper" },
	  { "Material", "材料", "T2 copper" },
	  { "Inspection window", "观察孔", "yes|no" } } },
	{ "MH-E", "Insulated cord end ferrule", "管型预绝缘端头", "DIN 46228-4", 0, 900, Q_THOUSANDS, {
	  { "Size", "规格", "E0508|E7508|E1008|E1508|E2508|E4009|E6012" },
	  { "Colour", "颜色", "white|grey|red|black|blue|orange" },
	  { "Packing", "包装", "1000 pcs/bag|500 pcs/bag" },
	  { "Material", "材料", "PP sleeve, tin-plated copper" } } },
	{ "MH-HST", "Heat shrink tubing 2:1", "热缩管", "UL 224", 1, 14000, Q_METRES, {
	  { "Diameter", "直径", "3.2 mm|4.8 mm|6.4 mm|9.5 mm|12.7 mm|19.1 mm" },
	  { "Colour", "颜色", "black|red|blue|green-yellow|transparent" },
	  { "Flame class", "阻燃等级", "VW-1" },
	  { "Operating temperature", "工作温度", "-55 to +125 °C" } } },
	{ "MH-BV", "Single-core PVC wire", "聚氯乙烯绝缘电线", "IEC 60227-3", 1, 26000, Q_METRES, {
	  { "Cross-section", "截面积", "0.75 mm²|1.0 mm²|1.5 mm²|2.5 mm²|4 mm²|6 mm²" },
	  { "Colour", "颜色", "black|blue|brown|grey|green-yellow|red" },
	  { "Conductor", "导体", "class 5 flexible copper|class 2 stranded copper" },
	  { "Rated voltage", "额定电压", "450/750 V" } } },
	{ "MH-SPD", "Surge protective device type 2", "浪涌保护器", "IEC 61643-11", 0, 450000, Q_HUNDREDS, {
	  { "Max. continuous operating voltage Uc", "最大持续工作电压",
	    "275 V AC|320 V AC|385 V AC|1000 V DC" },
	  { "Max. discharge current Imax", "最大放电电流", "20 kA|40 kA|60 kA" },
	  { "Poles", "极数", "1P|1P+N|2P|3P|4P|3P+N" },
	  { "Remote signalling contact", "遥信触点", "with|without" } } },
	{ "MH-JS", "Multifunction time relay", "时间继电器", "IEC 61812-1", 0, 520000, Q_HUNDREDS, {
	  { "Time range", "延时范围", "0.1 s-10 days|0.1 s-100 h" },
	  { "Supply voltage", "电源电压", "12-240 V AC/DC|24 V AC/DC|230 V AC" },
	  { "Contacts", "触点", "1CO|2CO" },
	  { "Width", "宽度", "17.5 mm|22.5 mm" } } },
	{ "MH-CT", "Current transformer", "电流互感器", "IEC 61869-2", 0, 420000, Q_HUNDREDS, {
	  { "Ratio", "变比", "50/5 A|100/5 A|150/5 A|200/5 A|400/5 A|600/5 A|800/5 A" },
	  { "Accuracy class", "准确级", "0.5|1|0.5S" },
	  { "Rated burden", "额定负荷", "1.25 VA|2.5 VA|5 VA" },
	  { "Primary conductor", "一次穿线孔", "Ø 22 mm|Ø 30 mm|30x10 mm busbar" } } },
	{ "MH-DB", "Distribution board, surface mounted", "明装配电箱", "IEC 61439-3", 0, 1600000, Q_FEW, {
	  { "Modules", "回路数", "4|6|8|12|18|24|36" },
	  { "Material", "材料", "ABS|steel, powder coated RAL 7035" },
	  { "Degree of protection", "防护等级", "IP40|IP65" },
	  { "Door", "门", "transparent smoked|opaque" } } },
	{ "MH-SSR", "Solid state relay", "固态继电器", "IEC 62314", 0, 210000, Q_HUNDREDS, {
	  { "Load current", "负载电流", "10 A|25 A|40 A|60 A" },
	  { "Control voltage", "控制电压", "3-32 V DC|90-280 V AC" },
	  { "Load voltage", "负载电压", "24-380 V AC|24-480 V AC" },
	  { "Switching", "切换方式", "zero cross|random turn-on" } } },
	{ "MH-LJ", "Inductive proximity sensor", "电感式接近开关", "IEC 60947-5-2", 0, 230000, Q_HUNDREDS, {
	  { "Housing", "外壳", "M8|M12|M18|M30" },
	  { "Output", "输出", "NPN NO|PNP NO|PNP NC" },
	  { "Sensing distance", "检测距离", "2 mm|4 mm|8 mm|15 mm" },
	  { "Connection", "连接方式", "2 m PVC cable|M12 connector" } } },
	{ "MH-JXH", "Junction box", "接线盒", "IEC 60670-22", 0, 150000, Q_HUNDREDS, {
	  { "Size", "尺寸", "100x100x70 mm|150x110x70 mm|200x120x75 mm|300x250x120 mm" },
	  { "Material", "材料", "ABS|polycarbonate|die-cast aluminium" },
	  { "Degree of protection", "防护等级", "IP65|IP66|IP67" },
	  { "Cover", "盖", "grey|transparent" } } },
	{ "MH-TH35", "DIN rail TH35", "导轨", "IEC 60715", 0, 45000, Q_HUNDREDS, {
	  { "Profile", "型号", "35x7.5 mm|35x15 mm" },
	  { "Length", "长度", "1 m|2 m" },
	  { "Material", "材料", "galvanised steel|aluminium" },
	  { "Slotted", "冲孔", "slotted|unslotted" } } },
	{ "MH-ZD", "Cable tie", "尼龙扎带", "UL 62275", 0, 200, Q_THOUSANDS, {
	  { "Size", "规格", "2.5x100 mm|3.6x150 mm|3.6x200 mm|4.8x300 mm|7.6x370 mm" },
	  { "Colour", "颜色", "natural|black, UV resistant" },
	  { "Material", "材料", "PA66 UL94 V-2" },
	  { "Packing", "包装", "100 pcs/bag|1000 pcs/bag" } } },
	{ "MH-WH", "Wire harness to customer drawing", "线束（按客户图纸）", NULL, 0, 480000, Q_HUNDREDS, {
	  { "Length", "长度", "300 mm|500 mm|750 mm|1200 mm" },
	  { "Number of wires", "线数", "4|6|8|12" },
	  { "Connector", "连接器", "JST XH 2.5|Molex Micro-Fit 3.0|pluggable 5.08" },
	  { "Wire", "导线", "UL1007 22AWG|UL1015 18AWG" } } },
	{ "MH-MS", "Motor protection circuit breaker", "电动机保护断路器", "IEC 60947-2", 0, 880000, Q_HUNDREDS, {
	  { "Setting range", "整定电流范围",
	    "0.4-0.63 A|1-1.6 A|2.5-4 A|6-10 A|9-14 A|17-23 A|24-32 A" },
	  { "Breaking capacity Icu", "极限分断能力", "50 kA|100 kA" },
	  { "Auxiliary contact", "辅助触点", "none|1NO+1NC" },
	  { "Operator", "操作方式", "push button|rotary" } } },
	{ "MH-Q3", "Automatic transfer switch", "双电源自动转换开关", "IEC 60947-6-1", 0, 6200000, Q_FEW, {
	  { "Rated current", "额定电流", "63 A|100 A|125 A|250 A|400 A" },
	  { "Poles", "极数", "3P|4P" },
	  { "Class", "级别", "PC|CB" },
	  { "Controller", "控制器", "standard|RS485 communication" } } },
	{ "MH-DM", "Digital panel meter", "数显电表", NULL, 0, 860000, Q_FEW, {
	  { "Measured value", "测量", "voltage|current|multifunction" },
	  { "Size", "尺寸", "48x48 mm|72x72 mm|96x96 mm" },
	  { "Communication", "通讯", "none|RS485 Modbus RTU" },
	  { "Supply", "电源", "85-265 V AC/DC|24 V DC" } } },
	{ "MH-XK", "Rocker switch", "船型开关", "IEC 61058-1", 0, 12000, Q_THOUSANDS, {
	  { "Rating", "额定值", "6 A 250 V AC|10 A 250 V AC|16 A 250 V AC" },
	  { "Positions", "档位", "ON-OFF|ON-OFF-ON" },
	  { "Illumination", "照明", "none|red, 230 V" },
	  { "Marking", "标识", "I/O|O/-" } } },
};

#define HARNESS 29                   /* products[HARNESS] is MH-WH */

/* the '|'-separated value lists, split once at start */
static struct {
	int n;
	const char *v[10];
} vals[NELEM(products)][4];

static void
split_values(void)
{
	size_t i, k;
	char *s, *t;

	if (strcmp(products[HARNESS].code, "MH-WH") != 0)
		die("HARNESS does not name MH-WH");
	for (i = 0; i < NELEM(products); i++)
		for (k = 0; k < 4; k++) {
			if ((s = strdup(products[i].p[k].vals)) == NULL)
				die("out of memory");
			for (t = strtok(s, "|"); t; t = strtok(NULL, "|")) {
				if (vals[i][k].n == 10)
					die("too many values for %s", products[i].code);
				vals[i][k].v[vals[i][k].n++] = t;
			}
		}
}

/* ---- the notes, English and Chinese ---- */

static const char *const gen_notes[][2] = {
	{ "Please confirm this order within 2 working days.",
	  "请在收到订单后两个工作日内回传确认。" },
	{ "Each carton must show our order number and item number.",
	  "外箱须标明我司订单号及物料编码。" },
	{ "Packing: standard export cartons on fumigated pallets, max. height 1.2 m.",
	  "送货时请附送货单及产品合格证。" },
	{ "Partial deliveries only after our written approval.",
	  "未经我司书面同意不得分批交货。" },
	{ "Order confirmation with final delivery dates required.",
	  "请回传订单确认并注明交货日期。" },
	{ "Invoice and packing list to be sent by e-mail before shipment.",
	  "发票请随货同行，开具13%增值税专用发票。" },
};

static const char *const rohs_notes[2] = {
	"All goods must comply with RoHS Directive 2011/65/EU as amended by "
	"(EU) 2015/863 and with REACH; a declaration of conformity is to be "
	"supplied with the first delivery.",
	"所有产品须符合RoHS 2.0（GB/T 26572）要求，首批交货时提供第三方检测报告。",
};

static const char *const cert_notes[2] = {
	"CE declaration and CB test certificate required for all items.",
	"须提供CCC认证证书及型式试验报告复印件。",
};

static const char *const sample_notes[2] = {
	"5 samples per item to be approved by our quality department before "
	"mass production.",
	"批量生产前每个型号须提供5只样品，经我司质量部确认后方可生产。",
};

/* with %s (the drawing number) and %c (its revision) */
static const char *const drawing_notes[2] = {
	"Item(s) marked with drawing reference to be made to our drawing %s "
	"rev. %c (attached). The drawing remains our property and must not "
	"be disclosed to third parties.",
	"带图号的物料须按我司图纸%s（%c版，见附件）加工；图纸为我司财产，"
	"请妥善保管，不得向第三方泄露。",
};

static const char *const penalty_notes[2] = {
	"Late delivery penalty: 0.5% of the order value per calendar day of "
	"delay, up to 10% of the order value.",
	"逾期交货每天按订单金额的0.5%扣款，最高不超过订单金额的10%。",
};

static const char *const line_notes[][2] = {
	{ "Laser marking of our part number on each piece.",
	  "产品需激光打标我司物料编码。" },
	{ "RoHS and REACH declaration required for this item.",
	  "本项需提供RoHS检测报告。" },
	{ "Colour must match the approved sample.", "颜色以确认样品为准。" },
	{ "UL recognised version required.", "需UL认证型号。" },
	{ "Individual packing with barcode label per box.",
	  "单独包装，每盒贴条码标签。" },
	{ "Deliver in two equal batches.", "分两批交货。" },
	{ "Replacement for rejected lot, see our complaint report.",
	  "补发不良品，详见我司品质异常单。" },
};

/* ---- one document ---- */

/* the unit price of a variant in 1/10000 of the currency whose rate is
 * given: the list price grows with the first two values' indexes */
static int64_t
variant_price4(const struct product *p, const unsigned v[4], int rate)
{
	int64_t price4 = p->price * (100 + 12 * (int64_t)v[0] + 5 * (int64_t)v[1]) / 100;

	price4 = price4 * 100 / rate;
	if (price4 >= 10000)
		price4 = (price4 + 50) / 100 * 100;
	if (price4 < 1)
		price4 = 1;
	return price4;
}

static const char *
currency_rate_check(const char *cur, int *rate)
{
	size_t i;

	for (i = 0; i < NELEM(rates); i++)
		if (strcmp(rates[i].cur, cur) == 0) {
			*rate = rates[i].rate;
			return cur;
		}
	die("no rate for %s", cur);
	return NULL;
}

static void
address(struct buf *b, int d, const char *tag, const struct cust *c,
    const char *dept)
{
	open_(b, d, tag);
	leaf(b, d + 1, "cbc:StreetName", c->street);
	if (c->extra)
		leaf(b, d + 1, "cbc:AdditionalStreetName", c->extra);
	if (dept)
		leaf(b, d + 1, "cbc:Department", dept);
	leaf(b, d + 1, "cbc:CityName", c->city);
	if (c->zip)
		leaf(b, d + 1, "cbc:PostalZone", c->zip);
	if (c->region)
		leaf(b, d + 1, "cbc:CountrySubentity", c->region);
	open_(b, d + 1, "cac:Country");
	leaf(b, d + 2, "cbc:IdentificationCode", c->country);
	close_(b, d + 1, "cac:Country");
	close_(b, d, tag);
}

static void
seller_address(struct buf *b, int d, int zh)
{
	open_(b, d, "cac:PostalAddress");
	leaf(b, d + 1, "cbc:StreetName", zh ? "柳市镇新光工业区纬七路88号" :
	    "No. 88 Weiqi Road, Xinguang Industrial Zone, Liushi Town");
	leaf(b, d + 1, "cbc:CityName", zh ? "乐清市" : "Yueqing");
	leaf(b, d + 1, "cbc:PostalZone", "325604");
	leaf(b, d + 1, "cbc:CountrySubentity", zh ? "浙江省" : "Zhejiang");
	open_(b, d + 1, "cac:Country");
	leaf(b, d + 2, "cbc:IdentificationCode", "CN");
	close_(b, d + 1, "cac:Country");
	close_(b, d, "cac:PostalAddress");
}

static void
base64(struct buf *b, struct rng *r, size_t nbytes)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char head[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
	unsigned char in[3];
	size_t i, k;
	char out[4];

	for (i = 0; i < nbytes; i += 3) {
		for (k = 0; k < 3; k++)
			in[k] = i + k < sizeof head - 1 ? (unsigned char)head[i + k] :
			    (unsigned char)rnd(r);
		out[0] = tab[in[0] >> 2];
		out[1] = tab[((in[0] & 3) << 4) | (in[1] >> 4)];
		out[2] = tab[((in[1] & 15) << 2) | (in[2] >> 6)];
		out[3] = tab[in[2] & 63];
		putn(b, out, 4);
	}
}

static long
gen_order(struct buf *b, uint64_t seed, long i)
{
	struct rng r;
	const struct cust *c;
	const struct product *p;
	unsigned total = 0, w, k, n, nlines, ln, v[4], drwno = 0, pidx;
	int zh, lang, rate, y, tax, rep, drawing, drw_line[MAX_LINES + 1];
	unsigned mo, dd;
	long issue, start, end, lstart;
	int64_t sum = 0, amt[MAX_LINES + 1], price4, qty;
	const char *cur, *unit, *nm, *dom, *pp;
	char id[64], drw[48], tmp[512], gtin[14], base12[13], gln[14];
	char drwrev;
	unsigned prod[MAX_LINES + 1], var[MAX_LINES + 1][4];
	int64_t qtys[MAX_LINES + 1], prices[MAX_LINES + 1];
	size_t ci;

	rng_init(&r, seed, (uint64_t)i);

	/* the customer, weighted */
	for (ci = 0; ci < NELEM(custs); ci++)
		total += (unsigned)custs[ci].weight;
	w = rn(&r, total);
	for (ci = 0; w >= (unsigned)custs[ci].weight; ci++)
		w -= (unsigned)custs[ci].weight;
	c = &custs[ci];
	lang = c->lang;
	zh = lang == ZH;
	cur = currency_rate_check(c->cur, &rate);
	tax = strcmp(cur, "CNY") == 0;
	rep = zh ? (int)rn(&r, 2) : 2 + (int)rn(&r, 2);
	dom = strchr(c->email, '@') + 1;

	/* dates */
	issue = DAY_2024_01_02 + (long)rn(&r, 730);
	if (weekday(issue) == 6)
		issue--;
	else if (weekday(issue) == 0)
		issue++;
	civil(issue, &y, &mo, &dd);
	if (pm(&r, 50))
		start = issue + 5 + rn(&r, 6);          /* rush order */
	else if (tax)
		start = issue + 15 + rn(&r, 31);
	else
		start = issue + 30 + rn(&r, 46);
	end = start + (tax ? 3 : 7 + rn(&r, 8));

	/* order number */
	if (strstr(c->idfmt, "%d"))
		snprintf(id, sizeof id, c->idfmt, y, c->idbase + i);
	else
		snprintf(id, sizeof id, c->idfmt, c->idbase + i);

	/* lines: the minimum of two uniform draws on 1..60, mean about 20.5 */
	k = 1 + rn(&r, MAX_LINES);
	n = 1 + rn(&r, MAX_LINES);
	nlines = k < n ? k : n;

	/* the special requirements */
	drawing = pm(&r, 60);
	drwrev = (char)('A' + rn(&r, 5));
	if (drawing) {
		drwno = 1 + rn(&r, 9999);
		snprintf(drw, sizeof drw, c->drwfmt, drwno);
	}

	/* choose the lines first: the totals come before them */
	for (ln = 1; ln <= nlines; ln++) {
		pidx = rn(&r, (unsigned)NELEM(products));
		if (drawing && ln == 1 && !pm(&r, 300))
			pidx = HARNESS;                 /* made to the drawing */
		p = &products[pidx];
		prod[ln] = pidx;
		for (k = 0; k < 4; k++)
			var[ln][k] = rn(&r, (unsigned)vals[pidx][k].n);
		price4 = variant_price4(p, var[ln], rate);
		switch (p->qty) {
		case Q_FEW: {
			static const int q[] = { 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50 };
			qty = PICK(&r, q);
			break;
		}
		case Q_HUNDREDS: {
			static const int q[] = { 20, 50, 60, 100, 120, 150, 200, 240, 300, 400, 500, 600, 800, 1000 };
			qty = PICK(&r, q);
			break;
		}
		case Q_THOUSANDS: {
			static const int q[] = { 500, 1000, 2000, 2500, 3000, 5000, 10000, 20000, 50000 };
			qty = PICK(&r, q);
			break;
		}
		default: {
			static const int q[] = { 100, 200, 300, 500, 1000, 1500, 2000, 3000, 5000 };
			qty = PICK(&r, q);
			break;
		}
		}
		qtys[ln] = qty;
		prices[ln] = price4;
		amt[ln] = (qty * price4 + 50) / 100;
		sum += amt[ln];
		drw_line[ln] = drawing && (ln == 1 || pm(&r, 150));
	}

	b->len = 0;
	put(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"\n"
	    "  xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
	    "  xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
	leaf(b, 1, "cbc:UBLVersionID", "2.1");
	k = c->flags & F_PEPPOL ? (pm(&r, 800) ? 0 : 1) : 2;
	leaf(b, 1, "cbc:CustomizationID", customizations[k].code);
	leaf(b, 1, "cbc:ProfileID", customizations[k].variant);
	leaf(b, 1, "cbc:ID", id);
	date_el(b, 1, "cbc:IssueDate", issue);
	leaff(b, 1, "cbc:IssueTime", "%02u:%02u:%02u", 8 + rn(&r, 11),
	    rn(&r, 60), rn(&r, 60));
	if (c->flags & F_PEPPOL)
		leaf(b, 1, "cbc:OrderTypeCode", "220");

	/* order notes */
	if (pm(&r, 350))
		leaf(b, 1, "cbc:Note", PICK(&r, gen_notes)[zh]);
	if (pm(&r, c->flags & F_EU ? 300 : 100))
		leaf(b, 1, "cbc:Note", rohs_notes[zh]);
	if (pm(&r, 40))
		leaf(b, 1, "cbc:Note", cert_notes[zh]);
	if (pm(&r, 30))
		leaf(b, 1, "cbc:Note", sample_notes[zh]);
	if (drawing) {
		snprintf(tmp, sizeof tmp, drawing_notes[zh], drw, drwrev);
		leaf(b, 1, "cbc:Note", tmp);
	}
	if (pm(&r, 40))
		leaf(b, 1, "cbc:Note", penalty_notes[zh]);

	leaf(b, 1, "cbc:DocumentCurrencyCode", cur);
	if (pm(&r, 400)) {
		open_(b, 1, "cac:QuotationDocumentReference");
		leaff(b, 2, "cbc:ID", "MH-QT%02d%02u-%04u", y % 100, mo, 1 + rn(&r, 600));
		close_(b, 1, "cac:QuotationDocumentReference");
	}
	if (drawing) {
		open_(b, 1, "cac:AdditionalDocumentReference");
		leaf(b, 2, "cbc:ID", drw);
		leaf(b, 2, "cbc:DocumentType", zh ? "图纸" : "Drawing");
		open_(b, 2, "cac:Attachment");
		if (pm(&r, 300)) {
			ind(b, 3);
			putf(b, "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" "
			    "filename=\"%s-%c.pdf\">", drw, drwrev);
			base64(b, &r, 3000 + 3 * rn(&r, 3000));
			put(b, "</cbc:EmbeddedDocumentBinaryObject>\n");
		} else {
			open_(b, 3, "cac:ExternalReference");
			leaff(b, 4, "cbc:URI", "https://portal.%s/drawings/%s-%c.pdf",
			    dom, drw, drwrev);
			close_(b, 3, "cac:ExternalReference");
		}
		close_(b, 2, "cac:Attachment");
		close_(b, 1, "cac:AdditionalDocumentReference");
	}
	if (c->flags & F_CONTRACT) {
		open_(b, 1, "cac:Contract");
		leaff(b, 2, "cbc:ID", "FA-%d-%03u", y, 1 + (unsigned)(ci * 7 % 40));
		leaf(b, 2, "cbc:ContractType", zh ? "年度框架协议" : "Frame agreement");
		close_(b, 1, "cac:Contract");
	}

	/* the buyer */
	gs1(gln, c->gln12);
	open_(b, 1, "cac:BuyerCustomerParty");
	open_(b, 2, "cac:Party");
	ind(b, 3);
	putf(b, "<cbc:EndpointID schemeID=\"%s\">%s</cbc:EndpointID>\n", c->eas,
	    c->endpoint ? c->endpoint : gln);
	open_(b, 3, "cac:PartyIdentification");
	leafa(b, 4, "cbc:ID", "schemeID=\"0088\"", gln);
	close_(b, 3, "cac:PartyIdentification");
	if (c->custno && pm(&r, 700)) {
		open_(b, 3, "cac:PartyIdentification");
		leaf(b, 4, "cbc:ID", c->custno);
		close_(b, 3, "cac:PartyIdentification");
	}
	open_(b, 3, "cac:PartyName");
	leaf(b, 4, "cbc:Name", c->name);
	close_(b, 3, "cac:PartyName");
	address(b, 3, "cac:PostalAddress", c, NULL);
	if (c->taxid) {
		open_(b, 3, "cac:PartyTaxScheme");
		leaf(b, 4, "cbc:RegistrationName", c->legal);
		leaf(b, 4, "cbc:CompanyID", c->taxid);
		open_(b, 4, "cac:TaxScheme");
		leaf(b, 5, "cbc:ID", "VAT");
		close_(b, 4, "cac:TaxScheme");
		close_(b, 3, "cac:PartyTaxScheme");
	}
	open_(b, 3, "cac:PartyLegalEntity");
	leaf(b, 4, "cbc:RegistrationName", c->legal);
	close_(b, 3, "cac:PartyLegalEntity");
	open_(b, 3, "cac:Contact");
	leaf(b, 4, "cbc:Name", c->contact);
	leaf(b, 4, "cbc:Telephone", c->phone);
	leaf(b, 4, "cbc:ElectronicMail", c->email);
	close_(b, 3, "cac:Contact");
	close_(b, 2, "cac:Party");
	close_(b, 1, "cac:BuyerCustomerParty");

	/* the seller: the factory */
	gs1(gln, SELLER_GLN12);
	open_(b, 1, "cac:SellerSupplierParty");
	open_(b, 2, "cac:Party");
	leafa(b, 3, "cbc:EndpointID", "schemeID=\"0088\"", gln);
	if (c->vendno) {
		open_(b, 3, "cac:PartyIdentification");
		leaf(b, 4, "cbc:ID", c->vendno);
		close_(b, 3, "cac:PartyIdentification");
	}
	open_(b, 3, "cac:PartyName");
	if (zh)
		leaf(b, 4, "cbc:Name", SELLER_ZH);
	else if (lang == BI)
		leaf(b, 4, "cbc:Name", SELLER_ZH " " "Yueqing Minghua Electrical Co., Ltd.");
	else
		leaf(b, 4, "cbc:Name", seller_names[pm(&r, 800) ? 0 : 1 + rn(&r, 2)]);
	close_(b, 3, "cac:PartyName");
	seller_address(b, 3, zh);
	if (tax) {
		open_(b, 3, "cac:PartyTaxScheme");
		leaf(b, 4, "cbc:CompanyID", SELLER_TAX);
		open_(b, 4, "cac:TaxScheme");
		leaf(b, 5, "cbc:ID", "VAT");
		close_(b, 4, "cac:TaxScheme");
		close_(b, 3, "cac:PartyTaxScheme");
	}
	open_(b, 3, "cac:PartyLegalEntity");
	leaf(b, 4, "cbc:RegistrationName", zh ? SELLER_ZH : seller_names[0]);
	close_(b, 3, "cac:PartyLegalEntity");
	open_(b, 3, "cac:Contact");
	leaf(b, 4, "cbc:Name", reps[rep].name);
	leaf(b, 4, "cbc:Telephone", reps[rep].phone);
	leaf(b, 4, "cbc:ElectronicMail", reps[rep].email);
	close_(b, 3, "cac:Contact");
	close_(b, 2, "cac:Party");
	close_(b, 1, "cac:SellerSupplierParty");

	/* delivery */
	open_(b, 1, "cac:Delivery");
	open_(b, 2, "cac:DeliveryLocation");
	gs1(gln, c->gln12);
	leafa(b, 3, "cbc:ID", "schemeID=\"0088\"", gln);
	snprintf(tmp, sizeof tmp, zh ? "仓库收货处 %u号门" : "Goods receiving, gate %u",
	    1 + rn(&r, 4));
	address(b, 3, "cac:Address", c, tmp);
	close_(b, 2, "cac:DeliveryLocation");
	open_(b, 2, "cac:RequestedDeliveryPeriod");
	date_el(b, 3, "cbc:StartDate", start);
	date_el(b, 3, "cbc:EndDate", end);
	close_(b, 2, "cac:RequestedDeliveryPeriod");
	open_(b, 2, "cac:DeliveryParty");
	open_(b, 3, "cac:PartyName");
	leaf(b, 4, "cbc:Name", c->name);
	close_(b, 3, "cac:PartyName");
	close_(b, 2, "cac:DeliveryParty");
	close_(b, 1, "cac:Delivery");

	open_(b, 1, "cac:DeliveryTerms");
	leaf(b, 2, "cbc:ID", terms[c->terms].code);
	leaf(b, 2, "cbc:SpecialTerms", terms[c->terms].special);
	if (terms[c->terms].locode) {
		open_(b, 2, "cac:DeliveryLocation");
		leafa(b, 3, "cbc:ID", "schemeID=\"UN/LOCODE\"", terms[c->terms].locode);
		close_(b, 2, "cac:DeliveryLocation");
	}
	close_(b, 1, "cac:DeliveryTerms");
	open_(b, 1, "cac:PaymentTerms");
	leaf(b, 2, "cbc:Note", payterms[c->pay]);
	close_(b, 1, "cac:PaymentTerms");

	if (tax) {
		open_(b, 1, "cac:TaxTotal");
		money(b, 2, "cbc:TaxAmount", cur, (sum * 13 + 50) / 100);
		close_(b, 1, "cac:TaxTotal");
	}
	open_(b, 1, "cac:AnticipatedMonetaryTotal");
	money(b, 2, "cbc:LineExtensionAmount", cur, sum);
	if (tax) {
		money(b, 2, "cbc:TaxExclusiveAmount", cur, sum);
		money(b, 2, "cbc:TaxInclusiveAmount", cur, sum + (sum * 13 + 50) / 100);
		money(b, 2, "cbc:PayableAmount", cur, sum + (sum * 13 + 50) / 100);
	} else
		money(b, 2, "cbc:PayableAmount", cur, sum);
	close_(b, 1, "cac:AnticipatedMonetaryTotal");

	/* the lines */
	for (ln = 1; ln <= nlines; ln++) {
		pidx = prod[ln];
		p = &products[pidx];
		for (k = 0; k < 4; k++)
			v[k] = var[ln][k];
		unit = p->metres ? "MTR" : c->flags & F_EA ? "EA" : "C62";

		open_(b, 1, "cac:OrderLine");
		if (drw_line[ln]) {
			snprintf(tmp, sizeof tmp, zh ? "按图纸%s（%c版）" :
			    "To drawing %s rev. %c", drw, drwrev);
			leaf(b, 2, "cbc:Note", tmp);
		} else if (pm(&r, 40))
			leaf(b, 2, "cbc:Note", PICK(&r, line_notes)[zh]);
		open_(b, 2, "cac:LineItem");
		leaff(b, 3, "cbc:ID", "%u", c->flags & F_STEP10 ? ln * 10 : ln);
		ind(b, 3);
		putf(b, "<cbc:Quantity unitCode=\"%s\">%lld</cbc:Quantity>\n", unit,
		    (long long)qtys[ln]);
		money(b, 3, "cbc:LineExtensionAmount", cur, amt[ln]);
		if (c->flags & F_LINEDEL && pm(&r, 120)) {
			open_(b, 3, "cac:Delivery");
			open_(b, 4, "cac:RequestedDeliveryPeriod");
			lstart = start + 7 * (1 + (long)rn(&r, 4));
			date_el(b, 5, "cbc:StartDate", lstart);
			date_el(b, 5, "cbc:EndDate", lstart + 3);
			close_(b, 4, "cac:RequestedDeliveryPeriod");
			close_(b, 3, "cac:Delivery");
		}
		open_(b, 3, "cac:Price");
		price4 = prices[ln];
		ind(b, 4);
		if (price4 % 100 == 0)
			putf(b, "<cbc:PriceAmount currencyID=\"%s\">%lld.%02lld</cbc:PriceAmount>\n",
			    cur, (long long)(price4 / 10000), (long long)(price4 / 100 % 100));
		else
			putf(b, "<cbc:PriceAmount currencyID=\"%s\">%lld.%04lld</cbc:PriceAmount>\n",
			    cur, (long long)(price4 / 10000), (long long)(price4 % 10000));
		if (c->flags & F_BASEQTY) {
			ind(b, 4);
			putf(b, "<cbc:BaseQuantity unitCode=\"%s\">1</cbc:BaseQuantity>\n", unit);
		}
		close_(b, 3, "cac:Price");

		open_(b, 3, "cac:Item");
		/* description: the name and every value, then the standard */
		nm = zh ? p->zh : p->en;
		snprintf(tmp, sizeof tmp, "%s%s%s%s%s%s%s%s%s%s%s", nm,
		    zh ? " " : ", ", vals[pidx][0].v[v[0]],
		    zh ? " " : ", ", vals[pidx][1].v[v[1]],
		    zh ? " " : ", ", vals[pidx][2].v[v[2]],
		    zh ? " " : ", ", vals[pidx][3].v[v[3]],
		    p->std ? (zh ? "，符合" : ", to ") : "", p->std ? p->std : "");
		leaf(b, 4, "cbc:Description", tmp);
		if (lang == BI) {
			snprintf(tmp, sizeof tmp, "%s %s", p->zh, p->en);
			leaf(b, 4, "cbc:Name", tmp);
		} else
			leaf(b, 4, "cbc:Name", nm);
		if (c->flags & F_BUYERPN) {
			open_(b, 4, "cac:BuyersItemIdentification");
			snprintf(tmp, sizeof tmp, c->pnfmt, (unsigned)((pidx * 7919u +
			    v[0] * 1009u + v[1] * 101u + v[2] * 11u + v[3] + ci * 31u) % 900000u + 100000u));
			leaf(b, 5, "cbc:ID", tmp);
			close_(b, 4, "cac:BuyersItemIdentification");
		}
		open_(b, 4, "cac:SellersItemIdentification");
		leaff(b, 5, "cbc:ID", "%s-%u%u%u%u", p->code, v[0], v[1], v[2], v[3]);
		close_(b, 4, "cac:SellersItemIdentification");
		open_(b, 4, "cac:StandardItemIdentification");
		snprintf(base12, sizeof base12, "6970532%05u",
		    (pidx * 1000u + v[0] * 100u + v[1] * 10u + v[2] * 3u + v[3]) % 100000u);
		gs1(gtin, base12);
		leafa(b, 5, "cbc:ID", "schemeID=\"0160\"", gtin);
		close_(b, 4, "cac:StandardItemIdentification");
		if (c->flags & F_TAXCAT) {
			open_(b, 4, "cac:ClassifiedTaxCategory");
			leaf(b, 5, "cbc:ID", "S");
			leaf(b, 5, "cbc:Percent", "13");
			open_(b, 5, "cac:TaxScheme");
			leaf(b, 6, "cbc:ID", "VAT");
			close_(b, 5, "cac:TaxScheme");
			close_(b, 4, "cac:ClassifiedTaxCategory");
		}
		n = 1 + rn(&r, 4);
		for (k = 0; k < n; k++) {
			pp = zh ? p->p[k].zh : p->p[k].en;
			open_(b, 4, "cac:AdditionalItemProperty");
			leaf(b, 5, "cbc:Name", pp);
			leaf(b, 5, "cbc:Value", vals[pidx][k].v[v[k]]);
			close_(b, 4, "cac:AdditionalItemProperty");
		}
		close_(b, 3, "cac:Item");
		close_(b, 2, "cac:LineItem");
		close_(b, 1, "cac:OrderLine");
	}
	put(b, "</Order>\n");
	return (long)nlines;
}

/* CATALOG-BEGIN: the capability catalog (-c).  tests/bench/run.sh leaves
 * the lines from here to the end marker out of the orders' fingerprint
 * (editing them does not regenerate the orders), so nothing here may
 * change the orders. */

/*
 * The catalog of the factory that receives these orders, valid against
 * schemas/catalog.xsd.  One product per SKU the orders can name
 * ("<code>-<v0><v1><v2><v3>", the digits indexing the four value lists
 * above: 3,551 in all), most frequent first when fewer are asked for;
 * beyond those, variants the orders never ask for (UL-recognised, OEM
 * packing, tropicalised, ...) and one made-to-drawing harness, so that
 * the catalog has the size a real one has.  Each product gets the specs
 * of its series (a test per property: range with unit, values or a
 * PCRE2 pattern), its units, list prices per currency equal to what the
 * orders pay, MOQ and multiple, weekly capacity, lead time, a bill of
 * materials and its certifications.  Nothing here depends on the seed.
 */

enum { T_VALUES, T_RANGE, T_PATTERN };

struct cspec {
	const char *id;
	int test;
	const char *unit, *min, *max;   /* T_RANGE; unit NULL: plain number */
	const char *text;               /* T_VALUES: more values ('|'), T_PATTERN: it */
};

#define V(id, more)       { id, T_VALUES, NULL, NULL, NULL, more }
#define R(id, u, lo, hi)  { id, T_RANGE, u, lo, hi, NULL }
#define P(id, re)         { id, T_PATTERN, NULL, NULL, NULL, re }

/*
 * bom and certs are space-separated items.  bom: MATERIAL:QTY per base
 * unit; certs: NAME or NAME:REF.  Either may end in @K=I: only for the
 * variants whose value K has index I.
 */
struct cprod {
	const char *code, *family;
	int lead, moq, mult;
	long cap;                       /* base units per ISO week */
	const char *bom, *certs;
	struct cspec s[4];
};

static const struct cprod cprods[] = {
	{ "MH-B1", "breaker", 12, 20, 10, 30000,
	  "CU-T2-STRIP:0.012 AGSNO2-RIVET:2 BIMETAL:0.002 ENAM-WIRE:0.003 PA66-GF30:0.035 "
	  "BMC:0.008 SPRING-SET:1 STEEL-SPCC:0.015 PKG-BOX:0.0834",
	  "CCC:2023010307512846 CE RoHS REACH",
	  { R("in", "AMP", "1", "63"), V("poles", "3P+N"), V("curve", "K|Z"),
	    P("icn", "^\\s*(?:4[.,]5|6|10)\\s*kA\\s*$") } },
	{ "MH-L1", "breaker", 18, 20, 10, 8000,
	  "CU-T2-STRIP:0.016 AGSNO2-RIVET:4 ZCT-CORE:1 ENAM-WIRE:0.006 PA66-GF30:0.06 "
	  "SPRING-SET:1 PKG-BOX:0.0834",
	  "CCC:2023010307512847 CE RoHS REACH TUV:R50561273",
	  { R("in", "AMP", "6", "40"), R("idn", "4K", "10", "300"), V("type", "F"),
	    V("poles", NULL) } },
	{ "MH-C2", "contactor", 15, 20, 10, 10000,
	  "SI-STEEL:0.14 ENAM-WIRE:0.03 AGSNO2-RIVET:8 CU-T2-STRIP:0.025 PA66-GF30:0.09 "
	  "SPRING-SET:1 SCREW-SET:1 PKG-BOX:0.1",
	  "CCC:2022010304498123 CE RoHS REACH UL:E487216 cUL:E487216",
	  { R("ie", "AMP", "9", "95"), R("uc", "VLT", "24", "380"), V("aux", "2NO|2NC"),
	    V("mount", NULL) } },
	{ "MH-R2", "contactor", 15, 20, 10, 6000,
	  "BIMETAL:0.004 CU-T2-STRIP:0.02 AGNI-RIVET:4 PA66-GF30:0.05 SCREW-SET:1 PKG-BOX:0.1",
	  "CCC:2022010304498124 CE RoHS REACH",
	  { R("ir", "AMP", "0.1", "32"), V("class", "10|30"), V("reset", NULL),
	    V("mount", NULL) } },
	{ "MH-Z8", "relay", 10, 20, 10, 20000,
	  "ENAM-WIRE:0.004 AGNI-RIVET:8 BRASS-H62:0.006 PC-V0:0.012 PA66-GF30:0.02@3=0 PKG-BOX:0.1",
	  "CE RoHS REACH UL:E492531",
	  { V("coil", "48 V DC|24 V AC"), V("form", NULL),
	    P("rating", "^\\s*(?:5|7|10)\\s*A\\s+250\\s*V\\s*AC\\s*$"), V("socket", NULL) } },
	{ "MH-P5", "relay", 20, 500, 500, 200000,
	  "ENAM-WIRE:0.0012 AGNI-RIVET:2 BRASS-H62:0.002 PA66-GF30:0.004 PKG-BOX:0.02",
	  "CE RoHS REACH UL:E492532 cUL:E492532 TUV:R50577108",
	  { R("coil", "VLT", "3", "60"), V("form", NULL), R("rating", "AMP", "0", "20"),
	    V("build", NULL) } },
	{ "MH-UK", "terminal", 10, 500, 500, 300000,
	  "BRASS-H62:0.004 STEEL-STRIP:0.003 PA66-V0:0.006 SCREW-SET:1 PKG-BOX:0.02",
	  "CE RoHS REACH UL:E502113",
	  { R("csa", "MMK", "0.5", "35"), V("colour", "orange|brown|white"),
	    P("insul", "(?i)^PA\\s*66\\b.*UL\\s*94\\s*V-?0$"), R("ue", "VLT", "0", "1000") } },
	{ "MH-KF", "terminal", 10, 500, 500, 500000,
	  "BRASS-H62:0.0015 SCREW-SET:1 PA66-V0:0.002 PLT-SN:0.0015 PKG-BAG:0.002",
	  "RoHS REACH UL:E502114 cUL:E502114",
	  { R("pitch", "MMT", "3.5", "10.16"), R("ways", NULL, "2", "24"), V("colour", "grey"),
	    R("wire", "MMK", "0.08", "4") } },
	{ "MH-2EDG", "terminal", 12, 500, 500, 300000,
	  "BRASS-H62:0.002 PA66-V0:0.003 PLT-SN:0.002 PKG-BAG:0.002",
	  "RoHS REACH UL:E502115",
	  { R("pitch", "MMT", "3.5", "5.08"), R("ways", NULL, "2", "24"), V("header", NULL),
	    V("colour", NULL) } },
	{ "MH-PG", "accessory", 10, 500, 500, 200000,
	  "PA66-V2:0.008@1=0 BRASS-ROD:0.03@1=1 PLT-NI:0.03@1=1 SS304-ROD:0.03@1=2 SEAL-NBR:1 "
	  "PKG-BAG:0.01",
	  "CE RoHS REACH",
	  { P("thread", "^\\s*(?:M(?:12|16|20|25|32|40|50|63)\\s*[xX\xC3\x97]\\s*1[.,]5|"
	      "PG\\s*(?:7|9|11|13[.,]5|16|21|29))\\s*$"),
	    V("mat", NULL), V("ip", "IP66|IP67"), V("colour", NULL) } },
	{ "MH-LW", "switch", 20, 1, 1, 800,
	  "CU-T2-STRIP:0.05 AGSNO2-RIVET:8 PA66-GF30:0.15 PC-V0:0.2@2=1 SCREW-SET:2 PKG-BOX:1",
	  "CCC:2022010306497335 CE RoHS REACH",
	  { R("in", "AMP", "16", "125"), V("poles", NULL), V("version", NULL),
	    V("handle", NULL) } },
	{ "MH-LA", "pilot", 12, 20, 10, 15000,
	  "AGNI-RIVET:4 BRASS-H62:0.004 PC-V0:0.015 PA66-GF30:0.01 SPRING-SET:1 "
	  "LED-MOD:1@3=1 LED-MOD:1@3=2 PKG-BOX:0.1",
	  "CCC:2022010306497336 CE RoHS REACH",
	  { V("colour", NULL), V("contacts", "2NC"), V("actuator", NULL), V("light", NULL) } },
	{ "MH-AD16", "pilot", 10, 20, 10, 20000,
	  "LED-MOD:1 PC-V0:0.01 PA66-GF30:0.006 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { V("colour", "orange"), R("ue", "VLT", "6", "400"), V("source", NULL),
	    V("ip", "IP66") } },
	{ "MH-RT18", "fuse", 12, 20, 10, 10000,
	  "BRASS-H62:0.015 PA66-GF30:0.04 SPRING-SET:1 LED-MOD:1@2=1 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { P("size", "^\\s*(?:8[.,]5|10|14|22)\\s*[xX\xC3\x97*]\\s*(?:31[.,]5|38|51|58)\\s*(?:mm)?\\s*$"),
	    V("poles", NULL), V("indicator", NULL), R("ue", "VLT", "0", "1000") } },
	{ "MH-RO", "fuse", 12, 500, 500, 200000,
	  "FUSE-ELEM:1 FUSE-BODY:1 BRASS-H62:0.004 PLT-SN:0.004 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { R("in", "AMP", "0.5", "63"), V("category", NULL), V("size", "22x58"),
	    V("icu", NULL) } },
	{ "MH-PIN", "terminal", 15, 1, 1, 1000,
	  "CU-T2-BAR:0.35 PVC-INS:0.08 PKG-CTN:0.05",
	  "CE RoHS REACH",
	  { V("poles", NULL), R("csa", "MMK", "10", "16"), V("length", NULL), V("mat", NULL) } },
	{ "MH-SC", "terminal", 10, 500, 500, 300000,
	  "CU-TUBE:0.012 PLT-SN:0.012@1=0 PKG-BAG:0.01",
	  "RoHS REACH",
	  { P("size", "^SC(?:6|10|16|25|35|50|70|95|120)-(?:5|6|8|10|12|14)$"),
	    V("plating", NULL), V("mat", NULL), V("window", NULL) } },
	{ "MH-E", "terminal", 7, 1000, 500, 2000000,
	  "CU-T2-STRIP:0.0004 PLT-SN:0.0004 PP-SLEEVE:0.0002 PKG-BAG:0.001@2=0 PKG-BAG:0.002@2=1",
	  "RoHS REACH",
	  { P("size", "^E(?:0308|0508|7508|1008|1508|2508|4009|6012|1012|1612)$"),
	    V("colour", "yellow|green"), V("pack", NULL), V("mat", NULL) } },
	{ "MH-HST", "wire", 10, 100, 100, 50000,
	  "PO-TUBE:1 PKG-COIL:0.01",
	  "RoHS REACH UL:E507721",
	  { R("dia", "MMT", "1.6", "25.4"), V("colour", "white|yellow"), V("flame", NULL),
	    R("temp", "CEL", "-55", "125") } },
	{ "MH-BV", "wire", 7, 100, 100, 100000,
	  "CU-WIRE-FLEX:0.012 PVC-INS:0.006 PKG-COIL:0.01",
	  "CCC:2021010105398754 RoHS REACH",
	  { R("csa", "MMK", "0.5", "10"), V("colour", "white|orange|violet"), V("conductor", NULL),
	    P("ue", "^\\s*(?:300\\s*/\\s*500|450\\s*/\\s*750)\\s*V\\s*$") } },
	{ "MH-SPD", "surge", 20, 20, 10, 5000,
	  "MOV-34:1 CU-T2-STRIP:0.01 PA66-GF30:0.05 SPRING-SET:1 PKG-BOX:0.1",
	  "CE RoHS REACH TUV:R50580012",
	  { R("uc", "VLT", "75", "1000"), V("imax", "10 kA|80 kA"), V("poles", NULL),
	    V("remote", NULL) } },
	{ "MH-JS", "relay", 25, 20, 10, 5000,
	  "PCBA-TIMER:1 PA66-V0:0.03 SCREW-SET:1 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { V("range", NULL), R("supply", "VLT", "12", "240"), V("contacts", NULL),
	    R("width", "MMT", "17.5", "22.5") } },
	{ "MH-CT", "meter", 20, 20, 10, 5000,
	  "CT-CORE:1 ENAM-WIRE:0.06 PC-V0:0.05 SCREW-SET:1 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { P("ratio", "^\\s*[1-9][0-9]{1,3}\\s*/\\s*[15]\\s*A\\s*$"), V("class", "0.2S"),
	    V("burden", "10 VA"), V("primary", NULL) } },
	{ "MH-DB", "enclosure", 20, 1, 1, 1000,
	  "ABS-V0:0.8@1=0 STEEL-SPCC:3.5@1=1 COAT-POWDER:0.3@1=1 CU-T2-BAR:0.1 SCREW-SET:4 "
	  "PKG-CTN:1",
	  "CE RoHS REACH",
	  { R("ways", NULL, "2", "36"), V("mat", NULL), V("ip", NULL), V("door", NULL) } },
	{ "MH-SSR", "relay", 20, 20, 10, 8000,
	  "PCBA-SSR:1 CU-T2-STRIP:0.01 PA66-V0:0.02 SCREW-SET:1 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { R("load", "AMP", "10", "60"), R("ctrl", "VLT", "3", "280"), R("ue", "VLT", "24", "480"),
	    V("switch", NULL) } },
	{ "MH-LJ", "sensor", 20, 50, 10, 6000,
	  "SENSOR-HEAD:1 BRASS-ROD:0.02 PLT-NI:0.02 WIRE-UL:2@3=0 PKG-BOX:0.1",
	  "CE RoHS REACH",
	  { V("housing", NULL), V("output", "NPN NC"), R("sn", "MMT", "1", "40"),
	    V("conn", NULL) } },
	{ "MH-JXH", "enclosure", 10, 20, 10, 10000,
	  "ABS-V0:0.2@1=0 PC-V0:0.2@1=1 AL-6063:0.6@1=2 SEAL-NBR:1 SCREW-SET:4 PKG-BOX:0.05",
	  "CE RoHS REACH",
	  { P("size", "^\\s*\\d{2,3}\\s*[xX\xC3\x97]\\s*\\d{2,3}\\s*[xX\xC3\x97]\\s*\\d{2,3}\\s*mm\\s*$"),
	    V("mat", NULL), V("ip", NULL), V("cover", NULL) } },
	{ "MH-TH35", "accessory", 7, 20, 10, 20000,
	  "STEEL-STRIP:0.45@2=0 AL-6063:0.2@2=1 PKG-CTN:0.02",
	  "RoHS REACH",
	  { V("profile", NULL), R("length", "MTR", "0.5", "2"), V("mat", NULL),
	    V("slot", NULL) } },
	{ "MH-ZD", "accessory", 5, 1000, 500, 5000000,
	  "PA66-V2:0.0002 PKG-BAG:0.01@3=0 PKG-BAG:0.001@3=1",
	  "RoHS REACH UL:E511290",
	  { V("size", "4.8x200 mm|7.6x450 mm"), V("colour", NULL), V("mat", NULL),
	    V("pack", NULL) } },
	{ "MH-WH", "harness", 25, 20, 10, 3000,
	  "WIRE-UL:4 CONN-HSG:2 PKG-BAG:0.02",
	  "RoHS REACH",
	  { R("length", "MMT", "100", "3000"), R("wires", NULL, "2", "24"), V("conn", NULL),
	    P("wire", "(?i)^UL\\s*(?:1007|1015|1061|1569|10368)\\s*(?:1[68]|2[0-8])\\s*AWG$") } },
	{ "MH-MS", "breaker", 15, 20, 10, 6000,
	  "BIMETAL:0.004 ENAM-WIRE:0.004 AGSNO2-RIVET:6 CU-T2-STRIP:0.02 PA66-GF30:0.08 "
	  "SPRING-SET:1 PKG-BOX:0.1",
	  "CCC:2022010307499871 CE RoHS REACH",
	  { R("ir", "AMP", "0.1", "32"), V("icu", NULL), V("aux", NULL), V("operator", NULL) } },
	{ "MH-Q3", "breaker", 30, 1, 1, 300,
	  "ATS-CTRL:1 AGSNO2-RIVET:16 CU-T2-BAR:1.2 SI-STEEL:0.8 ENAM-WIRE:0.3 BMC:0.6 "
	  "PA66-GF30:0.8 PKG-CTN:1",
	  "CCC:2022010307499872 CE RoHS",
	  { R("in", "AMP", "16", "630"), V("poles", NULL), V("class", NULL), V("ctrl", NULL) } },
	{ "MH-DM", "meter", 25, 1, 1, 1000,
	  "PCBA-METER:1 PC-V0:0.06 PKG-BOX:1",
	  "CE RoHS",
	  { V("measure", NULL), V("size", NULL), V("comm", NULL),
	    R("supply", "VLT", "12", "265") } },
	{ "MH-XK", "switch", 10, 500, 500, 300000,
	  "AGNI-RIVET:2 BRASS-H62:0.003 PA66-GF30:0.004 PKG-BOX:0.01",
	  "CCC:2022010306497337 CE RoHS REACH UL:E516012 ENEC:ENEC03-1187",
	  { R("rating", "AMP", "0", "16"), V("positions", "ON-ON"), V("light", NULL),
	    V("marking", NULL) } },
};

#undef V
#undef R
#undef P

/* more names a spec answers to, by the generator's English name */
static const char *const spec_aliases[][2] = {
	{ "Colour", "Color" },
	{ "Rated current", "Nominal current" },
	{ "Rated voltage", "Voltage rating" },
	{ "Cross-section", "Cross section" },
	{ "Degree of protection", "IP rating" },
	{ "Coil voltage", "Coil" },
};

static const struct {
	const char *code, *en, *zh;
} families[] = {
	{ "breaker", "Circuit breakers and transfer switches", "断路器及转换开关" },
	{ "contactor", "Contactors and overload relays", "接触器及热继电器" },
	{ "relay", "Relays and timers", "继电器及时间继电器" },
	{ "terminal", "Terminals, lugs and busbars", "接线端子、铜鼻子及汇流排" },
	{ "accessory", "Installation accessories", "安装附件" },
	{ "switch", "Switches and isolators", "开关及隔离开关" },
	{ "pilot", "Push buttons and pilot lights", "按钮及指示灯" },
	{ "fuse", "Fuses and fuse holders", "熔断器及熔断器座" },
	{ "wire", "Wire and heat shrink tubing", "电线及热缩管" },
	{ "surge", "Surge protection", "防雷浪涌保护" },
	{ "meter", "Measuring instruments and transformers", "仪表及互感器" },
	{ "enclosure", "Enclosures and distribution boards", "箱体及配电箱" },
	{ "sensor", "Sensors", "传感器" },
	{ "harness", "Wire harnesses", "线束" },
};

static const struct {
	const char *code, *unit;
	int days;
	const char *stock;              /* "order", or NULL: kept */
	int outsourced;
	const char *en, *zh;
} materials[] = {
	{ "CU-T2-STRIP", "KGM", 10, NULL, 0, "Copper strip T2, 0.5 to 2.0 mm", "T2紫铜带 0.5–2.0mm" },
	{ "CU-T2-BAR", "KGM", 10, NULL, 0, "Copper flat bar T2 for busbars", "T2紫铜排" },
	{ "CU-TUBE", "KGM", 15, NULL, 0, "Copper tube T2 for cable lugs", "T2紫铜管（铜鼻子用）" },
	{ "CU-WIRE-FLEX", "KGM", 7, NULL, 0, "Bare copper wire 0.2 mm, annealed, for flexible conductors", "软态裸铜丝 0.2mm" },
	{ "ENAM-WIRE", "KGM", 10, NULL, 0, "Enamelled copper wire QZ-2/130, 0.08 to 0.5 mm", "QZ-2/130漆包铜线 0.08–0.5mm" },
	{ "BRASS-H62", "KGM", 10, NULL, 0, "Brass strip H62, 0.3 to 1.0 mm", "H62黄铜带 0.3–1.0mm" },
	{ "BRASS-ROD", "KGM", 10, NULL, 0, "Free-cutting brass rod HPb59-1", "HPb59-1易切削黄铜棒" },
	{ "SS304-ROD", "KGM", 15, NULL, 0, "Stainless steel bar 304", "304不锈钢棒" },
	{ "AGSNO2-RIVET", "C62", 20, NULL, 0, "Contact rivet AgSnO2 12 %, copper backed", "银氧化锡触点铆钉 AgSnO2 12%（铜复合）" },
	{ "AGNI-RIVET", "C62", 20, NULL, 0, "Contact rivet AgNi10", "银镍触点铆钉 AgNi10" },
	{ "BIMETAL", "KGM", 30, "order", 0, "Thermostatic bimetal strip 5J1480", "热双金属片 5J1480" },
	{ "SI-STEEL", "KGM", 20, NULL, 0, "Electrical steel laminations 50W470", "50W470硅钢片" },
	{ "STEEL-STRIP", "KGM", 10, NULL, 0, "Pre-galvanised steel strip DX51D+Z, 1.0 mm", "DX51D+Z镀锌钢带 1.0mm" },
	{ "STEEL-SPCC", "KGM", 10, NULL, 0, "Cold-rolled steel sheet SPCC, 1.0 mm", "SPCC冷轧钢板 1.0mm" },
	{ "AL-6063", "KGM", 20, "order", 0, "Aluminium alloy 6063 profile or die-casting ingot", "6063铝型材或压铸铝锭" },
	{ "SPRING-SET", "C62", 15, NULL, 0, "Spring set (trip, contact and return springs)", "弹簧组件（脱扣、触点及复位弹簧）" },
	{ "SCREW-SET", "C62", 10, NULL, 0, "Terminal screws and clamps, zinc plated", "接线螺钉及压板（镀锌）" },
	{ "PA66-GF30", "KGM", 20, NULL, 0, "PA66 GF30, UL94 V-0", "PA66加纤30% UL94 V-0" },
	{ "PA66-V0", "KGM", 20, NULL, 0, "PA66 unreinforced, UL94 V-0", "PA66阻燃料 UL94 V-0" },
	{ "PA66-V2", "KGM", 15, NULL, 0, "PA66 natural, UL94 V-2", "PA66本色料 UL94 V-2" },
	{ "PC-V0", "KGM", 20, NULL, 0, "Polycarbonate, UL94 V-0", "阻燃聚碳酸酯 UL94 V-0" },
	{ "BMC", "KGM", 15, NULL, 0, "BMC thermoset moulding compound for arc chambers", "BMC团状模塑料（灭弧室用）" },
	{ "ABS-V0", "KGM", 15, NULL, 0, "ABS, UL94 V-0", "ABS阻燃料 UL94 V-0" },
	{ "PP-SLEEVE", "KGM", 10, NULL, 0, "Polypropylene for ferrule sleeves, coloured", "端头绝缘套用聚丙烯（色母）" },
	{ "PVC-INS", "KGM", 10, NULL, 0, "PVC insulation compound 70 \xC2\xB0" "C", "70\xC2\xB0" "C PVC绝缘料" },
	{ "PO-TUBE", "MTR", 25, "order", 0, "Irradiated polyolefin tube, unexpanded", "辐照交联聚烯烃管坯" },
	{ "SEAL-NBR", "C62", 10, NULL, 0, "NBR or silicone seal", "丁腈或硅胶密封件" },
	{ "ZCT-CORE", "C62", 25, NULL, 0, "Zero-sequence current transformer core", "零序电流互感器铁芯" },
	{ "CT-CORE", "C62", 25, NULL, 0, "Toroidal core, cold-rolled grain-oriented steel", "冷轧取向硅钢环形铁芯" },
	{ "PCBA-TIMER", "C62", 45, "order", 0, "Timer board with MCU and output relay", "时间继电器主板（单片机及输出继电器）" },
	{ "PCBA-METER", "C62", 45, "order", 0, "Panel meter board with LED display and MCU", "数显表主板（LED显示及单片机）" },
	{ "PCBA-SSR", "C62", 30, "order", 0, "SSR driver board with thyristor pair", "固态继电器驱动板（双向晶闸管）" },
	{ "ATS-CTRL", "C62", 40, "order", 0, "ATS controller module", "双电源控制器模块" },
	{ "MOV-34", "C62", 30, "order", 0, "Metal oxide varistor 34 mm square", "34mm方形压敏电阻" },
	{ "SENSOR-HEAD", "C62", 20, NULL, 0, "Proximity sensor coil, ferrite core and ASIC board", "接近开关线圈、磁芯及电路板" },
	{ "LED-MOD", "C62", 15, NULL, 0, "LED module for 22 mm units", "22mm指示灯LED模块" },
	{ "FUSE-ELEM", "C62", 20, NULL, 0, "Fuse element, silver-plated copper", "镀银铜熔体" },
	{ "FUSE-BODY", "C62", 20, NULL, 0, "Ceramic fuse body with quartz sand filling", "陶瓷熔管（石英砂填充）" },
	{ "CONN-HSG", "C62", 20, NULL, 0, "Connector housing with crimp contacts", "连接器胶壳及压接端子" },
	{ "WIRE-UL", "MTR", 14, NULL, 0, "UL1007/UL1015 hook-up wire", "UL1007/UL1015电子线" },
	{ "PLT-SN", "KGM", 5, NULL, 1, "Tin plating, 3 to 5 \xC2\xB5m (outsourced)", "镀锡 3–5\xC2\xB5m（外协）" },
	{ "PLT-NI", "KGM", 5, NULL, 1, "Nickel plating (outsourced)", "镀镍（外协）" },
	{ "COAT-POWDER", "MTK", 5, NULL, 1, "Powder coating RAL 7035 (outsourced)", "静电喷塑 RAL 7035（外协）" },
	{ "PKG-BOX", "C62", 5, NULL, 0, "Printed unit box", "彩盒" },
	{ "PKG-CTN", "C62", 5, NULL, 0, "Export carton, 5-ply", "五层出口纸箱" },
	{ "PKG-BAG", "C62", 5, NULL, 0, "PE bag with label", "PE袋（贴标）" },
	{ "PKG-COIL", "C62", 5, NULL, 0, "Coil or reel with shrink film and label", "线盘（收缩膜及标签）" },
};

/* the variants the orders never name: SKU suffix, name, price, lead time */
static const struct {
	const char *suffix, *en, *zh;
	int price_pct, lead_add;
	const char *certs;
} variants[] = {
	{ "UL", "UL-recognised version", "UL认证型", 108, 5, "UL cUL" },
	{ "OEM", "neutral packing without brand", "中性包装", 100, 3, "" },
	{ "TH", "tropicalised, 95 % RH", "湿热带型", 112, 5, "" },
	{ "LT", "low-temperature version, -40 \xC2\xB0" "C", "低温型（-40\xC2\xB0" "C）", 115, 7, "" },
	{ "MR", "marine version", "船用型", 120, 10, "" },
};

/* a price element; price4 in 1/10000 of the currency */
static void
put_price(struct buf *b, const char *cur, const char *unit, int64_t price4)
{
	ind(b, 4);
	if (price4 % 100 == 0)
		putf(b, "<price currency=\"%s\" unit=\"%s\" amount=\"%lld.%02lld\"/>\n", cur,
		    unit, (long long)(price4 / 10000), (long long)(price4 / 100 % 100));
	else
		putf(b, "<price currency=\"%s\" unit=\"%s\" amount=\"%lld.%04lld\"/>\n", cur,
		    unit, (long long)(price4 / 10000), (long long)(price4 % 10000));
}

/* does item ("NAME[:X][@K=I]") apply to variant v?  Sets *len to NAME[:X]'s length */
static int
item_applies(const char *item, size_t n, const unsigned v[4], size_t *len)
{
	const char *at = memchr(item, '@', n);

	*len = at ? (size_t)(at - item) : n;
	if (at == NULL)
		return 1;
	if (n - *len != 4 || at[2] != '=')
		die("bad condition in '%.*s'", (int)n, item);
	return v[at[1] - '0'] == (unsigned)(at[3] - '0');
}

static void
put_certs(struct buf *b, const char *certs, const char *more, const unsigned v[4])
{
	const char *s, *list[2] = { certs, more }, *seen[32];
	size_t n, len, i, nseen = 0, k;
	int l;

	ind(b, 3);
	put(b, "<certifications>");
	for (l = 0; l < 2; l++)
		for (s = list[l]; *s; s += n) {
			s += strspn(s, " ");
			if ((n = strcspn(s, " ")) == 0)
				break;
			if (!item_applies(s, n, v, &len))
				continue;
			k = strcspn(s, ":");
			if (k > len)
				k = len;
			for (i = 0; i < nseen; i++)
				if (strncmp(seen[i], s, k) == 0 && seen[i][k] == '\0')
					break;
			if (i < nseen || nseen == NELEM(seen))
				continue;
			if ((seen[nseen] = strndup(s, k)) == NULL)
				die("out of memory");
			nseen++;
			if (k < len)
				putf(b, "<cert name=\"%.*s\" ref=\"%.*s\"/>", (int)k, s,
				    (int)(len - k - 1), s + k + 1);
			else
				putf(b, "<cert name=\"%.*s\"/>", (int)k, s);
		}
	put(b, "</certifications>\n");
	for (i = 0; i < nseen; i++)
		free((void *)seen[i]);
}

static void
put_bom(struct buf *b, const char *bom, const unsigned v[4])
{
	const char *s, *c;
	size_t n, len;

	ind(b, 3);
	put(b, "<bom>");
	for (s = bom; *s; s += n) {
		s += strspn(s, " ");
		if ((n = strcspn(s, " ")) == 0)
			break;
		if (!item_applies(s, n, v, &len))
			continue;
		if ((c = memchr(s, ':', len)) == NULL)
			die("bad BOM item '%.*s'", (int)n, s);
		putf(b, "<item material=\"%.*s\" qty=\"%.*s\"/>", (int)(c - s), s,
		    (int)(len - (size_t)(c - s) - 1), c + 1);
	}
	put(b, "</bom>\n");
}

static void
put_spec(struct buf *b, size_t pi, int k)
{
	const struct product *p = &products[pi];
	const struct cspec *s = &cprods[pi].s[k];
	const char *t;
	size_t i, n;
	int j;

	ind(b, 4);
	putf(b, "<spec id=\"%s\">\n", s->id);
	leafa(b, 5, "name", "lang=\"en\"", p->p[k].en);
	leafa(b, 5, "name", "lang=\"zh\"", p->p[k].zh);
	for (i = 0; i < NELEM(spec_aliases); i++)
		if (strcmp(spec_aliases[i][0], p->p[k].en) == 0)
			leafa(b, 5, "name", "lang=\"en\"", spec_aliases[i][1]);
	switch (s->test) {
	case T_RANGE:
		ind(b, 5);
		put(b, "<range");
		if (s->min)
			putf(b, " min=\"%s\"", s->min);
		if (s->max)
			putf(b, " max=\"%s\"", s->max);
		if (s->unit)
			putf(b, " unit=\"%s\"", s->unit);
		put(b, "/>\n");
		break;
	case T_VALUES:
		/* what the orders name, then what the factory also makes */
		ind(b, 5);
		put(b, "<values>");
		for (j = 0; j < vals[pi][k].n; j++) {
			put(b, "<value>");
			esc(b, vals[pi][k].v[j]);
			put(b, "</value>");
		}
		for (t = s->text; t && *t; t += n + (t[n] == '|')) {
			n = strcspn(t, "|");
			putf(b, "<value>%.*s</value>", (int)n, t);
		}
		put(b, "</values>\n");
		break;
	default:
		leaf(b, 5, "pattern", s->text);
		break;
	}
	ind(b, 4);
	put(b, "</spec>\n");
}

/* the share of order lines that name one given SKU of products[pi], in
 * the generator's proportions: every line picks a product uniformly,
 * and the first line of a drawing order (6 %) is the harness 70 % of
 * the time; an order has 20.5 lines on average */
static double
sku_share(size_t pi)
{
	double share = 1.0 / (double)NELEM(products);
	int k, combos = 1;

	if (pi == HARNESS)
		share += 0.06 * 0.7 / 20.5;
	for (k = 0; k < 4; k++)
		combos *= vals[pi][k].n;
	return share / combos;
}

static int
combos_of(size_t pi)
{
	int k, n = 1;

	for (k = 0; k < 4; k++)
		n *= vals[pi][k].n;
	return n;
}

/* v from the combination's index, v[3] fastest */
static void
combo(size_t pi, int c, unsigned v[4])
{
	int k;

	for (k = 3; k >= 0; k--) {
		v[k] = (unsigned)(c % vals[pi][k].n);
		c /= vals[pi][k].n;
	}
}

static void
put_product(struct buf *b, size_t pi, const unsigned v[4], int var)
{
	const struct product *p = &products[pi];
	const struct cprod *cp = &cprods[pi];
	char sku[48], name[512];
	const char *unit = p->metres ? "MTR" : "C62";
	int64_t price4;
	size_t r;
	int k, lead = cp->lead;

	snprintf(sku, sizeof sku, "%s-%u%u%u%u%s%s", p->code, v[0], v[1], v[2], v[3],
	    var >= 0 ? "-" : "", var >= 0 ? variants[var].suffix : "");
	ind(b, 2);
	putf(b, "<product sku=\"%s\" family=\"%s\"%s>\n", sku, cp->family,
	    /* metric glands replace the PG threads */
	    strcmp(p->code, "MH-PG") == 0 && v[0] >= 5 ? " status=\"phase-out\"" : "");
	snprintf(name, sizeof name, "%s, %s, %s, %s, %s%s%s", p->en, vals[pi][0].v[v[0]],
	    vals[pi][1].v[v[1]], vals[pi][2].v[v[2]], vals[pi][3].v[v[3]],
	    var >= 0 ? ", " : "", var >= 0 ? variants[var].en : "");
	leafa(b, 3, "name", "lang=\"en\"", name);
	snprintf(name, sizeof name, "%s %s %s %s %s%s%s", p->zh, vals[pi][0].v[v[0]],
	    vals[pi][1].v[v[1]], vals[pi][2].v[v[2]], vals[pi][3].v[v[3]],
	    var >= 0 ? "，" : "", var >= 0 ? variants[var].zh : "");
	leafa(b, 3, "name", "lang=\"zh\"", name);

	/* units: pieces or metres, with the packs the factory sells */
	ind(b, 3);
	putf(b, "<units base=\"%s\"><unit code=\"%s\" factor=\"1\"/>", unit, unit);
	if (p->metres)
		put(b, "<unit code=\"XRL\" factor=\"100\"/>");
	else if (p->qty == Q_THOUSANDS)
		put(b, "<unit code=\"MIL\" factor=\"1000\"/>");
	put(b, "</units>\n");

	/* one list price per currency the orders use: what they pay */
	open_(b, 3, "prices");
	for (r = 0; r < NELEM(rates); r++) {
		price4 = variant_price4(p, v, rates[r].rate);
		if (var >= 0)
			price4 = price4 * variants[var].price_pct / 100;
		put_price(b, rates[r].cur, unit, price4);
	}
	close_(b, 3, "prices");

	open_(b, 3, "specs");
	for (k = 0; k < 4; k++)
		put_spec(b, pi, k);
	close_(b, 3, "specs");

	ind(b, 3);
	putf(b, "<order min=\"%d\" multiple=\"%d\"/>\n", cp->moq, cp->mult);
	ind(b, 3);
	putf(b, "<capacity per-week=\"%ld\"/>\n", cp->cap);
	if (var >= 0)
		lead += variants[var].lead_add;
	ind(b, 3);
	putf(b, "<lead-time days=\"%d\"/>\n", lead);
	put_bom(b, cp->bom, v);
	put_certs(b, cp->certs, var >= 0 ? variants[var].certs : "", v);
	close_(b, 2, "product");
}

static void
put_calendar(struct buf *b)
{
	static const struct {
		const char *from, *to, *en, *zh;
		int company, provisional;
	} hol[] = {
		{ "2024-01-01", NULL, "New Year's Day", "元旦", 0, 0 },
		{ "2024-02-06", "2024-02-21", "Spring Festival shutdown", "春节停产", 1, 0 },
		{ "2024-02-10", "2024-02-17", "Spring Festival", "春节", 0, 0 },
		{ "2024-04-04", "2024-04-06", "Qingming Festival", "清明节", 0, 0 },
		{ "2024-05-01", "2024-05-05", "Labour Day", "劳动节", 0, 0 },
		{ "2024-06-10", NULL, "Dragon Boat Festival", "端午节", 0, 0 },
		{ "2024-09-15", "2024-09-17", "Mid-Autumn Festival", "中秋节", 0, 0 },
		{ "2024-10-01", "2024-10-07", "National Day", "国庆节", 0, 0 },
		{ "2025-01-01", NULL, "New Year's Day", "元旦", 0, 0 },
		{ "2025-01-24", "2025-02-09", "Spring Festival shutdown", "春节停产", 1, 0 },
		{ "2025-01-28", "2025-02-04", "Spring Festival", "春节", 0, 0 },
		{ "2025-04-04", "2025-04-06", "Qingming Festival", "清明节", 0, 0 },
		{ "2025-05-01", "2025-05-05", "Labour Day", "劳动节", 0, 0 },
		{ "2025-05-31", "2025-06-02", "Dragon Boat Festival", "端午节", 0, 0 },
		{ "2025-10-01", "2025-10-08", "National Day and Mid-Autumn Festival", "国庆节、中秋节", 0, 0 },
		{ "2026-01-01", "2026-01-03", "New Year's Day", "元旦", 0, 0 },
		{ "2026-02-12", "2026-02-26", "Spring Festival shutdown", "春节停产", 1, 0 },
		{ "2026-02-15", "2026-02-23", "Spring Festival", "春节", 0, 0 },
		{ "2026-04-04", "2026-04-06", "Qingming Festival", "清明节", 0, 0 },
		{ "2026-05-01", "2026-05-05", "Labour Day", "劳动节", 0, 0 },
		{ "2026-06-19", "2026-06-21", "Dragon Boat Festival", "端午节", 0, 0 },
		{ "2026-09-25", "2026-09-27", "Mid-Autumn Festival", "中秋节", 0, 0 },
		{ "2026-10-01", "2026-10-07", "National Day", "国庆节", 0, 0 },
		{ "2027-01-01", "2027-01-03", "New Year's Day", "元旦", 0, 1 },
		{ "2027-02-03", "2027-02-17", "Spring Festival shutdown", "春节停产", 1, 1 },
		{ "2027-02-05", "2027-02-13", "Spring Festival", "春节", 0, 1 },
		{ "2027-04-03", "2027-04-05", "Qingming Festival", "清明节", 0, 1 },
		{ "2027-05-01", "2027-05-05", "Labour Day", "劳动节", 0, 1 },
		{ "2027-06-09", "2027-06-11", "Dragon Boat Festival", "端午节", 0, 1 },
		{ "2027-09-15", "2027-09-17", "Mid-Autumn Festival", "中秋节", 0, 1 },
		{ "2027-10-01", "2027-10-07", "National Day", "国庆节", 0, 1 },
	};
	/* make-up working days (调休上班) that fall on a Sunday or Saturday */
	static const struct {
		const char *date, *en, *zh;
	} work[] = {
		{ "2024-02-04", "Spring Festival make-up working day", "春节调休上班" },
		{ "2024-02-18", "Spring Festival make-up working day", "春节调休上班" },
		{ "2024-04-07", "Qingming Festival make-up working day", "清明节调休上班" },
		{ "2024-04-28", "Labour Day make-up working day", "劳动节调休上班" },
		{ "2024-05-11", "Labour Day make-up working day", "劳动节调休上班" },
		{ "2024-09-14", "Mid-Autumn Festival make-up working day", "中秋节调休上班" },
		{ "2024-09-29", "National Day make-up working day", "国庆节调休上班" },
		{ "2024-10-12", "National Day make-up working day", "国庆节调休上班" },
		{ "2025-01-26", "Spring Festival make-up working day", "春节调休上班" },
		{ "2025-02-08", "Spring Festival make-up working day", "春节调休上班" },
		{ "2025-04-27", "Labour Day make-up working day", "劳动节调休上班" },
		{ "2025-09-28", "National Day make-up working day", "国庆节调休上班" },
		{ "2025-10-11", "National Day make-up working day", "国庆节调休上班" },
		{ "2026-01-04", "New Year's Day make-up working day", "元旦调休上班" },
		{ "2026-02-14", "Spring Festival make-up working day", "春节调休上班" },
		{ "2026-02-28", "Spring Festival make-up working day", "春节调休上班" },
		{ "2026-05-09", "Labour Day make-up working day", "劳动节调休上班" },
		{ "2026-09-20", "National Day make-up working day", "国庆节调休上班" },
		{ "2026-10-10", "National Day make-up working day", "国庆节调休上班" },
	};
	size_t i;

	open_(b, 1, "calendar");
	ind(b, 2);
	put(b, "<work-week production=\"Mon Tue Wed Thu Fri Sat\" office=\"Mon Tue Wed Thu Fri\"/>\n");
	ind(b, 2);
	put(b, "<!-- 2024 to 2026: the State Council's notices; 2027 estimated from the lunar\n");
	ind(b, 2);
	put(b, "     calendar until the notice is published. Shutdowns are the factory's own. -->\n");
	for (i = 0; i < NELEM(hol); i++) {
		ind(b, 2);
		/* po-check refuses a holiday without "to", which the schema
		 * allows (one day): give it always */
		putf(b, "<holiday from=\"%s\" to=\"%s\"", hol[i].from,
		    hol[i].to ? hol[i].to : hol[i].from);
		if (hol[i].company)
			put(b, " kind=\"company\"");
		if (hol[i].provisional)
			put(b, " provisional=\"true\"");
		putf(b, "><name lang=\"en\">%s</name><name lang=\"zh\">%s</name></holiday>\n",
		    hol[i].en, hol[i].zh);
	}
	for (i = 0; i < NELEM(work); i++) {
		ind(b, 2);
		putf(b, "<workday date=\"%s\"><name lang=\"en\">%s</name>"
		    "<name lang=\"zh\">%s</name></workday>\n", work[i].date, work[i].en,
		    work[i].zh);
	}
	close_(b, 1, "calendar");
}

/*
 * Write a catalog of nproducts products to path.  Prints one line:
 *	catalog=PATH products=N orderable=S covered=C bytes=B
 * orderable: the SKUs the orders can name; covered: how many of them the
 * catalog holds (all of them unless nproducts is smaller).
 */
static void
write_catalog(const char *path, long nproducts)
{
	static int take[NELEM(products)][1 + NELEM(variants)];
	size_t order[NELEM(products)], i, j, t, pi;
	long left = nproducts, orderable = 0, covered;
	struct buf b = { NULL, 0, 0 };
	unsigned v[4] = { 0, 0, 0, 0 };
	char gln[14];
	FILE *f;
	int c, var, custom = 0;

	for (i = 0; i < NELEM(products); i++) {
		if (strcmp(cprods[i].code, products[i].code) != 0)
			die("cprods[%zu] is %s, not %s", i, cprods[i].code, products[i].code);
		orderable += combos_of(i);
	}
	/* the products by how often the orders name each of their SKUs */
	for (i = 0; i < NELEM(products); i++)
		order[i] = i;
	for (i = 1; i < NELEM(products); i++)
		for (j = i; j > 0 && sku_share(order[j]) > sku_share(order[j - 1]); j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	/* first what the orders name, then one custom harness, then variants */
	for (var = 0; var <= (int)NELEM(variants) && left > 0; var++) {
		if (var == 1 && left > 0) {
			custom = 1;
			left--;
		}
		for (i = 0; i < NELEM(products) && left > 0; i++) {
			c = combos_of(order[i]);
			take[order[i]][var] = left < c ? (int)left : c;
			left -= take[order[i]][var];
		}
	}
	if (left > 0)
		die("at most %ld products: %ld orderable SKUs, %zu variants of each and "
		    "one custom product", orderable * (long)(1 + NELEM(variants)) + 1,
		    orderable, NELEM(variants));
	covered = 0;
	for (i = 0; i < NELEM(products); i++)
		covered += take[i][0];

	put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n");
	put(&b, "  Capability catalog of Yueqing Minghua Electrical Co., Ltd. (invented), written by\n"
	    "  tests/bench/gen-orders -c for the benchmark. Schema: schemas/catalog.xsd.\n");
	putf(&b, "  %ld products: ", nproducts);
	if (covered == orderable)
		putf(&b, "every one of the %ld SKUs the generated orders can name,\n"
		    "  then variants they never name (UL, OEM, ...) and a made-to-drawing harness.\n",
		    orderable);
	else
		putf(&b, "the %ld most frequent of the %ld SKUs the generated orders can\n"
		    "  name; lines for the others are new products.\n", covered, orderable);
	put(&b, "  List prices are what the orders pay, per currency; quantities in base units.\n-->\n");
	put(&b, "<catalog xmlns=\"urn:poreview:catalog:1\" version=\"1\" issued=\"2026-09-01\">\n\n");

	open_(&b, 1, "factory");
	leafa(&b, 2, "name", "lang=\"en\"", "Yueqing Minghua Electrical Co., Ltd.");
	leafa(&b, 2, "name", "lang=\"zh\"", SELLER_ZH);
	gs1(gln, SELLER_GLN12);
	leafa(&b, 2, "id", "scheme=\"0088\"", gln);
	leafa(&b, 2, "id", "scheme=\"USCC\"", SELLER_TAX);
	ind(&b, 2);
	put(&b, "<ship-from locode=\"CNWNZ\" country=\"CN\"/>\n");
	ind(&b, 2);
	put(&b, "<certifications><cert name=\"ISO9001\" ref=\"CN-QMS-2023-41207\"/>"
	    "<cert name=\"ISO14001\" ref=\"CN-EMS-2023-41208\"/></certifications>\n");
	close_(&b, 1, "factory");
	put(&b, "\n");
	put_calendar(&b);
	put(&b, "\n");
	ind(&b, 1);
	put(&b, "<transit default-days=\"40\">\n");
	{
		static const char *const routes[] = {
			"CN 3 road", "HK 4 road", "VN 10 sea", "AE 22 sea", "AU 22 sea",
			"IN 25 sea", "US 30 sea", "IT 30 sea", "ES 32 sea", "NL 35 sea",
			"GB 36 sea", "DE 38 sea", "FR 38 sea", "PL 24 rail", "SE 42 sea",
			"NO 42 sea",
		};
		char cc[3], mode[8];
		int days;

		for (i = 0; i < NELEM(routes); i++) {
			if (sscanf(routes[i], "%2s %d %7s", cc, &days, mode) != 3)
				die("bad route '%s'", routes[i]);
			ind(&b, 2);
			putf(&b, "<route country=\"%s\" days=\"%d\" mode=\"%s\"/>\n", cc, days, mode);
		}
	}
	close_(&b, 1, "transit");
	put(&b, "\n");
	ind(&b, 1);
	put(&b, "<unit-equivalents><same code=\"EA\" as=\"C62\"/><same code=\"H87\" as=\"C62\"/>"
	    "</unit-equivalents>\n\n");

	open_(&b, 1, "families");
	for (i = 0; i < NELEM(families); i++) {
		ind(&b, 2);
		putf(&b, "<family code=\"%s\"><name lang=\"en\">%s</name><name lang=\"zh\">%s"
		    "</name></family>\n", families[i].code, families[i].en, families[i].zh);
	}
	close_(&b, 1, "families");
	put(&b, "\n");

	open_(&b, 1, "materials");
	for (i = 0; i < NELEM(materials); i++) {
		ind(&b, 2);
		putf(&b, "<material code=\"%s\" unit=\"%s\" purchase-days=\"%d\"", materials[i].code,
		    materials[i].unit, materials[i].days);
		if (materials[i].stock)
			putf(&b, " stock=\"%s\"", materials[i].stock);
		if (materials[i].outsourced)
			put(&b, " outsourced=\"true\"");
		put(&b, "><name lang=\"en\">");
		esc(&b, materials[i].en);
		put(&b, "</name><name lang=\"zh\">");
		esc(&b, materials[i].zh);
		put(&b, "</name></material>\n");
	}
	close_(&b, 1, "materials");
	put(&b, "\n");

	open_(&b, 1, "products");
	for (pi = 0; pi < NELEM(products); pi++) {
		for (var = 0, c = 0; var <= (int)NELEM(variants); var++)
			c += take[pi][var];
		if (c == 0)
			continue;
		ind(&b, 2);
		putf(&b, "<!-- ======== %s %s: %d of %d SKUs", products[pi].code, products[pi].en,
		    take[pi][0], combos_of(pi));
		if (c > take[pi][0])
			putf(&b, ", %d more variants", c - take[pi][0]);
		put(&b, " ======== -->\n");
		for (var = 0; var <= (int)NELEM(variants); var++)
			for (c = 0; c < take[pi][var]; c++) {
				combo(pi, c, v);
				put_product(&b, pi, v, var - 1);
			}
	}
	if (custom) {
		/* the harness as a customer's drawing has it: every line is R&D's */
		memset(v, 0, sizeof v);
		ind(&b, 2);
		put(&b, "<!-- ======== made to the customer's drawing ======== -->\n");
		ind(&b, 2);
		put(&b, "<product sku=\"MH-WH-CUSTOM\" family=\"harness\" kind=\"custom\">\n");
		leafa(&b, 3, "name", "lang=\"en\"", "Wire harness to customer drawing, new design");
		leafa(&b, 3, "name", "lang=\"zh\"", "线束（按客户图纸，新设计）");
		ind(&b, 3);
		put(&b, "<units base=\"C62\"><unit code=\"C62\" factor=\"1\"/></units>\n");
		open_(&b, 3, "prices");
		for (i = 0; i < NELEM(rates); i++)
			put_price(&b, rates[i].cur, "C62",
			    variant_price4(&products[HARNESS], v, rates[i].rate) * 2);
		close_(&b, 3, "prices");
		ind(&b, 3);
		put(&b, "<order min=\"100\" multiple=\"10\"/>\n");
		ind(&b, 3);
		put(&b, "<capacity per-week=\"2000\"/>\n");
		ind(&b, 3);
		put(&b, "<lead-time days=\"35\"/>\n");
		put_bom(&b, cprods[HARNESS].bom, v);
		put_certs(&b, "RoHS REACH", "", v);
		close_(&b, 2, "product");
	}
	close_(&b, 1, "products");
	put(&b, "</catalog>\n");

	if ((f = fopen(path, "wb")) == NULL)
		die("cannot open '%s': %s", path, strerror(errno));
	if (fwrite(b.p, 1, b.len, f) != b.len || fclose(f) == EOF)
		die("cannot write '%s': %s", path, strerror(errno));
	printf("catalog=%s products=%ld orderable=%ld covered=%ld bytes=%zu\n", path,
	    nproducts, orderable, covered, b.len);
	free(b.p);
}
/* CATALOG-END */

/* ---- files ---- */

static void
mkdirs(const char *path)
{
	char p[4096], *s;

	if (strlen(path) >= sizeof p)
		die("path too long: '%s'", path);
	strcpy(p, path);
	for (s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) == -1 && errno != EEXIST)
				die("cannot create '%s': %s", p, strerror(errno));
			*s = '/';
		}
	if (mkdir(p, 0777) == -1 && errno != EEXIST)
		die("cannot create '%s': %s", p, strerror(errno));
}

static long
number(const char *s, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 99999999)
		die("bad %s: '%s'", what, s);
	return (long)v;
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s -n N -o DIR [-s SEED] [-c CATALOG.xml [-p PRODUCTS]]\n"
	    "       %s -c CATALOG.xml [-p PRODUCTS]\n", progname, progname);
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct buf b = { NULL, 0, 0 };
	const char *dir = NULL, *catalog = NULL;
	char path[4096];
	long nproducts = 10000;
	long n = -1, i, lines = 0, shard = -1;
	long long bytes = 0;
	uint64_t seed = 1;
	FILE *f;
	int ch;

	while ((ch = getopt(argc, argv, "c:hn:o:p:s:")) != -1)
		switch (ch) {
		case 'c':
			catalog = optarg;
			break;
		case 'p':
			nproducts = number(optarg, "product count");
			break;
		case 'n':
			n = number(optarg, "count");
			break;
		case 'o':
			dir = optarg;
			break;
		case 's':
			seed = (uint64_t)number(optarg, "seed");
			break;
		default:
			usage();
		}
	if (optind != argc || (n < 0) != (dir == NULL) || (n < 0 && catalog == NULL) ||
	    nproducts < 1)
		usage();

	split_values();
	if (catalog)
		write_catalog(catalog, nproducts);
	if (n < 0)
		return fflush(stdout) == EOF || ferror(stdout) ? 1 : 0;
	mkdirs(dir);
	for (i = 1; i <= n; i++) {
		if ((i - 1) / PER_DIR != shard) {
			shard = (i - 1) / PER_DIR;
			snprintf(path, sizeof path, "%s/%03ld", dir, shard);
			mkdirs(path);
		}
		lines += gen_order(&b, seed, i);
		snprintf(path, sizeof path, "%s/%03ld/order-%07ld.xml", dir, shard, i);
		if ((f = fopen(path, "wb")) == NULL)
			die("cannot open '%s': %s", path, strerror(errno));
		if (fwrite(b.p, 1, b.len, f) != b.len || fclose(f) == EOF)
			die("cannot write '%s': %s", path, strerror(errno));
		bytes += (long long)b.len;
	}
	free(b.p);
	printf("orders=%ld lines=%ld bytes=%lld seed=%llu\n", n, lines, bytes,
	    (unsigned long long)seed);
	if (fflush(stdout) == EOF || ferror(stdout))
		die("writing output failed");
	return 0;
}
