#!/bin/sh
# csat-csv.sh BINDIR: CSV edge cases of the exports (a BOM, CRLF, quotes,
# a line break inside quotes, empty cells, a blank line, an empty row, a
# short row, a long row), and the responses the tools mark as not real or
# not finished: Qualtrics Finished 0/False and Status (Response Type)
# preview, test or spam; LimeSurvey without submitdate.  Those are left out
# and counted on the Overview, silently (exit 0): they are no error.
suite=csat-csv
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
cells() { /usr/bin/python3 tests/xlsx-cells.py "$1"; }
has() { grep -qxF "$(printf '%s\t%s\t%s\t%s' "$2" "$3" "$4" "$5")" "$1"; }
def="-d samples/survey.xml"
S=samples/surveys
H='Timestamp,Email Address,Company name,How satisfied are you with us? [Product quality],How satisfied are you with us? [On-time delivery],How satisfied are you with us? [After-sales service],How satisfied are you with us? [Price],How satisfied are you with us? [Communication],How likely are you to recommend us to a colleague? (0-10),What should we improve?'

# line 1 (BOM, CRLF), then:
#  2 every answer, a comment with a doubled quote and a comma
#  3-4 a comment with a CRLF line break inside its quotes
#  5 a blank line: nothing
#  6 empty quality and empty recommend: not answered, not bad
#  7 every cell empty: nothing, not bad
#  8 a short row: stops after the delivery answer
#  9 one empty field too many at the end: fine
# 10 one field too many with text in it: bad
# 11 no customer: bad
printf '\357\273\277%s\r\n' "$H" > "$tmp/edge.csv"
printf '%s\r\n' \
    '1/5/2026 9:00:00,a@x.example,Orion Valves,Very satisfied,Satisfied,Neutral,Satisfied,Satisfied,9,"Price ""B"", please"' \
    '1/6/2026 9:00:00,b@x.example,Orion Valves,Satisfied,Satisfied,Satisfied,Satisfied,Satisfied,10,"two' \
    'lines"' \
    '' \
    '1/7/2026 9:00:00,c@x.example,Orion Valves,,Neutral,Neutral,Neutral,Neutral,,' \
    ',,,,,,,,,' \
    '1/8/2026 9:00:00,d@x.example,Kestrel Hydraulics,Dissatisfied,Neutral' \
    '1/9/2026 9:00:00,e@x.example,Kestrel Hydraulics,Neutral,Neutral,Neutral,Neutral,Neutral,5,,' \
    '1/10/2026 9:00:00,f@x.example,Kestrel Hydraulics,Neutral,Neutral,Neutral,Neutral,Neutral,5,,extra' \
    '1/11/2026 9:00:00,g@x.example,,Neutral,Neutral,Neutral,Neutral,Neutral,5,' >> "$tmp/edge.csv"
"$bin/csat-sum" $def -o "$tmp/e.xlsx" "$tmp/edge.csv" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 2 ] &&
    grep -q "edge.csv:10: 11 fields, the header has 10" "$tmp/err" &&
    grep -q "edge.csv:11: no customer" "$tmp/err"
check "two bad rows named by their line (a line break inside quotes counted), exit 1" $? \
    "status $st: $(cat "$tmp/err")"
cells "$tmp/e.xlsx" > "$tmp/e.cells"
has "$tmp/e.cells" Overview B4 n 5 && has "$tmp/e.cells" Overview B5 n 2
check "5 responses (blank line and empty row are none), 2 bad rows" $? \
    "$(grep '^Overview	B[45]	' "$tmp/e.cells")"
# quality answered by rows 2, 3, 8, 9 (row 6 left it empty): n 4,
# mean (5 + 4 + 2 + 3) / 4 = 3.5; recommend by 2, 3, 9: n 3
has "$tmp/e.cells" Overview F16 n 4 && has "$tmp/e.cells" Overview C16 n 3.5 &&
    has "$tmp/e.cells" Overview E13 n 3
check "empty cells are not answered: quality n 4 mean 3.5, recommend n 3" $? \
    "$(grep '^Overview	[CEF]1[36]	' "$tmp/e.cells")"
# delivery answered by 2, 3, 6, 8 (the short row), 9: n 5
has "$tmp/e.cells" Overview F17 n 5
check "a short row: the answers it has are counted, the rest not answered" $?
has "$tmp/e.cells" Comments F2 s 'Price "B", please' &&
    has "$tmp/e.cells" Comments F3 s 'two\nlines' &&
    [ "$(grep -c '^Comments	F' "$tmp/e.cells")" -eq 3 ]
check "quotes undone, a CRLF inside quotes one line break, no BOM in names, empty comments none" $? \
    "$(grep '^Comments	F' "$tmp/e.cells")"
has "$tmp/e.cells" Comments A2 s 'Orion Valves' && ! grep -q "$(printf '\357\273\277')" "$tmp/e.cells"
check "the BOM is not part of the first column" $?

# a NUL byte is no text: its row is refused like one that is not UTF-8 (it
# used to become U+0001 and make "Orion_x0001_Valves" a customer of its own)
{ printf '%s\n' "$H"
  printf '1/5/2026 9:00:00,a@x.example,Orion Valves,Satisfied,,,,,,\n'
  printf '1/6/2026 9:00:00,b@x.example,Orion\000Valves,Satisfied,,,,,,\n'
  printf '1/7/2026 9:00:00,c@x.example,Orion Valves,Neutral,,,,,,"fine\000"\n'
  printf '1/8/2026 9:00:00,d@x.example,Orion Valves,Neutral,,,,,,\n'; } > "$tmp/nul.csv"
