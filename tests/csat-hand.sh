#!/bin/sh
# csat-hand.sh BINDIR: csat-sum's figures on a tiny fixed sample, each
# against a value computed by hand below (the arithmetic is written out),
# as openpyxl reads the workbook.
suite=csat-hand
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

# Two dimensions on a 1-5 scale, the 0-10 recommend question, a comment,
# 16 customers invited in 2026-Q1.
cat > "$tmp/tiny.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<survey xmlns="urn:poreview:survey:1" id="tiny">
  <title lang="en">Tiny survey</title>
  <customer><column>Company</column></customer>
  <dimension id="quality" owner="quality"><name lang="en">Quality</name></dimension>
  <dimension id="delivery" owner="production"><name lang="en">Delivery</name></dimension>
  <scale id="sat5" min="1" max="5"/>
  <scale id="nps" min="0" max="10"/>
  <question id="quality" dimension="quality" scale="sat5"><column>Quality</column></question>
  <question id="delivery" dimension="delivery" scale="sat5"><column>Delivery</column></question>
  <recommend id="recommend" scale="nps"><column>Recommend</column></recommend>
  <comment id="improve"><column>Comment</column></comment>
  <invited from="2026-01-01" to="2026-03-31" count="16"/>
</survey>
EOF
# Eight responses, all in 2026-Q1; C's second leaves Delivery empty.
#   customer  quality  delivery  recommend  comment
#   A         5        4         10
#   A         4        2          9         Late again
#   A         3        5          7
#   B         5        5         10
#   B         2        3          3
#   B         4        4          8
#   C         1        2          0         Poor finish, "cracked"
#   C         5        -          9
cat > "$tmp/tiny.csv" <<'EOF'
Timestamp,Company,Quality,Delivery,Recommend,Comment
1/5/2026 9:00:00,A,5,4,10,
1/9/2026 9:00:00,A,4,2,9,Late again
2/2/2026 9:00:00,A,3,5,7,
2/11/2026 9:00:00,B,5,5,10,
2/20/2026 9:00:00,B,2,3,3,
3/3/2026 9:00:00,B,4,4,8,
3/15/2026 9:00:00,C,1,2,0,"Poor finish, ""cracked"""
3/30/2026 9:00:00,C,5,,9,
EOF
"$bin/csat-sum" -d "$tmp/tiny.xml" --lang en -o "$tmp/t.xlsx" "$tmp/tiny.csv" 2> "$tmp/err"
check "the tiny sample: exit 0, no message" $? "$(cat "$tmp/err")"

