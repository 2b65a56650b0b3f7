#!/bin/sh
# inbox-signed.sh BINDIR: po-inbox reads the signed review workbooks
# dropped into SPOOL/signed/.  A spool whose first run committed the
# sample batch; its review workbook signed with openpyxl
# (tests/signoff-sign.py) and dropped into signed/: the next run commits
# its decisions (po-ledger list shows each order's state) and files it in
# done/DATE/signed/; the same workbook again commits nothing new; one with
# refused rows commits the others and goes to failed/ with the refusals in
# its .why; a file that is no workbook, and a workbook the ledger refuses,
# go to failed/ with the reason; orders and a workbook in one run; killed
# at each step, then run again: committed once, filed once.
suite=inbox-signed
. "$(dirname "$0")/lib.sh"
# the batch is reviewed on 2026-11-27 ($R), signed by 2026-12-09, and the
# workbooks read back on $D
R=2026-11-27
D=2026-12-10
py=/usr/bin/python3
. tests/inbox-lib.sh
empty() { [ -z "$(ls -A "$1")" ]; }
signoffs() { sqlite3 "$1/ledger.db" 'SELECT count(*) FROM signoff'; }
# states SPOOL: "docid<TAB>state" of the orders decided, sorted
states() {
	"$bin/po-ledger" list "$1/ledger.db" orders |
	    awk -F '\t' '!/^#/ && $10 != "reviewed" { print $9 "\t" $10 }' | LC_ALL=C sort
}

# --init lays out signed/; a spool laid out before it gets one
"$bin/po-inbox" --init "$tmp/i" > /dev/null 2>&1 && [ -d "$tmp/i/signed" ]
check "--init lays out signed/" $?
rmdir "$tmp/i/signed"
inbox "$tmp/i"
[ $st -eq 0 ] && [ -d "$tmp/i/signed" ] && [ ! -s "$tmp/out" ]
check "a spool laid out before signed/ existed gets one, silently" $? "$st $(cat "$tmp/err")"

# the base: the sample batch committed by a first run, its workbook signed
newspool base
cp samples/orders/* "$tmp/base/inbox/"
"$bin/po-inbox" --settle 0 --today $R "$tmp/base" > "$tmp/out" 2> "$tmp/err"
st=$?
set -- "$tmp"/base/out/review-*.xlsx
book=$1
[ $st -eq 0 ] && [ -f "$book" ] && zcat "${book%.xlsx}.tsv.gz" > "$tmp/reviewed.tsv" &&
    $py tests/signoff-sign.py sign "$tmp/reviewed.tsv" "$book" "$tmp/signed.xlsx" en \
    "$tmp/expected" && $py tests/signoff-sign.py bad "$book" "$tmp/bad.xlsx" "$tmp/bad.expected"
check "the sample batch committed by a first run, its workbook signed" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
n=$(grep -c '^signoff' "$tmp/expected")
o=$(grep -c '^decision' "$tmp/expected")
nbad=$(awk -F '\t' '$1 == "signoffs" { print $2 }' "$tmp/bad.expected")
awk -F '\t' '$1 == "decision" { print $3 "\t" $4 }' "$tmp/expected" | LC_ALL=C sort > "$tmp/want"
# answers SPOOL: what the summary says po-respond wrote, from the ledger's
# response log: "; N responses and M confirmation requests written to
# out/responses/", or nothing
answers() {
	sqlite3 "$1/ledger.db" "SELECT sum(kind <> 'confirm'), sum(kind = 'confirm') FROM response" |
	    awk -F '|' '$1 + $2 > 0 { printf "; %d response%s", $1, $1 == 1 ? "" : "s"
	    if ($2 > 0) printf " and %d confirmation request%s", $2, $2 == 1 ? "" : "s"
	    printf " written to out/responses/" }'
}

# a signed workbook dropped into signed/
cp -a "$tmp/base" "$tmp/a"
cp "$tmp/signed.xlsx" "$tmp/a/signed/review signed.xlsx"
inbox "$tmp/a"
[ $st -eq 0 ] && [ ! -s "$tmp/err" ] &&
    [ -n "$(answers "$tmp/a")" ] &&
    grep -qx "po-inbox: $tmp/a: 1 signed workbook: 1 read, 0 failed; $n sign-offs and $o decisions committed$(answers "$tmp/a")" "$tmp/out"
check "a signed workbook: one summary line, $n sign-offs and $o decisions committed, the answers written (exit 0)" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
# the answers: a response per decided order in its own standard, in
# out/responses/, each one the ledger recorded
ls "$tmp/a/out/responses" > "$tmp/files"
[ "$(wc -l < "$tmp/files")" -eq "$(sqlite3 "$tmp/a/ledger.db" 'SELECT count(*) FROM response')" ] &&
    sqlite3 "$tmp/a/ledger.db" 'SELECT file FROM response' | sed 's|.*/||' | LC_ALL=C sort |
    cmp -s - "$tmp/files" && grep -q '\.xml$' "$tmp/files" && grep -q -- '-confirm\.xlsx$' "$tmp/files"
