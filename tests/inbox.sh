#!/bin/sh
# inbox.sh BINDIR: po-inbox, the spool folder cron empties: --init, a
# normal batch (workbook read back by openpyxl, originals filed, ledger,
# records beside the workbook), rejected files, duplicates and changes,
# an empty inbox, two runs at once, a file still being written, SIGKILL at
# every stage and at random moments, folders on two file systems, a full
# disk, a read-only out/, hostile file names, and the settings file.
# "inbox.sh BINDIR asan" (or POREVIEW_BUILD=asan, as run-all.sh sets it)
# leaves out the tests of timing and of the file system (two runs at once,
# settling, random kills, EXDEV, a full disk, a read-only out/), which run
# no code the others do not, to keep the sanitizer build's run short.
suite=inbox
full=1
[ "${2:-${POREVIEW_BUILD:-}}" = asan ] && full=
. "$(dirname "$0")/lib.sh"
D=2026-11-27
cells() { /usr/bin/python3 tests/xlsx-cells.py "$1"; }
. tests/inbox-lib.sh
empty() { [ -z "$(ls -A "$1")" ]; }
docs() { sqlite3 "$1/ledger.db" 'SELECT count(*) FROM document'; }
# files SPOOL DIR: how many regular files are under SPOOL/DIR
files() { find "$1/$2" -type f | wc -l; }
# keys FILE.tsv.gz: the order keys of the records, sorted
keys() { zcat "$1" | awk -F '\t' '$1 == "order" { print $2 }' | sort; }

# --init
"$bin/po-inbox" --init "$tmp/s" > "$tmp/out" 2>&1
check "--init lays out a spool (exit 0)" $? "$(cat "$tmp/out")"
for d in tmp inbox work done failed out property; do [ -d "$tmp/s/$d" ] || break; done
check "with tmp, inbox, work, done, failed, out and property" $? "$(ls "$tmp/s")"
cmp -s samples/catalog.xml "$tmp/s/catalog.xml" && cmp -s samples/rules.xml "$tmp/s/rules.xml"
check "and copies of the sample catalog and rules" $?
grep -q '^catalog = catalog.xml' "$tmp/s/poreview.conf" && grep -q '^# ' "$tmp/s/poreview.conf"
check "and a commented poreview.conf" $?
"$bin/po-ledger" init "$tmp/fresh.db" > /dev/null 2>&1
[ "$(sqlite3 "$tmp/s/ledger.db" 'PRAGMA user_version')" = \
    "$(sqlite3 "$tmp/fresh.db" 'PRAGMA user_version')" ]
check "and a ledger" $?
echo "# mine" >> "$tmp/s/poreview.conf"
"$bin/po-inbox" --init "$tmp/s" > /dev/null 2>&1 && grep -q '^# mine' "$tmp/s/poreview.conf"
check "--init again keeps the files there" $?

# nothing to do
inbox "$tmp/s"
[ $st -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
check "an empty inbox: no output, exit 0" $? "$st $(cat "$tmp/out" "$tmp/err")"
inbox "$tmp/s" -v
[ $st -eq 0 ] && grep -q "nothing to do" "$tmp/out"
check "-v says there was nothing to do" $? "$(cat "$tmp/out")"

# a normal batch: the samples and corpus orders
newspool a
cp samples/orders/* "$tmp/a/inbox/"
if have_corpus "three corpus orders in the normal batch"; then
	for f in ubl/UBL-Order-2.1-Example.xml peppol/UC1_Order.xml \
	    cxml/officeluv_order_request_coupa.xml; do
		cp "$corpus/$f" "$tmp/a/inbox/"
	done
fi
n=$(ls "$tmp/a/inbox" | wc -l)
ls "$tmp/a/inbox" > "$tmp/dropped"
inbox "$tmp/a"
check "a batch of $n orders (exit 0)" $st "$(cat "$tmp/err")"
grep -qx "po-inbox: $tmp/a: $n files: $n reviewed, 0 duplicates, 0 failed; out/review-20261127-[0-2][0-9][0-5][0-9][0-5][0-9]-1.xlsx" "$tmp/out" &&
    [ ! -s "$tmp/err" ]
check "one summary line, nothing on stderr" $? "$(cat "$tmp/out" "$tmp/err")"
set -- "$tmp"/a/out/review-*.xlsx
book=$1
[ $# -eq 1 ] && [ -f "${book%.xlsx}.tsv.gz" ]
check "the workbook in out/, its records beside it (.tsv.gz)" $? "$(ls "$tmp/a/out")"
cells "$book" > "$tmp/cells" 2> "$tmp/err"
check "openpyxl opens the workbook" $? "$(cat "$tmp/err")"
zcat "${book%.xlsx}.tsv.gz" > "$tmp/rec.tsv" && tests/check-records.sh "$tmp/rec.tsv"
check "the records match records.md" $?
awk -F '\t' '$1 == "Summary" && $2 ~ /^A[0-9]+$/ && $2 != "A1" { print $4 }' "$tmp/cells" |
    sort > "$tmp/inbook"
keys "${book%.xlsx}.tsv.gz" | diff - "$tmp/inbook" > "$tmp/d" && [ "$(wc -l < "$tmp/inbook")" -eq $n ]
check "the workbook's Summary lists every order of the records" $? "$(cat "$tmp/d")"
awk -F '\t' '$1 == "order" { print $4 }' "$tmp/rec.tsv" | sort | diff - "$tmp/dropped" > "$tmp/d"
check "each order's source is its file's original name" $? "$(cat "$tmp/d")"
ls "$tmp/a/done/$D" | diff - "$tmp/dropped" > "$tmp/d" &&
    (for f in samples/orders/*; do cmp -s "$f" "$tmp/a/done/$D/${f##*/}" || exit 1; done)