# Each line: SHEET CELL EXPECTED (a number, or text after "=").
cat > "$tmp/expect" <<'EOF'
# Responses: 8; response rate 8 / 16 invited = 0.5
Overview B4 8
Overview B9 0.5
Overview E9 8
# CSAT over both dimensions: answers 4 or 5 of the 15 rated answers:
# quality 5,4,5,4,5 (5 of 8) + delivery 4,5,5,4 (4 of 7) = 9 of 15, p = 0.6.
# Wilson, z = 1.959963984540054, z^2 = 3.841458820694124:
#   z^2/n = 0.2560972547, den = 1 + z^2/n = 1.2560972547
#   centre = (p + z^2/2n) / den = (0.6 + 0.1280486274) / 1.2560972547
#          = 0.5796116699
#   half = z/den * sqrt(p(1-p)/n + z^2/4n^2)
#        = 1.5603661 * sqrt(0.016 + 0.0042682876) = 0.2221433687
#   low = 0.3574683012, high = 0.8017550386
Overview B10 0.6
Overview C10 0.3574683012
Overview D10 0.8017550386
Overview E10 15
# NPS: recommend 10,9,7,10,3,8,0,9: promoters (9-10) 4 of 8 = 0.5,
# detractors (0-6) 2 of 8 = 0.25: NPS = 100 (0.5 - 0.25) = 25.
# variance = (0.5*0.5 + 0.25*0.75 + 2*0.5*0.25) / 8 = 0.6875 / 8
#          = 0.0859375, se = 0.2931509850, 1.959964 se = 0.5745653726
#   low = 25 - 57.45653726 = -32.45653726, high = 82.45653726
Overview B11 25
Overview C11 -32.45653726
Overview D11 82.45653726
Overview E11 8
# Quality: 5,4,3,5,2,4,1,5: n = 8, sum 29, mean 3.625;
#   sum of squares 121; var = (121 - 29^2/8) / 7 = 15.875 / 7 = 2.2678571
#   sd = 1.5059406173; se = sd / sqrt(8) = 0.5324304113
#   t(0.975, 7) = 2.364624252 (t table); half = 1.2589978628
#   interval 2.3660021372 .. 4.8839978628
# CSAT 5 of 8 = 0.625: z^2/n = 0.4801823526, den = 1.4801823526,
#   centre = (0.625 + 0.2400911763) / den = 0.5844490544,
#   half = 0.2787066598: 0.3057423946 .. 0.8631557142
Overview A14 =Quality
Overview C14 3.625
Overview D14 2.3660021372
Overview E14 4.8839978628
Overview F14 8
Overview G14 0.625
Overview H14 0.3057423946
Overview I14 0.8631557142
Overview J14 8
# Delivery: 4,2,5,5,3,4,2 (one left empty): n = 7, sum 25,
#   mean 25/7 = 3.5714285714; sum of squares 99;
#   var = (99 - 625/7) / 6 = 9.7142857 / 6 = 1.6190476190
#   sd = 1.2724180206; se = sd / sqrt(7) = 0.4809288066
#   t(0.975, 6) = 2.446911851 (t table); half = 1.1767903964
#   interval 2.3946381750 .. 4.7482189678
# CSAT 4 of 7 = 0.5714285714: z^2/n = 0.5487798315, den = 1.5487798315,
#   centre = (0.5714285714 + 0.2743899158) / den = 0.5461192546,
#   half = 0.2956608901: 0.2504583645 .. 0.8417801447
Overview C15 3.5714285714
Overview D15 2.3946381750
Overview E15 4.7482189678
Overview F15 7
Overview G15 0.5714285714
Overview H15 0.2504583645
Overview I15 0.8417801447
Overview J15 7
# By dimension: the standard deviations above; recommend: n 8, sum 56,
#   mean 7, sum of squares 484, var = (484 - 56^2/8) / 7 = 92/7
#   = 13.1428571, sd = 3.6253078687, se = 1.2817398889,
#   half = 2.364624252 * se = 3.0308332256: 3.9691667744 .. 10.0308332256
By dimension H2 1.5059406173
By dimension H3 1.2724180206
By dimension D4 7
By dimension E4 3.9691667744
By dimension F4 10.0308332256
By dimension H4 3.6253078687
By dimension I4 25
# By customer A (sorted first): 3 responses; rated 5,4,3 and 4,2,5:
#   top two 4 of 6 = 0.6666666667: z^2/n = 0.6402431368,
#   den = 1.6402431368, centre = (0.6666666667 + 0.3201215684) / den
#   = 0.6016109520, half = 0.3016176369: 0.2999933151 .. 0.9032285889
# A's NPS: 10,9,7: 2 promoters of 3, none detractors: 66.6666666667;
#   variance (2/3 * 1/3) / 3 = 0.0740740741, se 0.2721655270,
#   half 53.3433... points: 13.3232036 .. 120.0101297, cut at 100
By customer A2 =A
By customer B2 3
By customer C2 0.6666666667
By customer D2 0.2999933151
By customer E2 0.9032285889
By customer F2 6
By customer G2 66.6666666667
By customer H2 13.3232035961
By customer I2 100
By customer J2 3
# C: rated 1,5 and 2: top two 1 of 3 = 0.3333333333: z^2/n =
#   1.2804862736, den = 2.2804862736, centre = (0.3333333333 +
#   0.6402431368) / den = 0.4269161720, half 0.3654242272:
#   0.0614919447 .. 0.7923403992; quality 1 of 2 = 0.5, delivery 0 of 1
By customer C4 0.3333333333
By customer D4 0.0614919447
By customer E4 0.7923403992
By customer K4 0.5
By customer L4 0
# B's NPS: 10,3,8: one promoter, one detractor: 0
By customer G3 0
# Comments: the response's lowest rated answer (4,2 -> 2; 1,2 -> 1)
Comments A2 =A
Comments E2 2
Comments F2 =Late again
Comments A3 =C
Comments E3 1
Comments F3 =Poor finish, "cracked"
# Actions (--alert 70): quality 0.625 and delivery 0.5714 in all are below
Actions A3 =All customers
Actions B3 =Quality
Actions D3 0.625
Actions B4 =Delivery
Actions D4 0.5714285714
EOF
/usr/bin/python3 - "$tmp/t.xlsx" "$tmp/expect" > "$tmp/results" 2>&1 <<'EOF'
import sys, openpyxl
# each expected number is stated to its last digit: it must agree within
# half a unit of that digit
wb = openpyxl.load_workbook(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    sheet = next(n for n in wb.sheetnames if line.startswith(n + " "))
    cell, want = line[len(sheet) + 1:].split(" ", 1)
    got = wb[sheet][cell].value
    if want.startswith("="):
        ok = got == want[1:]
    else:
        digits = len(want.split(".")[1]) if "." in want else 0
        ok = isinstance(got, (int, float)) and \
            abs(got - float(want)) <= 0.5 * 10 ** -digits + 1e-12
    print("%s %s\t%d\tworkbook %r, by hand %s" % (sheet, cell, 0 if ok
                                                 else 1, got, want))
EOF
check "openpyxl reads the workbook" $? "$(tail -3 "$tmp/results")"
while IFS="$(printf '\t')" read -r what st detail; do
	check "$what as computed by hand" "$st" "$detail"
done < "$tmp/results"
# The usual CSAT: the share of satisfied answers to the overall-satisfaction
# question, when the definition marks one (overall="true"); the tiny survey
# marks none, so its headline pools every rated answer (9 of 15 above).
/usr/bin/python3 tests/xlsx-cells.py "$tmp/t.xlsx" > "$tmp/t.cells"
grep -q '^Overview	A10	s	CSAT: every rated answer of every dimension pooled (the survey marks no overall-satisfaction question)$' "$tmp/t.cells"
check "no overall question marked: the headline CSAT says it pools every rated answer" $? \
    "$(grep '^Overview	A10	' "$tmp/t.cells")"
sed 's#^  <scale id="sat5"#  <dimension id="overall" owner="gm"><name lang="en">Overall</name></dimension>\n&#
     s#^  <recommend #  <question id="overall" dimension="overall" scale="sat5" overall="true"><column>Overall</column></question>\n&#' \
    "$tmp/tiny.xml" > "$tmp/overall.xml"
# Overall: A 5,4,4; B 5,2,4; C 2,5: satisfied (4 or 5) 6 of 8 = 0.75;
# A 3 of 3 = 1; C 1 of 2 = 0.5
awk 'BEGIN { split("Overall 5 4 4 5 2 4 2 5", v, " ") } { sub(/,/, "," v[NR] ","); print }' \
    "$tmp/tiny.csv" > "$tmp/overall.csv"
"$bin/csat-sum" -d "$tmp/overall.xml" --lang en -o "$tmp/o.xlsx" "$tmp/overall.csv" 2> "$tmp/err" &&
    /usr/bin/python3 tests/xlsx-cells.py "$tmp/o.xlsx" > "$tmp/o.cells"
check "a survey with its overall-satisfaction question marked: exit 0" $? "$(cat "$tmp/err")"
grep -q "^Overview	A10	s	CSAT: the overall-satisfaction question 'overall'$" "$tmp/o.cells" &&
    grep -q '^Overview	B10	n	0.75$' "$tmp/o.cells" && grep -q '^Overview	E10	n	8$' "$tmp/o.cells" &&
    grep -q '^By customer	C2	n	1$' "$tmp/o.cells" && grep -q '^By customer	F2	n	3$' "$tmp/o.cells" &&
    grep -q '^By customer	C4	n	0.5$' "$tmp/o.cells"
check "... the headline CSAT is its share of satisfied answers, 6 of 8, and so per customer (A 3 of 3, C 1 of 2)" $? \
    "$(grep '^Overview	[AB]10	\|^By customer	[CF][24]	' "$tmp/o.cells")"
sed 's#<question id="delivery" #<question overall="true" id="delivery" #' "$tmp/overall.xml" > "$tmp/two.xml"
"$bin/csat-sum" -d "$tmp/two.xml" -o "$tmp/x.xlsx" "$tmp/overall.csv" 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "two.xml:[0-9]*: question 'overall': question 'delivery' is the overall-satisfaction question already (one at most)" "$tmp/err"
check "two overall-satisfaction questions: the definition refused, exit 4" $? "$(cat "$tmp/err")"
sed 's#<question id="delivery" dimension="delivery"#<question id="delivery" dimension="overall"#; /<dimension id="delivery"/d' \
    "$tmp/overall.xml" > "$tmp/shared.xml"
"$bin/csat-sum" -d "$tmp/shared.xml" -o "$tmp/x.xlsx" "$tmp/overall.csv" 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "shared.xml:[0-9]*: overall-satisfaction question 'overall': its dimension 'overall' has another question, 'delivery'" "$tmp/err"
check "an overall-satisfaction question whose dimension has another question: refused, exit 4" $? "$(cat "$tmp/err")"

# the man page states the z the figures above were computed with
z=$(sed -n 's/^#define Z95 \([0-9.]*\).*/\1/p' pipeline/surveys/stats.c)
man -l cmd/csat-sum.1 2> /dev/null | tr -s ' \n' '  ' > "$tmp/man"
[ -n "$z" ] && [ "$(printf '%.6f' "$z")" = 1.959964 ] &&
    [ "$(grep -o 'z = [0-9.]*' "$tmp/man")" = "z = 1.959964" ] &&
    grep -q 'NPS \(+-\|±\) 1.959964 times' "$tmp/man" && ! grep -q '1\.96[^0-9]' "$tmp/man"
check "csat-sum.1 gives z as the code has it: 1.959964 (not 1.96)" $? "$(grep -o '.\{30\}1\.96.\{10\}' "$tmp/man")"
finish
