#!/bin/sh
# csat.sh BINDIR: csat-sum on the sample survey exports (Google Forms,
# Microsoft Forms in Chinese, LimeSurvey with a BOM, Qualtrics, XML): the
# workbook read back by openpyxl, the figures recomputed independently
# (tests/csat-stats.py), each format detected or named, bad rows and
# malformed CSV, hostile text, labels, same bytes, bad definitions.
suite=csat
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
cells() { /usr/bin/python3 tests/xlsx-cells.py "$1"; }
has() { grep -qxF "$(printf '%s\t%s\t%s\t%s' "$2" "$3" "$4" "$5")" "$1"; }
cell() { awk -F '\t' -v s="$2" -v c="$3" '$1 == s && $2 == c { print $4 }' "$1"; }
S=samples/surveys
def="-d samples/survey.xml"
csvs="$S/google-forms.csv $S/msforms-zh.csv $S/limesurvey.csv $S/qualtrics.csv"
# rows and non-empty answers of column COL of a CSV, read by Python's csv
# module: count FILE SKIP COL
count() {
	/usr/bin/python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
data = rows[1 + int(sys.argv[2]):]
col = rows[0].index(sys.argv[3])
print(len(data), sum(1 for r in data if len(r) > col and r[col].strip()))' "$@"
}

"$bin/csat-sum" $def -o "$tmp/all.xlsx" $csvs 2> "$tmp/err"
check "the four exports: exit 0, no message" $? "$(cat "$tmp/err")"
test ! -s "$tmp/err"; check "the four exports: stderr empty" $? "$(cat "$tmp/err")"
cells "$tmp/all.xlsx" > "$tmp/all.cells" 2> "$tmp/err"
check "openpyxl reads the workbook" $? "$(cat "$tmp/err")"
[ "$(grep '^#sheet' "$tmp/all.cells" | cut -f2 | tr '\n' ,)" = \
    "Overview,By customer,By dimension,Trend,Comments,Actions," ]
check "sheets in order" $? "$(grep '^#sheet' "$tmp/all.cells")"
unzip -Z1 "$tmp/all.xlsx" > "$tmp/zip"
[ "$(grep -c '^xl/charts/chart[0-9]*\.xml$' "$tmp/zip")" -eq 4 ] &&
    (for i in 1 2 3 4; do unzip -p "$tmp/all.xlsx" \
        "xl/worksheets/_rels/sheet$i.xml.rels" | grep -q drawing || exit 1; done)
check "a chart on each of the first four sheets" $? "$(grep chart "$tmp/zip")"

# every export, alone: detected, its rows and answers counted
for f in google-forms:0:"How satisfied are you with us? [Product quality]" \
    msforms-zh:0:产品质量满意度 limesurvey:0:"Q1[SQ001]" qualtrics:2:Q1_1; do
	name=${f%%:*}; rest=${f#*:}; skip=${rest%%:*}; col=${rest#*:}
	set -- $(count "$S/$name.csv" "$skip" "$col")
	"$bin/csat-sum" $def -o "$tmp/$name.xlsx" "$S/$name.csv" 2> "$tmp/err"
	check "$name: exit 0" $? "$(cat "$tmp/err")"
	cells "$tmp/$name.xlsx" > "$tmp/$name.cells"
	has "$tmp/$name.cells" Overview B4 n "$1" &&
	    has "$tmp/$name.cells" Overview F16 n "$2"
	check "$name: $1 responses, $2 quality answers (as Python's csv reads them)" $? \
	    "$(grep 'Overview	[BF]\(4\|16\)	' "$tmp/$name.cells")"
done
has "$tmp/all.cells" Overview B4 n 117
check "the four exports: 117 responses" $?
# text answers mapped through the scale: Google "Satisfied", MS Forms 满意,
# LimeSurvey A4, Qualtrics 4 are all a 4; the XML holds the same answers
"$bin/csat-sum" $def -o "$tmp/xml.xlsx" $S/responses.xml 2> "$tmp/err"
check "responses.xml: exit 0" $? "$(cat "$tmp/err")"
cells "$tmp/xml.xlsx" > "$tmp/xml.cells"
grep -v '^Overview	B7	' "$tmp/all.cells" > "$tmp/a"
grep -v '^Overview	B7	' "$tmp/xml.cells" > "$tmp/b"
diff "$tmp/a" "$tmp/b" > "$tmp/d"
check "the four exports give the workbook their answers in XML give" $? "$(head "$tmp/d")"
/usr/bin/python3 tests/csat-stats.py $S/responses.xml "$tmp/xml.xlsx" > "$tmp/d"
check "CSAT (Wilson), NPS (multinomial), means (t) recomputed independently" $? \
    "$(head "$tmp/d")"
has "$tmp/all.cells" Overview K17 s "worse / 变差 (2026-Q3 vs 2026-Q2)" &&
    has "$tmp/all.cells" Overview K18 s "no significant change / 无显著变化 (2026-Q3 vs 2026-Q2)"
check "change only where the intervals part (delivery fell in Q3)" $?
grep -q '^Comments	F[0-9]*	s	Sales answered quickly.\\nTechnical questions' "$tmp/all.cells" &&
    ! grep -q '_x000D_' "$tmp/all.cells"
check "CRLF export: an embedded line break stays one line break" $?
grep -q '^Comments	A[0-9]*	s	苏州精工机械有限公司$' "$tmp/all.cells"
check "Chinese customer names read from the CSV" $?

# the same responses given twice: the four exports and responses.xml, which
# holds their answers again (the XML by day, the exports to the second).
# A response of the same customer, respondent and time (the day, when one
# gives no time) as one read before is a repeat: counted once, said once
# on stderr and on the Overview.  MS Forms' 7 "anonymous" responses have no
# respondent to tell them by: they stay, and the rates they push over 100%
# say why.
"$bin/csat-sum" $def -o "$tmp/rep.xlsx" $csvs $S/responses.xml 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ "$(cat "$tmp/err")" = "csat-sum: 110 repeated responses left out: the same customer, respondent and time as a response read before" ]
check "the exports and responses.xml: 110 repeats left out, said once on stderr, exit 0" $? "status $st: $(cat "$tmp/err")"
cells "$tmp/rep.xlsx" > "$tmp/rep.cells"
has "$tmp/rep.cells" Overview B4 n 124 &&
    grep -q '^Overview	F4	s	110 repeated responses left out (the same customer, respondent and time as a response read before) / 110 份重复答卷未计入' "$tmp/rep.cells"
