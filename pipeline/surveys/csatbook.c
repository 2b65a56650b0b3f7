#include "csatbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "book.h"
#include "buf.h"
#include "date.h"
#include "stats.h"

#define SMALL_N 5	/* a figure with fewer answers is grey and marked */

enum {
	T_OVERVIEW, T_BYCUST, T_BYDIM, T_TREND, T_COMMENTS, T_ACTIONS,
	T_FIGURE, T_VALUE, T_LOW, T_HIGH, T_N, T_NOTE, T_RESPONSES, T_BAD,
	T_FILES, T_REJECTED, T_RATE, T_CSAT, T_NPS, T_DIM, T_OWNER, T_MEAN,
	T_SD, T_SCALE, T_CHANGE, T_CUSTOMER, T_PERIOD, T_DATE, T_RESPONDENT,
	T_QUESTION, T_LOWEST, T_COMMENT, T_SMALL, T_BETTER, T_WORSE, T_SAME,
	T_NOPREV, T_ALL, T_RECOMMEND, T_CSAT_NPS, T_INVITED, T_NOTHING,
	T_ALERT, T_ANSWERS, T_DIMCSAT, T_SKIPPED, T_POOLED, T_REPEATS,
	T_OVER, T_TITLEBOOK,
	T__N
};

static const char *const labels[T__N][2] = {
	{ "Overview", "概览" }, { "By customer", "按客户" },
	{ "By dimension", "按维度" }, { "Trend", "趋势" },
	{ "Comments", "意见" }, { "Actions", "改进措施" },
	{ "Figure", "指标" }, { "Value", "数值" }, { "95% low", "95% 下限" },
	{ "95% high", "95% 上限" }, { "n", "样本数" }, { "Note", "说明" },
	{ "Responses", "答卷数" }, { "Bad rows skipped", "跳过的错误行" },
	{ "Files summarised", "汇总的文件" },
	{ "Files rejected", "拒收的文件" }, { "Response rate", "回复率" },
	{ "CSAT (top two boxes)", "满意度（前两档占比）" },
	{ "NPS (promoters - detractors)", "净推荐值（推荐者 - 贬损者）" },
	{ "Dimension", "维度" }, { "Owner", "负责部门" }, { "Mean", "平均分" },
	{ "SD", "标准差" }, { "Scale", "量表" },
	{ "Change vs previous period", "与上期相比" },
	{ "Customer", "客户" }, { "Period", "期间" }, { "Date", "日期" },
	{ "Respondent", "答卷人" }, { "Question", "问题" },
	{ "Lowest score", "最低分" }, { "Comment", "意见" },
	{ "n < 5: too few answers", "样本数 < 5：样本太少" },
	{ "better", "改善" }, { "worse", "变差" },
	{ "no significant change", "无显著变化" },
	{ "no previous period", "无上期数据" },
	{ "All customers", "全部客户" },
	{ "Recommend (NPS)", "推荐意愿（净推荐值）" },
	{ "CSAT (NPS for recommend)", "满意度（推荐意愿为净推荐值）" },
	{ "invited", "受邀" }, { "No responses were summarised",
	    "没有可汇总的答卷" },
	{ "CSAT below the alert threshold", "满意度低于预警线" },
	{ "Answers", "回答数" }, { "CSAT", "满意度" },
	{ "Responses left out (unfinished, preview, test, spam)",
	    "未计入的答卷（未完成、预览、测试、垃圾）" },
	{ "CSAT: every rated answer of every dimension pooled (the survey "
	    "marks no overall-satisfaction question)",
	    "满意度：所有维度的全部评分合计（调查未标明总体满意度问题）" },
	{ "repeated responses left out (the same customer, respondent and "
	    "time as a response read before)",
	    "份重复答卷未计入（客户、答卷人和时间与先前读到的答卷相同）" },
	{ "more responses than customers invited: several respondents of one "
	    "customer, or repeats that cannot be told (no respondent, or in "
	    "partials made apart)",
	    "答卷多于受邀客户：同一客户有多人作答，或无法识别的重复答卷"
	    "（无答卷人，或在分别生成的部分汇总中）" },
	{ "Customer satisfaction", "顾客满意度" },
};