check "the responses and confirmation requests in out/responses/, each recorded in the ledger" $? \
    "$(cat "$tmp/files")"
states "$tmp/a" | diff -u "$tmp/want" - > "$tmp/d"
check "po-ledger list: each order's state is the decision signed" $? "$(head "$tmp/d")"
[ "$(signoffs "$tmp/a")" -eq "$n" ] &&
    [ "$(sqlite3 "$tmp/a/ledger.db" 'SELECT DISTINCT file FROM signoff')" = "review signed.xlsx" ]
check "the sign-offs name the workbook by its own name" $? \
    "$(sqlite3 "$tmp/a/ledger.db" 'SELECT DISTINCT file FROM signoff')"
cmp -s "$tmp/signed.xlsx" "$tmp/a/done/$D/signed/review signed.xlsx" &&
    empty "$tmp/a/signed" && empty "$tmp/a/work" && empty "$tmp/a/failed"
check "the workbook filed unchanged in done/$D/signed/; signed/, work/, failed/ empty" $? \
    "$(find "$tmp/a/done/$D" "$tmp/a/signed" "$tmp/a/work" "$tmp/a/failed")"

# the same workbook again: nothing new, filed under another name
sqlite3 "$tmp/a/ledger.db" .dump > "$tmp/dump"
cp "$tmp/signed.xlsx" "$tmp/a/signed/review signed.xlsx"
inbox "$tmp/a"
[ $st -eq 0 ] &&
    grep -qx "po-inbox: $tmp/a: 1 signed workbook: 1 read, 0 failed; 0 sign-offs and 0 decisions committed ($n sign-offs already there)" "$tmp/out" &&
    sqlite3 "$tmp/a/ledger.db" .dump | cmp -s - "$tmp/dump" &&
    [ -f "$tmp/a/done/$D/signed/review signed (2).xlsx" ]
check "the same workbook again: the ledger unchanged, filed as 'review signed (2).xlsx'" $? \
    "$st $(cat "$tmp/out" "$tmp/err"; ls "$tmp/a/done/$D/signed")"

# a workbook with refused rows: the others committed, filed in failed/
cp -a "$tmp/base" "$tmp/p"
cp "$tmp/bad.xlsx" "$tmp/p/signed/"
inbox "$tmp/p"
[ $st -eq 1 ] &&
    grep -qx "po-inbox: $tmp/p: 1 signed workbook: 0 read, 1 read in part, 0 failed; $nbad sign-offs and [0-9]* decisions committed$(answers "$tmp/p")" "$tmp/out"
check "a workbook with refused rows: read in part (exit 1)" $? "$st $(cat "$tmp/out" "$tmp/err")"
[ "$(signoffs "$tmp/p")" -eq "$nbad" ] && [ -f "$tmp/p/failed/bad.xlsx" ] &&
    cmp -s "$tmp/bad.xlsx" "$tmp/p/failed/bad.xlsx" && empty "$tmp/p/signed"
check "its $nbad good rows committed, the workbook filed in failed/" $? \
    "$(signoffs "$tmp/p"); $(ls "$tmp/p/failed")"
awk -F '\t' '$1 != "signoffs" { print "po-signoff: bad.xlsx: " $1 ": " $2 }' "$tmp/bad.expected" |
    while IFS= read -r want; do
	grep -qF "$want" "$tmp/p/failed/bad.xlsx.why" || { echo "$want"; exit 1; }
    done > "$tmp/d"
