#!/bin/sh
# decide.sh BINDIR: the ledger keeps the decisions.  The sample batch,
# committed, then its review workbook signed with openpyxl
# (tests/signoff-sign.py) and read back by po-signoff: po-ledger commit
# takes the stream of signoff and decision records alone; list orders shows
# each order's state, list history its sign-offs and decisions; the same
# workbook committed twice changes nothing; a later workbook's decline
# overrides; a decision for a document the ledger does not have, or for an
# older version of an order, is refused with nothing committed.
suite=decide
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
C="--catalog samples/catalog.xml --rules samples/rules.xml"
T="--today 2026-12-10"
db=$tmp/ledger.db
dump() { sqlite3 "$db" .dump; }

"$bin/po-ledger" init "$db" &&
    "$bin/po-parse" samples/orders/* | "$bin/po-check" $C --ledger "$db" \
    --today 2026-11-27 > "$tmp/reviewed.tsv" &&
    "$bin/po-ledger" commit --today 2026-11-27 "$db" "$tmp/reviewed.tsv" > /dev/null &&
    "$bin/po-sheet" --lang en -o "$tmp/en.xlsx" "$tmp/reviewed.tsv" &&
    $py tests/signoff-sign.py sign "$tmp/reviewed.tsv" "$tmp/en.xlsx" \
    "$tmp/signed.xlsx" en "$tmp/expected" &&
    "$bin/po-signoff" $T "$tmp/signed.xlsx" > "$tmp/signed.tsv" 2> "$tmp/err"
check "the sample batch committed, its workbook signed and read back" $? \
    "$(tail -3 "$tmp/err")"
"$bin/po-ledger" list "$db" > "$tmp/before"
awk -F '\t' '!/^#/ && $10 != "reviewed" { bad = 1 } END { exit bad }' "$tmp/before" &&
    head -n 1 "$tmp/before" | grep -q '	docid	state$'
check "list orders: a last column state, every order reviewed before sign-off" $? \
    "$(head -3 "$tmp/before")"
dump > "$tmp/dump0"

# a stream of signoff and decision records alone
"$bin/po-ledger" commit --today 2026-12-10 "$db" < "$tmp/signed.tsv" > "$tmp/out" 2>&1
check "commit takes po-signoff's stream" $? "$(cat "$tmp/out")"
n=$(grep -c '^signoff' "$tmp/signed.tsv")
o=$(grep -c '^decision' "$tmp/signed.tsv")
grep -qx "committed $n sign-offs and $o decisions to $db (0 sign-offs already there)" "$tmp/out" &&
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM signoff')" = "$n" ] &&
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM decision')" = "$o" ]
check "its $n sign-offs and $o decisions kept" $? "$(cat "$tmp/out")"

# list orders: each order's state is its decision, the rest as before
awk -F '\t' '$1 == "decision" { print $3 "\t" $4 }' "$tmp/expected" | LC_ALL=C sort > "$tmp/want"
"$bin/po-ledger" list "$db" > "$tmp/orders"
awk -F '\t' '!/^#/ { print $9 "\t" $10 }' "$tmp/orders" | LC_ALL=C sort > "$tmp/got"
diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"
check "list orders: each order's state is the decision po-signoff made" $? "$(head "$tmp/diff")"
cut -f 1-9 "$tmp/before" > "$tmp/a" && cut -f 1-9 "$tmp/orders" > "$tmp/b" && cmp -s "$tmp/a" "$tmp/b"
check "list orders: the other columns as before" $?
cut -f 10 "$tmp/orders" | grep -v '^state$' | sort -u | tr '\n' ' ' > "$tmp/kinds"
[ "$(cat "$tmp/kinds")" = "accepted accepted-conditions ask-customer declined pending " ]
check "list orders shows every state" $? "$(cat "$tmp/kinds")"

# the load on capacity: a batch of the same orders under new numbers meets
# the ledger's load of each product-week, committed for the orders
# accepted, tentative for those pending, asking or never decided, none for
# the declined and the rejected: sums computed here from the load records
# and the decisions, against po-check's capacity records
awk -F '\t' -v OFS='\t' '$1 ~ /^(order|line|prop|note|doc)$/ { $2 = $2 "-B" } { print }' \
    "$tmp/reviewed.tsv" | awk -F '\t' '$1 !~ /^(run|finding|custprop|verdict|load|capacity|kept|change)$/' |
    "$bin/po-check" $C --ledger "$db" --today 2026-12-10 > "$tmp/next.tsv" 2> "$tmp/err"
awk -F '\t' '
    FNR == 1 { f++ }	# the decisions; verdicts, then loads of the batch; the next run
    f == 1 && $1 == "decision" { state[$3] = $4 }
    f == 2 && $1 == "verdict" && $4 == "reject" { rejected[$3] = 1 }
    f == 3 && $1 == "load" {
	s = state[$3]
	if (rejected[$3] || s == "declined") next
	if (s == "accepted" || s == "accepted-conditions") c[$5 "/" $6] += $7
	else t[$5 "/" $6] += $7
    }
    f == 4 && $1 == "capacity" {
	n++; k = $3 "/" $4
	if ($6 + 0 != c[k] + 0 || $8 + 0 != t[k] + 0) { bad++; print k, $6, c[k] + 0, $8, t[k] + 0 }
	both += (c[k] > 0) + (t[k] > 0)
    }
    END { print n, "product-weeks,", both, "sums over 0"; exit bad || n == 0 || both < 2 }' \
    "$tmp/expected" "$tmp/reviewed.tsv" "$tmp/reviewed.tsv" "$tmp/next.tsv" > "$tmp/sums"
check "capacity: the ledger's load committed for accepted orders, tentative for undecided, none for declined" $? \
    "$(cat "$tmp/err"; head -5 "$tmp/sums")"

# list history: the versions, then the sign-offs, then the decisions
key=$(awk -F '\t' '$1 == "signoff" { print $2; exit }' "$tmp/signed.tsv")
docid=$(awk -F '\t' '$1 == "signoff" { print $3; exit }' "$tmp/signed.tsv")
"$bin/po-ledger" list "$db" history "$key" > "$tmp/h"
grep '^#' "$tmp/h" | cut -c 1-30 | tr '\n' '|' > "$tmp/heads"
[ "$(cat "$tmp/heads")" = "#committed	doctype	seq	number	|#committed	docid	finding	depar|#committed	docid	decision	depa|" ] &&
    [ "$(grep -c "^2026-12-10	$docid	[0-9]*	" "$tmp/h")" = \
    "$(grep -c "^signoff	[^	]*	$docid	" "$tmp/signed.tsv")" ] &&
    grep -q "^2026-12-10	$docid	accepted	" "$tmp/h"
check "list history: the versions, the sign-offs, the decisions" $? "$(cat "$tmp/h")"

# the same workbook committed twice: nothing changes
dump > "$tmp/dump1"
"$bin/po-ledger" commit --today 2026-12-11 "$db" "$tmp/signed.tsv" > "$tmp/out" 2>&1 &&
    grep -qx "committed 0 sign-offs and 0 decisions to $db ($n sign-offs already there)" "$tmp/out" &&
    dump | cmp -s - "$tmp/dump1"
check "the same workbook committed twice changes nothing (sqlite3 .dump)" $? "$(cat "$tmp/out")"

# a later workbook declines the first order: a new row, the latest counts
$py - "$tmp/signed.xlsx" "$tmp/later.xlsx" "$docid" <<'PY' 2> "$tmp/err"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = next(w for w in wb.worksheets if w.cell(1, 17).value == "poreview check")
for r in range(2, ws.max_row + 1):
    if ws.cell(r, 13).value == sys.argv[3] and ws.cell(r, 9).value:
        ws.cell(r, 9).value = "decline"
        ws.cell(r, 11).value = "no capacity"
        break
wb.save(sys.argv[2])
PY
"$bin/po-signoff" $T "$tmp/later.xlsx" > "$tmp/later.tsv" 2> "$tmp/err" &&
    "$bin/po-ledger" commit --today 2026-12-12 "$db" "$tmp/later.tsv" > "$tmp/out" 2>&1
check "a later workbook committed" $? "$(cat "$tmp/err" "$tmp/out")"
"$bin/po-ledger" list "$db" | awk -F '\t' -v d="$docid" '$9 == d { print $10 }' > "$tmp/state"
[ "$(cat "$tmp/state")" = declined ] &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM signoff WHERE docid = '$docid'")" -gt \
      "$(grep -c "^signoff	[^	]*	$docid	" "$tmp/signed.tsv")" ] &&
    [ "$(sqlite3 "$db" "SELECT group_concat(decision, ' ') FROM decision WHERE docid = '$docid'")" = "accepted declined" ]
check "a later decline: new rows, the order declined" $? "$(cat "$tmp/state")"
"$bin/po-ledger" commit --today 2026-12-13 "$db" "$tmp/signed.tsv" > "$tmp/out" 2>&1 &&
    "$bin/po-ledger" list "$db" | awk -F '\t' -v d="$docid" '$9 == d { print $10 }' | grep -qx declined
check "the earlier workbook committed again does not undo it" $? "$(cat "$tmp/out")"

# a decision for a document the ledger does not have: refused by its key
dump > "$tmp/dump2"
sed "s/^\\(decision	[^	]*	\\)$docid/\\10000000000000000/" "$tmp/signed.tsv" > "$tmp/unknown.tsv"
"$bin/po-ledger" commit "$db" "$tmp/unknown.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^po-ledger: order '$key': a decision of document 0000000000000000, which the ledger does not have: refused" "$tmp/err" &&
    grep -qx "po-ledger: nothing committed" "$tmp/err" && [ ! -s "$tmp/out" ] &&
    dump | cmp -s - "$tmp/dump2"
check "a document the ledger does not have: refused by key, nothing committed" $? \
    "exit $rc: $(cat "$tmp/err")"

# an older version: the ledger has a newer document of the order
src=$(awk -F '\t' -v d="$docid" '$1 == "order" && $3 == d { print $4 }' "$tmp/reviewed.tsv")
sed 's/quantity="\([0-9]*\)"/quantity="\10"/' "$src" > "$tmp/newer.xml"
"$bin/po-parse" "$tmp/newer.xml" | "$bin/po-check" $C --ledger "$db" --today 2026-12-14 > "$tmp/newer.tsv" &&
    "$bin/po-ledger" commit --today 2026-12-14 "$db" "$tmp/newer.tsv" > "$tmp/out" 2>&1 &&
    grep -q "^committed 1 order documents" "$tmp/out"
check "a newer version of the order committed" $? "$(cat "$tmp/out")"
"$bin/po-ledger" list "$db" | awk -F '\t' -v k="$key" '$2 == k { print $10 }' | tr '\n' ' ' > "$tmp/state"
[ "$(cat "$tmp/state")" = "declined reviewed " ]
check "its state: reviewed, the older version's declined" $? "$(cat "$tmp/state")"
dump > "$tmp/dump3"
"$bin/po-ledger" commit "$db" "$tmp/later.tsv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^po-ledger: order '$key': the workbook is for an older version (document $docid); the ledger has a newer one" "$tmp/err" &&
    grep -qx "po-ledger: nothing committed" "$tmp/err" && dump | cmp -s - "$tmp/dump3"
check "a workbook for an older version: refused, nothing committed" $? "exit $rc: $(cat "$tmp/err")"

# po-parse's stream is still refused
"$bin/po-parse" samples/orders/* | "$bin/po-ledger" commit "$db" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "was not reviewed (no run record of po-check's before it)" "$tmp/err" &&
    dump | cmp -s - "$tmp/dump3"
check "a stream po-check did not review is still refused" $? "exit $rc: $(cat "$tmp/err")"

# a reviewed stream with the sign-off after it, in one stream: a signoff
# record right after its own document is none of it
last=$(awk -F '\t' '$1 == "order" { d = $3 } END { print d }' "$tmp/reviewed.tsv")
grep "^signoff	[^	]*	$last	" "$tmp/signed.tsv" > "$tmp/its"
{ awk -F '\t' -v d="$last" -v its="$tmp/its" '{ print }
    $1 == "verdict" && $3 == d { while ((getline l < its) > 0) print l }' "$tmp/reviewed.tsv"
  grep -v "^signoff	[^	]*	$last	" "$tmp/signed.tsv" | grep -v '^#'; } > "$tmp/both.tsv"
"$bin/po-ledger" init "$tmp/one.db" && "$bin/po-ledger" commit --today 2026-12-10 \
    "$tmp/one.db" "$tmp/both.tsv" > "$tmp/out" 2>&1 &&
    grep -q "^committed 23 order documents" "$tmp/out" &&
    grep -q "^committed $n sign-offs and $o decisions" "$tmp/out" &&
    grep -A1 "^verdict	[^	]*	$last	" "$tmp/both.tsv" | grep -q "^signoff	"
check "a reviewed stream and its sign-off in one stream" $? "$(cat "$tmp/out")"
finish
