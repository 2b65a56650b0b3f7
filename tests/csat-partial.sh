#!/bin/sh
# csat-partial.sh BINDIR: csat-sum --partial writes the aggregates as
# records; partials merged give the one-run workbook byte for byte
# (comments, bad rows, rejected and skipped counts included), or cell for
# cell when one export is split by rows (then the file count differs, by
# design: each part is a file); broken or foreign partials are refused.
suite=csat-partial
. "$(dirname "$0")/lib.sh"
export LC_ALL=C SOURCE_DATE_EPOCH=1795737600
cells() { /usr/bin/python3 tests/xlsx-cells.py "$1"; }
S=samples/surveys
def="-d samples/survey.xml"
sum="$bin/csat-sum"

# the four exports in one run, and as three partials merged
"$sum" $def -o "$tmp/one.xlsx" $S/google-forms.csv $S/msforms-zh.csv \
    $S/limesurvey.csv $S/qualtrics.csv 2> "$tmp/err"
check "one run: exit 0" $? "$(cat "$tmp/err")"
"$sum" $def --partial -o "$tmp/p1.tsv" $S/google-forms.csv $S/msforms-zh.csv 2> "$tmp/err"
check "--partial -o FILE: exit 0" $? "$(cat "$tmp/err")"
"$sum" $def --partial < $S/limesurvey.csv > "$tmp/p2.tsv" 2> "$tmp/err"
check "--partial from stdin to stdout: exit 0" $? "$(cat "$tmp/err")"
"$sum" $def --partial -o - $S/qualtrics.csv > "$tmp/p3.tsv"
[ "$(head -1 "$tmp/p1.tsv")" = "#poreview-records 1" ] &&
    [ "$(tail -1 "$tmp/p1.tsv" | cut -f1,2,5-8)" = "$(printf 'csatpart\tcsat-2026\t2\t0\t0\t0')" ] &&
    tests/check-records.sh "$tmp/p1.tsv" "$tmp/p2.tsv" "$tmp/p3.tsv" > "$tmp/err"
check "a partial is a record stream of records.md's kinds, closed by csatpart" $? \
    "$(head -3 "$tmp/err"; tail -1 "$tmp/p1.tsv")"