check "bad.xlsx.why names each refused cell and why" $? "$(cat "$tmp/d"; cat "$tmp/p/failed/bad.xlsx.why")"
tail -n 1 "$tmp/p/failed/bad.xlsx.why" | grep -qx "po-inbox: bad.xlsx: the rows above were refused and the other rows' decisions committed: correct those cells and drop the workbook into signed/ again"
check "and says what to do" $? "$(tail -n 1 "$tmp/p/failed/bad.xlsx.why")"

# files that are no workbook go to failed/; others are left alone
cp -a "$tmp/base" "$tmp/n"
printf 'minutes of the review meeting\n' > "$tmp/n/signed/notes.xlsx"
printf 'a zip, not a workbook\n' > "$tmp/readme.txt"
(cd "$tmp" && $py -c 'import zipfile; zipfile.ZipFile("n/signed/Zipped.XLSX", "w").write("readme.txt")')
cp "$tmp/signed.xlsx" "$tmp/n/signed/good.xlsx"
printf 'owner' > "$tmp/n/signed/~\$good.xlsx"
printf 'x' > "$tmp/n/signed/.~lock.good.xlsx#"
cp "$tmp/readme.txt" "$tmp/n/signed/"
inbox "$tmp/n"
[ $st -eq 1 ] &&
    grep -qx "po-inbox: $tmp/n: 3 signed workbooks: 1 read, 2 failed; $n sign-offs and $o decisions committed$(answers "$tmp/n")" "$tmp/out"
check "two files that are no workbook and a signed one: 1 read, 2 failed (exit 1)" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
grep -qx "po-signoff: notes.xlsx: not an xlsx workbook: not a zip archive" "$tmp/n/failed/notes.xlsx.why" &&
    grep -q "^po-signoff: Zipped.XLSX: not an xlsx workbook: no part '_rels/.rels' in the zip" "$tmp/n/failed/Zipped.XLSX.why" &&
    [ -f "$tmp/n/failed/notes.xlsx" ] && [ -f "$tmp/n/failed/Zipped.XLSX" ]
check "each in failed/ with NAME.why saying why" $? "$(ls "$tmp/n/failed"; cat "$tmp/n/failed"/*.why)"
[ "$(ls -A "$tmp/n/signed" | tr '\n' ' ')" = ".~lock.good.xlsx# readme.txt ~\$good.xlsx " ] &&
    [ -f "$tmp/n/done/$D/signed/good.xlsx" ]
check "Excel's owner file, LibreOffice's lock and other names are left in signed/" $? \
    "$(ls -A "$tmp/n/signed")"

# a workbook the ledger refuses: no review of its orders was committed
newspool r
cp "$tmp/signed.xlsx" "$tmp/r/signed/"
inbox "$tmp/r"
[ $st -eq 1 ] &&
    grep -qx "po-inbox: $tmp/r: 1 signed workbook: 0 read, 1 failed; 0 sign-offs and 0 decisions committed" "$tmp/out" &&
    [ "$(signoffs "$tmp/r")" -eq 0 ] && [ -f "$tmp/r/failed/signed.xlsx" ] &&
    grep -q "^po-ledger: order '[^']*': a signoff of document [0-9a-f]*, which the ledger does not have: refused" "$tmp/r/failed/signed.xlsx.why" &&
    grep -qx "po-ledger: nothing committed" "$tmp/r/failed/signed.xlsx.why"
check "a workbook of orders the ledger does not have: failed/, po-ledger's reason in .why" $? \
    "$st $(cat "$tmp/out" "$tmp/err" "$tmp/r/failed/signed.xlsx.why")"

# orders and a workbook in one run
cp -a "$tmp/base" "$tmp/o"
sed 's/PWT-88410/PWT-88419/' samples/orders/cxml-005-pacific-wire-supply.xml > "$tmp/o/inbox/new.xml"
cp "$tmp/signed.xlsx" "$tmp/o/signed/"
inbox "$tmp/o"
[ $st -eq 0 ] &&
    grep -qx "po-inbox: $tmp/o: 1 file: 1 reviewed, 0 duplicates, 0 failed; 1 signed workbook: 1 read, 0 failed; $n sign-offs and $o decisions committed$(answers "$tmp/o"); out/review-20261210-[0-9]*-1.xlsx" "$tmp/out" &&
    [ -f "$tmp/o/done/$D/new.xml" ] && [ -f "$tmp/o/done/$D/signed/signed.xlsx" ]
