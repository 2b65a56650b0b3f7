#!/bin/sh
# stream.sh BINDIR: the record stream between the filters stays whole.  A
# document cut, split by a foreign record, without its last newline, over
# a bound or not yet at the stage a filter reads is refused by its order
# key (exit 1) and never reviewed, shown or committed in part; the other
# documents go on.  An input that is no stream at all (empty, XML, CRLF)
# is said once.  The largest order po-parse takes goes through every
# filter.
suite=stream
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml --today 2026-11-27"
o40=samples/orders/ubl-009-iberia-distribution-40lines.xml
o1=samples/orders/ubl-001-euro-appliance.xml
k40=0088:8436123400052/IBC/PO/26/1207

"$bin/po-parse" "$o40" > "$tmp/40.tsv"
"$bin/po-parse" "$o1" > "$tmp/1.tsv"
"$bin/po-check" $cat "$tmp/40.tsv" > "$tmp/40.rev"
"$bin/po-check" $cat "$tmp/1.tsv" > "$tmp/1.rev"
verdicts() { awk -F '\t' '$1 == "verdict" { print $2, $4 }' "$@"; }

# a stream cut after 5 of the order's 40 line records
awk -F '\t' '$1 == "line" && ++n > 5 { exit } { print }' "$tmp/40.tsv" > "$tmp/cut.tsv"
"$bin/po-check" $cat "$tmp/cut.tsv" "$tmp/1.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
    grep -q "^po-check: .*cut.tsv:2: order '$k40' (document [0-9a-f]*): its order record says 40 line records, 5 came: the document was cut or split; not handled$" "$tmp/err" &&
    [ "$(verdicts "$tmp/out")" = "$(verdicts "$tmp/1.rev")" ] &&
    ! grep -q "$k40" "$tmp/out"
check "a stream cut after 5 of 40 lines: that order refused by key, exit 1, the next reviewed" $? \
    "exit $rc: $(cat "$tmp/err"; verdicts "$tmp/out")"

# a reviewed stream cut before the verdict: po-sheet and po-ledger refuse it
grep -v '^verdict' "$tmp/40.rev" > "$tmp/noverdict.rev"
echo "old workbook" > "$tmp/keep.xlsx"
"$bin/po-sheet" -o "$tmp/keep.xlsx" "$tmp/noverdict.rev" "$tmp/1.rev" 2> "$tmp/err"
rc=$?
/usr/bin/python3 tests/xlsx-cells.py "$tmp/keep.xlsx" > "$tmp/cells" 2>&1
[ $rc -eq 1 ] && grep -q "order '$k40' .*it has no verdict: its review was cut; not handled" "$tmp/err" &&
    ! grep -q "IBC/PO/26/1207" "$tmp/cells" && grep -q "^Summary	A2	s	" "$tmp/cells"
check "a review cut before its verdict: po-sheet leaves the order out, names it, exit 1" $? \
    "exit $rc: $(head -3 "$tmp/err")"
"$bin/po-ledger" init "$tmp/l.db" 2> /dev/null
"$bin/po-ledger" commit "$tmp/l.db" "$tmp/1.rev" "$tmp/noverdict.rev" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "order '$k40' .*no verdict" "$tmp/err" &&
    grep -q "nothing committed" "$tmp/err" &&
    [ "$(sqlite3 "$tmp/l.db" 'SELECT count(*) FROM document')" = 0 ]
check "a review cut before its verdict: po-ledger names it and commits nothing" $? \
    "exit $rc: $(head -3 "$tmp/err")"

# the last record without its newline
printf '%s' "$(cat "$tmp/1.tsv")" > "$tmp/nonl.tsv"
n=$(grep -c . "$tmp/nonl.tsv")
"$bin/po-check" $cat "$tmp/nonl.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "nonl.tsv:$n: the stream ends inside a record (no newline after its last line): it was cut" "$tmp/err" &&
    ! grep -q '^verdict' "$tmp/out"
check "a last record without its newline: refused at its line, the order not reviewed" $? \
    "exit $rc: $(head -3 "$tmp/err")"

# one stray record of another document inside an order
awk -F '\t' -v OFS='\t' '$1 == "line" && ++n == 3 { s = $0; $3 = "00000000ffffffff"; print }
    { print }' "$tmp/40.tsv" > "$tmp/stray.tsv"
"$bin/po-check" $cat "$tmp/stray.tsv" "$tmp/1.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
    grep -q "stray.tsv:2: order '$k40' (document [0-9a-f]*): a 'line' record of document 00000000ffffffff stands inside it (line [0-9]*): the stream is mixed; not handled" "$tmp/err" &&
    ! grep -q "$k40" "$tmp/out" && [ "$(verdicts "$tmp/out")" = "$(verdicts "$tmp/1.rev")" ]
check "a stray record inside an order: the order refused by key, not reviewed without its lines" $? \
    "exit $rc: $(head -3 "$tmp/err")"