check "the originals are filed unchanged in done/$D/" $? "$(cat "$tmp/d")"
[ "$(files "$tmp/a" inbox)" -eq 0 ] && [ -z "$(ls -A "$tmp/a/work")" ] &&
    [ "$(files "$tmp/a" failed)" -eq 0 ]
check "inbox/, work/ and failed/ are empty" $? "$(find "$tmp/a/inbox" "$tmp/a/work")"
[ "$(docs "$tmp/a")" -eq $((n + 4)) ]
check "the ledger holds the $n orders (and the 4 of the history)" $? "$(docs "$tmp/a")"

# customer property: the embedded drawing of an order stored in property/
newspool p
rmdir "$tmp/p/property"
inbox "$tmp/p"
[ $st -eq 0 ] && [ -d "$tmp/p/property" ]
check "a spool laid out before property/ existed gets one" $? "$st $(cat "$tmp/err")"
cp tests/property/order-drawing.xml "$tmp/p/inbox/drawing.xml"
touch -d '2026-11-01 10:00' "$tmp/p/inbox/drawing.xml"
gzip -c tests/property/order-drawing.xml > "$tmp/p/inbox/drawing-again.xml.gz"
: > "$tmp/p/property/.po-parse.Ab12Cd"	# left by a po-parse killed while storing
inbox "$tmp/p"
[ $st -eq 0 ] && grep -q ": 2 files: 1 reviewed, 1 duplicate, 0 failed" "$tmp/out"
check "an order with a drawing, and the same gzipped: reviewed once (exit 0)" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
sed -n '/filename="LJ-BR-2207_revC.txt">/,/<\/cbc:Embedded/p' tests/property/order-drawing.xml |
    sed -e 's/.*filename="LJ-BR-2207_revC.txt">//' -e 's/<.*//' | base64 -d > "$tmp/drawing"
sha=$(sha256sum < "$tmp/drawing" | cut -c1-64)
[ -s "$tmp/drawing" ] && cmp -s "$tmp/p/property/$sha.txt" "$tmp/drawing"
check "the drawing is in property/ as SHA256.txt, the bytes base64 -d gives" $? \
    "$(ls -la "$tmp/p/property")"
[ "$(ls -A "$tmp/p/property" | tr '\n' ' ')" = "$sha.bin $sha.txt " ]
check "stored once (the hostile copy's MIME type gives .bin), no temporary file left" $? \
    "$(ls -A "$tmp/p/property")"
set -- "$tmp"/p/out/review-*.tsv.gz
zcat "$1" | awk -F '\t' -v sha="$sha" '$1 == "doc" && $7 == "LJ-BR-2207_revC.txt" &&
    $12 == sha && $13 == sha ".txt" { n++ } END { exit n != 1 }'
check "the doc record in the batch's records names it" $? "$(zcat "$1" | grep '^doc')"

# rejected files
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/a/inbox/good.xml"
sed 's/EAC-PO-2026-11482/EAC-PO-2026-99999/' samples/orders/ubl-001-euro-appliance.xml > "$tmp/a/inbox/good2.xml"
printf '<Order><broken' > "$tmp/a/inbox/broken.xml"
printf '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>\n' \
    > "$tmp/a/inbox/invoice.xml"
printf 'not gzip at all' > "$tmp/a/inbox/fake.xml.gz"
inbox "$tmp/a"
[ $st -eq 1 ]
check "rejected files: exit 1" $? "$st $(cat "$tmp/err")"
grep -q ": 5 files: 1 reviewed, 1 duplicate, 3 failed; out/review-" "$tmp/out"
check "the summary counts them" $? "$(cat "$tmp/out")"
for f in broken.xml invoice.xml fake.xml.gz; do
	[ -f "$tmp/a/failed/$f" ] && grep -q "^po-parse: $f:" "$tmp/a/failed/$f.why" || break
done
check "each in failed/ with NAME.why holding po-parse's messages" $? \
    "$(ls "$tmp/a/failed"; cat "$tmp/a/failed"/*.why)"