check "an order and a workbook in one run: one summary line for both" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
states "$tmp/o" | diff -u "$tmp/want" - > "$tmp/d"
check "the decisions committed beside the new order" $? "$(head "$tmp/d")"

# killed at each step: each run takes the batch one step further; the
# last finishes it: committed once, filed once
cp -a "$tmp/base" "$tmp/k"
cp "$tmp/signed.xlsx" "$tmp/k/signed/"
cp "$tmp/bad.xlsx" "$tmp/k/signed/"
touch -d '2026-12-01 10:00' "$tmp/k/signed/signed.xlsx"
for stage in claimed read parsed committed signoff signed respond responded planned filed; do
	PO_INBOX_TEST_KILL=$stage "$bin/po-inbox" --settle 0 --today $D "$tmp/k" \
	    > "$tmp/out" 2>&1
	s1=$?
	[ $s1 -eq 137 ] && empty "$tmp/k/signed" && [ "$(ls "$tmp/k/work" | wc -l)" -eq 1 ]
	check "killed at '$stage': the batch waits in work/" $? "$s1 $(cat "$tmp/out")"
done
inbox "$tmp/k"
[ $st -eq 1 ] && empty "$tmp/k/work" && empty "$tmp/k/signed" &&
    grep -qx "po-inbox: $tmp/k: 2 signed workbooks: 1 read, 1 read in part, 0 failed; $((n + nbad)) sign-offs and [0-9]* decisions committed$(answers "$tmp/k")" "$tmp/out" &&
    [ "$(ls "$tmp/k/out/responses" | wc -l)" -eq "$(sqlite3 "$tmp/k/ledger.db" 'SELECT count(*) FROM response')" ] &&
    [ "$(sqlite3 "$tmp/k/ledger.db" 'SELECT count(*) - count(DISTINCT file) FROM response')" -eq 0 ]
check "the next run finishes it; the summary counts what was committed and answered, once" $? \
    "$st $(cat "$tmp/out" "$tmp/err"; find "$tmp/k/work")"
[ "$(signoffs "$tmp/k")" -eq $((n + nbad)) ]
check "each sign-off committed once although po-ledger ran again" $? "$(signoffs "$tmp/k")"
(cd "$tmp/k" && find "done/$D" failed -type f | LC_ALL=C sort) | tr '\n' ' ' > "$tmp/d"
[ "$(cat "$tmp/d")" = "done/$D/signed/signed.xlsx failed/bad.xlsx failed/bad.xlsx.why " ]
check "each workbook filed once" $? "$(cat "$tmp/d")"
[ "$(grep -c . "$tmp/k/failed/bad.xlsx.why")" -eq "$(grep -c . "$tmp/p/failed/bad.xlsx.why")" ]
check "its .why written once" $? "$(cat "$tmp/k/failed/bad.xlsx.why")"
# killed after the first of two workbooks was claimed
cp -a "$tmp/base" "$tmp/c"
cp "$tmp/signed.xlsx" "$tmp/bad.xlsx" "$tmp/c/signed/"
PO_INBOX_TEST_KILL=claim "$bin/po-inbox" --settle 0 --today $D "$tmp/c" > /dev/null 2>&1
s1=$?
[ $s1 -eq 137 ] && [ "$(ls "$tmp/c/signed" | wc -l)" -eq 1 ]
check "killed while claiming: one workbook in work/, one still in signed/" $? "$s1"
inbox "$tmp/c"
[ $st -eq 1 ] && empty "$tmp/c/work" && empty "$tmp/c/signed" &&
    [ "$(signoffs "$tmp/c")" -eq $((n + nbad)) ] &&
    grep -q ": 2 signed workbooks: 1 read, 1 read in part, 0 failed;" "$tmp/out"
check "the next run finishes that batch and takes the other" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
finish