struct pl_csatbook {
	struct pl_book *book;
	lxw_workbook *wb;	/* the book's */
	struct pl_book_sheet *ws[6];	/* T_OVERVIEW .. T_ACTIONS */
	struct pl_csatbook_opts opts;
	const struct pl_survey *s;
	lxw_format *head, *title, *pct, *num, *intf, *date, *gpct, *gnum,
	    *gint, *grey, *wrap, *red;
	int comments;		/* rows of Comments written */
	long lost;		/* comments past the sheet's last row */
	struct pl_buf tmp;
};

/* A label in the chosen language; for both: "English / 中文". */
static const char *
L(struct pl_csatbook *b, int t)
{
	if (b->opts.lang == PL_LANG_ZH)
		return labels[t][1];
	if (b->opts.lang == PL_LANG_EN)
		return labels[t][0];
	pl_buf_reset(&b->tmp);
	pl_buf_addf(&b->tmp, "%s / %s", labels[t][0], labels[t][1]);
	return b->tmp.s;
}

static const char *
dim_name(struct pl_csatbook *b, int d)
{
	const struct pl_survey_dim *x = &b->s->dims[d];
	const char *en = x->name_en ? x->name_en : x->name_zh;
	const char *zh = x->name_zh ? x->name_zh : x->name_en;

	if (b->opts.lang == PL_LANG_EN)
		return en;
	if (b->opts.lang == PL_LANG_ZH || strcmp(en, zh) == 0)
		return zh;
	pl_buf_reset(&b->tmp);
	pl_buf_addf(&b->tmp, "%s / %s", en, zh);
	return b->tmp.s;
}

static const char *
owner(struct pl_csatbook *b, int d)
{
	const char *o = b->s->dims[d].owner;

	if (b->opts.lang != PL_LANG_BOTH)
		return pl_survey_dept(o, b->opts.lang == PL_LANG_ZH);
	pl_buf_reset(&b->tmp);
	pl_buf_addf(&b->tmp, "%s / %s", pl_survey_dept(o, 0),
	    pl_survey_dept(o, 1));
	return b->tmp.s;
}

/* Sheet sh at row: its rows go strictly down, as the book writes them. */
static struct pl_book_sheet *
at(struct pl_csatbook *b, int sh, int row)
{
	int cur = pl_book_row(b->ws[sh]);

	if (row > cur)
		pl_book_next(b->ws[sh], row - cur);
	return b->ws[sh];
}

/* Text: always a string cell, never a formula. */
static void
put_s(struct pl_csatbook *b, int sh, int row, int col, const char *t,
    lxw_format *f)
{
	pl_book_text(at(b, sh, row), col, t, f);
}

static void
put_n(struct pl_csatbook *b, int sh, int row, int col, double v,
    lxw_format *f)
{
	pl_book_num(at(b, sh, row), col, v, f);
}

static void
header(struct pl_csatbook *b, int sh, int row, const int *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_s(b, sh, row, i, L(b, t[i]), b->head);
}

/*
 * An estimate, its interval and its n at columns col..col+3; share as a
 * percentage when pct.  Grey when n < SMALL_N.  Returns whether small.
 */
static int
put_ci(struct pl_csatbook *b, int sh, int row, int col,
    const struct pl_stats_ci *ci, int pct)
{
	int small = ci->n < SMALL_N;
	lxw_format *f = pct ? (small ? b->gpct : b->pct) :
	    (small ? b->gnum : b->num);

	if (ci->ok) {
		put_n(b, sh, row, col, ci->est, f);
		put_n(b, sh, row, col + 1, ci->lo, f);
		put_n(b, sh, row, col + 2, ci->hi, f);
	}
	put_n(b, sh, row, col + 3, (double)ci->n, small ? b->gint : b->intf);
	return small;
}

static void
csat_of(const struct pl_csat_stat *st, struct pl_stats_ci *ci)
{
	pl_stats_wilson(st->top2, st->n, ci);
}

static void
nps_of(const struct pl_csat_stat *st, struct pl_stats_ci *ci)
{
	pl_stats_nps(st->promoters, st->detractors, st->n, ci);
}

static void
mean_of(const struct pl_csat_stat *st, struct pl_stats_ci *ci, double *sd)
{
	pl_stats_mean(st->n, st->sum, st->sumsq, ci, sd);
}

