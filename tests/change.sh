#!/bin/sh
# change.sh BINDIR: the review of order changes (issue 8).  One order of
# Brandt Elektro (tests/change/*.xml, UBL) goes through its life: the
# order, a change of quantity on line 1, a change adding line 3, a
# cancellation; each step through po-parse | po-check --ledger and
# po-ledger commit, asserting the findings, their departments and the
# verdict.  Then: the history, a change delivered twice, a change of an
# unknown order, a change without a ledger, the Changes sheet read back
# with openpyxl, and a version 2 ledger migrated to 3.
suite=change
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml"
db=$tmp/ledger.db
key=0088:4012345000017/BE-7700
"$bin/po-ledger" init "$db" 2> "$tmp/err" ||
    { check "po-ledger init" 1 "$(cat "$tmp/err")"; finish; }

# step FILE: review FILE against the ledger into $tmp/N.tsv, commit it
n=0
step() {
	n=$((n + 1))
	"$bin/po-parse" "tests/change/$1" | "$bin/po-check" $cat --ledger "$db" \
	    --today 2026-11-27 > "$tmp/$n.tsv" 2> "$tmp/err"
	check "step $n: $1 is reviewed (exit 0)" $? "$(cat "$tmp/err")"
	"$top/tests/check-records.sh" "$tmp/$n.tsv"
	check "step $n: the stream matches records.md" $?
	"$bin/po-ledger" commit --today 2026-11-27 "$db" "$tmp/$n.tsv" > "$tmp/out" 2>&1
	grep -q "^committed 1 order documents" "$tmp/out"
	check "step $n: committed" $? "$(cat "$tmp/out")"
}
# findings N: "code/department" of step N's findings, sorted, one line
findings() {
	awk -F '\t' '$1 == "finding" { print $5 "/" $7 }' "$tmp/$1.tsv" |
	    sort | tr '\n' ' '
}
verdict() {
	awk -F '\t' '$1 == "verdict" { print $4 " " $5 }' "$tmp/$1.tsv"
}

step 1-order.xml
[ "$(findings 1)" = "new-customer/sales " ] && [ "$(verdict 1)" = "special sales,gm" ]
check "the order: a new customer, nothing else" $? "$(findings 1) | $(verdict 1)"
! grep -q '^change	' "$tmp/1.tsv"
check "the order: no change records" $?

# two changes of the order in one batch take its committed load off once
cp "$db" "$tmp/two.db"
"$bin/po-parse" tests/change/2-change-quantity.xml tests/change/3-change-add-line.xml |
    "$bin/po-check" $cat --ledger "$tmp/two.db" --today 2026-11-27 > "$tmp/two.tsv" 2> "$tmp/err"
grep -q "^capacity	HX-PC-E1810/2027-W10	HX-PC-E1810	2027-W10	[0-9]*	0	60000" "$tmp/two.tsv"
check "two changes in one batch: the committed 2000 is taken off once (0, not -2000)" $? \
    "$(grep ^capacity "$tmp/two.tsv")"

step 2-change-quantity.xml
[ "$(findings 2)" = "change-quantity/production change-quantity/purchasing changed/sales " ]
check "change of quantity: Production and Purchasing, and Sales for the change" $? "$(findings 2)"
[ "$(verdict 2)" = "special sales,purchasing,production,gm" ]
check "change of quantity: a special order for sales, purchasing, production" $? "$(verdict 2)"
awk -F '\t' '$1 == "change" { print $4 "|" $5 "|" $6 "|" $7 "|" $8 "|" $9 }' "$tmp/2.tsv" > "$tmp/c"
[ "$(cat "$tmp/c")" = "1|1|quantity|2000|3000|production,purchasing" ]
check "change of quantity: one change record, 2000 before, 3000 after" $? "$(cat "$tmp/c")"
grep '^finding' "$tmp/2.tsv" | grep -q '	1	change-quantity	review	production		quantity	Change: line 1, quantity "2000" is now "3000".*变更：第1行数量由“2000”改为“3000”'
check "change of quantity: the finding in English and Chinese" $?
! awk -F '\t' '$1 == "finding" && $4 == "2"' "$tmp/2.tsv" | grep -q .
check "the unchanged line 2 is not reported again" $?
! grep -q "missing-payment-terms\|missing-incoterm\|missing-delivery-date" "$tmp/2.tsv"
check "terms the change leaves out keep the order's" $?
awk -F '\t' '$1 == "load" { print $4 "|" $5 "|" $7 }' "$tmp/2.tsv" | tr '\n' ' ' > "$tmp/c"
[ "$(cat "$tmp/c")" = "1|HX-PC-E1810|3000 2|HX-PC-E2510|1000 " ]
check "the new version's load: 3000 and 1000" $? "$(cat "$tmp/c")"
grep -q "^capacity	HX-PC-E1810/2027-W10	HX-PC-E1810	2027-W10	3000	0	60000" "$tmp/2.tsv"
check "capacity counts the new version, not the old one as well" $? "$(grep ^capacity "$tmp/2.tsv")"
awk -F '\t' '$1 == "verdict" { print $8 }' "$tmp/2.tsv" | grep -qx 5300.00
check "the changed order's value: 3000 x 1.25 + 1000 x 1.55" $?