! grep -v '^#' "$tmp/p1.tsv" | cut -f1 | grep -qv '^csat\(comment\|invited\|cell\|part\)$'
check "a partial holds only csatcomment, csatinvited, csatcell, csatpart" $?
[ "$(awk -F '\t' '$1 == "csatcell" && $4 == "responses" { n += $6 } END { print n }' "$tmp/p1.tsv")" -eq 63 ]
check "its responses cells add up to the 36 + 27 responses" $?
[ "$(grep -c '^csatcomment' "$tmp/p1.tsv")" -eq \
    "$(/usr/bin/python3 -c 'import csv, sys
n = 0
for f, col in ((sys.argv[1], "What should we improve?"), (sys.argv[2], "您希望我们改进什么？")):
    rows = list(csv.DictReader(open(f, encoding="utf-8-sig", newline="")))
    n += sum(1 for r in rows if (r.get(col) or "").strip())
print(n)' $S/google-forms.csv $S/msforms-zh.csv)" ]
check "every comment is in the partial (as Python's csv counts them)" $?
"$sum" $def -o "$tmp/merged.xlsx" "$tmp/p1.tsv" "$tmp/p2.tsv" "$tmp/p3.tsv" 2> "$tmp/err"
check "merging three partials: exit 0" $? "$(cat "$tmp/err")"
cmp -s "$tmp/one.xlsx" "$tmp/merged.xlsx"
check "the merged workbook is the one-run workbook, byte for byte" $?
cells "$tmp/merged.xlsx" | grep -c '^Comments	F' > "$tmp/n"
[ "$(cat "$tmp/n")" -gt 20 ] && cells "$tmp/one.xlsx" | grep -c '^Comments	F' | cmp -s - "$tmp/n"
check "... its comments among them ($(cat "$tmp/n") rows)" $?

# a tree: a partial of partials and an export, other labels and periods
"$sum" $def --period month --lang zh -o "$tmp/onem.xlsx" $S/google-forms.csv \
    $S/msforms-zh.csv $S/limesurvey.csv $S/qualtrics.csv
"$sum" $def --partial -o "$tmp/p12.tsv" "$tmp/p1.tsv" "$tmp/p2.tsv" &&
    "$sum" $def --period month --lang zh -o "$tmp/mm.xlsx" "$tmp/p12.tsv" $S/qualtrics.csv &&
    cmp -s "$tmp/onem.xlsx" "$tmp/mm.xlsx"
check "a partial of partials merged with an export: the one-run workbook (--period month --lang zh)" $?
gzip -c "$tmp/p2.tsv" > "$tmp/p2.tsv.gz"
"$sum" $def --format partial -o "$tmp/gz.xlsx" - "$tmp/p2.tsv.gz" "$tmp/p3.tsv" < "$tmp/p1.tsv" &&
    cmp -s "$tmp/one.xlsx" "$tmp/gz.xlsx"
check "--format partial on stdin, a gzipped partial: the same workbook" $?

# bad rows, rejected files and unfinished responses travel in the partial
printf 'Timestamp,Company name,How satisfied are you with us? [Price]\n1/5/2026 9:00:00,Orion Valves,Satisfied\n1/6/2026 9:00:00,Orion Valves,7\n1/7/2026 9:00:00,,Neutral\n' > "$tmp/bad.csv"
printf 'Timestamp,Company name\n1/5/2026 9:00:00,"Orion\n' > "$tmp/open.csv"
sed '6s/,100,\([0-9]*\),1,/,40,\1,0,/' $S/qualtrics.csv > "$tmp/q.csv"
"$sum" $def -o "$tmp/b1.xlsx" "$tmp/bad.csv" "$tmp/open.csv" "$tmp/q.csv" $S/google-forms.csv 2> /dev/null
"$sum" $def --partial -o "$tmp/b1.tsv" "$tmp/bad.csv" "$tmp/open.csv" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q 'bad.csv:3: price: 7 is outside the scale 1-5' "$tmp/err"
check "--partial reports bad rows as csat-sum does, exit 1" $? "status $st: $(cat "$tmp/err")"
"$sum" $def --partial -o "$tmp/b2.tsv" "$tmp/q.csv" $S/google-forms.csv &&
    "$sum" $def -o "$tmp/b2.xlsx" "$tmp/b1.tsv" "$tmp/b2.tsv" 2> "$tmp/err"
check "merging partials whose runs had bad rows: exit 0 (they were reported then)" $? "$(cat "$tmp/err")"
cells "$tmp/b2.xlsx" > "$tmp/b2.cells"
grep -q '^Overview	B5	n	2$' "$tmp/b2.cells" && grep -q '^Overview	B6	n	1$' "$tmp/b2.cells" &&
    grep -q '^Overview	B8	n	1$' "$tmp/b2.cells" && cmp -s "$tmp/b1.xlsx" "$tmp/b2.xlsx"
check "2 bad rows, 1 unfinished response, 1 rejected file carried: the one-run workbook" $? \
    "$(grep '^Overview	B[4-8]	' "$tmp/b2.cells")"

# one export split by rows into three files: the same cells but the count
# of files (3 parts are 3 files, the one run read 1)
head -1 $S/google-forms.csv > "$tmp/h"
tail -n +2 $S/google-forms.csv | awk -v d="$tmp" 'BEGIN { q = 0; p = 1 }
	{ print > (d "/rows" p ".body")
	  q += gsub(/"/, "\"")		# a record ends where its quotes pair
	  if (q % 2 == 0 && ++n % 12 == 0 && p < 3) p++ }'
for i in 1 2 3; do
	cat "$tmp/h" "$tmp/rows$i.body" > "$tmp/rows$i.csv"
	"$sum" $def --partial -o "$tmp/r$i.tsv" "$tmp/rows$i.csv" || echo "part $i failed"
done > "$tmp/err" 2>&1
"$sum" $def -o "$tmp/g1.xlsx" $S/google-forms.csv &&
    "$sum" $def -o "$tmp/g3.xlsx" "$tmp/r1.tsv" "$tmp/r2.tsv" "$tmp/r3.tsv" 2>> "$tmp/err"
check "one export in three parts by rows: partials and merge exit 0" $? "$(cat "$tmp/err")"
cells "$tmp/g1.xlsx" > "$tmp/g1.cells"
cells "$tmp/g3.xlsx" > "$tmp/g3.cells"
grep -q '^Overview	B7	n	1$' "$tmp/g1.cells" && grep -q '^Overview	B7	n	3$' "$tmp/g3.cells"
check "... files summarised: 1 in one run, 3 merged (each part is a file)" $?
grep -v '^Overview	B7	' "$tmp/g1.cells" > "$tmp/a"
grep -v '^Overview	B7	' "$tmp/g3.cells" > "$tmp/b"
[ "$(wc -l < "$tmp/a")" -gt 200 ] && diff "$tmp/a" "$tmp/b" > "$tmp/d"
check "... every other cell the same as openpyxl reads them ($(wc -l < "$tmp/a") cells)" $? "$(head "$tmp/d")"

# broken and foreign partials are refused whole, the rest merged:
# merge FILE...: the workbook x.xlsx of them, $st its status, x.cells and err
merge() {
	"$sum" $def -o "$tmp/x.xlsx" "$@" 2> "$tmp/err"
	st=$?
	cells "$tmp/x.xlsx" > "$tmp/x.cells"
}
head -n 20 "$tmp/p1.tsv" > "$tmp/cut.tsv"
merge "$tmp/cut.tsv" "$tmp/p3.tsv"
[ $st -eq 1 ] && grep -q "cut.tsv:20: cut short: no csatpart record at its end" "$tmp/err" &&
    grep -q '^Overview	B4	n	27$' "$tmp/x.cells"
check "a partial cut short: refused whole, exit 1, the other merged" $? "status $st: $(cat "$tmp/err")"
sed 's/Customer satisfaction survey 2026/Customer satisfaction 2026/' samples/survey.xml > "$tmp/s2.xml"
"$sum" -d "$tmp/s2.xml" -o "$tmp/x.xlsx" "$tmp/p1.tsv" 2> "$tmp/err"
st=$?
[ $st -eq 4 ] && grep -q "p1.tsv:[0-9]*: made with another survey definition" "$tmp/err"
check "a partial made with another survey definition: exit 4" $? "status $st: $(cat "$tmp/err")"
awk -F '\t' -v OFS='\t' '$1 == "csatcell" && !done { $9 = $6 + 1; done = 1 } 1' "$tmp/p3.tsv" > "$tmp/sums.tsv"
"$sum" $def -o "$tmp/x.xlsx" "$tmp/sums.tsv" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "sums.tsv:[0-9]*: a rated cell whose sums do not fit its n and scale" "$tmp/err"
check "a cell with more top-two answers than answers: refused, exit 1" $? "$(cat "$tmp/err")"
{ head -1 "$tmp/p3.tsv"; printf 'capacity\tS1/2026-W01\tS1\t2026-W01\t1\t0\t5\n'; tail -n +2 "$tmp/p3.tsv"; } > "$tmp/kind.tsv"
"$sum" $def -o "$tmp/x.xlsx" "$tmp/kind.tsv" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "kind.tsv:2: a 'capacity' record is no part of csat-sum partial aggregates" "$tmp/err"
check "a record of another kind: refused, exit 1" $? "$(cat "$tmp/err")"
tail -n +2 "$tmp/p3.tsv" > "$tmp/nohead.tsv"
"$sum" $def --format partial -o "$tmp/x.xlsx" "$tmp/nohead.tsv" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "nohead.tsv:1: not csat-sum partial aggregates" "$tmp/err"
check "--format partial on a stream without its header: exit 1" $? "$(cat "$tmp/err")"

# counts and sums: whole numbers from 0 to 2^53, and so are their merged
# totals (past 2^53 a double loses whole numbers; 1,024 cells near it pass
# a long): a partial that breaks that is refused at its line, the rest merged
close=$(tail -1 "$tmp/p3.tsv")
{ echo '#poreview-records 1'
  awk 'BEGIN { for (i = 0; i < 17000; i++)
	printf "csatcell\tOrion Valves\t2026-01\tresponses\t\t9007199254740000\t0\t0\t0\t0\t0\n" }'
  printf '%s\n' "$close"; } > "$tmp/big.tsv"