/* The headline CSAT of a row of stats: that of the overall-satisfaction
 * question's dimension when the survey marks one, else every rated
 * dimension's answers pooled. */
static void
csat_all(const struct pl_survey *s, const struct pl_csat_stat *row,
    struct pl_stats_ci *ci)
{
	struct pl_csat_stat t;
	int d;

	if (s->overall >= 0) {
		csat_of(&row[s->questions[s->overall].dim], ci);
		return;
	}
	memset(&t, 0, sizeof(t));
	for (d = 0; d < s->ndims; d++)
		pl_csat_stat_add(&t, &row[d]);
	csat_of(&t, ci);
}

/* What the headline CSAT is, said on the Overview. */
static const char *
csat_label(struct pl_csatbook *b)
{
	const char *id;

	if (b->s->overall < 0)
		return L(b, T_POOLED);
	id = b->s->questions[b->s->overall].id;
	pl_buf_reset(&b->tmp);
	if (b->opts.lang != PL_LANG_ZH)
		pl_buf_addf(&b->tmp, "CSAT: the overall-satisfaction question "
		    "'%s'", id);
	if (b->opts.lang == PL_LANG_BOTH)
		pl_buf_adds(&b->tmp, " / ");
	if (b->opts.lang != PL_LANG_EN)
		pl_buf_addf(&b->tmp, "满意度：总体满意度问题“%s”", id);
	return b->tmp.s;
}

static lxw_format *
fmt(struct pl_csatbook *b, const char *num, int grey)
{
	lxw_format *f = pl_book_format(b->book);	/* wrapped, top */

	if (num)
		format_set_num_format(f, num);
	if (grey)
		format_set_font_color(f, 0x808080);
	return f;
}

struct pl_csatbook *
pl_csatbook_open(const char *path, const struct pl_csatbook_opts *opts,
    const struct pl_survey *s, struct pl_err *e)
{
	static const int ct[] = { T_CUSTOMER, T_DATE, T_RESPONDENT,
	    T_QUESTION, T_LOWEST, T_COMMENT };
	struct pl_book_opts bo;
	struct pl_book_col cols[64];
	struct pl_book_page pg = { 1, 0, NULL, 0 };
	struct pl_csatbook *b = calloc(1, sizeof(*b));
	int i, j, n;

	if (b == NULL) {
		pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	b->opts = *opts;
	b->s = s;
	pl_buf_init(&b->tmp);
	memset(&bo, 0, sizeof(bo));
	bo.lang = opts->lang;
	bo.created = opts->created;
	bo.tmpdir = opts->tmpdir;
	bo.title = "Customer satisfaction / 顾客满意度";
	bo.name_en = labels[T_TITLEBOOK][0];
	bo.name_zh = labels[T_TITLEBOOK][1];
	if ((b->book = pl_book_open(path, &bo, e)) == NULL) {
		free(b);
		return NULL;
	}
	b->wb = pl_book_workbook(b->book);
	b->head = fmt(b, NULL, 0);
	format_set_bold(b->head);
	format_set_bg_color(b->head, 0xD9E1F2);
	format_set_text_wrap(b->head);
	b->title = fmt(b, NULL, 0);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	b->pct = fmt(b, "0.0%", 0);
	b->num = fmt(b, "0.00", 0);
	b->intf = fmt(b, "0", 0);
	b->gpct = fmt(b, "0.0%", 1);
	b->gnum = fmt(b, "0.00", 1);
	b->gint = fmt(b, "0", 1);
	b->grey = fmt(b, NULL, 1);
	b->date = fmt(b, "yyyy-mm-dd", 0);
	b->wrap = fmt(b, NULL, 0);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	b->red = fmt(b, "0.0%", 0);
	format_set_bg_color(b->red, 0xF8CBAD);
	for (i = 0; i < 6; i++) {
		/* the widest each column grows to: labels and text wide,
		 * figures narrow; the header row repeats on each page where
		 * the sheet starts with it */
		n = i == T_BYCUST ? 11 + s->ndims : i == T_COMMENTS ? 6 : i ==
		    T_ACTIONS ? 9 : 13;
		for (j = 0; j < n && j < 64; j++) {
			cols[j].fixed = 0;
			cols[j].width = j == 0 ? (i == T_OVERVIEW ? 36 : 22) :
			    j == n - 1 ? 22 : 9;
		}
		if (i == T_OVERVIEW) {
			cols[1].width = 18;
			cols[5].width = 26;
			cols[10].width = 24;
		} else if (i == T_BYDIM || i == T_ACTIONS)
			cols[1].width = cols[2].width = 16;
		else if (i == T_TREND)
			cols[10].width = 20;
		else if (i == T_COMMENTS) {
			cols[2].width = cols[3].width = 14;
			cols[1].width = 10;
			cols[5].width = 50;
		} else if (i == T_BYCUST)
			for (j = 10; j < n - 1 && j < 64; j++)
				cols[j].width = 12;
		pg.repeat = i != T_OVERVIEW && i != T_ACTIONS;
		/* the labels are the sheet names: short, none of []:*?/\ */
		b->ws[i] = pl_book_sheet(b->book, labels[i][b->opts.lang ==
		    PL_LANG_ZH], &pg, cols, n < 64 ? n : 64);
		if (b->ws[i] == NULL) {
			pl_book_close(b->book, NULL);
			pl_buf_release(&b->tmp);
			free(b);
			pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "cannot add a "
			    "sheet to the workbook");
			return NULL;
		}
	}
	header(b, T_COMMENTS, 0, ct, 6);
	worksheet_freeze_panes(pl_book_ws(b->ws[T_COMMENTS]), 1, 0);
	return b;
}