step 3-change-add-line.xml
[ "$(findings 3)" = "changed/sales line-added/production line-added/purchasing " ]
check "a line added: Production and Purchasing" $? "$(findings 3)"
awk -F '\t' '$1 == "change" { print $4 "|" $5 "|" $6 "|" $7 "|" $8 }' "$tmp/3.tsv" > "$tmp/c"
[ "$(cat "$tmp/c")" = "1|3|line||HX-PC-C7-18 2000 C62" ]
check "a line added: its change record" $? "$(cat "$tmp/c")"
awk -F '\t' '$1 == "load" { print $5 "|" $7 }' "$tmp/3.tsv" | sort | tr '\n' ' ' > "$tmp/c"
[ "$(cat "$tmp/c")" = "HX-PC-C7-18|2000 HX-PC-E1810|3000 HX-PC-E2510|1000 " ]
check "a change to a change: lines it does not list keep the load of the change before" $? "$(cat "$tmp/c")"
awk -F '\t' '$1 == "verdict" { print $8 }' "$tmp/3.tsv" | grep -qx 6740.00
check "the order's value with the new line" $?

step 4-cancel.xml
[ "$(findings 4)" = "changed/sales order-cancelled/production order-cancelled/purchasing order-cancelled/sales " ]
check "a cancellation: Sales, Production and Purchasing" $? "$(findings 4)"
[ "$(awk -F '\t' '$1 == "change" && $6 == "line" && $8 == ""' "$tmp/4.tsv" | wc -l)" -eq 3 ]
check "a cancellation: the three lines go" $?
! grep -q '^load	' "$tmp/4.tsv" && ! grep -q "missing-" "$tmp/4.tsv"
check "a cancellation: no load, nothing asked" $?
grep -q "^capacity	HX-PC-E1810/2027-W10	HX-PC-E1810	2027-W10	0	0	" "$tmp/4.tsv"
check "a cancellation: its load is taken off the committed load" $? "$(grep ^capacity "$tmp/4.tsv")"
"$bin/po-ledger" list "$db" load | grep -v '^#' > "$tmp/c"
[ ! -s "$tmp/c" ]
check "the ledger's committed load after the cancellation: none" $? "$(cat "$tmp/c")"

"$bin/po-ledger" list "$db" history "$key" > "$tmp/h"
check "list history" $?
awk -F '\t' '!/^#/ { print $2 $3 }' "$tmp/h" | tr '\n' ' ' > "$tmp/c"
[ "$(cat "$tmp/c")" = "order0 change1 change2 cancel3 " ]
check "the history lists all four versions" $? "$(cat "$tmp/h")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM version v JOIN document d USING (docid) WHERE d.order_key = '$key'")" = 4 ]
check "the ledger keeps the content of every version" $?

# the same change delivered twice (another file name): a duplicate
cp tests/change/2-change-quantity.xml "$tmp/again.xml"
"$bin/po-parse" "$tmp/again.xml" | "$bin/po-check" $cat --ledger "$db" --today 2026-11-27 > "$tmp/dup.tsv"
[ "$(findings dup)" = "duplicate/sales " ] && ! grep -q '^change	' "$tmp/dup.tsv"
check "the same change delivered twice is a duplicate, not a change" $? "$(findings dup)"
"$bin/po-ledger" commit "$db" "$tmp/dup.tsv" > "$tmp/out"
grep -q "^committed 0 order documents .* (1 already there)" "$tmp/out" &&
    [ "$(grep -vc '^#' "$tmp/h")" = "$("$bin/po-ledger" list "$db" history "$key" | grep -vc '^#')" ]
check "and committing it adds no version" $? "$(cat "$tmp/out")"