check "... 117 + 7 anonymous responses on the Overview, the 110 repeats in its note" $? \
    "$(grep '^Overview	[BF]4	' "$tmp/rep.cells")"
awk -F '\t' '$1 == "Overview" { v[$2] = $4 }
	END { for (r = 1; r < 40; r++) if (v["A" r] ~ /^Response rate/) {
		n++; if (v["B" r] > 1 && v["F" r] !~ /more responses than customers invited: /) bad = bad " " r
		if (v["B" r] > 1) over++ }
	  if (n != 3 || bad != "") { print n " rates, unexplained rows:" bad; exit 1 }
	  print over + 0 }' "$tmp/rep.cells" > "$tmp/over"
check "no response rate over 100% without a note saying why ($(cat "$tmp/over") over)" $? "$(cat "$tmp/over")"
awk -F '\t' '$1 == "Overview" { v[$2] = $4 }
	END { for (r = 1; r < 40; r++) if (v["A" r] ~ /^Response rate/ && v["B" r] > 1) exit 1 }' "$tmp/all.cells"
check "... and the four exports alone: no rate over 100%" $?
"$bin/csat-sum" $def -o "$tmp/twice.xlsx" $S/qualtrics.csv $S/qualtrics.csv $S/limesurvey.csv 2> "$tmp/err"
st=$?
cells "$tmp/twice.xlsx" > "$tmp/twice.cells"
"$bin/csat-sum" $def -o "$tmp/once.xlsx" $S/qualtrics.csv $S/limesurvey.csv
cells "$tmp/once.xlsx" > "$tmp/once.cells"
grep -v '^Overview	[BF][47]	' "$tmp/twice.cells" > "$tmp/a"
grep -v '^Overview	[BF][47]	' "$tmp/once.cells" > "$tmp/b"
[ $st -eq 0 ] && grep -q '^csat-sum: 27 repeated responses left out' "$tmp/err" &&
    has "$tmp/twice.cells" Overview B4 n 54 && diff "$tmp/a" "$tmp/b" > "$tmp/d"
check "an export given twice: its 27 responses left out the second time, every other cell as given once" $? \
    "status $st: $(cat "$tmp/err"; head -5 "$tmp/d")"