void
pl_csatbook_comment(struct pl_csatbook *b, const struct pl_csat_comment *cm)
{
	int row = ++b->comments;
	char d[11];

	if (row >= PL_BOOK_ROWS) {
		b->lost++;
		return;
	}
	put_s(b, T_COMMENTS, row, 0, cm->customer, NULL);
	pl_date_format(cm->day, d);
	pl_book_date(at(b, T_COMMENTS, row), 1, d, b->date);
	put_s(b, T_COMMENTS, row, 2, cm->respondent, NULL);
	put_s(b, T_COMMENTS, row, 3, cm->question, NULL);
	if (cm->lowest >= 0)
		put_n(b, T_COMMENTS, row, 4, cm->lowest, b->intf);
	put_s(b, T_COMMENTS, row, 5, cm->text, b->wrap);
}

/* Whether the interval cur lies apart from the one before: a change only
 * when they do not overlap. */
static int
change(const struct pl_stats_ci *cur, const struct pl_stats_ci *prev)
{
	if (!cur->ok || !prev->ok)
		return T_NOPREV;
	if (!pl_stats_apart(cur, prev))
		return T_SAME;
	return cur->est > prev->est ? T_BETTER : T_WORSE;
}

/* The stats of the last period and the one before (NULL when fewer). */
static void
last_two(const struct pl_csat_summary *sum, int d,
    const struct pl_csat_stat **cur, const struct pl_csat_stat **prev)
{
	*cur = sum->nper > 0 ? &sum->by_per[(sum->nper - 1) * sum->nd + d] :
	    NULL;
	*prev = sum->nper > 1 ? &sum->by_per[(sum->nper - 2) * sum->nd + d] :
	    NULL;
}

static void
note(struct pl_csatbook *b, int sh, int row, int col, int small,
    const char *more)
{
	pl_buf_reset(&b->tmp);
	if (small)
		pl_buf_adds(&b->tmp, b->opts.lang == PL_LANG_ZH ?
		    labels[T_SMALL][1] : labels[T_SMALL][0]);
	if (more && *more)
		pl_buf_addf(&b->tmp, "%s%s", b->tmp.len ? "; " : "", more);
	put_s(b, sh, row, col, b->tmp.s, small ? b->grey : NULL);
}

/* "better (2026-Q3 vs 2026-Q2)" for a change label t. */
static void
change_text(struct pl_csatbook *b, const struct pl_csat *c,
    const struct pl_csat_summary *sum, int t, char *buf, size_t size)
{
	char p1[16], p2[16];

	if (t == T_NOPREV || sum->nper < 2) {
		snprintf(buf, size, "%s", L(b, T_NOPREV));
		return;
	}
	pl_csat_period_name(c, sum->per[sum->nper - 1], p1);
	pl_csat_period_name(c, sum->per[sum->nper - 2], p2);
	snprintf(buf, size, "%s (%s vs %s)", L(b, t), p1, p2);
}