awk -F '\t' -v OFS='\t' '$1 == "finding" && ++n == 2 { $3 = "00000000ffffffff" } { print }' \
    "$tmp/40.rev" > "$tmp/stray.rev"
"$bin/po-ledger" commit "$tmp/l.db" "$tmp/1.rev" "$tmp/stray.rev" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "order '$k40' .*stands inside it" "$tmp/err" &&
    [ "$(sqlite3 "$tmp/l.db" 'SELECT count(*) FROM document')" = 0 ]
check "a stray record in a reviewed stream: po-ledger names the order, commits nothing" $? \
    "exit $rc: $(head -3 "$tmp/err")"

# a record with no order before it
{ echo '#poreview-records 1'; grep '^line' "$tmp/40.tsv" | head -1
    grep -v '^#' "$tmp/1.tsv"; } > "$tmp/orphan.tsv"
"$bin/po-check" $cat "$tmp/orphan.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "orphan.tsv:2: a 'line' record of order '$k40' outside its document (no order record before it): dropped" "$tmp/err" &&
    [ "$(grep -v '^#' "$tmp/out")" = "$(grep -v '^#' "$tmp/1.rev")" ]
check "a line record of no document is reported, not passed on" $? "exit $rc: $(head -3 "$tmp/err")"

# a document dropped as damaged leaves nothing in the next one's output
{ cat "$tmp/cut.tsv"; grep -v '^#' "$tmp/1.tsv"; } > "$tmp/cut-then.tsv"
"$bin/po-check" $cat "$tmp/cut-then.tsv" > "$tmp/out" 2> /dev/null
[ "$(grep -v '^#' "$tmp/out")" = "$(grep -v '^#' "$tmp/1.rev")" ]
check "after a damaged order the next one's output is its own alone" $? \
    "$(diff "$tmp/out" "$tmp/1.rev" | head -5)"

# streams at the wrong stage
"$bin/po-ledger" commit "$tmp/l.db" "$tmp/1.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "order '.*' was not reviewed (no run record of po-check's before it): run po-check first" "$tmp/err" &&
    [ "$(sqlite3 "$tmp/l.db" 'SELECT count(*) FROM document')" = 0 ]
check "po-ledger commit of a po-parse stream: run po-check first, nothing committed" $? \
    "exit $rc: $(head -3 "$tmp/err")"
cp "$tmp/keep.xlsx" "$tmp/keep0.xlsx"
"$bin/po-sheet" -o "$tmp/keep.xlsx" "$tmp/1.tsv" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && cmp -s "$tmp/keep.xlsx" "$tmp/keep0.xlsx" &&
    grep -q "run po-check first" "$tmp/err" && grep -q "not written" "$tmp/err" &&
    [ -z "$(ls -A "$tmp" | grep '^\.po-sheet')" ]
check "po-sheet of a po-parse stream: run po-check first, the workbook there untouched" $? \
    "exit $rc: $(head -3 "$tmp/err")"
"$bin/po-sheet" -o "$tmp/keep.xlsx" < /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && cmp -s "$tmp/keep.xlsx" "$tmp/keep0.xlsx" &&
    grep -q "<stdin>: empty: not a record stream" "$tmp/err"
check "po-sheet </dev/null: empty, the workbook there untouched" $? "exit $rc: $(head -3 "$tmp/err")"
cat "$tmp/40.rev" "$tmp/1.rev" | "$bin/po-check" $cat > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
    grep -q "<stdin>:2: this stream was reviewed already (a 'run' record of po-check's)" "$tmp/err" &&
    ! grep -q '^verdict' "$tmp/out"
check "po-check over its own output: said once, nothing reviewed twice" $? \
    "exit $rc: $(head -3 "$tmp/err")"
grep -v '^run' "$tmp/40.rev" | "$bin/po-check" $cat > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
    grep -q "a 'finding' record of po-check's" "$tmp/err" && ! grep -q '^verdict' "$tmp/out"
check "po-check over reviewed records without their run record: said once" $? \
    "exit $rc: $(head -3 "$tmp/err")"
"$bin/po-check" $cat "$o40" "$tmp/1.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] &&
    grep -q "ubl-009-iberia-distribution-40lines.xml: XML, not a record stream (po-parse reads XML orders" "$tmp/err" &&
    [ "$(verdicts "$tmp/out")" = "$(verdicts "$tmp/1.rev")" ]
check "an XML order given to po-check: said once, the next file reviewed" $? \
    "exit $rc: $(head -3 "$tmp/err")"
gzip -c "$tmp/1.tsv" > "$tmp/1.tsv.gz"
"$bin/po-check" $cat "$tmp/1.tsv.gz" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] && grep -q "gzip data, not a record stream" "$tmp/err"
check "a gzip stream given to po-check: said once" $? "exit $rc: $(head -3 "$tmp/err")"