# a rejected file's responses are no repeats of anything
{ head -3 $S/google-forms.csv; echo '1/7/2026 9:00:00,x@x.example,Orion Valves,"open'; } > "$tmp/rej.csv"
"$bin/csat-sum" $def -o "$tmp/rej.xlsx" "$tmp/rej.csv" $S/google-forms.csv 2> "$tmp/err"
st=$?
cells "$tmp/rej.xlsx" > "$tmp/rej.cells"
[ $st -eq 1 ] && ! grep -q repeated "$tmp/err" && has "$tmp/rej.cells" Overview B4 n 36
check "the responses of a rejected file: not kept, the same ones in a later file counted" $? \
    "status $st: $(cat "$tmp/err")"
# partials carry their repeats: merged, the one-run workbook
"$bin/csat-sum" $def --partial -o "$tmp/rp1.tsv" $csvs 2> "$tmp/err1" &&
    "$bin/csat-sum" $def --partial -o "$tmp/rp2.tsv" $S/responses.xml $S/qualtrics.csv 2> "$tmp/err2" &&
    "$bin/csat-sum" $def -o "$tmp/rm.xlsx" "$tmp/rp1.tsv" "$tmp/rp2.tsv" 2> "$tmp/err"
st=$?
cells "$tmp/rm.xlsx" > "$tmp/rm.cells"
[ $st -eq 0 ] && [ ! -s "$tmp/err1" ] && [ ! -s "$tmp/err" ] &&
    grep -q '^csat-sum: 27 repeated responses left out' "$tmp/err2" &&
    [ "$(tail -1 "$tmp/rp2.tsv" | cut -f9)" = 27 ] &&
    grep -q '^Overview	F4	s	27 repeated responses left out (the same customer' "$tmp/rm.cells"
check "a partial carries the repeats it left out (csatpart's repeats); merged, the Overview says them, stderr does not again" $? \
    "status $st: $(cat "$tmp/err" "$tmp/err2"; tail -1 "$tmp/rp2.tsv")"

# --format
cat $S/google-forms.csv | "$bin/csat-sum" $def --format google -o "$tmp/g.xlsx" 2> "$tmp/err"
check "--format google on stdin: exit 0" $? "$(cat "$tmp/err")"
cells "$tmp/g.xlsx" > "$tmp/g.cells"; has "$tmp/g.cells" Overview B4 n 36
check "--format google on stdin: 36 responses" $?
"$bin/csat-sum" $def --format qualtrics -o "$tmp/q.xlsx" $S/google-forms.csv 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "google-forms.csv:1: column 'Timestamp' is not in the survey definition" "$tmp/err"
check "--format qualtrics on a Google export: exit 4, the column named" $? "$(cat "$tmp/err")"
"$bin/csat-sum" $def --format spss -o "$tmp/q.xlsx" $S/google-forms.csv 2> /dev/null
check "--format spss: usage, exit 2" $(( $? != 2 ))

# malformed CSV: the file is rejected whole, the others summarised
printf 'Timestamp,Company name,What should we improve?\n1/5/2026 9:00:00,Orion Valves,ok\n1/6/2026 9:00:00,Orion Valves,"fine\nreally\n1/7/2026 9:00:00,Orion Valves,late\n' > "$tmp/open.csv"
printf 'Timestamp,Company name,What should we improve?\n1/5/2026 9:00:00,Orion Valves,ab"c\n' > "$tmp/quote.csv"
"$bin/csat-sum" $def -o "$tmp/m.xlsx" "$tmp/open.csv" $S/google-forms.csv "$tmp/quote.csv" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "^csat-sum: $tmp/open.csv:3: malformed CSV: a quoted field is never closed" "$tmp/err" &&
    grep -q "^csat-sum: $tmp/quote.csv:2: malformed CSV" "$tmp/err"
check "unterminated quote and stray quote: file and line, exit 1" $? "status $st: $(cat "$tmp/err")"
cells "$tmp/m.xlsx" > "$tmp/m.cells"
has "$tmp/m.cells" Overview B4 n 36 && has "$tmp/m.cells" Overview B8 n 2 &&
    ! grep -q 'Orion Valves	.*ok$' "$tmp/m.cells"
check "the good file summarised, nothing of the bad ones, 2 files rejected" $?

# bad rows: reported with their line, counted, skipped
printf 'Timestamp,Company name,How satisfied are you with us? [Price],What should we improve?\n1/5/2026 9:00:00,Orion Valves,Satisfied,"=HYPERLINK(""http://evil.example"",""click"")"\n1/6/2026 9:00:00,Orion Valves,7\n1/7/2026 9:00:00,,Neutral\n1/8/2026 9:00:00,Orion Valves,great\nnot a date,Orion Valves,Neutral\n' > "$tmp/bad.csv"
"$bin/csat-sum" $def -o "$tmp/b.xlsx" "$tmp/bad.csv" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "bad.csv:3: price: 7 is outside the scale 1-5" "$tmp/err" &&
    grep -q "bad.csv:4: no customer" "$tmp/err" &&
    grep -q "bad.csv:5: price: 'great' is not a number or an answer of scale 'sat5'" "$tmp/err" &&
    grep -q "bad.csv:6: date 'not a date' is not a date" "$tmp/err"