static void
chart(struct pl_csatbook *b, int sh, int type, int first, int last,
    int catcol, int valcol, int title, int at_row, int at_col)
{
	lxw_chart *ch;
	lxw_chart_series *ser;
	const char *name = pl_book_sheet_name(b->ws[sh]);

	if (last < first || (ch = workbook_add_chart(b->wb, (uint8_t)type)) ==
	    NULL)
		return;
	ser = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(ser, name, (lxw_row_t)first,
	    (lxw_col_t)catcol, (lxw_row_t)last, (lxw_col_t)catcol);
	chart_series_set_values(ser, name, (lxw_row_t)first,
	    (lxw_col_t)valcol, (lxw_row_t)last, (lxw_col_t)valcol);
	chart_series_set_name(ser, L(b, title));
	chart_title_set_name(ch, L(b, title));
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	worksheet_insert_chart(pl_book_ws(b->ws[sh]), (lxw_row_t)at_row,
	    (lxw_col_t)at_col, ch);
}

static void
overview(struct pl_csatbook *b, const struct pl_csat *c,
    const struct pl_csat_summary *sum)
{
	const struct pl_survey *s = b->s;
	static const int h1[] = { T_FIGURE, T_VALUE, T_LOW, T_HIGH, T_N,
	    T_NOTE };
	static const int h2[] = { T_DIM, T_OWNER, T_MEAN, T_LOW, T_HIGH, T_N,
	    T_CSAT, T_LOW, T_HIGH, T_N, T_CHANGE, T_NOTE };
	const struct pl_csat_stat *cur, *prev;
	struct pl_stats_ci ci, a, p;
	double sd;
	char buf[600], label[120];
	int row = 0, d, i, first, small;
	const char *title = b->opts.lang == PL_LANG_ZH && s->title_zh ?
	    s->title_zh : s->title_en ? s->title_en : s->id;
	static const struct pl_csat_stat none;

	put_s(b, T_OVERVIEW, row, 0, title, b->title);
	if (sum->all[PL_CSAT_RESP(s)].n == 0)
		put_s(b, T_OVERVIEW, 1, 0, L(b, T_NOTHING), NULL);
	row = 2;
	header(b, T_OVERVIEW, row++, h1, 6);
	put_s(b, T_OVERVIEW, row, 0, L(b, T_RESPONSES), NULL);
	put_n(b, T_OVERVIEW, row, 1, (double)sum->all[PL_CSAT_RESP(s)].n,
	    b->intf);
	put_n(b, T_OVERVIEW, row, 4, (double)sum->all[PL_CSAT_RESP(s)].n,
	    b->intf);
	if (sum->repeats > 0) {
		for (i = 0, buf[0] = '\0'; i < 2; i++)
			if (b->opts.lang == PL_LANG_BOTH ||
			    b->opts.lang == (i ? PL_LANG_ZH : PL_LANG_EN))
				snprintf(buf + strlen(buf), sizeof(buf) -
				    strlen(buf), "%s%ld %s", buf[0] ? " / " : "",
				    sum->repeats, labels[T_REPEATS][i]);
		put_s(b, T_OVERVIEW, row, 5, buf, NULL);
	}
	row++;
	put_s(b, T_OVERVIEW, row, 0, L(b, T_BAD), NULL);
	put_n(b, T_OVERVIEW, row++, 1, (double)sum->bad, b->intf);
	put_s(b, T_OVERVIEW, row, 0, L(b, T_SKIPPED), NULL);
	put_n(b, T_OVERVIEW, row++, 1, (double)sum->skipped, b->intf);
	put_s(b, T_OVERVIEW, row, 0, L(b, T_FILES), NULL);
	put_n(b, T_OVERVIEW, row++, 1, (double)sum->files, b->intf);
	put_s(b, T_OVERVIEW, row, 0, L(b, T_REJECTED), NULL);
	put_n(b, T_OVERVIEW, row++, 1, (double)sum->rejected, b->intf);
	for (i = 0; i < s->ninvited; i++) {
		char f[11], t[11];
		long n = sum->invited_responses[i];

		pl_date_format(s->invited[i].from, f);
		pl_date_format(s->invited[i].to, t);
		snprintf(label, sizeof(label), "%s %s – %s", L(b, T_RATE), f, t);
		put_s(b, T_OVERVIEW, row, 0, label, NULL);
		put_n(b, T_OVERVIEW, row, 1, (double)n /
		    (double)s->invited[i].count, b->pct);
		put_n(b, T_OVERVIEW, row, 4, (double)n, b->intf);
		snprintf(buf, sizeof(buf), "%ld %s", s->invited[i].count,
		    L(b, T_INVITED));
		if (n > s->invited[i].count)	/* a rate over 100%: why */
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "; %s", L(b, T_OVER));
		put_s(b, T_OVERVIEW, row++, 5, buf, NULL);
	}
	/* CSAT over every rated dimension, and its change */
	csat_all(s, sum->all, &ci);
	put_s(b, T_OVERVIEW, row, 0, csat_label(b), NULL);
	small = put_ci(b, T_OVERVIEW, row, 1, &ci, 1);
	if (sum->nper > 1) {
		csat_all(s, &sum->by_per[(sum->nper - 1) * sum->nd], &a);
		csat_all(s, &sum->by_per[(sum->nper - 2) * sum->nd], &p);
	} else {
		memset(&a, 0, sizeof(a));
		memset(&p, 0, sizeof(p));
	}
	change_text(b, c, sum, change(&a, &p), buf, sizeof(buf));
	note(b, T_OVERVIEW, row++, 5, small, buf);
	if (s->recommend >= 0) {
		nps_of(&sum->all[PL_CSAT_REC(s)], &ci);
		put_s(b, T_OVERVIEW, row, 0, L(b, T_NPS), NULL);
		small = put_ci(b, T_OVERVIEW, row, 1, &ci, 0);
		last_two(sum, PL_CSAT_REC(s), &cur, &prev);
		nps_of(cur ? cur : &none, &a);
		nps_of(prev ? prev : &none, &p);
		change_text(b, c, sum, change(&a, &p), buf, sizeof(buf));
		note(b, T_OVERVIEW, row++, 5, small, buf);
	}
	row++;
	header(b, T_OVERVIEW, row++, h2, 12);
	first = row;
	for (d = 0; d < s->ndims; d++, row++) {
		put_s(b, T_OVERVIEW, row, 0, dim_name(b, d), NULL);
		put_s(b, T_OVERVIEW, row, 1, owner(b, d), NULL);
		mean_of(&sum->all[d], &ci, &sd);
		small = put_ci(b, T_OVERVIEW, row, 2, &ci, 0);
		csat_of(&sum->all[d], &ci);
		put_ci(b, T_OVERVIEW, row, 6, &ci, 1);
		last_two(sum, d, &cur, &prev);
		mean_of(cur ? cur : &none, &a, &sd);
		mean_of(prev ? prev : &none, &p, &sd);
		change_text(b, c, sum, change(&a, &p), buf, sizeof(buf));
		put_s(b, T_OVERVIEW, row, 10, buf, NULL);
		note(b, T_OVERVIEW, row, 11, small, NULL);
	}
	chart(b, T_OVERVIEW, LXW_CHART_BAR, first, row - 1, 0, 6, T_CSAT,
	    row + 1, 0);
}