grep -q "Invoice" "$tmp/a/failed/invoice.xml.why"
check "the .why says what the file is" $? "$(cat "$tmp/a/failed/invoice.xml.why")"
[ -f "$tmp/a/done/$D/good2.xml" ] && [ "$(docs "$tmp/a")" -eq $((n + 5)) ]
check "the other file of the batch is reviewed and committed" $? "$(docs "$tmp/a")"

# duplicates and changes
[ -f "$tmp/a/done/$D/duplicates/good.xml" ]
check "the same content dropped again is filed in done/$D/duplicates/" $? \
    "$(find "$tmp/a/done" -name good.xml)"
cp samples/orders/peppol-001-vdberg-hvac.xml "$tmp/a/inbox/twice-1.xml"
cp samples/orders/peppol-001-vdberg-hvac.xml "$tmp/a/inbox/twice-2.xml"
gzip -c samples/orders/peppol-002-norrvatten-rush.xml > "$tmp/a/inbox/zipped.xml.gz"
sed 's/quantity="400"/quantity="500"/' samples/history/cxml-h01-pacific-wire-october.xml \
    > "$tmp/a/inbox/changed.xml"
before=$(docs "$tmp/a")
inbox "$tmp/a"
[ $st -eq 0 ] && grep -q ": 4 files: 1 reviewed, 3 duplicates, 0 failed" "$tmp/out"
check "two copies and a gzipped copy of committed orders: duplicates" $? "$(cat "$tmp/out" "$tmp/err")"
ls "$tmp/a/done/$D/duplicates" | tr '\n' ' ' > "$tmp/d"
[ "$(cat "$tmp/d")" = "good.xml good.xml.why twice-1.xml twice-1.xml.why twice-2.xml twice-2.xml.why zipped.xml.gz zipped.xml.gz.why " ]
check "they are filed as duplicates, each with NAME.why" $? "$(cat "$tmp/d")"
k=$(awk -F '\t' '$1 == "order" { print $2 }' "$tmp/rec.tsv" | grep -m1 EAC-PO-2026-11482)
grep -qx "po-inbox: good.xml: a duplicate, not reviewed again: order $k with the same content (checksum [0-9a-f]*, [0-9]* bytes) was committed to the ledger on $D, from 'ubl-001-euro-appliance.xml' (document [0-9a-f]*)" \
    "$tmp/a/done/$D/duplicates/good.xml.why"
check "the .why names the order, and when and from which file it was committed" $? \
    "$k: $(cat "$tmp/a/done/$D/duplicates/good.xml.why")"
grep -q "from 'peppol-002-norrvatten-rush.xml'" "$tmp/a/done/$D/duplicates/zipped.xml.gz.why"
check "the gzipped copy's .why names the file it repeats" $? \
    "$(cat "$tmp/a/done/$D/duplicates/zipped.xml.gz.why")"
set -- $(ls -t "$tmp"/a/out/review-*.tsv.gz)
zcat "$1" | grep -q "^finding.*	changed	review	sales	"
check "the same order with other content is reviewed as a change" $?
[ "$(docs "$tmp/a")" -eq $((before + 1)) ]
check "only the change is committed" $?
cp samples/orders/cxml-005-pacific-wire-supply.xml "$tmp/a/inbox/x.xml"
cp samples/orders/cxml-005-pacific-wire-supply.xml "$tmp/a/inbox/y.xml"
sed 's/PWT-88410/PWT-88411/' samples/orders/cxml-005-pacific-wire-supply.xml > "$tmp/s1.xml"
inbox "$tmp/a"
grep -q ": 2 files: 0 reviewed, 2 duplicates" "$tmp/out" && [ ! -e "$tmp/a/out/review-x" ]
check "a batch of duplicates only writes no workbook" $? "$(cat "$tmp/out")"
sed 's/PWT-88410/PWT-88412/' samples/orders/cxml-005-pacific-wire-supply.xml > "$tmp/a/inbox/new-1.xml"
cp "$tmp/a/inbox/new-1.xml" "$tmp/a/inbox/new-2.xml"
touch -d '2026-11-01 10:00' "$tmp/a/inbox/new-1.xml"
inbox "$tmp/a"
set -- $(ls -t "$tmp"/a/out/review-*.xlsx)
grep -q ": 2 files: 1 reviewed, 1 duplicate" "$tmp/out" &&
    grep -qx "po-inbox: new-2.xml: a duplicate, not reviewed again: order .*/PWT-88412 with the same content (checksum [0-9a-f]*, [0-9]* bytes) is 'new-1.xml', reviewed in this batch (out/${1##*/})" \
    "$tmp/a/done/$D/duplicates/new-2.xml.why"
check "a copy in the same batch: its .why names the file and the batch's workbook" $? \
    "$(cat "$tmp/out" "$tmp/a/done/$D/duplicates/new-2.xml.why")"