check "bad rows: each named with its line, exit 1" $? "status $st: $(cat "$tmp/err")"
cells "$tmp/b.xlsx" > "$tmp/b.cells"
has "$tmp/b.cells" Overview B4 n 1 && has "$tmp/b.cells" Overview B5 n 4
check "bad rows counted on the Overview, the good row summarised" $?
has "$tmp/b.cells" Comments F2 s '=HYPERLINK("http://evil.example","click")' &&
    ! unzip -p "$tmp/b.xlsx" xl/worksheets/sheet5.xml | grep -q '<f>'
check "a formula-looking comment stays text" $?
grep -q '^By customer	[A-Z]*2	s	n < 5: too few answers' "$tmp/b.cells"
check "n < 5 marked" $?
row=$(awk -F '\t' '$1 == "Actions" && $2 ~ /^A/ && $4 == "Orion Valves" { sub(/^A/, "", $2); print $2; exit }' "$tmp/all.cells")
[ -n "$row" ] && grep -q "^Actions	B$row	s	" "$tmp/all.cells" &&
    grep -q "^Actions	C$row	s	[A-Z].* / .*部$" "$tmp/all.cells"
check "Actions: the unhappy customer with the department that owns the dimension" $? "$(grep '^Actions' "$tmp/all.cells" | head)"

# labels, periods, same bytes
"$bin/csat-sum" $def --lang zh --period month -o "$tmp/zh.xlsx" $csvs 2> "$tmp/err"
check "--lang zh --period month: exit 0" $? "$(cat "$tmp/err")"
cells "$tmp/zh.xlsx" > "$tmp/zh.cells"
[ "$(grep '^#sheet' "$tmp/zh.cells" | cut -f2 | tr '\n' ,)" = "概览,按客户,按维度,趋势,意见,改进措施," ] &&
    has "$tmp/zh.cells" 按客户 A1 s 客户 && has "$tmp/zh.cells" 概览 A16 s 产品质量 &&
    has "$tmp/zh.cells" 概览 B16 s 质量部
check "--lang zh: Chinese sheet names and labels" $?
grep -q '^趋势	B[0-9]*	s	2026-09$' "$tmp/zh.cells" && ! grep -q 'Q[1-4]' "$tmp/zh.cells"
check "--period month: monthly trend" $?
"$bin/csat-sum" $def --lang en -o "$tmp/en.xlsx" $csvs && cells "$tmp/en.xlsx" > "$tmp/en.cells"
has "$tmp/en.cells" "By dimension" A1 s Dimension && ! grep -q '维度' "$tmp/en.cells"
check "--lang en: English only" $?
SOURCE_DATE_EPOCH=1795737600 "$bin/csat-sum" $def -o "$tmp/s1.xlsx" $csvs
sleep 1
SOURCE_DATE_EPOCH=1795737600 "$bin/csat-sum" $def -o "$tmp/s2.xlsx" $csvs
cmp -s "$tmp/s1.xlsx" "$tmp/s2.xlsx"
check "SOURCE_DATE_EPOCH: the same bytes twice" $?
"$bin/csat-sum" $def --alert 0 -o "$tmp/a0.xlsx" $csvs &&
    cells "$tmp/a0.xlsx" > "$tmp/a0.cells" &&
    [ "$(grep '^#sheet	Actions' "$tmp/a0.cells" | cut -f3)" -eq 2 ]
check "--alert 0: no action" $?

# the survey definition and columns it does not know
printf 'Timestamp,Company name,Q9 new question\n1/5/2026 9:00:00,Orion Valves,4\n' > "$tmp/new.csv"
"$bin/csat-sum" $def -o "$tmp/n.xlsx" "$tmp/new.csv" $S/limesurvey.csv 2> "$tmp/err"
st=$?
[ $st -eq 4 ] && grep -q "new.csv:1: column 'Q9 new question' is not in the survey definition" "$tmp/err"
check "an unknown question column: exit 4, named" $? "status $st: $(cat "$tmp/err")"
cells "$tmp/n.xlsx" > "$tmp/n.cells"; has "$tmp/n.cells" Overview B4 n 27
check "... and the other file still summarised" $?
sed 's/dimension="price" scale/dimension="cost" scale/' samples/survey.xml > "$tmp/bad-survey.xml"
"$bin/csat-sum" -d "$tmp/bad-survey.xml" -o "$tmp/x.xlsx" $csvs 2> "$tmp/err"
st=$?
[ $st -eq 4 ] && grep -q "bad-survey.xml:[0-9]*: question 'price': unknown dimension 'cost'" "$tmp/err" &&
    [ ! -e "$tmp/x.xlsx" ]
