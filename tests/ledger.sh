#!/bin/sh
# ledger.sh BINDIR: po-ledger init, commit, list; po-check's history checks
# with --ledger (new customers, duplicates and changes across runs,
# committed load); schema versions, and what is refused.
suite=ledger
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml"
db=$tmp/ledger.db

"$bin/po-ledger" init "$db" > "$tmp/out" 2>&1
check "init makes a ledger" $? "$(cat "$tmp/out")"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = 6 ]
check "its schema version is user_version 6" $?
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ]
check "it is in WAL mode" $?

"$bin/po-parse" samples/history/* | "$bin/po-check" $cat --today 2026-10-15 \
    > "$tmp/history.tsv"
"$bin/po-ledger" commit --today 2026-10-15 "$db" "$tmp/history.tsv" > "$tmp/out" 2>&1
check "commit the sample history" $? "$(cat "$tmp/out")"
grep -q "^committed 4 order documents" "$tmp/out"
check "four orders committed" $? "$(cat "$tmp/out")"
"$bin/po-ledger" commit --today 2026-10-16 "$db" "$tmp/history.tsv" > "$tmp/out" 2>&1
grep -q "^committed 0 order documents .* (4 already there)" "$tmp/out"
check "committing the same orders again changes nothing" $? "$(cat "$tmp/out")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM document')" = 4 ] &&
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM customer')" = 4 ] &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM document WHERE committed = '2026-10-15'")" = 4 ]
check "4 documents, 4 customers, first commit's date kept" $?
"$bin/po-ledger" list "$db" load > "$tmp/load"
grep -q "^HX-TM-F250	2027-W01	400000" "$tmp/load"
check "list load: committed load per product and week" $? "$(cat "$tmp/load")"
"$bin/po-ledger" list "$db" > "$tmp/orders"
[ "$(grep -vc '^#' "$tmp/orders")" = 4 ]
check "list orders" $?

# the sample batch against the history
"$bin/po-parse" samples/orders/* | "$bin/po-check" $cat --ledger "$db" \
    --today 2026-11-27 > "$tmp/checked" 2> "$tmp/err"
check "po-check --ledger reviews the samples" $? "$(cat "$tmp/err")"
"$top/tests/check-records.sh" "$tmp/checked"
check "the stream matches records.md" $?
awk -F '\t' '$1 == "run" { print $11 }' "$tmp/checked" | grep -q ledger.db
check "the run record names the ledger" $?
awk -F '\t' '$1 == "order" { n[$3] = $8 } $1 == "verdict" && $4 == "regular" {
    print n[$3] }' "$tmp/checked" | sort > "$tmp/regular"
printf '%s\n' LCI-PO-66021 MD-CG-20261123-041 PWT-88410 VDB-26-004530 |
    sort | diff - "$tmp/regular" > "$tmp/d"
check "repeat orders from known customers stay regular" $? "$(cat "$tmp/d")"
awk -F '\t' '$1 == "order" { n[$3] = $8 } $1 == "finding" &&
    $5 == "new-customer" { print n[$3] }' "$tmp/checked" > "$tmp/new"
[ "$(wc -l < "$tmp/new")" -eq 17 ] && ! grep -q 'VDB-26-004417' "$tmp/new"
check "first orders of 17 new customers are special (Van den Berg is known)" $? \
    "$(cat "$tmp/new")"
# the history's orders were reviewed and never decided: their load is
# tentative (column 8), none committed (column 6)
grep -q "^capacity	HX-TM-F250/2027-W01	HX-TM-F250	2027-W01	400000	0	[0-9]*	400000$" "$tmp/checked"
check "capacity records carry the ledger's load: undecided orders' as tentative" $? \
    "$(grep "^capacity	HX-TM-F250/2027-W01" "$tmp/checked")"
"$bin/po-sheet" --lang en -o "$tmp/cap.xlsx" "$tmp/checked" 2> "$tmp/err" &&
    /usr/bin/python3 - "$tmp/cap.xlsx" > "$tmp/row" 2>&1 <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Capacity']
head = [c.value for c in ws[1]]
assert head == ['Product', 'ISO week', 'Demand', 'Committed', 'Tentative',
                'Capacity per week', 'Utilisation'], head
row = [[c.value for c in r] for r in ws.iter_rows(min_row=2)
       if r[0].value == 'HX-TM-F250' and r[1].value == '2027-W01']
print(row)
assert row == [['HX-TM-F250', '2027-W01', 400000, 0, 400000, 2000000, 0.4]]
PY
check "po-sheet's Capacity: committed and tentative columns, utilisation of both" $? \
    "$(cat "$tmp/err" "$tmp/row")"

# the same order again, and a changed one, across runs
"$bin/po-parse" samples/history/cxml-h01-pacific-wire-october.xml |
    "$bin/po-check" $cat --ledger "$db" --today 2026-11-27 > "$tmp/again"
grep -q "^finding.*	duplicate	review	sales	.*already in the ledger with the same content" "$tmp/again"
check "a document already committed is a duplicate" $?
! grep -q '^load	' "$tmp/again" && ! grep -q '^capacity	' "$tmp/again"
check "its load is counted once, in the ledger: no load, no demand" $? \
    "$(grep '^load\|^capacity' "$tmp/again")"
sed 's/quantity="400"/quantity="500"/' samples/history/cxml-h01-pacific-wire-october.xml \
    > "$tmp/changed.xml"
"$bin/po-parse" "$tmp/changed.xml" |
    "$bin/po-check" $cat --ledger "$db" --today 2026-11-27 > "$tmp/again"
grep -q "^finding.*	changed	review	sales	" "$tmp/again"
check "the same order number with other content is a change" $?
! grep -q "new-customer" "$tmp/again"
check "a known customer is not new" $?

# an export-control hit: the verdict reject is committed and listed
"$bin/po-ledger" init "$tmp/reject.db" > /dev/null
(cd tests/cases/po-check/160-export-control-reject &&
    "$bin/po-check" --catalog "$top/samples/catalog.xml" \
    --rules "$top/samples/rules.xml" --today 2026-11-27 stdin) |
    "$bin/po-ledger" commit --today 2026-11-27 "$tmp/reject.db" > "$tmp/out" 2>&1
check "commit two rejected orders" $? "$(cat "$tmp/out")"
"$bin/po-ledger" list "$tmp/reject.db" | awk -F '\t' '!/^#/ { print $3, $6 }' \
    > "$tmp/orders"
printf 'PO-1000 reject\nPO-1001 reject\n' | diff - "$tmp/orders" > "$tmp/d"
check "list orders shows the verdict reject" $? "$(cat "$tmp/d")"
"$bin/po-ledger" list "$tmp/reject.db" history 0088:4012345000009/PO-1001 |
    awk -F '\t' '!/^#/ { print $6 }' | grep -qx reject
check "list history shows it too" $?

# the ledger's load counts against capacity: 59,000 + 2,000 > 60,000
awk -F '\t' -v OFS='\t' '$1 != "#poreview-records 1" && $1 != "" {
    gsub(/PO-1000/, "PO-2000"); gsub(/c712c503881161d0/, "2000200020002000")
    if ($1 == "line") { $6 = 59000; $10 = "73750.00" } } { print }' \
    tests/cases/po-check/101-regular-order/stdin |
    "$bin/po-check" $cat --today 2026-11-27 > "$tmp/big"
"$bin/po-ledger" commit --today 2026-11-27 "$db" "$tmp/big" > /dev/null
"$bin/po-check" $cat --ledger "$db" --today 2026-11-27 \
    tests/cases/po-check/101-regular-order/stdin > "$tmp/cap"
grep -q "^finding.*	capacity	review	production		quantity	Week 2027-W10: HX-PC-E1810 is booked 1000 over its weekly capacity of 60000 once the tentative load of orders reviewed but not yet accepted (59000) is counted" "$tmp/cap"
check "an undecided order's load leaves less capacity for the batch, and the finding says it is tentative" $? \
    "$(grep '^finding' "$tmp/cap")"

# the committed load stays with its week while the batch adds weeks of
# the product before and after it, out of order
"$bin/po-check" $cat --ledger "$db" --today 2026-11-27 \
    tests/cases/po-check/155-capacity-many-weeks-sorted/stdin |
    awk -F '\t' '$1 == "capacity" { print $3, $4, $5, $6 + $8 }' > "$tmp/weeks"
cat > "$tmp/expect" <<EOF
HX-CN-M12A4 2027-W02 700 0
HX-CN-M12A4 2027-W07 600 0
HX-PC-E1810 2026-W53 5000 0
HX-PC-E1810 2027-W01 15000 0
HX-PC-E1810 2027-W06 2000 0
HX-PC-E1810 2027-W07 8000 0
HX-PC-E1810 2027-W09 4000 0
HX-PC-E1810 2027-W10 70000 59000
HX-PC-E1810 2027-W15 3000 0
HX-PC-E1810 2027-W20 7000 0
HX-WH-C310 2027-W04 1100 0
HX-WH-C310 2027-W08 1000 0
EOF
diff "$tmp/expect" "$tmp/weeks" > "$tmp/d"
check "capacity records in order, each with its week's load from the ledger" $? \
    "$(cat "$tmp/d")"

# PO-2000 signed: accepted, its load is committed; declined, it is gone
decided() {	# decision
	printf '#poreview-records 1\nsignoff\t0088:4012345000009/PO-2000\t2000200020002000\t1\tsales\tLi Na\t%s\t2026-11-28\t\treview.xlsx\t%s\n' \
	    "$2" "$(printf %s "$1" | sha256sum | cut -c1-64)"
	printf 'decision\t0088:4012345000009/PO-2000\t2000200020002000\t%s\tsales\t\t1\t1\n' "$1"
}
capline() {
	"$bin/po-check" $cat --ledger "$db" --today 2026-11-28 \
	    tests/cases/po-check/101-regular-order/stdin > "$tmp/cap"
	awk -F '\t' '$1 == "capacity" && $4 == "2027-W10" { print $5, $6, $8 }' "$tmp/cap"
}
decided accepted accept | "$bin/po-ledger" commit --today 2026-11-28 "$db" > "$tmp/out" 2>&1
[ "$(capline)" = "2000 59000 0" ] &&
    grep -q "^finding.*	capacity	.*	Week 2027-W10: HX-PC-E1810 is booked 1000 over its weekly capacity of 60000 (first come, first served)\.	" "$tmp/cap"
check "an accepted order's load is committed, and the finding says so" $? \
    "$(cat "$tmp/out"; capline; grep '^finding.*capacity' "$tmp/cap")"
decided declined decline | "$bin/po-ledger" commit --today 2026-11-29 "$db" > "$tmp/out" 2>&1
[ "$(capline)" = "2000 0 0" ] && ! grep -q "^finding.*	capacity	" "$tmp/cap"
check "a declined order's load is gone: no capacity finding" $? \
    "$(cat "$tmp/out"; capline; grep '^finding.*capacity' "$tmp/cap")"

# what is refused
"$bin/po-check" $cat --ledger "$tmp/none.db" < /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "cannot open ledger '.*none.db'" "$tmp/err"
check "a missing ledger: exit 3" $? "$(cat "$tmp/err")"
sqlite3 "$tmp/newer.db" 'CREATE TABLE t(x); PRAGMA user_version = 99'
"$bin/po-check" $cat --ledger "$tmp/newer.db" < /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "ledger schema version 99 is newer" "$tmp/err"
check "a newer ledger is refused by po-check" $? "$(cat "$tmp/err")"
"$bin/po-ledger" commit "$tmp/newer.db" "$tmp/history.tsv" > /dev/null 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "is newer" "$tmp/err"
check "a newer ledger is refused by po-ledger" $? "$(cat "$tmp/err")"
sqlite3 "$tmp/other.db" 'CREATE TABLE invoices(x)'
"$bin/po-ledger" init "$tmp/other.db" > /dev/null 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "not a poreview ledger" "$tmp/err"
check "another database is not taken for a ledger" $? "$(cat "$tmp/err")"
: > "$tmp/empty.db"
"$bin/po-check" $cat --ledger "$tmp/empty.db" < /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 4 ] && grep -q "po-ledger init makes one" "$tmp/err"
check "an empty ledger file: po-check says to init it" $? "$(cat "$tmp/err")"
"$bin/po-ledger" init "$tmp/empty.db" && [ "$(sqlite3 "$tmp/empty.db" 'PRAGMA user_version')" = 6 ]
check "po-ledger init brings an empty file up to version 6" $?

# a broken stream commits nothing
n=$(sqlite3 "$db" 'SELECT count(*) FROM document')
{ cat "$tmp/checked"; printf 'line\tbroken\n'; } > "$tmp/broken.tsv"
"$bin/po-ledger" commit "$db" "$tmp/broken.tsv" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(sqlite3 "$db" 'SELECT count(*) FROM document')" = "$n" ] &&
    grep -q "nothing committed" "$tmp/err"
check "a malformed stream commits nothing (exit 1)" $? "exit $rc: $(cat "$tmp/err")"
"$bin/po-ledger" commit "$db" "$tmp/checked" > /dev/null
[ "$(sqlite3 "$db" "SELECT count(*) FROM property_event WHERE event = 'expect'")" -ge 5 ]
check "customer property is registered as expected" $?

# the standard command-line cases of po-ledger
db2=$tmp/std.db
"$bin/po-ledger" init "$db2"
"$bin/po-ledger" commit --today 2026-10-15 "$db2" < "$tmp/history.tsv" > "$tmp/out"
grep -q "^committed 4 order documents" "$tmp/out"
check "commit reads stdin with no file operands" $? "$(cat "$tmp/out")"
"$bin/po-ledger" commit "$db2" - < "$tmp/history.tsv" > "$tmp/out"
grep -q "^committed 0 order documents .* (4 already there)" "$tmp/out"
check "commit reads stdin for -" $? "$(cat "$tmp/out")"
"$bin/po-ledger" commit "$db2" "$tmp/checked" "$tmp/missing.tsv" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && [ "$(sqlite3 "$db2" 'SELECT count(*) FROM document')" = 4 ] &&
    grep -q "cannot open '.*missing.tsv'" "$tmp/err"
check "a missing file among good ones: exit 3, the batch is not half committed" $? \
    "exit $rc: $(cat "$tmp/err")"
"$bin/po-ledger" list "$db2" > /dev/full 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "writing output failed" "$tmp/err"
check "list to /dev/full: exit 3" $? "$(cat "$tmp/err")"
finish