cp "$tmp/s1.xml" "$tmp/a/inbox/good2.xml"
inbox "$tmp/a"
[ -f "$tmp/a/done/$D/good2 (2).xml" ] && cmp -s "$tmp/s1.xml" "$tmp/a/done/$D/good2 (2).xml"
check "a name filed before gets a number, never replaces" $? "$(ls "$tmp/a/done/$D" | grep -a '^good')"

# one time base, UTC: the workbook's name, done/DATE and the review date
# come from the same "today" (--today, else SOURCE_DATE_EPOCH, else the
# clock), whatever the local time zone says
newspool t
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/t/inbox/"
SOURCE_DATE_EPOCH=1796254200 TZ=Asia/Shanghai "$bin/po-inbox" --settle 0 "$tmp/t" \
    > "$tmp/out" 2> "$tmp/err"	# 2026-12-02 23:30:00 UTC, 07:30 on the 3rd in Shanghai
st=$?
[ $st -eq 0 ] && [ -f "$tmp/t/out/review-20261202-233000-1.xlsx" ] &&
    [ -f "$tmp/t/done/2026-12-02/ubl-001-euro-appliance.xml" ] &&
    [ "$(sqlite3 "$tmp/t/ledger.db" "SELECT committed FROM document WHERE source LIKE 'ubl-001%'")" = 2026-12-02 ] &&
    zcat "$tmp/t/out/review-20261202-233000-1.tsv.gz" | grep -q "^run	run	[^	]*	2026-12-02	"
check "SOURCE_DATE_EPOCH in UTC+8: workbook, done/, ledger and review on one UTC date" $? \
    "$st $(cat "$tmp/err"; ls "$tmp/t/out" "$tmp/t/done")"
cp samples/orders/ubl-002*.xml "$tmp/t/inbox/"
SOURCE_DATE_EPOCH=1796254200 TZ=Asia/Shanghai "$bin/po-inbox" --settle 0 --today 2027-01-04 "$tmp/t" \
    > "$tmp/out" 2> "$tmp/err"
st=$?
set -- "$tmp"/t/done/2027-01-04/ubl-002*.xml
[ $st -eq 0 ] && [ -f "$tmp/t/out/review-20270104-233000-1.xlsx" ] && [ -f "$1" ] &&
    zcat "$tmp/t/out/review-20270104-233000-1.tsv.gz" | grep -q "^run	run	[^	]*	2027-01-04	"
check "--today wins: review-20270104-*, done/2027-01-04/, reviewed on 2027-01-04" $? \
    "$st $(cat "$tmp/err"; ls "$tmp/t/out" "$tmp/t/done")"