static void
by_customer(struct pl_csatbook *b, const struct pl_csat_summary *sum)
{
	const struct pl_survey *s = b->s;
	static const int h[] = { T_CUSTOMER, T_RESPONSES, T_CSAT, T_LOW,
	    T_HIGH, T_N, T_NPS, T_LOW, T_HIGH, T_N };
	struct pl_stats_ci ci;
	int i, d, small, row;

	header(b, T_BYCUST, 0, h, 10);
	for (d = 0; d < s->ndims; d++) {
		char buf[200];

		snprintf(buf, sizeof(buf), "%s: ", L(b, T_DIMCSAT));
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s",
		    dim_name(b, d));
		put_s(b, T_BYCUST, 0, 10 + d, buf, b->head);
	}
	put_s(b, T_BYCUST, 0, 10 + s->ndims, L(b, T_NOTE), b->head);
	for (i = 0; i < sum->ncust; i++) {
		const struct pl_csat_stat *st = &sum->by_cust[i * sum->nd];

		row = i + 1;
		put_s(b, T_BYCUST, row, 0, sum->cust[i], NULL);
		put_n(b, T_BYCUST, row, 1, (double)st[PL_CSAT_RESP(s)].n,
		    b->intf);
		csat_all(s, st, &ci);
		small = put_ci(b, T_BYCUST, row, 2, &ci, 1);
		nps_of(&st[PL_CSAT_REC(s)], &ci);
		small |= put_ci(b, T_BYCUST, row, 6, &ci, 0);
		for (d = 0; d < s->ndims; d++) {
			csat_of(&st[d], &ci);
			if (ci.ok)
				put_n(b, T_BYCUST, row, 10 + d, ci.est,
				    ci.n < SMALL_N ? b->gpct : b->pct);
			small |= ci.n < SMALL_N;
		}
		note(b, T_BYCUST, row, 10 + s->ndims, small, NULL);
	}
	worksheet_freeze_panes(pl_book_ws(b->ws[T_BYCUST]), 1, 1);
	chart(b, T_BYCUST, LXW_CHART_BAR, 1, sum->ncust < 50 ? sum->ncust : 50,
	    0, 2, T_CSAT, sum->ncust + 2, 0);
}