# CRLF line ends: said the same by every filter, once
sed 's/$/\r/' "$tmp/1.tsv" > "$tmp/crlf.tsv"
sed 's/$/\r/' "$tmp/1.rev" > "$tmp/crlf.rev"
"$bin/po-check" $cat "$tmp/crlf.tsv" > "$tmp/out" 2> "$tmp/e1"; r1=$?
"$bin/po-sheet" -o "$tmp/crlf.xlsx" "$tmp/crlf.rev" 2> "$tmp/e2"; r2=$?
"$bin/po-ledger" commit "$tmp/l.db" "$tmp/crlf.rev" > /dev/null 2> "$tmp/e3"; r3=$?
want="crlf\.[a-z]*:1: CRLF line ends (a file saved as DOS text?): records end with LF alone"
[ $r1 -eq 1 ] && [ $r2 -eq 1 ] && [ $r3 -eq 1 ] &&
    grep -q "^po-check: .*$want" "$tmp/e1" && [ "$(grep -c . "$tmp/e1")" -eq 1 ] &&
    grep -q "^po-sheet: .*$want" "$tmp/e2" && grep -q "^po-ledger: .*$want" "$tmp/e3" &&
    ! grep -q '^verdict' "$tmp/out" && [ ! -e "$tmp/crlf.xlsx" ] &&
    [ "$(sqlite3 "$tmp/l.db" 'SELECT count(*) FROM document')" = 0 ]
check "CRLF streams: po-check, po-sheet and po-ledger say so at line 1, once, and take nothing" $? \
    "exit $r1 $r2 $r3: $(cat "$tmp/e1" "$tmp/e2" "$tmp/e3")"

# only init makes a ledger
"$bin/po-ledger" commit "$tmp/typo.db" "$tmp/1.rev" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && [ ! -e "$tmp/typo.db" ] &&
    grep -q "cannot open ledger '.*typo.db': No such file or directory (po-ledger init makes one)" "$tmp/err"
check "po-ledger commit to a mistyped ledger: refused, no ledger made" $? "exit $rc: $(head -3 "$tmp/err")"
: > "$tmp/empty.db"
"$bin/po-ledger" commit "$tmp/empty.db" "$tmp/1.rev" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 4 ] && [ ! -s "$tmp/empty.db" ] && grep -q "po-ledger init makes one" "$tmp/err"
check "po-ledger commit to an empty file: refused, it stays empty" $? "exit $rc: $(head -3 "$tmp/err")"

# the largest orders po-parse takes go through every filter: 20,000
# lines of the 40-line sample (about 25 MB of XML, near the 16 MiB bound)
/usr/bin/python3 - "$o40" 20000 "$tmp/big.xml" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
m = list(re.finditer(r'<cac:OrderLine>.*?</cac:OrderLine>', src, re.S))
n = int(sys.argv[2])
with open(sys.argv[3], 'w', encoding='utf-8') as out:
    out.write(src[:m[0].start()])
    for i in range(n):
        out.write(re.sub(r'(<cac:LineItem>\s*<cbc:ID>)[^<]*',
                         lambda x: x.group(1) + str(i + 1),
                         m[i % len(m)].group(0), count=1))
    out.write(src[m[-1].end():])
EOF
"$bin/po-parse" "$tmp/big.xml" > "$tmp/big.tsv" 2> "$tmp/err" &&
    "$bin/po-check" $cat "$tmp/big.tsv" > "$tmp/big.rev" 2>> "$tmp/err" &&
    "$bin/po-ledger" init "$tmp/big.db" 2>> "$tmp/err" &&
    "$bin/po-ledger" commit "$tmp/big.db" "$tmp/big.rev" > /dev/null 2>> "$tmp/err" &&
    SOURCE_DATE_EPOCH=1795737600 "$bin/po-sheet" --lang en -o "$tmp/big.xlsx" "$tmp/big.rev" 2>> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^line' "$tmp/big.tsv")" -eq 20000 ] &&
    [ "$(sqlite3 "$tmp/big.db" "SELECT verdict FROM document WHERE order_key = '$k40'")" = special ] &&
    [ "$(sqlite3 "$tmp/big.db" "SELECT printf('%.2f', amount) FROM document")" = \
      "$(awk -F '\t' '$1 == "verdict" { print $8 }' "$tmp/big.rev")" ]
check "a 20,000-line order: parsed, reviewed, committed with its verdict and written" $? \
    "exit $rc: $(head -3 "$tmp/err")"
/usr/bin/python3 -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
row = next(wb['Summary'].iter_rows(min_row=2, max_row=2, values_only=True))
lines = wb['Lines'].max_row
sys.exit(0 if row[7] == 'special' and row[5] == 20000 and lines == 20001 else 1)" "$tmp/big.xlsx" 2> "$tmp/err"
check "a 20,000-line order: the workbook shows its verdict and its 20,000 lines" $? "$(cat "$tmp/err")"
finish