# names: spaces, a newline, .., a leading dash, a byte that is not UTF-8
newspool n
nl='
'
set -- samples/orders/*.xml
cp "$1" "$tmp/n/inbox/with space.xml"
cp "$2" "$tmp/n/inbox/new${nl}line.xml"
cp "$3" "$tmp/n/inbox/x..y...xml"
cp "$3" "$tmp/n/inbox/.hidden.xml"
cp "$4" "$tmp/n/inbox/-dash.xml"
cp "$5" "$tmp/n/inbox/$(printf 'caf\351.xml')"
printf '<x' > "$tmp/n/inbox/bad ..${nl}name.xml"
touch -d '2026-11-01 10:00' "$tmp/n/inbox/with space.xml"
touch -d '2026-11-01 09:00' "$tmp/n/inbox/x..y...xml"
touch -d '2026-11-01 08:00' "$tmp/n/inbox/-dash.xml"
inbox "$tmp/n"
[ $st -eq 1 ] && grep -q ": 6 files: 5 reviewed, 0 duplicates, 1 failed" "$tmp/out"
check "hostile names: 5 reviewed, 1 failed" $? "$(cat "$tmp/out" "$tmp/err")"
[ -f "$tmp/n/done/$D/new${nl}line.xml" ] && [ -f "$tmp/n/done/$D/x..y...xml" ] &&
    [ -f "$tmp/n/done/$D/-dash.xml" ] && [ -f "$tmp/n/done/$D/$(printf 'caf\351.xml')" ] &&
    [ -f "$tmp/n/failed/bad ..${nl}name.xml.why" ]
check "each filed under its own name" $? "$(ls -b "$tmp/n/done/$D" "$tmp/n/failed")"
[ -f "$tmp/n/inbox/.hidden.xml" ]
check "a hidden file (a copy tool's temporary name) is left alone" $?
set -- "$tmp"/n/out/review-*.tsv.gz
zcat "$1" > "$tmp/rec.tsv" && tests/check-records.sh "$tmp/rec.tsv" &&
    grep -q "	new\\\\nline.xml	" "$tmp/rec.tsv" && grep -q "	$(printf 'caf\357\277\275').xml	" "$tmp/rec.tsv"
check "the records stay valid UTF-8, the names escaped" $? "$(cut -f4 "$tmp/rec.tsv" | head)"
awk -F '\t' '$1 == "order" { print $4 }' "$tmp/rec.tsv" | head -n 3 | tr '\n' '|' > "$tmp/d"
[ "$(cat "$tmp/d")" = "-dash.xml|x..y...xml|with space.xml|" ]
check "oldest orders first" $? "$(cat "$tmp/d")"

if [ -n "$full" ]; then
# two runs at once: the second exits 75 at once
newspool c
cp samples/orders/ubl-00[1-4]*.xml "$tmp/c/inbox/"
"$bin/po-inbox" --settle 2 --today $D "$tmp/c" > "$tmp/out1" 2> "$tmp/err1" &
p1=$!
"$bin/po-inbox" --settle 2 --today $D "$tmp/c" > "$tmp/out2" 2> "$tmp/err2" &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
[ "$s1$s2" = 075 ] || [ "$s1$s2" = 750 ]
check "two runs started together: one works, the other exits 75" $? "$s1 $s2"
cat "$tmp/err1" "$tmp/err2" | grep -q "^po-inbox: $tmp/c is busy: another po-inbox holds $tmp/c/.lock"
check "with a clear message" $? "$(cat "$tmp/err1" "$tmp/err2")"
[ "$(files "$tmp/c" "done/$D")" -eq 4 ] && [ "$(docs "$tmp/c")" -eq 8 ]
check "nothing processed twice" $? "$(docs "$tmp/c")"

# a file still being written is left for the next run
newspool g
cp samples/orders/ubl-006-brueckner-motor-leads.xml "$tmp/g/inbox/ready.xml"
f=samples/orders/ubl-009-iberia-distribution-40lines.xml
mkdir "$tmp/chunks" && split -n 20 "$f" "$tmp/chunks/c"
(for c in "$tmp"/chunks/c*; do cat "$c"; sleep 0.15; done) > "$tmp/g/inbox/growing.xml" &
writer=$!
while [ ! -s "$tmp/g/inbox/growing.xml" ]; do sleep 0.05; done
"$bin/po-inbox" --settle 2 --today $D "$tmp/g" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ -f "$tmp/g/inbox/growing.xml" ] && [ -f "$tmp/g/done/$D/ready.xml" ]
check "--settle 2: a growing file stays in inbox/, a still one is taken" $? \
    "$st $(cat "$tmp/out" "$tmp/err"; ls "$tmp/g/inbox")"
grep -q "; 1 still changing, left for the next run" "$tmp/out"
check "the summary says a file was left" $? "$(cat "$tmp/out")"
wait $writer
"$bin/po-inbox" --settle 1 --today $D "$tmp/g" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && cmp -s "$f" "$tmp/g/done/$D/growing.xml"
check "the next run takes it whole" $? "$(cat "$tmp/out" "$tmp/err")"
fi

if [ -n "$full" ]; then
# a file that never settles (touched again and again) is named in the
# summary once it has waited --stuck seconds, so cron mails it; one whose
# modification time is in the future (a share's clock) settles as any other
newspool w
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/w/inbox/slow${nl}one.xml"
cp samples/orders/ubl-002*.xml "$tmp/w/inbox/future.xml"
touch -d '+2 days' "$tmp/w/inbox/future.xml"
(while :; do touch -c "$tmp/w/inbox/slow${nl}one.xml"; sleep 0.1; done) &
toucher=$!
"$bin/po-inbox" --settle 2 --stuck 3 --today $D "$tmp/w" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ -f "$tmp/w/done/$D/future.xml" ] &&
    grep -q ": 1 file: 1 reviewed, 0 duplicates, 0 failed; out/review-.*; 1 still changing, left for the next run$" "$tmp/out"
check "a file dated in the future is taken; one being touched waits (not stuck yet)" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
sleep 1.5
"$bin/po-inbox" --settle 2 --stuck 3 --today $D "$tmp/w" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
    grep -qx "po-inbox: $tmp/w: no file taken; 1 still changing, left for the next run; not settled for over 3 s, left in inbox/: 'slow\\\\none.xml' (changing since [0-9-]* [0-9:]* UTC)" "$tmp/out"
check "still changing after --stuck 3: the summary names it, on one line" $? \
    "$st $(cat "$tmp/out" "$tmp/err")"
kill $toucher
wait $toucher 2> /dev/null
"$bin/po-inbox" --settle 2 --stuck 3 --today $D "$tmp/w" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && [ -f "$tmp/w/done/$D/slow${nl}one.xml" ] && [ ! -e "$tmp/w/.waiting" ] &&
    grep -q ": 1 file: 1 reviewed" "$tmp/out" && ! grep -q "settled" "$tmp/out"
check "once still, it is taken and forgotten" $? "$(cat "$tmp/out" "$tmp/err"; ls -A "$tmp/w")"
fi

# SIGKILL at each stage: each run takes the batch one step further and is
# killed there; a last run finishes it: nothing lost, nothing twice
newspool k
cp samples/orders/ubl-00[1-3]*.xml "$tmp/k/inbox/"
printf '<bad' > "$tmp/k/inbox/bad.xml"
for stage in claimed parsed checked xlsx sheet ledger committed respond planned filed; do
	PO_INBOX_TEST_KILL=$stage "$bin/po-inbox" --settle 0 --today $D "$tmp/k" \
	    > "$tmp/out" 2>&1
	s1=$?
	[ $s1 -eq 137 ] && empty "$tmp/k/inbox" && [ "$(ls "$tmp/k/work" | wc -l)" -eq 1 ]
	check "killed at '$stage': the batch waits in work/" $? "$s1 $(cat "$tmp/out")"
done
[ "$(docs "$tmp/k")" -eq 7 ]
check "committed once although po-ledger ran twice" $? "$(docs "$tmp/k")"
inbox "$tmp/k"
[ $st -eq 1 ] && empty "$tmp/k/work" && empty "$tmp/k/inbox" &&
    [ "$(files "$tmp/k" "done/$D")" -eq 3 ] && [ -f "$tmp/k/failed/bad.xml.why" ] &&
    [ "$(docs "$tmp/k")" -eq 7 ] && [ "$(ls "$tmp/k/out" | grep -c '^review-')" -eq 2 ] &&
    grep -q ": 4 files: 3 reviewed, 0 duplicates, 1 failed; out/review-" "$tmp/out"
check "the next run finishes it: every file filed, each order once, one workbook" $? \
    "$st $(cat "$tmp/out" "$tmp/err"; docs "$tmp/k"; find "$tmp/k/work" "$tmp/k/done" "$tmp/k/out")"
# killed while the filed batch is cleared from work/: after its journal
# says so, and after the first of its files is gone (names or disp)
for stage in cleaning clearing; do
	newspool "c-$stage"
	cp samples/orders/ubl-00[1-2]*.xml "$tmp/c-$stage/inbox/"
	# each run is killed after it removed one more file, until none is left
	for try in $(seq 1 30); do
		PO_INBOX_TEST_KILL=$stage "$bin/po-inbox" --settle 0 --today $D \
		    "$tmp/c-$stage" > /dev/null 2> "$tmp/err"
		s1=$?
		[ $s1 -eq 137 ] || break
	done
	inbox "$tmp/c-$stage"
	[ $s1 -le 137 ] && [ $st -eq 0 ] && empty "$tmp/c-$stage/work" &&
	    [ "$(files "$tmp/c-$stage" "done/$D")" -eq 2 ] &&
	    [ "$(docs "$tmp/c-$stage")" -eq 6 ]
	check "killed at '$stage' (clearing work/): the next run ends the batch, exit 0" $? \
	    "$s1 $st $(cat "$tmp/out" "$tmp/err"; find "$tmp/c-$stage/work")"
done
cp samples/orders/ubl-00[4-6]*.xml "$tmp/k/inbox/"
PO_INBOX_TEST_KILL=claim "$bin/po-inbox" --settle 0 --today $D "$tmp/k" > /dev/null 2>&1
s1=$?
[ $s1 -eq 137 ] && [ "$(files "$tmp/k" work)" -ge 1 ] && [ "$(files "$tmp/k" inbox)" -eq 2 ]
check "killed while claiming: one file in work/, two still in inbox/" $? "$s1"
inbox "$tmp/k"
[ $st -eq 0 ] && empty "$tmp/k/work" && empty "$tmp/k/inbox" &&
    [ "$(files "$tmp/k" "done/$D")" -eq 6 ] && [ "$(docs "$tmp/k")" -eq 10 ] &&
    grep -q ": 3 files: 3 reviewed" "$tmp/out"
check "the next run finishes that batch and takes the others" $? \
    "$st $(cat "$tmp/out" "$tmp/err"; docs "$tmp/k")"

if [ -n "$full" ]; then
# SIGKILL at random moments (seeded), again and again, over a batch of many
newspool r
mkdir "$tmp/r-in"
cp samples/orders/* "$tmp/r-in/"
if have_corpus "corpus orders in the batch killed at random"; then
	cp "$corpus"/ubl/UBL-Order-2*.xml "$corpus"/peppol/*Order*.xml \
	    "$corpus"/cxml/*.xml "$tmp/r-in/"
fi
for k in 1 2 3; do printf '<broken%s' $k > "$tmp/r-in/broken-$k.xml"; done
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/r-in/copy-of-ubl-001.xml"
cp tests/property/order-drawing.xml "$tmp/r-in/"
ls "$tmp/r-in" | sort > "$tmp/all"
"$bin/po-parse" "$tmp"/r-in/* 2> /dev/null | awk -F '\t' '$1 == "order" {
    print $2 "\t" $36 "\t" $37 }' | sort -u > "$tmp/distinct"
cp "$tmp"/r-in/* "$tmp/r/inbox/"
kills=0
for delay in $(awk 'BEGIN { srand(20261127); for (i = 0; i < 8; i++)
    printf "%.2f ", rand() * 0.6 }'); do
	"$bin/po-inbox" --settle 0 --today $D "$tmp/r" > /dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2> /dev/null && kills=$((kills + 1))
	{ wait $pid; } 2> /dev/null
done
for try in 1 2 3 4 5 6 7 8 9 10; do
	inbox "$tmp/r"
	[ $st -ne 75 ] && break
	sleep 0.2
done
[ $st -le 1 ] && empty "$tmp/r/work" && empty "$tmp/r/inbox"
check "killed $kills times at random, a last run finishes (work/, inbox/ empty)" $? \
    "$st $(cat "$tmp/err"; find "$tmp/r/work" "$tmp/r/inbox")"
find "$tmp/r/done" "$tmp/r/failed" -type f ! -name '*.why' | sed 's,.*/,,' | sort > "$tmp/filed"
diff "$tmp/all" "$tmp/filed" > "$tmp/d"
check "every input file is filed exactly once in done/ or failed/" $? "$(cat "$tmp/d")"
for k in 1 2 3; do [ -f "$tmp/r/failed/broken-$k.xml.why" ] || break; done
check "the broken ones in failed/ with their .why" $?
[ "$(docs "$tmp/r")" -eq $(($(wc -l < "$tmp/distinct") + 4)) ]
check "the ledger holds each distinct order exactly once" $? \
    "$(docs "$tmp/r") vs $(wc -l < "$tmp/distinct") + 4"