static void
by_dimension(struct pl_csatbook *b, const struct pl_csat_summary *sum)
{
	const struct pl_survey *s = b->s;
	static const int h[] = { T_DIM, T_OWNER, T_SCALE, T_MEAN, T_LOW,
	    T_HIGH, T_N, T_SD, T_CSAT_NPS, T_LOW, T_HIGH, T_N, T_NOTE };
	struct pl_stats_ci ci;
	double sd;
	char buf[32];
	int d, row, small, nd = s->ndims + (s->recommend >= 0);

	header(b, T_BYDIM, 0, h, 13);
	for (d = 0; d < nd; d++) {
		const struct pl_csat_stat *st = &sum->all[d];
		int rec = d == s->ndims;
		const struct pl_survey_scale *sc = &s->scales[rec ?
		    s->questions[s->recommend].scale : s->dims[d].scale];

		row = d + 1;
		put_s(b, T_BYDIM, row, 0, rec ? L(b, T_RECOMMEND) :
		    dim_name(b, d), NULL);
		if (!rec)
			put_s(b, T_BYDIM, row, 1, owner(b, d), NULL);
		snprintf(buf, sizeof(buf), "%d-%d", sc->min, sc->max);
		put_s(b, T_BYDIM, row, 2, buf, NULL);
		mean_of(st, &ci, &sd);
		small = put_ci(b, T_BYDIM, row, 3, &ci, 0);
		if (st->n > 1)
			put_n(b, T_BYDIM, row, 7, sd, small ? b->gnum : b->num);
		if (rec)
			nps_of(st, &ci);
		else
			csat_of(st, &ci);
		put_ci(b, T_BYDIM, row, 8, &ci, !rec);
		note(b, T_BYDIM, row, 12, small, NULL);
	}
	chart(b, T_BYDIM, LXW_CHART_COLUMN, 1, s->ndims, 0, 3, T_MEAN,
	    nd + 2, 0);
}

