/*
 * gen-orders: write synthetic UBL 2.1 Order documents for the po-parse
 * benchmark.
 *
 *	gen-orders -n N -o DIR [-s SEED]
 *
 * writes DIR/000/order-0000001.xml ... DIR/SSS/order-NNNNNNN.xml, 1000
 * files to a folder, then prints one line to stdout:
 *
 *	orders=N lines=L bytes=B seed=S
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
		price4 = p->price * (100 + 12 * var[ln][0] + 5 * var[ln][1]) / 100;
		price4 = price4 * 100 / rate;
		if (price4 >= 10000)
			price4 = (price4 + 50) / 100 * 100;
		if (price4 < 1)
			price4 = 1;
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
	fprintf(stderr, "usage: %s -n N -o DIR [-s SEED]\n", progname);
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct buf b = { NULL, 0, 0 };
	const char *dir = NULL;
	char path[4096];
	long n = -1, i, lines = 0, shard = -1;
	long long bytes = 0;
	uint64_t seed = 1;
	FILE *f;
	int ch;

	while ((ch = getopt(argc, argv, "hn:o:s:")) != -1)
		switch (ch) {
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
	if (n < 0 || dir == NULL || optind != argc)
		usage();

	split_values();
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