merge "$tmp/big.tsv" "$tmp/p3.tsv"
[ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^csat-sum: $tmp/big.tsv:3: a responses cell whose n would pass 2^53 (9007199254740992) once merged" "$tmp/err" &&
    grep -q '^Overview	B4	n	27$' "$tmp/x.cells" && ! grep -q 'Orion Valves' "$tmp/x.cells"
check "17,000 cells near 2^53: refused at the one that passes 2^53, exit 1, the other partial merged" $? \
    "status $st: $(head -3 "$tmp/err"; grep '^Overview	B4	' "$tmp/x.cells")"
{ echo '#poreview-records 1'
  printf 'csatcell\tOrion Valves\t2026-01\tresponses\t\t9007199254740000\t0\t0\t0\t0\t0\n'
  printf '%s\n' "$close"; } > "$tmp/big1.tsv"
merge "$tmp/big1.tsv" "$tmp/big1.tsv" "$tmp/p3.tsv"
[ $st -eq 1 ] && grep -q "big1.tsv:2: a responses cell whose n would pass 2^53" "$tmp/err" &&
    grep -q '^Overview	B4	n	9007199254740027$' "$tmp/x.cells" &&
    grep -q '^Overview	B8	n	1$' "$tmp/x.cells"
check "two partials whose total passes 2^53: the second refused, the first and the other merged" $? \
    "status $st: $(cat "$tmp/err"; grep '^Overview	B[48]	' "$tmp/x.cells")"
for bad in 1.5:n 9007199254740993:n -1:n 1e3:n 12x:sumsq; do
	v=${bad%%:*}; col=${bad#*:}
	awk -F '\t' -v OFS='\t' -v v="$v" -v col="$col" '$1 == "csatcell" && $4 == "rated" && !done {
		if (col == "n") $6 = v; else $8 = v; done = 1 } 1' "$tmp/p3.tsv" > "$tmp/num.tsv"
	line=$(grep -n "	$v	" "$tmp/num.tsv" | head -1 | cut -d: -f1)
	merge "$tmp/num.tsv" "$tmp/p2.tsv"
	[ $st -eq 1 ] && grep -q "^csat-sum: $tmp/num.tsv:$line: $col '$v' is not a whole number from 0 to 2^53" "$tmp/err" &&
	    grep -q '^Overview	B4	n	27$' "$tmp/x.cells"
	check "a cell's $col '$v': refused at its line, exit 1, the other partial merged" $? "status $st: $(cat "$tmp/err")"
done
for v in 9223372036854775807 9007199254740992; do
	awk -F '\t' -v OFS='\t' -v v=$v '$1 == "csatinvited" && !done { $5 = v; done = 1 } 1' \
	    "$tmp/p3.tsv" > "$tmp/inv.tsv"
	line=$(grep -n '^csatinvited' "$tmp/inv.tsv" | head -1 | cut -d: -f1)
	merge "$tmp/inv.tsv" "$tmp/inv.tsv"
	if [ $v = 9007199254740992 ]; then
		[ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
		    grep -q "inv.tsv:$line: responses would pass 2^53 (9007199254740992) once merged" "$tmp/err"
	else
		[ $st -eq 1 ] && grep -q "inv.tsv:$line: responses '$v' is not a whole number from 0 to 2^53" "$tmp/err"
	fi
	check "an invitation period's responses $v twice: refused at its line, exit 1" $? "$(cat "$tmp/err")"
done
awk -F '\t' -v OFS='\t' '$1 == "csatpart" { $5 = "9007199254740992" } 1' "$tmp/p3.tsv" > "$tmp/files.tsv"
merge "$tmp/files.tsv" "$tmp/files.tsv"
[ $st -eq 1 ] && grep -q "files.tsv:[0-9]*: files would pass 2^53 (9007199254740992) once merged" "$tmp/err" &&
    grep -q '^Overview	B7	n	9007199254740992$' "$tmp/x.cells"
check "the files counted past 2^53 by two partials: the second refused" $? "status $st: $(cat "$tmp/err")"

# a partial written before csatpart had its repeats column still merges
awk -F '\t' -v OFS='\t' '$1 == "csatpart" { NF = 8 } 1' "$tmp/p3.tsv" > "$tmp/old.tsv"
merge "$tmp/old.tsv" "$tmp/p2.tsv"
[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q '^Overview	B4	n	54$' "$tmp/x.cells"
check "a partial without csatpart's repeats (written before it): merged, exit 0" $? "status $st: $(cat "$tmp/err")"

# a partial of nothing: a header-only export
head -1 $S/google-forms.csv > "$tmp/empty.csv"
"$sum" $def --partial -o "$tmp/empty.tsv" "$tmp/empty.csv" 2> "$tmp/err" &&
    [ ! -s "$tmp/err" ] && [ "$(grep -vc '^#' "$tmp/empty.tsv")" -eq 4 ]
check "--partial of an export without responses: exit 0, no message (no sanitizer report), its invitations and csatpart" $? \
    "$(head -5 "$tmp/err")"

# the output
"$sum" $def --partial $S/qualtrics.csv > /dev/full 2> "$tmp/err"
check "--partial to /dev/full: exit 3" $(( $? != 3 )) "$(cat "$tmp/err")"
mkdir "$tmp/dir.tsv"
"$sum" $def --partial -o "$tmp/dir.tsv" $S/qualtrics.csv 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "not a regular file" "$tmp/err" && [ -z "$(ls -A "$tmp/dir.tsv")" ]
check "--partial -o a folder: refused, exit 3" $? "$(cat "$tmp/err")"
"$sum" $def --partial -o "$tmp/m.tsv" "$tmp/missing.csv" $S/qualtrics.csv 2> "$tmp/err"
[ $? -eq 3 ] && [ "$(tail -1 "$tmp/m.tsv" | cut -f5,6)" = "$(printf '1\t1')" ] &&
    [ -z "$(ls -A "$tmp" | grep '^\.csat-sum')" ]
check "--partial with a missing file: exit 3, the rest written, no temporary left" $? "$(cat "$tmp/err")"
# no response at all: no cells to sort (qsort of NULL was undefined; the
# survey fuzzer found it, tests/fuzz/regress/survey/empty)
: > "$tmp/empty.csv"
"$sum" $def --partial -o "$tmp/e.tsv" "$tmp/empty.csv" 2> "$tmp/err"
[ $? -eq 1 ] && ! grep -q 'runtime error' "$tmp/err" &&
    [ "$(tail -1 "$tmp/e.tsv" | cut -f5,6)" = "$(printf '0\t1')" ]
check "--partial of an empty export: refused, exit 1, the partial written without cells" $? "$(cat "$tmp/err")"
finish