# a change for an order the ledger does not know
sed 's/BE-7700/BE-7799/' tests/change/2-change-quantity.xml > "$tmp/unknown.xml"
"$bin/po-parse" "$tmp/unknown.xml" | "$bin/po-check" $cat --ledger "$db" --today 2026-11-27 > "$tmp/unk.tsv" 2> "$tmp/err"
check "a change of an unknown order: exit 0" $? "$(cat "$tmp/err")"
grep -q "^finding.*	change-unknown-order	review	sales		number	" "$tmp/unk.tsv" &&
    awk -F '\t' '$1 == "verdict" { print $4, $13 }' "$tmp/unk.tsv" | grep -q "^incomplete the order it changes"
check "a change of an unknown order is a finding: incomplete, ask the customer" $?
sed 's/BE-7700/BE-7799/' tests/change/4-cancel.xml > "$tmp/unknown-cancel.xml"
"$bin/po-parse" "$tmp/unknown-cancel.xml" | "$bin/po-check" $cat --ledger "$db" --today 2026-11-27 > "$tmp/unk.tsv" 2> "$tmp/err"
[ $? -eq 0 ] && grep -q "	change-unknown-order	" "$tmp/unk.tsv"
check "so is a cancellation of an unknown order" $? "$(cat "$tmp/err")"

# without a ledger: reviewed as it stands, and said so
"$bin/po-parse" tests/change/2-change-quantity.xml | "$bin/po-check" $cat --today 2026-11-27 > "$tmp/nol.tsv"
grep -q "^finding.*	change-not-compared	info	sales		doctype	.*no ledger was given" "$tmp/nol.tsv" &&
    ! grep -q '^change	' "$tmp/nol.tsv"
check "without a ledger a change says it was not compared" $?

# the Changes sheet, read back with openpyxl
"$bin/po-sheet" -o "$tmp/c.xlsx" --lang en "$tmp/2.tsv" "$tmp/3.tsv" 2> "$tmp/err"
check "po-sheet writes the workbook of the changes" $? "$(cat "$tmp/err")"
/usr/bin/python3 tests/xlsx-cells.py "$tmp/c.xlsx" > "$tmp/cells" 2> "$tmp/err"
check "openpyxl reads it" $? "$(cat "$tmp/err")"
grep -q "^Changes	E1	s	Before" "$tmp/cells" && grep -q "^Changes	F1	s	After" "$tmp/cells" &&
    grep -q "^Changes	D2	s	quantity" "$tmp/cells" && grep -q "^Changes	E2	s	2000" "$tmp/cells" &&
    grep -q "^Changes	F2	s	3000" "$tmp/cells" && grep -q "^Changes	G2	s	Production, Purchasing" "$tmp/cells" &&
    grep -q "^Changes	D3	s	line" "$tmp/cells" && grep -q "^Changes	F3	s	HX-PC-C7-18 2000 C62" "$tmp/cells"
check "the Changes sheet: before and after side by side" $? "$(grep ^Changes "$tmp/cells")"
awk -F '\t' '$1 == "RR BE-7700" && $2 ~ /^B[0-9]+$/ && ($4 == "HX-PC-E1810" || $4 == "HX-PC-E2510")' \
    "$tmp/cells" | cut -f4 | tr '\n' ' ' > "$tmp/c"
[ "$(cat "$tmp/c")" = "HX-PC-E1810 " ]
check "the review record of the change lists only the changed line" $? "$(cat "$tmp/c")"
# what the change does not state, its record shows from the version the
# ledger keeps: po-check's kept records carry it (the order record stays
# as the document states it)
awk -F '\t' '$1 == "kept" { print $4 "=" $5 }' "$tmp/2.tsv" | tr '\n' ' ' > "$tmp/k"
grep -q "delivery_to=2027-03-12 .*incoterm=FOB .*payment_terms=30 days net" "$tmp/k" &&
    awk -F '\t' '$1 == "order" && $24 == "" && $28 == "" && $30 == ""' "$tmp/2.tsv" | grep -q . &&
    ! grep -q '^kept' "$tmp/1.tsv" "$tmp/nol.tsv"
check "a change: the order fields it does not state, kept from the ledger's version" $? "$(cat "$tmp/k")"
awk -F '\t' '$1 == "RR BE-7700"' "$tmp/cells" > "$tmp/rr"
grep -q "	E5	s	Requested delivery$" "$tmp/rr" && grep -q "	H5	s	2027-03-12$" "$tmp/rr" &&
    grep -q "	E6	s	Delivery terms$" "$tmp/rr" && grep -q "	H6	s	FOB Ningbo$" "$tmp/rr" &&
    grep -q "	E7	s	Payment terms$" "$tmp/rr" && grep -q "	H7	s	30 days net$" "$tmp/rr" &&
    grep -q "^Summary	E2	d	2027-03-12$" "$tmp/cells"