"$bin/csat-sum" $def -o "$tmp/nul.xlsx" "$tmp/nul.csv" 2> "$tmp/err"
st=$?
cells "$tmp/nul.xlsx" > "$tmp/nul.cells"
[ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 2 ] &&
    grep -q "^csat-sum: $tmp/nul.csv:3: a NUL byte in field 3: not text (save the export as UTF-8 CSV)$" "$tmp/err" &&
    grep -q "^csat-sum: $tmp/nul.csv:4: a NUL byte in field 10: not text" "$tmp/err"
check "a NUL byte in a field: the row refused with its file and line, exit 1" $? "status $st: $(cat -v "$tmp/err")"
has "$tmp/nul.cells" Overview B4 n 2 && has "$tmp/nul.cells" Overview B5 n 2 &&
    has "$tmp/nul.cells" "By customer" A2 s "Orion Valves" && ! grep -q 'x0001\|Orion.Valves	' "$tmp/nul.cells" &&
    [ "$(grep -c '^By customer	A' "$tmp/nul.cells")" -eq 2 ]
check "... 2 responses, 2 bad rows, one customer (no U+0001 in a name)" $? \
    "$(grep '^Overview	B[45]	\|^By customer	A' "$tmp/nul.cells")"
printf 'Timestamp,Company\000name\n1/5/2026 9:00:00,Orion Valves\n' > "$tmp/nulh.csv"
"$bin/csat-sum" $def -o "$tmp/x.xlsx" "$tmp/nulh.csv" $S/limesurvey.csv 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "^csat-sum: $tmp/nulh.csv:1: the header holds a NUL byte: not text (save the export as UTF-8 CSV)$" "$tmp/err"
check "a NUL byte in the header: the file refused at line 1, exit 1" $? "$(cat -v "$tmp/err")"

# Qualtrics: row 4 unfinished (Finished 0, Progress 40), row 6 a preview
# (Status 1); a bad score in the preview is not reported, it is left out
awk -F , -v OFS=, 'NR == 4 { $5 = 40; $7 = 0 } NR == 6 { $3 = 1; $19 = 9 } 1' \
    $S/qualtrics.csv > "$tmp/q.csv"
"$bin/csat-sum" $def -o "$tmp/q.xlsx" "$tmp/q.csv" 2> "$tmp/err"
check "Qualtrics with an unfinished response and a preview: exit 0, no message" $? "$(cat "$tmp/err")"
cells "$tmp/q.xlsx" > "$tmp/q.cells"
has "$tmp/q.cells" Overview B4 n 25 && has "$tmp/q.cells" Overview B6 n 2 &&
    has "$tmp/q.cells" Overview B5 n 0
check "... 27 rows: 25 responses, 2 left out and counted, no bad row" $? \
    "$(grep '^Overview	B[4-6]	' "$tmp/q.cells")"
# choice text: Finished False, Status "Survey Test", "Spam"
awk -F , -v OFS=, 'NR == 4 { $7 = "False" } NR == 6 { $3 = "Survey Test" }
    NR == 7 { $3 = "Spam" } NR > 7 { if ($3 == "0") $3 = "IP Address"; if ($7 == "1") $7 = "True" } 1' \
    $S/qualtrics.csv > "$tmp/qt.csv"
"$bin/csat-sum" $def -o "$tmp/qt.xlsx" "$tmp/qt.csv" 2> "$tmp/err" &&
    cells "$tmp/qt.xlsx" > "$tmp/qt.cells" &&
    has "$tmp/qt.cells" Overview B4 n 24 && has "$tmp/qt.cells" Overview B6 n 3
check "Qualtrics choice text: False, Survey Test, Spam left out; True, IP Address kept" $? \
    "$(cat "$tmp/err"; grep '^Overview	B[4-6]	' "$tmp/qt.cells")"

# LimeSurvey: a response without submitdate was never submitted
awk -F , -v OFS=, 'NR == 3 { $2 = "" } 1' $S/limesurvey.csv > "$tmp/l.csv"
"$bin/csat-sum" $def -o "$tmp/l.xlsx" "$tmp/l.csv" 2> "$tmp/err" &&
    cells "$tmp/l.xlsx" > "$tmp/l.cells" &&
    has "$tmp/l.cells" Overview B4 n 26 && has "$tmp/l.cells" Overview B6 n 1 &&
    has "$tmp/l.cells" Overview B5 n 0
check "LimeSurvey without submitdate: left out and counted, not a bad row" $? \
    "$(cat "$tmp/err"; grep '^Overview	B[4-6]	' "$tmp/l.cells")"
# Google Forms has no such column: an empty Timestamp is still a bad row
printf '%s\n,a@x.example,Orion Valves,Neutral,,,,,,\n' "$H" > "$tmp/g.csv"
"$bin/csat-sum" $def -o "$tmp/g.xlsx" "$tmp/g.csv" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "g.csv:2: no date" "$tmp/err"
check "Google Forms without a date: a bad row" $? "$(cat "$tmp/err")"
finish
