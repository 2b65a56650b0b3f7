#!/bin/sh
# keep.sh BINDIR: a workbook already there is never destroyed by a run
# that fails (a missing input, a folder, a file of the wrong kind, no
# reviewed records): po-sheet and csat-sum leave it byte-identical and say
# why; and a number no spreadsheet can hold (1e999, inf, nan) goes in as
# text, said once, in a workbook openpyxl reads.
suite=keep
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml --today 2026-11-27"
py=/usr/bin/python3
o1=samples/orders/ubl-001-euro-appliance.xml

"$bin/po-parse" "$o1" | "$bin/po-check" $cat > "$tmp/1.rev"
SOURCE_DATE_EPOCH=1795737600 "$bin/po-sheet" -o "$tmp/signed.xlsx" "$tmp/1.rev"
cp "$tmp/signed.xlsx" "$tmp/signed.orig"
mkdir "$tmp/folder"
# untouched CMD... : the workbook there is the one before, and no
# temporary file is left beside it
untouched() {
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	cmp -s "$tmp/signed.xlsx" "$tmp/signed.orig" &&
	    [ -z "$(ls -A "$tmp" | grep '^\.\(po-sheet\|csat-sum\)')" ]
}
untouched "$bin/po-sheet" -o "$tmp/signed.xlsx" "$tmp/missing.tsv"
[ $? -eq 0 ] && [ $rc -eq 3 ] &&
    grep -q "cannot read '.*missing.tsv': No such file or directory; '.*signed.xlsx' not written" "$tmp/err"
check "po-sheet with a missing input: exit 3, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"
untouched "$bin/po-sheet" -o "$tmp/signed.xlsx" "$tmp/1.rev" "$tmp/folder"
[ $? -eq 0 ] && [ $rc -eq 3 ] && grep -q "cannot read '.*folder': a folder; " "$tmp/err"
check "po-sheet with a folder among its inputs: exit 3, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"
untouched "$bin/po-sheet" -o "$tmp/signed.xlsx" "$o1"
[ $? -eq 0 ] && [ $rc -eq 1 ] && grep -q "XML, not a record stream" "$tmp/err" &&
    grep -q "no reviewed records (po-check's output): '.*signed.xlsx' not written" "$tmp/err"
check "po-sheet given an XML order: exit 1, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"
untouched "$bin/po-sheet" -o "$tmp/signed.xlsx" /dev/null
[ $? -eq 0 ] && [ $rc -eq 1 ] && grep -q "empty: not a record stream" "$tmp/err"
check "po-sheet given an empty file: exit 1, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"
untouched "$bin/csat-sum" -d samples/survey.xml -o "$tmp/signed.xlsx" "$tmp/missing.csv"
[ $? -eq 0 ] && [ $rc -eq 3 ] &&
    grep -q "cannot read '.*missing.csv': No such file or directory; '.*signed.xlsx' not written" "$tmp/err"
check "csat-sum with a missing input: exit 3, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"
untouched "$bin/csat-sum" -d samples/survey.xml -o "$tmp/signed.xlsx" samples/surveys/google-forms.csv "$tmp/folder"
[ $? -eq 0 ] && [ $rc -eq 3 ] && grep -q "a folder; " "$tmp/err"
check "csat-sum with a folder among its inputs: exit 3, the workbook there byte-identical" $? "exit $rc: $(head -3 "$tmp/err")"

# numbers no cell can hold
for q in 1e999 inf nan -1e400; do
	"$bin/po-parse" "$o1" | awk -F '\t' -v OFS='\t' -v q="$q" \
	    '$1 == "line" && $4 == 1 { $6 = q } { print }' |
	    "$bin/po-check" $cat > "$tmp/q.rev"
	"$bin/po-sheet" -o "$tmp/q.xlsx" "$tmp/q.rev" 2> "$tmp/err"
	rc=$?
	$py tests/xlsx-cells.py "$tmp/q.xlsx" > "$tmp/cells" 2> "$tmp/perr"
	prc=$?
	[ $rc -eq 0 ] && [ $prc -eq 0 ] && grep -q "^Lines	G2	s	$q$" "$tmp/cells" &&
	    [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
	    grep -q "^po-sheet: warning: [0-9]* numbers* no spreadsheet can hold ('$q'" "$tmp/err" &&
	    ! unzip -p "$tmp/q.xlsx" | grep -q "<v>[-]*\(INF\|inf\|NAN\|nan\)"
	check "a quantity of $q: a text cell, a readable workbook, one warning" $? \
	    "exit $rc/$prc: $(cat "$tmp/err" "$tmp/perr" | head -3; grep '^Lines	G2' "$tmp/cells")"
done
finish