for b in "$tmp"/r/out/*.xlsx; do
	cells "$b" | awk -F '\t' '$1 == "Summary" && $2 ~ /^A[0-9]+$/ && $2 != "A1" { print $4 }'
done | sort > "$tmp/inbooks"
sqlite3 "$tmp/r/ledger.db" "SELECT order_key FROM document WHERE committed = '$D'" | sort > "$tmp/committed"
diff "$tmp/committed" "$tmp/inbooks" > "$tmp/d"
check "the workbooks cover every order committed, each once" $? "$(cat "$tmp/d")"
(cd "$tmp/r/property" && for f in $(ls -A); do
	[ "$(sha256sum < "$f" | cut -c1-64)" = "${f%.*}" ] || echo "$f"
done) > "$tmp/d"
[ ! -s "$tmp/d" ] && [ -f "$tmp/r/property/$sha.txt" ]
check "property/ holds the attachments whole (each named by its SHA-256), no temporary file" $? \
    "$(cat "$tmp/d")"

# the spool's folders on two file systems: a configuration error (the
# other one /dev/shm, or the disk when $tmp is on /dev/shm)
newspool x
other=
for d in /dev/shm /var/tmp /tmp "$top/build"; do
	if [ -d "$d" ] && [ -w "$d" ] &&
	    [ "$(stat -c %d "$d")" != "$(stat -c %d "$tmp")" ]; then
		other=$d
		break
	fi
done
if [ -n "$other" ]; then
	cp samples/orders/ubl-001-euro-appliance.xml "$tmp/x/inbox/"
	rmdir "$tmp/x/done" && mkdir -p "$other/po-inbox-test.$$" &&
	    ln -s "$other/po-inbox-test.$$" "$tmp/x/done"
	inbox "$tmp/x"
	rm -rf "$other/po-inbox-test.$$"
	[ $st -eq 4 ] && grep -q "different file systems" "$tmp/err" &&
	    [ -f "$tmp/x/inbox/ubl-001-euro-appliance.xml" ]
	check "done/ on another file system: exit 4, inbox untouched" $? "$st $(cat "$tmp/err")"
else
	check "a second file system (/dev/shm, /var/tmp, /tmp, build/) to test on" 1
fi

# a full disk (ulimit -f, SIGXFSZ ignored): nothing lost; then it works
newspool f
cp samples/orders/ubl-009-iberia-distribution-40lines.xml samples/orders/ubl-00[1-3]*.xml "$tmp/f/inbox/"
(ulimit -f 64; trap '' XFSZ; exec "$bin/po-inbox" --settle 0 --today $D "$tmp/f") \
    > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 3 ] && grep -q "File too large" "$tmp/err" && grep -q "waits in work/" "$tmp/err"
check "no space: exit 3, a clear message" $? "$st $(cat "$tmp/err")"
[ "$(files "$tmp/f" work | tr -d ' ')" -ge 4 ] && [ "$(docs "$tmp/f")" -eq 4 ] &&
    [ -z "$(ls "$tmp/f/out")" ]
check "the batch waits in work/; no workbook, nothing committed" $? "$(find "$tmp/f/work" "$tmp/f/out")"
inbox "$tmp/f"
[ $st -eq 0 ] && [ "$(files "$tmp/f" "done/$D")" -eq 4 ] && [ "$(docs "$tmp/f")" -eq 8 ]
check "the next run with space finishes it" $? "$st $(cat "$tmp/out" "$tmp/err")"

# a read-only out/: a clear error, the inbox untouched.  Root writes
# anywhere, so as root po-inbox runs as nobody, who must be able to enter
# every folder on the way to the commands and to the spool: a checkout
# under a private folder (a home of mode 700) cannot be tested so.
# barrier DIR: the first folder on the way to DIR that $as cannot enter
barrier() {
	b_rest=${1#/} b_path=
	while [ -n "$b_rest" ]; do
		b_path=$b_path/${b_rest%%/*}
		case $b_rest in */*) b_rest=${b_rest#*/} ;; *) b_rest= ;; esac
		$as test -x "$b_path" || { echo "$b_path"; return; }
	done
}
newspool o
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/o/inbox/"
chmod 555 "$tmp/o/out"
as= wall=
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$tmp"
	chown -R nobody "$tmp/o"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	wall=$(barrier "$bin")
	[ -n "$wall" ] || wall=$(barrier "$tmp/o")