check "a survey definition naming an unknown dimension: exit 4, no workbook" $? "status $st: $(cat "$tmp/err")"
sed 's/<customer>/<client>/; s#</customer>#</client>#' samples/survey.xml > "$tmp/bad2.xml"
"$bin/csat-sum" -d "$tmp/bad2.xml" -o "$tmp/x.xlsx" $csvs 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "bad2.xml:[0-9]*: .*client" "$tmp/err"
check "a survey definition not valid against survey.xsd: exit 4" $? "$(cat "$tmp/err")"
printf '<responses xmlns="urn:poreview:responses:1"><response customer="A" date="2026-01-01"><answer question="speed">4</answer></response></responses>\n' > "$tmp/q.xml"
"$bin/csat-sum" $def -o "$tmp/x.xlsx" "$tmp/q.xml" 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "q.xml:1: question 'speed' is not in the survey definition" "$tmp/err"
check "XML: an unknown question: exit 4" $? "$(cat "$tmp/err")"
xmllint --noout --schema schemas/responses.xsd $S/responses.xml 2> "$tmp/err"
check "responses.xml is valid against responses.xsd" $? "$(cat "$tmp/err")"

# the command line and the target
"$bin/csat-sum" -h | grep -q '^usage: csat-sum -d SURVEY.xml -o FILE.xlsx'
check "-h: usage on stdout" $?
"$bin/csat-sum" -o "$tmp/x.xlsx" $csvs 2> /dev/null
check "no -d: exit 2" $(( $? != 2 ))
"$bin/csat-sum" $def -o /dev/null $csvs 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "not a regular file" "$tmp/err"
check "-o /dev/null refused: exit 3" $? "$(cat "$tmp/err")"
"$bin/csat-sum" $def -o "$tmp/xm.xlsx" "$tmp/missing.csv" $S/qualtrics.csv 2> "$tmp/err"
[ $? -eq 3 ] && [ ! -e "$tmp/xm.xlsx" ] && grep -q "missing.csv': No such file or directory; '.*xm.xlsx' not written" "$tmp/err"
check "a missing file: exit 3, no workbook of part of the responses" $? "$(cat "$tmp/err")"
# The responses read live in a temporary SQLite database, so that memory
# stays flat.  When its folder fills up (files over 256 blocks refused),
# the run goes on, every response counted but for the repeats found
# before, and says so once, exit 3: here 30,000 responses, one repeat
# early (still found) and one at the end (no longer found).
{ head -1 $S/google-forms.csv
  awk 'BEGIN { r = ",Acme Pumps,Satisfied,Neutral,Satisfied,Satisfied," \
	"Satisfied,9,"
	for (i = 0; i < 2; i++) print "1/1/2026 9:00:00,first@acme.example" r
	for (i = 0; i < 30000; i++)
		printf "1/%d/2026 10:%02d:00,b%d@acme.example%s\n", i % 28 + 1,
		    i % 60, i, r
	print "1/1/2026 9:00:00,first@acme.example" r }'; } > "$tmp/keys.csv"
( ulimit -f 256; trap '' XFSZ
  "$bin/csat-sum" $def --partial "$tmp/keys.csv" 2> "$tmp/err"
  echo $? > "$tmp/rc" ) | cat > "$tmp/keys.tsv"
rc=$(cat "$tmp/rc")
[ "$rc" -eq 3 ] && [ "$(grep -c 'temporary database' "$tmp/err")" -eq 1 ] &&
    grep -q "^csat-sum: cannot keep the run's responses in a temporary \
database: .* (from then on a response given twice was not found)\$" "$tmp/err"
check "responses' folder full: exit 3 and why, once" $? \
    "exit $rc: $(head -2 "$tmp/err")"
[ "$(awk -F '\t' '$1 == "csatcell" && $4 == "responses" { s += $6 }
    $1 == "csatpart" { r += $9 } END { print s, r }' "$tmp/keys.tsv")" = \
    "30002 1" ]
check "responses' folder full: every response read, the early repeat found" $? \
    "$(grep csatpart "$tmp/keys.tsv")"
finish