check "the change's review record: delivery and payment terms of the order it changes" $? \
    "$(grep '	[AB][4-9]	' "$tmp/rr")"
grep -q "^RR BE-7700	C[0-9]*	s	Before" "$tmp/cells" && grep -q "^RR BE-7700	B[0-9]*	s	quantity" "$tmp/cells"
check "and what changed, before and after" $?

# a version 2 ledger is migrated to 3; its orders have a history but no content
v2=$tmp/v2.db
sqlite3 "$v2" < schemas/ledger.sql && sqlite3 "$v2" < schemas/ledger-2.sql &&
    sqlite3 "$v2" "PRAGMA user_version = 2;
    INSERT INTO customer VALUES ('0088:4012345000017', 'Brandt', 'DE', '$key', '2026-10-01');
    INSERT INTO document (docid, order_key, buyer, number, doctype, seq, checksum, length, committed)
    VALUES ('00000000aaaaaaaa', '$key', '0088:4012345000017', 'BE-7700', 'order', 0, '12345678', 10, '2026-10-01');
    INSERT INTO load VALUES ('00000000aaaaaaaa', 1, 'HX-PC-E1810', '2027-W10', 2000)"
"$bin/po-ledger" init "$v2" 2> "$tmp/err" && [ "$(sqlite3 "$v2" 'PRAGMA user_version')" = 6 ] &&
    [ "$(sqlite3 "$v2" 'SELECT count(*) FROM version')" = 0 ]
check "a version 2 ledger is migrated to 6" $? "$(cat "$tmp/err")"
"$bin/po-ledger" list "$v2" history "$key" | grep -q "^2026-10-01	order	0	BE-7700	"
check "its orders have a history" $?
"$bin/po-parse" tests/change/2-change-quantity.xml | "$bin/po-check" $cat --ledger "$v2" --today 2026-11-27 > "$tmp/v2.tsv"
grep -q "	change-not-compared	info	sales		doctype	.*the ledger did not keep its content" "$tmp/v2.tsv"
check "a change of an order committed before version 3 is not compared, and says so" $?
"$bin/po-ledger" commit "$v2" "$tmp/v2.tsv" > /dev/null &&
    [ "$(sqlite3 "$v2" "SELECT seq FROM document WHERE doctype = 'change'")" = 1 ]
check "and it is committed after it" $?
sed 's/<cbc:SequenceNumberID>1<\/cbc:SequenceNumberID>//; s/3000/3100/' tests/change/2-change-quantity.xml > "$tmp/noseq.xml"
"$bin/po-parse" "$tmp/noseq.xml" | "$bin/po-check" $cat --ledger "$v2" --today 2026-11-27 > "$tmp/noseq.tsv"
awk -F '\t' '$1 == "order" { print $7 }' "$tmp/noseq.tsv" | grep -qx '' &&
    "$bin/po-ledger" commit "$v2" "$tmp/noseq.tsv" > /dev/null &&
    [ "$(sqlite3 "$v2" "SELECT max(seq) FROM document")" = 2 ]
check "a change without a sequence number comes after the highest version" $? \
    "$(sqlite3 "$v2" 'SELECT doctype, seq FROM document')"
# price and quantity of a big order: Sales, and the general manager above
# the rules' threshold (EUR 50,000)
db3=$tmp/price.db
"$bin/po-ledger" init "$db3"
"$bin/po-parse" tests/change/1-order.xml | "$bin/po-check" $cat --ledger "$db3" --today 2026-11-27 |
    "$bin/po-ledger" commit "$db3" > /dev/null
sed 's/>3000</>45000</; s/>1.25</>1.24</' tests/change/2-change-quantity.xml > "$tmp/price.xml"
"$bin/po-parse" "$tmp/price.xml" | "$bin/po-check" $cat --ledger "$db3" --today 2026-11-27 > "$tmp/price.tsv"
[ "$(findings price)" = "change-above-gm/gm change-price/sales change-quantity/production change-quantity/purchasing changed/sales value-above-gm/gm " ]
check "a change of price above the threshold: Sales and the general manager" $? "$(findings price)"
grep -q "^change	.*	1	1	price	1.25	1.24	sales$" "$tmp/price.tsv"
check "the price's change record" $?
finish