fi
title="a read-only out/: exit 3, a clear message, inbox untouched"
if [ -n "$wall" ]; then
	skip "$title" "run as root, so as nobody, who cannot enter $wall"
else
	$as "$bin/po-inbox" --settle 0 --today $D "$tmp/o" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st -eq 3 ] && grep -q "cannot write in '$tmp/o/out'" "$tmp/err" &&
	    [ -f "$tmp/o/inbox/ubl-001-euro-appliance.xml" ] &&
	    [ -z "$(ls "$tmp/o/work")" ]
	check "$title" $? "$st $(cat "$tmp/err")"
fi
fi

# settings
newspool cf
printf 'catalog = catalog.xml\n# a comment\n\ncolour = blue\n' > "$tmp/cf/poreview.conf"
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/cf/inbox/"
inbox "$tmp/cf"
[ $st -eq 4 ] && grep -qx "po-inbox: $tmp/cf/poreview.conf:4: unknown key 'colour' (catalog, rules, ledger, lang, settle, stuck)" "$tmp/err" &&
    [ -f "$tmp/cf/inbox/ubl-001-euro-appliance.xml" ]
check "an unknown key: exit 4 naming file:line, inbox untouched" $? "$st $(cat "$tmp/err")"
printf 'settle = soon\n' > "$tmp/cf/poreview.conf"
inbox "$tmp/cf"
[ $st -eq 4 ] && grep -q "poreview.conf:1: bad value 'soon' for settle" "$tmp/err"
check "a bad value: exit 4" $? "$st $(cat "$tmp/err")"
printf 'stuck = 0\n' > "$tmp/cf/poreview.conf"
inbox "$tmp/cf"
[ $st -eq 4 ] && grep -q "poreview.conf:1: bad value '0' for stuck" "$tmp/err"
check "stuck = 0: a bad value, exit 4" $? "$st $(cat "$tmp/err")"
printf 'rules = /nonexistent/rules.xml\n' > "$tmp/cf/poreview.conf"
inbox "$tmp/cf"
[ $st -eq 4 ] && grep -q "cannot read '/nonexistent/rules.xml'" "$tmp/err"
check "missing rules: exit 4 before anything moves" $? "$st $(cat "$tmp/err")"
printf 'lang = en\n' > "$tmp/cf/poreview.conf"
inbox "$tmp/cf"
set -- "$tmp"/cf/out/review-*.xlsx
cells "$1" > "$tmp/cells"
[ $st -eq 0 ] && grep -q "^Summary	A1	s	Order key$" "$tmp/cells"
check "lang = en: an English workbook" $? "$st $(cat "$tmp/err")"
mkdir "$tmp/notspool"
inbox "$tmp/notspool"
[ $st -eq 4 ] && grep -q "is not a spool" "$tmp/err"
check "not a spool: exit 4" $? "$st $(cat "$tmp/err")"

# the command line
"$bin/po-inbox" > /dev/null 2>&1
[ $? -eq 2 ]
check "no spool: usage, exit 2" $?
"$bin/po-inbox" -h | grep -q "^usage: po-inbox"
check "-h prints the usage" $?
"$bin/po-inbox" --version | grep -q "^po-inbox "
check "--version" $?
"$bin/po-inbox" --bogus "$tmp/s" > /dev/null 2>&1
[ $? -eq 2 ]
check "an unknown option: exit 2" $?

# a spool named by a relative path, as a person types it
mkdir -p "$tmp/rel" && "$bin/po-inbox" --init "$tmp/rel/spool" > /dev/null 2>&1
cp samples/orders/ubl-001-euro-appliance.xml "$tmp/rel/spool/inbox/"
(cd "$tmp/rel" && "$bin/po-inbox" --settle 0 --today $D spool) > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && grep -q ": 1 file: 1 reviewed" "$tmp/out" &&
    [ -f "$tmp/rel/spool/done/$D/ubl-001-euro-appliance.xml" ] &&
    [ -z "$(ls "$tmp/rel/spool/work")" ]
check "a relative spool path works as a full one" $? "exit $st: $(cat "$tmp/out" "$tmp/err")"
finish