static void
trend(struct pl_csatbook *b, const struct pl_csat *c,
    const struct pl_csat_summary *sum)
{
	const struct pl_survey *s = b->s;
	static const int h[] = { T_DIM, T_PERIOD, T_MEAN, T_LOW, T_HIGH, T_N,
	    T_CSAT_NPS, T_LOW, T_HIGH, T_N, T_CHANGE, T_NOTE };
	struct pl_stats_ci ci, prev;
	lxw_chart *ch = NULL;
	double sd;
	char per[16];
	int d, p, row = 1, small, nd = s->ndims + (s->recommend >= 0);

	header(b, T_TREND, 0, h, 12);
	if (sum->nper > 0)
		ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
	for (d = 0; d < nd; d++) {
		int rec = d == s->ndims, first = row;

		memset(&prev, 0, sizeof(prev));
		for (p = 0; p < sum->nper; p++, row++) {
			const struct pl_csat_stat *st = &sum->by_per[p * sum->nd +
			    d];

			put_s(b, T_TREND, row, 0, rec ? L(b, T_RECOMMEND) :
			    dim_name(b, d), NULL);
			pl_csat_period_name(c, sum->per[p], per);
			put_s(b, T_TREND, row, 1, per, NULL);
			mean_of(st, &ci, &sd);
			small = put_ci(b, T_TREND, row, 2, &ci, 0);
			if (rec)
				nps_of(st, &ci);
			else
				csat_of(st, &ci);
			put_ci(b, T_TREND, row, 6, &ci, !rec);
			if (p > 0)
				put_s(b, T_TREND, row, 10, L(b, change(&ci,
				    &prev)), NULL);
			prev = ci;
			note(b, T_TREND, row, 11, small, NULL);
		}
		if (ch && !rec) {
			lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);

			chart_series_set_categories(ser, pl_book_sheet_name(b->ws[T_TREND]),
			    (lxw_row_t)first, 1, (lxw_row_t)(row - 1), 1);
			chart_series_set_values(ser, pl_book_sheet_name(b->ws[T_TREND]),
			    (lxw_row_t)first, 6, (lxw_row_t)(row - 1), 6);
			chart_series_set_name(ser, dim_name(b, d));
		}
	}
	if (ch) {
		chart_title_set_name(ch, L(b, T_CSAT));
		worksheet_insert_chart(pl_book_ws(b->ws[T_TREND]), 1, 13, ch);
	}
}

static void
action_row(struct pl_csatbook *b, int row, const char *cust, int d,
    const struct pl_csat_stat *st, const struct pl_stats_ci *ci)
{
	struct pl_stats_ci m;
	double sd;
	int small;

	put_s(b, T_ACTIONS, row, 0, cust, NULL);
	put_s(b, T_ACTIONS, row, 1, dim_name(b, d), NULL);
	put_s(b, T_ACTIONS, row, 2, owner(b, d), NULL);
	small = put_ci(b, T_ACTIONS, row, 3, ci, 1);
	if (!small)
		put_n(b, T_ACTIONS, row, 3, ci->est, b->red);
	mean_of(st, &m, &sd);
	put_n(b, T_ACTIONS, row, 7, m.est, small ? b->gnum : b->num);
	note(b, T_ACTIONS, row, 8, small, NULL);
}

static void
actions(struct pl_csatbook *b, const struct pl_csat_summary *sum)
{
	const struct pl_survey *s = b->s;
	static const int h[] = { T_CUSTOMER, T_DIM, T_OWNER, T_CSAT, T_LOW,
	    T_HIGH, T_N, T_MEAN, T_NOTE };
	struct pl_stats_ci ci;
	char buf[200];
	int d, i, row = 2;

	snprintf(buf, sizeof(buf), "%s: %.0f%%", L(b, T_ALERT),
	    b->opts.alert * 100);
	put_s(b, T_ACTIONS, 0, 0, buf, b->title);
	header(b, T_ACTIONS, 1, h, 9);
	for (d = 0; d < s->ndims; d++) {
		csat_of(&sum->all[d], &ci);
		if (ci.ok && ci.est < b->opts.alert)
			action_row(b, row++, L(b, T_ALL), d, &sum->all[d], &ci);
	}
	for (i = 0; i < sum->ncust && row < 1048576; i++)
		for (d = 0; d < s->ndims && row < 1048576; d++) {
			const struct pl_csat_stat *st = &sum->by_cust[i *
			    sum->nd + d];

			csat_of(st, &ci);
			if (ci.ok && ci.est < b->opts.alert)
				action_row(b, row++, sum->cust[i], d, st, &ci);
		}
}

int
pl_csatbook_close(struct pl_csatbook *b, const struct pl_csat *c,
    const struct pl_csat_summary *sum, struct pl_err *e)
{
	int status;

	overview(b, c, sum);
	by_customer(b, sum);
	by_dimension(b, sum);
	trend(b, c, sum);
	actions(b, sum);
	status = pl_book_close(b->book, e);
	if (status == 0 && b->lost > 0)
		status = pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot write the "
		    "Comments sheet (more than 1,048,575 comments)");
	pl_buf_release(&b->tmp);
	free(b);
	return status;
}
